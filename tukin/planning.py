"""Annual planning: the yearly cost of a rule set, against the budget (pagu).

:func:`project_year` runs the rule set for each of the twelve months of a year. Months the
dataset has inputs for are computed from those inputs; for a month a period-keyed table
(attendance, appraisals, realisations, targets, budget realisations) has no monthly rows for,
the **assumption** is that the latest month of that table with rows repeats (the earliest
later month when there is none before; appraisals given per quarter or year are carried as the
appraisal of the month). So a dataset with January-June gives July-December as June again, and
a dataset of 2025 projects 2026 as December 2025 twelve times, with employees' start and end
dates, sanctions and dated parameters still applied month by month. ``assume`` may instead be
a function giving rows for a missing month (tables it does not give still repeat). Which
month fed which is in ``monthly.source``.

:func:`max_multiplier` finds the largest uniform multiplier of a parameter (the base table)
such that the projected year fits the pagu, as an exact fraction on a grid (0.0001 by
default), by bisection over :meth:`RuleSet.with_parameters`. It assumes the cost never falls
when the parameter grows, which holds for base amounts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from tukin.calc.num import FNum
from tukin.contract import TABLES
from tukin.errors import CalculationError
from tukin.money import RoundingMode, round_to
from tukin.period import Period
from tukin.ruleset.model import Parameter, RuleSet
from tukin.ruleset.types import fmt_exact, to_exact

if TYPE_CHECKING:
    from tukin.calc.engine import _Run
    from tukin.dataset import Dataset

__all__ = ["Multiplier", "Projection", "max_multiplier", "project_year", "scale_parameter"]

Assume = Literal["last_known"] | Callable[[Period], Mapping[str, pd.DataFrame]]
Cost = Literal["allowance", "allowance_and_employer"]
PERIOD_TABLES = tuple(name for name, t in TABLES.items() if "period" in t.names)
MONTHLY = r"\d{4}-\d{2}"


@dataclass(frozen=True)
class Projection:
    """The cost of a rule set over a year, month by month and per OPD."""

    year: int
    #: month, source, employees_paid, allowance, deductions, net, employer, cost
    monthly: pd.DataFrame
    #: opd_id, opd_name, allowance, employer, cost for the year
    by_opd: pd.DataFrame
    pagu: int | None = None

    @property
    def total(self) -> int:
        """Cost of the year (allowance, plus employer contributions if asked for), rupiah."""
        return int(self.monthly["cost"].sum())

    @property
    def headroom(self) -> int | None:
        """pagu - total: what is left (negative when the plan does not fit)."""
        return None if self.pagu is None else self.pagu - self.total

    @property
    def fits(self) -> bool | None:
        return None if self.pagu is None else self.total <= self.pagu


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
    assume: Assume = "last_known",
    cost: Cost = "allowance",
) -> Projection:
    """Run ``ruleset`` for the twelve months of ``year``; see the module docstring for how
    missing months are assumed. ``cost`` counts the gross allowance, or the allowance plus the
    employer contributions (``outputs.employer``)."""
    return _Year(dataset, year, assume).project(ruleset, pagu, cost)


class _Year:
    """A year of inputs, filled once, with each month's employee frame built once.

    Searching for a multiplier runs the same twelve months many times with different rule
    sets; the inputs do not change, so the frames are reused (and the dataset fingerprint,
    which only the receipt needs, is not recomputed for every run).
    """

    def __init__(self, dataset: Dataset, year: int, assume: Assume) -> None:
        from tukin.calc.engine import check_complete

        check_complete(dataset)  # a projection from half-read input would be as wrong
        self.year = year
        self.given = dataset  # its validation report: who is blocked by a rejected row
        self.dataset, self.sources = _fill_year(dataset, year, assume)
        self.frames: dict[int, pd.DataFrame] = {}

    def month(self, ruleset: RuleSet, i: int) -> _Run:
        from tukin.calc.blocked import blocked_employees
        from tukin.calc.engine import _Run
        from tukin.calc.frame import employee_frame

        month = Period.month(self.year, i)
        if not ruleset.covers(month):
            raise CalculationError(
                value=ruleset.name, detail=f"the rule set is not valid in {month}"
            )
        if i not in self.frames:
            self.frames[i] = employee_frame(self.dataset, month)
        run = _Run(self.frames[i].copy(deep=False), ruleset, month, self.dataset)
        # the filled Dataset is built anew, without the rows validation threw out: the
        # employees those rows block are found in the Dataset given, as calculate does
        run.blocked = blocked_employees(self.given, ruleset, month, run.lang)
        run.pre_checks()
        run.evaluate()
        return run

    def project(self, ruleset: RuleSet, pagu: int | None, cost: Cost) -> Projection:
        rows, opd = [], []
        for i in range(1, 13):
            cols = _amounts(self.month(ruleset, i), ruleset)
            c = cols["allowance"] + (cols["employer"] if cost == "allowance_and_employer" else 0)
            month = f"{self.year:04d}-{i:02d}"
            rows.append(
                {
                    "month": month,
                    "source": self.sources.get(month, "data"),
                    "employees_paid": len(c),
                    **{
                        k: int(cols[k].sum())
                        for k in ("allowance", "deductions", "net", "employer")
                    },
                    "cost": int(c.sum()),
                }
            )
            ids = {k: cols[k] for k in ("opd_id", "opd_name")}
            opd.append(
                pd.DataFrame(
                    {**ids, "allowance": cols["allowance"], "employer": cols["employer"], "cost": c}
                )
            )
        by = pd.concat(opd, ignore_index=True).groupby(
            ["opd_id", "opd_name"], dropna=False, sort=True
        )
        return Projection(self.year, pd.DataFrame(rows), by.sum().reset_index(), pagu)


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
    if not plain:  # let Result.build reject or refuse exactly as a calculation would
        from tukin.result import Result

        f = Result.build(run, None).to_frame()
        ints = {c: f[c].to_numpy(dtype=np.int64) for c in cols}
        ids = {
            k: f[k].to_numpy() if k in f else np.full(len(f), None) for k in ("opd_id", "opd_name")
        }
    else:
        ints = {c: v.v[alive].astype(np.int64) for c, v in zip(cols, vals, strict=True)}
        fr = run.frame
        ids = {
            k: fr[k].to_numpy()[alive] if k in fr else np.full(int(alive.sum()), None)
            for k in ("opd_id", "opd_name")
        }
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
    }


def _fill_year(dataset: Dataset, year: int, assume: Assume) -> tuple[Dataset, dict[str, str]]:
    """The dataset with every month of ``year`` given rows in each period-keyed table."""
    from tukin.dataset import Dataset

    given = {name: t.reset_index(drop=True) for name, t in dataset.tables.items()}
    added: dict[str, list[pd.DataFrame]] = {name: [] for name in given}
    notes: dict[str, list[str]] = {}
    for i in range(1, 13):
        month = Period.month(year, i)
        supplied = dict(assume(month)) if callable(assume) else {}
        for name in PERIOD_TABLES:
            if name in supplied and not (given[name]["period"] == str(month)).any():
                added[name].append(supplied[name])
                notes.setdefault(str(month), []).append(f"{name} assumed")
                continue
            rows, src = _repeat(given[name], name, month)
            if rows is not None:
                added[name].append(rows)
                notes.setdefault(str(month), []).append(f"{name} from {src}")
    if not notes:
        return dataset, {}
    tables = {
        n: pd.concat([t, *added[n]], ignore_index=True) if added[n] else t for n, t in given.items()
    }
    filled = Dataset.from_frames(
        mode=dataset.mode, lang=dataset.lang, nip_check=dataset.nip_check, **tables
    )
    return filled, {m: "assumed: " + ", ".join(v) for m, v in notes.items()}


def _repeat(table: pd.DataFrame, name: str, month: Period) -> tuple[pd.DataFrame | None, str]:
    """Rows of the latest month with data (or the earliest later one), relabelled ``month``."""
    if table.empty:
        return None, ""
    per = table["period"].astype(str)
    target = str(month)
    if (per == target).any():
        return None, ""
    months = sorted(set(per[per.str.fullmatch(MONTHLY)]))
    if not months:
        return None, ""
    before = [m for m in months if m < target]
    src = before[-1] if before else months[0]
    rows = table[per == src].copy()
    if name == "appraisals":  # who had no monthly appraisal keeps the quarter's or year's
        s = Period.parse(src)
        enclosing = table[per.isin([str(s.quarter_of), str(s.year_period)])]
        enclosing = enclosing[~enclosing["nip"].isin(rows["nip"])].drop_duplicates(
            "nip", keep="last"
        )
        target_enc = table[per.isin([str(month.quarter_of), str(month.year_period)])]["nip"]
        rows = pd.concat([rows, enclosing], ignore_index=True)
        rows = rows[~rows["nip"].isin(target_enc)]
    rows["period"] = target
    return rows, src


def scale_parameter(
    ruleset: RuleSet,
    parameter: str,
    multiplier: Fraction | int | str,
    *,
    rounding: RoundingMode | str | None = None,
) -> RuleSet:
    """A new rule set with every dated value of ``parameter`` (a number or a table of numbers)
    multiplied by ``multiplier``; ``rounding`` makes each value whole rupiah with a named mode."""
    m = to_exact(multiplier)
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
    raise CalculationError(
        value=parameter, detail=f"rule set {ruleset.name!r} has no such parameter"
    )


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
) -> Multiplier:
    """The largest multiple of ``precision`` (at most ``upper``) by which ``parameter`` can be
    multiplied so that the projected cost of ``year`` stays within ``pagu``."""
    step = to_exact(precision)
    top = to_exact(upper)
    if step <= 0 or top <= 0:
        raise ValueError("precision and upper must be positive")
    inputs = _Year(dataset, year, assume)
    cache: dict[int, tuple[Projection, RuleSet]] = {}

    def at(k: int) -> tuple[Projection, RuleSet]:
        if k not in cache:
            rs = scale_parameter(ruleset, parameter, k * step, rounding=rounding)
            cache[k] = (inputs.project(rs, pagu, cost), rs)
        return cache[k]

    k_top = int(top / step)
    lo, hi = 0, min(int(1 / step), k_top)
    while at(hi)[0].total <= pagu:  # grow until over the pagu or at the upper bound
        if hi == k_top:
            proj, rs = at(hi)
            return Multiplier(
                parameter, hi * step, step, pagu, proj, rs, len(cache), at_upper_bound=True
            )
        lo, hi = hi, min(2 * hi, k_top)
    while hi - lo > 1:  # invariant: total(hi) > pagu, and total(lo) <= pagu unless lo == 0
        mid = (lo + hi) // 2
        if at(mid)[0].total <= pagu:
            lo = mid
        else:
            hi = mid
    if lo == 0 and at(0)[0].total > pagu:
        raise CalculationError(
            value=parameter,
            detail=f"even with {parameter} at zero the year costs more than the pagu Rp{pagu:,}",
        )
    proj, rs = at(lo)
    return Multiplier(parameter, lo * step, step, pagu, proj, rs, len(cache))
