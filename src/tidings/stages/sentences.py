"""Sentence boundaries that survive abbreviations, dates and CJK punctuation.

Rules: a line break always ends a sentence (news bodies keep one paragraph a line); ``.!?``
end one when followed by space and an upper-case letter, digit or opening quote, unless the
word before the dot is an abbreviation of the language (``Nov.``, ``Dr.``, ``z. B.``), an
initial, a dotted acronym (``S.A.``, ``U.S.``) or an ordinal number (German ``15. Nov.``);
``。！？`` always end one.
"""

from __future__ import annotations

import re
from functools import cache
from typing import ClassVar

from tidings.model import Article, Span
from tidings.resources import lang_file, languages
from tidings.stages.base import BatchStage

_CANDIDATE = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s)|[。！？]+[”’」』）]*|\n")
_NEXT_START = re.compile(r"\s+[\"'“‘«(\[¿¡]*(?P<ch>\S)")
_WORD_BEFORE = re.compile(r"(?:^|[\s(\"'“‘«])(?P<word>[^\s(\"'“‘«]*)$")


@cache
def _abbreviations(lang: str | None) -> frozenset[str]:
    codes = [lang] if lang in languages() else list(languages())
    words: set[str] = set()
    for code in {*codes, "en"}:
        words.update(w.lower() for w in lang_file(code, "text").get("abbreviations", []))
    return frozenset(words)


def _protected(text: str, dot: int, lang: str | None) -> bool:
    """Whether the ``.`` at ``dot`` belongs to the word before it rather than ending a sentence."""
    before = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    word = before.group("word") if before else ""
    if not word:
        return False
    bare = word.rstrip(".")
    lowered = bare.lower()
    if lowered in _abbreviations(lang):
        return True
    if len(bare) == 1 and bare.isalpha():
        return True  # an initial: "J. Smith", "z. B."
    if "." in bare and all(len(part) <= 3 for part in bare.split(".")):
        return True  # a dotted acronym: "S.A.", "U.S.", "i.d.R."
    return bare.isdigit() and len(bare) <= 2 and lang == "de"  # "15. November"


def split_sentences(text: str, lang: str | None = None) -> list[Span]:
    """Sentence spans of ``text``, trimmed of surrounding space."""
    spans: list[Span] = []
    start = 0
    for match in _CANDIDATE.finditer(text):
        end = match.end()
        token = match.group(0)
        if token not in ("\n",) and token[0] in ".!?…":
            following = _NEXT_START.match(text, end)
            if following is None:
                continue
            ch = following.group("ch")
            if not (ch.isupper() or ch.isdigit() or "\u4e00" <= ch <= "\u9fff"):
                continue
            if (
                token[0] == "."
                and len(token.rstrip("\"'”’»)]")) == 1
                and _protected(text, match.start(), lang)
            ):
                continue
        _add(spans, text, start, end)
        start = end
    _add(spans, text, start, len(text))
    return spans


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


class SentenceStage(BatchStage):
    name: ClassVar[str] = "sentences"
    version: ClassVar[str] = "sentences.rules.v1"
    requires: ClassVar[tuple[str, ...]] = ("text", "lang")
    assigns: ClassVar[tuple[str, ...]] = ("sentences",)

    def __call__(self, article: Article) -> Article:
        spans = split_sentences(article.text, article.lang)
        article.sentences = spans
        article.versions[self.name] = self.version
        return article
