"""Scheduled crawls: overlap, incremental re-crawls, revisit records, resume after SIGKILL and
health checks, against the demo site switched between states while it runs."""
from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.locks import SiteLock
from archive.records import WarcRef
from archive.warc import iter_warc_files, read_record

from .conftest import REPO, crawl_demo, export_rows, run_cli, warcio_check

ARTICLE_PATH = "/articles/"


def db(archive: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{archive / 'records.sqlite3'}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def count(archive: Path, sql: str, *params) -> int:
    with db(archive) as conn:
        return conn.execute(sql, params).fetchone()[0]


def warc_bytes(archive: Path) -> int:
    return sum(p.stat().st_size for p in iter_warc_files(archive / "warcs"))


def crawl(server, archive: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("crawl", "demo", "--base-url", server.base_url, "--archive", str(archive), *extra)


def start_crawl(server, archive: Path, *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "newsarchive.cli", "crawl", "demo", "--base-url",
                             server.base_url, "--archive", str(archive), *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)


def article_fetches(server) -> list[str]:
    """Article pages fetched (the demo site's one dead link, never an article, is left out)."""
    return [path for _, path, status in server.requests if ARTICLE_PATH in path and status != 404]


def assert_archive_consistent(archive: Path) -> None:
    """Every WARC valid, none left open, every capture's reference readable."""
    assert not list((archive / "warcs").rglob("*.open")), "an unfinished WARC was left behind"
    warcio_check(iter_warc_files(archive / "warcs"))
    with db(archive) as conn:
        for row in conn.execute("SELECT warc_file, warc_offset, warc_length, record_id FROM captures"):
            headers, _, _ = read_record(archive / "warcs", WarcRef(*row))
            assert headers["WARC-Record-ID"] == row["record_id"]


# --- overlap ------------------------------------------------------------------------------------
def test_second_run_of_same_site_exits_at_once_touching_nothing(demo_server, tmp_path):
    archive = tmp_path / "archive"
    crawl_demo(demo_server, archive)
    runs, files = count(archive, "SELECT COUNT(*) FROM runs"), sorted(iter_warc_files(archive / "warcs"))
    with SiteLock(archive, "demo"):  # another process holds the site
        started = time.monotonic()
        result = crawl(demo_server, archive)
        assert time.monotonic() - started < 15
    assert result.returncode == 3
    [line] = result.stderr.strip().splitlines()
    assert "already running" in line
    assert count(archive, "SELECT COUNT(*) FROM runs") == runs
    assert sorted(iter_warc_files(archive / "warcs")) == files


def test_overlapping_real_runs_and_other_sites_side_by_side(demo_server, tmp_path):
    archive = tmp_path / "archive"
    slow = start_crawl(demo_server, archive, "--set", "DOWNLOAD_DELAY=0.1",
                       "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "CONCURRENT_REQUESTS=1")
    try:
        deadline = time.monotonic() + 30
        while not (archive / "locks" / "demo.lock").exists() or len(demo_server.requests) < 3:
            assert time.monotonic() < deadline and slow.poll() is None
            time.sleep(0.05)
        second = crawl(demo_server, archive)
        assert second.returncode == 3, second.stderr
        # A different site (profile-less, named by its host) runs beside it on the same archive.
        other = run_cli("crawl", demo_server.site.special_urls(demo_server.base_url)["section_ar"],
                        "--archive", str(archive))
        assert other.returncode == 0, other.stderr
    finally:
        out, err = slow.communicate(timeout=120)
    assert slow.returncode == 0, err
    statuses = {row["site"]: row["status"] for row in db(archive).execute("SELECT site, status FROM runs")}
    assert statuses == {"demo": "ok", "127.0.0.1": "ok"}


# --- incremental ----------------------------------------------------------------------------------
def test_unchanged_recrawl_is_cheap_conditional_and_adds_no_version(demo_server, tmp_path):
    archive = tmp_path / "archive"
    crawl_demo(demo_server, archive)
    first_bytes, versions = warc_bytes(archive), count(archive, "SELECT COUNT(*) FROM versions")
    demo_server.clear_log()
    result = crawl_demo(demo_server, archive)
    assert "unchanged 52" in result.stdout
    assert count(archive, "SELECT COUNT(*) FROM versions") == versions
    added = warc_bytes(archive) - first_bytes
    assert added < 0.05 * first_bytes, f"re-crawl added {added} bytes, first crawl {first_bytes}"
    # Articles were re-checked with conditional requests and answered 304...
    statuses = [status for _, path, status in demo_server.requests
                if ARTICLE_PATH in path and status != 404]  # the dead link is tried again
    assert len(statuses) >= 52 and set(statuses) == {304}
    # ...and pagination stopped at the first page with nothing new.
    assert not [p for _, p, _ in demo_server.requests if "page=2" in p]


def test_articles_older_than_recheck_window_are_not_fetched_unless_asked(demo_server, tmp_path):
    archive = tmp_path / "archive"
    crawl_demo(demo_server, archive)
    with sqlite3.connect(archive / "records.sqlite3") as conn:  # the archive ages 8 days
        conn.execute("UPDATE articles SET first_seen = '2026-01-01T00:00:00Z'")
    demo_server.clear_log()
    crawl_demo(demo_server, archive)
    assert article_fetches(demo_server) == []
    paths = [p for _, p, _ in demo_server.requests]
    assert "/en_GB/security/" in paths and "/sitemap.xml" in paths and "/en_GB/security/rss.xml" in paths

    demo_server.clear_log()
    crawl_demo(demo_server, archive, "--recheck-all")
    assert len(set(article_fetches(demo_server))) >= 52


def test_new_articles_appear_and_an_edit_makes_one_version(demo_server, tmp_path):
    archive = tmp_path / "archive"
    crawl_demo(demo_server, archive)
    site = demo_server.site
    new_keys = site.publish(3)
    edited = site.keys()[-1]
    site.edit_article(edited, paragraph="Update: the ministry corrected the figures on Sunday.")
    versions = count(archive, "SELECT COUNT(*) FROM versions")
    result = crawl_demo(demo_server, archive)
    assert "new 3" in result.stdout and "updated 1" in result.stdout
    assert count(archive, "SELECT COUNT(*) FROM versions") == versions + 3 + 1
    stored = {row["canonical_url"] for row in export_rows(archive)}
    for key in new_keys:
        assert demo_server.base_url + site.article(key).path in stored


# --- revisit records ------------------------------------------------------------------------------
def test_revisit_records_for_unchanged_payloads_and_304s(demo_server, tmp_path):
    archive = tmp_path / "archive"
    crawl_demo(demo_server, archive)
    crawl_demo(demo_server, archive)
    second_run = sorted(iter_warc_files(archive / "warcs"))[-1]
    profiles = {}
    with open(second_run, "rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type == "revisit":
                headers = record.rec_headers
                uri = headers.get_header("WARC-Target-URI")
                profiles[uri] = headers.get_header("WARC-Profile")
                assert headers.get_header("WARC-Refers-To-Target-URI") == uri
                assert headers.get_header("WARC-Refers-To-Date")
                original = count(archive, "SELECT COUNT(*) FROM captures WHERE record_id = ? AND "
                                 "record_type = 'response'", headers.get_header("WARC-Refers-To"))
                assert original == 1
    article = demo_server.base_url + demo_server.site.articles()[0].path
    listing = demo_server.base_url + "/en_GB/security/"
    assert profiles[article].endswith("/revisit/server-not-modified")
    assert profiles[listing].endswith("/revisit/identical-payload-digest")
    assert_archive_consistent(archive)


# --- resume after SIGKILL ---------------------------------------------------------------------------
# Requests served before the kill: the first trial is a full first crawl (~140 requests), the
# later ones incremental runs (~80): all points fall inside a run.
KILL_POINTS = (90, 3, 8, 14, 21, 29, 38, 47, 56, 68)


@pytest.mark.slow   # ten kills and resumed crawls: ~2-4 min
@pytest.mark.timeout(900)   # the default 300 s is too short for it on a loaded 2-core machine
def test_sigkill_at_ten_points_then_resume_loses_and_duplicates_nothing(tmp_path):
    from newsarchive.demosite import DemoServer, DemoSite

    site = DemoSite(seed=0)
    with DemoServer(site, port=0) as server:
        truth = set(site.article_urls(server.base_url))
        archive = tmp_path / "archive"
        kills = killed_queues = 0
        for point in KILL_POINTS:
            # Each trial starts from what the previous kill and resume left behind; new
            # articles keep every trial's crawl busy with pages not archived yet.
            site.publish(2)
            truth = set(site.article_urls(server.base_url))
            server.clear_log()
            process = start_crawl(server, archive, "--set", "CONCURRENT_REQUESTS=4")
            deadline = time.monotonic() + 60
            while len(server.requests) < point and process.poll() is None:
                assert time.monotonic() < deadline
                time.sleep(0.005)
            if process.poll() is None:
                os.kill(process.pid, signal.SIGKILL)
                kills += 1
            process.communicate(timeout=30)
            killed_queues += len(list((archive / "queue").glob("demo-r*")))
            resumed = crawl(server, archive)
            assert resumed.returncode == 0, resumed.stdout + resumed.stderr
            # the killed run's on-disk request queue is gone, and so is the resumed run's own
            assert not list((archive / "queue").iterdir())
            # the records themselves (test_kill_soak reads them the same way; `export` of
            # them is tested elsewhere and cost a CLI start per trial here)
            with db(archive) as conn:
                stored = [row[0] for row in conn.execute("SELECT canonical_url FROM articles")]
            assert len(stored) == len(set(stored)), "an article was stored twice"
            assert set(stored) == truth, f"kill after {point} requests: lost {truth - set(stored)}"
            assert count(archive, "SELECT COUNT(*) FROM versions") == len(truth)
            assert_archive_consistent(archive)
        assert kills == len(KILL_POINTS) >= 10
        assert killed_queues == kills, "a killed run should leave its request queue behind"
        statuses = [row[0] for row in db(archive).execute("SELECT status FROM runs")]
        assert statuses.count("interrupted") == kills and "running" not in statuses


def test_pending_requests_wait_on_disk_and_the_queue_is_removed(demo_server, tmp_path):
    """NEWS_DISK_QUEUE: every request goes through Scrapy's disk queue (none is left in memory
    because it cannot be serialised), and the run's queue folder is gone when it ends."""
    archive = tmp_path / "archive"
    crawl_demo(demo_server, archive)
    log = (archive / "logs" / "newsarchive.log").read_text()
    enqueued = int(re.search(r"'scheduler/enqueued': (\d+)", log).group(1))
    on_disk = int(re.search(r"'scheduler/enqueued/disk': (\d+)", log).group(1))
    assert enqueued == on_disk > 100
    assert "scheduler/unserializable" not in log and "scheduler/enqueued/memory" not in log
    assert not list((archive / "queue").iterdir())
    assert len(export_rows(archive)) == 52


# --- health -------------------------------------------------------------------------------------------
def test_layout_change_that_breaks_extraction_makes_run_unhealthy(demo_server, tmp_path):
    archive = tmp_path / "archive"
    crawl_demo(demo_server, archive)
    crawl_demo(demo_server, archive, "--recheck-all")
    before = {row["canonical_url"]: row for row in export_rows(archive)}
    demo_server.site.set_layout("broken")
    result = crawl(demo_server, archive, "--recheck-all")
    assert result.returncode == 4, result.stdout + result.stderr
    # what the broken layout lost did not replace the archive's current versions
    summary = json.loads(run_cli("runs", "--json", "--archive", str(archive)).stdout.splitlines()[0])["summary"]
    assert summary["held_fields"] and summary["held_versions"] > 0, summary
    assert f"held: {summary['held_versions']} new versions" in result.stdout
    after = {row["canonical_url"]: row for row in export_rows(archive)}
    assert set(after) == set(before)
    for url, row in before.items():
        for field in summary["held_fields"]:
            name = "images" if field == "captions" else "body" if field == "body" else field
            assert after[url][name] == row[name], (url, field)
    [line] = result.stderr.strip().splitlines()
    assert "unhealthy" in line and "layout" in line
    with db(archive) as conn:
        last = conn.execute("SELECT status, exit_code, health FROM runs ORDER BY id DESC").fetchone()
    assert (last["status"], last["exit_code"]) == ("unhealthy", 4) and "layout" in last["health"]
    listing = run_cli("runs", "demo", "--archive", str(archive))
    assert "unhealthy" in listing.stdout and "layout" in listing.stdout
    as_json = [json.loads(line) for line in run_cli("runs", "--json", "--archive", str(archive)).stdout.splitlines()]
    rates = as_json[0]["summary"]["field_fill_rates"]
    assert as_json[0]["status"] == "unhealthy" and min(rates.values()) < 0.8


def test_site_answering_mostly_errors_is_unhealthy(demo_server, tmp_path):
    archive = tmp_path / "archive"
    crawl_demo(demo_server, archive)
    demo_server.site.fail_with(503)
    result = crawl(demo_server, archive, "--set", "RETRY_TIMES=1")
    assert result.returncode == 4, result.stdout + result.stderr
    assert "mostly errors" in result.stderr and "http_503" in result.stderr
    demo_server.site.fail_with(None)  # the site recovers: the next run is healthy again
    assert crawl(demo_server, archive).returncode == 0


class _NoArticlesHandler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        body = b"<html><body><h1>Nothing here</h1><p>No links at all.</p></body></html>"
        self.send_response(200 if self.path != "/robots.txt" else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


def test_run_that_finds_no_articles_is_unhealthy(tmp_path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NoArticlesHandler)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        result = run_cli("crawl", f"http://127.0.0.1:{server.server_address[1]}/news/",
                         "--archive", str(tmp_path))
    finally:
        server.shutdown()
    assert result.returncode == 4, result.stdout + result.stderr
    assert "no articles found" in result.stderr


def test_sigterm_stops_cleanly_marks_the_run_interrupted_and_the_next_run_finishes(demo_server, tmp_path):
    archive = tmp_path / "archive"
    process = start_crawl(demo_server, archive, "--set", "DOWNLOAD_DELAY=0.05",
                          "--set", "AUTOTHROTTLE_ENABLED=False", "--set", "CONCURRENT_REQUESTS=1")
    deadline = time.monotonic() + 30
    while len(demo_server.requests) < 20:
        assert time.monotonic() < deadline and process.poll() is None
        time.sleep(0.02)
    process.send_signal(signal.SIGTERM)
    out, err = process.communicate(timeout=60)
    assert process.returncode == 1, out + err
    [line] = err.strip().splitlines()
    assert "stopped before the crawl finished" in line
    assert not list((archive / "warcs").rglob("*.open")), "a clean stop closes its WARC file"
    with db(archive) as conn:
        assert conn.execute("SELECT status FROM runs").fetchone()[0] == "interrupted"
    crawl_demo(demo_server, archive)
    assert {r["canonical_url"] for r in export_rows(archive)} == set(
        demo_server.site.article_urls(demo_server.base_url))
    assert_archive_consistent(archive)
