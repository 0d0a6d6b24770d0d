"""Primitives shared by the NER rules: the span and rule-data types, word shapes, segments.

``Tagged`` is a span over the tokens of one document; ``NerRules`` holds one language's
rule data, read from ``lang/<code>/ner.json`` (label mapping, confidences, word lists and the
``options`` that switch rules on). The rules themselves live in :mod:`ner_rules` (casing,
clean-up, document consistency) and :mod:`ner_layout` (what the layout and context of news
text say: results lines, datelines, line-ups, cue words, teams).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

TYPES = ("PER", "ORG", "LOC", "MISC")

# A token that is a number or a score: 83, 4-38, 81-3, 1=, 6-2, 19.32, 4-0-25-0.
NUMBERISH = re.compile(r"^[(\[]?[+\-–]?\d[\d.,:/=+\-–]*[)\]]?%?$")
SCORE = re.compile(r"^\d{1,3}(?:[-–:]\d{1,3})?$")
# Tokens that end a span: separators between names, never inside one.
SEPARATORS = frozenset("()[],;:|/«»") | {"-", "–", "—", "--", "...", "..", "=", "+", "*"}
SENTENCE_END = frozenset({".", "!", "?", "。", "！", "？", "..."})
TRAILING = frozenset({'"', "'", "“", "”", "’", ".", "'s"})
LABEL_MARKS = frozenset({"-", "--", "–", "—", ":"})
# Any number-like token: 83, .515, 1/2, 20:36:54, 4-0-25-0.
NUMERIC = re.compile(r"^[+\-–]?[\d.,:/=+\-–%]*\d[\d.,:/=+\-–%]*$")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$")
JOINERS = frozenset({"of", "'s", "’s", "&", "de", "del", "la", "-", "and"})


@dataclass(slots=True)
class Tagged:
    """One span over document tokens: ``[start, end)`` with our type and the model's label."""

    start: int
    end: int
    type: str
    raw: str
    origin: str = "model"  # model, consistency, surname, score


@dataclass(frozen=True, slots=True)
class NerRules:
    """The rule data of one language (``lang/<code>/ner.json``)."""

    labels: dict[str, str]  # model label -> PER/ORG/LOC/MISC; unlisted labels are dropped
    confidence: dict[str, float]  # type -> dev precision of that type
    stop_words: frozenset[str] = frozenset()  # lower case; one-word spans of these are dropped
    strip_leading: frozenset[str] = frozenset()  # lower case; determiners before a name
    particles: frozenset[str] = frozenset()  # lower-case words that may start a name ("de")
    strip_trailing: frozenset[str] = frozenset()  # possessive tokens: 's
    cue_words: dict[str, str] = field(default_factory=dict)  # head/tail word -> its type
    countries: frozenset[str] = frozenset()  # country names in this language and English
    places: frozenset[str] = frozenset()  # known place names (GeoNames cities, countries)
    country_codes: frozenset[str] = frozenset()  # ISO alpha-3 and IOC codes: ESP, GER, SUI
    demonyms: frozenset[str] = frozenset()  # "deutschen": tagged MISC when options.demonyms
    not_names: frozenset[str] = frozenset()  # lower case: months, weekdays ("june", "aug")
    cased: bool = True  # the script has upper and lower case
    options: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict[str, Any], stop_words: frozenset[str],
                  countries: frozenset[str] = frozenset(),
                  places: frozenset[str] = frozenset(),
                  country_codes: frozenset[str] = frozenset(),
                  demonyms: frozenset[str] = frozenset()) -> NerRules:
        """Build from the parsed ``ner.json``, the model's stop-word list and the names of
        countries."""
        return cls(
            labels=dict(data.get("labels", {})),
            confidence={t: float(v) for t, v in data.get("confidence", {}).items()},
            stop_words=frozenset(w.lower() for w in stop_words)
            | frozenset(w.lower() for w in data.get("stop_words", [])),
            strip_leading=frozenset(data.get("strip_leading", [])),
            particles=frozenset(data.get("particles", [])),
            strip_trailing=frozenset(data.get("strip_trailing", [])),
            cue_words={w: t for t, ws in data.get("cue_words", {}).items() for w in ws},
            countries=countries,
            places=places,
            country_codes=country_codes,
            demonyms=demonyms if data.get("options", {}).get("demonyms") else frozenset(),
            not_names=frozenset(w.lower() for w in data.get("not_names", [])),
            cased=bool(data.get("cased", True)),
            options=dict(data.get("options", {})),
        )

    def on(self, name: str, default: bool = True) -> bool:
        """Whether the named rule is switched on for this language."""
        return bool(self.options.get(name, default))


def is_cap(token: str) -> bool:
    """Whether a token can start a name: its first letter is upper case, or caseless (CJK)."""
    for ch in token:
        if ch.isalpha():
            return ch.isupper() or not ch.islower()
    return False


def is_upper_word(token: str) -> bool:
    """An all-caps word of two or more letters: LONDON, NATO."""
    letters = [ch for ch in token if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def segments_of(words: list[str]) -> list[tuple[int, int]]:
    """Token ranges of sentences or lines: a break after sentence-final punctuation or at a
    token holding a line break."""
    bounds, start = [], 0
    for i, word in enumerate(words):
        if "\n" in word:
            if start < i:
                bounds.append((start, i))
            start = i + 1
        elif word in SENTENCE_END:
            bounds.append((start, i + 1))
            start = i + 1
    if start < len(words):
        bounds.append((start, len(words)))
    return bounds


VERSUS = frozenset({"v", "v.", "vs", "vs.", "versus", "-v-"})  # "Kent v Surrey"
INITIAL = re.compile(r"^[A-Z]\.$|^[A-Z]\.[A-Z][a-z'’]")


def key_of(words: list[str], span: Tagged) -> tuple[str, ...]:
    """The surface form of a span: its words."""
    return tuple(words[span.start:span.end])


def title_case(word: str) -> str:
    """LEICESTERSHIRE -> Leicestershire, CHESTER-LE-STREET -> Chester-Le-Street, O'NEILL ->
    O'Neill; the length never changes (offsets stay valid)."""
    titled = word[:1] + word[1:].lower()
    titled = re.sub(r"([-'’])(\w)", lambda m: m[1] + m[2].upper(), titled)
    return titled if len(titled) == len(word) else word


def surnames_of(spans: list[Tagged], words: list[str]) -> set[str]:
    """Last words of the multi-word person names among ``spans``."""
    return {words[s.end - 1] for s in spans if s.type == "PER" and s.end - s.start >= 2}


def national_teams(rules: NerRules) -> bool:
    """Whether a country playing a match is an ORG (CoNLL-2002) or stays a LOC (CoNLL-2003)."""
    return rules.options.get("national_teams", "LOC") == "ORG"


def iob_spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Spans ``(start, end exclusive, type)`` from IOB2 tags; a stray ``I-`` opens a span."""
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, lab = str(tag).partition("-")
        if start >= 0 and (prefix != "I" or lab != label):
            spans.append((start, i, label))
            start, label = -1, ""
        if prefix in ("B", "I") and start < 0:
            start, label = i, lab
    return spans
