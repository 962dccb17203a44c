"""Kill-and-resume soak at full size: a ~1,600-2,000-page demo crawl, SIGKILLed at 20+ seeded random
moments (tests/test_kill_soak.py runs the same code smaller, inside the suite's time budget).

    python benchmarks/kill_trials.py [--articles 880] [--trials 20] [--seed 6]

880 articles make ~1,600 fetched pages per crawl (listings, feeds, sitemaps, print pages);
--articles 1120 makes ~2,000. Measured figures: docs/RELIABILITY.md.
Prints one line of figures; exits 1 if any article was lost or duplicated (the trial asserts
stop at the first bad one).
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.test_kill_soak import kill_trials  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=880)
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kill-trials-") as workdir:
        report = kill_trials(articles=args.articles, trials=args.trials, seed=args.seed,
                             workdir=Path(workdir))
    print(report.line())
    return 0 if report.lost == report.duplicated == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
