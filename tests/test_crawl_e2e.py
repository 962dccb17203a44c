"""End to end: `newsarchive crawl demo` over real HTTP on 127.0.0.1, checked against the demo
site's ground truth, the WARC files (warcio) and the records database (SQLite)."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
import urllib.request
from collections import Counter
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.records import WarcRef
from archive.warc import iter_warc_files, read_record
from crawler.extract.article import EXPORT_FIELDS

from .conftest import CrawledDemo, crawl_demo, export_rows, warcio_check, without_image_captures

COMPARED_FIELDS = ("url", "canonical_url", "site", "language", "section", "title", "dek", "authors",
                   "published", "modified", "body", "images", "tags")


def db(archive: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(f"file:{archive / 'records.sqlite3'}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    return conn


def test_every_article_stored_once_with_every_field_equal_to_ground_truth(crawled_demo: CrawledDemo):
    truth = {a["canonical_url"]: a for a in crawled_demo.site.ground_truth(crawled_demo.server.base_url)}
    rows = crawled_demo.rows
    assert len(truth) >= 40
    assert Counter(r["canonical_url"] for r in rows) == Counter(set(truth)), "each article exactly once"
    assert {r["language"] for r in rows} == {"en", "ar"}
    mismatches = []
    for row in rows:
        expected = truth[row["canonical_url"]]
        for name in COMPARED_FIELDS:
            value = without_image_captures(row[name]) if name == "images" else row[name]
            if value != expected[name]:
                mismatches.append(f"{row['canonical_url']} {name}: {value!r:.120} != {expected[name]!r:.120}")
    assert not mismatches, f"{len(mismatches)} field mismatches:\n" + "\n".join(mismatches[:20])


def _outcomes(summary: str) -> str:
    """The run summary's line of article outcomes ("articles new 52, updated 0, ...")."""
    (line,) = [line for line in summary.splitlines() if "articles new" in line]
    return line.split(";", 1)[1].strip()


@pytest.mark.parametrize("workers", [0, 3])
def test_extraction_in_the_crawl_process_or_in_three_workers_stores_the_same_articles(
        crawled_demo: CrawledDemo, tmp_path: Path, workers: int):
    """NEWS_EXTRACT_WORKERS=0: pages are decoded, extracted, validated and stored in the crawl's
    own process; 3: three page workers (more than the machine's cores) extract side by side
    and store their batches in the order sent. Either way the result is the default single
    worker's: every article once, each print copy linked to its article as a duplicate (a print
    copy stored before its article would make the article's first version), nothing more."""
    archive = tmp_path / "archive"
    result = crawl_demo(crawled_demo.server, archive, "--set", f"NEWS_EXTRACT_WORKERS={workers}")
    assert "articles new 52" in result.stdout
    assert _outcomes(result.stdout) == _outcomes(crawled_demo.output)
    fields = [name for name in EXPORT_FIELDS if name not in ("capture",)]

    def values(row: dict) -> tuple[str, ...]:
        # where each picture's bytes are differs between the two archives
        return tuple(str(without_image_captures(row[name]) if name == "images" else row[name])
                     for name in fields)

    here = sorted(values(row) for row in export_rows(archive))
    worker = sorted(values(row) for row in crawled_demo.rows)
    assert here == worker and len(here) == 52


def test_windows_1256_page_decoded_exactly(crawled_demo: CrawledDemo):
    url = crawled_demo.site.special_urls(crawled_demo.server.base_url)["windows_1256"]
    [row] = [r for r in crawled_demo.rows if r["canonical_url"] == url]
    [expected] = [a for a in crawled_demo.site.ground_truth(crawled_demo.server.base_url)
                  if a["canonical_url"] == url]
    assert row["title"] == expected["title"] and row["body"] == expected["body"]
    assert any("\u0600" <= ch <= "\u06ff" for ch in row["title"])


def test_export_has_exactly_the_documented_fields(crawled_demo: CrawledDemo):
    for row in crawled_demo.rows:
        assert list(row) == [*EXPORT_FIELDS, "article_id", "story_id", "capture"]
        assert set(row["capture"]) == {"warc_file", "offset", "length", "record_id", "fetched_at",
                                       "payload_digest"}
        for image in row["images"]:
            assert list(image) == ["src", "caption", "credit", "capture"]
            # every picture of the demo site is archived (a page requisite): its record
            assert list(image["capture"]) == ["warc_file", "offset", "length", "record_id",
                                              "fetched_at", "payload_digest"]


