"""`newsarchive migrate --to postgresql://...` over a real crawl of the demo site: the export
from PostgreSQL equals the SQLite archive's byte for byte, a second run copies nothing, an
interrupted run (an exception after some chunks, or SIGKILL) resumes and ends equal, a target
holding other records is refused, and a target whose content differs fails verification. Needs
PostgreSQL on 127.0.0.1 (conftest.pg_url; CI=true turns its absence into a failure)."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import psycopg
import pytest

from archive.migrate import TABLES, migrate_archive
from tests.conftest import REPO, CrawledDemo, crawl_demo, run_cli


def _sorted_export(archive: Path, *extra: str) -> list[str]:
    result = run_cli("export", "--archive", str(archive), "--format", "jsonl", *extra)
    assert result.returncode == 0, result.stderr
    return sorted(result.stdout.splitlines())


def _counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        return {t.name: conn.execute(f"SELECT COUNT(*) FROM {t.name}").fetchone()[0]
                for t in TABLES}


def _migrate(archive: Path, url: str, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("migrate", "--archive", str(archive), "--to", url, *extra)


def test_migrate_gives_the_same_export_and_a_second_run_copies_nothing(
        crawled_demo: CrawledDemo, pg_url: str, tmp_path: Path) -> None:
    archive = crawled_demo.archive
    first = _migrate(archive, pg_url)
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines()[-1].startswith("verified: runs 1, articles ")
    assert "content hashes equal" in first.stdout

    expected = _sorted_export(archive)
    assert len(expected) == len(crawled_demo.rows) > 10
    # the same bytes: ids, fields and WARC references (the WARC files stay where they are)
    assert _sorted_export(archive, "--db", pg_url) == expected
    versions = ["--versions"]
    assert _sorted_export(archive, "--db", pg_url, *versions) == _sorted_export(archive, *versions)

    before = _counts(pg_url)
    again = _migrate(archive, pg_url)
    assert again.returncode == 0, again.stderr
    for table in TABLES:
        assert f"{table.name}: 0 copied, 0 updated" in again.stdout
    assert _counts(pg_url) == before

    # the full-text index filled itself: search on PostgreSQL finds a migrated article
    row = crawled_demo.rows[0]
    found = run_cli("search", f'"{row["title"]}"', "--archive", str(archive), "--db", pg_url,
                    "--json")
    assert found.returncode == 0, found.stderr
    assert row["canonical_url"] in [hit["canonical_url"] for hit in json.loads(found.stdout)["hits"]]

    # crawling on into the migrated database: new ids come after the copied ones (no clash),
    # and the articles are known (incremental: nothing new)
    more = crawl_demo(crawled_demo.server, tmp_path / "warcs-after", "--db", pg_url)
    assert "articles new 0" in more.stdout, more.stdout
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT MAX(id) FROM runs").fetchone()[0] == 2
    # ... and a migrate now refuses: the database holds a run this archive does not have
    refused = _migrate(archive, pg_url)
    assert refused.returncode == 2 and refused.stderr.count("\n") == 1, refused.stderr
    assert "not from this archive" in refused.stderr


def test_an_interrupted_migrate_resumes_and_copies_nothing_twice(
        crawled_demo: CrawledDemo, pg_url: str) -> None:
    archive = crawled_demo.archive
    chunks: list[tuple[str, int]] = []

    def stop_after_five(table: str, done: int, total: int) -> None:
        chunks.append((table, done))
        if len(chunks) == 5:
            raise KeyboardInterrupt  # as a user's Ctrl-C between two chunks

    with pytest.raises(KeyboardInterrupt):
        migrate_archive(archive / "records.sqlite3", pg_url, chunk_rows=10,
                        progress=stop_after_five)
    partial = _counts(pg_url)
    # exactly the five committed chunks are there (runs: 1 row; then articles by tens)
    assert partial == {t.name: 0 for t in TABLES} | dict(chunks)
    assert partial["articles"] == 40 and partial["versions"] == 0
    resumed = _migrate(archive, pg_url, "--chunk-rows", "10")
    assert resumed.returncode == 0, resumed.stderr
    assert "verified:" in resumed.stdout
    copied = {line.split(":")[0]: int(line.split()[1]) for line in resumed.stdout.splitlines()
              if " copied, " in line}
    total = _counts(pg_url)
    assert {name: partial[name] + copied[name] for name in total} == total
    assert _sorted_export(archive, "--db", pg_url) == _sorted_export(archive)


def test_a_killed_migrate_resumes_and_ends_equal(crawled_demo: CrawledDemo, pg_url: str) -> None:
    archive = crawled_demo.archive
    env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_ARCHIVE"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.cli", "migrate", "--archive", str(archive), "--to",
         pg_url, "--chunk-rows", "1"], cwd=REPO, env=env, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    try:
        while time.monotonic() < deadline:   # kill it inside the captures table
            try:
                if _counts(pg_url)["captures"] >= 5:
                    break
            except psycopg.Error:             # the schema is not there yet
                pass
            time.sleep(0.02)
        else:
            pytest.fail("migrate never reached the captures table")
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    killed = _counts(pg_url)
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        source = {t.name: conn.execute(f"SELECT COUNT(*) FROM {t.name}").fetchone()[0]
                  for t in TABLES}
    assert killed["captures"] >= 5 and sum(killed.values()) < sum(source.values())
    resumed = _migrate(archive, pg_url)
    assert resumed.returncode == 0, resumed.stderr
    assert resumed.stdout.splitlines()[-1].startswith("verified:")
    assert _sorted_export(archive, "--db", pg_url) == _sorted_export(archive)


def test_refuses_a_database_holding_other_records(crawled_demo: CrawledDemo, pg_url: str) -> None:
    from archive.store.postgres import PostgresStore

    with PostgresStore(pg_url) as other:
        other.begin_run("elsewhere", started_at="2020-01-01T00:00:00Z", settings={})
    before = _counts(pg_url)
    result = _migrate(crawled_demo.archive, pg_url)
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and "not from this archive" in result.stderr
    assert "Traceback" not in result.stderr
    assert _counts(pg_url) == before


def test_a_target_that_differs_fails_verification(crawled_demo: CrawledDemo, pg_url: str) -> None:
    assert _migrate(crawled_demo.archive, pg_url).returncode == 0
    with psycopg.connect(pg_url) as conn:
        conn.execute("UPDATE versions SET body = body || ' (edited)' WHERE id = "
                     "(SELECT MIN(id) FROM versions)")
    result = _migrate(crawled_demo.archive, pg_url)
    assert result.returncode == 1
    verdict = result.stdout.splitlines()[-1]
    assert verdict.startswith("MISMATCH") and "versions" in verdict and "runs" not in verdict


def test_versions_duplicates_and_run_state_survive_the_copy(tmp_path: Path, pg_url: str) -> None:
    """An archive of our own making with what the demo crawl lacks: an article with two
    versions (its current version is not its first), a copy under another URL, an alias, a
    finished run and a later run: every reference holds after the copy."""
    from archive.store import SQLiteStore
    from tests.test_store import Clock, make_fields, store_page

    archive = tmp_path / "archive"
    with SQLiteStore(archive / "records.sqlite3", clock=Clock()) as store:
        first = store.begin_run("news.example", started_at="2026-11-26T01:00:00Z", settings={})
        url = "https://news.example/en/security/2026/11/26/raid"
        store_page(store, first, make_fields(url))
        store_page(store, first, make_fields("https://news.example/ar/1", language="ar",
                                             title="اعتقال الصحفيين في بغداد"))
        store_page(store, first, make_fields("https://copy.example/raid",
                                             url="https://copy.example/raid"))
        store.finish_run(first, finished_at="2026-11-26T02:00:00Z", status="ok", exit_code=0,
                         summary={"articles": {"new": 2}})
        second = store.begin_run("news.example", started_at="2026-11-27T01:00:00Z", settings={})
        changed = store_page(store, second, make_fields(url, title="Forces raid town at sunrise"),
                             fetched_urls=[url + "?utm_source=x", url],
                             fetched_at="2026-11-27T01:00:00Z")[0]
        assert changed.outcome == "updated"
        store.add_alias("https://news.example/amp/raid", url)
    result = _migrate(archive, pg_url)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1].startswith("verified: runs 2, articles 2, captures 4, "
                                                      "versions 3, article_urls")
    for extra in ([], ["--versions"]):
        assert _sorted_export(archive, "--db", pg_url, *extra) == _sorted_export(archive, *extra)
    for args in (["show", url, "--json"], ["runs", "--json"]):
        on_sqlite = run_cli(*args, "--archive", str(archive))
        on_postgres = run_cli(*args, "--archive", str(archive), "--db", pg_url)
        assert on_postgres.returncode == 0, on_postgres.stderr
        assert on_postgres.stdout == on_sqlite.stdout, args
    found = run_cli("search", "sunrise", "--archive", str(archive), "--db", pg_url, "--json")
    assert [hit["version_no"] for hit in json.loads(found.stdout)["hits"]] == [2]
