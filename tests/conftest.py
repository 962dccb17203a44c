"""Shared fixtures: the demo news site over real HTTP, and the real CLI in a subprocess."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsarchive.demosite import DemoServer, DemoSite

REPO = Path(__file__).resolve().parent.parent


def run_cli(*args: str, timeout: float = 240, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run `newsarchive ARGS` as a user would (a fresh process: Scrapy's reactor starts once)."""
    full_env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_ARCHIVE"}
    full_env.update(env or {})
    return subprocess.run([sys.executable, "-m", "newsarchive.cli", *args], capture_output=True,
                          text=True, timeout=timeout, env=full_env, cwd=REPO)


def crawl_demo(server: DemoServer, archive: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("crawl", "demo", "--base-url", server.base_url, "--archive", str(archive), *extra)
    assert result.returncode == 0, result.stdout + result.stderr
    return result


def export_rows(archive: Path) -> list[dict]:
    result = run_cli("export", "--archive", str(archive), "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@dataclass
class CrawledDemo:
    site: DemoSite
    server: DemoServer
    archive: Path
    output: str
    rows: list[dict]
    served: list[tuple[str, str, int]]   # the server's request log right after the crawl


@pytest.fixture(scope="session", autouse=True)
def _no_default_archive_in_the_users_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A command run without --archive uses the user's data directory: in tests, a temporary
    one (platformdirs reads XDG_DATA_HOME), never the developer's own archive."""
    saved = os.environ.get("XDG_DATA_HOME")
    os.environ["XDG_DATA_HOME"] = str(tmp_path_factory.mktemp("xdg-data"))
    yield
    if saved is None:
        os.environ.pop("XDG_DATA_HOME", None)
    else:
        os.environ["XDG_DATA_HOME"] = saved


@pytest.fixture
def demo_server() -> Iterator[DemoServer]:
    site = DemoSite(seed=0)
    with DemoServer(site, host="127.0.0.1", port=0) as server:
        yield server


@pytest.fixture(scope="module")
def crawled_demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CrawledDemo]:
    """One crawl of an unchanged demo site, shared by the read-only tests of a module."""
    site = DemoSite(seed=0)
    archive = tmp_path_factory.mktemp("archive")
    with DemoServer(site, host="127.0.0.1", port=0) as server:
        result = crawl_demo(server, archive)
        served = list(server.requests)
        yield CrawledDemo(site=site, server=server, archive=archive, output=result.stdout,
                          rows=export_rows(archive), served=served)
