"""Story clusters: which article texts are near-duplicates of each other (docs/STORIES.md).

A wire story republished by several sites, or by one site under a new URL, is the same text
with a different intro line, a dateline, boilerplate around it, a paragraph cut or a word
changed. Exact content hashes (archive/store/content.py) cannot see that; a MinHash signature
of the body's word shingles can: the share of equal signature values estimates the Jaccard
similarity of the two bodies' shingle sets.

Pure functions, no store: `signature(body)` (None for a body too short to judge),
`similarity(a, b)`, `band_keys(sig)` (the locality-sensitive hash keys a store indexes, so that
finding the candidates of a new body is an index probe, never a scan), and the bytes a store
keeps per version (`to_bytes`/`from_bytes`). The numbers below are part of every stored
signature: changing NUM_PERM, SHINGLE_WORDS, SEED, the folding or the hashing makes old
signatures incomparable with new ones, and changing BANDS or ROWS changes every band key
(`newsarchive reindex --only stories` recomputes both).
"""
from __future__ import annotations

import hashlib
import importlib
import importlib.util
import sys
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

# the module, not its names: archive.stemming imports the store package, which imports this
from archive import stemming

if TYPE_CHECKING:
    import numpy as np

# 128 permutations: a similarity estimate within about +-0.04 (one standard deviation at 0.5)
# for 512 bytes per version. With 64, distinct demo-site stories written from the same sentence
# templates reached an estimated 0.48 (their true similarity: 0.36), too near any threshold.
NUM_PERM = 128
# 16 bands of 3 values (the first 48 of the 128; all 128 estimate the similarity): two bodies
# become candidates with probability 1 - (1 - s^3)^16, which is 0.65 at s = 0.4, 0.88 at 0.5,
# 0.97 at 0.6 and 0.12 at 0.2 (docs/STORIES.md has the table). 32 bands of 4 found the same
# copies but wrote twice the index rows per version, and cost twice as much at ingest.
BANDS = 16
ROWS = 3
# Five-word shingles: the long runs a copy shares with its source survive, the three-word
# phrases that distinct stories on one topic share ("the minister said that") do not.
SHINGLE_WORDS = 5
SEED = 1
SCHEME = "affine32"   # datasketch's default since 2.0, pinned: stored signatures depend on it
# A candidate at or above this estimated similarity joins a story. Measured with
# benchmarks/stories.py (docs/STORIES.md): wire copies with a rewritten intro, a dateline,
# boilerplate and a cut paragraph score 0.38-0.99 (98.8% joined), distinct stories written from
# one set of sentence templates at most 0.34, distinct real articles at most 0.05.
THRESHOLD = 0.4
# A body with fewer shingles than this (about 30 words) gets no signature and a story of its
# own: paywall stubs and one-line briefs are alike by their boilerplate, not by their story.
MIN_SHINGLES = 26

# Odd multipliers of the shingle hash (golden-ratio and murmur3 constants): a shingle's hash
# depends on its words and their order.
_MIX = (0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D, 0x27D4EB2F, 0x165667B1)


# numpy is imported by the functions that compute with it, not with this module: the store
# package imports this module, and the crawl process, which stores captures but computes no
# signature (its page worker does), would carry numpy's ~14 MB for nothing.


@dataclass(frozen=True, slots=True)
class Signature:
    """The MinHash of one body: NUM_PERM unsigned 32-bit values."""

    values: np.ndarray

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Signature)
                and self.values.tobytes() == other.values.tobytes())

    def __hash__(self) -> int:
        return hash(self.values.tobytes())

    def __reduce__(self) -> tuple[Any, tuple[bytes]]:
        """Pickled as its stored bytes (to_bytes): an import's workers send a signature with
        every article, and numpy's own pickling of the array costs several times as much."""
        return from_bytes, (to_bytes(self),)


@lru_cache(maxsize=1)
def _minhash() -> tuple[Any, Any]:
    """datasketch's MinHash class and its permutations for SEED, made once, on the first
    signature (commands that only read stories never need them)."""
    minhash = _datasketch_minhash()
    return minhash, minhash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations


@lru_cache(maxsize=1)
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The multipliers and offsets of datasketch's affine32 permutations for SEED, as uint32
    columns (NUM_PERM x 1): what signature_of applies to every shingle hash at once."""
    import numpy as np

    a, b = _minhash()[1]
    return (np.ascontiguousarray(a, dtype=np.uint32).reshape(-1, 1),
            np.ascontiguousarray(b, dtype=np.uint32).reshape(-1, 1))


def _datasketch_minhash() -> Any:
    """datasketch.minhash.MinHash without the rest of the package. `import datasketch` runs
    its __init__, which imports every sketch and index it has, and through MinHashLSH's
    parameter optimisation scipy: 0.4 s of CPU and ~55 MB of RSS in every process that stores
    articles, for a module of numpy and hashlib. The package is registered bare (its __init__
    not run) while datasketch.minhash and datasketch.hashfunc load, then taken out of
    sys.modules again, so a later `import datasketch` elsewhere runs the real __init__ (which
    finds datasketch.minhash loaded: one MinHash class in the process)."""
    if "datasketch" in sys.modules:   # imported in full already: nothing to save
        return importlib.import_module("datasketch.minhash").MinHash
    spec = importlib.util.find_spec("datasketch")
    if spec is None or spec.submodule_search_locations is None:
        raise ImportError("datasketch is not installed (pip install 'datasketch>=2,<3')")
    package = importlib.util.module_from_spec(spec)
    sys.modules["datasketch"] = package
    try:
        module = importlib.import_module("datasketch.minhash")
    finally:
        if sys.modules.get("datasketch") is package:
            del sys.modules["datasketch"]
    return module.MinHash


class _WordHashes(dict[str, int]):
    """crc32 of a folded word's UTF-8, remembered: most words of a body were in the bodies
    before it, and a lookup costs a fraction of encoding and hashing the word again (a
    body's distinct words were hashed afresh per body before: ~0.12 -> ~0.06 ms per body
    for the shingle hashes of the import benchmark's articles)."""

    def __missing__(self, word: str) -> int:
        value = self[word] = zlib.crc32(word.encode("utf-8"))
        return value


# Words remembered by shingle_hashes_of, at most (then forgotten all at once): ~2.5 MB, in each
# process computing signatures (an import's extraction workers).
WORD_HASHES_MAX = 20_000
_WORD_HASHES = _WordHashes()


def shingle_hashes(text: str) -> np.ndarray:
    """32-bit hashes of the SHINGLE_WORDS-word shingles of `text`, words folded as search
    folds them (case, accents, Arabic spellings: archive/stemming.py)."""
    return shingle_hashes_of(stemming.folded_words(text or ""))


def shingle_hashes_of(words: list[str]) -> np.ndarray:
    """The distinct shingle hashes of folded words (stemming.folded_words), sorted. Each
    distinct word is hashed once (crc32 of its UTF-8) and a shingle's hash combines its words'
    hashes in order, in numpy: hashing each shingle string would cost as much again as
    everything else together."""
    import numpy as np

    if len(words) < SHINGLE_WORDS:
        return np.zeros(0, dtype=np.uint32)
    # each word's crc32 from the process's memory of recent words (map in C); a word not in
    # it is hashed once (_WordHashes.__missing__)
    if len(_WORD_HASHES) >= WORD_HASHES_MAX:
        _WORD_HASHES.clear()
    hashed = np.fromiter(map(_WORD_HASHES.__getitem__, words), dtype=np.uint32,
                         count=len(words))
    n = len(words) - SHINGLE_WORDS + 1
    combined = np.zeros(n, dtype=np.uint32)
    with np.errstate(over="ignore"):
        for offset, mix in enumerate(_MIX[:SHINGLE_WORDS]):
            combined = (combined ^ hashed[offset:offset + n]) * np.uint32(mix)
    # np.unique's hash table (numpy 2) costs 7x a sort and a neighbour comparison here
    combined.sort()
    keep = np.empty(n, dtype=bool)
    keep[0] = True
    np.not_equal(combined[1:], combined[:-1], out=keep[1:])
    return combined[keep]


def signature(text: str | None) -> Signature | None:
    """The MinHash signature of a body, or None when it has fewer than MIN_SHINGLES distinct
    shingles."""
    return signature_of(stemming.folded_words(text or ""))


def signature_of(words: list[str]) -> Signature | None:
    """signature() of a body whose folded words (stemming.folded_words) a caller has already
    found: the SQLite store finds them once for the signature and the search stems."""
    import numpy as np

    hashes = shingle_hashes_of(words)
    if len(hashes) < MIN_SHINGLES:
        return None
    # datasketch's MinHash.update_batch (scheme affine32) over the hashes, computed here in
    # uint32 arithmetic mod 2^32 as it computes it, so the values are the same bit for bit
    # (tests/test_story_signatures.py checks them against datasketch itself): murmur3's
    # finalizer on each hash, then per permutation the least of a * h + b. Without the
    # MinHash object, its per-value Python loop and its N x NUM_PERM temporaries: ~0.36 ->
    # ~0.2 ms for a ~1,100-shingle body. Permutations as rows: each min is over a row.
    a, b = _permutations()
    with np.errstate(over="ignore"):
        mixed = hashes ^ (hashes >> np.uint32(16))
        mixed *= np.uint32(0x85EBCA6B)
        mixed ^= mixed >> np.uint32(13)
        mixed *= np.uint32(0xC2B2AE35)
        mixed ^= mixed >> np.uint32(16)
        permuted = a * mixed
        permuted += b
    return Signature(permuted.min(axis=1))


def similarity(a: Signature, b: Signature) -> float:
    """Estimated Jaccard similarity of the two bodies' shingle sets (0.0 to 1.0)."""
    import numpy as np

    return float(np.count_nonzero(a.values == b.values)) / NUM_PERM


def band_keys(sig: Signature) -> list[int]:
    """One key per band: the band number and its ROWS values hashed to a signed 64-bit
    integer (an SQLite INTEGER, a PostgreSQL BIGINT). Two signatures share a key exactly when
    one of their bands is equal (but for a 2^-64 chance)."""
    raw = to_bytes(sig)
    last_raw, last_keys = _LAST_BAND_KEYS
    if raw == last_raw:
        return list(last_keys)
    width = ROWS * 4
    keys = [int.from_bytes(hashlib.blake2b(bytes((band,)) + raw[band * width:(band + 1) * width],
                                           digest_size=8).digest(), "little", signed=True)
            for band in range(BANDS)]
    _LAST_BAND_KEYS[:] = raw, tuple(keys)
    return keys


# The last signature band_keys() was asked about and its keys: storing a new article asks
# twice (its candidates, then its own bands: archive/store/clusters.py), ~0.02 ms a time.
_LAST_BAND_KEYS: list[Any] = [b"", ()]


def to_bytes(sig: Signature) -> bytes:
    """What a store keeps per version: the values as little-endian uint32 (512 bytes)."""
    return sig.values.astype("<u4").tobytes()


def from_bytes(data: bytes) -> Signature:
    if len(data) != NUM_PERM * 4:
        raise ValueError(f"a story signature is {NUM_PERM * 4} bytes, not {len(data)}")
    import numpy as np

    return Signature(np.frombuffer(data, dtype="<u4").astype(np.uint32))
