"""WACZ packages (py-wacz, its validator) and the replay index pywb reads, over a real crawl."""
from __future__ import annotations

import gzip
import json
import subprocess
import sys
import zipfile
from pathlib import Path

from archive.replay import index_path_for, replay_url, timestamp14, update_index, warc_root

from .conftest import REPO, CrawledDemo, run_cli


def _validate(path: Path) -> subprocess.CompletedProcess[str]:
    """py-wacz's own command line validator, as a user would run it."""
    return subprocess.run([sys.executable, "-m", "wacz", "validate", "-f", str(path)],
                          capture_output=True, text=True, cwd=REPO, timeout=120)


def test_wacz_of_a_crawl_validates_and_lists_every_article_page(crawled_demo: CrawledDemo,
                                                               tmp_path: Path) -> None:
    out = tmp_path / "demo.wacz"
    result = run_cli("wacz", "--archive", str(crawled_demo.archive), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "validated" in result.stdout and "52 article pages" in result.stdout
    check = _validate(out)
    assert check.returncode == 0 and "is valid" in check.stdout, check.stdout + check.stderr
    with zipfile.ZipFile(out) as package:
        names = set(package.namelist())
        assert {"datapackage.json", "datapackage-digest.json", "indexes/index.cdx.gz",
                "indexes/index.idx", "pages/pages.jsonl"} <= names
        warcs = [n for n in names if n.startswith("archive/") and n.endswith(".warc.gz")]
        assert warcs
        lines = package.read("pages/pages.jsonl").decode("utf-8").splitlines()
        index = gzip.decompress(package.read("indexes/index.cdx.gz")).decode("utf-8")
    header, pages = json.loads(lines[0]), [json.loads(line) for line in lines[1:]]
    assert header["format"] == "json-pages-1.0"
    by_url = {page["url"]: page for page in pages}
    for row in crawled_demo.rows:
        page = by_url[row["url"]]
        assert page["title"] == row["title"]
        assert page["ts"] == row["capture"]["fetched_at"]
        # a player finds each page's capture in the package index at that time
        assert f"{timestamp14(row['capture']['fetched_at'])} " in index


def test_wacz_selection_by_site_and_run_and_one_line_errors(crawled_demo: CrawledDemo,
                                                           tmp_path: Path) -> None:
    archive = str(crawled_demo.archive)
    by_site = run_cli("wacz", "--archive", archive, "--site", "demo",
                      "-o", str(tmp_path / "s.wacz"))
    by_run = run_cli("wacz", "--archive", archive, "--run", "1", "-o", str(tmp_path / "r.wacz"))
    assert by_site.returncode == 0 and by_run.returncode == 0, by_site.stderr + by_run.stderr
    for args, message in [
        (["--site", "nowhere"], "no finished WARC files for site nowhere"),
        (["--run", "99"], "there is no crawl run 99"),
    ]:
        result = run_cli("wacz", "--archive", archive, *args, "-o", str(tmp_path / "x.wacz"))
        assert result.returncode == 1 and result.stderr.count("\n") == 1, result.stderr
        assert message in result.stderr
    result = run_cli("wacz", "--archive", archive, "-o", str(tmp_path / "x.zip"))
    assert result.returncode == 2 and "must end in .wacz" in result.stderr
    result = run_cli("wacz", "--help")
    assert result.returncode == 0 and "ReplayWeb.page" in result.stdout
    assert "--site" in result.stdout and "--run" in result.stdout


def test_replay_index_is_built_once_per_warc_and_kept_current(crawled_demo: CrawledDemo,
                                                              tmp_path: Path) -> None:
    index_dir = tmp_path / "indexes"
    written = update_index(crawled_demo.archive, index_dir)
    warcs = sorted(warc_root(crawled_demo.archive).rglob("*.warc.gz"))
    assert len(written) == len(warcs)
    assert update_index(crawled_demo.archive, index_dir) == []       # nothing changed: no work
    lines = [line for path in written for line in path.read_text().splitlines()]
    urls = {json.loads(line.split(" ", 2)[2])["url"] for line in lines}
    assert {row["url"] for row in crawled_demo.rows} <= urls
    for line in lines:                                                # names pywb resolves
        assert json.loads(line.split(" ", 2)[2])["filename"].startswith("demo/")
    stale = index_path_for(index_dir, "gone/old.warc.gz")
    stale.write_text("")
    update_index(crawled_demo.archive, index_dir)
    assert not stale.exists()


def test_replay_urls_name_the_capture_time_and_the_original_url() -> None:
    url = "http://127.0.0.1:8000/ar/articles/x?id=1&b=2"
    assert (replay_url("http://127.0.0.1:8002/", "2026-11-26T01:01:19Z", url)
            == "http://127.0.0.1:8002/archive/20261126010119/" + url)
    assert replay_url("http://h:1", "2026-11-26T01:01:19Z", url, mode="id_").startswith(
        "http://h:1/archive/20261126010119id_/http://")
