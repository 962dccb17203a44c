"""Full-text search over the current version of every archived article, with filters and facets.

The stable API (`newsarchive search` and the web reading room call exactly this):

    search(conn_or_store, query, *, site=None, section=None, language=None, author=None,
           date_from=None, date_to=None, limit=20, offset=0, window=RANK_WINDOW,
           by_story=False) -> SearchResult

- `conn_or_store`: a `SQLiteStore` (read-only is fine) or an open `sqlite3.Connection` to an
  archive's records.sqlite3 (schema version 3 or later: the `article_search` FTS5 table), or a
  `PostgresStore` (schema version 4 or later): PostgreSQL's own full-text search then answers
  (archive/search_postgres.py, which says where it differs: stemming, stop words, ranking).
- `query`: words (all must occur: AND), "quoted phrases" and `word*` prefixes; case, Latin
  accents ("cafe" finds "café"), Arabic tatweel and harakat are ignored. A plain word also
  finds the other forms of its stem in each article's language, and Arabic spellings of one
  word find each other (archive/stemming.py); a quoted phrase matches as written (folded as
  above, not stemmed). Everything else is literal text: user input is never FTS5 syntax nor SQL (operators, `NEAR(`, column filters,
  quotes and `*` elsewhere are just characters). A query with no letters or digits finds
  nothing; an empty query browses: every article passing the filters, newest first.
- filters: `site`, `language` (exact), `section` and `author` (exact, ASCII case ignored; an
  article matches when any of its authors is `author`), `date_from`/`date_to` on the published
  date as the page states it (local date): "YYYY", "YYYY-MM" or "YYYY-MM-DD" (or a `date`),
  both ends inclusive ("--to 2026-07" includes 31 July). Articles without a published date
  never pass a date filter.
- ranking: bm25 with title > dek > authors > captions > body weights, over the published words
  and their stems; ties by article id.
- `by_story`: one hit per story (docs/STORIES.md) instead of one per article: the matching
  article of the story captured first stands for it, ranked by the best score of the story's
  matches (browsing: by its newest published date), and `SearchHit.also` lists the story's
  other matching articles, earliest first seen first. `total` then counts stories; facets
  still count articles. With a `window`, the window's matches are grouped and `total` is
  estimated (the window's stories per match times every match).

- `window` (SQLite): when more than `window` articles match, the search is answered from the
  newest `window` matches (by article id, i.e. archived last; browsing: by published date):
  hits are ranked among them and pages drawn from them, facets count them,
  `SearchResult.ranked_among` says so, and `total` still counts every match: exactly without
  filters, estimated with them (`total_is_estimate`; the filtered share of the window's span
  of matches times every match). Ranking and counting every match of a common word costs
  seconds at a million versions; `window=None` does it. PostgreSQL always ranks every match.

`SearchResult.total` counts every match; `hits` are the page `offset:offset+limit`;
`facets` maps "site", "section", "language", "author" and "month" (YYYY-MM of published) to
`[(value, count), ...]` over all matches: by count (then value), months newest first, at most
`facet_limit` each. `SearchHit.snippet` is a list of `(text, is_match)` fragments, so callers
choose their own highlighting (`snippet_text()` for terminals, `snippet_html()` escapes).
Raises `QueryError` (a ValueError with a one-line message) for a malformed date or limit.
"""
from __future__ import annotations

import html
import json
import re
import sqlite3
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field, replace
from datetime import date
from typing import Any

from archive import stemming
from archive.store.migrations import SEARCH_COLUMNS, SEARCH_FOLD_CHARS, STEM_COLUMNS

__all__ = ["QueryError", "check_date", "SearchHit", "SearchResult", "Filters", "search", "fts_query",
           "matching_article_ids", "FACETS", "query_parts"]

