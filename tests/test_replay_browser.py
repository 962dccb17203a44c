"""Replayed pages in a real browser (headless Chromium, tests/browser.py), with the demo site
stopped: the article shows its lead picture (pixels of the archived picture, not a broken
image), the site's stylesheet applies, its web font (reached through an @import) is loaded,
and every request the browser makes, its service workers' included, goes to the replay origin:
none to the demo site's two hosts (a hot link would be in the log, and fail).

Twice: through `newsarchive serve --archive archive` run as the README has it (a relative
archive, from the folder holding it), and through `newsarchive wacz` played by ReplayWeb.page
(the pinned npm package, tests/replaywebpage.py) from a static server on 127.0.0.1.

The archive holds two runs, and two articles are opened at their second capture: one edited
between the runs (a new response, whose stylesheet, font and pictures are revisit records of
the first run's responses) and one the second run found unchanged (a 304 revisit record of the
first run's page). Replay must resolve both, and a WACZ of the second run alone must carry what
they refer to.
"""
from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import time
import urllib.error
import urllib.request
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from archive.replay import replay_url, timestamp14
from newsarchive.demosite import DemoServer, DemoSite

from . import replaywebpage
from .browser import chromium, chromium_available
from .conftest import REPO
from .test_reading_room import ARTIFACTS, _free_ports, _stop, _wait_http
from .test_serve_relative_archive import _cli, _env

needs_chromium = pytest.mark.skipif(not chromium_available(),
                                    reason="needs Debian's chromium (.ci/run installs it)")

EDIT = "A paragraph added after publication, replayed from the second run."
LEAD = "figure.article-figure--lead img"


def _run(folder: Path, *args: str) -> str:
    result = subprocess.run(_cli(*args), cwd=folder, env=_env(), capture_output=True, text=True,
                            timeout=240)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


@dataclass
class Target:
    """An article page to open, at one capture."""
    url: str
    title: str
    ts: str                      # the capture's time, 14 digits
    lead: str                    # its lead picture's URL
    lead_pixel: tuple[int, int, int]   # that picture's top-left pixel, as archived
    text: str                    # a sentence of that capture's body


@dataclass
class Crawled:
    folder: Path                 # the working directory: `archive` is in it
    live: set[str]               # the demo site's two hosts, "host:port"
    edited: Target               # edited before the second run: a new response then
    unchanged: Target            # answered 304 to the second run: a revisit record
    banner: str                  # the partner banner, on the other host


