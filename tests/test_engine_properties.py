"""Properties of the engine on random datasets and random rule sets of the usual TPP shape.

The fast path (float64 with certified bounds, exact recompute of flagged rows) must agree with
the reference evaluator (every row in exact fractions) to the rupiah on every row and on every
intermediate value it calls exact. Allowances are never negative, never above the uncapped base
times the status factor, monotone in achievement and in absences, and independent of row order.

Most properties run the engine on the employee frame directly (``_Run``): building a validated
Dataset is the slow part, so each example builds one and evaluates it several times.
"""

from __future__ import annotations

import os
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import strategies as tst
from tukin.calc.engine import _Run, calculate
from tukin.calc.frame import employee_frame
from tukin.calc.num import FNum, XNum
from tukin.money import round_to
from tukin.period import Period
from tukin.result import exact_value
from tukin.ruleset.load import load_ruleset

PERIOD = Period.parse("2025-10")
SETTINGS = settings(
    max_examples=int(os.environ.get("TUKIN_PROPERTY_EXAMPLES", "20")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def run(frame: pd.DataFrame, rs: Any, *, reference: bool = False) -> _Run:
    r = _Run(frame, rs, PERIOD, None)
    r.pre_checks()
    r.evaluate(reference=reference)
    return r


def setup(rules: dict, rows: tuple[list, list]) -> tuple[pd.DataFrame, Any]:
    ds = tst.make_dataset(*rows)
    return employee_frame(ds, PERIOD), load_ruleset(rules)


def amounts(r: _Run) -> dict[str, int | None]:
    """nip -> allowance (None when rejected)."""
    col = r.fast.values[r.ruleset.allowance_step]
    nips = r.frame["nip"].to_numpy()
    out: dict[str, int | None] = {}
    for i in range(r.n):
        q = col.exact_at(i) if r.alive[i] else None
        if r.alive[i]:
            assert q is not None and q.denominator == 1, f"row {i}: allowance not certified"
        out[str(nips[i])] = None if q is None else int(q)
    return out


def exact_values(r: _Run, step: str) -> dict[int, Any]:
    """Row -> exact value of ``step`` from a reference run (every live row is on the exact path)."""
    col = r.exact.values[step]
    vals = col.v if isinstance(col, XNum) else col
    return {int(i): vals[j] for j, i in enumerate(r.exact.rows)}


class TestFastEqualsReference:
    """The fast path equals the reference evaluator."""

    @SETTINGS
    @given(rules=tst.tpp_rulesets(), rows=tst.employee_rows())
    def test_every_row_and_step(self, rules: dict, rows: tuple[list, list]) -> None:
        """Same rejections, same rupiah, and every value the fast path calls exact is exact."""
        frame, rs = setup(rules, rows)
        fast, ref = run(frame, rs), run(frame, rs, reference=True)
        assert list(fast.alive) == list(ref.alive)
        assert [x and x[:2] for x in fast.reason] == [x and x[:2] for x in ref.reason]
        assert amounts(fast) == amounts(ref)
        for step in rs.steps:
            want = exact_values(ref, step.id)
            col = fast.fast.values[step.id]
            for i in np.flatnonzero(fast.alive):
                got = exact_value(col, int(i))
                if isinstance(got, Fraction):
                    assert got == want[int(i)], (step.id, i)
                elif isinstance(col, FNum):  # not certified: the true value is within its bound
                    assert col.e is not None
                    err = abs(Fraction(want[int(i)]) * 10**col.s - Fraction(float(col.v[i])))
                    assert err <= Fraction(float(col.e[i])), (step.id, i)
                else:
                    assert got == want[int(i)], (step.id, i)

    @settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rules=tst.tpp_rulesets(), rows=tst.employee_rows(max_size=6))
    def test_calculate_reference(self, rules: dict, rows: tuple[list, list]) -> None:
        """calculate(..., reference=True) gives the same result frame and fingerprint."""
        ds, rs = tst.make_dataset(*rows), load_ruleset(rules)
        fast, ref = calculate(ds, rs, PERIOD), calculate(ds, rs, PERIOD, reference=True)
        pd.testing.assert_frame_equal(fast.to_frame(), ref.to_frame())
        pd.testing.assert_frame_equal(fast.rejected, ref.rejected)
        assert fast.receipt.result_fingerprint == ref.receipt.result_fingerprint


class TestBounds:
    """The allowance stays between zero and the uncapped base times the status factor."""

    @SETTINGS
    @given(rules=tst.tpp_rulesets(), rows=tst.employee_rows())
    def test_never_negative_never_above_cap(self, rules: dict, rows: tuple[list, list]) -> None:
        """0 <= allowance <= round(base × status factor) for every paid employee."""
        frame, rs = setup(rules, rows)
        r = run(frame, rs, reference=True)
        tpp = rs.step("tpp").params
        base, factor = exact_values(r, "dasar"), exact_values(r, "status_factor")
        for (_nip, amount), i in zip(amounts(r).items(), range(r.n), strict=True):
            if amount is None:
                continue
            cap = round_to(base[i] * factor[i], tpp["mode"], tpp["unit"])
            assert 0 <= amount <= cap, (i, amount, cap)


class TestMonotone:
    """More achievement never lowers the allowance; more absences never raise it."""

    @SETTINGS
    @given(rules=tst.tpp_rulesets(), rows=tst.employee_rows(), data=st.data())
    def test_achievement_and_absences(
        self, rules: dict, rows: tuple[list, list], data: st.DataObject
    ) -> None:
        """Raising realisation: amounts do not fall; raising tl1, tk or psw: they do not rise."""
        frame, rs = setup(rules, rows)
        before = amounts(run(frame, rs))
        n = len(frame)
        more = frame.copy()
        bump = data.draw(st.lists(st.integers(0, 20_000), min_size=n, max_size=n))
        more["realisation"] = np.round(frame["realisation"].to_numpy() + np.array(bump) / 100, 2)
        after = amounts(run(more, rs))
        for key, old in before.items():
            if old is not None and after[key] is not None:
                assert after[key] >= old, (key, old, after[key])
        code = data.draw(st.sampled_from(["tl1", "tk", "psw"]))
        absent = frame.copy()
        extra = data.draw(st.lists(st.integers(0, 5), min_size=n, max_size=n))
        absent[code] = frame[code].to_numpy() + np.array(extra, dtype=np.int64)
        after = amounts(run(absent, rs))
        for key, old in before.items():
            if old is not None and after[key] is not None:
                assert after[key] <= old, (code, key, old, after[key])


class TestRowOrder:
    """A row's amount does not depend on the other rows or their order."""

    @SETTINGS
    @given(rules=tst.tpp_rulesets(), rows=tst.employee_rows(), seed=st.integers(0, 2**32 - 1))
    def test_shuffle(self, rules: dict, rows: tuple[list, list], seed: int) -> None:
        """Shuffled rows, and any half of the rows alone, give everyone the same amount."""
        frame, rs = setup(rules, rows)
        before = amounts(run(frame, rs))
        shuffled = frame.sample(frac=1, random_state=seed).reset_index(drop=True)
        shuffled.attrs = frame.attrs
        assert amounts(run(shuffled, rs)) == before
        half = shuffled.iloc[: max(1, len(frame) // 2)].reset_index(drop=True)
        half.attrs = frame.attrs
        for key, amount in amounts(run(half, rs)).items():
            assert amount == before[key]


class TestSeveralPositions:
    """Employees who held several positions in the period (position_history, review 103)."""

    @settings(max_examples=16, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(rules=tst.tpp_rulesets(), rows=tst.spell_rows(), barred=st.booleans())
    def test_fast_equals_reference_and_each_position_alone(
        self, rules: dict, rows: tuple[list, list, list], barred: bool
    ) -> None:
        """The fast path equals the reference evaluator (amounts, rejections, fingerprint),
        and each employee is paid the rounding of the exact sum of what each position pays
        alone (a Dataset per position, the employees row holding it for its dates).
        ``barred``: PPPK is not eligible (a reason that decides): such a position adds
        nothing, the employee rejected only when every position is so decided or one is
        rejected for a fault (review 106)."""
        employees, attendance, history = rows
        if barred:
            steps = [dict(s) for s in rules["steps"]]
            at = next(i for i, s in enumerate(steps) if s["id"] == "status_factor")
            steps[at] = {
                "id": "status_factor",
                "type": "status_factor",
                "factors": {"pns": "1", "cpns": "0.8"},
                "not_eligible": ["pppk"],
            }
            rules = {**rules, "steps": steps}
        rs = load_ruleset(tst.with_spells(rules))
        ds = tst.make_dataset(employees, attendance, history=history)
        fast, ref = calculate(ds, rs, PERIOD), calculate(ds, rs, PERIOD, reference=True)
        pd.testing.assert_frame_equal(fast.to_frame(), ref.to_frame())
        pd.testing.assert_frame_equal(fast.rejected, ref.rejected)
        assert fast.receipt.result_fingerprint == ref.receipt.result_fingerprint
        assert len(fast.to_frame()) + len(fast.rejected) == len(employees)
        paid = dict(zip(fast.to_frame()["nip"], fast.to_frame()["allowance"], strict=True))
        codes = dict(zip(fast.rejected["nip"], fast.rejected["code"], strict=True))
        tpp = rs.step("tpp").params
        deciding = {"not_eligible", "out_of_service"}
        for row in employees:
            mine = [h for h in history if h["nip"] == row["nip"]]
            if not mine:
                continue
            spells = [{**row, "end_date": None}] + [
                {**row, **{k: h[k] for k in ("position_id", "status", "start_date", "end_date")}}
                for h in mine
            ]
            counts = [a for a in attendance if a["nip"] == row["nip"]] or [
                {"nip": row["nip"], "period": "2025-10", "tl1": 0, "tk": 0, "psw": 0}
            ]  # no row counts nothing: the codes must still be columns
            total, alive, faults, latest = Fraction(0), 0, 0, ""
            for i, spell in enumerate(spells):
                alone = tst.make_dataset([spell], counts)
                r = _Run(employee_frame(alone, PERIOD), rs, PERIOD, alone)
                r.pre_checks()
                r.evaluate(reference=True)
                if not r.alive[0]:
                    code = r.reasons[int(r.reason_id[0])][0]
                    faults += code not in deciding
                    latest = code if i == 0 else latest  # the employees row's: the latest
                    continue
                alive += 1
                total += exact_values(r, "kotor")[0]
            if row["nip"] not in paid:
                # a position with a fault, or each decided (with the latest's reason)
                assert faults or not alive, row["nip"]
                if not faults:
                    assert codes[row["nip"]] == latest, row["nip"]
                continue
            assert not faults and alive, row["nip"]
            assert paid[row["nip"]] == round_to(total, tpp["mode"], tpp["unit"]), row["nip"]
