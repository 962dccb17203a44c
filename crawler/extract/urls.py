"""URL normalisation for article identity: one article, one canonical URL.

Built on w3lib's `canonicalize_url` (query sorted, percent-encoding normalised); on top of it we
drop what never identifies an article: tracking parameters, fragments, default ports, and the
AMP / mobile / print variants of a page.
"""
from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

# Query parameters that only say where a click came from.
_TRACKING_PARAM = re.compile(
    r"^(utm_[a-z_]+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|twclid|igshid|mc_cid|mc_eid|"
    r"_ga|_gl|ocid|cmpid|cmp|icid|ito|ns_mchannel|ns_source|ns_campaign|ns_linkname|ns_fee|"
    r"share|smid|ref|ref_src|ref_url|xtor|at_medium|at_campaign|at_custom\d*|"
    r"outputtype|amp|print|mobile)$",
    re.IGNORECASE,
)
_DEFAULT_PORTS = {"http": 80, "https": 443}
_AMP_SUFFIX = re.compile(r"(/amp/?|\.amp(?=\.html?$)|/amp\.html?)$")


def is_tracking_param(name: str) -> bool:
    return bool(_TRACKING_PARAM.match(name))


@lru_cache(maxsize=1024)
def normalize_url(url: str) -> str:
    """The canonical form of `url`: scheme/host lower-cased, default port, fragment, tracking
    parameters and AMP/mobile host variants removed, query sorted.

    >>> normalize_url("HTTP://m.Example.com:80/a/b/amp/?utm_source=x&b=2&a=1#top")
    'http://example.com/a/b/?a=1&b=2'

    Remembered (~10 µs a call): an import normalises each page's URL twice, as the article's
    canonical URL and to tell an alternate URL, and the store again.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    for prefix in ("m.", "amp.", "mobile."):
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix):]
            break
    netloc = host
    if parts.port and parts.port != _DEFAULT_PORTS.get(scheme):
        netloc = f"{host}:{parts.port}"
    query = urlencode([(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                       if not is_tracking_param(k)])
    path = _AMP_SUFFIX.sub("/", parts.path) or "/"
    cleaned = urlunsplit((scheme, netloc, path, query, ""))
    result = canonicalize_url(cleaned, keep_fragments=False)
    # canonicalize_url keeps an explicit default port only if we passed one; we never do.
    return result


def site_of(url: str) -> str:
    """The site an URL belongs to: its host name, lower-cased, without "www." or a port."""
    host = (urlsplit(url).hostname or "").lower()
    return host[4:] if host.startswith("www.") else host


@lru_cache(maxsize=1)
def _suffix_list() -> Any:
    import tldextract

    # the public suffix list snapshot bundled with tldextract: never fetched, never cached on
    # disk (extraction has no network and writes nothing)
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


@lru_cache(maxsize=4096)
def registered_domain(url: str) -> str:
    """The registered domain of an URL's host, by the public suffix list (private entries such
    as blogspot.com included: each blog there is a site of its own): news.example.co.uk and
    www.example.co.uk -> example.co.uk. A TLD the list does not know (.example, .test) counts
    as a public suffix, as the list's default rule "*" says; an IP address or a one-label host
    is returned as it is.

    >>> registered_domain("https://news.alpha.example/p/1")
    'alpha.example'
    """
    return _registered_domain_of((urlsplit(url).hostname or "").lower().rstrip("."))


@lru_cache(maxsize=4096)
def _registered_domain_of(host: str) -> str:
    """registered_domain() of a host name, remembered by host: an import asks for every page,
    whose URLs differ (so registered_domain's own memory misses) but whose hosts repeat."""
    try:
        ipaddress.ip_address(host)
        return host
    except ValueError:
        pass
    parts = _suffix_list()(host, include_psl_private_domains=True)
    if parts.suffix and parts.domain:
        return f"{parts.domain}.{parts.suffix}"
    labels = host.split(".")
    if not parts.suffix and len(labels) >= 2:
        return ".".join(labels[-2:])
    return host


def strip_tracking(url: str) -> str:
    """`url` without tracking parameters and fragment, otherwise untouched (safe to fetch)."""
    parts = urlsplit(url)
    if not parts.query and not parts.fragment:
        return url
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not is_tracking_param(k) or k.lower() in ("amp", "print", "mobile")]
    query = urlencode(kept) if len(kept) != len(pairs) else parts.query
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))
