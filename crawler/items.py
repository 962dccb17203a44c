"""Items passed from the spider to the pipelines."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class PageItem:
    """A fetched page that may be an article: its bytes and where they are archived.

    Pipelines add `outcome` (what dedup decided) or `rejected` (why it is not an article).
    """

    url: str                          # the URL fetched last (after redirects)
    status: int
    body: bytes                       # decoded from Content-Encoding, as Scrapy delivers it
    # Scrapy saw text (HTML/XML): the extraction worker decodes `body` as a browser would
    # (HTTP charset, BOM, meta), off the crawl's main thread.
    is_text: bool
    content_type: str | None
    capture_id: int | None            # captures row of this fetch (None when not stored)
    warc: dict[str, Any] | None       # WarcRef.to_dict() of the response record
    fetched_at: str
    section: str | None = None        # section the page was discovered from
    found_via: str = "link"           # link | listing | feed | sitemap | start
    redirect_urls: list[str] = field(default_factory=list)
    # (page_kind, reason) once a pipeline decided this is not an article or failed on it;
    # StorePipeline records it on the capture and drops the item.
    rejected: tuple[str, str] | None = None
    outcome: str | None = None
    stored: bool = False              # the page worker already stored the outcome above


@dataclass(slots=True)
class PageSeen:
    """A non-article page the spider parsed (listing, feed, sitemap): classify its capture."""

    url: str
    capture_id: int | None
    page_kind: str
    reason: str | None = None
