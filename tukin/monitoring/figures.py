"""Which reported figures count for a period: status filter, period choice, to-date sums.

e-Pantau figures go through entry (PPTK / eselon IV), approval (eselon III) and sign-off (head
of OPD). A report or a rule set may declare that only approved or signed figures count
(``min_status``); rows without a status are signed (the contract's default).

Indicator figures: targets and realisations are reported per month, quarter, caturwulan or
year. ``periods`` says which realisation counts for a period P:

``latest`` (default)
    the most recent realisation of the year ending on or before P ends (same kind as P
    preferred, then the longer period), so a monthly payment uses the last quarterly report;
``enclosing``
    the realisation of P itself, else of the quarter, caturwulan or year enclosing it;
``exact``
    only the realisation of P itself.

The target is the one set for the realisation's period, else for the nearest period
enclosing it (a yearly target for a quarterly realisation), else, with ``latest``, for a
quarter, caturwulan or year, the target of the latest period inside it (the June target for Q2
when targets are set per month: the one ``latest`` compares June's realisation with); an
indicator without a realisation looks for the target of P the same way, so an indicator with
monthly targets that never reported scores 0 in a quarter's report as in its months' (not
reporting is not performing) instead of passing for one without a target. ``enclosing`` and
``exact`` never count a realisation inside P, so they take no target from inside it either:
reporting and silent indicators fare alike. A month has no period inside it: monthly figures
only ever use the first two.

All of this is the figure of a *level* (``aggregation: level``, the default: progress to
date, a percentage). An indicator whose ``aggregation`` is ``sum`` (a flow: each report is its
period's own count) has its figure and target added up over the reports inside the period
instead (:mod:`tukin.monitoring.flows`, :func:`_flow_figures`).

Budget figures: ``spent`` is per period (not cumulative) and ``physical_pct`` is progress
reached at the end of the period. Sums run over the rows lying inside the window (P itself,
or 1 January to the end of P when cumulative); progress is the latest reported to date.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import numpy as np
import pandas as pd

from tukin._lookup import positions_in, through
from tukin.errors import PeriodError
from tukin.monitoring.flows import (
    decimal_sums,
    parts_text,
    period_sums,
    planned_months,
    sum_indicators,
)
from tukin.period import Period

__all__ = [
    "STATUS_RANK",
    "PeriodRule",
    "Status",
    "budget_figures",
    "counted",
    "indicator_figures",
    "monthly_series",
    "outdated",
    "period_chain",
    "unreported_periods",
]

Status = Literal["entered", "approved", "signed"]
PeriodRule = Literal["latest", "enclosing", "exact"]
STATUS_RANK: dict[str, int] = {"entered": 0, "approved": 1, "signed": 2}


def counted(frame: pd.DataFrame, min_status: Status) -> np.ndarray:
    """Rows whose verification status is at least ``min_status`` (no status = signed)."""
    if "status" not in frame.columns:
        return np.ones(len(frame), dtype=bool)
    return np.asarray(_status_ranks(frame) >= STATUS_RANK[min_status], dtype=bool)


def period_chain(period: Period) -> list[Period]:
    """``period`` and the quarter, caturwulan and year enclosing it (those that exist)."""
    out = [period]
    for name in ("quarter_of", "term_of", "year_period"):
        try:
            p = getattr(period, name)
        except PeriodError:
            continue
        if p not in out:
            out.append(p)
    return out


def _period_table(values: pd.Series) -> pd.DataFrame:
    """start/end (ordinal days), months, kind and year of each distinct period text."""
    uniq = pd.unique(values.dropna().astype(str))
    rows = []
    for text in uniq:
        p = Period.parse(text)
        row = (
            text,
            p.start.toordinal(),
            p.end.toordinal(),
            len(p.months()),
            p.kind,
            p.year,
            p.end.month,
        )
        rows.append(row)
    cols = ["period", "start", "end", "months", "kind", "year", "last_month"]
    return pd.DataFrame(rows, columns=cols).set_index("period")


def _budget_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Budget realisation rows with their periods' dates. Their rupiah columns are summed in
    int64 (a window, the year to date, an OPD, the regency): each column's amounts must add
    up exactly as a whole (``check_summable``), which every such sum is a part of."""
    from tukin.result import check_summable

    for col in ("spent", "planned_spent"):
        if col in frame:
            amounts = frame[col].astype("Int64").fillna(0).to_numpy(dtype=np.int64)
            check_summable(amounts, col, table="budget_realisations")
    return _with_periods(frame)


def _with_periods(frame: pd.DataFrame) -> pd.DataFrame:
    info = _period_table(frame["period"])
    return (
        frame.join(info, on="period")
        if len(frame)
        else frame.assign(start=0, end=0, months=0, kind="", year=0, last_month=0)
    )


