"""Rules over a statistical NER model's spans: clean-up, document consistency, casing.

The spaCy small models were trained on other label sets and other text than news wires
(OntoNotes for English, WikiNER/AnCora for Spanish and French), so their spans break in
predictable ways. Each rule here fixes one such way, and works on any text of the language:

* **truecasing** of all-caps lines (wire headlines, datelines) from how the same words are
  written elsewhere in the document, before the model sees them (``truecase``);
* **span clean-up**: split at numbers and separators ("Somerset 83", "Natalya Shikolen (
  Belarus"), strip a leading determiner or trailing possessive ("the White House", "Arafat
  's"), drop spans with no capitalised word or that are one function word ("Según");
* **cue words**: a span that starts or ends with an organisation word ("Ministerio",
  "Department") is an organisation;
* **document consistency**: one surface form, one type per document (majority of the
  model's votes; a person's surname alone counts as the person), and untagged repeats of a
  name the model found elsewhere in the document are tagged too;
* **score lines**: a place name right before a score in a results line is a team (ORG).

Language data lives in ``lang/<code>/ner.json`` (see ``NerRules``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

TYPES = ("PER", "ORG", "LOC", "MISC")

# A token that is a number or a score: 83, 4-38, 81-3, 1=, 6-2, 19.32, 4-0-25-0.
_NUMBERISH = re.compile(r"^[(\[]?[+\-–]?\d[\d.,:/=+\-–]*[)\]]?%?$")
_SCORE = re.compile(r"^\d{1,3}(?:[-–:]\d{1,3})?$")
# Tokens that end a span: separators between names, never inside one.
_SEPARATORS = frozenset("()[],;:|/«»") | {"-", "–", "—", "--", "...", "..", "=", "+", "*"}
_SENTENCE_END = frozenset({".", "!", "?", "。", "！", "？", "..."})
_TRAILING = frozenset({'"', "'", "“", "”", "’", ".", "'s"})
_LABEL_MARKS = frozenset({"-", "--", "–", "—", ":"})
# Any number-like token: 83, .515, 1/2, 20:36:54, 4-0-25-0.
_NUMERIC = re.compile(r"^[+\-–]?[\d.,:/=+\-–%]*\d[\d.,:/=+\-–%]*$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}$")
_JOINERS = frozenset({"of", "'s", "’s", "&", "de", "del", "la", "-", "and"})


@dataclass(slots=True)
class Tagged:
    """One span over document tokens: ``[start, end)`` with our type and the model's label."""

    start: int
    end: int
    type: str
    raw: str
    origin: str = "model"  # model, consistency, surname, score


@dataclass(frozen=True, slots=True)
class NerRules:
    """The rule data of one language (``lang/<code>/ner.json``)."""

    labels: dict[str, str]  # model label -> PER/ORG/LOC/MISC; unlisted labels are dropped
    confidence: dict[str, float]  # type -> dev precision of that type
    stop_words: frozenset[str] = frozenset()  # lower case; one-word spans of these are dropped
    strip_leading: frozenset[str] = frozenset()  # lower case; determiners before a name
    particles: frozenset[str] = frozenset()  # lower-case words that may start a name ("de")
    strip_trailing: frozenset[str] = frozenset()  # possessive tokens: 's
    cue_words: dict[str, str] = field(default_factory=dict)  # head/tail word -> its type
    countries: frozenset[str] = frozenset()  # country names in this language and English
    places: frozenset[str] = frozenset()  # known place names (GeoNames cities, countries)
    cased: bool = True  # the script has upper and lower case
    options: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_data(cls, data: dict[str, Any], stop_words: frozenset[str],
                  countries: frozenset[str] = frozenset(),
                  places: frozenset[str] = frozenset()) -> NerRules:
        """Build from the parsed ``ner.json``, the model's stop-word list and the names of
        countries."""
        return cls(
            labels=dict(data.get("labels", {})),
            confidence={t: float(v) for t, v in data.get("confidence", {}).items()},
            stop_words=frozenset(w.lower() for w in stop_words)
            | frozenset(w.lower() for w in data.get("stop_words", [])),
            strip_leading=frozenset(data.get("strip_leading", [])),
            particles=frozenset(data.get("particles", [])),
            strip_trailing=frozenset(data.get("strip_trailing", [])),
            cue_words={w: t for t, ws in data.get("cue_words", {}).items() for w in ws},
            countries=countries,
            places=places,
            cased=bool(data.get("cased", True)),
            options=dict(data.get("options", {})),
        )

    def on(self, name: str, default: bool = True) -> bool:
        """Whether the named rule is switched on for this language."""
        return bool(self.options.get(name, default))


