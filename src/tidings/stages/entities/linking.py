"""From mentions to entities: one id per real-world entity, across articles and languages.

- Countries: ISO 3166 alpha-3 (``PER``). Demonyms ("peruanischen") link to the country.
- Places: ``geo:<GeoNames id>``; a name shared by several places goes to the one in a
  country the article mentions, else the most populous (Lima, Peru, not Lima, Ohio).
- Organisations: the gazetteer's id, or ``org:<slug>``.
- People: the gazetteer's id for people we know (every alias, every script), else
  ``per:<slug>`` from a name key that survives the usual variants: "Dina Boluarte" and
  "Dina Ercilia Boluarte Zegarra" (given names + two surnames) both key on given name and
  first surname. Within an article, a short form ("Xi", "President Xi", "Boluarte") links
  to the full name it shortens.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from tidings.model import Entity, Mention
from tidings.stages.entities.gazetteer import Entry, Gazetteer
from tidings.stages.entities.roles import strip_title, title_before
from tidings.stages.metadata.dateline import agency_aliases

_CJK = re.compile(r"[\u3400-\u9fff]")
_LEADING = re.compile(r"^(?:the|The|der|die|das|den|dem|des|el|la|los|las|le|les|l'|l’)\s+")
_POSSESSIVE = re.compile(r"(?:'s|’s|')$")
_PARTICLES = frozenset({"de", "del", "la", "van", "von", "der", "den", "da", "di", "du", "le"})


def slug(text: str) -> str:
    """A lower-case ASCII-ish slug; CJK characters are kept as they are."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"[^\w\u3400-\u9fff]+", "-", plain.lower()).strip("-")


