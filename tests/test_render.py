"""Rendering mode: the demo site's JavaScript-only article (newsarchive/demosite/scripted.py),
crawled over real HTTP on 127.0.0.1 with Debian's Chromium (`--render`) and without it.

A site profile of the demo's English Society section (its first listing page, feeds and
robots.txt) keeps the crawls small: the listing, the articles it links (the JavaScript-only one
among them) and their requisites.
"""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.warc import iter_warc_files
from crawler.extract import extract_page
from crawler.extract.classify import NEEDS_JAVASCRIPT
from crawler.pipelines.validate import verdict
from crawler.profiles import load_profile_file
from crawler.render import render_wanted
from newsarchive.demosite import DemoServer, DemoSite
from newsarchive.demosite import scripted
from scrapy.settings import Settings

from .browser import chromium_available
from .conftest import REPO, export_rows, run_cli, warcio_check

pytestmark = pytest.mark.skipif(not chromium_available(), reason="needs /usr/bin/chromium")

PROFILE = """name = "society"
base_url = "{base}/"
sections = ["/en_GB/society/"]
article_pattern = '^/en_GB/articles/[a-z-]+/\\d{{4}}/\\d{{2}}/\\d{{2}}/[^/]+$'
max_listing_pages = 1
render = {render}
"""


@dataclass
class Crawl:
    archive: Path
    stdout: list[str]
    site: DemoSite
    server: DemoServer


def crawl(profile: Path, archive: Path, *extra: str) -> str:
    result = run_cli("crawl", str(profile), "--archive", str(archive), *extra, timeout=400)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def records(archive: Path) -> list[dict]:
    """Every WARC record of the archive: type, URI, HTTP headers and payload."""
    out = []
    for path in iter_warc_files(archive / "warcs"):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                if record.rec_type not in ("request", "response", "revisit", "resource"):
                    continue
                out.append({"type": record.rec_type,
                            "uri": record.rec_headers.get_header("WARC-Target-URI"),
                            "file": path.name,
                            "headers": dict((k.lower(), v) for k, v in record.http_headers.headers)
                            if record.http_headers else {},
                            "payload": record.content_stream().read()})
    return out


def captures(archive: Path) -> list[sqlite3.Row]:
    conn = sqlite3.connect(f"file:{archive / 'records.sqlite3'}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    try:
        return conn.execute("SELECT * FROM captures ORDER BY id").fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[DemoSite, DemoServer, Path]]:
    site = DemoSite(scripted=True)
    root = tmp_path_factory.mktemp("render")
    with DemoServer(site) as server:
        profile = root / "society.toml"
        profile.write_text(PROFILE.format(base=server.base_url, render="false"), encoding="utf-8")
        yield site, server, profile


