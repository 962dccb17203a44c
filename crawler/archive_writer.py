"""ArchiveWriter: the crawl's one writer thread for WARC records and the store rows of the crawl.

Scrapy runs everything on one reactor thread, and on a 2-core machine that thread is what limits a
crawl. Gzip, file writes, fsync and SQLite commits release the GIL, so they run here, beside the
reactor, instead of inside it. One thread, one queue: WARC records are appended in the order they
were submitted, and every job runs to its end before the next starts, so "a capture row is
committed only after its records are flushed" holds exactly as it did on the reactor thread.

Components get the crawler's writer with `ArchiveWriter.for_crawler(crawler)` and `await
writer.call(fn, *args)`: `fn(store, *args)` runs on the writer thread with the writer's own store
connection (opened on that thread; SQLite connections stay on the thread that opened them).

Capture jobs (`capture()`) write WARC records and hold the capture rows pointing at them; the
rows of the capture jobs queued one after another are inserted together, in one statement on
PostgreSQL (Store.add_captures), when the queue has no next capture job or MAX_HELD_JOBS are
held: one round trip for several rows instead of one each (docs/SCALE.md). A held row's records
are flushed already, and held rows are inserted before any other job runs, before a capture job
reads the store (a revisit's lookup of its URL must see the rows written before it), and before
the thread stops, so the order of effects that other jobs and readers see is the same. Likewise
the revisit lookups of the capture jobs queued together (`lookups=`) are asked in one query
(Store.last_captures) before the first of them runs; a lookup of a URL that a row held since
then could answer is asked again.
"""
from __future__ import annotations

import asyncio
import atexit
import threading
from collections import Counter, deque
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from scrapy import signals
from scrapy.crawler import Crawler

from archive.exceptions import StoreError
from archive.records import Capture
from archive.store import Store, open_store
from crawler.archive_view import per_crawler

T = TypeVar("T")

# Capture jobs whose rows one insert holds at most: each waits for the last one's records, so
# a larger batch delays the first job's answer to the reactor for little more saving.
MAX_HELD_JOBS = 8


@dataclass
class _Job:
    fn: Callable[..., Any]
    args: tuple[Any, ...]
    future: Future[Any]
    capture: bool  # a capture job: holds rows, answers (value, row ids)
    lookups: Callable[[], list[tuple[str, str | None]]] | None = None  # its last_capture calls


@dataclass
class _Held:
    """A capture job that has run: its value or error, and the ids of its rows once inserted."""
    job: _Job
    value: Any = None
    error: BaseException | None = None
    ids: list[int] = field(default_factory=list)


class HoldingStore:
    """The store as a capture job sees it: `hold_capture` holds a row for the writer to insert
    with the other held rows; `last_capture` first inserts held rows of that URL; anything else
    is the writer's store, after every held row is inserted."""

    def __init__(self, writer: ArchiveWriter) -> None:
        self._writer = writer

    def hold_capture(self, capture: Capture) -> None:
        """Hold the row of a capture whose WARC records are written and flushed."""
        self._writer._hold(capture)

    def last_capture(self, url: str, *,
                     payload_digest: str | None = None) -> dict[str, Any] | None:
        asked, found = self._writer._prefetched_capture(url, payload_digest)
        if asked:
            return found
        self._writer._insert_held(url, reraise=True)
        return self._writer._store().last_capture(url, payload_digest=payload_digest)

    def __getattr__(self, name: str) -> Any:
        self._writer._insert_held(reraise=True)
        return getattr(self._writer._store(), name)


