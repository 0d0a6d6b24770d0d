"""Find temporal expressions with a language's rules and normalise them in text order.

1. Every rule of the language runs over the text; the matches compete for the characters,
   longest first (ties go to the rule listed first), so "15. November 2024" beats "November".
2. The winners are normalised left to right, so narrative mode can move its anchor to each
   date the text mentions before the next relative expression is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from tidings.model import Timex
from tidings.stages.time import normalize, periods
from tidings.stages.time.arithmetic import parse_anchor, year_distance
from tidings.stages.time.lexicon import Lexicon, Rule, load, normalise
from tidings.stages.time.normalize import Context, Value

MODES = ("news", "narrative", "auto")
# Narrative when the years a text names lie, at the median, this far from its own date.
NARRATIVE_YEARS = 10
NARRATIVE_MIN_YEARS = 10

Handler = Callable[[Context, Rule, dict[str, str], tuple[int, int]], Value | None]
HANDLERS: dict[str, Handler] = {
    "date": normalize.k_date,
    "numeric": normalize.k_numeric,
    "weekday": normalize.k_weekday,
    "deictic": normalize.k_deictic,
    "relunit": normalize.k_relunit,
    "offset": periods.k_offset,
    "duration": periods.k_duration,
    "set": periods.k_set,
    "ref": periods.k_ref,
    "time": periods.k_time,
    "part": periods.k_time,
    "season": periods.k_season,
    "quarter": periods.k_quarter,
    "decade": periods.k_decade,
    "century": periods.k_century,
    "same": periods.k_same,
    "fixed": periods.k_fixed,
    "holiday": periods.k_holiday,
    "day": normalize.k_day,
}
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_SLASH_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/\d{2,4}(?![\d/])")
_HOST = re.compile(r"^(?:[a-z][a-z0-9+.-]*://)?(?:[^@/]*@)?([^/:?#]+)", re.IGNORECASE)
_CONFIDENCE = {"dct": 0.85, "narrative": 0.7, None: 0.95}


@dataclass(slots=True)
class Match:
    """A rule's match: the span, the rule and its named groups."""

    start: int
    end: int
    order: int
    rule: Rule
    groups: dict[str, str]


def _allowed(lex: Lexicon, groups: dict[str, str]) -> bool:
    """Words that are only temporal when capitalised ("May", "March") must be capitalised."""
    if not lex.capital_only:
        return True
    for text in groups.values():
        if normalise(text) in lex.capital_only and not text[:1].isupper():
            return False
    return True


def _has_all(needs: tuple[frozenset[str], ...], tokens: set[str]) -> bool:
    """Whether ``tokens`` holds at least one word of each of a rule's ``needs``."""
    for need in needs:  # noqa: SIM110 (a plain loop: no generator per rule, hot path)
        if need.isdisjoint(tokens):
            return False
    return True


def find(text: str, lex: Lexicon) -> list[Match]:
    """The non-overlapping rule matches in ``text``, sorted by start."""
    found: list[Match] = []
    tokens = set(_WORD.findall(text.lower()))
    if _DIGIT.search(text):
        tokens.add("<digit>")
    for order, rule in enumerate(lex.rules):
        if rule.needs and not _has_all(rule.needs, tokens):
            continue
        for m in rule.regex.finditer(text):
            if m.end() == m.start():
                continue
            groups = {k: v for k, v in m.groupdict().items() if v}
            for key in [k for k in groups if k[-1].isdigit()]:
                groups.setdefault(key.rstrip("0123456789"), groups[key])
            found.append(Match(m.start(), m.end(), order, rule, groups))
    found.sort(key=lambda x: (x.start - x.end, x.order, x.start))
    taken = bytearray(len(text) + 1)
    chosen = []
    for match in found:
        if any(taken[match.start : match.end]):
            continue
        taken[match.start : match.end] = b"\x01" * (match.end - match.start)
        if match.rule.kind != "reject" and _allowed(lex, match.groups):
            chosen.append(match)
    chosen.sort(key=lambda x: x.start)
    return chosen


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and text[end - 1] in " ,;:-\n\t":
        end -= 1
    while start < end and text[start] in " ,;:-\n\t":
        start += 1
    return start, end


def _in_brackets(text: str, start: int) -> bool:
    """Whether ``start`` lies inside parentheses: life dates "(1856-1924)" are no anchor."""
    opening = text.rfind("(", max(0, start - 80), start)
    return opening >= 0 and ")" not in text[opening:start]


