"""Rejected monitoring rows and the scores they would have fed.

Validation rejects a bad work item, indicator, target, realisation or budget realisation row
and keeps the rest. A roll-up over the rows kept is then computed as if the bad row did not
exist: an earlier realisation counts instead of the rejected one, an indicator without its
target is left out, an OPD's spending lacks a month. Nobody is paid on the strength of a
row that was thrown out (docs/architecture.md, "Nothing lost"), so the ``rollup``,
``opd_score`` and ``opd_factor`` rule types reject every employee whose score *reads* a
work item that lost such a row, with a reason naming the table, the row's key (as the
validation report names it), the work item and why the row was rejected
(:data:`CODE`); the monitoring report counts those rows on the items they belonged to
(``rejected_rows``).

Which rows feed which scores:

* a realisation row counts for its indicator when the period rule (``latest``, ``enclosing``,
  ``exact``) would have read it: a candidate of the period at least as preferred as the
  realisation counted now (a rejected July row does not matter when August's is counted;
  a rejected December row never matters to a payment of August);
* a target row when it is the target of the realisation's period or of a period enclosing it
  that the rule would have reached first (or, for a quarter or year under ``latest``, a
  period inside it, while no target of its chain applies);
* for a ``sum`` indicator (a flow, :mod:`tukin.monitoring.flows`) summed over the period, a
  realisation or target row of the period itself, or under ``latest`` of a period inside it
  (a realisation inside it only while the period's own realisation is not the one counted:
  that one wins, and only where it meets a month of the plan: one of months without a
  target is left out of the sum anyway); a flow without a target for the period is read as
  a level;
* a budget realisation row when it lies in the period's year up to the period's end (the
  money to date, physical progress the latest reported);
* an indicator row for its work item, a work item row for the item above it (the first kept
  one), the position answering for it and, for a program, its OPD.

A realisation or budget realisation row whose status was read and is below the rule's
``min_status`` (a draft ``entered`` while the rule reads ``approved`` and above) is never
read: it blocks nobody. One whose status cell is blank or unreadable (it may be the cell that
was rejected) may be read: it counts.

A row whose period cannot be read may be for this period: it counts. A row that cannot be
placed (its indicator or work item is no kept row: an unknown id) feeds no score the
calculation can name; it blocks nobody and the calculation warns
(``unplaced_rejected_rows``). Reasons are numbered in one order (table, key): the first
reason of a score is the same in a partitioned calculation as in one.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tukin.errors import Lang, PeriodError, Problem, Worded, render, split_cell
from tukin.monitoring.figures import STATUS_RANK, Status, period_chain
from tukin.period import Period
from tukin.validation import NOTES

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.hierarchy import Hierarchy

__all__ = [
    "ACHIEVEMENT_TABLES",
    "CODE",
    "MONEY_TABLES",
    "NONE",
    "RejectedRow",
    "Taint",
    "rejected_rows",
    "taint",
    "unplaced_rows",
]

CODE = "score_row_rejected"
TABLES = ("work_items", "indicators", "targets", "realisations", "budget_realisations")
#: The tables an achievement score (indicator roll-up) reads; a money score (physical,
#: financial, absorption) reads the pagu of work items and the budget realisations.
ACHIEVEMENT_TABLES = frozenset({"work_items", "indicators", "targets", "realisations"})
MONEY_TABLES = frozenset({"work_items", "budget_realisations"})
_PERIODIC = frozenset({"targets", "realisations", "budget_realisations"})
#: No reason: reasons are numbers and the first one (the least) is the one given.
NONE = np.iinfo(np.int64).max


@dataclass(frozen=True)
class RejectedRow:
    """One rejected row of a monitoring table: its key as validation names it, why it was
    rejected, and (work items, indicators) the references typed on it."""

    table: str
    key: str
    problems: tuple[Problem, ...]
    refs: tuple[tuple[str, str], ...] = ()

    def ref(self, column: str) -> str | None:
        return dict(self.refs).get(column)

    @property
    def head(self) -> str:
        """The indicator or work item id the row's key starts with."""
        if self.table in _PERIODIC and "/" in self.key:
            return self.key.rsplit("/", 1)[0]
        return self.key

    @property
    def period_text(self) -> str | None:
        if self.table in _PERIODIC and "/" in self.key:
            return self.key.rsplit("/", 1)[1]
        return None

    def reason(self, lang: Lang, item: str) -> str:
        """Why a score reading ``item`` is not paid, in ``lang``."""
        detail = "; ".join(dict.fromkeys(p.message(lang) for p in self.problems))
        return render(CODE, lang, where=self.where(lang, item), detail=detail)

    def where(self, lang: Lang, item: str) -> str:
        """The row as a reason names it, from the parts it has: ``Realisasi i3/2025-Q1,
        program/kegiatan S12``; a row without a key (its id cell blank) by the sheet row a
        reader found it on, else its table alone; no work item when none is named."""
        from tukin.calc.notices import _sheet

        if self.key:
            row = f"{_sheet(self.table, lang)} {self.key}"
        else:
            located = next((p.location for p in self.problems if p.location), None)
            row = split_cell(located)[0] if located else _sheet(self.table, lang)
        return f"{row}, {render('score_row_item', lang, item=item)}" if item else row


