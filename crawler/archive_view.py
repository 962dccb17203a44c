"""What the crawl knows of the archive before fetching: read-only lookups for incremental
crawling (known articles, last captures) and the archived payload of a capture, read back from
the WARC files. One read-only store connection per crawler. Reads NEWS_ARCHIVE_DIR and
NEWS_DB_URL (the records database, when it is not the archive's SQLite file)."""
from __future__ import annotations

import zlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from scrapy.crawler import Crawler
from warcio.exceptions import ArchiveLoadFailed

from archive.records import WarcRef
from archive.store import Store, open_store
from archive.warc import payload_digest, read_record
from crawler.extract.urls import normalize_url

# What reading a record back can raise: a missing or cut file, a corrupt gzip member, a record
# that is not (or no longer) the one the capture row names.
UNREADABLE = (OSError, ValueError, EOFError, zlib.error, ArchiveLoadFailed)


T = TypeVar("T")


def per_crawler(crawler: Crawler, attribute: str, make: Callable[[str], T]) -> T | None:
    """The crawler's one `attribute` object, made from NEWS_ARCHIVE_DIR on first use and shared
    by its components; None when the crawl has no archive."""
    found: T | None = getattr(crawler, attribute, None)
    if found is None:
        archive_dir = crawler.settings.get("NEWS_ARCHIVE_DIR")
        if not archive_dir:
            return None
        found = make(archive_dir)
        setattr(crawler, attribute, found)
    return found


class ArchiveView:
    def __init__(self, store: Store, *, warc_root: str | Path | None = None) -> None:
        self.store = store
        self.warc_root = Path(warc_root) if warc_root is not None else None

    @classmethod
    def for_crawler(cls, crawler: Crawler) -> "ArchiveView | None":
        """The crawler's view (shared by its components), or None without an archive."""
        db = crawler.settings.get("NEWS_DB_URL") or None
        return per_crawler(crawler, "_news_archive_view", lambda archive_dir: cls(
            open_store(archive_dir, readonly=True, db=db), warc_root=Path(archive_dir) / "warcs"))

    def known_article(self, url: str) -> dict[str, Any] | None:
        """The archived article at `url` (canonical URL or alias, raw or normalised)."""
        found = self.store.article_seen(url)
        if found is None:
            normal = normalize_url(url)
            if normal != url:
                found = self.store.article_seen(normal)
        return found

    def known_articles(self, urls: Sequence[str]) -> list[dict[str, Any] | None]:
        """known_article of each URL, in order, asked of the store at once (one query on
        PostgreSQL instead of one or two per URL)."""
        normals = [normalize_url(url) for url in urls]
        asked = list(dict.fromkeys([*urls, *(normal for url, normal in zip(urls, normals)
                                              if normal != url)]))
        seen = dict(zip(asked, self.store.articles_seen(asked)))
        return [seen[url] if seen[url] is not None or normal == url else seen[normal]
                for url, normal in zip(urls, normals)]

    def last_responses(self, urls: Sequence[str]) -> list[dict[str, Any] | None]:
        """last_response of each URL, in order, asked of the store at once."""
        return self.store.last_captures([(url, None) for url in urls])

    def last_response(self, url: str, *, payload_digest: str | None = None) -> dict[str, Any] | None:
        """The newest archived response record for `url` (with that payload, if given)."""
        return self.store.last_capture(url, payload_digest=payload_digest)

    def archived_response(self, capture: dict[str, Any]) -> tuple[int, list[tuple[str, str]], bytes]:
        """HTTP status, headers and payload of a capture's response record, read from its WARC
        file. The payload is as stored: still Content-Encoding-encoded if the server sent it so.

        Raises one of UNREADABLE when the record is gone, cut, corrupt, not a response, or its
        payload no longer has the digest the capture row recorded."""
        if self.warc_root is None:
            raise ValueError("the archive view has no WARC folder")
        ref = WarcRef(warc_file=capture["warc_file"], offset=capture["offset"],
                      length=capture["length"], record_id=capture["record_id"])
        warc_headers, http_headers, payload = read_record(self.warc_root, ref)
        if warc_headers.get("WARC-Type") != "response" or http_headers is None:
            raise ValueError(f"{ref.warc_file}@{ref.offset} is not an HTTP response record")
        recorded = capture.get("payload_digest") or ""
        if _is_our_digest(recorded) and payload_digest(payload) != recorded:
            raise ValueError(f"{ref.warc_file}@{ref.offset}: payload digest does not match")
        return int(http_headers.get_statuscode()), list(http_headers.headers), payload

    def close(self) -> None:
        self.store.close()


def _is_our_digest(digest: str) -> bool:
    """A digest in the form our writer (warcio) records: "sha1:" + 32 base32 characters.
    Records imported from other tools may carry other algorithms or encodings: not compared."""
    return digest.startswith("sha1:") and len(digest) == 37
