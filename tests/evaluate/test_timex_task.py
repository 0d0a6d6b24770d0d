"""The timex evaluation task: TempEval-3 style scoring, and predict never reads gold. The
dev-set floors are in eval/floors.toml (test_eval_gate.py)."""

from __future__ import annotations

import copy

import pytest

from tidings.evaluate.tasks import timex


def _record(timexes, doc_id="d1", lang="en"):
    return {
        "doc_id": doc_id,
        "lang": lang,
        "dct": "2024-11-15",
        "text": "He spoke on Friday, 15 November 2024, for two hours.",
        "timexes": timexes,
    }


GOLD = [
    {"start": 12, "end": 18, "text": "Friday", "type": "DATE", "value": "2024-11-15"},
    {"start": 20, "end": 36, "text": "15 November 2024", "type": "DATE", "value": "2024-11-15"},
    {"start": 42, "end": 51, "text": "two hours", "type": "DURATION", "value": "PT2H"},
]


def test_score_is_perfect_on_the_gold_itself():
    result = timex.score([_record(GOLD)], [_record(GOLD)])
    for key in ("strict_f1", "relaxed_f1", "value_f1", "type_acc", "value_acc"):
        assert result[key] == 1.0
    assert result["per_lang"]["en"]["value_f1"] == 1.0


def test_score_counts_relaxed_matches_wrong_values_and_spurious_predictions():
    predicted = [
        {"start": 9, "end": 18, "text": "on Friday", "type": "DATE", "value": "2024-11-15"},
        {"start": 20, "end": 36, "text": "15 November 2024", "type": "DATE", "value": "2023-11-15"},
        {"start": 0, "end": 2, "text": "He", "type": "DATE", "value": "PRESENT_REF"},
    ]
    result = timex.score([_record(GOLD)], [_record(predicted)])
    assert result["strict_p"] == pytest.approx(1 / 3, abs=1e-3)
    assert result["strict_r"] == pytest.approx(1 / 3, abs=1e-3)
    assert result["relaxed_p"] == pytest.approx(2 / 3, abs=1e-3)
    assert result["relaxed_r"] == pytest.approx(2 / 3, abs=1e-3)
    assert result["value_p"] == pytest.approx(1 / 3, abs=1e-3)
    assert result["value_acc"] == 0.5
    assert result["type_acc"] == 1.0


def test_score_reads_timex2_val_and_pads_hours():
    gold = [{"start": 12, "end": 18, "text": "Friday", "val": "2024-11-15T2:00"}]
    pred = [{"start": 12, "end": 18, "text": "Friday", "type": "TIME", "value": "2024-11-15T02:00"}]
    assert timex.score([_record(gold)], [_record(pred)])["value_f1"] == 1.0


def test_predict_never_reads_gold_fields():
    record = _record(GOLD)
    stripped = {k: v for k, v in record.items() if k not in timex.GOLD_FIELDS}
    poisoned = dict(_record([{"start": 0, "end": 2, "text": "He", "value": "1999"}]))
    out_clean = timex.predict([copy.deepcopy(stripped)])
    out_poisoned = timex.predict([poisoned])
    assert out_clean[0]["timexes"] == out_poisoned[0]["timexes"]
    assert {(t["text"], t["value"]) for t in out_clean[0]["timexes"]} >= {
        ("Friday, 15 November 2024", "2024-11-15"),
        ("two hours", "PT2H"),
    }


def test_score_counts_a_sentence_right_only_with_exact_spans_values_and_nothing_extra():
    exact = _record(GOLD, doc_id="a")
    spurious = {"start": 0, "end": 2, "text": "He", "type": "DATE", "value": "PRESENT_REF"}
    extra = _record([*GOLD, spurious], doc_id="b")
    wider = _record([dict(GOLD[0], start=9, text="on Friday"), *GOLD[1:]], doc_id="c")
    gold = [_record(GOLD, doc_id=d) for d in "abc"]
    result = timex.score(gold, [exact, extra, wider])
    assert result["sentence_acc"] == pytest.approx(1 / 3, abs=1e-3)
    assert result["per_lang"]["en"]["sentence_acc"] == pytest.approx(1 / 3, abs=1e-3)
    assert "per_split" not in result


def test_score_reports_records_with_a_split_per_split():
    gold = [dict(_record(GOLD, doc_id="a"), split="tune"),
            dict(_record(GOLD, doc_id="b"), split="holdout")]
    predicted = [_record(GOLD, doc_id="a"), _record(GOLD[:1], doc_id="b")]
    result = timex.score(gold, predicted)
    assert result["per_split"]["tune"]["sentence_acc"] == 1.0
    assert result["per_split"]["holdout"]["sentence_acc"] == 0.0
    assert result["per_split"]["holdout"]["value_r"] == pytest.approx(1 / 3, abs=1e-3)
    assert result["sentence_acc"] == 0.5
