"""Story clusters: MinHash signatures (archive/stories.py), story assignment in both stores
(archive/store/clusters.py), and what `show`, `export`, `search --by-story` and the reading room
make of them, over wire copies of one story on two sites and a distinct story on the same topic.
"""
from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from archive import stories
from archive.records import Capture, StoreResult, WarcRef
from archive.store import DB_FILENAME, SQLiteStore, Store, migrations
from tests.test_store import Clock, add_capture, make_fields, new_run

BACKENDS = ["sqlite", "postgres"]

# One agency story, as the wire sent it.
WIRE = [
    "Heavy rain flooded large parts of the port city of Basra on Sunday, forcing hundreds of "
    "families to leave their homes and cutting power to several districts, officials said.",
    "The civil defence directorate said its teams had rescued at least 140 people from houses "
    "in the low-lying neighbourhoods of al-Jumhuriya and Khamsa Meel, where water reached the "
    "height of a man in some streets by the afternoon.",
    "Governor Asaad al-Eidani declared Monday a public holiday and ordered schools and "
    "government offices to close while pumps drain the flooded roads.",
    "Residents blamed the damage on drainage channels that have not been cleaned for years. "
    "\"Every winter we ask the council to clear the canals, and every winter the water comes "
    "into our kitchens,\" said Haider Jabbar, a shopkeeper whose store was under half a metre "
    "of water.",
    "The meteorological office warned that more storms were expected over southern Iraq until "
    "Wednesday and urged drivers to avoid the desert road between Basra and Nasiriyah, where "
    "two lorries overturned on Saturday night.",
    "Iraq has suffered a series of extreme weather events in recent years, from record summer "
    "heat to sudden floods, which experts link to climate change and to the poor state of the "
    "country's infrastructure after decades of war.",
    "The health ministry said two people had died of electric shocks from fallen cables, and "
    "that mobile clinics had been sent to the camps where displaced families were sheltering.",
]

# Site A runs it with its own intro line and its newsletter boilerplate.
SITE_A_INTRO = ("BASRA - Floodwater swept through the southern city at the weekend, our "
                "correspondent reports, as the storm season began weeks earlier than usual.")
SITE_A_TAIL = ("Do you like this article? Sign up for our newsletter and receive the day's top "
               "stories every morning. Follow us on social media for breaking news alerts.")
# Site B drops the wire's first sentence, adds a dateline and its copyright line.
SITE_B_INTRO = ("BAGHDAD (Wire) - Hundreds of families in Basra fled their homes on Sunday after "
                "torrential rain turned streets into rivers and knocked out electricity.")
SITE_B_TAIL = ("Copyright 2026 The Wire. All rights reserved. This material may not be "
               "published, broadcast, rewritten or redistributed without permission.")

# A distinct story on the same topic: the same city, the same weather, other events.
SAME_TOPIC = [
    "Basra's provincial council approved on Tuesday a plan to rebuild the city's drainage "
    "channels before next winter, a year after floods forced hundreds of families from their "
    "homes in the low-lying districts.",
    "The plan, worth about 90 billion dinars, covers the canals of al-Jumhuriya and Khamsa "
    "Meel and the pumping stations along the Shatt al-Arab, council member Ali Shaddad told "
    "reporters after the vote.",
    "Contractors have until March to submit offers, and the first works could start in the "
    "summer, when the water level is at its lowest, he said.",
    "Engineers at the University of Basra have long warned that the network, most of it built "
    "in the 1970s, can no longer cope with the sudden storms that southern Iraq now sees more "
    "often, as rainfall becomes heavier and less predictable.",
    "Shopkeepers in the old market welcomed the decision but said they would believe it when "
    "they saw the machines. \"We have heard promises like this after every flood,\" said one "
    "fabric seller, who asked not to be named.",
    "The governor's office said it would also ask the federal government in Baghdad for "
    "emergency funds to compensate families whose homes were damaged last year.",
]


def site_a_copy() -> str:
    return "\n\n".join([SITE_A_INTRO, *WIRE, SITE_A_TAIL])


def site_b_copy() -> str:
    return "\n\n".join([SITE_B_INTRO, *WIRE[1:], SITE_B_TAIL])


def same_topic() -> str:
    return "\n\n".join(SAME_TOPIC)


def body_fields(url: str, body: str, *, site: str, title: str = "Floods in Basra") -> dict[str, Any]:
    blocks = [{"kind": "p", "text": text} for text in body.split("\n\n")]
    return make_fields(url, site=site, title=title, body_blocks=blocks)


