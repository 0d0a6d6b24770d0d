"""Calendar arithmetic for resolving relative expressions, and TIMEX3 value formatting.

The normaliser (``normalize``, ``periods``) resolves "last week", "on Friday", "53 years ago"
or "Nov. 15" against an anchor date with these functions; nothing here knows a language.
(Not to be confused with ``tidings.dates``, which parses the dates of article metadata.)

A point in time is a ``Point``: a ``datetime.date`` plus the granularity it is known to
(``Y`` year, ``M`` month, ``W`` ISO week, ``D`` day, ``Q`` quarter, ``H`` half year, ``S``
season, ``E`` decade, ``C`` century). Shifting and formatting work at that granularity, so
"last week" of 2013-03-20 is ``2013-W11`` and "53 years ago" of 2024-11-15 is ``1971``.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

SEASON_MONTH = {"SP": 4, "SU": 7, "FA": 10, "WI": 1}
MONTH_SEASON = {1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                9: "FA", 10: "FA", 11: "FA", 12: "WI"}
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


@dataclass(slots=True, frozen=True)
class Point:
    """A date known to a granularity; ``season`` is set when ``gran == "S"``."""

    day: date
    gran: str = "D"
    season: str | None = None

    def value(self) -> str:
        """The TIMEX3 value of this point at its granularity."""
        return format_point(self.day, self.gran, self.season)


def parse_anchor(text: str | None) -> date | None:
    """The calendar date in an ISO date or datetime string, or None when there is none."""
    if not text:
        return None
    match = _ISO_DATE.match(text.strip())
    if not match:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def make_date(year: int, month: int = 1, day: int = 1) -> date | None:
    """A ``date``, or None when the parts do not form one (month 13, 30 February)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def add_months(d: date, months: int) -> date:
    """``d`` moved by whole months, the day clamped to the length of the target month."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    year = min(max(year, 1), 9999)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(d.day, last))


def shift(d: date, unit: str, n: float) -> date:
    """``d`` moved by ``n`` units (D, W, M, Q, H, Y, E decade, C century); fractions round."""
    try:
        if unit == "D":
            return d + timedelta(days=round(n))
        if unit == "W":
            return d + timedelta(days=round(7 * n))
        if unit == "WE":
            return d + timedelta(days=round(7 * n))
        factor = {"M": 1, "Q": 3, "H": 6, "S": 3, "Y": 12, "E": 120, "C": 1200}.get(unit)
        if factor is None:
            return d
        return add_months(d, round(n * factor))
    except (OverflowError, ValueError):
        return d


def format_point(d: date, gran: str, season: str | None = None) -> str:
    """The TIMEX3 value of date ``d`` at granularity ``gran``."""
    year = f"{d.year:04d}"
    if gran == "D":
        return d.isoformat()
    if gran == "M":
        return f"{year}-{d.month:02d}"
    if gran == "Y":
        return year
    if gran in ("W", "WE"):
        iso_year, week, _ = d.isocalendar()
        return f"{iso_year:04d}-W{week:02d}" + ("-WE" if gran == "WE" else "")
    if gran == "Q":
        return f"{year}-Q{(d.month - 1) // 3 + 1}"
    if gran == "H":
        return f"{year}-H{1 if d.month <= 6 else 2}"
    if gran == "S":
        return f"{year}-{season or MONTH_SEASON[d.month]}"
    if gran == "E":
        return year[:3]
    if gran == "C":
        return year[:2]
    return d.isoformat()


def unit_gran(unit: str) -> str:
    """The granularity a value shifted by ``unit`` is reported at ("53 years ago" -> year)."""
    return {"D": "D", "W": "W", "WE": "WE", "M": "M", "Q": "Q", "H": "H", "Y": "Y",
            "E": "E", "C": "C", "S": "S"}.get(unit, "D")


def weekday_near(anchor: date, weekday: int, direction: int, strict: bool = False) -> date:
    """The ``weekday`` (1 Monday .. 7 Sunday) nearest ``anchor`` in ``direction``.

    ``-1`` is the same day or before it (news reports the past; ``strict`` excludes the
    same day, as in "last Friday"), ``+1`` strictly after it, ``0`` the one in the same week.
    """
    delta = weekday - anchor.isoweekday()
    if direction == 0:
        return anchor + timedelta(days=delta)
    if direction < 0:
        if delta > 0 or (strict and delta == 0):
            delta -= 7
        return anchor + timedelta(days=delta)
    return anchor + timedelta(days=delta if delta > 0 else delta + 7)


def nearest_year(anchor: date, month: int, day: int | None, direction: int = 0) -> int:
    """The year that puts ``month``/``day`` nearest ``anchor``: on or before it for
    ``direction`` -1 (the month of the anchor itself counts when no day is given), on or
    after it for +1, either side for 0."""
    if direction < 0:
        if (month, day or 0) <= (anchor.month, anchor.day if day else 0):
            return anchor.year
        return anchor.year - 1
    if direction > 0:
        if (month, day or 99) >= (anchor.month, anchor.day if day else 0):
            return anchor.year
        return anchor.year + 1
    best_year, best_gap = anchor.year, None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        candidate = make_date(year, month, day or 15)
        if candidate is None:
            continue
        gap = abs((candidate - anchor).days)
        if best_gap is None or gap < best_gap:
            best_year, best_gap = year, gap
    return best_year


def year_distance(text_years: list[int], anchor: date | None) -> float | None:
    """The median distance in years between the years a text names and its anchor date."""
    if not text_years or anchor is None:
        return None
    gaps = sorted(abs(y - anchor.year) for y in text_years)
    return float(gaps[len(gaps) // 2])
