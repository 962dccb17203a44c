"""`import-warc` killed mid-file and run again (issue 16 item 3): the rerun goes on from the last
committed batch, and every article, capture and version is stored exactly once; a file imported
whole is skipped by the next run, files come in the order given (arguments or `-` for stdin).
Real processes, a real WARC written here with warcio, SIGKILL from the test; both stores."""
from __future__ import annotations

import io
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from .conftest import REPO, run_cli

TEXT = ("The harbour council met on Tuesday evening to vote on the new sea wall, a plan residents "
        "have argued about for months because of the cost, the noise and the traffic it would "
        "bring to the narrow streets of the old town. ")
TOPICS = ("harbour wall", "bus fares", "school meals", "river bridge", "night trains",
          "park benches", "water prices", "library hours", "bike lanes", "market stalls")


def article(number: int) -> bytes:
    """An article page of its own content: title, byline, date, paragraphs naming it."""
    paragraphs = "".join(f"<p>{TEXT}Story {number} goes on ({k}): {TOPICS[k]} again.</p>"
                         for k in range(2 + number % 5))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>Council story number {number}</title>"
            f"<meta property='og:type' content='article'>"
            f"<meta property='article:published_time' content='2024-05-01T09:30:00Z'>"
            f"</head><body><nav><a href='/'>Home</a></nav><article>"
            f"<h1>Council story number {number}</h1><p class='byline'>By Jane Doe</p>"
            f"{paragraphs}</article></body></html>").encode()


def listing(number: int) -> bytes:
    """A listing: headline links with a sentence each, no article body."""
    items = "".join(f"<li><h3><a href='/news/{number * 10 + k}'>Council reviews the {topic} "
                    f"plan</a></h3><p>Residents of ward {k} wrote about the {topic}.</p></li>"
                    for k, topic in enumerate(TOPICS))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>Latest news, page {number}</title></head><body><main>"
            f"<h1>Latest news, page {number}</h1><ul>{items}</ul></main></body></html>").encode()


def feed_warc(path: Path, *, pages: int) -> tuple[set[str], set[str]]:
    """A per-record gzip WARC of `pages` responses, every fourth a listing; returns the article
    and listing URLs."""
    articles, listings = set(), set()
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for number in range(pages):
            if number % 4 == 3:
                url, body = f"http://news.example/latest/{number}", listing(number)
                listings.add(url)
            else:
                url, body = f"http://news.example/news/{number}", article(number)
                articles.add(url)
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(body)))],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers,
                warc_headers_dict={"WARC-Date": "2024-05-01T10:00:00Z"}))
    return articles, listings


def _children(pid: int) -> list[int]:
    try:
        text = Path(f"/proc/{pid}/task/{pid}/children").read_text()
    except OSError:
        return []
    return [int(child) for child in text.split()]


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.fixture(params=["sqlite", "postgres", "sqlite --reference"])
def records(request: pytest.FixtureRequest, tmp_path: Path
            ) -> tuple[list[str], Callable[[str], list[tuple[Any, ...]]]]:
    """(extra CLI options, query(sql) -> rows) for an archive in tmp_path on either store;
    "sqlite --reference" imports the file where it lies (a link, not a copy)."""
    if request.param.startswith("sqlite"):
        database = tmp_path / "archive" / "records.sqlite3"

        def query(sql: str) -> list[tuple[Any, ...]]:
            if not database.exists():
                return []
            # read-only, as the reading side opens it: never in the importer's way
            with sqlite3.connect(database.resolve().as_uri() + "?mode=ro", uri=True,
                                 timeout=30) as conn:
                try:
                    return conn.execute(sql).fetchall()
                except sqlite3.OperationalError as error:   # no schema yet
                    if "no such table" in str(error):
                        return []
                    raise
        return request.param.split()[1:], query

    import psycopg

    url = request.getfixturevalue("pg_url")

    def pg_query(sql: str) -> list[tuple[Any, ...]]:
        with psycopg.connect(url, autocommit=True) as conn:
            try:
                return conn.execute(sql).fetchall()
            except psycopg.errors.UndefinedTable:
                return []
    return ["--db", url], pg_query


