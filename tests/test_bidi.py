"""Mixed-direction text in the reading room (issue 14, item 4).

Dates, numbers and Latin names inside Arabic text (and Arabic names inside English text) are
isolated, so they keep their reading order: the HTML of every view (search results, article,
versions, diff) is checked for the isolation markup around the right values, and real headless
Chromium (Debian's, tests/browser.py) lays out the diff of an Arabic article whose modified
date and figures changed; the test reads the rendered positions of the date's pieces.

The archive is written through the store (no crawl): one Arabic article in two versions, an
English article with an Arabic name, and an article whose language is unknown.
"""
from __future__ import annotations

import asyncio
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import pytest

from archive.diff import word_diff
from archive.store import DB_FILENAME, SQLiteStore
from archive.web import present

from .browser import chromium, chromium_available
from .conftest import REPO
from .test_reading_room import ARTIFACTS, _stop, _wait_http
from .test_store import Clock, add_capture, make_fields

OLD_DATE, NEW_DATE = "2024-05-16", "2024-05-17"
OLD_COUNT, NEW_COUNT = "12", "15"
ARABIC_URL = "https://news.example/ar/health/2024/05/16/report"
ENGLISH_URL = "https://news.example/en/world/2024/05/16/visit"
UNKNOWN_URL = "https://news.example/misc/2024/05/16/note"


def _paragraph(date: str, count: str) -> str:
    return f"نشرت الوزارة التقرير في {date} وفيه {count} حالة جديدة."


