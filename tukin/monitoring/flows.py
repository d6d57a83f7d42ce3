"""Figures of flow indicators (``aggregation: sum``): a period's figure adds up its reports.

An indicator's ``aggregation`` (data contract, ``indicators``) says what a report holds:

``level`` (the default)
    the state reached by the end of the report's period: physical progress to date, a
    percentage, a running total. A period's figure is the *latest* report (the ``periods``
    rule of :func:`~tukin.monitoring.figures.indicator_figures`).
``sum``
    what happened in the report's period alone: "jumlah pelatihan dilaksanakan" reported
    as the month's number. Taking the latest month for a quarter would read June's 100 as
    the quarter's when April and May were 0, or June's 30 when each month trained 30. A
    period's figure is the sum of the reports lying inside it.

Which reports are added up, for a period P:

* under ``latest`` (the default), every counted report whose period lies inside P; where
  reports overlap (P's own quarterly row beside its months, a quarter beside its months in
  a year's figure) the **longer report wins** and the shorter ones it overlaps are not
  added. Why: a quarterly row is the officer's figure for the whole quarter, the one the
  Rakordal reads, and may correct the months; adding both would count the months twice.
  A report of a period enclosing P (the year's total in a quarter's figure) never counts:
  a flow of a longer period is not P's;
* under ``enclosing`` and ``exact``, P's own row only (for the same reason, ``enclosing``
  reads no enclosing period of a flow).

Targets aggregate alike: P's own target, else (``latest``) the sum of the targets inside it,
longer periods winning; a range ``[target, target_max]`` adds both bounds (a part without
``target_max`` adds its target to the upper bound). The target decides: a flow with **no
target for P** (its own or inside it: a monthly payment of an indicator planned and reported
per quarter) is not summed; under ``latest`` it keeps the level's choice, the latest report
ending by P's end, compared with the target of that report's own period (Q1's count against
Q1's target), never with an enclosing period's (the year's plan is not a quarter's). Where
that leaves it without a target while a period around P has one, the figure names that
period (``target_longer``): the report counts it, the payment run warns and the explanation
says why (a position with nothing else is otherwise unscored without a word).

The target also decides **which months** are compared. P's own target plans all of P; without
one, the plan is the months of the targets inside P, and a report lying wholly in months with
no target is left out of the sum (``value_unplanned`` names it, the report counts it in
``indicators_unplanned_reports``, the payment run warns ``flow_reports_unplanned``): a month without a target is scored in no payment of its own
(no ratio), so the quarter compares the months planned with what was done *in them*, not
June's unplanned 30 against April's and May's plan (150 % where the months score 75 %). A
target of 0 plans a month ("nothing planned, count what is done"). A report spanning planned
and unplanned months (a quarterly recap beside monthly targets) cannot be split and counts
whole: leaving it out would leave a quarter reported only as a whole with no realisation
(scored 0), the greater error; it is named instead (``value_beyond_plan``, counted in
``indicators_unplanned_reports``, the payment run warns ``flow_reports_partly_unplanned``). The reverse, a month planned and not reported, is not left out: it adds its target and
nothing done (not reporting is not performing), and the report flags the month missing
(``indicators_unreported_periods`` for a month before the latest one reported,
``indicators_outdated`` after it); with none reported the indicator has no realisation.

Everything here is vectorised over report rows (no loop per indicator): months are bits of
an integer (``1 << (month - 1)``), the longer reports' months are OR-ed per indicator and
length, and a shorter report meeting them is dropped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tukin.period import Period

__all__ = [
    "PeriodSums",
    "decimal_sums",
    "figure_text",
    "parts_text",
    "period_sums",
    "pieces_joined",
    "planned_months",
    "runs_joined",
    "sum_indicators",
]


def sum_indicators(indicators: pd.DataFrame) -> np.ndarray | None:
    """Per indicator row, whether its ``aggregation`` is ``sum``; None when no indicator's
    is (the figures are then those of levels and nothing here runs). Reads the Dataset's
    normalised values: an unknown one never gets this far (validation refuses it)."""
    if "aggregation" not in indicators:
        return None
    mask = (indicators["aggregation"] == "sum").to_numpy(dtype=bool, na_value=False)
    return mask if mask.any() else None


@dataclass(frozen=True)
class PeriodSums:
    """Per indicator: the sum (NaN: no report added), how many reports were added and the
    latest of them (a row of the input, -1: none); the rows added with their owners; the
    rows left out for lying in months outside ``allowed`` (the plan) with theirs; and the
    rows added whole although they also cover months outside the plan (``beyond``: a
    quarter's recap beside monthly targets, which cannot be split) with theirs."""

    value: np.ndarray
    count: np.ndarray
    last: np.ndarray
    rows: np.ndarray
    owners: np.ndarray
    unplanned: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    unplanned_owners: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    beyond: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))
    beyond_owners: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=np.int64))


