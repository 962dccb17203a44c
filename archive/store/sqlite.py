"""The SQLite records store: the embedded default, one file `records.sqlite3` in the archive.

WAL mode, so readers never block the writer and the writer never blocks readers; a busy timeout,
so two crawl processes can share one archive (each write waits for the other's transaction
instead of failing with "database is locked"). Every write is one `BEGIN IMMEDIATE` transaction:
taking the write lock before reading means two writers cannot both decide an article is new.
Readers open the file read-only with a `file:...?mode=ro` URI (as Datasette does) and never
migrate; the writer applies pending schema migrations on open.
"""
from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from archive.exceptions import StoreError
from archive import stemming
from archive.records import Capture, Outcome, StoreResult
from archive.store import clusters, migrations
from archive.store.base import PreparedArticle, Store
from archive.store.rows import (FIELD_COLUMNS as _FIELD_COLUMNS, RUN_STATUSES,
                                capture_of as _capture_of, decode as _decode, dumps as _dumps,
                                export_of as _export, run_of as _run_of, unique as _unique,
                                utc_now, version_of, version_values)
from archive.store.rows import (BACKLOG_SELECT, add_backlog_on, backlog_of, hold_versions_on,
                                remove_backlog_on)
from archive.store.rows import (begin_import_file_on, finish_import_file_on, image_captures_on,
                                import_file_of, set_import_progress_on)
from archive.store.rows import (ARTICLE_SELECT as _ARTICLE_SELECT,
                                ARTICLE_STATE as _ARTICLE_STATE,
                                CAPTURE_COLUMNS as _CAPTURE_COLUMNS,
                                VERSION_SELECT as _VERSION_SELECT)


_VERSION_COLUMNS = ("article_id, version_no, content_hash, capture_id, run_id, extractor_version, "
                    "created_at, " + ", ".join(_FIELD_COLUMNS))
_VERSION_VALUES = ", ".join("?" * (7 + len(_FIELD_COLUMNS)))
_INSERT_VERSION = f"INSERT INTO versions ({_VERSION_COLUMNS}) VALUES ({_VERSION_VALUES})"
# With stories, a version row is written with the story id it most often gets, its own id
# (SQLite gives a new row the largest id + 1), and clusters.set_story then sets the real one as
# before. Written NULL, the row grew by the id when set_story set it, and SQLite rewrote it
# whole, body and body_blocks (~17 KB of overflow pages) included; the same value, or one of
# the same width, is overwritten in place (half the UPDATE's CPU).
_INSERT_VERSION_STORY = (f"INSERT INTO versions ({_VERSION_COLUMNS}, story_id) VALUES "
                         f"({_VERSION_VALUES}, (SELECT IFNULL(MAX(id), 0) + 1 FROM versions))")


