"""The time stage: TIMEX3 types and values, anchored on the article date (issue #4)."""

from __future__ import annotations

import itertools
import json
import os
from pathlib import Path

import pytest

from tidings.model import Article
from tidings.stages.time import TimeStage, tag

SEEDS = (
    Path(os.environ.get("TIDINGS_SHARED", Path(__file__).resolve().parents[3] / "shared")) / "seeds"
)


def values(text: str, lang: str, published: str | None = "2024-11-15", mode: str = "news"):
    return {t.text: t.value for t in tag(text, lang, published, mode)}


def one(text: str, lang: str, published: str | None = "2024-11-15"):
    found = tag(text, lang, published)
    assert len(found) == 1, found
    return found[0]


def test_time_stage_declares_its_contract_and_records_its_version():
    article = Article(text="He spoke on Friday.", lang="en", published="2024-11-15")
    out = TimeStage()(article)
    assert TimeStage.name == "time" and TimeStage.version == "time.rules.v3"
    assert TimeStage.requires == ("text", "lang", "published")
    assert TimeStage.assigns == ("timexes",)
    assert out.versions["time"] == "time.rules.v3"
    assert [(t.text, t.value) for t in out.timexes] == [("Friday", "2024-11-15")]


def test_time_stage_rejects_an_unknown_mode():
    with pytest.raises(ValueError, match="unknown time mode"):
        TimeStage(mode="weekly")


def test_time_offsets_are_sorted_non_overlapping_and_point_into_the_text():
    text = "On Nov. 15, 2024, three days after Tuesday, every year since 1971, last week."
    found = tag(text, "en", "2024-11-15")
    assert len(found) >= 5
    for a, b in itertools.pairwise(found):
        assert a.end <= b.start
    assert all(text[t.start : t.end] == t.text for t in found)


def test_time_resolves_weekday_to_the_past_of_the_article_date():
    assert one("a spokesperson said on Friday.", "en").value == "2024-11-15"
    assert one("a joint statement issued Thursday.", "en").value == "2024-11-14"
    assert one("Er sprach am Freitag in Berlin.", "de").value == "2024-11-15"
    assert one("Lo dijo el viernes.", "es").value == "2024-11-15"
    assert one("Il a déclaré vendredi que", "fr").value == "2024-11-15"
    assert one("发言人上周五表示", "zh").value == "2024-11-08"


def test_time_resolves_weekday_to_the_future_when_the_sentence_is_in_future_tense():
    assert one("The minister will travel on Monday.", "en").value == "2024-11-18"
    assert one("Se medirán en el campo el próximo sábado.", "es").value == "2024-11-16"


def test_time_resolves_years_ago_in_every_language():
    assert one("ties established 53 years ago", "en").value == "1971"
    assert one("vor 53 Jahren gegründet", "de").value == "1971"
    assert one("fundada hace 53 años", "es").value == "1971"
    assert one("fondée il y a 53 ans", "fr").value == "1971"
    assert one("53年前建交", "zh").value == "1971"


def test_time_resolves_this_year_last_week_next_month():
    assert one("within this year", "en").value == "2024"
    assert one("des diesjährigen Treffens", "de").value == "2024"
    assert one("este año", "es").value == "2024"
    assert one("cette année", "fr").value == "2024"
    assert one("今年", "zh").value == "2024"
    assert one("They met last week.", "en", "2013-03-20").value == "2013-W11"
    assert one("next month", "en").value == "2024-12"
    assert one("le mois prochain", "fr").value == "2024-12"


def test_time_resolves_quarters_seasons_and_modified_periods():
    assert one("in the third quarter of 2025", "en").value == "2025-Q3"
    mid = one("by mid-2025", "en")
    assert (mid.value, mid.mod) == ("2025", "MID")
    start = one("Anfang nächster Woche", "de")
    assert (start.value, start.mod) == ("2024-W47", "START")
    assert one("last summer", "en").value == "2024-SU"
    assert one("第三季度", "zh").value == "2024-Q3"


