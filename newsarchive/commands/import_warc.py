"""`newsarchive import-warc FILE...`: ingest WARC files written by other tools."""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

if TYPE_CHECKING:
    from crawler.importer import ImportProgress

from newsarchive.commands.common import (EXIT_ALREADY_RUNNING, EXIT_FAILED, EXIT_OK, CliError,
                                         add_archive_option, at_least, check_date_options)

_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")
# crawler.importer.IMPORT_BATCH, not imported here: every command's start would load the
# extractor (tests/test_import_resume.py checks they agree)
IMPORT_BATCH = 256


def domain_name(text: str) -> str:
    """An argparse `type` for --domain: a host name (IDNs as punycode), lower case."""
    name = text.strip().lower().rstrip(".")
    try:
        name = name.encode("idna").decode("ascii")
    except UnicodeError:
        pass  # the label check below says what is wrong
    if not name or not all(_LABEL.match(label) for label in name.split(".")):
        raise argparse.ArgumentTypeError(f"not a domain name: {text!r} (e.g. example.co.uk)")
    return name


def language_code(text: str) -> str:
    """An argparse `type` for --language: a two-letter ISO 639-1 code, lower case."""
    code = text.strip().lower()
    if not re.fullmatch(r"[a-z]{2}", code):
        raise argparse.ArgumentTypeError(
            f"not a two-letter ISO 639-1 language code: {text!r} (e.g. en, ar)")
    return code


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
                    "would: every HTML page (with a profile named by --site, those at its "
                    "article URLs) is classified by its content, and those that validate as "
                    "articles become (versions of) articles; listings and other pages that are no articles are "
                    "counted and recorded as such. A file may hold many hosts (e.g. Common "
                    "Crawl's CC-NEWS): each article's site is the registered domain of its host "
                    "by the public suffix list (news.example.co.uk and www.example.co.uk -> "
                    "example.co.uk). --domain, --from and --to leave other records out "
                    "entirely (counted per reason on the file's line as skipped); --language "
                    "records pages in other languages as filtered captures, not as articles. "
                    "Recorded as a run of site import:SITE. "
                    "Files are imported in the order given, each in one pass: records are read "
                    "in batches, extracted by worker processes (--jobs) and stored a batch per "
                    "transaction together with the file's offset, so a killed import, run "
                    "again, goes on after the last stored batch and stores nothing twice. The "
                    "archive keeps each file's status by its sha256: a file imported whole "
                    "before (with the same --site and filters) is skipped and says so; with "
                    "other filters it is read again. One import at a time per archive (another "
                    "one running: exit 3). On a terminal a progress line on stderr "
                    "shows records/s, articles and the time left in the file. Exit 0 when "
                    "every file was imported whole; 1 with one line per failed file (not an "
                    "archive, corrupt records) otherwise. With --reference, files are indexed "
                    "where they lie instead of copied (for multi-GB files such as CC-NEWS's).",
        epilog="Example: ls /data/cc-news/*.warc.gz | newsarchive import-warc - "
               "--archive /srv/news/archive")
    parser.add_argument("files", metavar="FILE", nargs="+",
                        help="WARC or ARC files; - reads paths from standard input, one a line")
    add_archive_option(parser)
    parser.add_argument("--site", metavar="NAME",
                        help="the site the files are from: a site-profile name (e.g. demo) "
                             "extracts with that profile and takes only its article URLs; "
                             "any other name just labels the run (default: no profile); "
                             "articles' sites are their hosts' registered domains either way")
    parser.add_argument("--domain", dest="domains", action="append", type=domain_name,
                        metavar="DOMAIN", default=[],
                        help="only records whose host is DOMAIN or a subdomain of it "
                             "(alpha.example takes www.alpha.example and news.alpha.example); "
                             "repeatable")
    parser.add_argument("--language", dest="languages", action="append", type=language_code,
                        metavar="CODE", default=[],
                        help="only articles in this language (two-letter ISO 639-1 code, as "
                             "extracted from the page: html lang, og:locale, ...); articles in "
                             "other languages or of no known language are counted as filtered; "
                             "repeatable")
    parser.add_argument("--from", dest="date_from", metavar="DATE",
                        help="only records captured on or after DATE (WARC-Date, UTC; "
                             "YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--to", dest="date_to", metavar="DATE",
                        help="only records captured on or before DATE (inclusive: --to "
                             "2024-05-01 includes that whole day; YYYY, YYYY-MM or YYYY-MM-DD)")
    parser.add_argument("--batch-records", type=at_least(1), default=IMPORT_BATCH, metavar="N",
                        help=f"records per committed batch (default {IMPORT_BATCH}): a killed "
                             "import loses at most one batch of work")
    parser.add_argument("--reference", action="store_true",
                        help="index the files where they lie instead of copying them: "
                             "ARCHIVE/warcs/imported/ gets a symbolic link to each file, "
                             "through which captures are read, and every record's "
                             "WARC-Block-Digest and WARC-Payload-Digest is checked (a record "
                             "whose bytes do not match is left out and reported with its "
                             "offset). A file that must be rewritten to be addressable "
                             "(single-stream gzip, ARC, corrupt records) is still copied, "
                             "rewritten. Moving, changing or deleting a referenced file "
                             "makes its captures unreadable")
    parser.add_argument("--jobs", type=at_least(1), metavar="N",
                        help="extraction processes (default: one per CPU core; 1: extract in "
                             "the importing process)")
    return parser


