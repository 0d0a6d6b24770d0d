"""Quotation-mark spans of an article, robust to the marks news text really has.

One pass over the text, left to right, with the language's mark pairs (``[marks] pairs``):

- an opening mark opens a quotation; inside it only its own pair counts, so a ‘nested’ one
  or a German „…“ inside a «…» stays inside;
- a mark pair whose two marks are the same (the straight ``"``, the ``''`` of some wires)
  opens where a quotation can start (after a space, a bracket or a dash, before a word) and
  closes where one can end (after a word); an apostrophe-like closer (``’``) closes only
  when no letter follows it (``don’t``);
- a quotation still open at the end of a paragraph goes on when the next paragraph reopens
  the same mark (the convention for quotes of many paragraphs); otherwise it never closed:
  it ends with its paragraph, marked ``closed=False``;
- an opening mark met again inside an open quotation (not at a paragraph start) means the
  first one never closed: it ends before the new one;
- a quotation longer than ``max_chars`` is cut at the last sentence end before the cap
  (``capped=True``), so no unbalanced mark makes a quote of half the article.

Marks with no word between them (5,000 ``"`` in a row) give nothing. The pass is linear in
the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_CHARS = 3000  # longer quotations are cut (PolNeAR train: 99 % of contents < 430 chars)
_OPEN_BEFORE = set(" \t\n\r([{—–-/:;,")
_APOSTROPHES = {"’", "'"}
_WORD = re.compile(r"\w")
_SENTENCE_END = re.compile(r"[.!?。！？…][\"'”’»」』]*\s")


@dataclass(frozen=True, slots=True)
class Quotation:
    """A span between quotation marks, the marks included (``start``/``end``), the words
    inside (``inner_start``/``inner_end``), and what went wrong with it."""

    start: int
    end: int
    inner_start: int
    inner_end: int
    closed: bool = True
    capped: bool = False

    def words(self, text: str) -> int:
        return len(text[self.inner_start : self.inner_end].split())


def _mark_pattern(pairs: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    marks = sorted({m for pair in pairs for m in pair}, key=len, reverse=True)
    return re.compile("|".join(re.escape(m) for m in marks) + r"|\n")


def quotations(text: str, pairs: tuple[tuple[str, str], ...],
               max_chars: int = MAX_CHARS) -> list[Quotation]:
    """The quotations of ``text`` in text order (see the module docstring)."""
    if not pairs:
        return []
    pattern = _mark_pattern(pairs)
    openers = {o: (o, c) for o, c in reversed(pairs)}  # the first pair listed wins
    found: list[Quotation] = []
    current: tuple[str, str] | None = None
    start = 0
    matches = list(pattern.finditer(text))
    k = 0
    while k < len(matches):
        match = matches[k]
        mark, at = match.group(0), match.start()
        k += 1
        if current is None:
            if mark in openers and _opens(text, at, mark, openers[mark]):
                current, start = openers[mark], at
            continue
        opening, closing = current
        if mark == "\n":
            reopened = _reopens(text, match.end(), opening)
            if reopened is not None:
                while k < len(matches) and matches[k].start() < reopened:
                    k += 1
                if k < len(matches) and matches[k].start() == reopened:
                    k += 1  # the reopening mark belongs to the same quotation
                continue
            found.append(_make(text, start, at, len(opening), 0, closed=False))
            current = None
            continue
        if mark == closing and _closes(text, at, mark, current):
            found.append(_make(text, start, at + len(mark), len(opening), len(mark)))
            current = None
            continue
        if mark == opening and opening != closing:
            # the same opening mark again: the first quotation never closed
            found.append(_make(text, start, _trim_end(text, start, at), len(opening), 0,
                               closed=False))
            start = at
    if current is not None:
        found.append(_make(text, start, _trim_end(text, start, len(text)), len(current[0]), 0,
                           closed=False))
    return [_cap(text, q, max_chars) for q in found if _WORD.search(
        text, q.inner_start, max(q.inner_start, q.inner_end)) is not None]


def _opens(text: str, at: int, mark: str, pair: tuple[str, str]) -> bool:
    after = text[at + len(mark) : at + len(mark) + 1]
    if not after or after.isspace():
        return pair[0] != pair[1] and after != "\n" and bool(after)  # « spaced » French
    if pair[0] != pair[1] and pair[0] not in _APOSTROPHES:
        return True
    return at == 0 or text[at - 1] in _OPEN_BEFORE


def _closes(text: str, at: int, mark: str, pair: tuple[str, str]) -> bool:
    after = text[at + len(mark) : at + len(mark) + 1]
    if mark in _APOSTROPHES and after.isalpha():
        return False  # an apostrophe: don’t
    if pair[0] == pair[1]:
        return (at > 0 and not text[at - 1].isspace()) or not after or not after.isalnum()
    return True


def _reopens(text: str, after_newline: int, opening: str) -> int | None:
    """Where the next paragraph reopens ``opening``, or None."""
    at = after_newline
    while at < len(text) and text[at] in " \t\r\n\u00a0":
        at += 1
    return at if text.startswith(opening, at) else None


def _trim_end(text: str, start: int, end: int) -> int:
    """The end of the paragraph that ``start`` is in, no later than ``end``."""
    newline = text.find("\n", start, end)
    return newline if newline >= 0 else end


def _make(text: str, start: int, end: int, open_len: int, close_len: int,
          closed: bool = True) -> Quotation:
    while end > start + open_len and text[end - 1].isspace():
        end -= 1
    return Quotation(start, end, start + open_len, max(start + open_len, end - close_len),
                     closed)


def _cap(text: str, quote: Quotation, max_chars: int) -> Quotation:
    if quote.end - quote.start <= max_chars:
        return quote
    limit = quote.start + max_chars
    cut = limit
    for found in _SENTENCE_END.finditer(text, quote.inner_start, limit):
        cut = found.end() - 1
    return Quotation(quote.start, cut, quote.inner_start, cut, quote.closed, capped=True)
