#!/usr/bin/env python3
"""`newsarchive import-warc` throughput on a CC-NEWS-like WARC file it writes itself.

    python benchmarks/import.py [--pages 10000] [--hosts 300] [--jobs N] [--reference] [--keep DIR]

Writes one per-record gzip WARC/1.0 file (as Common Crawl's CC-NEWS files are: a warcinfo
record, then response records only) in a temporary folder: `--pages` responses over `--hosts`
hosts, ~70% article pages of varying size (title, og/article meta tags, byline, date, a figure
with caption and credit, 4-40 paragraphs, sub-headings, scripts, navigation and footer
boilerplate), ~30% no article (section listings, JSON, images, PDFs, redirects, 404 pages), and
~2% of the HTML responses cut short with `WARC-Truncated: length`. Then it runs the real CLI
(`python -m newsarchive.cli import-warc FILE --archive TMP`) once and prints pages/s (response
records per wall-clock second, from start to exit: checksum, copy, read, extract, store), CPU ms
per page of all processes (the import and its worker processes, from getrusage
RUSAGE_CHILDREN) and peak memory of the process tree, sampled every 0.1 s from /proc: the sum of
RSS (counts pages forked workers share with the parent once per process) and the sum of PSS
(shared pages split between the processes: the memory really used). It also checks that every
article page was stored once. `--reference` imports with `import-warc --reference` (the file
linked where it lies, not copied; every record's digests checked).
"""
from __future__ import annotations

import argparse
import io
import os
import random
import resource
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parent.parent

WORDS = (
    "the council said on tuesday that it would review the plan after residents raised concerns "
    "about cost noise traffic and the safety of children walking to school along the harbour "
    "road minister government officials announced new funding for hospitals schools and roads "
    "while critics argued the money would arrive too late for families already struggling with "
    "rising prices energy bills and rents in the city centre police investigators confirmed "
    "that two men had been arrested following the incident near the station late on friday "
    "evening witnesses described scenes of confusion as emergency services arrived the company "
    "reported quarterly profits above expectations despite weaker demand in europe and asia "
    "analysts expect the central bank to hold interest rates steady at its next meeting in june "
    "the team won its third match in a row thanks to a late goal from the young striker who "
    "joined the club last summer from a rival in the north the festival will return next year "
    "with more artists more stages and cheaper tickets for students organisers said"
).split()
SECTIONS = ("world", "politics", "business", "economy", "sport", "culture", "science", "health")


def sentences(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(9, 28))]
        out.append(" ".join(words).capitalize() + ".")
    return out


