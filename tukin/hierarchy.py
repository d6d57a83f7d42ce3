"""Who answers for what: the position tree, the work-item tree and the links between them.

e-Pantau shows every program, kegiatan and sub kegiatan to the official answering for it: the
pengawas (sub kegiatan), the administrator (kegiatan), the head of the OPD (program, OPD).
:class:`Hierarchy` holds the trees and answers: whose subordinates, which items a position
answers for (itself or through subordinates), which officials stand above a work item.

A province has tens of thousands of positions, so nothing walks node by node: each tree is
numbered in pre-order once (an Euler tour ranked by pointer jumping, log2(n) numpy rounds
whatever the depth); a subtree is then a contiguous range, "is A above B" two comparisons.

A work item's *owner* is its declared responsible position, else the owner of the nearest
item above it that declares one, else the head of its OPD: every item has somebody to answer
for it. An item's OPD is the OPD of the unit carrying its top item (its program), so an item
and everything below it always reach one and the same OPD.

>>> import pandas as pd
>>> h = Hierarchy(
...     units=pd.DataFrame({"unit_id": ["D", "B"], "name": ["Dinas", "Bidang"],
...                         "parent_id": [None, "D"]}),
...     positions=pd.DataFrame({"position_id": ["kadis", "kabid", "kasi"],
...                             "name": ["Kepala Dinas", "Kepala Bidang", "Kepala Seksi"],
...                             "unit_id": ["D", "B", "B"],
...                             "kind": ["jpt", "administrator", "pengawas"],
...                             "superior_id": [None, "kadis", "kabid"]}),
...     work_items=pd.DataFrame({"work_item_id": ["P", "K", "S"], "name": ["Prog", "Keg", "Sub"],
...                              "level": ["program", "kegiatan", "sub_kegiatan"],
...                              "parent_id": [None, "P", "K"], "unit_id": ["D", "B", "B"],
...                              "responsible_position_id": ["kadis", "kabid", "kasi"]}),
... )
>>> h.subordinates("kadis"), h.subordinates("kadis", direct=True), h.superiors("kasi")
(['kabid', 'kasi'], ['kabid'], ['kabid', 'kadis'])
>>> h.items_of("kabid"), h.items_of("kabid", through_subordinates=True)
(['K'], ['K', 'S'])
>>> h.officials("S")[["level", "position_id"]].to_numpy().tolist()
[['sub_kegiatan', 'kasi'], ['kegiatan', 'kabid'], ['program', 'kadis'], ['opd', 'kadis']]
"""

from __future__ import annotations

import copy
import os
import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pandas.api.extensions import take

from tukin import _graph
from tukin._lookup import positions_in, through
from tukin._tenure import (
    acting_appointed,
    history_holders,
    holder_labels,
    labels_of,
    posts_held,
)
from tukin.contract import WORK_ITEM_LEVELS
from tukin.errors import DataError

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.period import Period

__all__ = ["Hierarchy", "Links", "Tree", "gather"]

IntArray = _graph.IntArray
BoolArray = _graph.BoolArray
OFFICIAL_LEVELS = (*reversed(WORK_ITEM_LEVELS), "opd")


