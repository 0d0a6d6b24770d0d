"""The event stage in German and French: invented news sentences through the real stages
(sentences, time, entities, events), and the German seed article."""

from __future__ import annotations

import pytest

from tidings.evaluate.tasks.events import analyse
from tidings.model import Article
from tidings.run import analyse_file
from tidings.stages.events.lexicon import lexicon
from tidings.stages.events.plover import TYPES


def code(text: str, lang: str, published: str = "2024-05-10") -> Article:
    return analyse(text, lang, published, "test")


def countries(actors) -> list[str]:
    return sorted({a.country for a in actors if a.country})


def only(article: Article, type_: str):
    found = [e for e in article.events if e.type == type_]
    assert len(found) == 1, [(e.type, e.status, e.evidence[0].trigger) for e in article.events]
    return found[0]


# (sentence, type, status, intended, source countries, target countries)
# fmt: off
GERMAN = [
    ("Die türkische Polizei hat am Montag in Istanbul zwölf Studenten festgenommen.",
     "COERCE", "happened", None, ["TUR"], ["TUR"]),
    ("Russland griff am Dienstag mehrere Städte der Ukraine an.",
     "ASSAULT", "happened", None, ["RUS"], ["UKR"]),
    ("Der iranische Außenminister wird nächste Woche nach Saudi-Arabien reisen.",
     "AGREE", "planned", "CONSULT", ["IRN"], ["SAU"]),
    ("Peru hat die Vorwürfe Chiles zurückgewiesen.",
     "REJECT", "happened", None, ["PER"], ["CHL"]),
    ("Die Regierung in Kiew kritisierte Ungarn scharf.",
     "DISAPPROVE", "happened", None, ["UKR"], ["HUN"]),
    ("Indien hat Pakistan vorgeworfen, Terroristen zu unterstützen.",
     "ACCUSE", "happened", None, ["IND"], ["PAK"]),
    ("Tausende Demonstranten protestierten am Samstag in Belgrad gegen die serbische Regierung.",
     "PROTEST", "happened", None, ["SRB"], ["SRB"]),
    ("Die Gewerkschaften in Frankreich riefen zu einem landesweiten Streik auf.",
     "PROTEST", "planned", None, ["FRA"], []),
    ("Nordkorea hat keine Gespräche mit Südkorea geführt.",
     "CONSULT", "negated", None, ["PRK"], ["KOR"]),
    ("Nordkorea drohte Südkorea mit Vergeltung.",
     "THREATEN", "happened", None, ["PRK"], ["KOR"]),
    ("Der französische Präsident Emmanuel Macron telefonierte am Sonntag mit dem russischen "
     "Präsidenten Wladimir Putin.",
     "CONSULT", "happened", None, ["FRA"], ["RUS"]),
    ("Kanada hat der Ukraine humanitäre Hilfe geliefert.",
     "AID", "happened", None, ["CAN"], ["UKR"]),
    ("Kolumbien und Ecuador wollen ihre Zusammenarbeit vertiefen.",
     "AGREE", "planned", "COOPERATE", ["COL", "ECU"], []),
    ("Die USA verhängten neue Sanktionen gegen Venezuela.",
     "SANCTION", "happened", None, ["USA"], ["VEN"]),
    # "forderte ... auf" calls on (REQUEST, as "called on"); "forderte" alone demands
    ("Polen forderte Belarus auf, die Grenze zu öffnen.",
     "REQUEST", "happened", None, ["POL"], ["BLR"]),
    ("Polen forderte von Belarus die Öffnung der Grenze.",
     "DEMAND", "happened", None, ["POL"], ["BLR"]),
    ("Deutschland werde der Ukraine ein weiteres Patriot-System liefern, sagte Pistorius.",
     "AGREE", "planned", "AID", ["DEU"], ["UKR"]),
    ("Die israelische Armee griff nach eigenen Angaben Stellungen der Hisbollah im Libanon an.",
     "ASSAULT", "happened", None, ["ISR"], ["LBN"]),
    ("Die Türkei will Truppen nach Syrien schicken.",
     "THREATEN", "planned", "MOBILIZE", ["TUR"], ["SYR"]),
    ("Spanien hob die Einreisebeschränkungen für Marokko auf.",
     "CONCEDE", "happened", None, ["ESP"], ["MAR"]),
    ("Japan und Südkorea arbeiten beim Grenzschutz eng zusammen.",
     "COOPERATE", "happened", None, ["JPN", "KOR"], []),
    ("Mehrere iranische Studenten wurden festgenommen.",
     "COERCE", "happened", None, [], ["IRN"]),
]

