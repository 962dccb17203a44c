"""Row shaping shared by the store backends: how fields are written (JSON text) and read back
(export dicts, capture dicts, run dicts), and the one timestamp format. Both backends use these,
so SQLite and PostgreSQL return the same shapes (and an export is the same bytes from either)."""
from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime, timezone
from typing import Any

from archive.store.content import EXPORT_FIELDS, JSON_FIELDS

RUN_STATUSES = ("running", "ok", "partial", "failed", "unhealthy", "interrupted")

# Columns of `versions` that hold the article fields, in insert order.
FIELD_COLUMNS: tuple[str, ...] = EXPORT_FIELDS + ("body_blocks", "word_count")

# --- SQL both backends run as is (standard SQL, no placeholders) --------------------------------
# The capture dict that travels with an article: where its bytes are in the WARCs.
CAPTURE_SELECT = ("c.warc_file AS c_warc_file, c.warc_offset AS c_offset, "
                   "c.warc_length AS c_length, c.record_id AS c_record_id, "
                   "c.fetched_at AS c_fetched_at, c.payload_digest AS c_payload_digest")

VERSION_SELECT = (
    "SELECT v.article_id, v.id AS version_id, v.version_no, v.content_hash, v.capture_id, "
    "v.run_id, v.extractor_version, v.created_at, v.story_id, "
    + ", ".join(f"v.{name}" for name in FIELD_COLUMNS) + ", " + CAPTURE_SELECT
    + " FROM versions v JOIN captures c ON c.id = v.capture_id"
)

ARTICLE_SELECT = (
    "SELECT a.id AS article_id, a.first_seen, a.last_seen, v.id AS version_id, v.version_no, "
    "v.story_id, "
    + ", ".join(f"v.{name}" for name in FIELD_COLUMNS) + ", " + CAPTURE_SELECT
    + " FROM articles a JOIN versions v ON v.id = a.current_version_id"
    " JOIN captures c ON c.id = v.capture_id"
)

# What store_article needs to know about an existing article.
ARTICLE_STATE = (
    "SELECT a.id, a.current_version_id, a.last_run_id, v.content_hash, v.version_no "
    "FROM articles a JOIN versions v ON v.id = a.current_version_id"
)

CAPTURE_COLUMNS = (
    "id, run_id, url, fetched_at, status, content_type, record_type, warc_file, "
    "warc_offset AS offset, warc_length AS length, record_id, payload_digest, page_kind, "
    "reason, article_id, version_id, etag, last_modified"
)