def test_listing_pages_404_and_robots_are_captures_not_articles(crawled_demo: CrawledDemo):
    special = crawled_demo.site.special_urls(crawled_demo.server.base_url)
    conn = db(crawled_demo.archive)
    kinds = {row["url"]: (row["page_kind"], row["status"], row["article_id"])
             for row in conn.execute("SELECT url, page_kind, status, article_id FROM captures")}
    assert kinds[special["robots"]][0] == "robots"
    assert kinds[special["not_found"]][:2] == ("error", 404)
    for section in crawled_demo.site.sections(crawled_demo.server.base_url):
        assert kinds[section][0] == "listing" and kinds[section][2] is None
    article_urls = {r["canonical_url"] for r in crawled_demo.rows}
    assert special["not_found"] not in article_urls
    assert not any(u.endswith(("/robots.txt", "/")) for u in article_urls)
    assert conn.execute("SELECT COUNT(*) FROM captures WHERE page_kind = 'pending'").fetchone()[0] == 0


def test_robots_txt_disallowed_path_is_never_fetched(crawled_demo: CrawledDemo):
    paths = [path for _, path, _ in crawled_demo.served]
    assert "/robots.txt" in paths
    assert not [p for p in paths if p.startswith("/en_GB/private/")]


def test_tracking_print_and_redirected_urls_give_one_article(crawled_demo: CrawledDemo):
    special = crawled_demo.site.special_urls(crawled_demo.server.base_url)
    conn = db(crawled_demo.archive)
    ids = {}
    for key, canonical_key in (("print", "print_canonical"), ("redirect_from", "redirect_to"),
                               ("tracking", "tracking_canonical")):
        canonical = special[canonical_key]
        [article_id] = [r[0] for r in conn.execute("SELECT id FROM articles WHERE canonical_url = ?", (canonical,))]
        ids[key] = article_id
        assert conn.execute("SELECT COUNT(*) FROM articles WHERE canonical_url LIKE ?",
                            (canonical + "%",)).fetchone()[0] == 1
    # The print page and the old redirecting URL were fetched and resolve to their article.
    for key in ("print", "redirect_from"):
        row = conn.execute("SELECT article_id FROM article_urls WHERE url = ?", (special[key],)).fetchone()
        assert row is not None and row[0] == ids[key], key
    # The tracking link was fetched without its tracking parameters: no utm_ URL anywhere.
    assert conn.execute("SELECT COUNT(*) FROM captures WHERE url LIKE '%utm_%'").fetchone()[0] == 0
    assert conn.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == len(crawled_demo.rows)


def test_every_warc_file_passes_warcio_check_and_reads_fully(crawled_demo: CrawledDemo):
    files = list(iter_warc_files(crawled_demo.archive / "warcs"))
    assert files, "no WARC written"
    assert not list((crawled_demo.archive / "warcs").rglob("*.open"))
    for path in files:
        check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", str(path)],
                               capture_output=True, text=True)
        assert check.returncode == 0, check.stdout[-2000:] + check.stderr
        assert "digest pass" in check.stdout
        with open(path, "rb") as handle:
            types = [record.rec_type for record in ArchiveIterator(handle)]
        assert types[0] == "warcinfo"


def test_request_and_response_records_for_every_fetch(crawled_demo: CrawledDemo):
    responses, requests_for = {}, set()
    for path in iter_warc_files(crawled_demo.archive / "warcs"):
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type == "response":
                    responses[record.rec_headers.get_header("WARC-Record-ID")] = \
                        record.rec_headers.get_header("WARC-Target-URI")
                elif record.rec_type == "request":
                    requests_for.add(record.rec_headers.get_header("WARC-Concurrent-To"))
    served = [path for _, path, _ in crawled_demo.served]
    assert len(responses) == len(served), "one response record per request the server answered"
    assert set(responses) == requests_for
    conn = db(crawled_demo.archive)
    assert conn.execute("SELECT COUNT(*) FROM captures").fetchone()[0] == len(responses)


