"""The reading room: a Datasette instance over records.sqlite3, extended with our own pages.

On PostgreSQL (`serve --db postgresql://…`) our pages read the database through the Store
interface (one pooled, read-only PostgresStore for the server's life) and Datasette serves a
read-only SQLite mirror of its tables (archive.web.mirror), whose age every page's footer shows.

Datasette (read-only `mode=ro` connection) gives researchers table browsing, faceting, SQL and
CSV/JSON export for free under /records; this module adds the pages Datasette cannot know how
to draw, as a Datasette plugin:

    /                       search with facets and snippets (archive.search)
    /article/<id>           an article (current version, or ?v=N), its versions and the diff
                            between two of them (?from=A&to=B), provenance, citation, replay
                            links to the replay origin, and the other articles of its story
                            ("also published by", earliest capture first: docs/STORIES.md);
                            each figure shows the archived picture (or says "not archived")
    /image?record=<id>      an archived picture: the payload of the WARC response record
                            `<id>` (a capture of the store), read with warcio and served with
                            its archived image Content-Type; anything but a 2xx image
                            response is a 404. Pictures are never hot-linked to the live site.

Pages are Jinja templates with autoescape; they receive extracted text fields only (and
same-origin /image links), and show
article text through the `bidi` filter (escaped; the stretches written in the other direction,
such as a date or a Latin name in Arabic, isolated in <bdi>). Security
headers and the Host check come from `archive.web.security`. Views do their store work in a
thread (`asyncio.to_thread`): the store is synchronous sqlite3.
"""
from __future__ import annotations

import asyncio
import math
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import Response
from markupsafe import Markup, escape

from archive.web import present
from archive.web.security import (ASGIApp, datasette_csp, datasette_inline_script_hashes,
                                  is_loopback, security_wrapper)

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"
PAGE_SIZE = 20
MAX_PAGE = 500                      # deeper pages are for SQL or export, not for reading
FILTERS = ("site", "section", "language", "author", "from", "to")
FACET_LABELS = {"site": "Site", "section": "Section", "language": "Language",
                "author": "Author", "month": "Month published"}
# Paths served by our pages (strict CSP); everything else is Datasette's.
OWN_PATHS = re.compile(r"^/(article/\d+/?|image|assets/.*)?$")
# Archived pictures are served with their own media type, when it is one of these (an
# `image/svg+xml` too: our strict CSP, sandbox without scripts, covers it opened on its own).
_IMAGE_TYPE = re.compile(r"image/[a-z0-9][a-z0-9.+-]*")


@dataclass(frozen=True, slots=True)
class RoomConfig:
    """What the reading room needs to know, attached to its Datasette instance."""

    archive: Path
    replay_base: str | None          # e.g. "http://127.0.0.1:8002", None when replay is off
    store: Any = None                # the shared PostgresStore on PostgreSQL, else None
    mirror: Any = None               # archive.web.mirror.MirrorState on PostgreSQL, else None


def _config(datasette: Any) -> RoomConfig | None:
    return getattr(datasette, "_newsarchive_room", None)


@contextmanager
def _open(config: RoomConfig) -> Iterator[Any]:
    """The store for one request: the shared PostgreSQL store, or a fresh read-only SQLite
    connection (sqlite3 connections stay in the thread that made them)."""
    if config.store is not None:
        yield config.store
        return
    from archive.store import open_store

    with open_store(config.archive, readonly=True) as store:
        yield store


def make_datasette(archive: Path, *, replay_base: str | None, store: Any = None,
                   mirror: Any = None) -> Any:
    """A Datasette over the archive's records database (or, on PostgreSQL, over its SQLite
    mirror: `mirror`, with the open `store`) with the reading-room plugin."""
    from datasette.app import Datasette
    from datasette.plugins import pm

    plugin = sys.modules[__name__]
    if not pm.is_registered(plugin):
        pm.register(plugin, name="newsarchive-reading-room")
    db = mirror.path if mirror is not None else Path(archive) / "records.sqlite3"
    ds = Datasette(
        [str(db)],
        template_dir=str(TEMPLATES),
        static_mounts=[("assets", str(STATIC))],
        metadata={
            "title": "newsarchive reading room: tables, SQL and exports",
            "description": "The archive's records database, read-only. Search and read "
                           "articles at / ; here: browse tables, run SQL, export CSV/JSON.",
        },
        settings={"sql_time_limit_ms": 3000, "max_returned_rows": 1000,
                  "allow_download": False, "default_page_size": 50},
    )
    ds._newsarchive_room = RoomConfig(archive=Path(archive), replay_base=replay_base,
                                      store=store, mirror=mirror)
    return ds


