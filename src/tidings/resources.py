"""Files shipped inside the package, read one way.

    lang/<code>/<name>.json|toml  per-language data (``lang_file``): month names, lexicons
    lang/<name>.json|toml         data of no one language (``shared_file``): agencies, orgs
    data/<name>                   other tables (``data_file``): people
    models/<name>/                trained models (``model_path``): ner-de, events-clf

A table is read once per process and cached: callers must not change the dict they get.
An absent file reads as an empty dict (a language need not have every file); a file that
cannot be parsed raises ``ResourceError`` naming the file and, where the parser says, the
line. Adding a language is adding a folder under ``lang/`` (``languages()`` lists them).
"""

from __future__ import annotations

import json
import re
import tomllib
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from tidings.errors import ResourceError

HINT = "fix the file or reinstall tidings"
_SUFFIXES = (".json", ".toml")
_SAFE_NAME = re.compile(r"[A-Za-z0-9_-]+")
_TOML_LINE = re.compile(r"\(at line (\d+), column \d+\)")


def _root() -> Path:
    return Path(str(resources.files("tidings")))


@cache
def languages() -> tuple[str, ...]:
    """Codes of the languages that have a folder under ``lang/``."""
    root = _root() / "lang"
    return tuple(sorted(p.name for p in root.iterdir() if p.is_dir() and len(p.name) <= 3))


def _find(folder: Path, name: str) -> Path | None:
    """``folder/<name>.json`` or ``folder/<name>.toml``; None when neither exists."""
    if not _SAFE_NAME.fullmatch(name):
        return None
    found = [folder / f"{name}{suffix}" for suffix in _SUFFIXES]
    found = [path for path in found if path.is_file()]
    if len(found) > 1:
        raise ResourceError(f"{found[0]} and {found[1]} hold the same resource: "
                            "only one of them is read", hint="remove one of the two files")
    return found[0] if found else None


def lang_path(lang: str, name: str) -> Path | None:
    """Where ``lang_file(lang, name)`` reads from, or None when there is no such file."""
    if not _SAFE_NAME.fullmatch(lang or ""):
        return None
    return _find(_root() / "lang" / lang, name)


@cache
def lang_file(lang: str, name: str) -> dict[str, Any]:
    """``lang/<lang>/<name>.json`` (or ``.toml``) as a dict; empty when there is none."""
    path = lang_path(lang, name)
    return read(path) if path else {}


@cache
def shared_file(name: str) -> dict[str, Any]:
    """``lang/<name>.json`` (or ``.toml``): data of no one language; empty when absent."""
    path = _find(_root() / "lang", name)
    return read(path) if path else {}


@cache
def data_file(name: str) -> dict[str, Any]:
    """``data/<name>`` (``people.json``; without a suffix ``.json`` or ``.toml`` is looked
    for) as a dict; empty when absent."""
    folder = _root() / "data"
    stem, dot, suffix = name.rpartition(".")
    if dot and f".{suffix}" in _SUFFIXES:
        path = folder / name
        return read(path) if _SAFE_NAME.fullmatch(stem) and path.is_file() else {}
    found = _find(folder, name)
    return read(found) if found else {}


def model_path(name: str) -> Path:
    """The folder of a model shipped inside the package: ``models/<name>`` (it may be
    missing: the caller says how to build it)."""
    return _root() / "models" / name


def read(path: Path) -> dict[str, Any]:
    """A ``.json`` or ``.toml`` file as a dict; ``ResourceError`` when it cannot be read."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ResourceError(f"{path} is not UTF-8 text (byte {exc.start})", hint=HINT) from exc
    except OSError as exc:
        raise ResourceError(f"{path} cannot be opened: {exc.strerror}", hint=HINT) from exc
    try:
        data = tomllib.loads(text) if path.suffix == ".toml" else json.loads(text)
    except json.JSONDecodeError as exc:
        raise ResourceError(f"{path}, line {exc.lineno}: {exc.msg}", hint=HINT) from exc
    except tomllib.TOMLDecodeError as exc:
        line = _TOML_LINE.search(str(exc))
        reason = _TOML_LINE.sub("", str(exc)).strip()
        where = f"{path}, line {line[1]}" if line else str(path)
        raise ResourceError(f"{where}: {reason}", hint=HINT) from exc
    if not isinstance(data, dict):
        raise ResourceError(f"{path}: the top level is a {type(data).__name__}, not an object",
                            hint=HINT)
    return data
