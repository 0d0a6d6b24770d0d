"""Sentence boundaries survive abbreviations, ordinals, acronyms and CJK punctuation."""

from __future__ import annotations

import pytest

from tidings.stages.sentences import split_sentences


def _texts(text: str, lang: str) -> list[str]:
    return [text[s.start:s.end] for s in split_sentences(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("BEIJING, Nov. 15 (Xinhua) -- China spoke. Peru agreed.", "en",
         ["BEIJING, Nov. 15 (Xinhua) -- China spoke.", "Peru agreed."]),
        ("Dr. Smith met Mr. Jones. They talked.", "en",
         ["Dr. Smith met Mr. Jones.", "They talked."]),
        ("Am 15. Nov. 2024 trafen sie sich. Danach sprachen sie.", "de",
         ["Am 15. Nov. 2024 trafen sie sich.", "Danach sprachen sie."]),
        ("Er nannte z. B. Lima. Das war neu.", "de", ["Er nannte z. B. Lima.", "Das war neu."]),
        ("Telefónica S.A. anunció un acuerdo. El Gobierno lo celebró.", "es",
         ["Telefónica S.A. anunció un acuerdo.", "El Gobierno lo celebró."]),
        ("M. Macron a parlé. Il a dit oui !", "fr", ["M. Macron a parlé.", "Il a dit oui !"]),
        ("习近平抵达利马。两国元首会谈！双方签署协议？", "zh",
         ["习近平抵达利马。", "两国元首会谈！", "双方签署协议？"]),
        ("First paragraph without a stop\nSecond paragraph.", "en",
         ["First paragraph without a stop", "Second paragraph."]),
        ('He said: "We agree." Then he left.', "en", ['He said: "We agree."', "Then he left."]),
    ],
)
def test_sentences_split_where_a_reader_would(text, lang, expected):
    assert _texts(text, lang) == expected


def test_sentence_spans_are_offsets_into_the_text():
    text = "  One.  Two!\n\nThree?  "
    spans = split_sentences(text, "en")
    assert [text[s.start:s.end] for s in spans] == ["One.", "Two!", "Three?"]


def test_a_long_single_line_is_split_into_every_sentence():
    text = "Word word word. " * 100_000
    spans = split_sentences(text, "en")
    assert len(spans) == 100_000
