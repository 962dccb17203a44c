"""Pages large in one way: extraction still gives what the page says (how its time grows is
benchmarks/hostile_pages.py's to measure), and the caption passes' record of the boxes they took
answers as the element-by-element walk it replaced."""
from __future__ import annotations

import random

import lxml.html
import pytest

from crawler.extract import extract
from crawler.extract.images import _Handled
from crawler.extract.text import is_inside

URL = "https://news.example.com/world/2024/01/story"
TEXT = {
    "en": "The council voted on Tuesday to expand the night bus network, adding four routes that run until 3 a.m.",
    "ar": "صوت مجلس المدينة يوم الثلاثاء على توسيع شبكة الحافلات الليلية بإضافة أربعة خطوط جديدة تعمل حتى الثالثة فجرا.",
    "ru": "Городской совет во вторник проголосовал за расширение сети ночных автобусов, добавив четыре новых маршрута.",
}
HEADLINE = {"en": "Night bus network to grow by four routes", "ar": "شبكة الحافلات الليلية تتوسع بأربعة خطوط",
            "ru": "Сеть ночных автобусов вырастет на четыре маршрута"}
LANGS = ["en", "ar", "ru"]


def _page(lang: str, body: str, head: str = "") -> str:
    return (f'<html lang="{lang}"><head><meta charset="utf-8">{head}</head><body><article>'
            f"<h1>{HEADLINE[lang]}</h1>{body}{''.join(f'<p>{TEXT[lang]} {i}</p>' for i in range(6))}"
            "</article></body></html>")