FACETS: tuple[str, ...] = ("site", "section", "language", "author", "month")
# A search matching more articles than this is answered from its newest RANK_WINDOW matches
# (SQLite): ranking every match, and counting every match's facets, costs seconds at a million
# versions (docs/PERFORMANCE.md), while the newest few thousand are found at once from the
# index's order. `window=None` (`newsarchive search --exact`) ranks and counts every match.
RANK_WINDOW = 1000
MAX_TERMS = 32                 # longer queries are cut: each term is one FTS5 phrase
SNIPPET_TOKENS = 24
# bm25 column weights, in article_search column order: title, dek, body, authors, captions,
# then the same fields' stems (migration 6)
_WEIGHTS = "10.0, 4.0, 1.0, 3.0, 2.0, 10.0, 4.0, 1.0, 3.0, 2.0"
# FTS5 column filters: the text as published, and its stems
_PUBLISHED = "{" + " ".join(SEARCH_COLUMNS) + "}"
_STEMMED = "{" + " ".join(STEM_COLUMNS) + "}"
# Snippet markers: control characters that never occur in stored text (the extractor cleans
# text), so splitting on them cannot be fooled by the article's own characters.
_OPEN, _CLOSE = "\x02", "\x03"
SNIPPET_MARKS = (_OPEN, _CLOSE)   # what fragments() splits on, for the PostgreSQL snippets too
_STRIP = str.maketrans({char: None for char in SEARCH_FOLD_CHARS})
_TERM = re.compile(r'"([^"]*)"?|([^\s"]+)')
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")

_CURRENT = "articles a JOIN versions v ON v.id = a.current_version_id"


class QueryError(ValueError):
    """A search argument that cannot be used (bad date, negative limit): one line for users."""


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One matching article (its current version) and where the query matched it."""

    article_id: int
    version_id: int
    version_no: int
    url: str
    canonical_url: str
    site: str
    language: str | None
    section: str | None
    title: str | None
    dek: str | None
    authors: list[str]
    published: str | None
    score: float                            # relevance: -bm25, higher is better (0 when browsing)
    snippet: list[tuple[str, bool]] = field(default_factory=list)
    # by_story only: the hit's story, and the story's other matching articles, earliest first
    # seen first ({article_id, site, canonical_url, title, first_seen})
    story_id: int | None = None
    also: list[dict[str, Any]] = field(default_factory=list)

    def snippet_text(self, open_mark: str = "[", close_mark: str = "]") -> str:
        return "".join(f"{open_mark}{text}{close_mark}" if hit else text
                       for text, hit in self.snippet)

    def snippet_html(self, tag: str = "mark") -> str:
        """The snippet as HTML: text escaped, matches in <mark> (archived text is never markup)."""
        return "".join(f"<{tag}>{html.escape(text)}</{tag}>" if hit else html.escape(text)
                       for text, hit in self.snippet)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["snippet"] = self.snippet_text()
        return data


@dataclass(slots=True)
class SearchResult:
    total: int
    hits: list[SearchHit]
    facets: dict[str, list[tuple[str, int]]]
    # Set when more articles matched than the window: hits were ranked, and facets counted,
    # among the newest `ranked_among` matches only; `total` may then be an estimate.
    ranked_among: int | None = None
    total_is_estimate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {"total": self.total, "total_is_estimate": self.total_is_estimate,
                "ranked_among": self.ranked_among,
                "hits": [hit.to_dict() for hit in self.hits],
                "facets": {name: [[value, count] for value, count in values]
                           for name, values in self.facets.items()}}


@dataclass(frozen=True, slots=True)
class Filters:
    """The filters search and export share (see the module docstring)."""

    site: str | None = None
    section: str | None = None
    language: str | None = None
    author: str | None = None
    date_from: str | date | None = None
    date_to: str | date | None = None

    def where(self) -> tuple[list[str], list[Any]]:
        """SQL conditions on the current version `v`, and their parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.site:
            clauses.append("v.site = ?")
            params.append(self.site)
        if self.language:
            clauses.append("v.language = ?")
            params.append(self.language)
        if self.section:
            clauses.append("v.section = ? COLLATE NOCASE")
            params.append(self.section)
        if self.author:
            clauses.append("EXISTS (SELECT 1 FROM json_each(v.authors) "
                           "WHERE json_each.value = ? COLLATE NOCASE)")
            params.append(self.author.strip())
        if self.date_from:
            clauses.append("v.published >= ?")
            params.append(check_date(self.date_from, "from"))
        if self.date_to:
            to = check_date(self.date_to, "to")
            # a prefix compare: "--to 2026-07" keeps every published date starting 2026-07
            clauses.append(f"substr(v.published, 1, {len(to)}) <= ?")
            params.append(to)
        return clauses, params

    def where_postgres(self) -> tuple[list[str], list[Any]]:
        """The same conditions in PostgreSQL's SQL (%s placeholders). lower() under the "C"
        collation folds ASCII letters only, as SQLite's NOCASE does."""
        clauses, params = self.where()
        out = []
        for clause in clauses:
            clause = clause.replace("?", "%s")
            if clause.startswith("v.section"):
                clause = 'lower(v.section) = lower(%s COLLATE "C")'
            elif clause.startswith("EXISTS"):
                clause = ("EXISTS (SELECT 1 FROM json_array_elements_text(v.authors::json) name "
                          'WHERE lower(name COLLATE "C") = lower(%s COLLATE "C"))')
            out.append(clause)
        return out, params


