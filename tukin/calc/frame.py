"""The employee frame: one row per employee for a period, with every input a rule may read.

Rules work on columns of this frame, so building it once (vectorised joins) is what makes a
whole province fast. Columns: the employee's own (nip, status, extras such as basic_salary),
the position's (position_name, position_kind, grade, unit_id, superior_id), the OPD
(opd_id, opd_name), service days for part-month pay, attendance counts per code (summed over
the rows lying inside the period: :func:`periods_inside`), the appraisal ratings with the
appraisal row's extra columns, and the extra columns of the unit (or of the nearest unit above
it that has them).
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tukin import _graph
from tukin._lookup import (
    KeyTable,
    as_categories,
    is_identity,
    positions_in,
    taken_as_categories,
    through,
)
from tukin.calc.spells import with_spells
from tukin.contract import TABLES
from tukin.errors import PeriodError
from tukin.period import Period

if TYPE_CHECKING:
    from tukin.dataset import Dataset

SERVICE_COLUMNS = ("days_in_period", "days_served")


def opd_of_units(units: pd.DataFrame) -> pd.Series:
    """unit_id -> the unit_id of its OPD (the root of its unit tree)."""
    if units.empty:
        return pd.Series(dtype=object)
    forest = _graph.analyse(_unit_parents(units))
    ids = units["unit_id"].to_numpy()
    root = np.where(forest.root >= 0, forest.root, np.arange(len(units)))
    return pd.Series(ids[root], index=pd.Index(ids, name="unit_id"))


def _unit_parents(units: pd.DataFrame) -> np.ndarray:
    """Each unit's parent as its row in ``units`` (-1: none, an OPD)."""
    return _graph.parent_index(
        units["unit_id"], units.get("parent_id", pd.Series([None] * len(units)))
    )


def employee_frame(ds: Dataset, period: Period) -> pd.DataFrame:
    """One row per employee of ``ds`` with everything rules read, for ``period``."""
    joined = placed(ds)
    # a shallow copy: the period's columns are added to it, never to the kept frame (pandas'
    # copy-on-write keeps the shared columns from being changed through it)
    frame = joined.copy(deep=False)
    _service(frame, period)
    # the employees' NIPs hashed once: attendance and appraisals are looked up in it
    nips = KeyTable(frame["nip"])
    codes = _attendance(frame, ds, period, nips)
    _appraisal(frame, ds, period, nips)
    # the earlier positions held within the period, one row each (none: the frame as is)
    frame = with_spells(
        frame, ds, period, lambda emp: _joined(ds, emp, None), _service, flag_blanks(ds)
    )
    money = {c.name for t in TABLES.values() for c in t.columns if c.type == "money"}
    money |= {
        c
        for c in frame.columns
        if c.endswith(("_salary", "_allowance")) and pd.api.types.is_integer_dtype(frame[c])
    }
    frame.attrs["money_columns"] = tuple(sorted(money))
    frame.attrs["attendance_codes"] = codes
    if "nip" in frame.columns:
        frame.attrs["sorted_by"] = "nip"
    return frame


def placed(ds: Dataset) -> pd.DataFrame:
    """The employees joined with their position, unit and OPD (read-only), built once per
    Dataset (:func:`_placed`) and kept with it."""
    joined = _JOINED.get(ds)
    if joined is None:
        joined = _JOINED[ds] = _placed(ds)
    return joined


def _placed(ds: Dataset) -> pd.DataFrame:
    """The employees with their position, unit and OPD: what does not depend on the period.

    Kept per Dataset (like its hierarchy): coding the shared text and joining a million
    employees to their positions and units is half of building the frame, and a scenario
    study or a year of months calculates on the same Dataset again and again.
    """
    employees = ds["employees"]
    found = ds._reference_rows("employees", "position_id", employees, ds["positions"])
    frame, blanks = _joined(ds, employees, found)
    _FLAG_BLANKS[ds] = blanks
    return frame


