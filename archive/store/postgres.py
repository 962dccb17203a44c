"""The PostgreSQL records store: many writers on many machines, concurrent readers.

Same tables, columns and decisions as the SQLite store (archive/store/sqlite.py), through
psycopg 3 and a psycopg_pool connection pool. Each write is one transaction; inside `batch()`
each write is a savepoint of the batch's one transaction (psycopg nests `transaction()` blocks
as savepoints), so a failed write undoes itself only.

Dedup decisions: SQLite takes its one write lock before `store_article` reads anything, so two
writers can never both decide that an article is new. Here `store_article` takes the same
decision under a transaction-level advisory lock (DEDUP_LOCK_KEY), held to the end of the
transaction: concurrent writers serialise on the read-decide-write step only, and everything
else (captures, runs, classifications) runs in parallel.

Readers (readonly=True) never migrate and run every statement in read-only transactions
(`default_transaction_read_only`), so even SQL that slipped past the Python guard cannot write.
The writer applies pending migrations (archive/store/postgres_migrations.py) on open.
"""
from __future__ import annotations

import itertools
import re
import select
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager, nullcontext
from typing import Any

import psycopg
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from archive.exceptions import StoreError
from archive.records import Capture, Outcome, StoreResult
from archive.store import clusters, postgres_migrations
from archive.store.base import PreparedArticle, Store
from archive.store.rows import (ARTICLE_SELECT, ARTICLE_STATE, BACKLOG_SELECT, CAPTURE_COLUMNS,
                                FIELD_COLUMNS, RUN_STATUSES, VERSION_SELECT, add_backlog_on,
                                backlog_of, capture_of, decode, remove_backlog_on,
                                dumps, export_of, hold_versions_on, run_of, unique, utc_now,
                                version_of, version_values)
from archive.store.rows import (begin_import_file_on, finish_import_file_on, image_captures_on,
                                import_file_of, set_import_progress_on)

# Connections one store object may hold: the crawl's writer thread uses one at a time, a batch
# holds one, and a generator being read (export) holds one more; beyond 4 a process only waits.
POOL_MAX_SIZE = 4
# Seconds to wait for a connection (server unreachable, pool exhausted) before a clear error.
CONNECT_TIMEOUT = 10
# pg_advisory_xact_lock key of store_article's dedup decision (the ASCII bytes of "nadedupe").
DEDUP_LOCK_KEY = 0x6E61_6465_6475_7065
# Rows fetched per round trip by the server-side cursors of iter_articles/iter_versions.
ITER_FETCH_ROWS = 500

_CAPTURE_INSERT = (
    "INSERT INTO captures (run_id, url, fetched_at, status, content_type, record_type, warc_file,"
    " warc_offset, warc_length, record_id, payload_digest, page_kind, reason, etag, last_modified)")
_CAPTURE_VALUES = "(" + ", ".join(["%s"] * 15) + ")"


def redact(url: str) -> str:
    """The URL without its password, for messages and logs."""
    return re.sub(r"^(\w+://[^:/@]*):[^@/]*@", r"\1:***@", url)


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def _check_lent(conn: psycopg.Connection[Any]) -> None:
    """The pool's check of a connection it is about to lend, without a round trip when the
    server has said nothing.

    An idle connection of ours never receives anything (no LISTEN, no notices between
    statements), so a readable socket means the server spoke first: it terminated the backend
    (pg_terminate_backend, a restart, idle_session_timeout) and sent its FATAL and EOF. Only
    then does the check query run, which fails and makes the pool discard the connection and
    lend another. psycopg_pool's own check (an empty query on every lend) cost 18,900 round
    trips in a crawl of 6,120 pages (docs/SCALE.md); a connection that dies between this check
    and its next statement fails that statement as it did after the empty query."""
    if conn.closed:
        raise psycopg.OperationalError("the connection is closed")
    poller = select.poll()
    poller.register(conn.fileno(), select.POLLIN)
    if poller.poll(0):
        ConnectionPool.check_connection(conn)


