"""Portuguese and Italian event lexicons (kept in training/events_lexicons/ until the
sentence stage has their abbreviations: see the README there): every PLOVER type, and the
usual words of an act found as triggers."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from tidings.stages.events.lexicon import EventLexicon, parse
from tidings.stages.events.plover import TYPES
from tidings.stages.events.words import find_triggers, words_only

FOLDER = Path(__file__).resolve().parents[2] / "training" / "events_lexicons"


def waiting(lang: str) -> EventLexicon:
    path = FOLDER / lang / "events.toml"
    return parse(tomllib.loads(path.read_text("utf-8")), lang, str(path))


@pytest.mark.parametrize("lang", ["pt", "it"])
def test_the_lexicon_codes_every_plover_type(lang):
    assert {t.type for t in waiting(lang).triggers} == set(TYPES)


@pytest.mark.parametrize(
    ("lang", "text", "types"),
    [
        ("pt", "O Brasil expulsou a embaixadora da Nicarágua.", ["SANCTION"]),
        ("pt", "A Venezuela rejeitou a proposta da Colômbia.", ["REJECT"]),
        ("pt", "Lula visitará a China em abril.", ["CONSULT"]),
        ("pt", "Os médicos entraram em greve.", ["PROTEST"]),
        ("it", "La Russia ha minacciato la Polonia.", ["THREATEN"]),
        ("it", "La Francia ha criticato la Germania per la decisione.", ["DISAPPROVE"]),
        ("it", "I ferrovieri hanno scioperato per 24 ore.", ["PROTEST"]),
        ("it", "La polizia ha arrestato tre persone.", ["COERCE"]),
    ],
)
def test_the_usual_words_of_an_act_are_triggers(lang, text, types):
    words = words_only(text)
    assert words is not None
    assert [f.trigger.type for f in find_triggers(waiting(lang), words)] == types