FRENCH = [
    ("L'armée israélienne a bombardé Gaza dans la nuit de mardi.",
     "FIGHT", "happened", None, ["ISR"], ["PSE"]),
    ("La police kényane a arrêté 20 manifestants à Nairobi.",
     "COERCE", "happened", None, ["KEN"], ["KEN"]),
    ("Des étudiants ont été arrêtés par la police turque à Ankara.",
     "COERCE", "happened", None, ["TUR"], ["TUR"]),
    ("Le Maroc a signé un accord de pêche avec l'Espagne.",
     "AGREE", "happened", None, ["MAR"], ["ESP"]),
    ("Le Venezuela ne signera pas le traité.",
     "AGREE", "negated", None, ["VEN"], []),
    ("L'Inde va envoyer une aide humanitaire au Népal.",
     "AGREE", "planned", "AID", ["IND"], ["NPL"]),
    ("Emmanuel Macron se rendra au Sénégal la semaine prochaine.",
     "AGREE", "planned", "CONSULT", ["FRA"], ["SEN"]),
    ("Le Mexique a critiqué la décision des États-Unis.",
     "DISAPPROVE", "happened", None, ["MEX"], ["USA"]),
    ("La Russie a accusé l'Ukraine d'avoir attaqué une centrale nucléaire.",
     "ACCUSE", "happened", None, ["RUS"], ["UKR"]),
    ("L'Iran a menacé Israël de représailles.",
     "THREATEN", "happened", None, ["IRN"], ["ISR"]),
    ("Pékin a rejeté les critiques de Washington.",
     "REJECT", "happened", None, ["CHN"], ["USA"]),
    ("Le Canada a fourni une aide humanitaire à l'Ukraine.",
     "AID", "happened", None, ["CAN"], ["UKR"]),
    ("Des soldats maliens ont combattu des rebelles près de Kidal.",
     "FIGHT", "happened", None, ["MLI"], ["MLI"]),
    ("Les syndicats français ont appelé à une grève générale.",
     "PROTEST", "planned", None, ["FRA"], []),
    ("Le Niger a libéré deux otages français.",
     "RETREAT", "happened", None, ["NER"], ["FRA"]),
    ("Le président sénégalais s'est entretenu par téléphone avec Emmanuel Macron.",
     "CONSULT", "happened", None, ["SEN"], ["FRA"]),
    ("Les États-Unis ont imposé de nouvelles sanctions à l'Iran.",
     "SANCTION", "happened", None, ["USA"], ["IRN"]),
    ("La Turquie a expulsé deux diplomates suédois.",
     "SANCTION", "happened", None, ["TUR"], ["SWE"]),
    ("Le gouvernement sri-lankais a levé le couvre-feu.",
     "CONCEDE", "happened", None, ["LKA"], []),
]
# fmt: on


@pytest.mark.parametrize("lang", ["de", "fr"])
def test_the_lexicon_codes_every_plover_type(lang):
    lex = lexicon(lang)
    assert lex is not None
    assert {t.type for t in lex.triggers} == set(TYPES)