def _first_pixel(png: bytes) -> tuple[int, int, int]:
    """The top-left pixel of an 8-bit RGB PNG whose first row is unfiltered (the demo's)."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[24:26] == b"\x08\x02", png[:32]
    idat, at = b"", 8
    while at < len(png):
        length = int.from_bytes(png[at:at + 4], "big")
        if png[at + 4:at + 8] == b"IDAT":
            idat += png[at + 8:at + 8 + length]
        at += 12 + length
    raw = zlib.decompress(idat)
    assert raw[0] == 0
    return raw[1], raw[2], raw[3]


def _archived_payload(archive: Path, url: str) -> bytes:
    from warcio.archiveiterator import ArchiveIterator

    for path in sorted((archive / "warcs").rglob("*.warc.gz")):
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                if (record.rec_type == "response"
                        and record.rec_headers.get_header("WARC-Target-URI") == url):
                    return record.content_stream().read()
    raise AssertionError(f"{url} is not archived")


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Crawled:
    """Two runs of the demo site (an article edited between them) into `archive` under a
    temporary folder, crawled as the README says; the site is stopped afterwards."""
    folder = tmp_path_factory.mktemp("replay-browser")
    site = DemoSite(seed=0)
    crawl = ("crawl", "demo", "--archive", "archive",
             # the other host is named `localhost`, as a CDN is another host; the address
             # guard refuses private addresses that are not the site's own unless allowed
             "--set", "NEWS_ALLOWED_PRIVATE_HOSTS=localhost")
    with DemoServer(site, port=0, static_port=0, static_name="localhost") as demo:
        _run(folder, *crawl, "--base-url", demo.base_url)
        english = next(a for a in site.ground_truth(demo.base_url) if a["language"] == "en")
        site.edit_article(english["canonical_url"], paragraph=EDIT)
        _run(folder, *crawl, "--base-url", demo.base_url)
        live = {urlsplit(demo.base_url).netloc, urlsplit(demo.static_base).netloc}
        banner = f"{demo.static_base}/banners/partner-en.png"
    archive = folder / "archive"
    with sqlite3.connect(archive / "records.sqlite3") as db:
        revisits = dict(db.execute("SELECT page_kind, COUNT(*) FROM captures WHERE run_id = 2 "
                                   "AND record_type = 'revisit' GROUP BY page_kind"))
        # an English article the second run found unchanged (a conditional request, 304)
        unchanged = db.execute(
            "SELECT c.url FROM captures c JOIN versions v ON v.article_id = c.article_id "
            "WHERE c.run_id = 2 AND c.status = 304 AND c.page_kind = 'article' "
            "AND v.language = 'en' AND v.canonical_url != ? ORDER BY c.id LIMIT 1",
            (english["canonical_url"],)).fetchone()[0]

        def target(url: str, text: str | None = None) -> Target:
            fetched_at, run_id, title, images, body = db.execute(
                "SELECT c.fetched_at, c.run_id, v.title, v.images, v.body FROM captures c "
                "JOIN articles a ON a.id = c.article_id "
                "JOIN versions v ON v.id = a.current_version_id "
                "WHERE c.url = ? ORDER BY c.fetched_at DESC, c.id DESC", (url,)).fetchone()
            assert run_id == 2
            lead = json.loads(images)[0]["src"]
            return Target(url=url, title=title, ts=timestamp14(fetched_at), lead=lead,
                          lead_pixel=_first_pixel(_archived_payload(archive, lead)),
                          text=text or body.split("\n")[0])

        edited_url = db.execute("SELECT url FROM versions WHERE canonical_url = ? "
                                "ORDER BY version_no DESC", (english["canonical_url"],)
                                ).fetchone()[0]
        targets = target(edited_url, EDIT), target(unchanged)
    assert revisits.get("requisite", 0) >= 3, revisits   # stylesheets, font, pictures
    assert revisits.get("article", 0) >= 10, revisits
    return Crawled(folder=folder, live=live, edited=targets[0], unchanged=targets[1],
                   banner=banner)


@dataclass
class NetworkLog:
    requests: list[str] = field(default_factory=list)
    responses: list[tuple[int, str]] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as launched:
        yield launched


@pytest.fixture
def tab(browser: Any) -> Iterator[tuple[Any, NetworkLog]]:
    """A page with the context's network log: the page's, its frames' and its service
    workers' requests (Chromium reports those to the context too)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    log = NetworkLog()
    context.on("request", lambda request: log.requests.append(request.url))
    context.on("response", lambda response: log.responses.append((response.status,
                                                                   response.url)))
    context.on("requestfailed", lambda request: log.failed.append(
        (request.url, request.failure or "")))
    page = context.new_page()
    yield page, log
    context.close()


def _replayed_frame(page: Any, target: Target) -> Any:
    """The frame showing the archived page (pywb's and ReplayWeb.page's replay URLs both end
    in `<time>mp_/<the page's URL>`). ReplayWeb.page first indexes the package in its service
    worker, which took over 60 s once on the 2 shared cores under the parallel suite, and
    once (2026-12-07) showed nothing for 150 s there and the page at once when run again: a
    page still without the frame after 90 s is loaded again, once, as a reader would."""
    started = time.monotonic()
    reloaded = False
    while time.monotonic() < started + 240:
        for frame in page.frames:
            if frame.url.endswith("mp_/" + target.url):
                return frame
        if not reloaded and time.monotonic() > started + 90:
            page.reload()
            reloaded = True
        page.wait_for_timeout(250)
    raise AssertionError(f"no replay frame in {[f.url for f in page.frames]}"
                         f"{' (loaded twice)' if reloaded else ''}")


