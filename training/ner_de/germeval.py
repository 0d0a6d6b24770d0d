"""The German NER data split and scorer that ``train_e5.py`` uses.

The GermEval 2014 test half is split by an md5 hash of the sentence id into a held-out part
(``heldout_frac``, never trained on and never used for selection), a checkpoint-selection
part (``select_frac``) and training (the rest, plus the GermEval dev file). Scores are exact
span and type at the outer level, over the given tokens. The split and the scorer are those
of the CNN model shipped before (its ``train.py`` is in the git history), so its figures in
``README.md`` and the fine-tuned encoder's are on the same sentences.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tidings.stages.entities.ner_text import iob_spans

DEFAULT_DATA_ROOT = Path("/work/shared/eval/ner")
TYPES = ("PER", "ORG", "LOC", "MISC")
GERMEVAL_TRAIN = "train/germeval2014_de/train_from_test_half.jsonl"
GERMEVAL_DEV = "germeval2014_de_dev.jsonl"

Record = dict[str, Any]
Span = tuple[int, int, int, str]


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


def load_data(data_root: Path, heldout_frac: float, select_frac: float, augment_copies: int = 0,
              seed: int = 0) -> tuple[list[Record], list[Record], list[Record]]:
    """``(train, selection, held-out)`` record lists.

    The held-out part of the GermEval test half is never trained on nor used for selection;
    the GermEval dev file is trained on. A training sentence whose tokens equal those of a
    held-out or selection sentence is dropped (before and after augmentation).
    """
    germeval = read_jsonl(data_root / GERMEVAL_TRAIN)
    dev = read_jsonl(data_root / GERMEVAL_DEV)
    lo, hi = heldout_frac, heldout_frac + select_frac
    held = [r for r in germeval if bucket(r["id"]) < lo]
    select = [r for r in germeval if lo <= bucket(r["id"]) < hi]
    train = [r for r in germeval if bucket(r["id"]) >= hi] + dev
    dev_keys = {tuple(r["tokens"]) for r in [*held, *select]}
    train = [r for r in train if tuple(r["tokens"]) not in dev_keys]
    train = train + augment(train, augment_copies, seed)
    before = len(train)
    train = [r for r in train if tuple(r["tokens"]) not in dev_keys]
    print(
        f"data: germeval train {before}, dropped {before - len(train)} overlapping "
        f"selection/held-out, selection {len(select)}, held-out {len(held)}, "
        f"dev {len(dev)} (trained on)",
        flush=True,
    )
    return train, select, held


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
