"""The per-site cron lock is cluster-wide with a PostgreSQL records database: two hosts (here,
two processes with different archive directories, as two machines would have) sharing one
`--db` never run one site twice at once; a killed holder's lock is gone with its session.
Needs PostgreSQL on 127.0.0.1 (tests/conftest.py pg_url)."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from archive.locks import LEASE_IDLE, AlreadyRunning, ClusterSiteLock
from newsarchive.demosite import DemoServer

from .conftest import REPO, run_cli

SLOW = ("--set", "DOWNLOAD_DELAY=0.1", "--set", "AUTOTHROTTLE_ENABLED=False",
        "--set", "CONCURRENT_REQUESTS=1")


def _start(server: DemoServer, archive: Path, pg_url: str) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_ARCHIVE"}
    return subprocess.Popen([sys.executable, "-m", "newsarchive.cli", "crawl", "demo", "--base-url",
                             server.base_url, "--archive", str(archive), "--db", pg_url, *SLOW],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=REPO,
                            env=env)


def _lock_held(pg_url: str, site: str) -> bool:
    import psycopg

    from archive.locks import cluster_lock_key

    with psycopg.connect(pg_url, autocommit=True) as conn:
        # advisory locks are per database: a parallel test session's lock (another database
        # on the same server) is not this one's
        row = conn.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted "
                           "AND ((classid::bigint << 32) | objid::bigint) = %s AND database = "
                           "(SELECT oid FROM pg_database WHERE datname = current_database())",
                           (cluster_lock_key(site),)).fetchone()
    return bool(row and row[0])


def _statuses(archive: Path, pg_url: str) -> list[str]:
    """The statuses of every run in the shared database, sorted (any host's `runs` sees all)."""
    runs = run_cli("runs", "--archive", str(archive), "--db", pg_url, "--json")
    assert runs.returncode == 0, runs.stderr
    return sorted(json.loads(line)["status"] for line in runs.stdout.splitlines())


def _wait_for_lock(process: subprocess.Popen[str], pg_url: str, server: DemoServer) -> None:
    deadline = time.monotonic() + 60
    while not (_lock_held(pg_url, "demo") and len(server.requests) >= 3):
        assert process.poll() is None, process.communicate()
        assert time.monotonic() < deadline, "the first host never took the lock"
        time.sleep(0.05)


def test_a_second_host_exits_3_while_the_first_runs(demo_server: DemoServer, tmp_path: Path,
                                                    pg_url: str) -> None:
    first = _start(demo_server, tmp_path / "host-a", pg_url)
    try:
        _wait_for_lock(first, pg_url, demo_server)
        second = run_cli("crawl", "demo", "--base-url", demo_server.base_url,
                         "--archive", str(tmp_path / "host-b"), "--db", pg_url)
        assert second.returncode == 3, second.stdout + second.stderr
        [line] = second.stderr.strip().splitlines()
        assert "already running" in line and "newsarchive crawl demo" in line
        assert not list((tmp_path / "host-b").glob("warcs/**/*.warc.gz*"))
    finally:
        out, err = first.communicate(timeout=180)
    assert first.returncode == 0, out + err
    assert not _lock_held(pg_url, "demo")
    # the lock went with the run: the second host's next cron run goes ahead
    again = run_cli("crawl", "demo", "--base-url", demo_server.base_url,
                    "--archive", str(tmp_path / "host-b"), "--db", pg_url)
    assert again.returncode == 0, again.stdout + again.stderr
    assert _statuses(tmp_path / "host-b", pg_url) == ["ok", "ok"]


def test_a_killed_hosts_lock_is_gone_and_its_run_marked_interrupted(
        demo_server: DemoServer, tmp_path: Path, pg_url: str) -> None:
    first = _start(demo_server, tmp_path / "host-a", pg_url)
    _wait_for_lock(first, pg_url, demo_server)
    os.kill(first.pid, signal.SIGKILL)
    first.communicate(timeout=60)
    deadline = time.monotonic() + 30
    while _lock_held(pg_url, "demo"):  # the server ends the dead process's session
        assert time.monotonic() < deadline, "a killed holder's lock outlived its session"
        time.sleep(0.1)
    second = run_cli("crawl", "demo", "--base-url", demo_server.base_url,
                     "--archive", str(tmp_path / "host-b"), "--db", pg_url)
    assert second.returncode == 0, second.stdout + second.stderr
    assert _statuses(tmp_path / "host-b", pg_url) == ["interrupted", "ok"]


def test_the_lock_session_is_a_lease_and_names_its_holder(pg_url: str) -> None:
    with ClusterSiteLock(pg_url, "example.org") as held:
        assert held._conn is not None
        idle = held._conn.execute("SHOW tcp_keepalives_idle").fetchone()[0]
        assert idle in (str(LEASE_IDLE), f"{LEASE_IDLE}s")
        with pytest.raises(AlreadyRunning) as raised:
            ClusterSiteLock(pg_url, "example.org").acquire()
        assert f"pid {os.getpid()}" in str(raised.value)
        # another site is another lock
        with ClusterSiteLock(pg_url, "example.com"):
            pass
    with ClusterSiteLock(pg_url, "example.org"):
        pass
