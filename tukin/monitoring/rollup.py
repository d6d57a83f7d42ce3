"""Roll-up of achievement: indicator → work item → responsible position → superiors → OPD.

Every level is computed with the number backend (``FNum`` fast and certified, or ``XNum``
exact), so a rolled-up score can feed an allowance without breaking the engine's exactness
guarantee. Monitoring reports use the same code and show the values as percentages.

The policy (:class:`RollupPolicy`) is named and declared in the rule file:

- An indicator's achievement is :func:`tukin.rules.achievement.achievement_of`: ``r / t``
  (higher is better) or ``1 + (1 − r / t)`` (lower is better); a range target scores 100%
  inside and is measured against the bound passed outside. Floored at 0, capped at ``cap``.
  Indicators without a target are left out; a target of 0 has no ratio: ``zero_target``
  declares what it scores (a lower-is-better one 100 % at 0 and 0 % above, a higher-is-better
  one left out; or every one left out). Without a counted realisation an indicator scores 0
  or is left out (``missing_realisation``).
- A work item scores its own indicators (weighted by the indicator ``weight`` column); an item
  without counted indicators scores its children. ``weights`` then says how items combine:
  ``indicator`` (by total indicator weight, so the result is the weighted mean over all the
  indicators underneath), ``budget`` (by pagu) or ``equal``. ``method`` is ``mean``, ``min``
  or ``geomean`` (weighted geometric mean, rounded half-even to ``precision`` decimals).
- A position scores the top work items it owns (``scope: own``), or also those of its
  subordinates (``scope: subordinates``). With ``blend: w`` a position's score is
  ``w × own + (1 − w) × mean of its direct subordinates' scores``, bottom-up.
- An OPD scores its programs; the regency scores every program.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from tukin import _graph
from tukin.calc.num import Num, XNum, _unit_add, where
from tukin.hierarchy import Hierarchy
from tukin.monitoring._num import Backend, group_geomean, group_min, group_sum, take
from tukin.monitoring.figures import PeriodRule, Status
from tukin.rules.achievement import achievement_of
from tukin.ruleset.types import Exact, fmt_exact, refuse_field

__all__ = [
    "Rollup",
    "RollupPolicy",
    "compute_rollup",
    "scorable_targets",
    "targeted",
    "zero_targets",
]

Bool = np.ndarray


class RollupPolicy(BaseModel):
    """How achievement rolls up; every field can be set in a rule file or a report."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    method: Literal["mean", "min", "geomean"] = Field(
        default="mean", description="How scores combine."
    )
    weights: Literal["indicator", "budget", "equal"] = Field(
        default="indicator",
        description="Weight of a work item: its indicator weights, its pagu, or 1.",
    )
    scope: Literal["own", "subordinates"] = Field(
        default="own", description="A position's items: its own, or also its subordinates'."
    )
    blend: Exact | None = Field(
        default=None, description="w: score = w × own + (1 − w) × mean of direct subordinates."
    )
    periods: PeriodRule = Field(
        default="latest", description="Which realisation counts: latest, enclosing, exact."
    )
    min_status: Status = Field(
        default="entered", description="Lowest verification status that counts."
    )
    cap: Exact | None = Field(
        default=None, description="Cap on an indicator's achievement, e.g. 1.2."
    )
    missing_realisation: Literal["zero", "skip"] = Field(
        default="zero",
        description="An indicator with a target but no counted realisation: 0 or left out.",
    )
    precision: int = Field(default=6, ge=0, le=12, description="Decimals of a geometric mean.")
    zero_target: Literal["lower_scored", "skip"] = Field(
        default="lower_scored",
        description="An indicator whose target is 0 (no ratio to take): lower_scored = a "
        "lower-is-better one scores 100% at realisation 0 and 0% above it ('zero accidents'), "
        "a higher-is-better one is left out (nothing was planned); skip = every one is left "
        "out. Either way the report counts them (indicators_zero_target).",
    )

    @model_validator(mode="after")
    def _check(self) -> RollupPolicy:
        # refused at the key, in both languages (a plain ValueError is English in both)
        if self.blend is not None and not 0 <= self.blend <= 1:
            shown = fmt_exact(self.blend)
            refuse_field(
                "blend",
                self.blend,
                "rollup_blend",
                f"must lie between 0 and 1, not {shown}",
                f"harus antara 0 dan 1, bukan {shown}",
            )
        if self.blend is not None and self.scope != "own":
            refuse_field(
                "blend",
                self.blend,
                "rollup_blend",
                "already adds the subordinates: use it with scope: own",
                "sudah menambahkan bawahan: gunakan dengan scope: own",
            )
        if self.cap is not None and self.cap <= 0:
            shown = fmt_exact(self.cap)
            refuse_field(
                "cap",
                self.cap,
                "rollup_cap",
                f"must be above 0, not {shown}: a cap of 0 scores every indicator 0",
                f"harus lebih dari 0, bukan {shown}: cap 0 membuat setiap indikator bernilai 0",
            )
        return self


