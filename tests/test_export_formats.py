"""Exports round-trip: JSONL, CSV and Parquet read back (json, csv, pyarrow) give the same rows
and values as the store; filters and --versions select what they say."""
from __future__ import annotations

import csv
import json

import pyarrow.parquet as pq
import pytest

from archive.export import (ARTICLE_FIELDS, CAPTURE_FIELDS, IMAGE_FIELDS, STORY_FIELDS,
                            VERSION_FIELDS, flat_columns)
from archive.images import with_image_captures
from archive.store import open_store

from .conftest import run_cli

LISTS = ("authors", "images", "tags")


@pytest.fixture(scope="module")
def expected(crawled_demo):
    """The store's own view: current version of every article, and every version, each
    image with the record holding its bytes (archive/images.py; tests/test_article_images.py
    checks those records)."""
    with open_store(crawled_demo.archive, readonly=True) as store:
        articles = list(with_image_captures(store, store.iter_articles()))
        versions = list(with_image_captures(store, store.iter_versions()))
    return articles, versions


def _flat(article: dict, *, versions: bool = False) -> dict:
    row = {name: article.get(name) for name in ARTICLE_FIELDS}
    if versions:
        row.update({name: article.get(name) for name in VERSION_FIELDS})
    else:
        row["article_id"] = article["id"]
    row["story_id"] = article["story_id"]
    row.update({f"capture_{name}": article["capture"][name] for name in CAPTURE_FIELDS})
    return row


def _export(crawled_demo, tmp_path, fmt: str, *extra: str):
    out = tmp_path / f"export.{fmt}"
    result = run_cli("export", "--archive", str(crawled_demo.archive), "--format", fmt,
                     "-o", str(out), *extra)
    assert result.returncode == 0, result.stderr
    return out


def _read(fmt: str, path) -> list[dict]:
    if fmt == "jsonl":
        return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if fmt == "csv":
        with open(path, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:  # the documented CSV encoding: JSON lists, empty cell = null
            for name, value in row.items():
                if name in LISTS:
                    row[name] = json.loads(value)
                elif value == "":
                    row[name] = None
                elif name in ("capture_offset", "capture_length", "article_id", "version_no",
                              "story_id"):
                    row[name] = int(value)
        return rows
    return pq.read_table(path).to_pylist()


def test_jsonl_contract_is_unchanged_but_for_the_added_ids(crawled_demo, expected, tmp_path):
    rows = _read("jsonl", _export(crawled_demo, tmp_path, "jsonl"))
    assert rows == crawled_demo.rows  # the stdout export the conftest reads: the same rows
    for row in rows:
        assert list(row) == [*ARTICLE_FIELDS, "article_id", *STORY_FIELDS, "capture"]
        assert list(row["capture"]) == list(CAPTURE_FIELDS)
        assert all(list(image) == list(IMAGE_FIELDS) for image in row["images"])
    articles, _ = expected
    assert rows == [{**{n: a[n] for n in ARTICLE_FIELDS}, "article_id": a["id"],
                     "story_id": a["story_id"], "capture": a["capture"]} for a in articles]
    assert all(isinstance(row["story_id"], int) for row in rows)


def test_the_exported_article_id_is_what_show_takes(crawled_demo):
    row = crawled_demo.rows[7]
    shown = run_cli("show", str(row["article_id"]), "--archive", str(crawled_demo.archive), "--json")
    assert shown.returncode == 0, shown.stderr
    assert json.loads(shown.stdout)["article"]["canonical_url"] == row["canonical_url"]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_flat_formats_round_trip(crawled_demo, expected, tmp_path, fmt):
    rows = _read(fmt, _export(crawled_demo, tmp_path, fmt))
    articles, _ = expected
    assert rows == [_flat(a) for a in articles]
    assert list(rows[0]) == flat_columns()
    assert any(image["credit"] for row in rows for image in row["images"])
    assert any(row["language"] == "ar" for row in rows)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_versions_export_round_trips(crawled_demo, expected, tmp_path, fmt):
    rows = _read(fmt, _export(crawled_demo, tmp_path, fmt, "--versions"))
    _, versions = expected
    if fmt == "jsonl":
        assert rows == [{**{n: v[n] for n in (*ARTICLE_FIELDS, *VERSION_FIELDS, *STORY_FIELDS)},
                         "capture": v["capture"]} for v in versions]
    else:
        assert rows == [_flat(v, versions=True) for v in versions]
    assert all(len(row["content_hash"]) == 64 and row["extractor_version"] for row in rows)


def test_filters_and_query_select_the_same_articles_as_search(crawled_demo, tmp_path):
    archive = str(crawled_demo.archive)
    arabic = [r for r in crawled_demo.rows if r["language"] == "ar"]
    section = arabic[0]["section"]
    out = _export(crawled_demo, tmp_path, "jsonl", "--language", "ar", "--section", section)
    rows = _read("jsonl", out)
    assert rows == [r for r in crawled_demo.rows
                    if r["language"] == "ar" and r["section"] == section]

    word = max(arabic[0]["title"].split(), key=len)
    found = json.loads(run_cli("search", word, "--archive", archive, "--json",
                               "--limit", "100").stdout)
    out = _export(crawled_demo, tmp_path, "csv", "--query", word)
    assert sorted(r["canonical_url"] for r in _read("csv", out)) == sorted(
        h["canonical_url"] for h in found["hits"])

    none = _export(crawled_demo, tmp_path, "parquet", "--from", "2099-01-01")
    table = pq.read_table(none)
    assert table.num_rows == 0 and table.column_names == flat_columns()


def test_parquet_needs_an_output_file(crawled_demo):
    result = run_cli("export", "--archive", str(crawled_demo.archive), "--format", "parquet")
    assert result.returncode == 2 and "-o FILE" in result.stderr
