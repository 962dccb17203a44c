"""Is a crawl run healthy? Pure checks on a run summary and the site's recent runs.

A scheduled crawl must be loud when the site broke or extraction stopped working: no article
found at all, a site answering mostly errors, or a field extraction used to fill on nearly every
article page and now mostly misses (a layout change).
"""
from __future__ import annotations

from statistics import median
from typing import Any

# A field "used to work" when its median fill rate over recent healthy runs reaches this...
BASELINE_MIN = 0.9
# ...and "broke" when this run's rate falls under this.
BROKEN_BELOW = 0.8
# Without history (a first crawl), the body must still be found on most article pages.
FIRST_RUN_BODY_MIN = 0.5
# Fill rates are only judged over enough article pages to mean something.
MIN_CANDIDATES = 5
ERROR_SHARE_MAX = 0.5
HISTORY_RUNS = 5
HEALTH_FIELDS = ("body", "title", "published", "authors", "captions", "section")


def assess(summary: dict[str, Any], history: list[dict[str, Any]]) -> str | None:
    """One line saying why the run is unhealthy, or None when it is healthy.

    `history`: summaries of the site's recent healthy runs, newest first.
    """
    requested = summary.get("requests", summary.get("pages_fetched", 0))
    failed = summary.get("failed_requests", 0)
    if requested and failed / requested > ERROR_SHARE_MAX:
        kinds = ", ".join(f"{k} x{v}" for k, v in summary.get("errors", {}).items())
        return f"site answered mostly errors: {failed} of {requested} requests failed ({kinds})"
    if summary.get("articles_discovered", 0) == 0:
        return "no articles found on the site's listing pages, feeds or sitemaps"
    candidates = summary.get("candidates", 0)
    rates = summary.get("field_fill_rates", {})
    if candidates < MIN_CANDIDATES:
        return None
    judged = _judged(history)
    if not judged:
        body = rates.get("body", 0.0)
        if body < FIRST_RUN_BODY_MIN:
            return f"body found on only {body:.0%} of {candidates} article pages"
        return None
    for name, baseline, now in _broken(summary, judged):
        return (f"{name} found on {now:.0%} of {candidates} article pages (was {baseline:.0%} "
                f"in recent runs): the site's layout may have changed")
    return None


def broken_fields(summary: dict[str, Any], history: list[dict[str, Any]]) -> list[str]:
    """The fields this run's extraction lost (filled on >= BASELINE_MIN of the article pages of
    recent healthy runs, on < BROKEN_BELOW now): what its new versions must not overwrite."""
    if summary.get("candidates", 0) < MIN_CANDIDATES:
        return []
    return [name for name, _, _ in _broken(summary, _judged(history))]


def _judged(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [run for run in history[:HISTORY_RUNS] if run.get("candidates", 0) >= MIN_CANDIDATES]


def _broken(summary: dict[str, Any], judged: list[dict[str, Any]]) -> list[tuple[str, float, float]]:
    if not judged:
        return []
    rates = summary.get("field_fill_rates", {})
    found = []
    for name in HEALTH_FIELDS:
        baseline = median(run.get("field_fill_rates", {}).get(name, 0.0) for run in judged)
        now = rates.get(name, 0.0)
        if baseline >= BASELINE_MIN and now < BROKEN_BELOW:
            found.append((name, baseline, now))
    return found
