"""The records store: schema migrations, dedup outcomes, versions, aliases, runs, read-only
access and concurrent writers, on real database files in tmp_path.

Backend-neutral tests take the `store`/`open_archive` fixtures, parametrized over both backends
("sqlite" and "postgres": a database of the test session on 127.0.0.1, see conftest.pg_url).
SQLite-specific behaviour (WAL, the read-only URI, migrations table, several processes on one
file) uses `sqlite_path`; PostgreSQL-specific behaviour (migrations under an advisory lock,
read-only transactions) uses `pg_url`.

This file doubles as the worker program for the multi-process tests:
`python tests/test_store.py worker DB` (see `_worker_main`).
"""
from __future__ import annotations

import hashlib
import itertools
import json
import os
import sqlite3
import subprocess
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:  # when run as the worker script
    sys.path.insert(0, str(REPO))

import pytest  # noqa: E402

from archive.exceptions import StoreError  # noqa: E402
from archive.records import Capture, StoreResult, WarcRef  # noqa: E402
from archive.store import DB_FILENAME, SQLiteStore, Store, migrations, open_store  # noqa: E402
from archive.store.content import EXPORT_FIELDS, HASH_FIELDS, content_hash  # noqa: E402

BACKENDS = ["sqlite", "postgres"]
CAPTURE_KEYS = {"warc_file", "offset", "length", "record_id", "fetched_at", "payload_digest"}

_record_ids = itertools.count(1)


class Clock:
    """Deterministic clock: one second later at every call."""

    def __init__(self, start: int = 0) -> None:
        self.ticks = itertools.count(start)

    def __call__(self) -> str:
        n = next(self.ticks)
        return f"2026-11-26T{n // 3600 % 24:02d}:{n // 60 % 60:02d}:{n % 60:02d}Z"


def make_fields(canonical_url: str = "https://news.example/en/security/2026/11/26/raid",
                url: str | None = None, **overrides: Any) -> dict[str, Any]:
    """An `Article.to_record()`-shaped dict, modelled on the seed article."""
    body_blocks = overrides.pop("body_blocks", [
        {"kind": "p", "text": "Israeli forces raided the town before dawn on Wednesday."},
        {"kind": "h", "text": "Reckless actions"},
        {"kind": "p", "text": "Residents said the raid lasted several hours."},
    ])
    fields: dict[str, Any] = {
        "url": url or canonical_url,
        "canonical_url": canonical_url,
        "site": "news.example",
        "language": "en",
        "section": "Security",
        "title": "Forces raid town before dawn",
        "dek": "Residents describe hours of searches.",
        "authors": ["Anas al-Bar"],
        "published": "2026-11-26T00:42:33+02:00",
        "modified": None,
        "body": "\n\n".join(block["text"] for block in body_blocks),
        "images": [{"src": "https://news.example/img/raid.jpg",
                    "caption": "A street after the raid", "credit": "Ayman Henna/AFP"}],
        "tags": ["West Bank"],
        "body_blocks": body_blocks,
        "word_count": sum(len(block["text"].split()) for block in body_blocks),
    }
    fields.update(overrides)
    return fields


def add_capture(store: Store, run_id: int, url: str, *, fetched_at: str = "2026-11-26T01:00:00Z",
                record_id: str | None = None, digest: str = "sha1:AAAA",
                record_type: str = "response") -> int:
    n = next(_record_ids)
    return store.add_capture(Capture(
        run_id=run_id, url=url, fetched_at=fetched_at, status=200,
        warc=WarcRef(f"news-{run_id}-00000.warc.gz", 1000 * n, 500 + n,
                     record_id or f"<urn:uuid:00000000-0000-0000-0000-{n:012d}>"),
        payload_digest=digest, content_type="text/html", record_type=record_type))


def store_page(store: Store, run_id: int, fields: dict[str, Any], *,
               fetched_urls: list[str] | None = None,
               fetched_at: str = "2026-11-26T01:00:00Z") -> tuple[StoreResult, int]:
    """Capture + store, as the pipeline does: returns the result and the capture id."""
    fetched = fetched_urls if fetched_urls is not None else [fields["url"]]
    capture_id = add_capture(store, run_id, fetched[0] if fetched else fields["url"],
                             fetched_at=fetched_at)
    result = store.store_article(capture_id, fields, run_id=run_id, extractor_version="ext-1",
                                 fetched_urls=fetched)
    return result, capture_id


def new_run(store: Store, started_at: str = "2026-11-26T01:00:00Z") -> int:
    return store.begin_run("news.example", started_at=started_at, settings={"depth": 2})


# --- fixtures ---------------------------------------------------------------------------------
@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def open_archive(backend: str, tmp_path: Path,
                 request: pytest.FixtureRequest) -> Iterator[Callable[..., Store]]:
    """Opens (another connection to) the same archive: `open_archive(readonly=True)`."""
    opened: list[Store] = []
    clock = Clock()
    url = request.getfixturevalue("pg_url") if backend == "postgres" else None

    def _open(*, readonly: bool = False) -> Store:
        if backend == "sqlite":
            store: Store = SQLiteStore(tmp_path / "archive" / DB_FILENAME, readonly=readonly,
                                       clock=clock)
        else:
            from archive.store.postgres import PostgresStore

            assert url is not None
            store = PostgresStore(url, readonly=readonly, clock=clock)
        opened.append(store)
        return store

    yield _open
    for store in opened:
        store.close()


@pytest.fixture
def store(open_archive: Callable[..., Store]) -> Store:
    return open_archive()


@pytest.fixture
def sqlite_path(tmp_path: Path) -> Path:
    return tmp_path / "archive" / DB_FILENAME


def applied(path: Path) -> list[tuple[int, str]]:
    with sqlite3.connect(path) as conn:
        return conn.execute(
            "SELECT version, applied_at FROM schema_migrations ORDER BY version").fetchall()


# --- migrations -------------------------------------------------------------------------------
def test_migrations_applied_once_and_reopen_is_idempotent(sqlite_path: Path) -> None:
    with SQLiteStore(sqlite_path, clock=Clock(0)) as store:
        run_id = new_run(store)
    first = applied(sqlite_path)
    assert [version for version, _ in first] == [m.version for m in migrations.MIGRATIONS]
    assert first[0][1] == "2026-11-26T00:00:00Z"

    with SQLiteStore(sqlite_path, clock=Clock(100)) as again:
        assert again.get_run(run_id) is not None
        assert again.counts()["runs"] == 1
    assert applied(sqlite_path) == first  # not re-applied, applied_at unchanged


def test_pending_migrations_applied_in_order_on_open(sqlite_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    SQLiteStore(sqlite_path).close()
    n = len(migrations.MIGRATIONS)
    extra = (
        migrations.Migration(n + 1, "add notes", ("CREATE TABLE notes (id INTEGER PRIMARY KEY, t TEXT)",)),
        migrations.Migration(n + 2, "note index", ("CREATE INDEX notes_t ON notes (t)",)),
    )
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + extra)
    with SQLiteStore(sqlite_path) as store:
        assert store.schema_version() == n + 2
    assert [version for version, _ in applied(sqlite_path)] == list(range(1, n + 3))
    with sqlite3.connect(sqlite_path) as conn:
        assert conn.execute("SELECT name FROM sqlite_master WHERE name = 'notes_t'").fetchone()


def test_failed_migration_is_rolled_back(sqlite_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    SQLiteStore(sqlite_path).close()
    n = len(migrations.MIGRATIONS)
    broken = migrations.Migration(n + 1, "broken", (
        "CREATE TABLE half_done (x)",
        "CREATE INDEX nope ON missing_table (x)",
    ))
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + (broken,))
    with pytest.raises(StoreError, match="missing_table"):
        SQLiteStore(sqlite_path)
    assert [version for version, _ in applied(sqlite_path)] == list(range(1, n + 1))
    with sqlite3.connect(sqlite_path) as conn:
        assert not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'half_done'").fetchone()


def test_reader_on_older_schema_gets_clear_error(sqlite_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    SQLiteStore(sqlite_path).close()
    n = len(migrations.MIGRATIONS)
    monkeypatch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + (
        migrations.Migration(n + 1, "later", ("CREATE TABLE later (x)",)),))
    with pytest.raises(StoreError) as err:
        SQLiteStore(sqlite_path, readonly=True)
    message = str(err.value)
    assert f"schema version {n}" in message and f"needs version {n + 1}" in message
    assert str(sqlite_path) in message and "\n" not in message
    # the reader did not migrate
    assert [version for version, _ in applied(sqlite_path)] == list(range(1, n + 1))

    SQLiteStore(sqlite_path).close()  # a writer migrates; then readers are fine
    SQLiteStore(sqlite_path, readonly=True).close()


def test_newer_schema_is_refused(sqlite_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", migrations.MIGRATIONS + (
            migrations.Migration(len(migrations.MIGRATIONS) + 1, "from the future",
                                 ("CREATE TABLE future (x)",)),))
        SQLiteStore(sqlite_path).close()
    for readonly in (False, True):
        with pytest.raises(StoreError, match="upgrade newsarchive"):
            SQLiteStore(sqlite_path, readonly=readonly)


def test_migration_numbers_are_a_sequence() -> None:
    assert [m.version for m in migrations.MIGRATIONS] == list(
        range(1, len(migrations.MIGRATIONS) + 1))
    with pytest.raises(ValueError, match="without gaps"):
        migrations.migrate(sqlite3.connect(":memory:", isolation_level=None), now="x",
                           migrations=(migrations.Migration(2, "gap", ()),))



