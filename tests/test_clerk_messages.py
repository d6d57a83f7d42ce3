"""What an HR clerk reads: who was not paid, where to correct it, and why, in her words.

Review 18 (a clerk at Kabupaten Kutai Kartanegara) found the list of rejected employees
without names or cells for rows validation refused, an Excel-rounded NIP listed as if it were
somebody's, a missing attendance sheet reported with the engine's columns in English, and
Indonesian messages naming contract tables, columns and choices she never sees.
"""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from io_helpers import NIPS, SHEET_ROWS, compute, fill, frames

import tukin
from tukin import cli, io
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import CalculationError
from tukin.ruleset.load import load_ruleset


def _workbook(tmp_path: Path, rows: dict[str, list[list[Any]]]) -> Path:
    """The Indonesian template with ``rows`` typed from row 3 (row 2 is its example)."""
    return fill(io.write_template(tmp_path / "isian.xlsx"), rows)


class TestRejectedList:
    """Result.rejected names every employee validation refused, and the cell to correct."""

    @pytest.fixture
    def result(self, tmp_path: Path) -> Any:
        rows = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
        rows["Pegawai"] += [
            [1.99201012020121e17, "Eka Rounded", "J3", "PNS", None, None],  # row 7
            ["199301012020121006", "Fajar Tanpa Jabatan", None, "PNS", None, None],  # row 8
            ["199401012020121007", "Gita Salah Jabatan", "J9", "P3K", None, None],  # row 9
        ]
        return compute(io.read_excel(_workbook(tmp_path, rows), lang="id"))

    def test_validation_rows_carry_name_and_location(self, result: Any) -> None:
        """Name typed on the row, sheet/row/column of each reason, reason in Indonesian."""
        rej = result.rejected[result.rejected["stage"] == "validation"].set_index("name")
        assert (
            rej.loc["Fajar Tanpa Jabatan", "location"]
            == "sheet Pegawai, baris 8, kolom C (ID Jabatan)"
        )
        assert rej.loc["Fajar Tanpa Jabatan", "reason"] == "nilai wajib diisi"
        gita = rej.loc["Gita Salah Jabatan"]
        assert gita["location"] == "sheet Pegawai, baris 9, kolom C (ID Jabatan)"
        assert gita["reason"] == "'J9' tidak ditemukan di sheet Jabatan, kolom ID Jabatan"

    def test_unreadable_nip_is_shown_as_unreadable(self, result: Any) -> None:
        """A NIP Excel rounded is listed as the cell, marked unreadable, with the name."""
        eka = result.rejected.set_index("name").loc["Eka Rounded"]
        assert eka["nip"] == "199201012020121000 (NIP tidak terbaca)"
        assert eka["reason"].startswith("NIP tidak terbaca: 199201012020121000 tersimpan")
        assert eka["location"] == "sheet Pegawai, baris 7, kolom A (NIP)"

    def test_p3k_is_pppk(self, result: Any) -> None:
        """'P3K' in the Status column is PPPK, not a reason to reject Gita."""
        gita = result.rejected.set_index("name").loc["Gita Salah Jabatan"]
        assert gita["code"] == "unknown_reference"

    def test_workbook_sheet_has_the_location(self, result: Any, tmp_path: Path) -> None:
        """The Ditolak sheet shows Nama and Lokasi."""
        path = io.write_result(result, tmp_path / "hasil.xlsx", lang="id")
        sheet = pd.read_excel(path, sheet_name="Ditolak")
        assert {"Nama", "Lokasi", "Alasan"} <= set(sheet.columns)
        assert "Fajar Tanpa Jabatan" in set(sheet["Nama"])

    def test_frames_location_has_no_row(self) -> None:
        """From frames the location names table and column, never the frame's row: the same
        rows in another order are the same input (test_reproducibility's exports)."""
        tables = frames()
        bad = tables["employees"].iloc[:1].assign(nip="12345", name="Hana")
        tables["employees"] = pd.concat([tables["employees"], bad], ignore_index=True)
        rs = load_ruleset("tpp-60-40")
        one = calculate(Dataset.from_frames(**tables), rs, "2025-10").rejected
        order = list(range(len(tables["employees"])))
        random.Random(3).shuffle(order)
        tables["employees"] = tables["employees"].iloc[order].reset_index(drop=True)
        two = calculate(Dataset.from_frames(**tables), rs, "2025-10").rejected
        hana = one.set_index("name").loc["Hana"]
        assert hana["location"] in ("tabel employees, kolom nip", "table employees, column nip")
        assert one.equals(two)

    def test_calculation_rows_have_no_location(self, tmp_path: Path) -> None:
        """A row the calculation rejected has a null location, not '' (review 25), in the
        frame and in the JSON export; a validation row keeps its place."""
        import json

        tables = tukin.demo.generate(200, seed=1)
        tables["employees"].loc[0, "nip"] = "123"
        result = tukin.calculate(Dataset.from_frames(tables), load_ruleset("tpp-60-40"), "2025-10")
        rejected = result.rejected
        by_stage = rejected.groupby("stage")["location"]
        assert by_stage.apply(lambda s: s.isna().all())["calculation"]
        assert by_stage.apply(lambda s: s.notna().all())["validation"]
        doc = json.loads(io.write_result(result, tmp_path / "hasil.json").read_text())
        assert {r["location"] for r in doc["rejected"] if r["stage"] == "calculation"} == {None}

    def test_rejected_is_yours_to_change(self) -> None:
        """Changing the frame result.rejected gives changes neither the Result nor what is
        exported from it (review 25: it was a plain attribute)."""
        tables = tukin.demo.generate(200, seed=1)
        result = tukin.calculate(Dataset.from_frames(tables), load_ruleset("tpp-60-40"), "2025-10")
        before = result.rejected
        mine = result.rejected
        mine.loc[:, "code"] = "changed"
        mine.drop(mine.index, inplace=True)
        assert result.rejected.equals(before) and len(before)
        assert int(result.totals()["rejected"].sum()) == len(before)


