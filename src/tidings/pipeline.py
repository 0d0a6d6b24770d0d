"""The pipeline: a list of named per-article stages, checked for order when it is built.

>>> from tidings import Pipeline
>>> article = Pipeline().analyse("BEIJING, Nov. 15 (Xinhua) -- China said on Friday ...")
>>> article.agency
'Xinhua'

The pipeline analyses articles it is given; reading inputs and writing the store belong to
the runners in ``tidings.run`` (read -> ``pipeline.pipe(batch)`` -> write).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from tidings.config import Settings, default_settings
from tidings.errors import ConfigError, PipelineError, TidingsError
from tidings.ingest.text import read_text_document
from tidings.model import Article
from tidings.problems import raise_errors as raising_errors
from tidings.stages.base import READER_FIELDS, BatchStage, Stage
from tidings.stages.registry import build_stages

log = logging.getLogger(__name__)

# Provenance keys every article reports, "none" where the input did not say.
_REPORTED_FIELDS = ("title", "published", "lang", "agency", "dateline")


def default_stages(settings: Settings) -> list[Stage]:
    """The stages a plain ``Pipeline()`` runs, in order (``[pipeline] stages``). Stages whose
    optional dependencies are missing are left out, with a log line saying how to add them."""
    return build_stages(settings)


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
    """Stages in order. ``analyse`` for one text, ``pipe`` for a batch of read articles."""

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
        """Run every stage on ``article`` (see ``pipe``)."""
        return self.pipe([article], raise_errors=raise_errors)[0]

    def pipe(self, articles: Sequence[Article], *, raise_errors: bool = False) -> list[Article]:
        """Run every stage on a batch of articles, stage by stage, and return them in order.

        A stage that raises on a batch is run again article by article, so one bad article
        costs only its own fields: the failure is recorded in that article's ``warnings``
        (code T210) unless ``raise_errors``, which also makes stages re-raise the errors they
        would record themselves. A ``ConfigError`` (a broken setting or language file) always
        stops the run: it would fail every article the same way."""
        batch = list(articles)
        with raising_errors(raise_errors):
            for stage in self.stages:
                if getattr(type(stage), "pipe", BatchStage.pipe) is BatchStage.pipe:
                    batch = [self._one(stage, article, raise_errors) for article in batch]
                    continue
                try:
                    batch = stage.pipe(batch)
                except ConfigError:
                    raise
                except Exception:
                    if raise_errors:
                        raise
                    batch = [self._one(stage, article, False) for article in batch]
        for article in batch:
            for field in _REPORTED_FIELDS:
                article.provenance.setdefault(field, "none")
        return batch

    @staticmethod
    def _one(stage: Stage, article: Article, raise_errors: bool) -> Article:
        try:
            return stage(article)
        except ConfigError:
            raise  # a broken setting or resource file is no article's fault: stop the run
        except Exception as exc:
            if raise_errors:
                raise
            log.warning("stage %s failed on %s: %s", stage.name, article.source, exc)
            message = exc.message if isinstance(exc, TidingsError) else f"{exc}"
            article.warn(
                stage.name,
                f"stage '{stage.name}' failed: {type(exc).__name__}: {message}",
                code="T210",
                hint="run with TIDINGS_DEBUG=1 to see where, and report it",
            )
            return article

    def analyse(
        self,
        text: str,
        *,
        source: str = "<text>",
        title: str | None = None,
        published: str | None = None,
    ) -> Article:
        """Analyse one plain-text document (its header lines are read by the plain-text
        reader, its dateline by the metadata stage). ``title`` and ``published`` given here
        override what the text says. Errors raise."""
        article = read_text_document(text, source)
        if title is not None:
            article.title = title
            article.provenance["title"] = "given"
        if published is not None:
            article.published = published
            article.provenance["published"] = "given"
        return self.run(article, raise_errors=True)
