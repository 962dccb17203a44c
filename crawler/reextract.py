"""Rebuild article records from archived WARC records, without fetching anything again.

`newsarchive reextract` (after an extractor improvement) and `newsarchive import-warc` (WARC
files written by other tools) share this module: a page's bytes come out of a WARC record, are
decoded exactly as the crawler decodes a live response (Content-Encoding undone, chunked
transfer-encoding undone, charset from the BOM / HTTP Content-Type / <meta> checked against the
bytes, then detected: crawler.extract.html.decode_html), then go through the crawler's extract -> validate -> store steps: the same
`extract_page()`, the same content-based `verdict()` (article, listing or non-article), the
same `Store.store_article()`, whose content hash decides whether anything really changed. Each new version records EXTRACTOR_VERSION.
A page crawled in rendering mode whose HTML is a script shell is re-extracted from the DOM the
browser rendered, archived right after it (archive.warc.read_rendered_dom).
Pages of import runs get the site import-warc gives them (their host's registered domain), so
re-extracting them changes nothing that did not change.

Extraction runs in a process pool (it is CPU-bound: lxml parsing); the parent process is the
one writer to the store, as SQLite wants. Settings read: NEWS_MIN_ARTICLE_WORDS (its default in
crawler.settings).
"""
from __future__ import annotations

import io
import multiprocessing
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator

from archive.records import WarcRef
from archive.store import Store, open_store
from archive.store.base import PreparedArticle, prepare_fields
from archive.store.sqlite import utc_now as now_iso
from archive.warc import read_record_bytes, read_rendered_dom
from crawler import settings as default_settings
from crawler.exceptions import UnknownProfileError
from crawler.extract import EXTRACTOR_VERSION, ExtractionError, extract_page
from crawler.extract.classify import NEEDS_JAVASCRIPT
from crawler.extract.html import decode_html
from crawler.extract.limits import cpu_time_limit
from crawler.extract.urls import normalize_url, registered_domain
from crawler.profiles import SiteProfile, get_profile

# Below this many pages a process pool costs more than it saves.
POOL_MIN_PAGES = 16
# Results stored per batch: within a batch, pages fetched under their canonical URL are stored
# before tracking/print/AMP variants (PageResult.store_rank), so a variant does not make an
# article's first version.
STORE_BATCH = 256
_HTML_TYPES = ("text/html", "application/xhtml+xml")
# Framing the payload no longer has once content_stream() undid it.
_DECODED_HEADERS = {b"content-encoding", b"transfer-encoding", b"content-length"}


class WarcReadError(Exception):
    """A WARC record could not be read back (missing file, truncated, not the expected record)."""


@dataclass(frozen=True, slots=True)
class PageJob:
    """One archived response to extract: where its record is and how to extract it."""

    capture_id: int
    url: str
    ref: WarcRef
    warc_root: str
    fetched_at: str
    profile_name: str | None = None          # a site profile, used at the capture's date
    was_article: bool = False                 # reextract: the capture already made an article
    site_by_domain: bool = False              # imports: the article's site is the registered
                                              # domain of its host, not the host
    languages: tuple[str, ...] = ()           # imports: articles in other languages are filtered
    # imports: (status, HTTP headers, payload) as read_http returns them, taken from the record
    # the importer has just read; None: read_http reads the record back from the WARC
    http: tuple[int, list[tuple[str, str]], bytes] | None = None
    # imports: the worker prepares the article for the store (archive.store.base.prepare_fields)
    # so that the one process writing to the store does not; reextract leaves it to the store,
    # which skips the signature of content it holds already (most re-extracted pages)
    prepare: bool = False


@dataclass(slots=True)
class PageResult:
    """What extraction made of one job: an article record, or why not."""

    capture_id: int
    url: str
    record: dict[str, Any] | None = None
    kind: str | None = None                   # "error" | "non-article" | "listing" | "filtered"
    reason: str | None = None
    error_key: str | None = None              # summary key of an error, e.g. extraction_parse
    was_article: bool = False
    # fetched under another URL than the record's canonical one (print, AMP, tracking
    # parameters: normalize_url tells), set with the record
    alternate: bool = False
    prepared: PreparedArticle | None = None   # the record prepared for the store (PageJob.prepare)

    @property
    def store_rank(self) -> int:
        """0: fetched under its canonical URL; 1: a tracking-parameter variant of it; 2: an
        alternate page (print, AMP). Stored in this order, so the article's first version and
        its `url` come from the canonical page, as in a crawl (which strips tracking
        parameters before fetching)."""
        if self.record is None or self.url == self.record["canonical_url"]:
            return 0
        return 2 if self.alternate else 1