# sha256 (first 16 hex digits) of each released migration's statements: a released migration is
# never edited (databases that applied it would differ from new ones); append a new one instead.
RELEASED = {
    "sqlite": {1: "3dc0bd43d212a353", 2: "93c0199e63b10aba", 3: "6e4408509bf29260",
               4: "c011a1b5a7cec04e", 5: "5fd661a7ba823f4f", 6: "ac2d44f27af97276",
               7: "04decda4330597fc", 8: "33ac5db6b0e61d52", 9: "c847a262b8c094d5"},
    "postgres": {1: "1881990437e6115d", 2: "3bc26f66cb80242b", 3: "7b423e8c3bdf3238",
                 4: "84f53f92cf1b01bc", 5: "c8a98c3a0b2fb7ba", 6: "1bb47e030e8cc93d",
                 7: "eb23e076b3a1c27e", 8: "50884f2da93f10ca", 9: "2e8d4c8fea3fbe17"},
}


@pytest.mark.parametrize("store_kind", sorted(RELEASED))
def test_released_migrations_are_never_edited(store_kind: str) -> None:
    from archive.store import postgres_migrations

    every = migrations.MIGRATIONS if store_kind == "sqlite" else postgres_migrations.MIGRATIONS
    text = {m.version: hashlib.sha256("\n;\n".join(m.statements).encode()).hexdigest()[:16]
            for m in every}
    assert {version: text[version] for version in RELEASED[store_kind]} == RELEASED[store_kind]



def test_fold_function_folds_as_the_nested_replace_calls() -> None:
    """Migration 9's FOLD_FUNCTION gives the text the replace() calls of migration 6 gave."""
    import random

    rng = random.Random(9)
    alphabet = [*migrations.SEARCH_FOLD_CHARS, "a", "Z", " ", "_", "\u00e9", "\u0643",
                "\u062a", "\u0628", "\u0627", "\u0640\u0640", "\U0001f600"]
    texts = ["", "plain ASCII", *("".join(rng.choices(alphabet, k=rng.randint(1, 40)))
                                  for _ in range(500))]
    conn = sqlite3.connect(":memory:")
    migrations.register_functions(conn)
    replaced = migrations._strip_marks("?", migrations.SEARCH_FOLD_CHARS)
    for text in texts:
        folded, replaced_text = conn.execute(f"SELECT {migrations.FOLD_FUNCTION}(?), {replaced}",
                                             (text, text)).fetchone()
        assert folded == replaced_text
    assert conn.execute(f"SELECT {migrations.FOLD_FUNCTION}(NULL)").fetchone() == (None,)


def _search_rows(store: SQLiteStore) -> list[tuple[Any, ...]]:
    return [tuple(row) for row in store._conn.execute(
        "SELECT rowid, * FROM article_search ORDER BY rowid")]


