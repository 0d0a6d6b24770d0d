"""Absolute dates: those metadata states (headers, feeds, HTML meta, JSON, datelines), and
the period of days a date value names (``date_period``, for filters and exports).

Only explicit dates are read: nothing relative ("yesterday", "Friday") is ever resolved here,
so a header can never give a date the input does not state. Month names come from the CLDR
data in ``babel`` for every language we read.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from email.utils import parsedate_to_datetime
from functools import cache

_MONTH_LOCALES = ("en", "de", "es", "fr", "pt", "it", "nl")


@dataclass(frozen=True, slots=True)
class ParsedDate:
    """An explicit date: ``value`` is ISO (``2024-11-15``, ``2024-11-15T21:21:00``, or
    ``XXXX-11-15`` when no year was given); ``precision`` is year/month/day/minute/second.

    A time keeps the UTC offset its source gave, as written there (``+08:00``; ``Z`` as
    ``+00:00``), never converted: ``2024-11-15T21:21:00+08:00`` is 21:21 in Beijing, on the
    15th. A time given without an offset stays without one."""

    value: str
    precision: str

    @property
    def has_year(self) -> bool:
        return not self.value.startswith("XXXX")


@cache
def month_names() -> dict[str, int]:
    """Lower-cased month names and abbreviations (no trailing dot) in every locale we read."""
    from babel.dates import get_month_names

    table: dict[str, int] = {}
    for loc in _MONTH_LOCALES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=loc).items():
                table.setdefault(name.lower().rstrip("."), number)
    for extra, number in (("sept", 9), ("sep", 9), ("mrz", 3), ("jän", 1), ("jänner", 1)):
        table.setdefault(extra, number)
    return table


@cache
def _month_alternation() -> str:
    names = sorted(month_names(), key=len, reverse=True)
    return "|".join(re.escape(n) for n in names)


@cache
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    mon = _month_alternation()
    # a time, its fraction of a second (dropped), and the UTC offset written after it
    time = (
        r"(?:[ T,]+(?P<H>\d{1,2})[:h.](?P<M>\d{2})(?::(?P<S>\d{2})(?:[.,]\d+)?)?"
        r"(?:(?P<Z>Z)\b|\s?(?P<tz>[+-]\d{2}(?::?\d{2})?)\b)?)?"
    )
    flags = re.IGNORECASE
    return [
        (re.compile(rf"(?P<y>\d{{4}})-(?P<m>\d{{1,2}})-(?P<d>\d{{1,2}}){time}", flags), "ymd"),
        (re.compile(rf"(?P<y>\d{{4}})/(?P<m>\d{{1,2}})/(?P<d>\d{{1,2}}){time}", flags), "ymd"),
        (re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"), "ymd"),
        (re.compile(r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月"), "ym"),
        (re.compile(r"(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]"), "md"),
        (re.compile(rf"(?P<d>\d{{1,2}})\.(?P<m>\d{{1,2}})\.(?P<y>\d{{4}}){time}", flags), "dmy"),
        (re.compile(rf"(?P<a>\d{{1,2}})/(?P<b>\d{{1,2}})/(?P<y>\d{{4}}){time}", flags), "ab-y"),
        # 15 November 2024, 15. November 2024, 15 de noviembre de 2024, le 15 nov. 2024
        (
            re.compile(
                rf"\b(?P<d>\d{{1,2}})(?:\.|º|er)?\s*(?:de\s+)?(?P<mon>{mon})\.?"
                rf"(?:,?\s*(?:de\s+|del\s+)?(?P<y>\d{{4}}))?{time}",
                flags,
            ),
            "d-mon-y",
        ),
        # November 15, 2024 / Nov. 15 2024 / Nov 15
        (
            re.compile(
                rf"\b(?P<mon>{mon})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\b"
                rf"(?:,?\s*(?P<y>\d{{4}}))?{time}",
                flags,
            ),
            "mon-d-y",
        ),
        # November 2024
        (re.compile(rf"\b(?P<mon>{mon})\.?\s+(?:de\s+)?(?P<y>\d{{4}})\b", flags), "mon-y"),
    ]


def utc_offset(text: str | None) -> str:
    """``+08:00`` from ``+08:00``, ``+0800`` or ``+08``; ``+00:00`` from ``Z``; ``""`` when
    there is none, or it is not a possible offset."""
    if not text:
        return ""
    if text.upper() == "Z":
        return "+00:00"
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 23 or minutes > 59:
        return ""
    return f"{text[0]}{hours:02d}:{minutes:02d}"


def _build(
    y: int | None, m: int, d: int | None, hms: tuple[str | None, ...], offset: str = ""
) -> ParsedDate | None:
    try:
        if d is not None:
            date(y or 2000, m, d)  # validates day-of-month (2000 is a leap year)
        elif not 1 <= m <= 12:
            return None
    except ValueError:
        return None
    if y is not None and not 1000 <= y <= 2200:
        return None
    year = f"{y:04d}" if y is not None else "XXXX"
    if d is None:
        return ParsedDate(f"{year}-{m:02d}", "month")
    value = f"{year}-{m:02d}-{d:02d}"
    hour, minute, second = hms
    if hour is not None and minute is not None and int(hour) < 24 and int(minute) < 60:
        value += f"T{int(hour):02d}:{minute}:{second or '00'}{offset}"
        return ParsedDate(value, "second" if second else "minute")
    return ParsedDate(value, "day")


def parse_date(value: str, *, month_first: bool = False) -> ParsedDate | None:
    """The first explicit date in ``value``, or None.

    ``month_first`` decides ``11/05/2024`` when both readings are possible (US style).
    """
    value = value.strip()
    if not value:
        return None
    rfc = _parse_rfc822(value)
    if rfc:
        return rfc
    best: tuple[int, ParsedDate] | None = None
    months = month_names()
    for pattern, kind in _patterns():
        match = pattern.search(value)
        if not match:
            continue
        g = match.groupdict()
        hms = (g.get("H"), g.get("M"), g.get("S"))
        offset = utc_offset(g.get("Z") or g.get("tz"))
        year = int(g["y"]) if g.get("y") else None
        if kind == "ab-y":
            a, b = int(g["a"]), int(g["b"])
            if a > 12:
                m, d = b, a
            elif b > 12 or month_first:
                m, d = a, b
            else:
                m, d = b, a
            parsed = _build(year, m, d, hms, offset)
        elif kind in ("d-mon-y", "mon-d-y", "mon-y"):
            m = months.get(g["mon"].lower().rstrip("."))
            if m is None:
                continue
            parsed = _build(year, m, int(g["d"]) if g.get("d") else None, hms, offset)
        else:
            day = int(g["d"]) if g.get("d") else None
            parsed = _build(year, int(g["m"]), day, hms, offset)
        if parsed and (best is None or match.start() < best[0]):
            best = (match.start(), parsed)
    if best is None:
        year_only = re.fullmatch(r"\s*(\d{4})\s*", value)
        if year_only and 1000 <= int(year_only.group(1)) <= 2200:
            return ParsedDate(year_only.group(1), "year")
        return None
    return best[1]


def _parse_rfc822(value: str) -> ParsedDate | None:
    if not re.match(r"^(?:[A-Za-z]{3},\s*)?\d{1,2}\s+[A-Za-z]{3}\s+\d{4}\s+\d", value):
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return from_datetime(parsed)


def from_datetime(moment: datetime) -> ParsedDate:
    """A ParsedDate from a datetime, at the second: an aware one keeps its UTC offset
    (``+08:00``, UTC as ``+00:00``), a naive one has none."""
    return ParsedDate(moment.isoformat(timespec="seconds"), "second")


_DAY = re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:$|T)")
_MONTH = re.compile(r"(\d{4})-(\d{2})$")
_YEAR = re.compile(r"(\d{4})$")
_WEEK = re.compile(r"(\d{4})-W(\d{2})$")
_PART = re.compile(r"(\d{4})-([QH])([1-4])$")


def date_period(value: str | None) -> tuple[str, str] | None:
    """The first and last day (ISO) of the period a TIMEX3-style date names, or None when it
    names none (``None``, ``XXXX-11-15``, ``PRESENT_REF``, an impossible date).

    ``2024-11-15`` is one day, ``2024-11`` the whole of November, ``2024`` the year,
    ``2024-W46`` that ISO week, ``2024-Q4`` / ``2024-H2`` that quarter or half."""
    if not value:
        return None
    value = value.strip()
    try:
        if match := _DAY.match(value):
            day = date(int(match[1]), int(match[2]), int(match[3]))
            return day.isoformat(), day.isoformat()
        if match := _MONTH.match(value):
            year, month = int(match[1]), int(match[2])
            last = calendar.monthrange(year, month)[1]
            return date(year, month, 1).isoformat(), date(year, month, last).isoformat()
        if match := _YEAR.match(value):
            return f"{match[1]}-01-01", f"{match[1]}-12-31"
        if match := _WEEK.match(value):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
        if match := _PART.match(value):
            year, part, number = int(match[1]), match[2], int(match[3])
            months = 3 if part == "Q" else 6
            if number * months > 12:
                return None
            first = date(year, (number - 1) * months + 1, 1)
            last_month = number * months
            last = date(year, last_month, calendar.monthrange(year, last_month)[1])
            return first.isoformat(), last.isoformat()
    except ValueError:  # month 13, day 31 of a 30-day month, week 54...
        return None
    return None
