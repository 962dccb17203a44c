"""ExtractPipeline: run the pure extractor on a fetched page.

Settings: NEWS_EXTRACT_ENABLED, NEWS_MIN_ARTICLE_WORDS. Counts article candidates and the fields
extraction filled on them (news/candidates, news/candidates/filled/<field>). Failures are typed (crawler.extract.ExtractionError), counted as
`news/extraction/failed/<reason>` and recorded on the capture by StorePipeline.
"""
from __future__ import annotations

from typing import Any

import scrapy
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.extract import Article, ExtractionError, extract
from crawler.items import PageItem


class ExtractPipeline:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.min_words = crawler.settings.getint("NEWS_MIN_ARTICLE_WORDS")

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ExtractPipeline":
        if not crawler.settings.getbool("NEWS_EXTRACT_ENABLED"):
            raise NotConfigured("NEWS_EXTRACT_ENABLED is off")
        return cls(crawler)

    def process_item(self, item: Any, spider: scrapy.Spider | None = None) -> Any:
        if not isinstance(item, PageItem) or item.rejected:
            return item
        stats = self.crawler.stats
        if item.status == 304:
            return item  # not modified: StorePipeline links it to the archived version
        if item.status != 200:
            item.rejected = ("error", f"HTTP {item.status}")
            return item
        profile = getattr(self.crawler.spider, "profile", None)
        stats.inc_value("news/candidates")
        try:
            item.article = extract(item.text if item.text is not None else item.body, item.url,
                                   profile=profile)
        except ExtractionError as error:
            stats.inc_value(f"news/extraction/failed/{error.reason}")
            item.rejected = ("error", f"extraction failed ({error.reason}): {error.message}")
            return item
        stats.inc_value("news/extraction/ok")
        for name in filled_fields(item.article, min_words=self.min_words):
            stats.inc_value(f"news/candidates/filled/{name}")
        return item


def filled_fields(article: Article, *, min_words: int) -> list[str]:
    """Which tracked fields extraction filled on a candidate page. The per-run rates (over
    every article candidate, articles or not) are what health checks compare across runs:
    when a layout change breaks extraction, candidates stop validating as articles."""
    filled = []
    if article.title:
        filled.append("title")
    if article.authors:
        filled.append("authors")
    if article.published:
        filled.append("published")
    if article.word_count >= min_words:
        filled.append("body")
    if any(image.caption for image in article.images):
        filled.append("captions")
    if article.section:
        filled.append("section")
    return filled