def indicator_figures(
    indicators: pd.DataFrame,
    targets: pd.DataFrame,
    realisations: pd.DataFrame,
    period: Period | str,
    *,
    periods: PeriodRule = "latest",
    min_status: Status = "entered",
    target_rows: np.ndarray | None = None,
    realisation_rows: np.ndarray | None = None,
) -> pd.DataFrame:
    """One row per indicator: weight, polarity, the counted ``value`` and its period and status,
    and the ``target`` / ``target_max`` that apply to it (NaN where there is none).

    ``target_rows`` / ``realisation_rows``: each target's / realisation's indicator as a
    row of ``indicators`` (-1: none), when already known (a Dataset's validation found them);
    otherwise the ids are looked up. Rows of ``targets`` and ``realisations`` may come in any
    order: a table with one row per indicator and period gives the same figures whatever it is.

    With an ``aggregation`` column (a Dataset's indicators always have one) the figures carry
    it; when some indicator's is ``sum``, also ``value_parts`` / ``target_parts``: the
    reports and targets a flow's figure adds up, as text for its explanation (None where
    fewer than two were added).
    """
    period = Period.parse(period)
    n = len(indicators)
    id_col = indicators["indicator_id"]
    ok = counted(realisations, min_status)
    everything = bool(ok.all())

    def real(column: str) -> pd.Series:
        """A column of the counted realisations (filtering one column, not the frame's text)."""
        return realisations[column] if everything else realisations[column][ok]

    # periods are few distinct texts: factorised, each parsed once
    codes, uniq = pd.factorize(real("period"), use_na_sentinel=True)
    spans = [Period.parse(p) for p in uniq]
    if periods == "latest":
        per_kind = [
            p.end.toordinal() * 100 + (p.kind == period.kind) * 20 + len(p.months())
            if p.year == period.year and p.end <= period.end
            else -1
            for p in spans
        ]
    else:
        chain = period_chain(period) if periods == "enclosing" else [period]
        per_kind = [len(chain) - chain.index(p) if p in chain else -1 for p in spans]
    key = np.asarray([*per_kind, -1], dtype=np.int64)[codes]
    if realisation_rows is not None:
        row = realisation_rows if everything else realisation_rows[ok]
    elif len(codes):
        row = positions_in(real("indicator_id"), id_col)
    else:
        row = np.zeros(0, dtype=np.int64)
    live = np.flatnonzero((key >= 0) & (row >= 0))
    best = np.full(n, -1, dtype=np.int64)
    if len(live):
        order = live[np.lexsort((key[live], row[live]))]
        last = np.r_[row[order][1:] != row[order][:-1], True]
        best[row[order][last]] = np.flatnonzero(ok)[order[last]]
    value_period = _text_rows(realisations["period"], best)
    status = (
        _text_rows(realisations["status"], best)
        if "status" in realisations
        else np.where(best >= 0, np.array("signed", dtype=object), np.array(None, dtype=object))
    )
    base = pd.Series(value_period, copy=False).fillna(str(period))
    b_codes, b_uniq = pd.factorize(base)
    bases = [Period.parse(b) for b in b_uniq]
    chains = [[str(p) for p in period_chain(b)] for b in bases]
    # a target inside the period only where a realisation inside it may count (``latest``),
    # and only for a period longer than a month: a month's figures (what a monthly payment
    # reads) never change, even where the realisation counted is a quarter's recap
    inner = bases if periods == "latest" and not period.is_month else None
    flows = sum_indicators(indicators)
    if flows is not None and target_rows is None and len(targets):
        target_rows = positions_in(targets["indicator_id"], id_col)  # read once, used twice
    hit = _target_rows(targets, id_col, b_codes, chains, target_rows, inner)
    tmax = (
        targets["target_max"] if "target_max" in targets else pd.Series(np.nan, index=targets.index)
    )
    out = pd.DataFrame(
        {
            "indicator_id": _text(indicators, "indicator_id"),
            # kept as stored (Arrow text joins fastest); validated: never missing
            "work_item_id": indicators["work_item_id"].array,
            "name": _text(indicators, "name") if "name" in indicators else None,
            "polarity": pd.Series(_text(indicators, "polarity"), copy=False).fillna("higher")
            if "polarity" in indicators
            else "higher",
            "weight": indicators["weight"].to_numpy(dtype=np.float64, na_value=1.0)
            if "weight" in indicators
            else 1.0,
            "value": _pick(
                realisations["value"].to_numpy(dtype=np.float64, na_value=np.nan), best, np.nan
            ),
            "value_period": value_period,
            "status": status,
            "target": _pick(
                targets["target"].to_numpy(dtype=np.float64, na_value=np.nan), hit, np.nan
            ),
            "target_max": _pick(tmax.to_numpy(dtype=np.float64, na_value=np.nan), hit, np.nan),
            "target_period": _text_rows(targets["period"], hit),
        }
    )
    if "aggregation" in indicators:
        out["aggregation"] = pd.Series(_text(indicators, "aggregation"), copy=False).fillna("level")
    if flows is not None:
        _flow_figures(
            out, flows, realisations, ok, row, codes, uniq, targets, target_rows, period, periods
        )
    return out