def test_killed_import_resumes_and_stores_every_article_once(tmp_path: Path, records) -> None:
    options, query = records
    source = tmp_path / "feed.warc.gz"
    articles, listings = feed_warc(source, pages=480)
    archive = tmp_path / "archive"
    command = [sys.executable, "-m", "newsarchive.cli", "import-warc", str(source),
               "--archive", str(archive), "--jobs", "2", "--batch-records", "40", *options]
    env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_ARCHIVE"}
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    workers: list[int] = []
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and process.poll() is None:
            workers = _children(process.pid) or workers
            # two batches committed: the kill lands mid-file, with work stored before it
            committed = query("SELECT committed_offset FROM import_files "
                              "WHERE status = 'in_progress'")
            if committed and committed[0][0] > 0 and len(query("SELECT 1 FROM captures")) >= 80:
                break
            time.sleep(0.02)
        assert process.poll() is None, "the import ended before the test could kill it"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.kill()
        process.communicate(timeout=60)
    assert process.returncode == -signal.SIGKILL

    # the pool's workers do not outlive the import (they would keep the import lock)
    assert workers, "the import started no worker processes"
    deadline = time.monotonic() + 15
    while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers)

    ((offset, size, status),) = query("SELECT committed_offset, size, status FROM import_files")
    assert status == "in_progress" and 0 < offset < size
    stored_before = len(query("SELECT 1 FROM captures"))
    assert 0 < stored_before < len(articles) + len(listings)

    again = run_cli("import-warc", str(source), "--archive", str(archive), "--jobs", "2",
                    "--batch-records", "40", *options)
    assert again.returncode == 0, again.stdout + again.stderr
    assert f"resumed at offset {offset}" in again.stdout, again.stdout
    # the rerun reads only what the killed run had not committed
    assert f"pages extracted {len(articles) + len(listings) - stored_before}:" in again.stdout

    # every record captured once, every article stored once with one version
    captures = query("SELECT url, page_kind FROM captures")
    assert len(captures) == len(articles) + len(listings)
    assert dict(captures) == {**{url: "article" for url in articles},
                              **{url: "listing" for url in listings}}
    assert sorted(url for (url,) in query("SELECT canonical_url FROM articles")) == sorted(articles)
    assert query("SELECT COUNT(*) FROM versions") == [(len(articles),)]
    assert query("SELECT status, committed_offset = size FROM import_files") == [("done", True)]
    link = archive / "warcs" / "imported" / source.name
    assert link.is_symlink() == ("--reference" in options)
    # the killed run is marked interrupted by the next one, which ends ok
    assert [status for (status,) in query("SELECT status FROM runs ORDER BY id")] == [
        "interrupted", "ok"]


def test_a_finished_file_is_skipped_and_files_come_in_order(tmp_path: Path) -> None:
    from crawler.importer import IMPORT_BATCH
    from newsarchive.commands import import_warc

    assert import_warc.IMPORT_BATCH == IMPORT_BATCH   # the --help default is the real one
    first, second = tmp_path / "one.warc.gz", tmp_path / "two.warc.gz"
    articles_one, _ = feed_warc(first, pages=8)
    archive = tmp_path / "archive"
    done = run_cli("import-warc", str(first), "--archive", str(archive), "--jobs", "1")
    assert done.returncode == 0, done.stderr
    # six versions stored; the pages share their filler text, so all but the first are
    # republications of it on news.example (docs/STORIES.md)
    assert "new versions 6" in done.stdout and "republished 5" in done.stdout, done.stdout

    # `-` reads the paths from stdin, in order; the finished file is skipped and says so
    with open(second, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        body = article(1000)
        writer.write_record(writer.create_warc_record(
            "http://other.example/news/1000", "response", payload=io.BytesIO(body),
            http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                          protocol="HTTP/1.1")))
    env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_ARCHIVE"}
    listed = subprocess.run(
        [sys.executable, "-m", "newsarchive.cli", "import-warc", "-", "--archive", str(archive),
         "--jobs", "1"], input=f"{second}\n\n{first}\n", capture_output=True, text=True,
        cwd=REPO, env=env, timeout=240)
    assert listed.returncode == 0, listed.stderr
    lines = listed.stdout.splitlines()
    assert lines[0].startswith(f"{second} -> ") and "1 records, 1 captures" in lines[0]
    assert lines[1].startswith(f"{first}: already imported (run 1, "), lines
    assert lines[1].endswith("skipped")
    assert "new articles 1" in listed.stdout
    assert not listed.stderr   # no progress line off a terminal
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM captures").fetchone() == (9,)
        assert conn.execute("SELECT source_path, status FROM import_files ORDER BY "
                            "started_at, source_path").fetchall() == [
            (str(first), "done"), (str(second), "done")]

    # one import at a time per archive: another one waits for nothing, exit 3, one line
    from archive.locks import SiteLock

    with SiteLock(archive, "import-warc"):
        busy = run_cli("import-warc", str(first), "--archive", str(archive), "--jobs", "1")
    assert busy.returncode == 3, busy.stdout + busy.stderr
    assert busy.stderr.count("\n") == 1 and "another import-warc is running" in busy.stderr

    # other filters read the file again (what they select may not be in the archive yet);
    # nothing is stored twice
    filtered = run_cli("import-warc", str(first), "--archive", str(archive), "--jobs", "1",
                       "--domain", "news.example")
    assert filtered.returncode == 0, filtered.stderr
    assert "already imported" not in filtered.stdout and "8 records, 8 captures" in filtered.stdout
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM captures").fetchone() == (9,)
        assert conn.execute("SELECT COUNT(*) FROM versions").fetchone() == (len(articles_one) + 1,)


