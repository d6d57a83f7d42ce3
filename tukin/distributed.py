"""Partitioned calculation on Dask: OPDs in parallel, government-wide ceilings as a reduce step.

Employees of different OPDs are independent except for budget ceilings that span OPDs (a
government-wide pagu, a ceiling over a set of OPDs). So a large calculation splits by OPD:

1. **split** (driver): the validated :class:`~tukin.dataset.Dataset` is cut into partitions,
   each a set of whole OPDs (units, positions, employees, their attendance, appraisals and
   sanctions, the OPD's work items, indicators, targets, realisations, budget figures),
   balanced by employee count;
2. **map** (workers): each partition is validated again (a partition must be closed under
   references: a row pointing into another OPD is an error, not a silent change of result),
   its employee frame is built and the rule set is evaluated up to the first *spanning* step:
   a ``ceiling`` grouped by anything but ``opd_id`` (or one naming ``groups``);
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
from dataclasses import dataclass, field
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pandas.api.types import union_categoricals

from tukin._lookup import canonical_categories, positions_in
from tukin.calc.context import Columns, StepContext
from tukin.calc.engine import _Run, check_validity
from tukin.calc.frame import employee_frame, opd_of_units
from tukin.calc.num import FNum, Tracker
from tukin.errors import CalculationError, TukinError
from tukin.period import Period
from tukin.result import Receipt, Result, _fingerprint, _rejected, check_nothing_lost, run_time
from tukin.rules import registry
from tukin.ruleset.load import resolve

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.explain import Explanation
    from tukin.ruleset.model import RuleSet, Step

__all__ = ["PartitionedResult", "calculate_partitioned", "spanning_steps", "split_by_opd"]

PARTITION_KEY = "opd_id"
_EMPLOYEE_TABLES = ("attendance", "appraisals", "sanctions")


# -- split --------------------------------------------------------------------------------------


def split_by_opd(dataset: Dataset, npartitions: int) -> list[dict[str, pd.DataFrame]]:
    """The kept tables of ``dataset`` cut into at most ``npartitions`` sets of whole OPDs.

    OPDs are dealt largest first to the partition with the fewest employees so far. Rows that
    belong to no OPD (a work item without a unit) go to every partition when they are
    monitoring data, to the first partition when they are an employee's.
    """
    tables = {name: frame.reset_index(drop=True) for name, frame in dataset.tables.items()}
    opd = _opd_per_row(tables)
    counts = opd["employees"].value_counts(dropna=True)
    k = max(1, min(int(npartitions), len(counts) or 1))
    load = np.zeros(k, dtype=np.int64)
    part_of: dict[Any, int] = {}
    for name, size in sorted(counts.items(), key=lambda kv: (-kv[1], str(kv[0]))):
        i = int(np.argmin(load))
        part_of[name] = i
        load[i] += size
    out: list[dict[str, pd.DataFrame]] = [{} for _ in range(k)]
    for name, frame in tables.items():
        labels = opd.get(name)
        if labels is None:
            for part in out:
                part[name] = frame
            continue
        # each distinct OPD looked up once (a million labels mapped one by one took seconds)
        codes, uniq = pd.factorize(labels, use_na_sentinel=True)
        part_for = np.array([part_of.get(u, -1) for u in uniq] + [-1], dtype=np.int64)
        part_arr = part_for[codes]  # code -1 (no OPD) reads the last slot
        unknown = part_arr < 0
        shared = name not in ("employees", *_EMPLOYEE_TABLES)
        for i, part in enumerate(out):
            mask = part_arr == i
            if unknown.any():
                mask |= unknown if (shared or i == 0) else False
            part[name] = frame[mask].reset_index(drop=True)
    return out


def _opd_per_row(tables: dict[str, pd.DataFrame]) -> dict[str, pd.Series]:
    """Per table, the OPD (root unit id) of each row, NaN where it cannot be told."""
    units = tables.get("units", pd.DataFrame())
    unit_opd = opd_of_units(units) if len(units) else pd.Series(dtype=object)

    def via(keys: pd.Series, mapping: pd.Series) -> pd.Series:
        """``keys.map(mapping)`` as objects (NaN: no key, or not in ``mapping``), by a
        look-up of positions instead of mapping each of a million ids in Python."""
        if mapping.empty:
            return pd.Series(np.full(len(keys), np.nan, dtype=object))
        mapping = mapping[~mapping.index.duplicated()]
        labels = np.append(mapping.to_numpy(dtype=object), np.nan)  # the last slot: none
        return pd.Series(labels[positions_in(keys, mapping.index)], dtype=object)

    out: dict[str, pd.Series] = {}
    out["units"] = via(units.get("unit_id", pd.Series(dtype=object)), unit_opd)
    pos = tables.get("positions", pd.DataFrame(columns=["position_id", "unit_id"]))
    out["positions"] = via(pos["unit_id"], unit_opd)
    pos_opd = pd.Series(out["positions"].to_numpy(), index=pos["position_id"].to_numpy())
    emp = tables.get("employees", pd.DataFrame(columns=["nip", "position_id"]))
    out["employees"] = via(emp["position_id"], pos_opd)
    nip_opd = pd.Series(out["employees"].to_numpy(), index=emp["nip"].to_numpy())
    for name in _EMPLOYEE_TABLES:
        if name in tables:
            out[name] = via(tables[name]["nip"], nip_opd)
    if "work_items" in tables:
        wi = tables["work_items"]
        by_unit = via(wi["unit_id"], unit_opd)
        if "responsible_position_id" in wi:
            by_pos = via(wi["responsible_position_id"], pos_opd)
            by_unit = by_unit.where(by_unit.notna(), by_pos)
        out["work_items"] = by_unit
        item_opd = pd.Series(by_unit.to_numpy(), index=wi["work_item_id"].to_numpy())
        if "budget_realisations" in tables:
            out["budget_realisations"] = via(
                tables["budget_realisations"]["work_item_id"], item_opd
            )
        if "indicators" in tables:
            ind = tables["indicators"]
            out["indicators"] = via(ind["work_item_id"], item_opd)
            ind_opd = pd.Series(out["indicators"].to_numpy(), index=ind["indicator_id"].to_numpy())
            for name in ("targets", "realisations"):
                if name in tables:
                    out[name] = via(tables[name]["indicator_id"], ind_opd)
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
                value=step.id,
                detail=f"group-level rule type {step.type!r} cannot be partitioned by OPD",
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
    rejections: list[tuple[np.ndarray, str, str]]
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
    names.append(p.tie_break)
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


def _prepare(tables: dict[str, pd.DataFrame], nip_check: str, period: Period) -> _State:
    from tukin.dataset import Dataset

    ds = Dataset.from_frames(mode="lenient", nip_check=nip_check, **tables)  # type: ignore[arg-type]
    if not ds.report.ok:
        first = ds.report.problems[0]
        raise CalculationError(
            detail="an OPD partition is not self-contained (a row refers to another OPD): "
            + first.describe("en")
        )
    return _State(ds, employee_frame(ds, period))


def _run(
    state: _State,
    ruleset: RuleSet,
    period: Period,
    inject: dict[str, _Allocation],
    stop_at: str | None,
) -> _PartRun:
    run = _PartRun(state.frame, ruleset, period, state.dataset, inject, stop_at)
    run.cache = state.cache  # roll-ups and hierarchies are computed once per partition
    run.pre_checks()
    with contextlib.suppress(_Pause):
        run.evaluate()
    return run


def _gather_step(
    state: _State, ruleset: RuleSet, period: Period, inject: dict[str, _Allocation], stop_at: str
) -> _Captured:
    run = _run(state, ruleset, period, inject, stop_at)
    assert run.captured is not None
    return run.captured


def _finish(
    state: _State, ruleset: RuleSet, period: Period, inject: dict[str, _Allocation]
) -> Result:
    run = _run(state, ruleset, period, inject, None)
    return Result.build(run, state.dataset)


def _summary(result: Result) -> tuple[pd.DataFrame, dict[str, list[Any]], int]:
    run = result._run
    assert run is not None
    rej = result.rejected
    return result.to_frame(), {c: rej[c].tolist() for c in rej.columns}, run.n


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
    rejections: list[tuple[np.ndarray, str, str]] = []
    cache: dict[str, Any] = {}
    ctx = StepContext(
        frame=pd.DataFrame(index=pd.RangeIndex(n)),
        cols=cols,
        step=step,
        ruleset=ruleset,
        period=period,
        dataset=None,
        tracker=Tracker(n),
        reject=lambda mask, code, detail: rejections.append((mask.copy(), code, detail)),
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
                    k: (v[sl] if isinstance(v, np.ndarray) else v) for k, v in ctx.notes.items()
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

    def scatter(self, value: Any) -> Any:
        return value


class _Dask:
    def __init__(self, client: Any) -> None:
        self.client = client

    def submit(self, fn: Any, *args: Any) -> Any:
        return self.client.submit(fn, *args, pure=False)

    def gather(self, values: list[Any]) -> list[Any]:
        return self.client.gather(values)

    def scatter(self, value: Any) -> Any:
        # a list of one: scattering a dict would scatter its values under its keys, and the
        # partitions' "employees" would all share one key
        return self.client.scatter([value])[0]


class PartitionedResult(Result):
    """A :class:`~tukin.result.Result` merged from partitions; explanations are computed on the
    worker holding the employee's partition."""

    def __init__(self, *args: Any, executor: Any, parts: list[Any], where: dict[str, int]) -> None:
        super().__init__(*args)
        self._executor = executor
        self._parts = parts
        self._where = where
        self.partitions = len(parts)

    def explain(self, nip: str, lang: str | None = None) -> Explanation:
        """As :meth:`Result.explain`; ``lang`` ``None`` is :func:`tukin.get_language` here,
        resolved before the work is sent (a worker process has its own setting)."""
        from tukin._language import resolve as resolve_lang
        from tukin.errors import EmployeeNotFoundError

        lang = resolve_lang(lang)

        key = str(nip)
        if key not in self._where:
            reason = self.rejected[self.rejected["nip"] == key]
            if len(reason):
                raise EmployeeNotFoundError(value=key, detail=str(reason["reason"].iloc[0]))
            raise EmployeeNotFoundError(value=key)
        part = self._parts[self._where[key]]
        fut = self._executor.submit(_explain, part, key, self.receipt, lang)
        return self._executor.gather([fut])[0]

    def release(self) -> None:
        """Drop the partitions the workers hold (explanations are no longer possible)."""
        self._parts = []
        self._where = {}


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
    started = run_time()
    ex: Any = _Inline() if client is None else _Dask(client)
    if npartitions is None:
        workers = len(client.scheduler_info().get("workers", {})) if client is not None else 1
        npartitions = max(2, 2 * workers)
    spans = spanning_steps(ruleset, period)
    pieces = split_by_opd(dataset, npartitions)
    states = [
        ex.submit(_prepare, ex.scatter(tables), dataset.nip_check, period) for tables in pieces
    ]
    inject: list[dict[str, _Allocation]] = [{} for _ in states]
    for step in spans:
        captured = ex.gather(
            [
                ex.submit(_gather_step, s, ruleset, period, dict(inj), step.id)
                for s, inj in zip(states, inject, strict=True)
            ]
        )
        for inj, alloc in zip(inject, _reduce(step, ruleset, period, captured), strict=True):
            inj[step.id] = alloc
    parts = [
        ex.submit(_finish, s, ruleset, period, inj) for s, inj in zip(states, inject, strict=True)
    ]
    summaries = ex.gather([ex.submit(_summary, p) for p in parts])
    return _merge(dataset, ruleset, period, started, summaries, ex, parts, tukin.__version__)


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
    summaries: list[tuple[pd.DataFrame, dict[str, list[Any]], int]],
    ex: Any,
    parts: list[Any],
    version: str,
) -> PartitionedResult:
    frames = [s[0] for s in summaries]
    out = _stacked(frames)
    out = out.sort_values("nip", kind="stable").reset_index(drop=True) if len(out) else out
    # shared text as Result.build shows it: categories of the values held, sorted
    for c in out.columns:
        if isinstance(out[c].dtype, pd.CategoricalDtype):
            out[c] = canonical_categories(out[c].array)
        elif any(isinstance(f[c].dtype, pd.CategoricalDtype) for f in frames):
            out[c] = canonical_categories(pd.Categorical(out[c]))  # a part without any
    where: dict[str, int] = {}
    for i, f in enumerate(frames):
        where.update(dict.fromkeys(f["nip"].astype(str).tolist(), i))
    # rejected rows: the same lists, then the same frame and order as Result.build gives
    data: dict[str, list[Any]] = {}
    for _, rej, _ in summaries:
        for c, values in rej.items():
            data.setdefault(c, []).extend(
                v for v, st in zip(values, rej["stage"], strict=True) if st == "calculation"
            )
    empty = SimpleNamespace(
        frame=pd.DataFrame({"nip": pd.Series([], dtype=object)}),
        alive=np.zeros(0, dtype=bool),
        reason_id=np.zeros(0, dtype=np.int64),
        reasons=[],
        n=0,
    )
    validation = _rejected(empty, dataset)  # type: ignore[arg-type]
    for c in validation.columns:
        data.setdefault(c, []).extend(validation[c].tolist())
    rejected = (
        pd.DataFrame(data).sort_values(["stage", "nip"], kind="stable").reset_index(drop=True)
    )
    n_run = int(sum(s[2] for s in summaries))
    n_in = check_nothing_lost(n_run, len(out), rejected, dataset)
    outputs = ruleset.outputs
    money_cols = ["allowance", "net", *outputs.deductions, *outputs.employer]
    fields: dict[str, Any] = dict(
        library_version=version,
        ruleset_name=ruleset.name,
        ruleset_version=ruleset.version,
        ruleset_fingerprint=ruleset.fingerprint(),
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
    )
    receipt = Receipt(**{k: v for k, v in fields.items() if k in Receipt.model_fields})
    return PartitionedResult(
        out, rejected, receipt, None, {}, executor=ex, parts=parts, where=where
    )
