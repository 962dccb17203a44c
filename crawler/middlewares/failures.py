"""FailureLogMiddleware: every URL the crawl could not get, with why, for the run record.

Settings: NEWS_FAILURES_KEPT. A spider middleware that gives each request the spider makes an
errback, so the one place a download's final failure surfaces (after retries and redirects:
timeouts, resets, size limits, redirect loops, HTTP errors, refusals) records it per URL in
the stats (`news/failures`: [{url, error, kind}], the first NEWS_FAILURES_KEPT of them;
`news/failures/count`; `news/failures/kind/<kind>`). The errback then re-raises, so Scrapy's
own logging and error handling are unchanged. The runner copies them into the run summary.
"""
from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from typing import Any, NoReturn

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from crawler.requisites import REQUISITE_META

# IgnoreRequest messages that are decisions, not failures: robots.txt and incremental skips.
# Why a re-check of an archived article is left to a later run (crawler/backlog.py: its share
# of a page budget is spent while a backlog waits).
RECHECK_DEFERRED = "re-check deferred: the re-check share of the page budget is spent"
_NOT_FAILURES = ("Forbidden by robots.txt", "archived article older than the re-check window",
                 RECHECK_DEFERRED)
# Refusals that are no failure either: the URL waits in the site's backlog for the next run.
_DEFERRED_KINDS = ("refused_page_budget",)


def record_failure(crawler: Crawler, url: str, error: str, *, kind: str) -> None:
    """Count a failed URL and keep its first NEWS_FAILURES_KEPT details in the stats."""
    stats = crawler.stats
    assert stats is not None
    stats.inc_value("news/failures/count")
    stats.inc_value(f"news/failures/kind/{kind}")
    kept = stats.get_value("news/failures")
    if kept is None:
        kept = []
        stats.set_value("news/failures", kept)
    if len(kept) < crawler.settings.getint("NEWS_FAILURES_KEPT"):
        kept.append({"url": url, "kind": kind, "error": error[:300]})


def describe(failure: Failure) -> tuple[str, str] | None:
    """(kind, one-line error) of a download failure, or None when it is not a failure."""
    error = failure.value
    if isinstance(error, HttpError):
        status = error.response.status
        return f"http_{status}", f"HTTP {status}"
    if isinstance(error, IgnoreRequest):
        message = str(error)
        if message.startswith(_NOT_FAILURES):
            return None
        kind = getattr(error, "kind", None)
        if kind in _DEFERRED_KINDS:
            return None
        if kind is None:
            lowered = message.lower()
            kind = ("too_many_redirects" if "redirections" in lowered
                    else "too_large" if "max size" in lowered or "maxsize" in lowered
                    else "offsite" if "offsite" in lowered else "ignored")
        return kind, message
    name = type(error).__name__
    message = str(error).strip().splitlines()[0] if str(error).strip() else name
    return name, f"{name}: {message}" if message != name else name


def record_and_reraise(crawler: Crawler, failure: Failure) -> NoReturn:
    """The errback: record a download's final failure, then let Scrapy handle it as usual."""
    request = getattr(failure, "request", None)
    url = request.url if request is not None else "?"
    described = describe(failure)
    if described is not None:
        kind, error = described
        if request is not None and request.meta.get(REQUISITE_META) \
                and not kind.startswith("requisite_"):
            kind = "requisite_" + kind    # a page's picture or stylesheet, not a page
        record_failure(crawler, url, error, kind=kind)
    failure.raiseException()
    raise AssertionError("unreachable")


class RecordsFailures:
    """Spider mixin: FailureLogMiddleware's errback as a spider method. Scrapy can only write a
    request to its disk queue (JOBDIR) when its callbacks are methods of the spider."""

    crawler: Crawler

    def on_download_failure(self, failure: Failure) -> NoReturn:
        record_and_reraise(self.crawler, failure)


class FailureLogMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "FailureLogMiddleware":
        middleware = cls(crawler)
        crawler.signals.connect(middleware.request_dropped, signal=signals.request_dropped)
        return middleware

    def request_dropped(self, request: Request, spider: Spider) -> None:
        """The duplicate filter ends a redirect loop silently; say so for the loop's URL."""
        chain = request.meta.get("redirect_urls") or []
        if request.url in chain:
            record_failure(self.crawler, chain[0],
                           f"redirect loop after {len(chain)} redirects (back to {request.url})",
                           kind="redirect_loop")

    def _errback(self, failure: Failure) -> NoReturn:
        record_and_reraise(self.crawler, failure)

    def _with_errback(self, result: Any) -> Any:
        if isinstance(result, Request) and result.errback is None:
            spider = self.crawler.spider
            # a spider method keeps the request serialisable for Scrapy's disk queues
            result.errback = (spider.on_download_failure if isinstance(spider, RecordsFailures)
                              else self._errback)
        return result

    async def process_start(self, start: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async for result in start:
            yield self._with_errback(result)

    def process_spider_output(self, response: Any, result: Iterable[Any],
                              spider: Spider | None = None) -> Iterable[Any]:
        for item in result:
            yield self._with_errback(item)

    async def process_spider_output_async(self, response: Any, result: AsyncIterator[Any],
                                          spider: Spider | None = None) -> AsyncIterator[Any]:
        async for item in result:
            yield self._with_errback(item)
