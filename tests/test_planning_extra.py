"""The TPP paid with the THR and the gaji ke-13 in a year's projection (docs/fiscal.md §6)."""

from __future__ import annotations

import math
import re
import warnings
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import strategies as ts
from tukin._plan_extra import check_extras, extra_amounts
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import ArgumentError, ArgumentTypeError, CalculationError
from tukin.io.export import plan_summary, write_projection
from tukin.planning import (
    ExtraPayment,
    Projection,
    _Year,
    max_multiplier,
    project_year,
    scale_parameter,
)
from tukin.ruleset.model import RuleSet

DOCS = Path(__file__).resolve().parents[1] / "docs" / "fiscal.md"


def data() -> Dataset:
    """The tiny regency: January to March 2025, Dinas A and Badan B, three employees each."""
    return ts.tiny_regency()


def rules() -> RuleSet:
    return ts.split_rules()


def project(**kw: Any) -> Projection:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Fajar has no appraisal: said elsewhere
        return project_year(data(), rules(), 2025, **kw)


#: the worked example of docs/fiscal.md: all of February's TPP with the THR (paid in March),
#: all of May's with the gaji ke-13 (paid in June)
BOTH = (ExtraPayment("thr", "100%", 2, 3), ExtraPayment("gaji13", "100%", 5, 6))


def paid_in(month: str) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return calculate(data(), rules(), month).to_frame()


class TestWithoutExtra:
    def test_nothing_changes_unless_asked(self) -> None:
        """The default is twelve months of allowance, as before: no column, no row, the same
        cost (an empty list is none too)."""
        for p in (project(), project(extra=[])):
            assert "thr" not in p.monthly and "gaji13" not in p.by_opd and p.extras.empty
            assert p.total == p.monthly["allowance"].sum()
            assert plan_summary(p, "id") == plan_summary(project(), "id")