def test_sqlite_archive_at_version_8_upgrades_and_indexes_as_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An archive made at schema version 8 opens, migrates to 9 (the search trigger folds
    with FOLD_FUNCTION), keeps its index, and indexes new articles and versions exactly as an
    archive left at version 8 does."""
    arabic = dict(canonical_url="https://news.example/ar/1", language="ar",
                  title="\u0627\u0644\u062d\u064e\u0631\u0652\u0628\u0640\u0640 \u0641\u064a",
                  dek="Geschlechts\u00adeintrag", authors=["\u0623\u064e\u0646\u064e\u0633"],
                  images=[{"src": "https://news.example/i.jpg", "caption": "\u0643\u064e\u062a\u064e\u0628\u064e",
                           "credit": "AFP\u00ad"}],
                  body_blocks=[{"kind": "p", "text": "\u0627\u0644\u062d\u064e\u0631\u0652\u0628 \u0627\u0644\u0641\u0627\u0635\u0640\u0640\u0640\u0644 "
                                                     "Wahl\u00adkampf"}])

    def first_articles(store: SQLiteStore) -> None:
        run = new_run(store)
        store_page(store, run, make_fields())
        store_page(store, run, make_fields(**arabic))

    def later_articles(store: SQLiteStore) -> None:
        run = new_run(store, "2026-11-27T01:00:00Z")
        changed = dict(arabic, title=arabic["title"] + " \u0625\u0650\u0630\u0627")
        store_page(store, run, make_fields(**changed), fetched_at="2026-11-27T01:00:05Z")
        store_page(store, run, make_fields("https://news.example/en/2", title="Caf\u00e9 soft\u00adly"),
                   fetched_at="2026-11-27T01:00:06Z")

    at_8 = migrations.MIGRATIONS[:8]
    with monkeypatch.context() as patch:
        patch.setattr(migrations, "MIGRATIONS", at_8)
        kept = SQLiteStore(tmp_path / "kept" / DB_FILENAME, clock=Clock())
        upgraded = SQLiteStore(tmp_path / "upgraded" / DB_FILENAME, clock=Clock())
        for store in (kept, upgraded):
            first_articles(store)
        before = _search_rows(upgraded)
        upgraded.close()
        assert migrations.current_version(kept._conn) == 8
        later_articles(kept)   # the version 8 trigger (nested replace() calls)
        expected = _search_rows(kept)
        kept.close()
    assert [v for v, _ in applied(tmp_path / "upgraded" / DB_FILENAME)] == list(range(1, 9))

    store = SQLiteStore(tmp_path / "upgraded" / DB_FILENAME, clock=Clock(10_000))
    assert [v for v, _ in applied(tmp_path / "upgraded" / DB_FILENAME)] == list(range(1, 10))
    trigger = store._conn.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger' "
                                  "AND name = 'article_search_current'").fetchone()[0]
    assert migrations.FOLD_FUNCTION in trigger and "replace(" not in trigger
    assert _search_rows(store) == before
    later_articles(store)
    assert _search_rows(store) == expected
    assert any("\u064e" in str(value) or "\u00ad" in str(value)
               for row in store._conn.execute("SELECT title, dek, body FROM versions")
               for value in row)   # the marks are in the text as published, not in the index
    assert not any("\u064e" in str(value) or "\u00ad" in str(value)
                   for row in expected for value in row[1:6])
    store.reindex_search()
    assert _search_rows(store) == expected
    store.close()


# --- dedup outcomes ---------------------------------------------------------------------------
def test_new_then_unchanged_in_a_later_run(store: Store) -> None:
    run1 = new_run(store)
    first, capture1 = store_page(store, run1, make_fields())
    assert (first.outcome, first.duplicate_of) == ("new", None)

    run2 = new_run(store, "2026-11-27T01:00:00Z")
    second, capture2 = store_page(store, run2, make_fields(), fetched_at="2026-11-27T01:00:05Z")
    assert second.outcome == "unchanged"
    assert (second.article_id, second.version_id) == (first.article_id, first.version_id)
    assert store.counts() == {"articles": 1, "versions": 1, "captures": 2, "runs": 2}

    article = store.get_article(first.article_id)
    assert article is not None
    assert (article["first_seen"], article["last_seen"]) == (
        "2026-11-26T01:00:00Z", "2026-11-27T01:00:05Z")
    # the unchanged re-capture is linked to the existing version
    for capture_id, run_id in ((capture1, run1), (capture2, run2)):
        [linked] = [c for c in store.captures_for_run(run_id) if c["id"] == capture_id]
        assert (linked["article_id"], linked["version_id"], linked["page_kind"]) == (
            first.article_id, first.version_id, "article")


def test_same_article_twice_in_one_run_is_duplicate(store: Store) -> None:
    run_id = new_run(store)
    first, _ = store_page(store, run_id, make_fields())
    again, capture_id = store_page(store, run_id, make_fields())
    assert again.outcome == "duplicate"
    assert again.duplicate_of == first.article_id
    assert again.version_id == first.version_id
    assert store.counts()["versions"] == 1
    assert store.captures_for_run(run_id, page_kind="article")[-1]["id"] == capture_id


def test_changed_article_gets_new_version_and_old_stays_readable(store: Store) -> None:
    run1 = new_run(store)
    v1, _ = store_page(store, run1, make_fields())
    run2 = new_run(store, "2026-11-27T01:00:00Z")
    changed = make_fields(title="Forces raid town before dawn, three arrested",
                          modified="2026-11-27T09:00:00+02:00")
    v2, capture2 = store_page(store, run2, changed, fetched_at="2026-11-27T01:00:07Z")

    assert v2.outcome == "updated"
    assert v2.article_id == v1.article_id and v2.version_id != v1.version_id
    article = store.get_article(v1.article_id)
    assert article is not None
    assert article["title"] == changed["title"] and article["versions_count"] == 2
    assert article["capture"]["fetched_at"] == "2026-11-27T01:00:07Z"

    old, new = store.versions(v1.article_id)
    assert (old["version_no"], new["version_no"]) == (1, 2)
    assert old["title"] == "Forces raid town before dawn" and old["modified"] is None
    assert new["title"] == changed["title"]
    assert old["content_hash"] == content_hash(make_fields()) != new["content_hash"]
    assert old["extractor_version"] == "ext-1" and old["body_blocks"][1]["kind"] == "h"
    assert new["capture"]["record_id"] == store.captures_for_run(run2)[0]["record_id"]
    assert [c["version_id"] for c in store.captures_for_run(run2) if c["id"] == capture2] == [
        v2.version_id]

    # changing back is another version, not a rewind: history is append-only
    run3 = new_run(store, "2026-11-28T01:00:00Z")
    v3, _ = store_page(store, run3, make_fields())
    assert v3.outcome == "updated"
    assert [v["version_no"] for v in store.versions(v1.article_id)] == [1, 2, 3]


def test_a_broken_runs_versions_that_lost_a_field_are_held(store: Store) -> None:
    """A run whose extraction broke for authors (health check) stored versions without them:
    those hand the current place back to the version before; an edit that kept the field, and
    articles new in that run, stay as stored."""
    run1 = new_run(store)
    lost, _ = store_page(store, run1, make_fields())
    edited, _ = store_page(store, run1, make_fields("https://news.example/en/a/2", title="Second"))
    run2 = new_run(store, "2026-11-27T01:00:00Z")
    store_page(store, run2, make_fields(authors=[], modified="2026-11-27T09:00:00+02:00"),
               fetched_at="2026-11-27T01:00:07Z")
    store_page(store, run2, make_fields("https://news.example/en/a/2", title="Second, edited"),
               fetched_at="2026-11-27T01:00:08Z")
    fresh, _ = store_page(store, run2, make_fields("https://news.example/en/a/3", authors=[],
                                                   title="Third"), fetched_at="2026-11-27T01:00:09Z")

    assert store.hold_versions(run2, ["title", "section"]) == 0   # nothing lost those
    assert store.get_article(lost.article_id)["authors"] == []
    assert store.hold_versions(run2, ["authors"]) == 1

    article = store.get_article(lost.article_id)
    assert article["authors"] == ["Anas al-Bar"] and article["version_no"] == 1
    assert article["versions_count"] == 2   # the held version stays in the history
    assert [v["authors"] for v in store.versions(lost.article_id)] == [["Anas al-Bar"], []]
    assert store.get_article(edited.article_id)["title"] == "Second, edited"
    assert store.get_article(fresh.article_id)["title"] == "Third"
    assert store.hold_versions(run2, ["authors"]) == 0   # settled once
    # a later healthy run that extracts the article as it was finds it unchanged
    run3 = new_run(store, "2026-11-28T01:00:00Z")
    again, _ = store_page(store, run3, make_fields(), fetched_at="2026-11-28T01:00:07Z")
    assert again.outcome == "unchanged" and again.version_id == lost.version_id


def test_lost_fields_are_losses_not_edits() -> None:
    from archive.store.rows import lost_fields

    old = make_fields()
    assert lost_fields(old, make_fields(authors=[]), ["authors", "title"]) == ["authors"]
    no_captions = make_fields(images=[{"src": "x.jpg", "caption": None, "credit": None}])
    assert lost_fields(old, no_captions, ["captions"]) == ["captions"]
    shorter = make_fields(body_blocks=[  # a paragraph cut: 17 words -> 11
        {"kind": "p", "text": "Israeli forces raided the town before dawn on Wednesday."},
        {"kind": "p", "text": "The raid lasted hours."}])
    cut = make_fields(body_blocks=[{"kind": "p", "text": "Share"}])
    assert lost_fields(old, shorter, ["body"]) == []   # edited shorter, not lost
    assert lost_fields(old, cut, ["body"]) == ["body"]
    assert lost_fields(make_fields(section=None), make_fields(section=None), ["section"]) == []


def test_aliases_resolve_to_the_article(store: Store) -> None:
    canonical = "https://news.example/en/security/2026/11/26/raid"
    tracking = canonical + "?utm_source=twitter&utm_medium=social"
    redirect_source = "https://news.example/?p=123456"
    run1 = new_run(store)
    first, _ = store_page(store, run1, make_fields(canonical, url=tracking),
                          fetched_urls=[redirect_source, tracking])
    for url in (canonical, tracking, redirect_source):
        found = store.get_article(url)
        assert found is not None and found["id"] == first.article_id, url
    assert store.get_article(str(first.article_id))["id"] == first.article_id  # type: ignore[index]
    assert store.get_article("https://news.example/unknown") is None
    assert store.get_article(99999) is None

    # later the AMP page is fetched through a known alias and declares another canonical URL:
    # still the same article, and the new URL becomes an alias too
    run2 = new_run(store, "2026-11-27T01:00:00Z")
    amp = "https://news.example/amp/en/security/2026/11/26/raid"
    again, _ = store_page(store, run2, make_fields(amp, url=redirect_source),
                          fetched_urls=[redirect_source])
    assert (again.outcome, again.article_id) == ("unchanged", first.article_id)
    assert store.get_article(amp)["id"] == first.article_id  # type: ignore[index]
    assert store.counts()["articles"] == 1


def test_tracking_variant_in_same_run_is_duplicate(store: Store) -> None:
    canonical = "https://news.example/en/security/2026/11/26/raid"
    run_id = new_run(store)
    first, _ = store_page(store, run_id, make_fields(canonical))
    variant = canonical + "?utm_campaign=newsletter"
    again, _ = store_page(store, run_id, make_fields(canonical, url=variant),
                          fetched_urls=[variant])
    assert (again.outcome, again.article_id) == ("duplicate", first.article_id)
    assert store.get_article(variant)["id"] == first.article_id  # type: ignore[index]


def test_same_content_under_another_url_is_linked_not_stored_twice(store: Store) -> None:
    run1 = new_run(store)
    original, _ = store_page(store, run1, make_fields())
    copy_url = "https://news.example/en/news/2026/11/26/forces-raid-town"
    run2 = new_run(store, "2026-11-27T01:00:00Z")
    copy, capture_id = store_page(store, run2, make_fields(copy_url))

    assert copy.outcome == "duplicate"
    assert copy.duplicate_of == original.article_id == copy.article_id
    assert copy.version_id == original.version_id
    assert store.counts() == {"articles": 1, "versions": 1, "captures": 2, "runs": 2}
    assert store.get_article(copy_url)["id"] == original.article_id  # type: ignore[index]
    assert [a["canonical_url"] for a in store.iter_articles()] == [make_fields()["canonical_url"]]
    [capture] = store.captures_for_run(run2)
    assert (capture["id"], capture["article_id"], capture["version_id"]) == (
        capture_id, original.article_id, original.version_id)

    # seen again later, the copy is still a duplicate, and it did not mark the original as
    # already seen in that run
    run3 = new_run(store, "2026-11-28T01:00:00Z")
    assert store_page(store, run3, make_fields(copy_url))[0].outcome == "duplicate"
    assert store_page(store, run3, make_fields())[0].outcome == "unchanged"


def test_copy_that_diverges_becomes_its_own_article(store: Store) -> None:
    run1 = new_run(store)
    original, _ = store_page(store, run1, make_fields())
    copy_url = "https://news.example/en/news/2026/11/26/forces-raid-town"
    store_page(store, run1, make_fields(copy_url))

    run2 = new_run(store, "2026-11-27T01:00:00Z")
    edited = make_fields(copy_url, title="A different story now")
    result, _ = store_page(store, run2, edited)
    assert result.outcome == "new" and result.article_id != original.article_id
    assert store.get_article(copy_url)["title"] == "A different story now"  # type: ignore[index]
    assert store.get_article(original.article_id)["title"] == make_fields()["title"]  # type: ignore[index]
    assert len(store.versions(original.article_id)) == 1


def test_content_hash_covers_content_not_urls_or_derived_fields() -> None:
    base = make_fields()
    assert content_hash(base) == content_hash(make_fields("https://other.example/x",
                                                          url="https://other.example/x?a=1"))
    assert content_hash(base) == content_hash({**base, "word_count": 1, "body_blocks": []})
    assert content_hash({**base, "tags": None}) == content_hash({**base, "tags": []})
    for name in HASH_FIELDS:
        assert content_hash(base) != content_hash({**base, name: "changed"}), name
    assert set(HASH_FIELDS) == set(EXPORT_FIELDS) - {"url", "canonical_url"}


def test_export_fields_match_the_extractor() -> None:
    article = pytest.importorskip("crawler.extract.article")
    assert EXPORT_FIELDS == article.EXPORT_FIELDS
    record = article.Article(url="https://x.example/a", canonical_url="https://x.example/a",
                             site="x.example").to_record()
    assert set(record) == set(EXPORT_FIELDS) | {"body_blocks", "word_count"}


def test_store_article_is_atomic(store: Store) -> None:
    run_id = new_run(store)
    capture_id = add_capture(store, run_id, "https://news.example/a")
    bad = make_fields(images=[{"src": object()}])  # not JSON: fails after the article row
    with pytest.raises(TypeError):
        store.store_article(capture_id, bad, run_id=run_id, extractor_version="ext-1")
    assert store.counts() == {"articles": 0, "versions": 0, "captures": 1, "runs": 1}
    assert store.get_article("https://news.example/en/security/2026/11/26/raid") is None
    assert store.captures_for_run(run_id)[0]["page_kind"] == "pending"
    # and the store is usable afterwards
    result = store.store_article(capture_id, make_fields(), run_id=run_id,
                                 extractor_version="ext-1")
    assert result.outcome == "new"


def test_store_article_needs_a_known_capture_and_urls(store: Store) -> None:
    run_id = new_run(store)
    with pytest.raises(StoreError, match="no capture 404"):
        store.store_article(404, make_fields(), run_id=run_id, extractor_version="ext-1")
    with pytest.raises(ValueError, match="canonical_url"):
        store.store_article(1, make_fields(canonical_url=""), run_id=run_id,
                            extractor_version="ext-1")


# --- reading ----------------------------------------------------------------------------------
def test_iter_articles_shape_and_capture(store: Store) -> None:
    run_id = new_run(store)
    a, capture_a = store_page(store, run_id, make_fields("https://news.example/a"))
    b, _ = store_page(store, run_id, make_fields("https://news.example/b", title="Other"))
    store_page(store, run_id, make_fields("https://news.example/b", title="Other, updated"))

    articles = list(store.iter_articles())
    assert [x["id"] for x in articles] == [a.article_id, b.article_id]
    first = articles[0]
    assert list(first) == ["id", *EXPORT_FIELDS, "story_id", "capture"]
    assert first["authors"] == ["Anas al-Bar"] and first["tags"] == ["West Bank"]
    assert first["images"] == [{"src": "https://news.example/img/raid.jpg",
                                "caption": "A street after the raid",
                                "credit": "Ayman Henna/AFP"}]
    stored = store.find_capture(first["capture"]["record_id"])
    assert stored is not None and stored["id"] == capture_a
    assert set(first["capture"]) == CAPTURE_KEYS
    assert first["capture"] == {key: stored[key] for key in CAPTURE_KEYS}
    assert articles[1]["title"] == "Other, updated"  # the current version

    detail = store.get_article(a.article_id)
    assert detail is not None
    assert {k: detail[k] for k in first} == first
    assert {"versions_count", "first_seen", "last_seen"} <= set(detail)


def test_unicode_fields_round_trip(store: Store) -> None:
    run_id = new_run(store)
    arabic = make_fields("https://news.example/ar/1", language="ar", title="قوات الاحتلال تقتحم",
                         authors=["أنس البر"], section="أمن")
    result, _ = store_page(store, run_id, arabic)
    article = store.get_article(result.article_id)
    assert article is not None
    assert (article["title"], article["authors"], article["section"]) == (
        "قوات الاحتلال تقتحم", ["أنس البر"], "أمن")


def test_article_seen_for_incremental_crawls(store: Store) -> None:
    run_id = new_run(store)
    canonical = "https://news.example/a"
    assert store.article_seen(canonical) is None
    result, capture_id = store_page(store, run_id, make_fields(canonical),
                                    fetched_urls=[canonical + "?utm_source=x"])
    seen = store.article_seen(canonical + "?utm_source=x")
    assert seen is not None
    assert (seen["article_id"], seen["canonical_url"], seen["versions_count"]) == (
        result.article_id, canonical, 1)
    assert seen["content_hash"] == content_hash(make_fields(canonical))
    assert seen["last_capture"]["id"] == capture_id


def test_articles_seen_answers_as_article_seen_for_each_url(store: Store) -> None:
    """A shared crawl asks for all the requests of a response at once: the same answers, in
    order, for canonical URLs, aliases, unknown URLs and repeats."""
    run_id = new_run(store)
    store_page(store, run_id, make_fields("https://news.example/a"),
                          fetched_urls=["https://news.example/a?utm_source=x"])
    store_page(store, run_id, make_fields("https://news.example/b", body_blocks=[
        {"kind": "p", "text": "The harbour reopened on Thursday after the storm."}]),
        fetched_at="2026-11-27T01:00:00Z")
    urls = ["https://news.example/b", "https://news.example/nope",
            "https://news.example/a?utm_source=x", "https://news.example/a",
            "https://news.example/b"]
    assert store.articles_seen(urls) == [store.article_seen(url) for url in urls]
    assert [seen and seen["canonical_url"] for seen in store.articles_seen(urls)] == [
        "https://news.example/b", None, "https://news.example/a", "https://news.example/a",
        "https://news.example/b"]
    assert store.articles_seen([]) == []
    assert store.articles_seen(["https://news.example/nope"]) == [None]


# --- captures ---------------------------------------------------------------------------------
def test_captures_round_trip_and_classify(store: Store) -> None:
    run_id = new_run(store)
    listing = add_capture(store, run_id, "https://news.example/en/security",
                          record_id="<urn:uuid:listing>", digest="sha1:LIST")
    store.classify_capture(listing, page_kind="listing")
    other = add_capture(store, run_id, "https://news.example/about", digest="sha1:ABOUT")
    store.classify_capture(other, page_kind="non-article", reason="no article body")

    found = store.find_capture("<urn:uuid:listing>")
    assert found is not None
    assert (found["id"], found["url"], found["page_kind"], found["payload_digest"]) == (
        listing, "https://news.example/en/security", "listing", "sha1:LIST")
    assert store.find_capture("<urn:uuid:nope>") is None
    assert [c["reason"] for c in store.captures_for_run(run_id, page_kind="non-article")] == [
        "no article body"]
    assert [c["id"] for c in store.captures_for_run(run_id)] == [listing, other]
    with pytest.raises(StoreError, match="no capture"):
        store.classify_capture(999, page_kind="listing")


def test_add_capture_is_idempotent_per_record_id(store: Store) -> None:
    run_id = new_run(store)
    capture = Capture(run_id=run_id, url="https://news.example/a", fetched_at="2026-11-26T01:00:00Z",
                      status=200, warc=WarcRef("w.warc.gz", 0, 10, "<urn:uuid:same>"),
                      payload_digest="sha1:A")
    first = store.add_capture(capture)
    assert store.add_capture(capture) == first  # a resumed run replaying its pipeline
    assert store.counts()["captures"] == 1
    clash = Capture(run_id=run_id, url="https://news.example/b", fetched_at="2026-11-26T01:00:00Z",
                    status=200, warc=WarcRef("w.warc.gz", 99, 10, "<urn:uuid:same>"),
                    payload_digest="sha1:B")
    with pytest.raises(StoreError, match="already has WARC record"):
        store.add_capture(clash)


def test_add_captures_stores_a_batch_in_order_as_add_capture_would(store: Store) -> None:
    """The crawl's writer inserts the rows of the captures queued together at once (one
    statement on PostgreSQL): every row is stored, ids come back in the captures' order, a
    record recorded already gives its id, and one claimed by another capture is refused."""
    run_id = new_run(store)

    def capture(n: int, *, url: str | None = None, offset: int | None = None) -> Capture:
        return Capture(run_id=run_id, url=url or f"https://news.example/{n}",
                       fetched_at=f"2026-11-26T01:00:{n:02d}Z", status=200,
                       warc=WarcRef("w.warc.gz", 1000 * n if offset is None else offset, 10,
                                    f"<urn:uuid:batch-{n}>"),
                       payload_digest=f"sha1:{n}", page_kind="requisite", etag=f'"{n}"')

    assert store.add_captures([]) == []
    earlier = store.add_capture(capture(3))
    ids = store.add_captures([capture(n) for n in (5, 1, 3, 4)])
    assert len(set(ids)) == 4 and ids[2] == earlier
    assert ids[0] < ids[1] < ids[3]  # inserted in the order given
    assert store.counts()["captures"] == 4
    for n, capture_id in zip((5, 1, 3, 4), ids):
        row = store.find_capture(f"<urn:uuid:batch-{n}>")
        assert row is not None and row["id"] == capture_id
        assert (row["url"], row["offset"], row["payload_digest"], row["etag"],
                row["page_kind"]) == (f"https://news.example/{n}", 1000 * n, f"sha1:{n}",
                                      f'"{n}"', "requisite")
    assert store.add_captures([capture(4), capture(1)]) == [ids[3], ids[1]]  # a replay
    with pytest.raises(StoreError, match="already has WARC record"):
        store.add_captures([capture(6), capture(1, url="https://news.example/other")])
    with pytest.raises(StoreError, match="already has WARC record"):
        store.add_captures([capture(7), capture(7, offset=1)])


def test_capture_needs_an_existing_run(store: Store) -> None:
    # foreign keys are enforced: a capture of a run that does not exist is refused
    with pytest.raises(StoreError):
        add_capture(store, 12345, "https://news.example/a")
    assert store.counts()["captures"] == 0


def test_last_capture_for_revisits(store: Store) -> None:
    run_id = new_run(store)
    url = "https://news.example/a"
    old = add_capture(store, run_id, url, fetched_at="2026-11-26T01:00:00Z", digest="sha1:OLD")
    new = add_capture(store, run_id, url, fetched_at="2026-11-27T01:00:00Z", digest="sha1:NEW")
    add_capture(store, run_id, url, fetched_at="2026-11-28T01:00:00Z", digest="sha1:NEW",
                record_type="revisit")
    assert store.last_capture(url)["id"] == new  # type: ignore[index]
    assert store.last_capture(url, payload_digest="sha1:OLD")["id"] == old  # type: ignore[index]
    assert store.last_capture(url, payload_digest="sha1:NONE") is None
    assert store.last_capture("https://news.example/never") is None
    # the crawl's writer asks for the responses queued together at once: the same answers
    wanted: list[tuple[str, str | None]] = [
        (url, None), (url, "sha1:OLD"), ("https://news.example/never", None), (url, "sha1:NONE"),
        (url, "sha1:NEW"), (url, None)]
    assert store.last_captures(wanted) == [
        store.last_capture(u, payload_digest=d) for u, d in wanted]
    assert [c["id"] if c else None for c in store.last_captures(wanted)] == [
        new, old, None, None, new, new]
    assert store.last_captures([]) == []


def test_image_captures_pick_the_nearest_and_resolve_revisits(store: Store) -> None:
    """The picture of an article resolves to the capture holding its bytes nearest the
    version's capture time: a revisit to the response it stands for; an error, a page that is
    no image, an unknown URL to None. Answers come in the order asked, through batches."""
    run_id = new_run(store)
    pic, missing, html = ("https://cdn.example/pic.png", "https://cdn.example/gone.png",
                          "https://cdn.example/page.png")

    def capture(url: str, at: str, *, status: int = 200, kind: str = "response",
                digest: str = "sha1:D1", content_type: str | None = "image/png") -> int:
        n = next(_record_ids)
        return store.add_capture(Capture(
            run_id=run_id, url=url, fetched_at=at, status=status,
            warc=WarcRef("pics.warc.gz", 1000 * n, 300, f"<urn:uuid:pic-{n}>"),
            payload_digest=digest, content_type=content_type, record_type=kind,
            page_kind="requisite"))

    first = capture(pic, "2026-11-26T01:00:10Z")
    capture(pic, "2026-11-26T02:00:10Z", kind="revisit")                    # same bytes again
    capture(pic, "2026-11-26T02:30:00Z", kind="revisit", status=304, content_type=None)
    changed = capture(pic, "2026-11-26T03:00:10Z", digest="sha1:D2", content_type="IMAGE/PNG")
    capture(missing, "2026-11-26T01:00:10Z", status=404, content_type="text/html")
    capture(html, "2026-11-26T01:00:10Z", content_type="text/html; charset=utf-8")
    wanted = [(pic, "2026-11-26T01:00:00Z"),      # the response 10 s after the version
              (pic, "2026-11-26T02:00:00Z"),      # a revisit: the first response holds it
              (pic, "2026-11-26T02:35:00Z"),      # a 304 revisit, nearest: the same
              (pic, "2026-11-26T02:50:00Z"),      # the changed picture, 10 min after
              (pic, "2026-11-27T00:00:00Z"),      # only captures before it
              (missing, "2026-11-26T01:00:00Z"), (html, "2026-11-26T01:00:00Z"),
              ("https://cdn.example/never.png", "2026-11-26T01:00:00Z")]
    found = store.image_captures(wanted)
    assert [c and c["id"] for c in found] == [first, first, first, changed, changed,
                                             None, None, None]
    assert found[1]["record_type"] == "response" and found[1]["payload_digest"] == "sha1:D1"
    assert {"warc_file", "offset", "length", "record_id", "fetched_at"} <= set(found[0])
    assert found[0]["offset"] == found[1]["offset"] and found[0]["warc_file"] == "pics.warc.gz"
    many = store.image_captures(wanted * 120)          # more than one statement's worth
    assert [c and c["id"] for c in many] == [c and c["id"] for c in found] * 120
    assert store.image_captures([]) == []


# --- runs -------------------------------------------------------------------------------------
def test_runs_round_trip(store: Store) -> None:
    settings = {"NEWS_WARC_DIR": "/srv/archive/warc", "depth": 2, "sections": ["security"]}
    first = store.begin_run("news.example", started_at="2026-11-26T01:00:00Z", settings=settings)
    run = store.get_run(first)
    assert run is not None
    assert (run["site"], run["status"], run["settings"], run["summary"], run["finished_at"]) == (
        "news.example", "running", settings, None, None)

    summary = {"articles": {"new": 3, "updated": 1}, "errors": [], "warc_files": ["a.warc.gz"]}
    store.finish_run(first, finished_at="2026-11-26T01:05:00Z", status="ok", exit_code=0,
                     summary=summary)
    run = store.get_run(first)
    assert run is not None
    assert (run["status"], run["exit_code"], run["summary"], run["finished_at"]) == (
        "ok", 0, summary, "2026-11-26T01:05:00Z")

    second = store.begin_run("other.example", started_at="2026-11-27T01:00:00Z", settings={})
    third = store.begin_run("news.example", started_at="2026-11-28T01:00:00Z", settings={})
    store.finish_run(third, finished_at="2026-11-28T01:01:00Z", status="unhealthy", exit_code=3,
                     summary={"reason": "extraction rate dropped"})
    assert [r["id"] for r in store.list_runs()] == [third, second, first]
    assert [r["id"] for r in store.list_runs("news.example")] == [third, first]
    assert [r["id"] for r in store.list_runs(limit=1)] == [third]
    assert store.get_run(999) is None

    with pytest.raises(ValueError, match="status"):
        store.finish_run(second, finished_at="x", status="done", exit_code=0, summary={})
    with pytest.raises(StoreError, match="no crawl run 999"):
        store.finish_run(999, finished_at="x", status="ok", exit_code=0, summary={})


# --- interface methods the crawl's repair, `show`, exports and reextract use ------------------
def capture_at(store: Store, run_id: int, url: str, warc_file: str, offset: int, length: int, *,
               fetched_at: str = "2026-11-26T01:00:00Z", status: int = 200,
               record_type: str = "response") -> int:
    return store.add_capture(Capture(
        run_id=run_id, url=url, fetched_at=fetched_at, status=status,
        warc=WarcRef(warc_file, offset, length,
                     f"<urn:uuid:00000000-0000-0000-0001-{next(_record_ids):012d}>"),
        payload_digest="sha1:BBBB", content_type="text/html", record_type=record_type))


def test_interrupt_stale_runs_marks_only_that_sites_running_runs(store: Store) -> None:
    done = new_run(store)
    store.finish_run(done, finished_at="2026-11-26T01:10:00Z", status="ok", exit_code=0,
                     summary={})
    stale = [new_run(store, f"2026-11-26T0{n}:00:00Z") for n in (2, 3)]
    other = store.begin_run("other.example", started_at="2026-11-26T04:00:00Z", settings={})
    assert sorted(store.interrupt_stale_runs("news.example",
                                             finished_at="2026-11-26T05:00:00Z")) == stale
    for run_id in stale:
        run = store.get_run(run_id)
        assert run is not None
        assert (run["status"], run["finished_at"], run["health"]) == (
            "interrupted", "2026-11-26T05:00:00Z", "killed before it finished")
    assert store.get_run(done)["status"] == "ok"  # type: ignore[index]
    assert store.get_run(other)["status"] == "running"  # type: ignore[index]
    assert store.interrupt_stale_runs("news.example", finished_at="2026-11-26T06:00:00Z") == []


def test_drop_captures_beyond_a_repaired_size_keeps_what_versions_need(store: Store) -> None:
    run_id = new_run(store)
    name = "news.example/news-r1-00000.warc.gz"
    kept = capture_at(store, run_id, "https://news.example/a", name, 0, 900)
    ends_at_cut = capture_at(store, run_id, "https://news.example/b", name, 900, 100)
    cut = capture_at(store, run_id, "https://news.example/c", name, 1000, 400)
    versioned = capture_at(store, run_id, "https://news.example/d", name, 1400, 300)
    elsewhere = capture_at(store, run_id, "https://news.example/e", "other.warc.gz", 5000, 10)
    store.store_article(versioned, make_fields("https://news.example/d"), run_id=run_id,
                        extractor_version="ext-1")
    assert store.drop_captures_beyond(name, 1000) == 1
    assert [c["id"] for c in store.captures_for_run(run_id)] == [
        kept, ends_at_cut, versioned, elsewhere]
    assert cut not in [c["id"] for c in store.captures_for_run(run_id)]
    assert store.drop_captures_beyond(name, 1000) == 0


def test_aliases_urls_and_captures_of_an_article(store: Store) -> None:
    canonical = "https://news.example/en/security/2026/11/26/raid"
    tracking = canonical + "?utm_source=feed"
    run1 = new_run(store)
    first, capture1 = store_page(store, run1, make_fields(canonical, url=tracking),
                                 fetched_urls=[tracking], fetched_at="2026-11-26T01:00:00Z")
    source = "https://news.example/?p=1"
    assert store.add_alias(source, canonical) == first.article_id
    assert store.add_alias(source, canonical) == first.article_id  # again: no second row
    assert store.add_alias(canonical, canonical) is None
    assert store.add_alias("https://news.example/x", "https://news.example/unknown") is None
    assert store.get_article(source)["id"] == first.article_id  # type: ignore[index]
    urls = store.article_urls(first.article_id)
    assert [(u["url"], u["kind"]) for u in urls] == [
        (canonical, "canonical"), (tracking, "fetched"), (source, "fetched")]
    assert urls[0]["capture_id"] == capture1 and urls[2]["capture_id"] is None

    run2 = new_run(store, "2026-11-27T01:00:00Z")
    _, capture2 = store_page(store, run2, make_fields(canonical),
                             fetched_at="2026-11-27T01:00:00Z")
    unrelated, _ = store_page(store, run2, make_fields("https://news.example/other",
                                                       title="Other"))
    captures = store.captures_for_article(first.article_id)
    assert [c["id"] for c in captures] == [capture1, capture2]
    assert set(captures[0]) >= {"warc_file", "offset", "length", "record_id", "payload_digest",
                                "fetched_at", "status", "record_type", "url", "version_id"}
    assert store.captures_for_article(unrelated.article_id)[0]["url"] == (
        "https://news.example/other")


def test_iter_versions_in_order_by_article_and_current_only(store: Store) -> None:
    run1 = new_run(store)
    a, _ = store_page(store, run1, make_fields("https://news.example/a", title="A"))
    b, _ = store_page(store, run1, make_fields("https://news.example/b", title="B"))
    run2 = new_run(store, "2026-11-27T01:00:00Z")
    a2, _ = store_page(store, run2, make_fields("https://news.example/a", title="A, updated"))
    every = list(store.iter_versions())
    assert [(v["article_id"], v["version_no"], v["title"]) for v in every] == [
        (a.article_id, 1, "A"), (a.article_id, 2, "A, updated"), (b.article_id, 1, "B")]
    assert every[1]["version_id"] == a2.version_id and every[1]["run_id"] == run2
    assert set(every[0]["capture"]) == CAPTURE_KEYS
    assert every[0]["authors"] == ["Anas al-Bar"] and every[0]["body_blocks"][1]["kind"] == "h"
    current = list(store.iter_versions(current_only=True))
    assert [(v["article_id"], v["version_no"]) for v in current] == [
        (a.article_id, 2), (b.article_id, 1)]
    assert [v["version_no"] for v in store.iter_versions(article_ids=[a.article_id])] == [1, 2]
    assert [v["article_id"] for v in store.iter_versions(article_ids=[b.article_id, 424242],
                                                         current_only=True)] == [b.article_id]
    assert list(store.iter_versions(article_ids=[])) == []
    # many ids at once (SQLite binds them in bounded lists, PostgreSQL as one array)
    many = list(range(10_000, 11_200)) + [a.article_id]
    assert len(list(store.iter_versions(article_ids=many))) == 2


def test_reextract_candidates(store: Store) -> None:
    run1 = new_run(store)
    name = "news.example/news-r1-00000.warc.gz"
    old_page = capture_at(store, run1, "https://news.example/a", name, 0, 10,
                          fetched_at="2026-11-26T01:00:00Z")
    store.store_article(old_page, make_fields("https://news.example/a"), run_id=run1,
                        extractor_version="ext-1")
    run2 = new_run(store, "2026-11-27T01:00:00Z")
    current = capture_at(store, run2, "https://news.example/a", name, 10, 10,
                         fetched_at="2026-11-27T01:00:00Z")
    store.store_article(current, make_fields("https://news.example/a", title="A, updated"),
                        run_id=run2, extractor_version="ext-1")
    failed = capture_at(store, run2, "https://news.example/b", name, 20, 10,
                        fetched_at="2026-11-27T01:00:01Z")
    store.classify_capture(failed, page_kind="error", reason="extraction failed (no body)")
    short = capture_at(store, run2, "https://news.example/c", name, 30, 10,
                       fetched_at="2026-11-27T01:00:02Z")
    store.classify_capture(short, page_kind="non-article", reason="too short")
    listing = capture_at(store, run2, "https://news.example/", name, 40, 10,
                         fetched_at="2026-11-27T01:00:03Z")
    store.classify_capture(listing, page_kind="listing")
    gone = capture_at(store, run2, "https://news.example/d", name, 50, 10, status=404,
                      fetched_at="2026-11-27T01:00:04Z")
    store.classify_capture(gone, page_kind="error", reason="HTTP 404")
    other = store.begin_run("other.example", started_at="2026-11-27T02:00:00Z", settings={})
    theirs = capture_at(store, other, "https://other.example/x", "o.warc.gz", 0, 10,
                        fetched_at="2026-11-27T02:00:00Z")
    store.classify_capture(theirs, page_kind="non-article", reason="too short")

    found = store.reextract_candidates()
    # the page that made the current version, pages that failed; never the superseded page
    assert [c["id"] for c in found] == [current, failed, short, theirs]
    assert [c["run_site"] for c in found] == ["news.example"] * 3 + ["other.example"]
    assert {"warc_file", "offset", "length", "record_id", "url"} <= set(found[0])
    assert [c["id"] for c in store.reextract_candidates(sites=["other.example"])] == [theirs]
    assert store.reextract_candidates(sites=[]) == []


# --- read-only access -------------------------------------------------------------------------
def test_readonly_store_sees_committed_data_and_cannot_write(
        open_archive: Callable[..., Store]) -> None:
    writer = open_archive()
    run_id = new_run(writer)
    first, _ = store_page(writer, run_id, make_fields("https://news.example/a"))

    reader = open_archive(readonly=True)
    assert reader.get_article(first.article_id)["canonical_url"] == "https://news.example/a"  # type: ignore[index]
    # data committed after the reader opened is visible too (no stale snapshot)
    store_page(writer, run_id, make_fields("https://news.example/b", title="B"))
    assert reader.counts()["articles"] == 2

    before = writer.counts()
    with pytest.raises(StoreError, match="read-only"):
        reader.begin_run("news.example", started_at="2026-11-26T02:00:00Z", settings={})
    with pytest.raises(StoreError):
        reader.store_article(1, make_fields("https://news.example/c", title="C"), run_id=run_id,
                             extractor_version="ext-1")
    assert writer.counts() == before


def test_readonly_sqlite_connection_is_readonly_underneath(sqlite_path: Path) -> None:
    SQLiteStore(sqlite_path).close()
    reader = SQLiteStore(sqlite_path, readonly=True)
    reader.readonly = False  # bypass the Python-side guard: the file URI itself must refuse
    with pytest.raises(StoreError, match="readonly database"):
        new_run(reader)
    reader.close()


def test_reader_of_a_missing_archive_fails_clearly_and_creates_nothing(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    with pytest.raises(StoreError, match="no archive database") as err:
        open_store(missing, readonly=True)
    assert "\n" not in str(err.value)
    with pytest.raises(StoreError, match="not readable"):
        SQLiteStore(missing / DB_FILENAME, readonly=True)
    assert not missing.exists()


def test_not_a_database_is_a_one_line_error(sqlite_path: Path) -> None:
    sqlite_path.parent.mkdir(parents=True)
    sqlite_path.write_bytes(b"this is not sqlite" * 100)
    for readonly in (False, True):
        with pytest.raises(StoreError, match="not readable: file is not a database"):
            SQLiteStore(sqlite_path, readonly=readonly)


def test_open_store_creates_the_archive_directory(tmp_path: Path) -> None:
    archive_dir = tmp_path / "deep" / "archive"
    with open_store(archive_dir) as store:
        assert isinstance(store, SQLiteStore)
        new_run(store)
    assert (archive_dir / DB_FILENAME).is_file()
    with open_store(str(archive_dir), readonly=True) as reader:
        assert reader.counts()["runs"] == 1


# --- SQLite settings and concurrency ----------------------------------------------------------
def test_wal_mode_is_on(sqlite_path: Path) -> None:
    with SQLiteStore(sqlite_path) as store:
        assert store.journal_mode() == "wal"
        new_run(store)
        assert sqlite_path.with_name(DB_FILENAME + "-wal").exists()
    with sqlite3.connect(sqlite_path) as conn:  # WAL is persistent in the file
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_two_writer_objects_on_one_file_interleave(sqlite_path: Path) -> None:
    one, two = SQLiteStore(sqlite_path), SQLiteStore(sqlite_path)
    run_id = new_run(one)
    outcomes: list[str] = []
    for i in range(20):
        # both writers store article i (same content): whoever comes second must see the first
        for store in (one, two) if i % 2 else (two, one):
            outcomes.append(store_page(store, run_id, make_fields(f"https://news.example/{i}",
                                                                  title=f"Story {i}"))[0].outcome)
        store_page(one, run_id, make_fields(f"https://news.example/one/{i}", title=f"One {i}"))
        store_page(two, run_id, make_fields(f"https://news.example/two/{i}", title=f"Two {i}"))
    assert outcomes == ["new", "duplicate"] * 20
    for store in (one, two):
        assert store.counts() == {"articles": 60, "versions": 60, "captures": 80, "runs": 1}
    one.close()
    two.close()
    _assert_healthy(sqlite_path)


def _assert_healthy(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = conn.execute("SELECT COUNT(*) FROM articles WHERE current_version_id IS NULL "
                               "OR current_version_id NOT IN (SELECT id FROM versions)").fetchone()
        assert orphans[0] == 0


class Worker:
    """Another OS process writing to the same archive (this file run as a script)."""

    def __init__(self, target: str | Path) -> None:
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(REPO), os.environ.get("PYTHONPATH", "")])}
        self.proc = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "worker", str(target)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
        assert self._read() == "ready"

    def _read(self) -> Any:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        assert line, f"worker exited with {self.proc.wait()}"
        return json.loads(line)

    def send(self, items: list[dict[str, Any]]) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps(items) + "\n")
        self.proc.stdin.flush()

    def results(self) -> list[list[Any]]:
        return list(self._read())

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        assert self.proc.wait(timeout=60) == 0


def store_item(store: Store, item: dict[str, Any]) -> list[Any]:
    """One pipeline step, shared by the test process and the worker processes."""
    fields = make_fields(item["url"], title=item["title"])
    result, _ = store_page(store, item["run_id"], fields)
    return [result.outcome, result.article_id, result.version_id]


def open_target(target: str, **kwargs: Any) -> Store:
    """A writer on `target`: an SQLite file path or a postgresql:// URL."""
    if target.startswith("postgresql://"):
        from archive.store.postgres import PostgresStore

        return PostgresStore(target, **kwargs)
    return SQLiteStore(target, busy_timeout=60, **kwargs)


