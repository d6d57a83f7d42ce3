"""Tests for tukin.rules.bands: capaian→score lines, performance bands and SAKIP grades."""

from __future__ import annotations

import itertools
from fractions import Fraction as F
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import strategies as tst
from tukin.errors import CalculationError, MoneyError, RuleSetError
from tukin.rules.bands import BandsParams

BACKENDS = pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])

# PermenPANRB 8/2021: capaian -> score (DOMAIN.md §6); 100–110 % is UNVERIFIED: a declared gap.
PERMENPAN_SCORE: dict[str, Any] = {
    "input": "c",
    "gap": "reject",
    "bands": [
        {"min": 0, "max": "60%", "out_min": 0, "out_max": 49, "span": [0, "59%"]},
        {"min": "60%", "max": "80%", "out_min": 50, "out_max": 69, "span": ["60%", "79%"]},
        {"min": "80%", "max": "100%", "out_min": 70, "out_max": 89, "span": ["80%", "99%"]},
        {"min": "110%", "min_inclusive": False, "value": 120},
    ],
}
# Regional performance bands (DOMAIN.md §6): 91–100, 76–90, 66–75, 51–65, ≤ 50, on a real scale.
REGIONAL: dict[str, Any] = {
    "input": "c",
    "closed": "right",
    "bands": [
        {"min": 90, "max": 100, "label": "Sangat Baik"},
        {"min": 75, "max": 90, "label": "Baik"},
        {"min": 65, "max": 75, "label": "Cukup"},
        {"min": 50, "max": 65, "label": "Kurang"},
        {"max": 50, "label": "Sangat Kurang"},
    ],
}
# SAKIP grades (DOMAIN.md §8): > 90 AA, > 80 A, > 70 BB, > 60 B, > 50 CC, > 30 C, ≤ 30 D.
SAKIP: dict[str, Any] = {
    "input": "c",
    "closed": "right",
    "bands": [
        {"min": 90, "label": "AA"},
        {"min": 80, "max": 90, "label": "A"},
        {"min": 70, "max": 80, "label": "BB"},
        {"min": 60, "max": 70, "label": "B"},
        {"min": 50, "max": 60, "label": "CC"},
        {"min": 30, "max": 50, "label": "C"},
        {"max": 30, "label": "D"},
    ],
}


def bands_step(params: dict[str, Any], **more: Any) -> list[dict[str, Any]]:
    return [{"id": "s", "type": "bands", **params, **more}]


class TestPermenPANRBScore:
    """PermenPANRB 8/2021 capaian→score conversion, exact on both backends."""

    @BACKENDS
    def test_official_example(self, reference: bool) -> None:
        """98 % gives 88 exactly: 70 + (89 − 70)/(99 − 80) × (98 − 80)."""
        out = tst.run_steps({"c": [0.98]}, bands_step(PERMENPAN_SCORE), reference=reference)
        assert out.values("s") == [88]

    @BACKENDS
    def test_band_formulas_and_edges(self, reference: bool) -> None:
        """Each band's line, its ends, the cap above 110 % and the unverified 100–110 % gap."""
        c = [0, 0.59, 0.3, 0.6, 0.79, 0.8, 0.995, 1.0, 1.1, 1.1001, 2.5]
        out = tst.run_steps({"c": c}, bands_step(PERMENPAN_SCORE), reference=reference)
        vals = out.values("s")
        assert vals[:7] == [0, 49, F(30 * 49, 59 * 100) * 100, 50, 69, 70, F(8950, 100)]
        assert vals[8:] == [vals[8], 120, 120]
        assert out.rejected == {7: "out_of_bands", 8: "out_of_bands"}
        assert out.reasons[7] == "c is between two bands"
        assert out.fields[7] == {"column": "c", "where": "gap"}

    @BACKENDS
    def test_edge_decided_exactly(self, reference: bool) -> None:
        """An inexact value equal to a band edge (0.8 / 3 × 3) is decided exactly, not by float."""
        steps = [{"id": "c", "type": "formula", "expr": "x / 3 * 3"}, *bands_step(PERMENPAN_SCORE)]
        out = tst.run_steps({"x": [0.8, 0.7]}, steps, reference=reference)
        assert out.values("s") == [70, 60]
        if not reference:
            assert out.exact_rows == [0]

    @settings(max_examples=60, deadline=None)
    @given(st.integers(80_000, 99_999).map(lambda n: F(n, 100_000)))
    def test_line_stays_between_out_min_and_out_max(self, c: F) -> None:
        """Without a span, a band's line runs from out_min at min to out_max at max."""
        params = {
            "input": "c",
            "bands": [{"min": "80%", "max": "100%", "out_min": 70, "out_max": 90}],
        }
        (v,) = tst.run_steps({"c": [float(c)]}, bands_step(params), reference=True).values("s")
        assert 70 <= v <= 90
        assert v == 70 + (c - F(8, 10)) * 100

    @settings(max_examples=40, deadline=None)
    @given(st.lists(tst.capaian_values(5, max_ratio=2), min_size=2, max_size=10))
    def test_fast_equals_reference_and_monotone(self, c: list[float]) -> None:
        """The fast run equals the exact one, and the score never falls as capaian rises."""
        fast_run = tst.run_steps({"c": c}, bands_step(PERMENPAN_SCORE))
        exact_run = tst.run_steps({"c": c}, bands_step(PERMENPAN_SCORE), reference=True)
        assert fast_run.rejected == exact_run.rejected  # the 100–110 % gap
        paid = [i for i in range(len(c)) if i not in exact_run.rejected]
        fast, exact = fast_run.values("s"), exact_run.values("s")
        assert [fast[i] for i in paid] == [exact[i] for i in paid]
        pairs = sorted((c[i], exact[i]) for i in paid)
        assert all(a[1] <= b[1] for a, b in itertools.pairwise(pairs))