def check_date(value: str | date, which: str) -> str:
    """A date filter as the SQL compares it (YYYY, YYYY-MM or YYYY-MM-DD); QueryError when it
    is malformed or not a calendar date."""
    text = value.isoformat() if isinstance(value, date) else str(value).strip()
    if not _DATE.match(text):
        raise QueryError(f"date {which} must be YYYY, YYYY-MM or YYYY-MM-DD, not {text!r}")
    try:
        date.fromisoformat((text + "-01-01")[:10] if len(text) < 10 else text)
    except ValueError:
        raise QueryError(f"date {which} {text!r} is not a calendar date") from None
    return text


def _normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text).translate(_STRIP)


def _has_token(text: str) -> bool:
    """Whether unicode61 would find a token: a letter or digit (it splits on everything else)."""
    return any(char.isalnum() for char in text)


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def fts_query(query: str, language: str | None = None) -> str | None:
    """The user's query as a safe FTS5 expression, or None when nothing searchable is left.

    Every term becomes a double-quoted FTS5 string (inner quotes doubled), so operators, column
    names, parentheses and stray quotes are literal text; a trailing `*` on a word (outside
    quotes) keeps its prefix meaning. Terms are ANDed. "Quoted phrases", prefixes and words
    of several tokens ("covid-19") match the published text; a plain word matches it too, or
    its stem in the stem columns (archive/stemming.py: stemmed by `language`'s stemmer, or by
    every stemmer of the word's script when the search has no language filter).
    """
    parts = []
    for text, prefix, quoted in query_parts(query):
        exact = f"{_PUBLISHED} : {_fts_string(text)}" + (" *" if prefix else "")
        tokens = stemming.words(text)
        if prefix or quoted or len(tokens) != 1:
            parts.append(exact)
            continue
        stems = " OR ".join(_fts_string(stem) for stem in stemming.query_stems(tokens[0], language))
        parts.append(f"({exact} OR {_STEMMED} : ({stems}))")
    return " AND ".join(parts) if parts else None


def query_parts(query: str) -> list[tuple[str, bool, bool]]:
    """The user's query as (text, is_prefix, is_quoted) terms, all to be matched: "quoted
    phrases" whole, other words split on spaces, `word*` a prefix; terms without a letter or
    digit dropped, at most MAX_TERMS. Marks search ignores are stripped. Both stores build
    their query from these terms."""
    terms: list[tuple[str, bool, bool]] = []
    for phrase, word in _TERM.findall(_normalise(query)):
        prefix = False
        text = phrase
        if word:
            prefix = word.endswith("*")
            text = word.rstrip("*")
        if not _has_token(text):
            continue
        terms.append((text, prefix, not word))
        if len(terms) == MAX_TERMS:
            break
    return terms



