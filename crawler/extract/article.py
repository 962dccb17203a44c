"""The typed result of extraction: one article's fields, independent of Scrapy and storage."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from .text import split_count

BlockKind = Literal["p", "h", "quote", "li"]

# Field names of Article.to_dict(), in export order. Part of the public contract:
# `newsarchive export` and outside checks rely on exactly these keys.
EXPORT_FIELDS: tuple[str, ...] = (
    "url", "canonical_url", "site", "language", "section", "title", "dek", "authors",
    "published", "modified", "body", "images", "tags",
)


@dataclass(frozen=True, slots=True)
class Image:
    """A figure of the article: caption and credit are kept apart ("[Ayman Henna/AFP]" -> credit)."""

    src: str
    caption: str | None = None
    credit: str | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {"src": self.src, "caption": self.caption, "credit": self.credit}


@dataclass(frozen=True, slots=True)
class Block:
    """One body block in reading order: a paragraph, a sub-heading, a quote or a list item."""

    kind: BlockKind
    text: str


@dataclass(slots=True)
class Article:
    """Everything extracted from one article page.

    `published`/`modified` keep the time zone the page states (naive when the page gives none);
    `body` keeps structure; `body_text` is the plain-text form used by export and search.
    """

    url: str
    canonical_url: str
    site: str
    language: str | None = None
    section: str | None = None
    title: str | None = None
    dek: str | None = None
    authors: list[str] = field(default_factory=list)
    published: datetime | None = None
    modified: datetime | None = None
    body: list[Block] = field(default_factory=list)
    images: list[Image] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @property
    def body_text(self) -> str:
        """Plain text: one block per paragraph or sub-heading, separated by one blank line."""
        return "\n\n".join(block.text for block in self.body)

    @property
    def word_count(self) -> int:
        return sum(map(split_count, [block.text for block in self.body]))

    def to_dict(self) -> dict[str, Any]:
        """The export's fields (EXPORT_FIELDS), JSON-ready: dates as ISO 8601, body as plain text."""
        return {
            "url": self.url,
            "canonical_url": self.canonical_url,
            "site": self.site,
            "language": self.language,
            "section": self.section,
            "title": self.title,
            "dek": self.dek,
            "authors": list(self.authors),
            "published": self.published.isoformat() if self.published else None,
            "modified": self.modified.isoformat() if self.modified else None,
            "body": self.body_text,
            "images": [image.to_dict() for image in self.images],
            "tags": list(self.tags),
        }

    def to_record(self) -> dict[str, Any]:
        """to_dict() plus what storage keeps beside it: body structure and word count."""
        record = self.to_dict()
        record["body_blocks"] = [{"kind": block.kind, "text": block.text} for block in self.body]
        record["word_count"] = self.word_count
        return record
