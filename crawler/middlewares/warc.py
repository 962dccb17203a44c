"""WarcCaptureMiddleware: write every fetch (request + response) to the run's WARC files.

Settings: NEWS_WARC_ENABLED, NEWS_ARCHIVE_DIR, NEWS_SITE, NEWS_RUN_ID, NEWS_WARC_MAX_SIZE,
NEWS_WARC_GZIP_LEVEL, NEWS_WARC_REVISITS, NEWS_OPERATOR. Sits at order 950, next to the downloader, so it sees each
response as received: before decompression, retries and redirects are handled (3xx, 5xx and
robots.txt are archived too). Building, compressing and appending the records, then committing
the capture row that points at them, run on the crawl's ArchiveWriter thread, in that order, while
the reactor goes on with other responses (the rows of responses queued together are inserted
together: ArchiveWriter.capture). The WARC reference is put in `request.meta["warc"]`, the
capture row id in `request.meta["capture_id"]`, and the `capture_written` signal is sent.

A page rendered by the browser (rendering mode, crawler/render.py) is archived as the browser
fetched it: the page's own HTML as the server sent it (not the rendered DOM, which goes on to
extraction) and then every other exchange the browser made while rendering it (scripts, the
JSON its scripts fetched, pictures...), each a request and a response (or revisit) record and
a capture row of kind `requisite` (main-frame redirects: `redirect`), in one writer job. The
rendered DOM that extraction reads is kept too, as a resource record (`urn:rendered-dom:URL`)
right after the page's response record, where reextract finds it.
"""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response, TextResponse

from archive.records import Capture, WarcRef
from archive.store import Store
from archive.warc import (Exchange, WarcFileSet, WrittenCapture, payload_digest,
                          rendered_dom_uri, safe_name, warc_date)
from crawler import signals as news_signals
from crawler.archive_writer import ArchiveWriter, HoldingStore
from crawler.middlewares.incremental import FULL_FETCH_META
from crawler.render import RENDER_META, BrowserCapture
from crawler.requisites import REQUISITE_META
from crawler.version import __version__


logger = logging.getLogger(__name__)


def _headers_list(headers: Any) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    for name, values in headers.items():
        key = name.decode("latin-1")
        for value in values:
            pairs.append((key, value.decode("latin-1")))
    return pairs


