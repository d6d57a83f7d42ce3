"""Monthly budget realisation of every sub kegiatan: an S-curve with a year-end rush.

Only sub kegiatan get rows; kegiatan and program figures are roll-ups the library computes.
The plan (anggaran kas) follows a mild S-curve; actual spending lags it (cumulative plan raised
to a power above one: slow first quarter, rush in December) and stops at an absorption of
80-98% of the pagu, about 50% for a few laggards. Physical progress follows the plan with less
lag, so it usually runs ahead of the money, as e-Pantau reports show (after four months: about
27% physical against under 20% financial). Salaries are planned and paid evenly.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tukin.demo._plan import SUB, Plan
from tukin.demo._util import REPORT_STATUSES, month_periods, pick, report_status, round2


def build_budget_realisations(
    plan: Plan, year: int, months: int, rng: np.random.Generator
) -> pd.DataFrame:
    """One row per sub kegiatan and elapsed month (see the module docstring)."""
    rows = np.flatnonzero(plan.level == SUB)
    n = len(rows)
    budget = plan.frame["budget"].to_numpy()[rows]
    payroll = plan.payroll[rows][:, None]
    t = np.arange(1, 13) / 12.0
    smooth = 3 * t**2 - 2 * t**3
    plan_cum = np.where(payroll, t, 0.3 * t + 0.7 * smooth)  # (n, 12) cumulative share of pagu

    laggard = rng.random(n) < 0.05
    absorption = np.where(laggard, rng.uniform(0.4, 0.6, n), rng.uniform(0.80, 0.98, n))
    absorption = np.where(payroll[:, 0], rng.uniform(0.95, 0.99, n), absorption)
    lag = np.where(laggard, rng.uniform(1.8, 2.5, n), rng.uniform(1.2, 1.8, n))
    lag = np.where(payroll[:, 0], 1.0, lag)
    curve = plan_cum ** lag[:, None]
    step = np.diff(curve, axis=1, prepend=0.0) * rng.lognormal(0.0, 0.25, (n, 12))
    step[:, :2] *= rng.random((n, 2)) > np.where(payroll, 0.0, 0.3)  # often nothing in Jan/Feb
    cum = np.cumsum(step, axis=1)
    cum = cum / np.maximum(cum[:, -1:], 1e-12) * absorption[:, None]
    spent_cum = np.floor(budget[:, None] * cum).astype(np.int64)
    spent = np.diff(spent_cum, axis=1, prepend=0)
    planned = np.diff(np.rint(budget[:, None] * plan_cum).astype(np.int64), axis=1, prepend=0)

    final_physical = np.minimum(1.0, absorption + rng.uniform(0.02, 0.12, n))
    physical_lag = np.maximum(0.8, lag - rng.uniform(0.2, 0.6, n))
    physical = 100 * final_physical[:, None] * plan_cum ** physical_lag[:, None]

    m = months
    age = (m - 1 - np.arange(m))[None, :].repeat(n, axis=0).ravel()
    status = report_status(age, rng)
    ids = plan.frame["work_item_id"].take(np.repeat(rows, m)).reset_index(drop=True)
    return pd.DataFrame(
        {
            "work_item_id": ids,
            "period": pick(month_periods(year, m), np.tile(np.arange(m), n)),
            "spent": spent[:, :m].ravel(),
            "physical_pct": round2(physical[:, :m].ravel()),
            "planned_spent": planned[:, :m].ravel(),
            "planned_physical_pct": round2(100 * plan_cum[:, :m].ravel()),
            "status": pick(REPORT_STATUSES, status),
        }
    )
