"""Chinese attributions, read over characters (no spaces to split words at).

Per sentence, each cue of ``lang/zh/quotes.toml`` found in the text (longest first, each
character a cue once):

- ``source_prep`` "据": the source runs to the reporting verb that closes the phrase
  (``[patterns] prep_verbs``: 报道, 通报, 介绍, ...) or to the comma; the content is what
  follows the comma ("据省应急管理厅通报，截至18日，...");
- a reporting verb followed by "，" "：" or an opening quotation mark: the content follows
  (to the end of the sentence, without its 。; a quotation is taken whole by ``assemble``),
  the speaker is what stands before the verb since the last comma or quotation mark, cut
  before a place, time or addressee (``[patterns] speaker_cut``: "在", "对", "向", "就")
  and trimmed of a date or an adverb at its end (``speaker_trim``);
- a reporting verb that ends the sentence ("“……”，他说。", "……，发言人表示。"): the content is
  what comes before the last comma, the speaker what stands between it and the verb.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from tidings.model import Span
from tidings.stages.quotes.assemble import Candidate
from tidings.stages.quotes.lexicon import QuoteLexicon

SPEECH = 0.85
SOURCE_PREP = 0.8
_COMMAS = "，,、；;"
_AFTER = "，：:,"
_ENDS = "。！？!?"
_PLACE = "上中时后里内"  # "在声明中称": jieba joins the place word to the cue
_ADDRESSEE = 6  # characters of an addressee between a verb and its colon


def read_chinese(text: str, sentences: Sequence[Span], lex: QuoteLexicon) -> list[Candidate]:
    """The attributions of a Chinese article (module docstring)."""
    cues = _cue_words(lex)
    preps = sorted((w for p in lex.source_prep for w in p.words[0].exact), key=len,
                   reverse=True)
    opening = "".join(o for o, _ in lex.pairs)
    closing = "".join(c for _, c in lex.pairs)
    adverbs = "|".join(map(re.escape, sorted(lex.speaker_strip, key=len, reverse=True)))
    trim = re.compile(r"(?:(?:\d+月)?\d+日" + (f"|{adverbs}" if adverbs else "") + r")$")
    found: list[Candidate] = []
    for span in sentences:
        chunk = text[span.start : span.end]
        taken = [False] * len(chunk)
        for prep in preps:
            for m in re.finditer(re.escape(prep), chunk):
                cand = _according(text, span, chunk, m.start(), prep, lex)
                if cand is not None:
                    found.append(cand)
                    for k in range(m.start(), cand.cue[1] - span.start if cand.cue else 0):
                        taken[k] = True
        bounds = _boundaries(chunk)
        for word in cues:
            for m in re.finditer(re.escape(word), chunk):
                if any(taken[m.start() : m.end()]):
                    continue
                if bounds is not None and (m.end() not in bounds or (
                        m.start() not in bounds and chunk[m.start() - 1] not in _PLACE)):
                    continue  # inside a word: 小说, 据说 (not 上称, 中称: "in ... said")
                cand = _speech(text, span, chunk, m.start(), m.end(), lex, opening, closing,
                               trim)
                if cand is not None:
                    found.append(cand)
                    for k in range(m.start(), m.end()):
                        taken[k] = True
    return found


def _boundaries(chunk: str) -> set[int] | None:
    """Word boundaries of ``chunk`` by jieba (None without it: every character is one)."""
    try:
        import jieba
    except ImportError:  # the nlp extra is missing: characters alone
        return None
    import logging

    jieba.setLogLevel(logging.WARNING)
    out = {0}
    for _word, _start, end in jieba.tokenize(chunk):
        out.add(end)
    return out


def _cue_words(lex: QuoteLexicon) -> list[str]:
    words = {w for p in lex.speech for w in p.words[0].exact if len(p.words) == 1}
    return sorted(words, key=len, reverse=True)


def _according(text: str, span: Span, chunk: str, at: int, prep: str,
               lex: QuoteLexicon) -> Candidate | None:
    if at > 0 and chunk[at - 1] not in _COMMAS + "“「":
        return None  # 据 inside a word (根据 is its own cue, if listed)
    comma = next((k for k in range(at, len(chunk)) if chunk[k] in _COMMAS), -1)
    if comma < 0:
        return None
    phrase_end = comma
    verb = next((v for v in sorted(lex.prep_verbs, key=len, reverse=True)
                 if chunk.endswith(v, at, comma)), None)
    if verb:
        phrase_end = comma - len(verb)
    if phrase_end <= at + len(prep):
        return None
    source = (span.start + at + len(prep), span.start + phrase_end)
    cue = (span.start + at, span.start + (comma if verb else at + len(prep)))
    content = _trim(text, span.start + comma + 1, span.end)
    if content[1] <= content[0]:
        return None
    return Candidate([content], cue, source, source, SOURCE_PREP, "pattern:source_prep")


def _speech(text: str, span: Span, chunk: str, at: int, end: int, lex: QuoteLexicon,
            opening: str, closing: str, trim: re.Pattern[str]) -> Candidate | None:
    cue = (span.start + at, span.start + end)
    rest = chunk[end:]
    stripped = rest.lstrip()
    begin = max((chunk.rfind(c, 0, at) for c in _COMMAS + _ENDS + closing + "：:"), default=-1)
    colon = next((k for k in range(min(len(rest), _ADDRESSEE + 1)) if rest[k] in "：:"), -1)
    if colon > 0 and not any(c in _COMMAS + _ENDS for c in rest[:colon]):
        rest = rest[colon:]  # "告诉记者：“...”": the addressee before the colon
        end += colon
        stripped = rest
    if stripped[:1] in _AFTER or stripped[:1] in opening:
        skip = len(rest) - len(stripped) + (1 if stripped[:1] in _AFTER else 0)
        content = _trim(text, span.start + end + skip, span.end)
        source = _speaker(text, span.start + begin + 1, span.start + at, lex, trim)
        if content[1] <= content[0]:
            return None
        return Candidate([content], cue, source, source, SPEECH, "pattern:speech")
    if not stripped or stripped[:1] in _ENDS:
        # "“……”，他说。": the content before the last comma
        if begin < 0 or chunk[begin] not in _COMMAS + closing:
            return None
        source = _speaker(text, span.start + begin + 1, span.start + at, lex, trim)
        stop = begin + 1 if chunk[begin] in closing else begin
        content = _trim(text, span.start, span.start + stop)
        if content[1] <= content[0] or source is None:
            return None
        return Candidate([content], cue, source, source, SPEECH, "pattern:postposed")
    return None


def _speaker(text: str, start: int, end: int, lex: QuoteLexicon,
             trim: re.Pattern[str]) -> tuple[int, int] | None:
    """The speaker in ``text[start:end]``, cut before a place, time or addressee and
    trimmed of a date or adverb at its end."""
    words = text[start:end]
    cut = len(words)
    for marker in lex.speaker_stop:
        k = words.find(marker, 1)
        if 0 < k < cut:
            cut = k
    words = words[:cut]
    while True:
        shorter = trim.sub("", words)
        if shorter == words:
            break
        words = shorter
    words = words.strip()
    if not words:
        return None
    first = text.find(words, start, end)
    return (first, first + len(words))


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while end > start and (text[end - 1] in _ENDS + _COMMAS or text[end - 1].isspace()):
        end -= 1
    while start < end and (text[start] in _COMMAS + "：:" or text[start].isspace()):
        start += 1
    return (start, end)