# --- signatures: pure functions ---------------------------------------------------------------
def test_wire_copies_are_similar_and_a_same_topic_story_is_not() -> None:
    a, b, other = (stories.signature(text) for text in (site_a_copy(), site_b_copy(), same_topic()))
    assert a is not None and b is not None and other is not None
    assert stories.similarity(a, b) >= stories.THRESHOLD
    assert set(stories.band_keys(a)) & set(stories.band_keys(b))   # found by an index probe
    assert stories.similarity(a, other) < 0.1
    assert stories.similarity(b, other) < 0.1


def test_signature_is_deterministic_and_folds_case_and_spelling() -> None:
    text = site_a_copy()
    assert stories.signature(text) == stories.signature(text)
    assert stories.similarity(stories.signature(text),                      # type: ignore[arg-type]
                              stories.signature(text.upper())) == 1.0       # type: ignore[arg-type]
    # the same fixed seed in another process gives the same values: pinned
    sig = stories.signature(text)
    assert sig is not None and len(stories.to_bytes(sig)) == stories.NUM_PERM * 4
    assert stories.from_bytes(stories.to_bytes(sig)) == sig
    assert len(stories.band_keys(sig)) == stories.BANDS
    assert all(-2**63 <= key < 2**63 for key in stories.band_keys(sig))


def test_short_bodies_get_no_signature() -> None:
    assert stories.signature(None) is None
    assert stories.signature("") is None
    assert stories.signature("Subscribe to read this article. " * 2) is None
    assert stories.signature(" ".join(f"word{i}" for i in range(40))) is not None


def test_signature_values_are_stable_across_releases() -> None:
    """Stored signatures are compared with new ones: the hashing must never drift."""
    sig = stories.signature("one two three four five six seven eight nine ten " * 4
                            + " ".join(f"w{i}" for i in range(30)))
    assert sig is not None
    assert stories.to_bytes(sig)[:16].hex() == PINNED_PREFIX


PINNED_PREFIX = "8afb7d1c76d5ac0508e8391262b16606"


# --- the stores -------------------------------------------------------------------------------
@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    if request.param == "sqlite":
        opened: Store = SQLiteStore(tmp_path / DB_FILENAME, clock=Clock())
    else:
        from archive.store.postgres import PostgresStore

        opened = PostgresStore(request.getfixturevalue("pg_url"), clock=Clock())
    try:
        yield opened
    finally:
        opened.close()


def put(store: Store, run_id: int, url: str, body: str, *, site: str,
        fetched_at: str = "2026-11-26T01:00:00Z", title: str = "Floods in Basra") -> StoreResult:
    capture_id = add_capture(store, run_id, url, fetched_at=fetched_at)
    return store.store_article(capture_id, body_fields(url, body, site=site, title=title),
                               run_id=run_id, extractor_version="ext-1", fetched_urls=[url])


def test_wire_copies_on_two_sites_share_one_story(store: Store) -> None:
    run_id = new_run(store)
    a = put(store, run_id, "https://a.example/2026/11/26/basra-floods", site_a_copy(),
            site="a.example", fetched_at="2026-11-26T01:00:00Z")
    b = put(store, run_id, "https://b.example/world/basra-flood-families", site_b_copy(),
            site="b.example", fetched_at="2026-11-26T02:00:00Z")
    other = put(store, run_id, "https://a.example/2026/11/28/basra-drainage-plan", same_topic(),
                site="a.example", fetched_at="2026-11-28T01:00:00Z",
                title="Basra approves drainage plan")
    assert (a.outcome, b.outcome, other.outcome) == ("new", "new", "new")
    assert a.story_id is not None and b.story_id == a.story_id
    assert b.extra["story_article"] == a.article_id
    assert b.extra["story_similarity"] >= stories.THRESHOLD
    assert other.story_id not in (None, a.story_id)

    story = store.story(b.article_id)
    assert story is not None and story["story_id"] == a.story_id
    members = story["members"]
    assert [m["article_id"] for m in members] == [a.article_id, b.article_id]  # earliest first
    assert members[0]["site"] == "a.example"
    assert members[0]["first_seen"] == "2026-11-26T01:00:00Z"
    assert members[0]["similarity"] >= stories.THRESHOLD and members[1]["similarity"] == 1.0
    assert [m["article_id"] for m in store.story(other.article_id)["members"]] == [  # type: ignore[index]
        other.article_id]

    # every way out of the store carries the story
    assert store.get_article(b.article_id)["story_id"] == a.story_id  # type: ignore[index]
    assert {row["id"]: row["story_id"] for row in store.iter_articles()} == {
        a.article_id: a.story_id, b.article_id: a.story_id, other.article_id: other.story_id}
    assert {v["article_id"]: v["story_id"] for v in store.iter_versions()}[b.article_id] == \
        a.story_id


