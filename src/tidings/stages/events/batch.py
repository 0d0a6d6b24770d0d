"""Coding a batch of articles at once, so that the parser sees many sentences per call.

Every article of the batch is first cut into words and its triggers found; the sentences
that need a parse (``SentenceCoder.to_parse``) of all articles go, per parser, into one
spaCy ``pipe`` stream, which parses them a few dozen at a time as the coding consumes them.
The articles are then coded in order, sentence by sentence, each taking the next parse of
its parser's stream for a sentence it asked to have parsed. One ``pipe`` for a batch instead
of one per article was half the parse time on news (issue 12), and the stream keeps only a
parser batch of parses alive at a time. A parse does not depend on the other sentences
parsed with it, so the events are those of coding each article alone; a sentence the
batch holds twice (wires repeat sentences) is parsed once.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Sequence
from typing import Any

from tidings.model import Article, Event, Span
from tidings.stages.events.classifier import TypeClassifier
from tidings.stages.events.coder import SentenceCoder
from tidings.stages.events.combine import classified, merge
from tidings.stages.events.lexicon import EventLexicon
from tidings.stages.events.syntax import parse_stream


def code_articles(
    items: Sequence[tuple[Article, EventLexicon]],
    model: TypeClassifier | None = None,
    parse: bool = True,
) -> list[list[Event]]:
    """The events of each ``(article, lexicon)`` (merged tellings, in text order of first
    evidence), in the order given. With a sentence classifier ``model`` enabled for an
    article's language, each sentence's lexicon events are followed by the types the
    classifier adds (see ``combine.classified``). ``parse=False`` reads every side by word
    distance (as before the parse: for measuring what it costs)."""
    prepared = []
    uses: Counter[tuple[str, str]] = Counter()  # (parser, sentence) -> sentences to code
    for article, lex in items:
        coder = SentenceCoder(article, lex)
        sentences = article.sentences or [Span(0, len(article.text))]
        read = {span: coder.words(span) for span in sentences}
        wanted = set(coder.to_parse(read)) if parse else set()
        if wanted and lex.syntax is not None:
            uses.update((lex.syntax.model, article.text[span.start : span.end])
                        for span in read if span in wanted)
        prepared.append((coder, read, wanted))
    parses = _Parses(uses)
    return [_code(coder, read, wanted, parses, model) for coder, read, wanted in prepared]


def code_article(article: Article, lex: EventLexicon, model: TypeClassifier | None = None,
                 parse: bool = True) -> list[Event]:
    """The events of one article (see ``code_articles``)."""
    return code_articles([(article, lex)], model, parse)[0]


class _Parses:
    """The parses of a batch's sentences, each distinct sentence parsed once (wires repeat
    sentences), handed out in the order they were counted."""

    def __init__(self, uses: Counter[tuple[str, str]]) -> None:
        self.uses = uses
        texts: dict[str, list[str]] = {}
        for name, text in uses:  # first-seen order, the order they are asked for
            texts.setdefault(name, []).append(text)
        self.streams: dict[str, Iterator[Any]] = {
            name: parse_stream(name, batch) for name, batch in texts.items()
        }
        self.kept: dict[tuple[str, str], Any] = {}  # parsed, and asked for again later

    def take(self, name: str, text: str) -> Any:
        key = (name, text)
        doc = self.kept.pop(key, None)
        if doc is None:
            doc = next(self.streams[name])
        self.uses[key] -= 1
        if self.uses[key] > 0:
            self.kept[key] = doc
        return doc


def _code(
    coder: SentenceCoder,
    read: dict[Span, Any],
    wanted: set[Span],
    parses: _Parses,
    model: TypeClassifier | None,
) -> list[Event]:
    name = coder.lex.syntax.model if coder.lex.syntax is not None else ""
    text = coder.article.text
    coded: list[tuple[Span, list[Event]]] = []
    for span, words in read.items():
        doc = parses.take(name, text[span.start : span.end]) if span in wanted else None
        coded.append((span, coder.code_sentence(span, doc, words)))
    article = coder.article
    if model is not None and model.enabled(article.lang):
        extra = classified(article, coded, model)
        coded = [(span, events + more) for (span, events), more in zip(coded, extra,
                                                                        strict=True)]
    return merge([event for _, events in coded for event in events])
