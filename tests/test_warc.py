"""WARC writing: real files checked with warcio (ArchiveIterator and `warcio check`)."""
from __future__ import annotations

import gzip
import hashlib
import itertools
from base64 import b32encode
from datetime import datetime, timezone
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from archive.warc import Exchange, WarcFileSet, iter_warc_files, read_record

from .conftest import warcio_check

FIXED_TIME = datetime(2026, 8, 7, 11, 32, 0, tzinfo=timezone.utc)


def fixed_ids():
    counter = itertools.count(1)
    return lambda: f"<urn:uuid:00000000-0000-0000-0000-{next(counter):012d}>"


def exchange(i: int, body: bytes | None = None, response_headers=None) -> Exchange:
    return Exchange(
        url=f"http://127.0.0.1:8000/en_GB/articles/security/2026/08/07/story-{i}?page=1",
        method="GET",
        request_headers=[("Host", "127.0.0.1:8000"), ("User-Agent", "newsarchive-test")],
        status=200, reason="OK",
        response_headers=response_headers or [("Content-Type", "text/html; charset=utf-8"),
                                              ("Transfer-Encoding", "chunked")],
        body=body if body is not None else f"<html><p>story {i}</p></html>".encode() * 50,
        fetched_at=FIXED_TIME)


def write_set(directory: Path, n: int, **kwargs) -> tuple[WarcFileSet, list]:
    files = WarcFileSet(directory / "demo", prefix="demo-run1", clock=lambda: FIXED_TIME,
                        id_factory=fixed_ids(), name_base=directory, info={"operator": "tests"}, **kwargs)
    written = [files.write_exchange(exchange(i)) for i in range(n)]
    files.close()
    return files, written


def sha1_b32(data: bytes) -> str:
    return "sha1:" + b32encode(hashlib.sha1(data).digest()).decode()


def test_records_warcinfo_first_request_response_pairs_and_digests(tmp_path):
    files, written = write_set(tmp_path, 3)
    [path] = files.completed
    with open(path, "rb") as handle:
        records = [(r.rec_type, dict(r.rec_headers.headers), r.content_stream().read())
                   for r in ArchiveIterator(handle)]
    assert [kind for kind, _, _ in records] == ["warcinfo"] + ["request", "response"] * 3
    warcinfo = records[0][2].decode()
    assert "software: newsarchive" in warcinfo and "operator: tests" in warcinfo
    for (_, req, _), (_, resp, payload), capture in zip(records[1::2], records[2::2], written):
        assert req["WARC-Concurrent-To"] == resp["WARC-Record-ID"] == capture.ref.record_id
        assert resp["WARC-Payload-Digest"] == sha1_b32(payload) == capture.payload_digest
        assert resp["WARC-Date"] == "2026-08-07T11:32:00Z"


def test_file_is_open_while_writing_and_renamed_when_complete(tmp_path):
    files = WarcFileSet(tmp_path, prefix="site-run", name_base=tmp_path)
    files.write_exchange(exchange(1))
    assert [p.name for p in tmp_path.iterdir()] == ["site-run-00000.warc.gz.open"]
    assert list(iter_warc_files(tmp_path)) == []
    files.close()
    assert [p.name for p in tmp_path.iterdir()] == ["site-run-00000.warc.gz"]


def test_rotation_at_size_limit_each_file_starts_with_warcinfo_and_passes_check(tmp_path):
    files, written = write_set(tmp_path, 12, max_size=3000)
    assert len(files.completed) >= 3
    for path in files.completed:
        with open(path, "rb") as handle:
            assert next(iter(ArchiveIterator(handle))).rec_type == "warcinfo"
    warcio_check(files.completed)
    assert {c.ref.warc_file for c in written} == {f"demo/{p.name}" for p in files.completed}


def test_reference_reads_back_the_exact_payload(tmp_path):
    body = gzip.compress(b"<html>" + bytes(range(256)) * 40 + b"</html>")
    files = WarcFileSet(tmp_path / "x", prefix="p", name_base=tmp_path)
    written = files.write_exchange(exchange(1, body=body, response_headers=[("Content-Encoding", "gzip")]))
    files.close()
    headers, http_headers, payload = read_record(tmp_path, written.ref)
    assert payload == body  # stored as received: still content-encoded
    assert headers["WARC-Type"] == "response"
    assert http_headers.get_header("Content-Encoding") == "gzip"


def test_framing_headers_are_not_archived(tmp_path):
    files = WarcFileSet(tmp_path, prefix="p")
    written = files.write_exchange(exchange(1))
    files.close()
    _, http_headers, _ = read_record(tmp_path, written.ref)
    assert http_headers.get_header("Transfer-Encoding") is None
    assert http_headers.get_header("Content-Type") == "text/html; charset=utf-8"


def test_byte_exact_output_with_fixed_ids_and_dates(tmp_path):
    first, _ = write_set(tmp_path / "a", 4)
    second, _ = write_set(tmp_path / "b", 4)
    assert first.completed[0].read_bytes() == second.completed[0].read_bytes()


def test_write_read_write_round_trip(tmp_path):
    files, _ = write_set(tmp_path / "a", 3)
    exchanges = []
    with open(files.completed[0], "rb") as handle:
        for record in ArchiveIterator(handle):
            if record.rec_type == "request":
                request_headers = record.http_headers.headers
            if record.rec_type == "response":
                status, _, reason = record.http_headers.statusline.partition(" ")
                exchanges.append(Exchange(
                    url=record.rec_headers.get_header("WARC-Target-URI"), method="GET",
                    request_headers=request_headers, status=int(status), reason=reason,
                    response_headers=record.http_headers.headers,
                    body=record.content_stream().read(), fetched_at=FIXED_TIME))
    again = WarcFileSet(tmp_path / "b" / "demo", prefix="demo-run1", clock=lambda: FIXED_TIME,
                        id_factory=fixed_ids(), name_base=tmp_path / "b", info={"operator": "tests"})
    for item in exchanges:
        again.write_exchange(item)
    again.close()
    assert again.completed[0].read_bytes() == files.completed[0].read_bytes()


def test_truncated_reference_is_an_error_not_garbage(tmp_path):
    files, written = write_set(tmp_path, 2)
    path = files.completed[0]
    path.write_bytes(path.read_bytes()[: written[-1].ref.offset + 10])
    with pytest.raises(ValueError, match="truncated"):
        read_record(tmp_path, written[-1].ref)


def test_revisit_record_refers_to_original(tmp_path):
    files = WarcFileSet(tmp_path, prefix="p")
    original = files.write_exchange(exchange(1))
    revisit = files.write_revisit(exchange(1), payload_digest=original.payload_digest,
                                  refers_to_uri=exchange(1).url, refers_to_date="2026-08-07T11:32:00Z",
                                  refers_to_id=original.ref.record_id)
    files.close()
    headers, _, payload = read_record(tmp_path, revisit.ref)
    assert headers["WARC-Type"] == "revisit"
    assert headers["WARC-Payload-Digest"] == original.payload_digest
    assert headers["WARC-Refers-To"] == original.ref.record_id
    assert payload == b""


def test_precomputed_digest_is_the_one_warcio_would_write(tmp_path):
    from archive.warc import payload_digest

    files = WarcFileSet(tmp_path, prefix="p")
    body = b"<html>same payload</html>" * 10
    given = files.write_exchange(exchange(1, body=body), digest=payload_digest(body))
    computed = files.write_exchange(exchange(2, body=body))
    files.close()
    assert given.payload_digest == computed.payload_digest == sha1_b32(body)
    warcio_check(files.completed[:1])
