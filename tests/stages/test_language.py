"""Language identification: the text decides, a declared language stands where the text
allows it, and is overruled where the text contradicts it. Real lingua, no mocks."""

from __future__ import annotations

from tidings.model import Article
from tidings.stages.language import LanguageStage

WIRE = ("ACME CANADA RAISES CRUDE PRICES 45 CANADIAN CTS/BBL, PAR GRADE TO 19.80 CANADIAN "
        "DLRS ****** ACME CANADA RAISES CRUDE PRICES 45 CANADIAN CTS/BBL, PAR GRADE TO 19.80 "
        "CANADIAN DLRS\n Blah blah blah.")
GERMAN = ("Die Bundesregierung hat am Mittwoch in Berlin einen neuen Haushaltsentwurf vorgelegt, "
          "der deutlich höhere Ausgaben für Verteidigung und Bildung vorsieht.")


def _article(text: str, declared: str | None = None) -> Article:
    article = Article(text=text)
    if declared:
        article.extra["declared_lang"] = declared
    return LanguageStage()(article)


def test_a_declared_language_the_text_allows_stands():
    stage = LanguageStage()
    assert stage.detect(WIRE)[0] != "en"  # capitals and abbreviations fool lingua alone
    article = _article(WIRE, "en")
    assert (article.lang, article.provenance["lang"]) == ("en", "declared")
    assert 0.5 <= article.lang_confidence <= 1.0


def test_a_declared_language_the_text_contradicts_is_overruled():
    article = _article(GERMAN, "en")
    assert (article.lang, article.provenance["lang"]) == ("de", "content")
    assert article.lang_confidence > 0.9
    chinese = _article("国务院总理今天在北京会见了来访的秘鲁总统，双方就深化两国经贸合作、"
                       "推进钱凯港建设以及扩大农产品贸易等议题深入交换了意见，"
                       "并签署了多项合作文件。", "en")
    assert (chinese.lang, chinese.provenance["lang"]) == ("zh", "content")


def test_the_text_decides_when_it_agrees_or_nothing_is_declared():
    assert (_article(GERMAN, "de").provenance["lang"], _article(GERMAN).lang) == (
        "content", "de")


def test_a_text_too_short_to_tell_takes_the_declared_language_or_none():
    short = _article("Ok.", "fr")
    assert (short.lang, short.lang_confidence, short.provenance["lang"]) == (
        "fr", 0.5, "declared")
    assert (_article("Ok.").lang, _article("Ok.").provenance["lang"]) == (None, "none")
    assert _article("Ok.", "xx").lang is None  # a language we do not read is not taken
