"""Quality gate: extraction over the annotated real pages, scored by the OFFICIAL scorer,
must stay at or above the floors pinned in tests/quality_floors.json; and floors only rise.

Re-pin with `python benchmarks/extract.py --pin` (raises floors to today's scores; it never
lowers one). The test data lives beside the repository (../shared/testdata/articles).
"""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
CASES = REPO.parent / "shared" / "testdata" / "articles"
SCORER = REPO.parent / "shared" / "eval" / "score_fields.py"
FLOORS_FILE = REPO / "tests" / "quality_floors.json"


def _floors(data: dict) -> dict[str, float]:
    return {k: float(v) for k, v in data.get("floors", {}).items()}


@pytest.fixture(scope="module")
def scores(tmp_path_factory: pytest.TempPathFactory) -> dict:
    if not CASES.is_dir() or not SCORER.is_file():
        pytest.skip(f"shared test data or official scorer not found ({CASES}, {SCORER})")
    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import extract as bench  # benchmarks/extract.py
    finally:
        sys.path.pop(0)
    out = tmp_path_factory.mktemp("quality")
    timing = bench.run(CASES, out)
    untyped = [e for e in timing["errors"] if "UNTYPED" in e]
    assert not untyped, f"untyped exceptions escaped extract(): {untyped}"
    result = subprocess.run(
        [sys.executable, str(SCORER), str(CASES), str(out / "pred.jsonl"), "--json", str(out / "s.json")],
        capture_output=True, text=True, check=True)
    print(result.stdout)
    return json.loads((out / "s.json").read_text("utf-8"))["all"]


def test_scores_stay_above_pinned_floors(scores: dict) -> None:
    floors = _floors(json.loads(FLOORS_FILE.read_text("utf-8")))
    assert floors, "no floors pinned"
    below = {k: (scores.get(k), f) for k, f in floors.items()
             if scores.get(k) is None or scores[k] < f}
    assert not below, f"extraction quality dropped below pinned floors (got, floor): {below}"


def test_every_page_extracts_without_error(scores: dict) -> None:
    assert scores["n_predicted"] == scores["n_cases"]


def test_floors_only_rise() -> None:
    """Compared with the floors committed at HEAD and with the file's own history."""
    data = json.loads(FLOORS_FILE.read_text("utf-8"))
    current = _floors(data)
    previous: list[dict[str, float]] = [{k: float(v) for k, v in h.items()} for h in data.get("history", [])]
    try:
        head = subprocess.run(["git", "show", "HEAD:tests/quality_floors.json"], cwd=REPO,
                              capture_output=True, text=True, timeout=30)
        if head.returncode == 0 and head.stdout.strip():
            previous.append(_floors(json.loads(head.stdout)))
    except (OSError, subprocess.SubprocessError, ValueError):
        pass  # no git or not a checkout: the in-file history still guards
    for old in previous:
        lowered = {k: (v, current.get(k)) for k, v in old.items() if current.get(k, -1.0) < v}
        assert not lowered, f"floors lowered (was, now): {lowered}"
