"""The JSON API under ``/api``. Each route parses its parameters into a typed query, calls
one service function (the one the CLI calls), and returns what it gives: paged lists as
``{"items": [...], "next": cursor}``, one thing as itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import StreamingResponse
from pydantic import BaseModel

from tidings import export, service
from tidings.queries import (
    SEARCH_MODES,
    ArticleQuery,
    EntityQuery,
    EventQuery,
    QuoteQuery,
    StorylineQuery,
    StoryQuery,
    next_cursor,
    read_cursor,
)
from tidings.store import Store, open_store


class ErrorDetail(BaseModel):
    code: str
    message: str
    hint: str | None = None


class ErrorBody(BaseModel):
    error: ErrorDetail


class ArticleHit(BaseModel):
    id: str
    title: str | None = None
    source: str | None = None
    lang: str | None = None
    published: str | None = None
    agency: str | None = None
    snippet: str = ""
    rank: float | None = None
    score: float | None = None
    fused: float | None = None


class ArticlePage(BaseModel):
    items: list[ArticleHit]
    next: str | None = None


class Page(BaseModel):
    items: list[dict[str, Any]]
    next: str | None = None


ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "a parameter cannot match anything as written"},
    404: {"model": ErrorBody, "description": "nothing stored under that id"},
    422: {"model": ErrorBody, "description": "a parameter of the wrong type or range"},
    503: {"model": ErrorBody, "description": "the store did not answer in time"},
}


def store(request: Request) -> Iterator[Store]:
    yield from request.app.state.opener()


StoreDep = Annotated[Store, Depends(store)]
Limit = Annotated[int, Query(ge=1, le=500, description="Most items on a page.")]
Cursor = Annotated[str | None, Query(max_length=200,
                                     description="The 'next' value of the previous page.")]
Since = Annotated[str | None, Query(max_length=40, description="YYYY, YYYY-MM or YYYY-MM-DD.")]
Text = Annotated[str | None, Query(max_length=200)]
Ident = Annotated[str, Path(max_length=200)]

router = APIRouter(prefix="/api", responses=ERRORS)


@router.get("/articles", response_model=ArticlePage, tags=["articles"])
def articles(
    store: StoreDep, q: Annotated[str | None, Query(max_length=500, description=(
        'Words ("a phrase", word*, OR); in semantic mode, any text in any language.'))] = None,
    mode: Annotated[str, Query(description=f"One of {', '.join(SEARCH_MODES)}.")] = "text",
    lang: Text = None, since: Since = None, until: Since = None,
    entity: Text = None, story: Text = None, type: Text = None,
    limit: Limit = 20, cursor: Cursor = None,
) -> dict[str, Any]:
    """Articles: full text (or meaning, with ``mode=semantic``/``both``), newest first when
    there is no ``q``."""
    offset = read_cursor(cursor)
    query = ArticleQuery.parse(q, lang=lang, since=since, until=until, limit=limit, mode=mode,
                               entity=entity, story=story, event_type=type, offset=offset,
                               strict=True)
    items = service.search(store, query)
    return {"items": items, "next": next_cursor(offset, limit, len(items))}


@router.get("/articles/{ident}", tags=["articles"])
def article(store: StoreDep, ident: Ident) -> dict[str, Any]:
    """One article with every field, its provenance, mentions, events and story."""
    return service.article(store, ident)


@router.get("/entities", response_model=Page, tags=["entities"])
def entities(store: StoreDep, type: Text = None, country: Text = None, name: Text = None,
             limit: Limit = 50) -> dict[str, Any]:
    """Entities, most widely reported first, with aliases by language and roles."""
    query = EntityQuery.parse(type_=type, country=country, name=name, limit=limit)
    return {"items": service.entities(store, query), "next": None}


@router.get("/entities/{ident}", tags=["entities"])
def entity(store: StoreDep, ident: Ident) -> dict[str, Any]:
    """One entity: aliases by language, roles with dates, mentions by month, the entities
    mentioned with it."""
    return service.entity(store, ident)


def event_query(type: Text = None, actor: Text = None, pair: Text = None,
                status: Text = None, since: Since = None, until: Since = None,
                lang: Text = None,
                min_confidence: Annotated[float | None, Query(ge=0, le=1)] = None,
                ) -> dict[str, Any]:
    return {"type_": type, "actor": actor, "pair": pair, "status": status, "since": since,
            "until": until, "lang": lang, "min_confidence": min_confidence}


EventFilters = Annotated[dict[str, Any], Depends(event_query)]


@router.get("/events", response_model=Page, tags=["events"])
def events(store: StoreDep, filters: EventFilters, limit: Limit = 50,
           cursor: Cursor = None) -> dict[str, Any]:
    """Events, newest first: who did what to whom and when, with the words that say so.
    ``pair=CHN-PER`` matches either direction."""
    offset = read_cursor(cursor)
    items = service.events(store, EventQuery.parse(**filters, limit=limit, offset=offset))
    return {"items": items, "next": next_cursor(offset, limit, len(items))}


@router.get("/events/by-month", tags=["events"])
def events_by_month(store: StoreDep, filters: EventFilters) -> list[dict[str, Any]]:
    """Dated events counted by month and PLOVER quad class (the chart of a pair)."""
    query = EventQuery.parse(**filters, limit=None, newest_first=False)
    return service.months_of_events(store, query)


def _export(request: Request, filters: dict[str, Any], fmt: str) -> StreamingResponse:
    query = EventQuery.parse(**filters, limit=None, newest_first=False)
    opener = request.app.state.opener

    def rows() -> Iterator[str]:
        with open_store(opener.db, readonly=True) as own, own.time_limit(
                opener.time_limit * 20):
            events = own.events(query)
            yield ""
            yield from export.stream(events, fmt, what="events")

    stream = rows()
    next(stream)  # a filter that cannot match raises here, before the response has started
    media = "text/csv; charset=utf-8" if fmt == "csv" else "application/x-ndjson"
    return StreamingResponse(stream, media_type=media, headers={
        "Content-Disposition": f'attachment; filename="events.{fmt}"'})


def _streamed(media: str) -> dict[int | str, dict[str, Any]]:
    return {200: {"description": "The events, streamed.",
                  "content": {media: {"schema": {"type": "string"}}}}}


@router.get("/events.csv", tags=["events"], response_class=StreamingResponse,
            responses=_streamed("text/csv"))
def events_csv(request: Request, filters: EventFilters) -> StreamingResponse:
    """Every event matching the filters as CSV, oldest first, streamed."""
    return _export(request, filters, "csv")


@router.get("/events.jsonl", tags=["events"], response_class=StreamingResponse,
            responses=_streamed("application/x-ndjson"))
def events_jsonl(request: Request, filters: EventFilters) -> StreamingResponse:
    """Every event matching the filters as JSON lines, oldest first, streamed."""
    return _export(request, filters, "jsonl")


@router.get("/stories", response_model=Page, tags=["stories"])
def stories(store: StoreDep, since: Since = None, until: Since = None, lang: Text = None,
            entity: Text = None, limit: Limit = 20, cursor: Cursor = None) -> dict[str, Any]:
    """Stories, newest first: one real-world event, its articles in every language and its
    merged events."""
    offset = read_cursor(cursor)
    query = StoryQuery.parse(since=since, until=until, lang=lang, entity=entity, limit=limit,
                             offset=offset)
    items = service.stories(store, query)
    return {"items": items, "next": next_cursor(offset, limit, len(items))}


@router.get("/stories/{ident}", tags=["stories"])
def story(store: StoreDep, ident: Ident) -> dict[str, Any]:
    """One story, with why each article joined it."""
    return service.story(store, ident)


@router.get("/quotes", response_model=Page, tags=["quotes"])
def quotes(store: StoreDep, speaker: Text = None, lang: Text = None, since: Since = None,
           until: Since = None, q: Text = None, kind: Text = None, limit: Limit = 50,
           cursor: Cursor = None) -> dict[str, Any]:
    """Quotes, newest article first: who said what (direct or reported), the cue words, the
    speaker's entity, the article. ``q`` matches words inside the quote."""
    offset = read_cursor(cursor)
    query = QuoteQuery.parse(speaker=speaker, lang=lang, since=since, until=until, q=q,
                             kind=kind, limit=limit, offset=offset)
    items = service.quotes(store, query)
    return {"items": items, "next": next_cursor(offset, limit, len(items))}


