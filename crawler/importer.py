"""Import WARC files written by other tools (wget --warc-file, warcio, ...) into the archive.

Each file is copied into `ARCHIVE/warcs/imported/` first, so every capture's reference (file,
offset, length, record id) points at bytes the archive owns. With `reference=True` (`import-warc
--reference`, for multi-GB files such as CC-NEWS's) a sound file is not copied: a symbolic link
to it where it lies takes the copy's place (link_into_archive), so every reader of the archive
reads its records as it reads a copy's, and every record's declared WARC-Block-Digest and
WARC-Payload-Digest is checked as it is read (warcio's check_digests): a record whose bytes do
not match is left out and reported with its offset, like a corrupt one. Every response record with an
http(s) target becomes a capture; revisit records become captures too (record_type "revisit",
no payload to extract: the record they refer to is imported on its own). 200 HTML responses
then go through the same extract -> validate -> store steps as a crawl (crawler.reextract), so
an article imported from a wget crawl is the same record a native crawl makes.

Every file goes through `archive.warcinput.prepare` first: plain and per-record gzip WARC files
whose records are all sound are copied byte for byte; single-stream gzip files, ARC files and
files with corrupt records are rewritten into a per-record gzip WARC (each good record's bytes
kept, the bad ones reported with their offset), so every capture stays addressable. A file that
is not an archive at all is refused with one line and the other files are still imported.
wget keeps chunked transfer-encoding in its records, which warcio undoes.

Files are imported in the order given, each streamed once: its records are read in batches of
IMPORT_BATCH; the pages of a batch are extracted by a pool of worker processes (decoding and
extraction are CPU-bound; each page's bytes go with its task, as this process read them, and
the worker also prepares the article for the store: archive.store.base.prepare_fields) while
this process reads the next batches and stores the oldest one, its captures, articles and the
file's offset after it in one transaction (Store.batch). A kill
loses at most the batches not yet committed: run again, the import goes on from the committed
offset of the archive's copy, so nothing is stored twice. Each source file's status lives in the
store by its sha256 (Store.import_file): a file imported whole with the same --site and filters
is skipped; other filters read it again (what is already stored stays as it is). One import at
a time per archive: a file lock (archive.locks.SiteLock "import-warc") that dies with it.

One file may hold many hosts (Common Crawl's CC-NEWS files do): an imported article's site is
the registered domain of its host (crawler.extract.urls.registered_domain: news.example.co.uk
-> example.co.uk), whatever --site says. Filters (ImportFilters) select what is imported:
records of other hosts or capture dates are not recorded at all (counted per reason in the
file's `skipped`), articles in other languages are recorded as "filtered" captures.
"""
from __future__ import annotations

import base64
import gc
import hashlib
import io
import multiprocessing
import multiprocessing.pool
import os
import shutil
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader
from zlib_ng import zlib_ng

from archive.locks import AlreadyRunning, SiteLock
from archive.records import Capture, WarcRef
from archive.warcinput import BadRecord, NotAnArchiveError, prepare
from archive.store import Store, open_store
from archive.store.sqlite import utc_now
from archive.warc import safe_name
from crawler.exceptions import UnknownProfileError
from crawler.extract import EXTRACTOR_VERSION
from crawler.profiles import get_profile
from crawler.reextract import (POOL_MIN_PAGES, PageJob, PageResult, RunReport, Tally,
                               extract_job, is_html, not_article_url, profile_for, store_results)

IMPORT_FOLDER = "imported"
_CHUNK = 1 << 20
# Records per committed batch: a kill loses at most this much work, and one commit (and one
# offset update) per batch costs little next to extracting its pages.
IMPORT_BATCH = 256
# Pages per task handed to a worker process: small enough that every worker gets a share of a
# batch, large enough that the pickling round trip is small next to the extraction.
TASK_PAGES = 32
# Batches read ahead and extracting while the oldest is stored: the workers never wait for the
# store, and memory stays bounded (the captures of these batches, and the bytes of their pages
# until a worker has taken them: some 10 MB per batch of CC-NEWS pages).
IN_FLIGHT = 3
SKIP_DOMAIN = "outside --domain"
SKIP_DATE = "outside --from/--to"


