"""The service functions the edges call: one per thing a user asks for.

The CLI (and the HTTP API after it) parse their input into a typed query (``queries``),
call one function here, and format what it returns. Nothing here prints or knows about
HTTP; errors are ``TidingsError``s with a ``Problem``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tidings.errors import InputError, QueryError
from tidings.model import Article, Reject
from tidings.pipeline import Pipeline
from tidings.queries import ArticleQuery, EntityQuery, EventQuery, StoryQuery
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
    """Articles matching the full-text query, best first."""
    return store.search(query)


def entities(store: Store, query: EntityQuery) -> list[dict[str, Any]]:
    return store.entities(query)


def events(store: Store, query: EventQuery) -> list[dict[str, Any]]:
    return list(store.events(query))


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


def export_rows(store: Store, kind: str, query: EventQuery | ArticleQuery | StoryQuery
                ) -> Iterable[dict[str, Any]]:
    """The rows of an export of ``kind``: articles or events oldest first, stories newest
    first (as ``tidings stories`` lists them)."""
    if kind == "events":
        assert isinstance(query, EventQuery)
        return store.events(query)
    if kind == "stories":
        assert isinstance(query, StoryQuery)
        return store.stories(query)
    assert isinstance(query, ArticleQuery)
    return store.articles(query)
