"""The temporal-expression stage: TIMEX3 types and values, anchored on the article date."""

from __future__ import annotations

from typing import ClassVar

from tidings.model import Article, Timex
from tidings.stages.base import BatchStage
from tidings.stages.time.tagger import MODES, choose_mode, tag

__all__ = ["MODES", "TimeStage", "choose_mode", "tag"]


class TimeStage(BatchStage):
    """Find temporal expressions and give each a TIMEX3 type and value.

    ``mode="news"`` resolves relative expressions against ``Article.published``;
    ``mode="narrative"`` against the last date the text mentioned (history, biographies);
    ``mode="auto"`` picks one per article from the years the text names (see ``choose_mode``).
    Without an article date, relative expressions keep underspecified values
    (``XXXX-WXX-5``) with ``resolved=False``: nothing is resolved against today.
    """

    name: ClassVar[str] = "time"
    version: ClassVar[str] = "time.rules.v3"
    requires: ClassVar[tuple[str, ...]] = ("text", "lang", "published")
    assigns: ClassVar[tuple[str, ...]] = ("timexes",)
    result_type: ClassVar[type] = Timex

    def __init__(self, mode: str = "news") -> None:
        if mode not in MODES:
            raise ValueError(f"unknown time mode {mode!r}: use one of {', '.join(MODES)}")
        self.mode = mode

    def __call__(self, article: Article) -> Article:
        """Set ``article.timexes`` (sorted, non-overlapping) and record the stage version."""
        timexes = tag(article.text, article.lang, article.published, self.mode,
                      source=article.url or article.source)
        article.timexes = timexes
        article.versions[self.name] = self.version
        return article
