"""Other tools' WARC and ARC files, made safe to archive: every record addressable, bad ones named.

Files from other crawlers come in every shape: plain WARC, one gzip member per record (the
standard), one gzip stream around the whole file (not addressable: a record cannot be read from
its offset), ARC and ARC.gz, and sometimes a corrupt record in the middle (a wrong
Content-Length, a damaged gzip member, a file cut short). warcio reads the good shapes; on the
others it stops at the first fault, or worse, reads a record whose Content-Length is wrong as if
it were right and swallows the records after it.

`prepare()` walks a file once, checking each record's framing itself (the declared length must
end on the blank lines that close a record, or on the end of the file), and decides:

- a plain WARC or per-record gzip WARC whose records are all sound is imported as it is (a
  byte-exact copy);
- anything else is rewritten into a per-record gzip WARC, the way `warcio recompress` does it,
  except that each good record's bytes are kept exactly (only the compression changes): a
  single-stream gzip file becomes addressable, a corrupt record is left out and reported with
  its offset, and the reader picks up again at the next record it finds. ARC records are
  converted to WARC by warcio (`arc2warc`), as `warcio recompress` does.

Rewriting is deterministic (gzip members with no timestamp), so importing the same file twice
yields the same copy and the import stays idempotent. No Scrapy, no store: only bytes.
"""
from __future__ import annotations

import mmap
import re
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.warcwriter import WARCWriter
from zlib_ng import zlib_ng

GZIP_MAGIC = b"\x1f\x8b\x08"
_RECORD_START = re.compile(rb"(?:^|\n)(WARC/1\.[01]\r?\n)")
_CONTENT_LENGTH = re.compile(rb"\r?\ncontent-length:[ \t]*(\d+)[ \t]*\r?\n", re.IGNORECASE)
MAX_HEADER_BYTES = 1 << 20           # a WARC header block larger than this is not one
_COPY_CHUNK = 1 << 20
_FIRST_READ = 1 << 15
_RELEASE_STEP = 1 << 24              # bytes of a mapped file read before they are let go


class NotAnArchiveError(Exception):
    """The file is neither WARC nor ARC (plain or gzipped): nothing in it can be imported."""


@dataclass(frozen=True, slots=True)
class BadRecord:
    """A record left out: where it starts (`offset` in the file, or in the decompressed stream
    of a single-stream gzip file, as `where` says) and what is wrong with it."""

    offset: int
    problem: str
    where: str = "file"

    def describe(self) -> str:
        place = "offset" if self.where == "file" else "decompressed offset"
        return f"{place} {self.offset}: {self.problem}"


@dataclass(slots=True)
class PreparedFile:
    """What `prepare()` found: the file to copy into the archive and why it is that one."""

    source: Path
    kind: str                               # warc, warc.gz, warc.gz (single stream), arc, arc.gz
    path: Path                              # the source itself, or a rewritten temporary copy
    rewritten: str | None = None            # why the copy was rewritten, None when byte-exact
    records: int = 0                        # good records in `path`
    bad: list[BadRecord] = field(default_factory=list)

    def cleanup(self) -> None:
        """Remove the rewritten copy and its temporary folder (never the source)."""
        if self.path != self.source:
            self.path.unlink(missing_ok=True)
            try:
                self.path.parent.rmdir()
            except OSError:
                pass


def sniff(path: Path) -> str:
    """`warc`, `warc.gz`, `arc` or `arc.gz` from the first bytes; NotAnArchiveError otherwise."""
    with open(path, "rb") as handle:
        head = handle.read(64 * 1024)
    if not head:
        raise NotAnArchiveError(f"{path}: empty file, not a WARC or ARC file")
    compressed = head.startswith(GZIP_MAGIC)
    text = head
    if compressed:
        try:
            text = zlib.decompressobj(31).decompress(head, 4096)
        except zlib.error as error:
            raise NotAnArchiveError(f"{path}: gzip data that cannot be read ({error})") from error
    text = text.lstrip(b"\r\n")
    if text.startswith((b"WARC/1.0", b"WARC/1.1")):
        return "warc.gz" if compressed else "warc"
    if text.startswith(b"filedesc://"):
        return "arc.gz" if compressed else "arc"
    shown = text[:40].decode("utf-8", "replace").splitlines()[0] if text.strip() else "blank"
    raise NotAnArchiveError(f"{path}: not a WARC or ARC file (it starts with {shown!r})")