@pytest.mark.parametrize("lang", LANGS)
def test_a_title_of_thousands_of_separated_parts_still_gives_the_headline(lang: str) -> None:
    """"Headline | Example Times | part | part | …": the site's name in the middle, the headline
    before it, whatever follows."""
    parts = " | ".join(f"Part {i}" for i in range(3000))
    head = (f'<title>{HEADLINE[lang]} | Example Times | {parts}</title>'
            '<meta property="og:site_name" content="Example Times">')
    assert extract(_page(lang, "", head).encode(), URL).title == HEADLINE[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_a_gallery_of_a_thousand_slides_keeps_every_caption(lang: str) -> None:
    slides = "".join(f"<div class='slide'><img data-src='/img/{i}.jpg' src='/ph.gif'>"
                     f"<p class='caption'>{HEADLINE[lang]} {i} (Photo: Jane Roe)</p></div>" for i in range(1000))
    images = extract(_page(lang, f"<div class='gallery'>{slides}</div>").encode(), URL).images
    assert [(i.src.rsplit("/", 1)[-1], i.caption) for i in images] == \
        [(f"{i}.jpg", f"{HEADLINE[lang]} {i}") for i in range(1000)]
    assert {i.credit for i in images} == {"Jane Roe"}


def _random_tree(rng: random.Random, size: int) -> list[lxml.html.HtmlElement]:
    root = lxml.html.fromstring("<div></div>")
    nodes = [root]
    for _ in range(size):
        parent = rng.choice(nodes)
        child = lxml.html.Element(rng.choice(["div", "figure", "p", "span"]))
        parent.append(child)
        nodes.append(child)
    return nodes


@pytest.mark.parametrize("seed", range(5))
def test_handled_boxes_answer_as_the_walk_from_each_element(seed: int) -> None:
    """covers(el): el is inside some handled box; overlaps(el): that, or some handled box is
    inside el. Asked of every element after each box is added, against is_inside()."""
    rng = random.Random(seed)
    nodes = _random_tree(rng, 120)
    handled, boxes = _Handled(), []
    handled.add(None)  # a pass that found no box adds None: it covers nothing
    for box in rng.sample(nodes, 12):
        handled.add(box)
        boxes.append(box)
        for el in nodes:
            inside = any(is_inside(el, b) for b in boxes)
            assert handled.covers(el) is inside
            assert handled.overlaps(el) is (inside or any(is_inside(b, el) for b in boxes))


@pytest.mark.parametrize("seed", range(5))
def test_printed_siblings_kept_for_a_page_answer_as_the_walk(seed: int) -> None:
    """_printed_sibling() inside extract_images() keeps each answer for the element asked and
    the silent siblings it walked over; asked of every element, both ways, in random order,
    it answers as the walk without memory does."""
    from crawler.extract import images

    rng = random.Random(seed)
    nodes = _random_tree(rng, 150)
    for node in nodes[1:]:
        if rng.random() < 0.3:
            node.text = "words"  # some elements print text, most are silent
    plain = {(el, step): images._printed_sibling(el, step) for el in nodes for step in (-1, 1)}
    token = images._WALKS.set(images._Walks())
    try:
        asked = list(plain)
        rng.shuffle(asked)
        for el, step in asked:
            assert images._printed_sibling(el, step) is plain[(el, step)]
    finally:
        images._WALKS.reset(token)


@pytest.mark.parametrize("lang", LANGS)
def test_pictures_described_by_ids_take_the_first_element_with_each_id(lang: str) -> None:
    """Three hundred pictures, each naming its caption with aria-describedby; an id given twice
    names the first element that has it, as the document's id lookup does."""
    pictures = "".join(f"<div><img src='/img/{i}.jpg' aria-describedby='c{i}'></div>" for i in range(300))
    captions = "".join(f"<p id='c{i}'>{HEADLINE[lang]} {i}</p>" for i in range(300))
    html = _page(lang, pictures + captions + f"<p id='c7'>{TEXT[lang]}</p>")
    found = {i.src.rsplit("/", 1)[-1]: i.caption for i in extract(html.encode(), URL).images}
    assert found == {f"{i}.jpg": f"{HEADLINE[lang]} {i}" for i in range(300)}


@pytest.mark.parametrize("seed", range(6))
def test_pull_quotes_found_through_the_word_index_are_those_the_scan_finds(
        seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """On pages of thousands of short sentences _without_pull_quotes indexes the blocks by word
    triples instead of scanning the text for each sentence; both ways drop the same blocks.
    Random texts whose short sentences repeat parts of longer ones, in several scripts, the
    Chinese unspaced (it falls back to the scan)."""
    from crawler.extract import body
    from crawler.extract.article import Block

    rng = random.Random(seed)
    words = {"en": "the council voted to expand night bus routes until three".split(),
             "ar": "صوت المجلس على توسيع خطوط الحافلات الليلية حتى الفجر".split(),
             "ru": "совет проголосовал за расширение ночных автобусных маршрутов до утра".split()}
    blocks: list[Block] = []
    for _ in range(60):
        lang = rng.choice(["en", "ar", "ru", "zh"])
        if lang == "zh":
            text = "".join(rng.choice("市议会周二投票决定扩大夜间公交网络") for _ in range(rng.randint(20, 60))) + "。"
        else:
            text = " ".join(rng.choice(words[lang]) for _ in range(rng.randint(4, 40))) + "."
        if blocks and rng.random() < 0.4:  # a short repeat of a longer block's words
            source = rng.choice(blocks).text
            start = rng.randrange(max(1, len(source) - 40))
            text = rng.choice(['"', "“", ""]) + source[start:start + rng.randint(20, 80)] + "."
        blocks.append(Block(rng.choice(["p", "p", "quote", "li"]), text))
    monkeypatch.setattr(body, "PULL_QUOTE_SCAN_MAX", 10 ** 12)
    scanned = body._without_pull_quotes(list(blocks))
    monkeypatch.setattr(body, "PULL_QUOTE_SCAN_MAX", 0)
    indexed = body._without_pull_quotes(list(blocks))
    assert indexed == scanned
    assert len(scanned) < len(blocks)  # the texts do hold repeats to drop


def _random_dated_lists(rng: random.Random, size: int) -> list[lxml.html.HtmlElement]:
    """A random tree of boxes holding lists of dated items (each item: maybe a link, one or two
    date elements of one of a few tags and classes, a few days), loose links and dates, and
    lists of lists; returns the date elements."""
    root = lxml.html.fromstring("<div></div>")
    boxes, dates = [root], []

    def stamp(parent: lxml.html.HtmlElement, tag: str, cls: str) -> None:
        el = lxml.html.Element(tag, {"class": cls})
        el.text = f"{rng.choice([10, 12, 14])} October 2024"
        parent.append(el)
        dates.append(el)

    for _ in range(size):
        parent = rng.choice(boxes)
        kind = rng.random()
        if kind < 0.35:  # a list: items of one tag, each with a date of one tag and class
            box = lxml.html.Element(rng.choice(["ul", "div"]))
            parent.append(box)
            boxes.append(box)
            item_tag, tag, cls = rng.choice(["li", "div"]), rng.choice(["span", "div", "time"]), rng.choice(["date", "meta"])
            for _ in range(rng.randrange(1, 5)):
                item = lxml.html.Element(item_tag)
                box.append(item)
                boxes.append(item)
                link = None
                if rng.random() < 0.8:
                    link = lxml.html.Element("a", href=f"/news/{rng.randrange(9)}")
                    link.text = "Another story"
                    item.append(link)
                for _ in range(1 if rng.random() < 0.85 else 2):  # inside the link, at times
                    stamp(link if link is not None and rng.random() < 0.3 else item, tag, cls)
        elif kind < 0.55:
            box = lxml.html.Element(rng.choice(["li", "div", "article"]))
            parent.append(box)
            boxes.append(box)
        else:
            stamp(parent, rng.choice(["span", "div", "time"]), rng.choice(["date", "date_list", "meta"]))
    return dates


@pytest.mark.parametrize("seed", range(6))
def test_dated_teaser_lists_judged_once_answer_as_judged_per_item(seed: int) -> None:
    """_in_dated_teasers and _in_dated_list (of <time>s) with the page's memory of lists (one
    judgement per list, so that thousands of teasers cost linear time) answer as without it,
    for every date element, in random order, one memory shared by both and by every tag and
    class."""
    from crawler.extract.metadata import _in_dated_list, _in_dated_teasers
    rng = random.Random(seed)
    dates = _random_dated_lists(rng, 160)
    times = [d for d in dates if d.tag == "time"]
    # the trees hold lists of both kinds at all
    assert any(_in_dated_teasers(d) for d in dates) and any(_in_dated_list(t) for t in times)
    lists: dict = {}
    for stamp in rng.sample(dates, len(dates)):
        assert _in_dated_teasers(stamp, lists) is _in_dated_teasers(stamp)
        if stamp.tag == "time":
            assert _in_dated_list(stamp, lists) is _in_dated_list(stamp)


@pytest.mark.parametrize("lang", LANGS)
def test_thousands_of_dated_teasers_leave_the_article_its_own_date(lang: str) -> None:
    # each teaser is another day's story, its date known by its class; the article's own
    # dateline, unclassed, comes first in the text but after them among the date boxes
    items = "".join(f'<li><a href="/news/{i}">{HEADLINE[lang]} {i}</a><span class="date">{1 + i % 9}.10.2024</span></li>'
                    for i in range(2000))
    html = (f'<html lang="{lang}"><body><h1>{HEADLINE[lang]}</h1><p>{TEXT[lang]}</p><p>16.10.2024</p>'
            f"<ul>{items}</ul></body></html>")
    assert extract(html.encode(), "https://news.example.com/story").published.date().isoformat() == "2024-10-16"
