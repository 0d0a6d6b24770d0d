"""NER rules that read the layout and context of news text.

Wire copy is more than sentences: results and standings lines ("Leyton Orient 2
Hartlepool 0"), datelines ("LONDON 1996-08-30"), line-ups after a colon ("Parma : Buffon ;
Sartor , Thuram"), field labels ("Goles :"), players with their club in brackets. Each
function here reads one such pattern and retypes, adds or drops spans; which ones run for
a language, and with which word lists, is data (``options`` in ``lang/<code>/ner.json``).
"""

from __future__ import annotations

import re
from collections import Counter

from tidings.stages.entities.ner_text import (
    DATE,
    INITIAL,
    JOINERS,
    NUMERIC,
    SCORE,
    SEPARATORS,
    VERSUS,
    NerRules,
    Tagged,
    is_cap,
    is_upper_word,
    key_of,
    national_teams,
    surnames_of,
    title_case,
)

_DATELINE_MARKS = frozenset({",", "(", "-", "--", "—", "–", ":"})
RANK = re.compile(r"^\d{1,3}[.=]?$")  # "4." "12" "1=": a place in a results list


def colon_labels(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
                 teams: Counter[tuple[str, ...]], rules: NerRules) -> list[Tagged]:
    """Drop field labels the model takes for names: a one-word span opening a line and
    followed by a colon ("Goles :", "Incidencias :", "Árbitro :") that is not a team, not a
    known place, and not written anywhere else in the document."""
    if not rules.on("colon_labels", False):
        return spans
    starts = {s for s, _ in bounds}
    counts = Counter(words)
    return [sp for sp in spans if not (
        sp.start in starts and sp.end - sp.start == 1 and sp.end < len(words)
        and words[sp.end] == ":" and (words[sp.start],) not in teams
        and words[sp.start] not in rules.places and counts[words[sp.start]] == 1)]


def cue_words(spans: list[Tagged], words: list[str], rules: NerRules) -> list[Tagged]:
    """A span that begins or ends with a cue word takes its type ("Gobierno", "Ministry"
    -> ORG; "Palacio", "Stadium" -> LOC; "Liga", "Cup" -> MISC), whatever the model said.
    With ``of_words``, "Organización" + "de" + "Estados Americanos" is joined into one
    span. An initials-and-surname person keeps PER. Returns the new span list."""
    cues = rules.cue_words
    if not cues:
        return spans
    for span in spans:
        if span.type == "PER" and span.origin != "model":
            continue
        kind = cues.get(words[span.start]) or cues.get(words[span.end - 1])
        if kind:
            span.type = kind
    links = [tuple(x.split()) for x in rules.options.get("of_words", [])]
    if not links:
        return spans
    out: list[Tagged] = []
    for span in sorted(spans, key=lambda sp: sp.start):
        last = out[-1] if out else None
        if (last and cues.get(words[last.start]) == last.type and span.type != "PER"
                and tuple(words[last.end:span.start]) in links):
            last.end = span.end
            continue
        out.append(span)
    return out


_CODE = re.compile(r"^[A-Z]{1,4}-?\d{2,}[A-Z]?$")


def codes(spans: list[Tagged], words: list[str], rules: NerRules) -> None:
    """A one-word name made of capitals and digits ("PM2043", "C-4", "F-16") is a product
    or model code: MISC (in place)."""
    if not rules.on("codes", False):
        return
    for span in spans:
        if span.end - span.start == 1 and _CODE.match(words[span.start]):
            span.type = "MISC"


_LIST_SEPARATORS = frozenset({",", ";", "(", ")", ".", "-", "y", "e", "and", "und", "et", "&"})
_QUOTES = frozenset({'"', "“", "”", "«", "»", "'", "``", "''"})


def quote_wrap(spans: list[Tagged], words: list[str]) -> None:
    """Take the quotes round a name into the span ('" Daily News "'), where the gold
    convention does (CoNLL-2002) (in place)."""
    for span in spans:
        if (span.start > 0 and span.end < len(words) and words[span.start - 1] in _QUOTES
                and words[span.end] in _QUOTES):
            span.start -= 1
            span.end += 1