@pytest.fixture(scope="module")
def plain(served: tuple[DemoSite, DemoServer, Path],
          tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    site, server, profile = served
    archive = tmp_path_factory.mktemp("plain") / "archive"
    return Crawl(archive, [crawl(profile, archive)], site, server)


@pytest.fixture(scope="module")
def rendered(served: tuple[DemoSite, DemoServer, Path],
             tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    """Two runs with --render: the first archives, the second re-checks (dedup, revisits)."""
    site, server, profile = served
    archive = tmp_path_factory.mktemp("rendered") / "archive"
    first = crawl(profile, archive, "--render")
    second = crawl(profile, archive, "--render")
    return Crawl(archive, [first, second], site, server)


def test_without_rendering_the_javascript_page_is_skipped_with_a_clear_reason(plain: Crawl):
    url = plain.server.base_url + scripted.PATH
    [line] = [line for line in plain.stdout[0].splitlines() if "needs JavaScript" in line]
    assert "1 page skipped" in line and url in line and line.endswith("rerun with --render")
    [row] = [row for row in captures(plain.archive) if row["url"] == url]
    assert (row["page_kind"], row["reason"]) == ("non-article", NEEDS_JAVASCRIPT)
    assert url not in {r["url"] for r in export_rows(plain.archive)}
    # the other articles of the listing are stored as ever; the article's JSON was never fetched
    assert len(export_rows(plain.archive)) >= 5
    assert plain.server.base_url + scripted.JSON_PATH not in {r["url"] for r in captures(plain.archive)}


def test_rendering_extracts_the_article_the_script_built(rendered: Crawl):
    truth = scripted.scripted_truth(rendered.server.base_url)
    [row] = [r for r in export_rows(rendered.archive) if r["url"] == truth["url"]]
    assert row["title"] == truth["title"]
    assert row["authors"] == truth["authors"] and row["published"] == truth["published"]
    for paragraph in truth["paragraphs"]:
        assert paragraph in row["body"]
    assert "needs JavaScript" not in rendered.stdout[0]
    assert "rendered:" in rendered.stdout[0]
    # the plain run's articles are the rendered run's too (the listing's, and one more)
    assert "articles new" in rendered.stdout[0]


def test_warc_holds_the_server_html_and_every_exchange_of_the_browser(rendered: Crawl):
    base = rendered.server.base_url
    truth = scripted.scripted_truth(base)
    first_run = [r for r in records(rendered.archive) if "-r1-" in r["file"]]
    responses = {r["uri"]: r for r in first_run if r["type"] == "response"}
    requests = {r["uri"]: r for r in first_run if r["type"] == "request"}
    # the page's own record is the HTML the server sent (the shell), not the rendered DOM
    page = responses[truth["url"]]
    assert b'<div id="app"' in page["payload"] and truth["title"].encode() not in page["payload"]
    # the JSON the page's script fetched (an XHR of the browser) and the script itself
    data = json.loads(responses[truth["json_url"]]["payload"])
    assert data["title"] == truth["title"]
    assert responses[truth["json_url"]]["headers"]["content-length"] == str(
        len(responses[truth["json_url"]]["payload"]))
    assert truth["json_url"] in requests and requests[truth["json_url"]]["headers"]["host"]
    # the browser's requests carry Chromium's client hints; the page's own navigation carries
    # Scrapy's headers (scrapy-playwright), robots.txt, the feed and the requisites requested
    # by the spider are plain Scrapy downloads
    browser = {r["uri"] for r in first_run if r["type"] == "request" and "sec-ch-ua" in r["headers"]}
    assert {truth["json_url"], truth["script_url"]} <= browser
    assert base + "/robots.txt" not in browser and base + "/en_GB/society/rss.xml" not in browser
    plain_script = [r for r in first_run if r["type"] == "request" and r["uri"] == truth["script_url"]
                    and "sec-ch-ua" not in r["headers"]]
    assert len(plain_script) == 1   # requested once as the page's requisite, once by the browser
    # the DOM extraction read, next to the page's response record (reextract reads it there)
    [dom] = [r for r in first_run if r["type"] == "resource"
             and r["uri"] == "urn:rendered-dom:" + truth["url"]]
    assert truth["title"].encode() in dom["payload"]
    warcio_check(iter_warc_files(rendered.archive / "warcs"))


def test_reextract_reads_the_rendered_dom(rendered: Crawl):
    """The server's HTML of the JavaScript-only page is a shell: reextract reads the DOM the
    browser rendered, archived beside it, and finds every article unchanged."""
    result = run_cli("reextract", "--archive", str(rendered.archive))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no longer" not in result.stdout and "updated 0" in result.stdout, result.stdout
    assert "not articles 0" in result.stdout, result.stdout


def test_browser_exchanges_are_captures_and_the_page_is_one_article(rendered: Crawl):
    base = rendered.server.base_url
    truth = scripted.scripted_truth(base)
    rows = [r for r in captures(rendered.archive) if r["run_id"] == 1]
    by_url: dict[str, list[sqlite3.Row]] = {}
    for row in rows:
        by_url.setdefault(row["url"], []).append(row)
    assert [r["page_kind"] for r in by_url[truth["url"]]] == ["article"]
    assert [r["page_kind"] for r in by_url[truth["json_url"]]] == ["requisite"]
    assert truth["url"] in by_url[truth["json_url"]][0]["reason"]
    assert all(r["warc_file"] and r["warc_length"] for r in rows)


def test_second_rendered_run_keeps_dedup_and_incremental_rules(rendered: Crawl):
    second = rendered.stdout[1]
    new = int(rendered.stdout[0].split("articles new ")[1].split(",")[0])
    assert f"articles new 0, updated 0, unchanged {new}" in second
    again = [r for r in records(rendered.archive) if "-r2-" in r["file"]]
    truth = scripted.scripted_truth(rendered.server.base_url)
    # rendered pages are fetched in full (no conditional request) and dedup finds them
    # unchanged; the JSON, unchanged too, is a revisit record
    page_requests = [r for r in again if r["type"] == "request" and r["uri"] == truth["url"]]
    assert page_requests and "if-none-match" not in page_requests[0]["headers"]
    assert [r["type"] for r in again if r["uri"] == truth["json_url"]] == ["request", "revisit"]


def test_profile_setting_turns_rendering_on(tmp_path: Path):
    path = tmp_path / "site.toml"
    path.write_text(PROFILE.format(base="http://news.example", render="true"), encoding="utf-8")
    profile = load_profile_file(path)
    assert profile.render and render_wanted(Settings({"NEWS_RENDER_ENABLED": False}), profile)
    assert not render_wanted(Settings({"NEWS_RENDER_ENABLED": False}), None)


def test_script_shell_is_found_by_content_not_url():
    shell = scripted.shell_page()
    for url in ("https://news.example/p/1", "https://news.example/2024/05/16/a-story"):
        article, signals = extract_page(shell, url)
        assert signals.script_shell and verdict(article, signals, min_words=40) == (
            "non-article", NEEDS_JAVASCRIPT)
    # a short page without scripts, and a real article with scripts, are no shells
    stub = "<html><head><title>Stub</title></head><body><h1>Stub</h1><p>Soon.</p></body></html>"
    assert not extract_page(stub, "https://news.example/p/2")[1].script_shell
    rendered = shell.replace('<div id="app" data-source="/en_GB/api/articles/council-passes-'
                             'harbour-budget-after-all-night-sitting.json"></div>',
                             "<article><h1>T</h1>" + "".join(
                                 f"<p>{p}</p>" for p in scripted.ARTICLE["paragraphs"])
                             + "</article>").replace("<noscript>This article needs JavaScript."
                                                     "</noscript>", "")
    article, signals = extract_page(rendered, "https://news.example/p/3")
    assert not signals.script_shell and verdict(article, signals, min_words=40) is None


def _descendants(pid: int) -> set[int]:
    """Every live process under `pid` (the Playwright driver and Chromium's processes)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.timeout(600)
def test_sigkill_of_a_rendering_crawl_then_resume_loses_and_duplicates_nothing(tmp_path: Path):
    """Killed while Chromium renders, the next run repairs the WARC, stores every article once,
    and no browser process of the killed crawl is left running."""
    site = DemoSite(scripted=True)
    with DemoServer(site) as server:
        profile = tmp_path / "society.toml"
        profile.write_text(PROFILE.format(base=server.base_url, render="true"), encoding="utf-8")
        archive = tmp_path / "archive"
        for point in (14, 40):
            server.clear_log()
            process = subprocess.Popen([sys.executable, "-m", "newsarchive.cli", "crawl",
                                        str(profile), "--archive", str(archive)],
                                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                       cwd=REPO)
            deadline = time.monotonic() + 120
            while len(server.requests) < point and process.poll() is None:
                assert time.monotonic() < deadline
                time.sleep(0.005)
            browser = _descendants(process.pid)
            assert process.poll() is None, "the crawl ended before the kill point"
            os.kill(process.pid, signal.SIGKILL)
            process.communicate(timeout=30)
            deadline = time.monotonic() + 30
            while any(_alive(pid) for pid in browser) and time.monotonic() < deadline:
                time.sleep(0.2)
            assert not [pid for pid in browser if _alive(pid)], "browser outlived the crawl"
            crawl(profile, archive)
        rows = export_rows(archive)
        urls = [row["canonical_url"] for row in rows]
        assert len(urls) == len(set(urls)), "an article was stored twice"
        assert server.base_url + scripted.PATH in urls
        assert not list((archive / "warcs").rglob("*.open"))
        warcio_check(iter_warc_files(archive / "warcs"))
        conn = sqlite3.connect(f"file:{archive / 'records.sqlite3'}?mode=ro", uri=True)
        statuses = [row[0] for row in conn.execute("SELECT status FROM runs ORDER BY id")]
        conn.close()
        assert statuses == ["interrupted", "ok", "interrupted", "ok"]


def test_only_page_requests_go_to_the_browser():
    """Articles, listings and profile-less pages are rendered; robots.txt, feeds, sitemaps and
    requisites are plain downloads; a re-scheduled request sheds the last attempt's meta."""
    from scrapy import Request
    from scrapy.utils.test import get_crawler

    from crawler.middlewares.render import RenderMiddleware
    from crawler.render import RENDER_META, BrowserCapture
    from crawler.requisites import REQUISITE_META
    from crawler.spiders.news import NewsSpider

    crawler = get_crawler(NewsSpider, {"NEWS_RENDER_ENABLED": True})
    middleware = RenderMiddleware.from_crawler(crawler)
    spider = NewsSpider(start_url="https://news.example/")
    url = "https://news.example/x"
    for callback in (spider.parse_article, spider.parse_listing, spider.parse_page):
        request = Request(url, callback)
        middleware.process_request(request)
        assert request.meta["playwright"] and isinstance(request.meta[RENDER_META], BrowserCapture)
        middleware.request_scheduled(request, spider)
        assert "playwright" not in request.meta and RENDER_META not in request.meta
    for request in (Request(url, spider.parse_feed), Request(url, spider.parse_sitemap),
                    Request(url, spider.parse_robots), Request(url, spider.parse_requisite),
                    Request(url, spider.parse_article, meta={REQUISITE_META: url}),
                    Request(url)):
        middleware.process_request(request)
        assert "playwright" not in request.meta and RENDER_META not in request.meta
