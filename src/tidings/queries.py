"""What a user asks the store for, parsed once into typed, validated query objects.

The CLI and the HTTP API build these from their parameters (``EventQuery.parse(...)``); the
store backends read only the typed fields. A filter that cannot match anything as written
(an impossible date, a pair that is not two actors, an unknown status) is a ``QueryError``
that says what to write instead, raised before any output.

Date filters use the *period* a date names (``dates.date_period``): ``--since 2024-11``
starts on 2024-11-01, ``--until 2024-11`` ends on 2024-11-30. Events are kept when their
whole period lies inside the range: ``2024-11`` is inside ``--since 2024-11-01 --until
2024-11-30`` and inside ``--since 2024``, not inside ``--since 2024-11-15``. Undated events
are left out whenever ``since`` or ``until`` is given. Articles are kept when their
publication date lies inside the range.
"""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass, field

from tidings.dates import date_period
from tidings.errors import QueryError
from tidings.model import EVENT_STATUSES, PLOVER_TYPES


def period_bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """The first day of ``since`` and the last day of ``until`` (ISO), either None."""
    return (
        _bound(since, "since")[0] if since else None,
        _bound(until, "until")[1] if until else None,
    )


def _bound(value: str, name: str) -> tuple[str, str]:
    period = date_period(value)
    if period is None:
        raise QueryError(
            f"{name} '{value}' is not a date", hint="write YYYY-MM-DD, YYYY-MM or YYYY"
        )
    return period


def _limit(limit: int | None) -> int | None:
    if limit is not None and limit < 1:
        raise QueryError(f"limit {limit} shows nothing", hint="give a limit of 1 or more")
    return limit


def actor_token(value: str) -> str:
    """How an entity id, actor code or country is matched: ids with a prefix
    (``per:xi-jinping``) in lower case, codes in upper case, inner spaces as ``_``."""
    value = "_".join(value.split())
    return value.lower() if ":" in value else value.upper()


def split_pair(pair: str) -> tuple[str, str]:
    """``CHN-PER`` (or ``A,B`` when an id holds a hyphen) as two actor tokens."""
    parts = [p.strip() for p in (pair.split(",") if "," in pair else pair.split("-"))]
    if len(parts) != 2 or not all(parts):
        raise QueryError(
            f"pair '{pair}' is not two actors",
            hint="write A-B (CHN-PER), or A,B when an id has a hyphen (per:xi-jinping,PER)",
        )
    return actor_token(parts[0]), actor_token(parts[1])


_TERM = re.compile(r'"([^"]*)"|(\S+)')


@dataclass(frozen=True, slots=True)
class Term:
    """One term of a full-text query: words that must occur (``phrase``: together, in this
    order), ``prefix`` for ``word*``, ``either`` when ``OR`` joins it to the term before."""

    text: str
    phrase: bool = False
    prefix: bool = False
    either: bool = False


def parse_text(query: str) -> tuple[Term, ...]:
    """A user's search words as terms: every word must occur; ``"a phrase"`` is a phrase;
    a trailing ``*`` a prefix; ``OR`` between two terms is kept. Punctuation other than
    hyphens is dropped, so no input is read as a backend's query syntax."""
    terms: list[Term] = []
    either = False
    for match in _TERM.finditer(query):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            if phrase.strip():
                terms.append(Term(" ".join(phrase.split()), True, False, either))
                either = False
            continue
        if word == "OR" and terms:
            either = True
            continue
        prefix = word.endswith("*") and len(word) > 1
        cleaned = " ".join(re.sub(r"[^\w\s-]", " ", word.rstrip("*")).split())
        if cleaned:
            terms.append(Term(cleaned, False, prefix, either))
            either = False
    return tuple(terms)


SEARCH_MODES = ("text", "semantic", "both")
_OPERATOR = re.compile(r"\b(NEAR|AND|NOT)\s*\(|^\s*(AND|OR|NOT)\b|[(){}^]")


def check_syntax(query: str) -> None:
    """Refuse search words that look like query syntax we do not read (an open phrase, a
    lone ``*``, ``NEAR(``, brackets): the HTTP API says so instead of guessing. The CLI
    reads such input as plain words (``parse_text``)."""
    hint = 'write words, "a phrase", word* for a prefix, and OR between two terms'
    if query.count('"') % 2:
        raise QueryError('the phrase opened by " is not closed',
                         hint='close it with a second " (' + hint + ")")
    if re.search(r"(^|\s)\*|\*\S", query):
        raise QueryError("'*' must end a word (a prefix search)",
                         hint="write port* to find port, ports and portal (" + hint + ")")
    found = _OPERATOR.search(query)
    if found:
        raise QueryError(f"'{found.group(0).strip()}' is search syntax tidings does not read",
                         hint=hint)


def _cursor(offset: int) -> str:
    return base64.urlsafe_b64encode(f"o:{offset}".encode()).decode().rstrip("=")