def _flow_figures(
    out: pd.DataFrame,
    flows: np.ndarray,
    realisations: pd.DataFrame,
    ok: np.ndarray,
    row: np.ndarray,
    codes: np.ndarray,
    uniq: Any,
    targets: pd.DataFrame,
    t_row: np.ndarray | None,
    period: Period,
    periods: PeriodRule,
) -> None:
    """The figures of the ``sum`` indicators (``flows``), in place of the level ones the
    caller computed for every indicator (:mod:`tukin.monitoring.flows`). ``row`` / ``codes``:
    each counted realisation's indicator row and period code (in ``uniq``).

    A flow with a target for the period (its own, or targets inside it) is summed: reports
    and targets inside the period. One without (a monthly payment of an indicator planned per
    quarter) keeps, under ``latest``, the level's choice of the latest report, compared with
    the target of *that report's own period* (the quarter's count against the quarter's
    target), never with an enclosing period's (a year's plan is not a quarter's)."""
    n = len(out)
    own_only = periods != "latest"
    at = np.flatnonzero(flows)
    t_owner = np.full(len(targets), -1, dtype=np.int64)
    if len(targets):
        t_owner = (
            t_row
            if t_row is not None
            else positions_in(targets["indicator_id"], out["indicator_id"])
        )
        t_owner = np.where((t_owner >= 0) & flows[np.maximum(t_owner, 0)], t_owner, -1)
    t_codes, t_uniq = pd.factorize(targets["period"], use_na_sentinel=True)
    t_texts = [str(u) for u in t_uniq]
    t_spans = [period_or_none(p) for p in t_texts]
    aim = targets["target"].to_numpy(dtype=np.float64, na_value=np.nan)
    top = (
        targets["target_max"].to_numpy(dtype=np.float64, na_value=np.nan)
        if "target_max" in targets
        else np.full(len(targets), np.nan)
    )
    tsum = period_sums(t_owner, t_codes, t_spans, aim, n, period, own_only=own_only)
    summed = flows & ((tsum.count > 0) | own_only)
    kept = flows & ~summed  # the level's report, against its own period's target
    add = np.flatnonzero(summed)

    counted_at = np.flatnonzero(ok)
    owner = np.where((row >= 0) & summed[np.maximum(row, 0)], row, -1) if len(row) else row
    values = realisations["value"].to_numpy(dtype=np.float64, na_value=np.nan)[counted_at]
    texts = [str(u) for u in uniq]
    # a month without a target (none of its own, none of a longer period inside P) is no
    # part of P's plan when P has no target of its own: its report is left out of the sum,
    # as the month's own payment leaves it out (docs/responsibility.md, "Levels and flows")
    planned = planned_months(tsum, t_codes, t_spans, n)
    planned[planned == 0] = -1  # no target at all (``exact``'s own row): nothing to compare
    # the months a report must meet to be added (-1: any), per summed flow: what the rejected
    # rows' check reads (a rejected report of a month outside the plan feeds no score)
    out["plan_months"] = np.where(summed, planned, -1)
    real = period_sums(
        owner,
        codes,
        [Period.parse(u) for u in texts],
        values,
        n,
        period,
        own_only=own_only,
        allowed=planned,
    )
    value = out["value"].to_numpy(dtype=np.float64, copy=True)
    value[add] = real.value[add]
    out["value"] = value
    value_period = np.asarray(out["value_period"], dtype=object).copy()
    last_code = through(np.asarray(codes, dtype=np.int64), real.last)
    value_period[add] = _pick(np.asarray(texts, dtype=object), last_code)[add]
    out["value_period"] = value_period
    status = np.asarray(out["status"], dtype=object).copy()
    if "status" in realisations:
        # the lowest status among the reports added: the figure is no more verified than that
        rank = np.full(n, 3, dtype=np.int64)
        row_rank = _status_ranks(realisations)[counted_at]
        np.minimum.at(rank, real.owners, row_rank[real.rows])
        names = np.array([*STATUS_RANK, None], dtype=object)
        status[add] = names[rank[add]]
    else:
        status[add] = np.array(["signed", None], dtype=object)[
            (real.count[add] == 0).astype(np.int64)
        ]
    out["status"] = status
    out["value_parts"] = parts_text(
        values[real.rows], codes[real.rows], texts, real.rows, real.owners, n
    )
    out["value_unplanned"] = parts_text(
        values[real.unplanned],
        codes[real.unplanned],
        texts,
        real.unplanned,
        real.unplanned_owners,
        n,
        at_least=1,
    )
    # reports added whole that also cover months without a target: named, not split
    out["value_beyond_plan"] = parts_text(
        values[real.beyond], codes[real.beyond], texts, real.beyond, real.beyond_owners, n, 1
    )

    hit = np.full(n, -1, dtype=np.int64)  # the kept flows' own-period target rows
    if kept.any() and len(targets):
        hit = _own_period_targets(t_owner, t_codes, t_texts, value_period, kept)
    upper = np.where(np.isnan(top), aim, top)
    ranged = np.bincount(tsum.owners, weights=~np.isnan(top[tsum.rows]), minlength=n) > 0
    tmax = np.where(ranged, decimal_sums(upper[tsum.rows], tsum.owners, n), np.nan)
    target = out["target"].to_numpy(dtype=np.float64, copy=True)
    target[at] = np.where(summed, tsum.value, _pick(aim, hit, np.nan))[at]
    out["target"] = target
    target_max = out["target_max"].to_numpy(dtype=np.float64, copy=True)
    target_max[at] = np.where(summed, tmax, _pick(top, hit, np.nan))[at]
    out["target_max"] = target_max
    target_period = np.asarray(out["target_period"], dtype=object).copy()
    own_period = _pick(np.asarray([*t_texts, None], dtype=object), through(t_codes, hit))
    shown = np.array([str(period), None], dtype=object)[(tsum.count == 0).astype(np.int64)]
    target_period[at] = np.where(summed, shown, own_period)[at]
    out["target_period"] = target_period
    out["target_parts"] = parts_text(
        aim[tsum.rows], t_codes[tsum.rows], t_texts, tsum.rows, tsum.owners, n
    )
    out["target_longer"] = _longer_targets(
        flows & np.isnan(target), t_owner, t_codes, t_texts, period
    )


