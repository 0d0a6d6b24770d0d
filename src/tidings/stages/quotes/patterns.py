"""Attributions read by ordered patterns over a sentence's words (no parser)."""

from __future__ import annotations

from collections.abc import Sequence

from tidings.model import Span
from tidings.stages.quotes.assemble import Candidate
from tidings.stages.quotes.lexicon import QuoteLexicon


def read_patterns(text: str, sentences: Sequence[Span], lex: QuoteLexicon) -> list[Candidate]:
    return []
