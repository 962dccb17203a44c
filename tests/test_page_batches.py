"""Pages go to the page worker in batches (crawler.pipelines.extract.PageBatcher) and each batch
is stored in one transaction (PageProcessor.process_batch): a page that kills the worker fails
alone, an error on one page fails that page only, and every other page of the batch is kept.

The worker functions below run in real spawned worker processes (they are imported there by
module name), and the store is a real SQLite archive.
"""
from __future__ import annotations

import asyncio
import contextlib
import multiprocessing
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from archive.records import Capture, WarcRef
from archive.store import open_store
from crawler.pipelines.extract import PageBatcher, WorkerCrashedError
from crawler.pipelines.pages import PageJob, PageOutcome, PageProcessor, StoreTurns, WorkerSetup
from newsarchive import demosite

BASE = "http://127.0.0.1:8000"


# --- run in the worker processes ------------------------------------------------------------
def sized_batch(jobs: list[PageJob]) -> list[PageOutcome]:
    """Slow enough that pages pile up meanwhile; says how big its batch was; a page whose URL
    ends in /crash kills the process as a segfault in a C extension would."""
    if any(job.url.endswith("/crash") for job in jobs):
        os._exit(1)
    time.sleep(0.05)
    return [PageOutcome(outcome=f"{job.url} in {len(jobs)}") for job in jobs]


def make_pool() -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))


_turns: StoreTurns | None = None
_log: Path | None = None
_together: Any = None


def _init_ordered(turns: StoreTurns | None, log: Path, together: Any) -> None:
    global _turns, _log, _together
    _turns, _log, _together = turns, log, together


def ordered_batch(jobs: list[PageJob], number: int) -> list[PageOutcome]:
    """The first three batches start together (one per worker) and the earlier of them
    extracts longer, so the later ones are ready first; then each "stores" itself by writing
    its number to the log in its turn. A page whose URL ends in /fail raises before the
    batch's turn, as an unexpected error before the writes would (the caller's finally then
    gives the turn away, as process_batch_in_worker's does)."""
    try:
        if number < 3:
            _together.wait(timeout=60)
            time.sleep(1.2 - 0.5 * number)
        if any(job.url.endswith("/fail") for job in jobs):
            raise RuntimeError("failed before storing")
        assert _log is not None
        with _turns.turn(number) if _turns is not None else contextlib.nullcontext():
            with _log.open("a") as log:
                log.write(f"{number}\n")
        return [PageOutcome(outcome=str(number)) for _ in jobs]
    finally:
        if _turns is not None:
            _turns.done(number)


def job(url: str, capture_id: int | None = None, body: bytes = b"<html></html>") -> PageJob:
    return PageJob(url=url, body=body, is_text=True, content_type="text/html; charset=utf-8",
                   capture_id=capture_id, fetched_urls=(url,))


async def process_all(batcher: PageBatcher, jobs: list[PageJob]) -> list[object]:
    try:
        return await asyncio.gather(*(batcher.process(one) for one in jobs),
                                    return_exceptions=True)
    finally:
        batcher.shutdown()


# --- tests ------------------------------------------------------------------------------------
def test_pages_arriving_while_the_worker_is_busy_go_together() -> None:
    batcher = PageBatcher(make_pool, sized_batch, batch_size=4, in_flight=2)
    urls = [f"{BASE}/page/{n}" for n in range(13)]
    results = asyncio.run(process_all(batcher, [job(url) for url in urls]))
    assert all(isinstance(r, PageOutcome) for r in results), results
    outcomes = [r.outcome for r in results if isinstance(r, PageOutcome)]
    # every page came back with its own outcome, in its own place
    assert [o.split(" in ")[0] for o in outcomes] == urls
    sizes = [int(o.split(" in ")[1]) for o in outcomes]
    assert max(sizes) == 4          # batches fill up to batch_size, never beyond
    assert sizes.count(1) <= 2      # only the first pages went alone (worker idle then)


def test_a_page_that_kills_the_worker_fails_alone() -> None:
    batcher = PageBatcher(make_pool, sized_batch, batch_size=8, in_flight=2)
    urls = [f"{BASE}/page/{n}" for n in range(6)] + [f"{BASE}/crash"] + \
        [f"{BASE}/page/{n}" for n in range(6, 12)]
    results = asyncio.run(process_all(batcher, [job(url) for url in urls]))
    failed = [url for url, r in zip(urls, results) if not isinstance(r, PageOutcome)]
    assert failed == [f"{BASE}/crash"]
    crash = results[urls.index(f"{BASE}/crash")]
    assert isinstance(crash, WorkerCrashedError) and "worker died" in str(crash)
    for url, result in zip(urls, results):
        if url != f"{BASE}/crash":
            assert isinstance(result, PageOutcome) and result.outcome.startswith(url)


