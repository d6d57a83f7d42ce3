"""Distribution plots of a :class:`~tukin.Result`: the allowance per kelas jabatan and per OPD.

For HR officers checking a payment run before it goes out: does every class get what its
table says, which OPD pays little because of absences, where do the outliers sit?

>>> from tukin import plots                                   # doctest: +SKIP
>>> plots.plot_by_grade(result)                               # doctest: +SKIP
>>> plots.plot_by_opd(result, amount="net").savefig("opd.png")  # doctest: +SKIP

Every function returns a :class:`matplotlib.figure.Figure` built without pyplot (no global
figure list, no backend switched), so the figures are safe in servers, tests and threads. In
Jupyter a figure returned by a cell is drawn as it is, no ``%matplotlib inline`` needed (see
:mod:`tukin._figure`); save one with ``fig.savefig("file.png")``.

Labels are in ``lang``; ``None`` (the default) is :func:`tukin.get_language`, Indonesian unless
set otherwise. Amounts are read from :meth:`Result.to_frame`, in whole rupiah, and drawn in
millions.
A :class:`pandas.DataFrame` with the same columns (for example ``result.to_frame()`` filtered
to one OPD) is accepted wherever a result is.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
from matplotlib import cbook
from matplotlib.axes import Axes
from matplotlib.figure import Figure, SubFigure
from matplotlib.ticker import FuncFormatter

from tukin._figure import new_figure
from tukin._language import resolve as resolve_lang

if TYPE_CHECKING:
    from tukin.result import Result

__all__ = ["plot_by_grade", "plot_by_opd", "plot_summary"]

Lang = Literal["id", "en"]

_T: dict[str, dict[str, str]] = {
    "en": {
        "grade": "kelas jabatan",
        "opd": "OPD",
        "employees": "employees",
        "million": "million rupiah",
        "by_grade": "{amount} per kelas jabatan",
        "by_opd": "{amount} per OPD",
        "histogram": "{amount} per employee",
        "summary": "{title}: {n} employees paid, total {total}",
        "mean": "mean",
        "median": "median",
        "allowance": "allowance",
        "net": "net pay",
        "deductions": "deductions",
        "empty": "no employee paid",
    },
    "id": {
        "grade": "kelas jabatan",
        "opd": "OPD",
        "employees": "pegawai",
        "million": "juta rupiah",
        "by_grade": "{amount} per kelas jabatan",
        "by_opd": "{amount} per OPD",
        "histogram": "{amount} per pegawai",
        "summary": "{title}: {n} pegawai dibayar, total {total}",
        "mean": "rata-rata",
        "median": "median",
        "allowance": "tunjangan",
        "net": "diterima bersih",
        "deductions": "potongan",
        "empty": "tidak ada pegawai yang dibayar",
    },
}
_BOX = "#4575b4"
_MEAN = "#d73027"


def plot_by_grade(
    result: Result | pd.DataFrame,
    *,
    amount: str = "allowance",
    lang: Lang | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Box plot of ``amount`` per kelas jabatan, with the mean (red diamond) and the number
    of employees under each class.

    ``amount`` is any numeric column of the result frame: ``allowance`` (default), ``net``,
    ``deductions`` or a step such as ``bagian_kinerja``. Given ``ax``, the plot is drawn there
    and that axes' figure is returned.
    """
    lang = resolve_lang(lang)
    t = _words(lang)
    frame = _frame(result, amount, "grade")
    fig, ax = _axes(ax, (max(6.0, 0.45 * frame["grade"].nunique() + 2.5), 4.2))
    groups = sorted(frame["grade"].dropna().unique().tolist())
    values = [_millions(frame.loc[frame["grade"] == g, amount]) for g in groups]
    labels = [f"{g}\n({len(v)})" for g, v in zip(groups, values, strict=True)]
    _boxes(ax, values, labels, vertical=True, lang=lang)
    ax.set_xlabel(f"{t['grade']} ({t['employees']})")
    ax.set_ylabel(t["million"])
    ax.set_title(t["by_grade"].format(amount=_label(amount, t)))
    if not groups:
        _empty(ax, t)
    return fig


