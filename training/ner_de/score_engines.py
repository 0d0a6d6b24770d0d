"""Score the shipped German NER model on both of its engines, on the same sentences.

The int8 ONNX Runtime graph (``tidings.embed.e5_onnx``) and the float32 NumPy layers
(``tidings.embed.e5.encode``) run the same weights; this prints, for each, the exact-match
entity F1 on the held-out and selection parts of ``germeval.load_data`` (the same split as
``train_e5.py``), the time taken, and whether the int8 tags of a sentence change when it is
tagged alone instead of in a batch (they must not: activations are quantized per token)::

    python training/ner_de/score_engines.py [--data-root /work/shared/eval/ner]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import germeval

from tidings.stages.entities.ner import model_path
from tidings.stages.entities.ner_e5 import E5Tagger


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-root", type=Path, default=Path("/work/shared/eval/ner"))
    args = ap.parse_args(argv)
    _train, select, held = germeval.load_data(args.data_root, 0.15, 0.10)
    folder = model_path("ner-de") / "ner"
    labels = json.loads((folder / "meta.json").read_text(encoding="utf-8"))["labels"]
    tagger = E5Tagger.load(folder / "weights.npz", labels)
    if tagger.fast is None:
        print("onnxruntime is not installed: only the NumPy engine can run", file=sys.stderr)
        return 2
    fast = tagger.fast
    for name, records in (("held-out", held), ("selection", select)):
        sentences = [r["tokens"] for r in records]
        for engine in ("int8 ONNX Runtime", "float32 NumPy"):
            tagger.fast = fast if engine.startswith("int8") else None
            start = time.perf_counter()
            preds = tagger.tag(sentences)
            seconds = time.perf_counter() - start
            scores = germeval.score(records, preds)["overall"]
            print(f"{name:<10} {engine:<18} P {scores['p']:.4f} R {scores['r']:.4f} "
                  f"F1 {scores['f']:.4f} ({len(records)} sentences, {seconds:.2f} s)")
    tagger.fast = fast
    sentences = [r["tokens"] for r in held]
    batched = tagger.tag(sentences)
    alone = [tagger.tag([s])[0] for s in sentences]
    changed = sum(a != b for a, b in zip(batched, alone, strict=True))
    print(f"int8 tags changed by batching: {changed} of {len(sentences)} sentences")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
