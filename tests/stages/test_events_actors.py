"""Who can fill an event's sides (issue 12): international bodies with their own codes, no
article country leaking into them, adjectives and names of no one never acting, the country of
a place as target when no one else is, and mutual acts coded as mutual."""

from __future__ import annotations

from tidings.evaluate.tasks.events import analyse
from tidings.model import Article


def code(text: str, lang: str = "en", published: str | None = "2024-11-14") -> Article:
    return analyse(text, lang, published, "test")


def events_of(article: Article, type_: str):
    return [e for e in article.events if e.type == type_]


def test_an_international_body_has_its_own_code_and_no_country():
    (event,) = events_of(code("Peru asked the United Nations for help after the floods."),
                         "REQUEST")
    (target,) = event.target
    assert (target.code, target.country, target.entity_id) == ("IGOUNO", None, "org:un")


def test_the_articles_country_does_not_leak_into_an_international_body():
    article = code("China said on Friday that it supports the WTO. China and Peru also met.")
    (support,) = events_of(article, "SUPPORT")
    assert [a.code for a in support.target] == ["IGOWTO"]


def test_a_regional_adjective_is_no_actor():
    article = code(
        "Peru war 1971 das erste lateinamerikanische Land, das Beziehungen mit China aufnahm.",
        "de",
    )
    for event in article.events:
        for actor in event.source + event.target:
            assert actor.code or actor.country, (event.type, actor.text)


def test_the_country_of_a_place_is_the_target_when_no_one_else_is():
    (event,) = events_of(code("Iraqi President Saddam Hussein arrived in Amman on a visit."),
                         "CONSULT")
    assert [a.country for a in event.source] == ["IRQ"]
    assert [a.code for a in event.target] == ["JOR"]


def test_a_protest_in_a_city_is_not_a_protest_against_its_country():
    for event in events_of(code("Thousands of workers marched in Lima on Thursday."), "PROTEST"):
        assert event.target == []


def test_two_sides_agreeing_together_is_a_mutual_act_with_no_target():
    (event,) = events_of(code("Norway and Chile signed a fisheries accord."), "AGREE")
    assert event.symmetric and event.target == []
    assert sorted(a.country for a in event.source) == ["CHL", "NOR"]


def test_one_side_meeting_another_keeps_its_direction():
    (event,) = events_of(code("Chinese President Xi Jinping met Dina Boluarte in Lima."),
                         "CONSULT")
    assert not event.symmetric
    assert [a.country for a in event.source] == ["CHN"]
    assert [a.country for a in event.target] == ["PER"]


def test_two_sides_acting_together_in_the_home_of_one_do_not_act_on_it():
    (event,) = events_of(code("Peru and China signed a trade protocol in Lima."), "AGREE")
    assert event.target == [] and event.symmetric


def test_a_group_noun_taken_for_a_name_takes_the_demonym_after_it():
    # the Spanish NER reads "Gobierno" and "Ejército" as names; they are group nouns
    (demand,) = events_of(code("El Gobierno mexicano exigió a Ecuador una disculpa pública.",
                               "es"), "DEMAND")
    assert [a.code for a in demand.source] == ["MEXGOV"]
    (fight,) = events_of(code("El Ejército colombiano bombardeó un campamento guerrillero.",
                              "es"), "FIGHT")
    assert [a.code for a in fight.source] == ["COLMIL"]


def test_a_word_alternative_is_one_word_not_the_start_of_a_phrase():
    # "strike|strikes|striking|struck work" once read as a two-word pattern: no strike alone
    article = code("Kenyan doctors went on a nationwide strike on Thursday.")
    assert [e.type for e in article.events] == ["PROTEST"]


def test_a_sports_result_and_a_storm_are_no_events():
    assert code("Spain beat England 2-1 in Berlin on Sunday.").events == []
    assert code("A typhoon made landfall on Thursday, killing at least 14 people.").events == []
