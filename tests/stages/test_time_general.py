"""General time rules per language (issue 13): the phrasing of any news text, not of one
dev document. The article date 2025-03-12 is a Wednesday (ISO week 11)."""

from __future__ import annotations

from tidings.stages.time import tag

DCT = "2025-03-12"


def values(text: str, lang: str, published: str = DCT) -> dict[str, str]:
    return {t.text: t.value for t in tag(text, lang, published)}


def test_german_weekday_and_part_of_day_in_one_word_is_a_time_of_that_day():
    assert values("Die Regierung kündigte am Mittwochabend Hilfen an.", "de") == {
        "Mittwochabend": "2025-03-12TEV"}
    assert values("Am Sonntagvormittag wählte der Präsident.", "de") == {
        "Sonntagvormittag": "2025-03-09TMO"}


def test_german_weekday_of_a_named_week_and_the_night_before_a_weekday():
    assert values("Am Donnerstagabend vergangener Woche demonstrierten Tausende.", "de") == {
        "Donnerstagabend vergangener Woche": "2025-03-06TEV"}
    assert values("In der Nacht zum Sonntag brannte eine Halle.", "de") == {
        "Nacht zum Sonntag": "2025-03-08TNI"}


def test_german_present_tense_points_ahead_and_the_praeteritum_back():
    assert values("Die Wahl findet am 28. September statt.", "de") == {
        "28. September": "2025-09-28"}
    assert values("Die Bürger stimmen am Sonntag ab.", "de") == {"Sonntag": "2025-03-16"}
    assert values("Die Arbeitslosigkeit lag im Januar bei sechs Prozent.", "de") == {
        "Januar": "2025-01"}
    assert values("Der Verband legte am 2. Januar seine Bilanz vor.", "de") == {
        "2. Januar": "2025-01-02"}


def test_german_periods_of_a_relative_year_and_second_years_after_a_slash():
    assert values("Im ersten Quartal des vergangenen Jahres sank der Umsatz.", "de") == {
        "ersten Quartal des vergangenen Jahres": "2024-Q1"}
    assert values("Die Inflation war im Dezember des Vorjahres gestiegen.", "de") == {
        "Dezember des Vorjahres": "2024-12"}
    assert values("Im Schuljahr 2024/25 fehlen Lehrkräfte.", "de") == {
        "2024": "2024", "25": "2025"}


def test_german_full_stop_after_a_full_month_name_stays_outside():
    assert values("Die Truppen landeten am 31. August. Dann kam der Winter.", "de",
                  "2011-02-16") == {"31. August": "2010-08-31", "Winter": "2011-WI"}


def test_spanish_yesterday_night_and_last_night():
    assert values("El presidente habló ayer por la noche.", "es") == {
        "ayer por la noche": "2025-03-11TNI"}
    assert values("Anoche un incendio destruyó un almacén.", "es") == {
        "Anoche": "2025-03-11TNI"}


def test_last_weekend_is_the_weekend_of_last_week():
    assert values("El fin de semana pasado hubo protestas.", "es") == {
        "El fin de semana pasado": "2025-W10-WE"}
    assert values("Le week-end dernier, des milliers ont manifesté.", "fr") == {
        "Le week-end dernier": "2025-W10-WE"}


def test_spanish_quarter_and_month_of_last_year():
    assert values("Las ventas cayeron en el primer trimestre del año pasado.", "es") == {
        "el primer trimestre del año pasado": "2024-Q1"}
    assert values("La inflación subió en diciembre del año pasado.", "es") == {
        "diciembre del año pasado": "2024-12"}


def test_spanish_prepositions_stay_outside_durations_and_period_edges():
    assert values("Fue presidente durante diez años.", "es") == {"diez años": "P10Y"}
    assert values("El contrato vence a finales de 2026.", "es") == {"finales de 2026": "2026"}


def test_french_ago_and_the_participle_ete_is_no_summer():
    assert values("Il y a deux ans, le Parlement avait rejeté un texte.", "fr") == {
        "Il y a deux ans": "2023"}
    assert values("L'accord a été signé le 14 février 2019.", "fr") == {
        "le 14 février 2019": "2019-02-14"}
    assert values("Cet été, le gouvernement veut agir.", "fr") == {"Cet été": "2025-SU"}


def test_french_last_night_and_quarter_of_last_year():
    assert values("La nuit dernière, un incendie a détruit un entrepôt.", "fr") == {
        "La nuit dernière": "2025-03-11TNI"}
    assert values("Les ventes ont reculé au premier trimestre de l'année dernière.", "fr") == {
        "premier trimestre de l'année dernière": "2024-Q1"}


def test_chinese_last_month_quarter_of_last_year_and_weekday_parts():
    assert values("上个月，通胀率降至2.5%。", "zh") == {"上个月": "2025-02"}
    assert values("去年第三季度，公司利润下降。", "zh") == {"去年第三季度": "2024-Q3"}
    assert values("周日上午，总统在家乡投票。", "zh") == {"周日上午": "2025-03-09TMO"}
    assert values("委员会每周二开会。", "zh") == {"每周二": "XXXX-WXX-2"}


