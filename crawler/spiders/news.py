"""NewsSpider: discovery only. Finds article pages of one site and hands them to the pipelines.

Two modes:
- with a SiteProfile: section pages (paginated), the profile's feeds and sitemaps, robots.txt
  sitemaps; article URLs are those matching the profile's pattern;
- profile-less (`start_url`): the start page, pages linked from it (to NEWS_PROFILELESS_MAX_DEPTH),
  feeds linked from pages and sitemaps named in robots.txt (or /sitemap.xml); every same-host
  HTML page fetched is an article candidate, and its links are followed while the depth allows.
  A URL that looks like an article is only fetched first (request priority): whether a page
  is an article or a listing is decided from its content (crawler.extract.classify).
Extraction and the is-it-an-article decision belong to the pipelines, not here.

Page requisites (crawler/requisites.py; NEWS_REQUISITES_*): an article page's pictures,
stylesheets, fonts, favicons and scripts are read in the same pass as its links and requested
(each URL once per run, any host) with `parse_requisite` as callback, which extracts nothing and
reads only stylesheets, for what they import.
"""
from __future__ import annotations

import re
import weakref
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

import feedparser
import scrapy
from lxml import etree
from scrapy import signals
from scrapy.exceptions import DontCloseSpider
from scrapy.http import Headers, Response, TextResponse
from scrapy.selector import Selector
from scrapy.utils.gz import gunzip
from scrapy.utils.sitemap import Sitemap, sitemap_urls_from_robots

from crawler.archive_view import UNREADABLE, ArchiveView
from crawler.backlog import BACKLOG_PRIORITY, RECHECK_PRIORITY, BacklogKeeper
from crawler.extract import ExtractionError
from crawler.extract.html import decode_html
from crawler.extract.urls import strip_tracking
from crawler.items import PageItem, PageSeen
from crawler.middlewares.incremental import decode_content
from crawler.middlewares.failures import RecordsFailures
from crawler.profiles.base import SiteProfile
from crawler.requisites import (KIND_META, REQUISITE_META, REQUISITE_PRIORITY, Requisites,
                                RequisiteScan, css_references)

# Paths that are listings or utility pages on almost every news site.
_NOT_ARTICLE = re.compile(
    r"/(tag|tags|topic|topics|author|authors|category|categories|section|page|search|login|"
    r"account|subscribe|newsletter|contact|about|privacy|terms|rss|feed)(/|$)", re.IGNORECASE)
_DATE_IN_PATH = re.compile(r"/(19|20)\d{2}/\d{1,2}(/\d{1,2})?/")
_LONG_SLUG = re.compile(r"/[^/]*[a-z0-9][-_][^/]*[-_][^/]*[-_][^/]*/?$", re.IGNORECASE)
_NUMERIC_ID = re.compile(r"\d{6,}")
_SKIP_EXTENSIONS = re.compile(
    r"\.(jpe?g|png|gif|webp|svg|ico|css|js|pdf|zip|gz|mp3|mp4|m4a|avi|mov|woff2?|ttf|json)$",
    re.IGNORECASE)
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/feed+json")


# Profile-less pages larger than this are archived but not sent for extraction. News article
# pages run to 2-3 MB of HTML at most (inline JSON state included); extraction needs some 15
# times a page's size in memory, so a 30 MB dump would take the crawl past its documented
# memory bound (docs/RELIABILITY.md) for a page that is no article.
MAX_CANDIDATE_BYTES = 8 * 2**20

# Link discovery reads at most this much of a page. Links come from libxml2's stream of start
# tags (scan_links), not from a tree: a tree costs some 40 times the bytes of a page of tiny
# elements (a 30 MB page of three million empty elements took the crawl process to 1.1 GB; its
# first 2 MB, 80 MB). The cap bounds the time a hostile page takes. Real pages carry their links
# in their first megabytes; the rest of a larger page is archived but not read for links (the
# run's stats count such pages: news/links/pages_cut).
LINK_PARSE_BYTES = 2 * 2**20