def _arabic(date: str, count: str, modified: str) -> dict[str, Any]:
    return make_fields(
        ARABIC_URL, language="ar", section="صحة", site="news.example",
        title="الوزارة تنشر تقرير BBC News عن الحالات",
        dek="تقرير جديد للوزارة.", authors=["محمد أحمد", "John Smith"],
        published="2024-05-16T10:00:00+03:00", modified=modified,
        images=[{"src": "https://news.example/a.jpg", "caption": "مستشفى في المدينة",
                 "credit": "Ayman Henna/AFP"}],
        tags=["COVID-19", "صحة"],
        body_blocks=[{"kind": "p", "text": "قالت الوزارة إن العمل مستمر."},
                     {"kind": "p", "text": _paragraph(date, count)}])


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Version 1 and 2 of the Arabic article (a changed date, count and modified date), an
    English article naming an Arabic speaker, an article of unknown language."""
    folder = tmp_path_factory.mktemp("bidi")
    with SQLiteStore(folder / DB_FILENAME, clock=Clock()) as store:
        run = store.begin_run("news.example", started_at="2026-11-26T01:00:00Z", settings={})
        pages = [
            (_arabic(OLD_DATE, OLD_COUNT, "2024-05-16T12:00:00+03:00"), "2026-11-26T01:00:00Z"),
            (_arabic(NEW_DATE, NEW_COUNT, "2024-05-17T09:30:00+03:00"), "2026-11-27T01:00:00Z"),
            (make_fields(ENGLISH_URL, title="Minister meets محمد أحمد in Cairo",
                         body_blocks=[{"kind": "p", "text": "Talks with محمد أحمد 5 times."}]),
             "2026-11-26T01:00:00Z"),
            (make_fields(UNKNOWN_URL, language=None, title="ملاحظة قصيرة",
                         body_blocks=[{"kind": "p", "text": "ملاحظة بلا لغة معروفة."}]),
             "2026-11-26T01:00:00Z"),
        ]
        for fields, fetched_at in pages:
            capture = add_capture(store, run, fields["url"], fetched_at=fetched_at)
            store.store_article(capture, fields, run_id=run, extractor_version="ext-1",
                                fetched_urls=[fields["url"]])
    return folder


def _ids(archive: Path) -> dict[str, int]:
    with SQLiteStore(archive / DB_FILENAME, readonly=True) as store:
        return {url: store.get_article(url)["id"]
                for url in (ARABIC_URL, ENGLISH_URL, UNKNOWN_URL)}


def fetch(archive: Path, path: str) -> Any:
    """A reading-room page from the real app (Datasette with our plugin and the security
    wrapper), in-process, parsed."""
    import httpx

    from archive.web.app import asgi_app, make_datasette

    async def get() -> tuple[int, str]:
        ds = make_datasette(archive, replay_base=None)
        await ds.invoke_startup()
        app = asgi_app(ds, host="127.0.0.1")
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://127.0.0.1") as client:
            response = await client.get(path)
        return response.status_code, response.text

    status, html = asyncio.run(get())
    assert status == 200, html
    return lxml.html.fromstring(html)


def texts(tree: Any, xpath: str) -> list[str]:
    return [node.text_content() for node in tree.xpath(xpath)]


# --- the presentation function -----------------------------------------------------------------
def test_isolate_finds_the_stretches_of_the_other_direction() -> None:
    runs = present.isolate(_paragraph(OLD_DATE, OLD_COUNT) + " عن BBC News.", "rtl")
    assert [(r.direction, "".join(t for t, _ in r.parts)) for r in runs if r.direction] == [
        ("ltr", OLD_DATE), ("ltr", "BBC News")]
    assert "".join(t for r in runs for t, _ in r.parts).endswith(" عن BBC News.")
    runs = present.isolate("Talks with محمد أحمد 5 times.", "ltr")
    assert [("".join(t for t, _ in r.parts)) for r in runs if r.direction == "rtl"] == [
        "محمد أحمد"]
    # a highlight crossing an isolate's edge is split there; the text is kept exactly
    runs = present.isolate([("قالت BBC ", False), ("News", True), (" إن", False)], "rtl")
    assert runs[1] == present.Run("ltr", (("BBC ", False), ("News", True)))
    assert present.isolate("ملاحظة عن BBC", "auto")[1].direction == "ltr"
    assert present.isolate("", "rtl") == []


def test_isolated_text_is_still_escaped() -> None:
    from archive.web.app import bidi_html

    html = str(bidi_html([("<b>x</b> عن ", False), ("A&B", True)], "rtl"))
    tree = lxml.html.fragment_fromstring(html, create_parent="p")
    assert tree.text_content() == "<b>x</b> عن A&B"
    assert not tree.xpath("//b") and {e.tag for e in tree.iter()} == {"p", "bdi", "mark"}
    assert '<bdi dir="ltr"><mark>A&amp;B</mark></bdi>' in html


def test_word_diff_keeps_numbers_and_dates_whole() -> None:
    old, new = _paragraph(OLD_DATE, OLD_COUNT), _paragraph(NEW_DATE, NEW_COUNT)
    changed = [(op, text) for op, text in word_diff(old, new) if op != "="]
    assert changed == [("-", OLD_DATE), ("+", NEW_DATE), ("-", OLD_COUNT), ("+", NEW_COUNT)]
    assert [t for op, t in word_diff("at 10:30, 1,200.5 people", "at 10:45, 1,300.5 people")
            if op != "="] == ["10:30", "10:45", "1,200.5", "1,300.5"]


# --- the HTML of every view --------------------------------------------------------------------
def test_search_results_isolate_names_dates_and_latin_words(archive: Path) -> None:
    tree = fetch(archive, "/?q=" + "التقرير")
    hit = tree.xpath("//li[contains(@class, 'hit')]")[0]
    assert hit.get("dir") == "rtl" and hit.get("lang") == "ar"
    assert texts(hit, ".//h3//bdi[@dir='ltr']") == ["BBC News"]
    assert texts(hit, ".//p[@class='meta']/bdi") == [
        "صحة", "محمد أحمد", "John Smith", "16 May 2024, 10:00 (UTC+03:00)", "news.example"]
    assert NEW_DATE in texts(hit, ".//p[@class='snippet']//bdi[@dir='ltr']")
    english = fetch(archive, "/?q=Cairo").xpath("//li[contains(@class, 'hit')]")[0]
    assert english.get("dir") == "ltr"
    assert texts(english, ".//h3//bdi[@dir='rtl']") == ["محمد أحمد"]
    # a filter's value is isolated in its chip
    chip = fetch(archive, "/?section=" + "صحة").xpath("//a[@class='chip']")[0]
    assert texts(chip, "./bdi") == ["صحة"]


def test_search_hit_of_unknown_language_takes_its_direction_from_its_text(
        archive: Path) -> None:
    tree = fetch(archive, "/?q=" + "ملاحظة")
    hit = tree.xpath("//li[contains(@class, 'hit')]")[0]
    assert hit.get("dir") == "auto" and hit.get("lang") is None
    assert hit.xpath(".//h3")[0].get("dir") == "auto"
    assert hit.xpath(".//p[@class='snippet']")[0].get("dir") == "auto"


def test_article_isolates_values_inside_arabic_text(archive: Path) -> None:
    tree = fetch(archive, f"/article/{_ids(archive)[ARABIC_URL]}")
    article = tree.xpath("//article")[0]
    assert article.get("dir") == "rtl" and article.get("lang") == "ar"
    assert texts(article, ".//h1/bdi[@dir='ltr']") == ["BBC News"]
    assert texts(article, ".//p[@class='byline']/bdi") == ["محمد أحمد", "John Smith"]
    assert texts(article, ".//figcaption//span[@class='credit']/bdi") == ["Ayman Henna/AFP"]
    assert texts(article, ".//div[@class='body']/p/bdi[@dir='ltr']") == [NEW_DATE]
    assert texts(article, ".//ul[@class='tags']/li/bdi") == ["COVID-19", "صحة"]
    # known language: blocks follow the article's direction, not their first letter
    assert not article.xpath(".//*[@dir='auto']")
    dates = tree.xpath("//aside//time")
    assert [d.get("dir") for d in dates] == ["auto", "auto"]
    assert [d.text_content() for d in dates] == ["16 May 2024, 10:00 (UTC+03:00)",
                                                 "17 May 2024, 09:30 (UTC+03:00)"]
    assert tree.xpath("//dl[@class='provenance']//code")[0].get("dir") == "ltr"


def test_article_of_unknown_language_sets_each_block_to_auto(archive: Path) -> None:
    tree = fetch(archive, f"/article/{_ids(archive)[UNKNOWN_URL]}")
    article = tree.xpath("//article")[0]
    assert article.get("dir") == "auto"
    assert article.xpath(".//h1")[0].get("dir") == "auto"
    assert {p.get("dir") for p in article.xpath(".//div[@class='body']/p")} == {"auto"}


def test_english_article_isolates_an_arabic_name(archive: Path) -> None:
    tree = fetch(archive, f"/article/{_ids(archive)[ENGLISH_URL]}")
    article = tree.xpath("//article")[0]
    assert article.get("dir") == "ltr"
    assert texts(article, ".//h1/bdi[@dir='rtl']") == ["محمد أحمد"]
    assert texts(article, ".//div[@class='body']/p/bdi[@dir='rtl']") == ["محمد أحمد"]


def test_versions_list_titles_take_their_language_and_dates_are_isolated(archive: Path) -> None:
    tree = fetch(archive, f"/article/{_ids(archive)[ARABIC_URL]}?v=1")
    assert "version 1 of 2" in tree.xpath("//p[@class='notice']")[0].text_content()
    assert texts(tree, "//p[@class='notice']/bdi") == ["2026-11-26 01:00:00 UTC"]
    rows = tree.xpath("//table[@class='versions']/tbody/tr")
    assert len(rows) == 2
    for row in rows:
        cells = row.xpath("./td")
        assert cells[1].xpath("./bdi")
        assert cells[2].get("dir") == "rtl" and cells[2].get("lang") == "ar"
        assert texts(cells[2], ".//bdi[@dir='ltr']") == ["BBC News"]


def test_diff_isolates_inserted_and_deleted_values(archive: Path) -> None:
    tree = fetch(archive, f"/article/{_ids(archive)[ARABIC_URL]}?from=1&to=2")
    body = tree.xpath("//div[@data-field='body']")[0]
    assert body.xpath("./div")[0].get("dir") == "rtl"
    deleted, inserted = body.xpath(".//del"), body.xpath(".//ins")
    # whole values, each its own isolate in the text's direction, the date left to right
    assert [(d.get("dir"), d.text_content()) for d in deleted] == [
        ("rtl", OLD_DATE), ("rtl", OLD_COUNT)]
    assert [(i.get("dir"), i.text_content()) for i in inserted] == [
        ("rtl", NEW_DATE), ("rtl", NEW_COUNT)]
    assert texts(body, ".//del/bdi[@dir='ltr']") == [OLD_DATE]
    assert texts(body, ".//ins/bdi[@dir='ltr']") == [NEW_DATE]
    # the changed modified date: our formatted dates, left to right, each isolated
    modified = tree.xpath("//div[@data-field='modified']")[0]
    row = modified.xpath("./div")[0]
    assert row.get("dir") == "ltr" and row.get("lang") is None
    assert [(e.tag, e.get("dir"), e.text_content()) for e in row.xpath(".//del | .//ins")] == [
        ("del", "auto", "16 May 2024, 12:00 (UTC+03:00)"),
        ("ins", "auto", "17 May 2024, 09:30 (UTC+03:00)")]


# --- in the browser ----------------------------------------------------------------------------
# Left edges of every occurrence of each word in the text nodes under a selector, in document
# order: what the reader sees, after the browser's bidi layout.
LEFT_EDGES = """([selector, words]) => {
  const out = {};
  for (const root of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node; (node = walker.nextNode()); ) {
      for (const word of words) {
        for (let i = node.data.indexOf(word); i >= 0; i = node.data.indexOf(word, i + 1)) {
          const range = document.createRange();
          range.setStart(node, i);
          range.setEnd(node, i + word.length);
          const box = range.getClientRects()[0];
          (out[word] = out[word] || []).push([box.left, box.right]);
        }
      }
    }
  }
  return out;
}"""


@pytest.fixture(scope="module")
def served(archive: Path) -> Iterator[str]:
    """`newsarchive serve --no-replay` over the archive, as a subprocess."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.cli", "serve", "--archive", str(archive),
         "--port", str(port), "--no-replay"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        _wait_http(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(process)


@pytest.mark.skipif(not chromium_available(),
                    reason="needs Debian's chromium (.ci/run installs it)")
def test_arabic_diff_reads_in_order_in_chromium(archive: Path, served: str,
                                                tmp_path: Path) -> None:
    with chromium() as browser:
        tab = browser.new_page(viewport={"width": 1280, "height": 900})
        tab.goto(f"{served}/article/{_ids(archive)[ARABIC_URL]}?from=1&to=2#changes")
        body = tab.evaluate(LEFT_EDGES, ["[data-field=body] del", ["2024", "05", "16", "12"]])
        new = tab.evaluate(LEFT_EDGES, ["[data-field=body] ins", ["2024", "05", "17", "15"]])
        # each date reads left to right as written: 2024, then 05, then 16 (unisolated, after
        # Arabic letters, it would show as 16-05-2024)
        for pieces, day in ((body, "16"), (new, "17")):
            assert pieces["2024"][0][0] < pieces["05"][0][0] < pieces[day][0][0], pieces
        # right to left, the old value comes first: right of the new one, never run into it
        assert body["2024"][0][0] >= new[NEW_DATE[-2:]][0][1], (body, new)
        assert body[OLD_COUNT][0][0] >= new[NEW_COUNT][0][1], (body, new)
        # the modified date, as this page writes it, reads left to right: old → new
        dates = tab.evaluate(LEFT_EDGES, ["[data-field=modified] p",
                                          ["16", "17", "May", "2024", "→"]])
        assert dates["16"][0][0] < dates["May"][0][0] < dates["2024"][0][0]
        assert dates["2024"][0][1] <= dates["→"][0][0] < dates["17"][0][0]
        assert dates["17"][0][0] < dates["May"][1][0] < dates["2024"][1][0]
        # the article page shows the body's date the same way
        tab.goto(f"{served}/article/{_ids(archive)[ARABIC_URL]}")
        shown = tab.evaluate(LEFT_EDGES, ["article .body p", ["2024", "05", "17"]])
        assert shown["2024"][0][0] < shown["05"][0][0] < shown["17"][0][0], shown
        tab.goto(f"{served}/article/{_ids(archive)[ARABIC_URL]}?from=1&to=2#changes")
        path = tmp_path / "arabic-diff.png"
        tab.locator("#changes").screenshot(path=str(path))
        png = path.read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 1000
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        (ARTIFACTS / "article-arabic-diff-bidi.png").write_bytes(png)
