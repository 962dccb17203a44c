"""Shared fixtures: the demo news site over real HTTP, and the real CLI in a subprocess."""
from __future__ import annotations

import contextlib
import json
import os
import secrets
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsarchive.demosite import DemoServer, DemoSite

REPO = Path(__file__).resolve().parent.parent


@pytest.hookimpl(trylast=True)   # after pytest's own reordering of parametrized fixtures
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Modules holding `@pytest.mark.slow` tests first (most slow tests first), the rest in
    their usual order: pytest-xdist (--dist loadfile) hands modules to workers in this order,
    and a long module handed out last would keep one worker busy while the other idles."""
    slow_tests = Counter(item.path for item in items if item.get_closest_marker("slow"))
    order = {path: position for position, path in enumerate(dict.fromkeys(i.path for i in items))}
    items.sort(key=lambda item: (-slow_tests[item.path], order[item.path]))


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


def without_image_captures(images: list[dict]) -> list[dict]:
    """An export row's images without their `capture` (which WARC record holds each picture:
    it differs between two archives of the same pages, and extraction's ground truth has none)."""
    return [{key: value for key, value in image.items() if key != "capture"} for image in images]


def warcio_check(paths: Iterable[Path]) -> None:
    """Assert that the files pass `warcio check` (the real CLI, digests included), all in one
    process: each start of Python and warcio costs about a second, per file that added minutes."""
    files = [str(path) for path in paths]
    if not files:
        return
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", *files],
                           capture_output=True, text=True)
    # warcio names each file it finds a problem in, then the problem
    assert check.returncode == 0, check.stdout[-2000:] + check.stderr


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


@pytest.fixture(scope="session", autouse=True)
def _replay_env_outside_the_tree() -> Iterator[None]:
    """`serve` builds pywb's own virtual environment on first use (archive.replay_env). Tests
    keep it in a cache folder outside the source tree ($NEWSARCHIVE_TEST_REPLAY_ENV, else the
    user cache dir), keyed by the requirements' hash, so sessions reuse it instead of
    reinstalling pywb each time; a change of the requirements builds a new one."""
    from platformdirs import user_cache_path

    from archive.replay_env import ENV_VAR

    saved = os.environ.get(ENV_VAR)
    os.environ[ENV_VAR] = (os.environ.get("NEWSARCHIVE_TEST_REPLAY_ENV")
                           or str(user_cache_path("newsarchive-tests") / "replay-env"))
    yield
    if saved is None:
        os.environ.pop(ENV_VAR, None)
    else:
        os.environ[ENV_VAR] = saved


@pytest.fixture(scope="session")
def replay_python(_replay_env_outside_the_tree: None) -> Path:
    """The replay environment's Python, built before any `serve` starts (a first build takes
    longer than a test waits for a server to answer)."""
    from archive.replay_env import ensure_replay_env

    return ensure_replay_env()


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


# --- PostgreSQL (the records store's second backend) ------------------------------------------
# The maintenance database of the server the tests use: trust auth for user postgres on
# 127.0.0.1 (.ci/run and tests/services.sh set it up). Each test session creates its own
# database next to it and drops it at the end.
PG_ADMIN_URL = os.environ.get("NEWSARCHIVE_TEST_PG", "postgresql://postgres@127.0.0.1:5432/postgres")


def _pg_url(dbname: str) -> str:
    base, _, _ = PG_ADMIN_URL.rpartition("/")
    return f"{base}/{dbname}"


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The PostgreSQL admin URL, or a skip (a failure when CI=true: CI must test PostgreSQL)."""
    try:
        import psycopg
    except ImportError as exc:
        _pg_unavailable(f"psycopg is not installed ({exc})")
    try:
        with psycopg.connect(PG_ADMIN_URL, connect_timeout=5) as conn:
            conn.execute("SELECT 1")
    except psycopg.Error as exc:
        _pg_unavailable(f"PostgreSQL at {PG_ADMIN_URL} is unreachable: "
                        f"{' '.join(str(exc).split())}")
    return PG_ADMIN_URL


def _pg_unavailable(why: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{why}; CI must run the PostgreSQL tests: start it with tests/services.sh",
                    pytrace=False)
    pytest.skip(f"{why} (start it with tests/services.sh)")


@pytest.fixture(scope="session")
def pg_database(pg_server: str) -> Iterator[str]:
    """A database of this test session (newsarchive_test_<pid>_<random>), dropped at the end."""
    import psycopg

    name = f"newsarchive_test_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_url(name)
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def pg_url(pg_database: str) -> str:
    """The session's database, emptied: each test starts from a database with no schema."""
    import psycopg

    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("DROP SCHEMA public CASCADE")
        conn.execute("CREATE SCHEMA public")
    return pg_database


# --- a static site of our own pages -------------------------------------------------------------
class _PagesHandler(BaseHTTPRequestHandler):
    pages: dict[str, str] = {}
    delays: dict[str, float] = {}
    served: Counter[str]

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path.split("?", 1)[0]
        self.served[path] += 1
        if self.delays.get(path):
            time.sleep(self.delays[path])
        text = self.pages.get(path)
        body = (text or "not found").encode("utf-8")
        self.send_response(200 if text is not None else 404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve_pages(pages: dict[str, str], *,
                delays: dict[str, float] | None = None) -> Iterator[tuple[str, Counter[str]]]:
    """Serve `pages` (path -> HTML, UTF-8; anything else 404) on 127.0.0.1: (base URL, how
    many times each path was served). `delays`: seconds to wait before answering a path (a
    slow page), read at each request, so a test can change it while serving."""
    served: Counter[str] = Counter()
    handler = type("Handler", (_PagesHandler,), {"pages": pages, "served": served,
                                                 "delays": {} if delays is None else delays})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", served
    finally:
        server.shutdown()
        server.server_close()