def test_time_reads_absolute_dates_in_local_formats():
    assert one("am 15. November 2024", "de").value == "2024-11-15"
    assert one("el 15 de noviembre de 2024", "es").value == "2024-11-15"
    assert one("le 15 novembre 2024", "fr").value == "2024-11-15"
    assert one("2024年11月15日", "zh").value == "2024-11-15"
    assert one("BEIJING, Nov. 15 (Xinhua)", "en").value == "2024-11-15"
    assert one("11月14日", "zh").value == "2024-11-14"


def test_time_reads_numeric_dates_in_the_order_of_the_language():
    assert one("on 11/15/2024", "en").value == "2024-11-15"
    assert one("el 15/11/2024", "es").value == "2024-11-15"
    assert one("am 15.11.2024", "de").value == "2024-11-15"
    assert one("am 5/11/2024", "de").value == "2024-11-05"
    assert one("le 5/11/2024", "fr").value == "2024-11-05"
    # a dotted all-digit date is day first in English text too
    assert one("on 5.11.2024", "en").value == "2024-11-05"


def test_time_takes_the_order_of_slash_dates_from_the_article_and_its_source():
    assert one("Talks on 5/11/2024.", "en").value == "2024-05-11"
    # the article's own unambiguous date settles the ambiguous one
    found = tag("Talks on 5/11/2024 and again on 25/11/2024.", "en", "2024-11-30")
    assert [t.value for t in found] == ["2024-11-05", "2024-11-25"]
    # British English: the web domain says day first
    found = tag("Talks on 5/11/2024.", "en", "2024-11-30", source="https://www.example.co.uk/a")
    assert [t.value for t in found] == ["2024-11-05"]
    found = tag("Talks on 5/11/2024.", "en", "2024-11-30", source="https://example.com/a")
    assert [t.value for t in found] == ["2024-05-11"]
    # the stage passes the article's URL
    article = Article(text="Talks on 5/11/2024.", lang="en", published="2024-11-30",
                      url="https://www.bbc.com/news/world-1")
    assert [t.value for t in TimeStage()(article).timexes] == ["2024-11-05"]


def test_time_tags_durations_and_sets():
    assert one("for three days", "en").value == "P3D"
    assert one("drei Tage lang", "de").value == "P3D"
    assert one("durante tres días", "es").value == "P3D"
    assert one("Dos años, 3 meses y un día.", "es").value == "P2Y3M1D"
    every = one("every year", "en")
    assert (every.type, every.value) == ("SET", "P1Y")
    assert one("jedes Jahr", "de").value == "P1Y"
    assert one("每年", "zh").value == "P1Y"
    # a rule whose words are several ("tous les") still passes the word prefilter
    assert (one("tous les jours", "fr").type, one("tous les jours", "fr").value) == ("SET", "P1D")
    assert one("toutes les semaines", "fr").value == "P1W"


def test_time_reads_french_clock_times_month_ends_and_day_ranges():
    clock = one("à 15 heures", "fr")
    assert (clock.type, clock.value) == ("TIME", "2024-11-15T15:00")
    end = one("à la fin du mois", "fr")
    assert (end.value, end.mod) == ("2024-11", "END")
    assert values("du 10 au 12 novembre", "fr") == {"10": "2024-11-10", "12 novembre": "2024-11-12"}


def test_time_reads_chinese_parts_of_named_days_halves_and_centuries():
    # 晚/晚上 cover evening and night: night, as "ayer por la noche" (eval/time/README.md)
    evening = one("11月14日晚", "zh")
    assert (evening.type, evening.value) == ("TIME", "2024-11-14TNI")
    assert one("他昨晚说", "zh").value == "2024-11-14TNI"
    assert one("今年上半年", "zh").value == "2024-H1"
    assert one("去年下半年", "zh").value == "2023-H2"
    assert one("20世纪", "zh").value == "19"


def test_time_tags_both_ends_of_a_range():
    assert values("from Monday to Wednesday", "en") == {
        "Monday": "2024-11-11",
        "Wednesday": "2024-11-13",
    }