def _joined(
    ds: Dataset, employees: pd.DataFrame, found: np.ndarray | None
) -> tuple[pd.DataFrame, dict[str, np.ndarray]]:
    """``employees`` (the employees table, or rows like its, e.g. the spells of
    ``position_history``: :mod:`tukin.calc.spells`) joined with their position, unit and
    OPD; ``found``: each one's row in the positions table, when known. Returns the frame and
    where its yes/no extra columns were blank (:func:`_yes_no_and_numbers`)."""
    pos = ds["positions"]
    units = ds["units"]
    emp, at = _coded_positions(employees.reset_index(drop=True), pos, found)
    emp = _shared_text_coded(emp)
    pos_cols = pos.rename(columns={"name": "position_name", "kind": "position_kind"})
    keep = ["position_id", "position_name", "position_kind", "grade", "unit_id", "superior_id"]
    extra_pos = [c for c in pos_cols.columns if c not in keep and c not in emp.columns]
    frame = _join_positions(emp, pos_cols[keep + extra_pos], at)
    contract = set(TABLES["employees"].names)
    blanks = _yes_no_and_numbers(frame, [c for c in emp.columns if c not in contract] + extra_pos)
    opd = opd_of_units(units)
    if not _map_units(frame, units, opd):
        frame["opd_id"] = frame["unit_id"].map(opd)
        names = units.set_index("unit_id")["name"] if not units.empty else pd.Series(dtype=object)
        frame["opd_name"] = frame["opd_id"].map(names)
        frame["unit_name"] = frame["unit_id"].map(names)
    _unit_extras(frame, units)
    return frame, blanks


def _yes_no_and_numbers(frame: pd.DataFrame, extras: list[str]) -> dict[str, np.ndarray]:
    """Extra columns held as Python objects (a sheet's column of true/false with blanks, of
    numbers with blanks) typed as the extra columns of units and appraisals are
    (:func:`_extra_column`): yes/no, blank no; numbers, blank NaN. Text stays as it is.

    Returns, per yes/no column with blank cells, where they were (frame positions): typed,
    a blank is no, and a column the rule file declares with a default of yes
    (tukin.calc.declared) must still tell the blank cells from the cells typed no."""
    rows = np.arange(len(frame))
    blanks: dict[str, np.ndarray] = {}
    for column in extras:
        if column not in frame or frame[column].dtype != object:
            continue
        values = _objects(frame[column])
        typed = _extra_column(values, rows)
        if typed.dtype == bool:
            blank = pd.isna(values)
            if blank.any():
                blank.flags.writeable = False
                blanks[str(column)] = blank
        if typed.dtype != object:
            _put(frame, column, typed)
    return blanks


def flag_blanks(ds: Dataset) -> dict[str, np.ndarray]:
    """Per extra yes/no column of the employees or positions with blank cells, where they
    are in the employee frame (:func:`_yes_no_and_numbers`); read-only."""
    placed(ds)
    return _FLAG_BLANKS.get(ds, {})


def _unit_extras(frame: pd.DataFrame, units: pd.DataFrame) -> None:
    """The extra columns of ``units`` as columns of the frame: each employee's from their
    unit's row, or where that is blank from the nearest unit above it that has one.

    A score per OPD from outside (a SAKIP grade, an LKjIP value) is typed once on the OPD's
    row, and its seksi and bidang take it from there; a bidang may still have its own (a
    remote-area zone). A name the frame has already (an employee's or position's extra
    column) is theirs.
    """
    contract = set(TABLES["units"].names)
    extras = [c for c in units.columns if c not in contract and c not in frame.columns]
    if not extras or "unit_id" not in frame:
        return
    parent = _unit_parents(units)
    at = pd.Index(units["unit_id"]).get_indexer(pd.Index(frame["unit_id"].astype(object)))
    for column in extras:
        values = _objects(units[column])
        up = parent.copy()
        for _ in range(len(units)):  # one level up per round: as many rounds as levels
            blank = pd.isna(values) & (up >= 0)
            if not blank.any():
                break
            values[blank] = values[up[blank]]
            up[blank] = parent[up[blank]]
        _put(frame, column, _extra_column(values, at))


