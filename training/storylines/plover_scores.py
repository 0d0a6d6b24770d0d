"""Build ``src/tidings/data/plover_scores.toml``: a quad class and a cooperation-conflict
score for every PLOVER event type (and mode), from the Goldstein scale through CAMEO.

    .venv/bin/python training/storylines/plover_scores.py
    .venv/bin/python training/storylines/plover_scores.py PATH/CAMEO2PLOVER-2021.txt --out FILE

Where each number comes from:

- **Which CAMEO codes a PLOVER type (and mode) stands for**: the CAMEO-to-PLOVER conversion
  table of the PLOVER manual (Philip Schrodt, draft 0.8, 17 September 2021), read from
  ``../shared/eval/events/CAMEO2PLOVER-2021.txt`` (not shipped with tidings). Its lines are
  ``CODE: TYPE, mode, context # description``; a two-digit line (``08: RETREAT``) heads a
  section and is not itself counted (``08`` heads both CONCEDE and RETREAT), a code listed
  twice with the same type and mode (``175``) counts once.
- **The weight of each CAMEO code**: Goldstein, J. S. (1992), "A Conflict-Cooperation Scale
  for WEIS Events Data", Journal of Conflict Resolution 36(2): 369-385, carried over to CAMEO
  in the Goldstein column of the CAMEO codebook (the values GDELT distributes as
  ``CAMEO.goldsteinscale.txt``). ``GOLDSTEIN`` below holds the 20 roots and the sub-codes
  whose weight differs from their parent's; a code not listed takes the weight of its
  nearest listed ancestor (``0311`` -> ``031`` -> ``03``). Where public copies of the column
  disagree (``124``-series, ``163``, ``165``, ``166``-series) no value is written and the
  ancestor's is used.
- **Quad class**: GDELT's convention by CAMEO root (01-05 verbal cooperation, 06-08 material
  cooperation, 09-13 verbal conflict, 14-20 material conflict). A type's quad is the quad of
  the majority of its codes (ties: the lowest root); where that disagrees with the project's
  list (``EXPECTED_QUAD``) the list wins and the table says so in a ``note``.

A type's score is the mean weight of its codes, rounded to 2 decimals, from -10 (most
conflictual) to +10 (most cooperative); so is a mode's, over the codes of that type and mode.
Types with no rows in the 2021 table (``NO_ROWS``) take their CAMEO root's weight. The output
depends only on the input table: rerunning on the same table gives the same bytes, and
tests/corpus/test_trend.py checks that the shipped file is what this script makes.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from statistics import fmean
from typing import NamedTuple

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from tidings.model import PLOVER_TYPES  # noqa: E402

DEFAULT_TABLE = ROOT.parent / "shared" / "eval" / "events" / "CAMEO2PLOVER-2021.txt"
DEFAULT_OUT = ROOT / "src" / "tidings" / "data" / "plover_scores.toml"
QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")

# Goldstein (1992) weights of CAMEO codes, as published in the CAMEO codebook. Sub-codes
# are listed only where they differ from the parent code they would otherwise inherit.
GOLDSTEIN: dict[str, float] = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5,
    "06": 6.0, "07": 7.0, "08": 5.0, "09": -2.0, "10": -5.0,
    "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2,
    "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0,
    # 03 express intent to cooperate
    "031": 5.2, "032": 4.5, "033": 5.2, "0334": 6.0, "034": 7.0, "035": 7.0,
    "037": 5.0, "038": 7.0, "039": 5.0,
    # 04 consult
    "042": 1.9, "043": 2.8, "044": 2.5, "045": 5.0, "046": 7.0,
    # 05 engage in diplomatic cooperation
    "051": 3.4, "053": 3.8, "054": 6.0, "055": 7.0, "056": 7.0, "057": 8.0,
    # 06 engage in material cooperation
    "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0,
    # 07 provide aid
    "071": 7.4, "072": 8.3, "073": 7.4, "074": 8.5,
    # 08 yield
    "084": 7.0, "085": 7.0, "086": 9.0, "087": 9.0, "0874": 10.0,
    # 12 reject
    "125": -5.0, "126": -5.0, "127": -5.0, "128": -5.0, "129": -5.0,
    # 13 threaten
    "130": -4.4, "131": -5.8, "132": -5.8, "133": -5.8, "134": -5.8, "135": -5.8,
    "136": -7.0, "137": -7.0, "138": -7.0, "139": -7.0,
    # 14 protest
    "144": -7.5, "145": -7.5,
    # 16 reduce relations
    "162": -5.6, "164": -7.0,
    # 17 coerce
    "171": -9.2, "172": -5.0, "173": -5.0, "174": -5.0, "175": -9.0,
    # 18 assault
    "182": -9.5, "1821": -9.0, "1822": -9.0, "1823": -10.0, "183": -10.0,
    "184": -8.0, "185": -8.0, "186": -10.0,
    # 19 fight
    "191": -9.5, "192": -9.5, "196": -9.5,
    # 20 use unconventional mass violence
    "201": -9.5,
}

# The project's quad for each type (tidings.corpus.trend reads the table this file writes).
EXPECTED_QUAD: dict[str, str] = {
    **dict.fromkeys(("REQUEST", "AGREE", "CONSULT", "SUPPORT"), QUADS[0]),
    **dict.fromkeys(("COOPERATE", "AID", "CONCEDE", "RETREAT"), QUADS[1]),
    **dict.fromkeys(("INVESTIGATE", "DEMAND", "DISAPPROVE", "ACCUSE", "REJECT", "THREATEN"),
                    QUADS[2]),
    **dict.fromkeys(("PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT", "FIGHT"),
                    QUADS[3]),
}
# Types the 2021 table has no rows for -> (their CAMEO root, its name in CAMEO)
NO_ROWS: dict[str, tuple[str, str]] = {
    "INVESTIGATE": ("09", "Investigate"),
    "DEMAND": ("10", "Demand"),
    "DISAPPROVE": ("11", "Disapprove"),
    "FIGHT": ("19", "Fight"),
}
# Types the project reads otherwise than the 2021 table: there REQUEST holds CAMEO 10's
# demands, but the event coder codes demands as DEMAND and maps REQUEST to CAMEO 020
# (stages/events/plover.py), so REQUEST stands for CAMEO root 02 (Appeal), without modes.
OWN_ROOT: dict[str, tuple[str, str]] = {"REQUEST": ("02", "Appeal")}

ABOUT = (
    "Quad class and cooperation-conflict score of each PLOVER event type (and mode). "
    "score is the mean Goldstein (1992) weight of the CAMEO codes the type (or mode) stands "
    "for, from -10 (most conflictual) to +10 (most cooperative): weights from the CAMEO "
    "codebook's Goldstein column, codes from the CAMEO2PLOVER table (Schrodt 2021). quad is "
    "GDELT's quad class (by CAMEO root) of most of those codes, unless a note says otherwise. "
    "cameo_codes is how many codes were averaged. Built by "
    "training/storylines/plover_scores.py: do not edit by hand."
)
_ROW = re.compile(r"(\d{2,4}):\s*(.*)")
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


class Row(NamedTuple):
    code: str
    type: str
    mode: str


def parse(text: str) -> list[Row]:
    """The code rows of a CAMEO2PLOVER table, in file order (headings and repeats left out)."""
    rows: list[Row] = []
    seen: dict[str, Row] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        if raw.startswith("~~~"):  # the end of the table
            break
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        match = _ROW.fullmatch(line)
        if not match:
            raise ValueError(f"line {number}: not 'CODE: TYPE, mode, context': {raw!r}")
        code, rest = match.groups()
        fields = [field.strip() for field in rest.split(",")]
        row = Row(code, fields[0], fields[1] if len(fields) > 1 else "")
        if row.type not in PLOVER_TYPES:
            raise ValueError(f"line {number}: {row.type!r} is not a PLOVER type")
        if code[:2] not in GOLDSTEIN:
            raise ValueError(f"line {number}: {code} has no CAMEO root between 01 and 20")
        if len(code) == 2:  # a section heading, not a code
            continue
        if code in seen:
            if seen[code] != row:
                raise ValueError(f"line {number}: {code} is listed again as {row.type}, "
                                 f"{row.mode!r} (first as {seen[code].type}, {seen[code].mode!r})")
            continue
        seen[code] = row
        rows.append(row)
    return rows


def goldstein(code: str) -> float:
    """The weight of a CAMEO code: its own, or its nearest listed ancestor's."""
    while code not in GOLDSTEIN:
        code = code[:-1]
    return GOLDSTEIN[code]


