"""e-Pantau style monitoring: budget, spending, progress and achievement by responsibility.

The seed regency's monitoring makes every program, kegiatan and sub kegiatan visible to the
official who answers for it. This package turns a :class:`~tukin.dataset.Dataset` into the
same reports, for any period and level, with the official responsible at every level above
each row, warning flags, what is still pending with whom, an Excel workbook and plots:

- :func:`monitoring_report`: the report as a DataFrame (see :mod:`tukin.monitoring.report`);
- :func:`who_must_act`: flagged rows with the official who must act;
- :func:`pending` / :func:`pending_by_official`: figures not yet approved or signed;
- :func:`plot_s_curves`, :func:`plot_ranking`: matplotlib figures (Agg, no pyplot state);
- :func:`export_excel`: the workbook; :func:`monitoring_sheets`: every sheet at once, a
  :class:`MonitoringReport` that writes itself as .xlsx, .csv or .json
  (:mod:`tukin.monitoring.output`); :func:`cli_monitor`: the files and plots (``tukin monitor``).

Roll-ups of achievement (:mod:`tukin.monitoring.rollup`) are shared with the allowance rule
types ``rollup``, ``opd_score`` and ``opd_factor`` (:mod:`tukin.rules.hierarchy`).
"""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tukin._language import resolve as resolve_lang
from tukin.monitoring.excel import export_excel
from tukin.monitoring.figures import budget_figures, indicator_figures
from tukin.monitoring.flags import (
    DEFAULT_BANDS,
    CategoryBand,
    MonitoringOptions,
    categorise,
    who_must_act,
)
from tukin.monitoring.output import OUTPUT_SUFFIXES, MonitoringReport
from tukin.monitoring.report import LEVELS, monitoring_report
from tukin.monitoring.rollup import Rollup, RollupPolicy, compute_rollup
from tukin.monitoring.status import pending, pending_by_official
from tukin.period import Period

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.hierarchy import Hierarchy
    from tukin.monitoring.plots import plot_ranking, plot_s_curves, s_curve_data

_PLOTS = ("plot_ranking", "plot_s_curves", "s_curve_data")


def __getattr__(name: str) -> Any:
    """The plotting functions, imported on first use: matplotlib takes half a second and
    ~50 MB to import, which a calculation or the CLI's other commands never need."""
    if name in _PLOTS:
        from tukin.monitoring import plots

        return getattr(plots, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "DEFAULT_BANDS",
    "LEVELS",
    "CategoryBand",
    "MonitoringOptions",
    "MonitoringReport",
    "Rollup",
    "RollupPolicy",
    "budget_figures",
    "categorise",
    "cli_monitor",
    "compute_rollup",
    "export_excel",
    "indicator_figures",
    "monitoring_report",
    "monitoring_sheets",
    "pending",
    "pending_by_official",
    "plot_ranking",
    "plot_s_curves",
    "rollup_policy_of",
    "s_curve_data",
    "who_must_act",
]

_POLICY_STEPS = ("rollup", "opd_score", "opd_factor")


def rollup_policy_of(
    ruleset: Any, period: Period | str, step: str | None = None
) -> tuple[RollupPolicy, str]:
    """The roll-up policy of a rule set's ``step`` (default: its first ``rollup`` step, else
    its first ``opd_score`` / ``opd_factor`` step) for ``period``, and the step's id.

    Why: a report must be able to show the very scores the allowance pays on (its min_status,
    cap, weights...), not the report's defaults; ``$parameter`` references are read at the
    period's first day, as the engine reads them.
    """
    period = Period.parse(period)
    steps = [s for s in ruleset.steps if s.type in _POLICY_STEPS]
    if step is not None:
        chosen = next((s for s in steps if s.id == step), None)
    else:
        chosen = next((s for s in steps if s.type == "rollup"), steps[0] if steps else None)
    if chosen is None:
        from tukin.errors import RuleProblem, RuleSetError

        kinds = ", ".join(_POLICY_STEPS)
        known = ", ".join(s.id for s in steps) or "-"
        what = f"step {step!r} of type {kinds}" if step else f"step of type {kinds}"
        what_id = f"langkah {step!r} berjenis {kinds}" if step else f"langkah berjenis {kinds}"
        raise RuleSetError(
            [
                RuleProblem(
                    "no_rollup_step",
                    f"rule set {ruleset.name!r} has no {what} to take a report's policy "
                    f"from (its steps of those types: {known})",
                    f"aturan {ruleset.name!r} tidak memiliki {what_id} untuk diambil "
                    f"kebijakan laporannya (langkah berjenis itu: {known})",
                )
            ]
        )
    values = {}
    for key in RollupPolicy.model_fields:
        if key not in chosen.params:
            continue
        value = chosen.params[key]
        if isinstance(value, str) and value.startswith("$"):
            value = ruleset.parameter_at(value[1:], period).value
        values[key] = value
    return RollupPolicy(**values), str(chosen.id)