def unit_extra_source(ds: Dataset, unit_id: Any, column: str) -> tuple[str, str] | None:
    """(unit id, unit name) of the unit whose ``column`` an employee of ``unit_id`` reads:
    their own unit's value, else the nearest unit above with one (as :func:`_unit_extras`
    fills it). None when ``column`` is no extra column of the units (or an employee's or
    position's extra column of that name wins), or no unit on the way up has a value.

    For the explanation: a SAKIP grade typed once on the OPD's row reaches its seksi, and
    an auditor reading the seksi head's allowance needs to see whose value it was."""
    units = ds["units"]
    if column not in units.columns or column in TABLES["units"].names:
        return None
    for name in ("employees", "positions"):
        if column in ds[name].columns:
            return None
    index, parent = _UNIT_TREE.get(ds) or _UNIT_TREE.setdefault(
        ds, (pd.Index(units["unit_id"]), _unit_parents(units))
    )  # kept: an explanation asks per step read, and a national units table is 50k rows
    values = units[column].to_numpy(dtype=object)
    at, seen = int(index.get_indexer(pd.Index([unit_id]))[0]), 0
    while at >= 0 and seen <= len(units):
        if not pd.isna(values[at]):
            name_of: Any = units["name"].iat[at] if "name" in units.columns else None
            return str(units["unit_id"].iat[at]), "" if pd.isna(name_of) else str(name_of)
        at, seen = int(parent[at]), seen + 1
    return None


def _objects(series: pd.Series) -> np.ndarray:
    """A column's values as objects, None for every kind of blank (NaN, NaT, pd.NA)."""
    values = np.array(series.to_numpy(dtype=object), dtype=object)  # a copy it may write
    values[pd.isna(values)] = None
    return values


def _extra_column(values: np.ndarray, at: np.ndarray) -> np.ndarray:
    """``values`` (objects, None for blank) at positions ``at`` (-1: no row), typed as a
    formula reads them: numbers as float64 (NaN: blank, so a formula reading it rejects that
    employee naming the column), yes/no as bool (blank is no, as a blank count is 0: a flag is
    typed only where it applies), anything else as objects (None: blank)."""
    present = ~pd.isna(values)
    shown = values[present]
    kind = pd.api.types.infer_dtype(shown, skipna=True) if len(shown) else "empty"
    flags = kind == "boolean"
    # numbers a float holds exactly; an all-blank column stays objects (it may be text that
    # nobody has this month: compared with "ya" it is no), 18-digit integers and Decimals too
    numbers = kind in ("floating", "mixed-integer-float") or (
        kind == "integer" and bool(np.all(np.abs(shown.astype(object)) < 2**53))
    )
    typed: np.ndarray
    if flags:
        typed = np.zeros(len(values), dtype=bool)
        typed[present] = shown.astype(bool)
    elif numbers:
        typed = np.full(len(values), np.nan)
        typed[present] = shown.astype(np.float64)
    else:
        typed = values  # objects, None for blank (see _objects)
    blank: Any = False if flags else (np.nan if numbers else None)
    taken = typed[np.maximum(at, 0)] if len(typed) else np.full(len(at), blank)
    return np.where(at >= 0, taken, blank)


_JOINED: weakref.WeakKeyDictionary[Dataset, pd.DataFrame] = weakref.WeakKeyDictionary()
_FLAG_BLANKS: weakref.WeakKeyDictionary[Dataset, dict[str, np.ndarray]] = (
    weakref.WeakKeyDictionary()
)
_UNIT_TREE: weakref.WeakKeyDictionary[Dataset, tuple[pd.Index, np.ndarray]] = (
    weakref.WeakKeyDictionary()
)


def _shared_text_coded(emp: pd.DataFrame) -> pd.DataFrame:
    """The employees with text shared by many of them (status, position) as categories.

    They come in NIP order already (a Dataset hands its tables out in key order), the order
    of every result and export: the Result takes the frame's columns as they are (or drops
    the rejected rows) instead of gathering them again.
    """
    per_person = ("nip", "name", "bank_account")
    coded = {c: as_categories(emp[c]) for c in emp.columns if c not in per_person}
    coded = {c: v for c, v in coded.items() if isinstance(v, pd.Categorical)}
    if not coded:
        return emp
    out = emp.copy(deep=False)
    for c, v in coded.items():
        out[c] = v
    return out


