"""Rendering mode: article and listing pages fetched by headless Chromium (scrapy-playwright),
with every network exchange the browser makes kept for the WARC files.

Settings: NEWS_RENDER_ENABLED (`--render`; a profile's `render = true` turns it on for its
site), NEWS_RENDER_BROWSER, NEWS_RENDER_WAIT, NEWS_RENDER_TIMEOUT, NEWS_RENDER_PAGES.
`render_settings()` maps them onto scrapy-playwright's (its download handler for http/https,
which downloads every request that is not marked for rendering as plain Scrapy does:
robots.txt, feeds, sitemaps and page requisites stay plain downloads).

`BrowserCapture` collects, for one page, what Chromium fetched while rendering it: each
response (page.on("response")) with the request headers Chromium sent, its status and headers
and its body as Playwright hands it over. What is not byte-exact (see docs/ARCHITECTURE.md,
"Rendering mode"): Chromium gives bodies with their Content-Encoding undone, so the record
drops Content-Encoding and states the decoded length; the HTTP version is not exposed (recorded
as HTTP/1.1); headers are those Chromium reports (names and order as received on HTTP/1.1).
"""
from __future__ import annotations

import asyncio
import importlib.util
import logging
import os
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from scrapy.settings import Settings

from archive.warc import Exchange
from crawler.exceptions import CrawlerError

logger = logging.getLogger(__name__)

# request.meta key of a page request rendered by the browser: its BrowserCapture
RENDER_META = "news_render"
# The spider callbacks whose requests are pages (articles, listings, profile-less pages); every
# other request (robots.txt, feeds, sitemaps, requisites) is downloaded without the browser.
PAGE_CALLBACKS = frozenset({"parse_article", "parse_listing", "parse_page"})

# Chromium flags: no sandbox (containers), no GPU; without the background-networking flags
# Chromium phones home at start-up, and those exchanges are no part of any page.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-dev-shm-usage"]
# Headers that describe the bytes on the wire, which Playwright does not hand over: the body
# it gives is de-chunked and decoded from its Content-Encoding.
_WIRE_HEADERS = {"content-encoding", "content-length", "transfer-encoding"}


def render_wanted(settings: Settings, profile: Any) -> bool:
    """Rendering is on for this crawl: NEWS_RENDER_ENABLED, or the profile's `render`."""
    return settings.getbool("NEWS_RENDER_ENABLED") or bool(getattr(profile, "render", False))


def check_render(settings: Settings) -> None:
    """Raise CrawlerError (one line) when the browser or scrapy-playwright is missing."""
    browser = settings.get("NEWS_RENDER_BROWSER")
    if not browser or not os.access(browser, os.X_OK):
        raise CrawlerError(f"rendering mode needs Chromium at {browser or '(unset)'} "
                           f"(NEWS_RENDER_BROWSER; Debian: apt-get install chromium)")
    if importlib.util.find_spec("scrapy_playwright") is None:
        raise CrawlerError("rendering mode needs scrapy-playwright: "
                           "pip install 'newsarchive[render]'")


def render_settings(settings: Settings) -> None:
    """Turn rendering on: scrapy-playwright's download handler with Debian's Chromium (never a
    downloaded browser). Called by the runner before the crawler is built."""
    check_render(settings)
    browser = settings.get("NEWS_RENDER_BROWSER")
    settings.set("NEWS_RENDER_ENABLED", True, priority="cmdline")
    handler = "scrapy_playwright.handler.ScrapyPlaywrightDownloadHandler"
    settings.set("DOWNLOAD_HANDLERS", {"http": handler, "https": handler}, priority="cmdline")
    settings.set("PLAYWRIGHT_BROWSER_TYPE", "chromium", priority="cmdline")
    settings.set("PLAYWRIGHT_LAUNCH_OPTIONS", {
        "executable_path": browser, "headless": True,
        "args": CHROMIUM_ARGS}, priority="cmdline")
    # Pages may not hand their fetches to a service worker: its requests would not be the
    # page's, and a replay has none.
    settings.set("PLAYWRIGHT_CONTEXTS", {"default": {"service_workers": "block"}},
                 priority="cmdline")
    settings.set("PLAYWRIGHT_MAX_PAGES_PER_CONTEXT", settings.getint("NEWS_RENDER_PAGES"),
                 priority="cmdline")
    settings.set("PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT",
                 settings.getfloat("NEWS_RENDER_TIMEOUT") * 1000, priority="cmdline")


@dataclass
class BrowserCapture:
    """The exchanges Chromium made while rendering one page, in the order they completed."""

    exchanges: list[Exchange] = field(default_factory=list)
    main: Exchange | None = None          # the page's own HTML as the server sent it
    unreadable: int = 0                   # responses whose body Chromium could not hand over
    _pending: set[asyncio.Task[None]] = field(default_factory=set)

    def on_response(self, response: Any) -> None:
        """page.on("response"): read the exchange off the event loop's next turns."""
        if not response.url.startswith(("http://", "https://")):
            return
        task = asyncio.ensure_future(self._read(response))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def settle(self, page: Any, wait: str = "networkidle") -> None:
        """A page method run before the DOM is read: wait for the page's network to go quiet
        (`wait`: a Playwright load state), then for every body being read."""
        if wait and wait != "load":
            await page.wait_for_load_state(wait)
        while self._pending:
            await asyncio.gather(*list(self._pending), return_exceptions=True)

    async def _read(self, response: Any) -> None:
        from playwright.async_api import Error as PlaywrightError

        fetched_at = datetime.now(timezone.utc)
        request = response.request
        try:
            request_headers = await request.headers_array()
            response_headers = await response.headers_array()
        except PlaywrightError as error:
            logger.info("exchange of %s not captured: %s", response.url, error)
            self.unreadable += 1
            return
        status = response.status
        body = b""
        if not 300 <= status < 400:   # Chromium keeps no body of a redirect
            try:
                body = await response.body()
            except PlaywrightError as error:
                logger.info("body of %s not captured: %s", response.url, error)
                self.unreadable += 1
        try:
            address = await response.server_addr()
        except PlaywrightError:
            address = None
        headers = [(h["name"], h["value"]) for h in response_headers
                   if h["name"].lower() not in _WIRE_HEADERS]
        if body or status not in (204, 304) and not 300 <= status < 400:
            headers.append(("Content-Length", str(len(body))))
        exchange = Exchange(
            url=response.url, method=request.method,
            request_headers=[(h["name"], h["value"]) for h in request_headers
                             if not h["name"].startswith(":")],
            request_body=request.post_data_buffer or b"", status=status,
            reason=response.status_text or "", response_headers=headers, body=body,
            fetched_at=fetched_at, ip_address=address["ipAddress"] if address else None)
        if request.is_navigation_request() and response.frame.parent_frame is None:
            if not 300 <= status < 400:
                if self.main is not None:   # a script navigated on: both documents are kept
                    self.exchanges.append(self.main)
                self.main = exchange
                return
        self.exchanges.append(exchange)
