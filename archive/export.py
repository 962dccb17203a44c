"""Exports of the archive's articles (current versions), independent of the crawler."""
from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any, TextIO

# The export schema: the article fields of `crawler.extract.EXPORT_FIELDS` plus `capture`.
# Kept as a literal here because archive/ must not import the crawler; a test checks they agree.
ARTICLE_FIELDS: tuple[str, ...] = (
    "url", "canonical_url", "site", "language", "section", "title", "dek", "authors",
    "published", "modified", "body", "images", "tags",
)
CAPTURE_FIELDS: tuple[str, ...] = ("warc_file", "offset", "length", "record_id", "fetched_at",
                                   "payload_digest")


def export_row(article: dict[str, Any]) -> dict[str, Any]:
    """One export object: exactly ARTICLE_FIELDS + "capture", in that order."""
    row = {name: article.get(name) for name in ARTICLE_FIELDS}
    capture = article.get("capture") or {}
    row["capture"] = {name: capture.get(name) for name in CAPTURE_FIELDS}
    return row


def write_jsonl(articles: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write one JSON object per line; return how many were written."""
    written = 0
    for article in articles:
        out.write(json.dumps(export_row(article), ensure_ascii=False) + "\n")
        written += 1
    return written
