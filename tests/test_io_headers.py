"""Headers as offices write them, and the rows and columns a sheet holds besides the table.

A Kukar HR clerk's workbook: ``Tgl Selesai`` for the end date, ``N I P``, an absensi export
with ``No``, ``Nama`` and ``Keterangan`` beside the codes, a KOP above the header, rows hidden
instead of deleted. Each test fails on the reader that ignored or misread them.
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from io_helpers import NIPS, SHEET_ROWS, compute, problems_by_code

from tukin import io
from tukin.errors import CalculationError
from tukin.io import _aliases

DOCS = Path(__file__).resolve().parent.parent / "docs" / "data-contract.md"

HEADS: dict[str, list[str]] = {
    "Unit": ["ID Unit", "Nama Unit", "ID Unit Induk", "Jenis Unit"],
    "Jabatan": [
        "ID Jabatan",
        "Nama Jabatan",
        "ID Unit",
        "Jenis Jabatan",
        "Kelas Jabatan",
        "ID Jabatan Atasan",
    ],
    "Pegawai": ["NIP", "Nama", "ID Jabatan", "Status", "Tanggal Mulai", "Tanggal Selesai"],
    "Kehadiran": ["NIP", "Periode", "TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4"]
    + ["TK", "Sakit", "Izin", "Cuti", "Apel"],
}
ANI_LEFT = dt.date(2025, 9, 30)  # Ani retired at the end of September: nothing for October


def rows() -> dict[str, list[list[Any]]]:
    out = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
    out["Pegawai"][0][5] = ANI_LEFT
    return out


def book(
    path: Path,
    heads: dict[str, list[str]] | None = None,
    data: dict[str, list[list[Any]]] | None = None,
    above: dict[str, list[list[Any]]] | None = None,
) -> Path:
    """A workbook as a clerk makes it by hand: no template, no ``_kontrak`` sheet."""
    heads = {**HEADS, **(heads or {})}
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet, values in (data or rows()).items():
        ws = wb.create_sheet(sheet)
        for line in (above or {}).get(sheet, []):
            ws.append(line)
        ws.append(heads[sheet])
        for row in values:
            ws.append(row)
    wb.save(path)
    return path


def read(path: Path, **options: Any) -> tuple[Any, dict[str, Any]]:
    """The Dataset and its reader warnings by code."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        ds = io.read_dataset(path, **options)
    return ds, {getattr(w.message, "code", None): w.message for w in caught}


