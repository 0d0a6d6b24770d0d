"""The plain-text header styles, in several languages, and the no-header case."""

from __future__ import annotations

import pytest

from tidings.ingest.text import read_text_document


@pytest.mark.parametrize(
    ("raw", "title", "published"),
    [
        ("date 2024-11-15 China to further ties\n\nBody text here.", "China to further ties",
         "2024-11-15"),
        (" date 2024-11-15T21:21 Morning news\n\nBody.", "Morning news", "2024-11-15T21:21:00"),
        ("Title: China, Peru to deepen ties\nDate: Nov 15, 2024\n\nBody.",
         "China, Peru to deepen ties", "2024-11-15"),
        ("Titel: Gespräch in Peking\nDatum: 28. Juni 2024\n\nText.", "Gespräch in Peking",
         "2024-06-28"),
        ("Titre : Réouverture de Notre-Dame\nDate : 7 décembre 2024\n\nTexte.",
         "Réouverture de Notre-Dame", "2024-12-07"),
        ("Título: Inundaciones en Valencia\nFecha: 30 de octubre de 2024\n\nTexto.",
         "Inundaciones en Valencia", "2024-10-30"),
        ("标题：习近平抵达利马\n日期：2024年11月14日\n\n正文。", "习近平抵达利马", "2024-11-14"),
        ("Date: 15/11/2024\nTitle: Day first\n\nBody.", "Day first", "2024-11-15"),
        ("Datum: 05.11.2024\nTitel: Punkte\n\nText.", "Punkte", "2024-11-05"),
    ],
)
def test_header_styles_give_title_and_date(raw, title, published):
    article = read_text_document(raw, "x.txt")
    assert article.title == title
    assert article.published == published
    assert article.provenance["published"] == "header"
    assert not article.text.startswith(("Title", "Titel", "date", "标题"))


def test_no_header_means_no_title_and_no_date():
    article = read_text_document("Der Präsident hat am Freitag gesprochen.\nMehr Text.", "x.txt")
    assert article.title is None
    assert article.published is None
    assert "published" not in article.provenance


def test_relative_header_date_is_not_resolved_against_today():
    article = read_text_document("Title: A story\nDate: Friday\n\nBody text.", "x.txt")
    assert article.published is None
    assert any("not understood" in w.message for w in article.warnings)


def test_ambiguous_us_date_in_english_header_is_month_first():
    article = read_text_document("Title: US story\nDate: 11/05/2024\n\nBody.", "x.txt")
    assert article.published == "2024-11-05"


def test_time_stamp_line_at_top_gives_a_content_date_when_no_header():
    article = read_text_document("21:21, November 15, 2024\n\nThe text of the story.", "x.txt")
    assert article.published == "2024-11-15"
    assert article.provenance["published"] == "content"


def test_body_text_with_a_colon_is_not_a_header():
    article = read_text_document("Note: this is not a header\n\nBody.", "x.txt")
    assert article.title is None
    assert article.text.startswith("Note: this")
