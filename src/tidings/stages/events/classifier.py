"""A sentence-level PLOVER type classifier that adds the types the lexicon misses.

The lexicon codes an act from its trigger words. Gold coders also read types a sentence
implies without a trigger the lexicon knows ("los indígenas radicalizaron sus protestas"
is DEMAND and MOBILIZE as much as PROTEST). This classifier reads the whole sentence: its
features are the 512-d multilingual sentence embedding (:mod:`tidings.embed.use`, NumPy
only) and the types the lexicon coded in it; one logistic regression per PLOVER type
(trained by ``training/events_clf/train.py`` on openly licensed gold, weights in
``tidings/models/events-clf/``).

It runs only where the lexicon already coded an act in the sentence (the actors, date and
place of the added event are that act's) and only for the languages whose threshold was
chosen on held-out halves of development gold (``meta.json`` ``thresholds``): where it did
not help (English), it is off.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from tidings.embed import USE_DIMENSION, use
from tidings.resources import model_path

MODEL_NAME = "events-clf"
EMBEDDING_SIZE = USE_DIMENSION


def features(types: tuple[str, ...], embeddings: np.ndarray, lexicon_types: list[set[str]]
             ) -> np.ndarray:
    """Rows of [embedding, one-hot over ``types`` of the types the lexicon coded in the
    sentence]: the classifier's input, in training and in use."""
    coded = np.zeros((len(lexicon_types), len(types)), dtype=np.float32)
    index = {t: k for k, t in enumerate(types)}
    for row, found in enumerate(lexicon_types):
        for type_ in found:
            if type_ in index:
                coded[row, index[type_]] = 1.0
    return np.hstack([np.asarray(embeddings, dtype=np.float32), coded])


@dataclass(frozen=True, eq=False)
class TypeClassifier:
    """One logistic regression per type over [sentence embedding, lexicon types]."""

    types: tuple[str, ...]
    weights: np.ndarray  # (EMBEDDING_SIZE + len(types), len(types))
    bias: np.ndarray  # (len(types),)
    thresholds: dict[str, float]  # language -> probability from which a type is added
    version: str

    def enabled(self, lang: str | None) -> bool:
        return bool(lang) and lang in self.thresholds

    def probabilities(self, embeddings: np.ndarray, lexicon_types: list[set[str]]
                      ) -> np.ndarray:
        """Per sentence and type, the probability that the gold codes that type."""
        logits = features(self.types, embeddings, lexicon_types) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-np.clip(logits, -30, 30)))

    def added(self, lang: str, embeddings: np.ndarray, lexicon_types: list[set[str]]
              ) -> list[list[tuple[str, float]]]:
        """Per sentence, the ``(type, probability)`` pairs to add: at or above the language's
        threshold and not already coded by the lexicon, most probable first."""
        threshold = self.thresholds[lang]
        out = []
        for probs, have in zip(self.probabilities(embeddings, lexicon_types), lexicon_types,
                               strict=True):
            order = np.argsort(-probs)
            out.append([(self.types[k], round(float(probs[k]), 3)) for k in order
                        if probs[k] >= threshold and self.types[k] not in have])
        return out

    def save(self, folder: Path, meta: dict[str, Any]) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(folder / "weights.npz", weights=self.weights.astype(np.float32),
                            bias=self.bias.astype(np.float32))
        meta = {**meta, "types": list(self.types), "thresholds": self.thresholds,
                "version": self.version}
        (folder / "meta.json").write_text(json.dumps(meta, indent=2, ensure_ascii=False) + "\n",
                                          encoding="utf-8")


def read(folder: Path | None = None) -> TypeClassifier | None:
    """The classifier saved in ``folder`` (default: the shipped one), or None when there is
    none."""
    folder = folder or model_path(MODEL_NAME)
    try:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        arrays = np.load(folder / "weights.npz")
    except FileNotFoundError:
        return None
    return TypeClassifier(tuple(meta["types"]), arrays["weights"], arrays["bias"],
                          {k: float(v) for k, v in meta["thresholds"].items()},
                          str(meta["version"]))


@cache
def classifier() -> TypeClassifier | None:
    """The shipped classifier, or None when its model or the sentence encoder is missing."""
    if not use.available():
        return None
    return read()
