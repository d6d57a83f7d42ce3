"""The template's instructions sheet (Petunjuk) and its example rows.

Kept apart from the sheet layout because it is prose an HR lead may want to reword: every rule
the reader applies (example rows, number and date spellings, NIPs as text) is stated here in
the words an officer reads, in Indonesian first and English after (or the other way round).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from tukin.contract import TABLES
from tukin.errors import Lang
from tukin.io._xlsx import HEADER_FILL, write_rows
from tukin.io.headers import INSTRUCTIONS_SHEET, header, heading, sheet_name

__all__ = ["EXAMPLES", "write_instructions"]

_NIP = "198001012005011001"

#: One example row per table, in contract values; ids start with CONTOH so that a copied
#: example is recognisable in any report.
EXAMPLES: dict[str, dict[str, Any]] = {
    "units": {"unit_id": "CONTOH-OPD", "name": "Dinas Contoh", "kind": "opd"},
    "positions": {
        "position_id": "CONTOH-JAB",
        "name": "Kepala Dinas Contoh",
        "unit_id": "CONTOH-OPD",
        "kind": "jpt",
        "grade": 15,
    },
    "employees": {
        "nip": _NIP,
        "name": "Contoh Pegawai",
        "position_id": "CONTOH-JAB",
        "status": "pns",
        "start_date": dt.date(2025, 1, 1),
    },
    "work_items": {
        "work_item_id": "CONTOH-PRG",
        "code": "1.02.01",
        "name": "Program Contoh",
        "level": "program",
        "unit_id": "CONTOH-OPD",
        "responsible_position_id": "CONTOH-JAB",
        "budget": 1_500_000_000,
    },
    "indicators": {
        "indicator_id": "CONTOH-IND",
        "work_item_id": "CONTOH-PRG",
        "name": "Persentase dokumen selesai tepat waktu",
        "unit_of_measure": "%",
        "polarity": "higher",
        "weight": 1,
        "aggregation": "level",
    },
    "targets": {"indicator_id": "CONTOH-IND", "period": "2025-10", "target": 90},
    "realisations": {
        "indicator_id": "CONTOH-IND",
        "period": "2025-10",
        "value": 85.5,
        "status": "approved",
    },
    "budget_realisations": {
        "work_item_id": "CONTOH-PRG",
        "period": "2025-10",
        "spent": 125_000_000,
        "physical_pct": 40,
        "planned_spent": 150_000_000,
        "planned_physical_pct": 45,
        "status": "signed",
    },
    "attendance": {"nip": _NIP, "period": "2025-10", "tl1": 2, "sakit": 1, "apel": 1},
    "appraisals": {
        "nip": _NIP,
        "period": "2025-10",
        "results": "as_expected",
        "behaviour": "above",
    },
    "sanctions": {
        "nip": _NIP,
        "kind": "hukuman disiplin sedang",
        "percent": 25,
        "start_period": "2025-03",
        "months": 6,
        "reference": "800/123/BKPSDM/2025",
    },
    "acting": {
        "nip": _NIP,
        "position_id": "CONTOH-KADIS",
        "kind": "plt",
        "start_date": dt.date(2025, 10, 1),
        "end_date": dt.date(2025, 12, 31),
        "reference": "800/456/BKPSDM/2025",
    },
    "position_history": {
        "nip": _NIP,
        "position_id": "CONTOH-JAB",
        "status": "cpns",
        "start_date": dt.date(2024, 1, 1),
        "end_date": dt.date(2024, 12, 31),
        "reference": "800/789/BKPSDM/2025",
    },
}

_TEXT = {
    "id": (
        "Petunjuk pengisian",
        [
            "Isi setiap sheet dengan satu baris per data. Jangan mengubah judul kolom di baris 1 "
            "(judul bahasa Inggris juga diterima). Judul berwarna biru tua wajib diisi; arahkan "
            "kursor ke judul untuk melihat keterangannya.",
            "Baris 2 setiap sheet (huruf miring abu-abu) adalah CONTOH. Selama tidak diubah, baris "
            "contoh dilewati saat dibaca. Hapus, atau timpa dengan data sebenarnya: setelah "
            "ditimpa, baris itu dibaca sebagai data.",
            "NIP diisi sebagai teks 18 digit (kolom NIP sudah berformat Teks). NIP yang tersimpan "
            "sebagai angka kehilangan digit terakhir dan barisnya ditolak.",
            "Tanggal: tanggal Excel, atau teks 31/01/2025 (hari/bulan/tahun), 2025-01-31, "
            "31 Januari 2025.",
            "Periode: 2025-10 (bulan), 2025-Q3 (triwulan), 2025-C1 (caturwulan) atau 2025 (tahun); "
            "juga 10/2025 atau Oktober 2025.",
            "Angka: angka Excel, atau teks dengan titik ribuan dan koma desimal (1.234.567,5; "
            "Rp1.500.000). Rupiah tanpa desimal. Persen (40% atau sel berformat persen) dibaca 40.",
            "Pilihan (Status, Jenis Jabatan, Tingkat, Polaritas, Cara Agregasi, Hasil/Perilaku "
            "Kerja, Status Laporan): pilih dari daftar pada sel.",
            "Kehadiran: satu kolom per kode (TL1-TL4, PSW1-PSW4, TK, Sakit, Izin, Cuti, Apel). "
            "Kolom tambahan lain adalah kode baru; isinya jumlah bulat >= 0, kosong = 0. Kolom "
            "No, Nama, Jabatan, Keterangan (dan kolom yang isinya teks semua) bukan kode dan "
            "tidak dibaca. Arti setiap kode (besar potongan) ditentukan berkas aturan.",
            "Jangan menggabungkan sel (merge). Rumus boleh, asalkan berkas disimpan dengan Excel "
            "sehingga hasilnya ikut tersimpan.",
            "Kolom lain di luar daftar disimpan apa adanya dan dapat dipakai aturan daerah. Baris "
            "kosong dilewati. Baris yang disembunyikan atau tersaring TETAP dibaca: hapus baris "
            "pegawai yang tidak dibayar. Sheet tersembunyi _kontrak dipakai tukin: jangan diubah.",
        ],
    ),
    "en": (
        "How to fill in",
        [
            "Fill each sheet with one row per record. Keep the headers in row 1 (Indonesian and "
            "English headers are both accepted). Dark blue headers are required; hover over a "
            "header to read what to type.",
            "Row 2 of each sheet (grey italics) is an EXAMPLE. As long as it is unchanged it is "
            "skipped on reading. Delete it, or type real data over it: then it is read as data.",
            "Type NIPs as 18-digit text (the NIP columns are formatted as Text). A NIP stored as a "
            "number has lost its last digits and its row is rejected.",
            "Dates: Excel dates, or text 31/01/2025 (day/month/year), 2025-01-31, 31 January 2025.",
            "Periods: 2025-10 (month), 2025-Q3 (quarter), 2025-C1 (four months) or 2025 (year); "
            "also 10/2025 or October 2025.",
            "Numbers: Excel numbers, or text with dots for thousands and a decimal comma "
            "(1.234.567,5; Rp1.500.000). Rupiah are whole. A percentage (40% or a cell formatted "
            "as percent) reads as 40.",
            "Choices (status, position kind, level, polarity, aggregation, ratings, report "
            "status): pick from the cell's list.",
            "Attendance: one column per code (TL1-TL4, PSW1-PSW4, TK, Sakit, Izin, Cuti, Apel). "
            "Any other column is a new code; whole counts >= 0, blank = 0. No, Name, Position, "
            "Notes columns (and columns holding only text) are no codes and are not read. The "
            "rule file decides what each code costs.",
            "Do not merge cells. Formulas are fine if the file is saved by Excel, so that their "
            "results are saved too.",
            "Other columns are kept as they are and rules may read them. Blank rows are skipped. "
            "Hidden or filtered-out rows ARE read: delete the rows of staff not to be paid. The "
            "hidden sheet _kontrak is tukin's: do not edit it.",
        ],
    ),
}


def write_instructions(ws: Any, lang: Lang) -> None:
    """Fill ``ws`` with the instructions in ``lang`` then the other language, and a column list."""
    from openpyxl.styles import Alignment, Font, PatternFill

    ws.title = INSTRUCTIONS_SHEET[lang]
    other: Lang = "en" if lang == "id" else "id"
    r = 1
    for language in (lang, other):
        title, lines = _TEXT[language]
        ws.cell(row=r, column=1, value=title).font = Font(bold=True, size=14)
        r += 1
        for i, line in enumerate(lines, 1):
            write_rows(ws, [[f"{i}. {line}"]], start=r)
            ws.merge_cells(start_row=r, start_column=1, end_row=r, end_column=4)
            ws.row_dimensions[r].height = 15 * (1 + len(line) // 130)
            r += 1
        r += 1
    heads = (
        ["Sheet", "Kolom", "Wajib", "Keterangan"]
        if lang == "id"
        else ["Sheet", "Column", "Required", "Description"]
    )
    write_rows(ws, [heads], start=r)
    fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    for cell in ws[r]:
        cell.font = Font(bold=True)
        cell.fill = fill
    yes, no = ("ya", "tidak") if lang == "id" else ("yes", "no")
    rows = []
    for table, spec in TABLES.items():
        for col in spec.columns:
            h = heading(table, col.name)
            doc = h.doc_id if h is not None and lang == "id" else col.doc
            rows.append(
                [
                    sheet_name(table, lang),
                    header(table, col.name, lang),
                    yes if col.required else no,
                    doc,
                ]
            )
    write_rows(ws, rows, start=r + 1)
    ws.column_dimensions["A"].width = 22
    ws.column_dimensions["B"].width = 30
    ws.column_dimensions["C"].width = 10
    ws.column_dimensions["D"].width = 90
    for row in ws.iter_rows(min_row=1, max_row=ws.max_row):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