@dataclass(frozen=True, slots=True)
class ImportFilters:
    """What to import of a file. domains: host names (lower case); a record is kept when its
    host is one of them or a subdomain. date_from/date_to: YYYY, YYYY-MM or YYYY-MM-DD,
    inclusive, compared with the record's WARC-Date. languages: ISO 639-1 codes an article
    must be in (pages whose content is no article are classified whatever their language)."""

    domains: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None

    def skip_reason(self, url: str, fetched_at: str) -> str | None:
        """Why a record is not imported at all, or None."""
        if self.domains:
            host = (urlsplit(url).hostname or "").lower().rstrip(".")
            if not any(host == d or host.endswith("." + d) for d in self.domains):
                return SKIP_DOMAIN
        if self.date_from and fetched_at[:len(self.date_from)] < self.date_from:
            return SKIP_DATE
        if self.date_to and fetched_at[:len(self.date_to)] > self.date_to:
            return SKIP_DATE
        return None

    def settings(self) -> dict[str, Any]:
        return {"domains": list(self.domains), "languages": list(self.languages),
                "from": self.date_from, "to": self.date_to}


class WarcImportError(Exception):
    """A file that cannot be imported (not found, not a WARC): one line for the user."""


class ImportAlreadyRunning(WarcImportError):
    """Another import-warc holds the archive's import lock: nothing was touched."""


@dataclass(slots=True)
class ImportedFile:
    source: Path
    stored: Path | None             # the copy (or --reference link) in warcs/imported/; None: refused
    records: int = 0
    captures: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    rewritten: str | None = None    # why the archive's copy is not byte-exact, if it is not
    referenced: bool = False        # `stored` is a link to the source where it lies (--reference)
    bad: list[BadRecord] = field(default_factory=list)
    error: str | None = None        # the file was refused: not an archive, unreadable
    already: dict[str, Any] | None = None   # an earlier run finished it: skipped (its state)
    resumed_from: int = 0           # offset of the stored copy an earlier run committed
    committed: int = 0              # offset of the stored copy committed so far
    redirects: dict[str, str] = field(default_factory=dict)  # committed, target not yet stored

    @property
    def failed(self) -> bool:
        """Refused, or some of its records could not be imported."""
        return self.error is not None or bool(self.bad)

    def problem(self) -> str:
        """One line: what went wrong with this file (empty when nothing did)."""
        if self.error:
            return self.error
        if not self.bad:
            return ""
        first = self.bad[0].describe()
        more = f" (and {len(self.bad) - 1} more)" if len(self.bad) > 1 else ""
        return (f"{self.source}: {len(self.bad)} unreadable record(s) left out, first at {first}"
                f"{more}; {self.records} good records imported")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def check_file(path: Path) -> None:
    """Fail with one line unless `path` is a readable file (a typo stops before any work)."""
    if not path.is_file():
        raise WarcImportError(f"{path}: no such file")
    try:
        with open(path, "rb"):
            pass
    except OSError as error:
        raise WarcImportError(f"{path}: cannot be read ({error.strerror})") from error


def _names_in_archive(path: Path, warc_root: Path) -> Iterator[Path]:
    """warcs/imported/NAME for `path`, then NAME-1, NAME-2, ... for when NAME is taken."""
    folder = warc_root / IMPORT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    name = safe_name(path.name)
    stem, dot, suffix = name.partition(".")
    for serial in range(1000):
        yield folder / (name if serial == 0 else f"{stem}-{serial}{dot}{suffix}")
    raise WarcImportError(f"{path}: too many different files named {name} already imported")


def copy_into_archive(path: Path, warc_root: Path, *, checksum: str | None = None) -> Path:
    """Copy `path` to warcs/imported/ (same name; a numbered name when another file has it).
    Importing the same file again reuses its copy, so the import is idempotent. `checksum`:
    the file's sha256 when the caller has it already."""
    checksum = checksum or _sha256(path)
    for target in _names_in_archive(path, warc_root):
        if target.is_symlink():
            continue   # a file referenced where it lies (--reference): not the archive's copy
        if not target.exists():
            partial = target.with_name(target.name + ".part")
            shutil.copyfile(path, partial)
            partial.replace(target)
            return target
        if target.stat().st_size == path.stat().st_size and _sha256(target) == checksum:
            return target
    raise AssertionError("unreachable: _names_in_archive raises when the names run out")