def _worker_main(target: str) -> None:
    """Read batches of items (one JSON list a line), store them, answer with the outcomes."""
    global _record_ids
    _record_ids = itertools.count(1_000_000 * os.getpid())  # record ids unique across processes
    store = open_target(target)
    print(json.dumps("ready"), flush=True)
    for line in sys.stdin:
        print(json.dumps([store_item(store, item) for item in json.loads(line)]), flush=True)
    store.close()


@pytest.fixture
def target(backend: str, sqlite_path: Path, request: pytest.FixtureRequest) -> str:
    """Where the multi-process tests write: the SQLite file or the PostgreSQL URL."""
    return str(request.getfixturevalue("pg_url")) if backend == "postgres" else str(sqlite_path)


def assert_healthy(target: str) -> None:
    if not target.startswith("postgresql://"):
        _assert_healthy(Path(target))
        return
    import psycopg

    with psycopg.connect(target) as conn:  # foreign keys are always enforced by PostgreSQL
        orphans = conn.execute("SELECT COUNT(*) FROM articles WHERE current_version_id IS NULL "
                               "OR current_version_id NOT IN (SELECT id FROM versions)").fetchone()
        assert orphans is not None and orphans[0] == 0
        twice = conn.execute("SELECT COUNT(*) FROM (SELECT content_hash FROM versions "
                             "GROUP BY content_hash HAVING COUNT(*) > 1) AS t").fetchone()
        assert twice is not None and twice[0] == 0