class Pages:
    """HTML of a CC-NEWS-like crawl: each host has its own boilerplate; every article its own
    text (a unique sentence per paragraph, so no two articles share a content hash)."""

    def __init__(self, rng: random.Random, hosts: int) -> None:
        self.rng = rng
        self.pool = sentences(rng, 4000)
        self.hosts = [f"{rng.choice(('www.', 'news.', ''))}site{n}.{rng.choice(('com', 'co.uk', 'org', 'net', 'com.au'))}"
                      for n in range(hosts)]
        # per host: navigation, a script bundle and a footer of its own size
        self.chrome = {}
        for host in self.hosts:
            nav = "".join(f"<li><a href='/{s}/'>{s.title()}</a></li>" for s in SECTIONS)
            script = "var cfg = {" + ",".join(
                f"'k{i}': '{rng.getrandbits(64):x}'" for i in range(rng.randint(50, 900))) + "};"
            footer = "".join(f"<a href='/page/{i}'>{' '.join(rng.sample(WORDS, 3))}</a> "
                             for i in range(rng.randint(20, 120)))
            self.chrome[host] = (f"<header><nav><ul>{nav}</ul></nav></header>",
                                 f"<script>{script}</script>", f"<footer>{footer}</footer>")

    def _text(self, n: int) -> str:
        return " ".join(self.rng.choice(self.pool) for _ in range(n))

    def article(self, host: str, number: int) -> tuple[str, bytes]:
        rng = self.rng
        section = rng.choice(SECTIONS)
        day = f"2024-05-{rng.randint(1, 28):02d}"
        title = " ".join(rng.sample(WORDS, rng.randint(6, 12))).capitalize()
        url = f"https://{host}/{section}/{day.replace('-', '/')}/story-{number}"
        header, script, footer = self.chrome[host]
        paragraphs = rng.choice((4, 6, 8, 12, 16, 24, 40))
        body = []
        for k in range(paragraphs):
            if k and k % 7 == 0:
                body.append(f"<h2>{' '.join(rng.sample(WORDS, 4)).capitalize()}</h2>")
            body.append(f"<p>{self._text(rng.randint(2, 5))} Story {number} paragraph {k}.</p>")
        figure = (f"<figure><img src='https://{host}/img/{number}.jpg' alt=''><figcaption>"
                  f"{self._text(1)} [Jane Roe/Agency]</figcaption></figure>")
        related = "".join(f"<li><a href='/{section}/related-{number}-{i}'>"
                          f"{' '.join(rng.sample(WORDS, 6))}</a></li>" for i in range(6))
        author = rng.choice(("Anna Smith", "Omar Haddad", "Li Wei", "Maria Rossi", "John Okafor"))
        html = (
            f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title} | "
            f"{host}</title><link rel='canonical' href='{url}'>"
            f"<meta property='og:type' content='article'><meta property='og:title' "
            f"content='{title}'><meta property='article:published_time' "
            f"content='{day}T{rng.randint(0, 23):02d}:15:00Z'><meta name='author' "
            f"content='{author}'>{script}</head><body>{header}<main><article>"
            f"<p class='section'>{section.title()}</p><h1>{title}</h1>"
            f"<p class='dek'>{self._text(1)}</p><p class='byline'>By {author} |</p>"
            f"<time datetime='{day}T09:00:00Z'>{day}</time>{figure}{''.join(body)}</article>"
            f"<aside><h3>Related</h3><ul>{related}</ul></aside></main>{footer}</body></html>")
        return url, html.encode()

    def listing(self, host: str, number: int) -> tuple[str, bytes]:
        rng = self.rng
        section = rng.choice(SECTIONS)
        header, script, footer = self.chrome[host]
        items = "".join(
            f"<li><h3><a href='/{section}/story-{number}-{i}'>"
            f"{' '.join(rng.sample(WORDS, 8)).capitalize()}</a></h3>"
            f"<p>{rng.choice(self.pool)}</p></li>" for i in range(rng.randint(15, 50)))
        html = (f"<!doctype html><html lang='en'><head><meta charset='utf-8'>"
                f"<title>{section.title()} | {host}</title>{script}</head><body>{header}<main>"
                f"<h1>{section.title()}</h1><ul>{items}</ul></main>{footer}</body></html>")
        return f"https://{host}/{section}/page/{number}", html.encode()


