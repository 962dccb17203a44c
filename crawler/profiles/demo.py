"""Profile of the bundled demo news site (newsarchive.demosite)."""
from __future__ import annotations

from crawler.profiles.base import SiteProfile

_SECTIONS = ("security", "politics", "economy", "society")

PROFILE = SiteProfile(
    name="demo",
    base_url="http://127.0.0.1:8000/",
    # Edition front pages first (editor's picks, links from the archive), then the sections.
    sections=("/en_GB/", "/ar/") + tuple(f"/{lang}/{section}/" for lang in ("en_GB", "ar")
                                        for section in _SECTIONS),
    # Articles, their print versions and legacy short links (which redirect to articles).
    article_pattern=r"^/(en_GB|ar)/(print/)?articles/[a-z-]+/\d{4}/\d{2}/\d{2}/[^/]+$|^/(en_GB|ar)/news/\d+$",
    feeds=tuple(f"/{lang}/{section}/rss.xml" for lang in ("en_GB", "ar") for section in _SECTIONS),
    sitemaps=("/sitemap.xml",),
    # Related stories and the "Print" link: the demo shows print versions folding into one article.
    follow_article_links=True,
)
