"""Partitioned calculation on Dask: OPDs in parallel, government-wide ceilings as a reduce step.

Employees of different OPDs are independent except for budget ceilings that span OPDs (a
government-wide pagu, a ceiling over a set of OPDs). So a large calculation splits by OPD:

1. **split** (driver): the validated :class:`~tukin.dataset.Dataset` is cut into partitions,
   each a set of whole OPDs (units, positions, employees, their attendance, appraisals and
   sanctions, the OPD's work items, indicators, targets, realisations, budget figures),
   balanced by employee count. Each row's OPD follows the references validation resolved;
   OPDs that refer to each other's rows (a Kepala Dinas reporting to the Sekda) share a
   partition. A partition must be closed under references (a row pointing into another
   partition is an error, not a silent change of result); it is then a Dataset of rows
   already validated, and is not validated again;
2. **map** (workers): each partition's employee frame is built and the rule set is
   evaluated up to the first *spanning* step: a ``ceiling`` grouped by anything but
   ``opd_id`` (or one naming ``groups``);
3. **reduce** (driver): the spanning step's inputs of every partition (integer rupiah, group
   labels, tie keys, protected parts, which rows are still paid) are concatenated and the
   ceiling rule itself runs on them: the same :func:`tukin.rules.budget.allocate`
   largest-remainder allocation, the same rejections, notes and reconciliation;
4. **map again**: each partition evaluates the whole rule set with the allocated amounts
   injected at the spanning step (steps 2-4 repeat for every further spanning step);
5. **merge** (driver): paid rows sorted by NIP, rejected rows, totals and a receipt built
   exactly as :meth:`tukin.result.Result.build` does, so the result, its ``result_fingerprint``
   and its totals equal those of :func:`tukin.calc.engine.calculate` on the whole dataset.

The same code runs on a laptop's ``LocalCluster`` or a real cluster; without a client it runs
the partitions one after the other in this process (same results, handy for tests)::

    from dask.distributed import Client, LocalCluster
    from tukin.distributed import calculate_partitioned

    with LocalCluster(n_workers=2, threads_per_worker=1) as cluster, Client(cluster) as client:
        result = calculate_partitioned(dataset, ruleset, "2025-06", client=client)
        result.explain("198501012010011001")     # computed on the worker holding the OPD

Dask is an optional extra (``pip install tukin[dask]``); this module imports it only when a
client is given.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from tukin import _graph
from tukin._checks import Reference
from tukin._exact_text import ExactColumns, step_units
from tukin._language import LANGS
from tukin._language import resolve as resolve_lang
from tukin._lookup import (
    canonical_categories,
    is_identity,
    positions_in,
    take_rows,
    text_order,
    through,
)
from tukin.calc.blocked import blocked_employees
from tukin.calc.context import Columns, StepContext
from tukin.calc.engine import (
    _fingerprint_meanwhile,
    _Run,
    check_complete,
    check_tables_given,
    check_validity,
    filed_read_warnings,
)
from tukin.calc.frame import employee_frame
from tukin.calc.notes import CodedNotes
from tukin.calc.notices import Observed, issue, notices, observe, unread_extra_columns
from tukin.calc.num import FNum, Tracker
from tukin.contract import TABLES
from tukin.errors import (
    CalculationError,
    EmployeeNotFoundError,
    Lang,
    Reason,
    TukinError,
)
from tukin.period import Period
from tukin.result import (
    Receipt,
    Result,
    _fingerprint,
    _Positions,
    as_run_wrote,
    check_money_totals,
    check_nothing_lost,
    nip_key,
    receipt_details,
    rejected_frames,
    run_time,
    sorted_rejected,
)
from tukin.rules import registry
from tukin.ruleset.load import resolve
from tukin.ruleset.packaged import changes_from_pack

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.explain import Explanation
    from tukin.ruleset.model import RuleSet, Step

__all__ = ["PartitionedResult", "calculate_partitioned", "spanning_steps", "split_by_opd"]

PARTITION_KEY = "opd_id"
_EMPLOYEE_TABLES = ("attendance", "appraisals", "sanctions", "acting", "position_history")


# -- split --------------------------------------------------------------------------------------


def split_by_opd(dataset: Dataset, npartitions: int) -> list[dict[str, pd.DataFrame]]:
    """The kept tables of ``dataset`` cut into at most ``npartitions`` sets of whole OPDs.

    OPDs are dealt largest first to the partition with the fewest employees so far. Rows that
    belong to no OPD (a work item without a unit) go to every partition when they are
    monitoring data, to the first partition when they are an employee's; an OPD without
    employees goes whole to one partition. OPDs whose rows refer to each other (a Kepala
    Dinas reporting to the Sekda) share a partition, so there may be fewer partitions than
    asked for. Each table is in key order, indexed from 0. Raises
    :class:`~tukin.errors.CalculationError` when a row whose OPD cannot be told refers to a
    row of one partition (it would be in every partition).
    """
    return [
        {name: part.table(name).reset_index(drop=True) for name in part._tables}
        for part in _split(dataset, npartitions)
    ]


def _split(dataset: Dataset, npartitions: int) -> list[Dataset]:
    """:func:`split_by_opd` as Datasets, built without validating the rows again.

    A partition's rows are rows ``dataset`` kept, so every check on a single row or a
    single table passes again; what could fail is a reference into another partition,
    checked here through the references ``dataset``'s validation found (or looked up, where
    it kept none). Each partition keeps those references, renumbered, for its calculation.
    """
    # which tables are in key order, then the tables: a table is replaced by its sorted copy
    # before its name joins the set (another thread may be sorting meanwhile)
    keyed = set(dataset._in_key_order)
    frames = {name: dataset._any_order(name) for name in dataset._tables}
    links = {ref: _link(dataset, frames, *ref) for ref in _REFERENCES if ref[0] in frames}
    names = frames["units"]["unit_id"].to_numpy(dtype=object)
    opd = _together(_opd_codes(frames, links), links, names)
    counts = np.bincount(opd["employees"][opd["employees"] >= 0], minlength=len(frames["units"]))
    k = max(1, min(int(npartitions), int(np.count_nonzero(counts)) or 1))
    load = np.zeros(k, dtype=np.int64)
    part_of = np.full(len(counts) + 1, -1, dtype=np.int64)  # OPD code -> partition; [-1]: none
    for code in sorted(np.flatnonzero(counts), key=lambda c: (-counts[c], str(names[c]))):
        i = int(np.argmin(load))
        part_of[code] = i
        load[i] += counts[code]
    # an OPD without employees (monitoring data only) goes whole to the lightest partition,
    # not to every one: its rows are not copied k times, and its references stay together
    part_of[np.setdiff1d(np.unique(opd["units"]), np.flatnonzero(counts))] = int(np.argmin(load))
    rows: list[dict[str, np.ndarray]] = [{} for _ in range(k)]
    for name, frame in frames.items():
        codes = opd.get(name)
        if codes is None:  # no OPD to tell (a table without rows): all of it everywhere
            for part in rows:
                part[name] = np.arange(len(frame))
            continue
        part_arr = part_of[codes]  # code -1 (no OPD) reads the last slot
        unknown = part_arr < 0
        shared = name not in ("employees", *_EMPLOYEE_TABLES)
        for i, part in enumerate(rows):
            mask = part_arr == i
            if (shared or i == 0) and unknown.any():
                mask |= unknown
            part[name] = np.flatnonzero(mask)
    recorded = set(dataset._references)
    references = [_local_references(frames, links, part, recorded) for part in rows]
    return [
        dataset._part({n: _rows_of(frames[n], r) for n, r in part.items()}, refs, keyed)
        for part, refs in zip(rows, references, strict=True)
    ]


#: Every reference between tables: (table, column, referenced table, its key column).
_REFERENCES = tuple(
    (name, col.name, col.ref[0], col.ref[1])
    for name, spec in TABLES.items()
    for col in spec.columns
    if col.ref is not None
)


def _link(
    dataset: Dataset, frames: dict[str, pd.DataFrame], name: str, column: str, target: str, key: str
) -> np.ndarray:
    """For each row of ``frames[name]``, the position in ``frames[target]`` of the row its
    ``column`` refers to (-1: none): as validation found it, or looked up by value."""
    frame, other = frames[name], frames.get(target)
    if other is None or column not in frame.columns:
        return np.full(len(frame), -1, dtype=np.int64)
    found = dataset._reference_rows(name, column, frame, other)
    return found if found is not None else positions_in(frame[column], other[key])


def _opd_codes(
    frames: dict[str, pd.DataFrame], links: dict[tuple[str, str, str, str], np.ndarray]
) -> dict[str, np.ndarray]:
    """Per table, the OPD of each row as the position of its root unit (-1: cannot tell),
    following the references: unit, position, NIP, work item, indicator."""

    def via(name: str, column: str, target: str, key: str, of_target: np.ndarray) -> np.ndarray:
        at = links.get((name, column, target, key))
        if at is None:
            return np.full(len(frames[name]), -1, dtype=np.int64)
        return through(of_target, at)

    units = frames["units"]
    parent = links.get(("units", "parent_id", "units", "unit_id"))
    if parent is None:
        parent = np.full(len(units), -1, dtype=np.int64)
    root = _graph.analyse(parent).root if len(units) else np.zeros(0, dtype=np.int64)
    out = {"units": np.where(root >= 0, root, np.arange(len(units)))}
    out["positions"] = via("positions", "unit_id", "units", "unit_id", out["units"])
    out["employees"] = via("employees", "position_id", "positions", "position_id", out["positions"])
    for name in _EMPLOYEE_TABLES:
        if name in frames:
            out[name] = via(name, "nip", "employees", "nip", out["employees"])
    if "work_items" in frames:
        items = via("work_items", "unit_id", "units", "unit_id", out["units"])
        by_pos = via(
            "work_items", "responsible_position_id", "positions", "position_id", out["positions"]
        )
        out["work_items"] = np.where(items >= 0, items, by_pos)
        for name in ("budget_realisations", "indicators"):
            if name in frames:
                out[name] = via(
                    name, "work_item_id", "work_items", "work_item_id", out["work_items"]
                )
        if "indicators" in frames:
            for name in ("targets", "realisations"):
                if name in frames:
                    out[name] = via(
                        name, "indicator_id", "indicators", "indicator_id", out["indicators"]
                    )
    return out


def _together(
    opd: dict[str, np.ndarray],
    links: dict[tuple[str, str, str, str], np.ndarray],
    names: np.ndarray,
) -> dict[str, np.ndarray]:
    """``opd`` with the OPDs that refer to each other's rows as one: a position reporting to
    a superior in another OPD (a Kepala Dinas to the Sekda), a work item answered for by
    another OPD's position. A calculation may read along any reference (a roll-up along the
    reporting line), so such OPDs must share a partition for the result to equal the
    single-process one. Each set of linked OPDs is coded by the OPD whose unit id
    (``names``) sorts first, whatever the order of the rows: the split is the same for the
    same data."""
    pairs: set[tuple[int, int]] = set()
    for (name, _column, target, _key), at in links.items():
        if name not in opd or target not in opd:
            continue
        mine, theirs = opd[name], through(opd[target], at)
        cross = (mine >= 0) & (theirs >= 0) & (mine != theirs)
        if cross.any():
            found = np.unique(np.stack([mine[cross], theirs[cross]]), axis=1)
            pairs.update(zip(found[0].tolist(), found[1].tolist(), strict=True))
    if not pairs:
        return opd
    n = len(names)
    first = list(range(n))  # union-find over the OPDs (row positions of their root units)

    def find(i: int) -> int:
        while first[i] != i:
            first[i] = first[first[i]]
            i = first[i]
        return i

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:  # the set keeps the name that sorts first
            keep, drop = (ra, rb) if str(names[ra]) <= str(names[rb]) else (rb, ra)
            first[drop] = keep
    group = np.array([find(i) for i in range(n)] + [-1], dtype=np.int64)  # [-1]: none
    return {name: group[codes] for name, codes in opd.items()}


def _local_references(
    frames: dict[str, pd.DataFrame],
    links: dict[tuple[str, str, str, str], np.ndarray],
    rows: dict[str, np.ndarray],
    recorded: Iterable[tuple[str, str]],
) -> dict[tuple[str, str], Reference]:
    """One partition's references, each the position of the referenced row in the partition
    (its input there); raises when a row refers to a row the partition does not hold."""
    local: dict[str, np.ndarray] = {}
    out: dict[tuple[str, str], Reference] = {}
    problems: list[str] = []
    for (name, column, target, _key), at in links.items():
        if target not in rows or name not in rows:
            continue
        if target not in local:
            where = np.full(len(frames[target]) + 1, -1, dtype=np.int64)  # [-1]: none
            where[rows[target]] = np.arange(len(rows[target]))
            local[target] = where
        wanted = at[rows[name]]
        found = local[target][wanted]
        outside = np.flatnonzero((wanted >= 0) & (found < 0))
        if len(outside):
            first = rows[name][outside[0]]
            value = frames[name][column].iloc[first]
            problems.append(
                f"table '{name}', row {frames[name].index[first]}, column '{column}': "
                f"{value!r} is a row of '{target}' in another partition"
                + (f" (and {len(outside) - 1:,} more rows)" if len(outside) > 1 else "")
            )
        if (name, column) in recorded:  # as validation would have recorded them
            out[(name, column)] = Reference(target, found.astype(np.int32), len(rows[target]))
    if problems:
        raise CalculationError(code="partition_not_self_contained", detail="; ".join(problems))
    return out


def _rows_of(frame: pd.DataFrame, rows: np.ndarray) -> pd.DataFrame:
    """Rows ``rows`` of a kept table, numbered from 0 in the partition (its input there)."""
    out = take_rows(frame, rows)
    out.index = pd.RangeIndex(len(rows), name=frame.index.name)
    return out


# -- which steps span partitions ----------------------------------------------------------------


def spanning_steps(ruleset: RuleSet, period: Period | str) -> list[Step]:
    """The group-level steps whose groups cross OPDs: they need the reduce step.

    A ``ceiling`` grouped by ``opd_id`` without ``groups`` stays inside a partition. Any
    other group-level rule type cannot be partitioned (an error says so).
    """
    period = Period.parse(period)
    out = []
    for step in ruleset.steps:
        rtype = registry.get(step.type)
        if not rtype.group_level:
            continue
        if step.type != "ceiling":
            raise CalculationError(
                value=step.id, detail_code="group_rule_not_partitioned", type=step.type
            )
        params = rtype.params.model_validate(resolve(step.params, ruleset, period.start))
        if params.group_by == PARTITION_KEY and params.groups is None:  # type: ignore[attr-defined]
            continue
        out.append(step)
    return out


# -- the partition's engine run ----------------------------------------------------------------


class _Pause(Exception):
    """Raised at the spanning step being gathered: the steps before it are done."""


@dataclass
class _Captured:
    """What the spanning step reads in one partition, in the order the ceiling reads it."""

    reads: list[str]
    values: dict[str, Any]  # name -> FNum or ndarray
    alive: np.ndarray


@dataclass
class _Allocation:
    """The reduce step's outcome for one partition's rows."""

    reads: list[str]
    amounts: np.ndarray
    rejections: list[tuple[np.ndarray, str, Reason]]
    notes: dict[str, Any]
    cache: dict[str, Any] = field(default_factory=dict)


class _PartRun(_Run):
    """An engine run that injects allocations at spanning steps, or stops at one to gather it."""

    def __init__(
        self,
        frame: pd.DataFrame,
        ruleset: RuleSet,
        period: Period,
        dataset: Dataset,
        inject: dict[str, _Allocation],
        stop_at: str | None,
    ) -> None:
        super().__init__(frame, ruleset, period, dataset)
        self.inject = inject
        self.stop_at = stop_at
        self.captured: _Captured | None = None

    def _call(self, rtype: registry.RuleType, ctx: StepContext, params: Any) -> Any:
        sid = ctx.step.id
        if not ctx.exact and sid == self.stop_at:
            self.captured = _capture(ctx, params)
            raise _Pause
        if not ctx.exact and sid in self.inject:
            return _apply(ctx, self.inject[sid])
        return super()._call(rtype, ctx, params)


def _capture(ctx: StepContext, p: Any) -> _Captured:
    values: dict[str, Any] = {}
    names = [p.input]
    if p.group_by != "all":
        names.append(p.group_by)
    if p.policy == "performance_only":
        names.append(p.performance_part)
    names += [p.tie_break, "nip"]  # rows tied on the tie-break key go by NIP
    for name in names:
        if name not in values:
            value = ctx.col(name)
            values[name] = value
    return _Captured(reads=list(ctx.reads), values=values, alive=ctx.alive.copy())


def _apply(ctx: StepContext, a: _Allocation) -> Any:
    for name in a.reads:
        ctx.col(name)  # the explanation lists what the ceiling read
    for mask, code, detail in a.rejections:
        ctx.reject(mask, code, detail)
    for key, value in a.notes.items():
        ctx.note(key, value)
    ctx.cache.update(a.cache)
    return ctx.numbers(a.amounts, unit="rupiah")


@dataclass
class _State:
    """One partition, held by a worker between the phases."""

    dataset: Dataset
    frame: pd.DataFrame
    cache: dict[str, Any] = field(default_factory=dict)

    def __sizeof__(self) -> int:
        # what Dask weighs a worker's partition by (see Dataset.__sizeof__)
        frame = int(self.frame.memory_usage(index=True, deep=False).sum())
        return object.__sizeof__(self) + sys.getsizeof(self.dataset) + frame


@dataclass(frozen=True)
class _Driver:
    """What every partition's run takes from the driver, not from its own process: the
    employees blocked by rejected rows of their own (found in the whole Dataset's validation
    report; a partition holds kept rows only) and the language of the reasons."""

    blocked: dict[str, tuple[str, str]]
    lang: Lang


def _prepare(dataset: Dataset, period: Period) -> _State:
    return _State(dataset, employee_frame(dataset, period))


def _run(
    state: _State,
    ruleset: RuleSet,
    period: Period,
    inject: dict[str, _Allocation],
    stop_at: str | None,
    driver: _Driver,
) -> _PartRun:
    run = _PartRun(state.frame, ruleset, period, state.dataset, inject, stop_at)
    run.cache = state.cache  # roll-ups and hierarchies are computed once per partition
    # a partition holds kept rows only: the employees blocked by rejected rows of their own
    # are found on the driver, in the whole Dataset's validation report
    run.blocked, run.lang = driver.blocked, driver.lang
    run.pre_checks()
    with contextlib.suppress(_Pause):
        run.evaluate()
    return run


def _gather_step(
    state: _State,
    ruleset: RuleSet,
    period: Period,
    inject: dict[str, _Allocation],
    stop_at: str,
    driver: _Driver,
) -> _Captured:
    run = _run(state, ruleset, period, inject, stop_at, driver)
    assert run.captured is not None
    return run.captured


def _finish(
    state: _State,
    ruleset: RuleSet,
    period: Period,
    inject: dict[str, _Allocation],
    driver: _Driver,
) -> Result:
    run = _run(state, ruleset, period, inject, None, driver)
    return Result.build(run, state.dataset, digests=False)  # the merged result has them


_Summary = tuple[pd.DataFrame, dict[Lang, dict[str, list[Any]]], int, Observed, dict[str, str]]


def _summary(result: Result) -> _Summary:
    run = result._run
    assert run is not None
    # the reasons in each language, and the fields (as kept: validation's as JSON text)
    rej = {lang: result._rejected_rows(lang, read=False) for lang in LANGS}
    lists = {lang: {c: f[c].tolist() for c in f.columns} for lang, f in rej.items()}
    return result.to_frame(), lists, run.n, observe(run), step_units(run)


def _exact_part(result: Result, units: dict[str, str]) -> ExactColumns | None:
    """The exact rows of one partition's paid rows, in its order (NIP order)."""
    return result._exact_columns(units)


