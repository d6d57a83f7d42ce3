"""Tests for tukin.calc.num: the fast certified backend held to exact fractions.

The contract checked on random data, for every operation:

(a) a row the fast backend marks exact (``e == 0``) holds exactly the Fraction result;
(b) an inexact row's true value lies within ``v ± e`` (in units of ``10**-s``);
(c) comparisons and rounding give the exact answer on every row the tracker did not flag;
(d) money is a unit: rupiah × rupiah and rupiah + ratio raise MoneyError, floats are refused.
"""

from __future__ import annotations

import math
import operator
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests import strategies as tst
from tukin.calc import num as N
from tukin.calc.num import FNum, Tracker, XNum
from tukin.errors import MoneyError
from tukin.money import RoundingMode, decimal_from_float_repr, round_to

MODES = list(RoundingMode)
UNITS = (1, 100, 1000)
_CMP = {"lt": "__lt__", "le": "__le__", "gt": "__gt__", "ge": "__ge__", "eq": "eq"}
_PY_CMP = {
    "lt": operator.lt,
    "le": operator.le,
    "gt": operator.gt,
    "ge": operator.ge,
    "eq": operator.eq,
}


# -- helpers -----------------------------------------------------------------------------------


def build(spec: tuple[str, list], n: int, tr: Tracker) -> tuple[FNum, XNum]:
    """The same column on both backends (the exact one reads floats as the engine does)."""
    kind, vals = spec
    if kind == "int":
        return FNum.from_ints(np.array(vals, dtype=object).astype(np.float64), tr), _xnum(vals)
    if kind == "float":
        arr = np.array(vals, dtype=np.float64)
        return FNum.from_floats(arr, tr), XNum.from_values(list(arr))
    if kind == "scaled":
        s, ints = vals[0], vals[1:]
        return FNum(np.array(ints, dtype=np.float64), None, s, None, tr), _xnum(
            [Fraction(i, 10**s) for i in ints]
        )
    return FNum.const(vals[0], n, tr), XNum.const(vals[0], n)


def _xnum(vals: list[Any]) -> XNum:
    arr = np.empty(len(vals), dtype=object)
    arr[:] = [None if v is None else Fraction(v) for v in vals]
    return XNum(arr)


def fast(vals: list[Any], tr: Tracker, s: int = 0, unit: str | None = None) -> FNum:
    """An exact fast column from exact decimal values (scale ``s``)."""
    ints = [Fraction(v) * 10**s for v in vals]
    assert all(q.denominator == 1 for q in ints)
    return FNum(np.array([float(q) for q in ints]), None, s, unit, tr)


def exact(vals: list[Any], unit: str | None = None) -> XNum:
    return XNum(_xnum(vals).v, unit)


def true_values(x: XNum) -> list[Fraction | None]:
    return list(x.v)


def check(f: FNum, x: XNum, flagged: np.ndarray, what: str = "") -> None:
    """(a) and (b) on every row not flagged so far."""
    assert len(f) == len(x)
    assert f.unit == x.unit
    bound = unsplit_bound(f)
    for i, t in enumerate(x.v):
        if flagged[i]:
            continue
        v = float(f.v[i])
        e = 0.0 if bound is None else float(bound[i])
        if t is None:
            assert math.isnan(v), f"{what} row {i}: fast {v} but the exact value is missing"
            continue
        assert not math.isnan(v), f"{what} row {i}: fast NaN, exact {t}"
        if e == 0:
            assert v.is_integer(), f"{what} row {i}: exact row holds non-integer {v}"
            got = Fraction(int(v), 10**f.s)
            assert got == t, f"{what} row {i}: marked exact {got}, true {t}"
            assert f.exact_at(i) == t
        elif math.isfinite(e):
            err = abs(t * 10**f.s - Fraction(v))
            assert err <= Fraction(e), f"{what} row {i}: |error| {float(err)} > bound {e}"
            assert f.exact_at(i) is None


def unsplit_bound(f: FNum) -> np.ndarray | None:
    """``f``'s whole per-row bound, read from a copy: reading ``f.e`` adds the relative part
    into ``f`` itself, and the next operation would then never see a split bound."""
    return FNum(f.v, f._e, f.s, f.unit, f.tr, f.m, f.r).e


