"""Rule types that take performance from the monitoring data: ``rollup``, ``opd_score``,
``opd_factor``.

``rollup`` gives each employee the rolled-up output achievement (1 = 100%) that answers for
them: a structural official their position's score (indicator → work item → position →
superiors, by the declared :class:`~tukin.monitoring.rollup.RollupPolicy`), pelaksana and
fungsional staff a score from their own appraisal, their unit or their superior, as the rule
file's ``sources`` declare (an ordered list of fallbacks per kind of position). The
explanation of an employee names the source, the work items with their weights and the
indicators that fed the score.

``opd_score`` gives each employee their OPD's score (indicator achievement, physical or
financial realisation, absorption against plan); ``opd_factor`` maps it through declared bands
(e.g. the regional performance bands) to a factor that scales the OPD's allowances.

Scores are computed once per run over the whole dataset with certified floats; the exact pass
computes in fractions only the work items underneath what its rows read (their positions,
superiors, units and OPDs), which gives those scores exactly as a roll-up of the whole dataset
would, so a row's value never depends on which other rows are computed. A flag raised while rolling up an OPD's indicators flags its
employees, so they are recomputed exactly.
"""

from __future__ import annotations

import weakref
from collections.abc import Callable
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from tukin._lookup import positions_in, through
from tukin.calc import num as N
from tukin.calc.context import StepContext
from tukin.calc.notes import coded_notes
from tukin.contract import POSITION_KINDS
from tukin.errors import Worded, rendered
from tukin.hierarchy import Hierarchy
from tukin.money import exact_decimal_text
from tukin.monitoring._num import Backend, take
from tukin.monitoring.explain import flows_left_out, source_notes
from tukin.monitoring.figures import budget_figures, indicator_figures
from tukin.monitoring.rejected import (
    ACHIEVEMENT_TABLES,
    CODE,
    MONEY_TABLES,
    NONE,
    Levels,
    Taint,
    levels,
    rejected_rows,
    taint,
)
from tukin.monitoring.report import own_amounts, own_physical
from tukin.monitoring.rollup import Rollup, RollupPolicy, compute_rollup
from tukin.rules.registry import rule
from tukin.ruleset.types import ColumnName, Exact, refusal, refuse_field

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.period import Period

__all__ = ["OpdFactorParams", "OpdScoreParams", "RollupParams"]

Kind = Literal["jpt", "administrator", "pengawas", "pelaksana", "fungsional"]
Source = Literal["own", "unit", "superior", "opd", "appraisal"]
SOURCES: tuple[str, ...] = ("own", "unit", "superior", "opd", "appraisal")
DEFAULT_SOURCES: dict[str, tuple[str, ...]] = {
    "jpt": ("own",),
    "administrator": ("own", "superior"),
    "pengawas": ("own", "superior"),
    "pelaksana": ("superior",),
    "fungsional": ("superior",),
}


