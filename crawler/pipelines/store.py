"""StorePipeline: finish the store's record of every page the spider handed over.

Settings: NEWS_ARCHIVE_DIR, NEWS_RUN_ID. Capture rows are written with their WARC records
(WarcCaptureMiddleware); article candidates are extracted and stored by the page worker
(ExtractPipeline). This pipeline records the rest: what listing, feed and sitemap pages were,
why a page is not an article, 304 re-checks (linked to the archived version), and redirect
sources as article aliases when the crawl ends. Its writes go through the crawl's ArchiveWriter
thread, never the reactor's. Stats: news/articles/<outcome>, news/pages/<kind>, news/captures,
news/pages/needs_javascript (and the first NEEDS_JS_KEPT of their URLs).
"""
from __future__ import annotations

from typing import Any

import scrapy
from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.http import Response

from archive.records import Capture
from archive.store import Store
from crawler import signals as news_signals
from crawler.archive_writer import ArchiveWriter
from crawler.items import PageItem, PageSeen
from crawler.extract.classify import NEEDS_JAVASCRIPT
from crawler.requisites import REQUISITE_META

# URLs of pages that need JavaScript kept for the run summary (all are counted)
NEEDS_JS_KEPT = 5


class StorePipeline:
    def __init__(self, crawler: Crawler, writer: ArchiveWriter, run_id: int) -> None:
        self.crawler = crawler
        self.writer = writer
        self.run_id = run_id
        # redirect source URL -> target URL, resolved to article aliases when the crawl ends
        # (the target may be fetched later, or was fetched earlier and is not fetched again)
        self.redirects: dict[str, str] = {}
        crawler.signals.connect(self.capture_written, signal=news_signals.capture_written)
        crawler.signals.connect(self.spider_closed, signal=scrapy.signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "StorePipeline":
        writer = ArchiveWriter.for_crawler(crawler)
        if writer is None:
            raise NotConfigured("NEWS_ARCHIVE_DIR must be set to store records")
        run_id = crawler.settings.getint("NEWS_RUN_ID")
        if not run_id:
            raise NotConfigured("NEWS_RUN_ID must name the crawl-run row (newsarchive crawl sets it)")
        return cls(crawler, writer, run_id)

    def capture_written(self, capture: Capture, request: Request, response: Response) -> None:
        stats = self.crawler.stats
        stats.inc_value("news/captures")
        requisite = bool(request.meta.get(REQUISITE_META))
        if capture.page_kind == "error":
            # a missing picture is no error of the site's pages (health reads news/errors/)
            prefix = "news/requisites/errors" if requisite else "news/errors"
            stats.inc_value(f"{prefix}/http_{capture.status}")
        location = response.headers.get("Location") if 300 <= capture.status < 400 else None
        if location and not requisite:
            self.redirects[capture.url] = response.urljoin(location.decode("latin-1"))

    async def process_item(self, item: Any, spider: scrapy.Spider | None = None) -> Any:
        stats = self.crawler.stats
        if isinstance(item, PageSeen):
            if item.capture_id is not None:
                await self.writer.call(_classify, item.capture_id, item.page_kind, item.reason)
            stats.inc_value(f"news/pages/{item.page_kind}")
            raise DropItem(f"{item.page_kind}: {item.url}", log_level="DEBUG")
        if not isinstance(item, PageItem):
            return item
        if item.rejected:
            kind, reason = item.rejected
            if item.capture_id is not None and not item.stored:
                await self.writer.call(_classify, item.capture_id, kind, reason)
            stats.inc_value(f"news/pages/{kind}")
            if reason == NEEDS_JAVASCRIPT:
                stats.inc_value("news/pages/needs_javascript")
                urls = stats.get_value("news/pages/needs_javascript/urls") or []
                if len(urls) < NEEDS_JS_KEPT:
                    stats.set_value("news/pages/needs_javascript/urls", [*urls, item.url])
            raise DropItem(f"{kind} ({reason}): {item.url}", log_level="INFO")
        if item.capture_id is None:
            raise DropItem(f"no capture recorded for {item.url}", log_level="WARNING")
        if item.status == 304:
            unchanged = await self.writer.call(_mark_unchanged, item.capture_id, item.url,
                                               self.run_id)
            item.outcome = unchanged.outcome if unchanged else "unknown"
        elif not item.stored:  # the page worker stores every article it extracts
            raise DropItem(f"not extracted (NEWS_EXTRACT_ENABLED is off): {item.url}",
                           log_level="DEBUG")
        stats.inc_value(f"news/articles/{item.outcome}")
        return item

    def spider_closed(self, spider: scrapy.Spider, reason: str) -> None:
        aliases = []
        for source, target in self.redirects.items():
            for _ in range(20):  # follow chains, never loops
                if target not in self.redirects or target == source:
                    break
                target = self.redirects[target]
            aliases.append((source, target))
        self.writer.run_now(_add_aliases, aliases)


# --- on the writer thread ---------------------------------------------------------------------
def _classify(store: Store, capture_id: int, page_kind: str, reason: str | None) -> None:
    store.classify_capture(capture_id, page_kind=page_kind, reason=reason)


def _mark_unchanged(store: Store, capture_id: int, url: str, run_id: int) -> Any:
    return store.mark_unchanged(capture_id, url, run_id=run_id)


def _add_aliases(store: Store, aliases: list[tuple[str, str]]) -> None:
    for source, target in aliases:
        store.add_alias(source, target)