def _framed_end(data: bytes | mmap.mmap, start: int) -> tuple[int | None, str]:
    """The end offset (after the closing blank lines) of the WARC record at `start`, or None and
    the reason its framing is broken."""
    header_end = data.find(b"\r\n\r\n", start, start + MAX_HEADER_BYTES)
    if header_end < 0:
        return None, "no end of WARC headers"
    match = _CONTENT_LENGTH.search(data, start, header_end + 2)
    if match is None:
        return None, "no Content-Length header"
    body_end = header_end + 4 + int(match.group(1))
    size = len(data)
    if body_end > size:
        return None, (f"Content-Length {int(match.group(1))} runs past the end of the file "
                      f"(truncated or wrong length)")
    tail = data[body_end:body_end + 4]
    if tail == b"\r\n\r\n":
        return body_end + 4, ""
    if body_end == size or data[body_end:size].strip(b"\r\n") == b"":
        return size, ""                       # last record, closing lines missing or short
    return None, "Content-Length does not end where the record does (wrong length)"


def _next_record_start(data: bytes | mmap.mmap, after: int) -> int:
    """Where the next `WARC/1.x` line begins after `after` (len(data) when there is none)."""
    match = _RECORD_START.search(data, after)
    return match.start(1) if match else len(data)


def _release(data: bytes | mmap.mmap, upto: int, released: int) -> int:
    """Let go of the mapped pages of `data` before `upto` (they stay in the page cache): read
    once from start to end, a mapped file would otherwise stay whole in the process's memory
    (RSS). Returns the offset released up to now; a no-op for bytes."""
    if not isinstance(data, mmap.mmap) or upto - released < _RELEASE_STEP:
        return released
    upto -= upto % mmap.PAGESIZE
    data.madvise(mmap.MADV_DONTNEED, released, upto - released)
    return upto


def _spans_of(data: bytes | mmap.mmap,
              spans: Iterable[tuple[int, int]]) -> Iterator[tuple[bytes, None]]:
    """The bytes of each span, in order, letting go of what was read (see _release)."""
    released = 0
    for start, end in spans:
        yield data[start:end], None
        released = _release(data, start, released)


def scan_plain(data: bytes | mmap.mmap, *, where: str = "file") -> Iterator[tuple[int, int] | BadRecord]:
    """Each record of uncompressed WARC data as (start, end), or a BadRecord for a stretch that
    is not one; after a bad record, reading resumes at the next `WARC/1.x` line."""
    position = 0
    released = 0
    size = len(data)
    while position < size:
        released = _release(data, position, released)
        while position < size and data[position:position + 1] in (b"\r", b"\n"):
            position += 1
        if position >= size:
            return
        if not data[position:position + 6] == b"WARC/1":
            resume = _next_record_start(data, position)
            yield BadRecord(position, "bytes that are not a WARC record", where)
            position = resume
            continue
        end, problem = _framed_end(data, position)
        if end is None:
            yield BadRecord(position, problem, where)
            position = _next_record_start(data, position + 1)
            continue
        yield position, end
        position = end


def _gzip_members(data: mmap.mmap) -> Iterator[tuple[int, int, bytes] | BadRecord]:
    """Each gzip member as (start, end, decompressed bytes); a damaged member becomes a
    BadRecord and reading resumes at the next gzip header that decompresses."""
    position = 0
    released = 0
    size = len(data)
    while position < size:
        released = _release(data, position, released)
        if data[position:position + 3] != GZIP_MAGIC:
            if not data[position:size].strip(b"\x00\r\n"):
                return                            # padding at the end
            resume = data.find(GZIP_MAGIC, position)
            yield BadRecord(position, "bytes that are not a gzip member")
            if resume < 0:
                return
            position = resume
            continue
        try:
            # zlib-ng inflates at ~2/3 of zlib's CPU; a member it cannot read is read again by
            # zlib, so that a damaged one is reported with zlib's words, as before
            pieces, cursor, inflater = _inflate_member(data, position, zlib_ng)
        except zlib_ng.error:
            try:
                pieces, cursor, inflater = _inflate_member(data, position, zlib)
            except zlib.error as error:
                yield BadRecord(position, f"damaged gzip member ({error})")
                resume = data.find(GZIP_MAGIC, position + 1)
                if resume < 0:
                    return
                position = resume
                continue
        end = cursor - len(inflater.unused_data)
        yield position, end, b"".join(pieces)
        position = end


