"""`newsarchive export`: the archived articles as JSON lines, CSV or Parquet (docs/EXPORT.md)."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from newsarchive.commands.common import (EXIT_OK, EXIT_USAGE, CliError, add_archive_option,
                                         require_archive)
from newsarchive.commands.search import QUERY_HELP, add_filter_options, filter_kwargs


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "export", help="export the archived articles (JSONL, CSV, Parquet)",
        description="Write one record per article (its current version), or per version "
                    "with --versions: the article fields (each image with the WARC record "
                    "holding its bytes, or null when not archived) and the capture (WARC "
                    "file, offset, length, record id, time, digest). Filters select articles "
                    "by their current version; --versions then writes every version of each. "
                    "Schema: docs/EXPORT.md.")
    add_archive_option(parser)
    parser.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl",
                        help="output format (default jsonl; parquet needs -o)")
    parser.add_argument("-o", "--output", metavar="FILE",
                        help="write to FILE instead of standard output")
    parser.add_argument("--versions", action="store_true",
                        help="one row per version (adds article_id, version_no, content_hash, "
                             "extractor_version, created_at)")
    add_filter_options(parser)
    parser.add_argument("--query", metavar="QUERY",
                        help="only articles matching this full-text query (" + QUERY_HELP + ")")
    return parser


def run(args: argparse.Namespace) -> int:
    from archive.export import write_csv, write_jsonl, write_parquet
    from archive.images import with_image_captures
    from archive.search import Filters, QueryError, matching_article_ids
    from archive.store import open_store

    if args.format == "parquet" and not args.output:
        raise CliError("--format parquet writes a binary file: give -o FILE", exit_code=EXIT_USAGE)
    filters = Filters(**filter_kwargs(args))
    require_archive(args.archive, args.db)
    selected = args.query is not None or filters != Filters()
    with open_store(args.archive, readonly=True, db=args.db) as store:
        try:
            ids = matching_article_ids(store, args.query, filters=filters) if selected else None
        except QueryError as error:
            raise CliError(str(error), exit_code=EXIT_USAGE) from error
        if ids is None and not args.versions:
            rows = store.iter_articles()
        else:
            rows = store.iter_versions(article_ids=ids, current_only=not args.versions)
        # each image with the WARC record holding its bytes (or null): archive/images.py
        rows = with_image_captures(store, rows)
        what = "versions" if args.versions else "articles"
        if args.format == "parquet":
            try:
                count = write_parquet(rows, args.output, versions=args.versions)
            except ImportError as error:
                raise CliError(f"parquet export needs pyarrow ({error}): "
                               "pip install pyarrow") from error
        elif args.output:
            with open(args.output, "w", encoding="utf-8", newline="") as out:
                count = (write_csv if args.format == "csv" else write_jsonl)(
                    rows, out, versions=args.versions)
        else:
            if args.format == "csv":
                sys.stdout.reconfigure(newline="")  # type: ignore[union-attr]
            count = (write_csv if args.format == "csv" else write_jsonl)(
                rows, sys.stdout, versions=args.versions)
    if args.output:
        print(f"exported {count} {what} to {args.output}", file=sys.stderr)
    return EXIT_OK
