"""The `newsarchive` command line.

Exit codes: 0 ok; 1 the run failed (one-line reason on stderr); 2 bad usage.
Expected failures print one line; `--debug` shows tracebacks and Scrapy's log on the console.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Any

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

DEFAULT_ARCHIVE = "./archive"


class CliError(Exception):
    """An expected failure: printed as one line, exit code EXIT_FAILED."""


def _archive_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--archive", metavar="DIR", type=Path,
        default=Path(os.environ.get("NEWSARCHIVE_ARCHIVE", DEFAULT_ARCHIVE)),
        help="archive directory holding records.sqlite3, warcs/ and logs/ "
             "(default: $NEWSARCHIVE_ARCHIVE or ./archive)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsarchive",
        description="Crawl news sites into WARC snapshots and deduplicated, versioned article "
                    "records; export what was archived.",
        epilog="Exit codes: 0 ok, 1 failed (one-line reason on stderr), 2 bad usage. "
               "Start with `newsarchive demo`.")
    from crawler.version import __version__
    parser.add_argument("--version", action="version", version=f"newsarchive {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show tracebacks and the crawler's log on the console")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    crawl = commands.add_parser(
        "crawl", help="crawl a site (profile name or start URL) into the archive",
        description="Crawl one news site: discover articles from its sections, feeds and "
                    "sitemaps, write every fetch to WARC, extract and store the articles. "
                    "SITE is a site-profile name (e.g. demo) or an http(s) URL of a section page "
                    "for a site without a profile.")
    crawl.add_argument("site", metavar="SITE_OR_URL", help="profile name, or start URL")
    _archive_arg(crawl)
    crawl.add_argument("--base-url", metavar="URL",
                       help="serve a profiled site from another address (e.g. a local mirror)")
    crawl.add_argument("--contact", metavar="URL_OR_EMAIL",
                       help="contact put in the User-Agent so site owners can reach you")
    crawl.add_argument("--operator", metavar="NAME", help="operator name written into warcinfo")
    crawl.add_argument("--set", metavar="NAME=VALUE", action="append", default=[],
                       help="override a crawler setting (repeatable), e.g. --set CONCURRENT_REQUESTS=4")

    demo = commands.add_parser(
        "demo", help="serve the bundled demo news site on 127.0.0.1 and crawl it",
        description="Start the bundled demo news site (English and Arabic editions) on "
                    "127.0.0.1, crawl it into the archive, then say what to look at next.")
    _archive_arg(demo)
    demo.add_argument("--port", type=int, default=0, help="port for the demo site (default: a free one)")

    export = commands.add_parser(
        "export", help="export the archived articles (current versions)",
        description="Write one record per article (its current version): the article fields "
                    "and the capture (WARC file, offset, length, record id, time, digest).")
    _archive_arg(export)
    export.add_argument("--format", choices=["jsonl"], default="jsonl", help="output format (default jsonl)")
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")

    runs = commands.add_parser("runs", help="list recent crawl runs and their figures",
                               description="List recent crawl runs, newest first.")
    _archive_arg(runs)
    runs.add_argument("site", nargs="?", help="only runs of this site")
    runs.add_argument("--limit", type=int, default=20, help="how many runs (default 20)")
    return parser


def _parse_overrides(pairs: list[str]) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.isupper():
            raise CliError(f"--set expects NAME=VALUE with an upper-case setting name, got {pair!r}")
        overrides[name] = value
    return overrides


def _check_url(url: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise CliError(f"not an http(s) URL: {url!r}")


def cmd_crawl(args: argparse.Namespace) -> int:
    from crawler.exceptions import CrawlerError
    from crawler.runner import format_summary, run_crawl

    if args.site.startswith(("http://", "https://")):
        _check_url(args.site)
    if args.base_url:
        _check_url(args.base_url)
    try:
        result = run_crawl(args.site, archive_dir=args.archive, base_url=args.base_url,
                           contact=args.contact, operator=args.operator,
                           overrides=_parse_overrides(args.set), debug=args.debug)
    except CrawlerError as error:
        raise CliError(str(error)) from error
    print(format_summary(result))
    if not result.ok:
        print(f"newsarchive: error: {result.reason} (log: {args.archive / 'logs' / 'newsarchive.log'})",
              file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def cmd_demo(args: argparse.Namespace) -> int:
    from crawler.runner import format_summary, run_crawl
    from newsarchive.demosite import DemoServer, DemoSite

    with DemoServer(DemoSite(), host="127.0.0.1", port=args.port) as server:
        print(f"demo news site at {server.base_url} - crawling it into {args.archive} ...")
        result = run_crawl("demo", archive_dir=args.archive, base_url=server.base_url, debug=args.debug)
    print(format_summary(result))
    if not result.ok:
        print(f"newsarchive: error: {result.reason}", file=sys.stderr)
        return EXIT_FAILED
    archive = args.archive
    print(f"\nNext:\n"
          f"  newsarchive export --archive {archive} --format jsonl | head -n 1   # the articles as JSON\n"
          f"  newsarchive runs --archive {archive}                                 # what each run did\n"
          f"  warcio index {archive}/warcs/demo/*.warc.gz | head                   # the WARC snapshots\n"
          f"  sqlite3 {archive}/records.sqlite3 .tables                            # the records database")
    return EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    from archive.export import write_jsonl
    from archive.store import open_store

    _require_archive(args.archive)
    with open_store(args.archive, readonly=True) as store:
        if args.output:
            with open(args.output, "w", encoding="utf-8") as out:
                count = write_jsonl(store.iter_articles(), out)
            print(f"exported {count} articles to {args.output}", file=sys.stderr)
        else:
            write_jsonl(store.iter_articles(), sys.stdout)
    return EXIT_OK


def cmd_runs(args: argparse.Namespace) -> int:
    from archive.store import open_store

    _require_archive(args.archive)
    with open_store(args.archive, readonly=True) as store:
        rows = store.list_runs(args.site, limit=args.limit)
    if not rows:
        print("no crawl runs yet")
        return EXIT_OK
    print(f"{'run':>5}  {'site':<16} {'started':<20} {'status':<9} {'pages':>6} "
          f"{'new':>5} {'upd':>5} {'same':>5} {'dup':>5}")
    for run in rows:
        summary = run.get("summary") or {}
        articles = summary.get("articles", {})
        print(f"{run['id']:>5}  {run['site']:<16.16} {run['started_at']:<20} {run['status']:<9} "
              f"{summary.get('pages_fetched', 0):>6} {articles.get('new', 0):>5} "
              f"{articles.get('updated', 0):>5} {articles.get('unchanged', 0):>5} "
              f"{articles.get('duplicate', 0):>5}")
    return EXIT_OK


def _require_archive(archive: Path) -> None:
    if not (archive / "records.sqlite3").exists():
        raise CliError(f"no archive at {archive} (run `newsarchive crawl` or `newsarchive demo` first, "
                       f"or pass --archive)")


COMMANDS = {"crawl": cmd_crawl, "demo": cmd_demo, "export": cmd_export, "runs": cmd_runs}


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return COMMANDS[args.command](args)
    except CliError as error:
        print(f"newsarchive: error: {error}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("newsarchive: interrupted", file=sys.stderr)
        return 130
    except Exception as error:  # the one place unexpected errors become one line
        if args.debug:
            raise
        from archive.exceptions import StoreError

        kind = "archive error" if isinstance(error, StoreError) else f"unexpected {type(error).__name__}"
        print(f"newsarchive: {kind}: {error} (run with --debug for the traceback)", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
