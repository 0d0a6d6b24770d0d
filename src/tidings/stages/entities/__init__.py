"""The entity stage: mentions (NER + gazetteer), then one entity per real-world referent.

    mentions  = NER mentions (spaCy per language, jieba for Chinese, our German model)
              + gazetteer names the NER missed (countries, capitals, organisations, people,
                demonyms), with hyphenated compounds split ("chinesisch-peruanischen")
    entities  = Linker: ids, within-article short forms, titles -> role/sector/country

Every mention keeps its offsets and confidence; every entity its aliases by language.
"""

from __future__ import annotations

import logging
from bisect import bisect_left
from typing import ClassVar

from tidings.config import default_settings
from tidings.model import Article, Entity, Mention, Span
from tidings.problems import Problem, raising
from tidings.stages.base import BatchStage
from tidings.stages.entities.gazetteer import Gazetteer, gazetteer
from tidings.stages.entities.linking import Linker

log = logging.getLogger(__name__)

# Confidence of a mention found by the gazetteer alone (a listed name, matched exactly).
_GAZETTEER_CONFIDENCE = 0.9
# The NER sees text in pieces of about this size, cut at sentence ends: a whole long text
# as one spaCy Doc costs memory without bound. A text longer than one piece is cut finer:
# spaCy's memory grows with the piece (200,000 characters of English at the entity cap:
# peak 754 MB in pieces of 20,000, 385 MB in pieces of 5,000), and so does its time.
_CHUNK_CHARS = 20_000
_LONG_CHUNK_CHARS = 5_000


def chunk_spans(text: str, sentences: list[Span], size: int) -> list[tuple[int, int]]:
    """``[start, end)`` pieces of ``text`` of at most about ``size`` characters, cut after
    a sentence where there is one, else at a space."""
    cuts = sorted({s.end for s in sentences if 0 < s.end < len(text)})
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        limit = start + size
        before = [c for c in cuts if start < c <= limit]
        cut = before[-1] if before else text.rfind(" ", start + 1, limit) + 1 or limit
        if cut <= start:
            cut = limit
        pieces.append((start, cut))
        start = cut
    if start < len(text) or not pieces:
        pieces.append((start, len(text)))
    return pieces


def shifted(mention: Mention, offset: int) -> Mention:
    """``mention`` moved by ``offset`` characters."""
    mention.start += offset
    mention.end += offset
    return mention


