"""Review 74: a whole appraisal or attendance table left out, and a row pasted twice.

1. A workbook without its *Penilaian SKP* sheet paid every employee at the packs' "no SKP"
   rate (the 30-employee demo: Rp183.5M down to Rp117.7M) with a warning only. A table a
   step reads that was not given at all now stops the run (``appraisals_table_missing``,
   ``attendance_table_missing``); given without rows, it says "nobody this period" and pays
   as before, with the warning.
2. An attendance or appraisal row pasted twice, the same in every column, rejected the
   employee (``duplicate_key``); it is now read once (the note ``duplicate_row_same``, the
   warning ``duplicate_rows_read_once``), from frames, CSV and Excel alike. The same key with
   different values stays ``duplicate_key``.
"""

from __future__ import annotations

import subprocess
import sys
import warnings
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tukin.calc.engine import calculate
from tukin.calc.needs import unmet_needs
from tukin.contract import TABLES
from tukin.dataset import Dataset
from tukin.demo import generate
from tukin.errors import CalculationError, InputWarning
from tukin.io import read_csv_folder, read_excel, write_frames, write_tables
from tukin.period import Period
from tukin.ruleset.load import load_ruleset

PERIOD = "2025-10"


@cache
def _frames() -> dict[str, pd.DataFrame]:
    return generate(30, seed=5)


def frames(**changed: pd.DataFrame | None) -> dict[str, pd.DataFrame]:
    """The demo regency's tables; a table given as None is left out."""
    out = {k: v.copy() for k, v in _frames().items()}
    for name, frame in changed.items():
        if frame is None:
            del out[name]
        else:
            out[name] = frame
    return out


def empty(table: str) -> pd.DataFrame:
    return pd.DataFrame(columns=list(TABLES[table].names))


def quiet_calculate(ds: Dataset, rules: Any, period: str = PERIOD) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        return calculate(ds, rules, period)


# -- 1. a table not given at all ----------------------------------------------------------


class TestAppraisalsNotGiven:
    @pytest.mark.parametrize("pack", ["tpp-60-40", "tpp-80-20", "predikat-permenpanrb-6-2022"])
    def test_a_rule_set_reading_the_ratings_stops(self, pack: str) -> None:
        ds = Dataset.from_frames(**frames(appraisals=None))
        with pytest.raises(CalculationError) as caught:
            calculate(ds, load_ruleset(pack), PERIOD)
        err = caught.value
        assert err.code == "appraisals_table_missing"
        assert "'predikat'" in err.fields["value"]
        en, id_ = err.message("en"), err.message("id")
        assert "table appraisals" in en and "without rows" in en
        assert "tabel appraisals" in id_ and "tanpa baris" in id_ and "rating SKP" in id_

    def test_given_without_rows_pays_everyone_at_the_no_skp_rate_with_the_warning(self) -> None:
        ds = Dataset.from_frames(**frames(appraisals=empty("appraisals")))
        result = quiet_calculate(ds, load_ruleset("tpp-60-40"))
        paid = result.to_frame()
        assert len(paid) == len(_frames()["employees"]) and not len(result.rejected)
        warned = {w.code: w for w in result.warnings}
        assert warned["paid_without_appraisal"].fields["value"] == len(paid)

    def test_a_rule_set_not_reading_the_ratings_runs_without_the_table(self) -> None:
        ds = Dataset.from_frames(**frames(appraisals=None))
        result = quiet_calculate(ds, zero_codes())  # reads attendance only
        assert len(result.to_frame()) == len(_frames()["employees"])

    def test_validate_with_the_rules_reports_it_as_calculate_does(self) -> None:
        rules = load_ruleset("tpp-60-40")
        absent = Dataset.from_frames(**frames(appraisals=None))
        codes = [p.code for p in unmet_needs(absent, rules, Period.parse(PERIOD))]
        assert codes == ["appraisals_table_missing"]
        given = Dataset.from_frames(**frames(appraisals=empty("appraisals")))
        codes = [p.code for p in unmet_needs(given, rules, Period.parse(PERIOD))]
        assert codes == ["missing_appraisal_sheet"]  # said, as before: given on purpose

    def test_the_partitioned_run_stops_too(self) -> None:
        from tukin.distributed import calculate_partitioned

        ds = Dataset.from_frames(**frames(appraisals=None))
        with pytest.raises(CalculationError) as caught:
            calculate_partitioned(ds, load_ruleset("tpp-60-40"), PERIOD, npartitions=2)
        assert caught.value.code == "appraisals_table_missing"

    def test_a_year_projection_stops_too(self) -> None:
        from tukin.planning import project_year

        ds = Dataset.from_frames(**frames(appraisals=None))
        with pytest.raises(CalculationError) as caught:
            project_year(ds, load_ruleset("tpp-60-40"), 2025)
        assert caught.value.code == "appraisals_table_missing"

    def test_the_clerk_sees_the_sheet_named_in_indonesian(self, tmp_path: Path) -> None:
        import openpyxl

        book = write_frames(frames(), tmp_path / "isian.xlsx")
        wb = openpyxl.load_workbook(book)
        del wb["Penilaian SKP"]  # the template writes every sheet: the clerk deleted it
        wb.save(book)
        out = subprocess.run(
            [sys.executable, "-m", "tukin.cli", "calculate", "--data", str(book)]
            + ["--rules", "tpp-60-40", "--period", PERIOD, "--out", str(tmp_path / "h.xlsx")],
            capture_output=True,
            text=True,
            env={**__import__("os").environ, "TUKIN_LANG": "id"},
        )
        assert out.returncode != 0
        assert "[appraisals_table_missing]" in out.stderr
        assert "sheet Penilaian SKP" in out.stderr and "tanpa baris" in out.stderr
        assert not (tmp_path / "h.xlsx").exists()


