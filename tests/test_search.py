"""Full-text search over a real crawl of the demo site: phrases, Arabic, filters, facets, paging,
and user input that must never break the FTS5 query or the database.

Every test that takes `store` runs on both stores: the SQLite archive of the crawl, and a
PostgreSQL database (of this module, dropped at the end) holding a crawl of the same demo site
(see conftest.pg_server; CI=true turns PostgreSQL's absence into a failure)."""
from __future__ import annotations

import json
import os
import re
import secrets
import sqlite3
from collections.abc import Iterator

import pytest

from archive.search import QueryError, fts_query, search
from archive.store import open_store
from archive.store.migrations import SEARCH_STRIP_CHARS

from .conftest import _pg_url, crawl_demo, run_cli

INJECTIONS = ("'; DROP TABLE articles; --", '"', "*", "NEAR(", ")", "title:", "AND", "(((",
              '" OR 1=1 --', "^", "-", "NOT", "{title body}: x", "\\", "'", "%")


@pytest.fixture(scope="module")
def pg_crawl(crawled_demo, pg_server: str, tmp_path_factory) -> Iterator[str]:
    """A database of this module holding a crawl of the same demo site (the server still runs)."""
    import psycopg

    name = f"newsarchive_test_search_{os.getpid()}_{secrets.token_hex(4)}"
    with psycopg.connect(pg_server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        url = _pg_url(name)
        crawl_demo(crawled_demo.server, tmp_path_factory.mktemp("pg-archive"), "--db", url)
        yield url
    finally:
        with psycopg.connect(pg_server, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def backend(request) -> str:
    return str(request.param)


@pytest.fixture(scope="module")
def store(crawled_demo, backend, request):
    db = request.getfixturevalue("pg_crawl") if backend == "postgres" else None
    with open_store(crawled_demo.archive, readonly=True, db=db) as opened:
        yield opened


@pytest.fixture(scope="module")
def db_args(backend, request) -> list[str]:
    """--db for the CLI on the PostgreSQL store, nothing on SQLite."""
    return ["--db", request.getfixturevalue("pg_crawl")] if backend == "postgres" else []


def _article(crawled_demo, lang: str, index: int = 0) -> dict:
    return [row for row in crawled_demo.rows if row["language"] == lang][index]


def _phrase(body: str, words: int = 6) -> str:
    """Six words from the middle of the second paragraph, without punctuation at the ends."""
    paragraph = [p for p in body.split("\n\n") if len(p.split()) > 12][1]
    tokens = paragraph.split()[3:3 + words]
    return " ".join(tokens).strip(".,;:\"'()“”«»،")


def test_finds_an_article_by_a_phrase_from_its_body(crawled_demo, store):
    row = _article(crawled_demo, "en", 2)
    phrase = _phrase(row["body"])
    result = search(store, f'"{phrase}"')
    assert row["canonical_url"] in [hit.canonical_url for hit in result.hits]
    hit = next(h for h in result.hits if h.canonical_url == row["canonical_url"])
    marked = " ".join(text for text, is_match in hit.snippet if is_match).lower()
    words = phrase.lower().split()
    if type(store).__name__ == "PostgresStore":
        # ts_headline marks no stop words ("has", "been"): the marks are the phrase's other words,
        # compared as words (the phrase keeps inner punctuation such as "years,")
        phrase_words = set(re.findall(r"\w+", phrase.lower()))
        assert marked and set(re.findall(r"\w+", marked)) <= phrase_words, (words, marked)
    else:
        assert marked and words[0] in marked, (words, marked)
    assert "<mark>" in hit.snippet_html() and hit.title == row["title"]


def test_finds_an_arabic_article_by_a_word_with_and_without_marks(crawled_demo, store):
    row = _article(crawled_demo, "ar")
    word = max(row["title"].split(), key=len)
    plain = search(store, word)
    assert plain.total >= 1 and row["canonical_url"] in [h.canonical_url for h in plain.hits]
    assert all(h.language == "ar" for h in plain.hits)
    # harakat between the letters and a tatweel in the middle find the same articles
    voweled = "".join(ch + "\u064e" for ch in word)
    stretched = word[:2] + "\u0640\u0640" + word[2:]
    for variant in (voweled, stretched):
        again = search(store, variant)
        assert [h.article_id for h in again.hits] == [h.article_id for h in plain.hits], variant
    assert "\u0640" in SEARCH_STRIP_CHARS and "\u064e" in SEARCH_STRIP_CHARS


def test_filters_and_facets(crawled_demo, store):
    everything = search(store, "", limit=0)
    assert everything.total == len(crawled_demo.rows)
    languages = dict(everything.facets["language"])
    assert languages == {"en": sum(r["language"] == "en" for r in crawled_demo.rows),
                         "ar": sum(r["language"] == "ar" for r in crawled_demo.rows)}

    row = _article(crawled_demo, "en", 1)
    author = row["authors"][0] if row["authors"] else next(
        r["authors"][0] for r in crawled_demo.rows if r["authors"])
    by_author = search(store, "", author=author, limit=100)
    expected = {r["canonical_url"] for r in crawled_demo.rows if author in r["authors"]}
    assert {h.canonical_url for h in by_author.hits} == expected
    assert dict(by_author.facets["author"])[author] == len(expected)

    section = search(store, "", section=row["section"], language="en", limit=100)
    assert section.total == sum(r["section"] == row["section"] and r["language"] == "en"
                                for r in crawled_demo.rows)
    assert {h.section for h in section.hits} == {row["section"]}

    day = row["published"][:10]
    dated = search(store, "", date_from=day, date_to=day, limit=100)
    assert row["canonical_url"] in {h.canonical_url for h in dated.hits}
    assert all(h.published[:10] == day for h in dated.hits)
    month = row["published"][:7]
    assert search(store, "", date_to=month, limit=0).total == sum(
        r["published"][:7] <= month for r in crawled_demo.rows)
    assert search(store, "", date_from="2099", limit=0).total == 0
    with pytest.raises(QueryError, match="YYYY"):
        search(store, "x", date_from="yesterday")


def test_paging_is_stable_and_ranked(store):
    # "said", not "the": a stop word is not searchable in PostgreSQL's English configuration
    first = search(store, "said", limit=5)
    second = search(store, "said", limit=5, offset=5)
    assert first.total == second.total > 10
    assert not {h.article_id for h in first.hits} & {h.article_id for h in second.hits}
    assert [h.score for h in first.hits] == sorted((h.score for h in first.hits), reverse=True)


@pytest.mark.parametrize("query", INJECTIONS)
def test_hostile_queries_neither_fail_nor_damage(crawled_demo, store, query):
    before = store.counts()
    result = search(store, query)
    assert result.total >= 0
    if not any(ch.isalnum() for ch in query):
        assert result.total == 0 and fts_query(query) is None
    assert store.counts() == before


def test_query_escaping_keeps_operators_literal():
    # every term is a quoted FTS5 string; a plain one-word term also matches its stems
    published = "{title dek body authors captions} : "
    stemmed = "{title_stems dek_stems body_stems authors_stems captions_stems} : "
    assert fts_query('NEAR(a b) OR title:x "quoted phrase" pre*') == (
        f'{published}"NEAR(a" AND ({published}"b)" OR {stemmed}("b")) AND '
        f'({published}"OR" OR {stemmed}("or")) AND {published}"title:x" AND '
        f'{published}"quoted phrase" AND {published}"pre" *')
    assert fts_query("*** ((( ''' ") is None


def test_cli_search_json_and_injection_leaves_database_intact(crawled_demo, store, db_args):
    row = _article(crawled_demo, "en", 3)
    phrase = _phrase(row["body"], 4)
    result = run_cli("search", f'"{phrase}"', "--archive", str(crawled_demo.archive), "--json",
                     "--language", "en", *db_args)
    assert result.returncode == 0, result.stderr
    payload = json.loads(result.stdout)
    assert row["canonical_url"] in [hit["canonical_url"] for hit in payload["hits"]]
    assert set(payload["facets"]) == {"site", "section", "language", "author", "month"}
    assert "[" in payload["hits"][0]["snippet"]

    for query in INJECTIONS[:6]:
        hostile = run_cli("search", query, "--archive", str(crawled_demo.archive), *db_args)
        assert hostile.returncode == 0, hostile.stderr
        assert "Traceback" not in hostile.stderr
    text = run_cli("search", row["title"], "--archive", str(crawled_demo.archive), "--limit", "3",
                   *db_args)
    assert text.returncode == 0 and row["title"] in text.stdout
    # a malformed date is bad usage, found before any archive is opened (exit 2)
    bad = run_cli("search", "x", "--from", "July", "--archive", str(crawled_demo.archive),
                  *db_args)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "YYYY" in bad.stderr
    assert store.counts()["articles"] == len(crawled_demo.rows)
    if db_args:
        return
    with sqlite3.connect(crawled_demo.archive / "records.sqlite3") as conn:
        assert conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == len(crawled_demo.rows)
        assert conn.execute("SELECT COUNT(*) FROM article_search").fetchone()[0] == len(
            crawled_demo.rows)
