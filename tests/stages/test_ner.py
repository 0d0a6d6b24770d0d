"""NER mentions: offsets, label mapping per language, the rules over the model, Chinese via
jieba, unsupported languages, and German once its model is trained."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import NotBuiltError
from tidings.resources import model_path
from tidings.stages.entities.ner import NerTagger
from tidings.stages.entities.ner_rules import NerRules, Tagged, refine, segments_of, truecase

GERMAN_MODEL = model_path("ner-de")


@pytest.fixture(scope="module")
def tagger() -> NerTagger:
    return NerTagger()


def _rules(**options) -> NerRules:
    data = {"labels": {"PERSON": "PER", "GPE": "LOC"}, "strip_leading": ["the"],
            "strip_trailing": ["'s"], "options": {"teams": True, "initials": True,
                                                  "datelines": True, **options}}
    return NerRules.from_data(data, frozenset({"the", "such", "and", "as"}), frozenset({"England"}))


def _w(text: str) -> list[str]:
    return text.split()


def _spans(words: list[str], spans: list[Tagged], rules: NerRules | None = None) -> list:
    out = refine(spans, words, segments_of(words), rules or _rules())
    return [(" ".join(words[s.start:s.end]), s.type) for s in out]


# --- the rules alone (no model) ------------------------------------------------------


def test_rules_split_a_span_at_a_score_and_make_the_club_an_org():
    words = _w("Somerset 83 and 174 , Leicestershire 296 .")
    found = _spans(words, [Tagged(0, 2, "LOC", "GPE"), Tagged(5, 7, "PER", "PERSON")])
    assert found == [("Somerset", "ORG"), ("Leicestershire", "ORG")]


def test_rules_strip_a_leading_determiner_and_a_possessive():
    words = _w("He met the White House staff and Arafat 's aides .")
    found = _spans(words, [Tagged(2, 5, "ORG", "ORG"), Tagged(7, 9, "PER", "PERSON")])
    assert found == [("White House", "ORG"), ("Arafat", "PER")]


def test_rules_give_a_surname_alone_the_type_of_the_full_name_in_the_document():
    words = _w("Nasser Hussain batted . Later Hussain was out .")
    found = _spans(words, [Tagged(0, 2, "PER", "PERSON"), Tagged(5, 6, "LOC", "GPE")])
    assert found == [("Nasser Hussain", "PER"), ("Hussain", "PER")]


def test_rules_tag_a_wire_dateline_as_a_place_and_keep_national_teams_as_places():
    words = ["LONDON", "1996-08-30", "\n", *_w("England 326 , Somerset 200 .")]
    found = _spans(words, [])
    assert ("LONDON", "LOC") in found
    assert ("England", "LOC") in found and ("Somerset", "ORG") in found


def test_truecasing_uses_how_the_document_writes_a_word_elsewhere():
    words = _w("SOCCER - SHEARER NAMED AS CAPTAIN . Alan Shearer was named captain .")
    cased = truecase(words, segments_of(words), _rules())
    assert cased[:6] == ["soccer", "-", "Shearer", "named", "as", "captain"]


def test_rules_add_initialled_names_the_model_missed():
    words = _w("Somerset 83 ( P. Simmons 4-38 )")
    assert ("P. Simmons", "PER") in _spans(words, [])


# --- spaCy models ----------------------------------------------------------------------


@pytest.mark.slow
def test_mentions_have_offsets_into_the_text(tagger):
    text = "Angela Merkel met  Emmanuel Macron in Paris on Friday.\nThe talks ended."
    found = tagger.mentions(text, "en")
    assert [(m.text, m.type) for m in found] == [
        ("Angela Merkel", "PER"), ("Emmanuel Macron", "PER"), ("Paris", "LOC")]
    for m in found:
        assert text[m.start:m.end] == m.text
        assert m.source == "ner" and 0 < m.confidence <= 1


@pytest.mark.slow
def test_english_labels_are_mapped_onto_the_four_types(tagger):
    text = "The German government said the Red Cross would help Kenya by March 2025."
    found = {m.text: m.type for m in tagger.mentions(text, "en")}
    assert found.get("German") == "MISC"  # NORP
    assert found.get("Kenya") == "LOC"  # GPE
    assert found.get("Red Cross") == "ORG"
    assert not any("2025" in name for name in found)  # DATE is dropped


@pytest.mark.slow
def test_spanish_and_french_mentions(tagger):
    es = {m.text: m.type for m in tagger.mentions(
        "El presidente del Gobierno, Pedro Sánchez, viajó ayer a Lima con el Banco de España.",
        "es")}
    assert es.get("Pedro Sánchez") == "PER" and es.get("Lima") == "LOC"
    assert es.get("Gobierno") == "ORG"
    fr = {m.text: m.type for m in tagger.mentions(
        "Emmanuel Macron a rencontré Olaf Scholz à Berlin.", "fr")}
    assert fr.get("Emmanuel Macron") == "PER" and fr.get("Berlin") == "LOC"


@pytest.mark.slow
def test_tag_tokens_returns_token_spans_with_exclusive_ends(tagger):
    tokens = ["West", "Indian", "all-rounder", "Phil", "Simmons", "played", "in", "London", "."]
    assert tagger.tag_tokens(tokens, "en") == [(0, 2, "MISC"), (3, 5, "PER"), (7, 8, "LOC")]


@pytest.mark.slow
def test_pipe_texts_gives_the_same_as_one_text_at_a_time(tagger):
    texts = ["Boris Johnson visited Kyiv.", "", "Nothing here."]
    assert tagger.pipe_texts(texts, "en") == [tagger.mentions(t, "en") for t in texts]


# --- Chinese, other languages, German ------------------------------------------------


def test_chinese_names_come_from_jieba_with_transliterated_names_joined(tagger):
    text = "国家主席习近平在利马同秘鲁总统博鲁阿尔特举行会谈。"
    found = {m.text: m.type for m in tagger.mentions(text, "zh")}
    assert found.get("习近平") == "PER"
    assert found.get("博鲁阿尔特") == "PER"  # jieba: 博鲁 (nr) + 阿尔特 (nrt)
    assert found.get("秘鲁") == "LOC"
    for m in tagger.mentions(text, "zh"):
        assert text[m.start:m.end] == m.text


def test_an_unsupported_language_gives_no_mentions(tagger):
    assert tagger.mentions("Vladimir Putin besökte Stockholm.", "sv") == []
    assert tagger.tag_tokens(["Putin", "besökte", "Stockholm"], "sv") == []


def test_german_without_its_model_fails_saying_the_model_is_missing(tmp_path: Path):
    tagger = NerTagger(model_paths={"de": tmp_path / "ner-de"})
    with pytest.raises(NotBuiltError, match="model is missing"):
        tagger.mentions("Olaf Scholz reiste nach Paris.", "de")


@pytest.mark.slow
def test_german_mentions_come_from_the_shipped_model(tagger):
    text = "Bundeskanzler Olaf Scholz traf in Berlin Vertreter der Europäischen Union."
    found = {m.text: m.type for m in tagger.mentions(text, "de")}
    assert found.get("Olaf Scholz") == "PER"
    assert found.get("Berlin") == "LOC"
    for m in tagger.mentions(text, "de"):
        assert text[m.start:m.end] == m.text


@pytest.mark.slow
def test_german_quoted_names_glued_to_a_compound_are_cut_out_of_it(tagger):
    text = "Beide Seiten wollen die „Belt and Road“-Initiative voranbringen."
    found = {m.text: m.type for m in tagger.mentions(text, "de")}
    assert "Belt and Road" in found


@pytest.mark.slow
def test_wire_datelines_in_raw_text_are_places_not_teams(tagger):
    text = "LONDON 1996-08-30\nBEIJING, June 28 (Reuters) - Alan Shearer will lead England."
    found = {m.text: m.type for m in tagger.mentions(text, "en")}
    assert found.get("LONDON") == "LOC" and found.get("BEIJING") == "LOC"
    assert found.get("Alan Shearer") == "PER"
