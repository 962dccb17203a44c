"""Page requisites: what an archived page needs to look as published (pictures, stylesheets and
what they import, web fonts, favicons, scripts), found in its HTML and in its stylesheets.

Settings: NEWS_REQUISITES_ENABLED (and a profile's `requisites`), NEWS_REQUISITES_LISTINGS.
The size limits (NEWS_REQUISITES_MAX_SIZE, NEWS_REQUISITES_MAX_PAGE_SIZE) are enforced by
crawler/middlewares/requisites.py.

What a page references (`RequisiteScan`, fed by the spider's one libxml2 pass over the page's
start tags, no tree): `<img src>`, its lazy-loading address (`data-src` and the usual
variants), the largest candidate of its `srcset` or of its `<picture>`'s `<source srcset>`
(the picture as published; the smaller candidates are the same picture again), and the address
extraction names for the picture when that is another one (`crawler.extract.images`'
`attribute_src` and `source_src`: the article's images[] then point at a capture,
archive/images.py), `<link rel=stylesheet|icon|apple-touch-icon|preload>`, `<script src>`,
and `url()`/`@import` in `<style>` elements and `style` attributes. What a stylesheet
references (`css_references`): `@import`, and `url()` (fonts by their extension, other
`url()`s are pictures). `data:` URLs are inline already.

`Requisites` keeps the run's set of requisite URLs: a stylesheet or logo that every page names
is requested once per run and later pages' references cost nothing. A later run fetches it
again (once), and the WARC middleware writes a revisit record when the payload is the one
archived (identical-payload-digest), or a server-not-modified one after a conditional request.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from crawler.extract.images import attribute_src, data_attribute_src, largest_candidate, source_src

# request.meta keys of a requisite request: the page that named it first, and its kind
REQUISITE_META = "news_requisite"
KIND_META = "news_requisite_kind"
# Fetched soon after their page (a replay takes the capture nearest in time), before the
# pages still waiting (articles are 1, other pages 0).
REQUISITE_PRIORITY = 2

KINDS = ("image", "stylesheet", "font", "script", "icon")
_LAZY_ATTRIBUTES = ("data-src", "data-lazy-src", "data-original", "data-lazy", "data-url")
_ICON_RELS = {"icon", "shortcut", "apple-touch-icon", "apple-touch-icon-precomposed", "mask-icon"}
_PRELOAD_KINDS = {"style": "stylesheet", "font": "font", "image": "image", "script": "script"}
_FONT_EXTENSIONS = re.compile(r"\.(woff2?|ttf|otf|eot)$", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.IGNORECASE)
_CSS_URL = re.compile(r"""url\(\s*(["']?)([^"')]+?)\1\s*\)""", re.IGNORECASE)


@dataclass
class RequisiteScan:
    """The requisites of one page as (href, kind), in document order, relative hrefs as
    written. Fed with start tags by a parser target (the spider's link scan)."""

    found: list[tuple[str, str]] = field(default_factory=list)
    _picture: list[tuple[str, float]] | None = None
    # the last usable <source> of that <picture> so far: libxml2 nests an <img> inside the
    # unclosed <source>s before it, and extraction takes its nearest (images._src_of)
    _picture_source: str | None = None
    _in_style = False
    _style_text: list[str] = field(default_factory=list)

    def start(self, tag: str, attrib: Any) -> None:
        if tag == "img":
            self._image(attrib)
        elif tag == "source":
            if self._picture is not None:
                srcset = attrib.get("srcset") or attrib.get("data-srcset")
                if srcset:
                    self._picture.append(largest_candidate(srcset))
                self._picture_source = source_src(srcset) or self._picture_source
        elif tag == "picture":
            self._picture, self._picture_source = [], None
        elif tag == "link":
            self._link(attrib)
        elif tag == "script":
            src = attrib.get("src")
            if src:
                self.found.append((src, "script"))
        elif tag == "style":
            self._in_style = True
        style = attrib.get("style")
        if style and "url(" in style:
            self.found.extend((href, "image") for href in _css_urls(style))

    def end(self, tag: str) -> None:
        if tag == "picture" and self._picture is not None:
            candidates = [c for c in self._picture if c[0]]
            if candidates:
                self.found.append((max(candidates, key=lambda c: c[1])[0], "image"))
            self._picture, self._picture_source = None, None
        elif tag == "style" and self._in_style:
            self._in_style = False
            self.found.extend(css_references("".join(self._style_text)))
            self._style_text.clear()

    def data(self, text: str) -> None:
        if self._in_style:
            self._style_text.append(text)

    def _image(self, attrib: Any) -> None:
        named: list[str] = []
        src = attrib.get("src")
        if src:
            named.append(src)
        for name in _LAZY_ATTRIBUTES:
            lazy = attrib.get(name)
            if lazy:
                named.append(lazy)
                break
        srcset = attrib.get("srcset") or attrib.get("data-srcset")
        if srcset:
            best = largest_candidate(srcset)
            if self._picture is not None:
                self._picture.append(best)       # compared with the <source>s at </picture>
            elif best[0]:
                named.append(best[0])
        # The address extraction gives the picture (an article's images[].src points at its
        # capture: archive/images.py), when none of the above is it: a lazy-loading
        # data-srcset behind a stand-in srcset, an <img srcset> narrower than its <picture>'s
        # widest <source>, a <picture> whose <img> is only a stand-in.
        extracted = attribute_src(attrib.get)[0]
        if extracted is None and self._picture is not None:
            extracted = self._picture_source
        if extracted is None:  # a lazy-loading library's own attribute (data-splide-lazy ...)
            extracted = data_attribute_src(attrib.items())
        if extracted and extracted not in named:
            named.append(extracted)
        self.found.extend((href, "image") for href in named)

    def _link(self, attrib: Any) -> None:
        href = attrib.get("href")
        if not href:
            return
        rels = set((attrib.get("rel") or "").lower().split())
        if "stylesheet" in rels:
            self.found.append((href, "stylesheet"))
        elif rels & _ICON_RELS:
            self.found.append((href, "icon"))
        elif "preload" in rels:
            kind = _PRELOAD_KINDS.get((attrib.get("as") or "").lower())
            if kind is not None:
                self.found.append((href, kind))


def _css_urls(text: str) -> list[str]:
    return [m.group(2).strip() for m in _CSS_URL.finditer(text)]


def css_references(text: str) -> list[tuple[str, str]]:
    """(href, kind) of what a stylesheet names: `@import`ed stylesheets, fonts, pictures."""
    text = _CSS_COMMENT.sub("", text)
    found: list[tuple[str, str]] = []
    imported = set()
    for match in _CSS_IMPORT.finditer(text):
        imported.add(match.group(1))
        found.append((match.group(1), "stylesheet"))
    for href in _css_urls(text):
        if href in imported:
            continue
        path = urlsplit(href).path
        found.append((href, "font" if _FONT_EXTENSIONS.search(path) else "image"))
    return found


class Requisites:
    """The run's requisites: which to request (absolute http(s) URLs, each once per run)."""

    def __init__(self, *, listings: bool = False) -> None:
        self.listings = listings
        # hashes of the URLs requested this run (ints, not URLs: a site of 100,000 articles
        # names some 300,000 pictures)
        self._seen: set[int] = set()

    def new(self, base_url: str, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
        """The (absolute URL, kind) of `found` (hrefs relative to `base_url`) not requested
        yet in this run; they count as requested from now on."""
        out = []
        for href, kind in found:
            href = href.strip()
            if not href or href.startswith(("data:", "#", "javascript:", "about:", "blob:")):
                continue
            url = urljoin(base_url, href).split("#", 1)[0]
            key = hash(url)
            if key in self._seen or urlsplit(url).scheme not in ("http", "https"):
                continue
            self._seen.add(key)
            out.append((url, kind))
        return out
