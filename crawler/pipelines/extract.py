"""ExtractPipeline: hand each fetched article candidate to the page worker (crawler.pipelines.pages),
which decodes, extracts, validates and stores it.

Settings: NEWS_EXTRACT_ENABLED, NEWS_EXTRACT_WORKERS, NEWS_MIN_ARTICLE_WORDS. The work runs in
worker processes (NEWS_EXTRACT_WORKERS, default 1) so that it uses another core while Scrapy's
reactor fetches and archives; a worker that dies is replaced for the next page. Counts article
candidates and the fields extraction filled on them (news/candidates,
news/candidates/filled/<field>). Failures are typed (crawler.extract.ExtractionError), counted
as `news/extraction/failed/<reason>` and recorded on the capture.
"""
from __future__ import annotations

import asyncio
import ctypes
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.extract import ExtractionError
from crawler.items import PageItem
from crawler.pipelines.pages import (PageJob, PageOutcome, PageProcessor, WorkerSetup,
                                     process_in_worker, start_worker)


def _die_with_the_crawl(crawl_pid: int) -> None:
    """Worker initializer. A crawl killed with SIGKILL cannot shut its pool down: the kernel
    then kills the worker too (PR_SET_PDEATHSIG), so no orphan keeps running or holds the
    crawl's output pipes open. Ctrl-C is for the crawl, which stops the pool itself."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: the worker ends when the pool is shut down
        pass
    if os.getppid() != crawl_pid:  # the crawl died while this worker was starting
        os._exit(1)


_PR_SET_PDEATHSIG = 1


class WorkerCrashedError(ExtractionError):
    """The extraction worker process died on this page (it is restarted for the next)."""

    reason = "worker_crashed"


class ExtractPipeline:
    def __init__(self, crawler: Crawler, workers: int) -> None:
        self.crawler = crawler
        settings = crawler.settings
        run_id = settings.getint("NEWS_RUN_ID")
        self.setup = WorkerSetup(
            profile=None, min_words=settings.getint("NEWS_MIN_ARTICLE_WORDS"),
            # pages are stored where they are extracted, in the run's archive (if it has one)
            archive_dir=(settings.get("NEWS_ARCHIVE_DIR") or None) if run_id else None,
            run_id=run_id)
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        self.local: PageProcessor | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def spider_opened(self, spider: scrapy.Spider) -> None:
        self.setup = replace(self.setup, profile=getattr(spider, "profile", None))

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            # spawn, not fork: the crawler process runs a reactor and threads.
            self.pool = ProcessPoolExecutor(max_workers=self.workers,
                                            mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_start_worker,
                                            initargs=(os.getpid(), self.setup))
        return self.pool

    async def _process(self, job: PageJob) -> PageOutcome:
        if not self.workers:
            if self.local is None:
                self.local = PageProcessor(self.setup)
            return self.local.process(job)
        try:
            future = self._pool().submit(process_in_worker, job)
            return await asyncio.wrap_future(future)
        except BrokenProcessPool as error:
            self.pool = None
            raise WorkerCrashedError(f"extraction worker died: {error}") from error

    def spider_closed(self, spider: scrapy.Spider, reason: str) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
        if self.local is not None:
            self.local.close()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ExtractPipeline":
        if not crawler.settings.getbool("NEWS_EXTRACT_ENABLED"):
            raise NotConfigured("NEWS_EXTRACT_ENABLED is off")
        return cls(crawler, max(0, crawler.settings.getint("NEWS_EXTRACT_WORKERS")))

    async def process_item(self, item: Any, spider: scrapy.Spider | None = None) -> Any:
        if not isinstance(item, PageItem) or item.rejected:
            return item
        stats = self.crawler.stats
        if item.status == 304:
            return item  # not modified: StorePipeline links it to the archived version
        if item.status != 200:
            item.rejected = ("error", f"HTTP {item.status}")
            return item
        stats.inc_value("news/candidates")
        job = PageJob(url=item.url, body=item.body, is_text=item.is_text,
                      content_type=item.content_type, capture_id=item.capture_id,
                      fetched_urls=(item.url, *item.redirect_urls))
        try:
            result = await self._process(job)
        except WorkerCrashedError as error:
            stats.inc_value(f"news/extraction/failed/{error.reason}")
            item.rejected = ("error", f"extraction failed ({error.reason}): {error.message}")
            return item
        if result.failed:
            stats.inc_value(f"news/extraction/failed/{result.failed}")
        else:
            stats.inc_value("news/extraction/ok")
        for name in result.filled:
            stats.inc_value(f"news/candidates/filled/{name}")
        if result.rejected and result.rejected[0] == "non-article":
            stats.inc_value("news/non_articles")
        item.rejected = result.rejected
        item.outcome = result.outcome
        item.stored = result.stored
        return item


def _start_worker(crawl_pid: int, setup: WorkerSetup) -> None:
    _die_with_the_crawl(crawl_pid)
    start_worker(setup)