_ZERO_CODES = """
name: hadir-nol
version: "1"
period_kinds: [month]
steps:
  - id: potongan
    type: deduction_table
    rates: {tl1: 1%, tk: 5%}
    missing_code: zero
  - id: kotor
    type: formula
    expr: "rupiah(1000000) * (1 - potongan)"
    unit: rupiah
  - id: tpp
    type: round
    input: kotor
    mode: half_up
outputs:
  allowance: tpp
"""


def zero_codes() -> Any:
    return load_ruleset(_ZERO_CODES)


class TestAttendanceNotGiven:
    """A rule set that does not require attendance, whose deduction table counts a missing
    code as 0: without the table every employee was paid in full, with a warning."""

    def test_stops_when_the_table_is_not_given(self) -> None:
        ds = Dataset.from_frames(**frames(attendance=None))
        with pytest.raises(CalculationError) as caught:
            calculate(ds, zero_codes(), PERIOD)
        assert caught.value.code == "attendance_table_missing"
        assert "'potongan'" in caught.value.fields["value"]
        assert "tabel attendance" in caught.value.message("id")

    def test_given_without_rows_pays_as_before(self) -> None:
        ds = Dataset.from_frames(**frames(attendance=empty("attendance")))
        result = quiet_calculate(ds, zero_codes())
        assert set(result.to_frame()["tpp"]) == {1000000} and not len(result.rejected)

    def test_a_deduction_table_erring_on_missing_codes_keeps_its_own_message(self) -> None:
        ds = Dataset.from_frames(**frames(attendance=None))
        with pytest.raises(CalculationError) as caught:
            calculate(ds, load_ruleset("tpp-60-40"), PERIOD)
        assert caught.value.fields.get("detail_code") == "missing_attendance_sheet"