def rejected_rows(ds: Dataset | None) -> tuple[RejectedRow, ...]:
    """Every rejected row of the monitoring tables of ``ds`` (kept with it), in key order.

    A row rejected only because the row it refers to was rejected (``rejected_upstream``) is
    left out, as the row it refers to stands for it, except a work item's: an item under a
    rejected item belongs to somebody too. A partition of a Dataset (:mod:`tukin.distributed`)
    holds kept rows only and is given its whole Dataset's."""
    if ds is None:
        return ()
    found: tuple[RejectedRow, ...] | None = ds.__dict__.get("_monitoring_rejects")
    if found is None:
        found = _collect(ds)
        ds.__dict__["_monitoring_rejects"] = found
    return found


def _collect(ds: Dataset) -> tuple[RejectedRow, ...]:
    rows: dict[tuple[str, int], tuple[str, list[Problem]]] = {}
    for p in ds.report.problems:
        if p.table not in TABLES or (p.code == "rejected_upstream" and p.table != "work_items"):
            continue
        if p.code in NOTES:  # the row is kept and read (flow_recap_differs, blank_default)
            continue
        for row, key in ds._problem_rows(p):
            rows.setdefault((p.table, int(row)), (str(key or ""), []))[1].append(p)
    refs = getattr(ds, "_rejected_refs", {})
    out = [
        RejectedRow(table, key, tuple(ps), tuple(sorted(refs.get((table, row), {}).items())))
        for (table, row), (key, ps) in rows.items()
    ]
    order = {t: i for i, t in enumerate(TABLES)}
    # one order whatever the rows' order in the input: (table, key), ties (rows of one key)
    # by the reasons' text, rendered for those rows only
    out.sort(key=lambda r: (order[r.table], r.key))
    start = 0
    for end in range(1, len(out) + 1):
        if end == len(out) or (out[end].table, out[end].key) != (out[start].table, out[start].key):
            if end - start > 1:
                out[start:end] = sorted(
                    out[start:end], key=lambda r: [p.message("en") for p in r.problems]
                )
            start = end
    return tuple(out)


@dataclass(frozen=True)
class _Columns:
    """The rows' table, period (its year and end as ordinals; -1: none or unreadable) and
    status (its rank; -1: none read), as arrays: rows no score of a period can read are
    left out before any work per row."""

    table: np.ndarray
    year: np.ndarray
    end: np.ndarray
    status: np.ndarray


#: id of a tuple of rows -> (the rows, kept so that the id stays theirs; their columns)
_COLUMNS: dict[int, tuple[tuple[RejectedRow, ...], _Columns]] = {}


def _columns(rows: tuple[RejectedRow, ...]) -> _Columns:
    found = _COLUMNS.get(id(rows))
    if found is not None and found[0] is rows:
        return found[1]
    order = {t: i for i, t in enumerate(TABLES)}
    table = np.fromiter((order[r.table] for r in rows), dtype=np.int64, count=len(rows))
    codes, uniq = pd.factorize(
        pd.Series([r.period_text for r in rows], dtype=object), use_na_sentinel=True
    )
    spans = [_period(str(u)) for u in uniq]
    year = np.asarray([q.year if q else -1 for q in spans] + [-1], dtype=np.int64)[codes]
    end = np.asarray([q.end.toordinal() if q else -1 for q in spans] + [-1], dtype=np.int64)
    status = np.fromiter(
        (STATUS_RANK.get(r.ref("status") or "", -1) for r in rows), dtype=np.int64, count=len(rows)
    )
    cols = _Columns(table, year, end[codes], status)
    while len(_COLUMNS) >= 8:
        del _COLUMNS[next(iter(_COLUMNS))]
    _COLUMNS[id(rows)] = (rows, cols)
    return cols