def is_cap(token: str) -> bool:
    """Whether a token can start a name: its first letter is upper case, or caseless (CJK)."""
    for ch in token:
        if ch.isalpha():
            return ch.isupper() or not ch.islower()
    return False


def is_upper_word(token: str) -> bool:
    """An all-caps word of two or more letters: LONDON, NATO."""
    letters = [ch for ch in token if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def segments_of(words: list[str]) -> list[tuple[int, int]]:
    """Token ranges of sentences or lines: a break after sentence-final punctuation or at a
    token holding a line break."""
    bounds, start = [], 0
    for i, word in enumerate(words):
        if "\n" in word:
            if start < i:
                bounds.append((start, i))
            start = i + 1
        elif word in _SENTENCE_END:
            bounds.append((start, i + 1))
            start = i + 1
    if start < len(words):
        bounds.append((start, len(words)))
    return bounds


# --- truecasing -------------------------------------------------------------------------


def _caps_segment(words: list[str], start: int, end: int) -> bool:
    alpha = [w for w in words[start:end] if sum(ch.isalpha() for ch in w) >= 2]
    return len(alpha) >= 2 and sum(is_upper_word(w) for w in alpha) >= 0.8 * len(alpha)


def truecase(words: list[str], bounds: list[tuple[int, int]], rules: NerRules) -> list[str]:
    """Words of all-caps segments rewritten in the case they have elsewhere in the document
    (not counting segment-initial words); unseen words become lower case when they are
    function words, and otherwise as ``options.unseen_caps`` says: ``title`` (English wire
    headlines are mostly names), ``lower`` or ``keep``. Other segments stay unchanged."""
    if not rules.cased:
        return words
    caps = [b for b in bounds if _caps_segment(words, *b)]
    if not caps:
        return words
    in_caps = {i for s, e in caps for i in range(s, e)}
    unseen = rules.options.get("unseen_caps", "title")
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for s, e in bounds:
        for i in range(s + 1, e):
            if i not in in_caps:
                forms[words[i].lower()][words[i]] += 1
    out = list(words)
    for s, e in caps:
        for i in range(s, e):
            word = words[i]
            if not is_upper_word(word):
                continue
            seen = forms.get(word.lower())
            label = i == s and i + 1 < e and words[i + 1] in _LABEL_MARKS
            if seen:
                out[i] = seen.most_common(1)[0][0]
            elif word.lower() in rules.stop_words or label:
                out[i] = word.lower()  # function word, or a section label: "SOCCER - ..."
            elif unseen == "title":
                out[i] = _title(word)
            elif unseen == "lower" and len(word) > int(rules.options.get("acronym_max", 0)):
                out[i] = word.lower()
    return out


def _title(word: str) -> str:
    """LEICESTERSHIRE -> Leicestershire, CHESTER-LE-STREET -> Chester-Le-Street, O'NEILL ->
    O'Neill; the length never changes (offsets stay valid)."""
    titled = word[:1] + word[1:].lower()
    titled = re.sub(r"([-'’])(\w)", lambda m: m[1] + m[2].upper(), titled)
    return titled if len(titled) == len(word) else word


# --- span clean-up ----------------------------------------------------------------------


def clean(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
          rules: NerRules) -> list[Tagged]:
    """Split, trim and filter the model's spans (see the module docstring)."""
    starts = {s for s, _ in bounds}
    lowered = {w for w in words if w[:1].islower()} if rules.on("initial_common", False) else ()
    out: list[Tagged] = []
    for span in spans:
        for start, end in _pieces(span.start, span.end, words):
            piece = _trim(start, end, words, starts, rules)
            if not piece or not _keep(*piece, words, rules):
                continue
            if (piece[1] - piece[0] == 1 and piece[0] in starts
                    and words[piece[0]].lower() in lowered):
                continue  # "Goles :" -- a sentence-initial word written lower case elsewhere
            out.append(Tagged(piece[0], piece[1], span.type, span.raw, span.origin))
    return out


def _pieces(start: int, end: int, words: list[str]) -> list[tuple[int, int]]:
    pieces, begin = [], start
    for i in range(start, end):
        word = words[i]
        if word in _SEPARATORS or _NUMBERISH.match(word) or "\n" in word:
            if begin < i:
                pieces.append((begin, i))
            begin = i + 1
    if begin < end:
        pieces.append((begin, end))
    return pieces


def _trim(start: int, end: int, words: list[str], starts: set[int],
          rules: NerRules) -> tuple[int, int] | None:
    while start < end:
        word = words[start]
        low = word.lower()
        if rules.cased and not is_cap(word) and low not in rules.particles:
            start += 1  # "interista", "news": a lower-case word does not start a name
        elif low in rules.strip_leading and (not is_cap(word) or start in starts):
            start += 1  # "the", and "The" at a sentence start
        elif word in {'"', "'", "`", "``", "''", "“", "”", "‘", "’"}:
            start += 1
        else:
            break
    while end > start:
        word = words[end - 1]
        possessive = word in rules.strip_trailing or word in _TRAILING
        lower_tail = rules.cased and rules.on("trim_lowercase_tail") and not is_cap(word)
        if not (possessive or lower_tail):
            break
        end -= 1
    return (start, end) if start < end else None


def _keep(start: int, end: int, words: list[str], rules: NerRules) -> bool:
    tokens = words[start:end]
    if rules.cased and not any(is_cap(w) for w in tokens):
        return False
    if not any(ch.isalpha() for w in tokens for ch in w):
        return False
    if len(tokens) == 1:
        word = tokens[0]
        if word.lower() in rules.stop_words and not is_upper_word(word):
            return False
        if len(word) == 1:
            return False
    return True


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


_LIST_SEPARATORS = frozenset({",", ";", "(", ")", ".", "y", "e", "and", "und", "et", "&"})
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
    """Line-ups and lists of people after a colon ("Parma : Buffon ; Sartor , Thuram ,
    Cannavaro ; ..."): four or more items of one to three capitalised words each, making up
    most of the list, are people (countries excepted), and the name before the colon is
    their team. Returns the new span list and the teams."""
    teams: Counter[tuple[str, ...]] = Counter()
    if not rules.on("name_lists", False):
        return spans, teams
    drop: set[int] = set()
    added: list[Tagged] = []
    for s, e in bounds:
        colon = next((i for i in range(s + 1, min(e, s + 8)) if words[i] == ":"), -1)
        if colon < 0:
            continue
        items, begin = [], colon + 1
        for j in range(colon + 1, e + 1):
            if j == e or words[j] in _LIST_SEPARATORS or words[j] in _VERSUS:
                if begin < j:
                    items.append((begin, j))
                begin = j + 1
        names = [(a, b) for a, b in items
                 if b - a <= 3 and all(is_cap(w) or _INITIAL.match(w) for w in words[a:b])]
        other = [(a, b) for a, b in items if (a, b) not in names
                 and not _NUMERIC.match(words[a]) and not words[a].startswith("m.")]
        if len(names) < 4 or len(other) > len(names) / 4:
            continue
        for a, b in names:
            if " ".join(words[a:b]) in rules.countries:
                continue
            drop.update(id(sp) for sp in spans if sp.start < b and a < sp.end)
            added.append(Tagged(a, b, "PER", "", "list"))
        head = [i for i in range(s, colon) if not _NUMERIC.match(words[i]) and words[i] != "-"]
        if head and head == list(range(head[0], colon)) and all(is_cap(words[i]) for i in head):
            teams[tuple(words[head[0]:colon])] += 1
    return [sp for sp in spans if id(sp) not in drop] + added, teams


# --- document consistency ---------------------------------------------------------------


def _key(words: list[str], span: Tagged) -> tuple[str, ...]:
    return tuple(words[span.start:span.end])


def harmonise(spans: list[Tagged], words: list[str], rules: NerRules,
              teams: Counter[tuple[str, ...]] | None = None) -> None:
    """One type per surface form in a document (in place): the majority of the model's
    votes, where a multi-word person's last name also votes PER for the name alone, and a
    name used as a sports team votes ORG."""
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for span in spans:
        votes[_key(words, span)][span.type] += 1
    team_weight = float(rules.options.get("team_weight", 3.0))
    for key, n in (teams or {}).items():
        votes[key]["ORG"] += team_weight * n
    if rules.on("surname_votes"):
        weight = float(rules.options.get("surname_weight", 2.0))
        for span in spans:
            if span.type == "PER" and span.end - span.start >= 2:
                last = words[span.end - 1]
                if is_cap(last) and len(last) > 1 and last.lower() not in rules.stop_words:
                    votes[(last,)]["PER"] += weight
    for span in spans:
        counts = votes[_key(words, span)]
        best, n = counts.most_common(1)[0]
        if best != span.type and n > counts[span.type]:
            span.type = best
            span.origin = "consistency"


def propagate(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
              rules: NerRules) -> list[Tagged]:
    """Tag untagged repeats of names found elsewhere in the document (and surnames of
    people found with their full name). Returns the new spans (not yet in ``spans``)."""
    names: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for span in spans:
        names[_key(words, span)][span.type] += 1
    if rules.on("surname_votes"):
        for span in spans:
            if span.type == "PER" and span.end - span.start >= 2:
                names[(words[span.end - 1],)]["PER"] += 1
    lowered = {w.lower() for w in words if w[:1].islower()}
    usable = {}
    for key, counts in names.items():
        first = key[0]
        if len(key) == 1 and (len(first) < 2 or first.lower() in rules.stop_words
                              or first.lower() in lowered):
            continue  # a name that is also a common word here ("Such", "May")
        if is_cap(first):
            usable[key] = counts.most_common(1)[0][0]
    if not usable:
        return []
    taken = [False] * len(words)
    for span in spans:
        for i in range(span.start, span.end):
            taken[i] = True
    longest = max(len(k) for k in usable)
    starts = {s for s, _ in bounds}
    found = []
    i = 0
    while i < len(words):
        hit = None
        if not taken[i] and is_cap(words[i]):
            for n in range(min(longest, len(words) - i), 0, -1):
                key = tuple(words[i:i + n])
                if key in usable and not any(taken[i:i + n]):
                    hit = key
                    break
        if hit and not (i in starts and len(hit) == 1 and hit[0].lower() in rules.stop_words):
            found.append(Tagged(i, i + len(hit), usable[hit], "", "consistency"))
            for j in range(i, i + len(hit)):
                taken[j] = True
            i += len(hit)
        else:
            i += 1
    return found


# --- teams, initials, countries ----------------------------------------------------------

_VERSUS = frozenset({"v", "v.", "vs", "vs.", "versus", "-v-"})
_INITIAL = re.compile(r"^[A-Z]\.$|^[A-Z]\.[A-Z][a-z'’]")


def _surnames(spans: list[Tagged], words: list[str]) -> set[str]:
    return {words[s.end - 1] for s in spans if s.type == "PER" and s.end - s.start >= 2}


def _national_teams(rules: NerRules) -> bool:
    """Whether a country playing a match is an ORG (CoNLL-2002) or stays a LOC (CoNLL-2003)."""
    return rules.options.get("national_teams", "LOC") == "ORG"


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
    scores = Counter(segment_of.get(i) for i, w in enumerate(words) if _SCORE.match(w))
    surnames = _surnames(spans, words)
    person_ends = {sp.end for sp in spans if sp.type == "PER"}
    articles = set(rules.options.get("team_articles", ()))
    for span in spans:
        key = _key(words, span)
        text = " ".join(key)
        national = text in rules.countries and not _national_teams(rules)
        if national or (len(key) == 1 and key[0] in surnames):
            continue
        if span.type == "PER" and (span.end - span.start > 1 or _INITIAL.match(words[span.start])):
            continue
        after = words[span.end] if span.end < len(words) else ""
        before = words[span.start - 1] if span.start > 0 else ""
        scored = _SCORE.match(after) and scores[segment_of.get(span.start)] >= 2
        if scored or after.lower() in _VERSUS or before.lower() in _VERSUS:
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
        if _INITIAL.match(words[span.start]) and span.end - span.start >= 1:
            span.type = "PER"
    found = []
    for i, word in enumerate(words):
        if i in taken or not _INITIAL.match(word):
            continue
        end = i + 1
        if word.endswith("."):
            while end < len(words) and _INITIAL.match(words[end]) and words[end].endswith("."):
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
    ("el Parma"), is most often a surname in a model trained on encyclopaedia text:
    retype it as ``options.unknown_place_type`` (in place)."""
    kind = rules.options.get("unknown_place_type")
    articles = set(rules.options.get("team_articles", ()))
    for span in spans:
        if span.type != "LOC" or span.origin != "model":
            continue
        before = words[span.start - 1].lower() if span.start > 0 else ""
        text = " ".join(words[span.start:span.end])
        if before in articles and text not in rules.countries:
            span.type = "ORG"  # "el Barcelona", "del Parma": a club, not a city
        elif kind and span.end - span.start == 1 and text not in rules.places:
            span.type = kind
    if rules.on("known_places", False):
        surnames = _surnames(spans, words)
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
            if not words[j][:1].islower() or words[j] in _SEPARATORS:
                break
            between = words[j].lower()


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
                and _title(word) not in rules.places and word not in rules.countries):
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
    while i < end and _NUMERIC.match(words[i]):
        i += 1  # a rank: "1." "12"
    groups: list[tuple[int, int]] = []
    numbers, begin, followed = 0, -1, 0
    versus = False
    for j in range(i, end):
        word = words[j]
        if word == "(":
            end = j
            break
        numeric = bool(_NUMERIC.match(word))
        if begin >= 0 and (numeric or word in {".", ",", "-"} or word.lower() in _VERSUS | {"at"}):
            while words[j - 1].lower() in _JOINERS and j - 1 > begin:
                j -= 1
            groups.append((begin, j))
            begin = -1
            followed += numeric
        if numeric:
            numbers += 1
        elif word.lower() in _VERSUS | {"at"} and groups:
            versus = True
        elif is_cap(word):
            if begin < 0:
                begin = j
        elif not (begin >= 0 and word.lower() in _JOINERS) and word not in {".", ",", "-"}:
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
    for s, e in bounds:
        for start, end in _results_groups(words, s, e):
            key = tuple(words[start:end])
            model = by_start.get((start, end))
            if model and model.type == "PER" and (end - start > 1 or _INITIAL.match(key[0])):
                continue
            national = " ".join(key) in rules.countries and not _national_teams(rules)
            kind = "LOC" if national else "ORG"
            drop.update(id(sp) for sp in spans if sp.start < end and start < sp.end)
            added.append(Tagged(start, end, kind, "", "results"))
            if kind == "ORG":
                teams[key] += 1
    return [sp for sp in spans if id(sp) not in drop] + added, teams


def datelines(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
              rules: NerRules) -> list[Tagged]:
    """A wire dateline line, "LONDON 1996-08-30" or "IRVINE , Calif 1996-08-30": its
    capitalised words, split at commas, are places."""
    if not rules.on("datelines", False):
        return spans
    drop: set[int] = set()
    added = []
    for s, e in bounds:
        if e - s < 2 or not _DATE.match(words[e - 1]) or not is_upper_word(words[s]):
            continue
        body = words[s:e - 1]
        if not all(is_cap(w) or w == "," for w in body) or body[-1] == ",":
            continue
        begin = s
        for j in range(s, e):
            if j == e - 1 or words[j] == ",":
                if begin < j:
                    added.append(Tagged(begin, j, "LOC", "", "dateline"))
                begin = j + 1
        drop.update(id(sp) for sp in spans if s <= sp.start < e)
    return [sp for sp in spans if id(sp) not in drop] + added


def refine(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
           rules: NerRules) -> list[Tagged]:
    """All rules, in order, over the spans of one document. Returns sorted, non-overlapping
    spans."""
    spans = clean(spans, words, bounds, rules)
    spans = spans + initials(spans, words, bounds, rules)
    spans = cue_words(spans, words, rules)
    codes(spans, words, rules)
    spans, listed = name_lists(spans, words, bounds, rules)
    unknown_places(spans, words, rules)
    left_cues(spans, words, rules)
    spans = spans + lone_cues(spans, words, bounds, rules)
    acronyms(spans, words, rules)
    countries_are_places(spans, words, rules)
    spans = datelines(spans, words, bounds, rules)
    spans, teams = results_lines(spans, words, bounds, rules)
    teams.update(team_evidence(spans, words, bounds, rules))
    teams.update(listed)
    spans = colon_labels(spans, words, bounds, teams, rules)
    if rules.on("consistency"):
        harmonise(spans, words, rules, teams)
    if rules.on("propagate"):
        spans = spans + propagate(spans, words, bounds, rules)
    if rules.on("quote_wrap", False):
        quote_wrap(spans, words)
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Tagged] = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept
