"""The result document's exact texts, written by the deferred exact pass, are the very texts
the pass that made every step's Fractions for every recomputed row wrote (review 95).

``tukin._exact_text.exact_texts`` recomputes on the exact backend the rows holding a bounded
float and, since review 95, makes a certified fast value a Fraction only where a recomputing
step reads it (:class:`tukin.calc.deferred.Deferred`), writes only the recomputed values
from Fractions, and shares one Fraction per distinct value (``fractions_of``,
``XNum.from_values``, ``XNum._bin``). :func:`old_exact_texts` is the path before it, kept
here as the oracle: every text must be the same, character for character, on demo regencies
with part-month rows, awkward indicators (thirds, sevenths), base amounts tiny, odd (ties
at half a rupiah) and near 2**46, budget ceilings that bind, and PPh 21 (the benchmark's
full pack).
"""

from __future__ import annotations

import random
import warnings
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import tukin
from tests import strategies as tst
from tukin._exact_text import _PAID, NUMERIC_UNITS, ExactColumns, decimal_texts
from tukin.calc.deferred import Deferred, fractions_of
from tukin.calc.num import FNum, Tracker, XNum, maximum, minimum
from tukin.monitoring._num import group_sum
from tukin.result import Result
from tukin.ruleset.model import RuleSet
from tukin.ruleset.types import fmt_exact

pytestmark = pytest.mark.filterwarnings("ignore::tukin.errors.InputWarning")

FULL_PACK = Path(__file__).resolve().parent.parent / "benchmarks" / "full_pack.yaml"
SETTINGS = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    phases=(Phase.explicit, Phase.reuse, Phase.generate),  # a drawn regency shrinks poorly
)
SEEDED = st.integers(0, 2**32 - 1).map(random.Random)


def old_exact_texts(result: Result) -> ExactColumns:
    """The exact texts as written before review 95: a certified value's decimal, and for
    every row holding a bounded float anywhere every step's value of a full exact pass
    (``exact_rows`` without deferring), each made a Fraction and written by ``fmt_exact``."""
    run, rows, frame = result._run, result._frame_rows, result._frame
    assert run is not None and rows is not None
    units = result.column_units()
    texts: dict[str, np.ndarray] = {}
    present: dict[str, np.ndarray] = {}
    bounded = np.zeros(len(rows), dtype=bool)
    steps = {s.id for s in run.ruleset.steps}
    for name, unit in units.items():
        if unit not in NUMERIC_UNITS:
            continue
        value = run.fast.values.get(name) if name in steps and name not in _PAID else None
        out = np.full(len(rows), "", dtype=np.dtypes.StringDType())
        if isinstance(value, FNum):
            v = value.v[rows]
            known = np.isfinite(v)
            if value._e is not None:
                sure = value._e[rows] == 0
                bounded |= known & ~sure
                known &= sure
            out[known] = decimal_texts(v[known].astype(np.int64), value.s)
        else:
            column = frame[name]
            known = column.notna().to_numpy(dtype=bool)
            out[known] = decimal_texts(column[known].to_numpy(dtype=np.int64), 0)
        texts[name], present[name] = out, known
    if bounded.any():
        need = np.flatnonzero(bounded)
        exact = run.exact_rows(rows[need])
        for name, out in texts.items():
            value = exact.get(name)
            if value is None or name in _PAID:
                continue
            found = [_old_text(q) for q in getattr(value, "v", value)]
            present[name][need] = [t is not None for t in found]
            out[need] = ["" if t is None else t for t in found]
    nips = frame["nip"].to_numpy(dtype=str).astype(np.dtypes.StringDType())
    return ExactColumns(nips, texts, present, numbers=True)


def _old_text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, float):
        return fmt_exact(Fraction(value)) if np.isfinite(value) else None
    return fmt_exact(Fraction(value))


@cache
def full_pack() -> RuleSet:
    return tukin.load_ruleset(FULL_PACK)


