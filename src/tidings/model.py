"""Typed results: the article and everything a stage attaches to it.

Every extracted item keeps its evidence as character offsets into ``Article.text``
(end exclusive) and a confidence. Every dataclass has ``to_dict()`` giving plain JSON.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from tidings.problems import Problem

# Where a metadata field came from. ``none`` means the input did not say.
FIELD_SOURCES = ("header", "dateline", "html-meta", "feed", "json", "warc", "content", "none")


@dataclass(slots=True, frozen=True)
class Span:
    """A character range ``[start, end)`` of ``Article.text``."""

    start: int
    end: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end}


@dataclass(slots=True)
class Dateline:
    """A wire dateline at the start of the body: ``BEIJING, Nov. 15 (Xinhua) --``."""

    place: str | None
    agency: str | None
    date: str | None  # ISO date, or ``XXXX-MM-DD`` when the dateline gives no year
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"place": self.place, "agency": self.agency, "date": self.date,
                "start": self.start, "end": self.end}


@dataclass(slots=True)
class Timex:
    """A temporal expression with its TIMEX3 type and value."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value, e.g. 2024-11-15, XXXX-WXX-5, P3D
    resolved: bool = True  # False when the value could not be anchored on a date
    confidence: float = 1.0
    mod: str | None = None  # TIMEX3 mod: START, MID, END, APPROX, ...
    anchor: str | None = None  # what the value was computed from: "dct", "narrative", None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
                "value": self.value, "resolved": self.resolved,
                "confidence": self.confidence, "mod": self.mod, "anchor": self.anchor}


@dataclass(slots=True)
class Mention:
    """A named-entity mention: a span of the text, its type, and the entity it refers to."""

    start: int
    end: int
    text: str
    type: str  # PER, ORG, LOC, MISC
    confidence: float = 1.0
    source: str = "ner"  # what found it: ner, gazetteer, title, coref
    entity_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "type": self.type,
                "confidence": self.confidence, "source": self.source,
                "entity_id": self.entity_id}


@dataclass(slots=True)
class Entity:
    """A real-world entity: one id across articles and languages.

    Ids: ISO 3166 alpha-3 for countries (``PER``), ``geo:<GeoNames id>`` for places,
    ``org:<slug>`` and ``per:<slug>`` for organisations and people."""

    id: str
    name: str
    type: str
    country: str | None = None  # ISO alpha-3
    role: str | None = None  # "president", "foreign ministry spokesperson", ...
    sector: str | None = None  # GOV, MIL, BUS, ...
    actor: str | None = None  # PLOVER/CAMEO-style actor code: country + sector, e.g. CHNGOV
    aliases: dict[str, list[str]] = field(default_factory=dict)  # lang -> names seen
    mentions: list[int] = field(default_factory=list)  # indexes into Article.mentions

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# What an event's status says about the act its trigger names.
EVENT_STATUSES = ("happened", "planned", "negated", "claimed")
# The PLOVER event types, cooperation first, conflict last (``stages.events.plover`` maps
# each to its CAMEO code).
PLOVER_TYPES = (
    "REQUEST", "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT",
    "INVESTIGATE", "DEMAND", "DISAPPROVE", "ACCUSE", "REJECT", "THREATEN", "PROTEST",
    "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT",
)


@dataclass(slots=True)
class Actor:
    """One side of an event: the text that names it and what it links to.

    ``code`` is the PLOVER/CAMEO-style actor code (country + sector, ``CHNGOV``; ``IGO`` for
    an international organisation); ``country`` its ISO alpha-3 country, where known."""

    start: int
    end: int
    text: str
    entity_id: str | None = None
    code: str | None = None
    country: str | None = None

    def to_dict(self) -> dict[str, Any]:
        # what asdict gives, written out: asdict's deep copy was a tenth of the corpus stages
        return {"start": self.start, "end": self.end, "text": self.text,
                "entity_id": self.entity_id, "code": self.code, "country": self.country}


