"""Tests for tukin.calc.engine and tukin.result: small datasets end to end.

Rejections carry reasons, nobody is lost, totals add up, the receipt pins the run, errors name
the step, and formulas cannot run code.
"""

from __future__ import annotations

import os
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict

import tukin
from tests.strategies import make_dataset, nip
from tukin.calc.engine import calculate
from tukin.errors import CalculationError, InputWarning, MoneyError, RuleSetError
from tukin.period import Period
from tukin.rules import registry
from tukin.ruleset.load import load_ruleset
from tukin.ruleset.types import ColumnName, Exact

PERIOD = "2025-10"

RULES = """\
name: engine-test
version: "3"
valid_from: 2025-01-01
valid_to: 2026-12-31
requires: [attendance]
parameters:
  base:
    unit: rupiah
    reference: Perbup Contoh 1/2025 lampiran I
    value: {6: 2000000, 7: 2500000, 12: 5000000, 15: 9000000}
steps:
  - id: dasar
    type: lookup
    key: grade
    table: $base
    unit: rupiah
  - id: potongan
    type: formula
    expr: min(1, 0.03 * tk + 0.005 * tl1)
  - id: status_factor
    type: formula
    expr: if_(status == "cpns", 0.8, 1)
  - id: kotor
    type: formula
    expr: dasar * (1 - potongan) * status_factor * days_served / days_in_period
  - id: tpp
    type: round
    input: kotor
  - id: iuran_raw
    type: formula
    expr: tpp * 0.01
  - id: iuran
    type: round
    input: iuran_raw
    mode: down
outputs:
  allowance: tpp
  deductions: [iuran]
"""


def emp(i: int, position: str, status: str = "pns", **extra: Any) -> dict[str, Any]:
    return {
        "nip": nip(i),
        "name": f"Pegawai {i}",
        "position_id": position,
        "status": status,
        **extra,
    }


def att(i: int, tl1: int = 0, tk: int = 0) -> dict[str, Any]:
    return {"nip": nip(i), "period": PERIOD, "tl1": tl1, "tk": tk}


def dataset() -> Any:
    """Seven employees, two of them not paid for a stated reason, one refused by validation."""
    employees = [
        emp(1, "P15A"),
        emp(2, "P12A", tl1=0),
        emp(3, "P6A", "cpns"),
        emp(4, "P7B"),
        emp(5, "P9B"),  # grade 9 has no base amount
        emp(6, "P6B", end_date=pd.Timestamp("2025-09-30")),  # left before the period
        emp(7, "P6B"),  # no attendance row
        emp(8, "P6A", start_date=pd.Timestamp("2025-10-16")),  # half a month
        {"nip": "12345", "position_id": "P6A", "status": "pns"},  # refused by validation
    ]
    attendance = [att(1), att(2, tl1=2), att(3, tl1=1, tk=1), att(4, tk=40), att(5), att(6), att(8)]
    for e in employees:
        e.pop("tl1", None)
    return make_dataset(employees, attendance)


@pytest.fixture(scope="module")
def result() -> Any:
    return calculate(dataset(), load_ruleset(RULES), PERIOD)