def test_same_site_republication_is_linked_not_new(store: Store) -> None:
    run_id = new_run(store)
    first = put(store, run_id, "https://a.example/2026/11/26/basra-floods", site_a_copy(),
                site="a.example")
    again = put(store, run_id, "https://a.example/news/98765", site_a_copy().replace(
        "Do you like this article?", "Did you enjoy this story?"), site="a.example",
        fetched_at="2026-11-27T01:00:00Z")
    assert again.outcome == "republished"
    assert again.article_id != first.article_id          # its URL stays findable on its own
    assert again.story_id == first.story_id
    assert again.extra["story_article"] == first.article_id
    assert store.get_article("https://a.example/news/98765")["id"] == again.article_id  # type: ignore[index]


def test_new_versions_stay_in_their_articles_story(store: Store) -> None:
    run_id = new_run(store)
    url = "https://a.example/2026/11/26/basra-floods"
    first = put(store, run_id, url, site_a_copy(), site="a.example")
    later = new_run(store, "2026-11-27T01:00:00Z")
    rewritten = put(store, later, url, same_topic(), site="a.example",
                    fetched_at="2026-11-27T01:00:00Z")
    assert rewritten.outcome == "updated" and rewritten.story_id == first.story_id
    # the new text is indexed too: a copy of it finds the story
    copy = put(store, later, "https://b.example/basra-plan", same_topic() + "\n\n" + SITE_B_TAIL,
               site="b.example", fetched_at="2026-11-27T02:00:00Z")
    assert copy.outcome == "new" and copy.story_id == first.story_id


def test_short_bodies_found_stories_of_their_own(store: Store) -> None:
    run_id = new_run(store)
    one = put(store, run_id, "https://a.example/brief-1", "Subscribe to read.", site="a.example")
    two = put(store, run_id, "https://a.example/brief-2", "Subscribe to read!", site="a.example")
    assert (one.outcome, two.outcome) == ("new", "new")
    assert one.story_id == one.version_id and two.story_id == two.version_id


def test_reindex_clusters_versions_stored_before_stories(store: Store) -> None:
    """An archive upgraded from a schema without stories: one story per article and no
    signatures until `reindex` clusters them, oldest first, as ingest would have."""
    run_id = new_run(store)
    a = put(store, run_id, "https://a.example/basra-floods", site_a_copy(), site="a.example")
    b = put(store, run_id, "https://b.example/basra-floods", site_b_copy(), site="b.example",
            fetched_at="2026-11-26T02:00:00Z")
    c = put(store, run_id, "https://a.example/basra-plan", same_topic(), site="a.example",
            fetched_at="2026-11-26T03:00:00Z")
    forget_stories(store)
    assert store.story(b.article_id)["members"][0]["article_id"] == b.article_id  # type: ignore[index]
    assert store.reindex_stories() == 3
    assert [m["article_id"] for m in store.story(b.article_id)["members"]] == [  # type: ignore[index]
        a.article_id, b.article_id]
    assert store.story(c.article_id)["story_id"] == c.version_id  # type: ignore[index]
    assert store.reindex_stories() == 3                        # again: the same stories
    assert store.get_article(b.article_id)["story_id"] == a.version_id  # type: ignore[index]


def forget_stories(store: Store) -> None:
    """What migration 8 (SQLite) / 9 (PostgreSQL) leaves for versions stored before it."""
    sql = ("UPDATE versions SET story_id = "
           "(SELECT MIN(f.id) FROM versions f WHERE f.article_id = versions.article_id)")
    if isinstance(store, SQLiteStore):
        with store.batch():
            store.connection.execute(sql)
            store.connection.execute("DELETE FROM story_bands")
            store.connection.execute("DELETE FROM story_signatures")
    else:
        with store.batch(), store.reading() as conn:  # type: ignore[attr-defined]
            conn.execute(sql)
            conn.execute("DELETE FROM story_bands")
            conn.execute("DELETE FROM story_signatures")