@dataclass(slots=True)
class Evidence:
    """Where one telling of an event is in the text: the sentence, the trigger words, and the
    spans of the actors, date and place read for it.

    ``method`` says what read the type: ``lexicon`` (the trigger words) or ``classifier``
    (the whole sentence, through the sentence-embedding classifier; no trigger words, the
    trigger span is empty at the sentence start)."""

    sentence_start: int
    sentence_end: int
    trigger_start: int
    trigger_end: int
    trigger: str
    arguments: dict[str, list[list[int]]] = field(default_factory=dict)  # role -> [[start, end]]
    confidence: float = 1.0
    method: str = "lexicon"

    def to_dict(self) -> dict[str, Any]:
        return {"sentence_start": self.sentence_start, "sentence_end": self.sentence_end,
                "trigger_start": self.trigger_start, "trigger_end": self.trigger_end,
                "trigger": self.trigger,
                "arguments": {role: [list(span) for span in spans]
                              for role, spans in self.arguments.items()},
                "confidence": self.confidence, "method": self.method}


@dataclass(slots=True)
class Event:
    """Who did what to whom, when and where, with the evidence for every field.

    ``type`` follows PLOVER: an intention to cooperate is coded AGREE and an intention to
    coerce or attack THREATEN, with ``status`` "planned" and ``intended`` the act announced
    ("will visit" -> AGREE, planned, intended CONSULT). ``negated`` acts ("did not sign") are
    kept but are not acts; ``claimed`` ones are reported by another party."""

    type: str
    source: list[Actor] = field(default_factory=list)
    target: list[Actor] = field(default_factory=list)
    mode: str | None = None
    context: str | None = None
    status: str = "happened"
    intended: str | None = None
    # True when the act is mutual (two sides meet, agree, cooperate): both sides are listed
    # in ``source`` and ``target`` stays empty, as PLOVER codes it; no direction is invented
    symmetric: bool = False
    date: str | None = None  # TIMEX3-style value: 2024-11-15, 2024-11, 2024
    date_precision: str | None = None  # year, month, week, day, minute
    date_from: str | None = None  # "timex" (a date in the sentence) or "published"
    location: str | None = None  # entity id of the place
    location_name: str | None = None
    cameo: str | None = None  # derived CAMEO code, e.g. "042"
    quad_class: int | None = None  # 1 verbal coop, 2 material coop, 3 verbal conf, 4 material
    confidence: float = 1.0
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def key(self) -> tuple[Any, ...]:
        """Type, status and actors: two tellings with the same key (and dates that do not
        disagree) are one event within an article."""
        return (
            self.type,
            self.status,
            tuple(sorted({a.entity_id or a.code or a.text for a in self.source})),
            tuple(sorted({a.entity_id or a.code or a.text for a in self.target})),
        )

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "source": [a.to_dict() for a in self.source],
                "target": [a.to_dict() for a in self.target], "mode": self.mode,
                "context": self.context, "status": self.status, "intended": self.intended,
                "symmetric": self.symmetric, "date": self.date,
                "date_precision": self.date_precision, "date_from": self.date_from,
                "location": self.location, "location_name": self.location_name,
                "cameo": self.cameo, "quad_class": self.quad_class,
                "confidence": self.confidence,
                "evidence": [e.to_dict() for e in self.evidence]}


QUOTE_KINDS = ("direct", "reported", "mixed")


@dataclass(slots=True)
class Speaker:
    """Who a quote is attributed to: the words that name them (``start``/``end``/``text``,
    a pronoun or title included) and, when resolved, the entity (``entity_id``, ``name``,
    ``role``; a person, an organisation, or a document such as "a joint statement")."""

    start: int
    end: int
    text: str
    entity_id: str | None = None
    name: str | None = None
    role: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text,
                "entity_id": self.entity_id, "name": self.name, "role": self.role}


