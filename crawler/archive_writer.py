"""ArchiveWriter: the crawl's one writer thread for WARC records and the store rows of the crawl.

Scrapy runs everything on one reactor thread, and on a 2-core machine that thread is what limits a
crawl. Gzip, file writes, fsync and SQLite commits release the GIL, so they run here, beside the
reactor, instead of inside it. One thread, one queue: WARC records are appended in the order they
were submitted, and every job runs to its end before the next starts, so "a capture row is
committed only after its records are flushed" holds exactly as it did on the reactor thread.

Components get the crawler's writer with `ArchiveWriter.for_crawler(crawler)` and `await
writer.call(fn, *args)`: `fn(store, *args)` runs on the writer thread with the writer's own store
connection (opened on that thread; SQLite connections stay on the thread that opened them).
"""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from scrapy import signals
from scrapy.crawler import Crawler

from archive.store import Store, open_store
from crawler.archive_view import per_crawler

T = TypeVar("T")


class ArchiveWriter:
    def __init__(self, archive_dir: str, *, db: str | None = None) -> None:
        self.archive_dir = archive_dir
        self.db = db                              # NEWS_DB_URL: PostgreSQL records, if set
        self._store_handle: Store | None = None   # opened and used on the writer thread only
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="archive-writer")
        self._closed = False

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> "ArchiveWriter | None":
        """The crawler's writer (shared by its components), or None without an archive."""
        def make(archive_dir: str) -> ArchiveWriter:
            writer = cls(archive_dir, db=crawler.settings.get("NEWS_DB_URL") or None)
            # engine_stopped comes after every spider_closed handler has queued its last job
            crawler.signals.connect(writer.close, signal=signals.engine_stopped)
            return writer

        return per_crawler(crawler, "_news_archive_writer", make)

    def _run(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        if self._store_handle is None:
            self._store_handle = open_store(self.archive_dir, db=self.db)
        return fn(self._store_handle, *args)

    def submit(self, fn: Callable[..., T], *args: Any) -> "Future[T]":
        """Queue `fn(store, *args)` on the writer thread."""
        return self._executor.submit(self._run, fn, args)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(store, *args)` on the writer thread; the reactor serves other work meanwhile."""
        return await asyncio.wrap_future(self.submit(fn, *args))

    def run_now(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(store, *args)` after every queued job and wait for it (crawl shutdown)."""
        return self.submit(fn, *args).result()

    def close(self) -> None:
        """Finish queued jobs, close the writer's store connection and stop the thread."""
        if self._closed:
            return
        self._closed = True

        def close_store() -> None:
            if self._store_handle is not None:
                self._store_handle.close()
                self._store_handle = None

        try:
            self._executor.submit(close_store).result()
        finally:
            self._executor.shutdown(wait=True)