class ArchiveWriter:
    def __init__(self, archive_dir: str, *, db: str | None = None) -> None:
        self.archive_dir = archive_dir
        self.db = db                              # NEWS_DB_URL: PostgreSQL records, if set
        self._store_handle: Store | None = None   # opened and used on the writer thread only
        self._jobs: deque[_Job | None] = deque()  # None: stop
        self._ready = threading.Condition()
        self._stopping = False
        self._closed = False
        # writer thread only: capture jobs that have run, rows not yet inserted
        self._held: list[_Held] = []
        self._unsent: list[tuple[_Held, Capture]] = []
        self._running: _Held | None = None
        # last_capture answers asked for the capture jobs queued together, and the URLs of the
        # rows held since (their answers may differ now)
        self._prefetched: dict[tuple[str, str | None], dict[str, Any] | None] = {}
        self._held_since: set[str] = set()
        self._holding = HoldingStore(self)
        self._thread = threading.Thread(target=self._loop, name="archive-writer", daemon=True)
        self._thread.start()
        # as ThreadPoolExecutor's thread: queued jobs are done at exit even without close()
        atexit.register(self._stop)

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> "ArchiveWriter | None":
        """The crawler's writer (shared by its components), or None without an archive."""
        def make(archive_dir: str) -> ArchiveWriter:
            writer = cls(archive_dir, db=crawler.settings.get("NEWS_DB_URL") or None)
            # engine_stopped comes after every spider_closed handler has queued its last job
            crawler.signals.connect(writer.close, signal=signals.engine_stopped)
            return writer

        return per_crawler(crawler, "_news_archive_writer", make)

    # --- the reactor's side -----------------------------------------------------------------
    def _queue(self, fn: Callable[..., Any], args: tuple[Any, ...], *, capture: bool,
               lookups: Callable[[], list[tuple[str, str | None]]] | None = None
               ) -> Future[Any]:
        future: Future[Any] = Future()
        with self._ready:
            if self._stopping:
                raise RuntimeError("the archive writer is closed")
            self._jobs.append(_Job(fn, args, future, capture, lookups))
            self._ready.notify()
        return future

    def submit(self, fn: Callable[..., T], *args: Any) -> "Future[T]":
        """Queue `fn(store, *args)` on the writer thread."""
        return self._queue(fn, args, capture=False)

    async def call(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(store, *args)` on the writer thread; the reactor serves other work meanwhile."""
        return await asyncio.wrap_future(self.submit(fn, *args))

    async def capture(self, fn: Callable[..., T], *args: Any,
                      lookups: Callable[[], list[tuple[str, str | None]]] | None = None
                      ) -> tuple[T, list[int]]:
        """Run `fn(holding_store, *args)` on the writer thread: it writes WARC records and holds
        the capture rows pointing at them (HoldingStore.hold_capture). Its value and the ids of
        its rows, in the order held, once they are inserted. `lookups()` (on the writer thread)
        names the (url, payload_digest) its last_capture calls will ask, if known before."""
        return await asyncio.wrap_future(self._queue(fn, args, capture=True, lookups=lookups))

    def run_now(self, fn: Callable[..., T], *args: Any) -> T:
        """Run `fn(store, *args)` after every queued job and wait for it (crawl shutdown)."""
        return self.submit(fn, *args).result()

    def close(self) -> None:
        """Finish queued jobs, close the writer's store connection and stop the thread."""
        if self._closed:
            return
        self._closed = True

        def close_store(store: Store) -> None:
            if self._store_handle is not None:
                self._store_handle.close()
                self._store_handle = None

        try:
            self._queue(close_store, (), capture=False).result()
        finally:
            self._stop()
            atexit.unregister(self._stop)

    def _stop(self) -> None:
        """Let the thread finish the queued jobs and end; wait for it."""
        with self._ready:
            if not self._stopping:
                self._stopping = True
                self._jobs.append(None)
                self._ready.notify()
        self._thread.join()

    # --- the writer thread --------------------------------------------------------------------
    def _store(self) -> Store:
        if self._store_handle is None:
            self._store_handle = open_store(self.archive_dir, db=self.db)
        return self._store_handle

    def _next(self, *, wait: bool) -> _Job | None | Literal[False]:
        """The next job (None: stop), or False when none is queued and `wait` is off."""
        with self._ready:
            while not self._jobs:
                if not wait:
                    return False
                self._ready.wait()
            return self._jobs.popleft()

    def _loop(self) -> None:
        while True:
            job = self._next(wait=not self._held)
            if job is False:  # nothing queued: answer the held jobs now
                self._release()
                continue
            if job is None:
                self._release()
                return
            if not job.future.set_running_or_notify_cancel():
                continue  # cancelled while queued (as ThreadPoolExecutor skips it)
            if not job.capture or len(self._held) >= MAX_HELD_JOBS:
                self._release()
            if job.capture:
                group = [job, *self._take_captures(MAX_HELD_JOBS - len(self._held) - 1)]
                self._prefetch(group)
                for index, queued in enumerate(group):
                    if index == 0 or queued.future.set_running_or_notify_cancel():
                        self._run_capture(queued)
                self._prefetched.clear()
                continue
            try:
                job.future.set_result(job.fn(self._store(), *job.args))
            except BaseException as error:  # noqa: B036 - handed to the waiting caller
                job.future.set_exception(error)

    def _take_captures(self, most: int) -> list[_Job]:
        """The capture jobs at the head of the queue, `most` at most."""
        taken: list[_Job] = []
        with self._ready:
            while len(taken) < most and self._jobs:
                head = self._jobs[0]
                if head is None or not head.capture:
                    break
                taken.append(self._jobs.popleft())
        return taken

    def _prefetch(self, group: list[_Job]) -> None:
        """Ask the lookups of the capture jobs in `group` in one query. Not those of a URL
        that two of them ask (the first one's row may answer the second) or whose row is held."""
        self._prefetched.clear()
        self._held_since.clear()
        if len(group) < 2:
            return  # one job asks its own lookup: the same one query
        wanted: list[tuple[str, str | None]] = []
        for job in group:
            if job.lookups is not None and not job.future.cancelled():
                wanted += job.lookups()
        urls = Counter(url for url, _ in wanted)
        held = {capture.url for _, capture in self._unsent}
        wanted = [(url, digest) for url, digest in wanted if urls[url] == 1 and url not in held]
        if len(wanted) < 2:
            return
        try:
            found = self._store().last_captures(wanted)
        except StoreError:
            return  # each job asks its own lookup, and meets the error there as before
        self._prefetched = dict(zip(wanted, found))

    def _prefetched_capture(self, url: str, digest: str | None
                            ) -> tuple[bool, dict[str, Any] | None]:
        """(True, the answer) when the last_capture of (url, digest) was asked with its group
        and no row of that URL was held since; else (False, None)."""
        key = (url, digest)
        if key not in self._prefetched or url in self._held_since:
            return False, None
        return True, self._prefetched.pop(key)

    def _run_capture(self, job: _Job) -> None:
        held = self._running = _Held(job)
        try:
            held.value = job.fn(self._holding, *job.args)
        except BaseException as error:  # noqa: B036 - handed over when the rows are inserted
            held.error = error
        finally:
            self._running = None
            self._held.append(held)

    def _hold(self, capture: Capture) -> None:
        assert self._running is not None, "hold_capture outside a capture job"
        self._unsent.append((self._running, capture))
        self._held_since.add(capture.url)

    def _insert_held(self, url: str | None = None, *, reraise: bool = False) -> None:
        """Insert the held rows (only if one is of `url`, when given). If the insert fails, the
        jobs whose rows it held fail with its error (and so does the running job's lookup, with
        `reraise`)."""
        if not self._unsent or (url is not None and all(c.url != url for _, c in self._unsent)):
            return
        unsent, self._unsent = self._unsent, []
        try:
            ids = self._store().add_captures([capture for _, capture in unsent])
        except BaseException as error:  # noqa: B036 - the jobs' callers see it
            for held, _ in unsent:
                if held.error is None:
                    held.error = error
            if reraise:
                raise
            return
        for (held, _), capture_id in zip(unsent, ids):
            held.ids.append(capture_id)

    def _release(self) -> None:
        """Insert the held rows, then answer the held jobs."""
        self._insert_held()
        held, self._held = self._held, []
        for done in held:
            if done.error is not None:
                done.job.future.set_exception(done.error)
            else:
                done.job.future.set_result((done.value, done.ids))
