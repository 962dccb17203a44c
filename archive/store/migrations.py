"""Numbered schema migrations of the SQLite records store, applied in order by the writer.

The SQL lives here as Python strings (not .sql files) so it ships with the package without
package-data rules. A migration is never edited once released: change the schema by appending
a new `Migration` with the next number. Each statement runs inside the writer's transaction
(SQLite DDL is transactional), so a migration is applied completely or not at all.
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from archive.exceptions import StoreError


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema step. `statements` run one by one (never `executescript`, which commits)."""

    version: int
    name: str
    statements: tuple[str, ...]


_INITIAL = (
    """
    CREATE TABLE runs (
        id          INTEGER PRIMARY KEY,
        site        TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        status      TEXT NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'ok', 'failed', 'unhealthy', 'interrupted')),
        exit_code   INTEGER,
        settings    TEXT NOT NULL DEFAULT '{}',   -- JSON object
        summary     TEXT                          -- JSON object, set by finish_run
    )
    """,
    "CREATE INDEX runs_site_started ON runs (site, started_at)",
    """
    CREATE TABLE captures (
        id             INTEGER PRIMARY KEY,
        run_id         INTEGER NOT NULL REFERENCES runs (id),
        url            TEXT NOT NULL,
        fetched_at     TEXT NOT NULL,
        status         INTEGER NOT NULL,
        content_type   TEXT,
        record_type    TEXT NOT NULL DEFAULT 'response',
        warc_file      TEXT NOT NULL,
        warc_offset    INTEGER NOT NULL,
        warc_length    INTEGER NOT NULL,
        record_id      TEXT NOT NULL UNIQUE,
        payload_digest TEXT NOT NULL,
        page_kind      TEXT NOT NULL DEFAULT 'pending',
        reason         TEXT,
        article_id     INTEGER REFERENCES articles (id),
        version_id     INTEGER REFERENCES versions (id)
    )
    """,
    "CREATE INDEX captures_run ON captures (run_id, page_kind)",
    # last capture of a URL (incremental crawls, revisit records)
    "CREATE INDEX captures_url ON captures (url, fetched_at)",
    "CREATE INDEX captures_article ON captures (article_id)",
    """
    CREATE TABLE articles (
        id                 INTEGER PRIMARY KEY,
        canonical_url      TEXT NOT NULL UNIQUE,
        site               TEXT NOT NULL,
        first_seen         TEXT NOT NULL,
        last_seen          TEXT NOT NULL,
        -- NULL only inside the transaction that creates the article and its first version
        current_version_id INTEGER REFERENCES versions (id),
        first_run_id       INTEGER REFERENCES runs (id),
        -- the run that last stored this article: a second sighting in that run is a duplicate
        last_run_id        INTEGER REFERENCES runs (id)
    )
    """,
    "CREATE INDEX articles_site ON articles (site)",
    """
    CREATE TABLE article_urls (
        url        TEXT PRIMARY KEY,
        article_id INTEGER NOT NULL REFERENCES articles (id),
        -- 'canonical': a canonical URL a page of the article declared;
        -- 'fetched': a fetched URL or redirect source (tracking and mobile variants);
        -- 'duplicate': a URL whose page carried the same content as this article
        kind       TEXT NOT NULL CHECK (kind IN ('canonical', 'fetched', 'duplicate')),
        capture_id INTEGER REFERENCES captures (id),  -- the capture that taught us this URL
        added_at   TEXT NOT NULL
    ) WITHOUT ROWID
    """,
    "CREATE INDEX article_urls_article ON article_urls (article_id)",
    """
    CREATE TABLE versions (
        id                INTEGER PRIMARY KEY,
        article_id        INTEGER NOT NULL REFERENCES articles (id),
        version_no        INTEGER NOT NULL,
        content_hash      TEXT NOT NULL,
        capture_id        INTEGER NOT NULL REFERENCES captures (id),
        run_id            INTEGER REFERENCES runs (id),
        extractor_version TEXT NOT NULL,
        created_at        TEXT NOT NULL,
        url               TEXT NOT NULL,
        canonical_url     TEXT NOT NULL,
        site              TEXT NOT NULL,
        language          TEXT,
        section           TEXT,
        title             TEXT,
        dek               TEXT,
        authors           TEXT NOT NULL DEFAULT '[]',  -- JSON list of names
        published         TEXT,
        modified          TEXT,
        body              TEXT,
        body_blocks       TEXT NOT NULL DEFAULT '[]',  -- JSON list of {kind, text}
        images            TEXT NOT NULL DEFAULT '[]',  -- JSON list of {src, caption, credit}
        tags              TEXT NOT NULL DEFAULT '[]',  -- JSON list
        word_count        INTEGER,
        UNIQUE (article_id, version_no)
    )
    """,
    # "same content under another URL" looks versions up by hash
    "CREATE INDEX versions_content_hash ON versions (content_hash)",
)

