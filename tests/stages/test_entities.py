"""Entities: gazetteer names in every language, one id per real-world entity, roles."""

from __future__ import annotations

import itertools

import pytest

from tidings.model import Article, Mention
from tidings.run import analyse_file
from tidings.stages.entities import EntityStage, chunk_spans, merge_mentions
from tidings.stages.entities.gazetteer import gazetteer
from tidings.stages.entities.linking import person_key
from tidings.stages.sentences import split_sentences


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

    def pipe_texts(self, texts: list[str], lang: str) -> list[list[Mention]]:
        return [self.mentions(text, lang) for text in texts]


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


def test_a_german_genitive_of_a_country_is_the_country_not_a_town_of_that_name():
    article = _run("Die Präsidentin Perus traf in Lima Vertreter Chinas.", "de", "Perus", "Chinas")
    ids = _ids(article)
    assert ids.get("Perus") == "PER"  # not Perus, a district of São Paulo
    assert ids.get("Chinas") == "CHN"


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
        def pipe_texts(self, texts: list[str], lang: str) -> list[list[Mention]]:
            raise OSError("model not installed")

    article = EntityStage(Broken())(Article(text="Peru und China.", lang="de"))
    assert {m.entity_id for m in article.mentions} == {"PER", "CHN"}
    assert any("NER unavailable" in w.message for w in article.warnings)


def test_boluarte_has_one_id_in_the_english_and_the_german_seed(pipeline, shared):
    english = analyse_file(shared / "seeds" / "000_d93d068ce3955784.txt", pipeline)
    german = analyse_file(shared / "seeds" / "003_655b080655a2732a.txt", pipeline)

    def boluarte(article):
        return {m.entity_id for m in article.mentions if "Boluarte" in m.text}

    assert boluarte(english) == boluarte(german)
    assert len(boluarte(english)) == 1


def test_seed_people_get_their_country_role_and_actor_code(pipeline, shared):
    article = analyse_file(shared / "seeds" / "000_d93d068ce3955784.txt", pipeline)
    people = {e.name: e for e in article.entities if e.type == "PER"}
    assert people["Xi Jinping"].actor == "CHNGOV"
    assert people["Dina Boluarte"].country == "PER"
    assert people["Dina Boluarte"].role == "president"
    assert people["Lin Jian"].role == "foreign ministry spokesperson"
    assert people["Lin Jian"].country == "CHN"
    short = [m for m in article.mentions if m.text == "Xi"]
    assert short and {m.entity_id for m in short} == {people["Xi Jinping"].id}


@pytest.mark.parametrize(
    ("text", "lang", "name", "country", "role"),
    [
        ("Peruvian President Ana Quispe Flores arrived.", "en", "Ana Quispe Flores", "PER",
         "president"),
        ("Der chinesische Staatspräsident Wang Lei sprach.", "de", "Wang Lei", "CHN",
         "president"),
        ("La presidenta peruana Ana Quispe habló.", "es", "Ana Quispe", "PER", "president"),
        ("秘鲁总统王丽会见了记者。", "zh", "王丽", "PER", "president"),
    ],
)
def test_titles_give_role_and_country_in_each_language(text, lang, name, country, role):
    article = _run(text, lang, name)
    [person] = [e for e in article.entities if e.type == "PER"]
    assert (person.country, person.role) == (country, role)
    assert person.actor == f"{country}GOV"


@pytest.mark.parametrize(
    ("word", "lang", "alpha3"),
    [("chinesischen", "de", "CHN"), ("peruanischen", "de", "PER"), ("peruano", "es", "PER"),
     ("péruvienne", "fr", "PER"), ("Peruvian", "en", "PER")],
)
def test_inflected_demonyms_link_to_the_country(word, lang, alpha3):
    article = _run(f"Die {word} Seite" if lang == "de" else f"x {word} x", lang)
    assert [m.entity_id for m in article.mentions if m.text == word] == [alpha3]


def test_long_articles_are_tagged_in_sentence_pieces_with_offsets_kept():
    sentence = "Maria Rossi Bianchi visited Peru. "
    text = sentence * 2000
    article = Article(text=text, lang="en", sentences=split_sentences(text, "en"))
    article = EntityStage(GivenMentions("Maria Rossi Bianchi"), max_chars=30_000)(article)
    people = [m for m in article.mentions if m.type == "PER"]
    assert len(people) == text[:30_000].count("Maria Rossi Bianchi")
    assert all(text[m.start:m.end] == m.text for m in article.mentions)
    assert any("only the first 30,000" in w.message for w in article.warnings)


def test_chunks_cut_after_sentences_and_cover_the_text():
    text = "One two three. " * 100
    pieces = chunk_spans(text, split_sentences(text, "en"), 100)
    assert pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in itertools.pairwise(pieces))
    assert all(text[b - 1] in ". " for _, b in pieces[:-1])