def _all_warnings(path: Path) -> list[Any]:
    """Every reader warning of a read (several may share a code)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        io.read_dataset(path)
    return [w.message for w in caught]


def paid(ds: Any) -> set[str]:
    return set(compute(ds).to_frame()["nip"])


def with_columns(data: dict[str, list[list[Any]]], sheet: str, **columns: list[Any]) -> None:
    for values in columns.values():
        for row, value in zip(data[sheet], values, strict=True):
            row.append(value)


class TestAliases:
    @pytest.mark.parametrize(
        ("start", "end"),
        [
            ("Tgl Mulai", "Tgl Selesai"),
            ("Tgl. Mulai", "Tgl. Selesai"),
            ("TMT Jabatan", "Tanggal Akhir"),
            ("Tanggal Mulai Tugas", "Tanggal Berhenti"),
            ("Mulai", "Selesai"),
            ("TanggalMulai", "TanggalSelesai"),
        ],
    )
    def test_usual_date_headers_are_read(self, tmp_path: Path, start: str, end: str):
        """The end date under an office's header is read: the retiree is not paid for October."""
        heads = {"Pegawai": ["NIP", "Nama", "ID Jabatan", "Status", start, end]}
        ds, _ = read(book(tmp_path / "a.xlsx", heads))
        assert ds.report.ok, ds.report.describe()
        assert paid(ds) == set(NIPS[1:])
        dedi = ds["employees"].set_index("nip").loc[NIPS[3], "start_date"]
        assert dedi == dt.datetime(2025, 10, 16)

    @pytest.mark.parametrize("nip", ["N I P", "N.I.P.", "n.i.p", "NIP Baru"])
    def test_spelt_out_nip_and_employee_name(self, tmp_path: Path, nip: str):
        """``N I P`` is the NIP in both sheets (not an attendance code), ``Nama Pegawai`` the name."""
        heads = {
            "Pegawai": [nip, "Nama Pegawai", "ID Jabatan", "Status", "Tanggal Mulai"],
            "Kehadiran": [nip, *HEADS["Kehadiran"][1:]],
        }
        data = rows()
        for row in data["Pegawai"]:
            del row[5:]
        ds, _ = read(book(tmp_path / "a.xlsx", heads, data))
        assert ds.report.ok, ds.report.describe()
        assert ds["employees"].set_index("nip").loc[NIPS[0], "name"] == "Ani"
        assert "n_i_p" not in ds.attendance_codes and len(ds["attendance"]) == 4

    def test_an_exact_heading_wins_over_an_alias(self, tmp_path: Path):
        """``Nama`` beside ``Nama Pegawai``: the heading is the name, not a column given twice."""
        heads = {"Pegawai": [*HEADS["Pegawai"], "Nama Pegawai"]}
        data = rows()
        with_columns(data, "Pegawai", other=["A", "B", "C", "D"])
        ds, _ = read(book(tmp_path / "a.xlsx", heads, data))
        assert ds.report.ok, ds.report.describe()
        assert ds["employees"].set_index("nip").loc[NIPS[0], "name"] == "Ani"

    def test_work_items_read_kode_unit_as_the_unit(self, tmp_path: Path):
        """A "Program Kegiatan" export headed ``Kode Unit`` (review 52): the alias held in
        Unit and Jabatan but not here, so the unit column was missing and the whole table
        rejected."""
        from tukin.io.headers import map_columns

        heads = ["ID Program/Kegiatan", "Nama Program/Kegiatan", "Tingkat", "Kode Unit"]
        assert map_columns("work_items", heads)[3] == "unit_id"

    @pytest.mark.parametrize("table", ["work_items", "indicators", "budget_realisations"])
    def test_the_work_item_id_without_its_slash_is_the_work_item(self, table: str):
        """e-Pantau heads the column ``ID Program Kegiatan`` (review 52's export): a near
        miss of ``ID Program/Kegiatan`` reported as unknown_header, and the table rejected
        for lack of its work item. It can mean nothing else, in every table holding it."""
        from tukin.io.headers import map_columns

        assert map_columns(table, ["ID Program Kegiatan"]) == ["work_item_id"]

    def test_a_column_that_means_the_same_in_every_table_is_spelt_alike(self):
        """A NIP, a period, and a reference named after the key it references (``unit_id``
        of positions and work items is the unit's ``unit_id``) mean one thing in every
        table: any spelling one table accepts for such a column, every table holding it
        accepts. Columns named alike that mean different things (``status``, ``name``,
        ``parent_id``) are not compared."""
        from tukin.contract import TABLES
        from tukin.io.headers import map_columns

        same: dict[str, set[str]] = {"nip": set(), "period": set()}
        for spec in TABLES.values():
            for col in spec.columns:
                if col.ref is not None and col.ref[1] == col.name:
                    same.setdefault(col.name, set())
        for name in same:
            for table, spelt in _aliases.ALIASES.items():
                if name in spelt and name in TABLES[table].names:
                    same[name] |= set(spelt[name])
        gaps = [
            (table, name, alias)
            for name, aliases in same.items()
            for table, spec in TABLES.items()
            if name in spec.names
            for alias in sorted(aliases)
            if map_columns(table, [alias]) != [name]
        ]
        assert not gaps

    def test_docs_list_the_aliases(self):
        """docs/data-contract.md embeds the alias list verbatim."""
        assert _aliases.to_markdown() in DOCS.read_text(encoding="utf-8")

    def test_docs_name_the_files_of_a_csv_folder(self, tmp_path: Path):
        """The page said nowhere what the files of a CSV folder are called (review 46): it
        lists every table's sheet names, which name its file, and they are read so."""
        from tukin.io.headers import SHEETS, table_for_sheet

        text = DOCS.read_text(encoding="utf-8")
        for table, (id_name, en_name) in SHEETS.items():
            assert f"| `{table}` | {id_name} | {en_name} |" in text
            for stem in (table, id_name, en_name, id_name.lower().replace(" ", "_")):
                assert table_for_sheet(stem) == table, stem


