"""Page requisites (crawler/requisites.py): the demo site crawled over real HTTP on 127.0.0.1,
with its other host (a second port, named `localhost`, as a CDN is another host), and the WARC
files read back with warcio.

The module crawls the site twice into one archive, with a per-requisite size limit the demo's
large promotion picture exceeds: the second run, after one article changed, fetches that page
(the others answer 304) and its requisites, the stylesheet archived by the first run among them.
And once with requisites off."""
from __future__ import annotations

import json
import sqlite3
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from crawler.requisites import Requisites, css_references
from crawler.spiders.news import PageLinksAndRequisites, scan_links
from newsarchive.demosite import DemoServer, DemoSite
from newsarchive.demosite.assets import FONT_PATH, LARGE_PICTURE, font

from .conftest import export_rows, run_cli, warcio_check

SIZE_LIMIT = 100_000          # the demo's 1600w promotion picture is ~197 KB
STYLESHEET = "/static/css/main.css?v=3.2.1"


@dataclass
class Record:
    type: str
    uri: str
    content_type: str
    payload: bytes
    profile: str | None


@dataclass
class Crawled:
    base: str
    static_base: str
    archive: Path
    outputs: list[str]
    served: list[list[str]]          # paths the site answered, per run
    static_served: list[list[str]]   # paths the other host answered, per run


def _crawl(server: DemoServer, archive: Path, *settings: str) -> str:
    args = ["crawl", "demo", "--base-url", server.base_url, "--archive", str(archive),
            "--set", "NEWS_ALLOWED_PRIVATE_HOSTS=localhost"]
    for setting in settings:
        args += ["--set", setting]
    result = run_cli(*args)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def _records(archive: Path) -> list[Record]:
    out = []
    for path in sorted((archive / "warcs").rglob("*.warc.gz")):
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type not in ("response", "revisit"):
                    continue
                http = record.http_headers
                out.append(Record(
                    type=record.rec_type, uri=record.rec_headers.get_header("WARC-Target-URI"),
                    content_type=(http.get_header("Content-Type") or "") if http else "",
                    payload=record.content_stream().read(),
                    profile=record.rec_headers.get_header("WARC-Profile")))
    return out


def _summaries(archive: Path) -> list[dict]:
    with sqlite3.connect(archive / "records.sqlite3") as db:
        return [json.loads(row[0]) for row in db.execute("SELECT summary FROM runs ORDER BY id")]


@pytest.fixture(scope="module")
def crawled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Crawled]:
    archive = tmp_path_factory.mktemp("requisites") / "archive"
    site = DemoSite(seed=0)
    with DemoServer(site, port=0, static_port=0, static_name="localhost") as server:
        outputs, served, static_served = [], [], []
        for run in range(2):
            if run == 1:   # one article changed: the second run fetches it, and its requisites
                edited = site.ground_truth(server.base_url)[0]["canonical_url"]
                site.edit_article(edited, paragraph="A sentence added after publication.")
            server.clear_log()
            server.static_requests.clear()
            outputs.append(_crawl(server, archive, f"NEWS_REQUISITES_MAX_SIZE={SIZE_LIMIT}"))
            served.append(server.paths())
            static_served.append([path for _, path, _ in server.static_requests])
        yield Crawled(base=server.base_url, static_base=server.static_base, archive=archive,
                      outputs=outputs, served=served, static_served=static_served)


def test_a_crawl_writes_image_stylesheet_and_font_responses_to_warc(crawled: Crawled) -> None:
    first = [r for r in _records(crawled.archive) if r.type == "response"]
    by_uri = {r.uri: r for r in first}
    kinds = Counter(r.content_type.split(";")[0] for r in first)
    assert kinds["image/png"] >= 60 and kinds["text/css"] == 3 and kinds["font/ttf"] == 1, kinds
    assert by_uri[crawled.base + FONT_PATH].payload == font()       # reached through @import
    assert by_uri[crawled.base + "/static/css/fonts.css"].payload.startswith(b"@font-face")
    assert by_uri[crawled.base + "/static/img/header-bg.png"].payload[:8] == b"\x89PNG\r\n\x1a\n"
    for path in ("/static/js/main.js?v=3.2.1", "/static/img/favicon.png", "/static/img/logo-en.png",
                 "/static/img/app-promo-400.png"):
        assert crawled.base + path in by_uri, path
    # of a <picture>'s width candidates only the widest is asked for (here: refused, below)
    assert "/static/img/app-promo-800.png" not in crawled.served[0]
    assert LARGE_PICTURE in crawled.served[0]
    warcio_check((crawled.archive / "warcs").rglob("*.warc.gz"))
    with sqlite3.connect(crawled.archive / "records.sqlite3") as db:
        kind = dict(db.execute("SELECT url, page_kind FROM captures WHERE run_id = 1"))
    assert kind[crawled.base + FONT_PATH] == kind[crawled.base + STYLESHEET] == "requisite"
    summary = _summaries(crawled.archive)[0]
    assert summary["requisites_by_kind"]["font"] == 1
    assert summary["requisites_fetched"] == sum(summary["requisites_by_kind"].values())
    assert "page requisites:" in crawled.outputs[0]


