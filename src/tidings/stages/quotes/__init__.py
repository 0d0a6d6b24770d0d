"""The quote stage: who said what, in each article's own language (issue #16).

Per article: the quotation marks of the whole text (``marks``); the attributions of each
sentence, read from a dependency parse where the language's ``quotes.toml`` turns one on
(``syntax``: English) or from ordered patterns over its words (``patterns``: German,
Spanish, French, Chinese); both put together into quotes (``assemble``); each quote's speaker
resolved to an entity of the article (``speakers``). Only the sentences that hold a
reporting word or a quotation mark are parsed, all the batch's together, with the event
stage's parser (loaded once per process).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from typing import Any, ClassVar

from tidings import problems
from tidings.config import default_settings
from tidings.model import Article, Quote, Span, Speaker
from tidings.stages.base import BatchStage
from tidings.stages.quotes.assemble import Candidate, assemble
from tidings.stages.quotes.lexicon import QuoteLexicon, lexicon
from tidings.stages.quotes.marks import quotations
from tidings.stages.quotes.patterns import read_patterns
from tidings.stages.quotes.speakers import Lookup, to_quote
from tidings.stages.quotes.syntax import read_parse, reads

_WORDS = re.compile(r"\w+|[^\w\s]")

__all__ = ["QuoteStage", "read_article", "to_parse"]


def to_parse(text: str, sentences: Sequence[Span], lex: QuoteLexicon) -> list[Span]:
    """The sentences worth a parse: those with a reporting word or a quotation mark."""
    if not lex.parses:
        return []
    marks = {m for pair in lex.pairs for m in pair}
    out = []
    for span in sentences:
        chunk = text[span.start : span.end]
        if any(m in chunk for m in marks) or reads(
            lex, (w.lower() for w in _WORDS.findall(chunk))
        ):
            out.append(span)
    return out


def read_article(text: str, sentences: Sequence[Span], lex: QuoteLexicon,
                 docs: dict[Span, Any] | None = None,
                 pos: Callable[[Any], str] | None = None) -> list[Candidate]:
    """The quotes of ``text`` as candidates (spans, strength), in text order: ``docs`` holds
    the parses of the sentences ``to_parse`` chose (languages with a parser)."""
    sentences = list(sentences) or [Span(0, len(text))]
    found: list[Candidate] = []
    if lex.parses:
        for span in sentences:
            doc = (docs or {}).get(span)
            if doc is not None:
                found += read_parse(doc, span.start, lex, pos) if pos else read_parse(
                    doc, span.start, lex)
    else:
        found = read_patterns(text, sentences, lex)
    return assemble(text, found, quotations(text, lex.pairs), lex.min_words)


class QuoteStage(BatchStage):
    """Quotes and reported speech with their speakers, in every language with a
    ``lang/<code>/quotes.toml``."""

    name: ClassVar[str] = "quotes"
    version: ClassVar[str] = "quotes.rules.v1"
    requires: ClassVar[tuple[str, ...]] = ("text", "lang", "sentences", "mentions", "entities")
    assigns: ClassVar[tuple[str, ...]] = ("quotes",)
    result_type: ClassVar[type] = Quote
    store_table: ClassVar[str] = "quotes"

    def __init__(self, max_chars: int | None = None) -> None:
        # as the entities stage: the first ``max_chars`` of a longer text are read
        self.max_chars = max_chars or default_settings().entities.max_chars

    def __call__(self, article: Article) -> Article:
        return self.pipe([article])[0]

    def pipe(self, articles: Sequence[Article]) -> list[Article]:
        """Every article's quotes; the sentences to parse of the whole batch go through one
        parser stream per model, parsed a parser batch at a time as the articles take them.
        A failure on one article is a warning on it (re-raised under
        ``problems.raising()``); the others go on."""
        work: list[tuple[Article, str, QuoteLexicon, list[Span], list[Span]]] = []
        texts: dict[str, list[str]] = {}
        for article in articles:
            article.quotes = []
            lex = lexicon(article.lang or "")
            if lex is None:
                if article.lang:
                    article.warn(self.name, f"quotes: no quote lexicon for '{article.lang}'",
                                 hint=f"add lang/{article.lang}/quotes.toml to read quotes")
                continue
            text = article.text[: self.max_chars]
            if len(text) < len(article.text):
                article.warn(self.name, f"quotes: only the first {self.max_chars:,} of "
                             f"{len(article.text):,} characters were read")
            sentences = [s for s in article.sentences or [Span(0, len(text))]
                         if s.end <= len(text)]
            wanted = to_parse(text, sentences, lex)
            if wanted and lex.syntax is not None:
                texts.setdefault(lex.syntax.model, []).extend(
                    text[s.start : s.end] for s in wanted)
            work.append((article, text, lex, sentences, wanted))
        streams = {model: _stream(model, batch) for model, batch in texts.items()}
        for article, text, lex, sentences, wanted in work:
            model = lex.syntax.model if wanted and lex.syntax is not None else ""
            # taken before anything can fail, so the stream stays in step with the articles
            docs = {span: next(streams[model]) for span in wanted} if model else {}
            try:
                found = read_article(text, sentences, lex, docs, _pos(model))
                quotes: list[Quote] = []
                said: list[Speaker] = []
                lookup = Lookup(article)
                for cand in found:
                    quotes.append(to_quote(article, cand, lex, list(said), lookup))
                    if quotes[-1].speaker is not None:
                        said.append(quotes[-1].speaker)
                article.quotes = quotes
            except Exception as exc:
                if problems.raising():
                    raise
                article.quotes = []
                article.warn(self.name, f"quotes failed: {type(exc).__name__}: {exc}",
                             code="T210")
        for article in articles:
            article.versions[self.name] = self.version
        return list(articles)


def _stream(model: str, texts: list[str]) -> Iterator[Any]:
    from tidings.stages.events.syntax import parse_stream

    return parse_stream(model, texts)


def _pos(model: str) -> Callable[[Any], str] | None:
    """A token's coarse part of speech from ``model``'s parser (its attribute ruler is
    asked per token: ``events.syntax``)."""
    if not model:
        return None
    from tidings.stages.events.syntax import parser

    ruler = parser(model).ruler
    if ruler is None:
        return lambda token: str(token.pos_)
    return lambda token: str(ruler.get(token, "POS"))
