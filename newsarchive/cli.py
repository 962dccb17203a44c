"""The `newsarchive` command line: argument parsing and the one place errors become one line.

Each command lives in `newsarchive/commands/<name>.py` with `register(subparsers)` and
`run(args) -> int`. Exit codes are defined in `newsarchive.commands.common`.
"""
from __future__ import annotations

import argparse
import importlib
import os
import sys

from newsarchive.commands.common import EXIT_FAILED, EXIT_OK, CliError

# Order = order in --help.
COMMANDS = ("crawl", "demo", "search", "show", "diff", "export", "serve", "wacz", "reextract",
            "import_warc", "runs", "migrate", "reindex")


def build_parser() -> argparse.ArgumentParser:
    from crawler.version import __version__
    from newsarchive.commands.common import EXIT_CODES_HELP

    parser = argparse.ArgumentParser(
        prog="newsarchive",
        description="Crawl news sites into WARC snapshots and deduplicated, versioned article "
                    "records; search, read and export what was archived.",
        epilog=f"{EXIT_CODES_HELP} Start with `newsarchive demo`.")
    parser.add_argument("--version", action="version", version=f"newsarchive {__version__}")
    parser.add_argument("--debug", action="store_true",
                        help="show tracebacks and the crawler's log on the console")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for name in COMMANDS:
        module = importlib.import_module(f"newsarchive.commands.{name}")
        sub = module.register(subparsers)
        sub.set_defaults(run=module.run)
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except CliError as error:
        print(f"newsarchive: error: {error}", file=sys.stderr)
        return error.exit_code
    except BrokenPipeError:
        # `newsarchive export | head -n 1`: the reader has what it wanted. Point stdout at
        # /dev/null so the interpreter's final flush cannot fail again, and exit 0 quietly
        # (a pipeline under `set -o pipefail` succeeds).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK
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