# Request priority of a profile-less link whose URL looks like an article: fetched before the
# site's other pages, so a page budget (NEWS_PROFILELESS_MAX_PAGES) goes to articles first.
# Only an order: every page fetched is classified by its content.
ARTICLE_URL_PRIORITY = 1


@dataclass
class PageLinks:
    """What link discovery reads of a page: every <a href>, and the (type, href) of every
    <link rel="alternate" href> (feeds)."""

    hrefs: list[str] = field(default_factory=list)
    feeds: list[tuple[str, str]] = field(default_factory=list)

    # lxml parser-target callbacks: the parser calls these instead of building a tree
    def start(self, tag: str, attrib: Any) -> None:
        if tag == "a":
            href = attrib.get("href")
            if href is not None:
                self.hrefs.append(href)
        elif tag == "link" and attrib.get("rel") == "alternate":
            href = attrib.get("href")
            if href is not None:
                self.feeds.append((attrib.get("type") or "", href))

    def end(self, tag: str) -> None:
        pass

    def data(self, data: str) -> None:
        pass

    def close(self) -> "PageLinks":
        return self


@dataclass
class PageLinksAndRequisites(PageLinks):
    """PageLinks and the page's requisites (crawler/requisites.py), read in the same pass."""

    requisites: RequisiteScan = field(default_factory=RequisiteScan)

    def start(self, tag: str, attrib: Any) -> None:
        PageLinks.start(self, tag, attrib)
        self.requisites.start(tag, attrib)

    def end(self, tag: str) -> None:
        self.requisites.end(tag)

    def data(self, data: str) -> None:
        self.requisites.data(data)


def scan_links(text: str, links: PageLinks | None = None) -> PageLinks:
    """The links of an HTML page, in document order, read by libxml2's HTML parser as a stream
    of start tags: no tree. A tree costs some 40 times the bytes of a page of tiny elements (80
    MB for the LINK_PARSE_BYTES of such a page); the stream costs the links found. The parser
    and its options are parsel's (Scrapy's selectors), so the same links are found. `links`:
    the parser target to fill (PageLinksAndRequisites also reads requisites)."""
    links = links if links is not None else PageLinks()
    parser = etree.HTMLParser(target=links, recover=True, encoding="utf-8", huge_tree=True)
    try:
        parser.feed(text.encode("utf-8", errors="surrogatepass"))
        parser.close()
    except etree.LxmlError:
        pass  # what was read before the error stays: recover=True rarely gets here
    return links


def looks_like_article(url: str) -> bool:
    """URL heuristic for sites nobody profiled: dated paths, long slugs, long numeric ids. It
    orders fetching (ARTICLE_URL_PRIORITY); it never decides what is an article."""
    path = urlsplit(url).path
    if _NOT_ARTICLE.search(path) or _SKIP_EXTENSIONS.search(path):
        return False
    return bool(_DATE_IN_PATH.search(path) or _LONG_SLUG.search(path)
                or _NUMERIC_ID.search(path.rstrip("/").rsplit("/", 1)[-1]))


