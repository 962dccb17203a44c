"""`import-warc` on every kind of file other tools write (issue 16 item 1), made here with warcio,
gzip and by hand: plain and per-record gzip WARC 1.0/1.1, single-stream gzip, ARC and ARC.gz,
revisit and WARC-Truncated records, a corrupt record in the middle, a file cut short, a file
that is not an archive. Every capture must stay addressable (readable alone from its offset),
good records around a bad one are kept, and the exit code and one-line errors say which file
and which offset went wrong."""
from __future__ import annotations

import gzip
import io
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.records import WarcRef
from archive.warc import read_record

from .conftest import run_cli

WORDS = ("The council met on Tuesday to discuss the harbour plan, which residents have opposed "
         "for months because of the noise and the traffic it would bring to the old town. ")


def article_html(number: int) -> bytes:
    paragraphs = "".join(f"<p>{WORDS * 3} Paragraph {k} of story {number}.</p>" for k in range(6))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
            f"<title>Harbour plan, part {number}</title>"
            f"<meta property='og:type' content='article'>"
            f"<meta property='article:published_time' content='2024-05-0{1 + number % 9}T10:00:00Z'>"
            f"</head><body><article><h1>Harbour plan, part {number}</h1>"
            f"<p class='byline'>By Jane Doe</p>{paragraphs}</article></body></html>").encode()


def http_headers(body: bytes, **extra: str) -> StatusAndHeaders:
    headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))]
    headers += list(extra.items())
    return StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")


def warc_bytes(numbers: range, *, gzip_members: bool, version: str = "1.1") -> bytes:
    """Response records for /news/N pages, written by warcio."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip_members, warc_version=version)
    for number in numbers:
        body = article_html(number)
        writer.write_record(writer.create_warc_record(
            f"http://news.example/news/{number}", "response", payload=io.BytesIO(body),
            http_headers=http_headers(body)))
    return buffer.getvalue()


def records_of(path: Path) -> list[tuple[str, str]]:
    """(type, URL) of every record, read with warcio (which fails on a non-addressable file)."""
    with open(path, "rb") as handle:
        return [(r.rec_type, r.rec_headers.get_header("WARC-Target-URI") or "")
                for r in ArchiveIterator(handle)]


def captures(archive: Path) -> list[tuple[str, str, int, int, str]]:
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        return conn.execute("SELECT url, warc_file, warc_offset, warc_length, record_id FROM "
                            "captures ORDER BY url").fetchall()


def article_urls(archive: Path) -> list[str]:
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        return sorted(row[0] for row in conn.execute("SELECT canonical_url FROM articles"))


def assert_every_capture_addressable(archive: Path) -> None:
    rows = captures(archive)
    assert rows
    for url, warc_file, offset, length, record_id in rows:
        warc_headers, _http, _payload = read_record(archive / "warcs",
                                                    WarcRef(warc_file, offset, length, record_id))
        assert warc_headers["WARC-Target-URI"] == url
        assert warc_headers["WARC-Record-ID"] == record_id


def imported(archive: Path, *files: Path) -> subprocess.CompletedProcess[str]:
    return run_cli("import-warc", *map(str, files), "--archive", str(archive), "--jobs", "1")


def test_single_stream_gzip_warc_is_recompressed_and_every_record_addressable(tmp_path):
    source = tmp_path / "whole.warc.gz"
    source.write_bytes(gzip.compress(warc_bytes(range(1, 6), gzip_members=False)))
    with pytest.raises(Exception):   # what warcio itself says of such a file
        records_of(source)
    archive = tmp_path / "archive"
    result = imported(archive, source)
    assert result.returncode == 0, result.stderr
    assert "single-stream gzip recompressed" in result.stdout
    copy = archive / "warcs" / "imported" / "whole.warc.gz"
    assert [url for _kind, url in records_of(copy)] == [
        f"http://news.example/news/{n}" for n in range(1, 6)]
    assert_every_capture_addressable(archive)
    assert len(article_urls(archive)) == 5
    # each record's bytes are kept: the payload digests warcio wrote still verify
    check = run_cli_warcio_check(copy)
    assert check.returncode == 0, check.stdout + check.stderr
    # importing it again reuses the same copy and stores nothing twice
    again = imported(archive, source)
    assert again.returncode == 0, again.stderr
    assert sorted(p.name for p in (archive / "warcs" / "imported").iterdir()) == ["whole.warc.gz"]
    assert len(captures(archive)) == 5 and len(article_urls(archive)) == 5


def run_cli_warcio_check(path: Path) -> subprocess.CompletedProcess[str]:
    """`warcio check -v`: every record's digests verify."""
    return subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", str(path)],
                          capture_output=True, text=True, timeout=60)


def _corrupt_length(data: bytes, record_index: int) -> tuple[bytes, int]:
    """The WARC data with one record's Content-Length made wrong; and that record's offset."""
    starts = [i for i in range(len(data)) if data.startswith(b"WARC/1.", i)
              and (i == 0 or data[i - 1:i] == b"\n")]
    start = starts[record_index]
    header_end = data.index(b"\r\n\r\n", start)
    block = data[start:header_end].replace(b"Content-Length: ", b"Content-Length: 7", 1)
    return data[:start] + block + data[header_end:], start


