"""Words and triggers: a sentence cut into tokens (by a regular expression, or by jieba for
Chinese), and the lexicon's trigger patterns and cue lists matched on them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tidings.stages.events.lexicon import EventLexicon, Pattern, Trigger

# "Taiwan's" -> "Taiwan" "'s", "didn't" -> "did" "n't": names and negations stay whole words.
_TOKEN = re.compile(r"\w+(?=n't\b)|n't\b|'s\b|\w+(?:-\w+)*|[^\w\s]")


@dataclass(slots=True)
class Token:
    text: str  # lower case, apostrophes normalised
    start: int
    end: int


@dataclass(slots=True)
class Found:
    """A trigger match in a sentence."""

    trigger: Trigger
    pattern: Pattern
    indexes: list[int]
    dropped: bool = False
    notes: list[str] = field(default_factory=list)

    @property
    def first(self) -> int:
        return self.indexes[0]

    @property
    def last(self) -> int:
        return self.indexes[-1]


def tokenize(text: str, offset: int = 0, tokenizer: str = "words") -> list[Token]:
    """Word and punctuation tokens of ``text`` with offsets shifted by ``offset``; with
    ``tokenizer="jieba"``, Chinese words as jieba cuts them (no spaces mark them)."""
    if tokenizer == "jieba":
        return [
            Token(word.lower(), start + offset, end + offset)
            for word, start, end in _jieba().tokenize(text)
            if word.strip()
        ]
    return [
        Token(m.group().lower(), m.start() + offset, m.end() + offset)
        for m in _TOKEN.finditer(text.replace("’", "'"))
    ]


def words_only(text: str, tokenizer: str = "words") -> list[str] | None:
    """The texts of ``tokenize(text)`` without their offsets (cheaper: most sentences hold
    no trigger, and only those that do need offsets); None for jieba, which has no cheaper
    way."""
    if tokenizer == "jieba":
        return None
    return [word.lower() for word in _TOKEN.findall(text.replace("’", "'"))]


@cache
def _jieba() -> Any:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def cue_before(lex: EventLexicon, kind: str, words: list[str], at: int, window: int) -> bool:
    """A cue of ``kind`` ends within ``window`` words before index ``at``."""
    lo = max(0, at - window - 4)
    for i in range(lo, at):
        for pattern in lex.cues_starting(kind, words[i]):
            found = pattern.match_from(words, i)
            if found and at - window <= found[-1] < at:
                return True
    return False


def cue_at(lex: EventLexicon, kind: str, words: list[str], i: int) -> list[int] | None:
    for pattern in lex.cues_starting(kind, words[i]):
        found = pattern.match_from(words, i)
        if found:
            return found
    return None


def find_triggers(lex: EventLexicon, words: list[str]) -> list[Found]:
    """Trigger matches, longest first where they overlap, in text order."""
    matches: list[Found] = []
    memo, starting = lex.memo, lex.starting
    for i, word in enumerate(words):
        pairs = memo.get(("", word))
        if pairs is None:
            pairs = starting(word)
        for trigger, pattern in pairs:
            found = pattern.match_from(words, i)
            if found:
                matches.append(Found(trigger, pattern, found))
    matches.sort(key=lambda f: (-(len(f.indexes)), -f.trigger.weight, f.first))
    taken: set[int] = set()
    kept: list[Found] = []
    for found in matches:
        if taken.isdisjoint(found.indexes):
            kept.append(found)
            taken.update(found.indexes)
    kept.sort(key=lambda f: f.first)
    return kept
