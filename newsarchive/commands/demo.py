"""`newsarchive demo`: serve the bundled demo site on 127.0.0.1 and crawl it."""
from __future__ import annotations

import argparse
import sys
from typing import Any

from newsarchive.commands.common import EXIT_FAILED, EXIT_OK, CliError, add_archive_option

# The demo site's one port. The archive knows a site by its URLs, port included: a demo on a
# new port every run would be a new site every run, and every article would be stored again.
DEMO_PORT = 8472


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "demo", help="serve the bundled demo news site on 127.0.0.1 and crawl it",
        description="Start the bundled demo news site (English and Arabic editions) on "
                    "127.0.0.1, crawl it into the archive, then say what to look at next.")
    add_archive_option(parser)
    parser.add_argument("--port", type=int, default=DEMO_PORT,
                        help=f"port for the demo site (default: {DEMO_PORT}; keep the same port "
                             f"across runs, or the archive sees a new site and stores every "
                             f"article again); the site's other host, which serves partner pictures, takes "
                             f"the next port")
    return parser


def run(args: argparse.Namespace) -> int:
    from crawler.runner import format_summary, run_crawl
    from newsarchive.demosite import DemoServer, DemoSite

    # the pictures of the site's "other host" on the next port, the same every run too
    server = DemoServer(DemoSite(), host="127.0.0.1", port=args.port, static_port=args.port + 1)
    try:
        server.start()
    except OSError as error:
        raise CliError(f"cannot serve the demo site on 127.0.0.1:{args.port} and "
                       f"{args.port + 1} ({error.strerror}): stop what uses that port, or pass "
                       f"--port N and keep using it") from None
    with server:
        print(f"demo news site at {server.base_url} - crawling it into {args.archive} ...")
        result = run_crawl("demo", archive_dir=args.archive, base_url=server.base_url,
                           debug=args.debug, db=args.db)
    print(format_summary(result))
    if not result.ok:
        print(f"newsarchive: error: {result.reason}", file=sys.stderr)
        return EXIT_FAILED
    archive = args.archive
    if args.db:  # search and serve read SQLite only so far (issue 12)
        steps = [
            (f"newsarchive export --archive {archive} --db URL --format jsonl | head -n 1",
             "the articles as JSON"),
            (f"newsarchive show --archive {archive} --db URL 1", "one article, its versions"),
            (f"newsarchive runs --archive {archive} --db URL", "what each run did"),
            (f"warcio index {archive}/warcs/demo/*.warc.gz | head", "the WARC snapshots"),
        ]
        width = max(len(command) for command, _ in steps)
        print("\nNext:\n" + "\n".join(f"  {command:<{width}}   # {why}" for command, why in steps))
        return EXIT_OK
    steps = [
        (f"newsarchive serve --archive {archive}", "read, search and replay in the browser"),
        (f"newsarchive search --archive {archive} Basra", "full-text search (Arabic works too)"),
        (f"newsarchive export --archive {archive} --format jsonl | head -n 1", "the articles as JSON"),
        (f"newsarchive runs --archive {archive}", "what each run did"),
        (f"warcio index {archive}/warcs/demo/*.warc.gz | sed -n 1,10p", "the WARC snapshots"),
    ]
    width = max(len(command) for command, _ in steps)
    print("\nNext:\n" + "\n".join(f"  {command:<{width}}   # {why}" for command, why in steps))
    return EXIT_OK