def _longer_targets(
    untargeted: np.ndarray,
    t_owner: np.ndarray,
    t_codes: np.ndarray,
    t_texts: list[str],
    period: Period,
) -> np.ndarray:
    """Per indicator of ``untargeted`` (flows left without a target for ``period``), the
    nearest period around ``period`` that has a target of it (the quarter, caturwulan or
    year: ``2025-Q2``), None elsewhere.

    Why: a level takes that target (the chain of :func:`period_chain`), a flow cannot (a
    quarter's plan of 90 trainings is not June's), so a flow planned per quarter and
    reported per month has no score in a monthly payment; it is left out of the roll-up, and
    a position whose items hold nothing else has no score at all. The report counts such
    flows apart (``indicators_flow_longer_target``), the payment run warns
    (``flow_target_longer_period``) and the explanation says why, naming this period."""
    chain = [str(p) for p in period_chain(period)[1:]]
    out = np.full(len(untargeted), None, dtype=object)
    if not chain or not untargeted.any() or not len(t_owner):
        return out
    rank_of = {t: k for k, t in enumerate(chain)}
    far = len(chain)
    t_rank = np.asarray([*(rank_of.get(t, far) for t in t_texts), far], dtype=np.int64)[t_codes]
    best = np.full(len(untargeted), far, dtype=np.int64)
    live = t_owner >= 0
    np.minimum.at(best, t_owner[live], t_rank[live])
    found = untargeted & (best < far)
    out[found] = np.asarray(chain, dtype=object)[best[found]]
    return out


def _own_period_targets(
    t_owner: np.ndarray,
    t_codes: np.ndarray,
    t_texts: list[str],
    value_period: np.ndarray,
    kept: np.ndarray,
) -> np.ndarray:
    """Per indicator of ``kept``, the target row of its counted report's own period (-1:
    none): a hash look-up of (indicator, period code) keys, the first row of a repeated one."""
    n = len(kept)
    width = len(t_texts) + 1
    code_of = {t: k for k, t in enumerate(t_texts)}
    vp_codes, vp_uniq = pd.factorize(pd.Series(value_period, dtype=object), use_na_sentinel=True)
    vp_to_t = np.asarray([*(code_of.get(str(v), -1) for v in vp_uniq), -1], dtype=np.int64)
    want_code = vp_to_t[vp_codes]
    rows = np.flatnonzero((t_owner >= 0) & (t_codes >= 0))
    find = _hash_finder(t_owner[rows] * width + t_codes[rows])
    wanted = np.where(kept & (want_code >= 0), np.arange(n) * width + want_code, -2)
    return through(rows, find(wanted))


def _status_ranks(frame: pd.DataFrame) -> np.ndarray:
    """Each row's verification status as its rank (no status, or an unknown one: signed),
    factorised: each distinct status read once."""
    codes, uniq = pd.factorize(frame["status"], use_na_sentinel=True)
    ranks = np.array([STATUS_RANK.get(str(u), 2) for u in uniq] + [2], dtype=np.int64)
    return ranks[codes]


def outdated(figures: pd.DataFrame, targets: pd.DataFrame, period: Period | str) -> np.ndarray:
    """Per indicator figure: its counted realisation is older than a report that was due, i.e.
    the indicator has a target for a period of the same year ending by ``period``'s end and
    after the counted realisation's period.

    Why: with ``periods: latest`` a month or quarter whose own report is missing (or not yet
    at the status that counts) reads the previous one, April's figure against April's target
    in May's report. The score is the rule's, but the officer must see that May's report is
    missing: such indicators are counted and flagged (``indicators_outdated``).
    """
    period = Period.parse(period)
    n = len(figures)
    out = np.zeros(n, dtype=bool)
    if not n or not len(targets):
        return out
    ends = _period_ends(targets["period"], period)
    due = np.flatnonzero(~np.isnan(ends))
    if not len(due):
        return out
    row = positions_in(targets["indicator_id"].iloc[due], figures["indicator_id"])
    keep = row >= 0
    last = np.full(n, -np.inf)
    np.maximum.at(last, row[keep], ends[due][keep])
    value_end = _period_ends(pd.Series(figures["value_period"], copy=False), period)
    has_value = pd.Series(figures["value"], copy=False).notna().to_numpy()
    return np.asarray(has_value & (last > np.nan_to_num(value_end, nan=np.inf)), dtype=bool)


