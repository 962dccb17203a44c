"""WARC writing and reading: one file set per site and run, rotated at a size limit.

warcio builds every record; we only choose what goes in and where the bytes land. Each record
is its own gzip member (so any record can be read alone from its offset), files are written as
`NAME.warc.gz.open` and renamed to `NAME.warc.gz` once complete, so a file without `.open` is
always a finished, valid WARC.
"""
from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter
from zlib_ng import zlib_ng

from archive.records import WarcRef

OPEN_SUFFIX = ".open"
WARC_SUFFIX = ".warc.gz"

# Hop-by-hop framing that the HTTP client already undid: the payload we store is de-chunked,
# so keeping the header would make replay tools try to de-chunk it again.
_FRAMING_HEADERS = {"transfer-encoding"}
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def warc_date(moment: datetime) -> str:
    """WARC-Date form (WARC 1.0: seconds precision, UTC, trailing Z)."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def safe_name(text: str) -> str:
    """A file-name-safe token: WARC names derive from site names and must stay in their folder."""
    return _UNSAFE_NAME.sub("-", text).strip("-.") or "site"


@dataclass(frozen=True, slots=True)
class Exchange:
    """One HTTP fetch as the crawler saw it; `body` is the payload as received on the wire
    (still content-encoded, de-chunked)."""

    url: str
    method: str
    request_headers: list[tuple[str, str]]
    status: int
    reason: str
    response_headers: list[tuple[str, str]]
    body: bytes
    fetched_at: datetime
    request_body: bytes = b""
    protocol: str = "HTTP/1.1"
    ip_address: str | None = None


@dataclass(frozen=True, slots=True)
class WrittenCapture:
    """What was written for one exchange: the response (or revisit) record's reference."""

    ref: WarcRef
    payload_digest: str
    request_ref: WarcRef
    record_type: str = "response"


class _RecordBuilder(WARCWriter):
    """warcio's writer with injectable record ids and dates, for byte-exact tests."""

    def __init__(self, *, id_factory: Callable[[], str] | None, clock: Callable[[], datetime]) -> None:
        super().__init__(io.BytesIO(), gzip=False)
        self._id_factory = id_factory
        self._clock = clock

    def _make_warc_id(self, id_: Any = None) -> str:  # noqa: D401 - warcio hook
        if self._id_factory is not None:
            return self._id_factory()
        return f"<urn:uuid:{uuid.uuid4()}>"

    def curr_warc_date(self) -> str:
        return warc_date(self._clock())

    def ensure_digest(self, record: ArcWarcRecord, block: bool = True, payload: bool = True) -> None:
        # A request without a body has no payload: warcio would put the digest of nothing on
        # every request record (~40 bytes a fetch, 4% of what an unchanged re-crawl adds).
        if record.rec_type == "request" and not record.payload_length:
            payload = False
        super().ensure_digest(record, block=block, payload=payload)

    def write_to(self, out: "_GzipMember", record: ArcWarcRecord) -> None:
        """Serialise one record uncompressed into `out`, piece by piece (we gzip members
        ourselves, see WarcFileSet)."""
        self._write_warc_record(out, record)


class _GzipMember:
    """A write-only file that gzips what it is given into one member appended to `file`
    (zlib-ng at `level`); finish() ends the member. warcio's flush() at the end of a record
    is a no-op here: the member ends when we say so."""

    def __init__(self, file: BinaryIO, level: int) -> None:
        self.file = file
        self.compressor = zlib_ng.compressobj(level, zlib_ng.DEFLATED, zlib_ng.MAX_WBITS + 16)

    def write(self, data: bytes) -> int:
        compressed = self.compressor.compress(data)
        if compressed:
            self.file.write(compressed)
        return len(data)

    def flush(self) -> None:
        pass

    def finish(self) -> None:
        self.file.write(self.compressor.flush())