def utc_now() -> str:
    """Now as ISO 8601 UTC with a Z, to the second: the one timestamp format of the archive."""
    return datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def dumps(value: Any) -> str:
    """JSON text as stored: compact, non-ASCII kept as is (the text as published)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def decode(name: str, value: Any) -> Any:
    if name in JSON_FIELDS:
        return json.loads(value) if value is not None else []
    return value


def export_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """Export fields of a version row (JSON decoded), in EXPORT_FIELDS order."""
    return {name: decode(name, row[name]) for name in EXPORT_FIELDS}


def capture_of(row: Mapping[str, Any]) -> dict[str, Any]:
    return {"warc_file": row["c_warc_file"], "offset": row["c_offset"],
            "length": row["c_length"], "record_id": row["c_record_id"],
            "fetched_at": row["c_fetched_at"], "payload_digest": row["c_payload_digest"]}


def run_of(row: Mapping[str, Any]) -> dict[str, Any]:
    run = dict(row)
    run["settings"] = json.loads(run["settings"]) if run["settings"] is not None else {}
    run["summary"] = json.loads(run["summary"]) if run["summary"] is not None else None
    return run


def version_of(row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        **export_of(row),
        "body_blocks": decode("body_blocks", row["body_blocks"]),
        "word_count": row["word_count"],
        "article_id": row["article_id"],
        "version_id": row["version_id"],
        "version_no": row["version_no"],
        "content_hash": row["content_hash"],
        "extractor_version": row["extractor_version"],
        "created_at": row["created_at"],
        "run_id": row["run_id"],
        "story_id": row["story_id"],
        "capture": capture_of(row),
    }


def unique(urls: Sequence[str]) -> list[str]:
    return list(dict.fromkeys(url for url in urls if url))


def version_values(fields: Mapping[str, Any]) -> list[Any]:
    """FIELD_COLUMNS values of an article, JSON fields as text."""
    return [dumps(fields.get(name) or []) if name in JSON_FIELDS else fields.get(name)
            for name in FIELD_COLUMNS]


def hold_versions_on(conn: Any, run_id: int, fields: Sequence[str], mark: str) -> int:
    """Store.hold_versions inside the caller's write transaction, for either backend: `conn`
    is a sqlite3 or psycopg connection (rows by name), `mark` its parameter placeholder."""
    held = 0
    candidates = conn.execute(  # current versions the run stored over an earlier one
        "SELECT a.id AS article_id, a.current_version_id AS version_id, v.version_no "
        "FROM articles a JOIN versions v ON v.id = a.current_version_id "
        f"WHERE v.run_id = {mark} AND v.version_no > 1 ORDER BY a.id", (run_id,)).fetchall()
    for row in candidates:
        pair = [version_of(v) for v in conn.execute(
            VERSION_SELECT + f" WHERE v.article_id = {mark} AND v.version_no IN ({mark}, {mark}) "
            "ORDER BY v.version_no",
            (row["article_id"], row["version_no"] - 1, row["version_no"])).fetchall()]
        if len(pair) == 2 and lost_fields(pair[0], pair[1], fields):
            conn.execute(f"UPDATE articles SET current_version_id = {mark} WHERE id = {mark} "
                         f"AND current_version_id = {mark}",
                         (pair[0]["version_id"], row["article_id"], row["version_id"]))
            held += 1
    return held


def lost_fields(old: Mapping[str, Any], new: Mapping[str, Any], fields: Iterable[str]) -> list[str]:
    """The tracked fields (crawler/health.py's names) that `old` had and `new` lost: the mark of
    a version extracted from a layout the extractor no longer reads, not of an edit."""
    def filled(version: Mapping[str, Any], name: str) -> bool:
        if name == "captions":
            return any(image.get("caption") for image in version.get("images") or [])
        if name == "body":
            return bool(version.get("word_count"))
        return bool(version.get(name))

    lost = []
    for name in fields:
        if name == "body":
            # a body cut to under half its words, not one edited shorter by a paragraph
            if (old.get("word_count") or 0) > 2 * (new.get("word_count") or 0):
                lost.append(name)
        elif filled(old, name) and not filled(new, name):
            lost.append(name)
    return lost


# --- backlog: URLs a budget-stopped run left for the next run of its site ----------------------
def add_backlog_on(conn: Any, site: str, entries: Iterable[tuple[str, Mapping[str, Any]]], *,
                   run_id: int | None, added_at: str, mark: str) -> int:
    """Store.add_backlog inside the caller's write transaction (either backend; `mark` is the
    placeholder). A URL already waiting keeps its place (its age decides its turn)."""
    rows = [(site, url, dumps(dict(request)), added_at, run_id)
            for url, request in dict(entries).items()]
    if not rows:
        return 0
    before = backlog_size_on(conn, site, mark)
    conn.cursor().executemany(
        "INSERT INTO backlog (site, url, request, added_at, run_id) "
        f"VALUES ({mark}, {mark}, {mark}, {mark}, {mark}) ON CONFLICT (site, url) DO NOTHING",
        rows)
    return backlog_size_on(conn, site, mark) - before


def remove_backlog_on(conn: Any, site: str, urls: Iterable[str], mark: str) -> int:
    """Store.remove_backlog inside the caller's write transaction."""
    wanted = [(site, url) for url in dict.fromkeys(urls)]
    if not wanted:
        return 0
    before = backlog_size_on(conn, site, mark)
    conn.cursor().executemany(f"DELETE FROM backlog WHERE site = {mark} AND url = {mark}", wanted)
    return before - backlog_size_on(conn, site, mark)


def backlog_size_on(conn: Any, site: str, mark: str) -> int:
    row = conn.execute(f"SELECT COUNT(*) AS n FROM backlog WHERE site = {mark}", (site,)).fetchone()
    return int(row["n"])


BACKLOG_SELECT = "SELECT id, url, request, added_at, run_id FROM backlog"


def backlog_of(row: Mapping[str, Any]) -> dict[str, Any]:
    entry = dict(row)
    entry["request"] = json.loads(entry["request"] or "{}")
    return entry


# --- imported files: per-file status of `newsarchive import-warc` ------------------------------
IMPORT_FILE_STATUSES = ("in_progress", "done", "failed")


def import_file_of(row: Mapping[str, Any]) -> dict[str, Any]:
    """An import_files row as Store.import_file returns it (JSON columns decoded)."""
    state = dict(row)
    state["counts"] = json.loads(state["counts"] or "{}")
    state["settings"] = json.loads(state["settings"] or "{}")
    return state


def begin_import_file_on(conn: Any, sha256: str, *, source_path: str,
                         settings: Mapping[str, Any], run_id: int, started_at: str,
                         resume: bool, mark: str) -> dict[str, Any]:
    """Store.begin_import_file inside the caller's write transaction (either backend)."""
    kept = (("committed_offset", "import_files.committed_offset", "0"),
            ("counts", "import_files.counts", "'{}'"),
            ("stored_path", "import_files.stored_path", "NULL"),
            ("size", "import_files.size", "NULL"))
    again = ", ".join(f"{column} = {old if resume else fresh}" for column, old, fresh in kept)
    conn.execute(
        "INSERT INTO import_files (sha256, source_path, settings, run_id, started_at, status) "
        f"VALUES ({mark}, {mark}, {mark}, {mark}, {mark}, 'in_progress') "
        "ON CONFLICT (sha256) DO UPDATE SET source_path = excluded.source_path, "
        "settings = excluded.settings, run_id = excluded.run_id, "
        "started_at = excluded.started_at, status = 'in_progress', finished_at = NULL, "
        f"error = NULL, {again}",
        (sha256, source_path, dumps(dict(settings)), run_id, started_at))
    row = conn.execute(f"SELECT * FROM import_files WHERE sha256 = {mark}", (sha256,)).fetchone()
    return import_file_of(row)


def set_import_progress_on(conn: Any, sha256: str, *, offset: int, counts: Mapping[str, Any],
                           stored_path: str | None, size: int | None, mark: str) -> int:
    """Store.set_import_progress inside the caller's write transaction; returns rows changed."""
    cur = conn.execute(
        f"UPDATE import_files SET committed_offset = {mark}, counts = {mark}, "
        f"stored_path = COALESCE({mark}, stored_path), size = COALESCE({mark}, size) "
        f"WHERE sha256 = {mark}", (offset, dumps(dict(counts)), stored_path, size, sha256))
    return int(cur.rowcount)


def finish_import_file_on(conn: Any, sha256: str, *, status: str, finished_at: str,
                          counts: Mapping[str, Any], error: str | None, mark: str) -> int:
    """Store.finish_import_file inside the caller's write transaction; returns rows changed."""
    if status not in IMPORT_FILE_STATUSES[1:]:
        raise ValueError(f"finish_import_file status must be one of "
                         f"{IMPORT_FILE_STATUSES[1:]}, not {status!r}")
    cur = conn.execute(
        f"UPDATE import_files SET status = {mark}, finished_at = {mark}, counts = {mark}, "
        f"error = {mark} WHERE sha256 = {mark}",
        (status, finished_at, dumps(dict(counts)), error, sha256))
    return int(cur.rowcount)


# --- article images: the capture that holds each picture's bytes -------------------------------
# A capture that can stand for a picture: a 2xx response declared an image, or a revisit (which
# holds no payload: it is resolved to the response record that does, below).
_IMAGE_RESPONSE = ("c.record_type = 'response' AND c.status BETWEEN 200 AND 299 "
                   "AND substr(lower(c.content_type), 1, 6) = 'image/'")
_IMAGE_CANDIDATE = f"(c.record_type = 'revisit' OR ({_IMAGE_RESPONSE}))"
# (url, at) pairs per statement: two host parameters each, well under SQLite's 999
IMAGE_BATCH = 400


def image_captures_on(conn: Any, wanted: Sequence[tuple[str, str]],
                      mark: str) -> list[dict[str, Any] | None]:
    """Store.image_captures over `conn` (a sqlite3 or psycopg connection, rows by name; `mark`
    its placeholder): standard SQL only, correlated subqueries over a VALUES list, each an
    index probe of captures_url (url, fetched_at)."""
    pairs = list(dict.fromkeys((url, at) for url, at in wanted))
    found: dict[tuple[str, str], dict[str, Any] | None] = {}
    for start in range(0, len(pairs), IMAGE_BATCH):
        found.update(_image_batch(conn, pairs[start:start + IMAGE_BATCH], mark))
    return [found.get((url, at)) for url, at in wanted]


def _values(rows: int, columns: int, mark: str) -> str:
    row = "(" + ", ".join([mark] * columns) + ")"
    return "(VALUES " + ", ".join([row] * rows) + ") AS w"


def _by_id(conn: Any, ids: Iterable[int], mark: str) -> dict[int, dict[str, Any]]:
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    rows = conn.execute(f"SELECT {CAPTURE_COLUMNS} FROM captures WHERE id IN "
                        f"({', '.join([mark] * len(wanted))})", wanted).fetchall()
    return {int(row["id"]): dict(row) for row in rows}


def _seconds(timestamp: str) -> float:
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()


def _image_batch(conn: Any, pairs: list[tuple[str, str]],
                 mark: str) -> dict[tuple[str, str], dict[str, Any] | None]:
    # 1. per (url, at): the nearest candidate at or before `at`, and the nearest after it
    near = conn.execute(
        "SELECT w.column1 AS url, w.column2 AS at, "
        f"(SELECT c.id FROM captures c WHERE c.url = w.column1 AND c.fetched_at <= w.column2 "
        f"AND {_IMAGE_CANDIDATE} ORDER BY c.fetched_at DESC, c.id DESC LIMIT 1) AS before_id, "
        f"(SELECT c.id FROM captures c WHERE c.url = w.column1 AND c.fetched_at > w.column2 "
        f"AND {_IMAGE_CANDIDATE} ORDER BY c.fetched_at, c.id LIMIT 1) AS after_id "
        f"FROM {_values(len(pairs), 2, mark)}",
        [value for pair in pairs for value in pair]).fetchall()
    chosen_ids = {(row["url"], row["at"]): (row["before_id"], row["after_id"]) for row in near}
    rows = _by_id(conn, [i for ids in chosen_ids.values() for i in ids if i is not None], mark)
    chosen: dict[tuple[str, str], dict[str, Any] | None] = {}
    for (url, at), ids in chosen_ids.items():
        candidates = [rows[i] for i in ids if i is not None and i in rows]
        # the nearest in time to the version's capture; a tie goes to the earlier one
        chosen[(url, at)] = min(candidates, key=lambda c: abs(_seconds(c["fetched_at"])
                                                                - _seconds(at)), default=None)
    # 2. a revisit stands for the response of the same URL with its payload digest (what
    # WARC-Refers-To names: the newest such response before it)
    revisits = [c for c in chosen.values() if c is not None and c["record_type"] == "revisit"]
    holders: dict[int, dict[str, Any]] = {}
    if revisits:
        held = conn.execute(
            "SELECT w.column1 AS revisit_id, "
            f"(SELECT c.id FROM captures c WHERE c.url = w.column2 AND c.fetched_at <= w.column3 "
            f"AND c.payload_digest = w.column4 AND {_IMAGE_RESPONSE} "
            "ORDER BY c.fetched_at DESC, c.id DESC LIMIT 1) AS holder_id "
            f"FROM {_values(len(revisits), 4, mark)}",
            [value for c in revisits
             for value in (c["id"], c["url"], c["fetched_at"], c["payload_digest"])]).fetchall()
        holder_rows = _by_id(conn, [r["holder_id"] for r in held if r["holder_id"] is not None],
                             mark)
        holders = {int(r["revisit_id"]): holder_rows[r["holder_id"]] for r in held
                   if r["holder_id"] is not None and r["holder_id"] in holder_rows}
    return {key: (holders.get(c["id"]) if c is not None and c["record_type"] == "revisit"
                  else c) for key, c in chosen.items()}