@dataclass(frozen=True)
class Tree:
    """A parent-pointer forest numbered in pre-order: ``order[tin[i]] == i`` and the subtree of
    ``i`` is ``order[tin[i] : tin[i] + size[i]]`` (``i`` first)."""

    parent: IntArray
    depth: IntArray
    root: IntArray
    tin: IntArray
    size: IntArray
    order: IntArray

    @classmethod
    def build(cls, parent: IntArray, what: str = "tree") -> Tree:
        """Number ``parent`` in pre-order (children in index order); a cycle is a DataError."""
        parent = np.asarray(parent, dtype=np.int64)
        n = len(parent)
        forest = _graph.analyse(parent)
        if forest.reaches_cycle.any():
            first = _graph.cycles(parent, forest.on_cycle)[0]
            raise DataError(code="cycle", value=f"{what} {first[0]}", detail=str(first))
        pos = _euler_positions(parent)
        tin = np.empty(n, dtype=np.int64)
        order = np.argsort(pos[:n], kind="stable").astype(np.int64)
        tin[order] = np.arange(n, dtype=np.int64)
        size = (pos[n:] - pos[:n] + 1) // 2
        return cls(parent, forest.depth, forest.root, tin, size, order)

    def contains(self, above: IntArray, below: IntArray) -> BoolArray:
        """Elementwise: ``above[k]`` is ``below[k]`` or an ancestor of it (-1 never matches)."""
        a, b = np.asarray(above, dtype=np.int64), np.asarray(below, dtype=np.int64)
        ok = (a >= 0) & (b >= 0)
        sa, sb = np.where(ok, a, 0), np.where(ok, b, 0)
        return ok & (self.tin[sa] <= self.tin[sb]) & (self.tin[sb] < self.tin[sa] + self.size[sa])

    def subtree(self, node: int) -> IntArray:
        """``node`` and every node below it, in pre-order."""
        return self.order[self.tin[node] : self.tin[node] + self.size[node]]

    def ancestors(self, node: int) -> list[int]:
        """Proper ancestors of ``node``, nearest first."""
        out = []
        node = int(self.parent[node])
        while node >= 0:
            out.append(node)
            node = int(self.parent[node])
        return out

    def subtree_sums(self, values: np.ndarray) -> np.ndarray:
        """For every node, the sum of ``values`` over its subtree (exact for integers)."""
        acc = np.concatenate([np.zeros(1, dtype=values.dtype), np.cumsum(values[self.order])])
        return acc[self.tin + self.size] - acc[self.tin]

    def chain_pairs(self, start: IntArray, stop: IntArray) -> tuple[IntArray, IntArray]:
        """``(k, node)`` pairs: for each k, the nodes from ``start[k]`` upwards, stopping before
        the first one that contains ``stop[k]`` (``stop`` -1: up to the root).

        This is "who counts this work item as their own or their subordinates'": start at the
        item's owner and stop where the owner of the item above takes over, so nested items
        are never counted twice for one position. One numpy round per level climbed.
        """
        start = np.asarray(start, dtype=np.int64)
        stop = np.asarray(stop, dtype=np.int64)
        keys, nodes = [np.zeros(0, dtype=np.int64)], [np.zeros(0, dtype=np.int64)]
        k = np.flatnonzero(start >= 0)
        cur = start[k]
        while len(k):
            free = ~self.contains(cur, stop[k])
            k, cur = k[free], cur[free]
            keys.append(k)
            nodes.append(cur)
            cur = self.parent[cur]
            k, cur = k[cur >= 0], cur[cur >= 0]
        return np.concatenate(keys), np.concatenate(nodes)


def _euler_positions(parent: IntArray) -> IntArray:
    """Positions of every node's entry (first n) and exit (last n) on the Euler tour.

    The tour's successor links come from one sort (children by index); list ranking by
    pointer jumping then places every entry in log2(2n) numpy rounds, however deep the tree.
    """
    n = len(parent)
    nodes = np.arange(n, dtype=np.int64)
    by = np.lexsort((nodes, parent))
    ps = parent[by]
    same = ps[1:] == ps[:-1]
    sibling = np.full(n, -1, dtype=np.int64)
    sibling[by[:-1][same]] = by[1:][same]
    first = np.r_[True, ~same] & (ps >= 0)
    child = np.full(n, -1, dtype=np.int64)
    child[ps[first]] = by[first]
    down = np.where(child >= 0, child, n + nodes)  # entering i: its first child, or leave i
    up = np.where(sibling >= 0, sibling, np.where(parent >= 0, n + parent, -1))
    succ = np.concatenate([down, up])
    dist = (succ >= 0).astype(np.int64)
    while (succ >= 0).any():
        ok = succ >= 0
        nxt = np.where(ok, succ, 0)
        dist = dist + np.where(ok, dist[nxt], 0)
        succ = np.where(ok, succ[nxt], -1)
    return (2 * n - 1) - dist