def test_the_site_stylesheet_is_fetched_once_per_run_and_revisited_after(crawled: Crawled) -> None:
    for run in crawled.served:
        assert run.count(STYLESHEET) == 1                  # named by every article page
    assert crawled.served[0].count("/static/img/logo-en.png") == 1
    records = [r for r in _records(crawled.archive) if r.uri == crawled.base + STYLESHEET]
    assert [r.type for r in records] == ["response", "revisit"]
    assert records[1].profile.endswith("identical-payload-digest")


def test_a_requisite_over_the_size_limit_is_refused_and_listed_in_the_summary(
        crawled: Crawled) -> None:
    url = crawled.base + LARGE_PICTURE
    assert url not in {r.uri for r in _records(crawled.archive)}       # nothing archived
    summary = _summaries(crawled.archive)[0]
    assert summary["requisites_refused_too_large"] == 1
    [failure] = [f for f in summary["failures"] if f["url"] == url]
    assert failure["kind"] == "requisite_too_large" and f"{SIZE_LIMIT:,} bytes" in failure["error"]
    assert summary["failures_by_kind"]["requisite_too_large"] == 1
    assert "1 refused over the size limits" in crawled.outputs[0]
    assert "DownloadCancelledError" not in summary["errors"]          # a decision, no error


def test_the_image_of_another_host_is_captured_under_its_robots_txt(crawled: Crawled) -> None:
    assert crawled.static_served[0][0] == "/robots.txt"
    assert {"/banners/partner-en.png", "/banners/partner-ar.png"} <= set(crawled.static_served[0])
    records = {r.uri: r for r in _records(crawled.archive) if r.type == "response"}
    banner = records[crawled.static_base + "/banners/partner-en.png"]
    assert banner.content_type == "image/png" and banner.payload[:4] == b"\x89PNG"
    assert crawled.static_base + "/robots.txt" in records


def test_requisites_are_never_articles(crawled: Crawled) -> None:
    rows = export_rows(crawled.archive)
    assert len(rows) == 52
    assert not any("/static/" in r["url"] or "/banners/" in r["url"] for r in rows)
    with sqlite3.connect(crawled.archive / "records.sqlite3") as db:
        linked = db.execute("SELECT COUNT(*) FROM captures WHERE page_kind = 'requisite' AND "
                            "(article_id IS NOT NULL OR version_id IS NOT NULL)").fetchone()[0]
        requisites = db.execute("SELECT COUNT(*) FROM captures WHERE page_kind = "
                                "'requisite'").fetchone()[0]
    assert linked == 0 and requisites > 60
    first, second = _summaries(crawled.archive)
    assert first["articles"]["new"] == 52 and second["articles"]["updated"] == 1
    assert second["articles"]["new"] == 0 and first["errors"] == {"http_404": 1}


PROFILE_WITHOUT_REQUISITES = """name = "demo-plain"
base_url = "{base}/"
sections = ["/en_GB/", "/ar/"]
article_pattern = '^/(en_GB|ar)/articles/[a-z-]+/\\d{{4}}/\\d{{2}}/\\d{{2}}/[^/]+$'
requisites = false
"""


@pytest.mark.parametrize("how", ["--set", "profile"])
def test_requisites_off_fetches_none(tmp_path: Path, how: str) -> None:
    """`--set NEWS_REQUISITES_ENABLED=False`, or a profile's `requisites = false`."""
    site = DemoSite(seed=0)
    archive = tmp_path / "archive"
    with DemoServer(site, port=0, static_port=0, static_name="localhost") as server:
        if how == "--set":
            _crawl(server, archive, "NEWS_REQUISITES_ENABLED=False")
        else:
            profile = tmp_path / "plain.toml"
            profile.write_text(PROFILE_WITHOUT_REQUISITES.format(base=server.base_url))
            result = run_cli("crawl", str(profile), "--archive", str(archive),
                             "--set", "NEWS_ALLOWED_PRIVATE_HOSTS=localhost")
            assert result.returncode == 0, result.stdout + result.stderr
        served = server.paths()
        static = list(server.static_requests)
    assert len(export_rows(archive)) >= 10                        # articles were crawled
    assert not [p for p in served if p.startswith(("/static/", "/media/"))]
    assert not static
    types = {r.content_type.split(";")[0] for r in _records(archive)}
    assert not types & {"image/png", "text/css", "font/ttf", "application/javascript"}
    assert _summaries(archive)[0]["requisites_fetched"] == 0


