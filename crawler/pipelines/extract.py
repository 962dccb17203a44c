"""ExtractPipeline: run the pure extractor on a fetched page.

Settings: NEWS_EXTRACT_ENABLED, NEWS_EXTRACT_WORKERS, NEWS_MIN_ARTICLE_WORDS. Extraction runs in
worker processes (NEWS_EXTRACT_WORKERS, default 1) so that it uses another core while Scrapy's
reactor fetches, archives and stores; a worker that dies is replaced for the next page. Counts article candidates and the fields
extraction filled on them (news/candidates, news/candidates/filled/<field>). Failures are typed
(crawler.extract.ExtractionError), counted as `news/extraction/failed/<reason>` and recorded on
the capture by StorePipeline.
"""
from __future__ import annotations

import asyncio
import ctypes
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.extract import Article, ExtractionError, extract
from crawler.items import PageItem


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
        self.min_words = crawler.settings.getint("NEWS_MIN_ARTICLE_WORDS")
        self.workers = workers
        self.pool: ProcessPoolExecutor | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def _pool(self) -> ProcessPoolExecutor:
        if self.pool is None:
            # spawn, not fork: the crawler process runs a reactor and threads.
            self.pool = ProcessPoolExecutor(max_workers=self.workers,
                                            mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_die_with_the_crawl,
                                            initargs=(os.getpid(),))
        return self.pool

    async def _extract(self, page: str | bytes, url: str, profile: Any) -> Article:
        if not self.workers:
            return extract(page, url, profile=profile)
        try:
            future = self._pool().submit(extract, page, url, profile=profile)
            return await asyncio.wrap_future(future)
        except BrokenProcessPool as error:
            self.pool = None
            raise WorkerCrashedError(f"extraction worker died: {error}") from error

    def spider_closed(self, spider: scrapy.Spider, reason: str) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

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
        profile = getattr(self.crawler.spider, "profile", None)
        stats.inc_value("news/candidates")
        try:
            item.article = await self._extract(item.text if item.text is not None else item.body,
                                               item.url, profile)
        except ExtractionError as error:
            stats.inc_value(f"news/extraction/failed/{error.reason}")
            item.rejected = ("error", f"extraction failed ({error.reason}): {error.message}")
            return item
        stats.inc_value("news/extraction/ok")
        for name in filled_fields(item.article, min_words=self.min_words):
            stats.inc_value(f"news/candidates/filled/{name}")
        return item


def filled_fields(article: Article, *, min_words: int) -> list[str]:
    """Which tracked fields extraction filled on a candidate page. The per-run rates (over
    every article candidate, articles or not) are what health checks compare across runs:
    when a layout change breaks extraction, candidates stop validating as articles."""
    filled = []
    if article.title:
        filled.append("title")
    if article.authors:
        filled.append("authors")
    if article.published:
        filled.append("published")
    if article.word_count >= min_words:
        filled.append("body")
    if any(image.caption for image in article.images):
        filled.append("captions")
    if article.section:
        filled.append("section")
    return filled
