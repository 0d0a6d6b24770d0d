"""Event confidences are calibrated: the shipped table maps raw confidence to the share of
such events that were right, monotonically, and users can filter on it."""

from __future__ import annotations

import json

import pytest

from tidings.errors import QueryError
from tidings.queries import EventQuery
from tidings.resources import model_path
from tidings.stages.events.calibration import calibrate, table


def test_the_shipped_table_is_monotone_and_says_what_it_was_fitted_on():
    data = json.loads((model_path("events-calibration") / "calibration.json").read_text())
    assert data["records"] > 100 and data["events"] > 100
    xs, ys = table()
    assert list(xs) == sorted(xs) and list(ys) == sorted(ys)
    assert all(0.0 < y < 1.0 for y in ys)  # smoothed: never certain from a handful of events


def test_calibration_interpolates_between_points_and_is_flat_beyond_them():
    xs, ys = table()
    assert calibrate(0.0) == ys[0] and calibrate(1.0) == ys[-1]
    middle = (xs[0] + xs[1]) / 2
    assert ys[0] <= calibrate(middle) <= ys[1]
    assert calibrate(xs[1] - 1e-6) <= calibrate(xs[-1])


@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_a_min_confidence_outside_0_to_1_is_refused(value):
    with pytest.raises(QueryError, match="not a share"):
        EventQuery.parse(min_confidence=value)
