"""`import-warc --reference` (issue 16 item 2): multi-GB files such as CC-NEWS's are indexed where
they lie, not copied. The archive gets a link to each file and reads every capture through it;
every record's digests are checked, and a record whose bytes do not match them is left out and
reported with its offset; a file that must be rewritten to be addressable is still copied; a
referenced file that has gone away is reported as unreadable, and nothing stored is lost."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import sqlite3
from pathlib import Path

from archive.replay import update_index
from archive.store import DB_FILENAME, SQLiteStore

from .conftest import run_cli
from .test_bidi import fetch
from .test_import_formats import (article_urls, assert_every_capture_addressable, captures,
                                  warc_bytes)


def referenced(archive: Path, *files: Path):
    return run_cli("import-warc", *map(str, files), "--archive", str(archive), "--jobs", "1",
                   "--reference")


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def regular_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]


def test_a_referenced_file_is_linked_where_it_lies_and_read_through_the_link(tmp_path):
    source = tmp_path / "cc-news" / "CC-NEWS-20240501.warc.gz"
    source.parent.mkdir()
    source.write_bytes(warc_bytes(range(1, 6), gzip_members=True))
    digest = sha256(source)
    archive = tmp_path / "archive"

    result = referenced(archive, source)

    assert result.returncode == 0, result.stderr
    link = archive / "warcs" / "imported" / source.name
    assert link.is_symlink() and link.resolve() == source.resolve()
    assert "referenced where it lies" in result.stdout
    # nothing of the file was copied: the archive's WARC folder holds the link only
    assert regular_files(archive / "warcs") == []
    assert {row[1] for row in captures(archive)} == {f"imported/{source.name}"}
    assert_every_capture_addressable(archive)
    assert len(article_urls(archive)) == 5
    assert sha256(source) == digest   # the file is only read
    # replay's index (pywb reads the WARCs it names) takes the linked file as it takes a copy
    (index,) = update_index(archive)
    lines = index.read_text().splitlines()
    assert len(lines) == 5 and all(f'"filename": "imported/{source.name}"' in line for line in lines)

    # a citation of the snapshot needs the file's own path: show names it for each capture
    shown = run_cli("show", "http://news.example/news/2", "--archive", str(archive), "--json")
    assert shown.returncode == 0, shown.stderr
    (capture,) = json.loads(shown.stdout)["captures"]
    assert capture["referenced_file"] == str(source.resolve())
    text = run_cli("show", "http://news.example/news/2", "--archive", str(archive)).stdout
    assert f"a link to {source.resolve()}" in text
    # and so does the reading room's provenance panel
    with SQLiteStore(archive / DB_FILENAME, readonly=True) as store:
        article_id = store.get_article("http://news.example/news/2")["id"]
    page = fetch(archive, f"/article/{article_id}")
    (warc_file,) = [dd.text_content() for dt, dd in
                    zip(page.xpath("//dl[@class='provenance']/dt"),
                        page.xpath("//dl[@class='provenance']/dd"))
                    if dt.text_content() == "WARC file"]
    assert f"imported/{source.name}" in warc_file
    assert f"a link to {source.resolve()}" in warc_file

    again = referenced(archive, source)
    assert again.returncode == 0, again.stderr
    assert "already imported" in again.stdout
    assert len(captures(archive)) == 5


def test_a_record_whose_bytes_do_not_match_its_digests_is_left_out_and_located(tmp_path):
    data = bytearray(warc_bytes(range(1, 6), gzip_members=False))
    damaged = data.index(b"Paragraph 2 of story 3")
    data[damaged] = ord("p")   # same length: the record still parses, its digests fail
    record_start = data.rindex(b"WARC/1.1\r\n", 0, damaged)
    source = tmp_path / "changed.warc"
    source.write_bytes(bytes(data))
    archive = tmp_path / "archive"

    result = referenced(archive, source)

    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1, result.stderr
    assert str(source) in errors[0] and f"offset {record_start}" in errors[0]
    assert "digest" in errors[0] and "Traceback" not in result.stderr
    urls = [row[0] for row in captures(archive)]
    assert urls == [f"http://news.example/news/{n}" for n in (1, 2, 4, 5)]
    assert_every_capture_addressable(archive)


def test_a_digest_in_an_algorithm_it_cannot_compute_is_no_damage(tmp_path):
    data = warc_bytes(range(1, 4), gzip_members=False)
    assert data.count(b"WARC-Payload-Digest: sha1:") == 3
    # the same length: the records still parse; their payload digests can no longer be checked
    source = tmp_path / "odd-digest.warc"
    source.write_bytes(data.replace(b"WARC-Payload-Digest: sha1:", b"WARC-Payload-Digest: zzz9:"))
    archive = tmp_path / "archive"

    result = referenced(archive, source)

    assert result.returncode == 0, result.stderr
    assert len(captures(archive)) == 3 and len(article_urls(archive)) == 3


def test_a_file_that_must_be_rewritten_is_copied_and_says_so(tmp_path):
    source = tmp_path / "whole.warc.gz"
    source.write_bytes(gzip.compress(warc_bytes(range(1, 4), gzip_members=False)))
    archive = tmp_path / "archive"

    result = referenced(archive, source)

    assert result.returncode == 0, result.stderr
    copy = archive / "warcs" / "imported" / "whole.warc.gz"
    assert copy.is_file() and not copy.is_symlink()
    assert "single-stream gzip recompressed" in result.stdout
    assert "copied, not referenced" in result.stdout
    assert_every_capture_addressable(archive)
    assert len(article_urls(archive)) == 3
    # a copy is the archive's own file: neither show nor the reading room names a link
    shown = run_cli("show", "http://news.example/news/2", "--archive", str(archive), "--json")
    assert "referenced_file" not in json.loads(shown.stdout)["captures"][0]
    with SQLiteStore(archive / DB_FILENAME, readonly=True) as store:
        article_id = store.get_article("http://news.example/news/2")["id"]
    panel = fetch(archive, f"/article/{article_id}").xpath("//dl[@class='provenance']")[0]
    assert "imported/whole.warc.gz" in panel.text_content()
    assert "a link to" not in panel.text_content()


def test_a_referenced_file_gone_is_reported_unreadable_and_nothing_is_lost(tmp_path):
    source = tmp_path / "moved-away.warc.gz"
    source.write_bytes(warc_bytes(range(1, 4), gzip_members=True))
    archive = tmp_path / "archive"
    assert referenced(archive, source).returncode == 0
    os.remove(source)

    result = run_cli("reextract", "--archive", str(archive), "--jobs", "1")

    assert result.returncode == 1
    assert "warc_unreadable 3" in result.stdout
    # an unreadable record says nothing of the extractor: no article is called a regression
    assert "no longer an article" not in result.stdout
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        assert conn.execute("SELECT count(*) FROM articles").fetchone()[0] == 3
        assert conn.execute("SELECT count(*) FROM versions").fetchone()[0] == 3
        assert {row[0] for row in conn.execute("SELECT page_kind FROM captures")} == {"article"}
