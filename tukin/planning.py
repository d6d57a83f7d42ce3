"""Annual planning: the yearly cost of a rule set, against the budget (pagu).

:func:`project_year` runs the rule set for each of the twelve months of a year. Months the
dataset has rows for are computed from those rows; a month a period-keyed table (attendance,
appraisals, realisations, targets, budget realisations) has no rows for is **assumed**: every
employee, indicator and work item carries its own latest figure (counted at the rule set's
``min_status``, whatever the length of the period it was reported for), and an employee in
service without any row gets a clean month and an appraisal as expected
(:mod:`tukin._year_inputs` says exactly how). So a dataset of 2025 projects 2026 as the state
of December 2025 twelve times, with employees' start and end dates, sanctions and dated
parameters still applied month by month. ``assume`` may instead be a function giving rows
for a missing month (tables it does not give are still carried). What each month was given
is in ``monthly.source``.

``pagu`` is the year's budget for the whole government; ``pagu_opd`` the budget of each OPD
(its DPA line), so that an OPD over its own pagu is seen even when the total fits: money is
not moved between OPDs without a budget shift (*pergeseran*). A rule set with ``ceiling``
steps is costed after them: ``ceiling_cut`` says what they took off the allowance.

Who is not in the cost is said, never dropped: :attr:`Projection.rejected` lists, per month,
every employee not paid with the reason, and :attr:`Projection.warnings` (also issued as
:class:`~tukin.errors.InputWarning`) says how many employees in service the total, the
headroom and :attr:`Projection.fits` leave out. A fit that holds only because an OPD without
e-Pantau data or a joiner was rejected is then seen, not taken for a fit.

``extra`` adds the TPP paid with the THR and the gaji ke-13 (:class:`ExtraPayment`; the
yearly PP on both makes the TPP part of them for the APBD's PNS, CPNS and PPPK, up to one
month's): each a share of the allowance each employee is paid in a base month, rounded down,
costed in the month it is paid, as columns ``thr`` / ``gaji13`` of ``monthly`` and ``by_opd``
and in ``cost``; :attr:`Projection.extras` sums each. Without it nothing changes (twelve
months of allowance, as before): how much of the cap a region pays is its own decision.

:func:`max_multiplier` finds the largest uniform multiplier of a parameter (the base table)
such that the projected year fits the pagu, as an exact fraction on a grid (0.0001 by
default), by bisection over :meth:`RuleSet.with_parameters`. It assumes the cost never falls
when the parameter grows, which holds for base amounts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from tukin._plan_budget import (
    OUT_OF_SERVICE,
    against_pagu,
    left_out_warning,
    multiplier_warnings,
)
from tukin._plan_extra import ExtraPayment, check_extras, extra_amounts, extra_label
from tukin._plan_inputs import (
    check_inputs,
    check_pagu,
    check_pagu_opd,
    check_positive,
    check_year,
    exact_argument,
)
from tukin._year_inputs import Assume, fill_year, strictest_status
from tukin.calc.notices import issue
from tukin.calc.num import FNum
from tukin.errors import ArgumentTypeError, CalculationError, InputWarning, Lang
from tukin.money import RoundingMode, format_rupiah, round_to
from tukin.period import Period
from tukin.rules.budget import _whole_rupiah
from tukin.ruleset.model import Parameter, RuleSet
from tukin.ruleset.types import fmt_exact, to_exact

if TYPE_CHECKING:
    from tukin.calc.engine import _Run
    from tukin.dataset import Dataset

__all__ = [
    "ExtraPayment",
    "Multiplier",
    "Projection",
    "max_multiplier",
    "project_year",
    "scale_parameter",
]

Cost = Literal["allowance", "allowance_and_employer"]


def _no_rejections() -> pd.DataFrame:
    from tukin.result import REJECTED_COLUMNS

    return pd.DataFrame(columns=["month", *REJECTED_COLUMNS])


#: the columns of :attr:`Projection.extras`
EXTRA_COLUMNS = ["kind", "label", "share", "base_month", "paid_month", "employees", "amount"]


def _no_extras() -> pd.DataFrame:
    return pd.DataFrame(columns=EXTRA_COLUMNS)


@dataclass(frozen=True)
class Projection:
    """The cost of a rule set over a year, month by month and per OPD, with who is not in it."""

    year: int
    #: month, source, employees_paid, employees_left_out, allowance, deductions, net,
    #: employer, cost, ceiling_cut (what the rule set's ceiling steps took off the allowance
    #: of the employees paid: the allowance before them is allowance + ceiling_cut); with
    #: ``extra``, ``thr`` / ``gaji13``: the TPP of that payment in the month it is paid, in
    #: ``cost``
    monthly: pd.DataFrame
    #: opd_id, opd_name, allowance, employer, cost for the year, ceiling_cut, and left_out:
    #: the months of employees in service not in the cost (an OPD whose every employee was
    #: rejected is a row of its own, cost 0); with ``pagu_opd``, its ``pagu`` and ``headroom``
    #: (empty for an OPD the table does not name); with ``extra``, ``thr`` / ``gaji13`` (in
    #: ``cost``), each employee's in his OPD of the base month
    by_opd: pd.DataFrame
    pagu: int | None = None
    #: month, then the columns of ``Result.rejected``: every employee not paid in a month
    #: (those out of service too, code ``out_of_service``), with the reason
    rejected: pd.DataFrame = field(default_factory=_no_rejections)
    #: what a budget officer must know before reading the total (``projection_left_out``,
    #: ``pagu_opd_missing``)
    warnings: tuple[InputWarning, ...] = ()
    #: the year's pagu of each OPD named (opd_id -> rupiah), compared with its cost in by_opd
    pagu_opd: Mapping[str, int] | None = None
    #: kind, label, share, base_month, paid_month, employees (paid in the base month) and
    #: amount of each extra payment asked for (no rows without ``extra``)
    extras: pd.DataFrame = field(default_factory=_no_extras)

    @property
    def total(self) -> int:
        """Cost of the year (allowance, plus employer contributions if asked for), rupiah."""
        return int(self.monthly["cost"].sum())

    @property
    def headroom(self) -> int | None:
        """pagu - total: what is left (negative when the plan does not fit)."""
        return None if self.pagu is None else self.pagu - self.total

    @property
    def left_out(self) -> pd.DataFrame:
        """The rows of :attr:`rejected` of employees in service: the months the cost misses."""
        return self.rejected[self.rejected["code"] != OUT_OF_SERVICE]

    @property
    def complete(self) -> bool:
        """Whether every employee in service is in the cost, every month."""
        return self.left_out.empty

    @property
    def over_pagu(self) -> pd.DataFrame:
        """The rows of :attr:`by_opd` whose cost exceeds the OPD's own pagu (none without
        ``pagu_opd``)."""
        if "headroom" not in self.by_opd:
            return self.by_opd.iloc[0:0]
        return self.by_opd[self.by_opd["headroom"].lt(0).fillna(False).astype(bool)]

    @property
    def fits(self) -> bool | None:
        """total <= pagu, and every OPD named in ``pagu_opd`` within its own pagu (None when
        neither was given). The total counts the employees paid only: when :attr:`complete`
        is False the projection carries a warning saying whom it leaves out, and a fit may not
        survive paying them."""
        if self.pagu is None and self.pagu_opd is None:
            return None
        return (self.pagu is None or self.total <= self.pagu) and self.over_pagu.empty


@dataclass(frozen=True)
class Multiplier:
    """The largest multiplier on the grid whose projected year fits the pagu."""

    parameter: str
    multiplier: Fraction
    precision: Fraction
    pagu: int
    projection: Projection
    ruleset: RuleSet = field(repr=False)
    evaluations: int = 0
    at_upper_bound: bool = False  # the search stopped at ``upper``: a larger one may fit

    @property
    def total(self) -> int:
        return self.projection.total

    @property
    def headroom(self) -> int:
        return self.pagu - self.total


def project_year(
    dataset: Dataset,
    ruleset: RuleSet,
    year: int,
    *,
    pagu: int | None = None,
    pagu_opd: Mapping[str, int] | pd.Series | None = None,
    assume: Assume = "last_known",
    cost: Cost = "allowance",
    extra: ExtraPayment | Iterable[ExtraPayment] | None = None,
) -> Projection:
    """Run ``ruleset`` for the twelve months of ``year``; see the module docstring for how
    missing months are assumed. ``cost`` counts the gross allowance, or the allowance plus the
    employer contributions (``outputs.employer``). ``pagu`` is the year's budget, whole
    rupiah; ``pagu_opd`` the year's budget per OPD (``{opd_id: rupiah}`` or a Series), each
    compared with that OPD's cost. ``extra`` adds the TPP paid with the THR and the gaji
    ke-13 (:class:`ExtraPayment`, e.g. ``ExtraPayment("thr", "100%", base_month=2,
    paid_month=3)``). Its warnings are issued as well as kept."""
    call = "project_year()"
    check_inputs(call, dataset, ruleset)
    year = check_year(call, year)
    pagu = check_pagu(call, "pagu", pagu)
    per_opd = check_pagu_opd(call, pagu_opd, dataset)
    extras = check_extras(call, extra)
    projection = _Year(dataset, year, assume, ruleset).project(ruleset, pagu, cost, per_opd, extras)
    issue(projection.warnings, carrying=projection)
    return projection


class _Year:
    """A year of inputs, filled once, with each month's employee frame built once.

    Searching for a multiplier runs the same twelve months many times with different rule
    sets; the inputs do not change, so the frames are reused (and the dataset fingerprint,
    which only the receipt needs, is not recomputed for every run). Which figures count is
    the rule set's (``min_status``): scaling a parameter leaves it as it is.
    """

    def __init__(
        self, dataset: Dataset, year: int, assume: Assume, ruleset: RuleSet | None = None
    ) -> None:
        from tukin.calc.engine import check_complete

        check_complete(dataset)  # a projection from half-read input would be as wrong
        self.year = year
        self.given = dataset  # its validation report: who is blocked by a rejected row
        self.dataset, self.sources = fill_year(
            dataset, year, assume, "entered" if ruleset is None else strictest_status(ruleset, year)
        )
        if self.dataset is not dataset:
            # the rejected monitoring rows of the Dataset given: no score reads past them
            # (tukin.monitoring.rejected), in a projection as in a calculation
            from tukin.monitoring.rejected import rejected_rows

            self.dataset.__dict__["_monitoring_rejects"] = rejected_rows(dataset)
        self.frames: dict[int, pd.DataFrame] = {}

    def month(self, ruleset: RuleSet, i: int) -> _Run:
        from tukin.calc.blocked import blocked_employees
        from tukin.calc.engine import (
            _Run,
            check_tables_given,
            check_validity,
        )
        from tukin.calc.frame import employee_frame

        month = Period.month(self.year, i)
        check_validity(ruleset, month)  # as calculate refuses a month outside valid_from/to
        check_tables_given(self.given, ruleset, month)  # as calculate: the Dataset given
        if i not in self.frames:
            self.frames[i] = employee_frame(self.dataset, month)
        run = _Run(self.frames[i].copy(deep=False), ruleset, month, self.dataset)
        # the filled Dataset is built anew, without the rows validation threw out: the
        # employees those rows block are found in the Dataset given, as calculate does
        run.blocked = blocked_employees(self.given, ruleset, month)
        run.pre_checks()
        run.evaluate()
        return run

    def paid(
        self, ruleset: RuleSet, i: int, cost: Cost
    ) -> tuple[_Run, dict[str, np.ndarray], np.ndarray]:
        """Month ``i``'s run, its paid employees' amounts and each one's cost."""
        run = self.month(ruleset, i)
        cols = _amounts(run, ruleset)  # first: it may reject what the result would
        c = cols["allowance"] + (cols["employer"] if cost == "allowance_and_employer" else 0)
        return run, cols, c

    def total(self, ruleset: RuleSet, cost: Cost, extras: tuple[ExtraPayment, ...] = ()) -> int:
        """``project(ruleset, ...).total``, without building the projection: a search for a
        multiplier reads only the total of every step but the one it returns, and the
        rejected list, the OPD frames and their sums cost more than the months' amounts."""
        costs = np.zeros(12, dtype=np.int64)  # as Projection.monthly["cost"]
        for i in range(1, 13):
            run, cols, c = self.paid(ruleset, i, cost)
            # the rejected list has one "calculation" row per employee the run left unpaid
            _check_paid(f"{self.year:04d}-{i:02d}", run, c, int((~run.alive).sum()))
            costs[i - 1] += int(c.sum())
            for e in extras:
                if e.base_month == i:
                    a = extra_amounts(cols["allowance"], Fraction(e.share))
                    costs[(e.paid_month or i) - 1] += int(a.sum())
        return int(costs.sum())

    def project(
        self,
        ruleset: RuleSet,
        pagu: int | None,
        cost: Cost,
        pagu_opd: dict[str, int] | None = None,
        extras: tuple[ExtraPayment, ...] = (),
    ) -> Projection:
        from tukin.result import _rejected

        rows: list[dict[str, Any]] = []
        opd: list[dict[str, np.ndarray]] = []
        rejected: list[pd.DataFrame] = []
        kinds = [e.kind for e in extras]
        # each payment's amounts: (paid month, employees, total), and its OPD frame
        paid_extra: dict[str, tuple[int, int, int]] = {}
        for i in range(1, 13):
            run, cols, c = self.paid(ruleset, i, cost)
            month = f"{self.year:04d}-{i:02d}"
            rej = _rejected(run, self.given)
            _check_paid(month, run, c, int((rej["stage"] == "calculation").sum()))
            rejected.append(rej.assign(month=month))
            missed = rej[rej["code"] != OUT_OF_SERVICE]
            rows.append(
                {
                    "month": month,
                    "source": self.sources.get(month, "data"),
                    "employees_paid": len(c),
                    "employees_left_out": len(missed),
                    **{
                        k: int(cols[k].sum())
                        for k in ("allowance", "deductions", "net", "employer")
                    },
                    "cost": int(c.sum()),
                    "ceiling_cut": int(cols["ceiling_cut"].sum()),
                }
            )
            ids = {k: cols[k] for k in ("opd_id", "opd_name")}
            zero = np.zeros(len(c), dtype=np.int64)
            paid = {
                "allowance": cols["allowance"],
                "employer": cols["employer"],
                "cost": c,
                "ceiling_cut": cols["ceiling_cut"],
            }
            opd.append({**ids, **paid, "left_out": zero})
            for e in extras:
                if e.base_month == i:  # the TPP each employee paid this month is the base of
                    a = extra_amounts(cols["allowance"], Fraction(e.share))
                    paid_extra[e.kind] = (e.paid_month or i, len(a), int(a.sum()))
                    extra_cols = {k: a if k == e.kind else zero for k in kinds}
                    zeros = dict.fromkeys(paid, zero)
                    opd.append({**ids, **zeros, **extra_cols, "left_out": zero})
            none = np.zeros(len(missed), dtype=np.int64)
            opd.append(
                {
                    "opd_id": missed["opd_id"].to_numpy(dtype=object),
                    "opd_name": missed["opd_name"].to_numpy(dtype=object),
                    "allowance": none,
                    "employer": none,
                    "cost": none,
                    "ceiling_cut": none,
                    "left_out": none + 1,
                }
            )
        # the payments' columns in every piece, 0 where a piece has none
        by = _opd_rows(opd, [*paid, "left_out", *kinds]).groupby(
            ["opd_id", "opd_name"], dropna=False, sort=True
        )
        columns = ["month", *rejected[0].columns.drop("month")]
        every = pd.concat(rejected, ignore_index=True)[columns]
        lang: Lang = "en" if self.given.lang == "en" else "id"
        ints = [*paid, "left_out", *kinds]
        by_opd = by.sum().reset_index().astype(dict.fromkeys(ints, np.int64))
        monthly = pd.DataFrame(rows)
        extra_rows = []
        for e in extras:
            when, n, amount = paid_extra[e.kind]
            col = np.zeros(12, dtype=np.int64)
            col[when - 1] = amount
            monthly[e.kind] = col
            monthly["cost"] += col
            extra_rows.append(
                {
                    "kind": e.kind,
                    "label": extra_label(e.kind, lang),
                    "share": Fraction(e.share),
                    "base_month": f"{self.year:04d}-{e.base_month:02d}",
                    "paid_month": f"{self.year:04d}-{when:02d}",
                    "employees": n,
                    "amount": amount,
                }
            )
        if kinds:
            by_opd["cost"] += by_opd[kinds].sum(axis=1).astype(np.int64)
            monthly = monthly.astype({"cost": np.int64})
        extras_frame = pd.DataFrame(extra_rows, columns=EXTRA_COLUMNS)
        notes = left_out_warning(every, self.year, lang)
        if pagu_opd is not None:
            by_opd, missing = against_pagu(by_opd, pagu_opd)
            if missing:
                notes += (
                    InputWarning("pagu_opd_missing", lang, value=", ".join(missing)).with_params(
                        {"value": list(missing)}  # the OPDs as a list for a program
                    ),
                )
        return Projection(self.year, monthly, by_opd, pagu, every, notes, pagu_opd, extras_frame)