def unreported_periods(
    figures: pd.DataFrame,
    targets: pd.DataFrame,
    realisations: pd.DataFrame,
    period: Period | str,
    min_status: Status = "entered",
) -> np.ndarray:
    """Per indicator figure: the indicator has a target above 0 (or a lower-is-better one of
    0: "zero accidents" is reported too) for a period lying strictly
    inside ``period`` (a month of a quarter, a quarter of a year) and ending before the
    counted realisation's period, that no counted realisation of the same year overlaps.
    Reports missing *after* the counted one are :func:`outdated`'s, an indicator with no
    counted realisation is "without realisation": each missing report is told once.

    Why: with ``periods: latest`` a quarter's figure is the last report inside it (June's
    value against June's target for Q2). An indicator reported for April and June but not
    May, or for June alone, scores as one reported every month, and ``indicators_outdated``
    (a report due *after* the counted one) cannot see it: the quarter's report, the one the
    Rakordal reads, showed nothing. Such indicators are counted and flagged
    (``indicators_unreported_periods``); the score stays the rule's.

    Vectorised by month masks: each counted realisation marks the months it covers (bit
    ``month - 1``), OR-ed per indicator; a target period is reported when its months meet
    that mask.
    """
    period = Period.parse(period)
    n = len(figures)
    out = np.zeros(n, dtype=bool)
    if not n or not len(targets) or period.kind == "month":
        return out
    inside = _month_masks(targets["period"], period, strictly_inside=True)
    aim = pd.to_numeric(pd.Series(targets["target"], copy=False), errors="coerce").to_numpy(
        dtype=np.float64
    )
    # due: a target above 0, or a lower-is-better one's 0 ("zero accidents": reporting 0 is
    # a report; a higher-is-better target of 0 plans nothing)
    due = np.flatnonzero((inside > 0) & (np.nan_to_num(aim, nan=-1.0) >= 0))
    if not len(due):
        return out
    t_fig = positions_in(targets["indicator_id"].iloc[due], figures["indicator_id"])
    lower = (
        (figures["polarity"] == "lower").to_numpy(dtype=bool)
        if "polarity" in figures
        else np.zeros(n, dtype=bool)
    )
    planned = (aim[due] > 0) | ((t_fig >= 0) & lower[np.maximum(t_fig, 0)])
    due, t_fig = due[planned], t_fig[planned]
    if not len(due):
        return out
    value_end = _period_ends(pd.Series(figures["value_period"], copy=False), period)
    has_value = pd.Series(figures["value"], copy=False).notna().to_numpy()
    counted_end = np.where(has_value, np.nan_to_num(value_end, nan=-np.inf), -np.inf)
    t_end = _period_ends(targets["period"].iloc[due], period)
    reported = np.zeros(n + 1, dtype=np.int64)  # the last slot: realisations of no figure
    if len(realisations):
        rl = realisations[counted(realisations, min_status)]
        r_fig = positions_in(rl["indicator_id"], figures["indicator_id"])
        r_mask = _month_masks(rl["period"], period, strictly_inside=False)
        np.bitwise_or.at(reported, np.where(r_fig >= 0, r_fig, n), r_mask)
    keep = t_fig >= 0
    before = t_end[keep] < counted_end[t_fig[keep]]
    gap = before & ((inside[due][keep] & reported[t_fig[keep]]) == 0)
    out[t_fig[keep][gap]] = True
    return out


def _month_masks(periods: pd.Series, period: Period, *, strictly_inside: bool) -> np.ndarray:
    """Per row, the months of its period as bits (``1 << (month - 1)``): of ``period``'s
    year; with ``strictly_inside`` only a period inside ``period`` and shorter than it (0
    otherwise, and for text that is no period)."""
    codes, uniq = pd.factorize(pd.Series(periods, copy=False).astype(object), use_na_sentinel=True)
    table = []
    for text in uniq:
        p = period_or_none(text)
        ok = p is not None and p.year == period.year
        if ok and strictly_inside and p is not None:
            ok = p != period and period.start <= p.start and p.end <= period.end
        mask = p.month_bits if ok and p is not None else 0
        table.append(mask)
    return np.asarray([*table, 0], dtype=np.int64)[codes]


def _period_ends(periods: pd.Series, period: Period) -> np.ndarray:
    """Per row, the last day (ordinal) of its period when it lies in ``period``'s year and ends
    by ``period``'s end; NaN otherwise (or for no period)."""
    codes, uniq = pd.factorize(pd.Series(periods, copy=False).astype(object), use_na_sentinel=True)
    table = []
    for text in uniq:
        p = period_or_none(text)
        ok = p is not None and p.year == period.year and p.end <= period.end
        table.append(float(p.end.toordinal()) if ok and p is not None else np.nan)
    return np.asarray([*table, np.nan], dtype=np.float64)[codes]


def _target_rows(
    targets: pd.DataFrame,
    ids: pd.Series,
    b_codes: np.ndarray,
    chains: list[list[str]],
    t_row: np.ndarray | None = None,
    bases: list[Period] | None = None,
) -> np.ndarray:
    """Per indicator, the row of ``targets`` that applies (-1: none): the target of the first
    period of its chain that has one, else (``bases``: the period of each chain) the target
    of the latest period inside it (:func:`_inner_targets`). ``t_row``: each target's
    indicator row, if known.

    Targets are matched by integer keys (indicator row × number of periods + period code),
    not by a MultiIndex of texts: a regency has a million and a half target rows.
    """
    n = len(ids)
    hit = np.full(n, -1, dtype=np.int64)
    if not n or not len(targets):
        return hit
    if t_row is None:
        t_row = positions_in(targets["indicator_id"], ids)
    p_codes, p_uniq = pd.factorize(targets["period"], use_na_sentinel=True)
    width = len(p_uniq) + 1
    rows = np.flatnonzero((t_row >= 0) & (p_codes >= 0))  # targets of known indicators
    keys = t_row[rows] * width + p_codes[rows]
    find = _dense_finder(keys, n * width) or _hash_finder(keys)
    code_of = {str(p): i for i, p in enumerate(p_uniq)}
    for depth in range(4):
        want = np.array(
            [code_of.get(c[depth], -1) if depth < len(c) else -1 for c in chains] + [-1],
            dtype=np.int64,
        )[b_codes]
        wanted = np.where(want >= 0, np.arange(n) * width + want, -2)
        found = through(rows, find(wanted))
        hit = np.where((hit < 0) & (found >= 0), found, hit)
    if bases is not None and (hit < 0).any() and any(b.kind != "month" for b in bases):
        _inner_targets(hit, t_row, p_codes, p_uniq, b_codes, bases)
    return hit


