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
row without adds its ``target``).

Rows of every verification ``status`` are compared: under the default ``min_status``
(``entered``) the calculation reads them all, a draft month is still the clerk's to correct,
and validation knows no rule's ``min_status``. What status changes is which figure a step
uses: a step counting only reports of a higher status than the recap's reads the rows inside
instead of it. So where the recap is less verified than a row inside it (an entered recap
beside signed months), the note names the recap's status and says so, rather than that the
recap is used (review 89: it said so whatever the statuses).

Vectorised over rows: one pass per distinct recap period (a year holds at most eight), with
the rule of :func:`tukin.monitoring.flows.period_sums`; Python touches the rows noted only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

import numpy as np
import pandas as pd

from tukin._coerce import Batch
from tukin.period import Period

if TYPE_CHECKING:
    from tukin._relations import Work

__all__ = ["Summed", "flow_recaps", "summed_tables"]


class Summed(NamedTuple):
    """The kept rows of one table (``realisations`` or ``targets``) with a period that report
    a kept ``sum`` indicator: what both flow checks (:func:`flow_recaps`,
    :func:`tukin._flow_overlaps.flow_overlaps`) compare, found once for both."""

    rows: np.ndarray  # input rows of the table
    own: np.ndarray  # their indicators, as input rows of ``indicators``
    codes: np.ndarray  # each row's period, as a code into ``uniq`` / ``spans``
    uniq: pd.Index  # the distinct period texts
    spans: list[Period]  # and their periods
    indicators: int  # rows of ``indicators`` (the size of per-indicator arrays)


def summed_tables(works: dict[str, Work]) -> dict[str, Summed]:
    """Per table (``realisations``, ``targets``), its :class:`Summed` rows; a table without
    any is left out, and the dict is empty without a kept ``sum`` indicator (the usual case,
    and every input without the ``aggregation`` column: nothing more runs). Kept rows only:
    call after the rows' rejections are known."""
    indicators = works.get("indicators")
    flows = _sum_indicators(indicators)
    if flows is None or indicators is None:
        return {}
    out: dict[str, Summed] = {}
    for table in ("realisations", "targets"):
        work = works.get(table)
        if work is not None and work.n:
            found = summed_rows(work, indicators, flows)
            if found is not None:
                out[table] = Summed(*found, indicators=indicators.n)
    return out


def flow_recaps(works: dict[str, Work], summed: dict[str, Summed]) -> list[Batch]:
    """The ``flow_recap_differs`` notes of the realisations and targets (``summed``:
    :func:`summed_tables`)."""
    out: list[Batch] = []
    for table, columns in (("realisations", ("value",)), ("targets", ("target", "target_max"))):
        if table in summed:
            out += _recaps(works[table], summed[table], columns)
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
    from tukin._lookup import positions_in

    keys = indicators.cells["indicator_id"].comparable()
    first = ~keys.duplicated().to_numpy(dtype=bool)  # a repeated id is rejected anyway
    at = positions_in(work.cells["indicator_id"].comparable(), keys[first])
    return np.where(at >= 0, np.flatnonzero(first)[np.maximum(at, 0)], -1).astype(np.int64)


def summed_rows(
    work: Work, indicators: Work, flows: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, pd.Index, list[Period]] | None:
    """The kept rows of ``work`` with a period that report a kept ``sum`` indicator
    (``flows``): their input rows, their indicators (input rows of ``indicators``), each
    row's period as a code, the distinct period texts and their periods. None when there is
    no such row (:class:`Summed`'s fields)."""
    owner = _owners(work, indicators)
    period_cell = work.cells["period"]
    ok = ~work.rejected & period_cell.present & (owner >= 0)
    ok &= flows[np.maximum(owner, 0)]
    rows = np.flatnonzero(ok)
    if not len(rows):
        return None
    codes, uniq = pd.factorize(period_cell.values.iloc[rows])  # Arrow text: no objects
    spans = [Period.parse(str(u)) for u in uniq]
    return rows, owner[rows], codes, uniq, spans