def test_a_corrupt_record_in_the_middle_keeps_the_records_around_it(tmp_path):
    data, bad_offset = _corrupt_length(warc_bytes(range(1, 6), gzip_members=False), 2)
    source = tmp_path / "damaged.warc"
    source.write_bytes(data)
    archive = tmp_path / "archive"
    result = imported(archive, source)
    assert result.returncode == 1
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1, result.stderr
    assert "damaged.warc" in errors[0] and f"offset {bad_offset}" in errors[0]
    assert "Traceback" not in result.stderr
    assert article_urls(archive) == [f"http://news.example/news/{n}" for n in (1, 2, 4, 5)]
    assert_every_capture_addressable(archive)
    # the next run does not trip on anything this one left, and stores nothing twice
    again = imported(archive, source)
    assert again.returncode == 1 and len(captures(archive)) == 4
    assert not any((archive / ".import-tmp").iterdir())


def test_a_damaged_gzip_member_is_skipped_and_reading_resumes_at_the_next(tmp_path):
    data = warc_bytes(range(1, 6), gzip_members=True)
    members = [i for i in range(len(data)) if data.startswith(b"\x1f\x8b\x08", i)]
    assert len(members) == 5
    damaged = bytearray(data)
    damaged[members[2] + 30:members[2] + 60] = b"\xff" * 30
    source = tmp_path / "members.warc.gz"
    source.write_bytes(bytes(damaged))
    archive = tmp_path / "archive"
    result = imported(archive, source)
    assert result.returncode == 1
    assert f"offset {members[2]}" in result.stderr and "members.warc.gz" in result.stderr
    assert article_urls(archive) == [f"http://news.example/news/{n}" for n in (1, 2, 4, 5)]
    assert_every_capture_addressable(archive)


def test_a_damaged_gzip_member_is_reported_in_zlibs_words(tmp_path):
    """prepare() inflates members with zlib-ng, and a member that fails is read again with
    zlib: the report says what zlib says of it, whatever zlib-ng would have said."""
    import zlib

    from archive.warcinput import prepare

    data = warc_bytes(range(1, 4), gzip_members=True)
    members = [i for i in range(len(data)) if data.startswith(b"\x1f\x8b\x08", i)]
    damaged = bytearray(data)
    damaged[members[1] + 30:members[1] + 60] = b"\xff" * 30
    source = tmp_path / "members.warc.gz"
    source.write_bytes(bytes(damaged))
    with pytest.raises(zlib.error) as expected:
        zlib.decompressobj(31).decompress(bytes(damaged[members[1]:members[2]]))
    prepared = prepare(source, temp_dir=tmp_path)
    try:
        assert [(bad.offset, bad.problem) for bad in prepared.bad] == [
            (members[1], f"damaged gzip member ({expected.value})")]
        assert prepared.records == 2
    finally:
        prepared.cleanup()


def test_a_file_cut_short_keeps_its_complete_records(tmp_path):
    data = warc_bytes(range(1, 5), gzip_members=False)
    source = tmp_path / "cut.warc"
    source.write_bytes(data[: len(data) - 500])
    archive = tmp_path / "archive"
    result = imported(archive, source)
    assert result.returncode == 1 and "runs past the end of the file" in result.stderr
    assert article_urls(archive) == [f"http://news.example/news/{n}" for n in (1, 2, 3)]
    # the same cut inside a single gzip stream
    source = tmp_path / "cut.warc.gz"
    whole = gzip.compress(warc_bytes(range(1, 5), gzip_members=False))
    source.write_bytes(whole[: len(whole) - 200])
    archive = tmp_path / "archive-gz"
    result = imported(archive, source)
    assert result.returncode == 1 and "cut.warc.gz" in result.stderr
    assert len(article_urls(archive)) >= 2
    assert_every_capture_addressable(archive)


def test_a_non_archive_is_refused_and_the_other_files_still_import(tmp_path):
    notes = tmp_path / "notes.warc.gz"
    notes.write_bytes(gzip.compress(b"just some text, not an archive\n"))
    good = tmp_path / "good.warc.gz"
    good.write_bytes(warc_bytes(range(1, 3), gzip_members=True))
    archive = tmp_path / "archive"
    result = imported(archive, notes, good)
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        f"newsarchive: error: {notes}: not a WARC or ARC file (it starts with "
        f"'just some text, not an archive')"]
    assert len(article_urls(archive)) == 2
    only_good = imported(tmp_path / "other", good)
    assert only_good.returncode == 0 and only_good.stderr == ""