class TestIndonesianWords:
    """Indonesian messages use the template's sheet, header and choice names."""

    def test_contract_names_become_template_names(self) -> None:
        tables = frames()
        tables["employees"].loc[1, "status"] = "honorer"
        tables["employees"].loc[2, "position_id"] = "J9"
        tables["attendance"].loc[3, "nip"] = NIPS[0]  # NIP/Periode twice, other counts
        tables["attendance"].loc[3, "tk"] = 1
        ds = Dataset.from_frames(**tables)
        text = ds.report.describe("id", limit=None, grouped=False)
        assert "'honorer' bukan salah satu dari: PNS, CPNS, PPPK" in text
        assert "'J9' tidak ditemukan di sheet Jabatan, kolom ID Jabatan" in text
        assert f"NIP/Periode '{NIPS[0]}/2025-10' ganda" in text
        english = ds.report.describe("en", limit=None, grouped=False)
        assert "is not a known positions.position_id" in english  # other systems' names

    def test_sheet_messages_name_the_sheet_not_the_contract_table(self, tmp_path: Path) -> None:
        """A workbook's own notes in Indonesian said 'tabel attendance', 'tabel employees':
        words of the contract a clerk never sees, in the middle of an Indonesian sentence. They
        name the sheet (Kehadiran, Pegawai); English keeps the contract's names."""
        import warnings

        import openpyxl

        from tukin.contract import TABLES

        rows = {k: [list(r) for r in v] for k, v in SHEET_ROWS.items()}
        rows["Kehadiran"] += [["JUMLAH", None, 3]]
        path = _workbook(tmp_path, rows)
        wb = openpyxl.load_workbook(path)
        wb["Pegawai"]["G1"] = "Rekening"  # an extra column
        wb["Pegawai"]["G3"] = "0012345"
        wb["Pegawai"].row_dimensions[4].hidden = True
        last = wb.create_sheet("Kehadiran Sept")  # last month's copy
        last.append(["NIP", "Periode", "TL1"])
        last.append([NIPS[0], "2025-09", 1])
        wb.save(path)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = io.read_excel(path, lang="id")
        notes = {
            w.message.code: w.message for w in caught if isinstance(w.message, tukin.InputWarning)
        }
        assert {"footer_rows", "extra_columns", "hidden_rows"} <= set(notes)
        [unread] = [p for p in ds.report.problems if p.code == "sheet_not_read"]
        texts = [n.message("id") for n in notes.values()] + [unread.message("id")]
        for text in texts:
            for table in TABLES:
                assert f"tabel {table}" not in text, text
        assert "tampak seperti tabel Kehadiran" in unread.message("id")
        assert "looks like table attendance" in unread.message("en")
        assert "bukan kolom tabel Pegawai" in notes["extra_columns"].message("id")

    def test_rating_lists_labels_and_refuses_a_predikat(self) -> None:
        tables = frames()
        tables["appraisals"] = pd.DataFrame(
            {"nip": [NIPS[0]], "period": ["2025-10"], "results": ["Sangat baik"]}
        )
        ds = Dataset.from_frames(**tables)
        text = ds.report.describe("id", limit=None, grouped=False)
        assert "kolom wajib 'Perilaku Kerja' tidak ada" in text
        assert (
            "'Sangat baik' bukan salah satu dari: di atas ekspektasi, sesuai ekspektasi, "
            "di bawah ekspektasi; predikat akhir (Sangat Baik, Baik, ...) tidak diterima" in text
        )
        assert "a final predikat (Sangat Baik, Baik, ...) is not accepted here" in (
            ds.report.describe("en", limit=None, grouped=False)
        )


