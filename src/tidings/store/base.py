"""The store interface every backend implements, and everything outside ``store/`` is typed to.

Backends: ``sqlite`` (one file, the default). A new backend is a package beside it with a
class that satisfies ``Store``, its own migrations, and a branch in ``open_store``; the
contract tests in ``tests/store/`` run against every backend.

Rows come back as plain dicts: an article in the shape of ``Article.to_dict()`` (plus
``ingested_at``), an event with its article, actors and evidence, an entity with its aliases
by language and its roles with dates.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any, Protocol, runtime_checkable

from tidings.model import Article, Reject
from tidings.queries import (
    ArticleQuery,
    EntityQuery,
    EventQuery,
    QuoteQuery,
    StorylineQuery,
    StoryQuery,
)


@runtime_checkable
class Store(Protocol):
    """Articles, their analysis, rejects and finished sources."""

    readonly: bool
    # the corpus layer's tables (watermarks, copies, story members, vectors, stories), as
    # the corpus stages use them: see store/sqlite/corpus.py for the methods
    corpus: Any
    # live feeds' polling state, seen URLs and robots.txt: see store/sqlite/feeds.py
    feeds: Any

    def write(
        self,
        articles: Iterable[Article],
        rejects: Iterable[Reject] = (),
        *,
        forget_rejects_of: str | None = None,
        finished: tuple[str, str, int, int] | None = None,
    ) -> int:
        """Write articles and rejects in one transaction; return how many articles were new.
        ``forget_rejects_of`` drops earlier rejects of that source (it is read again);
        ``finished`` = (fingerprint, path, articles, rejects) marks a source as done."""
        ...

    def is_finished(self, fingerprint: str) -> bool: ...

    def count(self) -> int: ...

    def rejects(self, limit: int | None = None) -> list[dict[str, str]]: ...

    def status(self) -> dict[str, Any]:
        """Counts and ranges of what is stored."""
        ...

    def migrations(self) -> list[str]: ...

    def search(self, query: ArticleQuery) -> list[dict[str, Any]]:
        """Articles matching ``query.q``, best first, each with a snippet."""
        ...

    def ranked(self, query: ArticleQuery) -> list[tuple[str, int, float | None]]:
        """``search``'s hits as ``(id, rowid, rank)``, in its order, without their text."""
        ...

    def matching(self, rowids: Sequence[int], query: ArticleQuery) -> list[tuple[int, str]]:
        """``(rowid, id)`` of the articles of ``rowids`` (in that order) that match the
        filters of ``query``, without reading their text."""
        ...

    def hits(self, rowids: Sequence[int], query: ArticleQuery) -> list[dict[str, Any]]:
        """The articles of ``rowids`` (in that order) that match the filters of ``query``,
        paged by its ``offset`` and ``limit``, as ``search`` gives hits, each with its
        ``_rowid``."""
        ...

    def facets(self, ids: Sequence[str], top: int = 10) -> dict[str, list[tuple[str, int]]]:
        """Counts over the articles ``ids``: by ``lang``, by ``entity`` (id, name, count:
        the ``top`` most frequent) and by event ``type``."""
        ...

    def time_limit(self, seconds: float | None) -> AbstractContextManager[None]:
        """Inside the block, a statement running past ``seconds`` raises ``QueryTimeout``."""
        ...

    def get(self, ident: str) -> dict[str, Any] | None:
        """The article with id ``ident`` (or a unique prefix of 6+ characters)."""
        ...

    def articles(self, query: ArticleQuery) -> Iterator[dict[str, Any]]:
        """Every article matching the filters (``q`` is ignored), oldest first."""
        ...

    def entities(self, query: EntityQuery) -> list[dict[str, Any]]:
        """Entities, most widely reported first."""
        ...

    def quotes(self, query: QuoteQuery) -> list[dict[str, Any]]:
        """Quotes, newest article first, each with its article."""
        ...

    def entity(self, ident: str) -> dict[str, Any] | None:
        """One entity with its mentions by month and the entities seen with it."""
        ...

    def events(self, query: EventQuery) -> Iterator[dict[str, Any]]:
        """Events matching every filter, newest (or oldest) first. Raises ``QueryError``
        for a filter that cannot match as written, before the first row."""
        ...

    def event_dates(self, query: EventQuery) -> Iterator[dict[str, Any]]:
        """``{"date", "quad_class"}`` of each event ``events`` gives, in its order, without
        reading actors and evidence."""
        ...

    def stories(self, query: StoryQuery) -> list[dict[str, Any]]:
        """Stories, newest first, each with its articles and merged events."""
        ...

    def story(self, ident: str) -> dict[str, Any] | None:
        """One story (id or a unique prefix of 8+ characters), every article with why it
        joined; None when there is no such story."""
        ...

    def storylines(self, query: StorylineQuery) -> list[dict[str, Any]]:
        """Storylines, the most stories first, each with ``months`` (``YYYY-MM`` -> quad
        counts, score, volume) and its ``stories`` in time order with their articles."""
        ...

    def storyline(self, ident: str) -> dict[str, Any] | None:
        """One storyline by id; None when there is no such storyline."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...
