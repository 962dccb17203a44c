#!/usr/bin/env python3
"""Rendering-mode cost: the demo site crawled without and with `--render`, on one machine.

    python benchmarks/render.py [--runs 3]

It serves the bundled demo site with its JavaScript-only article (`DemoSite(scripted=True)`) on
127.0.0.1 and, for each run, crawls it with the `demo` profile into a fresh archive, first as a
plain crawl, then in rendering mode (headless Chromium, crawler/render.py), each followed by an
unchanged re-crawl. Page requisites stay on (the default), AutoThrottle off. It prints, as
medians [min-max]: pages (captures other than requisites), rendered pages, the browser's other
exchanges, wall seconds, wall and CPU ms per page (CPU of every process: the crawl, its page
worker, the Playwright driver and Chromium's processes), peak RSS of the largest process, WARC
bytes, and the re-crawl's wall time and added WARC bytes. It checks that the plain crawl named
the JavaScript-only page (`needs JavaScript`) and that the rendered crawl stored it.
"""
from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from newsarchive.demosite import DemoServer, DemoSite  # noqa: E402
from newsarchive.demosite import scripted  # noqa: E402


def measured(command: list[str]) -> dict:
    """Run a command in a wrapper process that reports its children's CPU and peak RSS (every
    descendant that was waited for: Chromium's processes are the Playwright driver's)."""
    wrapper = ("import json, resource, subprocess, sys, time; t = time.perf_counter(); "
               "code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL).returncode; "
               "wall = time.perf_counter() - t; r = resource.getrusage(resource.RUSAGE_CHILDREN); "
               "print(json.dumps({'code': code, 'wall': wall, 'cpu': r.ru_utime + r.ru_stime, "
               "'rss_mb': r.ru_maxrss / 1024}))")
    out = subprocess.run([sys.executable, "-c", wrapper, *command], capture_output=True,
                         text=True, cwd=REPO)
    if out.returncode != 0 or not out.stdout.strip():
        raise SystemExit(f"benchmark step failed: {' '.join(command)}\n{out.stderr[-2000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    if result["code"] != 0:
        raise SystemExit(f"{' '.join(command)} exited {result['code']}")
    return result


def warc_bytes(archive: Path) -> int:
    return sum(p.stat().st_size for p in (archive / "warcs").rglob("*.warc.gz"))


def one_run(base: str, work: Path, *, render: bool) -> dict:
    archive = work / ("rendered" if render else "plain")
    crawl = [sys.executable, "-m", "newsarchive.cli", "crawl", "demo", "--base-url", base,
             "--archive", str(archive), "--set", "AUTOTHROTTLE_ENABLED=False",
             *(["--render"] if render else [])]
    first = measured(crawl)
    size = warc_bytes(archive)
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        summary = json.loads(conn.execute("SELECT summary FROM runs ORDER BY id LIMIT 1"
                                          ).fetchone()[0])
        pages = conn.execute("SELECT COUNT(*) FROM captures WHERE run_id = 1 AND "
                             "page_kind != 'requisite'").fetchone()[0]
        stored = {row[0] for row in conn.execute("SELECT canonical_url FROM articles")}
    page = base + scripted.PATH
    if render and page not in stored:
        raise SystemExit("correctness: the rendered crawl did not store the JavaScript-only page")
    if not render and (page in stored or summary.get("needs_javascript") != 1):
        raise SystemExit("correctness: the plain crawl did not name the JavaScript-only page")
    second = measured(crawl)
    return {**first, "pages": pages, "articles": len(stored), "warc_bytes": size,
            "rendered": summary.get("rendered_pages", 0),
            "exchanges": summary.get("render_exchanges", 0),
            "requisites": summary.get("requisites_fetched", 0),
            "recrawl_wall": second["wall"], "recrawl_bytes": warc_bytes(archive) - size}


def med(values: list[float], digits: int = 1, unit: str = "") -> str:
    return (f"{statistics.median(values):.{digits}f}{unit} "
            f"[{min(values):.{digits}f}-{max(values):.{digits}f}]")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    results: dict[str, list[dict]] = {"plain": [], "render": []}
    with tempfile.TemporaryDirectory(prefix="newsarchive-render-bench-") as tmp, \
            DemoServer(DemoSite(scripted=True)) as server:
        for index in range(args.runs):
            for mode in ("plain", "render"):
                print(f"run {index + 1}/{args.runs}: {mode} ...", file=sys.stderr)
                work = Path(tmp) / f"{mode}-{index}"
                results[mode].append(one_run(server.base_url, work, render=mode == "render"))
    print(f"\nrendering-mode benchmark: the demo site (demo profile, requisites on), "
          f"{args.runs} runs, medians [min-max]\n")
    print("| mode | pages | rendered | browser exchanges | articles | wall s | wall ms/page | "
          "CPU ms/page | peak RSS MB | WARC MB | re-crawl s | re-crawl adds MB |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for mode, runs in results.items():
        print(f"| {mode} | {runs[0]['pages']} | {runs[0]['rendered']} | "
              f"{med([r['exchanges'] for r in runs], 0)} | {runs[0]['articles']} | "
              f"{med([r['wall'] for r in runs])} | "
              f"{med([1000 * r['wall'] / r['pages'] for r in runs], 0)} | "
              f"{med([1000 * r['cpu'] / r['pages'] for r in runs], 0)} | "
              f"{med([r['rss_mb'] for r in runs], 0)} | "
              f"{med([r['warc_bytes'] / 1e6 for r in runs], 2)} | "
              f"{med([r['recrawl_wall'] for r in runs])} | "
              f"{med([r['recrawl_bytes'] / 1e6 for r in runs], 2)} |")
    ratio_wall = [r["wall"] / p["wall"] for r, p in zip(results["render"], results["plain"])]
    ratio_cpu = [r["cpu"] / p["cpu"] for r, p in zip(results["render"], results["plain"])]
    print(f"\nrender / plain: wall {med(ratio_wall, 1, 'x')}, CPU {med(ratio_cpu, 1, 'x')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
