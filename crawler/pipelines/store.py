"""StorePipeline: record every capture, deduplicate and store articles.

Settings: NEWS_ARCHIVE_DIR, NEWS_RUN_ID. Listens to `capture_written` so every fetch becomes a
capture row (robots.txt, redirects and errors included), classifies pages the spider saw, and
stores articles through the records store, whose transaction makes the dedup decision
(new / unchanged / updated / duplicate). Stats: news/articles/<outcome>, news/fields/<f>/filled.
"""
from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import scrapy
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import Response

from archive.records import Capture
from archive.store import Store, open_store
from crawler import signals as news_signals
from crawler.extract import EXTRACTOR_VERSION
from crawler.extract.urls import normalize_url
from crawler.items import PageItem, PageSeen

def initial_kind(capture: Capture) -> tuple[str, str | None]:
    """What a capture is before any parsing: robots.txt, a redirect, an error, or pending."""
    if urlsplit(capture.url).path == "/robots.txt":
        return "robots", None
    if 300 <= capture.status < 400:
        return "redirect", f"HTTP {capture.status}"
    if capture.status >= 400:
        return "error", f"HTTP {capture.status}"
    return "pending", None


class StorePipeline:
    def __init__(self, crawler: Crawler, store: Store, run_id: int) -> None:
        self.crawler = crawler
        self.store = store
        self.run_id = run_id
        # redirect source URL -> target URL, resolved to article aliases when the crawl ends
        # (the target may be fetched later, or was fetched earlier and is not fetched again)
        self.redirects: dict[str, str] = {}
        crawler.signals.connect(self.capture_written, signal=news_signals.capture_written)
        crawler.signals.connect(self.spider_closed, signal=scrapy.signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StorePipeline":
        archive_dir = crawler.settings.get("NEWS_ARCHIVE_DIR")
        if not archive_dir:
            raise NotConfigured("NEWS_ARCHIVE_DIR must be set to store records")
        run_id = crawler.settings.getint("NEWS_RUN_ID")
        if not run_id:
            raise NotConfigured("NEWS_RUN_ID must name the crawl-run row (newsarchive crawl sets it)")
        return cls(crawler, open_store(archive_dir), run_id)

    def capture_written(self, capture: Capture, request: Request, response: Response) -> None:
        capture.page_kind, capture.reason = initial_kind(capture)
        location = response.headers.get("Location") if 300 <= capture.status < 400 else None
        if location:
            target = response.urljoin(location.decode("latin-1"))
            capture.reason = f"HTTP {capture.status} to {target}"
            self.redirects[capture.url] = target
        request.meta["capture_id"] = self.store.add_capture(capture)
        self.crawler.stats.inc_value("news/captures")
        if capture.page_kind == "error":
            self.crawler.stats.inc_value(f"news/errors/http_{capture.status}")

    def process_item(self, item: Any, spider: scrapy.Spider | None = None) -> Any:
        stats = self.crawler.stats
        if isinstance(item, PageSeen):
            if item.capture_id is not None:
                self.store.classify_capture(item.capture_id, page_kind=item.page_kind, reason=item.reason)
            stats.inc_value(f"news/pages/{item.page_kind}")
            raise DropItem(f"{item.page_kind}: {item.url}", log_level="DEBUG")
        if not isinstance(item, PageItem):
            return item
        if item.rejected:
            kind, reason = item.rejected
            if item.capture_id is not None:
                self.store.classify_capture(item.capture_id, page_kind=kind, reason=reason)
            stats.inc_value(f"news/pages/{kind}")
            raise DropItem(f"{kind} ({reason}): {item.url}", log_level="INFO")
        if item.capture_id is None:
            raise DropItem(f"no capture recorded for {item.url}", log_level="WARNING")
        if item.status == 304:
            unchanged = self.store.mark_unchanged(item.capture_id, item.url, run_id=self.run_id)
            outcome = unchanged.outcome if unchanged else "unknown"
            item.outcome = outcome
            stats.inc_value(f"news/articles/{outcome}")
            return item
        record = item.article.to_record()
        result = self.store.store_article(
            item.capture_id, record, run_id=self.run_id, extractor_version=EXTRACTOR_VERSION,
            fetched_urls=[item.url, *item.redirect_urls],
            alternate=normalize_url(item.url) != record["canonical_url"])
        item.outcome = result.outcome
        stats.inc_value(f"news/articles/{result.outcome}")
        return item

    def spider_closed(self, spider: scrapy.Spider, reason: str) -> None:
        for source, target in self.redirects.items():
            for _ in range(20):  # follow chains, never loops
                if target not in self.redirects or target == source:
                    break
                target = self.redirects[target]
            self.store.add_alias(source, target)
        self.store.close()