def _inflate_member(data: mmap.mmap, position: int,
                    module: Any) -> tuple[list[bytes], int, Any]:
    """Inflate the gzip member at `position` with `module` (zlib or zlib_ng): its pieces, the
    offset read up to, and the inflater (its unused_data: what was read past the member's end).
    Raises the module's error for a damaged member or one cut short."""
    inflater = module.decompressobj(31)
    pieces: list[bytes] = []
    cursor, size = position, len(data)
    # a member is one record, mostly a few KB: reading it in small steps first keeps the
    # bytes copied past its end (each slice of the mmap is a copy) small
    step = _FIRST_READ
    while not inflater.eof and cursor < size:
        chunk = data[cursor:cursor + step]
        cursor += len(chunk)
        step = min(step * 4, _COPY_CHUNK)
        pieces.append(inflater.decompress(chunk))
    if not inflater.eof:
        raise module.error("the gzip member is cut short")
    return pieces, cursor, inflater


def _compress_member(record: bytes) -> bytes:
    """One gzip member with a zero timestamp: the same record always compresses the same."""
    packer = zlib.compressobj(6, zlib.DEFLATED, 31)
    return packer.compress(record) + packer.flush()


def prepare(path: Path, *, temp_dir: Path | None = None) -> PreparedFile:
    """Check every record of `path` and return the file to import (see the module docstring)."""
    kind = sniff(path)
    if kind.startswith("arc"):
        return _prepare_arc(path, kind, temp_dir)
    with open(path, "rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        if kind == "warc":
            spans = list(scan_plain(data))
            good = [span for span in spans if not isinstance(span, BadRecord)]
            bad = [span for span in spans if isinstance(span, BadRecord)]
            if not bad:
                return PreparedFile(path, kind, path, records=len(good))
            return _rewrite(path, kind, "corrupt records left out",
                            _spans_of(data, good), bad, temp_dir)
        return _prepare_gzip(path, data, temp_dir)


def _prepare_gzip(path: Path, data: mmap.mmap, temp_dir: Path | None) -> PreparedFile:
    """Per-record gzip stays as it is when sound; several records in one member (single-stream
    gzip) or damaged members mean a rewrite."""
    bad: list[BadRecord] = []
    records = 0
    single_stream = False
    for item in _gzip_members(data):
        if isinstance(item, BadRecord):
            bad.append(item)
            continue
        start, _end, payload = item
        spans = list(scan_plain(payload, where="member"))
        good_spans = [span for span in spans if not isinstance(span, BadRecord)]
        if len(good_spans) > 1 or (good_spans and good_spans[0] != (0, len(payload))
                                   and payload[good_spans[0][1]:].strip(b"\r\n")):
            single_stream = True
            break
        for span in spans:
            if isinstance(span, BadRecord):
                bad.append(BadRecord(start, span.problem))
        records += len(good_spans)
    if single_stream or (bad and records == 0):
        # one damaged member and nothing else: most likely a single-stream file cut short,
        # whose records before the cut can still be read
        return _prepare_single_stream(path, temp_dir)
    if not bad:
        return PreparedFile(path, "warc.gz", path, records=records)

    def good_records() -> Iterator[tuple[bytes, bytes | None]]:
        for item in _gzip_members(data):
            if isinstance(item, BadRecord):
                continue
            start, end, payload = item
            spans = list(scan_plain(payload, where="member"))
            if len(spans) == 1 and not isinstance(spans[0], BadRecord):
                yield payload, bytes(data[start:end])   # sound member: its bytes as they were

    return _rewrite(path, "warc.gz", "corrupt records left out", good_records(), bad, temp_dir)


def _prepare_single_stream(path: Path, temp_dir: Path | None) -> PreparedFile:
    """Decompress the whole stream (keeping what precedes a break in it), then read the records."""
    bad: list[BadRecord] = []
    with tempfile.TemporaryFile(dir=temp_dir) as plain:
        with open(path, "rb") as source:
            inflater = zlib.decompressobj(31)
            consumed = 0          # compressed bytes fully decoded, for the report
            fed = False           # has the current member received any bytes?
            try:
                while chunk := source.read(_COPY_CHUNK):
                    while chunk:
                        fed = True
                        plain.write(inflater.decompress(chunk))
                        if not inflater.eof:
                            consumed += len(chunk)
                            break
                        rest = inflater.unused_data          # another gzip member may follow
                        consumed += len(chunk) - len(rest)
                        inflater, fed = zlib.decompressobj(31), False
                        chunk = rest if rest.startswith(GZIP_MAGIC[:2]) else b""
                if fed and not inflater.eof:
                    raise zlib.error("the gzip stream is cut short")
            except zlib.error as error:
                bad.append(BadRecord(consumed, f"gzip stream broken ({error}); the rest of the "
                                               f"file cannot be read"))
        plain.flush()
        if plain.tell() == 0:
            raise NotAnArchiveError(f"{path}: no readable WARC data in the gzip stream")
        with mmap.mmap(plain.fileno(), 0, access=mmap.ACCESS_READ) as data:
            spans = list(scan_plain(data, where="stream"))
            bad += [span for span in spans if isinstance(span, BadRecord)]
            good = [span for span in spans if not isinstance(span, BadRecord)]
            return _rewrite(path, "warc.gz (single stream)",
                            "single-stream gzip recompressed one record per member",
                            _spans_of(data, good), bad, temp_dir)


def _target_name(path: Path) -> str:
    name = path.name
    for suffix in (".warc.gz", ".arc.gz", ".warc", ".arc", ".gz"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] + ".warc.gz"
    return name + ".warc.gz"


def _rewrite(path: Path, kind: str, why: str, records: Iterable[tuple[bytes, bytes | None]],
             bad: list[BadRecord], temp_dir: Path | None) -> PreparedFile:
    """Write the good records, each its own gzip member, to a temporary `.warc.gz`."""
    folder = Path(tempfile.mkdtemp(prefix="newsarchive-import-", dir=temp_dir))
    target = folder / _target_name(path)
    count = 0
    with open(target, "wb") as out:
        for record, member in records:
            out.write(member if member is not None else _compress_member(record))
            count += 1
    return PreparedFile(path, kind, target, rewritten=why, records=count, bad=bad)


def _prepare_arc(path: Path, kind: str, temp_dir: Path | None) -> PreparedFile:
    """ARC records converted to WARC by warcio; a fault ends the file, keeping what came before."""
    folder = Path(tempfile.mkdtemp(prefix="newsarchive-import-", dir=temp_dir))
    target = folder / _target_name(path)
    bad: list[BadRecord] = []
    count = 0
    with open(path, "rb") as source, open(target, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        iterator = ArchiveIterator(source, arc2warc=True, verify_http=False)
        offset = 0
        try:
            for record in iterator:
                writer.write_record(record)
                count += 1
                # after the write: asking for the offset reads the record to its end
                offset = iterator.get_record_offset() + iterator.get_record_length()
        except Exception as error:  # warcio signals a broken ARC record with several types
            detail = (str(error).strip().splitlines() or ["no detail"])[0]
            bad.append(BadRecord(offset, f"unreadable ARC record ({type(error).__name__}: {detail}); "
                                         f"the rest of the file cannot be read"))
    if count == 0:
        target.unlink(missing_ok=True)
        raise NotAnArchiveError(f"{path}: no readable ARC record in it")
    return PreparedFile(path, kind, target, rewritten="ARC converted to WARC", records=count, bad=bad)
