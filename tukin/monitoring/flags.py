"""Performance categories, warning flags and the list of who must act, on what.

Categories use declared bands: a value takes the label of the highest band whose ``min`` it
reaches (inclusive). The default is the regional performance bands (91–100 Sangat Baik, 76–90
Baik, 66–75 Cukup, 51–65 Kurang, ≤50 Sangat Kurang). Flags are what a Rakordal meeting asks
about: absorption far below plan, physical progress far behind its plan or far behind or ahead
of spending, achievement of the outputs below the bar, a sub kegiatan with pagu but no
indicator to measure it, sub kegiatan that did not report, indicators without targets or
realisations, indicators counted from an earlier report than one due. Each flagged row reaches the official who answers for it (:func:`who_must_act`).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from tukin._language import resolve as resolve_lang
from tukin.monitoring.figures import Status
from tukin.monitoring.rollup import RollupPolicy

__all__ = [
    "DEFAULT_BANDS",
    "FLAG_COLUMNS",
    "VACANT",
    "CategoryBand",
    "MonitoringOptions",
    "categorise",
    "flag",
    "who_must_act",
]


#: What the report's ``official_<level>_holder`` says of a post with nobody in office in the
#: period (no holder, no Plt/Plh), by language: a blank cell read as missing data to a kepala
#: OPD filtering the report (review 128). ``lowong`` as in the sheets' ``jabatan_lowong``:
#: ``(kosong)`` is what the project's messages call a blank cell, the very confusion.
VACANT: dict[str, str] = {"en": "(vacant)", "id": "(lowong)"}


class CategoryBand(BaseModel):
    """One band of a performance category scale, on a 0–100 (percent) scale."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    min: float = Field(description="Lowest value in the band, inclusive (percent).")
    label: str = Field(description="Category name, e.g. 'Sangat Baik'.")


DEFAULT_BANDS: tuple[CategoryBand, ...] = (
    CategoryBand(min=91, label="Sangat Baik"),
    CategoryBand(min=76, label="Baik"),
    CategoryBand(min=66, label="Cukup"),
    CategoryBand(min=51, label="Kurang"),
    CategoryBand(min=float("-inf"), label="Sangat Kurang"),
)


