"""The quote stage: the seeds, short invented cases in each language, bad input, and the
language files."""

from __future__ import annotations

from pathlib import Path

import pytest

from tidings.errors import ResourceError
from tidings.evaluate.tasks.quotes import analyse
from tidings.model import Article, Quote
from tidings.pipeline import Pipeline
from tidings.stages import registry
from tidings.stages.quotes import QuoteStage
from tidings.stages.quotes.assemble import MAX_CHARS
from tidings.stages.quotes.lexicon import languages, lexicon, parse
from tidings.stages.quotes.marks import quotations
from tidings.stages.sentences import SentenceStage

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"


def quotes(text: str, lang: str = "en") -> list[Quote]:
    return analyse([text], lang)[0].quotes


def one(found: list[Quote], words: str) -> Quote:
    hits = [q for q in found if words in q.text]
    assert len(hits) == 1, [(q.text, q.cue_text) for q in found]
    return hits[0]


def seed(name: str) -> Article:
    path = next(SEEDS.glob(f"{name}_*.txt"), None)
    if path is None:
        pytest.skip("the shared seeds are not beside the project")
    return Pipeline().analyse(path.read_text(encoding="utf-8"), source=str(path))


# ---- the seeds ---------------------------------------------------------------------------


def test_seed_000_has_lin_jians_two_direct_quotes_and_xis_reported_speech():
    article = seed("000")
    assert article.versions["quotes"] == QuoteStage.version
    bears = one(article.quotes, "It bears historical significance")
    ready = one(article.quotes, "China stands ready to work with Peru, following")
    for quote in (bears, ready):
        assert quote.kind == "direct"
        assert quote.speaker is not None and quote.speaker.entity_id == "per:lin-jian"
        assert quote.speaker.role == "foreign ministry spokesperson"
    assert ready.cue_text == "added"
    xi = one(article.quotes, "both China and Peru are ancient civilizations")
    assert xi.kind == "reported" and xi.cue_text == "noted"
    assert xi.speaker is not None and xi.speaker.entity_id == "per:xi-jinping"
    for quote in article.quotes:  # every offset is evidence in the text
        assert quote.text.split(" … ")[0] == article.text[quote.fragments[0][0]:
                                                          quote.fragments[0][1]]


def test_seed_000_a_title_speaker_is_the_person_who_holds_it():
    article = seed("000")
    first = one(article.quotes, "China is ready to work with Peru to bring")
    assert first.speaker is not None
    assert first.speaker.text == "a Chinese foreign ministry spokesperson"
    assert first.speaker.entity_id == "per:lin-jian"


def test_seed_003_xis_reported_speech_in_the_subjunctive():
    article = seed("003")
    xi = one(article.quotes, "China und Peru seien beides alte Zivilisationen")
    assert xi.kind == "reported" and xi.cue_text == "sagte"
    assert xi.speaker is not None and xi.speaker.entity_id == "per:xi-jinping"
    so = [q for q in article.quotes if q.cue_text == "so"]
    assert so and all(q.speaker and q.speaker.entity_id == "per:xi-jinping" for q in so)
    going_on = one(article.quotes, "Peru sei eines der ersten lateinamerikanischen Länder")
    assert going_on.cue is None and going_on.speaker is not None
    assert going_on.speaker.entity_id == "per:xi-jinping"


def test_seed_002_a_joint_statement_speaks():
    article = seed("002")
    first = one(article.quotes, "China and Peru welcomed the signing")
    assert first.speaker is not None and first.speaker.entity_id is None
    assert first.speaker.name == "joint statement" and first.speaker.role == "document"


# ---- English -----------------------------------------------------------------------------


