"""Copy an SQLite archive's records into PostgreSQL (`newsarchive migrate --to URL`).

Every table of the records store is copied with its ids, so every reference (a version's
capture, a capture's WARC position, an alias's article) holds as it did; the WARC files stay
where they are and captures keep naming them. The target is migrated to the current schema
first (archive/store/postgres_migrations.py) and its full-text index fills itself through the
search trigger as articles get their current version.

Resumable: tables are copied one by one in key order, in committed chunks of CHUNK_ROWS rows;
a run resumes each table after the largest key already in the target, so a killed migrate run
again continues and copies nothing twice. Columns that point "forward" (an article's current
version, a capture's article and version: PostgreSQL has no deferred checks on these foreign
keys) and columns a crawl updates later (a run's status and summary, an article's last sighting,
a capture's classification) are set in a second pass that only touches rows that differ.

Verified at the end: row counts per table, and a SHA-256 over every column of every row in key
order, per table, computed on both sides (so every version's content hash, fields, capture
reference, story and story signature are compared, not just counted).

The story index (story_bands: the LSH band keys of each version's story signature) is derived
data, as the search index is: it is not copied but computed in the target from the copied
signatures (story_signatures), resumably (versions after the last one indexed), and its row
count compared.

Refuses (MigrateRefused) a target that holds records not from this archive: more rows, or rows
whose identity (a run's site and start time, an article's canonical URL, a capture's WARC
record id, a version's article, number and content hash) differs from the source row with the
same key, or an alias URL the source does not have.
"""
from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive.exceptions import StoreError
from archive.store import migrations

# Rows per committed chunk: a kill loses at most one chunk of work, and 500 versions (bodies
# of a few KB each) keep one transaction to a few MB.
CHUNK_ROWS = 500
# pg_try_advisory_lock key held by a migrate run (the ASCII bytes of "namigcpy"), so two
# migrate runs into one database never interleave their chunks.
MIGRATE_LOCK_KEY = 0x6E61_6D69_6763_7079


@dataclass(frozen=True, slots=True)
class Table:
    """How one table is copied: its key, the columns set in the second pass (forward
    references and columns a crawl updates), and the columns that identify a row."""

    name: str
    key: str
    later: tuple[str, ...] = ()
    identity: tuple[str, ...] = ()
    forward: tuple[str, ...] = ()  # `later` columns inserted as NULL: their rows come later


# In dependency order: each table's references point at tables copied before it, except the
# `later` columns.
TABLES: tuple[Table, ...] = (
    Table("runs", "id", later=("finished_at", "status", "exit_code", "summary", "health"),
          identity=("site", "started_at")),
    Table("articles", "id", later=("last_seen", "current_version_id", "last_run_id"),
          identity=("canonical_url",), forward=("current_version_id",)),
    Table("captures", "id", later=("page_kind", "reason", "article_id", "version_id"),
          identity=("record_id",), forward=("version_id",)),
    Table("versions", "id", identity=("article_id", "version_no", "content_hash")),
    # an alias can move to another article (a copy that diverged): its URL is its identity
    Table("article_urls", "url", later=("article_id", "kind", "capture_id", "added_at"),
          identity=("url",)),
    # URLs waiting for the next run of their site (a URL a later run fetched is gone from the
    # source; a copy made before that keeps it until the target's next run of the site)
    Table("backlog", "id", identity=("site", "url")),
    # import-warc's per-file status: a file imported before the copy is skipped after it
    Table("import_files", "sha256", identity=("sha256",),
          later=("source_path", "stored_path", "size", "status", "committed_offset", "counts",
                 "settings", "run_id", "started_at", "finished_at", "error")),
    # each version's story signature (docs/STORIES.md); its story moves with `reindex`
    Table("story_signatures", "version_id", later=("story_id", "signature"),
          identity=("version_id", "article_id")),
)


class MigrateError(StoreError):
    """The copy could not be made (source or target unreadable, a database error)."""


class MigrateRefused(MigrateError):
    """The target holds records that are not from this archive (or another migrate runs)."""


@dataclass(slots=True)
class TableReport:
    name: str
    source_rows: int = 0
    target_rows: int = 0
    copied: int = 0         # rows inserted by this run
    updated: int = 0        # rows whose `later` columns this run set
    equal: bool = False     # counts and the content digest agree


@dataclass(slots=True)
class MigrateReport:
    tables: list[TableReport] = field(default_factory=list)

    @property
    def verified(self) -> bool:
        return all(table.equal for table in self.tables)

    @property
    def copied(self) -> int:
        return sum(table.copied for table in self.tables)

    def verdict(self) -> str:
        """One line: what was compared and whether it matched."""
        counts = ", ".join(f"{t.name} {t.source_rows}" for t in self.tables)
        if self.verified:
            return f"verified: {counts} (counts and content hashes equal)"
        bad = ", ".join(f"{t.name} (source {t.source_rows} rows, target {t.target_rows})"
                        for t in self.tables if not t.equal)
        return f"MISMATCH after copy: {bad} differ from the SQLite archive"