class _Missing(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    missing: Literal["reject", "value"] = Field(
        default="reject", description="No score at all: reject the employee, or use missing_value."
    )
    missing_value: Exact = Field(default=Fraction(0), description="Score used when missing: value.")


class RollupParams(_Missing, RollupPolicy):
    sources: dict[Kind, list[Source]] = Field(
        default_factory=dict,
        description="Per kind of position, where the score comes from, in order of preference.",
    )
    appraisal: ColumnName | None = Field(
        default=None,
        description="Column or earlier step holding the employee's own appraisal score.",
    )

    @model_validator(mode="after")
    def _need_appraisal(self) -> RollupParams:
        if any("appraisal" in s for s in self.sources.values()) and self.appraisal is None:
            raise refusal(
                "a source 'appraisal' needs 'appraisal: <column or step>'",
                "sumber 'appraisal' memerlukan 'appraisal: <kolom atau langkah>'",
            )
        if any(len(s) == 0 for s in self.sources.values()):
            raise refusal(
                "every kind listed in sources needs at least one source",
                "setiap jenis dalam sources memerlukan paling sedikit satu sumber",
            )
        return self


class OpdScoreParams(_Missing, RollupPolicy):
    source: Literal["achievement", "physical", "financial", "absorption"] = Field(
        default="achievement",
        description="achievement of indicators; physical progress; spent / pagu; spent / plan.",
    )


class Band(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    min: Exact = Field(
        description="Where the band starts, e.g. '91%' (included unless closed: right)."
    )
    factor: Exact = Field(description="Factor for scores in the band.")
    label: str | None = Field(default=None, description="Name of the band, e.g. 'Sangat Baik'.")


class OpdFactorParams(OpdScoreParams):
    bands: list[Band] = Field(description="Bands; a score takes the highest band it reaches.")
    below: Exact | None = Field(
        default=None, description="Factor below the lowest band; empty: reject."
    )
    closed: Literal["left", "right"] = Field(
        "left",
        description="left: a score reaches a band at its min ('91-100'); right: only above "
        "it ('> 90', SAKIP grades).",
    )

    @model_validator(mode="after")
    def _bands(self) -> OpdFactorParams:
        if not self.bands:
            refuse_field(
                "bands",
                self.bands,
                "empty_table",
                "no band: every employee would be rejected (no factor for any score); give at "
                "least one band",
                "tidak ada rentang: setiap pegawai akan ditolak (tidak ada faktor untuk nilai "
                "mana pun); beri paling sedikit satu rentang",
            )
        return self


# -- shared state (per step, across the fast and exact passes) ------------------------------


def _hierarchy(ctx: StepContext) -> Hierarchy:  # built once per Dataset
    if ctx.dataset is None:
        raise ctx.error("needs_dataset")
    return Hierarchy.from_dataset(ctx.dataset)


def _rollup(ctx: StepContext, p: RollupPolicy, *, what: str = "rollup") -> Rollup:
    """The roll-up for the step's policy and period, computed once per dataset and backend
    (several steps and runs of one Dataset share it: a Dataset never changes).

    The exact pass computes only what its rows read (:func:`_needed_items`): the indicators of
    the work items underneath the positions, units and OPDs those employees can take a score
    from, on that part of the hierarchy alone (``compute_rollup(within=...)``). Every score the
    rows read is the same as in a roll-up of the whole dataset, since a score depends only on
    the indicators of the items underneath it. The last exact parts are kept with the items
    they cover (:data:`KEPT_PARTS`); rows needing more get a part of their own, so that the
    cost of explaining one employee stays that of their own scores however many were
    explained before.
    """
    h = _hierarchy(ctx)
    assert ctx.dataset is not None
    policy = _policy(p)
    memo = _MEMO.setdefault(h, {})
    fast_key = (str(ctx.period), policy, False)
    if not ctx.exact or fast_key not in memo:  # the fast pass, or the reference evaluator
        return _whole_rollup(ctx.dataset, ctx.period, p, exact=ctx.exact)
    need = _needed_items(ctx, h, memo[fast_key], what, p)
    key = (str(ctx.period), policy, True)
    if key in memo:
        return memo[key]
    parts: list[tuple[np.ndarray, Rollup]] = memo.setdefault(
        (str(ctx.period), policy, "exact-parts"), []
    )
    for covered, r in parts:
        if not (need & ~covered).any():
            return r
    fig = _figures(ctx, p)
    item = _figure_items(ctx, h, p)
    keep = (item >= 0) & need[np.maximum(item, 0)] if len(fig) else np.zeros(0, dtype=bool)
    r = compute_rollup(
        h, fig[keep], policy, Backend(True), regency=False, within=need, items=item[keep]
    )
    parts.insert(0, (need, r))
    del parts[KEPT_PARTS:]
    return r


#: Exact parts of a roll-up kept per Dataset, period and policy: the last ones computed (a
#: calculation's exact pass, the employees of one OPD explained in turn), each holding
#: arrays as long as the hierarchy.
KEPT_PARTS = 4


def _figure_items(ctx: StepContext, h: Hierarchy, p: RollupPolicy) -> np.ndarray:
    """The work item (node) of each indicator figure of the period (kept with them)."""
    assert ctx.dataset is not None
    memo = _MEMO.setdefault(h, {})
    key = (str(ctx.period), p.periods, p.min_status, "figure items")
    if key not in memo:
        memo[key] = h.item_index(_figures(ctx, p)["work_item_id"])
    return memo[key]


def _policy(p: RollupPolicy) -> RollupPolicy:
    return RollupPolicy(**{k: getattr(p, k) for k in RollupPolicy.model_fields})


def _whole_rollup(ds: Dataset, period: Period, p: RollupPolicy, *, exact: bool) -> Rollup:
    """The roll-up of the whole Dataset for the period and policy (kept): the fast pass's,
    or (``exact``) the reference evaluator's, which has no fast pass to narrow it."""
    h = Hierarchy.from_dataset(ds)
    policy = _policy(p)
    memo = _MEMO.setdefault(h, {})
    key = (str(period), policy, exact)
    if key not in memo:
        memo[key] = compute_rollup(
            h, _figures_for(ds, h, period, p), policy, Backend(exact), regency=False
        )
    return memo[key]


def _prepare_rollup(ds: Dataset, period: Period, p: RollupPolicy) -> None:
    """``prepare`` of the roll-up rule types (see :func:`tukin.rules.registry.rule`): the
    hierarchy, the indicator figures and the fast roll-up, all kept per Dataset."""
    if getattr(p, "source", "achievement") == "achievement":
        _whole_rollup(ds, period, p, exact=False)
    else:
        Hierarchy.from_dataset(ds)


def _figures(ctx: StepContext, p: RollupPolicy) -> pd.DataFrame:
    """Indicator figures of the period, shared by the fast and exact passes (read-only)."""
    ds = ctx.dataset
    assert ds is not None
    return _figures_for(ds, _hierarchy(ctx), ctx.period, p)


def _figures_for(ds: Dataset, h: Hierarchy, period: Period, p: RollupPolicy) -> pd.DataFrame:
    memo = _MEMO.setdefault(h, {})
    key = (str(period), p.periods, p.min_status, "figures")
    if key not in memo:
        # targets and realisations in the order they are held: figures do not depend on it,
        # and on a large calculation another thread is sorting them for the fingerprint
        indicators = ds["indicators"]
        targets, real = ds._any_order("targets"), ds._any_order("realisations")
        memo[key] = indicator_figures(
            indicators,
            targets,
            real,
            period,
            periods=p.periods,
            min_status=p.min_status,
            target_rows=ds._reference_rows("targets", "indicator_id", targets, indicators),
            realisation_rows=ds._reference_rows("realisations", "indicator_id", real, indicators),
        )
    return memo[key]


def _needed_items(
    ctx: StepContext, h: Hierarchy, full: Rollup, what: str, p: RollupPolicy
) -> np.ndarray:
    """Work items (mask) whose indicators decide every score the rows of ``ctx`` can read.

    A ``rollup`` row reads the one level it takes its score from (its position, its nearest
    scored superior, its unit's or nearest scored ancestor unit's score, or its OPD's); an
    OPD score or factor reads the OPD's. Positions with ``blend`` read their whole subtree of
    positions; a position, unit or OPD reads the top items paired with it; an item reads its
    subtree of items. The *has* masks do not depend on the backend, and a roll-up over fewer
    indicators only loses *has* marks outside what is needed, so the nearest scored superior
    and unit (taken from the whole roll-up ``full``) stay the same.
    """
    n_pos, n_unit = len(h.position_table), len(h.units)
    pos_need = np.zeros(n_pos, dtype=bool)
    unit_need = np.zeros(n_unit, dtype=bool)
    opd_need = np.zeros(len(full.opd_ids), dtype=bool)
    if what == "rollup":
        # a row reads only the level it takes its score from (the has masks of ``full`` give
        # the same choice as the exact roll-up will)
        assert isinstance(p, RollupParams)
        chosen, cands, _ = _choose(ctx, h, full, p)
        for source, need in (
            ("own", pos_need),
            ("superior", pos_need),
            ("unit", unit_need),
            ("opd", opd_need),
        ):
            at = cands[source][0][chosen == SOURCES.index(source)]
            need[at[at >= 0]] = True
        if full.policy.blend is not None and pos_need.any():
            pos_need = _subtrees(h.pos_tree, pos_need)
    else:
        opd = _employee_at(ctx, "opd_id", full.opd_ids)
        opd_need[opd[opd >= 0]] = True
    items = np.zeros(len(h.work_items), dtype=bool)
    pi, pp = full.pairs
    items[pi[pos_need[pp]]] = True
    ui, uu = full.unit_pairs
    items[ui[unit_need[uu]]] = True
    tree = h.item_tree
    roots = np.flatnonzero(tree.depth == 0)
    if len(roots) and opd_need.any():
        ro = pd.Index(full.opd_ids).get_indexer(
            full.hierarchy.work_items["opd_id"].to_numpy(dtype=object)[roots]
        )
        items[roots[(ro >= 0) & opd_need[np.maximum(ro, 0)]]] = True
    return _subtrees(tree, items) if items.any() else items


def _subtrees(tree: Any, mask: np.ndarray) -> np.ndarray:
    """``mask`` widened to every node below a marked node."""
    # pre-order: the subtree of i is order[tin[i] : tin[i] + size[i]]
    delta = np.zeros(len(mask) + 1, dtype=np.int64)
    start = tree.tin[mask]
    np.add.at(delta, start, 1)
    np.add.at(delta, start + tree.size[mask], -1)
    inside = np.cumsum(delta[:-1]) > 0  # by pre-order rank
    out = np.zeros(len(mask), dtype=bool)
    out[tree.order[inside]] = True
    return out


_MEMO: weakref.WeakKeyDictionary[Hierarchy, dict[tuple[Any, ...], Any]] = (
    weakref.WeakKeyDictionary()
)


def _employee_at(ctx: StepContext, column: str, ids: np.ndarray) -> np.ndarray:
    """Where each row's identifier ``column`` sits among ``ids`` (-1: not there): every
    employee joined once per calculation (the column as stored: Arrow strings stay in Arrow,
    where :func:`positions_in` joins them fastest), shared by the steps and passes."""
    key = ("at", column, tuple(ids.tolist()))
    return ctx.per_employee(
        key,
        lambda: positions_in(ctx.frame[column], _id_index(ids)),
        few=lambda rows: positions_in(_plain_ids(ctx, column, rows), _id_index(ids)),
    )


def _id_index(ids: np.ndarray) -> pd.Index:
    """An index of identifiers, stored as pandas' default strings when they are all text."""
    if all(isinstance(x, str) for x in ids):
        return pd.Index(ids, dtype="str")
    return pd.Index(ids)


def _transfer_flags(ctx: StepContext, backend: Backend) -> None:
    """Flags raised on indicators, items or positions flag the employees of their OPDs."""
    if ctx.exact:
        return
    opds = backend.flagged_opds()
    if opds is None:
        ctx.tracker.add(np.ones(ctx.n, dtype=bool))
    elif opds:
        # each distinct OPD looked at once (the column's last slot: a missing OPD)
        codes, uniq = ctx.distinct("opd_id")
        flagged = [u in opds for u in uniq] + [None in opds]
        ctx.tracker.add(np.asarray(flagged, dtype=bool)[codes])


def _take(ctx: StepContext, x: Any, idx: np.ndarray) -> Any:
    return take(x, idx, None if ctx.exact else ctx.tracker)


def _fill(
    ctx: StepContext,
    p: _Missing,
    out: Any,
    has: np.ndarray,
    what: str,
    column: str,
    why: Callable[[Any], tuple[str, str]] | None = None,
) -> Any:
    """Rows without a score (``~has``): rejected per identifier of ``column`` (read only for
    those rows), or given the step's ``missing_value``. ``why``: per identifier, more of
    the reason (en, id) to add to the message ("" for nothing)."""
    if has.all():
        return out
    if p.missing == "reject":
        miss = np.flatnonzero(~has)
        ids = ctx.input_text(column)[miss]
        codes, idents = pd.factorize(pd.Series(ids, dtype=object), use_na_sentinel=False)
        for j, ident in enumerate(idents):
            mask = np.zeros(ctx.n, dtype=bool)
            mask[miss[codes == j]] = True
            code = f"no_{what}_score"
            said = rendered(code, value=ident)
            if why is not None:  # the summed indicators left out, said after the reason
                more = why(ident)
                said = Worded(said[0] + more[0], said[1] + more[1], **said.fields)
            ctx.reject(mask, code, said)
        return out
    return N.where(has, out, ctx.const(p.missing_value))


# -- rollup ------------------------------------------------------------------------------


@rule("rollup", params=RollupParams, prepare=_prepare_rollup)
def rollup(ctx: StepContext, p: RollupParams) -> Any:
    """Rolled-up output achievement (1 = 100%) of the position, unit or superior answering for
    the employee, by the declared roll-up policy and sources per kind of position. An employee
    whose score would read a row validation rejected is not paid (``score_row_rejected``)."""
    h = _hierarchy(ctx)
    r = _rollup(ctx, p)
    whole = _whole(ctx, p, r)
    chosen, cands, appraisal = _choose(ctx, h, whole, p)
    found = _rejected_levels(ctx, h, p, whole.opd_ids, ACHIEVEMENT_TABLES, whole)
    if found is not None:
        _reject_rejected(ctx, found[0], _row_reasons(ctx, h, whole, found[1], p, cands))
    out: Any = ctx.const(0)
    where_from = {"own": r.position, "superior": r.position, "unit": r.unit, "opd": r.opd}
    for s, values in where_from.items():
        mask = chosen == SOURCES.index(s)
        if mask.any():
            out = N.where(mask, _take(ctx, values, np.where(mask, cands[s][0], -1)), out)
    if appraisal is not None:
        out = N.where(chosen == SOURCES.index("appraisal"), appraisal, out)
    _transfer_flags(ctx, r.backend)
    if not ctx.exact:
        for key, val in source_notes(
            r, chosen, {s: cands[s][0] for s in cands}, p.appraisal
        ).items():
            ctx.note(key, val)
    why = lambda ident: flows_left_out(whole, ident, str(ctx.period))  # noqa: E731
    return _fill(ctx, p, out, chosen >= 0, "rollup", "position_id", why)


def _whole(ctx: StepContext, p: RollupPolicy, r: Rollup) -> Rollup:
    """The roll-up of the whole Dataset whose *has* masks choose each row's source: the fast
    pass's once computed (a part's masks lose marks outside what its rows read, and choose
    the same, see :func:`_needed_items`; the whole one's nearest scored superiors are kept)."""
    fast = _MEMO.get(r.hierarchy, {}).get((str(ctx.period), _policy(p), False))
    return r if fast is None else fast


def _plain_ids(ctx: StepContext, column: str, rows: np.ndarray) -> np.ndarray:
    """The identifiers of ``column`` at frame positions ``rows`` as Python objects: a few
    values looked up in a kept index (a category column taken keeps all its categories, and
    looking those up would cost what the few rows save)."""
    return np.asarray(ctx.frame[column].take(rows).to_numpy(dtype=object), dtype=object)


def _employee_position(ctx: StepContext, h: Hierarchy) -> np.ndarray:
    """Each row's position in the hierarchy's position table (-1: not there)."""
    return ctx.per_employee(
        ("position", id(h)),
        lambda: h.position_index(ctx.frame["position_id"]),
        few=lambda rows: h.position_index(_plain_ids(ctx, "position_id", rows)),
    )


def _employee_unit(ctx: StepContext, h: Hierarchy) -> np.ndarray:
    """Each row's unit in the hierarchy's unit table (-1: not there)."""
    return ctx.per_employee(
        ("unit", id(h)),
        lambda: h.unit_index(ctx.frame["unit_id"]),
        few=lambda rows: h.unit_index(_plain_ids(ctx, "unit_id", rows)),
    )


def _choose(
    ctx: StepContext, h: Hierarchy, r: Rollup, p: RollupParams
) -> tuple[np.ndarray, dict[str, tuple[np.ndarray, np.ndarray]], Any]:
    """Which source each row takes its score from (index into ``SOURCES``, -1: none), the
    candidates ``{source: (index into that level, has)}`` and the appraisal column (or None).

    Only the *has* masks of ``r`` are read, and they do not depend on the backend, so the
    choice is the same in the fast and the exact pass.
    """
    pos = _employee_position(ctx, h)
    unit = _employee_unit(ctx, h)
    opd = _employee_at(ctx, "opd_id", r.opd_ids)
    sup, unit_best = r.nearest_scored()
    ok = pos >= 0
    at_pos = np.where(ok, pos, 0)
    unit_at = through(unit_best, unit)
    cands: dict[str, tuple[np.ndarray, np.ndarray]] = {
        "own": (np.where(ok, pos, -1), ok & r.position_has[at_pos]),
        "superior": (np.where(ok, sup[at_pos], -1), ok & (sup[at_pos] >= 0)),
        "unit": (unit_at, unit_at >= 0),
        "opd": (opd, (opd >= 0) & np.r_[r.opd_has, False][opd]),
    }
    appraisal = None
    if p.appraisal is not None:
        appraisal = ctx.num(p.appraisal)
        cands["appraisal"] = (np.arange(ctx.n), ~appraisal.isnan())
    chosen = np.full(ctx.n, -1, dtype=np.int64)
    lists, is_kind = _kinds(ctx, p)
    depth = max(len(v) for v in lists.values())
    for step in range(depth):
        for k, srcs in lists.items():
            if step >= len(srcs):
                continue
            s = srcs[step]
            mask = (chosen < 0) & is_kind[k] & cands[s][1]
            chosen[mask] = SOURCES.index(s)
    return chosen, cands, appraisal


def _kinds(ctx: StepContext, p: RollupParams) -> tuple[dict[str, list[str]], dict[str, np.ndarray]]:
    """Per kind of position, its sources in order, and which rows are of that kind."""
    kind_codes, kinds = ctx.categories("position_kind")
    lists = {k: p.sources.get(k, DEFAULT_SOURCES[k]) for k in POSITION_KINDS}  # type: ignore[call-overload]
    # each kind's rows found once, by code: not a comparison of a million texts per source
    is_kind = {k: np.isin(kind_codes, [i for i, u in enumerate(kinds) if u == k]) for k in lists}
    return lists, is_kind


# -- rejected rows (tukin.monitoring.rejected) ----------------------------------------------


def _rejected_levels(
    ctx: StepContext,
    h: Hierarchy,
    p: RollupPolicy,
    opd_ids: np.ndarray,
    tables: frozenset[str],
    whole: Rollup | None = None,
) -> tuple[Taint, Levels] | None:
    """The rejected rows of the monitoring tables that the step's scores would have read,
    spread to every level (None: none), once per step for both passes."""
    if "rejected" in ctx.cache:
        found: tuple[Taint, Levels] | None = ctx.cache["rejected"]
        return found
    rows = rejected_rows(ctx.dataset)
    found = None
    if rows:
        fig = _figures(ctx, p) if "realisations" in tables else None
        items = _figure_items(ctx, h, p) if fig is not None else None
        # kept per Dataset, period and policy: every step and calculation reading them
        # shares it (a partition has its own hierarchy and finds its own)
        memo = _MEMO.setdefault(h, {})
        key = (str(ctx.period), p.periods, p.min_status, tables, "taint")
        t = memo.get(key)
        if t is None or t.rows is not rows:
            t = memo[key] = taint(h, rows, ctx.period, tables, fig, items, p.periods, p.min_status)
        if t.any:
            lv = levels(
                h,
                t,
                opd_ids,
                whole.pairs if whole is not None else None,
                whole.unit_pairs if whole is not None else None,
                item_own=whole.item_own if whole is not None else None,
                up_positions=p.scope == "subordinates",
                blend=p.blend is not None,
                money="realisations" not in tables,
            )
            found = (t, lv)
    ctx.cache["rejected"] = found
    return found


def _row_reasons(
    ctx: StepContext,
    h: Hierarchy,
    whole: Rollup,
    lv: Levels,
    p: RollupParams,
    cands: dict[str, tuple[np.ndarray, np.ndarray]],
) -> np.ndarray:
    """Per row, the first rejected row its score would have read (:data:`NONE`: none).

    A row reads every source of its list up to the one it takes its score from (all of them
    when none has a score): a source before it might have had a score with the rejected row.
    A superior or unit is the nearest one above with a score *or* a rejected row: one
    without a score between the row and its scored superior may have had one."""
    from tukin import _graph

    pos_mark = whole.position_has | (lv.position < NONE)
    sup = _graph.nearest_marked_ancestor(h.pos_tree.parent, pos_mark)
    unit_mark = whole.unit_has | (lv.unit < NONE)
    ubest = np.where(
        unit_mark,
        np.arange(len(h.units)),
        _graph.nearest_marked_ancestor(h.unit_tree.parent, unit_mark),
    )
    pos = cands["own"][0]
    unit = _employee_unit(ctx, h)
    none = np.full(ctx.n, NONE, dtype=np.int64)

    def at(values: np.ndarray, idx: np.ndarray) -> np.ndarray:
        return np.where(idx >= 0, np.r_[values, NONE][idx], NONE) if len(values) else none

    s = np.where(pos >= 0, np.r_[sup, -1][pos], -1)
    reason_of = {
        "own": at(lv.position, pos),
        "superior": at(lv.position, s),
        "unit": at(lv.unit, through(ubest, unit)),
        "opd": at(lv.opd, cands["opd"][0]),
        "appraisal": none,
    }
    lists, is_kind = _kinds(ctx, p)
    out = none.copy()
    looking = np.ones(ctx.n, dtype=bool)
    for step in range(max(len(v) for v in lists.values())):
        took = np.zeros(ctx.n, dtype=bool)
        for k, srcs in lists.items():
            if step >= len(srcs):
                continue
            src = srcs[step]
            m = looking & is_kind[k]
            out = np.where(m, np.minimum(out, reason_of[src]), out)
            if src in cands:
                took |= m & cands[src][1]
        looking &= ~took
    return out


def _reject_rejected(ctx: StepContext, t: Taint, reasons: np.ndarray) -> None:
    """Reject the rows whose score would have read a rejected row, each with its reason."""
    bad = reasons < NONE
    if bad.any():
        for rid in np.unique(reasons[bad]).tolist():
            ctx.reject(reasons == rid, CODE, t.said(int(rid)))


# -- OPD level ---------------------------------------------------------------------------


def _opd_scores(ctx: StepContext, p: OpdScoreParams) -> tuple[np.ndarray, Any, np.ndarray, Backend]:
    """(opd ids, score per OPD, has per OPD, backend) for the step's source."""
    if p.source == "achievement":
        r = _rollup(ctx, p, what="opd")
        return r.opd_ids, r.opd, r.opd_has, r.backend
    key = "opd_exact" if ctx.exact else "opd_fast"
    if key in ctx.cache:
        return ctx.cache[key]
    h = _hierarchy(ctx)
    ds = ctx.dataset
    assert ds is not None
    b = Backend(ctx.exact)
    opd_ids = h.opd_ids
    items = h.work_items
    fig = budget_figures(
        ds["budget_realisations"], ctx.period, cumulative=True, min_status=p.min_status
    )
    fig = fig.reindex(items["work_item_id"].astype(object))
    opd = pd.Index(opd_ids).get_indexer(pd.Index(items["opd_id"].astype(object)))
    # every item's own money, as the monitoring report counts it (own_amounts): a parent's
    # pagu is its total, so only what its children do not carry is its own, and realisation
    # rows entered on a kegiatan or program count where they are. The paid score and the
    # report's OPD row are then one figure.
    use = opd >= 0
    grp = opd[use]
    budget = own_amounts(h)[0][use]
    n = len(opd_ids)

    def total(values: np.ndarray) -> np.ndarray:
        out = np.zeros(n, dtype=np.int64)
        np.add.at(out, grp, values)
        return out

    if p.source == "physical":
        pct = np.nan_to_num(own_physical(h, fig["physical_pct"].to_numpy(dtype=np.float64)))[use]
        weighted = b.ints(budget, opd_ids[grp]) * b.floats(pct, opd_ids[grp])
        from tukin.monitoring._num import group_sum

        num = group_sum(weighted, grp, n, None if b.exact else b.tracker(n, opd_ids))
        den = total(budget)  # in percent: times 100 below, by the backend (int64 wraps)
    else:
        num = b.ints(total(fig["spent_to_date"].fillna(0).to_numpy(dtype=np.int64)[use]), opd_ids)
        col = "planned_to_date" if p.source == "absorption" else None
        den = total(fig[col].fillna(0).to_numpy(dtype=np.int64)[use]) if col else total(budget)
    has = den > 0
    whole = b.ints(np.where(has, den, 1), opd_ids)
    score = num / (whole * 100 if p.source == "physical" else whole)
    ctx.cache[key] = (opd_ids, score, has, b)
    return ctx.cache[key]


def _opd_column(ctx: StepContext, p: OpdScoreParams) -> tuple[Any, np.ndarray]:
    opd_ids, score, has, b = _opd_scores(ctx, p)
    idx = _employee_at(ctx, "opd_id", opd_ids)
    h = _hierarchy(ctx)
    if p.source == "achievement":
        found = _rejected_levels(
            ctx, h, p, opd_ids, ACHIEVEMENT_TABLES, _whole(ctx, p, _rollup(ctx, p, what="opd"))
        )
    else:
        found = _rejected_levels(ctx, h, p, opd_ids, MONEY_TABLES)
    if found is not None and len(opd_ids):
        _reject_rejected(ctx, found[0], np.where(idx >= 0, np.r_[found[1].opd, NONE][idx], NONE))
    ok = (idx >= 0) & has[np.maximum(idx, 0)] if len(opd_ids) else np.zeros(ctx.n, dtype=bool)
    out = _take(ctx, score, np.where(ok, idx, -1)) if len(opd_ids) else ctx.const(0)
    _transfer_flags(ctx, b)
    if not ctx.exact:  # formatted once per OPD, not once per employee
        pct = np.asarray([f"{x * 100:.2f}%" for x in score.to_float()], dtype=object)
        ctx.note("opd_score", coded_notes(pct, np.where(ok, idx, -1)))
        ctx.note("opd_source", p.source)
    return out, ok


@rule("opd_score", params=OpdScoreParams, prepare=_prepare_rollup)
def opd_score(ctx: StepContext, p: OpdScoreParams) -> Any:
    """The employee's OPD score (1 = 100%): rolled-up indicator achievement, physical progress,
    financial realisation (spent / pagu) or absorption against plan, to the period's end.
    Money is counted as the monitoring report counts it (its OPD row shows the same figure):
    a pagu stated on a kegiatan or program is its total, of which only what the items under
    it do not carry is its own, and realisation rows entered on any level count. The
    employees of an OPD whose score would read a row validation rejected are not paid
    (``score_row_rejected``)."""
    out, ok = _opd_column(ctx, p)
    return _fill(ctx, p, out, ok, "opd", "opd_id")


def _percent(value: Any) -> str:
    """A band's start as the officer wrote it (``27.9%``, not ``279/1000``)."""
    text = exact_decimal_text(Fraction(value) * 100)
    return f"{text}%" if text is not None else str(value)


@rule("opd_factor", params=OpdFactorParams, prepare=_prepare_rollup)
def opd_factor(ctx: StepContext, p: OpdFactorParams) -> Any:
    """A factor per OPD from its score through declared bands (the highest band reached), to
    scale the OPD's allowances by its performance."""
    score, ok = _opd_column(ctx, p)
    bands = sorted(p.bands, key=lambda band: band.min)
    out: Any = ctx.const(p.below if p.below is not None else 0)
    band_at = np.full(ctx.n, -1, dtype=np.int64)  # the highest band reached (-1: none)
    strict = p.closed == "right"
    for i, band in enumerate(bands):
        hit = score > band.min if strict else score >= band.min
        out = N.where(hit, ctx.const(band.factor), out)
        band_at[hit] = i
    reached = band_at >= 0
    if not ctx.exact:
        sign = ">" if strict else ">="
        shown = [b.label or f"{sign} {_percent(b.min)}" for b in bands]
        # an OPD scored below every band: "" (its row is rejected or paid ``below``)
        band_code = np.where(ok, np.where(reached, band_at, len(bands)), -1)
        ctx.note("opd_band", coded_notes([*shown, ""], band_code))
    if p.below is None:
        low = ok & ~reached
        lowest = str(bands[0].min)
        ctx.reject(low, "below_bands", rendered("below_bands", value=lowest))
    return _fill(ctx, p, out, ok, "opd", "opd_id")
