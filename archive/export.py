"""Exports of the archive's articles, independent of the crawler: JSON lines, CSV, Parquet.

One row per article (its current version) or, with `versions=True`, one row per version. The
schema is stable and documented in docs/EXPORT.md:

- JSONL: ARTICLE_FIELDS, then "article_id" (VERSION_FIELDS for version rows, which open with
  it), then "story_id" (STORY_FIELDS: the row's story, docs/STORIES.md), then "capture" (an
  object of CAPTURE_FIELDS). Fields are only ever added.
- CSV and Parquet are flat: the same columns, with "capture_<name>" for the capture's.
  CSV encodes the list fields (authors, images, tags) as JSON strings and null as an empty
  cell; Parquet keeps them typed (list<string>, list<struct<src, caption, credit, capture>>).
- Each image is {src, caption, credit, capture}: "capture" (IMAGE_CAPTURE_FIELDS) is the WARC
  record holding the picture's bytes, or null when it was not archived. The rows' images must
  come through archive.images.with_image_captures (the command does so); an image without
  the key is written with "capture": null.
  Dates stay ISO 8601 strings everywhere: pages state their own UTC offsets (or none), which a
  timestamp column would lose.
"""
from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, TextIO

from archive.images import IMAGE_CAPTURE_FIELDS

# The export schema: the article fields of `crawler.extract.EXPORT_FIELDS` plus `capture`.
# Kept as a literal here because archive/ must not import the crawler; a test checks they agree.
ARTICLE_FIELDS: tuple[str, ...] = (
    "url", "canonical_url", "site", "language", "section", "title", "dek", "authors",
    "published", "modified", "body", "images", "tags",
)
CAPTURE_FIELDS: tuple[str, ...] = ("warc_file", "offset", "length", "record_id", "fetched_at",
                                   "payload_digest")
# Every row carries its article's id (what `show`, `diff` and the reading room take); version
# rows have it as their first version field.
ID_FIELDS: tuple[str, ...] = ("article_id",)
# Added to each row by `export --versions`.
VERSION_FIELDS: tuple[str, ...] = ("article_id", "version_no", "content_hash",
                                   "extractor_version", "created_at")
# Every row carries its version's story: rows with the same story_id are the same text on
# several sites or URLs (near-duplicates; docs/STORIES.md).
STORY_FIELDS: tuple[str, ...] = ("story_id",)
LIST_FIELDS: frozenset[str] = frozenset({"authors", "images", "tags"})
# The keys of each object of `images`: "capture" is an object of IMAGE_CAPTURE_FIELDS or null.
IMAGE_FIELDS: tuple[str, ...] = ("src", "caption", "credit", "capture")
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")


def export_row(article: dict[str, Any], *, versions: bool = False) -> dict[str, Any]:
    """One export object: ARTICLE_FIELDS, then ID_FIELDS (or VERSION_FIELDS, which open with
    the same id), then STORY_FIELDS, then "capture", in that order."""
    row = {name: article.get(name) for name in ARTICLE_FIELDS}
    row["images"] = [_image(image) for image in row["images"] or []]
    if versions:
        row.update({name: article.get(name) for name in VERSION_FIELDS})
    else:
        # current-version rows come from Store.iter_articles() (id) or iter_versions() (article_id)
        row["article_id"] = article.get("article_id", article.get("id"))
    row.update({name: article.get(name) for name in STORY_FIELDS})
    capture = article.get("capture") or {}
    row["capture"] = {name: capture.get(name) for name in CAPTURE_FIELDS}
    return row


def _image(image: dict[str, Any]) -> dict[str, Any]:
    capture = image.get("capture")
    return {"src": image.get("src"), "caption": image.get("caption"),
            "credit": image.get("credit"),
            "capture": None if capture is None else {name: capture.get(name)
                                                     for name in IMAGE_CAPTURE_FIELDS}}


def flat_columns(*, versions: bool = False) -> list[str]:
    """Column names of the CSV and Parquet exports, in order."""
    return [*ARTICLE_FIELDS, *(VERSION_FIELDS if versions else ID_FIELDS), *STORY_FIELDS,
            *(f"capture_{name}" for name in CAPTURE_FIELDS)]


def flat_row(article: dict[str, Any], *, versions: bool = False) -> dict[str, Any]:
    row = export_row(article, versions=versions)
    capture = row.pop("capture")
    for name in LIST_FIELDS:
        row[name] = list(row[name] or [])
    row.update({f"capture_{name}": capture[name] for name in CAPTURE_FIELDS})
    return row


def write_jsonl(articles: Iterable[dict[str, Any]], out: TextIO, *,
                versions: bool = False) -> int:
    """Write one JSON object per line; return how many were written."""
    written = 0
    for article in articles:
        out.write(json.dumps(export_row(article, versions=versions), ensure_ascii=False) + "\n")
        written += 1
    return written


def write_csv(articles: Iterable[dict[str, Any]], out: TextIO, *, versions: bool = False) -> int:
    """RFC 4180 CSV with a header row; list fields as JSON strings, null as an empty cell.
    `out` should be opened with newline="" (the csv module writes CRLF line ends itself)."""
    writer = csv.DictWriter(out, fieldnames=flat_columns(versions=versions))
    writer.writeheader()
    written = 0
    for article in articles:
        row = flat_row(article, versions=versions)
        for name in LIST_FIELDS:
            row[name] = json.dumps(row[name], ensure_ascii=False)
        writer.writerow(row)
        written += 1
    return written


def parquet_schema(*, versions: bool = False) -> Any:
    """The pyarrow schema of the Parquet export (docs/EXPORT.md lists it)."""
    import pyarrow as pa

    text = pa.string()
    types: dict[str, Any] = {name: text for name in flat_columns(versions=versions)}
    types.update({
        "authors": pa.list_(text), "tags": pa.list_(text),
        "images": pa.list_(pa.struct([
            ("src", text), ("caption", text), ("credit", text),
            ("capture", pa.struct([(name, pa.int64() if name in ("offset", "length") else text)
                                   for name in IMAGE_CAPTURE_FIELDS]))])),
        "capture_offset": pa.int64(), "capture_length": pa.int64(),
    })
    types["article_id"] = pa.int64()
    types["story_id"] = pa.int64()
    if versions:
        types["version_no"] = pa.int64()
    return pa.schema([(name, types[name]) for name in flat_columns(versions=versions)])


def _batches(rows: Iterator[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(articles: Iterable[dict[str, Any]], path: str | Path, *,
                  versions: bool = False, row_group_size: int = 2000) -> int:
    """Write a Parquet file (zstd-compressed) in row groups, so memory stays bounded."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = parquet_schema(versions=versions)
    written = 0
    with pq.ParquetWriter(str(path), schema, compression="zstd") as writer:
        rows = (flat_row(article, versions=versions) for article in articles)
        for batch in _batches(rows, row_group_size):
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=schema))
            written += len(batch)
        if written == 0:
            writer.write_table(schema.empty_table())
    return written