def apply(op: tuple, nodes: list[Any]) -> Any:
    kind, name, a, b = op
    if kind == "bin":
        fn = {
            "add": operator.add,
            "sub": operator.sub,
            "mul": operator.mul,
            "div": operator.truediv,
            "min": N.minimum,
            "max": N.maximum,
        }[name]
        return fn(nodes[a], nodes[b])
    if kind == "cmp":
        return getattr(nodes[a], _CMP[name])(nodes[b])
    if kind == "round":
        return N.round_to_unit(nodes[a], name, b)
    if kind == "neg":
        return -nodes[a] if name == "neg" else abs(nodes[a])
    return N.where(nodes[name], nodes[a], nodes[b])


# -- the lockstep property -----------------------------------------------------------------------


class TestFastAgainstExact:
    """Random straight-line programs on random columns: fast == exact wherever certified."""

    @settings(max_examples=150, deadline=None)
    @given(data=st.data(), n=st.integers(1, 6), program=tst.num_programs())
    def test_programs(self, data: st.DataObject, n: int, program: list[tuple]) -> None:
        """Every node of a random program obeys (a), (b) and (c) on unflagged rows."""
        tr = Tracker(n)
        fnodes: list[Any] = []
        xnodes: list[Any] = []
        for _ in range(3):
            f, x = build(data.draw(tst.num_columns(n)), n, tr)
            check(f, x, tr.flag, "input")
            fnodes.append(f)
            xnodes.append(x)
        for k, op in enumerate(program):
            f = apply(op, fnodes)
            x = apply(op, xnodes)
            if isinstance(f, np.ndarray):  # a comparison: (c)
                ok = tr.flag | (f == x)
                assert ok.all(), f"op {k} {op}: fast {f} exact {x} unflagged rows differ"
            else:
                check(f, x, tr.flag, f"op {k} {op}")
            fnodes.append(f)
            xnodes.append(x)


# -- construction ---------------------------------------------------------------------------------


class TestFromFloats:
    """FNum.from_floats reads float64 cells as the decimal a person typed (like the exact path)."""

    @pytest.mark.parametrize(
        "x", [0.1, 0.2, 12.34, 0.3, 1e-6, 99.99, -0.07, 1234567.89, 0.1 + 0.2, 1 / 3]
    )
    def test_reads_shortest_repr(self, x: float) -> None:
        """A cell is worth its shortest repr, the value the exact backend reads."""
        tr = Tracker(1)
        f = FNum.from_floats(np.array([x]), tr)
        want = Fraction(decimal_from_float_repr(x))
        check(f, XNum.from_values([x]), tr.flag)
        if f.exact_at(0) is not None:
            assert f.exact_at(0) == want

    def test_simple_decimals_are_exact(self) -> None:
        """Two-decimal spreadsheet values are exact at scale 2."""
        f = FNum.from_floats(np.array([0.1, 12.34, 3.0, -0.5]), Tracker(4))
        assert f.s == 2 and f.e is None
        assert [f.exact_at(i) for i in range(4)] == [
            Fraction(1, 10),
            Fraction(1234, 100),
            3,
            Fraction(-1, 2),
        ]

    def test_large_value_with_decimals_not_truncated(self) -> None:
        """A large value's decimals are not rounded away (200 trillion and 3/10)."""
        x = 200000000000000.3
        tr = Tracker(1)
        f = FNum.from_floats(np.array([x]), tr)
        check(f, XNum.from_values([x]), tr.flag)

    def test_nan_is_missing(self) -> None:
        """A NaN cell is a missing value on both backends."""
        tr = Tracker(2)
        f = FNum.from_floats(np.array([float("nan"), 1.5]), tr)
        x = XNum.from_values([float("nan"), 1.5])
        assert x.v[0] is None
        check(f, x, tr.flag)

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.floats(-1e16, 1e16, allow_nan=False), min_size=1, max_size=6))
    def test_any_float(self, xs: list[float]) -> None:
        """Arbitrary floats: exact rows hold the shortest repr, others are bounded."""
        tr = Tracker(len(xs))
        check(FNum.from_floats(np.array(xs), tr), XNum.from_values(xs), tr.flag)