class WarcFileSet:
    """Writes the WARC files of one site and run: `<prefix>-NNNNN.warc.gz` in `directory`.

    Rotates to a new file once the current one reaches `max_size` bytes; every file starts with a
    warcinfo record. Not thread-safe: one writer (Scrapy's reactor thread) at a time.
    """

    def __init__(self, directory: str | Path, *, prefix: str, max_size: int = 1_000_000_000,
                 info: dict[str, Any] | None = None, gzip_level: int = 5,
                 clock: Callable[[], datetime] = utc_now,
                 id_factory: Callable[[], str] | None = None,
                 name_base: str | Path | None = None) -> None:
        self.directory = Path(directory)
        self.prefix = safe_name(prefix)
        self.max_size = max_size
        self.info = dict(info or {})
        # warcio gzips with zlib at level 9; zlib-ng at level 5 writes files ~1.7% larger for a
        # fraction of the CPU (compression was the largest cost of archiving a page): 0.58 ms
        # per 90 KB news page, against 0.68 at level 6 and 2.1 for zlib at 9.
        self.gzip_level = gzip_level
        self.clock = clock
        # Paths in WarcRef are relative to this folder (the archive's WARC root).
        self.name_base = Path(name_base) if name_base is not None else self.directory
        self.builder = _RecordBuilder(id_factory=id_factory, clock=clock)
        self.completed: list[Path] = []
        self._serial = 0
        self._file: BinaryIO | None = None
        self._path: Path | None = None

    # -- files -----------------------------------------------------------------------------
    @property
    def current_path(self) -> Path | None:
        """Final name of the file being written (it exists as this name + `.open`)."""
        return self._path

    def _open_next(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        while True:
            path = self.directory / f"{self.prefix}-{self._serial:05d}{WARC_SUFFIX}"
            self._serial += 1
            if not path.exists() and not Path(str(path) + OPEN_SUFFIX).exists():
                break
        self._path = path
        self._file = open(str(path) + OPEN_SUFFIX, "xb")
        info = {"software": "newsarchive", "format": "WARC File Format 1.0",
                "conformsTo": "http://bibnum.bnf.fr/WARC/WARC_ISO_28500_version1_latestdraft.pdf"}
        info.update(self.info)
        record = self.builder.create_warcinfo_record(path.name, info)
        self._append(record)

    def _close_current(self) -> None:
        if self._file is None or self._path is None:
            return
        self._file.flush()
        os.fsync(self._file.fileno())
        self._file.close()
        os.replace(str(self._path) + OPEN_SUFFIX, self._path)
        self.completed.append(self._path)
        self._file = None
        self._path = None

    def close(self) -> list[Path]:
        """Finish the current file (rename it from `.open`); return every completed file."""
        self._close_current()
        return list(self.completed)

    def abandon(self) -> None:
        """Stop writing after a failed write (disk full...): close the current file WITHOUT the
        rename, so it stays `.open` -- it may end in a partial record -- for the next run's
        repair (archive/repair.py) to cut after its last complete record."""
        handle, self._file, self._path = self._file, None, None
        if handle is not None:
            try:
                handle.close()
            except OSError:
                pass  # bytes that cannot be flushed belong to the partial record repair cuts

    def _ensure_open(self) -> None:
        if self._file is not None and self._file.tell() >= self.max_size:
            self._close_current()
        if self._file is None:
            self._open_next()

    def _append(self, record: ArcWarcRecord) -> WarcRef:
        """Append `record` as one gzip member, compressed as warcio serialises it: a 30 MB
        payload passes through in warcio's 16 KB pieces, never as a whole serialised record
        plus its compressed copy (three copies of a large body in the crawl process)."""
        assert self._file is not None and self._path is not None
        offset = self._file.tell()
        member = _GzipMember(self._file, self.gzip_level)
        self.builder.write_to(member, record)
        member.finish()
        return WarcRef(warc_file=self._path.relative_to(self.name_base).as_posix(), offset=offset,
                       length=self._file.tell() - offset,
                       record_id=record.rec_headers.get_header("WARC-Record-ID"))

    # -- records ---------------------------------------------------------------------------
    def write_exchange(self, exchange: Exchange, *, digest: str | None = None) -> WrittenCapture:
        """Write the request and response records of one fetch, linked by WARC-Concurrent-To.

        `digest`: the payload's digest when the caller already computed it (payload_digest()),
        so warcio does not hash the payload a second time."""
        self._ensure_open()
        date = warc_date(exchange.fetched_at)
        response_headers = [(k, v) for k, v in exchange.response_headers
                            if k.lower() not in _FRAMING_HEADERS]
        status_line = f"{exchange.status} {exchange.reason}".strip()
        http_response = StatusAndHeaders(status_line, response_headers, protocol=exchange.protocol)
        warc_headers = {"WARC-Date": date}
        if exchange.ip_address:
            warc_headers["WARC-IP-Address"] = exchange.ip_address
        if digest:
            warc_headers["WARC-Payload-Digest"] = digest
        response = self.builder.create_warc_record(
            exchange.url, "response", payload=io.BytesIO(exchange.body), length=len(exchange.body),
            http_headers=http_response, warc_headers_dict=warc_headers)
        response_id = response.rec_headers.get_header("WARC-Record-ID")

        http_request = StatusAndHeaders(f"{exchange.method} {_request_target(exchange.url)} {exchange.protocol}",
                                        exchange.request_headers, is_http_request=True)
        request = self.builder.create_warc_record(
            exchange.url, "request", payload=io.BytesIO(exchange.request_body),
            length=len(exchange.request_body), http_headers=http_request,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": response_id})
        request_ref = self._append(request)
        response_ref = self._append(response)
        # On disk (OS buffers) before the caller records the capture: a kill can then lose
        # only records nobody points at; the repair cuts them off.
        self._file.flush()  # type: ignore[union-attr]
        digest = response.rec_headers.get_header("WARC-Payload-Digest")
        return WrittenCapture(ref=response_ref, payload_digest=digest, request_ref=request_ref)

    def write_resource(self, uri: str, payload: bytes, *, content_type: str,
                       fetched_at: datetime, concurrent_to: str | None = None) -> WarcRef:
        """Append a resource record to the current file, never rotating first: it belongs
        next to the records just written (a rendered page's DOM after the page's response,
        where read_rendered_dom() finds it)."""
        if self._file is None:
            self._open_next()
        warc_headers = {"WARC-Date": warc_date(fetched_at)}
        if concurrent_to:
            warc_headers["WARC-Concurrent-To"] = concurrent_to
        record = self.builder.create_warc_record(
            uri, "resource", payload=io.BytesIO(payload), length=len(payload),
            warc_content_type=content_type, warc_headers_dict=warc_headers)
        ref = self._append(record)
        self._file.flush()  # type: ignore[union-attr]
        return ref

    def write_revisit(self, exchange: Exchange, *, payload_digest: str, refers_to_uri: str,
                      refers_to_date: str, refers_to_id: str | None = None,
                      profile: str = "identical-payload-digest") -> WrittenCapture:
        """Write request + a revisit record (headers only) for a payload already archived."""
        self._ensure_open()
        date = warc_date(exchange.fetched_at)
        response_headers = [(k, v) for k, v in exchange.response_headers
                            if k.lower() not in _FRAMING_HEADERS]
        http_response = StatusAndHeaders(f"{exchange.status} {exchange.reason}".strip(),
                                         response_headers, protocol=exchange.protocol)
        warc_headers = {"WARC-Date": date}
        if refers_to_id:
            warc_headers["WARC-Refers-To"] = refers_to_id
        revisit = self.builder.create_revisit_record(
            exchange.url, payload_digest, refers_to_uri, refers_to_date,
            http_headers=http_response, warc_headers_dict=warc_headers)
        if profile == "server-not-modified":
            revisit.rec_headers.replace_header(
                "WARC-Profile", "http://netpreserve.org/warc/1.0/revisit/server-not-modified")
        revisit_id = revisit.rec_headers.get_header("WARC-Record-ID")
        http_request = StatusAndHeaders(f"{exchange.method} {_request_target(exchange.url)} {exchange.protocol}",
                                        exchange.request_headers, is_http_request=True)
        request = self.builder.create_warc_record(
            exchange.url, "request", payload=io.BytesIO(b""), length=0, http_headers=http_request,
            warc_headers_dict={"WARC-Date": date, "WARC-Concurrent-To": revisit_id})
        request_ref = self._append(request)
        revisit_ref = self._append(revisit)
        self._file.flush()  # type: ignore[union-attr]
        return WrittenCapture(ref=revisit_ref, payload_digest=payload_digest,
                              request_ref=request_ref, record_type="revisit")


# WARC-Target-URI prefix of the DOM a browser rendered from a page (rendering mode): a resource
# record written right after the page's response (or revisit) record, WARC-Concurrent-To it. A
# URN of its own, so that replay, which looks pages up by their URL, never serves it for the page.
RENDERED_DOM_URN = "urn:rendered-dom:"


def rendered_dom_uri(url: str) -> str:
    return RENDERED_DOM_URN + url


def read_rendered_dom(warc_root: str | Path, ref: WarcRef, url: str) -> tuple[str, bytes] | None:
    """(Content-Type, payload) of the rendered DOM written next to the record at `ref`, or None
    when the record after it is not that page's rendered DOM (a page fetched without a browser)."""
    path = Path(warc_root) / ref.warc_file
    if not path.exists() and Path(str(path) + OPEN_SUFFIX).exists():
        path = Path(str(path) + OPEN_SUFFIX)
    with open(path, "rb") as handle:
        handle.seek(ref.offset + ref.length)
        for record in ArchiveIterator(handle):
            headers = record.rec_headers
            if (record.rec_type != "resource"
                    or headers.get_header("WARC-Target-URI") != rendered_dom_uri(url)
                    or headers.get_header("WARC-Concurrent-To") != ref.record_id):
                return None
            return headers.get_header("Content-Type") or "", record.content_stream().read()
    return None


def payload_digest(payload: bytes) -> str:
    """WARC-Payload-Digest of `payload`, as warcio writes it ("sha1:" + base32)."""
    return "sha1:" + base64.b32encode(hashlib.sha1(payload).digest()).decode("ascii")


def _request_target(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


def read_record_bytes(warc_root: str | Path, ref: WarcRef) -> bytes:
    """The raw (gzip member) bytes of one record; raises FileNotFoundError/ValueError if absent."""
    path = Path(warc_root) / ref.warc_file
    if not path.exists() and Path(str(path) + OPEN_SUFFIX).exists():
        path = Path(str(path) + OPEN_SUFFIX)  # a crawl is still writing it: flushed records read fine
    with open(path, "rb") as handle:
        handle.seek(ref.offset)
        data = handle.read(ref.length)
    if len(data) != ref.length:
        raise ValueError(f"{ref.warc_file}: record at offset {ref.offset} is truncated")
    return data


def read_record(warc_root: str | Path, ref: WarcRef) -> tuple[dict[str, str], StatusAndHeaders | None, bytes]:
    """Read one record by reference: (WARC headers, HTTP headers, payload bytes as stored)."""
    data = read_record_bytes(warc_root, ref)
    for record in ArchiveIterator(io.BytesIO(data)):
        headers = dict(record.rec_headers.headers)
        if headers.get("WARC-Record-ID") != ref.record_id:
            raise ValueError(f"{ref.warc_file}@{ref.offset}: expected {ref.record_id}, "
                             f"found {headers.get('WARC-Record-ID')}")
        return headers, record.http_headers, record.raw_stream.read()
    raise ValueError(f"{ref.warc_file}@{ref.offset}: no WARC record there")


def read_payload(warc_root: str | Path, ref: WarcRef) -> tuple[str, StatusAndHeaders | None, bytes]:
    """Read one record by reference: (record type, HTTP headers, payload as a browser receives
    it: warcio's content_stream undoes the transfer and content encodings)."""
    data = read_record_bytes(warc_root, ref)
    for record in ArchiveIterator(io.BytesIO(data)):
        if record.rec_headers.get_header("WARC-Record-ID") != ref.record_id:
            raise ValueError(f"{ref.warc_file}@{ref.offset}: expected {ref.record_id}, "
                             f"found {record.rec_headers.get_header('WARC-Record-ID')}")
        return record.rec_type, record.http_headers, record.content_stream().read()
    raise ValueError(f"{ref.warc_file}@{ref.offset}: no WARC record there")


def iter_warc_files(warc_root: str | Path) -> Iterator[Path]:
    """Completed WARC files under the root, sorted (files still `.open` are skipped)."""
    yield from sorted(Path(warc_root).rglob(f"*{WARC_SUFFIX}"))


def record_count(paths: Iterable[Path]) -> int:
    total = 0
    for path in paths:
        with open(path, "rb") as handle:
            total += sum(1 for _ in ArchiveIterator(handle))
    return total