@dataclass
class Rollup:
    """Scores at every level (1 = 100%) with ``*_has`` masks (False: nothing to score)."""

    hierarchy: Hierarchy
    policy: RollupPolicy
    figures: pd.DataFrame  # indicator_figures + item (node) + counted + achievement (float)
    indicator: Num
    item: Num
    item_has: Bool
    item_mass: Num
    item_own: Bool
    position: Num
    position_has: Bool
    position_own_has: Bool
    pairs: tuple[np.ndarray, np.ndarray]  # (item, position) feeding each position's own part
    unit_pairs: tuple[np.ndarray, np.ndarray]  # (item, unit) feeding each unit
    unit: Num
    unit_has: Bool
    opd_ids: np.ndarray
    opd: Num
    opd_has: Bool
    regency: Num
    regency_has: Bool
    backend: Backend
    _nearest: tuple[np.ndarray, np.ndarray] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    def nearest_scored(self) -> tuple[np.ndarray, np.ndarray]:
        """(per position, its nearest superior with a score; per unit, itself when scored
        else its nearest ancestor unit with a score), -1 for none. Kept: every calculation
        and explanation choosing a source reads them, and at a province they cost the walk
        of two trees."""
        if self._nearest is None:
            h = self.hierarchy
            sup = _graph.nearest_marked_ancestor(h.pos_tree.parent, self.position_has)
            unit = np.where(
                self.unit_has,
                np.arange(len(h.units)),
                _graph.nearest_marked_ancestor(h.unit_tree.parent, self.unit_has),
            )
            self._nearest = (sup, unit)
        return self._nearest


def compute_rollup(
    h: Hierarchy,
    figures: pd.DataFrame,
    policy: RollupPolicy,
    backend: Backend,
    *,
    regency: bool = True,
    within: np.ndarray | None = None,
    items: np.ndarray | None = None,
) -> Rollup:
    """Every level's score from ``figures`` (:func:`~tukin.monitoring.figures.indicator_figures`).

    ``regency=False`` skips the regency-wide score (allowance rules never read it, and a flag
    on it would concern every OPD).

    ``within`` (the exact backend only): a mask of work items holding every item below a
    marked one. Only what depends on nothing else is then right: the scores of those items
    and of the positions, units and OPDs whose paired items are all marked (and their *has*
    marks); elsewhere a score may be partial or missing, and a *has* mark only lost, never
    gained. The work is that of the marked items, not of the Dataset's: the exact score behind
    one employee's explanation in a province costs milliseconds, not a province's roll-up.

    ``items``: each figure's work item as ``h.item_index`` numbers it, when the caller has it
    (looking up ids costs a hash table of every work item).
    """
    if items is None:
        items = h.item_index(figures["work_item_id"]) if len(figures) else np.zeros(0, np.int64)
    if within is None:
        return _Compute(h, figures, items, policy, backend).run(regency)
    assert backend.exact, "a part of a roll-up is computed exactly (the fast pass is whole)"
    part = _Part(h, within, through_subordinates=policy.scope == "subordinates")
    sub = _Compute(part, figures, part.number_items(items), policy, backend)
    return part.expand(sub.run(False))