@pytest.mark.parametrize(
    ("lang", "text", "type_", "status", "intended", "source", "target"),
    [("de", *case) for case in GERMAN] + [("fr", *case) for case in FRENCH],
    ids=[f"de-{n}" for n in range(len(GERMAN))] + [f"fr-{n}" for n in range(len(FRENCH))],
)
def test_a_news_sentence_gives_its_event_with_status_and_sides(
    lang, text, type_, status, intended, source, target
):
    event = only(code(text, lang), type_)
    assert event.status == status
    assert event.intended == intended
    assert countries(event.source) == source
    assert countries(event.target) == target


def test_german_modes_follow_the_trigger():
    assert only(code(GERMAN[0][0], "de"), "COERCE").mode == "arrest"
    assert only(code(GERMAN[10][0], "de"), "CONSULT").mode == "phone"
    assert only(code(GERMAN[7][0], "de"), "PROTEST").mode == "strike"


def test_french_modes_follow_the_trigger():
    assert only(code(FRENCH[14][0], "fr"), "RETREAT").mode == "release"
    assert only(code(FRENCH[15][0], "fr"), "CONSULT").mode == "phone"
    assert only(code(FRENCH[13][0], "fr"), "PROTEST").mode == "strike"


def test_german_separable_particle_must_close_the_clause():
    # "griff ... an" is an attack only when "an" ends the clause, not the preposition
    article = code("Der Minister griff am Montag zum Telefon, um an die Presse zu schreiben.", "de")
    assert [e.type for e in article.events if e.type == "ASSAULT"] == []


def test_french_passive_swaps_sides_and_finds_the_place():
    event = only(code(FRENCH[2][0], "fr"), "COERCE")
    assert [a.code for a in event.source] == ["TURCOP"]
    assert [a.code for a in event.target] == ["TUREDU"]
    assert event.location == "geo:323786"


def test_french_meeting_names_both_leaders_and_the_city():
    text = (
        "Le président chinois Xi Jinping a rencontré vendredi à Pékin la présidente "
        "péruvienne Dina Boluarte."
    )
    event = only(code(text, "fr"), "CONSULT")
    assert event.mode == "meet" and event.status == "happened"
    assert [a.entity_id for a in event.source] == ["per:xi-jinping"]
    assert [a.entity_id for a in event.target] == ["per:dina-boluarte"]
    assert event.location == "geo:1816670"


def test_german_seed_is_a_meeting_of_xi_and_boluarte_in_beijing(pipeline, shared):
    article = analyse_file(shared / "seeds" / "003_655b080655a2732a.txt", pipeline)
    assert article.lang == "de"
    consult = [e for e in article.events if e.type == "CONSULT"]
    assert len(consult) == 1, [(e.type, e.evidence[0].trigger) for e in article.events]
    event = consult[0]
    assert event.status == "happened"
    assert [(a.entity_id, a.code) for a in event.source] == [("per:xi-jinping", "CHNGOV")]
    assert [a.entity_id for a in event.target] == ["per:dina-boluarte"]
    assert event.location == "geo:1816670"
    # the article reports talks, cooperation and support: nothing hostile
    assert {e.type for e in article.events} <= {"CONSULT", "COOPERATE", "SUPPORT", "AGREE"}


def test_a_country_the_ner_took_with_its_article_is_the_country():
    # the French NER returns "La France" whole, which the gazetteer does not resolve
    event = only(code("La France a officiellement reconnu l'État de Palestine.", "fr"),
                 "SUPPORT")
    assert countries(event.source) == ["FRA"]


def test_a_postposed_demonym_after_an_adjective_gives_the_group_its_country():
    event = only(code("Le Burkina Faso a exigé le départ des forces spéciales françaises.",
                      "fr"), "DEMAND")
    assert countries(event.source) == ["BFA"] and countries(event.target) == ["FRA"]


def test_a_storm_that_struck_is_no_fight():
    assert code("La tempête Ciarán a frappé la Bretagne avec des rafales.", "fr").events == []
