"""Backend-neutral record helpers: which fields are exported and hashed, and the content hash.

Every store backend (SQLite now, PostgreSQL later) must hash the same way, or an archive moved
between backends would see every article as "updated".
"""
from __future__ import annotations

import hashlib
import json
from typing import Any

# Mirrors crawler.extract.article.EXPORT_FIELDS (archive/ may not import crawler/); a test
# checks the two stay equal.
EXPORT_FIELDS: tuple[str, ...] = (
    "url", "canonical_url", "site", "language", "section", "title", "dek", "authors",
    "published", "modified", "body", "images", "tags",
)

# The content of a version: every export field except the URLs (the same text under another
# URL is the same content). body_blocks and word_count are derived from the page as body is,
# so they would only add noise (e.g. an extractor change that splits blocks differently).
HASH_FIELDS: tuple[str, ...] = tuple(
    name for name in EXPORT_FIELDS if name not in ("url", "canonical_url"))

# Fields stored as JSON text.
JSON_FIELDS: frozenset[str] = frozenset({"authors", "images", "tags", "body_blocks"})

_LIST_FIELDS = ("authors", "images", "tags")


def content_hash(fields: dict[str, Any]) -> str:
    """sha256 (hex) of a canonical JSON of HASH_FIELDS: sorted keys, no whitespace, UTF-8.

    A missing field and None hash the same (and None and [] for list fields), so an older extractor that lacks a field does not
    make every article look changed.
    """
    content = {name: fields.get(name) for name in HASH_FIELDS}
    for name in _LIST_FIELDS:
        if content[name] is None:
            content[name] = []
    blob = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"),
                      default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()