class TestConst:
    """FNum.const: decimal constants exact, others (1/3) bounded."""

    @given(tst.exact_constants())
    def test_const(self, q: Fraction) -> None:
        """A constant is exact when it is a short decimal, else within its bound."""
        tr = Tracker(2)
        f = FNum.const(q, 2, tr)
        check(f, XNum.const(q, 2), tr.flag)
        if q.denominator in (1, 2, 4, 5, 8, 10, 20, 25, 50, 100, 1000):
            assert f.e is None

    @pytest.mark.parametrize("big", [2**53 - 1, 2**53, 2**53 + 1, -(2**60) - 7])
    def test_huge(self, big: int) -> None:
        """Integers around 2**53 are exact below it and bounded above it."""
        tr = Tracker(1)
        f = FNum.const(big, 1, tr)
        check(f, XNum.const(big, 1), tr.flag)
        assert (f.e is None) == (abs(big) < 2**53)
        g = FNum.from_ints([big], tr)
        check(g, XNum.const(big, 1), tr.flag)

    @pytest.mark.parametrize("q", [Fraction(1, 10**400), Fraction(-1, 3 * 10**330)])
    def test_too_small_for_a_float_is_not_an_exact_zero(self, q: Fraction) -> None:
        """A constant whose float underflows to 0 (or to a subnormal whose |v|·U does) is
        inexact: compared with 0 its row is flagged, never certified the wrong way."""
        tr = Tracker(1)
        f = FNum.const(q, 1, tr)
        assert f.e is not None and f.e[0] > 0
        got = f > 0
        assert tr.flag[0] or bool(got[0]) == (q > 0)


# -- arithmetic -----------------------------------------------------------------------------------


class TestArithmetic:
    """+, −, ×, ÷ against Fractions, including adversarial cases."""

    @settings(max_examples=150, deadline=None)
    @given(
        a=st.lists(tst.column_values(), min_size=4, max_size=4),
        b=st.lists(tst.column_values(), min_size=4, max_size=4),
        sa=st.integers(0, 4),
        sb=st.integers(0, 4),
    )
    def test_four_operations(self, a: list[Fraction], b: list[Fraction], sa: int, sb: int) -> None:
        """Sums, differences, products and quotients of decimal columns obey (a) and (b)."""
        sa, sb = max(sa, _places(a)), max(sb, _places(b))
        tr = Tracker(4)
        fa, fb, xa, xb = fast(a, tr, sa), fast(b, tr, sb), exact(a), exact(b)
        for op in (operator.add, operator.sub, operator.mul, operator.truediv):
            check(op(fa, fb), op(xa, xb), tr.flag, op.__name__)
            check(op(fa, 7), op(xa, 7), tr.flag, op.__name__)
            check(op(3, fb), op(3, xb), tr.flag, op.__name__)

    def test_third_times_three(self) -> None:
        """1/3 × 3 is inexact on the fast path but its bound contains 1."""
        tr = Tracker(3)
        f = fast([1, 2, 10], tr) / 3 * 3
        x = exact([1, 2, 10]) / 3 * 3
        check(f, x, tr.flag)
        assert f.e is not None and (f.e > 0).any()

    def test_exact_quotients(self) -> None:
        """Quotients that are short decimals (1/8, 7/4, 10/5) stay exact."""
        tr = Tracker(3)
        f = fast([1, 7, 10], tr) / fast([8, 4, 5], tr)
        assert f.e is None
        assert [f.exact_at(i) for i in range(3)] == [Fraction(1, 8), Fraction(7, 4), 2]

    def test_zero_denominator(self) -> None:
        """Division by an exact zero is a missing value on both backends, not a flag."""
        tr = Tracker(2)
        f = fast([1, 5], tr) / fast([0, 2], tr)
        x = exact([1, 5]) / exact([0, 2])
        check(f, x, tr.flag)
        assert x.v[0] is None and not tr.flag.any()

    def test_uncertain_zero_denominator_is_flagged(self) -> None:
        """A denominator that might be zero (1/3 × 3 − 1) sends the row to the exact path."""
        tr = Tracker(1)
        den = fast([1], tr) / 3 * 3 - 1
        assert den.e is not None and den.e[0] > 0
        q = fast([5], tr) / den
        assert tr.flag[0], f"not flagged: den v={den.v[0]} e={den.e[0]}, q={q.v[0]}"

    def test_huge_sums(self) -> None:
        """Sums crossing 2**53 lose exactness but keep a valid bound."""
        tr = Tracker(3)
        a = [2**53 - 1, 2**53 - 2, -(2**53) + 1]
        b = [1, 3, -5]
        check(fast(a, tr) + fast(b, tr), exact(a) + exact(b), tr.flag)
        check(fast(a, tr) * 3, exact(a) * 3, tr.flag)

    def test_negative_and_mixed_scales(self) -> None:
        """Negative decimals at different scales add and multiply exactly."""
        tr = Tracker(2)
        f = fast(["-12.34", "0.5"], tr, 2) * fast(["-0.001", "7"], tr, 3) + fast([-1, 1], tr)
        x = exact(["-12.34", "0.5"]) * exact(["-0.001", "7"]) + exact([-1, 1])
        check(f, x, tr.flag)
        assert f.e is None

    def test_deep_scale_is_normalised(self) -> None:
        """Products beyond 12 decimals are rescaled, exact where divisible."""
        tr = Tracker(2)
        vals = ["0.000001", "0.123456"]
        a, x = fast(vals, tr, 6), exact(vals)
        f = a * a * a
        check(f, x * x * x, tr.flag)
        assert f.s <= N.MAX_SCALE

    def test_rescaled_inexact_values_keep_their_bound(self) -> None:
        """An inexact value moved to a finer scale (twice) keeps a valid bound."""
        tr = Tracker(4)
        third = fast([1, 2, 10, 10**6], tr) / fast([3, 7, 13, 9], tr)
        xt = exact([1, 2, 10, 10**6]) / exact([3, 7, 13, 9])
        fine = fast(["0.00000001"] * 4, tr, 8)
        finer = fast(["0.0000000001"] * 4, tr, 10)
        cond = np.array([True, True, True, True])
        f = N.where(cond, N.where(cond, third, fine), finer)
        check(f, xt, tr.flag)


