"""A read-only SQLite mirror of a PostgreSQL records database, for Datasette.

Why: researchers get tables, SQL and CSV/JSON exports from Datasette, and Datasette reads only
SQLite. For `serve --db postgresql://…` we copy the records tables into an SQLite file with
exactly the schema of an SQLite archive (the SQLite store creates it, FTS table included), so
`/records` offers the same tables, columns and SQL on both backends; the reading room's own pages
(search, articles, versions, diffs) read PostgreSQL directly through the Store interface. The
mirror is filled at start and then refreshed every `interval` seconds (rows upserted, rows
gone deleted, only articles with a new current version re-indexed), each time from one PostgreSQL
snapshot (REPEATABLE READ, read only) and in one SQLite transaction, so Datasette (WAL readers)
sees either the previous copy or the next, never a mix. Its `mirror_state` table and the page
footers say when the copy was taken.

Alternatives weighed: datasette-connectors (other databases behind Datasette) had its last
release in 2020, against the Datasette internals of then; db-to-sqlite (SQLAlchemy) copies
PostgreSQL's own schema, not the SQLite archive's (no FTS table, other column types), and would
add SQLAlchemy to copy five known tables; PostgREST or pgweb are separate servers without
Datasette's SQL and CSV/JSON pages. The copy here is a few queries over tables we define.
"""
from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from archive.exceptions import StoreError

# In dependency order (as archive.migrate copies them the other way; foreign keys are off while
# the rows arrive). The FTS table is brought up to date at the end.
TABLES: tuple[str, ...] = ("runs", "articles", "captures", "versions", "article_urls")
CHUNK_ROWS = 1000
DEFAULT_INTERVAL = 300.0            # seconds between refreshes while `serve` runs


@dataclass(slots=True)
class MirrorState:
    """When the mirror was last copied, and from where (the URL without its password)."""

    source: str
    path: Path
    refreshed_at: str | None = None
    rows: int = 0
    error: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def note(self) -> str:
        """The line the pages show under their content."""
        when = self.refreshed_at or "never"
        text = f"tables: read-only SQLite mirror of PostgreSQL {self.source}, as of {when}"
        if self.error:
            text += f" (last refresh failed: {self.error})"
        return text


def _now() -> str:
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def create_mirror(db_url: str, path: Path) -> MirrorState:
    """A mirror file at `path` (its folder must exist), filled now."""
    from archive.store.postgres import redact

    state = MirrorState(source=redact(db_url), path=path)
    refresh(db_url, state)
    return state


def refresh(db_url: str, state: MirrorState) -> MirrorState:
    """Bring the mirror to PostgreSQL's current state: every row of every records table (see
    _copy_all), the search index, and the `mirror_state` row saying when."""
    import psycopg

    from archive.store.sqlite import SQLiteStore

    with state.lock:
        SQLiteStore(state.path).close()           # the SQLite archive schema, migrated
        conn = sqlite3.connect(state.path, isolation_level=None, timeout=30)
        try:
            conn.execute("PRAGMA foreign_keys = OFF")  # rows arrive table by table
            with psycopg.connect(db_url, connect_timeout=10) as pg:
                pg.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                conn.execute("BEGIN IMMEDIATE")
                try:
                    rows = _copy_all(pg, conn)
                    conn.execute("CREATE TABLE IF NOT EXISTS mirror_state ("
                                 "source TEXT NOT NULL, refreshed_at TEXT NOT NULL, "
                                 "rows INTEGER NOT NULL)")
                    conn.execute("DELETE FROM mirror_state")
                    stamp = _now()
                    conn.execute("INSERT INTO mirror_state VALUES (?, ?, ?)",
                                 (state.source, stamp, rows))
                    conn.execute("COMMIT")
                except BaseException:
                    conn.execute("ROLLBACK")
                    raise
        except psycopg.Error as exc:
            raise StoreError(f"cannot mirror the records database at {state.source}: "
                             f"{' '.join(str(exc).split())}") from None
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write the records mirror {state.path}: {exc}") from None
        finally:
            conn.close()
        state.refreshed_at, state.rows, state.error = stamp, rows, None
    return state