LOOK = """async (lead) => {
  // every picture in view once, so lazy-loaded ones (loading=lazy, data-src) load too
  for (let y = 0; y < document.body.scrollHeight; y += 400) {
    window.scrollTo(0, y);
    await new Promise(r => setTimeout(r, 50));
  }
  window.scrollTo(0, 0);
  const images = Array.from(document.images);
  await Promise.all(images.map(i => i.complete ? null : new Promise(r => {
    i.addEventListener('load', r); i.addEventListener('error', r); })));
  await document.fonts.ready;
  const img = document.querySelector(lead);
  let pixels = null;
  if (img && img.naturalWidth > 0) {
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
    const colours = new Set();
    let opaque = true;
    for (let i = 0; i < data.length; i += 4) {
      colours.add(data[i] + ',' + data[i + 1] + ',' + data[i + 2]);
      if (data[i + 3] !== 255) opaque = false;
    }
    pixels = {first: [data[0], data[1], data[2]], colours: colours.size, opaque};
  }
  const style = (selector, property) => {
    const el = document.querySelector(selector);
    return el ? getComputedStyle(el)[property] : null;
  };
  return {
    lead: img ? {width: img.naturalWidth, height: img.naturalHeight, src: img.currentSrc,
                 pixels} : null,
    broken: images.filter(i => !i.complete || i.naturalWidth === 0)
                  .map(i => i.currentSrc || i.getAttribute('src')),
    images: images.map(i => i.currentSrc),
    titleSize: style('h1.article-title', 'fontSize'),
    bodyFont: style('body', 'fontFamily'),
    headerBackground: style('.site-header', 'backgroundImage'),
    fonts: Array.from(document.fonts).map(f => [f.family.replace(/"/g, ''), f.status]),
    fontUsable: document.fonts.check('16px "Fassel Sans"'),
    text: document.body.innerText,
  };
}"""


def _assert_replayed_as_published(frame: Any, page: Any, target: Target, crawled: Crawled,
                                  name: str) -> None:
    frame.wait_for_selector("h1.article-title")
    look = frame.evaluate(LOOK, LEAD)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"replay-{name}.png"))
    assert frame.locator("h1.article-title").inner_text().strip() == target.title
    assert target.text in look["text"]
    # the lead picture: the archived picture's pixels, not a broken-image icon
    lead = look["lead"]
    assert lead and lead["width"] > 0 and lead["height"] > 0, look
    assert target.lead in lead["src"], lead
    assert lead["pixels"]["opaque"] and lead["pixels"]["colours"] >= 8, lead
    assert tuple(lead["pixels"]["first"]) == target.lead_pixel, lead
    # every picture: lazy ones (data-src swapped in by the site's script), the <picture>,
    # and the partner banner served by the other host
    assert look["broken"] == [], look["broken"]
    assert any(crawled.banner in src for src in look["images"]), look["images"]
    # the site's stylesheet applies (2.2em titles, not the browser's 2em), with its font
    assert look["titleSize"] == "35.2px", look["titleSize"]
    assert look["bodyFont"].startswith('"Fassel Sans"'), look["bodyFont"]
    assert "header-bg.png" in look["headerBackground"], look["headerBackground"]
    assert ["Fassel Sans", "loaded"] in look["fonts"] and look["fontUsable"], look["fonts"]


