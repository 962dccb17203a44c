"""The command line as a user meets it: help, errors, profile-less crawling, the demo."""
from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import subprocess
import sys

import pytest

from .conftest import REPO, export_rows, run_cli

SUBCOMMANDS = ("crawl", "demo", "search", "show", "diff", "export", "serve", "wacz", "reextract",
               "import-warc", "runs")


def test_top_level_help_lists_every_command_and_exit_codes():
    result = run_cli("--help")
    assert result.returncode == 0
    for command in SUBCOMMANDS:
        assert command in result.stdout
    assert "Exit codes" in result.stdout


@pytest.mark.parametrize("command", SUBCOMMANDS)
def test_every_subcommand_help_documents_its_options(command):
    result = run_cli(command, "--help")
    assert result.returncode == 0, result.stderr
    assert "--archive" in result.stdout
    assert "NEWSARCHIVE_ARCHIVE" in result.stdout
    assert result.stdout.count("\n") > 4


def test_console_script_is_installed():
    assert shutil.which("newsarchive"), "pip install should put `newsarchive` on PATH"
    result = subprocess.run(["newsarchive", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("newsarchive ")


def test_bad_argument_is_one_line_and_nonzero(tmp_path):
    result = run_cli("export", "--archive", str(tmp_path), "--format", "xml")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_unknown_profile_is_one_line_error(tmp_path):
    result = run_cli("crawl", "no-such-site", "--archive", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0
    assert "unknown site profile 'no-such-site'" in result.stderr
    assert "Traceback" not in result.stderr


def test_unreachable_url_is_one_line_error_and_nonzero(tmp_path):
    with socket.socket() as sock:  # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = run_cli("crawl", f"http://127.0.0.1:{port}/news/", "--archive", str(tmp_path),
                     "--set", "RETRY_TIMES=0")
    assert result.returncode == 1
    [line] = result.stderr.strip().splitlines()
    assert "could not fetch anything" in line and "ConnectionRefused" in line
    assert "Traceback" not in result.stdout + result.stderr
    run = sqlite3.connect(tmp_path / "records.sqlite3").execute("SELECT status FROM runs").fetchone()
    assert run == ("failed",)


def test_export_without_archive_is_one_line_error(tmp_path):
    result = run_cli("export", "--archive", str(tmp_path / "nothing"))
    assert result.returncode == 1
    assert "no archive at" in result.stderr and result.stderr.count("\n") == 1


def test_archive_defaults_to_environment_variable(demo_server, tmp_path):
    archive = tmp_path / "from-env"
    result = run_cli("crawl", "demo", "--base-url", demo_server.base_url,
                     env={"NEWSARCHIVE_ARCHIVE": str(archive)})
    assert result.returncode == 0, result.stderr
    assert (archive / "records.sqlite3").exists()
    runs = run_cli("runs", env={"NEWSARCHIVE_ARCHIVE": str(archive)})
    assert "demo" in runs.stdout and "ok" in runs.stdout


def test_profileless_crawl_from_one_section_finds_every_article(demo_server, tmp_path):
    site = demo_server.site
    start = site.special_urls(demo_server.base_url)["section_en"]
    result = run_cli("crawl", start, "--archive", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    found = {row["canonical_url"] for row in export_rows(tmp_path)}
    assert found == set(site.article_urls(demo_server.base_url))
    paths = [path for _, path, _ in demo_server.requests]
    assert "/sitemap.xml" in paths and not [p for p in paths if "/private/" in p]


def test_demo_command_crawls_and_says_what_next(tmp_path):
    result = run_cli("demo", "--archive", str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert "Next:" in result.stdout and "newsarchive export" in result.stdout
    rows = export_rows(tmp_path)
    assert len(rows) >= 40
    assert list((tmp_path / "warcs" / "demo").glob("*.warc.gz"))


def test_layers_archive_and_extraction_never_import_scrapy():
    code = ("import sys, archive, archive.warc, archive.store, archive.export, crawler.extract; "
            "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ('scrapy', 'crawler', 'twisted'))))")
    result = subprocess.run([sys.executable, "-c", "import json; " + code], capture_output=True,
                            text=True, cwd=REPO)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert not [m for m in loaded if m.startswith(("scrapy", "twisted"))]
    assert all(m == "crawler" or m.startswith("crawler.extract") for m in loaded)


def test_export_field_list_matches_the_extractor():
    from archive.export import ARTICLE_FIELDS
    from crawler.extract.article import EXPORT_FIELDS

    assert ARTICLE_FIELDS == EXPORT_FIELDS
