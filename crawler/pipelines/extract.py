"""ExtractPipeline: hand each fetched article candidate to the page worker (crawler.pipelines.pages),
which decodes, extracts, validates and stores it.

Settings: NEWS_EXTRACT_ENABLED, NEWS_EXTRACT_WORKERS, NEWS_EXTRACT_BATCH, NEWS_MIN_ARTICLE_WORDS,
NEWS_EXTRACT_CPU_LIMIT.
The work runs in worker processes (NEWS_EXTRACT_WORKERS, default 1) so that it uses another core
while Scrapy's reactor fetches and archives. Pages travel in batches (PageBatcher): the pages
that arrive while a worker is busy go to it together, and their outcomes are stored in one
transaction. A worker that dies is replaced, and the pages of its batch are tried again one by
one, so only the page that killed it fails. Counts article
candidates and the fields extraction filled on them (news/candidates,
news/candidates/filled/<field>; in profile-less crawls, only articles and pages that declare
themselves articles count).
Failures are typed (crawler.extract.ExtractionError), counted as
`news/extraction/failed/<reason>` and recorded on the capture.
"""
from __future__ import annotations

import asyncio
import ctypes
import multiprocessing
import os
import signal
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import replace
from typing import Any

import scrapy
from scrapy import signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.extract import ExtractionError
from crawler.items import PageItem
from crawler.pipelines.pages import (PageJob, PageOutcome, PageProcessor, StoreTurns,
                                     WorkerSetup, process_batch_in_worker, start_worker)


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


class PageFailedError(Exception):
    """Processing one page raised an unexpected error in the worker (its message says which)."""


class WorkerCrashedError(ExtractionError):
    """The extraction worker process died on this page (it is restarted for the next)."""

    reason = "worker_crashed"


_Waiting = tuple[PageJob, "asyncio.Future[PageOutcome]"]


class PageBatcher:
    """Send pages to worker processes in batches, at most `in_flight` batches at a time.

    While a worker extracts one batch, the pages that arrive meanwhile wait here and go to it as
    the next batch (up to `batch_size`): the worker never waits for the crawl to hand it one
    page at a time, and one store transaction and one round trip serve the whole batch (in the
    reference benchmark this took ~1 ms per page off the worker, which limits the crawl).

    `run_batch(jobs)` is the function the pool runs (`run_batch(jobs, number)` when
    `numbered`: the batch's place, from 0, in the order sent to the current pool, for
    crawler.pipelines.pages.StoreTurns); `make_pool()` makes a pool, again after a worker
    died. The pages of every batch that died with a worker become suspects: each is then sent
    alone, with nothing else in flight, so the page that kills a worker is the only one that
    fails (WorkerCrashedError) and the others are processed.
    """

    def __init__(self, make_pool: Callable[[], ProcessPoolExecutor],
                 run_batch: Callable[..., list[PageOutcome]], *,
                 batch_size: int, in_flight: int, numbered: bool = False) -> None:
        self.make_pool = make_pool
        self.run_batch = run_batch
        self.numbered = numbered
        self._sent = 0  # batches sent to the current pool
        self.batch_size = max(1, batch_size)
        self.in_flight = max(1, in_flight)
        self.pool: ProcessPoolExecutor | None = None
        self._waiting: list[_Waiting] = []
        self._suspects: list[_Waiting] = []
        self._running = 0
        self._closed = False
        self._loop: asyncio.AbstractEventLoop | None = None

    async def process(self, job: PageJob) -> PageOutcome:
        self._loop = asyncio.get_running_loop()
        result: asyncio.Future[PageOutcome] = self._loop.create_future()
        self._waiting.append((job, result))
        self._pump()
        return await result

    def _pump(self) -> None:
        if self._closed:  # the crawl is stopping: pages not sent yet are not processed
            for _, result in self._waiting + self._suspects:
                result.cancel()
            self._waiting, self._suspects = [], []
            return
        if self._suspects:
            if not self._running:  # alone in the pool: if the worker dies, this page did it
                self._send([self._suspects.pop(0)], suspect=True)
            return
        while self._waiting and self._running < self.in_flight:
            batch = self._waiting[:self.batch_size]
            del self._waiting[:self.batch_size]
            self._send(batch, suspect=False)

    def _send(self, batch: list[_Waiting], *, suspect: bool) -> None:
        self._running += 1
        try:
            if self.pool is None:
                self.pool = self.make_pool()
                self._sent = 0
            jobs = [job for job, _ in batch]
            future = (self.pool.submit(self.run_batch, jobs, self._sent) if self.numbered
                      else self.pool.submit(self.run_batch, jobs))
            self._sent += 1
        except (BrokenProcessPool, RuntimeError) as error:  # broken, or shut down meanwhile
            future = Future()
            future.set_exception(error)
        pool, loop = self.pool, self._loop
        assert loop is not None
        future.add_done_callback(
            lambda done: loop.call_soon_threadsafe(self._finished, batch, done, pool, suspect))

    def _finished(self, batch: list[_Waiting], done: "Future[list[PageOutcome]]",
                  pool: ProcessPoolExecutor | None, suspect: bool) -> None:
        self._running -= 1
        if done.cancelled():  # the crawl is stopping (shutdown cancels what has not started)
            for _, result in batch:
                result.cancel()
            return
        error = done.exception()
        if isinstance(error, BrokenProcessPool):
            if self.pool is pool:
                self.pool = None  # the next batch gets a new pool: a broken one stays broken
            if suspect:
                for _, result in batch:
                    if not result.done():
                        result.set_exception(WorkerCrashedError(f"extraction worker died: {error}"))
            else:
                self._suspects.extend(batch)
        elif error is not None:
            for _, result in batch:
                if not result.done():
                    result.set_exception(error)
        else:
            for (_, result), outcome in zip(batch, done.result()):
                if not result.done():
                    result.set_result(outcome)
        self._pump()

    def shutdown(self) -> None:
        """Stop: pages already in a worker finish, the others are cancelled."""
        self._closed = True
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(self._pump)
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None


