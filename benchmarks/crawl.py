#!/usr/bin/env python3
"""Crawl throughput benchmark: newsarchive (full pipeline) against wget --warc-file and bare
Scrapy, on the reference news site, in the same run on the same machine.

    python benchmarks/crawl.py [--articles 5000] [--runs 3] [--bench-dir ../shared/bench]
                               [--requisites]

It generates the reference site (../shared/bench/make_site.py), serves it with nginx on
127.0.0.1 (installing Debian's nginx-light when missing), then for each run crawls it with
  1. newsarchive crawl (WARC capture, extraction, dedup, store), then again unchanged,
  2. wget --recursive --warc-file (one connection),
  3. bare Scrapy following the same links with no work per page (benchmarks/bare_scrapy.py),
and `newsarchive reextract` over the first crawl's WARC files when that command exists.
It prints pages/s, CPU ms per page (all processes), peak RSS, WARC bytes and records stored,
as medians of the runs with min-max, and the ratios to the anchors. It also checks that every
article of the generated site was stored exactly once and that every WARC passes warcio check.

newsarchive crawls with page requisites off (NEWS_REQUISITES_ENABLED=False), as wget and bare
Scrapy do, so the figures compare with earlier ones; `--requisites` turns them on and adds
what they cost: requisites fetched, their bytes, the WARC bytes, pages/s (pages: everything but
requisites) and fetches/s (requisites included).
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SECTIONS = ("world", "politics", "business", "technology", "science", "health", "sports", "culture")

PROFILE_TOML = """\
# Site profile of the reference benchmark site (written by benchmarks/crawl.py).
name = "bench"
base_url = "{base}/"
sections = [{sections}]
article_pattern = '^/[a-z]+/\\d{{4}}/\\d{{2}}/\\d{{2}}/[^/]+\\.html$'
feeds = [{feeds}]
sitemaps = ["/sitemap.xml"]
max_listing_pages = 100000
"""


def measured(command: list[str], **kwargs) -> dict:
    """Run a command in a wrapper process that reports its own children's CPU and peak RSS."""
    wrapper = ("import json, resource, subprocess, sys, time; t = time.perf_counter(); "
               "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
               "wall = time.perf_counter() - t; r = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(json.dumps({'code': code, 'wall': wall, 'cpu': r.ru_utime + r.ru_stime, "
               "'rss_mb': r.ru_maxrss / 1024}))")
    out = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True, text=True,
                         **kwargs)
    if out.returncode != 0 or not out.stdout.strip():
        raise SystemExit(f"benchmark step failed: {' '.join(command)}\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def ensure_tools() -> None:
    missing = [name for name in ("nginx", "wget") if shutil.which(name) is None
               and not Path(f"/usr/sbin/{name}").exists()]
    if missing:
        print(f"installing {', '.join(missing)} from Debian's packages ...", file=sys.stderr)
        packages = ["nginx-light" if name == "nginx" else name for name in missing]
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", *packages], check=True,
                       stdout=subprocess.DEVNULL)
    os.environ["PATH"] += os.pathsep + "/usr/sbin"


def serving_dir(bench_dir: Path, work: Path) -> Path:
    """The folder serve.sh and nginx.conf are used from: the reference one, or a copy whose
    nginx file cache fits this machine's open-file limit. nginx keeps up to
    `open_file_cache max=N` files open per worker; above the limit it answers 500 ("Too many
    open files"), as it did on a fast re-crawl of 100,000 articles under a 20,000 limit."""
    import re
    import resource

    conf = (bench_dir / "nginx.conf").read_text()
    found = re.search(r"open_file_cache max=(\d+)", conf)
    _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    fits = hard // 4 if hard != resource.RLIM_INFINITY else None
    if not found or fits is None or int(found.group(1)) <= fits:
        return bench_dir
    copy = work / "bench-serve"
    copy.mkdir(parents=True, exist_ok=True)
    shutil.copy(bench_dir / "serve.sh", copy / "serve.sh")
    (copy / "nginx.conf").write_text(conf.replace(found.group(0), f"open_file_cache max={fits}"))
    print(f"nginx: open_file_cache max={found.group(1)} -> {fits} (open-file limit {hard})",
          file=sys.stderr)
    return copy


def warc_stats(folder: Path) -> tuple[int, int]:
    """(bytes, response records) of every WARC under folder."""
    from warcio.archiveiterator import ArchiveIterator

    total = responses = 0
    for path in folder.rglob("*.warc.gz"):
        total += path.stat().st_size
        with open(path, "rb") as handle:
            responses += sum(1 for r in ArchiveIterator(handle) if r.rec_type == "response")
    return total, responses


def check_warcs(folder: Path) -> None:
    for path in folder.rglob("*.warc.gz"):
        result = subprocess.run([sys.executable, "-m", "warcio.cli", "check", str(path)],
                                capture_output=True, text=True)
        if result.returncode != 0:
            raise SystemExit(f"warcio check failed on {path}: {result.stdout[-500:]}")