def name_lists(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
               rules: NerRules) -> tuple[list[Tagged], Counter[tuple[str, ...]]]:
    """Line-ups and lists of people after a colon or dash ("Parma : Buffon ; Sartor ,
    Thuram , Cannavaro ; ...", "South Africa - 15 - Andre Joubert , 14 - Justin Swart"):
    four or more items of one to three capitalised words each, making up most of the list,
    are people (countries excepted), and the name before the colon is their team. Returns
    the new span list and the teams."""
    teams: Counter[tuple[str, ...]] = Counter()
    if not rules.on("name_lists", False):
        return spans, teams
    drop: set[int] = set()
    added: list[Tagged] = []
    for s, e in bounds:
        window = range(s + 1, min(e, s + 8))
        colon = next((i for i in window if words[i] == ":"), -1)
        if colon < 0:  # "South Africa - 15 - Andre Joubert": a team name, then a dash
            colon = next((i for i in window if words[i] == "-" and is_cap(words[s])
                          and all(is_cap(w) for w in words[s:i])), -1)
        if colon < 0:
            continue
        items, begin = [], colon + 1
        for j in range(colon + 1, e + 1):
            if j == e or words[j] in _LIST_SEPARATORS or words[j] in VERSUS:
                if begin < j:
                    items.append((begin, j))
                begin = j + 1
        names = [(a, b) for a, b in items
                 if b - a <= 3 and all(is_cap(w) or INITIAL.match(w) for w in words[a:b])]
        other = [(a, b) for a, b in items if (a, b) not in names
                 and not words[a][:1].isdigit() and not words[a].startswith("m.")]
        if len(names) < 4 or len(other) > len(names) / 4:
            continue
        for a, b in names:
            if " ".join(words[a:b]) in rules.countries:
                continue
            drop.update(id(sp) for sp in spans if sp.start < b and a < sp.end)
            added.append(Tagged(a, b, "PER", "", "list"))
        head = [i for i in range(s, colon) if not NUMERIC.match(words[i]) and words[i] != "-"]
        if head and head == list(range(head[0], colon)) and all(is_cap(words[i]) for i in head):
            teams[tuple(words[head[0]:colon])] += 1
    return [sp for sp in spans if id(sp) not in drop] + added, teams


def athletes(spans: list[Tagged], words: list[str], rules: NerRules) -> list[Tagged]:
    """A name right before a country in brackets is a person in results and line-ups
    ("4. Emilio Valle ( Cuba ) 13.52", "Mariano Hood ( ARG )": a country name or a
    three-letter ISO or IOC country code in brackets), unless it is a place itself
    ("Paris ( France )"). Retypes the model's span or adds the one it missed; returns the
    new span list."""
    if not rules.on("athletes", False):
        return spans
    drop: set[int] = set()
    added: list[Tagged] = []
    for i in range(2, len(words) - 2):
        if words[i] != "(" or words[i + 2] != ")":
            continue
        if words[i + 1] not in rules.countries and words[i + 1] not in rules.country_codes:
            continue
        start = i
        while start > 0 and i - start < 4 and is_cap(words[start - 1]) and (
                words[start - 1].lower() not in rules.stop_words):
            start -= 1
        name = " ".join(words[start:i])
        if start == i or name in rules.places or name in rules.countries:
            continue
        if i - start == 1 and (start == 0 or (words[start - 1] not in {".", ",", "-", ";"}
                               and not RANK.match(words[start - 1]))):
            continue  # one word alone only where a list item starts ("Fredericks ( Namibia")
        drop.update(id(sp) for sp in spans if sp.start < i and start < sp.end)
        added.append(Tagged(start, i, "PER", "", "athlete"))
    return [sp for sp in spans if id(sp) not in drop] + added