def period_sums(
    owner: np.ndarray,
    codes: np.ndarray,
    spans: Sequence[Period | None],
    values: np.ndarray,
    n: int,
    period: Period,
    *,
    own_only: bool,
    allowed: np.ndarray | None = None,
) -> PeriodSums:
    """Sums per indicator of the rows inside ``period`` (its own row only with ``own_only``).

    ``owner``: each row's indicator (-1: not added: another indicator's, or not counted);
    ``codes``: each row's period as a position in ``spans`` (-1: none); ``values``: each
    row's number (NaN: not added). Rows repeating an indicator and period (a frame not
    validated) are added once, the first. ``allowed``: per indicator, the months (bits) a
    row must meet to be added (the months planned, :func:`planned_months`); a row meeting
    none of them is left out, and returned as ``unplanned`` where no row added covers it;
    a row added that also covers months outside them is returned as ``beyond``.
    """
    k = len(spans)
    inside = np.zeros(k + 1, dtype=bool)
    months = np.zeros(k + 1, dtype=np.int64)
    length = np.zeros(k + 1, dtype=np.int64)
    rank = np.zeros(k + 1, dtype=np.int64)
    for j, p in enumerate(spans):
        if p is None:
            continue
        if own_only:
            ok = p == period
        else:
            ok = p.year == period.year and period.start <= p.start and p.end <= period.end
        if ok:
            inside[j] = True
            months[j] = p.month_bits
            length[j] = len(p.months())
            rank[j] = p.end.toordinal() * 100 + length[j]
    code = np.where(codes >= 0, codes, k)
    live = np.flatnonzero(inside[code] & (owner >= 0) & ~np.isnan(values))
    if len(live):
        _, first = np.unique(owner[live] * (k + 1) + code[live], return_index=True)
        live = live[np.sort(first)]
    out_rows = out_owners = np.zeros(0, dtype=np.int64)
    if allowed is not None and len(live):
        meets = (months[code[live]] & allowed[owner[live]]) != 0
        out_rows, live = live[~meets], live[meets]
        out_owners = owner[out_rows]
    own, bits, size = owner[live], months[code[live]], length[code[live]]
    keep = np.ones(len(live), dtype=bool)
    for longer in np.unique(size)[1:]:
        # the months each indicator's reports of this length cover; a shorter report
        # meeting them is inside a longer one that wins
        cover = np.zeros(n, dtype=np.int64)
        at = size == longer
        np.bitwise_or.at(cover, own[at], bits[at])
        keep &= ~((size < longer) & ((cover[own] & bits) != 0))
    rows, own = live[keep], own[keep]
    count = np.bincount(own, minlength=n).astype(np.int64)
    value = np.where(count > 0, decimal_sums(values[rows], own, n), np.nan)
    last = np.full(n, -1, dtype=np.int64)
    if len(rows):
        order = np.lexsort((rank[code[rows]], own))
        end = np.r_[own[order][1:] != own[order][:-1], True]
        last[own[order][end]] = rows[order][end]
    if len(out_rows):  # left out by the plan, not merely inside a longer report added
        covered = np.zeros(n, dtype=np.int64)
        np.bitwise_or.at(covered, own, months[code[rows]])
        alone = (months[code[out_rows]] & covered[out_owners]) == 0
        out_rows, out_owners = out_rows[alone], out_owners[alone]
    beyond = np.zeros(0, dtype=np.int64)
    if allowed is not None and len(rows):  # -1 (any month) has no month outside
        beyond = np.flatnonzero((months[code[rows]] & ~allowed[own]) != 0)
    return PeriodSums(
        value, count, last, rows, own, out_rows, out_owners, rows[beyond], own[beyond]
    )


def planned_months(
    sums: PeriodSums, codes: np.ndarray, spans: Sequence[Period | None], n: int
) -> np.ndarray:
    """Per indicator, the months (bits of ``1 << (month - 1)``) of the target rows ``sums``
    added: a period's own target plans all its months, monthly targets their months."""
    bits = np.asarray(
        [p.month_bits if p is not None else 0 for p in spans] + [0],
        dtype=np.int64,
    )
    out = np.zeros(n, dtype=np.int64)
    if len(sums.rows):
        np.bitwise_or.at(out, sums.owners, bits[codes[sums.rows]])
    return out


