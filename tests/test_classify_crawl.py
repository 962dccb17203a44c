"""A profile-less crawl over real HTTP (127.0.0.1) stores articles by their content, whatever
their URL: articles at short numeric or hashed URLs (`/news/7`, `/p/9f3a`) are stored, listing
pages at dated or paginated URLs (`/2024/05/16/`, `/culture/page/5/`) are recorded as listing
captures with a reason and followed for links. import-warc of the crawl's WARC decides alike.

Run with PYTHONPATH set to the worktree so the CLI subprocess imports this code.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import export_rows, run_cli, serve_pages
from .test_classify import (AR_PARAS, DE_PARAS, EN_PARAS, article_main, listing, page)

FAST = ("--set", "DOWNLOAD_TIMEOUT=5", "--set", "AUTOTHROTTLE_ENABLED=False",
        "--set", "NEWS_EXTRACT_WORKERS=0")


def site_pages() -> dict[str, str]:
    def story(lang: str, title: str, paras: list[str], more: str = "") -> str:
        return page(lang, title, article_main(title, paras) + more)

    front_links = "".join(f'<li><a href="{path}">{path}</a></li>' for path in (
        "/news/7", "/p/9f3a", "/2024/05/16/", "/culture/page/5/", "/ar/2024/05/16/", "/de/2024/05/16/"))
    dated = listing("en", "News of 16 May 2024", "article")
    return {
        "/": page("en", "Example News", f"<h1>Example News</h1><ul>{front_links}</ul>"),
        "/news/7": story("en", "Bridge closed to lorries", EN_PARAS),
        "/p/9f3a": story("en", "Ferry for cyclists", EN_PARAS[1:] + EN_PARAS[:1]),
        # the dated listing links (among its teasers) to an article found nowhere else
        "/2024/05/16/": dated.replace('href="/news/100"', 'href="/news/8"'),
        "/news/8": story("en", "Council approves school repairs", EN_PARAS[2:] + EN_PARAS[:2]),
        "/culture/page/5/": listing("en", "Culture - page 5", "li"),
        "/ar/2024/05/16/": listing("ar", "أخبار المدينة", "article").replace(
            'href="/news/100"', 'href="/ar/news/12"'),
        "/ar/news/12": story("ar", "افتتاح مستشفى جديد", AR_PARAS),
        "/de/2024/05/16/": listing("de", "Lokales", "linked").replace(
            'href="/news/100"', 'href="/de/a/77"'),
        "/de/a/77": story("de", "Brücke gesperrt", DE_PARAS),
    }


ARTICLES = ("/news/7", "/p/9f3a", "/news/8", "/ar/news/12", "/de/a/77")
LISTINGS = ("/2024/05/16/", "/culture/page/5/", "/ar/2024/05/16/", "/de/2024/05/16/")



@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serve_pages(site_pages()) as (base, _served):
        yield base


@pytest.fixture(scope="module")
def crawled(site: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path, str]:
    archive = tmp_path_factory.mktemp("classify") / "archive"
    result = run_cli("crawl", site + "/", "--archive", str(archive), *FAST)
    assert result.returncode == 0, result.stdout + result.stderr
    return site, archive, result.stdout


def _kinds(archive: Path) -> dict[str, tuple[str, str | None]]:
    with sqlite3.connect(f"file:{archive / 'records.sqlite3'}?mode=ro", uri=True) as conn:
        return {url: (kind, reason) for url, kind, reason in conn.execute(
            "SELECT url, page_kind, reason FROM captures WHERE status = 200")}


def test_articles_at_short_urls_are_stored_and_listings_are_not(crawled: tuple[str, Path, str]) -> None:
    site, archive, _ = crawled
    stored = {row["url"] for row in export_rows(archive)}
    assert stored == {site + path for path in ARTICLES}


def test_listing_pages_are_listing_captures_with_a_reason(crawled: tuple[str, Path, str]) -> None:
    site, archive, _ = crawled
    kinds = _kinds(archive)
    for path in LISTINGS:
        kind, reason = kinds[site + path]
        assert kind == "listing" and reason, (path, kind, reason)
    for path in ARTICLES:
        assert kinds[site + path][0] == "article", path
    # the start page, a bare list of links, has no body at all: a non-article, and followed
    kind, reason = kinds[site + "/"]
    assert kind == "non-article" and "words" in (reason or "")


def test_run_summary_counts_articles_found_by_content(crawled: tuple[str, Path, str]) -> None:
    """Articles found by following links count as discovered (no sitemap, no feed here: the
    health check would otherwise call the run "no articles found"); listings and the bare
    start page are no article candidates whose fields the health check judges."""
    _, archive, _ = crawled
    result = run_cli("runs", "--json", "--archive", str(archive))
    assert result.returncode == 0, result.stderr
    run = json.loads(result.stdout.splitlines()[0])
    summary = run["summary"]
    assert run["status"] == "ok"
    assert summary["articles_discovered"] == len(ARTICLES)
    assert summary["listing_pages"] == len(LISTINGS)
    assert summary["non_articles"] == 1  # the start page
    assert summary["candidates"] == len(ARTICLES)
    assert summary["field_fill_rates"]["body"] == 1.0


def test_import_of_the_crawl_decides_by_content_too(crawled: tuple[str, Path, str],
                                                   tmp_path: Path) -> None:
    site, archive, _ = crawled
    [warc] = sorted((archive / "warcs").rglob("*.warc.gz"))
    other = tmp_path / "imported"
    result = run_cli("import-warc", str(warc), "--archive", str(other))
    assert result.returncode == 0, result.stdout + result.stderr
    assert {row["url"] for row in export_rows(other)} == {site + path for path in ARTICLES}
    kinds = _kinds(other)
    assert [kinds[site + path][0] for path in LISTINGS] == ["listing"] * len(LISTINGS)
