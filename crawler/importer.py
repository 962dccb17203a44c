"""Import WARC files written by other tools (wget --warc-file, warcio, ...) into the archive.

Each file is copied into `ARCHIVE/warcs/imported/` first, so every capture's reference (file,
offset, length, record id) points at bytes the archive owns. Every response record with an
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

One file may hold many hosts (Common Crawl's CC-NEWS files do): an imported article's site is
the registered domain of its host (crawler.extract.urls.registered_domain: news.example.co.uk
-> example.co.uk), whatever --site says. Filters (ImportFilters) select what is imported:
records of other hosts or capture dates are not recorded at all (counted per reason in the
file's `skipped`), articles in other languages are recorded as "filtered" captures.
"""
from __future__ import annotations

import base64
import hashlib
import shutil
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from warcio.archiveiterator import ArchiveIterator

from archive.records import Capture, WarcRef
from archive.warcinput import BadRecord, NotAnArchiveError, prepare
from archive.store import Store, open_store
from archive.store.sqlite import utc_now
from archive.warc import safe_name
from crawler.exceptions import UnknownProfileError
from crawler.extract import EXTRACTOR_VERSION
from crawler.profiles import get_profile
from crawler.reextract import (PageJob, RunReport, Tally, is_html, not_article_url, profile_for,
                               run_jobs, store_results)

IMPORT_FOLDER = "imported"
_CHUNK = 1 << 20
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


@dataclass(slots=True)
class ImportedFile:
    source: Path
    stored: Path | None             # where the copy lives under warcs/imported/ (None: refused)
    records: int = 0
    captures: int = 0
    skipped: dict[str, int] = field(default_factory=dict)
    rewritten: str | None = None    # why the archive's copy is not byte-exact, if it is not
    bad: list[BadRecord] = field(default_factory=list)
    error: str | None = None        # the file was refused: not an archive, unreadable

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


def copy_into_archive(path: Path, warc_root: Path) -> Path:
    """Copy `path` to warcs/imported/ (same name; a numbered name when another file has it).
    Importing the same file again reuses its copy, so the import is idempotent."""
    folder = warc_root / IMPORT_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    name = safe_name(path.name)
    stem, dot, suffix = name.partition(".")
    checksum = _sha256(path)
    for serial in range(1000):
        target = folder / (name if serial == 0 else f"{stem}-{serial}{dot}{suffix}")
        if not target.exists():
            partial = target.with_name(target.name + ".part")
            shutil.copyfile(path, partial)
            partial.replace(target)
            return target
        if target.stat().st_size == path.stat().st_size and _sha256(target) == checksum:
            return target
    raise WarcImportError(f"{path}: too many different files named {name} already imported")


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


def index_file(store: Store, stored: Path, warc_root: Path, *, run_id: int,
               info: ImportedFile, profile_name: str | None,
               filters: ImportFilters = ImportFilters()) -> tuple[list[PageJob], dict[str, str]]:
    """Add a capture per response/revisit record of one imported file; return the pages to
    extract and the redirects seen (source URL -> Location)."""
    relative = stored.relative_to(warc_root).as_posix()
    jobs: list[PageJob] = []
    redirects: dict[str, str] = {}
    skipped: dict[str, int] = {}
    with open(stored, "rb") as handle:
        iterator = ArchiveIterator(handle)
        for record in iterator:
            info.records += 1
            url = record.rec_headers.get_header("WARC-Target-URI") or ""
            kind = record.rec_type
            if kind not in ("response", "revisit") or not url.startswith(("http://", "https://")):
                skipped[kind] = skipped.get(kind, 0) + 1
                continue
            if record.http_headers is None:
                skipped["no-http-headers"] = skipped.get("no-http-headers", 0) + 1
                continue
            fetched_at = _warc_date(record.rec_headers.get_header("WARC-Date"))
            unwanted_record = filters.skip_reason(url, fetched_at)
            if unwanted_record:
                skipped[unwanted_record] = skipped.get(unwanted_record, 0) + 1
                continue
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            status = int(record.http_headers.get_statuscode() or 0)
            content_type = record.http_headers.get_header("Content-Type")
            digest = _payload_digest(record)
            location = record.http_headers.get_header("Location")
            offset, length = iterator.get_record_offset(), iterator.get_record_length()
            known = store.find_capture(record_id)
            if known is not None and (known["warc_file"], known["offset"]) != (relative, offset):
                # the same record is archived already (e.g. our own WARC imported back)
                skipped["already-archived"] = skipped.get("already-archived", 0) + 1
                continue
            page_kind, reason = _kind(url, status, content_type)
            if page_kind == "pending":
                parts = urlsplit(url)
                profile = profile_for(profile_name, f"{parts.scheme}://{parts.netloc}",
                                      fetched_at[:10])
                unwanted = not_article_url(url, profile)
                if unwanted:
                    # with a profile: a page the crawl would not have extracted (no article
                    # URL of the profile); without one every page is classified by content
                    page_kind, reason = "page", unwanted
            if kind == "revisit":
                page_kind = "revisit"
                reason = "payload identical to " + (
                    record.rec_headers.get_header("WARC-Refers-To")
                    or record.rec_headers.get_header("WARC-Refers-To-Target-URI") or "an earlier record")
            capture = Capture(
                run_id=run_id, url=url,
                fetched_at=fetched_at, status=status,
                warc=WarcRef(relative, offset, length, record_id),
                payload_digest=digest, content_type=content_type, record_type=kind,
                page_kind=page_kind, reason=reason)
            capture_id = store.add_capture(capture)
            info.captures += 1
            if location and page_kind == "redirect":
                redirects[url] = urljoin(url, location)
            if page_kind == "pending":
                jobs.append(PageJob(capture_id=capture_id, url=url, ref=capture.warc,
                                    warc_root=str(warc_root), fetched_at=capture.fetched_at,
                                    profile_name=profile_name, site_by_domain=True,
                                    languages=filters.languages))
    info.skipped = skipped
    return jobs, redirects