class NewsSpider(RecordsFailures, scrapy.Spider):
    name = "news"

    def __init__(self, profile: SiteProfile | None = None, start_url: str | None = None,
                 **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if (profile is None) == (start_url is None):
            raise ValueError("NewsSpider needs exactly one of profile= or start_url=")
        self.profile = profile
        self.start_url = start_url
        if profile is not None:
            self.allowed_domains = list(profile.hosts)
        else:
            assert start_url is not None
            self.allowed_domains = [urlsplit(start_url).hostname or ""]
        self._hosts = set(self.allowed_domains)
        # hashes of the article URLs found this run, to count them for health checks (a set of
        # ints, not of URLs: a sitemap can name 100,000 articles)
        self.discovered: set[int] = set()
        # hashes of the URLs a profile-less crawl has requested through parse_page (its links
        # repeat on every page: each is looked up in the archive once)
        self._requested: set[int] = set()
        # the last response read for links: its text and links (see _page_text, _page_links),
        # by weak reference (a 30 MB page is not kept alive for this)
        self._last_text: tuple[weakref.ref[Response], str] | None = None
        self._last_links: tuple[weakref.ref[Response], PageLinks] | None = None
        # re-checks of archived articles a budgeted run holds until it has nothing else to do
        # (see _page_request); None when it does not hold them
        self._held_rechecks: list[str] | None = None
        # page requisites to request (crawler/requisites.py); None when they are off
        self.requisites: Requisites | None = None

    @classmethod
    def from_crawler(cls, crawler: Any, *args: Any, **kwargs: Any) -> "NewsSpider":
        spider = super().from_crawler(crawler, *args, **kwargs)
        crawler.signals.connect(spider.item_scraped, signal=signals.item_scraped)
        settings = crawler.settings
        if settings.getbool("NEWS_REQUISITES_ENABLED") and (
                spider.profile is None or spider.profile.requisites):
            spider.requisites = Requisites(listings=settings.getbool("NEWS_REQUISITES_LISTINGS"))
        if spider.profile is None and crawler.settings.getint("NEWS_PROFILELESS_MAX_PAGES") > 0:
            spider._held_rechecks = []
            crawler.signals.connect(spider.release_rechecks, signal=signals.spider_idle)
        return spider

    def release_rechecks(self, spider: Any = None) -> None:
        """spider_idle of a budgeted run: everything else is fetched, so the re-checks it held
        get what is left of the budget (SafetyMiddleware refuses those past it, or past their
        share while a backlog waited)."""
        held, self._held_rechecks = self._held_rechecks or [], []
        if not held:
            return
        engine = self.crawler.engine
        assert engine is not None  # spider_idle comes from the running engine
        self.crawler.stats.set_value("news/backlog/rechecks_held", len(held))
        for url in held:
            engine.crawl(self._recheck_request(url))
        raise DontCloseSpider(f"{len(held)} re-checks of archived articles released")

    def item_scraped(self, item: Any, response: Any = None, spider: Any = None) -> None:
        """A profile-less page that went through the pipelines as an article counts as a
        discovered article (its content made it one; feed and sitemap entries are counted
        when requested)."""
        if self.profile is None and isinstance(item, PageItem) and not item.rejected:
            self._count_discovered(item.url)

    # -- start ----------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[scrapy.Request]:
        for request in self._start_requests():
            yield request
        for request in self._backlog_requests():
            yield request

    def _backlog_requests(self) -> Iterator[scrapy.Request]:
        """What earlier runs left unfetched (crawler/backlog.py), oldest first, after the start
        pages: at most one page budget's worth (the rest keeps its place for later runs)."""
        keeper = BacklogKeeper.of(self.crawler)
        if keeper is None:
            return
        budget = self.crawler.settings.getint("NEWS_PROFILELESS_MAX_PAGES") if self.profile is None else 0
        for url, spec in keeper.entries(limit=budget or None):
            callback = getattr(self, str(spec.get("callback")), None)
            if callback is None or not self._in_scope(url):
                keeper.forget(url)  # a request this spider no longer makes: not kept waiting
                continue
            if callback == self.parse_page:
                self._requested.add(hash(url))
            meta = {"news_backlog": True}
            if spec.get("article"):
                meta["news_article"] = True
                self._count_discovered(url)
            yield scrapy.Request(url, callback, cb_kwargs=dict(spec.get("cb_kwargs") or {}),
                                 meta=meta, priority=BACKLOG_PRIORITY)

    def _start_requests(self) -> Iterator[scrapy.Request]:
        settings = self.crawler.settings
        if self.profile is not None:
            profile = self.profile
            for path in profile.sections:
                url = profile.absolute(path)
                yield scrapy.Request(url, self.parse_listing,
                                     cb_kwargs={"section_url": url, "page_no": 1})
            if settings.getbool("NEWS_FOLLOW_FEEDS"):
                for path in profile.feeds:
                    yield scrapy.Request(profile.absolute(path), self.parse_feed)
            if settings.getbool("NEWS_FOLLOW_SITEMAPS"):
                for path in profile.sitemaps:
                    yield scrapy.Request(profile.absolute(path), self.parse_sitemap)
            return
        assert self.start_url is not None
        self._requested.add(hash(strip_tracking(self.start_url)))
        yield scrapy.Request(self.start_url, self.parse_page, cb_kwargs={"depth": 0})
        if settings.getbool("NEWS_FOLLOW_SITEMAPS"):
            robots = urljoin(self.start_url, "/robots.txt")
            yield scrapy.Request(robots, self.parse_robots, dont_filter=True,
                                 meta={"dont_obey_robotstxt": True})

    # -- helpers ----------------------------------------------------------------------------
    def _in_scope(self, url: str) -> bool:
        parts = urlsplit(url)
        return parts.scheme in ("http", "https") and (parts.hostname or "") in self._hosts

    def _is_article(self, url: str) -> bool:
        """The profile's article URLs (link following of profiled sites)."""
        return self.profile is not None and self.profile.is_article_url(url)

    def _count_discovered(self, url: str) -> None:
        key = hash(url)
        if key not in self.discovered:
            self.discovered.add(key)
            self.crawler.stats.inc_value("news/discovered/articles")

    def _article_request(self, url: str, *, found_via: str, section: str | None = None) -> scrapy.Request:
        url = strip_tracking(url)
        self._count_discovered(url)
        return scrapy.Request(url, self.parse_article, meta={"news_article": True},
                              cb_kwargs={"found_via": found_via, "section": section})

    def _page_request(self, url: str, *, depth: int) -> scrapy.Request | None:
        """Profile-less: a linked page, whatever its URL; None when requested already. A page
        the archive holds as an article is requested as one (incremental re-check rules)."""
        url = strip_tracking(url)
        key = hash(url)
        if key in self._requested:
            return None
        self._requested.add(key)
        view = ArchiveView.for_crawler(self.crawler)
        if view is not None and view.known_article(url) is not None:
            if self._held_rechecks is not None:
                # A budgeted run re-checks last: a priority alone would let re-checks into the
                # gaps while listing pages from the backlog are still being fetched, and spend
                # the budget the articles those pages link to need.
                self._count_discovered(url)
                self._held_rechecks.append(url)
                return None
            return self._recheck_request(url)
        return scrapy.Request(url, self.parse_page, cb_kwargs={"depth": depth},
                              priority=ARTICLE_URL_PRIORITY if looks_like_article(url) else 0)

    def _recheck_request(self, url: str) -> scrapy.Request:
        """A re-check of an archived article: after the backlog, within its share of a page
        budget (SafetyMiddleware)."""
        request = self._article_request(url, found_via="link").replace(priority=RECHECK_PRIORITY)
        request.meta["news_recheck"] = True
        return request

    def _is_new(self, url: str) -> bool:
        """Never fetched before (an archived article, a dead link tried before: not new)."""
        view = ArchiveView.for_crawler(self.crawler)
        return view is None or view.last_response(strip_tracking(url)) is None

    def _page_text(self, response: TextResponse) -> str:
        """The page as read for links: all of it, or its first LINK_PARSE_BYTES (decoded once
        per response)."""
        cached = self._last_text
        if cached is not None and cached[0]() is response:
            return cached[1]
        if len(response.body) <= LINK_PARSE_BYTES:
            text = response.text
        else:
            self.crawler.stats.inc_value("news/links/pages_cut")
            self.logger.info("links read from the first %d MB of %s (%d MB)", LINK_PARSE_BYTES >> 20,
                             response.url, len(response.body) >> 20)
            # decoded on its own: response.encoding would decode the whole page to find out
            content_type = response.headers.get(b"Content-Type", b"").decode("latin-1")
            head = response.body[:LINK_PARSE_BYTES]
            try:
                text = decode_html(head, content_type=content_type or None)
            except ExtractionError:
                text = head.decode("utf-8", errors="replace")
        self._last_text = (weakref.ref(response), text)
        return text

    def _selector(self, response: TextResponse) -> Selector:
        """The page as a tree, for a profile's XPath (next page): all of it, or its first
        LINK_PARSE_BYTES. Links are read without a tree (_page_links)."""
        if len(response.body) <= LINK_PARSE_BYTES:
            return response.selector
        return Selector(text=self._page_text(response), type="html")

    def _page_links(self, response: TextResponse, *, requisites: bool = False) -> PageLinks:
        """The page's links (and with `requisites`, its requisites too: one pass for both)."""
        cached = self._last_links
        if cached is not None and cached[0]() is response and (
                not requisites or isinstance(cached[1], PageLinksAndRequisites)):
            return cached[1]
        links = scan_links(self._page_text(response),
                           PageLinksAndRequisites() if requisites else None)
        self._last_links = (weakref.ref(response), links)
        return links

    # -- page requisites (crawler/requisites.py) ---------------------------------------------
    def _requisite_requests(self, response: Response) -> Iterator[scrapy.Request]:
        """Requests for what the page needs to look as published, each once per run."""
        if self.requisites is None or response.status != 200 \
                or not isinstance(response, TextResponse):
            return
        links = self._page_links(response, requisites=True)
        assert isinstance(links, PageLinksAndRequisites)
        for url, kind in self.requisites.new(response.url, links.requisites.found):
            yield self._requisite_request(url, kind, page=response.url)

    def _requisite_request(self, url: str, kind: str, *, page: str) -> scrapy.Request:
        # allow_offsite: pictures and fonts live on CDNs; robots.txt, the address guard and
        # the size limits (RequisitesMiddleware) still apply
        return scrapy.Request(url, self.parse_requisite, priority=REQUISITE_PRIORITY,
                              meta={REQUISITE_META: page, KIND_META: kind, "allow_offsite": True})

    def _archived_requisite_requests(self, response: Response) -> Iterator[scrapy.Request]:
        """An article answered 304 in a run after an unfinished one (NEWS_LISTING_FULL is then
        on): the killed run may have stored the page before it fetched the page's requisites,
        so they are read from the archived copy (the run's dedup keeps each URL to one fetch;
        an unchanged one becomes a revisit record). Other runs trust the archive: requisites
        were fetched with the page."""
        view = ArchiveView.for_crawler(self.crawler)
        last = view.last_response(response.url) if view is not None else None
        if view is None or last is None or last.get("status") != 200:
            return
        try:
            _, header_list, payload = view.archived_response(last)
            headers = Headers(header_list)
            body = decode_content(headers, payload,
                                  max_size=self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            content_type = (headers.get(b"Content-Type") or b"").decode("latin-1") or None
            text = decode_html(body[:LINK_PARSE_BYTES], content_type=content_type)
        except (*UNREADABLE, ExtractionError) as error:
            self.logger.info("requisites of %s not read from its archived copy: %s",
                             response.url, error)
            return
        links = scan_links(text, PageLinksAndRequisites())
        assert isinstance(links, PageLinksAndRequisites) and self.requisites is not None
        self.crawler.stats.inc_value("news/requisites/from_archived_pages")
        for url, kind in self.requisites.new(response.url, links.requisites.found):
            yield self._requisite_request(url, kind, page=response.url)

    def parse_requisite(self, response: Response) -> Iterator[Any]:
        """A requisite is archived (its capture is of kind `requisite`), never extracted; a
        stylesheet's own requisites (@import, fonts, pictures) are requested in turn."""
        if self.requisites is None or response.status != 200:
            return
        content_type = (response.headers.get("Content-Type") or b"").decode("latin-1").lower()
        if response.meta.get(KIND_META) != "stylesheet" and "text/css" not in content_type:
            return
        if isinstance(response, TextResponse):
            text = self._page_text(response)
        else:
            text = response.body[:LINK_PARSE_BYTES].decode("utf-8", errors="replace")
        page = response.meta.get(REQUISITE_META) or response.url
        for url, kind in self.requisites.new(response.url, css_references(text)):
            yield self._requisite_request(url, kind, page=page)

    def _links(self, response: TextResponse) -> Iterator[str]:
        for href in self._page_links(response).hrefs:
            href = href.strip()
            if href and not href.startswith(("#", "javascript:", "mailto:", "tel:")):
                yield urljoin(response.url, href)

    def _feed_links(self, response: TextResponse) -> Iterator[str]:
        for kind, href in self._page_links(response).feeds:
            if kind.lower() in _FEED_TYPES:
                yield urljoin(response.url, href)  # as _links: no full decode

    def _seen(self, response: Response, page_kind: str, reason: str | None = None) -> PageSeen:
        return PageSeen(url=response.url, capture_id=response.meta.get("capture_id"),
                        page_kind=page_kind, reason=reason)

    def _follow_articles(self, response: TextResponse, *, found_via: str,
                         section: str | None) -> Iterator[scrapy.Request]:
        for url in self._links(response):
            if self._in_scope(url) and self._is_article(url):
                yield self._article_request(url, found_via=found_via, section=section)

    # -- callbacks -------------------------------------------------------------------------
    def parse_listing(self, response: Response, section_url: str, page_no: int) -> Iterator[Any]:
        """A section page: article links, feeds it links, and the next page.

        Pagination goes on to NEWS_MAX_LISTING_PAGES (or the profile's max_listing_pages) on a
        first crawl; a later run stops at the first page whose articles are all archived.
        """
        yield self._seen(response, "listing")
        if not isinstance(response, TextResponse):
            return
        if self.requisites is not None and self.requisites.listings:
            yield from self._requisite_requests(response)
        articles = list(self._follow_articles(response, found_via="listing", section=section_url))
        yield from articles
        if self.crawler.settings.getbool("NEWS_FOLLOW_FEEDS"):
            for feed in self._feed_links(response):
                if self._in_scope(feed):
                    yield scrapy.Request(feed, self.parse_feed)
        if (articles and not self.crawler.settings.getbool("NEWS_LISTING_FULL")
                and not any(self._is_new(request.url) for request in articles)):
            self.crawler.stats.inc_value("news/listing/stopped_no_new")
            return
        limit = (self.profile.max_listing_pages if self.profile and self.profile.max_listing_pages
                 else self.crawler.settings.getint("NEWS_MAX_LISTING_PAGES"))
        if page_no < limit:
            assert self.profile is not None
            for href in self._selector(response).xpath(self.profile.next_page_xpath).getall()[:1]:
                next_url = response.urljoin(href)
                if self._in_scope(next_url):
                    yield scrapy.Request(next_url, self.parse_listing,
                                         cb_kwargs={"section_url": section_url, "page_no": page_no + 1})

    def parse_feed(self, response: Response) -> Iterator[Any]:
        """RSS/Atom: every entry link is an article candidate."""
        feed = feedparser.parse(response.body)
        yield self._seen(response, "feed", None if feed.entries else "feed without entries")
        for entry in feed.entries:
            link = entry.get("link")
            if link:
                url = urljoin(response.url, link)
                if self._in_scope(url):
                    yield self._article_request(url, found_via="feed")

    def parse_robots(self, response: Response) -> Iterator[Any]:
        yield self._seen(response, "robots")
        sitemaps = list(sitemap_urls_from_robots(response.text, base_url=response.url)) \
            if isinstance(response, TextResponse) else []
        if not sitemaps:
            sitemaps = [urljoin(response.url, "/sitemap.xml")]
        for url in sitemaps:
            if self._in_scope(url):
                yield scrapy.Request(url, self.parse_sitemap)

    def parse_sitemap(self, response: Response) -> Iterator[Any]:
        """Sitemap indexes, URL sets and news sitemaps (Scrapy's own sitemap parser)."""
        body = response.body
        if body[:2] == b"\x1f\x8b":
            try:
                body = gunzip(body, max_size=self.crawler.settings.getint("DOWNLOAD_MAXSIZE"))
            except OSError as error:
                yield self._seen(response, "sitemap", f"bad gzip sitemap: {error}")
                return
        try:
            sitemap = Sitemap(body)
        except Exception as error:  # lxml raises several types on non-XML bodies
            yield self._seen(response, "sitemap", f"not a sitemap: {error}")
            return
        yield self._seen(response, "sitemap")
        for entry in sitemap:
            url = urljoin(response.url, entry.get("loc", ""))
            if not self._in_scope(url):
                continue
            if sitemap.type == "sitemapindex":
                yield scrapy.Request(url, self.parse_sitemap)
            elif self.profile is None or self._is_article(url):
                yield self._article_request(url, found_via="sitemap")

    def parse_page(self, response: Response, depth: int) -> Iterator[Any]:
        """Profile-less: a page of the site that may be a listing or an article. It goes to the
        pipelines as a candidate (its content decides what it is, whatever its URL), and its
        links are followed (listings are how articles are found)."""
        if not isinstance(response, TextResponse):
            yield self._seen(response, "non-article", "not a text response")
            return
        if len(response.body) > MAX_CANDIDATE_BYTES:
            yield self._seen(response, "non-article", f"page of {len(response.body) // 2**20} MB "
                             f"is larger than any article page")
        else:
            yield self._page_item(response, found_via="start" if depth == 0 else "link",
                                  section=None)
            # which page is an article is decided later, from its content: requisites are
            # fetched for pages whose URL looks like an article's (all, with the listings')
            if self.requisites is not None and (self.requisites.listings
                                                or looks_like_article(response.url)):
                yield from self._requisite_requests(response)
        if self.crawler.settings.getbool("NEWS_FOLLOW_FEEDS"):
            for feed in self._feed_links(response):
                if self._in_scope(feed):
                    yield scrapy.Request(feed, self.parse_feed)
        if depth >= self.crawler.settings.getint("NEWS_PROFILELESS_MAX_DEPTH"):
            return
        for url in self._links(response):
            if not self._in_scope(url) or _SKIP_EXTENSIONS.search(urlsplit(url).path):
                continue
            request = self._page_request(url, depth=depth + 1)
            if request is not None:
                yield request

    def parse_article(self, response: Response, found_via: str, section: str | None) -> Iterator[Any]:
        yield self._page_item(response, found_via=found_via, section=section)
        yield from self._requisite_requests(response)
        if response.status == 304 and self.requisites is not None \
                and self.crawler.settings.getbool("NEWS_LISTING_FULL"):
            yield from self._archived_requisite_requests(response)
        if (response.status == 200 and isinstance(response, TextResponse)
                and self.profile is not None and self.profile.follow_article_links):
            # Related and print links lead to more articles of the same site -- for at most
            # NEWS_MAX_ARTICLE_HOPS links in a row, or a "next day" chain would never end.
            hops = response.meta.get("news_hops", 0)
            if hops >= self.crawler.settings.getint("NEWS_MAX_ARTICLE_HOPS"):
                self.crawler.stats.inc_value("news/traps/article_hops_limit")
                return
            for request in self._follow_articles(response, found_via="link", section=None):
                request.meta["news_hops"] = hops + 1
                yield request

    def _page_item(self, response: Response, *, found_via: str, section: str | None) -> PageItem:
        return PageItem(
            url=response.url, status=response.status, body=response.body,
            is_text=isinstance(response, TextResponse),
            content_type=(response.headers.get("Content-Type") or b"").decode("latin-1") or None,
            capture_id=response.meta.get("capture_id"), warc=response.meta.get("warc"),
            fetched_at=response.meta.get("fetched_at", ""), section=section, found_via=found_via,
            redirect_urls=list(response.meta.get("redirect_urls", [])))