def _opd_rows(pieces: list[dict[str, np.ndarray]], amounts: list[str]) -> pd.DataFrame:
    """The rows of every piece (each a dict of equally long arrays: the OPD of each row and
    its amounts) in one frame: ``opd_id`` and ``opd_name`` as objects, then ``amounts`` in
    that order, 0 where a piece has none. One frame built from joined arrays, not a frame
    per piece cast and joined (a year's projection has three dozen pieces, a search for a
    multiplier builds the answer's)."""
    data: dict[str, np.ndarray] = {}
    for key in ("opd_id", "opd_name"):
        data[key] = np.concatenate([np.asarray(p[key], dtype=object) for p in pieces])
    for name in amounts:
        data[name] = np.concatenate(
            [p[name] if name in p else np.zeros(len(p["opd_id"]), dtype=np.int64) for p in pieces]
        )
    return pd.DataFrame(data)


def _check_paid(month: str, run: _Run, paid: np.ndarray, rejected: int) -> None:
    """Every employee of the month's run paid or listed as rejected, once."""
    if len(paid) + rejected != run.n:
        raise CalculationError(
            code="invariant_broken",
            detail=f"{month}: {run.n} employees calculated, {len(paid)} paid + {rejected} rejected",
        )


def _amounts(run: _Run, rs: RuleSet) -> dict[str, np.ndarray]:
    """Each paid employee's amounts, read off the run: what Result.build gives, without the
    frame of every step (the search for a multiplier runs hundreds of months)."""
    alive = run.alive
    cols = [rs.allowance_step, *rs.outputs.deductions, *rs.outputs.employer]
    vals = [run.fast.values[c] for c in cols]
    plain = all(
        isinstance(v, FNum)
        and v.unit == "rupiah"
        and v.s == 0
        and (v.e is None or not v.e[alive].any())
        and np.isfinite(v.v[alive]).all()
        for v in vals
    )
    if plain:  # a negative allowance or net is rejected by Result.build: let it do that
        given = vals[0].v[alive]
        withheld = sum((run.fast.values[d].v[alive] for d in rs.outputs.deductions), 0 * given)
        plain = bool((given >= 0).all() and (given >= withheld).all())
    if not plain:  # let Result.build reject or refuse exactly as a calculation would
        from tukin.result import Result

        f = Result.build(run, None).to_frame()
        ints = {c: f[c].to_numpy(dtype=np.int64) for c in cols}
        ids = {
            k: f[k].to_numpy() if k in f else np.full(len(f), None) for k in ("opd_id", "opd_name")
        }
        paid = run.alive  # what the build left paid, in the run's order: put in the frame's
        nips = run.frame["nip"].to_numpy()[paid]
        by_nip = pd.Series(_ceiling_cut(run, rs, paid), index=nips)
        cut = by_nip.reindex(f["nip"].to_numpy()).to_numpy(dtype=np.int64)
    else:
        ints = {c: v.v[alive].astype(np.int64) for c, v in zip(cols, vals, strict=True)}
        fr = run.frame
        ids = {
            k: fr[k].to_numpy()[alive] if k in fr else np.full(int(alive.sum()), None)
            for k in ("opd_id", "opd_name")
        }
        cut = _ceiling_cut(run, rs, alive)
    allowance = ints[rs.allowance_step]
    zero = np.zeros(len(allowance), dtype=np.int64)
    ded = sum((ints[d] for d in rs.outputs.deductions), zero)
    emp = sum((ints[e] for e in rs.outputs.employer), zero)
    return {
        **ids,
        "allowance": allowance,
        "deductions": ded,
        "net": allowance - ded,
        "employer": emp,
        "ceiling_cut": cut,
    }