class TestRejections:
    """Employees who cannot be paid are listed with the step and the reason."""

    def reason(self, result: Any, i: int) -> pd.Series:
        rows = result.rejected[result.rejected["nip"] == nip(i)]
        assert len(rows) == 1, result.rejected
        return rows.iloc[0]

    def test_missing_base(self, result: Any) -> None:
        """A grade without a base amount is rejected at the lookup step, naming the grade."""
        r = self.reason(result, 5)
        assert (r["code"], r["step"], r["stage"]) == ("missing_base", "dasar", "calculation")
        assert "9" in r["reason"]
        assert r["opd_id"] == "B"

    def test_out_of_service(self, result: Any) -> None:
        """Someone who left before the period is not paid."""
        r = self.reason(result, 6)
        assert (r["code"], r["step"]) == ("out_of_service", "input")

    def test_missing_attendance(self, result: Any) -> None:
        """With requires: [attendance], an employee without an attendance row is rejected."""
        r = self.reason(result, 7)
        assert r["code"] == "missing_input_row" and "kehadiran" in r["reason"]  # session: id
        assert PERIOD in r["reason"]

    def test_attendance_not_required(self) -> None:
        """Without requires, a missing attendance row counts as no absences."""
        rs = load_ruleset(RULES.replace("requires: [attendance]\n", ""))
        res = calculate(dataset(), rs, PERIOD)
        assert nip(7) in set(res.to_frame()["nip"])
        row = res.to_frame().set_index("nip").loc[nip(7)]
        assert row["tpp"] == 2000000

    def test_validation_rejections_are_listed(self, result: Any) -> None:
        """A row the dataset refused appears as rejected at the validation stage."""
        r = self.reason_of_key(result, "12345")
        assert r["stage"] == "validation" and r["code"] == "invalid_nip"

    def reason_of_key(self, result: Any, key: str) -> pd.Series:
        rows = result.rejected[result.rejected["nip"] == key]
        assert len(rows) == 1
        return rows.iloc[0]

    def test_blank_lookup_key(self) -> None:
        """A blank cell in a looked-up text column rejects that employee, not the run."""
        ds = make_dataset([emp(1, "P6A", zona="A"), emp(2, "P6A", zona=None)], [att(1), att(2)])
        rs = load_ruleset(
            "name: zona\nsteps:\n"
            "  - {id: faktor, type: lookup, key: zona, table: {A: 1000}, unit: rupiah}\n"
            "  - {id: tpp, type: round, input: faktor}\n"
        )
        res = calculate(ds, rs, PERIOD)
        assert list(res.to_frame()["nip"]) == [nip(1)]
        (r,) = res.rejected.itertuples()
        assert (r.nip, r.code, r.step) == (nip(2), "missing_base", "faktor")

    def test_zero_target(self) -> None:
        """Realisation over a zero target has no value: that employee is rejected, others paid."""
        ds = make_dataset(
            [
                emp(1, "P6A", realisation=5.0, target=10.0),
                emp(2, "P6A", realisation=5.0, target=0.0),
            ],
            [att(1), att(2)],
        )
        rs = load_ruleset(
            "name: capaian\nsteps:\n"
            "  - {id: dasar, type: lookup, key: grade, table: {6: 1000}, unit: rupiah}\n"
            "  - {id: kotor, type: formula, expr: 'dasar * min(realisation / target, 1)'}\n"
            "  - {id: tpp, type: round, input: kotor}\n"
        )
        for reference in (False, True):
            res = calculate(ds, rs, PERIOD, reference=reference)
            assert list(res.to_frame()["tpp"]) == [500]
            (r,) = res.rejected.itertuples()
            # named at the step that divides, not at the last one
            assert (r.nip, r.code, r.step) == (nip(2), "calculation_failed", "kotor")

    def test_paid_are_not_rejected(self, result: Any) -> None:
        """Nobody is both paid and rejected."""
        assert not set(result.to_frame()["nip"]) & set(result.rejected["nip"])

    def test_rejection_on_uncertain_comparison_waits_for_exact(self) -> None:
        """A rule rejecting on x < threshold does not reject a row the float path got wrong."""

        class Params(BaseModel):
            model_config = ConfigDict(frozen=True, extra="forbid")
            input: ColumnName
            threshold: Exact

        def below(ctx: Any, p: Params) -> Any:
            x = ctx.num(p.input)
            ctx.reject(x < p.threshold, "below_threshold", "below the threshold")
            return x

        registry.rule("test_reject_below", params=Params)(below)
        try:
            rs = load_ruleset(
                """\
name: uncertain
steps:
  - {id: x, type: formula, expr: "grade * (1/13) * 13 / 2"}
  - {id: y, type: test_reject_below, input: x, threshold: "15/2"}
  - {id: pay, type: formula, expr: "rupiah(y * 1000)"}
  - {id: tpp, type: round, input: pay}
"""
            )
            ds = make_dataset([emp(1, "P15A")], [att(1)])
            fast, ref = calculate(ds, rs, PERIOD), calculate(ds, rs, PERIOD, reference=True)
            assert list(ref.to_frame()["tpp"]) == [7500]
            assert list(fast.to_frame()["tpp"]) == [7500]
            assert fast.rejected.empty
        finally:
            registry._REGISTRY.pop("test_reject_below", None)

    def test_the_reference_evaluator_takes_no_fast_value(self) -> None:
        """reference=True sends every row through the exact backend (docs/architecture.md),
        so the property tests check the fast pass against it: a rule whose fast pass gives a
        certified exact value that its exact pass does not give is caught. (The reference run
        once took every certified fast value as exact, and never ran a rule's exact path
        where its fast path was exact: a wrong free-day count in deduction_table's general
        sum went unnoticed.)"""

        class Params(BaseModel):
            model_config = ConfigDict(frozen=True, extra="forbid")
            input: ColumnName

        def two_faced(ctx: Any, p: Params) -> Any:
            x = ctx.num(p.input)
            return x if ctx.exact else x * 2  # the fast pass is wrong, and exact (bound 0)

        registry.rule("test_two_faced", params=Params)(two_faced)
        try:
            rs = load_ruleset(
                """\
name: two-faced
steps:
  - {id: x, type: test_two_faced, input: grade}
  - {id: tpp, type: formula, expr: "rupiah(x * 1000)"}
"""
            )
            ds = make_dataset([emp(1, "P15A")], [att(1)])
            assert list(calculate(ds, rs, PERIOD).to_frame()["tpp"]) == [30_000]
            assert list(calculate(ds, rs, PERIOD, reference=True).to_frame()["tpp"]) == [15_000]
        finally:
            registry._REGISTRY.pop("test_two_faced", None)


class TestNothingLost:
    """Everyone in is either paid or rejected, and the receipt counts agree."""

    def test_in_equals_paid_plus_rejected(self, result: Any) -> None:
        """9 employees given: 5 paid, 4 rejected (3 in calculation, 1 in validation)."""
        r = result.receipt
        assert r.employees_in == 9
        assert r.employees_paid == len(result) == 5
        assert r.employees_rejected == len(result.rejected) == 4
        assert r.employees_in == r.employees_paid + r.employees_rejected
        assert sorted(result.rejected["stage"]) == ["calculation"] * 3 + ["validation"]

    def test_amounts(self, result: Any) -> None:
        """Amounts are exact to the rupiah: cuts, status factor and part-month pay."""
        frame = result.to_frame().set_index("nip")
        assert frame.loc[nip(1), "tpp"] == 9000000
        assert frame.loc[nip(2), "tpp"] == 4950000  # 5,000,000 × (1 − 2 × 0.5 %)
        assert frame.loc[nip(3), "tpp"] == 1544000  # 2,000,000 × (1 − 3.5 %) × 0.8
        assert frame.loc[nip(4), "tpp"] == 0  # cut capped at 100 %
        assert frame.loc[nip(8), "tpp"] == 1032258  # 2,000,000 × 16/31, half up
        assert frame.loc[nip(8), "iuran"] == 10322  # 1 %, rounded down
        assert (frame["net"] == frame["allowance"] - frame["iuran"]).all()

    def test_columns(self, result: Any) -> None:
        """Identity columns, every step, allowance, deductions and net; money as integers."""
        frame = result.to_frame()
        for col in (
            "nip",
            "name",
            "status",
            "grade",
            "opd_id",
            "opd_name",
            "dasar",
            "potongan",
            "kotor",
            "tpp",
            "allowance",
            "deductions",
            "net",
        ):
            assert col in frame
        for col in ("dasar", "tpp", "allowance", "deductions", "net", "iuran"):
            assert frame[col].dtype == np.int64, col
        assert list(frame["nip"]) == sorted(frame["nip"])

    def test_total(self, result: Any) -> None:
        """The total is the sum of the allowances."""
        assert (
            result.total
            == int(result.to_frame()["allowance"].sum())
            == result.receipt.total_allowance
        )
        assert result.receipt.total_net == int(result.to_frame()["net"].sum())


class TestTotals:
    """Totals per OPD add up to the total."""

    def test_sum_to_total(self, result: Any) -> None:
        """Per-OPD allowance, deductions and net sum to the run's totals, to the rupiah."""
        t = result.totals()
        assert list(t["opd_id"]) == ["A", "B"]
        assert int(t["allowance"].sum()) == result.total
        assert int(t["net"].sum()) == result.receipt.total_net
        assert int(t["employees"].sum()) == len(result)

    def test_rejected_per_opd(self, result: Any) -> None:
        """Each OPD's rejections are counted beside its totals: those of the calculation and
        the employee validation rejected whose position (P6A) is in OPD A."""
        t = result.totals().set_index("opd_id")
        assert t.loc["B", "rejected"] == 3 and t.loc["A", "rejected"] == 1
        assert t.loc["A", "opd_name"] == "Dinas A"

    def test_other_grouping(self, result: Any) -> None:
        """Totals by status also add up."""
        t = result.totals(by="status")
        assert int(t["allowance"].sum()) == result.total


