"""The article's pictures are part of the record (archive/images.py): each image of `images[]`
points at the WARC record holding its bytes, `show` prints that reference, `export` carries it
in every format, and the reading room shows the archived picture from the WARC, never from the
live site.

One archive for the module: the demo site crawled over real HTTP on 127.0.0.1, one article
edited, and the site crawled again, so the edited article's second version names pictures the
second run fetched again (revisit records) and which resolve to the first run's responses. One
picture of another article is answered 404 by the site: it is "not archived". WARC records are
read back with warcio; `serve --no-replay` runs as a subprocess; the page is also loaded in
Debian's Chromium (tests/browser.py).
"""
from __future__ import annotations

import csv
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

import pyarrow.parquet as pq
import pytest
from warcio.archiveiterator import ArchiveIterator

from newsarchive.demosite import DemoServer, DemoSite
from newsarchive.demosite.assets import png
from newsarchive.demosite.routes import Response

from .browser import chromium, chromium_available
from .conftest import REPO, crawl_demo, run_cli

# screenshots for people to look at, outside the source tree (as tests/test_reading_room.py)
ARTIFACTS = Path(os.environ.get("NEWSARCHIVE_TEST_ARTIFACTS")
                 or Path(tempfile.gettempdir()) / "newsarchive-test-artifacts")
EDIT = "A sentence added after publication, so the second run stores a second version."
REFERENCE_KEYS = ["warc_file", "offset", "length", "record_id", "fetched_at", "payload_digest"]


@dataclass
class Pictures:
    base: str
    archive: Path
    server: DemoServer
    edited: str          # canonical URL of the article edited between the runs
    holder: str          # canonical URL of the article one of whose pictures is answered 404
    missing: str         # that picture's URL


@pytest.fixture(scope="module")
def pictures(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Pictures]:
    archive = tmp_path_factory.mktemp("pictures") / "archive"
    site = DemoSite(seed=0)
    with DemoServer(site, port=0) as server:
        truth = site.ground_truth(server.base_url)
        english = [row for row in truth if row["language"] == "en" and len(row["images"]) >= 2]
        edited, holder = english[0], english[1]
        missing = holder["images"][-1]["src"]
        assert all(missing not in {i["src"] for i in row["images"]} for row in truth
                   if row is not holder)
        answer = site.handle

        def handle(method: str, target: str, headers: dict[str, str], base: str) -> Response:
            if server.base_url + target.split("?", 1)[0] == missing:    # the picture is gone
                return Response(404, [("Content-Type", "text/html")], b"<h1>Not found</h1>")
            return answer(method, target, headers, base)

        site.handle = handle  # type: ignore[method-assign]
        crawl_demo(server, archive)
        site.edit_article(edited["canonical_url"], paragraph=EDIT)
        crawl_demo(server, archive)
        yield Pictures(base=server.base_url, archive=archive, server=server,
                       edited=edited["canonical_url"], holder=holder["canonical_url"],
                       missing=missing)


def _show(pictures: Pictures, url: str, *json_flag: str) -> subprocess.CompletedProcess[str]:
    result = run_cli("show", url, "--archive", str(pictures.archive), *json_flag)
    assert result.returncode == 0, result.stderr
    return result


def _shown(pictures: Pictures, url: str) -> dict[str, Any]:
    return json.loads(_show(pictures, url, "--json").stdout)


def _record(archive: Path, reference: dict[str, Any]) -> Any:
    """The WARC record a reference names, read with warcio from its offset alone."""
    with open(archive / "warcs" / reference["warc_file"], "rb") as handle:
        handle.seek(reference["offset"])
        data = handle.read(reference["length"])
    assert len(data) == reference["length"]
    record = next(iter(ArchiveIterator(io.BytesIO(data))))
    record.payload = record.content_stream().read()
    return record


def _revisits(archive: Path) -> dict[str, list[tuple[str, str]]]:
    """URI -> (WARC-Profile, WARC-Record-ID) of every revisit record in the WARC files."""
    found: dict[str, list[tuple[str, str]]] = {}
    for path in sorted((archive / "warcs").rglob("*.warc.gz")):
        with open(path, "rb") as handle:
            for record in ArchiveIterator(handle):
                if record.rec_type == "revisit":
                    headers = record.rec_headers
                    found.setdefault(headers.get_header("WARC-Target-URI"), []).append(
                        (headers.get_header("WARC-Profile"), headers.get_header("WARC-Record-ID")))
    return found