def _coded_positions(
    emp: pd.DataFrame, pos: pd.DataFrame, found: np.ndarray | None = None
) -> tuple[pd.DataFrame, np.ndarray | None]:
    """The employees with ``position_id`` coded by the positions table, and each one's row
    in it (None when not done: a position id given twice or an employee's not found, as
    can happen outside a validated Dataset; then the ids are coded by themselves).

    Looking a million employees' position ids up in the positions table is the join the
    frame needs anyway; coding them by that table's ids too saves hashing them a second time
    to find their distinct values (a third of a second at a million employees). ``found``:
    those rows already (validation found them: ``Dataset._reference_rows``)."""
    if "position_id" not in emp or "position_id" not in pos:
        return emp, None
    if found is not None:
        at = found
    else:
        index = pd.Index(pos["position_id"])
        if not index.is_unique:
            return emp, None
        at = positions_in(emp["position_id"], index)
    if not len(at) or (at < 0).any():
        return emp, None
    out = emp.copy(deep=False)
    _put(out, "position_id", taken_as_categories(pos["position_id"], at))
    return out, at


def _join_positions(
    emp: pd.DataFrame, pos: pd.DataFrame, at: np.ndarray | None = None
) -> pd.DataFrame:
    """``emp.merge(pos, on="position_id", how="left", validate="many_to_one")``, faster.

    When position ids are unique and every employee's position is found (a validated Dataset),
    the merge is a positional take of the position columns: the left columns are not copied
    and no key is hashed twice. Anything else goes through ``merge`` itself (which raises on
    duplicated positions and gives missing values their merge dtypes).
    """
    right = pos.drop(columns="position_id")
    if len(right.columns) and not right.columns.isin(emp.columns).any():
        if at is None:  # given: each employee's row, found by _coded_positions (unique ids)
            index = pd.Index(pos["position_id"])
            at = positions_in(emp["position_id"], index) if index.is_unique else None
        if at is not None and len(at) and (at >= 0).all():
            frame = emp.copy(deep=False)
            for c in right.columns:  # text as categories: see tukin._lookup.as_categories
                _put(frame, c, taken_as_categories(right[c], at))
            return frame
    return emp.merge(pos, on="position_id", how="left", validate="many_to_one")


def _map_units(frame: pd.DataFrame, units: pd.DataFrame, opd: pd.Series) -> bool:
    """opd_id, opd_name and unit_name by one look-up of each employee's unit (False: not done).

    Equal to ``frame["unit_id"].map(opd)`` then ``.map(names)`` twice; used when the unit ids
    are unique and every employee's unit is known, the case of a validated Dataset.
    """
    if units.empty or "unit_id" not in frame:
        return False
    index = pd.Index(units["unit_id"])
    if not index.is_unique or not opd.index.equals(index):
        return False
    at = positions_in(frame["unit_id"], index)
    if not len(at) or (at < 0).any():
        return False
    root = index.get_indexer(pd.Index(opd.to_numpy()))
    if (root < 0).any():
        return False
    names = units["name"].reset_index(drop=True)
    _put(frame, "opd_id", taken_as_categories(opd.reset_index(drop=True), at))
    _put(frame, "opd_name", taken_as_categories(names, root[at]))
    _put(frame, "unit_name", taken_as_categories(names, at))
    return True


def _service(frame: pd.DataFrame, period: Period) -> None:
    start = pd.Timestamp(period.start)
    end = pd.Timestamp(period.end)
    s = (
        pd.to_datetime(frame["start_date"])
        if "start_date" in frame
        else pd.Series(pd.NaT, index=frame.index)
    )
    e = (
        pd.to_datetime(frame["end_date"])
        if "end_date" in frame
        else pd.Series(pd.NaT, index=frame.index)
    )
    first = s.where(s > start, start).fillna(start)
    last = e.where(e < end, end).fillna(end)
    served = ((last - first).dt.days + 1).clip(lower=0)
    frame["days_in_period"] = np.int64(period.days)
    frame["days_served"] = served.astype(np.int64)


