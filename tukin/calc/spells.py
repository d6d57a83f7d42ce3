"""Employees who held more than one position (or status) within the period: their *spells*.

The employees table holds the position now held, from its ``start_date`` (TMT); the
``position_history`` table the earlier ones. A promotion, transfer or CPNS -> PNS change
within a period pays each position for its own days (the old class up to the day before the
appointment, the new one from its day: Permen KKP 3/2026 art. 7(1)). The rule file says up
to which step the rules run once per position (``position_history: {sum_at: ...}``).

The employee frame gets one row per spell: the employee's own row (the *primary*: the latest
spell overlapping the period) stays where it is, the other spells are appended after the n
primary rows (*secondary* rows), each built by the same joins as the primary (position,
kelas, unit, OPD, days served for its own days) and taking everything else (attendance,
appraisal, extra columns) from the employee's row. The engine sums ``sum_at``'s values into
the primary and drops the secondary rows (:mod:`tukin.calc.engine`). Nothing of this runs
when no history row overlaps the period: a frame without spells is the frame as before.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from tukin._lookup import KeyTable
from tukin.contract import TABLES
from tukin.period import Period

if TYPE_CHECKING:
    from tukin.dataset import Dataset

__all__ = ["Spells", "history_in", "with_spells"]

TABLE = "position_history"
#: The columns of a spell that replace the employee's own in its row.
SPELL_COLUMNS = ("position_id", "status", "start_date", "end_date")


@dataclass(frozen=True)
class Spells:
    """Where the spells are in an employee frame of ``n + k`` rows: the first ``n`` rows are
    the employees (each the latest spell overlapping the period), the last ``k`` the others.

    ``owner[j]``: the primary row of secondary row ``n + j``. ``reference[r]``: the SK of
    frame row ``r``'s spell where the history gives one (None otherwise), for the reasons and
    the explanation."""

    n: int
    owner: np.ndarray
    reference: dict[int, str]
    #: per yes/no extra column with blank cells, where they are (every row of the frame)
    blanks: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def k(self) -> int:
        return len(self.owner)

    def __deepcopy__(self, memo: dict[int, Any]) -> Spells:
        """Itself: never changed once made (``others`` is a cache of ``owner``). pandas
        deep-copies a frame's ``attrs`` into every column or frame taken from it
        (``__finalize__``), and the frame's steps and explanations take columns hundreds of
        times: a copy per take cost a list per promoted employee each time (2,500 of 50,000
        promoted: a repeated full-pack calculation 0.10 -> 0.56 s CPU, an explanation
        0.4-0.5 s; review 108, found by the benchmark's position_history line)."""
        memo[id(self)] = self
        return self

    def members(self, rows: np.ndarray) -> np.ndarray:
        """``rows`` (frame rows) with every spell row of their employees, each once, sorted."""
        rows = np.asarray(rows, dtype=np.int64)
        prim = np.where(rows >= self.n, self.owner[np.maximum(rows - self.n, 0)], rows)
        mine = np.isin(self.owner, prim)
        return np.union1d(prim, self.n + np.flatnonzero(mine)).astype(np.int64)

    def primaries(self) -> np.ndarray:
        """The primary rows that have secondary rows (each once, sorted)."""
        return np.unique(self.owner)

    @cached_property
    def others(self) -> dict[int, list[int]]:
        """Primary row -> its secondary rows (frame rows), in one pass over ``owner``: the
        merge and the exact sums look them up per employee (a province may have thousands
        of promotions in a month)."""
        out: dict[int, list[int]] = {}
        for j, head in enumerate(self.owner.tolist()):
            out.setdefault(int(head), []).append(self.n + j)
        return out


def history_in(ds: Dataset | None, period: Period) -> pd.DataFrame:
    """The kept ``position_history`` rows of ``ds`` overlapping ``period`` (an empty frame
    when there are none or no such table)."""
    if ds is None or TABLE not in ds:
        return pd.DataFrame()
    hist = ds[TABLE]
    start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
    s, e = pd.to_datetime(hist["start_date"]), pd.to_datetime(hist["end_date"])
    return hist[((s <= end) & (e >= start)).to_numpy()].reset_index(drop=True)


def with_spells(
    frame: pd.DataFrame,
    ds: Dataset,
    period: Period,
    place: Any,
    service: Any,
    blanks: dict[str, np.ndarray] | None = None,
) -> pd.DataFrame:
    """``frame`` (one row per employee) with a row per spell overlapping ``period`` (see
    the module docstring); ``frame`` itself when there is none. ``place(employees)``: the
    employee frame's join of an employees-like table with positions, units and OPDs, and
    where its yes/no extra columns were blank; ``service(frame, period)``: its days in
    service. ``blanks``: where ``frame``'s yes/no extra columns were blank
    (``frame.flag_blanks``), given for the rows of the result in ``Spells.blanks``. The
    result's ``attrs["spells"]`` is a :class:`Spells`."""
    hist = history_in(ds, period)
    if hist.empty:
        return frame
    n = len(frame)
    at = KeyTable(frame["nip"]).positions(hist["nip"])
    hist, at = hist[at >= 0].reset_index(drop=True), at[at >= 0]
    if not len(at):
        return frame
    # the employees' own columns, their spell's position, status and dates
    contract = [c for c in TABLES["employees"].names if c in frame.columns]
    emp = ds["employees"]
    own = pd.DataFrame({c: emp[c].take(at).reset_index(drop=True) for c in contract if c in emp})
    for c in SPELL_COLUMNS:
        own[c] = hist[c].to_numpy()
    spells, spell_blanks = place(own)
    joined = set(spells.columns)  # the position's, the unit's and the employees row's own
    service(spells, period)
    # everything else is the employee's (attendance, appraisal, extra columns)
    for c in frame.columns:
        if c not in spells.columns:
            spells[c] = frame[c].take(at).reset_index(drop=True)
    spells = spells[list(frame.columns)]
    # the primary: the latest spell overlapping the period. The employees row is the latest
    # where it overlaps (history ends before its start); else the latest history row
    served = frame["days_served"].to_numpy()
    starts = pd.to_datetime(hist["start_date"]).to_numpy()
    order = np.lexsort((starts, at))  # by employee, then start
    last = np.r_[at[order][1:] != at[order][:-1], True]
    latest = order[last]  # each employee's latest history spell
    swap = latest[served[at[latest]] <= 0]  # its employees row has no day in the period
    secondary = np.setdiff1d(np.arange(len(at)), swap)
    rows = np.arange(n + len(at))
    rows[at[swap]] = n + swap  # the spell takes its employee's place
    taken = np.r_[rows[:n], n + secondary]
    refs = hist["reference"].to_numpy(dtype=object) if "reference" in hist else None
    reference: dict[int, str] = {}
    if refs is not None:
        where = np.full(len(at), -1, dtype=np.int64)
        where[swap] = at[swap]
        where[secondary] = n + np.arange(len(secondary))
        for j in np.flatnonzero(~pd.isna(refs)).tolist():
            reference[int(where[j])] = str(refs[j])
    out = _stacked(frame, spells, taken)
    out.attrs = dict(frame.attrs)
    # blank yes/no cells: an extra column of the position (or unit) is the spell's own, one
    # of the employee the employee's
    typed: dict[str, np.ndarray] = {}
    for c, blank in (blanks or {}).items():
        if len(blank) != n:
            continue
        lower = spell_blanks.get(c, np.zeros(len(at), dtype=bool)) if c in joined else blank[at]
        typed[c] = np.r_[blank, lower][taken]
    out.attrs["spells"] = Spells(n, at[secondary].astype(np.int64), reference, typed)
    return out


def _stacked(top: pd.DataFrame, bottom: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """The rows ``rows`` of ``top`` over ``bottom``, column by column, each column keeping
    ``top``'s type (categories joined: text shared by many employees stays coded)."""
    columns: dict[str, Any] = {}
    for c in top.columns:
        a, b = top[c], bottom[c]
        if isinstance(a.dtype, pd.CategoricalDtype):
            cat_b = b.array if isinstance(b.dtype, pd.CategoricalDtype) else pd.Categorical(b)
            both: Any = union_categoricals([a.array, cat_b], ignore_order=True)
            columns[c] = pd.Series(both.take(rows), copy=False)
            continue
        if b.dtype != a.dtype:
            try:
                b = b.astype(a.dtype)
            except (TypeError, ValueError):
                a, b = a.astype(object), b.astype(object)
        joined = pd.concat([a.reset_index(drop=True), b.reset_index(drop=True)], ignore_index=True)
        columns[c] = joined.take(rows).reset_index(drop=True)
    return pd.DataFrame(columns, copy=False)