# --- the reference: show --json ------------------------------------------------------------------
def test_each_picture_points_at_the_warc_record_holding_its_bytes(pictures: Pictures) -> None:
    data = _shown(pictures, pictures.edited)
    images = data["article"]["images"]
    assert len(images) >= 2
    for image in images:
        reference = image["capture"]
        assert reference is not None and list(reference) == REFERENCE_KEYS, image
        record = _record(pictures.archive, reference)
        assert record.rec_type == "response"
        assert record.rec_headers.get_header("WARC-Record-ID") == reference["record_id"]
        assert record.rec_headers.get_header("WARC-Target-URI") == image["src"]
        assert record.rec_headers.get_header("WARC-Payload-Digest") == reference["payload_digest"]
        assert record.http_headers.get_header("Content-Type") == "image/png"
        # the bytes the site served for that picture
        assert record.payload == png(urlsplit(image["src"]).path)


def test_a_revisited_picture_resolves_to_the_response_that_holds_it(pictures: Pictures) -> None:
    """The edited article's second version names the same pictures; the second run fetched
    them again and wrote revisit records, which hold no payload: the reference is the first
    run's response record (same payload digest), for both versions."""
    data = _shown(pictures, pictures.edited)
    first, second = data["versions"]
    revisits = _revisits(pictures.archive)
    for old, new in zip(first["images"], second["images"], strict=True):
        assert old["src"] == new["src"]
        assert any(p.endswith("identical-payload-digest") for p, _ in revisits[new["src"]])
        assert new["capture"] == old["capture"]
        assert new["capture"]["fetched_at"] < second["capture"]["fetched_at"]
        assert _record(pictures.archive, new["capture"]).rec_type == "response"
    # each version's picture was fetched right after its page: nearest in time to version 1
    assert all(i["capture"]["fetched_at"] >= first["capture"]["fetched_at"]
               for i in first["images"])


def test_a_picture_the_site_did_not_serve_is_not_archived(pictures: Pictures) -> None:
    images = {i["src"]: i for i in _shown(pictures, pictures.holder)["article"]["images"]}
    assert images[pictures.missing]["capture"] is None          # the 404 is no capture of it
    assert all(i["capture"] is not None for src, i in images.items() if src != pictures.missing)


def test_show_prints_each_picture_s_warc_file_offset_and_digest(pictures: Pictures) -> None:
    data = _shown(pictures, pictures.holder)
    text = _show(pictures, pictures.holder).stdout
    images_part = text.split("Images:", 1)[1].split("Versions (", 1)[0]
    for image in data["article"]["images"]:
        block = images_part.split(f"  - {image['src']}\n", 1)[1].split("\n  - ", 1)[0]
        reference = image["capture"]
        if reference is None:
            assert "    not archived" in block
        else:
            assert (f"archived: WARC {reference['warc_file']}:{reference['offset']} "
                    f"(length {reference['length']})") in block
            assert f"payload {reference['payload_digest']}" in block