@dataclass(slots=True)
class Tally:
    """Counts of one reextract/import run, kept as its run summary."""

    pages: int = 0
    outcomes: Counter[str] = field(default_factory=Counter)
    kinds: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    regressions: list[str] = field(default_factory=list)   # articles that no longer extract

    @property
    def new_versions(self) -> int:
        return self.outcomes["new"] + self.outcomes["updated"] + self.outcomes["republished"]

    @property
    def not_articles(self) -> int:
        """Pages read whose content is no article: listings and other non-articles."""
        return self.kinds["listing"] + self.kinds["non-article"]

    def summary(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "articles": {outcome: self.outcomes[outcome]
                         for outcome in ("new", "updated", "unchanged", "duplicate",
                                         "republished")},
            "new_versions": self.new_versions,
            "non_articles": self.kinds["non-article"],
            "listing_pages": self.kinds["listing"],  # as a crawl's run summary calls them
            "not_articles": self.not_articles,
            "filtered_language": self.kinds["filtered"],
            "errors": dict(sorted(self.errors.items())),
            "regressions": self.regressions[:50],
            "extractor_version": EXTRACTOR_VERSION,
        }


# --- reading and decoding ---------------------------------------------------------------------
def read_http(warc_root: str | Path, ref: WarcRef) -> tuple[int, list[tuple[str, str]], bytes]:
    """(status, HTTP headers, payload) of a response record, the payload as a browser gets it:
    chunked transfer-encoding and Content-Encoding (gzip, deflate, br) undone by warcio."""
    try:
        data = read_record_bytes(warc_root, ref)
    except (OSError, ValueError) as error:
        raise WarcReadError(f"{ref.warc_file}@{ref.offset}: {error}") from error
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            record_id = record.rec_headers.get_header("WARC-Record-ID")
            if record_id != ref.record_id:
                raise WarcReadError(f"{ref.warc_file}@{ref.offset}: expected record "
                                    f"{ref.record_id}, found {record_id}")
            if record.http_headers is None:
                raise WarcReadError(f"{ref.warc_file}@{ref.offset}: record has no HTTP headers")
            status = int(record.http_headers.get_statuscode() or 0)
            return status, list(record.http_headers.headers), record.content_stream().read()
    except WarcReadError:
        raise
    except Exception as error:  # warcio raises several types on damaged records
        raise WarcReadError(f"{ref.warc_file}@{ref.offset}: {type(error).__name__}: "
                            f"{error}") from error
    raise WarcReadError(f"{ref.warc_file}@{ref.offset}: no WARC record there")


def decode_page(url: str, headers: Sequence[tuple[str, str]], body: bytes) -> str | bytes:
    """The page text as the crawl's page worker decodes it: Scrapy picks the response class
    from the headers and body (text or not); text is decoded by crawler.extract.html's
    decode_html (BOM, HTTP charset, <meta>, each checked against the bytes, then detection)."""
    from scrapy.http import Headers, TextResponse
    from scrapy.responsetypes import responsetypes

    scrapy_headers = Headers()
    for name, value in headers:
        if name.lower().encode("latin-1") not in _DECODED_HEADERS:
            scrapy_headers.appendlist(name, value)
    cls = responsetypes.from_args(headers=scrapy_headers, url=url, body=body)
    if not issubclass(cls, TextResponse):
        return body
    content_type = scrapy_headers.get("Content-Type")
    try:
        return decode_html(body, content_type=content_type.decode("latin-1") if content_type
                           else None)
    except ExtractionError:
        return body  # not HTML: extract() says what it is


def is_html(content_type: str | None) -> bool:
    """Whether a capture may be a page: HTML, or no Content-Type at all (Scrapy then sniffs)."""
    if not content_type:
        return True
    return content_type.split(";", 1)[0].strip().lower() in _HTML_TYPES


@lru_cache(maxsize=64)
def profile_for(name: str | None, base: str, day: str) -> SiteProfile | None:
    """The site profile valid on `day` for a site served at `base` (scheme://host[:port]), or
    None for a name that is no profile (profile-less crawls are named after their host)."""
    if not name:
        return None
    try:
        profile = get_profile(name, at=date.fromisoformat(day) if day else None)
    except (UnknownProfileError, ValueError):
        return None
    return profile.with_base_url(base)


