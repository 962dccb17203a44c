"""Language-aware matching on both stores (issue 14, item 1): a word finds the other forms of
its stem in the article's language, Arabic spellings of one word find each other, quoted
phrases still match exactly, snippets mark the words as published, and `newsarchive reindex`
and the upgrade of an existing archive rebuild the index.

The articles are written here (Arabic, English, German), stored through the Store API in the
same order on SQLite and on PostgreSQL."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from archive.search import search
from archive.store import DB_FILENAME, SQLiteStore, Store
from tests.conftest import run_cli
from tests.test_search_postgres import _store_one, _urls, both_stores
from tests.test_store import Clock

BASE = "https://news.example"

ARTICLES: list[dict[str, Any]] = [
    dict(canonical_url=f"{BASE}/ar/yemen/1", language="ar", section="اليمن",
         title="الحرب في اليمن تدخل عامها العاشر", authors=["أنس البر"],
         published="2026-07-03T08:00:00+03:00",
         body="قال المسؤولين إن مستشفى المدينة استقبل الجرحى وبالحرب أغلقت المدرسة أبوابها. "
              "وزار وفد من إسرائيل المنطقة."),
    dict(canonical_url=f"{BASE}/ar/economy/2", language="ar", section="اقتصاد",
         title="ارتفاع أسعار الوقود في الأسواق", authors=["رواد الحسين"],
         published="2026-07-05T08:00:00+03:00",
         body="ارتفعت أسعار الوقود مرة أخرى هذا الأسبوع في الأسواق المحلية."),
    dict(canonical_url=f"{BASE}/en/politics/3", language="en", section="Politics",
         title="Voters head to the polls", authors=["Jane Smith"],
         published="2026-08-11T10:00:00+03:00",
         body="The elections were delayed twice. Observers counted the ballots of every region."),
    dict(canonical_url=f"{BASE}/en/world/4", language="en", section="World",
         title="A long war ends", authors=["Sam Lee"],
         published="2026-08-12T10:00:00+03:00",
         body="The war lasted a decade. An election is planned for next year."),
    dict(canonical_url=f"{BASE}/de/politik/5", language="de", section="Politik",
         title="Wahlen in Berlin", authors=["Jana Müller"],
         published="2026-07-20T07:00:00+02:00",
         body="Die Wähler entschieden über die neuen Gesetze der Stadt."),
]


def _fill(store: Store) -> None:
    for spec in ARTICLES:
        _store_one(store, spec)


@pytest.fixture
def stores(tmp_path: Path, pg_url: str) -> Iterator[dict[str, Store]]:
    with both_stores(tmp_path, pg_url, _fill) as opened:
        yield opened


BOTH = ("sqlite", "postgres")


@pytest.mark.parametrize("query, expected", [
    ("حرب", {"yemen/1"}),           # the definite article: "الحرب", and "وبالحرب"
    ("يمن", {"yemen/1"}),           # "اليمن"
    ("حَرْبٌ", {"yemen/1"}),         # harakat typed in the query
    ("مسئول", {"yemen/1"}),          # hamza on a ya seat finds it on a waw seat ("المسؤولين")
    ("اسرائيل", {"yemen/1"}),        # bare alef finds alef with hamza below ("إسرائيل")
    ("مستشفي", {"yemen/1"}),         # ya finds alef maqsura ("مستشفى")
    ("مدرسه", {"yemen/1"}),          # ha finds ta marbuta ("المدرسة")
    ("وقود", {"economy/2"}),         # "الوقود", and nothing else
])
def test_arabic_words_find_their_other_forms(stores: dict[str, Store], query: str,
                                             expected: set[str]) -> None:
    for kind in BOTH:
        result = search(stores[kind], query)
        assert _urls(result) == expected, (kind, query)


@pytest.mark.parametrize("query, expected", [
    ("election", {"politics/3", "world/4"}),   # "elections" and "election"
    ("elections", {"politics/3", "world/4"}),
    ("wars", {"world/4"}),                     # "war"
    ("counting", {"politics/3"}),              # "counted"
    ("wahl", {"politik/5"}),                   # German "Wahlen"
])
def test_inflected_words_find_their_other_forms_on_both_stores(stores: dict[str, Store],
                                                               query: str,
                                                               expected: set[str]) -> None:
    for kind in BOTH:
        assert _urls(search(stores[kind], query)) == expected, (kind, query)


def test_quoted_phrases_still_match_exactly(stores: dict[str, Store]) -> None:
    for kind in BOTH:
        store = stores[kind]
        assert _urls(search(store, '"elections"')) == {"politics/3"}, kind
        assert _urls(search(store, '"election is planned"')) == {"world/4"}, kind
        assert search(store, '"elections is planned"').total == 0, kind
        assert _urls(search(store, '"الحرب"')) == {"yemen/1"}, kind
        assert search(store, '"حرب"').total == 0, kind   # exact: not without its article


def test_snippet_marks_the_word_as_published(stores: dict[str, Store]) -> None:
    for kind in BOTH:
        politics = next(h for h in search(stores[kind], "election").hits
                        if h.canonical_url.endswith("politics/3"))
        assert [text for text, hit in politics.snippet if hit] == ["elections"], kind
        yemen = search(stores[kind], "حرب").hits[0]
        marked = [text for text, hit in yemen.snippet if hit]
        assert marked == ["وبالحرب"], (kind, yemen.snippet)   # the body's form, prefixes and all


def test_reindex_command_rebuilds_the_index(tmp_path: Path, pg_url: str) -> None:
    archive = tmp_path / "archive"
    with SQLiteStore(archive / DB_FILENAME, clock=Clock()) as store:
        _fill(store)
        store.connection.execute("DELETE FROM article_search")   # an index lost by hand
        assert search(store, "election").total == 0
    from archive.store.postgres import PostgresStore

    with PostgresStore(pg_url, clock=Clock()) as store:
        _fill(store)
        assert store.reindex_search() == 5   # an intact index: the same articles again
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as conn:
        conn.execute("DELETE FROM article_search")
    with PostgresStore(pg_url, readonly=True) as store:
        assert search(store, "election").total == 0
    for db_args in ([], ["--db", pg_url]):
        result = run_cli("reindex", "--archive", str(archive), *db_args)
        assert result.returncode == 0, result.stderr
        assert any(line.startswith("indexed 5 articles")   # then the stories (test_stories)
                   for line in result.stdout.splitlines()), result.stdout
    with SQLiteStore(archive / DB_FILENAME, readonly=True) as store:
        assert _urls(search(store, "election")) == {"politics/3", "world/4"}
    with PostgresStore(pg_url, readonly=True) as store:
        assert _urls(search(store, "election")) == {"politics/3", "world/4"}


def test_reindex_of_a_missing_archive_is_one_line(tmp_path: Path) -> None:
    result = run_cli("reindex", "--archive", str(tmp_path / "nothing"))
    assert result.returncode == 1, (result.returncode, result.stderr)   # as search and runs
    assert not (tmp_path / "nothing").exists()
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_upgrade_indexes_the_stems_of_existing_archives(tmp_path: Path, pg_url: str,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """An archive written before stemming (SQLite 5, PostgreSQL 6) finds the other forms of a
    word once it is opened by this version, without a reindex."""
    from archive.store import migrations, postgres_migrations
    from archive.store.postgres import PostgresStore

    every_sqlite, every_pg = migrations.MIGRATIONS, postgres_migrations.MIGRATIONS
    monkeypatch.setattr(migrations, "MIGRATIONS", every_sqlite[:5])
    monkeypatch.setattr(postgres_migrations, "MIGRATIONS", every_pg[:6])
    with SQLiteStore(tmp_path / DB_FILENAME, clock=Clock()) as old_sqlite:
        _fill(old_sqlite)
        assert old_sqlite.connection.execute(
            "SELECT count(*) FROM article_search WHERE article_search MATCH ?",
            ['"حرب"']).fetchone()[0] == 0   # the old index holds words as written only
    with PostgresStore(pg_url, clock=Clock()) as old_postgres:
        _fill(old_postgres)
        assert search(old_postgres, "مسئول").total == 0   # hamza seats were not folded
    monkeypatch.setattr(migrations, "MIGRATIONS", every_sqlite)
    monkeypatch.setattr(postgres_migrations, "MIGRATIONS", every_pg)
    for new in (SQLiteStore(tmp_path / DB_FILENAME, clock=Clock()),
                PostgresStore(pg_url, clock=Clock())):
        with new:
            assert _urls(search(new, "حرب")) == {"yemen/1"}
            assert _urls(search(new, "مسئول")) == {"yemen/1"}
            assert _urls(search(new, "election")) == {"politics/3", "world/4"}
