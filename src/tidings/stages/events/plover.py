"""PLOVER event types, and the CAMEO code and quad class derived from each.

The CAMEO codes are the closest CAMEO category for a PLOVER type (and mode), so users of
GDELT-style tables can group our events the way they group theirs. Quad classes follow
CAMEO's roots: 01-05 verbal cooperation (1), 06-09 material cooperation (2), 10-14 verbal
conflict (3), 15-20 material conflict (4).
"""

from __future__ import annotations

# Types whose act is mutual when two sides are named together ("China and Peru agreed",
# "the two presidents met"): coded with both sides as source and no target.
SYMMETRIC = frozenset({"AGREE", "CONSULT", "COOPERATE"})

# type -> CAMEO code of the type in general
TYPES: dict[str, str] = {
    "REQUEST": "020",
    "AGREE": "030",
    "CONSULT": "040",
    "SUPPORT": "050",
    "COOPERATE": "060",
    "AID": "070",
    "CONCEDE": "080",
    "RETREAT": "087",
    "INVESTIGATE": "090",
    "DEMAND": "100",
    "DISAPPROVE": "110",
    "ACCUSE": "112",
    "REJECT": "120",
    "THREATEN": "130",
    "PROTEST": "140",
    "MOBILIZE": "150",
    "SANCTION": "160",
    "COERCE": "170",
    "ASSAULT": "180",
    "FIGHT": "190",
}

# (type, mode) -> a finer CAMEO code where the mode names one
_BY_MODE: dict[tuple[str, str], str] = {
    ("CONSULT", "phone"): "041",
    ("CONSULT", "visit"): "042",
    ("CONSULT", "host"): "043",
    ("CONSULT", "third-party"): "044",
    ("CONSULT", "meet"): "040",
    ("CONSULT", "mediate"): "045",
    ("CONSULT", "negotiate"): "046",
    ("RETREAT", "release"): "0841",
    ("RETREAT", "ceasefire"): "0871",
    ("RETREAT", "withdraw"): "0872",
    ("PROTEST", "demo"): "141",
    ("PROTEST", "hunger"): "142",
    ("PROTEST", "strike"): "143",
    ("PROTEST", "obstruct"): "144",
    ("PROTEST", "riot"): "145",
    ("SANCTION", "expel"): "166",
    ("SANCTION", "withdraw"): "161",
    ("COERCE", "seize"): "171",
    ("COERCE", "restrict"): "172",
    ("COERCE", "arrest"): "173",
    ("COERCE", "deport"): "174",
    ("ASSAULT", "abduct"): "181",
    ("ASSAULT", "beat"): "182",
    ("ASSAULT", "bomb"): "183",
    ("ASSAULT", "assassinate"): "186",
    ("ASSAULT", "massacre"): "200",
    ("FIGHT", "firearms"): "193",
    ("FIGHT", "heavy-weapons"): "194",
    ("FIGHT", "aerial"): "195",
}

# CAMEO root -> PLOVER type, for gold that only has CAMEO codes
_ROOTS: dict[str, str | None] = {
    "01": None,  # make a public statement: not an event type in PLOVER
    "02": "REQUEST",
    "03": "AGREE",
    "04": "CONSULT",
    "05": "SUPPORT",
    "06": "COOPERATE",
    "07": "AID",
    "08": "CONCEDE",
    "09": "INVESTIGATE",
    "10": "DEMAND",
    "11": "DISAPPROVE",
    "12": "REJECT",
    "13": "THREATEN",
    "14": "PROTEST",
    "15": "MOBILIZE",
    "16": "SANCTION",
    "17": "COERCE",
    "18": "ASSAULT",
    "19": "FIGHT",
    "20": "ASSAULT",
}

# Acts that, announced rather than done, PLOVER codes as an intention to cooperate (AGREE)
# or as a threat (THREATEN). Verbal types (DEMAND, ACCUSE, ...) stay what they are.
COOPERATIVE = frozenset({"CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT"})
HOSTILE = frozenset({"SANCTION", "COERCE", "ASSAULT", "FIGHT", "MOBILIZE"})


def cameo(type_: str, mode: str | None = None) -> str | None:
    """The CAMEO code for a PLOVER type and mode (``CONSULT``, ``visit`` -> ``042``)."""
    if mode and (type_, mode) in _BY_MODE:
        return _BY_MODE[(type_, mode)]
    return TYPES.get(type_)


def quad_class(code: str | None) -> int | None:
    """1 verbal cooperation (CAMEO roots 01-05), 2 material cooperation (06-08), 3 verbal
    conflict (09-13), 4 material conflict (14-20): GDELT's QuadClass, as
    ``data/plover_scores.toml`` gives it per PLOVER type."""
    if not code or not code[:2].isdigit():
        return None
    root = int(code[:2])
    if root <= 5:
        return 1
    if root <= 8:
        return 2
    return 3 if root <= 13 else 4


def from_cameo(code: str | None) -> str | None:
    """The PLOVER type of a CAMEO code (``"190_use_force"``, ``"042"``, ``"0871"``)."""
    digits = "".join(ch for ch in str(code or "").split("_")[0] if ch.isdigit())
    if len(digits) < 2:
        return None
    if digits.startswith("112"):
        return "ACCUSE"
    if digits[:3] in {"084", "085", "086", "087"}:
        return "RETREAT"
    return _ROOTS.get(digits[:2])


def announced(type_: str) -> str:
    """The type PLOVER gives an announced (planned) act of ``type_``."""
    if type_ in COOPERATIVE:
        return "AGREE"
    if type_ in HOSTILE:
        return "THREATEN"
    return type_