class MonitoringOptions(BaseModel):
    """Everything a monitoring report can be told; defaults follow e-Pantau practice."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    cumulative: bool = Field(default=True, description="Money from 1 January to the period's end.")
    min_status: Status = Field(
        default="entered",
        description="Lowest verification status that counts, for money and indicators alike.",
    )
    rollup: RollupPolicy = Field(default=RollupPolicy(), description="Achievement roll-up.")
    bands: tuple[CategoryBand, ...] = Field(default=DEFAULT_BANDS, description="Category bands.")
    category_of: Literal["achievement", "physical_pct", "financial_pct"] = Field(
        default="achievement", description="Which value the category is read from."
    )
    absorption_gap: float = Field(
        default=10,
        ge=0,
        description="Financial realisation this many points below plan: low absorption.",
    )
    progress_gap: float = Field(
        default=20,
        ge=0,
        description="Physical this many points behind or ahead of financial: flagged.",
    )
    plan_gap: float = Field(
        default=10,
        ge=0,
        description="Physical realisation this many points below its plan: flagged.",
    )
    achievement_floor: float | None = Field(
        default=66,
        description="Achievement of the outputs below this (percent): flagged (default: the "
        "Kurang band and below); None: not flagged.",
    )


#: Yes/no flags, computed here from the report's percentages.
_MARKS = (
    "low_absorption",
    "physical_behind",
    "physical_ahead",
    "physical_behind_plan",
    "low_achievement",
)
#: Counts the report carries (sub kegiatan and indicators underneath the row): a parent row
#: is flagged for what lies below it, so the default OPD-level list still names it.
_COUNTS = (
    "missing_reports",
    "sub_kegiatan_without_indicators",
    "indicators_without_target",
    "indicators_zero_target",
    "indicators_flow_longer_target",
    "indicators_unplanned_reports",
    "indicators_without_realisation",
    "indicators_outdated",
    "indicators_unreported_periods",
    "rejected_rows",
    "over_budget",
    "physical_decreasing",
)
FLAG_COLUMNS = (*_MARKS, *_COUNTS)
_FLAG_TEXT = {
    "en": {
        "low_absorption": "absorption {deviation:.1f} points below plan",
        "physical_behind": "physical {gap:.1f} points behind financial",
        "physical_ahead": "physical {gap:.1f} points ahead of financial",
        "physical_behind_plan": "physical {gap:.1f} points behind plan",
        "low_achievement": "output achievement {pct:.1f}%",
        "sub_kegiatan_without_indicators": "{n} sub kegiatan with pagu but no indicator",
        "missing_reports": "{n} sub kegiatan missing a realisation report for a month of the "
        "period",
        "indicators_without_target": "{n} indicators without a target",
        "indicators_zero_target": "{n} indicators with a target of 0 left out (no ratio to a "
        "0: see the roll-up's zero_target)",
        "indicators_flow_longer_target": "{n} summed indicators left out: their target is "
        "set for a longer period only (a quarter's or year's plan is not this period's; set "
        "a target for each period paid)",
        "indicators_unplanned_reports": "{n} summed indicators with a report for a month "
        "without a target, left out of the ratio, or counted whole within a longer report "
        "(type the month's target, 0 if nothing was planned, to plan it)",
        "indicators_without_realisation": "{n} indicators without a realisation",
        "indicators_outdated": "{n} indicators counted from an earlier report: a report due by "
        "the end of the period is missing or not yet verified",
        "indicators_unreported_periods": "{n} indicators with a period inside this one not "
        "reported (the score reads the latest report only)",
        "rejected_rows": "{n} rejected rows left out of the figures (correct them)",
        "over_budget": "{n} items spending more than their pagu (running totals entered as "
        "the period's spending, or a pagu missing or not updated?)",
        "physical_decreasing": "{n} items whose physical progress went down from one report to "
        "a later one (the month's increment entered instead of the progress to date?)",
    },
    "id": {
        "low_absorption": "serapan {deviation:.1f} poin di bawah rencana",
        "physical_behind": "fisik {gap:.1f} poin di belakang keuangan",
        "physical_ahead": "fisik {gap:.1f} poin di depan keuangan",
        "physical_behind_plan": "fisik {gap:.1f} poin di bawah rencana",
        "low_achievement": "capaian keluaran {pct:.1f}%",
        "sub_kegiatan_without_indicators": "{n} sub kegiatan berpagu tanpa indikator",
        "missing_reports": "{n} sub kegiatan belum melapor realisasi untuk satu bulan atau lebih "
        "dalam periode ini",
        "indicators_without_target": "{n} indikator tanpa target",
        "indicators_zero_target": "{n} indikator bertarget 0 tidak dinilai (tidak ada rasio "
        "terhadap 0: lihat zero_target pada agregasi)",
        "indicators_flow_longer_target": "{n} indikator yang dijumlahkan tidak dinilai: "
        "targetnya hanya ditetapkan untuk periode yang lebih panjang (target triwulan atau "
        "tahun bukan target periode ini; tetapkan target untuk setiap periode pembayaran)",
        "indicators_unplanned_reports": "{n} indikator yang dijumlahkan memiliki laporan "
        "bulan tanpa target, yang tidak ikut dihitung, atau ikut dihitung utuh dalam laporan "
        "periode yang lebih panjang (isi target bulan itu, 0 bila tidak direncanakan, agar "
        "direncanakan)",
        "indicators_without_realisation": "{n} indikator tanpa realisasi",
        "indicators_outdated": "{n} indikator memakai realisasi periode sebelumnya: laporan "
        "yang jatuh tempo s.d. akhir periode belum ada atau belum diverifikasi",
        "indicators_unreported_periods": "{n} indikator dengan periode di dalam periode ini "
        "belum dilaporkan (nilai hanya membaca laporan terakhir)",
        "rejected_rows": "{n} baris ditolak tidak ikut dihitung (perbaiki)",
        "over_budget": "{n} item dengan realisasi keuangan melebihi pagu (angka kumulatif "
        "diisi sebagai realisasi periode, atau pagu belum diisi atau belum diperbarui?)",
        "physical_decreasing": "{n} item dengan progres fisik menurun dari satu laporan ke "
        "laporan berikutnya (kenaikan bulan itu diisi sebagai progres s.d. periode?)",
    },
}


def categorise(values: pd.Series, bands: tuple[CategoryBand, ...] = DEFAULT_BANDS) -> pd.Series:
    """The label of the highest band each value reaches; NaN stays empty."""
    out = pd.Series([None] * len(values), index=values.index, dtype=object)
    for band in sorted(bands, key=lambda b: b.min):
        out = out.where(~(values >= band.min), band.label)
    return out


def flag(report: pd.DataFrame, options: MonitoringOptions, lang: str | None = None) -> pd.DataFrame:
    """Add the flag columns and a readable ``flags`` text to a report (in place and returned);
    ``lang`` ``None``: :func:`tukin.get_language`."""
    r = report
    has_plan = r["planned_to_date"] > 0
    r["low_absorption"] = (has_plan & (r["deviation_pct"] < -options.absorption_gap)).astype(bool)
    r["physical_behind"] = (r["gap_pct"] < -options.progress_gap).fillna(False).astype(bool)
    r["physical_ahead"] = (r["gap_pct"] > options.progress_gap).fillna(False).astype(bool)
    # progress over the items that have a plan (the report's; else the row's own physical)
    on_plan = r["_physical_on_plan"] if "_physical_on_plan" in r else r["physical_pct"]
    behind_plan = on_plan - r["planned_physical_pct"]
    r["physical_behind_plan"] = (behind_plan < -options.plan_gap).fillna(False).astype(bool)
    behind = behind_plan.to_numpy(dtype=np.float64)
    floor = options.achievement_floor
    low = r["achievement_pct"] < floor if floor is not None else False
    r["low_achievement"] = pd.Series(low, index=r.index).fillna(False).astype(bool)
    text = _FLAG_TEXT[resolve_lang(lang)]
    parts: list[list[str]] = [[] for _ in range(len(r))]
    for i, row in enumerate(r.to_dict("records")):
        if row["low_absorption"]:
            parts[i].append(text["low_absorption"].format(deviation=-row["deviation_pct"]))
        if row["physical_behind"]:
            parts[i].append(text["physical_behind"].format(gap=-row["gap_pct"]))
        if row["physical_ahead"]:
            parts[i].append(text["physical_ahead"].format(gap=row["gap_pct"]))
        if row["physical_behind_plan"]:
            parts[i].append(text["physical_behind_plan"].format(gap=-float(behind[i])))
        if row["low_achievement"]:
            parts[i].append(text["low_achievement"].format(pct=row["achievement_pct"]))
        for col in _COUNTS:
            n = row.get(col, 0)
            if n:
                parts[i].append(text[col].format(n=n))
    r["flags"] = ["; ".join(p) for p in parts]
    return r


#: The report's figures each action repeats, so the official reads a flag beside what it is
#: measured from (review 128: "physical 12.0 points behind plan" alone).
_FIGURES = (
    "budget",
    "financial_pct",
    "planned_financial_pct",
    "deviation_pct",
    "physical_pct",
    "planned_physical_pct",
    "achievement_pct",
    "category",
)


def who_must_act(report: pd.DataFrame) -> pd.DataFrame:
    """One row per flagged report row and the official who answers for it: official_id,
    official, holder, vacant, supervisor_id, supervisor, supervisor_holder, opd_id, level, id,
    name, the row's figures (budget, financial_pct, planned_financial_pct, deviation_pct,
    physical_pct, planned_physical_pct, achievement_pct, category), flags.

    The supervisor is the next official up the row's work items (kegiatan, program, OPD) who
    is someone else *and holds office in the report's period*: a post left vacant (no
    ``holder``) is passed over, so a lagging item under a vacant kegiatan still reaches the
    head of the OPD. ``vacant`` marks a row whose own official has no holder in the period:
    nobody answers for it in person, its supervisor must (or a Plt must be named). A Plt or
    Plh acting in the post during the period (the ``acting`` table) is its holder, named as
    such (``Dedi (Plt)``), and answers for it.

    A report of one level gives the actions of that level only: pass a report of every level
    (``monitoring_report(..., "all")``) for the list reaching every official.
    """
    flagged = report[report["flags"].astype(bool)]
    rows = []
    levels = ["sub_kegiatan", "kegiatan", "program", "opd"]
    for row in flagged.to_dict("records"):
        level = row["level"]
        if level not in levels:
            continue
        above = levels[levels.index(level) + 1 :]
        # the supervisor is the next official up who is someone else: an item whose owner it
        # inherits (a sub kegiatan answered for by its kegiatan's official) skips its own;
        # a vacant post is passed over for the next one in office (else the first one up)
        me = row.get(f"official_{level}_id")
        ups = [
            lv
            for lv in above
            if _filled(row.get(f"official_{lv}_id")) and row.get(f"official_{lv}_id") != me
        ]
        sup = next((lv for lv in ups if _held(row.get(f"official_{lv}_holder"))), None)
        if sup is None and ups:
            sup = ups[0]
        rows.append(
            {
                "official_id": me,
                "official": row.get(f"official_{level}"),
                "holder": _person(row.get(f"official_{level}_holder")),
                "vacant": _filled(me) and not _held(row.get(f"official_{level}_holder")),
                "supervisor_id": row.get(f"official_{sup}_id") if sup else None,
                "supervisor": row.get(f"official_{sup}") if sup else None,
                "supervisor_holder": _person(row.get(f"official_{sup}_holder")) if sup else None,
                "opd_id": row.get("opd_id"),
                "level": level,
                "id": row.get("id"),
                "name": row.get("name"),
                **{c: row.get(c) for c in _FIGURES},
                "flags": row["flags"],
            }
        )
    cols = [
        "official_id",
        "official",
        "holder",
        "vacant",
        "supervisor_id",
        "supervisor",
        "supervisor_holder",
        "opd_id",
        "level",
        "id",
        "name",
        *_FIGURES,
        "flags",
    ]
    out = pd.DataFrame(rows, columns=cols)
    out["vacant"] = out["vacant"].astype(bool)
    return out.sort_values(
        ["opd_id", "official_id", "level"], kind="stable", na_position="last"
    ).reset_index(drop=True)


def _held(holder: object) -> bool:
    """A holder cell naming someone: neither blank nor the report's :data:`VACANT` text."""
    return _filled(holder) and holder not in _VACANT_TEXTS


def _person(holder: object) -> object:
    """The holder as this list gives it: blank for a vacant post, which ``vacant`` says."""
    return holder if _held(holder) else None


_VACANT_TEXTS = frozenset(VACANT.values())


def _filled(value: object) -> bool:
    """A cell holding something: not None, NaN or empty text."""
    if value is None:
        return False
    if isinstance(value, float) and value != value:
        return False
    return not (isinstance(value, str) and not value.strip())


def _nan_to_false(x: np.ndarray) -> np.ndarray:
    return np.where(np.isnan(x), False, x).astype(bool)