def plot_by_opd(
    result: Result | pd.DataFrame,
    *,
    amount: str = "allowance",
    top: int | None = None,
    lang: Lang | None = None,
    ax: Axes | None = None,
) -> Figure:
    """Horizontal box plot of ``amount`` per OPD, ordered by median (highest on top), with
    the number of employees after each name. ``top`` keeps the OPDs with most employees."""
    lang = resolve_lang(lang)
    t = _words(lang)
    frame = _frame(result, amount, "opd_id")
    names = _opd_names(frame)
    counts = frame.groupby("opd_id", sort=True).size()
    keep = counts.index.tolist()
    if top is not None:
        keep = counts.sort_values(ascending=False, kind="stable").head(top).index.tolist()
    medians = frame[frame["opd_id"].isin(keep)].groupby("opd_id")[amount].median()
    order = sorted(keep, key=lambda k: (float(medians.get(k, 0.0)), str(k)))
    labels = [f"{_short(names.get(k, k))} ({int(counts[k])})" for k in order]
    values = [_millions(frame.loc[frame["opd_id"] == k, amount]) for k in order]
    fig, ax = _axes(ax, (8.5, 0.32 * max(len(order), 4) + 1.4))
    _boxes(ax, values, labels, vertical=False, lang=lang)
    ax.set_xlabel(t["million"])
    ax.set_title(t["by_opd"].format(amount=_label(amount, t)))
    ax.tick_params(axis="y", labelsize=8)
    if not order:
        _empty(ax, t)
    return fig


def plot_summary(
    result: Result | pd.DataFrame,
    *,
    amount: str = "allowance",
    top: int | None = 20,
    lang: Lang | None = None,
) -> Figure:
    """Three panels for a first look at a run: the histogram of ``amount`` per employee,
    the box plot per kelas jabatan and the box plot per OPD (``top`` largest OPDs)."""
    lang = resolve_lang(lang)
    t = _words(lang)
    frame = _frame(result, amount, "grade", "opd_id")
    n_opd = frame["opd_id"].nunique() if top is None else min(top, frame["opd_id"].nunique())
    fig = new_figure(figsize=(15, max(4.4, 0.3 * n_opd + 1.6)), layout="constrained")
    ax1, ax2, ax3 = fig.subplots(1, 3, width_ratios=[1, 1.2, 1.4])
    values = _millions(frame[amount])
    values = values[~np.isnan(values)]
    ax1.hist(values, bins=min(40, max(len(values), 1)), color=_BOX, alpha=0.85)
    if len(values):
        ax1.axvline(float(np.median(values)), color="black", lw=0.9, label=t["median"])
        ax1.axvline(float(np.mean(values)), color=_MEAN, lw=0.9, ls="--", label=t["mean"])
        ax1.legend(fontsize=8)
    else:
        _empty(ax1, t)
    ax1.set_xlabel(t["million"])
    ax1.set_ylabel(t["employees"])
    ax1.xaxis.set_major_formatter(_formatter(lang))
    ax1.set_title(t["histogram"].format(amount=_label(amount, t)))
    plot_by_grade(frame, amount=amount, lang=lang, ax=ax2)
    plot_by_opd(frame, amount=amount, top=top, lang=lang, ax=ax3)
    total = round(float(np.nansum(frame[amount].to_numpy(dtype=np.float64, na_value=np.nan))))
    title = (
        _label(amount, t).capitalize()
        if isinstance(result, pd.DataFrame)
        else f"{result.receipt.ruleset_name} {result.period}"
    )
    fig.suptitle(t["summary"].format(title=title, n=len(frame), total=_rupiah(total, lang)))
    return fig


# -- helpers ------------------------------------------------------------------------------


def _words(lang: str) -> dict[str, str]:
    return _T["id" if lang == "id" else "en"]


def _label(amount: str, t: dict[str, str]) -> str:
    return t.get(amount, amount)


def _frame(result: Result | pd.DataFrame, amount: str, *needed: str) -> pd.DataFrame:
    """The result frame, checked for the columns a plot reads."""
    frame = result if isinstance(result, pd.DataFrame) else result.to_frame()
    missing = [c for c in (amount, *needed) if c not in frame.columns]
    if missing:
        raise ValueError(
            f"the result has no column {', '.join(map(repr, missing))}; "
            f"numeric columns: {', '.join(_numeric(frame)) or 'none'}"
        )
    if not pd.api.types.is_numeric_dtype(frame[amount]):
        raise ValueError(
            f"column {amount!r} is not numeric; try one of {', '.join(_numeric(frame))}"
        )
    return frame


def _numeric(frame: pd.DataFrame) -> list[str]:
    skip = {"grade"}
    return [
        str(c)
        for c in frame.columns
        if c not in skip and pd.api.types.is_numeric_dtype(frame[c]) and frame[c].dtype != bool
    ]


def _millions(values: pd.Series) -> np.ndarray:
    return np.asarray(values.to_numpy(dtype=np.float64, na_value=np.nan), dtype=np.float64) / 1e6