def _columns(pg: Any, conn: sqlite3.Connection, table: str) -> list[str]:
    ours = [row[1] for row in conn.execute(f"PRAGMA table_info({table})")]
    theirs = {row[0] for row in pg.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "AND table_schema = current_schema()", (table,))}
    return [name for name in ours if name in theirs]


KEYS = {"article_urls": "url"}                # every other table's key is `id`


def _copy_all(pg: Any, conn: sqlite3.Connection) -> int:
    """Upsert every row of PostgreSQL into the mirror, delete the rows PostgreSQL no longer has,
    and re-index for search only the articles whose current version changed (indexing is the
    costly part: the whole archive at the first copy, a crawl's worth at each refresh)."""
    from archive.store.migrations import fill_search, register_functions

    register_functions(conn)

    conn.execute("CREATE TEMP TABLE IF NOT EXISTS was_current (id INTEGER PRIMARY KEY, "
                 "version_id INTEGER)")
    conn.execute("DELETE FROM was_current")
    conn.execute("INSERT INTO was_current SELECT id, current_version_id FROM articles")
    total = 0
    for table in TABLES:
        key = KEYS.get(table, "id")
        columns = _columns(pg, conn, table)
        # REPLACE deletes a conflicting row without firing delete triggers (recursive_triggers
        # is off), and inserts fire no search trigger: the FTS table is handled below
        upsert = (f"INSERT OR REPLACE INTO {table} ({', '.join(columns)}) "
                  f"VALUES ({', '.join('?' * len(columns))})")
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS seen (key PRIMARY KEY) WITHOUT ROWID")
        conn.execute("DELETE FROM seen")
        position = columns.index(key)
        with pg.cursor(name=f"mirror_{table}") as cur:
            cur.itersize = CHUNK_ROWS
            cur.execute(f"SELECT {', '.join(columns)} FROM {table}")
            while rows := cur.fetchmany(CHUNK_ROWS):
                conn.executemany(upsert, rows)
                conn.executemany("INSERT INTO seen VALUES (?)", [(r[position],) for r in rows])
                total += len(rows)
        conn.execute(f"DELETE FROM {table} WHERE {key} NOT IN (SELECT key FROM seen)")
    # articles gone (their delete trigger already dropped them from the index) or whose current
    # version changed or is new: index those again, in one statement
    changed = ("SELECT a.id FROM articles a LEFT JOIN was_current w ON w.id = a.id "
               "WHERE w.version_id IS NOT a.current_version_id")
    conn.execute(f"DELETE FROM article_search WHERE rowid IN ({changed}) "
                 "OR rowid NOT IN (SELECT id FROM articles)")
    conn.execute(fill_search(f"a.id IN ({changed})"))
    return total


def refresh_forever(db_url: str, state: MirrorState, interval: float,
                    stop: threading.Event, log: Callable[[str], None]) -> None:
    """Refresh every `interval` seconds until `stop` is set; a failed refresh keeps the
    previous copy, says so once in the log and in the page note, and is retried."""
    while not stop.wait(interval):
        try:
            refresh(db_url, state)
        except StoreError as exc:
            if state.error != str(exc):
                log(f"newsarchive: warning: {exc}; the tables keep the copy of "
                    f"{state.refreshed_at}")
            state.error = str(exc)


def start_refresher(db_url: str, state: MirrorState, interval: float,
                    log: Callable[[str], None]) -> threading.Event:
    """Start the background refresh (none when interval <= 0); set the event to stop it."""
    stop = threading.Event()
    if interval > 0:
        threading.Thread(target=refresh_forever, args=(db_url, state, interval, stop, log),
                         name="records-mirror", daemon=True).start()
    return stop


__all__ = ["DEFAULT_INTERVAL", "MirrorState", "create_mirror", "refresh", "start_refresher"]
