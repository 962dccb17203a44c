"""`newsarchive import-warc FILE...`: ingest WARC files written by other tools."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from newsarchive.commands.common import (EXIT_FAILED, EXIT_OK, add_archive_option, at_least,
                                         CliError)


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "import-warc", help="import WARC files written by other tools (wget, warcio, ...)",
        description="Copy WARC files (.warc or .warc.gz, e.g. from `wget --warc-file`) into "
                    "ARCHIVE/warcs/imported/, record every response as a capture, and run "
                    "the HTML pages through extraction, validation and storage as a crawl "
                    "would: pages at article URLs (the profile's pattern with --site, else "
                    "the profile-less crawl's URL heuristic) that validate as articles become "
                    "(versions of) articles. "
                    "Recorded as a run of site import:SITE. Importing a file again changes "
                    "nothing.")
    parser.add_argument("files", metavar="FILE", nargs="+", type=Path, help="WARC files")
    add_archive_option(parser)
    parser.add_argument("--site", metavar="NAME",
                        help="the site the files are from: a site-profile name (e.g. demo) "
                             "extracts with that profile and takes only its article URLs; "
                             "any other name just labels the run (default: no profile)")
    parser.add_argument("--jobs", type=at_least(1), metavar="N",
                        help="extraction processes (default: one per CPU core)")
    return parser


def run(args: argparse.Namespace) -> int:
    from crawler.importer import WarcImportError, import_warcs
    from crawler.reextract import format_report

    try:
        report, files = import_warcs(list(args.files), archive_dir=args.archive, site=args.site,
                                     workers=args.jobs, db=args.db)
    except WarcImportError as error:
        raise CliError(str(error)) from error
    for info in files:
        skipped = ", ".join(f"{kind} {count}" for kind, count in sorted(info.skipped.items()))
        print(f"{info.source} -> {info.stored}: {info.records} records, {info.captures} "
              f"captures" + (f" (skipped: {skipped})" if skipped else ""))
    print(format_report(report, verb="extracted"))
    if report.status != "ok":
        print("newsarchive: error: some imported pages could not be read back from their WARC "
              "records", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
