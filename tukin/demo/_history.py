"""Changes of position within the demo year: the ``position_history`` table (riwayat jabatan).

Asked for (``generate(..., promotions=5)``: 5 % of the employees), a share of the PNS who
served the whole year in their post get an earlier position instead, ending the day before
their current post's TMT (the employees row's ``start_date``, now within the year): a
promotion from a lower non-structural post of the same OPD (every change to a structural
post, half of those to a staff post with a lower one in the OPD), else a CPNS -> PNS
appointment in the same staff post (the earlier spell a CPNS, paid 80 %). The rows pass
the data checks (no overlap, each ending before the current TMT, that TMT given).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tukin.demo._org import Org

__all__ = ["build_history"]

#: kinds of post an earlier position is drawn from (a structural post keeps one holder)
_STAFF_KINDS = ("pelaksana", "fungsional")


def build_history(
    employees: pd.DataFrame,
    org: Org,
    year: int,
    months: int,
    percent: int,
    rng: np.random.Generator,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(``employees`` with the new TMTs, the ``position_history`` rows) for ``percent`` % of
    the employees (as many as there are PNS in post the whole year, at most), changing
    position on a day of months 1..``months`` of ``year`` after the 1st of January."""
    n = len(employees)
    whole_year = (
        employees["start_date"].isna()
        & employees["end_date"].isna()
        & (employees["status"].astype(str) == "pns")
    ).to_numpy(dtype=bool)
    # the earlier post: a lower non-structural post of the same OPD, at random among them
    pos = org.positions
    ids = pos["position_id"].to_numpy(dtype=object)
    grade = pos["grade"].to_numpy(dtype=np.int64)
    is_staff = pos["kind"].astype(str).isin(_STAFF_KINDS).to_numpy(dtype=bool)
    staff = np.flatnonzero(is_staff)
    key = org.pos_opd[staff] * 100 + grade[staff]
    order = np.argsort(key, kind="stable")
    keys, staff = key[order], staff[order]
    post = pd.Index(ids).get_indexer(employees["position_id"].to_numpy(dtype=object))
    lo = np.searchsorted(keys, org.pos_opd[post] * 100, side="left")
    hi = np.searchsorted(keys, org.pos_opd[post] * 100 + grade[post], side="left")
    lower = hi > lo
    # a structural post is reached by promotion only; a CPNS -> PNS change is a staff one
    candidates = np.flatnonzero(whole_year & (lower | is_staff[post]))
    k = min(len(candidates), round(n * percent / 100))
    chosen = np.sort(rng.choice(candidates, size=k, replace=False)) if k else candidates[:0]
    jan1 = np.datetime64(f"{year}-01-01", "D")
    last = np.datetime64(f"{year}-{months:02d}-01", "D").astype("datetime64[M]") + 1
    span = int((last.astype("datetime64[D]") - jan1).astype(np.int64))
    tmt = jan1 + rng.integers(1, span, k).astype("timedelta64[D]")  # 2 Jan .. end of months
    at = post[chosen]
    promoted = lower[chosen] & (~is_staff[at] | (rng.random(k) < 0.5))
    width = np.maximum(hi[chosen] - lo[chosen], 1)
    pick = lo[chosen] + np.floor(rng.random(k) * width).astype(np.int64)
    below = staff[np.clip(pick, 0, max(len(staff) - 1, 0))] if len(staff) else at
    earlier = np.where(promoted, ids[below], ids[at])
    # the earlier spell began one to three years before (a CPNS one: the probation); it
    # ends the day before the new TMT
    began = tmt - rng.integers(365, 3 * 365, k).astype("timedelta64[D]")
    history = pd.DataFrame(
        {
            "nip": employees["nip"].to_numpy(dtype=object)[chosen],
            "position_id": earlier.astype(object),
            "status": np.where(promoted, "pns", "cpns").astype(object),
            "start_date": pd.Series(began.astype("datetime64[us]")),
            "end_date": pd.Series((tmt - 1).astype("datetime64[us]")),
            "reference": [f"SK-{year}/{i + 1:05d}" for i in range(k)],
        }
    )
    out = employees.copy()
    start = out["start_date"].to_numpy(dtype="datetime64[us]").copy()
    start[chosen] = tmt.astype("datetime64[us]")
    out["start_date"] = pd.Series(start, index=out.index)
    return out, history