class TestLabels:
    """Text bands: regional performance bands and SAKIP grades."""

    @BACKENDS
    def test_regional_bands(self, reference: bool) -> None:
        """91–100 Sangat Baik, 76–90 Baik, 66–75 Cukup, 51–65 Kurang, ≤ 50 Sangat Kurang."""
        scores = [100, 91, 90.5, 90, 76, 75, 66, 65.01, 65, 51, 50, 0]
        out = tst.run_steps({"c": scores}, bands_step(REGIONAL), reference=reference)
        assert out.values("s") == [
            "Sangat Baik",
            "Sangat Baik",
            "Sangat Baik",
            "Baik",
            "Baik",
            "Cukup",
            "Cukup",
            "Cukup",
            "Kurang",
            "Kurang",
            "Sangat Kurang",
            "Sangat Kurang",
        ]
        out = tst.run_steps({"c": [100.5]}, bands_step(REGIONAL), reference=reference)
        assert out.rejected == {0: "out_of_bands"}

    @BACKENDS
    def test_sakip_grades(self, reference: bool) -> None:
        """> 90 AA, > 80 A, > 70 BB, > 60 B, > 50 CC, > 30 C, ≤ 30 D; 90 itself is A."""
        scores = [95, 90.01, 90, 80.5, 80, 70.1, 61, 60, 50.5, 31, 30, 0]
        out = tst.run_steps({"c": scores}, bands_step(SAKIP), reference=reference)
        assert out.values("s") == ["AA", "AA", "A", "A", "BB", "BB", "B", "CC", "CC", "C", "D", "D"]

    @BACKENDS
    def test_a_factor_band_named_by_its_grade(self, reference: bool) -> None:
        """A factor per SAKIP grade, the grade shown beside it (one step, not two)."""
        factors = {"AA": "1.1", "A": 1, "BB": "0.95", "B": "0.9", "CC": "0.85", "C": "0.8"}
        named = [
            {
                **{k: v for k, v in b.items() if k != "label"},
                "value": factors.get(b["label"], "0.7"),
                "name": b["label"],
            }
            for b in SAKIP["bands"]
        ]
        out = tst.run_steps(
            {"c": [95, 90, 30]}, bands_step({**SAKIP, "bands": named}), reference=reference
        )
        assert out.values("s") == [F(11, 10), 1, F(7, 10)]
        if not reference:
            assert list(out.run.traces[0].notes["band"]) == ["AA", "A", "D"]
        with pytest.raises(RuleSetError) as info:
            tst.run_steps({"c": [1]}, bands_step({**SAKIP, "bands": [{"label": "x", "name": "y"}]}))
        (p,) = info.value.problems
        assert "give name only to a number band" in p.message_en
        assert "beri name hanya pada rentang angka" in (p.message_id or "")

    @BACKENDS
    def test_outside_policies(self, reference: bool) -> None:
        """below/above can give a label; error stops the run."""
        params = {"input": "c", "bands": [{"min": 0, "max": 10, "label": "low"}]}
        out = tst.run_steps(
            {"c": [-1, 5, 10, float("nan")]},
            bands_step(params, below={"label": "neg"}, above={"label": "high"}),
            reference=reference,
        )
        assert out.values("s") == ["neg", "low", "high", None]
        with pytest.raises(CalculationError, match="di atas rentang terakhir") as err:
            tst.run_steps({"c": [11]}, bands_step(params, above="error"), reference=reference)
        assert "above the last band" in err.value.message("en")

    @BACKENDS
    def test_an_open_lower_end_is_below_the_first_band(self, reference: bool) -> None:
        """closed: right makes the only band (0, 10]: 0 is below it (the below policy, as -1
        is), not a gap between bands; 10 is in it, 11 above."""
        params = {"input": "c", "closed": "right", "bands": [{"min": 0, "max": 10, "label": "low"}]}
        out = tst.run_steps(
            {"c": [-1, 0, 10, 11]},
            bands_step(params, below={"label": "neg"}, above={"label": "high"}),
            reference=reference,
        )
        assert out.values("s") == ["neg", "neg", "low", "high"]