def test_migration_gives_existing_versions_a_story_per_article(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / DB_FILENAME
    every = migrations.MIGRATIONS
    monkeypatch.setattr(migrations, "MIGRATIONS", every[:7])   # before stories
    with SQLiteStore(path, clock=Clock()) as old:
        run_id = new_run(old)
        ids = []
        for n, url in enumerate(["https://a.example/1", "https://b.example/1"]):
            capture_id = add_capture(old, run_id, url)
            fields = body_fields(url, site_a_copy(), site=f"{'ab'[n]}.example")
            conn = old.connection
            # store_article of this release would write story columns the old schema lacks
            with old.batch():
                conn.execute("INSERT INTO articles (canonical_url, site, first_seen, last_seen) "
                             "VALUES (?, ?, '2026-11-26T01:00:00Z', '2026-11-26T01:00:00Z')",
                             (url, fields["site"]))
                article_id = conn.execute("SELECT max(id) FROM articles").fetchone()[0]
                for version_no in (1, 2):
                    conn.execute(
                        "INSERT INTO versions (article_id, version_no, content_hash, capture_id,"
                        " extractor_version, created_at, url, canonical_url, site, body) "
                        "VALUES (?, ?, ?, ?, 'ext-1', 'now', ?, ?, ?, ?)",
                        (article_id, version_no, f"h{n}{version_no}", capture_id, url, url,
                         fields["site"], fields["body"]))
                conn.execute("UPDATE articles SET current_version_id = (SELECT max(id) FROM "
                             "versions) WHERE id = ?", (article_id,))
            ids.append(article_id)
    monkeypatch.setattr(migrations, "MIGRATIONS", every)
    with SQLiteStore(path, clock=Clock()) as store:
        rows = store.connection.execute(
            "SELECT article_id, id, story_id FROM versions ORDER BY id").fetchall()
        first = {article: min(i for a, i, _ in rows if a == article) for article in ids}
        assert [(a, s) for a, _, s in rows] == [(a, first[a]) for a, _, _ in rows]
        assert store.reindex_stories() == 4
        assert len({row[0] for row in store.connection.execute(
            "SELECT story_id FROM versions")}) == 1


# --- end to end: pages of two sites imported from a WARC, read by the CLI and the web app -----
def news_page(title: str, paragraphs: str, *, when: str) -> bytes:
    """An article page as a news site serves it: headline, byline, date, body paragraphs."""
    body = "".join(f"<p>{text}</p>" for text in paragraphs.split("\n\n"))
    return (f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{title}</title>"
            f"<meta property='og:type' content='article'>"
            f"<meta property='article:published_time' content='{when}'></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{title}</h1>"
            f"<p class='byline'>By Staff</p><time datetime='{when}'>{when[:10]}</time>"
            f"<div class='article-body'>{body}</div></article></body></html>").encode()


A_FIRST = "https://www.a-news.example/2026/11/26/basra-floods"
B_COPY = "https://b-wire.example/world/basra-flood-families"
A_OTHER = "https://www.a-news.example/2026/11/28/basra-drainage-plan"
A_AGAIN = "https://www.a-news.example/news/98765"
WIRE_PAGES = {   # url -> (page, capture time), in capture order
    A_FIRST: (news_page("Floods force hundreds from homes in Basra", site_a_copy(),
                        when="2026-11-26T08:00:00Z"), "2026-11-26T09:00:00Z"),
    B_COPY: (news_page("Basra families flee as rain floods streets", site_b_copy(),
                       when="2026-11-26T09:30:00Z"), "2026-11-26T10:00:00Z"),
    A_OTHER: (news_page("Basra approves a plan to rebuild its drains", same_topic(),
                        when="2026-11-28T08:00:00Z"), "2026-11-28T09:00:00Z"),
    # site A runs its own flood story again under a new address, with a new intro line
    A_AGAIN: (news_page("Floods force hundreds from homes in Basra", site_a_copy().replace(
        SITE_A_INTRO, "As the water recedes, we look back at the day the storm hit the city "
                      "and the families who lost everything in a few hours."),
        when="2026-11-26T08:00:00Z"), "2026-11-29T09:00:00Z"),
}


def wire_warc(path: Path) -> Path:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, (page, when) in WIRE_PAGES.items():
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8"),
                                                  ("Content-Length", str(len(page)))],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                url, "response", payload=io.BytesIO(page), http_headers=headers,
                warc_headers_dict={"WARC-Date": when}))
    return path


@pytest.fixture(scope="module")
def wire_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import run_cli

    where = tmp_path_factory.mktemp("wire")
    archive = where / "archive"
    result = run_cli("import-warc", str(wire_warc(where / "wire.warc.gz")), "--archive",
                     str(archive), "--jobs", "1")
    assert result.returncode == 0, result.stdout + result.stderr
    # the republication on site A is linked, not counted as a new article
    assert "new articles 3" in result.stdout and "republished 1" in result.stdout, result.stdout
    return archive