def _candidates(
    rows: tuple[RejectedRow, ...], period: Period, tables: frozenset[str], min_status: Status
) -> np.ndarray:
    """The rows of ``tables`` a score of ``period`` may read, in order: a target or
    realisation of the period's year (or an unreadable period), a budget realisation of the
    year up to the period's end, a realisation or budget realisation not read below
    ``min_status``; every work item and indicator row."""
    c = _columns(rows)
    use = np.isin(c.table, [TABLES.index(t) for t in tables if t in TABLES])
    periodic = np.isin(c.table, [TABLES.index(t) for t in _PERIODIC])
    money = c.table == TABLES.index("budget_realisations")
    same_year = (c.year < 0) | (c.year == period.year)
    to_date = (c.year < 0) | (c.end <= period.end.toordinal())
    use &= ~periodic | (same_year & (~money | to_date))
    graded = np.isin(c.table, [TABLES.index(t) for t in ("realisations", "budget_realisations")])
    use &= ~graded | (c.status < 0) | (c.status >= STATUS_RANK[min_status])
    return np.flatnonzero(use)


@functools.lru_cache(maxsize=4096)
def _period(text: str | None) -> Period | None:
    if text is None:
        return None
    try:
        return Period.parse(text)
    except PeriodError:
        return None


@dataclass
class Taint:
    """Per node, the first reason (an index into ``rows``, :data:`NONE`: none) of the
    rejected rows that would have fed it: work items (their own figures), positions (items
    they answer for whose row was rejected), OPDs (programs whose row was rejected)."""

    rows: tuple[RejectedRow, ...]
    named: list[str]  # per reason, the work item it names
    item: np.ndarray
    position: np.ndarray
    opd: dict[str, int]
    unplaced: list[int]
    #: per reason placed on a work item, that item (what the monitoring report counts)
    on_item: dict[int, int] = field(default_factory=dict)

    @property
    def any(self) -> bool:
        return bool((self.item < NONE).any() or (self.position < NONE).any() or self.opd)

    def said(self, reason: int) -> Worded:
        """Reason ``reason`` in both languages, with its fields: the rejected row's table and
        key, the work item the score reads through it, and the row's own reasons as
        validation names them (a program reads those, not ``where``'s words)."""
        row, item = self.rows[reason], self.named[reason]
        fields: dict[str, Any] = {"table": row.table, "key": row.key or None}
        if item:
            fields["item"] = item
        fields["problems"] = [p.ref(rows=False) for p in row.problems]
        return Worded(row.reason("en", item), row.reason("id", item), **fields)