def monitoring_sheets(
    dataset: Dataset,
    period: Period | str,
    level: str = "opd",
    lang: str | None = None,
    options: MonitoringOptions | None = None,
    policy_source: str | None = None,
    *,
    hierarchy: Hierarchy | None = None,
) -> MonitoringReport:
    """Every sheet of the monitoring report for ``period``: the report at ``level``; who must
    act, on the flagged rows of every level; pending rows; pending per official; the policy
    (period, money window, roll-up policy, flag bars and bands, ``policy_source`` saying where
    it came from, e.g. ``"rule set X, step capaian"``; ``None``: the report's defaults).
    ``lang`` ``None``: :func:`tukin.get_language`. ``.write(path)`` files it as .xlsx, .csv
    or .json, ``.to_json()`` gives the document (:mod:`tukin.monitoring.output`)."""
    from tukin.hierarchy import Hierarchy

    lang = resolve_lang(lang)
    period = Period.parse(period)
    opt = options or MonitoringOptions()
    h = hierarchy or Hierarchy.from_dataset(dataset)
    # every level, whatever the report's: the list of who must act reaches the official of
    # each flagged sub kegiatan, kegiatan and program, not only the heads of the OPDs
    everything = monitoring_report(dataset, period, "all", opt, hierarchy=h, lang=lang)
    report = (
        everything
        if level == "all"
        else monitoring_report(dataset, period, level, opt, hierarchy=h, lang=lang)  # type: ignore[arg-type]
    )
    waiting = pending(dataset, period, "signed", cumulative=opt.cumulative, hierarchy=h)
    return MonitoringReport(
        period=period,
        level=level,
        lang=lang,
        report=report,
        actions=who_must_act(everything),
        pending=waiting,
        pending_by_official=pending_by_official(waiting),
        policy=_policy_frame(opt, policy_source, lang, period),
    )


def cli_monitor(
    dataset: Dataset,
    period: Period | str,
    level: str,
    out_dir: str | Path,
    lang: str | None = None,
    options: MonitoringOptions | None = None,
    policy_source: str | None = None,
) -> list[Path]:
    """Write the monitoring report and the two plots for ``period``; returns their paths.

    ``out_dir`` a folder: ``monitoring-<period>-<level>.xlsx`` in it (the sheets of
    :func:`monitoring_sheets`). ``out_dir`` a path ending ``.xlsx``, ``.csv`` or ``.json``:
    the report in that form there (``.csv``: a file per sheet beside it; see
    :mod:`tukin.monitoring.output`). Either way ``s-curve-<period>.png`` and
    ``ranking-<period>.png`` go in the same folder. ``lang`` ``None``:
    :func:`tukin.get_language`. The policy sheet says which roll-up policy scored it and
    where it came from (``policy_source``), so a reader can tell it from the allowance's.
    """
    from tukin.hierarchy import Hierarchy

    lang = resolve_lang(lang)
    period = Period.parse(period)
    given = Path(out_dir)
    as_file = given.suffix.lower() in OUTPUT_SUFFIXES
    out = given.parent if as_file else given
    out.mkdir(parents=True, exist_ok=True)
    opt = options or MonitoringOptions()
    h = Hierarchy.from_dataset(dataset)
    sheets = monitoring_sheets(dataset, period, level, lang, opt, policy_source, hierarchy=h)
    files = sheets.write(given if as_file else out / f"monitoring-{period}-{level}.xlsx")
    from tukin.monitoring.plots import plot_ranking, plot_s_curves

    if level in ("opd", "all"):
        opd = sheets.report[sheets.report["level"] == "opd"].reset_index(drop=True)
    else:
        opd = monitoring_report(dataset, period, "opd", opt, hierarchy=h, lang=lang)
    curve = out / f"s-curve-{period}.png"
    plot_s_curves(dataset, period, min_status=opt.min_status, hierarchy=h, lang=lang).savefig(
        curve, dpi=110
    )
    ranking = out / f"ranking-{period}.png"
    plot_ranking(opd, "financial_pct", bands=opt.bands, period=period, lang=lang).savefig(
        ranking, dpi=110
    )
    return [*files, curve, ranking]