def asgi_app(ds: Any, *, host: str) -> ASGIApp:
    """The Datasette ASGI app wrapped with the reading room's security headers."""
    return security_wrapper(ds.app(), own_paths=OWN_PATHS,
                            datasette_policy=datasette_csp(datasette_inline_script_hashes()),
                            loopback_only=is_loopback(host))


# --- plugin hooks -------------------------------------------------------------------------
@hookimpl  # type: ignore[untyped-decorator]  # pluggy marker, untyped
def register_routes(datasette: Any) -> list[tuple[str, Any]]:
    if _config(datasette) is None:
        return []
    return [(r"^/$", search_page), (r"^/article/(?P<article_id>\d+)/?$", article_page),
            (r"^/image$", image_view)]


@hookimpl  # type: ignore[untyped-decorator]  # pluggy marker, untyped
def extra_template_vars(datasette: Any) -> dict[str, Any]:
    """On PostgreSQL, every page (ours and Datasette's footer) says how old the mirror is."""
    config = _config(datasette)
    if config is None or config.mirror is None:
        return {}
    return {"newsarchive_mirror": config.mirror.note()}


@hookimpl  # type: ignore[untyped-decorator]  # pluggy marker, untyped
def prepare_jinja2_environment(env: Any, datasette: Any) -> None:
    env.filters["bidi"] = bidi_html


def bidi_html(text: str | list[tuple[str, bool]] | None, direction: str) -> Markup:
    """Article text (or a snippet's highlighted fragments) as HTML for a block written in
    `direction`: escaped, with the stretches of the other direction in <bdi dir=…> and
    highlights in <mark> (`present.isolate`). Templates use it as `{{ text|bidi(dir) }}`."""
    html = []
    for run in present.isolate(text or "", direction):
        inner = "".join(f"<mark>{escape(part)}</mark>" if highlighted else str(escape(part))
                        for part, highlighted in run.parts)
        html.append(f'<bdi dir="{run.direction}">{inner}</bdi>' if run.direction else inner)
    return Markup("".join(html))


# --- views --------------------------------------------------------------------------------
async def _render(datasette: Any, template: str, context: dict[str, Any], request: Any,
                  status: int = 200) -> Response:
    html = await datasette.render_template(template, context, request=request)
    return Response.html(html, status=status)


def _query_string(params: dict[str, str], **changes: str | None) -> str:
    merged = {k: v for k, v in params.items() if v}
    for key, value in changes.items():
        if value:
            merged[key] = value
        else:
            merged.pop(key, None)
    return "?" + urlencode(merged) if merged else "/"


async def search_page(datasette: Any, request: Any) -> Response:
    """Search with facets. Every parameter is data: the query goes through archive.search,
    which turns it into quoted FTS5 strings and SQL parameters, never into SQL text."""
    from archive.search import QueryError

    config = _config(datasette)
    assert config is not None
    params = {name: (request.args.get(name) or "").strip()[:500] for name in ("q", *FILTERS)}
    try:
        page = min(max(int(request.args.get("page") or 1), 1), MAX_PAGE)
    except ValueError:
        page = 1
    context: dict[str, Any] = {"params": params, "page": page, "error": None, "result": None}
    status = 200
    try:
        result = await asyncio.to_thread(_search, config, params, page)
    except QueryError as exc:
        context["error"] = str(exc)
        status = 400
    else:
        context.update(_search_context(result, params, page))
    return await _render(datasette, "rr_search.html", context, request, status)


def _search(config: RoomConfig, params: dict[str, str], page: int) -> Any:
    from archive.search import search

    with _open(config) as store:
        return search(store, params["q"], site=params["site"] or None,
                      section=params["section"] or None, language=params["language"] or None,
                      author=params["author"] or None, date_from=params["from"] or None,
                      date_to=params["to"] or None, limit=PAGE_SIZE,
                      offset=(page - 1) * PAGE_SIZE)


