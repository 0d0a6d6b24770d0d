"""Charts written to files: a storyline's monthly trend (``tidings storylines --plot``).

Three panels over the same months: merged events by quad class as stacked bars, the mean
cooperation-conflict score (-10..10) as a line, and the article volume as bars, so a rise in
events can be read against a rise in news. The axis runs month by month over the months its
articles were published (events dated outside them, a 2011 report of an act of 2005, are
counted in the title, and listed in ``--json``); the ``undated`` column stays apart, at the
right, never on a date. Matplotlib draws it without a display (the Agg backend).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tidings.errors import InputError

FORMATS = (".svg", ".png")
QUAD_COLOURS = {
    "verbal_cooperation": ("#74a9cf", "verbal cooperation"),
    "material_cooperation": ("#0570b0", "material cooperation"),
    "verbal_conflict": ("#fdae6b", "verbal conflict"),
    "material_conflict": ("#d94801", "material conflict"),
}


def check_target(path: Path) -> None:
    """Refuse, before any work, a plot file we cannot write."""
    if path.suffix.lower() not in FORMATS:
        raise InputError(f"cannot plot to '{path}'", hint="name a .svg or .png file")
    if not path.parent.exists():
        raise InputError(f"cannot plot to '{path}': no folder {path.parent}",
                         hint="create the folder first")


def continuous(months: list[str]) -> list[str]:
    """``months`` (``YYYY-MM``, maybe ``undated`` last) with the quiet months between the
    first and the last put in, so the axis is time."""
    dated = sorted(m for m in months if m != "undated")
    if not dated:
        return months
    year, month = int(dated[0][:4]), int(dated[0][5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= dated[-1]:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out + (["undated"] if "undated" in months else [])


def plot_storyline(line: dict[str, Any], path: Path) -> Path:
    """Draw ``line``'s months to ``path`` (.svg or .png); returns the path."""
    check_target(path)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    first, last = line.get("first_month"), line.get("last_month")
    shown = [m for m in line["months"] if m == "undated" or not first or first <= m <= last]
    outside = sum(v.get("events", 0) for m, v in line["months"].items() if m not in shown)
    months = continuous(shown)
    values = [line["months"].get(m, {}) for m in months]
    xs = list(range(len(months)))
    figure, (events, score, volume) = plt.subplots(
        3, 1, sharex=True, figsize=(min(24.0, max(6.0, 0.25 * len(months) + 3)), 6.5),
        gridspec_kw={"height_ratios": [3, 1.4, 1.4]})
    bottom = [0.0] * len(months)
    for key, (colour, name) in QUAD_COLOURS.items():
        heights = [float(v.get(key, 0)) for v in values]
        events.bar(xs, heights, bottom=bottom, color=colour, label=name, width=0.8)
        bottom = [b + h for b, h in zip(bottom, heights, strict=True)]
    events.set_ylabel("merged events\n(per independent source)")
    events.set_ylim(0, max([*bottom, 1.0]) * 1.35)
    events.legend(loc="upper left", fontsize=8, frameon=False, ncol=2)
    title = f"{line['label']} ({line['id']})"
    if outside:
        title += f"; {outside} events dated outside its reporting months not drawn"
    events.set_title(title, fontsize=11, loc="left")
    scored = [(x, v["score"]) for x, v in zip(xs, values, strict=True)
              if v.get("score") is not None]
    score.axhline(0, color="#999999", linewidth=0.8)
    if scored:
        score.plot([x for x, _ in scored], [s for _, s in scored], marker="o",
                   color="#444444", linewidth=1.2, markersize=3)
    score.set_ylim(-10.5, 10.5)
    score.set_ylabel("mean score\n(-10 conflict,\n+10 cooperation)", fontsize=8)
    volume.bar(xs, [float(v.get("volume", 0)) for v in values], color="#bdbdbd", width=0.8)
    volume.set_ylabel("articles")
    volume.set_xticks(xs)
    step = max(1, len(months) // 30)  # about 30 labels at most
    volume.set_xticklabels([m if i % step == 0 or m == "undated" else ""
                            for i, m in enumerate(months)], rotation=60, ha="right",
                           fontsize=7)
    if months and months[-1] == "undated":
        for axis in (events, score, volume):
            axis.axvline(len(months) - 1.5, color="#999999", linestyle=":", linewidth=0.8)
    figure.tight_layout()
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path
