"""End to end on PostgreSQL: `newsarchive crawl demo --db postgresql://...` over the real demo
site stores its records in PostgreSQL (the WARCs stay under --archive), `show`, `export` and
`runs` with the same --db read them, and the export equals an SQLite crawl's of the same site.
`search` and `export` with filters use PostgreSQL's full-text search (`serve` on PostgreSQL:
tests/test_serve_postgres.py). Needs PostgreSQL on
127.0.0.1 (see conftest.pg_url; CI=true turns its absence into a failure)."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from newsarchive.demosite import DemoServer
from tests.conftest import crawl_demo, run_cli


def normalised_export(archive: Path, *extra: str) -> list[str]:
    """Sorted export lines, minus what differs between two crawls by nature: where and when
    each capture was written (WARC file names carry the run's start time, offsets and lengths
    the record headers' dates) and the article ids (numbered in the order pages arrived). The
    payload digest stays: the same bytes were archived; so for each picture (its capture
    resolved by Store.image_captures on either backend), or null when not archived."""
    result = run_cli("export", "--archive", str(archive), "--format", "jsonl", *extra)
    assert result.returncode == 0, result.stderr
    lines = []
    for line in result.stdout.splitlines():
        row: dict[str, Any] = json.loads(line)
        row["capture"] = {"payload_digest": row["capture"]["payload_digest"]}
        for image in row["images"]:
            if image["capture"] is not None:
                image["capture"] = {"payload_digest": image["capture"]["payload_digest"]}
        row.pop("article_id")
        row.pop("story_id")   # an id of the archive too (the first version of the story)
        lines.append(json.dumps(row, ensure_ascii=False, sort_keys=True))
    return sorted(lines)


def test_crawl_demo_into_postgres_reads_back_like_sqlite(demo_server: DemoServer, tmp_path: Path,
                                                         pg_url: str) -> None:
    on_sqlite = tmp_path / "sqlite-archive"
    on_postgres = tmp_path / "pg-archive"
    crawl_demo(demo_server, on_sqlite)
    crawl = crawl_demo(demo_server, on_postgres, "--db", pg_url)
    assert "run 1 (demo): ok" in crawl.stdout

    # the records went to PostgreSQL, the WARC files to the archive directory
    assert not (on_postgres / "records.sqlite3").exists()
    assert sorted(p.name for p in (on_postgres / "warcs" / "demo").glob("*.warc.gz"))

    expected = normalised_export(on_sqlite)
    assert len(expected) > 10
    assert sum(bool(i["capture"]) for line in expected for i in json.loads(line)["images"]) > 50
    assert normalised_export(on_postgres, "--db", pg_url) == expected
    # $NEWSARCHIVE_DB is the same as --db
    env_export = run_cli("export", "--archive", str(on_postgres), "--format", "jsonl",
                         env={"NEWSARCHIVE_DB": pg_url})
    assert env_export.returncode == 0, env_export.stderr
    assert len(env_export.stdout.splitlines()) == len(expected)

    first = json.loads(expected[0])
    shown = run_cli("show", first["canonical_url"], "--archive", str(on_postgres), "--db", pg_url,
                    "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["article"]["title"] == first["title"]
    assert data["article"]["body"] == first["body"]
    assert [v["version_no"] for v in data["versions"]] == [1]
    assert data["captures"] and all(c["warc_file"].startswith("demo/") for c in data["captures"])
    reference = json.loads(run_cli("show", first["canonical_url"], "--archive",
                                   str(on_sqlite), "--json").stdout)
    assert [u["url"] for u in data["urls"]] == [u["url"] for u in reference["urls"]]

    runs = run_cli("runs", "--archive", str(on_postgres), "--db", pg_url, "--json")
    assert runs.returncode == 0, runs.stderr
    [run] = [json.loads(line) for line in runs.stdout.splitlines()]
    assert (run["site"], run["status"]) == ("demo", "ok")
    assert run["summary"]["articles"]["new"] == len(expected)

    # filters and full-text selection run on PostgreSQL too, and select the same articles
    for selection in (["--language", "ar"], ["--section", "security", "--to", "2026-07"],
                      ["--query", f'"{first["title"]}"']):
        assert normalised_export(on_postgres, "--db", pg_url, *selection) == \
            normalised_export(on_sqlite, *selection), selection
    found = run_cli("search", f'"{first["title"]}"', "--archive", str(on_postgres), "--db",
                    pg_url, "--json")
    assert found.returncode == 0, found.stderr
    assert first["canonical_url"] in [hit["canonical_url"] for hit in
                                      json.loads(found.stdout)["hits"]]

    # a second run on PostgreSQL is incremental there: nothing new, nothing stored twice
    again = crawl_demo(demo_server, on_postgres, "--db", pg_url)
    assert "articles new 0" in again.stdout, again.stdout
    assert normalised_export(on_postgres, "--db", pg_url) == expected


def test_bad_urls_and_empty_databases_fail_with_one_line_on_postgres(tmp_path: Path,
                                                                     pg_url: str) -> None:
    # serve reads PostgreSQL now: a database never crawled into is one line, exit 1
    result = run_cli("serve", "--archive", str(tmp_path), "--db", pg_url, "--no-replay")
    assert result.returncode == 1, result.stderr
    assert result.stderr.count("\n") == 1 and "has no records schema" in result.stderr
    assert "Traceback" not in result.stderr
    bad = run_cli("show", "1", "--archive", str(tmp_path), env={"NEWSARCHIVE_DB": "mysql://x"})
    assert bad.returncode == 2 and "not a postgresql:// URL" in bad.stderr
    # a database never crawled into: one line, not a traceback
    empty = run_cli("runs", "--archive", str(tmp_path), "--db", pg_url)
    assert empty.returncode == 1 and "has no records schema" in empty.stderr
    assert empty.stderr.count("\n") == 1
