"""What happens to one fetched article candidate after its WARC records are written: decode it,
extract it, decide whether it is an article, and store the outcome.

ExtractPipeline runs this in a worker process beside the crawl (or in the crawl's own process
when NEWS_EXTRACT_WORKERS is 0). It is the heaviest per-page work of a crawl, and none of it
needs Scrapy's engine, so doing all of it in the worker leaves the crawl's reactor thread free to
fetch: the page crosses the process boundary once, and only a few words come back. Pages come in
batches; their outcomes are stored in one transaction after the whole batch is extracted, so the
store's write lock is never held during extraction.
"""
from __future__ import annotations

import traceback
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

from archive.store import Store, open_store
from crawler.extract import EXTRACTOR_VERSION, Article, ExtractionError, PageSignals, extract_page
from crawler.extract.classify import declares_article
from crawler.extract.html import decode_html
from crawler.extract.limits import cpu_time_limit
from crawler.extract.urls import normalize_url
from crawler.pipelines.validate import verdict


@dataclass(frozen=True, slots=True)
class WorkerSetup:
    """What every page of a run shares (sent to a worker process once)."""

    profile: Any                     # crawler.profiles.SiteProfile or None
    min_words: int
    archive_dir: str | None          # None: extract and decide, store nothing
    run_id: int
    db: str | None = None            # NEWS_DB_URL: the records database when not the SQLite file
    cpu_limit: float | None = None   # NEWS_EXTRACT_CPU_LIMIT: CPU seconds one page may take


@dataclass(frozen=True, slots=True)
class PageJob:
    url: str
    body: bytes
    is_text: bool                    # Scrapy saw text: decode as a browser would
    content_type: str | None
    capture_id: int | None           # captures row of this fetch (None: not archived)
    fetched_urls: tuple[str, ...]    # this URL, then the redirect chain that led to it


@dataclass(slots=True)
class PageOutcome:
    filled: tuple[str, ...] = ()     # tracked fields extraction filled (for health checks)
    failed: str | None = None        # ExtractionError.reason when extraction failed
    rejected: tuple[str, str] | None = None   # (page_kind, reason) when not an article
    outcome: str | None = None       # the store's dedup decision, when stored
    stored: bool = False             # the store holds this page's outcome (version or kind)
    error: str | None = None         # an unexpected error on this page (one line), nothing stored
    # counted as an article candidate in the fill rates health checks compare (see candidate())
    candidate: bool = True


def decode_page(job: PageJob) -> str | bytes:
    """The page as text, decoded as a browser would (BOM, HTTP charset, meta declaration, each
    checked against the bytes, then detection: crawler.extract.html.decode_html); bytes for
    non-text responses and for payloads that are not HTML (extract() then says what they are)."""
    if not job.is_text:
        return job.body
    try:
        return decode_html(job.body, content_type=job.content_type)
    except ExtractionError:
        return job.body


def filled_fields(article: Article, *, min_words: int) -> tuple[str, ...]:
    """Which tracked fields extraction filled on a candidate page. The per-run rates (over
    every article candidate, articles or not) are what health checks compare across runs:
    when a layout change breaks extraction, candidates stop validating as articles."""
    filled = []
    if article.title:
        filled.append("title")
    if article.authors:
        filled.append("authors")
    if article.published:
        filled.append("published")
    if article.word_count >= min_words:
        filled.append("body")
    if any(image.caption for image in article.images):
        filled.append("captions")
    if article.section:
        filled.append("section")
    return tuple(filled)


def candidate(signals: PageSignals, *, profiled: bool) -> bool:
    """Whether a page that is not an article still counts as an article candidate.

    With a profile, every page matching its article pattern does: when many of them stop
    being articles, the site's layout changed, and the fill rates say so. Without one, every
    page of the site is extracted, and section fronts, tag pages or "About us" are no broken
    articles: only a page that declares itself an article (schema.org type, og:type) and fails
    counts, so a layout change still shows, and the utility pages do not drown it."""
    return profiled or declares_article(signals)


