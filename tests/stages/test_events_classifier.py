"""The event stage's second types (``[[also]]``) and its sentence classifier (issue #5)."""

from __future__ import annotations

import numpy as np
import pytest

from tidings.embed import use_embed
from tidings.evaluate.tasks.events import analyse
from tidings.model import Article
from tidings.stages.entities import EntityStage
from tidings.stages.events import EventStage
from tidings.stages.events.calibration import calibrate
from tidings.stages.events.classifier import EMBEDDING_SIZE, TypeClassifier, classifier, read
from tidings.stages.events.lexicon import EventLexiconError, lexicon, parse
from tidings.stages.events.plover import TYPES as PLOVER_TYPES
from tidings.stages.sentences import SentenceStage
from tidings.stages.time import TimeStage

TYPES = list(PLOVER_TYPES)
STRIKE = "Los mineros bolivianos iniciaron el lunes una huelga en Potosí."


def prepared(text: str, lang: str) -> Article:
    article = Article(text=text, source="test", lang=lang)
    article.set_published("2024-03-08", "day", "given")
    for stage in (SentenceStage(), TimeStage(), EntityStage()):
        article = stage(article)
    return article


def lexicon_events(article: Article):
    return [e for e in article.events if e.evidence[0].method == "lexicon"]


def test_a_spanish_strike_is_coded_protest_and_the_mobilisation_of_the_strikers():
    article = EventStage(use_classifier=False)(prepared(STRIKE, "es"))
    assert [(e.type, e.mode) for e in article.events] == [("PROTEST", "strike"),
                                                          ("MOBILIZE", None)]
    protest, mobilize = article.events
    assert [a.code for a in mobilize.source] == [a.code for a in protest.source] == ["BOLLAB"]
    assert mobilize.evidence[0].trigger == protest.evidence[0].trigger == "huelga"
    assert mobilize.cameo.startswith("15") and mobilize.quad_class == 4
    assert mobilize.source is not protest.source  # copies, not the same list


def test_the_word_protest_alone_stays_protest():
    article = EventStage(use_classifier=False)(
        prepared("Los estudiantes chilenos protestaron contra la reforma.", "es"))
    assert [e.type for e in article.events] == ["PROTEST"]


def test_also_entries_are_checked_when_the_lexicon_is_read():
    base = {"event": [{"type": "PROTEST", "patterns": ["strike*"]}]}
    ok = parse({**base, "also": [{"when": "PROTEST", "type": "MOBILIZE", "words": ["strike*"]}]},
               "xx")
    assert ok.also[0].applies("PROTEST", ["strikes"]) and not ok.also[0].applies("PROTEST",
                                                                                  ["march"])
    with pytest.raises(EventLexiconError, match="also #1"):
        parse({**base, "also": [{"when": "PROTEST", "type": "MARCH", "words": ["x"]}]}, "xx")
    with pytest.raises(EventLexiconError, match="has no words"):
        parse({**base, "also": [{"when": "PROTEST", "type": "MOBILIZE"}]}, "xx")
    assert lexicon("en").also == ()  # English codes a strike PROTEST only, as its gold does


def _one_type_model(type_: str, lang: str, probability: float) -> TypeClassifier:
    """A classifier that gives ``type_`` the same probability for every sentence."""
    k = len(TYPES)
    bias = np.full(k, -20.0, dtype=np.float32)
    bias[TYPES.index(type_)] = float(np.log(probability / (1 - probability)))
    return TypeClassifier(tuple(TYPES), np.zeros((EMBEDDING_SIZE + k, k), np.float32), bias,
                          {lang: 0.5}, "test")


def test_the_classifier_adds_a_type_with_the_acts_actors_and_sentence_evidence():
    model = _one_type_model("DEMAND", "es", 0.8)
    article = EventStage(model=model, calibrated=False)(prepared(STRIKE, "es"))
    added = [e for e in article.events if e.evidence[0].method == "classifier"]
    assert [e.type for e in added] == ["DEMAND"]
    demand = added[0]
    assert demand.confidence == pytest.approx(0.8) and demand.status == "happened"
    calibrated = EventStage(model=model)(prepared(STRIKE, "es"))
    (shown,) = [e for e in calibrated.events if e.evidence[0].method == "classifier"]
    assert shown.confidence == calibrate(0.8)
    assert [a.code for a in demand.source] == ["BOLLAB"]
    assert demand.date == "2024-03-04" and demand.cameo.startswith("10")
    evidence = demand.evidence[0]
    assert (evidence.sentence_start, evidence.sentence_end) == (0, len(STRIKE))
    assert evidence.trigger == "" and evidence.trigger_start == evidence.trigger_end == 0


def test_the_classifier_runs_only_for_its_languages_and_sentences_with_an_act():
    model = _one_type_model("DEMAND", "es", 0.8)
    english = EventStage(model=model)(
        prepared("Bolivian miners began a strike in Potosi on Monday.", "en"))
    assert "DEMAND" not in [e.type for e in english.events]
    planned_only = EventStage(model=model)(
        prepared("Argentina enviará ayuda humanitaria a Bolivia.", "es"))
    assert [e.type for e in planned_only.events] == ["AGREE"]  # an intention: nothing added
    below = EventStage(model=_one_type_model("DEMAND", "es", 0.3))(prepared(STRIKE, "es"))
    assert "DEMAND" not in [e.type for e in below.events]
    # a type the lexicon coded is not added twice
    again = EventStage(model=_one_type_model("PROTEST", "es", 0.9))(prepared(STRIKE, "es"))
    assert [e.type for e in again.events].count("PROTEST") == 1


@pytest.mark.slow
def test_the_shipped_classifier_loads_and_reads_spanish_sentences():
    model = classifier()
    assert model is not None and model.version == read().version == "events-clf.v1"
    assert model.types == tuple(TYPES)
    assert model.weights.shape == (EMBEDDING_SIZE + len(TYPES), len(TYPES))
    assert model.enabled("es") and not model.enabled("xx")
    vectors = use_embed(["Los mineros iniciaron una huelga.", "Miners began a strike."])
    assert vectors.shape == (2, EMBEDDING_SIZE)
    assert float(vectors[0] @ vectors[1]) > 0.5  # one sentence in two languages
    probs = model.probabilities(vectors, [{"PROTEST"}, {"PROTEST"}])
    assert probs.shape == (2, len(TYPES)) and ((probs >= 0) & (probs <= 1)).all()
    article = analyse(STRIKE, "es", "2024-03-08", "test")
    assert [e.type for e in lexicon_events(article)] == ["PROTEST", "MOBILIZE"]
