"""HostLeaseMiddleware: a shared crawl's politeness, one limit per host for the whole cluster.

Settings: NEWS_FRONTIER (off without it), NEWS_FRONTIER_HOST_CONCURRENCY,
NEWS_FRONTIER_HOST_DELAY, DOWNLOAD_DELAY, DOWNLOAD_TIMEOUT. Scrapy's own per-domain limits hold
in each process only; with N workers a host would see N times the rate. Here the slots and the
next start time of each host live in Redis (keys `newsarchive:<site>:host:<netloc>:*`), so
every worker of the site's crawl shares them. Stats: news/frontier/host_waits.
"""
from __future__ import annotations

import asyncio
from collections import deque
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from archive.warc import safe_name

# KEYS: slots (zset token -> expiry ms), next (earliest next start, ms), the run's workers.
# ARGV: token, limit, delay ms, lease ms, then tokens of this worker's finished requests to
# give back first. Returns {0: go, > 0: wait that many ms, -1: every slot is taken; the number
# of workers in the run}.
_HOST_ACQUIRE = """
if #ARGV > 4 then redis.call('ZREM', KEYS[1], unpack(ARGV, 5)) end
local workers = redis.call('SCARD', KEYS[3])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nxt = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < nxt then return {nxt - now, workers} end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return {-1, workers} end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
local delay = tonumber(ARGV[3])
if delay > 0 then redis.call('SET', KEYS[2], now + delay, 'PX', delay) end
return {0, workers}
"""


