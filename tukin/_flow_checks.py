"""A flow's recap that disagrees with the periods inside it (``flow_recap_differs``, a note).

An indicator whose ``aggregation`` is ``sum`` (a flow, :mod:`tukin.monitoring.flows`) adds
its reports up over a period, and where a longer report overlaps shorter ones, the longer
one wins: a quarter's own row is its figure, its months are not added to it. That is the
right reading when the recap corrects the months, and the wrong one when it is a typing slip:
either way the clerk who typed both must hear that they disagree, or the months' figures
vanish without a word. So every recap row (a quarter, caturwulan or year, of realisations or
targets) is compared with what the rows inside it add up to by the same rule (a longer row
inside it winning over the ones it covers):

* when the rows inside cover every month of the recap, a different total is a note;
* when they cover only some months, a total *above* the recap's is a note (figures are
  never negative: the months given already exceed the whole); a total below it is not,
  as the months not given may hold the rest.

A note changes nothing: the recap stays the figure (the rule documented in
docs/responsibility.md), no row is rejected, ``report.ok`` stays true. Targets' upper bounds
(``target_max``, a range's) are compared alike, where the recap or a row inside has one (a
row without adds its ``target``). Status is not looked at: the rows disagree whatever was
approved.

Vectorised over rows: one pass per distinct recap period (a year holds at most eight), with
the rule of :func:`tukin.monitoring.flows.period_sums`; Python touches the rows noted only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tukin._coerce import Batch
from tukin.period import Period

if TYPE_CHECKING:
    from tukin._relations import Work

__all__ = ["flow_recaps"]


def flow_recaps(works: dict[str, Work]) -> list[Batch]:
    """The ``flow_recap_differs`` notes of the realisations and targets (kept rows only:
    call after the rows' rejections are known)."""
    flows = _sum_indicators(works.get("indicators"))
    if flows is None:
        return []
    out: list[Batch] = []
    for table, columns in (("realisations", ("value",)), ("targets", ("target", "target_max"))):
        work = works.get(table)
        if work is not None and work.n:
            out += _recaps(work, works["indicators"], flows, columns)
    return out


def _sum_indicators(work: Work | None) -> np.ndarray | None:
    """Per indicator input row: a kept ``sum`` indicator; None when there is none (the usual
    case, and every input without the column: nothing here runs)."""
    if work is None or not work.n or "aggregation" not in work.raw.columns:
        return None
    cell = work.cells["aggregation"]
    mask = cell.present & (cell.values == "sum").to_numpy(dtype=bool, na_value=False)
    mask &= ~work.rejected
    return mask if mask.any() else None


def _owners(work: Work, indicators: Work) -> np.ndarray:
    """Each row's indicator as an input row of ``indicators`` (-1: none)."""
    found = work.refs.get("indicator_id")
    if found is not None:
        return np.asarray(found, dtype=np.int64)
    keys = pd.Index(indicators.cells["indicator_id"].comparable().astype(object))
    ids = work.cells["indicator_id"].comparable().astype(object)
    first = ~keys.duplicated()
    at = keys[first].get_indexer(pd.Index(ids))
    return np.where(at >= 0, np.flatnonzero(first)[np.maximum(at, 0)], -1).astype(np.int64)


def _recaps(
    work: Work, indicators: Work, flows: np.ndarray, columns: tuple[str, ...]
) -> list[Batch]:
    from tukin.monitoring.flows import period_sums

    owner = _owners(work, indicators)
    period_cell = work.cells["period"]
    ok = ~work.rejected & period_cell.present & (owner >= 0)
    ok &= flows[np.maximum(owner, 0)]
    rows = np.flatnonzero(ok)
    if not len(rows):
        return []
    codes, uniq = pd.factorize(period_cell.values.iloc[rows].astype(object))
    spans: list[Period | None] = [Period.parse(str(u)) for u in uniq]
    long_codes = [j for j, p in enumerate(spans) if p is not None and p.kind != "month"]
    if not long_codes:
        return []  # months only: nothing recaps anything
    own = owner[rows]
    n = indicators.n
    bits = np.asarray(
        [sum(1 << (m.index - 1) for m in p.months()) if p else 0 for p in spans], dtype=np.int64
    )
    values = {c: _numbers(work, c, rows) for c in columns}
    if "target_max" in values:  # a range's upper bound; a row without one adds its target
        top = values["target_max"]
        ranged = ~np.isnan(top)
        values["target_max"] = np.where(ranged, top, values["target"])
    out: list[Batch] = []
    for column in columns:
        noted: list[tuple[int, float, float, list[int]]] = []
        for j in long_codes:
            recap = spans[j]
            assert recap is not None
            at = np.flatnonzero(codes == j)
            # the rows inside the recap, the recap itself left out, added by the flow rule
            inner_owner = np.where(codes == j, -1, own)
            sums = period_sums(inner_owner, codes, spans, values[column], n, recap, own_only=False)
            covered = np.zeros(n, dtype=np.int64)
            np.bitwise_or.at(covered, sums.owners, bits[codes[sums.rows]])
            ind = own[at]
            mine = values[column][at]
            inner = sums.value[ind]
            full = covered[ind] == bits[j]
            differs = np.where(full, inner != mine, inner > mine) & ~np.isnan(inner)
            differs &= ~np.isnan(mine)
            if column == "target_max":  # only where a range is in play
                has_range = np.bincount(sums.owners, weights=ranged[sums.rows], minlength=n) > 0
                differs &= ranged[at] | has_range[ind]
            for k in np.flatnonzero(differs):
                i = int(ind[k])
                inside = sums.rows[sums.owners == i]
                inside = inside[np.argsort([spans[c].start for c in codes[inside]])]
                noted.append((int(at[k]), float(mine[k]), float(inner[k]), inside.tolist()))
        if noted:
            out.append(_batch(work, column, rows, codes, uniq, values[column], noted))
    return out


def _numbers(work: Work, column: str, rows: np.ndarray) -> np.ndarray:
    """A decimal column's values on ``rows`` as floats (NaN: blank or unusable)."""
    cell = work.cells.get(column)
    if cell is None:
        return np.full(len(rows), np.nan)
    values = pd.to_numeric(cell.values.iloc[rows], errors="coerce").to_numpy(
        dtype=np.float64, na_value=np.nan
    )
    return np.where(cell.present[rows], values, np.nan)


def _batch(
    work: Work,
    column: str,
    rows: np.ndarray,
    codes: np.ndarray,
    uniq: pd.Index,
    values: np.ndarray,
    noted: list[tuple[int, float, float, list[int]]],
) -> Batch:
    """One note per recap row: its figure, the total of the rows inside, those rows (as input
    rows, which a reader turns into its sheet's: ``other_rows``) and their periods."""
    from tukin.monitoring.flows import figure_text

    noted.sort()
    ids = work.cells["indicator_id"].values
    recap_rows = np.asarray([rows[k] for k, _, _, _ in noted], dtype=np.int64)
    parts = [
        ", ".join(f"{uniq[codes[r]]} = {figure_text(values[r])}" for r in inside)
        for _, _, _, inside in noted
    ]
    other = [", ".join(str(int(rows[r])) for r in inside) for _, _, _, inside in noted]
    return Batch(
        work.spec.name,
        "flow_recap_differs",
        column,
        recap_rows,
        np.asarray([mine for _, mine, _, _ in noted], dtype=object),
        row_fields={
            "indicator": ids.iloc[recap_rows].to_numpy(dtype=object),
            "period": np.asarray([str(uniq[codes[k]]) for k, _, _, _ in noted], dtype=object),
            "shown": np.asarray([figure_text(m) for _, m, _, _ in noted], dtype=object),
            "total": np.asarray([figure_text(t) for _, _, t, _ in noted], dtype=object),
            "parts": np.asarray(parts, dtype=object),
            "other_rows": np.asarray(other, dtype=object),
        },
    )
