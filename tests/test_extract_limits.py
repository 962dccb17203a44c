"""A page whose extraction uses more CPU time than NEWS_EXTRACT_CPU_LIMIT fails on its own: it
is recorded as an extraction failure ("too_slow") with a one-line reason, its bytes stay in a
valid WARC, and every other page of the crawl is stored. The limit itself: it fires on CPU time
spent in its block, is not swallowed by the extractor's own `except Exception`, and leaves the
process's timer and SIGPROF handler as it found them."""
from __future__ import annotations

import signal
import sqlite3
import threading
from pathlib import Path

import pytest

from archive.store import open_store
from crawler.extract.exceptions import ExtractionTimeout
from crawler.extract.limits import cpu_time_limit
from crawler.pipelines.pages import PageProcessor, WorkerSetup
from newsarchive import demosite

from .conftest import export_rows, run_cli, serve_pages, warcio_check
from .test_page_batches import BASE, _capture, job


def _busy(seconds: float) -> None:
    """Spend about `seconds` of this process's CPU time."""
    import time

    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


def test_the_limit_raises_once_the_block_has_used_its_cpu_time() -> None:
    with pytest.raises(ExtractionTimeout) as raised:
        with cpu_time_limit(0.05):
            _busy(5)
    assert raised.value.reason == "too_slow"
    assert "0.05 s of CPU time" in raised.value.message
    # the timer is off and the handler is the one before
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGPROF) in (signal.SIG_DFL, None)


def test_a_block_within_its_limit_runs_to_the_end_and_leaves_no_timer() -> None:
    with cpu_time_limit(5):
        _busy(0.02)
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_an_except_exception_inside_the_block_does_not_swallow_the_limit() -> None:
    """The metadata readers keep the other fields going with `except Exception`: the limit
    still ends the block."""
    swallowed = 0
    with pytest.raises(ExtractionTimeout):
        with cpu_time_limit(0.05):
            for _ in range(100):
                try:
                    _busy(0.05)
                except Exception:  # noqa: BLE001 - what a field reader does
                    swallowed += 1
    assert swallowed == 0


@pytest.mark.parametrize("seconds", [None, 0])
def test_no_limit_when_none_is_set(seconds: float | None) -> None:
    with cpu_time_limit(seconds):
        _busy(0.1)
    assert signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0)


def test_outside_the_main_thread_the_block_runs_unbounded() -> None:
    """Signals reach the main thread only: elsewhere no timer is set (nor could one end it)."""
    finished: list[bool] = []

    def run() -> None:
        with cpu_time_limit(0.01):
            _busy(0.1)
        finished.append(signal.getitimer(signal.ITIMER_PROF) == (0.0, 0.0))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    assert finished == [True]


# A page large in a way that takes any extractor time: 40,000 distinct paragraphs (~8 MB), about
# 1.5 s of CPU, against a limit of 0.5 s, which a real article (milliseconds) and a garbage
# collection in a big process (up to ~0.1 s, counted to whichever page sets it off) stay under.
LIMIT = 0.5


def big_page() -> str:
    paragraphs = "".join(f"<p>Paragraph {i} of a page that never ends, with words {i * 7} and {i * 13}.</p>"
                         for i in range(40000))
    return (f"<html lang=en><head><title>A very long page</title></head><body><article>"
            f"<h1>A very long page</h1>{paragraphs}</article></body></html>")


def test_a_page_past_the_limit_fails_alone_and_the_batch_is_stored(tmp_path: Path) -> None:
    site = demosite.DemoSite(seed=0)
    articles = site.article_urls(BASE)[:2]
    store = open_store(tmp_path)
    run_id = store.begin_run("demo", started_at="2026-12-07T01:00:00Z", settings={})
    captures = [_capture(store, run_id, url, n) for n, url in enumerate([*articles, f"{BASE}/big"], 1)]
    bodies = [site.handle("GET", url[len(BASE):], {}, BASE).body for url in articles]
    jobs = [job(articles[0], captures[0], bodies[0]),
            job(f"{BASE}/big", captures[2], big_page().encode()),
            job(articles[1], captures[1], bodies[1])]
    processor = PageProcessor(WorkerSetup(profile=None, min_words=40, archive_dir=str(tmp_path),
                                          run_id=run_id, cpu_limit=LIMIT))
    try:
        first, big, last = processor.process_batch(jobs)
    finally:
        processor.close()
    assert (first.outcome, last.outcome) == ("new", "new")
    assert big.failed == "too_slow" and big.stored and big.error is None
    assert big.rejected == ("error", "extraction failed (too_slow): extraction used more than "
                                     "0.5 s of CPU time (NEWS_EXTRACT_CPU_LIMIT)")
    store.close()


