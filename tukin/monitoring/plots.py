"""Plots for Rakordal meetings: S-curves of plan vs actual per OPD, and OPDs ranked.

Figures are built on :class:`matplotlib.figure.Figure` directly (the Agg canvas, no pyplot
state), so they are safe in servers and tests; save them with ``fig.savefig(path)``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from tukin._figure import new_figure
from tukin._language import resolve as resolve_lang
from tukin.hierarchy import Hierarchy
from tukin.monitoring.figures import Status, monthly_series
from tukin.monitoring.flags import DEFAULT_BANDS, CategoryBand, categorise
from tukin.monitoring.report import own_amounts
from tukin.period import Period

if TYPE_CHECKING:
    from tukin.dataset import Dataset

__all__ = ["plot_ranking", "plot_s_curves", "s_curve_data"]

_T = {
    "en": {
        "plan": "plan (financial)",
        "actual": "actual (financial)",
        "physical": "physical",
        "month": "month",
        "pct": "% of pagu",
        "title": "Plan vs actual, {year} (to {period})",
        "rank": "OPDs ranked by {metric}, {period}",
        "regency": "Regency",
        "financial_pct": "financial realisation, % of pagu",
        "physical_pct": "physical progress, %",
        "achievement_pct": "indicator achievement, %",
    },
    "id": {
        "plan": "rencana (keuangan)",
        "actual": "realisasi (keuangan)",
        "physical": "fisik",
        "month": "bulan",
        "pct": "% pagu",
        "title": "Rencana vs realisasi, {year} (s.d. {period})",
        "rank": "Peringkat OPD menurut {metric}, {period}",
        "regency": "Kabupaten",
        "financial_pct": "realisasi keuangan, % pagu",
        "physical_pct": "realisasi fisik, %",
        "achievement_pct": "capaian kinerja, %",
    },
}
_COLOURS = {
    "Sangat Baik": "#1a9850",
    "Baik": "#91cf60",
    "Cukup": "#fee08b",
    "Kurang": "#fc8d59",
    "Sangat Kurang": "#d73027",
}


def s_curve_data(
    dataset: Dataset,
    period: Period | str,
    *,
    min_status: Status = "entered",
    hierarchy: Hierarchy | None = None,
) -> pd.DataFrame:
    """Per OPD and month of the period's year: cumulative planned and actual spending as % of
    pagu, and pagu-weighted physical progress (actual only up to the period's end, the plan
    only up to the last month that has one).

    Columns: opd_id, opd_name, month, budget, planned_cum_pct, actual_cum_pct, physical_pct.
    """
    period = Period.parse(period)
    h = hierarchy or Hierarchy.from_dataset(dataset)
    wi = h.work_items
    ids = pd.Index(wi["work_item_id"].astype(object))
    # every item's own pagu and rows, as the report counts them (report.own_amounts)
    budget = pd.Series(own_amounts(h)[0], index=ids)
    opd_of = pd.Series(wi["opd_id"].to_numpy(dtype=object), index=ids)
    series = monthly_series(dataset["budget_realisations"], period.year, min_status=min_status)
    series = series[series["work_item_id"].isin(ids)]
    months = np.arange(1, 13)
    spent = series.pivot_table(index="work_item_id", columns="month", values="spent", aggfunc="sum")
    planned = series.pivot_table(
        index="work_item_id", columns="month", values="planned_spent", aggfunc="sum"
    )
    phys = series.pivot_table(
        index="work_item_id", columns="month", values="physical_pct", aggfunc="last"
    )
    spent = spent.reindex(index=ids, columns=months).fillna(0).cumsum(axis=1)
    planned = planned.reindex(index=ids, columns=months).fillna(0).cumsum(axis=1)
    phys = phys.reindex(index=ids, columns=months).ffill(axis=1).fillna(0)
    opd = opd_of.reindex(ids)
    b = budget.reindex(ids).astype(np.float64)
    tot = b.groupby(opd).sum()
    out = []
    for name, frame in (("planned_cum_pct", planned), ("actual_cum_pct", spent)):
        g = frame.groupby(opd).sum().div(tot.where(tot > 0), axis=0) * 100
        out.append(pd.Series(g.stack(), name=name))
    pw = phys.mul(b, axis=0).groupby(opd).sum().div(tot.where(tot > 0), axis=0)
    out.append(pd.Series(pw.stack(), name="physical_pct"))
    data = pd.concat(out, axis=1).reset_index()
    data.columns = ["opd_id", "month", "planned_cum_pct", "actual_cum_pct", "physical_pct"]
    late = data["month"] > period.end.month
    data.loc[late, ["actual_cum_pct", "physical_pct"]] = np.nan
    planned_rows = series[series["planned_spent"] > 0]
    last_plan = planned_rows.groupby(planned_rows["work_item_id"].map(opd_of))["month"].max()
    beyond = data["month"] > data["opd_id"].map(last_plan).fillna(0)
    data.loc[beyond, "planned_cum_pct"] = np.nan
    data["budget"] = data["opd_id"].map(tot).astype(np.int64)
    names = h.units.set_index("unit_id")["name"].astype(object)
    data.insert(1, "opd_name", data["opd_id"].map(names))
    return data


def plot_s_curves(
    dataset: Dataset,
    period: Period | str,
    *,
    opd_ids: list[str] | None = None,
    columns: int = 4,
    min_status: Status = "entered",
    hierarchy: Hierarchy | None = None,
    lang: str | None = None,
) -> Figure:
    """Small multiples: one panel per OPD with the cumulative plan, the actual spending and
    the physical progress, in % of its pagu, month by month (``lang`` ``None``:
    :func:`tukin.get_language`)."""
    period = Period.parse(period)
    t = _T[resolve_lang(lang)]
    data = s_curve_data(dataset, period, min_status=min_status, hierarchy=hierarchy)
    opds = opd_ids or sorted(data["opd_id"].unique().tolist())
    n = max(len(opds), 1)
    cols = min(columns, n)
    rows = math.ceil(n / cols)
    width, height = 3.2 * cols + 0.6, 2.4 * rows + 1.0
    fig = new_figure(
        figsize=(width, height)
    )  # fixed margins: constrained layout is slow for 40 OPDs
    fig.subplots_adjust(
        left=0.6 / width,
        right=1 - 0.1 / width,
        bottom=0.55 / height,
        top=1 - 0.6 / height,
        wspace=0.08,
        hspace=0.3,
    )
    axes = fig.subplots(rows, cols, squeeze=False, sharex=True, sharey=True)
    for ax, opd in zip(axes.flat, opds, strict=False):
        d = data[data["opd_id"] == opd]
        ax.plot(d["month"], d["planned_cum_pct"], "--", color="#4575b4", label=t["plan"])
        ax.plot(d["month"], d["actual_cum_pct"], "-o", ms=3, color="#d73027", label=t["actual"])
        ax.plot(d["month"], d["physical_pct"], "-", color="#1a9850", label=t["physical"])
        name = str(d["opd_name"].iloc[0]) if len(d) else str(opd)
        ax.set_title(name if len(name) <= 34 else name[:33] + "…", fontsize=8)
        ax.set_ylim(0, 105)
        ax.set_xticks([1, 3, 6, 9, 12])
        ax.grid(alpha=0.3)
        ax.tick_params(labelsize=7, labelbottom=True)
    for ax in list(axes.flat)[len(opds) :]:
        ax.set_visible(False)
    if axes[0][0].lines:
        axes[0][0].legend(fontsize=7, loc="upper left")
    fig.supxlabel(t["month"], fontsize=8, y=0.15 / height)
    fig.supylabel(t["pct"], fontsize=8, x=0.12 / width)
    fig.suptitle(
        t["title"].format(year=period.year, period=period), fontsize=10, y=1 - 0.2 / height
    )
    return fig


def plot_ranking(
    report: pd.DataFrame,
    metric: str = "financial_pct",
    *,
    bands: tuple[CategoryBand, ...] = DEFAULT_BANDS,
    period: Period | str | None = None,
    lang: str | None = None,
) -> Figure:
    """OPDs of a report (its ``opd`` rows) as horizontal bars ranked by ``metric``, coloured by
    the report's performance category (or ``bands`` applied to the value when the report has
    none); the plan is marked when ranking financial realisation (``lang`` ``None``:
    :func:`tukin.get_language`)."""
    t = _T[resolve_lang(lang)]
    opd = report[report["level"] == "opd"].copy()
    opd = opd.sort_values(metric, ascending=True, na_position="first")
    values = opd[metric].astype(np.float64).fillna(0)
    category = opd["category"] if "category" in opd else categorise(values, bands)
    colours = category.map(_COLOURS).fillna("#999999")
    fig = new_figure(figsize=(8, 0.28 * max(len(opd), 4) + 1.2), layout="constrained")
    ax = fig.subplots()
    labels = [
        str(x) if len(str(x)) <= 40 else str(x)[:39] + "…" for x in opd["name"].fillna(opd["id"])
    ]
    y = np.arange(len(opd))
    ax.barh(y, values, color=colours.tolist())
    handles: list[Artist] = [
        Patch(color=c, label=k) for k, c in _COLOURS.items() if (category == k).any()
    ]
    if metric == "financial_pct" and "planned_financial_pct" in opd:
        (plan,) = ax.plot(
            opd["planned_financial_pct"], y, "|", color="black", ms=10, label=t["plan"]
        )
        handles.append(plan)
    if handles:
        ax.legend(handles=handles, fontsize=7, loc="lower right")
    ax.set_yticks(y, labels, fontsize=7)
    label = t.get(metric, metric)
    ax.set_xlabel(label)
    ax.grid(axis="x", alpha=0.3)
    ax.set_title(t["rank"].format(metric=label, period=period or ""), fontsize=10)
    return fig
