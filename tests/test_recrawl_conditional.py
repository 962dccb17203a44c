"""Re-fetches of listing pages, feeds, sitemaps and robots.txt are conditional, and a 304 is
parsed from the archived copy: the crawl discovers exactly what it would from a 200.

The bundled demo site sends validators on article pages only, so these tests serve it behind a
small validating layer (`ValidatingSite`): every other 200 gets an ETag (robots.txt a
Last-Modified only), a matching If-None-Match / If-Modified-Since gets a 304, and XML is
gzip-encoded for clients that accept it (the archived payload is then Content-Encoding: gzip).
Real HTTP on 127.0.0.1, the real CLI; WARC files checked with warcio, records with SQLite.
"""
from __future__ import annotations

import gzip
import hashlib
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy import Request
from scrapy.http import Response, XmlResponse
from scrapy.utils.test import get_crawler
from warcio.archiveiterator import ArchiveIterator

from archive.store import open_store
from archive.warc import iter_warc_files
from crawler.archive_view import ArchiveView
from crawler.middlewares.incremental import IncrementalMiddleware
from newsarchive.demosite import DemoServer, DemoSite
from newsarchive.demosite.routes import Response as SiteResponse

from .conftest import crawl_demo, run_cli

ROBOTS_LAST_MODIFIED = "Tue, 01 Sep 2026 08:00:00 GMT"
PAGE_KINDS = ("listing", "feed", "sitemap", "robots")


class ValidatingSite(DemoSite):
    """The demo site with validators and 304s on every page, not only on articles."""

    def handle(self, method: str, target: str, headers: dict[str, str],
               base_url: str) -> SiteResponse:
        response = super().handle(method, target, headers, base_url)
        names = {name.lower() for name, _ in response.headers}
        if response.status != 200 or "etag" in names:  # articles have their own validators
            return response
        if target == "/robots.txt":  # Last-Modified only: the If-Modified-Since path
            validators = [("Last-Modified", ROBOTS_LAST_MODIFIED)]
            not_modified = headers.get("if-modified-since") == ROBOTS_LAST_MODIFIED
        else:
            etag = '"' + hashlib.sha1(response.body).hexdigest()[:16] + '"'
            validators = [("ETag", etag)]
            not_modified = headers.get("if-none-match") == etag
        if not_modified:
            return SiteResponse(304, validators)
        body, extra = response.body, []
        if target.endswith(".xml") and "gzip" in headers.get("accept-encoding", ""):
            body, extra = gzip.compress(body, mtime=0), [("Content-Encoding", "gzip")]
        return SiteResponse(200, [*response.headers, *validators, *extra], body)


@pytest.fixture
def server() -> Iterator[DemoServer]:
    with DemoServer(ValidatingSite(seed=0), host="127.0.0.1", port=0) as running:
        yield running


