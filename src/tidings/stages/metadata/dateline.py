"""Wire datelines at the start of a body: agency, place and (month-day) date.

Conventions handled (the agencies are data, in ``lang/agencies.json``):

    BEIJING, Nov. 15 (Xinhua) --        English wire
    LIMA, 1 mar (EFE).-                 Spanish
    PARIS, 5 avril (AFP) -              French
    Berlin (dpa) -                      German
    (Reuters) -                         agency only
    WASHINGTON (AP) —                   place and agency
    新华社利马11月14日电                  Chinese: agency, place, date, 电
    中新社北京6月28日电（记者 王某）        Chinese with reporter
"""

from __future__ import annotations

import re
from functools import cache

from tidings.dates import parse_date
from tidings.model import Dateline
from tidings.resources import shared_file

# How far into the body a dateline may start (it may follow a byline or time-stamp line).
_SEARCH_LINES = 3
_SEARCH_CHARS = 600


@cache
def agency_aliases() -> dict[str, str]:
    """Every spelling of every agency -> its canonical short name."""
    table: dict[str, str] = {}
    for canonical, spellings in shared_file("agencies")["agencies"].items():
        for spelling in [canonical, *spellings]:
            table[spelling] = canonical
    return table


def _alternation(names: list[str]) -> str:
    return "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))


@cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    names = list(agency_aliases())
    latin = _alternation([n for n in names if n.isascii() or not _is_cjk(n)])
    cjk = _alternation([n for n in names if _is_cjk(n)])
    dash = r"(?:\s*(?:[-—–]{1,2}|\.\s*[-—–]|\.|:))"
    wire = re.compile(
        r"(?P<place>[A-ZÀ-ÖØ-Þ][\w'’.\-]*(?:[ /][A-ZÀ-ÖØ-Þa-zß-ÿ][\w'’.\-]*){0,3}?)"
        r"(?:,\s*(?P<date>[^()\n,]{1,24}?))?"
        rf"\s*\((?:[^()\n]{{0,30}}?/)?(?P<agency>{latin})(?:/[^()\n]{{0,30}})?\)"
        rf"(?:{dash}\s*|\s+(?=[A-ZÀ-ÖØ-Þ\"“«]))",
    )
    agency_only = re.compile(rf"\((?P<agency>{latin})\){dash}\s*")
    chinese = re.compile(
        rf"(?P<agency>{cjk})(?P<place>[\u4e00-\u9fff]{{1,10}}?)"
        r"(?P<date>\d{1,2}月\d{1,2}日)电(?:\s*[（(][^）)\n]{0,30}[）)])?\s*"
    )
    return wire, agency_only, chinese


def _is_cjk(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def _clean_place(place: str) -> str:
    place = place.strip(" ,.")
    return " ".join(w.capitalize() if w.isupper() and len(w) > 2 else w for w in place.split(" "))


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for match in re.finditer(r"\n", text[:_SEARCH_CHARS]):
        starts.append(match.end())
        if len(starts) >= _SEARCH_LINES + 2:
            break
    return [s for s in starts if s < len(text)]


def find_dateline(text: str, year: int | None = None) -> Dateline | None:
    """The dateline at the start of one of the first lines of ``text``, or None.

    ``year`` (from the article's own date) completes a dateline's month and day; without
    it the date stays ``XXXX-MM-DD``: a dateline never states a year.
    """
    wire, agency_only, chinese = _patterns()
    aliases = agency_aliases()
    checked = 0
    for start in _line_starts(text):
        if not text[start : start + 1].strip():
            continue
        checked += 1
        if checked > _SEARCH_LINES:
            break
        for pattern in (chinese, wire, agency_only):
            match = pattern.match(text, start)
            if match is None:
                continue
            groups = match.groupdict()
            agency = aliases.get(groups["agency"])
            place = _clean_place(groups["place"]) if groups.get("place") else None
            if place and len(place) > 40:
                continue
            date_value = None
            if groups.get("date"):
                parsed = parse_date(groups["date"])
                if parsed and parsed.precision == "day":
                    value = parsed.value
                    if not parsed.has_year and year is not None:
                        value = f"{year:04d}{value[4:]}"
                    date_value = value
                elif place and not parsed:
                    # "LIMA, Peru (Reuters)": the text after the comma is part of the place
                    place = _clean_place(f"{groups['place']}, {groups['date']}")
            return Dateline(
                place=place,
                agency=agency,
                date=date_value,
                start=match.start(),
                end=match.end(),
            )
    return None