_CRAWL_STATE = (
    # validators of the response, for conditional re-fetches (If-None-Match/If-Modified-Since)
    "ALTER TABLE captures ADD COLUMN etag TEXT",
    "ALTER TABLE captures ADD COLUMN last_modified TEXT",
    # why a run is unhealthy (one line), next to its status
    "ALTER TABLE runs ADD COLUMN health TEXT",
)

# Arabic marks that carry no meaning for search: tatweel (U+0640, a letter to unicode61, so
# "الفاصـــل" would not match "الفاصل") and the harakat (combining marks that unicode61 treats
# as separators, splitting "كَتَبَ" into one-letter tokens): fathatan..sukun, maddah and hamza
# above/below, subscript and superscript alef. Not the Quranic annotation marks: each character
# is one nested replace() and SQLite's parser overflows at ~30 levels. Frozen with migration 3;
# archive.search strips the same characters from queries (a test checks they agree).
SEARCH_STRIP_CHARS: tuple[str, ...] = tuple(
    chr(c) for c in (0x0640, *range(0x064B, 0x0657), 0x0670))
# What the index and queries fold away since migration 5: the marks above and the soft hyphen
# (U+00AD), which the extractor keeps as published ("Geschlechts\u00adeintrag") and both
# unicode61 and PostgreSQL's parser would treat as a word break.
SEARCH_FOLD_CHARS: tuple[str, ...] = (*SEARCH_STRIP_CHARS, "\u00ad")


def _strip_marks(expr: str, chars: tuple[str, ...] = SEARCH_STRIP_CHARS) -> str:
    """`expr` wrapped in one replace() per character of `chars`: plain SQL, so the triggers
    work from any connection (no application function needed)."""
    for char in chars:
        expr = f"replace({expr}, '{char}', '')"
    return expr


def _search_exprs(chars: tuple[str, ...]) -> list[str]:
    """The indexed text of version row `v`: title, dek, body, authors, captions."""
    authors = "(SELECT group_concat(value, ', ') FROM json_each(v.authors))"
    captions = ("(SELECT group_concat(trim(coalesce(json_extract(value, '$.caption'), '') || ' ' "
                "|| coalesce(json_extract(value, '$.credit'), '')), ' ') FROM json_each(v.images))")
    return [_strip_marks(f"coalesce({expr}, '')", chars) for expr in (
        "v.title", "v.dek", "v.body", authors, captions)]


def _search_row(version: str, chars: tuple[str, ...] = SEARCH_STRIP_CHARS) -> str:
    """SELECT of the indexed text of version row `v` (id = `version`) for article_search."""
    columns = ", ".join(_search_exprs(chars))
    return (f"SELECT v.article_id, {columns} FROM versions v WHERE v.id = {version}")


def _fill_search(chars: tuple[str, ...]) -> str:
    """INSERT of the current version of every article into article_search at once."""
    return ("INSERT INTO article_search (rowid, title, dek, body, authors, captions) "
            + _search_row("a.current_version_id", chars).replace(
                "FROM versions v WHERE v.id = a.current_version_id",
                "FROM articles a JOIN versions v ON v.id = a.current_version_id"))