class _Spans:
    """Mentions kept by where they start (buckets of ``_BUCKET`` characters), so the ones
    overlapping a span are found without reading them all: merging stays linear in the
    length of the article, however many names it holds."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.buckets: dict[int, list[Mention]] = {}
        self.longest = 0
        for mention in mentions:
            self.add(mention)

    def add(self, mention: Mention) -> None:
        self.buckets.setdefault(mention.start // _BUCKET, []).append(mention)
        self.longest = max(self.longest, mention.end - mention.start)

    def remove(self, mention: Mention) -> None:
        bucket = self.buckets[mention.start // _BUCKET]
        bucket[:] = [m for m in bucket if m is not mention]

    def overlapping(self, start: int, end: int) -> list[Mention]:
        first, last = (start - self.longest) // _BUCKET, end // _BUCKET
        return [m for b in range(first, last + 1) for m in self.buckets.get(b, ())
                if start < m.end and m.start < end]

    def all(self) -> list[Mention]:
        return [m for b in sorted(self.buckets) for m in self.buckets[b]]


_BUCKET = 64


def merge_mentions(ner: list[Mention], found: list[Mention]) -> list[Mention]:
    """NER mentions, plus gazetteer mentions that overlap none of them. An NER mention made
    only of gazetteer names joined by hyphens ("China-Peru") is replaced by those names."""
    merged: list[Mention] = []
    by_start = sorted(found, key=lambda g: g.start)
    starts = [g.start for g in by_start]
    for mention in ner:
        inside = []
        for i in range(bisect_left(starts, mention.start), len(by_start)):
            if by_start[i].start >= mention.end:
                break
            if by_start[i].end <= mention.end:
                inside.append(by_start[i])
        joined = "-".join(g.text for g in inside)
        if len(inside) >= 2 and joined == mention.text.replace("–", "-"):
            merged.extend(inside)
        else:
            if len(inside) == 1 and (inside[0].start, inside[0].end) == (
                mention.start,
                mention.end,
            ):
                mention.type = inside[0].type
            merged.append(mention)
    kept = _Spans(merged)
    for candidate in found:
        overlapping = kept.overlapping(candidate.start, candidate.end)
        if (
            overlapping
            and all(
                candidate.start <= m.start and m.end <= candidate.end and m.source != "gazetteer"
                for m in overlapping
            )
            and candidate.end - candidate.start > max(m.end - m.start for m in overlapping)
        ):
            # a listed name that covers what the NER cut in pieces ("China-CELAC Forum")
            for m in overlapping:
                kept.remove(m)
            overlapping = []
        if not overlapping:
            kept.add(candidate)
    return sorted(kept.all(), key=lambda m: (m.start, -m.end))


def gazetteer_mentions(text: str, gaz: Gazetteer) -> list[Mention]:
    """Mentions of every findable gazetteer name in ``text``."""
    found = []
    for start, end, entries in gaz.scan(text):
        kinds = {e.kind for e in entries}
        mention_type = "MISC" if kinds == {"demonym"} else entries[0].type
        found.append(
            Mention(
                start,
                end,
                text[start:end],
                mention_type,
                confidence=_GAZETTEER_CONFIDENCE,
                source="gazetteer",
            )
        )
    return found


class EntityStage(BatchStage):
    name: ClassVar[str] = "entities"
    version: ClassVar[str] = "entities.v1"
    requires: ClassVar[tuple[str, ...]] = ("text", "lang", "published", "sentences")
    assigns: ClassVar[tuple[str, ...]] = ("mentions", "entities")
    result_type: ClassVar[type] = Entity
    store_table: ClassVar[str] = "entities"

    def __init__(self, tagger: object | None = None, max_chars: int | None = None) -> None:
        self._tagger = tagger
        self.max_chars = max_chars or default_settings().entities.max_chars

    @property
    def tagger(self):
        if self._tagger is None:
            from tidings.stages.entities.ner import NerTagger

            self._tagger = NerTagger()
        return self._tagger

    def __call__(self, article: Article) -> Article:
        gaz = gazetteer()
        lang = article.lang or "en"
        warnings: list[Problem] = []
        text = article.text
        if len(text) > self.max_chars:
            warnings.append(
                Problem(
                    "T220",
                    f"entities: only the first {self.max_chars:,} of {len(text):,} characters "
                    "analysed",
                    self.name,
                    "raise [entities] max_chars",
                )
            )
            text = text[: self.max_chars]
        size = _CHUNK_CHARS if len(text) <= _CHUNK_CHARS else _LONG_CHUNK_CHARS
        chunks = chunk_spans(text, article.sentences, size)
        try:
            per_chunk = self.tagger.pipe_texts([text[a:b] for a, b in chunks], lang)
            ner = [
                shifted(m, a)
                for (a, _b), found in zip(chunks, per_chunk, strict=True)
                for m in found
            ]
        except Exception as exc:  # a missing model must not lose the gazetteer's work
            if raising():
                raise
            log.warning("NER failed for %s: %s", article.source, exc)
            warnings.append(
                Problem("T220", f"NER unavailable for '{lang}': {exc}", self.name,
                        "the gazetteer's mentions are kept; check the nlp extra is installed")
            )
            ner = []
        mentions = merge_mentions(ner, gazetteer_mentions(text, gaz))
        entities = Linker(gaz).link(article.text, lang, article.published, mentions)
        article.mentions = mentions
        article.entities = entities
        article.warnings.extend(warnings)
        article.versions[self.name] = self.version
        return article
