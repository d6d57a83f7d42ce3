"""Rows of one flow whose periods overlap without either holding the other
(``flow_periods_overlap``, a note).

A summed indicator (``aggregation: sum``, :mod:`tukin.monitoring.flows`) adds its rows up
over a period, and where rows overlap the longer one wins and the shorter ones it meets are
not added. Between a recap and the rows inside it that is the documented reading (and
``flow_recap_differs`` says when they disagree). A quarter beside a caturwulan that shares
some of its months (2025-Q2, April to June, beside 2025-C2, May to August) is another
thing: neither is a recap of the other, the months they share are planned (or reported)
twice, and the year's figure adds the caturwulan alone, leaving the quarter out, its month
outside the caturwulan (April) included. Nothing was said (review 128): a plan of 60 for Q2
and 80 for C2 became a year's plan of 80 without a word to the clerk who typed both.

So every such pair is noted on the row left out (the shorter one: a quarter, as a
caturwulan is longer), naming the rows it meets, their figures and the months shared. A note
changes nothing: no row is rejected, the figures stay those of the rule, ``report.ok`` stays
true. Rows of every verification status are compared, as for ``flow_recap_differs``.

Vectorised over rows: one pass per pair of distinct periods that overlap this way (a year
holds four: Q2 with C1 and C2, Q3 with C2 and C3); Python touches the rows noted only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tukin._coerce import Batch
from tukin._flow_checks import Summed, _numbers, _texts
from tukin.period import Period

if TYPE_CHECKING:
    from tukin._relations import Work

__all__ = ["flow_overlaps"]


def flow_overlaps(works: dict[str, Work], summed: dict[str, Summed]) -> list[Batch]:
    """The ``flow_periods_overlap`` notes of the targets and realisations (``summed``:
    :func:`tukin._flow_checks.summed_tables`, kept rows only)."""
    out: list[Batch] = []
    for table, column in (("targets", "target"), ("realisations", "value")):
        if table in summed:
            out += _overlaps(works[table], summed[table], column)
    return out


def _overlaps(work: Work, summed: Summed, column: str) -> list[Batch]:
    rows, own, codes, uniq, spans, n = summed
    # pairs of distinct periods of one year sharing months, neither holding the other; the
    # shorter first (the one a figure holding both leaves out)
    meets: list[tuple[int, int]] = []
    for a, pa in enumerate(spans):
        for b, pb in enumerate(spans):
            if pa.year != pb.year:
                continue
            both = pa.month_bits & pb.month_bits
            if (
                both
                and both not in (pa.month_bits, pb.month_bits)
                and len(pa.months()) < len(pb.months())
            ):
                meets.append((a, b))
    if not meets:
        return []  # the usual case: months, or quarters only
    values = _numbers(work, column, rows)
    live = ~np.isnan(values)  # a blank figure is added nowhere
    pairs: list[np.ndarray] = []  # (row left out, a longer row it meets), both into rows
    for a, b in meets:
        longer = np.full(n, -1, dtype=np.int64)
        at_b = np.flatnonzero((codes == b) & live)
        longer[own[at_b][::-1]] = at_b[::-1]  # a period repeated is rejected: the first
        at_a = np.flatnonzero((codes == a) & live)
        mate = longer[own[at_a]]
        hit = mate >= 0
        pairs.append(np.column_stack([at_a[hit], mate[hit]]))
    found = np.concatenate(pairs)
    if not len(found):
        return []
    return [_batch(work, column, rows, codes, uniq, spans, values, found)]


def _batch(
    work: Work,
    column: str,
    rows: np.ndarray,
    codes: np.ndarray,
    uniq: pd.Index,
    spans: list[Period],
    values: np.ndarray,
    found: np.ndarray,
) -> Batch:
    """One note per row left out (``found[:, 0]``, into ``rows``), naming the longer rows it
    meets (``found[:, 1]``) as ``parts`` (``2025-C2 = 80``), their input rows (``other_rows``,
    which a reader turns into its sheet's) and the months shared (``months``)."""
    from tukin.monitoring.flows import pieces_joined, runs_joined

    starts = np.asarray([p.start.toordinal() for p in spans], dtype=np.int64)
    by = np.lexsort((starts[codes[found[:, 1]]], found[:, 0]))
    short, other = found[by, 0], found[by, 1]
    texts = [str(u) for u in uniq]
    first, parts = pieces_joined(
        values[other], codes[other], texts, short, "{period} = {figure}", ", "
    )
    _, others = runs_joined(rows[other].astype(str).astype(object), short, ", ")
    noted = short[first]
    shared = np.zeros(len(noted), dtype=np.int64)
    run = np.cumsum(np.r_[True, short[1:] != short[:-1]]) - 1
    bits = np.asarray([p.month_bits for p in spans], dtype=np.int64)
    np.bitwise_or.at(shared, run, bits[codes[other]])
    shared &= bits[codes[noted]]
    months = [
        ", ".join(str(m) for m in spans[c].months() if (s >> (m.index - 1)) & 1)
        for c, s in zip(codes[noted], shared, strict=True)
    ]
    recap_rows = rows[noted]
    fields = {
        "indicator": work.cells["indicator_id"].values.iloc[recap_rows].to_numpy(dtype=object),
        "period": np.asarray(texts, dtype=object)[codes[noted]],
        "shown": _texts(values[noted]),
        "parts": parts,
        "other_rows": others,
        "shared_months": np.asarray(months, dtype=object),
    }
    return Batch(
        work.spec.name,
        "flow_periods_overlap",
        column,
        recap_rows.astype(np.int64),
        values[noted].astype(object),
        row_fields=fields,
    )