def test_second_process_writes_in_lockstep(target: str) -> None:
    store = open_target(target)
    run_id = new_run(store)
    worker = Worker(target)
    try:
        seen: list[str] = []
        for i in range(10):
            item = {"run_id": run_id, "url": f"https://news.example/{i}", "title": f"Story {i}"}
            worker.send([item])
            [[outcome, article_id, _]] = worker.results()
            seen.append(outcome)
            mine = store_item(store, item)  # the other process's commit is visible here
            assert mine[:2] == ["duplicate", article_id]
            own = store_item(store, {**item, "url": f"https://news.example/p/{i}",
                                     "title": f"Parent {i}"})
            assert own[0] == "new"
        assert seen == ["new"] * 10
    finally:
        worker.close()
    assert store.counts() == {"articles": 20, "versions": 20, "captures": 30, "runs": 1}
    store.close()
    assert_healthy(target)


def test_concurrent_processes_lose_nothing(target: str) -> None:
    store = open_target(target)
    run_id = new_run(store)
    per_process, shared = 150, 30

    def batch(name: str) -> list[dict[str, Any]]:
        items = []
        for i in range(per_process):
            if i % (per_process // shared) == 0:  # every process stores these same articles
                key = f"shared/{i}"
            else:
                key = f"{name}/{i}"
            items.append({"run_id": run_id, "url": f"https://news.example/{key}",
                          "title": f"Story {key}"})
        return items

    workers = [Worker(target) for _ in range(2)]
    try:
        for n, worker in enumerate(workers):
            worker.send(batch(f"w{n}"))
        results = [store_item(store, item) for item in batch("parent")]
        for worker in workers:
            results += worker.results()
    finally:
        for worker in workers:
            worker.close()

    outcomes = Counter(outcome for outcome, _, _ in results)
    assert outcomes == {"new": 3 * (per_process - shared) + shared, "duplicate": 2 * shared}
    assert store.counts() == {"articles": 3 * (per_process - shared) + shared,
                              "versions": 3 * (per_process - shared) + shared,
                              "captures": 3 * per_process, "runs": 1}
    # every process got the same article id for each shared URL
    shared_ids = Counter(article_id for outcome, article_id, _ in results
                         if outcome == "duplicate")
    assert len(shared_ids) == shared and set(shared_ids.values()) == {2}
    store.close()
    assert_healthy(target)


if __name__ == "__main__" and sys.argv[1:2] == ["worker"]:
    _worker_main(sys.argv[2])


def test_crawl_path_statements_never_scan_a_table(sqlite_path: Path) -> None:
    """Every statement a crawl runs per page is answered through an index: a table scan is
    invisible on a small archive and makes a crawl quadratic on a large one (a lookup of
    identical content once walked every article in id order)."""
    store = SQLiteStore(sqlite_path, clock=Clock())
    run_id = new_run(store)
    for n in range(30):
        url = f"https://news.example/en/2026/11/26/story-{n}"
        store_page(store, run_id, make_fields(url, title=f"Story {n}",
                                              body=f"Body of story {n}"))
    statements: list[str] = []
    conn = store.connection
    conn.set_trace_callback(statements.append)
    url = "https://news.example/en/2026/11/26/story-new"
    result, capture_id = store_page(store, run_id, make_fields(url, title="New", body="New body"))
    store.store_article(capture_id, make_fields(url, title="New", body="New body"), run_id=run_id,
                        extractor_version="ext-1", fetched_urls=[url])
    store.last_capture(url, payload_digest="sha1:AAAA")
    store.article_seen(url)
    store.mark_unchanged(capture_id, url, run_id=run_id)
    conn.set_trace_callback(None)
    assert result.outcome == "new"
    queries = [s for s in statements if s.split(None, 1)[0].upper() in {"SELECT", "UPDATE",
                                                                         "DELETE", "INSERT"}]
    assert len(queries) >= 8, statements
    scans = []
    for sql in queries:
        plan = [row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)]
        scans += [f"{step}  <-  {sql}" for step in plan if step.startswith("SCAN ")
                  and not step.startswith(("SCAN CONSTANT", "SCAN json"))]
    store.close()
    assert not scans, "\n".join(scans)