def quad_of(code: str) -> str:
    root = int(code[:2])
    return QUADS[0 if root <= 5 else 1 if root <= 8 else 2 if root <= 13 else 3]


def majority_quad(codes: list[str]) -> str:
    """The quad most of ``codes`` fall in; a tie goes to the quad of the lowest root."""
    counts = Counter(quad_of(code) for code in codes)
    return max(QUADS, key=lambda quad: (counts[quad], -QUADS.index(quad)))


def mean_score(codes: list[str]) -> float:
    return round(fmean(goldstein(code) for code in codes), 2)


def build(rows: list[Row]) -> dict[str, dict]:
    """type -> {quad, score, cameo_codes, [note], [modes: mode -> {score, cameo_codes}]}."""
    codes: dict[str, list[str]] = defaultdict(list)
    by_mode: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for row in rows:
        codes[row.type].append(row.code)
        if row.mode:
            by_mode[row.type][row.mode].append(row.code)
    types: dict[str, dict] = {}
    for name in PLOVER_TYPES:
        notes = []
        own = codes.get(name)
        if name in OWN_ROOT:
            root, label = OWN_ROOT[name]
            own = [root]
            by_mode.pop(name, None)
            notes.append(f"the 2021 table gives it CAMEO 10's demands, which the project codes "
                         f"as DEMAND: CAMEO root {root} ({label}) stands for it")
        if not own:
            if name not in NO_ROWS:
                raise ValueError(f"{name} has no rows in the table and no CAMEO root in NO_ROWS")
            root, label = NO_ROWS[name]
            own = [root]
            notes.append(f"no rows in the 2021 CAMEO2PLOVER table: CAMEO root {root} "
                         f"({label}) stands for it")
        quad = majority_quad(own)
        if quad != EXPECTED_QUAD[name]:
            roots = sorted({code[:2] for code in own})
            under = f"root{'s' if len(roots) > 1 else ''} {', '.join(roots)}"
            notes.append(f"its CAMEO codes ({under}) are mostly {quad}: the quad is the "
                         f"project's {EXPECTED_QUAD[name]}, the score still their mean")
        entry: dict = {"quad": EXPECTED_QUAD[name], "score": mean_score(own),
                       "cameo_codes": len(own)}
        if notes:
            entry["note"] = "; ".join(notes)
        modes = by_mode.get(name)
        if modes:
            entry["modes"] = {mode: {"score": mean_score(modes[mode]),
                                     "cameo_codes": len(modes[mode])} for mode in sorted(modes)}
        types[name] = entry
    return types