def decimal_sums(values: np.ndarray, groups: np.ndarray, n: int) -> np.ndarray:
    """Per group (0..n-1), the sum of ``values``: the float nearest the exact sum of the
    decimals they stand for (``0.1 + 0.2`` is ``0.3``, not ``0.30000000000000004``).

    Why: a figure is a decimal a clerk typed; the exact backend reads its shortest decimal
    form, so a float sum's last binary digit would become a digit of the score. Values of at
    most nine decimals are summed as integers (exact while the sum stays below 2**53) and
    divided once; others (none a person types) are summed as floats.
    """
    groups = np.asarray(groups, dtype=np.int64)
    if not len(values):
        return np.zeros(n)
    for places in range(10):
        scale = 10.0**places
        scaled = np.rint(values * scale)
        if np.array_equal(scaled / scale, values):
            magnitude = np.bincount(groups, weights=np.abs(scaled), minlength=n)
            if float(magnitude.max(initial=0.0)) < 2.0**53:
                return np.bincount(groups, weights=scaled, minlength=n) / scale
            break
    return np.bincount(groups, weights=values, minlength=n)


def parts_text(
    values: np.ndarray,
    period_codes: np.ndarray,
    period_texts: list[str],
    order_key: np.ndarray,
    owners: np.ndarray,
    n: int,
    at_least: int = 2,
) -> np.ndarray:
    """Per indicator, ``"0 (2025-04) + 0 (2025-05) + 100 (2025-06)"``: the reports added up,
    in period order (None where fewer than ``at_least`` were): what an explanation shows of
    a flow. ``period_codes`` index ``period_texts``.

    Each distinct (number, period) piece is written once and the pieces are joined by one
    ``reduceat`` over the rows sorted by indicator: no loop per indicator."""
    out = np.full(n, None, dtype=object)
    if not len(values):
        return out
    order = np.lexsort((order_key, owners))
    own = owners[order]
    starts, joined = pieces_joined(
        values[order], period_codes[order], period_texts, own, "{figure} ({period})", " + "
    )
    many = np.diff(np.r_[starts, len(own)]) >= at_least
    out[own[starts][many]] = joined[many]
    return out


def pieces_joined(
    values: np.ndarray,
    period_codes: np.ndarray,
    period_texts: list[str],
    owners: np.ndarray,
    piece: str,
    sep: str,
) -> tuple[np.ndarray, np.ndarray]:
    """Per run of equal ``owners`` (rows already sorted by owner, then as shown), its rows'
    ``piece`` texts joined by ``sep``: ``(starts, joined)``, the first row of each run and
    its text. ``piece`` is a format with ``{figure}`` (:func:`figure_text` of the value) and
    ``{period}`` (``period_texts[period_codes]``).

    Why one function: an explanation's parts and a recap note's parts are the same text
    building; each distinct (figure, period) piece is written once and the pieces joined by
    one ``reduceat``, not by a loop per owner (a whole export's notes may be built)."""
    v_codes, v_uniq = pd.factorize(values)
    width = len(period_texts)
    pairs, pair_uniq = pd.factorize(v_codes.astype(np.int64) * width + period_codes)
    plain = np.asarray(
        [
            piece.format(figure=figure_text(v_uniq[k // width]), period=period_texts[k % width])
            for k in pair_uniq
        ],
        dtype=object,
    )
    return runs_joined(plain[pairs], owners, sep)


def runs_joined(texts: np.ndarray, owners: np.ndarray, sep: str) -> tuple[np.ndarray, np.ndarray]:
    """Per run of equal ``owners`` (sorted), its ``texts`` (objects) joined by ``sep``:
    ``(starts, joined)``, by one ``np.add.reduceat``."""
    first = np.r_[True, owners[1:] != owners[:-1]]
    starts = np.flatnonzero(first)
    return starts, np.add.reduceat(np.where(first, texts, sep + texts), starts)


def figure_text(x: float) -> str:
    """A figure as the clerk typed it: the shortest decimal that reads back as ``x``, without
    an exponent (``1234567``, ``7654321.5``, ``0.1234567``; ``—`` for NaN).

    Why not ``:g``: it keeps six significant digits, so an explanation showed a flow's
    months of 1,234,567 and 2,500,000 as ``1.23457e+06 + 2.5e+06 = 3.73457e+06``: parts that
    do not add up to the figure the report and its workbook hold (review 81)."""
    return "—" if x != x else np.format_float_positional(float(x), trim="-")
