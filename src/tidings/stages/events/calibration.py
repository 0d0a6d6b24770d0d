"""An event's confidence as the share of such events that are right.

The raw confidence of the coder (trigger weight, lowered when a side is missing) and of the
sentence classifier (its probability) are mapped through an isotonic table fitted on the
sets we tune on (``training/events_calibration/fit.py``): an event at 0.8 is right about 80 %
of the time on those; ``docs/events.md`` gives how it holds on the held-out parts. Without the
table the raw value is kept.
"""

from __future__ import annotations

import json
from bisect import bisect_left
from functools import cache

from tidings.resources import model_path


@cache
def table() -> tuple[tuple[float, ...], tuple[float, ...]] | None:
    """The breakpoints ``(raw, calibrated)``, or None when no table ships."""
    path = model_path("events-calibration") / "calibration.json"
    if not path.is_file():
        return None
    points = json.loads(path.read_text("utf-8"))["points"]
    return tuple(p[0] for p in points), tuple(p[1] for p in points)


def calibrate(raw: float) -> float:
    """The calibrated confidence of a raw one: linear between the table's points, flat
    beyond its ends."""
    found = table()
    if found is None:
        return raw
    xs, ys = found
    if raw <= xs[0]:
        return ys[0]
    if raw >= xs[-1]:
        return ys[-1]
    k = bisect_left(xs, raw)
    x0, x1, y0, y1 = xs[k - 1], xs[k], ys[k - 1], ys[k]
    return round(y0 + (y1 - y0) * (raw - x0) / (x1 - x0), 3)