def test_time_keeps_underspecified_values_without_an_article_date():
    friday = one("Xi hat am Freitag in Beijing ein Gespräch geführt.", "de", None)
    assert (friday.value, friday.resolved) == ("XXXX-WXX-5", False)
    this_year = one("des diesjährigen Treffens", "de", None)
    assert (this_year.value, this_year.resolved) == ("XXXX", False)
    assert one("上周五", "zh", None).value == "XXXX-WXX-5"
    assert one("53 years ago", "en", None).resolved is False


def test_time_narrative_mode_anchors_on_the_last_mentioned_date():
    text = "Am 1. September 1939 begann der Krieg. Zwei Tage später erklärte England den Krieg."
    got = values(text, "de", "2011-02-16", mode="narrative")
    assert got["Zwei Tage später"] == "1939-09-03"
    same = values(
        "Im Mai 1940 begann der Angriff. Im selben Jahr fiel Paris.",
        "de",
        "2011-02-16",
        mode="narrative",
    )
    assert same["selben Jahr"] == "1940"


def test_time_auto_mode_picks_narrative_for_history_text():
    years = " ".join(f"Im Jahr {y} geschah etwas." for y in range(1914, 1926))
    text = years + " Am 3. Mai begann es."
    assert values(text, "de", "2011-02-16", mode="auto")["3. Mai"] == "1925-05-03"
    assert values("Am 3. Mai begann es.", "de", "2011-02-16", mode="auto")["3. Mai"] == "2010-05-03"


def test_time_does_not_take_quantities_or_ages_for_dates():
    assert values("Die Rote Armee griff mit 1500 Panzern an.", "de") == {}
    assert values("Mr. Smith, 52 years old, will retire.", "en") == {}
    assert values("Llegaron 2000 personas.", "es") == {}


def test_time_returns_nothing_for_a_language_without_rules():
    assert tag("Он приехал в пятницу.", "ru", "2024-11-15") == []


def test_time_finds_the_expected_seed_timexes():
    expected = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))["articles"]
    for name, info in expected.items():
        text = (SEEDS / name).read_text(encoding="utf-8")
        article = TimeStage()(Article(text=text, lang=info["lang"], published=info["published"]))
        found = {t.text: t for t in article.timexes}
        for want in info["timexes"]:
            key = want["text"].removeprefix("am ")
            assert key in found, (name, want, list(found))
            if want["value"] == "unresolved":
                assert found[key].resolved is False
            else:
                assert found[key].value == want["value"], (name, want, found[key])


def test_time_reads_a_year_ago_in_an_earnings_report_as_the_reported_quarter_a_year_before():
    text = (
        "Third-quarter net income rose to $5 million from $4 million a year ago. "
        "A year earlier, sales were flat. Year-earlier results included a gain."
    )
    found = values(text, "en", "1989-10-26")
    assert found["a year ago"] == "1988-Q3"
    assert found["A year earlier"] == "1988-Q3"
    assert found["Year-earlier"] == "1988-Q3"
    assert values("He left the company a year ago.", "en", "1989-10-26") == {"a year ago": "1988"}


def test_time_puts_a_day_and_month_without_year_in_the_nearest_year_in_english_news():
    assert one("The dividend is payable Dec. 15 to holders.", "en", "1989-11-02").value == (
        "1989-12-15"
    )
    assert one("The offer expired Oct. 30, the company said.", "en", "1989-11-02").value == (
        "1989-10-30"
    )
    assert one("He was appointed on Aug. 5.", "en", "1990-11-20").value == "1990-08-05"


def test_time_reads_spelled_out_years():
    found = values(
        "Atlanta, nineteen ninety-six. January nineteen ninety-seven. By the year two thousand.",
        "en",
        "1998-02-27",
    )
    assert found == {
        "nineteen ninety-six": "1996",
        "January nineteen ninety-seven": "1997-01",
        "the year two thousand": "2000",
    }