def _attendance(
    frame: pd.DataFrame, ds: Dataset, period: Period, nips: KeyTable
) -> tuple[str, ...]:
    att = ds["attendance"]
    codes = tuple(
        c
        for c in att.columns
        if c not in ("nip", "period") and pd.api.types.is_numeric_dtype(att[c])
    )
    if att.empty:
        for c in codes:
            frame[c] = np.int64(0)
        frame["has_attendance"] = False
        return codes
    sel = _rows_where(att, att["period"].isin(periods_inside(att["period"], period)))
    if nips.is_unique:
        _sum_by_employee(frame, sel, codes, nips)
        return codes
    summed = (
        sel.groupby("nip", sort=False)[list(codes)].sum()
        if codes
        else pd.DataFrame(index=sel["nip"].unique())
    )
    # one hash look-up of every employee's NIP (not one ``map`` per code, nor ``isin``, which
    # is a Python loop over the values for arrow strings): the same values as
    # ``frame["nip"].map(summed[c]).fillna(0).astype(np.int64)``, ~20× faster at 1M rows
    idx = summed.index.get_indexer(pd.Index(frame["nip"]))
    present = idx >= 0
    at = np.where(present, idx, 0)
    for c in codes:
        col = summed[c]
        if col.dtype == np.int64 and len(col):
            _put(frame, c, np.where(present, col.to_numpy()[at], 0))
        else:
            taken = col.iloc[at] if len(col) else pd.Series(np.zeros(len(at)))
            _put(frame, c, taken.where(present).fillna(0).astype(np.int64).to_numpy())
    _put(frame, "has_attendance", present)
    return codes


def periods_inside(periods: pd.Series, period: Period) -> list[str]:
    """The distinct periods of ``periods`` (canonical texts) lying inside ``period``: for a
    month the month itself; for a quarter, caturwulan or year every month, quarter or
    caturwulan within it and the period itself. Their attendance rows are the period's counts
    (a year reported as four quarterly recaps is the sum of the four)."""
    if period.is_month:
        return [str(period)]
    inside = []
    for text in pd.unique(periods.dropna().astype(str)):
        try:
            span = Period.parse(text)
        except PeriodError:
            continue
        if period.start <= span.start and span.end <= period.end:
            inside.append(text)
    return inside


def overlapping_attendance(ds: Dataset, period: Period) -> dict[str, str]:
    """NIP -> its attendance rows (periods) inside ``period`` that overlap one another (a
    month next to its quarter's recap): summed, they would count the same days twice.
    Nothing for a month, which reads its own row only."""
    if period.is_month:
        return {}
    att = ds["attendance"]
    if att.empty:
        return {}
    inside = periods_inside(att["period"], period)
    spans = {t: Period.parse(t) for t in inside}
    clash = {
        (a, b)
        for a in inside
        for b in inside
        if a < b and spans[a].start <= spans[b].end and spans[b].start <= spans[a].end
    }
    if not clash:
        return {}
    involved = sorted({t for pair in clash for t in pair})
    texts = att["period"].astype(str)
    mine = texts.isin(involved).to_numpy()
    given = texts.to_numpy()[mine]
    # which employees hold a row of each period: one flag per employee and period, so that
    # a clash costs a few array passes, not a Python loop over every employee holding a row
    # of a clashing period (a month of everyone's, when one employee also has its recap)
    codes, who = pd.factorize(att["nip"][mine].astype(str), sort=False)
    holds: dict[str, np.ndarray] = {}
    for text in involved:
        flag = np.zeros(len(who), dtype=bool)
        flag[codes[given == text]] = True
        holds[text] = flag
    both: dict[int, set[str]] = {}
    for a, b in clash:
        for i in np.flatnonzero(holds[a] & holds[b]):
            both.setdefault(int(i), set()).update((a, b))
    return {
        str(who[i]): ", ".join(sorted(ts, key=lambda t: (spans[t].start, -spans[t].days)))
        for i, ts in both.items()
    }


