"""`newsarchive export`: the archived articles as JSON lines."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from newsarchive.commands.common import EXIT_OK, add_archive_option, require_archive


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "export", help="export the archived articles (current versions)",
        description="Write one record per article (its current version): the article fields "
                    "and the capture (WARC file, offset, length, record id, time, digest). "
                    "Schema: docs/EXPORT.md.")
    add_archive_option(parser)
    parser.add_argument("--format", choices=["jsonl"], default="jsonl", help="output format (default jsonl)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    return parser


def run(args: argparse.Namespace) -> int:
    from archive.export import write_jsonl
    from archive.store import open_store

    require_archive(args.archive)
    with open_store(args.archive, readonly=True) as store:
        if args.output:
            with open(args.output, "w", encoding="utf-8") as out:
                count = write_jsonl(store.iter_articles(), out)
            print(f"exported {count} articles to {args.output}", file=sys.stderr)
        else:
            write_jsonl(store.iter_articles(), sys.stdout)
    return EXIT_OK
