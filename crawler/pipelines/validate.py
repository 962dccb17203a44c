"""ValidatePipeline: decide whether an extracted page is an article.

Settings: NEWS_MIN_ARTICLE_WORDS. Pages that are not articles (listings, stubs, error pages that
answered 200) stay captures with a reason; they never become article records.
"""
from __future__ import annotations

from typing import Any

import scrapy
from scrapy.crawler import Crawler

from crawler.items import PageItem


def rejection_reason(article: Any, *, min_words: int) -> str | None:
    """Why `article` is not an article, or None when it is one."""
    if not article.title:
        return "no title"
    if article.word_count < min_words:
        return f"body has {article.word_count} words (fewer than {min_words})"
    return None


class ValidatePipeline:
    def __init__(self, crawler: Crawler, min_words: int) -> None:
        self.crawler = crawler
        self.min_words = min_words

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "ValidatePipeline":
        return cls(crawler, crawler.settings.getint("NEWS_MIN_ARTICLE_WORDS"))

    def process_item(self, item: Any, spider: scrapy.Spider | None = None) -> Any:
        if not isinstance(item, PageItem) or item.rejected or item.article is None:
            return item
        reason = rejection_reason(item.article, min_words=self.min_words)
        if reason:
            self.crawler.stats.inc_value("news/non_articles")
            item.rejected = ("non-article", reason)
        return item