def _key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else json.dumps(name)


def render(types: dict[str, dict], source: str) -> str:
    """The TOML text of the table (strings as JSON strings, which TOML reads the same)."""
    lines = [f"# Generated by training/storylines/plover_scores.py from {source}.",
             f"about = {json.dumps(ABOUT)}"]
    for name, entry in types.items():
        lines += ["", f"[types.{_key(name)}]", f"quad = {json.dumps(entry['quad'])}",
                  f"score = {entry['score']!r}", f"cameo_codes = {entry['cameo_codes']}"]
        if "note" in entry:
            lines.append(f"note = {json.dumps(entry['note'])}")
        if "modes" in entry:
            lines.append(f"[types.{_key(name)}.modes]")
            lines += [f"{_key(mode)} = {{ score = {value['score']!r}, "
                      f"cameo_codes = {value['cameo_codes']} }}"
                      for mode, value in entry["modes"].items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("table", nargs="?", type=Path, default=DEFAULT_TABLE,
                        help="the CAMEO2PLOVER table (default: %(default)s)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT,
                        help="where to write the TOML table (default: %(default)s)")
    args = parser.parse_args(argv)
    if not args.table.is_file():
        parser.error(f"{args.table} not found: it lives in ../shared/eval/events/")
    types = build(parse(args.table.read_text(encoding="utf-8")))
    args.out.write_text(render(types, args.table.name), encoding="utf-8")
    for name, entry in types.items():
        flag = "  (note)" if "note" in entry else ""
        print(f"{name:12} {entry['quad']:21} {entry['score']:7.2f} {entry['cameo_codes']:3}{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