def team_evidence(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
                  rules: NerRules) -> Counter[tuple[str, ...]]:
    """Surface forms used as sports teams in this document: a name right before a score in
    a results line (two or more scores), next to "v"/"vs", in brackets after a person, or
    after a team article (``options.team_articles``: "el Parma"). Countries stay places
    unless ``options.national_teams`` is ORG; people's surnames are left alone."""
    found: Counter[tuple[str, ...]] = Counter()
    if not rules.on("teams", False):
        return found
    segment_of = {}
    for n, (s, e) in enumerate(bounds):
        for i in range(s, e):
            segment_of[i] = n
    scores = Counter(segment_of.get(i) for i, w in enumerate(words) if SCORE.match(w))
    surnames = surnames_of(spans, words)
    person_ends = {sp.end for sp in spans if sp.type == "PER"}
    articles = set(rules.options.get("team_articles", ()))
    for span in spans:
        key = key_of(words, span)
        text = " ".join(key)
        national = text in rules.countries and not national_teams(rules)
        if national or (len(key) == 1 and key[0] in surnames):
            continue
        if span.type == "PER" and (span.end - span.start > 1 or INITIAL.match(words[span.start])):
            continue
        after = words[span.end] if span.end < len(words) else ""
        before = words[span.start - 1] if span.start > 0 else ""
        scored = SCORE.match(after) and scores[segment_of.get(span.start)] >= 2
        if scored or after.lower() in VERSUS or before.lower() in VERSUS:
            found[key] += 1
        elif before == "(" and after == ")" and span.start - 1 in person_ends:
            found[key] += 1  # "Santi Lampón ( Getafe )": a player and his club
        elif before.lower() in articles and span.type == "LOC" and not national:
            found[key] += 1  # "al Salamanca", "del Parma": a club, not a city
    return found


def initials(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
             rules: NerRules) -> list[Tagged]:
    """Initial-and-surname names ("P. Simmons", "T.O'Gorman") are people: retype the model's
    spans, and return the ones it missed."""
    if not rules.on("initials", False):
        return []
    taken = set()
    for span in spans:
        taken.update(range(span.start, span.end))
        if INITIAL.match(words[span.start]) and span.end - span.start >= 1:
            span.type = "PER"
    found = []
    for i, word in enumerate(words):
        if i in taken or not INITIAL.match(word):
            continue
        end = i + 1
        if word.endswith("."):
            while end < len(words) and INITIAL.match(words[end]) and words[end].endswith("."):
                end += 1
            if end >= len(words) or not is_cap(words[end]) or end in taken:
                continue
            if words[end].lower() in rules.stop_words or len(words[end]) < 2:
                continue
            end += 1
        if all(j not in taken for j in range(i, end)):
            found.append(Tagged(i, end, "PER", "", "initials"))
            taken.update(range(i, end))
    return found


def unknown_places(spans: list[Tagged], words: list[str], rules: NerRules) -> None:
    """A one-word LOC that no gazetteer knows as a place, and that no article makes a team
    ("el Parma"), and that the document never puts after a place preposition
    (``options.place_preps``: "en Djakovica"), is most often a surname in a model trained on
    encyclopaedia text: retype it as ``options.unknown_place_type`` (in place)."""
    kind = rules.options.get("unknown_place_type")
    articles = set(rules.options.get("team_articles", ()))
    preps = set(rules.options.get("place_preps", ()))
    placed = {words[i + 1] for i in range(len(words) - 1) if words[i].lower() in preps}
    for span in spans:
        if span.type != "LOC" or span.origin != "model":
            continue
        before = words[span.start - 1].lower() if span.start > 0 else ""
        text = " ".join(words[span.start:span.end])
        if before in articles and text not in rules.countries:
            span.type = "ORG"  # "el Barcelona", "del Parma": a club, not a city
        elif (kind and span.end - span.start == 1 and text not in rules.places
              and text not in placed):
            span.type = kind
    if rules.on("known_places", False):
        surnames = surnames_of(spans, words)
        for span in spans:
            text = words[span.start]
            if (span.type == "PER" and span.origin == "model" and span.end - span.start == 1
                    and text in rules.places and text not in surnames):
                span.type = "LOC"  # "Sevilla", "Mérida": a place, unless a full name says not


