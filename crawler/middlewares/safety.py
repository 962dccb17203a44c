"""SafetyMiddleware: refuse requests that must never leave the machine, and crawler traps.

Settings: NEWS_SAFETY_ENABLED, NEWS_BLOCK_PRIVATE_ADDRESSES, NEWS_ALLOWED_PRIVATE_HOSTS,
NEWS_MAX_URL_LENGTH, NEWS_MAX_REPEATED_SEGMENTS, NEWS_DENY_URL_PATTERNS,
NEWS_PROFILELESS_MAX_PAGES.

Sits first in the request path (order 40, before OffsiteMiddleware and robots.txt), so a refused
request is never connected to -- not even for its robots.txt:

- address guard: a URL whose host is, or resolves to, a loopback, private, link-local,
  multicast, reserved or unspecified address (127.0.0.2, 10.0.0.1, 169.254.169.254, `localhost`)
  is refused, unless the host is the operator's own target (the start URL's host or a profile's
  hosts, which the operator named explicitly) or listed in NEWS_ALLOWED_PRIVATE_HOSTS. Links
  and redirects are how a hostile page would reach a cloud metadata service or an intranet.
  Names are resolved through Scrapy's caching resolver, so the connection that follows uses
  the very address that was checked.
- URL traps: over-long URLs, a path segment repeated again and again (`/a/b/a/b/a/b/`, from
  relative links that grow), and operator-given deny patterns (calendars, faceted search).
- page requisites (crawler/requisites.py) may live on other hosts: the robots.txt of such a
  host is let past OffsiteMiddleware, so it is read and obeyed; requisites are not pages and
  spend no page budget.
- page budget: a profile-less crawl (nobody told us how the site is built) fetches at most
  NEWS_PROFILELESS_MAX_PAGES pages; requests past the budget are refused and wait in the site's
  backlog for the next run (crawler/backlog.py), and while a backlog waits, re-checks of
  archived articles get at most NEWS_RECHECK_SHARE of the budget. A request a later middleware
  skips without fetching gives its page back. Final responses and failures tell the backlog
  which URLs this run settled.

Refusals raise RefusedRequest (an IgnoreRequest), counted as news/safety/refused/<kind> and
recorded per URL by FailureLogMiddleware (budget refusals are deferrals, not failures).
"""
from __future__ import annotations

import ipaddress
import re
from collections import Counter
from typing import Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.http import Response
from scrapy.crawler import Crawler
from scrapy.exceptions import IgnoreRequest, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.url import url_is_from_any_domain

from crawler.backlog import BacklogKeeper
from crawler.middlewares.failures import RECHECK_DEFERRED, record_failure
from crawler.requisites import REQUISITE_META

# Start of the message of a page-budget refusal: the URL is not lost, it waits in the backlog.
DEFERRED = "left for the next run (site backlog):"


class RefusedRequest(IgnoreRequest):
    """A request SafetyMiddleware will not send; `kind` names the rule."""

    def __init__(self, message: str, *, kind: str) -> None:
        super().__init__(message)
        self.kind = kind


def is_public_address(address: str) -> bool:
    """True for a globally routable unicast address; False for loopback, private (RFC 1918,
    ULA), link-local, CGNAT, multicast, reserved and unspecified ones."""
    ip = ipaddress.ip_address(address)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return bool(ip.is_global) and not ip.is_multicast


def ip_literal(host: str) -> str | None:
    try:
        return str(ipaddress.ip_address(host.strip("[]")))
    except ValueError:
        return None


