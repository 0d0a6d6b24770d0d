"""Full-text search that also matches Chinese (and Japanese) text, with the stock tokenizer.

FTS5's unicode61 tokenizer keeps a run of CJK characters as one token, so "秘鲁" would not
match inside "中国与秘鲁". We index CJK characters one by one (spaces between them) and turn
a CJK query term into a phrase of single characters: exact substring matching for CJK,
word matching for everything else, no extension needed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tidings.queries import Term

_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
_CJK_CHAR = re.compile(f"([{_CJK}])")


def index_text(text: str) -> str:
    """``text`` as indexed: every CJK character a token of its own."""
    return _CJK_CHAR.sub(r" \1 ", text)


def _quote(text: str) -> str:
    return '"' + index_text(text).strip().replace('"', '""') + '"'


def build_query(terms: Sequence[Term]) -> str:
    """Parsed terms (``queries.parse_text``) as an FTS5 MATCH expression. Every term is
    quoted, so no user input is read as FTS syntax."""
    parts: list[str] = []
    for term in terms:
        if term.either and parts:
            parts.append("OR")
        parts.append(_quote(term.text) + ("*" if term.prefix else ""))
    return " ".join(parts)


def like_escape(text: str) -> str:
    """``text`` with LIKE's wildcards escaped (for ``LIKE ? ESCAPE '\\'``)."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