def test_warc_1_0_revisits_and_truncated_records(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True, warc_version="1.0")
    body = article_html(1)
    first = writer.create_warc_record("http://news.example/news/1", "response",
                                      payload=io.BytesIO(body), http_headers=http_headers(body))
    writer.write_record(first)
    digest = first.rec_headers.get_header("WARC-Payload-Digest")
    writer.write_record(writer.create_revisit_record(
        "http://news.example/news/1", digest, "http://news.example/news/1",
        first.rec_headers.get_header("WARC-Date"), http_headers=http_headers(body)))
    cut = article_html(2)[:1800]
    truncated = writer.create_warc_record(
        "http://news.example/news/2", "response", payload=io.BytesIO(cut),
        http_headers=http_headers(cut), warc_headers_dict={"WARC-Truncated": "length"})
    writer.write_record(truncated)
    source = tmp_path / "old.warc.gz"
    source.write_bytes(buffer.getvalue())
    assert gzip.decompress(buffer.getvalue()).startswith(b"WARC/1.0")
    archive = tmp_path / "archive"
    result = imported(archive, source)
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        kinds = sorted(conn.execute("SELECT url, record_type FROM captures").fetchall())
    assert kinds == [("http://news.example/news/1", "response"),
                     ("http://news.example/news/1", "revisit"),
                     ("http://news.example/news/2", "response")]
    assert_every_capture_addressable(archive)
    assert (archive / "warcs" / "imported" / "old.warc.gz").read_bytes() == source.read_bytes()


def arc_file(numbers: range) -> bytes:
    """An ARC v1 file written by hand (warcio reads ARC but does not write it)."""
    header_body = b"1 0 Newsroom\nURL IP-address Archive-date Content-type Archive-length\n"
    out = [b"filedesc://test.arc 0.0.0.0 20240501100000 text/plain %d\n" % len(header_body)
           + header_body + b"\n"]
    for number in numbers:
        body = article_html(number)
        http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n"
                b"Content-Length: %d\r\n\r\n" % len(body)) + body
        out.append(b"http://news.example/news/%d 192.0.2.1 20240501100%03d text/html %d\n"
                   % (number, number, len(http)) + http + b"\n")
    return b"".join(out)


@pytest.mark.parametrize("compressed", [False, True], ids=["arc", "arc.gz"])
def test_arc_files_are_converted_to_warc(tmp_path, compressed):
    data = arc_file(range(1, 4))
    if compressed:
        # ARC.gz, like WARC.gz, is one gzip member per record
        records = data.split(b"\nhttp://")
        parts = [records[0] + b"\n"] + [b"http://" + r + (b"" if r.endswith(b"\n") else b"\n")
                                         for r in records[1:]]
        data = b"".join(gzip.compress(part, mtime=0) for part in parts)
    source = tmp_path / ("old.arc.gz" if compressed else "old.arc")
    source.write_bytes(data)
    archive = tmp_path / "archive"
    result = imported(archive, source)
    assert result.returncode == 0, result.stderr
    assert "ARC converted to WARC" in result.stdout
    copy = archive / "warcs" / "imported" / "old.warc.gz"
    assert ("response", "http://news.example/news/2") in records_of(copy)
    assert article_urls(archive) == [f"http://news.example/news/{n}" for n in range(1, 4)]
    assert_every_capture_addressable(archive)


def test_pages_handed_to_the_workers_are_what_read_http_reads_back(tmp_path):
    """The importer sends each page's bytes with its task, decoded from the record it has just
    read (crawler.importer._payload); they must be what read_http would read back from the
    stored copy: Content-Encoding and chunking undone, a payload warcio cannot decode left to
    read_http (which says why)."""
    from crawler.importer import ImportFilters, _FileReader
    from crawler.reextract import read_http

    html = article_html(1)
    chunked = b"".join(b"%x\r\n%s\r\n" % (len(part), part)
                       for part in (html[:500], html[500:])) + b"0\r\n\r\n"
    pages = {
        "plain": (html, {}),
        "gzip": (gzip.compress(html, mtime=0), {"Content-Encoding": "gzip"}),
        "chunked": (chunked, {"Transfer-Encoding": "chunked"}),
        "damaged-gzip": (gzip.compress(html, mtime=0)[:40] + b"\x00" * 64,
                         {"Content-Encoding": "gzip"}),
    }
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for name, (payload, extra) in pages.items():
        writer.write_record(writer.create_warc_record(
            f"http://news.example/news/{name}", "response", payload=io.BytesIO(payload),
            http_headers=http_headers(payload, **extra)))
    warcs = tmp_path / "warcs"
    (warcs / "imported").mkdir(parents=True)
    stored = warcs / "imported" / "pages.warc.gz"
    stored.write_bytes(buffer.getvalue())
    reader = _FileReader(None, stored, warcs, run_id=1, profile_name=None,  # type: ignore[arg-type]
                         filters=ImportFilters())
    jobs = [job for batch in reader.batches(0, 100) for job in batch.jobs]
    assert [job.url.rsplit("/", 1)[1] for job in jobs] == list(pages)
    for job in jobs:
        assert job.prepare
        try:
            expected = read_http(str(warcs), job.ref)
        except Exception:   # noqa: BLE001 -- whatever read_http makes of it, the worker does too
            assert job.http is None
            continue
        assert job.http == expected
    assert jobs[0].http is not None and jobs[0].http[2] == html
    assert jobs[1].http is not None and jobs[1].http[2] == html
    assert jobs[2].http is not None and jobs[2].http[2] == html