def import_warcs(paths: list[Path], *, archive_dir: Path, site: str | None = None,
                 workers: int | None = None, db: str | None = None,
                 filters: ImportFilters = ImportFilters()) -> tuple[RunReport, list[ImportedFile]]:
    """Import WARC files (see the module docstring); one run of site "import:SITE"."""
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
    warc_root = archive_dir / "warcs"
    run_site = f"import:{site or 'warc'}"
    scratch = archive_dir / ".import-tmp"      # rewritten copies before they move to warcs/
    scratch.mkdir(parents=True, exist_ok=True)
    files: list[ImportedFile] = []
    with open_store(archive_dir, db=db) as store:
        run_id = store.begin_run(run_site, started_at=utc_now(), settings={
            "files": [str(p) for p in paths], "site": site, "profile": profile_name,
            "extractor_version": EXTRACTOR_VERSION, "filters": filters.settings()})
        tally = Tally()
        try:
            jobs: list[PageJob] = []
            redirects: dict[str, str] = {}
            for path in paths:
                try:
                    prepared = prepare(path, temp_dir=scratch)
                except (NotAnArchiveError, OSError) as error:
                    files.append(ImportedFile(source=path, stored=None, error=str(error)))
                    continue
                try:
                    stored = copy_into_archive(prepared.path, warc_root)
                finally:
                    prepared.cleanup()
                info = ImportedFile(source=path, stored=stored, rewritten=prepared.rewritten,
                                    bad=prepared.bad)
                file_jobs, file_redirects = index_file(store, stored, warc_root, run_id=run_id,
                                                       info=info, profile_name=profile_name,
                                                       filters=filters)
                jobs += file_jobs
                redirects.update(file_redirects)
                files.append(info)
            store_results(store, run_jobs(jobs, workers=workers), run_id=run_id, tally=tally,
                          reclassify_articles=True)
            for source, target in redirects.items():
                for _ in range(20):  # follow chains, never loops
                    if target not in redirects or target == source:
                        break
                    target = redirects[target]
                store.add_alias(source, target)
        except BaseException:
            store.finish_run(run_id, finished_at=utc_now(), status="interrupted", exit_code=1,
                             summary=_summary(tally, files))
            raise
        failed = tally.errors["warc_unreadable"] or any(f.failed for f in files)
        status = "failed" if failed else "ok"
        store.finish_run(run_id, finished_at=utc_now(), status=status,
                         exit_code=0 if status == "ok" else 1, summary=_summary(tally, files))
    return RunReport(run_id, run_site, status, tally), files


def _summary(tally: Tally, files: list[ImportedFile]) -> dict[str, Any]:
    summary = tally.summary()
    summary.update({
        "pages_fetched": 0,
        "captures": sum(f.captures for f in files),
        "warc_files": [f.stored.name for f in files if f.stored is not None],
        "files_failed": [f.problem() for f in files if f.failed],
        "records": sum(f.records for f in files),
        "skipped": dict(sorted(sum((Counter(f.skipped) for f in files), Counter()).items())),
    })
    return summary
