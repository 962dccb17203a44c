"""An article's pictures and their captures: each image of `images[]` points at the WARC
record that holds its bytes (the crawl fetched it as a page requisite, crawler/requisites.py),
resolved at read time by Store.image_captures, nearest the capture time of the version that
names it. `show`, `export` and the reading room read the pictures this way; the stored version
fields never change (a revisit or a later capture of the picture needs no rewrite).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

# What an image's reference carries: the fields of a row's own `capture` (docs/EXPORT.md).
IMAGE_CAPTURE_FIELDS: tuple[str, ...] = ("warc_file", "offset", "length", "record_id",
                                         "fetched_at", "payload_digest")


def image_url(src: str | None) -> str:
    """The URL a picture was requested under: the requisite scan drops the fragment
    (crawler.requisites.Requisites.new); `src` is absolute already (extraction joins it)."""
    return (src or "").strip().split("#", 1)[0]


def with_image_captures(store: Any, rows: Iterable[dict[str, Any]], *,
                        batch: int = 500) -> Iterator[dict[str, Any]]:
    """`rows` (versions or articles with `images` and `capture`), each a shallow copy whose
    images carry "capture": {IMAGE_CAPTURE_FIELDS} of the record holding the picture, or None
    when it was not archived. One Store.image_captures call per `batch` rows."""
    pending: list[dict[str, Any]] = []
    for row in rows:
        pending.append(row)
        if len(pending) >= batch:
            yield from _resolve(store, pending)
            pending = []
    if pending:
        yield from _resolve(store, pending)


def _resolve(store: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    wanted: list[tuple[str, str]] = []
    for row in rows:
        at = (row.get("capture") or {}).get("fetched_at")
        for image in row.get("images") or []:
            url = image_url(image.get("src"))
            if url and at:
                wanted.append((url, at))
    found = iter(store.image_captures(wanted) if wanted else [])
    out = []
    for row in rows:
        at = (row.get("capture") or {}).get("fetched_at")
        images = []
        for image in row.get("images") or []:
            capture = next(found) if image_url(image.get("src")) and at else None
            images.append({**image, "capture": None if capture is None else
                           {name: capture.get(name) for name in IMAGE_CAPTURE_FIELDS}})
        out.append({**row, "images": images})
    return out
