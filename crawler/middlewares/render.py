"""RenderMiddleware: send page requests (articles, listings) to headless Chromium.

Settings: NEWS_RENDER_ENABLED (set by `--render` or a profile's `render = true`, which also
install scrapy-playwright's download handler: crawler/render.py), NEWS_RENDER_WAIT,
NEWS_BLOCK_PRIVATE_ADDRESSES, NEWS_ALLOWED_PRIVATE_HOSTS, NEWS_DENY_URL_PATTERNS.

Sits at order 530, before IncrementalMiddleware in the request path: a rendered page is always
fetched in full (the server's answer to a conditional request says nothing about the data its
scripts fetch), while the re-check window still decides which archived articles are fetched at
all. Requests whose callback is not a page's (robots.txt, feeds, sitemaps, requisites) are left
to Scrapy's own download. Each rendered request gets a BrowserCapture (crawler/render.py) in
`request.meta[RENDER_META]`, which WarcCaptureMiddleware turns into WARC records.

The browser's own requests pass a guard before they leave (a Playwright route): scripts may
not reach private, loopback or link-local IP addresses other than the operator's hosts, nor
URLs matching NEWS_DENY_URL_PATTERNS. Host names are resolved by Chromium itself and are not
checked here (the plain download's SafetyMiddleware checks them).

Stats: news/render/pages, news/render/exchanges, news/render/refused.
"""
from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from crawler.middlewares.safety import ip_literal, is_public_address
from crawler.render import PAGE_CALLBACKS, RENDER_META, BrowserCapture
from crawler.requisites import REQUISITE_META


# request.meta keys of one rendering attempt (set in process_request)
_ATTEMPT_META = (RENDER_META, "playwright", "playwright_page_event_handlers",
                 "playwright_page_init_callback", "playwright_page_methods", "playwright_page")


class RenderMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.wait = settings.get("NEWS_RENDER_WAIT") or "load"
        self.block_private = settings.getbool("NEWS_BLOCK_PRIVATE_ADDRESSES")
        self.allowed_private = {h.lower() for h in settings.getlist("NEWS_ALLOWED_PRIVATE_HOSTS")}
        self.deny = [re.compile(p) for p in settings.getlist("NEWS_DENY_URL_PATTERNS")]

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "RenderMiddleware":
        if not crawler.settings.getbool("NEWS_RENDER_ENABLED"):
            raise NotConfigured("NEWS_RENDER_ENABLED is off")
        middleware = cls(crawler)
        crawler.signals.connect(middleware.request_scheduled, signal=signals.request_scheduled)
        return middleware

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        """A retried request goes back to the scheduler with the last attempt's meta: the
        capture and the page's callbacks cannot be written to the disk queue (or a shared
        crawl's Redis queue), and the next attempt gets new ones in process_request."""
        for key in _ATTEMPT_META:
            request.meta.pop(key, None)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        callback = getattr(request.callback, "__name__", None)
        if callback not in PAGE_CALLBACKS or request.meta.get(REQUISITE_META):
            return None
        from scrapy_playwright.page import PageMethod

        capture = BrowserCapture()   # a new one for every attempt (retries)
        request.meta[RENDER_META] = capture
        request.meta["playwright"] = True
        request.meta["playwright_page_event_handlers"] = {"response": capture.on_response}
        request.meta["playwright_page_init_callback"] = self._guard_page
        request.meta["playwright_page_methods"] = [PageMethod(capture.settle, self.wait)]
        self.crawler.stats.inc_value("news/render/pages")
        return None

    async def _guard_page(self, page: Any, request: Request) -> None:
        """Registered after scrapy-playwright's own route, so it runs first (Playwright tries
        the newest route first): a refused request is aborted, the rest fall back to it."""
        async def guard(route: Any, browser_request: Any) -> None:
            why = self._refusal(browser_request.url)
            if why is None:
                await route.fallback()
                return
            self.crawler.stats.inc_value("news/render/refused")
            await route.abort("blockedbyclient")

        await page.route("**", guard)

    def _refusal(self, url: str) -> str | None:
        for pattern in self.deny:
            if pattern.search(url):
                return f"matches NEWS_DENY_URL_PATTERNS {pattern.pattern!r}"
        if not self.block_private:
            return None
        host = (urlsplit(url).hostname or "").lower()
        spider = self.crawler.spider
        if host in self.allowed_private or host in {
                h.lower() for h in getattr(spider, "allowed_domains", None) or []}:
            return None
        literal = ip_literal(host)
        if literal is not None and not is_public_address(literal):
            return f"{literal} is a private, loopback or link-local address"
        return None
