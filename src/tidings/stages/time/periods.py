"""Rule kinds for spans of time and times of day: offsets, durations, sets, clock times,
parts of the day, seasons, quarters, decades, centuries and fixed reference words."""

from __future__ import annotations

import re
from datetime import date

from tidings.stages.time import arithmetic
from tidings.stages.time.arithmetic import Point
from tidings.stages.time.lexicon import Lexicon, Rule
from tidings.stages.time.normalize import (
    _UNDER,
    Context,
    Value,
    _coarse_unit,
    _era,
    _gran_value,
    _int_of,
    _mod,
    _unit,
    _year,
    number,
    range_end_year,
    relative_year,
    roman,
)

_TIME_CODES = {"H": "H", "MIN": "M", "S": "S"}
_PIECES: dict[str, re.Pattern[str]] = {}


def _pieces(lex: Lexicon) -> re.Pattern[str]:
    """Number + unit (+ fraction) pieces of a composite duration, per language."""
    pattern = _PIECES.get(lex.lang)
    if pattern is None:
        m = lex.macros
        frac = m.get("frac", "(?!x)x")
        # words a language allows between the number and the unit ("two more weeks")
        filler = m.get("filler", "(?!x)x")
        pattern = re.compile(
            rf"(?:(?P<num>{m['num']})[\s-]*(?:{filler})?)?(?P<unit>{m['unit']})"
            rf"(?:\s+(?:{'|'.join(map(re.escape, lex.joiners)) or '(?!x)x'})?\s*(?P<frac>{frac}))?",
            re.IGNORECASE,
        )
        _PIECES[lex.lang] = pattern
    return pattern


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else f"{n:.2f}".rstrip("0").rstrip(".")


def duration_value(lex: Lexicon, text: str, vague: bool = False) -> str | None:
    """The TIMEX3 duration value of a span like "2 años, 3 meses y un día" (``P2Y3M1D``)."""
    parts: dict[str, float | None] = {}
    for piece in _pieces(lex).finditer(text):
        unit = _unit(lex, piece["unit"])
        if unit is None:
            continue
        mult, code = unit
        n = number(lex, piece["num"]) if piece["num"] else None if vague else 1.0
        if n is not None and piece["frac"]:
            n += float(lex.lookup("frac", piece["frac"]) or 0)
        if n is None:
            parts[code] = None
        else:
            previous = parts.get(code, 0.0)
            parts[code] = None if previous is None else previous + n * mult
    if not parts:
        return None
    date_part = "".join(
        ("X" if parts[c] is None else _fmt(parts[c] or 0)) + c  # type: ignore[arg-type]
        for c in ("Y", "M", "W", "WE", "D") if c in parts
    )
    time_part = "".join(
        ("X" if parts[c] is None else _fmt(parts[c] or 0)) + _TIME_CODES[c]  # type: ignore[arg-type]
        for c in ("H", "MIN", "S") if c in parts
    )
    return "P" + date_part + ("T" + time_part if time_part else "")


def _duration_value(ctx: Context, g: dict[str, str], span: tuple[int, int], mod: str | None,
                    vague: bool = False) -> Value | None:
    value = duration_value(ctx.lex, ctx.text[span[0]:span[1]], vague)
    return Value("DURATION", value, mod=mod) if value else None


