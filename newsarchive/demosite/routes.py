"""URL routing for the fixture site: request target in, status + headers + bytes out.

Kept apart from the HTTP server so that the whole site can be exercised without sockets
(and so the server stays a thin, boring adapter).
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from http import HTTPStatus
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, unquote, urlsplit

from . import assets
from . import content as C
from . import pages, scripted
from .generator import DISALLOWED_PATH, Article, tag_slug

if TYPE_CHECKING:
    from .generator import DemoSite

HTML = "text/html; charset=utf-8"
LANGS = {v: k for k, v in C.LANG_PATH.items()}      # "en_GB" -> "en"
_ARTICLE = re.compile(r"(print/)?articles/([a-z]+)/(\d{4})/(\d{2})/(\d{2})/([a-z0-9-]+)")


@dataclass(slots=True)
class Response:
    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""


def _text(status: int, text: str, content_type: str, *, encoding: str = "utf-8",
          extra: list[tuple[str, str]] | None = None) -> Response:
    body = text.encode(encoding)
    return Response(status, [("Content-Type", content_type), *(extra or [])], body)


def _html(text: str, status: int = 200) -> Response:
    return _text(status, text, HTML)


def route(site: DemoSite, method: str, target: str, headers: dict[str, str],
          base: str) -> Response:
    """Answer one request. `headers` keys are lower-case; `base` has no trailing slash."""
    failure = site.take_failure()
    if failure is not None:
        return _failure(failure)
    if method not in ("GET", "HEAD"):
        return _text(405, "Method not allowed\n", "text/plain; charset=utf-8",
                     extra=[("Allow", "GET, HEAD")])
    parts = urlsplit(target)
    path = unquote(parts.path)
    query = parse_qs(parts.query)

    if path == "/":
        return _html(pages.root_page(base))
    if path == "/robots.txt":
        return _text(200, pages.robots_txt(base), "text/plain; charset=utf-8")
    if path == "/sitemap.xml":
        return _text(200, pages.sitemap_index(site, base), "application/xml")
    if path == "/sitemap-articles.xml":
        return _text(200, pages.sitemap_articles(site, base), "application/xml")
    if path == "/sitemap-news.xml":
        return _text(200, pages.sitemap_news(site, base), "application/xml")
    if site.scripted and path in (scripted.PATH, scripted.JSON_PATH, scripted.SCRIPT_PATH):
        if path == scripted.PATH:
            return _html(scripted.shell_page())
        if path == scripted.JSON_PATH:
            return _text(200, scripted.article_json(), "application/json; charset=utf-8")
        return _text(200, scripted.SCRIPT, "application/javascript; charset=utf-8")
    if path.startswith("/static/") or path.startswith("/media/"):
        return _asset(path)

    first, _, rest = path.lstrip("/").partition("/")
    lang = LANGS.get(first)
    if lang is None:
        return _html(pages.not_found_page(site, "en"), 404)
    if path == f"/{first}":
        return _redirect(f"{base}/{first}/", 301)
    if rest == "":
        return _html(pages.home_page(site, lang, base))

    match = _ARTICLE.fullmatch(rest)
    if match:
        art = _find_article(site, lang, path, printed=bool(match.group(1)))
        if art is None:
            return _html(pages.not_found_page(site, lang), 404)
        if match.group(1):
            return _conditional(headers, art, pages.print_page(site, art, base).encode(), HTML)
        encoding = art.encoding
        content_type = HTML if encoding == "utf-8" else "text/html"   # charset only in <meta>
        body = pages.article_page(site, art, base).encode(encoding)
        return _conditional(headers, art, body, content_type)

    if m := re.fullmatch(r"news/(\d+)/?", rest):
        for art in site.articles(lang):
            if art.number == int(m.group(1)):
                return _redirect(base + art.path, 301)
        return _html(pages.not_found_page(site, lang), 404)

    section, _, tail = rest.partition("/")
    if section in C.SECTIONS:
        if tail == "" and not rest.endswith("/"):
            return _redirect(f"{base}/{first}/{section}/", 301)
        if tail == "":
            try:
                page = int(query.get("page", ["1"])[0])
            except ValueError:
                page = 0
            text = pages.listing_page(site, lang, section, page, base)
            return _html(text) if text else _html(pages.not_found_page(site, lang), 404)
        if tail == "rss.xml":
            return _text(200, pages.rss_feed(site, lang, section, base),
                         "application/rss+xml; charset=utf-8")

    if m := re.fullmatch(r"tag/([^/]+)/?", rest):
        for art in site.articles(lang):
            for tag in art.tags:
                if tag_slug(lang, tag) == m.group(1):
                    return _html(pages.tag_page(site, lang, tag, base))
    if path == DISALLOWED_PATH:
        return _html(pages.private_page(site))
    if rest in pages.STATIC_TEXT[lang]:
        return _html(pages.static_page(site, lang, rest))
    return _html(pages.not_found_page(site, lang), 404)


def _find_article(site: DemoSite, lang: str, path: str, *, printed: bool) -> Article | None:
    for art in site.articles(lang):
        if path == (art.print_path if printed else art.path):
            return art
    return None


def _conditional(headers: dict[str, str], art: Article, body: bytes,
                 content_type: str) -> Response:
    """200 with validators, or 304 when the client's copy is current."""
    etag = '"' + hashlib.sha1(body).hexdigest()[:20] + '"'
    last_modified = art.last_modified.replace(second=0, microsecond=0)
    validators = [("ETag", etag), ("Last-Modified", pages.http_date(last_modified)),
                  ("Cache-Control", "public, max-age=60")]
    if_none_match = headers.get("if-none-match")
    if if_none_match is not None:
        tags = [tag.strip().removeprefix("W/") for tag in if_none_match.split(",")]
        if etag in tags or "*" in tags:
            return Response(304, validators)
    elif (since := headers.get("if-modified-since")) is not None:
        try:
            when = parsedate_to_datetime(since)
        except (TypeError, ValueError):
            when = None
        if when is not None and when.tzinfo is not None and last_modified <= when:
            return Response(304, validators)
    return Response(200, [("Content-Type", content_type), *validators], body)


def _redirect(location: str, status: int) -> Response:
    body = f'<html><body><a href="{location}">Moved</a></body></html>\n'
    return Response(status, [("Location", location), ("Content-Type", HTML)], body.encode())


def _failure(status: int) -> Response:
    try:
        reason = HTTPStatus(status).phrase
    except ValueError:
        reason = "Error"
    extra = [("Retry-After", "1")] if status in (429, 503) else []
    return _text(status, pages.error_page(status, reason), HTML, extra=extra)


def _asset(path: str) -> Response:
    """A requisite of the pages: stylesheets, scripts, the web font, pictures (assets.py)."""
    cache = [("Cache-Control", "public, max-age=86400")]
    if path in assets.STYLESHEETS:
        return _text(200, assets.STYLESHEETS[path], "text/css; charset=utf-8", extra=cache)
    if path in assets.SCRIPTS:
        return _text(200, assets.SCRIPTS[path], "application/javascript; charset=utf-8",
                     extra=cache)
    if path == assets.FONT_PATH:
        return Response(200, [("Content-Type", "font/ttf"), *cache], assets.font())
    if path == assets.LARGE_PICTURE:
        return Response(200, [("Content-Type", "image/png"), *cache], assets.noise_png(path))
    if path.endswith(".png") and ".." not in path:
        return Response(200, [("Content-Type", "image/png"), *cache], assets.png(path))
    return _text(404, "Not found\n", "text/plain; charset=utf-8")
