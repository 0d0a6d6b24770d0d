"""Near-duplicates: wire copies, syndicated re-runs, "UPDATE 1-" versions, a copy with a line
of boilerplate added or its last paragraphs cut, grouped under one canonical article.

Each article's body becomes a set of word 4-shingles (CJK text: character 4-grams), summarised
by a MinHash signature (``datasketch``). Candidates come from LSH: the signature is cut into
bands of a few values, each band is a key stored with the article, and articles sharing a key
are compared. Two articles are copies when one *contains* most of the other (containment
estimated from the Jaccard estimate and the two shingle counts) and their sizes are not too far
apart: a roundup three times the length of a brief is not its copy. A copy joins the group of
the earlier article it matches best; the group's first article is its canonical.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from collections.abc import Sequence
from functools import cache
from typing import Any, ClassVar

import numpy as np

from tidings.config import DedupSettings
from tidings.corpus.base import CorpusUpdate

NUM_PERM = 128
# 42 bands of 3 values: an earlier version with half its text cut (Jaccard 0.5) is a candidate
# with probability 0.996, two unrelated articles sharing a fifth of their shingles with 0.29
BANDS, ROWS = 42, 3
SHINGLE = 4
_SEED = 7
_WORD = re.compile(r"[^\W\d_]+|\d+", re.UNICODE)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")


def tokens(text: str) -> list[str]:
    """Lower-cased words and numbers of ``text``; each CJK character is a token."""
    words = _WORD.findall(text.lower())
    if not _CJK.search(text):
        return words
    out: list[str] = []
    for word in words:
        if _CJK.search(word):
            out.extend(word)
        else:
            out.append(word)
    return out


def shingles(text: str) -> set[bytes]:
    """The word 4-shingles of ``text`` (the whole text as one shingle when shorter)."""
    words = tokens(text)
    if len(words) <= SHINGLE:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + SHINGLE]).encode() for i in range(len(words) - SHINGLE + 1)}


@cache
def _template() -> Any:
    """An empty MinHash whose permutations every signature reuses (drawing them is most of
    the cost of a new one)."""
    from datasketch import MinHash

    return MinHash(num_perm=NUM_PERM, seed=_SEED, hashfunc=_hash)


def _hash(item: bytes) -> int:
    """A shingle's 32-bit hash: CRC-32 (C, stable across processes; datasketch's SHA-1
    default costs most of a signature)."""
    return zlib.crc32(item)


def signature(items: set[bytes]) -> np.ndarray:
    """The MinHash signature of a shingle set (``NUM_PERM`` unsigned 32-bit values)."""
    from datasketch import MinHash

    template = _template()
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED, permutations=template.permutations,
                      scheme=template.scheme, hashfunc=_hash)
    if items:
        minhash.update_batch(sorted(items))
    return np.asarray(minhash.hashvalues)


def band_keys(values: np.ndarray) -> list[int]:
    """One signed 64-bit key per LSH band of a signature (the band's number is part of it)."""
    keys = []
    for band in range(BANDS):
        chunk = values[band * ROWS : (band + 1) * ROWS].astype("<u4").tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8, person=band.to_bytes(8, "little"))
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return keys


def jaccard(a: np.ndarray, b: np.ndarray) -> float:
    """The Jaccard similarity two signatures estimate."""
    return float(np.count_nonzero(a == b)) / len(a)


def containment(j: float, size_a: int, size_b: int) -> float:
    """The share of the smaller set inside the larger, from their Jaccard and sizes."""
    if not size_a or not size_b:
        return 0.0
    inter = j * (size_a + size_b) / (1.0 + j)
    return min(1.0, inter / min(size_a, size_b))


def is_copy(j: float, size_a: int, size_b: int, settings: DedupSettings) -> tuple[bool, float]:
    """Whether two articles are copies, and the containment that says so."""
    small, large = sorted((size_a, size_b))
    if not large:
        return False, 0.0
    held = containment(j, size_a, size_b)
    if small < settings.min_shingles:
        return j >= 0.9, held
    return held >= settings.containment and small / large >= settings.size_ratio, held


class DedupStage:
    """Corpus stage ``dedup``: each new article joins the copy group of an earlier one, or
    opens its own."""

    name: ClassVar[str] = "dedup"
    version: ClassVar[str] = "dedup.minhash.v1"
    after: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: DedupSettings | None = None) -> None:
        self.settings = settings or DedupSettings()

    def fold(self, corpus: Any, articles: Sequence[dict[str, Any]], update: CorpusUpdate) -> None:
        """Place ``articles`` (rowid order, inside the caller's transaction)."""
        for article in articles:
            items = shingles(article["text"])
            values = signature(items)
            keys = band_keys(values)
            rowid = article["rowid"]
            canonical, best = rowid, 1.0
            candidates = [r for r in corpus.band_matches(keys) if r < rowid]
            found: tuple[float, int, int] | None = None
            for other, (sig, size, group) in sorted(corpus.signatures(candidates).items()):
                j = jaccard(values, np.frombuffer(sig, dtype="<u4"))
                copy, held = is_copy(j, len(items), size, self.settings)
                if copy and (found is None or held > found[0]):
                    found = (held, other, group)
            if found is not None:
                best, canonical = round(found[0], 4), found[2]
                update.changed.append(str(rowid))
            else:
                update.created.append(str(rowid))
            corpus.write_duplicate(
                rowid, canonical, best, len(items), values.astype("<u4").tobytes(), keys,
                self.version,
            )