def test_a_quote_interrupted_by_he_said_is_one_quote_of_two_fragments():
    text = ("Senator John Miller visited the flooded district on Monday. “We are not leaving,” "
            "he said, “until every family has a dry place to sleep.”")
    quote = one(quotes(text), "We are not leaving")
    assert len(quote.fragments) == 2 and quote.kind == "direct"
    assert text[quote.fragments[1][0]:quote.fragments[1][1]].startswith("“until every")
    assert quote.speaker is not None and quote.speaker.text == "he"
    assert quote.speaker.entity_id == "per:john-miller"  # the nearest person before


def test_a_quote_of_two_paragraphs_that_reopen_the_mark_is_one_quote():
    text = ("Ruiz said: “The water came up in an hour and took the ground floors with it.\n\n"
            "“Nobody here has seen anything like it in forty years.”\n\nThe rain stopped.")
    quote = one(quotes(text), "The water came up")
    assert "forty years" in quote.text and quote.kind == "direct"
    assert "The rain stopped" not in quote.text


def test_according_to_names_the_source_and_the_clause_is_the_content():
    text = "The bridge will stay closed until March, according to the city's transport office."
    quote = one(quotes(text), "The bridge will stay closed")
    assert quote.cue_text == "according to"
    assert quote.speaker is not None
    assert quote.speaker.text == "the city's transport office"
    assert "according" not in quote.text


def test_reported_speech_keeps_that_as_polnear_marks_it():
    quote = one(quotes("The minister said that the budget would be cut by a tenth."),
                "the budget would be cut")
    assert quote.text.startswith("that the budget") and quote.kind == "reported"


def test_a_reporting_verb_inside_a_quotation_is_part_of_it_not_a_new_quote():
    found = quotes("“I think we will win the vote next week,” the senator said on Friday.")
    assert len(found) == 1 and found[0].cue_text == "said"


# ---- the other languages -----------------------------------------------------------------


def test_german_laut_and_so_and_sagte_with_the_subjunctive():
    text = ("Laut Wahlleiterin Ruth Sommer wäre eine Wahl Ende Februar machbar. Die Lage sei "
            "ernst, so der Innenminister. Kessler sagte am Donnerstag, die Regierung sei "
            "handlungsfähig.")
    found = quotes(text, "de")
    laut = one(found, "wäre eine Wahl Ende Februar machbar")
    assert laut.cue_text == "Laut" and laut.speaker
    assert laut.speaker.text == "Wahlleiterin Ruth Sommer"
    so = one(found, "Die Lage sei ernst")
    assert so.cue_text == "so" and so.speaker and so.speaker.text == "der Innenminister"
    said = one(found, "die Regierung sei handlungsfähig")
    assert said.speaker and said.speaker.text == "Kessler"


def test_german_separable_verb_and_direct_quote():
    text = "„Wir lassen niemanden allein“, teilte eine Sprecherin der Stadtwerke mit."
    quote = one(quotes(text, "de"), "Wir lassen niemanden allein")
    assert quote.kind == "direct" and quote.cue_text == "teilte"
    assert quote.speaker and quote.speaker.text == "eine Sprecherin der Stadtwerke"


def test_spanish_segun_and_dijo_que():
    text = ("Según el Ministerio de Sanidad, los casos bajaron un diez por ciento. El ministro "
            "dijo que la campaña seguirá hasta junio.")
    found = quotes(text, "es")
    segun = one(found, "los casos bajaron")
    assert segun.cue_text == "Según" and segun.speaker
    assert segun.speaker.text == "el Ministerio de Sanidad"
    said = one(found, "la campaña seguirá")
    assert said.text.startswith("que") and said.speaker and said.speaker.text == "El ministro"


def test_french_selon_and_an_inverted_verb():
    text = ("Selon la préfecture, les écoles resteront fermées lundi. « Nous avons évité le "
            "pire », a-t-il déclaré.")
    found = quotes(text, "fr")
    selon = one(found, "les écoles resteront fermées")
    assert selon.cue_text == "Selon" and selon.speaker and selon.speaker.text == "la préfecture"
    said = one(found, "Nous avons évité le pire")
    assert said.kind == "direct" and said.speaker and said.speaker.text == "il"


