"""Article images with their caption and credit kept apart.

Captions come from `<figure>/<figcaption>` and caption-like class tokens; credits from
credit-like elements ("credit", "copyright", "source", "photographer"), bracketed trailers
("[Ayman Henna/AFP]"), "Photo:"/"Foto:"/"Credit:"/"©"/"Bild:" parts. Alt text is used only when
no visible caption exists. Images inside page furniture (related teasers, navigation, footers)
are not the article's.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urljoin

from .article import Image
from .text import class_id, clean

_CAPTION_CLASS = re.compile(
    r"caption|legend|bildunterschrift|image-?text|img-?text|photo-?text|figure-?text|"
    r"media-?text|image-?desc|img-?desc|photo-?desc|unterschrift|leyenda|didascalia|"
    r"fig-?desc|image__text|image__description|media__description|subtitle"
)
_CREDIT_CLASS = re.compile(
    r"credit|copyright|source|photographer|fotograf|quelle|byline|author|rights|attribution|"
    r"courtesy|provider|agency|licen[cs]e"
)
_FURNITURE_TAGS = frozenset({"nav", "footer", "aside", "form", "button", "noscript"})
_FURNITURE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:related|teaser|teasers|recommend|recommended|recommendations|promo|"
    r"newsletter|sidebar|footer|nav|navigation|menu|outbrain|taboola|trending|popular|most-read|"
    r"mostread|more-stories|card|cards|list|grid|carousel-nav|advert|advertisement|ad|ads|"
    r"sponsor|sponsored|comment|comments|author-box|authorbox|logo|avatar|icon|social|share)"
    r"(?:$|[\s_-])"
)
# "[Ayman Henna/AFP]" or "(Photo: X)" at the end of a caption
_BRACKET_CREDIT = re.compile(r"\s*[\[(]\s*((?:(?:photo|foto|bild|image|credit|source|quelle|"
                             r"©|copyright)\s*:?\s*)?[^\[\]()]{2,80})[\])]\s*$", re.IGNORECASE)
_PREFIX_CREDIT = re.compile(
    r"(?:^|\s|[|·•–—-]\s*)((?:photo|photos|foto|fotos|bild|image|credit|credits|source|quelle|"
    r"copyright|crédit|crédits|fotografía|imagen|picture|pic|illustration|grafik)\s*(?:credit)?\s*:"
    r"\s*.{2,120}|©\s*.{2,120}|\(c\)\s*.{2,120})$",
    re.IGNORECASE,
)
_AGENCY = re.compile(r"\b(?:AFP|AP|Reuters|dpa|Getty|EPA|Imago|IMAGO|Keystone|APA|ANP|Shutterstock|"
                     r"iStock|picture alliance|picture-alliance|Xinhua|Bloomberg)\b")


def _src_of(img: Any) -> str | None:
    for attr in ("src", "data-src", "data-lazy-src", "data-original", "data-srcset", "srcset",
                 "data-lazy", "data-url"):
        v = img.get(attr)
        if v:
            v = v.strip()
            if attr.endswith("srcset"):
                v = v.split(",")[0].strip().split(" ")[0]
            if v and not v.startswith("data:"):
                return v
    return None


def _in_furniture(el: Any, stop: Any) -> bool:
    node = el.getparent()
    while node is not None and node is not stop:
        tag = node.tag
        if tag in _FURNITURE_TAGS:
            return True
        ci = class_id(node)
        if ci and _FURNITURE_CLASS.search(ci):
            return True
        node = node.getparent()
    return False


def split_credit(text: str) -> tuple[str, str | None]:
    """Split a caption text into (caption, credit) when the credit is written into it."""
    text = clean(text)
    m = _BRACKET_CREDIT.search(text)
    if m and m.start() > 0:
        inner = m.group(1)
        if "/" in inner or _AGENCY.search(inner) or re.match(r"(?i)(photo|foto|bild|image|credit|source|quelle|©|copyright)", inner):
            return text[: m.start()].strip(), clean(inner)
    m = _PREFIX_CREDIT.search(text)
    if m:
        cap = text[: m.start()].strip(" |·•–—-")
        return cap, clean(m.group(1))
    m = re.match(r"(?i)^((?:photo|foto|bild|credit|copyright)\s*:\s*[^|]{2,80}?)\s*[|]\s*(.+)$", text)
    if m:
        return clean(m.group(2)), clean(m.group(1))
    return text, None


def _text_without(el: Any, exclude: list[Any]) -> str:
    """Text of `el` without the subtrees in `exclude` (credit spans inside a caption)."""
    if not exclude:
        return clean("".join(el.itertext()))
    parts: list[str] = []

    def walk(node: Any) -> None:
        if node in exclude:
            return
        if not isinstance(node.tag, str) or node.tag in ("script", "style", "button", "svg"):
            return
        if node.text:
            parts.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(el)
    return clean(" ".join(parts))


def _caption_and_credit(cap_el: Any, figure: Any | None) -> tuple[str, str | None]:
    credits = []
    scope = figure if figure is not None else cap_el
    for el in scope.iter():
        if el is cap_el or el is scope or not isinstance(el.tag, str):
            continue
        ci = class_id(el)
        if ci and _CREDIT_CLASS.search(ci) and not _CAPTION_CLASS.search(ci.replace("caption-credit", "")):
            credits.append(el)
    credit_text = None
    inside = [c for c in credits if _is_descendant(c, cap_el)]
    if credits:
        credit_text = clean(" ".join(clean("".join(c.itertext())) for c in credits[:1])) or None
    caption = _text_without(cap_el, inside)
    caption, written = split_credit(caption)
    credit = credit_text or written
    if credit:
        credit = re.sub(r"(?i)^(photo|foto|bild|image|credit|copyright|quelle|source)s?\s*:\s*", "", credit).strip() or credit
    return caption, credit


def _is_descendant(el: Any, ancestor: Any) -> bool:
    node = el
    while node is not None:
        if node is ancestor:
            return True
        node = node.getparent()
    return False


def extract_images(root: Any, base_url: str, *, scope: Any | None = None) -> list[Image]:
    """Images of the article with their captions, in document order."""
    body = root.find("body")
    if body is None:
        body = root
    images: list[Image] = []
    seen_caps: set[str] = set()
    seen_src: set[str] = set()
    handled: set[Any] = set()
    for fig in body.iter("figure"):
        if _in_furniture(fig, body):
            continue
        cap_el = fig.find(".//figcaption")
        if cap_el is None:
            for el in fig.iter():
                if el is fig or not isinstance(el.tag, str):
                    continue
                ci = class_id(el)
                if ci and _CAPTION_CLASS.search(ci):
                    cap_el = el
                    break
        img = fig.find(".//img")
        src = _src_of(img) if img is not None else None
        if cap_el is not None:
            handled.add(cap_el)
            caption, credit = _caption_and_credit(cap_el, fig)
        else:
            caption, credit = "", None
        _add(images, seen_caps, seen_src, base_url, src, caption, credit, img)
    # captions outside <figure>: a caption-classed element next to an image
    for el in body.xpath(".//*[contains(@class,'caption') or contains(@class,'Caption')]"):
        if el in handled or el.tag == "figcaption" or _in_furniture(el, body):
            continue
        if any(_is_descendant(el, h) or _is_descendant(h, el) for h in handled):
            continue
        handled.add(el)
        parent = el.getparent()
        img = None
        for holder in (parent, parent.getparent() if parent is not None else None):
            if holder is not None:
                img = holder.find(".//img")
                if img is not None:
                    break
        if img is None:
            continue
        caption, credit = _caption_and_credit(el, None)
        _add(images, seen_caps, seen_src, base_url, _src_of(img), caption, credit, img)
    return images


def _add(images: list[Image], seen_caps: set[str], seen_src: set[str], base_url: str,
         src: str | None, caption: str, credit: str | None, img: Any) -> None:
    if not src and not caption:
        return
    abs_src = urljoin(base_url, src) if src else ""
    if abs_src and abs_src in seen_src:
        return
    key = caption.casefold()
    if caption and key in seen_caps:
        return
    if caption:
        seen_caps.add(key)
    if abs_src:
        seen_src.add(abs_src)
    images.append(Image(abs_src, caption or None, credit or None))
