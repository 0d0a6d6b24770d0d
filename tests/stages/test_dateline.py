"""Wire datelines: agency, place and date, in many agencies' and languages' conventions."""

from __future__ import annotations

import pytest

from tidings.stages.metadata.dateline import find_dateline


@pytest.mark.parametrize(
    ("text", "place", "agency", "date"),
    [
        ("BEIJING, Nov. 15 (Xinhua) -- China is ready", "Beijing", "Xinhua", "2024-11-15"),
        ("LIMA, 1 mar (EFE).- El presidente", "Lima", "EFE", "2024-03-01"),
        ("PARIS, 5 avril (AFP) - Le président", "Paris", "AFP", "2024-04-05"),
        ("Berlin (dpa) - Die Regierung", "Berlin", "dpa", None),
        ("(Reuters) - Shares fell", None, "Reuters", None),
        ("新华社利马11月14日电 国家主席", "利马", "Xinhua", "2024-11-14"),
        ("中新社北京6月28日电（记者 王某）国家主席", "北京", "China News Service", "2024-06-28"),
        ("WASHINGTON (AP) — The president", "Washington", "AP", None),
        ("Rom (ANSA) - Der Papst", "Rom", "ANSA", None),
        ("TOKYO, Nov 15 (Kyodo) -- Japan", "Tokyo", "Kyodo", "2024-11-15"),
        ("SEOUL, Nov. 15 (Yonhap) -- South Korea", "Seoul", "Yonhap", "2024-11-15"),
        ("MOSCOW, Nov 15 (TASS) - Russia", "Moscow", "TASS", "2024-11-15"),
        ("NEW DELHI, Nov 15 (PTI) India", "New Delhi", "PTI", "2024-11-15"),
        ("Wien (APA) - Die Regierung", "Wien", "APA", None),
        ("Madrid, 3 may (Europa Press) - El Gobierno", "Madrid", "Europa Press", "2024-05-03"),
        ("LIMA, 15 nov (Andina) - El Perú", "Lima", "Andina", "2024-11-15"),
        ("Genf (sda) - Die Schweiz", "Genf", "SDA", None),
        ("BUENOS AIRES, 2 jun (AP) — El", "Buenos Aires", "AP", "2024-06-02"),
    ],
)
def test_dateline_gives_agency_place_and_date(text, place, agency, date):
    dateline = find_dateline(text, 2024)
    assert dateline is not None
    assert (dateline.place, dateline.agency, dateline.date) == (place, agency, date)
    assert dateline.start == 0


def test_dateline_without_article_year_keeps_the_year_unknown():
    dateline = find_dateline("BEIJING, Nov. 15 (Xinhua) -- China", None)
    assert dateline.date == "XXXX-11-15"


def test_dateline_may_follow_a_time_stamp_line():
    text = "Xinhua) 21:21, November 15, 2024\n\nBEIJING, Nov. 15 (Xinhua) -- China"
    dateline = find_dateline(text, 2024)
    assert dateline.place == "Beijing"
    assert text[dateline.start:].startswith("BEIJING")


@pytest.mark.parametrize(
    "text",
    ["China (Xinhua) is a word in a sentence.", "The President (of the US) - said",
     "Ein ganz normaler Satz ohne Agentur."],
)
def test_ordinary_sentences_are_not_datelines(text):
    assert find_dateline(text, 2024) is None
