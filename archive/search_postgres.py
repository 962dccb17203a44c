"""Full-text search on the PostgreSQL store: `archive.search.search()` and
`matching_article_ids()` hand a `PostgresStore` to this module.

Same arguments, filters, facets, paging and `SearchResult` as on SQLite; PostgreSQL's own
full-text search does the matching (migration 4 of archive/store/postgres_migrations.py):

- each article's current version is indexed with the text search configuration of its
  language (`english`, `arabic`, `german`... per SEARCH_CONFIGS, else `simple`), so an
  English query for "raids" finds "raid" and "raiding" (stemming), and stop words ("the") are
  not searchable in a language that has them;
- the query is the same terms as on SQLite (archive.search.query_parts): each word and each
  "quoted phrase" becomes a double-quoted `websearch_to_tsquery` term (a phrase matches its
  words in order; `or`, `-` and any other operator stay literal text), parsed with the
  configuration of the article it is matched against; `word*` is a `:*` prefix query. The
  query is parsed once per configuration and compared as one `@@` per distinct tsquery, so
  the GIN index answers (a BitmapOr of a few index scans). A quoted phrase must also occur
  as written (its words in order under the `simple` configuration: case folded, no stems),
  as on SQLite;
- ranking is `ts_rank_cd` over weighted parts (title A, dek and authors B, captions C, body D);
- snippets are made as on SQLite (archive.search.snippet: the passage with the most matched
  words, stem matches marked in their published form);
- Arabic spellings are folded in the index and in queries as on SQLite (migration 7: hamza
  seats, alef maqsura, ta marbuta), so "مسئول" finds "مسؤول" and "مستشفي" finds "مستشفى".

Accents are not folded here ("cafe" does not find "café": that would need the unaccent
extension, which a database user cannot always install).
"""
from __future__ import annotations

from typing import Any

from archive.search import (_CURRENT, FACETS, HIT_COLUMNS, Filters, SearchResult, build_hits,
                            collapse_by_story, count_facets, hit_snippets, query_parts,
                            with_members)
from archive.stemming import ARABIC_LETTERS, words
from archive.store.postgres_migrations import FALLBACK_CONFIG, SEARCH_CONFIGS

# ts_rank_cd weights of the D, C, B, A parts (body; captions; dek and authors; title):
# PostgreSQL's defaults, which rank the parts in the same order as SQLite's bm25 weights.
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"
# ts_rank_cd normalisation 1: divide by 1 + log(document length), so a long article does not
# outrank a short one for merely containing more words (bm25 normalises length too).
RANK_NORMALISATION = 1
CONFIGS: tuple[str, ...] = tuple(sorted({*SEARCH_CONFIGS.values(), FALLBACK_CONFIG}))
_SOURCE = ("article_search s JOIN articles a ON a.id = s.article_id "
           "JOIN versions v ON v.id = a.current_version_id")


def config_for(language: str | None) -> str:
    """The configuration an article in `language` is indexed with (newsarchive_search_config)."""
    code = (language or "").replace("_", "-").split("-", 1)[0].lower()
    return SEARCH_CONFIGS.get(code, FALLBACK_CONFIG)


class _Query:
    """The user's terms as tsquery SQL for one configuration (a literal, or `s.config`)."""

    def __init__(self, query: str) -> None:
        # the Arabic spellings the index folds (migration 7), folded here the same way
        parts = [(text.translate(ARABIC_LETTERS), prefix, quoted)
                 for text, prefix, quoted in query_parts(query)]
        # a "quoted phrase" matches its words as published, not only their stems: the tsquery
        # finds the candidates through the index, to_tsvector('simple') keeps the exact ones
        self.exact = [text for text, prefix, quoted in query_parts(query)
                      if quoted and not prefix and words(text)]
        # inside double quotes websearch_to_tsquery reads words only: no or, no -, no quotes
        self.phrases = [f'"{text}"' for text, prefix, quoted in parts
                        if not prefix and (quoted or len(words(text)) != 1)]
        self.single = [text for text, prefix, quoted in parts
                       if not prefix and not quoted and len(words(text)) == 1]
        self.prefixes = ["'" + text.replace("\\", "\\\\").replace("'", "''") + "':*"
                         for text, prefix, _ in parts if prefix]
        self.empty = not parts

    def sql(self, config: str) -> tuple[str, list[Any]]:
        parts, params = [], []
        for phrase in self.phrases:
            parts.append(f"websearch_to_tsquery({config}, %s)")
            params.append(phrase)
        for word in self.single:
            # the word's stem, or the word itself as folded (a stemmer may cut a word the way
            # it does not cut the same word with a prefix: "وقود" -> "قود", "الوقود" -> "وقود");
            # a stop word stays out (numnode 0), as websearch_to_tsquery leaves it out
            stemmed = f"websearch_to_tsquery({config}, %s)"
            parts.append(f"(CASE WHEN numnode({stemmed}) = 0 THEN {stemmed} "
                         f"ELSE {stemmed} || plainto_tsquery('simple', %s) END)")
            params += [f'"{word}"'] * 3 + [word]
        for prefix in self.prefixes:
            parts.append(f"to_tsquery({config}, %s)")
            params.append(prefix)
        return "(" + " && ".join(parts) + ")", params

    def match(self, cur: Any, language: str | None) -> tuple[str, list[Any]] | None:
        """The WHERE condition: the query parsed once per configuration (one round trip), then
        one `document @@ tsquery` comparison per distinct tsquery, each served by the GIN index
        (a tsquery built from the row's own config could not be); one config when the language
        filter fixes it. None when no configuration leaves anything to match (stop words)."""
        configs = [config_for(language)] if language else list(CONFIGS)
        tsquery, values = self.sql("c")
        with cur.connection.cursor(row_factory=_tuple_row) as tuples:
            tuples.execute(f"SELECT c::text, ({tsquery})::text FROM unnest(%s::regconfig[]) c",
                           [*values, configs])
            rows = tuples.fetchall()
        groups: dict[str, list[str]] = {}
        for config, parsed in rows:
            if parsed:  # an empty tsquery matches nothing
                groups.setdefault(parsed, []).append(config)
        if not groups:
            return None
        clauses, params = [], []
        for parsed, names in groups.items():
            clauses.append("(s.config = ANY(%s::regconfig[]) AND s.document @@ %s::tsquery)")
            params += [names, parsed]
        condition = "(" + " OR ".join(clauses) + ")"
        for phrase in self.exact:
            # 'simple': the words as written (case folded), no stems, no stop words
            condition += (" AND to_tsvector('simple', concat_ws(' ', s.title, s.dek, s.body, "
                          "s.authors, s.captions)) @@ phraseto_tsquery('simple', %s)")
            params.append(phrase)
        return condition, params


