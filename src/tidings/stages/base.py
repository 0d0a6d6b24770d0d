"""What every per-article stage declares, so the pipeline can check the order when it is built."""

from __future__ import annotations

from typing import ClassVar, Protocol, runtime_checkable

from tidings.model import Article

# Fields every reader sets before any stage runs.
READER_FIELDS: frozenset[str] = frozenset(
    {"text", "source", "title", "url", "published", "agency", "dateline", "format"}
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
