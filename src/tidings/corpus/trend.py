"""Where an event type stands between cooperation and conflict: its quad class and a score.

``data/plover_scores.toml`` gives each PLOVER type the GDELT quad class of its CAMEO codes and
a score, the mean Goldstein (1992) weight of those codes, from -10 (most conflictual) to +10
(most cooperative); some types also score each mode apart (RETREAT ``access`` 9.0). The table
is built by ``training/storylines/plover_scores.py`` from Schrodt's CAMEO2PLOVER table; its
``about`` string says where every number comes from.

    >>> quad("ASSAULT"), score("RETREAT", "access")
    ('material_conflict', 9.0)

The table is read once per process. A missing or malformed table raises ``ResourceError``
naming the file: an unknown type reads as None, a broken table never does.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from tidings.errors import ResourceError
from tidings.resources import data_file

__all__ = ["QUADS", "quad", "score"]

QUADS: tuple[str, ...] = (
    "verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict",
)
TABLE = "plover_scores.toml"
_HINT = "rebuild it with `python training/storylines/plover_scores.py` or reinstall tidings"


def _path() -> Path:
    return Path(str(resources.files("tidings"))) / "data" / TABLE


def _is_score(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and -10 <= value <= 10


def _problem(name: str, entry: Any) -> str | None:
    """What is wrong with one type's entry, or None when it can be used."""
    if not isinstance(entry, dict):
        return "is not a table"
    if entry.get("quad") not in QUADS:
        return f"has quad {entry.get('quad')!r}, not one of {', '.join(QUADS)}"
    if not _is_score(entry.get("score")):
        return f"has score {entry.get('score')!r}, not a number from -10 to 10"
    modes = entry.get("modes", {})
    if not isinstance(modes, dict):
        return "has modes that are not a table"
    for mode, value in modes.items():
        if not isinstance(value, dict) or not _is_score(value.get("score")):
            return f"has mode {mode!r} without a score from -10 to 10"
    return None


@cache
def _types() -> dict[str, dict[str, Any]]:
    """type -> its entry, checked once; ``ResourceError`` when the table cannot be used."""
    types = data_file(TABLE).get("types")  # a file that does not parse raises here
    if not isinstance(types, dict) or not types:
        raise ResourceError(f"{_path()} is missing or has no [types] table", hint=_HINT)
    for name, entry in types.items():
        problem = _problem(name, entry)
        if problem:
            raise ResourceError(f"{_path()}: [types.{name}] {problem}", hint=_HINT)
    return types


def quad(event_type: str) -> str | None:
    """The quad class of a PLOVER type (one of ``QUADS``); None for an unknown type."""
    entry = _types().get(event_type)
    return entry["quad"] if entry else None


def score(event_type: str, mode: str | None = None) -> float | None:
    """The cooperation-conflict score of a PLOVER type, from -10 to +10: the mode's when the
    table scores that mode, else the type's; None for an unknown type."""
    entry = _types().get(event_type)
    if entry is None:
        return None
    by_mode = entry.get("modes", {})
    if mode and mode in by_mode:
        return float(by_mode[mode]["score"])
    return float(entry["score"])