def awkward(tables: dict[str, Any], rnd: random.Random, base: str, period: str) -> dict:
    """``tables`` with part-month rows (joining or leaving on any day of ``period``),
    indicators of thirds and sevenths, and base amounts ``base`` (see the test)."""
    start = pd.Timestamp(f"{period}-01")
    days = start.days_in_month
    emp = tables["employees"].copy()
    for i in range(len(emp)):
        if rnd.random() < 0.4:
            day = start + pd.Timedelta(days=rnd.randrange(days))
            emp.loc[emp.index[i], "end_date" if rnd.random() < 0.5 else "start_date"] = day
    real = tables["realisations"].copy()
    real["value"] = [rnd.choice([0, 3, 7, 1.5, 0.01, 10**6, v]) for v in real["value"]]
    targets = tables["targets"].copy()
    targets["target"] = [rnd.choice([3, 7, 0.07, 10**6, v]) for v in targets["target"]]
    return dict(tables, employees=emp, realisations=real, targets=targets)


def base_amounts(rnd: random.Random, base: str) -> dict[int, int]:
    pick = {
        "tiny": lambda: rnd.randint(0, 9),
        "odd": lambda: 2 * rnd.randint(0, 10**7) + 1,
        "huge": lambda: rnd.randint(2**44, 2**46),  # products past int64, sums past 2**53
        "as given": lambda: None,
    }[base]
    return {g: v for g in range(1, 16) if (v := pick()) is not None}


def calculate(tables: dict[str, Any], rules: RuleSet, period: str) -> Result:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tukin.calculate(tukin.Dataset.from_frames(**tables), rules, period)


def assert_same_texts(result: Result) -> None:
    want = old_exact_texts(result)
    got = result._exact_columns(result.column_units())
    assert got is not None
    assert got.records() == want.records()
    assert got.json_array() == want.json_array()


class TestDeferredExactTexts:
    @SETTINGS
    @given(
        case=tst.demo_regencies(max_employees=25),
        base=st.sampled_from(["tiny", "odd", "huge", "as given"]),
        ceiling=st.sampled_from([0, 1, 3 * 10**6, 10**7 + 1, 6 * 10**8, 10**15]),
        rnd=SEEDED,
    )
    def test_full_pack_texts_as_before(self, case: Any, base: str, ceiling: int, rnd: Any) -> None:
        """The benchmark's full pack (roll-up, part-month factor, rounding, a ceiling per
        OPD, BPJS, PPh 21 by TER) on an awkward regency: every exact text as before."""
        tables, period = case
        rules = full_pack().with_parameters(opd_ceiling=ceiling)
        table = base_amounts(rnd, base)
        if table:
            rules = rules.with_parameters(base_tpp=table)
        result = calculate(awkward(tables, rnd, base, period), rules, period)
        assert_same_texts(result)

    @SETTINGS
    @given(
        case=tst.demo_regencies(max_employees=20),
        name=st.sampled_from(["tpp-60-40", "tpp-epantau-kukar-example", "tpp-80-20"]),
        base=st.sampled_from(["odd", "huge"]),
        rnd=SEEDED,
    )
    def test_shipped_packs_texts_as_before(self, case: Any, name: str, base: str, rnd: Any) -> None:
        """Shipped TPP packs on an awkward regency: every exact text as before."""
        tables, period = case
        rules = tukin.load_ruleset(name)
        if "base_tpp" in rules.parameters:
            rules = rules.with_parameters(base_tpp=base_amounts(rnd, base))
        result = calculate(awkward(tables, rnd, base, period), rules, period)
        assert_same_texts(result)

    def test_a_bounded_column_is_written_from_the_exact_pass(self) -> None:
        """The case the oracle must see: rows bounded in some columns only (part-month
        factors, a roll-up's means), certified in others."""
        tables = tukin.demo.generate(40, seed=3, months=6)
        emp = tables["employees"].copy()
        emp.loc[emp.index[:5], "end_date"] = pd.Timestamp("2025-06-17")
        tables = dict(tables, employees=emp)
        result = calculate(tables, full_pack(), "2025-06")
        doc = result._exact_columns(result.column_units())
        assert doc is not None
        assert any("/" in t for t in doc.texts["faktor_hari"].tolist())  # 17/30 and the like
        assert_same_texts(result)


