"""`newsarchive runs [SITE]`: recent crawl runs and their figures."""
from __future__ import annotations

import argparse
import json
from typing import Any

from newsarchive.commands.common import EXIT_OK, add_archive_option, require_archive


def register(subparsers: Any) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("runs", help="list recent crawl runs and their figures",
                                   description="List recent crawl runs, newest first, then each site's "
                                                "backlog: URLs a budget-stopped run left for "
                                                "the next run.")
    add_archive_option(parser)
    parser.add_argument("site", nargs="?", help="only runs of this site")
    parser.add_argument("--limit", type=int, default=20, help="how many runs (default 20)")
    parser.add_argument("--json", action="store_true", help="one JSON object per run, with its full summary")
    return parser


def run(args: argparse.Namespace) -> int:
    from archive.store import open_store

    require_archive(args.archive, args.db)
    with open_store(args.archive, readonly=True, db=args.db) as store:
        rows = store.list_runs(args.site, limit=args.limit)
        backlog = store.backlog_counts(args.site)
    if args.json:
        for run_row in rows:
            print(json.dumps(run_row, ensure_ascii=False))
        return EXIT_OK
    if not rows:
        print("no crawl runs yet")
        return EXIT_OK
    print(f"{'run':>5}  {'site':<16} {'started':<20} {'status':<9} {'pages':>6} "
          f"{'new':>5} {'upd':>5} {'same':>5} {'dup':>5}  health")
    for run_row in rows:
        summary = run_row.get("summary") or {}
        articles = summary.get("articles", {})
        # crawls count pages fetched; reextract and import-warc runs the archived pages they read
        pages = summary.get("pages_fetched") or summary.get("pages", 0)
        print(f"{run_row['id']:>5}  {run_row['site']:<16.16} {run_row['started_at']:<20} "
              f"{run_row['status']:<9} {pages:>6} "
              f"{articles.get('new', 0):>5} {articles.get('updated', 0):>5} "
              f"{articles.get('unchanged', 0):>5} {articles.get('duplicate', 0):>5}  "
              f"{run_row.get('health') or '-'}")
    # URLs a budget left, per site: the next run of the site starts them (crawler/backlog.py)
    sites = [args.site] if args.site else sorted({row["site"] for row in rows} | set(backlog))
    for site in sites:
        if site.startswith(("import:", "reextract")):
            continue  # imports and re-extractions fetch nothing, so they never leave a backlog
        print(f"backlog {site}: {backlog.get(site, 0):,} URLs left for the next run")
    return EXIT_OK