class _Compute:
    def __init__(
        self,
        h: Hierarchy | _Part,
        figures: pd.DataFrame,
        items: np.ndarray,
        policy: RollupPolicy,
        b: Backend,
    ) -> None:
        self.h, self.p, self.b = h, policy, b
        fig = figures.reset_index(drop=True).copy()
        fig["item"] = np.asarray(items, dtype=np.int64)
        fig = fig[fig["item"] >= 0].reset_index(drop=True)
        has_target = targeted(fig, policy)
        has_value = fig["value"].notna().to_numpy()
        fig["has_target"] = has_target
        fig["counted"] = has_target & (has_value | (policy.missing_realisation == "zero"))
        self.zero_scored = zero_targets(fig) & has_target
        self.fig = fig
        self.cols = h.arrays if isinstance(h, _Part) else _arrays(h)
        self.item_opd, self.pos_opd, self.unit_opd = (
            self.cols.item_opd,
            self.cols.pos_opd,
            self.cols.unit_opd,
        )

    # -- aggregation ---------------------------------------------------------------------
    def aggregate(
        self,
        values: Num,
        masses: Num,
        members: np.ndarray,
        groups: np.ndarray,
        n: int,
        opds: np.ndarray | None,
    ) -> tuple[Num, Bool]:
        """Combine ``values[members]`` per group by the policy's method; groups whose members'
        masses are all zero weigh their members equally."""
        b = self.b
        count = np.bincount(groups, minlength=n)
        has = count > 0
        mopds = None if opds is None else opds[groups]
        vals = take(values, members, None if b.exact else b.tracker(len(members), mopds))
        if self.p.method == "min":
            return group_min(vals, groups, n, None if b.exact else b.tracker(n, opds)), has
        ms = take(masses, members, None if b.exact else b.tracker(len(members), mopds))
        zero = np.bincount(groups, weights=ms.to_float(), minlength=n) == 0
        ms = where(zero[groups], 1, ms)
        tr = None if b.exact else b.tracker(n, opds)
        if self.p.method == "geomean":
            return group_geomean(vals, ms, groups, n, tr, self.p.precision), has
        num = group_sum(vals * ms, groups, n, tr)
        den = group_sum(ms, groups, n, tr)
        if b.exact:  # groups without members are 0 / 1 = 0: divide only the others
            return _exact_at(np.flatnonzero(has), n, lambda ix: take(num, ix) / take(den, ix)), has
        return num / where(has, den, 1), has

    # -- levels --------------------------------------------------------------------------
    def run(self, with_regency: bool = True) -> Rollup:
        h, b, fig = self.h, self.b, self.fig
        n_items = len(self.item_opd)
        iopd = (
            self.item_opd[fig["item"].to_numpy(dtype=np.int64)]
            if len(fig)
            else np.zeros(0, dtype=object)
        )
        real = b.floats(fig["value"].to_numpy(), iopd)
        target = b.floats(fig["target"].to_numpy(), iopd)
        tmax = b.floats(fig["target_max"].to_numpy(), iopd)
        lower = (fig["polarity"] == "lower").to_numpy()
        capaian = achievement_of(real, target, tmax, lower, cap=self.p.cap, floor=Fraction(0))
        ach = where(capaian.missing, 0, capaian.value)
        if self.zero_scored.any():
            # a lower-is-better target of 0: met (100 %, within the cap) at 0, missed (0 %)
            # above it; 1 + (1 − r/0) has no value (PermenPANRB 8/2021 gives none)
            met = Fraction(1) if self.p.cap is None else min(Fraction(1), Fraction(self.p.cap))
            none = (fig["value"] == 0).to_numpy()
            ach = where(self.zero_scored & none, met, where(self.zero_scored, 0, ach))
        fig["achievement"] = np.where(fig["counted"], ach.to_float(), np.nan)
        weight = b.floats(fig["weight"].fillna(1.0).clip(lower=0).to_numpy(), iopd)
        counted = np.flatnonzero(fig["counted"].to_numpy())
        groups = fig["item"].to_numpy(dtype=np.int64)[counted]
        own, own_has = self.aggregate(ach, weight, counted, groups, n_items, self.item_opd)
        own_mass = group_sum(
            take(weight, counted, None if b.exact else b.tracker(len(counted), iopd[counted])),
            groups,
            n_items,
            None if b.exact else b.tracker(n_items, self.item_opd),
        )
        item, item_has, mass = self.items(own, own_has, own_mass)
        pairs = h.item_pairs(through_subordinates=self.p.scope == "subordinates")
        position, pos_has, own_pos_has = self.positions(item, item_has, mass, pairs)
        uitems, units = h.unit_item_pairs()
        unit, unit_has = self.over_pairs(
            item, item_has, mass, uitems, units, len(self.unit_opd), self.unit_opd
        )
        roots = np.flatnonzero(h.item_tree.depth == 0)
        opd_ids = h.opd_ids
        opd_of_root = pd.Index(opd_ids).get_indexer(self.item_opd[roots]) if len(roots) else roots
        keep = opd_of_root >= 0
        opd, opd_has = self.over_pairs(
            item, item_has, mass, roots[keep], opd_of_root[keep], len(opd_ids), opd_ids
        )
        if with_regency:
            zero = np.zeros(len(roots), dtype=np.int64)
            regency, reg_has = self.over_pairs(item, item_has, mass, roots, zero, 1, None)
        else:
            regency, reg_has = (
                b.const(0, 1, np.array([None], dtype=object)),
                np.zeros(1, dtype=bool),
            )
        return Rollup(
            h.h if isinstance(h, _Part) else h,  # a part's result is expanded to h.h's
            self.p,
            fig,
            ach,
            item,
            item_has,
            mass,
            own_has,
            position,
            pos_has,
            own_pos_has,
            pairs,
            (uitems, units),
            unit,
            unit_has,
            opd_ids,
            opd,
            opd_has,
            regency,
            reg_has,
            b,
        )

    def over_pairs(
        self,
        item: Num,
        item_has: Bool,
        mass: Num,
        items: np.ndarray,
        groups: np.ndarray,
        n: int,
        opds: np.ndarray | None,
    ) -> tuple[Num, Bool]:
        ok = item_has[items] if len(items) else np.zeros(0, dtype=bool)
        return self.aggregate(item, mass, items[ok], groups[ok], n, opds)

    def items(self, own: Num, own_has: Bool, own_mass: Num) -> tuple[Num, Bool, Num]:
        """Bottom-up: own indicators, else the children's scores; masses per the policy."""
        h, b, w = self.h, self.b, self.p.weights
        tree = h.item_tree
        n = len(tree.parent)
        budget = self.cols.budget
        score, has = own, own_has.copy()
        if w == "indicator":
            mass = where(own_has, own_mass, 0)
        elif w == "budget":
            mass = b.ints(_budget_mass(tree.parent, tree.depth, budget), self.item_opd)
        else:
            mass = b.const(1, n, self.item_opd)
        for d in range(int(tree.depth.max(initial=0)) - 1, -1, -1):
            kids = np.flatnonzero((tree.depth == d + 1) & has)
            if not len(kids):
                continue
            sub, sub_has = self.aggregate(score, mass, kids, tree.parent[kids], n, self.item_opd)
            fill = (tree.depth == d) & ~own_has & sub_has
            score = where(fill, sub, score)
            has |= fill
            if w == "indicator":
                tr = None if b.exact else b.tracker(n, self.item_opd)
                kid_mass = group_sum(
                    take(
                        mass, kids, None if b.exact else b.tracker(len(kids), self.item_opd[kids])
                    ),
                    tree.parent[kids],
                    n,
                    tr,
                )
                mass = where(fill, kid_mass, mass)
        return score, has, mass

    def positions(
        self, item: Num, item_has: Bool, mass: Num, pairs: tuple[np.ndarray, np.ndarray]
    ) -> tuple[Num, Bool, Bool]:
        h, b = self.h, self.b
        n = len(self.pos_opd)
        own, own_has = self.over_pairs(item, item_has, mass, pairs[0], pairs[1], n, self.pos_opd)
        if self.p.blend is None:
            return own, own_has, own_has
        tree = h.pos_tree
        w = Fraction(self.p.blend)
        score, has = own, own_has.copy()
        for d in range(int(tree.depth.max(initial=0)) - 1, -1, -1):
            kids = np.flatnonzero((tree.depth == d + 1) & has)
            if not len(kids):
                continue
            groups = tree.parent[kids]
            count = np.bincount(groups, minlength=n)
            tr = None if b.exact else b.tracker(n, self.pos_opd)
            kid_vals = take(
                score, kids, None if b.exact else b.tracker(len(kids), self.pos_opd[kids])
            )
            at = (tree.depth == d) & (count > 0)
            if b.exact:  # only the rows ``at`` change: compute just those
                score = self._blend_exact(score, own, own_has, kid_vals, groups, count, at, w)
                has |= at
                continue
            mean = group_sum(kid_vals, groups, n, tr) / b.ints(np.maximum(count, 1), self.pos_opd)
            blended = own * w + mean * (1 - w)
            score = where(at & own_has, blended, where(at, mean, score))
            has |= at
        return score, has, own_has

    def _blend_exact(
        self,
        score: Num,
        own: Num,
        own_has: Bool,
        kid_vals: Num,
        groups: np.ndarray,
        count: np.ndarray,
        at: Bool,
        w: Fraction,
    ) -> Num:
        """The exact backend's ``where(at & own_has, blended, where(at, mean, score))`` of
        :meth:`positions`, evaluated only at the rows ``at``."""
        n = len(count)
        idx = np.flatnonzero(at)
        total = group_sum(kid_vals, groups, n, None)
        mean = take(total, idx) / self.b.ints(count[idx], None)
        blended = take(own, idx) * w + mean * (1 - w)
        new = where(own_has[idx], blended, mean)
        assert isinstance(score, XNum) and isinstance(new, XNum)
        out = score.v.copy()
        out[idx] = new.v
        return XNum(out, _unit_add(new.unit, score.unit, "choose between"))


