"""Chinese mentions from jieba's part-of-speech tags (no Chinese NER model ships offline).

jieba tags person names ``nr`` (``nrfg``/``nrt`` for famous and transliterated ones), places
``ns``, organisations ``nt`` and other proper nouns ``nz``; ``lang/zh/ner.json`` maps them
onto PER/LOC/ORG/MISC. Transliterated foreign names come out in pieces ("博鲁" ``nr`` +
"阿尔特" ``nrt``), so adjacent tokens of the same type are merged into one mention. jieba
also tags some common words ``nr`` ("洪水", "友谊"): single-character names and the words
listed under ``not_names`` are dropped.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from tidings.model import Mention
from tidings.stages.entities.ner_rules import NerRules


@cache
def _posseg() -> Any:
    import logging

    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.posseg


def jieba_spans(text: str, rules: NerRules) -> list[tuple[int, int, str]]:
    """Character spans ``(start, end, type)`` of names in ``text``: adjacent tokens of one
    type merged, transliterated names joined over a middle dot ("叶甫根尼·普鲁申科"), and a
    place or organisation suffix taken in ("维吉尼亚" + "州" -> LOC, "北京" + "大学" -> ORG)."""
    posseg = _posseg()
    not_names = set(rules.options.get("not_names", ()))
    min_chars = int(rules.options.get("min_chars", 2))
    suffixes = {w: t for t, ws in rules.options.get("suffixes", {}).items() for w in ws}
    tokens: list[tuple[int, int, str | None]] = []
    pos = 0
    for word, flag in posseg.cut(text):
        start = pos if text.startswith(word, pos) else text.find(word, pos)
        if start < 0:
            continue
        pos = start + len(word)
        kind = rules.labels.get(flag) if word.strip() else None
        tokens.append((start, pos, kind))
    merged: list[list[Any]] = []
    for n, (start, end, kind) in enumerate(tokens):
        word = text[start:end]
        last = merged[-1] if merged else None
        if kind is not None:
            adjacent = last and last[1] == start and last[2] == kind
            dotted = (last and last[2] == "PER" == kind and last[3] == n - 2
                      and text[last[1]:start] in _DOTS)
            if adjacent or dotted:
                last[1] = end
            else:
                merged.append([start, end, kind, n])
            merged[-1][3] = n
        elif last and last[1] == start and last[3] == n - 1 and word in suffixes and (
                last[2] in ("LOC", "ORG")):
            last[1], last[2], last[3] = end, suffixes[word], n
    out = []
    for start, end, kind, _ in merged:
        name = text[start:end]
        if end - start < min_chars or name in not_names:
            continue
        out.append((start, end, kind))
    return out


_DOTS = frozenset({"·", "‧", "•", "・", "."})


def jieba_mentions(text: str, rules: NerRules) -> list[Mention]:
    """Mentions in Chinese ``text`` with offsets into it and per-type confidence."""
    return [
        Mention(s, e, text[s:e], kind, rules.confidence.get(kind, 0.5), "ner")
        for s, e, kind in jieba_spans(text, rules)
    ]


def jieba_token_spans(tokens: list[str], rules: NerRules) -> list[tuple[int, int, str]]:
    """Token spans ``(start_tok, end_tok_exclusive, type)`` over pre-tokenised Chinese: the
    tokens are joined, tagged as text, and each name widened to whole tokens."""
    text = "".join(tokens)
    owner: list[int] = []
    for n, token in enumerate(tokens):
        owner.extend([n] * len(token))
    out: list[tuple[int, int, str]] = []
    for start, end, kind in jieba_spans(text, rules):
        first, last = owner[start], owner[end - 1] + 1
        if not out or first >= out[-1][1]:
            out.append((first, last, kind))
    return out
