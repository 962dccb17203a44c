"""CPU time of extract() per page, and a byte-exact output check for optimisation work.

    python benchmarks/extract_speed.py time [--site DIR] [--cases DIR] [-n 300] [--repeat 3]
    python benchmarks/extract_speed.py dump OUT_DIR      # one JSON record per page
    python benchmarks/extract_speed.py compare REF_DIR   # exit 1 when any page differs

Page sets: article pages of a generated benchmark site (`--site`, served paths under
http://127.0.0.1:8081/), the annotated real pages (`--cases`), the HTML pages of
benchmarks/import.py's CC-NEWS-like file (articles and listings, `--import-n`) and the
demo site's articles and special pages, rendered in-process (with and without the v1 profile).
`time` runs extract() on the site and case pages and extract_page() (what imports and crawls
run: the article and the signals classify() reads) on the import pages. A speed change to the
extractor must leave every dumped record (Article.to_record() and the page's signals)
byte-identical.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path
from typing import Any, Iterator

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from crawler.extract import ExtractionError, FieldSelectors, extract, extract_page  # noqa: E402

BENCH_DIR = REPO.parent / "shared" / "bench"
DEFAULT_CASES = REPO.parent / "shared" / "testdata" / "articles"
SITE_URL = "http://127.0.0.1:8081/"

Page = tuple[str, bytes, str, Any]  # (key, data, url, profile)


def site_pages(site: Path, n: int) -> list[Page]:
    """`n` article pages of a generated benchmark site, spread over the whole site."""
    files = sorted(site.glob("*/2024/*/*/*.html"))
    if n and len(files) > n:
        step = len(files) / n
        files = [files[int(i * step)] for i in range(n)]
    out = []
    for f in files:
        rel = f.relative_to(site).as_posix()
        out.append((f"site/{rel}", f.read_bytes(), SITE_URL + rel, None))
    return out


def case_pages(cases: Path) -> list[Page]:
    """The annotated real pages, as benchmarks/extract.py loads them."""
    out = []
    for d in sorted(d for d in cases.iterdir() if (d / "page.html").is_file()):
        exp = json.loads((d / "expected.json").read_text("utf-8"))
        out.append((f"cases/{d.name}", (d / "page.html").read_bytes(), exp.get("url") or "", None))
    return out


def import_pages(n: int) -> list[Page]:
    """`n` HTML pages (articles and listings, about 70:15) made by benchmarks/import.py's page
    generator with its seed and host count: the same kind of pages as its file, not the same
    sequence (the file's other responses draw from the generator in between)."""
    import importlib.util
    import random

    spec = importlib.util.spec_from_file_location("import_bench", REPO / "benchmarks" / "import.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rng = random.Random(16)
    site = bench.Pages(rng, 300)
    out: list[Page] = []
    number = 0
    while len(out) < n:
        host = rng.choice(site.hosts)
        roll = rng.random()
        if roll < 0.70:
            url, body = site.article(host, number)
        elif roll < 0.85:
            url, body = site.listing(host, number)
        else:
            url = ""
        if url:
            out.append((f"import/{number}", body, url, None))
        number += 1
    return out


def demo_pages() -> list[Page]:
    """Every demo article (plus print, tracking and windows-1256 variants), rendered without a
    server, read generically and with the v1 profile."""
    try:
        from newsarchive import demosite
    except ImportError:
        return []

    class Profile:
        selectors = FieldSelectors(**demosite.V1_SELECTORS)

    base = "http://127.0.0.1:8000"
    site = demosite.DemoSite(seed=0)
    special = site.special_urls(base)
    urls = site.article_urls(base) + [special["print"], special["tracking"]]
    out: list[Page] = []
    for url in urls:
        resp = site.handle("GET", url[len(base):], {}, base)
        if resp.status != 200:
            continue
        out.append((f"demo/{url[len(base):]}", resp.body, url, None))
        out.append((f"demo-profile/{url[len(base):]}", resp.body, url, Profile()))
    return out


def record(page: Page) -> str:
    """extract()'s record of a page, and the signals extract_page() reads with it."""
    import dataclasses

    key, data, url, profile = page
    try:
        rec: Any = extract(data, url, profile=profile).to_record()
        rec["_signals"] = dataclasses.asdict(extract_page(data, url, profile=profile)[1])
    except ExtractionError as exc:
        rec = {"error": f"{type(exc).__name__}: {exc}"}
    return json.dumps(rec, sort_keys=True, ensure_ascii=False, default=sorted)


def all_pages(a: argparse.Namespace) -> Iterator[Page]:
    yield from site_pages(Path(a.site), a.n)
    yield from case_pages(Path(a.cases))
    yield from import_pages(a.import_n)
    yield from demo_pages()


def timed(pages: list[Page], repeat: int, run: Any = extract) -> list[float]:
    """Best-of-`repeat` CPU ms per page (process time: other load on the host does not count)
    of `run` (extract or extract_page)."""
    for p in pages[:3]:
        record(p)
    out = []
    for _, data, url, profile in pages:
        best = float("inf")
        for _ in range(repeat):
            t0 = time.process_time()
            try:
                run(data, url, profile=profile)
            except ExtractionError:
                pass
            best = min(best, time.process_time() - t0)
        out.append(best * 1000)
    return out


def generated_site(articles: int) -> str:
    """A reference site of `articles` articles in a temporary folder (deterministic output)."""
    import subprocess
    import tempfile

    if not (BENCH_DIR / "make_site.py").exists():
        raise SystemExit(f"no make_site.py in {BENCH_DIR}: pass --site DIR")
    site = Path(tempfile.mkdtemp(prefix="extract-speed-")) / "site"
    subprocess.run([sys.executable, str(BENCH_DIR / "make_site.py"), str(site), "--articles",
                    str(articles), "--base-url", SITE_URL.rstrip("/")], check=True,
                   stdout=subprocess.DEVNULL)
    return str(site)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("command", choices=("time", "dump", "compare"))
    ap.add_argument("dir", nargs="?")
    ap.add_argument("--site", default=None,
                    help="a site made by make_site.py with --base-url http://127.0.0.1:8081 "
                         "(default: generate one with ../shared/bench/make_site.py)")
    ap.add_argument("--cases", default=str(DEFAULT_CASES))
    ap.add_argument("-n", type=int, default=300, help="benchmark-site pages to use")
    ap.add_argument("--import-n", type=int, default=300,
                    help="HTML pages of benchmarks/import.py's file to use (0: none)")
    ap.add_argument("--repeat", type=int, default=3)
    a = ap.parse_args(argv)
    if a.site is None:
        a.site = generated_site(max(a.n, 300))
    if a.command == "time":
        for name, pages, run in (("site", site_pages(Path(a.site), a.n), extract),
                                 ("cases", case_pages(Path(a.cases)), extract),
                                 ("import", import_pages(a.import_n), extract_page)):
            ms = timed(pages, a.repeat, run)
            if not ms:
                print(f"{name}: no pages (skipped)")
                continue
            print(f"{name}: {len(ms)} pages, CPU ms/page median={statistics.median(ms):.2f} "
                  f"mean={statistics.fmean(ms):.2f} total={sum(ms) / 1000:.2f}s")
        return 0
    if not a.dir:
        ap.error("dump/compare need a directory")
    ref = Path(a.dir)
    if a.command == "dump":
        ref.mkdir(parents=True, exist_ok=True)
        n = 0
        with open(ref / "records.jsonl", "w", encoding="utf-8") as fh:
            for page in all_pages(a):
                fh.write(json.dumps([page[0], record(page)], ensure_ascii=False) + "\n")
                n += 1
        print(f"{n} records in {ref / 'records.jsonl'}")
        return 0
    want = {}
    with open(ref / "records.jsonl", encoding="utf-8") as fh:
        for line in fh:
            key, rec = json.loads(line)
            want[key] = rec
    diffs = []
    seen = 0
    for page in all_pages(a):
        seen += 1
        if want.get(page[0]) != record(page):
            diffs.append(page[0])
    missing = len(want) - seen
    print(f"{seen} pages compared, {len(diffs)} differ, {missing} missing")
    for key in diffs[:20]:
        print(f"differs: {key}")
    return 1 if diffs or missing else 0


if __name__ == "__main__":
    sys.exit(main())