def _is_postgres(conn_or_store: Any) -> bool:
    """A PostgresStore, told apart without importing psycopg (an optional dependency here)."""
    return type(conn_or_store).__name__ == "PostgresStore"


def _connection(conn_or_store: Any) -> sqlite3.Connection:
    if isinstance(conn_or_store, sqlite3.Connection):
        return conn_or_store
    connection = getattr(conn_or_store, "connection", None)
    if isinstance(connection, sqlite3.Connection):
        return connection
    raise TypeError(f"search needs a sqlite3.Connection or an SQLiteStore, "
                    f"not {type(conn_or_store).__name__}")


def _source(match: str | None, filters: Filters) -> tuple[str, list[str], list[Any]]:
    """FROM clause, WHERE conditions and parameters selecting the matching current versions."""
    clauses, params = filters.where()
    if match is None:
        return _CURRENT, clauses, params
    return ("article_search JOIN articles a ON a.id = article_search.rowid "
            "JOIN versions v ON v.id = a.current_version_id",
            ["article_search MATCH ?", *clauses], [match, *params])


def search(conn_or_store: Any, query: str, *, site: str | None = None,
           section: str | None = None, language: str | None = None, author: str | None = None,
           date_from: str | date | None = None, date_to: str | date | None = None,
           limit: int = 20, offset: int = 0, facet_limit: int = 20,
           window: int | None = RANK_WINDOW, by_story: bool = False) -> SearchResult:
    """Search the current versions (see the module docstring for every rule)."""
    if limit < 0 or offset < 0:
        raise QueryError(f"limit and offset must be 0 or more (got {limit}, {offset})")
    if window is not None and window < 1:
        raise QueryError(f"the ranking window must be 1 or more (got {window})")
    filters = Filters(site=site, section=section, language=language, author=author,
                      date_from=date_from, date_to=date_to)
    if _is_postgres(conn_or_store):
        from archive import search_postgres

        return search_postgres.search(conn_or_store, query, filters, limit=limit,
                                      offset=offset, facet_limit=facet_limit,
                                      by_story=by_story)
    conn = _connection(conn_or_store)
    browse = not (query or "").strip()
    match = None if browse else fts_query(query, language)
    if not browse and match is None:
        return SearchResult(0, [], {name: [] for name in FACETS})
    source, clauses, params = _source(match, filters)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    if window is not None:
        windowed = _windowed(conn, match, source, clauses, params, window=window, limit=limit,
                             offset=offset, facet_limit=facet_limit, by_story=by_story)
        if windowed is not None:
            ranked, total, estimate, facets, page = windowed
            return SearchResult(total, _hits(conn, ranked, None if match is None else query,
                                             members=page),
                                facets, ranked_among=window, total_is_estimate=estimate)

    total, facets = _facets(conn, source, where, params, facet_limit)
    if total == 0 or (limit == 0 and not by_story):
        return SearchResult(total, [], facets)
    if by_story:
        score = "0.0" if match is None else f"-bm25(article_search, {_WEIGHTS})"
        groups = collapse_by_story(
            conn.execute(f"SELECT a.id, {score}, v.story_id, a.first_seen, v.published "
                         f"FROM {source}{where}", params).fetchall(), browse=match is None)
        page = groups[offset:offset + limit]
        hits = _hits(conn, [(g.article_id, g.score) for g in page],
                     None if match is None else query, members=page)
        return SearchResult(len(groups), hits, facets)
    if match is None:
        order = "SELECT a.id, 0.0 FROM " + source + where + \
            " ORDER BY v.published IS NULL, v.published DESC, a.id DESC LIMIT ? OFFSET ?"
    else:
        order = (f"SELECT a.id, -bm25(article_search, {_WEIGHTS}) AS score FROM {source}{where}"
                 " ORDER BY score DESC, a.id LIMIT ? OFFSET ?")
    ranked = [(int(row[0]), float(row[1])) for row in
              conn.execute(order, [*params, limit, offset])]
    hits = _hits(conn, ranked, None if match is None else query)
    return SearchResult(total, hits, facets)


