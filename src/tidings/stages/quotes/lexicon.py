"""Per-language quotation knowledge, loaded from ``tidings/lang/<code>/quotes.toml``.

A file holds:

    [marks]     pairs       quotation mark pairs, opening and closing ("“", "”"); a pair whose
                            two marks are the same (the straight ") alternates
                min_words   a quotation with fewer words and no cue is a title or a scare
                            quote ("fat cats"), not a quote
    [cues]      speech      reporting words that introduce what was said (say|says|said)
                source_prep phrases whose object is the speaker ("according to", "según",
                            "laut"); ``source_post`` ones that follow it ("zufolge")
                postposed   words that introduce the speaker after the content ("so Xi")
                complementizer  "that", "que", "dass": kept in the content, as PolNeAR does
                subjunctive forms that mark reported speech going on (German "sei")
    [cues.parse]            for a language with a parser: reporting words by the dependency
                            of what they report (English "ccomp", "xcomp", "dobj", ...;
                            "prep": "called for"), tried in the order of the table; the
                            English lists are learned by ``training/quotes/tune.py``
    [speakers]  person_pronouns, group_pronouns, relative, titles, documents
    [patterns]  for languages read without a parser (``patterns``): ``speaker_stop`` words
                that end a speaker named after its verb ("bei", "dans"), ``speaker_strip``
                prepositions before one ("In einer Mitteilung ... hieß es"), ``inversion``
                words between a content and its verb ("a-t-il dit"), ``impersonal`` verbs
                whose speaker is such a prepositional phrase, ``np_capitals`` and
                ``np_words`` (German: a source phrase with no comma after it ends at a
                lower-case word that is not an article); Chinese ``prep_verbs`` close a
                source phrase (据X报道), ``speaker_stop`` cut a speaker before a place or
                time, ``speaker_strip`` the adverbs trimmed off its end
    [syntax]    model, enabled and the dependency labels (as ``events.toml``'s)

Word syntax is that of ``events.toml`` patterns: ``say|says|said``, ``stress*``, and
``fuhr ~ fort`` for words apart. Adding a language is adding a file: no code changes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tidings import resources
from tidings.errors import ResourceError
from tidings.stages.events.lexicon import Pattern, Word, compile_pattern, compile_word

_NOTHING = Word(frozenset(), ())


class QuoteLexiconError(ResourceError):
    """A ``quotes.toml`` that cannot be used, with the file and the reason."""


@dataclass(frozen=True, slots=True)
class ParseRules:
    """The dependency labels of one language's parser (``[syntax]``)."""

    model: str
    enabled: bool
    subject: frozenset[str]
    passive_subject: frozenset[str]
    agent: frozenset[str]
    prep: frozenset[str]
    prep_object: frozenset[str]
    possessor: frozenset[str]
    climb: frozenset[str]
    relative: frozenset[str]
    oblique: frozenset[str]
    case: frozenset[str]
    extend: frozenset[str]  # contents that take what follows them ("dobj") ...
    extend_with: frozenset[str]  # ... when it hangs from the cue by one of these

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> ParseRules:
        def labels(key: str) -> frozenset[str]:
            return frozenset(str(v).lower() for v in data.get(key, []))

        return cls(
            model=str(data["model"]),
            enabled=bool(data.get("enabled", True)),
            **{key: labels(key) for key in (
                "subject", "passive_subject", "agent", "prep", "prep_object", "possessor",
                "climb", "relative", "oblique", "case", "extend", "extend_with",
            )},
        )


@dataclass(slots=True)
class QuoteLexicon:
    """Everything the quote stage knows about one language."""

    lang: str
    pairs: tuple[tuple[str, str], ...]
    min_words: int
    speech: tuple[Pattern, ...]
    source_prep: tuple[Pattern, ...]
    source_post: tuple[Pattern, ...]
    postposed: tuple[Pattern, ...]
    complementizer: Word
    subjunctive: Word
    frames: dict[str, Word]  # dependency -> reporting words, in the order they are tried
    prep_pairs: frozenset[tuple[str, str]]
    person_pronouns: frozenset[str]
    group_pronouns: frozenset[str]
    relative: frozenset[str]
    titles: Word
    documents: Word
    speaker_stop: frozenset[str] = frozenset()
    speaker_strip: frozenset[str] = frozenset()
    inversion: frozenset[str] = frozenset()
    impersonal: Word = field(default_factory=lambda: _NOTHING)
    np_capitals: bool = False
    np_words: frozenset[str] = frozenset()
    prep_verbs: frozenset[str] = frozenset()  # Chinese: 据X报道 (the verb closes the phrase)
    postposed_verb: frozenset[str] = frozenset()  # "wie": a source word only with a verb
    coordination: frozenset[str] = frozenset()  # "y", "und": a second verb, one subject
    anaphoric: frozenset[str] = frozenset()  # "Das teilte X mit": the sentence before
    syntax: ParseRules | None = None
    tokenizer: str = "words"  # "chars" for Chinese: cue words are found inside the text
    speech_words: Word = field(default_factory=lambda: _NOTHING)  # one-word speech verbs
    cue_words: Word = field(default_factory=lambda: _NOTHING)  # first words of every cue

    @property
    def parses(self) -> bool:
        """Whether this language's sentences are read from a dependency parse."""
        return self.syntax is not None and self.syntax.enabled

    def frame_words(self, frame: str) -> Word:
        return self.frames.get(frame, _NOTHING)

    def is_speech(self, word: str) -> bool:
        """``word`` (lower case) is a one-word reporting verb of the language."""
        return self.speech_words(word)

    def may_cue(self, word: str) -> bool:
        """``word`` (lower case) may start a cue of any kind (a sentence without one is not
        parsed)."""
        return self.cue_words(word)


