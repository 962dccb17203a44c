"""Site-profile selectors for body and images: when given and matching, they win.

A selector that matches nothing falls back to the generic extractor (a profile gone stale
must degrade to generic extraction, not to an empty field).
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from .article import Block, Image
from .body import collect_blocks, filter_blocks
from .images import _caption_and_credit, _src_of, clean_credit, split_credit
from .profile import FieldSelectors
from .text import clean


def selectors_of(profile: Any) -> FieldSelectors | None:
    """The FieldSelectors of a profile (anything with `.selectors`), or None."""
    if profile is None:
        return None
    if isinstance(profile, FieldSelectors):
        return profile
    sel = getattr(profile, "selectors", None)
    return sel if isinstance(sel, FieldSelectors) else None


def css(root: Any, selector: str | None) -> list[Any]:
    """Elements matching a CSS selector; [] for an invalid selector or no match."""
    if not selector:
        return []
    try:
        from lxml.cssselect import CSSSelector

        return list(CSSSelector(selector, translator="html")(root))
    except Exception:  # noqa: BLE001 - cssselect raises several error types for bad selectors
        return []


def profile_body(root: Any, sel: FieldSelectors, meta: Any) -> list[Block] | None:
    containers = css(root, sel.body)
    if not containers:
        return None
    # excluded elements are skipped, not removed: the image pass still needs the figures
    exclude = set(css(root, sel.body_exclude))
    # keep only outermost matches, in document order
    outer = [c for c in containers if not any(o is not c and _inside(c, o) for o in containers)]
    blocks = filter_blocks(collect_blocks(outer, exclude=exclude), title=getattr(meta, "title", None),
                           drop=getattr(meta, "authors", None) or ())
    return blocks or None


def _inside(el: Any, ancestor: Any) -> bool:
    node = el.getparent()
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def profile_images(root: Any, url: str, sel: FieldSelectors) -> list[Image] | None:
    figures = css(root, sel.figures)
    if not figures:
        return None
    out: list[Image] = []
    for fig in figures:
        img = fig if fig.tag == "img" else fig.find(".//img")
        src = _src_of(img) if img is not None else None
        caption: str | None = None
        credit: str | None = None
        cap_els = css(fig, sel.caption) if sel.caption else []
        if cap_els:
            caption, credit = _caption_and_credit(cap_els[0], fig)
        cred_els = css(fig, sel.credit) if sel.credit else []
        if cred_els:
            raw = clean(cred_els[0].text_content())
            if caption and raw and caption.endswith(raw):
                caption = caption[: -len(raw)].strip()
            credit = clean_credit(raw) if raw else credit
        elif caption and not credit:
            caption, credit = split_credit(caption)
        if not src and not caption:
            continue
        out.append(Image(urljoin(url, src) if src else "", caption or None, credit or None))
    return out or None
