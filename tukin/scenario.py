"""What-if scenarios: two rule sets on the same data, employee by employee.

Before a regency changes its scheme (say from 80% attendance / 20% performance to 60/40), it
wants to know who gains, who loses and what it costs, per OPD and per kelas jabatan.
:func:`compare` runs both rule sets over the same dataset and period and lines the results up
by NIP. Rule sets are never changed: the second may be given as parameter overrides, which go
through :meth:`RuleSet.with_parameters` and give a new rule set.

>>> cmp = compare(ds, rules_80_20, rules_60_40, "2025-10", labels=("80/20", "60/40"))  # doctest: +SKIP
>>> cmp.summary.better, cmp.summary.worse                                               # doctest: +SKIP
>>> cmp.plot("scenario.png")                                                             # doctest: +SKIP

An employee paid under one rule set and rejected under the other counts with 0 on the side
that does not pay; ``paid_a`` / ``paid_b`` say which.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from tukin.calc.engine import calculate
from tukin.money import format_rupiah
from tukin.period import Period
from tukin.ruleset.model import RuleSet

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from tukin.dataset import Dataset
    from tukin.result import Result

__all__ = ["Comparison", "ComparisonSummary", "compare"]

Amount = Literal["allowance", "net"]
_ID = ("nip", "name", "opd_id", "opd_name", "grade")


@dataclass(frozen=True)
class ComparisonSummary:
    """Headline numbers of a comparison (amounts in whole rupiah)."""

    labels: tuple[str, str]
    employees: int  # paid under at least one of the two
    total_a: int
    total_b: int
    difference: int  # total_b - total_a
    better: int  # employees receiving more under b
    worse: int
    same: int
    only_a: int  # paid under a only
    only_b: int

    def to_dict(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in self.__dataclass_fields__}


class Comparison:
    """Rule set ``a`` against rule set ``b`` on the same dataset and period."""

    def __init__(
        self, result_a: Result, result_b: Result, labels: tuple[str, str], amount: Amount
    ) -> None:
        self.results = (result_a, result_b)
        self.labels = labels
        self.amount = amount
        self.per_employee = _per_employee(result_a, result_b, amount)

    @property
    def by_opd(self) -> pd.DataFrame:
        """Per OPD: employees, total under a and b, difference, better / worse / same counts."""
        return _grouped(self.per_employee, ["opd_id", "opd_name"])

    @property
    def by_grade(self) -> pd.DataFrame:
        """Per kelas jabatan, as :attr:`by_opd`."""
        return _grouped(self.per_employee, ["grade"])

    @property
    def summary(self) -> ComparisonSummary:
        pe = self.per_employee
        d = pe["difference"]
        return ComparisonSummary(
            labels=self.labels,
            employees=len(pe),
            total_a=int(pe["amount_a"].sum()),
            total_b=int(pe["amount_b"].sum()),
            difference=int(d.sum()),
            better=int((d > 0).sum()),
            worse=int((d < 0).sum()),
            same=int((d == 0).sum()),
            only_a=int((pe["paid_a"] & ~pe["paid_b"]).sum()),
            only_b=int((pe["paid_b"] & ~pe["paid_a"]).sum()),
        )

    def plot(self, path: str | Path | None = None, *, top: int = 15) -> Figure:
        """Distributions under both rule sets, the per-employee difference, and the change
        of the ``top`` OPDs that change most. Saved as PNG (or by suffix) when ``path`` is
        given. Uses matplotlib's object API, so no global backend is touched."""
        from tukin._figure import new_figure

        pe = self.per_employee
        la, lb = self.labels
        fig = new_figure(figsize=(13, 4.2), layout="constrained")
        ax1, ax2, ax3 = fig.subplots(1, 3)
        a = pe.loc[pe["paid_a"], "amount_a"].to_numpy(dtype=float) / 1e6
        b = pe.loc[pe["paid_b"], "amount_b"].to_numpy(dtype=float) / 1e6
        bins = np.histogram_bin_edges(
            np.concatenate([a, b]) if len(a) + len(b) else [0.0, 1.0], bins=40
        )
        ax1.hist(a, bins=bins, alpha=0.55, label=la)
        ax1.hist(b, bins=bins, alpha=0.55, label=lb)
        ax1.set(title=f"{self.amount} per employee", xlabel="million rupiah", ylabel="employees")
        ax1.legend()
        d = pe["difference"].to_numpy(dtype=float) / 1e3
        ax2.hist(d, bins=40, color="tab:purple")
        ax2.axvline(0, color="black", lw=0.8)
        s = self.summary
        ax2.set(
            title=f"{lb} − {la}: {s.better} better, {s.worse} worse, {s.same} same",
            xlabel="thousand rupiah",
            ylabel="employees",
        )
        opd = self.by_opd
        opd = opd.reindex(opd["difference"].abs().sort_values(ascending=False).index[:top])
        y = np.arange(len(opd))
        names = [str(n)[:30] for n in opd["opd_name"].fillna(opd["opd_id"]).tolist()]
        change = opd["difference"].to_numpy(dtype=float) / 1e6
        ax3.barh(y, change, color=np.where(change >= 0, "tab:green", "tab:red"))
        ax3.axvline(0, color="black", lw=0.8)
        ax3.set_yticks(y, names, fontsize=7)
        ax3.invert_yaxis()
        ax3.set(title=f"change per OPD (largest {len(opd)})", xlabel="million rupiah")
        ta, tb = (format_rupiah(t) for t in (s.total_a, s.total_b))
        fig.suptitle(f"{la} vs {lb}, {self.results[0].period}: total {ta} → {tb}")
        if path is not None:
            fig.savefig(path, dpi=110)
        return fig

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"<Comparison {self.labels[0]} vs {self.labels[1]}: {s.employees} employees, "
            f"{s.better} better, {s.worse} worse, {s.same} same, "
            f"difference {format_rupiah(s.difference)}>"
        )


