"""What makes an extracted page an article (NEWS_MIN_ARTICLE_WORDS). Pages that are not articles
(listings, stubs, error pages that answered 200) stay captures with a reason; they never become
article records. Used by the crawl's page worker (crawler.pipelines.pages) and by reextract."""
from __future__ import annotations

from typing import Any


def rejection_reason(article: Any, *, min_words: int) -> str | None:
    """Why `article` is not an article, or None when it is one."""
    if not article.title:
        return "no title"
    if article.word_count < min_words:
        return f"body has {article.word_count} words (fewer than {min_words})"
    return None
