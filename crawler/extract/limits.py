"""A bound on the CPU time one page's extraction may use.

A crawl's page worker extracts pages one after the other, so one page on which extraction
takes minutes (a shape some step's work grows quadratically with, benchmarks/hostile_pages.py)
would hold up every page after it. `cpu_time_limit` raises ExtractionTimeout out of the block
once the process has spent that much CPU time in it, with an interval timer on the process's
CPU time (ITIMER_PROF, signal SIGPROF): CPU time, so a loaded machine does not fail pages that
are merely waiting. Signals reach the main thread only; elsewhere, and where the platform has
no interval timers, the block runs unbounded.
"""
from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from .exceptions import ExtractionError, ExtractionTimeout


class _OutOfTime(BaseException):
    """Raised by the timer's handler in whatever code runs. A BaseException, so that no
    `except Exception` on the way (a field reader that keeps the other fields going) swallows
    it; turned into ExtractionTimeout where the block ends."""


@contextmanager
def cpu_time_limit(seconds: float | None) -> Iterator[None]:
    """Raise ExtractionTimeout when the block has used more than `seconds` of the process's
    CPU time (None or 0: no limit). The timer and the previous SIGPROF handler are restored
    when the block ends, however it ends. The process's first limited block warms the
    extractor up first, outside the limit (warm_up)."""
    if not seconds or seconds <= 0 or not hasattr(signal, "setitimer") \
            or threading.current_thread() is not threading.main_thread():
        yield
        return
    warm_up()
    armed = True

    def out_of_time(signum: int, frame: object) -> None:
        if armed:   # the timer may fire as the block ends: then it has not run out
            raise _OutOfTime()

    previous = signal.signal(signal.SIGPROF, out_of_time)
    signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield
        armed = False
    except _OutOfTime as stop:
        # its traceback holds the interrupted frames and so the page's tree: let them go now,
        # within this block, not in a garbage collection during the next page's
        stop.__traceback__ = None
        raise ExtractionTimeout(f"extraction used more than {seconds:g} s of CPU time "
                                "(NEWS_EXTRACT_CPU_LIMIT)") from None
    finally:
        armed = False
        signal.setitimer(signal.ITIMER_PROF, 0)
        # None: the handler before was not set from Python (it cannot be set back from here)
        signal.signal(signal.SIGPROF, previous if previous is not None else signal.SIG_DFL)


# A small article: extracting it runs the imports and builds the expressions of every part of
# the extractor (warm_up)
_WARM_UP_PAGE = ("<html lang=en><head><title>Warm-up | Example</title></head><body><article>"
                 "<h1>Warm-up page</h1><p class=byline>By Jane Roe | 1 March 2026</p>"
                 "<figure><img src=/a.jpg><figcaption>A picture [Jane Roe]</figcaption></figure>"
                 + "<p>The council voted on Tuesday to expand the night bus network.</p>" * 5
                 + "</article></body></html>")
_warm = False


def warm_up() -> None:
    """Extract a small page, once per process (cpu_time_limit calls it): the extractor's
    first page pays for importing its modules and building its expressions (~0.2 s of CPU),
    which must not count against that page's limit (and an import cut short by the limit
    would be paid again)."""
    global _warm
    if _warm:
        return
    _warm = True
    from . import extract_page

    try:
        extract_page(_WARM_UP_PAGE, "https://example.com/news/warm-up")
    except ExtractionError:
        pass