def _search_trigger(chars: tuple[str, ...]) -> str:
    """The trigger that re-indexes an article when its current version changes."""
    return f"""
    CREATE TRIGGER article_search_current AFTER UPDATE OF current_version_id ON articles
    WHEN NEW.current_version_id IS NOT NULL
    BEGIN
        DELETE FROM article_search WHERE rowid = NEW.id;
        INSERT INTO article_search (rowid, title, dek, body, authors, captions)
            {_search_row("NEW.current_version_id", chars)};
    END
    """


_SEARCH = (
    # Full-text index of the *current* version of every article, rowid = articles.id. A
    # contentful FTS5 table (not external-content) because the indexed text is derived
    # (authors and captions come out of JSON, Arabic marks stripped) and snippet() needs it.
    # remove_diacritics 2: "cafe" finds "café"; Arabic letters are letters to unicode61.
    """
    CREATE VIRTUAL TABLE article_search USING fts5 (
        title, dek, body, authors, captions,
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    # Kept in sync inside store_article's own transaction: a new article or a new version
    # always ends with an UPDATE of articles.current_version_id.
    _search_trigger(SEARCH_STRIP_CHARS),
    """
    CREATE TRIGGER article_search_delete AFTER DELETE ON articles
    BEGIN
        DELETE FROM article_search WHERE rowid = OLD.id;
    END
    """,
    _fill_search(SEARCH_STRIP_CHARS),
    # date-range filters and the year-month facet read versions.published
    "CREATE INDEX versions_published ON versions (published)",
)

# The runs of `site` that a budget stopped ('partial') and the URLs they left for the next run.
# SQLite cannot change a CHECK constraint in place: runs is rebuilt (the documented 12-step
# ALTER TABLE procedure; migrate() turns foreign-key enforcement off around the transaction and
# runs foreign_key_check before committing). Columns keep their order, ids their values.
_BACKLOG = (
    """
    CREATE TABLE runs_new (
        id          INTEGER PRIMARY KEY,
        site        TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        finished_at TEXT,
        status      TEXT NOT NULL DEFAULT 'running'
                    CHECK (status IN ('running', 'ok', 'partial', 'failed', 'unhealthy',
                                      'interrupted')),
        exit_code   INTEGER,
        settings    TEXT NOT NULL DEFAULT '{}',   -- JSON object
        summary     TEXT,                         -- JSON object, set by finish_run
        health      TEXT
    )
    """,
    "INSERT INTO runs_new (id, site, started_at, finished_at, status, exit_code, settings, "
    "summary, health) SELECT id, site, started_at, finished_at, status, exit_code, settings, "
    "summary, health FROM runs",
    "DROP TABLE runs",
    "ALTER TABLE runs_new RENAME TO runs",
    "CREATE INDEX runs_site_started ON runs (site, started_at)",
    # URLs a run discovered but did not fetch (page budget spent, or a budget stopped the run
    # with requests pending): the next run of the site starts them, oldest first (id order).
    """
    CREATE TABLE backlog (
        id       INTEGER PRIMARY KEY,
        site     TEXT NOT NULL,
        url      TEXT NOT NULL,
        request  TEXT NOT NULL DEFAULT '{}',   -- JSON: callback, cb_kwargs, article flag
        added_at TEXT NOT NULL,
        run_id   INTEGER REFERENCES runs (id),  -- the run that left it
        UNIQUE (site, url)
    )
    """,
)

# Soft hyphens kept in the text as published are folded away by the index, as the Arabic marks
# are: the trigger is replaced and every current version indexed again.
_SOFT_HYPHEN = (
    "DROP TRIGGER article_search_current",
    _search_trigger(SEARCH_FOLD_CHARS),
    "DELETE FROM article_search",
    _fill_search(SEARCH_FOLD_CHARS),
)

# The search index gains the words of each field stemmed in the article's language
# (archive/stemming.py), beside the text as published: "elections" finds "election", "حرب"
# finds "الحرب". The stems come from the application function STEMS_FUNCTION, which every
# connection that writes articles registers (register_functions); exact phrases, prefixes and
# snippets keep reading the published text.
STEMS_FUNCTION = "newsarchive_stems"
SEARCH_COLUMNS = ("title", "dek", "body", "authors", "captions")
STEM_COLUMNS = tuple(f"{column}_stems" for column in SEARCH_COLUMNS)


# Since migration 9 the published text's marks are folded away by this application function
# (one regular expression's pass, nothing at all for ASCII text) instead of SEARCH_FOLD_CHARS'
# 14 nested replace() calls per column, each of which copies the whole text: 0.11 of the
# ~0.45 ms the trigger took per article in an import. The same text is indexed either way.
FOLD_FUNCTION = "newsarchive_fold"
# One character class, not str.translate: translate looks every character of a non-ASCII text
# up in a dict (0.25 ms for a 6 KB body with curly quotes, 5% of a crawl's page worker), the
# class scans in C (0.02 ms) and most texts hold none of the marks.
_FOLD = re.compile("[" + "".join(re.escape(char) for char in SEARCH_FOLD_CHARS) + "]")


def fold_marks(text: str | None) -> str | None:
    """`text` without SEARCH_FOLD_CHARS, as the nested replace() calls of _strip_marks give."""
    # a search for each character (memchr's speed) before the class's scan: most non-ASCII
    # texts hold none of them (~0.027 -> ~0.009 ms for a 9 KB body with curly quotes)
    if text is None or text.isascii() or not any(char in text for char in SEARCH_FOLD_CHARS):
        return text
    return _FOLD.sub("", text)


def register_functions(conn: sqlite3.Connection) -> None:
    """The application functions the search triggers call (on every connection that writes)."""
    from archive.stemming import stems

    conn.create_function(STEMS_FUNCTION, 2, stems, deterministic=True)
    conn.create_function(FOLD_FUNCTION, 1, fold_marks, deterministic=True)


def _stemmed_rows(source: str, where: str, *, fold_function: bool = True) -> str:
    """SELECT of article_search rows (rowid, published text, stems) of the versions `v` of
    `source` passing `where`. The stems are taken of the raw fields: the function folds the
    marks itself. `fold_function`: the published text folded by FOLD_FUNCTION (migration 9
    on), else by nested replace() calls (as migration 6 was released)."""
    raw = _search_exprs(())
    stemmed = ", ".join(f"{STEMS_FUNCTION}({expr}, v.language)" for expr in raw)
    published = ([f"{FOLD_FUNCTION}({expr})" for expr in raw] if fold_function
                 else _search_exprs(SEARCH_FOLD_CHARS))
    return (f"SELECT v.article_id, {', '.join(published)}, {stemmed} "
            f"FROM {source} WHERE {where}")


_INSERT_STEMMED = (f"INSERT INTO article_search (rowid, {', '.join(SEARCH_COLUMNS)}, "
                   f"{', '.join(STEM_COLUMNS)}) ")
_CURRENT = "articles a JOIN versions v ON v.id = a.current_version_id"


def fill_search(where: str = "1") -> str:
    """INSERT into article_search of the current version of every article `a` passing `where`
    (as the latest migration indexes: `newsarchive reindex` and the PostgreSQL mirror of
    `serve --db` fill the index the same way)."""
    return _INSERT_STEMMED + _stemmed_rows(_CURRENT, where)


def _stemmed_trigger(*, fold_function: bool) -> str:
    """The trigger that re-indexes an article, with its stems, when its current version
    changes."""
    rows = _stemmed_rows("versions v", "v.id = NEW.current_version_id",
                         fold_function=fold_function)
    return f"""
    CREATE TRIGGER article_search_current AFTER UPDATE OF current_version_id ON articles
    WHEN NEW.current_version_id IS NOT NULL
    BEGIN
        DELETE FROM article_search WHERE rowid = NEW.id;
        {_INSERT_STEMMED}{rows};
    END
    """


_STEMMED_SEARCH = (
    "DROP TRIGGER article_search_current",
    "DROP TRIGGER article_search_delete",
    "DROP TABLE article_search",
    f"""
    CREATE VIRTUAL TABLE article_search USING fts5 (
        {', '.join(SEARCH_COLUMNS)}, {', '.join(STEM_COLUMNS)},
        tokenize = 'unicode61 remove_diacritics 2'
    )
    """,
    _stemmed_trigger(fold_function=False),
    """
    CREATE TRIGGER article_search_delete AFTER DELETE ON articles
    BEGIN
        DELETE FROM article_search WHERE rowid = OLD.id;
    END
    """,
    _INSERT_STEMMED + _stemmed_rows(_CURRENT, "1", fold_function=False),
)

# One row per source file `newsarchive import-warc` was given, keyed by the file's sha256 (the
# same bytes under another name are the same file). `committed_offset` is the offset in the
# archive's copy up to which every record's capture and article are stored: it is written in the
# transaction that stores them, so an import killed at any point resumes there, storing nothing
# twice. `settings`: the site and filters the file was imported with (other ones import it again).
_IMPORT_FILES = (
    """
    CREATE TABLE import_files (
        sha256           TEXT PRIMARY KEY,
        source_path      TEXT NOT NULL,             -- as last given to import-warc (display)
        stored_path      TEXT,                      -- the archive's copy, relative to warcs/
        size             INTEGER,                   -- bytes of the archive's copy
        status           TEXT NOT NULL DEFAULT 'in_progress'
                         CHECK (status IN ('in_progress', 'done', 'failed')),
        committed_offset INTEGER NOT NULL DEFAULT 0,
        counts           TEXT NOT NULL DEFAULT '{}',   -- JSON: records, captures, skipped
        settings         TEXT NOT NULL DEFAULT '{}',   -- JSON: site and filters
        run_id           INTEGER REFERENCES runs (id), -- the run that last worked on it
        started_at       TEXT NOT NULL,
        finished_at      TEXT,
        error            TEXT
    )
    """,
)

# Story clusters (archive/store/clusters.py, docs/STORIES.md): each version's story (the id of
# the story's first version), and beside it, in a narrow table of its own, the MinHash signature
# (512 bytes) of each version whose body was long enough, with its story and article again: a
# candidate is checked by one short row, not by walking a version row past its body. The band
# keys of the signatures are the primary key new articles' candidates are probed by. Versions
# stored before this migration get a story per article (their article's first version) and no
# signature; `newsarchive reindex` clusters them.
STORIES_VERSION = 8   # the migration below
_STORIES = (
    "ALTER TABLE versions ADD COLUMN story_id INTEGER",
    "UPDATE versions SET story_id = (SELECT MIN(f.id) FROM versions f "
    "WHERE f.article_id = versions.article_id)",
    "CREATE INDEX versions_story ON versions (story_id)",
    """
    CREATE TABLE story_signatures (
        version_id INTEGER PRIMARY KEY REFERENCES versions (id),
        story_id   INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles (id),
        signature  BLOB NOT NULL      -- archive.stories.to_bytes: 128 little-endian uint32
    )
    """,
    """
    CREATE TABLE story_bands (
        band_key   INTEGER NOT NULL,   -- archive.stories.band_keys: band number + values hashed
        version_id INTEGER NOT NULL REFERENCES story_signatures (version_id),
        PRIMARY KEY (band_key, version_id)
    ) WITHOUT ROWID
    """,
)

# The trigger of migration 6 again, folding the published text with FOLD_FUNCTION: the rows it
# writes are the same, so nothing is indexed again.
_FOLD_IN_TRIGGER = (
    "DROP TRIGGER article_search_current",
    _stemmed_trigger(fold_function=True),
)

MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial schema: runs, captures, articles, article_urls, versions", _INITIAL),
    Migration(2, "crawl state: capture validators, run health", _CRAWL_STATE),
    Migration(3, "full-text search of current versions (FTS5, kept in sync by triggers)",
              _SEARCH),
    Migration(4, "backlog: URLs left by a budget-stopped run; run status 'partial'", _BACKLOG),
    Migration(5, "search folds soft hyphens (U+00AD), kept in the text as published",
              _SOFT_HYPHEN),
    Migration(6, "search matches words by their stems in the article's language",
              _STEMMED_SEARCH),
    Migration(7, "import-warc: per-file status and committed offset (resumable imports)",
              _IMPORT_FILES),
    Migration(8, "story clusters: a story per version, MinHash signatures and their LSH bands",
              _STORIES),
    Migration(9, "search trigger folds marks with one application function, not 70 replace()",
              _FOLD_IN_TRIGGER),
)

_CREATE_TABLE = """
    CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TEXT NOT NULL
    )