def _axes(ax: Axes | None, size: tuple[float, float]) -> tuple[Figure, Axes]:
    if ax is not None:
        return _root(ax), ax
    fig = new_figure(figsize=size, layout="constrained")
    return fig, fig.subplots()


def _root(ax: Axes) -> Figure:
    fig = ax.get_figure()
    while isinstance(fig, SubFigure):
        fig = fig.get_figure()
    if not isinstance(fig, Figure):  # pragma: no cover - an Axes always belongs to a figure
        raise ValueError("the axes belong to no figure")
    return fig


def _boxes(
    ax: Axes, values: list[np.ndarray], labels: list[str], *, vertical: bool, lang: str
) -> None:
    """Box plots: the box from the first to the third quartile, the median as a black line,
    whiskers to the furthest value within 1.5 IQR, outliers as dots, the mean as a red diamond.

    Drawn from primitives with the quartiles of :func:`matplotlib.cbook.boxplot_stats`:
    ``Axes.boxplot`` reads every rcParam, which makes matplotlib import pyplot to resolve its
    backend, a global side effect this module promises not to have."""
    positions = np.arange(1, len(values) + 1)
    for pos, v in zip(positions, values, strict=True):
        v = v[~np.isnan(v)]
        if len(v):
            _box(ax, float(pos), cbook.boxplot_stats(v)[0], vertical)
    if vertical:
        ax.set_xticks(positions, labels)
        ax.set_xlim(0.4, len(values) + 0.6)
    else:
        ax.set_yticks(positions, labels)
        ax.set_ylim(0.4, len(values) + 0.6)
    axis = ax.yaxis if vertical else ax.xaxis
    axis.set_major_formatter(_formatter(lang))
    ax.grid(axis="y" if vertical else "x", alpha=0.3)


def _box(ax: Axes, pos: float, st: dict[str, Any], vertical: bool) -> None:
    half, cap = 0.3, 0.15
    q1, q3 = float(st["q1"]), float(st["q3"])
    low, high = float(st["whislo"]), float(st["whishi"])
    fliers = np.asarray(st["fliers"], dtype=np.float64)
    if vertical:
        ax.bar(pos, q3 - q1, bottom=q1, width=2 * half, color=_BOX, alpha=0.35, edgecolor=_BOX)
        ax.hlines([float(st["med"])], pos - half, pos + half, color="black", lw=1.2)
        ax.vlines([pos, pos], [low, q3], [q1, high], color="black", lw=0.8)
        ax.hlines([low, high], pos - cap, pos + cap, color="black", lw=0.8)
        ax.plot(np.full(len(fliers), pos), fliers, ".", color="grey", ms=3, alpha=0.6)
        ax.plot([pos], [float(st["mean"])], "D", color=_MEAN, ms=4)
    else:
        ax.barh(pos, q3 - q1, left=q1, height=2 * half, color=_BOX, alpha=0.35, edgecolor=_BOX)
        ax.vlines([float(st["med"])], pos - half, pos + half, color="black", lw=1.2)
        ax.hlines([pos, pos], [low, q3], [q1, high], color="black", lw=0.8)
        ax.vlines([low, high], pos - cap, pos + cap, color="black", lw=0.8)
        ax.plot(fliers, np.full(len(fliers), pos), ".", color="grey", ms=3, alpha=0.6)
        ax.plot([float(st["mean"])], [pos], "D", color=_MEAN, ms=4)


def _formatter(lang: str) -> FuncFormatter:
    point = "," if lang == "id" else "."

    def fmt(x: float, _pos: int | None = None) -> str:
        text = f"{x:g}"
        return text.replace(".", point)

    return FuncFormatter(fmt)


def _rupiah(amount: int, lang: str) -> str:
    from tukin.money import format_rupiah

    return format_rupiah(amount, lang="id" if lang == "id" else "en")


def _opd_names(frame: pd.DataFrame) -> dict[object, str]:
    if "opd_name" not in frame.columns:
        return {k: str(k) for k in frame["opd_id"].unique()}
    first = frame.groupby("opd_id", sort=False)["opd_name"].first()
    return {k: (str(v) if pd.notna(v) else str(k)) for k, v in first.items()}


def _short(name: object, width: int = 38) -> str:
    text = str(name)
    return text if len(text) <= width else text[: width - 1] + "…"


def _empty(ax: Axes, t: dict[str, str]) -> None:
    ax.text(0.5, 0.5, t["empty"], transform=ax.transAxes, ha="center", va="center", color="grey")
