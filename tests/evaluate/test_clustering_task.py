"""The clustering and similarity tasks: scorers, and predictions from the store's clusterer."""

from __future__ import annotations

import pytest

from tidings.evaluate.tasks import clustering, similarity


def test_bcubed_is_one_for_the_gold_grouping_and_lower_for_a_merge():
    gold = {"a": "x", "b": "x", "c": "y"}
    assert clustering.bcubed(gold, {"a": "1", "b": "1", "c": "2"}) == (1.0, 1.0, 1.0)
    p, r, f = clustering.bcubed(gold, {"a": "1", "b": "1", "c": "1"})
    assert r == 1.0
    assert p == pytest.approx((2 / 3 + 2 / 3 + 1 / 3) / 3)
    assert f < 1.0


def test_clustering_scores_against_cluster_burst_when_the_gold_has_it():
    gold = [{"id": "1", "cluster": "Q1", "cluster_burst": "Q1#0"},
            {"id": "2", "cluster": "Q1", "cluster_burst": "Q1#1"}]
    together = clustering.score(gold, [{"id": "1", "cluster": "s"}, {"id": "2", "cluster": "s"}])
    apart = clustering.score(gold, [{"id": "1", "cluster": "s"}, {"id": "2", "cluster": "t"}])
    assert apart["bcubed_f1"] == 1.0
    assert together["bcubed_f1"] < 1.0
    assert apart["gold_clusters"] == 2


def test_similarity_scores_pearson_of_the_1_to_4_scale():
    gold = [{"pair_id": str(i), "scores": {"Overall": float(v)}}
            for i, v in enumerate([1, 2, 3, 4])]
    mine = [{"pair_id": str(i), "score": v} for i, v in enumerate([1.2, 1.9, 3.1, 3.7])]
    assert similarity.score(gold, mine)["pearson"] > 0.98
    assert similarity.score(gold, mine[:1])["pairs"] == 1


@pytest.mark.slow
def test_clustering_predict_groups_one_event_in_two_languages_and_keeps_another_apart():
    records = [
        {"id": "en1", "lang": "en", "date": "2024-11-14",
         "title": "Earthquake of magnitude 6.8 strikes southern Peru",
         "text": "An earthquake of magnitude 6.8 struck southern Peru near Arequipa on "
                 "Thursday, damaging houses and cutting roads, the civil defence agency said."},
        {"id": "es1", "lang": "es", "date": "2024-11-14",
         "title": "Un sismo de magnitud 6,8 sacude el sur del Perú",
         "text": "Un sismo de magnitud 6,8 sacudió el jueves el sur del Perú, cerca de "
                 "Arequipa, dañando viviendas y cortando carreteras, informó Defensa Civil."},
        {"id": "en2", "lang": "en", "date": "2024-03-02",
         "title": "Germany wins the handball final in Cologne",
         "text": "Germany beat Denmark 31-29 in the handball final in Cologne on Saturday "
                 "before a crowd of 19,000 spectators."},
    ]
    found = {r["id"]: r["cluster"] for r in clustering.predict(records)}
    assert found["en1"] == found["es1"]
    assert found["en2"] != found["en1"]