_SETTING_TEXT = {
    "period": ("the period reported", "periode laporan"),
    "money_window": (
        "the days spent and planned_spent add up (see cumulative); the columns to date and "
        "the percentages run from 1 January, physical progress is the latest reported by the "
        "period's end",
        "hari-hari yang dijumlahkan kolom realisasi_keuangan dan rencana_keuangan (lihat "
        "cumulative); kolom s.d. periode dan persentase dihitung sejak 1 Januari, progres "
        "fisik adalah laporan terakhir s.d. akhir periode",
    ),
    "source": ("where the policy comes from", "asal kebijakan"),
    "cumulative": (
        "True: money from 1 January to the period's end; False: the period alone",
        "True: keuangan sejak 1 Januari s.d. akhir periode; False: periode itu saja",
    ),
    "money_min_status": (
        "lowest status of budget realisations counted",
        "status terendah realisasi anggaran yang dihitung",
    ),
    "rollup_method": ("how scores combine", "cara capaian digabung"),
    "rollup_weights": ("weight of a work item", "bobot kegiatan"),
    "rollup_scope": ("a position's work items", "kegiatan yang dinilai untuk jabatan"),
    "rollup_blend": (
        "share of an official's own items against the mean of direct subordinates",
        "porsi kegiatan sendiri terhadap rata-rata bawahan langsung",
    ),
    "rollup_periods": (
        "which realisation counts for the period",
        "realisasi periode mana yang dihitung",
    ),
    "rollup_min_status": (
        "lowest status of indicator realisations counted",
        "status terendah realisasi indikator yang dihitung",
    ),
    "rollup_cap": ("cap on an indicator's achievement", "batas atas capaian indikator"),
    "rollup_missing_realisation": (
        "an indicator with a target but no counted realisation: zero or skip",
        "indikator bertarget tanpa realisasi yang dihitung: nol (zero) atau diabaikan (skip)",
    ),
    "rollup_precision": ("decimals of a geometric mean", "desimal rata-rata geometrik"),
    "rollup_zero_target": (
        "an indicator with a target of 0: lower_scored (lower is better: 100% at 0, 0% above; "
        "higher is better: left out) or skip (every one left out)",
        "indikator bertarget 0: lower_scored (makin rendah makin baik: 100% bila 0, 0% bila "
        "lebih; makin tinggi makin baik: tidak dinilai) atau skip (semua tidak dinilai)",
    ),
    "absorption_gap": (
        "low_absorption: financial realisation more than this many points below plan",
        "serapan rendah: realisasi keuangan lebih dari sekian poin di bawah rencana",
    ),
    "progress_gap": (
        "physical_behind / physical_ahead: physical more than this many points behind or ahead "
        "of financial",
        "fisik tertinggal / mendahului: fisik lebih dari sekian poin di belakang atau di depan "
        "keuangan",
    ),
    "plan_gap": (
        "physical_behind_plan: physical more than this many points below its plan",
        "fisik di bawah rencana: fisik lebih dari sekian poin di bawah rencananya",
    ),
    "achievement_floor": (
        "low_achievement: output achievement below this (percent); empty: not flagged",
        "capaian rendah: capaian keluaran di bawah angka ini (persen); kosong: tidak ditandai",
    ),
    "category_of": ("the value the category is read from", "nilai yang menentukan kategori"),
    "bands": (
        "categories: a value takes the highest band whose minimum it reaches",
        "kategori: nilai masuk pita tertinggi yang batas bawahnya tercapai",
    ),
}


def _policy_frame(
    opt: MonitoringOptions, source: str | None, lang: str, period: Period | None = None
) -> pd.DataFrame:
    """Key / value rows of the policy a workbook was computed with, and where it came from,
    each with what the setting means in ``lang`` (the keys stay the codes a rule file uses).

    The period and the days its money covers come first: the file name alone said which
    period a workbook was, lost once it is renamed, forwarded or printed (review 128)."""
    default = "bawaan laporan" if lang == "id" else "report defaults"
    rows: list[tuple[str, Any]] = []
    if period is not None:
        first = Period("year", period.year).start if opt.cumulative else period.start
        rows += [("period", str(period)), ("money_window", f"{first} – {period.end}")]
    rows += [("source", source or default), ("cumulative", opt.cumulative)]
    rows.append(("money_min_status", opt.min_status))
    for key in RollupPolicy.model_fields:
        value = getattr(opt.rollup, key)
        if isinstance(value, Fraction):  # cap and blend are ratios: say them as the rules do
            value = f"{float(value * 100):g}%"
        rows.append((f"rollup_{key}", "" if value is None else str(value)))
    # the bars every flag of the report was raised by, and the category bands (the flag
    # texts give the distance, not the bar)
    for key in ("absorption_gap", "progress_gap", "plan_gap", "achievement_floor"):
        value = getattr(opt, key)
        rows.append((key, "" if value is None else f"{value:g}"))
    rows.append(("category_of", opt.category_of))
    ordered = sorted(opt.bands, key=lambda b: -b.min)
    rows.append(
        (
            "bands",
            "; ".join(f"{b.label} ≥ {b.min:g}" if b.min > -np.inf else b.label for b in ordered),
        )
    )
    at = 1 if lang == "id" else 0
    meaning = [_SETTING_TEXT.get(k, (k, k))[at] for k, _ in rows]
    frame = pd.DataFrame(rows, columns=["setting", "value"])
    frame["meaning"] = meaning
    return frame