def compare(
    dataset: Dataset,
    ruleset_a: RuleSet,
    ruleset_b: RuleSet | Mapping[str, Any],
    period: Period | str,
    labels: tuple[str, str] = ("a", "b"),
    *,
    amount: Amount = "allowance",
) -> Comparison:
    """Run both rule sets over ``dataset`` for ``period`` and compare ``amount`` (gross
    ``allowance`` or ``net``) employee by employee. ``ruleset_b`` may be a mapping of parameter
    overrides applied to ``ruleset_a`` (``{"performance_share": "60%"}``)."""
    if not isinstance(ruleset_b, RuleSet):
        ruleset_b = ruleset_a.with_parameters(**dict(ruleset_b))
    ra = calculate(dataset, ruleset_a, period)
    rb = calculate(dataset, ruleset_b, period)
    return Comparison(ra, rb, (str(labels[0]), str(labels[1])), amount)


def _per_employee(ra: Result, rb: Result, amount: Amount) -> pd.DataFrame:
    # as text: an OPD paid under one rule set only is not among the other's categories
    fa, fb = ra.to_frame(text=True), rb.to_frame(text=True)
    ids = [c for c in _ID if c in fa.columns or c in fb.columns]
    left = fa[[c for c in ids if c in fa.columns] + [amount]].rename(columns={amount: "amount_a"})
    right = fb[[c for c in ids if c in fb.columns] + [amount]].rename(columns={amount: "amount_b"})
    out = left.merge(right, on="nip", how="outer", suffixes=("", "_b"), sort=True)
    for c in ids[1:]:
        if f"{c}_b" in out:
            out[c] = out[c].where(out[c].notna(), out[f"{c}_b"]) if c in out else out[f"{c}_b"]
            out = out.drop(columns=f"{c}_b")
    out["paid_a"] = out["amount_a"].notna()
    out["paid_b"] = out["amount_b"].notna()
    for c in ("amount_a", "amount_b"):
        out[c] = out[c].fillna(0).astype(np.int64)
    out["difference"] = out["amount_b"] - out["amount_a"]
    cols = [c for c in ids if c in out] + ["amount_a", "amount_b", "difference", "paid_a", "paid_b"]
    return out[cols].reset_index(drop=True)


def _grouped(pe: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    keys = [k for k in keys if k in pe]
    d = pe["difference"]
    tmp = pe.assign(better=d > 0, worse=d < 0, same=d == 0)
    g = tmp.groupby(keys, dropna=False, sort=True)
    out = g.agg(
        employees=("nip", "size"),
        total_a=("amount_a", "sum"),
        total_b=("amount_b", "sum"),
        difference=("difference", "sum"),
        better=("better", "sum"),
        worse=("worse", "sum"),
        same=("same", "sum"),
    )
    return out.reset_index().astype({c: np.int64 for c in ("better", "worse", "same")})