def _sum_by_employee(
    frame: pd.DataFrame, sel: pd.DataFrame, codes: tuple[str, ...], nips: KeyTable
) -> None:
    """Each code's count summed per employee (0 without a row) by one look-up of every
    attendance row in the employees' NIP index: the same values as a groupby-sum then a map,
    without hashing the NIPs a second time. Rows of people who are not employees drop out."""
    n = len(frame)
    at = nips.positions(sel["nip"])
    found = at >= 0
    # every row an employee's: each code's column is read as it is, not copied
    ok: np.ndarray | slice = slice(None) if found.all() else found
    rows = at[ok]
    count = np.bincount(rows, minlength=n)
    one_each = bool(len(rows)) and count.max() == 1
    # every employee's one row, in the employees' order (a complete month's file: both
    # tables are in NIP order): the counts are the Dataset's columns themselves, shared
    # under copy-on-write, instead of 8 MB more per code and million employees
    in_place = isinstance(ok, slice) and one_each and len(rows) == n and is_identity(rows)
    for c in codes:
        col = sel[c]
        if in_place and col.dtype == np.int64:
            frame[c] = col.set_axis(frame.index)
            continue
        if col.dtype == np.int64:
            vals = col.to_numpy()[ok]
        else:
            vals = np.nan_to_num(col.to_numpy(dtype=np.float64, na_value=np.nan)[ok], nan=0.0)
        _put(frame, c, _totals(vals, rows, n, one_each))
    _put(frame, "has_attendance", count > 0)


def _totals(vals: np.ndarray, rows: np.ndarray, n: int, one_each: bool) -> np.ndarray:
    """Per employee (``n``) the int64 sum of ``vals`` at ``rows``."""
    total = np.zeros(n, dtype=np.int64)
    if one_each:  # one row per employee (a month's file): each count put in place
        total[rows] = vals
    elif vals.dtype != np.int64 or not len(vals) or int(np.abs(vals).max()) * len(vals) < 2**53:
        # a float sum of integers is exact while every partial sum stays below 2**53
        total[:] = np.bincount(rows, weights=vals, minlength=n)
    else:
        np.add.at(total, rows, vals)
    return total


def _appraisal(frame: pd.DataFrame, ds: Dataset, period: Period, nips: KeyTable) -> None:
    app = ds["appraisals"]
    frame["results"] = None
    frame["behaviour"] = None
    frame["has_appraisal"] = False
    if app.empty:
        _appraisal_extras(frame, app, np.full(len(frame), -1, dtype=np.int64))
        return
    # the appraisal of the period itself, else of the period enclosing it (a month's quarter
    # or caturwulan, where a region appraises per term; the year of a month, quarter or
    # caturwulan: an annual SKP rates each of them)
    candidates = [str(period)]
    if period.is_month:
        candidates += [str(period.quarter_of), str(period.term_of)]
    if period.kind != "year":
        candidates.append(str(period.year_period))
    n = len(frame)
    if nips.is_unique:
        # per employee the most specific period wins, then the last row of it (as before:
        # later rows overwrite earlier ones); what does not depend on the period (each row's
        # employee, its period and ratings as codes) is found once per Dataset
        index = _appraisal_index(ds, app, nips)
        want = {p: len(candidates) - i for i, p in enumerate(candidates)}
        rank = np.array([want.get(p, 0) for p in index.periods] + [0], dtype=np.int64)
        ranks = rank[index.period]  # 0: not a candidate period
        sel = np.flatnonzero(ranks > 0)
        if not len(sel):
            _appraisal_extras(frame, app, np.full(n, -1, dtype=np.int64))
            return
        at = index.employee[sel]
        score = ranks[sel] * (len(sel) + 1) + np.arange(len(sel))
        mine = np.flatnonzero(at >= 0)
        best = np.full(n, -1, dtype=np.int64)
        np.maximum.at(best, at[mine], score[mine])
        has = best >= 0
        row = np.full(n, -1, dtype=np.int64)
        row[has] = sel[best[has] % (len(sel) + 1)]
        for column in _RATINGS:
            _put(frame, column, index.rating(column, row))
        _put(frame, "has_appraisal", has)
        _appraisal_extras(frame, app, row)
        return
    results = np.full(n, None, dtype=object)
    behaviour = np.full(n, None, dtype=object)
    has = np.zeros(n, dtype=bool)
    row = np.full(n, -1, dtype=np.int64)
    position = pd.Series(np.arange(len(app)), index=app.index)
    for cand in reversed(candidates):  # the most specific period is written last, wins
        part = app[app["period"] == cand].drop_duplicates("nip", keep="last")
        if part.empty:
            continue
        last = pd.Index(part["nip"]).get_indexer(pd.Index(nips.values))
        hit = last >= 0
        results[hit] = part["results"].to_numpy(dtype=object)[last[hit]]
        behaviour[hit] = part["behaviour"].to_numpy(dtype=object)[last[hit]]
        row[hit] = position[part.index].to_numpy()[last[hit]]
        has |= hit
    _put(frame, "results", results)
    _put(frame, "behaviour", behaviour)
    _put(frame, "has_appraisal", has)
    _appraisal_extras(frame, app, row)