class TestFrameIsTheCallers:
    """``to_frame`` hands out a frame the caller may change without changing the Result (it
    shares columns under copy-on-write, so the changes must not reach them)."""

    def test_edits_do_not_reach_the_result(self) -> None:
        res = calculate(dataset(), load_ruleset(RULES), PERIOD)
        before = res.to_frame()
        mine = res.to_frame()
        mine.loc[mine.index[0], "allowance"] = 1
        mine.loc[mine.index[0], "nip"] = "x"
        mine["tpp"] = 0
        mine.drop(columns="net", inplace=True)
        pd.testing.assert_frame_equal(res.to_frame(), before)
        assert res.total == res.receipt.total_allowance == int(before["allowance"].sum())
        assert int(res.totals()["allowance"].sum()) == res.total


class TestReceipt:
    """The receipt pins the library, the rules, the inputs, the period and the amounts."""

    def test_fields(self, result: Any) -> None:
        """Each field is filled from the run."""
        r = result.receipt
        assert r.library_version == tukin.__version__
        assert (r.ruleset_name, r.ruleset_version) == ("engine-test", "3")
        assert r.ruleset_fingerprint == load_ruleset(RULES).fingerprint()
        assert r.dataset_fingerprint == dataset().fingerprint()
        assert r.period == PERIOD == result.period
        assert len(r.result_fingerprint) == 64
        assert "T" in r.computed_at

    def test_reproducible(self, result: Any) -> None:
        """The same inputs give the same receipt (but for the time)."""
        again = calculate(dataset(), load_ruleset(RULES), PERIOD).receipt
        assert again.model_dump(exclude={"computed_at"}) == result.receipt.model_dump(
            exclude={"computed_at"}
        )

    def test_row_order_free(self, result: Any) -> None:
        """Shuffled input rows give the same amounts and fingerprints."""
        ds = dataset()
        tables = {
            name: ds[name].sample(frac=1, random_state=3).reset_index(drop=True)
            for name in ("units", "positions", "employees", "attendance")
        }
        from tukin.dataset import Dataset

        shuffled = calculate(Dataset.from_frames(**tables), load_ruleset(RULES), PERIOD)
        assert shuffled.receipt.result_fingerprint == result.receipt.result_fingerprint
        assert shuffled.receipt.dataset_fingerprint == result.receipt.dataset_fingerprint

    def test_changes_with_the_rules(self, result: Any) -> None:
        """Another base amount changes the rule-set and result fingerprints."""
        rs = load_ruleset(RULES.replace("9000000", "9000001"))
        other = calculate(dataset(), rs, PERIOD).receipt
        assert other.ruleset_fingerprint != result.receipt.ruleset_fingerprint
        assert other.result_fingerprint != result.receipt.result_fingerprint

    def test_repr(self, result: Any) -> None:
        """The repr and HTML name the rule set and the totals."""
        assert (
            repr(result) == "<Result engine-test 2025-10: 5 paid, 4 rejected, total Rp16.526.258>"
        )
        assert "<table" in result._repr_html_()


class TestStepErrors:
    """A failing step is named in the error, with what went wrong."""

    def run(self, steps: str) -> Any:
        rs = load_ruleset("name: broken\nsteps:\n" + steps)
        ds = make_dataset([emp(1, "P6A")], [att(1)])
        return calculate(ds, rs, PERIOD)

    def test_missing_column(self) -> None:
        """An unknown name in a formula names the step and the name."""
        with pytest.raises(CalculationError) as info:
            self.run("  - {id: hitung, type: formula, expr: 'grade * kinerja'}\n")
        assert info.value.fields["value"] == "hitung"
        assert "'kinerja'" in str(info.value) and "hitung" in str(info.value)

    def test_missing_column_of_a_rule(self) -> None:
        """A rule reading a column that does not exist names the step and the column."""
        with pytest.raises(CalculationError) as info:
            self.run("  - {id: batas, type: clamp, input: nilai_skp, max: 1}\n")
        assert "batas" in str(info.value) and "nilai_skp" in str(info.value)

    @pytest.mark.parametrize("expr", ["status * 2", "2 * status", "status + grade", "status < 1"])
    def test_text_used_as_number(self, expr: str) -> None:
        """Text in arithmetic is an error naming the step."""
        with pytest.raises(CalculationError) as info:
            self.run(f"  - {{id: salah, type: formula, expr: '{expr}'}}\n")
        assert "salah" in str(info.value)

    def test_text_column_in_a_rule(self) -> None:
        """A rule asking for a number gets a clear error for a text column."""
        with pytest.raises(CalculationError) as info:
            self.run("  - {id: batas, type: clamp, input: status, max: 1}\n")
        assert "batas" in str(info.value) and "tidak berisi angka" in str(info.value)
        assert "column 'status' is not numeric" in info.value.message("en")

    def run_salary(self, steps: str) -> Any:
        """As :meth:`run`, with a money column of the data (``basic_salary``): its unit is
        known only when calculating, so a unit mistake with it is the calculation's to
        refuse (one the rule file states is refused at load: tests/test_formula_units.py)."""
        rs = load_ruleset("name: broken\nsteps:\n" + steps)
        ds = make_dataset([emp(1, "P6A", basic_salary=100)], [att(1)])
        return calculate(ds, rs, PERIOD)

    def test_money_times_money(self) -> None:
        """rupiah × rupiah is a MoneyError naming the step."""
        steps = "  - {id: kuadrat, type: formula, expr: basic_salary * basic_salary}\n"
        with pytest.raises(MoneyError) as info:
            self.run_salary(steps)
        assert "kuadrat" in str(info.value)
        assert info.value.fields["step"] == "kuadrat"

    def test_money_plus_ratio(self) -> None:
        """rupiah + ratio is a MoneyError naming the step."""
        steps = "  - {id: tambah, type: formula, expr: basic_salary + 0.5}\n"
        with pytest.raises(MoneyError) as info:
            self.run_salary(steps)
        assert "tambah" in str(info.value)

    def test_allowance_must_be_rupiah(self) -> None:
        """An allowance that is a ratio is refused with advice."""
        with pytest.raises(CalculationError) as info:
            self.run("  - {id: rasio, type: formula, expr: grade / 3}\n")
        assert "rupiah" in str(info.value)

    def test_allowance_must_be_rounded(self) -> None:
        """An allowance with fractions of a rupiah asks for a round step."""
        steps = (
            "  - {id: dasar, type: lookup, key: grade, table: {6: 100}, unit: rupiah}\n"
            "  - {id: sepertiga, type: formula, expr: dasar / 3}\n"
        )
        with pytest.raises(CalculationError) as info:
            self.run(steps)
        assert "round" in str(info.value)

    def test_declared_unit_checked(self) -> None:
        """unit: rupiah on a formula giving a ratio names the step."""
        with pytest.raises(CalculationError) as info:
            self.run("  - {id: klaim, type: formula, expr: grade * 2, unit: rupiah}\n")
        assert "klaim" in str(info.value)

    def test_text_result(self) -> None:
        """A formula giving text instead of a column names the step."""
        with pytest.raises(CalculationError) as info:
            self.run("  - {id: teks, type: formula, expr: '\"abc\"'}\n")
        assert "teks" in str(info.value)


