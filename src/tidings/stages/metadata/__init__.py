"""The metadata stage: what the body itself says about the article's origin.

Readers map only the fields their input declares (a header, a feed entry, HTML meta, a JSON
record). This stage then reads the wire dateline at the start of the body (``BEIJING,
Nov. 15 (Xinhua) --``): the agency, when no reader gave one, and the place. A dateline's
month and day never set the publication date (a dateline states no year); they stay on the
dateline, completed with the year of the article's own date where there is one.
"""

from __future__ import annotations

from typing import ClassVar

from tidings.model import Article
from tidings.stages.base import BatchStage
from tidings.stages.metadata.dateline import agency_aliases, find_dateline

__all__ = ["MetadataStage", "agency_aliases", "find_dateline"]


class MetadataStage(BatchStage):
    name: ClassVar[str] = "metadata"
    version: ClassVar[str] = "metadata.dateline.v1"
    requires: ClassVar[tuple[str, ...]] = ("text", "published")
    assigns: ClassVar[tuple[str, ...]] = ("dateline", "agency")

    def __call__(self, article: Article) -> Article:
        year = int(article.published[:4]) if article.published else None
        dateline = find_dateline(article.text, year)
        if dateline is not None:
            article.dateline = dateline
            if dateline.agency and not article.agency:
                article.agency = dateline.agency
                article.provenance["agency"] = "dateline"
            if dateline.place:
                article.provenance["dateline"] = "dateline"
        article.versions[self.name] = self.version
        return article
