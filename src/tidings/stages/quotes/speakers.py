"""Who a quote's source words stand for: an entity of the article, or a thing that speaks.

The words that name the speaker (``Candidate.referent``: the noun a relative pronoun stands
for, else the source itself) are read in this order:

1. a mention inside them that the entity stage linked: a person first, then an organisation,
   then a place that speaks for its government ("China said"); an apposition ("Lin Jian, a
   spokesperson for ...") is inside the source, so its name is found;
2. a personal pronoun ("he", "sie", "他"): the nearest person mentioned before the quote;
   a pronoun of a group ("they", "it", "sie" plural cannot be told from "she": listed as a
   person) the speaker of the quote before, else the nearest organisation before;
3. a title ("the spokesperson", "der Staatspräsident", "发言人"): the nearest person before
   with that title in their role, else the first person of the article who holds it (a
   wire's first line names "a spokesperson", the second "Spokesperson Lin Jian"), else the
   nearest person before;
4. a document ("a joint statement", "el comunicado"): no entity; the document is the name;
5. anything else: the words themselves, unresolved.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import cache

from tidings.model import Article, Entity, Mention, Quote, Span, Speaker
from tidings.resources import lang_file
from tidings.stages.quotes.assemble import Candidate
from tidings.stages.quotes.lexicon import QuoteLexicon

_TYPE_RANK = {"PER": 0, "ORG": 1, "LOC": 2}
_WORDS = re.compile(r"\w+", re.UNICODE)
_SEPARATOR = " … "


class Lookup:
    """An article's linked mentions and entities, indexed once for all its quotes: finding
    a speaker costs a binary search, not a pass over every mention of the article."""

    def __init__(self, article: Article) -> None:
        self.entities = {e.id: e for e in article.entities}
        linked = [m for m in article.mentions if m.entity_id]
        self.by_start = sorted(linked, key=lambda m: m.start)
        self.starts = [m.start for m in self.by_start]
        self.by_end = sorted(linked, key=lambda m: m.end)
        self.ends = [m.end for m in self.by_end]

    def within(self, start: int, end: int) -> list[Mention]:
        """Linked mentions inside ``[start, end)``, in order of their start."""
        out = []
        for i in range(bisect_left(self.starts, start), len(self.by_start)):
            if self.by_start[i].start >= end:
                break
            if self.by_start[i].end <= end:
                out.append(self.by_start[i])
        return out

    def before(self, position: int, types: tuple[str, ...]) -> Mention | None:
        """The linked mention of one of ``types`` that ends last at or before ``position``
        (the first stored of those ending there, as ``max`` picks)."""
        i = bisect_right(self.ends, position) - 1
        best = None
        while i >= 0:
            mention = self.by_end[i]
            if best is not None and mention.end < best.end:
                break
            if mention.type in types:
                best = mention
            i -= 1
        return best


def to_quote(article: Article, cand: Candidate, lex: QuoteLexicon,
             before: list[Speaker] | None = None, lookup: Lookup | None = None) -> Quote:
    """The ``Quote`` of one assembled candidate, its speaker resolved against the article's
    mentions and entities (``before``: the speakers of the quotes before it, latest last;
    ``lookup``: the article's ``Lookup``, made here when not given)."""
    text = article.text
    fragments = [[a, b] for a, b in cand.fragments]
    speaker = None
    if cand.source is not None:
        speaker = resolve(article, cand.source, cand.referent or cand.source, lex, before,
                          lookup)
    cue = Span(*cand.cue) if cand.cue else None
    return Quote(
        start=cand.start,
        end=cand.end,
        text=_SEPARATOR.join(text[a:b] for a, b in cand.fragments),
        kind=cand.kind,
        fragments=fragments,
        cue=cue,
        cue_text=text[cue.start : cue.end] if cue else None,
        speaker=speaker,
        confidence=cand.strength,
    )


def resolve(article: Article, source: tuple[int, int], referent: tuple[int, int],
            lex: QuoteLexicon, before: list[Speaker] | None = None,
            lookup: Lookup | None = None) -> Speaker:
    """The speaker named by the words at ``source``, resolved from those at ``referent``."""
    text = article.text
    speaker = Speaker(source[0], source[1], text[source[0] : source[1]])
    lookup = lookup or Lookup(article)
    entities = lookup.entities
    inside = [m for m in lookup.within(referent[0], referent[1]) if m.type in _TYPE_RANK]
    if inside:
        best = min(inside, key=lambda m: (_TYPE_RANK[m.type], m.start))
        return _with_entity(speaker, entities.get(best.entity_id or ""), best)
    words = [w.lower() for w in _WORDS.findall(text[referent[0] : referent[1]])]
    phrase = text[referent[0] : referent[1]].strip().lower()
    position = min(source[0], referent[0])
    if _is_one_of(phrase, words, lex.person_pronouns):
        found = _nearest(lookup, position, ("PER",))
        return _with_entity(speaker, *found) if found else speaker
    if _is_one_of(phrase, words, lex.group_pronouns):
        earlier = [s for s in (before or []) if s.entity_id or s.name]
        if earlier:
            last = earlier[-1]
            return Speaker(speaker.start, speaker.end, speaker.text, last.entity_id,
                           last.name, last.role)
        found = _nearest(lookup, position, ("ORG",))
        return _with_entity(speaker, *found) if found else speaker
    role = _role(phrase, words, lex)
    if role is not None:
        found = _titled(article, position, role, lookup)
        if found is not None:
            return _with_entity(speaker, found, None)
        near = _nearest(lookup, position, ("PER",))
        speaker.role = role
        return _with_entity(speaker, *near) if near else speaker
    document = next((w for w in reversed(words) if lex.documents(w)), None)
    if document is None and lex.tokenizer == "chars":
        document = next((t for t in lex.documents.exact if t in phrase), None)
    if document is not None:
        speaker.name = _document_name(text[referent[0] : referent[1]], document)
        speaker.role = "document"
        return speaker
    speaker.name = speaker.text
    return speaker


def _is_one_of(phrase: str, words: list[str], pronouns: frozenset[str]) -> bool:
    return phrase in pronouns or (len(words) == 1 and words[0] in pronouns)


def _with_entity(speaker: Speaker, entity: Entity | None, mention: Mention | None) -> Speaker:
    if entity is None:
        speaker.name = mention.text if mention else speaker.text
        return speaker
    speaker.entity_id = entity.id
    speaker.name = entity.name
    speaker.role = entity.role or speaker.role
    return speaker


def _nearest(lookup: Lookup, position: int, types: tuple[str, ...]
             ) -> tuple[Entity | None, Mention] | None:
    """The linked mention of one of ``types`` that ends last before ``position``."""
    mention = lookup.before(position, types)
    if mention is None:
        return None
    return lookup.entities.get(mention.entity_id or ""), mention


def _role(phrase: str, words: list[str], lex: QuoteLexicon) -> str | None:
    """The role a title in the source words gives (the entity stage's ``roles.json`` forms,
    longest first, then ``[speakers] titles``), or None."""
    pattern, roles = _role_forms(lex.lang, lex.tokenizer == "chars")
    found = pattern.search(phrase) if pattern is not None else None
    if found is not None:
        return roles[found.group(0)]
    return next((w for w in reversed(words) if lex.titles(w)), None)


@cache
def _role_forms(lang: str, chars: bool) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """One pattern of every title form of ``lang`` (longest first) and the role of each."""
    roles: dict[str, str] = {}
    for entry in lang_file(lang, "roles").get("titles", []):
        for form in entry.get("forms", []):
            if entry.get("role"):
                roles.setdefault(str(form).lower(), str(entry["role"]))
    if not roles:
        return None, roles
    alternatives = "|".join(re.escape(f) for f in sorted(roles, key=len, reverse=True))
    body = f"(?:{alternatives})"
    return re.compile(body if chars else rf"(?<!\w){body}(?!\w)"), roles


def _titled(article: Article, position: int, role: str, lookup: Lookup) -> Entity | None:
    """The person nearest before ``position`` whose role is ``role`` (or ends with its last
    word: "spokesperson" for a "foreign ministry spokesperson"), else the first such
    person of the article."""
    entities = lookup.entities
    last = role.split()[-1]

    def holds(mention: Mention) -> bool:
        entity = entities.get(mention.entity_id or "")
        return bool(entity and entity.role and (
            entity.role == role or last in entity.role.split()))

    holders = [m for m in article.mentions if m.entity_id and m.type == "PER" and holds(m)]
    if not holders:
        return None
    earlier = [m for m in holders if m.end <= position]
    mention = (max(earlier, key=lambda m: m.end) if earlier
               else min(holders, key=lambda m: m.start))
    return entities.get(mention.entity_id or "")


def _document_name(phrase: str, document: str) -> str:
    """"a joint statement on deepening ..." -> "joint statement"."""
    lowered = phrase.lower()
    at = lowered.find(document)
    head = phrase[: at + len(document)] if at >= 0 else phrase
    words = head.split()
    while words and words[0].lower() in {"a", "an", "the", "this", "that", "its", "their"}:
        words.pop(0)
    return " ".join(words) or phrase