class PageProcessor:
    """Decode, extract, validate and store pages of one run (one store connection, opened on
    first use in the process that runs it)."""

    def __init__(self, setup: WorkerSetup) -> None:
        self.setup = setup
        self._store: Store | None = None

    @property
    def store(self) -> Store | None:
        if self._store is None and self.setup.archive_dir:
            self._store = open_store(self.setup.archive_dir, db=self.setup.db)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

    def process(self, job: PageJob) -> PageOutcome:
        return self.process_batch([job])[0]

    def process_batch(self, jobs: list[PageJob], *,
                      turn: Callable[[], AbstractContextManager[None]] | None = None
                      ) -> list[PageOutcome]:
        """Extract every page of the batch, then store their outcomes in one transaction (the
        store's write lock is held for the writes only). An unexpected error fails its own page
        (PageOutcome.error) and nothing else: each write is its own savepoint. `turn`: entered
        around the writes, so that batches extracted side by side are stored in the order they
        were sent (StoreTurns)."""
        examined = [self._examine(job) for job in jobs]
        writes = [(outcome, write) for outcome, write in examined if write is not None]
        with turn() if turn is not None else nullcontext():
            store = self.store
            if writes and store is not None:
                with store.batch():
                    for outcome, write in writes:
                        try:
                            write(store)
                        except Exception as error:  # noqa: BLE001 -- reported on this page only
                            outcome.error = _one_line(error)  # the write set nothing before failing
        return [outcome for outcome, _ in examined]

    def _examine(self, job: PageJob) -> tuple[PageOutcome, Callable[[Store], None] | None]:
        """(outcome, the store write that records it, or None when nothing is stored)."""
        try:
            return self._decide(job)
        except Exception as error:  # noqa: BLE001 -- a bug on one page must not lose the batch
            return PageOutcome(error=_one_line(error)), None

    def _decide(self, job: PageJob) -> tuple[PageOutcome, Callable[[Store], None] | None]:
        setup = self.setup
        try:
            with cpu_time_limit(setup.cpu_limit):
                article, signals = extract_page(decode_page(job), job.url, profile=setup.profile)
        except ExtractionError as error:
            return self._reject(job, PageOutcome(
                failed=error.reason,
                rejected=("error", f"extraction failed ({error.reason}): {error.message}")))
        filled = filled_fields(article, min_words=setup.min_words)
        rejected = verdict(article, signals, min_words=setup.min_words)
        if rejected:  # a listing or another non-article page, by its content (not its URL)
            return self._reject(job, PageOutcome(
                filled=filled, rejected=rejected,
                candidate=candidate(signals, profiled=setup.profile is not None)))
        outcome = PageOutcome(filled=filled)
        if not setup.archive_dir or job.capture_id is None:
            return outcome, None  # no archive or no capture: nothing to store
        capture_id = job.capture_id
        record = article.to_record()
        alternate = normalize_url(job.url) != record["canonical_url"]
        # content hash and story signature now, not in the batch's transaction
        store = self.store
        prepared = store.prepare_article(record) if store is not None else None

        def write(store: Store) -> None:
            result = store.store_article(
                capture_id, record, run_id=setup.run_id, extractor_version=EXTRACTOR_VERSION,
                fetched_urls=list(job.fetched_urls), alternate=alternate, prepared=prepared)
            outcome.outcome, outcome.stored = result.outcome, True
        return outcome, write

    def _reject(self, job: PageJob,
                outcome: PageOutcome) -> tuple[PageOutcome, Callable[[Store], None] | None]:
        if not self.setup.archive_dir or job.capture_id is None or outcome.rejected is None:
            return outcome, None
        capture_id = job.capture_id
        kind, reason = outcome.rejected

        def write(store: Store) -> None:
            store.classify_capture(capture_id, page_kind=kind, reason=reason)
            outcome.stored = True
        return outcome, write


def _one_line(error: BaseException) -> str:
    where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
    place = f" (at {where.filename.rsplit('/', 1)[-1]}:{where.lineno})" if where else ""
    return f"{type(error).__name__}: {error}{place}".replace("\n", " ")


class StoreTurns:
    """Several page workers extract batches side by side, but store them in the order the crawl
    sent them: what a store decides depends on what it stored before (the first page of an
    article makes its first version; a print or AMP copy stored after it is an alias, before
    it the article's first version), and pages reach the crawl in the order they were found.
    Batch `n` waits until batch `n - 1` is stored. Made by the crawl's process for each pool of
    workers (the counter lives in shared memory), numbered from 0 in the order sent. The
    workers take batches from one queue in that order, so an earlier batch is always being
    worked on when a later one waits for it."""

    def __init__(self, context: Any) -> None:
        self._changed = context.Condition()
        self._next = context.Value("q", 0, lock=False)  # guarded by _changed

    @contextmanager
    def turn(self, number: int, timeout: float | None = None) -> Iterator[None]:
        """Held while batch `number` is stored. `timeout`: seconds to wait for the turn before
        TimeoutError (None: as long as the batches before it take)."""
        with self._changed:
            if not self._changed.wait_for(lambda: self._next.value >= number, timeout):
                raise TimeoutError(f"batch {number} waited {timeout} s for batch "
                                   f"{self._next.value} to be stored")
        try:
            yield
        finally:
            self.done(number)

    def done(self, number: int) -> None:
        """Batch `number` is stored, or will store nothing (an error before its writes): the
        next batch's turn. Waits for its own turn first, so no earlier batch is skipped."""
        with self._changed:
            while self._next.value < number:
                self._changed.wait()
            if self._next.value == number:
                self._next.value = number + 1
                self._changed.notify_all()


# --- in a worker process ----------------------------------------------------------------------
_processor: PageProcessor | None = None
_turns: StoreTurns | None = None


def start_worker(setup: WorkerSetup, turns: StoreTurns | None = None) -> None:
    global _processor, _turns
    _processor, _turns = PageProcessor(setup), turns


def process_batch_in_worker(jobs: list[PageJob], number: int | None = None) -> list[PageOutcome]:
    """process_batch in a worker; `number`: the batch's place in the order the crawl sent it
    (StoreTurns), when several workers share the work."""
    assert _processor is not None, "start_worker() did not run in this process"
    turns = _turns
    if number is None or turns is None:
        return _processor.process_batch(jobs)
    try:
        return _processor.process_batch(jobs, turn=lambda: turns.turn(number))
    finally:
        turns.done(number)  # no-op once stored; else the batches after it would wait forever
