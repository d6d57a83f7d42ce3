"""numpy scalars as the Python values they hold: one rule (``tukin._coerce.python_scalar``),
and what each place that reads a value out of a frame then does with it (review 47).

The unwrapping was spelt in seven places with different rules: ``isinstance(v, np.generic)``,
``hasattr(v, "item")``, or only numpy's integers, booleans and texts. A nanosecond date of a
frame became a bare integer of nanoseconds where ``.item()`` was called on it, and a numpy
float32 given to ``with_parameters`` was "float32 is not a number" instead of the float it is.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from tukin._coerce import python_scalar
from tukin.errors import RuleSetError
from tukin.ruleset.load import load_ruleset

NS_DAY = np.datetime64("2025-10-01T00:00:00.000000000")


@pytest.mark.parametrize(
    ("given", "expected", "kind"),
    [
        (np.int64(7), 7, int),
        (np.uint8(7), 7, int),
        (np.bool_(True), True, bool),
        (np.str_("pns"), "pns", str),
        (np.float64(0.5), 0.5, float),
        (np.float32(0.5), 0.5, float),
        (NS_DAY, pd.Timestamp("2025-10-01"), pd.Timestamp),
        (np.timedelta64(2, "D"), pd.Timedelta(days=2), pd.Timedelta),
    ],
)
def test_a_numpy_scalar_is_the_python_value(given: object, expected: object, kind: type) -> None:
    out = python_scalar(given)
    assert type(out) is kind and out == expected


@pytest.mark.parametrize(
    "given", [7, 0.5, "x", None, pd.NA, pd.Timestamp("2025-10-01"), np.array([1, 2])]
)
def test_anything_else_is_returned_as_it_is(given: object) -> None:
    assert python_scalar(given) is given


def test_not_a_time_stays_missing() -> None:
    assert python_scalar(np.datetime64("NaT")) is pd.NaT
    assert np.isnan(python_scalar(np.float64("nan")))  # what a missing value becomes: the caller's


@pytest.mark.parametrize(
    "place",
    ["tukin.io.export:_plain", "tukin.io.excel_template:_python"],
)
def test_a_nanosecond_date_is_written_as_the_date(place: str) -> None:
    """A workbook cell of a frame's date: the date, not 1759276800000000000."""
    import importlib

    module, name = place.split(":")
    write = getattr(importlib.import_module(module), name)
    assert write(NS_DAY) in (dt.date(2025, 10, 1), "2025-10-01")


def test_explanation_json_of_a_nanosecond_date() -> None:
    from tukin.explain import _json

    assert _json(NS_DAY, "x") == "2025-10-01T00:00:00"


def test_a_numpy_float_given_to_a_rule_set_is_refused_as_a_float() -> None:
    """A float read from a frame is refused as a float typed in code is (float_money), not as
    "float32 is not a number"; a numpy integer is the integer."""
    rs = load_ruleset("tpp-60-40")
    with pytest.raises(RuleSetError) as info:
        rs.with_parameters(kinerja_share=np.float32(0.5))
    assert info.value.problems[0].code == "float_money"
    (dv,) = rs.with_parameters(absence_cap=np.int64(1)).parameters["absence_cap"].values
    assert type(dv.value) is int


def test_a_validation_problem_shows_a_count_as_the_integer() -> None:
    """validation keeps its own rule after the unwrapping: a whole float (a count of a
    column with blanks, -1.0) is shown as the integer typed."""
    from tukin.validation import _plain

    assert _plain(np.float64(-1.0)) == -1 and type(_plain(np.float64(-1.0))) is int
    assert _plain(np.float64("nan")) is None
