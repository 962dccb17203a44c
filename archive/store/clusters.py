"""Story clusters in the records store, for either backend (docs/STORIES.md).

Every version has a `story_id`: the id of the first version of its story. A new article's
first version looks its candidates up by the band keys of its MinHash signature
(archive/stories.py) in `story_bands`, an index probe whatever the archive's size, reads each
candidate's signature from `story_signatures` (a narrow row, not the version's), and joins the
story of the most similar candidate at or above stories.THRESHOLD; without one it founds a
story of its own. Later versions of an article stay in the article's story (its identity is
its URL, not its text) but add their band keys, so copies of the new text find the story too.
Stories never merge or split as articles arrive; `newsarchive reindex` recomputes them all.

The functions run inside the caller's write transaction: `conn` is a sqlite3 or psycopg
connection with rows by name, `mark` its parameter placeholder ("?" or "%s").
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from archive import stories
from archive.records import StoreResult

# At most this many (band key, version) rows are read per lookup: a guard against a body whose
# bands thousands of versions share (boilerplate that passed MIN_SHINGLES), not a limit a real
# story reaches (a story of 60 versions matching on every band fills it).
MAX_CANDIDATE_ROWS = 2000


@dataclass(frozen=True, slots=True)
class StoryMatch:
    """The story a new article joins: its id, the most similar version in it, and the most
    similar article of the same site in it (a republication), if any."""

    story_id: int
    similarity: float
    article_id: int
    same_site_article_id: int | None = None
    same_site_similarity: float | None = None


def find_story(conn: Any, sig: stories.Signature, *, site: str, mark: str,
               exclude_article: int | None = None) -> StoryMatch | None:
    """The story whose versions are most like `sig` (at least stories.THRESHOLD), or None."""
    keys = stories.band_keys(sig)
    # each candidate version once, however many bands it shares (a copy shares most); its
    # signature from the narrow table, never from the version row (past the body)
    rows = conn.execute(
        "SELECT s.story_id, s.signature, s.article_id, a.site "
        "FROM story_signatures s JOIN articles a ON a.id = s.article_id WHERE s.version_id IN ("
        "SELECT b.version_id FROM story_bands b "
        f"WHERE b.band_key IN ({', '.join([mark] * len(keys))}) LIMIT {MAX_CANDIDATE_ROWS})",
        keys).fetchall()
    best: dict[int, tuple[float, int]] = {}            # story -> (similarity, article)
    same_site: dict[int, tuple[float, int]] = {}
    for row in rows:
        if row["article_id"] == exclude_article:
            continue
        similar = stories.similarity(sig, stories.from_bytes(bytes(row["signature"])))
        if similar < stories.THRESHOLD:
            continue
        story, article = int(row["story_id"]), int(row["article_id"])
        if (similar, -article) > _key(best.get(story)):
            best[story] = (similar, article)
        if row["site"] == site and (similar, -article) > _key(same_site.get(story)):
            same_site[story] = (similar, article)
    if not best:
        return None
    # the most similar story; on a tie the older one (the smaller id)
    story = max(best, key=lambda s: (best[s][0], -s))
    similar, article = best[story]
    mine = same_site.get(story)
    return StoryMatch(story, similar, article, mine[1] if mine else None,
                      mine[0] if mine else None)


def new_result(article_id: int, version_id: int, story_id: int | None,
               match: StoryMatch | None) -> StoreResult:
    """The outcome of a new article's first version: "republished" when its story holds an
    article of the same site (the same text under a new URL: linked, not counted as new),
    else "new"; `extra` says which article it is most like and how alike."""
    if match is None:
        return StoreResult("new", article_id, version_id, story_id=story_id)
    if match.same_site_article_id is not None:
        return StoreResult("republished", article_id, version_id, story_id=story_id,
                           extra={"story_article": match.same_site_article_id,
                                  "story_similarity": match.same_site_similarity})
    return StoreResult("new", article_id, version_id, story_id=story_id,
                       extra={"story_article": match.article_id,
                              "story_similarity": match.similarity})


def _key(value: tuple[float, int] | None) -> tuple[float, int]:
    return (value[0], -value[1]) if value is not None else (-1.0, 0)


def set_story(conn: Any, version_id: int, story_id: int | None,
              sig: stories.Signature | None, *, mark: str, article_id: int) -> int:
    """Give a version its story (None: a story of its own, founded by this version) and its
    signature, and index its band keys; returns the story id."""
    story = version_id if story_id is None else story_id
    conn.execute(f"UPDATE versions SET story_id = {mark} WHERE id = {mark}", (story, version_id))
    if sig is not None:
        conn.execute(
            "INSERT INTO story_signatures (version_id, story_id, article_id, signature) "
            f"VALUES ({mark}, {mark}, {mark}, {mark}) ON CONFLICT (version_id) DO UPDATE SET "
            "story_id = excluded.story_id, signature = excluded.signature",
            (version_id, story, article_id, stories.to_bytes(sig)))
        conn.cursor().executemany(
            f"INSERT INTO story_bands (band_key, version_id) VALUES ({mark}, {mark}) "
            "ON CONFLICT DO NOTHING",
            [(key, version_id) for key in stories.band_keys(sig)])
    return story


def article_story(conn: Any, article_id: int, *, mark: str) -> int | None:
    """The story of an article: its current version's."""
    row = conn.execute(
        "SELECT v.story_id FROM articles a JOIN versions v ON v.id = a.current_version_id "
        f"WHERE a.id = {mark}", (article_id,)).fetchone()
    return int(row["story_id"]) if row and row["story_id"] is not None else None


def story_members(conn: Any, article_id: int, *, mark: str) -> dict[str, Any] | None:
    """Store.story: the article's story and every article in it, earliest first seen first,
    each with its similarity to this article (the highest over its versions against this
    article's current version; None when a body was too short for a signature)."""
    row = conn.execute(
        "SELECT v.story_id, s.signature FROM articles a "
        "JOIN versions v ON v.id = a.current_version_id "
        f"LEFT JOIN story_signatures s ON s.version_id = v.id WHERE a.id = {mark}",
        (article_id,)).fetchone()
    if row is None or row["story_id"] is None:
        return None
    story_id = int(row["story_id"])
    mine = stories.from_bytes(bytes(row["signature"])) if row["signature"] else None
    rows = conn.execute(
        "SELECT v.article_id, s.signature, a.canonical_url, a.site, a.first_seen, "
        "cv.title, cv.language FROM versions v JOIN articles a ON a.id = v.article_id "
        "JOIN versions cv ON cv.id = a.current_version_id "
        "LEFT JOIN story_signatures s ON s.version_id = v.id "
        f"WHERE v.story_id = {mark}", (story_id,)).fetchall()
    members: dict[int, dict[str, Any]] = {}
    for member in rows:
        entry = members.setdefault(int(member["article_id"]), {
            "article_id": int(member["article_id"]), "site": member["site"],
            "canonical_url": member["canonical_url"], "first_seen": member["first_seen"],
            "title": member["title"], "language": member["language"], "similarity": None})
        if entry["article_id"] == article_id:
            entry["similarity"] = 1.0
        elif mine is not None and member["signature"]:
            similar = stories.similarity(mine, stories.from_bytes(bytes(member["signature"])))
            entry["similarity"] = max(similar, entry["similarity"] or 0.0)
    ordered = sorted(members.values(), key=lambda m: (m["first_seen"], m["article_id"]))
    return {"story_id": story_id, "members": ordered}


def assign_all(conn: Any, *, mark: str, batch: int = 500) -> Iterator[int]:
    """Recompute the signature and story of every version, as ingest would have assigned them
    had every article arrived in the order of its first version's capture (reindex): clears
    story_bands, then yields the number of versions done after each batch. Bodies are read a
    batch at a time; only the ids and the article -> story map are held for the whole run."""
    conn.execute("DELETE FROM story_bands")
    conn.execute("DELETE FROM story_signatures")
    order = [(int(row["id"]), int(row["article_id"])) for row in conn.execute(
        "SELECT v.id, v.article_id FROM versions v "
        "JOIN versions f ON f.article_id = v.article_id AND f.version_no = 1 "
        "JOIN captures c ON c.id = f.capture_id "
        "ORDER BY c.fetched_at, f.id, v.version_no").fetchall()]
    story_of: dict[int, int] = {}   # article -> story
    for start in range(0, len(order), batch):
        chunk = order[start:start + batch]
        rows = {int(row["id"]): row for row in conn.execute(
            "SELECT v.id, v.body, a.site FROM versions v JOIN articles a ON a.id = v.article_id "
            f"WHERE v.id IN ({', '.join([mark] * len(chunk))})",
            [version_id for version_id, _ in chunk]).fetchall()}
        for version_id, article_id in chunk:
            row = rows[version_id]
            sig = stories.signature(row["body"])
            story = story_of.get(article_id)
            if story is None and sig is not None:
                match = find_story(conn, sig, site=row["site"], mark=mark,
                                   exclude_article=article_id)
                story = match.story_id if match else None
            story_of[article_id] = set_story(conn, version_id, story, sig, mark=mark,
                                             article_id=article_id)
        yield start + len(chunk)
