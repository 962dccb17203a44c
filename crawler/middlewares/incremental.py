"""IncrementalMiddleware: fetch only what a scheduled run needs.

Settings: NEWS_RECHECK_DAYS (or the profile's recheck_days), NEWS_RECHECK_ALL. Applies to
article requests (meta "news_article"): an article never archived is fetched; one first seen
within the re-check window is re-fetched with If-None-Match / If-Modified-Since from its last
capture; an older one is not fetched again (IgnoreRequest) unless NEWS_RECHECK_ALL is on.
Listing pages, feeds and sitemaps are always fetched.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import scrapy
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured

from crawler.archive_view import ArchiveView


def parse_utc(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


class IncrementalMiddleware:
    def __init__(self, crawler: Crawler, view: ArchiveView) -> None:
        self.crawler = crawler
        self.view = view
        self.recheck_all = crawler.settings.getbool("NEWS_RECHECK_ALL")
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

    def process_request(self, request: Request, spider: scrapy.Spider | None = None) -> None:
        if not request.meta.get("news_article") or request.meta.get("news_conditional_done"):
            return None
        known = self.view.known_article(request.url)
        if known is None:
            return None
        stats = self.crawler.stats
        if not self.recheck_all and self.now - parse_utc(known["first_seen"]) > self.window:
            stats.inc_value("news/incremental/skipped_old")
            raise IgnoreRequest(f"archived article older than the re-check window: {request.url}")
        last = self.view.last_response(request.url) or {}
        if last.get("etag"):
            request.headers.setdefault("If-None-Match", last["etag"])
        if last.get("last_modified"):
            request.headers.setdefault("If-Modified-Since", last["last_modified"])
        request.meta["news_conditional_done"] = True
        stats.inc_value("news/incremental/rechecked")
        return None