class WarcCaptureMiddleware:
    def __init__(self, crawler: Crawler, files: WarcFileSet, run_id: int,
                 writer: ArchiveWriter) -> None:
        self.crawler = crawler
        self.files = files      # used on the writer thread only
        self.run_id = run_id
        self.writer = writer
        self.revisits = crawler.settings.getbool("NEWS_WARC_REVISITS")
        # set (on the writer thread) once a write failed: the crawl is stopping
        self.write_error: str | None = None
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "WarcCaptureMiddleware":
        settings = crawler.settings
        if not settings.getbool("NEWS_WARC_ENABLED"):
            raise NotConfigured("NEWS_WARC_ENABLED is off")
        archive_dir = settings.get("NEWS_ARCHIVE_DIR")
        if not archive_dir:
            raise NotConfigured("NEWS_ARCHIVE_DIR must be set to capture WARC files")
        site = safe_name(settings.get("NEWS_SITE") or crawler.spidercls.name)
        run_id = settings.getint("NEWS_RUN_ID")
        started = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        warc_root = Path(archive_dir) / "warcs"
        info = {
            "software": f"newsarchive/{__version__} (Scrapy/{scrapy.__version__}; warcio)",
            "operator": settings.get("NEWS_OPERATOR") or None,
            "isPartOf": f"{site}-run{run_id}",
            "worker": settings.get("NEWS_WORKER_ID") or None,
            "http-header-user-agent": settings.get("USER_AGENT"),
            "robots": "obey" if settings.getbool("ROBOTSTXT_OBEY") else "ignore",
            "description": "crawl settings: " + json.dumps({
                "site": site, "run_id": run_id,
                "concurrent_requests": settings.getint("CONCURRENT_REQUESTS"),
                "autothrottle": settings.getbool("AUTOTHROTTLE_ENABLED"),
                "download_timeout": settings.getint("DOWNLOAD_TIMEOUT"),
                "download_maxsize": settings.getint("DOWNLOAD_MAXSIZE"),
            }, sort_keys=True),
        }
        # a worker of a shared crawl (--frontier) writes files of its own: its id is in the name
        worker = settings.get("NEWS_WORKER_ID")
        prefix = f"{site}-{started}-r{run_id}" + (f"-w{safe_name(worker)}" if worker else "")
        files = WarcFileSet(warc_root / site, prefix=prefix,
                            max_size=settings.getint("NEWS_WARC_MAX_SIZE"),
                            gzip_level=settings.getint("NEWS_WARC_GZIP_LEVEL"),
                            info=info, name_base=warc_root)
        writer = ArchiveWriter.for_crawler(crawler)
        assert writer is not None  # NEWS_ARCHIVE_DIR is set
        return cls(crawler, files, run_id, writer)

    async def process_response(self, request: Request, response: Response,
                               spider: scrapy.Spider | None = None) -> Response:
        fetched_at = datetime.now(timezone.utc)
        if self.write_error is not None:
            raise IgnoreRequest(f"not archived (WARC writing failed): {response.url}")
        request_headers = _headers_list(request.headers)
        if not any(k.lower() == "host" for k, _ in request_headers):
            request_headers.insert(0, ("Host", _host_header(request.url)))
        try:
            reason = HTTPStatus(response.status).phrase
        except ValueError:
            reason = ""
        exchange = Exchange(
            url=response.url, method=request.method, request_headers=request_headers,
            request_body=request.body or b"", status=response.status, reason=reason,
            response_headers=_headers_list(response.headers), body=response.body,
            fetched_at=fetched_at, protocol=response.protocol or "HTTP/1.1",
            ip_address=str(response.ip_address) if response.ip_address else None)
        rendered = request.meta.get(RENDER_META)
        others: list[tuple[Exchange, Capture]] = []
        dom: tuple[str, bytes] | None = None
        if isinstance(rendered, BrowserCapture) and "playwright" in response.flags:
            exchange, others = self._rendered(rendered, exchange, response)
            if isinstance(response, TextResponse) and response.status == 200:
                # what extraction reads, kept beside the server's HTML (reextract reads it)
                dom = (f"text/html; charset={response.encoding}", response.body)
        page_kind, why = initial_kind(response)
        if request.meta.get(REQUISITE_META) and (page_kind == "pending" or response.status == 304):
            # never an article candidate, and nothing classifies it later (a 304 to a
            # conditional request is the archived requisite, unchanged)
            page_kind, why = "requisite", None
        capture = Capture(
            # the record's URI (a rendered page may have moved page.url with pushState)
            run_id=self.run_id, url=exchange.url, fetched_at=warc_date(exchange.fetched_at),
            status=response.status, warc=_PENDING_REF, payload_digest="",
            content_type=_header(response, "Content-Type"), page_kind=page_kind, reason=why,
            etag=_header(response, "ETag"), last_modified=_header(response, "Last-Modified"))
        check = (_RevisitCheck(exchange)
                 if self.revisits and not request.meta.get(FULL_FETCH_META) else None)
        try:
            written, capture_ids = await self.writer.capture(
                self._archive, exchange, capture, check, others, dom,
                lookups=check.lookups if check is not None else None)
        except _NotArchived as error:
            raise IgnoreRequest(f"not archived (WARC writing failed): {response.url}") from error
        except OSError as error:
            self._write_failed()
            raise IgnoreRequest(f"not archived (WARC writing failed): {response.url}") from error
        stats = self.crawler.stats
        stats.inc_value("news/warc/records", 2 + 2 * len(others))
        if written.record_type == "revisit":
            stats.inc_value("news/warc/revisits")
        stats.inc_value("news/warc/payload_bytes", len(exchange.body))
        if others:
            stats.inc_value("news/render/exchanges", len(others))
            stats.inc_value("news/render/bytes", sum(len(e.body) for e, _ in others))
            stats.inc_value("news/warc/revisits", sum(
                1 for _, c in others if c.record_type == "revisit"))
        request.meta["warc"] = written.ref.to_dict()
        request.meta["payload_digest"] = written.payload_digest
        request.meta["fetched_at"] = capture.fetched_at
        request.meta["capture_id"] = capture_ids[0]
        self.crawler.signals.send_catch_log(news_signals.capture_written, capture=capture,
                                            request=request, response=response)
        return response

    def _rendered(self, rendered: BrowserCapture, fallback: Exchange,
                  response: Response) -> tuple[Exchange, list[tuple[Exchange, Capture]]]:
        """The page's own exchange as the browser received it (the server's HTML, not the
        rendered DOM that `response` carries), and the browser's other exchanges, each with its
        capture row."""
        main = rendered.main
        if main is None:
            # Chromium reported no main-frame response (served from a cache, a download):
            # the rendered DOM is all there is, and the record says so
            self.crawler.stats.inc_value("news/render/main_missing")
            logger.warning("no network response of %s seen by the browser: archiving the "
                           "rendered DOM as its response", response.url)
            main = fallback
            main.response_headers.append(("X-Newsarchive-Rendered-DOM", "1"))
        if rendered.unreadable:
            self.crawler.stats.inc_value("news/render/unreadable", rendered.unreadable)
        others = []
        for exchange in rendered.exchanges:
            _with_host(exchange)
            status = exchange.status
            kind, why = "requisite", f"fetched by the browser rendering {response.url}"
            location = _header_value(exchange.response_headers, "Location")
            if 300 <= status < 400 and exchange.method == "GET" and location is not None \
                    and _header_value(exchange.request_headers, "Sec-Fetch-Dest") == "document":
                kind, why = "redirect", f"HTTP {status} to {response.urljoin(location)}"
            others.append((exchange, Capture(
                run_id=self.run_id, url=exchange.url, fetched_at=warc_date(exchange.fetched_at),
                status=status, warc=_PENDING_REF, payload_digest="",
                content_type=_header_value(exchange.response_headers, "Content-Type"),
                page_kind=kind, reason=why,
                etag=_header_value(exchange.response_headers, "ETag"),
                last_modified=_header_value(exchange.response_headers, "Last-Modified"))))
        return _with_host(main), others

    # -- on the writer thread ----------------------------------------------------------------
    def _archive(self, store: HoldingStore, exchange: Exchange, capture: Capture,
                 check: _RevisitCheck | None, others: list[tuple[Exchange, Capture]] | None = None,
                 dom: tuple[str, bytes] | None = None) -> WrittenCapture:
        """Write the records, then hold the capture row pointing at them (writer thread; the
        writer inserts it, the page's row first).

        After a failed write nothing more is written: the file is left `.open` for the next
        run's repair, and responses still queued are not archived (nor stored)."""
        if self.write_error is not None:
            raise _NotArchived(self.write_error)
        try:
            written = self._write(store, exchange, revisit=check is not None, check=check)
            if dom is not None:
                self.files.write_resource(
                    rendered_dom_uri(exchange.url), dom[1], content_type=dom[0],
                    fetched_at=exchange.fetched_at, concurrent_to=written.ref.record_id)
        except OSError as error:
            self._failed(error)
            self.files.abandon()
            raise
        store.hold_capture(_pointing_at(capture, written))
        for other, other_capture in others or ():
            # a rendered page's other exchanges, after the page (a replay finds the page first)
            try:
                done = self._write(store, other, revisit=self.revisits)
            except OSError as error:
                self._failed(error)
                self.files.abandon()
                raise
            store.hold_capture(_pointing_at(other_capture, done))
        return written

    def _failed(self, error: OSError) -> None:
        """Remember a failed write or close: nothing more is written this run."""
        self.write_error = f"{error.strerror or error} ({type(error).__name__}, errno {error.errno})"

    def _write(self, store: HoldingStore, exchange: Exchange, *, revisit: bool,
               check: _RevisitCheck | None = None) -> WrittenCapture:
        """A response record, or (`revisit`) a revisit record when the archive already holds
        the payload: the same payload digest for this URL (identical-payload-digest), or a 304
        answer to a conditional request (server-not-modified)."""
        digest = None
        if revisit:
            if exchange.status == 304:
                original = store.last_capture(exchange.url)
                profile = "server-not-modified"
            else:
                # hashed once: warcio reuses it below
                digest = check.digest() if check is not None else payload_digest(exchange.body)
                original = store.last_capture(exchange.url, payload_digest=digest)
                profile = "identical-payload-digest"
            if original is not None:
                return self.files.write_revisit(
                    exchange, payload_digest=original["payload_digest"],
                    refers_to_uri=original["url"], refers_to_date=original["fetched_at"],
                    refers_to_id=original["record_id"], profile=profile)
        return self.files.write_exchange(exchange, digest=digest)

    # -- on the reactor thread -----------------------------------------------------------------
    def _write_failed(self) -> None:
        """Disk full, file too large, read-only or missing directory: stop the crawl cleanly.

        The file being written may end in a partial record, so it stays `.open` (never renamed
        to look finished); the next run's repair cuts it after its last complete record, and
        every capture already recorded points before that. Responses still in flight are not
        archived, so nothing is stored without its WARC record."""
        stats = self.crawler.stats
        if stats.get_value("news/warc/write_error"):
            return  # already stopping
        stats.set_value("news/warc/write_error", self.write_error)
        logger.error("WARC writing failed, stopping the crawl: %s", self.write_error)
        assert self.crawler.engine is not None
        from scrapy.utils.defer import deferred_from_coro

        deferred_from_coro(self.crawler.engine.close_spider_async(reason="warc_write_failed"))

    def spider_closed(self, spider: scrapy.Spider, reason: str) -> None:
        files = self.writer.run_now(self._close_files)
        self.crawler.stats.set_value("news/warc/files", [str(p) for p in files])
        self.crawler.stats.set_value("news/warc/bytes", sum(p.stat().st_size for p in files))

    def _close_files(self, store: Store) -> list[Path]:
        """After the last queued record: finish the current file (writer thread)."""
        if self.write_error is not None:
            return list(self.files.completed)
        try:
            return self.files.close()
        except OSError as error:  # the final flush/fsync/rename failed: same as a failed write
            self._failed(error)
            self.crawler.stats.set_value("news/warc/write_error", self.write_error)
            return list(self.files.completed)