class SQLiteStore(Store):
    """The records store in one SQLite file (see the module docstring for the locking rules).

    `clock` returns the ISO 8601 UTC timestamp used for created_at/applied_at columns; tests
    pass a fixed one. `busy_timeout` is how long (seconds) a write waits for another process's
    transaction before failing.
    """

    def __init__(self, path: str | Path, *, readonly: bool = False, busy_timeout: float = 30.0,
                 clock: Callable[[], str] = utc_now) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self._clock = clock
        self._in_batch = False
        self._conn = self._connect(busy_timeout)
        # Stories need migration 8. Only a writer built with an older migration list (the
        # upgrade tests make archives "of an older release" that way) lacks it: its versions
        # get no story, as an older release's would.
        self._stories = migrations.current_version(self._conn) >= migrations.STORIES_VERSION

    # --- connection -------------------------------------------------------------------------
    def _connect(self, busy_timeout: float) -> sqlite3.Connection:
        where = str(self.path)
        if self.readonly and not self.path.is_file():
            raise StoreError(f"archive database at {where} is not readable: no such file")
        try:
            if self.readonly:
                # mode=ro: the file is never created, migrated or written through this handle
                target, uri = self.path.resolve().as_uri() + "?mode=ro", True
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                target, uri = where, False
            # isolation_level=None: no implicit transactions; every write says BEGIN IMMEDIATE
            conn = sqlite3.connect(target, uri=uri, timeout=busy_timeout, isolation_level=None)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"archive database at {where} is not readable: {exc}") from exc
        try:
            conn.row_factory = sqlite3.Row
            migrations.register_functions(conn)   # the search triggers call them
            conn.execute(f"PRAGMA busy_timeout = {int(busy_timeout * 1000)}")
            conn.execute("PRAGMA foreign_keys = ON")
            # Two processes opening a new archive at once race to switch it to WAL, and SQLite
            # answers some of those races "locked" without waiting: retry within the timeout.
            deadline = time.monotonic() + busy_timeout
            while True:
                try:
                    self._prepare(conn, where)
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                    if time.monotonic() > deadline:
                        raise
                    time.sleep(0.05)
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"archive database at {where} is not readable: {exc}") from exc
        except BaseException:
            conn.close()
            raise
        return conn

    def _prepare(self, conn: sqlite3.Connection, where: str) -> None:
        """Readers check the schema; the writer switches to WAL and applies migrations."""
        if self.readonly:
            migrations.check_readable(conn, where=where)
            return
        mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"archive database at {where} cannot use WAL mode "
                             f"(journal mode is {mode!r}); is it on a network drive?")
        # NORMAL is durable across application crashes in WAL mode; only a power loss can drop
        # the last commits, which the next crawl fetches again.
        conn.execute("PRAGMA synchronous = NORMAL")
        migrations.migrate(conn, now=self._clock(), where=where)

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One IMMEDIATE transaction around the block; each write inside is a savepoint of it
        (see Store.batch). One commit for many pages costs less than one per page, and holds
        the write lock once."""
        if self._in_batch:
            yield
            return
        # The savepoint of each write inside the batch keeps the pages it changes in a
        # sub-journal, which SQLite writes to a temporary file (4 KB and a 4-byte page number
        # per page, ~70 pages per article: ~2 GB of writes for 7,000 imported articles) unless
        # temporary storage is memory; it is read in at BEGIN. One savepoint's pages at a time:
        # memory stays small. Put back afterwards, so other writes (migrations, reindex) keep
        # their large temporary tables and sorts on disk.
        self._conn.execute("PRAGMA temp_store = MEMORY")
        try:
            with self._write():
                self._in_batch = True
                try:
                    yield
                finally:
                    self._in_batch = False
        finally:
            self._conn.execute("PRAGMA temp_store = DEFAULT")

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        """One IMMEDIATE transaction: committed on success, rolled back on any error."""
        if self.readonly:
            raise StoreError(f"archive database at {self.path} is open read-only: "
                             "cannot write to it")
        conn = self._conn
        if self._in_batch:
            # inside batch(): each write is a savepoint of the batch's one transaction, so a
            # failed write undoes itself and nothing else
            conn.execute("SAVEPOINT write")
            try:
                yield conn
            except BaseException as exc:
                conn.execute("ROLLBACK TO write")
                conn.execute("RELEASE write")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(
                        f"archive database at {self.path} could not be written: {exc}") from exc
                raise
            conn.execute("RELEASE write")
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"archive database at {self.path} is not writable: {exc}") from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(
                    f"archive database at {self.path} could not be written: {exc}") from exc
            raise

    def journal_mode(self) -> str:
        """The journal mode in effect ("wal"): lets tests and `newsarchive doctor` check it."""
        return str(self._conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()

    def schema_version(self) -> int:
        return migrations.current_version(self._conn)

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    # --- crawl runs -------------------------------------------------------------------------
    def begin_run(self, site: str, *, started_at: str, settings: dict[str, Any]) -> int:
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO runs (site, started_at, status, settings) VALUES (?, ?, 'running', ?)",
                (site, started_at, _dumps(settings)))
            return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, *, finished_at: str, status: str, exit_code: int,
                   summary: dict[str, Any], health: str | None = None) -> None:
        if status not in RUN_STATUSES or status == "running":
            raise ValueError(f"finish_run status must be one of {RUN_STATUSES[1:]}, not {status!r}")
        with self._write() as conn:
            cur = conn.execute(
                "UPDATE runs SET finished_at = ?, status = ?, exit_code = ?, summary = ?, "
                "health = ? WHERE id = ?",
                (finished_at, status, exit_code, _dumps(summary), health, run_id))
            if cur.rowcount == 0:
                raise StoreError(f"archive database at {self.path} has no crawl run {run_id}")

    def get_run(self, run_id: int) -> dict[str, Any] | None:
        row = self._conn.execute("SELECT * FROM runs WHERE id = ?", (run_id,)).fetchone()
        return _run_of(row) if row else None

    def list_runs(self, site: str | None = None, *, limit: int = 20) -> list[dict[str, Any]]:
        sql = "SELECT * FROM runs"
        params: list[Any] = []
        if site is not None:
            sql += " WHERE site = ?"
            params.append(site)
        sql += " ORDER BY started_at DESC, id DESC LIMIT ?"
        params.append(limit)
        return [_run_of(row) for row in self._conn.execute(sql, params)]

    def interrupt_stale_runs(self, site: str, *, finished_at: str) -> list[int]:
        """Runs of `site` still marked running: their process died (the caller holds the site
        lock, so none of them is alive). Mark them interrupted and return their ids."""
        with self._write() as conn:
            ids = [int(row[0]) for row in conn.execute(
                "SELECT id FROM runs WHERE site = ? AND status = 'running'", (site,))]
            conn.executemany(
                "UPDATE runs SET status = 'interrupted', finished_at = ?, "
                "health = 'killed before it finished' WHERE id = ?",
                [(finished_at, run_id) for run_id in ids])
        return ids

    def drop_captures_beyond(self, warc_file: str, size: int) -> int:
        """After a WARC was cut back to `size` bytes by a repair: forget captures whose record
        is no longer there (never referenced by a version: captures are committed only after
        their record is on disk). Returns how many were dropped."""
        with self._write() as conn:
            cur = conn.execute(
                "DELETE FROM captures WHERE warc_file = ? AND warc_offset + warc_length > ? "
                "AND id NOT IN (SELECT capture_id FROM versions)", (warc_file, size))
        return int(cur.rowcount)

    # --- backlog ----------------------------------------------------------------------------
    def add_backlog(self, site: str, entries: Iterable[tuple[str, Mapping[str, Any]]], *,
                    run_id: int | None, added_at: str) -> int:
        with self._write() as conn:
            return add_backlog_on(conn, site, entries, run_id=run_id, added_at=added_at, mark="?")

    def remove_backlog(self, site: str, urls: Iterable[str]) -> int:
        with self._write() as conn:
            return remove_backlog_on(conn, site, urls, "?")

    def backlog(self, site: str, *, limit: int | None = None) -> list[dict[str, Any]]:
        rows = self._conn.execute(BACKLOG_SELECT + " WHERE site = ? ORDER BY id LIMIT ?",
                                  (site, -1 if limit is None else limit))
        return [backlog_of(row) for row in rows]

    def backlog_counts(self, site: str | None = None) -> dict[str, int]:
        sql = "SELECT site, COUNT(*) FROM backlog"
        params: tuple[Any, ...] = ()
        if site is not None:
            sql, params = sql + " WHERE site = ?", (site,)
        rows = self._conn.execute(sql + " GROUP BY site ORDER BY site", params)
        return {row[0]: int(row[1]) for row in rows}

    # --- imported files ---------------------------------------------------------------------
    def import_file(self, sha256: str) -> dict[str, Any] | None:
        row = self._conn.execute("SELECT * FROM import_files WHERE sha256 = ?",
                                 (sha256,)).fetchone()
        return import_file_of(row) if row else None

    def begin_import_file(self, sha256: str, *, source_path: str, settings: Mapping[str, Any],
                          run_id: int, started_at: str, resume: bool) -> dict[str, Any]:
        with self._write() as conn:
            return begin_import_file_on(conn, sha256, source_path=source_path,
                                        settings=settings, run_id=run_id,
                                        started_at=started_at, resume=resume, mark="?")

    def set_import_progress(self, sha256: str, *, offset: int, counts: Mapping[str, Any],
                            stored_path: str | None = None, size: int | None = None) -> None:
        with self._write() as conn:
            changed = set_import_progress_on(conn, sha256, offset=offset, counts=counts,
                                             stored_path=stored_path, size=size, mark="?")
        if not changed:
            raise StoreError(f"archive database at {self.path} has no imported file {sha256}")

    def finish_import_file(self, sha256: str, *, status: str, finished_at: str,
                           counts: Mapping[str, Any], error: str | None = None) -> None:
        with self._write() as conn:
            changed = finish_import_file_on(conn, sha256, status=status,
                                            finished_at=finished_at, counts=counts,
                                            error=error, mark="?")
        if not changed:
            raise StoreError(f"archive database at {self.path} has no imported file {sha256}")

    # --- captures ---------------------------------------------------------------------------
    def add_capture(self, capture: Capture) -> int:
        """Insert a capture. Adding the same WARC record again (a resumed run replaying its
        pipeline) returns the existing id instead of failing; a different capture claiming the
        same record id is an error."""
        warc = capture.warc
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO captures (run_id, url, fetched_at, status, content_type, record_type,"
                " warc_file, warc_offset, warc_length, record_id, payload_digest, page_kind, reason,"
                " etag, last_modified)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (record_id) DO NOTHING",
                (capture.run_id, capture.url, capture.fetched_at, capture.status,
                 capture.content_type, capture.record_type, warc.warc_file, warc.offset,
                 warc.length, warc.record_id, capture.payload_digest, capture.page_kind,
                 capture.reason, capture.etag, capture.last_modified))
            if cur.rowcount == 1:
                return int(cur.lastrowid or 0)
            row = conn.execute(
                "SELECT id, url, warc_file, warc_offset FROM captures WHERE record_id = ?",
                (warc.record_id,)).fetchone()
            if (row["url"], row["warc_file"], row["warc_offset"]) != (
                    capture.url, warc.warc_file, warc.offset):
                raise StoreError(
                    f"archive database at {self.path} already has WARC record {warc.record_id} "
                    f"for {row['url']} in {row['warc_file']}@{row['warc_offset']}")
            return int(row["id"])

    def classify_capture(self, capture_id: int, *, page_kind: str,
                         reason: str | None = None) -> None:
        with self._write() as conn:
            cur = conn.execute("UPDATE captures SET page_kind = ?, reason = ? WHERE id = ?",
                               (page_kind, reason, capture_id))
            if cur.rowcount == 0:
                raise StoreError(f"archive database at {self.path} has no capture {capture_id}")

    def find_capture(self, record_id: str) -> dict[str, Any] | None:
        row = self._conn.execute(f"SELECT {_CAPTURE_COLUMNS} FROM captures WHERE record_id = ?",
                                 (record_id,)).fetchone()
        return dict(row) if row else None

    def captures_for_run(self, run_id: int, *,
                         page_kind: str | None = None) -> list[dict[str, Any]]:
        sql = f"SELECT {_CAPTURE_COLUMNS} FROM captures WHERE run_id = ?"
        params: list[Any] = [run_id]
        if page_kind is not None:
            sql += " AND page_kind = ?"
            params.append(page_kind)
        return [dict(row) for row in self._conn.execute(sql + " ORDER BY id", params)]

    def last_capture(self, url: str, *,
                     payload_digest: str | None = None) -> dict[str, Any] | None:
        sql = (f"SELECT {_CAPTURE_COLUMNS} FROM captures "
               "WHERE url = ? AND record_type = 'response'")
        params: list[Any] = [url]
        if payload_digest is not None:
            sql += " AND payload_digest = ?"
            params.append(payload_digest)
        row = self._conn.execute(sql + " ORDER BY fetched_at DESC, id DESC LIMIT 1",
                                 params).fetchone()
        return dict(row) if row else None

    def image_captures(self, wanted: Sequence[tuple[str, str]]) -> list[dict[str, Any] | None]:
        return image_captures_on(self._conn, wanted, "?")

    # --- articles ---------------------------------------------------------------------------
    def store_article(self, capture_id: int, fields: dict[str, Any], *, run_id: int,
                      extractor_version: str, fetched_urls: Sequence[str] = (),
                      alternate: bool = False,
                      prepared: PreparedArticle | None = None) -> StoreResult:
        """Dedup and store one article in one transaction (see Store.store_article).

        URLs learnt from a page carrying *another* article's content are kept as "duplicate"
        aliases: seeing them again stays a duplicate (not "unchanged"), does not count as a
        sighting of the original in this run, and if their content later differs they become
        an article of their own instead of a new version of the original. `extra` holds the
        content_hash and, for duplicates, reason "same-run" or "same-content"; for a version
        that joined another article's story, "story_similarity" and "story_article".
        """
        missing = [name for name in ("url", "canonical_url", "site") if not fields.get(name)]
        if missing:
            raise ValueError(f"article fields lack {', '.join(missing)} "
                             f"(capture {capture_id}, url {fields.get('url')!r})")
        canonical: str = fields["canonical_url"]
        fetched = _unique(fetched_urls)
        # outside the write lock, unless the caller's batch() holds it already
        ready = self._prepared(fields, prepared)
        if ready.stems is not None:
            # prepared in another process: its search trigger would stem the body again
            stemming.remember_stems(fields.get("body") or "", fields.get("language"), ready.stems)
        digest = ready.digest
        now = self._clock()
        with self._write() as conn:
            cap = conn.execute("SELECT fetched_at FROM captures WHERE id = ?",
                               (capture_id,)).fetchone()
            if cap is None:
                raise StoreError(f"archive database at {self.path} has no capture {capture_id}")
            seen_at: str = cap["fetched_at"]

            found = self._find_for_store(conn, canonical, fetched)
            diverged_from: int | None = None
            if found is not None and found[1] == "duplicate" and found[0]["content_hash"] != digest:
                # This URL was a copy of another article's content and no longer is: it is an
                # article of its own now, not a new version of the one it used to copy.
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
                    # A print/AMP/tracking variant extracts a little differently from the
                    # canonical page; versions are made from the canonical page only. The
                    # variant stays an alias of this article (not a "duplicate" alias, which
                    # would split off as an article of its own when its content differs).
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
                        extractor_version, now, fields)
                    story = None
                    if self._stories:
                        story = clusters.set_story(
                            conn, version_id, clusters.article_story(conn, article_id, mark="?"),
                            self._signature(ready), mark="?", article_id=article_id)
                    conn.execute("UPDATE articles SET current_version_id = ? WHERE id = ?",
                                 (version_id, article_id))
                    result = StoreResult("updated", article_id, version_id, story_id=story)
                # a copy seen under another URL is not a sighting of the article in this run
                conn.execute(
                    "UPDATE articles SET last_seen = MAX(last_seen, ?), last_run_id = "
                    "CASE WHEN ? THEN last_run_id ELSE ? END WHERE id = ?",
                    (seen_at, via == "duplicate", run_id, article_id))
            else:
                # Driven by the content_hash index: ordering by the bare a.id would make
                # SQLite walk every article in id order (quadratic over a crawl).
                same = conn.execute(
                    "SELECT a.id, a.current_version_id, a.last_run_id, v.content_hash, "
                    "v.version_no FROM versions v JOIN articles a ON a.id = v.article_id "
                    "AND a.current_version_id = v.id WHERE v.content_hash = ? "
                    "ORDER BY +a.id LIMIT 1", (digest,)).fetchone()
                if same is not None:
                    alias_kind = "duplicate"
                    article_id = int(same["id"])
                    result = StoreResult("duplicate", article_id, int(same["current_version_id"]),
                                         duplicate_of=article_id,
                                         extra={"reason": "same-content"})
                    conn.execute("UPDATE articles SET last_seen = MAX(last_seen, ?) WHERE id = ?",
                                 (seen_at, article_id))
                else:
                    cur = conn.execute(
                        "INSERT INTO articles (canonical_url, site, first_seen, last_seen,"
                        " first_run_id, last_run_id) VALUES (?, ?, ?, ?, ?, ?)",
                        (canonical, fields["site"], seen_at, seen_at, run_id, run_id))
                    article_id = int(cur.lastrowid or 0)
                    version_id = self._insert_version(
                        conn, article_id, 1, digest, capture_id, run_id, extractor_version, now,
                        fields)
                    match, story = None, None
                    if self._stories:
                        sig = self._signature(ready)
                        if sig is not None:
                            match = clusters.find_story(conn, sig, site=fields["site"],
                                                        mark="?")
                        story = clusters.set_story(
                            conn, version_id, match.story_id if match else None, sig,
                            mark="?", article_id=article_id)
                    conn.execute("UPDATE articles SET current_version_id = ? WHERE id = ?",
                                 (version_id, article_id))
                    result = clusters.new_result(article_id, version_id, story, match)

            urls = [(canonical, "canonical" if alias_kind == "own" else "duplicate")]
            urls += [(url, "fetched" if alias_kind == "own" else "duplicate")
                     for url in fetched if url != canonical]
            if diverged_from is not None:
                conn.executemany(
                    "UPDATE article_urls SET article_id = ?, kind = ?, capture_id = ?, "
                    "added_at = ? WHERE url = ? AND kind = 'duplicate' AND article_id = ?",
                    [(article_id, kind, capture_id, now, url, diverged_from)
                     for url, kind in urls])
            conn.executemany(
                "INSERT INTO article_urls (url, article_id, kind, capture_id, added_at) "
                "VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING",
                [(url, article_id, kind, capture_id, now) for url, kind in urls])
            conn.execute(
                "UPDATE captures SET article_id = ?, version_id = ?, page_kind = 'article', "
                "reason = NULL WHERE id = ?", (article_id, result.version_id, capture_id))
        result.extra.setdefault("content_hash", digest)
        return result

    @staticmethod
    def _find_for_store(conn: sqlite3.Connection, canonical: str,
                        fetched: list[str]) -> tuple[sqlite3.Row, str] | None:
        """The article a page belongs to and how it was found: "own" (its canonical URL or an
        alias of its own) or "duplicate" (a URL whose page once carried its content)."""
        row = conn.execute(_ARTICLE_STATE + " WHERE a.canonical_url = ?", (canonical,)).fetchone()
        if row is not None:
            return row, "own"
        for url in dict.fromkeys([canonical, *fetched]):   # the fetched URL is often canonical
            alias = conn.execute("SELECT article_id, kind FROM article_urls WHERE url = ?",
                                 (url,)).fetchone()
            if alias is not None:
                row = conn.execute(_ARTICLE_STATE + " WHERE a.id = ?",
                                   (alias["article_id"],)).fetchone()
                if row is not None:
                    return row, "duplicate" if alias["kind"] == "duplicate" else "own"
        return None

    def _content_stored(self, digest: str) -> bool:
        # an index probe (versions_content_hash), ~10 us against ~1 ms of signature and stems
        return self._conn.execute("SELECT 1 FROM versions WHERE content_hash = ? LIMIT 1",
                                  (digest,)).fetchone() is not None

    def _body_words(self, body: str, language: str | None) -> list[str]:
        # folded and split once for the signature and the search trigger's stems of the body,
        # which stemming.analyse keeps for the trigger's call
        return stemming.analyse(body, language)

    def _insert_version(self, conn: sqlite3.Connection, article_id: int, version_no: int,
                        digest: str, capture_id: int, run_id: int, extractor_version: str,
                        now: str, fields: dict[str, Any]) -> int:
        values = [article_id, version_no, digest, capture_id, run_id, extractor_version, now,
                  *version_values(fields)]
        cur = conn.execute(_INSERT_VERSION_STORY if self._stories else _INSERT_VERSION, values)
        return int(cur.lastrowid or 0)

    def _article_id_by_url(self, url: str) -> int | None:
        """An article by its canonical URL, else by any alias URL (tracking variant, redirect
        source, duplicate copy)."""
        row = self._conn.execute("SELECT id FROM articles WHERE canonical_url = ?",
                                 (url,)).fetchone()
        if row is None:
            row = self._conn.execute("SELECT article_id AS id FROM article_urls WHERE url = ?",
                                     (url,)).fetchone()
        return int(row["id"]) if row else None

    def _article_id(self, id_or_url: int | str) -> int | None:
        """An id, a digit string (a CLI argument), a canonical URL or an alias URL."""
        if isinstance(id_or_url, int) and not isinstance(id_or_url, bool):
            return id_or_url
        text = str(id_or_url)
        return int(text) if text.isdigit() else self._article_id_by_url(text)

    def get_article(self, id_or_url: int | str) -> dict[str, Any] | None:
        article_id = self._article_id(id_or_url)
        if article_id is None:
            return None
        row = self._conn.execute(_ARTICLE_SELECT + " WHERE a.id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        article = {"id": row["article_id"], **_export(row), "story_id": row["story_id"],
                   "capture": _capture_of(row)}
        count = self._conn.execute("SELECT COUNT(*) FROM versions WHERE article_id = ?",
                                   (article_id,)).fetchone()[0]
        article.update({
            "body_blocks": _decode("body_blocks", row["body_blocks"]),
            "word_count": row["word_count"],
            "version_no": row["version_no"],
            "versions_count": int(count),
            "first_seen": row["first_seen"],
            "last_seen": row["last_seen"],
        })
        return article

    def versions(self, article_id: int) -> list[dict[str, Any]]:
        rows = self._conn.execute(_VERSION_SELECT + " WHERE v.article_id = ? ORDER BY v.version_no",
                                  (article_id,))
        return [version_of(row) for row in rows]

    def iter_articles(self) -> Iterator[dict[str, Any]]:
        cur = self._conn.execute(_ARTICLE_SELECT + " ORDER BY a.id")
        while batch := cur.fetchmany(500):
            for row in batch:
                yield {"id": row["article_id"], **_export(row), "story_id": row["story_id"],
                       "capture": _capture_of(row)}

    def reindex_search(self) -> int:
        with self._write() as conn:
            conn.execute("DELETE FROM article_search")
            conn.execute(migrations.fill_search())
            return int(conn.execute("SELECT count(*) FROM article_search").fetchone()[0])

    def reindex_stories(self) -> int:
        with self._write() as conn:
            done = 0
            for done in clusters.assign_all(conn, mark="?"):
                pass
            return done

    def story(self, article_id: int) -> dict[str, Any] | None:
        return clusters.story_members(self._conn, article_id, mark="?")

    def hold_versions(self, run_id: int, fields: Sequence[str]) -> int:
        if not fields:
            return 0
        with self._write() as conn:
            return hold_versions_on(conn, run_id, fields, "?")

    def mark_unchanged(self, capture_id: int, url: str, *, run_id: int) -> StoreResult | None:
        """A conditional re-fetch answered 304: link the capture to the article's current
        version (outcome "unchanged"); None when `url` is no known article."""
        article_id = self._article_id_by_url(url)
        if article_id is None:
            return None
        with self._write() as conn:
            row = conn.execute("SELECT current_version_id, last_run_id FROM articles WHERE id = ?",
                               (article_id,)).fetchone()
            version_id = int(row["current_version_id"])
            conn.execute("UPDATE captures SET article_id = ?, version_id = ?, page_kind = 'article', "
                         "reason = 'not modified' WHERE id = ?", (article_id, version_id, capture_id))
            conn.execute("UPDATE articles SET last_seen = MAX(last_seen, (SELECT fetched_at FROM "
                         "captures WHERE id = ?)), last_run_id = ? WHERE id = ?",
                         (capture_id, run_id, article_id))
        outcome: Outcome = "duplicate" if row["last_run_id"] == run_id else "unchanged"
        return StoreResult(outcome, article_id, version_id)

    def add_alias(self, url: str, of_url: str, *, capture_id: int | None = None) -> int | None:
        if url == of_url:
            return None
        article_id = self._article_id_by_url(of_url)
        if article_id is None:
            return None
        with self._write() as conn:
            conn.execute(
                "INSERT INTO article_urls (url, article_id, kind, capture_id, added_at) "
                "VALUES (?, ?, 'fetched', ?, ?) ON CONFLICT (url) DO NOTHING",
                (url, article_id, capture_id, self._clock()))
        return article_id

    def article_seen(self, url: str) -> dict[str, Any] | None:
        article_id = self._article_id_by_url(url)
        if article_id is None:
            return None
        row = self._conn.execute(
            "SELECT a.id, a.canonical_url, a.first_seen, a.last_seen, v.content_hash, "
            "v.version_no FROM articles a JOIN versions v ON v.id = a.current_version_id "
            "WHERE a.id = ?", (article_id,)).fetchone()
        if row is None:
            return None
        last = self._conn.execute(
            f"SELECT {_CAPTURE_COLUMNS} FROM captures WHERE article_id = ? "
            "ORDER BY fetched_at DESC, id DESC LIMIT 1", (article_id,)).fetchone()
        return {"article_id": row["id"], "canonical_url": row["canonical_url"],
                "first_seen": row["first_seen"], "last_seen": row["last_seen"],
                "content_hash": row["content_hash"], "versions_count": row["version_no"],
                "last_capture": dict(last) if last else None}

    def counts(self) -> dict[str, int]:
        row = self._conn.execute(
            "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM versions), "
            "(SELECT COUNT(*) FROM captures), (SELECT COUNT(*) FROM runs)").fetchone()
        return {"articles": row[0], "versions": row[1], "captures": row[2], "runs": row[3]}

    # --- reading room and maintenance -------------------------------------------------------
    @property
    def connection(self) -> sqlite3.Connection:
        """The open connection, for SQLite-specific readers (archive.search's FTS5 queries).
        Read from it; writes go through the methods above."""
        return self._conn

    def captures_for_article(self, article_id: int) -> list[dict[str, Any]]:
        return [dict(row) for row in self._conn.execute(
            f"SELECT {_CAPTURE_COLUMNS} FROM captures WHERE article_id = ? "
            "ORDER BY fetched_at, id", (article_id,))]

    def article_urls(self, article_id: int) -> list[dict[str, Any]]:
        return [dict(row) for row in self._conn.execute(
            "SELECT url, kind, added_at, capture_id FROM article_urls WHERE article_id = ? "
            "ORDER BY added_at, kind, url", (article_id,))]

    def iter_versions(self, *, article_ids: Sequence[int] | None = None,
                      current_only: bool = False) -> Iterator[dict[str, Any]]:
        base = _VERSION_SELECT
        if current_only:
            base += " JOIN articles a ON a.current_version_id = v.id"
        order = " ORDER BY v.article_id, v.version_no"
        if article_ids is None:
            batches: Iterator[list[Any]] = iter([[]])
        else:
            ids = list(article_ids)
            # bounded IN lists: SQLite limits the number of host parameters per statement
            batches = (ids[i:i + 500] for i in range(0, len(ids), 500)) if ids else iter(())
        for batch in batches:
            sql = base + (f" WHERE v.article_id IN ({', '.join('?' * len(batch))})"
                          if article_ids is not None else "") + order
            cur = self._conn.execute(sql, batch)
            while rows := cur.fetchmany(500):
                for row in rows:
                    yield version_of(row)

    def reextract_candidates(self, *, sites: Sequence[str] | None = None) -> list[dict[str, Any]]:
        columns = ", ".join(f"c.{name.strip()}" for name in _CAPTURE_COLUMNS.split(","))
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
            sql += f" AND r.site IN ({', '.join('?' * len(sites))})"
            params.extend(sites)
        return [dict(row) for row in self._conn.execute(sql + " ORDER BY c.fetched_at, c.id",
                                                        params)]
