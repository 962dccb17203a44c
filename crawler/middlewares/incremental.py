"""IncrementalMiddleware: fetch only what a scheduled run needs.

Settings: NEWS_RECHECK_DAYS (or the profile's recheck_days), NEWS_RECHECK_ALL,
NEWS_CONDITIONAL_PAGES, DOWNLOAD_MAXSIZE.

Article requests (meta "news_article"): an article never archived is fetched; one first seen
within the re-check window is re-fetched with a conditional request built from its last capture;
an older one is not fetched again (IgnoreRequest) unless NEWS_RECHECK_ALL is on. A 304 goes on
to the spider as a 304 (the pipelines link it to the archived version).

Every other request (listing pages, feeds, sitemaps, robots.txt, page requisites) is always sent, conditionally
when the archive holds an earlier 200 for the URL whose WARC record reads back. A 304 answer is
archived by the WARC middleware (a server-not-modified revisit) and then replaced, here, by the
archived response rebuilt from its WARC record (status, headers, payload decoded from its
Content-Encoding), so the spider's callback discovers exactly what it would from a 200. A record
that cannot be read means a full, unconditional fetch: one warning line, no traceback. A
requisite other than a stylesheet is never read back: its 304 is archived and goes on as a 304.

Pages rendered by the browser (rendering mode, crawler/render.py; RenderMiddleware runs first)
are never sent conditionally: their HTML's validators say nothing about the data their scripts
fetch. The re-check window still decides which archived articles are fetched at all.

Conditional requests carry If-None-Match when the server gave an ETag, If-Modified-Since only
when it did not: a server must ignore If-Modified-Since next to If-None-Match (RFC 9110
13.1.3), so the second header is redundant bytes in every archived request record.
"""
from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from typing import Any

import scrapy
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.http import Headers, Response, TextResponse
from scrapy.responsetypes import responsetypes
from scrapy.utils.gz import gunzip

from crawler.archive_view import UNREADABLE, ArchiveView
from crawler.render import RENDER_META
from crawler.requisites import KIND_META, REQUISITE_META

logger = logging.getLogger(__name__)

_CONDITIONAL_HEADERS = ("If-None-Match", "If-Modified-Since")
# request.meta key of a page request sent conditionally: {"url": ..., "capture": last capture}
_META = "news_not_modified"
# request.meta key of a page that must be fetched in full because its archived copy is
# unreadable (WarcCaptureMiddleware then writes a full response record, not a revisit of it)
FULL_FETCH_META = "news_unconditional"
# request.meta key of the archive's answers for a request, asked before it was queued
# (look_ahead): {"url": the request's URL, "known": the known article's first_seen or None
# (article requests), "last": the URL's last capture or None}. It travels with the request
# through a shared crawl's Redis queue; process_request uses it instead of asking again.
LOOKUP_META = "news_archive_lookup"


