"""A spaCy attribute ruler asked about single tokens instead of run over every token.

spaCy's small models give tokens their coarse part of speech, fine tag and morphology
through an ``attribute_ruler`` component: a tag map and its exceptions, written as token
patterns, matched over every token of every parsed sentence. The role rules (``syntax``)
read those attributes for two or three tokens a sentence, and running the component was a
fifth of the event stage's parse time (issue 12). So the event stage's parser drops it, and
``TokenRuler`` answers for one token at a time what the component would have written:
the last pattern entry (in the component's order) that matches the token and sets the
attribute gives its value; with none, the token keeps what the earlier components set. As
in spaCy, patterns are matched against the sentence as the ruler found it.

Entries that set other attributes (the English model relabels the dependency of whitespace
tokens) are applied to the whole sentence right after parsing, as the component would; the
values they replace are kept for matching. A pattern this module cannot read (an operator,
a predicate other than equality, IN, NOT_IN and REGEX) keeps the component in the pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

# Pattern keys we read, with the token attribute each is matched against.
_KEYS = {"TAG": "tag_", "LOWER": "lower_", "DEP": "dep_", "IS_SPACE": "is_space",
         "POS": "pos_", "ORTH": "text"}
# Attributes answered per token on demand; entries setting anything else run eagerly.
LAZY = frozenset({"POS", "TAG", "MORPH", "LEMMA"})
_ORIGINAL = "tidings_ruler_original"  # Doc.user_data key: values the eager entries replaced


@dataclass(frozen=True, slots=True)
class _Entry:
    """One pattern entry: alternatives of token tests, the matched token the attributes go
    to, and the attributes."""

    alternatives: tuple[tuple[tuple[tuple[str, Any], ...], ...], ...]
    index: int
    attrs: dict[str, Any]

    def index_keys(self) -> list[tuple[str | None, Any]]:
        """``(LOWER or TAG, value)`` pairs one of which the token that takes the attributes
        has whenever the entry matches; ``(None, None)`` when no such test exists."""
        out: list[tuple[str | None, Any]] = []
        for tests in self.alternatives:
            at = self.index if self.index >= 0 else len(tests) + self.index
            found = dict(tests[at]) if 0 <= at < len(tests) else {}
            for key in ("LOWER", "TAG"):
                want = found.get(key)
                if isinstance(want, str):
                    out.append((key, want))
                    break
                if isinstance(want, dict) and "IN" in want:
                    out += [(key, value) for value in want["IN"]]
                    break
            else:
                out.append((None, None))
        return out

    def matches(self, token: Any, original: dict[tuple[int, str], Any]) -> bool:
        doc = token.doc
        for tests in self.alternatives:
            n = len(tests)
            at = self.index if self.index >= 0 else n + self.index
            start = token.i - at
            if start < 0 or start + n > len(doc):
                continue
            if all(_test(doc[start + k], key, want, original)
                   for k in range(n) for key, want in tests[k]):
                return True
        return False


def _value(token: Any, key: str, original: dict[tuple[int, str], Any]) -> Any:
    found = original.get((token.i, key))
    return found if found is not None else getattr(token, _KEYS[key])


def _test(token: Any, key: str, want: Any, original: dict[tuple[int, str], Any]) -> bool:
    value = _value(token, key, original)
    if isinstance(want, dict):
        (op, arg), = want.items()
        if op == "IN":
            return value in arg
        if op == "NOT_IN":
            return value not in arg
        return re.search(arg, str(value)) is not None  # REGEX (checked when compiled)
    return bool(value == want)


def _compile_test(test: dict[str, Any]) -> tuple[tuple[str, Any], ...] | None:
    out = []
    for key, want in test.items():
        if key not in _KEYS:
            return None
        if isinstance(want, dict) and (
            len(want) != 1 or next(iter(want)) not in {"IN", "NOT_IN", "REGEX"}
        ):
            return None
        out.append((key, want))
    return tuple(out)


class TokenRuler:
    """The entries of one ``attribute_ruler``, asked per token (see the module's text)."""

    def __init__(self, entries: Sequence[_Entry]) -> None:
        self.entries = tuple(entries)
        self.eager = tuple(e for e in self.entries if set(e.attrs) - LAZY)
        # Which entries can apply to a token, by its lower-case form or tag (most entries
        # test one of them), so that a question does not try all of them.
        self.by_value: dict[tuple[str, Any], set[int]] = {}
        self.anywhere: set[int] = set()
        for number, entry in enumerate(self.entries):
            for key, value in entry.index_keys():
                if key is None:
                    self.anywhere.add(number)
                else:
                    self.by_value.setdefault((key, value), set()).add(number)

    @classmethod
    def from_patterns(cls, patterns: Sequence[dict[str, Any]]) -> TokenRuler | None:
        """From the component's ``patterns`` (in its order); None when one cannot be read
        here (the component must then run)."""
        entries = []
        for entry in patterns:
            alternatives = []
            for pattern in entry["patterns"]:
                tests = [_compile_test(test) for test in pattern]
                if not tests or any(t is None for t in tests):
                    return None
                alternatives.append(tuple(t for t in tests if t is not None))
            attrs = {str(k).upper(): v for k, v in entry["attrs"].items()}
            if set(attrs) - LAZY - {"DEP"}:
                return None
            entries.append(_Entry(tuple(alternatives), int(entry.get("index", 0)), attrs))
        return cls(entries)

    def apply_eager(self, doc: Any) -> Any:
        """Set on ``doc`` what the entries with non-lazy attributes set (all matched before
        any is applied, as the component does), keeping the values they replace."""
        if not self.eager:
            return doc
        original: dict[tuple[int, str], Any] = {}
        changes = [(token, entry) for entry in self.eager for token in doc
                   if entry.matches(token, original)]
        for token, entry in changes:
            for key, value in entry.attrs.items():
                if key in LAZY:
                    continue
                original.setdefault((token.i, key), getattr(token, _KEYS[key]))
                setattr(token, _KEYS[key], value)
        if original:
            doc.user_data[_ORIGINAL] = original
        return doc

    def get(self, token: Any, attr: str) -> str:
        """``attr`` (POS, TAG or MORPH) of ``token`` as the component would have set it."""
        original = token.doc.user_data.get(_ORIGINAL, {})
        numbers = (
            self.anywhere
            | self.by_value.get(("LOWER", _value(token, "LOWER", original)), set())
            | self.by_value.get(("TAG", _value(token, "TAG", original)), set())
        )
        for number in sorted(numbers, reverse=True):
            entry = self.entries[number]
            if attr in entry.attrs and entry.matches(token, original):
                value = str(entry.attrs[attr])
                return "" if attr == "MORPH" and value == "_" else value  # "_": no features
        if attr == "MORPH":
            return str(token.morph)
        return str(getattr(token, _KEYS[attr]))
