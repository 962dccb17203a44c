"""A shared crawl (`newsarchive crawl SITE --frontier redis://... --db postgresql://...`): real
worker processes, the real demo site over HTTP, real Redis (a database number of these tests,
flushed before and after) and a real PostgreSQL database per test.

Needs Redis on 127.0.0.1:6379 and PostgreSQL (tests/services.sh starts both), and scrapy-redis
with a redis client >= 5 in the interpreter (pyproject.toml); without them the tests skip
(CI=true makes that a failure).
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.demosite import DemoServer, DemoSite
from newsarchive.demosite.routes import Response

from .conftest import REPO, run_cli, warcio_check


def _tests_redis_url() -> str:
    """$NEWSARCHIVE_TEST_REDIS (default database 13), with the database number moved on by the
    pytest-xdist worker's index (gw1: 12, gw2: 11, ...; database 0, the usual one, comes last):
    parallel workers never flush each other's frontier."""
    base = os.environ.get("NEWSARCHIVE_TEST_REDIS", "redis://127.0.0.1:6379/13")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    offset = int(worker[2:]) if worker[2:].isdigit() else 0
    head, _, number = base.rstrip("/").rpartition("/")
    if not offset or not number.isdigit():
        return base
    return f"{head}/{(int(number) - offset) % 16}"   # Redis has databases 0-15 by default


REDIS_URL = _tests_redis_url()
# quick crawls of a local site: no throttling, a short lease so a killed worker's requests
# come back within seconds
FAST = ("--set", "AUTOTHROTTLE_ENABLED=False", "--set", "NEWS_FRONTIER_LEASE=3",
        "--set", "CONCURRENT_REQUESTS=8")