def left_cues(spans: list[Tagged], words: list[str], rules: NerRules) -> None:
    """A common noun right before a name says its type: "la empresa Telefónica" (ORG),
    "la ciudad de Sevilla" (LOC), "el delantero Rivaldo" (PER). ``options.left_cues`` maps
    the nouns to types; one lower-case adjective may stand between, and "de" after a place
    noun (in place)."""
    cues = rules.options.get("left_cues", {})
    if not cues:
        return
    for span in spans:
        if span.origin != "model" or (span.type == "PER" and span.end - span.start > 1):
            continue
        between = ""
        for back in (1, 2):
            j = span.start - back
            if j < 0:
                break
            kind = cues.get(words[j].lower()) if words[j][:1].islower() else None
            if kind and (not between or between not in rules.stop_words or kind == "LOC"):
                span.type = kind  # "presidente de Telefónica" is no person: PER cues touch
                break
            if not words[j][:1].islower() or words[j] in SEPARATORS:
                break
            between = words[j].lower()


def demonyms(spans: list[Tagged], words: list[str], rules: NerRules) -> list[Tagged]:
    """Country adjectives and demonyms the model missed ("deutschen", "Amerikanern"), from
    ``lang/<code>/demonyms.json``, as MISC where the gold convention tags them (GermEval).
    Returns the new spans."""
    if not rules.demonyms:
        return []
    taken = {i for sp in spans for i in range(sp.start, sp.end)}
    return [Tagged(i, i + 1, "MISC", "", "demonym") for i, w in enumerate(words)
            if w in rules.demonyms and i not in taken]


def known_places(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
                 rules: NerRules) -> list[Tagged]:
    """Country names the model missed, and (with ``options.find_places``) any known place
    name of one or two words not at a sentence start: LOC. Returns the new spans."""
    if not rules.on("find_places", False):
        return []
    names = rules.places if rules.options.get("find_places") == "all" else rules.countries
    starts = {s for s, _ in bounds}
    taken = {i for sp in spans for i in range(sp.start, sp.end)}
    found: list[Tagged] = []
    i = 0
    while i < len(words):
        for n in (2, 1):
            key = " ".join(words[i:i + n])
            if (i + n <= len(words) and key in names and is_cap(words[i]) and i not in starts
                    and not taken.intersection(range(i, i + n))):
                found.append(Tagged(i, i + n, "LOC", "", "gazetteer"))
                i += n - 1
                break
        i += 1
    return found


def lone_cues(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
              rules: NerRules) -> list[Tagged]:
    """Capitalised institution words standing alone in mid-sentence ("el Estado", "the
    Senate") that the model missed: ``options.lone_cues`` lists them with their type."""
    lone = rules.options.get("lone_cues", {})
    if not lone:
        return []
    starts = {s for s, _ in bounds}
    taken = {i for sp in spans for i in range(sp.start, sp.end)}
    return [Tagged(i, i + 1, lone[w], "", "cue") for i, w in enumerate(words)
            if w in lone and i not in taken and i not in starts]


def acronyms(spans: list[Tagged], words: list[str], rules: NerRules) -> None:
    """A one-word all-caps name of two to six letters that is not a known place ("CNE",
    "BNP", "LIFFE") is an organisation, whatever other type the model gave it (in place)."""
    retype = set(rules.options.get("acronyms", ()))
    if not retype:
        return
    for span in spans:
        word = words[span.start]
        if (span.end - span.start == 1 and span.type in retype and is_upper_word(word)
                and len(word) <= 6 and word not in rules.places
                and title_case(word) not in rules.places and word not in rules.countries):
            span.type = "ORG"


def countries_are_places(spans: list[Tagged], words: list[str], rules: NerRules) -> None:
    """A span that is exactly a country's name is a LOC (in place)."""
    if not rules.on("countries", False):
        return
    for span in spans:
        if " ".join(words[span.start:span.end]) in rules.countries:
            span.type = "LOC"


