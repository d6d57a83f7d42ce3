"""Attendance and appraisals read for a period longer than a month (a rule set computing
quarters or years).

The counts of a quarter or a year are the sum of the employee's attendance rows lying inside
it, whatever their length: months, quarters, caturwulans or the period itself. Rows of one
employee that overlap (a month next to its quarter's recap) would count the same days twice:
such an employee is not paid (``overlapping_attendance``), the reason naming the rows. A
quarter or caturwulan without an appraisal of its own reads the year's, as a month does.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.strategies import make_dataset, nip
from tukin.calc.engine import calculate
from tukin.ruleset.load import load_ruleset

RULES = """\
name: per-period
requires: [attendance]
steps:
  - {id: dasar, type: lookup, key: grade, table: {6: 1000000}, unit: rupiah}
  - {id: potongan, type: formula, expr: 'min(1, 0.01 * tk)'}
  - {id: kotor, type: formula, expr: 'dasar * (1 - potongan)'}
  - {id: tpp, type: round, input: kotor}
"""


def emp(i: int) -> dict[str, Any]:
    return {"nip": nip(i), "name": f"Pegawai {i}", "position_id": "P6A", "status": "pns"}


def att(i: int, period: str, tk: int) -> dict[str, Any]:
    return {"nip": nip(i), "period": period, "tk": tk}


def paid(rows: list[dict[str, Any]], period: str, n: int = 1) -> tuple[dict[str, int], Any]:
    ds = make_dataset([emp(i) for i in range(1, n + 1)], rows)
    result = calculate(ds, load_ruleset(RULES), period)
    frame = result.to_frame()
    return dict(zip(frame["nip"], frame["tpp"], strict=True)), result.rejected


class TestRowsInsideThePeriod:
    def test_a_year_sums_its_quarters(self) -> None:
        """Quarterly recaps are the year's attendance: 1+2+3+4 days, not 'no row in 2025'."""
        rows = [att(1, f"2025-Q{q}", q) for q in range(1, 5)]
        amounts, rejected = paid(rows, "2025")
        assert rejected.empty, rejected[["code", "reason"]]
        assert amounts == {nip(1): 900_000}

    def test_a_year_sums_months_and_the_quarters_of_other_months(self) -> None:
        """Months of Q1 and the recaps of Q2-Q4 cover the year once each."""
        rows = [att(1, f"2025-0{m}", 1) for m in (1, 2, 3)]
        rows += [att(1, f"2025-Q{q}", 2) for q in (2, 3, 4)]
        amounts, _ = paid(rows, "2025")
        assert amounts == {nip(1): 910_000}

    def test_a_quarter_sums_its_months(self) -> None:
        rows = [att(1, f"2025-0{m}", m) for m in (4, 5, 6)] + [att(1, "2025-03", 50)]
        amounts, _ = paid(rows, "2025-Q2")
        assert amounts == {nip(1): 850_000}

    def test_a_month_reads_its_own_row_only(self) -> None:
        """A month is computed as before: a quarter's recap next to it is not read."""
        rows = [att(1, "2025-04", 2), att(1, "2025-Q2", 9)]
        amounts, rejected = paid(rows, "2025-04")
        assert rejected.empty and amounts == {nip(1): 980_000}


class TestOverlappingRows:
    @pytest.mark.parametrize("period", ["2025-Q1", "2025"])
    def test_months_next_to_their_recap_are_not_added_twice(self, period: str) -> None:
        """Months and their quarter's recap both inside the period: the employee is not paid
        (the days would count twice); the others are."""
        rows = [att(1, f"2025-0{m}", 1) for m in (1, 2, 3)] + [att(1, "2025-Q1", 3)]
        rows += [att(2, f"2025-0{m}", 1) for m in (1, 2, 3)]
        amounts, rejected = paid(rows, period, n=2)
        assert amounts == {nip(2): 970_000}
        (r,) = rejected.itertuples()
        assert (r.nip, r.code, r.step) == (nip(1), "overlapping_attendance", "input")
        assert "2025-Q1" in r.reason and "2025-01" in r.reason

    def test_the_periods_are_a_list_in_fields(self) -> None:
        """The result document's fields name the overlapping rows' periods as a list (review
        88: one text joined for a person), the reason's words unchanged."""
        import json

        rows = [att(1, f"2025-0{m}", 1) for m in (1, 2, 3)] + [att(1, "2025-Q1", 3)]
        result = calculate(make_dataset([emp(1)], rows), load_ruleset(RULES), "2025-Q1")
        (row,) = json.loads(result.to_json("en"))["rejected"]
        assert row["fields"] == {
            "value": ["2025-Q1", "2025-01", "2025-02", "2025-03"],
            "period": "2025-Q1",
        }
        assert "2025-Q1, 2025-01, 2025-02, 2025-03" in row["reason"]

    def test_reason_in_both_languages(self) -> None:
        rows = [att(1, "2025-C1", 1), att(1, "2025-Q1", 1)]
        ds = make_dataset([emp(1)], rows)
        for lang, word in (("en", "overlap"), ("id", "tumpang tindih")):
            import tukin

            with tukin.language(lang):
                rejected = calculate(ds, load_ruleset(RULES), "2025").rejected
            assert word in rejected["reason"].iloc[0]
            assert "2025-C1" in rejected["reason"].iloc[0]

    def test_one_recap_among_many_months_is_found_without_a_loop_per_employee(self) -> None:
        """One employee's quarter recap next to everyone's months: the check looked at every
        employee holding a month of the quarter one by one (5 s at 100,000 employees, about
        a minute at a million, before every quarter's calculation); it is a few array passes."""
        import time

        import pandas as pd

        from tukin.calc.frame import overlapping_attendance
        from tukin.period import Period

        n, months = 100_000, ["2025-07", "2025-08", "2025-09"]
        nips = [nip(i) for i in range(1, n + 1)]
        table = pd.DataFrame(
            {
                "nip": [x for x in nips for _ in months] + [nips[4], nips[9]],
                "period": months * n + ["2025-Q3", "2025-Q2"],
                "tk": 0,
            }
        )
        started = time.perf_counter()
        found = overlapping_attendance({"attendance": table}, Period.parse("2025-Q3"))  # type: ignore[arg-type]
        took = time.perf_counter() - started
        assert found == {nips[4]: "2025-Q3, 2025-07, 2025-08, 2025-09"}
        assert took < 1.5, f"{took:.2f} s"

    def test_rows_that_do_not_overlap_in_the_period_are_fine(self) -> None:
        """A quarter's recap outside the period computed does not stop the quarter."""
        rows = [att(1, "2025-Q1", 3), att(1, "2025-01", 1), att(1, "2025-Q2", 2)]
        amounts, rejected = paid(rows, "2025-Q2")
        assert rejected.empty and amounts == {nip(1): 980_000}