def test_time_reads_the_weekend_as_the_last_weekend_and_noon_on_a_weekday_as_a_time():
    assert one("Officials said over the weekend that", "en", "1991-02-25").value == ("1991-W08-WE")
    assert one("talks broke off at noon Thursday.", "en", "1998-02-13").value == (
        "1998-02-12T12:00"
    )
    assert one("until 5 p.m. EST, Nov. 6.", "en", "1989-10-30").value == "1989-11-06T17:00"


def test_time_keeps_a_number_from_swallowing_the_article_of_the_next_phrase():
    found = values("up from seven a year ago", "en", "1989-11-01")
    assert found == {"a year ago": "1988"}
    assert values("tras cuarenta y un días", "es")["cuarenta y un días"] == "P41D"


def test_time_reads_the_following_year_at_year_granularity():
    found = values(
        "On May 22, 1995, he was promoted, and the following year he left.", "en", "1998-04-18"
    )
    assert found["the following year"] == "1996"


def test_time_gives_a_date_without_year_the_year_that_closes_its_range():
    found = values(
        "Die Offensive dauerte von Mai bis November 1915. Im Juni 1944 und im "
        "Februar bis Juni 1776 auch.",
        "de",
        "2011-02-16",
        "narrative",
    )
    assert found["Mai"] == "1915-05"
    assert found["Februar"] == "1776-02"


def test_time_does_not_move_the_narrative_anchor_to_a_year_after_seit_or_bis():
    text = (
        "Am 21. August 1914 kam der Befehl. Insgesamt konnten so bis 1915 viele fliehen. "
        "Am 10. August erlitten Truppen Verluste."
    )
    assert values(text, "de", "2011-02-16", "narrative")["10. August"] == "1914-08-10"


def test_time_reads_the_new_year_and_the_year_before_from_the_narrative_anchor():
    text = "Am 16. Dezember 1941 kam der Befehl. In den Schlachten des neuen Jahres fiel Charkow."
    assert values(text, "de", "2011-02-16", "narrative")["neuen Jahres"] == "1942"
    text = "Im Mai 1916 griff es an, nachdem es sich im Vorjahr defensiv verhalten hatte."
    assert values(text, "de", "2011-02-16", "narrative")["Vorjahr"] == "1915"


def test_time_reads_nach_zwei_tagen_as_the_day_two_days_after_the_last_date():
    text = "Ein am 26. August 1942 begonnener Angriff wurde nach zwei Tagen angehalten."
    assert values(text, "de", "2011-02-16", "narrative")["nach zwei Tagen"] == "1942-08-28"


def test_time_resolves_holidays_in_the_direction_of_the_tense():
    assert one("Elian was found on Thanksgiving Day at sea.", "en", "2000-01-07").value == (
        "1999-11-25"
    )
    assert one("They will meet again at Christmas.", "en", "2000-11-07").value == "2000-12-25"
    assert one("am Ersten Weihnachtstag 1776 standen", "de").value == "1776-12-25"


def test_time_does_not_read_as_soon_as_as_a_future_reference_and_reads_until_as_future():
    found = values("He will return the boy as soon as possible, until Tuesday.", "en", "2000-04-03")
    assert found == {"Tuesday": "2000-04-04"}


def test_time_reads_german_compound_duration_adjectives():
    found = values(
        "Nach achttägiger Vorbereitung begann die zweimonatige Belagerung; nach "
        "154-tägiger Belagerung endete der mehrjährige Krieg.",
        "de",
    )
    assert found == {
        "achttägiger": "P8D",
        "zweimonatige": "P2M",
        "154-tägiger": "P154D",
        "mehrjährige": "PXY",
    }


def test_time_reads_german_genitive_months_and_seasons():
    found = values("Der Vertrag galt seit dem 3. Novembers 1921.", "de", "2010-01-01", "narrative")
    assert found == {"3. Novembers 1921": "1921-11-03"}
    assert values("Während des Frühjahres 1917 kam es zu Streiks.", "de", "2010-01-01",
                  "narrative") == {"Frühjahres 1917": "1917-SP"}