def _ceiling_cut(run: _Run, rs: RuleSet, paid: np.ndarray) -> np.ndarray:
    """What the ceiling steps took off each row ``paid``: each step's input minus its output
    (an input column of the data, or an earlier step's; whole rupiah where the step ran)."""
    cut = np.zeros(int(paid.sum()), dtype=np.int64)

    def ints(name: str, step: str) -> np.ndarray:
        if name in run.fast.values:
            return _whole_rupiah(run.fast.values[name], paid, step, name)[paid]
        return run.frame[name].to_numpy()[paid].astype(np.int64)

    for step in rs.steps:
        if step.type == "ceiling":
            cut += ints(step.params["input"], step.id) - ints(step.id, step.id)
    return cut


def scale_parameter(
    ruleset: RuleSet,
    parameter: str,
    multiplier: Fraction | int | str,
    *,
    rounding: RoundingMode | str | None = None,
) -> RuleSet:
    """A new rule set with every dated value of ``parameter`` (a number or a table of numbers)
    multiplied by ``multiplier``; ``rounding`` makes each value whole rupiah with a named mode."""
    m = exact_argument("scale_parameter()", "multiplier", multiplier)
    old: Parameter = (
        ruleset.parameters[parameter]
        if parameter in ruleset.parameters
        else _missing(ruleset, parameter)
    )

    def scale(v: Any) -> Any:
        if isinstance(v, Mapping):
            return {k: scale(x) for k, x in v.items()}
        q = to_exact(v) * m
        return Fraction(round_to(q, rounding)) if rounding is not None else q

    values = tuple(
        dv.model_copy(update={"value": scale(dv.value), "note": f"× {fmt_exact(m)} (scaled)"})
        for dv in old.values
    )
    return ruleset.with_parameters(**{parameter: old.model_copy(update={"values": values})})


