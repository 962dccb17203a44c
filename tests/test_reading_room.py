"""The web reading room in real headless Chromium, over a real archive.

One archive for the module: the demo site crawled, one article edited and the site crawled
again (versions, revisit records), plus a hostile news site of our own (served here) crawled
profile-less. `newsarchive serve` runs as a subprocess, pywb replay on the next port. Chromium
is Debian's (tests/browser.py). Screenshots land in $TMPDIR/newsarchive-test-artifacts/ (or
$NEWSARCHIVE_TEST_ARTIFACTS) for people to look at.
"""
from __future__ import annotations

import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from newsarchive.demosite import DemoServer, DemoSite

from .browser import chromium, chromium_available
from .conftest import REPO, crawl_demo, export_rows, run_cli

pytestmark = pytest.mark.skipif(not chromium_available(),
                                reason="needs Debian's chromium (.ci/run installs it)")

# Screenshots for people to look at: outside the source tree, like every file a test writes
# ($NEWSARCHIVE_TEST_ARTIFACTS chooses the folder).
ARTIFACTS = Path(os.environ.get("NEWSARCHIVE_TEST_ARTIFACTS")
                 or Path(tempfile.gettempdir()) / "newsarchive-test-artifacts")
EDIT = "Update: the ministry corrected the figures on Thursday, citing a counting error."
HOSTILE_PATH = "/news/2026/07/30/hostile-page-tries-every-trick"


# --- a hostile news site and a beacon that records what reached it ---------------------------
class _Quiet(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False


class HostileSite:
    """A small news site whose article carries every way HTML can run script or load a
    resource; every trick reports to the beacon server, whose request log the tests read."""

    def __init__(self) -> None:
        self.beacon_hits: list[str] = []
        self._servers: list[_Quiet] = []

    def start(self) -> HostileSite:
        site = self

        class Beacon(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server API
                site.beacon_hits.append(self.path)
                self.send_response(204)
                self.end_headers()

            do_POST = do_GET

            def log_message(self, *args: object) -> None:
                pass

        class Pages(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802
                body, ctype, status = site.page(self.path)
                data = body.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: object) -> None:
                pass

        for handler in (Beacon, Pages):
            server = _Quiet(("127.0.0.1", 0), handler)
            threading.Thread(target=server.serve_forever, daemon=True).start()
            self._servers.append(server)
        return self

    @property
    def beacon_url(self) -> str:
        return f"http://127.0.0.1:{self._servers[0].server_address[1]}"

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._servers[1].server_address[1]}"

    def stop(self) -> None:
        for server in self._servers:
            server.shutdown()
            server.server_close()

    def page(self, path: str) -> tuple[str, str, int]:
        if path == "/robots.txt":
            return "User-agent: *\nAllow: /\n", "text/plain", 200
        if path in ("/news/", "/news"):
            return (f'<!DOCTYPE html><html lang="en"><head><title>Hostile Times</title></head>'
                    f'<body><h1>Hostile Times</h1><ul><li><a href="{HOSTILE_PATH}">A page that '
                    f'tries every trick</a></li></ul></body></html>'), "text/html", 200
        if path == HOSTILE_PATH:
            return self.article(), "text/html; charset=utf-8", 200
        return "not found", "text/plain", 404

    def article(self) -> str:
        b = self.beacon_url
        paragraphs = "".join(
            f"<p>Paragraph {i}: the council met again on Tuesday to discuss the budget for "
            f"schools, roads and the new water network that residents have asked for since "
            f"the floods of last spring, officials said.</p>" for i in range(1, 7))
        return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Hostile page tries every trick</title>
<meta http-equiv="refresh" content="0;url={b}/meta-refresh">
<meta property="og:title" content="Hostile page tries every trick">
<meta property="og:type" content="article">
<meta name="author" content="Mallory Beacon">
<meta property="article:published_time" content="2026-07-30T10:00:00+00:00">
<link rel="stylesheet" href="{b}/css-link">
<style>body {{ background: url("{b}/css-url"); }} @import url("{b}/css-import");</style>
<script>window.__pwned = "head-script"; fetch("{b}/head-script");</script>
</head>
<body onload="window.__pwned='body-onload'; fetch('{b}/body-onload')">
<article>
<h1 onmouseover="window.__pwned='h1'">Hostile page tries every trick</h1>
<p class="byline">By Mallory Beacon</p>
<time datetime="2026-07-30T10:00:00+00:00">30 July 2026</time>
<figure><img src="{b}/img-src" onerror="window.__pwned='img-onerror'; fetch('{b}/img-onerror')">
<figcaption>A sign outside the council building. [Eve Photo/Agency]</figcaption></figure>
<p>The beacon story begins here with <a href="javascript:window.__pwned='js-link'">a javascript link</a>
and a plain word: hostilemarker.</p>
<p>Literal markup in the text must stay text: &lt;script&gt;window.__pwned="text-script"&lt;/script&gt;
and &lt;img src=x onerror="window.__pwned='text-img'"&gt; are words here.</p>
{paragraphs}
<svg width="10" height="10" onload="window.__pwned='svg-onload'"><script>window.__pwned='svg-script';
fetch("{b}/svg-script")</script><image href="{b}/svg-image"/></svg>
<iframe src="{b}/iframe"></iframe>
<object data="{b}/object"></object>
<div style="background-image: url('{b}/inline-style')">styled</div>
<form action="{b}/form"><input name="x" autofocus onfocus="window.__pwned='onfocus'"></form>
<script>document.write('<img src="{b}/document-write">'); window.__pwned = "body-script";</script>
</article>
</body></html>"""


# --- the module's archive and server ----------------------------------------------------------
@dataclass
class Room:
    url: str
    replay: str
    archive: Path
    demo: DemoServer
    hostile: HostileSite
    rows: list[dict]
    edited_id: int
    edited_url: str


def _free_ports(count: int) -> list[int]:
    """Consecutive free ports (serve puts replay on PORT+1 by default; we pass both)."""
    for _ in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            start = probe.getsockname()[1]
        if start + count > 65535:
            continue
        sockets = []
        try:
            for port in range(start, start + count):
                sock = socket.socket()
                sock.bind(("127.0.0.1", port))
                sockets.append(sock)
        except OSError:
            continue
        finally:
            for sock in sockets:
                sock.close()
        return list(range(start, start + count))
    raise RuntimeError("no free ports")


def _wait_http(url: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, OSError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _stop(process: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """End a server started by a test: SIGTERM, then SIGKILL if it has not gone in 10 s."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def get(url: str, *, headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8", "replace")