class TestSplitBound:
    """Products by exact columns and same-sign sums carry rounding in a relative part ``r``
    (no pass over the rows); the bound read back and every rounding still hold."""

    @settings(max_examples=150, deadline=None)
    @given(
        num=st.lists(st.integers(0, 10**6), min_size=5, max_size=5),
        den=st.lists(st.integers(1, 10**5), min_size=5, max_size=5),
        steps=st.lists(
            st.tuples(
                st.sampled_from(
                    ["times_const", "times_col", "plus_col", "minus_neg", "const_plus"]
                ),
                st.lists(tst.column_values(10**4, 3), min_size=5, max_size=5),
                tst.exact_constants(),
            ),
            min_size=1,
            max_size=6,
        ),
        mode=tst.rounding_modes(),
        unit=st.sampled_from(UNITS),
    )
    def test_chains_then_round(
        self,
        num: list[int],
        den: list[int],
        steps: list[tuple[str, list[Fraction], Fraction]],
        mode: RoundingMode,
        unit: int,
    ) -> None:
        """A quotient (inexact on most rows) through a chain of split-bound operations, each
        node checked without adding its parts up, then rounded: exact on unflagged rows."""
        tr = Tracker(5)
        f = fast(num, tr) / fast(den, tr)
        x = exact(num) / exact(den)
        for kind, col, k in steps:
            vals = [abs(v) for v in col]  # same-sign terms: a non-negative running value
            places = _places(vals)
            if kind == "times_const":
                f, x = f * abs(k), x * abs(k)
            elif kind == "times_col":
                f, x = f * fast(vals, tr, places), x * exact(vals)
            elif kind == "plus_col":
                f, x = f + fast(vals, tr, places), x + exact(vals)
            elif kind == "minus_neg":
                neg = [-v for v in vals]
                f, x = f - fast(neg, tr, places), x - exact(neg)
            else:
                f, x = abs(k) + f, abs(k) + x
            check(f, x, tr.flag, kind)
        r = N.round_to_unit(f, mode, unit)
        check(
            r,
            XNum(
                np.array(
                    [None if t is None else Fraction(round_to(t, mode, unit)) for t in x.v],
                    dtype=object,
                )
            ),
            tr.flag,
            "round",
        )

    def test_split_is_used_and_adds_up(self) -> None:
        """The chain keeps the relative part apart until the bound is read, then adds it up
        once (the same bound), leaving exact rows exact."""
        tr = Tracker(3)
        q = fast([1, 6, 2], tr) / fast([3, 3, 7], tr)  # 1/3 and 2/7 inexact, 2 exact
        f = (q * Fraction(3, 5) + fast(["0.25", "0.5", "1"], tr, 2)) * fast([100, 7, 3], tr)
        assert f.r > 0 and f._e is not None
        assert f._e[1] == 0
        e = f.e
        assert f.r == 0 and e is not None and e[1] == 0 and (e[[0, 2]] > 0).all()
        x = (
            exact([1, 6, 2]) / exact([3, 3, 7]) * Fraction(3, 5) + exact(["0.25", "0.5", "1"])
        ) * exact([100, 7, 3])
        check(f, x, tr.flag)

    def test_cap_surely_chosen_is_exact(self) -> None:
        """min(q, 1) where q is surely above 1 is exactly 1 (no bound to carry into a later
        rounding); where q may be 1 or below, the bound stays."""
        tr = Tracker(3)
        q = fast([7, 1, 3], tr) / fast([3, 3, 3], tr)  # 7/3 (sure > 1), 1/3, exactly 1
        capped = N.minimum(q, 1)
        assert capped.e is not None
        assert capped.e[0] == 0 and capped.exact_at(0) == 1
        assert capped.e[1] > 0
        check(capped, N.minimum(exact([7, 1, 3]) / exact([3, 3, 3]), 1), tr.flag)
        floor = N.maximum(q, 3)  # surely 3 on every row
        assert floor.e is not None and not floor.e.any()

    def test_amount_times_ratio_drops_idle_places(self) -> None:
        """An amount times ratios held at many places (a factor 1 at 8 places, 0.9 at 2):
        at the summed scale the product would pass 2**53 on every row; with places dropped
        from the factor with the most, rows whose value has few places stay exact."""
        tr = Tracker(2)
        amount = fast([3854725, 3854725], tr)
        ratio = fast(["1", "1.05522876"], tr, 8)
        f = amount * ratio * fast(["0.9", "0.9"], tr, 2) * Fraction(3, 5)
        x = exact([3854725, 3854725]) * exact(["1", "1.05522876"]) * exact(["0.9", "0.9"])
        x = x * Fraction(3, 5)
        check(f, x, tr.flag)
        assert f.exact_at(0) == Fraction(20815515, 10)  # Rp 2,081,551.5: a tie, yet exact
        rounded = N.round_to_unit(f, "half_up")
        assert not tr.flag[0] and rounded.exact_at(0) == 2081552

    @pytest.mark.parametrize(
        ("mode", "v"),
        [("ceiling", 999.75), ("half_down", 999.25), ("half_even", 1000.25), ("floor", -999.75)],
    )
    def test_rounding_flags_a_bound_reaching_a_boundary(self, mode: str, v: float) -> None:
        """A value whose bound reaches a rounding boundary by a hair (0.25 + 3e-14 from
        999.75 for the ceiling) is flagged, not rounded as if it could not cross it."""
        tr = Tracker(1)
        x = FNum(np.array([v]), np.array([0.25 + 3e-14]), 0, "rupiah", tr)
        N.round_to_unit(x, mode)
        assert tr.flag[0]

    def test_subnormal_product_keeps_a_bound(self) -> None:
        """Subnormal cells carry a tiny bound; their product must not underflow into an
        'exact' zero (the true value is 1e-646, not 0)."""
        tr = Tracker(2)
        a = FNum.from_floats(np.array([1e-323, 1.5]), tr)
        x = XNum.from_values([1e-323, 1.5])
        check(a * a, x * x, tr.flag)
        assert (a * a).exact_at(0) is None

    def test_mixed_signs_take_the_general_path(self) -> None:
        """Terms of both signs may cancel: the sum gets a per-row bound, still valid."""
        tr = Tracker(2)
        q = fast([1, 2], tr) / fast([3, 3], tr)
        f = q * 3 + fast([-1, 1], tr)
        assert f.r == 0
        check(f, exact([1, 2]) / exact([3, 3]) * 3 + exact([-1, 1]), tr.flag)