class TestWhatTheRulesNeed:
    """A missing attendance sheet or appraisal sheet is told by validate --rules, and a
    calculation that cannot go on says which sheet, in the clerk's words."""

    @pytest.fixture
    def workbook(self, tmp_path: Path) -> Path:
        path = _workbook(tmp_path, {k: v for k, v in SHEET_ROWS.items() if k != "Kehadiran"})
        import openpyxl

        wb = openpyxl.load_workbook(path)
        for name in ("Kehadiran", "Penilaian SKP"):
            del wb[name]
        wb.save(path)
        return path

    def test_calculate_names_the_missing_sheet(self, workbook: Path) -> None:
        ds = io.read_excel(workbook, lang="id")
        with pytest.raises(CalculationError) as caught:
            tukin.calculate(ds, load_ruleset("tpp-60-40"), "2025-10")
        # the SKP sheet first, before any step (review 74): it would pay everyone at the
        # "no SKP" rate; validate --rules names both sheets at once
        assert caught.value.code == "appraisals_table_missing"
        text = caught.value.message("id")
        assert "sheet Penilaian SKP" in text and "tanpa baris" in text
        import openpyxl

        other = workbook.parent / "skp" / "isian.xlsx"
        other.parent.mkdir()
        _workbook(other.parent, {k: v for k, v in SHEET_ROWS.items() if k != "Kehadiran"})
        wb = openpyxl.load_workbook(other)
        del wb["Kehadiran"]  # the SKP sheet kept, without rows: nobody appraised
        wb.save(other)
        ds = io.read_excel(other, lang="id")
        with pytest.raises(CalculationError) as caught:
            tukin.calculate(ds, load_ruleset("tpp-60-40"), "2025-10")
        assert caught.value.code == "calculation_failed"
        text = caught.value.message("id")
        assert "sheet Kehadiran tidak ada" in text and "TL1" in text
        for leak in ("no attendance column", "days_served", "missing_code"):
            assert leak not in text + caught.value.message("en")

    def test_validate_with_rules_reports_them(
        self, workbook: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        argv = ["validate", "--data", str(workbook), "--lang", "id"]
        assert cli.main(argv) == 0  # the data alone is valid
        capsys.readouterr()
        assert cli.main([*argv, "--rules", "tpp-60-40", "--period", "2025-10"]) == 1
        out = capsys.readouterr().out
        assert "sheet Kehadiran tidak ada" in out and "[missing_attendance_sheet]" in out
        assert "sheet Penilaian SKP, yang tidak ada" in out and "[appraisals_table_missing]" in out

    def test_validate_with_rules_names_absent_columns(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A step reading a column the data lacks (PPh's default ter_category, a formula's
        gaji_pokok) was "Data valid." and exit 0, then calculate stopped: now validate says
        which step reads which columns, and a sheet header written as a name counts."""
        tables = frames()
        tables["employees"]["Gaji Pokok"] = 3_000_000
        out = _validate_with_rules(
            tmp_path,
            capsys,
            tables,
            "name: r\nparameters:\n  ter: {A: [{rate: 0%}]}\nsteps:\n"
            "  - {id: t, type: formula, expr: 'rupiah(gaji_pokok) * tunjangan_x'}\n"
            "  - {id: tpp, type: round, input: t}\n"
            "  - {id: pph, type: pph21_ter, input: tpp, rates: $ter}\n"
            "outputs: {allowance: tpp, deductions: [pph]}\n",
        )
        assert "[missing_input_columns]" in out
        assert "langkah 't'" in out and "tunjangan_x" in out and "gaji_pokok" not in out
        assert "langkah 'pph'" in out and "ter_category" in out

    def test_validate_with_rules_no_false_alarm(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A required parameter no step reads, and absence_sanction's tk without an
        attendance sheet (no cut, a warning at the run), stop nothing: not reported. A
        ceiling's group_by column is a column read."""
        tables = frames()
        del tables["attendance"]
        out = _validate_with_rules(
            tmp_path,
            capsys,
            tables,
            "name: r\nparameters:\n  spare: {required: true}\n"
            "  tiers: {value: [{days: 11, cut: 25%, months: 6}]}\nsteps:\n"
            "  - {id: t, type: formula, expr: 'rupiah(1000000)'}\n"
            "  - {id: potong, type: absence_sanction, tiers: $tiers}\n"
            "  - {id: tpp, type: round, input: t}\n"
            "  - {id: pagu, type: ceiling, input: tpp, group_by: kelompok, amount: 1}\n",
        )
        assert "langkah 'pagu'" in out and "kelompok" in out
        assert "spare" not in out and "langkah 'potong'" not in out

    def test_validate_with_rules_names_a_parameter_to_supply(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A pack's required parameter (the ministry's tukin_base) stopped calculate after
        validate had said "Data valid."."""
        folder = io.write_frames(frames(), tmp_path / "csv")
        argv = ["validate", "--data", str(folder), "--rules", "tukin-ministry-variant"]
        assert cli.main([*argv, "--period", "2025-10"]) == 1
        out = capsys.readouterr().out
        assert "[required_parameter]" in out and "tukin_base" in out

    def test_validate_with_rules_names_absent_codes(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Headers of an export (Terlambat 1, S, I) are codes the pack does not read."""
        tables = frames()
        tables["attendance"] = tables["attendance"].rename(columns={"tl1": "terlambat_1"})
        folder = io.write_frames(tables, tmp_path / "csv")
        argv = ["validate", "--data", str(folder), "--rules", "tpp-60-40", "--period", "2025-10"]
        assert cli.main(argv) == 1
        out = capsys.readouterr().out
        assert "[missing_attendance_codes]" in out and "TL1" in out and "terlambat_1" in out


def _validate_with_rules(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], tables: dict[str, Any], rules: str
) -> str:
    """``tukin validate --rules`` over ``tables`` written as CSV: what it printed (it must
    exit 1, a problem found)."""
    folder = io.write_frames(tables, tmp_path / "csv")
    path = tmp_path / "r.yaml"
    path.write_text(rules)
    argv = ["validate", "--data", str(folder), "--rules", str(path), "--period", "2025-10"]
    assert cli.main(argv) == 1
    return capsys.readouterr().out
