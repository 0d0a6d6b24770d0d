"""The service functions the edges call: one per thing a user asks for.

The CLI (and the HTTP API after it) parse their input into a typed query (``queries``),
call one function here, and format what it returns. Nothing here prints or knows about
HTTP; errors are ``TidingsError``s with a ``Problem``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tidings.dates import date_period
from tidings.errors import InputError, QueryError
from tidings.model import Article, Reject
from tidings.pipeline import Pipeline
from tidings.queries import (
    ArticleQuery,
    EntityQuery,
    EventQuery,
    QuoteQuery,
    StorylineQuery,
    StoryQuery,
)
from tidings.run import analyse_path
from tidings.store.base import Store

if TYPE_CHECKING:
    from tidings.config import Settings
    from tidings.corpus.update import CorpusReport


def analyse(path: str | Path, pipeline: Pipeline) -> tuple[list[Article], list[Reject]]:
    """The analysed articles and the rejects of one input, no store. Raises ``InputError``
    when the input holds no article at all."""
    articles: list[Article] = []
    rejects: list[Reject] = []
    for item in analyse_path(path, pipeline):
        (rejects if isinstance(item, Reject) else articles).append(item)  # type: ignore[arg-type]
    if not articles:
        first = rejects[0] if rejects else None
        raise InputError(
            f"{path}: {first.reason if first else 'no article found'}",
            code=first.code if first else "T302",
        )
    return articles, rejects


def article(store: Store, ident: str) -> dict[str, Any]:
    """The stored article ``ident`` (or a unique prefix of 6+ characters)."""
    found = store.get(ident)
    if found is None:
        raise QueryError(
            f"no article with id '{ident}'",
            hint="see 'tidings search'; a prefix must have 6+ characters and be unique",
            code="T710",
        )
    return found


def search(store: Store, query: ArticleQuery) -> list[dict[str, Any]]:
    """Articles matching ``query``, best first: by their words (``mode='text'``, FTS), by
    meaning in any language (``semantic``), or both rankings fused; with no words, every
    article matching the filters, newest first."""
    if query.mode == "text" or not query.terms:
        return store.search(query)
    from tidings.corpus import search as by_meaning

    if query.mode == "semantic":
        return by_meaning.semantic(store, query)
    return by_meaning.fused(store, query)


def search_page(store: Store, query: ArticleQuery,
                depth: int = 500) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """A search page: ``search``'s hits, and counts by language, entity and event type over
    the first ``depth`` matches (what the page offers to narrow the search by). The matches
    are ranked once, for both, when the page lies within the first ``depth``."""
    first = replace(query, limit=depth, offset=0)
    end = query.offset + (query.limit or depth)
    if query.mode == "text" or not query.terms:
        ranked = store.ranked(first)  # no text read, no snippets made
        ids = [ident for ident, _, _ in ranked]
        if end <= depth:
            chosen = ranked[query.offset:end]
            hits = store.hits([rowid for _, rowid, _ in chosen], replace(query, offset=0))
            for hit, (_, _, rank) in zip(hits, chosen, strict=True):
                del hit["_rowid"]
                hit["rank"] = None if rank is None else round(rank, 3)
        else:
            hits = search(store, query)
    elif query.mode == "semantic":
        from tidings.corpus import search as by_meaning

        ids = by_meaning.semantic_ids(store, first)  # no text read for the 500
        hits = search(store, query)
    else:
        deep = search(store, first)
        ids = [hit["id"] for hit in deep]
        hits = deep[query.offset:end] if end <= depth else search(store, query)
    return hits, {"depth": depth, "matches": len(ids), **store.facets(ids)}


def entities(store: Store, query: EntityQuery) -> list[dict[str, Any]]:
    return store.entities(query)


def entity(store: Store, ident: str) -> dict[str, Any]:
    """One entity: aliases by language, roles with dates, mentions by month, the entities
    it is mentioned with. Raises ``QueryError`` (T712) when there is none."""
    found = store.entity(ident.strip())
    if found is None:
        raise QueryError(
            f"no entity with id '{ident}'",
            hint="see 'tidings entities' for ids (per:xi-jinping, CHN, geo:3936456)",
            code="T712",
        )
    return found


QUAD_CLASSES = ("verbal cooperation", "material cooperation", "verbal conflict",
                "material conflict")


def event_months(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events counted by month of their date and PLOVER quad class (undated events are
    left out): ``[{"month": "2024-11", "verbal cooperation": 3, ...}, ...]`` oldest first."""
    months: dict[str, dict[str, Any]] = {}
    for event in events:
        period = date_period(event.get("date") or "")
        if period is None or (period[0][:7] != period[1][:7] and (
                date.fromisoformat(period[1]) - date.fromisoformat(period[0])).days > 7):
            continue  # undated, or a year or season: no one month to count it in
        month = period[0][:7]  # a week across two months counts in the month it starts
        row = months.setdefault(month, {"month": month, **dict.fromkeys(QUAD_CLASSES, 0)})
        quad = event.get("quad_class")
        key = QUAD_CLASSES[quad - 1] if isinstance(quad, int) and 1 <= quad <= 4 else None
        if key:
            row[key] += 1
    return [months[m] for m in sorted(months)]