class PostgresStore(Store):
    """The records store in one PostgreSQL database (see the module docstring).

    `url` is a libpq URL (postgresql://user@host:port/dbname). `clock` returns the ISO 8601 UTC
    timestamp used for created_at/applied_at columns; tests pass a fixed one.
    """

    def __init__(self, url: str, *, readonly: bool = False, clock: Callable[[], str] = utc_now,
                 pool_size: int = POOL_MAX_SIZE, connect_timeout: float = CONNECT_TIMEOUT) -> None:
        self.url = url
        self.where = redact(url)
        self.readonly = readonly
        self._clock = clock
        self._local = threading.local()  # .conn: the connection of this thread's open batch
        # what the pool's connections are set up as, fixed at open (the pool connects later,
        # in its own threads)
        self._readonly_sessions = readonly
        self._cursor_names = itertools.count(1)  # server-side cursors open at once differ
        self._prepare(connect_timeout)
        self._pool = ConnectionPool(
            url, min_size=1, max_size=max(1, pool_size), timeout=connect_timeout,
            kwargs={"autocommit": True, "row_factory": dict_row,
                    "connect_timeout": max(1, int(connect_timeout))},
            configure=self._configure, check=_check_lent,
            name=f"newsarchive {self.where}", open=True)

    # --- connections ------------------------------------------------------------------------
    def _prepare(self, connect_timeout: float) -> None:
        """Readers check the schema; a writer applies pending migrations. On a connection of
        its own, so an unreachable server or a wrong schema fails here with one line."""
        try:
            with psycopg.connect(self.url, autocommit=True,
                                 connect_timeout=max(1, int(connect_timeout))) as conn:
                if self.readonly:
                    postgres_migrations.check_readable(conn, where=self.where)
                else:
                    postgres_migrations.migrate(conn, now=self._clock(), where=self.where)
                # as SQLiteStore._stories: only a writer of an older migration list lacks them
                self._stories = (postgres_migrations.current_version(conn)
                                 >= postgres_migrations.STORIES_VERSION)
        except psycopg.Error as exc:
            raise StoreError(f"records database at {self.where} is not reachable: "
                             f"{_one_line(exc)}") from exc

    def _configure(self, conn: psycopg.Connection[Any]) -> None:
        if self._readonly_sessions:
            conn.execute("SET default_transaction_read_only = on")

    @contextmanager
    def _read(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection for reads: the open batch's (its writes are visible), else the pool's."""
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            yield conn
            return
        try:
            with self._pool.connection() as pooled:
                yield pooled
        except psycopg.Error as exc:
            raise StoreError(f"records database at {self.where} could not be read: "
                             f"{_one_line(exc)}") from exc

    @contextmanager
    def reading(self) -> Iterator[psycopg.Connection[Any]]:
        """A connection for read-only SQL of the reading side (archive/search_postgres.py),
        with the store's one-line error on a database failure."""
        try:
            with self._read() as conn:
                yield conn
        except psycopg.Error as exc:
            raise StoreError(f"records database at {self.where} could not be read: "
                             f"{_one_line(exc)}") from exc

    def _refuse_readonly(self) -> None:
        if self.readonly:
            raise StoreError(f"records database at {self.where} is open read-only: "
                             "cannot write to it")

    @contextmanager
    def _write(self, *, one_statement: bool = False) -> Iterator[psycopg.Connection[Any]]:
        """One transaction (a savepoint inside batch()): committed on success, rolled back on
        any error. `one_statement`: a write that is one statement runs in autocommit, its own
        transaction, without the BEGIN and COMMIT round trips (two of the crawl's three per
        capture row); inside batch() it is a savepoint as any write."""
        self._refuse_readonly()
        conn = getattr(self._local, "conn", None)
        try:
            if conn is not None:
                with conn.transaction():  # a savepoint of the batch's transaction
                    yield conn
                return
            with self._pool.connection() as pooled:
                if one_statement:
                    yield pooled
                    return
                with pooled.transaction():
                    yield pooled
        except psycopg.Error as exc:
            raise StoreError(f"records database at {self.where} could not be written: "
                             f"{_one_line(exc)}") from exc

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction around the block, on one connection; each write inside is a
        savepoint of it (see Store.batch)."""
        if getattr(self._local, "conn", None) is not None:
            yield
            return
        self._refuse_readonly()
        try:
            with self._pool.connection() as conn, conn.transaction():
                self._local.conn = conn
                try:
                    yield
                finally:
                    self._local.conn = None
        except psycopg.Error as exc:
            raise StoreError(f"records database at {self.where} could not be written: "
                             f"{_one_line(exc)}") from exc

    def schema_version(self) -> int:
        with self._read() as conn:
            return postgres_migrations.current_version(conn)

    def close(self) -> None:
        self._pool.close()

    def __enter__(self) -> PostgresStore:
        return self

    # --- crawl runs -------------------------------------------------------------------------
    def begin_run(self, site: str, *, started_at: str, settings: dict[str, Any]) -> int:
        with self._write() as conn:
            row = conn.execute(
                "INSERT INTO runs (site, started_at, status, settings) "
                "VALUES (%s, %s, 'running', %s) RETURNING id",
                (site, started_at, dumps(settings))).fetchone()
            return int(row["id"])

    def finish_run(self, run_id: int, *, finished_at: str, status: str, exit_code: int,
                   summary: dict[str, Any], health: str | None = None) -> None:
        if status not in RUN_STATUSES or status == "running":
            raise ValueError(f"finish_run status must be one of {RUN_STATUSES[1:]}, not {status!r}")
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE runs SET finished_at = %s, status = %s, exit_code = %s, summary = %s, "
                "health = %s WHERE id = %s",
                (finished_at, status, exit_code, dumps(summary), health, run_id))
            if cur.rowcount == 0:
                raise StoreError(f"records database at {self.where} has no crawl run {run_id}")

    def get_run(self, run_id: int) -> dict[str, Any] | None:
        with self._read() as conn:
            row = conn.execute("SELECT * FROM runs WHERE id = %s", (run_id,)).fetchone()
        return run_of(row) if row else None

    def list_runs(self, site: str | None = None, *, limit: int = 20) -> list[dict[str, Any]]:
        sql = "SELECT * FROM runs"
        params: list[Any] = []
        if site is not None:
            sql += " WHERE site = %s"
            params.append(site)
        sql += " ORDER BY started_at DESC, id DESC LIMIT %s"
        params.append(limit)
        with self._read() as conn:
            return [run_of(row) for row in conn.execute(sql, params)]

    def interrupt_stale_runs(self, site: str, *, finished_at: str) -> list[int]:
        with self._write() as conn:
            rows = conn.execute(
                "UPDATE runs SET status = 'interrupted', finished_at = %s, "
                "health = 'killed before it finished' WHERE site = %s AND status = 'running' "
                "RETURNING id", (finished_at, site)).fetchall()
        return sorted(int(row["id"]) for row in rows)

    def drop_captures_beyond(self, warc_file: str, size: int) -> int:
        with self._write() as conn:
            cur = conn.execute(
                "DELETE FROM captures c WHERE warc_file = %s AND warc_offset + warc_length > %s "
                "AND NOT EXISTS (SELECT 1 FROM versions v WHERE v.capture_id = c.id)",
                (warc_file, size))
        return int(cur.rowcount)

    # --- backlog ----------------------------------------------------------------------------
    def add_backlog(self, site: str, entries: Iterable[tuple[str, Mapping[str, Any]]], *,
                    run_id: int | None, added_at: str) -> int:
        with self._write() as conn:
            return add_backlog_on(conn, site, entries, run_id=run_id, added_at=added_at, mark="%s")

    def remove_backlog(self, site: str, urls: Iterable[str]) -> int:
        with self._write() as conn:
            return remove_backlog_on(conn, site, urls, "%s")

    def backlog(self, site: str, *, limit: int | None = None) -> list[dict[str, Any]]:
        with self._read() as conn:
            return [backlog_of(row) for row in conn.execute(
                BACKLOG_SELECT + " WHERE site = %s ORDER BY id LIMIT %s", (site, limit))]

    def backlog_counts(self, site: str | None = None) -> dict[str, int]:
        sql = "SELECT site, COUNT(*) AS n FROM backlog"
        params: tuple[Any, ...] = ()
        if site is not None:
            sql, params = sql + " WHERE site = %s", (site,)
        with self._read() as conn:
            return {row["site"]: int(row["n"]) for row in conn.execute(
                sql + " GROUP BY site ORDER BY site", params)}

    # --- imported files ---------------------------------------------------------------------
    def import_file(self, sha256: str) -> dict[str, Any] | None:
        with self._read() as conn:
            row = conn.execute("SELECT * FROM import_files WHERE sha256 = %s",
                               (sha256,)).fetchone()
        return import_file_of(row) if row else None

    def begin_import_file(self, sha256: str, *, source_path: str, settings: Mapping[str, Any],
                          run_id: int, started_at: str, resume: bool) -> dict[str, Any]:
        with self._write() as conn:
            return begin_import_file_on(conn, sha256, source_path=source_path,
                                        settings=settings, run_id=run_id,
                                        started_at=started_at, resume=resume, mark="%s")

    def set_import_progress(self, sha256: str, *, offset: int, counts: Mapping[str, Any],
                            stored_path: str | None = None, size: int | None = None) -> None:
        with self._write() as conn:
            changed = set_import_progress_on(conn, sha256, offset=offset, counts=counts,
                                             stored_path=stored_path, size=size, mark="%s")
        if not changed:
            raise StoreError(f"records database at {self.where} has no imported file {sha256}")

    def finish_import_file(self, sha256: str, *, status: str, finished_at: str,
                           counts: Mapping[str, Any], error: str | None = None) -> None:
        with self._write() as conn:
            changed = finish_import_file_on(conn, sha256, status=status,
                                            finished_at=finished_at, counts=counts,
                                            error=error, mark="%s")
        if not changed:
            raise StoreError(f"records database at {self.where} has no imported file {sha256}")

    # --- captures ---------------------------------------------------------------------------
    def add_capture(self, capture: Capture) -> int:
        """Insert a capture; the same WARC record again returns the existing id (see
        SQLiteStore.add_capture)."""
        return self.add_captures([capture])[0]

    def add_captures(self, captures: Sequence[Capture]) -> list[int]:
        """Insert captures in one statement, in autocommit (its own transaction: no BEGIN and
        COMMIT round trips), and return their ids in order. A WARC record recorded already
        returns its existing id, and one claimed by another capture is an error, as in
        add_capture; the lookup after a conflict only reads rows that are never changed."""
        if not captures:
            return []
        params: list[Any] = []
        for capture in captures:
            warc = capture.warc
            params += (capture.run_id, capture.url, capture.fetched_at, capture.status,
                       capture.content_type, capture.record_type, warc.warc_file, warc.offset,
                       warc.length, warc.record_id, capture.payload_digest, capture.page_kind,
                       capture.reason, capture.etag, capture.last_modified)
        values = ", ".join([_CAPTURE_VALUES] * len(captures))
        with self._write(one_statement=True) as conn:
            inserted = conn.execute(
                f"{_CAPTURE_INSERT} VALUES {values} ON CONFLICT (record_id) DO NOTHING "
                "RETURNING id, record_id", params).fetchall()
            ids = {row["record_id"]: int(row["id"]) for row in inserted}
            claimed: dict[str, tuple[str, str, int]] = {}  # a record id twice in `captures`
            known: dict[str, dict[str, Any]] = {}
            missing = [c.warc.record_id for c in captures if c.warc.record_id not in ids]
            if missing:
                known = {row["record_id"]: row for row in conn.execute(
                    "SELECT id, url, warc_file, warc_offset, record_id FROM captures "
                    "WHERE record_id = ANY(%s)", (missing,))}
        for capture in captures:
            warc = capture.warc
            this = (capture.url, warc.warc_file, warc.offset)
            row = known.get(warc.record_id)
            was = (row["url"], row["warc_file"], row["warc_offset"]) if row else claimed.get(
                warc.record_id, this)
            if was != this:
                raise StoreError(
                    f"records database at {self.where} already has WARC record {warc.record_id} "
                    f"for {was[0]} in {was[1]}@{was[2]}")
            claimed.setdefault(warc.record_id, this)
            if row is not None:
                ids[warc.record_id] = int(row["id"])
        return [ids[capture.warc.record_id] for capture in captures]

    def classify_capture(self, capture_id: int, *, page_kind: str,
                         reason: str | None = None) -> None:
        with self._write(one_statement=True) as conn:
            cur = conn.execute("UPDATE captures SET page_kind = %s, reason = %s WHERE id = %s",
                               (page_kind, reason, capture_id))
            if cur.rowcount == 0:
                raise StoreError(f"records database at {self.where} has no capture {capture_id}")

    def find_capture(self, record_id: str) -> dict[str, Any] | None:
        with self._read() as conn:
            row = conn.execute(f"SELECT {CAPTURE_COLUMNS} FROM captures WHERE record_id = %s",
                               (record_id,)).fetchone()
        return dict(row) if row else None

    def captures_for_run(self, run_id: int, *,
                         page_kind: str | None = None) -> list[dict[str, Any]]:
        sql = f"SELECT {CAPTURE_COLUMNS} FROM captures WHERE run_id = %s"
        params: list[Any] = [run_id]
        if page_kind is not None:
            sql += " AND page_kind = %s"
            params.append(page_kind)
        with self._read() as conn:
            return [dict(row) for row in conn.execute(sql + " ORDER BY id", params)]

    def last_capture(self, url: str, *,
                     payload_digest: str | None = None) -> dict[str, Any] | None:
        sql = (f"SELECT {CAPTURE_COLUMNS} FROM captures "
               "WHERE url = %s AND record_type = 'response'")
        params: list[Any] = [url]
        if payload_digest is not None:
            sql += " AND payload_digest = %s"
            params.append(payload_digest)
        with self._read() as conn:
            row = conn.execute(sql + " ORDER BY fetched_at DESC, id DESC LIMIT 1",
                               params).fetchone()
        return dict(row) if row else None

    def last_captures(self, wanted: Sequence[tuple[str, str | None]]
                      ) -> list[dict[str, Any] | None]:
        """last_capture of each (url, digest) in one query: the crawl's writer looks up the
        responses queued together at once (crawler/archive_writer.py)."""
        if not wanted:
            return []
        found: list[dict[str, Any] | None] = [None] * len(wanted)
        with self._read() as conn:
            for row in conn.execute(
                    "SELECT k.n, c.* FROM unnest(%s::text[], %s::text[]) WITH ORDINALITY "
                    "AS k (url, digest, n) CROSS JOIN LATERAL ("
                    f"SELECT {CAPTURE_COLUMNS} FROM captures WHERE url = k.url "
                    "AND record_type = 'response' "
                    "AND (k.digest IS NULL OR payload_digest = k.digest) "
                    "ORDER BY fetched_at DESC, id DESC LIMIT 1) c",
                    ([url for url, _ in wanted], [digest for _, digest in wanted])):
                capture = dict(row)
                found[int(capture.pop("n")) - 1] = capture
        return found

    def image_captures(self, wanted: Sequence[tuple[str, str]]) -> list[dict[str, Any] | None]:
        with self._read() as conn:
            return image_captures_on(conn, wanted, "%s")

    # --- articles ---------------------------------------------------------------------------
    def store_article(self, capture_id: int, fields: dict[str, Any], *, run_id: int,
                      extractor_version: str, fetched_urls: Sequence[str] = (),
                      alternate: bool = False,
                      prepared: PreparedArticle | None = None) -> StoreResult:
        """Dedup and store one article in one transaction (see Store.store_article and
        SQLiteStore.store_article: the same decisions, in the same order)."""
        missing = [name for name in ("url", "canonical_url", "site") if not fields.get(name)]
        if missing:
            raise ValueError(f"article fields lack {', '.join(missing)} "
                             f"(capture {capture_id}, url {fields.get('url')!r})")
        canonical: str = fields["canonical_url"]
        fetched = unique(fetched_urls)
        values = version_values(fields)  # before any SQL: a field that is not JSON fails here
        # outside the dedup lock, unless the caller's batch() holds it already
        ready = self._prepared(fields, prepared)
        digest = ready.digest
        now = self._clock()
        with self._write() as conn:
            # one dedup decision at a time, across every process and machine (module docstring)
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (DEDUP_LOCK_KEY,))
            cap = conn.execute("SELECT fetched_at FROM captures WHERE id = %s",
                               (capture_id,)).fetchone()
            if cap is None:
                raise StoreError(f"records database at {self.where} has no capture {capture_id}")
            seen_at: str = cap["fetched_at"]

            found = self._find_for_store(conn, canonical, fetched)
            diverged_from: int | None = None
            if found is not None and found[1] == "duplicate" and found[0]["content_hash"] != digest:
                # a copy of another article's content that no longer is: an article of its own
                diverged_from = int(found[0]["id"])
                found = None

            alias_kind = "own"
            if found is not None:
                state, via = found
                article_id = int(state["id"])
                if via == "duplicate":
                    alias_kind = "duplicate"
                    result = StoreResult("duplicate", article_id, int(state["current_version_id"]),
                                         duplicate_of=article_id,
                                         extra={"reason": "same-content"})
                elif alternate and state["content_hash"] != digest:
                    # versions are made from the canonical page only (see SQLiteStore)
                    result = StoreResult("duplicate", article_id, int(state["current_version_id"]),
                                         duplicate_of=article_id,
                                         extra={"reason": "alternate-url"})
                elif state["content_hash"] == digest:
                    outcome: Outcome = ("duplicate" if state["last_run_id"] == run_id
                                        else "unchanged")
                    result = StoreResult(outcome, article_id, int(state["current_version_id"]),
                                         duplicate_of=article_id if outcome == "duplicate" else None,
                                         extra={"reason": "same-run"} if outcome == "duplicate"
                                         else {})
                else:
                    version_no = int(state["version_no"]) + 1
                    version_id = self._insert_version(
                        conn, article_id, version_no, digest, capture_id, run_id,
                        extractor_version, now, values)
                    story = None
                    if self._stories:
                        story = clusters.set_story(
                            conn, version_id, clusters.article_story(conn, article_id, mark="%s"),
                            self._signature(ready), mark="%s", article_id=article_id)
                    conn.execute("UPDATE articles SET current_version_id = %s WHERE id = %s",
                                 (version_id, article_id))
                    result = StoreResult("updated", article_id, version_id, story_id=story)
                # a copy seen under another URL is not a sighting of the article in this run
                conn.execute(
                    "UPDATE articles SET last_seen = GREATEST(last_seen, %s), last_run_id = "
                    "CASE WHEN %s THEN last_run_id ELSE %s END WHERE id = %s",
                    (seen_at, via == "duplicate", run_id, article_id))
            else:
                same = conn.execute(
                    "SELECT a.id, a.current_version_id, a.last_run_id, v.content_hash, "
                    "v.version_no FROM versions v JOIN articles a ON a.id = v.article_id "
                    "AND a.current_version_id = v.id WHERE v.content_hash = %s "
                    "ORDER BY a.id LIMIT 1", (digest,)).fetchone()
                if same is not None:
                    alias_kind = "duplicate"
                    article_id = int(same["id"])
                    result = StoreResult("duplicate", article_id, int(same["current_version_id"]),
                                         duplicate_of=article_id,
                                         extra={"reason": "same-content"})
                    conn.execute("UPDATE articles SET last_seen = GREATEST(last_seen, %s) "
                                 "WHERE id = %s", (seen_at, article_id))
                else:
                    row = conn.execute(
                        "INSERT INTO articles (canonical_url, site, first_seen, last_seen,"
                        " first_run_id, last_run_id) VALUES (%s, %s, %s, %s, %s, %s) RETURNING id",
                        (canonical, fields["site"], seen_at, seen_at, run_id, run_id)).fetchone()
                    article_id = int(row["id"])
                    version_id = self._insert_version(
                        conn, article_id, 1, digest, capture_id, run_id, extractor_version, now,
                        values)
                    match, story = None, None
                    if self._stories:
                        sig = self._signature(ready)
                        if sig is not None:
                            match = clusters.find_story(conn, sig, site=fields["site"],
                                                        mark="%s")
                        story = clusters.set_story(
                            conn, version_id, match.story_id if match else None, sig,
                            mark="%s", article_id=article_id)
                    conn.execute("UPDATE articles SET current_version_id = %s WHERE id = %s",
                                 (version_id, article_id))
                    result = clusters.new_result(article_id, version_id, story, match)

            urls = [(canonical, "canonical" if alias_kind == "own" else "duplicate")]
            urls += [(url, "fetched" if alias_kind == "own" else "duplicate")
                     for url in fetched if url != canonical]
            with conn.cursor() as cur:
                if diverged_from is not None:
                    cur.executemany(
                        "UPDATE article_urls SET article_id = %s, kind = %s, capture_id = %s, "
                        "added_at = %s WHERE url = %s AND kind = 'duplicate' AND article_id = %s",
                        [(article_id, kind, capture_id, now, url, diverged_from)
                         for url, kind in urls])
                cur.executemany(
                    "INSERT INTO article_urls (url, article_id, kind, capture_id, added_at) "
                    "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (url) DO NOTHING",
                    [(url, article_id, kind, capture_id, now) for url, kind in urls])
            conn.execute(
                "UPDATE captures SET article_id = %s, version_id = %s, page_kind = 'article', "
                "reason = NULL WHERE id = %s", (article_id, result.version_id, capture_id))
        result.extra.setdefault("content_hash", digest)
        return result

    @staticmethod
    def _find_for_store(conn: psycopg.Connection[Any], canonical: str,
                        fetched: list[str]) -> tuple[dict[str, Any], str] | None:
        """The article a page belongs to and how it was found ("own" or "duplicate")."""
        row = conn.execute(ARTICLE_STATE + " WHERE a.canonical_url = %s", (canonical,)).fetchone()
        if row is not None:
            return row, "own"
        for url in [canonical, *fetched]:
            alias = conn.execute("SELECT article_id, kind FROM article_urls WHERE url = %s",
                                 (url,)).fetchone()
            if alias is not None:
                row = conn.execute(ARTICLE_STATE + " WHERE a.id = %s",
                                   (alias["article_id"],)).fetchone()
                if row is not None:
                    return row, "duplicate" if alias["kind"] == "duplicate" else "own"
        return None

    @staticmethod
    def _insert_version(conn: psycopg.Connection[Any], article_id: int, version_no: int,
                        digest: str, capture_id: int, run_id: int, extractor_version: str,
                        now: str, values: list[Any]) -> int:
        columns = ("article_id, version_no, content_hash, capture_id, run_id, extractor_version, "
                   "created_at, " + ", ".join(FIELD_COLUMNS))
        placeholders = ", ".join(["%s"] * (7 + len(FIELD_COLUMNS)))
        row = conn.execute(
            f"INSERT INTO versions ({columns}) VALUES ({placeholders}) RETURNING id",
            [article_id, version_no, digest, capture_id, run_id, extractor_version, now,
             *values]).fetchone()
        return int(row["id"])

    def _article_id_by_url(self, conn: psycopg.Connection[Any], url: str) -> int | None:
        """An article by its canonical URL, else by any alias URL."""
        row = conn.execute(
            "SELECT id, 0 AS rank FROM articles WHERE canonical_url = %s UNION ALL "
            "SELECT article_id, 1 FROM article_urls WHERE url = %s ORDER BY rank LIMIT 1",
            (url, url)).fetchone()
        return int(row["id"]) if row else None

    def _article_id(self, conn: psycopg.Connection[Any], id_or_url: int | str) -> int | None:
        if isinstance(id_or_url, int) and not isinstance(id_or_url, bool):
            return id_or_url
        text = str(id_or_url)
        return int(text) if text.isdigit() else self._article_id_by_url(conn, text)

    def get_article(self, id_or_url: int | str) -> dict[str, Any] | None:
        with self._read() as conn:
            article_id = self._article_id(conn, id_or_url)
            if article_id is None or not -2**63 <= article_id < 2**63:
                return None
            row = conn.execute(ARTICLE_SELECT + " WHERE a.id = %s", (article_id,)).fetchone()
            if row is None:
                return None
            count = conn.execute("SELECT COUNT(*) AS n FROM versions WHERE article_id = %s",
                                 (article_id,)).fetchone()["n"]
        article = {"id": row["article_id"], **export_of(row), "story_id": row["story_id"],
                   "capture": capture_of(row)}
        article.update({
            "body_blocks": decode("body_blocks", row["body_blocks"]),
            "word_count": row["word_count"],
            "version_no": row["version_no"],
            "versions_count": int(count),
            "first_seen": row["first_seen"],
            "last_seen": row["last_seen"],
        })
        return article

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        with self._read() as conn:
            rows = conn.execute(VERSION_SELECT + " WHERE v.article_id = %s ORDER BY v.version_no",
                                (article_id,)).fetchall()
        return [version_of(row) for row in rows]

    def _stream(self, sql: str, params: Sequence[Any] = ()) -> Iterator[dict[str, Any]]:
        """Rows of a large query through a server-side cursor (ITER_FETCH_ROWS a round trip),
        so an export of a million versions never sits in memory."""
        name = f"newsarchive_iter_{next(self._cursor_names)}"
        with self._read() as conn:
            # A server-side cursor lives in a transaction: the open batch's, else one of its own
            # (never a savepoint: two iterators read side by side would close theirs out of
            # order, which savepoints cannot do).
            in_batch = conn is getattr(self._local, "conn", None)
            with nullcontext() if in_batch else conn.transaction(), \
                    conn.cursor(name=name) as cur:
                cur.itersize = ITER_FETCH_ROWS
                cur.execute(sql, params)
                yield from cur

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        for row in self._stream(ARTICLE_SELECT + " ORDER BY a.id"):
            yield {"id": row["article_id"], **export_of(row), "story_id": row["story_id"],
                   "capture": capture_of(row)}

    def reindex_search(self) -> int:
        with self._write() as conn:
            conn.execute("DELETE FROM article_search")
            cur = conn.execute(postgres_migrations.FILL_SEARCH)
            return cur.rowcount

    def reindex_stories(self) -> int:
        with self._write() as conn:
            # the same one-at-a-time rule as store_article's: no article arrives half-clustered
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (DEDUP_LOCK_KEY,))
            done = 0
            for done in clusters.assign_all(conn, mark="%s"):
                pass
            return done

    def story(self, article_id: int) -> dict[str, Any] | None:
        with self._read() as conn:
            return clusters.story_members(conn, article_id, mark="%s")

    def hold_versions(self, run_id: int, fields: Sequence[str]) -> int:
        if not fields:
            return 0
        with self._write() as conn:
            return hold_versions_on(conn, run_id, fields, "%s")

    def mark_unchanged(self, capture_id: int, url: str, *, run_id: int) -> StoreResult | None:
        """A conditional re-fetch answered 304: link the capture to the article's current
        version (outcome "unchanged"); None when `url` is no known article."""
        with self._read() as conn:
            article_id = self._article_id_by_url(conn, url)
        if article_id is None:
            return None
        with self._write() as conn:
            row = conn.execute("SELECT current_version_id, last_run_id FROM articles "
                               "WHERE id = %s FOR UPDATE", (article_id,)).fetchone()
            version_id = int(row["current_version_id"])
            conn.execute("UPDATE captures SET article_id = %s, version_id = %s, "
                         "page_kind = 'article', reason = 'not modified' WHERE id = %s",
                         (article_id, version_id, capture_id))
            conn.execute("UPDATE articles SET last_seen = GREATEST(last_seen, (SELECT fetched_at "
                         "FROM captures WHERE id = %s)), last_run_id = %s WHERE id = %s",
                         (capture_id, run_id, article_id))
        outcome: Outcome = "duplicate" if row["last_run_id"] == run_id else "unchanged"
        return StoreResult(outcome, article_id, version_id)

    def add_alias(self, url: str, of_url: str, *, capture_id: int | None = None) -> int | None:
        if url == of_url:
            return None
        with self._read() as conn:
            article_id = self._article_id_by_url(conn, of_url)
        if article_id is None:
            return None
        with self._write() as conn:
            conn.execute(
                "INSERT INTO article_urls (url, article_id, kind, capture_id, added_at) "
                "VALUES (%s, %s, 'fetched', %s, %s) ON CONFLICT (url) DO NOTHING",
                (url, article_id, capture_id, self._clock()))
        return article_id

    def article_seen(self, url: str) -> dict[str, Any] | None:
        with self._read() as conn:
            article_id = self._article_id_by_url(conn, url)
            if article_id is None:
                return None
            row = conn.execute(
                "SELECT a.id, a.canonical_url, a.first_seen, a.last_seen, v.content_hash, "
                "v.version_no FROM articles a JOIN versions v ON v.id = a.current_version_id "
                "WHERE a.id = %s", (article_id,)).fetchone()
            if row is None:
                return None
            last = conn.execute(
                f"SELECT {CAPTURE_COLUMNS} FROM captures WHERE article_id = %s "
                "ORDER BY fetched_at DESC, id DESC LIMIT 1", (article_id,)).fetchone()
        return {"article_id": row["id"], "canonical_url": row["canonical_url"],
                "first_seen": row["first_seen"], "last_seen": row["last_seen"],
                "content_hash": row["content_hash"], "versions_count": row["version_no"],
                "last_capture": dict(last) if last else None}

    def articles_seen(self, urls: Sequence[str]) -> list[dict[str, Any] | None]:
        """article_seen of each URL: the articles in one query, their newest captures in a
        second one when any is known (the same choices as _article_id_by_url)."""
        found: list[dict[str, Any] | None] = [None] * len(urls)
        if not urls:
            return found
        with self._read() as conn:
            rows = conn.execute(
                "SELECT k.n, a.id, a.canonical_url, a.first_seen, a.last_seen, v.content_hash, "
                "v.version_no FROM unnest(%s::text[]) WITH ORDINALITY AS k (url, n) "
                "CROSS JOIN LATERAL (SELECT f.id FROM ("
                "SELECT id, 0 AS rank FROM articles WHERE canonical_url = k.url UNION ALL "
                "SELECT article_id, 1 FROM article_urls WHERE url = k.url) f "
                "ORDER BY f.rank LIMIT 1) f "
                "JOIN articles a ON a.id = f.id JOIN versions v ON v.id = a.current_version_id",
                (list(urls),)).fetchall()
            if not rows:
                return found
            last: dict[int, dict[str, Any]] = {}
            ids = list({int(row["id"]) for row in rows})
            for capture in conn.execute(
                    "SELECT k.article, c.* FROM unnest(%s::bigint[]) AS k (article) "
                    f"CROSS JOIN LATERAL (SELECT {CAPTURE_COLUMNS} FROM captures "
                    "WHERE article_id = k.article ORDER BY fetched_at DESC, id DESC LIMIT 1) c",
                    (ids,)):
                entry = dict(capture)
                last[int(entry.pop("article"))] = entry
        for row in rows:
            found[int(row["n"]) - 1] = {
                "article_id": row["id"], "canonical_url": row["canonical_url"],
                "first_seen": row["first_seen"], "last_seen": row["last_seen"],
                "content_hash": row["content_hash"], "versions_count": row["version_no"],
                "last_capture": last.get(int(row["id"]))}
        return found

    def counts(self) -> dict[str, int]:
        with self._read() as conn:
            row = conn.execute(
                "SELECT (SELECT COUNT(*) FROM articles) AS articles, "
                "(SELECT COUNT(*) FROM versions) AS versions, "
                "(SELECT COUNT(*) FROM captures) AS captures, "
                "(SELECT COUNT(*) FROM runs) AS runs").fetchone()
        return {name: int(row[name]) for name in ("articles", "versions", "captures", "runs")}

    # --- reading room and maintenance -------------------------------------------------------
    def captures_for_article(self, article_id: int) -> list[dict[str, Any]]:
        with self._read() as conn:
            return [dict(row) for row in conn.execute(
                f"SELECT {CAPTURE_COLUMNS} FROM captures WHERE article_id = %s "
                "ORDER BY fetched_at, id", (article_id,))]

    def article_urls(self, article_id: int) -> list[dict[str, Any]]:
        with self._read() as conn:
            return [dict(row) for row in conn.execute(
                "SELECT url, kind, added_at, capture_id FROM article_urls WHERE article_id = %s "
                "ORDER BY added_at, kind, url", (article_id,))]

    def iter_versions(self, *, article_ids: Sequence[int] | None = None,
                      current_only: bool = False) -> Iterator[dict[str, Any]]:
        sql = VERSION_SELECT
        if current_only:
            sql += " JOIN articles a ON a.current_version_id = v.id"
        params: list[Any] = []
        if article_ids is not None:
            ids = list(article_ids)
            if not ids:
                return
            sql += " WHERE v.article_id = ANY(%s)"  # one array parameter, however many ids
            params.append(ids)
        for row in self._stream(sql + " ORDER BY v.article_id, v.version_no", params):
            yield version_of(row)

    def reextract_candidates(self, *, sites: Sequence[str] | None = None) -> list[dict[str, Any]]:
        columns = ", ".join(f"c.{name.strip()}" for name in CAPTURE_COLUMNS.split(","))
        sql = (
            f"SELECT {columns}, r.site AS run_site FROM captures c JOIN runs r ON r.id = c.run_id "
            "LEFT JOIN articles a ON a.id = c.article_id "
            "LEFT JOIN versions cv ON cv.id = a.current_version_id "
            "LEFT JOIN captures cc ON cc.id = cv.capture_id "
            "WHERE c.record_type = 'response' AND c.status = 200 AND ("
            " c.page_kind IN ('error', 'non-article')"
            " OR (c.page_kind = 'article' AND (cc.id IS NULL"
            "     OR (c.fetched_at, c.id) >= (cc.fetched_at, cc.id))))")
        params: list[Any] = []
        if sites is not None:
            sql += " AND r.site = ANY(%s)"
            params.append(list(sites))
        with self._read() as conn:
            return [dict(row) for row in conn.execute(sql + " ORDER BY c.fetched_at, c.id",
                                                      params)]
