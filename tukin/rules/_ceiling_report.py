"""What a ceiling did, group by group: the reconciliation a budget officer signs.

:func:`reconciliation` gives, per group of a ``ceiling`` step (:mod:`tukin.rules.budget`), the
uncapped total, the ceiling, the exact scale factor and what was allotted and paid;
:func:`unpaid_shares` the shares of employees a later step rejected, kept for them and not
paid in the run.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tukin.errors import CalculationError

if TYPE_CHECKING:
    from tukin.result import Result

__all__ = ["RECONCILIATION_COLUMNS", "reconciliation", "unpaid_shares"]

RECONCILIATION_COLUMNS = (
    "group",
    "employees",
    "uncapped",
    "ceiling",
    "binding",
    "protected",
    "factor",
    "allotted",
    "rejected_later",
    "unpaid",
    "paid",
)


def _reconcile(
    names: list[str],
    g: np.ndarray,
    before: np.ndarray,
    after: np.ndarray,
    limit: np.ndarray,
    prot: np.ndarray,
) -> pd.DataFrame:
    n = len(names)
    uncapped = np.zeros(n, dtype=np.int64)
    paid = np.zeros(n, dtype=np.int64)
    np.add.at(uncapped, g, before)
    np.add.at(paid, g, after)
    count = np.bincount(g, minlength=n)
    binding = uncapped > limit
    factor = [
        Fraction(int(limit[i] - prot[i]), int(uncapped[i] - prot[i])) if binding[i] else Fraction(1)
        for i in range(n)
    ]
    return pd.DataFrame(
        {
            "group": pd.Series(names, dtype=object),
            "employees": count.astype(np.int64),
            "uncapped": uncapped,
            "ceiling": limit,
            "binding": binding,
            "protected": np.where(binding, prot, 0),
            "factor": pd.Series(factor, dtype=object),
            "allotted": paid,
            "rejected_later": np.zeros(n, dtype=np.int64),
            "unpaid": np.zeros(n, dtype=np.int64),
            "paid": paid,
        },
        columns=list(RECONCILIATION_COLUMNS),
    )


def reconciliation(result: Result, step_id: str | None = None) -> pd.DataFrame:
    """Per group: employees, uncapped total, ceiling, whether it bound, the protected part, the
    exact scale factor of the scalable part (a Fraction; 1 when the ceiling did not bind), the
    total allotted, the employees a later step rejected and their ``unpaid`` shares, and the
    ``paid`` total (allotted − unpaid), which reconciles with :meth:`Result.totals`.

    ``step_id`` names the ceiling step; it may be left out when the rule set has only one. The
    ceiling splits among the employees still paid when it runs; one rejected later (by a
    deduction step) keeps an allotted share that is not paid: see :func:`unpaid_shares`.
    """
    run = result._run
    if run is None:
        raise CalculationError(detail_code="no_run_kept")
    ids = [s.id for s in run.ruleset.steps if s.type == "ceiling"]
    if step_id is None:
        if not ids:
            raise CalculationError(detail_code="no_ceiling_step")
        if len(ids) > 1:
            raise CalculationError(
                detail_code="ceiling_steps_ambiguous", count=len(ids), steps=", ".join(ids)
            )
        step_id = ids[0]
    if step_id not in ids:
        raise CalculationError(value=step_id, detail_code="not_a_ceiling_step")
    table = run.cache.get(step_id, {}).get("reconciliation")
    if table is None:
        return pd.DataFrame(columns=list(RECONCILIATION_COLUMNS))
    table = table.copy()
    _, groups, shares = unpaid_shares(run, step_id)
    if len(shares):
        later = pd.DataFrame({"group": groups.astype(str), "share": shares}).groupby("group")
        table["rejected_later"] = table["group"].map(later.size()).fillna(0).astype(np.int64)
        table["unpaid"] = table["group"].map(later["share"].sum()).fillna(0).astype(np.int64)
        table["paid"] = table["allotted"] - table["unpaid"]
    return table


def unpaid_shares(run: Any, step_id: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The rows that ceiling step ``step_id`` allotted a share and a later step rejected
    (a TER category it cannot read, a net below zero): their rows, groups and shares.

    Their shares stay allotted, not split again among the others: fixing such a row and
    calculating again changes nobody else's amount only if the share was kept for it. But the
    money is not paid this run, which :func:`reconciliation` (``unpaid``) and the warning
    ``ceiling_share_unpaid`` say."""
    empty = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=object), np.zeros(0, dtype=np.int64))
    trace = next((t for t in run.traces if t.step.id == step_id), None)
    groups = None if trace is None else trace.notes.get("ceiling_group")
    value = run.fast.values.get(step_id)
    if groups is None or value is None or len(groups) != run.n:
        return empty
    groups = np.asarray(groups, dtype=object)
    rows = np.flatnonzero(~run.alive & ~pd.isna(groups))
    shares = np.asarray(value.v, dtype=np.float64)[rows]
    return rows, groups[rows], np.nan_to_num(shares).astype(np.int64)
