"""SIGKILL at seeded random moments during real crawls, then resume: nothing lost, nothing
stored twice, every WARC valid, every record's WARC reference readable, the database intact.

Each trial crawls a fresh archive of the demo site (N articles, ~2.3 pages per article:
listings, feeds, sitemaps, print pages, robots.txt), kills the crawler with SIGKILL after a
random number of served requests, sometimes kills the resumed run too, then resumes until a
run finishes. `benchmarks/kill_trials.py` runs the same code at ~1,600-2,000 pages x 20 trials.
"""
from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from archive.records import WarcRef
from archive.warc import iter_warc_files, read_record
from newsarchive.demosite import DemoServer, DemoSite

from .conftest import warcio_check

REPO = Path(__file__).resolve().parent.parent
CRAWL_SETTINGS = ("--set", "AUTOTHROTTLE_ENABLED=False", "--set", "CONCURRENT_REQUESTS_PER_DOMAIN=16")


@dataclass
class SoakReport:
    articles: int
    trials: int = 0
    kills: int = 0
    pages_per_crawl: int = 0
    lost: int = 0
    duplicated: int = 0
    seconds: float = 0.0
    kill_points: list[int] = field(default_factory=list)

    def line(self) -> str:
        return (f"{self.trials} trials, {self.kills} SIGKILLs (at requests {self.kill_points}), "
                f"{self.articles} articles / ~{self.pages_per_crawl} pages per crawl: lost "
                f"{self.lost}, duplicated {self.duplicated}, {self.seconds:.0f} s")


def _crawl(server: DemoServer, archive: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "newsarchive.cli", "crawl", "demo", "--base-url",
                             server.base_url, "--archive", str(archive), *CRAWL_SETTINGS],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)


def _kill_after(process: subprocess.Popen[str], server: DemoServer, requests: int) -> bool:
    """SIGKILL once the server has answered `requests` requests; False if the run ended first."""
    deadline = time.monotonic() + 300
    while len(server.requests) < requests and process.poll() is None:
        assert time.monotonic() < deadline, "crawl stalled"
        time.sleep(0.002)
    killed = process.poll() is None
    if killed:
        os.kill(process.pid, signal.SIGKILL)
    process.communicate(timeout=60)
    return killed


def check_archive(archive: Path, truth: set[str]) -> tuple[int, int]:
    """(lost, duplicated) articles; asserts WARC validity, readable references, integrity."""
    db = sqlite3.connect(f"file:{archive / 'records.sqlite3'}?mode=ro", uri=True)
    try:
        assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored = [row[0] for row in db.execute(
            "SELECT a.canonical_url FROM articles a")]
        versions = db.execute("SELECT COUNT(*) FROM versions").fetchone()[0]
        refs = db.execute("SELECT warc_file, warc_offset, warc_length, record_id FROM captures").fetchall()
        statuses = [row[0] for row in db.execute("SELECT status FROM runs")]
    finally:
        db.close()
    assert "running" not in statuses and statuses[-1] == "ok", statuses
    assert not list((archive / "warcs").rglob("*.open")), "an unfinished WARC was left behind"
    warcio_check(iter_warc_files(archive / "warcs"))
    for row in refs:
        headers, _, _ = read_record(archive / "warcs", WarcRef(*row))
        assert headers["WARC-Record-ID"] == row[3]
    assert versions == len(stored), "an article got a second version from a re-fetch"
    return len(truth - set(stored)), len(stored) - len(set(stored))


def kill_trials(*, articles: int, trials: int, seed: int, workdir: Path) -> SoakReport:
    """Run `trials` seeded kill-and-resume trials on a demo site of `articles` articles."""
    rng = random.Random(seed)
    site = DemoSite(seed=seed, per_language=max(26, articles // 2))
    report = SoakReport(articles=len(site.articles()))
    started = time.monotonic()
    with DemoServer(site, port=0) as server:
        truth = set(site.article_urls(server.base_url))
        # One undisturbed crawl measures how many requests a whole crawl makes.
        baseline = workdir / "baseline"
        process = _crawl(server, baseline)
        process.communicate(timeout=600)
        assert process.returncode == 0
        report.pages_per_crawl = len(server.requests)
        for trial in range(trials):
            archive = workdir / f"trial-{trial:02d}"
            server.clear_log()
            point = rng.randint(1, report.pages_per_crawl - 1)
            report.kill_points.append(point)
            report.kills += _kill_after(_crawl(server, archive), server, point)
            if rng.random() < 0.3:  # kill the resumed run too, somewhere in its first half
                server.clear_log()
                second = rng.randint(1, report.pages_per_crawl // 2)
                report.kill_points.append(second)
                report.kills += _kill_after(_crawl(server, archive), server, second)
            resumed = _crawl(server, archive)
            out, err = resumed.communicate(timeout=600)
            assert resumed.returncode == 0, out + err
            lost, duplicated = check_archive(archive, truth)
            report.lost += lost
            report.duplicated += duplicated
            report.trials += 1
            assert (lost, duplicated) == (0, 0), f"trial {trial} (kill at {point}): lost {lost}, duplicated {duplicated}"
            subprocess.run(["rm", "-rf", str(archive)], check=True)
    report.seconds = time.monotonic() - started
    return report


@pytest.mark.slow   # ~45 crawls of a 100-article site: minutes
@pytest.mark.timeout(900)   # the default 300 s is too short for it on a loaded 2-core machine
def test_sigkill_at_random_moments_then_resume_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    report = kill_trials(articles=100, trials=20, seed=6, workdir=tmp_path)
    print("\nkill soak: " + report.line())
    assert report.trials == 20 and report.kills >= 20
    assert report.lost == report.duplicated == 0