def read_cursor(cursor: str | None) -> int:
    """The offset a ``next`` cursor stands for (0 for none)."""
    if not cursor:
        return 0
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        offset = int(text.removeprefix("o:")) if text.startswith("o:") else -1
    except (ValueError, UnicodeDecodeError):
        offset = -1
    if not 0 <= offset <= 10_000_000:
        raise QueryError(f"cursor '{cursor[:40]}' is not one this API gave",
                         hint="pass the 'next' value of the previous page unchanged, or none")
    return offset


def next_cursor(offset: int, limit: int | None, returned: int) -> str | None:
    """The cursor of the page after one of ``returned`` items (None after the last)."""
    if limit is None or returned < limit:
        return None
    return _cursor(offset + returned)


@dataclass(frozen=True, slots=True)
class ArticleQuery:
    """Articles: full-text ``terms`` (parsed from ``q``), language, the first and last day
    of publication, an entity mentioned, a story, a type of event reported. ``mode`` says
    how ``q`` is matched (``text``: its words, ``semantic``: its meaning in any language,
    ``both``: the two rankings fused)."""

    q: str | None = None
    lang: str | None = None
    first_day: str | None = None
    last_day: str | None = None
    limit: int | None = 20
    terms: tuple[Term, ...] = field(default=())
    mode: str = "text"
    entity: str | None = None
    story: str | None = None
    offset: int = 0
    event_type: str | None = None

    @classmethod
    def parse(
        cls,
        q: str | None = None,
        *,
        lang: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = 20,
        mode: str = "text",
        entity: str | None = None,
        story: str | None = None,
        offset: int = 0,
        event_type: str | None = None,
        strict: bool = False,
    ) -> ArticleQuery:
        if mode not in SEARCH_MODES:
            raise QueryError(f"unknown search mode '{mode}'",
                             hint=f"choose one of {', '.join(SEARCH_MODES)}")
        if strict and q:
            check_syntax(q)
        first, last = period_bounds(since, until)
        return cls(q or None, lang or None, first, last, _limit(limit), parse_text(q or ""),
                   mode, entity.strip() or None if entity else None,
                   story.strip() or None if story else None, max(0, offset),
                   event_type.strip().upper() or None if event_type else None)

    @property
    def filtered(self) -> bool:
        """Whether a filter (language, dates, entity, story, event type) may leave out some
        of the articles that match ``q``."""
        return any((self.lang, self.first_day, self.last_day, self.entity, self.story,
                    self.event_type))


@dataclass(frozen=True, slots=True)
class EntityQuery:
    """Entities by type, country and part of a name or alias (any language)."""

    type: str | None = None
    country: str | None = None
    name: str | None = None
    limit: int | None = 50

    @classmethod
    def parse(
        cls,
        *,
        type_: str | None = None,
        country: str | None = None,
        name: str | None = None,
        limit: int | None = 50,
    ) -> EntityQuery:
        return cls(
            type_.upper() if type_ else None,
            country.upper() if country else None,
            name or None,
            _limit(limit),
        )


@dataclass(frozen=True, slots=True)
class EventQuery:
    """Events. ``actor`` matches an entity id, actor code or country on either side; ``pair``
    one side matching each token, in either direction; ``type`` is upper case (the store
    also accepts a type it holds that is not PLOVER's)."""

    type: str | None = None
    actor: str | None = None
    pair: tuple[str, str] | None = None
    status: str | None = None
    first_day: str | None = None
    last_day: str | None = None
    lang: str | None = None
    limit: int | None = 50
    newest_first: bool = True
    min_confidence: float | None = None
    offset: int = 0

    @classmethod
    def parse(
        cls,
        *,
        type_: str | None = None,
        actor: str | None = None,
        pair: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        lang: str | None = None,
        limit: int | None = 50,
        newest_first: bool = True,
        min_confidence: float | None = None,
        offset: int = 0,
    ) -> EventQuery:
        if status and status.lower() not in EVENT_STATUSES:
            raise QueryError(
                f"unknown event status '{status}'",
                hint=f"choose one of {', '.join(EVENT_STATUSES)}",
            )
        if min_confidence is not None and not 0.0 <= min_confidence <= 1.0:
            raise QueryError(
                f"min-confidence {min_confidence} is not a share",
                hint="give a number from 0 to 1 (0.5: events right about half the time)",
            )
        first, last = period_bounds(since, until)
        return cls(
            type=type_.strip().upper() if type_ else None,
            actor=actor_token(actor) if actor else None,
            pair=split_pair(pair) if pair else None,
            status=status.lower() if status else None,
            first_day=first,
            last_day=last,
            lang=lang or None,
            limit=_limit(limit),
            newest_first=newest_first,
            min_confidence=min_confidence,
            offset=max(0, offset),
        )

    def unknown_type(self, stored: set[str]) -> QueryError | None:
        """The error for a type neither PLOVER nor the store knows, else None."""
        if self.type is None or self.type in PLOVER_TYPES or self.type in stored:
            return None
        return QueryError(
            f"unknown event type '{self.type}'",
            hint="choose one of "
            + ", ".join([*PLOVER_TYPES, *sorted(stored - set(PLOVER_TYPES))]),
        )


