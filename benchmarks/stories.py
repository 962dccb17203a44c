"""Story clustering: the similarity threshold, measured, and the cost per article.

    python benchmarks/stories.py [CASES_DIR] [--demo-articles 400] [--repeat 20]
    python benchmarks/stories.py --ingest 20000 [--new 500]

Three sets of pairs, each scored with archive.stories (estimated Jaccard of the MinHash
signatures, and the exact Jaccard of the shingle sets beside it):

- distinct real articles: every pair of the real article bodies of the field test set
  (CASES_DIR, default ../shared/testdata/articles: 88 publishers, 18 languages). None is a
  copy of another, so every pair above the threshold would be a false merge.
- distinct stories on one topic: every pair of demo-site articles of the same language and
  section. The generator writes them from the same sentence templates, names and places, so
  they share far more phrasing than real distinct stories do: the hard case.
- wire copies: each real body (at least 150 words) against the same body as another site
  would run it: the intro line rewritten, an agency dateline, the site's boilerplate after it
  ("Do you like this article?", newsletter, copyright), the last paragraph cut; and the
  variants one at a time.

Prints the distribution of each set, the share of each set a threshold would put together,
and the time `signature()` + `band_keys()` take per 4-6 KB body (median of --repeat runs).

--ingest N: the cost at ingest, in the store. Builds an SQLite archive of N versions (the
search benchmark's articles: demo-site paragraphs recombined, five sites), clusters it with
`reindex_stories()` (the upgrade backfill, timed), then stores --new further articles through
`prepare_article()` and `store_article()` (as a crawl's page worker does) into two copies of
it, one with stories and one without, and prints the difference per article: what clustering
adds (signature, candidate probe, band rows), wall clock and CPU (this machine is shared: CPU time is the steadier figure). --cache-mb sets the
SQLite page cache of both stores (the band index is read and written at random places).
"""
from __future__ import annotations

import argparse
import itertools
import json
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archive import stories  # noqa: E402
from newsarchive.demosite import DemoSite  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_CASES = REPO.parent / "shared" / "testdata" / "articles"

INTRO = ("The following report was filed by our correspondent late on Tuesday, as officials "
         "met again to discuss what had happened and what should come next.")
DATELINE = "BEIRUT (AFP) - "
BOILERPLATE = ("Do you like this article? Share it with your friends. Sign up for our daily "
               "newsletter to receive the top stories in your inbox every morning. Follow us "
               "on social media for breaking news. Copyright 2026 Agence France-Presse. All "
               "rights reserved. This material may not be published, broadcast or rewritten.")
THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.6)


def joined(a: stories.Signature, b: stories.Signature, threshold: float) -> bool:
    """What the store decides: a candidate (a band key in common), similar enough."""
    return (bool(set(stories.band_keys(a)) & set(stories.band_keys(b)))
            and stories.similarity(a, b) >= threshold)


