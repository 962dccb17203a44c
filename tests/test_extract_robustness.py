"""extract() on hostile input: only an Article or a typed ExtractionError, never anything else."""
from __future__ import annotations

import subprocess
import sys

import pytest

from crawler.extract import (
    Article, EmptyDocumentError, ExtractionError, NotHTMLError, extract,
)

URL = "https://news.example.org/2026/08/07/story.html"


def _outcome(data: bytes | str) -> Article | ExtractionError:
    try:
        return extract(data, URL)
    except ExtractionError as exc:
        assert exc.message and isinstance(exc.reason, str)
        return exc


ARTICLE_HTML = (
    "<html><head><title>A headline</title></head><body><article><h1>A headline</h1>"
    + "".join(f"<p>Paragraph number {i}, with enough words to count as prose in a body.</p>"
              for i in range(8))
    + "</article></body></html>"
)


@pytest.mark.parametrize("data, error", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", NotHTMLError),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200), NotHTMLError),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100), NotHTMLError),
    (b"GIF89a\x01\x00\x01\x00" + bytes(50), NotHTMLError),
    (bytes(range(256)) * 40, NotHTMLError),
    (b"", EmptyDocumentError),
    (b"   \n\t  ", EmptyDocumentError),
    ("", EmptyDocumentError),
], ids=["pdf", "png", "jpeg", "gif", "binary", "empty", "whitespace", "empty-str"])
def test_non_html_and_empty_input_raise_typed_errors(data: bytes | str, error: type) -> None:
    with pytest.raises(error):
        extract(data, URL)


@pytest.mark.parametrize("data", [
    b"<html>",
    b"<!-- only a comment -->",
    b"<p>just a fragment</p>",
    b"plain text, no markup at all",
    b"<html><body>" + b"<div>" * 10_000 + b"deep" + b"</div>" * 10_000 + b"</body></html>",
    b"<html><body>" + b"<span>" * 50_000 + b"</body></html>",
    b"<?xml version='1.0' encoding='iso-8859-1'?><html><body><p>caf\xe9 cr\xe8me br\xfbl\xe9e is on the menu today.</p></body></html>",
    b"<html><head><meta charset='utf-8'></head><body><p>invalid \xff\xfe utf-8 \xc3 bytes</p></body></html>",
    b"<html><head><meta charset='windows-1256'></head><body><p>\xc7\xe1\xda\xd1\xc7\xe4</p></body></html>",
    b"<html><head><meta charset='no-such-charset'></head><body><p>text</p></body></html>",
    b"<html><head><meta charset='utf-8'></head><body><p>\xe9t\xe9 wrong declared charset</p></body></html>",
    b"\xef\xbb\xbf<html><body><p>BOM page</p></body></html>",
    "<html><body><p>utf-16 page</p></body></html>".encode("utf-16"),
    b"<html><body>\x00\x00<p>a few NULs</p></body></html>",
    b"<html><body><figure><img><figcaption></figcaption></figure><figcaption>[]</figcaption></body></html>",
    b"<html><body><img src='http://[::1'><a href='http://['>x</a><p>bad urls</p></body></html>",
    ARTICLE_HTML.encode(),
    ARTICLE_HTML,
], ids=["unclosed-html", "comment-only", "fragment", "plain-text", "deep-10000", "unclosed-50000",
        "xml-declaration-latin1", "invalid-utf8", "windows-1256", "unknown-charset",
        "wrong-declared-charset", "bom", "utf16", "nul-bytes", "empty-captions", "bad-urls",
        "article-bytes", "article-str"])
def test_odd_input_gives_article_or_typed_error(data: bytes | str) -> None:
    result = _outcome(data)
    assert isinstance(result, (Article, ExtractionError))


def test_huge_page_is_handled() -> None:
    paras = "".join(f"<p>Paragraph {i}: " + f"word{i} " * 200 + "and a sentence end.</p>"
                    for i in range(5000))
    data = ("<html><body><article>" + paras + "</article></body></html>").encode()
    assert len(data) > 5_000_000
    result = _outcome(data)
    assert isinstance(result, Article)
    assert len(result.body) > 1000


def test_article_is_extracted_from_a_simple_page() -> None:
    art = extract(ARTICLE_HTML.encode(), URL)
    assert art.title == "A headline"
    assert len(art.body) == 8
    assert art.site == "news.example.org"
    assert art.canonical_url == URL


def test_wrong_url_values_do_not_escape() -> None:
    for url in ("", "not a url", "http://[broken", "javascript:alert(1)"):
        assert isinstance(_with_url(url), (Article, ExtractionError))


def _with_url(url: str) -> Article | ExtractionError:
    try:
        return extract(ARTICLE_HTML, url)
    except ExtractionError as exc:
        return exc


def test_extraction_does_not_import_scrapy_or_archive() -> None:
    code = ("import sys, crawler.extract as e; e.extract('<p>x</p>', 'http://a.b/'); "
            "bad = [m for m in sys.modules if m == 'scrapy' or m.startswith(('scrapy.', 'archive'))]; "
            "print(','.join(bad))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_credit_prefixes_are_stripped_whole_words_only():
    from crawler.extract.images import _CREDIT_PREFIX

    cases = {"Bildrechte: dpa": "dpa", "Fotos: Max Muster": "Max Muster", "Photo by Reuters": "Reuters",
             "© AFP": "AFP", "Sourcefire Inc": "Sourcefire Inc", "Image credits: Jane Roe": "Jane Roe"}
    for text, credit in cases.items():
        assert _CREDIT_PREFIX.sub("", text, count=1) == credit, text


@pytest.mark.parametrize("lang, markup, published", [
    ("de", "Geschlechts&shy;eintrag", "Geschlechts\u00adeintrag"),
    ("is", "Sjálfstæðis\u00adflokkurinn", "Sjálfstæðis\u00adflokkurinn"),
    ("en", "extra&#173;ordinary", "extra\u00adordinary"),
])
def test_soft_hyphens_are_kept_as_published_and_zero_width_spaces_are_not(
        lang: str, markup: str, published: str) -> None:
    """A soft hyphen is part of the published text (hyphenation points of long words); a zero
    width space only breaks lines: the body keeps the first and drops the second."""
    paragraph = (f"The {markup} case of the harbour\u200b council was heard on Monday, and the "
                 "judges asked for more time before they rule on the matter of the ferry.")
    page = (f'<html lang="{lang}"><head><meta charset="utf-8"><title>Ruling</title></head><body>'
            f'<article><h1>Ruling</h1>{"".join(f"<p>{paragraph} Part {n}.</p>" for n in range(4))}'
            "</article></body></html>")
    text = "\n".join(block.text for block in extract(page.encode(), URL).body)
    assert published in text
    assert "\u200b" not in text and "harbour council" in text