def test_capture_references_point_at_byte_identical_payloads(crawled_demo: CrawledDemo):
    conn = db(crawled_demo.archive)
    rows = conn.execute("SELECT url, status, warc_file, warc_offset, warc_length, record_id, "
                        "payload_digest FROM captures WHERE status = 200").fetchall()
    assert rows
    for row in rows:
        ref = WarcRef(row["warc_file"], row["warc_offset"], row["warc_length"], row["record_id"])
        headers, _, payload = read_record(crawled_demo.archive / "warcs", ref)
        assert headers["WARC-Type"] == "response"
        assert headers["WARC-Target-URI"] == row["url"]
        assert headers["WARC-Payload-Digest"] == row["payload_digest"]
        request = urllib.request.Request(row["url"], headers={"Accept-Encoding": "identity"})
        with urllib.request.urlopen(request) as response:  # the site is deterministic
            assert payload == response.read(), row["url"]


def test_run_summary_printed_and_saved(crawled_demo: CrawledDemo):
    assert "articles new" in crawled_demo.output and "WARC files" in crawled_demo.output
    conn = db(crawled_demo.archive)
    run = conn.execute("SELECT status, summary FROM runs").fetchone()
    assert run["status"] == "ok"
    import json

    summary = json.loads(run["summary"])
    assert summary["articles"]["new"] == len(crawled_demo.rows)
    assert summary["errors"].get("http_404") == 1
    assert summary["field_fill_rates"]["title"] == 1.0
    assert summary["pages_fetched"] == len(crawled_demo.served)


def test_recrawl_unchanged_adds_nothing_then_edit_adds_exactly_one_version(demo_server, tmp_path):
    archive = tmp_path / "archive"
    crawl_demo(demo_server, archive)
    first = export_rows(archive)
    conn = db(archive)
    versions_before = conn.execute("SELECT COUNT(*) FROM versions").fetchone()[0]
    conn.close()

    crawl_demo(demo_server, archive)
    conn = db(archive)
    assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == len(first)
    assert conn.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == versions_before
    conn.close()

    site = demo_server.site
    edited = site.articles()[3]
    old_body = next(r["body"] for r in first if r["canonical_url"].endswith(edited.path))
    site.edit_article(edited.key, paragraph="Update: officials confirmed the figures on Friday.")
    crawl_demo(demo_server, archive)
    conn = db(archive)
    assert conn.execute("SELECT COUNT(*) FROM versions").fetchone()[0] == versions_before + 1
    rows = conn.execute("SELECT v.version_no, v.body FROM versions v JOIN articles a ON a.id = v.article_id "
                        "WHERE a.canonical_url LIKE ? ORDER BY v.version_no", ("%" + edited.path,)).fetchall()
    assert [r["version_no"] for r in rows] == [1, 2]
    assert rows[0]["body"] == old_body
    assert rows[1]["body"].endswith("Update: officials confirmed the figures on Friday.")
    current = {r["canonical_url"]: r for r in export_rows(archive)}
    assert current[demo_server.base_url + edited.path]["body"] == rows[1]["body"]


def test_warcinfo_user_agent_rotation_and_log_file(demo_server, tmp_path):
    archive = tmp_path / "archive"
    crawl_demo(demo_server, archive, "--contact", "mailto:desk@example.org", "--operator", "Test Desk",
               "--set", "NEWS_WARC_MAX_SIZE=400000")
    files = sorted(iter_warc_files(archive / "warcs"))
    assert len(files) >= 3, "rotation at NEWS_WARC_MAX_SIZE"
    assert all(p.name.startswith("demo-") and "-r1-" in p.name for p in files)
    warcio_check(files)
    user_agents = set()
    for path in files:
        with open(path, "rb") as handle:
            records = iter(ArchiveIterator(handle))
            info = next(records)
            assert info.rec_type == "warcinfo"
            text = info.content_stream().read().decode()
            assert "software: newsarchive/" in text and "operator: Test Desk" in text
            assert "robots: obey" in text and "crawl settings" in text
            for record in records:
                if record.rec_type == "request":
                    user_agents.add(record.http_headers.get_header("User-Agent"))
    assert user_agents and all("newsarchive/" in ua and "mailto:desk@example.org" in ua
                                for ua in user_agents)
    log = (archive / "logs" / "newsarchive.log").read_text()
    assert "Spider closed" in log or "Closing spider" in log