def _places(vals: list[Fraction]) -> int:
    out = 0
    for v in vals:
        while (v * 10**out).denominator != 1:
            out += 1
    return out


# -- comparisons, min, max, where -------------------------------------------------------------------


class TestComparisons:
    """Comparisons are exact on unflagged rows and flag rows sitting on the threshold."""

    @settings(max_examples=150, deadline=None)
    @given(
        a=st.lists(tst.column_values(10**6), min_size=5, max_size=5),
        c=tst.exact_constants(),
        d=st.integers(1, 13),
    )
    def test_against_threshold(self, a: list[Fraction], c: Fraction, d: int) -> None:
        """x/d ⋚ c (often exactly equal) is right on every row not flagged."""
        tr = Tracker(5)
        f = fast(a, tr, _places(a)) / d
        x = exact(a) / d
        for name, pyop in _PY_CMP.items():
            got = getattr(f, _CMP[name])(c)
            want = np.array([pyop(t, c) for t in x.v])
            assert (tr.flag | (got == want)).all(), name

    def test_tie_after_division_is_flagged(self) -> None:
        """(1/3) × 3 >= 1 is true; the fast path either knows it or flags the row."""
        tr = Tracker(1)
        f = fast([1], tr) / 3 * 3
        got = f >= 1
        assert tr.flag[0] or got[0]

    def test_exact_ties_do_not_flag(self) -> None:
        """Exactly equal exact values compare correctly without going to the exact path."""
        tr = Tracker(2)
        f = fast(["0.5", "2"], tr, 1)
        assert list(f >= fast(["0.50", "2"], tr, 2)) == [True, True]
        assert list(f.eq(Fraction(1, 2))) == [True, False]
        assert not tr.flag.any()

    def test_nan_compares_false(self) -> None:
        """A missing value compares false on both backends."""
        tr = Tracker(1)
        f = FNum.from_floats(np.array([float("nan")]), tr)
        x = XNum.from_values([float("nan")])
        assert not (f < 1)[0] and not (x < 1)[0]
        assert not f.eq(0)[0] and not x.eq(0)[0]