class TestNumericBands:
    """Constant values, amounts in rupiah and the outside policies on numbers."""

    @BACKENDS
    def test_rupiah_values(self, reference: bool) -> None:
        """Bands can give amounts; a rupiah input compares with rupiah ends."""
        params = {
            "input": "pay",
            "unit": "rupiah",
            "bands": [
                {"max": 1_000_000, "value": 0},
                {"min": 1_000_000, "max": 2_000_000, "out_min": 0, "out_max": 50_000},
                {"min": 2_000_000, "value": 50_000},
            ],
        }
        out = tst.run_steps(
            {"pay": [500_000, 1_500_000, 3_000_000]},
            bands_step(params),
            reference=reference,
            money=["pay"],
        )
        assert out.values("s") == [0, 25_000, 50_000]
        assert out.run.fast.values["s"].unit == "rupiah"

    @BACKENDS
    def test_rupiah_input_ratio_output(self, reference: bool) -> None:
        """A rupiah input can give ratios: the line's slope carries the unit."""
        params = {
            "input": "pay",
            "bands": [{"min": 0, "max": 1_000_000, "out_min": 0, "out_max": "1%"}],
        }
        out = tst.run_steps(
            {"pay": [500_000]}, bands_step(params), reference=reference, money=["pay"]
        )
        assert out.values("s") == [F(5, 1000)]
        assert out.run.fast.values["s"].unit is None

    def test_rupiah_and_ratio_do_not_mix(self) -> None:
        """A rupiah table fed from a ratio column is a money error when the line adds them."""
        params = {
            "input": "c",
            "unit": "rupiah",
            "bands": [{"min": 0, "max": 1, "out_min": 0, "out_max": 1000}],
        }
        assert tst.run_steps({"c": [0.5]}, bands_step(params)).values("s") == [500]
        with pytest.raises(MoneyError):
            tst.run_steps(
                {"pay": [5]}, [{"id": "x", "type": "formula", "expr": "pay + 1"}], money=["pay"]
            )

    @BACKENDS
    def test_below_value(self, reference: bool) -> None:
        """below: {value: 0} gives 0 under the first band."""
        params = {"input": "c", "below": {"value": 0}, "bands": [{"min": 1, "value": 5}]}
        assert tst.run_steps({"c": [0.5, 2]}, bands_step(params), reference=reference).values(
            "s"
        ) == [0, 5]

    def test_gap_is_an_error_by_default(self) -> None:
        """A value in an undeclared gap stops the run, naming the step and the employee count."""
        params = {"input": "c", "bands": [{"max": 1, "value": 0}, {"min": 2, "value": 1}]}
        with pytest.raises(CalculationError, match=r"di antara dua rentang \(1 pegawai") as err:
            tst.run_steps({"c": [1.5]}, bands_step(params))
        assert "between two bands (1 employee(s)" in err.value.message("en")


class TestBandsParams:
    """Band tables are checked when the rule file is loaded."""

    @pytest.mark.parametrize(
        ("bands", "message"),
        [
            ([{"min": 0, "max": 10, "value": 1}, {"min": 5, "max": 20, "value": 2}], "overlap"),
            ([{"min": 0, "max": 0, "value": 1}], "empty"),
            ([{"max": 10, "max_inclusive": True, "value": 1}, {"min": 10, "value": 2}], "overlap"),
            ([{"min": 0, "max": 10, "value": 1, "label": "x"}], "exactly one"),
            (
                [{"min": 0, "max": 10, "value": 1}, {"min": 10, "label": "x"}],
                "every band gives a label",
            ),
            ([{"min": 0, "out_min": 1, "out_max": 2}], "unbounded band needs span"),
            ([{"min": 0, "max": 10, "out_min": 1}], "both out_min and out_max"),
            ([{"min": 0, "max": 10, "value": 1, "span": [0, 1]}], "span only"),
            ([{"min": 5, "max": 1, "value": 1}], "empty"),
        ],
    )
    def test_bad_tables(self, bands: list[dict[str, Any]], message: str) -> None:
        """Overlaps, empty bands and mixed results are refused with a reason."""
        with pytest.raises(ValueError, match=message):
            BandsParams(input="c", bands=bands)

    def test_default_ends_are_left_closed(self) -> None:
        """By default a band is [min, max): touching bands neither overlap nor leave a gap."""
        p = BandsParams(
            input="c", bands=[{"min": 0, "max": 10, "value": 1}, {"min": 10, "max": 20, "value": 2}]
        )
        assert [b.show(p.closed) for b in p.ordered()] == ["[0, 10)", "[10, 20)"]

    def test_outside_label_must_match(self) -> None:
        """A numeric table cannot fall back to a label."""
        with pytest.raises(ValueError, match="give a value"):
            BandsParams(input="c", bands=[{"min": 0, "value": 1}], below={"label": "x"})
