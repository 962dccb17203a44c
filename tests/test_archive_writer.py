"""The crawl's writer thread (crawler/archive_writer.py): capture rows of the capture jobs queued
together are inserted together, and nothing reads the store before the rows it could see are in.
On a real store of each backend (SQLite file in tmp_path, the session's PostgreSQL database)."""
from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archive.records import Capture, WarcRef
from archive.store import Store, open_store
from crawler import archive_writer
from crawler.archive_writer import ArchiveWriter, HoldingStore


@pytest.fixture(params=["sqlite", "postgres"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[str, str | None]:
    """(archive folder, records database URL or None for the archive's SQLite file)."""
    db = str(request.getfixturevalue("pg_url")) if request.param == "postgres" else None
    return str(tmp_path / "archive"), db


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[Any]]:
    """The writer's store calls: "inserts", the URLs of the rows of each add_captures call;
    "lookups", the (url, digest) of each last_capture and last_captures call."""
    made: dict[str, list[Any]] = {"inserts": [], "lookups": []}

    def opening(archive_dir: str, *, db: str | None = None) -> Store:
        store = open_store(archive_dir, db=db)
        add_captures, last_capture = store.add_captures, store.last_capture
        last_captures = store.last_captures

        def counted(captures: list[Capture]) -> list[int]:
            made["inserts"].append([capture.url for capture in captures])
            return add_captures(captures)

        asking: list[bool] = []  # inside last_captures (SQLite's asks last_capture in turn)

        def one(url: str, *, payload_digest: str | None = None) -> dict[str, Any] | None:
            if not asking:
                made["lookups"].append((url, payload_digest))
            return last_capture(url, payload_digest=payload_digest)

        def many(wanted: list[tuple[str, str | None]]) -> list[dict[str, Any] | None]:
            made["lookups"].append(list(wanted))
            asking.append(True)
            try:
                return last_captures(wanted)
            finally:
                asking.pop()

        store.add_captures = counted  # type: ignore[method-assign]
        store.last_capture = one  # type: ignore[method-assign]
        store.last_captures = many  # type: ignore[method-assign]
        return store

    monkeypatch.setattr(archive_writer, "open_store", opening)
    return made


@pytest.fixture
def inserts(calls: dict[str, list[Any]]) -> list[list[str]]:
    return calls["inserts"]


@pytest.fixture
def run_id(target: tuple[str, str | None]) -> Iterator[int]:
    with open_store(target[0], db=target[1]) as store:
        yield store.begin_run("news.example", started_at="2026-11-26T01:00:00Z", settings={})


def capture_of(run_id: int, n: int) -> Capture:
    return Capture(run_id=run_id, url=f"https://news.example/{n}",
                   fetched_at="2026-11-26T01:00:00Z", status=200,
                   warc=WarcRef("w.warc.gz", 100 * n, 10, f"<urn:uuid:writer-{n}>"),
                   payload_digest=f"sha1:{n}")


def hold(store: HoldingStore, run_id: int, numbers: list[int],
         look_up: str | None = None) -> dict[str, Any] | None:
    """A capture job: optionally a revisit's lookup first, then rows held (as _archive does)."""
    found = store.last_capture(look_up) if look_up else None
    for n in numbers:
        store.hold_capture(capture_of(run_id, n))
    return found


def rendered_page(store: HoldingStore, run_id: int) -> dict[str, Any] | None:
    """One job holding a page's row, then looking up that URL again (a browser's exchange)."""
    hold(store, run_id, [5])
    return hold(store, run_id, [6], "https://news.example/5")


def queued_together(writer: ArchiveWriter, jobs: list[tuple[Any, ...]], *,
                    lookups: bool = False) -> list[Any]:
    """Run capture jobs queued while the writer is busy, so they wait in its queue together
    (with `lookups`, each names its lookup beforehand, as the WARC middleware's do)."""
    def named(args: tuple[Any, ...]) -> Any:
        if not lookups or len(args) < 3:
            return None
        return lambda: [(args[2], None)]

    async def main() -> list[Any]:
        gate = threading.Event()
        busy = writer.submit(lambda store: gate.wait(10))
        tasks = [asyncio.ensure_future(writer.capture(hold, *args, lookups=named(args)))
                 for args in jobs]
        await asyncio.sleep(0)   # every job queued behind the busy one
        gate.set()
        busy.result()
        return list(await asyncio.gather(*tasks))
    return asyncio.run(main())


def test_rows_of_jobs_queued_together_are_inserted_at_once(
        target: tuple[str, str | None], run_id: int, inserts: list[list[str]]) -> None:
    writer = ArchiveWriter(target[0], db=target[1])
    try:
        results = queued_together(writer, [(run_id, [1]), (run_id, [2, 3]), (run_id, [4])])
        # a later job reads what every held row says
        counts = writer.run_now(lambda store: store.counts())
    finally:
        writer.close()
    assert inserts == [[f"https://news.example/{n}" for n in (1, 2, 3, 4)]]
    assert counts["captures"] == 4
    with open_store(target[0], db=target[1], readonly=True) as store:
        ids = {n: store.find_capture(f"<urn:uuid:writer-{n}>")["id"] for n in (1, 2, 3, 4)}
    assert results == [(None, [ids[1]]), (None, [ids[2], ids[3]]), (None, [ids[4]])]


def test_a_lookup_of_a_held_url_sees_its_row(
        target: tuple[str, str | None], run_id: int, inserts: list[list[str]]) -> None:
    """A revisit's lookup of a URL whose row is held (by an earlier job, or earlier in the same
    job: a rendered page's exchanges) inserts the held rows first, so it finds it."""
    writer = ArchiveWriter(target[0], db=target[1])
    try:
        results = queued_together(writer, [
            (run_id, [1]), (run_id, [2]),
            (run_id, [3], "https://news.example/1"),   # held by the first job
            (run_id, [4], "https://news.example/9"),   # held by no job: nothing inserted first
        ])
        inserted_before = list(inserts)
        rendered = asyncio.run(writer.capture(rendered_page, run_id))
    finally:
        writer.close()
    assert inserted_before == [["https://news.example/1", "https://news.example/2"],
                               ["https://news.example/3", "https://news.example/4"]]
    assert results[2][0] is not None and results[2][0]["id"] == results[0][1][0]
    assert results[3][0] is None
    assert rendered[0] is not None and rendered[0]["id"] == rendered[1][0]


def test_held_rows_are_inserted_on_close_and_a_failed_job_keeps_its_written_rows(
        target: tuple[str, str | None], run_id: int, inserts: list[list[str]]) -> None:
    """No row is lost on a clean stop; a job that fails after holding a row (its records are
    flushed) fails, and its row is stored, as when each row was inserted at once."""
    def fails_after_one(store: HoldingStore) -> None:
        hold(store, run_id, [7])
        raise OSError(28, "No space left on device")

    writer = ArchiveWriter(target[0], db=target[1])
    gate = threading.Event()
    writer.submit(lambda store: gate.wait(10))
    futures = [writer._queue(hold, (run_id, [n]), capture=True) for n in (1, 2)]
    failed = writer._queue(fails_after_one, (), capture=True)
    gate.set()
    writer.close()
    assert all(len(future.result()[1]) == 1 for future in futures)
    with pytest.raises(OSError, match="No space"):
        failed.result()
    assert inserts == [[f"https://news.example/{n}" for n in (1, 2, 7)]]
    with open_store(target[0], db=target[1], readonly=True) as store:
        assert store.counts()["captures"] == 3


def test_lookups_of_jobs_queued_together_are_asked_at_once(
        target: tuple[str, str | None], run_id: int, calls: dict[str, list[Any]]) -> None:
    """The revisit lookups of the capture jobs queued together are one query; one whose URL a
    row held since could answer (a job before it in the group captured that URL), or that two
    jobs ask, is asked again when its job runs, and sees that row."""
    writer = ArchiveWriter(target[0], db=target[1])
    try:
        first = queued_together(writer, [(run_id, [1])])
        calls["lookups"].clear()
        results = queued_together(writer, [
            (run_id, [2], "https://news.example/1"),   # captured before: found in the query
            (run_id, [3], "https://news.example/8"),   # never captured
            (run_id, [4], "https://news.example/3"),   # held by the job before it
            (run_id, [5], "https://news.example/9"),
            (run_id, [6], "https://news.example/9"),   # asked twice in the group
        ], lookups=True)
    finally:
        writer.close()
    assert calls["lookups"] == [
        [("https://news.example/1", None), ("https://news.example/8", None),
         ("https://news.example/3", None)],
        ("https://news.example/3", None),
        ("https://news.example/9", None),
        ("https://news.example/9", None)]
    assert results[0][0]["id"] == first[0][1][0]
    assert results[1][0] is None
    assert results[2][0] is not None and results[2][0]["id"] == results[1][1][0]
    assert results[3][0] is None and results[4][0] is None
