"""Per-language event knowledge, loaded from ``tidings/lang/<code>/events.toml``.

A file holds ``[[event]]`` entries (a PLOVER ``type``, optional ``mode`` / ``context`` /
``weight`` / ``needs_actor``, and ``patterns``), ``[cues]`` (words that mark an act as
planned, negated or claimed, passive voice, places, subordinate clauses, determiners,
reporting verbs, anaphors, light verbs that introduce an act: "called a strike") and
``[agents]`` (group nouns such as "police" or "rebels" with the sector they stand for) and
``[[also]]`` entries: a second type coded on the same words ("when" a ``PROTEST`` trigger is
one of ``words``, such as a strike or a march, the Spanish gold also codes the ``MOBILIZE``
of the people who strike).

Pattern syntax, one pattern per string, matched on lower-cased word tokens:

    agree            exactly this word
    agree*           any word starting with "agree" (agreed, agreement, agreeing)
    sign*|ink*       either
    sign* ~ accord*  a gap of up to 3 words between the two (``~5``: up to 5)

Adding a language is adding a folder with an ``events.toml``: no code changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tidings import resources
from tidings.errors import ResourceError
from tidings.stages.events.plover import TYPES
from tidings.stages.events.syntax import SyntaxRules

_GAP = re.compile(r"^~(\d*)$")
_DEFAULT_GAP = 3
_MEMO_SIZE = 200_000
_CUE_KINDS = (
    "planned",
    "negated",
    "claimed",
    "passive_aux",
    "passive_by",
    "locative",
    "subordinate",
    "determiner",
    "reporting",
    "coordination",
    "boundary",
    "of",
    "anaphor",
    "light",
    "target_marker",
    "verb_final_aux",
)


class EventLexiconError(ResourceError):
    """An ``events.toml`` that cannot be used, with the file and the reason."""

    def __init__(self, message: str, *, hint: str | None = resources.HINT) -> None:
        super().__init__(message, hint=hint)


@dataclass(frozen=True, slots=True)
class Word:
    """One token test: exact forms and prefixes."""

    exact: frozenset[str]
    prefixes: tuple[str, ...]

    def __call__(self, token: str) -> bool:
        return token in self.exact or token.startswith(self.prefixes)


@dataclass(frozen=True, slots=True)
class Pattern:
    """A compiled pattern: words, with the largest gap allowed before each (0 = adjacent)."""

    words: tuple[Word, ...]
    gaps: tuple[int, ...]
    text: str

    def match_at(self, tokens: list[str], i: int) -> list[int] | None:
        """Token indexes of a match whose first word is ``tokens[i]``, or None."""
        if not self.words[0](tokens[i]):
            return None
        return self._rest(tokens, [i], 1)

    def match_from(self, tokens: list[str], i: int) -> list[int] | None:
        """As ``match_at``, for a ``tokens[i]`` already known to match the first word."""
        return self._rest(tokens, [i], 1)

    def _rest(self, tokens: list[str], found: list[int], k: int) -> list[int] | None:
        if k == len(self.words):
            return found
        last = found[-1]
        for j in range(last + 1, min(len(tokens), last + 2 + self.gaps[k])):
            if self.words[k](tokens[j]):
                done = self._rest(tokens, [*found, j], k + 1)
                if done:
                    return done
        return None


@dataclass(frozen=True, slots=True)
class Trigger:
    """Patterns that name one kind of act."""

    type: str
    mode: str | None
    context: str | None
    weight: float
    patterns: tuple[Pattern, ...]
    needs_actor: bool = False  # abstract nouns ("cooperation"): an event only with an actor


@dataclass(frozen=True, slots=True)
class Also:
    """Code ``type`` too when an event of type ``when`` has a trigger word among ``words``."""

    when: str
    type: str
    mode: str | None
    words: tuple[Word, ...]

    def applies(self, type_: str, trigger_words: list[str]) -> bool:
        return type_ == self.when and any(w(t) for w in self.words for t in trigger_words)


@dataclass(slots=True)
class EventLexicon:
    """Everything the coder knows about one language."""

    lang: str
    triggers: list[Trigger]
    cues: dict[str, tuple[Pattern, ...]]
    agents: dict[str, str]  # lower-case noun -> sector code
    future_suffixes: tuple[str, ...] = ()
    participle_suffixes: tuple[str, ...] = ()
    index: dict[str, list[tuple[Trigger, Pattern]]] = field(default_factory=dict)
    also: tuple[Also, ...] = ()
    syntax: SyntaxRules | None = None  # dependency labels, where a parser ships for it
    tokenizer: str = "words"  # "jieba" for Chinese
    cue_window: int = 4  # words between a status cue and the act it qualifies
    # Which patterns a word can start, remembered per word: news repeats its vocabulary, and
    # the first-word test was most of the stage's time without the parse.
    memo: dict[tuple[str, str], tuple[Any, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def candidates(self, token: str) -> list[tuple[Trigger, Pattern]]:
        """Trigger patterns whose first word may match ``token`` (by its first 2 letters)."""
        return self.index.get(token[:2], [])

    def starting(self, token: str) -> tuple[tuple[Trigger, Pattern], ...]:
        """Trigger patterns whose first word matches ``token``, in lexicon order."""
        key = ("", token)
        found = self.memo.get(key)
        if found is None:
            found = tuple((t, p) for t, p in self.candidates(token) if p.words[0](token))
            self._remember(key, found)
        return found

    def cues_starting(self, kind: str, token: str) -> tuple[Pattern, ...]:
        """Cue patterns of ``kind`` whose first word matches ``token``, in lexicon order."""
        key = (kind, token)
        found = self.memo.get(key)
        if found is None:
            found = tuple(p for p in self.cues[kind] if p.words[0](token))
            self._remember(key, found)
        return found

    def _remember(self, key: tuple[str, str], found: tuple[Any, ...]) -> None:
        if len(self.memo) >= _MEMO_SIZE:  # a long ingest meets words without end
            self.memo.clear()
        self.memo[key] = found


def compile_word(spec: str) -> Word:
    exact, prefixes = set(), []
    for part in spec.split("|"):
        part = part.strip().lower()
        if not part:
            raise EventLexiconError(f"empty alternative in '{spec}'")
        if part.endswith("*"):
            prefixes.append(part[:-1])
        else:
            exact.add(part)
    return Word(frozenset(exact), tuple(prefixes))


def compile_pattern(spec: str) -> Pattern:
    words: list[Word] = []
    gaps: list[int] = []
    gap = 0
    for piece in spec.split():
        found = _GAP.match(piece)
        if found:
            if not words:
                raise EventLexiconError(f"pattern '{spec}' starts with a gap")
            gap = int(found[1]) if found[1] else _DEFAULT_GAP
            continue
        words.append(compile_word(piece))
        gaps.append(gap)
        gap = 0
    if not words:
        raise EventLexiconError(f"empty pattern '{spec}'")
    return Pattern(tuple(words), tuple(gaps), spec)


def _first_keys(word: Word) -> set[str]:
    keys = {form[:2] for form in word.exact}
    for prefix in word.prefixes:
        if len(prefix) < 2:
            raise EventLexiconError(f"prefix '{prefix}*' is too short: give 2 letters or more")
        keys.add(prefix[:2])
    return keys


def _patterns(specs: list[str], where: str) -> tuple[Pattern, ...]:
    """Compiled patterns; a bad one raises naming ``where`` (file and entry)."""
    try:
        return tuple(compile_pattern(p) for p in specs)
    except EventLexiconError as exc:
        raise EventLexiconError(f"{where}: {exc.message}") from exc


def parse(data: dict[str, Any], lang: str, where: str | None = None) -> EventLexicon:
    """An ``EventLexicon`` from the parsed TOML of one language; errors name ``where``
    (the file, ``lang/<lang>/events.toml`` if not given)."""
    where = where or f"lang/{lang}/events.toml"
    triggers = []
    for number, entry in enumerate(data.get("event", []), 1):
        type_ = str(entry.get("type", "")).upper()
        if type_ not in TYPES:
            raise EventLexiconError(
                f"{where}: event #{number} has type '{type_}', not a PLOVER type"
            )
        patterns = _patterns(entry.get("patterns", []), f"{where}: event #{number} ({type_})")
        if not patterns:
            raise EventLexiconError(f"{where}: event #{number} ({type_}) has no patterns")
        triggers.append(
            Trigger(
                type_,
                entry.get("mode"),
                entry.get("context"),
                float(entry.get("weight", 0.7)),
                patterns,
                bool(entry.get("needs_actor", False)),
            )
        )
    cues_data = data.get("cues", {})
    unknown = set(cues_data) - set(_CUE_KINDS) - {"future_suffixes", "participle_suffixes"}
    if unknown:
        raise EventLexiconError(f"{where}: unknown cue lists {sorted(unknown)}")
    cues = {kind: _patterns(cues_data.get(kind, []), f"{where}: cues.{kind}")
            for kind in _CUE_KINDS}
    agents = {
        noun.lower(): str(sector)
        for sector, nouns in data.get("agents", {}).items()
        for noun in nouns
    }
    also = []
    for number, entry in enumerate(data.get("also", []), 1):
        when, type_ = str(entry.get("when", "")).upper(), str(entry.get("type", "")).upper()
        if when not in TYPES or type_ not in TYPES:
            raise EventLexiconError(
                f"{where}: also #{number} needs PLOVER types in 'when' and 'type'"
                f" (got '{when}', '{type_}')"
            )
        try:
            words = tuple(compile_word(w) for w in entry.get("words", []))
        except EventLexiconError as exc:
            raise EventLexiconError(f"{where}: also #{number}: {exc.message}") from exc
        if not words:
            raise EventLexiconError(f"{where}: also #{number} ({when} -> {type_}) has no words")
        also.append(Also(when, type_, entry.get("mode"), words))
    lexicon = EventLexicon(
        lang,
        triggers,
        cues,
        agents,
        tuple(s.lower() for s in cues_data.get("future_suffixes", [])),
        tuple(s.lower() for s in cues_data.get("participle_suffixes", [])),
        also=tuple(also),
        syntax=_syntax(data.get("syntax"), where),
        tokenizer=_tokenizer(data.get("tokenizer", "words"), where),
        cue_window=int(data.get("cue_window", 4)),
    )
    for number, trigger in enumerate(triggers, 1):
        for pattern in trigger.patterns:
            try:
                keys = _first_keys(pattern.words[0])
            except EventLexiconError as exc:
                raise EventLexiconError(f"{where}: event #{number} ({trigger.type}): "
                                        f"{exc.message}") from exc
            for key in keys:
                lexicon.index.setdefault(key, []).append((trigger, pattern))
    return lexicon


def _tokenizer(name: str, where: str) -> str:
    if name not in ("words", "jieba"):
        raise EventLexiconError(f"{where}: unknown tokenizer '{name}' (words or jieba)")
    return name


def _syntax(data: dict[str, Any] | None, where: str) -> SyntaxRules | None:
    if not data:
        return None
    if not data.get("model") or not data.get("subject"):
        raise EventLexiconError(f"{where}: [syntax] needs a 'model' and 'subject' labels")
    return SyntaxRules.from_data(data)


@cache
def lexicon(lang: str) -> EventLexicon | None:
    """The event lexicon of ``lang``, or None when the language has none."""
    path = resources.lang_path(lang, "events")
    if path is None:
        return None
    return parse(resources.lang_file(lang, "events"), lang, str(path))


def languages() -> list[str]:
    """Languages with an ``events.toml``."""
    return [code for code in resources.languages() if resources.lang_path(code, "events")]