def test_chinese_biaoshi_and_ju_and_a_quotation():
    text = ("外交部发言人周明远4日在例行记者会上表示，中方坚决反对美方滥施关税。"
            "据官方媒体报道，国务院关税税则委员会决定加征关税。"
            "周明远说：“贸易战、关税战没有赢家。”")
    found = quotes(text, "zh")
    said = one(found, "中方坚决反对美方滥施关税")
    assert said.cue_text == "表示" and said.speaker and said.speaker.text == "外交部发言人周明远"
    ju = one(found, "国务院关税税则委员会")
    assert ju.speaker and ju.speaker.text == "官方媒体"
    direct = one(found, "贸易战")
    assert direct.kind == "direct" and direct.cue_text == "说"


def test_a_language_without_a_quotes_file_gets_a_warning_not_an_error():
    article = Article(text="Ele disse que vai chover amanhã.", lang="pt")
    article = QuoteStage()(SentenceStage()(article))
    assert article.quotes == []
    assert any("quotes.toml" in (w.hint or "") for w in article.warnings)


# ---- bad input ---------------------------------------------------------------------------


def _analysed(text: str) -> Article:
    return analyse([text], "en")[0]


@pytest.mark.parametrize(
    "text",
    [
        "He said: “this never closes and the article goes on.\nA second paragraph follows.",
        "Unbalanced ” marks “ everywhere ” here, the minister said. ”",
        '"' * 5000 + " The minister said nothing.",
        "“" * 5000,
    ],
    ids=["never-closes", "unbalanced", "5000-straight", "5000-curly"],
)
def test_bad_quotation_marks_raise_nothing_and_lose_nothing(text):
    article = _analysed(text)
    assert article.sentences  # the rest of the analysis is there
    for quote in article.quotes:
        assert quote.end - quote.start <= MAX_CHARS
        assert "\n" not in text[quote.start:quote.end] or quote.confidence < 0.85


def test_a_quote_longer_than_the_cap_is_cut_and_says_so_in_its_confidence():
    body = " ".join(["Every word of this goes on and on."] * 400)
    text = f"The minister said: “{body}”\n\nThe next paragraph."
    article = _analysed(text)
    long = [q for q in article.quotes if "Every word" in q.text]
    assert len(long) == 1
    assert long[0].end - long[0].start <= MAX_CHARS and long[0].confidence <= 0.5
    assert article.sentences[-1].end == len(text)


def test_marks_with_no_words_between_them_are_no_quotation():
    assert quotations('"' * 5000, (("“", "”"), ('"', '"'))) == []
    assert quotations("“" * 50 + "”" * 50, (("“", "”"),)) == []


# ---- the language files and the stage's declarations ------------------------------------


@pytest.mark.parametrize("lang", ["en", "de", "es", "fr", "zh"])
def test_every_language_file_parses(lang):
    assert lang in languages()
    lex = lexicon(lang)
    assert lex is not None and lex.pairs and lex.speech


def test_a_broken_quotes_file_names_what_is_wrong():
    with pytest.raises(ResourceError, match="mark pair"):
        parse({"marks": {"pairs": [["“"]]}}, "xx", "lang/xx/quotes.toml")
    with pytest.raises(ResourceError, match="prep cue"):
        parse({"cues": {"parse": {"prep": ["called"]}}}, "xx", "lang/xx/quotes.toml")


def test_the_stage_is_registered_and_runs_by_default_after_entities():
    assert registry.spec("quotes").factory == "tidings.stages.quotes:QuoteStage"
    names = [stage.name for stage in Pipeline().stages]
    assert names.index("quotes") > names.index("entities")
    assert QuoteStage.requires == ("text", "lang", "sentences", "mentions", "entities")
    assert QuoteStage.assigns == ("quotes",)