class TestResemblingHeaders:
    @pytest.mark.parametrize(
        ("end", "lang", "suggestion"),
        [
            ("Tanggal Selesa", "id", "Tanggal Selesai"),
            ("TMT Pensiun", "id", "Tanggal Selesai"),  # first day of pension: not the last day
            ("Tanggal Selesa", "en", "Tanggal Selesai"),  # the header's own language
            ("End dat", "id", "End date"),
        ],
    )
    def test_an_end_date_under_an_unknown_header_stops_the_payment(
        self, tmp_path: Path, end: str, lang: str, suggestion: str
    ):
        """The column is not read, so no one is paid until it is renamed (a leaver would be)."""
        heads = {"Pegawai": [*HEADS["Pegawai"][:5], end]}
        ds, _ = read(book(tmp_path / "a.xlsx", heads), lang=lang)
        [problem] = problems_by_code(ds)["unknown_header"]
        assert problem.fields["suggestion"] == suggestion
        column = "kolom" if lang == "id" else "column"
        assert problem.where(lang) == f"sheet Pegawai, {column} F"
        assert f"'{suggestion}'" in problem.message("id") and "maksud" in problem.message("id")
        with pytest.raises(CalculationError) as info:
            compute(ds)
        assert info.value.code == "input_not_read" and end in info.value.message("en")

    def test_same_in_a_csv_file(self, tmp_path: Path):
        """A CSV header is judged alike."""
        folder = tmp_path / "csv"
        io.write_frames(
            {"employees": _employees_frame()}, folder
        )  # contract names; then misspell one
        path = folder / "employees.csv"
        path.write_text(path.read_text().replace("end_date", "Tanggal Selesa", 1))
        ds, _ = read(path)
        assert problems_by_code(ds)["unknown_header"][0].where("id") == (
            "berkas employees.csv, kolom F"
        )

    @pytest.mark.parametrize(
        ("head", "values"),
        [
            ("Tanggal Lahir", [dt.date(1980, 1, 1)] * 4),  # a different word, not a typo
            ("Golongan Akhir", ["IV/c", "III/d", "III/a", "II/c"]),  # 'akhir', but no dates
            ("Tanggal Selesa", [None] * 4),  # resembles the end date, but holds nothing
        ],
    )
    def test_columns_that_lose_nothing_are_only_listed(
        self, tmp_path: Path, head: str, values: list[Any]
    ):
        """Such columns are extra columns, named once in an ``extra_columns`` warning."""
        heads = {"Pegawai": [*HEADS["Pegawai"], head]}
        data = rows()
        with_columns(data, "Pegawai", extra=values)
        ds, caught = read(book(tmp_path / "a.xlsx", heads, data))
        assert ds.report.ok, ds.report.describe()
        assert f"G ({head})" in caught["extra_columns"].message("id")
        assert paid(ds) == set(NIPS[1:])


def _employees_frame() -> Any:
    from io_helpers import frames

    employees = frames()["employees"]
    employees.loc[0, "end_date"] = dt.datetime(2025, 9, 30)
    return employees