def _capture(store, run_id: int, url: str, n: int) -> int:
    return store.add_capture(Capture(
        run_id=run_id, url=url, fetched_at="2026-11-26T01:00:00Z", status=200,
        warc=WarcRef("demo-00000.warc.gz", 1000 * n, 900, f"<urn:uuid:{n:08d}-0000-0000-0000-000000000000>"),
        payload_digest=f"sha1:{n}", content_type="text/html"))


def test_an_error_on_one_page_fails_that_page_and_the_batch_is_stored(tmp_path: Path) -> None:
    site = demosite.DemoSite(seed=0)
    articles = site.article_urls(BASE)[:3]
    store = open_store(tmp_path)
    run_id = store.begin_run("demo", started_at="2026-11-26T01:00:00Z", settings={})
    captures = [_capture(store, run_id, url, n) for n, url in enumerate(articles, 1)]
    bodies = [site.handle("GET", url[len(BASE):], {}, BASE).body for url in articles]
    jobs = [job(articles[0], captures[0], bodies[0]),
            job(articles[1], 999999, bodies[1]),          # no such capture: the store refuses
            job(f"{BASE}/short", captures[2], b"<html><body><p>Too short.</p></body></html>"),
            job(articles[2], captures[2], bodies[2])]
    processor = PageProcessor(WorkerSetup(profile=None, min_words=40,
                                          archive_dir=str(tmp_path), run_id=run_id))
    try:
        first, missing, short, last = processor.process_batch(jobs)
    finally:
        processor.close()
    assert (first.outcome, first.stored, first.error) == ("new", True, None)
    assert missing.stored is False and missing.outcome is None
    assert missing.error and "no capture 999999" in missing.error
    assert short.rejected and short.rejected[0] == "non-article" and short.stored
    assert (last.outcome, last.stored, last.error) == ("new", True, None)
    assert store.article_seen(articles[0]) is not None
    assert store.article_seen(articles[2]) is not None
    assert store.article_seen(articles[1]) is None
    store.close()


@pytest.mark.parametrize("batch_size", [1, 16])
def test_batch_size_does_not_change_what_is_stored(tmp_path: Path, batch_size: int) -> None:
    """The same pages, one by one or in one batch: the same outcomes in the same order."""
    site = demosite.DemoSite(seed=0)
    urls = site.article_urls(BASE)[:6]
    urls = urls + urls[:2]                       # the same pages again: duplicates this run
    store = open_store(tmp_path)
    run_id = store.begin_run("demo", started_at="2026-11-26T01:00:00Z", settings={})
    jobs = [job(url, _capture(store, run_id, url, n), site.handle("GET", url[len(BASE):], {}, BASE).body)
            for n, url in enumerate(urls, 1)]
    processor = PageProcessor(WorkerSetup(profile=None, min_words=40,
                                          archive_dir=str(tmp_path), run_id=run_id))
    try:
        outcomes = []
        for start in range(0, len(jobs), batch_size):
            outcomes += processor.process_batch(jobs[start:start + batch_size])
    finally:
        processor.close()
    assert [o.outcome for o in outcomes] == ["new"] * 6 + ["duplicate"] * 2
    assert all(o.stored and o.error is None for o in outcomes)
    store.close()


def test_shutdown_cancels_the_pages_not_started() -> None:
    """Stopping the crawl (Ctrl-C) cancels the pages still waiting, without errors."""
    async def stop_early() -> list[object]:
        batcher = PageBatcher(make_pool, sized_batch, batch_size=1, in_flight=4)
        tasks = [asyncio.ensure_future(batcher.process(job(f"{BASE}/page/{n}"))) for n in range(8)]
        await asyncio.sleep(0)
        await asyncio.get_running_loop().run_in_executor(None, batcher.shutdown)
        # a page left unresolved would hang the crawl's shutdown: fail instead of waiting
        return await asyncio.wait_for(asyncio.gather(*tasks, return_exceptions=True), 60)

    loop = asyncio.new_event_loop()
    errors: list[dict] = []
    loop.set_exception_handler(lambda _, context: errors.append(context))
    try:
        results = loop.run_until_complete(stop_early())
    finally:
        loop.close()
    assert errors == []
    assert any(isinstance(r, asyncio.CancelledError) for r in results), results
    assert all(isinstance(r, (PageOutcome, asyncio.CancelledError)) for r in results), results


