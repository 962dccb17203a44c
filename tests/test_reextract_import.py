"""Re-extraction from the archive's own WARC files, and import of WARC files written by other
tools (wget --warc-file, warcio), over real crawls of the demo site."""
from __future__ import annotations

import gzip
import json
import shutil
import sqlite3
import subprocess

import pytest

from archive.store import open_store
from archive.store.content import content_hash

from .conftest import export_rows, run_cli, without_image_captures


def _articles(rows: list[dict]) -> dict[str, dict]:
    """Rows by canonical URL, without what differs between two archives of the same pages: the
    capture (which WARC record it came from), each picture's (wget's files hold none) and the
    archive's own article and story ids."""
    return {row["canonical_url"]: {k: without_image_captures(v) if k == "images" else v
                                   for k, v in row.items()
                                   if k not in ("capture", "article_id", "story_id")}
            for row in rows}


def _versions(archive) -> int:
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        return conn.execute("SELECT COUNT(*) FROM versions").fetchone()[0]


@pytest.fixture(scope="module")
def wget_warc(crawled_demo, tmp_path_factory):
    """The demo site (the one crawled_demo crawled) fetched by wget into a WARC file."""
    if shutil.which("wget") is None:
        pytest.skip("wget is not installed (Debian package wget)")
    folder = tmp_path_factory.mktemp("wget")
    base = crawled_demo.server.base_url
    result = subprocess.run(
        ["wget", "--recursive", "--level=3", f"--warc-file={folder / 'site'}", "--no-verbose",
         "--reject", "jpg,jpeg,png,gif,webp,svg", "-P", str(folder / "files"),
         f"{base}/en_GB/", f"{base}/ar/"], capture_output=True, text=True, timeout=120)
    assert result.returncode in (0, 8), result.stderr[-2000:]  # 8: the demo site's 404
    return folder / "site.warc.gz"


def test_reextract_with_an_unchanged_extractor_adds_no_versions(crawled_demo):
    archive = crawled_demo.archive
    before = _versions(archive)
    result = run_cli("reextract", "--archive", str(archive))
    assert result.returncode == 0, result.stderr
    assert "new versions 0" in result.stdout and "errors 0" in result.stdout
    assert _versions(archive) == before
    assert export_rows(archive) == crawled_demo.rows
    again = run_cli("reextract", "--site", "demo", "--jobs", "1", "--archive", str(archive))
    assert again.returncode == 0 and "new versions 0" in again.stdout
    with open_store(archive, readonly=True) as store:
        runs = store.list_runs(limit=5)
    assert [run["site"] for run in runs[:2]] == ["reextract:demo", "reextract"]
    summary = runs[1]["summary"]
    assert summary["pages"] > len(crawled_demo.rows) and summary["new_versions"] == 0
    assert summary["articles"]["unchanged"] == len(crawled_demo.rows)


def test_reextract_stores_a_version_where_the_extractor_output_changed(crawled_demo):
    """An article stored by an older extractor that missed the title's last word: re-extraction
    makes a new version, marked with the current extractor version, for it alone."""
    from crawler.extract import EXTRACTOR_VERSION

    archive = crawled_demo.archive
    row = crawled_demo.rows[5]
    with open_store(archive, readonly=True) as store:
        version = store.versions(store.get_article(row["canonical_url"])["id"])[-1]
    older = dict(version, title=version["title"].rsplit(" ", 1)[0])
    with sqlite3.connect(archive / "records.sqlite3") as conn:
        conn.execute("UPDATE versions SET title = ?, content_hash = ?, extractor_version = "
                     "'0.0.1' WHERE id = ?",
                     (older["title"], content_hash(older), version["version_id"]))
    before = _versions(archive)
    result = run_cli("reextract", "--archive", str(archive))
    assert result.returncode == 0, result.stderr
    assert "new versions 1" in result.stdout
    assert _versions(archive) == before + 1
    with open_store(archive, readonly=True) as store:
        article = store.get_article(row["canonical_url"])
        versions = store.versions(article["id"])
    assert article["title"] == row["title"]
    assert [v["extractor_version"] for v in versions] == ["0.0.1", EXTRACTOR_VERSION]
    diff = json.loads(run_cli("diff", row["canonical_url"], "--archive", str(archive),
                              "--json").stdout)
    assert [c["field"] for c in diff["changes"]] == ["title"]


def test_import_of_a_wget_crawl_yields_the_same_articles_as_a_native_crawl(
        crawled_demo, wget_warc, tmp_path):
    native = _articles(crawled_demo.rows)
    for site_args in (["--site", "demo"], []):
        archive = tmp_path / ("profile" if site_args else "generic")
        result = run_cli("import-warc", str(wget_warc), "--archive", str(archive), *site_args)
        assert result.returncode == 0, result.stderr
        assert (archive / "warcs" / "imported" / wget_warc.name).is_file()
        imported = export_rows(archive)
        assert _articles(imported) == native
        assert all(row["capture"]["warc_file"] == f"imported/{wget_warc.name}"
                   for row in imported)
    # importing again changes nothing; reextract over imported records neither
    again = run_cli("import-warc", str(wget_warc), "--archive", str(archive))
    assert again.returncode == 0 and "new versions 0" in again.stdout
    assert len(list((archive / "warcs" / "imported").iterdir())) == 1
    assert "new versions 0" in run_cli("reextract", "--archive", str(archive)).stdout
    # the redirect source wget followed is an alias, as after a crawl
    redirect = crawled_demo.site.special_urls(crawled_demo.server.base_url)["redirect_from"]
    shown = run_cli("show", redirect, "--archive", str(archive), "--json")
    assert shown.returncode == 0, shown.stderr
    # provenance names the import run as an import, and `runs` counts the pages it read
    assert {v["run_kind"] for v in json.loads(shown.stdout)["versions"]} == {"import"}
    listed = run_cli("runs", "--archive", str(archive)).stdout.splitlines()
    first_import = next(line for line in reversed(listed) if "import:" in line)
    run_no, site, _, status, pages = first_import.split()[:5]
    assert site.startswith("import:") and status == "ok"
    assert int(pages) >= len(native), first_import  # every archived page it read, not 0


def test_import_of_uncompressed_and_warcio_written_files(crawled_demo, wget_warc, tmp_path):
    native = _articles(crawled_demo.rows)
    plain = tmp_path / "site.warc"
    with gzip.open(wget_warc, "rb") as source, open(plain, "wb") as target:
        shutil.copyfileobj(source, target)
    archive = tmp_path / "plain"
    result = run_cli("import-warc", str(plain), "--archive", str(archive), "--site", "demo")
    assert result.returncode == 0, result.stderr
    assert _articles(export_rows(archive)) == native

    # newsarchive's own files are warcio-written: import them into another archive
    ours = sorted((crawled_demo.archive / "warcs" / "demo").glob("*.warc.gz"))
    archive = tmp_path / "ours"
    result = run_cli("import-warc", *map(str, ours), "--archive", str(archive), "--site", "demo")
    assert result.returncode == 0, result.stderr
    assert _articles(export_rows(archive)) == native


def test_import_rejects_what_is_not_a_warc(tmp_path):
    bogus = tmp_path / "notes.warc"
    bogus.write_text("hello\n")
    result = run_cli("import-warc", str(bogus), "--archive", str(tmp_path / "a"))
    assert result.returncode == 1 and "not a WARC or ARC file" in result.stderr
    assert result.stderr.count("\n") == 1
    missing = run_cli("import-warc", str(tmp_path / "nope.warc.gz"), "--archive",
                      str(tmp_path / "a"))
    assert missing.returncode == 1 and "no such file" in missing.stderr