def newsarchive(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsarchive.cli", *args]


def one_run(base: str, profile: Path, articles: int, work: Path, index: int, *,
            anchors: bool = True, requisites: bool = False, workers: int | None = None) -> dict:
    archive = work / f"archive-{index}"
    shutil.rmtree(archive, ignore_errors=True)  # a reused --work folder: crawl from scratch
    # newsarchive's own concurrency (8 per domain), without AutoThrottle's politeness delays:
    # 16 connections to the one host were slower (~32 s against ~28 s per 5,000 articles),
    # because the page worker, not the network, limits the crawl.
    speed = ["--set", "AUTOTHROTTLE_ENABLED=False",
             "--set", f"NEWS_REQUISITES_ENABLED={requisites}"]
    if workers is not None:
        speed += ["--set", f"NEWS_EXTRACT_WORKERS={workers}"]
    result: dict = {}
    first = measured(newsarchive("crawl", str(profile), "--archive", str(archive), *speed), cwd=REPO)
    if first["code"] != 0:
        raise SystemExit(f"newsarchive crawl exited {first['code']}: see {archive / 'logs'}")
    warc_bytes, _ = warc_stats(archive / "warcs")
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        pages = conn.execute("SELECT COUNT(*) FROM captures WHERE page_kind != 'requisite'"
                             ).fetchone()[0]
        fetches = conn.execute("SELECT COUNT(*) FROM captures").fetchone()[0]
        summary = json.loads(conn.execute("SELECT summary FROM runs ORDER BY id LIMIT 1"
                                          ).fetchone()[0] or "{}")
        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        distinct = conn.execute("SELECT COUNT(DISTINCT canonical_url) FROM articles").fetchone()[0]
        versions = conn.execute("SELECT COUNT(*) FROM versions").fetchone()[0]
    if not (stored == distinct == versions == articles):
        raise SystemExit(f"correctness: {articles} articles on the site, {stored} stored "
                         f"({distinct} distinct, {versions} versions)")
    check_warcs(archive / "warcs")
    result["newsarchive"] = {**first, "pages": pages, "warc_bytes": warc_bytes, "stored": stored,
                             "fetches": fetches,
                             "requisites": summary.get("requisites_fetched", 0),
                             "requisite_bytes": summary.get("requisites_bytes", 0),
                             "requisites_refused": summary.get("requisites_refused_too_large", 0)
                             + summary.get("requisites_refused_page_limit", 0)}

    second = measured(newsarchive("crawl", str(profile), "--archive", str(archive), *speed), cwd=REPO)
    if second["code"] != 0:
        raise SystemExit(f"newsarchive re-crawl exited {second['code']}: see {archive / 'logs'}")
    total_after, _ = warc_stats(archive / "warcs")
    result["recrawl"] = {**second, "added_bytes": total_after - warc_bytes}

    help_text = subprocess.run(newsarchive("--help"), capture_output=True, text=True, cwd=REPO).stdout
    if "reextract" in help_text:
        reextract = measured(newsarchive("reextract", "--archive", str(archive)), cwd=REPO)
        result["reextract"] = {**reextract, "pages": articles}

    if not anchors:
        return result
    wget_dir = work / f"wget-{index}"
    shutil.rmtree(wget_dir, ignore_errors=True)
    wget_dir.mkdir()
    wget = measured(["wget", "--recursive", "--level=inf", "--no-verbose", "--delete-after",
                     "--no-host-directories", "-e", "robots=on", "--reject-regex", r"/img/",
                     "--warc-file", str(wget_dir / "wget"), "--no-warc-keep-log",
                     f"{base}/"], cwd=wget_dir)
    wget_bytes, wget_pages = warc_stats(wget_dir)
    result["wget"] = {**wget, "pages": wget_pages, "warc_bytes": wget_bytes}

    bare = measured([sys.executable, str(REPO / "benchmarks" / "bare_scrapy.py"), f"{base}/"], cwd=work)
    result["scrapy"] = {**bare, "pages": int((work / "bare_scrapy_pages.txt").read_text())}
    return result


def summary_line(values: list[float], unit: str = "", digits: int = 1) -> str:
    med = statistics.median(values)
    return f"{med:.{digits}f}{unit} [{min(values):.{digits}f}-{max(values):.{digits}f}]"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--port", type=int, default=8080)
    parser.add_argument("--bench-dir", type=Path, default=REPO.parent / "shared" / "bench",
                        help="folder with make_site.py, serve.sh, nginx.conf")
    parser.add_argument("--work", type=Path, default=None, help="scratch folder (default: a temp dir)")
    parser.add_argument("--no-anchors", action="store_true",
                        help="crawl with newsarchive only (e.g. peak RSS at --articles 100000)")
    parser.add_argument("--workers", type=int, default=None,
                        help="newsarchive's page worker processes (NEWS_EXTRACT_WORKERS; "
                             "default: the setting's default, 1)")
    parser.add_argument("--requisites", action="store_true",
                        help="newsarchive also captures page requisites (pictures, stylesheets, "
                             "fonts, scripts); prints their count and bytes, pages/s and fetches/s")
    args = parser.parse_args()
    if not (args.bench_dir / "make_site.py").exists():
        raise SystemExit(f"no make_site.py in {args.bench_dir} (pass --bench-dir)")
    ensure_tools()
    work = args.work or Path(tempfile.mkdtemp(prefix="newsarchive-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    # mkdtemp makes it 0700: nginx's workers (www-data) could not read the site (403 on a fresh
    # machine, where nginx was just installed)
    work.chmod(0o755)
    base = f"http://127.0.0.1:{args.port}"
    site = work / f"site-{args.articles}"
    manifest = site / "MANIFEST.json"
    if manifest.exists() and json.loads(manifest.read_text()).get("base_url") != base:
        shutil.rmtree(site)  # generated for another port: its absolute links would miss nginx
    if not manifest.exists():
        print(f"generating {args.articles} articles in {site} ...", file=sys.stderr)
        subprocess.run([sys.executable, str(args.bench_dir / "make_site.py"), str(site),
                        "--articles", str(args.articles), "--base-url", base], check=True,
                       stdout=subprocess.DEVNULL)
    profile = work / "bench.toml"
    profile.write_text(PROFILE_TOML.format(
        base=base, sections=", ".join(f'"/{s}/"' for s in SECTIONS),
        feeds=", ".join(f'"/{s}/rss.xml"' for s in SECTIONS)))
    env = {**os.environ, "SITE_DIR": str(site), "PORT": str(args.port), "NGINX_PREFIX": str(work / "nginx")}
    serve = serving_dir(args.bench_dir, work) / "serve.sh"
    subprocess.run(["bash", str(serve), "start"], check=True, env=env, stdout=subprocess.DEVNULL)
    runs = []
    try:
        for index in range(args.runs):
            print(f"run {index + 1}/{args.runs} ...", file=sys.stderr)
            runs.append(one_run(base, profile, args.articles, work, index,
                                anchors=not args.no_anchors, requisites=args.requisites,
                                workers=args.workers))
    finally:
        subprocess.run(["bash", str(serve), "stop"], env=env, stdout=subprocess.DEVNULL)
    (work / "results.json").write_text(json.dumps(runs, indent=1))

    def pps(tool: str) -> list[float]:
        return [r[tool]["pages"] / r[tool]["wall"] for r in runs]

    def cpu_ms(tool: str) -> list[float]:
        return [1000 * r[tool]["cpu"] / r[tool]["pages"] for r in runs]

    workers = "" if args.workers is None else f", {args.workers} page workers"
    print(f"\nnewsarchive crawl benchmark: {args.articles} articles, {args.runs} runs{workers}, "
          f"medians [min-max]; raw figures in {work / 'results.json'}\n")
    print("| tool | pages | pages/s | CPU ms/page | peak RSS MB | WARC MB |")
    print("|---|---|---|---|---|---|")
    tools = ("newsarchive",) if args.no_anchors else ("newsarchive", "wget", "scrapy")
    for tool in tools:
        warc = [r[tool].get("warc_bytes", 0) / 1e6 for r in runs]
        print(f"| {tool} | {runs[0][tool]['pages']} | {summary_line(pps(tool))} | "
              f"{summary_line(cpu_ms(tool))} | {summary_line([r[tool]['rss_mb'] for r in runs], digits=0)} | "
              f"{summary_line(warc)} |")
    added = [r["recrawl"]["added_bytes"] / r["newsarchive"]["warc_bytes"] for r in runs]
    print()
    if args.requisites:
        na = [r["newsarchive"] for r in runs]
        print(f"page requisites: {summary_line([n['requisites'] for n in na], digits=0)} fetched "
              f"(refused over the size limits: {na[0]['requisites_refused']}), "
              f"{summary_line([n['requisite_bytes'] / 1e6 for n in na], ' MB')} of requisites, "
              f"WARC {summary_line([n['warc_bytes'] / 1e6 for n in na], ' MB')}; "
              f"{summary_line(pps('newsarchive'))} pages/s, "
              f"{summary_line([n['fetches'] / n['wall'] for n in na])} fetches/s "
              f"(requisites included)")
    if not args.no_anchors:
        ratio_wget = [a / b for a, b in zip(pps("newsarchive"), pps("wget"))]
        ratio_scrapy = [a / b for a, b in zip(pps("newsarchive"), pps("scrapy"))]
        warc_ratio = [r["newsarchive"]["warc_bytes"] / r["wget"]["warc_bytes"] for r in runs]
        print(f"newsarchive / wget pages/s: {summary_line(ratio_wget, digits=2)} (target >= 0.8)")
        print(f"newsarchive / bare Scrapy pages/s: {summary_line(ratio_scrapy, digits=2)}")
        print(f"newsarchive / wget WARC bytes: {summary_line(warc_ratio, digits=3)} (target within 5%)")
    print(f"unchanged re-crawl adds: {summary_line([100 * a for a in added], '%')} of the first "
          f"crawl's WARC bytes (target <= 5%)")
    print(f"records stored: {runs[0]['newsarchive']['stored']} articles, each exactly once; "
          f"every WARC passed warcio check")
    if all("reextract" in r for r in runs):
        print(f"reextract: {summary_line([r['reextract']['pages'] / r['reextract']['wall'] for r in runs])} "
              f"pages/s (target >= 300)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