class TestAppraisalOfAQuarter:
    """A month reads the appraisal of its quarter or year when it has none of its own; a
    quarter or caturwulan read its own only, so an annual SKP (the usual one) rated May and
    the year but not Q2: everyone was 'without an appraisal' in a quarter."""

    RULES = """\
name: predikat-per-period
requires: [appraisal]
steps:
  - id: predikat
    type: predikat_matrix
    matrix:
      above: {below: Kurang, as_expected: Baik, above: Sangat Baik}
      as_expected: {below: Kurang, as_expected: Baik, above: Baik}
      below: {below: Sangat Kurang, as_expected: Butuh Perbaikan, above: Butuh Perbaikan}
  - {id: nilai, type: lookup, key: predikat, table: {Sangat Baik: 1000, Baik: 900}, unit: rupiah}
  - {id: tpp, type: round, input: nilai}
"""

    def dataset(self, rows: list[tuple[str, str, str]]) -> Any:
        import pandas as pd

        from tukin.dataset import Dataset

        ds = make_dataset([emp(1)])
        tables = {name: ds.table(name) for name in ("units", "positions", "employees")}
        tables["appraisals"] = pd.DataFrame(
            [{"nip": nip(1), "period": p, "results": r, "behaviour": b} for p, r, b in rows]
        )
        return Dataset.from_frames(**tables)

    @pytest.mark.parametrize("period", ["2025-05", "2025-Q2", "2025-C2", "2025"])
    def test_the_annual_appraisal_rates_every_period_of_its_year(self, period: str) -> None:
        ds = self.dataset([("2025", "above", "above")])
        result = calculate(ds, load_ruleset(self.RULES), period)
        assert result.rejected.empty, result.rejected[["code", "reason"]]
        assert list(result.to_frame()["tpp"]) == [1000]

    def test_the_quarters_own_appraisal_wins(self) -> None:
        ds = self.dataset([("2025", "above", "above"), ("2025-Q2", "as_expected", "above")])
        result = calculate(ds, load_ruleset(self.RULES), "2025-Q2")
        assert list(result.to_frame()["tpp"]) == [900]

    @pytest.mark.parametrize("month", ["2025-05", "2025-08"])
    def test_a_month_reads_its_caturwulans_appraisal(self, month: str) -> None:
        """A region appraising per caturwulan (2025-C2: May to August): its months read it,
        before the year's; they were 'without an appraisal' (review 42)."""
        rows = [("2025", "as_expected", "above"), ("2025-C2", "above", "above")]
        result = calculate(self.dataset(rows), load_ruleset(self.RULES), month)
        assert result.rejected.empty, result.rejected[["code", "reason"]]
        assert list(result.to_frame()["tpp"]) == [1000]
        april = calculate(self.dataset(rows), load_ruleset(self.RULES), "2025-04")
        assert list(april.to_frame()["tpp"]) == [900]  # C1's months: the year's

    def test_a_projected_month_keeps_its_caturwulans_appraisal(self) -> None:
        """project_year carries the latest month's appraisal into months without one, but
        not over the employee's own appraisal of the month's caturwulan."""
        from tukin.planning import project_year

        rows = [(f"2025-0{m}", "as_expected", "above") for m in (1, 2, 3)]
        rows.append(("2025-C2", "above", "above"))
        monthly = project_year(self.dataset(rows), load_ruleset(self.RULES), 2025).monthly
        paid = dict(zip(monthly["month"], monthly["allowance"], strict=True))
        assert [paid[f"2025-0{m}"] for m in (3, 4, 5, 8, 9)] == [900, 900, 1000, 1000, 1000]
