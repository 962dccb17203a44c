"""The command line as a user meets it: help, errors, profile-less crawling, the demo."""
from __future__ import annotations

import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys

import pytest

from .conftest import REPO, export_rows, run_cli

SUBCOMMANDS = ("crawl", "demo", "search", "show", "diff", "export", "serve", "wacz", "reextract",
               "import-warc", "runs", "migrate")


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


def test_crawl_help_offers_rendering_mode():
    result = run_cli("crawl", "--help")
    assert result.returncode == 0, result.stderr
    assert "--render" in result.stdout and "Chromium" in result.stdout


def test_rendering_without_the_browser_is_one_line_and_starts_no_run(tmp_path):
    result = run_cli("crawl", "http://127.0.0.1:9/", "--archive", str(tmp_path), "--render",
                     "--set", f"NEWS_RENDER_BROWSER={tmp_path / 'no-chromium'}")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "Traceback" not in result.stderr
    assert "rendering mode needs Chromium" in result.stderr
    assert not (tmp_path / "records.sqlite3").exists()


def test_console_script_is_installed():
    assert shutil.which("newsarchive"), "pip install should put `newsarchive` on PATH"
    result = subprocess.run(["newsarchive", "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and result.stdout.startswith("newsarchive ")


def test_bad_argument_is_one_line_and_nonzero(tmp_path):
    result = run_cli("export", "--archive", str(tmp_path), "--format", "xml")
    assert result.returncode == 2
    assert "invalid choice" in result.stderr


def test_unknown_profile_is_one_line_usage_error(tmp_path):
    result = run_cli("crawl", "no-such-site", "--archive", str(tmp_path))
    assert result.returncode == 2
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


@pytest.mark.parametrize("args", [
    ("crawl", "notaprofile"),
    ("crawl", "demo", "--set", "lowercase=1"),
    ("crawl", "ftp://example.org/"),
    ("search", "--from", "2026-13", "x"),
    ("search", "--to", "2026-02-30", "x"),
    ("export", "--format", "parquet"),
    ("export", "--from", "last week"),
    ("wacz", "-o", "out.zip"),
    ("runs", "--archive", str(REPO / "archive")),
    ("search", "x", "--archive", str(REPO)),
])
def test_every_usage_error_exits_2_with_one_line(tmp_path, args):
    env = {"NEWSARCHIVE_ARCHIVE": str(tmp_path)}
    result = run_cli(*args, env=env)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("newsarchive")
    assert not (tmp_path / "records.sqlite3").exists()


def test_export_into_a_closed_pipe_ends_quietly_with_0(crawled_demo):
    """`newsarchive export | head -n 1` under `set -o pipefail` succeeds, nothing on stderr."""
    command = (f"set -o pipefail; {sys.executable} -m newsarchive.cli export --archive "
               f"{crawled_demo.archive} --format jsonl | head -n 1")
    result = subprocess.run(["bash", "-c", command], capture_output=True, text=True, cwd=REPO,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    assert json.loads(result.stdout)["title"]
    total = sum(len(json.dumps(row)) for row in crawled_demo.rows)
    assert total > 1 << 17, "the export must outgrow the pipe's buffer for the test to mean anything"


def test_readme_demo_in_a_clean_clone_twice_keeps_the_tree_clean_and_the_count(tmp_path):
    """The README's demo command, run in a fresh clone as a new user would: data goes to the
    user's data directory (never into the clone, whose ./archive is the `archive` package), and
    a second run finds the same articles unchanged instead of storing them again."""
    if not (REPO / ".git").exists() or not shutil.which("git"):
        pytest.skip("not a git checkout")
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(REPO), str(clone)], check=True, timeout=120)
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items()
           if k not in ("NEWSARCHIVE_ARCHIVE", "XDG_DATA_HOME")}
    env.update(HOME=str(home), PYTHONPATH=str(clone))
    counts = []
    for _ in range(2):
        result = subprocess.run([sys.executable, "-m", "newsarchive.cli", "demo"], cwd=clone,
                                env=env, capture_output=True, text=True, timeout=300)
        assert result.returncode == 0, result.stdout + result.stderr
        assert "Next:" in result.stdout and "newsarchive export" in result.stdout
        data = home / ".local" / "share" / "newsarchive"
        with sqlite3.connect(data / "records.sqlite3") as db:
            counts.append(db.execute("SELECT count(*) FROM articles").fetchone()[0])
    assert counts[0] >= 40 and counts[1] == counts[0]
    assert re.search(r"articles new 0, updated 0, unchanged [1-9]", result.stdout), result.stdout
    assert list((data / "warcs" / "demo").glob("*.warc.gz"))
    status = subprocess.run(["git", "status", "--porcelain", "--ignored"], cwd=clone,
                            capture_output=True, text=True, check=True)
    leftovers = [line for line in status.stdout.splitlines() if "__pycache__" not in line]
    assert leftovers == []


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