def _search_context(result: Any, params: dict[str, str], page: int) -> dict[str, Any]:
    hits = [{
        "id": hit.article_id, "title": hit.title or hit.url, "url": hit.url,
        "site": hit.site, "section": hit.section, "language": hit.language,
        "dir": present.block_direction(hit.language), "lang": present.lang_attr(hit.language),
        "authors": hit.authors, "published": present.human_date(hit.published),
        "published_iso": hit.published or "", "snippet": hit.snippet,
        "version_no": hit.version_no,
    } for hit in result.hits]
    facets = []
    for name, values in result.facets.items():
        param = "from" if name == "month" else name
        active = params.get(param, "")
        entries = []
        for value, count in values:
            selected = value == active
            if name == "month":
                link = _query_string(params, **{"from": None if selected else value,
                                                "to": None if selected else value, "page": None})
            else:
                link = _query_string(params, **{param: None if selected else value,
                                                "page": None})
            entries.append({"value": value, "count": count, "selected": selected,
                            "link": link, "dir": "auto"})
        if entries:
            facets.append({"name": name, "label": FACET_LABELS.get(name, name),
                           "entries": entries})
    # a search answered from its newest matches pages through those only
    shown = min(result.total, result.ranked_among) if result.ranked_among else result.total
    pages = max(1, math.ceil(shown / PAGE_SIZE))
    active_filters = [{"name": name, "value": params[name],
                       "remove": _query_string(params, **{name: None, "page": None})}
                      for name in FILTERS if params[name]]
    return {
        "result": {"total": result.total, "hits": hits, "about": result.total_is_estimate,
                   "ranked_among": result.ranked_among},
        "facets": facets,
        "active_filters": active_filters,
        "pages": min(pages, MAX_PAGE),
        "prev_link": _query_string(params, page=str(page - 1)) if page > 1 else None,
        "next_link": (_query_string(params, page=str(page + 1))
                      if page < min(pages, MAX_PAGE) else None),
    }


async def article_page(datasette: Any, request: Any) -> Response:
    """One article: a version's fields, its version history, a diff, provenance, citation."""
    config = _config(datasette)
    assert config is not None
    article_id = int(request.url_vars["article_id"])

    def number(name: str) -> int | None:
        value = request.args.get(name)
        return int(value) if value and value.isdigit() else None

    context = await asyncio.to_thread(
        _article_context, config, article_id, number("v"), number("from"), number("to"),
        page_url=f"{request.scheme}://{request.host}/article/{article_id}")
    if context is None:
        return await _render(datasette, "rr_error.html",
                             {"message": f"There is no article {article_id} in this archive."},
                             request, 404)
    return await _render(datasette, "rr_article.html", context, request)


async def image_view(datasette: Any, request: Any) -> Response:
    """An archived picture, from its WARC record (never fetched from the live site)."""
    config = _config(datasette)
    assert config is not None
    record_id = (request.args.get("record") or "")[:200]
    found = await asyncio.to_thread(_archived_image, config, record_id) if record_id else None
    if isinstance(found, str) or found is None:
        return Response.text((found or "No such archived picture.") + "\n", status=404)
    body, content_type = found
    # the record never changes: a browser may keep it
    return Response(body, status=200, content_type=content_type,
                    headers={"Cache-Control": "private, max-age=604800, immutable"})


def image_link(record_id: str) -> str:
    """Where the reading room serves the picture of WARC record `record_id`."""
    return "/image?" + urlencode({"record": record_id})


def _archived_image(config: RoomConfig, record_id: str) -> tuple[bytes, str] | str | None:
    """(payload, media type) of a capture's record that is a 2xx image response, else a
    one-line reason (or None: no such capture)."""
    from warcio.exceptions import ArchiveLoadFailed

    from archive.records import WarcRef
    from archive.replay import warc_root
    from archive.warc import read_payload

    with _open(config) as store:
        capture = store.find_capture(record_id)
    if capture is None:
        return None
    ref = WarcRef(capture["warc_file"], capture["offset"], capture["length"],
                  capture["record_id"])
    try:
        kind, http, payload = read_payload(warc_root(config.archive), ref)
    except (OSError, ValueError, ArchiveLoadFailed) as exc:
        return f"The archived picture cannot be read: {exc}"
    status = int(http.get_statuscode() or 0) if http is not None else 0
    media = ((http.get_header("Content-Type") or "") if http is not None else "")
    media = media.split(";", 1)[0].strip().lower()
    if kind != "response" or not 200 <= status < 300 or not _IMAGE_TYPE.fullmatch(media):
        return "That record is no archived picture."
    return payload, media