def test_a_record_twice_in_one_file_is_captured_once(tmp_path: Path) -> None:
    """The check against records archived already sees the file's own earlier batches."""
    one = tmp_path / "one.warc.gz"
    feed_warc(one, pages=3)
    data = one.read_bytes()
    twice = tmp_path / "twice.warc.gz"
    twice.write_bytes(data + data)   # the same three records (same record ids) again
    archive = tmp_path / "archive"
    result = run_cli("import-warc", str(twice), "--archive", str(archive), "--jobs", "1",
                     "--batch-records", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "6 records, 3 captures (skipped: already-archived 3)" in result.stdout, result.stdout
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM captures").fetchone() == (3,)


def test_progress_line_says_records_per_second_articles_and_time_left() -> None:
    from crawler.importer import ImportProgress

    update = ImportProgress(Path("/data/CC-NEWS-1.warc.gz"), done_bytes=250_000_000,
                            total_bytes=1_000_000_000, records=12_000, articles=8_100,
                            elapsed=40.0, bytes_per_second=5_000_000)
    assert update.line() == ("CC-NEWS-1.warc.gz: 25%, 12,000 records (300/s), 8,100 articles, "
                             "ETA 2m30s")
    slow = ImportProgress(Path("x.warc"), 0, 10_000_000_000, 0, 0, 0.0, 1_000_000)
    assert slow.line() == "x.warc: 0%, 0 records (0/s), 0 articles, ETA 2h46m"


def test_a_redirect_committed_before_a_kill_still_becomes_an_alias(tmp_path: Path) -> None:
    """A redirect read before the kill, whose target article comes after it: the resumed run
    makes it an alias (the pending redirects are committed with the offset)."""
    from archive.store import open_store
    from crawler.importer import import_warcs

    source = tmp_path / "redirect.warc.gz"
    with open(source, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        writer.write_record(writer.create_warc_record(
            "http://news.example/s/7", "response", payload=io.BytesIO(b""),
            http_headers=StatusAndHeaders("301 Moved Permanently", [
                ("Location", "/news/7"), ("Content-Length", "0")], protocol="HTTP/1.1")))
        for number in (1, 2, 3, 7):
            body = article(number)
            writer.write_record(writer.create_warc_record(
                f"http://news.example/news/{number}", "response", payload=io.BytesIO(body),
                http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                              protocol="HTTP/1.1")))
    archive = tmp_path / "archive"

    def killed_after_the_first_batch(update: object) -> None:
        raise KeyboardInterrupt   # after the batch holding the redirect was committed

    with pytest.raises(KeyboardInterrupt):
        import_warcs([source], archive_dir=archive, workers=1, batch_records=2,
                     progress=killed_after_the_first_batch)
    with open_store(archive, readonly=True) as store:
        assert store.get_article("http://news.example/s/7") is None
    _report, files = import_warcs([source], archive_dir=archive, workers=1, batch_records=2)
    assert files[0].resumed_from > 0
    with open_store(archive, readonly=True) as store:
        article_7 = store.get_article("http://news.example/s/7")
        assert article_7 is not None and article_7["canonical_url"] == "http://news.example/news/7"