@pytest.fixture(scope="module")
def room(tmp_path_factory: pytest.TempPathFactory, replay_python: Path) -> Iterator[Room]:
    archive = tmp_path_factory.mktemp("reading-room")
    site = DemoSite(seed=0)
    hostile = HostileSite().start()
    with DemoServer(site, host="127.0.0.1", port=0) as demo:
        crawl_demo(demo, archive)
        first = export_rows(archive)
        edited = next(r for r in first if r["language"] == "en" and r["images"])
        site.edit_article(edited["canonical_url"], paragraph=EDIT)
        crawl_demo(demo, archive)
        # meta refresh off for the crawl only: the crawler would follow it instead of
        # archiving the page; the page still carries the tag for the browser tests.
        result = run_cli("crawl", hostile.base_url + "/news/", "--archive", str(archive),
                         "--set", "METAREFRESH_ENABLED=False")
        assert result.returncode == 0, result.stdout + result.stderr
        rows = export_rows(archive)
        edited_id = sqlite3.connect(archive / "records.sqlite3").execute(
            "SELECT id FROM articles WHERE canonical_url = ?",
            (edited["canonical_url"],)).fetchone()[0]
        port, replay_port = _free_ports(2)
        process = subprocess.Popen(
            [sys.executable, "-m", "newsarchive.cli", "serve", "--archive", str(archive),
             "--port", str(port), "--replay-port", str(replay_port)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            _wait_http(f"http://127.0.0.1:{port}/")
            hostile.beacon_hits.clear()       # the crawler may have fetched beacon URLs
            yield Room(url=f"http://127.0.0.1:{port}", replay=f"http://127.0.0.1:{replay_port}",
                       archive=archive, demo=demo, hostile=hostile, rows=rows,
                       edited_id=int(edited_id), edited_url=edited["canonical_url"])
        finally:
            _stop(process)
            hostile.stop()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def page(browser: Any, room: Room) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    tab = context.new_page()
    tab.errors = []
    tab.on("pageerror", lambda exc: tab.errors.append(str(exc)))
    tab.csp_reports = []
    tab.on("console", lambda msg: tab.csp_reports.append(msg.text)
           if "Content Security Policy" in msg.text else None)
    yield tab
    context.close()


def shot(tab: Any, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / name
    tab.screenshot(path=str(path), full_page=True)
    return path


def article_id(room: Room, canonical_url: str) -> int:
    row = sqlite3.connect(room.archive / "records.sqlite3").execute(
        "SELECT id FROM articles WHERE canonical_url = ?", (canonical_url,)).fetchone()
    return int(row[0])


def _unique_phrase(rows: list[dict]) -> tuple[dict, str]:
    """An English article and six words of its body found in no other article."""
    for row in rows:
        if row["language"] != "en":
            continue
        for paragraph in row["body"].split("\n\n"):
            words = re.findall(r"[A-Za-z]+", paragraph)
            for i in range(len(words) - 6):
                phrase = " ".join(words[i:i + 6])
                if phrase in " ".join(re.findall(r"[A-Za-z]+", paragraph)) and not any(
                        phrase in " ".join(re.findall(r"[A-Za-z]+", other["body"] or ""))
                        for other in rows if other is not row):
                    return row, phrase
    raise AssertionError("no distinctive phrase in the demo site")


# --- search ------------------------------------------------------------------------------------
def test_search_finds_an_article_by_a_phrase_from_its_body(room: Room, page: Any) -> None:
    target, phrase = _unique_phrase(room.rows)
    page.goto(f"{room.url}/")
    page.fill("#q", f'"{phrase}"')
    page.click("form.search button")
    # all_inner_texts() does not wait: on a loaded machine it read the results page before it
    # had loaded (no hits); the click only waits for the navigation to start
    page.wait_for_load_state()
    titles = page.locator(".hit h3").all_inner_texts()
    assert target["title"] in titles
    marks = " ".join(page.locator(".hit mark").all_inner_texts())
    assert phrase.split()[0] in marks
    assert page.locator("[data-facet=site] li").count() >= 1
    shot(page, "search.png")


def test_search_finds_an_arabic_article_by_an_arabic_word(room: Room, page: Any) -> None:
    target = next(r for r in room.rows if r["language"] == "ar")
    word = max(target["title"].split(), key=len)
    page.goto(f"{room.url}/?" + urllib.parse.urlencode({"q": word}))
    hit = page.locator(".hit", has_text=target["title"])
    assert hit.count() == 1
    assert hit.get_attribute("dir") == "rtl" and hit.get_attribute("lang") == "ar"
    shot(page, "search-arabic.png")


def test_facets_filter_the_results(room: Room, page: Any) -> None:
    page.goto(f"{room.url}/")
    total_all = int(page.locator(".total").inner_text().split()[0])
    assert total_all == len(room.rows)
    page.click("[data-facet=language] a[href*='language=ar']")
    arabic = sum(1 for r in room.rows if r["language"] == "ar")
    assert int(page.locator(".total").inner_text().split()[0]) == arabic
    assert set(page.locator(".hit").evaluate_all(
        "els => els.map(e => e.lang)")) == {"ar"}
    first_section = page.locator("[data-facet=section] a").first
    section = first_section.inner_text()
    first_section.click()
    expected = sum(1 for r in room.rows if r["language"] == "ar" and r["section"] == section)
    assert int(page.locator(".total").inner_text().split()[0]) == expected
    assert page.locator(".active-filters .chip").count() == 2
    page.click("[data-facet=month] a >> nth=0")
    assert "from=" in page.url and "to=" in page.url
    assert 0 < int(page.locator(".total").inner_text().split()[0]) <= expected


# --- article pages -----------------------------------------------------------------------------
def test_english_article_shows_captions_with_credits_and_provenance(room: Room, page: Any) -> None:
    row = next(r for r in room.rows if r["canonical_url"] == room.edited_url)
    page.goto(f"{room.url}/article/{room.edited_id}")
    assert page.locator("article h1").inner_text() == row["title"]
    assert page.locator("article .dek").inner_text() == row["dek"]
    captions = page.locator("article figcaption").all_inner_texts()
    for image in row["images"]:
        assert any(image["caption"] in c and f"[{image['credit']}]" in c for c in captions)
    assert page.locator("article .body h2").count() >= 1
    assert page.locator("article").get_attribute("dir") == "ltr"
    provenance = page.locator("#provenance").inner_text()
    capture = row["capture"]
    for value in (row["url"], capture["warc_file"], capture["record_id"],
                  capture["payload_digest"]):
        assert value in provenance
    citation = page.locator("#citation").input_value()
    assert row["title"] in citation and row["url"] in citation
    assert capture["fetched_at"].replace("T", " ").replace("Z", " UTC") in citation
    assert f"{room.replay}/archive/" in citation
    assert page.errors == []
    shot(page, "article-english.png")


def test_arabic_article_renders_right_to_left(room: Room, page: Any) -> None:
    row = next(r for r in room.rows if r["language"] == "ar" and r["images"])
    page.goto(f"{room.url}/article/{article_id(room, row['canonical_url'])}")
    article = page.locator("article")
    assert article.get_attribute("dir") == "rtl" and article.get_attribute("lang") == "ar"
    assert article.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("article h1").inner_text() == row["title"]
    captions = " ".join(page.locator("article figcaption").all_inner_texts())
    assert row["images"][0]["credit"] in captions
    # right-to-left for real: the title's right edge is at the article's right edge
    box = article.bounding_box()
    title = page.locator("article h1").evaluate(
        "el => { const r = document.createRange(); r.selectNodeContents(el); "
        "const b = r.getClientRects()[0]; return {left: b.left, right: b.right}; }")
    assert abs((box["x"] + box["width"]) - title["right"]) < 4
    shot(page, "article-arabic.png")


def test_edited_article_shows_its_versions_and_a_readable_diff(room: Room, page: Any) -> None:
    page.goto(f"{room.url}/article/{room.edited_id}")
    assert page.locator("table.versions tbody tr").count() == 2
    diff = page.locator("#changes")
    assert "version 1 to version 2" in diff.locator("h2").text_content()
    inserted = " ".join(diff.locator("[data-field=body] ins").all_inner_texts())
    assert EDIT in inserted
    assert diff.locator("[data-field=body] del").count() == 0
    shot(page, "article-versions-diff.png")
    page.click("table.versions a:text-is('" + page.locator(
        "table.versions tbody tr >> nth=0").locator("td >> nth=2").inner_text() + "')")
    assert "version 1 of 2" in page.locator(".notice").inner_text()
    assert EDIT not in page.locator("article").inner_text()


# --- replay ------------------------------------------------------------------------------------
def test_snapshot_opens_the_archived_page_on_another_origin(room: Room, page: Any) -> None:
    row = next(r for r in room.rows if r["canonical_url"] == room.edited_url)
    page.goto(f"{room.url}/article/{room.edited_id}")
    with page.expect_popup() as popup_info:
        page.click("#open-snapshot")
    replay = popup_info.value
    replay.wait_for_load_state()
    assert replay.url.startswith(room.replay + "/archive/")
    assert not replay.url.startswith(room.url)
    frame = next(f for f in replay.frames if "mp_/" in f.url)
    frame.wait_for_selector("h1")
    assert frame.locator("h1").first.inner_text().strip() == row["title"]
    assert EDIT in frame.locator("body").inner_text()   # the current version's capture
    shot(replay, "snapshot.png")


@pytest.mark.parametrize("status, kind", [(200, "listing"), (304, "article")])
def test_revisit_records_replay(room: Room, status: int, kind: str) -> None:
    """Identical-payload revisits (200) and conditional re-fetches answered 304
    (server-not-modified revisits) both replay the archived page at the revisit's time."""
    from archive.replay import replay_url

    db = sqlite3.connect(room.archive / "records.sqlite3")
    url, fetched_at, digest = db.execute(
        "SELECT url, fetched_at, payload_digest FROM captures WHERE record_type = 'revisit' "
        "AND status = ? AND page_kind = ? ORDER BY id LIMIT 1", (status, kind)).fetchone()
    original = db.execute(
        "SELECT fetched_at FROM captures WHERE url = ? AND payload_digest = ? AND "
        "record_type = 'response' ORDER BY fetched_at DESC LIMIT 1", (url, digest)).fetchone()
    for mode in ("id_", "mp_"):
        code, headers, body = get(replay_url(room.replay, fetched_at, url, mode=mode))
        assert code == 200, (mode, code)
        assert "</html>" in body and len(body) > 1000
        assert "Memento-Datetime" in headers
    if kind == "article":
        title = db.execute("SELECT v.title FROM captures c JOIN versions v ON "
                           "v.id = c.version_id WHERE c.url = ? AND c.fetched_at = ?",
                           (url, fetched_at)).fetchone()[0]
        assert title in body
        assert original is not None


# --- security ----------------------------------------------------------------------------------
def _hostile_id(room: Room) -> int:
    return article_id(room, room.hostile.base_url + HOSTILE_PATH)


def _assert_nothing_ran(tab: Any, room: Room) -> None:
    time.sleep(1.0)                   # give a meta refresh, an onload or a beacon time to fire
    assert tab.evaluate("typeof window.__pwned") == "undefined"
    assert room.hostile.beacon_hits == []


def test_hostile_page_runs_and_loads_nothing_in_the_reading_room(room: Room, page: Any) -> None:
    hostile_id = _hostile_id(room)
    article_url = f"{room.url}/article/{hostile_id}"
    room.hostile.beacon_hits.clear()
    page.goto(article_url)
    page.mouse.move(200, 200)
    page.hover("article h1")
    _assert_nothing_ran(page, room)
    assert page.url == article_url
    text = page.locator("article").inner_text()
    # the page's text is there, and markup written as text stays text
    assert "hostilemarker" in text
    assert '<script>window.__pwned="text-script"</script>' in text
    assert "A sign outside the council building." in text
    # nothing executable made it into the DOM
    for selector in ("article script", "article svg", "article iframe", "article object",
                     "article img", "article [style]", "article form", "meta[http-equiv]",
                     "a[href^='javascript:']"):
        assert page.locator(selector).count() == 0, selector
    handlers = page.evaluate(
        "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes])"
        ".filter(a => a.name.startsWith('on')).length")
    assert handlers == 0
    # and the CSP holds even if markup did get in: injected script and beacons are blocked
    page.evaluate(
        f"""() => {{
          const s = document.createElement('script'); s.textContent = "window.__pwned = 'csp'";
          document.body.appendChild(s);
          const i = document.createElement('img'); i.src = '{room.hostile.beacon_url}/csp-img';
          document.body.appendChild(i);
          const st = document.createElement('style');
          st.textContent = "body {{ background: url('{room.hostile.beacon_url}/csp-css') }}";
          document.head.appendChild(st);
        }}""")
    _assert_nothing_ran(page, room)
    assert any("csp-img" in report for report in page.csp_reports)   # blocked by the policy
    status, headers, _ = get(article_url)
    policy = headers["content-security-policy"]
    assert "default-src 'none'" in policy and "script-src" not in policy
    assert "sandbox" in policy and "allow-scripts" not in policy
    assert headers["x-frame-options"] == "DENY"


def test_hostile_text_is_inert_in_search_and_in_datasette_pages(room: Room, page: Any) -> None:
    room.hostile.beacon_hits.clear()
    page.goto(f"{room.url}/?q=hostilemarker")
    assert page.locator(".hit").count() == 1
    page.goto(f"{room.url}/?q=pwned")
    assert "text-script" in page.locator(".hit .snippet").first.inner_text()
    _assert_nothing_ran(page, room)
    version_id = sqlite3.connect(room.archive / "records.sqlite3").execute(
        "SELECT current_version_id FROM articles WHERE id = ?", (_hostile_id(room),)).fetchone()[0]
    page.goto(f"{room.url}/records/versions/{version_id}")
    assert "hostilemarker" in page.locator("body").inner_text()
    _assert_nothing_ran(page, room)
    page.goto(f"{room.url}/records/versions?_search=&id={version_id}")
    _assert_nothing_ran(page, room)
    assert page.errors == []


@pytest.mark.parametrize("query", [
    "'; DROP TABLE articles; --",
    "\" OR 1=1 --",
    "x' UNION SELECT sql, sql FROM sqlite_master --",
    "title:Baghdad OR body:*",
    "NEAR(a b) AND) (",
    "%' OR '%'='",
])
def test_search_input_cannot_inject_sql(room: Room, query: str) -> None:
    before = sqlite3.connect(room.archive / "records.sqlite3").execute(
        "SELECT COUNT(*) FROM articles").fetchone()[0]
    status, _, body = get(f"{room.url}/?" + urllib.parse.urlencode({"q": query}))
    assert status == 200
    assert "CREATE TABLE" not in body            # no schema leaked through a UNION
    total = int(re.search(r'<p class="total">\s*(\d+)', body).group(1))
    assert total < len(room.rows)
    for name in ("site", "section", "language", "author"):
        status, _, body = get(f"{room.url}/?" + urllib.parse.urlencode({name: query}))
        assert status == 200
        assert int(re.search(r'<p class="total">\s*(\d+)', body).group(1)) == 0
    status, _, body = get(f"{room.url}/?" + urllib.parse.urlencode({"from": query}))
    assert status == 400 and "YYYY" in body
    after = sqlite3.connect(room.archive / "records.sqlite3").execute(
        "SELECT COUNT(*) FROM articles").fetchone()[0]
    assert after == before


def test_reading_room_listens_on_loopback_only_and_checks_the_host(room: Room) -> None:
    port = int(room.url.rsplit(":", 1)[1])
    listening = Path("/proc/net/tcp").read_text().splitlines()[1:]
    local = {line.split()[1] for line in listening if line.split()[3] == "0A"}
    assert f"0100007F:{port:04X}" in local                            # 127.0.0.1
    assert f"00000000:{port:04X}" not in local                        # not 0.0.0.0
    status, _, body = get(f"{room.url}/", headers={"Host": "rebound.example.com"})
    assert status == 421 and "loopback" in body
    status, _, _ = get(f"{room.url}/", headers={"Host": f"localhost:{port}"})
    assert status == 200


def test_datasette_pages_keep_a_strict_policy_and_work(room: Room, page: Any) -> None:
    status, headers, _ = get(f"{room.url}/records/versions")
    assert status == 200
    policy = headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy
    status, _, body = get(f"{room.url}/records/articles.json?_shape=array&_size=1")
    assert status == 200 and json.loads(body)[0]["id"] == 1
    page.goto(f"{room.url}/records/versions?_facet=language")
    assert page.locator(".facet-info").count() >= 1
    page.goto(f"{room.url}/records?sql=select+1")      # the SQL editor's inline script
    assert page.errors == []
    # Datasette's own inline scripts run (allowed by hash): no CSP violation reported
    assert page.csp_reports == []


def test_unknown_article_is_a_404_page(room: Room) -> None:
    status, _, body = get(f"{room.url}/article/999999")
    assert status == 404 and "no article 999999" in body


def test_serve_help_and_errors_are_one_line(room: Room, tmp_path: Path) -> None:
    result = run_cli("serve", "--help")
    assert result.returncode == 0
    for option in ("--host", "--port", "--replay-port", "127.0.0.1", "NEWSARCHIVE_ARCHIVE"):
        assert option in result.stdout
    result = run_cli("serve", "--archive", str(tmp_path / "none"))
    assert result.returncode == 1 and result.stderr.count("\n") == 1
    port = int(room.url.rsplit(":", 1)[1])
    result = run_cli("serve", "--archive", str(room.archive), "--port", str(port))
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and f"127.0.0.1:{port}" in result.stderr


def test_article_page_does_not_repeat_the_dek_that_opens_the_body():
    from archive.web.present import body_after_dek

    version = {"dek": "The standfirst.", "body_blocks": [{"kind": "p", "text": "The standfirst."},
                                                          {"kind": "p", "text": "First paragraph."}]}
    assert [b["text"] for b in body_after_dek(version)] == ["First paragraph."]
    version = {"dek": None, "body": "One.\n\nTwo."}
    assert [b["text"] for b in body_after_dek(version)] == ["One.", "Two."]