def months_of_events(store: Store, query: EventQuery) -> list[dict[str, Any]]:
    """``event_months`` of the events matching ``query`` (their dates only are read)."""
    return event_months(store.event_dates(replace(query, limit=None, offset=0)))


def events(store: Store, query: EventQuery) -> list[dict[str, Any]]:
    return list(store.events(query))


def quotes(store: Store, query: QuoteQuery) -> list[dict[str, Any]]:
    """Quotes matching ``query``, newest article first, each with its article."""
    return store.quotes(query)


def stories(store: Store, query: StoryQuery) -> list[dict[str, Any]]:
    """Stories matching ``query``, newest first, each with its articles and merged events.
    An empty store, or one whose stories are not built yet, gives an empty list."""
    return store.stories(query)


def story(store: Store, ident: str) -> dict[str, Any]:
    """One story with why each of its articles joined it. ``ident`` is a story id (``s-…``),
    a unique prefix of 8+ characters with or without the ``s-``, or the id of one of its
    articles. Raises ``QueryError`` (T711) when none of these finds a story."""
    ident = ident.strip()
    found = store.story(ident)
    if found is None and ident and not ident.startswith("s-"):
        found = store.story(f"s-{ident}")
    if found is None and ident:
        # an article id: the story it is in (its copies and its story are on the article)
        placed = ((store.get(ident) or {}).get("story") or {}).get("story")
        if placed:
            found = store.story(placed["id"])
    if found is None:
        raise QueryError(
            f"no story with id '{ident}'",
            hint="see 'tidings stories' for ids (a prefix needs 8+ characters and must be "
            "unique); articles ingested with --no-stories join stories after "
            "'tidings stories update'",
            code="T711",
        )
    return found


def storylines(store: Store, query: StorylineQuery) -> list[dict[str, Any]]:
    """Storylines matching ``query``, the most stories first (see ``Store.storylines``). A
    pair no storyline has raises ``QueryError`` (T713) naming the code that is unknown and
    how to find codes; an empty store gives an empty list."""
    found = store.storylines(query)
    if found or not query.pair or not store.storylines(StorylineQuery(kind="dyad", limit=1)):
        return found
    if store.storylines(StorylineQuery(pair=query.pair, limit=1)):
        return found  # the pair has a storyline, not within the other filters
    unknown = [code for code in query.pair
               if not store.storylines(StorylineQuery(actor=code, limit=1))]
    what = (f"no storyline has actor {' or '.join(unknown)}" if unknown else
            f"{query.pair[0]} and {query.pair[1]} share no storyline")
    raise QueryError(
        what, code="T713",
        hint="pairs are country codes (ISO 3166 alpha-3: CHN, PER) or international bodies "
             "(IGOUNO); 'tidings storylines --kind dyad' lists the pairs, 'tidings entities' "
             "shows each entity's code")


def storyline(store: Store, ident: str) -> dict[str, Any]:
    """One storyline by id (``d-CHN-PER``, ``t-…``); a pair ``CHN-PER`` works too. Raises
    ``QueryError`` (T713) when there is none."""
    ident = ident.strip()
    found = store.storyline(ident)
    if found is None and ident and ident[:2].lower() not in ("d-", "t-"):
        try:
            query = StorylineQuery.parse(pair=ident)
        except QueryError:
            query = None
        found = store.storyline(query.dyad) if query and query.dyad else None
    if found is None:
        raise QueryError(f"no storyline with id '{ident}'", code="T713",
                         hint="see 'tidings storylines' for ids; storylines are built with "
                              "the stories ('tidings stories update')")
    return found


def update_stories(
    store: Store,
    settings: Settings | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> CorpusReport:
    """Fold every stored article not yet seen by the corpus stages into near-duplicate groups,
    stories and merged events (``corpus.update``); ``on_progress(done, total)`` after each
    chunk. Safe to run at any time: it does only what is missing."""
    from tidings.corpus.update import update

    return update(store, settings, on_progress=on_progress)


def export_rows(store: Store, kind: str,
                query: EventQuery | ArticleQuery | StoryQuery | QuoteQuery | StorylineQuery
                ) -> Iterable[dict[str, Any]]:
    """The rows of an export of ``kind``: articles or events oldest first, stories and
    quotes newest first (as ``tidings stories`` and ``tidings quotes`` list them)."""
    if kind == "quotes":
        assert isinstance(query, QuoteQuery)
        return store.quotes(query)
    if kind == "events":
        assert isinstance(query, EventQuery)
        return store.events(query)
    if kind == "stories":
        assert isinstance(query, StoryQuery)
        return store.stories(query)
    if kind == "storylines":
        assert isinstance(query, StorylineQuery)
        return store.storylines(query)
    assert isinstance(query, ArticleQuery)
    return store.articles(query)