def taint(
    h: Hierarchy,
    rows: tuple[RejectedRow, ...],
    period: Period,
    tables: frozenset[str],
    figures: pd.DataFrame | None = None,
    figure_items: np.ndarray | None = None,
    periods: str = "latest",
    min_status: Status = "entered",
) -> Taint:
    """Which nodes of ``h`` lost which rejected ``rows`` of ``tables`` for ``period``.

    ``figures`` (:func:`~tukin.monitoring.figures.indicator_figures` of the period, under
    the ``periods`` rule) and ``figure_items`` (each figure's work item, a node of ``h``)
    say which realisation and target each indicator counts now; without them a target or
    realisation row cannot be placed. Rows no score of the period can read (another year, a
    status below ``min_status``) are left out first: they are neither marked nor unplaced."""
    item = np.full(len(h.work_items), NONE, dtype=np.int64)
    position = np.full(len(h.position_table), NONE, dtype=np.int64)
    out = Taint(rows, [""] * len(rows), item, position, {}, [])
    use = _candidates(rows, period, tables, min_status).tolist() if rows else []
    if not use:
        return out

    def mark(at: np.ndarray, r: int, node: int) -> None:
        at[node] = min(at[node], r)
        out.on_item[r] = node

    heads = [rows[r].head for r in use]
    item_at = h.item_index(pd.Index(heads, dtype=object))
    fig_at = np.full(len(use), -1, dtype=np.int64)
    if figures is not None and len(figures):
        fig_at = pd.Index(figures["indicator_id"].astype(object)).get_indexer(
            pd.Index(heads, dtype=object)
        )
    value_period = figures["value_period"].to_numpy(dtype=object) if figures is not None else None
    target_period = figures["target_period"].to_numpy(dtype=object) if figures is not None else None
    fig_ids = figures["work_item_id"].to_numpy(dtype=object) if figures is not None else None
    flow = (
        (figures["aggregation"].to_numpy(dtype=object) == "sum")
        if figures is not None and "aggregation" in figures
        else np.zeros(0, dtype=bool)
    )
    plan = (
        figures["plan_months"].to_numpy(dtype=np.int64)
        if figures is not None and "plan_months" in figures
        else None
    )
    rejected_items = {rows[r].key: rows[r] for r in use if rows[r].table == "work_items"}
    for j, r in enumerate(use):
        row = rows[r]
        q = _period(row.period_text)
        if row.table in ("targets", "realisations"):
            k = int(fig_at[j])
            if k < 0 or figure_items is None or figure_items[k] < 0:
                out.unplaced.append(r)
                continue
            assert value_period is not None and target_period is not None and fig_ids is not None
            vp = _period(_text(value_period[k]))
            # a flow summed over the period (its target is the period's): the rows inside it;
            # one read as a level (no target for the period: its latest report) as a level
            summed = len(flow) and flow[k] and _text(target_period[k]) == str(period)
            reads = (
                _reads_flow(q, vp, period, periods, row.table, -1 if plan is None else plan[k])
                if summed
                else _reads_realisation(q, vp, period, periods)
                if row.table == "realisations"
                else _reads_target(q, vp, _period(_text(target_period[k])), period, periods)
            )
            if reads:
                mark(item, r, int(figure_items[k]))
                out.named[r] = str(fig_ids[k])
        elif row.table == "budget_realisations":  # of the year to date (_candidates)
            if item_at[j] < 0:
                out.unplaced.append(r)
                continue
            mark(item, r, int(item_at[j]))
            out.named[r] = row.head
        elif row.table == "indicators":
            wid = row.ref("work_item_id")
            at = int(h.item_index(pd.Index([wid], dtype=object))[0]) if wid else -1
            if at < 0:
                out.unplaced.append(r)
                continue
            mark(item, r, at)
            out.named[r] = str(wid)
        else:  # a work item
            out.named[r] = row.key
            if not _place_item(h, row, r, rejected_items, out):
                out.unplaced.append(r)
    return out


def _text(value: Any) -> str | None:
    return None if value is None or (isinstance(value, float) and value != value) else str(value)


def _rank_latest(p: Period, period: Period) -> int:
    # the preference of tukin.monitoring.figures.indicator_figures for ``latest``
    return p.end.toordinal() * 100 + (p.kind == period.kind) * 20 + len(p.months())


def _reads_realisation(q: Period | None, counted: Period | None, period: Period, rule: str) -> bool:
    """Whether the period rule would read a realisation of ``q`` for ``period``, where the
    one counted now is of ``counted`` (None: none)."""
    if q is None:
        return True
    if rule == "latest":
        if q.year != period.year or q.end > period.end:
            return False
        return counted is None or _rank_latest(q, period) >= _rank_latest(counted, period)
    chain = period_chain(period) if rule == "enclosing" else [period]
    if q not in chain:
        return False
    return counted is None or counted not in chain or chain.index(q) <= chain.index(counted)


def _reads_flow(
    q: Period | None,
    counted: Period | None,
    period: Period,
    rule: str,
    table: str,
    plan: int = -1,
) -> bool:
    """Whether a realisation or target of ``q`` would be added up in a ``sum`` indicator's
    figure of ``period`` (:mod:`tukin.monitoring.flows`): its own row, and under ``latest``
    a row inside it, unless the period's own realisation is the one counted now (it wins
    over the rows inside: a rejected month does not matter then).

    ``plan``: the months (bits of ``1 << (month - 1)``, -1: any) a realisation must meet to
    be added, the figure's ``plan_months``. A realisation of months wholly outside the plan
    is left out of the sum whatever it holds, so its rejection feeds no score (review 83
    left it blocking the flow's readers); a target row always may (a month's rejected
    target may be the plan that is missing)."""
    if q is None:
        return True
    months = q.month_bits
    if table == "realisations" and plan != -1 and q.year == period.year and not months & plan:
        return False
    if q == period:
        return True
    if rule != "latest" or (table == "realisations" and counted == period):
        return False
    return q.year == period.year and period.start <= q.start and q.end <= period.end