def gather(values: np.ndarray, idx: IntArray) -> np.ndarray:
    """``values[idx]`` as an object array, None where ``idx`` is -1."""
    idx = np.asarray(idx, dtype=np.int64)
    out = np.full(len(idx), None, dtype=object)
    ok = idx >= 0
    if ok.any():
        out[ok] = np.asarray(values, dtype=object)[idx[ok]]
    return out


def _ids_at(ids: pd.Series, rows: IntArray) -> Any:
    """``ids`` at ``rows``, missing where a row is -1, in the ids' own dtype (integer unit ids
    stay integers, float when one is missing, as mapping the ids used to give)."""
    return take(ids.array, np.asarray(rows, dtype=np.int64), allow_fill=True)


def _text(series: pd.Series) -> np.ndarray:
    return series.astype(object).where(series.notna(), None).to_numpy(dtype=object)


def _col(frame: pd.DataFrame, name: str) -> pd.Series:
    if name in frame.columns:
        return frame[name]
    return pd.Series([None] * len(frame), index=frame.index, dtype=object)


class Hierarchy:
    """The position tree, the unit tree and the work-item tree of one dataset, linked.

    Build it with :meth:`from_dataset` or from raw tables with contract column names (a
    cycle raises ``DataError``). ``positions``, ``units`` and ``work_items`` are the tables
    (0-based index = node number) with derived columns: ``opd_id`` everywhere, ``owner_id``
    (the effective responsible position) for items, ``holder`` (employee names) for positions.
    """

    def __init__(
        self,
        *,
        units: pd.DataFrame,
        positions: pd.DataFrame,
        work_items: pd.DataFrame | None = None,
        employees: pd.DataFrame | None = None,
        links: Links | None = None,
    ) -> None:
        self.units = units.reset_index(drop=True).copy()
        pos = positions.reset_index(drop=True).copy()
        items = (work_items if work_items is not None else _empty_items()).reset_index(drop=True)
        if links is None:
            links = Links.looked_up(self.units, pos, items)
        self.unit_tree = Tree.build(links.unit_parent, "unit")
        # every unit's OPD (the root of its unit tree) as a unit row: the trees' links are
        # rows, so the OPD of a position or an item is two gathers, not a look-up of ids
        opd_unit = self.unit_tree.root
        unit_ids = self.units["unit_id"].to_numpy(dtype=object)
        self.pos_tree = Tree.build(links.position_parent, "position")
        self._position_unit = links.position_unit  # each position's unit row (-1: none)
        pos_opd = through(opd_unit, links.position_unit)
        pos["opd_id"] = _ids_at(self.units["unit_id"], pos_opd)
        self.position_table = pos  # without ``holder``: what calculations read
        self._employees = employees
        # acting officials (Plt / Plh) as holders of the posts they act in: nip, name (the
        # official's name with the kind, "Budi (Plt)"), position_id, start_date, end_date
        self._acting: pd.DataFrame | None = None
        # the earlier positions of position_history as holders of their posts (same columns):
        # named by the views of a period only (in_period), the whole hierarchy's holders
        # being those of the employees table now
        self._history: pd.DataFrame | None = None
        self._period: Period | None = None  # a view's period (in_period)
        self._positions: pd.DataFrame | None = None
        self._in_period: dict[Period, Hierarchy] = {}
        self._whole: Hierarchy | None = None  # set on a view of one period (in_period)
        self._pos_ix = pd.Index(pos["position_id"])
        self._unit_ix = pd.Index(self.units["unit_id"])
        self.units["opd_id"] = _ids_at(self.units["unit_id"], opd_unit)
        #: the OPD ids, sorted: the numbering of every per-OPD score
        self.opd_ids: np.ndarray = np.array(
            sorted({o for o in self.units["opd_id"] if isinstance(o, str)}), dtype=object
        )
        self.opd_heads = self._opd_heads(pos_opd)
        if "budget" in items:  # summed in int64 by the monitoring report and the roll-ups
            from tukin.result import check_summable

            pagu = items["budget"].fillna(0).to_numpy(dtype=np.int64)
            check_summable(pagu, "budget", table="work_items")
        self.item_tree = Tree.build(links.item_parent, "work item")
        self._item_ix = pd.Index(items["work_item_id"])
        item_opd = through(opd_unit, links.item_unit)[self.item_tree.root]
        items["opd_id"] = gather(unit_ids, item_opd)
        declared = links.item_responsible
        marked = declared >= 0
        above = _graph.nearest_marked_ancestor(self.item_tree.parent, marked)
        owner = np.where(marked, declared, through(declared, above))
        head_of = np.full(len(self.units) + 1, -1, dtype=np.int64)  # OPD unit row -> its head
        opd_at = self._unit_ix.get_indexer(self.opd_heads.index)
        head_at = self._pos_ix.get_indexer(pd.Index(self.opd_heads.to_numpy(dtype=object)))
        head_of[opd_at[opd_at >= 0]] = head_at[opd_at >= 0]
        head = head_of[item_opd]  # item_opd -1 reads the last slot: no head
        self.item_owner: IntArray = np.where(owner >= 0, owner, head).astype(np.int64)
        items["owner_id"] = gather(pos["position_id"].to_numpy(dtype=object), self.item_owner)
        self.work_items = items

    @classmethod
    def from_dataset(cls, ds: Dataset) -> Hierarchy:
        """The hierarchy of a :class:`~tukin.dataset.Dataset`, built once per Dataset (which
        never changes; treat the result as read-only too)."""
        built = _BUILT.get(ds)
        if built is None:
            with _BUILDING:  # a rule's prepare may build it on a second thread: once only
                built = _BUILT.get(ds)
                if built is None:
                    units, pos, items = (ds[n] for n in ("units", "positions", "work_items"))
                    links = Links.of_dataset(ds, units, pos, items)
                    built = cls(units=units, positions=pos, work_items=items, links=links)
                    # the employees (for position holders only) last: on a calculation's
                    # prepare thread the trees are built while another thread puts a million
                    # employees in key order, instead of waiting for it first
                    built._employees = ds["employees"]
                    built._acting = acting_holders(ds)
                    built._history = history_holders(ds)
                    _BUILT[ds] = built
        return built

    def in_period(self, period: Period | str) -> Hierarchy:
        """This hierarchy with the holders of each position *during* ``period``: employees
        whose service (``start_date`` to ``end_date``) overlaps it, the earlier positions of
        ``position_history`` and the acting officials, each holder of part of the period
        named with those days (:func:`tukin._tenure.holder_labels`).

        A report names who must act on a lagging item; someone who left in February is not
        the official answering for the third quarter, and a post whose holder left shows as
        vacant. The trees are shared (they do not depend on the period); kept per period.
        """
        from tukin.period import Period

        period = Period.parse(period)
        if self._whole is not None:  # a view of one period: the holders of another are the
            return self._whole.in_period(period)  # whole hierarchy's, not a subset of these
        kept = self._in_period.get(period)
        if kept is None:
            kept = copy.copy(self)
            kept._positions = None
            kept._in_period = {}
            kept._whole = self
            kept._employees = _serving(self._employees, period)
            kept._acting = _serving(self._acting, period)
            kept._history = _serving(self._history, period)
            kept._period = period
            self._in_period[period] = kept
        return kept

    @property
    def positions(self) -> pd.DataFrame:
        """The positions with the derived ``opd_id`` and ``holder`` (the names of the employees
        holding each post, for reports; in a view of a period, those holding it for part of
        the period with their days: :mod:`tukin._tenure`). The holders are joined on first
        use: calculations never read them, and for a province that join costs more than the
        roll-up."""
        if self._positions is None:
            pos = self.position_table.copy(deep=False)
            # a Plt of a vacant post holds it; a Plh stands beside the holder who is away;
            # an employee moved within the period holds each post for his own days
            tenures = [self._employees, self._history, self._acting]
            if self._period is None:  # the whole hierarchy: the holders now, without days
                tenures = [self._employees, self._acting]
            held = [t for t in tenures if t is not None]
            pos["holder"] = holder_labels(pos["position_id"], held, self._period)
            self._positions = pos
        return self._positions

    def held(
        self, among: np.ndarray | None = None, period: Period | str | None = None
    ) -> np.ndarray:
        """Per position (row of ``position_table``): someone holds it, in ``period`` if given,
        else in this hierarchy's (a view's period; ever, for the whole hierarchy). What
        :attr:`positions`' ``holder`` column says, without joining every holder's name.

        Only the posts ``among`` marks (a boolean mask) are looked at, the others are False,
        and only their employees' dates are read: a calculation's checks ask about a few
        posts, and the holders of a province's million employees in a period cost half a
        second to find."""
        ids = self.position_table["position_id"].astype(object).to_numpy()
        out = np.zeros(len(ids), dtype=bool)
        rows = np.arange(len(ids)) if among is None else np.flatnonzero(among)
        whole = self._whole if period is not None and self._whole is not None else self
        emp = whole._employees
        others = [whole._acting]  # a Plt / Plh holds the post they act in
        if period is not None or whole._period is not None:  # and, in a period, an earlier
            others.append(whole._history)  # position of position_history, for its days
        for more in others:
            if more is not None and not more.empty:
                emp = more if emp is None or emp.empty else pd.concat([emp[_HELD], more[_HELD]])
        if emp is None or emp.empty or not len(rows):
            return out
        theirs: pd.DataFrame | None = emp[
            emp["position_id"].astype(object).isin(pd.Index(ids[rows]))
        ]
        if period is not None:
            from tukin.period import Period

            theirs = _serving(theirs, Period.parse(period))
        if theirs is None or theirs.empty:
            return out
        out[rows] = pd.Index(ids[rows]).isin(theirs["position_id"].astype(object))
        return out

    def _opd_heads(self, opd: IntArray) -> pd.Series:
        """OPD id -> its head: a position of the OPD reporting to nobody inside it (JPT first).

        ``opd``: each position's OPD as a unit row (-1: none)."""
        pos = self.position_table
        sup = self.pos_tree.parent
        top = (sup < 0) | (opd[np.maximum(sup, 0)] != opd)
        cand = pos[top & (opd >= 0)].copy()
        cand["_rank"] = (cand["kind"] != "jpt").astype(int)
        cand["_grade"] = -_col(cand, "grade").fillna(0).astype(float)
        cand = cand.sort_values(["opd_id", "_rank", "_grade", "position_id"], kind="stable")
        heads = cand.drop_duplicates("opd_id").set_index("opd_id")["position_id"]
        return heads.astype(object)

    def position_index(self, ids: object) -> IntArray:
        """Node numbers of position ids (-1 for unknown ids)."""
        return _lookup(self._pos_ix, ids)

    def item_index(self, ids: object) -> IntArray:
        """Node numbers of work item ids (-1 for unknown ids)."""
        return _lookup(self._item_ix, ids)

    def unit_index(self, ids: object) -> IntArray:
        """Node numbers of unit ids (-1 for unknown ids)."""
        return _lookup(self._unit_ix, ids)

    def _one(self, index: IntArray, value: str, what: str) -> int:
        if index[0] < 0:
            raise DataError(code="unknown_reference", value=value, target=what)
        return int(index[0])

    def _pid(self, nodes: IntArray) -> list[str]:
        return [str(x) for x in self.position_table["position_id"].to_numpy(dtype=object)[nodes]]

    def _wid(self, nodes: IntArray) -> list[str]:
        return [str(x) for x in self.work_items["work_item_id"].to_numpy(dtype=object)[nodes]]

    def superiors(self, position_id: str) -> list[str]:
        """The chain of positions above ``position_id``, nearest first."""
        node = self._one(self.position_index(position_id), position_id, "positions")
        return self._pid(np.asarray(self.pos_tree.ancestors(node), dtype=np.int64))

    def subordinates(self, position_id: str, *, direct: bool = False) -> list[str]:
        """Positions reporting to ``position_id``: directly, or at any depth (pre-order)."""
        node = self._one(self.position_index(position_id), position_id, "positions")
        if direct:
            return self._pid(np.flatnonzero(self.pos_tree.parent == node))
        return self._pid(self.pos_tree.subtree(node)[1:])

    def under(self, position_ids: object, superior_ids: object) -> BoolArray:
        """Elementwise: each position is the superior or (at any depth) below it. Vectorised."""
        above, below = self.position_index(superior_ids), self.position_index(position_ids)
        return self.pos_tree.contains(above, below)

    def items_of(self, position_id: str, *, through_subordinates: bool = False) -> list[str]:
        """Work items ``position_id`` answers for itself, or also through its subordinates."""
        node = self._one(self.position_index(position_id), position_id, "positions")
        mine = self.item_owner == node
        if through_subordinates:
            mine = self.pos_tree.contains(np.full(len(mine), node), self.item_owner)
        items = np.flatnonzero(mine)
        return self._wid(items[np.argsort(self.item_tree.tin[items])])

    def item_pairs(self, *, through_subordinates: bool) -> tuple[IntArray, IntArray]:
        """``(item, position)`` pairs: the *top* items each position answers for.

        An item counts for its owner (and, through subordinates, for the owner's superiors)
        unless the item above it already does: a kegiatan and its sub kegiatan are never both
        counted for one position, so roll-ups never count a budget twice.
        """
        tree, owner = self.item_tree, self.item_owner
        parent_owner = through(owner, tree.parent)
        if through_subordinates:
            return self.pos_tree.chain_pairs(owner, parent_owner)
        top = (owner >= 0) & (owner != parent_owner)
        items = np.flatnonzero(top)
        return items, owner[items]

    def unit_item_pairs(self) -> tuple[IntArray, IntArray]:
        """``(item, unit)`` pairs: the top items owned by positions in each unit or below it."""
        tree, owner = self.item_tree, self.item_owner
        unit = through(self._position_unit, owner)
        parent_unit = through(unit, tree.parent)
        return self.unit_tree.chain_pairs(unit, parent_unit)

    def officials(self, work_item_id: str) -> pd.DataFrame:
        """The officials answering for a work item and for every item above it, then the OPD
        head: one row per level (level, work_item_id, position_id, position, position_holder)."""
        node = self._one(self.item_index(work_item_id), work_item_id, "work_items")
        chain = np.asarray([node, *self.item_tree.ancestors(node)], dtype=np.int64)
        opd = self.work_items["opd_id"].iat[node]
        head = self.position_index(self.opd_heads.get(opd) if isinstance(opd, str) else None)
        levels = _text(self.work_items["level"])[chain]
        out = pd.DataFrame({"level": [*levels, "opd"], "work_item_id": [*self._wid(chain), opd]})
        self._official_columns(out, "position", np.concatenate([self.item_owner[chain], head]))
        return out

    def responsibility(self) -> pd.DataFrame:
        """Per work item, the official at every level above it (vectorised; one row per item).

        Columns: work_item_id, level, opd_id, program_id, kegiatan_id, and for each level L in
        sub_kegiatan, kegiatan, program, opd: ``official_L_id`` (position id), ``official_L``
        (position name) and ``official_L_holder`` (employee names). Empty where the item is
        above that level.
        """
        items = self.work_items
        tree = self.item_tree
        level = _text(items["level"])
        n = len(items)
        at: dict[str, IntArray] = {lv: np.full(n, -1, dtype=np.int64) for lv in WORK_ITEM_LEVELS}
        cur = np.arange(n, dtype=np.int64)
        while (cur >= 0).any():
            live = cur >= 0
            for lv in WORK_ITEM_LEVELS:
                hit = live & (level[np.maximum(cur, 0)] == lv) & (at[lv] < 0)
                at[lv][hit] = cur[hit]
            cur = np.where(live, tree.parent[np.maximum(cur, 0)], -1)
        out = pd.DataFrame({"work_item_id": items["work_item_id"].to_numpy(dtype=object)})
        out["level"] = level
        out["opd_id"] = _text(items["opd_id"])
        ids = items["work_item_id"].to_numpy(dtype=object)
        for lv in ("program", "kegiatan"):
            out[f"{lv}_id"] = gather(ids, at[lv])
        heads = self.position_index(items["opd_id"].map(self.opd_heads).to_numpy(dtype=object))
        owners = {lv: np.where(a >= 0, self.item_owner[a], -1) for lv, a in at.items()}
        owners["opd"] = heads
        for lv in OFFICIAL_LEVELS:
            self._official_columns(out, f"official_{lv}", owners[lv])
        return out

    def _official_columns(self, out: pd.DataFrame, prefix: str, pos: IntArray) -> None:
        for suffix, col in (("_id", "position_id"), ("", "name"), ("_holder", "holder")):
            out[prefix + suffix] = gather(_text(self.positions[col]), pos)


