"""The backlog of a site: URLs a run discovered but did not fetch because a budget stopped it,
kept in the records store (table `backlog`) so the next run of the site fetches them.

Settings: NEWS_BACKLOG_ENABLED, NEWS_BACKLOG_SAVE_INTERVAL, NEWS_RECHECK_SHARE (with
NEWS_PROFILELESS_MAX_PAGES).

A URL enters the backlog when
- SafetyMiddleware refuses it because the page budget (NEWS_PROFILELESS_MAX_PAGES) is spent, or
- the run stops before its queue is empty for another reason (a CLOSESPIDER_* budget, Ctrl-C):
  BacklogScheduler hands the requests still queued to the keeper as it closes.
It leaves the backlog when a run fetches it, whatever the outcome (a page, an error status, a
final network failure, a robots.txt or incremental skip): nothing waits forever, and nothing is
fetched twice across runs just because it waited.

The keeper saves what changed (URLs left, URLs settled) every NEWS_BACKLOG_SAVE_INTERVAL seconds
during the run and once more when it closes, each save its own transactions: a run killed with
SIGKILL keeps what it saved before it died (a budget-stopped run has left its URLs by then:
refusals come as fast as the queue empties). What it had not saved is lost as a backlog but not
as a site: the next run reads the start page and its listings again. URLs it settled but had
not saved stay in the backlog, and the next run fetches them again: it never stores an article
twice (an unchanged page is a revisit).

The next run starts the backlog's URLs, oldest first and at most one page budget of them, after
its own start pages. The order of a budgeted (profile-less) run is
  1. fresh pages: the start page and the pages it links to, but for articles the archive
     holds (listing pages an earlier run read are read again: new articles appear there);
  2. the backlog, oldest first (BACKLOG_PRIORITY);
  3. re-checks of archived articles within the 7-day window (RECHECK_PRIORITY).
Re-checks come last because they would otherwise spend the whole budget before the backlog's
turn (a site's start page links mostly to articles the last run stored). A budgeted run holds
them until it has nothing else to do (NewsSpider.release_rechecks, on spider_idle): a lower
priority alone let them into the gaps while listing pages from the backlog were still being
fetched, and they spent the budget the articles on those pages needed. While a backlog waits
they get at most NEWS_RECHECK_SHARE (half) of the page budget; the ones past it or past the
budget are left to a later run (they are archived already).
"""
from __future__ import annotations

import logging
from collections.abc import Iterator
from typing import Any

from scrapy import Request, signals
from scrapy.core.scheduler import Scheduler
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from twisted.internet import task

from archive.store import open_store
from archive.store.rows import utc_now
from crawler.archive_view import ArchiveView

logger = logging.getLogger(__name__)

# Request priority of a backlog URL: after the run's fresh pages (0, and 1 for URLs that look
# like articles), before re-checks of archived articles (profile-less runs).
BACKLOG_PRIORITY = -1
RECHECK_PRIORITY = -2
# What a backlog row keeps of a request to make it again (the spider's callbacks only).
_CALLBACKS = ("parse_page", "parse_article", "parse_listing", "parse_feed", "parse_sitemap",
              "parse_robots")


def request_spec(request: Request) -> dict[str, Any] | None:
    """How to make `request` again in a later run, or None for a request the spider did not
    make (robots.txt of the robots middleware, a callback that is not the spider's)."""
    callback = getattr(request.callback, "__name__", None)
    if callback not in _CALLBACKS:
        return None
    return {"callback": callback, "cb_kwargs": dict(request.cb_kwargs),
            "article": bool(request.meta.get("news_article"))}


