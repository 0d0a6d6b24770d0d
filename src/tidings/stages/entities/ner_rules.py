"""Rules over a statistical NER model's spans: clean-up, document consistency, casing.

The spaCy small models were trained on other label sets and other text than news wires
(OntoNotes for English, WikiNER/AnCora for Spanish and French), so their spans break in
predictable ways. Each rule here fixes one such way, and works on any text of the language:

* **truecasing** of all-caps lines (wire headlines, datelines) from how the same words are
  written elsewhere in the document, before the model sees them (``truecase``);
* **span clean-up**: split at numbers and separators ("Somerset 83", "Natalya Shikolen (
  Belarus"; ``options.split_spans: false`` keeps the model's spans whole), strip a leading
  determiner or trailing possessive ("the White House", "Arafat 's"), drop spans with no
  capitalised word or that are one function word ("Según");
* **document consistency**: one surface form, one type per document (majority of the
  model's votes; a person's surname alone counts as the person, a name used as a sports
  team counts as an ORG), and untagged repeats of a name found elsewhere in the document
  are tagged too.

What the layout and context of news text say (results lines, datelines, line-ups, cue
words, teams) is in :mod:`ner_layout`; ``refine`` runs everything in order.
Language data lives in ``lang/<code>/ner.json`` (see ``NerRules``).
"""

from __future__ import annotations

from collections import Counter, defaultdict

from tidings.stages.entities.ner_layout import (
    acronyms,
    athletes,
    codes,
    colon_labels,
    countries_are_places,
    cue_words,
    datelines,
    demonyms,
    initials,
    known_places,
    left_cues,
    lone_cues,
    name_lists,
    quote_wrap,
    results_lines,
    team_evidence,
    unknown_places,
)
from tidings.stages.entities.ner_text import (
    LABEL_MARKS,
    NUMBERISH,
    SEPARATORS,
    TRAILING,
    NerRules,
    Tagged,
    is_cap,
    is_upper_word,
    key_of,
    segments_of,
    title_case,
)

__all__ = ["NerRules", "Tagged", "refine", "segments_of", "truecase"]


# --- truecasing -------------------------------------------------------------------------


def _caps_segment(words: list[str], start: int, end: int) -> bool:
    alpha = [w for w in words[start:end] if sum(ch.isalpha() for ch in w) >= 2]
    return len(alpha) >= 2 and sum(is_upper_word(w) for w in alpha) >= 0.8 * len(alpha)


def truecase(words: list[str], bounds: list[tuple[int, int]], rules: NerRules) -> list[str]:
    """Words of all-caps segments rewritten in the case they have elsewhere in the document
    (not counting segment-initial words); unseen words become lower case when they are
    function words, and otherwise as ``options.unseen_caps`` says: ``title`` (English wire
    headlines are mostly names), ``lower`` or ``keep``. Other segments stay unchanged (an
    all-caps word there keeps its case: rewriting "NEW YORK 74 63" in standings tables as
    "New York" measured worse on CoNLL-2003 dev, 0.812 against 0.815)."""
    if not rules.cased or not rules.on("truecase"):
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
            if i == s and i + 1 < e and words[i + 1] in LABEL_MARKS:
                out[i] = word.lower()  # a section label: "SOCCER - ...", "GOLF - ..."
            elif seen:
                out[i] = seen.most_common(1)[0][0]
            elif word.lower() in rules.stop_words:
                out[i] = word.lower()
            elif unseen == "title":
                out[i] = title_case(word)
            elif unseen == "lower" and len(word) > int(rules.options.get("acronym_max", 0)):
                out[i] = word.lower()
    return out


# --- span clean-up ----------------------------------------------------------------------


def clean(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
          rules: NerRules) -> list[Tagged]:
    """Split, trim and filter the model's spans (see the module docstring)."""
    starts = {s for s, _ in bounds}
    lowered = {w for w in words if w[:1].islower()} if rules.on("initial_common", False) else ()
    split = rules.on("split_spans")
    out: list[Tagged] = []
    for span in spans:
        parts = _pieces(span.start, span.end, words) if split else [(span.start, span.end)]
        for start, end in parts:
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
        if word in SEPARATORS or NUMBERISH.match(word) or "\n" in word:
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
        possessive = word in rules.strip_trailing or word in TRAILING
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
        if len(word) == 1 or word.lower().rstrip(".") in rules.not_names:
            return False  # "June", "Aug": months and weekdays are no names here
    return True


# --- document consistency ---------------------------------------------------------------


def harmonise(spans: list[Tagged], words: list[str], rules: NerRules,
              teams: Counter[tuple[str, ...]] | None = None) -> None:
    """One type per surface form in a document (in place): the majority of the model's
    votes, where a multi-word person's last name also votes PER for the name alone, and a
    name used as a sports team votes ORG."""
    votes: dict[tuple[str, ...], Counter[str]] = defaultdict(Counter)
    for span in spans:
        votes[key_of(words, span)][span.type] += 1
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
        counts = votes[key_of(words, span)]
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
        names[key_of(words, span)][span.type] += 1
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


def refine(spans: list[Tagged], words: list[str], bounds: list[tuple[int, int]],
           rules: NerRules) -> list[Tagged]:
    """All rules, in order, over the spans of one document. Returns sorted, non-overlapping
    spans."""
    spans = clean(spans, words, bounds, rules)
    spans = spans + initials(spans, words, bounds, rules)
    spans = cue_words(spans, words, rules)
    codes(spans, words, rules)
    spans, listed = name_lists(spans, words, bounds, rules)
    spans = athletes(spans, words, rules)
    unknown_places(spans, words, rules)
    left_cues(spans, words, rules)
    spans = spans + lone_cues(spans, words, bounds, rules)
    spans = spans + demonyms(spans, words, rules)
    spans = spans + known_places(spans, words, bounds, rules)
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
    spans = [sp for sp in spans if sp.end - sp.start > 1
             or words[sp.start].lower().rstrip(".") not in rules.not_names]
    spans.sort(key=lambda s: (s.start, -(s.end - s.start)))
    kept: list[Tagged] = []
    for span in spans:
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept
