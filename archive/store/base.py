"""The records store interface. SQLite (default) and, later, PostgreSQL implement it and run
the same tests. Callers never write SQL; they call these methods."""
from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Any

from archive import stemming, stories
from archive.records import Capture, StoreResult
from archive.store.content import content_hash


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """What storing an article works out from its fields alone (Store.prepare_article): the
    content hash and the body's story signature. A crawl's page worker prepares a batch's
    articles before the batch's write transaction, so that none of this work (~1 ms per
    article) runs while the write lock is held."""

    fields: Mapping[str, Any]   # the very dict it was made from: store_article checks `is`
    digest: str
    signature: stories.Signature | None
    # False: the signature was not computed, because the content is stored already (most
    # likely an unchanged page; store_article computes it if a new version needs it after all)
    signed: bool
    # the body's search stems (stemming.stems), when prepared without the store
    # (prepare_fields): the SQLite store hands them to its search trigger
    stems: str | None = None


def prepare_fields(fields: Mapping[str, Any]) -> PreparedArticle:
    """Store.prepare_article's work in a process that has no store (an import's extraction
    worker), so that the one process writing to the store does not do it: the content hash,
    the body's story signature and its search stems, from one fold and split of the body.
    Always signed: without the store nobody can tell that the content is stored already."""
    digest = content_hash(dict(fields))
    words, body_stems = stemming.words_and_stems(fields.get("body") or "", fields.get("language"))
    return PreparedArticle(fields, digest, stories.signature_of(words), signed=True,
                           stems=body_stems or None)


class Store(abc.ABC):
    """Captures, articles, versions and crawl runs.

    Article field dicts are `Article.to_record()` output: the export fields (url, canonical_url,
    site, language, section, title, dek, authors, published, modified, body, images, tags) plus
    body_blocks and word_count.
    """

    _stories = False   # whether the schema has story clusters: each store says so at open

    @abc.abstractmethod
    def batch(self) -> AbstractContextManager[None]:
        """A context: the writes made inside it form one transaction, committed when it ends
        (rolled back if it raises). Each write still succeeds or fails on its own: a failed
        write undoes itself only. A crawl's page worker stores each batch of pages this way."""

    # --- crawl runs -------------------------------------------------------------------------
    @abc.abstractmethod
    def begin_run(self, site: str, *, started_at: str, settings: dict[str, Any]) -> int:
        """Create a crawl-run row (status "running") and return its id."""

    @abc.abstractmethod
    def finish_run(self, run_id: int, *, finished_at: str, status: str, exit_code: int,
                   summary: dict[str, Any], health: str | None = None) -> None:
        """Close a run: status ("ok", "partial", "failed", "unhealthy", "interrupted"), exit
        code, summary,
        and a one-line health verdict when the run is not healthy."""

    @abc.abstractmethod
    def interrupt_stale_runs(self, site: str, *, finished_at: str) -> list[int]:
        """Mark runs of `site` still "running" as "interrupted" (call while holding the site
        lock); return their ids."""

    @abc.abstractmethod
    def drop_captures_beyond(self, warc_file: str, size: int) -> int:
        """Forget captures whose record lies past `size` bytes of `warc_file` (after a repair)."""

    @abc.abstractmethod
    def get_run(self, run_id: int) -> dict[str, Any] | None: ...

    @abc.abstractmethod
    def list_runs(self, site: str | None = None, *, limit: int = 20) -> list[dict[str, Any]]: ...

    # --- backlog (URLs a budget-stopped run left; crawler/backlog.py) ------------------------
    @abc.abstractmethod
    def add_backlog(self, site: str, entries: Iterable[tuple[str, Mapping[str, Any]]], *,
                    run_id: int | None, added_at: str) -> int:
        """Remember URLs of `site` a run discovered but did not fetch, each with how to request
        it again ({callback, cb_kwargs, article}). A URL already waiting keeps its age. Returns
        how many were new."""

    @abc.abstractmethod
    def remove_backlog(self, site: str, urls: Iterable[str]) -> int:
        """Forget these URLs of `site` (a run fetched them, whatever the outcome); returns how
        many were waiting."""

    @abc.abstractmethod
    def backlog(self, site: str, *, limit: int | None = None) -> list[dict[str, Any]]:
        """The URLs waiting for `site`, oldest first: {id, url, request, added_at, run_id}."""

    @abc.abstractmethod
    def backlog_counts(self, site: str | None = None) -> dict[str, int]:
        """How many URLs wait, per site (sites with none are left out)."""

    # --- imported files (`newsarchive import-warc`, crawler/importer.py) ----------------------
    @abc.abstractmethod
    def import_file(self, sha256: str) -> dict[str, Any] | None:
        """The import state of the source file whose bytes hash to `sha256`: {sha256,
        source_path, stored_path (relative to warcs/), size, status ("in_progress", "done",
        "failed"), committed_offset, counts, settings, run_id, started_at, finished_at,
        error}; None for a file never imported."""

    @abc.abstractmethod
    def begin_import_file(self, sha256: str, *, source_path: str, settings: Mapping[str, Any],
                          run_id: int, started_at: str, resume: bool) -> dict[str, Any]:
        """Mark a file in progress under `run_id` and return its state. `resume` keeps the
        committed offset, counts and stored copy of an earlier unfinished import (it goes on
        where that one stopped); otherwise the file starts again at offset 0."""

    @abc.abstractmethod
    def set_import_progress(self, sha256: str, *, offset: int, counts: Mapping[str, Any],
                            stored_path: str | None = None, size: int | None = None) -> None:
        """Everything before `offset` of the file's stored copy is stored. Called inside the
        batch() that stored those records, so the offset commits with them or not at all."""

    @abc.abstractmethod
    def finish_import_file(self, sha256: str, *, status: str, finished_at: str,
                           counts: Mapping[str, Any], error: str | None = None) -> None:
        """Close a file's import: "done" (a rerun skips it) or "failed" (a rerun tries again);
        `error` says what went wrong (a done file may have left corrupt records out)."""

    # --- captures ---------------------------------------------------------------------------
    @abc.abstractmethod
    def add_capture(self, capture: Capture) -> int:
        """Record one fetch (article or not) and return its id."""

    def add_captures(self, captures: Sequence[Capture]) -> list[int]:
        """Record several fetches and return their ids, in order (each as add_capture would).
        A store that can insert them in one statement does (PostgreSQL: one round trip)."""
        return [self.add_capture(capture) for capture in captures]

    @abc.abstractmethod
    def classify_capture(self, capture_id: int, *, page_kind: str, reason: str | None = None) -> None:
        """Say what a capture turned out to be (listing, non-article with a reason, error...)."""

    @abc.abstractmethod
    def find_capture(self, record_id: str) -> dict[str, Any] | None:
        """The capture whose WARC record id is `record_id`."""

    @abc.abstractmethod
    def captures_for_run(self, run_id: int, *,
                         page_kind: str | None = None) -> list[dict[str, Any]]:
        """A run's captures in insertion order (optionally of one page_kind): the run summary
        and `newsarchive runs show` read them."""

    @abc.abstractmethod
    def last_capture(self, url: str, *,
                     payload_digest: str | None = None) -> dict[str, Any] | None:
        """The newest *response* capture of `url` (with that payload digest, if given): what a
        WARC revisit record refers to (WARC-Refers-To) when a re-crawl fetches the same bytes."""

    def last_captures(self, wanted: Sequence[tuple[str, str | None]]
                      ) -> list[dict[str, Any] | None]:
        """last_capture(url, payload_digest=digest) for each (url, digest) of `wanted`, in order.
        A store that can answer them in one query does (PostgreSQL: one round trip)."""
        return [self.last_capture(url, payload_digest=digest) for url, digest in wanted]

    @abc.abstractmethod
    def image_captures(self, wanted: Sequence[tuple[str, str]]) -> list[dict[str, Any] | None]:
        """For each (url, at) of `wanted`: the capture that holds the bytes of the picture at
        `url` (an `images[].src`, which is the URL the crawl's requisite scan fetched), nearest
        in time to `at` (ISO 8601 UTC: the capture time of the version that names it), or None
        when the archive holds none. Counted are 2xx responses declaring an image type and
        revisit records; a revisit resolves to the response record it stands for (same URL and
        payload digest, the newest before it), which is what is returned. A capture dict as
        `find_capture` returns it; answers come in the order asked, in few statements."""

    # --- articles ---------------------------------------------------------------------------
    def prepare_article(self, fields: Mapping[str, Any]) -> PreparedArticle:
        """The work of store_article(fields) that needs no transaction; pass the result as
        store_article's `prepared` with the same, unchanged `fields`."""
        digest = content_hash(dict(fields))
        if not self._stories:
            return PreparedArticle(fields, digest, None, signed=True)
        if self._content_stored(digest):
            return PreparedArticle(fields, digest, None, signed=False)
        body = fields.get("body") or ""
        words = self._body_words(body, fields.get("language"))
        return PreparedArticle(fields, digest, stories.signature_of(words), signed=True)

    def _prepared(self, fields: Mapping[str, Any],
                  prepared: PreparedArticle | None) -> PreparedArticle:
        """`prepared` if it was made from these fields, else prepared now."""
        if prepared is not None and prepared.fields is fields:
            return prepared
        return self.prepare_article(fields)

    @staticmethod
    def _signature(prepared: PreparedArticle) -> stories.Signature | None:
        """The signature of a version about to be stored."""
        if prepared.signed:
            return prepared.signature
        return stories.signature(prepared.fields.get("body"))

    def _content_stored(self, digest: str) -> bool:
        """Whether some version has this content hash: a hint that lets prepare_article skip
        the signature of an unchanged page. A store for which the question costs a round trip
        answers False (the signature is then computed for every article)."""
        return False

    def _body_words(self, body: str, language: str | None) -> list[str]:
        """The body's folded words (archive.stemming.folded_words), which its signature
        shingles."""
        return stemming.folded_words(body)

    @abc.abstractmethod
    def store_article(self, capture_id: int, fields: dict[str, Any], *, run_id: int,
                      extractor_version: str, fetched_urls: Sequence[str] = (),
                      alternate: bool = False,
                      prepared: PreparedArticle | None = None) -> StoreResult:
        """Deduplicate and store one extracted article.

        Identity is fields["canonical_url"]; the content hash covers every field except the
        URLs. Outcomes: new (first version), unchanged (same hash as the current version; the
        capture is linked to it), updated (new version, the old stays readable), duplicate
        (same content as another article, or a URL of an article already stored in this run:
        linked, not stored twice), republished (a new URL whose body is a near-duplicate of an
        article of the same site: stored as an article of its own in that article's story, not
        counted as new). Every new version gets a story (archive/store/clusters.py). `fetched_urls` (the fetched URL and any redirect sources)
        are remembered as aliases of the article. `alternate` says the page was fetched under
        a variant URL (print, AMP, tracking parameters): when the article exists, such a page
        never makes a new version (outcome duplicate, reason "alternate-url"). `prepared`:
        prepare_article(fields), made before the caller's batch() began.
        """

    @abc.abstractmethod
    def reindex_search(self) -> int:
        """Rebuild the full-text index from the current version of every article, in one
        transaction (`newsarchive reindex`); returns how many articles it indexed."""

    @abc.abstractmethod
    def reindex_stories(self) -> int:
        """Recompute every version's MinHash signature and story, oldest article first, as
        ingest assigns them (`newsarchive reindex`; after an upgrade from a schema without
        stories), in one transaction; returns how many versions it assigned."""

    @abc.abstractmethod
    def story(self, article_id: int) -> dict[str, Any] | None:
        """The story of an article's current version: {story_id, members}, members being every
        article in it (this one too), earliest first seen first: {article_id, site,
        canonical_url, first_seen, title, language, similarity} (similarity to this article,
        None when either body was too short to compare). None for an unknown article."""

    @abc.abstractmethod
    def hold_versions(self, run_id: int, fields: Sequence[str]) -> int:
        """A run whose extraction broke for `fields` (crawler/health.py) must not replace what
        the archive holds: every version it stored as an article's current version that lost
        any of those fields (rows.lost_fields) hands the place back to the version before it,
        and stays in the article's history as a held newer version. A re-extraction
        (`reextract`) or a later healthy run settles it. Returns how many were held."""

    @abc.abstractmethod
    def mark_unchanged(self, capture_id: int, url: str, *, run_id: int) -> StoreResult | None:
        """Link a 304 (not modified) capture of `url` to its article's current version."""

    @abc.abstractmethod
    def add_alias(self, url: str, of_url: str, *, capture_id: int | None = None) -> int | None:
        """Remember `url` (e.g. a redirect source) as another URL of the article that `of_url`
        belongs to; returns that article's id, or None when `of_url` is no known article."""

    @abc.abstractmethod
    def get_article(self, id_or_url: int | str) -> dict[str, Any] | None:
        """An article with its current fields, by id, canonical URL or any alias URL."""

    @abc.abstractmethod
    def versions(self, article_id: int) -> list[dict[str, Any]]:
        """Every version of an article, oldest first, each with its fields and capture."""

    @abc.abstractmethod
    def iter_articles(self) -> Iterator[dict[str, Any]]:
        """Current version of every (non-duplicate) article: export fields + "story_id" +
        "capture" dict {warc_file, offset, length, record_id, fetched_at, payload_digest} + "id"."""

    @abc.abstractmethod
    def article_seen(self, url: str) -> dict[str, Any] | None:
        """Whether a URL (canonical or alias) is a known article, for incremental crawls:
        {article_id, canonical_url, first_seen, last_seen, content_hash, versions_count,
        last_capture (capture dict of its newest capture, or None)}; None when unknown."""

    def articles_seen(self, urls: Sequence[str]) -> list[dict[str, Any] | None]:
        """article_seen of each URL, in order. A store that can answer them in few queries
        does (PostgreSQL: one, two when some are known): a shared crawl asks for all the
        requests one response yielded at once (crawler/frontier.py)."""
        return [self.article_seen(url) for url in urls]

    @abc.abstractmethod
    def counts(self) -> dict[str, int]:
        """Row counts: articles, versions, captures, runs."""

    # --- reading room and maintenance (show, export, reextract) -------------------------------
    @abc.abstractmethod
    def captures_for_article(self, article_id: int) -> list[dict[str, Any]]:
        """Every capture linked to an article (its pages, print/tracking variants, re-fetches),
        oldest first, with WARC provenance: `newsarchive show` lists them."""

    @abc.abstractmethod
    def article_urls(self, article_id: int) -> list[dict[str, Any]]:
        """The URLs known for an article: {url, kind ("canonical", "fetched", "duplicate"),
        added_at}, in the order they were learnt."""

    @abc.abstractmethod
    def iter_versions(self, *, article_ids: Sequence[int] | None = None,
                      current_only: bool = False) -> Iterator[dict[str, Any]]:
        """Versions as `versions()` shapes them (fields + body_blocks, word_count, article_id,
        version_id, version_no, content_hash, extractor_version, created_at, run_id, story_id,
        capture),
        by article id then version number; only these articles / only current versions when
        asked. Exports read this."""

    @abc.abstractmethod
    def reextract_candidates(self, *, sites: Sequence[str] | None = None) -> list[dict[str, Any]]:
        """Captures worth extracting again from their WARC record, oldest first: 200 responses
        that failed extraction or validation, and article pages fetched at or after the one
        that made their article's current version (re-extracting older pages would bring back
        superseded content as a new version). Each is a capture dict plus `run_site` (the site
        of the run that fetched it); `sites` keeps captures of runs of these sites."""

    @abc.abstractmethod
    def close(self) -> None: ...

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
