"""Story signatures as ingest computes them (archive/stories.py): the same values as
datasketch's MinHash fed the documented shingle hashes, on real bodies; datasketch's MinHash
loaded without the rest of its package (scipy). docs/PERFORMANCE.md has the measurements."""
from __future__ import annotations

import json
import subprocess
import sys
import zlib
from pathlib import Path

import numpy as np
import pytest

from archive import stemming, stories

REPO = Path(__file__).resolve().parent.parent
CASES = REPO.parent / "shared" / "testdata" / "articles"
# the multipliers of archive.stories._MIX, written out: a shingle's hash is documented here
MIX = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1)


def real_bodies() -> list[str]:
    bodies = [json.loads(path.read_text(encoding="utf-8")).get("body") or ""
              for path in sorted(CASES.glob("*/expected.json"))]
    if not bodies:
        pytest.skip(f"shared test data not found ({CASES})")
    return [body for body in bodies if body]


def reference_signature(text: str) -> bytes | None:
    """The signature by its definition, one shingle at a time: words folded and found as
    search finds them, crc32 per word, a shingle's hash = ((h ^ w1) * m1 ^ w2) * m2 ... mod
    2^32, datasketch's MinHash (package imported in full) over the distinct hashes."""
    from datasketch import MinHash

    words = stemming.WORD.findall(stemming.fold_text(text))
    hashes = set()
    for start in range(len(words) - stories.SHINGLE_WORDS + 1):
        value = 0
        for word, mix in zip(words[start:start + stories.SHINGLE_WORDS], MIX):
            value = ((value ^ zlib.crc32(word.encode("utf-8"))) * mix) % 2**32
        hashes.add(value)
    if len(hashes) < stories.MIN_SHINGLES:
        return None
    sketch = MinHash(num_perm=stories.NUM_PERM, seed=stories.SEED, scheme=stories.SCHEME,
                     hashfunc=lambda value: value)
    sketch.update_batch(sorted(hashes))
    return np.asarray(sketch.hashvalues, dtype="<u4").tobytes()


def test_signatures_of_real_bodies_are_datasketchs_minhash() -> None:
    bodies = real_bodies()
    signed = 0
    for body in bodies:
        sig = stories.signature(body)
        expected = reference_signature(body)
        assert (stories.to_bytes(sig) if sig else None) == expected, body[:80]
        signed += sig is not None
    assert signed > 100   # real bodies, not stubs


def test_shingle_hashes_are_distinct_and_sorted() -> None:
    text = " ".join(["a b c d e f"] * 20 + [f"w{i}" for i in range(40)])
    hashes = stories.shingle_hashes(text)
    assert hashes.dtype == np.uint32
    assert list(hashes) == sorted(set(hashes.tolist()))
    assert len(stories.shingle_hashes("too few words here")) == 0


def test_storing_articles_does_not_import_scipy() -> None:
    """datasketch's package __init__ imports its LSH indexes and scipy (~55 MB, 0.4 s) into
    every process that stores articles; the MinHash module alone needs numpy. A later
    `import datasketch` still gets the whole package, with the same MinHash class."""
    code = (
        "import sys, json\n"
        "from archive import stories\n"
        "import archive.store, crawler.pipelines.pages\n"
        "sig = stories.signature(' '.join(f'w{i}' for i in range(60)))\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('scipy', 'datasketch'))\n"
        "import datasketch\n"
        "from datasketch import MinHashLSH\n"
        "print(json.dumps([loaded, datasketch.MinHash is stories._minhash()[0],"
        " sig is not None]))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                         check=True, env={"PYTHONPATH": str(REPO), "PATH": ""})
    loaded, same_class, signed = json.loads(out.stdout)
    assert loaded == ["datasketch.hashfunc", "datasketch.minhash"]
    assert same_class and signed
