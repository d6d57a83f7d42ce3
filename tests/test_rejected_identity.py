"""Rejected employees keep their identity and are counted per OPD: totals reconcile.

An employee refused by validation (a bad NIP, a duplicate, a bad date) still has a position
the Dataset knows; HR needs to see whose OPD has the rejection, and the per-OPD totals must
count every employee not paid, or an OPD's list silently lacks people.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from tests.strategies import make_dataset, nip
from tukin.calc.engine import calculate
from tukin.errors import InputWarning
from tukin.ruleset.load import load_ruleset

PERIOD = "2025-10"
RULES = (
    "name: ident\nrequires: [attendance]\nsteps:\n"
    "  - {id: dasar, type: lookup, key: grade, table: {6: 2000000, 12: 5000000}, unit: rupiah}\n"
    "  - {id: tpp, type: round, input: dasar}\n"
)


def _employee(key: str, position: str, **extra: Any) -> dict[str, Any]:
    return {
        "nip": key,
        "name": f"Pegawai {key[-2:]}",
        "position_id": position,
        "status": "pns",
    } | extra


@pytest.fixture(scope="module")
def result() -> Any:
    """Paid in A; in A rejected by validation (bad NIP) and by the calculation (no attendance);
    every B employee rejected (a duplicated NIP); one whose position is unknown (no OPD)."""
    employees = [
        _employee(nip(1), "P6A"),
        _employee("12345", "P12A"),  # not 18 digits: validation; position known
        _employee(nip(2), "P6A"),  # no attendance row: calculation
        _employee(nip(3), "P6B"),  # twice: both rejected in validation, OPD B
        _employee(nip(3), "P12B"),
        _employee(nip(4), "NOPE"),  # unknown position: OPD cannot be told
    ]
    attendance = [{"nip": nip(i), "period": PERIOD, "tk": 0} for i in (1, 3, 4)]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        return calculate(make_dataset(employees, attendance), load_ruleset(RULES), PERIOD)


def test_identity_of_validation_rejections(result: Any) -> None:
    """Position, unit and OPD come from the Dataset where the position was kept."""
    bad = result.rejected[result.rejected["nip"] == "12345"].iloc[0]
    assert (bad["stage"], bad["position_id"], bad["unit_id"], bad["opd_id"]) == (
        "validation",
        "P12A",
        "A1",
        "A",
    )
    assert bad["opd_name"] == "Dinas A"
    twins = result.rejected[result.rejected["nip"] == nip(3)]
    assert sorted(twins["position_id"]) == ["P12B", "P6B"]
    assert set(twins["opd_id"]) == {"B"} and set(twins["opd_name"]) == {"Dinas B"}
    unknown = result.rejected[result.rejected["nip"] == nip(4)].iloc[0]
    assert unknown[["position_id", "unit_id", "opd_id", "opd_name"]].isna().all()
    assert len(result.rejected) == 5


def test_identity_of_calculation_rejections(result: Any) -> None:
    """A calculation rejection carries the same columns, from the employee frame."""
    row = result.rejected[result.rejected["nip"] == nip(2)].iloc[0]
    assert row["stage"] == "calculation"
    assert (row["name"], row["position_id"], row["unit_id"], row["opd_id"], row["opd_name"]) == (
        "Pegawai 02",
        "P6A",
        "A1",
        "A",
        "Dinas A",
    )


def test_totals_count_every_rejection(result: Any) -> None:
    """totals()["rejected"] sums to len(rejected); an OPD with only rejections is a row, and
    the employees whose OPD cannot be told are a last "no OPD" row."""
    t = result.totals(lang="en")
    assert int(t["rejected"].sum()) == len(result.rejected) == result.receipt.employees_rejected
    assert int(t["allowance"].sum()) == result.total
    assert t["opd_id"].tolist()[:2] == ["A", "B"] and t["opd_id"].isna().tolist()[-1]
    by = t.set_index(t["opd_id"].astype(object).fillna("-"))
    assert by.loc["A", "rejected"] == 2 and by.loc["A", "employees"] == 1
    assert by.loc["B", "rejected"] == 2 and by.loc["B", "employees"] == 0
    assert by.loc["B", "opd_name"] == "Dinas B" and by.loc["B", "allowance"] == 0
    assert by.loc["-", "rejected"] == 1 and "no OPD" in by.loc["-", "opd_name"]
    assert "tanpa OPD" in result.totals(lang="id")["opd_name"].iloc[-1]


def test_totals_by_unit(result: Any) -> None:
    """Any one grouping column the rejected rows hold reconciles the same way."""
    t = result.totals(by="unit_id")
    assert int(t["rejected"].sum()) == len(result.rejected)


def test_workbook_summary_names_the_opd(result: Any, tmp_path: Path) -> None:
    """The workbook's summary names an OPD whose every employee was rejected."""
    from tukin import io

    out = io.write_result(result, tmp_path / "hasil.xlsx", lang="en")
    rows = list(openpyxl.load_workbook(out)["Summary"].iter_rows(values_only=True))
    b = next(r for r in rows if r[0] == "B")
    assert b[1] == "Dinas B"
    assert rows[-1][-1] == len(result.rejected)
