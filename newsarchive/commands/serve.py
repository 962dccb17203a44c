"""`newsarchive serve`: the web reading room (search, articles, versions, citations) plus
snapshot replay with pywb on a separate origin."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from newsarchive.commands.common import (EXIT_OK, EXIT_USAGE, CliError, add_archive_option,
                                         require_archive)


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = subparsers.add_parser(
        "serve", help="the web reading room: search, read, compare, cite, replay",
        description="Serve the archive to a browser: full-text search with facets (site, "
                    "section, language, author, month), article pages with versions, a "
                    "readable diff, provenance and a citation, and the original pages replayed "
                    "as captured by pywb on a separate origin (PORT+1 by default) so archived "
                    "scripts never run in the reading room (the first run builds pywb's own "
                    "virtual environment: needs PyPI once, ~30 s). Tables, SQL and CSV/JSON "
                    "exports are at /records (Datasette; with --db postgresql://… a read-only SQLite "
                    "mirror of the database, refreshed every --mirror-interval seconds). "
                    "Read-only; binds to 127.0.0.1 unless told "
                    "otherwise. See docs/READING_ROOM.md.",
        epilog="Example: newsarchive serve --archive ~/news-archive --port 8001  "
               "(then open http://127.0.0.1:8001/)")
    add_archive_option(parser)
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1: this machine only; "
                             "anything else lets others on the network read the archive)")
    parser.add_argument("--port", type=int, default=8001,
                        help="port of the reading room (default 8001)")
    parser.add_argument("--replay-port", type=int, metavar="PORT",
                        help="port of the replay server, a separate origin "
                             "(default: the reading room's port + 1)")
    parser.add_argument("--replay-host", metavar="HOST",
                        help="address of the replay server (default: same as --host)")
    parser.add_argument("--mirror-interval", type=float, default=300.0, metavar="SECONDS",
                        help="with --db postgresql://…: seconds between refreshes of the SQLite "
                             "mirror that /records shows (default 300; 0: only at start)")
    parser.add_argument("--no-replay", action="store_true",
                        help="do not start the replay server (no 'open the archived page')")
    return parser


def run(args: argparse.Namespace) -> int:
    from archive.web.security import is_loopback
    from archive.web.server import ServeError, serve

    require_archive(args.archive, args.db)
    for name in ("port", "replay_port"):
        value = getattr(args, name)
        if value is not None and not 1 <= value <= 65535:
            raise CliError(f"--{name.replace('_', '-')} must be 1-65535, not {value}",
                           exit_code=EXIT_USAGE)
    if not args.mirror_interval >= 0:
        raise CliError(f"--mirror-interval must be 0 or more, not {args.mirror_interval}",
                       exit_code=EXIT_USAGE)
    if not is_loopback(args.host):
        print(f"newsarchive: warning: serving on {args.host}: anyone who can reach this "
              "machine can read the archive", file=sys.stderr)
    try:
        serve(args.archive, host=args.host, port=args.port, replay_host=args.replay_host,
              replay_port=args.replay_port, replay=not args.no_replay, db=args.db,
              mirror_interval=args.mirror_interval)
    except ServeError as exc:
        raise CliError(str(exc)) from None
    return EXIT_OK
