"""RequisitesMiddleware: size limits and figures of page requisites (crawler/requisites.py).

Settings: NEWS_REQUISITES_ENABLED, NEWS_REQUISITES_MAX_SIZE, NEWS_REQUISITES_MAX_PAGE_SIZE.
Sits at order 900, after robots.txt, the safety guard and the incremental middleware in the
request path, and before the stats and retry middlewares in the exception path, so a refusal
is neither retried nor counted as a download error.

A requisite request gets Scrapy's `download_maxsize`: the smaller of NEWS_REQUISITES_MAX_SIZE
and what is left of its page's NEWS_REQUISITES_MAX_PAGE_SIZE (the bytes of the page's requisites
fetched so far; requisites of one page fetched at the same moment can together pass the page
limit by what was in flight). Scrapy's downloader cancels a download past it, from the
Content-Length or while receiving; the request then fails as a `RequisiteRefused`
(`requisite_too_large`), kept with its URL in the run summary's failures. A page whose limit
is spent gets no more requisites (`requisite_page_limit`). A 200 MB video named by a page is
never downloaded, and never archived.

Stats: news/requisites/fetched, news/requisites/bytes, news/requisites/kind/<kind>,
news/requisites/refused/<too_large|page_limit>.
"""
from __future__ import annotations

from typing import Any

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DownloadCancelledError, IgnoreRequest, NotConfigured
from scrapy.http import Response
from twisted.internet.defer import CancelledError

from crawler.requisites import KIND_META, REQUISITE_META

_LIMIT_META = "news_requisite_limit"


class RequisiteRefused(IgnoreRequest):
    """A requisite not fetched because of a size limit; `kind` names which."""

    def __init__(self, message: str, *, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


class RequisitesMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.max_size = settings.getint("NEWS_REQUISITES_MAX_SIZE")
        self.max_page_size = settings.getint("NEWS_REQUISITES_MAX_PAGE_SIZE")
        # bytes of requisites fetched per page (by hash of the page URL: a run of 100,000
        # pages keeps ints, not URLs)
        self.spent: dict[int, int] = {}

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RequisitesMiddleware":
        if not crawler.settings.getbool("NEWS_REQUISITES_ENABLED"):
            raise NotConfigured("NEWS_REQUISITES_ENABLED is off")
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        page = request.meta.get(REQUISITE_META)
        if page is None:
            return None
        limit = self.max_size
        if self.max_page_size:
            left = self.max_page_size - self.spent.get(hash(page), 0)
            if left <= 0:
                raise self._refuse(request, "page_limit",
                                   f"the requisites of {page} reached NEWS_REQUISITES_MAX_PAGE_SIZE "
                                   f"({self.max_page_size:,} bytes)")
            limit = min(limit, left) if limit else left
        if limit:
            request.meta["download_maxsize"] = limit
            request.meta[_LIMIT_META] = limit
        return None

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        page = request.meta.get(REQUISITE_META)
        if page is not None:
            key = hash(page)
            self.spent[key] = self.spent.get(key, 0) + len(response.body)
            stats = self.crawler.stats
            assert stats is not None
            stats.inc_value("news/requisites/fetched")
            stats.inc_value("news/requisites/bytes", len(response.body))
            stats.inc_value(f"news/requisites/kind/{request.meta.get(KIND_META, 'other')}")
        return response

    def process_exception(self, request: Request, exception: Exception,
                          spider: Spider | None = None) -> Any:
        limit = request.meta.get(_LIMIT_META)
        if limit is not None and isinstance(exception, (DownloadCancelledError, CancelledError)):
            raise self._refuse(request, "too_large",
                               f"larger than the requisite size limit of {limit:,} bytes "
                               f"(NEWS_REQUISITES_MAX_SIZE, NEWS_REQUISITES_MAX_PAGE_SIZE)")
        return None

    def _refuse(self, request: Request, kind: str, why: str) -> RequisiteRefused:
        stats = self.crawler.stats
        assert stats is not None
        stats.inc_value(f"news/requisites/refused/{kind}")
        return RequisiteRefused(f"refused {request.url}: {why}", kind=f"requisite_{kind}")
