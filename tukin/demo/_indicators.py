"""Indicators of work items, their targets per period and the reported realisations.

Periods: sub kegiatan indicators have **monthly** targets (``2025-01``..``2025-12``), the unit
of e-Pantau's entry by the PPTK; kegiatan and program indicators have **quarterly** targets
(``2025-Q1``..``2025-Q4``), the rhythm of the Rakordal reviews. A target is the value expected
*in* its period (not a running total), so the achievement of a period is its realisation over
its target. Targets exist for the whole year (they are the plan); realisations only for the
months already elapsed (``months``) and the quarters already closed.

Realisations: most reach 80-110% of target, about one in eight lands at 60-80%, a tail lands
below 60%, each OPD has a small common lean, some reports are missing (more in the latest
month) and the latest periods are still partly "entered" or "approved" rather than "signed".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tukin.demo._opds import CATALOG
from tukin.demo._plan import KEGIATAN, PROGRAM, SUB, Plan
from tukin.demo._util import (
    REPORT_STATUSES,
    BoolArray,
    FloatArray,
    IntArray,
    month_periods,
    pick,
    quarter_periods,
    ranks,
    report_status,
    round2,
    text,
)
from tukin.demo._words import (
    KEGIATAN_HIGHER,
    KEGIATAN_LOWER,
    PROGRAM_HIGHER,
    PROGRAM_LOWER,
    SUB_HIGHER,
    SUB_LOWER,
)

_KINDS = ("count", "pct", "index", "duration", "rate")
_COUNT, _PCT, _INDEX, _DURATION, _RATE = range(5)


@dataclass(frozen=True)
class _Templates:
    """Every indicator template in one table; groups by (level, polarity), then per OPD type."""

    prefix: np.ndarray
    unit: np.ndarray
    kind: IntArray
    lo: FloatArray
    hi: FloatArray
    group_start: IntArray  # index (level * 2 + lower) -> first template of the group
    group_size: IntArray
    special_start: int  # template of catalogue type c's own indicator: special_start + c


def _templates() -> _Templates:
    groups = (SUB_HIGHER, SUB_LOWER, KEGIATAN_HIGHER, KEGIATAN_LOWER, PROGRAM_HIGHER, PROGRAM_LOWER)
    by_level = {SUB: (0, 1), KEGIATAN: (2, 3), PROGRAM: (4, 5)}
    rows: list[tuple[str, str, str, float, float]] = [row for group in groups for row in group]
    sizes = [len(g) for g in groups]
    offsets = np.concatenate(([0], np.cumsum(sizes)[:-1]))
    start = np.zeros(6, dtype=np.int64)
    size = np.zeros(6, dtype=np.int64)
    for lv, (hi_group, lo_group) in by_level.items():
        start[lv * 2], size[lv * 2] = offsets[hi_group], sizes[hi_group]
        start[lv * 2 + 1], size[lv * 2 + 1] = offsets[lo_group], sizes[lo_group]
    special_start = len(rows)
    for t in CATALOG:  # an OPD's own lower-is-better indicator, named without the item
        name, unit, lo, hi = t.lower or ("", "", 1.0, 1.0)
        rows.append((name, unit, "rate", lo, hi))
    return _Templates(
        prefix=np.array([r[0] for r in rows], dtype=object),
        unit=np.array([r[1] for r in rows], dtype=object),
        kind=np.array([_KINDS.index(r[2]) for r in rows], dtype=np.int64),
        lo=np.array([r[3] for r in rows], dtype=np.float64),
        hi=np.array([r[4] for r in rows], dtype=np.float64),
        group_start=start,
        group_size=size,
        special_start=special_start,
    )


def build_indicators(
    plan: Plan, opd_catalog_index: IntArray, year: int, months: int, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Indicators, targets and realisations for every work item of ``plan``."""
    tpl = _templates()
    items = plan.frame
    n_items = len(items)
    count = rng.choice(3, size=n_items, p=[0.45, 0.40, 0.15]) + 1
    item = np.repeat(np.arange(n_items), count)
    rank = ranks(count)
    n = len(item)
    lv = plan.level[item]
    last = rank == count[item] - 1
    # At most one lower-is-better indicator per item (its last); the first sector program of an
    # OPD with its own indicator (stunting, poverty...) always carries it.
    cat = opd_catalog_index[plan.opd[item]]
    has_own = np.array([t.lower is not None for t in CATALOG])[cat]
    special = (lv == PROGRAM) & (plan.program_rank[item] == 1) & last & has_own
    lower = special | (last & (rng.random(n) < 0.2))
    group = lv * 2 + lower
    first = (rng.random(n_items) * 5).astype(np.int64)[item]  # distinct templates within an item
    t_idx = tpl.group_start[group] + (first + rank) % tpl.group_size[group]
    t_idx = np.where(special, tpl.special_start + cat, t_idx)

    names = items["name"].to_numpy(dtype=object)
    subject = np.where(
        lv == PROGRAM, [s.removeprefix("Program ") for s in names[item]], names[item]
    )
    subject = np.where(special, "", subject)
    item_ids = items["work_item_id"].to_numpy(dtype=object)
    indicator_ids = [f"{w}/I{r + 1}" for w, r in zip(item_ids[item], rank.tolist(), strict=True)]
    indicators = pd.DataFrame(
        {
            "indicator_id": text(indicator_ids),
            "work_item_id": text(item_ids[item]),
            "name": text([p + s for p, s in zip(tpl.prefix[t_idx], subject, strict=True)]),
            "unit_of_measure": text(tpl.unit[t_idx]),
            "polarity": pick(("higher", "lower"), lower.astype(np.int64)),
            "weight": rng.choice(3, size=n, p=[0.6, 0.3, 0.1]).astype(np.float64) + 1.0,
            # every demo indicator is read as a level: its figures, payments and the numbers
            # the docs quote stay those of before the column (a count's quarter would be its
            # months' sum as a flow)
            "aggregation": pick(("level",), np.zeros(n, dtype=np.int8)),
        }
    )

    kind = tpl.kind[t_idx]
    lo, hi = tpl.lo[t_idx], tpl.hi[t_idx]
    u = rng.random(n)
    base = np.select(
        [kind == _COUNT, kind == _PCT, kind == _DURATION],
        [
            np.floor(lo + u * (hi - lo + 1)),
            lo + 5 * np.floor(u * ((hi - lo) / 5 + 1)),
            np.floor(lo + u * (hi - lo + 1)),
        ],
        round2(lo + u * (hi - lo)),
    )
    draw = _Draw(
        ids=indicators["indicator_id"],
        base=base,
        ranged=~lower & np.isin(kind, (_PCT, _INDEX)) & (rng.random(n) < 0.08),
        lower=lower,
        kind=kind,
        monthly=lv == SUB,
        opd=plan.opd[item],
    )
    targets, realisations = _periods(draw, year, months, rng)
    return indicators, targets, realisations