def storyline_query(pair: Text = None, entity: Text = None, kind: Text = None,
                    since: Since = None, until: Since = None,
                    min_stories: Annotated[int, Query(ge=1, le=100_000, description=(
                        "Leave out storylines of fewer stories."))] = 1,
                    ) -> dict[str, Any]:
    return {"pair": pair, "entity": entity, "kind": kind, "since": since, "until": until,
            "min_stories": min_stories}


StorylineFilters = Annotated[dict[str, Any], Depends(storyline_query)]


@router.get("/storylines", response_model=Page, tags=["storylines"])
def storylines(store: StoreDep, filters: StorylineFilters, limit: Limit = 20,
               cursor: Cursor = None) -> dict[str, Any]:
    """Storylines, the most stories first: a dyad (two actors, ``pair=CHN-PER`` in either
    order) or a theme, each with its actors, key entities, figures by month (quad counts,
    articles, mean score) and stories. ``since``/``until`` trim the months and stories."""
    offset = read_cursor(cursor)
    query = StorylineQuery.parse(**filters, limit=limit, offset=offset)
    items = service.storylines(store, query)
    return {"items": items, "next": next_cursor(offset, limit, len(items))}


@router.get("/storylines/{ident}", tags=["storylines"])
def storyline(store: StoreDep, ident: Ident) -> dict[str, Any]:
    """One storyline by id (``d-CHN-PER``, ``t-…``) or by pair (``CHN-PER``)."""
    return service.storyline(store, ident)


@router.get("/status", tags=["store"])
def status(store: StoreDep) -> dict[str, Any]:
    """Counts and ranges of what is stored."""
    return store.status()