def test_a_run_after_an_unfinished_one_fetches_the_requisites_of_stored_articles(
        tmp_path: Path) -> None:
    """A run killed after it stored article pages but before their requisites: the next run
    finds the articles unchanged (304) and requests the requisites named by their archived
    copies. The killed run is stood in for by a run without requisites, marked interrupted."""
    site = DemoSite(seed=0)
    archive = tmp_path / "archive"
    with DemoServer(site, port=0, static_port=0, static_name="localhost") as server:
        _crawl(server, archive, "NEWS_REQUISITES_ENABLED=False")
        with sqlite3.connect(archive / "records.sqlite3") as db:
            db.execute("UPDATE runs SET status = 'interrupted'")
        server.clear_log()
        output = _crawl(server, archive)
        served = server.paths()
        static = [path for _, path, _ in server.static_requests]
        base = server.base_url
    assert "unchanged 52" in output
    assert served.count(STYLESHEET) == 1 and FONT_PATH in served
    assert "/banners/partner-en.png" in static
    with sqlite3.connect(archive / "records.sqlite3") as db:
        kinds = dict(db.execute("SELECT url, page_kind FROM captures WHERE run_id = 2"))
    assert kinds[base + STYLESHEET] == "requisite"


# --- what a page and a stylesheet name (no crawl) --------------------------------------------
PAGE = """<html><head><link rel="stylesheet" href="/a.css"><link rel="icon" href="/f.ico">
<link rel="preload" as="font" href="/f.woff2"><script src="/s.js"></script>
<style>@import "/b.css"; .x{background:url('/bg.png')}</style></head><body>
<img src="/plain.png"><img src="/grey.gif" data-src="/lazy.jpg">
<img src="/small.jpg" srcset="/small.jpg 320w, /large.jpg 1280w">
<picture><source srcset="/p-800.webp 800w, /p-1600.webp 1600w"><img src="/p-400.jpg"></picture>
<div style="background-image: url(/inline.png)"></div><img src="data:image/gif;base64,R0lGOD">
<a href="/article">an article</a></body></html>"""


def test_a_page_names_its_requisites_in_one_pass_with_its_links() -> None:
    links = scan_links(PAGE, PageLinksAndRequisites())
    assert isinstance(links, PageLinksAndRequisites) and links.hrefs == ["/article"]
    found = links.requisites.found
    assert ("/lazy.jpg", "image") in found and ("/large.jpg", "image") in found
    assert ("/p-1600.webp", "image") in found and ("/p-400.jpg", "image") in found
    assert "/p-800.webp" not in [h for h, _ in found]        # a smaller candidate
    assert {("/a.css", "stylesheet"), ("/f.ico", "icon"), ("/f.woff2", "font"),
            ("/s.js", "script"), ("/b.css", "stylesheet"), ("/bg.png", "image"),
            ("/inline.png", "image")} <= set(found)
    wanted = Requisites().new("http://news.example/story/1", found)
    urls = [url for url, _ in wanted]
    assert "http://news.example/lazy.jpg" in urls and len(urls) == len(set(urls))
    assert not [u for u in urls if u.startswith("data:")]
    # the run's second page naming the same files asks for none of them again
    requisites = Requisites()
    assert requisites.new("http://news.example/1", found)
    assert requisites.new("http://news.example/2", found) == []


# Pictures whose address extraction names is none of the scan's usual ones (src, the first lazy
# attribute, the widest srcset or <picture> candidate)
FIGURES = [
    '<img src="/a.jpg">',
    '<img src="/grey.gif" data-src="/b.jpg">',
    # a lazy-loading data-srcset behind a stand-in srcset
    '<img src="data:image/gif;base64,R0lGOD" srcset="data:image/gif;base64,R0lGOD 1w" '
    'data-srcset="/c-400.jpg 400w, /c-800.jpg 800w">',
    '<img src="/spinner-lazy.gif" data-lazy-srcset="/d-300.jpg 300w, /d-900.jpg 900w">',
    # an <img srcset> narrower than its <picture>'s widest <source>
    '<picture><source media="(min-width: 900px)" srcset="/e-wide-1600.jpg 1600w">'
    '<img src="/e-400.jpg" srcset="/e-400.jpg 400w, /e-800.jpg 800w"></picture>',
    # a stand-in <img>: the <source> nearest it (libxml2 nests the <img> in unclosed <source>s)
    '<picture><source srcset="/f-2000.jpg 2000w"><source srcset="/f-800.webp 800w">'
    '<img src="/lazy-placeholder.png"></picture>',
    # a lazy-loading library's own attribute, with and without a stand-in
    '<img data-splide-lazy="/g-slide.jpg" alt="">',
    '<img src="/static/blank.gif" data-flickity-lazyload="/h-cell.webp?w=1200">',
]


