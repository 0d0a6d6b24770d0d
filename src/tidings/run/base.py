"""What every runner shares: reading inputs into unanalysed articles (with the limits every
article must meet), the progress it reports, and the report it returns.

A runner is read -> ``pipeline.pipe(batch)`` -> ``store.write``. The local runner does it in
this process; a process pool or a Ray runner is a new module beside it that maps
``pipeline.pipe`` over batches elsewhere and hands the results to the same writer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tidings.config import IngestSettings
from tidings.errors import InputError
from tidings.ingest.readers import Input, read_source
from tidings.model import Article, Reject
from tidings.pipeline import Pipeline


@dataclass(slots=True)
class Progress:
    """What a progress display needs, sent after every batch and every file."""

    files_total: int
    files_done: int = 0
    articles: int = 0
    added: int = 0
    rejects: int = 0
    current: str = ""


@dataclass(slots=True)
class IngestReport:
    files: int = 0
    skipped: int = 0
    articles: int = 0
    added: int = 0
    rejects: list[Reject] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def duplicates(self) -> int:
        return self.articles - self.added

    def to_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "skipped_unchanged": self.skipped,
            "articles_read": self.articles,
            "added": self.added,
            "already_stored": self.duplicates,
            "rejected": [r.to_dict() for r in self.rejects],
            "seconds": round(self.seconds, 3),
            "articles_per_s": round(self.articles / self.seconds, 1) if self.seconds else None,
        }


def check(article: Article, limits: IngestSettings) -> Reject | None:
    """Limits on a read article: too short or too long bodies are rejects."""
    length = len(article.text)
    if length < limits.min_chars:
        return Reject(
            article.source,
            f"no body text: {length} characters < {limits.min_chars}"
            " (is the header all there is?)",
            "T307",
        )
    if length > limits.max_chars:
        return Reject(
            article.source,
            f"body too long: {length:,} characters > {limits.max_chars:,}, raise max_chars",
            "T308",
        )
    return None


def read_articles(path: str | Path, limits: IngestSettings) -> Iterator[Article | Reject]:
    """Every article (read, not yet analysed) and every reject in one input (``-``: stdin)."""
    for item in read_source(Input(str(path)), limits):
        if isinstance(item, Reject):
            yield item
        else:
            yield check(item, limits) or item


def analyse_path(path: str | Path, pipeline: Pipeline) -> Iterator[Article | Reject]:
    """Every analysed article and every reject in one input, a batch at a time."""
    batch: list[Article] = []
    size = pipeline.settings.ingest.batch_size
    for item in read_articles(path, pipeline.settings.ingest):
        if isinstance(item, Reject):
            yield from pipeline.pipe(batch)
            batch = []
            yield item
            continue
        batch.append(item)
        if len(batch) >= size:
            yield from pipeline.pipe(batch)
            batch = []
    yield from pipeline.pipe(batch)


def analyse_file(path: str | Path, pipeline: Pipeline) -> Article:
    """The one article in ``path``, analysed. Raises ``InputError`` if the file holds none."""
    for item in analyse_path(path, pipeline):
        if isinstance(item, Reject):
            raise InputError(f"{item.source}: {item.reason}", code=item.code)
        return item
    raise InputError(f"{path}: no article found", code="T302")
