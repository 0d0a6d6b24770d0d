"""The pipeline: a list of named per-article stages, checked for order when it is built.

>>> from tidings import Pipeline
>>> article = Pipeline().analyse("BEIJING, Nov. 15 (Xinhua) -- China said on Friday ...")
>>> article.agency
'Xinhua'
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from pathlib import Path

from tidings.config import Settings, default_settings
from tidings.errors import InputError, PipelineError
from tidings.ingest.readers import Input, read_source
from tidings.ingest.text import read_text_document
from tidings.model import Article, Reject
from tidings.stages.base import READER_FIELDS, Stage

log = logging.getLogger(__name__)

# Provenance keys every article reports, "none" where the input did not say.
_REPORTED_FIELDS = ("title", "published", "lang", "agency", "dateline")


def default_stages(settings: Settings) -> list[Stage]:
    """The stages a plain ``Pipeline()`` runs, in order. Stages whose optional
    dependencies are missing are left out, with a log line saying how to add them."""
    from tidings.stages.language import LanguageStage
    from tidings.stages.sentences import SentenceStage

    stages: list[Stage] = [LanguageStage(settings.language), SentenceStage()]
    from tidings.stages.time import TimeStage

    stages.append(TimeStage())
    try:
        import spacy  # noqa: F401 - only to know whether the nlp extra is installed
    except ImportError:
        log.warning("entities left out: spaCy is missing; pip install 'tidings[nlp]'")
    else:
        from tidings.stages.entities import EntityStage
        from tidings.stages.events import EventStage

        stages.append(EntityStage(max_chars=settings.entities.max_chars))
        stages.append(EventStage())
    return stages


def check_order(stages: Sequence[Stage]) -> None:
    """Raise ``PipelineError`` naming the first stage whose requirements nothing before it
    meets, and which stage would meet them."""
    available = set(READER_FIELDS)
    providers = {field: stage.name for stage in stages for field in stage.assigns}
    for stage in stages:
        missing = [field for field in stage.requires if field not in available]
        if missing:
            field = missing[0]
            fix = (
                f"put stage '{providers[field]}' before it"
                if field in providers
                else "add a stage that assigns it"
            )
            raise PipelineError(
                f"stage '{stage.name}' requires '{field}', which no stage before it assigns",
                hint=fix,
            )
        available.update(stage.assigns)


class Pipeline:
    """Readers and stages together. ``analyse`` for one text, ``read`` for any input."""

    def __init__(
        self, stages: Sequence[Stage] | None = None, settings: Settings | None = None
    ) -> None:
        self.settings = settings or default_settings()
        self.stages: list[Stage] = (
            list(stages) if stages is not None else default_stages(self.settings)
        )
        check_order(self.stages)

    @property
    def versions(self) -> dict[str, str]:
        return {stage.name: stage.version for stage in self.stages}

    def run(self, article: Article, *, raise_errors: bool = False) -> Article:
        """Run every stage on ``article``. A stage that raises is recorded in
        ``article.warnings`` (its fields stay empty) unless ``raise_errors``."""
        for stage in self.stages:
            try:
                article = stage(article)
            except Exception as exc:
                if raise_errors:
                    raise
                log.warning("stage %s failed on %s: %s", stage.name, article.source, exc)
                article.warnings.append(f"stage '{stage.name}' failed: {type(exc).__name__}: {exc}")
        for field in _REPORTED_FIELDS:
            article.provenance.setdefault(field, "none")
        return article

    def analyse(
        self,
        text: str,
        *,
        source: str = "<text>",
        title: str | None = None,
        published: str | None = None,
    ) -> Article:
        """Analyse one plain-text document (headers and dateline are read from it).
        ``title`` and ``published`` given here override what the text says."""
        article = read_text_document(text, source)
        if title is not None:
            article.title = title
            article.provenance["title"] = "given"
        if published is not None:
            article.published = published
            article.provenance["published"] = "given"
        return self.run(article, raise_errors=True)

    def read(self, path: str | Path) -> Iterator[Article | Reject]:
        """Every analysed article, and every reject, in one file (or ``-`` for stdin)."""
        for item in read_source(Input(str(path)), self.settings.ingest):
            if isinstance(item, Reject):
                yield item
                continue
            reject = self.check(item)
            yield reject if reject else self.run(item)

    def check(self, article: Article) -> Reject | None:
        """Limits on a read article: too short or too long bodies are rejects."""
        limits = self.settings.ingest
        length = len(article.text)
        if length < limits.min_chars:
            return Reject(
                article.source,
                f"no body text: {length} characters < {limits.min_chars}"
                " (is the header all there is?)",
            )
        if length > limits.max_chars:
            return Reject(
                article.source,
                f"body too long: {length:,} characters > {limits.max_chars:,}, raise max_chars",
            )
        return None

    def analyse_file(self, path: str | Path) -> Article:
        """The one article in ``path``. Raises ``InputError`` if the file holds none."""
        for item in self.read(path):
            if isinstance(item, Reject):
                raise InputError(f"{item.source}: {item.reason}")
            return item
        raise InputError(f"{path}: no article found")
