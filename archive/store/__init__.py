"""The records store: captures, articles, versions and crawl runs of one archive directory.

`open_store(archive_dir)` opens the default backend, the SQLite file
`<archive_dir>/records.sqlite3`; callers use the `Store` interface and never write SQL.
"""
from __future__ import annotations

from pathlib import Path

from archive.exceptions import StoreError
from archive.store.base import Store
from archive.store.sqlite import SQLiteStore

__all__ = ["DB_FILENAME", "SQLiteStore", "Store", "StoreError", "open_store"]

DB_FILENAME = "records.sqlite3"


def open_store(archive_dir: str | Path, *, readonly: bool = False) -> Store:
    """Open the records store of an archive directory.

    A writer creates the directory and the database and migrates its schema; a reader
    (readonly=True: search, show, export, serve) never creates or changes anything and raises
    StoreError when there is no archive there yet.
    """
    path = Path(archive_dir) / DB_FILENAME
    if readonly and not path.is_file():
        raise StoreError(f"no archive database at {path} (run a crawl into {archive_dir} first)")
    return SQLiteStore(path, readonly=readonly)
