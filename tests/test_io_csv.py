"""CSV folders and JSON files, and the cell conversions every reader shares."""

from __future__ import annotations

import datetime as dt
import json
import warnings
from io import BytesIO, StringIO
from pathlib import Path

import pandas as pd
import pytest
from io_helpers import NIPS, compute, frames, problems_by_code

from tukin import io
from tukin.dataset import Dataset
from tukin.errors import DataError, InputFileError, TukinError
from tukin.io._cells import parse_date_text, to_nip, to_number, to_period

UNITS = "ID Unit;Nama Unit;ID Unit Induk\nDINAS-A;Dinas A;\nDINAS-A.1;Bidang Satu;DINAS-A\n"
POSITIONS = (
    "ID Jabatan;Nama Jabatan;ID Unit;Jenis Jabatan;Kelas Jabatan;ID Jabatan Atasan\n"
    "J1;Kepala Dinas A;DINAS-A;JPT;15;\n"
    "J2;Kepala Bidang Satu;DINAS-A.1;Administrator;12;J1\n"
    "J3;Staf Bidang Satu;DINAS-A.1;Pelaksana;6;J2\n"
)
EMPLOYEES = (
    "NIP;Nama;ID Jabatan;Status;Tanggal Mulai;Gaji Pokok\n"
    f"{NIPS[0]};Ani;J1;PNS;;5.818.100\n"
    f"{NIPS[1]};Budi;J2;PNS;;4.679.600\n"
    f"{NIPS[2]};Citra;J3;CPNS;;3.100.000\n"
    f"{NIPS[3]};Dedi;J3;PNS;16/10/2025;3.000.000\n"
)
ATTENDANCE = (
    "NIP;Periode;TL1;TK\n"
    f"{NIPS[0]};2025-10;0;0\n{NIPS[1]};Oktober 2025;2;0\n{NIPS[2]};10/2025;1;1\n{NIPS[3]};2025-10;;\n"
)


def write_folder(folder: Path, files: dict[str, str], encoding: str = "utf-8-sig") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_bytes(text.encode(encoding))
    return folder


def regency(folder: Path, **overrides: str) -> Path:
    files = {
        "unit.csv": UNITS,
        "jabatan.csv": POSITIONS,
        "pegawai.csv": EMPLOYEES,
        "kehadiran.csv": ATTENDANCE,
    }
    files.update(overrides)
    return write_folder(folder, files)


class TestCsvFolder:
    def test_semicolons_bom_indonesian_numbers_dates_and_periods(self, tmp_path: Path):
        """Excel's Indonesian CSV (;, BOM, 1.234.567, dd/mm/yyyy, Oktober 2025) reads exactly."""
        ds = io.read_csv_folder(regency(tmp_path / "csv"))
        assert ds.report.ok, ds.report.describe()
        emp = ds["employees"].set_index("nip")
        assert emp.loc[NIPS[3], "start_date"] == dt.datetime(2025, 10, 16)
        assert emp["Gaji Pokok"].tolist() == [5818100, 4679600, 3100000, 3000000]
        assert str(emp["Gaji Pokok"].dtype) == "int64"
        assert set(ds["attendance"]["period"]) == {"2025-10"}
        result = compute(ds)
        reference = compute(Dataset.from_frames(**frames()))
        assert result.receipt.total_allowance == reference.receipt.total_allowance

    def test_what_excel_shows_for_zero_and_for_a_month_is_read(self, tmp_path: Path):
        """Excel saves a CSV as its cells show: a count under Comma Style or Accounting
        format is ``-`` when 0 (" -   "), and a period Excel took for a date is ``Okt-25``
        (mmm-yy) or ``01/10/2025``. Each was refused ("'-' is not a number", "'Okt-25' is
        not a period"), rejecting every employee of an office that formats its sheet so; the
        workbook itself read 0 and a date on the 1st as that month."""
        attendance = (
            "NIP;Periode;TL1;TK\n"
            f"{NIPS[0]};01/10/2025; -   ; - \n{NIPS[1]};Okt-25;2;-\n"
            f"{NIPS[2]};oct-25;1;1\n{NIPS[3]};2025-10-01;\u2013;\n"
        )
        ds = io.read_csv_folder(regency(tmp_path / "csv", **{"kehadiran.csv": attendance}))
        assert ds.report.ok, ds.report.describe()
        att = ds["attendance"].set_index("nip")
        assert set(att["period"]) == {"2025-10"}
        assert att["tl1"].tolist() == [0, 2, 1, 0] and att["tk"].tolist() == [0, 0, 1, 0]
        result = compute(ds)
        reference = compute(Dataset.from_frames(**frames()))
        assert result.receipt.total_allowance == reference.receipt.total_allowance

    def test_a_dash_is_zero_only_in_counts_and_a_date_a_month_only_on_the_1st(self, tmp_path: Path):
        """A dash elsewhere (a kelas jabatan) is still no number; a date not on the 1st,
        and a month name with two digits and no dash (``Oct 25``: the 25th?), no period."""
        positions = POSITIONS.replace(
            "J3;Staf Bidang Satu;DINAS-A.1;Pelaksana;6;", "J3;Staf;DINAS-A.1;Pelaksana;-;"
        )
        attendance = f"NIP;Periode;TL1\n{NIPS[0]};15/10/2025;0\n{NIPS[1]};Okt 25;0\n"
        folder = regency(
            tmp_path / "csv", **{"jabatan.csv": positions, "kehadiran.csv": attendance}
        )
        found = problems_by_code(io.read_csv_folder(folder))
        assert [p.value for p in found["not_a_number"]] == ["-"]
        assert sorted(p.value for p in found["invalid_period"]) == ["15/10/2025", "Okt 25"]

    def test_each_file_is_read_once_where_names_ignore_case(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ):
        """On Windows a glob ignores case: ``*.CSV`` matches ``pegawai.csv`` too. The folder
        was listed by ``*.csv`` then ``*.CSV``, so there each file came twice and every table
        was refused as given twice (``duplicate_sheet``). Simulated here with a glob that
        ignores case, as Windows' does."""
        import fnmatch
        import re

        folder = regency(tmp_path / "csv")
        (folder / "kehadiran.csv").rename(folder / "KEHADIRAN.CSV")

        def glob_ignoring_case(self: Path, pattern: str) -> list[Path]:
            match = re.compile(fnmatch.translate(pattern), re.IGNORECASE).fullmatch
            return [p for p in self.iterdir() if match(p.name)]

        monkeypatch.setattr(Path, "glob", glob_ignoring_case)
        ds = io.read_csv_folder(folder)
        assert ds.report.ok, ds.report.describe()
        assert len(ds["attendance"]) == 4

    def test_an_office_lock_file_is_no_table(self, tmp_path: Path):
        """Excel keeps ``~$pegawai.csv`` (its owner file: a few bytes holding the user's
        name) beside a file it has open. It was taken for a second employees' table and the
        payment refused (``sheet_not_read``) until Excel was closed. macOS's ``._`` files,
        copied with the folder onto a USB stick, are no tables either."""
        folder = regency(tmp_path / "csv")
        (folder / "~$pegawai.csv").write_bytes(b"\x05Admin" + b" " * 48 + b"\x05\x00A\x00")
        (folder / "._kehadiran.csv").write_bytes(b"\x00\x05\x16\x07\x00\x02\x00\x00Mac OS X")
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = io.read_csv_folder(folder)
        assert ds.report.ok, ds.report.describe()
        assert not [w for w in caught if "~$" in str(w.message)]

    def test_latin1_file_is_read_with_a_warning(self, tmp_path: Path):
        """A Windows-1252 file decodes (names with accents) and says so."""
        folder = regency(tmp_path / "csv")
        (folder / "pegawai.csv").write_bytes(EMPLOYEES.replace("Ani", "Anié").encode("cp1252"))
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = io.read_csv_folder(folder)
        assert "Anié" in ds["employees"]["name"].tolist()
        codes = [getattr(w.message, "code", None) for w in caught]
        assert codes == ["encoding_fallback", "extra_columns"]  # Gaji Pokok, an extra column

    def test_problems_name_file_line_and_column(self, tmp_path: Path):
        """berkas pegawai.csv, baris N, kolom X (header): as a text editor and Excel show it."""
        bad = EMPLOYEES.replace(f"{NIPS[1]};Budi;J2;PNS", "1,98101E+17;Budi;J2;PNS").replace(
            "J3;CPNS", "J3;honorer"
        )
        ds = io.read_csv_folder(regency(tmp_path / "csv", **{"pegawai.csv": bad}))
        found = problems_by_code(ds)
        assert found["nip_as_number"][0].where("id") == "berkas pegawai.csv, baris 3, kolom A (NIP)"
        assert (
            found["invalid_choice"][0].where("id")
            == "berkas pegawai.csv, baris 4, kolom D (Status)"
        )

    def test_comma_and_plain_utf8(self, tmp_path: Path):
        """Comma-separated UTF-8 without BOM works the same."""
        folder = tmp_path / "csv"
        files = {"units.csv": "unit_id,name\nU1,Dinas Satu\n"}
        ds = io.read_csv_folder(write_folder(folder, files, encoding="utf-8"))
        assert ds["units"]["name"].tolist() == ["Dinas Satu"]

    def test_cells_beyond_the_header_are_reported(self, tmp_path: Path):
        """An unquoted delimiter shifts a row: the spill-over cell is a problem, not ignored."""
        text = "unit_id;name\nU1;Dinas Satu;x\n"
        ds = io.read_csv_folder(write_folder(tmp_path / "csv", {"units.csv": text}))
        assert problems_by_code(ds)["unnamed_column"][0].value == "C"

    @pytest.mark.parametrize(
        "stamp", ["2025-10-16T00:00:00", "2025-10-16T00:00:00.000", "2025-10-16T08:30:00"]
    )
    def test_iso_date_times_read_as_the_dataset_reads_them(self, tmp_path: Path, stamp: str):
        """An ISO date-time is its date (a time of day dropped), as in Dataset.from_frames."""
        ds = io.read_csv_folder(
            regency(tmp_path / "csv", **{"pegawai.csv": EMPLOYEES.replace("16/10/2025", stamp)})
        )
        assert ds.report.ok, ds.report.describe()
        tables = frames()
        tables["employees"]["start_date"] = tables["employees"]["start_date"].astype(object)
        tables["employees"].loc[3, "start_date"] = stamp
        same = Dataset.from_frames(**tables)["employees"]["start_date"]
        assert ds["employees"]["start_date"].sort_index().equals(same.sort_index())
        assert ds["employees"].set_index("nip").loc[NIPS[3], "start_date"] == dt.datetime(
            2025, 10, 16
        )

    def test_misnamed_file_is_hinted(self, tmp_path: Path):
        """pegawi.csv is probably pegawai.csv: reported, not silently skipped."""
        folder = regency(tmp_path / "csv")
        (folder / "pegawai.csv").rename(folder / "pegawi.csv")
        found = problems_by_code(io.read_csv_folder(folder))
        assert found["unknown_sheet"][0].fields["suggestion"] == "pegawai.csv"
        assert "missing_table" in found

    @pytest.mark.parametrize("name", ["pegawai_pppk.csv", "pegawai (2).csv", "lampiran.csv"])
    def test_second_file_of_a_table_is_an_error(self, tmp_path: Path, name: str):
        """Dedi in a file of his own next to pegawai.csv: reported, never silently dropped."""
        lines = EMPLOYEES.splitlines(keepends=True)
        folder = regency(
            tmp_path / "csv", **{"pegawai.csv": "".join(lines[:-1]), name: lines[0] + lines[-1]}
        )
        found = problems_by_code(io.read_csv_folder(folder))["sheet_not_read"]
        assert [(p.table, p.where("id")) for p in found] == [("employees", f"berkas {name}")]
        assert "'pegawai.csv'" in found[0].message("en") and "1 row(s)" in found[0].message("en")

    def test_files_that_look_like_no_table_only_warn(self, tmp_path: Path):
        """A notes file is no input: a warning, the report stays clean."""
        folder = regency(tmp_path / "csv", **{"catatan.csv": "Catatan\nData per Oktober\n"})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = io.read_csv_folder(folder)
        assert ds.report.ok, ds.report.describe()
        codes = [getattr(w.message, "code", None) for w in caught]
        assert [c for c in codes if c != "extra_columns"] == ["sheet_ignored"]

    def test_written_tables_read_back_identically(self, tmp_path: Path):
        """write_frames (CSV folder and JSON) -> read_dataset: the same fingerprint."""
        reference = Dataset.from_frames(**frames()).fingerprint()
        for target in (tmp_path / "tables", tmp_path / "tables.json"):
            io.write_frames(frames(), target)
            assert io.read_dataset(target).fingerprint() == reference

    def test_three_decimals_survive_the_round_trip(self, tmp_path: Path):
        """A realisation of 82.231 written by write_frames read back as 82231 (one dot, three
        digits: the Indonesian thousands rule), silently changing pay (review 26 D02). The
        writer now writes 82.2310, and a decimal column whose other cells show dots are
        decimal points reads 82.231 as such; alone, it stays the Indonesian thousands."""
        from decimal import Decimal

        from tukin.contract import TABLES
        from tukin.demo import generate
        from tukin.io._cells import convert_column

        tables = generate(60, seed=5)
        real = tables["realisations"]
        shapes = (82.231, 82.5, 1.125, 0.125, 999.001, 1000.5)
        real["value"] = [shapes[i % len(shapes)] for i in range(len(real))]
        before = Dataset.from_frames(**tables)
        io.write_frames(tables, tmp_path / "t")
        assert "82.2310" in (tmp_path / "t" / "realisations.csv").read_text()
        after = io.read_dataset(tmp_path / "t")
        assert sorted(after["realisations"]["value"]) == sorted(before["realisations"]["value"])
        assert after.fingerprint() == before.fingerprint()
        # a person's CSV: the column shows its notation, or the Indonesian rule holds
        value = next(c for c in TABLES["realisations"].columns if c.name == "value")
        for cells, read in (
            (["82.231", "82.5"], ["82.231", "82.5"]),
            (["82.231", "1.234.567"], [82231, 1234567]),
            (["82.231", "12,5"], [82231, "12.5"]),
            (["82.231"], [82231]),
        ):
            got, issues = convert_column(value, cells)
            assert not issues and got == read, cells
            assert [Decimal(str(g)) for g in got] == [Decimal(str(r)) for r in read]

    def test_a_thousands_comma_is_never_read_as_a_decimal_comma(self, tmp_path: Path):
        """An English-locale export writes 250,000 and 1,250,000 in one column: 250,000 was
        read by the Indonesian rule (one comma: decimal comma) as 250 rupiah, beside the
        1,250,000 read right, without a word (review 52). A column that shows its commas group
        thousands reads 250,000 as 250000; a whole-number column (rupiah, counts) with no such
        evidence, or a column showing both notations, refuses it naming both readings."""
        folder = tmp_path / "csv"
        write_folder(
            folder,
            {
                "unit.csv": "unit_id,name\nU1,Dinas A\n",
                "program_kegiatan.csv": (
                    "work_item_id,name,level,unit_id,budget\n"
                    'K1,Satu,kegiatan,U1,"5,000,000"\nK2,Dua,kegiatan,U1,"900,000"\n'
                    'K3,Tiga,kegiatan,U1,"1,200,000.00"\n'
                ),
                "realisasi_anggaran.csv": (
                    "work_item_id,period,spent,physical_pct\n"
                    'K1,2025-01,"250,000",10\nK2,2025-01,"Rp 300,000",20\n'
                    "K3,2025-01,2.500.000,30\n"
                ),
            },
        )
        ds = io.read_dataset(folder, lang="en")
        budget = ds["work_items"].set_index("work_item_id")["budget"]
        assert budget.to_dict() == {"K1": 5_000_000, "K2": 900_000, "K3": 1_200_000}
        spent = ds["budget_realisations"]
        assert set(spent["work_item_id"]) == {"K3"}  # 250,000 and Rp 300,000: no evidence
        refused = [p for p in ds.report.problems if p.code == "ambiguous_number"]
        assert [p.row for p in refused] == [0, 1], refused
        assert "250000" in refused[0].message("en") and "250000" in refused[0].message("id")
        assert "kolom" not in refused[0].message("en")

    def test_notation_of_a_column_decides_its_ambiguous_cells(self):
        """250,000 and 82.231 read by what the rest of their column shows, or refused."""
        from tukin.contract import TABLES
        from tukin.io._cells import convert_column, convert_extra

        def col(table: str, name: str):
            return next(c for c in TABLES[table].columns if c.name == name)

        money, dec = col("work_items", "budget"), col("realisations", "value")
        for column, cells, read, refused in (
            (money, ["1,250,000", "250,000"], [1250000, 250000], []),
            (money, ["1,250.50", "Rp 250,000"], ["1250.5", 250000], []),
            (money, ["250,000"], ["250,000"], [0]),  # 250 or 250000: nobody can tell
            (money, ["1.250.000", "250,000"], [1250000, "250,000"], [1]),
            (money, ["1,250,000", "1.250"], [1250000, "1.250"], [1]),  # 1.25 or 1250
            (money, ["1.250", "2.000.000"], [1250, 2000000], []),  # the Indonesian rule
            (dec, ["1,250"], ["1.25"], []),  # the Indonesian rule, documented
            (dec, ["1,250", "85,5"], ["1.25", "85.5"], []),
            (dec, ["1,250", "2,500,000"], [1250, 2500000], []),
            (dec, ["82.231", "1,250,000"], ["82.231", 1250000], []),
            (dec, ["1,250", "12.5"], ["1,250", "12.5"], [0]),  # a dot and a comma decimal
            (dec, ["1,250", "2,500,000", "85,5"], ["1,250", 2500000, "85.5"], [0]),
            (None, ["1,000", "2"], ["1,000", 2], [0]),  # a count
        ):
            got, issues = convert_column(column, cells)
            assert got == read and sorted(issues) == refused, cells
            assert all(issues[i].code == "ambiguous_number" for i in refused)
        assert convert_extra(["1,250,000", "250,000"]) == [1250000, 250000]
        assert convert_extra(["250,000", "12.5"]) == ["250,000", "12.5"]  # stays text

    def test_a_lone_decimal_comma_is_read_as_documented_and_named(self, tmp_path: Path):
        """'1,250' alone in a column of plain numbers is 1.25 by the documented Indonesian
        rule, but 1250 in an English-locale file: a target or a wage read a thousand times
        too small changed pay without a word (the note 'lone "1,250" read 1.25'). The reading
        stays; the reader names the cell, both readings and the count (number_decimal_comma).
        A rupiah column refuses it (ambiguous_number); a column that shows its notation
        settles it, with nothing to say."""
        employees = EMPLOYEES.replace("5.818.100", "5818100").replace("4.679.600", "1,250")
        employees = employees.replace("3.100.000", "3100000").replace("3.000.000", "3000000")
        targets = "ID Indikator;Periode;Target\nI1;2025-10;1,250\nI2;2025-10;85\nI3;2025-10;2,5\n"
        folder = regency(tmp_path / "csv", **{"pegawai.csv": employees, "target.csv": targets})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = io.read_csv_folder(folder)
        notes = [
            w.message for w in caught if getattr(w.message, "code", "") == "number_decimal_comma"
        ]
        assert len(notes) == 1, [str(n) for n in notes]  # the target column shows a comma decimal
        [note] = notes
        assert ds["employees"]["Gaji Pokok"].tolist() == [5818100, 1.25, 3100000, 3000000]
        text = note.message("id")
        assert "baris 3" in text and "'1,250'" in text and "1,25" in text and "1250" in text
        assert "Gaji Pokok" in note.message("en") and "1.25" in note.message("en")
        assert note in ds.warnings  # filed with the result: it may change pay
        # a decimal column of the contract alike; a second such cell is counted
        targets = "ID Indikator;Periode;Target\nI1;2025-10;1,250\nI2;2025-10;85\nI3;2025-10;3,500\n"
        folder = regency(tmp_path / "t", **{"target.csv": targets})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            io.read_csv_folder(folder)
        [note] = [
            w.message for w in caught if getattr(w.message, "code", "") == "number_decimal_comma"
        ]
        assert note.fields["column"] == "target" and note.fields["count"] == 2
        # a percentage up to 100: 12,500 can only be 12.5, nothing to say
        budget = "ID Program/Kegiatan;Periode;Realisasi Anggaran (Rp);Realisasi Fisik (%)\n"
        budget += "W1;2025-10;1000000;12,500\nW2;2025-10;2000000;40\n"
        folder = regency(tmp_path / "b", **{"realisasi_anggaran.csv": budget})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = io.read_csv_folder(folder)
        assert {p.table for p in ds.report.problems} == {"budget_realisations"}  # was read
        assert [
            str(w.message)
            for w in caught
            if getattr(w.message, "code", "") == "number_decimal_comma"
        ] == []

    def test_an_ambiguous_negative_number_names_negative_readings(self):
        """'-1.250' beside '1,250,000' in a rupiah column is refused: its two readings are
        -1250 and -1.25, not 1250 and 1.25 (the sign was dropped from the message)."""
        from tukin.contract import TABLES
        from tukin.io._cells import convert_column

        money = next(c for c in TABLES["work_items"].columns if c.name == "budget")
        for cell in ("-1.250", "-Rp 1.250", "Rp -1.250"):
            _, issues = convert_column(money, [cell, "1,250,000"])
            fields = issues[0].fields
            assert (fields["thousands"], fields["decimal_en"], fields["decimal_id"]) == (
                "-1250",
                "-1.25",
                "-1,25",
            ), cell

    def test_a_column_of_month_first_dates_is_never_read_day_first(self, tmp_path: Path):
        """A US-locale export writes end dates month first: 1/15/2025 was refused, but
        2/1/2025 in the same column was read as 2 January, silently (review 52). Where a cell
        of the column can only be month first, every date of it that reads both ways is
        refused with both readings, and the month-first ones say so."""
        folder = regency(
            tmp_path / "csv",
            **{
                "pegawai.csv": (
                    "NIP;ID Jabatan;Status;Tanggal Selesai\n"
                    f"{NIPS[0]};J1;PNS;1/15/2025\n{NIPS[1]};J2;PNS;2/1/2025\n"
                    f"{NIPS[2]};J3;CPNS;3/3/2025\n{NIPS[3]};J3;PNS;\n"
                )
            },
        )
        ds = io.read_dataset(folder, lang="en")
        kept = ds["employees"].set_index("nip")["end_date"]
        assert sorted(kept.index) == [NIPS[2], NIPS[3]]  # 3/3 reads alike both ways
        assert kept[NIPS[2]] == pd.Timestamp("2025-03-03")
        codes = {p.row: p.code for p in ds.report.problems if p.table == "employees"}
        assert codes == {0: "date_month_first", 1: "ambiguous_date"}
        ambiguous = next(p for p in ds.report.problems if p.code == "ambiguous_date")
        for lang in ("en", "id"):
            assert "2025-01-02" in ambiguous.message(lang)
            assert "2025-02-01" in ambiguous.message(lang)
        # day first, as the documented rule reads it, where nothing says otherwise
        day_first = regency(
            tmp_path / "d",
            **{
                "pegawai.csv": f"NIP;ID Jabatan;Status;Tanggal Selesai\n{NIPS[0]};J1;PNS;2/1/2025\n"
            },
        )
        ends = io.read_dataset(day_first)["employees"]["end_date"]
        assert list(ends) == [pd.Timestamp("2025-01-02")]

    def test_one_month_first_typo_among_day_first_dates_is_the_odd_one(self):
        """One date typed month first (3/15/2025) in a column of day-first dates made the
        whole column month first: each of its dates that reads both ways (5/03/2025, about a
        third of them) was refused (the note 'a month-first typo refusing all both-way
        dates'). A column whose one-way cells are day first but for at most one in ten is
        day first: the typo alone is refused, naming a day-first cell of the column."""
        from tukin.contract import TABLES
        from tukin.io._cells import convert_column

        end = next(c for c in TABLES["employees"].columns if c.name == "end_date")
        day_only = [f"{d}/{m:02d}/2025" for d, m in zip(range(13, 22), range(1, 10), strict=True)]
        both = ["5/03/2025", "2/01/2025", "6/6/2025"]
        got, issues = convert_column(end, [*day_only, *both, "3/15/2025"])
        assert got[9:12] == ["2025-03-05", "2025-01-02", "2025-06-06"]
        assert list(issues) == [12] and issues[12].code == "date_month_first_odd"
        assert issues[12].fields == {"iso": "2025-03-15", "other": "13/01/2025"}
        # two typos among nine: the column cannot be told, as before; the message names one
        got, issues = convert_column(end, [*day_only, *both, "3/15/2025", "4/16/2025"])
        assert {i: p.code for i, p in issues.items()} == {
            9: "ambiguous_date",
            10: "ambiguous_date",
            12: "date_month_first",
            13: "date_month_first",
        }
        assert issues[9].fields["other"] == "3/15/2025"
        # a month-first export with one day-first cell stays refused where it reads both ways
        _, issues = convert_column(end, ["1/15/2025", "2/20/2025", "31/01/2025", "2/1/2025"])
        assert {i: p.code for i, p in issues.items()} == {
            0: "date_month_first",
            1: "date_month_first",
            3: "ambiguous_date",
        }

    def test_totals_line_and_signature_block_are_skipped_as_in_a_workbook(self, tmp_path: Path):
        """A CSV saved from a printed recap ends with a JUMLAH line and the head's signature
        block, as the workbook does (review 52): read as rows, the JUMLAH line was an
        "employee" with NIP 'JUMLAH' and the signer's "NIP. 1966…" line a row of the signer's
        own with no period. The Excel reader's rule skips them, with the same notice; the
        same lines among the data stay data and are rejected."""
        signer = f"NIP. {NIPS[0][:8]} {NIPS[0][8:14]} {NIPS[0][14]} {NIPS[0][15:]}"
        footer = f"JUMLAH;;2;;\n\n;Tenggarong, 3 November 2025\n;Kepala Dinas A\n;Ani\n{signer};\n"
        folder = regency(
            tmp_path / "csv",
            **{"kehadiran.csv": ATTENDANCE + footer, "pegawai.csv": EMPLOYEES + "JUMLAH;4 orang\n"},
        )
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = io.read_csv_folder(folder)
        assert ds.report.ok, ds.report.describe()
        assert len(ds["attendance"]) == 4 and len(ds["employees"]) == 4
        notes = {str(w.message) for w in caught if getattr(w.message, "code", "") == "footer_rows"}
        assert any("'kehadiran.csv': baris 6, 8-11 " in n for n in notes), notes
        assert any("'pegawai.csv': baris 6 " in n for n in notes), notes
        # a numbers-only line under the data is no caption: a row with its NIP left out
        folder = regency(tmp_path / "b", **{"kehadiran.csv": ATTENDANCE + ";;2;1\n"})
        ds = io.read_csv_folder(folder)
        assert "required_value" in problems_by_code(ds)
        # a caption-like line among the data is an incomplete row of data: rejected
        among = ATTENDANCE.replace("\n", "\n;Tanpa NIP\n", 1)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = io.read_csv_folder(regency(tmp_path / "c", **{"kehadiran.csv": among}))
        assert "required_value" in problems_by_code(ds)
        assert "footer_rows" not in {getattr(w.message, "code", None) for w in caught}

    def test_a_header_repeated_after_a_page_break_is_skipped_and_said(self, tmp_path: Path):
        """A recap printed to CSV repeats its header line after each page break (review 52):
        read as a row it was rejected with four problems (NIP 'NIP', period 'Periode', ...).
        A line holding exactly the header's labels in the header's columns (as headers are
        compared: ``N.I.P.`` is ``NIP``) is skipped, and a notice names the file and line;
        a line that differs in one cell is data and is rejected with its reasons."""
        head, first, rest = ATTENDANCE.split("\n", 2)
        again = head.replace("NIP", "N.I.P.").replace("TK", " tk ")
        folder = regency(tmp_path / "a", **{"kehadiran.csv": f"{head}\n{first}\n{again}\n{rest}"})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = io.read_csv_folder(folder)
        assert ds.report.ok, ds.report.describe()
        assert len(ds["attendance"]) == 4
        [note] = [w.message for w in caught if getattr(w.message, "code", "") == "header_repeated"]
        assert "'kehadiran.csv'" in note.message("id") and "baris 3 " in note.message("id")
        assert "'kehadiran.csv'" in note.message("en") and "row(s) 3 " in note.message("en")
        # one cell not the header's: a row of data, rejected, nothing skipped
        other = head.replace("TL1", "TL2")
        folder = regency(tmp_path / "b", **{"kehadiran.csv": f"{head}\n{first}\n{other}\n{rest}"})
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = io.read_csv_folder(folder)
        assert "invalid_nip" in problems_by_code(ds)
        assert "header_repeated" not in {getattr(w.message, "code", None) for w in caught}

    def test_single_csv_file(self, tmp_path: Path):
        """One CSV file reads as its table (others missing)."""
        path = write_folder(tmp_path, {"units.csv": "unit_id,name\nU1,A\n"}) / "units.csv"
        ds = io.read_dataset(path)
        assert len(ds["units"]) == 1 and "missing_table" in problems_by_code(ds)


class TestJson:
    def test_json_nip_as_number_is_reported(self, tmp_path: Path):
        """A NIP sent as a JSON number that lost digits is located as table[row].column."""
        path = tmp_path / "data.json"
        path.write_text(
            '{"tables": {"units": [{"unit_id": "U1", "name": "A"}],'
            '"employees": [{"nip": 198001012005011000, "position_id": "P",'
            ' "status": "pns"}]}}'
        )
        problem = problems_by_code(io.read_dataset(path))["nip_as_number"][0]
        assert problem.where() == "data.json: employees[0].nip"

    def test_pandas_to_json_dates_are_dates(self, tmp_path: Path):
        """DataFrame.to_json writes a date as 2025-10-16T00:00:00.000: the same Dataset."""
        tables = frames()
        doc = {
            name: json.loads(frame.to_json(orient="records", date_format="iso"))
            for name, frame in tables.items()
        }
        assert doc["employees"][3]["start_date"] == "2025-10-16T00:00:00.000"
        path = tmp_path / "data.json"
        path.write_text(json.dumps(doc))
        ds = io.read_json(path)
        assert ds.report.ok, ds.report.describe()
        assert ds.fingerprint() == Dataset.from_frames(**tables).fingerprint()


class TestCells:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2025-01-31", dt.date(2025, 1, 31)),
            ("31/01/2025", dt.date(2025, 1, 31)),
            ("01/02/2025", dt.date(2025, 2, 1)),  # always day first
            ("31-01-2025", dt.date(2025, 1, 31)),
            ("1 Januari 2025", dt.date(2025, 1, 1)),
            ("17 Agt 2025", dt.date(2025, 8, 17)),
            ("2025-01-31T00:00:00", dt.date(2025, 1, 31)),
            ("2025-01-31T00:00:00.000", dt.date(2025, 1, 31)),  # DataFrame.to_json
            ("2025-01-31 00:00", dt.date(2025, 1, 31)),
            ("2025-01-31T08:30:00+07:00", dt.date(2025, 1, 31)),  # the time is dropped
            ("2025-01-31T25:00", None),
            ("2025", None),
            ("31/02/2025", None),
        ],
    )
    def test_dates(self, text: str, expected: dt.date | None):
        """Dates people type, day first; nothing guessed."""
        assert parse_date_text(text) == expected

    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            ("2025-10", "2025-10"),
            ("10/2025", "2025-10"),
            ("Okt 2025", "2025-10"),
            ("2025-3", "2025-03"),
            (dt.datetime(2025, 10, 1), "2025-10"),
            (2025, 2025),
            ("2025-Q3", "2025-Q3"),
            ("Okt-25", "2025-10"),  # Excel's mmm-yy
            ("01/10/2025", "2025-10"),  # a date on the 1st, as a workbook's date cell
            ("2025-10-01", "2025-10"),
            ("31/10/2025", "31/10/2025"),  # any other day: no month, reported as typed
            ("Okt 25", "Okt 25"),
        ],
    )
    def test_periods(self, value: object, expected: object):
        """Period spellings become the canonical text the validator reads."""
        assert to_period(value) == expected

    def test_numbers(self):
        """Indonesian grouping, decimal comma, Rp, percentages; floats whole become int."""
        assert to_number("1.234.567", False, False) == 1234567
        assert to_number("Rp1.500.000,-", False, False) == 1500000
        assert to_number("12,5", False, True) == "12.5"
        assert to_number("40%", False, True) == 40
        assert to_number(0.4, True, True) == 40
        assert to_number("40%", False, False) == "40%"  # rupiah are never a percentage
        assert to_number(1500000.0, False, False) == 1500000

    def test_nips(self):
        """Text and exact ints pass; floats and Excel-rounded ints are reported."""
        assert to_nip(" 19800101 200501 1 001 ") == ("19800101 200501 1 001", None)
        assert to_nip(198001012005011001) == ("198001012005011001", None)
        issue = to_nip(1.98001012005011e17)[1]
        assert issue is not None and issue.code == "nip_as_number"
        assert to_nip(198001012005011000)[1] is not None
        assert to_nip("1,98001E+17")[1] is not None


def json_doc() -> dict[str, list[dict[str, object]]]:
    """The regency as a program sends it: json.loads of DataFrame.to_json (ISO dates)."""
    return {
        name: json.loads(frame.to_json(orient="records", date_format="iso"))
        for name, frame in frames().items()
    }


def both(doc: object, tmp_path: Path, text: str | None = None) -> list[Dataset]:
    """The same document loaded both ways a service can: parsed (from_records) and as a file."""
    path = tmp_path / "data.json"
    path.write_text(text if text is not None else json.dumps(doc))
    return [Dataset.from_records(doc, lang="en"), io.read_json(path, lang="en")]


class TestMachineInput:
    """A JSON document and the same document parsed, handed to Dataset.from_records, read
    alike: machine notation, contract names, problems located (review 25: d02, d08, d11,
    d13, d15)."""

    def test_a_decimal_text_is_machine_notation(self, tmp_path: Path):
        """``"12.500"`` (a Django/Java decimal) is 12.5 for both loaders, never 12 500."""
        doc = json_doc()
        cut = {"nip": NIPS[0], "kind": "sedang", "start_period": "2025-10", "months": "3"}
        doc["sanctions"] = [{**cut, "percent": "12.500"}]
        doc["employees"][0]["basic_salary"] = "0.750"  # an extra column: kept as given
        one, two = both(doc, tmp_path)
        assert one.fingerprint() == two.fingerprint()
        for ds in (one, two):
            assert ds.report.ok, ds.report.describe()
            assert ds["sanctions"]["percent"].tolist() == [12.5]
            assert ds["employees"].loc[0, "basic_salary"] == "0.750"

    @pytest.mark.parametrize(
        ("text", "suggestion"),
        [("Rp 1.000.000", 1000000), ("1.000.000", 1000000), ("1,5", "1.5"), ("60%", 60)],
    )
    def test_spreadsheet_notation_is_refused_with_the_number_to_write(
        self, tmp_path: Path, text: str, suggestion: object
    ):
        """Indonesian notation in JSON is a located problem naming the machine form, not a
        guess: '1.000' could be one or a thousand."""
        doc = json_doc()
        doc["attendance"][1]["tk"] = text
        for ds, where in zip(
            both(doc, tmp_path),
            ["table attendance, row 1, column tk", "data.json: attendance[1].tk"],
            strict=True,
        ):
            (problem,) = problems_by_code(ds)["number_notation"]
            assert problem.where("en") == where
            assert problem.fields["suggestion"] == suggestion
            assert f": {suggestion}" in problem.message("en")
            assert "angkanya saja" in problem.message("id")
            assert 1 in set(ds.rejected["row"][ds.rejected["table"] == "attendance"])

    @pytest.mark.parametrize("value", ["2025-10", 20251031, "31/10/2025", "16 Oktober 2025"])
    def test_dates_are_iso_only(self, tmp_path: Path, value: object):
        """A date that is no ISO date is refused alike by both loaders (date_notation)."""
        doc = json_doc()
        doc["employees"][3]["start_date"] = value
        for ds in both(doc, tmp_path):
            (problem,) = problems_by_code(ds)["date_notation"]
            assert (problem.table, problem.row, problem.column) == ("employees", 3, "start_date")
            assert "YYYY-MM-DD" in problem.message("en")

    @pytest.mark.parametrize(
        "value", ["2025-10-16", "2025-10-16T00:00:00.000", "2025-10-16T00:00:00+07:00"]
    )
    def test_iso_dates_and_date_times_are_their_date(self, tmp_path: Path, value: str):
        """A date-time's date as written, whatever its offset (midnight WIB is the 16th)."""
        doc = json_doc()
        doc["employees"][3]["start_date"] = value
        for ds in both(doc, tmp_path):
            assert ds.report.ok, ds.report.describe()
            start = ds["employees"].loc[3, "start_date"]
            assert start.date() == dt.date(2025, 10, 16)

    def test_choices_as_the_dataset_reads_them(self, tmp_path: Path):
        """'PNS' is pns for both; the spreadsheet's 'P N S' for neither."""
        doc = json_doc()
        doc["employees"][0]["status"] = "PNS"
        doc["employees"][1]["status"] = "P N S"
        for ds in both(doc, tmp_path):
            assert [p.row for p in problems_by_code(ds)["invalid_choice"]] == [1]

    @pytest.mark.parametrize("key", ["endDate", "End Date", "tanggal_selesai", "end_dat"])
    def test_a_misspelt_key_stops_the_payment(self, tmp_path: Path, key: str):
        """An end date under a key that is no contract name is not read: unknown_header,
        naming the contract name, and calculate refuses (a leaver would be paid in full)."""
        doc = json_doc()
        for row in doc["employees"]:
            row[key] = row.pop("end_date")
        doc["employees"][0][key] = "2025-10-10"
        for ds in both(doc, tmp_path):
            (problem,) = problems_by_code(ds)["unknown_header"]
            assert problem.value == key and problem.fields["suggestion"] == "end_date"
            assert "'end_date'" in problem.message("en")
            with pytest.raises(TukinError) as caught:
                compute(ds)
            assert caught.value.code == "input_not_read"

    def test_extra_keys_are_kept(self, tmp_path: Path):
        """A regency's own key is an extra column; so is an alias beside its column."""
        doc = json_doc()
        for row in doc["employees"]:
            row["tpp_zone"] = "B"
            row["tanggal_selesai"] = None
        for ds in both(doc, tmp_path):
            assert ds.report.ok, ds.report.describe()
            assert set(ds["employees"]["tpp_zone"]) == {"B"}

    def test_a_table_twice_refuses_the_document(self, tmp_path: Path):
        """Two "employees" arrays (two exports concatenated): json.loads would keep the
        last; the reader refuses the file, naming the key."""
        doc = json_doc()
        first = json.dumps(doc["employees"][:2])
        text = json.dumps(doc)[:-1] + f', "employees": {first}}}'
        path = tmp_path / "data.json"
        path.write_text(text)
        with pytest.raises(InputFileError) as caught:
            io.read_json(path)
        assert caught.value.code == "repeated_json_key"
        assert "'employees'" in str(caught.value) and "data.json" in str(caught.value)
        wrapped = json.dumps({"tables": doc})[:-2] + f', "employees": {first}}}}}'
        path.write_text(wrapped)
        with pytest.raises(InputFileError, match=r"data\.json: tables"):
            io.read_json(path)

    def test_a_key_twice_in_a_row_rejects_the_row(self, tmp_path: Path):
        """``"end_date"`` twice in one row: that row is rejected, located."""
        text = json.dumps(json_doc()).replace(
            '"end_date": null', '"end_date": null, "end_date": null', 1
        )
        path = tmp_path / "data.json"
        path.write_text(text)
        ds = io.read_json(path, lang="en")
        (problem,) = problems_by_code(ds)["repeated_json_key"]
        assert problem.where("en") == "data.json: employees[0].end_date"
        assert 0 not in ds["employees"].index

    @pytest.mark.parametrize(
        ("table", "value"), [("sanctions", {"nip": "1"}), ("employees", "text")]
    )
    def test_a_table_that_is_no_array_is_a_problem(self, tmp_path: Path, table: str, value: object):
        """An object or a text for a table: not_a_table, and no payment from the rest."""
        doc: dict[str, object] = {**json_doc(), table: value}
        for ds in both(doc, tmp_path):
            (problem,) = problems_by_code(ds)["not_a_table"]
            assert problem.table == table and "array" in problem.message("en")
            with pytest.raises(TukinError) as caught:
                compute(ds)
            assert caught.value.code == "input_not_read"

    def test_what_a_json_value_is_is_said_in_indonesian(self, tmp_path: Path):
        """'bukan an object', 'bukan an array': the kind of value was English in Indonesian."""
        doc = json_doc()
        doc["sanctions"] = {"nip": "1"}  # type: ignore[assignment]
        doc["attendance"] += [[1, 2]]
        (ds, *_) = both(doc, tmp_path)
        (table,) = problems_by_code(ds)["not_a_table"]
        (row,) = problems_by_code(ds)["not_a_row"]
        assert table.message("id").endswith("bukan objek; tidak ada yang dibaca")
        assert row.message("id").endswith("bukan array")
        assert "an object" in table.message("en") and "an array" in row.message("en")
        with pytest.raises(DataError) as caught:
            Dataset.from_records(["x"])  # type: ignore[arg-type]
        assert "bukan array" in caught.value.message("id")

    def test_a_row_that_is_no_object_is_rejected(self, tmp_path: Path):
        """null and an array as rows: each rejected with not_a_row, the others kept."""
        doc = json_doc()
        doc["attendance"] += [None, [1, 2]]
        for ds in both(doc, tmp_path):
            rows = [p.row for p in problems_by_code(ds)["not_a_row"]]
            assert rows == [4, 5]
            assert len(ds["attendance"]) == 4

    def test_records_that_are_no_mapping(self):
        """A list at the top level is a DataError naming what was expected."""
        with pytest.raises(DataError) as caught:
            Dataset.from_records([json_doc()])  # type: ignore[arg-type]
        assert caught.value.code == "not_tables" and "an array" in str(caught.value)

    def test_a_sheet_name_for_a_table_is_told_the_contract_name(self, tmp_path: Path):
        """``pegawai`` is the workbook's name of employees: machine input uses contract names."""
        doc = json_doc()
        doc["pegawai"] = doc.pop("employees")
        for ds in both(doc, tmp_path):
            (problem,) = problems_by_code(ds)["unknown_sheet"]
            assert problem.fields["suggestion"] == "employees"

    def test_a_document_in_memory(self, tmp_path: Path):
        """Bytes, a binary file object and a text file object read like the file."""
        doc = json_doc()
        data = json.dumps(doc).encode()
        reference = Dataset.from_records(doc).fingerprint()
        for given in (data, BytesIO(data), StringIO(data.decode())):
            assert io.read_json(given).fingerprint() == reference
            assert io.read_dataset(BytesIO(data)).fingerprint() == reference
        doc["employees"][0]["status"] = "x"
        ds = io.read_dataset(json.dumps(doc).encode(), lang="en")
        assert ds.report.problems[0].where("en") == "data.json: employees[0].status"
        with pytest.raises(InputFileError, match="path"):
            io.read_dataset(b"PK\x03\x04 a workbook")
