"""Result: one row per paid employee, the rejected ones with reasons, totals and a receipt.

The receipt (library version, rule-set fingerprint, dataset fingerprint, period, time, totals
and a fingerprint of the amounts) is what makes a payment reproducible years later: re-running
the same inputs through the same rules must give the same receipt (``tukin verify``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from tukin.calc.num import FNum, XNum
from tukin.errors import CalculationError, EmployeeNotFoundError

if TYPE_CHECKING:
    from tukin.calc.engine import _Run
    from tukin.dataset import Dataset
    from tukin.explain import Explanation

ID_COLUMNS = (
    "nip",
    "name",
    "status",
    "position_id",
    "position_name",
    "position_kind",
    "grade",
    "unit_id",
    "opd_id",
    "opd_name",
)
REJECTED_COLUMNS = ("nip", "name", "opd_id", "stage", "step", "code", "reason")


class Receipt(BaseModel):
    """Everything needed to reproduce and verify a payment run."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    library_version: str = Field(description="tukin version that computed the result.")
    ruleset_name: str
    ruleset_version: str
    ruleset_fingerprint: str = Field(description="sha256 of the rule set's canonical form.")
    dataset_fingerprint: str = Field(description="sha256 of the input tables (row-order free).")
    period: str
    computed_at: str = Field(description="UTC time of the run (not part of result_fingerprint).")
    employees_in: int
    employees_paid: int
    employees_rejected: int
    total_allowance: int
    total_net: int
    result_fingerprint: str = Field(description="sha256 of nip and every amount paid, sorted by nip.")


class Result:
    """The outcome of :func:`tukin.calculate`."""

    def __init__(
        self,
        frame: pd.DataFrame,
        rejected: pd.DataFrame,
        receipt: Receipt,
        run: _Run | None,
        positions: dict[str, int],
    ) -> None:
        self._frame = frame
        self.rejected = rejected
        self.receipt = receipt
        self._run = run
        self._pos = positions

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def build(cls, run: _Run, dataset: Dataset | None) -> Result:
        import tukin

        rs = run.ruleset
        f = run.frame
        alive = run.alive.copy()
        allow_id = rs.allowance_step
        allowance = run.fast.values.get(allow_id)
        if not isinstance(allowance, FNum) or allowance.unit != "rupiah":
            raise CalculationError(
                value=allow_id,
                detail="the allowance step must give rupiah (e.g. a base amount times factors, then a round step)",
            )
        nan = np.isnan(allowance.v) & alive
        if nan.any():
            run.reject_rows(np.flatnonzero(nan), "calculation_failed", allow_id, "no amount could be computed")
            alive = run.alive.copy()
        if allowance.s != 0 or (allowance.e is not None and (allowance.e[alive] != 0).any()):
            raise CalculationError(
                value=allow_id, detail="the allowance is not whole rupiah: add a 'round' step at the end"
            )
        out = pd.DataFrame({c: f[c].to_numpy()[alive] for c in ID_COLUMNS if c in f.columns})
        for step in rs.steps:
            out[step.id] = _display(run.fast.values[step.id], alive)
        out["allowance"] = allowance.v[alive].astype(np.int64)
        ded = np.zeros(int(alive.sum()), dtype=np.int64)
        for d in rs.outputs.deductions:
            ded += _ints(run.fast.values[d], alive, d)
        if rs.outputs.deductions:
            out["deductions"] = ded
        out["net"] = out["allowance"].to_numpy() - ded
        for emp in rs.outputs.employer:
            _ints(run.fast.values[emp], alive, emp)
        out = out.sort_values("nip", kind="stable").reset_index(drop=True)
        rejected = _rejected(run, dataset)
        n_in = run.n + int((rejected["stage"] == "validation").sum())
        if n_in != len(out) + len(rejected):
            raise CalculationError(
                code="invariant_broken",
                detail=f"{n_in} employees in, {len(out)} paid + {len(rejected)} rejected",
            )
        nips = f["nip"].to_numpy()
        positions = {str(nips[i]): int(i) for i in np.flatnonzero(alive)}
        money_cols = ["allowance", "net", *rs.outputs.deductions, *rs.outputs.employer]
        receipt = Receipt(
            library_version=tukin.__version__,
            ruleset_name=rs.name,
            ruleset_version=rs.version,
            ruleset_fingerprint=rs.fingerprint(),
            dataset_fingerprint=dataset.fingerprint() if dataset is not None else "",
            period=str(run.period),
            computed_at=run.started.isoformat(timespec="seconds"),
            employees_in=n_in,
            employees_paid=len(out),
            employees_rejected=len(rejected),
            total_allowance=int(out["allowance"].sum()),
            total_net=int(out["net"].sum()),
            result_fingerprint=_fingerprint(out, money_cols),
        )
        return cls(out, rejected, receipt, run, positions)

    # -- views ----------------------------------------------------------------------------
    def to_frame(self) -> pd.DataFrame:
        """One row per paid employee: identity, every step's column, allowance, net."""
        return self._frame.copy()

    @property
    def total(self) -> int:
        return int(self._frame["allowance"].sum())

    @property
    def period(self) -> str:
        return self.receipt.period

    def __len__(self) -> int:
        return len(self._frame)

    def totals(self, by: str | list[str] = "opd_id") -> pd.DataFrame:
        """Totals per group (OPD by default): employees paid, allowance, deductions and net.

        The sum of the group totals equals :attr:`total` to the rupiah.
        """
        keys = [by] if isinstance(by, str) else list(by)
        money = [c for c in ("allowance", "deductions", "net") if c in self._frame]
        g = self._frame.groupby(keys, dropna=False, sort=True)
        out = g[money].sum()
        out.insert(0, "employees", g.size())
        if "opd_name" in self._frame and keys == ["opd_id"]:
            out.insert(0, "opd_name", g["opd_name"].first())
        rej = self.rejected.groupby(keys[0], dropna=False).size() if keys[0] in self.rejected else None
        if rej is not None and len(keys) == 1:
            out["rejected"] = rej.reindex(out.index).fillna(0).astype(np.int64)
        return out.reset_index()

    def explain(self, nip: str, lang: str = "id") -> Explanation:
        """Every step for one employee, from the same evaluation as the batch result."""
        from tukin.explain import explain_row

        key = str(nip)
        if key not in self._pos or self._run is None:
            reason = self.rejected[self.rejected["nip"] == key]
            if len(reason):
                r = reason.iloc[0]
                where = f" in step {r['step']!r}" if r["step"] else f" at {r['stage']}"
                raise EmployeeNotFoundError(
                    value=key,
                    detail=f": rejected{where} ({r['code']}): {r['reason']}",
                    reason=str(r["reason"]),
                    rejection=str(r["code"]),
                    step=str(r["step"]),
                )
            raise EmployeeNotFoundError(value=key)
        return explain_row(self._run, self._pos[key], self.receipt, lang=lang)

    def __repr__(self) -> str:
        from tukin.money import format_rupiah

        r = self.receipt
        return (
            f"<Result {r.ruleset_name} {r.period}: {r.employees_paid} paid, "
            f"{r.employees_rejected} rejected, total {format_rupiah(r.total_allowance)}>"
        )

    def _repr_html_(self) -> str:
        head = f"<p><b>{self!r}</b></p>".replace("<Result", "&lt;Result").replace("}>", "}&gt;")
        return head + self.totals().to_html(index=False)


