"""The dataset a group of cases implies: their employees, and a documented default for the rest.

A case gives only what it is about. The rest takes a default: one OPD (:data:`UNIT`), one
position per employee, status ``pns``, the whole month in service, an attendance row of zero
counts (:data:`ATTENDANCE_CODES` and the codes the rule set's deduction tables read), no
appraisal (an appraisals table without rows when no case gives one). Employees get synthetic NIPs
(:data:`NIP_PREFIX` then 001, 002...) and positions (P001, P002...), so that no real person is
ever in a case file; a case names its employees by their ``id`` instead (reporting lines,
sanctions, rows of its tables), which the dataset replaces by those NIPs and positions.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import pandas as pd

from tukin.errors import DataError

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.golden.case import Case

__all__ = ["ATTENDANCE_CODES", "NIP_PREFIX", "UNIT", "build_dataset", "plain"]

ATTENDANCE_CODES = (
    *("tl1", "tl2", "tl3", "tl4", "psw1", "psw2", "psw3", "psw4"),
    *("tk", "sakit", "izin", "cuti", "apel"),
)
"""Codes of every default attendance row, zero unless the case gives a count."""
NIP_PREFIX = "198001012005011"  # born 1980-01-01, appointed 2005-01, male; then 001, 002...
UNIT = {"unit_id": "D1", "name": "Dinas Contoh"}


def plain(value: Any) -> Any:
    """``value`` as plain, comparable data: text keys, Decimals and dates as text."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    return str(value) if isinstance(value, Decimal | dt.date) else value


def _column(values: list[Any]) -> pd.Series:
    """An extra column as a spreadsheet gives it: whole numbers as int64, other numbers and
    blanks as float64 (a Decimal as the float of its digits: the engine reads those back
    exactly), true/false with blanks as objects (a reader's yes/no column), else text."""
    if any(isinstance(v, str) for v in values):
        return pd.Series(values, dtype=object)
    if any(isinstance(v, bool) for v in values):
        return pd.Series(values, dtype=object)
    if all(isinstance(v, int) for v in values):
        return pd.Series(values, dtype="int64")
    for v in values:
        if isinstance(v, Decimal) and Decimal(repr(float(v))) != v:
            raise DataError(code="golden_case_invalid", value=str(v), detail="over 15 digits")
    return pd.Series([np.nan if v is None else float(v) for v in values], dtype="float64")


def build_dataset(
    group: Sequence[Case], codes: Sequence[str] = (), requires: Sequence[str] = ()
) -> tuple[Dataset, dict[str, list[str]]]:
    """One dataset for the employees of every case in ``group``, and their NIPs by case.

    ``codes``: attendance codes of the rule set's own (:func:`tukin.calc.needs.codes_read`)
    that the default attendance row also holds at 0, with :data:`ATTENDANCE_CODES`.
    ``requires``: the rule set's ``requires``; a table it names that the cases give no rows
    of is given without rows (a case lists every row there is: none given is none).

    An employee's ``id`` stands for their NIP and position within their case: ``reports_to``
    becomes their position's ``superior_id``, and a handle in a column of ``tables`` that
    names an employee or a position (:func:`~tukin.golden.case.handle_columns`) becomes that
    employee's NIP or position. ``sanctions`` become rows of the sanctions table, ``history``
    attendance and appraisal rows of other periods (every code not given 0, as in the
    period's own row)."""
    from tukin.contract import TABLES
    from tukin.dataset import Dataset
    from tukin.golden.case import handle_columns

    zeros = dict.fromkeys((*ATTENDANCE_CODES, *codes), 0)

    period = group[0].period
    pos: list[dict[str, Any]] = []
    emp: list[dict[str, Any]] = []
    att: list[dict[str, Any]] = []
    app: list[dict[str, Any]] = []
    sanctions: list[dict[str, Any]] = []
    nips: dict[str, list[str]] = {}
    handles: dict[str, dict[str, dict[str, str]]] = {}  # case -> id -> {nip, position_id}
    extra = sorted({k for c in group for e in c.employees for k in e.columns})
    for c in group:
        first = len(emp) + 1
        own = handles[c.name] = {
            h: {"nip": f"{NIP_PREFIX}{first + i:03d}", "position_id": f"P{first + i:03d}"}
            for h, i in c.handles().items()
        }
        for i, e in enumerate(c.employees):
            k = len(emp) + 1
            nip, pid, name = f"{NIP_PREFIX}{k:03d}", f"P{k:03d}", c.who(i)
            nips.setdefault(c.name, []).append(nip)
            superior = (
                {} if e.reports_to is None else {"superior_id": own[e.reports_to]["position_id"]}
            )
            pos.append(
                {
                    "position_id": pid,
                    "name": f"Jabatan {name}",
                    "unit_id": e.unit or UNIT["unit_id"],
                    "kind": e.kind,
                    "grade": e.grade,
                    **superior,
                }
            )
            dates = {
                d: (getattr(e, d) or None) and getattr(e, d).isoformat()
                for d in ("start_date", "end_date")
            }
            emp.append(
                {
                    "nip": nip,
                    "name": name,
                    "position_id": pid,
                    "status": e.status,
                    **dates,
                    **{col: e.columns.get(col) for col in extra},
                }
            )
            rows = {period: (e.attendance, e.appraisal)} | {
                p: (h.attendance, h.appraisal) for p, h in e.history.items()
            }
            for at, (counts, rating) in rows.items():
                if counts is not None:
                    att.append({"nip": nip, "period": at, **zeros, **counts})
                if rating is not None:
                    app.append({"nip": nip, "period": at, **rating.model_dump()})
            sanctions += [{"nip": nip, **plain(s.model_dump())} for s in e.sanctions]
    if len(emp) > 999:
        raise DataError(
            code="golden_case_invalid", value=group[0].file, detail="over 999 employees"
        )
    employees = pd.DataFrame(emp)
    for col in extra:
        employees[col] = _column(employees[col].tolist())
    tables = {"units": pd.DataFrame([UNIT]), "positions": pd.DataFrame(pos), "employees": employees}
    if att:
        tables["attendance"] = pd.DataFrame(att).fillna(0)
    # the default is "no appraisal", said with a table without rows: one not given at all
    # stops a rule set that reads the ratings (appraisals_table_missing)
    tables["appraisals"] = (
        pd.DataFrame(app) if app else pd.DataFrame(columns=list(TABLES["appraisals"].names))
    )
    if sanctions:
        tables["sanctions"] = pd.DataFrame(sanctions)
    refer = handle_columns()
    for name, given_rows in group[0].tables.items():  # e.g. work_items, indicators, realisations
        own = handles[group[0].name]
        columns = refer.get(name, {})
        rows_ = [
            {
                k: own[str(v)][columns[k]] if k in columns and str(v) in own else v
                for k, v in plain(r).items()
            }
            for r in given_rows
        ]
        given = pd.DataFrame(rows_)
        tables[name] = (
            pd.concat([tables[name], given], ignore_index=True) if name in tables else given
        )
    for name in requires:  # attendance, appraisal: a row per employee, the case's to give
        if name in TABLES and name not in tables and name != "attendance":
            tables[name] = pd.DataFrame(columns=[c.name for c in TABLES[name].columns])
    return Dataset.from_frames(mode="strict", **cast("dict[str, Any]", tables)), nips
