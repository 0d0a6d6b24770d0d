"""The event stage: who did what to whom, when and where, coded in each article's own
language from ``lang/<code>/events.toml`` (see ``coder`` for how)."""

from __future__ import annotations

from typing import ClassVar

from tidings.model import Article
from tidings.stages.events.classifier import TypeClassifier, classifier
from tidings.stages.events.coder import code_article
from tidings.stages.events.lexicon import lexicon


class EventStage:
    """Code events from each language's lexicon; where a sentence classifier is shipped and
    enabled for the language (``use_classifier``), add the types it reads in the sentences
    the lexicon coded (see ``classifier``)."""

    name: ClassVar[str] = "events"
    version: ClassVar[str] = "events.v2"
    requires: ClassVar[tuple[str, ...]] = ("text", "lang", "sentences", "timexes", "entities")
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __init__(self, use_classifier: bool = True, model: TypeClassifier | None = None
                 ) -> None:
        """``model`` replaces the shipped classifier (training uses this);
        ``use_classifier=False`` codes from the lexicon alone."""
        self.model: TypeClassifier | None = None
        if use_classifier:
            self.model = model if model is not None else classifier()

    def __call__(self, article: Article) -> Article:
        lex = lexicon(article.lang or "")
        if lex is None:
            article.events = []
            if article.lang:
                article.warnings.append(f"events: no event lexicon for '{article.lang}'")
        else:
            article.events = code_article(article, lex, self.model)
        article.versions[self.name] = self.version
        return article