class _RevisitCheck:
    """What a response's revisit check asks the store (writer thread): the newest response of
    its URL, with its payload digest unless it is a 304. The writer asks those of the responses
    queued together in one query (ArchiveWriter.capture's `lookups`); the digest is hashed once,
    for that query and the record."""

    def __init__(self, exchange: Exchange) -> None:
        self.exchange = exchange
        self._digest: str | None = None

    def digest(self) -> str:
        if self._digest is None:
            self._digest = payload_digest(self.exchange.body)
        return self._digest

    def lookups(self) -> list[tuple[str, str | None]]:
        return [(self.exchange.url, None if self.exchange.status == 304 else self.digest())]


def _pointing_at(capture: Capture, written: WrittenCapture) -> Capture:
    """The capture row filled in with the record it was written to."""
    capture.warc = written.ref
    capture.payload_digest = written.payload_digest
    capture.record_type = written.record_type
    return capture


class _NotArchived(Exception):
    """A response reached the writer after an earlier write failed."""


# The capture's WARC reference is filled in on the writer thread, once the records are written.
_PENDING_REF = WarcRef(warc_file="", offset=0, length=0, record_id="")


def initial_kind(response: Response) -> tuple[str, str | None]:
    """What a fetch is before any parsing: robots.txt, a redirect (and where to), an error,
    or pending (the spider and pipelines classify it)."""
    if urlsplit(response.url).path == "/robots.txt":
        return "robots", None
    if 300 <= response.status < 400:
        location = response.headers.get("Location")
        if location:
            return "redirect", f"HTTP {response.status} to {response.urljoin(location.decode('latin-1'))}"
        return "redirect", f"HTTP {response.status}"
    if response.status >= 400:
        return "error", f"HTTP {response.status}"
    return "pending", None


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _host_header(url: str) -> str:
    return urlsplit(url).netloc


def _header_value(headers: list[tuple[str, str]], name: str) -> str | None:
    name = name.lower()
    return next((v for k, v in headers if k.lower() == name), None)


def _with_host(exchange: Exchange) -> Exchange:
    """A request record names its Host (Chromium reports HTTP/1.1 requests without it)."""
    if _header_value(exchange.request_headers, "Host") is None:
        exchange.request_headers.insert(0, ("Host", _host_header(exchange.url)))
    return exchange
