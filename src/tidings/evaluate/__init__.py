"""Evaluation: predict on gold inputs with the answers removed, then score against the gold.

Each task is a module ``tidings.evaluate.tasks.<task>`` with::

    NAME: str
    GOLD_FIELDS: tuple[str, ...]           # removed from every record before predict
    def predict(records: list[dict]) -> list[dict]
    def score(gold: list[dict], predicted: list[dict]) -> dict   # flat metrics (+ "per_lang")

``predict`` never sees a gold field: the harness deletes them first.
"""

from __future__ import annotations

import importlib
import json
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from types import ModuleType
from typing import Any

from tidings.errors import InputError, NotBuiltError

TASKS: dict[str, str] = {
    "metadata": "title, date, language, agency and dateline place of whole documents",
    "ner": "named entities (issue #3)",
    "timex": "temporal expressions (issue #4)",
    "events": "PLOVER events (issue #5)",
    "quotes": "quotes and their speakers",
    "clustering": "articles grouped into stories",
    "similarity": "same-event similarity of article pairs",
    "search": "articles found by a query in any language: full text, semantic, both (#15)",
    "storylines": "stories linked into storylines over months (BCubed, as clustering)",
}


def load_task(name: str) -> ModuleType:
    """The task module for ``name``. Raises ``NotBuiltError`` when its stage does not exist."""
    if name not in TASKS:
        raise InputError(f"unknown task '{name}'", hint=f"choose one of: {', '.join(TASKS)}")
    try:
        return importlib.import_module(f"tidings.evaluate.tasks.{name}")
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.startswith("tidings.evaluate.tasks"):
            raise NotBuiltError(
                f"the '{name}' stage is not built yet: {TASKS[name]}",
                hint="this version of tidings cannot predict or score it",
            ) from exc
        raise


def read_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """JSONL records of ``path``; a broken line raises ``InputError`` naming the line."""
    with open(path, encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise InputError(f"{path}, line {number}: invalid JSON: {exc.msg}") from exc
            if not isinstance(record, dict):
                raise InputError(f"{path}, line {number}: expected a JSON object")
            yield record


def strip_gold(records: list[dict[str, Any]], fields: tuple[str, ...]) -> list[dict[str, Any]]:
    """Copies of ``records`` without the gold fields."""
    return [{k: v for k, v in record.items() if k not in fields} for record in records]


def predict_file(task: str, input_path: str | Path, out_path: str | Path) -> int:
    """Write predictions for the records of ``input_path`` (gold fields, if any, removed)."""
    module = load_task(task)
    records = strip_gold(list(read_records(input_path)), module.GOLD_FIELDS)
    predicted = module.predict(records)
    with open(out_path, "w", encoding="utf-8") as handle:
        for record in predicted:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return len(predicted)


def evaluate_file(task: str, gold_path: str | Path, limit: int | None = None) -> dict[str, Any]:
    """Predict on the gold file with its answers removed, and score. ``limit``: score only
    the first ``limit`` records (the CI gate's subsets of slow files); None scores them all."""
    module = load_task(task)
    gold = list(islice(read_records(gold_path), limit))
    if not gold:
        raise InputError(f"{gold_path} holds no records")
    predicted = module.predict(strip_gold(gold, module.GOLD_FIELDS))
    metrics = module.score(gold, predicted)
    return {"task": task, "gold": str(gold_path), "records": len(gold), **metrics}