class TestAttendanceColumns:
    def test_names_and_notes_are_not_codes(self, tmp_path: Path):
        """``No``, ``Nama``, ``Jabatan``, ``Keterangan`` of an absensi export: one warning,
        every row kept and everyone paid, as without them."""
        heads = {"Kehadiran": ["No", "NIP", "Nama", "Jabatan", *HEADS["Kehadiran"][1:], "Ket."]}
        data = rows()
        names = ["Ani", "Budi", "Citra", "Dedi"]
        data["Kehadiran"] = [
            [i, r[0], names[i - 1], "Staf", *r[1:], "cuti" if i == 2 else None]
            for i, r in enumerate(data["Kehadiran"], 1)
        ]
        ds, caught = read(book(tmp_path / "a.xlsx", heads, data))
        assert ds.report.ok, ds.report.describe()
        note = caught["not_codes"].message("id")
        assert "A (No), C (Nama), D (Jabatan), S (Ket.)" in note
        assert not {"no", "nama", "jabatan", "ket"} & set(ds.attendance_codes)
        assert paid(ds) == set(NIPS[1:])

    def test_an_unknown_code_written_as_text_still_rejects_its_rows(self, tmp_path: Path):
        """A pack's own code (``DL``) typed as ``2 hari`` is a code with a bad count, not a
        column of notes: dropped, its cut would vanish and the employee be paid in full."""
        heads = {"Kehadiran": [*HEADS["Kehadiran"], "DL"]}
        data = rows()
        with_columns(data, "Kehadiran", dl=[None, "2 hari", None, None])
        ds, caught = read(book(tmp_path / "a.xlsx", heads, data))
        assert "not_codes" not in caught
        [problem] = ds.report.problems
        assert (problem.code, problem.where("id")) == (
            "not_a_number",
            "sheet Kehadiran, baris 3, kolom P (DL)",
        )

    def test_a_descriptive_column_is_no_code_but_a_bad_count_still_rejects_its_row(
        self, tmp_path: Path
    ):
        """``Lokasi`` holding text is dropped; ``x`` in TL1 rejects Budi's row, named once."""
        heads = {"Kehadiran": [*HEADS["Kehadiran"], "Lokasi"]}
        data = rows()
        with_columns(data, "Kehadiran", where=["Tenggarong", "Loa Janan", None, "Samboja"])
        data["Kehadiran"][1][2] = "x"
        ds, caught = read(book(tmp_path / "a.xlsx", heads, data))
        assert "P (Lokasi)" in caught["not_codes"].message("en")
        assert caught["not_codes"].params["columns"] == ["Lokasi"]  # a list (review 88)
        [problem] = ds.report.problems
        assert (problem.code, problem.where("id")) == (
            "not_a_number",
            "sheet Kehadiran, baris 3, kolom C (TL1)",
        )


