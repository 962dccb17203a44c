"""A deterministic fixture news site ("Al-Fassel", English + Arabic) served over real HTTP.

Used by `newsarchive demo` and by the end-to-end tests::

    from newsarchive.demosite import DemoSite, DemoServer
    site = DemoSite(seed=0)
    with DemoServer(site) as server:             # 127.0.0.1, free port, background thread
        truth = site.ground_truth(server.base_url)
        specials = site.special_urls(server.base_url)

Content comes from a seeded generator (no clock), and `ground_truth()` returns what a perfect
extractor would read from every article in the site's current state. Tests can switch the
running site: `edit_article`, `publish`, `set_layout("broken")`, `fail_with(503, count=2)`.

Special pages (paths; see `DemoSite.special_urls` for absolute URLs):
  /robots.txt                      disallows /en_GB/private/ (linked from the English home)
  /sitemap.xml                     index of /sitemap-articles.xml and /sitemap-news.xml
  /<lang>/<section>/rss.xml        RSS 2.0; odd-numbered articles' links carry utm_* parameters
  /<lang>/news/<number>            301 to the article (old URL scheme)
  /<lang>/print/articles/...       print copy, rel=canonical to the article
  /en_GB/politics/                 links to a taken-down article (404)

Page requisites (assets.py, generated, never shipped as files): article pages carry their lead
picture (PNG), /static/css/main.css which @imports fonts.css (a TrueType web font) and names a
background picture, related-article pictures lazy-loaded (data-src), an app promotion in a
<picture> with width candidates (the widest, /static/img/app-promo-1600.png, ~200 KB of noise),
favicon, logo and scripts, and, with `DemoServer(static_port=0)`, a partner banner served by
another port (the "other host", as a CDN; `newsarchive demo` uses its port + 1).
"""
from __future__ import annotations

from .generator import Article, Block, DemoSite, Figure
from .pages import V1_SELECTORS
from .server import DemoServer

__all__ = ["V1_SELECTORS", "Article", "Block", "DemoServer", "DemoSite", "Figure"]
