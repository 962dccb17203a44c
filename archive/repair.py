"""Repair WARC files left open by a killed crawl.

A `.warc.gz.open` file is one a writer never finished. Each record is its own gzip member, so
the file is cut after its last complete member that parses as a WARC record, then renamed to
its final name; a file with no complete record at all is set aside as `.broken`. Either way no
file that looks finished is left corrupt.
"""
from __future__ import annotations

import logging
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from archive.warc import OPEN_SUFFIX

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class RepairReport:
    path: Path            # the final path (repaired) or the .broken path (set aside)
    action: str           # "repaired" | "set-aside"
    kept_bytes: int
    dropped_bytes: int
    records: int


def complete_length(path: Path) -> tuple[int, int]:
    """(bytes up to the end of the last complete record, number of complete records).

    Streams the file one gzip member at a time, so memory stays at one record's size.
    """
    end = records = 0
    with open(path, "rb") as handle:
        leftover = b""
        while True:
            decompressor = zlib.decompressobj(zlib.MAX_WBITS | 16)
            parts: list[bytes] = []
            fed = 0
            chunk = leftover or handle.read(1 << 20)
            if not chunk:
                return end, records
            while True:
                fed += len(chunk)
                try:
                    parts.append(decompressor.decompress(chunk))
                except zlib.error:
                    return end, records
                if decompressor.eof:
                    leftover = decompressor.unused_data
                    break
                chunk = handle.read(1 << 20)
                if not chunk:
                    return end, records  # member cut short
            if not _is_complete_record(b"".join(parts)):
                return end, records
            end += fed - len(leftover)
            records += 1


def _is_complete_record(payload: bytes) -> bool:
    import io

    try:
        for record in ArchiveIterator(io.BytesIO(payload), check_digests=False):
            record.content_stream().read()
            return True
    except Exception:  # warcio raises several types on a damaged record
        return False
    return False


def repair_open_warcs(directory: str | Path) -> list[RepairReport]:
    """Repair every `*.open` WARC under `directory` (a finished file is never touched)."""
    reports = []
    for open_path in sorted(Path(directory).rglob(f"*{OPEN_SUFFIX}")):
        final = open_path.with_name(open_path.name[: -len(OPEN_SUFFIX)])
        size = open_path.stat().st_size
        end, records = complete_length(open_path)
        if records == 0 or final.exists():
            broken = open_path.with_name(open_path.name[: -len(OPEN_SUFFIX)] + ".broken")
            os.replace(open_path, broken)
            reports.append(RepairReport(broken, "set-aside", 0, size, 0))
            logger.warning("set aside unfinished WARC %s: no complete record", broken)
            continue
        with open(open_path, "r+b") as handle:
            handle.truncate(end)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(open_path, final)
        reports.append(RepairReport(final, "repaired", end, size - end, records))
        logger.warning("repaired unfinished WARC %s: kept %d records, cut %d bytes",
                       final, records, size - end)
    return reports