class TestMinMaxWhere:
    """min, max, clip and where carry bounds without flagging."""

    @settings(max_examples=100, deadline=None)
    @given(
        a=st.lists(tst.column_values(10**6), min_size=4, max_size=4),
        b=st.lists(tst.column_values(10**6), min_size=4, max_size=4),
        d=st.integers(1, 9),
    )
    def test_min_max_where(self, a: list[Fraction], b: list[Fraction], d: int) -> None:
        """min/max/where of an inexact and an exact column obey (a) and (b)."""
        tr = Tracker(4)
        fa, xa = fast(a, tr, _places(a)) / d, exact(a) / d
        fb, xb = fast(b, tr, _places(b)), exact(b)
        check(N.minimum(fa, fb), N.minimum(xa, xb), tr.flag)
        check(N.maximum(fa, fb), N.maximum(xa, xb), tr.flag)
        check(N.clip(fa, 0, 1), N.clip(xa, 0, 1), tr.flag)
        fc, xc = fa > fb, xa > xb
        check(N.where(fc, fa, fb), N.where(xc, xa, xb), tr.flag)
        check(N.where(fc, fa, 5), N.where(xc, xa, 5), tr.flag)
        assert not (N.minimum(fa, fb).v > fa.v + (0 if fa.e is None else fa.e)).any()


# -- rounding --------------------------------------------------------------------------------------


