"""What every command shares: exit codes, the --archive and --db options, one-line errors."""
from __future__ import annotations

import argparse
import os
from pathlib import Path

EXIT_OK = 0
EXIT_FAILED = 1          # the command or run failed; a one-line reason is on stderr
EXIT_USAGE = 2           # bad arguments (argparse)
EXIT_ALREADY_RUNNING = 3  # crawl: another run of the same site holds its lock; nothing was touched
EXIT_UNHEALTHY = 4       # crawl: finished, but the site or the extraction looks broken
EXIT_PARTIAL = 5         # crawl: a budget stopped it; what it left waits for the next run
EXIT_CODES_HELP = ("Exit codes: 0 ok, 1 failed, 2 bad usage, 3 a crawl of that site is already "
                   "running, 4 unhealthy run (site or extraction broke), 5 partial run (a "
                   "budget stopped it; the next run continues); a one-line reason is printed "
                   "on stderr.")

SOURCE_TREE = Path(__file__).resolve().parents[2]   # the checkout (or site-packages) we run from


def default_archive() -> Path:
    """$NEWSARCHIVE_ARCHIVE, else the user's data directory (`~/.local/share/newsarchive` on
    Linux, via platformdirs): never the working directory, which in a clone of this project is
    also where the Python package `archive/` lives."""
    env = os.environ.get("NEWSARCHIVE_ARCHIVE")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("newsarchive")


class CliError(Exception):
    """An expected failure: printed as one line."""

    def __init__(self, message: str, *, exit_code: int = EXIT_FAILED) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def archive_dir(text: str) -> Path:
    """An argparse `type` for --archive: any directory outside our own source tree (data never
    lands beside the code, where `git status` or a package build would pick it up)."""
    path = Path(text).expanduser()
    code_dirs = [SOURCE_TREE / name for name in ("archive", "crawler", "newsarchive", "tests")]
    if (SOURCE_TREE / "pyproject.toml").is_file():
        code_dirs = [SOURCE_TREE]   # a checkout: nothing inside it
    resolved = path.resolve()
    for code in code_dirs:
        if resolved == code or code in resolved.parents:
            raise argparse.ArgumentTypeError(
                f"{text} is inside newsarchive's source tree ({code}): archives belong in a "
                f"data directory (default: $NEWSARCHIVE_ARCHIVE or {default_archive()})")
    return path


def add_archive_option(parser: argparse.ArgumentParser) -> None:
    """--archive DIR and --db URL: every command that reads or writes an archive takes both."""
    # a str default goes through `type` too, so $NEWSARCHIVE_ARCHIVE is checked like --archive
    parser.add_argument(
        "--archive", metavar="DIR", type=archive_dir, default=str(default_archive()),
        help="archive directory holding records.sqlite3, warcs/ and logs/ "
             "(default: $NEWSARCHIVE_ARCHIVE, else ~/.local/share/newsarchive)")
    parser.add_argument(
        "--db", metavar="URL", type=db_url, default=os.environ.get("NEWSARCHIVE_DB") or None,
        help="records database: a postgresql://USER@HOST:PORT/DBNAME URL (default: "
             "$NEWSARCHIVE_DB, else the SQLite file records.sqlite3 in --archive); WARC files "
             "and logs stay under --archive either way")


def db_url(text: str) -> str:
    """An argparse `type` for --db (and $NEWSARCHIVE_DB, which argparse passes through it)."""
    from archive.store import is_postgres_url

    if not is_postgres_url(text):
        raise argparse.ArgumentTypeError(
            f"not a postgresql:// URL: {text!r} (leave --db out for the SQLite file)")
    return text


def require_archive(archive: Path, db: str | None = None) -> None:
    """An archive to read must exist (with --db the store itself says when it has no records)."""
    if db:
        return
    if not (archive / "records.sqlite3").exists():
        raise CliError(f"no archive at {archive} (run `newsarchive crawl` or `newsarchive demo` "
                       f"first, or pass --archive)")


def sqlite_only(db: str | None, what: str) -> None:
    """Fail with one line (exit 2) where a command needs what only SQLite offers so far."""
    if db:
        raise CliError(f"{what} on PostgreSQL is not supported yet (issue 12): run it without "
                       "--db / NEWSARCHIVE_DB on an SQLite archive", exit_code=EXIT_USAGE)


def check_url(url: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CliError(f"not an http(s) URL: {url!r}", exit_code=EXIT_USAGE)


def at_least(minimum: int):  # -> Callable[[str], int]
    """An argparse `type` for integers >= minimum, with a one-line error otherwise."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"must be {minimum} or more, not {value}")
        return value
    return parse


def check_date_options(args: argparse.Namespace) -> None:
    """--from/--to of search, export and import-warc: a malformed date is bad usage (exit 2),
    said in one line before any archive is opened."""
    from archive.search import QueryError, check_date

    for value, which in ((args.date_from, "from"), (args.date_to, "to")):
        if value is not None:
            try:
                check_date(value, which)
            except QueryError as error:
                raise CliError(str(error), exit_code=EXIT_USAGE) from None