def targeted(fig: pd.DataFrame, policy: RollupPolicy) -> np.ndarray:
    """Per indicator figure: it is scored against its target (:func:`scorable_targets`, or a
    target of 0 that ``policy.zero_target`` scores: a lower-is-better one's)."""
    lower = (fig["polarity"] == "lower").to_numpy(dtype=bool)
    scored = lower & (policy.zero_target == "lower_scored")
    return scorable_targets(fig) | (zero_targets(fig) & scored)


def zero_targets(fig: pd.DataFrame) -> np.ndarray:
    """Per indicator figure: its target is 0 (a single 0, or the range 0–0): no ratio to it
    exists (``RollupPolicy.zero_target`` decides)."""
    target, tmax = fig["target"], fig["target_max"]
    return np.asarray(((target == 0) & ~(tmax > 0)).to_numpy(), dtype=bool)


def scorable_targets(fig: pd.DataFrame) -> np.ndarray:
    """Per indicator figure: a target a realisation can be measured against: above 0, or a
    range from 0 to above 0 (a lower-is-better "at most 5" is measured against its 5, a
    higher-is-better one scores 100 % inside); a range whose top lies below its bottom is
    none."""
    target, tmax = fig["target"], fig["target_max"]
    positive = (target > 0) | ((target == 0) & (tmax > 0))
    return np.asarray((positive & ~(tmax < target)).to_numpy(), dtype=bool)