def _missing(ruleset: RuleSet, parameter: str) -> Parameter:
    raise CalculationError(value=parameter, detail_code="no_such_parameter", ruleset=ruleset.name)


def max_multiplier(
    dataset: Dataset,
    ruleset: RuleSet,
    year: int,
    pagu: int,
    parameter: str = "base_tpp",
    *,
    precision: Fraction | str = Fraction(1, 10_000),
    upper: Fraction | int | str = 10,
    rounding: RoundingMode | str | None = None,
    assume: Assume = "last_known",
    cost: Cost = "allowance",
    extra: ExtraPayment | Iterable[ExtraPayment] | None = None,
) -> Multiplier:
    """The largest multiple of ``precision`` (at most ``upper``) by which ``parameter`` can be
    multiplied so that the projected cost of ``year`` stays within ``pagu``.

    A rule set whose ``ceiling`` steps cut the allowance at that multiplier fits the pagu
    because of them, not because the base does: the warning ``multiplier_under_ceiling``
    says so (search with a rule set without those steps to find the base the pagu affords).
    ``extra`` (as :func:`project_year`'s) counts the TPP of the THR and the gaji ke-13 in the
    cost the pagu must hold: a base that fits twelve months may not fit fourteen."""
    call = "max_multiplier()"
    check_inputs(call, dataset, ruleset)
    year = check_year(call, year)
    checked = check_pagu(call, "pagu", pagu)
    if checked is None:
        raise ArgumentTypeError(code="argument_not_whole", call=call, argument="pagu", value="None")
    pagu = checked
    step = check_positive(call, "precision", precision)
    top = check_positive(call, "upper", upper)
    extras = check_extras(call, extra)
    inputs = _Year(dataset, year, assume, ruleset)
    lang: Lang = "en" if dataset.lang == "en" else "id"
    # the search reads each step's total only; the projection is built for the answer
    totals: dict[int, int] = {}

    def scaled(k: int) -> RuleSet:
        return scale_parameter(ruleset, parameter, k * step, rounding=rounding)

    def total(k: int) -> int:
        if k not in totals:
            totals[k] = inputs.total(scaled(k), cost, extras)
        return totals[k]

    def at(k: int) -> tuple[Projection, RuleSet]:
        rs = scaled(k)
        proj = inputs.project(rs, pagu, cost, None, extras)
        if totals.setdefault(k, proj.total) != proj.total:  # the search's total is the answer's
            raise CalculationError(
                code="invariant_broken",
                detail=f"{parameter} x {fmt_exact(k * step)}: searched at {totals[k]}, "
                f"projected {proj.total}",
            )
        return proj, rs

    k_top = int(top / step)
    lo, hi = 0, min(int(1 / step), k_top)
    while total(hi) <= pagu:  # grow until over the pagu or at the upper bound
        if hi == k_top:
            proj, rs = at(hi)
            issue(multiplier_warnings(proj, rs, hi * step, lang))
            return Multiplier(
                parameter, hi * step, step, pagu, proj, rs, len(totals), at_upper_bound=True
            )
        lo, hi = hi, min(2 * hi, k_top)
    while hi - lo > 1:  # invariant: total(hi) > pagu, and total(lo) <= pagu unless lo == 0
        mid = (lo + hi) // 2
        if total(mid) <= pagu:
            lo = mid
        else:
            hi = mid
    if lo == 0 and total(0) > pagu:
        raise CalculationError(
            value=parameter,
            detail_code="pagu_too_small",
            parameter=parameter,
            pagu=pagu,
            pagu_en=format_rupiah(pagu, lang="en"),
            pagu_id=format_rupiah(pagu, lang="id"),
        )
    proj, rs = at(lo)
    # the multiplier fits the cost of whom the projection pays: say who is not
    found = multiplier_warnings(proj, rs, lo * step, lang)
    if lo == 0:  # a legitimate answer, but one that pays nothing from the parameter: said
        one_step = total(1)  # not "cost": the search reads that name (what is costed)
        found += (
            InputWarning(
                "multiplier_zero",
                lang,
                value=fmt_exact(step),
                parameter=parameter,
                pagu_en=format_rupiah(pagu, lang="en"),
                pagu_id=format_rupiah(pagu, lang="id"),
                cost_en=format_rupiah(one_step, lang="en"),
                cost_id=format_rupiah(one_step, lang="id"),
            ),
        )
    issue(found)
    return Multiplier(parameter, lo * step, step, pagu, proj, rs, len(totals))
