"""What the pages show beyond their templates: an article's text with every extracted item
marked on it, and charts drawn here as SVG (no script, no library).

Every string from the store goes through Jinja's autoescaping or ``markupsafe.escape``; the
only markup made here is built from fixed tags around escaped text.
"""

from __future__ import annotations

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


def _svg(width: int, height: int, body: list[str], title: str) -> Markup:
    return Markup(
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}">'
        f"<title>{escape(title)}</title>" + "".join(body) + "</svg>")


def _bars(rows: Sequence[dict[str, Any]], series: Sequence[tuple[str, str]], title: str,
          *, legend: bool) -> Markup:
    """One bar per row (a month), stacked from the counts ``row[key]`` of each
    ``(key, colour)`` of ``series``, the month under it, the largest total on the axis."""
    top = 28 if legend else 12
    width, height, left, bottom = 640, 212 + top, 36, 40
    most = max(sum(row[key] for key, _ in series) for row in rows) or 1
    step = (width - left - 10) / len(rows)
    bar = max(4.0, min(40.0, step * 0.7))
    scale = (height - bottom - top) / most
    body = [f'<line x1="{left}" y1="{height - bottom}" x2="{width - 10}" '
            f'y2="{height - bottom}" stroke="#888"/>',
            f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" font-size="11">{most}</text>']
    for i, row in enumerate(rows):
        x = left + i * step + (step - bar) / 2
        y = float(height - bottom)
        for key, colour in series:
            if not row[key]:
                continue
            h = row[key] * scale
            y -= h
            body.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar:.1f}" height="{h:.1f}" '
                        f'fill="{colour}"><title>{escape(row["month"])} {escape(key)}: '
                        f"{row[key]}</title></rect>")
        body.append(f'<text x="{x + bar / 2:.1f}" y="{height - bottom + 14}" font-size="10" '
                    f'text-anchor="middle">{escape(row["month"])}</text>')
    for i, (key, colour) in enumerate(series if legend else ()):
        x = left + i * 150
        body.append(f'<rect x="{x}" y="6" width="10" height="10" fill="{colour}"/>'
                    f'<text x="{x + 14}" y="15" font-size="11">{escape(key)}</text>')
    return _svg(width, height, body, title)


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