class _Part:
    """The part of a hierarchy a roll-up ``within`` some work items reads, in node numbers of
    its own, with what :class:`_Compute` asks of a :class:`Hierarchy`, and the way back.

    It holds the items of ``within`` and every item above them (so that each parent link
    stays inside), the positions those items feed and every position above them (likewise,
    for ``blend``), and the units they feed."""

    def __init__(self, h: Hierarchy, within: np.ndarray, *, through_subordinates: bool) -> None:
        self.h = h
        self.item_rows = np.flatnonzero(_with_ancestors(h.item_tree.parent, within))
        self._item_at = _numbering(self.item_rows, len(h.work_items))
        inside = np.zeros(len(h.work_items), dtype=bool)
        inside[self.item_rows] = True
        pi, pp = h.item_pairs(through_subordinates=through_subordinates)
        ui, uu = h.unit_item_pairs()
        self._pairs = pi[inside[pi]], pp[inside[pi]]
        self._unit_pairs = ui[inside[ui]], uu[inside[ui]]
        fed = np.zeros(len(h.position_table), dtype=bool)
        fed[self._pairs[1]] = True
        self.pos_rows = np.flatnonzero(_with_ancestors(h.pos_tree.parent, fed))
        self._pos_at = _numbering(self.pos_rows, len(h.position_table))
        self.unit_rows = np.unique(self._unit_pairs[1])
        self._unit_at = _numbering(self.unit_rows, len(h.units))
        self.item_tree = _sub_tree(h.item_tree, self.item_rows, self._item_at)
        self.pos_tree = _sub_tree(h.pos_tree, self.pos_rows, self._pos_at)
        whole = _arrays(h)
        self.arrays = _Arrays(
            whole.item_opd[self.item_rows],
            whole.pos_opd[self.pos_rows],
            whole.unit_opd[self.unit_rows],
            whole.budget[self.item_rows],
        )
        self.opd_ids = h.opd_ids

    def number_items(self, nodes: np.ndarray) -> np.ndarray:
        """Whole-hierarchy item nodes in the part's numbers (-1: outside the part)."""
        return _through(self._item_at, nodes)

    def item_pairs(self, *, through_subordinates: bool) -> tuple[np.ndarray, np.ndarray]:
        return self._item_at[self._pairs[0]], self._pos_at[self._pairs[1]]

    def unit_item_pairs(self) -> tuple[np.ndarray, np.ndarray]:
        return self._item_at[self._unit_pairs[0]], self._unit_at[self._unit_pairs[1]]

    def expand(self, r: Rollup) -> Rollup:
        """``r`` (computed on this part) in the whole hierarchy's node numbers: nothing
        scored (0, no *has* mark) outside the part."""
        h, items, pos, units = self.h, self.item_rows, self.pos_rows, self.unit_rows
        n_items, n_pos, n_units = len(h.work_items), len(h.position_table), len(h.units)
        figures = r.figures.copy()
        figures["item"] = items[figures["item"].to_numpy(dtype=np.int64)]
        return Rollup(
            h,
            r.policy,
            figures,
            r.indicator,
            _spread(r.item, items, n_items),
            _spread_mask(r.item_has, items, n_items),
            _spread(r.item_mass, items, n_items),
            _spread_mask(r.item_own, items, n_items),
            _spread(r.position, pos, n_pos),
            _spread_mask(r.position_has, pos, n_pos),
            _spread_mask(r.position_own_has, pos, n_pos),
            (items[r.pairs[0]], pos[r.pairs[1]]),
            (items[r.unit_pairs[0]], units[r.unit_pairs[1]]),
            _spread(r.unit, units, n_units),
            _spread_mask(r.unit_has, units, n_units),
            r.opd_ids,
            r.opd,
            r.opd_has,
            r.regency,
            r.regency_has,
            r.backend,
        )


