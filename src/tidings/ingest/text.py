"""Plain-text articles: the header styles we meet, then the body.

    date 2024-11-15 <title>          first-line header (the date may carry a time and offset)
    Title: ... / Date: ...           labelled header lines, in any supported language
                                     (Titel:, Titre :, Título:, 标题：, 日期：...)
    (nothing)                        no header: no title, and no date unless the text states one

Every field records where it came from in ``Article.provenance``. Nothing is guessed: no
date in the input means ``published = None``. The dateline at the start of the body is
read later, by the metadata stage.
"""

from __future__ import annotations

import re
from functools import cache

from tidings.dates import ParsedDate, parse_date
from tidings.ingest.decode import normalize_text
from tidings.model import Article
from tidings.problems import Problem
from tidings.resources import lang_file, languages

_FIRST_LINE = re.compile(
    r"\s*date\s+(?P<date>\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?"
    r"(?:Z|[+-]\d{2}:?\d{2})?)?)\s+(?P<title>\S.*)",
    re.IGNORECASE,
)
# A short top line that is only a time stamp: "Xinhua) 21:21, November 15, 2024".
_STAMP_MAX_CHARS = 80
_HEADER_MAX_LINES = 12


@cache
def _label_table() -> dict[str, tuple[str, str]]:
    """Lower-cased header label -> (field, language)."""
    table: dict[str, tuple[str, str]] = {}
    for lang in languages():
        for fieldname, labels in lang_file(lang, "text").get("header_labels", {}).items():
            for label in labels:
                table.setdefault(label.lower(), (fieldname, lang))
    return table


@cache
def _label_pattern() -> re.Pattern[str]:
    labels = sorted(_label_table(), key=len, reverse=True)
    alternation = "|".join(re.escape(label) for label in labels)
    return re.compile(rf"\s*(?P<label>{alternation})\s*[:：]\s*(?P<value>.*)", re.IGNORECASE)


def _labelled_header(lines: list[str]) -> tuple[dict[str, str], int, str | None]:
    """Fields of a ``Label: value`` block at the top, the number of lines it spans, and the
    language its labels are in (when they are not also English)."""
    fields: dict[str, str] = {}
    label_lang: str | None = None
    pattern = _label_pattern()
    table = _label_table()
    used = 0
    for line in lines[:_HEADER_MAX_LINES]:
        match = pattern.fullmatch(line)
        if not match:
            break
        fieldname, lang = table[match.group("label").lower()]
        if fieldname in fields:
            break
        fields[fieldname] = match.group("value").strip()
        if lang != "en":
            label_lang = lang
        used += 1
    if "title" not in fields and "date" not in fields:
        return {}, 0, None
    return fields, used, label_lang


def _stamp_date(body: str) -> tuple[ParsedDate, int, int] | None:
    """A full date on a short time-stamp line at the very top of the body."""
    for line_match in re.finditer(r"[^\n]+", body[:400]):
        line = line_match.group(0)
        if len(line) <= _STAMP_MAX_CHARS:
            parsed = parse_date(line)
            residue = re.sub(r"[\d:,.()\s]+", " ", line).split()
            if parsed and parsed.has_year and parsed.precision != "month" and len(residue) <= 4:
                return parsed, line_match.start(), line_match.end()
        break
    return None


def _unread(message: str) -> Problem:
    return Problem("T310", message, "read", "write the date as YYYY-MM-DD")


def read_text_document(raw: str, source: str, *, fmt: str = "text") -> Article:
    """Split a plain-text document into header fields and body."""
    text = normalize_text(raw)
    provenance: dict[str, str] = {}
    title: str | None = None
    published: ParsedDate | None = None
    extra: dict[str, str] = {}
    warnings: list[Problem] = []
    lines = text.split("\n")
    first = _FIRST_LINE.fullmatch(lines[0]) if lines else None
    body_from = 0
    if first:
        title = first.group("title").strip()
        published = parse_date(first.group("date"))
        body_from = 1
    else:
        fields, used, label_lang = _labelled_header(lines)
        if used:
            body_from = used
            title = fields.get("title") or None
            if fields.get("date"):
                published = parse_date(fields["date"], month_first=label_lang is None)
                if published is None:
                    warnings.append(_unread(f"header date not understood: {fields['date']!r}"))
                elif not published.has_year:
                    warnings.append(_unread(f"header date has no year: {fields['date']!r}"))
                    published = None
            for key in ("source", "author", "url", "lang"):
                if fields.get(key):
                    extra[f"header_{key}"] = fields[key]
    body = "\n".join(lines[body_from:]).strip("\n")
    if title:
        provenance["title"] = "header"
    article = Article(
        text=body,
        source=source,
        title=title,
        format=fmt,
        provenance=provenance,
        warnings=warnings,
        extra=dict(extra),
    )
    if "header_url" in extra:
        article.url = extra["header_url"]
    if published:
        article.set_published(published.value, published.precision, "header")
    else:
        stamp = _stamp_date(body)
        if stamp:
            article.set_published(stamp[0].value, stamp[0].precision, "content")
    return article
