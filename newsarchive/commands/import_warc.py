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
        description="Copy WARC or ARC files (.warc, .warc.gz, .arc, .arc.gz, e.g. from `wget "
                    "--warc-file`, Heritrix or Common Crawl) into ARCHIVE/warcs/imported/: "
                    "byte for byte when every record is sound; rewritten one gzip member per "
                    "record (record bytes kept) when the file is one gzip stream, an ARC file or "
                    "holds corrupt records, which are left out and reported with their offset. "
                    "Record every response as a capture, and run "
                    "the HTML pages through extraction, validation and storage as a crawl "
                    "would: pages at article URLs (the profile's pattern with --site, else "
                    "the profile-less crawl's URL heuristic) that validate as articles become "
                    "(versions of) articles. "
                    "Recorded as a run of site import:SITE. Importing a file again changes "
                    "nothing. Exit 0 when every file was imported whole; 1 with one line per "
                    "failed file (not an archive, corrupt records) otherwise.")
    parser.add_argument("files", metavar="FILE", nargs="+", type=Path, help="WARC or ARC files")
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
        if info.stored is None:
            continue
        skipped = ", ".join(f"{kind} {count}" for kind, count in sorted(info.skipped.items()))
        note = f"; {info.rewritten}" if info.rewritten else ""
        print(f"{info.source} -> {info.stored}: {info.records} records, {info.captures} "
              f"captures" + (f" (skipped: {skipped})" if skipped else "") + note)
    print(format_report(report, verb="extracted"))
    failed = [info for info in files if info.failed]
    for info in failed:
        print(f"newsarchive: error: {info.problem()}", file=sys.stderr)
    if failed or report.status != "ok":
        if not failed:
            print("newsarchive: error: some imported pages could not be read back from their "
                  "WARC records", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK
