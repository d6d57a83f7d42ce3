"""The Excel template and reader: round trip, typical mistakes located by sheet/row/column."""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from io_helpers import NIPS, SHEET_ROWS, compute, delete_examples, fill, frames, problems_by_code

from tukin import io
from tukin.dataset import Dataset
from tukin.errors import CalculationError, DatasetValidationError, InputFileError
from tukin.io.headers import HEADINGS, SHEETS
from tukin.io.safe import Limits

_SHEETS = {
    "Unit": "units",
    "Jabatan": "positions",
    "Pegawai": "employees",
    "Kehadiran": "attendance",
}


@pytest.fixture(scope="module")
def template_bytes(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return io.write_template(tmp_path_factory.mktemp("t") / "isian.xlsx").read_bytes()


@pytest.fixture
def template(tmp_path: Path, template_bytes: bytes) -> Path:
    """A fresh copy of the Indonesian template (written once per module: it is the same bytes)."""
    path = tmp_path / "isian.xlsx"
    path.write_bytes(template_bytes)
    return path


class TestTemplate:
    def test_one_sheet_per_table_plus_instructions_and_hidden_contract(self, template: Path):
        """Petunjuk first, one sheet per contract table, _kontrak hidden."""
        wb = openpyxl.load_workbook(template)
        assert wb.sheetnames == ["Petunjuk", *(s[0] for s in SHEETS.values()), "_kontrak"]
        assert wb["_kontrak"].sheet_state == "hidden"
        assert wb["_kontrak"]["F2"].value == "tukin-template/1"

    def test_indonesian_headers_frozen_and_example_row(self, template: Path):
        """Pegawai has the documented headers, a frozen header row and one example row."""
        ws = openpyxl.load_workbook(template)["Pegawai"]
        assert [c.value for c in ws[1]] == [
            "NIP",
            "Nama",
            "ID Jabatan",
            "Status",
            "Tanggal Mulai",
            "Tanggal Selesai",
        ]
        assert ws.freeze_panes == "A2"
        assert ws["A2"].value == "198001012005011001" and ws["A2"].font.i
        assert ws.max_row == 2

    def test_attendance_has_demo_codes(self, template: Path):
        """Kehadiran: NIP, Periode and the thirteen demo codes."""
        ws = openpyxl.load_workbook(template)["Kehadiran"]
        heads = [c.value for c in ws[1]]
        assert heads[:2] == ["NIP", "Periode"]
        assert [h.lower() for h in heads[2:]] == [
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

    def test_data_validation(self, template: Path):
        """Drop-downs for choices, 1-17 for grade, >= 0 for rupiah, 18 characters for NIP."""
        wb = openpyxl.load_workbook(template)
        rules = {
            (ws.title, str(dv.sqref).split(":")[0]): dv
            for ws in wb.worksheets
            for dv in ws.data_validations.dataValidation
        }
        assert rules[("Pegawai", "D2")].formula1 == '"PNS,CPNS,PPPK"'
        grade = rules[("Jabatan", "E2")]
        assert (grade.type, grade.formula1, grade.formula2) == ("whole", "1", "17")
        budget = rules[("Program Kegiatan", "H2")]
        assert (budget.type, budget.operator, budget.formula1) == (
            "whole",
            "greaterThanOrEqual",
            "0",
        )
        assert rules[("Pegawai", "A2")].type == "textLength"
        assert rules[("Pegawai", "E2")].type == "date"
        assert "sesuai ekspektasi" in rules[("Penilaian SKP", "C2")].formula1
        assert rules[("Kehadiran", "C2")].type == "whole"

    def test_nip_column_formatted_as_text(self, template: Path):
        """A NIP typed into the template stays text: the column is formatted '@'."""
        ws = openpyxl.load_workbook(template)["Pegawai"]
        assert ws.column_dimensions["A"].number_format == "@"

    def test_same_bytes_every_time(self, tmp_path: Path):
        """The template is reproducible byte for byte."""
        a = io.write_template(tmp_path / "a.xlsx").read_bytes()
        b = io.write_template(tmp_path / "b.xlsx").read_bytes()
        assert a == b

    def test_english_template_reads_back(self, tmp_path: Path):
        """English sheet names and headers read as the same tables."""
        path = io.write_template(tmp_path / "en.xlsx", lang="en")
        wb = openpyxl.load_workbook(path)
        assert "Employees" in wb.sheetnames and wb["Employees"]["C1"].value == "Position ID"
        ds = io.read_excel(path, lang="en")
        assert ds.report.ok and len(ds["employees"]) == 0

    def test_every_contract_column_has_a_heading(self):
        """headers.py names every contract column of every table."""
        from tukin.contract import TABLES

        assert {t: set(h) for t, h in HEADINGS.items()} == {
            t: set(spec.names) for t, spec in TABLES.items()
        }


class TestRoundTrip:
    def test_template_filled_read_calculated_exported(self, template: Path, tmp_path: Path):
        """Template -> typed rows -> Dataset -> result workbook: everyone present, totals equal."""
        fill(template, SHEET_ROWS)
        ds = io.read_excel(template)
        assert ds.report.ok, ds.report.describe()
        assert sorted(ds["employees"]["nip"]) == NIPS  # the example row was skipped
        assert ds.fingerprint() == Dataset.from_frames(**frames()).fingerprint()
        result = compute(ds)
        out = io.write_result(result, tmp_path / "hasil.xlsx")
        detail = pd.read_excel(out, sheet_name="Rincian", dtype={"NIP": str})
        paid = detail[detail["NIP"] != "JUMLAH"]
        assert sorted(paid["NIP"]) == NIPS
        total = detail[detail["NIP"] == "JUMLAH"].iloc[0]
        assert (
            int(total["Tunjangan"])
            == int(paid["Tunjangan"].sum())
            == result.receipt.total_allowance
        )
        summary = pd.read_excel(out, sheet_name="Ringkasan")
        assert int(summary.iloc[-1]["Tunjangan"]) == result.receipt.total_allowance

    def test_demo_frames_round_trip_exactly(self, tmp_path: Path):
        """write_frames -> read_excel gives the same Dataset (fingerprint) as the frames."""
        path = io.write_frames(frames(), tmp_path / "data.xlsx")
        assert io.read_excel(path).fingerprint() == Dataset.from_frames(**frames()).fingerprint()

    def test_iso_date_time_typed_as_text_is_a_date(self, template: Path):
        """2025-10-16T00:00:00 typed (or pasted) as text reads as the date, as in a frame."""
        rows = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
        rows["Pegawai"][3][4] = "2025-10-16T00:00:00.000"
        fill(template, rows)
        ds = io.read_excel(template)
        assert ds.report.ok, ds.report.describe()
        assert ds.fingerprint() == Dataset.from_frames(**frames()).fingerprint()

    def test_text_a_spreadsheet_would_run_reads_back_exactly(self, tmp_path: Path):
        """Names starting with = + - @ are string cells with a quote prefix: never run, and read
        back unchanged (no added apostrophe), so the fingerprint is the frames'."""
        tables = frames()
        names = ['=HYPERLINK("http://x","y")', "+62 812 000", "-", "@budi"]
        tables["employees"]["name"] = names
        path = io.write_frames(tables, tmp_path / "data.xlsx")
        ws = openpyxl.load_workbook(path)["Pegawai"]
        cells = [ws.cell(row=r, column=2) for r in range(2, 6)]
        assert [(c.value, c.data_type, c.quotePrefix) for c in cells] == [
            (name, "s", True) for name in names
        ]
        ds = io.read_excel(path)
        assert sorted(ds["employees"]["name"]) == sorted(names)
        assert ds.fingerprint() == Dataset.from_frames(**tables).fingerprint()

    def test_example_row_typed_over_is_data(self, template: Path):
        """Row 2 counts as data once the officer types over it."""
        fill(template, {"Unit": [["U9", "Dinas Sembilan", None, "opd"]]}, start=2)
        assert io.read_excel(template)["units"]["unit_id"].tolist() == ["U9"]

    @pytest.mark.parametrize(
        ("sheet", "column", "header"),
        [
            ("Pegawai", "A", "NIP Pegawai"),  # an alias: the same column
            ("Pegawai", "A", "N I P"),  # words no column has: the sheet loses its NIP column
            ("Pegawai", "B", "Nama Lengkap"),
            ("Jabatan", "A", "Kode Jabatan"),
            ("Kehadiran", "C", "Terlambat 1"),
        ],
    )
    def test_example_row_is_told_by_its_values_not_its_headers(
        self, template: Path, sheet: str, column: str, header: str
    ):
        """A header reworded (the first, or any) no longer matched the header the template
        wrote beside its example, and the example row was read as data: an employee
        'Contoh Pegawai' with the NIP of a real one (both rejected as duplicates), a position
        CONTOH-JAB. It is skipped by its values, and said (the headers were changed)."""
        fill(template, SHEET_ROWS)
        wb = openpyxl.load_workbook(template)
        wb[sheet][f"{column}1"] = header
        wb.save(template)
        with pytest.warns(io.InputWarning) as caught:
            ds = io.read_excel(template)
        said = [
            w.message for w in caught if getattr(w.message, "code", "") == "example_row_skipped"
        ]
        assert len(said) == 1 and f"'{sheet}': baris 2 adalah baris contoh templat" in str(said[0])
        given = {table: ds.report.counts[table].given for table in _SHEETS.values()}
        assert given == {table: len(SHEET_ROWS[s]) for s, table in _SHEETS.items()}
        assert not any("CONTOH" in str(p.value) for p in ds.report.problems)

    def test_example_row_changed_under_a_changed_header_is_data(self, template: Path):
        """The example row with one cell typed over is data, whatever the headers; the template
        as written skips its example without a word."""
        fill(template, SHEET_ROWS)
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert io.read_excel(template).report.counts["employees"].given == len(NIPS)
        wb = openpyxl.load_workbook(template)
        wb["Pegawai"]["A1"] = "NIP Pegawai"
        wb["Pegawai"]["B2"] = "Budi Contoh"
        wb.save(template)
        ds = io.read_excel(template)
        assert ds.report.counts["employees"].given == len(NIPS) + 1

    @staticmethod
    def _without_the_examples_nip() -> dict[str, list[list[Any]]]:
        """SHEET_ROWS with another NIP where they use the example's (NIPS[0])."""
        from tukin.io._petunjuk import _NIP

        other = "198501012010011009"
        return {
            s: [[other if c == _NIP else c for c in row] for row in v]
            for s, v in SHEET_ROWS.items()
        }

    @pytest.mark.parametrize("employees_first", [True, False])
    def test_a_real_employee_with_the_examples_nip_is_told_of_rows_equal_to_the_example(
        self, template: Path, employees_first: bool
    ):
        """The example's NIP (198001012005011001: born 1 January 1980, appointed January
        2005) can be a real civil servant's. An attendance or appraisal row of theirs holding
        exactly the example's values (the October 2025 SKP 'sesuai / di atas ekspektasi', the
        most common rating) was skipped as the example without a word, and the employee paid
        without their absences or without an appraisal. It is still skipped (an example left
        in place is no sanction or appraisal of theirs), but said when they have no other row
        for it (example_row_employee), whatever order the sheets are in; a note typed beside
        it makes it read."""
        from tukin.io._petunjuk import _NIP

        path = delete_examples(template)
        rows = self._without_the_examples_nip()
        rows["Pegawai"] = [*rows["Pegawai"], [_NIP, "Eko", "J3", "PNS"]]
        fill(path, rows, start=2)
        coincident = {
            "Kehadiran": [[_NIP, "2025-10", 2, *[None] * 8, 1, None, None, 1]],
            "Penilaian SKP": [[_NIP, "2025-10", "sesuai ekspektasi", "di atas ekspektasi"]],
        }
        fill(path, coincident, start=len(SHEET_ROWS["Kehadiran"]) + 2)
        fill(
            path,
            {"Penilaian SKP": [[NIPS[1], "2025-10", "sesuai ekspektasi", "sesuai ekspektasi"]]},
        )
        if not employees_first:
            wb = openpyxl.load_workbook(path)
            wb.move_sheet("Pegawai", offset=len(wb.sheetnames))
            wb.save(path)
        with pytest.warns(io.InputWarning) as caught:
            ds = io.read_excel(path)
        said = [
            str(w.message)
            for w in caught
            if getattr(w.message, "code", "") == "example_row_employee"
        ]
        assert len(said) == 2, said
        assert any(w.startswith("'Kehadiran': baris 6 ") and _NIP in w for w in said), said
        assert ds.report.counts["attendance"].given == len(SHEET_ROWS["Kehadiran"])
        wb = openpyxl.load_workbook(path)
        wb["Kehadiran"]["P1"], wb["Kehadiran"]["P6"] = "Keterangan", "benar"
        wb.save(path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = io.read_excel(path)
        row = ds["attendance"].set_index("nip").loc[_NIP]
        assert (row["tl1"], row["sakit"], row["apel"]) == (2, 1, 1)

    def test_the_examples_rows_are_the_example_unless_its_nip_is_an_employee_without_a_row(
        self, template: Path
    ):
        """The example rows kept under the data are skipped without a word when the
        example's NIP is no employee's, and when it is one whose rows are there already."""
        fill(template, self._without_the_examples_nip())
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            ds = io.read_excel(template)
        assert ds.report.counts["attendance"].given == len(SHEET_ROWS["Kehadiran"])
        assert ds.report.counts["appraisals"].given == 0

    def test_title_rows_above_header_and_blank_rows(self, tmp_path: Path):
        """A title line above the header and blank rows between records are fine."""
        path = delete_examples(io.write_template(tmp_path / "t.xlsx"))
        wb = openpyxl.load_workbook(path)
        ws = wb["Unit"]
        ws.insert_rows(1, 2)
        ws["A1"] = "DAFTAR UNIT KERJA"
        ws.append(["U1", "Dinas Satu"])
        ws.append([])
        ws.append(["U2", "Dinas Dua"])
        wb.save(path)
        ds = io.read_excel(path)
        assert ds["units"]["unit_id"].tolist() == ["U1", "U2"]


def _mistakes(template: Path) -> Path:
    """A workbook with the mistakes HR officers make, one per row."""
    rows = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
    rows["Jabatan"][1][4] = "dua belas"  # text in a number column (row 4)
    rows["Jabatan"][2][4] = 20  # grade above 17 (row 5)
    rows["Pegawai"][0][0] = 1.98001012005011e17  # NIP typed as a number (row 3)
    rows["Pegawai"][1][0] = None  # missing NIP (row 4)
    rows["Pegawai"][2][3] = '=IF(1,"PNS","CPNS")'  # formula never calculated (row 5)
    fill(template, rows)
    wb = openpyxl.load_workbook(template)
    wb["Unit"].merge_cells("D1:E1")  # a merged header
    ws = wb["Pegawai"]
    ws["B6"] = None
    ws.merge_cells("B5:B6")  # Dedi's name hidden under a merge (row 6)
    wb.save(template)
    return template


class TestMistakes:
    def test_each_mistake_names_sheet_row_and_column(self, template: Path):
        """Every problem points at the cell a person would look at."""
        ds = io.read_excel(_mistakes(template))
        found = problems_by_code(ds)
        where = {code: [p.where("id") for p in ps] for code, ps in found.items()}
        assert "sheet Jabatan, baris 4, kolom E (Kelas Jabatan)" in where["not_a_number"]
        assert "sheet Jabatan, baris 5, kolom E (Kelas Jabatan)" in where["above_maximum"]
        assert where["nip_as_number"] == ["sheet Pegawai, baris 3, kolom A (NIP)"]
        assert where["required_value"] == ["sheet Pegawai, baris 4, kolom A (NIP)"]
        assert where["formula_no_value"] == ["sheet Pegawai, baris 5, kolom D (Status)"]
        assert where["merged_cell"] == ["sheet Pegawai, baris 6, kolom B (Nama)"]
        assert where["merged_header"] == ["sheet Unit, baris 1"]
        assert found["nip_as_number"][0].value == "198001012005011000"
        assert "Teks" in found["nip_as_number"][0].message("id")

    def test_a_date_pasted_as_its_serial_number_says_which_date(self, template: Path):
        """Paste Values into a General cell turns 16/10/2025 into 45946: it was refused as
        "'45946' is not a date", leaving the clerk to guess why. Still refused (a number is
        no date until the cell says so), now saying what it reads as an Excel date; a number
        no date of these years could be stays "not a date"."""
        rows = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
        rows["Pegawai"][3][4] = 45946
        rows["Pegawai"][2][4] = 7
        ds = io.read_excel(delete_examples(fill(template, rows, start=3)))
        found = problems_by_code(ds)
        [serial] = found["date_as_number"]
        assert serial.where("id") == "sheet Pegawai, baris 5, kolom E (Tanggal Mulai)"
        assert "16/10/2025" in serial.message("id") and "Tanggal" in serial.message("id")
        assert [p.value for p in found["invalid_date"]] == ["7"]

    def test_kelas_jabatan_written_with_its_word(self, template: Path):
        """SIMPEG and the Perbup tables write ``Kelas 12``: the number is read (it was
        refused, rejecting the position and every employee holding it); a word other than
        kelas, or a Roman numeral, is still reported."""
        rows = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
        rows["Jabatan"][0][4] = "Kelas 15"
        rows["Jabatan"][1][4] = " kelas jabatan: 12 "
        rows["Jabatan"][2][4] = "KJ 6"
        ds = io.read_excel(delete_examples(fill(template, rows, start=3)))
        assert ds.report.ok, ds.report.describe()
        assert ds["positions"].set_index("position_id")["grade"].to_dict() == {
            "J1": 15,
            "J2": 12,
            "J3": 6,
        }
        rows["Jabatan"][0][4] = "Kelas XV"
        rows["Jabatan"][1][4] = "Golongan 12"
        ds = io.read_excel(fill(template, rows, start=2))
        bad = [p.value for p in ds.report.problems if p.code == "not_a_number"]
        assert bad == ["Kelas XV", "Golongan 12"]

    def test_reader_problems_reject_their_rows_and_dependants(self, template: Path):
        """Only the clean employee is kept; attendance of rejected employees goes too."""
        ds = io.read_excel(_mistakes(template))
        assert ds["employees"]["nip"].tolist() == []  # J3 (grade 20) rejects Dedi's position
        assert set(ds.rejected[ds.rejected["table"] == "employees"]["row"]) == {0, 1, 2, 3}
        keys = ds.rejected.set_index(["table", "row"])["key"]
        assert keys[("employees", 0)] == "198001012005011000"  # the digits Excel kept
        assert not any("\x00" in str(k) for k in keys)
        codes = set(ds.rejected["code"])
        assert {"nip_as_number", "formula_no_value", "merged_cell"} <= {
            c for text in codes for c in text.split("; ")
        }

    def test_merged_header_hiding_a_column_with_data_rejects_every_row(self, template: Path):
        """Tanggal Mulai merged over Tanggal Selesai: the end dates must not be read as blank.

        Guessing the column empty would pay Ani, who left in September; guessing it is the end
        date is no better. No row of the sheet is used and each is listed with the reason.
        """
        rows = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
        rows["Pegawai"][0][5] = dt.date(2025, 9, 30)
        fill(template, rows)
        wb = openpyxl.load_workbook(template)
        wb["Pegawai"].merge_cells("E1:F1")
        wb.save(template)
        ds = io.read_excel(template)
        sheet = problems_by_code(ds)["merged_header_column"][0]
        assert (sheet.row, sheet.where("id")) == (None, "sheet Pegawai, baris 1, kolom F")
        assert "kolom F" in sheet.message("id") and "E1:F1" in sheet.message("id")
        assert "column F" in sheet.message("en") and "E1:F1" in sheet.message("en")
        assert ds["employees"].empty and ds["attendance"].empty
        rejected = ds.rejected[ds.rejected["table"] == "employees"]
        assert sorted(rejected["key"]) == NIPS
        assert set(rejected["code"]) == {"merged_header_column"}
        assert compute(ds).receipt.employees_paid == 0
        cascade = [p for p in ds.report.describe("en").splitlines() if "depend on" in p]
        assert len(cascade) == 1 and "kolom F" in cascade[0]  # one line: the header to fix
        with pytest.raises(DatasetValidationError):
            io.read_excel(template, mode="strict")

    def test_merged_header_over_an_empty_column_rejects_nothing(self, template: Path):
        """A merge hiding the header of a column without data loses nothing: reported only."""
        fill(template, SHEET_ROWS)
        wb = openpyxl.load_workbook(template)
        wb["Pegawai"].merge_cells("E1:F1")
        wb.save(template)
        ds = io.read_excel(template)
        assert [p.code for p in ds.report] == ["merged_header"]
        assert sorted(ds["employees"]["nip"]) == NIPS

    def test_cascade_message_points_at_root_cell(self, template: Path):
        """A row rejected because of another row names that row's cell."""
        ds = io.read_excel(_mistakes(template))
        upstream = [p for p in ds.report if p.code == "rejected_upstream"]
        assert upstream[0].where("id") == "sheet Kehadiran, baris 5, kolom A (NIP)"
        assert "(sheet Pegawai, baris 5, kolom D (Status): " in upstream[0].message("id")

    def test_strict_mode_raises_with_locations(self, template: Path):
        """strict: one DatasetValidationError listing every located problem."""
        with pytest.raises(DatasetValidationError) as err:
            io.read_excel(_mistakes(template), mode="strict")
        assert "sheet Pegawai, baris 3, kolom A (NIP)" in str(err.value)

    def test_excel_error_values_are_reported(self, template: Path):
        """A cell holding #N/A is reported, never read as text."""
        rows = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
        fill(template, rows)
        wb = openpyxl.load_workbook(template)
        wb["Jabatan"]["E3"].value = "#N/A"
        wb["Jabatan"]["E3"].data_type = "e"
        wb.save(template)
        found = problems_by_code(io.read_excel(template, lang="en"))
        assert (
            found["excel_error"][0].where("en") == "sheet Jabatan, row 3, column E (Kelas Jabatan)"
        )

    def test_duplicate_key_names_the_other_excel_row(self, template: Path):
        """'also in row N' counts rows as Excel shows them."""
        fill(template, {"Unit": [["U1", "A"], ["U1", "B"]]})
        problem = problems_by_code(io.read_excel(template))["duplicate_key"][0]
        assert problem.message("en").endswith("(also in row 4)")

    def test_misspelt_header_and_sheet_are_hinted(self, template: Path):
        """A near-miss header or sheet name gets a 'did you mean' problem."""
        wb = openpyxl.load_workbook(template)
        wb["Pegawai"]["D1"] = "Stauts"
        wb["Jabatan"].title = "Jabtan"
        wb.save(template)
        found = problems_by_code(io.read_excel(template))
        assert found["unknown_header"][0].fields["suggestion"] == "Status"
        assert found["unknown_sheet"][0].fields["suggestion"] == "Jabatan"

    def test_hidden_and_unknown_sheets_warn(self, template: Path):
        """A hidden table sheet is read with a warning; a foreign sheet is skipped with one."""
        wb = openpyxl.load_workbook(template)
        wb["Unit"].sheet_state = "hidden"
        wb.create_sheet("Catatan")
        wb.save(template)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            io.read_excel(template)
        codes = {getattr(w.message, "code", None) for w in caught}
        assert {"hidden_sheet", "sheet_ignored"} <= codes

    @pytest.mark.parametrize(
        ("title", "header"),
        [
            ("Pegawai (2)", True),  # Excel's Move or Copy
            ("Pegawai PPPK", True),
            ("Data Pegawai 2", False),  # the name alone
            ("Lembar5", True),  # the header alone
        ],
    )
    def test_second_sheet_of_a_table_is_an_error(self, template: Path, title: str, header: bool):
        """Dedi moved to a sheet of his own: reported as not read, never silently dropped."""
        rows = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
        dedi = rows["Pegawai"].pop()
        fill(template, rows)
        wb = openpyxl.load_workbook(template)
        ws = wb.create_sheet(title)
        if header:
            ws.append(["NIP", "Nama", "ID Jabatan", "Status", "Tanggal Mulai"])
        ws.append(dedi)
        wb.save(template)
        ds = io.read_excel(template)
        found = problems_by_code(ds)["sheet_not_read"]
        assert [(p.table, p.where("id")) for p in found] == [("employees", f"sheet {title}")]
        assert f"'{title}'" in found[0].message("en") and "'Pegawai'" in found[0].message("en")
        assert "1 baris" in found[0].message("id") and "pindahkan" in found[0].message("id")
        with pytest.raises(DatasetValidationError):
            io.read_excel(template, mode="strict")
        # nor paid on: no payment is calculated while rows of the input were not read
        with pytest.raises(CalculationError) as info:
            compute(ds)
        assert info.value.code == "input_not_read" and f"'{title}'" in info.value.message("en")

    def test_a_table_given_twice_stops_the_payment(self, template: Path):
        """Pegawai and Employees both hold employees: the second is not read, so Dedi (on
        it) would be neither paid nor rejected; no payment until one sheet is left."""
        rows = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
        dedi = rows["Pegawai"].pop()
        fill(template, rows)
        wb = openpyxl.load_workbook(template)
        ws = wb.create_sheet("Employees")
        ws.append(["NIP", "Nama", "ID Jabatan", "Status", "Tanggal Mulai"])
        ws.append(dedi)
        wb.save(template)
        ds = io.read_excel(template)
        assert "duplicate_sheet" in problems_by_code(ds)
        with pytest.raises(CalculationError) as info:
            compute(ds)
        assert info.value.code == "input_not_read" and "'Employees'" in info.value.message("en")

    def test_a_near_miss_sheet_name_stops_the_payment(self, template: Path):
        """Penilaian SKP renamed "Penilaian SKP Oktober": a problem naming the sheet, and no
        payment until fixed (it would pay everyone at the no-SKP rate)."""
        fill(template, SHEET_ROWS)
        wb = openpyxl.load_workbook(template)
        wb["Penilaian SKP"].title = "Penilaian SKP Oktober"
        wb.save(template)
        ds = io.read_excel(template)
        assert "unknown_sheet" in problems_by_code(ds)
        with pytest.raises(CalculationError) as info:
            compute(ds)
        assert info.value.code == "input_not_read"

    def test_sheets_that_look_like_no_table_only_warn(self, template: Path):
        """Notes and a pivot table are no input: a warning each, the report stays clean."""
        fill(template, SHEET_ROWS)
        wb = openpyxl.load_workbook(template)
        wb.create_sheet("Catatan").append(["Data per 31 Oktober 2025, dicek oleh BKPSDM"])
        pivot = wb.create_sheet("Rekap")
        pivot.append(["ID Unit", "Jumlah Pegawai"])
        pivot.append(["DINAS-A", 4])
        wb.save(template)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = io.read_excel(template)
        assert ds.report.ok, ds.report.describe()
        ignored = [w.message for w in caught if getattr(w.message, "code", "") == "sheet_ignored"]
        assert len(ignored) == 2


class TestTemplateColumnDeleted:
    """The template records its columns in ``_kontrak``: one the sheet lost is said."""

    def test_a_deleted_end_date_column_is_said(self, template: Path):
        """Ani left on 30 September. With column F (Tanggal Selesai) deleted she is read as
        still in service and paid for October: nothing refused, so the reading is said,
        naming the sheet and the column, rather than left silent."""
        rows = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
        rows["Pegawai"][0][5] = dt.date(2025, 9, 30)
        fill(template, rows)
        kept, _ = self._read(template)
        assert "template_column_missing" not in kept
        wb = openpyxl.load_workbook(template)
        wb["Pegawai"].delete_cols(6)
        wb["Kehadiran"].delete_cols(5)  # TL3: read as 0 for everyone
        wb.save(template)
        caught, ds = self._read(template)
        said = sorted(w.message("id") for w in caught["template_column_missing"])
        assert len(said) == 2
        assert "'Kehadiran'" in said[0] and "TL3" in said[0]
        assert "'Pegawai'" in said[1] and "Tanggal Selesai" in said[1]
        assert "tabel Pegawai" in said[1]  # the clerk's sheet, not the contract's 'employees'
        assert "template_column_missing" in {w.code for w in ds.warnings}

    def test_a_renamed_column_of_the_template_is_not_missing(self, template: Path):
        """A header reworded to a name the reader knows (``NIP`` -> ``N I P``) is the same
        column: nothing is said."""
        fill(template, SHEET_ROWS)
        wb = openpyxl.load_workbook(template)
        wb["Pegawai"]["A1"] = "N I P"
        wb["Pegawai"]["F1"] = "Tgl. Selesai"
        wb.save(template)
        caught, ds = self._read(template)
        assert "template_column_missing" not in caught
        assert len(ds["employees"]) == 4

    @staticmethod
    def _read(path: Path) -> tuple[dict[str, list[Any]], Dataset]:
        with warnings.catch_warnings(record=True) as record:
            warnings.simplefilter("always")
            ds = io.read_excel(path)
        caught: dict[str, list[Any]] = {}
        for w in record:
            caught.setdefault(getattr(w.message, "code", ""), []).append(w.message)
        return caught, ds


def _saved_as(path: Path, results: dict[str, tuple[str | None, str]], *, recalc: bool) -> Path:
    """``path`` as another program would have saved it: each formula (by its text) with the
    result ``(type, value)`` stored beside it (``("str", "")``: Excel's empty text result;
    type None: a number), and the workbook's ``fullCalcOnLoad`` flag set or removed. openpyxl
    writes no result and always sets the flag; XlsxWriter writes ``0`` for every formula with
    the flag; Excel writes the results it calculated without the flag."""
    import re
    import zipfile

    def cell(m: re.Match[str]) -> str:
        attrs, formula = re.sub(r'\s+t="[^"]*"', "", m[1]), m[2]
        if formula.replace("&quot;", '"') not in results:
            return m[0]
        kind, value = results[formula.replace("&quot;", '"')]
        typed = f' t="{kind}"' if kind else ""
        return f"<c{attrs}{typed}><f>{formula}</f><v>{value}</v></c>"

    data = path.read_bytes()
    out = path.with_name("saved-" + path.name)
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            text = src.read(item.filename).decode("utf-8")
            if item.filename.startswith("xl/worksheets/sheet"):
                text = re.sub(r"<c([^>]*)><f>([^<]*)</f><v\s*/></c>", cell, text)
            if item.filename == "xl/workbook.xml":
                text = re.sub(r'\s*fullCalcOnLoad="[^"]*"', "", text)
                flag = ' fullCalcOnLoad="1"' if recalc else ""
                text = text.replace("<calcPr", "<calcPr" + flag, 1)
            dst.writestr(item, text.encode("utf-8"))
    assert data  # the original is kept for the caller
    return out


class TestFormulaResults:
    """What a formula cell holds depends on who saved the file: Excel stores the result it
    calculated; XlsxWriter (pandas' default .xlsx engine) and others store 0 and set
    ``fullCalcOnLoad``, asking Excel to calculate on opening; openpyxl stores nothing."""

    def _typed(self, template: Path) -> Path:
        rows = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
        rows["Kehadiran"][1][2] = "=1+1"  # Budi's TL1 (row 4): Excel shows 2
        rows["Kehadiran"][2][10] = "=2+1"  # Citra's TK (row 5): Excel shows 3
        return delete_examples(fill(template, rows, start=3))

    def test_placeholder_results_of_an_uncalculated_workbook_are_refused(self, template: Path):
        """XlsxWriter's 0 was read as Budi's TL1 and Citra's TK: both paid in full, no word
        said. The stored 0 is no result when the workbook asks for every formula to be
        calculated on opening: each such cell rejects its row, named."""
        path = _saved_as(
            self._typed(template), {"1+1": (None, "0"), "2+1": (None, "0")}, recalc=True
        )
        ds = io.read_excel(path)
        found = problems_by_code(ds)
        assert [p.where("id") for p in found["formula_not_calculated"]] == [
            "sheet Kehadiran, baris 3, kolom C (TL1)",
            "sheet Kehadiran, baris 4, kolom K (TK)",
        ]
        assert "=1+1" in found["formula_not_calculated"][0].message("id")
        assert "Excel" in found["formula_not_calculated"][0].message("id")
        kept = ds["attendance"]["nip"].tolist()
        assert NIPS[1] not in kept and NIPS[2] not in kept
        paid = compute(ds).to_frame()["nip"].tolist()
        assert NIPS[1] not in paid and NIPS[2] not in paid

    def test_results_excel_calculated_are_read(self, template: Path):
        """The same cells saved by Excel (results stored, no recalculation asked) are read."""
        path = _saved_as(
            self._typed(template), {"1+1": (None, "2"), "2+1": (None, "3")}, recalc=False
        )
        ds = io.read_excel(path)
        assert ds.report.ok, ds.report.describe()
        att = ds["attendance"].set_index("nip")
        assert (att.loc[NIPS[1], "tl1"], att.loc[NIPS[2], "tk"]) == (2, 3)

    def test_an_empty_text_result_is_a_blank_cell(self, template: Path):
        """``=IF(...;"";...)`` that Excel calculated to empty text shows a blank cell: read as
        one (a blank count is 0), not as a formula never calculated, whose advice (open in
        Excel and save again) cannot help; in a required column it is a missing value."""
        rows = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
        rows["Kehadiran"][1][2] = '=IF(1,"",0)'
        rows["Pegawai"][2][3] = '=IF(1,"",1)'  # Citra's status (row 4)
        typed = delete_examples(fill(template, rows, start=3))
        path = _saved_as(
            typed, {'IF(1,"",0)': ("str", ""), 'IF(1,"",1)': ("str", "")}, recalc=False
        )
        ds = io.read_excel(path)
        found = problems_by_code(ds)
        assert "formula_no_value" not in found
        assert [p.where("id") for p in found["required_value"]] == [
            "sheet Pegawai, baris 4, kolom D (Status)"
        ]
        assert ds["attendance"].set_index("nip").loc[NIPS[1], "tl1"] == 0
        # and without a stored result at all it is still refused
        assert "formula_no_value" in problems_by_code(io.read_excel(typed))


class TestUnreadable:
    def test_not_a_workbook(self, tmp_path: Path):
        """A text file named .xlsx is an InputFileError, not a traceback."""
        bad = tmp_path / "bad.xlsx"
        bad.write_text("not a zip")
        with pytest.raises(InputFileError) as err:
            io.read_dataset(bad)
        assert err.value.code == "unreadable_file"

    def test_a_stray_cell_far_below_the_table_costs_no_cell_per_row(
        self, template: Path, monkeypatch: pytest.MonkeyPatch
    ):
        """A space typed far below the data (Ctrl+Down, then a key) makes the sheet that
        long. Every row up to it was built cell by cell: at row 1,048,576 of Kehadiran a
        360-row sheet took 137 s and 3.6 GB. Rows holding no cell are now passed over
        without building any; the cells the reader looked at stay about the table's."""
        from tukin.io import excel_read

        fill(template, SHEET_ROWS)
        wb = openpyxl.load_workbook(template)
        wb["Kehadiran"].cell(200_000, 1).value = " "
        wb.create_sheet("Catatan").cell(150_000, 2).value = "dicek"
        wb.save(template)
        loaded: list[Any] = []
        real = excel_read._load

        def spy(path: Path, *, data_only: bool) -> Any:
            loaded.append(real(path, data_only=data_only))
            return loaded[-1]

        monkeypatch.setattr(excel_read, "_load", spy)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = io.read_excel(template)
        assert len(ds["attendance"]) == 4 and ds.report.ok, ds.report.describe()
        cells = {ws.title: len(ws._cells) for ws in loaded[0].worksheets}
        assert cells["Kehadiran"] < 1_000 and cells["Catatan"] < 1_000, cells

    def test_a_workbook_with_a_password_is_told_so(self, tmp_path: Path):
        """Excel saves a workbook protected with a password to open as an OLE container,
        not a zip, under its .xlsx name (so is an .xls renamed). The reader said "File is
        not a zip file", in English whatever the language; now what it is and what to do."""
        locked = tmp_path / "isian.xlsx"
        locked.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
        with pytest.raises(InputFileError) as err:
            io.read_dataset(locked, lang="id")
        assert err.value.code == "protected_or_xls"
        said = err.value.message("id")
        assert "kata sandi" in said and "isian.xlsx" in said and "zip" not in said
        assert "password" in err.value.message("en")

    def test_old_formats_get_a_hint(self, tmp_path: Path):
        """.xls asks to be saved as .xlsx."""
        old = tmp_path / "old.xls"
        old.write_bytes(b"\xd0\xcf\x11\xe0")
        with pytest.raises(InputFileError, match="xlsx"):
            io.read_dataset(old)

    def test_limits_refuse_large_unpacked_size(self, template: Path):
        """A workbook unpacking past the limit is refused before parsing."""
        with pytest.raises(InputFileError) as err:
            io.read_excel(template, limits=Limits(max_unzipped_bytes=1000))
        assert err.value.code == "unsafe_file"

    def test_missing_file(self, tmp_path: Path):
        with pytest.raises(InputFileError) as err:
            io.read_dataset(tmp_path / "nothing.xlsx")
        assert err.value.code == "file_not_found"


def test_public_names_are_pinned():
    """tukin.io exports exactly these names (sorted): a change here is an API change."""
    assert io.__all__ == [
        "InputWarning",
        "Limits",
        "neutralise",
        "read_csv_folder",
        "read_dataset",
        "read_excel",
        "read_json",
        "write_csv",
        "write_frames",
        "write_json",
        "write_parquet",
        "write_result",
        "write_tables",
        "write_template",
        "write_xlsx",
    ]
