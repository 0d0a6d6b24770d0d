"""Full-text search that also matches Chinese (and Japanese) text, with the stock tokenizer.

FTS5's unicode61 tokenizer keeps a run of CJK characters as one token, so "秘鲁" would not
match inside "中国与秘鲁". We index CJK characters one by one (spaces between them) and turn
a CJK query term into a phrase of single characters: exact substring matching for CJK,
word matching for everything else, no extension needed.
"""

from __future__ import annotations

import re

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK_CHAR = re.compile(f"([{_CJK}])")
_TERM = re.compile(r'"([^"]*)"|(\S+)')


def index_text(text: str) -> str:
    """``text`` as indexed: every CJK character a token of its own."""
    return _CJK_CHAR.sub(r" \1 ", text)


def _quote(term: str) -> str:
    return '"' + index_text(term).strip().replace('"', '""') + '"'


def build_query(query: str) -> str:
    """A user's query as an FTS5 MATCH expression: every term must occur; ``"a phrase"``
    matches a phrase; a trailing ``*`` matches a prefix; ``OR`` between terms is kept.
    Every term is quoted, so no user input is read as FTS syntax."""
    parts: list[str] = []
    for match in _TERM.finditer(query):
        phrase, word = match.group(1), match.group(2)
        if phrase is not None:
            if phrase.strip():
                parts.append(_quote(phrase))
            continue
        if word == "OR" and parts and parts[-1] != "OR":
            parts.append("OR")
            continue
        prefix = word.endswith("*") and len(word) > 1
        word = word.rstrip("*")
        cleaned = re.sub(r"[^\w\s-]", " ", word).strip()
        if not cleaned:
            continue
        parts.append(_quote(cleaned) + ("*" if prefix else ""))
    while parts and parts[-1] == "OR":
        parts.pop()
    return " ".join(parts)


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards escaped (for ``LIKE ? ESCAPE '\\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
