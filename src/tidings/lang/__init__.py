"""Language resources live in data, one folder per language (``lang/de/``, ``lang/es/``).

Adding a language is adding a folder: ``text.json`` (header labels, abbreviations),
``time.json`` (temporal expressions), and what later stages read.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def languages() -> tuple[str, ...]:
    """Codes of the languages that have a folder here."""
    root = resources.files("tidings.lang")
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and len(p.name) <= 3))


@cache
def load(lang: str, name: str) -> dict[str, Any]:
    """``lang/<lang>/<name>.json`` as a dict; empty when the language has no such file."""
    path = resources.files("tidings.lang").joinpath(lang, f"{name}.json")
    if not path.is_file():
        return {}
    return json.loads(path.read_text("utf-8"))


@cache
def load_shared(name: str) -> dict[str, Any]:
    """``lang/<name>.json``: data that belongs to no one language (agencies)."""
    return json.loads(resources.files("tidings.lang").joinpath(f"{name}.json").read_text("utf-8"))
