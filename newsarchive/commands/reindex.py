"""`newsarchive reindex`: rebuild the search index and the story clusters of an archive."""
from __future__ import annotations

import argparse
import time
from typing import Any

from newsarchive.commands.common import EXIT_OK, add_archive_option, require_archive

PARTS = ("all", "search", "stories")


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "reindex", help="rebuild the full-text search index and the story clusters",
        description="Rebuild the full-text search index from the current version of every "
                    "article, in one transaction (searches see the old index until it commits). "
                    "An upgrade that changes how "
                    "search matches words re-indexes by itself when the archive is next opened "
                    "for writing; run this after changing the text of articles by hand, or to "
                    "check that the index matches the records. Then recompute the story of "
                    "every version (near-duplicate texts on several sites or URLs, "
                    "docs/STORIES.md), oldest article first, also in one transaction: run it "
                    "once after upgrading an archive made before stories existed, whose "
                    "versions have one story per article until then.")
    parser.add_argument("--only", choices=PARTS[1:], metavar="PART",
                        help="rebuild only this part: search or stories (default: both)")
    add_archive_option(parser)
    return parser


def run(args: argparse.Namespace) -> int:
    from archive.store import open_store

    require_archive(args.archive, args.db)
    with open_store(args.archive, db=args.db) as store:
        if args.only in (None, "search"):
            started = time.monotonic()
            print("re-indexing every current article version for search ...", flush=True)
            indexed = store.reindex_search()
            print(f"indexed {indexed:,} articles in {time.monotonic() - started:.1f} s")
        if args.only in (None, "stories"):
            started = time.monotonic()
            print("clustering every version into stories ...", flush=True)
            versions = store.reindex_stories()
            print(f"assigned {versions:,} versions to stories in "
                  f"{time.monotonic() - started:.1f} s")
    return EXIT_OK
