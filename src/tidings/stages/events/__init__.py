"""The event stage: who did what to whom, when and where, coded in each article's own
language from ``lang/<code>/events.toml`` (see ``coder`` for how)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from tidings.model import Article, Event
from tidings.stages.base import BatchStage
from tidings.stages.events.batch import code_articles
from tidings.stages.events.calibration import calibrate
from tidings.stages.events.classifier import TypeClassifier, classifier
from tidings.stages.events.lexicon import EventLexicon, lexicon

# One row per event for CSV and Parquet exports; JSONL keeps the nested actors and evidence.
EXPORT_COLUMNS = (
    "event_id",
    "date",
    "date_precision",
    "date_from",
    "type",
    "mode",
    "context",
    "status",
    "intended",
    "symmetric",
    "source_codes",
    "source_names",
    "source_ids",
    "target_codes",
    "target_names",
    "target_ids",
    "location",
    "location_name",
    "cameo",
    "quad_class",
    "confidence",
    "trigger",
    "method",
    "sentence",
    "article_id",
    "article_title",
    "published",
    "lang",
    "article_source",
    "url",
    "version",
)


class EventStage(BatchStage):
    """Code events from each language's lexicon; where a sentence classifier is shipped and
    enabled for the language (``use_classifier``), add the types it reads in the sentences
    the lexicon coded (see ``classifier``)."""

    name: ClassVar[str] = "events"
    version: ClassVar[str] = "events.v3"
    requires: ClassVar[tuple[str, ...]] = ("text", "lang", "sentences", "timexes", "entities")
    assigns: ClassVar[tuple[str, ...]] = ("events",)
    result_type: ClassVar[type] = Event
    store_table: ClassVar[str] = "events"
    export_columns: ClassVar[tuple[str, ...]] = EXPORT_COLUMNS

    def __init__(self, use_classifier: bool = True, model: TypeClassifier | None = None,
                 calibrated: bool = True, parse: bool = True) -> None:
        """``model`` replaces the shipped classifier (training uses this);
        ``use_classifier=False`` codes from the lexicon alone; ``calibrated=False`` keeps
        the raw confidences (fitting the calibration uses this); ``parse=False`` reads
        every side by word distance (measuring what the parse costs uses this)."""
        self.calibrated = calibrated
        self.parse = parse
        self.model: TypeClassifier | None = None
        if use_classifier:
            self.model = model if model is not None else classifier()

    def __call__(self, article: Article) -> Article:
        return self.pipe([article])[0]

    def pipe(self, articles: Sequence[Article]) -> list[Article]:
        """Every article coded, the sentences to parse of all of them parsed together (see
        ``batch``)."""
        coded: list[tuple[Article, EventLexicon]] = []
        for article in articles:
            lex = lexicon(article.lang or "")
            if lex is not None:
                coded.append((article, lex))
                continue
            article.events = []
            if article.lang:
                article.warn(
                    self.name,
                    f"events: no event lexicon for '{article.lang}'",
                    hint=f"add lang/{article.lang}/events.toml to code events in it",
                )
        found = code_articles(coded, self.model, self.parse)
        for (article, _), events in zip(coded, found, strict=True):
            if self.calibrated:
                for event in events:
                    event.confidence = calibrate(event.confidence)
            article.events = events
        for article in articles:
            article.versions[self.name] = self.version
        return list(articles)
