"""`newsarchive crawl SITE_OR_URL`: one crawl run of a site into the archive."""
from __future__ import annotations

import argparse
import os
import sys
from typing import Any

from newsarchive.commands.common import (EXIT_ALREADY_RUNNING, EXIT_CODES_HELP, EXIT_USAGE,
                                         CliError, add_archive_option, check_url)


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "crawl", help="crawl a site (profile name or start URL) into the archive",
        description="Crawl one news site: discover articles from its sections, feeds and "
                    "sitemaps, write every fetch to WARC, extract and store the articles. "
                    "SITE is a site-profile name (e.g. demo), the path of a TOML profile file "
                    "(see docs/PROFILES.md), or an http(s) URL of a section page for a site "
                    "without a profile. Safe to run from cron: a second run of the "
                    "same site exits at once (code 3), a killed run is repaired by the next one, "
                    "and a run whose extraction broke exits with code 4, and a run a budget stopped (the "
                    "profile-less page budget, a CLOSESPIDER_* setting) exits with code 5: the "
                    "URLs it left wait in the site's backlog and the next run starts them. "
                    + EXIT_CODES_HELP)
    parser.add_argument("site", metavar="SITE_OR_URL", help="profile name, profile.toml, or start URL")
    add_archive_option(parser)
    parser.add_argument("--base-url", metavar="URL",
                        help="crawl a profiled site at another address (e.g. a local mirror)")
    parser.add_argument("--contact", metavar="URL_OR_EMAIL",
                        help="contact put in the User-Agent so site owners can reach you")
    parser.add_argument("--operator", metavar="NAME", help="operator name written into warcinfo")
    parser.add_argument("--recheck-all", action="store_true",
                        help="re-fetch every archived article, not only those first seen within "
                             "the re-check window (NEWS_RECHECK_DAYS, default 7 days)")
    parser.add_argument("--render", action="store_true",
                        help="rendering mode: fetch article and listing pages with headless "
                             "Chromium (/usr/bin/chromium, through scrapy-playwright) for sites "
                             "that build them with JavaScript; every exchange the browser makes "
                             "is archived, extraction reads the rendered page (a profile's "
                             "`render = true` does the same; ~12x the CPU per page: "
                             "docs/PERFORMANCE.md)")
    parser.add_argument("--frontier", metavar="REDIS_URL",
                        default=os.environ.get("NEWSARCHIVE_FRONTIER") or None,
                        help="join the shared crawl of SITE whose queue is in this Redis "
                             "database (redis://HOST:PORT/DB; also $NEWSARCHIVE_FRONTIER): "
                             "start the same command on several machines, with the same --db "
                             "(required) and --archive on shared storage (docs/SCALE.md)")
    parser.add_argument("--set", metavar="NAME=VALUE", action="append", default=[],
                        help="override a crawler setting (repeatable), e.g. --set CONCURRENT_REQUESTS=4")
    return parser


def parse_overrides(pairs: list[str]) -> dict[str, Any]:
    overrides: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.isupper():
            raise CliError(f"--set expects NAME=VALUE with an upper-case setting name, got {pair!r}",
                           exit_code=EXIT_USAGE)
        overrides[name] = value
    return overrides


def run(args: argparse.Namespace) -> int:
    from archive.locks import AlreadyRunning
    from crawler.exceptions import CrawlerError, UnknownProfileError
    from crawler.runner import format_summary, run_crawl

    if args.site.startswith(("http://", "https://")):
        check_url(args.site)
    if args.base_url:
        check_url(args.base_url)
    if args.frontier and not args.frontier.startswith(("redis://", "rediss://", "unix://")):
        raise CliError(f"--frontier expects a redis:// URL, got {args.frontier!r}",
                       exit_code=EXIT_USAGE)
    if args.frontier and not args.db:
        raise CliError("--frontier needs --db postgresql://... (every worker of a shared crawl "
                       "writes to one records database)", exit_code=EXIT_USAGE)
    overrides = parse_overrides(args.set)
    if args.render:
        overrides["NEWS_RENDER_ENABLED"] = True
    try:
        result = run_crawl(args.site, archive_dir=args.archive, base_url=args.base_url,
                           contact=args.contact, operator=args.operator,
                           overrides=overrides, recheck_all=args.recheck_all,
                           debug=args.debug, db=args.db, frontier=args.frontier)
    except AlreadyRunning as error:
        raise CliError(str(error), exit_code=EXIT_ALREADY_RUNNING) from error
    except UnknownProfileError as error:
        raise CliError(str(error), exit_code=EXIT_USAGE) from error
    except CrawlerError as error:
        raise CliError(str(error)) from error
    print(format_summary(result))
    if not result.ok:
        word = result.status if result.status in ("unhealthy", "partial") else "error"
        print(f"newsarchive: {word}: {result.reason} (log: {args.archive / 'logs' / 'newsarchive.log'})",
              file=sys.stderr)
    return result.exit_code