# --- batches (the page worker stores each batch of pages in one transaction) -------------------
def test_batch_commits_once_and_a_failed_write_undoes_only_itself(
        store: Store, open_archive: Callable[..., Store]) -> None:
    run = new_run(store)
    first = add_capture(store, run, "https://news.example/a")
    second = add_capture(store, run, "https://news.example/b")
    reader = open_archive(readonly=True)
    with store.batch():
        stored = store.store_article(first, make_fields("https://news.example/a"), run_id=run,
                                     extractor_version="ext-1")
        with pytest.raises(StoreError, match="no capture 999999"):
            store.store_article(999999, make_fields("https://news.example/lost"), run_id=run,
                                extractor_version="ext-1")
        store.classify_capture(second, page_kind="non-article", reason="too short")
        # nothing is visible to another connection before the batch ends
        assert reader.article_seen("https://news.example/a") is None
    assert stored.outcome == "new"
    assert reader.article_seen("https://news.example/a") is not None
    assert reader.article_seen("https://news.example/lost") is None
    kinds = {c["id"]: c["page_kind"] for c in reader.captures_for_run(run)}
    assert kinds == {first: "article", second: "non-article"}


def test_batch_that_raises_rolls_back_every_write(store: Store,
                                                  open_archive: Callable[..., Store]) -> None:
    run = new_run(store)
    capture = add_capture(store, run, "https://news.example/a")
    with pytest.raises(KeyboardInterrupt):
        with store.batch():
            store.store_article(capture, make_fields("https://news.example/a"), run_id=run,
                                extractor_version="ext-1")
            raise KeyboardInterrupt
    assert open_archive(readonly=True).article_seen("https://news.example/a") is None
    # the store is usable afterwards, in and out of batches
    assert store.store_article(capture, make_fields("https://news.example/a"), run_id=run,
                               extractor_version="ext-1").outcome == "new"