# Browsing in the window: current versions newest published first, read from the published
# index (versions first, then their article: the only order that finds the newest at once).
_BROWSE_NEWEST = ("versions v CROSS JOIN articles a ON a.id = v.article_id "
                  "AND a.current_version_id = v.id")


def _windowed(conn: sqlite3.Connection, match: str | None, source: str, clauses: list[str],
              params: list[Any], *, window: int, limit: int, offset: int, facet_limit: int,
              by_story: bool = False
              ) -> tuple[list[tuple[int, float]], int, bool, dict[str, list[tuple[str, int]]],
                         list[StoryGroup] | None] | None:
    """A search answered from its newest `window` matches: the page of hits, the total (exact
    without filters, else estimated), whether it is an estimate, the window's facets and,
    by_story, the page's story groups; None when no more than `window` articles match (every
    match is then ranked and counted).

    Matches of a query are newest by article id (archived last: the full-text index's own
    order), browsing by published date. A filtered total is estimated from the window: the
    share of the unfiltered matches in the window's span that pass the filters, times all the
    unfiltered matches. By story, the window's matches are grouped, and the stories among
    every match are estimated as the window's stories per match times every match."""
    if match is None:
        source = _BROWSE_NEWEST
        order, key = "v.published DESC, a.id DESC", "v.published"
    else:
        order, key = "article_search.rowid DESC", "article_search.rowid"
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    newest = conn.execute(f"SELECT a.id, {key} FROM {source}{where} ORDER BY {order} LIMIT ?",
                          [*params, window + 1]).fetchall()
    if len(newest) <= window:
        return None
    newest = newest[:window]
    ids = [int(row[0]) for row in newest]
    rows: list[Any] = []
    for start in range(0, len(ids), 500):   # bounded IN lists (SQLite's parameter limit)
        batch = ids[start:start + 500]
        rows += conn.execute(f"SELECT v.site, v.section, v.language, substr(v.published, 1, 7), "
                             f"v.authors FROM {_CURRENT} WHERE a.id IN ({', '.join('?' * len(batch))})",
                             batch).fetchall()
    _, facets = count_facets(_Rows(rows), facet_limit)
    page: list[StoryGroup] | None = None
    stories = 0
    if by_story:
        if match is None:
            grouped: list[Any] = []
            for start in range(0, len(ids), 500):
                batch = ids[start:start + 500]
                grouped += conn.execute(
                    f"SELECT a.id, 0.0, v.story_id, a.first_seen, v.published FROM {_CURRENT} "
                    f"WHERE a.id IN ({', '.join('?' * len(batch))})", batch).fetchall()
        else:
            grouped = conn.execute(
                f"SELECT a.id, -bm25(article_search, {_WEIGHTS}), v.story_id, a.first_seen, "
                f"v.published FROM {source}{where} AND article_search.rowid >= ?",
                [*params, ids[-1]]).fetchall()
        groups = collapse_by_story(grouped, browse=match is None)
        page, stories = groups[offset:offset + limit], len(groups)
    if match is None:
        ranked = [(article_id, 0.0) for article_id in ids[offset:offset + limit]]
        everything = conn.execute("SELECT count(*) FROM articles "
                                  "WHERE current_version_id IS NOT NULL").fetchone()[0]
        if newest[-1][1] is None:
            # the window reached the undated articles (last by published date): no span to
            # estimate from, so the filtered ones are counted
            filtered_total = conn.execute(f"SELECT count(*) FROM {source}{where}",
                                          params).fetchone()[0]
            return _story_page(ranked, filtered_total, False, facets, page, stories, window)
        span = conn.execute(f"SELECT count(*) FROM {_BROWSE_NEWEST} WHERE v.published >= ?",
                            [newest[-1][1]]).fetchone()[0]
    else:
        # by story, the page is the groups' (ranked above); else the window's best by bm25
        ranked = [] if page is not None else [(int(row[0]), float(row[1])) for row in conn.execute(
            f"SELECT a.id, -bm25(article_search, {_WEIGHTS}) AS score FROM {source}{where} "
            f"AND article_search.rowid >= ? ORDER BY score DESC, a.id LIMIT ? OFFSET ?",
            [*params, ids[-1], limit, offset])]
        everything = conn.execute("SELECT count(*) FROM article_search WHERE article_search "
                                  "MATCH ?", [match]).fetchone()[0]
        span = conn.execute("SELECT count(*) FROM article_search WHERE article_search MATCH ? "
                            "AND rowid >= ?", [match, ids[-1]]).fetchone()[0]
    filtered = len(clauses) > (0 if match is None else 1)
    if not filtered:
        return _story_page(ranked, everything, False, facets, page, stories, window)
    return _story_page(ranked, max(window + 1, round(everything * window / max(span, 1))),
                       True, facets, page, stories, window)


