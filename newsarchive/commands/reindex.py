"""`newsarchive reindex`: rebuild the search index of an archive."""
from __future__ import annotations

import argparse
import time
from typing import Any

from newsarchive.commands.common import EXIT_OK, add_archive_option, require_archive


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "reindex", help="rebuild the full-text search index",
        description="Rebuild the full-text search index from the current version of every "
                    "article, in one transaction (searches see the old index until it commits). "
                    "An upgrade that changes how "
                    "search matches words re-indexes by itself when the archive is next opened "
                    "for writing; run this after changing the text of articles by hand, or to "
                    "check that the index matches the records.")
    add_archive_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from archive.store import open_store

    require_archive(args.archive, args.db)
    started = time.monotonic()
    print("re-indexing every current article version for search ...", flush=True)
    with open_store(args.archive, db=args.db) as store:
        indexed = store.reindex_search()
    print(f"indexed {indexed:,} articles in {time.monotonic() - started:.1f} s")
    return EXIT_OK
