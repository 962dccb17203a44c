"""Link discovery without a tree (crawler.spiders.news.scan_links) finds what Scrapy's own
selectors find, and meta-refresh redirects are still followed when only a page's head is read
for them (crawler/middlewares/metarefresh.py), over real HTTP on 127.0.0.1."""
from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from scrapy.selector import Selector

from crawler.spiders.news import scan_links
from newsarchive.demosite import DemoSite

from .conftest import run_cli, serve_pages
from .test_classify import EN_PARAS, article_main, page
from .test_classify_crawl import site_pages

EDGE_CASES = [
    "<a href='x'>", "<title>unclosed <a href='/z'>z</a>",
    "<link rel='alternate' type='application/rss+xml' href='/f.xml'><link rel='ALTERNATE' href='/g'>",
    "\ufeff<p>\u0000<a href='/nul'>n</a>", "<form><form><a href=/ff>f</a>",
    "<a href=' /sp '>s</a><A HREF='/UP'>u</A>", "<a name='anchor'>no href</a>",
    "<svg><a href='/svg'>s</a></svg><math><a xlink:href='/m'>m</a></math>",
    "<a href='/é?q=ü'>u</a>", "<div>" * 200 + "<a href='/d200'>d</a>",
]


def test_links_are_the_ones_scrapy_selectors_find() -> None:
    site = DemoSite(seed=0)
    base = "http://demo.example"
    pages = [site.handle("GET", url[len(base):], {}, base).body.decode("utf-8", "replace")
             for url in site.article_urls(base) + site.sections(base) + [base + "/"]]
    pages += list(site_pages().values()) + EDGE_CASES
    found = 0
    for text in pages:
        selector = Selector(text=text, type="html")
        links = scan_links(text)
        assert links.hrefs == selector.xpath("//a/@href").getall(), text[:200]
        assert links.feeds == [(link.attrib.get("type") or "", link.attrib["href"])
                               for link in selector.xpath("//link[@rel='alternate'][@href]")]
        found += len(links.hrefs)
    assert found > 1000


REFRESH = '<meta http-equiv="refresh" content="0; url=/landed">'


def _pages() -> dict[str, str]:
    padding = "<p>" + "filler " * 30 + "</p>"
    return {"/": page("en", "Front", padding * 600, head=REFRESH),  # over 100 KB: the middleware reads its first 16 KB only
            "/landed": page("en", "Landed", '<ul><li><a href="/news/1">one</a></li></ul>'),
            "/news/1": page("en", "Harbour reopens", article_main("Harbour reopens", EN_PARAS))}



@pytest.fixture
def site() -> Iterator[str]:
    with serve_pages(_pages()) as (base, _served):
        yield base


def test_meta_refresh_of_a_large_page_is_followed(site: str, tmp_path: Path) -> None:
    assert len(_pages()["/"].encode()) > 100_000
    archive = tmp_path / "archive"
    result = run_cli("crawl", site + "/", "--archive", str(archive), "--set",
                     "AUTOTHROTTLE_ENABLED=False", "--set", "NEWS_EXTRACT_WORKERS=0")
    assert result.returncode == 0, result.stdout + result.stderr
    with sqlite3.connect(f"file:{archive / 'records.sqlite3'}?mode=ro", uri=True) as conn:
        fetched = {url.removeprefix(site) for (url,) in conn.execute("SELECT url FROM captures")}
        stored = {url.removeprefix(site) for (url,) in conn.execute("SELECT canonical_url FROM articles")}
    assert {"/", "/landed", "/news/1"} <= fetched
    assert stored == {"/news/1"}
