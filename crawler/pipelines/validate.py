"""What makes an extracted page an article (NEWS_MIN_ARTICLE_WORDS). Pages that are not articles
(listings, stubs, error pages that answered 200) stay captures with a page kind and a reason;
they never become article records. The decision is made from the page's content
(crawler.extract.classify), never from its URL. Used by the crawl's page worker
(crawler.pipelines.pages), reextract and import-warc (crawler.reextract)."""
from __future__ import annotations

from typing import Any

from crawler.extract import PageSignals
from crawler.extract.classify import classify


def verdict(article: Any, signals: PageSignals, *, min_words: int) -> tuple[str, str] | None:
    """(page_kind, reason) when the page is not an article ("listing" or "non-article"), None
    when it is one."""
    return classify(article, signals, min_words=min_words)