def _unavailable(why: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{why}; CI must run the shared-crawl tests (tests/services.sh)", pytrace=False)
    pytest.skip(why)


@pytest.fixture
def redis_url() -> Iterator[str]:
    """The tests' Redis database, empty before and flushed after."""
    try:
        import redis
        import scrapy_redis  # noqa: F401
    except ImportError as exc:
        _unavailable(f"scrapy-redis is not installed ({exc})")
    if int(redis.__version__.split(".")[0]) < 5:
        _unavailable(f"redis client {redis.__version__} is older than 5 (pywb's pin?)")
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.flushdb()
    except redis.RedisError as exc:
        _unavailable(f"Redis at {REDIS_URL} is unreachable: {exc}")
    yield REDIS_URL
    client.flushdb()


def test_enqueue_checks_the_run_and_writes_in_one_step(redis_url: str) -> None:
    """A request is queued, and its fingerprint kept, only while the run is on: once the run's
    keys are gone (the others finished it), an enqueue writes nothing at all, however long the
    worker was stopped between looking at the run and writing."""
    import redis

    from crawler.frontier import Frontier

    client = redis.Redis.from_url(redis_url)
    frontier = Frontier(client, "example.org", "w1", lease=5)
    frontier.start_run(7)
    assert frontier.enqueue("fp-1", 0, b"request-1") == 1
    assert frontier.enqueue("fp-1", 0, b"request-1 again") == 0   # seen: not queued twice
    assert frontier.enqueue(None, 0, b"request-1 unfiltered") == 1
    assert client.zcard(frontier.k_queue) == 2
    client.delete(*[key for key in client.keys(f"{frontier.prefix}:*")])   # the run ended
    assert frontier.enqueue("fp-2", 0, b"request-2") == -1
    assert client.keys(f"{frontier.prefix}:*") == []


def test_sync_queues_then_releases_then_pops_in_one_step(redis_url: str) -> None:
    """What a worker tells Redis between two requests goes in one script: the requests found
    (seen ones filtered), the release of finished entries, the pop into the worker's hash. Once
    the run's keys are gone, it writes and pops nothing."""
    import redis

    from crawler.frontier import Frontier

    client = redis.Redis.from_url(redis_url)
    frontier = Frontier(client, "example.org", "w1", lease=5)
    frontier.start_run(7)
    on, queued, popped = frontier.sync([("fp-1", 0, b"request-1"), ("fp-1", 0, b"again"),
                                        (None, 1, b"request-2")], [], pop=True)
    assert on and queued == [True, False, True]
    assert popped is not None and popped[1] == b"request-1"   # the best (lowest) score first
    first = popped[0]
    assert client.hgetall(frontier.k_proc) == {first.encode(): b"request-1"}
    on, queued, popped = frontier.sync([], [first], pop=True)
    assert on and queued == [] and popped is not None and popped[1] == b"request-2"
    assert client.hgetall(frontier.k_proc) == {popped[0].encode(): b"request-2"}
    assert frontier.sync([], [], pop=True) == (True, [], None)   # nothing left to pop
    client.delete(*[key for key in client.keys(f"{frontier.prefix}:*")])   # the run ended
    assert frontier.sync([("fp-3", 0, b"request-3")], [popped[0]], pop=True) == (False, [False],
                                                                               None)
    assert client.keys(f"{frontier.prefix}:*") == []


def _worker(server: DemoServer, archive: Path, db: str, frontier: str, name: str,
            *extra: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_ARCHIVE"}
    return subprocess.Popen(
        [sys.executable, "-m", "newsarchive.cli", "crawl", "demo", "--base-url", server.base_url,
         "--archive", str(archive), "--db", db, "--frontier", frontier,
         "--set", f"NEWS_WORKER_ID={name}", *FAST, *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO, env=env)


def _articles(db: str) -> list[str]:
    import psycopg

    with psycopg.connect(db) as conn:
        return [row[0] for row in conn.execute("SELECT canonical_url FROM articles")]


def _runs(archive: Path, db: str) -> list[dict]:
    result = run_cli("runs", "--archive", str(archive), "--db", db, "--json")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def _fetches_by_worker(archive: Path) -> Counter[str]:
    """Response and revisit records in each worker's WARC files (worker id from the name)."""
    from warcio.archiveiterator import ArchiveIterator

    counts: Counter[str] = Counter()
    for path in (archive / "warcs" / "demo").glob("*.warc.gz"):
        worker = path.name.split("-w", 1)[1].rsplit("-", 1)[0]
        with open(path, "rb") as stream:
            counts[worker] += sum(1 for record in ArchiveIterator(stream)
                                  if record.rec_type in ("response", "revisit"))
    return counts


def _warcs_check(archive: Path) -> list[Path]:
    files = sorted((archive / "warcs" / "demo").glob("*.warc.gz"))
    warcio_check(files)
    return files


def _leftover_keys(frontier: str) -> list[str]:
    import redis

    keys = [key.decode() for key in redis.Redis.from_url(frontier).keys("newsarchive:*")]
    return sorted(key for key in keys if ":host:" not in key)  # host slots expire by themselves


@pytest.fixture(scope="module")
def big_site() -> Iterator[DemoServer]:
    site = DemoSite(seed=0, per_language=500)
    assert len(site.ground_truth("http://x")) == 1000
    with DemoServer(site, host="127.0.0.1", port=0) as server:
        yield server


@pytest.mark.slow
@pytest.mark.timeout(900)   # several crawls at once: minutes on a loaded 2-core machine
def test_two_workers_share_a_1000_article_crawl(big_site: DemoServer, tmp_path: Path,
                                                pg_url: str, redis_url: str) -> None:
    archive = tmp_path / "shared"
    big_site.clear_log()
    workers = [_worker(big_site, archive, pg_url, redis_url, name) for name in ("a", "b")]
    outputs = [w.communicate(timeout=600) for w in workers]
    for worker, (out, err) in zip(workers, outputs):
        assert worker.returncode == 0, out + err
        assert "Traceback" not in err

    truth = {a["canonical_url"] for a in big_site.site.ground_truth(big_site.base_url)}
    stored = _articles(pg_url)
    assert len(stored) == len(set(stored)) == 1000
    assert set(stored) == truth
    # every page was fetched once in the whole cluster (robots.txt once per worker)
    served = Counter(path for _, path, _ in big_site.requests if path != "/robots.txt")
    assert served and max(served.values()) == 1, served.most_common(3)

    # one run, recorded once by the last worker with both workers' counts added up
    [run] = _runs(archive, pg_url)
    assert run["status"] == "ok", run
    assert run["summary"]["articles"]["new"] == 1000
    assert set(run["summary"]["workers"]) == {"a", "b"}
    assert sum(run["summary"]["workers"].values()) == run["summary"]["pages_fetched"]
    # the last worker out printed the cluster's totals, the other its own part
    assert sum(bool(re.search(r"workers \(pages fetched\): a \d+, b \d+", out))
               for out, _ in outputs) == 1
    assert sum("the last one records the run" in out for out, _ in outputs) == 1

    # each worker fetched at least a quarter of the pages, into WARC files of its own
    files = _warcs_check(archive)
    assert not list((archive / "warcs").rglob("*.open"))
    fetches = _fetches_by_worker(archive)
    assert set(fetches) == {"a", "b"}
    total = sum(fetches.values())
    assert total == run["summary"]["pages_fetched"]
    assert min(fetches.values()) >= total / 4, fetches
    assert {p.name.split("-w", 1)[1].rsplit("-", 1)[0] for p in files} == {"a", "b"}
    assert _leftover_keys(redis_url) == []

    # the other commands read the shared result with the same --db
    exported = run_cli("export", "--archive", str(archive), "--db", pg_url, "--format", "jsonl")
    assert exported.returncode == 0, exported.stderr
    assert len(exported.stdout.splitlines()) == 1000
    some = sorted(truth)[0]
    shown = run_cli("show", some, "--archive", str(archive), "--db", pg_url, "--json")
    assert shown.returncode == 0 and json.loads(shown.stdout)["article"]["canonical_url"] == some
    title = json.loads(shown.stdout)["article"]["title"]
    found = run_cli("search", f'"{title}"', "--archive", str(archive), "--db", pg_url, "--json")
    assert found.returncode == 0, found.stderr
    assert some in found.stdout   # PostgreSQL's full-text search over the shared run's records


@pytest.mark.timeout(900)   # several crawls at once: minutes on a loaded 2-core machine
def test_a_worker_killed_mid_crawl_loses_nothing(tmp_path: Path, pg_url: str,
                                                 redis_url: str) -> None:
    archive = tmp_path / "shared"
    site = DemoSite(seed=1, per_language=150)
    with DemoServer(site, host="127.0.0.1", port=0) as server:
        stored, out, survivor = _kill_one_of_two(server, archive, pg_url, redis_url)
    assert survivor.returncode == 0, out
    assert len(stored) == len(set(stored)) == len(site.ground_truth("http://x")) == 300
    [run] = _runs(archive, pg_url)
    assert run["status"] == "ok", run
    # the requests the victim had taken were put back by the survivor, which closed the run
    assert run["summary"]["recovered"] > 0, run["summary"]
    assert list(run["summary"]["workers"]) == ["survivor"]
    assert "workers (pages fetched): survivor" in out
    assert _leftover_keys(redis_url) == []
    # the victim's unfinished file stays .open for the next run's repair; the rest check out
    _warcs_check(archive)
    assert {p.name.split("-w", 1)[1].split("-", 1)[0]
            for p in (archive / "warcs" / "demo").glob("*.open")} <= {"victim"}


@pytest.mark.timeout(900)   # several crawls at once: minutes on a loaded 2-core machine
def test_a_worker_stalled_past_its_lease_neither_loses_nor_reopens_anything(
        tmp_path: Path, pg_url: str, redis_url: str) -> None:
    """SIGSTOP one of two workers: its lease runs out, the other re-queues what it had taken
    and finishes the run alone; woken afterwards (SIGCONT), the stalled one finds its run over,
    stops without fetching more, and leaves the run record and Redis as they were."""
    archive = tmp_path / "shared"
    site = DemoSite(seed=3, per_language=150)
    with DemoServer(site, host="127.0.0.1", port=0) as server:
        stalled = _worker(server, archive, pg_url, redis_url, "stalled")
        other = _worker(server, archive, pg_url, redis_url, "other")
        try:
            deadline = time.monotonic() + 240
            while len(_warc_names(archive, "stalled")) == 0 or len(server.requests) < 150:
                assert stalled.poll() is None and other.poll() is None, "a worker ended early"
                assert time.monotonic() < deadline, "the crawl never got going"
                time.sleep(0.05)
            os.kill(stalled.pid, signal.SIGSTOP)
            out, err = other.communicate(timeout=600)
            assert other.returncode == 0, out + err
            served = len(server.requests)
            [run] = _runs(archive, pg_url)
            os.kill(stalled.pid, signal.SIGCONT)
            late_out, late_err = stalled.communicate(timeout=120)
        finally:
            for process in (stalled, other):
                if process.poll() is None:
                    os.kill(process.pid, signal.SIGCONT)
                    process.kill()
        # woken up, it fetched nothing new (at most what it had in flight when stopped)
        assert len(server.requests) - served <= 16
    assert stalled.returncode == 0, late_out + late_err
    assert "stalled past its lease" in late_out
    stored = _articles(pg_url)
    assert len(stored) == len(set(stored)) == 300
    assert run["status"] == "ok" and run["summary"]["recovered"] > 0, run["summary"]
    assert _runs(archive, pg_url) == [run]   # the late worker did not rewrite the record
    assert _leftover_keys(redis_url) == []
    _warcs_check(archive)


@pytest.mark.timeout(900)   # several crawls at once: minutes on a loaded 2-core machine
def test_three_workers_and_a_late_joiner(tmp_path: Path, pg_url: str, redis_url: str) -> None:
    """Three workers started together share the run; a fourth started after the run ended
    starts the next run (incremental: nothing new) instead of joining a finished one."""
    archive = tmp_path / "shared"
    site = DemoSite(seed=2, per_language=150)
    with DemoServer(site, host="127.0.0.1", port=0) as server:
        workers = [_worker(server, archive, pg_url, redis_url, name) for name in ("a", "b", "c")]
        outputs = [w.communicate(timeout=600) for w in workers]
        for worker, (out, err) in zip(workers, outputs):
            assert worker.returncode == 0, out + err
        stored = _articles(pg_url)
        assert len(stored) == len(set(stored)) == 300
        [run] = _runs(archive, pg_url)
        assert run["status"] == "ok" and set(run["summary"]["workers"]) == {"a", "b", "c"}, run
        fetches = _fetches_by_worker(archive)
        assert min(fetches.values()) >= sum(fetches.values()) / 6, fetches
        assert _leftover_keys(redis_url) == []
        late = _worker(server, archive, pg_url, redis_url, "d")
        out, err = late.communicate(timeout=300)
    assert late.returncode == 0, out + err
    assert "run 2 (demo): ok" in out and "articles new 0" in out, out
    assert sorted(_articles(pg_url)) == sorted(stored)
    _warcs_check(archive)


def _kill_one_of_two(server: DemoServer, archive: Path, pg_url: str,
                     redis_url: str) -> tuple[list[str], str, subprocess.Popen[str]]:
    """Two workers; SIGKILL one once both are fetching; (articles stored, the survivor's
    output, the survivor)."""
    victim = _worker(server, archive, pg_url, redis_url, "victim")
    survivor = _worker(server, archive, pg_url, redis_url, "survivor")
    try:
        deadline = time.monotonic() + 240
        while len(_warc_names(archive, "victim")) == 0 or len(server.requests) < 150:
            assert victim.poll() is None and survivor.poll() is None, "a worker ended early"
            assert time.monotonic() < deadline, "the crawl never got going"
            time.sleep(0.05)
        os.kill(victim.pid, signal.SIGKILL)
        victim.communicate(timeout=30)
        out, err = survivor.communicate(timeout=600)
    finally:
        for process in (victim, survivor):
            if process.poll() is None:
                process.kill()
    return _articles(pg_url), out + err, survivor


def _warc_names(archive: Path, worker: str) -> list[Path]:
    return list((archive / "warcs" / "demo").glob(f"*-w{worker}-*"))


def test_the_cluster_lock_keeps_plain_runs_and_workers_apart(demo_server: DemoServer,
                                                             tmp_path: Path, pg_url: str,
                                                             redis_url: str) -> None:
    slow = ("--set", "NEWS_FRONTIER_HOST_DELAY=0.05")
    first = _worker(demo_server, tmp_path / "host-a", pg_url, redis_url, "a", *slow)
    try:
        deadline = time.monotonic() + 60
        while len(demo_server.requests) < 5:
            assert first.poll() is None, first.communicate()
            assert time.monotonic() < deadline
            time.sleep(0.05)
        # a second cron host's plain run of the site: refused while the shared run is on
        plain = run_cli("crawl", "demo", "--base-url", demo_server.base_url,
                        "--archive", str(tmp_path / "host-b"), "--db", pg_url)
        assert plain.returncode == 3, plain.stdout + plain.stderr
        assert "already running" in plain.stderr and plain.stderr.count("\n") == 1
        # ...but a worker that joins the run is welcome, and both end together
        joiner = _worker(demo_server, tmp_path / "host-b", pg_url, redis_url, "b", *slow)
        out_b, err_b = joiner.communicate(timeout=240)
        out_a, err_a = first.communicate(timeout=240)
    finally:
        if first.poll() is None:
            first.kill()
    assert first.returncode == 0 and joiner.returncode == 0, out_a + err_a + out_b + err_b
    [run] = _runs(tmp_path / "host-a", pg_url)
    assert run["status"] == "ok" and set(run["summary"]["workers"]) == {"a", "b"}, run

    # the other way round: a worker exits 3 while a plain run holds the site
    plain_run = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.cli", "crawl", "demo", "--base-url",
         demo_server.base_url, "--archive", str(tmp_path / "host-c"), "--db", pg_url,
         "--set", "DOWNLOAD_DELAY=0.1", "--set", "AUTOTHROTTLE_ENABLED=False",
         "--set", "CONCURRENT_REQUESTS=1"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO)
    try:
        time.sleep(3)
        assert plain_run.poll() is None, plain_run.communicate()
        refused = run_cli("crawl", "demo", "--base-url", demo_server.base_url, "--archive",
                          str(tmp_path / "host-d"), "--db", pg_url, "--frontier", redis_url,
                          "--set", "NEWS_FRONTIER_JOIN_WAIT=1")
        assert refused.returncode == 3, refused.stdout + refused.stderr
        assert "already running" in refused.stderr
    finally:
        plain_run.communicate(timeout=240)
    assert plain_run.returncode == 0


class _PoliteSite(DemoSite):
    """The demo site with a robots.txt Crawl-delay, noting when each request came in."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.times: list[tuple[float, str]] = []

    def handle(self, method: str, target: str, headers: dict[str, str], base_url: str) -> Response:
        self.times.append((time.monotonic(), target))
        response = super().handle(method, target, headers, base_url)
        if target == "/robots.txt":
            response.body = b"User-agent: *\nCrawl-delay: 0.25\n\n" + response.body
        return response


def test_politeness_is_one_crawl_delay_for_the_whole_cluster(tmp_path: Path, pg_url: str,
                                                             redis_url: str) -> None:
    """robots.txt asks for 0.25 s between requests: the two workers together keep to it."""
    site = _PoliteSite(seed=0, per_language=8)
    with DemoServer(site, host="127.0.0.1", port=0) as server:
        workers = [_worker(server, tmp_path / "a", pg_url, redis_url, name,
                           "--set", "NEWS_FOLLOW_SITEMAPS=False") for name in ("a", "b")]
        for worker in workers:
            out, err = worker.communicate(timeout=240)
            assert worker.returncode == 0, out + err
    starts = sorted(t for t, path in site.times if path != "/robots.txt")
    assert len(starts) >= 20
    gaps = [b - a for a, b in zip(starts, starts[1:])]
    # one request every 0.25 s for the pair (each worker alone at that pace would make it
    # half), less the jitter of a loaded machine for single gaps
    assert starts[-1] - starts[0] >= 0.9 * 0.25 * len(gaps), (starts[-1] - starts[0], len(gaps))
    assert min(gaps) >= 0.1, sorted(gaps)[:3]
    fetches = _fetches_by_worker(tmp_path / "a")
    assert set(fetches) == {"a", "b"}, fetches
    assert sum(fetches.values()) == len(site.times)


@pytest.mark.timeout(900)   # several crawls at once: minutes on a loaded 2-core machine
def test_two_sites_with_two_workers_each_on_one_machine(tmp_path: Path, pg_url: str,
                                                         redis_url: str) -> None:
    """N sites over M hosts, here 2 over one machine: four processes on one Redis and one
    PostgreSQL, two runs that keep to themselves (docs/SCALE.md, systemd template units)."""
    from crawler.profiles.demo import PROFILE

    archive = tmp_path / "shared"
    first, second = DemoSite(seed=4), DemoSite(seed=5)
    with DemoServer(first, host="127.0.0.1", port=0) as one, \
            DemoServer(second, host="127.0.0.1", port=0) as two:
        profile = tmp_path / "demo2.toml"
        quoted = lambda items: "[" + ", ".join(f'"{item}"' for item in items) + "]"  # noqa: E731
        profile.write_text(
            f'name = "demo2"\nbase_url = "{two.base_url}/"\n'
            f"sections = {quoted(PROFILE.sections)}\n"
            f"article_pattern = '{PROFILE.article_pattern}'\n"
            f"feeds = {quoted(PROFILE.feeds)}\nsitemaps = {quoted(PROFILE.sitemaps)}\n"
            f"follow_article_links = true\n", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_ARCHIVE"}
        env.update(NEWSARCHIVE_DB=pg_url, NEWSARCHIVE_FRONTIER=redis_url)
        commands = [["demo", "--base-url", one.base_url, "--set", "NEWS_WORKER_ID=a"],
                    ["demo", "--base-url", one.base_url, "--set", "NEWS_WORKER_ID=b"],
                    [str(profile), "--set", "NEWS_WORKER_ID=a"],
                    [str(profile), "--set", "NEWS_WORKER_ID=b"]]
        processes = [subprocess.Popen(
            [sys.executable, "-m", "newsarchive.cli", "crawl", *command, "--archive",
             str(archive), *FAST], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            cwd=REPO, env=env) for command in commands]
        for process in processes:
            out, err = process.communicate(timeout=600)
            assert process.returncode == 0, out + err
        truth = {a["canonical_url"] for site, server in ((first, one), (second, two))
                 for a in site.ground_truth(server.base_url)}
    stored = _articles(pg_url)
    assert len(stored) == len(set(stored)) and set(stored) == truth
    runs = _runs(archive, pg_url)
    assert sorted(run["site"] for run in runs) == ["demo", "demo2"]
    for run in runs:
        assert run["status"] == "ok" and set(run["summary"]["workers"]) == {"a", "b"}, run
    assert _leftover_keys(redis_url) == []
    assert {p.parent.name for p in _warcs_check_all(archive)} == {"demo", "demo2"}


def _warcs_check_all(archive: Path) -> list[Path]:
    files = sorted((archive / "warcs").rglob("*.warc.gz"))
    warcio_check(files)
    return files


def test_bad_frontier_options_fail_with_one_line(tmp_path: Path, pg_url: str,
                                                 redis_url: str) -> None:
    archive = str(tmp_path / "archive")
    cases = [
        (["--db", pg_url, "--frontier", "http://127.0.0.1/"], 2, "expects a redis:// URL"),
        (["--frontier", redis_url], 2, "--frontier needs --db"),
        (["--db", pg_url, "--frontier", "redis://127.0.0.1:1/0"], 1, "is not reachable"),
    ]
    for extra, code, words in cases:
        result = run_cli("crawl", "demo", "--archive", archive, *extra)
        assert result.returncode == code, (extra, result.stderr)
        assert words in result.stderr and result.stderr.count("\n") == 1, result.stderr
    env_only = run_cli("crawl", "demo", "--archive", archive,
                       env={"NEWSARCHIVE_FRONTIER": "ftp://x"})
    assert env_only.returncode == 2 and "expects a redis:// URL" in env_only.stderr


def _pg_rows(db: str, sql: str) -> list[dict]:
    import psycopg
    from psycopg.rows import dict_row

    with psycopg.connect(db, row_factory=dict_row) as conn:
        return conn.execute(sql).fetchall()


@pytest.mark.timeout(900)
def test_a_recrawl_through_the_shared_crawl_is_conditional(tmp_path: Path, pg_url: str,
                                                           redis_url: str) -> None:
    """The archive lookups of a shared crawl are asked when a response's requests are queued
    (for all of them at once) and travel with the requests through Redis: a re-crawl by two
    workers still sends If-None-Match / If-Modified-Since for every page, requisite and article
    archived before, gets 304s, and finds and stores the same."""
    from .test_recrawl_conditional import PAGE_KINDS, ROBOTS_LAST_MODIFIED, ValidatingSite
    from .test_recrawl_conditional import conditional, run_records

    archive = tmp_path / "shared"
    with DemoServer(ValidatingSite(seed=0), host="127.0.0.1", port=0) as server:
        first = _worker(server, archive, pg_url, redis_url, "a")
        out, err = first.communicate(timeout=600)
        assert first.returncode == 0, out + err
        stored = sorted(_articles(pg_url))
        assert len(stored) == 52
        server.clear_log()
        workers = [_worker(server, archive, pg_url, redis_url, name) for name in ("b", "c")]
        outputs = [w.communicate(timeout=600) for w in workers]
        for worker, (out, err) in zip(workers, outputs):
            assert worker.returncode == 0, out + err
            assert "Traceback" not in err
        served, base_url = list(server.requests), server.base_url
    [_, run] = sorted(_runs(archive, pg_url), key=lambda r: r["id"])
    assert run["status"] == "ok", run
    assert run["summary"]["articles"]["unchanged"] == 52, run["summary"]
    assert run["summary"]["articles"]["new"] == 0, run["summary"]
    assert sorted(_articles(pg_url)) == stored
    # nothing was sent again in full: every re-fetch was conditional and answered 304
    assert not [path for _, path, status in served if status == 200], served
    before = {row["url"] for row in _pg_rows(
        pg_url, f"SELECT url FROM captures WHERE run_id = {run['id'] - 1} AND status = 200")}
    captures = [row for row in _pg_rows(
        pg_url, "SELECT url, status, record_type, page_kind FROM captures "
                f"WHERE run_id = {run['id']}") if row["url"] in before]
    pages = [row for row in captures if row["page_kind"] in PAGE_KINDS]
    assert {row["page_kind"] for row in pages} == set(PAGE_KINDS)
    assert all(row["status"] == 304 and row["record_type"] == "revisit" for row in captures), [
        row for row in captures if row["status"] != 304][:3]
    records = run_records(archive, run["id"])
    for row in captures:
        assert conditional(records[row["url"]]["request"]), row["url"]
    articles = [row for row in captures if row["url"] in stored]
    assert len(articles) == 52
    assert all("If-None-Match" in records[row["url"]]["request"] for row in articles)
    robots = records[base_url + "/robots.txt"]["request"]
    assert robots.get("If-Modified-Since") == ROBOTS_LAST_MODIFIED
    # both workers fetched, and their lookups were asked ahead (at queueing), not one by one
    assert set(_fetches_by_worker(archive)) >= {"b", "c"}
    looked = [int(m) for m in re.findall(r"'news/incremental/looked_ahead': (\d+)",
                                         "".join(p.read_text() for p in
                                                 (archive / "logs").rglob("*.log")))]
    assert looked and sum(looked) >= len(captures) - 2, looked   # all but the robots.txt
    _warcs_check(archive)
    assert _leftover_keys(redis_url) == []


def test_requests_are_encoded_as_scrapy_redis_encodes_them(redis_url: str) -> None:
    """FrontierQueue remembers the spider method name of each callback instead of searching
    the spider's methods for every request: the bytes in Redis are those of Request.to_dict."""
    import pickle

    import redis
    from scrapy import Request, Spider
    from scrapy.http import FormRequest

    from crawler.frontier import FrontierQueue

    class Site(Spider):
        name = "site"

        def parse(self, response):  # type: ignore[no-untyped-def]
            return None

        def parse_article(self, response):  # type: ignore[no-untyped-def]
            return None

        def failed(self, failure):  # type: ignore[no-untyped-def]
            return None

    spider = Site()
    queue = FrontierQueue(redis.Redis.from_url(redis_url), spider, "newsarchive:test:requests")
    requests = [
        Request("http://example.org/a", callback=spider.parse_article, errback=spider.failed,
                meta={"news_article": True}, priority=3, headers={"If-None-Match": '"x"'}),
        Request("http://example.org/b", callback=spider.parse_article),   # the name remembered
        Request("http://example.org/c"),
        FormRequest("http://example.org/d", formdata={"q": "x"}, callback=spider.parse),
    ]
    for request in requests:
        encoded = queue._encode_request(request)
        assert pickle.loads(encoded) == request.to_dict(spider=spider)
        decoded = queue._decode_request(encoded)
        assert (decoded.url, decoded.callback, decoded.errback, decoded.meta) == (
            request.url, request.callback, request.errback, request.meta)
    assert requests[0].callback == spider.parse_article   # the request itself is unchanged
    # a callback that is not one of the spider's methods fails as Request.to_dict fails
    with pytest.raises(ValueError, match="is not an instance method"):
        queue._encode_request(Request("http://example.org/e", callback=lambda response: None))
