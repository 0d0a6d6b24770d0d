"""The int8 ONNX Runtime graph of the e5 layers (``tidings.embed.e5_onnx``): the same labels
as the float32 NumPy layers, scores that do not depend on the batch, the weights used as
stored, and the switch back to NumPy."""

from __future__ import annotations

import json
from itertools import pairwise

import numpy as np
import pytest

from tidings.embed import e5, e5_onnx
from tidings.resources import model_path
from tidings.stages.entities import ner_e5

GERMAN = model_path("ner-de")

SENTENCES = [
    "Der chinesische Staatspräsident Xi Jinping traf am Freitag in Lima die peruanische "
    "Präsidentin Dina Boluarte .",
    "Die Europäische Zentralbank in Frankfurt hält den Leitzins unverändert .",
    "Bundeskanzler Olaf Scholz reiste nach Peking , um mit der Regierung über Handel zu sprechen .",
    "Der Hafen von Chancay soll den Warenverkehr zwischen Südamerika und Asien beschleunigen .",
    "Siemens und die Deutsche Bahn unterzeichneten in Berlin einen Vertrag über neue Züge .",
    "Nach Angaben der Vereinten Nationen flohen im Sudan Tausende Menschen vor den Kämpfen .",
    "Kurz .",
    "Die Gewerkschaft Verdi rief die Beschäftigten der Lufthansa am Montag zum Streik auf .",
]


@pytest.fixture(scope="module")
def tagger() -> ner_e5.E5Tagger:
    if not e5_onnx.available():
        pytest.fail("onnxruntime and onnx come with the nlp extra: install 'tidings[nlp]'")
    meta = json.loads((GERMAN / "ner" / "meta.json").read_text(encoding="utf-8"))
    return ner_e5.E5Tagger.load(GERMAN / "ner" / "weights.npz", meta["labels"])


def _scores(tagger: ner_e5.E5Tagger, seqs: list[list[int]]) -> list[np.ndarray]:
    words = tagger.model.word_rows(np.concatenate([np.asarray(s) for s in seqs]))
    x = e5.embed_tokens(seqs, words, tagger.emb, tagger.model.eps)
    assert tagger.fast is not None
    out = tagger.fast.run([len(s) for s in seqs], x)
    starts = np.cumsum([0, *(len(s) for s in seqs)])
    return [out[a:b] for a, b in pairwise(starts)]


def _ids(tagger: ner_e5.E5Tagger, sentence: str) -> list[int]:
    p = tagger.pieces
    return [p.bos, *(i for w in sentence.split() for i in p.word(w)), p.eos]


@pytest.mark.slow
def test_the_int8_graph_gives_the_labels_of_the_float_layers(tagger):
    seqs = [_ids(tagger, s) for s in SENTENCES]
    fast = _scores(tagger, seqs)
    words = tagger.model.word_rows(np.concatenate([np.asarray(s) for s in seqs]))
    hidden = e5.encode(seqs, words, tagger.emb, tagger.layers, tagger.model.heads,
                       tagger.model.eps)
    same = total = 0
    for seq, states, rows in zip(seqs, hidden, fast, strict=True):
        exact = states[:len(seq)] @ tagger.head_w.T + tagger.head_b
        same += int((exact.argmax(-1) == rows.argmax(-1)).sum())
        total += len(seq)
    assert same / total >= 0.98
    tokens = [s.split() for s in SENTENCES]
    with_graph = tagger.tag(tokens)
    graph, tagger.fast = tagger.fast, None
    try:
        with_numpy = tagger.tag(tokens)
    finally:
        tagger.fast = graph
    assert sum(a == b for a, b in zip(with_graph, with_numpy, strict=True)) >= len(tokens) - 1
    names = {" ".join(tokens[0][s:e]): t for s, e, t in with_graph[0]}
    assert names.get("Xi Jinping") == "PER" and names.get("Dina Boluarte") == "PER"


@pytest.mark.slow
def test_a_sentence_scores_the_same_alone_and_in_any_batch(tagger):
    seqs = [_ids(tagger, s) for s in SENTENCES]
    together = _scores(tagger, seqs)
    reversed_batch = _scores(tagger, seqs[::-1])[::-1]
    for n, seq in enumerate(seqs):
        alone = _scores(tagger, [seq])[0]
        # activations are quantized per token row: no other text moves a row's scale
        assert np.allclose(alone, together[n], atol=1e-4)
        assert np.allclose(alone, reversed_batch[n], atol=1e-4)
    tokens = [s.split() for s in SENTENCES]
    assert tagger.tag(tokens) == [tagger.tag([t])[0] for t in tokens]


def test_weights_stored_in_int8_are_used_exactly_as_stored():
    rng = np.random.default_rng(1)
    q = rng.integers(-127, 128, size=(6, 16)).astype(np.int8)
    q[:, 0] = 127  # each stored row reaches the end of its range, as save_weights makes it
    scale = rng.uniform(0.001, 0.1, size=6).astype(np.float32)
    again, scale_again = e5_onnx.quantize_rows(q.astype(np.float32) * scale[:, None])
    assert np.array_equal(again, q)
    assert np.allclose(scale_again, scale, rtol=1e-6)
    zero, zero_scale = e5_onnx.quantize_rows(np.zeros((2, 4), np.float32))
    assert not zero.any() and np.all(zero_scale == 1.0)


def test_the_numpy_engine_can_be_forced(monkeypatch):
    monkeypatch.setenv(e5_onnx.ENGINE_ENV, "numpy")
    assert not e5_onnx.available()
    meta = json.loads((GERMAN / "ner" / "meta.json").read_text(encoding="utf-8"))
    tagger = ner_e5.E5Tagger.load(GERMAN / "ner" / "weights.npz", meta["labels"])
    assert tagger.fast is None
    spans = tagger.tag([SENTENCES[0].split()])[0]
    assert (3, 5, "PER") in spans  # Xi Jinping, from the float32 layers
