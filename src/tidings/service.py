"""The service functions the edges call: one per thing a user asks for.

The CLI (and the HTTP API after it) parse their input into a typed query (``queries``),
call one function here, and format what it returns. Nothing here prints or knows about
HTTP; errors are ``TidingsError``s with a ``Problem``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tidings.errors import InputError, QueryError
from tidings.model import Article, Reject
from tidings.pipeline import Pipeline
from tidings.queries import ArticleQuery, EntityQuery, EventQuery
from tidings.run import analyse_path
from tidings.store.base import Store


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


def export_rows(store: Store, kind: str, query: EventQuery | ArticleQuery
                ) -> Iterator[dict[str, Any]]:
    """The rows of an export of ``kind`` (articles or events), oldest first."""
    if kind == "events":
        assert isinstance(query, EventQuery)
        return store.events(query)
    assert isinstance(query, ArticleQuery)
    return store.articles(query)