class TestDeferred:
    def test_fractions_of_is_the_fast_value_per_row(self) -> None:
        """One Fraction per row (one object per distinct value), None where missing."""
        v = np.array([15.0, -5.0, np.nan, 15.0, 0.0, 2.0**53 - 1])
        col = FNum(v, None, 1, "rupiah", Tracker(len(v)))
        got = fractions_of(col, np.array([0, 1, 2, 3, 4, 5, 0]))
        want = [Fraction(3, 2), Fraction(-1, 2), None, Fraction(3, 2), 0, Fraction(2**53 - 1, 10)]
        assert got.v.tolist() == [*want, Fraction(3, 2)]
        assert got.v[0] is got.v[3] and got.unit == "rupiah"

    def test_resolve_keeps_the_recomputed_rows(self) -> None:
        """A deferred column is the fast values with the recomputed ones in place, taken
        in any order first."""
        v = np.array([10.0, 20.0, 30.0, 40.0])
        col = FNum(v, np.array([0.0, 1.0, 0.0, 1.0]), 0, None, Tracker(4))
        done = np.array([False, True, False, True])
        computed = np.array([None, Fraction(1, 3), None, None], dtype=object)
        d = Deferred(col, np.arange(4), done, computed, "rupiah")
        assert d.resolve().v.tolist() == [10, Fraction(1, 3), 30, None]
        assert d.resolve().unit == "rupiah"
        part = d.take(np.array([3, 1, 0]))
        assert part.resolve().v.tolist() == [None, Fraction(1, 3), 10]
        at, held = part.recomputed()
        assert at.tolist() == [0, 1] and held.tolist() == [None, Fraction(1, 3)]
        assert Deferred(col, np.arange(2)).recomputed()[0].tolist() == []

    @settings(max_examples=60, deadline=None)
    @given(
        pool=st.lists(st.one_of(st.none(), tst.exact_values(10**20)), min_size=1, max_size=6),
        picks=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=30),
    )
    def test_xnum_operations_row_by_row(self, pool: list[Any], picks: list[Any]) -> None:
        """Each operation of the exact backend, memoised per pair of objects, gives each
        row what the operation on that row's values gives (values repeating as objects,
        equal values as distinct objects, missing values)."""
        twins = [Fraction(q.numerator, q.denominator) if q is not None else None for q in pool]
        objects = pool + twins  # equal, not the same object
        left = [objects[i % len(objects)] for i, _ in picks]
        right = [objects[(j * 7 + 1) % len(objects)] for _, j in picks]
        a, b = (XNum(np.array([*xs, None], dtype=object)[:-1]) for xs in (left, right))
        cases = {
            "add": (a + b, lambda p, q: p + q),
            "sub": (a - b, lambda p, q: p - q),
            "mul": (a * b, lambda p, q: p * q),
            "div": (a / b, lambda p, q: p / q if q != 0 else None),
            "min": (minimum(a, b), min),
            "max": (maximum(a, b), max),
        }
        for name, (got, f) in cases.items():
            want = [
                None if p is None or q is None else f(p, q)
                for p, q in zip(left, right, strict=True)
            ]
            assert got.v.tolist() == want, name
        assert (-a).v.tolist() == [None if p is None else -p for p in left]

    @settings(max_examples=60, deadline=None)
    @given(
        members=st.lists(
            st.tuples(st.integers(0, 4), tst.exact_values(10**20)), min_size=0, max_size=30
        ),
        whole=st.booleans(),
    )
    def test_exact_group_sum_is_the_sum_per_group(self, members: list[Any], whole: bool) -> None:
        """The exact roll-up's sum per group (members over one denominator added as
        integers first) is each group's sum of Fractions; 0 for a group without members;
        members that are not all Fractions are summed as they are."""
        groups = np.array([g for g, _ in members], dtype=np.int64)
        values = [int(q) if whole else q for _, q in members]
        x = XNum(np.array([*values, None], dtype=object)[:-1], "rupiah")
        got = group_sum(x, groups, 6, None)
        want = [
            sum((v for g, v in zip(groups, values, strict=True) if g == k), Fraction(0))
            for k in range(6)
        ]
        assert got.v.tolist() == want and got.unit == "rupiah"
        assert all(type(q) is Fraction for q in got.v)

    def test_xnum_memo_keeps_equal_floats_and_fractions_apart(self) -> None:
        """``from_values`` reads a float as its repr's decimal and a Fraction as itself,
        though they are equal as numbers; ``_bin`` computes per pair of objects."""
        tenth = 0.1
        x = XNum.from_values([tenth, Fraction(tenth), tenth, float("nan"), 3])
        assert x.v.tolist() == [Fraction(1, 10), Fraction(tenth), Fraction(1, 10), None, 3]
        y = XNum.from_values([2, 2, 2, 2, 2])
        assert (x * y).v.tolist() == [
            Fraction(1, 5),
            Fraction(tenth) * 2,
            Fraction(1, 5),
            None,
            6,
        ]