def _inner_targets(
    hit: np.ndarray,
    t_row: np.ndarray,
    p_codes: np.ndarray,
    p_uniq: Any,
    b_codes: np.ndarray,
    bases: list[Period],
) -> None:
    """Fill in ``hit`` (in place), for an indicator still without a target whose period is a
    quarter, caturwulan or year, with its target of the latest period inside that one.

    Targets set per month make a quarter's or a year's report too: without this, an indicator
    with monthly targets that never reported was scored 0 in June's report and left out, as
    "without a target", of Q2's, raising the sub kegiatan's score (not reporting is not
    performing). The latest target inside is the one the ``latest`` period rule compares a
    realisation with (the last month's value against the last month's target, cumulative
    targets holding the period's own); ties on the end go to the longer period, as for
    realisations. Not used for a month's figures (the caller's rule): a monthly payment
    compares as it always did, even a quarter's recap counted for the month.
    """
    spans = [period_or_none(p) for p in p_uniq]
    # rank[b, p]: how late target period p ends inside base b (-1: not strictly inside)
    rank = np.full((len(bases) + 1, len(spans) + 1), -1, dtype=np.int64)
    for i, base in enumerate(bases):
        for j, p in enumerate(spans):
            if p is not None and p != base and base.start <= p.start and p.end <= base.end:
                rank[i, j] = p.end.toordinal() * 100 + len(p.months())
    missing = np.flatnonzero(hit < 0)
    wanted = np.zeros(len(hit) + 1, dtype=bool)
    wanted[missing] = True
    rows = np.flatnonzero(wanted[t_row] & (p_codes >= 0) & (t_row >= 0))
    if not len(rows):
        return
    owner = t_row[rows]
    key = rank[b_codes[owner], p_codes[rows]]
    live = key >= 0
    rows, owner, key = rows[live], owner[live], key[live]
    if not len(rows):
        return
    order = np.lexsort((-rows, key, owner))  # per indicator, the latest (then first row) last
    last = np.r_[owner[order][1:] != owner[order][:-1], True]
    hit[owner[order][last]] = rows[order][last]


def period_or_none(text: object) -> Period | None:
    """A target's period, or None for text that is none (raw frames, not validated: such a
    row matches no period, as in the chain look-up, instead of stopping the figures)."""
    try:
        return Period.parse(str(text))
    except PeriodError:
        return None


def _dense_finder(keys: np.ndarray, space: int) -> Callable[[np.ndarray], np.ndarray] | None:
    """A look-up of ``keys`` (integers in ``[0, space)``, each held once) by one gather from
    a table with a slot per possible key, when that table is at most four slots per key:
    the position of each wanted key in ``keys``, -1 for none (and for a wanted -2). None
    when keys repeat (input not validated: then the first one counts) or the space is
    sparse.

    Indicators times the periods targets name fill such a table densely; a hash index of
    the whole country's 6.8M target keys no longer fits the cache (1.6 s of 5.6 s at 4.3M).
    """
    if space > 4 * len(keys) + 1024 or space >= 2**31:
        return None
    count = np.bincount(keys, minlength=space)
    if len(keys) and int(count.max()) > 1:
        return None
    slot = np.full(space + 1, -1, dtype=np.int32)  # the extra last slot answers -2
    slot[keys] = np.arange(len(keys), dtype=np.int32)

    def find(wanted: np.ndarray) -> np.ndarray:
        return slot[np.where(wanted >= 0, wanted, space)].astype(np.int64)

    return find


def _hash_finder(keys: np.ndarray) -> Callable[[np.ndarray], np.ndarray]:
    """:func:`_dense_finder` through a hash index: any keys, repeated ones too (the first
    counts)."""
    index = pd.Index(keys)
    unique = index.is_unique

    def find(wanted: np.ndarray) -> np.ndarray:
        return index.get_indexer(pd.Index(wanted)) if unique else _first_of(index, wanted)

    return find


def _first_of(index: pd.Index, wanted: np.ndarray) -> np.ndarray:
    """``get_indexer`` for an index with repeated values: the first row holding each."""
    first = ~index.duplicated(keep="first")
    at = index[first].get_indexer(pd.Index(wanted))  # a position among the first ones
    return through(np.flatnonzero(first), at)


def _pick_rows(column: pd.Series, idx: np.ndarray) -> np.ndarray:
    """``_pick(_obj(...), idx)`` converting only the rows picked: a million and a half target
    periods are not turned into Python objects to keep one per indicator."""
    out = np.full(len(idx), None, dtype=object)
    ok = idx >= 0
    if ok.any():
        taken = column.take(idx[ok])
        out[ok] = taken.astype(object).where(taken.notna(), None).to_numpy(dtype=object)
    return out


