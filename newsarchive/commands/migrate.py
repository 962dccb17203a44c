"""`newsarchive migrate --to postgresql://...`: copy an SQLite archive's records into PostgreSQL
(archive/migrate.py: ids kept, resumable, verified by counts and content hashes)."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from newsarchive.commands.common import (EXIT_FAILED, EXIT_OK, EXIT_USAGE, CliError, archive_dir,
                                         at_least, db_url, default_archive, require_archive)


def register(subparsers: Any) -> argparse.ArgumentParser:
    from archive.migrate import CHUNK_ROWS

    parser = subparsers.add_parser(
        "migrate", help="copy an SQLite archive's records into PostgreSQL",
        description="Copy every table of the archive's records.sqlite3 (runs, captures, "
                    "articles, versions, article URLs, backlog, import-warc's file status) "
                    "into a PostgreSQL database, keeping "
                    "ids; the WARC files stay under --archive and captures keep pointing at "
                    "them. Resumable: run it again after an interruption and it continues "
                    "where the last committed chunk ended, copying nothing twice. Ends with a "
                    "one-line verdict comparing row counts and content hashes of every table "
                    "(exit 1 on a mismatch). Refuses (exit 2) a database holding records that "
                    "are not from this archive. Then use --db URL with every command.",
        epilog="Example: newsarchive migrate --archive /srv/news/archive "
               "--to postgresql://news@127.0.0.1:5432/news")
    parser.add_argument("--to", required=True, metavar="URL", type=db_url,
                        help="the PostgreSQL database to copy into "
                             "(postgresql://USER@HOST:PORT/DBNAME; it must exist)")
    parser.add_argument(
        "--archive", metavar="DIR", type=archive_dir, default=str(default_archive()),
        help="the archive whose records.sqlite3 is copied (default: $NEWSARCHIVE_ARCHIVE, "
             "else ~/.local/share/newsarchive)")
    parser.add_argument("--chunk-rows", type=at_least(1), default=CHUNK_ROWS, metavar="N",
                        help=f"rows per committed chunk (default {CHUNK_ROWS}): an interrupted "
                             "run loses at most one chunk of work")
    return parser


def run(args: argparse.Namespace) -> int:
    from archive.migrate import MigrateRefused, migrate_archive

    require_archive(args.archive)
    progress = _terminal_progress if sys.stderr.isatty() else None
    try:
        report = migrate_archive(args.archive / "records.sqlite3", args.to,
                                 chunk_rows=args.chunk_rows, progress=progress)
    except MigrateRefused as error:
        raise CliError(str(error), exit_code=EXIT_USAGE) from error
    finally:
        if progress is not None:
            print(file=sys.stderr)
    for table in report.tables:
        print(f"{table.name}: {table.copied} copied, {table.updated} updated "
              f"({table.source_rows} in the archive)")
    print(report.verdict())
    return EXIT_OK if report.verified else EXIT_FAILED


def _terminal_progress(table: str, done: int, total: int) -> None:
    """One line rewritten in place: where the copy is (terminals only; logs stay clean)."""
    print(f"\r\033[Kcopying {table}: {done:,}/{total:,}", end="", file=sys.stderr, flush=True)
