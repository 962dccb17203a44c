"""Refresh time of the SQLite mirror that `serve --db postgresql://…` gives Datasette.

    python benchmarks/mirror.py [--versions 20000] [--pg postgresql://postgres@127.0.0.1/postgres]

Builds a records store of synthetic articles (benchmarks/search.py's builder: the real schema,
FTS triggers, demo-site vocabulary), copies it into a fresh PostgreSQL database with
`archive.migrate` (as `newsarchive migrate` does), then times a first mirror (empty SQLite file)
and two refreshes of it (archive.web.mirror.refresh: what `serve` does every --mirror-interval
seconds). Prints seconds and rows/s; the database and files are removed at the end.
"""
from __future__ import annotations

import argparse
import secrets
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from search import build  # noqa: E402

from archive.migrate import migrate_archive  # noqa: E402
from archive.web.mirror import create_mirror, refresh  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--versions", type=int, default=20_000)
    parser.add_argument("--pg", default="postgresql://postgres@127.0.0.1:5432/postgres",
                        help="maintenance database of the server to create the bench database on")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    import psycopg

    folder = Path(tempfile.mkdtemp(prefix="newsarchive-mirror-bench-"))
    name = f"newsarchive_bench_mirror_{secrets.token_hex(4)}"
    base, _, _ = args.pg.rpartition("/")
    url = f"{base}/{name}"
    with psycopg.connect(args.pg, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        started = time.perf_counter()
        articles, versions = build(folder / "source.sqlite3", args.versions, args.seed)
        print(f"built {articles:,} articles, {versions:,} versions in "
              f"{time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        report = migrate_archive(folder / "source.sqlite3", url)
        print(f"copied into PostgreSQL in {time.perf_counter() - started:.1f} s: "
              f"{report.verdict()}")
        started = time.perf_counter()
        state = create_mirror(url, folder / "records.sqlite3")
        first = time.perf_counter() - started
        print(f"first mirror: {first:.2f} s, {state.rows:,} rows "
              f"({state.rows / first:,.0f} rows/s), "
              f"{(folder / 'records.sqlite3').stat().st_size / 1e6:.0f} MB")
        for attempt in (1, 2):
            started = time.perf_counter()
            refresh(url, state)
            took = time.perf_counter() - started
            print(f"refresh {attempt}: {took:.2f} s ({state.rows / took:,.0f} rows/s)")
    finally:
        with psycopg.connect(args.pg, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
