"""Plain records exchanged between the crawler and the archive (no Scrapy, no crawler imports)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

# "republished": a new URL whose text is a near-duplicate of an article of the same site
# (archive/store/clusters.py): stored as an article of its own, in that article's story, and
# not counted as a new article.
Outcome = Literal["new", "republished", "unchanged", "updated", "duplicate"]


@dataclass(frozen=True, slots=True)
class WarcRef:
    """Where a capture's response (or revisit) record lives: enough to read it back with warcio."""

    warc_file: str      # file name relative to the archive's WARC folder (final name, not `.open`)
    offset: int         # byte offset of the (gzip member of the) record
    length: int         # byte length of the gzip member
    record_id: str      # WARC-Record-ID, "<urn:uuid:...>"

    def to_dict(self) -> dict[str, Any]:
        return {"warc_file": self.warc_file, "offset": self.offset, "length": self.length,
                "record_id": self.record_id}


@dataclass(slots=True)
class Capture:
    """One fetch: every request/response pair the crawler made, article or not."""

    run_id: int
    url: str
    fetched_at: str                 # ISO 8601 UTC, "2026-11-26T00:42:33Z"
    status: int
    warc: WarcRef
    payload_digest: str             # "sha1:BASE32" as in WARC-Payload-Digest
    content_type: str | None = None
    record_type: str = "response"   # "response" or "revisit"
    # what the page turned out to be: "article", "listing", "feed", "sitemap", "robots",
    # "redirect", "error", "non-article", "pending" (not yet classified)
    page_kind: str = "pending"
    reason: str | None = None       # why it is not an article, or the extraction error
    etag: str | None = None         # response validators, for conditional re-fetches
    last_modified: str | None = None


@dataclass(slots=True)
class StoreResult:
    """What the dedup step decided for one extracted article."""

    outcome: Outcome
    article_id: int
    version_id: int
    duplicate_of: int | None = None  # article id whose version holds the same content
    story_id: int | None = None      # the story of the version (new, republished, updated)
    extra: dict[str, Any] = field(default_factory=dict)


def run_kind(run_site: str) -> str:
    """What made a run, from its site column: "reextract" (`reextract:SITE`), "import"
    (`import:SITE`) or "crawl" (a site name)."""
    prefix = run_site.split(":", 1)[0]
    return prefix if prefix in ("reextract", "import") else "crawl"
