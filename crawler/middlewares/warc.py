"""WarcCaptureMiddleware: write every fetch (request + response) to the run's WARC files.

Settings: NEWS_WARC_ENABLED, NEWS_ARCHIVE_DIR, NEWS_SITE, NEWS_RUN_ID, NEWS_WARC_MAX_SIZE,
NEWS_WARC_GZIP_LEVEL, NEWS_WARC_REVISITS, NEWS_OPERATOR. Sits at order 950, next to the downloader, so it sees each
response as received: before decompression, retries and redirects are handled (3xx, 5xx and
robots.txt are archived too). The WARC reference is put in `request.meta["warc"]` and the
`capture_written` signal is sent so the store can record the capture.
"""
from __future__ import annotations

import json
import logging
from datetime import datetime, timezone
from http import HTTPStatus
from pathlib import Path
from typing import Any

import scrapy
from scrapy import Request, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Response

from archive.records import Capture
from archive.warc import Exchange, WarcFileSet, WrittenCapture, payload_digest, safe_name
from crawler import signals as news_signals
from crawler.archive_view import ArchiveView
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
    def __init__(self, crawler: Crawler, files: WarcFileSet, run_id: int) -> None:
        self.crawler = crawler
        self.files = files
        self.run_id = run_id
        self.revisits = crawler.settings.getbool("NEWS_WARC_REVISITS")
        self.write_error: str | None = None   # set once a write failed: the crawl is stopping
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
        files = WarcFileSet(warc_root / site, prefix=f"{site}-{started}-r{run_id}",
                            max_size=settings.getint("NEWS_WARC_MAX_SIZE"),
                            gzip_level=settings.getint("NEWS_WARC_GZIP_LEVEL"),
                            info=info, name_base=warc_root)
        return cls(crawler, files, run_id)

    def process_response(self, request: Request, response: Response,
                         spider: scrapy.Spider | None = None) -> Response:
        fetched_at = datetime.now(timezone.utc)
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
        if self.write_error is not None:
            raise IgnoreRequest(f"not archived (WARC writing failed): {response.url}")
        try:
            written = self._write(exchange, response)
        except OSError as error:
            self._write_failed(error)
            raise IgnoreRequest(f"not archived (WARC writing failed): {response.url}") from error
        stats = self.crawler.stats
        stats.inc_value("news/warc/records", 2)
        if written.record_type == "revisit":
            stats.inc_value("news/warc/revisits")
        stats.inc_value("news/warc/payload_bytes", len(response.body))
        request.meta["warc"] = written.ref.to_dict()
        request.meta["payload_digest"] = written.payload_digest
        request.meta["fetched_at"] = fetched_at.strftime("%Y-%m-%dT%H:%M:%SZ")
        request.meta.pop("capture_id", None)
        capture = Capture(
            run_id=self.run_id, url=response.url, fetched_at=request.meta["fetched_at"],
            status=response.status, warc=written.ref, payload_digest=written.payload_digest,
            content_type=_header(response, "Content-Type"), record_type=written.record_type,
            etag=_header(response, "ETag"), last_modified=_header(response, "Last-Modified"))
        self.crawler.signals.send_catch_log(news_signals.capture_written, capture=capture,
                                            request=request, response=response)
        return response

    def _write(self, exchange: Exchange, response: Response) -> WrittenCapture:
        """A response record, or a revisit record when the archive already holds the payload:
        the same payload digest for this URL (identical-payload-digest), or a 304 answer to a
        conditional request (server-not-modified)."""
        view = ArchiveView.for_crawler(self.crawler) if self.revisits else None
        digest = None
        if view is not None:
            if response.status == 304:
                original = view.last_response(exchange.url)
                profile = "server-not-modified"
            else:
                digest = payload_digest(exchange.body)  # hashed once: warcio reuses it below
                original = view.last_response(exchange.url, payload_digest=digest)
                profile = "identical-payload-digest"
            if original is not None:
                return self.files.write_revisit(
                    exchange, payload_digest=original["payload_digest"],
                    refers_to_uri=original["url"], refers_to_date=original["fetched_at"],
                    refers_to_id=original["record_id"], profile=profile)
        return self.files.write_exchange(exchange, digest=digest)

    def _write_failed(self, error: OSError) -> None:
        """Disk full, file too large, read-only or missing directory: stop the crawl cleanly.

        The file being written may end in a partial record, so it stays `.open` (never renamed
        to look finished); the next run's repair cuts it after its last complete record, and
        every capture already recorded points before that. Responses still in flight are not
        archived, so nothing is stored without its WARC record."""
        self.write_error = f"{error.strerror or error} ({type(error).__name__}, errno {error.errno})"
        stats = self.crawler.stats
        stats.set_value("news/warc/write_error", self.write_error)
        logger.error("WARC writing failed, stopping the crawl: %s", self.write_error)
        self.files.abandon()
        assert self.crawler.engine is not None
        from scrapy.utils.defer import deferred_from_coro

        deferred_from_coro(self.crawler.engine.close_spider_async(reason="warc_write_failed"))

    def spider_closed(self, spider: scrapy.Spider, reason: str) -> None:
        if self.write_error is not None:
            files = list(self.files.completed)
            self.crawler.stats.set_value("news/warc/files", [str(p) for p in files])
            self.crawler.stats.set_value("news/warc/bytes", sum(p.stat().st_size for p in files))
            return
        try:
            files = self.files.close()
        except OSError as error:  # the final flush/fsync/rename failed: same as a failed write
            self.write_error = f"{error.strerror or error} ({type(error).__name__}, errno {error.errno})"
            self.crawler.stats.set_value("news/warc/write_error", self.write_error)
            files = list(self.files.completed)
        self.crawler.stats.set_value("news/warc/files", [str(p) for p in files])
        self.crawler.stats.set_value("news/warc/bytes", sum(p.stat().st_size for p in files))


def _header(response: Response, name: str) -> str | None:
    value = response.headers.get(name)
    return value.decode("latin-1") if value else None


def _host_header(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).netloc
