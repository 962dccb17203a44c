"""Golden pages: per-page field expectations pinned by tests/golden/pin_golden.py."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from crawler.extract import extract
try:  # tests/ is a package in this repository; the module also works as a plain script helper
    from tests.golden_metrics import author_f1, body_f1, caption_recall, same_day, title_ok
except ImportError:  # pragma: no cover - tests/ collected without its __init__.py
    from golden_metrics import author_f1, body_f1, caption_recall, same_day, title_ok

GOLDEN = Path(__file__).resolve().parent / "golden"
EXPECTATIONS = json.loads((GOLDEN / "expectations.json").read_text("utf-8"))


@pytest.mark.parametrize("case_id", sorted(EXPECTATIONS))
def test_golden_page(case_id: str) -> None:
    pins = EXPECTATIONS[case_id]
    exp = json.loads((GOLDEN / case_id / "expected.json").read_text("utf-8"))
    art = extract((GOLDEN / case_id / "page.html").read_bytes(), exp.get("url") or "")
    failures = []
    if pins.get("title_exact") and not title_ok(exp, art.title):
        failures.append(f"title {art.title!r} != {exp['title']!r}")
    if "authors_f1_min" in pins:
        got = author_f1(exp["authors"], art.authors)
        if got < pins["authors_f1_min"]:
            failures.append(f"authors F1 {got:.3f} < {pins['authors_f1_min']} ({art.authors} vs {exp['authors']})")
    if pins.get("published_day") and not same_day(exp["published"], art.published):
        failures.append(f"published {art.published} != {exp['published']}")
    if "body_f1_min" in pins:
        got = body_f1(exp["body"], art.body_text)
        if got < pins["body_f1_min"]:
            failures.append(f"body token F1 {got:.3f} < {pins['body_f1_min']}")
    if "captions_recall_min" in pins:
        got = caption_recall(exp, art.images)
        if got < pins["captions_recall_min"]:
            failures.append(f"caption recall {got:.3f} < {pins['captions_recall_min']}")
    assert not failures, "; ".join(failures)


def test_expectations_cover_every_golden_page() -> None:
    pages = {p.parent.name for p in GOLDEN.glob("*/page.html")}
    assert pages == set(EXPECTATIONS)
