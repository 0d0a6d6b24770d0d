"""Train, evaluate and export a German CNN named-entity model (the one shipped before issue #3).

The shipped German model is now the fine-tuned encoder of ``train_e5.py``, which uses this
file's data split and scorer. This model is a small spaCy 3.8 CNN pipeline (``tok2vec`` +
``ner``; with ``--vectors``, static vectors from ``build_vectors.py`` feed the tok2vec
embedding) that tags the four CoNLL types PER, ORG, LOC and MISC at the outer GermEval level.

Steps (all in one run)::

    1. read the JSONL NER sets from ``--data-root`` (default ``/work/shared/eval/ner``),
    2. split the GermEval 2014 test half (deterministic, by id hash) into a held-out part
       (15 %, never trained on and never used for selection), a checkpoint-selection part
       (10 %) and the rest (training),
    3. add the GermEval dev file to training (unless ``--hold-out-dev``) and, if asked, the
       historic newspaper sets; add entity-swapped copies of the GermEval sentences,
    4. write spaCy DocBin files into ``--work-dir`` (the given tokens are kept as they are),
    5. train with ``config.cfg``,
    6. score ``model-best`` on the held-out part and on the dev file (exact span and type),
    7. write ``model-best`` (with filled-in meta) to ``--out``.

Example (from the repository root, inside a venv with ``spacy>=3.8,<3.9``); the defaults are
the settings of the shipped model::

    OMP_NUM_THREADS=1 nice -n 10 python training/ner_de/train.py --out /tmp/ner-de-cnn

Flags:
    --out DIR            where the trained pipeline goes (default /tmp/ner-de-cnn; the shipped
                         German model is now the fine-tuned encoder of train_e5.py)
    --data-root DIR      folder with ``train/`` and ``germeval2014_de_dev.jsonl``
    --work-dir DIR       scratch folder for .spacy files and spaCy's training output
    --config FILE        spaCy training config (default: config.cfg next to this script)
    --hold-out-dev       do not train on the GermEval dev file; it then selects the checkpoint
                         and its score is a clean one (default: train on it, and a
                         --select-frac part of the test half selects the checkpoint)
    --select-frac F      checkpoint-selection part of the test half (default 0.10)
    --heldout-frac F     held-out part of the GermEval test half (default 0.15)
    --historic-frac F    add this fraction of the German historic newspaper sets (HIPE-2022
                         newseye/sonar, Europeana); default 0 (it did not help on GermEval)
    --germeval-repeat N  repeat the GermEval training sentences N times (default 1)
    --augment N          add N entity-swapped copies of the GermEval training sentences
                         (default 2)
    --seed N             seed for spaCy, subsampling and augmentation (default 0)
    --threads N          BLAS/OpenMP threads (default 1)
    --vectors DIR        spaCy pipeline folder with static vectors (from build_vectors.py);
                         turns on ``include_static_vectors`` in the tok2vec embedding
    --set KEY=VALUE      spaCy config override, repeatable (e.g. training.max_steps=2000)
    --eval-only          skip training; score the pipeline already in --out
    --no-export          train and score, but leave --out untouched
    --skip-train         reuse model-best of an earlier run in --work-dir (score and export);
                         pass the same data flags as that run
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))

from tidings.stages.entities.ner_text import iob_spans  # noqa: E402

DEFAULT_OUT = Path("/tmp/ner-de-cnn")
DEFAULT_DATA_ROOT = Path("/work/shared/eval/ner")
TYPES = ("PER", "ORG", "LOC", "MISC")

GERMEVAL_TRAIN = "train/germeval2014_de/train_from_test_half.jsonl"
GERMEVAL_DEV = "germeval2014_de_dev.jsonl"
HISTORIC = (
    "train/europeana_de/all.jsonl",
    "train/hipe_newseye_de/dev.jsonl",
    "train/hipe_newseye_de/dev2.jsonl",
    "train/hipe_newseye_de/test.jsonl",
    "train/hipe_sonar_de/dev.jsonl",
    "train/hipe_sonar_de/test.jsonl",
)

Record = dict[str, Any]
Span = tuple[int, int, int, str]


def limit_threads(n: int) -> None:
    """Cap BLAS/OpenMP threads; must run before numpy (via spaCy) is imported."""
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = str(n)


def normalize_token(tok: str) -> str:
    """Map historic long s to s; the models never see it in modern text anyway."""
    return tok.replace("ſ", "s")


def read_jsonl(path: Path) -> list[Record]:
    """Read one JSONL NER file and check that tags and entities agree (end_tok exclusive)."""
    records: list[Record] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            tokens = [normalize_token(t) for t in rec["tokens"]]
            tags = list(rec["ner_tags"])
            if len(tokens) != len(tags) or not tokens:
                continue
            if any(not t or t.isspace() for t in tokens):
                tokens = [t if t and not t.isspace() else "_" for t in tokens]
            rec["tokens"] = tokens
            rec["ner_tags"] = [fix_tag(t) for t in tags]
            records.append(rec)
    return records


def fix_tag(tag: str) -> str:
    """Keep only the four outer types; anything else becomes O."""
    if tag == "O" or "-" not in tag:
        return "O"
    prefix, label = tag.split("-", 1)
    return f"{prefix}-{label}" if label in TYPES and prefix in ("B", "I") else "O"


def bucket(rec_id: str) -> float:
    """Deterministic number in [0, 1) from a hash of the sentence id (for splitting)."""
    digest = hashlib.md5(rec_id.encode("utf-8")).hexdigest()
    return (int(digest[:8], 16) % 10_000) / 10_000


def augment(records: Sequence[Record], copies: int, seed: int) -> list[Record]:
    """Entity-swap augmentation: copies of sentences with each entity replaced by a random
    mention of the same type taken from the same records (so nothing outside the training
    data leaks in). Teaches the model to rely on context and word shape, not on memorised
    names."""
    rng = random.Random(seed)
    pool: dict[str, list[list[str]]] = {t: [] for t in TYPES}
    for rec in records:
        for s, e, lab in iob_spans(rec["ner_tags"]):
            pool[lab].append(rec["tokens"][s:e])
    out: list[Record] = []
    for k in range(copies):
        for rec in records:
            spans = iob_spans(rec["ner_tags"])
            if not spans:
                continue
            tokens: list[str] = []
            tags: list[str] = []
            pos = 0
            for s, e, lab in spans:
                tokens.extend(rec["tokens"][pos:s])
                tags.extend(rec["ner_tags"][pos:s])
                mention = rng.choice(pool[lab]) if rng.random() < 0.8 else rec["tokens"][s:e]
                tokens.extend(mention)
                tags.extend([f"B-{lab}"] + [f"I-{lab}"] * (len(mention) - 1))
                pos = e
            tokens.extend(rec["tokens"][pos:])
            tags.extend(rec["ner_tags"][pos:])
            out.append({"id": f"{rec['id']}-aug{k}", "tokens": tokens, "ner_tags": tags})
    return out


def to_docbin(records: Iterable[Record], path: Path) -> int:
    """Write records as a spaCy DocBin built from the given tokens; returns the doc count."""
    import spacy
    from spacy.tokens import Doc, DocBin, Span

    nlp = spacy.blank("de")
    db = DocBin(store_user_data=False)
    n = 0
    for rec in records:
        words = rec["tokens"]
        spaces = [True] * (len(words) - 1) + [False]
        doc = Doc(nlp.vocab, words=words, spaces=spaces)
        doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in iob_spans(rec["ner_tags"])]
        db.add(doc)
        n += 1
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return n


def predict(nlp: Any, records: Sequence[Record]) -> list[list[tuple[int, int, str]]]:
    """Run the pipeline on the given tokens (no re-tokenization)."""
    from spacy.tokens import Doc

    docs = (
        Doc(nlp.vocab, words=r["tokens"], spaces=[True] * (len(r["tokens"]) - 1) + [False])
        for r in records
    )
    return [[(e.start, e.end, e.label_) for e in d.ents] for d in nlp.pipe(docs, batch_size=256)]


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from counts."""
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "n_gold": n_gold}


