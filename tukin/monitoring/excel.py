"""Excel export of monitoring reports: one workbook a Bappeda officer can filter and forward.

Sheets: the report, the list of who must act on what, and what is pending with whom. Headers
are translated (``lang="id"``), money is formatted as rupiah, percentages with two decimals,
the header row is frozen and filterable.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl.utils import get_column_letter

from tukin._language import resolve as resolve_lang
from tukin.io.safe import neutralise_frame

__all__ = ["export_excel", "shown_frame"]

_SHEETS = {
    "en": {
        "report": "Report",
        "actions": "Who must act",
        "pending": "Pending",
        "by_official": "Pending by official",
        "policy": "Policy",
    },
    "id": {
        "report": "Laporan",
        "actions": "Tindak lanjut",
        "pending": "Belum disetujui",
        "by_official": "Rekap per pejabat",
        "policy": "Kebijakan",
    },
}
_HEADERS_ID = {
    "level": "tingkat",
    "id": "kode_id",
    "code": "kode",
    "name": "nama",
    "opd_name": "nama_opd",
    "budget": "pagu",
    "planned_spent": "rencana_keuangan",
    "spent": "realisasi_keuangan",
    "planned_to_date": "rencana_sd_periode",
    "spent_to_date": "realisasi_sd_periode",
    "financial_pct": "realisasi_keuangan_pct",
    "planned_financial_pct": "rencana_keuangan_pct",
    "deviation_pct": "deviasi_keuangan_pct",
    "physical_pct": "realisasi_fisik_pct",
    "planned_physical_pct": "rencana_fisik_pct",
    "gap_pct": "selisih_fisik_keuangan_pct",
    "achievement_pct": "capaian_kinerja_pct",
    "category": "kategori",
    "missing_reports": "belum_lapor",
    "indicators": "indikator",
    "indicators_without_target": "indikator_tanpa_target",
    "indicators_zero_target": "indikator_target_nol",
    "indicators_flow_longer_target": "indikator_jumlah_target_periode_panjang",
    "indicators_unplanned_reports": "indikator_laporan_tanpa_target",
    "indicators_without_realisation": "indikator_tanpa_realisasi",
    "own_money_items": "item_dengan_pagu_sendiri",
    "pagu_below_children": "pagu_di_bawah_rincian",
    "low_absorption": "serapan_rendah",
    "physical_behind": "fisik_tertinggal",
    "physical_ahead": "fisik_mendahului",
    "physical_behind_plan": "fisik_di_bawah_rencana",
    "low_achievement": "capaian_rendah",
    "sub_kegiatan_without_indicators": "sub_kegiatan_tanpa_indikator",
    "rejected_rows": "baris_ditolak",
    "indicators_unreported_periods": "indikator_periode_belum_lapor",
    "over_budget": "melebihi_pagu",
    "physical_decreasing": "fisik_menurun",
    "flags": "catatan",
    "official": "pejabat",
    "holder": "pemangku",
    "supervisor": "atasan",
    "supervisor_id": "atasan_id",
    "supervisor_holder": "pemangku_atasan",
    "vacant": "jabatan_lowong",
    "vacant_post_id": "jabatan_lowong_id",
    "indicators_outdated": "indikator_realisasi_lama",
    "status": "status",
    "period": "periode",
    "next_action": "tindakan",
    "waiting_for": "menunggu",
    "waiting_for_holder": "pemangku_menunggu",
    "rows": "jumlah_baris",
    "work_items": "jumlah_kegiatan",
    "work_item": "kegiatan",
    "setting": "pengaturan",
    "value": "nilai",
    "meaning": "keterangan",
}
_LEVELS_ID = {"sub_kegiatan": "sub_kegiatan", "kegiatan": "kegiatan", "program": "program"}
for _lv, _lv_id in (*_LEVELS_ID.items(), ("opd", "opd")):
    _HEADERS_ID[f"official_{_lv}_id"] = f"pejabat_{_lv_id}_id"
    _HEADERS_ID[f"official_{_lv}"] = f"pejabat_{_lv_id}"
    _HEADERS_ID[f"official_{_lv}_holder"] = f"pemangku_{_lv_id}"
_HEADERS_ID.update({"official_id": "pejabat_id", "waiting_for_id": "menunggu_id", "table": "tabel"})
# values written in English by the report and the pending list, in Indonesian
_VALUES_ID = {
    "level": {"regency": "kabupaten"},
    "id": {"regency": "kabupaten"},
    "next_action": {"approve": "setujui", "sign": "tandatangani"},
    "table": {"budget_realisations": "realisasi_anggaran", "realisations": "realisasi_indikator"},
    "status": {"entered": "diinput", "approved": "disetujui", "signed": "ditandatangani"},
}
_MONEY = {"budget", "planned_spent", "spent", "planned_to_date", "spent_to_date"}


def export_excel(
    path: str | Path,
    report: pd.DataFrame,
    *,
    actions: pd.DataFrame | None = None,
    pending: pd.DataFrame | None = None,
    pending_by_official: pd.DataFrame | None = None,
    policy: pd.DataFrame | None = None,
    lang: str | None = None,
) -> Path:
    """Write the report (and the optional action and pending lists) to ``path``; returns it.
    Sheet names and headers are in ``lang`` (``None``: :func:`tukin.get_language`)."""
    lang = resolve_lang(lang)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    names = _SHEETS[lang]
    sheets = {
        "report": report,
        "actions": actions,
        "pending": pending,
        "by_official": pending_by_official,
        "policy": policy,
    }
    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for key, frame in sheets.items():
            if frame is None:
                continue
            out = shown_frame(frame, lang)
            neutralise_frame(out).to_excel(writer, sheet_name=names[key], index=False)
            _format(writer.sheets[names[key]], list(frame.columns))
    return path


def shown_frame(frame: pd.DataFrame, lang: str | None = None) -> pd.DataFrame:
    """``frame`` with the headers and coded values the workbook shows in ``lang`` (English:
    as it is); the CSV and JSON forms (:mod:`tukin.monitoring.output`) use the same."""
    return _indonesian(frame) if resolve_lang(lang) == "id" else frame


def _indonesian(frame: pd.DataFrame) -> pd.DataFrame:
    """Headers and the few English code values (level, action, table, status) in Indonesian."""
    out = frame.copy()
    for col, values in _VALUES_ID.items():
        if col in out:
            out[col] = out[col].map(lambda v, m=values: m.get(v, v) if isinstance(v, str) else v)
    return out.rename(columns=_HEADERS_ID)


def _format(ws: Any, columns: list[str]) -> None:
    ws.freeze_panes = "B2"
    if columns:
        ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{ws.max_row}"
    for j, col in enumerate(columns, start=1):
        letter = get_column_letter(j)
        fmt = "#,##0" if col in _MONEY else "0.00" if col.endswith("_pct") else None
        width = 12
        wide = ("name", "flags", "work_item", "official", "opd_name", "holder", "meaning")
        if col in wide or col.startswith(("official_", "supervisor", "waiting_for")):
            width = 30
        ws.column_dimensions[letter].width = width
        if fmt:
            for (cell,) in ws.iter_rows(min_row=2, min_col=j, max_col=j):
                cell.number_format = fmt