def link_into_archive(path: Path, warc_root: Path) -> Path:
    """A symbolic link in warcs/imported/ to `path` where it lies (`import-warc --reference`):
    captures address the file's records through it, so show, reextract, replay and wacz read
    them as they read a copy's. The same file referenced again reuses its link; a name another
    file holds gets a numbered name, as copies do."""
    source = path.resolve()
    for target in _names_in_archive(path, warc_root):
        if target.is_symlink():
            if target.resolve() == source:
                return target
            continue
        if not target.exists():
            partial = target.with_name(target.name + ".part")
            partial.unlink(missing_ok=True)
            os.symlink(source, partial)
            partial.replace(target)
            return target
    raise AssertionError("unreachable: _names_in_archive raises when the names run out")


def _warc_date(value: str | None) -> str:
    """WARC-Date as the archive's timestamp form (seconds, Z): wget and others add fractions."""
    if not value:
        return utc_now()
    text = value.strip().replace("+00:00", "Z")
    return text[:19] + "Z" if len(text) >= 19 else text


def _payload_digest(record: Any) -> str:
    declared = record.rec_headers.get_header("WARC-Payload-Digest")
    if declared:
        return str(declared)
    body = record.raw_stream.read()
    return "sha1:" + base64.b32encode(hashlib.sha1(body).digest()).decode("ascii")


def _payload(record: Any, status: int) -> tuple[str, tuple[int, list[tuple[str, str]], bytes]
                                                 | None]:
    """The payload digest of a page to extract, and the page as read_http would read it back
    from the archive's copy (chunking and Content-Encoding undone by warcio), or None when
    warcio cannot decode it (read_http then reads it again and reports why). Reading the
    payload here, where the record is being read anyway, spares the worker a second
    decompression and parse of the record."""
    raw = record.raw_stream.read()
    declared = record.rec_headers.get_header("WARC-Payload-Digest")
    digest = (str(declared) if declared else
              "sha1:" + base64.b32encode(hashlib.sha1(raw).digest()).decode("ascii"))
    # content_stream() decodes whatever raw_stream holds: the bytes just read
    stream, record.raw_stream = record.raw_stream, io.BytesIO(raw)
    try:
        body = record.content_stream().read()
    except Exception:  # warcio raises several types on damaged payloads; read_http names them
        return digest, None
    finally:
        record.raw_stream = stream
    return digest, (status, list(record.http_headers.headers), body)


def _kind(url: str, status: int, content_type: str | None) -> tuple[str, str | None]:
    """What a capture is before extraction (robots, redirect, error, pending, non-article)."""
    if urlsplit(url).path == "/robots.txt":
        return "robots", None
    if 300 <= status < 400:
        return "redirect", f"HTTP {status}"
    if status >= 400 or status < 200:
        return "error", f"HTTP {status}"
    if status != 200:
        return "non-article", f"HTTP {status}"
    if not is_html(content_type):
        return "non-article", f"not HTML ({content_type})"
    return "pending", None