def _reads_target(
    q: Period | None, counted: Period | None, target: Period | None, period: Period, rule: str
) -> bool:
    """Whether a target of ``q`` may be the one compared with the realisation of ``counted``
    (None: the period itself), the target applying now being of ``target`` (None: none)."""
    if q is None:
        return True
    base = counted or period
    chain = period_chain(base)
    if q in chain:
        return target is None or target not in chain or chain.index(q) <= chain.index(target)
    inside = q != base and base.start <= q.start and q.end <= base.end
    return (
        rule == "latest"
        and not period.is_month
        and not base.is_month
        and inside
        and (target is None or target not in chain)
    )


def _place_item(
    h: Hierarchy, row: RejectedRow, r: int, rejected: dict[str, RejectedRow], out: Taint
) -> bool:
    """Mark what a rejected work item would have fed: the first kept item above it, the
    position answering for it, and for a program its OPD (its unit's). False: none known."""
    placed = False
    parent, seen = row.ref("parent_id"), {row.key}
    anchor = -1
    while parent and parent not in seen:
        seen.add(parent)
        anchor = int(h.item_index(pd.Index([parent], dtype=object))[0])
        if anchor >= 0 or parent not in rejected:
            break
        parent = rejected[parent].ref("parent_id")
    if anchor >= 0:
        out.item[anchor] = min(out.item[anchor], r)
        out.on_item[r] = anchor
        placed = True
    elif not parent:  # a program: its OPD, and its head when nobody else answers for it
        unit = row.ref("unit_id")
        at = int(h.unit_index(pd.Index([unit], dtype=object))[0]) if unit else -1
        opd = h.units["opd_id"].iloc[at] if at >= 0 else None
        if isinstance(opd, str):
            out.opd[opd] = min(out.opd.get(opd, NONE), r)
            placed = True
            if not row.ref("responsible_position_id") and opd in h.opd_heads.index:
                head = h.opd_heads[opd]
                pos = int(h.position_index(pd.Index([head], dtype=object))[0])
                if pos >= 0:
                    out.position[pos] = min(out.position[pos], r)
    owner = row.ref("responsible_position_id")
    pos = int(h.position_index(pd.Index([owner], dtype=object))[0]) if owner else -1
    if pos >= 0:
        out.position[pos] = min(out.position[pos], r)
        placed = True
    return placed


def subtree_min(tree: Any, values: np.ndarray, stops: np.ndarray | None = None) -> np.ndarray:
    """Per node, the least of ``values`` over its subtree (itself and every node below);
    ``stops``: nodes that do not read the nodes below them (a work item scoring its own
    indicators does not score its children), through which nothing passes up."""
    out = values.copy()
    if not (out < NONE).any():
        return out
    depth, parent = tree.depth, tree.parent
    for d in range(int(depth.max(initial=0)), 0, -1):
        at = np.flatnonzero((depth == d) & (out < NONE))
        if stops is not None:
            at = at[~stops[parent[at]]]
        if len(at):
            np.minimum.at(out, parent[at], out[at])
    return out


@dataclass
class Levels:
    """Per level, the first reason of a score read there (:data:`NONE`: none)."""

    item: np.ndarray
    position: np.ndarray
    unit: np.ndarray
    opd: np.ndarray  # in the order of the roll-up's opd_ids


