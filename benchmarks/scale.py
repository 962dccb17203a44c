#!/usr/bin/env python3
"""Scaling benchmark: one site crawled by 1, 2 and 4 worker processes sharing one PostgreSQL
records database and one Redis frontier (`crawl --frontier`), next to the single-process
SQLite crawl, on the reference bench site (../shared/bench, served by nginx on 127.0.0.1).

    python benchmarks/scale.py [--articles 2000] [--workers 1,2,4] [--sites-per-hour 1000]
                               [--pages-per-site 300]

For each configuration it prints pages/s (pages fetched by all workers / wall time from the
first start to the last end), CPU ms per page of the crawl processes (every worker process and
its children) and of everything (the same plus the PostgreSQL and Redis servers, read from
/proc when they run on this machine: on 2 cores pages/s follows the sum), store commits/s (PostgreSQL's xact_commit of the database over the wall time), and checks that every
article was stored exactly once and every WARC passes warcio check. Then it projects how many
hosts like this one crawl N sites hourly at P pages a site and run (a figure, not a promise:
the sites' own politeness limits come first).

Needs nginx (installed like benchmarks/crawl.py does), PostgreSQL and Redis on 127.0.0.1
(tests/services.sh), and scrapy-redis in the interpreter.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import math
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("bench_crawl", REPO / "benchmarks" / "crawl.py")
assert _spec and _spec.loader
bench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench)

# one process's CPU (itself and its children: the page worker) and exit code, as JSON
WRAPPER = ("import json, resource, subprocess, sys; "
           "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
           "r = resource.getrusage(resource.RUSAGE_CHILDREN); "
           "print(json.dumps({'code': code, 'cpu': r.ru_utime + r.ru_stime}))")
SPEED = ["--set", "AUTOTHROTTLE_ENABLED=False"]


def _ticks(pid: str) -> tuple[int, int]:
    """(utime + stime, cutime + cstime) of a process, in clock ticks."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12]), int(fields[13]) + int(fields[14])


def server_cpu() -> float | None:
    """CPU seconds so far of the local PostgreSQL and Redis servers: every live process, and
    the ended backends the postmaster has reaped (its children's time). None when neither runs
    on this machine (the figure then leaves them out). The whole server's: run nothing else on
    it while measuring."""
    total, found = 0, False
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            name = Path(f"/proc/{pid}/comm").read_text().strip()
            if name not in ("postgres", "redis-server"):
                continue
            own, reaped = _ticks(pid)
            parent = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]
        except OSError:   # ended meanwhile: counted with its parent's children
            continue
        found = True
        total += own + (reaped if name == "postgres" and parent == "1" else 0)
    return total / os.sysconf("SC_CLK_TCK") if found else None