class TestEveryMissingTableAtOnce:
    """A workbook without two of the sheets its rules read stopped on the first; the clerk
    added it, ran again and learnt of the second. The error now names them all: the code and
    fields of the first, the others in the message and one ``problem`` per table."""

    def test_appraisals_and_attendance_both_left_out(self) -> None:
        ds = Dataset.from_frames(**frames(appraisals=None, attendance=None))
        with pytest.raises(CalculationError) as caught:
            calculate(ds, load_ruleset("tpp-60-40"), PERIOD)
        err = caught.value
        assert err.code == "appraisals_table_missing"
        assert [(p.table, p.code) for p in err.problems] == [
            ("appraisals", "appraisals_table_missing"),
            ("attendance", "attendance_table_missing"),
        ]
        assert "Not in the input either: table attendance" in err.message("en")
        assert "Juga tidak ada dalam masukan: tabel attendance" in err.message("id")
        body = err.to_dict("en")
        assert [p["code"] for p in body["problems"]] == [
            "appraisals_table_missing",
            "attendance_table_missing",
        ]

    def test_a_required_table_comes_first_and_each_gets_a_problem(self) -> None:
        rules = load_ruleset("tpp-60-40").model_copy(update={"requires": ["sanctions", "units"]})
        ds = Dataset.from_frames(**frames(appraisals=None, sanctions=None, units=None))
        with pytest.raises(CalculationError) as caught:
            calculate(ds, rules, PERIOD)
        err = caught.value
        assert err.code == "required_table_missing"
        assert err.fields["value"] == "sanctions, units"
        assert [p.table for p in err.problems] == ["sanctions", "units", "appraisals"]
        assert "Not in the input either: table appraisals" in err.message("en")

    def test_one_missing_table_reads_as_before(self) -> None:
        ds = Dataset.from_frames(**frames(appraisals=None))
        with pytest.raises(CalculationError) as caught:
            calculate(ds, load_ruleset("tpp-60-40"), PERIOD)
        err = caught.value
        assert [p.table for p in err.problems] == ["appraisals"]
        assert "either" not in err.message("en") and "Juga" not in err.message("id")


# -- 2. a row pasted twice ----------------------------------------------------------------


def _october(table: str) -> tuple[pd.DataFrame, int]:
    frame = _frames()[table]
    return frame, int(frame.index[frame["period"] == PERIOD][0])


def twinned(table: str, *, change: str | None = None) -> dict[str, pd.DataFrame]:
    """The tables with one October row of ``table`` given twice; ``change`` names a column
    whose value differs in the copy."""
    frame, at = _october(table)
    copy = frame.loc[[at]].copy()
    if change is not None:
        value = copy.at[at, change]
        copy.at[at, change] = (
            value + 1
            if pd.api.types.is_number(value)
            else ("above" if value != "above" else "below")
        )
    return frames(**{table: pd.concat([frame, copy], ignore_index=True)})


def row_word(kind: str) -> str:
    return "baris"


def nip_of(table: str) -> str:
    frame, at = _october(table)
    return str(frame.at[at, "nip"])


def baseline() -> pd.DataFrame:
    return quiet_calculate(Dataset.from_frames(**frames()), load_ruleset("tpp-60-40")).to_frame()


def _read(kind: str, tables: dict[str, pd.DataFrame], tmp_path: Path) -> Dataset:
    if kind == "frames":
        return Dataset.from_frames(**tables)
    if kind == "csv":
        return read_csv_folder(write_tables(tables, tmp_path / "csv"))
    return read_excel(write_frames(tables, tmp_path / "isian.xlsx"))