class TestSheetLayout:
    def test_kop_period_line_is_not_the_header(self, tmp_path: Path):
        """``Periode | : Oktober 2025`` above the table: the real header is read, and a warning
        names the row taken as header."""
        kop = [["PEMERINTAH KABUPATEN KUTAI KARTANEGARA"], ["Periode", ": Oktober 2025"], []]
        ds, caught = read(book(tmp_path / "a.xlsx", above={"Kehadiran": kop}))
        assert ds.report.ok, ds.report.describe()
        assert len(ds["attendance"]) == 4
        message = caught["header_row"].message("id")
        assert "baris 4" in message and "baris 2" in message

    def test_totals_line_and_signature_block_are_not_data(self, tmp_path: Path):
        """Under the table every office prints a JUMLAH line and the head's signature block
        ending with "NIP. 1966…". Read as data, the NIP line was a row of the signer's own
        with no period, which stopped the signer's payment. They are skipped, with a warning
        naming the rows; the same lines *inside* the data stay data and are rejected."""
        data = rows()
        signer = NIPS[0]
        spaced = f"NIP. {signer[:8]} {signer[8:14]} {signer[14]} {signer[15:]}"
        data["Kehadiran"] += [
            ["JUMLAH", None, 3, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0],
            [],
            [None, "Tenggarong, 3 November 2025"],
            [None, "Kepala Dinas A"],
            [],
            [None, "Ani"],
            [spaced],
        ]
        data["Pegawai"] += [["JUMLAH", "4 orang"]]
        path = book(tmp_path / "a.xlsx", data=data)
        ds, caught = read(path)
        # no row rejected: nothing stops the signer's payment, no "employee" without a NIP
        assert ds.report.ok, ds.report.describe()
        assert len(ds["attendance"]) == 4 and len(ds["employees"]) == 4
        note = caught["footer_rows"].message("id")
        assert "'Kehadiran'" in note and "6, 8-9, 11-12" in note
        # a caption-like row among the data is an incomplete row of data: rejected, not skipped
        data = rows()
        data["Pegawai"].insert(1, [None, "Tanpa NIP"])
        ds, caught = read(book(tmp_path / "b.xlsx", data=data))
        assert "required_value" in problems_by_code(ds) and "footer_rows" not in caught

    def test_a_totals_line_of_formulas_no_excel_calculated_is_not_data(self, tmp_path: Path):
        """A JUMLAH line holds ``=SUM(...)``; in a file a program wrote (openpyxl stores no
        result) each sum was an unreadable cell, and a row with one was taken as data: an
        "employee" JUMLAH rejected with a problem per column, and a notice that a rejected
        row might be someone's October. The sums are no data either way: the line is
        skipped like the same line Excel saved. A row of data with such a cell is still
        rejected, its cell named."""
        data = rows()
        data["Kehadiran"] += [["JUMLAH", None, *(f"=SUM({c}2:{c}5)" for c in "CDEFGHIJKLMNO")]]
        ds, caught = read(book(tmp_path / "a.xlsx", data=data))
        assert ds.report.ok, ds.report.describe()
        assert "'Kehadiran': baris 6 " in caught["footer_rows"].message("id")
        data = rows()
        data["Kehadiran"][1][2] = "=1+1"
        ds, caught = read(book(tmp_path / "b.xlsx", data=data))
        assert [p.where("id") for p in problems_by_code(ds)["formula_no_value"]] == [
            "sheet Kehadiran, baris 3, kolom C (TL1)"
        ]
        assert "footer_rows" not in caught
        # nor is a last row whose NIP is such a formula: it may be anyone's
        data = rows()
        data["Pegawai"][-1][0] = f'="{NIPS[3]}"'
        ds, caught = read(book(tmp_path / "c.xlsx", data=data))
        assert [p.where("id") for p in problems_by_code(ds)["formula_no_value"]] == [
            "sheet Pegawai, baris 5, kolom A (NIP)"
        ]
        assert "footer_rows" not in caught

    def test_a_header_repeated_after_a_page_break_is_not_data(self, tmp_path: Path):
        """A SIMPEG print export repeats the header row after each page break (review 52):
        read as data it was an employee rejected with four problems. A row holding exactly
        the header's labels in its columns is skipped, with a notice naming sheet and row."""
        data = rows()
        data["Pegawai"].insert(2, list(HEADS["Pegawai"]))
        data["Kehadiran"].insert(1, [h.upper() for h in HEADS["Kehadiran"]])
        ds, caught = read(book(tmp_path / "a.xlsx", data=data))
        assert ds.report.ok, ds.report.describe()
        assert len(ds["employees"]) == 4 and len(ds["attendance"]) == 4
        notes = [
            str(w)
            for w in _all_warnings(tmp_path / "a.xlsx")
            if getattr(w, "code", None) == "header_repeated"
        ]
        assert any("'Pegawai': baris 4 " in n for n in notes), notes
        assert any("'Kehadiran': baris 3 " in n for n in notes), notes
        # a row that only begins like the header is data: rejected, counted
        data = rows()
        data["Pegawai"].insert(2, [*HEADS["Pegawai"][:5], "31/10/2025"])
        ds, caught = read(book(tmp_path / "b.xlsx", data=data))
        assert "header_repeated" not in caught
        assert ds.report.counts["employees"].rejected == 1

    def test_a_totals_line_with_a_caption_and_a_count_is_not_an_employee(self, tmp_path: Path):
        """``JUMLAH PEGAWAI`` under the employees with the head count in the NIP column: read
        as data it was an "employee" rejected for a NIP of 2 digits, so the count of
        employees in no longer matched the list (in = paid + rejected, one too many)."""
        heads = {"Pegawai": ["No", "Nama", *HEADS["Pegawai"][:1], *HEADS["Pegawai"][2:]]}
        data = rows()
        data["Pegawai"] = [[i, r[1], r[0], *r[2:]] for i, r in enumerate(data["Pegawai"], 1)]
        data["Pegawai"] += [[], [None, "JUMLAH PEGAWAI", 4], ["Total TPP:"]]
        data["Kehadiran"] += [["Jumlah Total", None, 3]]
        with warnings.catch_warnings(record=True) as caught_all:
            warnings.simplefilter("always")
            ds = io.read_dataset(book(tmp_path / "a.xlsx", heads, data))
        assert ds.report.ok, ds.report.describe()
        assert len(ds["employees"]) == 4 and len(ds["attendance"]) == 4
        notes = [str(w.message) for w in caught_all if "baris jumlah" in str(w.message)]
        assert any("'Pegawai': baris 7-8" in n for n in notes), notes
        # a row holding a NIP is data, whatever its first cell says (a name "Total Suryani")
        data = rows()
        data["Pegawai"] = [[None, r[1], r[0], *r[2:]] for r in data["Pegawai"]]
        data["Pegawai"][1][1] = "Total Suryani"
        ds, caught = read(book(tmp_path / "b.xlsx", heads, data))
        assert len(ds["employees"]) == 4 and "footer_rows" not in caught

    def test_a_row_among_the_data_named_jumlah_right_of_its_key_is_data(self, tmp_path: Path):
        """An indicator named "Jumlah UMKM yang dibina" whose ids were left blank was skipped
        as a totals line in the middle of its sheet (review 36): a caption right of the key
        is a totals line only below the data; among the data the row is rejected, counted."""
        data = rows()
        data["Pegawai"].insert(1, [None, "Jumlah Guru Honorer", "pns"])
        ds, caught = read(book(tmp_path / "a.xlsx", data=data))
        assert "required_value" in problems_by_code(ds) and "footer_rows" not in caught
        assert ds.report.counts["employees"].rejected == 1
        data = rows()  # "JUMLAH" in a key column right of the first (Kehadiran's Periode)
        data["Kehadiran"] += [[None, "JUMLAH", 3], ["Catatan: dari mesin", "x", "y"]]
        ds, caught = read(book(tmp_path / "c.xlsx", data=data))
        assert "baris 6 " in caught["footer_rows"].message("id")  # the JUMLAH line, skipped
        assert ds.report.counts["attendance"].rejected == 1  # the note line alone is data
        data = rows()
        data["Pegawai"] += [[None, "Jumlah Pegawai", 4]]  # below the data: a totals line
        ds, caught = read(book(tmp_path / "b.xlsx", data=data))
        assert ds.report.ok and "footer_rows" in caught

    def test_a_codes_level_written_apart_is_the_code(self, tmp_path: Path):
        """``TL 1`` ... ``PSW 4`` (an absensi export's spacing) were the codes ``tl_1``...,
        which no rule reads: the month's lateness went unread (review 34)."""
        spaced = [h[:-1] + " " + h[-1] if h in CODES else h for h in HEADS["Kehadiran"]]
        plain, _ = read(book(tmp_path / "plain.xlsx"))
        ds, _ = read(book(tmp_path / "spaced.xlsx", {"Kehadiran": spaced}))
        assert ds.report.ok, ds.report.describe()
        assert (
            ds["attendance"]
            .reset_index(drop=True)
            .equals(plain["attendance"].reset_index(drop=True))
        )
        from tukin.io.headers import code_column  # only those codes: a word and a number stay

        assert [code_column(h) for h in ("CP 3", "Izin 1", "Cuti 2", "Apel 1")] == [
            "cp3",
            "izin_1",
            "cuti_2",
            "apel_1",
        ]

    def test_hidden_rows_and_columns_are_read_with_a_warning(self, tmp_path: Path):
        """Hiding is not deleting: the rows are read, and the warning names them."""
        path = book(tmp_path / "a.xlsx")
        wb = openpyxl.load_workbook(path)
        ws = wb["Pegawai"]
        ws.auto_filter.ref = "A1:F5"
        for r in (2, 4, 5):
            ws.row_dimensions[r].hidden = True
        wb["Kehadiran"].column_dimensions["K"].hidden = True
        wb.save(path)
        ds, caught = read(path)
        assert len(ds["employees"]) == 4
        rows_note = caught["hidden_rows"].message("id")
        assert "'Pegawai'" in rows_note and "2, 4-5" in rows_note
        assert "K (TK)" in caught["hidden_columns"].message("en")

    def test_a_predikat_sheet_is_pointed_at_the_appraisal_sheet(self, tmp_path: Path):
        """NIP, Nama, Periode, Predikat is no attendance table: 'did you mean Penilaian SKP?'"""
        data = rows()
        data["Predikat"] = [[n, "x", "2025-10", "Baik"] for n in NIPS]
        heads = {"Predikat": ["NIP", "Nama", "Periode", "Predikat"]}
        ds, _ = read(book(tmp_path / "a.xlsx", heads, data))
        found = problems_by_code(ds)
        assert "sheet_not_read" not in found
        assert found["unknown_sheet"][0].fields["suggestion"] == "Penilaian SKP"

    def test_a_predikat_column_names_the_two_ratings(self, tmp_path: Path):
        """Penilaian SKP holding the predikat instead of the ratings: which columns to give."""
        data = rows()
        data["Penilaian SKP"] = [[n, "2025-10", "Baik"] for n in NIPS]
        heads = {"Penilaian SKP": ["NIP", "Periode", "Predikat Kinerja"]}
        ds, _ = read(book(tmp_path / "a.xlsx", heads, data))
        [problem] = problems_by_code(ds)["predikat_column"]
        assert problem.where("id") == "sheet Penilaian SKP, kolom C"
        assert "'Hasil Kerja'" in problem.message("id")
        assert "'Perilaku Kerja'" in problem.message("id")