def parse_utc(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


def _set_conditional(request: Request, capture: dict[str, Any]) -> bool:
    """If-None-Match from the capture's ETag, else If-Modified-Since; False without either."""
    if capture.get("etag"):
        request.headers["If-None-Match"] = capture["etag"]
    elif capture.get("last_modified"):
        request.headers["If-Modified-Since"] = capture["last_modified"]
    else:
        return False
    return True


def _decoders() -> dict[bytes, Callable[[bytes, int], bytes]]:
    """The Content-Encodings Scrapy's HttpCompressionMiddleware decodes, with the same
    size-capped decoders (deflate, br and zstd come from Scrapy's own helpers where present)."""
    decoders: dict[bytes, Callable[[bytes, int], bytes]] = {
        b"gzip": lambda body, size: gunzip(body, max_size=size),
        b"x-gzip": lambda body, size: gunzip(body, max_size=size),
    }
    try:
        from scrapy.utils import _compression
    except ImportError:  # a Scrapy without the helpers: those encodings mean a full fetch
        return decoders
    for name, function in ((b"deflate", "_inflate"), (b"br", "_unbrotli"), (b"zstd", "_unzstd")):
        decoder = getattr(_compression, function, None)
        if decoder is not None:
            decoders[name] = _sized(decoder)
    return decoders


def _sized(decoder: Callable[..., bytes]) -> Callable[[bytes, int], bytes]:
    return lambda body, size: decoder(body, max_size=size)


def decode_content(headers: Headers, payload: bytes, *, max_size: int) -> bytes:
    """The payload as Scrapy would deliver it: Content-Encoding undone (innermost last), and the
    header removed. Raises ValueError for an encoding Scrapy would not have decoded either."""
    encodings = [part.strip().lower() for value in headers.getlist("Content-Encoding")
                 for part in value.split(b",") if part.strip()]
    decoders = _decoders()
    for encoding in reversed(encodings):
        if encoding == b"identity":
            continue
        decoder = decoders.get(encoding)
        if decoder is None:
            raise ValueError(f"cannot decode Content-Encoding {encoding.decode('latin-1')!r}")
        payload = decoder(payload, max_size)
    if encodings:
        del headers["Content-Encoding"]
    return payload


class IncrementalMiddleware:
    def __init__(self, crawler: Crawler, view: ArchiveView) -> None:
        self.crawler = crawler
        self.view = view
        self.recheck_all = crawler.settings.getbool("NEWS_RECHECK_ALL")
        self.conditional_pages = crawler.settings.getbool("NEWS_CONDITIONAL_PAGES")
        self.max_size = crawler.settings.getint("DOWNLOAD_MAXSIZE")
        self.now = datetime.now(timezone.utc)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "IncrementalMiddleware":
        view = ArchiveView.for_crawler(crawler)
        if view is None:
            raise NotConfigured("NEWS_ARCHIVE_DIR must be set for incremental crawling")
        return cls(crawler, view)

    @property
    def window(self) -> timedelta:
        profile = getattr(self.crawler.spider, "profile", None)
        days = profile.recheck_days if profile is not None else self.crawler.settings.getfloat("NEWS_RECHECK_DAYS")
        return timedelta(days=days)

    # -- lookups asked ahead -----------------------------------------------------------------
    def look_ahead(self, requests: Sequence[Request]) -> None:
        """Ask the archive what process_request will ask for each of `requests`, for all of
        them at once (two or three queries on PostgreSQL instead of one or two a request), and
        keep the answers in their meta (LOOKUP_META).

        A shared crawl's scheduler calls it for the requests a response yielded, before they go
        to the Redis queue. The answers are those of that moment: within a run each URL is
        queued once, so only a request fetched again (a killed worker's, a retry) can find them
        older than its own fetch; it is then sent with the validators of the capture before, or
        in full, and the store's dedup decides as for any fetch."""
        articles: list[Request] = []
        pages: list[Request] = []
        for request in requests:
            if request.meta.get("news_article"):
                if not request.meta.get("news_conditional_done"):
                    articles.append(request)
            elif self.conditional_pages and not request.meta.get(RENDER_META) \
                    and self._page_lookup_wanted(request):
                pages.append(request)
        if not (articles or pages):
            return
        known = self.view.known_articles([request.url for request in articles]) if articles else []
        asked = pages + [request for request, article in zip(articles, known)
                         if article is not None]
        lasts = dict(zip((id(request) for request in asked),
                         self.view.last_responses([request.url for request in asked])))
        for request, article in zip(articles, known):
            request.meta[LOOKUP_META] = {
                "url": request.url, "known": article["first_seen"] if article else None,
                "last": lasts.get(id(request))}
        for request in pages:
            request.meta[LOOKUP_META] = {"url": request.url, "known": None,
                                         "last": lasts.get(id(request))}
        self.crawler.stats.inc_value("news/incremental/looked_ahead", len(articles) + len(pages))

    @staticmethod
    def _looked_up(request: Request) -> dict[str, Any] | None:
        """The answers look_ahead kept for this request's URL (not a redirect's source)."""
        looked: dict[str, Any] | None = request.meta.pop(LOOKUP_META, None)
        return looked if looked is not None and looked.get("url") == request.url else None

    # -- request path ----------------------------------------------------------------------
    def process_request(self, request: Request, spider: scrapy.Spider | None = None) -> None:
        looked = self._looked_up(request)
        if request.meta.get("news_article"):
            self._article_request(request, looked)
        elif self.conditional_pages and not request.meta.get(RENDER_META):
            self._page_request(request, looked)
        return None

    def _article_request(self, request: Request, looked: dict[str, Any] | None = None) -> None:
        if request.meta.get("news_conditional_done"):
            return
        if looked is not None:
            first_seen = looked["known"]
        else:
            known = self.view.known_article(request.url)
            first_seen = known["first_seen"] if known is not None else None
        if first_seen is None:
            return
        stats = self.crawler.stats
        if not self.recheck_all and self.now - parse_utc(first_seen) > self.window:
            stats.inc_value("news/incremental/skipped_old")
            raise IgnoreRequest(f"archived article older than the re-check window: {request.url}")
        if looked is not None:
            last = looked["last"] or {}
        else:
            last = self.view.last_response(request.url) or {}
        if request.meta.get(RENDER_META):
            # rendered (crawler/render.py): the HTML's validators say nothing about the data
            # its scripts fetch, so the page is fetched in full and dedup decides
            pass
        elif not any(name in request.headers for name in _CONDITIONAL_HEADERS):
            _set_conditional(request, last)
        request.meta["news_conditional_done"] = True
        stats.inc_value("news/incremental/rechecked")

    @staticmethod
    def _page_lookup_wanted(request: Request) -> bool:
        """Whether _page_request would look the URL's last capture up."""
        prepared = request.meta.get(_META)
        if prepared is not None and prepared["url"] == request.url:
            return False
        return request.method == "GET" and not request.meta.get(FULL_FETCH_META)

    def _page_request(self, request: Request, looked: dict[str, Any] | None = None) -> None:
        prepared = request.meta.get(_META)
        if prepared is not None:
            if prepared["url"] == request.url:
                return  # a retry of the conditional request: headers and meta are in place
            # A redirect copied another URL's conditional headers and meta onto this request.
            for name in _CONDITIONAL_HEADERS:
                request.headers.pop(name, None)
            del request.meta[_META]
        if request.method != "GET" or request.meta.get(FULL_FETCH_META):
            return
        last = looked["last"] if looked is not None else self.view.last_response(request.url)
        if last is None or last.get("status") != 200:
            return
        if not (last.get("etag") or last.get("last_modified")):
            return
        if request.meta.get(REQUISITE_META) and request.meta.get(KIND_META) != "stylesheet":
            # a picture, font or script: nothing is read from it, so a 304 is archived (a
            # server-not-modified revisit) and goes on as a 304; the WARC is not read back
            _set_conditional(request, last)
            self.crawler.stats.inc_value("news/incremental/conditional_requisites")
            return
        try:
            self.view.archived_response(last)
        except UNREADABLE as error:
            self._unreadable(request.url, error)
            request.meta[FULL_FETCH_META] = True
            return
        _set_conditional(request, last)
        request.meta[_META] = {"url": request.url, "capture": last}
        self.crawler.stats.inc_value("news/incremental/conditional_pages")

    # -- response path ---------------------------------------------------------------------
    def process_response(self, request: Request, response: Response,
                         spider: scrapy.Spider | None = None) -> Request | Response:
        prepared = request.meta.get(_META)
        if response.status != 304 or prepared is None or prepared["url"] != request.url:
            return response
        try:
            status, header_list, payload = self.view.archived_response(prepared["capture"])
            headers = Headers(header_list)
            body = decode_content(headers, payload, max_size=self.max_size)
        except UNREADABLE as error:
            self._unreadable(request.url, error)
            return self._full_fetch(request)
        self.crawler.stats.inc_value("news/incremental/not_modified_pages")
        respcls = responsetypes.from_args(headers=headers, url=response.url, body=body)
        kwargs: dict[str, Any] = {"cls": respcls, "status": status, "headers": headers, "body": body,
                                  "flags": [*response.flags, "archived"]}
        if issubclass(respcls, TextResponse):
            kwargs["encoding"] = None  # from the archived headers and body, as on a 200
        rebuilt: Response = response.replace(**kwargs)
        return rebuilt

    def _full_fetch(self, request: Request) -> Request:
        """The same request again, unconditional (the 304 just answered stays archived)."""
        retry = request.replace(dont_filter=True)
        for name in _CONDITIONAL_HEADERS:
            retry.headers.pop(name, None)
        retry.meta.pop(_META, None)
        retry.meta[FULL_FETCH_META] = True
        return retry

    def _unreadable(self, url: str, error: BaseException) -> None:
        self.crawler.stats.inc_value("news/incremental/archive_unreadable")
        logger.warning("archived copy of %s cannot be read (%s: %s); fetching it in full",
                       url, type(error).__name__, error)