def name_tokens(name: str) -> list[str]:
    """The words of a person's name, without initials and particles."""
    words = re.findall(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*", name)
    return [w for w in words if len(w) > 1 and w.lower() not in _PARTICLES]


def person_key(name: str) -> str:
    """``per:<given>-<first surname>``: four-part names (two given names, two surnames, as
    in Spanish) key on the first and third part; shorter names on the first and last."""
    if _CJK.search(name):
        return "per:" + slug(name)
    tokens = name_tokens(name)
    if not tokens:
        return "per:" + slug(name)
    if len(tokens) >= 4:
        key = [tokens[0], tokens[2]]
    elif len(tokens) >= 2:
        key = [tokens[0], tokens[-1]]
    else:
        key = tokens
    return "per:" + slug(" ".join(key))


def clean_name(text: str) -> str:
    """A mention's text without a leading article or trailing possessive."""
    return _POSSESSIVE.sub("", _LEADING.sub("", text.strip())).strip()


def _pick(entries: list[Entry], countries: Counter[str]) -> Entry:
    """The most likely referent: a place in a country the article mentions beats a bigger
    place elsewhere; countries, organisations and people beat places."""
    rank = {"person": 0, "country": 1, "org": 2, "demonym": 3, "city": 4}

    def score(entry: Entry) -> tuple[int, int, int]:
        in_context = 1 if entry.country and countries.get(entry.country) else 0
        return (-rank.get(entry.kind, 9), in_context, entry.population)

    return max(entries, key=score)


class Linker:
    """Links the mentions of one article to entities."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    def link(
        self, text: str, lang: str, published: str | None, mentions: list[Mention]
    ) -> list[Entity]:
        """Set ``entity_id`` on every mention; return the article's entities."""
        countries: Counter[str] = Counter()
        for mention in mentions:
            for entry in self.gaz.lookup(clean_name(mention.text)):
                if entry.kind in ("country", "demonym"):
                    countries[entry.country] += 1
        entities: dict[str, Entity] = {}
        people: list[tuple[list[str], str]] = []  # (name tokens, entity id) of full names
        order = sorted(range(len(mentions)), key=lambda i: -len(name_tokens(mentions[i].text)))
        for mention in mentions:
            if mention.type == "PER":
                strip_title(text, mention, lang)
        for index in order:
            mention = mentions[index]
            entity = self._resolve(mention, lang, countries, people)
            if entity is None:
                continue
            known = entities.setdefault(entity.id, entity)
            mention.entity_id = known.id
            known.mentions.append(index)
            aliases = known.aliases.setdefault(lang, [])
            surface = clean_name(mention.text)
            if surface not in aliases:
                aliases.append(surface)
            if known.type == "PER":
                self._role(known, text, mention, lang, published)
        for entity in entities.values():
            entity.mentions.sort()
            if entity.actor is None and (entity.country or entity.sector):
                entity.actor = (entity.country or "") + (entity.sector or "")
        return sorted(entities.values(), key=lambda e: e.mentions[0] if e.mentions else 0)

    def _resolve(
        self,
        mention: Mention,
        lang: str,
        countries: Counter[str],
        people: list[tuple[list[str], str]],
    ) -> Entity | None:
        name = clean_name(mention.text)
        if not name:
            return None
        agency = agency_aliases().get(name)
        if agency:
            return Entity(id=f"org:{slug(agency)}", name=agency, type="ORG", sector="MED")
        entries = self.gaz.lookup(name)
        if not entries and name.isupper() and len(name) > 3:
            entries = self.gaz.lookup(name.title())  # datelines: "BEIJING"
        if lang == "de" and name.endswith("s"):
            # German genitive: "Chinas", "Perus" (Peru's, not Perus, São Paulo): the stem
            # wins when it is a country, or when the name itself is unknown
            stem = [e for e in self.gaz.lookup(name[:-1]) if e.kind in ("country", "city")]
            if stem and (not entries or any(e.kind == "country" for e in stem)):
                entries = stem
                mention.type = "LOC"
        if entries:
            entry = _pick(entries, countries)
            entity_type = "LOC" if entry.kind == "demonym" else entry.type
            entity = Entity(
                id=entry.id,
                name=entry.name,
                type=entity_type,
                country=entry.country,
                sector=entry.sector,
                actor=entry.actor,
            )
            if entry.kind == "person":
                people.append((name_tokens(entry.name), entry.id))
                for full in self.gaz.people.get(entry.id, {}).get("full_names", []):
                    people.append((name_tokens(full), entry.id))
            return entity
        if mention.type == "PER":
            return self._person(name, people)
        prefix = {"ORG": "org", "LOC": "loc", "MISC": "misc"}.get(mention.type, "misc")
        return Entity(id=f"{prefix}:{slug(name)}", name=name, type=mention.type)

    def _person(self, name: str, people: list[tuple[list[str], str]]) -> Entity:
        tokens = name_tokens(name)
        lowered = [t.lower() for t in tokens]
        for full, entity_id in people:
            full_lower = [t.lower() for t in full]
            if lowered and all(t in full_lower for t in lowered):
                known = self.gaz.people.get(entity_id, {})
                return Entity(
                    id=entity_id,
                    name=known.get("name", " ".join(full)),
                    type="PER",
                    country=known.get("country"),
                )
        entity_id = person_key(name)
        if len(tokens) >= 2 or _CJK.search(name):
            people.append((tokens or [name], entity_id))
        return Entity(id=entity_id, name=name, type="PER")

    def _role(
        self, entity: Entity, text: str, mention: Mention, lang: str, published: str | None
    ) -> None:
        title = title_before(text, mention.start, lang, self.gaz)
        if title is not None:
            entity.role = entity.role or title.role
            entity.sector = entity.sector or title.sector
            entity.country = entity.country or title.country
        known = self.gaz.people.get(entity.id)
        if known:
            role = _role_at(known.get("roles", []), published)
            if role and (entity.role is None or entity.role in role["role"]):
                # the record's "foreign ministry spokesperson" refines the text's "Spokesperson"
                entity.role = role["role"]
                entity.sector = entity.sector or role.get("sector")
            entity.country = entity.country or known.get("country")


def _role_at(roles: list[dict], published: str | None) -> dict | None:
    """The role held on the article's date; without a date, the only role if there is one."""
    if not roles:
        return None
    if published is None:
        return roles[0] if len(roles) == 1 else None
    day = published[:10]
    for role in roles:
        if (role.get("from") or "") <= day and (role.get("to") is None or day <= role["to"]):
            return role
    return None
