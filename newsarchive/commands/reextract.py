"""`newsarchive reextract`: rebuild article records from the archived WARC records."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from newsarchive.commands.common import (EXIT_FAILED, EXIT_OK, add_archive_option, at_least,
                                         require_archive)


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "reextract", help="re-extract articles from the WARC files (no re-crawl)",
        description="Run the current extractor again over archived pages, reading them from "
                    "the WARC files: every article page fetched at or after the one that made "
                    "its article's current version, and every HTML page that failed extraction "
                    "or validation before. A new version is stored only where the fields really "
                    "changed (the content hash decides), marked with the extractor version that "
                    "made it. Prints a summary and records it as a run (site reextract:SITE).")
    add_archive_option(parser)
    parser.add_argument("--site", metavar="SITE",
                        help="only pages fetched by crawls (or imports) of this site, as named "
                             "in `newsarchive runs` (e.g. demo)")
    parser.add_argument("--jobs", type=at_least(1), metavar="N",
                        help="extraction processes (default: one per CPU core)")
    return parser


def run(args: argparse.Namespace) -> int:
    from crawler.reextract import format_report, reextract

    require_archive(args.archive, args.db)
    report = reextract(args.archive, site=args.site, workers=args.jobs, db=args.db)
    print(format_report(report))
    if report.status != "ok":
        print(f"newsarchive: error: {report.tally.errors['warc_unreadable']} archived pages could "
              "not be read from their WARC files", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