# progress(table name, rows done, rows in the source): called after each committed chunk
Progress = Callable[[str, int, int], None]


def migrate_archive(sqlite_path: str | Path, target_url: str, *, chunk_rows: int = CHUNK_ROWS,
                    progress: Progress | None = None) -> MigrateReport:
    """Copy the records of the SQLite file `sqlite_path` into the PostgreSQL database at
    `target_url` (see the module docstring); return what was copied and verified."""
    import psycopg

    from archive.store.postgres import PostgresStore, redact

    if chunk_rows < 1:
        raise ValueError(f"chunk_rows must be 1 or more, not {chunk_rows}")
    source = _open_source(Path(sqlite_path))
    where = redact(target_url)
    try:
        PostgresStore(target_url).close()  # creates or upgrades the target's schema
        with psycopg.connect(target_url, autocommit=True) as target:
            locked = target.execute("SELECT pg_try_advisory_lock(%s)",
                                    (MIGRATE_LOCK_KEY,)).fetchone()[0]
            if not locked:
                raise MigrateRefused(f"another migrate is copying into {where}: wait for it")
            columns = {table.name: _columns(source, target, table) for table in TABLES}
            for table in TABLES:
                _check_foreign(source, target, table, where)
            report = MigrateReport([TableReport(table.name) for table in TABLES])
            for table, entry in zip(TABLES, report.tables):
                entry.copied = _copy(source, target, table, columns[table.name], chunk_rows,
                                     progress)
            for table, entry in zip(TABLES, report.tables):
                if table.later:
                    entry.updated = _update_later(source, target, table, chunk_rows, progress)
            _advance_sequences(target)
            bands = _fill_story_bands(source, target, chunk_rows, progress)
            for table, entry in zip(TABLES, report.tables):
                _verify(source, target, table, columns[table.name], entry)
            report.tables.append(bands)
    except psycopg.Error as exc:
        raise MigrateError(f"records database at {where}: {' '.join(str(exc).split())}") \
            from exc
    finally:
        source.close()
    return report


def _open_source(path: Path) -> sqlite3.Connection:
    if not path.is_file():
        raise MigrateError(f"no archive database at {path}")
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True)
    migrations.check_readable(conn, where=str(path))
    return conn


def _columns(source: sqlite3.Connection, target: Any, table: Table) -> list[str]:
    """The source table's columns (all of which the target has: same schema, two dialects)."""
    names = [row[1] for row in source.execute(f"PRAGMA table_info({table.name})")]
    have = {row[0] for row in target.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s "
        "AND table_schema = current_schema()", (table.name,))}
    missing = [name for name in names if name not in have]
    if missing:
        raise MigrateError(f"the PostgreSQL {table.name} table lacks {', '.join(missing)}: "
                           "upgrade newsarchive")
    return names


def _check_foreign(source: sqlite3.Connection, target: Any, table: Table, where: str) -> None:
    """Refuse a target whose rows are not (a prefix of) this archive's: compare the first and
    last target rows' identity with the source rows of the same key, and the row counts."""
    count = target.execute(f"SELECT COUNT(*) FROM {table.name}").fetchone()[0]
    if not count:
        return
    source_count = source.execute(f"SELECT COUNT(*) FROM {table.name}").fetchone()[0]
    columns = ", ".join(table.identity)
    wrong = count > source_count
    for order in ("ASC", "DESC"):
        if wrong:
            break
        key, *theirs = target.execute(
            f"SELECT {table.key}, {columns} FROM {table.name} ORDER BY {table.key} {order} "
            "LIMIT 1").fetchone()
        ours = source.execute(f"SELECT {columns} FROM {table.name} WHERE {table.key} = ?",
                              (key,)).fetchone()
        wrong = ours is None or list(ours) != list(theirs)
    if wrong:
        raise MigrateRefused(
            f"{where} already holds {table.name} rows that are not from this archive "
            f"({count} there): migrate into an empty database, or the one this archive was "
            "migrated into before")


def _copy(source: sqlite3.Connection, target: Any, table: Table, columns: list[str],
          chunk_rows: int, progress: Progress | None) -> int:
    """Insert the source rows after the target's largest key, chunk by chunk (one committed
    transaction each); `later` columns go in as NULL (set by _update_later)."""
    total = source.execute(f"SELECT COUNT(*) FROM {table.name}").fetchone()[0]
    last = target.execute(f"SELECT MAX({table.key}) FROM {table.name}").fetchone()[0]
    done = target.execute(f"SELECT COUNT(*) FROM {table.name}").fetchone()[0]
    selected = ", ".join("NULL" if name in table.forward else name for name in columns)
    insert = (f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES "
              f"({', '.join(['%s'] * len(columns))})")
    copied = 0
    while True:
        if last is None:
            rows = source.execute(f"SELECT {selected} FROM {table.name} ORDER BY {table.key} "
                                  "LIMIT ?", (chunk_rows,)).fetchall()
        else:
            rows = source.execute(f"SELECT {selected} FROM {table.name} WHERE {table.key} > ? "
                                  f"ORDER BY {table.key} LIMIT ?", (last, chunk_rows)).fetchall()
        if not rows:
            return copied
        with target.transaction(), target.cursor() as cur:
            cur.executemany(insert, rows)
        last = rows[-1][columns.index(table.key)]
        copied += len(rows)
        done += len(rows)
        if progress is not None:
            progress(table.name, done, total)


