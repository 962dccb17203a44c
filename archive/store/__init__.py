"""The records store: captures, articles, versions and crawl runs of one archive.

`open_store(archive_dir)` opens the default backend, the SQLite file
`<archive_dir>/records.sqlite3`; `open_store(archive_dir, db="postgresql://...")` opens a
PostgreSQL database instead (the WARC files stay under archive_dir either way). Callers use the
`Store` interface and never write SQL.
"""
from __future__ import annotations

from pathlib import Path

from archive.exceptions import StoreError
from archive.store.base import Store
from archive.store.sqlite import SQLiteStore

__all__ = ["DB_FILENAME", "SQLiteStore", "Store", "StoreError", "is_postgres_url", "open_store"]

DB_FILENAME = "records.sqlite3"
_POSTGRES_SCHEMES = ("postgresql://", "postgres://")


def is_postgres_url(db: str | None) -> bool:
    """Whether `db` names a PostgreSQL database (what `--db` and NEWS_DB_URL take)."""
    return bool(db) and str(db).startswith(_POSTGRES_SCHEMES)


def open_store(archive_dir: str | Path, *, readonly: bool = False, db: str | None = None) -> Store:
    """Open the records store of an archive.

    Without `db`: the SQLite file in `archive_dir`. A writer creates the directory and the
    database and migrates its schema; a reader (readonly=True: search, show, export, serve)
    never creates or changes anything and raises StoreError when there is no archive there yet.
    With `db` (a postgresql:// URL): that PostgreSQL database, migrated by a writer, checked by
    a reader, the same way.
    """
    if db:
        if not is_postgres_url(db):
            raise StoreError(f"unsupported records database {db!r}: give a postgresql:// URL "
                             "(or no --db for the SQLite file in the archive directory)")
        try:
            from archive.store.postgres import PostgresStore
        except ImportError as exc:  # psycopg is a dependency; a broken install says so here
            raise StoreError(f"PostgreSQL support needs psycopg 3 and psycopg_pool ({exc}): "
                             "pip install 'psycopg[binary]' psycopg-pool") from exc
        return PostgresStore(db, readonly=readonly)
    path = Path(archive_dir) / DB_FILENAME
    if readonly and not path.is_file():
        raise StoreError(f"no archive database at {path} (run a crawl into {archive_dir} first)")
    return SQLiteStore(path, readonly=readonly)
