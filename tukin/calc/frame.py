"""The employee frame: one row per employee for a period, with every input a rule may read.

Rules work on columns of this frame, so building it once (vectorised joins) is what makes a
whole province fast. Columns: the employee's own (nip, status, extras such as basic_salary),
the position's (position_name, position_kind, grade, unit_id, superior_id), the OPD
(opd_id, opd_name), service days for part-month pay, attendance counts per code (summed over
the months of the period) and the appraisal ratings.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tukin import _graph
from tukin.contract import TABLES
from tukin.period import Period

if TYPE_CHECKING:
    from tukin.dataset import Dataset

SERVICE_COLUMNS = ("days_in_period", "days_served")


def opd_of_units(units: pd.DataFrame) -> pd.Series:
    """unit_id -> the unit_id of its OPD (the root of its unit tree)."""
    if units.empty:
        return pd.Series(dtype=object)
    parent = _graph.parent_index(units["unit_id"], units.get("parent_id", pd.Series([None] * len(units))))
    forest = _graph.analyse(parent)
    ids = units["unit_id"].to_numpy()
    root = np.where(forest.root >= 0, forest.root, np.arange(len(units)))
    return pd.Series(ids[root], index=pd.Index(ids, name="unit_id"))


def employee_frame(ds: Dataset, period: Period) -> pd.DataFrame:
    """One row per employee of ``ds`` with everything rules read, for ``period``."""
    emp = ds["employees"].reset_index(drop=True)
    pos = ds["positions"]
    units = ds["units"]
    pos_cols = pos.rename(columns={"name": "position_name", "kind": "position_kind"})
    keep = ["position_id", "position_name", "position_kind", "grade", "unit_id", "superior_id"]
    extra_pos = [c for c in pos_cols.columns if c not in keep and c not in emp.columns]
    frame = emp.merge(pos_cols[keep + extra_pos], on="position_id", how="left", validate="many_to_one")
    opd = opd_of_units(units)
    frame["opd_id"] = frame["unit_id"].map(opd)
    names = units.set_index("unit_id")["name"] if not units.empty else pd.Series(dtype=object)
    frame["opd_name"] = frame["opd_id"].map(names)
    frame["unit_name"] = frame["unit_id"].map(names)
    _service(frame, period)
    codes = _attendance(frame, ds, period)
    _appraisal(frame, ds, period)
    money = {c.name for t in TABLES.values() for c in t.columns if c.type == "money"}
    money |= {c for c in frame.columns if c.endswith(("_salary", "_allowance")) and pd.api.types.is_integer_dtype(frame[c])}
    frame.attrs["money_columns"] = tuple(sorted(money))
    frame.attrs["attendance_codes"] = codes
    return frame


def _service(frame: pd.DataFrame, period: Period) -> None:
    start = pd.Timestamp(period.start)
    end = pd.Timestamp(period.end)
    s = pd.to_datetime(frame["start_date"]) if "start_date" in frame else pd.Series(pd.NaT, index=frame.index)
    e = pd.to_datetime(frame["end_date"]) if "end_date" in frame else pd.Series(pd.NaT, index=frame.index)
    first = s.where(s > start, start).fillna(start)
    last = e.where(e < end, end).fillna(end)
    served = ((last - first).dt.days + 1).clip(lower=0)
    frame["days_in_period"] = np.int64(period.days)
    frame["days_served"] = served.astype(np.int64)


def _attendance(frame: pd.DataFrame, ds: Dataset, period: Period) -> tuple[str, ...]:
    att = ds["attendance"]
    codes = tuple(c for c in att.columns if c not in ("nip", "period") and pd.api.types.is_numeric_dtype(att[c]))
    if att.empty:
        for c in codes:
            frame[c] = np.int64(0)
        frame["has_attendance"] = False
        return codes
    months = {str(m) for m in period.months()}
    sel = att[att["period"].isin(months | {str(period)})]
    summed = sel.groupby("nip", sort=False)[list(codes)].sum() if codes else pd.DataFrame(index=sel["nip"].unique())
    present = frame["nip"].isin(summed.index)
    for c in codes:
        frame[c] = frame["nip"].map(summed[c]).fillna(0).astype(np.int64)
    frame["has_attendance"] = present.to_numpy()
    return codes


def _appraisal(frame: pd.DataFrame, ds: Dataset, period: Period) -> None:
    app = ds["appraisals"]
    frame["results"] = None
    frame["behaviour"] = None
    frame["has_appraisal"] = False
    if app.empty:
        return
    # the appraisal of the period itself, else of the period enclosing it (quarter, year)
    candidates = [str(period)]
    if period.is_month:
        candidates += [str(period.quarter_of), str(period.year_period)]
    for cand in reversed(candidates):
        sel = app[app["period"] == cand].drop_duplicates("nip", keep="last").set_index("nip")
        if sel.empty:
            continue
        hit = frame["nip"].isin(sel.index)
        frame.loc[hit, "results"] = frame.loc[hit, "nip"].map(sel["results"])
        frame.loc[hit, "behaviour"] = frame.loc[hit, "nip"].map(sel["behaviour"])
        frame.loc[hit, "has_appraisal"] = True
