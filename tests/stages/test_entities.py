"""Entities: gazetteer names in every language, one id per real-world entity, roles."""

from __future__ import annotations

import pytest

from tidings.model import Article, Mention
from tidings.stages.entities import EntityStage, merge_mentions
from tidings.stages.entities.gazetteer import gazetteer
from tidings.stages.entities.linking import person_key


class GivenMentions:
    """A stand-in NER that returns the PER mentions of listed names, so these tests pin
    gazetteer and linking behaviour whatever the statistical model does."""

    def __init__(self, *names: str) -> None:
        self.names = names

    def mentions(self, text: str, lang: str) -> list[Mention]:
        found = []
        for name in self.names:
            start = text.find(name)
            while start >= 0:
                found.append(Mention(start, start + len(name), name, "PER"))
                start = text.find(name, start + 1)
        return sorted(found, key=lambda m: m.start)


def _run(text: str, lang: str, *names: str, published: str | None = "2024-11-15") -> Article:
    article = Article(text=text, lang=lang, published=published)
    return EntityStage(GivenMentions(*names))(article)


def _ids(article: Article) -> dict[str, str]:
    return {m.text: m.entity_id for m in article.mentions}


@pytest.mark.parametrize(
    ("name", "alpha3"),
    [("Peru", "PER"), ("Perú", "PER"), ("Pérou", "PER"), ("秘鲁", "PER"), ("Deutschland", "DEU"),
     ("Allemagne", "DEU"), ("Alemania", "DEU"), ("中国", "CHN"), ("China", "CHN")],
)
def test_country_names_in_every_language_link_to_the_iso_code(name, alpha3):
    kinds = {(e.id, e.kind) for e in gazetteer().lookup(name)}
    assert (alpha3, "country") in kinds


def test_lima_is_the_capital_of_peru_not_the_town_in_ohio():
    article = _run("Die Gespräche in Lima dauerten zwei Tage.", "de")
    lima = [e for e in article.entities if e.name == "Lima"]
    assert lima and lima[0].country == "PER"
    assert lima[0].id == "geo:3936456"


def test_capital_names_in_other_languages_and_scripts_are_the_same_place():
    ids = {_ids(_run(f"Talks were held in {name} on Friday.", "en")).get(name)
           for name in ("Beijing", "Peking")}
    ids.add(_ids(_run("会谈在北京举行。", "zh")).get("北京"))
    assert len(ids) == 1 and None not in ids


def test_hyphenated_country_pairs_are_two_mentions():
    article = _run("The China-Peru partnership grew.", "en")
    assert [m.entity_id for m in article.mentions] == ["CHN", "PER"]


def test_short_forms_of_a_name_link_to_the_full_name_in_the_article():
    article = _run("Maria Rossi Bianchi arrived. Later Rossi spoke to reporters.", "en",
                   "Maria Rossi Bianchi", "Rossi")
    ids = {m.text: m.entity_id for m in article.mentions if m.type == "PER"}
    assert ids["Rossi"] == ids["Maria Rossi Bianchi"]


def test_person_key_matches_spanish_full_names_with_their_short_form():
    assert person_key("Dina Ercilia Boluarte Zegarra") == person_key("Dina Boluarte")
    assert person_key("Pedro Sánchez") == "per:pedro-sanchez"


def test_merge_keeps_ner_spans_and_adds_gazetteer_names_it_missed():
    ner = [Mention(0, 10, "China-Peru", "MISC")]
    found = [Mention(0, 5, "China", "LOC", source="gazetteer"),
             Mention(6, 10, "Peru", "LOC", source="gazetteer"),
             Mention(20, 24, "Lima", "LOC", source="gazetteer")]
    merged = merge_mentions(ner, found)
    assert [(m.text, m.type) for m in merged] == [("China", "LOC"), ("Peru", "LOC"),
                                                 ("Lima", "LOC")]


def test_mentions_keep_offsets_into_the_text():
    article = _run("Die Präsidentin reiste nach Peru und traf Vertreter aus China.", "de")
    for mention in article.mentions:
        assert article.text[mention.start:mention.end] == mention.text


def test_a_missing_ner_model_leaves_the_gazetteer_mentions_and_a_warning():
    class Broken:
        def mentions(self, text: str, lang: str) -> list[Mention]:
            raise OSError("model not installed")

    article = EntityStage(Broken())(Article(text="Peru und China.", lang="de"))
    assert {m.entity_id for m in article.mentions} == {"PER", "CHN"}
    assert any("NER unavailable" in w for w in article.warnings)