#: The columns of a holder that :meth:`Hierarchy.held` reads.
_HELD = ["position_id", "start_date", "end_date"]


def acting_holders(ds: Dataset) -> pd.DataFrame | None:
    """The acting officials of ``ds`` (its ``acting`` table) as holders of the posts they act
    in: nip, name (the official's name, else NIP, with the kind: ``Budi (Plt)``),
    position_id (the post acted in), start_date, end_date. None without acting rows.

    A Plt answers for a vacant post's items, a Plh for those of a post whose holder is away
    (SE Kepala BKN 1/SE/I/2021: both may set and appraise the post's work), for the
    assignment's dates: a report of a period names them where it named the nearest superior
    in office."""
    if "acting" not in ds:
        return None
    acting = ds["acting"]
    if acting.empty:
        return None
    nip = acting["nip"].astype(str)
    label = labels_of(ds, nip)
    # the posts the few acting officials held (not a province's million employees)
    posts = posts_held(ds, pd.Index(nip.unique()))
    now = posts[posts["current"].to_numpy(dtype=bool)]
    now = now[~now["nip"].duplicated().to_numpy(dtype=bool)]  # a NIP twice: its first row
    kind = acting["kind"].astype(str).map({"plt": "Plt", "plh": "Plh"}).fillna("Plt")
    # nobody acts outside their own service: a retiree's open-ended Plt row ends with it
    start = pd.to_datetime(acting["start_date"])
    end = pd.to_datetime(acting["end_date"])
    # a row running into the appointment to the post acted in ends the day before: from it
    # the official holds the post as its own, named without "(Plt)" (review 124)
    appointed = acting_appointed(ds)
    if not np.isnat(appointed).all():
        last = pd.Series(appointed - np.timedelta64(1, "D"), index=end.index)
        end = end.where(np.isnat(appointed), pd.to_datetime(last))
    # the service: from the employees row's start_date (none: since ever) or, earlier, the
    # first day of a position_history row (a Plt before the appointment, review 121), to
    # the employees row's end_date
    joined = nip.map(_by_nip(now, "start"))
    before = posts[~posts["current"].to_numpy(dtype=bool)]
    if len(before):
        firsts = pd.Series(before["start"].to_numpy(), index=before["nip"].to_numpy())
        earlier = pd.to_datetime(nip.map(firsts.groupby(level=0).min()))
        joined = joined.where(earlier.isna() | joined.isna() | (joined <= earlier), earlier)
    start = start.where(joined.isna() | (joined <= start), joined)
    left = nip.map(_by_nip(now, "end"))
    end = end.where(left.isna() | (end.notna() & (end <= left)), left)
    holders = pd.DataFrame(
        {
            "nip": nip.to_numpy(dtype=object),
            "name": (label + " (" + kind + ")").to_numpy(dtype=object),
            "position_id": acting["position_id"].astype(object).to_numpy(),
            "start_date": start.to_numpy(),
            "end_date": end.to_numpy(),
        }
    )
    acted = (end.isna() | (end >= start)).to_numpy(dtype=bool)  # not wholly out of service
    return holders if acted.all() else holders[acted].reset_index(drop=True)