def _results_groups(words: list[str], start: int, end: int) -> list[tuple[int, int]]:
    """Name groups of a results or standings line ("Leyton Orient 2 Hartlepool 0",
    "Dundee 3 1 2 0 3 2 5", "BOSTON AT OAKLAND"); [] when the line is anything else."""
    i = start
    colons = [j for j in range(start, end) if words[j] == ":"]
    if colons:
        i = colons[-1] + 1  # "Partido amistoso : Gales , 0 - Brasil , 3"
    while i < end and NUMERIC.match(words[i]):
        i += 1  # a rank: "1." "12"
    groups: list[tuple[int, int]] = []
    numbers, begin, followed = 0, -1, 0
    versus = False
    for j in range(i, end):
        word = words[j]
        if word == "(":
            end = j
            break
        numeric = bool(NUMERIC.match(word))
        if begin >= 0 and (numeric or word in {".", ",", "-"} or word.lower() in VERSUS | {"at"}):
            while words[j - 1].lower() in JOINERS and j - 1 > begin:
                j -= 1
            groups.append((begin, j))
            begin = -1
            followed += numeric
        if numeric:
            numbers += 1
        elif word.lower() in VERSUS | {"at"} and groups:
            versus = True
        elif is_cap(word):
            if begin < 0:
                begin = j
        elif not (begin >= 0 and word.lower() in JOINERS) and word not in {".", ",", "-"}:
            return []
    if begin >= 0:
        groups.append((begin, end))
    if versus and len(groups) == 2 and numbers == 0:
        return groups
    return groups if numbers >= 2 and followed >= 1 else []


def results_lines(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
                  rules: NerRules) -> tuple[list[Tagged], Counter[tuple[str, ...]]]:
    """Teams in results and standings lines: each name group of such a line is an ORG (a
    country stays a LOC, a person the model found stays a PER). Returns the new span list
    and the teams found, as evidence for the rest of the document."""
    teams: Counter[tuple[str, ...]] = Counter()
    if not rules.on("teams", False):
        return spans, teams
    by_start = {(sp.start, sp.end): sp for sp in spans}
    drop: set[int] = set()
    added = []
    datelined = {sp.start for sp in spans if sp.origin == "dateline"}
    for s, e in bounds:
        if any(s <= i < e for i in datelined):
            continue  # "LONDON 1996 - 08 - 30" is a dateline, not a score
        for start, end in _results_groups(words, s, e):
            key = tuple(words[start:end])
            model = by_start.get((start, end))
            if model and model.type == "PER" and (end - start > 1 or INITIAL.match(key[0])):
                continue
            national = " ".join(key) in rules.countries and not national_teams(rules)
            kind = "LOC" if national else "ORG"
            drop.update(id(sp) for sp in spans if sp.start < end and start < sp.end)
            added.append(Tagged(start, end, kind, "", "results"))
            if kind == "ORG":
                teams[key] += 1
    return [sp for sp in spans if id(sp) not in drop] + added, teams


def datelines(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
              rules: NerRules) -> list[Tagged]:
    """A wire dateline line, "LONDON 1996-08-30" or "IRVINE , Calif 1996-08-30": its
    capitalised words, split at commas, are places; and a known place in capitals opening
    a line before a comma, bracket or dash ("BEIJING, June 28 (Reuters) -") is a place."""
    if not rules.on("datelines", False):
        return spans
    drop: set[int] = set()
    added = []
    for s, e in bounds:
        run = s
        while run < e and is_upper_word(words[run]):
            run += 1
        place = " ".join(title_case(w) for w in words[s:run])
        if s < run < e and words[run] in _DATELINE_MARKS and (
                place in rules.places or " ".join(words[s:run]) in rules.places):
            drop.update(id(sp) for sp in spans if sp.start < run and s < sp.end)
            added.append(Tagged(s, run, "LOC", "", "dateline"))  # "BEIJING, June 28 (Reuters)"
            continue
        # the date may be one token ("1996-08-30") or split by a tokenizer ("1996 - 08 - 30")
        date = next((k for k in range(1, 6) if e - k > s
                     and DATE.match("".join(words[e - k:e]))), 0)
        if not date or not is_upper_word(words[s]):
            continue
        body = words[s:e - date]
        if not all(is_cap(w) or w == "," for w in body) or body[-1] == ",":
            continue
        begin = s
        for j in range(s, e - date + 1):
            if j == e - date or words[j] == ",":
                if begin < j:
                    added.append(Tagged(begin, j, "LOC", "", "dateline"))
                begin = j + 1
        drop.update(id(sp) for sp in spans if s <= sp.start < e)
    return [sp for sp in spans if id(sp) not in drop] + added