class TestValidity:
    """A rule set is only used within its validity window."""

    @pytest.mark.parametrize("period", ["2024-12", "2027-01", "2024"])
    def test_outside(self, period: str) -> None:
        """Periods outside valid_from..valid_to are refused, naming the window."""
        with pytest.raises(CalculationError) as info:
            calculate(dataset(), load_ruleset(RULES), period)
        assert "2025-01-01" in str(info.value) and "2026-12-31" in str(info.value)

    @pytest.mark.parametrize("period", ["2025-01", "2026-12", "2025-Q4"])
    def test_inside(self, period: str) -> None:
        """Periods inside the window are calculated."""
        assert calculate(dataset(), load_ruleset(RULES), period).receipt.period == period

    def test_a_period_sharing_one_day_with_the_window_is_inside(self) -> None:
        """docs/rule-file.md: a period *ending before* valid_from is refused, so October is
        inside a window opening on 31 October, and inside one closing on 1 October; the
        months beside them are outside."""
        opens = load_ruleset(RULES.replace("valid_from: 2025-01-01", "valid_from: 2025-10-31"))
        assert opens.covers(Period.parse("2025-10")) and not opens.covers(Period.parse("2025-09"))
        closes = load_ruleset(RULES.replace("valid_to: 2026-12-31", "valid_to: 2025-10-01"))
        assert closes.covers(Period.parse("2025-10")) and not closes.covers(Period.parse("2025-11"))


class TestFormulaWhitelist:
    """Formulas are parsed, never evaluated: anything but arithmetic is refused at load."""

    @pytest.mark.parametrize(
        "expr",
        [
            "grade.__class__",
            "__import__('os').system('ls')",
            "open('x')",
            "(lambda: 1)()",
            "lambda x: x",
            "grade[0]",
            "[x for x in grade]",
            "grade ** 2",
            "grade // 2",
            "grade % 2",
            "f'{grade}'",
            "1 if grade else 2",
            "(y := 1)",
            "min(grade, 1, key=abs)",
            "max(grade)",
            "1j",
            "b'x'",
        ],
    )
    def test_refused(self, expr: str) -> None:
        """Each construct is a RuleSetError at the formula's line."""
        text = f"name: w\nsteps:\n  - id: a\n    type: formula\n    expr: |-\n      {expr}\n"
        with pytest.raises(RuleSetError) as info:
            load_ruleset(text)
        (p,) = info.value.problems
        assert p.line == 5 and p.key == "steps.0.expr"
        assert "not allowed" in p.message_en or "takes" in p.message_en

    def test_too_long(self) -> None:
        """A formula beyond the length limit is refused."""
        with pytest.raises(RuleSetError):
            load_ruleset(
                "name: w\nsteps:\n  - {id: a, type: formula, expr: '" + "1+" * 1200 + "1'}\n"
            )

    def test_allowed(self) -> None:
        """Arithmetic, comparisons, and/or/not and the listed functions are fine."""
        expr = (
            "clip(abs(-grade) / 3, 0, 10) + if_(grade >= 6 and not grade > 12 or grade == 1, 1, 0)"
        )
        rs = load_ruleset(f"name: w\nsteps:\n  - {{id: a, type: formula, expr: '{expr}'}}\n")
        assert rs.steps[0].params["expr"] == expr


class TestExactness:
    """The fast path agrees with the reference evaluator on the hard cases."""

    @pytest.mark.parametrize("mode", ["half_up", "half_even", "half_down", "floor", "ceiling"])
    def test_tie_reached_through_division(self, mode: str) -> None:
        """grade × (1/13) × 13 / 2 = 7.5 exactly for grade 15: rounded as the mode says."""
        rs = load_ruleset(
            "name: tie\nsteps:\n"
            "  - {id: x, type: formula, expr: 'rupiah(grade * (1/13) * 13 / 2)'}\n"
            f"  - {{id: y, type: round, input: x, mode: {mode}}}\n"
        )
        ds = make_dataset([emp(1, "P15A"), emp(2, "P7A"), emp(3, "P9B")], [att(1), att(2), att(3)])
        fast = calculate(ds, rs, PERIOD).to_frame()["y"].tolist()
        ref = calculate(ds, rs, PERIOD, reference=True).to_frame()["y"].tolist()
        assert fast == ref
        from tukin.money import round_to

        assert fast == [round_to(Fraction(g, 2), mode) for g in (15, 7, 9)]

    def test_reference_matches(self, result: Any) -> None:
        """The reference evaluator gives the same frame as the fast path."""
        ref = calculate(dataset(), load_ruleset(RULES), PERIOD, reference=True)
        pd.testing.assert_frame_equal(ref.to_frame(), result.to_frame())
        assert ref.receipt.result_fingerprint == result.receipt.result_fingerprint