class ExtractPipeline:
    def __init__(self, crawler: Crawler, workers: int) -> None:
        self.crawler = crawler
        settings = crawler.settings
        run_id = settings.getint("NEWS_RUN_ID")
        self.setup = WorkerSetup(
            profile=None, min_words=settings.getint("NEWS_MIN_ARTICLE_WORDS"),
            # pages are stored where they are extracted, in the run's archive (if it has one)
            archive_dir=(settings.get("NEWS_ARCHIVE_DIR") or None) if run_id else None,
            run_id=run_id, db=settings.get("NEWS_DB_URL") or None,
            cpu_limit=settings.getfloat("NEWS_EXTRACT_CPU_LIMIT") or None)
        self.workers = workers
        # one batch being processed and one waiting per worker, so no worker ever idles;
        # several workers store their batches in the order sent (StoreTurns)
        self.batcher = PageBatcher(self._make_pool, process_batch_in_worker,
                                   batch_size=settings.getint("NEWS_EXTRACT_BATCH"),
                                   in_flight=2 * max(1, workers), numbered=workers > 1)
        self.local: PageProcessor | None = None
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    def spider_opened(self, spider: scrapy.Spider) -> None:
        self.setup = replace(self.setup, profile=getattr(spider, "profile", None))

    def _make_pool(self) -> ProcessPoolExecutor:
        # spawn, not fork: the crawler process runs a reactor and threads. A new pool numbers
        # its batches from 0 again (PageBatcher), so it gets new turns.
        context = multiprocessing.get_context("spawn")
        turns = StoreTurns(context) if self.workers > 1 else None
        return ProcessPoolExecutor(max_workers=self.workers, mp_context=context,
                                   initializer=_start_worker,
                                   initargs=(os.getpid(), self.setup, turns))

    async def _process(self, job: PageJob) -> PageOutcome:
        if not self.workers:
            if self.local is None:
                self.local = PageProcessor(self.setup)
            return self.local.process(job)
        return await self.batcher.process(job)

    def spider_closed(self, spider: scrapy.Spider, reason: str) -> None:
        self.batcher.shutdown()
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
        job = PageJob(url=item.url, body=item.body, is_text=item.is_text,
                      content_type=item.content_type, capture_id=item.capture_id,
                      fetched_urls=(item.url, *item.redirect_urls))
        try:
            result = await self._process(job)
        except WorkerCrashedError as error:
            stats.inc_value("news/candidates")
            stats.inc_value(f"news/extraction/failed/{error.reason}")
            item.rejected = ("error", f"extraction failed ({error.reason}): {error.message}")
            return item
        if result.error:
            # an unexpected error on this page (a bug, a store failure): this page fails
            # loudly, the other pages of its batch are unaffected
            raise PageFailedError(f"{item.url}: {result.error}")
        if result.failed:
            stats.inc_value(f"news/extraction/failed/{result.failed}")
        else:
            stats.inc_value("news/extraction/ok")
        if result.candidate:
            # without a profile, the section fronts, tag pages and "About us" pages a crawl
            # extracts are no article candidates (crawler.pipelines.pages.candidate): the fill
            # rates health checks compare stay over article pages
            stats.inc_value("news/candidates")
            for name in result.filled:
                stats.inc_value(f"news/candidates/filled/{name}")
        if result.rejected and result.rejected[0] == "non-article":
            stats.inc_value("news/non_articles")
        item.rejected = result.rejected
        item.outcome = result.outcome
        item.stored = result.stored
        return item


def _start_worker(crawl_pid: int, setup: WorkerSetup, turns: StoreTurns | None) -> None:
    _die_with_the_crawl(crawl_pid)
    start_worker(setup, turns)