def real_bodies(cases: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted(cases.glob("*/expected.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        if case.get("body"):
            out.append((case["case_id"], case["body"]))
    return out


def variants(body: str) -> dict[str, str]:
    """The body as another site would run the same wire story."""
    paragraphs = [p for p in body.split("\n\n") if p.strip()]
    rest = paragraphs[1:] if len(paragraphs) > 2 else paragraphs
    first = DATELINE + INTRO
    return {
        "intro rewritten": "\n\n".join([INTRO, *rest]),
        "dateline + boilerplate": "\n\n".join([DATELINE + paragraphs[0], *paragraphs[1:],
                                               BOILERPLATE]),
        "last paragraph cut": "\n\n".join(paragraphs[:-1] if len(paragraphs) > 3 else paragraphs),
        "all of these": "\n\n".join([first, *(rest[:-1] if len(rest) > 3 else rest),
                                     BOILERPLATE]),
    }


def exact(a: str, b: str) -> float:
    sa, sb = set(stories.shingle_hashes(a).tolist()), set(stories.shingle_hashes(b).tolist())
    return len(sa & sb) / len(sa | sb) if sa or sb else 0.0


Score = tuple[float, float, str, dict[float, bool]]


def score(a: stories.Signature, b: stories.Signature, exact_value: float, label: str) -> Score:
    return (stories.similarity(a, b), exact_value, label, {t: joined(a, b, t) for t in THRESHOLDS})


def report(name: str, scores: list[Score], *, candidates: int | None = None) -> None:
    est = sorted(s[0] for s in scores)
    print(f"\n{name}: {len(scores)} pairs")
    if not est:
        return
    q = statistics.quantiles(est, n=100) if len(est) > 1 else est * 99
    print(f"  estimated similarity: min {est[0]:.3f}  p1 {q[0]:.3f}  median "
          f"{statistics.median(est):.3f}  p99 {q[98]:.3f}  max {est[-1]:.3f}")
    if candidates is not None:
        print(f"  candidates (a band key in common): {candidates} ({candidates / len(est):.2%})")
    print("  joined in one story (a band key in common, similarity >= threshold): "
          + "  ".join(f"{t}: {sum(s[3][t] for s in scores) / len(scores):.1%}"
                      for t in THRESHOLDS))
    worst_first = sorted(scores, key=lambda s: s[0], reverse=name.startswith("distinct"))
    for est_value, exact_value, label, _ in worst_first[:3]:
        print(f"    {'highest' if name.startswith('distinct') else 'lowest'}: "
              f"estimated {est_value:.3f}, exact {exact_value:.3f}  {label}")


def pairs_of(named: list[tuple[str, str]]) -> tuple[list[Score], int]:
    """Every pair of these bodies, scored; and how many pairs were LSH candidates."""
    sigs = [(label, stories.signature(body), body) for label, body in named]
    kept = [(label, sig, body, set(stories.band_keys(sig))) for label, sig, body in sigs
            if sig is not None]
    scores, candidates = [], 0
    for (la, sa, ba, ka), (lb, sb, bb, kb) in itertools.combinations(kept, 2):
        candidates += bool(ka & kb)
        similar = stories.similarity(sa, sb)
        # the exact Jaccard only where it is worth reading: the pairs near the top
        scores.append(score(sa, sb, exact(ba, bb) if similar >= 0.2 else -1.0, f"{la} / {lb}"))
    return scores, candidates


BATCH = 16   # crawler.settings NEWS_EXTRACT_BATCH


def ingest(versions: int, new: int, rounds: int = 3, seed: int = 11,
           cache_mb: int | None = None) -> None:
    """See --ingest in the module docstring."""
    import importlib.util
    import random
    import shutil
    import tempfile

    from archive.records import Capture, WarcRef
    from archive.store import SQLiteStore

    spec = importlib.util.spec_from_file_location("search_bench", REPO / "benchmarks" / "search.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "base.sqlite3"
        started = time.perf_counter()
        articles, made = bench.build(base, versions, seed)
        print(f"built {made:,} versions of {articles:,} articles in "
              f"{time.perf_counter() - started:.0f} s")
        with SQLiteStore(base) as store:
            started = time.perf_counter()
            store.reindex_stories()
            took = time.perf_counter() - started
            bands = store.connection.execute("SELECT COUNT(*) FROM story_bands").fetchone()[0]
            shared = store.connection.execute(
                "SELECT COUNT(*) FROM (SELECT story_id FROM versions GROUP BY story_id "
                "HAVING COUNT(DISTINCT article_id) > 1)").fetchone()[0]
        print(f"reindex_stories: {took:.1f} s ({took / made * 1000:.2f} ms per version), "
              f"{bands:,} band rows, {shared:,} stories of more than one article")
        rng = random.Random(seed + 1)
        texts = bench.pools(seed)
        stores = {}
        for label, on in (("without stories", False), ("with stories", True)):
            path = Path(tmp) / f"{label}.sqlite3"
            shutil.copy(base, path)
            stores[label] = SQLiteStore(path)
            stores[label]._stories = on   # what the store decides at open from the schema
            if cache_mb:   # the writer's page cache (SQLite's default: 2 MB)
                stores[label].connection.execute(f"PRAGMA cache_size = {-1024 * cache_mb}")
        per_article: dict[str, list[float]] = {label: [] for label in stores}
        cpu: dict[str, list[float]] = {label: [] for label in stores}
        number = 0
        # rounds alternate the two stores, so a busy moment of the machine hits both
        for _ in range(rounds):
            fresh = [bench.make_fields(rng, texts["ar" if i % 2 else "en"],
                                       "ar" if i % 2 else "en", 10_000_000 + number + i,
                                       rng.choice(bench.SITES)) for i in range(new)]
            number += new
            for label, store in stores.items():
                run_id = store.begin_run("bench", started_at="2026-12-01T00:00:00Z",
                                         settings={})
                captures = [store.add_capture(Capture(
                    run_id=run_id, url=fields["url"], fetched_at="2026-12-01T00:00:00Z",
                    status=200, warc=WarcRef("bench.warc.gz", (number + i) * 1000, 1000,
                                             f"<urn:uuid:new-{number + i}>"),
                    payload_digest="sha1:X")) for i, fields in enumerate(fresh)]
                # as a crawl's page worker stores them: NEWS_EXTRACT_BATCH pages a transaction,
                # each page prepared (content hash, signature) before it
                for at in range(0, new, BATCH):
                    start, start_cpu = time.perf_counter(), time.process_time()
                    chunk = fresh[at:at + BATCH]
                    prepared = [store.prepare_article(fields) for fields in chunk]
                    with store.batch():
                        for capture, fields, ready in zip(captures[at:at + BATCH], chunk,
                                                          prepared):
                            store.store_article(capture, fields, run_id=run_id,
                                                extractor_version="bench", prepared=ready)
                    count = len(fresh[at:at + BATCH])
                    per_article[label].append((time.perf_counter() - start) * 1000 / count)
                    cpu[label].append((time.process_time() - start_cpu) * 1000 / count)
        for store in stores.values():
            store.close()
        medians = {label: statistics.median(times) for label, times in per_article.items()}
        cpus = {label: statistics.median(times) for label, times in cpu.items()}
        for label, times in per_article.items():
            print(f"store_article {label}: median {medians[label]:.3f} ms per article "
                  f"(CPU {cpus[label]:.3f} ms), p90 {statistics.quantiles(times, n=10)[8]:.3f} "
                  f"ms ({rounds} x {new} articles in batches of {BATCH})")
        print(f"clustering adds {medians['with stories'] - medians['without stories']:.3f} ms "
              f"per article (CPU {cpus['with stories'] - cpus['without stories']:.3f} ms) at "
              f"{made:,} versions")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("cases", nargs="?", type=Path, default=DEFAULT_CASES)
    parser.add_argument("--demo-articles", type=int, default=400,
                        help="demo-site articles per language (default 400)")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--ingest", type=int, metavar="N",
                        help="measure the cost at ingest over an archive of N versions instead")
    parser.add_argument("--new", type=int, default=500,
                        help="with --ingest: articles stored to time per round (default 500)")
    parser.add_argument("--cache-mb", type=int,
                        help="with --ingest: SQLite page cache of both stores in MB "
                             "(default: SQLite's 2 MB)")
    args = parser.parse_args(argv)
    if args.ingest:
        ingest(args.ingest, args.new, cache_mb=args.cache_mb)
        return 0

    bodies = real_bodies(args.cases)
    print(f"{len(bodies)} real bodies; {stories.SHINGLE_WORDS}-word shingles, "
          f"{stories.NUM_PERM} permutations in {stories.BANDS} bands of {stories.ROWS}; "
          f"threshold in use: {stories.THRESHOLD}")

    distinct, candidates = pairs_of(bodies)
    report("distinct real articles (a pair of one publisher's near-identical pieces would "
           "show here too)", distinct, candidates=candidates)

    demo = DemoSite(seed=7, per_language=args.demo_articles)
    topic: list[Score] = []
    candidates = 0
    for lang in ("en", "ar"):
        for section in ("security", "politics", "economy", "society"):
            scores, found = pairs_of([(a.key, a.body_text) for a in demo.articles(lang, section)])
            topic += scores
            candidates += found
    report("distinct stories on one topic (demo site, same language and section)", topic,
           candidates=candidates)

    by_kind: dict[str, list[Score]] = {}
    for case, body in bodies:
        original = stories.signature(body)
        if len(body.split()) < 150 or original is None:
            continue
        for kind, copy in variants(body).items():
            sig = stories.signature(copy)
            assert sig is not None
            by_kind.setdefault(kind, []).append(score(original, sig, exact(body, copy), case))
    for kind, scores in by_kind.items():
        report(f"wire copies, {kind}", scores)

    typical = [body for _, body in bodies if 4000 <= len(body.encode()) <= 6000]
    runs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        for body in typical:
            sig = stories.signature(body)
            if sig is not None:
                stories.band_keys(sig)
        runs.append((time.perf_counter() - start) / len(typical) * 1000)
    print(f"\nsignature + band keys: median {statistics.median(runs):.3f} ms, best "
          f"{min(runs):.3f} ms per body of 4-6 KB ({len(typical)} bodies, {args.repeat} runs)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