# --- PostgreSQL: migrations, read-only access, reaching the server -----------------------------
def pg_applied(url: str) -> list[tuple[int, str]]:
    import psycopg

    with psycopg.connect(url) as conn:
        return [(int(v), str(t)) for v, t in conn.execute(
            "SELECT version, applied_at FROM schema_migrations ORDER BY version")]


def test_pg_migrations_applied_once_and_reopen_is_idempotent(pg_url: str) -> None:
    from archive.store import postgres_migrations
    from archive.store.postgres import PostgresStore

    with PostgresStore(pg_url, clock=Clock(0)) as store:
        assert store.schema_version() == postgres_migrations.latest_version(
            postgres_migrations.MIGRATIONS)
    first = pg_applied(pg_url)
    assert [v for v, _ in first] == [m.version for m in postgres_migrations.MIGRATIONS]
    with PostgresStore(pg_url, clock=Clock(100)) as again:
        new_run(again)
    assert pg_applied(pg_url) == first


def test_pg_pending_and_failed_migrations(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import psycopg

    from archive.store import postgres_migrations
    from archive.store.postgres import PostgresStore

    PostgresStore(pg_url).close()
    n = len(postgres_migrations.MIGRATIONS)
    good = migrations.Migration(n + 1, "notes", ("CREATE TABLE notes (id BIGINT PRIMARY KEY)",))
    broken = migrations.Migration(n + 2, "broken", (
        "CREATE TABLE half_done (x TEXT)", "CREATE TABLE half_done (x TEXT)"))
    monkeypatch.setattr(postgres_migrations, "MIGRATIONS",
                        postgres_migrations.MIGRATIONS + (good, broken))
    with pytest.raises(StoreError, match="already exists") as err:
        PostgresStore(pg_url)
    assert "\n" not in str(err.value)
    # all pending migrations run in one transaction: the good one is rolled back with the bad
    assert [v for v, _ in pg_applied(pg_url)] == list(range(1, n + 1))
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT to_regclass('notes'), to_regclass('half_done')"
                            ).fetchone() == (None, None)
    monkeypatch.setattr(postgres_migrations, "MIGRATIONS",
                        postgres_migrations.MIGRATIONS[:n + 1])
    with pytest.raises(StoreError, match=f"needs version {n + 1}"):
        PostgresStore(pg_url, readonly=True)  # a reader never migrates
    PostgresStore(pg_url).close()
    assert [v for v, _ in pg_applied(pg_url)] == list(range(1, n + 2))
    monkeypatch.setattr(postgres_migrations, "MIGRATIONS", postgres_migrations.MIGRATIONS[:n])
    for readonly in (False, True):
        with pytest.raises(StoreError, match="upgrade newsarchive"):
            PostgresStore(pg_url, readonly=readonly)


