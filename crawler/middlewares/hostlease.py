"""HostLeaseMiddleware: a shared crawl's politeness, one limit per host for the whole cluster.

Settings: NEWS_FRONTIER (off without it), NEWS_FRONTIER_HOST_CONCURRENCY,
NEWS_FRONTIER_HOST_DELAY, DOWNLOAD_DELAY, DOWNLOAD_TIMEOUT. Scrapy's own per-domain limits hold
in each process only; with N workers a host would see N times the rate. Here the slots and the
next start time of each host live in Redis (keys `newsarchive:<site>:host:<netloc>:*`), so
every worker of the site's crawl shares them. Stats: news/frontier/host_waits.
"""
from __future__ import annotations

import asyncio
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from archive.warc import safe_name

# KEYS: slots (zset token -> expiry ms), next (earliest next start, ms). ARGV: token, limit,
# delay ms, lease ms. 0: go; > 0: wait that many ms; -1: every slot is taken.
_HOST_ACQUIRE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local nxt = tonumber(redis.call('GET', KEYS[2]) or '0')
if now < nxt then return nxt - now end
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return -1 end
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[4]), ARGV[1])
redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[4]))
local delay = tonumber(ARGV[3])
if delay > 0 then redis.call('SET', KEYS[2], now + delay, 'PX', delay) end
return 0
"""


class HostLeaseMiddleware:
    """One concurrency limit and delay per host for every worker of the cluster.

    Before a request is downloaded it takes a slot of its host in Redis (a lease that expires
    after DOWNLOAD_TIMEOUT, so a killed worker's slots come back) and the host's next start
    time moves on by the delay: NEWS_FRONTIER_HOST_DELAY (or DOWNLOAD_DELAY), at least the
    host's robots.txt Crawl-delay for our user agent. The slot is given back with the response.
    """

    META = "news_host_lease"

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

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "HostLeaseMiddleware":
        url = crawler.settings.get("NEWS_FRONTIER")
        if not url:
            raise NotConfigured("NEWS_FRONTIER is not set")
        from crawler.frontier import connect  # redis is needed only here

        site = safe_name(crawler.settings.get("NEWS_SITE"))
        return cls(crawler, connect(url), f"newsarchive:{site}",
                   crawler.settings.get("NEWS_WORKER_ID"))

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
        keys = [f"{self.prefix}:host:{netloc}:slots", f"{self.prefix}:host:{netloc}:next"]
        waited = False
        while True:
            wait = int(self._acquire(keys=keys, args=[token, self.limit, int(delay * 1000),
                                                      self.lease_ms]))
            if wait == 0:
                break
            waited = True
            await asyncio.sleep(wait / 1000 if wait > 0 else 0.02)
        if waited:
            self.crawler.stats.inc_value("news/frontier/host_waits")
        request.meta[self.META] = (keys[0], token)

    def _release(self, request: Request) -> None:
        held = request.meta.pop(self.META, None)
        if held:
            self.r.zrem(held[0], held[1])

    def process_response(self, request: Request, response: Any, spider: Spider | None = None) -> Any:
        self._release(request)
        return response

    def process_exception(self, request: Request, exception: Exception,
                          spider: Spider | None = None) -> None:
        self._release(request)