def score(records: Sequence[Record], preds: Sequence[list[tuple[int, int, str]]]) -> dict:
    """Exact-match entity P/R/F1 (span and type), overall and per type, plus error counts."""
    gold: set[Span] = set()
    pred: set[Span] = set()
    for i, (rec, ents) in enumerate(zip(records, preds, strict=True)):
        gold.update((i, s, e, lab) for s, e, lab in iob_spans(rec["ner_tags"]))
        pred.update((i, s, e, lab) for s, e, lab in ents)
    tp = gold & pred
    out: dict[str, Any] = {"overall": prf(len(tp), len(pred), len(gold))}
    for t in TYPES:
        out[t] = prf(
            sum(x[3] == t for x in tp), sum(x[3] == t for x in pred), sum(x[3] == t for x in gold)
        )
    gold_spans = {x[:3]: x[3] for x in gold}
    wrong_type = sum(1 for x in pred - tp if x[:3] in gold_spans)
    out["errors"] = {
        "false_pos": len(pred - tp),
        "false_neg": len(gold - tp),
        "right_span_wrong_type": wrong_type,
        "confusions": Counter(
            f"{gold_spans[x[:3]]}->{x[3]}" for x in pred - tp if x[:3] in gold_spans
        ).most_common(8),
    }
    return out


