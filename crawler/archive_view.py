"""What the crawl knows of the archive before fetching: read-only lookups for incremental
crawling (known articles, last captures). One read-only store connection per crawler."""
from __future__ import annotations

from typing import Any

from scrapy.crawler import Crawler

from archive.store import Store, open_store
from crawler.extract.urls import normalize_url


class ArchiveView:
    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> "ArchiveView | None":
        """The crawler's view (shared by its components), or None without an archive."""
        view = getattr(crawler, "_news_archive_view", None)
        if view is None:
            archive_dir = crawler.settings.get("NEWS_ARCHIVE_DIR")
            if not archive_dir:
                return None
            view = cls(open_store(archive_dir, readonly=True))
            crawler._news_archive_view = view  # type: ignore[attr-defined]
        return view

    def known_article(self, url: str) -> dict[str, Any] | None:
        """The archived article at `url` (canonical URL or alias, raw or normalised)."""
        return self.store.article_seen(url) or self.store.article_seen(normalize_url(url))

    def last_response(self, url: str, *, payload_digest: str | None = None) -> dict[str, Any] | None:
        """The newest archived response record for `url` (with that payload, if given)."""
        return self.store.last_capture(url, payload_digest=payload_digest)

    def close(self) -> None:
        self.store.close()