class TestResultFingerprint:
    """The result fingerprint is the SHA-256 of the NIP and money columns as CSV, whichever
    writer produced the bytes (pyarrow's, the plain one, or ``to_csv``)."""

    @given(
        rows=st.lists(
            st.tuples(
                st.text(alphabet="0123456789ab ,\"'\n-", min_size=0, max_size=20),
                st.integers(-(2**62), 2**62),
                st.integers(0, 10**12),
            ),
            max_size=30,
        )
    )
    @example(rows=[("198501012010011001", 5_000_000, 4_950_000), ("1990", -2, 0)])
    @settings(max_examples=60, deadline=None)
    def test_every_writer_gives_the_same_digest(self, rows: list[tuple[str, int, int]]) -> None:
        import hashlib

        from tukin.result import _fingerprint

        frame = pd.DataFrame(rows, columns=["nip", "allowance", "net"])
        frame = frame.astype({"allowance": np.int64, "net": np.int64})
        frame["nip"] = frame["nip"].astype(str)
        text = frame.to_csv(index=False, lineterminator="\n")
        expected = hashlib.sha256(text.encode()).hexdigest()
        assert _fingerprint(frame, ["allowance", "net"]) == expected

    def test_written_in_slices_on_threads(self) -> None:
        """A large result's CSV is written in slices on two threads: the same bytes."""
        import hashlib

        from tukin.result import _CSV_SLICE, _fingerprint

        n = 2 * _CSV_SLICE + 123  # above PARALLEL_ROWS, slices of three sizes
        rng = np.random.default_rng(8)
        frame = pd.DataFrame(
            {
                "nip": pd.Series([f"19800101{i:010d}" for i in range(n)], dtype="str"),
                "allowance": rng.integers(-(2**62), 2**62, n),
                "net": rng.integers(0, 10**9, n),
            }
        )
        text = frame.to_csv(index=False, lineterminator="\n")
        assert (
            _fingerprint(frame, ["allowance", "net"]) == hashlib.sha256(text.encode()).hexdigest()
        )


@pytest.mark.parametrize(
    ("kinds", "period", "code", "months"),
    [
        ("[month]", "2025-Q4", "period_kind_not_computed", True),
        ("[month, year]", "2025-Q4", "period_kind_not_computed", True),
        ("[quarter]", "2025-10", "period_kind_refused", False),
        ("[year]", "2025-Q4", "period_kind_refused", False),
    ],
)
def test_period_kind_refused_with_the_right_advice(
    kinds: str, period: str, code: str, months: bool
) -> None:
    """Months are suggested only to a rule set that computes months."""
    rs = load_ruleset(
        "name: k\nperiod_kinds: " + kinds + "\nsteps:\n"
        "  - {id: tpp, type: formula, expr: rupiah(1000)}\n"
    )
    ds = tukin.Dataset.from_frames(tukin.demo.generate(60, seed=1, months=12))
    with pytest.raises(CalculationError) as err:
        calculate(ds, rs, period)
    assert err.value.code == code
    for lang in ("en", "id"):
        assert ("2025-10, 2025-11, 2025-12" in err.value.message(lang)) is months


def test_result_columns_on_threads_equal_serial(monkeypatch: pytest.MonkeyPatch) -> None:
    """A large Result decodes its identity columns on threads (rejected rows filtered out):
    the same frame and receipt as one thread builds."""
    ds = tukin.Dataset.from_frames(tukin.demo.generate(400, seed=5, months=2))
    rs = load_ruleset("tpp-60-40")
    serial = calculate(ds, rs, "2025-02")
    assert len(serial.rejected)  # some rows are filtered out of every column
    monkeypatch.setattr(tukin.result, "PARALLEL_ROWS", 1)
    threaded = calculate(ds, rs, "2025-02")
    pd.testing.assert_frame_equal(threaded.to_frame(), serial.to_frame(), check_exact=True)
    assert threaded.receipt.result_fingerprint == serial.receipt.result_fingerprint


class TestNipOrder:
    """Paid rows are ordered by NIP as text, whichever sort does it."""

    @given(
        nips=st.lists(
            st.one_of(
                st.text(alphabet="0123456789", min_size=18, max_size=18),
                st.text(alphabet="0123456789", min_size=1, max_size=3),
                st.text(alphabet="09a é", max_size=4),
            ),
            max_size=25,
        )
    )
    @example(nips=["198501012010011002", "198501012010011001", "098501012010011001"])
    @example(nips=["12", "9", "10"])
    @settings(max_examples=80, deadline=None)
    def test_same_order_as_a_text_sort(self, nips: list[str]) -> None:
        from tukin._lookup import text_order

        values = pd.array(nips, dtype="str")
        order = text_order(values)
        assert [nips[i] for i in order] == sorted(nips)


class TestAppraisalOfTheFrame:
    """Each employee takes the appraisal of the month itself, else of its quarter, else of its
    year, whatever the order of the rows."""

    @pytest.mark.parametrize("seed", [0, 1, 2])
    def test_most_specific_period_wins(self, seed: int) -> None:
        from tukin.calc.frame import employee_frame
        from tukin.dataset import Dataset
        from tukin.period import Period

        nip = [f"19800101200501100{i}" for i in range(4)]
        rows = [
            (nip[0], "2025", "below"),
            (nip[1], "2025", "below"),
            (nip[1], "2025-Q4", "above"),
            (nip[2], "2025", "below"),
            (nip[2], "2025-Q4", "below"),
            (nip[2], "2025-10", "above"),
            (nip[3], "2025-11", "above"),  # another month: not this one's
        ]
        app = pd.DataFrame(rows, columns=["nip", "period", "results"]).assign(
            behaviour="as_expected"
        )
        app = app.sample(frac=1, random_state=seed).reset_index(drop=True)
        ds = Dataset.from_frames(
            units=pd.DataFrame({"unit_id": ["A"], "name": ["Dinas A"]}),
            positions=pd.DataFrame(
                {
                    "position_id": ["P"],
                    "name": ["Staf"],
                    "unit_id": ["A"],
                    "kind": ["pelaksana"],
                    "grade": [6],
                }
            ),
            employees=pd.DataFrame({"nip": nip, "position_id": "P", "status": "pns"}),
            appraisals=app,
        )
        # several periods of one Dataset: what does not depend on the period is kept
        for period, want in [
            ("2025-10", ["below", "above", "above", None]),
            ("2025-11", ["below", "above", "below", "above"]),
            ("2025-03", ["below", "below", "below", None]),
            ("2026-01", [None, None, None, None]),
        ]:
            frame = employee_frame(ds, Period.parse(period)).set_index("nip")
            got = [None if pd.isna(x) else x for x in frame.loc[nip, "results"].tolist()]
            assert got == want, period
            assert frame.loc[nip, "has_appraisal"].tolist() == [w is not None for w in want]