@dataclass(frozen=True)
class _Draw:
    """Per indicator: what its targets and realisations are drawn from."""

    ids: pd.Series
    base: FloatArray  # typical target
    ranged: BoolArray  # a range target [target, target + 10]
    lower: BoolArray  # lower is better
    kind: IntArray  # value kind (_COUNT, _PCT...)
    monthly: BoolArray  # monthly (sub kegiatan) or quarterly targets
    opd: IntArray


def _periods(
    d: _Draw, year: int, months: int, rng: np.random.Generator
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """One target row per indicator and period; realisations for the elapsed periods."""
    periods = np.where(d.monthly, 12, 4)
    ind = np.repeat(np.arange(len(d.base)), periods)
    p = ranks(periods)  # 0-based month or quarter
    frac = p / (periods[ind] - 1)  # 0 at the first period, 1 at the last
    k = d.kind[ind]
    low = d.lower[ind]
    monthly = d.monthly[ind]
    jitter = np.where((k == _COUNT) & monthly, rng.integers(-1, 2, len(ind)), 0)
    target = d.base[ind] + jitter
    improving = low & (k != _COUNT)  # lower-is-better targets tighten over the year
    target = np.where(improving, target * (1 - 0.1 * frac), target)
    target = np.maximum(round2(target), np.where(k == _COUNT, 1.0, 0.1))  # never zero
    rng_row = d.ranged[ind]
    target_max = round2(np.where(rng_row, np.minimum(target + 10, 100.0), np.nan))
    target = round2(np.where(rng_row, target_max - 10, target))
    labels = month_periods(year, 12) + quarter_periods(year, 4)
    label = np.where(monthly, p, 12 + p)
    targets = pd.DataFrame(
        {
            "indicator_id": d.ids.take(ind).reset_index(drop=True),
            "period": pick(labels, label),
            "target": target,
            "target_max": target_max,
        }
    )

    # Realisations of elapsed periods: last month reported is `months`, last quarter months // 3.
    elapsed = np.where(monthly, p + 1 <= months, (p + 1) * 3 <= months)
    latest = np.where(monthly, months - 1, months // 3 - 1)
    age = latest - p  # 0 for the most recent period
    n = len(ind)
    u = rng.random(n)
    achievement = np.select(
        [u < 0.83, u < 0.95],
        [np.clip(rng.normal(0.98, 0.07, n), 0.8, 1.15), rng.uniform(0.6, 0.8, n)],
        rng.uniform(0.1, 0.6, n),
    )
    lean = rng.normal(0.0, 0.03, int(d.opd.max()) + 1)  # each OPD leans a little
    achievement = np.clip(achievement + lean[d.opd[ind]], 0.05, 1.3)
    ref = np.where(rng_row, (target + target_max) / 2, target)
    value = np.where(low, ref * (2 - achievement), ref * achievement)
    value = np.where(np.isin(k, (_COUNT, _DURATION)), np.rint(value), value)
    value = np.where(k == _PCT, np.minimum(value, 100.0), value)
    value = round2(np.maximum(value, 0.0))
    missing = rng.random(n) < np.where(age == 0, 0.10, 0.02)
    keep = elapsed & ~missing
    status = report_status(age, rng)
    realisations = pd.DataFrame(
        {
            "indicator_id": targets["indicator_id"][keep].reset_index(drop=True),
            "period": targets["period"][keep].reset_index(drop=True),
            "value": value[keep],
            "status": pick(REPORT_STATUSES, status[keep]),
        }
    )
    return targets, realisations
