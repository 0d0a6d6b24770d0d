"""Per-language time knowledge, loaded from ``tidings/lang/<code>/time.toml``.

The file holds word lists (``lexicon``: month and weekday names, number words, units, relative
words, seasons, parts of the day, ...) and ``rules``: regular expressions written with macros.
``{month}`` becomes a named group matching any month word of the language, ``{month2}`` a
second group over the same words, ``{MONTH}`` the same alternation without a group. Built-in
macros: ``{day}``, ``{year}``, ``{num}``, ``{hour}``, ``{minute}``. Each rule names a ``kind``
(``k``) that the language-independent normaliser knows how to turn into a TIMEX3 value.
Adding a language is adding a folder with a ``time.toml``: no code changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from tidings import resources
from tidings.errors import ResourceError

_MACRO = re.compile(r"\{([A-Za-z_]+?)(\d?)\}")
_BUILTIN = {
    "day": r"(?:0?[1-9]|[12]\d|3[01])",
    "year": r"(?:1\d{3}|20\d{2})",
    "hour": r"(?:[01]?\d|2[0-4])",
    "minute": r"(?:[0-5]\d)",
    "digits": r"(?:\d+(?:[.,]\d+)?)",
}
KINDS = frozenset({
    "date", "numeric", "weekday", "deictic", "relunit", "offset", "duration", "set", "ref",
    "time", "season", "part", "decade", "century", "same", "fixed", "reject", "quarter",
    "holiday", "day",
})


class LexiconError(ResourceError):
    """A ``time.toml`` file that cannot be used, with the file and the reason."""

    def __init__(self, message: str, *, hint: str | None = resources.HINT) -> None:
        super().__init__(message, hint=hint)


@dataclass(slots=True)
class Rule:
    """One compiled pattern, the kind of value it makes, and fixed parameters."""

    name: str
    regex: re.Pattern[str]
    kind: str
    type: str
    params: dict[str, Any]
    needs: tuple[frozenset[str], ...] = ()


@dataclass(slots=True)
class Lexicon:
    """Everything the tagger knows about one language."""

    lang: str
    words: dict[str, dict[str, Any]]
    rules: list[Rule]
    numeric_order: str = "dmy"
    # web domains whose all-digit dates are day first although the language's are not
    # (British, Indian, Australian English: ".uk", ".in", "bbc.com")
    day_first_domains: tuple[str, ...] = ()
    joiners: tuple[str, ...] = ()
    multipliers: dict[str, int] = field(default_factory=dict)
    capital_only: frozenset[str] = frozenset()
    future: re.Pattern[str] | None = None
    # weaker future cues that count only before the expression: a plan or expectation
    # governs the time that follows it ("expects to report in March", "scheduled Thursday")
    forward: re.Pattern[str] | None = None
    past: re.Pattern[str] | None = None
    default_direction: int = -1
    macros: dict[str, str] = field(default_factory=dict)
    articles: frozenset[str] = frozenset()
    # "nearest": a day-and-month date without a year goes to the year that puts it nearest
    # the article date (news: "payable Dec. 15"); "tense": past unless a future cue.
    day_dates: str = "tense"
    # Words that make a news text a financial report ("quarter"): there "a year ago" is the
    # reported quarter of the year before (TimeBank/TIMEX3 reading of earnings reports).
    financial: re.Pattern[str] | None = None
    # "Februar bis Juni 1776": a date without a year takes the year that closes its range;
    # the words that link the two ends of a range
    range_year: re.Pattern[str] | None = None
    # words after which a bare year is a side remark ("seit 1939", "bis 1915") that does not
    # move the narrative anchor
    side_year_after: frozenset[str] = frozenset()
    # words after which any date is the end bound of a span ("bis zum 9. Januar 1916")
    side_date_after: tuple[str, ...] = ()
    # marks after a number that make it approximate without changing it: "二十多年" (more
    # than twenty years) is twenty years
    number_suffixes: tuple[str, ...] = ()

    def lookup(self, table: str, text: str) -> Any:
        """The value of ``text`` in word table ``table`` (case and spacing normalised)."""
        key = normalise(text)
        values = self.words.get(table, {})
        if key in values:
            return values[key]
        return values.get(key.rstrip("."))


def normalise(text: str) -> str:
    """Lower case with single spaces: the form lexicon keys are stored in."""
    return " ".join(text.lower().replace("\u00a0", " ").split())


def _alternation(words: dict[str, Any]) -> str:
    keys = sorted(words, key=len, reverse=True)
    parts = []
    for key in keys:
        escaped = re.escape(key).replace(r"\ ", r"\s+")
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")" if parts else "(?!x)x"


def _number_pattern(words: dict[str, Any], joiners: tuple[str, ...], spaced: bool,
                    articles: frozenset[str] = frozenset()) -> str:
    word = _alternation(words)
    if not spaced:
        return rf"(?:\d+(?:[.,]\d+)?|{word}+)"
    # an article opens a number ("a hundred") or follows a joiner ("cuarenta y un"), but
    # never follows a bare space ("seven a year")
    inner = _alternation({k: v for k, v in words.items() if k.split()[0] not in articles})
    join = "|".join(re.escape(j) for j in joiners)
    glue = rf"(?:[\s-]+(?:{join})[\s-]+{word}|[\s-]+{inner})" if join else rf"[\s-]+{inner}"
    return rf"(?:\d+(?:[.,]\d+)?|{word}{glue}*)"


def _expand(pattern: str, macros: dict[str, str], plain: frozenset[str] = frozenset()) -> str:
    """Replace ``{name}`` macros; names in ``plain`` (the file's own macros) make no group."""

    def replace(match: re.Match[str]) -> str:
        name, index = match[1], match[2]
        key = name.lower()
        if key not in macros:
            raise LexiconError(f"unknown macro {{{name}}} in pattern {pattern!r}")
        body = macros[key]
        if name.isupper():
            return "(?:" + re.sub(r"\(\?P<\w+>", "(?:", body) + ")"
        if key in plain:
            return f"(?:{body})"
        return f"(?P<{key}{index}>{body})"

    return _MACRO.sub(replace, pattern)


def _strip_optional(pattern: str) -> str:
    """``pattern`` without character classes, optional or alternating groups and lookarounds:
    what is left must occur in every match."""
    out: list[str] = []
    stack: list[int] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if c == "[":
            j = i + 1
            while j < len(pattern) and pattern[j] != "]":
                j += 2 if pattern[j] == "\\" else 1
            out.append("#")
            i = j + 1
            continue
        if c == "(":
            stack.append(len(out))
            out.append(c)
            i += 1
            continue
        if c == ")" and stack:
            begin = stack.pop()
            body = "".join(out[begin:])
            nxt = pattern[i + 1 : i + 3]
            optional = nxt[:1] in ("?", "*") or nxt == "{0"
            look = body.startswith(("(?=", "(?!", "(?<=", "(?<!"))
            del out[begin:]
            if not (optional or look or "|" in body):
                out.append(body[1:])
            elif not (optional or look):
                out.append(_first_words(body[1:]))
            i += 1
            if optional:
                while i < len(pattern) and pattern[i] in "?*+":
                    i += 1
            continue
        if pattern[i + 1 : i + 2] in ("?", "*"):
            # "an?", "quarters?": the letter may be missing, so the word it ends is no need
            while c.isalpha() and out and len(out[-1]) == 1 and out[-1].isalpha():
                out.pop()
            out.append("#")
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


def _first_words(body: str) -> str:
    """``«a,b»`` when every alternative of a mandatory group starts with a literal word."""
    words = []
    for alternative in body.split("|"):
        match = re.match(r"([^\W\d_]+)(?:\\s[+*].*)?$", alternative)
        if not match:
            return ""
        words.append(match[1].lower())
    return "\u00ab" + ",".join(words) + "\u00bb"


def _needs(pattern: str, own: dict[str, str], words: dict[str, dict[str, Any]]
           ) -> tuple[frozenset[str], ...]:
    """Word sets of which a text must contain one each for ``pattern`` to match anywhere.

    Used as a cheap filter: a rule only runs on texts holding all of its needs. ``<digit>``
    stands for any digit.
    """
    for _ in range(3):
        # grouped, as _expand groups them: "{filler}?" makes the whole macro optional
        pattern = _MACRO.sub(lambda m: f"(?:{own[m[1].lower()]})" if m[1].lower() in own
                             else m[0], pattern)
    rest = _strip_optional(re.sub(r"\?P<\w+>|\?:", "", pattern))
    if "|" in rest:
        return ()
    needs: list[frozenset[str]] = []
    for match in _MACRO.finditer(rest):
        key = match[1].lower()
        if key in ("day", "year", "hour", "minute", "digits"):
            needs.append(frozenset({"<digit>"}))
        elif key in words:
            first = {(re.findall(r"\w+", k) or [k])[0] for k in words[key]}
            if key == "num":
                first.add("<digit>")
            needs.append(frozenset(first))
    for group in re.findall("\u00ab([^\u00bb]*)\u00bb", rest):
        needs.append(frozenset(group.split(",")))
    rest = re.sub("\u00ab[^\u00bb]*\u00bb", " ", rest)
    plain = _MACRO.sub(" ", rest)
    if re.search(r"\\d", plain):
        needs.append(frozenset({"<digit>"}))
    # only whole words: letters glued to a digit, a class or a quantifier ("\d0er",
    # "jede[nmrs]?") are part of a longer token ("1990er", "jeden") that the text holds
    for word in re.findall(r"(?<![\w#])[^\W\d_]{2,}(?![\w#?*+{])",
                           re.sub(r"\\.", " ", plain)):
        needs.append(frozenset({word.lower()}))
    return tuple(needs)


def build(data: dict[str, Any], lang: str, where: str | None = None) -> Lexicon:
    """Compile the rules of one language's ``time.toml`` content; errors name ``where``
    (the file, ``lang/<lang>/time.toml`` if not given)."""
    where = where or f"lang/{lang}/time.toml"
    words = {table: {normalise(k): v for k, v in entries.items()}
             for table, entries in data.get("lexicon", {}).items()}
    joiners = tuple(data.get("number_joiners", ()))
    spaced = data.get("boundaries", True)
    macros = dict(_BUILTIN)
    for table, entries in words.items():
        macros[table] = _alternation(entries)
    articles = frozenset(normalise(w) for w in data.get("articles", ()))
    macros["num"] = _number_pattern(words.get("num", {}), joiners, spaced, articles)
    macros["day"] = data.get("day_pattern", _BUILTIN["day"])
    own = {k.lower(): v for k, v in data.get("macros", {}).items()}
    macros.update(own)
    plain = frozenset(own)
    # macros may use other macros (defined in the file): expand them once.
    for key, value in list(macros.items()):
        if "{" in value and key not in _BUILTIN:
            try:
                macros[key] = _expand(value, {k: v for k, v in macros.items() if k != key},
                                      plain)
            except LexiconError as exc:
                raise LexiconError(f"{where} macro {key}: {exc.message}") from exc
    left, right = (r"(?<![\w])", r"(?![\w])") if spaced else ("", "")
    rules = []
    for i, spec in enumerate(data.get("rules", [])):
        kind = spec.get("k", "date")
        if kind not in KINDS:
            raise LexiconError(f"{where} rule {i}: unknown kind {kind!r}")
        try:
            # grouped, so that the word boundaries hold for every alternative of the pattern
            regex = re.compile(left + "(?:" + _expand(spec["p"], macros, plain) + ")" + right,
                               re.IGNORECASE)
        except (re.error, LexiconError) as exc:
            reason = exc.message if isinstance(exc, LexiconError) else str(exc)
            raise LexiconError(f"{where} rule {i} ({spec.get('name')}): {reason}") from exc
        params = {k: v for k, v in spec.items()
                  if k not in ("p", "k", "t", "name", "prefilter")}
        prefilter = spaced and spec.get("prefilter", True)
        needs = _needs(spec["p"], own, words) if prefilter else ()
        rules.append(Rule(spec.get("name", f"r{i}"), regex, kind, spec.get("t", "DATE"), params,
                          needs))
    cues = data.get("future_cues")
    past = data.get("past_cues")
    forward = data.get("forward_cues")
    financial = data.get("financial_cues")
    link = data.get("range_link")
    range_year = re.compile(rf"\s*(?:{link})(?:\s+|(?<=[/–-])\s*)"
                            rf"(?:(?:[^\W\d][\w.]*|\d{{1,2}}\.)\s+){{0,3}}?(\d{{4}})(?![\d/])",
                            re.IGNORECASE) if link else None
    return Lexicon(
        lang=lang,
        words=words,
        rules=rules,
        numeric_order=data.get("numeric_order", "dmy"),
        day_first_domains=tuple(d.lower() for d in data.get("day_first_domains", ())),
        joiners=joiners,
        multipliers={normalise(k): v for k, v in data.get("multipliers", {}).items()},
        capital_only=frozenset(normalise(w) for w in data.get("capital_only", ())),
        future=re.compile("|".join(cues), re.IGNORECASE) if cues else None,
        forward=re.compile("|".join(forward), re.IGNORECASE) if forward else None,
        past=re.compile("|".join(past), re.IGNORECASE) if past else None,
        default_direction=int(data.get("default_direction", -1)),
        macros=macros,
        articles=articles,
        day_dates=data.get("day_dates", "tense"),
        financial=re.compile("|".join(financial), re.IGNORECASE) if financial else None,
        range_year=range_year,
        side_year_after=frozenset(normalise(w) for w in data.get("side_year_after", ())),
        number_suffixes=tuple(data.get("number_suffixes", ())),
        side_date_after=tuple(normalise(w) for w in data.get("side_date_after", ())),
    )


@cache
def load(lang: str) -> Lexicon | None:
    """The compiled lexicon of ``lang`` (``en``, ``de``, ...), or None when there is no file.

    Reads ``tidings/lang/<code>/time.toml`` (or ``time.json``, the same structure).
    """
    code = (lang or "").split("-")[0].split("_")[0].lower()
    if not code.isalpha():
        return None
    path = resources.lang_path(code, "time")
    if path is None:
        return None
    return build(resources.lang_file(code, "time"), code, str(path))