class TestFrameKeptPerDataset:
    """The period-free part of the employee frame is joined once per Dataset."""

    def test_months_on_one_dataset_equal_fresh_datasets(self) -> None:
        """January, February, then January again on one Dataset: every frame equals the one
        a fresh Dataset of the same tables builds (nothing a month adds stays behind)."""
        from tukin import demo
        from tukin.calc.frame import employee_frame
        from tukin.dataset import Dataset
        from tukin.period import Period

        tables = demo.generate(300, seed=7, months=2)
        kept = Dataset.from_frames(**tables)
        for month in ("2025-01", "2025-02", "2025-01"):
            period = Period.parse(month)
            got = employee_frame(kept, period)
            want = employee_frame(Dataset.from_frames(**tables), period)
            pd.testing.assert_frame_equal(got, want)
            got["days_served"] = -1  # a caller's change to its frame stays in it
        assert (employee_frame(kept, Period.parse("2025-02"))["days_served"] >= 0).all()

    def test_a_complete_months_counts_are_the_datasets_columns(self) -> None:
        """A month's file with one row per employee: the frame's count columns are the
        Dataset's own (no copy of a million counts per code), and a change to the frame
        does not reach the Dataset; a file with gaps gets new columns with zeros."""
        from tukin import demo
        from tukin.calc.frame import employee_frame
        from tukin.dataset import Dataset
        from tukin.period import Period

        tables = demo.generate(200, seed=3, months=1)
        ds = Dataset.from_frames(**tables)
        period = Period.parse("2025-01")
        frame = employee_frame(ds, period)
        att = ds["attendance"]
        assert len(att) == len(frame) and frame["has_attendance"].all()
        assert np.shares_memory(frame["tl1"].to_numpy(), att["tl1"].to_numpy())
        before = att["tl1"].to_numpy().copy()
        frame.loc[frame.index[0], "tl1"] = 99
        frame["tk"] += 1
        np.testing.assert_array_equal(ds["attendance"]["tl1"].to_numpy(), before)
        assert employee_frame(ds, period)["tk"].tolist() == ds["attendance"]["tk"].tolist()

        # the counts are found by NIP whatever the rows' order, rows of people who are not
        # employees dropping out (a frame built outside a validated Dataset)
        from tukin._lookup import KeyTable
        from tukin.calc.frame import _sum_by_employee

        nips = frame["nip"].iloc[:3].reset_index(drop=True)
        small = pd.DataFrame({"nip": nips})
        for rows, tk in (
            ([0, 1, 2], [1, 2, 3]),
            ([2, 0, 1], [3, 1, 2]),  # one row each, another order
        ):
            sel = pd.DataFrame({"nip": nips.iloc[rows].reset_index(drop=True), "tk": np.array(tk)})
            _sum_by_employee(small, sel, ("tk",), KeyTable(small["nip"]))
            assert small["tk"].tolist() == [1, 2, 3]
        stranger = pd.DataFrame(
            {
                "nip": pd.Series([nips[0], nips[1], "199999999999999999", nips[2]], dtype="str"),
                "tk": np.array([1, 2, 50, 3]),
            }
        )
        _sum_by_employee(small, stranger, ("tk",), KeyTable(small["nip"]))
        assert small["tk"].tolist() == [1, 2, 3]

        gaps = dict(tables, attendance=tables["attendance"].iloc[1:])
        partial = employee_frame(Dataset.from_frames(**gaps), period)
        missing = ~partial["has_attendance"].to_numpy()
        assert missing.sum() == 1 and (partial.loc[missing, "tl1"] == 0).all()
        assert not np.shares_memory(partial["tl1"].to_numpy(), ds["attendance"]["tl1"].to_numpy())