def format_scores(name: str, s: dict) -> str:
    """Render a score dict as a small text table."""
    lines = [f"== {name}", f"{'type':<8}{'P':>8}{'R':>8}{'F1':>8}{'gold':>7}"]
    for key in ("overall", *TYPES):
        v = s[key]
        lines.append(f"{key:<8}{v['p']:>8.3f}{v['r']:>8.3f}{v['f']:>8.3f}{v['n_gold']:>7}")
    lines.append(f"errors: {s['errors']}")
    return "\n".join(lines)


def dir_size(path: Path) -> int:
    """Total size in bytes of the files under path."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Command-line flags (see the module docstring)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--data-root", type=Path, default=DEFAULT_DATA_ROOT)
    ap.add_argument("--work-dir", type=Path, default=Path("/tmp/ner_de_work"))
    ap.add_argument("--config", type=Path, default=HERE / "config.cfg")
    ap.add_argument("--historic-frac", type=float, default=0.0)
    ap.add_argument("--germeval-repeat", type=int, default=1)
    ap.add_argument("--augment", type=int, default=2)
    ap.add_argument("--heldout-frac", type=float, default=0.15)
    ap.add_argument("--select-frac", type=float, default=0.10)
    ap.add_argument("--hold-out-dev", action="store_true")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--vectors", type=Path, default=None)
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE")
    ap.add_argument("--eval-only", action="store_true")
    ap.add_argument("--no-export", action="store_true")
    ap.add_argument("--skip-train", action="store_true")
    return ap.parse_args(argv)


def parse_overrides(items: Sequence[str]) -> dict[str, Any]:
    """Turn KEY=VALUE strings into spaCy config overrides (values parsed as JSON if possible)."""
    out: dict[str, Any] = {}
    for item in items:
        key, _, raw = item.partition("=")
        try:
            out[key.strip()] = json.loads(raw)
        except json.JSONDecodeError:
            out[key.strip()] = raw
    return out


def vector_overrides(vectors: Path | None) -> dict[str, Any]:
    """Config overrides that initialise the pipeline with static vectors and feed them to
    the tok2vec embedding (the vectors are then saved inside the trained pipeline)."""
    if vectors is None:
        return {}
    return {
        "paths.vectors": str(vectors),
        "components.tok2vec.model.embed.include_static_vectors": True,
    }


def vector_sources(vectors: Path | None) -> list[dict[str, str]]:
    """The source notes that build_vectors.py left next to the vectors, if any."""
    note = vectors / "vector_sources.json" if vectors else None
    return json.loads(note.read_text(encoding="utf-8")) if note and note.exists() else []


def load_data(
    args: argparse.Namespace,
) -> tuple[list[Record], list[Record], list[Record], list[Record]]:
    """Return (train, selection, held-out, dev) record lists.

    The held-out part of the GermEval test half is never trained on nor used for selection.
    Without ``--train-on-dev`` the dev file is the selection set; with it, the dev file is
    trained on and a ``--select-frac`` part of the test half selects the checkpoint.
    """
    germeval = read_jsonl(args.data_root / GERMEVAL_TRAIN)
    dev = read_jsonl(args.data_root / GERMEVAL_DEV)
    lo, hi = args.heldout_frac, args.heldout_frac + args.select_frac
    held = [r for r in germeval if bucket(r["id"]) < lo]
    if not args.hold_out_dev:
        select = [r for r in germeval if lo <= bucket(r["id"]) < hi]
        train = [r for r in germeval if bucket(r["id"]) >= hi] + dev
    else:
        select = dev
        train = [r for r in germeval if bucket(r["id"]) >= lo]
    dev_keys = {tuple(r["tokens"]) for r in [*held, *select]}
    train = [r for r in train if tuple(r["tokens"]) not in dev_keys]
    train = train * max(1, args.germeval_repeat) + augment(train, args.augment, args.seed)
    n_ge = len(train)
    if args.historic_frac > 0:
        hist: list[Record] = []
        for rel in HISTORIC:
            hist.extend(read_jsonl(args.data_root / rel))
        rng = random.Random(args.seed)
        rng.shuffle(hist)
        hist = hist[: int(len(hist) * args.historic_frac)]
        train.extend(hist)
    before = len(train)
    train = [r for r in train if tuple(r["tokens"]) not in dev_keys]
    print(
        f"data: germeval train {n_ge}, historic {before - n_ge}, "
        f"dropped {before - len(train)} overlapping dev/held-out, "
        f"selection {len(select)}, held-out {len(held)}, dev {len(dev)} "
        f"({'trained on' if not args.hold_out_dev else 'not trained on'})",
        flush=True,
    )
    return train, select, held, dev


def evaluate(
    model_dir: Path, held: Sequence[Record], dev: Sequence[Record], dev_trained: bool
) -> dict:
    """Score a pipeline folder on the held-out part and the dev file; prints the tables."""
    import spacy

    nlp = spacy.load(model_dir)
    t0 = time.perf_counter()
    res = {
        "heldout_germeval_test_half": score(held, predict(nlp, held)),
        "germeval_dev": score(dev, predict(nlp, dev)),
    }
    n_tok = sum(len(r["tokens"]) for r in [*held, *dev])
    res["words_per_sec"] = round(n_tok / (time.perf_counter() - t0))
    print(
        format_scores(
            "held-out GermEval test-half part (never trained on)", res["heldout_germeval_test_half"]
        )
    )
    dev_note = (
        "TRAINED ON, not a held-out score"
        if dev_trained
        else "not trained on; used for checkpoint selection"
    )
    res["dev_trained_on"] = dev_trained
    print(format_scores(f"GermEval dev file ({dev_note})", res["germeval_dev"]))
    print(f"speed: {res['words_per_sec']} words/s (1 thread)")
    return res


def export(model_dir: Path, out: Path, scores: dict, args: argparse.Namespace) -> None:
    """Copy model-best to ``out`` via to_disk, with descriptive meta."""
    import spacy

    nlp = spacy.load(model_dir)
    held = scores["heldout_germeval_test_half"]
    nlp.meta.update(
        {
            "name": "tidings_ner_de",
            "version": "0.1.0",
            "description": "German NER (PER/ORG/LOC/MISC), spaCy CNN"
            + (
                f", static vectors {nlp.vocab.vectors.name} (training/ner_de/build_vectors.py)"
                if nlp.vocab.vectors.shape[0]
                else ", no vectors"
            )
            + "; trained by training/ner_de/train.py",
            "license": "CC BY 4.0",
            "sources": [
                {"name": "GermEval 2014 NER (test half)", "license": "CC BY 4.0"},
                *(
                    [{"name": "GermEval 2014 NER (dev)", "license": "CC BY 4.0"}]
                    if not args.hold_out_dev
                    else []
                ),
                *vector_sources(args.vectors),
                *(
                    []
                    if args.historic_frac <= 0
                    else [
                        {"name": "HIPE-2022 newseye de, sonar de", "license": "CC BY 4.0"},
                        {"name": "Europeana Newspapers NER de", "license": "CC0 1.0"},
                    ]
                ),
            ],
            "tidings_scores": {
                "heldout_f1": held["overall"]["f"],
                "dev_f1": scores["germeval_dev"]["overall"]["f"],
                "dev_trained_on": not args.hold_out_dev,
                "performance_above_is_on": "checkpoint-selection part of the test half",
            },
        }
    )
    if out.exists():
        shutil.rmtree(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    nlp.to_disk(out)
    print(f"exported {out} ({dir_size(out) / 1e6:.1f} MB)")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point."""
    args = parse_args(argv)
    limit_threads(args.threads)
    train_docs, select, held, dev = load_data(args)
    if args.eval_only:
        evaluate(args.out, held, dev, not args.hold_out_dev)
        return 0

    work = args.work_dir
    minutes = None
    if not args.skip_train:
        from spacy.cli.train import train as spacy_train

        n_train = to_docbin(train_docs, work / "train.spacy")
        to_docbin(select, work / "dev.spacy")
        print(f"wrote {n_train} training docs to {work}", flush=True)
        overrides = {
            "paths.train": str(work / "train.spacy"),
            "paths.dev": str(work / "dev.spacy"),
            "system.seed": args.seed,
            **vector_overrides(args.vectors),
            **parse_overrides(args.set),
        }
        t0 = time.perf_counter()
        spacy_train(args.config, work / "output", overrides=overrides, use_gpu=-1)
        minutes = round((time.perf_counter() - t0) / 60, 1)
        print(f"training took {minutes} min", flush=True)
    best = work / "output" / "model-best"
    scores = evaluate(best, held, dev, not args.hold_out_dev)
    scores["train_minutes"] = minutes
    scores["model_mb"] = round(dir_size(best) / 1e6, 2)
    scores["args"] = {k: str(v) for k, v in vars(args).items()}
    (work / "scores.json").write_text(json.dumps(scores, indent=2), encoding="utf-8")
    if not args.no_export:
        export(best, args.out, scores, args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