def test_last_season_is_the_one_that_has_ended():
    assert values("Der vergangene Winter war mild.", "de", "2025-07-01") == {
        "vergangene Winter": "2024-WI"}
    assert values("Last summer was dry.", "en", "2025-07-15") == {"Last summer": "2024-SU"}
    assert values("Last summer was dry.", "en", "2025-10-15") == {"Last summer": "2025-SU"}


def test_french_night_across_two_days_is_the_night_that_begins_on_the_first():
    assert values("Dans la nuit de samedi à dimanche, une école a brûlé.", "fr") == {
        "la nuit de samedi à dimanche": "2025-03-08TNI"}
    assert values("Dans la soirée de lundi, la police est intervenue.", "fr") == {
        "la soirée de lundi": "2025-03-10TEV"}
    assert values("Ce lundi, le gouvernement a présenté son plan.", "fr") == {
        "Ce lundi": "2025-03-10"}


def test_french_period_edges_keep_the_article_and_leave_the_preposition_out():
    assert values("Le budget sera adopté d'ici la fin de l'année.", "fr") == {
        "la fin de l'année": "2025"}
    assert values("La production a repris en début d'année.", "fr") == {
        "début d'année": "2025"}
    assert values("Mi-décembre, la Bourse a atteint un record.", "fr") == {
        "Mi-décembre": "2024-12"}
    assert values("Le texte sera voté à la fin du mois de mars.", "fr") == {
        "la fin du mois de mars": "2025-03"}


def test_french_halves_last_and_next_dates_and_the_day_after():
    assert values("Au premier semestre 2024, les ventes ont progressé.", "fr") == {
        "premier semestre 2024": "2024-H1"}
    assert values("Le maire a été élu le 20 janvier dernier.", "fr") == {
        "le 20 janvier dernier": "2025-01-20"}
    assert values("Il a été arrêté le 3 mars et jugé le lendemain.", "fr") == {
        "le 3 mars": "2025-03-03", "le lendemain": "2025-03-04"}
    assert values("Les prix ont doublé au cours des dix dernières années.", "fr") == {
        "dix dernières années": "P10Y"}
    assert values("Le musée ferme tous les lundis.", "fr") == {"tous les lundis": "XXXX-WXX-1"}


def test_chinese_weekends_period_edges_and_dates_of_a_relative_year():
    assert values("上周末，数千人上街游行。", "zh") == {"上周末": "2025-W10-WE"}
    assert values("工资将于月底发放。", "zh") == {"月底": "2025-03"}
    assert values("本月中旬，两国领导人将会晤。", "zh") == {"本月中旬": "2025-03"}
    assert values("新法将于明年1月1日起施行。", "zh") == {"明年1月1日": "2026-01-01"}


def test_chinese_day_alone_is_a_day_of_the_article_month_or_of_the_range_start():
    assert values("警方15日通报了案件进展。", "zh", "2025-03-17") == {"15日": "2025-03-15"}
    assert values("外交部20日宣布了制裁。", "zh", "2025-03-17") == {"20日": "2025-02-20"}
    assert values("展览将于4月3日至9日开放。", "zh") == {"4月3日": "2025-04-03",
                                                   "9日": "2025-04-09"}


def test_chinese_that_day_the_next_day_the_day_before_and_clock_on_a_named_day():
    assert values("他于3月5日入院，次日去世。", "zh") == {"3月5日": "2025-03-05",
                                                "次日": "2025-03-06"}
    assert values("投票定于3月16日举行，前一天将禁止竞选。", "zh") == {
        "3月16日": "2025-03-16", "前一天": "2025-03-15"}
    assert values("3月8日，数百人聚集，当晚警方逮捕两人。", "zh") == {
        "3月8日": "2025-03-08", "当晚": "2025-03-08TNI"}
    assert values("明天早上八点，新规生效。", "zh") == {"明天早上八点": "2025-03-13T08:00"}


def test_chinese_spring_festival_vague_numbers_and_auxiliary_future_cues():
    assert values("春节期间，客流量创下新高。", "zh") == {"春节": "2025-01-29"}
    assert values("他在这家公司工作了二十多年。", "zh") == {"二十多年": "P20Y"}
    assert values("一个多月前，他辞去了职务。", "zh") == {"一个多月前": "2025-02"}
    # 会议 is a meeting, not the future auxiliary 会
    assert values("3月11日，国务院召开常务会议。", "zh") == {"3月11日": "2025-03-11"}


def narrative(text: str) -> dict[str, str]:
    return {t.text: t.value for t in tag(text, "de", "2009-06-01", "narrative")}


def test_narrative_year_of_a_range_does_not_become_the_running_year():
    found = narrative("Am 3. Juli 1914 kam es zu Unruhen wie im Krieg 1870/71. "
                      "Am 27. Juli erfolgte die Mobilmachung.")
    assert found["27. Juli"] == "1914-07-27"


def test_narrative_end_bound_after_bis_is_a_look_ahead_not_the_running_year():
    found = narrative("Im März 1915 begann die Offensive, die bis zum 9. Januar 1916 dauerte. "
                      "Am 25. April landeten die Truppen.")
    assert found["25. April"] == "1915-04-25"


def test_narrative_look_back_offset_does_not_move_the_anchor():
    found = narrative("Am 12. Mai 1775 fiel das Fort, das ein Jahr früher verlassen worden war. "
                      "Am 16. Mai zog Arnold weiter.")
    assert found["16. Mai"] == "1775-05-16"
