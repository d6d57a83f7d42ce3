"""A small regency and a simple rule set shared by the file tests (Excel, CSV, export, CLI).

Plain functions, no fixtures: each test builds exactly the files it reads.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd

from tukin.calc.engine import calculate
from tukin.ruleset.load import load_ruleset

RULES = """
name: test-io
parameters:
  base:
    unit: rupiah
    values:
      - from: 2024-01-01
        value: {6: 2681989, 12: 7444800, 15: 13626776}
        reference: Kabupaten Seruyan 2022 (example values)
  share: {value: 0.6, reference: example}
steps:
  - id: dasar
    type: lookup
    key: grade
    table: $base
    unit: rupiah
  - id: potongan
    type: formula
    expr: min(1, 0.005 * tl1 + 0.03 * tk)
  - id: kotor
    type: formula
    expr: dasar * (share + (1 - share) * (1 - potongan)) * days_served / days_in_period
  - id: tpp
    type: round
    input: kotor
"""

NIPS = ["198001012005011001", "198101012005011002", "199001012015012003", "199101012015012004"]

# Rows as a HR officer types them into the Indonesian template (labels, dates, periods).
SHEET_ROWS: dict[str, list[list[Any]]] = {
    "Unit": [
        ["DINAS-A", "Dinas A", None, "opd"],
        ["DINAS-A.1", "Bidang Satu", "DINAS-A", "bidang"],
    ],
    "Jabatan": [
        ["J1", "Kepala Dinas A", "DINAS-A", "JPT", 15, None],
        ["J2", "Kepala Bidang Satu", "DINAS-A.1", "Administrator", 12, "J1"],
        ["J3", "Staf Bidang Satu", "DINAS-A.1", "Pelaksana", 6, "J2"],
    ],
    "Pegawai": [
        [NIPS[0], "Ani", "J1", "PNS", None, None],
        [NIPS[1], "Budi", "J2", "PNS", None, None],
        [NIPS[2], "Citra", "J3", "CPNS", None, None],
        [NIPS[3], "Dedi", "J3", "PNS", dt.date(2025, 10, 16), None],
    ],
    # NIP, Periode, TL1, TL2, TL3, TL4, PSW1..4, TK, Sakit, Izin, Cuti, Apel
    "Kehadiran": [
        [NIPS[0], "2025-10", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        [NIPS[1], "2025-10", 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
        [NIPS[2], "2025-10", 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
        [NIPS[3], "2025-10", 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ],
}


def frames() -> dict[str, pd.DataFrame]:
    """The same regency as contract-named DataFrames (for CSV, JSON and reference Datasets)."""
    units = pd.DataFrame(SHEET_ROWS["Unit"], columns=["unit_id", "name", "parent_id", "kind"])
    positions = pd.DataFrame(
        SHEET_ROWS["Jabatan"],
        columns=["position_id", "name", "unit_id", "kind", "grade", "superior_id"],
    )
    employees = pd.DataFrame(
        SHEET_ROWS["Pegawai"],
        columns=["nip", "name", "position_id", "status", "start_date", "end_date"],
    )
    employees["start_date"] = pd.to_datetime(employees["start_date"])
    employees["end_date"] = pd.to_datetime(employees["end_date"])
    codes = [
        "tl1",
        "tl2",
        "tl3",
        "tl4",
        "psw1",
        "psw2",
        "psw3",
        "psw4",
        "tk",
        "sakit",
        "izin",
        "cuti",
        "apel",
    ]
    attendance = pd.DataFrame(SHEET_ROWS["Kehadiran"], columns=["nip", "period", *codes])
    return {
        "units": units,
        "positions": positions,
        "employees": employees,
        "attendance": attendance,
        # the template's Penilaian SKP sheet, without rows: nobody appraised (a table not
        # given at all stops a rule set reading the ratings: appraisals_table_missing)
        "appraisals": pd.DataFrame(columns=["nip", "period", "results", "behaviour"]),
    }


def fill(path: Path, rows: dict[str, list[list[Any]]], start: int = 3) -> Path:
    """Type rows into a template's sheets from row ``start`` (row 2 keeps the example)."""
    wb = openpyxl.load_workbook(path)
    for sheet, values in rows.items():
        ws = wb[sheet]
        for i, row in enumerate(values):
            for j, value in enumerate(row, 1):
                ws.cell(row=start + i, column=j, value=value)
    wb.save(path)
    return path


def delete_examples(path: Path) -> Path:
    """Delete row 2 (the example) of every sheet, as the Petunjuk allows."""
    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        if ws.sheet_state == "visible" and ws.title != "Petunjuk":
            ws.delete_rows(2)
    wb.save(path)
    return path


def compute(dataset: Any) -> Any:
    return calculate(dataset, load_ruleset(RULES), "2025-10")


def problems_by_code(dataset: Any) -> dict[str, list[Any]]:
    out: dict[str, list[Any]] = {}
    for p in dataset.report.problems:
        out.setdefault(p.code, []).append(p)
    return out