@dataclass(frozen=True)
class _SubTree:
    parent: np.ndarray
    depth: np.ndarray


def _with_ancestors(parent: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """``mask`` widened to every node above a marked one (one step per level)."""
    out = mask.copy()
    cur = np.flatnonzero(mask)
    while len(cur):
        up = parent[cur]
        up = up[up >= 0]
        cur = np.unique(up[~out[up]])
        out[cur] = True
    return out


def _numbering(rows: np.ndarray, n: int) -> np.ndarray:
    """Whole-hierarchy node -> its number in the part (-1: outside)."""
    at = np.full(n, -1, dtype=np.int64)
    at[rows] = np.arange(len(rows), dtype=np.int64)
    return at


def _through(at: np.ndarray, nodes: np.ndarray) -> np.ndarray:
    """``at[nodes]`` keeping -1 (an unknown node) as -1."""
    nodes = np.asarray(nodes, dtype=np.int64)
    return np.where(nodes >= 0, at[np.maximum(nodes, 0)], -1)


def _sub_tree(tree: Any, rows: np.ndarray, at: np.ndarray) -> _SubTree:
    return _SubTree(parent=_through(at, tree.parent[rows]), depth=tree.depth[rows])


@dataclass(frozen=True)
class _Arrays:
    """The columns of a hierarchy's tables a roll-up reads: each item's, position's and
    unit's OPD id and each item's pagu (0: none)."""

    item_opd: np.ndarray
    pos_opd: np.ndarray
    unit_opd: np.ndarray
    budget: np.ndarray


_ARRAYS: weakref.WeakKeyDictionary[Hierarchy, _Arrays] = weakref.WeakKeyDictionary()


def _arrays(h: Hierarchy) -> _Arrays:
    """The columns of ``h`` a roll-up reads, kept per hierarchy (a Dataset's roll-ups and
    the exact parts of one read them again and again; a text column costs milliseconds)."""
    found = _ARRAYS.get(h)
    if found is None:
        items = h.work_items
        found = _Arrays(
            items["opd_id"].to_numpy(dtype=object),
            h.position_table["opd_id"].to_numpy(dtype=object),
            h.units["opd_id"].to_numpy(dtype=object),
            items["budget"].fillna(0).to_numpy(dtype=np.int64)
            if "budget" in items
            else np.zeros(len(items), dtype=np.int64),
        )
        _ARRAYS[h] = found
    return found


def _spread(x: Num, rows: np.ndarray, n: int) -> XNum:
    assert isinstance(x, XNum)
    out = np.full(n, Fraction(0), dtype=object)
    out[rows] = x.v
    return XNum(out, x.unit)


def _spread_mask(mask: np.ndarray, rows: np.ndarray, n: int) -> np.ndarray:
    out = np.zeros(n, dtype=bool)
    out[rows] = mask
    return out


def _exact_at(idx: np.ndarray, n: int, f: Callable[[np.ndarray], Num]) -> Num:
    """``f`` evaluated (exactly) at rows ``idx`` only; the other rows of the length-``n``
    result are 0."""
    part = f(idx)
    assert isinstance(part, XNum)
    out = np.full(n, Fraction(0), dtype=object)
    out[idx] = part.v
    return XNum(out, part.unit)


def _budget_mass(parent: np.ndarray, depth: np.ndarray, budget: np.ndarray) -> np.ndarray:
    """An item's pagu, or (when it has none) the sum of its children's: exact integers."""
    mass = np.maximum(budget, 0).astype(np.int64)
    for d in range(int(depth.max(initial=0)), 0, -1):
        kids = np.flatnonzero(depth == d)
        sums = np.zeros(len(mass), dtype=np.int64)
        np.add.at(sums, parent[kids], mass[kids])
        mass = np.where((depth == d - 1) & (mass == 0), sums, mass)
    return mass
