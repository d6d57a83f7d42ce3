"""``round`` and ``clamp`` (tukin.rules.basic): the default rounding and both ends of a clamp."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from tests import strategies as tst

BACKENDS = pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])


@BACKENDS
def test_round_is_half_up_unless_told(reference: bool) -> None:
    """A round step without ``mode`` rounds half up (docs/rule-types.md: default half_up):
    Rp0.5, Rp1.5, Rp2.5 and Rp12,345.5 become Rp1, Rp2, Rp3 and Rp12,346 (half even would
    give Rp0, Rp2, Rp2 and Rp12,346)."""
    steps = [
        {"id": "half", "type": "formula", "expr": "pay / 10"},
        {"id": "r", "type": "round", "input": "half"},
    ]
    out = tst.run_steps({"pay": [5, 15, 25, 123_455]}, steps, money=("pay",), reference=reference)
    assert out.values("r") == [1, 2, 3, 12_346]


@BACKENDS
def test_clamp_keeps_a_value_within_both_ends(reference: bool) -> None:
    """clamp min 0, max 1: -0.25 becomes 0, 1.25 becomes 1 (a capaian capped at 100%), and a
    value inside stays."""
    steps = [{"id": "k", "type": "clamp", "input": "x", "min": 0, "max": 1}]
    out = tst.run_steps({"x": [-0.25, 0.5, 1.25]}, steps, reference=reference)
    assert out.values("k") == [0, F(1, 2), 1]