def _exported(archive: Path) -> dict[str, dict[str, Any]]:
    from tests.conftest import export_rows

    return {row["canonical_url"]: row for row in export_rows(archive)}


def test_wire_copies_share_one_story_in_export_and_show(wire_archive: Path) -> None:
    from tests.conftest import run_cli

    rows = _exported(wire_archive)
    assert {rows[url]["site"] for url in rows} == {"a-news.example", "b-wire.example"}
    story = rows[A_FIRST]["story_id"]
    assert isinstance(story, int)
    assert rows[B_COPY]["story_id"] == rows[A_AGAIN]["story_id"] == story
    assert rows[A_OTHER]["story_id"] != story        # the same topic, another story

    shown = run_cli("show", B_COPY, "--archive", str(wire_archive), "--json")
    assert shown.returncode == 0, shown.stderr
    data = json.loads(shown.stdout)
    assert data["article"]["story_id"] == story
    members = data["story"]["members"]
    assert [m["canonical_url"] for m in members] == [A_FIRST, B_COPY, A_AGAIN]  # first seen
    assert [m["first_seen"] for m in members] == [
        "2026-11-26T09:00:00Z", "2026-11-26T10:00:00Z", "2026-11-29T09:00:00Z"]
    assert all(m["similarity"] >= stories.THRESHOLD for m in members)

    text = run_cli("show", B_COPY, "--archive", str(wire_archive)).stdout
    assert f"story:         {story} (3 articles)" in text
    listed = text.split("Same story, earliest first seen first (2 other articles):")[1]
    first, second = (line.strip() for line in listed.strip().splitlines()[:2])
    assert first.startswith("2026-11-26T09:00:00Z  a-news.example  similarity 0.") \
        and first.endswith(A_FIRST)
    assert second.startswith("2026-11-29T09:00:00Z  a-news.example") and second.endswith(A_AGAIN)

    alone = run_cli("show", A_OTHER, "--archive", str(wire_archive)).stdout
    assert "(1 article)" in alone and "Same story" not in alone


def test_search_by_story_collapses_the_copies(wire_archive: Path) -> None:
    from tests.conftest import run_cli

    plain = json.loads(run_cli("search", "Basra", "--archive", str(wire_archive),
                               "--json").stdout)
    assert plain["total"] == 4
    collapsed = json.loads(run_cli("search", "Basra", "--archive", str(wire_archive),
                                   "--json", "--by-story").stdout)
    assert collapsed["total"] == 2
    by_url = {hit["canonical_url"]: hit for hit in collapsed["hits"]}
    assert set(by_url) == {A_FIRST, A_OTHER}          # the earliest capture stands for it
    assert [m["canonical_url"] for m in by_url[A_FIRST]["also"]] == [B_COPY, A_AGAIN]
    assert by_url[A_OTHER]["also"] == []
    assert by_url[A_FIRST]["story_id"] == _exported(wire_archive)[A_FIRST]["story_id"]
    text = run_cli("search", "Basra", "--archive", str(wire_archive), "--by-story").stdout
    assert text.startswith("2 stories match 'Basra'")
    assert f"also: b-wire.example (first seen 2026-11-26T10:00:00Z) " in text


def test_reading_room_says_also_published_by(wire_archive: Path) -> None:
    import asyncio

    import httpx

    from archive.web.app import asgi_app, make_datasette

    rows = _exported(wire_archive)
    room = make_datasette(wire_archive, replay_base=None)
    app = asgi_app(room, host="127.0.0.1")   # what `serve` runs, security headers and all

    async def page(article_id: int) -> str:
        await room.invoke_startup()
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://127.0.0.1:8001") as client:
            response = await client.get(f"/article/{article_id}")
        assert response.status_code == 200, response.text
        return response.text

    html = asyncio.run(page(rows[B_COPY]["article_id"]))
    assert "Also published by" in html
    box = html.split('id="story"')[1].split("</section>")[0]
    first, second = (f'href="/article/{rows[url]["article_id"]}"' for url in (A_FIRST, A_AGAIN))
    assert first in box and second in box and box.index(first) < box.index(second)
    assert "a-news.example" in box and "2026-11-26 09:00:00 UTC" in box
    assert "Also published by" not in asyncio.run(page(rows[A_OTHER]["article_id"]))
