"""Tests for tukin.rules.achievement: capaian (PermenPANRB 8/2021) and the aggregate rule type."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any, ClassVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import strategies as tst
from tukin.calc.num import FNum, Tracker, XNum
from tukin.errors import CalculationError, RuleSetError
from tukin.rules.achievement import (
    AggregateParams,
    achievement_of,
    integer_weights,
    round_root,
)

NAN = float("nan")
BACKENDS = pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])


def cols(*values: list[Any]) -> tuple[list[FNum], list[XNum]]:
    """The same columns on both backends."""
    tr = Tracker(len(values[0]))
    return [FNum.from_floats(v, tr) for v in values], [XNum.from_values(v) for v in values]


def achievement_step(**params: Any) -> list[dict[str, Any]]:
    return [{"id": "c", "type": "achievement", "realisation": "r", "target": "t", **params}]


class TestAchievementOf:
    """The reusable capaian arithmetic over number columns."""

    def test_domain_range_examples(self) -> None:
        """DOMAIN.md §6: 6.5 vs 7–8 is 92.9 % / 107.1 %, 9 is 87.5 %, 70 % vs 80–90 % is 87.5 %."""
        real, target, tmax = [6.5, 6.5, 9, 0.7, 7.5], [7, 7, 7, 0.8, 7], [8, 8, 8, 0.9, 8]
        lower = np.array([False, True, True, False, True])
        fast, exact = cols(real, target, tmax)
        want = [F(13, 14), F(15, 14), F(7, 8), F(7, 8), F(1)]
        assert list(achievement_of(*exact, lower).value.v) == want
        got = achievement_of(*fast, lower).value
        assert [
            tst.Approx(float(v), float(0 if got.e is None else got.e[i]), got.s)
            for i, v in enumerate(got.v)
        ] == want

    def test_single_target(self) -> None:
        """Without a range: r/t when more is better, 1 + (1 − r/t) when less is better."""
        _, (r, t) = cols([45, 45, 120], [50, 50, 100])
        a = achievement_of(r, t, None, np.array([False, True, True]))
        assert list(a.value.v) == [F(9, 10), F(11, 10), F(4, 5)]

    def test_missing_upper_bound_is_single_target(self) -> None:
        """A NaN target_max on a row means a single target on that row."""
        _, (r, t, tm) = cols([6, 6], [5, 5], [NAN, 8])
        assert list(achievement_of(r, t, tm).value.v) == [F(6, 5), F(1)]

    def test_a_range_from_zero_scores_its_lower_end(self) -> None:
        """A range target [0, 5] (at most 5 complaints, lower is better) scores 100 % at 0,
        its lower end, as everywhere inside: only a reference bound of 0 outside the range
        cannot be scored. 6 is above: 1 + (1 − 6/5) = 4/5."""
        _, (r, t, tm) = cols([0, 3, 6], [0, 0, 0], [5, 5, 5])
        a = achievement_of(r, t, tm, np.array([True, True, True]))
        assert list(a.value.v) == [F(1), F(1), F(4, 5)]
        assert a.zero_target.tolist() == [False, False, False]

    def test_cap_and_floor(self) -> None:
        """cap and floor bound the capaian."""
        _, (r, t) = cols([200, 300, 50], [100, 100, 100])
        lower = np.array([False, True, False])
        a = achievement_of(r, t, None, lower, cap=F(6, 5), floor=F(0))
        assert list(a.value.v) == [F(6, 5), F(0), F(1, 2)]

    def test_masks(self) -> None:
        """Rows that cannot be scored are missing and say why."""
        _, (r, t, tm) = cols([NAN, 5, 5, 0, 5], [5, NAN, 0, 0, 6], [NAN, NAN, NAN, NAN, 4])
        a = achievement_of(r, t, tm)
        assert list(a.value.v) == [None] * 5
        assert a.missing.tolist() == [True, False, False, False, False]
        assert a.no_target.tolist() == [False, True, False, False, False]
        assert a.zero_target.tolist() == [False, False, True, True, False]
        assert a.bad_range.tolist() == [False, False, False, False, True]

    def test_fast_backend_matches_exact(self) -> None:
        """Both backends give the same capaian (the fast one within its certified bound)."""
        data = ([1.5, 3, 0.333, 12], [2, 3, 0.7, 11], [2.5, NAN, 0.9, 13])
        fast, exact = cols(*data)
        lower = np.array([True, False, True, False])
        x = achievement_of(*exact, lower).value.v
        f = achievement_of(*fast, lower).value
        e = np.zeros(4) if f.e is None else f.e
        assert [tst.Approx(float(f.v[i]), float(e[i]), f.s) for i in range(4)] == list(x)


class TestAchievementRule:
    """The achievement rule type: polarity, missing realisations and zero targets."""

    @BACKENDS
    def test_polarity_column(self, reference: bool) -> None:
        """A column can hold higher/lower per row, any case."""
        data = {
            "r": [6.5, 6.5, 9.0],
            "t": [7, 7, 7],
            "tm": [8, 8, 8],
            "p": ["higher", "LOWER", "lower"],
        }
        out = tst.run_steps(
            data, achievement_step(target_max="tm", polarity="p"), reference=reference
        )
        assert out.values("c") == [F(13, 14), F(15, 14), F(7, 8)]

    @BACKENDS
    def test_unknown_polarity_is_rejected(self, reference: bool) -> None:
        """A polarity that is neither higher nor lower rejects the row with a reason."""
        data = {"r": [1.0, 1.0], "t": [2, 2], "p": ["higher", "naik"]}
        out = tst.run_steps(data, achievement_step(polarity="p"), reference=reference)
        assert out.rejected == {1: "unknown_polarity"}

    @BACKENDS
    def test_missing_realisation_policies(self, reference: bool) -> None:
        """missing: exclude rejects, zero scores 0 (even lower-is-better), error stops."""
        data = {"r": [NAN, 4.0], "t": [5, 5]}
        out = tst.run_steps(data, achievement_step(), reference=reference)
        assert out.rejected == {0: "no_realisation"}
        assert out.fields == {0: {"column": "r"}}  # for a program: which column was empty
        out = tst.run_steps(
            data, achievement_step(missing="zero", polarity="lower"), reference=reference
        )
        assert out.values("c") == [0, F(6, 5)]
        with pytest.raises(CalculationError, match="tidak ada realisasi pada r") as err:
            tst.run_steps(data, achievement_step(missing="error"), reference=reference)
        assert "no realisation in r (1 employee(s)" in err.value.message("en")

    @BACKENDS
    def test_zero_target_policies(self, reference: bool) -> None:
        """target 0: reject with 'target is zero', stop with an error, or a declared capaian."""
        data = {"r": [0.0, 3.0], "t": [0, 0]}
        out = tst.run_steps(data, achievement_step(), reference=reference)
        assert out.reasons == {0: "target is zero", 1: "target is zero"}
        assert out.fields == {0: {"column": "t"}, 1: {"column": "t"}}
        out = tst.run_steps(data, achievement_step(zero_target="100%"), reference=reference)
        assert out.values("c") == [1, 1]
        with pytest.raises(CalculationError, match="target bernilai nol pada t") as err:
            tst.run_steps(data, achievement_step(zero_target="error"), reference=reference)
        assert "target is zero in t (2 employee(s)" in err.value.message("en")

    @BACKENDS
    def test_a_column_blank_for_everyone_is_blank_numbers(self, reference: bool) -> None:
        """A column with no value at all (what a reader gives for an empty column: text
        none of which is there) reads as numbers none of which is given, as a NaN float
        column does: an empty target_max is single targets, an empty realisation rejects
        each employee. It stopped the run ("contains no numbers"), so a dataset that paid
        failed once written to Excel, CSV or JSON and read back (review 71)."""
        blank = [None, None]
        out = tst.run_steps(
            {"r": [6.5, 9.0], "t": [7, 7], "tm": blank},
            achievement_step(target_max="tm"),
            reference=reference,
        )
        assert out.values("c") == [F(13, 14), F(9, 7)]
        out = tst.run_steps({"r": blank, "t": [7, 7]}, achievement_step(), reference=reference)
        assert out.rejected == {0: "no_realisation", 1: "no_realisation"}

    @BACKENDS
    @pytest.mark.parametrize("blank", [[None, None], [NAN, NAN]], ids=["text", "floats"])
    def test_a_text_column_blank_for_everyone_is_no_text(
        self, reference: bool, blank: list[Any]
    ) -> None:
        """A polarity column with no value at all rejects each employee (unknown_polarity)
        whether it came as text (a reader's None) or as numbers (a frame's NaN floats): the
        floats stopped the run ("contains numbers, not text") (review 71)."""
        data = {"r": [6.5, 9.0], "t": [7, 7], "p": blank}
        out = tst.run_steps(data, achievement_step(polarity="p"), reference=reference)
        assert out.rejected == {0: "unknown_polarity", 1: "unknown_polarity"}

    @BACKENDS
    def test_missing_target_rejects(self, reference: bool) -> None:
        """A missing target always rejects the employee."""
        out = tst.run_steps({"r": [1.0], "t": [NAN]}, achievement_step(), reference=reference)
        assert out.rejected == {0: "no_target"}

    def test_cap_from_rule_file_text(self) -> None:
        """cap is an exact number written as a percentage."""
        out = tst.run_steps({"r": [150.0], "t": [100]}, achievement_step(cap="120%"))
        assert out.values("c") == [F(6, 5)]

    def test_floor_above_cap_is_refused(self) -> None:
        """A floor above the cap is a mistake in the rule file."""
        with pytest.raises(RuleSetError) as info:
            tst.run_steps({"r": [1.0], "t": [1]}, achievement_step(cap="120%", floor="150%"))
        (p,) = info.value.problems
        assert "floor 1.5 is above cap 1.2" in p.message_en
        assert "floor 1.5 di atas cap 1.2" in (p.message_id or "")

    def test_typo_in_parameters_is_an_error(self) -> None:
        """An unknown parameter is refused when the rule file is loaded."""
        with pytest.raises(RuleSetError, match="polarty"):
            tst.run_steps({"r": [1.0], "t": [1]}, achievement_step(polarty="lower"))

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.tuples(tst.column_values(10**6, 3), tst.column_values(10**6, 3)),
            min_size=1,
            max_size=8,
        ),
        tst.column_values(10**4, 2).filter(lambda t: t > 0),
    )
    def test_monotone_in_realisation(self, pairs: list[tuple[F, F]], target: F) -> None:
        """More realisation never lowers the capaian of a higher-is-better indicator."""
        lo = [min(a, b) for a, b in pairs]
        hi = [max(a, b) for a, b in pairs]
        data = {"r": [float(x) for x in lo + hi], "t": [float(target)] * (2 * len(pairs))}
        exact = tst.run_steps(data, achievement_step(), reference=True).values("c")
        n = len(pairs)
        assert all(exact[i] <= exact[n + i] for i in range(n))
        assert tst.run_steps(data, achievement_step()).values("c") == exact


class TestAggregate:
    """Combining columns: mean, weighted mean, min, max, geometric mean."""

    DATA: ClassVar[dict[str, list[Any]]] = {
        "a": [0.8, 2.0, 1.0],
        "b": [1.0, 8.0, 2.0],
        "c": [0.9, 4.0, 0.0],
    }

    @staticmethod
    def step(**params: Any) -> list[dict[str, Any]]:
        return [{"id": "g", "type": "aggregate", "inputs": ["a", "b", "c"], **params}]

    @BACKENDS
    def test_mean_min_max(self, reference: bool) -> None:
        """mean, min and max of three columns."""
        run = tst.run_steps
        assert run(self.DATA, self.step(method="mean"), reference=reference).values("g") == [
            F(9, 10),
            F(14, 3),
            F(1),
        ]
        assert run(self.DATA, self.step(method="min"), reference=reference).values("g") == [
            F(4, 5),
            2,
            0,
        ]
        assert run(self.DATA, self.step(method="max"), reference=reference).values("g") == [1, 8, 2]

    @BACKENDS
    def test_weighted_mean(self, reference: bool) -> None:
        """Σ w·x / Σ w with exact weights."""
        out = tst.run_steps(
            self.DATA,
            self.step(method="weighted_mean", weights=["50%", "30%", "20%"]),
            reference=reference,
        )
        # 0.5·0.8 + 0.3·1 + 0.2·0.9 = 0.88; 0.5·2 + 0.3·8 + 0.2·4 = 4.2; 0.5·1 + 0.3·2 + 0 = 1.1
        assert out.values("g") == [F(88, 100), F(21, 5), F(11, 10)]

    @BACKENDS
    def test_geometric_mean(self, reference: bool) -> None:
        """(2·8·4)^(1/3) = 4 exactly; a zero input gives 0; √(0.8·1·0.9) rounds half-even."""
        out = tst.run_steps(self.DATA, self.step(method="geometric_mean"), reference=reference)
        # (0.72)^(1/3) = 0.8962809493 (10 places)
        assert out.values("g") == [F(8962809493, 10**10), 4, 0]

    @BACKENDS
    def test_geometric_mean_tie_goes_to_even(self, reference: bool) -> None:
        """A geometric mean exactly halfway between two 10-place values rounds to the even one."""
        data = {"a": [1.00000000005, 1.00000000015, 2.0], "b": [1.00000000005, 1.00000000015, 2.0]}
        out = tst.run_steps(
            data,
            [{"id": "g", "type": "aggregate", "inputs": ["a", "b"], "method": "geometric_mean"}],
            reference=reference,
        )
        assert out.values("g") == [1, F(10000000002, 10**10), 2]
        if not reference:
            assert out.exact_rows == [0, 1]

    @BACKENDS
    def test_geometric_mean_of_missing_is_missing(self, reference: bool) -> None:
        """A missing input (even beside a zero) gives a missing mean, not 0."""
        data = {"a": [NAN, 0.0], "b": [0.0, 4.0]}
        step = [{"id": "g", "type": "aggregate", "inputs": ["a", "b"], "method": "geometric_mean"}]
        vals = tst.run_steps(data, step, reference=reference).values("g")
        assert vals[1] == 0
        assert vals[0] is None or np.isnan(vals[0].v)

    @BACKENDS
    def test_weighted_geometric_mean(self, reference: bool) -> None:
        """Weights are exponents: 16^(1/4) · 1^(3/4) = 2."""
        data = {"a": [16.0], "b": [1.0]}
        step = [
            {
                "id": "g",
                "type": "aggregate",
                "inputs": ["a", "b"],
                "method": "geometric_mean",
                "weights": [1, 3],
                "precision": 4,
            }
        ]
        assert tst.run_steps(data, step, reference=reference).values("g") == [2]

    @BACKENDS
    def test_geometric_mean_of_negative_rejects(self, reference: bool) -> None:
        """A negative input has no geometric mean: the row is rejected with a reason."""
        data = {"a": [-1.0, 1.0], "b": [4.0, 4.0]}
        step = [{"id": "g", "type": "aggregate", "inputs": ["a", "b"], "method": "geometric_mean"}]
        out = tst.run_steps(data, step, reference=reference)
        assert out.rejected == {0: "negative_input"}
        assert out.values("g")[1] == 2

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"method": "weighted_mean"}, "needs weights"),
            ({"method": "mean", "weights": [1, 1, 1]}, "takes no weights"),
            ({"method": "weighted_mean", "weights": [1, 1]}, "2 weights for 3 inputs"),
            ({"method": "weighted_mean", "weights": [1, -1, 1]}, "non-negative"),
            ({"method": "geometric_mean", "weights": ["0.001", "0.002", "0.9001"]}, "too fine"),
        ],
    )
    def test_parameter_checks(self, params: dict[str, Any], message: str) -> None:
        """Inconsistent weights are refused with a message saying what is wrong."""
        with pytest.raises(ValueError, match=message):
            AggregateParams(inputs=["a", "b", "c"], **params)

    def test_integer_weights(self) -> None:
        """Weights become the smallest integers in the same ratio."""
        assert integer_weights([F(1, 2), F(1, 4), F(1, 4)]) == [2, 1, 1]
        assert integer_weights([F(30), F(70)]) == [3, 7]

    def test_round_root_is_exact(self) -> None:
        """round(P^(1/d)·10^p) half-even, decided by exact comparisons."""
        assert round_root(F(2), 2, 10) == 14142135624
        assert round_root(F(81), 4, 0) == 3
        assert round_root(F(25, 4), 2, 0) == 2  # 2.5 -> 2 (even)
        assert round_root(F(49, 4), 2, 0) == 4  # 3.5 -> 4 (even)
        assert round_root(F(0), 3, 5) == 0

    @settings(max_examples=40, deadline=None)
    @given(
        st.lists(
            st.tuples(*[st.integers(0, 10**6).map(lambda n: n / 1000)] * 3), min_size=1, max_size=6
        )
    )
    def test_geometric_fast_equals_reference(self, rows: list[tuple[float, float, float]]) -> None:
        """The fast geometric mean (with its exact fallback) equals the exact one on every row."""
        data = {k: [r[i] for r in rows] for i, k in enumerate("abc")}
        step = self.step(method="geometric_mean", precision=6)
        fast = tst.run_steps(data, step).values("g")
        exact = tst.run_steps(data, step, reference=True).values("g")
        assert fast == exact