def shared_crawl(profile: Path, workers: int, work: Path, pg_admin: str, redis_url: str,
                 articles: int) -> dict:
    import psycopg
    import redis

    name = f"newsarchive_scale_{secrets.token_hex(4)}"
    base, _, _ = pg_admin.rpartition("/")
    db = f"{base}/{name}"
    archive = work / f"shared-{workers}"
    shutil.rmtree(archive, ignore_errors=True)
    client = redis.Redis.from_url(redis_url)
    client.flushdb()
    with psycopg.connect(pg_admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        servers = server_cpu()
        start = time.perf_counter()
        procs = [subprocess.Popen(
            [sys.executable, "-c", WRAPPER, sys.executable, "-m", "newsarchive.cli", "crawl",
             str(profile), "--archive", str(archive), "--db", db, "--frontier", redis_url,
             "--set", f"NEWS_WORKER_ID=w{i}", *SPEED],
            cwd=REPO, stdout=subprocess.PIPE, text=True) for i in range(workers)]
        results = [json.loads(p.communicate()[0].strip().splitlines()[-1]) for p in procs]
        wall = time.perf_counter() - start
        time.sleep(0.5)   # the workers' backends end and are reaped
        after = server_cpu()
        servers = after - servers if servers is not None and after is not None else None
        if any(r["code"] != 0 for r in results):
            raise SystemExit(f"a worker failed ({results}): see {archive / 'logs'}")
        with psycopg.connect(db) as conn:
            pages = conn.execute("SELECT count(*) FROM captures").fetchone()[0]
            stored, distinct = conn.execute(
                "SELECT count(*), count(DISTINCT canonical_url) FROM articles").fetchone()
            commits = conn.execute("SELECT xact_commit FROM pg_stat_database "
                                   "WHERE datname = %s", (name,)).fetchone()[0]
        if not stored == distinct == articles:
            raise SystemExit(f"correctness: {articles} articles, {stored} stored ({distinct} distinct)")
        bench.check_warcs(archive / "warcs")
    finally:
        client.flushdb()
        with psycopg.connect(pg_admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return {"workers": workers, "wall": wall, "pages": pages, "cpu": sum(r["cpu"] for r in results),
            "servers": servers, "commits": commits}


def sqlite_crawl(profile: Path, work: Path, articles: int) -> dict:
    archive = work / "sqlite"
    shutil.rmtree(archive, ignore_errors=True)
    result = bench.measured(bench.newsarchive("crawl", str(profile), "--archive", str(archive),
                                              *SPEED), cwd=REPO)
    if result["code"] != 0:
        raise SystemExit(f"SQLite crawl exited {result['code']}: see {archive / 'logs'}")
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        pages = conn.execute("SELECT count(*) FROM captures").fetchone()[0]
        stored = conn.execute("SELECT count(DISTINCT canonical_url) FROM articles").fetchone()[0]
    if stored != articles:
        raise SystemExit(f"correctness: {articles} articles, {stored} stored")
    return {"workers": 1, "wall": result["wall"], "pages": pages, "cpu": result["cpu"],
            "servers": 0.0, "commits": None}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--port", type=int, default=8082)
    parser.add_argument("--bench-dir", type=Path, default=REPO.parent / "shared" / "bench")
    parser.add_argument("--pg", default=os.environ.get(
        "NEWSARCHIVE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres"),
        help="an admin URL of the PostgreSQL server (a database is created and dropped)")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/14",
                        help="a Redis database this benchmark may flush")
    parser.add_argument("--sites-per-hour", type=int, default=1000)
    parser.add_argument("--pages-per-site", type=int, default=300,
                        help="pages one hourly run of a site fetches (listings, feeds, new and "
                             "re-checked articles)")
    args = parser.parse_args()
    bench.ensure_tools()
    work = Path(tempfile.mkdtemp(prefix="newsarchive-scale-"))
    work.chmod(0o755)  # nginx's workers read the site
    base = f"http://127.0.0.1:{args.port}"
    site = work / "site"
    subprocess.run([sys.executable, str(args.bench_dir / "make_site.py"), str(site),
                    "--articles", str(args.articles), "--base-url", base], check=True,
                   stdout=subprocess.DEVNULL)
    profile = work / "bench.toml"
    profile.write_text(bench.PROFILE_TOML.format(
        base=base, sections=", ".join(f'"/{s}/"' for s in bench.SECTIONS),
        feeds=", ".join(f'"/{s}/rss.xml"' for s in bench.SECTIONS)))
    env = {**os.environ, "SITE_DIR": str(site), "PORT": str(args.port),
           "NGINX_PREFIX": str(work / "nginx")}
    serve = bench.serving_dir(args.bench_dir, work) / "serve.sh"
    subprocess.run(["bash", str(serve), "start"], check=True, env=env, stdout=subprocess.DEVNULL)
    rows = []
    try:
        print("SQLite, 1 process ...", file=sys.stderr)
        rows.append(("SQLite", sqlite_crawl(profile, work, args.articles)))
        for n in (int(x) for x in args.workers.split(",")):
            print(f"PostgreSQL + Redis, {n} workers ...", file=sys.stderr)
            rows.append((f"PostgreSQL+Redis x{n}",
                         shared_crawl(profile, n, work, args.pg, args.redis, args.articles)))
    finally:
        subprocess.run(["bash", str(serve), "stop"], env=env, stdout=subprocess.DEVNULL)
        shutil.rmtree(work, ignore_errors=True)

    print(f"\nscaling benchmark: {args.articles} articles, one run each, {os.cpu_count()} cores\n")
    print("| store | workers | pages | wall s | pages/s | CPU ms/page, crawl | CPU ms/page, all "
          "| commits/s |")
    print("|---|---|---|---|---|---|---|---|")
    for label, r in rows:
        commits = f"{r['commits'] / r['wall']:.0f}" if r["commits"] is not None else "-"
        every = (f"{1000 * (r['cpu'] + r['servers']) / r['pages']:.1f}"
                 if r["servers"] is not None else "-")
        print(f"| {label} | {r['workers']} | {r['pages']} | {r['wall']:.1f} | "
              f"{r['pages'] / r['wall']:.1f} | {1000 * r['cpu'] / r['pages']:.1f} | {every} | "
              f"{commits} |")
    sqlite_pps = rows[0][1]["pages"] / rows[0][1]["wall"]
    shared = {r["workers"]: r["pages"] / r["wall"] for _, r in rows[1:]}
    if 1 in shared:
        print(f"\n1 worker on PostgreSQL / SQLite pages/s: {shared[1] / sqlite_pps:.2f} "
              f"(target >= 0.85)")
        if 2 in shared:
            print(f"2 workers / 1 worker pages/s: {shared[2] / shared[1]:.2f} (target >= 1.6; "
                  f"all workers share this machine's {os.cpu_count()} cores)")
    best = max(shared.values())
    need = args.sites_per_hour * args.pages_per_site / 3600
    print(f"projection: {args.sites_per_hour} sites hourly x {args.pages_per_site} pages = "
          f"{need:.0f} pages/s; at {best:.0f} pages/s per host like this one: "
          f"{math.ceil(need / best)} hosts (plus one for PostgreSQL and Redis)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
