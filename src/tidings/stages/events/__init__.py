"""The event stage: who did what to whom, when and where, coded in each article's own
language from ``lang/<code>/events.toml`` (see ``coder`` for how)."""

from __future__ import annotations

from typing import ClassVar

from tidings.model import Article
from tidings.stages.events.coder import code_article
from tidings.stages.events.lexicon import lexicon


class EventStage:
    name: ClassVar[str] = "events"
    version: ClassVar[str] = "events.v1"
    requires: ClassVar[tuple[str, ...]] = ("text", "lang", "sentences", "timexes", "entities")
    assigns: ClassVar[tuple[str, ...]] = ("events",)

    def __call__(self, article: Article) -> Article:
        lex = lexicon(article.lang or "")
        if lex is None:
            article.events = []
            if article.lang:
                article.warnings.append(f"events: no event lexicon for '{article.lang}'")
        else:
            article.events = code_article(article, lex)
        article.versions[self.name] = self.version
        return article