def _selection(cur: Any, query: str | None,
               filters: Filters) -> tuple[str, list[str], list[Any], _Query | None] | None:
    clauses, params = filters.where_postgres()
    if not (query or "").strip():
        return _CURRENT, clauses, params, None
    parsed = _Query(query or "")
    if parsed.empty:
        return None
    match = parsed.match(cur, filters.language)
    if match is None:
        return None
    condition, values = match
    return _SOURCE, [condition, *clauses], [*values, *params], parsed


def search(store: Any, query: str, filters: Filters, *, limit: int, offset: int,
           facet_limit: int, by_story: bool = False) -> SearchResult:
    """See archive.search.search (argument checks are made there)."""
    with store.reading() as conn, conn.cursor(row_factory=_tuple_row) as cur:
        selection = _selection(cur, query, filters)
        if selection is None:
            return SearchResult(0, [], {name: [] for name in FACETS})
        source, clauses, params, parsed = selection
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        cur.execute("SELECT v.site, v.section, v.language, substr(v.published, 1, 7), "
                    f"v.authors FROM {source}{where}", params)
        total, facets = count_facets(cur, facet_limit)
        if total == 0 or (limit == 0 and not by_story):
            return SearchResult(total, [], facets)
        groups = None
        if by_story:
            score, values = "0.0", []
            if parsed is not None:
                tsquery, values = parsed.sql("s.config")
                score = (f"ts_rank_cd('{RANK_WEIGHTS}', s.document, {tsquery}, "
                         f"{RANK_NORMALISATION})")
            cur.execute(f"SELECT a.id, {score}, v.story_id, a.first_seen, v.published "
                        f"FROM {source}{where}", [*values, *params])
            every = collapse_by_story(cur.fetchall(), browse=parsed is None)
            total, groups = len(every), every[offset:offset + limit]
            ranked = [(group.article_id, group.score) for group in groups]
        elif parsed is None:
            cur.execute(f"SELECT a.id, 0.0 FROM {source}{where} ORDER BY v.published IS NULL, "
                        "v.published DESC, a.id DESC LIMIT %s OFFSET %s",
                        [*params, limit, offset])
        else:
            tsquery, values = parsed.sql("s.config")
            cur.execute(f"SELECT a.id, ts_rank_cd('{RANK_WEIGHTS}', s.document, {tsquery}, "
                        f"{RANK_NORMALISATION}) AS score FROM {source}{where} "
                        "ORDER BY score DESC, a.id LIMIT %s OFFSET %s",
                        [*values, *params, limit, offset])
        if groups is None:
            ranked = [(int(row[0]), float(row[1])) for row in cur.fetchall()]
        ids = [article_id for article_id, _ in ranked]
        ids += [other for group in groups or [] for other in group.others]
        cur.execute(f"SELECT {HIT_COLUMNS} FROM {_CURRENT} WHERE a.id = ANY(%s)", [ids])
        rows = {int(row[0]): row for row in cur.fetchall()}
    shown = {article_id: rows[article_id] for article_id, _ in ranked if article_id in rows}
    snippets = hit_snippets(shown, query) if parsed is not None else {}
    hits = build_hits(ranked, rows, snippets)
    return SearchResult(total, with_members(hits, groups, rows) if groups is not None else hits,
                        facets)


def matching_article_ids(store: Any, query: str | None, filters: Filters) -> list[int]:
    """See archive.search.matching_article_ids."""
    with store.reading() as conn, conn.cursor(row_factory=_tuple_row) as cur:
        selection = _selection(cur, query, filters)
        if selection is None:
            return []
        source, clauses, params, _ = selection
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        cur.execute(f"SELECT a.id FROM {source}{where} ORDER BY a.id", params)
        return [int(row[0]) for row in cur.fetchall()]


def _tuple_row(cursor: Any) -> Any:
    """Plain tuples (the store's connections default to dict rows): the shared helpers index
    rows by position."""
    from psycopg.rows import tuple_row

    return tuple_row(cursor)
