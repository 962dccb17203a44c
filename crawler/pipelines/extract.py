"""ExtractPipeline: run the pure extractor on a fetched page.

Settings: NEWS_EXTRACT_ENABLED. Failures are typed (crawler.extract.ExtractionError), counted as
`news/extraction/failed/<reason>` and recorded on the capture by StorePipeline.
"""
from __future__ import annotations

from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.extract import ExtractionError, extract
from crawler.items import PageItem


class ExtractPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ExtractPipeline":
        if not crawler.settings.getbool("NEWS_EXTRACT_ENABLED"):
            raise NotConfigured("NEWS_EXTRACT_ENABLED is off")
        return cls(crawler)

    def process_item(self, item: Any, spider: scrapy.Spider | None = None) -> Any:
        if not isinstance(item, PageItem) or item.rejected:
            return item
        stats = self.crawler.stats
        if item.status != 200:
            item.rejected = ("error", f"HTTP {item.status}")
            return item
        profile = getattr(self.crawler.spider, "profile", None)
        try:
            item.article = extract(item.text if item.text is not None else item.body, item.url,
                                   profile=profile)
        except ExtractionError as error:
            stats.inc_value(f"news/extraction/failed/{error.reason}")
            item.rejected = ("error", f"extraction failed ({error.reason}): {error.message}")
            return item
        stats.inc_value("news/extraction/ok")
        return item
