"""The HTML pages: search, article, entity, events, stories, storylines. Each route parses its
parameters, calls the service functions the API calls, and renders one template. The pages
need no JavaScript: forms are GET forms, charts are SVG drawn here."""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse

from tidings import service
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
from tidings.serve.api import (
    Cursor,
    EventFilters,
    Ident,
    Since,
    StoreDep,
    StorylineFilters,
    Text,
)
from tidings.serve.render import (
    marked_text,
    month_bars,
    spans,
    stacked_months,
    storyline_chart,
    templates,
    volume_sparkline,
)

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
PAGE = 20


def _page(request: Request, template: str, **context: Any) -> HTMLResponse:
    return templates.TemplateResponse(request, template, context)


def _link(request: Request, **changes: Any) -> str:
    """This page's address with some parameters changed (None drops one)."""
    params = {**request.query_params, **changes}
    return "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


def _search_form(q: str | None = None, mode: str = "text", lang: str | None = None,
                 since: str | None = None, until: str | None = None,
                 entity: str | None = None, type: str | None = None) -> dict[str, Any]:
    return {"q": q, "mode": mode, "lang": lang, "since": since, "until": until,
            "entity": entity, "type": type}


SearchForm = Annotated[dict[str, Any], Depends(_search_form)]


@router.get("/")
def search(request: Request, store: StoreDep, form: SearchForm,
           cursor: Cursor = None) -> HTMLResponse:
    offset = read_cursor(cursor)
    query = ArticleQuery.parse(form["q"], lang=form["lang"], since=form["since"],
                               until=form["until"], limit=PAGE, mode=form["mode"],
                               entity=form["entity"], event_type=form["type"], offset=offset,
                               strict=True)
    hits, facets = service.search_page(store, query)
    after = next_cursor(offset, PAGE, len(hits))
    return _page(request, "search.html", form=form, modes=SEARCH_MODES, hits=hits,
                 facets=facets, offset=offset,
                 next=_link(request, cursor=after) if after else None, link=_link,
                 stored=store.count())


@router.get("/articles/{ident}")
def article(request: Request, store: StoreDep, ident: Ident) -> HTMLResponse:
    found = service.article(store, ident)
    items = spans(found)
    return _page(request, "article.html", a=found, text=marked_text(found["text"], items),
                 counts={k: sum(1 for s in items if s["kind"] == k)
                         for k in ("entity", "timex", "trigger", "quote")})


@router.get("/entities")
def entities(request: Request, store: StoreDep, name: Text = None, type: Text = None,
             country: Text = None) -> HTMLResponse:
    rows = service.entities(store, EntityQuery.parse(type_=type, country=country, name=name,
                                                     limit=100))
    return _page(request, "entities.html", rows=rows, name=name, type=type, country=country)


@router.get("/entities/{ident}")
def entity(request: Request, store: StoreDep, ident: Ident) -> HTMLResponse:
    found = service.entity(store, ident)
    recent = service.search(store, ArticleQuery.parse(entity=found["id"], limit=PAGE))
    events = service.events(store, EventQuery.parse(actor=found["id"], limit=PAGE))
    months = service.months_of_events(
        store, EventQuery.parse(actor=found["id"], limit=None, newest_first=False))
    said = service.quotes(store, QuoteQuery.parse(speaker=found["id"], limit=PAGE))
    lines = service.storylines(store, StorylineQuery.parse(entity=found["id"], limit=10))
    return _page(request, "entity.html", e=found, articles=recent, events=events, said=said,
                 storylines=lines,
                 mentions_chart=month_bars(found["by_month"], "mentions",
                                           f"Mentions of {found['name']} by month"),
                 events_chart=stacked_months(months, f"Events of {found['name']} by month"))


@router.get("/events")
def events(request: Request, store: StoreDep, filters: EventFilters,
           cursor: Cursor = None) -> HTMLResponse:
    offset = read_cursor(cursor)
    rows = service.events(store, EventQuery.parse(**filters, limit=50, offset=offset))
    chart = None
    if filters["pair"] or filters["actor"]:
        months = service.months_of_events(
            store, EventQuery.parse(**filters, limit=None, newest_first=False))
        chart = stacked_months(months, "Events per month by quad class")
    after = next_cursor(offset, 50, len(rows))
    csv = "/api/events.csv" + _link(request, cursor=None)
    return _page(request, "events.html", rows=rows, f=filters, chart=chart, csv=csv,
                 next=_link(request, cursor=after) if after else None)


@router.get("/quotes")
def quotes(request: Request, store: StoreDep, speaker: Text = None, lang: Text = None,
           since: Since = None, until: Since = None, q: Text = None,
           cursor: Cursor = None) -> HTMLResponse:
    offset = read_cursor(cursor)
    rows = service.quotes(store, QuoteQuery.parse(speaker=speaker, lang=lang, since=since,
                                                  until=until, q=q, limit=PAGE, offset=offset))
    after = next_cursor(offset, PAGE, len(rows))
    return _page(request, "quotes.html", rows=rows, speaker=speaker, lang=lang, since=since,
                 until=until, q=q, next=_link(request, cursor=after) if after else None)


@router.get("/stories")
def stories(request: Request, store: StoreDep, since: Since = None, until: Since = None,
            lang: Text = None, entity: Text = None, cursor: Cursor = None) -> HTMLResponse:
    offset = read_cursor(cursor)
    rows = service.stories(store, StoryQuery.parse(since=since, until=until, lang=lang,
                                                   entity=entity, limit=PAGE, offset=offset))
    after = next_cursor(offset, PAGE, len(rows))
    return _page(request, "stories.html", rows=rows, since=since, until=until, lang=lang,
                 entity=entity, next=_link(request, cursor=after) if after else None)


@router.get("/stories/{ident}")
def story(request: Request, store: StoreDep, ident: Ident) -> HTMLResponse:
    found = service.story(store, ident)
    lines = service.storylines(store, StorylineQuery(story=found["id"], limit=10))
    return _page(request, "story.html", s=found, storylines=lines)


@router.get("/storylines")
def storylines(request: Request, store: StoreDep, filters: StorylineFilters,
               cursor: Cursor = None) -> HTMLResponse:
    offset = read_cursor(cursor)
    rows = service.storylines(store, StorylineQuery.parse(**filters, limit=PAGE,
                                                          offset=offset))
    sparks = {row["id"]: volume_sparkline(row["months"], f"Articles per month: {row['label']}")
              for row in rows}
    after = next_cursor(offset, PAGE, len(rows))
    return _page(request, "storylines.html", rows=rows, f=filters, sparks=sparks,
                 next=_link(request, cursor=after) if after else None)


@router.get("/storylines/{ident}")
def storyline(request: Request, store: StoreDep, ident: Ident) -> HTMLResponse:
    found = service.storyline(store, ident)
    chart = storyline_chart(found["months"], f"{found['label']}, month by month: mean score, "
                            "events by quad class, articles")
    return _page(request, "storyline.html", s=found, chart=chart)


@router.get("/about")
def about(request: Request, store: StoreDep) -> HTMLResponse:
    return _page(request, "about.html", status=store.status(), db=request.app.state.db)

