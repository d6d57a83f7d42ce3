"""A tally written for the people who check it: a workbook, or CSV files side by side.

``.xlsx``: the ``attendance`` table in the input template's own sheet layout (``Kehadiran``,
the template's headers: copy it into the data workbook as it is), then the days behind the
counts, the rejected log rows and the withheld employees. A sheet holds at most 1,048,575
rows: a province's month of days does not fit, and is refused with the way out (CSV).
Any other suffix: CSV files, the attendance table at ``path`` (contract column names, what
:func:`tukin.io.read_dataset` reads) and ``<stem>.days.csv``, ``<stem>.rejected.csv``,
``<stem>.withheld.csv`` beside it. Text that a spreadsheet would run as a formula is
neutralised in the sheets for people (:mod:`tukin.io.safe`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from tukin.daylog.tally import Tally
from tukin.errors import ArgumentError, Lang

__all__ = ["LABELS", "write_tally"]

#: Column labels of the sheets for people: name -> (Indonesian, English).
LABELS: dict[str, tuple[str, str]] = {
    "nip": ("NIP", "NIP"),
    "date": ("Tanggal", "Date"),
    "scheduled": ("Jam kerja", "Scheduled hours"),
    "check_in": ("Jam masuk", "Check-in"),
    "check_out": ("Jam pulang", "Check-out"),
    "scans": ("Jumlah scan", "Scans"),
    "status": ("Keterangan", "Day status"),
    "late_minutes": ("Terlambat (menit)", "Late (minutes)"),
    "early_minutes": ("Pulang cepat (menit)", "Early (minutes)"),
    "outcome": ("Hasil", "Outcome"),
    "codes": ("Kode dihitung", "Codes counted"),
    "explanation": ("Penjelasan", "Explanation"),
    "row": ("Baris log", "Log row"),
    "status_row": ("Baris keterangan", "Status row"),
    "location": ("Lokasi", "Location"),
    "column": ("Kolom", "Column"),
    "value": ("Isi sel", "Value"),
    "code": ("Kode", "Code"),
    "message": ("Masalah", "Problem"),
    "rejected_rows": ("Baris ditolak", "Rows rejected"),
}
_SHEETS = {
    "days": ("Rincian Harian", "Days"),
    "rejected": ("Log Ditolak", "Rejected log rows"),
    "withheld": ("Pegawai Ditahan", "Withheld employees"),
}
_MAX_SHEET_ROWS = 1_048_575


def write_tally(tally: Tally, path: str | Path, lang: Lang | None = None) -> list[Path]:
    """Write ``tally`` to ``path`` (see the module's docstring) with headers and words in
    ``lang`` (None: the language in force); the files written."""
    from tukin._language import resolve

    lang = resolve(lang)
    path = Path(path)
    if path.suffix.lower() == ".xlsx":
        return [_workbook(tally, path, lang)]
    out = [path]
    tally.attendance.to_csv(path, index=False)
    for name in ("days", "rejected", "withheld"):
        side = path.with_name(f"{path.stem}.{name}.csv")
        _people_frame(getattr(tally, name), lang, labelled=False).to_csv(side, index=False)
        out.append(side)
    return out


def _people_frame(frame: pd.DataFrame, lang: Lang, *, labelled: bool = True) -> pd.DataFrame:
    from tukin.io.safe import neutralise_frame

    shown = frame.copy()
    for name in shown.columns:
        if isinstance(shown[name].dtype, pd.CategoricalDtype):
            shown[name] = shown[name].astype(object)
    if "date" in shown and pd.api.types.is_datetime64_any_dtype(shown["date"].dtype):
        shown["date"] = shown["date"].dt.date
    shown = neutralise_frame(shown)
    if labelled:
        i = 0 if lang == "id" else 1
        shown = shown.rename(columns={c: LABELS[c][i] for c in shown.columns if c in LABELS})
    return shown


def _workbook(tally: Tally, path: Path, lang: Lang) -> Path:
    import openpyxl

    from tukin.contract import TABLES
    from tukin.io._xlsx import TEMPLATE_TIME, autosize, save, style_header, write_rows
    from tukin.io.excel_template import _table_sheet
    from tukin.io.headers import sheet_name

    i = 0 if lang == "id" else 1
    for name, titles in _SHEETS.items():  # the rejected rows too: a quarter's log (review 96)
        rows = len(getattr(tally, name))
        if rows > _MAX_SHEET_ROWS:
            raise ArgumentError(
                code="log_days_too_many", value=rows, sheet=titles[i], detail=path.name
            )
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet_name("attendance", lang)
    _table_sheet(ws, TABLES["attendance"], lang, tally.attendance)
    for name, titles in _SHEETS.items():
        frame = _people_frame(getattr(tally, name), lang)
        sheet = wb.create_sheet(titles[i])
        write_rows(sheet, [list(frame.columns)])
        write_rows(sheet, _values(frame), start=2)
        style_header(sheet)
        autosize(sheet)
    save(wb, path, TEMPLATE_TIME)  # the same bytes for the same tally
    return path


def _values(frame: pd.DataFrame) -> Any:
    columns = [
        frame[c].astype(object).where(frame[c].notna(), None).tolist() for c in frame.columns
    ]
    return zip(*columns, strict=True) if columns else iter(())