def _explain(result: Result, nip: str, receipt: Receipt, lang: str) -> Explanation:
    from tukin.explain import explain_row

    assert result._run is not None
    return explain_row(result._run, result._pos[nip], receipt, lang=lang)


# -- reduce ----------------------------------------------------------------------------------


def _concat(parts: list[Any]) -> Any:
    if all(isinstance(x, FNum) for x in parts):
        s = max(x.s for x in parts)
        tr = Tracker(sum(len(x) for x in parts))
        vs, es = [], []
        for x in parts:
            v, e = x._rescaled(s)
            vs.append(v)
            es.append(np.zeros(len(v)) if e is None else e)
        e_all = np.concatenate(es) if es else np.zeros(0)
        return FNum(np.concatenate(vs), e_all if e_all.any() else None, s, parts[0].unit, tr)
    return np.concatenate([np.asarray(x, dtype=object) for x in parts])


def _reduce(
    step: Step, ruleset: RuleSet, period: Period, captured: list[_Captured]
) -> list[_Allocation]:
    """Run the spanning step's rule on all partitions' rows at once; split the outcome."""
    rtype = registry.get(step.type)
    params = rtype.params.model_validate(resolve(step.params, ruleset, period.start))
    sizes = [len(c.alive) for c in captured]
    n = int(sum(sizes))
    cols = Columns(rows=np.arange(n), exact=False)
    for name in captured[0].values:
        cols.values[name] = _concat([c.values[name] for c in captured])
    alive = np.concatenate([c.alive for c in captured]) if captured else np.zeros(0, dtype=bool)
    rejections: list[tuple[np.ndarray, str, Reason]] = []
    cache: dict[str, Any] = {}
    ctx = StepContext(
        frame=pd.DataFrame(index=pd.RangeIndex(n)),
        cols=cols,
        step=step,
        ruleset=ruleset,
        period=period,
        dataset=None,
        tracker=Tracker(n),
        reject=lambda mask, code, reason: rejections.append((mask.copy(), code, reason)),
        cache=cache,
        alive=lambda: alive,
    )
    try:
        with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            out = rtype.compute(ctx, params)
    except TukinError as exc:
        exc.fields.setdefault("step", step.id)
        exc.add_note(f"in step {step.id!r} ({step.type}), reduced over all partitions")
        raise
    amounts = out.v.astype(np.int64)
    cache.pop("used", None)
    bounds = np.concatenate([[0], np.cumsum(sizes)]).astype(np.int64)
    result = []
    for i, c in enumerate(captured):
        sl = slice(int(bounds[i]), int(bounds[i + 1]))
        result.append(
            _Allocation(
                reads=c.reads,
                amounts=amounts[sl],
                rejections=[(m[sl], code, detail) for m, code, detail in rejections if m[sl].any()],
                notes={
                    k: (v[sl] if isinstance(v, np.ndarray | CodedNotes) else v)
                    for k, v in ctx.notes.items()
                },
                cache=dict(cache),
            )
        )
    return result