def not_article_url(url: str, profile: SiteProfile | None) -> str | None:
    """Why a URL is no article candidate, as the crawl's spider decides: with a profile, its
    article pattern (the crawl extracts only pages matching it; content still decides among
    them); without one, every page is a candidate, and its content decides (listings are
    told from articles by crawler.extract.classify, not by their URL)."""
    if profile is not None and not profile.is_article_url(url):
        return f"not an article URL of profile {profile.name}"
    return None


def _extraction_failed(result: PageResult, error: ExtractionError) -> PageResult:
    # the same wording as crawler.pipelines.extract, so captures read alike
    result.kind = "error"
    result.reason = f"extraction failed ({error.reason}): {error.message}"
    result.error_key = f"extraction_{error.reason}"
    return result


def extract_job(job: PageJob) -> PageResult:
    """Read, decode, extract and validate one archived page (runs in a pool worker)."""
    from crawler.pipelines.validate import verdict

    result = PageResult(job.capture_id, job.url, was_article=job.was_article)
    parts = urlsplit(job.url)
    profile = profile_for(job.profile_name, f"{parts.scheme}://{parts.netloc}",
                          job.fetched_at[:10])
    try:
        status, headers, body = job.http or read_http(job.warc_root, job.ref)
    except WarcReadError as error:
        result.kind, result.reason, result.error_key = "error", f"WARC unreadable: {error}", \
            "warc_unreadable"
        return result
    if status != 200:
        result.kind, result.reason = "error", f"HTTP {status}"
        return result
    try:
        with cpu_time_limit(default_settings.NEWS_EXTRACT_CPU_LIMIT):
            article, signals = extract_page(decode_page(job.url, headers, body), job.url,
                                            profile=profile)
    except ExtractionError as error:
        return _extraction_failed(result, error)
    rejected = verdict(article, signals, min_words=default_settings.NEWS_MIN_ARTICLE_WORDS)
    if rejected is not None and rejected[1] == NEEDS_JAVASCRIPT:
        # crawled in rendering mode: extraction read the DOM the browser rendered, archived
        # next to the server's HTML (crawler/render.py)
        try:
            dom = read_rendered_dom(job.warc_root, job.ref, job.url)
        except (OSError, ValueError):
            dom = None  # none, or cut by a repair: the page stays what its HTML says
        if dom is not None:
            try:
                with cpu_time_limit(default_settings.NEWS_EXTRACT_CPU_LIMIT):
                    article, signals = extract_page(
                        decode_page(job.url, [("Content-Type", dom[0])], dom[1]), job.url,
                        profile=profile)
            except ExtractionError as error:
                return _extraction_failed(result, error)
            rejected = verdict(article, signals,
                               min_words=default_settings.NEWS_MIN_ARTICLE_WORDS)
    if rejected:  # decided by content, as in a crawl (crawler.extract.classify)
        result.kind, result.reason = rejected
        return result
    record = article.to_record()
    if job.languages and record.get("language") not in job.languages:
        result.kind = "filtered"
        result.reason = (f"language {record.get('language') or 'unknown'} is not "
                         f"{' or '.join(job.languages)} (--language)")
        return result
    if job.site_by_domain:
        record["site"] = registered_domain(job.url)
    result.record = record
    result.alternate = normalize_url(job.url) != record["canonical_url"]
    if job.prepare:
        result.prepared = prepare_fields(record)
    return result


def run_jobs(jobs: Sequence[PageJob], *, workers: int | None = None) -> Iterator[PageResult]:
    """extract_job over `jobs`, results in job order; a process per core for large batches."""
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(jobs) < POOL_MIN_PAGES:
        yield from map(extract_job, jobs)
        return
    # fork: workers inherit the imported extractor; they never touch the parent's SQLite handle
    context = multiprocessing.get_context("fork")
    with context.Pool(workers) as pool:
        yield from pool.imap(extract_job, jobs, chunksize=4)


# --- storing ----------------------------------------------------------------------------------
def store_results(store: Store, results: Iterable[PageResult], *, run_id: int, tally: Tally,
                  reclassify_articles: bool = False) -> None:
    """Store extraction results through the crawler's own store step, in batches (canonical
    pages before their variants, see STORE_BATCH)."""
    batch: list[PageResult] = []
    for result in results:
        batch.append(result)
        if len(batch) >= STORE_BATCH:
            _store_batch(store, batch, run_id=run_id, tally=tally,
                         reclassify_articles=reclassify_articles)
            batch = []
    _store_batch(store, batch, run_id=run_id, tally=tally, reclassify_articles=reclassify_articles)