def _is_text(column: pd.Series) -> bool:
    """Text as pandas' default ``str`` dtype: a column of it is built from the array as is,
    where object arrays of text are converted one Python string at a time (a sixth of a
    second for the figures of a province)."""
    return isinstance(column.dtype, pd.StringDtype) and column.dtype == pd.StringDtype(
        na_value=np.nan
    )


def _text(frame: pd.DataFrame, column: str) -> Any:
    """A text column for the figures: as stored when it is ``str`` already, else as objects
    with None for missing cells (the frame infers ``str`` from them, as before)."""
    col = frame[column]
    return col.array if _is_text(col) and len(col) else _obj(frame, column)


def _text_rows(column: pd.Series, idx: np.ndarray) -> Any:
    """:func:`_pick_rows` for a text column, kept in its storage (missing where idx is -1;
    nothing picked stays objects, which the frame keeps as ``object``, as before)."""
    if _is_text(column) and (idx >= 0).any():
        return column.array.take(idx, allow_fill=True)
    return _pick_rows(column, idx)


def _obj(frame: pd.DataFrame, column: str) -> np.ndarray:
    """A column as an object array with None for missing cells."""
    col = frame[column]
    return col.astype(object).where(col.notna(), None).to_numpy(dtype=object)


def _pick(values: np.ndarray, idx: np.ndarray, missing: object = None) -> np.ndarray:
    """``values[idx]``, ``missing`` where ``idx`` is -1."""
    out = np.full(len(idx), missing, dtype=values.dtype if missing is not None else object)
    ok = idx >= 0
    out[ok] = values[idx[ok]]
    return out


def budget_figures(
    budget_realisations: pd.DataFrame,
    period: Period | str,
    *,
    cumulative: bool = True,
    min_status: Status = "entered",
) -> pd.DataFrame:
    """Per work item with budget rows: money in the window and to date, latest progress, and
    ``months_missing`` (months of the period no report covers, whatever its status; a
    caturwulan or year row ending after the period's does not cover them,
    :func:`_covered_months`; a quarterly reporter's months of a quarter still running are
    not due, :func:`_quarter_not_due`).

    Columns: spent, planned_spent, spent_to_date, planned_to_date (int64 rupiah),
    physical_pct, planned_physical_pct (float64, NaN when never reported), months_missing,
    months_reported (those months covered, as :attr:`~tukin.period.Period.month_bits`: the
    report lets a sub kegiatan without pagu of its own be covered by the item holding its
    pagu), physical_down (a counted progress report below an earlier one,
    :func:`_physical_down`).
    """
    period = Period.parse(period)
    br = _budget_rows(budget_realisations.reset_index(drop=True))
    br = br.assign(work_item_id=br["work_item_id"].astype(object))
    same_year = br["year"] == period.year
    end = period.end.toordinal()
    covered, reported = _covered_months(br[same_year], period)
    later = _quarter_not_due(br, period)
    if len(later):  # a quarterly reporter's quarter still running: its months not yet due
        reported = reported.reindex(reported.index.union(later.index), fill_value=0)
        reported = reported | later.reindex(reported.index, fill_value=0)
        months = np.arange(12, dtype=np.int64)
        bits = reported.to_numpy(dtype=np.int64)[:, None] >> months & 1
        covered = pd.Series(bits.sum(axis=1), index=reported.index, dtype=np.int64)
    br = br[counted(br, min_status) & same_year.to_numpy()]
    wstart = (Period.year_of(period.year) if cumulative else period).start.toordinal()
    window = (br["start"] >= wstart) & (br["end"] <= end)
    to_date = br["end"] <= end
    planned = (
        br["planned_spent"].astype("Int64").fillna(0).astype(np.int64)
        if "planned_spent" in br
        else 0
    )
    money = pd.DataFrame(
        {
            "work_item_id": br["work_item_id"],
            "spent": br["spent"].astype(np.int64).where(window, 0),
            "planned_spent": pd.Series(planned, index=br.index).where(window, 0),
            "spent_to_date": br["spent"].astype(np.int64).where(to_date, 0),
            "planned_to_date": pd.Series(planned, index=br.index).where(to_date, 0),
        }
    )
    sums = money.groupby("work_item_id", sort=True).sum().astype(np.int64)
    ids = sums.index.union(pd.Index(covered.index))
    out = sums.reindex(ids, fill_value=0).astype(np.int64)  # no NaN: rupiah stay exact int64
    for col in ("physical_pct", "planned_physical_pct"):
        if col not in br:
            out[col] = np.nan
            continue
        rows = br[to_date & br[col].notna()]
        latest = rows.sort_values(["work_item_id", "end", "months"], kind="stable")
        by_item = latest.drop_duplicates("work_item_id", keep="last").set_index("work_item_id")[col]
        out[col] = pd.Series(out.index, index=out.index).map(by_item).astype(np.float64)
    out["physical_down"] = _physical_down(br[to_date], out.index)
    n_months = len(period.months())
    out["months_missing"] = (n_months - pd.Series(covered).reindex(ids).fillna(0)).astype(np.int64)
    out["months_reported"] = pd.Series(reported).reindex(ids).fillna(0).astype(np.int64)
    out.index.name = "work_item_id"
    return out


