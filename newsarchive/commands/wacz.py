"""`newsarchive wacz`: package a crawl (or a selection of it) as a WACZ file for
ReplayWeb.page and other web-archive players, validated before it is reported done."""
from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from newsarchive.commands.common import EXIT_OK, EXIT_USAGE, CliError, add_archive_option, require_archive


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "wacz", help="package WARC files and their article pages as a WACZ file",
        description="Write a WACZ (Web Archive Collection Zipped) holding the archive's "
                    "finished WARC files, their CDXJ index and a pages.jsonl listing every "
                    "archived article page with its title, then check it with the py-wacz "
                    "validator. Open the file in ReplayWeb.page (replayweb.page, or its "
                    "desktop app) to browse the pages as captured.",
        epilog="Example: newsarchive wacz --site demo -o demo.wacz")
    add_archive_option(parser)
    parser.add_argument("-o", "--output", metavar="FILE.wacz", type=Path, required=True,
                        help="the WACZ file to write (replaced if it exists)")
    parser.add_argument("--site", action="append", default=[], metavar="SITE",
                        help="only the WARC files of this site (its folder under warcs/); "
                             "repeat for several")
    parser.add_argument("--run", dest="runs", action="append", default=[], type=int,
                        metavar="RUN_ID",
                        help="only the WARC files holding captures of this crawl run "
                             "(see `newsarchive runs`), with those holding the responses its "
                             "revisit records refer to (a stylesheet or picture an earlier run "
                             "archived); repeat for several")
    parser.add_argument("--title", help="collection title shown by players "
                                        "(default 'newsarchive crawl')")
    parser.add_argument("--desc", help="collection description")
    return parser


def run(args: argparse.Namespace) -> int:
    from archive.wacz import WaczError, create_wacz, validate_wacz

    if args.output.suffix != ".wacz":
        raise CliError(f"the output file must end in .wacz, not {args.output.name!r}",
                       exit_code=EXIT_USAGE)
    require_archive(args.archive, args.db)
    try:
        summary = create_wacz(args.archive, args.output, sites=args.site, runs=args.runs,
                              title=args.title, description=args.desc, db=args.db)
    except WaczError as exc:
        raise CliError(str(exc)) from None
    valid, message = validate_wacz(summary.path)
    if not valid:
        raise CliError(f"{summary.path} was written but does not validate: {message}")
    print(f"wrote {summary.path} ({summary.size:,} bytes): {len(summary.warcs)} WARC "
          f"file{'s' if len(summary.warcs) != 1 else ''}, {summary.pages} article pages; "
          f"validated")
    for warning in summary.warnings:
        print(f"  warning: {warning}")
    return EXIT_OK