class TestRoundToUnit:
    """round_to_unit equals money.round_to on every unflagged row, in every mode and unit."""

    @settings(max_examples=120, deadline=None)
    @given(
        vals=st.lists(tst.column_values(10**7, 3), min_size=6, max_size=6),
        mode=tst.rounding_modes(),
        unit=st.sampled_from(UNITS),
    )
    def test_exact_input(self, vals: list[Fraction], mode: RoundingMode, unit: int) -> None:
        """Exact decimal input: every row rounds exactly, none is flagged."""
        tr = Tracker(6)
        f = N.round_to_unit(fast(vals, tr, _places(vals)), mode, unit)
        assert not tr.flag.any()
        assert f.s == 0 and f.e is None
        assert [f.exact_at(i) for i in range(6)] == [round_to(v, mode, unit) for v in vals]

    @settings(max_examples=150, deadline=None)
    @given(
        vals=st.lists(tst.column_values(10**7, 2), min_size=6, max_size=6),
        d=st.integers(1, 13),
        mode=tst.rounding_modes(),
        unit=st.sampled_from(UNITS),
    )
    def test_inexact_input(
        self, vals: list[Fraction], d: int, mode: RoundingMode, unit: int
    ) -> None:
        """(v × d / d) and (v / d): right on unflagged rows; flagged rows are not called exact."""
        for build_ in (lambda c: c * d / d, lambda c: c / d):
            tr = Tracker(6)
            f = build_(fast(vals, tr, _places(vals)))
            x = build_(exact(vals))
            r = N.round_to_unit(f, mode, unit)
            want = [round_to(t, mode, unit) for t in x.v]
            for i, w in enumerate(want):
                if not tr.flag[i]:
                    assert r.exact_at(i) == w, (vals[i], mode, unit)
            check(r, N.round_to_unit(x, mode, unit), np.zeros(6, dtype=bool))

    @pytest.mark.parametrize("mode", MODES)
    @pytest.mark.parametrize("unit", UNITS)
    def test_ties_and_integers(self, mode: RoundingMode, unit: int) -> None:
        """Ties at .5 (and at 50/500), exact integers under floor, negatives: exact answers."""
        vals = [
            Fraction(5, 2),
            Fraction(-5, 2),
            Fraction(unit * 3, 2),
            -Fraction(unit * 3, 2),
            Fraction(unit * 7),
            Fraction(-unit * 7),
            Fraction(0),
            Fraction(unit, 2) + Fraction(1, 100),
        ]
        tr = Tracker(len(vals))
        r = N.round_to_unit(fast(vals, tr, 2), mode, unit)
        assert [r.exact_at(i) for i in range(len(vals))] == [round_to(v, mode, unit) for v in vals]

    @pytest.mark.parametrize("mode", MODES)
    def test_tie_reached_inexactly(self, mode: RoundingMode) -> None:
        """15 × (1/13) × 13 / 2 = 7.5 exactly: flagged or right, never silently wrong."""
        tr = Tracker(1)
        f = fast([15], tr) * (fast([1], tr) / 13) * 13 / 2
        r = N.round_to_unit(f, mode, 1)
        want = round_to(Fraction(15, 2), mode)
        assert tr.flag[0] or r.exact_at(0) == want
        if tr.flag[0]:
            assert r.exact_at(0) is None

    @pytest.mark.parametrize("mode", MODES)
    def test_integers_floor(self, mode: RoundingMode) -> None:
        """Inexact values equal to an integer (10/3 × 3 = 10) never floor to 9 unflagged."""
        tr = Tracker(3)
        f = fast([10, 20, 7], tr) / 3 * 3
        r = N.round_to_unit(f, mode, 1)
        for i, want in enumerate([10, 20, 7]):
            assert tr.flag[i] or r.exact_at(i) == want

    def test_huge_values(self) -> None:
        """Values near 2**53 round exactly or are flagged."""
        vals = [2**53 - 1, 2**53 + 2, -(2**53) - 2]
        tr = Tracker(3)
        f = FNum.from_ints(vals, tr)
        r = N.round_to_unit(f, "half_up", 1000)
        for i, v in enumerate(vals):
            assert tr.flag[i] or r.exact_at(i) == round_to(v, "half_up", 1000)

    def test_missing_stays_missing(self) -> None:
        """Rounding a missing value gives a missing value."""
        tr = Tracker(2)
        r = N.round_to_unit(FNum.from_floats(np.array([np.nan, 2.5]), tr), "half_up", 1)
        assert math.isnan(r.v[0]) and r.exact_at(1) == 3

    @example(Fraction(1, 2))
    @given(tst.exact_values(10**6))
    def test_exact_backend(self, q: Fraction) -> None:
        """The exact backend rounds with money.round_to."""
        for mode in MODES:
            assert N.round_to_unit(XNum.const(q, 1), mode, 100).v[0] == round_to(q, mode, 100)


# -- money as a unit --------------------------------------------------------------------------------