def _story_page(ranked: list[tuple[int, float]], total: int, estimate: bool,
                facets: dict[str, list[tuple[str, int]]], page: list[StoryGroup] | None,
                stories: int, window: int
                ) -> tuple[list[tuple[int, float]], int, bool, dict[str, list[tuple[str, int]]],
                           list[StoryGroup] | None]:
    """_windowed's answer. By story (`page` given) its hits are the page's stories, and its
    total the stories among all `total` matches, estimated from the `stories` of the window's
    `window` matches."""
    if page is None:
        return ranked, total, estimate, facets, None
    return ([(group.article_id, group.score) for group in page],
            max(stories, round(total * stories / window)), True, facets, page)


class _Rows:
    """Rows already read, with the cursor's fetchmany (what count_facets reads)."""

    def __init__(self, rows: list[Any]) -> None:
        self._rows, self._at = rows, 0

    def fetchmany(self, size: int) -> list[Any]:
        chunk = self._rows[self._at:self._at + size]
        self._at += len(chunk)
        return chunk


def _facets(conn: sqlite3.Connection, source: str, where: str, params: list[Any],
            facet_limit: int) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """One pass over the matches: the total and the facet counts (cheaper than one GROUP BY
    query per facet, which would run the full-text match five times)."""
    cur = conn.execute(
        f"SELECT v.site, v.section, v.language, substr(v.published, 1, 7), v.authors "
        f"FROM {source}{where}", params)
    return count_facets(cur, facet_limit)


def count_facets(cur: Any, facet_limit: int) -> tuple[int, dict[str, list[tuple[str, int]]]]:
    """The total and facet counts from a cursor over (site, section, language, month, authors
    JSON) rows: shared by both stores, so facets come out the same."""
    counters: dict[str, Counter[str]] = {name: Counter() for name in FACETS}
    total = 0
    site_c, section_c, language_c = counters["site"], counters["section"], counters["language"]
    author_c, month_c = counters["author"], counters["month"]
    while rows := cur.fetchmany(2000):
        total += len(rows)
        for site, section, language, month, authors in rows:
            site_c[site] += 1
            if section:
                section_c[section] += 1
            if language:
                language_c[language] += 1
            if month:
                month_c[month] += 1
            if authors and authors != "[]":
                for name in set(json.loads(authors)):
                    author_c[name] += 1
    facets: dict[str, list[tuple[str, int]]] = {}
    for name, counter in counters.items():
        if name == "month":
            facets[name] = sorted(counter.items(), reverse=True)[:facet_limit]
        else:
            facets[name] = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))[:facet_limit]
    return total, facets


def _hits(conn: sqlite3.Connection, ranked: list[tuple[int, float]],
          query: str | None, *, members: list[StoryGroup] | None = None) -> list[SearchHit]:
    if not ranked:
        return []
    ids = [article_id for article_id, _ in ranked]
    ids += [other for group in members or [] for other in group.others]
    rows: dict[int, Any] = {}
    for start in range(0, len(ids), 500):   # bounded IN lists (SQLite's parameter limit)
        batch = ids[start:start + 500]
        rows.update((int(row[0]), row) for row in conn.execute(
            f"SELECT {HIT_COLUMNS} FROM {_CURRENT} WHERE a.id IN ({', '.join('?' * len(batch))})",
            batch))
    shown = {article_id: rows[article_id] for article_id, _ in ranked if article_id in rows}
    hits = build_hits(ranked, rows, hit_snippets(shown, query) if query is not None else {})
    return with_members(hits, members, rows) if members is not None else hits