def test_pages_are_signed_before_the_batch_transaction(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch's story signatures (and the body folding the search stems share) are computed
    before its transaction begins: the store's write lock is held for the writes only."""
    from archive import stories

    site = demosite.DemoSite(seed=0)
    urls = site.article_urls(BASE)[:4]
    store = open_store(tmp_path)
    run_id = store.begin_run("demo", started_at="2026-11-26T01:00:00Z", settings={})
    jobs = [job(url, _capture(store, run_id, url, n), site.handle("GET", url[len(BASE):], {}, BASE).body)
            for n, url in enumerate(urls, 1)]
    store.close()
    processor = PageProcessor(WorkerSetup(profile=None, min_words=40,
                                          archive_dir=str(tmp_path), run_id=run_id))
    in_batch: list[bool] = []
    signature_of = stories.signature_of

    def watched(words: list[str]) -> stories.Signature | None:
        in_batch.append(bool(getattr(processor.store, "_in_batch")))
        return signature_of(words)

    monkeypatch.setattr(stories, "signature_of", watched)
    try:
        outcomes = processor.process_batch(jobs)
    finally:
        processor.close()
    assert [o.outcome for o in outcomes] == ["new"] * 4
    assert in_batch == [False] * 4


@pytest.mark.parametrize("ordered", [True, False])
def test_batches_of_several_workers_are_stored_in_the_order_sent(tmp_path: Path,
                                                                  ordered: bool) -> None:
    """Three workers extract batches side by side; the later batches are ready first, one
    batch fails before its writes. With StoreTurns the writes still come in the order the
    batches were sent and the failed batch holds nobody up; without, they come as they finish
    (the control: this test sees the difference)."""
    log = tmp_path / "stored.log"
    context = multiprocessing.get_context("spawn")
    turns = StoreTurns(context) if ordered else None

    def make_three() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=3, mp_context=context,
                                   initializer=_init_ordered,
                                   initargs=(turns, log, context.Barrier(3)))

    batcher = PageBatcher(make_three, ordered_batch, batch_size=1, in_flight=6, numbered=True)
    urls = [f"{BASE}/page/{n}" for n in range(8)]
    urls[5] = f"{BASE}/fail"
    results = asyncio.run(process_all(batcher, [job(url) for url in urls]))
    stored = [int(line) for line in log.read_text().split()]
    assert isinstance(results[5], RuntimeError)
    assert sorted(stored) == [0, 1, 2, 3, 4, 6, 7]
    if ordered:
        assert stored == [0, 1, 2, 3, 4, 6, 7]
        assert [r.outcome for r in results if isinstance(r, PageOutcome)] == \
            ["0", "1", "2", "3", "4", "6", "7"]
    else:
        assert stored != sorted(stored)


def numbered_sized_batch(jobs: list[PageJob], number: int) -> list[PageOutcome]:
    """sized_batch, stored in its turn (StoreTurns), as several page workers store."""
    if any(job.url.endswith("/crash") for job in jobs):
        os._exit(1)
    assert _turns is not None
    time.sleep(0.02)
    with _turns.turn(number, timeout=20):  # a turn that never comes fails, not hangs
        return [PageOutcome(outcome=f"{job.url} in {len(jobs)}") for job in jobs]


def test_a_page_that_kills_one_of_several_ordered_workers_fails_alone(tmp_path: Path) -> None:
    """After a worker dies its pool is replaced, and the new pool numbers its batches from 0
    again with new turns: numbering on from the dead pool would leave every later batch
    waiting for a turn that never comes."""
    context = multiprocessing.get_context("spawn")

    def make_pool_with_turns() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=2, mp_context=context, initializer=_init_ordered,
                                   initargs=(StoreTurns(context), tmp_path / "unused.log", None))

    async def run() -> list[object]:
        batcher = PageBatcher(make_pool_with_turns, numbered_sized_batch, batch_size=3,
                              in_flight=4, numbered=True)
        return await asyncio.wait_for(process_all(batcher, [job(url) for url in urls]), 120)

    urls = [f"{BASE}/page/{n}" for n in range(7)] + [f"{BASE}/crash"] + \
        [f"{BASE}/page/{n}" for n in range(7, 20)]
    results = asyncio.run(run())
    failed = [url for url, r in zip(urls, results) if not isinstance(r, PageOutcome)]
    assert failed == [f"{BASE}/crash"]
    for url, result in zip(urls, results):
        if url != f"{BASE}/crash":
            assert isinstance(result, PageOutcome) and result.outcome.startswith(url)