def file_list(arguments: list[str], stdin: TextIO) -> list[Path]:
    """The files to import, in order: each argument, and for `-` the lines of stdin (paths,
    one a line; blank lines ignored), e.g. from `ls` or `find`."""
    paths: list[Path] = []
    for argument in arguments:
        if argument == "-":
            paths += [Path(line.strip()) for line in stdin if line.strip()]
        else:
            paths.append(Path(argument))
    if not paths:
        raise CliError("no files to import (standard input gave no paths)")
    return paths


def run(args: argparse.Namespace) -> int:
    from crawler.importer import (ImportAlreadyRunning, ImportFilters, WarcImportError,
                                  import_warcs)
    from crawler.reextract import format_report

    check_date_options(args)
    filters = ImportFilters(
        domains=tuple(dict.fromkeys(args.domains)), languages=tuple(dict.fromkeys(args.languages)),
        date_from=args.date_from.strip() if args.date_from else None,
        date_to=args.date_to.strip() if args.date_to else None)
    progress = _terminal_progress if sys.stderr.isatty() else None
    try:
        report, files = import_warcs(file_list(args.files, sys.stdin), archive_dir=args.archive,
                                     site=args.site, workers=args.jobs, db=args.db,
                                     filters=filters, batch_records=args.batch_records,
                                     progress=progress, reference=args.reference)
    except ImportAlreadyRunning as error:
        raise CliError(str(error), exit_code=EXIT_ALREADY_RUNNING) from error
    except WarcImportError as error:
        raise CliError(str(error)) from error
    finally:
        if progress is not None:
            print("\r\033[K", end="", file=sys.stderr, flush=True)
    for info in files:
        if info.already is not None:
            print(f"{info.source}: already imported (run {info.already['run_id']}, "
                  f"{info.already['finished_at']}), skipped")
            continue
        if info.stored is None:
            continue
        skipped = ", ".join(f"{kind} {count}" for kind, count in sorted(info.skipped.items()))
        note = f"; {info.rewritten}" if info.rewritten else ""
        if info.resumed_from:
            note += f"; resumed at offset {info.resumed_from}"
        if args.reference and not info.referenced:
            note += "; copied, not referenced: its records are only addressable rewritten"
        how = "referenced where it lies, through" if info.referenced else "->"
        print(f"{info.source} {how} {info.stored}: {info.records} records, {info.captures} "
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


def _terminal_progress(update: ImportProgress) -> None:
    """One line rewritten in place (terminals only; logs stay clean), as `migrate` does."""
    print(f"\r\033[K{update.line()}", end="", file=sys.stderr, flush=True)