@dataclass(frozen=True, slots=True)
class StoryGroup:
    """One story of a by_story search: the article standing for it, its rank score, and the
    story's other matching articles (earliest first seen first)."""

    article_id: int
    score: float
    others: list[int]
    story_id: int | None = None


def collapse_by_story(rows: Any, *, browse: bool) -> list[StoryGroup]:
    """Stories in rank order from (article id, score, story id, first seen, published) rows
    of every match (both stores): the story's earliest captured article stands for it; a
    story ranks by its best score (browsing: its newest published date, then newest id)."""
    stories: dict[int, list[tuple[str, int, float, str | None]]] = {}
    for article_id, score, story_id, first_seen, published in rows:
        key = story_id if story_id is not None else -int(article_id)
        stories.setdefault(key, []).append((first_seen or "", int(article_id), float(score),
                                            published))
    ranked: list[tuple[tuple[Any, ...], StoryGroup]] = []
    for story_id, members in stories.items():
        members.sort()
        best = max(score for _, _, score, _ in members)
        newest = max((published or "" for *_, published in members), default="")
        ids = [article_id for _, article_id, _, _ in members]
        # browsing: newest published first (none last), then newest id; else best score first
        rank = (newest != "", newest, max(ids)) if browse else (-best, min(ids))
        ranked.append((rank, StoryGroup(ids[0], 0.0 if browse else best, ids[1:],
                                        story_id if story_id > 0 else None)))
    ranked.sort(key=lambda pair: pair[0], reverse=browse)
    return [group for _, group in ranked]


def with_members(hits: list[SearchHit], groups: list[StoryGroup],
                 rows: dict[int, Any]) -> list[SearchHit]:
    """Hits of a by_story search with their stories' other matching articles (both stores;
    `rows` are HIT_COLUMNS rows by article id)."""
    by_article = {group.article_id: group for group in groups}
    out = []
    for hit in hits:
        group = by_article[hit.article_id]
        also = [{"article_id": other, "site": rows[other][5], "canonical_url": rows[other][4],
                 "title": rows[other][8], "first_seen": rows[other][13]}
                for other in group.others if other in rows]
        out.append(replace(hit, story_id=group.story_id, also=also))
    return out


def hit_snippets(rows: dict[int, Any], query: str) -> dict[int, list[tuple[str, bool]]]:
    """Snippets of one page of hits (HIT_COLUMNS rows by article id; both stores): the body's
    best passage when the body matches, else the dek's, else the title's."""
    parts = query_parts(query)
    out = {}
    for article_id, row in rows.items():
        found = snippet(row[12] or "", row[6], parts) or snippet(row[9] or "", row[6], parts) \
            or snippet(row[8] or "", row[6], parts)
        if found:
            out[article_id] = found
    return out


# What a hit shows, from the current version `v` of article `a` (build_hits reads this order).
HIT_COLUMNS = ("a.id, v.id, v.version_no, v.url, v.canonical_url, v.site, v.language, "
               "v.section, v.title, v.dek, v.authors, v.published, v.body, a.first_seen")


def build_hits(ranked: list[tuple[int, float]], rows: dict[int, Any],
               snippets: dict[int, list[tuple[str, bool]]]) -> list[SearchHit]:
    """SearchHits in ranked order from HIT_COLUMNS rows by article id (both stores)."""
    hits = []
    for article_id, score in ranked:
        row = rows.get(article_id)
        if row is None:  # deleted between the two queries
            continue
        snippet = snippets.get(article_id) or [(_lead(row[9] or row[12] or ""), False)]
        hits.append(SearchHit(
            article_id=article_id, version_id=int(row[1]), version_no=int(row[2]), url=row[3],
            canonical_url=row[4], site=row[5], language=row[6], section=row[7], title=row[8],
            dek=row[9], authors=json.loads(row[10]) if row[10] else [], published=row[11],
            score=round(score, 4), snippet=snippet))
    return hits