class SafetyMiddleware:
    def __init__(self, crawler: Crawler) -> None:
        settings = crawler.settings
        self.crawler = crawler
        self.block_private = settings.getbool("NEWS_BLOCK_PRIVATE_ADDRESSES")
        self.allowed_private = {h.lower() for h in settings.getlist("NEWS_ALLOWED_PRIVATE_HOSTS")}
        self.max_url_length = settings.getint("NEWS_MAX_URL_LENGTH")
        self.max_repeats = settings.getint("NEWS_MAX_REPEATED_SEGMENTS")
        self.deny = [re.compile(p) for p in settings.getlist("NEWS_DENY_URL_PATTERNS")]
        self.page_budget = settings.getint("NEWS_PROFILELESS_MAX_PAGES")
        self.recheck_share = settings.getfloat("NEWS_RECHECK_SHARE")
        self.rechecks = 0
        self.pages = 0
        self._verdicts: dict[str, str | None] = {}   # host -> why refused (None: allowed)
        # hosts (netlocs) page requisites are requested from: their robots.txt is fetched
        # even when they are not the site's (OffsiteMiddleware would drop it, and a missing
        # robots.txt means "everything allowed")
        self._requisite_hosts: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> "SafetyMiddleware":
        if not crawler.settings.getbool("NEWS_SAFETY_ENABLED"):
            raise NotConfigured("NEWS_SAFETY_ENABLED is off")
        middleware = cls(crawler)
        # Connected before OffsiteMiddleware's own handler (we are built first), so redirects
        # it would drop silently at scheduling are recorded, private literals as refusals.
        crawler.signals.connect(middleware.request_scheduled, signal=signals.request_scheduled)
        return middleware

    def request_scheduled(self, request: Request, spider: Spider) -> None:
        """A redirect target leaving the operator's hosts: record why it is not followed."""
        if not request.meta.get("redirect_urls"):
            return
        host = (urlsplit(request.url).hostname or "").lower()
        if host in self._operator_hosts():
            return
        literal = ip_literal(host)
        if self.block_private and literal is not None and not is_public_address(literal):
            refusal = self._refuse(request, "private_address",
                                   f"{literal} is a private, loopback or link-local address")
            record_failure(self.crawler, request.url, str(refusal), kind=refusal.kind)
            raise refusal
        if not request.dont_filter and not url_is_from_any_domain(
                request.url, getattr(spider, "allowed_domains", None) or []):
            self.crawler.stats.inc_value("news/safety/offsite_redirects")  # type: ignore[union-attr]
            record_failure(self.crawler, request.url,
                           f"redirect from {request.meta['redirect_urls'][-1]} leaves the site's "
                           f"hosts: not followed", kind="offsite_redirect")

    def _operator_hosts(self) -> set[str]:
        """Hosts the operator named: the start URL's or the profile's (exact names only)."""
        spider = self.crawler.spider
        return {h.lower() for h in getattr(spider, "allowed_domains", None) or []} | self.allowed_private

    def _refuse(self, request: Request, kind: str, why: str) -> RefusedRequest:
        self.crawler.stats.inc_value(f"news/safety/refused/{kind}")  # type: ignore[union-attr]
        return RefusedRequest(f"refused {request.url}: {why}", kind=f"refused_{kind}")

    async def process_request(self, request: Request, spider: Spider | None = None) -> None:
        url = request.url
        parts = urlsplit(url)
        if request.meta.get(REQUISITE_META):
            self._requisite_hosts.add(parts.netloc)
        elif parts.path == "/robots.txt" and parts.netloc in self._requisite_hosts \
                and request.meta.get("dont_obey_robotstxt"):
            request.meta["allow_offsite"] = True
        if self.max_url_length and len(url) > self.max_url_length:
            raise self._refuse(request, "url_too_long", f"URL longer than {self.max_url_length} characters")
        segments = [s for s in parts.path.split("/") if s]
        if self.max_repeats and segments:
            segment, repeats = Counter(segments).most_common(1)[0]
            if repeats > self.max_repeats:
                raise self._refuse(request, "repeated_segment",
                                   f"path segment {segment!r} repeated {repeats} times (a link trap)")
        for pattern in self.deny:
            if pattern.search(url):
                raise self._refuse(request, "deny_pattern", f"matches NEWS_DENY_URL_PATTERNS {pattern.pattern!r}")
        if self.block_private:
            why = await self._address_verdict(parts.hostname or "")
            if why is not None:
                raise self._refuse(request, "private_address", why)
        profile = getattr(self.crawler.spider, "profile", True)
        if (profile is None and self.page_budget and parts.path != "/robots.txt"
                and not request.meta.get(REQUISITE_META)):   # the budget counts pages
            self._spend_budget(request)
        return None

    def _spend_budget(self, request: Request) -> None:
        """Count `request` against the page budget, or refuse it: past the budget it waits in
        the site's backlog; a re-check of an archived article past its share (while a backlog
        waits) is left to a later run."""
        keeper = BacklogKeeper.of(self.crawler)
        recheck = bool(request.meta.get("news_recheck"))
        if recheck and (self.pages >= self.page_budget or (
                keeper is not None and keeper.waiting_at_start
                and self.rechecks >= self.page_budget * self.recheck_share)):
            # archived already: no backlog entry, and no reason to call the run partial
            self.crawler.stats.inc_value("news/backlog/rechecks_deferred")  # type: ignore[union-attr]
            raise IgnoreRequest(f"{RECHECK_DEFERRED}: {request.url}")
        if self.pages >= self.page_budget:
            if keeper is not None:
                keeper.leave(request, "deferred")
            raise self._refuse(request, "page_budget",
                               f"{DEFERRED} the profile-less page budget of {self.page_budget} "
                               f"pages is spent (NEWS_PROFILELESS_MAX_PAGES)")
        self.pages += 1
        self.rechecks += recheck
        request.meta["news_budget_counted"] = True

    def process_response(self, request: Request, response: Response,
                         spider: Spider | None = None) -> Response:
        """A final response (retries and redirects are settled by now): the URL is fetched."""
        keeper = BacklogKeeper.of(self.crawler)
        if keeper is not None:
            keeper.fetched_request(request)
        return response

    def process_exception(self, request: Request, exception: Exception,
                          spider: Spider | None = None) -> None:
        """A final failure is an outcome too; a request a later middleware skipped without
        fetching (robots.txt, an archived article past its re-check window) gives its page of
        the budget back."""
        if isinstance(exception, RefusedRequest) and exception.kind == "refused_page_budget" \
                or str(exception).startswith(RECHECK_DEFERRED):
            return None  # not fetched: left for a later run
        if isinstance(exception, IgnoreRequest) and not isinstance(exception, RefusedRequest) \
                and request.meta.pop("news_budget_counted", False):
            self.pages -= 1
        keeper = BacklogKeeper.of(self.crawler)
        if keeper is not None:
            keeper.fetched_request(request)
        return None

    async def _address_verdict(self, host: str) -> str | None:
        """Why `host` must not be connected to, or None. Cached per host for the run."""
        host = host.lower()
        if host in self._operator_hosts():
            return None
        if host in self._verdicts:
            return self._verdicts[host]
        verdict: str | None = None
        literal = ip_literal(host)
        if literal is not None:
            if not is_public_address(literal):
                verdict = f"{literal} is a private, loopback or link-local address"
        elif host:
            address = await self._resolve(host)
            if address is not None and not is_public_address(address):
                verdict = f"{host} resolves to {address}, a private, loopback or link-local address"
        self._verdicts[host] = verdict
        return verdict

    async def _resolve(self, host: str) -> str | None:
        """The address Scrapy will connect to (its caching resolver), or None when the name
        does not resolve (the download then fails with a DNS error, connecting nowhere)."""
        from twisted.internet import reactor
        from twisted.internet.error import DNSLookupError

        try:
            resolved: Any = reactor.resolve(host)  # type: ignore[attr-defined,arg-type]  # twisted stubs
            return str(await maybe_deferred_to_future(resolved))
        except (DNSLookupError, OSError):
            return None