def _figures(store: Any, version: dict[str, Any]) -> list[dict[str, Any]]:
    """The version's images, each with the WARC record holding its bytes and the link that
    serves them here (None: not archived)."""
    from archive.images import with_image_captures

    [resolved] = with_image_captures(store, [version])
    figures = []
    for image in resolved["images"]:
        capture = image["capture"]
        figures.append({**image, "archived": image_link(capture["record_id"]) if capture
                        else None,
                        "captured": present.capture_time(capture["fetched_at"]) if capture
                        else None})
    return figures


def _article_context(config: RoomConfig, article_id: int, version_no: int | None,
                     diff_from: int | None, diff_to: int | None, *,
                     page_url: str) -> dict[str, Any] | None:
    from archive.records import run_kind
    from archive.replay import referenced_file, replay_url

    with _open(config) as store:
        article = store.get_article(article_id)
        if article is None:
            return None
        versions = store.versions(article_id)
        captures = store.captures_for_article(article_id)
        runs = {v["run_id"]: store.get_run(v["run_id"]) for v in versions if v.get("run_id")}
        story = store.story(article_id)
        by_no = {v["version_no"]: v for v in versions}
        shown = by_no.get(version_no or article["version_no"]) or by_no[article["version_no"]]
        figures = _figures(store, shown)

    def snapshot(fetched_at: str | None, url: str | None, mode: str = "") -> str | None:
        if not config.replay_base or not fetched_at or not url:
            return None
        return replay_url(config.replay_base, fetched_at, url, mode=mode)

    # The diff: explicit ?from&to, else the shown version against the one before it.
    numbers = sorted(by_no)
    diff = None
    newer = diff_to if diff_to in by_no else shown["version_no"]
    older = diff_from if diff_from in by_no else max((n for n in numbers if n < newer),
                                                      default=None)
    if older is not None and older != newer:
        diff = {"from": older, "to": newer,
                "fields": present.version_diff(by_no[older], by_no[newer])}

    capture = shown["capture"]
    shown_url = shown.get("url") or article["url"]
    fields = {**shown, "capture": capture}
    return {
        "article": article,
        "v": shown,
        "is_current": shown["version_no"] == article["version_no"],
        "dir": present.block_direction(shown.get("language")),
        "lang": present.lang_attr(shown.get("language")),
        "published": present.human_date(shown.get("published")),
        "modified": present.human_date(shown.get("modified")),
        "blocks": present.body_after_dek(shown),
        "figures": figures,
        "versions": [{
            **v, "captured": present.capture_time(v["capture"]["fetched_at"]),
            "dir": present.block_direction(v.get("language")),
            "lang": present.lang_attr(v.get("language")),
            "snapshot": snapshot(v["capture"]["fetched_at"], v.get("url")),
        } for v in versions],
        "diff": diff,
        "story_id": story["story_id"] if story else None,
        "also": [{**member, "captured": present.capture_time(member["first_seen"])}
                 for member in (story or {}).get("members", [])
                 if member["article_id"] != article_id],
        "captures": [{
            **c, "captured": present.capture_time(c["fetched_at"]),
            "snapshot": snapshot(c["fetched_at"], c["url"]),
        } for c in captures],
        "provenance": {
            "captured": present.capture_time(capture["fetched_at"]),
            "fetched_at": capture["fetched_at"],
            "url": shown_url,
            "warc_file": capture["warc_file"],
            "referenced_file": referenced_file(config.archive, capture["warc_file"]),
            "offset": capture["offset"],
            "length": capture["length"],
            "record_id": capture["record_id"],
            "payload_digest": capture["payload_digest"],
            "content_hash": shown.get("content_hash"),
            "extractor_version": shown.get("extractor_version"),
            "run_id": shown.get("run_id"),
            "run_kind": run_kind(runs[shown["run_id"]]["site"]) if runs.get(shown.get("run_id"))
            else "crawl",
        },
        "snapshot": snapshot(capture["fetched_at"], shown_url),
        "snapshot_raw": snapshot(capture["fetched_at"], shown_url, "id_"),
        "replay_base": config.replay_base,
        "citation": present.citation(
            fields, snapshot_url=snapshot(capture["fetched_at"], shown_url),
            page_url=page_url + ("" if shown is by_no[article["version_no"]]
                                 else f"?v={shown['version_no']}")),
    }