def db(archive: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{archive / 'records.sqlite3'}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def captures(archive: Path, run_id: int) -> list[sqlite3.Row]:
    with db(archive) as conn:
        return conn.execute("SELECT * FROM captures WHERE run_id = ? ORDER BY id", (run_id,)).fetchall()


def run_records(archive: Path, run_id: int) -> dict[str, dict[str, object]]:
    """URL -> request headers and response (or revisit) record type/profile, for one run."""
    found: dict[str, dict[str, object]] = {}
    for path in iter_warc_files(archive / "warcs"):
        if f"-r{run_id}-" not in path.name:
            continue
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                uri = record.rec_headers.get_header("WARC-Target-URI")
                entry = found.setdefault(uri, {})
                if record.rec_type == "request":
                    entry["request"] = dict(record.http_headers.headers)
                elif record.rec_type in ("response", "revisit"):
                    entry["type"] = record.rec_type
                    entry["profile"] = record.rec_headers.get_header("WARC-Profile")
    return found


def discovery(archive: Path, run_id: int) -> set[tuple[str, str]]:
    """What a run fetched and what each page turned out to be."""
    return {(row["url"], row["page_kind"]) for row in captures(archive, run_id)}


def conditional(headers: dict[str, str]) -> bool:
    return "If-None-Match" in headers or "If-Modified-Since" in headers


def test_unchanged_recrawl_revalidates_pages_and_discovers_the_same(server, tmp_path):
    archive, control = tmp_path / "archive", tmp_path / "control"
    crawl_demo(server, archive)
    shutil.copytree(archive, control)
    first = {row["url"] for row in captures(archive, 1) if row["page_kind"] in PAGE_KINDS}
    assert any(url.endswith(".xml") for url in first) and any(url.endswith("/robots.txt") for url in first)

    server.clear_log()
    result = crawl_demo(server, archive)
    assert "unchanged 52" in result.stdout and "new 0" in result.stdout
    pages = [row for row in captures(archive, 2) if row["page_kind"] in PAGE_KINDS]
    assert {row["page_kind"] for row in pages} == set(PAGE_KINDS)
    records = run_records(archive, 2)
    for row in pages:  # every page re-fetch was conditional, answered 304, archived as a revisit
        assert row["status"] == 304 and row["record_type"] == "revisit", dict(row)
        record = records[row["url"]]
        assert conditional(record["request"]), row["url"]
        assert record["type"] == "revisit"
        assert str(record["profile"]).endswith("/revisit/server-not-modified")
    robots = records[server.base_url + "/robots.txt"]["request"]
    assert robots.get("If-Modified-Since") == ROBOTS_LAST_MODIFIED and "If-None-Match" not in robots
    assert not [path for _, path, status in server.requests if status == 200]  # nothing re-sent
    with db(archive) as conn:
        assert conn.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == 52
        assert conn.execute("SELECT COUNT(*) FROM captures WHERE run_id = 2 AND "
                            "page_kind = 'pending'").fetchone()[0] == 0

    # The same second run with full page fetches discovers and classifies exactly the same.
    crawl_demo(server, control, "--set", "NEWS_CONDITIONAL_PAGES=False")
    assert discovery(archive, 2) == discovery(control, 2)
    assert not any(conditional(r["request"]) for url, r in run_records(control, 2).items()
                   if url in first)


def test_new_article_on_revalidated_site_is_found_and_stored(server, tmp_path):
    archive, control = tmp_path / "archive", tmp_path / "control"
    crawl_demo(server, archive)
    shutil.copytree(archive, control)
    site = server.site
    new_keys = site.publish(3)
    server.clear_log()
    result = crawl_demo(server, archive)
    assert "new 3" in result.stdout
    statuses = {path: status for _, path, status in server.requests}
    # Pages the new articles changed came back in full; the others were answered 304.
    assert statuses["/sitemap-articles.xml"] == 200 and 304 in statuses.values()
    with db(archive) as conn:
        stored = {row[0] for row in conn.execute("SELECT canonical_url FROM articles")}
    for key in new_keys:
        assert server.base_url + site.article(key).path in stored

    crawl_demo(server, control, "--set", "NEWS_CONDITIONAL_PAGES=False")
    assert discovery(archive, 2) == discovery(control, 2)


def _corrupt(archive: Path, capture: sqlite3.Row) -> None:
    """Overwrite the middle of the capture's gzip member: the record no longer reads back."""
    path = archive / "warcs" / capture["warc_file"]
    with open(path, "r+b") as handle:
        handle.seek(capture["warc_offset"] + capture["warc_length"] // 2)
        handle.write(b"\x00" * 16)


def test_unreadable_archived_copy_falls_back_to_a_full_fetch(server, tmp_path):
    archive = tmp_path / "archive"
    crawl_demo(server, archive)
    feed_url = server.base_url + "/en_GB/security/rss.xml"
    with db(archive) as conn:
        feed = conn.execute("SELECT * FROM captures WHERE url = ?", (feed_url,)).fetchone()
    _corrupt(archive, feed)

    server.clear_log()
    result = crawl_demo(server, archive)
    assert "unchanged 52" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
    log = (archive / "logs" / "newsarchive.log").read_text()
    [line] = [line for line in log.splitlines() if "cannot be read" in line]
    assert feed_url in line and "fetching it in full" in line
    assert "Traceback" not in log
    statuses = {path: status for _, path, status in server.requests}
    assert statuses["/en_GB/security/rss.xml"] == 200
    assert statuses["/en_GB/politics/rss.xml"] == 304
    records = run_records(archive, 2)[feed_url]
    assert not conditional(records["request"])
    # the same payload again, but its archived copy is damaged: a full record, not a revisit
    assert records["type"] == "response"
    [again] = [row for row in captures(archive, 2) if row["url"] == feed_url]
    assert again["status"] == 200 and again["page_kind"] == "feed"
    assert again["record_type"] == "response"


def test_304_whose_archived_copy_broke_since_the_request_is_fetched_again(server, tmp_path):
    """The request-time check passed, then the record became unreadable before the 304 arrived
    (real Request/Response objects, the real archive of a crawl)."""
    archive = tmp_path / "archive"
    crawl_demo(server, archive)
    sitemap_url = server.base_url + "/sitemap-articles.xml"
    crawler = get_crawler(settings_dict={"NEWS_ARCHIVE_DIR": str(archive), "DOWNLOAD_MAXSIZE": 2**25,
                                         "NEWS_CONDITIONAL_PAGES": True})
    view = ArchiveView(open_store(archive, readonly=True), warc_root=archive / "warcs")
    middleware = IncrementalMiddleware(crawler, view)

    request = Request(sitemap_url)
    middleware.process_request(request)
    assert request.headers.get("If-None-Match")
    response = middleware.process_response(request, Response(sitemap_url, status=304, request=request))
    assert isinstance(response, XmlResponse) and response.status == 200
    assert "archived" in response.flags and b"<urlset" in response.body  # gunzipped
    assert response.headers.get("Content-Encoding") is None

    with db(archive) as conn:
        sitemap = conn.execute("SELECT * FROM captures WHERE url = ?", (sitemap_url,)).fetchone()
    _corrupt(archive, sitemap)
    again = middleware.process_response(request, Response(sitemap_url, status=304, request=request))
    assert isinstance(again, Request) and again.url == sitemap_url and again.dont_filter
    assert not conditional({k.decode(): v for k, v in again.headers.items()})
    middleware.process_request(again)  # a full fetch stays a full fetch
    assert b"If-None-Match" not in again.headers
    view.close()


def test_demo_site_without_page_validators_is_fetched_as_before(demo_server, tmp_path):
    """A site that sends no validators on its pages gets no conditional page requests."""
    archive = tmp_path / "archive"
    crawl_demo(demo_server, archive)
    crawl_demo(demo_server, archive)
    records = run_records(archive, 2)
    listing = demo_server.base_url + "/en_GB/security/"
    assert not conditional(records[listing]["request"])
    assert str(records[listing]["profile"]).endswith("/revisit/identical-payload-digest")
    assert run_cli("runs", "--archive", str(archive)).returncode == 0