def _physical_down(br: pd.DataFrame, ids: pd.Index) -> np.ndarray:
    """Per work item of ``ids``: some report's physical progress is below that of an earlier
    report of the item (rows in period order, counted and to date).

    Why: ``physical_pct`` is the progress *reached by the end of the period*, so it never goes
    down; a clerk who types each month's increment instead (10, 15, 12 for 10, 25, 37) makes
    it fall, and the latest figure would be read as the progress to date without a word."""
    if "physical_pct" not in br or br.empty:
        return np.zeros(len(ids), dtype=bool)
    rows = br[br["physical_pct"].notna()].sort_values(
        ["work_item_id", "end", "months"], kind="stable"
    )
    item = rows["work_item_id"].to_numpy(dtype=object)
    value = rows["physical_pct"].to_numpy(dtype=np.float64)
    same = item[1:] == item[:-1]
    # below the highest earlier report of the item: a running maximum per item
    best = pd.Series(value).groupby(pd.Series(item)).cummax().to_numpy()
    fell = np.zeros(len(value), dtype=bool)
    fell[1:] = same & (value[1:] < best[:-1])
    down = pd.Index(pd.unique(item[fell]))
    return np.asarray(ids.isin(down), dtype=bool)


def _quarter_not_due(br: pd.DataFrame, period: Period) -> pd.Series:
    """Per work item reporting by quarter, the months of ``period`` in a quarter that ends
    after it, as bits (:attr:`~tukin.period.Period.month_bits`): their report is not due yet.

    An item reports by quarter when its latest row ending by ``period``'s end (of any year:
    January's report looks at last year's Q4) is a quarter's. Why (review 142): a report made
    in its period (April's, at the start of May) has no Q2 row of a quarterly reporter yet,
    and named it missing April, and May, in every monthly report of the quarter: the same
    item re-run after June was not (the Q2 row covers them). A month reporter, or an item
    without a row yet, owes every month."""
    last_q = period.end.month + (-period.end.month % 3)
    if last_q == period.end.month or br.empty:
        return pd.Series(dtype=np.int64)
    quarter = Period("quarter", period.year, last_q // 3)
    open_bits = period.month_bits & quarter.month_bits
    end = period.end.toordinal()
    past = br[br["end"] <= end].sort_values(["work_item_id", "end", "months"], kind="stable")
    latest = past.drop_duplicates("work_item_id", keep="last")
    by_quarter = latest.loc[latest["kind"] == "quarter", "work_item_id"].astype(str)
    return pd.Series(open_bits, index=pd.Index(by_quarter.to_numpy(dtype=object)), dtype=np.int64)


def _covered_months(br: pd.DataFrame, period: Period) -> tuple[pd.Series, pd.Series]:
    """Per work item, how many months of ``period`` some row covers, and those months as
    bits (:attr:`~tukin.period.Period.month_bits`).

    A row ending by the period's end covers its months. One ending later covers them only
    when it is a month or a quarter: the cadences of realisation reports (e-Pantau's month,
    the triwulan of Permendagri 86/2017's evaluation), whose report is not due yet (a
    quarterly reporter is not missing January). A longer row ending later (a caturwulan, the
    year) is read as a recap typed late (review 142): a sub kegiatan silent in Q1 and caught
    up with one January-April row sent nothing Q1's report can read (its money ends in April,
    so Q1 showed 0 % spent); before, the row counted as Q1's reports and nothing was said."""
    if br.empty:
        return pd.Series(dtype=np.int64), pd.Series(dtype=np.int64)
    first = period.start.month
    last = period.end.month
    rows: list[tuple[str, int]] = []
    for text in pd.unique(br["period"].astype(str)):
        p = Period.parse(text)
        if p.end > period.end and p.kind not in ("month", "quarter"):
            continue
        ms = [m.index for m in p.months() if first <= m.index <= last]
        rows.extend((text, m) for m in ms)
    months = pd.DataFrame(rows, columns=["period", "_month"])
    hit = br[["work_item_id", "period"]].astype(str).merge(months, on="period")
    hit = hit.drop_duplicates(["work_item_id", "_month"])
    bits = (np.int64(1) << (hit["_month"].to_numpy(dtype=np.int64) - 1)).astype(np.int64)
    by_item = pd.Series(bits, index=hit.index).groupby(hit["work_item_id"])
    return hit.groupby("work_item_id").size(), by_item.sum().astype(np.int64)


def monthly_series(
    budget_realisations: pd.DataFrame, year: int, *, min_status: Status = "entered"
) -> pd.DataFrame:
    """Per work item and month of ``year`` (1-12): spent, planned_spent (int64) and physical
    progress, for S-curves. A quarter's or term's row counts in its last month."""
    br = _budget_rows(budget_realisations.reset_index(drop=True))
    br = br[counted(br, min_status) & (br["year"] == year).to_numpy()]
    month = br["last_month"].astype(np.int64)
    planned = (
        br["planned_spent"].astype("Int64").fillna(0).astype(np.int64)
        if "planned_spent" in br
        else 0
    )
    frame = pd.DataFrame(
        {
            "work_item_id": br["work_item_id"].astype(object),
            "month": month,
            "spent": br["spent"].astype(np.int64),
            "planned_spent": planned,
            "physical_pct": br["physical_pct"].astype(np.float64),
            "planned_physical_pct": br["planned_physical_pct"].astype(np.float64)
            if "planned_physical_pct" in br
            else np.nan,
        }
    )
    return frame.reset_index(drop=True)
