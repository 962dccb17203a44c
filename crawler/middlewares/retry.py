"""NewsRetryMiddleware: Scrapy's retries, with back-off, Retry-After and a per-run budget.

Settings: RETRY_ENABLED, RETRY_TIMES (per request), RETRY_HTTP_CODES, RETRY_EXCEPTIONS (Scrapy's),
NEWS_RETRY_BUDGET, NEWS_RETRY_BACKOFF_BASE, NEWS_RETRY_BACKOFF_MAX, NEWS_RETRY_AFTER_MAX.

Replaces Scrapy's RetryMiddleware at the same place (550). A retry waits before it is sent
again: the server's Retry-After (seconds or an HTTP date) when it gave one, else exponential
back-off (base x 2^(n-1), capped, with jitter so retries of many URLs do not arrive together).
A Retry-After longer than NEWS_RETRY_AFTER_MAX is not waited for: the URL fails now and a later
run gets it. The whole run retries at most NEWS_RETRY_BUDGET times, so a site that answers
every request with 503 costs (requests + budget) fetches, not requests x (1 + RETRY_TIMES), and
the run ends. Stats: retry/* (Scrapy's), news/retry/waited_ms, news/retry/budget_exhausted,
news/retry/retry_after_too_long.
"""
from __future__ import annotations

import random
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.retry import RetryMiddleware
from scrapy.http import Response
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.response import response_status_message


def retry_after_seconds(value: bytes | str | None, *, now: datetime | None = None) -> float | None:
    """Seconds a Retry-After header asks to wait (RFC 9110: delay-seconds or HTTP-date)."""
    if not value:
        return None
    text = value.decode("latin-1") if isinstance(value, bytes) else value
    text = text.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def backoff_seconds(attempt: int, *, base: float, cap: float, rng: random.Random) -> float:
    """Exponential back-off for the n-th retry (1-based), capped, with +-25% jitter."""
    delay = min(cap, base * (2 ** max(0, attempt - 1)))
    return delay * rng.uniform(0.75, 1.25)


class NewsRetryMiddleware(RetryMiddleware):
    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler.settings)
        self.crawler = crawler
        settings = crawler.settings
        self.budget = settings.getint("NEWS_RETRY_BUDGET")
        self.base = settings.getfloat("NEWS_RETRY_BACKOFF_BASE")
        self.cap = settings.getfloat("NEWS_RETRY_BACKOFF_MAX")
        self.retry_after_max = settings.getfloat("NEWS_RETRY_AFTER_MAX")
        self.spent = 0
        self.rng = random.Random()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "NewsRetryMiddleware":
        return cls(crawler)

    async def process_response(self, request: Request, response: Response,  # type: ignore[override]
                               spider: Spider | None = None) -> Request | Response:
        if request.meta.get("dont_retry", False) or response.status not in self.retry_http_codes:
            return response
        wait = retry_after_seconds(response.headers.get("Retry-After"))
        retry = await self._retry_later(request, response_status_message(response.status), wait)
        return retry or response

    async def process_exception(self, request: Request, exception: Exception,  # type: ignore[override]
                                spider: Spider | None = None) -> Request | Response | None:
        if not isinstance(exception, self.exceptions_to_retry) or request.meta.get("dont_retry", False):
            return None
        return await self._retry_later(request, exception, None)

    async def _retry_later(self, request: Request, reason: str | Exception,
                           retry_after: float | None) -> Request | None:
        stats = self.crawler.stats
        assert stats is not None
        if retry_after is not None and retry_after > self.retry_after_max:
            stats.inc_value("news/retry/retry_after_too_long")
            return None
        if self.budget >= 0 and self.spent >= self.budget:
            stats.inc_value("news/retry/budget_exhausted")
            return None
        retry = self._retry(request, reason)
        if retry is None:
            return None
        self.spent += 1
        attempt = retry.meta.get("retry_times", 1)
        delay = retry_after if retry_after is not None else backoff_seconds(
            attempt, base=self.base, cap=self.cap, rng=self.rng)
        if delay > 0:
            stats.inc_value("news/retry/waited_ms", round(delay * 1000))
            await self._sleep(delay)
        return retry

    @staticmethod
    async def _sleep(seconds: float) -> None:
        from twisted.internet import reactor
        from twisted.internet.task import deferLater

        await maybe_deferred_to_future(deferLater(reactor, seconds, lambda: None))  # type: ignore[arg-type]
