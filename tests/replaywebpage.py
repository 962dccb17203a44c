"""ReplayWeb.page for the WACZ tests: the npm package `replaywebpage` (its `ui.js` and the
service worker `sw.js`, wabac.js), fetched at test set-up time with `npm pack` into a cache
folder outside the source tree, and a static HTTP server on 127.0.0.1 with byte ranges (the
service worker reads a WACZ by ranges) that serves it with the package being tested.

Why not vendored: the package is 2 MB of minified AGPL-3.0 JavaScript that newsarchive itself
never runs (`newsarchive wacz` writes a file for any player); only the tests play it. The
version and the registry's integrity hash are pinned here, so every run plays the same
ReplayWeb.page, and a tarball that does not match is refused.
"""
from __future__ import annotations

import base64
import hashlib
import html
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

VERSION = "2.5.3"
# `npm view replaywebpage@2.5.3 dist.integrity`
INTEGRITY = ("sha512-nCj2PSON3BxeSJKE8AsYPyULv0XPZKJWfy4l9PyQre9SqwLZ+WKZVs/sfLqPOQ4GrH+0YkjbwOhr8"
             "cSTH08gsQ==")
FILES = ("ui.js", "sw.js")
NPM_TIMEOUT = 300.0


def _unavailable(why: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{why}; CI must play the WACZ in ReplayWeb.page", pytrace=False)
    pytest.skip(why)


def assets() -> Path:
    """The folder holding the pinned ReplayWeb.page's ui.js and sw.js, fetched once."""
    from platformdirs import user_cache_path

    root = Path(os.environ.get("NEWSARCHIVE_TEST_RWP") or user_cache_path("newsarchive-tests"))
    target = root / f"replaywebpage-{VERSION}"
    if all((target / name).is_file() for name in FILES):
        return target
    npm = shutil.which("npm")
    if npm is None:
        _unavailable("npm is not installed: cannot fetch ReplayWeb.page")
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=root, prefix=".rwp-") as tmp:
        try:
            result = subprocess.run([npm, "pack", f"replaywebpage@{VERSION}", "--silent",
                                     "--pack-destination", tmp], capture_output=True, text=True,
                                    timeout=NPM_TIMEOUT, stdin=subprocess.DEVNULL)
        except (OSError, subprocess.TimeoutExpired) as exc:
            _unavailable(f"npm pack replaywebpage@{VERSION} failed: {exc}")
        tarballs = list(Path(tmp).glob("*.tgz"))
        if result.returncode != 0 or len(tarballs) != 1:
            _unavailable(f"npm pack replaywebpage@{VERSION} failed: "
                         f"{(result.stderr or result.stdout).strip()[-300:]}")
        data = tarballs[0].read_bytes()
        digest = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
        assert digest == INTEGRITY, f"replaywebpage-{VERSION}.tgz is not the pinned package"
        unpacked = Path(tmp) / "unpacked"
        unpacked.mkdir()
        with tarfile.open(tarballs[0]) as tar:
            for name in FILES:
                member = tar.getmember(f"package/{name}")
                source = tar.extractfile(member)
                assert source is not None
                (unpacked / name).write_bytes(source.read())
        try:
            os.replace(unpacked, target)
        except OSError:                   # another test process put its copy there first
            if not all((target / name).is_file() for name in FILES):
                raise
    return target


def player_folder(folder: Path, wacz: Path, pages: dict[str, tuple[str, str]]) -> Path:
    """A static site in `folder`: for each name of `pages`, NAME.html embedding the player on
    its (URL, 14-digit time) of the package; the package itself, and the player's files under
    replay/ (its default replayBase, the service worker's scope)."""
    source = assets()
    (folder / "replay").mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(source / name, folder / "replay" / name)
    shutil.copyfile(source / "ui.js", folder / "ui.js")
    shutil.copyfile(wacz, folder / wacz.name)
    for name, (url, ts) in pages.items():
        (folder / f"{name}.html").write_text(
            '<!doctype html>\n<html><head><meta charset="utf-8"><script src="ui.js"></script>'
            '</head><body style="margin:0"><replay-web-page style="display:block;width:100%;'
            f'height:100vh" source="{wacz.name}" url="{html.escape(url)}" ts="{ts}" '
            'embed="replayonly"></replay-web-page></body></html>\n', encoding="utf-8")
    return folder


class _RangeHandler(SimpleHTTPRequestHandler):
    """Static files, with `Range: bytes=a-b`, `bytes=a-` and `bytes=-n` answered 206."""

    def send_head(self) -> Any:
        self._remaining: int | None = None
        wanted = self.headers.get("Range")
        path = self.translate_path(self.path)
        match = re.fullmatch(r"bytes=(\d*)-(\d*)", wanted or "")
        if not match or not os.path.isfile(path) or match.group(0) == "bytes=-":
            return super().send_head()
        size = os.path.getsize(path)
        if match.group(1):
            start, end = int(match.group(1)), int(match.group(2) or size - 1)
        else:
            start, end = max(size - int(match.group(2)), 0), size - 1
        end = min(end, size - 1)
        if start > end:
            self.send_error(416)
            return None
        handle = open(path, "rb")  # noqa: SIM115 - copyfile reads it, then it is closed
        handle.seek(start)
        self.send_response(206)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Range", f"bytes {start}-{end}/{size}")
        self.send_header("Content-Length", str(end - start + 1))
        self.send_header("Accept-Ranges", "bytes")
        self.end_headers()
        self._remaining = end - start + 1
        return handle

    def copyfile(self, source: Any, outputfile: Any) -> None:
        remaining = self._remaining
        if remaining is None:
            super().copyfile(source, outputfile)
            return
        while remaining > 0:
            chunk = source.read(min(remaining, 64 * 1024))
            if not chunk:
                break
            outputfile.write(chunk)
            remaining -= len(chunk)

    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def static_server(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port): its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_RangeHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
