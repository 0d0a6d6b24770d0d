"""Code the events of one article, sentence by sentence, from its language's lexicon.

    triggers  words of the lexicon that name an act ("agreed", "visit", "Gespräch ... geführt")
    actors    entity mentions with an actor code or a country, and group nouns ("police",
              "rebels") that take their country from a neighbouring demonym or country name
    source    from the dependency parse where the language has one (``syntax``: subject,
              passive agent, possessor of a nominal trigger); else, or when the parse finds
              none, the group of actors nearest before the trigger ("China and Peru")
    target    from the parse (object, complement with a target preposition); else the first
              group after the trigger's first word, up to a clause boundary; in the passive
              voice ("was attacked by") the two change sides; with no one named, the
              country of the place the act is done in
    status    planned / negated / claimed from cue words before the trigger
    date      the nearest date expression in the sentence, else the article's date
    location  a place after a locative word ("in Beijing")

Nothing here is English: word lists and patterns come from ``lang/<code>/events.toml``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass, replace
from typing import Any

from tidings.model import Actor, Article, Entity, Event, Evidence, Mention, Span, Timex
from tidings.stages.entities.gazetteer import gazetteer
from tidings.stages.events import plover
from tidings.stages.events.combine import retyped
from tidings.stages.events.lexicon import EventLexicon
from tidings.stages.events.syntax import RoleReader
from tidings.stages.events.words import (
    Found,
    Token,
    cue_at,
    cue_before,
    find_triggers,
    tokenize,
    words_only,
)

_COUNTRY_ID = re.compile(r"^[A-Z]{3}$")
_DATE_CHARS = 80  # a date expression further than this from the trigger is not its date
_MEDIA = "MED"
_IGO = "IGO"
# Acts done in a place without being done to it: a march in Lima is not against Peru.
_DONE_IN_PLACES = frozenset({"PROTEST", "MOBILIZE"})
_LIGHT_WINDOW = 4  # words between a light verb ("called") and the act it introduces
# Cue words that are no adjective between a group noun and its demonym ("extremists against
# Serb civilians" is two actors; "forces spéciales françaises" one)
_NOT_ADJECTIVES = ("of", "coordination", "locative", "subordinate", "determiner", "passive_by",
                   "boundary", "reporting")


@dataclass(slots=True)
class Candidate:
    """A possible actor (or place) in a sentence, over tokens ``[i, j)``."""

    i: int
    j: int
    start: int
    end: int
    text: str
    entity_id: str | None
    code: str | None
    country: str | None
    kind: str  # "person", "org", "country", "demonym", "agent", "place"
    place: bool = False  # stands after a locative word: where, not who

    def actor(self) -> Actor:
        return Actor(self.start, self.end, self.text, self.entity_id, self.code, self.country)


class SentenceCoder:
    """Events of the sentences of one article."""

    def __init__(self, article: Article, lex: EventLexicon) -> None:
        self.article = article
        self.lex = lex
        self.entities: dict[str, Entity] = {e.id: e for e in article.entities}
        self.main_country = main_country(article, self.entities)
        self.mentions = sorted(article.mentions, key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.last_source: list[Candidate] = []
        self.reader = RoleReader(lex.syntax) if lex.syntax is not None else None
        self.agent_nouns = sorted(lex.agents, key=len, reverse=True)
        self.trigger_words: set[int] = set()  # token indexes of every trigger in the sentence
        self.read_candidates: dict[Span, list[Candidate]] = {}  # found by to_parse, used once

    # -- actors -------------------------------------------------------------------------
    def _token_range(self, tokens: list[Token], start: int, end: int) -> tuple[int, int] | None:
        inside = [k for k, t in enumerate(tokens) if t.start < end and start < t.end]
        return (inside[0], inside[-1] + 1) if inside else None

    def _from_mention(self, mention: Mention, tokens: list[Token]) -> Candidate | None:
        span = self._token_range(tokens, mention.start, mention.end)
        if span is None:
            return None
        entity = self.entities.get(mention.entity_id or "")
        entity_id = entity.id if entity else None
        if entity is None:
            if mention.type not in {"PER", "ORG"}:
                return None
            kind = "person" if mention.type == "PER" else "org"
            code, country = self._composed(mention.text) if kind == "org" else (None, None)
            return Candidate(
                *span, mention.start, mention.end, mention.text, None, code, country, kind
            )
        if entity.sector == _MEDIA:
            return None
        if entity.type == "MISC" and not _COUNTRY_ID.match(entity.id):
            return None  # an adjective or a name of no one ("lateinamerikanischen") acts not
        if _COUNTRY_ID.match(entity.id):
            kind = "demonym" if mention.type == "MISC" else "country"
            code, country = entity.id, entity.id
        elif entity.type == "LOC" and not entity.country and self._country_in(mention.text):
            # "La France" taken whole by the NER and unresolved: the country after the article
            code = self._country_in(mention.text)
            return Candidate(*span, mention.start, mention.end, mention.text, code, code, code,
                             "country")
        elif entity.type == "LOC":
            return Candidate(
                *span,
                mention.start,
                mention.end,
                mention.text,
                entity_id,
                entity.country,
                entity.country,
                "place",
            )
        else:
            kind = "person" if entity.type == "PER" else "org"
            code = entity.actor or entity.country
            country = entity.country
            if kind == "org" and not code:
                code, country = self._composed(mention.text)
        return Candidate(
            *span, mention.start, mention.end, mention.text, entity_id, code, country, kind
        )

    def _country_in(self, name: str) -> str | None:
        """The country a place name is after a leading determiner ("La France"), or None."""
        head, _, rest = name.partition(" ")
        if not rest or not cue_at(self.lex, "determiner", [head.lower()], 0):
            return None
        found = [e for e in gazetteer().lookup(rest) if e.kind == "country"]
        return found[0].country if found else None

    def _composed(self, name: str) -> tuple[str | None, str | None]:
        """The actor code and country an unlisted organisation's name is made of: a country
        or its adjective first, a group noun last ("中国政府" -> CHNGOV, CHN)."""
        gaz = gazetteer()
        country = None
        for n in range(len(name) - 1, 0, -1):
            entries = [e for e in gaz.lookup(name[:n]) if e.kind in ("country", "demonym")]
            if entries:
                country = entries[0].country
                break
        lowered = name.lower()
        sector = next((self.lex.agents[noun] for noun in self.agent_nouns
                       if lowered.endswith(noun)), "")
        return (country + sector, country) if country else (None, None)

    def candidates(self, tokens: list[Token], span: Span) -> list[Candidate]:
        """Actors and places of one sentence, in text order, neighbours merged."""
        words = [t.text for t in tokens]
        found: list[Candidate] = []
        for mention in self.mentions[bisect_left(self.mention_starts, span.start) :]:
            if mention.start >= span.end:
                break
            if mention.end <= span.end:
                candidate = self._from_mention(mention, tokens)
                if candidate:
                    found.append(candidate)
        for n, cand in enumerate(found):
            # a group noun the entity stage took for a name ("Gobierno", "Ejército") is the
            # group noun: it takes its country from a neighbour like any other
            sector = (self.lex.agents.get(cand.text.lower())
                      if cand.kind in {"org", "person"} and not (cand.code or cand.country)
                      else None)
            if sector:
                found[n] = replace(cand, entity_id=None, code=sector, kind="agent")
        covered = {k for c in found for k in range(c.i, c.j)}
        for k, word in enumerate(words):
            sector = self.lex.agents.get(word)
            if sector and k not in covered:
                token = tokens[k]
                text = self.article.text[token.start : token.end]
                found.append(
                    Candidate(k, k + 1, token.start, token.end, text, None, sector, None, "agent")
                )
        found.sort(key=lambda c: c.i)
        for candidate in found:
            if (
                candidate.kind in {"country", "place"}
                and candidate.i > 0
                and any(
                    cue_at(self.lex, "locative", words, k)
                    for k in range(max(0, candidate.i - 2), candidate.i)
                )
            ):
                candidate.place = True
        # a word that names no country, body or person ("lateinamerikanischen", a region's
        # adjective) cannot be coded, so it is no actor; a country's adjective before a noun
        # stands for the country ("Israeli changes", "German goods": PLOVER codes ISR, DEU)
        return [
            c for c in self._merge_modifiers(found, words)
            if c.code or c.country or c.kind in {"person", "org", "agent"}
        ]

    def _merge_modifiers(self, found: list[Candidate], words: list[str]) -> list[Candidate]:
        """'Peruvian President Dina Boluarte', "Taiwan's Vice Foreign Minister", 'Turkish
        authorities', 'students throughout Indonesia': one actor with a country. Merges
        neighbours until nothing changes."""
        out = list(found)
        changed = True
        while changed:
            changed = False
            for n in range(len(out) - 1):
                merged = self._merge_pair(out[n], out[n + 1], words)
                if merged is not None:
                    out[n : n + 2] = [merged]
                    changed = True
                    break
        for n, cand in enumerate(out[:-1]):
            nxt = out[n + 1]
            # "students throughout Indonesia", "police in Lima": a country after
            if (
                cand.kind == "agent"
                and cand.country is None
                and nxt.kind in {"country", "place"}
                and nxt.country
                and 1 <= nxt.i - cand.j <= 2
                and cue_at(self.lex, "of", words, cand.j)
            ):
                out[n] = self._with_country(cand, nxt)
        return out

    def _merge_pair(self, left: Candidate, right: Candidate, words: list[str]) -> Candidate | None:
        gap = words[left.j : right.i]
        if any(cue_at(self.lex, "coordination", words, k) for k in range(left.j, right.i)):
            return None
        # a demonym before a title ("Peruvian President"), a country before a group noun
        # ("US servicemen") or with a possessive ("Taiwan's Vice Foreign Minister")
        modifier_gap = (
            len(gap) <= 3
            if left.kind == "demonym"
            else not gap or (gap[0] == "'s" and len(gap) <= 3)
        )
        if (
            left.kind in {"demonym", "country"}
            and not left.place
            and right.kind in {"person", "org", "agent"}
            and modifier_gap
            and all(w.isalpha() or w in {"'s", "'", "-"} for w in gap)
            and not any(
                cue_at(self.lex, "of", words, k) or cue_at(self.lex, "reporting", words, k)
                for k in range(left.j, right.i)
            )
        ):
            merged = self._with_country(replace(right), left)
        elif left.kind == "agent" and right.kind in {"person", "agent"} and not gap:
            # "Minister Tran Xuan Gia", "President Xi": the title gives a sector and country
            merged = replace(right)
            if merged.code is None or merged.code == merged.country:
                merged.code = (merged.country or left.country or "") + (
                    left.code[3:] if left.country else left.code or ""
                ) or None
            merged.country = merged.country or left.country
        elif (left.kind == "agent" and right.kind == "demonym"
              and (not gap or (len(gap) == 1 and gap[0].isalpha() and left.country is None
                               and not any(cue_at(self.lex, kind, words, left.j)
                                           for kind in _NOT_ADJECTIVES)))):
            # "estudiantes chilenos", "forces spéciales françaises": the adjective after
            # the noun, an adjective between at most
            merged = self._with_country(replace(left), right)
            merged.j, merged.end = right.j, right.end
        else:
            return None
        merged.i, merged.start = left.i, left.start
        merged.text = self.article.text[merged.start : merged.end]
        return merged

    @staticmethod
    def _with_country(cand: Candidate, country_of: Candidate) -> Candidate:
        country = country_of.country
        if cand.country is None and country:
            cand.country = country
            if cand.kind == "agent" or not cand.code:
                cand.code = country + (cand.code or "") if cand.kind == "agent" else country
        return cand

    # -- groups ---------------------------------------------------------------------------
    def _groups(self, cands: list[Candidate], words: list[str]) -> list[list[Candidate]]:
        """Actors joined by coordination ("China and Peru", "Bosnia, Slovenia") as groups."""
        groups: list[list[Candidate]] = []
        # a place said in passing does not part two coordinated sides ("习近平在利马同博鲁阿尔特")
        in_place = {k for c in cands if c.place for k in range(c.i, c.j)}
        for cand in cands:
            if cand.place:
                continue
            if groups:
                last = groups[-1][-1]
                between = range(last.j, cand.i)
                if (
                    between
                    and all(
                        cue_at(self.lex, "coordination", words, k)
                        or cue_at(self.lex, "determiner", words, k)
                        or words[k] in {",", "'"}
                        or k in in_place
                        or (k + 1 in in_place and cue_at(self.lex, "locative", words, k))
                        for k in between
                    )
                    and any(cue_at(self.lex, "coordination", words, k) for k in between)
                ):
                    groups[-1].append(cand)
                    continue
            groups.append([cand])
        return groups

    def words(self, span: Span) -> tuple[list[Token], list[Found]]:
        """The tokens of one sentence and the triggers found in them."""
        text = self.article.text[span.start : span.end]
        words = words_only(text, self.lex.tokenizer)
        if words is not None:
            triggers = find_triggers(self.lex, words) if words else []
            # no act named, no offsets needed: most sentences end here
            return (tokenize(text, span.start) if triggers else []), triggers
        tokens = tokenize(text, span.start, self.lex.tokenizer)
        return tokens, find_triggers(self.lex, [t.text for t in tokens]) if tokens else []

    def to_parse(self, read: dict[Span, tuple[list[Token], list[Found]]]) -> list[Span]:
        """The sentences (with their ``words``) worth a parse, where the language has a
        parser: those with a trigger, a named actor and someone who can fill a side (without
        a name, a parse can only find group nouns, which the distance rules read as well:
        this also bounds the work on a huge article to the part the entity stage analysed;
        without any actor, no side can be filled, parse or not)."""
        if self.lex.syntax is None or not self.lex.syntax.enabled:
            return []
        wanted = []
        for span, (tokens, triggers) in read.items():
            if triggers and self._has_mention(span):
                cands = self.candidates(tokens, span)
                if cands:
                    self.read_candidates[span] = cands
                    wanted.append(span)
        return wanted

    def _has_mention(self, span: Span) -> bool:
        k = bisect_left(self.mention_starts, span.start)
        return k < len(self.mentions) and self.mentions[k].start < span.end

    # -- one sentence -------------------------------------------------------------------
    def code_sentence(
        self, span: Span, doc: Any = None,
        read: tuple[list[Token], list[Found]] | None = None,
    ) -> list[Event]:
        """The events of one sentence; ``read`` is its ``words`` when already cut, ``doc``
        its parse."""
        tokens, triggers = read if read is not None else self.words(span)
        if not triggers:
            return []
        words = [t.text for t in tokens]
        self.trigger_words = {k for found in triggers for k in found.indexes}
        cands = self.read_candidates.pop(span, None) or self.candidates(tokens, span)
        groups = self._groups(cands, words)
        events = []
        accepted: list[Found] = []
        for n, found in enumerate(triggers):
            nxt = triggers[n + 1] if n + 1 < len(triggers) else None
            if (
                nxt is not None
                and nxt.first - found.last <= _LIGHT_WINDOW
                and cue_at(self.lex, "light", words, found.first)
            ):
                continue  # "called a strike", "acordaron una huelga": the strike is the act
            if accepted and self._subordinate(words, accepted[-1].last, found.first):
                continue  # "agreed to a ceasefire after fighting": the main act only
            if accepted and (
                cue_before(self.lex, "determiner", words, found.first, 2)
                or self._object_of(words, accepted[-1], found)
            ):
                continue  # "suspended military aid": a noun after an act describes it
            event, source = self._event(found, tokens, words, groups, cands, span, doc)
            if event:
                events.append(event)
                events += self._also(event, [words[k] for k in found.indexes])
                accepted.append(found)
                if source:
                    self.last_source = source
        return events

    def _marker(self, words: list[str], at: int) -> int | None:
        """The last word before ``at`` in its clause that marks the target ahead of its verb
        (Chinese 对, 向), or None."""
        for k in range(at - 1, -1, -1):
            if cue_at(self.lex, "boundary", words, k):
                return None
            if cue_at(self.lex, "target_marker", words, k):
                return k
        return None

    def _object_of(self, words: list[str], act: Found, found: Found) -> bool:
        """``found`` stands right after ``act`` (two words at most, no "and" between)."""
        between = range(act.last + 1, found.first)
        return len(between) <= 2 and not any(
            cue_at(self.lex, "coordination", words, k) for k in between
        )

    def _subordinate(self, words: list[str], after: int, before: int) -> bool:
        """A subordinating word ("to", "after", "because") between two triggers."""
        return any(cue_at(self.lex, "subordinate", words, k) for k in range(after + 1, before))

    def _verb_final_anchor(self, words: list[str], found: Found) -> int:
        """Where the sides of a clause-final trigger part: at the auxiliary or modal that
        opens its clause ("Deutschland werde der Ukraine ... liefern": the doer before
        ``werde``, the receiver between it and the verb), for languages that list such words
        (``verb_final_aux``); else at the trigger."""
        end = found.last + 1
        if not self.lex.cues["verb_final_aux"] or (
            end < len(words) and not cue_at(self.lex, "boundary", words, end)
            and words[end] not in {",", "."}
        ):
            return found.first
        for k in range(found.first - 1, max(-1, found.first - 12), -1):
            if words[k] in {",", "."} or cue_at(self.lex, "boundary", words, k):
                break
            if cue_at(self.lex, "verb_final_aux", words, k):
                return k
        return found.first

    def _status(self, found: Found, words: list[str], anchor: int | None = None) -> str:
        at = found.first
        # "hat das Abkommen nicht unterzeichnet", "werde ... nicht liefern"
        inside = range(min(at, anchor if anchor is not None else at) + 1, found.last)
        if anchor is not None and anchor < at and cue_at(self.lex, "planned", words, anchor):
            return "negated" if any(cue_at(self.lex, "negated", words, k)
                                    for k in inside) else "planned"
        if (
            cue_before(self.lex, "negated", words, at, self.lex.cue_window)
            or any(w.endswith("n't") for w in words[max(0, at - self.lex.cue_window) : at])
            or any(cue_at(self.lex, "negated", words, k) for k in inside)
        ):
            return "negated"
        if cue_before(self.lex, "planned", words, at, self.lex.cue_window):
            return "planned"
        head = words[at]
        if self.lex.future_suffixes and head.endswith(self.lex.future_suffixes):
            return "planned"
        if cue_before(self.lex, "claimed", words, at, len(words)):
            return "claimed"
        return "happened"

    def _passive(self, found: Found, words: list[str]) -> bool:
        """An auxiliary before a participle ("was attacked"), or before any trigger followed
        by an agent word ("were killed by")."""
        if not cue_before(self.lex, "passive_aux", words, found.first, 2):
            return False
        head = words[found.first]
        after = words[found.last + 1] if found.last + 1 < len(words) else ""
        if (
            self.lex.participle_suffixes
            and head.endswith(self.lex.participle_suffixes)
            and not cue_at(self.lex, "subordinate", [after], 0)
        ):
            return True  # "was attacked", but not "is committed to"
        following = range(found.last + 1, min(len(words), found.last + 3))
        return any(cue_at(self.lex, "passive_by", words, k) for k in following)

    def _clause_ends(self, words: list[str], start: int, end: int) -> bool:
        """A clause boundary or a reporting verb among ``words[start:end]``."""
        return any(
            cue_at(self.lex, "boundary", words, k) or cue_at(self.lex, "reporting", words, k)
            for k in range(start, end)
        )

    def _after(
        self, groups: list[list[Candidate]], words: list[str], at: int, not_ids: set[str]
    ) -> list[Candidate]:
        """The first group starting after word ``at`` and before a clause boundary."""
        for group in groups:
            if group[0].i <= at:
                continue
            if self._clause_ends(words, at + 1, group[0].i):
                return []
            kept = [c for c in group if (c.entity_id or c.text) not in not_ids
                    and c.i not in self.trigger_words]  # "will Truppen ... schicken"
            if kept:
                return kept
        return []

    def _event(
        self,
        found: Found,
        tokens: list[Token],
        words: list[str],
        groups: list[list[Candidate]],
        cands: list[Candidate],
        span: Span,
        doc: Any = None,
    ) -> tuple[Event | None, list[Candidate]]:
        anchor = self._verb_final_anchor(words, found)
        before = [g for g in groups if g[-1].j <= anchor]
        source = before[-1] if before else []
        source_ids = {c.entity_id or c.text for c in source}
        target = self._after(groups, words, anchor, source_ids)
        marker = self._marker(words, found.first)
        if marker is not None:
            # "中方对日方……表示不满": a target marked before the act, its doer before that
            after = [g for g in before if g[0].i > marker]
            if after:
                target = after[0]
                source = next((g for g in reversed(before) if g[-1].j <= marker), [])
        syntax = self._syntax(doc, span, found, tokens, cands)
        if syntax is not None:
            # a side the parse found is taken; one it missed is read by distance
            source = syntax[0] or source
            target = syntax[1] or target
        elif self._passive(found, words):
            by = [
                k
                for k in range(found.last + 1, len(words))
                if cue_at(self.lex, "passive_by", words, k)
            ]
            agent = [g for g in groups if by and g[0].i > by[0]][:1]
            source, target = (agent[0] if agent else []), source
        doers = {c.entity_id or c.text for c in source}  # no one acts on themselves
        target = [c for c in target if (c.entity_id or c.text) not in doers]
        if not target and found.trigger.type not in _DONE_IN_PLACES:
            target = self._place_target(cands, words, found, source)
        if not source:
            source = self._antecedent(words, found.first)
        if not source and not target and found.trigger.needs_actor:
            return None, []  # an act nobody does to nobody ("cooperation has grown")
        source, target = self._fill_countries(source), self._fill_countries(target, source)
        status = self._status(found, words, anchor)
        trigger = found.trigger
        type_ = trigger.type
        intended = None
        if status == "planned" and plover.announced(type_) != type_:
            intended, type_ = type_, plover.announced(type_)
        first, last = tokens[found.first], tokens[found.last]
        mode = trigger.mode if intended is None else None
        date, precision, date_from, date_span = self._date(
            first.start, last.end, span, tokens, words
        )
        location = self._location(cands, found, type_, mode, target)
        confidence = trigger.weight * (1.0 if source else 0.75) * (1.0 if target else 0.9)
        arguments: dict[str, list[list[int]]] = {
            "source": [[c.start, c.end] for c in source],
            "target": [[c.start, c.end] for c in target],
        }
        if date_span:
            arguments["date"] = [list(date_span)]
        if location:
            arguments["location"] = [[location.start, location.end]]
        code = plover.cameo(type_, mode)
        symmetric = (
            not target
            and type_ in plover.SYMMETRIC
            and len({c.entity_id or c.code or c.text for c in source}) >= 2
        )
        event = Event(
            type=type_,
            source=[c.actor() for c in source],
            target=[c.actor() for c in target],
            mode=mode,
            context=trigger.context,
            status=status,
            intended=intended,
            symmetric=symmetric,
            date=date,
            date_precision=precision,
            date_from=date_from,
            location=location.entity_id if location else None,
            location_name=location.text if location else None,
            cameo=code,
            quad_class=plover.quad_class(code),
            confidence=round(confidence, 3),
            evidence=[
                Evidence(
                    span.start,
                    span.end,
                    first.start,
                    last.end,
                    self.article.text[first.start : last.end],
                    arguments,
                    round(confidence, 3),
                )
            ],
        )
        return event, source

    def _syntax(
        self, doc: Any, span: Span, found: Found, tokens: list[Token], cands: list[Candidate]
    ) -> tuple[list[Candidate], list[Candidate]] | None:
        """The sides the parse gives (see ``syntax``), as candidates of this sentence."""
        if doc is None or self.reader is None:
            return None
        trigger = [(tokens[k].start, tokens[k].end) for k in found.indexes]
        words = [t.text for t in tokens]
        roles = self.reader.roles(doc, span.start, trigger, self._passive(found, words))
        if roles is None:
            return None
        return self._at(roles.source, cands), self._at(roles.target, cands)

    @staticmethod
    def _at(side: tuple[tuple[int, int, int, int], ...], cands: list[Candidate]
            ) -> list[Candidate]:
        """The candidate that holds each head word; else the actors that qualify it ("the
        Turkish and Greek sides"); else the first actor after it in its phrase ("aid to
        Mozambique")."""
        out: list[Candidate] = []
        for head_start, head_end, first, last in side:
            held = [c for c in cands if c.start <= head_start < c.end and not c.place]
            named = [c for c in cands if first <= c.start and c.end <= head_start
                     and c.kind in {"person", "org", "country", "demonym"}]
            if held and held[0].kind == "agent" and held[0].country is None:
                # "the pro-Iranian Hizbollah group": Hizbollah; "los Gobiernos de Brasil,
                # Colombia y México": each country, with the group's sector
                after = [replace(c, code=c.country + (held[0].code or ""), kind="agent")
                         for c in cands if head_end <= c.start and c.end <= last
                         and c.kind == "country" and not c.place and c.country]
                held = named or after or held
            if not held:
                held = named
            if not held:
                held = [c for c in cands if head_end <= c.start and c.end <= last
                        and not c.place][:1]
            out += [c for c in held if c not in out]
        return out

    def _place_target(
        self, cands: list[Candidate], words: list[str], found: Found, source: list[Candidate]
    ) -> list[Candidate]:
        """With no one named as target, the country of the place the act is done in ("arrived
        in Amman", "lifted the curfew in Montenegro"), as PLOVER codes it: the people of that
        country are at the receiving end. The place stays the event's location too."""
        for cand in cands:
            if cand.i <= found.last or not cand.place or not cand.country:
                continue
            if self._clause_ends(words, found.last + 1, cand.i):
                return []
            if any(c.country == cand.country and c.kind == "place" for c in source):
                return []
            if len(source) > 1 and any(c.country == cand.country for c in source):
                return []  # two sides acting together in the home of one: not done to it
            return [replace(cand, entity_id=cand.country, code=cand.country, kind="country",
                            place=False)]
        return []

    def _also(self, event: Event, trigger_words: list[str]) -> list[Event]:
        """The second types the lexicon codes on the same words (``[[also]]``)."""
        return [
            retyped(event, also.type, also.mode, [replace(e) for e in event.evidence])
            for also in self.lex.also
            if also.applies(event.type, trigger_words)
        ]

    def _antecedent(self, words: list[str], at: int) -> list[Candidate]:
        """For "they" / "the two countries" before the trigger: the source of the last event
        coded in this article."""
        if self.last_source and cue_before(self.lex, "anaphor", words, at, at):
            return self.last_source
        return []

    def _fill_countries(
        self, side: list[Candidate], other: list[Candidate] | None = None
    ) -> list[Candidate]:
        """Actors with a sector and no country ("the government", "police") take the
        country of the other side, else the article's main country: news about a country
        names its government without saying whose."""
        donor = next((c.country for c in other or [] if c.country), None) or self.main_country
        out = []
        for cand in side:
            if cand.code and cand.code.startswith(_IGO):
                out.append(cand)  # an international body has no country of its own
                continue
            if cand.country is None and donor and cand.kind in {"agent", "person", "org"}:
                sector = cand.code if cand.code and cand.code.isalpha() else ""
                if cand.kind == "agent" or sector:
                    cand = replace(cand, country=donor, code=donor + sector)
            out.append(cand)
        return out

    def _date(
        self, start: int, end: int, span: Span, tokens: list[Token], words: list[str]
    ) -> tuple[str | None, str | None, str | None, tuple[int, int] | None]:
        """The nearest date expression in the trigger's clause, else the article's date."""
        best: tuple[int, Timex] | None = None
        for timex in self.article.timexes:
            if timex.type not in {"DATE", "TIME"} or not timex.resolved:
                continue
            if not (span.start <= timex.start and timex.end <= span.end):
                continue
            distance = max(timex.start - end, start - timex.end, 0)
            lo, hi = min(end, timex.end), max(start, timex.start)
            between = [k for k, t in enumerate(tokens) if lo <= t.start and t.end <= hi]
            if any(
                k in self.trigger_words
                or cue_at(self.lex, "boundary", words, k)
                or cue_at(self.lex, "reporting", words, k)
                for k in between
            ):
                continue
            if distance <= _DATE_CHARS and (best is None or distance < best[0]):
                best = (distance, timex)
        if best:
            timex = best[1]
            return timex.value, precision_of(timex.value), "timex", (timex.start, timex.end)
        if self.article.published:
            value = self.article.published[:10]
            return value, precision_of(value), "published", None
        return None, None, None, None

    def _in_dateline(self, cand: Candidate) -> bool:
        dateline = self.article.dateline
        return dateline is not None and dateline.start <= cand.start < dateline.end

    def _location(
        self,
        cands: list[Candidate],
        found: Found,
        type_: str,
        mode: str | None,
        target: list[Candidate],
    ) -> Candidate | None:
        places = [c for c in cands if c.place and not self._in_dateline(c)]
        if places:
            return min(places, key=lambda c: abs(c.i - found.first))
        if type_ == "CONSULT" and mode == "visit":
            visited = [c for c in target if c.kind == "country"]
            if visited:
                return visited[0]
        return None


def main_country(article: Article, entities: dict[str, Entity]) -> str | None:
    """The country the article names most often (countries, and people and places in
    them); None when no country is named."""
    counts: Counter[str] = Counter()
    for mention in article.mentions:
        entity = entities.get(mention.entity_id or "")
        if entity is None:
            continue
        country = entity.id if _COUNTRY_ID.match(entity.id) else entity.country
        if country:
            counts[country] += 1
    return counts.most_common(1)[0][0] if counts else None


def precision_of(value: str) -> str | None:
    """``2024`` year, ``2024-11`` month, ``2024-W46`` week, ``2024-11-15`` day, with a time
    minute."""
    if not value or not value[:4].isdigit():
        return None
    if "T" in value:
        return "minute"
    if "-W" in value:
        return "week"
    return {4: "year", 7: "month", 10: "day"}.get(len(value), "day")