def _recap(path: Path, sub: list[str], *, merge_down: bool = True, title: bool = False) -> Path:
    """The plain book with its Kehadiran sheet laid out as an absensi recap prints it: a KOP,
    then ``NIP | Periode | Terlambat | Pulang Cepat | TK ...`` over ``TL1..TL4 PSW1..PSW4``
    (``sub``), the groups merged across and the other headings merged down both rows."""
    book(path)
    wb = openpyxl.load_workbook(path)
    del wb["Kehadiran"]
    ws = wb.create_sheet("Kehadiran")
    ws.append(["REKAP KEHADIRAN PEGAWAI"] + [None] * 14)
    if title:
        ws.merge_cells("A1:O1")
    ws.append(["Periode : Oktober 2025"])
    ws.append(
        ["NIP", "Periode", "Terlambat", None, None, None, "Pulang Cepat", None, None, None]
        + ["TK", "Sakit", "Izin", "Cuti", "Apel"]
    )
    ws.append([None, None, *sub, None, None, None, None, None])
    ws.merge_cells("C3:F3")
    ws.merge_cells("G3:J3")
    if merge_down:
        for letter in "ABKLMNO":
            ws.merge_cells(f"{letter}3:{letter}4")
    for row in SHEET_ROWS["Kehadiran"]:
        ws.append(row)
    wb.save(path)
    return path


