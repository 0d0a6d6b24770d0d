"""Attributions read from a dependency parse (English; any language whose ``quotes.toml``
turns ``[syntax]`` on).

For each word of a parsed sentence that the lexicon lists as a reporting word for one of
its dependents (``[cues.parse]``: "said" with a ``ccomp``, "wants" with an ``xcomp``,
"called for" with a ``prep``), the first such dependent in the table's order gives the
content (its whole subtree: the complementizer "that" included, as PolNeAR marks it; two
clauses of one verb, "“A,” he said, “B”", are two fragments of one quote):

    source   the subject of the reporting word (the whole noun phrase, appositions
             included: "Lin Jian, a spokesperson for ..."), the ``by`` agent of a passive
             one, the possessor of a reporting noun ("Trump's proposal to ..."); a word
             without a subject of its own ("went on to say") takes its head's; a relative
             pronoun ("the minister, who said ...") is the source, its noun the referent
    according to X   (``[cues] source_prep``): X is the source, the clause it qualifies,
             without the phrase, the content
    postposed        "..., X said" and "“...,” said X": the clause before is the reporting
             word's ``ccomp`` or its head (``parataxis``), so both read the same way

A reporting verb with no content in its sentence ("Lin said:") is kept with an empty
content: the quotation that follows is its content (``assemble``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from tidings.stages.quotes.assemble import Candidate
from tidings.stages.quotes.lexicon import QuoteLexicon

_EDGE_PUNCT = set(",;:-–—()[]")
_PARATAXIS = {"parataxis"}
# Confidence that a read attribution is one, by what read it: the share of such readings
# that match a PolNeAR train attribution (lexicon learned on the other half; docs/quotes.md)
SPEECH = 0.9  # a speech verb with its clause, or in a parataxis ("“...,” he said, “...”")
OPEN = 0.8  # a speech verb introducing the quotation after it ("Lin said: “...”")
LEARNED = {"ccomp": 0.7, "xcomp": 0.6, "acl": 0.5, "dobj": 0.55, "prep": 0.5}
SOURCE_PREP = 0.85  # "according to X"


def reads(lex: QuoteLexicon, words: Iterable[str]) -> bool:
    """Whether a sentence of lower-case ``words`` may hold an attribution (it is parsed)."""
    return any(lex.may_cue(word) for word in words)


def _pos_of(token: Any) -> str:
    return str(token.pos_)


def read_parse(doc: Any, offset: int, lex: QuoteLexicon,
               pos: Callable[[Any], str] = _pos_of) -> list[Candidate]:
    """The attributions of ``doc``, the parse of the sentence at ``offset`` of the text;
    ``pos`` gives a token's coarse part of speech (the event stage's parser answers it
    per token: ``events.syntax.Parser.ruler``)."""
    rules = lex.syntax
    assert rules is not None
    lowered = [t.lower_ for t in doc]
    found: list[Candidate] = []
    for tok in doc:
        word = lowered[tok.i]
        if not lex.may_cue(word):
            continue
        prep = _source_prep(lex, lowered, tok.i)
        if prep is not None:
            candidate = _according(doc, tok, prep, offset, lex)
            if candidate is not None:
                found.append(candidate)
            continue
        candidate = _framed(tok, word, offset, lex, pos)
        if candidate is not None:
            found.append(candidate)
    return found


def _source_prep(lex: QuoteLexicon, lowered: list[str], i: int) -> list[int] | None:
    for pattern in lex.source_prep:
        match = pattern.match_at(lowered, i)
        if match is not None:
            return match
    return None


def _framed(tok: Any, word: str, offset: int, lex: QuoteLexicon,
            pos: Callable[[Any], str]) -> Candidate | None:
    rules = lex.syntax
    assert rules is not None
    for frame, words in lex.frames.items():
        cue = [tok]
        if frame == "prep":
            preps = [c for c in tok.children if c.dep_.lower() in rules.prep
                     and (word, c.lower_) in lex.prep_pairs]
            heads = [o for p in preps for o in p.children
                     if o.dep_.lower() in rules.prep_object]
            cue += preps[:1]
        else:
            if not words(word):
                continue
            heads = [c for c in tok.children if c.dep_.lower() == frame]
        if not heads:
            continue
        speech = lex.is_speech(word)
        fragments = [_span(h, offset) for h in heads]
        if frame in rules.extend and len(heads) == 1:
            # "calling him “a total stiff”", "slams Kasich for voting ...": what follows the
            # object belongs to the content
            after = [c for c in tok.children if c.i > heads[0].i
                     and c.dep_.lower() in rules.extend_with]
            if after:
                fragments = [(fragments[0][0], _span(after[-1], offset)[1])]
        if len(fragments) == 1 and lex.is_speech(
                tok.doc.text[fragments[0][0] - offset : fragments[0][1] - offset].lower()):
            continue  # "was quoted by Lin as saying": no content of its own
        strength = SPEECH if speech and frame == "ccomp" else LEARNED.get(frame, 0.5)
        cand = _candidate(tok, cue, fragments, offset, lex, pos, strength, frame)
        cand.learned = strength < SPEECH
        return cand
    if not lex.is_speech(word) or pos(tok) not in ("VERB", "AUX"):
        return None
    if tok.dep_.lower() in _PARATAXIS and tok.head.i != tok.i:
        # "“Your Honor,” he said, ...": the clause this verb interrupts is the content
        fragments = _without(tok.head, tok, offset)
        return _candidate(tok, [tok], fragments, offset, lex, pos, SPEECH, "parataxis")
    # no content in the sentence: what follows it ("Lin said:" and a quotation)
    return _candidate(tok, [tok], [], offset, lex, pos, OPEN, "open")


def _according(doc: Any, tok: Any, match: list[int], offset: int,
               lex: QuoteLexicon) -> Candidate | None:
    rules = lex.syntax
    assert rules is not None
    words = [doc[i] for i in match]
    last = words[-1]
    objects = [c for c in last.children if c.dep_.lower() in rules.prep_object]
    if not objects and last.dep_.lower() in rules.case:  # UD: the case of its noun
        objects = [last.head]
    if not objects:
        return None
    noun = objects[0]
    # the clause the phrase qualifies: the head of the phrase (of its noun, in UD)
    phrase_root = tok if tok.head.i != tok.i and tok.dep_.lower() not in rules.case else noun
    clause = phrase_root.head
    if clause.i == phrase_root.i:
        return None
    fragments = _without(clause, phrase_root, offset)
    source = _np(noun, offset, exclude=set(match))
    cue = (offset + words[0].idx, offset + last.idx + len(last.text))
    return Candidate(fragments, cue, source, source, SOURCE_PREP, "parse:source_prep")


def _candidate(tok: Any, cue_tokens: list[Any], fragments: list[tuple[int, int]],
               offset: int, lex: QuoteLexicon, pos: Callable[[Any], str],
               strength: float, frame: str) -> Candidate:
    subject, referent = _source(tok, lex, pos)
    source = _np(subject, offset) if subject is not None else None
    refer = _np(referent, offset, clause=False) if referent is not None else source
    first, last = min(cue_tokens, key=lambda t: t.i), max(cue_tokens, key=lambda t: t.i)
    cue = (offset + first.idx, offset + last.idx + len(last.text))
    fragments = [f for f in (_trim(tok.doc, f, offset) for f in fragments) if f[1] > f[0]]
    return Candidate(fragments, cue, source, refer, strength, f"parse:{frame}")


def _source(tok: Any, lex: QuoteLexicon,
            pos: Callable[[Any], str]) -> tuple[Any | None, Any | None]:
    """The subject of reporting word ``tok`` and the noun it stands for (a relative
    pronoun's antecedent), climbing to the word it depends on when it has none."""
    rules = lex.syntax
    assert rules is not None
    verb = tok
    for _ in range(4):
        children = list(verb.children)
        passive = [c for c in children if c.dep_.lower() in rules.passive_subject]
        agents = [o for c in children if c.dep_.lower() in rules.agent
                  for o in c.children if o.dep_.lower() in rules.prep_object]
        if passive and agents:
            return agents[0], agents[0]
        subjects = [c for c in children if c.dep_.lower() in rules.subject] or passive
        if not subjects and pos(verb) in ("NOUN", "PROPN"):
            subjects = [c for c in children if c.dep_.lower() in rules.possessor]
        if subjects:
            subject = subjects[0]
            if subject.lower_ in lex.relative and verb.dep_.lower() in rules.relative:
                return subject, verb.head
            return subject, subject
        dep = verb.dep_.lower()
        if dep in rules.relative and verb.head.i != verb.i and pos(verb) != "NOUN":
            return None, verb.head  # "the minister quoted as saying"
        if dep not in rules.climb or verb.head.i == verb.i:
            return None, None
        verb = verb.head
    return None, None


def _span(tok: Any, offset: int) -> tuple[int, int]:
    return (offset + tok.left_edge.idx,
            offset + tok.right_edge.idx + len(tok.right_edge.text))


def _np(tok: Any, offset: int, exclude: set[int] | None = None,
        clause: bool = True) -> tuple[int, int]:
    """The noun phrase of ``tok``: its subtree (``clause=False``: up to the word itself,
    leaving out a relative clause after it), trimmed of edge punctuation."""
    tokens = [t for t in tok.subtree if not exclude or t.i not in exclude]
    if not clause:
        tokens = [t for t in tokens if t.i <= tok.i]
    while tokens and (tokens[-1].is_punct or tokens[-1].is_space):
        tokens.pop()
    while tokens and (tokens[0].is_punct or tokens[0].is_space):
        tokens.pop(0)
    if not tokens:
        return (offset + tok.idx, offset + tok.idx + len(tok.text))
    return (offset + tokens[0].idx, offset + tokens[-1].idx + len(tokens[-1].text))


def _without(head: Any, cut: Any, offset: int) -> list[tuple[int, int]]:
    """``head``'s subtree without ``cut``'s, as runs of adjacent tokens."""
    removed = {t.i for t in cut.subtree}
    runs: list[list[Any]] = []
    for t in head.subtree:
        if t.i in removed:
            if runs and runs[-1]:
                runs.append([])
            continue
        if not runs:
            runs.append([])
        runs[-1].append(t)
    out = []
    for run in runs:
        if run:
            out.append((offset + run[0].idx, offset + run[-1].idx + len(run[-1].text)))
    return out


def _trim(doc: Any, span: tuple[int, int], offset: int) -> tuple[int, int]:
    """A content span without the commas, colons and dashes at its edges (quotation marks
    stay: PolNeAR keeps them)."""
    text = doc.text
    start, end = span[0] - offset, span[1] - offset
    while start < end and (text[start] in _EDGE_PUNCT or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in _EDGE_PUNCT or text[end - 1].isspace()
                           or text[end - 1] == "."):
        end -= 1
    return (start + offset, end + offset)