class TestMoneyUnits:
    """rupiah × rupiah, rupiah + ratio and float constants raise MoneyError."""

    @pytest.mark.parametrize("backend", ["fast", "exact"])
    def test_unit_rules(self, backend: str) -> None:
        """Amounts combine with amounts, scale by ratios, and nothing else."""
        tr = Tracker(2)

        def col(vals: list[int], unit: str | None) -> Any:
            return fast(vals, tr, 0, unit) if backend == "fast" else exact(vals, unit)

        rp, ratio = col([1000, 2000], "rupiah"), col([1, 2], None)
        assert (rp * ratio).unit == "rupiah"
        assert (ratio * rp).unit == "rupiah"
        assert (rp + rp).unit == "rupiah"
        assert (rp / ratio).unit == "rupiah"
        assert (rp / rp).unit is None
        assert N.minimum(rp, rp).unit == "rupiah"
        with pytest.raises(MoneyError):
            rp * rp
        with pytest.raises(MoneyError):
            rp + ratio
        with pytest.raises(MoneyError):
            ratio - rp
        with pytest.raises(MoneyError):
            ratio / rp
        with pytest.raises(MoneyError):
            _ = rp < ratio
        with pytest.raises(MoneyError):
            N.minimum(rp, ratio)
        with pytest.raises(MoneyError):
            N.where(np.array([True, False]), rp, ratio)
        with pytest.raises(MoneyError):
            rp + 5  # a bare integer is a ratio, not an amount

    @pytest.mark.parametrize("backend", ["fast", "exact"])
    def test_every_refusal_reads_in_indonesian(self, backend: str) -> None:
        """``if_(c, rupiah, 0)`` said "tidak dapat choose between rupiah dan rasio": a verb
        without its Indonesian fell back to the English one (review 46)."""
        tr = Tracker(2)
        rp = (
            fast([1000, 2000], tr, 0, "rupiah")
            if backend == "fast"
            else exact([1000, 2000], "rupiah")
        )
        ratio = fast([1, 2], tr) if backend == "fast" else exact([1, 2])
        refusals = {
            "menjumlahkan": lambda: rp + ratio,
            "mengurangkan": lambda: ratio - rp,
            "membandingkan": lambda: rp < ratio,
            "memilih antara": lambda: N.where(np.array([True, False]), rp, ratio),
        }
        for verb, refused in refusals.items():
            with pytest.raises(MoneyError) as info:
                refused()
            said = info.value.message("id")
            assert said.startswith(f"tidak dapat {verb} "), said
            # if_ of an amount and a plain number: the fix is rupiah(0), not a product
            choosing = verb == "memilih antara"
            assert ("rupiah(0)" in said) is choosing, said
            assert ("rupiah(0)" in info.value.message("en")) is choosing

    @pytest.mark.parametrize("backend", ["fast", "exact"])
    @pytest.mark.parametrize("value", [0.5, 1.0, float("nan")])
    def test_float_constants_refused(self, backend: str, value: float) -> None:
        """A Python float constant is refused (code float_money), whatever the operator."""
        tr = Tracker(1)
        c = fast([3], tr) if backend == "fast" else exact([3])
        for op in (operator.add, operator.mul, operator.truediv, operator.lt):
            with pytest.raises(MoneyError) as info:
                op(c, value)
            assert info.value.code == "float_money"
        with pytest.raises(MoneyError):
            N.minimum(c, value)

    def test_money_error_is_type_error(self) -> None:
        """Generic code catching TypeError still catches money mistakes."""
        tr = Tracker(1)
        with pytest.raises(TypeError):
            fast([1], tr, 0, "rupiah") * fast([1], tr, 0, "rupiah")

    def test_backends_do_not_mix(self) -> None:
        """A fast and an exact column cannot be combined."""
        with pytest.raises(TypeError):
            fast([1], Tracker(1)) + exact([1])


@given(
    st.lists(st.integers(-(10**9), 10**9), min_size=1, max_size=20),
    st.integers(0, 3),
    st.data(),
)
@settings(max_examples=100, deadline=None)
def test_float_of_some_rows_equals_the_column_taken(
    ints: list[int], s: int, data: st.DataObject
) -> None:
    """``to_float_at`` (what explanations read: a few rows of long columns) gives exactly
    the floats of ``to_float()`` at those rows, for one row and for many, fast and exact."""
    vals = [Fraction(i, 10**s) for i in ints]
    tr = Tracker(len(vals))
    rows = data.draw(st.lists(st.integers(0, len(vals) - 1), max_size=8))
    one = data.draw(st.integers(0, len(vals) - 1))
    for col in (fast(vals, tr, s), exact(vals)):
        whole = col.to_float()
        assert col.to_float_at(np.array(rows, dtype=np.intp)).tolist() == whole[rows].tolist()
        assert float(col.to_float_at(one)) == float(whole[one])
