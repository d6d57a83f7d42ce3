"""The monitoring report: budget, spending, progress and achievement at any level.

One row per regency, OPD, program, kegiatan or sub kegiatan (``level``), for a month,
quarter, caturwulan or year, cumulative to date or for the period alone. A kegiatan, program
or OPD figure is the sum over the items below it plus its own amounts (:func:`own_amounts`: a
parent's pagu is its total, only what its children do not carry is its own, so no pagu is
counted twice and none disappears); rows carrying money of their own are counted and noted
(``own_money_items``, ``pagu_below_children``, ``flags``), never silently merged.
Percentages are floats for display: a report is not a payment (the ``rollup`` rule types
compute what feeds an allowance with exact numbers).

Columns (money in int64 rupiah, percentages 0–100): level, id, code, name, opd_id, opd_name,
program_id, kegiatan_id, budget, planned_spent, spent (in the window), planned_to_date,
spent_to_date, financial_pct, planned_financial_pct, deviation_pct (financial − plan),
physical_pct, planned_physical_pct (pagu-weighted), gap_pct (physical − financial),
achievement_pct (rolled-up indicator achievement), category, sub_kegiatan and
missing_reports (the sub kegiatan that must report, and those with a month unreported:
:func:`must_report`),
indicators, indicators_without_target (none for the period nor later in the year:
:func:`target_later`), indicators_zero_target (a target of 0 the roll-up
policy's ``zero_target`` leaves out), indicators_flow_longer_target (summed indicators left
out: their only target is for a longer period around the report's, a quarter's plan in a
month), indicators_unplanned_reports (summed indicators with a report for a month inside the
period that has no target while the period has none of its own: left out of the ratio, or,
a longer report also covering planned months, counted whole),
indicators_without_realisation, indicators_outdated
(counted from an older report than one due by the period's end),
indicators_unreported_periods (a target for a period inside the report's, a month of a
quarter, that no counted report covers), own_money_items,
pagu_below_children, over_budget (items spending more than their pagu to date: running
totals typed as the month's spending, or a pagu not updated), physical_decreasing (items
whose physical progress went down from one report to a later one: increments typed as
progress to date), rejected_rows (rows validation rejected that the row's figures would
have read: they are left out, and flagged), the flags, a ``flags``
text, and per level above the row ``official_<level>_id`` / ``official_<level>`` /
``official_<level>_holder`` (sub_kegiatan, kegiatan, program, opd); a post with nobody in
office in the period (no Plt/Plh either) has the holder ``(vacant)`` / ``(lowong)``, blank
is only where no post answers at that level.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from tukin._language import resolve as resolve_lang
from tukin.hierarchy import OFFICIAL_LEVELS, Hierarchy
from tukin.monitoring._num import Backend
from tukin.monitoring.figures import (
    STATUS_RANK,
    budget_figures,
    indicator_figures,
    outdated,
    period_or_none,
    unreported_periods,
)
from tukin.monitoring.flags import VACANT, MonitoringOptions, categorise, flag
from tukin.monitoring.rejected import counts_on_items
from tukin.monitoring.rollup import Rollup, compute_rollup, zero_targets
from tukin.period import Period

if TYPE_CHECKING:
    from tukin.dataset import Dataset

__all__ = ["LEVELS", "Level", "items_over_pagu", "monitoring_report"]

Level = Literal["regency", "opd", "program", "kegiatan", "sub_kegiatan", "all"]
LEVELS: tuple[str, ...] = ("regency", "opd", "program", "kegiatan", "sub_kegiatan")
_SUMS = ("budget", "planned_spent", "spent", "planned_to_date", "spent_to_date")
_COUNTS = (
    "sub_kegiatan",
    "missing_reports",
    "indicators",
    "indicators_without_target",
    "indicators_zero_target",
    "indicators_flow_longer_target",
    "indicators_unplanned_reports",
    "indicators_without_realisation",
    "indicators_outdated",
    "indicators_unreported_periods",
    "own_money_items",
    "pagu_below_children",
    "sub_kegiatan_without_indicators",
    "rejected_rows",
    "over_budget",
    "physical_decreasing",
)
# Notes added to the ``flags`` text (flags.py builds the rest): why a total may differ from the
# sum of the sub kegiatan rows.
_NOTES = {
    "en": {
        "own_money_items": "{n} items with pagu or spending of their own besides the items "
        "under them (added)",
        "pagu_below_children": "{n} items whose pagu is below the sum of the items under them "
        "(that sum is counted)",
    },
    "id": {
        "own_money_items": "{n} item dengan pagu atau realisasi sendiri selain item di "
        "bawahnya (dijumlahkan)",
        "pagu_below_children": "{n} item dengan pagu di bawah jumlah pagu item di bawahnya "
        "(jumlah itu yang dihitung)",
    },
}


def monitoring_report(
    dataset: Dataset,
    period: Period | str,
    level: Level = "opd",
    options: MonitoringOptions | None = None,
    *,
    hierarchy: Hierarchy | None = None,
    lang: str | None = None,
) -> pd.DataFrame:
    """The e-Pantau style report of ``dataset`` for ``period`` at ``level`` (or ``"all"``);
    ``lang`` (``None``: :func:`tukin.get_language`) is the language of the ``flags`` text.

    >>> from tukin.demo import generate                          # doctest: +SKIP
    >>> report = monitoring_report(generate(300, seed=1), "2025-Q2", "opd")   # doctest: +SKIP
    """
    if level not in (*LEVELS, "all"):
        from tukin.errors import ArgumentError

        choices = ", ".join((*LEVELS, "all"))
        raise ArgumentError(code="invalid_report_level", value=level, choices=choices)
    opt = options or MonitoringOptions()
    period = Period.parse(period)
    # the holders named are those in office during the period (Hierarchy.in_period)
    h = (hierarchy or Hierarchy.from_dataset(dataset)).in_period(period)
    strict = max(opt.min_status, opt.rollup.min_status, key=STATUS_RANK.__getitem__)
    policy = opt.rollup.model_copy(update={"min_status": strict})
    fig = indicator_figures(
        dataset["indicators"],
        dataset["targets"],
        dataset["realisations"],
        period,
        periods=policy.periods,
        min_status=strict,
    )
    roll = compute_rollup(h, fig, policy, Backend(exact=False))
    money = budget_figures(
        dataset["budget_realisations"], period, cumulative=opt.cumulative, min_status=opt.min_status
    )
    gaps = unreported_periods(
        roll.figures, dataset["targets"], dataset["realisations"], period, strict
    )
    planned = planned_items(h, dataset["indicators"], dataset["targets"], period)
    items = _item_sums(
        h,
        money,
        roll,
        outdated(roll.figures, dataset["targets"], period),
        gaps,
        planned,
        period,
        target_later(roll.figures, dataset["targets"], period),
    )
    # rows validation threw out that these figures would have read: a lagging item must not
    # look fine because its bad row was dropped (tukin.monitoring.rejected)
    lost = counts_on_items(
        h, dataset, period, roll.figures, policy.periods, strict, money_status=opt.min_status
    )
    items["rejected_rows"] = h.item_tree.subtree_sums(lost)
    parts = []
    want = LEVELS if level == "all" else (level,)
    if "regency" in want:
        parts.append(_group(items, h, roll, "regency", resolve_lang(lang)))
    if "opd" in want:
        parts.append(_group(items, h, roll, "opd"))
    for lv in ("program", "kegiatan", "sub_kegiatan"):
        if lv in want:
            parts.append(items[items["level"] == lv])
    report = pd.concat(parts, ignore_index=True) if parts else items.iloc[:0]
    names = h.units.set_index("unit_id")["name"].astype(object)
    report["opd_name"] = report["opd_id"].map(names)
    _percentages(report, opt)
    lang = resolve_lang(lang)
    report = flag(report, opt, lang)
    _note(report, lang)
    _say_vacant(report, lang)
    return report[_order(report)].reset_index(drop=True)


def own_amounts(h: Hierarchy) -> tuple[np.ndarray, np.ndarray]:
    """Per work item: the pagu it carries itself, and whether its stated pagu is below the sum
    of the items under it.

    Why: an export states pagu on any level. A parent's stated pagu is read as its *total*
    (the DPA's practice, and the demo regency's): the part not carried by the items under it is
    its own, ``max(stated − children's, 0)``, so a kegiatan holding the money of sub kegiatan
    with pagu 0 keeps it, and a total equal to its children's is not counted twice. A stated
    pagu below the children's sum leaves the children's sum counted (and is flagged). Computed
    level by level from the deepest (a handful of numpy rounds: work items are a few levels
    deep).
    """
    wi = h.work_items
    tree = h.item_tree
    stated = (
        wi["budget"].fillna(0).to_numpy(dtype=np.int64)
        if "budget" in wi
        else np.zeros(len(wi), dtype=np.int64)
    )
    counted = stated.copy()
    children = np.zeros(len(wi), dtype=np.int64)
    for d in range(int(tree.depth.max(initial=0)), 0, -1):
        at = np.flatnonzero(tree.depth == d)
        counted[at] = np.maximum(stated[at], children[at])
        np.add.at(children, tree.parent[at], counted[at])
    top = np.flatnonzero(tree.depth == 0)
    counted[top] = np.maximum(stated[top], children[top])
    below = (stated > 0) & (stated < children)
    return counted - children, below


def own_physical(h: Hierarchy, physical: np.ndarray) -> np.ndarray:
    """Per work item, the physical progress its own pagu is weighted by: its own report, else
    (no report of its own) the equal-weight mean of the items directly under it, theirs found
    the same way (NaN: nothing below reports either).

    Why: physical progress is weighted by each item's *own* pagu (:func:`own_amounts`). When
    the pagu sits on a kegiatan and its sub kegiatan carry none but report the progress, the
    reports had no weight and the kegiatan's own pagu no report, so its progress read 0 %:
    an OPD working to plan fell to the lowest band. The items under it stand for it then,
    equally (they have no pagu to weigh them by), as the achievement roll-up weighs children
    without mass. An item that reports its own progress keeps it."""
    tree = h.item_tree
    filled = np.asarray(physical, dtype=np.float64).copy()
    for d in range(int(tree.depth.max(initial=0)), 0, -1):
        at = np.flatnonzero((tree.depth == d) & ~np.isnan(filled))
        total = np.zeros(len(filled))
        count = np.zeros(len(filled))
        np.add.at(total, tree.parent[at], filled[at])
        np.add.at(count, tree.parent[at], 1)
        parents = np.flatnonzero((tree.depth == d - 1) & np.isnan(filled) & (count > 0))
        filled[parents] = total[parents] / count[parents]
    return filled


def planned_items(
    h: Hierarchy, indicators: pd.DataFrame, targets: pd.DataFrame, period: Period
) -> np.ndarray:
    """Per work item of ``h``: the months of ``period``'s year from which its output is
    planned, as :attr:`~tukin.period.Period.month_bits` (int64; 0: nothing planned by the
    period's end). Output is planned from the first day of the earliest period of the year,
    begun by ``period``'s end, for which one of the item's indicators has a target above 0
    (a range: its upper bound).

    Why the start and the 0 (review 142): DPA targets are often typed per quarter with the
    output planned late (0 in Q1 and Q2, 50 in Q3, or a Q3 target alone); a sub kegiatan
    without pagu has nothing to report before its output starts, and asking it for Q1 (or,
    in the year's report, for January to June) flagged reports "missing" that nobody owed.
    A target of 0 is the documented way to say nothing is planned (docs/responsibility.md)."""
    from tukin._lookup import positions_in

    wi = h.work_items
    out = np.zeros(len(wi), dtype=np.int64)
    if not len(targets) or not len(indicators):
        return out
    codes, uniq = pd.factorize(targets["period"], use_na_sentinel=True)
    first = [_first_month_or_none(u, period) for u in uniq]
    month = np.asarray([m if m is not None else 13 for m in first] + [13], dtype=np.int64)
    month = month[codes]
    value = pd.to_numeric(targets["target"], errors="coerce").to_numpy(dtype=np.float64)
    if "target_max" in targets:
        upper = pd.to_numeric(targets["target_max"], errors="coerce").to_numpy(dtype=np.float64)
        value = np.fmax(value, upper)
    ind = positions_in(targets["indicator_id"], indicators["indicator_id"])
    keep = (month <= 12) & (value > 0) & (ind >= 0)
    item = positions_in(indicators["work_item_id"], wi["work_item_id"])[ind[keep]]
    ok = item >= 0
    earliest = np.full(len(wi), 13, dtype=np.int64)
    np.minimum.at(earliest, item[ok], month[keep][ok])
    has = earliest <= 12
    year_bits = (1 << 12) - 1
    out[has] = (year_bits >> (earliest[has] - 1)) << (earliest[has] - 1)
    return out


def target_later(figures: pd.DataFrame, targets: pd.DataFrame, period: Period) -> np.ndarray:
    """Per indicator figure: its indicator has a target for a period of ``period``'s year
    that begins after ``period``'s end (its output is planned later this year).

    Why (review 142): an output planned for Q3 or Q4 (a document finished at the year's end,
    its only target Q4's) has no target for Q1; counting it in ``indicators_without_target``
    in every report before its quarter flagged, for each such indicator across the regency,
    a plan gap that is none, and buried the indicators really without a target."""
    out = np.zeros(len(figures), dtype=bool)
    if not len(targets) or not len(figures):
        return out
    codes, uniq = pd.factorize(targets["period"], use_na_sentinel=True)
    after = [_starts_later(u, period) for u in uniq]
    later = np.asarray([*after, False], dtype=bool)[codes]
    ids = pd.unique(targets["indicator_id"][later].astype(str))
    return np.asarray(figures["indicator_id"].astype(str).isin(ids), dtype=bool)


def _starts_later(text: object, period: Period) -> bool:
    """A target period lying in ``period``'s year and beginning after its end."""
    p = period_or_none(text)
    return p is not None and p.year == period.year and p.start > period.end


def _first_month_or_none(text: object, period: Period) -> int | None:
    """A target period's first month when it lies in ``period``'s year and begins by its end
    (None: another year, a later start, or no period a report reads)."""
    p = period_or_none(text)
    if p is None or p.year != period.year or p.start > period.end:
        return None
    return p.start.month


def must_report(
    h: Hierarchy, budget: np.ndarray, planned: np.ndarray, reported: np.ndarray, bits: int
) -> tuple[np.ndarray, np.ndarray]:
    """Per work item: whether it must send realisation reports (``sub_kegiatan``), and whether
    a month of the period (``bits``, :attr:`~tukin.period.Period.month_bits`) has none
    (``missing_reports``). ``budget``: each item's subtree pagu (:func:`own_amounts`' totals);
    ``planned``: :func:`planned_items` (the months from which output is planned, as bits);
    ``reported``: each item's months of the period reported, as bits.

    Why: the DPA executes money and output on its lowest items (the sub kegiatan), so they are
    the ones that report: a leaf of the tree with a pagu, one whose pagu an item above it holds
    (the kegiatan holding its sub kegiatan's pagu, the documented DPA practice: they report the
    progress), and one without any pagu whose output is planned by the period's end (an
    indicator with a target above 0: there is physical output to report, owed for the months
    from the output's start; before, ``reporter = pagu > 0`` let a sub
    kegiatan, or a whole OPD whose DPA pagu was not loaded, never report without a word). A
    leaf with neither pagu nor a target is not asked for reports. An item above the leaves
    does not report for itself: before, a kegiatan holding the pagu was "missing" its reports
    while its sub kegiatan sent them all. A month is covered by the item's own row, or, for a
    leaf without pagu, by a row of the items above it up to the one holding its pagu (a
    kegiatan reporting for the sub kegiatan whose pagu it holds).
    """
    tree = h.item_tree
    leaf = tree.size == 1
    planned = np.asarray(planned, dtype=np.int64)
    paid = (budget > 0) | _held_above(tree.parent, budget)
    reporter = leaf & (paid | (planned != 0))
    # the months owed: all of the period's with pagu, else those from the output's start
    owed = np.where(paid, np.int64(bits), np.int64(bits) & planned)
    down = np.asarray(reported, dtype=np.int64).copy()
    for d in range(1, int(tree.depth.max(initial=0)) + 1):
        at = np.flatnonzero((tree.depth == d) & (budget <= 0))
        down[at] |= down[tree.parent[at]]
    missing = reporter & ((down & owed) != owed)
    return reporter, missing


def _item_sums(
    h: Hierarchy,
    money: pd.DataFrame,
    roll: Rollup,
    stale: np.ndarray | None = None,
    gaps: np.ndarray | None = None,
    targeted: np.ndarray | None = None,
    period: Period | None = None,
    later: np.ndarray | None = None,
) -> pd.DataFrame:
    """Every work item with the sums over its subtree (its own amounts and those below it, see
    :func:`own_amounts`) and its officials. ``stale``: per figure of ``roll``, its counted
    realisation is older than a report due by the period's end (:func:`outdated`);
    ``targeted``: :func:`planned_items`; ``period``: the report's (the months
    ``missing_reports`` looks for; None: every month some row of the money covers);
    ``later``: per figure, a target later in the year (:func:`target_later`: not counted
    without a target)."""
    wi = h.work_items
    tree = h.item_tree
    ids = wi["work_item_id"].astype(object)
    m = money.reindex(ids)
    budget, pagu_below = own_amounts(h)
    cols: dict[str, np.ndarray] = {"budget": budget}
    for c in _SUMS[1:]:
        cols[c] = m[c].fillna(0).to_numpy(dtype=np.int64)
    own_phys = own_physical(h, m["physical_pct"].to_numpy(dtype=np.float64))
    phys = np.nan_to_num(own_phys)
    plan_phys = m["planned_physical_pct"].to_numpy(dtype=np.float64)
    out = pd.DataFrame(
        {
            "level": wi["level"].astype(object).to_numpy(),
            "id": ids.to_numpy(),
            "code": wi["code"].astype(object).to_numpy() if "code" in wi else None,
            "name": wi["name"].astype(object).to_numpy(),
        }
    )
    for c, v in cols.items():
        out[c] = tree.subtree_sums(v)
    out["_phys_w"] = tree.subtree_sums(budget * phys)
    has_plan = ~np.isnan(plan_phys)
    out["_plan_w"] = tree.subtree_sums(np.where(has_plan, budget * np.nan_to_num(plan_phys), 0.0))
    out["_plan_b"] = tree.subtree_sums(np.where(has_plan, budget, 0))
    # physical progress over the same items as the plan: a parent is behind its plan only
    # where the items that have one are behind theirs
    out["_phys_p"] = tree.subtree_sums(np.where(has_plan, budget * phys, 0.0))
    # an item whose subtree carries no pagu weighs nothing above it, but its own row shows
    # the progress it reports (else the equal mean of the items under it, own_physical) and
    # its plan: a sub kegiatan whose kegiatan holds the pagu read blank (review 128)
    out["_phys_own"] = own_phys
    out["_plan_own"] = own_physical(h, plan_phys)
    # ... and is behind its plan only where the items with a plan are (as ``_phys_p``): the
    # progress of exactly the reports that have a plan (none reported against a plan: 0), so
    # an item ahead of its plan beside one with no plan is not read behind (review 133)
    raw_phys = m["physical_pct"].to_numpy(dtype=np.float64)
    planned = np.where(np.isnan(plan_phys), np.nan, np.nan_to_num(raw_phys))
    out["_phys_plan_own"] = own_physical(h, planned)
    own = (budget > 0) | np.column_stack([cols[c] != 0 for c in _SUMS[1:]]).any(axis=1)
    out["own_money_items"] = tree.subtree_sums((own & (tree.size > 1)).astype(np.int64))
    out["pagu_below_children"] = tree.subtree_sums(pagu_below.astype(np.int64))
    reported = m["months_reported"].fillna(0).to_numpy(dtype=np.int64)
    bits = period.month_bits if period is not None else int(np.bitwise_or.reduce(reported))
    reporter, missing = must_report(
        h,
        out["budget"].to_numpy(dtype=np.int64),
        np.zeros(len(wi), dtype=np.int64) if targeted is None else targeted,
        reported,
        bits,
    )
    out["sub_kegiatan"] = tree.subtree_sums(reporter.astype(np.int64))
    out["missing_reports"] = tree.subtree_sums(missing.astype(np.int64))
    down = m["physical_down"].fillna(False).to_numpy(dtype=bool)
    out["physical_decreasing"] = tree.subtree_sums(down.astype(np.int64))
    out["over_budget"] = tree.subtree_sums(
        _over_budget(tree.parent, out["budget"].to_numpy(), out["spent_to_date"].to_numpy())
    )
    fig = roll.figures
    # scored against a target: one above 0, or a 0 the policy scores (``zero_target``)
    aimed = fig["has_target"].to_numpy(dtype=bool)
    zero = zero_targets(fig) & ~aimed
    longer = ~aimed & ~zero & _flow_longer_target(fig)
    counts = {
        "indicators": np.ones(len(fig), dtype=np.int64),
        "indicators_without_target": ~aimed
        & ~zero
        & ~longer
        & (np.ones(len(fig), dtype=bool) if later is None else ~np.asarray(later, dtype=bool)),
        "indicators_zero_target": zero,
        "indicators_flow_longer_target": longer,
        "indicators_unplanned_reports": _given_column(fig, "value_unplanned")
        | _given_column(fig, "value_beyond_plan"),
        "indicators_without_realisation": aimed & fig["value"].isna().to_numpy(),
        "indicators_outdated": aimed
        & (np.zeros(len(fig), dtype=bool) if stale is None else np.asarray(stale, dtype=bool)),
        "indicators_unreported_periods": np.zeros(len(fig), dtype=bool)
        if gaps is None
        else np.asarray(gaps, dtype=bool),
    }
    for c, v in counts.items():
        own = np.zeros(len(wi), dtype=np.int64)
        np.add.at(own, fig["item"].to_numpy(dtype=np.int64), np.asarray(v, dtype=np.int64))
        out[c] = tree.subtree_sums(own)
        if c == "indicators":  # a sub kegiatan spending pagu with nothing to measure it by
            bare = (budget > 0) & (tree.size == 1) & (own == 0)
            out["sub_kegiatan_without_indicators"] = tree.subtree_sums(bare.astype(np.int64))
    score = roll.item.to_float() * 100
    out["achievement_pct"] = np.where(roll.item_has, score, np.nan)
    resp = h.responsibility()
    out["opd_id"] = resp["opd_id"].to_numpy()
    for c in ("program_id", "kegiatan_id"):
        out[c] = resp[c].to_numpy()
    for lv in OFFICIAL_LEVELS:
        for suffix in ("_id", "", "_holder"):
            out[f"official_{lv}{suffix}"] = resp[f"official_{lv}{suffix}"].to_numpy()
    out["_root"] = tree.depth == 0
    return out


def items_over_pagu(h: Hierarchy, money: pd.DataFrame) -> pd.DataFrame:
    """The work items spending more than their pagu (:func:`_over_budget`: the lowest such
    item), from :func:`~tukin.monitoring.figures.budget_figures`' ``money``: work_item_id,
    opd_id, budget and spent_to_date (int64 rupiah, the item's totals with the items under
    it). A payment run that reads money warns about them (``money_over_pagu``)."""
    wi = h.work_items
    tree = h.item_tree
    spent = money["spent_to_date"].reindex(wi["work_item_id"].astype(object)).fillna(0)
    budget = tree.subtree_sums(own_amounts(h)[0])
    spent_total = tree.subtree_sums(spent.to_numpy(dtype=np.int64))
    at = np.flatnonzero(_over_budget(tree.parent, budget, spent_total))
    return pd.DataFrame(
        {
            "work_item_id": wi["work_item_id"].astype(object).to_numpy()[at],
            "opd_id": wi["opd_id"].astype(object).to_numpy()[at],
            "budget": budget[at],
            "spent_to_date": spent_total[at],
        }
    )


def _over_budget(parent: np.ndarray, budget: np.ndarray, spent: np.ndarray) -> np.ndarray:
    """Per work item, 1 if it is the item that spends more than its pagu: its subtree's
    spending to date passes its subtree's pagu (:func:`own_amounts`' totals, so a sub kegiatan
    spending under a kegiatan that holds the pagu is not over a pagu it does not carry), and no
    item under it does (a kegiatan over its pagu because one sub kegiatan is counts once).

    Why: ``spent`` is the money of the period, not a running total. A clerk who types the
    running total into it makes the sum pass the pagu; the pagu is the ceiling SIPD enforces,
    so spending above it is an entry error (or a pagu not updated after the APBD-P) that the
    official answering for the item must see, not a delay of physical progress.

    An item with no pagu in its subtree is over only where no item above it holds pagu of
    its own either (:func:`_held_above`): a sub kegiatan spending under a kegiatan that holds
    the pagu is not over, but one spending where no pagu is set at all (an OPD whose DPA was
    not loaded) is; before, nothing flagged it and its rows read a blank financial_pct
    (review 128). A sibling's pagu covers nothing: a kegiatan without pagu spending beside
    one with pagu was hidden while the program's total held both (review 133)."""
    over = ((budget > 0) | ~_held_above(parent, budget)) & (spent > budget)
    below = np.zeros(len(over), dtype=bool)
    child = np.flatnonzero(parent >= 0)
    np.logical_or.at(below, parent[child], over[child])
    return (over & ~below).astype(np.int64)


def _held_above(parent: np.ndarray, budget: np.ndarray) -> np.ndarray:
    """Per work item, whether an item above it holds pagu of its own (its subtree's pagu,
    ``budget``, above the sum of its children's: :func:`own_amounts`' part not carried by the
    items under it). One numpy round per level climbed (work items are a few levels deep)."""
    child = np.flatnonzero(parent >= 0)
    carried = np.zeros(len(budget), dtype=budget.dtype)
    np.add.at(carried, parent[child], budget[child])
    holds = budget > carried
    above = np.zeros(len(budget), dtype=bool)
    up = parent.copy()
    live = np.flatnonzero(up >= 0)
    while len(live):
        above[live] |= holds[up[live]]
        up[live] = parent[up[live]]
        live = live[up[live] >= 0]
    return above


def _group(
    items: pd.DataFrame, h: Hierarchy, roll: Rollup, level: str, lang: str = "id"
) -> pd.DataFrame:
    """OPD or regency rows: sums over the programs (roots) of each OPD / of all."""
    roots = items[items["_root"]]
    num_cols = [*_SUMS, "_phys_w", "_plan_w", "_plan_b", "_phys_p", *_COUNTS]
    if level == "regency":
        g = pd.DataFrame({c: [roots[c].sum()] for c in num_cols})  # per column: int64 stays exact
        g["id"] = "regency"
        g["name"] = "Regency" if lang == "en" else "Kabupaten"
        # a regency row belongs to no OPD; the column must exist when it is alone, typed alike
        g["opd_id"] = items["opd_id"].iloc[:0].reindex(g.index)
        g["achievement_pct"] = roll.regency.to_float()[0] * 100 if roll.regency_has[0] else np.nan
    else:
        opd_ids = pd.Index(roll.opd_ids, name="id")
        g = roots.groupby("opd_id")[num_cols].sum().reindex(opd_ids, fill_value=0).reset_index()
        names = h.units.set_index("unit_id")["name"].astype(object)
        g["name"] = g["id"].map(names)
        g["opd_id"] = g["id"]
        g["achievement_pct"] = np.where(roll.opd_has, roll.opd.to_float() * 100, np.nan)
        heads = g["id"].map(h.opd_heads)
        pos = h.positions.set_index("position_id")
        g["official_opd_id"] = heads
        g["official_opd"] = heads.map(pos["name"].astype(object))
        g["official_opd_holder"] = heads.map(pos["holder"].astype(object))
    # an OPD (or regency) with no pagu at all: the equal mean of its programs' own progress
    # and plan (:func:`_item_sums`' ``_phys_own``), as a program without pagu shows its items'
    for c in ("_phys_own", "_plan_own", "_phys_plan_own"):
        if level == "regency":
            g[c] = roots[c].mean()
        else:
            g[c] = g["id"].map(roots.groupby("opd_id")[c].mean()).to_numpy(dtype=np.float64)
    g["level"] = level
    for c in num_cols:
        g[c] = g[c].astype(np.float64 if c.startswith("_") else np.int64)
    return g


def _note(r: pd.DataFrame, lang: str) -> None:
    """Append the money notes to ``flags``, so such rows reach :func:`who_must_act` too."""
    for col, text in _NOTES[lang].items():
        n = r[col].to_numpy()
        extra = [text.format(n=int(k)) if k else "" for k in n]
        r["flags"] = [
            "; ".join(p for p in (f, e) if p) for f, e in zip(r["flags"], extra, strict=True)
        ]


def _say_vacant(r: pd.DataFrame, lang: str) -> None:
    """``official_<level>_holder`` of a post with nobody in office in the period (an official
    named, no holder nor Plt/Plh): :data:`~tukin.monitoring.flags.VACANT` in ``lang``, not a
    blank a reader takes for missing data (review 128). A row without an official at a level
    (an OPD row's sub kegiatan official) stays blank: there is no post to be vacant."""
    for lv in OFFICIAL_LEVELS:
        post, holder = f"official_{lv}_id", f"official_{lv}_holder"
        if post not in r or holder not in r:
            continue
        posted = r[post].notna() & (r[post].astype(object).astype(str).str.strip() != "")
        who = r[holder].astype(object)
        empty = who.isna() | (who.astype(str).str.strip() == "")
        r[holder] = who.where(~(posted & empty), VACANT[lang])


def _percentages(r: pd.DataFrame, opt: MonitoringOptions) -> None:
    budget = r["budget"].astype(np.float64).where(r["budget"] > 0)
    r["financial_pct"] = r["spent_to_date"] / budget * 100
    r["planned_financial_pct"] = r["planned_to_date"] / budget * 100
    r["deviation_pct"] = r["financial_pct"] - r["planned_financial_pct"]
    r["physical_pct"] = r["_phys_w"] / budget
    r["planned_physical_pct"] = r["_plan_w"] / r["_plan_b"].where(r["_plan_b"] > 0)
    r["_physical_on_plan"] = r["_phys_p"] / r["_plan_b"].where(r["_plan_b"] > 0)
    if "_phys_own" in r:  # items without pagu in their subtree: their own reports, unweighted
        bare = r["budget"] <= 0
        own_phys, own_plan = r["_phys_own"].where(bare), r["_plan_own"].where(bare)
        r["physical_pct"] = r["physical_pct"].fillna(own_phys)
        r["planned_physical_pct"] = r["planned_physical_pct"].fillna(own_plan)
        on_plan = r["_phys_plan_own"].where(bare & own_plan.notna())
        r["_physical_on_plan"] = r["_physical_on_plan"].fillna(on_plan)
    r["gap_pct"] = r["physical_pct"] - r["financial_pct"]
    value = r["achievement_pct"] if opt.category_of == "achievement" else r[opt.category_of]
    r["category"] = categorise(value.astype(np.float64), opt.bands)


def _order(r: pd.DataFrame) -> list[str]:
    head = [
        "level",
        "id",
        "code",
        "name",
        "opd_id",
        "opd_name",
        "program_id",
        "kegiatan_id",
        *_SUMS,
        "financial_pct",
        "planned_financial_pct",
        "deviation_pct",
        "physical_pct",
        "planned_physical_pct",
        "gap_pct",
        "achievement_pct",
        "category",
        *_COUNTS,
        "low_absorption",
        "physical_behind",
        "physical_ahead",
        "physical_behind_plan",
        "low_achievement",
        "flags",
    ]
    officials = [f"official_{lv}{s}" for lv in OFFICIAL_LEVELS for s in ("_id", "", "_holder")]
    for c in head + officials:
        if c not in r:
            r[c] = None
    return head + officials


def _flow_longer_target(fig: pd.DataFrame) -> np.ndarray:
    """Per figure: a summed indicator whose only target is for a longer period around the
    report's (``target_longer``, :func:`tukin.monitoring.figures._longer_targets`)."""
    return _given_column(fig, "target_longer")


def _given_column(fig: pd.DataFrame, column: str) -> np.ndarray:
    """Per figure: ``column`` holds something (False everywhere when there is no column:
    the figures of levels only)."""
    if column not in fig:
        return np.zeros(len(fig), dtype=bool)
    return pd.Series(fig[column], copy=False).notna().to_numpy(dtype=bool)
