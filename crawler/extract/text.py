"""Small text helpers shared by the body and image extractors."""
from __future__ import annotations

import re

from lxml import etree

# zero-width and soft-hyphen characters that only affect rendering (clean() lists them again)
_INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def clean(text: str | None) -> str:
    """Collapse whitespace (as a browser renders it) and drop invisible characters."""
    if not text:
        return ""
    # isascii() is a flag lookup and `in` a memchr-like scan: both cheaper than a regex search
    if not text.isascii() and (
            "\u00ad" in text or "\u200b" in text or "\u200c" in text or "\u200d" in text
            or "\u2060" in text or "\ufeff" in text):
        text = _INVISIBLE.sub("", text)
    # str.split() splits on the same Unicode white space a browser collapses (incl. NBSP)
    return " ".join(text.split())


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


def is_inside(el: object, ancestor: object) -> bool:
    """True when `el` is `ancestor` or one of its descendants."""
    node = el
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()  # type: ignore[attr-defined]
    return False