def k_duration(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """"three days", "drei Tage", "dos años, 3 meses y un día", "for years" (``PXY``)."""
    return _duration_value(ctx, g, span, _mod(ctx.lex, g, rule), bool(rule.params.get("vague")))


def k_offset(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """"53 years ago", "vor 53 Jahren", "hace tres años", "zwei Tage später"."""
    lex = ctx.lex
    unit = _unit(lex, g.get("unit") or rule.params.get("unitword"))
    sign = int(rule.params.get("dir", -1))
    if unit is None:
        return None
    n = number(lex, g.get("num")) if g.get("num") else rule.params.get("n", 1.0)
    mult, code = unit
    if code in _TIME_CODES:
        return _duration_value(ctx, g, span, mod=None)
    if n is None:
        return Value("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    steps = n * mult
    if rule.params.get("financial") and code == "Y" and steps == 1 and sign < 0:
        quarter = _year_ago_quarter(ctx)
        if quarter is not None:
            return quarter
    if code == "Y" and steps != int(steps):
        code, steps = "M", steps * 12
    base, source, anchor_gran = ctx.base(prefer_last=rule.params.get("anchor") == "last")
    if base is None:
        return Value("DATE", _UNDER.get(code, "XXXX"), resolved=False)
    when = arithmetic.shift(base, code, sign * steps)
    gran = arithmetic.unit_gran(_coarse_unit(mult, code) if mult != 1 else code)
    if source == "narrative" and rule.params.get("anchor") == "last" and not rule.params.get(
            "unit_gran"):
        gran = anchor_gran  # "drei Monate später" after a day is a day
    return Value("DATE", _gran_value(when, gran, anchor_gran), anchor=source,
                 point=Point(when, gran))


def _year_ago_quarter(ctx: Context) -> Value | None:
    """In a news report on quarterly results, "a year ago" / "year-earlier" is the quarter
    being reported (the last one completed before the article date) one year before:
    ``1988-Q3`` for an article of 1989-10-26 (as TimeBank annotates earnings reports)."""
    if ctx.mode != "news" or ctx.dct is None or ctx.lex.financial is None:
        return None
    financial = ctx.cache.get("financial")
    if financial is None:
        financial = ctx.cache["financial"] = bool(ctx.lex.financial.search(ctx.text))
    if not financial:
        return None
    index = ctx.dct.year * 4 + (ctx.dct.month - 1) // 3 - 1 - 4
    return Value("DATE", f"{index // 4:04d}-Q{index % 4 + 1}", anchor="dct")


def k_holiday(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]
              ) -> Value | None:
    """Holidays on a fixed day ("Christmas", ``month``/``day``), on the n-th weekday of a
    month ("Thanksgiving", ``nth``/``weekday``/``month``) or of a lunar calendar (春节:
    ``dates``, a table of ``"year" = "MM-DD"``, and ``dayshift`` for the eve), in the year
    given, else the one nearest the anchor in the direction of the tense."""
    lex = ctx.lex
    params = rule.params

    def on(year: int) -> date | None:
        if "dates" in params:
            day = params["dates"].get(str(year))
            when = date.fromisoformat(f"{year:04d}-{day}") if day else None
            return arithmetic.shift(when, "D", int(params.get("dayshift", 0))) if when else None
        if "day" in params:
            return arithmetic.make_date(year, params["month"], params["day"])
        first = date(year, params["month"], 1)
        day = arithmetic.weekday_near(first, params["weekday"], 1)
        if first.isoweekday() == params["weekday"]:
            day = first
        return arithmetic.shift(day, "W", params.get("nth", 1) - 1)

    year = _year(lex, g)
    if year is None:
        base, source, _ = ctx.base()
        if base is None:
            month = f"{params['month']:02d}" if "month" in params else "XX"
            return Value("DATE", f"XXXX-{month}", resolved=False)
        rel = lex.lookup("rel", g["rel"]) if g.get("rel") else None
        direction = int(rel) if rel is not None else ctx.direction(*span)
        year = base.year
        when = on(year)
        if when is not None and direction < 0 and when > base:
            year -= 1
        elif when is not None and direction > 0 and when < base:
            year += 1
    else:
        source = None
    when = on(year) if 1 <= year <= 9999 else None
    if when is None:
        return None
    return Value("DATE", when.isoformat(), anchor=source, point=Point(when, "D"))


def k_set(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """"every year", "jede Woche", "cada dos meses", "daily", "every Friday"."""
    lex = ctx.lex
    if "value" in rule.params:
        return Value("SET", rule.params["value"])
    if g.get("setword"):
        value = lex.lookup("setword", g["setword"])
        return Value("SET", value) if value else None
    if g.get("weekday"):
        return Value("SET", f"XXXX-WXX-{lex.lookup('weekday', g['weekday'])}")
    if g.get("month"):
        return Value("SET", f"XXXX-{lex.lookup('month', g['month']):02d}")
    if g.get("part"):
        return Value("SET", f"T{lex.lookup('part', g['part'])}")
    piece = (g.get("num") + " " if g.get("num") else "") + (g.get("unit") or "")
    value = duration_value(lex, piece)
    return Value("SET", value) if value else None


def k_ref(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """Reference words: "now" (PRESENT_REF), "recently" (PAST_REF), "the future".

    With ``future_only`` the word counts only in a future-tense sentence: "will soon" is the
    future of the article, "was soon released" a step in a past story, not a reference."""
    value = ctx.lex.lookup("ref", g["ref"]) if g.get("ref") else rule.params.get("value")
    if rule.params.get("future_only") and ctx.direction(*span) <= 0:
        return None
    return Value("DATE", value) if value else None


def k_fixed(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """A value written in the rule itself."""
    return Value(rule.type, rule.params["value"], mod=rule.params.get("mod"))


def _day_of(ctx: Context, g: dict[str, str], span: tuple[int, int], dayword: bool = False
            ) -> tuple[str, bool, str | None]:
    """The date part of a time of day: from the span's own date words, else the anchor."""
    from tidings.stages.time.normalize import k_date, k_deictic, k_weekday

    lex = ctx.lex
    dummy = Rule("part-date", re.compile(""), "date", "DATE", {})
    found = None
    if g.get("weekday"):
        found = k_weekday(ctx, dummy, {"weekday": g["weekday"], "rel": g.get("rel", "")}, span)
    elif g.get("deictic"):
        found = k_deictic(ctx, dummy, {"deictic": g["deictic"]}, span)
    elif g.get("month") and g.get("day"):
        found = k_date(ctx, dummy, {k: g[k] for k in ("day", "month", "year") if g.get(k)}, span)
    elif g.get("day") and dayword:
        base, source, _ = ctx.base()
        day = _int_of(lex, g["day"])
        if base is not None and day and arithmetic.make_date(base.year, base.month, day):
            return f"{base.year:04d}-{base.month:02d}-{day:02d}", True, source
    if found is not None:
        return found.value, found.resolved, found.anchor
    base, source, _ = ctx.base()
    if base is None:
        return "XXXX-XX-XX", False, None
    return base.isoformat(), True, source


def k_time(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """Clock times and parts of the day: "4:45 Uhr", "las 2 y media de la tarde", "tonight"."""
    lex = ctx.lex
    part = lex.lookup("part", g["part"]) if g.get("part") else rule.params.get("part")
    hour = None
    if g.get("hour") or "hour" in rule.params:
        value = number(lex, g["hour"]) if g.get("hour") else float(rule.params["hour"])
        if value is None or not 0 <= value <= 24:
            return None
        hour = int(value)
    minute = int(g["minute"]) if g.get("minute") else 0
    if g.get("minword"):
        minute = int(lex.lookup("minword", g["minword"]) or number(lex, g["minword"]) or 0)
    if g.get("minus") and hour is not None:
        taken = lex.lookup("minword", g["minus"]) or number(lex, g["minus"]) or 0
        hour, minute = hour - 1, 60 - int(taken)
    ampm = lex.lookup("ampm", g["ampm"]) if g.get("ampm") else None
    if hour is not None:
        if (ampm == "pm" or part in ("AF", "EV") or (part == "NI" and hour >= 6)) and hour < 12:
            hour += 12
        if ampm == "am" and hour == 12:
            hour = 0
    if rule.params.get("dateonly"):
        day, resolved, source = _day_of(ctx, g, span, True)
        point = Point(date.fromisoformat(day), "D") if resolved and day[:1].isdigit() else None
        return Value("DATE", day, resolved=resolved, anchor=source, point=point)
    clock = f"T{hour:02d}:{minute:02d}" if hour is not None else f"T{part}" if part else None
    if clock is None:
        return None
    if rule.params.get("nodate"):
        return Value("TIME", clock)
    if rule.params.get("next_day"):
        base, source, _ = ctx.base(prefer_last=True)
        if base is None:
            return Value("TIME", "XXXX-XX-XX" + clock, resolved=False)
        when = arithmetic.shift(base, "D", 1)
        return Value("TIME", when.isoformat() + clock, anchor=source, point=Point(when, "D"))
    day, resolved, source = _day_of(ctx, g, span, bool(rule.params.get("dayword")))
    point = Point(date.fromisoformat(day), "D") if resolved and day[:1].isdigit() else None
    return Value("TIME", day + clock, resolved=resolved, anchor=source, point=point)


def k_season(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """Seasons: "summer 2024", "last winter", "Frühjahr 479 v. Chr."."""
    lex = ctx.lex
    season = lex.lookup("season", g["season"])
    if season is None:
        return None
    mod = _mod(lex, g, rule)
    year = _year(lex, g)
    if year is None:
        year = relative_year(ctx, g)
    if year is None and not g.get("rel"):
        year = range_end_year(ctx, span)
    if year is not None:
        return Value("DATE", _era(lex, g, f"{year:04d}-{season}"), mod=mod)
    base, source, _ = ctx.base()
    if base is None:
        return Value("DATE", f"XXXX-{season}", resolved=False, mod=mod)
    rel = lex.lookup("rel", g["rel"]) if g.get("rel") else rule.params.get("rel")
    year = base.year
    if rule.params.get("relyear") and rel is not None:
        return Value("DATE", f"{year + int(rel):04d}-{season}", mod=mod, anchor=source)
    if rel is not None and rel < 0:
        year = last_season_year(base, season)
    elif rel is not None and rel > 0:
        year = last_season_year(base, season, ended=False) + 1
    return Value("DATE", f"{year:04d}-{season}", mod=mod, anchor=source)


# The month each season starts in; a winter is named by the year of its December.
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def last_season_year(base: date, season: str, ended: bool = True) -> int:
    """The year of the latest ``season`` that has ended by ``base`` ("last summer": in July
    2025 the summer of 2024, in October that of 2025; "last winter" in July 2025 is the
    winter that began in December 2024), or with ``ended=False`` the latest one that has
    begun by ``base``."""
    start = _SEASON_START[season]
    for year in (base.year, base.year - 1, base.year - 2):
        first = date(year, start, 1)
        end_month = start + 3
        end = date(year + (end_month > 12), (end_month - 1) % 12 + 1, 1)
        if (end <= base) if ended else (first <= base):
            return year
    return base.year - 2


def k_quarter(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """Quarters and halves: "the third quarter", "Q3 2024", "el primer semestre"."""
    lex = ctx.lex
    letter = rule.params.get("unit", "Q")
    n = _int_of(lex, g.get("ord") or g.get("num"))
    limit = {"Q": 4, "H": 2, "T": 3}.get(letter, 4)
    year = _year(lex, g)
    if year is None:
        year = relative_year(ctx, g)
    if year is None:
        base, _, _ = ctx.base()
        if base is None:
            return Value("DATE", f"XXXX-{letter}{n or 'X'}", resolved=False)
        year = base.year
        if n is None:
            n = (base.month - 1) // (12 // limit) + 1
            rel = lex.lookup("rel", g["rel"]) if g.get("rel") else rule.params.get("rel", 0)
            index = year * limit + n - 1 + int(rel or 0)
            year, n = index // limit, index % limit + 1
        year += int(rule.params.get("yearshift", 0))
    if n is None or not 1 <= n <= limit:
        return None
    return Value("DATE", f"{year:04d}-{letter}{n}", mod=_mod(lex, g, rule))


def k_decade(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """Decades: "the 1990s", "the nineties", "los años setenta", "die 80er"."""
    lex = ctx.lex
    text = g.get("decade", "")
    digits = re.search(r"\d+", text)
    if digits:
        d = digits[0]
        value = d[:3] if len(d) == 4 else ("19" + d[0] if len(d) == 2 else None)
    else:
        word = lex.lookup("decade", text)
        value = f"19{word}" if word is not None else None
    return Value("DATE", value, mod=_mod(lex, g, rule)) if value else None


def k_century(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """Centuries: "the 20th century", "20. Jahrhundert", "siglo XX", "6. Jh. v. Chr."."""
    lex = ctx.lex
    n = roman(g["roman"]) if g.get("roman") else _int_of(lex, g.get("ord") or g.get("num"))
    if not n or n > 30:
        return None
    if g.get("era") and lex.lookup("era", g["era"]) == "BC":
        return Value("DATE", f"BC{n - 1:02d}", mod=_mod(lex, g, rule))
    return Value("DATE", f"{n - 1:02d}", mod=_mod(lex, g, rule))


def k_same(ctx: Context, rule: Rule, g: dict[str, str], span: tuple[int, int]) -> Value | None:
    """The unit of the date last mentioned: "im selben Jahr", "that day", "el mismo mes"."""
    lex = ctx.lex
    unit = _unit(lex, g.get("unit")) if g.get("unit") else (1.0, rule.params.get("unit", "D"))
    if unit is None:
        return None
    code = _coarse_unit(*unit)
    base, source, anchor_gran = ctx.base(prefer_last=True)
    part = lex.lookup("part", g["part"]) if g.get("part") else None
    if base is None:
        return Value("DATE", _UNDER.get(code, "XXXX"), resolved=False)
    value = _gran_value(base, arithmetic.unit_gran(code), anchor_gran)
    if part and len(value) == 10:
        return Value("TIME", f"{value}T{part}", anchor=source)
    return Value("DATE", value, anchor=source, mod=_mod(lex, g, rule))