def test_pg_processes_migrating_a_new_database_at_once(pg_url: str) -> None:
    """Several processes open one new database together (cron starting many sites on a fresh
    server): each migration is applied exactly once and every process gets a working store."""
    from archive.store import postgres_migrations

    program = ("import sys; from archive.store.postgres import PostgresStore; sys.stdin.readline(); "
               "store = PostgresStore(sys.argv[1]); print(store.schema_version()); store.close()")
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(REPO), os.environ.get("PYTHONPATH", "")])}
    procs = [subprocess.Popen([sys.executable, "-c", program, pg_url], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(4)]
    for proc in procs:  # imports done: start them together
        assert proc.stdin is not None
        proc.stdin.write("go\n")
        proc.stdin.flush()
    outputs = [proc.communicate(timeout=60) for proc in procs]
    want = postgres_migrations.latest_version(postgres_migrations.MIGRATIONS)
    assert [(proc.returncode, out.strip()) for proc, (out, _) in zip(procs, outputs)] == [
        (0, str(want))] * 4, [err for _, err in outputs]
    assert [v for v, _ in pg_applied(pg_url)] == list(range(1, want + 1))


def test_pg_reader_of_a_new_database_fails_clearly_and_creates_nothing(pg_url: str) -> None:
    import psycopg

    from archive.store.postgres import PostgresStore

    with pytest.raises(StoreError, match="has no records schema") as err:
        PostgresStore(pg_url, readonly=True)
    assert "\n" not in str(err.value)
    with psycopg.connect(pg_url) as conn:
        assert conn.execute("SELECT to_regclass('schema_migrations')").fetchone() == (None,)


def test_pg_readonly_connection_is_readonly_underneath(pg_url: str) -> None:
    from archive.store.postgres import PostgresStore

    PostgresStore(pg_url).close()
    reader = PostgresStore(pg_url, readonly=True)
    reader.readonly = False  # bypass the Python-side guard: the session itself must refuse
    with pytest.raises(StoreError, match="read-only transaction"):
        new_run(reader)
    reader.close()


def test_open_store_with_a_postgres_url(pg_url: str, tmp_path: Path) -> None:
    from archive.store.postgres import PostgresStore

    archive_dir = tmp_path / "archive"
    with open_store(archive_dir, db=pg_url) as store:
        assert isinstance(store, PostgresStore)
        new_run(store)
    assert not archive_dir.exists()  # records live in PostgreSQL, not in the archive directory
    with open_store(archive_dir, readonly=True, db=pg_url) as reader:
        assert reader.counts()["runs"] == 1


def test_pg_pool_lends_without_a_query_and_replaces_connections_the_server_ended(
        pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A pooled connection is lent without a check query (a round trip each time it is lent:
    a third of a crawl's statements, docs/SCALE.md), yet one whose backend the server ended
    (pg_terminate_backend, a restart, an idle timeout) is replaced when lent, so the next
    read or write does not fail."""
    import psycopg
    from psycopg_pool import ConnectionPool

    from archive.store.postgres import PostgresStore

    checks: list[object] = []
    check_connection = ConnectionPool.check_connection

    def counted(conn: Any) -> None:
        checks.append(conn)
        check_connection(conn)

    monkeypatch.setattr(ConnectionPool, "check_connection", staticmethod(counted))
    with PostgresStore(pg_url) as store, PostgresStore(pg_url, readonly=True) as reader:
        run_id = new_run(store)
        for n in range(5):
            add_capture(store, run_id, f"https://news.example/{n}")
            assert reader.last_capture(f"https://news.example/{n}") is not None
        assert checks == []  # healthy connections: no query but our own
        with psycopg.connect(pg_url, autocommit=True) as admin:
            ended = admin.execute(
                "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity "
                "WHERE datname = current_database() AND backend_type = 'client backend' "
                "AND pid <> pg_backend_pid()").fetchall()
        assert len(ended) >= 2 and all(ok for (ok,) in ended)  # the writer's and the reader's
        capture_id = add_capture(store, run_id, "https://news.example/after")
        last = reader.last_capture("https://news.example/after")
        assert last is not None and last["id"] == capture_id
        assert store.counts()["captures"] == 6
        assert checks  # the ended connections were found out when lent, and replaced


def test_open_store_refuses_other_database_urls(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="give a postgresql:// URL"):
        open_store(tmp_path, db="mysql://root@127.0.0.1/news")


def test_unreachable_postgres_is_a_one_line_error_without_the_password() -> None:
    from archive.store.postgres import PostgresStore

    # port 9 (discard) on this machine: nothing listens there, the connection is refused at once
    with pytest.raises(StoreError, match="is not reachable") as err:
        PostgresStore("postgresql://news:s3cret@127.0.0.1:9/news", connect_timeout=2)
    assert "\n" not in str(err.value) and "s3cret" not in str(err.value)
    assert "postgresql://news:***@127.0.0.1:9/news" in str(err.value)


def test_two_exports_read_at_once(store: Store) -> None:
    """Two iterators open together (e.g. an export reading versions while listing articles)
    each keep their own place, also inside a batch (one connection, two cursors)."""
    run_id = new_run(store)
    for n in range(3):
        store_page(store, run_id, make_fields(f"https://news.example/{n}", title=f"S{n}"))
    outer = store.iter_articles()
    inner = store.iter_versions()
    pairs = [(article["title"], version["title"]) for article, version in zip(outer, inner)]
    assert pairs == [("S0", "S0"), ("S1", "S1"), ("S2", "S2")]
    with store.batch():
        outer, inner = store.iter_articles(), store.iter_versions(current_only=True)
        pairs = [(article["id"], version["article_id"]) for article, version in zip(outer, inner)]
    assert len(pairs) == 3 and all(one == other for one, other in pairs)


def test_pg_crawl_path_statements_have_an_index_path(pg_url: str,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """PostgreSQL's twin of test_crawl_path_statements_never_scan_a_table: every statement a
    crawl runs per page can be answered through an index. On a small table the planner
    prefers a sequential scan anyway, so plans are made with enable_seqscan off: a Seq Scan
    left in such a plan means there is no index to use (quadratic on a large archive)."""
    import psycopg

    from archive.store.postgres import PostgresStore

    store = PostgresStore(pg_url, clock=Clock())
    run_id = new_run(store)
    for n in range(30):
        url = f"https://news.example/en/2026/11/26/story-{n}"
        store_page(store, run_id, make_fields(url, title=f"Story {n}", body=f"Body of story {n}"))
    statements: list[tuple[str, Any]] = []
    execute = psycopg.Cursor.execute

    def recording(cursor: Any, query: Any, params: Any = None, **kwargs: Any) -> Any:
        statements.append((str(query), params))
        return execute(cursor, query, params, **kwargs)

    monkeypatch.setattr(psycopg.Cursor, "execute", recording)
    url = "https://news.example/en/2026/11/26/story-new"
    result, capture_id = store_page(store, run_id, make_fields(url, title="New", body="New body"))
    store.store_article(capture_id, make_fields(url, title="New", body="New body"), run_id=run_id,
                        extractor_version="ext-1", fetched_urls=[url])
    store.last_capture(url, payload_digest="sha1:AAAA")
    store.article_seen(url)
    store.mark_unchanged(capture_id, url, run_id=run_id)
    monkeypatch.undo()
    store.close()
    assert result.outcome == "new"
    queries = [(sql, params) for sql, params in statements  # (the pool's checks send "")
               if sql.split()[:1] and sql.split()[0].upper() in {"SELECT", "UPDATE", "DELETE",
                                                                  "INSERT"}]
    assert len(queries) >= 8, statements
    scans = []
    with psycopg.connect(pg_url) as conn:
        conn.execute("SET enable_seqscan = off")
        for sql, params in queries:
            plan = [line for (line,) in conn.execute("EXPLAIN " + sql, params)]
            scans += [f"{line.strip()}  <-  {sql}" for line in plan if "Seq Scan" in line]
    assert not scans, "\n".join(scans)


# --- imported files (import-warc's per-file status) -------------------------------------------
def test_import_file_offset_commits_with_its_batch_and_resumes(store: Store) -> None:
    sha = "ab" * 32
    assert store.import_file(sha) is None
    run1 = new_run(store)
    state = store.begin_import_file(sha, source_path="/data/a.warc.gz", settings={"site": None},
                                    run_id=run1, started_at="2026-11-26T01:00:00Z", resume=True)
    assert (state["status"], state["committed_offset"], state["counts"]) == ("in_progress", 0, {})
    with store.batch():
        add_capture(store, run1, "https://news.example/a")
        store.set_import_progress(sha, offset=4096, counts={"records": 3},
                                  stored_path="imported/a.warc.gz", size=9000)
    # a batch that fails stores neither its captures nor its offset
    with pytest.raises(RuntimeError), store.batch():
        add_capture(store, run1, "https://news.example/b")
        store.set_import_progress(sha, offset=8192, counts={"records": 6})
        raise RuntimeError("killed")
    state = store.import_file(sha)
    assert state is not None
    assert (state["committed_offset"], state["counts"], state["stored_path"], state["size"]) == (
        4096, {"records": 3}, "imported/a.warc.gz", 9000)
    assert store.counts()["captures"] == 1

    # a rerun with the same settings goes on where the first stopped
    run2 = new_run(store, "2026-11-26T02:00:00Z")
    state = store.begin_import_file(sha, source_path="a.warc.gz", settings={"site": None},
                                    run_id=run2, started_at="2026-11-26T02:00:00Z", resume=True)
    assert (state["committed_offset"], state["run_id"], state["source_path"]) == (
        4096, run2, "a.warc.gz")
    store.finish_import_file(sha, status="done", finished_at="2026-11-26T02:01:00Z",
                             counts={"records": 6})
    state = store.import_file(sha)
    assert state is not None and (state["status"], state["finished_at"], state["error"]) == (
        "done", "2026-11-26T02:01:00Z", None)

    # starting again (other settings) forgets the offset and the copy
    state = store.begin_import_file(sha, source_path="a.warc.gz", settings={"site": "demo"},
                                    run_id=run2, started_at="2026-11-26T03:00:00Z", resume=False)
    assert (state["status"], state["committed_offset"], state["counts"], state["stored_path"],
            state["settings"]) == ("in_progress", 0, {}, None, {"site": "demo"})
    store.finish_import_file(sha, status="failed", finished_at="2026-11-26T03:00:01Z",
                             counts={}, error="a.warc.gz: not a WARC or ARC file")
    assert store.import_file(sha)["error"] == "a.warc.gz: not a WARC or ARC file"  # type: ignore[index]
    with pytest.raises(ValueError, match="status"):
        store.finish_import_file(sha, status="running", finished_at="x", counts={})
    with pytest.raises(StoreError, match="no imported file"):
        store.set_import_progress("cd" * 32, offset=1, counts={})
