"""Client-rendered pages: the article's HTML only in script data (issue 17, item 3).

A page built by JavaScript (Next.js, Nuxt, a CMS's own hydration state) prints an empty app
root; its article text reaches the browser as an HTML string inside JSON ("contentHtml": "<p>…"),
often with "<" escaped as \\u003c. extract() reads that string with the body and caption code of
any page when the DOM gives almost no text (crawler/extract/scriptdata.py). These pages are of
our own making, in English, Arabic and Russian, in three common shapes of script state; the
helpers come from test_extract_captions.
"""
from __future__ import annotations

import json

import pytest

from crawler.extract import extract, extract_page
from crawler.pipelines.validate import verdict
from tests.test_extract_captions import CAPTIONS, PARAS, TITLES, URL

LANGS = ["en", "ar", "ru"]
CREDIT = "Reuters"


def article_html(lang: str) -> str:
    """The article as the CMS stores it: paragraphs, a captioned picture, a sub-heading."""
    p = PARAS[lang]
    return (f"<p>{p[0]}</p><figure><img src=\"/img/base.jpg\" alt=\"\"><figcaption>"
            f"{CAPTIONS[lang]} <span class=\"credit\">{CREDIT}</span></figcaption></figure>"
            f"<p>{p[1]}</p><h2>{TITLES[lang].split()[0]}</h2><p>{p[2]}</p>")


def state(lang: str, key: str, html: str) -> dict:
    """Hydration state as such apps ship it: the article among navigation and teasers."""
    return {
        "props": {"pageProps": {
            "article": {"id": 5196, "headline": TITLES[lang], "section": "world",
                        "publishedAt": "2026-05-16T08:30:00Z", key: html},
            "navigation": [{"label": f"Section {i}", "href": f"/section-{i}"} for i in range(12)],
            "teasers": [{"title": f"{TITLES[lang]} ({i})", "href": f"/2026/05/1{i}/story-{i}"}
                        for i in range(8)],
        }},
        "page": "/[section]/[slug]", "buildId": "h7Gx2kPq9s", "isFallback": False,
    }


def escaped(data: dict) -> str:
    """JSON as Next.js prints it into a page: "<", ">" and "&" as \\u escapes."""
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def shell(lang: str, script: str, root: str = '<div id="__next"></div>') -> str:
    rtl = ' dir="rtl"' if lang == "ar" else ""
    return (f'<!doctype html><html lang="{lang}"{rtl}><head><meta charset="utf-8">'
            f"<title>{TITLES[lang]}</title>{script}</head><body>{root}"
            '<script src="/_next/static/chunks/main.js"></script></body></html>')


SHAPES = {
    # Next.js: the page's props in a JSON script element
    "next-data": lambda lang: shell(lang, '<script id="__NEXT_DATA__" type="application/json">'
                                    + escaped(state(lang, "contentHtml", article_html(lang)))
                                    + "</script>"),
    # a CMS's state assigned to a global in a plain script
    "window-state": lambda lang: shell(lang, "<script>window.__INITIAL_STATE__ = "
                                       + json.dumps(state(lang, "body_html", article_html(lang)),
                                                    ensure_ascii=False) + ";</script>",
                                       root='<div id="app"></div>'),
    # Nuxt: the state in a script at the end of the body, "<" escaped
    "nuxt": lambda lang: shell(lang, "", root='<div id="__nuxt"></div><script>window.__NUXT__='
                               + escaped(state(lang, "articleBody", article_html(lang)))
                               + "</script>"),
}


def expected_body(lang: str) -> list[tuple[str, str]]:
    p = PARAS[lang]
    return [("p", p[0]), ("p", p[1]), ("h", TITLES[lang].split()[0]), ("p", p[2])]


@pytest.mark.parametrize("shape", sorted(SHAPES))
@pytest.mark.parametrize("lang", LANGS)
def test_body_and_caption_from_script_data(lang: str, shape: str) -> None:
    """The article in the script state is the body, sub-heading and all, and its picture
    keeps its caption and credit apart."""
    article = extract(SHAPES[shape](lang), URL)
    assert [(b.kind, b.text) for b in article.body] == expected_body(lang)
    assert [(i.src, i.caption, i.credit) for i in article.images] == [
        ("https://news.example.com/img/base.jpg", CAPTIONS[lang], CREDIT)]


@pytest.mark.parametrize("lang", LANGS)
def test_a_client_rendered_article_is_an_article_not_a_page_needing_javascript(lang: str) -> None:
    """The crawl's verdict on such a page is "article": its text was in the HTML fetched,
    only not in the DOM (a shell with no text anywhere is "needs JavaScript": test_render)."""
    article, signals = extract_page(SHAPES["next-data"](lang), URL, profile=None)
    assert signals is not None and signals.script_shell
    assert verdict(article, signals, min_words=40) is None


def test_a_page_whose_dom_holds_the_article_keeps_it() -> None:
    """Script data is a fallback: a page that prints its article is read from the DOM, even
    when its state holds a longer HTML string (another story, a whole archive page)."""
    p = PARAS["en"]
    other = "".join(f"<p>{q} Another story.</p>" for q in PARAS["ru"] * 4)
    script = ('<script id="__NEXT_DATA__" type="application/json">'
              + escaped(state("en", "contentHtml", other)) + "</script>")
    printed = (f"<main><article><h1>{TITLES['en']}</h1><p>{p[0]}</p><p>{p[1]}</p>"
               f"<p>{p[2]}</p></article></main>")
    article = extract(shell("en", script, root=printed), URL)
    assert [b.text for b in article.body] == list(p)


def test_plain_text_in_script_data_is_no_article_html() -> None:
    """Only HTML with paragraphs counts: a long plain-text field (a summary, a search index
    entry) is not taken for the article's markup."""
    plain = " ".join(PARAS["en"] * 3)
    script = ('<script id="__NEXT_DATA__" type="application/json">'
              + escaped(state("en", "content", plain)) + "</script>")
    assert extract(shell("en", script), URL).body == []


def test_cms_placeholders_in_script_html_are_not_text() -> None:
    """Slots the client fills ("$$ARTICLEAD$$", "{{AD}}") are not words of the article."""
    p = PARAS["en"]
    html = f"<p>{p[0]}</p>$$ARTICLEAD$$<p>{p[1]} {{{{AD}}}}</p><p>{p[2]}</p>"
    script = ('<script id="__NEXT_DATA__" type="application/json">'
              + escaped(state("en", "contentHtml", html)) + "</script>")
    assert [b.text for b in extract(shell("en", script), URL).body] == list(p)