# -- driver --------------------------------------------------------------------------------


class _Inline:
    """Runs tasks at once in this process: the partitioned algorithm without a cluster."""

    def submit(self, fn: Any, *args: Any) -> Any:
        return fn(*args)

    def gather(self, values: list[Any]) -> list[Any]:
        return values

    def scatter(self, values: list[Any]) -> list[Any]:
        return values


class _Dask:
    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Any, *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def gather(self, values: list[Any]) -> list[Any]:
        return self.client.gather(values)

    def scatter(self, values: list[Any]) -> list[Any]:
        # all at once: the partitions travel to their workers side by side, not one by one
        # (hash=False: two partitions with equal content are still two pieces of work)
        return list(self.client.scatter(values, hash=False))


class PartitionedResult(Result):
    """A :class:`~tukin.result.Result` merged from partitions; explanations are computed on the
    worker holding the employee's partition."""

    def __init__(
        self,
        *args: Any,
        executor: Any,
        parts: list[Any],
        part_of: np.ndarray,
        ruleset: RuleSet | None = None,
        rejected_in: Mapping[Lang, pd.DataFrame] | None = None,
    ) -> None:
        super().__init__(*args, ruleset=ruleset, rejected_in=rejected_in)
        self._executor = executor
        self._parts = parts
        self._part_of = part_of  # per paid row (NIP order): the partition that computed it
        self.partitions = len(parts)
        self._step_units: dict[str, str] = {}  # each step's unit, as the partitions saw it

    def explain(self, nip: str, lang: str | None = None) -> Explanation:
        """As :meth:`Result.explain`; ``lang`` ``None`` is :func:`tukin.get_language` here,
        resolved before the work is sent (a worker process has its own setting)."""
        from tukin._language import resolve as resolve_lang

        lang = resolve_lang(lang)
        key = nip_key(nip)  # as validation stores it: spaces dropped, an int as its digits
        if key not in self._pos:
            raise self._not_found(key)
        if not self._parts:
            raise EmployeeNotFoundError(code="partitions_released", value=key)
        part = self._parts[int(self._part_of[self._pos[key]])]
        fut = self._executor.submit(_explain, part, key, self.receipt, lang)
        return self._executor.gather([fut])[0]

    def column_units(self) -> dict[str, str]:
        from tukin._exact_text import frame_units

        return frame_units(self._frame, self._step_units)

    def _exact_columns(self, units: Mapping[str, str]) -> ExactColumns | None:
        """Each partition's exact rows, computed where it is held, in the merged order (each
        part's rows are in NIP order, so a merged row is the next of its part's: the parts
        one after another, taken in the order of a stable sort by part); None once the
        partitions are released."""
        if not self._parts:
            return None
        futures = [self._executor.submit(_exact_part, p, dict(units)) for p in self._parts]
        parts = self._executor.gather(futures)
        if any(p is None for p in parts):
            return None
        merged = ExactColumns.concat(parts)
        at = np.empty(len(self._part_of), dtype=np.int64)
        at[np.argsort(self._part_of, kind="stable")] = np.arange(len(self._part_of))
        return merged.take(at)

    def release(self) -> None:
        """Drop the partitions the workers hold (explanations are no longer possible)."""
        self._parts = []

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without its partitions and executor (a client, futures on workers: not
        the result's to carry): the copy is a released result, every figure and the receipt
        kept, explanations refused with ``partitions_released``."""
        state = dict(self.__dict__)
        state["_parts"], state["_executor"] = [], None
        return state


def calculate_partitioned(
    dataset: Dataset,
    ruleset: RuleSet,
    period: Period | str,
    *,
    client: Any = None,
    npartitions: int | None = None,
) -> PartitionedResult:
    """:func:`tukin.calc.engine.calculate`, partitioned by OPD on a Dask ``client``.

    ``npartitions`` defaults to twice the client's workers (or 2 without a client). The
    result equals the single-process one: same paid rows and amounts, same rejected rows,
    same totals and ``result_fingerprint``; ceilings spanning OPDs are allocated in a reduce
    step by the ceiling rule itself.
    """
    import tukin

    period = Period.parse(period)
    check_validity(ruleset, period)
    check_complete(dataset)
    check_tables_given(dataset, ruleset, period)
    started = run_time()
    ex: Any = _Inline() if client is None else _Dask(client)
    if npartitions is None:
        workers = len(client.scheduler_info().get("workers", {})) if client is not None else 1
        npartitions = max(2, 2 * workers)
    spans = spanning_steps(ruleset, period)
    lang = resolve_lang(None)
    driver = _Driver(blocked_employees(dataset, ruleset, period), lang)
    pieces = _split(dataset, npartitions)
    # the whole Dataset's fingerprint (the receipt's) on a second thread of the driver while
    # the partitions are calculated: the merge would otherwise wait seconds for it
    with _fingerprint_meanwhile(dataset):
        states = [ex.submit(_prepare, part, period) for part in ex.scatter(pieces)]
        del pieces  # the workers hold them now (inline: the states do)
        inject: list[dict[str, _Allocation]] = [{} for _ in states]
        for step in spans:
            captured = ex.gather(
                [
                    ex.submit(_gather_step, s, ruleset, period, dict(inj), step.id, driver)
                    for s, inj in zip(states, inject, strict=True)
                ]
            )
            for inj, alloc in zip(inject, _reduce(step, ruleset, period, captured), strict=True):
                inj[step.id] = alloc
        parts = [
            ex.submit(_finish, s, ruleset, period, inj, driver)
            for s, inj in zip(states, inject, strict=True)
        ]
        summaries = ex.gather([ex.submit(_summary, p) for p in parts])
    return _merge(dataset, ruleset, period, started, summaries, ex, parts, tukin.__version__, lang)


def _stacked(frames: list[pd.DataFrame]) -> pd.DataFrame:
    """The parts' frames one after another. Shared text (categories, each part's own) is
    joined as categories of all parts' values: ``pd.concat`` would turn a million of them
    into text to be categorised again (seconds at a million employees)."""
    if not frames:
        return pd.DataFrame()
    shared = [
        c
        for c in frames[0].columns
        if all(isinstance(f[c].dtype, pd.CategoricalDtype) for f in frames)
    ]
    out = pd.concat([f.drop(columns=shared) for f in frames], ignore_index=True)
    for c in shared:
        joined = union_categoricals([f[c].array for f in frames], ignore_order=True)
        out.insert(list(frames[0].columns).index(c), c, pd.Series(joined, copy=False))
    return out


def _merge(
    dataset: Dataset,
    ruleset: RuleSet,
    period: Period,
    started: dt.datetime,
    summaries: list[_Summary],
    ex: Any,
    parts: list[Any],
    version: str,
    run_lang: Lang,
) -> PartitionedResult:
    frames = [s[0] for s in summaries]
    out = _stacked(frames)
    part_of = np.repeat(np.arange(len(frames), dtype=np.int32), [len(f) for f in frames])
    if len(out):
        # each part is in NIP order already: one stable sort of the NIPs, one take per column
        order = text_order(out["nip"].array)
        if not is_identity(order):
            out, part_of = take_rows(out, order), part_of[order]
        out = out.reset_index(drop=True)
    # shared text as Result.build shows it: categories of the values held, sorted
    for c in out.columns:
        if isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = canonical_categories(out[c].array)
        elif any(isinstance(f[c].dtype, pd.CategoricalDtype) for f in frames):
            out[c] = canonical_categories(pd.Categorical(out[c]))  # a part without any
    # rejected rows, in each language: the same lists, then the same frames and order as
    # Result.build gives
    empty = SimpleNamespace(
        frame=pd.DataFrame({"nip": pd.Series([], dtype=object)}),
        alive=np.zeros(0, dtype=bool),
        reason_id=np.zeros(0, dtype=np.int64),
        reasons=[],
        n=0,
    )
    validation = rejected_frames(empty, dataset)  # type: ignore[arg-type]
    said: dict[Lang, pd.DataFrame] = {}
    for lang in LANGS:
        data: dict[str, list[Any]] = {}
        for _, rej_in, _, _, _ in summaries:
            rej = rej_in[lang]
            for c, values in rej.items():
                data.setdefault(c, []).extend(
                    v for v, st in zip(values, rej["stage"], strict=True) if st == "calculation"
                )
        for c in validation[lang].columns:
            data.setdefault(c, []).extend(validation[lang][c].tolist())
        said[lang] = pd.DataFrame(data, columns=list(validation[lang].columns))
    said = sorted_rejected(said)
    rejected = as_run_wrote(said, run_lang, dataset)
    n_run = int(sum(s[2] for s in summaries))
    # the warnings calculate gives, once for all partitions (a worker's would not be seen)
    seen = sum((s[3] for s in summaries), Observed())
    found = notices(dataset, ruleset, period, seen)
    n_in = check_nothing_lost(n_run, len(out), rejected, dataset)
    outputs = ruleset.outputs
    money_cols = ["allowance", "net", *outputs.deductions, *outputs.employer]
    check_money_totals(out, ruleset)
    fields: dict[str, Any] = dict(
        library_version=version,
        ruleset_name=ruleset.name,
        ruleset_version=ruleset.version,
        ruleset_fingerprint=ruleset.fingerprint(),
        ruleset_changes=changes_from_pack(ruleset),
        dataset_fingerprint=dataset.fingerprint(),
        period=str(period),
        computed_at=started.isoformat(timespec="seconds"),
        employees_in=n_in,
        employees_paid=len(out),
        employees_rejected=len(rejected),
        total_allowance=int(out["allowance"].sum()) if len(out) else 0,
        total_net=int(out["net"].sum()) if len(out) else 0,
        total_employer=int(sum(int(out[c].sum()) for c in dict.fromkeys(outputs.employer)))
        if len(out)
        else 0,
        result_fingerprint=_fingerprint(out, money_cols),
        **receipt_details(dataset, out, rejected),
    )
    receipt = Receipt(**{k: v for k, v in fields.items() if k in Receipt.model_fields})
    positions = _Positions(out["nip"], np.ones(len(out), dtype=bool), in_order=True)
    result = PartitionedResult(
        out,
        rejected,
        receipt,
        None,
        positions,
        found,
        executor=ex,
        parts=parts,
        part_of=part_of,
        ruleset=ruleset,
        rejected_in=said,
    )
    result._step_units = summaries[0][4] if summaries else {}
    result.read_warnings = filed_read_warnings(dataset)
    issue(found, stacklevel=4, carrying=result)
    issue(unread_extra_columns(dataset, ruleset, seen), stacklevel=4, carrying=result)
    return result