@dataclass(frozen=True, slots=True)
class StoryQuery:
    """Stories, newest first. A story is kept when its span of publication dates meets the
    range (an undated story is left out when ``since`` or ``until`` is given), when one of
    its articles is in ``lang``, and when one of its articles mentions ``entity``."""

    first_day: str | None = None
    last_day: str | None = None
    lang: str | None = None
    entity: str | None = None
    limit: int | None = 20
    offset: int = 0

    @classmethod
    def parse(
        cls,
        *,
        since: str | None = None,
        until: str | None = None,
        lang: str | None = None,
        entity: str | None = None,
        limit: int | None = 20,
        offset: int = 0,
    ) -> StoryQuery:
        first, last = period_bounds(since, until)
        ident = entity.strip() if entity else None
        if ident and len(ident) == 3 and ident.isalpha():
            ident = ident.upper()  # a country code, written any case
        return cls(first, last, lang or None, ident or None, _limit(limit), max(0, offset))


@dataclass(frozen=True, slots=True)
class QuoteQuery:
    """Quotes, newest article first: by speaker (an entity id, any case), the language and
    publication dates of their article, and words inside the quote (``q``, plain substring,
    any language)."""

    speaker: str | None = None
    lang: str | None = None
    first_day: str | None = None
    last_day: str | None = None
    q: str | None = None
    kind: str | None = None
    limit: int | None = 50
    offset: int = 0

    @classmethod
    def parse(
        cls,
        *,
        speaker: str | None = None,
        lang: str | None = None,
        since: str | None = None,
        until: str | None = None,
        q: str | None = None,
        kind: str | None = None,
        limit: int | None = 50,
        offset: int = 0,
    ) -> QuoteQuery:
        from tidings.model import QUOTE_KINDS

        if kind and kind.lower() not in QUOTE_KINDS:
            raise QueryError(f"unknown quote kind '{kind}'",
                             hint=f"choose one of {', '.join(QUOTE_KINDS)}")
        first, last = period_bounds(since, until)
        return cls(speaker.strip() or None if speaker else None, lang or None, first, last,
                   " ".join(q.split()) or None if q else None,
                   kind.lower() if kind else None, _limit(limit), max(0, offset))


STORYLINE_KINDS = ("dyad", "theme")


def dyad_id(a: str, b: str) -> str:
    """The id of the storyline of actors ``a`` and ``b`` (either order): ``d-CHN-PER``."""
    return "d-" + "-".join(sorted((a, b)))


@dataclass(frozen=True, slots=True)
class StorylineQuery:
    """Storylines, biggest first. ``pair`` names a dyad (two country or international-body
    codes, either order); ``entity`` keeps storylines with that key entity or actor; a date
    range keeps storylines with a month or a story inside it and trims both to it (undated
    ones are left out, as for stories); ``min_stories`` hides storylines of fewer stories."""

    pair: tuple[str, str] | None = None
    entity: str | None = None
    kind: str | None = None
    first_day: str | None = None
    last_day: str | None = None
    min_stories: int = 1
    limit: int | None = 20
    offset: int = 0
    actor: str | None = None  # dyads with this actor code on either side
    story: str | None = None  # storylines holding this story id

    @classmethod
    def parse(
        cls,
        *,
        pair: str | None = None,
        entity: str | None = None,
        kind: str | None = None,
        since: str | None = None,
        until: str | None = None,
        min_stories: int = 1,
        limit: int | None = 20,
        offset: int = 0,
    ) -> StorylineQuery:
        sides = split_pair(pair) if pair else None
        if sides and any(":" in side for side in sides):
            raise QueryError(
                f"pair '{pair}' names a person or an organisation",
                hint="a pair is two country or international-body codes (CHN-PER, "
                     "IGOUNO-USA); a person's storylines: --entity per:…",
            )
        if kind and kind.lower() not in STORYLINE_KINDS:
            raise QueryError(f"unknown storyline kind '{kind}'",
                             hint=f"choose one of {', '.join(STORYLINE_KINDS)}")
        ident = entity.strip() if entity else None
        if ident and len(ident) == 3 and ident.isalpha():
            ident = ident.upper()
        first, last = period_bounds(since, until)
        return cls(sides, ident or None, kind.lower() if kind else None, first, last,
                   max(1, min_stories), _limit(limit), max(0, offset))

    @property
    def dyad(self) -> str | None:
        return dyad_id(*self.pair) if self.pair else None
