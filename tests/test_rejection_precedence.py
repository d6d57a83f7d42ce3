"""The reason a rejected employee is listed with is the one that decides.

An employee the rules exclude (a status listed ``not_eligible``: unpaid leave, study leave,
PPPK where the Perbup pays none) is owed nothing whatever the data says; a missing attendance
row, a kelas the base table lacks, a rejected row of their own are faults to correct for an
employee who is owed something. Before, the first reason found stayed: the pre-checks run
before the steps, so an employee on unpaid leave without an attendance row was listed as "no
attendance row", and HR went looking for a row that nobody should type.
"""

from __future__ import annotations

import warnings
from functools import cache
from typing import Any

import pandas as pd
import pytest

import tukin
from tukin.demo import generate

PERIOD = "2025-10"


@cache
def frames() -> dict[str, pd.DataFrame]:
    return generate(40, seed=3)


def rules(table: dict[int, int] | None = None) -> tukin.RuleSet:
    return tukin.load_ruleset(
        {
            "name": "urutan",
            "requires": ["attendance"],
            "steps": [
                {"id": "dasar", "type": "lookup", "key": "grade", "unit": "rupiah",
                 "table": table or {g: 1_000_000 * g for g in range(1, 18)}},
                {"id": "faktor", "type": "status_factor", "factors": {"pns": 1, "cpns": "80%"},
                 "not_eligible": ["pppk"]},
                {"id": "keadaan", "type": "status_factor", "status": "keadaan",
                 "factors": {"aktif": 1}, "default": 1,
                 "not_eligible": ["cltn", "tugas belajar"]},
                {"id": "kotor", "type": "formula", "expr": "dasar * faktor * keadaan",
                 "unit": "rupiah"},
                {"id": "tpp", "type": "round", "input": "kotor"},
            ],
        }
    )  # fmt: skip


def calculate(tables: dict[str, pd.DataFrame], **kwargs: Any) -> pd.DataFrame:
    ds = tukin.Dataset.from_frames(**tables)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = tukin.calculate(ds, kwargs.pop("ruleset", rules()), PERIOD, **kwargs)
    return result.rejected.set_index("nip")


def spoiled(status: str) -> tuple[dict[str, pd.DataFrame], list[str]]:
    """The demo regency with two PNS given ``status`` (pppk: their status; else their
    ``keadaan``, an extra column): the first without an October attendance row, the second
    with both rows."""
    tables = {k: v.copy() for k, v in frames().items()}
    emp = tables["employees"]
    pns = emp.index[emp["status"] == "pns"][:2]
    nips = [str(n) for n in emp.loc[pns, "nip"]]
    emp["keadaan"] = "aktif"
    emp.loc[pns, "status" if status in ("pns", "pppk") else "keadaan"] = status
    att = tables["attendance"]
    gone = (att["nip"].astype(str) == nips[0]) & (att["period"].astype(str) == PERIOD)
    assert gone.sum() == 1
    tables["attendance"] = att[~gone]
    return tables, nips


@pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
@pytest.mark.parametrize("status", ["pppk", "cltn", "Tugas Belajar"])
def test_not_eligible_decides_over_a_missing_attendance_row(status: str, reference: bool) -> None:
    tables, nips = spoiled(status)
    rejected = calculate(tables, reference=reference)
    for nip in nips:
        assert rejected.at[nip, "code"] == "not_eligible", rejected.loc[nip].to_dict()
        assert rejected.at[nip, "step"] == ("faktor" if status == "pppk" else "keadaan")
        assert status.lower() in rejected.at[nip, "reason"]


def test_a_data_fault_of_an_eligible_employee_keeps_its_reason() -> None:
    tables, nips = spoiled("pns")
    rejected = calculate(tables)
    assert rejected.at[nips[0], "code"] == "missing_input_row"
    assert nips[1] not in rejected.index


def test_not_eligible_decides_over_a_step_before_it() -> None:
    """A kelas the base table lacks is found by the step before the status factor: still
    not the reason of an employee who is owed nothing."""
    tables, nips = spoiled("cltn")
    emp = tables["employees"].set_index("nip")
    pos = tables["positions"].set_index("position_id")
    grade = int(pos.at[emp.at[nips[1], "position_id"], "grade"])
    table = {g: 1_000_000 * g for g in range(1, 18) if g != grade}
    rejected = calculate(tables, ruleset=rules(table))
    assert rejected.at[nips[1], "code"] == "not_eligible"
    # the others of that kelas are owed something: the table's gap is their reason
    pns = set(emp.index[emp["status"] == "pns"]) - set(nips)
    same = [n for n in pns if int(pos.at[emp.at[n, "position_id"], "grade"]) == grade]
    assert same and set(rejected.loc[same, "code"]) == {"missing_base"}