def _display(value: Any, alive: np.ndarray) -> np.ndarray:
    if isinstance(value, FNum):
        exact_int = value.s == 0 and (value.e is None or not (value.e[alive] != 0).any())
        vals = value.v[alive]
        if exact_int and value.unit == "rupiah" and np.isfinite(vals).all():
            return vals.astype(np.int64)
        return value.to_float()[alive]
    if isinstance(value, XNum):  # pragma: no cover - fast columns are FNum
        return value.to_float()[alive]
    return np.asarray(value)[alive]


def _ints(value: Any, alive: np.ndarray, name: str) -> np.ndarray:
    if not isinstance(value, FNum) or value.unit != "rupiah" or value.s != 0:
        raise CalculationError(value=name, detail="a deduction must be whole rupiah (add a round step)")
    return value.v[alive].astype(np.int64)


def _rejected(run: _Run, dataset: Dataset | None) -> pd.DataFrame:
    f = run.frame
    rows = [i for i in range(run.n) if not run.alive[i]]
    data: dict[str, list[Any]] = {c: [] for c in REJECTED_COLUMNS}
    for i in rows:
        code, step, detail = run.reason[i] or ("calculation_failed", "", "")
        data["nip"].append(str(f["nip"].iat[i]))
        data["name"].append(f["name"].iat[i] if "name" in f else None)
        data["opd_id"].append(f["opd_id"].iat[i] if "opd_id" in f else None)
        data["stage"].append("calculation")
        data["step"].append(step)
        data["code"].append(code)
        data["reason"].append(detail)
    if dataset is not None:
        rej = dataset.rejected
        if len(rej):
            emp = rej[rej["table"] == "employees"]
            for _, r in emp.iterrows():
                data["nip"].append(str(r.get("key")))
                data["name"].append(None)
                data["opd_id"].append(None)
                data["stage"].append("validation")
                data["step"].append("")
                data["code"].append(str(r.get("code")))
                data["reason"].append(str(r.get("message")))
    return pd.DataFrame(data).sort_values(["stage", "nip"], kind="stable").reset_index(drop=True)


def _fingerprint(frame: pd.DataFrame, money_cols: list[str]) -> str:
    cols = ["nip", *[c for c in dict.fromkeys(money_cols) if c in frame]]
    text = frame[cols].to_csv(index=False, lineterminator="\n")
    return hashlib.sha256(text.encode()).hexdigest()


def exact_value(value: Any, row: int) -> Fraction | float | str | bool | None:
    """The value of a column at a row, exact when certified (Fraction), else a float."""
    if isinstance(value, FNum):
        q = value.exact_at(row)
        if q is not None:
            return q
        x = float(value.to_float()[row]) if np.isfinite(value.v[row]) else None
        return x
    if isinstance(value, XNum):  # pragma: no cover
        return value.v[row]
    item = np.asarray(value)[row]
    return item.item() if hasattr(item, "item") else item


def _now() -> str:  # pragma: no cover
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