def _union(words: list[Word]) -> Word:
    return Word(frozenset().union(*(w.exact for w in words)),
                tuple(p for w in words for p in w.prefixes))


def _words(data: dict[str, Any], key: str, where: str) -> Word:
    values = data.get(key, [])
    if not isinstance(values, list):
        raise QuoteLexiconError(f"{where}: '{key}' must be a list of words",
                                hint=resources.HINT)
    return compile_word("|".join(str(v) for v in values)) if values else _NOTHING


def _patterns(data: dict[str, Any], key: str, where: str) -> tuple[Pattern, ...]:
    values = data.get(key, [])
    if not isinstance(values, list):
        raise QuoteLexiconError(f"{where}: '{key}' must be a list of patterns",
                                hint=resources.HINT)
    try:
        return tuple(compile_pattern(str(v)) for v in values)
    except ResourceError as exc:
        raise QuoteLexiconError(f"{where}: {exc.message}", hint=resources.HINT) from exc


def parse(data: dict[str, Any], lang: str, where: str = "quotes.toml") -> QuoteLexicon:
    """A ``QuoteLexicon`` from the dict of a ``quotes.toml``."""
    marks = data.get("marks", {})
    pairs = []
    for pair in marks.get("pairs", []):
        if not (isinstance(pair, list) and len(pair) == 2 and all(pair)):
            raise QuoteLexiconError(f"{where}: a mark pair must be [opening, closing]: {pair}",
                                    hint=resources.HINT)
        pairs.append((str(pair[0]), str(pair[1])))
    cues = data.get("cues", {})
    learned = cues.get("parse", {})
    # "prep" keeps its place in the order; its words are the pairs of ``prep_pairs``
    frames = {str(frame): _NOTHING if frame == "prep" else _words(learned, frame, where)
              for frame in learned}
    prep_pairs = set()
    for entry in learned.get("prep", []):
        words = str(entry).lower().split()
        if len(words) != 2:
            raise QuoteLexiconError(f"{where}: a prep cue is 'word preposition': '{entry}'",
                                    hint=resources.HINT)
        for form in words[0].split("|"):
            prep_pairs.add((form, words[1]))
    speakers = data.get("speakers", {})
    rules = data.get("patterns", {})

    def lowered(table: dict[str, Any], key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in table.get(key, []))

    syntax = data.get("syntax")
    speech = _patterns(cues, "speech", where)
    source_prep = _patterns(cues, "source_prep", where)
    source_post = _patterns(cues, "source_post", where)
    postposed = _patterns(cues, "postposed", where)
    return QuoteLexicon(
        lang=lang,
        pairs=tuple(pairs),
        min_words=int(marks.get("min_words", 4)),
        speech=speech,
        source_prep=source_prep,
        source_post=source_post,
        postposed=postposed,
        complementizer=_words(cues, "complementizer", where),
        subjunctive=_words(cues, "subjunctive", where),
        frames=frames,
        prep_pairs=frozenset(prep_pairs),
        person_pronouns=lowered(speakers, "person_pronouns"),
        group_pronouns=lowered(speakers, "group_pronouns"),
        relative=lowered(speakers, "relative"),
        speaker_stop=lowered(rules, "speaker_stop"),
        speaker_strip=lowered(rules, "speaker_strip"),
        inversion=lowered(rules, "inversion"),
        impersonal=_words(rules, "impersonal", where),
        np_capitals=bool(rules.get("np_capitals", False)),
        np_words=lowered(rules, "np_words"),
        prep_verbs=lowered(rules, "prep_verbs"),
        postposed_verb=lowered(rules, "postposed_verb"),
        coordination=lowered(rules, "coordination"),
        anaphoric=lowered(rules, "anaphoric"),
        titles=_words(speakers, "titles", where),
        documents=_words(speakers, "documents", where),
        syntax=ParseRules.from_data(syntax) if isinstance(syntax, dict) else None,
        tokenizer=str(data.get("tokenizer", "words")),
        speech_words=_union([p.words[0] for p in speech if len(p.words) == 1]),
        cue_words=_union(
            [p.words[0] for group in (speech, source_prep, source_post, postposed)
             for p in group]
            + list(frames.values())
            + [Word(frozenset(form for form, _ in prep_pairs), ())]
        ),
    )


@cache
def lexicon(lang: str) -> QuoteLexicon | None:
    """The quote lexicon of ``lang``, or None when the language has no ``quotes.toml``."""
    path = resources.lang_path(lang, "quotes")
    if path is None:
        return None
    return parse(resources.lang_file(lang, "quotes"), lang, str(path))


def languages() -> list[str]:
    """Languages with a ``quotes.toml``."""
    return [code for code in resources.languages() if resources.lang_path(code, "quotes")]