def _recaps(work: Work, found: Summed, columns: tuple[str, ...]) -> list[Batch]:
    from tukin.monitoring.flows import period_sums

    rows, own, codes, uniq, spans, n = found
    long_codes = [j for j, p in enumerate(spans) if p.kind != "month"]
    if not long_codes:
        return []  # months only: nothing recaps anything
    # only the indicators with a recap row: monthly rows of the others are never compared
    recapped = np.zeros(n, dtype=bool)
    recapped[own[np.isin(codes, long_codes)]] = True
    keep = recapped[own]
    rows, codes, own = rows[keep], codes[keep], own[keep]
    bits = np.asarray([p.month_bits for p in spans], dtype=np.int64)
    values = {c: _numbers(work, c, rows) for c in columns}
    rank = _ranks(work, rows)
    if "target_max" in values:  # a range's upper bound; a row without one adds its target
        top = values["target_max"]
        ranged = ~np.isnan(top)
        values["target_max"] = np.where(ranged, top, values["target"])
    start = np.asarray([p.start.toordinal() for p in spans], dtype=np.int64)
    out: list[Batch] = []
    for column in columns:
        recaps: list[np.ndarray] = []  # per recap period: the recap rows noted (into rows)
        totals: list[np.ndarray] = []  # their rows' totals
        pairs: list[np.ndarray] = []  # (recap noted, a row inside it), both into rows
        behind: list[np.ndarray] = []  # per recap noted: a row inside is more verified
        for j in long_codes:
            recap = spans[j]
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
            if not differs.any():
                continue
            # an indicator has one row of a period (duplicates are rejected): its recap
            recap_of = np.full(n, -1, dtype=np.int64)
            recap_of[ind[differs]] = at[differs]
            mate = recap_of[sums.owners]
            live = mate >= 0
            best = np.full(n, -1, dtype=np.int64)  # per indicator, the highest status inside
            np.maximum.at(best, sums.owners, rank[sums.rows])
            recaps.append(at[differs])
            totals.append(inner[differs])
            behind.append(rank[at[differs]] < best[ind[differs]])
            pairs.append(np.column_stack([mate[live], sums.rows[live]]))
        if recaps:
            noted = np.concatenate(recaps)
            total = np.concatenate(totals)
            inside = np.concatenate(pairs)
            lower = np.concatenate(behind)
            # a recap less verified than a row inside: its status, and the one above it
            said = np.where(lower, rank[noted], -1)
            out.append(
                _batch(
                    work,
                    column,
                    rows,
                    codes,
                    uniq,
                    values[column],
                    noted,
                    total,
                    inside,
                    start,
                    said,
                )
            )
    return out


#: Verification statuses, lowest first (``tukin.monitoring.figures.STATUS_RANK``).
STATUSES = ("entered", "approved", "signed")


def _ranks(work: Work, rows: np.ndarray) -> np.ndarray:
    """Each of ``rows``' verification status as its rank in :data:`STATUSES` (no status
    column, a blank or unknown one: signed, as the figures read it); targets have none."""
    cell = work.cells.get("status")
    if cell is None:
        return np.full(len(rows), 2, dtype=np.int64)
    codes, uniq = pd.factorize(cell.values.iloc[rows], use_na_sentinel=True)
    known = {s: k for k, s in enumerate(STATUSES)}
    ranks = np.asarray([known.get(str(u), 2) for u in uniq] + [2], dtype=np.int64)[codes]
    return np.where(cell.present[rows], ranks, 2)


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
    noted: np.ndarray,
    total: np.ndarray,
    inside: np.ndarray,
    start: np.ndarray,
    status: np.ndarray,
) -> Batch:
    """One note per recap row (``noted``, into ``rows``): its figure, the ``total`` of the
    rows inside, and those rows (``inside``: pairs of a recap noted and a row inside it) as
    ``parts`` (``2025-01 = 20, 2025-02 = 30``) and input rows (``other_rows``, which a
    reader turns into its sheet's). Texts are built per distinct (period, figure) and joined
    by one ``reduceat``, not per note (a whole export of recaps may disagree). ``status``:
    per note, the recap's status rank where a row inside is more verified (-1: none), said
    as ``status`` and ``above`` (the next status up)."""
    from tukin.monitoring.flows import pieces_joined, runs_joined

    order = np.argsort(noted, kind="stable")
    noted, total, status = noted[order], total[order], status[order]
    place = np.full(len(rows), -1, dtype=np.int64)  # a recap row's note (in order)
    place[noted] = np.arange(len(noted))
    note, row = place[inside[:, 0]], inside[:, 1]
    by = np.lexsort((start[codes[row]], note))  # per note, its rows in period order
    note, row = note[by], row[by]
    texts = [str(u) for u in uniq]
    _, parts = pieces_joined(values[row], codes[row], texts, note, "{period} = {figure}", ", ")
    _, other = runs_joined(rows[row].astype(str).astype(object), note, ", ")
    recap_rows = rows[noted]
    ids = work.cells["indicator_id"].values
    mine = values[noted]
    fields = {
        "indicator": ids.iloc[recap_rows].to_numpy(dtype=object),
        "period": np.asarray(texts, dtype=object)[codes[noted]],
        "shown": _texts(mine),
        "total": _texts(total),
        "parts": parts,
        "other_rows": other,
    }
    if (status >= 0).any():
        names = np.asarray([*STATUSES, None], dtype=object)
        fields["status"] = names[status]  # -1: None, the last
        fields["above"] = names[np.where(status >= 0, np.minimum(status + 1, 2), -1)]
    return Batch(
        work.spec.name,
        "flow_recap_differs",
        column,
        recap_rows.astype(np.int64),
        mine.astype(object),
        row_fields=fields,
    )


def _texts(numbers: np.ndarray) -> np.ndarray:
    """Figures as typed (:func:`tukin.monitoring.flows.figure_text`), each distinct one once."""
    from tukin.monitoring.flows import figure_text

    codes, uniq = pd.factorize(numbers)
    return np.asarray([figure_text(u) for u in uniq], dtype=object)[codes]