def test_the_scan_requests_the_address_extraction_gives_each_picture() -> None:
    """An article's images[].src points at the capture of that very URL (archive/images.py):
    the scan asks for the address extraction names (crawler.extract.images), whatever the
    lazy-loading or responsive markup, besides the widest candidates it asks for anyway."""
    from lxml import html as lxml_html

    from crawler.extract.images import extract_images

    page = "<html><body><article><h1>Title</h1>" + "".join(
        f"<figure>{figure}<figcaption>Caption number {i} of the page.</figcaption></figure>"
        f"<p>Paragraph {i} of the article, with a few more words.</p>"
        for i, figure in enumerate(FIGURES)) + "</article></body></html>"
    base = "http://news.example/story/1"
    extracted = [image.src for image in extract_images(lxml_html.fromstring(page), base)]
    assert len(extracted) == len(FIGURES)
    found = scan_links(page, PageLinksAndRequisites()).requisites.found
    requested = [url for url, _ in Requisites().new(base, found)]
    assert [src for src in extracted if src not in requested] == []
    for widest in ("/e-wide-1600.jpg", "/f-2000.jpg"):          # still asked for, as before
        assert "http://news.example" + widest in requested


def test_a_stylesheet_names_its_imports_fonts_and_pictures() -> None:
    css = """/* url(/commented.png) */ @import url("print.css") print; @import 'x.css';
    @font-face { font-family: F; src: url(../fonts/f.woff2) format("woff2"),
    url("../fonts/f.ttf?v=2") format("truetype"); }
    header { background: url(data:image/png;base64,AAAA), url( 'img/bg.png' ) }"""
    assert css_references(css) == [
        ("print.css", "stylesheet"), ("x.css", "stylesheet"), ("../fonts/f.woff2", "font"),
        ("../fonts/f.ttf?v=2", "font"), ("data:image/png;base64,AAAA", "image"),
        ("img/bg.png", "image")]
    assert Requisites().new("http://cdn.example/css/site.css", css_references(css))[-1] == (
        "http://cdn.example/css/img/bg.png", "image")


def test_a_page_s_requisites_stop_at_its_size_limit() -> None:
    """RequisitesMiddleware with real Requests and Responses: each requisite may take what is
    left of its page's NEWS_REQUISITES_MAX_PAGE_SIZE (at most NEWS_REQUISITES_MAX_SIZE); once
    the page's is spent, its next requisite is refused; a download the downloader cancelled past
    its limit is refused as too large. Another page has its own limit."""
    from scrapy import Request
    from scrapy.exceptions import DownloadCancelledError
    from scrapy.http import Response
    from scrapy.utils.test import get_crawler

    from crawler.middlewares.requisites import RequisiteRefused, RequisitesMiddleware
    from crawler.requisites import KIND_META, REQUISITE_META

    crawler = get_crawler(settings_dict={"NEWS_REQUISITES_ENABLED": True,
                                         "NEWS_REQUISITES_MAX_SIZE": 1000,
                                         "NEWS_REQUISITES_MAX_PAGE_SIZE": 1500})
    middleware = RequisitesMiddleware.from_crawler(crawler)

    def requisite(name: str, page: str = "http://news.example/a") -> Request:
        return Request(f"http://cdn.example/{name}", meta={REQUISITE_META: page,
                                                            KIND_META: "image"})

    sizes = []
    for name, size in (("1.png", 900), ("2.png", 600)):
        request = requisite(name)
        middleware.process_request(request)
        sizes.append(request.meta["download_maxsize"])
        middleware.process_response(request, Response(request.url, body=b"x" * size,
                                                      request=request))
    assert sizes == [1000, 600]
    with pytest.raises(RequisiteRefused) as refused:
        middleware.process_request(requisite("3.png"))
    assert refused.value.kind == "requisite_page_limit"
    other = requisite("4.png", page="http://news.example/b")
    middleware.process_request(other)
    assert other.meta["download_maxsize"] == 1000
    with pytest.raises(RequisiteRefused) as refused:
        middleware.process_exception(other, DownloadCancelledError("larger than max size"))
    assert refused.value.kind == "requisite_too_large" and "1,000 bytes" in str(refused.value)
    page = Request("http://news.example/c")                  # not a requisite: untouched
    middleware.process_request(page)
    assert "download_maxsize" not in page.meta
    assert middleware.process_exception(page, DownloadCancelledError("x")) is None
    stats = crawler.stats.get_stats()
    assert stats["news/requisites/refused/page_limit"] == 1
    assert stats["news/requisites/refused/too_large"] == 1
    assert stats["news/requisites/bytes"] == 1500