def _update_later(source: sqlite3.Connection, target: Any, table: Table, chunk_rows: int,
                  progress: Progress | None) -> int:
    """Set the `later` columns from the source where the target differs, chunk by chunk."""
    columns = ", ".join(table.later)
    sets = ", ".join(f"{name} = %s" for name in table.later)
    differs = " OR ".join(f"{name} IS DISTINCT FROM %s" for name in table.later)
    update = f"UPDATE {table.name} SET {sets} WHERE {table.key} = %s AND ({differs})"
    total = source.execute(f"SELECT COUNT(*) FROM {table.name}").fetchone()[0]
    cursor = source.execute(f"SELECT {table.key}, {columns} FROM {table.name} "
                            f"ORDER BY {table.key}")
    updated = done = 0
    while rows := cursor.fetchmany(chunk_rows):
        with target.transaction(), target.cursor() as cur:
            cur.executemany(update, [[*values, key, *values] for key, *values in rows])
            updated += max(cur.rowcount, 0)
        done += len(rows)
        if progress is not None:
            progress(f"{table.name} (references and run state)", done, total)
    return updated


def _advance_sequences(target: Any) -> None:
    """Rows inserted with their ids leave the identity sequences behind: the next crawl into
    the target must get ids after the copied ones."""
    for table in TABLES:
        if table.key != "id":
            continue
        target.execute(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table.name}), 0) + 1, false)")


def _fill_story_bands(source: sqlite3.Connection, target: Any, chunk_rows: int,
                      progress: Progress | None) -> TableReport:
    """Index the band keys of every copied story signature after the last version indexed
    (a version's keys are committed together), in committed chunks of versions; compared
    with the source by row count (see the module docstring)."""
    from archive import stories

    entry = TableReport("story_bands")
    total = target.execute("SELECT COUNT(*) FROM story_signatures").fetchone()[0]
    last = target.execute("SELECT COALESCE(MAX(version_id), 0) FROM story_bands").fetchone()[0]
    done = target.execute("SELECT COUNT(*) FROM story_signatures WHERE version_id <= %s",
                          (last,)).fetchone()[0]
    while rows := target.execute(
            "SELECT version_id, signature FROM story_signatures WHERE version_id > %s "
            "ORDER BY version_id LIMIT %s", (last, chunk_rows)).fetchall():
        with target.transaction(), target.cursor() as cur:
            cur.executemany(
                "INSERT INTO story_bands (band_key, version_id) VALUES (%s, %s) "
                "ON CONFLICT DO NOTHING",
                [(key, version_id) for version_id, signature in rows
                 for key in stories.band_keys(stories.from_bytes(bytes(signature)))])
            entry.copied += max(cur.rowcount, 0)
        last = rows[-1][0]
        done += len(rows)
        if progress is not None:
            progress("story_bands (story index)", done, total)
    entry.source_rows = source.execute("SELECT COUNT(*) FROM story_bands").fetchone()[0]
    entry.target_rows = target.execute("SELECT COUNT(*) FROM story_bands").fetchone()[0]
    entry.equal = entry.source_rows == entry.target_rows
    return entry


def _digest(rows: Iterable[Iterable[Any]]) -> str:
    """SHA-256 over rows as JSON (ints, text and NULLs read the same from both databases;
    BLOB and bytea, the story signatures, as hex)."""
    digest = hashlib.sha256()
    for row in rows:
        digest.update(json.dumps(list(row), ensure_ascii=False, default=_hex).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def _hex(value: Any) -> str:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value).hex()
    raise TypeError(f"{type(value).__name__} is not a column type of the records store")


def _verify(source: sqlite3.Connection, target: Any, table: Table, columns: list[str],
            entry: TableReport) -> None:
    entry.source_rows = source.execute(f"SELECT COUNT(*) FROM {table.name}").fetchone()[0]
    entry.target_rows = target.execute(f"SELECT COUNT(*) FROM {table.name}").fetchone()[0]
    select = f"SELECT {', '.join(columns)} FROM {table.name} ORDER BY {table.key}"
    ours = _digest(_batched(source.execute(select)))
    with target.transaction(), target.cursor(name=f"verify_{table.name}") as cur:
        cur.itersize = CHUNK_ROWS
        cur.execute(select)
        theirs = _digest(cur)
    entry.equal = entry.source_rows == entry.target_rows and ours == theirs


def _batched(cursor: sqlite3.Cursor) -> Iterable[tuple[Any, ...]]:
    while rows := cursor.fetchmany(CHUNK_ROWS):
        yield from rows