def _store_batch(store: Store, batch: list[PageResult], *, run_id: int, tally: Tally,
                 reclassify_articles: bool) -> None:
    for result in sorted(batch, key=lambda r: r.store_rank):  # stable: keeps fetch order
        tally.pages += 1
        if result.record is None:
            kind = result.kind or "error"
            tally.kinds[kind] += 1
            if result.error_key:
                tally.errors[result.error_key] += 1
            if result.was_article and not reclassify_articles:
                # an archived article the current extractor no longer accepts: keep what was
                # stored, report it loudly instead of un-archiving it (a record that could not
                # be read says nothing of the extractor: it is counted as unreadable only)
                if result.error_key != "warc_unreadable":
                    tally.regressions.append(f"{result.url}: {result.reason}")
                    tally.errors["article_no_longer_extracts"] += 1
                continue
            store.classify_capture(result.capture_id, page_kind=kind, reason=result.reason)
            continue
        stored = store.store_article(
            result.capture_id, result.record, run_id=run_id, extractor_version=EXTRACTOR_VERSION,
            fetched_urls=[result.url], alternate=result.alternate, prepared=result.prepared)
        tally.outcomes[stored.outcome] += 1


# --- reextract ----------------------------------------------------------------------------------
@dataclass(slots=True)
class RunReport:
    run_id: int
    site: str
    status: str
    tally: Tally


def reextract(archive_dir: Path, *, site: str | None = None,
              workers: int | None = None, db: str | None = None) -> RunReport:
    """Extract again every capture worth it (Store.reextract_candidates) with the current
    extractor, and store what changed. Recorded as a run of site "reextract:SITE"."""
    archive_dir = Path(archive_dir)
    warc_root = str(archive_dir / "warcs")
    run_site = f"reextract:{site}" if site else "reextract"
    with open_store(archive_dir, db=db) as store:
        sites = [site, f"import:{site}"] if site else None
        candidates = store.reextract_candidates(sites=sites)
        run_id = store.begin_run(run_site, started_at=now_iso(),
                                 settings={"site": site, "extractor_version": EXTRACTOR_VERSION,
                                           "captures": len(candidates)})
        jobs = [PageJob(
            capture_id=int(c["id"]), url=c["url"],
            ref=WarcRef(c["warc_file"], int(c["offset"]), int(c["length"]), c["record_id"]),
            warc_root=warc_root, fetched_at=c["fetched_at"],
            profile_name=profile_name(c["run_site"]),
            was_article=c["page_kind"] == "article",
            site_by_domain=str(c["run_site"] or "").startswith("import:"))
            for c in candidates if is_html(c["content_type"])]
        tally = Tally()
        try:
            store_results(store, run_jobs(jobs, workers=workers), run_id=run_id, tally=tally)
        except BaseException:
            store.finish_run(run_id, finished_at=now_iso(), status="interrupted", exit_code=1,
                             summary=tally.summary())
            raise
        status = "failed" if tally.errors["warc_unreadable"] else "ok"
        store.finish_run(run_id, finished_at=now_iso(), status=status,
                         exit_code=0 if status == "ok" else 1, summary=tally.summary())
    return RunReport(run_id, run_site, status, tally)


def profile_name(run_site: str | None) -> str | None:
    """The profile a capture's run used: the run's site ("demo", "import:demo"), when that is a
    profile name; None for profile-less crawls (named after their host)."""
    if not run_site:
        return None
    name = run_site.split(":", 1)[1] if run_site.startswith(("import:", "reextract:")) else run_site
    try:
        get_profile(name)
    except UnknownProfileError:
        return None
    return name


def format_report(report: RunReport, *, verb: str = "re-extracted") -> str:
    t = report.tally
    o = t.outcomes
    lines = [f"run {report.run_id} ({report.site}): {report.status}",
             f"  pages {verb} {t.pages}: new versions {t.new_versions} (new articles {o['new']}, "
             f"updated {o['updated']}"
             + (f", republished {o['republished']}" if o["republished"] else "")
             + f"), unchanged {o['unchanged']}, duplicate {o['duplicate']}, "
             f"not articles {t.not_articles} (listings {t.kinds['listing']}, other "
             f"{t.kinds['non-article']})"
             + (f", other languages {t.kinds['filtered']}" if t.kinds["filtered"] else "")
             + f", errors {sum(t.errors.values())}"]
    if t.errors:
        lines.append("  errors: " + ", ".join(f"{k} {v}" for k, v in sorted(t.errors.items())))
    for line in t.regressions[:5]:
        lines.append(f"  no longer an article: {line}")
    return "\n".join(lines)