@dataclass(slots=True)
class Quote:
    """Who said what: the content (one or more ``fragments``, ``[start, end)`` each: a quote
    interrupted by ", he said," is one quote of two fragments), its ``kind`` (``direct``
    inside quotation marks, ``reported`` speech, ``mixed``), the ``cue`` words that say it
    is speech or an attribution (said, according to, sagte, selon, 表示), the speaker, and a
    confidence. ``start``/``end`` cover the fragments; ``text`` is them joined by " … "."""

    start: int
    end: int
    text: str
    kind: str
    fragments: list[list[int]] = field(default_factory=list)
    cue: Span | None = None
    cue_text: str | None = None
    speaker: Speaker | None = None
    confidence: float = 1.0

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "kind": self.kind,
                "fragments": [f[:] for f in self.fragments],
                "cue": None if self.cue is None else self.cue.to_dict(),
                "cue_text": self.cue_text,
                "speaker": None if self.speaker is None else self.speaker.to_dict(),
                "confidence": self.confidence}


@dataclass(slots=True)
class Article:
    """One news article, from raw input to full analysis.

    ``text`` is the normalised body; every offset anywhere refers to it. ``provenance`` says
    for each metadata field where its value came from (one of ``FIELD_SOURCES``).
    """

    text: str
    source: str = "<text>"
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date or datetime; None when the input does not say
    published_precision: str | None = None  # year, month, day, minute, second
    lang: str | None = None
    lang_confidence: float | None = None
    agency: str | None = None
    dateline: Dateline | None = None
    format: str = "text"
    provenance: dict[str, str] = field(default_factory=dict)
    warnings: list[Problem] = field(default_factory=list)  # what a reader or stage could not do
    sentences: list[Span] = field(default_factory=list)
    timexes: list[Timex] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # reader-specific metadata (feed, json)
    versions: dict[str, str] = field(default_factory=dict)  # stage name -> component version

    def warn(self, stage: str, message: str, *, code: str = "T220", hint: str | None = None
             ) -> None:
        """Record what ``stage`` could not do on this article (see ``problems.CATALOGUE``)."""
        self.warnings.append(Problem(code, message, stage, hint))

    def set_published(self, value: str, precision: str, source: str) -> None:
        """Set the publication date, its precision and where it came from, together."""
        self.published = value
        self.published_precision = precision
        self.provenance["published"] = source

    @property
    def id(self) -> str:
        """Stable content hash: the same title, date and text give the same id everywhere."""
        return content_id(self.title, self.published, self.text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "format": self.format,
            "title": self.title,
            "published": self.published,
            "published_precision": self.published_precision,
            "lang": self.lang,
            "lang_confidence": self.lang_confidence,
            "agency": self.agency,
            "dateline": self.dateline.to_dict() if self.dateline else None,
            "provenance": dict(self.provenance),
            "warnings": [w.to_dict() for w in self.warnings],
            "text": self.text,
            "sentences": [s.to_dict() for s in self.sentences],
            "timexes": [t.to_dict() for t in self.timexes],
            "mentions": [m.to_dict() for m in self.mentions],
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "quotes": [q.to_dict() for q in self.quotes],
            "extra": dict(self.extra),
            "versions": dict(self.versions),
        }


@dataclass(slots=True, frozen=True)
class Reject:
    """An input (or part of one) that was not stored, and why, in words a person can act on.

    ``reason`` is the message with its hint; ``code`` its entry in ``problems.CATALOGUE``."""

    source: str  # file path or URL, with ``#line=N`` / ``#record=N`` where there is one
    reason: str
    code: str = "T300"

    @property
    def problem(self) -> Problem:
        return Problem(self.code, self.reason, "read")

    def to_dict(self) -> dict[str, str]:
        return {"source": self.source, "reason": self.reason, "code": self.code}


def content_id(title: str | None, published: str | None, text: str) -> str:
    """The stable id of an article: a hash of its title, date and text."""
    digest = hashlib.blake2b(digest_size=8)
    for part in (title or "", published or "", text):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()