@dataclass(frozen=True, slots=True)
class ImportProgress:
    """Where an import is, after each committed batch (for a progress line)."""

    source: Path
    done_bytes: int           # offset of the file's stored copy committed so far
    total_bytes: int          # size of the stored copy
    records: int              # records read by this run (all files)
    articles: int             # new article versions stored by this run
    elapsed: float            # seconds since this run started
    bytes_per_second: float   # of this file, in this run

    def line(self) -> str:
        """Records/s, articles, and the time left in this file by its bytes."""
        rate = self.records / self.elapsed if self.elapsed > 0 else 0.0
        done = self.done_bytes / self.total_bytes if self.total_bytes else 1.0
        left = ""
        if self.bytes_per_second > 0:
            seconds = int((self.total_bytes - self.done_bytes) / self.bytes_per_second)
            hours, minutes = divmod(seconds // 60, 60)
            left = (f", ETA {hours}h{minutes:02d}m" if hours
                    else f", ETA {minutes}m{seconds % 60:02d}s")
        return (f"{self.source.name}: {done:.0%}, {self.records:,} records ({rate:,.0f}/s), "
                f"{self.articles:,} articles{left}")


Progress = Callable[[ImportProgress], None]


@dataclass(slots=True)
class _Batch:
    """Records read from a stored copy, committed together with the offset after them."""

    end: int = 0                                          # where the next batch starts
    captures: list[Capture] = field(default_factory=list)
    jobs: list[PageJob] = field(default_factory=list)     # pages to extract, until handed out
    pages: list[int] = field(default_factory=list)        # their capture indices, in order
    redirects: dict[str, str] = field(default_factory=dict)
    records: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    tasks: list[Any] = field(default_factory=list)        # AsyncResults of the pool
    bad: list[BadRecord] = field(default_factory=list)    # records whose digests failed

    def add(self, outcome: str | _Page | BadRecord) -> None:
        """Add one record: a capture, the reason it is not recorded, or what is wrong with it
        (a bad record is not counted among the file's good records)."""
        if isinstance(outcome, BadRecord):
            self.bad.append(outcome)
            return
        self.records += 1
        if isinstance(outcome, str):
            self.skipped[outcome] += 1
            return
        self.captures.append(outcome.capture)
        if outcome.redirect:
            self.redirects[outcome.capture.url] = outcome.redirect
        if outcome.job is not None:
            self.jobs.append(outcome.job)
            self.pages.append(len(self.captures) - 1)


@dataclass(slots=True)
class _Page:
    """A record that becomes a capture."""

    capture: Capture
    redirect: str | None = None       # where a redirect leads (absolute)
    job: PageJob | None = None        # the page to extract, for a 200 HTML response


def _worker_start(lock_fd: int | None, parent: int) -> None:
    """A pool worker lets go of the import lock (a forked copy of its file descriptor would
    keep the flock held after the parent died) and ends when the parent is gone: an import
    killed by SIGKILL leaves no workers behind."""
    if lock_fd is not None:
        os.close(lock_fd)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def _share_imports() -> None:
    """Import here, before the workers fork, what extract_job imports on a worker's first page
    (Scrapy's response types for decode_page, the extractor's modules with their compiled
    patterns, numpy for the story signatures): the workers then share it instead of each
    spending ~0.45 s of CPU on it."""
    import numpy  # noqa: F401
    import scrapy.http  # noqa: F401
    import scrapy.responsetypes  # noqa: F401

    import crawler.pipelines.validate  # noqa: F401
    from crawler.extract import body, images, metadata, scriptdata, select  # noqa: F401


class _Pool(multiprocessing.pool.Pool):
    """A process pool whose worker-handler thread sleeps until a worker exits or the pool's
    state changes. CPython's Pool (since 3.8; 3.11 here) also wakes that thread whenever a
    result is waiting in the result pipe, and it then spins (waitpid of every worker, poll)
    until the result thread has read the whole message: ~0.5 s of the importing process's
    CPU per 10,000 responses (the results are large: each task's articles). Results are read
    by the result thread as before; the change notifier still wakes the handler on close(),
    terminate() and an emptied task cache, and the workers' sentinels on a worker's exit."""

    def _get_sentinels(self) -> list[Any]:
        try:
            return [self._change_notifier._reader]  # type: ignore[attr-defined]
        except AttributeError:  # a Python whose Pool is laid out otherwise: its own sentinels
            return super()._get_sentinels()  # type: ignore[misc]


def extract_jobs(jobs: list[PageJob]) -> list[PageResult]:
    """extract_job over one task's pages (runs in a pool worker)."""
    return [extract_job(job) for job in jobs]


def _gzip_member_inflater() -> Any:
    """What warcio's gzip_decompressor makes, from zlib-ng: the same output and API (warcio
    catches whatever a decompressor raises; prepare() has vetted every member by then)."""
    return zlib_ng.decompressobj(16 + zlib_ng.MAX_WBITS)


def _inflate_with_zlib_ng(iterator: ArchiveIterator) -> None:
    """Have `iterator` inflate the file's gzip members with zlib-ng, as prepare() does:
    1.10 -> 0.84 s of CPU to read the import benchmark's 101 MB file through. warcio makes a
    decompressor per member from its reader's DECOMPRESSORS table; this reader (only) gets
    its own table. A warcio whose reader is not laid out so is left as it is."""
    reader = getattr(iterator, "reader", None)
    table = getattr(reader, "DECOMPRESSORS", None)
    if not isinstance(reader, BufferedReader) or not isinstance(table, dict) \
            or reader.decomp_type != "gzip":
        return
    reader.DECOMPRESSORS = {**table, "gzip": _gzip_member_inflater}
    reader.decompressor = _gzip_member_inflater()


class _FileReader:
    """Turns the records of one stored copy into batches of captures and pages to extract."""

    def __init__(self, store: Store, stored: Path, warc_root: Path, *, run_id: int,
                 profile_name: str | None, filters: ImportFilters,
                 check_digests: bool = False) -> None:
        self.store, self.stored, self.warc_root = store, stored, warc_root
        self.relative = stored.relative_to(warc_root).as_posix()
        self.run_id, self.profile_name, self.filters = run_id, profile_name, filters
        self.check_digests = check_digests

    def batches(self, start: int, size: int) -> Iterator[_Batch]:
        """Batches of up to `size` records from offset `start` (a record boundary) to the end;
        each batch ends where the next record starts, so a resume can seek there."""
        with open(self.stored, "rb") as handle:
            handle.seek(start)
            # check_digests=True (neither "raise" nor "log"): warcio notes a failed digest on
            # the record (record.digest_checker) and reads on
            iterator = ArchiveIterator(handle, check_digests=self.check_digests)
            _inflate_with_zlib_ng(iterator)
            batch = _Batch()
            for record in iterator:
                offset, outcome = self._read(record, iterator)
                if batch.records >= size:
                    batch.end = offset
                    yield batch
                    batch = _Batch()
                batch.add(outcome)
            batch.end = handle.seek(0, io.SEEK_END)
            yield batch

    def _read(self, record: Any, iterator: ArchiveIterator) -> tuple[int, str | _Page | BadRecord]:
        """The record's offset, and its capture (with the page to extract, the redirect
        target), why it is not recorded, or (digests checked) what is wrong with it."""
        url = record.rec_headers.get_header("WARC-Target-URI") or ""
        kind = record.rec_type
        if kind not in ("response", "revisit") or not url.startswith(("http://", "https://")):
            return iterator.get_record_offset(), kind
        if record.http_headers is None:
            return iterator.get_record_offset(), "no-http-headers"
        fetched_at = _warc_date(record.rec_headers.get_header("WARC-Date"))
        unwanted_record = self.filters.skip_reason(url, fetched_at)
        if unwanted_record:
            return iterator.get_record_offset(), unwanted_record
        record_id = record.rec_headers.get_header("WARC-Record-ID")
        status = int(record.http_headers.get_statuscode() or 0)
        content_type = record.http_headers.get_header("Content-Type")
        location = record.http_headers.get_header("Location")
        page_kind, reason = _kind(url, status, content_type)
        if page_kind == "pending":
            parts = urlsplit(url)
            profile = profile_for(self.profile_name, f"{parts.scheme}://{parts.netloc}",
                                  fetched_at[:10])
            unwanted = not_article_url(url, profile)
            if unwanted:
                # with a profile: a page the crawl would not have extracted (no article URL
                # of the profile); without one every page is classified by content
                page_kind, reason = "page", unwanted
        if kind == "revisit":
            page_kind = "revisit"
            reason = "payload identical to " + (
                record.rec_headers.get_header("WARC-Refers-To")
                or record.rec_headers.get_header("WARC-Refers-To-Target-URI")
                or "an earlier record")
        # both before the offset, which reads the record to its end
        http: tuple[int, list[tuple[str, str]], bytes] | None = None
        if page_kind == "pending":
            digest, http = _payload(record, status)
        else:
            digest = _payload_digest(record)
        offset, length = iterator.get_record_offset(), iterator.get_record_length()
        if self.check_digests and record.digest_checker.passed is False:
            # read to its end by now (get_record_offset), so both digests were compared; a
            # digest in an algorithm hashlib lacks cannot be checked, which is no damage
            failed = [p for p in record.digest_checker.problems if "digest failed" in p]
            if failed:
                return offset, BadRecord(offset, "its bytes do not match its digests ("
                                         + "; ".join(failed) + ")")
        capture = Capture(
            run_id=self.run_id, url=url, fetched_at=fetched_at, status=status,
            warc=WarcRef(self.relative, offset, length, record_id),
            payload_digest=digest, content_type=content_type, record_type=kind,
            page_kind=page_kind, reason=reason)
        page = _Page(capture)
        if location and page_kind == "redirect":
            page.redirect = urljoin(url, location)
        if page_kind == "pending":
            page.job = PageJob(capture_id=0, url=url, ref=capture.warc,
                               warc_root=str(self.warc_root), fetched_at=fetched_at,
                               profile_name=self.profile_name, site_by_domain=True,
                               languages=self.filters.languages, http=http, prepare=True)
        return offset, page


class _Importer:
    """One import run: files in order, each streamed in committed batches (module docstring)."""

    def __init__(self, store: Store, *, archive_dir: Path, run_id: int,
                 profile_name: str | None, settings: dict[str, Any], filters: ImportFilters,
                 workers: int, batch_records: int, progress: Progress | None,
                 lock_fd: int | None = None, reference: bool = False) -> None:
        self.store, self.run_id, self.filters = store, run_id, filters
        self.reference = reference
        self.warc_root = archive_dir / "warcs"
        self.scratch = archive_dir / ".import-tmp"   # rewritten copies before they move in
        self.profile_name, self.settings = profile_name, settings
        self.workers, self.batch_records, self.progress = workers, batch_records, progress
        self.tally = Tally()
        self.redirects: dict[str, str] = {}   # not yet an alias: their target comes later
        self.records = 0
        self.started = time.monotonic()
        self._pool: Any = None
        self._lock_fd = lock_fd

    def close(self) -> None:
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None

    def _pool_for(self, pages: int) -> Any:
        if self.workers <= 1 or (self._pool is None and pages < POOL_MIN_PAGES):
            return None
        if self._pool is None:
            # fork: workers inherit the imported extractor; they never touch the store
            _share_imports()
            # the workers inherit what exists now and keep it: frozen, their cyclic collector
            # does not walk it again (its walks would also write to, and so copy, the pages
            # they share with this process); this process unfreezes at once
            gc.freeze()
            try:
                self._pool = _Pool(self.workers, initializer=_worker_start,
                                   initargs=(self._lock_fd, os.getpid()),
                                   context=multiprocessing.get_context("fork"))
            finally:
                gc.unfreeze()
        return self._pool

    def import_file(self, path: Path) -> ImportedFile:
        """Import one file, or go on with it where an earlier run stopped; skip it when an
        earlier run finished it with the same settings."""
        checksum = _sha256(path)
        known = self.store.import_file(checksum)
        same = known is not None and known["settings"] == self.settings
        if same and known is not None and known["status"] == "done":
            counts = known["counts"]
            stored = self.warc_root / known["stored_path"] if known["stored_path"] else None
            return ImportedFile(source=path, stored=stored, records=counts.get("records", 0),
                                captures=counts.get("captures", 0),
                                skipped=counts.get("skipped", {}),
                                rewritten=counts.get("rewritten"), already=known,
                                referenced=bool(counts.get("referenced")),
                                bad=[BadRecord(**bad) for bad in counts.get("bad", [])])
        resume = (same and known is not None and bool(known["stored_path"])
                  and (self.warc_root / known["stored_path"]).is_file())
        state = self.store.begin_import_file(checksum, source_path=str(path),
                                             settings=self.settings, run_id=self.run_id,
                                             started_at=utc_now(), resume=resume)
        if resume:
            counts = state["counts"]
            info = ImportedFile(source=path, stored=self.warc_root / state["stored_path"],
                                records=counts.get("records", 0),
                                captures=counts.get("captures", 0),
                                skipped=dict(counts.get("skipped", {})),
                                rewritten=counts.get("rewritten"),
                                referenced=bool(counts.get("referenced")),
                                bad=[BadRecord(**bad) for bad in counts.get("bad", [])],
                                resumed_from=int(state["committed_offset"]),
                                committed=int(state["committed_offset"]),
                                redirects=dict(counts.get("redirects", {})))
            self.redirects.update(info.redirects)
        else:
            try:
                info = self._copy(path, checksum)
            except (NotAnArchiveError, OSError) as error:
                info = ImportedFile(source=path, stored=None, error=str(error))
                self.store.finish_import_file(checksum, status="failed", finished_at=utc_now(),
                                              counts={}, error=info.error)
                return info
        assert info.stored is not None
        self._stream(info, checksum, start=info.resumed_from)
        self.store.finish_import_file(checksum, status="done", finished_at=utc_now(),
                                      counts=_counts(info), error=info.problem() or None)
        return info

    def _copy(self, path: Path, checksum: str) -> ImportedFile:
        """prepare() the file and copy the result into warcs/imported/; with --reference, link
        a file that needs no rewriting instead (a rewritten one has to be copied: its records
        are only addressable in the rewritten bytes)."""
        self.scratch.mkdir(parents=True, exist_ok=True)
        prepared = prepare(path, temp_dir=self.scratch)
        referenced = self.reference and prepared.path == prepared.source
        try:
            if referenced:
                stored = link_into_archive(path, self.warc_root)
            else:
                stored = copy_into_archive(
                    prepared.path, self.warc_root,
                    checksum=checksum if prepared.path == prepared.source else None)
        finally:
            prepared.cleanup()
        info = ImportedFile(source=path, stored=stored, rewritten=prepared.rewritten,
                            bad=prepared.bad, referenced=referenced)
        self.store.set_import_progress(
            checksum, offset=0, counts=_counts(info),
            stored_path=stored.relative_to(self.warc_root).as_posix(), size=stored.stat().st_size)
        return info

    def _stream(self, info: ImportedFile, checksum: str, *, start: int) -> None:
        """Read, extract and store the stored copy from `start`, a batch per transaction:
        workers extract the next batches while this process stores the oldest."""
        assert info.stored is not None
        reader = _FileReader(self.store, info.stored, self.warc_root, run_id=self.run_id,
                             profile_name=self.profile_name, filters=self.filters,
                             check_digests=info.referenced)
        size = info.stored.stat().st_size
        file_started, file_start = time.monotonic(), start
        waiting: deque[_Batch] = deque()
        for batch in reader.batches(start, self.batch_records):
            pool = self._pool_for(len(batch.jobs))
            if pool is not None:
                jobs = batch.jobs
                batch.tasks = [pool.apply_async(extract_jobs, (jobs[i:i + TASK_PAGES],))
                               for i in range(0, len(jobs), TASK_PAGES)]
                batch.jobs = []   # the pages' bytes go with the tasks, not with the batch
            waiting.append(batch)
            while len(waiting) > (IN_FLIGHT if pool is not None else 0):
                self._commit(waiting.popleft(), info, checksum)
                self._report(info, size, file_started, file_start)
        while waiting:
            self._commit(waiting.popleft(), info, checksum)
            self._report(info, size, file_started, file_start)

    def _commit(self, batch: _Batch, info: ImportedFile, checksum: str) -> None:
        """Store one batch's captures and articles and the offset after it, in one
        transaction: a kill before the commit loses this batch only, and a rerun reads it
        again from the offset committed before it."""
        if batch.tasks:
            results = [result for task in batch.tasks for result in task.get()]
        else:
            results = extract_jobs(batch.jobs)
        with self.store.batch():
            ids: list[int | None] = []
            for capture in batch.captures:
                known = self.store.find_capture(capture.warc.record_id)
                if known is not None and (known["warc_file"], known["offset"]) != (
                        capture.warc.warc_file, capture.warc.offset):
                    # the same record is archived already (our own WARC imported back, a
                    # record twice in one file): checked here, where earlier batches are stored
                    batch.skipped["already-archived"] += 1
                    ids.append(None)
                    continue
                ids.append(self.store.add_capture(capture))
            kept = []
            for index, result in zip(batch.pages, results):
                capture_id = ids[index]
                if capture_id is not None:
                    result.capture_id = capture_id
                    kept.append(result)
            store_results(self.store, kept, run_id=self.run_id, tally=self.tally,
                          reclassify_articles=True)
            self._add_aliases(batch.redirects)
            # kept with the offset: a resumed run still makes them aliases when their target
            # comes in a later batch
            info.redirects.update(batch.redirects)
            info.redirects = {source: target for source, target in info.redirects.items()
                              if source in self.redirects}
            info.records += batch.records
            info.bad += batch.bad
            info.captures += sum(1 for capture_id in ids if capture_id is not None)
            info.skipped = dict(sorted((Counter(info.skipped) + batch.skipped).items()))
            self.store.set_import_progress(checksum, offset=batch.end, counts=_counts(info))
        self.records += batch.records
        info.committed = batch.end

    def _add_aliases(self, redirects: dict[str, str]) -> None:
        """Redirect sources become aliases of the article they lead to, once it is stored;
        the others wait for the end of the run (their target may come in a later record)."""
        self.redirects.update(redirects)
        for source in redirects:
            if self.store.add_alias(source, self._follow(source)) is not None:
                del self.redirects[source]

    def _follow(self, source: str) -> str:
        target = self.redirects[source]
        for _ in range(20):  # follow chains, never loops
            if target not in self.redirects or target == source:
                break
            target = self.redirects[target]
        return target

    def add_remaining_aliases(self) -> None:
        for source in list(self.redirects):
            self.store.add_alias(source, self._follow(source))

    def _report(self, info: ImportedFile, size: int, file_started: float,
                file_start: int) -> None:
        if self.progress is None:
            return
        now = time.monotonic()
        speed = (info.committed - file_start) / (now - file_started) if now > file_started else 0
        self.progress(ImportProgress(info.source, info.committed, size, self.records,
                                     self.tally.new_versions, now - self.started, speed))


def import_warcs(paths: list[Path], *, archive_dir: Path, site: str | None = None,
                 workers: int | None = None, db: str | None = None,
                 filters: ImportFilters = ImportFilters(), batch_records: int = IMPORT_BATCH,
                 progress: Progress | None = None,
                 reference: bool = False) -> tuple[RunReport, list[ImportedFile]]:
    """Import WARC files in order (see the module docstring); one run of site "import:SITE".
    Files an earlier run finished with the same --site and filters are skipped; a file it left
    unfinished goes on from its last committed offset. `progress` is called after each
    committed batch. `reference`: link sound files where they lie instead of copying them,
    and check every record's digests."""
    for path in paths:
        check_file(path)
    profile_name: str | None = None
    if site:
        try:
            get_profile(site)
            profile_name = site
        except UnknownProfileError:
            profile_name = None  # a label only: extraction without a profile
    archive_dir = Path(archive_dir)
    run_site = f"import:{site or 'warc'}"
    settings = {"site": site, "filters": filters.settings()}
    files: list[ImportedFile] = []
    lock = SiteLock(archive_dir, "import-warc")
    try:
        lock.acquire()
    except AlreadyRunning as error:
        raise ImportAlreadyRunning("another import-warc is running into this archive "
                              f"({str(error).rpartition('(')[2].rstrip(')')})") from error
    try:
        # under the lock: rewritten copies a killed import left half-made are nobody's
        scratch = archive_dir / ".import-tmp"
        for leftover in scratch.glob("newsarchive-import-*"):
            shutil.rmtree(leftover, ignore_errors=True)
        with open_store(archive_dir, db=db) as store:
            # under the lock: a run of ours still "running" was killed
            store.interrupt_stale_runs(run_site, finished_at=utc_now())
            run_id = store.begin_run(run_site, started_at=utc_now(), settings={
                "files": [str(p) for p in paths], "site": site, "profile": profile_name,
                "extractor_version": EXTRACTOR_VERSION, "filters": filters.settings(),
                "reference": reference})
            importer = _Importer(store, archive_dir=archive_dir, run_id=run_id,
                                 profile_name=profile_name, settings=settings, filters=filters,
                                 workers=workers or os.cpu_count() or 1,
                                 batch_records=batch_records, progress=progress,
                                 lock_fd=lock.fileno(), reference=reference)
            try:
                for path in paths:
                    files.append(importer.import_file(path))
                importer.add_remaining_aliases()
            except BaseException:
                importer.close()
                store.finish_run(run_id, finished_at=utc_now(), status="interrupted",
                                 exit_code=1, summary=_summary(importer.tally, files))
                raise
            importer.close()
            tally = importer.tally
            failed = tally.errors["warc_unreadable"] or any(f.failed for f in files)
            status = "failed" if failed else "ok"
            store.finish_run(run_id, finished_at=utc_now(), status=status,
                             exit_code=0 if status == "ok" else 1,
                             summary=_summary(tally, files))
    finally:
        lock.release()
    return RunReport(run_id, run_site, status, tally), files


def _counts(info: ImportedFile) -> dict[str, Any]:
    """What the store keeps of a file's import between runs (its line in the report)."""
    return {"records": info.records, "captures": info.captures,
            "skipped": dict(sorted(info.skipped.items())), "rewritten": info.rewritten,
            "referenced": info.referenced,
            "bad": [{"offset": b.offset, "problem": b.problem, "where": b.where}
                    for b in info.bad],
            "redirects": dict(info.redirects)}


def _summary(tally: Tally, files: list[ImportedFile]) -> dict[str, Any]:
    summary = tally.summary()
    worked = [f for f in files if f.already is None]
    summary.update({
        "pages_fetched": 0,
        "captures": sum(f.captures for f in worked),
        "warc_files": [f.stored.name for f in worked if f.stored is not None],
        "files_failed": [f.problem() for f in files if f.failed],
        "files_already_imported": [str(f.source) for f in files if f.already is not None],
        "files_resumed": {str(f.source): f.resumed_from for f in worked if f.resumed_from},
        "records": sum(f.records for f in worked),
        "skipped": dict(sorted(sum((Counter(f.skipped) for f in worked), Counter()).items())),
    })
    return summary