def _by_nip(posts: pd.DataFrame, column: str) -> pd.Series:
    """A date column of :func:`tukin._tenure.posts_held`'s rows indexed by NIP (one row a
    NIP)."""
    return pd.Series(pd.to_datetime(posts[column]).to_numpy(), index=posts["nip"].to_numpy())


def _serving(employees: pd.DataFrame | None, period: Period) -> pd.DataFrame | None:
    """The employees in service for at least a day of ``period`` (no dates: always)."""
    if employees is None or employees.empty:
        return employees
    keep = np.ones(len(employees), dtype=bool)
    if "start_date" in employees:
        start = pd.to_datetime(employees["start_date"])
        keep &= (start.isna() | (start <= pd.Timestamp(period.end))).to_numpy(dtype=bool)
    if "end_date" in employees:
        end = pd.to_datetime(employees["end_date"])
        keep &= (end.isna() | (end >= pd.Timestamp(period.start))).to_numpy(dtype=bool)
    return employees[keep]


_BUILT: weakref.WeakKeyDictionary[Dataset, Hierarchy] = weakref.WeakKeyDictionary()
_BUILDING = threading.Lock()


def _fresh_lock_after_fork() -> None:  # a lock held by a parent's thread at the fork
    global _BUILDING
    _BUILDING = threading.Lock()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_fresh_lock_after_fork)