def write_warc(path: Path, *, pages: int, hosts: int, seed: int = 16) -> dict[str, int]:
    """The benchmark's WARC file; returns how many responses of each kind it holds."""
    rng = random.Random(seed)
    site = Pages(rng, hosts)
    kinds: dict[str, int] = {}
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True, warc_version="1.0")
        writer.write_record(writer.create_warcinfo_record(path.name, {
            "software": "newsarchive benchmarks/import.py", "format": "WARC File Format 1.0",
            "description": "CC-NEWS-like benchmark file"}))
        for number in range(pages):
            host = rng.choice(site.hosts)
            roll = rng.random()
            status, content_type, extra = "200 OK", "text/html; charset=utf-8", []
            if roll < 0.70:
                kind, (url, body) = "article", site.article(host, number)
            elif roll < 0.85:
                kind, (url, body) = "listing", site.listing(host, number)
            elif roll < 0.89:
                kind, url = "json", f"https://{host}/api/items/{number}.json"
                body, content_type = (b'{"items": [' + b",".join(
                    b'{"id": %d}' % i for i in range(rng.randint(10, 400))) + b"]}"),\
                    "application/json"
            elif roll < 0.93:
                kind, url = "image", f"https://{host}/img/{number}.jpg"
                body, content_type = rng.randbytes(rng.randint(2000, 60000)), "image/jpeg"
            elif roll < 0.95:
                kind, url = "pdf", f"https://{host}/docs/{number}.pdf"
                body, content_type = b"%PDF-1.4\n" + rng.randbytes(20000), "application/pdf"
            elif roll < 0.975:
                kind, url, status = "redirect", f"https://{host}/s/{number}", "301 Moved Permanently"
                body, extra = b"", [("Location", f"https://{host}/world/story-{number}")]
            else:
                kind, url, status = "not-found", f"https://{host}/gone/{number}", "404 Not Found"
                body = b"<html><body><h1>Page not found</h1></body></html>"
            warc_headers = {"WARC-Date": f"2024-05-{1 + number * 28 // pages:02d}T"
                                         f"{number % 24:02d}:{number % 60:02d}:00Z"}
            length = len(body)
            if content_type.startswith("text/html") and status.startswith("200") \
                    and rng.random() < 0.02:
                # cut short by the crawler's size limit: the HTTP header still says the full size
                kind, body = "truncated", body[:rng.randint(len(body) // 4, len(body) // 2)]
                warc_headers["WARC-Truncated"] = "length"
            http = StatusAndHeaders(status, [("Content-Type", content_type),
                                             ("Content-Length", str(length)), *extra],
                                    protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=http,
                warc_headers_dict=warc_headers))
            kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


class TreeMemory(threading.Thread):
    """Peak RSS and PSS (MB) summed over a process and its descendants, sampled from /proc."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak_rss, self.peak_pss, self.largest = pid, 0.0, 0.0, 0.0
        self.done = threading.Event()

    def _tree(self) -> list[int]:
        pids, queue = [], [self.pid]
        while queue:
            pid = queue.pop()
            pids.append(pid)
            try:
                for task in Path(f"/proc/{pid}/task").iterdir():
                    queue += [int(c) for c in (task / "children").read_text().split()]
            except OSError:
                pass
        return pids

    def run(self) -> None:
        while not self.done.wait(0.1):
            rss = pss = 0.0
            for pid in self._tree():
                try:
                    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                        if line.startswith(("Rss:", "Pss:")):
                            value = int(line.split()[1]) / 1024
                            if line.startswith("Rss:"):
                                rss += value
                                self.largest = max(self.largest, value)
                            else:
                                pss += value
                except OSError:
                    continue
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)


def run_import(warc: Path, archive: Path, jobs: int | None,
               reference: bool = False) -> dict[str, float]:
    command = [sys.executable, "-m", "newsarchive.cli", "import-warc", str(warc),
               "--archive", str(archive)] + (["--jobs", str(jobs)] if jobs else []) + (
                   ["--reference"] if reference else [])
    env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_ARCHIVE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(process.pid)
    memory.start()
    out, err = process.communicate()
    wall = time.perf_counter() - started
    memory.done.set()
    memory.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):   # 1: some records unreadable, reported
        raise SystemExit(f"import-warc failed ({process.returncode}):\n{err[-3000:]}")
    print(out.rstrip())
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "rss": memory.peak_rss, "pss": memory.peak_pss,
            "largest": memory.largest}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--hosts", type=int, default=300)
    parser.add_argument("--jobs", type=int, help="import-warc --jobs (default: its own)")
    parser.add_argument("--reference", action="store_true",
                        help="import-warc --reference: link the file, check its digests")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="newsarchive-import-bench-") as scratch:
        work = args.keep or Path(scratch)
        work.mkdir(parents=True, exist_ok=True)
        warc = work / "CC-NEWS-BENCH-00000.warc.gz"
        started = time.perf_counter()
        kinds = write_warc(warc, pages=args.pages, hosts=args.hosts)
        print(f"wrote {warc.name}: {sum(kinds.values()):,} responses "
              f"({', '.join(f'{k} {v:,}' for k, v in sorted(kinds.items()))}), "
              f"{warc.stat().st_size / 1e6:.1f} MB, in {time.perf_counter() - started:.0f} s")
        load = os.getloadavg()[0]
        figures = run_import(warc, work / "archive", args.jobs, args.reference)
        with sqlite3.connect(work / "archive" / "records.sqlite3") as conn:
            captures, distinct = conn.execute(
                "SELECT COUNT(*), COUNT(DISTINCT record_id) FROM captures").fetchone()
            articles, versions = conn.execute(
                "SELECT (SELECT COUNT(*) FROM articles), (SELECT COUNT(*) FROM versions)"
            ).fetchone()
        pages = sum(kinds.values())
        print(f"captures {captures:,} ({distinct:,} distinct records), articles {articles:,}, "
              f"versions {versions:,} (article pages written: {kinds.get('article', 0):,})")
        print(f"pages/s {pages / figures['wall']:.1f}  ({pages:,} responses in "
              f"{figures['wall']:.1f} s)")
        print(f"CPU ms per page {1000 * figures['cpu'] / pages:.2f} (all processes)")
        print(f"peak memory: RSS summed over processes {figures['rss']:.0f} MB, PSS summed "
              f"{figures['pss']:.0f} MB, largest process RSS {figures['largest']:.0f} MB")
        print(f"machine: {os.cpu_count()} cores, load average before the import {load:.2f}")
        if captures != distinct or articles != versions:
            raise SystemExit("FAIL: a record or an article was stored twice")


if __name__ == "__main__":
    main()
