"""The ``similarity`` task: how likely two articles report the same event (issue #14).

Input records (JSONL, the SemEval-2022 Task 8 schema): ``pair_id``, ``lang1``, ``lang2``,
``text1``, ``text2``. Each text goes through the pipeline's stages up to entities, and the
pair is scored by the story clusterer's own pair score (``corpus.stories.pair_signals``:
vector cosine plus weighted shared entities; the texts carry no dates). Predictions:
``{pair_id, score}`` on the gold's 1-4 scale (1 = the same event, 4 = unrelated):
``4 - 3 x pair score``, clipped.

Scores: Pearson correlation with the gold ``scores.Overall`` (the task's official figure),
and the number of pairs.
"""

from __future__ import annotations

from typing import Any

import numpy as np

NAME = "similarity"
GOLD_FIELDS: tuple[str, ...] = ("scores",)
STAGES = ("metadata", "language", "sentences", "time", "entities")


def predict(records: list[dict[str, Any]], settings: Any = None) -> list[dict[str, Any]]:
    """A 1-4 score per pair, in input order."""
    from tidings.config import default_settings, load_settings
    from tidings.corpus.stories import embed, features, lead, pair_signals
    from tidings.model import Article
    from tidings.pipeline import Pipeline

    settings = settings or default_settings()
    pipeline = Pipeline(settings=load_settings(overrides={"pipeline": {"stages": list(STAGES)}}))
    docs: list[dict[str, Any]] = []
    for record in records:
        for side in ("1", "2"):
            article = Article(text=str(record.get(f"text{side}") or " "))
            article.extra["declared_lang"] = record.get(f"lang{side}")
            done = pipeline.pipe([article])[0]
            docs.append({"text": done.text, "title": None, "published": None,
                         "entities": [e.to_dict() for e in done.entities]})
    vectors = embed([lead(d, settings.stories.lead_chars) for d in docs])
    out = []
    for i, record in enumerate(records):
        a, b = 2 * i, 2 * i + 1
        signals = pair_signals(float(np.dot(vectors[a], vectors[b])), features(docs[a]),
                               features(docs[b]), settings.stories)
        value = signals["score"]
        out.append({"pair_id": record["pair_id"],
                    "score": round(float(np.clip(4.0 - 3.0 * value, 1.0, 4.0)), 4)})
    return out


def score(gold: list[dict[str, Any]], predicted: list[dict[str, Any]]) -> dict[str, Any]:
    mine = {r["pair_id"]: float(r["score"]) for r in predicted if r.get("score") is not None}
    pairs = [(float(g["scores"]["Overall"]), mine[g["pair_id"]]) for g in gold
             if g.get("scores") and g["pair_id"] in mine]
    if len(pairs) < 2:
        return {"pearson": 0.0, "pairs": len(pairs)}
    truth, guess = np.array(pairs).T
    pearson = float(np.corrcoef(truth, guess)[0, 1]) if guess.std() and truth.std() else 0.0
    return {"pearson": round(pearson, 4), "pairs": len(pairs)}
