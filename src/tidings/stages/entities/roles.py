"""Titles before a person's name give a role, a sector and often a country.

    Peruvian President Dina Boluarte           demonym + title + name (en, de)
    der chinesische Staatspräsident Xi Jinping
    la presidenta peruana Dina Boluarte        title + demonym + name (es, fr)
    秘鲁总统博鲁阿尔特 / 国家主席习近平          country + title + name (zh, no spaces)

Titles are data (``lang/<code>/roles.json``); countries come from the gazetteer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from tidings.model import Mention
from tidings.resources import lang_file
from tidings.stages.entities.gazetteer import Gazetteer

_WINDOW = 90
_CJK = re.compile(r"[\u3400-\u9fff]")
_STOP = re.compile(r"[.!?;:\n。！？；]")


@dataclass(frozen=True, slots=True)
class Title:
    role: str
    sector: str
    country: str | None
    start: int  # where the title phrase (with its country word) starts


@cache
def _titles(lang: str) -> list[tuple[str, str, str]]:
    """``(form, role, sector)`` of the language, longest form first."""
    rows = [
        (form, entry["role"], entry.get("sector", "GOV"))
        for entry in lang_file(lang, "roles").get("titles", [])
        for form in entry.get("forms", [])
    ]
    return sorted(rows, key=lambda row: len(row[0]), reverse=True)


def _country_word(text: str, gaz: Gazetteer, *, at_end: bool) -> tuple[str | None, int]:
    """A country name or demonym ending (``at_end``) or starting ``text``:
    ``(alpha3, its length in characters)``."""
    words = list(re.finditer(r"[^\W\d_]+(?:-[^\W\d_]+)*", text))
    if _CJK.search(text):
        span = range(1, min(len(text), 8) + 1)
        for n in sorted(span, reverse=True):
            piece = text[-n:] if at_end else text[:n]
            for entry in gaz.lookup(piece):
                if entry.kind in ("country", "demonym"):
                    return entry.country, n
        return None, 0
    if not words:
        return None, 0
    candidates = words[-3:] if at_end else words[:3]
    for size in (3, 2, 1):
        if len(candidates) < size:
            continue
        chosen = candidates[-size:] if at_end else candidates[:size]
        piece = text[chosen[0].start() : chosen[-1].end()]
        for entry in gaz.lookup(piece):
            if entry.kind in ("country", "demonym"):
                return entry.country, len(text) - chosen[0].start() if at_end else chosen[-1].end()
    return None, 0


def title_before(text: str, start: int, lang: str, gaz: Gazetteer) -> Title | None:
    """The title that ends right before ``text[start]`` (a person mention), if any."""
    window_start = max(0, start - _WINDOW)
    window = text[window_start:start]
    stops = list(_STOP.finditer(window))
    if stops:
        window_start += stops[-1].end()
        window = window[stops[-1].end() :]
    cjk = lang == "zh"
    trimmed = window if cjk else window.rstrip(" ,")
    country_after: str | None = None
    if not cjk and lang in ("es", "fr", "pt", "it"):
        # "la presidenta peruana, Dina Boluarte": a demonym between title and name
        alpha3, length = _country_word(trimmed, gaz, at_end=True)
        if alpha3 and length:
            country_after = alpha3
            trimmed = trimmed[: len(trimmed) - length].rstrip(" ,")
    for form, role, sector in _titles(lang):
        if not trimmed.endswith(form):
            continue
        before = trimmed[: len(trimmed) - len(form)]
        if before and not cjk and (before[-1].isalnum() or before[-1] == "-"):
            continue  # part of a longer word
        title_start = window_start + len(before)
        country = country_after
        if country is None:
            alpha3, length = _country_word(before if cjk else before.rstrip(), gaz, at_end=True)
            if alpha3:
                country = alpha3
                title_start = window_start + len(before.rstrip()) - length
        return Title(role=role, sector=sector, country=country, start=title_start)
    return None


def strip_title(text: str, mention: Mention, lang: str) -> None:
    """Move a title the NER put inside a person mention ("Spokesperson Lin Jian") out of
    it, so the mention is the name alone and the title is found before it."""
    for form, _role, _sector in _titles(lang):
        if not mention.text.startswith(form):
            continue
        rest = mention.text[len(form) :]
        name = rest.lstrip(" ")
        latin = lang != "zh"
        if not name or (latin and (rest == name or not name[0].isupper())):
            continue  # no name left, no space after the title, or a lower-case word
        cut = len(mention.text) - len(name)
        mention.start += cut
        mention.text = text[mention.start : mention.end]
        return