# --- export ------------------------------------------------------------------------------------
def _exported(pictures: Pictures, tmp_path: Path, fmt: str, *extra: str) -> list[dict[str, Any]]:
    out = tmp_path / f"export.{fmt}"
    result = run_cli("export", "--archive", str(pictures.archive), "--format", fmt,
                     "-o", str(out), *extra)
    assert result.returncode == 0, result.stderr
    if fmt == "jsonl":
        return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    if fmt == "csv":
        with open(out, newline="", encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        for row in rows:
            row["images"] = json.loads(row["images"])
        return rows
    return pq.read_table(out).to_pylist()


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_export_carries_each_picture_s_reference(pictures: Pictures, tmp_path: Path,
                                                 fmt: str) -> None:
    rows = {row["canonical_url"]: row for row in _exported(pictures, tmp_path, fmt)}
    for url in (pictures.edited, pictures.holder):
        shown = _shown(pictures, url)["article"]["images"]
        exported = rows[url]["images"]
        assert [list(image) for image in exported] == [["src", "caption", "credit",
                                                         "capture"]] * len(shown)
        assert exported == shown
    assert {i["src"]: i["capture"] for i in rows[pictures.holder]["images"]}[
        pictures.missing] is None
    archived = [i for row in rows.values() for i in row["images"] if i["capture"]]
    assert len(archived) > 50
    assert list(archived[0]["capture"]) == REFERENCE_KEYS


def test_export_of_versions_carries_each_version_s_reference(pictures: Pictures,
                                                             tmp_path: Path) -> None:
    rows = [r for r in _exported(pictures, tmp_path, "jsonl", "--versions")
            if r["canonical_url"] == pictures.edited]
    shown = _shown(pictures, pictures.edited)["versions"]
    assert [r["images"] for r in rows] == [v["images"] for v in shown]
    assert all(i["capture"] for r in rows for i in r["images"])


# --- the reading room --------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str) -> tuple[int, Any, bytes]:
    """Status, headers (case-insensitive) and body."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def room(pictures: Pictures) -> Iterator[str]:
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "newsarchive.cli", "serve", "--archive", str(pictures.archive),
         "--port", str(port), "--no-replay"],
        cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                urllib.request.urlopen(url + "/", timeout=5).close()
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                assert process.poll() is None, process.communicate()
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def _article_id(pictures: Pictures, url: str) -> int:
    return int(_shown(pictures, url)["article"]["id"])


def test_the_article_page_shows_each_picture_from_the_warc(pictures: Pictures, room: str) -> None:
    data = _shown(pictures, pictures.edited)
    pictures.server.clear_log()
    status, _, page = _get(f"{room}/article/{data['article']['id']}")
    html = page.decode("utf-8")
    assert status == 200
    article = html.split("<article", 1)[1].split("</article>", 1)[0]
    sources = [part.split('"', 1)[0] for part in article.split('<img src="')[1:]]
    assert len(sources) == len(data["article"]["images"])
    for source, image in zip(sources, data["article"]["images"], strict=True):
        assert source.startswith("/image?record=")          # same origin, never the live URL
        status, headers, body = _get(room + source.replace("&amp;", "&"))
        assert status == 200 and headers["Content-Type"] == "image/png"
        assert body == png(urlsplit(image["src"]).path)
        # the reading room's own policy (no script, sandboxed), also for an SVG opened alone
        policy = headers["Content-Security-Policy"]
        assert "default-src 'none'" in policy and "sandbox" in policy
        assert "allow-scripts" not in policy and headers["X-Content-Type-Options"] == "nosniff"
        # the provenance lists the picture's record
        reference = image["capture"]
        assert f"{reference['warc_file']}:{reference['offset']}" in html
    assert pictures.base not in article                      # no live address in the article
    assert pictures.server.paths() == []                     # nothing asked of the live site


def test_a_picture_not_archived_shows_its_caption_and_says_so(pictures: Pictures,
                                                              room: str) -> None:
    images = _shown(pictures, pictures.holder)["article"]["images"]
    status, _, page = _get(f"{room}/article/{_article_id(pictures, pictures.holder)}")
    article = page.decode("utf-8").split("<article", 1)[1].split("</article>", 1)[0]
    assert status == 200
    assert article.count('<img src="/image?record=') == len(images) - 1
    assert article.count("Picture not archived") == 1
    missing = next(i for i in images if i["src"] == pictures.missing)
    assert missing["caption"].split("[")[0].strip()[:30] in article.replace("&#39;", "'")
    assert pictures.missing not in article


def test_the_image_route_serves_only_archived_picture_responses(pictures: Pictures,
                                                                room: str) -> None:
    data = _shown(pictures, pictures.edited)
    page_record = data["article"]["capture"]["record_id"]        # an HTML page, not a picture
    picture = data["article"]["images"][0]
    revisit = _revisits(pictures.archive)[picture["src"]][0][1]  # holds no bytes
    for record in [page_record, revisit, "<urn:uuid:00000000-0000-0000-0000-000000000000>", "x"]:
        status, headers, _ = _get(f"{room}/image?" + urlencode({"record": record}))
        assert status == 404, record
        assert headers["Content-Type"].startswith("text/plain")
    assert _get(f"{room}/image")[0] == 404
    status, _, _ = _get(f"{room}/image?" + urlencode({"record": picture["capture"]["record_id"]}))
    assert status == 200


@pytest.mark.skipif(not chromium_available(), reason="needs Debian's chromium")
def test_the_browser_draws_the_archived_pictures_and_asks_nothing_of_the_site(
        pictures: Pictures, room: str) -> None:
    article_id = _article_id(pictures, pictures.edited)
    pictures.server.clear_log()
    with chromium() as browser:
        tab = browser.new_page()
        reports: list[str] = []
        tab.on("console", lambda msg: reports.append(msg.text))
        tab.goto(f"{room}/article/{article_id}")
        figures = tab.locator("article figure img")
        assert figures.count() >= 2
        figures.last.scroll_into_view_if_needed()
        tab.wait_for_function("() => [...document.querySelectorAll('article figure img')]"
                              ".every(i => i.complete && i.naturalWidth > 0)")
        widths = tab.evaluate("() => [...document.querySelectorAll('article figure img')]"
                              ".map(i => [i.naturalWidth, i.naturalHeight])")
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(ARTIFACTS / "article-pictures.png"), full_page=True)
    assert widths and all(w == [160, 90] for w in widths), widths     # assets.png's size
    assert not [r for r in reports if "Content Security Policy" in r]
    assert pictures.server.paths() == []
