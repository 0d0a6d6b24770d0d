"""The event stage on invented news sentences (English and Spanish), the lexicon format, and
the PLOVER / CAMEO tables."""

from __future__ import annotations

import pytest

from tidings.evaluate.tasks.events import analyse
from tidings.model import Article
from tidings.stages.events import plover
from tidings.stages.events.lexicon import EventLexiconError, compile_pattern, parse
from tidings.stages.events.words import tokenize


def code(text: str, lang: str = "en", published: str | None = "2024-03-08") -> Article:
    return analyse(text, lang, published, "test")


def countries(actors) -> list[str]:
    return sorted({a.country for a in actors if a.country})


def only(article: Article, type_: str):
    found = [e for e in article.events if e.type == type_]
    assert len(found) == 1, [(e.type, e.evidence[0].trigger) for e in article.events]
    return found[0]


# ---- English ------------------------------------------------------------------------------


def test_a_visit_has_source_target_mode_and_the_visited_country_as_place():
    event = only(code("Brazil's foreign minister visited Kenya on Tuesday."), "CONSULT")
    assert event.mode == "visit" and event.cameo == "042" and event.quad_class == 1
    assert [a.code for a in event.source] == ["BRAGOV"]
    assert countries(event.target) == ["KEN"]
    assert event.date == "2024-03-05" and event.date_from == "timex"
    assert event.location == "KEN"
    evidence = event.evidence[0]
    assert evidence.trigger == "visited"
    text = "Brazil's foreign minister visited Kenya on Tuesday."
    assert text[evidence.trigger_start : evidence.trigger_end] == "visited"
    start, end = evidence.arguments["target"][0]
    assert text[start:end] == "Kenya"


def test_coordinated_actors_are_all_on_one_side():
    event = only(code("Norway and Chile signed a fisheries accord."), "AGREE")
    assert countries(event.source) == ["CHL", "NOR"]


def test_an_announced_act_is_an_intention_not_an_act():
    event = only(code("Japan will send food aid to Haiti."), "AGREE")
    assert event.status == "planned" and event.intended == "AID"
    assert countries(event.source) == ["JPN"] and countries(event.target) == ["HTI"]
    threat = only(code("Canada said it would impose sanctions on Belarus."), "THREATEN")
    assert threat.status == "planned" and threat.intended == "SANCTION"
    assert countries(threat.target) == ["BLR"]


def test_a_negated_act_is_kept_with_its_status():
    article = code("Peru did not sign the trade agreement with Chile.")
    assert [e.status for e in article.events if e.type == "AGREE"] == ["negated"]


def test_passive_voice_swaps_the_sides():
    event = only(code("Two Mexican journalists were arrested by Cuban police in Havana."), "COERCE")
    assert event.mode == "arrest"
    assert [a.code for a in event.source] == ["CUBCOP"]
    assert countries(event.target) == ["MEX"]
    assert event.location_name == "Havana"


def test_an_unnamed_government_takes_the_country_of_the_other_side():
    event = only(code("Striking teachers in Ghana marched against the government."), "PROTEST")
    assert [a.code for a in event.target] == ["GHAGOV"]


def test_the_aim_of_an_act_is_not_a_second_event():
    article = code("Thousands of Chilean students staged demonstrations to demand free tuition.")
    assert [e.type for e in article.events] == ["PROTEST"]


def test_a_nominal_object_describes_the_act_before_it():
    article = code("Germany suspended military aid to Mali.")
    assert [e.type for e in article.events] == ["SANCTION"]


def test_the_same_act_told_twice_is_one_event_with_two_evidences():
    text = (
        "Egypt's president visited Sudan on Monday. "
        "The Egyptian president visited Sudan to discuss the dam."
    )
    visits = [e for e in code(text).events if e.type == "CONSULT" and e.mode == "visit"]
    assert len(visits) == 1 and len(visits[0].evidence) == 2
    assert visits[0].date == "2024-03-04"


def test_without_an_article_date_the_event_has_no_invented_date():
    event = only(code("Austria expelled two Russian diplomats.", published=None), "SANCTION")
    assert event.date is None and event.date_from is None


def test_a_language_without_a_lexicon_gets_no_events_and_a_warning():
    article = code("Die Regierung hat das Abkommen unterzeichnet.", lang="xx")
    assert article.events == []
    assert any("no event lexicon for 'xx'" in w.message for w in article.warnings)


# ---- Spanish --------------------------------------------------------------------------------


def test_spanish_protest_with_actor_from_demonym():
    event = only(
        code("Miles de estudiantes chilenos protestaron el jueves en Santiago.", "es"), "PROTEST"
    )
    assert [a.code for a in event.source] == ["CHLEDU"]
    assert event.date == "2024-03-07"


def test_spanish_future_tense_is_planned():
    event = only(code("Argentina enviará ayuda humanitaria a Bolivia.", "es"), "AGREE")
    assert event.status == "planned" and event.intended == "AID"
    assert countries(event.source) == ["ARG"] and countries(event.target) == ["BOL"]


def test_spanish_light_verb_gives_the_act_it_introduces():
    article = code("Los mineros bolivianos convocaron una huelga general.", "es")
    # the strike, and (lang/es [[also]]) the mobilisation of the strikers; no CONSULT or
    # REQUEST for "convocaron"
    lexicon = [e.type for e in article.events if e.evidence[0].method == "lexicon"]
    assert lexicon == ["PROTEST", "MOBILIZE"]


def test_spanish_negation():
    article = code("Colombia no firmó el acuerdo con Venezuela.", "es")
    assert [e.status for e in article.events if e.type == "AGREE"] == ["negated"]


# ---- lexicon format and tables ----------------------------------------------------------------


def test_pattern_syntax_prefix_alternation_and_gaps():
    pattern = compile_pattern("sign*|ink* ~2 accord*")
    words = [t.text for t in tokenize("They inked a new accord")]
    assert pattern.match_at(words, 1) == [1, 4]
    assert (
        pattern.match_at([t.text for t in tokenize("They inked a very long new accord")], 1) is None
    )


def test_tokenizer_splits_possessives_and_negations():
    assert [t.text for t in tokenize("Taiwan's army didn't fire")] == [
        "taiwan",
        "'s",
        "army",
        "did",
        "n't",
        "fire",
    ]


def test_a_lexicon_with_an_unknown_type_says_which_entry():
    with pytest.raises(EventLexiconError, match="event #1 has type 'PARTY'"):
        parse({"event": [{"type": "party", "patterns": ["dance"]}]}, "xx", "test.toml")
    with pytest.raises(EventLexiconError, match="too short"):
        parse({"event": [{"type": "AGREE", "patterns": ["a*"]}]}, "xx")


def test_cameo_codes_and_quad_classes():
    assert plover.cameo("CONSULT", "phone") == "041"
    assert plover.cameo("FIGHT") == "190" and plover.quad_class("190") == 4
    assert plover.quad_class(plover.cameo("DEMAND")) == 3
    assert plover.quad_class(plover.cameo("AID")) == 2
    # GDELT's split of the CAMEO roots: investigations are verbal, protests material
    assert plover.quad_class("090") == 3 and plover.quad_class("140") == 4
    assert plover.quad_class("080") == 2 and plover.quad_class("130") == 3
    assert plover.from_cameo("190_use_conventional_military_force") == "FIGHT"
    assert plover.from_cameo("0871") == "RETREAT" and plover.from_cameo("112") == "ACCUSE"
    assert plover.from_cameo("010") is None
    assert set(plover.TYPES) >= {"AGREE", "PROTEST", "INVESTIGATE"} and len(plover.TYPES) == 20
