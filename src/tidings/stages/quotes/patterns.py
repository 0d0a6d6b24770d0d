"""Attributions read by ordered patterns over a sentence's words, for languages without a
parser here (German, Chinese) or whose small parser reads reporting clauses badly (Spanish,
French: "« ... », a déclaré le président" comes out with the president as the object).

Per sentence, in this order (each word is a cue once):

1. a source phrase (``[cues] source_prep``: "laut", "según", "selon", "据"): the noun
   phrase after it is the source; the content is the rest of the sentence: after the
   phrase when it opens the sentence, before it when it follows a comma (", según X."),
   around it when it sits inside ("1.200 Gebäude wurden nach Angaben der Feuerwehr
   zerstört": two fragments);
2. a postposed source word after a comma (``postposed``: German ", so Xi."): the content is
   what comes before the comma, the source what follows the word;
3. a reporting verb (``speech``). After a comma or a closing quotation mark ("„...“,
   sagte er", "..., teilte die Kreisverwaltung mit", "« ... », a-t-il dit") the content is
   what comes before and the speaker what follows (up to a ``[patterns] stop`` word such as
   "bei" or "dans", or the pronoun of an inversion); otherwise the content starts at the
   next comma, colon, complementizer (kept: "dass", "que") or opening quotation mark, and
   the speaker is the noun phrase before the verb (from the last boundary; an apposition,
   "Der Sprecher, Karsten Fischer, sagte", is taken whole), or the one after it when
   before it stands an adverbial ("Am Montag sagte Lindner, ..."). A verb with no content
   after it introduces the quotation that follows (``assemble``);
4. German reported speech going on: a sentence with no cue of its own whose verb is in the
   subjunctive (``subjunctive``: "sei", "seien", "habe", "werde") right after a reported
   quote continues it: a quote of the same speaker with no cue.

Chinese (``tokenizer = "chars"``) has the same steps over characters: "X表示，...",
"X说：“...”", "“...”，X说。", "据X报道，...", with the speaker cut before a place, time or
addressee ("外交部发言人周明远4日在例行记者会上表示" -> "外交部发言人周明远").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tidings.model import Span
from tidings.stages.quotes.assemble import Candidate
from tidings.stages.quotes.lexicon import QuoteLexicon
from tidings.stages.quotes.zh import read_chinese

_TOKEN = re.compile(r"\w+['’]|\w+|[^\w\s]")
_BOUNDARY = {",", ";", ":", "(", ")", "—", "–"}
_END = {".", "!", "?", "…"}
SPEECH = 0.85  # a reporting verb with its content and speaker (own gold tune precision)
SOURCE_PREP = 0.8
SUBJUNCTIVE = 0.6
_GAP = 12  # words between a reporting verb and the start of its content


@dataclass(frozen=True, slots=True)
class Tok:
    start: int
    end: int
    text: str
    low: str


def tokens(text: str, span: Span) -> list[Tok]:
    """The words and marks of ``text[span]``, with absolute offsets."""
    return [Tok(m.start(), m.end(), m.group(0), m.group(0).lower().replace("’", "'"))
            for m in _TOKEN.finditer(text, span.start, span.end)]


def read_patterns(text: str, sentences: Sequence[Span], lex: QuoteLexicon) -> list[Candidate]:
    """The attributions of an article by the patterns of its language (module docstring)."""
    if lex.tokenizer == "chars":
        return read_chinese(text, sentences, lex)
    sentences = list(sentences)
    marks = {m for pair in lex.pairs for m in pair}
    opening = {o for o, _ in lex.pairs}
    closing = {c for _, c in lex.pairs}
    found: list[Candidate] = []
    last: Candidate | None = None  # the reported quote a subjunctive sentence continues
    sentences = _resplit(text, sentences, opening)
    for n, span in enumerate(sentences):
        toks = tokens(text, span)
        reader = _Sentence(text, span, toks, lex, marks, opening, closing)
        here = reader.read()
        for cand in here:
            if cand.method == "pattern:anaphoric" and n > 0:
                previous = sentences[n - 1]
                cand.fragments = [_trim_end(text, previous.start, previous.end)]
        here = [c for c in here if c.fragments or c.method != "pattern:anaphoric"]
        if here:
            found += here
            last = here[-1] if here[-1].source is not None else None
            continue
        if (last is not None and lex.subjunctive.exact and _continues(text, sentences, n, last)
                and any(lex.subjunctive(t.low) for t in toks)
                and not (toks and toks[0].text in marks)):
            cand = Candidate([_trim_end(text, span.start, span.end)], None, last.source,
                             last.referent, SUBJUNCTIVE, "subjunctive")
            found.append(cand)
            last = cand
        else:
            last = None
    return found


_SPLIT = re.compile(r"[.!?…][\"”»«“’]?\s+(?=[\"„“«»‚‹›]?\s?[A-ZÀ-ÝÄÖÜ])")


def _resplit(text: str, sentences: Sequence[Span], opening: set[str]) -> list[Span]:
    """The sentences, cut also where one ends before an opening mark the sentence splitter
    does not know ("verlassen. »Wir müssen ...«", "! » Le porte-parole")."""
    out: list[Span] = []
    for span in sentences:
        start = span.start
        for m in _SPLIT.finditer(text, span.start, span.end):
            nxt = text[m.end() : m.end() + 1]
            if nxt.isupper() and m.group(0)[1:2] not in opening and m.group(0)[1:2].strip():
                pass  # "." + closing mark + space + capital: the splitter's own case
            cut = m.start() + len(m.group(0).rstrip())
            if cut > start and m.end() < span.end:
                out.append(Span(start, cut))
                start = m.end()
        out.append(Span(start, span.end))
    return out


def _continues(text: str, sentences: Sequence[Span], n: int, last: Candidate) -> bool:
    """Whether sentence ``n`` comes right after the one that holds ``last`` (the next one,
    in its paragraph or the next)."""
    previous = sentences[n - 1] if n > 0 else None
    return previous is not None and previous.start <= last.end <= previous.end + 2 and \
        text.count("\n", previous.end, sentences[n].start) <= 2


def _trim_end(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1] in ".。!?,;:" or text[end - 1].isspace()):
        end -= 1
    while start < end and (text[start] in ",;:—–-" or text[start].isspace()):
        start += 1
    return (start, end)


class _Sentence:
    """One sentence's words and the rules of its language."""

    def __init__(self, text: str, span: Span, toks: list[Tok], lex: QuoteLexicon,
                 marks: set[str], opening: set[str], closing: set[str]) -> None:
        self.text, self.span, self.toks, self.lex = text, span, toks, lex
        self.low = [t.low for t in toks]
        self.marks, self.opening, self.closing = marks, opening, closing
        self.used: set[int] = set()
        self.found: list[Candidate] = []

    def read(self) -> list[Candidate]:
        for i in range(len(self.toks)):
            if i in self.used or not self.lex.may_cue(self.low[i]):
                continue
            cand = self._source_prep(i) or self._postposed(i) or self._speech(i)
            if cand is not None:
                self.found.append(cand)
        return self.found

    # -- 1. "laut X", "según X" --------------------------------------------------------
    def _source_prep(self, i: int) -> Candidate | None:
        match = next((m for p in self.lex.source_prep
                      if (m := p.match_at(self.low, i)) is not None), None)
        if match is None:
            return None
        j = match[-1] + 1
        k = self._np_end(j)
        if k == j:
            return None
        self.used.update(range(i, k))
        source = (self.toks[j].start, self.toks[k - 1].end)
        cue = (self.toks[i].start, self.toks[match[-1]].end)
        before = self._skip_back(i)
        if before < 0 or self.low[before] in self.opening:  # opens the sentence
            after = k + 1 if k < len(self.toks) and self.low[k] in (",", ":") else k
            fragments = [self._to_end(after)] if after < len(self.toks) else []
        elif self.low[before] in (",", "—", "–", "("):  # ", según X."
            fragments = [self._from_start(before)]
        else:  # inside: the content around it
            fragments = [self._from_start(i), self._to_end(k)]
        fragments = [f for f in fragments if f[1] > f[0]]
        if not fragments:
            return None
        return Candidate(fragments, cue, source, source, SOURCE_PREP, "pattern:source_prep")

    def _np_end(self, j: int) -> int:
        """Where the noun phrase that starts at ``j`` ends: at a mark, at the end, or (with
        ``[patterns] np_capitals``, German) at a lower-case word that is not an article."""
        k = j
        depth = 0
        while k < len(self.toks):
            tok = self.toks[k]
            if tok.text == "(":
                depth += 1
            elif tok.text == ")":
                depth -= 1
            elif depth <= 0 and (tok.text in _BOUNDARY or tok.text in _END
                                 or tok.text in self.marks or self._np_stops(j, k)):
                break
            k += 1
        return k

    def _np_stops(self, j: int, k: int) -> bool:
        """German: a lower-case word ends a source phrase unless it is an article or an
        adjective before a noun ("unabhängiger Ökonomen")."""
        if not self.lex.np_capitals or k == j or not self.toks[k].text[:1].islower():
            return False
        if self.low[k] in self.lex.np_words:
            return False
        return not (k + 1 < len(self.toks) and self.toks[k + 1].text[:1].isupper())

    # -- 2. ", so Xi." -----------------------------------------------------------------
    def _postposed(self, i: int) -> Candidate | None:
        match = next((m for p in self.lex.postposed
                      if (m := p.match_at(self.low, i)) is not None), None)
        if match is None:
            return None
        before = self._skip_back(i)
        if before < 0 or (self.low[before] not in (",", "—", "–")
                           and self.low[before] not in self.closing):
            return None
        j = match[-1] + 1
        cue = (self.toks[i].start, self.toks[match[-1]].end)
        limit = len(self.toks)
        if self.low[i] in self.lex.postposed_verb:
            # ", wie die Notenbank mitteilte": only with a reporting verb, which is the cue
            verb = next((v for v in range(j, len(self.toks)) if self._speech_at(v)), None)
            if verb is None:
                return None
            limit, cue = verb, (self.toks[verb].start, self.toks[verb].end)
            self.used.add(verb)
        k = self._speaker_end(j, limit)
        if k == j:
            return None
        self.used.update(range(i, k))
        content = self._from_start(before + (1 if self.low[before] in self.closing else 0))
        source = (self.toks[j].start, self.toks[k - 1].end)
        return Candidate([content], cue, source, source, SPEECH, "pattern:postposed")

    def _speech_at(self, v: int) -> bool:
        if self.low[v] in _END or self.low[v] in (";", ":"):
            return False
        return any(p.match_at(self.low, v) is not None for p in self.lex.speech)

    # -- 3. reporting verbs ------------------------------------------------------------
    def _speech(self, i: int) -> Candidate | None:
        match = next((m for p in self.lex.speech if (m := p.match_at(self.low, i)) is not None),
                     None)
        if match is None:
            return None
        self.used.update(match)
        cue = (self.toks[i].start, self.toks[i].end)
        last = match[-1]
        before = self._skip_back(i, self.lex.inversion)
        start = self._content_start(last + 1)
        ahead = start is not None and self._opens(last + 1)
        if before >= 0 and not ahead and not self._apposed(before) and (
                self.low[before] in (",", "—", "–") or self.low[before] in self.closing):
            # "„...“, sagte er" / "..., teilte X mit" / "« ... », a-t-il dit"
            content = self._content_before(before)
            j = i + 1
            while j in match:
                j += 1
            # "sagte Lindner bei ...", "teilte eine Sprecherin der Holding mit"
            source = self._inverted(before + 1, i) or self._after(j, match)
            return Candidate([content] if content[1] > content[0] else [], cue, source,
                             self._referent(source), SPEECH, "pattern:postposed")
        if before >= 0 and self.low[before] in self.lex.coordination and self.found:
            source = self.found[-1].source  # "aseguró que ... y señaló que ...": one subject
        elif start is None and i == 1 and self.low[0] in self.lex.anaphoric:
            # "Das teilte Betriebsratschefin Kowalski mit.": the sentence before is said
            j = i + 1
            while j in match:
                j += 1
            source = self._after(j, match)
            return Candidate([], cue, source, self._referent(source), SPEECH,
                             "pattern:anaphoric")
        else:
            source = self._before(i)
        if source is None:
            end = start if start is not None else min(len(self.toks), last + _GAP)
            source = self._after(last + 1, match, end)
        fragments = [self._to_end(start)] if start is not None else []
        return Candidate([f for f in fragments if f[1] > f[0]], cue, source,
                         self._referent(source), SPEECH, "pattern:speech")

    def _apposed(self, comma: int) -> bool:
        """Whether the comma before a verb closes an apposition of its subject ("La
        négociatrice en chef, Ingrid Vos, a conclu"): a name or a relative clause between
        it and the comma before."""
        if self.low[comma] != ",":
            return False
        k = comma
        while k > 0 and self.low[k - 1] != "," and not self._hard(k - 1):
            k -= 1
        if k == 0 or self.low[k - 1] != ",":
            return False
        return self._name((k, comma)) or self.low[k] in self.lex.relative

    def _opens(self, j: int) -> bool:
        """Whether the content starts right after the verb (a complementizer, a colon or an
        opening mark before any comma: "a affirmé que", "dijo en rueda de prensa que",
        "sagte, dass"), so a comma before the verb closes an apposition, not a content."""
        for k in range(j, min(len(self.toks), j + _GAP)):
            low = self.low[k]
            if self.lex.complementizer(low) or low in self.opening or low == ":":
                return True
            if low == "," and k == j and k + 1 < len(self.toks) and self.lex.complementizer(
                    self.low[k + 1]):
                return True  # "sagte, dass" (not "dijo el mandatario, que gobierna")
            if low in _BOUNDARY or low in _END or low in self.marks:
                return False
        return False

    def _content_before(self, before: int) -> tuple[int, int]:
        """The content before a postposed verb: the quotation that ends there, else the
        sentence up to the comma (after the content of an earlier cue of the sentence)."""
        end_tok = before
        if self.low[end_tok] in (",", "—", "–") and end_tok > 0 and \
                self.low[end_tok - 1] in self.closing:
            end_tok -= 1
        floor = max((c.end for c in self.found if c.fragments), default=self.span.start)
        if self.low[end_tok] in self.closing:
            # a quotation that is the whole clause: "« A », a déclaré X. « B », a-t-il ajouté"
            closing = self.low[end_tok]
            opening = {o for o, c in self.lex.pairs if c == closing}
            k = end_tok - 1
            while k >= 0 and self.low[k] not in opening:
                k -= 1
            if k >= 0 and (k == 0 or self.toks[k - 1].end <= floor
                           or self.low[k - 1] in _BOUNDARY):
                return (self.toks[k].start, self.toks[end_tok].end)
        content = self._from_start(before + (1 if self.low[before] in self.closing else 0))
        return (max(content[0], floor), content[1]) if floor < content[1] else content

    def _content_start(self, j: int) -> int | None:
        """Where the content after a reporting verb starts: a complementizer, the word after
        a comma or colon, or an opening quotation mark, within ``_GAP`` words."""
        for k in range(j, min(len(self.toks), j + _GAP)):
            low = self.low[k]
            if self.lex.complementizer(low) or low in self.opening:
                return k
            if low in (",", ":"):
                nxt = k + 1
                if nxt < len(self.toks):
                    return nxt
                return None
            if low in _END:
                return None
        return None

    def _before(self, i: int) -> tuple[int, int] | None:
        """The noun phrase before the verb at ``i`` (module docstring): the words since the
        last comma; right after a comma, the phrase before it, with an apposition or a
        relative clause ("Der Sprecher des Amts, Karsten Fischer, sagte", "Saúl Medina,
        que fue elegido ..., señaló"); None when there is none or it is an adverbial."""
        segments: list[tuple[int, int]] = []  # token ranges, nearest first
        end = i
        pronouns = self.lex.person_pronouns | self.lex.group_pronouns
        while end > 0 and self.low[end - 1] in self.lex.inversion \
                and self.low[end - 1] not in pronouns:
            end -= 1  # "Laurent Dumas a écrit": the auxiliary is not the speaker
        k = end
        while len(segments) < 3:
            j = k
            while j > 0 and self.low[j - 1] != "," and not self._hard(j - 1):
                j -= 1
            segments.append((j, k))
            if j == 0 or self._hard(j - 1):
                break
            k = j - 1
        first = segments[0]
        if first[1] > first[0]:
            return self._segment(first, i)
        rest = [s for s in segments[1:] if s[1] > s[0]]
        rest = [s for s in rest if self.low[s[0]] not in self.lex.speaker_strip]
        if not rest:
            return None
        if len(rest) > 1 and (self._name(rest[0]) or self.low[rest[0][0]] in self.lex.relative):
            return (self.toks[rest[1][0]].start, self.toks[rest[0][1] - 1].end)
        return self._segment(rest[0], i)

    def _hard(self, k: int) -> bool:
        low = self.low[k]
        return low in (";", ":") or low in self.marks or low in _END

    def _segment(self, seg: tuple[int, int], i: int) -> tuple[int, int] | None:
        k, end = seg
        while k < end and self.low[k] in self.lex.speaker_strip:
            if not self.lex.impersonal(self.low[i]):
                return None  # an adverbial before the verb: the speaker follows it
            k += 1
        while end > k and self.toks[end - 1].text in _BOUNDARY:
            end -= 1
        if end <= k:
            return None
        return (self.toks[k].start, self.toks[end - 1].end)

    def _name(self, seg: tuple[int, int]) -> bool:
        words = [self.toks[k].text for k in range(*seg)]
        return 0 < len(words) <= 4 and all(w[:1].isupper() or w in "-'" for w in words)

    def _after(self, j: int, match: list[int], limit: int | None = None
               ) -> tuple[int, int] | None:
        """The speaker after the verb: from ``j`` to a stop word, a mark or a separable
        particle of the cue."""
        while j < len(self.toks) and self.low[j] in self.lex.speaker_strip:
            j += 1
        end = self._speaker_end(j, limit if limit is not None else len(self.toks), match)
        if end <= j:
            return None
        return (self.toks[j].start, self.toks[end - 1].end)

    def _speaker_end(self, j: int, limit: int, match: Sequence[int] = ()) -> int:
        k = j
        while k < limit:
            low = self.low[k]
            if low in _BOUNDARY or low in _END or low in self.marks or k in match \
                    or low in self.lex.speaker_stop or self.lex.complementizer(low):
                break
            k += 1
        return k

    def _inverted(self, start: int, i: int) -> tuple[int, int] | None:
        """The pronoun of an inversion before the verb ("a-t-il dit")."""
        for k in range(start, i):
            if self.low[k] in self.lex.person_pronouns or self.low[k] in \
                    self.lex.group_pronouns:
                return (self.toks[k].start, self.toks[k].end)
        return None

    def _referent(self, source: tuple[int, int] | None) -> tuple[int, int] | None:
        """A relative pronoun ("quien", "qui") stands for the noun phrase before its comma."""
        if source is None:
            return None
        words = self.text[source[0] : source[1]].lower().split()
        if len(words) != 1 or words[0] not in self.lex.relative:
            return source
        k = next((n for n, t in enumerate(self.toks) if t.start == source[0]), 0) - 1
        while k >= 0 and self.low[k] == ",":
            k -= 1
        end = k + 1
        while k >= 0 and self.low[k] not in _BOUNDARY and self.low[k] not in self.marks:
            k -= 1
        if end <= k + 1:
            return source
        return (self.toks[k + 1].start, self.toks[end - 1].end)

    # -- helpers -----------------------------------------------------------------------
    def _skip_back(self, i: int, skip: frozenset[str] = frozenset()) -> int:
        k = i - 1
        while k >= 0 and self.low[k] in skip:
            k -= 1
        return k

    def _from_start(self, end_tok: int) -> tuple[int, int]:
        end = self.toks[end_tok].start if end_tok < len(self.toks) else self.span.end
        return _trim_end(self.text, self.span.start, end)

    def _to_end(self, start_tok: int) -> tuple[int, int]:
        """The content from ``start_tok`` to the end of the sentence; one that opens with a
        quotation mark ends with its quotation ("a écrit : « ... ! » Le porte-parole")."""
        if start_tok >= len(self.toks):
            return (self.span.end, self.span.end)
        start, end = self.toks[start_tok].start, self.span.end
        if self.low[start_tok] in self.opening:
            closing = {c for o, c in self.lex.pairs if o == self.low[start_tok]}
            k = next((k for k in range(start_tok + 1, len(self.toks))
                      if self.low[k] in closing), None)
            if k is not None:
                end = self.toks[k].end
        return _trim_end(self.text, start, end)
