"""Search on both stores over the same small archive of our own making (English, Arabic, German
and Russian articles written here), built through the Store API in the same order on SQLite and
on PostgreSQL, so article ids agree and results can be compared field for field.

PostgreSQL-only behaviour is tested too: language-aware stemming (an inflected English, German,
Arabic or Russian word finds its other forms), the index following each article's current
version (trigger), and migration 4 indexing a database that already holds articles."""
from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from archive.search import Filters, matching_article_ids, search
from archive.store import DB_FILENAME, SQLiteStore, Store
from tests.test_store import Clock, add_capture, make_fields

BASE = "https://news.example"

ARTICLES: list[dict[str, Any]] = [
    dict(canonical_url=f"{BASE}/en/security/1", language="en", section="Security",
         title="Forces raided the town before dawn", authors=["Anas al-Bar"],
         published="2026-07-03T08:00:00+03:00",
         body="Soldiers raided several houses. Officials spoke about border security."),
    dict(canonical_url=f"{BASE}/en/politics/2", language="en", section="Politics",
         title="Parliament debates the budget for houses", authors=["Rawan al-Hussein", "Anas al-Bar"],
         published="2026-08-11T10:00:00+03:00",
         body="Members said the security of the border was not on the agenda."),
    dict(canonical_url=f"{BASE}/en/economy/3", language="en-GB", section="Economy",
         title="Markets rally on hopes of a deal", authors=["Faris al-Omran"],
         published="2026-08-20T09:00:00+03:00",
         body="Traders bought shares as the currency rose against the dollar."),
    dict(canonical_url=f"{BASE}/ar/security/4", language="ar", section="أمن",
         title="اعتقال الصحفيين في بغداد", authors=["أنس البر"],
         published="2026-07-15T12:00:00+03:00",
         body="قالت مصادر إن قوات الأمن اعتقلت الصحفيون قرب الحدود."),
    dict(canonical_url=f"{BASE}/de/politik/5", language="de", section="Politik",
         title="Polizei durchsucht Häuser in Berlin", authors=["Jana Müller"],
         published="2026-07-20T07:00:00+02:00",
         body="Die Beamten durchsuchten mehrere Häuser am frühen Morgen."),
    dict(canonical_url=f"{BASE}/ru/world/6", language="ru", section="Мир",
         title="Журналисты покинули город", authors=["Ирина Петрова"],
         published="2026-06-30T18:00:00+03:00",
         body="Несколько журналистов покинули город после обстрела."),
]


def _fields(spec: dict[str, Any]) -> dict[str, Any]:
    spec = dict(spec)
    body = spec.pop("body")
    return make_fields(spec.pop("canonical_url"), body_blocks=[{"kind": "p", "text": body}],
                       dek=None, images=[], tags=[], **spec)


def _fill(store: Store) -> None:
    run_id = store.begin_run("news.example", started_at="2026-11-26T01:00:00Z", settings={})
    for spec in ARTICLES:
        fields = _fields(spec)
        capture_id = add_capture(store, run_id, fields["url"])
        store.store_article(capture_id, fields, run_id=run_id, extractor_version="ext-1",
                            fetched_urls=[fields["url"]])


@contextmanager
def both_stores(tmp_path: Path, pg_url: str,
                fill: Callable[[Store], None]) -> Iterator[dict[str, Store]]:
    """The same archive, written by `fill`, on both stores."""
    from archive.store.postgres import PostgresStore

    opened: dict[str, Store] = {"sqlite": SQLiteStore(tmp_path / DB_FILENAME, clock=Clock()),
                                "postgres": PostgresStore(pg_url, clock=Clock())}
    try:
        for store in opened.values():
            fill(store)
        yield opened
    finally:
        for store in opened.values():
            store.close()


@pytest.fixture
def stores(tmp_path: Path, pg_url: str) -> Iterator[dict[str, Store]]:
    with both_stores(tmp_path, pg_url, _fill) as opened:
        yield opened


@pytest.fixture
def pg_store(stores: dict[str, Store]) -> Store:
    return stores["postgres"]


def _urls(result: Any) -> set[str]:
    return {hit.canonical_url.rsplit("/", 2)[-2] + "/" + hit.canonical_url.rsplit("/", 1)[-1]
            for hit in result.hits}


def _comparable(result: Any) -> dict[str, Any]:
    """The JSON of a result without what each engine computes its own way (score, snippet
    text, and therefore the order of equally filtered hits): everything else must be equal."""
    data = result.to_dict()
    hits = data.pop("hits")
    for hit in hits:
        assert isinstance(hit.pop("score"), float)
        assert isinstance(hit.pop("snippet"), str)
    data["hits"] = sorted(hits, key=lambda hit: hit["article_id"])
    return data


@pytest.mark.parametrize("query, filters", [
    ("security", {}),
    ('"border security"', {}),
    ("", {"section": "SECURITY"}),
    ("", {"author": "anas al-bar"}),
    ("", {"language": "ar"}),
    ("", {"date_from": "2026-07", "date_to": "2026-07-31"}),
    ("", {"site": "news.example", "date_to": "2026-07"}),
    ("border", {"language": "en", "author": "Rawan al-Hussein"}),
    ("بغداد", {}),
    ("'; DROP TABLE articles; --", {}),
    ("***", {}),
])
def test_same_json_shape_and_selection_on_both_stores(stores: dict[str, Store], query: str,
                                                      filters: dict[str, str]) -> None:
    on_sqlite = search(stores["sqlite"], query, limit=50, **filters)
    on_postgres = search(stores["postgres"], query, limit=50, **filters)
    assert _comparable(on_postgres) == _comparable(on_sqlite)
    assert list(on_postgres.to_dict()) == list(on_sqlite.to_dict())
    assert [list(hit.to_dict()) for hit in on_postgres.hits] == \
        [list(hit.to_dict()) for hit in on_sqlite.hits]
    if not query.strip():  # browsing: the same order too (newest first)
        assert [h.article_id for h in on_postgres.hits] == [h.article_id for h in on_sqlite.hits]
    assert matching_article_ids(stores["postgres"], query, filters=Filters(**filters)) == \
        matching_article_ids(stores["sqlite"], query, filters=Filters(**filters))


def test_quoted_phrase_matches_the_words_in_order_only(pg_store: Store) -> None:
    # article 1 has "border security"; article 2 has "security of the border"
    assert _urls(search(pg_store, '"border security"')) == {"security/1"}
    assert _urls(search(pg_store, "border security")) == {"security/1", "politics/2"}
    phrase = search(pg_store, '"border security"').hits[0]
    assert "".join(text for text, hit in phrase.snippet if hit).lower() == "border security"


@pytest.mark.parametrize("query, expected", [
    ("raids", {"security/1"}),             # English: "raided" in the title and body
    ("raiding", {"security/1"}),
    ("Haus", {"politik/5"}),               # German: "Häuser"
    ("الصحفي", {"security/4"}),           # Arabic: "الصحفيين", "الصحفيون"
    ("журналист", {"world/6"}),            # Russian: "Журналисты", "журналистов"
])
def test_inflected_words_find_their_other_forms_on_postgres(stores: dict[str, Store], query: str,
                                                            expected: set[str]) -> None:
    # both stores stem each article in its language (SQLite since its migration 6)
    for kind in ("postgres", "sqlite"):
        result = search(stores[kind], query)
        assert _urls(result) == expected, kind
        assert any(hit for hit in result.hits[0].snippet if hit[1]), (kind, result.hits[0].snippet)


def test_prefix_query_and_stop_words(pg_store: Store) -> None:
    assert _urls(search(pg_store, "curr*")) == {"economy/3"}
    assert _urls(search(pg_store, "Parl* budget")) == {"politics/2"}
    # a stop word alone finds nothing in English; in a language without stop words (simple) it is
    # a word like any other
    assert search(pg_store, "the", language="en").total == 0


def test_ranking_puts_title_matches_first(stores: dict[str, Store]) -> None:
    # "houses": in the body of article 1, in the title of article 2 (so not the id order)
    for store in stores.values():
        result = search(store, "houses")
        assert [hit.canonical_url.rsplit("/", 1)[-1] for hit in result.hits] == ["2", "1"]
        assert result.hits[0].score > result.hits[1].score > 0


def test_index_follows_the_current_version(pg_store: Store) -> None:
    run_id = pg_store.begin_run("news.example", started_at="2026-11-27T01:00:00Z", settings={})
    fields = _fields({**ARTICLES[2], "body": "Traders sold bonds as inflation worries grew."})
    capture_id = add_capture(pg_store, run_id, fields["url"], fetched_at="2026-11-27T01:00:00Z")
    result = pg_store.store_article(capture_id, fields, run_id=run_id, extractor_version="ext-1",
                                    fetched_urls=[fields["url"]])
    assert result.outcome == "updated"
    assert search(pg_store, "inflation").hits[0].version_no == 2
    assert search(pg_store, "currency").total == 0      # only the current version is searched


def test_migration_4_indexes_a_database_that_already_has_articles(
        pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from archive.store import postgres_migrations
    from archive.store.postgres import PostgresStore

    every = postgres_migrations.MIGRATIONS
    monkeypatch.setattr(postgres_migrations, "MIGRATIONS", every[:3])
    with PostgresStore(pg_url, clock=Clock()) as old:
        _fill(old)
        assert old.schema_version() == 3
    monkeypatch.setattr(postgres_migrations, "MIGRATIONS", every)
    with PostgresStore(pg_url, clock=Clock()) as upgraded:
        assert upgraded.schema_version() == every[-1].version >= 4   # 4 and every later one
        assert _urls(search(upgraded, "raids")) == {"security/1"}
        assert search(upgraded, "", limit=0).total == len(ARTICLES)


def test_language_configs_follow_the_sql_function(pg_store: Store) -> None:
    """The Python mirror that narrows a --language query to one configuration agrees with
    the SQL function that chose each article's configuration."""
    from archive.search_postgres import config_for

    languages = ["en", "en-GB", "pt_BR", "AR", "de", "xx", "", None, "zh-Hans", "nb"]
    with pg_store.reading() as conn:  # type: ignore[attr-defined]
        for language in languages:
            row = conn.execute("SELECT newsarchive_search_config(%s)::text AS config",
                               (language,)).fetchone()
            assert row["config"] == config_for(language), language


def test_the_gin_index_can_answer_the_match(pg_store: Store) -> None:
    """The match is written so that the GIN index applies (a tsquery built from each row's own
    configuration could not use it): with scans of the whole table disabled, the planner
    answers from the index, one bitmap scan per distinct parsed query."""
    from archive.search_postgres import _Query

    with pg_store.reading() as conn, conn.transaction(), \
            conn.cursor() as cur:  # type: ignore[attr-defined]
        match = _Query("raids border").match(cur, None)
        assert match is not None
        condition, params = match
        cur.execute("SET LOCAL enable_seqscan = off")  # for this transaction only
        cur.execute("SET LOCAL enable_indexscan = off")
        cur.execute(f"EXPLAIN SELECT s.article_id FROM article_search s WHERE {condition}",
                    params)
        plan = "\n".join(str(next(iter(row.values()))) for row in cur.fetchall())
    assert "Bitmap Index Scan on article_search_document" in plan, plan
    assert plan.count("Bitmap Index Scan") < 8, plan   # not one per configuration (29)


SOFT = dict(canonical_url=f"{BASE}/de/recht/7", language="de", section="Recht",
            title="Neues Selbst\u00adbestimmungs\u00adgesetz", authors=["Jana Müller"],
            published="2026-08-01T07:00:00+02:00",
            body="Der Geschlechts\u00adeintrag kann künftig beim Standes\u00adamt geändert werden.")


def _store_one(store: Store, spec: dict[str, Any]) -> None:
    run_id = store.begin_run("news.example", started_at="2026-11-28T01:00:00Z", settings={})
    fields = _fields(spec)
    capture_id = add_capture(store, run_id, fields["url"], fetched_at="2026-11-28T01:00:00Z")
    store.store_article(capture_id, fields, run_id=run_id, extractor_version="ext-1",
                        fetched_urls=[fields["url"]])


@pytest.mark.parametrize("query", ["Geschlechtseintrag", "Geschlechts\u00adeintrag",
                                   '"beim Standesamt"', "Selbstbestimmungsgesetz"])
def test_soft_hyphens_kept_in_the_text_are_folded_by_search(stores: dict[str, Store],
                                                            query: str) -> None:
    """The extractor keeps soft hyphens as published; both indexes fold them, so the word is
    found whole, with or without them in the query, and the stored text keeps them."""
    for name, store in stores.items():
        _store_one(store, SOFT)
        result = search(store, query)
        assert _urls(result) == {"recht/7"}, (name, query)
        assert "\u00ad" not in result.hits[0].snippet
        stored = [row for row in store.iter_articles() if row["canonical_url"] == SOFT["canonical_url"]]
        assert "Geschlechts\u00adeintrag" in stored[0]["body"]


def test_upgrade_reindexes_soft_hyphenated_articles(tmp_path: Path, pg_url: str,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """An archive indexed before the soft-hyphen migration (SQLite 5, PostgreSQL 6) finds its
    hyphenated words after the upgrade."""
    from archive.store import migrations, postgres_migrations
    from archive.store.postgres import PostgresStore

    every_sqlite, every_pg = migrations.MIGRATIONS, postgres_migrations.MIGRATIONS
    monkeypatch.setattr(migrations, "MIGRATIONS", every_sqlite[:4])
    monkeypatch.setattr(postgres_migrations, "MIGRATIONS", every_pg[:5])
    with SQLiteStore(tmp_path / DB_FILENAME, clock=Clock()) as old_sqlite:
        _store_one(old_sqlite, SOFT)
        # the old index split the word (asked directly: search() reads the current schema)
        assert old_sqlite.connection.execute(
            "SELECT count(*) FROM article_search WHERE article_search MATCH ?",
            ['"Geschlechtseintrag"']).fetchone()[0] == 0
    with PostgresStore(pg_url, clock=Clock()) as old_postgres:
        _store_one(old_postgres, SOFT)
        assert search(old_postgres, "Geschlechtseintrag").total == 0   # the old index split it
    monkeypatch.setattr(migrations, "MIGRATIONS", every_sqlite)
    monkeypatch.setattr(postgres_migrations, "MIGRATIONS", every_pg)
    for new in (SQLiteStore(tmp_path / DB_FILENAME, clock=Clock()), PostgresStore(pg_url, clock=Clock())):
        with new:
            assert _urls(search(new, "Geschlechtseintrag")) == {"recht/7"}


def _long_body(seed: int) -> str:
    """A body long enough that PostgreSQL keeps it, and its tsvector, out of line (TOAST)."""
    import random

    rng = random.Random(seed)
    return " ".join("".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(7))
                    for _ in range(3000))


def _store_version(store: Store, run_id: int, spec: dict[str, Any], fetched_at: str) -> Any:
    fields = _fields(spec)
    capture_id = add_capture(store, run_id, fields["url"], fetched_at=fetched_at)
    return store.store_article(capture_id, fields, run_id=run_id, extractor_version="ext-1",
                               fetched_urls=[fields["url"]])


def _search_state(store: Store) -> tuple[list[dict[str, Any]], set[int]]:
    """article_search's rows (the tsvector as text) and the TOAST chunks they point at."""
    with store.reading() as conn:  # type: ignore[attr-defined]
        rows = conn.execute("SELECT article_id, version_id, config::text AS config, title, body, "
                            "document::text AS document FROM article_search "
                            "ORDER BY article_id").fetchall()
        toast = conn.execute("SELECT reltoastrelid::regclass::text AS name FROM pg_class "
                             "WHERE oid = 'article_search'::regclass").fetchone()["name"]
        chunks = {row["chunk_id"] for row in conn.execute(f"SELECT chunk_id FROM {toast}")}
    return rows, chunks


def _reindexed(store: Store) -> list[dict[str, Any]]:
    """What `newsarchive reindex` makes of the same archive (the index from scratch)."""
    store.reindex_search()
    return _search_state(store)[0]


def test_a_new_version_with_the_same_indexed_text_keeps_its_tsvector(pg_url: str) -> None:
    """A new version whose searchable text is the last one's (only its date changed) moves the
    index row to the new version without computing the tsvector again (migration 10: the
    row's out-of-line text and tsvector are not rewritten); a new version with other text is
    indexed as `reindex` indexes it."""
    from archive.store.postgres import PostgresStore

    with PostgresStore(pg_url, clock=Clock()) as store:
        run_id = store.begin_run("news.example", started_at="2026-11-26T01:00:00Z", settings={})
        spec = {**ARTICLES[0], "body": _long_body(1)}
        first = _store_version(store, run_id, spec, "2026-11-26T01:00:00Z")
        before, chunks = _search_state(store)
        assert [row["version_id"] for row in before] == [first.version_id] and chunks

        same = _store_version(store, run_id, {**spec, "published": "2026-07-04T08:00:00+03:00"},
                              "2026-11-26T02:00:00Z")
        assert same.outcome == "updated"
        after, chunks_after = _search_state(store)
        assert [row["version_id"] for row in after] == [same.version_id]
        assert chunks_after == chunks                      # text and tsvector left in place
        assert [{**row, "version_id": 0} for row in after] == \
            [{**row, "version_id": 0} for row in before]
        assert after == _reindexed(store)

        changed = _store_version(store, run_id, {**spec, "body": _long_body(2)},
                                 "2026-11-26T03:00:00Z")
        assert changed.outcome == "updated"
        rows, _ = _search_state(store)
        assert [row["version_id"] for row in rows] == [changed.version_id]
        assert rows[0]["body"] == _long_body(2)
        assert rows == _reindexed(store)