class TestAmounts:
    def test_each_employee_gets_the_share_of_his_base_month_rounded_down(self) -> None:
        """A third of February's TPP: floor(allowance / 3) per employee, summed; paid in
        March only; the year's cost grows by exactly that."""
        p = project(extra=ExtraPayment("thr", Fraction(1, 3), base_month=2, paid_month=3))
        feb = paid_in("2025-02")
        expected = sum(int(a) // 3 for a in feb["allowance"])
        assert expected < sum(feb["allowance"]) / 3  # the rounding is seen: down, per employee
        assert p.monthly["thr"].tolist() == [0, 0, expected] + [0] * 9
        assert p.total == project().total + expected
        assert p.monthly["cost"].tolist() == (p.monthly["allowance"] + p.monthly["thr"]).tolist()
        [row] = p.extras.to_dict("records")
        assert row == {
            "kind": "thr",
            "label": "TPP pada THR",
            "share": Fraction(1, 3),
            "base_month": "2025-02",
            "paid_month": "2025-03",
            "employees": len(feb),
            "amount": expected,
        }

    def test_each_opd_gets_its_employees_amounts_and_the_totals_reconcile(self) -> None:
        """Per OPD, the sum of its employees' amounts (their OPD of the base month); the OPDs,
        the months and the extras table agree to the rupiah, and cost includes them."""
        p = project(extra=BOTH)
        for kind, month in (("thr", "2025-02"), ("gaji13", "2025-05")):
            base = paid_in(month) if month <= "2025-03" else None
            if base is not None:
                per_opd = base.groupby("opd_id")["allowance"].sum()
                assert p.by_opd.set_index("opd_id")[kind].to_dict() == per_opd.to_dict()
            total = int(p.extras.set_index("kind").loc[kind, "amount"])
            assert p.by_opd[kind].sum() == p.monthly[kind].sum() == total
        may = p.monthly.set_index("month").loc["2025-05", "allowance"]
        assert p.extras.set_index("kind").loc["gaji13", "amount"] == may  # 100 % of May
        assert p.by_opd["cost"].sum() == p.total == p.monthly["cost"].sum()
        assert p.total == project().total + int(p.extras["amount"].sum())

    def test_no_employer_contribution_is_paid_on_them(self) -> None:
        """No iuran on the THR and gaji ke-13 (the PPs): the same amounts under either cost."""
        a = project(extra=BOTH)
        b = project(extra=BOTH, cost="allowance_and_employer")
        assert b.extras["amount"].tolist() == a.extras["amount"].tolist()
        assert b.total == a.total + int(b.monthly["employer"].sum())

    def test_the_paid_month_defaults_to_the_base_month(self) -> None:
        p = project(extra=[ExtraPayment("gaji13", "1/2", 5)])
        assert p.monthly["gaji13"].iloc[4] == p.monthly["allowance"].iloc[4] // 2
        assert p.extras["paid_month"].tolist() == ["2025-05"]


class TestMultiplier:
    def test_the_largest_base_that_fits_counts_the_extra_payments(self) -> None:
        """A pagu that twelve months of the current base fit, fourteen do not: the multiplier
        with the THR and gaji ke-13 is below 1, fits, and the next step does not."""
        pagu = project().total + 1_000_000
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            plain = max_multiplier(data(), rules(), 2025, pagu, parameter="base_tpp")
            m = max_multiplier(data(), rules(), 2025, pagu, parameter="base_tpp", extra=BOTH)
            assert plain.multiplier >= 1 > m.multiplier
            assert m.total <= pagu and not m.projection.extras.empty
            step = scale_parameter(rules(), "base_tpp", m.multiplier + m.precision)
            assert project_year(data(), step, 2025, extra=BOTH).total > pagu


class TestSearchTotal:
    def test_the_total_the_search_reads_is_the_projections(self) -> None:
        """max_multiplier reads each step's total without building its projection
        (``_Year.total``): it is the projection's, the employer's share, the extra payments
        (paid in another month than their base) and whoever is rejected counted alike."""
        year = _Year(data(), 2025, "last_known", rules())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            both = check_extras("project_year()", BOTH)
            for cost, extra, m in (("allowance", (), 1), ("allowance_and_employer", both, 3)):
                rs = scale_parameter(rules(), "base_tpp", Fraction(m, 2))
                expected = year.project(rs, None, cost, None, extra).total
                assert year.total(rs, cost, extra) == expected

    def test_a_search_total_that_is_not_the_answers_is_refused(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The answer's projection is built anew: a total the search read that it does not
        reproduce is an error, not a multiplier that may not fit."""
        monkeypatch.setattr(_Year, "total", lambda self, rs, cost, extras=(): 0)
        with warnings.catch_warnings(), pytest.raises(CalculationError) as caught:
            warnings.simplefilter("ignore")
            max_multiplier(data(), rules(), 2025, 10**9, parameter="base_tpp", upper=2)
        assert caught.value.code == "invariant_broken"
        assert "searched at 0" in str(caught.value)


class TestRefused:
    @pytest.mark.parametrize(
        ("extra", "code", "error"),
        [
            (ExtraPayment("thr14", "100%", 2), "extra_payment_kind", ArgumentError),
            (
                [ExtraPayment("thr", "100%", 2), ExtraPayment("thr", "50%", 3)],
                "extra_payment_twice",
                ArgumentError,
            ),
            (ExtraPayment("thr", "150%", 2), "argument_range", ArgumentError),
            (ExtraPayment("thr", "-10%", 2), "argument_range", ArgumentError),
            (ExtraPayment("gaji13", "100%", 13), "argument_range", ArgumentError),
            (ExtraPayment("gaji13", "100%", 5, 0), "argument_range", ArgumentError),
            (ExtraPayment("thr", 0.5, 2), "argument_not_exact", ArgumentTypeError),
            (ExtraPayment("thr", "100%", 2.5), "argument_not_whole", ArgumentTypeError),  # type: ignore[arg-type]
            ("thr", "extra_payment_type", ArgumentTypeError),
            ([("thr", "100%", 2)], "extra_payment_type", ArgumentTypeError),
        ],
    )
    def test_a_payment_it_cannot_cost_is_refused_naming_it(
        self, extra: Any, code: str, error: type[Exception]
    ) -> None:
        with pytest.raises(error) as caught:
            project(extra=extra)
        assert caught.value.code == code  # type: ignore[attr-defined]
        assert "project_year()" in str(caught.value)


class TestOutput:
    def test_the_summary_and_the_workbook_show_each_payment_on_its_own_line(
        self, tmp_path: Path
    ) -> None:
        p = project(extra=BOTH, pagu=230_000_000)
        lines = dict(plan_summary(p, "id"))
        assert lines["Biaya setahun (Rp)"] == p.total
        parts = ("Biaya 12 bulan (Rp)", "TPP pada THR (Rp)", "TPP pada gaji ke-13 (Rp)")
        assert sum(lines[k] for k in parts) == p.total
        assert lines["Dasar TPP pada THR"] == "100% × TPP 2025-02, dibayar 2025-03"
        assert dict(plan_summary(p, "en"))["TPP in the 13th salary (Rp)"] == lines[parts[2]]
        wb = openpyxl.load_workbook(write_projection(p, tmp_path / "rencana.xlsx", lang="id"))
        summary = {r[0].value: r[1].value for r in wb["Ringkasan"].iter_rows()}
        assert summary["TPP pada gaji ke-13 (Rp)"] == lines[parts[2]]
        header = [c.value for c in wb["Bulanan"][1]]
        assert header[-2:] == ["TPP pada THR", "TPP pada gaji ke-13"]
        opd_header = [c.value for c in wb["Per OPD"][1]]
        col = opd_header.index("TPP pada THR") + 1
        opd_thr = [wb["Per OPD"].cell(r, col).value for r in (2, 3)]
        assert sum(opd_thr) == lines["TPP pada THR (Rp)"]

    def test_the_csv_writes_them_beside_and_removes_a_stale_file(self, tmp_path: Path) -> None:
        out = tmp_path / "rencana.csv"
        write_projection(project(extra=BOTH), out)
        extras = pd.read_csv(tmp_path / "rencana.extras.csv")
        assert extras["label"].tolist() == ["TPP pada THR", "TPP pada gaji ke-13"]
        months = pd.read_csv(out)
        assert months["thr"].sum() + months["gaji13"].sum() == extras["amount"].sum()
        write_projection(project(), out)
        assert not (tmp_path / "rencana.extras.csv").exists()


def test_the_worked_example_of_the_fiscal_guide() -> None:
    """docs/fiscal.md's table: per OPD and in total, to the rupiah (the doc is read)."""
    p = project(extra=BOTH)
    by = p.by_opd.set_index("opd_id")
    twelve = by["cost"] - by["thr"] - by["gaji13"]
    rows = {
        "12 bulan": [*twelve.tolist(), int(twelve.sum())],
        "TPP pada THR": [*by["thr"].tolist(), int(by["thr"].sum())],
        "TPP pada gaji ke-13": [*by["gaji13"].tolist(), int(by["gaji13"].sum())],
        "Setahun": [*by["cost"].tolist(), p.total],
    }
    text = DOCS.read_text(encoding="utf-8")
    section = text[text.index("### TPP in the THR and the gaji ke-13") :]
    for label, numbers in rows.items():
        line = next(x for x in section.splitlines() if x.startswith(f"| {label}"))
        shown = [int(n.replace(".", "")) for n in re.findall(r"\d[\d.]*\d", line.split("|", 2)[2])]
        assert shown[-3:] == numbers, label
    ani = int(paid_in("2025-02").set_index("name").loc["Ani", "allowance"])
    assert f"{ani:,}".replace(",", ".") in section
    assert f"{ani // 3:,}".replace(",", ".") in section  # the rounding down shown


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.integers(0, 10**11), max_size=20),
    st.fractions(min_value=0, max_value=1, max_denominator=10**15),
)
def test_each_amount_is_the_share_rounded_down_exactly(amounts: list[int], share: Fraction) -> None:
    """floor(share × allowance) to the rupiah, also where int64 would overflow (a share
    with a huge denominator goes through Python ints)."""
    got = extra_amounts(np.array(amounts, dtype=np.int64), share)
    assert got.tolist() == [math.floor(a * share) for a in amounts]