CODES = ["TL1", "TL2", "TL3", "TL4", "PSW1", "PSW2", "PSW3", "PSW4"]


class TestTwoRowHeaders:
    @pytest.mark.parametrize("merge_down", [True, False])
    def test_grouped_codes_under_merged_headings_are_read(self, tmp_path: Path, merge_down: bool):
        """``Terlambat`` merged over TL1..TL4 and ``NIP`` merged down: the recap is read as the
        plain sheet is, with a note naming the two header rows. Row by row it was refused
        (the codes' row names no NIP, the NIP's row names no code)."""
        plain, _ = read(book(tmp_path / "plain.xlsx"))
        ds, caught = read(_recap(tmp_path / "recap.xlsx", CODES, merge_down=merge_down))
        assert ds.report.ok, ds.report.describe()
        got = ds["attendance"].reset_index(drop=True)
        want = plain["attendance"].reset_index(drop=True)
        assert got.equals(want)
        assert compute(ds).to_frame().equals(compute(plain).to_frame())
        assert "3-4" in caught["header_two_rows"].message("id")
        assert "'Kehadiran'" in caught["header_two_rows"].message("en")

    def test_numbered_codes_take_their_group_name(self, tmp_path: Path):
        """``Terlambat`` over ``1 2 3 4``: the codes are ``terlambat_1``..., as the sheet says
        (a rule reading TL1 is told these are not its codes, before any payment)."""
        ds, _ = read(_recap(tmp_path / "recap.xlsx", ["1", "2", "3", "4", "1", "2", "3", "4"]))
        assert ds.report.ok, ds.report.describe()
        columns = set(ds["attendance"].columns)
        assert {"terlambat_1", "terlambat_4", "pulang_cepat_1", "tk", "apel"} <= columns
        assert "tl1" not in columns
        assert ds["attendance"].set_index("nip").loc[NIPS[1], "terlambat_1"] == 2
        ranges = ["1-30", "31-60", "61-90", "> 90"] * 2
        ds, _ = read(_recap(tmp_path / "ranges.xlsx", ranges))
        columns = set(ds["attendance"].columns)
        assert {"terlambat_1_30", "terlambat_lebih_90", "pulang_cepat_lebih_90"} <= columns

    @pytest.mark.parametrize("stray", [None, "Hal. 1"])
    def test_a_title_merged_over_a_plain_header_is_no_group(
        self, tmp_path: Path, stray: str | None
    ):
        """A title merged across the table above a one-row header: read as before, no note,
        also with stray text beside the title (``Hal. 1`` in column Q): it stands over
        nothing and is no heading of the table (it had become a code column of zeros)."""
        title = ["REKAP KEHADIRAN", *[None] * 15, stray]
        path = book(tmp_path / "a.xlsx", above={"Kehadiran": [title]})
        wb = openpyxl.load_workbook(path)
        wb["Kehadiran"].merge_cells("A1:O1")
        wb.save(path)
        ds, caught = read(path)
        assert ds.report.ok, ds.report.describe()
        assert len(ds["attendance"]) == 4 and "header_two_rows" not in caught
        assert "hal_1" not in ds["attendance"].columns

    def test_a_group_over_data_is_still_a_hidden_header(self, tmp_path: Path):
        """``Terlambat`` merged over TL1..TL4 with the data right under it: which column is
        which nobody can tell, so the sheet's rows are refused as before."""
        path = book(tmp_path / "a.xlsx")
        wb = openpyxl.load_workbook(path)
        wb["Kehadiran"]["C1"] = "Terlambat"
        wb["Kehadiran"].merge_cells("C1:F1")
        wb.save(path)
        ds, caught = read(path)
        assert "header_two_rows" not in caught
        assert "merged_header_column" in problems_by_code(ds)
        assert ds["attendance"].empty