def _side_year(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """A bare year after a word such as "seit" or "bis": the start or end of a span, not the
    time the narrative has reached ("seit 1939", "bis 1915")."""
    if not lex.side_year_after or not text[start:end].isdigit():
        return False
    before = text[max(0, start - 24):start].split()
    return bool(before) and before[-1].lower() in lex.side_year_after


_RANGE_AFTER = re.compile(r"\s*(?:[/–]\s*\d{2,4}|-\d{4})(?!\d)")
_RANGE_BEFORE = re.compile(r"\d{4}\s*[/–]\s*$")


def _side_date(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """A date that is an edge of a span rather than the time the story has reached: one
    year of a range ("Krieg 1870/71", "1914–1918") or the end bound after a word in
    ``side_date_after`` ("bis zum 9. Januar 1916": a look ahead, the story stays where it
    was)."""
    if _RANGE_AFTER.match(text, end, end + 8) or _RANGE_BEFORE.search(text, max(0, start - 8),
                                                                         start):
        return True
    if not lex.side_date_after:
        return False
    before = normalise(text[max(0, start - 24):start])
    return any(before == w or before.endswith(" " + w) for w in lex.side_date_after)


def choose_mode(matches: list[Match], lex: Lexicon, dct: date | None) -> str:
    """``narrative`` when the explicit years a text names are far from its own date.

    The rule (documented in docs/time.md): collect every explicit year the rules found
    (four digits, or any year with an era such as "v. Chr."). The text is history, not news,
    when it names at least ``NARRATIVE_MIN_YEARS`` of them, their median lies
    ``NARRATIVE_YEARS`` or more years from the document date, and at most a tenth of them
    lie within two years of it. Without a document date: news.
    """
    if dct is None:
        return "news"
    years = []
    for match in matches:
        year = match.groups.get("year", "")
        if year.isdigit() and (len(year) == 4 or match.groups.get("era")):
            years.append(-int(year) if match.groups.get("era") else int(year))
    distance = year_distance(years, dct)
    if distance is None or len(years) < NARRATIVE_MIN_YEARS:
        return "news"
    near = sum(abs(y - dct.year) <= 2 for y in years)
    return "narrative" if distance >= NARRATIVE_YEARS and near <= len(years) / 10 else "news"


def numeric_order(text: str, lex: Lexicon, source: str | None = None) -> str | None:
    """The order of this article's all-digit slash dates when it can be told, else None
    (also when the text has none).

    First the text itself: a date such as "25/12/2024" can only be day first, "12/25/2024"
    only month first. Then where it comes from: a web address on one of the language's
    ``day_first_domains`` (British English on ".co.uk") is day first.
    """
    seen = False
    for match in _SLASH_DATE.finditer(text):
        seen = True
        a, b = int(match.group(1)), int(match.group(2))
        if a > 12 >= b:
            return "dmy"
        if b > 12 >= a:
            return "mdy"
    if seen and source and lex.day_first_domains:
        host = _HOST.match(source.strip())
        name = host.group(1).lower().rstrip(".") if host else ""
        if "." in name and any(name.endswith(d) if d.startswith(".") else
                               name == d or name.endswith("." + d)
                               for d in lex.day_first_domains):
            return "dmy"
    return None


def tag(text: str, lang: str | None, published: str | None, mode: str = "news",
        source: str | None = None) -> list[Timex]:
    """The temporal expressions of ``text`` in language ``lang``, anchored per ``mode``.

    ``source`` (the article's URL or file) can settle whether "5/11/2024" is the 5th of
    November or May 11th (see ``numeric_order``).

    Raises ``ValueError`` for an unknown mode. Returns [] for a language without rules.
    """
    if mode not in MODES:
        raise ValueError(f"unknown time mode {mode!r}: use one of {', '.join(MODES)}")
    lex = load(lang or "")
    if lex is None or not text:
        return []
    dct = parse_anchor(published)
    matches = find(text, lex)
    if mode == "auto":
        mode = choose_mode(matches, lex, dct)
    ctx = Context(lex=lex, text=text, dct=dct, mode=mode,
                  numeric_order=numeric_order(text, lex, source))
    out: list[Timex] = []
    for match in matches:
        handler = HANDLERS[match.rule.kind]
        span = (match.start, match.end)
        try:
            value = handler(ctx, match.rule, match.groups, span)
        except (ValueError, OverflowError, KeyError, TypeError):
            value = None
        if value is None or not value.value:
            continue
        start, end = _trim(text, *span)
        value_type = match.rule.params.get("type", value.type)
        out.append(Timex(start=start, end=end, text=text[start:end], type=value_type,
                         value=value.value, resolved=value.resolved,
                         confidence=_CONFIDENCE.get(value.anchor, 0.8), mod=value.mod,
                         anchor=value.anchor))
        is_date = value.point is not None and value.type in ("DATE", "TIME")
        # a look back ("ein Jahr früher", "zwei Tage zuvor") is a side remark: the story
        # goes on from where it was
        back = match.rule.kind == "offset" and int(match.rule.params.get("dir", -1)) < 0
        if (is_date and not back and not _in_brackets(text, match.start)
                and not _side_year(lex, text, start, end)
                and not _side_date(lex, text, start, end)):
            ctx.last = value.point
    return out
