"""Small text helpers shared by the body and image extractors."""
from __future__ import annotations

import re

from lxml import etree

# zero-width characters that only affect rendering (clean() lists them again). The soft hyphen
# (U+00AD) stays: it is part of the text as published (German and Nordic papers hyphenate long
# words with it), and search folds it away when indexing.
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def clean(text: str | None) -> str:
    """Collapse whitespace (as a browser renders it) and drop invisible characters."""
    if not text:
        return ""
    # isascii() is a flag lookup and `in` a memchr-like scan: both cheaper than a regex search
    if not text.isascii() and (
            "\u200b" in text or "\u200c" in text or "\u200d" in text
            or "\u2060" in text or "\ufeff" in text):
        text = _INVISIBLE.sub("", text)
    # str.split() splits on the same Unicode white space a browser collapses (incl. NBSP)
    return " ".join(text.split())


_SPLIT_COUNTS: dict[str, int] = {}
_SPLIT_COUNTS_MAX = 1024


def split_count(text: str) -> int:
    """len(text.split()), remembered for the last 1,024 texts (a page's blocks; no more, so
    that a worker holds no more texts than it needs): a body's blocks are counted by the
    classifier (classify.word_count) and again by Article.word_count, each split costing a
    list of words."""
    n = _SPLIT_COUNTS.get(text)
    if n is None:
        if len(_SPLIT_COUNTS) >= _SPLIT_COUNTS_MAX:
            _SPLIT_COUNTS.clear()
        n = _SPLIT_COUNTS[text] = len(text.split())
    return n


def text_of(el: object) -> str:
    """`el.text_content()` at half the cost: the same libxml2 walk over the descendant text
    nodes, as a plain str, without the XPath context lxml sets up per call and the "smart"
    string it wraps around XPath results. `el` is an element."""
    return etree.tostring(el, method="text", encoding=str, with_tail=False)  # type: ignore[call-overload]


def element_text(el: object) -> str:
    """The rendered text of an element, whitespace collapsed."""
    try:
        return clean("".join(el.itertext()))  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return ""


def class_id(el: object) -> str:
    """The class and id attributes of an element, lower-cased, for token matching."""
    get = el.get  # type: ignore[attr-defined]
    c = get("class")
    i = get("id")
    if c and i:
        return f"{c} {i}".lower()
    return (c or i or "").lower()


class ClassMatch:
    """`pattern.search(s) is not None`, remembered per string. A page repeats a few hundred
    class/id strings on tens of thousands of elements, and the extractor asks the same
    pattern about each of them: a dict lookup costs a fraction of a large alternation's
    search. The memory is bounded (cleared when it grows past `limit` strings), since one
    process extracts pages of many sites."""

    __slots__ = ("_search", "_seen", "_limit")

    def __init__(self, pattern: re.Pattern[str], limit: int = 50_000) -> None:
        self._search = pattern.search
        self._seen: dict[str, bool] = {}
        self._limit = limit

    def __call__(self, text: str) -> bool:
        hit = self._seen.get(text)
        if hit is None:
            if len(self._seen) >= self._limit:
                self._seen.clear()
            hit = self._seen[text] = self._search(text) is not None
        return hit


def is_inside(el: object, ancestor: object) -> bool:
    """True when `el` is `ancestor` or one of its descendants."""
    node = el
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()  # type: ignore[attr-defined]
    return False