def _assert_nothing_live(log: NetworkLog, crawled: Crawled, replay_origin: str) -> None:
    """Nothing reached, or tried to reach, the live site: every request went to the replay
    origin (data: and blob: URLs stay in the browser), and every archived resource the pages
    asked for was in the archive."""
    elsewhere = [url for url in log.requests if not url.startswith((replay_origin + "/",
                                                                     "data:", "blob:"))]
    assert elsewhere == [], elsewhere
    assert not [url for url in log.requests if any(host in urlsplit(url).netloc
                                                   for host in crawled.live)]
    missing = [(status, url) for status, url in log.responses
               if status >= 400 and "_/http" in url]
    assert missing == [], missing
    for needed in (crawled.edited.lead, crawled.unchanged.lead, crawled.banner,
                   "/static/css/main.css", "/static/css/fonts.css",
                   "/static/fonts/fassel-sans.ttf", "/static/img/header-bg.png"):
        assert any(status == 200 and needed in url for status, url in log.responses), needed


@needs_chromium
def test_serve_relative_archive_replays_the_article_styled_with_its_pictures(
        crawled: Crawled, tab: tuple[Any, NetworkLog], replay_python: Path) -> None:
    page, log = tab
    port, replay_port = _free_ports(2)
    # as the README has it: `newsarchive serve --archive archive`, from the archive's folder
    process = subprocess.Popen(
        _cli("serve", "--archive", "archive", "--port", str(port), "--replay-port",
             str(replay_port)),
        cwd=crawled.folder, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_http(f"http://127.0.0.1:{port}/")
        origin = f"http://127.0.0.1:{replay_port}"
        _wait_http(f"{origin}/")                        # pywb starts after the reading room
        for name, target in (("serve-edited", crawled.edited),
                             ("serve-unchanged", crawled.unchanged)):
            page.goto(f"{origin}/archive/{target.ts}/{target.url}")
            _assert_replayed_as_published(_replayed_frame(page, target), page, target, crawled,
                                          name)
        _assert_nothing_live(log, crawled, origin)
    finally:
        _stop(process)


def test_serve_absolute_archive_replays_every_capture(crawled: Crawled,
                                                      replay_python: Path) -> None:
    """Every capture of both runs answers at its own time with the status it was archived
    with (revisits, 304s included, with the page they stand for); a redirect's Location is
    rewritten into the archive, so following it never reaches the live site."""
    archive = crawled.folder / "archive"
    with sqlite3.connect(archive / "records.sqlite3") as db:
        captures = db.execute("SELECT url, fetched_at, status, record_type FROM captures "
                              "ORDER BY id").fetchall()
    assert len(captures) > 300
    assert {status for _, _, status, _ in captures} >= {200, 301, 304, 404}
    port, replay_port = _free_ports(2)
    process = subprocess.Popen(
        _cli("serve", "--archive", str(archive), "--port", str(port), "--replay-port",
             str(replay_port)),
        cwd=REPO, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        origin = f"http://127.0.0.1:{replay_port}"
        _wait_http(f"http://127.0.0.1:{port}/")
        _wait_http(f"{origin}/")
        wrong = []
        for url, fetched_at, status, record_type in captures:
            # mp_: the page as the browser's frame gets it (rewritten), not the raw bytes
            code, headers = _status(replay_url(origin, fetched_at, url, mode="mp_"))
            expected = 200 if status == 304 else status
            location = headers.get("Location", "")
            if (code != expected or "Memento-Datetime" not in headers
                    or (300 <= code < 400 and not location.startswith(origin + "/archive/"))):
                wrong.append((url, fetched_at, record_type, status, code, location))
        assert wrong == [], wrong[:10]
    finally:
        _stop(process)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


def _status(url: str) -> tuple[int, dict[str, str]]:
    """Status and headers of a GET, redirects not followed (the body, a picture or a page,
    read and dropped)."""
    try:
        with _OPENER.open(url, timeout=30) as response:
            response.read()
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        error.read()
        return error.code, dict(error.headers)


def test_wacz_of_the_second_run_carries_the_requisites_it_revisits(crawled: Crawled) -> None:
    """`wacz --run 2`: the second run's WARC file and the first run's, which holds the
    responses its revisit records (the same stylesheet, font, pictures, unchanged pages)
    refer to; its pages are the article pages the run captured."""
    out = crawled.folder / "run2.wacz"
    stdout = _run(crawled.folder, "wacz", "--archive", "archive", "--run", "2", "-o", out.name)
    assert "2 WARC files" in stdout and "validated" in stdout, stdout
    assert "warning" not in stdout, stdout                 # py-wacz found every page
    with sqlite3.connect(crawled.folder / "archive" / "records.sqlite3") as db:
        needed = db.execute("SELECT url, payload_digest FROM captures WHERE run_id = 2").fetchall()
        # a new version's capture, or a revisit (not a print page, a duplicate of the article)
        run_articles = {url for url, in db.execute(
            "SELECT url FROM captures WHERE run_id = 2 AND page_kind = 'article' AND "
            "(record_type = 'revisit' OR id IN (SELECT capture_id FROM versions))")}
        first_run = dict(db.execute("SELECT url, fetched_at FROM captures WHERE run_id = 1 "
                                    "AND page_kind = 'article'"))
    with zipfile.ZipFile(out) as package:
        index = gzip.decompress(package.read("indexes/index.cdx.gz")).decode("utf-8")
        pages = [json.loads(line) for line in
                 package.read("pages/pages.jsonl").decode("utf-8").splitlines()[1:]]
    responses, lines = set(), set()
    for line in index.splitlines():
        _, stamp, rest = line.split(" ", 2)
        data = json.loads(rest)
        lines.add((data["url"], stamp, data.get("status")))
        if data.get("mime") != "warc/revisit":
            responses.add((data["url"], data.get("digest")))
    # every capture of the run has its payload in the package: a response record itself,
    # or the response its revisit refers to
    lacking = [url for url, digest in needed if (url, digest) not in responses]
    assert lacking == [], lacking
    # a 304 revisit whose response is in the package is no part of its index: a player
    # would replay the bodiless 304 (a blank page); it opens the response instead
    not_modified = [line for line in index.splitlines()
                    if '"mime": "warc/revisit"' in line and '"status": "304"' in line]
    assert not_modified == [], not_modified[:3]
    # the pages: every article the run captured, the edited one at its new capture, those
    # found unchanged at the first run's response; each a 200 line of the index
    assert len(run_articles) >= 10 and {page["url"] for page in pages} == run_articles
    by_url = {page["url"]: page for page in pages}
    assert len(by_url) == len(pages)
    assert timestamp14(by_url[crawled.edited.url]["ts"]) == crawled.edited.ts
    assert by_url[crawled.edited.url]["title"] == crawled.edited.title
    assert by_url[crawled.unchanged.url]["ts"] == first_run[crawled.unchanged.url]
    assert by_url[crawled.unchanged.url]["title"] == crawled.unchanged.title
    assert not [page for page in pages
                if (page["url"], timestamp14(page["ts"]), "200") not in lines]


@needs_chromium
def test_wacz_replays_in_replaywebpage_styled_with_its_pictures(
        crawled: Crawled, tab: tuple[Any, NetworkLog], tmp_path: Path) -> None:
    page, log = tab
    out = crawled.folder / "run2-player.wacz"
    _run(crawled.folder, "wacz", "--archive", "archive", "--run", "2", "-o", out.name)
    targets = {"edited": crawled.edited, "unchanged": crawled.unchanged}
    folder = replaywebpage.player_folder(tmp_path / "player", out, {
        name: (target.url, target.ts) for name, target in targets.items()})
    with replaywebpage.static_server(folder) as origin:
        for name, target in targets.items():
            page.goto(f"{origin}/{name}.html")
            _assert_replayed_as_published(_replayed_frame(page, target), page, target, crawled,
                                          f"replaywebpage-{name}")
        _assert_nothing_live(log, crawled, origin)
    # the player read the package by ranges and aborted some reads; nothing else failed
    assert [url for url, _ in log.failed if not url.endswith(out.name)] == [], log.failed