@pytest.mark.parametrize("kind", ["frames", "csv", "excel"])
@pytest.mark.parametrize("table", ["attendance", "appraisals"])
class TestTwins:
    def test_the_same_row_twice_is_read_once_and_the_employee_paid(
        self, kind: str, table: str, tmp_path: Path
    ) -> None:
        ds = _read(kind, twinned(table), tmp_path)
        assert ds.report.ok  # a note: a strict read accepts it
        notes = ds.report.notes
        assert [p.code for p in notes] == ["duplicate_row_same"]
        assert len(ds[table]) == len(_frames()[table])
        assert ds.report.counts[table].given == len(_frames()[table]) + 1
        assert not len(ds.rejected)
        result = quiet_calculate(ds, load_ruleset("tpp-60-40"))
        assert not len(result.rejected)
        assert result.to_frame()["tpp"].tolist() == baseline()["tpp"].tolist()
        warned = {w.code: w for w in result.warnings}["duplicate_rows_read_once"]
        assert warned.fields["value"] == 1
        sheet = {"attendance": "Kehadiran", "appraisals": "Penilaian SKP"}[table]
        assert warned.fields["table"] == sheet
        if kind == "frames":
            assert warned.fields["rows"] == f"{nip_of(table)}/{PERIOD}"
        else:  # the sheet's (file's) row of the copy and of the row it repeats
            assert warned.fields["rows"].endswith(f", {row_word(kind)} 362 (= baris 272)")
        assert "read once" in warned.message("en") and "dibaca sekali" in warned.message("id")

    def test_the_same_key_with_another_value_is_still_a_duplicate_key(
        self, kind: str, table: str, tmp_path: Path
    ) -> None:
        column = "tl1" if table == "attendance" else "results"
        ds = _read(kind, twinned(table, change=column), tmp_path)
        assert {p.code for p in ds.report.problems} == {"duplicate_key"}
        assert ds.report.counts[table].rejected == 2
        result = quiet_calculate(ds, load_ruleset("tpp-60-40"))
        assert result.rejected["nip"].astype(str).tolist() == [nip_of(table)]


def test_a_twin_differing_only_in_an_extra_column_is_a_duplicate_key() -> None:
    """An appraisal's extra column travels with it (hours worked, a daily-report score): a
    copy that differs there says something else."""
    frame, at = _october("appraisals")
    frame = frame.assign(jam_kerja=150.0)
    copy = frame.loc[[at]].assign(jam_kerja=152.5)
    ds = Dataset.from_frames(**frames(appraisals=pd.concat([frame, copy], ignore_index=True)))
    assert {p.code for p in ds.report.problems} == {"duplicate_key"}
    same = pd.concat([frame, frame.loc[[at]]], ignore_index=True)
    ds = Dataset.from_frames(**frames(appraisals=same))
    assert {p.code for p in ds.report.problems} == {"duplicate_row_same"}
    assert ds["appraisals"]["jam_kerja"].tolist() == frame["jam_kerja"].tolist()


def test_three_copies_keep_one() -> None:
    frame, at = _october("appraisals")
    copies = pd.concat([frame, frame.loc[[at, at]]], ignore_index=True)
    ds = Dataset.from_frames(**frames(appraisals=copies))
    assert [p.code for p in ds.report.problems] == ["duplicate_row_same"] * 2
    assert len(ds["appraisals"]) == len(frame)


def test_an_employee_twice_is_still_rejected() -> None:
    """Employees are no table of READ_ONCE: one NIP twice is two people or one, not a slip."""
    emp = _frames()["employees"]
    ds = Dataset.from_frames(**frames(employees=pd.concat([emp, emp.iloc[[0]]], ignore_index=True)))
    assert "duplicate_key" in {p.code for p in ds.report.problems}


def test_the_partitioned_run_warns_the_twin_as_the_whole_run_does() -> None:
    from tukin.distributed import calculate_partitioned

    ds = Dataset.from_frames(**twinned("attendance"))
    rules = load_ruleset("tpp-60-40")
    whole = quiet_calculate(ds, rules)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        parts = calculate_partitioned(ds, rules, PERIOD, npartitions=3)
    assert [w.code for w in parts.warnings] == [w.code for w in whole.warnings]
    assert "duplicate_rows_read_once" in {w.code for w in parts.warnings}
    assert parts.receipt.result_fingerprint == whole.receipt.result_fingerprint
