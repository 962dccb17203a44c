"""`newsarchive search QUERY`: full-text search of the archived articles (current versions)."""
from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from newsarchive.commands.common import (EXIT_OK, EXIT_USAGE, CliError, add_archive_option,
                                         at_least, check_date_options, require_archive)

QUERY_HELP = ('words (all must occur), "quoted phrases" and word* prefixes; case, accents and '
              "Arabic tatweel/harakat are ignored; anything else is literal text")


def add_filter_options(parser: argparse.ArgumentParser) -> None:
    """The filters shared by search and export (archive.search.Filters)."""
    group = parser.add_argument_group("filters (on the current version of each article)")
    group.add_argument("--site", metavar="SITE", help="only articles of this site (host name, "
                       "as in the `site` field, e.g. www.example.com)")
    group.add_argument("--section", metavar="NAME", help="only this section (e.g. Security)")
    group.add_argument("--language", metavar="CODE", help="only this language (e.g. en, ar)")
    group.add_argument("--author", metavar="NAME", help="only articles with this author")
    group.add_argument("--from", dest="date_from", metavar="DATE",
                       help="published on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD)")
    group.add_argument("--to", dest="date_to", metavar="DATE",
                       help="published on or before DATE (YYYY, YYYY-MM or YYYY-MM-DD; "
                            "inclusive: --to 2026-07 includes 31 July)")


def filter_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    """The filters of search and export; a malformed --from/--to is bad usage (exit 2), said
    in one line before any archive is opened."""
    check_date_options(args)
    return {"site": args.site, "section": args.section, "language": args.language,
            "author": args.author, "date_from": args.date_from, "date_to": args.date_to}


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "search", help="full-text search of the archived articles",
        description="Search the title, dek, body, authors and image captions of the current "
                    "version of every archived article, best matches first (bm25), with a "
                    "snippet showing where the query matched. An empty QUERY ('') lists the "
                    "articles passing the filters, newest first. With --db postgresql://... "
                    "PostgreSQL's full-text search answers: words are stemmed by each "
                    "article's language (raids finds raid), ranked by ts_rank_cd.",
        epilog='Examples: newsarchive search "border security" --language en; '
               "newsarchive search بغداد --from 2026-07 --json")
    parser.add_argument("query", metavar="QUERY", help=QUERY_HELP)
    add_archive_option(parser)
    add_filter_options(parser)
    parser.add_argument("--limit", type=at_least(0), default=20, metavar="N",
                        help="how many hits to show (default 20)")
    parser.add_argument("--offset", type=at_least(0), default=0, metavar="N",
                        help="skip the first N hits (paging; default 0)")
    ranking = parser.add_mutually_exclusive_group()
    ranking.add_argument("--window", type=at_least(1), default=None, metavar="N",
                         help="when more articles match, rank (and count facets) among the "
                              "newest N matches only, and estimate a filtered total (SQLite; "
                              "default 1000: fast at a million versions)")
    ranking.add_argument("--exact", action="store_true",
                         help="rank, count and facet every match (seconds on very large "
                              "archives); PostgreSQL always does")
    parser.add_argument("--by-story", action="store_true",
                        help="one hit per story (the same text on several sites or URLs: "
                             "docs/STORIES.md): the story's earliest captured match stands "
                             "for it, its other matches are listed under it; the total "
                             "counts stories (with the window: the newest matches are "
                             "grouped and the total is estimated)")
    parser.add_argument("--json", action="store_true",
                        help="print one JSON object: total, hits (with snippet, matches in "
                             "[brackets], story_id, and with --by-story `also`: the story's "
                             "other matches) and facets (site, section, language, author, "
                             "month)")
    return parser


def run(args: argparse.Namespace) -> int:
    from archive.search import RANK_WINDOW, QueryError, search
    from archive.store import open_store

    filters = filter_kwargs(args)
    window = None if args.exact else (args.window or RANK_WINDOW)
    require_archive(args.archive, args.db)
    with open_store(args.archive, readonly=True, db=args.db) as store:
        try:
            result = search(store, args.query, limit=args.limit, offset=args.offset,
                            window=window, by_story=args.by_story, **filters)
        except QueryError as error:
            raise CliError(str(error), exit_code=EXIT_USAGE) from error
    if args.json:
        payload = {"query": args.query, "limit": args.limit, "offset": args.offset,
                   **result.to_dict()}
        print(json.dumps(payload, ensure_ascii=False, indent=2))
        return EXIT_OK
    if result.total == 0:
        print(f"no articles match {args.query!r}")
        return EXIT_OK
    color = sys.stdout.isatty()
    marks = ("\033[1;33m", "\033[0m") if color else ("[", "]")
    shown = f"{args.offset + 1}-{args.offset + len(result.hits)}" if result.hits else "none"
    about = "about " if result.total_is_estimate else ""
    unit = "stor" + ("ies" if result.total != 1 else "y") if args.by_story else \
        "article" + ("s" if result.total != 1 else "")
    print(f"{about}{result.total:,} {unit} match {args.query!r} (showing {shown})")
    if result.ranked_among:
        print(f"ranked, and facets counted, among the newest {result.ranked_among:,} matches "
              "(--exact ranks them all)")
    for number, hit in enumerate(result.hits, start=args.offset + 1):
        print(f"\n{number:>3}. {hit.title or '(no title)'}  [id {hit.article_id}]")
        facts = [hit.site, hit.section, hit.language, (hit.published or "")[:10],
                 ("by " + ", ".join(hit.authors)) if hit.authors else None]
        print("     " + " · ".join(fact for fact in facts if fact))
        snippet = " ".join(hit.snippet_text(*marks).split())
        if snippet:
            print(f"     {snippet}")
        print(f"     {hit.canonical_url}")
        for other in hit.also:
            print(f"     also: {other['site']} (first seen {other['first_seen']}) "
                  f"[id {other['article_id']}] {other['canonical_url']}")
    facets = "; ".join(f"{name}: " + ", ".join(f"{value} ({count})" for value, count in values[:5])
                       for name, values in result.facets.items() if values)
    print(f"\n{facets}")
    return EXIT_OK