class HostLeaseMiddleware:
    """One concurrency limit and delay per host for every worker of the cluster.

    Before a request is downloaded it takes a slot of its host in Redis (a lease that expires
    after DOWNLOAD_TIMEOUT, so a killed worker's slots come back) and the host's next start
    time moves on by the delay: NEWS_FRONTIER_HOST_DELAY (or DOWNLOAD_DELAY), at least the
    host's robots.txt Crawl-delay for our user agent. The slot is given back with the response.
    """

    META = "news_host_lease"
    POLL = 0.02        # seconds between a waiting request's looks at its host's slots
    # seconds a request waiting for one of this worker's own slots waits for its release before
    # it asks Redis anyway (Redis stays the judge; a release is normally seen at once)
    LOCAL_WAIT = 1.0
    RELEASE_BATCH = 64  # tokens given back by one acquire at most (Lua's unpack has a limit)

    def __init__(self, crawler: Crawler, client: Any, prefix: str, worker: str) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.prefix = prefix
        self.worker = worker
        self.limit = (settings.getint("NEWS_FRONTIER_HOST_CONCURRENCY")
                      or settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN"))
        delay = settings.getfloat("NEWS_FRONTIER_HOST_DELAY")
        self.delay = delay if delay >= 0 else settings.getfloat("DOWNLOAD_DELAY")
        self.lease_ms = int((settings.getfloat("DOWNLOAD_TIMEOUT") + 30) * 1000)
        self.user_agent = settings.get("USER_AGENT")
        self.r = client
        self._acquire = client.register_script(_HOST_ACQUIRE)
        self._counter = 0
        self.k_workers = f"{prefix}:workers"
        # Slots of each host this worker holds. While it is the run's only worker (as the
        # acquire last said), a request that could only get a slot once one of these is
        # released waits for that release here instead of asking Redis every POLL seconds
        # (Scrapy sends up to CONCURRENT_REQUESTS through the middlewares, more than a host's
        # limit). With other workers, every waiting request asks Redis every POLL seconds, so
        # no worker is served before the others.
        self._held: dict[str, int] = {}
        self._waiters: dict[str, deque[asyncio.Future[None]]] = {}
        self._alone = False
        # Slots of finished requests not yet given back in Redis, by slots key: the next
        # acquire of the host gives them back in its own round trip; what is left is given
        # back at the reactor's next turn (_flush_releases).
        self._releasing: dict[str, list[str]] = {}
        self._flush_pending = False

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "HostLeaseMiddleware":
        url = crawler.settings.get("NEWS_FRONTIER")
        if not url:
            raise NotConfigured("NEWS_FRONTIER is not set")
        from crawler.frontier import connect  # redis is needed only here

        site = safe_name(crawler.settings.get("NEWS_SITE"))
        middleware = cls(crawler, connect(url), f"newsarchive:{site}",
                         crawler.settings.get("NEWS_WORKER_ID"))
        crawler.signals.connect(middleware._flush_releases, signal=signals.spider_closed)
        return middleware

    def _crawl_delay(self, netloc: str) -> float:
        """robots.txt's Crawl-delay for this host, once Scrapy's robots middleware read it."""
        from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware

        engine = self.crawler.engine
        middlewares = engine.downloader.middleware.middlewares if engine else ()
        for middleware in middlewares:
            if isinstance(middleware, RobotsTxtMiddleware):
                parser = middleware._parsers.get(netloc)
                crawl_delay = getattr(parser, "crawl_delay", None)
                if callable(crawl_delay):
                    return float(crawl_delay(self.user_agent) or 0.0)
        return 0.0

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        netloc = urlsplit(request.url).netloc
        delay = max(self.delay, self._crawl_delay(netloc))
        self._counter += 1
        token = f"{self.worker}:{self._counter}"
        keys = [f"{self.prefix}:host:{netloc}:slots", f"{self.prefix}:host:{netloc}:next",
                self.k_workers]
        waited = False
        while True:
            if self._alone and self._held.get(netloc, 0) >= self.limit:
                waited = True
                await self._local_release(netloc)
            wait, workers = self._acquire(keys=keys, args=[
                token, self.limit, int(delay * 1000), self.lease_ms,
                *self._take_releases(keys[0])])
            self._alone = int(workers) <= 1
            wait = int(wait)
            if wait == 0:
                break
            waited = True
            await asyncio.sleep(wait / 1000 if wait > 0 else self.POLL)
        if waited:
            self.crawler.stats.inc_value("news/frontier/host_waits")
        self._held[netloc] = self._held.get(netloc, 0) + 1
        request.meta[self.META] = (keys[0], token, netloc)

    async def _local_release(self, netloc: str) -> None:
        """Until one of this worker's slots of the host is released (LOCAL_WAIT at most)."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[None] = loop.create_future()
        timer = loop.call_later(self.LOCAL_WAIT, _wake, future)
        self._waiters.setdefault(netloc, deque()).append(future)
        try:
            await future
        finally:
            timer.cancel()

    def _take_releases(self, key: str) -> list[str]:
        tokens = self._releasing.get(key)
        if not tokens:
            return []
        taken, self._releasing[key] = tokens[:self.RELEASE_BATCH], tokens[self.RELEASE_BATCH:]
        return taken

    def _release(self, request: Request) -> None:
        held = request.meta.pop(self.META, None)
        if not held:
            return
        key, token, netloc = held
        self._releasing.setdefault(key, []).append(token)
        if not self._flush_pending:
            self._flush_pending = True
            from twisted.internet import reactor

            reactor.callLater(0, self._flush_releases)  # type: ignore[attr-defined]
        self._held[netloc] -= 1
        waiters = self._waiters.get(netloc)
        while waiters:
            if _wake(waiters.popleft()):
                break

    def _flush_releases(self, *args: Any, **kwargs: Any) -> None:
        """Give back the slots no acquire of their host has given back since their release."""
        self._flush_pending = False
        pending = {key: tokens for key, tokens in self._releasing.items() if tokens}
        self._releasing.clear()
        if not pending:
            return
        pipe = self.r.pipeline(transaction=False)
        for key, tokens in pending.items():
            pipe.zrem(key, *tokens)
        pipe.execute()

    def process_response(self, request: Request, response: Any, spider: Spider | None = None) -> Any:
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: Exception,
                          spider: Spider | None = None) -> None:
        self._release(request)


def _wake(future: asyncio.Future[None]) -> bool:
    if future.done():   # its wait timed out, or its request was cancelled
        return False
    future.set_result(None)
    return True