def levels(
    h: Hierarchy,
    t: Taint,
    opd_ids: np.ndarray,
    pairs: tuple[np.ndarray, np.ndarray] | None = None,
    unit_pairs: tuple[np.ndarray, np.ndarray] | None = None,
    *,
    item_own: np.ndarray | None = None,
    up_positions: bool = False,
    blend: bool = False,
    money: bool = False,
) -> Levels:
    """Spread the taint of items and positions to every score that reads them: an item's
    to the items above it that score their children (not those with counted indicators of
    their own, ``item_own``); an OPD's achievement reads its programs, its money (``money``)
    every item of it; a position's to the positions it feeds (``up_positions``: its
    superiors, under ``scope: subordinates``) and to its unit and the units above; the
    items' through the roll-up's ``pairs`` (item, position) and ``unit_pairs`` (item, unit);
    with ``blend`` a position's to every superior; everything of an OPD to the OPD."""
    item = subtree_min(h.item_tree, t.item, item_own)
    position = subtree_min(h.pos_tree, t.position) if up_positions else t.position.copy()
    unit = np.full(len(h.units), NONE, dtype=np.int64)
    extra = np.flatnonzero(t.position < NONE)
    if len(extra):
        pos_unit = h._position_unit[extra]
        ok = pos_unit >= 0
        np.minimum.at(unit, pos_unit[ok], t.position[extra][ok])
        unit = subtree_min(h.unit_tree, unit)
    if pairs is not None:
        pi, pp = pairs
        np.minimum.at(position, pp, item[pi])
    if unit_pairs is not None:
        ui, uu = unit_pairs
        np.minimum.at(unit, uu, item[ui])
    if blend:
        position = subtree_min(h.pos_tree, position)
    opd = np.full(len(opd_ids), NONE, dtype=np.int64)
    index = pd.Index(opd_ids, dtype=object)
    # the items an OPD's score reads: every one of its items (money), else its programs, as
    # far as they read what lies below them
    own = np.flatnonzero(t.item < NONE) if money else np.flatnonzero(h.item_tree.depth == 0)
    own = own[(t.item if money else item)[own] < NONE]
    if len(own):
        at = index.get_indexer(pd.Index(h.work_items["opd_id"].to_numpy(dtype=object)[own]))
        np.minimum.at(opd, at[at >= 0], (t.item if money else item)[own][at >= 0])
    if len(extra):
        at = index.get_indexer(pd.Index(h.position_table["opd_id"].to_numpy(dtype=object)[extra]))
        np.minimum.at(opd, at[at >= 0], t.position[extra][at >= 0])
    for name, r in t.opd.items():
        k = index.get_indexer(pd.Index([name], dtype=object))[0]
        if k >= 0:
            opd[k] = min(opd[k], r)
    return Levels(item, position, unit, opd)


def counts_on_items(
    h: Hierarchy,
    ds: Dataset,
    period: Period,
    figures: pd.DataFrame,
    periods: str,
    min_status: Status = "entered",
    *,
    money_status: Status | None = None,
) -> np.ndarray:
    """Per work item of ``h``, how many rejected rows of ``ds`` its own figures for
    ``period`` lost (``figures``: the report's indicator figures with their ``item``, of
    realisations of ``min_status`` and above; budget realisations of ``money_status``,
    default ``min_status``, and above)."""
    out = np.zeros(len(h.work_items), dtype=np.int64)
    rows = rejected_rows(ds)
    if not rows:
        return out
    items = figures["item"].to_numpy(dtype=np.int64) if "item" in figures else None
    money = frozenset({"budget_realisations"})
    found = taint(
        h,
        rows,
        period,
        (ACHIEVEMENT_TABLES | MONEY_TABLES) - money,
        figures,
        items,
        periods,
        min_status,
    )
    spent = taint(h, rows, period, money, figures, items, periods, money_status or min_status)
    on_item = [*found.on_item.values(), *spent.on_item.values()]
    if on_item:
        np.add.at(out, np.asarray(on_item, dtype=np.int64), 1)
    return out


def unplaced_rows(
    ds: Dataset | None, period: Period, tables: frozenset[str], min_status: Status = "entered"
) -> dict[str, list[str]]:
    """Table -> the keys of its rejected rows of ``tables`` that may be for ``period`` (its
    year up to its end, or an unreadable period) but that no kept indicator or work item can
    take: no score reads them, so nobody is stopped for them (warned:
    ``unplaced_rejected_rows``). A row below ``min_status`` is read by no score: not warned."""
    rows = rejected_rows(ds)
    if ds is None or not rows:
        return {}
    from tukin.hierarchy import Hierarchy

    h = Hierarchy.from_dataset(ds)
    ind = ds["indicators"]
    figures = pd.DataFrame(
        {
            "indicator_id": ind["indicator_id"].astype(object).to_numpy(),
            "work_item_id": ind["work_item_id"].astype(object).to_numpy(),
            "value_period": None,
            "target_period": None,
        }
    )
    items = h.item_index(pd.Index(figures["work_item_id"], dtype=object))
    found = taint(h, rows, period, tables, figures, items, min_status=min_status)
    out: dict[str, list[str]] = {}
    for r in found.unplaced:
        row = rows[r]
        q = _period(row.period_text)  # of the period's year already (_candidates)
        if q is not None and q.start > period.end:
            continue
        out.setdefault(row.table, []).append(row.key)
    return out