class TestFingerprintMeanwhile:
    """A large Dataset's fingerprint is computed on a second thread during the calculation;
    the receipt must be what a calculation without it gives, and the Dataset must stay
    consistent when two threads ask for the same table at once."""

    def test_same_receipt_and_result(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import tukin.calc.engine as engine
        from tukin import demo
        from tukin.dataset import Dataset
        from tukin.presets import path

        tables = demo.generate(400, seed=11)
        rules = load_ruleset(path("tpp-epantau-kukar-example"))
        alone = calculate(Dataset.from_frames(**tables), rules, "2025-10")
        started: list[str] = []
        thread_class = engine.threading.Thread

        class Seen(thread_class):  # type: ignore[misc, valid-type]
            def start(self) -> None:
                started.append(self.name)
                super().start()

        import tukin.result

        monkeypatch.setattr(engine, "PARALLEL_ROWS", 1)
        monkeypatch.setattr(tukin.result, "PARALLEL_ROWS", 1)  # and the Result's threads
        monkeypatch.setattr(engine.threading, "Thread", Seen)
        both = calculate(Dataset.from_frames(**tables), rules, "2025-10")
        # the roll-up and OPD factor steps have prepare hooks: their work ran meanwhile too
        assert {"tukin-fingerprint", "tukin-prepare"} <= set(started)
        a, b = alone.receipt.model_dump(), both.receipt.model_dump()
        a.pop("computed_at"), b.pop("computed_at")
        assert a == b
        pd.testing.assert_frame_equal(alone.to_frame(), both.to_frame())

    def test_failure_surfaces_at_the_receipt(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A fingerprint that fails on the second thread fails the calculation, as it
        would without the thread (the receipt's own call raises it)."""
        import tukin.calc.engine as engine
        import tukin.dataset as dataset_module

        def broken(*args: Any, **kwargs: Any) -> str:
            raise RuntimeError("disk on fire")

        monkeypatch.setattr(engine, "PARALLEL_ROWS", 1)
        monkeypatch.setattr(dataset_module, "fingerprints", broken)
        with pytest.raises(RuntimeError, match="disk on fire"):
            calculate(dataset(), load_ruleset(RULES), PERIOD)

    def test_tables_sorted_once_under_threads(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import threading

        import tukin.dataset as dataset_module
        from tukin import demo
        from tukin.dataset import Dataset

        ds = Dataset.from_frames(**demo.generate(300, seed=5))
        sorts: list[int] = []
        real = dataset_module.row_order

        def counted(*args: Any, **kwargs: Any) -> Any:
            sorts.append(1)
            return real(*args, **kwargs)

        monkeypatch.setattr(dataset_module, "row_order", counted)
        barrier = threading.Barrier(4)
        seen: list[Any] = []

        def read() -> None:
            barrier.wait()
            seen.append((ds["employees"]["nip"].tolist(), ds.fingerprint()))

        threads = [threading.Thread(target=read) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(seen) == 4 and all(s == seen[0] for s in seen)
        assert len(sorts) == len(ds._tables)  # every table once, however many threads asked

    def test_pickled_dataset_keeps_working(self) -> None:
        import pickle

        from tukin import demo
        from tukin.dataset import Dataset

        ds = Dataset.from_frames(**demo.generate(50, seed=2))
        copy = pickle.loads(pickle.dumps(ds))
        assert copy.fingerprint() == ds.fingerprint()
        pd.testing.assert_frame_equal(copy["employees"], ds["employees"])


class TestPrepareHooks:
    """A rule type's ``prepare(dataset, period, params)`` runs on a second thread for a
    large Dataset; the step waits for it, and a hook that fails changes nothing."""

    @staticmethod
    def _rules() -> Any:
        return load_ruleset(
            """\
name: prepared
steps:
  - {id: base, type: lookup, key: grade, table: {6: 1000, 7: 1000, 12: 1000, 15: 1000}, unit: rupiah}
  - {id: seen, type: test_prepared, input: base, factor: "1/2"}
  - {id: tpp, type: round, input: seen}
"""
        )

    def _register(self, prepare: Any) -> None:
        class Params(BaseModel):
            model_config = ConfigDict(frozen=True, extra="forbid")
            input: ColumnName
            factor: Exact

        def compute(ctx: Any, p: Params) -> Any:
            self.events.append("compute")
            return ctx.num(p.input) * p.factor

        registry.rule("test_prepared", params=Params, prepare=prepare)(compute)

    def setup_method(self) -> None:
        self.events: list[Any] = []

    def teardown_method(self) -> None:
        registry._REGISTRY.pop("test_prepared", None)

    def test_hook_runs_before_the_step(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import threading

        import tukin.calc.engine as engine
        from tukin.period import Period

        def prepare(ds: Any, period: Any, params: Any) -> None:
            self.events.append((threading.current_thread().name, ds, period, params.factor))

        self._register(prepare)
        monkeypatch.setattr(engine, "PARALLEL_ROWS", 1)
        ds = dataset()
        result = calculate(ds, self._rules(), PERIOD)
        assert self.events[0] == ("tukin-prepare", ds, Period.parse(PERIOD), Fraction(1, 2))
        assert self.events[1:] == ["compute"]
        assert set(result.to_frame()["tpp"]) == {500}

    def test_small_dataset_runs_no_thread(self) -> None:
        self._register(lambda ds, period, params: self.events.append("prepared"))
        calculate(dataset(), self._rules(), PERIOD)
        assert self.events == ["compute"]  # below 100k employees: the step does it all

    def test_failing_hook_changes_nothing(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import tukin.calc.engine as engine

        def prepare(ds: Any, period: Any, params: Any) -> None:
            raise RuntimeError("no hierarchy today")

        self._register(prepare)
        rules = self._rules()
        expected = calculate(dataset(), rules, PERIOD).to_frame()
        monkeypatch.setattr(engine, "PARALLEL_ROWS", 1)
        pd.testing.assert_frame_equal(calculate(dataset(), rules, PERIOD).to_frame(), expected)


class TestHierarchyBuiltOnce:
    def test_two_threads_one_hierarchy(self) -> None:
        import threading

        from tukin import demo
        from tukin.dataset import Dataset
        from tukin.hierarchy import Hierarchy

        ds = Dataset.from_frames(**demo.generate(200, seed=3))
        barrier = threading.Barrier(3)
        got: list[Any] = []

        def build() -> None:
            barrier.wait()
            got.append(Hierarchy.from_dataset(ds))

        threads = [threading.Thread(target=build) for _ in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert len(got) == 3 and all(h is got[0] for h in got)


class TestDatasetAcrossThreadsAndProcesses:
    """A Dataset copied (pickled) or inherited (fork) while another thread puts a table in
    key order must stay right: the copy never believes an unsorted table sorted, and a
    forked child never waits on a lock its parent's thread held."""

    @staticmethod
    def _shuffled() -> Any:
        from tukin import demo
        from tukin.dataset import Dataset

        tables = demo.generate(300, seed=3)
        tables["employees"] = tables["employees"].sample(frac=1, random_state=0)
        return tables, Dataset.from_frames(**tables)

    def test_pickled_while_a_table_is_sorted(self) -> None:
        import io
        import pickle

        from tukin.dataset import Dataset

        tables, ds = self._shuffled()

        class Pickler(pickle.Pickler):
            def reducer_override(self, obj: Any) -> Any:
                # "another thread finishes sorting the employees" between two fields
                if obj is ds._report and "employees" not in ds._in_key_order:
                    ds._keyed("employees")
                return NotImplemented

        buf = io.BytesIO()
        Pickler(buf).dump(ds)
        copy = pickle.loads(buf.getvalue())
        nips = copy["employees"]["nip"].tolist()
        assert nips == sorted(nips)
        assert copy.fingerprint() == Dataset.from_frames(**tables).fingerprint()

    @pytest.mark.skipif(not hasattr(os, "fork"), reason="POSIX fork")
    def test_forked_while_a_table_is_sorted(self, monkeypatch: pytest.MonkeyPatch) -> None:
        import signal
        import threading
        import time

        import tukin.dataset as dataset_module

        _, ds = self._shuffled()
        real = dataset_module.row_order
        inside = threading.Event()

        def slow(frame: Any, key: Any) -> Any:  # a million-row sort in progress
            inside.set()
            time.sleep(0.5)
            return real(frame, key)

        monkeypatch.setattr(dataset_module, "row_order", slow)
        thread = threading.Thread(target=ds.fingerprint, daemon=True)
        thread.start()
        inside.wait()
        pid = os.fork()
        if pid == 0:  # the child: its own locks, nobody else's sort to wait for
            code = 1
            try:
                signal.alarm(20)
                dataset_module.row_order = real
                ds["employees"]
                ds.fingerprint()
                code = 0
            finally:
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        thread.join()
        assert os.WIFEXITED(status) and os.WEXITSTATUS(status) == 0


class TestPositionsByBisection:
    """explain finds an employee's row by bisection when the frame is in NIP order: the same
    answers as the scan and the dict."""

    @given(
        nips=st.sets(st.text(alphabet="0129aZé ", min_size=1, max_size=4), min_size=1, max_size=40),
        data=st.data(),
    )
    @settings(max_examples=60, deadline=None)
    def test_same_rows_as_the_scan(self, nips: set[str], data: Any) -> None:
        from tukin.result import _Positions

        values = pd.Series(sorted(nips), dtype="str")
        alive = np.array(
            data.draw(st.lists(st.booleans(), min_size=len(values), max_size=len(values)))
        )
        keys = [*values, *data.draw(st.lists(st.text(alphabet="0129aZé ", max_size=4), max_size=5))]
        fast = _Positions(values, alive, in_order=True)
        scan = _Positions(values, alive)
        for key in keys:
            want = scan._build().get(key)
            assert (key in fast) == (want is not None)
            if want is not None:
                assert fast[key] == want


class TestSharedTextAsCategories:
    """The Result holds text shared by many employees (status, position, unit and OPD ids and
    names) as categories of exactly the values shown, sorted: a million employees' OPD names
    cost int codes, and two results with the same text have the same dtype."""

    SHARED = (
        "status",
        "position_id",
        "position_name",
        "position_kind",
        "unit_id",
        "opd_id",
        "opd_name",
    )

    @pytest.fixture(scope="class")
    def demo(self) -> tuple[Any, Any]:
        from pathlib import Path

        from tukin.dataset import Dataset
        from tukin.demo import generate

        ds = Dataset.from_frames(**generate(400, seed=5, months=2))
        pack = Path(__file__).resolve().parent.parent / "benchmarks" / "full_pack.yaml"
        with pytest.warns(InputWarning):  # the demo's apel code is read by no step
            res = calculate(ds, load_ruleset(pack), "2025-02")
        return ds, res

    def test_categories_are_the_values_shown_sorted(self, demo: tuple[Any, Any]) -> None:
        _, res = demo
        frame = res.to_frame()
        assert len(res.rejected) > 0  # rows were filtered out: categories of paid rows only
        for c in self.SHARED:
            col = frame[c]
            assert isinstance(col.dtype, pd.CategoricalDtype), c
            assert list(col.cat.categories) == sorted(col.dropna().astype(str).unique()), c
        by_name = frame.sort_values("opd_name", kind="stable")["opd_name"].astype(str).tolist()
        assert by_name == sorted(by_name)  # sorts as the text does

    def test_whatever_the_frame_holds(self, result: Any) -> None:
        """A handful of employees: the Result's dtypes are the same as for a million, also
        for a column the frame keeps as text (mostly distinct values are not coded)."""
        from tukin.result import _id_column

        text = pd.Series(["pns", "cpns", None, "pppk"], dtype="str", name="status")
        shown = _id_column(text, np.array([3, 0, 2]))
        assert list(shown.categories) == ["pns", "pppk"]
        assert pd.Series(shown).astype(object).where(lambda s: s.notna(), None).tolist() == [
            "pppk",
            "pns",
            None,
        ]
        frame = result.to_frame()
        for c in self.SHARED:
            if c in frame:
                assert isinstance(frame[c].dtype, pd.CategoricalDtype), c
                assert list(frame[c].cat.categories) == sorted(frame[c].dropna().unique()), c
        assert not isinstance(frame["nip"].dtype, pd.CategoricalDtype)

    def test_as_text_on_request(self, demo: tuple[Any, Any]) -> None:
        """``to_frame(text=True)``: the same values as plain text, which takes new text."""
        _, res = demo
        frame, text = res.to_frame(), res.to_frame(text=True)
        for c in self.SHARED:
            assert pd.api.types.is_string_dtype(text[c].dtype), c
            assert text[c].tolist() == frame[c].astype(str).where(frame[c].notna()).tolist()
        text.loc[text.index[0], "opd_name"] = "Dinas Baru"  # a category column would refuse it
        assert res.to_frame()["opd_name"].iloc[0] != "Dinas Baru"

    def test_the_text_is_the_datasets(self, demo: tuple[Any, Any]) -> None:
        ds, res = demo
        frame = res.to_frame()
        emp = ds["employees"].set_index("nip")
        pos = ds["positions"].set_index("position_id")
        units = ds["units"].set_index("unit_id")
        at = emp.loc[frame["nip"]]
        assert frame["status"].astype(str).tolist() == at["status"].astype(str).tolist()
        assert frame["position_id"].astype(str).tolist() == at["position_id"].astype(str).tolist()
        assert (
            frame["position_name"].astype(str).tolist()
            == pos.loc[at["position_id"], "name"].astype(str).tolist()
        )
        assert (
            frame["unit_id"].astype(str).tolist()
            == pos.loc[at["position_id"], "unit_id"].astype(str).tolist()
        )
        assert (
            frame["opd_name"].astype(str).tolist()
            == units.loc[frame["opd_id"].astype(str), "name"].astype(str).tolist()
        )

    def test_exports_write_the_text(self, demo: tuple[Any, Any], tmp_path: Any) -> None:
        from tukin.io.export import write_csv

        _, res = demo
        path = write_csv(res, tmp_path / "hasil.csv")
        back = pd.read_csv(path, dtype=str)
        frame = res.to_frame()
        for c in self.SHARED:
            assert back[c].fillna("").tolist() == frame[c].astype(object).fillna("").tolist(), c


class TestLookupKeys:
    """A look-up factorises its keys once; text keys (an earlier step's output, Python
    objects) are hashed as they are: the same codes and values as through a Series."""

    @given(
        st.lists(
            st.one_of(
                st.none(),
                st.just(float("nan")),
                st.sampled_from(["Baik", "Sangat Baik", " baik ", ""]),
                st.integers(-3, 3),
                st.floats(allow_nan=False, allow_infinity=False, width=16),
            ),
            max_size=20,
        )
    )
    @settings(max_examples=150, deadline=None)
    def test_same_as_through_a_series(self, values: list[Any]) -> None:
        from tukin.calc.context import _factorize_keys

        keys = np.array(values, dtype=object)
        codes, uniques = _factorize_keys(keys)
        want_codes, want_uniques = pd.factorize(pd.Series(keys), use_na_sentinel=True)  # before
        got = [None if c < 0 else uniques[c] for c in np.asarray(codes)]
        want = [None if c < 0 else want_uniques[c] for c in np.asarray(want_codes)]
        assert got == want
        assert len(uniques) == len(want_uniques)