def snippet(text: str, language: str | None,
            parts: list[tuple[str, bool, bool]]) -> list[tuple[str, bool]] | None:
    """The passage of SNIPPET_TOKENS words of `text` holding the most matches of the query
    `parts`, matched words marked as the page prints them (a stem match marks "wars" for
    "war"), or None when nothing in `text` matches. Computed for one page of hits only.
    FTS5's snippet() cannot mark stem matches: it only sees the column it matched."""
    spans = [(m.start(), m.end()) for m in stemming.WORD.finditer(text)]
    if not spans:
        return None
    folded = [stemming.fold(text[a:b]) for a, b in spans]
    stems: list[str] | None = None
    marked = [False] * len(spans)
    for term, prefix, quoted in parts:
        wanted = [stemming.fold(w) for w in stemming.words(term)]
        if not wanted:
            continue
        if prefix or quoted or len(wanted) > 1:
            n = len(wanted)
            for i in range(len(folded) - n + 1):
                if folded[i:i + n - 1] == wanted[:-1] and (
                        folded[i + n - 1].startswith(wanted[-1]) if prefix
                        else folded[i + n - 1] == wanted[-1]):
                    marked[i:i + n] = [True] * n
            continue
        targets = set(stemming.query_stems(wanted[0], language))
        if stems is None:
            stems = stemming.stem_words(folded, language)
        for i, (word, stem) in enumerate(zip(folded, stems)):
            if word in targets or stem in targets:
                marked[i] = True
    if not any(marked):
        return None
    width = min(SNIPPET_TOKENS, len(spans))
    counts = [sum(marked[:width])]
    for start in range(1, len(spans) - width + 1):
        counts.append(counts[-1] - marked[start - 1] + marked[start + width - 1])
    start = counts.index(max(counts))
    end = start + width
    pieces = ["…" if start else ""]
    cursor = spans[start][0]
    for (a, b), hit in zip(spans[start:end], marked[start:end]):
        pieces.append(text[cursor:a])
        pieces.append(f"{_OPEN}{text[a:b]}{_CLOSE}" if hit else text[a:b])
        cursor = b
    if end < len(spans):
        pieces.append("…")
    return fragments("".join(pieces))


def fragments(marked: str) -> list[tuple[str, bool]]:
    """Split a marked snippet; matches separated only by spaces become one ("[border security]")."""
    parts: list[tuple[str, bool]] = []
    for piece in re.split(f"({_OPEN}[^{_CLOSE}]*{_CLOSE})", marked):
        if not piece:
            continue
        hit = piece.startswith(_OPEN)
        text = piece[1:-1] if hit else piece
        if hit and len(parts) >= 2 and parts[-2][1] and not parts[-1][1] \
                and not parts[-1][0].strip():
            gap = parts.pop()[0]
            parts[-1] = (parts[-1][0] + gap + text, True)
        else:
            parts.append((text, hit))
    return parts


def _lead(text: str, words: int = SNIPPET_TOKENS) -> str:
    tokens = text.split()
    return " ".join(tokens[:words]) + ("…" if len(tokens) > words else "")


def matching_article_ids(conn_or_store: Any, query: str | None = None, *,
                         filters: Filters | None = None) -> list[int]:
    """Ids of the articles passing `filters` (and matching `query`, when given), ascending:
    what `newsarchive export` selects with the same filters as search."""
    filters = filters or Filters()
    if _is_postgres(conn_or_store):
        from archive import search_postgres

        return search_postgres.matching_article_ids(conn_or_store, query, filters)
    conn = _connection(conn_or_store)
    browse = not (query or "").strip()
    match = None if browse else fts_query(query or "", filters.language)
    if not browse and match is None:
        return []
    source, clauses, params = _source(match, filters)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    return [int(row[0]) for row in
            conn.execute(f"SELECT a.id FROM {source}{where} ORDER BY a.id", params)]

