"""What every per-article stage declares, so the pipeline can check the order when it is built.

A stage is a class with a name, a component version, the ``Article`` fields it ``requires``
and ``assigns``, a per-article ``__call__`` and a batch entry point ``pipe``. ``BatchStage``
gives the loop every stage starts with; a stage whose model gains from batches (NER,
embeddings) overrides ``pipe``. What a stage produces beyond its fields is declared too:
``result_type`` (the dataclass of its results), ``store_table`` (the store writes its
results with the writer of that name: ``store.<backend>.writers``) and ``export_columns``
(the flat columns of its results in CSV/Parquet exports).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar, Protocol, runtime_checkable

from tidings.model import Article

# Fields a reader may set before any stage runs (those its input declares).
READER_FIELDS: frozenset[str] = frozenset(
    {"text", "source", "title", "url", "published", "agency", "format"}
)


@runtime_checkable
class Stage(Protocol):
    """A per-article stage. ``requires`` names fields that must be set before it runs;
    ``assigns`` names the fields it sets. Stages are pure: same article in, same result out."""

    name: ClassVar[str]
    version: ClassVar[str]
    requires: ClassVar[tuple[str, ...]]
    assigns: ClassVar[tuple[str, ...]]

    def __call__(self, article: Article) -> Article: ...

    def pipe(self, articles: Sequence[Article]) -> list[Article]: ...


class BatchStage:
    """The defaults of every stage: ``pipe`` runs ``__call__`` on each article in turn, and a
    stage has no results of its own to store or export."""

    result_type: ClassVar[type | None] = None
    store_table: ClassVar[str | None] = None
    export_columns: ClassVar[tuple[str, ...]] = ()

    def __call__(self, article: Article) -> Article:  # pragma: no cover - stages override
        raise NotImplementedError

    def pipe(self, articles: Sequence[Article]) -> list[Article]:
        """Every article of ``articles`` through the stage, in order."""
        return [self(article) for article in articles]