def _appraisal_extras(frame: pd.DataFrame, app: pd.DataFrame, row: np.ndarray) -> None:
    """The extra columns of each employee's appraisal row (``row``: its position in ``app``,
    -1 for none) as columns of the frame: a month's measure that is no rating and no whole
    count (hours worked 152.5, a daily-report score 87.5) travels with the appraisal of that
    month, as the appraisal itself does (a quarter's row stands in for its months). Blank
    where there is no row; a name the frame has already (an employee's extra column) is the
    employee's."""
    contract = set(TABLES["appraisals"].names)
    for column in app.columns:
        if column in contract or column in frame.columns:
            continue
        _put(frame, column, _extra_column(_objects(app[column]), row))


class _AppraisalIndex:
    """The appraisals of a Dataset as the employee frame reads them, whatever the period:
    each row's employee (row of the frame, -1: none), its period as a code, its ratings as
    codes. A year of months or a scenario study then looks up a million NIPs and codes two
    million ratings once, not once per calculation (~0.15 s each time at a million)."""

    def __init__(self, app: pd.DataFrame, nips: KeyTable) -> None:
        self.employee = nips.positions(app["nip"])
        codes, periods = pd.factorize(app["period"], use_na_sentinel=True)
        # -1 (no period) reads the last slot of a rank table: never a candidate
        self.period = np.where(codes < 0, len(periods), codes)
        self.periods = [str(p) for p in periods]
        self._ratings = {c: taken_as_categories(app[c], np.arange(len(app))) for c in _RATINGS}

    def rating(self, column: str, rows: np.ndarray) -> Any:
        """``rows`` (-1: none) of a rating column (results or behaviour), as categories of
        the column's values."""
        coded = self._ratings[column]
        if not isinstance(coded, pd.Categorical):  # not Arrow text: as the column holds it
            return coded.take(rows, allow_fill=True)
        codes = through(np.asarray(coded.codes), rows)
        return pd.Categorical.from_codes(codes, dtype=coded.dtype, validate=False)


_RATINGS = ("results", "behaviour")
_APPRAISALS: weakref.WeakKeyDictionary[Dataset, _AppraisalIndex] = weakref.WeakKeyDictionary()


def _appraisal_index(ds: Dataset, app: pd.DataFrame, nips: KeyTable) -> _AppraisalIndex:
    """The Dataset's :class:`_AppraisalIndex`, made on first use. Valid for every employee
    frame of ``ds``: they are all built from :func:`placed`, the same NIPs in the same order."""
    index = _APPRAISALS.get(ds)
    if index is None:
        index = _APPRAISALS[ds] = _AppraisalIndex(app, nips)
    return index


def _put(frame: pd.DataFrame, name: str, values: Any) -> None:
    """``frame[name] = values`` for a new array (or categories) of the frame's length,
    without the copy pandas makes of an array set as a column (~10 ms and 8 MB more per
    million rows, a dozen times per frame): wrapped in a Series, it is referenced under
    copy-on-write, so the frame still never shares writes with anything. A read-only array
    (a view of another frame's column) is copied: pandas would not know to copy it on write.
    """
    if isinstance(values, np.ndarray) and not values.flags.writeable:
        frame[name] = values
    else:
        frame[name] = pd.Series(values, index=frame.index, copy=False)


def _rows_where(table: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    """The rows of ``table`` where ``mask`` holds, renumbered; the table itself when every row
    does (a file of one month's attendance: no copy of a million rows)."""
    if bool(mask.all()):
        return table.reset_index(drop=True)
    return table[mask.to_numpy()].reset_index(drop=True)