STORY = ("<html lang=en><head><title>{title} | Example News</title></head><body><article>"
         "<h1>{title}</h1><p class=byline>By Jane Roe | 4 December 2026</p>"
         + "".join(f"<p>The council voted on Tuesday to expand the night bus network, adding route {i} "
                   "that will run until 3 a.m. on weekdays.</p>" for i in range(8))
         + "</article></body></html>")


def test_a_crawl_records_a_page_past_the_limit_and_stores_every_other(tmp_path: Path) -> None:
    """The real CLI, its page worker in its own process: the big page's capture is an error
    whose reason says what happened, the summary counts it, the other articles are stored and
    the WARC (which holds the big page's bytes) is valid."""
    pages = {"/": "<html><body><h1>Example News</h1><ul>"
                  + "".join(f'<li><a href="{p}">{p}</a></li>' for p in ("/news/1", "/news/2", "/news/big"))
                  + "</ul></body></html>",
             "/news/1": STORY.format(title="Night buses to run until 3 a.m."),
             "/news/2": STORY.format(title="Council approves the new bus routes"),
             "/news/big": big_page()}
    archive = tmp_path / "archive"
    with serve_pages(pages) as (base, _served):
        result = run_cli("crawl", base + "/", "--archive", str(archive),
                         "--set", f"NEWS_EXTRACT_CPU_LIMIT={LIMIT}", "--set", "AUTOTHROTTLE_ENABLED=False",
                         "--set", "DOWNLOAD_TIMEOUT=10")
    output = result.stdout + result.stderr
    assert "Traceback" not in output
    assert {row["url"] for row in export_rows(archive)} == {base + "/news/1", base + "/news/2"}
    with sqlite3.connect(f"file:{archive / 'records.sqlite3'}?mode=ro", uri=True) as conn:
        kind, reason = conn.execute("SELECT page_kind, reason FROM captures WHERE url = ?",
                                    (base + "/news/big",)).fetchone()
    assert kind == "error"
    assert reason.startswith("extraction failed (too_slow): extraction used more than 0.5 s of CPU time")
    assert "extraction_too_slow" in output
    warcio_check(sorted((archive / "warcs").rglob("*.warc.gz")))


def test_reextract_and_imports_give_up_a_page_past_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    """extract_job (reextract's and import-warc's extraction) applies NEWS_EXTRACT_CPU_LIMIT too:
    the page is an error with the crawl's wording, and the next page is extracted."""
    from archive.records import WarcRef
    from crawler import settings
    from crawler.reextract import PageJob, extract_job

    monkeypatch.setattr(settings, "NEWS_EXTRACT_CPU_LIMIT", LIMIT)
    headers = [("Content-Type", "text/html; charset=utf-8")]

    def page_job(n: int, body: str) -> PageJob:
        return PageJob(n, f"http://127.0.0.1:8000/news/{n}", WarcRef("none.warc.gz", 0, 0, f"<urn:uuid:{n}>"),
                       "", "2026-12-07T01:00:00Z", http=(200, headers, body.encode()))

    big = extract_job(page_job(1, big_page()))
    assert (big.kind, big.error_key) == ("error", "extraction_too_slow")
    assert big.reason == "extraction failed (too_slow): extraction used more than 0.5 s of CPU time " \
                         "(NEWS_EXTRACT_CPU_LIMIT)"
    story = extract_job(page_job(2, STORY.format(title="Night buses to run until 3 a.m.")))
    assert story.kind is None and story.record is not None
    assert story.record["title"] == "Night buses to run until 3 a.m."