@dataclass(frozen=True)
class Links:
    """The references between the three tables as rows (-1: none), one array per column:
    what :class:`Hierarchy` is built from. Rows are positions in the frames as given."""

    unit_parent: IntArray  # units.parent_id -> units
    position_parent: IntArray  # positions.superior_id -> positions
    position_unit: IntArray  # positions.unit_id -> units
    item_parent: IntArray  # work_items.parent_id -> work_items
    item_unit: IntArray  # work_items.unit_id -> units
    item_responsible: IntArray  # work_items.responsible_position_id -> positions

    @classmethod
    def looked_up(cls, units: pd.DataFrame, pos: pd.DataFrame, items: pd.DataFrame) -> Links:
        """By looking the ids up (the first row holding an id; null never matches)."""
        unit_ids, pos_ids = units["unit_id"], pos["position_id"]
        return cls(
            _graph.parent_index(unit_ids, _col(units, "parent_id")),
            _graph.parent_index(pos_ids, _col(pos, "superior_id")),
            _graph.parent_index(unit_ids, _col(pos, "unit_id")),
            _graph.parent_index(items["work_item_id"], _col(items, "parent_id")),
            _graph.parent_index(unit_ids, _col(items, "unit_id")),
            _graph.parent_index(pos_ids, _col(items, "responsible_position_id")),
        )

    @classmethod
    def of_dataset(
        cls, ds: Dataset, units: pd.DataFrame, pos: pd.DataFrame, items: pd.DataFrame
    ) -> Links:
        """As validation found them (:meth:`Dataset._reference_rows`), else looked up."""
        found = []
        wanted = (
            ("units", "parent_id", units, units),
            ("positions", "superior_id", pos, pos),
            ("positions", "unit_id", pos, units),
            ("work_items", "parent_id", items, items),
            ("work_items", "unit_id", items, units),
            ("work_items", "responsible_position_id", items, pos),
        )
        for table, column, rows, target in wanted:
            at = ds._reference_rows(table, column, rows, target)
            if at is None:
                return cls.looked_up(units, pos, items)
            found.append(at)
        return cls(*found)


def _lookup(index: pd.Index, ids: object) -> IntArray:
    if isinstance(ids, pd.Series | pd.Index):  # a column: looked up where it is stored
        return positions_in(ids, index)
    return positions_in(np.atleast_1d(np.asarray(ids, dtype=object)), index)


def _empty_items() -> pd.DataFrame:
    cols = ["work_item_id", "name", "level", "parent_id", "unit_id", "responsible_position_id"]
    return pd.DataFrame(
        {c: pd.Series([], dtype=object) for c in cols} | {"budget": pd.Series([], dtype="int64")}
    )