"""


def latest_version(migrations: tuple[Migration, ...] | None = None) -> int:
    """The schema version this code expects (the number of the last migration)."""
    migrations = MIGRATIONS if migrations is None else migrations
    return migrations[-1].version if migrations else 0


def current_version(conn: sqlite3.Connection) -> int:
    """The version a database is at; 0 when it has no schema_migrations table (a new file)."""
    exists = conn.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    ).fetchone()
    if not exists:
        return 0
    row = conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
    return int(row[0] or 0)


def _check_sequence(migrations: tuple[Migration, ...]) -> None:
    numbers = [m.version for m in migrations]
    if numbers != list(range(1, len(numbers) + 1)):
        raise ValueError(f"migrations must be numbered 1, 2, 3... without gaps, got {numbers}")


def migrate(conn: sqlite3.Connection, *, now: str, where: str = "the archive",
            migrations: tuple[Migration, ...] | None = None) -> list[int]:
    """Apply the pending migrations in order, in one IMMEDIATE transaction; return their numbers.

    IMMEDIATE takes the write lock before reading the applied versions, so two writers opening
    a new archive at the same time cannot both apply migration 1. Running it again is a no-op.
    `conn` must be in autocommit mode (isolation_level=None).
    """
    migrations = MIGRATIONS if migrations is None else migrations
    _check_sequence(migrations)
    register_functions(conn)   # migration 6 indexes the stems of every current version
    # A migration may rebuild a table others reference (runs, in 4): foreign-key enforcement
    # is off for the transaction (PRAGMA foreign_keys is a no-op inside one) and the whole
    # database is checked before the commit instead.
    enforced = bool(conn.execute("PRAGMA foreign_keys").fetchone()[0])
    conn.execute("PRAGMA foreign_keys = OFF")
    try:
        return _migrate(conn, now=now, where=where, migrations=migrations)
    finally:
        if enforced:
            conn.execute("PRAGMA foreign_keys = ON")


def _migrate(conn: sqlite3.Connection, *, now: str, where: str,
             migrations: tuple[Migration, ...]) -> list[int]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        conn.execute(_CREATE_TABLE)
        applied = [row[0] for row in
                   conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
        known = [m.version for m in migrations]
        if applied[: len(known)] != known[: len(applied)] or len(applied) > len(known):
            raise StoreError(
                f"archive database at {where} is at schema version {max(applied)} (applied "
                f"{applied}); this newsarchive knows versions up to {latest_version(migrations)}: "
                "upgrade newsarchive")
        done: list[int] = []
        for migration in migrations[len(applied):]:
            for statement in migration.statements:
                conn.execute(statement)
            conn.execute("INSERT INTO schema_migrations (version, name, applied_at) "
                         "VALUES (?, ?, ?)", (migration.version, migration.name, now))
            done.append(migration.version)
        broken = conn.execute("PRAGMA foreign_key_check").fetchone() if done else None
        if broken is not None:
            raise StoreError(f"archive database at {where}: migration left a broken reference "
                             f"({tuple(broken)}); nothing was changed")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return done


def check_readable(conn: sqlite3.Connection, *, where: str,
                   migrations: tuple[Migration, ...] | None = None) -> int:
    """For read-only opens, which must not migrate: fail clearly unless the schema is current."""
    have = current_version(conn)
    want = latest_version(migrations)
    if have == 0:
        raise StoreError(f"archive database at {where} has no records schema "
                         "(it was never opened for writing; run a crawl first)")
    if have < want:
        raise StoreError(f"archive database at {where} is at schema version {have}, this "
                         f"newsarchive needs version {want}: open it once for writing "
                         "(e.g. run a crawl) to migrate it")
    if have > want:
        raise StoreError(f"archive database at {where} is at schema version {have}, newer than "
                         f"this newsarchive supports ({want}): upgrade newsarchive")
    return have
