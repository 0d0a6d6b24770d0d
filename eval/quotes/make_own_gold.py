# ruff: noqa: E501  (the articles are kept one paragraph a line)
"""Build our own quotes gold in German, Spanish, French and Chinese (issue #16):
eval/quotes/own_de.jsonl, own_es.jsonl, own_fr.jsonl, own_zh.jsonl.

    .venv/bin/python eval/quotes/make_own_gold.py           # writes the four files, exit 1 on a problem
    .venv/bin/python eval/quotes/make_own_gold.py --check   # checks the files on disk only

The articles and their annotations are written below as Python data; every offset is
computed here, never typed by hand. An attribution gives its parts as the exact substrings
of the text: ``content`` (one or more fragments, in text order), ``source`` and ``cue``
(``None`` where the text has none; a list for a discontinuous part such as "teilte ... mit").
A part is a string that must occur exactly once in the text (as a whole word in de/es/fr),
or ``F(text, n=..., within=..., wn=...)``: its ``n``-th occurrence (1-based), looked for
inside the ``wn``-th occurrence of ``within``. Anything not found, or found more than once
without an ``n``, stops the build with the places it was found.

French texts are written here with plain spaces and apostrophes; ``_fr`` turns them (and
the parts) into French typography: a no-break space inside « » and before :, a narrow
no-break space before ; ! ? and in 1 000, a no-break space before %, ’ for '.

Conventions: README.md (the sections "German", "Spanish", "French", "Chinese").
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
LANGS = ("de", "es", "fr", "zh")
KINDS = ("direct", "reported", "mixed")
# quotation marks per language: (opening, closing)
MARKS = {
    "de": ("„»", "“«"),
    "es": ("«“»", "»”"),  # » also opens a continued paragraph (RAE "comillas de seguir")
    "fr": ("«“", "»”"),
    "zh": ("“「", "”」"),
}
PRONOUNS = {
    "de": {"er", "sie", "Er", "Sie"},
    "es": {"quien", "él", "ella", "lui"},
    "fr": {"il", "elle", "Il", "Elle", "lui"},
    "zh": {"他", "她"},
}
MIN_ATTRIBUTIONS = 30


@dataclass(frozen=True)
class F:
    """A part of the text: the ``n``-th occurrence of ``text`` (inside the ``wn``-th
    occurrence of ``within`` when given)."""

    text: str
    n: int | None = None
    within: str | None = None
    wn: int | None = None


Part = str | F
Role = Part | list[Part] | None


def A(kind: str, speaker: str | None, source: Role, cue: Role, content: Part | list[Part],
      marks_are_names: bool = False) -> dict[str, Any]:
    """One attribution. ``speaker``: ``per:NAME`` / ``org:NAME`` or None (an unnamed
    person, a group, a document without a named issuer). ``marks_are_names``: the content
    of a ``reported`` attribution holds quotation marks that mark a name, not a quotation."""
    return {"kind": kind, "speaker": speaker, "source": source, "cue": cue,
            "content": content, "marks_are_names": marks_are_names}


# =========================================================================================
# German
# =========================================================================================

DE: list[dict[str, Any]] = [
    {   # 1
        "date": "2024-11-15",
        "title": "Neuer Tiefwasserhafen in Kesselbrück eröffnet",
        "paras": [
            "Wirtschaftsminister Holger Wendt hat am Freitag den neuen Tiefwasserhafen in Kesselbrück an der Nordseeküste eröffnet. Wirtschaft und Politik seien hier „gute Partner, die einander vertrauen“, so Wendt bei der Zeremonie, zu der mehr als 2.000 Gäste gekommen waren.",
            "Die Landrätin des Kreises Marschland, Birte Oltmanns, empfing den Minister am Kai. Der Hafen werde die Transportzeit für Waren nach Skandinavien um rund einen Tag verkürzen, sagte sie. „Kesselbrück wird zum Tor des Nordens“, betonte die Landrätin.",
            "Die Anlage gehört mehrheitlich dem Logistikkonzern Hanseport Holding und hat rund 900 Millionen Euro gekostet. Umweltverbände warnen seit Monaten, die Vertiefung der Fahrrinne könne das Wattenmeer dauerhaft schädigen. Im Unternehmen reagierte man gelassen. Die Vorwürfe seien „haltlos und überzogen“, teilte eine Sprecherin der Hanseport Holding mit.",
            "Land und Unternehmen erklärten am Abend, sie wollten noch in diesem Jahr über einen zweiten Bauabschnitt verhandeln. Für die strukturschwache Region ist der Hafen schon heute der größte Arbeitgeber.",
        ],
        "quotes": [
            A("mixed", "per:Holger Wendt", F("Wendt", within="so Wendt bei"), F("so", within="so Wendt bei"),
              "Wirtschaft und Politik seien hier „gute Partner, die einander vertrauen“"),
            A("reported", "per:Birte Oltmanns", F("sie", within="sagte sie"), F("sagte", within="sagte sie"),
              "Der Hafen werde die Transportzeit für Waren nach Skandinavien um rund einen Tag verkürzen"),
            A("direct", "per:Birte Oltmanns", "die Landrätin", "betonte",
              "„Kesselbrück wird zum Tor des Nordens“"),
            A("reported", None, "Umweltverbände", "warnen",
              "die Vertiefung der Fahrrinne könne das Wattenmeer dauerhaft schädigen"),
            A("mixed", None, "eine Sprecherin der Hanseport Holding",
              [F("teilte"), F("mit", within="Holding mit")],
              "Die Vorwürfe seien „haltlos und überzogen“"),
            A("reported", None, "Land und Unternehmen", "erklärten",
              "sie wollten noch in diesem Jahr über einen zweiten Bauabschnitt verhandeln"),
        ],
    },
    {   # 2
        "date": "2024-11-07",
        "title": "Kessler will im Dezember die Vertrauensfrage stellen",
        "paras": [
            "Nach dem Bruch der Dreierkoalition bemüht sich Ministerpräsident Martin Kessler um Ruhe. Kessler sagte am Donnerstag in der Hauptstadt, die Regierung sei handlungsfähig und werde dringende Vorhaben wie die Stabilisierung der Rentenbeiträge weiter vorantreiben.",
            "Der Regierungschef will am 16. Dezember im Parlament die Vertrauensfrage stellen. „Ich will den Weg für eine Neuwahl freimachen, aber nicht im Chaos“, sagte er. „Das Land braucht jetzt Klarheit und keine Spielchen.“",
            "Oppositionsführer Friedrich Amberg ist das zu spät. „Es gibt keinen Grund, noch wochenlang zu warten“, sagte der Vorsitzende der Bürgerpartei, „jeder Tag mit dieser Regierung ist ein verlorener Tag für das Land.“ Die Bürgerpartei liegt in den Umfragen deutlich vorn.",
            "Im Präsidialamt bereitet man sich unterdessen auf eine mögliche Auflösung des Parlaments vor. Staatspräsidentin Helga Brandes sei bereit, die Kammer zügig aufzulösen, falls der Regierungschef die Vertrauensfrage verliere, teilte das Präsidialamt mit. Laut Wahlleiterin Ruth Sommer wäre eine Wahl Ende Februar organisatorisch machbar.",
        ],
        "quotes": [
            A("reported", "per:Martin Kessler", F("Kessler", within="Kessler sagte"), F("sagte", within="Kessler sagte"),
              "die Regierung sei handlungsfähig und werde dringende Vorhaben wie die Stabilisierung der Rentenbeiträge weiter vorantreiben"),
            A("direct", "per:Martin Kessler", F("er", within="sagte er."), F("sagte", within="sagte er."),
              ["„Ich will den Weg für eine Neuwahl freimachen, aber nicht im Chaos“",
               "„Das Land braucht jetzt Klarheit und keine Spielchen.“"]),
            A("direct", "per:Friedrich Amberg", "der Vorsitzende der Bürgerpartei", F("sagte", within="sagte der Vorsitzende"),
              ["„Es gibt keinen Grund, noch wochenlang zu warten“",
               "„jeder Tag mit dieser Regierung ist ein verlorener Tag für das Land.“"]),
            A("reported", "org:Präsidialamt", F("das Präsidialamt"), [F("teilte"), F("mit", within="Präsidialamt mit")],
              "Staatspräsidentin Helga Brandes sei bereit, die Kammer zügig aufzulösen, falls der Regierungschef die Vertrauensfrage verliere"),
            A("reported", "per:Ruth Sommer", "Wahlleiterin Ruth Sommer", "Laut",
              "wäre eine Wahl Ende Februar organisatorisch machbar"),
        ],
    },
    {   # 3
        "date": "2024-09-16",
        "title": "Hochwasser: Lage an der Sander spitzt sich zu",
        "paras": [
            "Nach tagelangem Starkregen kämpfen mehrere Regionen im Osten des Landes gegen schwere Überschwemmungen. Mindestens 21 Menschen kamen bislang ums Leben. Regierungspräsident Peter Lindner rief für den Bezirk den Katastrophenfall aus.",
            "„Die nächsten Stunden werden entscheidend sein“, sagte Lindner bei einer Krisensitzung in Brennau. Der Damm an der Sander sei bisher stabil, die Lage aber „äußerst angespannt“.",
            "Besonders schwer betroffen ist der Kreis Tullfeld. Der gesamte Landkreis sei zum Katastrophengebiet erklärt worden, teilte die Kreisverwaltung mit. Innenministerin Karla Nehmeyer besuchte am Montag überflutete Gemeinden. „Wir lassen niemanden allein“, sagte die Sozialdemokratin dort.",
            "Am Montag ließ der Regen etwas nach. Entwarnung gibt es jedoch nicht: Laut Landeswetterdienst könnten die Pegel der Sander und ihrer Nebenflüsse weiter steigen. Der Sprecher des Brennauer Umweltamts, Karsten Fischer, sagte, man sei „auf alles vorbereitet“.",
        ],
        "quotes": [
            A("direct", "per:Peter Lindner", F("Lindner", within="sagte Lindner"), F("sagte", within="sagte Lindner"),
              "„Die nächsten Stunden werden entscheidend sein“"),
            # reported speech marked by the Konjunktiv alone: no cue, no source in its sentence
            A("mixed", "per:Peter Lindner", None, None,
              "Der Damm an der Sander sei bisher stabil, die Lage aber „äußerst angespannt“"),
            A("reported", "org:Kreisverwaltung Tullfeld", "die Kreisverwaltung", [F("teilte"), F("mit", within="Kreisverwaltung mit")],
              "Der gesamte Landkreis sei zum Katastrophengebiet erklärt worden"),
            A("direct", "per:Karla Nehmeyer", "die Sozialdemokratin", F("sagte", within="sagte die Sozialdemokratin"),
              "„Wir lassen niemanden allein“"),
            A("reported", "org:Landeswetterdienst", "Landeswetterdienst", "Laut",
              "könnten die Pegel der Sander und ihrer Nebenflüsse weiter steigen"),
            A("mixed", "per:Karsten Fischer", "Der Sprecher des Brennauer Umweltamts, Karsten Fischer", F("sagte", within="Fischer, sagte"),
              "man sei „auf alles vorbereitet“"),
        ],
    },
    {   # 4
        "date": "2024-10-28",
        "title": "Brenner Motoren will Werke im Inland schließen",
        "paras": [
            "Der Autohersteller Brenner Motoren will erstmals in seiner Geschichte Werke im Inland schließen. Das teilte Betriebsratschefin Daniela Kowalski am Montag vor Tausenden Beschäftigten im Stammwerk Halsted mit. Der Vorstand plane, mindestens drei Standorte aufzugeben und Zehntausende Stellen abzubauen, sagte sie. „Das ist der Plan, den Ausverkauf am Standort einzuleiten“, rief Kowalski unter lautem Protest der Belegschaft.",
            "Der Konzern steht unter massivem Kostendruck, vor allem die Nachfrage nach Elektroautos ist eingebrochen. Personalvorstand Gunnar Kiehl erklärte, ohne umfassende Maßnahmen sei Brenner nicht in der Lage, in notwendige Zukunftstechnologien zu investieren. Die Lage sei „sehr ernst“, hieß es aus dem Unternehmen.",
            "Bei der Gewerkschaft Metall und Technik herrscht Empörung. „Mit uns wird es keine Werksschließungen geben“, sagte Bezirksleiter Thorsten Gräber. In der kommenden Woche beginnt die zweite Runde der Tarifverhandlungen.",
        ],
        "quotes": [
            # "Das" takes up the sentence before: the content is that sentence
            A("reported", "per:Daniela Kowalski", "Betriebsratschefin Daniela Kowalski", [F("teilte"), F("mit", within="Halsted mit")],
              "Der Autohersteller Brenner Motoren will erstmals in seiner Geschichte Werke im Inland schließen"),
            A("reported", "per:Daniela Kowalski", F("sie", within="sagte sie"), F("sagte", within="sagte sie"),
              "Der Vorstand plane, mindestens drei Standorte aufzugeben und Zehntausende Stellen abzubauen"),
            A("direct", "per:Daniela Kowalski", F("Kowalski", within="rief Kowalski"), "rief",
              "„Das ist der Plan, den Ausverkauf am Standort einzuleiten“"),
            A("reported", "per:Gunnar Kiehl", "Personalvorstand Gunnar Kiehl", "erklärte",
              "ohne umfassende Maßnahmen sei Brenner nicht in der Lage, in notwendige Zukunftstechnologien zu investieren"),
            A("mixed", "org:Brenner Motoren", "dem Unternehmen", "hieß es",
              "Die Lage sei „sehr ernst“"),
            A("direct", "per:Thorsten Gräber", "Bezirksleiter Thorsten Gräber", F("sagte", within="sagte Bezirksleiter"),
              "„Mit uns wird es keine Werksschließungen geben“"),
        ],
    },
    {   # 5
        "date": "2024-11-24",
        "title": "Klimakonferenz einigt sich auf neues Finanzziel",
        "paras": [
            "Nach zähen Verhandlungen hat sich die UN-Klimakonferenz auf ein neues Finanzziel geeinigt. Die Industriestaaten sollen bis 2035 jährlich mindestens 300 Milliarden Dollar für Klimaschutz und Anpassung in ärmeren Ländern bereitstellen. Konferenzpräsident Elias Moreno erklärte, das Ergebnis zeige, dass multilaterale Zusammenarbeit funktioniere.",
            "Umweltministerin Annika Berger hatte bis zuletzt mitverhandelt. Sie sagte in der Nacht zum Sonntag: „Wir haben nicht alles erreicht, was wir uns vorgenommen hatten. Aber wir haben verhindert, dass diese Konferenz scheitert und die verletzlichsten Staaten mit leeren Händen nach Hause fahren.",
            "„Das ist ein Anfang, nicht das Ende. Wir werden in den kommenden Jahren jeden Euro brauchen, den wir mobilisieren können.“",
            "Vertreter afrikanischer und pazifischer Staaten reagierten enttäuscht. Der Betrag sei „ein Witz“, sagte der Verhandlungsführer der Inselstaaten, Joseph Talei, der für mehr als 40 Länder sprach. Nach Berechnungen unabhängiger Ökonomen wären mindestens 1,3 Billionen Dollar pro Jahr nötig.",
            "Das Umweltministerium teilte mit, die Regierung werde ihren Beitrag von zuletzt rund sechs Milliarden Euro jährlich mindestens halten. Die nächste Konferenz findet in einem Jahr in Südamerika statt.",
        ],
        "quotes": [
            A("reported", "per:Elias Moreno", "Konferenzpräsident Elias Moreno", "erklärte",
              "das Ergebnis zeige, dass multilaterale Zusammenarbeit funktioniere"),
            # a quote of two paragraphs: the second reopens the quotation mark
            A("direct", "per:Annika Berger", F("Sie", within="Sie sagte"), F("sagte", within="Sie sagte"),
              ["„Wir haben nicht alles erreicht, was wir uns vorgenommen hatten. Aber wir haben verhindert, dass diese Konferenz scheitert und die verletzlichsten Staaten mit leeren Händen nach Hause fahren.",
               "„Das ist ein Anfang, nicht das Ende. Wir werden in den kommenden Jahren jeden Euro brauchen, den wir mobilisieren können.“"]),
            A("mixed", "per:Joseph Talei", "der Verhandlungsführer der Inselstaaten, Joseph Talei, der für mehr als 40 Länder sprach",
              F("sagte", within="„ein Witz“, sagte"),
              "Der Betrag sei „ein Witz“"),
            A("reported", None, "unabhängiger Ökonomen", "Nach Berechnungen",
              "wären mindestens 1,3 Billionen Dollar pro Jahr nötig"),
            A("reported", "org:Umweltministerium", "Das Umweltministerium", "teilte mit",
              "die Regierung werde ihren Beitrag von zuletzt rund sechs Milliarden Euro jährlich mindestens halten"),
        ],
    },
    {   # 6
        "date": "2024-07-06",
        "title": "Pokal-Aus nach Verlängerung: Brennau hadert mit dem Schiedsrichter",
        "paras": [
            "Der FC Brennau ist im Viertelfinale des Pokals ausgeschieden. Nach dem 1:2 nach Verlängerung gegen Eintracht Sandau rang Trainer Julian Neumeyer um Fassung. „Wir hätten es verdient gehabt, weiterzukommen“, sagte er mit Tränen in den Augen.",
            "Vor allem ein nicht gegebenes Handspiel von Sandaus Verteidiger Marco Cuesta in der Verlängerung sorgte für Ärger. »Das ist ein klarer Elfmeter«, sagte Kapitän Deniz Arslan, »jeder im Stadion hat das gesehen, nur der Schiedsrichter nicht.«",
            "Beim Verband sieht man das anders. Das Handspiel sei nach den geltenden Regeln nicht strafbar gewesen, teilte ein Sprecher des Verbands am Samstag mit.",
            "Für Tobias Kranz war es das letzte Spiel seiner Karriere. »Ich bin unglaublich stolz auf diese Mannschaft«, sagte der 34-Jährige. Er habe sich einen anderen Abschied gewünscht, aber der Fußball sei manchmal ungerecht, fügte er hinzu.",
            "Neumeyer bleibt trotz des Ausscheidens Trainer. Der Verein hatte seinen Vertrag bereits im Frühjahr bis 2026 verlängert.",
        ],
        "quotes": [
            A("direct", "per:Julian Neumeyer", F("er", within="sagte er mit"), F("sagte", within="sagte er mit"),
              "„Wir hätten es verdient gehabt, weiterzukommen“"),
            # interrupted by ", sagte Kapitän Deniz Arslan, ": one content span of two fragments
            A("direct", "per:Deniz Arslan", "Kapitän Deniz Arslan", F("sagte", within="sagte Kapitän"),
              ["»Das ist ein klarer Elfmeter«",
               "»jeder im Stadion hat das gesehen, nur der Schiedsrichter nicht.«"]),
            A("reported", None, "ein Sprecher des Verbands", [F("teilte"), F("mit", within="Samstag mit")],
              "Das Handspiel sei nach den geltenden Regeln nicht strafbar gewesen"),
            A("direct", "per:Tobias Kranz", "der 34-Jährige", F("sagte", within="sagte der 34"),
              "»Ich bin unglaublich stolz auf diese Mannschaft«"),
            A("reported", "per:Tobias Kranz", F("er", within="fügte er hinzu"), [F("fügte"), F("hinzu")],
              "Er habe sich einen anderen Abschied gewünscht, aber der Fußball sei manchmal ungerecht"),
        ],
    },
    {   # 7
        "date": "2025-02-03",
        "title": "Regierung stellt sich auf neue US-Zölle ein",
        "paras": [
            "Nach der Ankündigung neuer Zölle aus Washington stellt sich die Regierung auf schwierigere Zeiten ein. Regierungssprecher Steffen Hollweg sagte am Montag, der Regierungschef habe noch am Abend mit dem Weißen Haus telefoniert.",
            "Sorgen bereitet vor allem die Höhe der Zölle. „Wenn die USA Zölle von zehn oder zwanzig Prozent auf alle Importe erheben, trifft das unsere Exportwirtschaft ins Mark“, sagte Wirtschaftsminister Robert Halm. Europa müsse darauf „geschlossen und selbstbewusst“ antworten, betonte er.",
            "Auch in der Wirtschaft ist die Sorge groß. In einer Mitteilung des Verbands der Exportindustrie (VEI) hieß es, ein Handelskonflikt mit dem wichtigsten Exportmarkt wäre „Gift für die ohnehin schwache Konjunktur“.",
            "Oppositionschef Konrad Lehmann mahnte, das Land dürfe sich nicht länger allein auf seine Verbündeten verlassen. »Wir müssen mehr für unsere eigene Sicherheit tun«, sagte er im Parlament. »Das gilt unabhängig davon, wer in Washington regiert.«",
        ],
        "quotes": [
            A("reported", "per:Steffen Hollweg", "Regierungssprecher Steffen Hollweg", F("sagte", within="Hollweg sagte"),
              "der Regierungschef habe noch am Abend mit dem Weißen Haus telefoniert"),
            A("direct", "per:Robert Halm", "Wirtschaftsminister Robert Halm", F("sagte", within="sagte Wirtschaftsminister"),
              "„Wenn die USA Zölle von zehn oder zwanzig Prozent auf alle Importe erheben, trifft das unsere Exportwirtschaft ins Mark“"),
            A("mixed", "per:Robert Halm", F("er", within="betonte er"), "betonte",
              "Europa müsse darauf „geschlossen und selbstbewusst“ antworten"),
            A("mixed", "org:Verband der Exportindustrie", "einer Mitteilung des Verbands der Exportindustrie (VEI)", "hieß es",
              "ein Handelskonflikt mit dem wichtigsten Exportmarkt wäre „Gift für die ohnehin schwache Konjunktur“"),
            A("reported", "per:Konrad Lehmann", "Oppositionschef Konrad Lehmann", "mahnte",
              "das Land dürfe sich nicht länger allein auf seine Verbündeten verlassen"),
            A("direct", "per:Konrad Lehmann", F("er", within="sagte er im"), F("sagte", within="sagte er im"),
              ["»Wir müssen mehr für unsere eigene Sicherheit tun«",
               "»Das gilt unabhängig davon, wer in Washington regiert.«"]),
        ],
    },
    {   # 8
        "date": "2024-12-12",
        "title": "Zentralbank senkt Leitzins zum vierten Mal",
        "paras": [
            "Die Zentralbank hat den Leitzins zum vierten Mal in diesem Jahr gesenkt. Der Einlagensatz sinkt um 0,25 Prozentpunkte auf 3,0 Prozent, wie die Notenbank am Donnerstag mitteilte.",
            "Die Inflation ist zuletzt deutlich gesunken. Sie werde sich im kommenden Jahr nachhaltig beim Zielwert von zwei Prozent einpendeln, sagte Notenbankchefin Claire Lambert. Zugleich sei die Wirtschaft schwächer als erwartet, räumte die Ökonomin ein. „Die Richtung ist klar, das Tempo nicht“, sagte Lambert auf die Frage nach weiteren Schritten.",
            "Ihr Stellvertreter Joachim Reiter ist vorsichtiger. Auf einer Pressekonferenz sagte er: „Wir dürfen den Sieg über die Inflation nicht zu früh verkünden. Die Preise für Dienstleistungen steigen weiterhin kräftig.",
            "„Ich halte weitere Zinsschritte im nächsten Jahr für möglich, aber sie sind kein Automatismus.“",
            "Laut einer Umfrage der Nachrichtenagentur Nordpress unter 30 Volkswirten dürfte der Einlagensatz bis zum Sommer auf 2,0 Prozent fallen.",
        ],
        "quotes": [
            A("reported", "org:Zentralbank", "die Notenbank", "mitteilte",
              "Der Einlagensatz sinkt um 0,25 Prozentpunkte auf 3,0 Prozent"),
            # "Sie" inside the content is the inflation, not a speaker
            A("reported", "per:Claire Lambert", "Notenbankchefin Claire Lambert", F("sagte", within="sagte Notenbankchefin"),
              "Sie werde sich im kommenden Jahr nachhaltig beim Zielwert von zwei Prozent einpendeln"),
            A("reported", "per:Claire Lambert", "die Ökonomin", [F("räumte"), F("ein", within="Ökonomin ein")],
              "Zugleich sei die Wirtschaft schwächer als erwartet"),
            A("direct", "per:Claire Lambert", F("Lambert", within="sagte Lambert"), F("sagte", within="sagte Lambert"),
              "„Die Richtung ist klar, das Tempo nicht“"),
            A("direct", "per:Joachim Reiter", F("er", within="sagte er:"), F("sagte", within="sagte er:"),
              ["„Wir dürfen den Sieg über die Inflation nicht zu früh verkünden. Die Preise für Dienstleistungen steigen weiterhin kräftig.",
               "„Ich halte weitere Zinsschritte im nächsten Jahr für möglich, aber sie sind kein Automatismus.“"]),
            A("reported", "org:Nordpress", "einer Umfrage der Nachrichtenagentur Nordpress unter 30 Volkswirten", "Laut",
              "dürfte der Einlagensatz bis zum Sommer auf 2,0 Prozent fallen"),
        ],
    },
    {   # 9
        "date": "2025-01-12",
        "title": "Waldbrände im Oberen Kesseltal: Zahl der Toten steigt auf 24",
        "paras": [
            "Die verheerenden Waldbrände im Oberen Kesseltal haben mindestens 24 Menschen das Leben gekostet. Das teilte die Rechtsmedizin des Landkreises am Sonntag mit. Mehr als 1.200 Gebäude wurden nach Angaben der Feuerwehr zerstört.",
            "Innenminister Gernot Niemann besuchte am Wochenende das verwüstete Dorf Kesselbach. „So etwas habe ich in meinem Leben noch nicht gesehen“, sagte der Minister. Er kündigte an, die Wasserversorgung während der Löscharbeiten untersuchen zu lassen. Mehrere Hydranten waren in der ersten Nacht trocken gefallen.",
            "Die Landrätin des Kreises, Karin Voss, steht in der Kritik, weil sie sich zum Zeitpunkt des Ausbruchs im Urlaub aufgehalten hatte. Sie sagte, die Behörden hätten alles getan, was möglich gewesen sei. Kritiker werfen ihr vor, bei der Feuerwehr gespart zu haben.",
            "Für die kommenden Tage ist keine Entspannung in Sicht. Die Windböen könnten Geschwindigkeiten von bis zu 110 Kilometern pro Stunde erreichen, so ein Meteorologe des Landeswetterdienstes.",
        ],
        "quotes": [
            A("reported", "org:Rechtsmedizin des Landkreises", "die Rechtsmedizin des Landkreises", [F("teilte"), F("mit", within="Sonntag mit")],
              "Die verheerenden Waldbrände im Oberen Kesseltal haben mindestens 24 Menschen das Leben gekostet"),
            # the cue sits inside the content's clause: one content span of two fragments
            A("reported", "org:Feuerwehr", F("der Feuerwehr", within="Angaben der Feuerwehr"), "nach Angaben",
              ["Mehr als 1.200 Gebäude wurden", "zerstört"]),
            A("direct", "per:Gernot Niemann", "der Minister", F("sagte", within="sagte der Minister"),
              "„So etwas habe ich in meinem Leben noch nicht gesehen“"),
            A("reported", "per:Gernot Niemann", F("Er", within="Er kündigte"), "kündigte an",
              "die Wasserversorgung während der Löscharbeiten untersuchen zu lassen"),
            A("reported", "per:Karin Voss", F("Sie", within="Sie sagte"), F("sagte", within="Sie sagte"),
              "die Behörden hätten alles getan, was möglich gewesen sei"),
            A("reported", None, "Kritiker", [F("werfen"), F("vor", within="ihr vor")],
              "bei der Feuerwehr gespart zu haben"),
            A("reported", None, "ein Meteorologe des Landeswetterdienstes", F("so", within="so ein Meteorologe"),
              "Die Windböen könnten Geschwindigkeiten von bis zu 110 Kilometern pro Stunde erreichen"),
        ],
    },
]

# =========================================================================================
# Spanish
# =========================================================================================

ES: list[dict[str, Any]] = [
    {   # 1
        "date": "2024-11-03",
        "title": "La dana deja más de 200 muertos en la comarca de Riberalta",
        "paras": [
            "El balance de víctimas de la dana que arrasó la comarca de Riberalta el pasado martes superó este domingo los 210 fallecidos, según el Centro de Coordinación de Emergencias. Decenas de personas siguen desaparecidas y miles de vecinos continúan sin agua potable.",
            "El Gobierno enviará 10.000 militares y policías adicionales a las zonas afectadas. «Sé que la respuesta no es suficiente, sé que hay problemas y carencias severas», afirmó el presidente del Gobierno, Andrés Molina, en una comparecencia en la capital. «Pero el Gobierno no va a dejar a nadie atrás».",
            "El presidente regional, Carlos Marín, aseguró que la alerta a los móviles se envió «en cuanto se tuvo constancia» del desbordamiento del barranco del Pozo. La oposición le reprocha que el aviso llegara pasadas las ocho de la tarde, cuando muchos pueblos ya estaban inundados.",
            "De acuerdo con el Servicio Nacional de Meteorología, en la localidad de Benialcázar cayeron 771 litros por metro cuadrado en un solo día. «Es un episodio sin precedentes en lo que llevamos de siglo», declaró el portavoz del organismo, Rubén del Castillo.",
        ],
        "quotes": [
            A("reported", "org:Centro de Coordinación de Emergencias", "el Centro de Coordinación de Emergencias", "según",
              "El balance de víctimas de la dana que arrasó la comarca de Riberalta el pasado martes superó este domingo los 210 fallecidos"),
            A("direct", "per:Andrés Molina", "el presidente del Gobierno, Andrés Molina", "afirmó",
              ["«Sé que la respuesta no es suficiente, sé que hay problemas y carencias severas»",
               "«Pero el Gobierno no va a dejar a nadie atrás»"]),
            A("mixed", "per:Carlos Marín", "El presidente regional, Carlos Marín", "aseguró",
              "que la alerta a los móviles se envió «en cuanto se tuvo constancia» del desbordamiento del barranco del Pozo"),
            A("reported", None, "La oposición", "reprocha",
              "que el aviso llegara pasadas las ocho de la tarde, cuando muchos pueblos ya estaban inundados"),
            A("reported", "org:Servicio Nacional de Meteorología", "el Servicio Nacional de Meteorología", "De acuerdo con",
              "en la localidad de Benialcázar cayeron 771 litros por metro cuadrado en un solo día"),
            A("direct", "per:Rubén del Castillo", "el portavoz del organismo, Rubén del Castillo", "declaró",
              "«Es un episodio sin precedentes en lo que llevamos de siglo»"),
        ],
    },
    {   # 2
        "date": "2025-01-14",
        "title": "La inflación cierra 2024 en su nivel más bajo en cuatro años",
        "paras": [
            "La inflación interanual se situó en el 117,8 % en diciembre, la cifra más baja desde 2020, según informó este martes el Instituto Nacional de Estadística y Censos. En el último mes del año, los precios subieron un 2,7 %.",
            "El presidente Julián Ferreyra reaccionó de inmediato en sus redes sociales. «La inflación está en caída libre y vamos a terminar con ella», escribió el mandatario, que gobierna desde diciembre de 2023 con un duro programa de ajuste fiscal.",
            "El ministro de Economía, Luis Cabrera, dijo que el Gobierno prevé eliminar en 2025 buena parte del control de cambios, el llamado cepo. «No vamos a hacer nada que ponga en riesgo lo conseguido —dijo Cabrera en una entrevista radial—, pero el cepo tiene los días contados».",
            "Sin embargo, la pobreza sigue afectando a casi la mitad de la población, de acuerdo con datos de la Universidad del Sur. «La recuperación todavía no llega a los barrios», señaló el director del Observatorio Social de esa universidad, Agustín Salinas.",
        ],
        "quotes": [
            A("reported", "org:Instituto Nacional de Estadística y Censos", "el Instituto Nacional de Estadística y Censos", "según informó",
              "La inflación interanual se situó en el 117,8 % en diciembre, la cifra más baja desde 2020"),
            A("direct", "per:Julián Ferreyra", "el mandatario, que gobierna desde diciembre de 2023 con un duro programa de ajuste fiscal", "escribió",
              "«La inflación está en caída libre y vamos a terminar con ella»"),
            A("reported", "per:Luis Cabrera", "El ministro de Economía, Luis Cabrera", F("dijo", within="Cabrera, dijo"),
              "que el Gobierno prevé eliminar en 2025 buena parte del control de cambios, el llamado cepo"),
            # interrupted by "—dijo Cabrera en una entrevista radial—,"
            A("direct", "per:Luis Cabrera", F("Cabrera", within="dijo Cabrera en"), F("dijo", within="dijo Cabrera en"),
              ["«No vamos a hacer nada que ponga en riesgo lo conseguido",
               "pero el cepo tiene los días contados»"]),
            A("reported", "org:Universidad del Sur", "datos de la Universidad del Sur", "de acuerdo con",
              "la pobreza sigue afectando a casi la mitad de la población"),
            A("direct", "per:Agustín Salinas", "el director del Observatorio Social de esa universidad, Agustín Salinas", "señaló",
              "«La recuperación todavía no llega a los barrios»"),
        ],
    },
    {   # 3
        "date": "2025-02-03",
        "title": "El Gobierno pacta una pausa de un mes en los aranceles",
        "paras": [
            "La presidenta, Claudia Serrano, informó este lunes de que los aranceles del 25 % que el país vecino pretendía imponer a las exportaciones nacionales quedarán suspendidos durante un mes. La medida iba a entrar en vigor el martes.",
            "«Tuvimos una buena conversación con mucho respeto», escribió Serrano tras hablar por teléfono con su homólogo. Según la mandataria, el país reforzará la frontera norte con 10.000 agentes de la Guardia Nacional para frenar el tráfico de drogas sintéticas.",
            "«Estoy muy satisfecho con este acuerdo inicial», declaró el jefe negociador del país vecino, Mark Delaney, en una red social. El otro gran socio comercial de la región obtuvo horas después una pausa similar.",
            "Un comunicado conjunto de las secretarías de Economía y de Relaciones Exteriores señaló que ambos países crearán grupos de trabajo sobre seguridad y comercio. El secretario de Economía, Marcelo Ibarra, aseguró que el objetivo es «evitar una guerra comercial que nadie gana».",
            "Los mercados reaccionaron con alivio: el peso se apreció un 1,5 % frente al dólar, según datos del banco central.",
        ],
        "quotes": [
            A("reported", "per:Claudia Serrano", "La presidenta, Claudia Serrano", "informó",
              "de que los aranceles del 25 % que el país vecino pretendía imponer a las exportaciones nacionales quedarán suspendidos durante un mes"),
            A("direct", "per:Claudia Serrano", F("Serrano", within="escribió Serrano"), "escribió",
              "«Tuvimos una buena conversación con mucho respeto»"),
            A("reported", "per:Claudia Serrano", "la mandataria", "Según",
              "el país reforzará la frontera norte con 10.000 agentes de la Guardia Nacional para frenar el tráfico de drogas sintéticas"),
            A("direct", "per:Mark Delaney", "el jefe negociador del país vecino, Mark Delaney", "declaró",
              "«Estoy muy satisfecho con este acuerdo inicial»"),
            A("reported", "org:Gobierno", "Un comunicado conjunto de las secretarías de Economía y de Relaciones Exteriores", "señaló",
              "que ambos países crearán grupos de trabajo sobre seguridad y comercio"),
            A("mixed", "per:Marcelo Ibarra", "El secretario de Economía, Marcelo Ibarra", "aseguró",
              "que el objetivo es «evitar una guerra comercial que nadie gana»"),
            A("reported", "org:banco central", "datos del banco central", F("según", within="según datos"),
              "el peso se apreció un 1,5 % frente al dólar"),
        ],
    },
    {   # 4
        "date": "2024-06-02",
        "title": "El Atlético Riberalta gana su cuarta Copa",
        "paras": [
            "El Atlético Riberalta se proclamó campeón de la Copa por cuarta vez tras derrotar 2-1 al Real Montemayor en la final disputada en el Estadio Olímpico de la capital. Mikel Otaegui marcó el gol decisivo a cuatro minutos del final.",
            "«Es el mejor día de mi vida deportiva», dijo el entrenador, Luis de la Vega, sobre el césped. «Este grupo ha demostrado que con humildad y trabajo se puede llegar a lo más alto».",
            "Saúl Medina, que fue elegido mejor jugador del torneo, señaló que el equipo nunca dudó de sus posibilidades. “Sabíamos que si teníamos el balón, ellos se iban a cansar”, explicó el centrocampista navarro.",
            "El joven Adrián Soler, que cumplió 17 años un día antes de la final, tampoco ocultó su emoción. “Ahora toca disfrutar —afirmó el extremo—. Esto es para toda la ciudad”.",
            "Según el club, los jugadores serán recibidos el lunes por la alcaldesa en el Ayuntamiento antes de celebrar el título con los aficionados en la plaza Mayor. El capitán, Javier Cordero, aseguró: «Vamos a celebrarlo como se merece».",
        ],
        "quotes": [
            A("direct", "per:Luis de la Vega", "el entrenador, Luis de la Vega", "dijo",
              ["«Es el mejor día de mi vida deportiva»",
               "«Este grupo ha demostrado que con humildad y trabajo se puede llegar a lo más alto»"]),
            A("reported", "per:Saúl Medina", "Saúl Medina, que fue elegido mejor jugador del torneo", "señaló",
              "que el equipo nunca dudó de sus posibilidades"),
            A("direct", "per:Saúl Medina", "el centrocampista navarro", "explicó",
              "“Sabíamos que si teníamos el balón, ellos se iban a cansar”"),
            # interrupted by "—afirmó el extremo—."
            A("direct", "per:Adrián Soler", "el extremo", "afirmó",
              ["“Ahora toca disfrutar", "Esto es para toda la ciudad”"]),
            A("reported", "org:Atlético Riberalta", "el club", "Según",
              "los jugadores serán recibidos el lunes por la alcaldesa en el Ayuntamiento antes de celebrar el título con los aficionados en la plaza Mayor"),
            A("direct", "per:Javier Cordero", "El capitán, Javier Cordero", "aseguró",
              "«Vamos a celebrarlo como se merece»"),
        ],
    },
    {   # 5
        "date": "2024-05-07",
        "title": "El Gobierno regional levanta la emergencia por sequía en Puerto Alcázar",
        "paras": [
            "El Gobierno regional dio por terminada este martes la emergencia por sequía en el área metropolitana de Puerto Alcázar, después de que las lluvias de la primavera elevaran las reservas de los embalses por encima del 25 %. La portavoz del Ejecutivo regional, Patricia Plaza, dijo en rueda de prensa que las restricciones se relajarán de forma progresiva. «Hoy es un buen día, pero no es un día para relajarse», añadió la portavoz.",
            "El consejero de Acción Climática, David Mascarell, fue más cauto. En declaraciones a la radio pública, afirmó: «La sequía no ha terminado, solo hemos ganado tiempo. Los embalses de Valdeosa y de La Encina siguen muy lejos de su nivel normal y el cambio climático hará que estos episodios sean cada vez más frecuentes.",
            "»Por eso vamos a seguir invirtiendo en desalinizadoras y en agua regenerada. No podemos depender solo de la lluvia».",
            "Según datos de la Agencia Regional del Agua, el consumo doméstico en la región bajó hasta los 170 litros por persona y día durante la emergencia. El sindicato agrario Unión de Agricultores del Valle declaró que las ayudas prometidas al campo «siguen sin llegar».",
        ],
        "quotes": [
            A("reported", "per:Patricia Plaza", "La portavoz del Ejecutivo regional, Patricia Plaza", "dijo",
              "que las restricciones se relajarán de forma progresiva"),
            A("direct", "per:Patricia Plaza", "la portavoz", "añadió",
              "«Hoy es un buen día, pero no es un día para relajarse»"),
            # subject left out (pro-drop): no source; the second paragraph opens with » (RAE)
            A("direct", "per:David Mascarell", None, "afirmó",
              ["«La sequía no ha terminado, solo hemos ganado tiempo. Los embalses de Valdeosa y de La Encina siguen muy lejos de su nivel normal y el cambio climático hará que estos episodios sean cada vez más frecuentes.",
               "»Por eso vamos a seguir invirtiendo en desalinizadoras y en agua regenerada. No podemos depender solo de la lluvia»"]),
            A("reported", "org:Agencia Regional del Agua", "datos de la Agencia Regional del Agua", "Según",
              "el consumo doméstico en la región bajó hasta los 170 litros por persona y día durante la emergencia"),
            A("mixed", "org:Unión de Agricultores del Valle", "El sindicato agrario Unión de Agricultores del Valle", "declaró",
              "que las ayudas prometidas al campo «siguen sin llegar»"),
        ],
    },
    {   # 6
        "date": "2024-07-29",
        "title": "Tensión tras las elecciones presidenciales",
        "paras": [
            "El Consejo Nacional Electoral proclamó al presidente Nicanor Mendoza ganador de las elecciones presidenciales del domingo con el 51,2 % de los votos. La coalición opositora Plataforma Unitaria aseguró que su candidato, Eduardo Gálvez, obtuvo una amplia mayoría.",
            "«El país tiene un nuevo presidente electo y es Eduardo Gálvez», declaró la líder opositora Lucía Benavides en la capital. Según sus cifras, basadas en el 73 % de las actas de votación, Gálvez habría obtenido cerca del 70 % de los sufragios.",
            "Mendoza celebró su victoria ante miles de seguidores frente al palacio presidencial. «Aquí no habrá ningún golpe —dijo el mandatario—; los resultados son irreversibles».",
            "El canciller del país vecino, Tomás Arce, declaró que su Gobierno tiene «serias dudas» sobre el recuento. Tres gobiernos de la región señalaron en un comunicado conjunto que las autoridades electorales deben publicar «de forma expedita» los datos desglosados por mesa.",
        ],
        "quotes": [
            A("reported", "org:Plataforma Unitaria", "La coalición opositora Plataforma Unitaria", "aseguró",
              "que su candidato, Eduardo Gálvez, obtuvo una amplia mayoría"),
            A("direct", "per:Lucía Benavides", "la líder opositora Lucía Benavides", F("declaró", within="declaró la líder"),
              "«El país tiene un nuevo presidente electo y es Eduardo Gálvez»"),
            # "sus cifras": the possessive points back to Benavides
            A("reported", "per:Lucía Benavides", "sus cifras, basadas en el 73 % de las actas de votación", "Según",
              "Gálvez habría obtenido cerca del 70 % de los sufragios"),
            A("direct", "per:Nicanor Mendoza", "el mandatario", "dijo",
              ["«Aquí no habrá ningún golpe", "los resultados son irreversibles»"]),
            A("mixed", "per:Tomás Arce", "El canciller del país vecino, Tomás Arce", F("declaró", within="Arce, declaró"),
              "que su Gobierno tiene «serias dudas» sobre el recuento"),
            A("mixed", None, "Tres gobiernos de la región", "señalaron",
              "que las autoridades electorales deben publicar «de forma expedita» los datos desglosados por mesa"),
        ],
    },
    {   # 7
        "date": "2025-01-30",
        "title": "La economía creció un 3,2 % en 2024",
        "paras": [
            "El producto interior bruto (PIB) creció un 3,2 % en 2024, según el avance publicado este jueves por el Instituto Nacional de Estadística (INE). Se trata de uno de los mayores crecimientos entre las grandes economías de la zona euro.",
            "El ministro de Economía, Carlos Medrano, afirmó que el país «sigue siendo el motor de Europa» gracias al turismo, la llegada de población extranjera y la inversión de los fondos europeos. «No nos podemos conformar», advirtió Medrano, quien señaló que la productividad y el acceso a la vivienda siguen siendo los grandes retos pendientes.",
            "La tasa de paro cerró el año en el 10,6 %, la más baja desde 2008, según la Encuesta de Población Activa. El Banco Central, por su parte, señaló en su informe trimestral que el crecimiento se moderará hasta el 2,5 % este año por la debilidad de sus principales socios comerciales.",
            "Desde la Confederación de Empresarios, su presidente, Antonio Garrido, dijo que muchas pequeñas empresas «todavía no notan» esa bonanza.",
        ],
        "quotes": [
            A("reported", "org:Instituto Nacional de Estadística", "el avance publicado este jueves por el Instituto Nacional de Estadística (INE)",
              F("según", within="según el avance"),
              "El producto interior bruto (PIB) creció un 3,2 % en 2024"),
            A("mixed", "per:Carlos Medrano", "El ministro de Economía, Carlos Medrano", "afirmó",
              "que el país «sigue siendo el motor de Europa» gracias al turismo, la llegada de población extranjera y la inversión de los fondos europeos"),
            A("direct", "per:Carlos Medrano", F("Medrano", within="advirtió Medrano"), "advirtió",
              "«No nos podemos conformar»"),
            # the relative pronoun is the source
            A("reported", "per:Carlos Medrano", "quien", F("señaló", within="quien señaló"),
              "que la productividad y el acceso a la vivienda siguen siendo los grandes retos pendientes"),
            A("reported", "org:Instituto Nacional de Estadística", "la Encuesta de Población Activa", F("según", within="según la Encuesta"),
              "La tasa de paro cerró el año en el 10,6 %, la más baja desde 2008"),
            A("reported", "org:Banco Central", "El Banco Central", F("señaló", within="su parte, señaló"),
              "que el crecimiento se moderará hasta el 2,5 % este año por la debilidad de sus principales socios comerciales"),
            A("mixed", "per:Antonio Garrido", "su presidente, Antonio Garrido", "dijo",
              "que muchas pequeñas empresas «todavía no notan» esa bonanza"),
        ],
    },
    {   # 8
        "date": "2024-02-04",
        "title": "Duelo nacional por los incendios de Valdemora",
        "paras": [
            "Al menos 112 personas han muerto en los incendios forestales que arrasan desde el viernes la región de Valdemora, de acuerdo con el último balance del Instituto de Medicina Legal. El presidente, Gabriel Ortúzar, decretó dos días de duelo nacional.",
            "«Estamos enfrentando una tragedia de enormes proporciones», dijo Ortúzar tras sobrevolar la zona de Viña Alta. El mandatario aseguró que el Estado pondrá «todos los recursos disponibles» para la reconstrucción y señaló que la cifra de fallecidos podría aumentar en las próximas horas.",
            "«Hay barrios completos que han desaparecido», declaró a la prensa la alcaldesa de Viña Alta, Macarena Robles. Según la Corporación Forestal, seguían activos 29 focos el domingo por la tarde.",
            "El brigadista Juan Pablo Soto lleva tres días sin dormir. «El fuego bajaba por las quebradas a una velocidad que nunca había visto. En minutos llegó a las casas y la gente salió corriendo con lo puesto.",
            "«Hemos sacado a familias enteras de entre el humo. Lo más duro es no poder llegar a todos», relata el brigadista.",
            "Según la Fiscalía regional, varios de los incendios podrían haber sido intencionados.",
        ],
        "quotes": [
            A("reported", "org:Instituto de Medicina Legal", "el último balance del Instituto de Medicina Legal", "de acuerdo con",
              "Al menos 112 personas han muerto en los incendios forestales que arrasan desde el viernes la región de Valdemora"),
            A("direct", "per:Gabriel Ortúzar", F("Ortúzar", within="dijo Ortúzar"), "dijo",
              "«Estamos enfrentando una tragedia de enormes proporciones»"),
            # two verbs share one subject: the same source for both
            A("mixed", "per:Gabriel Ortúzar", "El mandatario", "aseguró",
              "que el Estado pondrá «todos los recursos disponibles» para la reconstrucción"),
            A("reported", "per:Gabriel Ortúzar", "El mandatario", "señaló",
              "que la cifra de fallecidos podría aumentar en las próximas horas"),
            A("direct", "per:Macarena Robles", "la alcaldesa de Viña Alta, Macarena Robles", "declaró",
              "«Hay barrios completos que han desaparecido»"),
            A("reported", "org:Corporación Forestal", "la Corporación Forestal", F("Según", within="Según la Corporación"),
              "seguían activos 29 focos el domingo por la tarde"),
            A("direct", "per:Juan Pablo Soto", "el brigadista", "relata",
              ["«El fuego bajaba por las quebradas a una velocidad que nunca había visto. En minutos llegó a las casas y la gente salió corriendo con lo puesto.",
               "«Hemos sacado a familias enteras de entre el humo. Lo más duro es no poder llegar a todos»"]),
            A("reported", "org:Fiscalía regional", "la Fiscalía regional", F("Según", within="Según la Fiscalía"),
              "varios de los incendios podrían haber sido intencionados"),
        ],
    },
    {   # 9
        "date": "2025-02-04",
        "title": "El Gobierno aprueba reducir la jornada laboral a 37,5 horas",
        "paras": [
            "El Consejo de Ministros aprobó este martes el proyecto de ley que reduce la jornada laboral máxima de 40 a 37,5 horas semanales sin rebaja salarial. «Es una decisión histórica que mejora la vida de doce millones de trabajadores», dijo la ministra de Trabajo, Elena Robledo, en rueda de prensa.",
            "La portavoz del Gobierno, Pilar Almagro, señaló que la reforma no va «contra nadie», y mucho menos contra las empresas. Tras el Consejo de Ministros, la portavoz declaró que el Ejecutivo buscará el apoyo de todos los grupos parlamentarios para aprobarla antes del verano.",
            "La patronal reaccionó con dureza. El presidente de la Confederación de Empresarios, Jorge Larrañaga, afirmó en la red social X que la medida supone «un golpe a las pequeñas empresas».",
            "En un comunicado conjunto, los sindicatos mayoritarios indicaron que la reducción debe ir acompañada de un registro horario «eficaz y digital». De acuerdo con el Ministerio de Trabajo, la medida beneficiará sobre todo a los sectores del comercio, la hostelería y la agricultura.",
        ],
        "quotes": [
            A("direct", "per:Elena Robledo", "la ministra de Trabajo, Elena Robledo", "dijo",
              "«Es una decisión histórica que mejora la vida de doce millones de trabajadores»"),
            A("mixed", "per:Pilar Almagro", "La portavoz del Gobierno, Pilar Almagro", "señaló",
              "que la reforma no va «contra nadie», y mucho menos contra las empresas"),
            A("reported", "per:Pilar Almagro", "la portavoz", "declaró",
              "que el Ejecutivo buscará el apoyo de todos los grupos parlamentarios para aprobarla antes del verano"),
            A("mixed", "per:Jorge Larrañaga", "El presidente de la Confederación de Empresarios, Jorge Larrañaga", "afirmó",
              "que la medida supone «un golpe a las pequeñas empresas»"),
            A("mixed", None, "los sindicatos mayoritarios", "indicaron",
              "que la reducción debe ir acompañada de un registro horario «eficaz y digital»"),
            A("reported", "org:Ministerio de Trabajo", "el Ministerio de Trabajo", "De acuerdo con",
              "la medida beneficiará sobre todo a los sectores del comercio, la hostelería y la agricultura"),
        ],
    },
]

# =========================================================================================
# French (written with plain spaces and apostrophes; see _fr)
# =========================================================================================

FR: list[dict[str, Any]] = [
    {   # 1
        "date": "2024-12-04",
        "title": "Le gouvernement Aubrac renversé par une motion de censure",
        "paras": [
            "L'Assemblée a adopté mercredi soir une motion de censure contre le gouvernement de Philippe Aubrac, une première depuis plus de soixante ans. Le texte a recueilli 331 voix, a annoncé la présidente de l'Assemblée, Sylvie Lenoir.",
            "« Ce n'est pas par plaisir que je présente des mesures difficiles », avait déclaré Philippe Aubrac à la tribune avant le vote. « Cette motion ne réglera aucun des problèmes du pays », a-t-il ajouté.",
            "Pour la cheffe des députés du Parti national, Martine Lebrun, la censure était « la seule solution pour protéger les Français » d'un budget jugé injuste. Du côté de l'Union de gauche, Mathilde Perrot a estimé que le président de la République devait désormais « partir ».",
            "La présidence de la République a indiqué que le chef de l'État s'exprimerait jeudi soir à la télévision. Selon son entourage, Laurent Dumas souhaite nommer un nouveau Premier ministre « dans les prochains jours ».",
        ],
        "quotes": [
            A("reported", "per:Sylvie Lenoir", "la présidente de l'Assemblée, Sylvie Lenoir", "a annoncé",
              "Le texte a recueilli 331 voix"),
            A("direct", "per:Philippe Aubrac", F("Philippe Aubrac", within="déclaré Philippe Aubrac"), "avait déclaré",
              "« Ce n'est pas par plaisir que je présente des mesures difficiles »"),
            # inverted "a-t-il ajouté": the cue is "a ... ajouté", the source "il"
            A("direct", "per:Philippe Aubrac", F("il", within="a-t-il ajouté"),
              [F("a", within="a-t-il ajouté"), F("ajouté", within="a-t-il ajouté")],
              "« Cette motion ne réglera aucun des problèmes du pays »"),
            A("mixed", "per:Martine Lebrun", "la cheffe des députés du Parti national, Martine Lebrun", "Pour",
              "la censure était « la seule solution pour protéger les Français » d'un budget jugé injuste"),
            A("mixed", "per:Mathilde Perrot", "Mathilde Perrot", "a estimé",
              "que le président de la République devait désormais « partir »"),
            A("reported", "org:présidence de la République", "La présidence de la République", "a indiqué",
              "que le chef de l'État s'exprimerait jeudi soir à la télévision"),
            A("mixed", None, "son entourage", "Selon",
              "Laurent Dumas souhaite nommer un nouveau Premier ministre « dans les prochains jours »"),
        ],
    },
    {   # 2
        "date": "2024-11-05",
        "title": "Vernier va fermer deux usines",
        "paras": [
            "Le fabricant de pneumatiques Vernier a annoncé mardi qu'il fermerait ses usines de Saint-Aubin-sur-Loire et de Kervénec d'ici à 2026. Quelque 1 254 salariés sont concernés.",
            "« C'est une décision extrêmement difficile, mais elle est inévitable », a déclaré le directeur général du groupe, Florent Ménard. Les ventes de pneus pour camionnettes et poids lourds se sont effondrées face à la concurrence asiatique.",
            "Élue syndicale à Saint-Aubin, Sandrine Leroux ne cache pas sa colère. « On nous a menti pendant des mois, estime-t-elle. La direction savait depuis longtemps que ces usines allaient fermer. »",
            "Le ministre de l'Industrie, Marc Ferrand, a affirmé que l'État serait « extrêmement vigilant » sur le reclassement des salariés. Selon le ministère, Vernier devra créer autant d'emplois qu'il en supprime dans les deux bassins. La porte-parole du gouvernement, Maud Berthier, a indiqué que le dossier serait évoqué en Conseil des ministres.",
        ],
        "quotes": [
            A("reported", "org:Vernier", "Le fabricant de pneumatiques Vernier", "a annoncé",
              "qu'il fermerait ses usines de Saint-Aubin-sur-Loire et de Kervénec d'ici à 2026"),
            A("direct", "per:Florent Ménard", "le directeur général du groupe, Florent Ménard", "a déclaré",
              "« C'est une décision extrêmement difficile, mais elle est inévitable »"),
            # « A, estime-t-elle. B. »: one pair of guillemets around the interruption
            A("direct", "per:Sandrine Leroux", F("elle", within="estime-t-elle"), F("estime", within="estime-t-elle"),
              ["« On nous a menti pendant des mois",
               "La direction savait depuis longtemps que ces usines allaient fermer. »"]),
            A("mixed", "per:Marc Ferrand", "Le ministre de l'Industrie, Marc Ferrand", "a affirmé",
              "que l'État serait « extrêmement vigilant » sur le reclassement des salariés"),
            A("reported", "org:ministère de l'Industrie", "le ministère", "Selon",
              "Vernier devra créer autant d'emplois qu'il en supprime dans les deux bassins"),
            A("reported", "per:Maud Berthier", "La porte-parole du gouvernement, Maud Berthier", "a indiqué",
              "que le dossier serait évoqué en Conseil des ministres"),
        ],
    },
    {   # 3
        "date": "2024-12-15",
        "title": "L'île de Sainte-Rose dévastée par le cyclone Kelani",
        "paras": [
            "Le cyclone Kelani a frappé samedi l'île de Sainte-Rose avec des rafales dépassant 220 km/h, selon le service météorologique régional. Il s'agit du cyclone le plus violent à toucher le territoire depuis plus de 90 ans.",
            "Le préfet de Sainte-Rose, François-Xavier Bellanger, a déclaré qu'il y aurait « certainement plusieurs centaines » de morts. « Il sera très difficile d'avoir un bilan définitif », a-t-il dit sur la radio locale.",
            "En visite sur l'île jeudi, le président Laurent Dumas s'est adressé aux habitants du chef-lieu. Il a déclaré : « Je veux d'abord dire aux habitants de Sainte-Rose que la Nation tout entière est à leurs côtés. Nous allons reconstruire, et nous allons reconstruire vite.",
            "« Mais je veux aussi être honnête : cela prendra des mois, et il faudra revoir la manière dont nous luttons contre l'habitat précaire. »",
            "Le communiqué publié par le ministère de l'Intérieur indique que 800 membres de la sécurité civile ont été dépêchés sur place. L'ONG Secours sans frontières a affirmé que l'accès à l'eau potable était « la priorité absolue ».",
        ],
        "quotes": [
            A("reported", "org:service météorologique régional", "le service météorologique régional", "selon",
              "Le cyclone Kelani a frappé samedi l'île de Sainte-Rose avec des rafales dépassant 220 km/h"),
            A("mixed", "per:François-Xavier Bellanger", "Le préfet de Sainte-Rose, François-Xavier Bellanger", F("a déclaré", within="Bellanger, a déclaré"),
              "qu'il y aurait « certainement plusieurs centaines » de morts"),
            A("direct", "per:François-Xavier Bellanger", F("il", within="a-t-il dit"),
              [F("a", within="a-t-il dit"), F("dit", within="a-t-il dit")],
              "« Il sera très difficile d'avoir un bilan définitif »"),
            # two paragraphs, the second reopens the guillemet
            A("direct", "per:Laurent Dumas", F("Il", within="Il a déclaré"), F("a déclaré", within="Il a déclaré"),
              ["« Je veux d'abord dire aux habitants de Sainte-Rose que la Nation tout entière est à leurs côtés. Nous allons reconstruire, et nous allons reconstruire vite.",
               "« Mais je veux aussi être honnête : cela prendra des mois, et il faudra revoir la manière dont nous luttons contre l'habitat précaire. »"]),
            A("reported", "org:ministère de l'Intérieur", "Le communiqué publié par le ministère de l'Intérieur", "indique",
              "que 800 membres de la sécurité civile ont été dépêchés sur place"),
            A("mixed", "org:Secours sans frontières", "L'ONG Secours sans frontières", "a affirmé",
              "que l'accès à l'eau potable était « la priorité absolue »"),
        ],
    },
    {   # 4
        "date": "2024-08-02",
        "title": "Hugo Delorme, roi de la piscine olympique",
        "paras": [
            "Hugo Delorme a décroché vendredi soir son quatrième titre olympique, sur 200 m quatre nages. Le nageur toulousain de 22 ans devient le premier Français à remporter quatre médailles d'or lors des mêmes Jeux.",
            "« Je n'arrive toujours pas à réaliser ce qui m'arrive », a confié Hugo Delorme au micro de la télévision publique. « Le public m'a porté, dit-il, je n'ai jamais entendu un bruit pareil dans une piscine. »",
            "Son entraîneur américain, Bill Harmon, a estimé que Delorme était « le nageur le plus complet du monde à l'heure actuelle ». Selon lui, le Français peut encore progresser sur 400 m quatre nages.",
            "Dans un message publié sur X, le président Laurent Dumas a écrit : « Hugo, tu fais rêver toute la France ! » Le porte-parole du comité d'organisation a indiqué que la salle affichait complet pour la neuvième soirée consécutive.",
        ],
        "quotes": [
            A("direct", "per:Hugo Delorme", F("Hugo Delorme", within="confié Hugo Delorme"), "a confié",
              "« Je n'arrive toujours pas à réaliser ce qui m'arrive »"),
            A("direct", "per:Hugo Delorme", F("il", within="dit-il"), F("dit", within="dit-il"),
              ["« Le public m'a porté",
               "je n'ai jamais entendu un bruit pareil dans une piscine. »"]),
            A("mixed", "per:Bill Harmon", "Son entraîneur américain, Bill Harmon", "a estimé",
              "que Delorme était « le nageur le plus complet du monde à l'heure actuelle »"),
            A("reported", "per:Bill Harmon", F("lui", within="Selon lui"), "Selon",
              "le Français peut encore progresser sur 400 m quatre nages"),
            A("direct", "per:Laurent Dumas", "le président Laurent Dumas", "a écrit",
              "« Hugo, tu fais rêver toute la France ! »"),
            A("reported", None, "Le porte-parole du comité d'organisation", "a indiqué",
              "que la salle affichait complet pour la neuvième soirée consécutive"),
        ],
    },
    {   # 5
        "date": "2024-12-06",
        "title": "Accord UE-Mercosur : Paris maintient son opposition",
        "paras": [
            "La négociatrice en chef de la Commission européenne, Ingrid Vos, a conclu vendredi à Montevideo les discussions sur l'accord de libre-échange entre l'Union européenne et le Mercosur. « C'est une victoire pour l'Europe », a-t-elle déclaré devant la presse.",
            "À Paris, la réaction a été immédiate. L'accord est « inacceptable en l'état », a affirmé la présidence de la République dans un communiqué. Le texte précise que la France « continuera à défendre sans relâche sa souveraineté agricole ».",
            "La ministre de l'Agriculture, Annie Germain, estime que le compromis trouvé ne protège pas suffisamment les éleveurs. « Nos agriculteurs ne peuvent pas être la variable d'ajustement de la politique commerciale européenne », insiste-t-elle.",
            "Selon le premier syndicat agricole, des actions de protestation sont prévues dans plusieurs départements dès la semaine prochaine. « Ce traité sera bon pour nos deux continents », a dit de son côté le négociateur en chef du Mercosur, Andrés Pereira.",
        ],
        "quotes": [
            A("direct", "per:Ingrid Vos", F("elle", within="a-t-elle déclaré"),
              [F("a", within="a-t-elle déclaré"), F("déclaré", within="a-t-elle déclaré")],
              "« C'est une victoire pour l'Europe »"),
            A("mixed", "org:présidence de la République", "la présidence de la République", "a affirmé",
              "L'accord est « inacceptable en l'état »"),
            # the communiqué of the sentence before speaks for its issuer
            A("mixed", "org:présidence de la République", "Le texte", "précise",
              "que la France « continuera à défendre sans relâche sa souveraineté agricole »"),
            A("reported", "per:Annie Germain", "La ministre de l'Agriculture, Annie Germain", "estime",
              "que le compromis trouvé ne protège pas suffisamment les éleveurs"),
            A("direct", "per:Annie Germain", F("elle", within="insiste-t-elle"), F("insiste", within="insiste-t-elle"),
              "« Nos agriculteurs ne peuvent pas être la variable d'ajustement de la politique commerciale européenne »"),
            A("reported", None, "le premier syndicat agricole", "Selon",
              "des actions de protestation sont prévues dans plusieurs départements dès la semaine prochaine"),
            A("direct", "per:Andrés Pereira", "le négociateur en chef du Mercosur, Andrés Pereira", "a dit",
              "« Ce traité sera bon pour nos deux continents »"),
        ],
    },
    {   # 6
        "date": "2025-01-14",
        "title": "L'inflation retombe à 1,3 % en décembre",
        "paras": [
            "L'inflation a ralenti à 1,3 % sur un an en décembre, a indiqué mardi l'institut national de la statistique dans une estimation provisoire. Les prix de l'énergie ont reculé de 3,6 %, tandis que ceux des services ont progressé de 2,4 %.",
            "Le gouverneur de la banque centrale, François Verdier, a affirmé que la bataille contre l'inflation était « gagnée ». « Nous pouvons désormais baisser les taux d'intérêt de façon plus rapide, a-t-il dit, sans mettre en danger la stabilité des prix. »",
            "L'économiste Mathilde Blanc, de l'Institut d'études conjoncturelles (IEC), juge toutefois que le ralentissement des prix masque une consommation « atone ». Les ménages continuent d'épargner massivement.",
            "Le ministère de l'Économie a fait savoir que la prévision de croissance pour 2025 serait abaissée à 0,9 %. D'après l'Observatoire européen des prix, la France devrait rester l'un des pays les moins inflationnistes de la zone euro.",
        ],
        "quotes": [
            A("reported", "org:institut national de la statistique", "l'institut national de la statistique", "a indiqué",
              "L'inflation a ralenti à 1,3 % sur un an en décembre"),
            A("mixed", "per:François Verdier", "Le gouverneur de la banque centrale, François Verdier", "a affirmé",
              "que la bataille contre l'inflation était « gagnée »"),
            A("direct", "per:François Verdier", F("il", within="a-t-il dit"),
              [F("a", within="a-t-il dit"), F("dit", within="a-t-il dit")],
              ["« Nous pouvons désormais baisser les taux d'intérêt de façon plus rapide",
               "sans mettre en danger la stabilité des prix. »"]),
            A("mixed", "per:Mathilde Blanc", "L'économiste Mathilde Blanc, de l'Institut d'études conjoncturelles (IEC)", "juge",
              "que le ralentissement des prix masque une consommation « atone »"),
            A("reported", "org:ministère de l'Économie", "Le ministère de l'Économie", "a fait savoir",
              "que la prévision de croissance pour 2025 serait abaissée à 0,9 %"),
            A("reported", "org:Observatoire européen des prix", "l'Observatoire européen des prix", "D'après",
              "la France devrait rester l'un des pays les moins inflationnistes de la zone euro"),
        ],
    },
    {   # 7
        "date": "2024-10-18",
        "title": "Crues : la vallée de la Vérane sous les eaux",
        "paras": [
            "De violentes pluies se sont abattues jeudi sur le sud-est du pays, provoquant des crues d'une ampleur exceptionnelle dans la vallée de la Vérane. Il est tombé jusqu'à 600 millimètres d'eau en 48 heures dans certaines communes, a précisé le service météorologique.",
            "Le ministre de l'Intérieur, Bruno Régnier, s'est rendu vendredi à Saint-Julien-des-Eaux. « Nous avons évité le pire grâce à l'anticipation », a-t-il estimé. Il a ajouté que plus de 1 000 personnes avaient dû être évacuées dans la nuit.",
            "Gérard Faure, retraité à Vernoux-le-Bas, a vu l'eau monter en quelques minutes. « En quarante ans, je n'ai jamais vu ça. L'eau arrivait jusqu'aux fenêtres du premier étage », témoigne-t-il.",
            "La préfecture de la Haute-Vérane a annoncé dans un communiqué que les écoles resteraient fermées lundi dans une vingtaine de communes. « La vigilance rouge est levée, mais les sols sont saturés et la prudence reste de mise », souligne le texte.",
        ],
        "quotes": [
            A("reported", "org:service météorologique", "le service météorologique", "a précisé",
              "Il est tombé jusqu'à 600 millimètres d'eau en 48 heures dans certaines communes"),
            A("direct", "per:Bruno Régnier", F("il", within="a-t-il estimé"),
              [F("a", within="a-t-il estimé"), F("estimé", within="a-t-il estimé")],
              "« Nous avons évité le pire grâce à l'anticipation »"),
            A("reported", "per:Bruno Régnier", F("Il", within="Il a ajouté"), "a ajouté",
              "que plus de 1 000 personnes avaient dû être évacuées dans la nuit"),
            A("direct", "per:Gérard Faure", F("il", within="témoigne-t-il"), "témoigne",
              "« En quarante ans, je n'ai jamais vu ça. L'eau arrivait jusqu'aux fenêtres du premier étage »"),
            A("reported", "org:préfecture de la Haute-Vérane", "La préfecture de la Haute-Vérane", "a annoncé",
              "que les écoles resteraient fermées lundi dans une vingtaine de communes"),
            A("direct", "org:préfecture de la Haute-Vérane", "le texte", "souligne",
              "« La vigilance rouge est levée, mais les sols sont saturés et la prudence reste de mise »"),
        ],
    },
    {   # 8
        "date": "2024-07-04",
        "title": "Grève des contrôleurs aériens : plus de 2 000 vols annulés",
        "paras": [
            "Plus de 2 000 vols ont été annulés jeudi dans les aéroports du pays en raison d'une grève des contrôleurs aériens, selon la direction de l'aviation civile. Le mouvement doit se poursuivre jusqu'à samedi.",
            "« Cette grève est irresponsable en plein départ en vacances », a déclaré le ministre des Transports, Pierre Delmas, depuis l'aéroport de la capitale. Les compagnies aériennes ont affirmé dans une déclaration commune que les passagers étaient « pris en otage » par un conflit qui ne les concerne pas.",
            "Le secrétaire général du Syndicat national des contrôleurs, Julien Morel, a prévenu que ses collègues conservaient « une totale liberté d'action » si le gouvernement ne revenait pas sur la réforme. La compagnie Air Azur n'a pas réagi officiellement, mais un de ses responsables a dit que l'entreprise rembourserait tous les billets « sans exception ».",
            "Le porte-parole du ministère des Transports, Christophe Lemaire, a indiqué que les négociations reprendraient lundi. Selon la direction de l'aéroport de la capitale, plus de 60 000 voyageurs ont été touchés par les annulations.",
        ],
        "quotes": [
            A("reported", "org:direction de l'aviation civile", "la direction de l'aviation civile", "selon",
              "Plus de 2 000 vols ont été annulés jeudi dans les aéroports du pays en raison d'une grève des contrôleurs aériens"),
            A("direct", "per:Pierre Delmas", "le ministre des Transports, Pierre Delmas", "a déclaré",
              "« Cette grève est irresponsable en plein départ en vacances »"),
            A("mixed", None, "Les compagnies aériennes", "ont affirmé",
              "que les passagers étaient « pris en otage » par un conflit qui ne les concerne pas"),
            A("mixed", "per:Julien Morel", "Le secrétaire général du Syndicat national des contrôleurs, Julien Morel", "a prévenu",
              "que ses collègues conservaient « une totale liberté d'action » si le gouvernement ne revenait pas sur la réforme"),
            A("mixed", None, "un de ses responsables", "a dit",
              "que l'entreprise rembourserait tous les billets « sans exception »"),
            A("reported", "per:Christophe Lemaire", "Le porte-parole du ministère des Transports, Christophe Lemaire", "a indiqué",
              "que les négociations reprendraient lundi"),
            A("reported", None, "la direction de l'aéroport de la capitale", "Selon",
              "plus de 60 000 voyageurs ont été touchés par les annulations"),
        ],
    },
    {   # 9
        "date": "2025-05-31",
        "title": "L'Olympique de Valmont remporte enfin la Ligue des champions",
        "paras": [
            "L'Olympique de Valmont a remporté samedi soir à Munich la première Ligue des champions de son histoire en écrasant son adversaire italien (5-0). Désiré Kouamé, auteur d'un doublé, a été élu homme du match.",
            "« C'est un rêve qui devient réalité », a déclaré l'entraîneur Luis Ortega. « Ce groupe a travaillé toute la saison pour ce moment, et ce soir, il a été parfait. »",
            "Le président du club, Karim Benali, a rappelé qu'il attendait ce titre depuis le rachat du club en 2011. « Valmont le mérite », a-t-il ajouté, ému.",
            "Le capitaine brésilien Thiago Rocha a confié : « J'ai connu toutes les déceptions avec ce maillot, toutes les éliminations. Je me suis souvent demandé si ce jour arriverait.",
            "« Aujourd'hui, je pense à tous ceux qui ont porté ce maillot avant nous. Cette coupe est aussi la leur. »",
            "Selon le ministère de l'Intérieur, 559 personnes ont été interpellées dans le pays lors des célébrations.",
        ],
        "quotes": [
            A("direct", "per:Luis Ortega", "l'entraîneur Luis Ortega", "a déclaré",
              ["« C'est un rêve qui devient réalité »",
               "« Ce groupe a travaillé toute la saison pour ce moment, et ce soir, il a été parfait. »"]),
            A("reported", "per:Karim Benali", "Le président du club, Karim Benali", "a rappelé",
              "qu'il attendait ce titre depuis le rachat du club en 2011"),
            A("direct", "per:Karim Benali", F("il", within="a-t-il ajouté"),
              [F("a", within="a-t-il ajouté"), F("ajouté", within="a-t-il ajouté")],
              "« Valmont le mérite »"),
            A("direct", "per:Thiago Rocha", "Le capitaine brésilien Thiago Rocha", "a confié",
              ["« J'ai connu toutes les déceptions avec ce maillot, toutes les éliminations. Je me suis souvent demandé si ce jour arriverait.",
               "« Aujourd'hui, je pense à tous ceux qui ont porté ce maillot avant nous. Cette coupe est aussi la leur. »"]),
            A("reported", "org:ministère de l'Intérieur", "le ministère de l'Intérieur", "Selon",
              "559 personnes ont été interpellées dans le pays lors des célébrations"),
        ],
    },
]

# =========================================================================================
# Chinese
# =========================================================================================

ZH: list[dict[str, Any]] = [
    {   # 1
        "date": "2025-02-04",
        "title": "美方对华商品加征关税 中方出台反制措施",
        "paras": [
            "外交部发言人周明远4日在例行记者会上表示，中方坚决反对美方滥施关税，将采取必要措施坚决维护自身正当权益。",
            "周明远说：“贸易战、关税战没有赢家。美方应当纠正错误做法，同中方相向而行，在平等互惠基础上解决各自关切。”",
            "美方此前宣布，自2月4日起对所有中国输美商品在现有关税基础上加征10%关税。商务部新闻发言人随后发表谈话称，中方对美方有关做法“强烈不满、坚决反对”，已就此向世界贸易组织提起诉讼。",
            "据官方媒体报道，国务院关税税则委员会4日决定，自2月10日起对原产于美国的煤炭、液化天然气加征15%关税，对原油、农业机械等加征10%关税。",
            "分析人士指出，中方的反制措施总体克制，双方仍有通过谈判化解分歧的空间。",
        ],
        "quotes": [
            A("reported", "per:周明远", "外交部发言人周明远", "表示",
              "中方坚决反对美方滥施关税，将采取必要措施坚决维护自身正当权益"),
            A("direct", "per:周明远", F("周明远", within="周明远说"), F("说", within="周明远说"),
              "“贸易战、关税战没有赢家。美方应当纠正错误做法，同中方相向而行，在平等互惠基础上解决各自关切。”"),
            # 美方 ("the US side") stands for the government
            A("reported", "org:美国政府", F("美方", within="美方此前宣布"), "宣布",
              "自2月4日起对所有中国输美商品在现有关税基础上加征10%关税"),
            A("mixed", None, "商务部新闻发言人", "发表谈话称",
              "中方对美方有关做法“强烈不满、坚决反对”，已就此向世界贸易组织提起诉讼"),
            A("reported", None, "官方媒体", [F("据", within="据官方媒体报道"), F("报道", within="据官方媒体报道")],
              "国务院关税税则委员会4日决定，自2月10日起对原产于美国的煤炭、液化天然气加征15%关税，对原油、农业机械等加征10%关税"),
            A("reported", None, "分析人士", "指出",
              "中方的反制措施总体克制，双方仍有通过谈判化解分歧的空间"),
        ],
    },
    {   # 2
        "date": "2024-06-18",
        "title": "丰溪市遭遇特大暴雨 省应急管理厅启动一级响应",
        "paras": [
            "受持续强降雨影响，丰溪市等地近日发生严重洪涝灾害。据省应急管理厅通报，截至18日，仅丰溪市龙潭县和石湾县就有47人遇难，数十万群众紧急转移。",
            "省防汛抗旱指挥部总指挥、省应急管理厅厅长刘建华17日在丰溪调研时强调，要把保障人民群众生命安全放在第一位，全力做好搜救和转移安置工作。",
            "省气象局新闻发言人王磊表示，今年入汛以来，全省降雨量较常年同期偏多五成以上，极端性明显。他说：“后期仍可能出现强降雨过程，各地不能有丝毫松懈。”",
            "龙潭县一位村民告诉记者：“水来得太快了，半个小时就淹到了二楼，我们只来得及抱着孩子往山上跑。”",
            "省财政已紧急下达救灾资金4亿元。省财政厅称，将视灾情发展情况及时追加资金。",
        ],
        "quotes": [
            A("reported", "org:省应急管理厅", F("省应急管理厅", within="据省应急管理厅通报"),
              [F("据", within="据省应急管理厅通报"), F("通报", within="据省应急管理厅通报")],
              "截至18日，仅丰溪市龙潭县和石湾县就有47人遇难，数十万群众紧急转移"),
            A("reported", "per:刘建华", "省防汛抗旱指挥部总指挥、省应急管理厅厅长刘建华", "强调",
              "要把保障人民群众生命安全放在第一位，全力做好搜救和转移安置工作"),
            A("reported", "per:王磊", "省气象局新闻发言人王磊", "表示",
              "今年入汛以来，全省降雨量较常年同期偏多五成以上，极端性明显"),
            A("direct", "per:王磊", F("他", within="他说"), F("说", within="他说"),
              "“后期仍可能出现强降雨过程，各地不能有丝毫松懈。”"),
            A("direct", None, "龙潭县一位村民", "告诉",
              "“水来得太快了，半个小时就淹到了二楼，我们只来得及抱着孩子往山上跑。”"),
            A("reported", "org:省财政厅", "省财政厅", "称",
              "将视灾情发展情况及时追加资金"),
        ],
    },
    {   # 3
        "date": "2024-08-03",
        "title": "林晓桐首夺全国网球锦标赛女单冠军",
        "paras": [
            "8月3日晚，林晓桐在全国网球锦标赛女子单打决赛中以2比0战胜卫冕冠军苏雅婷，首次夺得全国冠军。这也是江城市选手时隔二十年再次获得该项目冠军。",
            "赛后，林晓桐激动地说：“我终于拿下了这个冠军，这是我职业生涯中最重要的时刻。”她表示，半决赛战胜头号种子给了她很大的信心。",
            "江城市体育局在贺信中指出，林晓桐的胜利“书写了江城网球新的历史”。",
            "赛事组委会有关负责人称，本届比赛现场观众人数创下历史新高。据该负责人介绍，决赛门票在开售十分钟内即告售罄。",
            "苏雅婷在赛后新闻发布会上坦言：「她今天发挥得太出色了，我几乎找不到机会。」",
        ],
        "quotes": [
            A("direct", "per:林晓桐", F("林晓桐", within="林晓桐激动地说"), F("说", within="激动地说"),
              "“我终于拿下了这个冠军，这是我职业生涯中最重要的时刻。”"),
            A("reported", "per:林晓桐", F("她", within="她表示"), "表示",
              "半决赛战胜头号种子给了她很大的信心"),
            A("mixed", "org:江城市体育局", "江城市体育局", "指出",
              "林晓桐的胜利“书写了江城网球新的历史”"),
            A("reported", None, "赛事组委会有关负责人", "称",
              "本届比赛现场观众人数创下历史新高"),
            A("reported", None, "该负责人", [F("据", within="据该负责人介绍"), F("介绍", within="据该负责人介绍")],
              "决赛门票在开售十分钟内即告售罄"),
            A("direct", "per:苏雅婷", F("苏雅婷", within="苏雅婷在赛后"), "坦言",
              "「她今天发挥得太出色了，我几乎找不到机会。」"),
        ],
    },
    {   # 4
        "date": "2025-01-17",
        "title": "2024年江川省地区生产总值增长5.3%",
        "paras": [
            "江川省统计局17日发布的数据显示，2024年全省地区生产总值达到6.2万亿元，按不变价格计算，比上年增长5.3%。",
            "省统计局局长陈立新在当天举行的新闻发布会上表示，2024年全省经济运行总体平稳、稳中有进，主要目标任务顺利完成。他同时指出，当前外部环境变化带来的不利影响加深，省内需求不足，部分企业生产经营困难。",
            "谈到2025年经济走势，陈立新说：“全省经济基础稳、优势多、韧性强、潜能大，长期向好的支撑条件和基本趋势没有变。",
            "“随着一系列存量政策和增量政策持续发力，我们有信心、有能力推动经济持续回升向好。”",
            "华信证券首席经济学家彭立称，在消费品以旧换新等政策带动下，今年一季度消费有望继续改善。据南州海关统计，2024年全省货物贸易进出口总值达1.9万亿元，同比增长6.1%。",
        ],
        "quotes": [
            A("reported", "org:江川省统计局", "江川省统计局17日发布的数据", "显示",
              "2024年全省地区生产总值达到6.2万亿元，按不变价格计算，比上年增长5.3%"),
            A("reported", "per:陈立新", "省统计局局长陈立新", "表示",
              "2024年全省经济运行总体平稳、稳中有进，主要目标任务顺利完成"),
            A("reported", "per:陈立新", F("他", within="他同时指出"), "指出",
              "当前外部环境变化带来的不利影响加深，省内需求不足，部分企业生产经营困难"),
            A("direct", "per:陈立新", F("陈立新", within="陈立新说"), F("说", within="陈立新说"),
              ["“全省经济基础稳、优势多、韧性强、潜能大，长期向好的支撑条件和基本趋势没有变。",
               "“随着一系列存量政策和增量政策持续发力，我们有信心、有能力推动经济持续回升向好。”"]),
            A("reported", "per:彭立", "华信证券首席经济学家彭立", "称",
              "在消费品以旧换新等政策带动下，今年一季度消费有望继续改善"),
            A("reported", "org:南州海关", "南州海关", [F("据", within="据南州海关统计"), F("统计", within="据南州海关统计")],
              "2024年全省货物贸易进出口总值达1.9万亿元，同比增长6.1%"),
        ],
    },
    {   # 5
        "date": "2024-04-26",
        "title": "中欧举行经贸高层对话",
        "paras": [
            "商务部副部长孙立平26日在北京同欧盟委员会贸易总司司长安德森举行会谈，双方就中欧经贸关系和共同关心的问题交换意见。",
            "孙立平表示，中欧经贸关系总体上保持稳定，但贸易保护主义的负面影响仍在不断增加和累积。他强调，中国企业的正当发展权利不应被无理打压，中方不可能对欧方的单边做法不予关注。",
            "孙立平指出：“中欧之间是要合作还是对抗，是要共赢还是零和，这是一个根本性问题，考验着双方的诚意和能力。”",
            "安德森说，欧方致力于维护双边经贸关系稳定，愿同中方加强沟通、管控分歧。据欧方会后发表的新闻稿，双方还讨论了电动汽车、医疗器械和农产品市场准入等问题。",
            "欧盟驻华代表团发言人在社交媒体上称，此次对话「坦诚而富有建设性」。这是双方今年举行的第二次高层经贸对话。",
        ],
        "quotes": [
            A("reported", "per:孙立平", F("孙立平", within="孙立平表示"), "表示",
              "中欧经贸关系总体上保持稳定，但贸易保护主义的负面影响仍在不断增加和累积"),
            A("reported", "per:孙立平", F("他", within="他强调"), "强调",
              "中国企业的正当发展权利不应被无理打压，中方不可能对欧方的单边做法不予关注"),
            A("direct", "per:孙立平", F("孙立平", within="孙立平指出"), "指出",
              "“中欧之间是要合作还是对抗，是要共赢还是零和，这是一个根本性问题，考验着双方的诚意和能力。”"),
            A("reported", "per:安德森", F("安德森", within="安德森说"), F("说", within="安德森说"),
              "欧方致力于维护双边经贸关系稳定，愿同中方加强沟通、管控分歧"),
            A("reported", "org:欧盟委员会", "欧方会后发表的新闻稿", "据",
              "双方还讨论了电动汽车、医疗器械和农产品市场准入等问题"),
            A("mixed", None, "欧盟驻华代表团发言人", "称",
              "此次对话「坦诚而富有建设性」"),
        ],
    },
    {   # 6
        "date": "2025-01-07",
        "title": "云岭县发生6.8级地震",
        "paras": [
            "据地震台网正式测定，1月7日9时5分在云岭县发生6.8级地震，震源深度10千米。",
            "云岭县人民政府新闻办公室通报称，截至7日19时，地震已造成126人遇难、188人受伤，震中附近房屋大面积倒塌。",
            "省长张建国作出批示强调，要全力搜救被困人员，妥善安置受灾群众，最大限度减少人员伤亡。",
            "省应急管理厅新闻发言人杨帆表示，全省已启动地震应急一级响应，调派1500余名消防救援人员赶赴灾区。",
            "消防员扎西当天下午随队抵达震中所在的长所乡。他对记者说：“现在气温在零下十几度，被困群众随时可能失温，我们必须跟时间赛跑。”",
            "地震台网专家称，此次地震余震活动较为活跃，不排除发生5级左右余震的可能。",
        ],
        "quotes": [
            A("reported", "org:地震台网", F("地震台网", within="据地震台网正式测定"),
              [F("据", within="据地震台网正式测定"), F("测定", within="据地震台网正式测定")],
              "1月7日9时5分在云岭县发生6.8级地震，震源深度10千米"),
            A("reported", "org:云岭县人民政府新闻办公室", "云岭县人民政府新闻办公室", "通报称",
              "截至7日19时，地震已造成126人遇难、188人受伤，震中附近房屋大面积倒塌"),
            A("reported", "per:张建国", "省长张建国", "作出批示强调",
              "要全力搜救被困人员，妥善安置受灾群众，最大限度减少人员伤亡"),
            A("reported", "per:杨帆", "省应急管理厅新闻发言人杨帆", "表示",
              "全省已启动地震应急一级响应，调派1500余名消防救援人员赶赴灾区"),
            A("direct", "per:扎西", F("他", within="他对记者说"), F("说", within="他对记者说"),
              "“现在气温在零下十几度，被困群众随时可能失温，我们必须跟时间赛跑。”"),
            A("reported", None, "地震台网专家", F("称", within="专家称"),
              "此次地震余震活动较为活跃，不排除发生5级左右余震的可能"),
        ],
    },
    {   # 7
        "date": "2024-10-30",
        "title": "欧盟对华电动汽车加征反补贴税",
        "paras": [
            "欧盟委员会29日宣布，对从中国进口的纯电动汽车征收为期五年的反补贴税，税率最高达35.3%。",
            "商务部新闻发言人30日就此答记者问时表示，中方不认同、不接受欧方裁决结果，已就此在世贸组织争端解决机制下提起诉讼。发言人说：“中方将采取一切必要措施，坚决维护中国企业的合法权益。”",
            "新能源汽车产业联盟在声明中称，欧方做法“严重违背市场经济原则和国际贸易规则”，不仅损害中国企业利益，也将损害欧洲消费者利益。",
            "德国一家汽车零部件企业的首席执行官克劳斯·韦伯对媒体表示：「惩罚性关税不是正确的手段，它只会加剧贸易冲突。」",
            "据业内人士透露，中欧双方仍在就价格承诺方案进行磋商，谈判大门并未关闭。",
        ],
        "quotes": [
            A("reported", "org:欧盟委员会", "欧盟委员会", "宣布",
              "对从中国进口的纯电动汽车征收为期五年的反补贴税，税率最高达35.3%"),
            A("reported", None, "商务部新闻发言人", F("表示", within="答记者问时表示"),
              "中方不认同、不接受欧方裁决结果，已就此在世贸组织争端解决机制下提起诉讼"),
            A("direct", None, F("发言人", within="发言人说"), F("说", within="发言人说"),
              "“中方将采取一切必要措施，坚决维护中国企业的合法权益。”"),
            A("mixed", "org:新能源汽车产业联盟", "新能源汽车产业联盟", "称",
              "欧方做法“严重违背市场经济原则和国际贸易规则”，不仅损害中国企业利益，也将损害欧洲消费者利益"),
            A("direct", "per:克劳斯·韦伯", "德国一家汽车零部件企业的首席执行官克劳斯·韦伯", F("表示", within="对媒体表示"),
              "「惩罚性关税不是正确的手段，它只会加剧贸易冲突。」"),
            A("reported", None, "业内人士", [F("据", within="据业内人士透露"), F("透露", within="据业内人士透露")],
              "中欧双方仍在就价格承诺方案进行磋商，谈判大门并未关闭"),
        ],
    },
    {   # 8
        "date": "2024-11-12",
        "title": "中国代表团出席世界领导人气候行动峰会",
        "paras": [
            "联合国气候变化大会世界领导人气候行动峰会12日在阿塞拜疆巴库举行。中国代表团团长、生态环境部副部长钱宏出席峰会并致辞。",
            "钱宏表示，中国坚定实施积极应对气候变化国家战略，力争2030年前实现碳达峰、2060年前实现碳中和。他说：“中国说到做到，将继续同各方一道，推动全球气候治理朝着更加公平合理、合作共赢的方向发展。”",
            "钱宏指出，发达国家应当率先大幅减排，并切实履行为发展中国家提供资金、技术和能力建设支持的义务。",
            "世界气象组织科学家马丁·霍尔特在峰会上说，2024年有望成为有记录以来最热的一年，“我们正在以前所未有的速度打破纪录”。",
            "中国代表团发表的声明指出，南南合作是全球气候治理的重要补充，中方已同40多个发展中国家签署了合作文件。代表团副团长孙洁对记者称，中方希望各方就新的集体量化资金目标达成平衡的结果。",
        ],
        "quotes": [
            A("reported", "per:钱宏", F("钱宏", within="钱宏表示"), "表示",
              "中国坚定实施积极应对气候变化国家战略，力争2030年前实现碳达峰、2060年前实现碳中和"),
            A("direct", "per:钱宏", F("他", within="他说"), F("说", within="他说"),
              "“中国说到做到，将继续同各方一道，推动全球气候治理朝着更加公平合理、合作共赢的方向发展。”"),
            A("reported", "per:钱宏", F("钱宏", within="钱宏指出"), F("指出", within="钱宏指出"),
              "发达国家应当率先大幅减排，并切实履行为发展中国家提供资金、技术和能力建设支持的义务"),
            A("mixed", "per:马丁·霍尔特", "世界气象组织科学家马丁·霍尔特", F("说", within="峰会上说"),
              "2024年有望成为有记录以来最热的一年，“我们正在以前所未有的速度打破纪录”"),
            A("reported", "org:中国代表团", "中国代表团发表的声明", F("指出", within="声明指出"),
              "南南合作是全球气候治理的重要补充，中方已同40多个发展中国家签署了合作文件"),
            A("reported", "per:孙洁", "代表团副团长孙洁", "称",
              "中方希望各方就新的集体量化资金目标达成平衡的结果"),
        ],
    },
    {   # 9
        "date": "2024-11-14",
        "title": "江川省新海港区一期工程开港运营",
        "paras": [
            "江川省新海港区一期工程14日正式开港运营。省长李文华出席开港仪式并致辞。",
            "李文华在致辞中指出，新海港是江川省融入“一带一路”的标志性项目，“从新海到世界”不仅是一条贸易通道，更是一条共同发展之路。李文华强调，要把港口建设与产业发展结合起来，推动全省经济高质量发展。",
            "新海市市长王丽表示，港口将使新海成为连接内陆和海外市场的枢纽。她说：“新海人民盼这一天盼了三十年。”",
            "新海港口集团董事长万志强在仪式上说：“新海港设计年吞吐能力100万标准箱，一期工程已全部建成。",
            "“我们将把新海港打造成智慧绿色港口，为当地创造更多就业。”",
            "据省交通运输厅估算，该港口投入运营后每年将带来数十亿元收入，并创造数千个直接就业岗位。",
        ],
        "quotes": [
            # the quotation marks here mark a name and a slogan, not a quotation: reported
            A("reported", "per:李文华", F("李文华", within="李文华在致辞中指出"), "指出",
              "新海港是江川省融入“一带一路”的标志性项目，“从新海到世界”不仅是一条贸易通道，更是一条共同发展之路",
              marks_are_names=True),
            A("reported", "per:李文华", F("李文华", within="李文华强调"), "强调",
              "要把港口建设与产业发展结合起来，推动全省经济高质量发展"),
            A("reported", "per:王丽", "新海市市长王丽", "表示",
              "港口将使新海成为连接内陆和海外市场的枢纽"),
            A("direct", "per:王丽", F("她", within="她说"), F("说", within="她说"),
              "“新海人民盼这一天盼了三十年。”"),
            A("direct", "per:万志强", "新海港口集团董事长万志强", F("说", within="仪式上说"),
              ["“新海港设计年吞吐能力100万标准箱，一期工程已全部建成。",
               "“我们将把新海港打造成智慧绿色港口，为当地创造更多就业。”"]),
            A("reported", "org:省交通运输厅", "省交通运输厅", [F("据", within="据省交通运输厅估算"), F("估算", within="据省交通运输厅估算")],
              "该港口投入运营后每年将带来数十亿元收入，并创造数千个直接就业岗位"),
        ],
    },
]

ARTICLES = {"de": DE, "es": ES, "fr": FR, "zh": ZH}


# =========================================================================================
# Building
# =========================================================================================


def _fr(s: str) -> str:
    """French typography for text written with plain spaces and apostrophes."""
    s = s.replace("'", "’")
    s = s.replace("« ", "«\u00a0").replace(" »", "\u00a0»")
    s = s.replace(" :", "\u00a0:").replace(" %", "\u00a0%")
    for mark in ";!?":
        s = s.replace(" " + mark, "\u202f" + mark)
    return re.sub(r"(?<=\d) (?=\d{3}\b)", "\u202f", s)


NORMALISE = {"de": lambda s: s, "es": lambda s: s, "fr": _fr, "zh": lambda s: s}


class GoldError(ValueError):
    pass


def _occurrences(text: str, needle: str, lo: int, hi: int, words: bool) -> list[int]:
    out, i = [], text.find(needle, lo, hi)
    while i != -1:
        ok = True
        if words:  # whole words: no letter or digit glued to an edge that is one
            if needle[0].isalnum() and i > 0 and text[i - 1].isalnum():
                ok = False
            end = i + len(needle)
            if needle[-1].isalnum() and end < len(text) and text[end].isalnum():
                ok = False
        if ok:
            out.append(i)
        i = text.find(needle, i + 1, hi)
    return out


def _pick(text: str, occ: list[int], n: int | None, needle: str, where: str) -> int:
    if not occ:
        raise GoldError(f"{where}: {needle!r} not found")
    if n is None and len(occ) > 1:
        places = "; ".join(repr(text[max(0, i - 15):i + len(needle) + 15]) for i in occ)
        raise GoldError(f"{where}: {needle!r} occurs {len(occ)} times, give n: {places}")
    k = 1 if n is None else n
    if not 1 <= k <= len(occ):
        raise GoldError(f"{where}: {needle!r} has {len(occ)} occurrence(s), not {k}")
    return occ[k - 1]


def _locate(text: str, part: Part, lang: str, where: str) -> dict[str, Any]:
    norm = NORMALISE[lang]
    spec = part if isinstance(part, F) else F(part)
    needle = norm(spec.text)
    words = lang != "zh"
    lo, hi = 0, len(text)
    if spec.within is not None:
        anchor = norm(spec.within)
        a = _pick(text, _occurrences(text, anchor, 0, len(text), False), spec.wn, anchor,
                  where + " (within)")
        lo, hi = a, a + len(anchor)
    start = _pick(text, _occurrences(text, needle, lo, hi, words), spec.n, needle, where)
    fragment = {"start": start, "end": start + len(needle), "text": text[start:start + len(needle)]}
    if fragment["text"] != needle:  # cannot happen; the schema's promise, checked anyway
        raise GoldError(f"{where}: offsets do not give {needle!r}")
    return fragment


def _role(text: str, value: Role, lang: str, where: str) -> list[list[dict[str, Any]]]:
    """A role as a list of spans; every role here is one span (of one or more fragments)."""
    if value is None:
        return []
    parts = value if isinstance(value, list) else [value]
    return [[_locate(text, p, lang, where) for p in parts]]


def build(lang: str) -> list[dict[str, Any]]:
    norm = NORMALISE[lang]
    records = []
    for number, article in enumerate(ARTICLES[lang], 1):
        rid = f"own-{lang}-{number:02d}"
        title = norm(article["title"])
        body = "\n\n".join(norm(p) for p in article["paras"])
        text = f"{title}\n\n{body}"
        rows = []
        for k, q in enumerate(article["quotes"], 1):
            where = f"{rid} E{k}"
            if q["kind"] not in KINDS:
                raise GoldError(f"{where}: kind {q['kind']!r}")
            row: dict[str, Any] = {
                "id": f"E{k}",
                "source": _role(text, q["source"], lang, where + " source"),
                "cue": _role(text, q["cue"], lang, where + " cue"),
                "content": _role(text, q["content"], lang, where + " content"),
                "kind": q["kind"],
            }
            if q["speaker"]:
                row["speaker_entity"] = norm(q["speaker"])
            if q["marks_are_names"]:
                row["marks_are_names"] = True
            rows.append(row)
        records.append({
            "id": rid, "article_id": rid, "annotator": "tidings", "lang": lang,
            "split": "check" if number % 3 == 0 else "tune",
            "publication_date": article["date"], "title": title, "text": text,
            "attributions": rows,
        })
    return records


# =========================================================================================
# Checking (on the records as written to disk)
# =========================================================================================


def _size(lang: str, body: str) -> int:
    if lang == "zh":
        return sum(1 for c in body if "\u4e00" <= c <= "\u9fff")
    return len(re.findall(r"\w+", body))


def check(lang: str, records: list[dict[str, Any]]) -> list[str]:
    """Every problem found in ``records`` (empty when none)."""
    errors: list[str] = []
    opening, closing = MARKS[lang]
    all_marks = set(opening) | set(closing)
    total = 0
    for number, r in enumerate(records, 1):
        rid = r.get("id")
        if rid != f"own-{lang}-{number:02d}" or r.get("article_id") != rid:
            errors.append(f"{lang} record {number}: id {rid!r}")
        if r.get("lang") != lang:
            errors.append(f"{rid}: lang {r.get('lang')!r}")
        if r.get("split") != ("check" if number % 3 == 0 else "tune"):
            errors.append(f"{rid}: split {r.get('split')!r}")
        if not re.fullmatch(r"202[45]-\d\d-\d\d", str(r.get("publication_date"))):
            errors.append(f"{rid}: publication_date {r.get('publication_date')!r}")
        text = r.get("text", "")
        if not text.startswith(r.get("title", "") + "\n\n"):
            errors.append(f"{rid}: text does not start with the title and a blank line")
        if '"' in text:
            errors.append(f"{rid}: straight double quotation mark in the text")
        body = text[len(r.get("title", "")) + 2:]
        size = _size(lang, body)
        low, high = (200, 600) if lang == "zh" else (120, 300)
        if not low <= size <= high:
            errors.append(f"{rid}: body of {size} {'characters' if lang == 'zh' else 'words'}, want {low}-{high}")
        contents = Counter()
        for a in r.get("attributions", []):
            total += 1
            where = f"{rid} {a.get('id')}"
            if a.get("kind") not in KINDS:
                errors.append(f"{where}: kind {a.get('kind')!r}")
            spans: dict[str, list[tuple[int, int]]] = {}
            for role in ("source", "cue", "content"):
                value = a.get(role)
                if not isinstance(value, list) or len(value) > 1:
                    errors.append(f"{where}: {role} is not a list of at most one span")
                    continue
                spans[role] = []
                for span in value:
                    last = -1
                    for f in span:
                        s, e = f["start"], f["end"]
                        if not 0 <= s < e <= len(text) or text[s:e] != f["text"]:
                            errors.append(f"{where}: {role} fragment {f!r} does not match the text")
                            continue
                        if s < last:
                            errors.append(f"{where}: {role} fragments out of order or overlapping")
                        last = e
                        if f["text"] != f["text"].strip():
                            errors.append(f"{where}: {role} fragment {f['text']!r} has outer whitespace")
                        spans[role].append((s, e))
            content = spans.get("content", [])
            if not content:
                errors.append(f"{where}: no content")
                continue
            contents[tuple(content)] += 1
            chars = {role: {i for s, e in spans.get(role, []) for i in range(s, e)}
                     for role in ("source", "cue", "content")}
            for x, y in (("source", "cue"), ("source", "content"), ("cue", "content")):
                if chars[x] & chars[y]:
                    errors.append(f"{where}: {x} and {y} overlap")
            pronoun = bool(a.get("source")) and a["source"][0][0]["text"] in PRONOUNS[lang]
            if pronoun and not a.get("speaker_entity"):
                errors.append(f"{where}: pronoun source without speaker_entity")
            entity = a.get("speaker_entity")
            if entity is not None and not re.fullmatch(r"(per|org):\S.*", entity):
                errors.append(f"{where}: speaker_entity {entity!r}")
            first, last_text = text[content[0][0]:content[0][1]], text[content[-1][0]:content[-1][1]]
            joined = "".join(text[s:e] for s, e in content)
            has_marks = any(c in all_marks for c in joined)
            if first[0] in ",;:，。" or last_text[-1] in ",;:，":
                errors.append(f"{where}: content begins or ends with a separator")
            kind = a.get("kind")
            if kind == "direct":
                if first[0] not in opening or last_text[-1] not in closing:
                    errors.append(f"{where}: direct content does not run from mark to mark")
            elif kind == "mixed":
                if not has_marks:
                    errors.append(f"{where}: mixed content without quotation marks")
                if first[0] in opening and last_text[-1] in closing:
                    errors.append(f"{where}: mixed content runs from mark to mark (direct?)")
            elif kind == "reported":
                if has_marks and not a.get("marks_are_names"):
                    errors.append(f"{where}: reported content holds quotation marks")
                if last_text[-1] in ".。":
                    errors.append(f"{where}: reported content ends with the full stop")
        for content, count in contents.items():
            if count > 1:
                errors.append(f"{rid}: {count} attributions with the same content {content}")
    if total < MIN_ATTRIBUTIONS:
        errors.append(f"{lang}: {total} attributions, want at least {MIN_ATTRIBUTIONS}")
    return errors


def summary(lang: str, records: list[dict[str, Any]]) -> str:
    kinds = Counter(a["kind"] for r in records for a in r["attributions"])
    splits = Counter(r["split"] for r in records)
    n = sum(len(r["attributions"]) for r in records)
    by_split = Counter(r["split"] for r in records for _ in r["attributions"])
    sizes = [_size(lang, r["text"][len(r["title"]) + 2:]) for r in records]
    unit = "chars" if lang == "zh" else "words"
    return (f"own_{lang}.jsonl: {len(records)} articles ({splits['tune']} tune, {splits['check']} check), "
            f"{n} attributions (tune {by_split['tune']}, check {by_split['check']}; "
            f"direct {kinds['direct']}, reported {kinds['reported']}, mixed {kinds['mixed']}), "
            f"bodies {min(sizes)}-{max(sizes)} {unit}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="check the files on disk only")
    args = parser.parse_args(argv)
    failed = False
    for lang in LANGS:
        path = HERE / f"own_{lang}.jsonl"
        if not args.check:
            try:
                records = build(lang)
            except GoldError as exc:
                print(exc, file=sys.stderr)
                failed = True
                continue
            problems = check(lang, records)
            if problems:
                print("\n".join(problems), file=sys.stderr)
                failed = True
                continue
            with open(path, "w", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        try:  # every line parses, and the checks hold on what was written
            on_disk = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
        except (OSError, json.JSONDecodeError) as exc:
            print(f"{path.name}: {exc}", file=sys.stderr)
            failed = True
            continue
        problems = check(lang, on_disk)
        if on_disk != build(lang):
            problems.append(f"{path.name}: differs from what this script builds")
        if problems:
            print("\n".join(problems), file=sys.stderr)
            failed = True
            continue
        print(summary(lang, on_disk))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
