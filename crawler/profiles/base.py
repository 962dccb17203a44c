"""SiteProfile: what newsarchive knows about one news site, as data.

A profile is mostly constants: where sections start, which URLs are articles, where feeds and
sitemaps live, and optional field selectors for extraction. When a site changes its layout, add
a new profile version with a later `valid_from` instead of editing the old one, so re-extraction
of old WARCs uses the profile that was valid when they were captured.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from urllib.parse import urljoin, urlsplit

from crawler.extract.profile import FieldSelectors


@dataclass(frozen=True)
class SiteProfile:
    name: str
    base_url: str
    sections: tuple[str, ...]                 # section start pages (paths or absolute URLs)
    article_pattern: str                      # regex searched in an URL's path(+query)
    allowed_hosts: tuple[str, ...] = ()       # default: the host of base_url
    feeds: tuple[str, ...] = ()               # RSS/Atom feeds (also discovered from pages)
    sitemaps: tuple[str, ...] = ()            # sitemaps or sitemap indexes; robots.txt adds more
    next_page_xpath: str = "//a[@rel='next']/@href | //link[@rel='next']/@href"
    max_listing_pages: int | None = None      # None: NEWS_MAX_LISTING_PAGES
    # Also follow article links found on article pages (related stories, print versions).
    # Off by default: sections, feeds and sitemaps find a site's articles, and link extraction
    # on every article page costs a second parse of it.
    follow_article_links: bool = False
    selectors: FieldSelectors = field(default_factory=FieldSelectors)
    recheck_days: int = 7                     # re-fetch an article this long after first seen
    # Capture article pages' requisites (pictures, stylesheets, fonts, scripts) when
    # NEWS_REQUISITES_ENABLED is on; False: never for this site.
    requisites: bool = True
    # The site builds its articles or listings with JavaScript: fetch its pages with headless
    # Chromium (rendering mode, crawler/render.py), as NEWS_RENDER_ENABLED does for any crawl.
    render: bool = False
    valid_from: date | None = None

    def with_base_url(self, base_url: str) -> "SiteProfile":
        """The same profile for a site served elsewhere (the demo site on a free port)."""
        return replace(self, base_url=base_url.rstrip("/") + "/", allowed_hosts=())

    def absolute(self, path: str) -> str:
        return urljoin(self.base_url, path)

    @property
    def hosts(self) -> tuple[str, ...]:
        return self.allowed_hosts or (urlsplit(self.base_url).hostname or "",)

    def is_article_url(self, url: str) -> bool:
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        return re.search(self.article_pattern, target) is not None
