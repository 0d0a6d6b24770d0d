"""Turn a matched rule into a TIMEX3 type and value: one function per rule kind.

Nothing here knows a language: words reach the functions through ``Lexicon.lookup``.
News mode anchors relative expressions on the article date; narrative mode on the last date
the text mentioned (falling back to the article date). Without any anchor a relative
expression keeps an underspecified value (``XXXX-WXX-5``) and is flagged unresolved.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tidings.stages.time import arithmetic
from tidings.stages.time.arithmetic import Point
from tidings.stages.time.lexicon import Lexicon, Rule

_DIGITS = re.compile(r"^\d+(?:[.,]\d+)?$")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_CJK_DIGITS = "零一二三四五六七八九〇"
_UNDER = {"Y": "XXXX", "M": "XXXX-XX", "W": "XXXX-WXX", "D": "XXXX-XX-XX", "Q": "XXXX-QX",
          "H": "XXXX-HX", "E": "XXX", "C": "XX", "S": "XXXX-XX"}


@dataclass(slots=True)
class Value:
    """What one match means: TIMEX3 type and value, and how it was anchored."""

    type: str
    value: str
    resolved: bool = True
    mod: str | None = None
    anchor: str | None = None
    point: Point | None = None  # a date the narrative anchor may move to


@dataclass(slots=True)
class Context:
    """Document state while tagging: the language, its anchors, the text for tense cues."""

    lex: Lexicon
    text: str
    dct: date | None
    mode: str = "news"
    # the article's own order of all-digit dates when it differs from the language's
    numeric_order: str | None = None
    last: Point | None = None
    cache: dict[str, object] = field(default_factory=dict)

    def base(self, prefer_last: bool = False) -> tuple[date | None, str | None, str]:
        """The date a relative expression counts from, its source and its granularity."""
        if (self.mode == "narrative" or prefer_last) and self.last is not None:
            return self.last.day, "narrative", self.last.gran
        if self.dct is not None:
            return self.dct, "dct", "D"
        return None, None, "D"

    def direction(self, start: int, end: int) -> int:
        """Past (-1) or future (+1) from the tense cue nearest ``[start, end)`` in its sentence.

        Without a cue the language's default (past for news in every language so far).
        """
        left = max(self.text.rfind(c, 0, start) for c in ".!?\n") + 1
        right = [i for i in (self.text.find(c, end) for c in ".!?\n") if i >= 0]
        stop = min(right) if right else len(self.text)
        lex = self.lex
        best, best_gap = lex.default_direction, None
        # future cues first: on a tie ("postponed" is also an -ed word) the future one wins
        for pattern, sign, before in ((lex.future, 1, False), (lex.forward, 1, True),
                                      (lex.past, -1, False)):
            if pattern is None:
                continue
            for cue in pattern.finditer(self.text, left, start if before else stop):
                if start <= cue.start() < end or (before and cue.end() > start):
                    continue
                gap = start - cue.end() if cue.end() <= start else cue.start() - end
                if best_gap is None or gap < best_gap:
                    best, best_gap = sign, gap
        return best


def number(lex: Lexicon, text: str | None) -> float | None:
    """The number a digit string or number words mean; None for vague words ("several")."""
    if not text:
        return None
    text = text.strip()
    if _DIGITS.match(text):
        return float(text.replace(",", "."))
    direct = lex.lookup("num", text)
    if direct is not None:
        return None if direct == "X" else float(direct)
    for suffix in lex.number_suffixes:
        if len(text) > len(suffix) and text.endswith(suffix):
            return number(lex, text[: -len(suffix)])
    if len(text) > 1 and all(c in _CJK_DIGITS for c in text):
        return float("".join(str(_CJK_DIGITS.index(c) % 10) for c in text))
    total, current = 0.0, 0.0
    tokens = [t for t in re.split(r"[\s\-]+", text.lower()) if t]
    if len(tokens) > 1 and tokens[0] in lex.articles and tokens[1] not in lex.multipliers:
        tokens = tokens[1:]
        direct = lex.lookup("num", " ".join(tokens))
        if direct is not None:
            return None if direct == "X" else float(direct)
    for token in tokens:
        if not token or token in lex.joiners:
            continue
        if token in lex.multipliers:
            total += max(current, 1) * lex.multipliers[token]
            current = 0.0
            continue
        value = lex.lookup("num", token)
        if value is None or value == "X":
            return None
        current += float(value)
    return total + current


def roman(text: str) -> int | None:
    """The value of a Roman numeral, or None."""
    values = [_ROMAN.get(c) for c in text.upper()]
    if not values or None in values:
        return None
    total = 0
    for i, v in enumerate(values):
        nxt = values[i + 1] if i + 1 < len(values) else 0
        total += -v if v < nxt else v
    return total


def _int_of(lex: Lexicon, text: str | None, table: str = "ord") -> int | None:
    if not text:
        return None
    digits = re.match(r"\d+", text.strip())
    if digits:
        return int(digits[0])
    for name in (table, "num"):
        value = lex.lookup(name, text)
        if isinstance(value, int | float) and not isinstance(value, bool):
            return int(value)
    value = number(lex, text)
    return int(value) if value is not None else None


def _unit(lex: Lexicon, text: str | None) -> tuple[float, str] | None:
    """A unit word as (multiplier, code): ``lustro`` -> (5, "Y")."""
    if not text:
        return None
    code = lex.lookup("unit", text)
    if code is None:
        return None
    match = re.match(r"^(\d+(?:\.\d+)?)?([A-Z]+)$", code)
    if not match:
        return None
    return float(match[1] or 1), match[2]


def _coarse_unit(mult: float, code: str) -> str:
    """The calendar unit a multiplied unit stands for: 10 years is a decade, 3 months a quarter."""
    return {(10.0, "Y"): "E", (100.0, "Y"): "C", (3.0, "M"): "Q", (6.0, "M"): "H"}.get(
        (mult, code), code
    )


def _mod(lex: Lexicon, groups: dict[str, str], rule: Rule) -> str | None:
    if groups.get("mod"):
        return lex.lookup("mod", groups["mod"])
    return rule.params.get("mod")


def spelled_year(lex: Lexicon, text: str) -> int | None:
    """A year in words: "nineteen ninety-seven" is 1997 (hundreds, then the rest), "two
    thousand and one" 2001."""
    whole = number(lex, text)
    if whole is not None and whole >= 1000:
        return int(whole)
    head, _, rest = text.strip().partition(" ")
    hundreds, tail = number(lex, head), number(lex, rest) if rest else None
    if hundreds is None or tail is None or not 10 <= hundreds <= 20 or tail >= 100:
        return int(whole) if whole is not None else None
    return int(hundreds * 100 + tail)


