"""What the pages show beyond their templates: an article's text with every extracted item
marked on it, and charts drawn here as SVG (no script, no library).

Every string from the store goes through Jinja's autoescaping or ``markupsafe.escape``; the
only markup made here is built from fixed tags around escaped text.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from tidings.service import QUAD_CLASSES

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
templates.env.autoescape = True
templates.env.filters["urlpart"] = lambda value: quote(str(value), safe="")

# One colour per quad class (verbal/material cooperation, verbal/material conflict).
QUAD_COLOURS = ("#4e79a7", "#59a14f", "#f28e2b", "#e15759")


def spans(article: dict[str, Any]) -> list[dict[str, Any]]:
    """Every item to mark on an article's text: entity mentions, time expressions, event
    triggers (and quotes, once they are extracted), each with its kind and a label."""
    found: list[dict[str, Any]] = []
    for mention in article.get("mentions") or []:
        found.append({"start": mention["start"], "end": mention["end"], "kind": "entity",
                      "label": f"{mention['type']} {mention.get('entity_id') or ''}".strip(),
                      "entity": mention.get("entity_id")})
    for timex in article.get("timexes") or []:
        found.append({"start": timex["start"], "end": timex["end"], "kind": "timex",
                      "label": f"{timex['type']} {timex.get('value') or '?'}"})
    for number, event in enumerate(article.get("events") or []):
        for evidence in event.get("evidence") or []:
            if evidence.get("trigger_start") is not None:
                found.append({"start": evidence["trigger_start"], "end": evidence["trigger_end"],
                              "kind": "trigger", "label": f"{event['type']} (event {number})"})
    for quote_ in article.get("quotes") or []:
        speaker = quote_.get("speaker") or {}
        who = speaker.get("name") or speaker.get("text") or "speaker unknown"
        for start, end in quote_.get("fragments") or [[quote_["start"], quote_["end"]]]:
            found.append({"start": start, "end": end, "kind": "quote",
                          "label": f"{quote_.get('kind', 'quote')} quote: {who}"})
    text_length = len(article.get("text") or "")
    return [s for s in found if 0 <= s["start"] < s["end"] <= text_length]


def marked_text(text: str, items: Sequence[dict[str, Any]]) -> Markup:
    """``text`` as HTML paragraphs with each item in a ``<mark class="KIND">`` (an entity
    mark links to the entity's page). Overlapping items split the text at every boundary:
    a piece covered by several items gets one mark with all their kinds."""
    cuts = sorted({0, len(text), *(s["start"] for s in items), *(s["end"] for s in items)})
    pieces: list[str] = []
    for start, end in pairwise(cuts):
        piece = text[start:end]
        covering = [s for s in items if s["start"] <= start and end <= s["end"]]
        if not covering:
            pieces.append(str(escape(piece)).replace("\n\n", "</p><p>").replace("\n", "<br>"))
            continue
        kinds = " ".join(sorted({s["kind"] for s in covering}))
        label = "; ".join(dict.fromkeys(s["label"] for s in covering))
        inner = f'<mark class="{kinds}" title="{escape(label)}">{escape(piece)}</mark>'
        entity = next((s["entity"] for s in covering if s.get("entity")), None)
        if entity:
            inner = f'<a href="/entities/{escape(quote(entity, safe=""))}">{inner}</a>'
        pieces.append(inner)
    return Markup("<p>" + "".join(pieces) + "</p>")


def _svg(width: int, height: int, body: list[str], title: str, kind: str = "chart") -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="{kind}" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>")


def _bars(rows: Sequence[dict[str, Any]], series: Sequence[tuple[str, str]], title: str,
          *, legend: bool) -> Markup:
    """One bar per row (a month), stacked from the counts ``row[key]`` of each
    ``(key, colour)`` of ``series``, the month under it, the largest total on the axis."""
    top = 28 if legend else 12
    width, height, left, bottom = 640, 212 + top, 36, 40
    step = (width - left - 10) / len(rows)
    xs = [left + (i + 0.5) * step for i in range(len(rows))]
    body = _stacks(rows, xs, _bar_width(step), series, top, height - bottom, left, width - 10)
    body += _month_labels(rows, xs, step, height - bottom + 14)
    if legend:
        body += _legend(series, left, 6)
    return _svg(width, height, body, title)


def _bar_width(step: float) -> float:
    return max(4.0, min(40.0, step * 0.7))


def _stacks(rows: Sequence[dict[str, Any]], xs: Sequence[float], bar: float,
            series: Sequence[tuple[str, str]], top: float, base: float, left: float,
            right: float) -> list[str]:
    """The bars of ``_bars`` between heights ``top`` and ``base``, one centred on each of
    ``xs``: the axis line from ``left`` to ``right`` and the largest total beside it."""
    most = max((sum(row[key] for key, _ in series) for row in rows), default=0) or 1
    scale = (base - top) / most
    body = [f'<line x1="{left}" y1="{base}" x2="{right}" y2="{base}" stroke="#888"/>',
            f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11">{most}</text>']
    for x, row in zip(xs, rows, strict=True):
        y = float(base)
        for key, colour in series:
            if not row[key]:
                continue
            h = row[key] * scale
            y -= h
            body.append(f'<rect x="{x - bar / 2:.1f}" y="{y:.1f}" width="{bar:.1f}" '
                        f'height="{h:.1f}" fill="{colour}"><title>{escape(row["month"])} '
                        f"{escape(key)}: {row[key]}</title></rect>")
    return body


def _month_labels(rows: Sequence[dict[str, Any]], xs: Sequence[float], step: float,
                  y: float) -> list[str]:
    """The month under each bar; every second, third... one when they would overlap."""
    every = max(1, math.ceil(46 / step))
    return [f'<text x="{x:.1f}" y="{y}" font-size="10" text-anchor="middle">'
            f'{escape(row["month"])}</text>'
            for i, (x, row) in enumerate(zip(xs, rows, strict=True))
            if i % every == 0]


def _legend(series: Sequence[tuple[str, str]], left: float, y: float) -> list[str]:
    body, x = [], left
    for key, colour in series:
        body.append(f'<rect x="{x:.0f}" y="{y}" width="10" height="10" fill="{colour}"/>'
                    f'<text x="{x + 14:.0f}" y="{y + 9}" font-size="11">{escape(key)}</text>')
        x += 30 + 6.4 * len(key)
    return body


def stacked_months(rows: Sequence[dict[str, Any]], title: str) -> Markup | None:
    """Events per month, a stacked bar per month by quad class, with a legend; None when
    there is nothing dated to draw."""
    if not rows:
        return None
    return _bars(rows, list(zip(QUAD_CLASSES, QUAD_COLOURS, strict=True)), title, legend=True)


def month_bars(rows: Sequence[dict[str, Any]], key: str, title: str) -> Markup | None:
    """One bar per month of ``row[key]`` (mentions over time); None with nothing dated."""
    dated = [row for row in rows if row.get("month")]
    if not dated:
        return None
    return _bars(dated, [(key, "#4e79a7")], title, legend=False)


# -- storylines -------------------------------------------------------------------------------

UNDATED = "undated"
VOLUME_COLOUR = "#9aa5b4"
_MONTH = re.compile(r"\d{4}-(0[1-9]|1[0-2])")


def _month_after(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def storyline_rows(months: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """A storyline's ``months`` as chart rows, oldest first: every month from its first to
    its last (the months with nothing as zeros, so the axis is time), then ``undated``
    when anything is undated. A row: ``month``, the four quad classes, ``articles``,
    ``score`` (None where no event is scored)."""
    def row(month: str, figures: dict[str, Any]) -> dict[str, Any]:
        return {"month": month,
                **{q: figures.get(q.replace(" ", "_")) or 0 for q in QUAD_CLASSES},
                "articles": figures.get("volume") or 0, "score": figures.get("score")}

    dated = sorted(m for m in months if _MONTH.fullmatch(m))
    rows = []
    month = dated[0] if dated else None
    while month and month <= dated[-1]:
        rows.append(row(month, months.get(month) or {}))
        month = _month_after(month)
    undated = row(UNDATED, months.get(UNDATED) or {})
    if undated["articles"] or any(undated[q] for q in QUAD_CLASSES):
        rows.append(undated)
    return rows


def _signed(score: float) -> str:
    return f"{score:+.1f}".replace("-", "\u2212")


def _score_panel(rows: Sequence[dict[str, Any]], xs: Sequence[float], step: float,
                 top: float, base: float, left: float, right: float) -> list[str]:
    """The mean cooperation-conflict score of each month on a fixed -10..10 scale: a
    point per scored month, joined to the month before (dotted across months with none);
    the undated score, if any, stands alone."""
    middle = (top + base) / 2

    def y_of(score: float) -> float:
        return middle - max(-10.0, min(10.0, score)) / 10 * (middle - top)

    body = []
    for value, y in ((10, top), (0, middle), (-10, base)):
        line = 'stroke="#888" stroke-dasharray="4 3"' if value == 0 else 'stroke="#d9dee6"'
        shown = f"{value:+d}".replace("-", "\u2212") if value else "0"
        body.append(f'<line x1="{left}" y1="{y}" x2="{right}" y2="{y}" {line}/>'
                    f'<text x="{left - 6}" y="{y + 4}" text-anchor="end" font-size="11">'
                    f"{shown}</text>")
    scored = [(i, row) for i, row in enumerate(rows)
              if row["score"] is not None and row["month"] != UNDATED]
    for (i, before), (j, after) in pairwise(scored):
        # adjacent months are joined by a line; months with no score between, by dots
        line = ('stroke-width="2"' if j == i + 1 else
                'stroke-width="1" stroke-dasharray="2 4"')
        body.append(f'<line x1="{xs[i]:.1f}" y1="{y_of(before["score"]):.1f}" '
                    f'x2="{xs[j]:.1f}" y2="{y_of(after["score"]):.1f}" stroke="#5b6575" '
                    f"{line}/>")
    for x, row in zip(xs, rows, strict=True):
        score = row["score"]
        if score is None:
            continue
        y = y_of(score)
        colour = QUAD_COLOURS[1] if score > 0 else QUAD_COLOURS[3] if score < 0 else "#888"
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}" stroke="#fff">'
                    f"<title>{escape(row['month'])} mean score: {_signed(score)}</title>"
                    "</circle>")
        if step >= 28:
            label_y = y - 8 if y > top + 12 else y + 16
            body.append(f'<text x="{x:.1f}" y="{label_y:.1f}" text-anchor="middle" '
                        f'font-size="10">{_signed(score)}</text>')
    return body


def storyline_chart(months: dict[str, dict[str, Any]], title: str) -> Markup | None:
    """A storyline month by month, three rows on one time axis: the mean
    cooperation-conflict score (-10..10), the events stacked by quad class, the articles.
    Undated figures get a column of their own after the months, behind a dashed line.
    None when there is nothing to draw."""
    rows = storyline_rows(months)
    if not rows:
        return None
    width, left, right = 760, 46, 750
    dated = sum(1 for row in rows if row["month"] != UNDATED)
    undated = len(rows) - dated
    step = (right - left) / (dated + 1.5 * undated)
    xs = [left + (i + 0.5) * step for i in range(dated)]
    if undated:
        xs.append(left + (dated + 1) * step)
    bar = _bar_width(step)
    series = list(zip(QUAD_CLASSES, QUAD_COLOURS, strict=True))
    body = _legend(series, left, 6)
    captions = [(36, "mean cooperation\u2013conflict score of the events, \u221210 (conflict) "
                     "\u2026 +10 (cooperation)"),
                (146, "events by quad class, each counted once per independent source"),
                (290, "articles")]
    if not any(row[q] for row in rows for q in QUAD_CLASSES):
        captions[1] = (146, "events by quad class: none coded for this storyline")
    if all(row["score"] is None for row in rows):
        captions[0] = (36, "mean cooperation\u2013conflict score: no scored events")
    body += [f'<text x="{left}" y="{y}" font-size="11" class="caption">{text}</text>'
             for y, text in captions]
    body += _score_panel(rows, xs, step, 48, 122, left, right)
    body += _stacks(rows, xs, bar, series, 156, 276, left, right)
    body += _stacks(rows, xs, bar, [("articles", VOLUME_COLOUR)], 300, 340, left, right)
    body += _month_labels(rows[:dated], xs[:dated], step, 354)
    if undated:
        edge, label = left + (dated + 0.25) * step, min(xs[-1], width - 24.0)
        body.append(f'<line x1="{edge:.1f}" y1="40" x2="{edge:.1f}" y2="344" stroke="#888" '
                    f'stroke-dasharray="3 3"/><text x="{label:.1f}" y="354" font-size="10" '
                    f'text-anchor="middle" class="undated">{UNDATED}</text>')
    return _svg(width, 362, body, title)


def volume_sparkline(months: dict[str, dict[str, Any]], title: str) -> Markup | None:
    """A storyline's articles per dated month as a strip of small bars (a list's glance);
    None when no month is dated."""
    rows = [row for row in storyline_rows(months) if row["month"] != UNDATED]
    if not rows:
        return None
    height = 24
    most = max(row["articles"] for row in rows) or 1
    step = min(12.0, 120 / len(rows))  # a month or two stay narrow bars, not blocks
    width = math.ceil(step * len(rows))
    bar = max(1.0, step * 0.75)
    body = [f'<line x1="0" y1="{height - 0.5}" x2="{width}" y2="{height - 0.5}" '
            'stroke="#d9dee6"/>']
    for i, row in enumerate(rows):
        h = max(1.0, row["articles"] / most * (height - 2)) if row["articles"] else 0
        body.append(f'<rect x="{i * step + (step - bar) / 2:.1f}" y="{height - h:.1f}" '
                    f'width="{bar:.1f}" height="{h:.1f}" fill="{QUAD_COLOURS[0]}">'
                    f"<title>{escape(row['month'])}: {row['articles']} articles</title></rect>")
    return _svg(width, height, body, title, kind="spark")
