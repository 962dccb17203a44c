"""`newsarchive serve --db postgresql://…` over a real crawl into a real PostgreSQL database.

The demo site is crawled into a database of this test session, one article edited and the site
crawled again (two versions, a diff), then `serve` runs as a subprocess: search, the article
page, its diff and its snapshot link (opened on the replay origin) come from PostgreSQL; the
tables, SQL and CSV/JSON at /records come from the read-only SQLite mirror, whose age the
footer shows and which follows a crawl made while serve runs.
"""
from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import secrets
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from newsarchive.demosite import DemoServer, DemoSite

from .conftest import REPO, _pg_url, crawl_demo
from .test_reading_room import _free_ports, _wait_http, get

EDIT = "Correction: the harbour authority revised the tonnage figures on Friday afternoon."
MIRROR_INTERVAL = 2


@dataclass
class PgRoom:
    url: str
    replay: str
    db: str
    archive: Path
    site: DemoSite
    demo: DemoServer
    rows: list[dict]
    edited_url: str
    output: list[str]


def _pg_count(db: str, sql: str) -> int:
    import psycopg

    with psycopg.connect(db) as conn:
        return int(conn.execute(sql).fetchone()[0])


@pytest.fixture(scope="module")
def pg_room(tmp_path_factory: pytest.TempPathFactory, pg_server: str,
            replay_python: Path) -> Iterator[PgRoom]:
    """A database of its own (created here, dropped at the end), crawled twice, served."""
    import psycopg

    name = f"newsarchive_test_serve_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield from _serve_room(tmp_path_factory, _pg_url(name))
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _serve_room(tmp_path_factory: pytest.TempPathFactory, pg_database: str) -> Iterator[PgRoom]:
    archive = tmp_path_factory.mktemp("serve-pg")
    site = DemoSite(seed=0)
    with DemoServer(site, host="127.0.0.1", port=0) as demo:
        crawl_demo(demo, archive, "--db", pg_database)
        first = export_rows_pg(archive, pg_database)
        edited = next(r for r in first if r["language"] == "en")
        site.edit_article(edited["canonical_url"], paragraph=EDIT)
        crawl_demo(demo, archive, "--db", pg_database)
        rows = export_rows_pg(archive, pg_database)
        port, replay_port = _free_ports(2)
        process = subprocess.Popen(
            [sys.executable, "-m", "newsarchive.cli", "serve", "--archive", str(archive),
             "--db", pg_database, "--port", str(port), "--replay-port", str(replay_port),
             "--mirror-interval", str(MIRROR_INTERVAL)],
            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        output: list[str] = []
        try:
            try:
                _wait_http(f"http://127.0.0.1:{port}/", timeout=120)
            except OSError:
                process.kill()
                pytest.fail(f"serve --db did not start: {process.communicate()[0]}")
            yield PgRoom(url=f"http://127.0.0.1:{port}", replay=f"http://127.0.0.1:{replay_port}",
                         db=pg_database, archive=archive, site=site, demo=demo, rows=rows,
                         edited_url=edited["canonical_url"], output=output)
        finally:
            process.terminate()
            try:
                output.append(process.communicate(timeout=15)[0])
            except subprocess.TimeoutExpired:
                process.kill()


def export_rows_pg(archive: Path, db: str) -> list[dict]:
    from .conftest import run_cli

    result = run_cli("export", "--archive", str(archive), "--db", db, "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _json(url: str) -> object:
    status, _, body = get(url)
    assert status == 200, (url, status, body[:500])
    return json.loads(body)


def test_search_and_article_pages_read_postgres(pg_room: PgRoom) -> None:
    row = next(r for r in pg_room.rows if r["canonical_url"] == pg_room.edited_url)
    status, _, page = get(f"{pg_room.url}/?" + urllib.parse.urlencode(
        {"q": '"harbour authority revised the tonnage"'}))
    assert status == 200
    ids = set(re.findall(r'href="/article/(\d+)"', page))
    assert ids == {str(row["article_id"])}, ids           # only the edited article says that
    status, _, article = get(f"{pg_room.url}/article/{row['article_id']}")
    assert status == 200
    text = html.unescape(article)
    assert row["title"] in text and EDIT in text
    assert _pg_count(pg_room.db, f"SELECT COUNT(*) FROM versions WHERE article_id = "
                                 f"{int(row['article_id'])}") == 2
    status, _, diff = get(f"{pg_room.url}/article/{row['article_id']}?from=1&to=2")
    assert status == 200 and re.search(r"<ins\b", diff) and "Correction" in html.unescape(diff)
    status, _, old = get(f"{pg_room.url}/article/{row['article_id']}?v=1")
    assert status == 200 and EDIT not in html.unescape(old)
    status, _, missing = get(f"{pg_room.url}/article/999999")
    assert status == 404


def test_snapshot_link_opens_the_capture_on_the_replay_origin(pg_room: PgRoom) -> None:
    row = next(r for r in pg_room.rows if r["canonical_url"] == pg_room.edited_url)
    _, _, article = get(f"{pg_room.url}/article/{row['article_id']}")
    links = [html.unescape(link) for link in
             re.findall(r'href="(' + re.escape(pg_room.replay) + r'/archive/[^"]+)"', article)]
    assert links, "the article page links no snapshot on the replay origin"
    raw = next((link for link in links if re.search(r"/archive/\d{14}id_/", link)), None)
    target = raw or re.sub(r"/archive/(\d{14})/", r"/archive/\1id_/", links[0])
    status, headers, body = get(target)
    assert status == 200, (target, status)
    assert row["title"] in html.unescape(body)


def test_records_tables_sql_and_exports_mirror_postgres(pg_room: PgRoom) -> None:
    for table in ("articles", "versions", "captures", "runs", "article_urls"):
        expected = _pg_count(pg_room.db, f"SELECT COUNT(*) FROM {table}")
        got = _json(f"{pg_room.url}/records.json?sql="
                    + urllib.parse.quote(f"select count(*) as n from {table}") + "&_shape=array")
        assert got == [{"n": expected}], (table, got, expected)
    articles = _json(f"{pg_room.url}/records/articles.json?_shape=array&_size=max")
    assert isinstance(articles, list)
    assert {a["canonical_url"] for a in articles} == {r["canonical_url"] for r in pg_room.rows}
    status, _, csv_text = get(f"{pg_room.url}/records/versions.csv?_size=max")
    assert status == 200
    records = list(csv.DictReader(io.StringIO(csv_text)))
    assert len(records) == _pg_count(pg_room.db, "SELECT COUNT(*) FROM versions")
    import psycopg

    with psycopg.connect(pg_room.db) as conn:
        in_postgres = {(str(i), h) for i, h in conn.execute("SELECT id, content_hash FROM versions")}
    assert {(r["id"], r["content_hash"]) for r in records} == in_postgres
    # the mirror's full-text table answers like an SQLite archive's
    hits = _json(f"{pg_room.url}/records.json?sql=" + urllib.parse.quote(
        "select rowid from article_search where article_search match 'tonnage'") + "&_shape=array")
    row = next(r for r in pg_room.rows if r["canonical_url"] == pg_room.edited_url)
    assert hits == [{"rowid": row["article_id"]}]
    # read-only: Datasette refuses writes, and the mirror is a copy anyway
    status, _, _ = get(f"{pg_room.url}/records.json?sql=" + urllib.parse.quote(
        "delete from articles"))
    assert status == 400
    assert _pg_count(pg_room.db, "SELECT COUNT(*) FROM articles") == len(pg_room.rows)


def test_footer_says_how_old_the_mirror_is_and_it_follows_a_new_crawl(pg_room: PgRoom) -> None:
    status, _, page = get(f"{pg_room.url}/records")
    assert status == 200
    note = re.search(r"read-only SQLite mirror of PostgreSQL (\S+), as of "
                     r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)", html.unescape(page))
    assert note and "newsarchive_test_" in note.group(1), page[-1500:]
    _, _, ours = get(f"{pg_room.url}/")
    assert "read-only SQLite mirror of PostgreSQL" in html.unescape(ours)
    # a new version stored while serve runs reaches the tables within the refresh interval
    other = next(r for r in pg_room.rows if r["canonical_url"] != pg_room.edited_url
                 and r["language"] == "en")
    pg_room.site.edit_article(other["canonical_url"],
                              paragraph="A quetzalcoatlus-sized correction arrived late.")
    crawl_demo(pg_room.demo, pg_room.archive, "--db", pg_room.db)
    expected = _pg_count(pg_room.db, "SELECT COUNT(*) FROM versions")
    query = (f"{pg_room.url}/records.json?sql="
             + urllib.parse.quote("select count(*) as n from versions") + "&_shape=array")
    deadline = time.monotonic() + MIRROR_INTERVAL * 10
    while _json(query) != [{"n": expected}]:
        assert time.monotonic() < deadline, (_json(query), expected)
        time.sleep(0.5)
    # the mirror's search index follows the new current version (re-indexed incrementally)
    hits = _json(f"{pg_room.url}/records.json?sql=" + urllib.parse.quote(
        "select rowid from article_search where article_search match 'quetzalcoatlus'")
        + "&_shape=array")
    assert hits == [{"rowid": other["article_id"]}], hits
    _, _, later = get(f"{pg_room.url}/records")
    later_note = re.search(r"as of (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)", html.unescape(later))
    assert later_note and later_note.group(1) > note.group(2)


def test_a_failed_refresh_keeps_the_last_copy_and_says_so(pg_url: str, tmp_path: Path) -> None:
    """The database goes away while serve runs: the tables keep the last copy, one warning
    line is logged (not one per interval), and the footer note says the refresh failed."""
    import sqlite3
    import threading

    import psycopg

    from archive.store.postgres import PostgresStore
    from archive.web.mirror import create_mirror, refresh_forever

    PostgresStore(pg_url).close()                      # the records schema, no rows yet
    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("INSERT INTO runs (site, started_at, status) "
                     "VALUES ('demo', '2026-12-01T00:00:00Z', 'ok')")
    state = create_mirror(pg_url, tmp_path / "records.sqlite3")
    copied_at = state.refreshed_at
    gone = pg_url.rpartition("/")[0] + "/newsarchive_no_such_database"
    logged: list[str] = []
    stop = threading.Event()

    def log(line: str) -> None:
        logged.append(line)

    worker = threading.Thread(target=refresh_forever, args=(gone, state, 0.05, stop, log))
    worker.start()
    time.sleep(1.0)                                    # many intervals, all failing
    stop.set()
    worker.join(timeout=10)
    assert len(logged) == 1 and "warning" in logged[0] and "newsarchive_no_such_database" \
        in logged[0], logged
    assert state.refreshed_at == copied_at and state.error
    assert "last refresh failed" in state.note()
    with sqlite3.connect(tmp_path / "records.sqlite3") as conn:
        assert conn.execute("SELECT site FROM runs").fetchall() == [("demo",)]