class BacklogKeeper:
    """One per crawler: loads the site's backlog for the spider, collects what the run leaves
    and what it fetched, and writes both to the store when the spider closes."""

    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.site = settings.get("NEWS_SITE")
        self.run_id = settings.getint("NEWS_RUN_ID") or None
        self.archive_dir = settings.get("NEWS_ARCHIVE_DIR")
        self.db = settings.get("NEWS_DB_URL") or None
        self.save_interval = settings.getfloat("NEWS_BACKLOG_SAVE_INTERVAL")
        self.waiting_at_start = 0          # URLs in the site's backlog when the run began
        self.left: dict[str, dict[str, Any]] = {}   # url -> request spec, not saved yet
        self.fetched: set[str] = set()     # URLs fetched this run (kept while a backlog waits)
        self.settled: set[str] = set()     # of those, the ones not yet removed from the store
        self.added = 0                     # backlog rows this run added and removed so far
        self.removed = 0
        self._saver: task.LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "BacklogKeeper":
        settings = crawler.settings
        if not settings.getbool("NEWS_BACKLOG_ENABLED") or not settings.get("NEWS_ARCHIVE_DIR"):
            raise NotConfigured("no archive to keep a backlog in")
        keeper = cls(crawler)
        crawler._news_backlog = keeper  # type: ignore[attr-defined]
        crawler.signals.connect(keeper.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(keeper.spider_closed, signal=signals.spider_closed)
        return keeper

    @staticmethod
    def of(crawler: Crawler) -> "BacklogKeeper | None":
        return getattr(crawler, "_news_backlog", None)

    # -- the run's start ---------------------------------------------------------------------
    def spider_opened(self, spider: Any) -> None:
        if self.save_interval > 0:
            self._saver = task.LoopingCall(self._save_now)
            self._saver.start(self.save_interval, now=False)

    def entries(self, *, limit: int | None) -> Iterator[tuple[str, dict[str, Any]]]:
        """The site's backlog, oldest first: (url, request spec), at most `limit` of them (the
        rest keep waiting, in their order)."""
        view = ArchiveView.for_crawler(self.crawler)
        if view is None:
            return
        self.waiting_at_start = view.store.backlog_counts(self.site).get(self.site, 0)
        if not self.waiting_at_start:
            return
        for entry in view.store.backlog(self.site, limit=limit):
            self.crawler.stats.inc_value("news/backlog/started")  # type: ignore[union-attr]
            yield entry["url"], entry["request"]

    # -- during the run ----------------------------------------------------------------------
    def leave(self, request: Request, why: str) -> None:
        """`request` is not fetched this run: keep it for the next (why: a stats key)."""
        spec = request_spec(request)
        if spec is not None:
            self.left.setdefault(request.url, spec)
            self.crawler.stats.inc_value(f"news/backlog/{why}")  # type: ignore[union-attr]

    def fetched_request(self, request: Request) -> None:
        """`request` got its final outcome this run (its redirect sources too)."""
        if self.waiting_at_start:
            for url in (request.url, *(request.meta.get("redirect_urls") or ())):
                if url not in self.fetched:
                    self.fetched.add(url)
                    self.settled.add(url)

    def forget(self, url: str) -> None:
        """A backlog URL the spider will not request (out of scope now): it leaves the
        backlog with this run's fetched URLs."""
        self.fetched.add(url)
        self.settled.add(url)

    # -- saving ------------------------------------------------------------------------------
    def save(self) -> None:
        """Write what changed since the last save: the URLs left (but not those this run
        fetched after all) and the backlog URLs this run settled. What a failed save did not
        write is kept for the next one."""
        left = {url: spec for url, spec in self.left.items() if url not in self.fetched}
        settled = set(self.settled)
        if not left and not settled:
            self.left.clear()
            return
        with open_store(self.archive_dir, db=self.db) as store:
            if left:
                self.added += store.add_backlog(self.site, left.items(), run_id=self.run_id,
                                                added_at=utc_now())
            self.left.clear()
            if settled:
                self.removed += store.remove_backlog(self.site, settled)
            self.settled -= settled

    def _save_now(self) -> None:
        """The periodic save: a failure is logged and retried at the next one (the run's pages
        do not depend on it)."""
        try:
            self.save()
        except Exception as error:  # the store is busy or gone: the close will try again
            logger.warning("could not save the backlog of %s yet: %s", self.site, error)

    # -- the run's end -----------------------------------------------------------------------
    def spider_closed(self, spider: Any, reason: str) -> None:
        stats = self.crawler.stats
        assert stats is not None
        if self._saver is not None and self._saver.running:
            self._saver.stop()
        try:
            self.save()
            with open_store(self.archive_dir, db=self.db, readonly=True) as store:
                size = store.backlog_counts(self.site).get(self.site, 0)
        except Exception as error:  # the run's pages are stored; say what was not kept
            logger.error("could not keep the backlog of %s (%d URLs): %s", self.site,
                         len(self.left), error)
            stats.set_value("news/backlog/error", str(error)[:300])
            return
        stats.set_value("news/backlog/added", self.added)
        stats.set_value("news/backlog/removed", self.removed)
        stats.set_value("news/backlog/size", size)


class BacklogScheduler(Scheduler):
    """Scrapy's scheduler; when a run stops with requests still queued (any reason but
    "finished"), they go to the backlog instead of being dropped."""

    def close(self, reason: str) -> Any:
        keeper = BacklogKeeper.of(self.crawler) if self.crawler is not None else None
        if keeper is not None and reason != "finished":
            while (request := self.next_request()) is not None:
                keeper.leave(request, "pending")
        return super().close(reason)