SALARY_RULES = """\
name: gaji-test
version: "1"
title: gaji pokok dibaca
regulation: test
valid_from: 2024-01-01
period_kinds: [month]
steps:
  - id: pay
    type: formula
    label: gaji
    label_en: salary
    expr: rupiah(gaji_pokok)
    unit: rupiah
outputs:
  allowance: pay
"""


class TestExtraColumnOfMoney:
    """An extra column typed by hand (review 52): SIMPEG's ``Gaji Pokok`` mixes numbers with
    ``6.388.100`` and ``Rp 4.980.500,00`` typed as text. It stayed text, and a rule doing
    arithmetic on it stopped naming no cell."""

    def _book(self, tmp_path: Path, salaries: list[Any]) -> Path:
        heads = {"Pegawai": [*HEADS["Pegawai"], "Gaji Pokok"]}
        data = rows()
        with_columns(data, "Pegawai", salary=salaries)
        return book(tmp_path / "a.xlsx", heads, data)

    def _pay(self, ds: Any, tmp_path: Path) -> Any:
        from tukin import calculate, load_ruleset

        rules = tmp_path / "gaji.yaml"
        rules.write_text(SALARY_RULES, encoding="utf-8")
        return calculate(ds, load_ruleset(rules), "2025-10")

    def test_numbers_written_as_text_beside_numbers_are_read_as_numbers(self, tmp_path: Path):
        """Every cell reads as a number by the column rule the CSV reader applies: the column
        is numbers, exact rupiah."""
        path = self._book(tmp_path, [5818100, "4.679.600", "Rp 3.100.000,00", "Rp. 3.000.000,-"])
        ds, _ = read(path)
        assert ds["employees"]["Gaji Pokok"].tolist() == [5818100, 4679600, 3100000, 3000000]
        assert str(ds["employees"]["Gaji Pokok"].dtype) == "int64"
        assert self._pay(ds, tmp_path).receipt.total_allowance == 4679600 + 3100000 + 3000000

    def test_a_cell_that_is_no_number_is_named_where_it_is(self, tmp_path: Path):
        """``Rp. 3.000.000.-`` reads as no number: the column stays as given (nothing
        guessed), the read says which cell, and the rule's failure names it, in both
        languages: table, the row as the sheet numbers it, the column and the reason."""
        path = self._book(tmp_path, [5818100, "4.679.600", "Rp 3.100.000,00", "Rp. 3.000.000.-"])
        ds, caught = read(path)
        note = caught["extra_not_numbers"]
        assert "sheet Pegawai, baris 5, kolom G (Gaji Pokok)" in note.message("id")
        assert "'Rp. 3.000.000.-'" in note.message("en")
        with pytest.raises(CalculationError) as err:
            self._pay(ds, tmp_path)
        for lang, word in (("id", "bukan angka"), ("en", "is no number")):
            text = err.value.message(lang)
            assert "sheet Pegawai, baris 5, kolom G (Gaji Pokok)" in text, text
            assert "'Rp. 3.000.000.-'" in text and word in text, text