def _year(lex: Lexicon, groups: dict[str, str]) -> int | None:
    if groups.get("year"):
        text = groups["year"]
        year = number(lex, text) if text.isdigit() else spelled_year(lex, text)
        return int(year) if year is not None else None
    if groups.get("yy"):
        yy = int(groups["yy"][-2:])
        if groups.get("cent"):  # "1912/13", "2024/25": the century of the year before
            return int(groups["cent"]) * 100 + yy
        return 1900 + yy if yy > 30 else 2000 + yy
    return None


def _era(lex: Lexicon, groups: dict[str, str], value: str) -> str:
    if groups.get("era") and lex.lookup("era", groups["era"]) == "BC":
        return "BC" + value
    return value


def _month(lex: Lexicon, text: str | None) -> int | None:
    if not text:
        return None
    if text.strip().isdigit():
        month = int(text)
        return month if 1 <= month <= 12 else None
    return lex.lookup("month", text)


def _gran_value(day: date, gran: str, anchor_gran: str) -> str:
    order = "CEYSHQMWD"
    if gran in order and anchor_gran in order and order.index(anchor_gran) < order.index(gran):
        gran = anchor_gran
    return arithmetic.format_point(day, gran)


def k_date(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """Calendar dates, with or without day, month and year: "15. November 2024", "Nov. 15"."""
    lex = ctx.lex
    year, month = _year(lex, g), _month(lex, g.get("month"))
    day = _int_of(lex, g.get("day"))
    if g.get("month") and month is None:
        return None
    if day is not None and not 1 <= day <= 31:
        return None
    mod = _mod(lex, g, rule)
    if month is None:
        if year is None:
            return None
        return Value("DATE", _era(lex, g, f"{year:04d}"), mod=mod, point=Point(date(year, 1, 1),
                     "Y") if 1 <= year <= 9999 and not g.get("era") else None)
    anchor = None
    if year is None:
        year = relative_year(ctx, g)
    if year is None:
        year = range_end_year(ctx, span)
    if year is None:
        base, source, _ = ctx.base()
        if base is None:
            value = f"XXXX-{month:02d}" + (f"-{day:02d}" if day else "")
            return Value("DATE", value, resolved=False, mod=mod)
        rel = lex.lookup("rel", g["rel"]) if g.get("rel") else rule.params.get("rel")
        if rule.params.get("relyear") and rel is not None:
            year = base.year + int(rel)
        elif source == "narrative" or rel == 0:
            year = base.year  # "this September" is this year's
        elif rel is None and day and lex.day_dates == "nearest":
            year = arithmetic.nearest_year(base, month, day, 0)
        else:
            direction = int(rel) if rel else ctx.direction(*span)
            year = arithmetic.nearest_year(base, month, day, direction)
        anchor = source
    when = arithmetic.make_date(year, month, day or 1)
    if when is None:
        return None
    gran = "D" if day else "M"
    value = _era(lex, g, arithmetic.format_point(when, gran))
    return Value("DATE", value, mod=mod, anchor=anchor,
                 point=None if g.get("era") else Point(when, gran))


def relative_year(ctx: Context, g: dict[str, str]) -> int | None:
    """The year a ``relyear`` phrase names, counted from the anchor: "des Vorjahres",
    "del año pasado", "de l'année dernière", "去年" (the ``relyear`` table gives the shift)."""
    if not g.get("relyear"):
        return None
    shift = ctx.lex.lookup("relyear", g["relyear"])
    base, _, _ = ctx.base()
    if shift is None or base is None:
        return None
    return base.year + int(shift)


def range_end_year(ctx: Context, span: tuple[int, int]) -> int | None:
    """The year that closes the range a date opens: "Februar bis Juni 1776" -> 1776."""
    pattern = ctx.lex.range_year
    if pattern is None:
        return None
    match = pattern.match(ctx.text, span[1], span[1] + 48)
    return int(match[1]) if match else None


def k_numeric(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """All-digit dates: ``11/15/2024`` or ``15/11/2024`` by the article's order (see
    ``tagger.numeric_order``) or else the language's."""
    a, b = int(g["a"]), int(g["b"])
    year = _year(ctx.lex, g)
    order = rule.params.get("order") or ctx.numeric_order or ctx.lex.numeric_order
    month, day = (a, b) if order == "mdy" else (b, a)
    if month > 12 and day <= 12:
        month, day = day, month
    if year is None:
        return None
    when = arithmetic.make_date(year, month, day)
    if when is None:
        return None
    return Value("DATE", when.isoformat(), point=Point(when, "D"))


def k_weekday(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """Weekdays, placed by relative words or by tense around them: "on Friday", "el lunes"."""
    lex = ctx.lex
    weekday = 6 if rule.params.get("weekend") else lex.lookup("weekday", g["weekday"])
    if weekday is None:
        return None
    part = lex.lookup("part", g["part"]) if g.get("part") else rule.params.get("part")
    kind = "TIME" if part else "DATE"
    suffix = f"T{part}" if part else ""
    base, source, _ = ctx.base()
    if base is None:
        return Value(kind, f"XXXX-WXX-{weekday}{suffix}", resolved=False)
    rel = lex.lookup("rel", g["rel"]) if g.get("rel") else rule.params.get("rel")
    if rule.params.get("week") and rel is not None:
        # "上周五": the Friday of last week, not the last Friday
        when = arithmetic.weekday_near(arithmetic.shift(base, "W", int(rel)), weekday, 0)
        return Value(kind, when.isoformat() + suffix, anchor=source, point=Point(when, "D"))
    direction = int(rel) if rel is not None else ctx.direction(*span)
    when = arithmetic.weekday_near(base, weekday, direction, strict=rel is not None)
    # "Nacht zum Sonntag": the night that begins the day before the weekday named
    when = arithmetic.shift(when, "D", int(rule.params.get("dayshift", 0)))
    if rule.params.get("weekend"):  # "the weekend": the one of that Saturday
        return Value("DATE", arithmetic.format_point(when, "WE"), anchor=source)
    return Value(kind, when.isoformat() + suffix, anchor=source, point=Point(when, "D"))


def k_deictic(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """Today, yesterday, tomorrow, the day before yesterday, with an optional part of day."""
    lex = ctx.lex
    offset = lex.lookup("deictic", g["deictic"]) if g.get("deictic") else rule.params.get("n", 0)
    if offset is None:
        return None
    part = lex.lookup("part", g["part"]) if g.get("part") else rule.params.get("part")
    if ctx.mode == "narrative" and offset == 0 and not part:
        return Value("DATE", "PRESENT_REF")
    base, source, _ = ctx.base()
    kind = "TIME" if part else "DATE"
    if base is None:
        return Value(kind, "XXXX-XX-XX" + (f"T{part}" if part else ""), resolved=False)
    when = arithmetic.shift(base, "D", offset)
    return Value(kind, when.isoformat() + (f"T{part}" if part else ""), anchor=source,
                 point=Point(when, "D"))


def k_relunit(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """"last week", "this year", "next month", "el mes pasado", "diesjährigen"."""
    lex = ctx.lex
    if g.get("unit"):
        unit = _unit(lex, g["unit"])
    else:
        unit = (1.0, rule.params["unit"]) if "unit" in rule.params else None
    if unit is None:
        return None
    code = _coarse_unit(*unit)
    rel = lex.lookup("rel", g["rel"]) if g.get("rel") else rule.params.get("rel", 0)
    if rel is None:
        return None
    mod = _mod(lex, g, rule)
    base, source, _ = ctx.base(prefer_last=bool(rule.params.get("last")))
    if code == "WE":  # "last weekend", "el fin de semana pasado": the weekend of that week
        if base is None:
            return Value("DATE", "XXXX-WXX-WE", resolved=False, mod=mod)
        when = arithmetic.shift(base, "W", int(rel))
        return Value("DATE", arithmetic.format_point(when, "WE"), mod=mod, anchor=source)
    if unit in ((1.0, "H"), (1.0, "MIN"), (1.0, "S")) or code not in _UNDER:
        return Value("DURATION", f"PTX{unit[1][0]}")
    if base is None:
        return Value("DATE", _UNDER.get(code, "XXXX"), resolved=False, mod=mod)
    when = arithmetic.shift(base, code, int(rel))
    gran = arithmetic.unit_gran(code)
    return Value("DATE", arithmetic.format_point(when, gran), mod=mod, anchor=source,
                 point=Point(when, gran))


def k_day(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """A day of the month named alone ("警方15日通报", the bare end of "4月3日至9日").

    The month is the anchor's: the article month in news, or with ``last`` the date last
    mentioned (the start of the range). In news a day after the article's day in a past
    sentence is last month's, a day before it in a future sentence next month's."""
    lex = ctx.lex
    day = _int_of(lex, g.get("day"))
    if day is None or not 1 <= day <= 31:
        return None
    part = lex.lookup("part", g["part"]) if g.get("part") else None
    kind, suffix = ("TIME", f"T{part}") if part else ("DATE", "")
    base, source, _ = ctx.base(prefer_last=bool(rule.params.get("last")))
    if base is None:
        return Value(kind, f"XXXX-XX-{day:02d}{suffix}", resolved=False)
    index = base.year * 12 + base.month - 1
    if source == "dct":
        direction = ctx.direction(*span)
        if direction < 0 and day > base.day:
            index -= 1
        elif direction > 0 and day < base.day:
            index += 1
    when = arithmetic.make_date(index // 12, index % 12 + 1, day)
    if when is None:
        return None
    return Value(kind, when.isoformat() + suffix, anchor=source, point=Point(when, "D"))
