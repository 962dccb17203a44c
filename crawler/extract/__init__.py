"""Pure article extraction: page bytes + URL (+ optional site profile) -> Article.

`extract()` decodes and parses once, reads metadata (metadata.py), finds the body (body.py)
and the captioned images (images.py). No Scrapy, no network, no clock: the same function
serves live crawls, re-extraction from WARC and the benchmarks. Only the typed errors of
exceptions.py leave it.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urljoin

from .article import Article, Block, Image
from .exceptions import EmptyDocumentError, ExtractionError, NotHTMLError, ParseError
from .profile import FieldSelectors
from .urls import normalize_url, site_of

__all__ = [
    "extract", "Article", "Block", "Image", "ExtractionError", "NotHTMLError",
    "EmptyDocumentError", "ParseError", "FieldSelectors", "EXTRACTOR_VERSION",
]

# Bump when extraction output changes for the same input (stored with every version record,
# so re-extraction can tell which records an upgrade would change).
EXTRACTOR_VERSION = "0.2.0"


def extract(html: bytes | str, url: str, *, profile: Any = None) -> Article:
    """Extract one article page. Raises only ExtractionError subclasses."""
    try:
        return _extract(html, url, profile)
    except ExtractionError:
        raise
    except RecursionError as exc:
        raise ParseError(f"document nested too deeply to extract: {exc}") from exc
    except MemoryError as exc:
        raise ParseError("document too large to extract") from exc
    except Exception as exc:  # noqa: BLE001 - the contract: typed errors only, with the cause
        raise ParseError(f"extraction failed: {type(exc).__name__}: {exc}") from exc


def _extract(html: bytes | str, url: str, profile: Any) -> Article:
    from .body import extract_body
    from .html import load
    from .images import extract_images
    from .select import profile_body, profile_images, selectors_of

    url = url or ""
    selectors = selectors_of(profile)
    root = load(html)
    meta = _read_metadata(root, url, selectors)
    # metadata has seen the untouched tree (JSON-LD lives in <script>); from here on, drop
    # what never renders so that body and image passes walk less.
    _strip_invisible(root)
    blocks = profile_body(root, selectors, meta) if selectors else None
    if blocks is None:
        blocks = extract_body(root, title=meta.title, drop=meta.authors)
    blocks = _with_dek(blocks, meta.dek)
    images = profile_images(root, url, selectors) if selectors else None
    if images is None:
        images = extract_images(root, url)
    canonical = meta.canonical_url or url
    try:
        canonical = normalize_url(urljoin(url, canonical)) if canonical else ""
    except ValueError:
        canonical = normalize_url(url) if url else ""
    return Article(
        url=url,
        canonical_url=canonical,
        site=site_of(url),
        language=meta.language,
        section=meta.section,
        title=meta.title,
        dek=meta.dek,
        authors=list(meta.authors or []),
        published=meta.published,
        modified=meta.modified,
        body=blocks,
        images=images,
        tags=list(meta.tags or []),
    )


def _with_dek(blocks: list[Block], dek: str | None) -> list[Block]:
    """The body starts with the standfirst (as printed above the text) unless it already does."""
    if not dek:
        return blocks
    from .text import clean

    d = clean(dek)
    if len(d) < 20:
        return blocks
    key = d.casefold()[:60]
    for block in blocks[:4]:
        if key in block.text.casefold():
            return blocks
    return [Block("p", d), *blocks]


def _strip_invisible(root: Any) -> None:
    from lxml import etree

    etree.strip_elements(root, "script", "style", "noscript", "template", "svg",
                         with_tail=False)


def _read_metadata(root: Any, url: str, selectors: FieldSelectors | None) -> Any:
    from .metadata import read_metadata

    return read_metadata(root, url, selectors)
