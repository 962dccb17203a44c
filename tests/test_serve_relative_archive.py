"""`newsarchive serve --archive archive` as the README has it: a relative archive directory,
given from the folder that holds it. The demo site is crawled into `archive` and served from
there; the reading room's snapshot link and the replayed page answer over real HTTP.

Before the path was resolved once in `serve`, the replay child (which runs in the replay state
folder) read the relative path against its own working directory, indexed no WARC at all,
and answered every replay link "URL Not Found"."""
from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsarchive.demosite import DemoServer

from .conftest import REPO, export_rows
from .test_reading_room import _free_ports, _stop, _wait_http, get


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "newsarchive.cli", *args]


def _env() -> dict[str, str]:
    """This checkout's code (not an installed copy) while the working directory is elsewhere."""
    env = {k: v for k, v in os.environ.items() if k != "NEWSARCHIVE_ARCHIVE"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


@pytest.fixture
def served_relative(tmp_path: Path, demo_server: DemoServer,
                    replay_python: Path) -> Iterator[tuple[str, str, Path]]:
    crawl = subprocess.run(
        _cli("crawl", "demo", "--base-url", demo_server.base_url, "--archive", "archive"),
        cwd=tmp_path, env=_env(), capture_output=True, text=True,
        timeout=240)
    assert crawl.returncode == 0, crawl.stdout + crawl.stderr
    assert (tmp_path / "archive" / "records.sqlite3").is_file()
    port, replay_port = _free_ports(2)
    process = subprocess.Popen(
        _cli("serve", "--archive", "archive", "--port", str(port), "--replay-port",
             str(replay_port)),
        cwd=tmp_path, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        _wait_http(f"http://127.0.0.1:{port}/")
        yield f"http://127.0.0.1:{port}", f"http://127.0.0.1:{replay_port}", tmp_path / "archive"
    finally:
        _stop(process)


def test_serve_with_a_relative_archive_replays_the_snapshot(
        served_relative: tuple[str, str, Path]) -> None:
    room, replay, archive = served_relative
    titles = {row["url"]: row["title"] for row in export_rows(archive)}
    code, _, page = get(f"{room}/article/1")
    assert code == 200
    # the article page's own snapshot link, as a reader follows it
    link = re.search(r'href="(' + re.escape(replay) + r')/archive/(\d{14})/([^"]+)"', page)
    assert link is not None, page[:2000]
    base, stamp, url = link.group(1), link.group(2), html.unescape(link.group(3))
    assert url in titles
    code, _, framed = get(f"{base}/archive/{stamp}/{url}")
    assert code == 200 and "URL Not Found" not in framed
    # the frame's document (pywb's rewritten page) and the archived bytes as captured
    for mode in ("mp_", "id_"):
        code, headers, body = get(f"{base}/archive/{stamp}{mode}/{url}")
        assert code == 200, (mode, body[:300])
        assert "Memento-Datetime" in headers
        assert titles[url] in html.unescape(body)
