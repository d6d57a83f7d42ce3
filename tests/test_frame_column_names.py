"""Extra columns named like a column the employee frame takes elsewhere (review 29, d03/d04).

An extra column of employees, positions, units or appraisals named like an attendance code
(``tk``: a clerk's *tunjangan keluarga*) is ambiguous: ``column_clash`` stops the payment.
One named like a column the frame takes from another table or derives (``grade``,
``unit_id``, ``days_served``) is not read: ``column_taken`` stops the payment, unless it
holds what the frame takes anyway (``column_taken_same``, a note). An attendance code named
so stays ``reserved_column``, a note that cannot change pay. Never a crash, on every input
path.
"""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import tukin
from tukin.calc.engine import UNREAD_INPUT
from tukin.contract import DERIVED_COLUMNS, TABLES
from tukin.io import read_dataset, write_frames

PERIOD = "2025-10"
pytestmark = pytest.mark.filterwarnings("ignore::tukin.errors.InputWarning")


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return tukin.demo.generate(40, seed=9, year=2025, months=10)


@pytest.fixture(scope="module")
def rules() -> tukin.RuleSet:
    return tukin.load_ruleset("tpp-60-40")


@pytest.fixture(scope="module")
def paid(tables: dict[str, pd.DataFrame], rules: tukin.RuleSet) -> int:
    return tukin.calculate(tukin.Dataset.from_frames(**tables), rules, PERIOD).total


def _with(tables: dict[str, pd.DataFrame], table: str, column: str, value: Any) -> dict:
    frame = tables[table].copy()
    frame[column] = value(frame) if callable(value) else value
    return {**tables, table: frame}


def _codes(ds: tukin.Dataset) -> list[tuple[str, str, str | None]]:
    return [(p.table, p.code, p.column) for p in ds.report.problems]


def _outcome(ds: tukin.Dataset, rules: tukin.RuleSet) -> int | str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return tukin.calculate(ds, rules, PERIOD).total
        except tukin.TukinError as exc:
            return exc.code


class TestClashWithAttendanceCode:
    @pytest.mark.parametrize(
        ("table", "column"),
        [
            ("employees", "tk"),
            ("employees", "TK"),  # a rule writes it `tk` too
            ("positions", "tl1"),
            ("units", "sakit"),
            ("appraisals", "psw2"),
        ],
    )
    def test_stops_the_payment(self, tables, rules, table: str, column: str) -> None:
        ds = tukin.Dataset.from_frames(**_with(tables, table, column, 250_000))
        assert _codes(ds) == [(table, "column_clash", column)]
        assert "column_clash" in UNREAD_INPUT
        assert _outcome(ds, rules) == "input_not_read"

    def test_message_names_both_tables_in_both_languages(self, tables) -> None:
        ds = tukin.Dataset.from_frames(**_with(tables, "employees", "tk", 250_000))
        (problem,) = ds.report.problems
        en, id_ = problem.message("en"), problem.message("id")
        assert "'tk' of employees" in en and "attendance code 'tk'" in en
        assert "di Pegawai" in id_ and "kode kehadiran 'tk'" in id_

    @pytest.mark.parametrize("form", ["csv", "x.xlsx", "x.json"])
    def test_every_file_form(self, tables, rules, tmp_path: Path, form: str) -> None:
        path = write_frames(_with(tables, "employees", "tk", 250_000), tmp_path / form)
        ds = read_dataset(path)
        assert _codes(ds) == [("employees", "column_clash", "tk")]
        assert ds.report.problems[0].location  # the sheet or file and the column
        assert _outcome(ds, rules) == "input_not_read"

    def test_records(self, tables, rules) -> None:
        given = _with(tables, "employees", "tk", 250_000)
        records = {
            k: [{c: v for c, v in r.items() if pd.notna(v)} for r in f.to_dict("records")]
            for k, f in given.items()
        }
        ds = tukin.Dataset.from_records(records)
        assert ("employees", "column_clash", "tk") in _codes(ds)
        assert _outcome(ds, rules) == "input_not_read"


#: Every column the frame takes from elsewhere, as an extra column of each table whose
#: extra columns reach the frame (not the table's own contract columns).
_TAKEN = [
    (table, name)
    for table in ("employees", "positions", "units", "appraisals")
    for name in (*DERIVED_COLUMNS, *TABLES["employees"].names)
    if name not in TABLES[table].names
]


class TestNamedLikeAFrameColumn:
    @pytest.mark.parametrize(("table", "column"), _TAKEN)
    def test_reported_and_never_a_crash(self, tables, rules, table: str, column: str) -> None:
        """One problem naming table and column; the payment stops (its values are none of
        the frame's), or with values equal to the frame's is paid as without it."""
        ds = tukin.Dataset.from_frames(**_with(tables, table, column, "x"))
        assert _codes(ds) == [(table, "column_taken", column)]
        assert column not in ds[table].columns  # not read
        assert _outcome(ds, rules) == "input_not_read"

    @pytest.mark.parametrize(
        ("table", "column", "value"),
        [
            ("employees", "grade", 7),  # an employee's own kelas jabatan
            ("employees", "unit_id", "U1"),
            ("employees", "days_served", 30),
            ("employees", "results", "above"),
            ("positions", "opd_id", "X"),
            ("units", "grade", 3),
            ("appraisals", "has_appraisal", True),
        ],
    )
    def test_could_change_pay_stops(self, tables, rules, table, column, value) -> None:
        ds = tukin.Dataset.from_frames(**_with(tables, table, column, value))
        assert _codes(ds) == [(table, "column_taken", column)]
        assert _outcome(ds, rules) == "input_not_read"

    @pytest.mark.parametrize(
        ("table", "column", "value"),
        [
            # employees joined to their positions: the same values
            ("employees", "grade", "grade"),
            ("employees", "unit_id", "unit_id"),
            ("employees", "superior_id", "superior_id"),
            ("employees", "position_name", "name"),
            ("employees", "position_kind", "kind"),
            ("positions", "position_name", "name"),
            ("positions", "position_kind", "kind"),
            ("units", "unit_name", "name"),
        ],
    )
    def test_the_same_values_are_a_note(self, tables, rules, paid, table, column, value):
        given = dict(tables)
        if table == "employees":
            pos = tables["positions"].set_index("position_id")[value]
            given = _with(tables, table, column, lambda f: f["position_id"].map(pos))
        else:
            given = _with(tables, table, column, lambda f: f[value])
        ds = tukin.Dataset.from_frames(**given)
        assert _codes(ds) == [(table, "column_taken_same", column)]
        assert _outcome(ds, rules) == paid

    def test_an_empty_column_is_a_note(self, tables, rules, paid) -> None:
        ds = tukin.Dataset.from_frames(**_with(tables, "employees", "grade", None))
        assert _codes(ds) == [("employees", "column_taken_same", "grade")]
        assert _outcome(ds, rules) == paid

    def test_a_note_leaves_the_data_ok_and_strict_accepts_it(self, tables, rules, paid) -> None:
        """An export of employees joined to their positions was refused by ``mode="strict"``
        for a column that changes nothing (review 31): a note is listed, not counted."""
        pos = tables["positions"].set_index("position_id")["grade"]
        joined = _with(tables, "employees", "grade", lambda f: f["position_id"].map(pos))
        ds = tukin.Dataset.from_frames(**joined, mode="strict")
        assert ds.report.ok and len(ds.report) == 1
        assert [p.code for p in ds.report.notes] == ["column_taken_same"]
        assert ds.report.describe("en").startswith("No problems in the input; 1 note(s) (")
        assert repr(ds.report).startswith("<ValidationReport: 0 problem(s) and 1 note(s)")
        assert _outcome(ds, rules) == paid
        differs = _with(tables, "employees", "grade", 3)
        assert not tukin.Dataset.from_frames(**differs).report.ok
        with pytest.raises(tukin.DatasetValidationError):
            tukin.Dataset.from_frames(**differs, mode="strict")

    def test_a_note_beside_a_problem_is_counted_apart(self, tables) -> None:
        """Beside a real problem, the note was counted as a second problem (review 36 d7)."""
        pos = tables["positions"].set_index("position_id")["grade"]
        joined = _with(tables, "employees", "grade", lambda f: f["position_id"].map(pos))
        joined["employees"].loc[0, "status"] = "honorer"
        report = tukin.Dataset.from_frames(**joined).report
        assert not report.ok and len(report.notes) == 1
        assert report.describe("en").startswith("21 problem(s) and 1 note(s) in the input")
        assert report.describe("id").startswith("21 masalah dan 1 catatan pada data masukan")
        with pytest.raises(tukin.DatasetValidationError):
            tukin.Dataset.from_frames(**joined, mode="strict")

    def test_validate_says_the_note_and_exits_0(self, tables, tmp_path: Path, capsys) -> None:
        from tukin import cli

        pos = tables["positions"].set_index("position_id")["grade"]
        joined = _with(tables, "employees", "grade", lambda f: f["position_id"].map(pos))
        path = write_frames(joined, tmp_path / "x.xlsx")
        assert cli.main(["validate", "--data", str(path), "--lang", "id"]) == 0
        out = capsys.readouterr().out
        assert "Data valid" in out and "catatan:" in out and "Kelas Jabatan" in out

    def test_kelas_written_with_its_word_in_both_sheets_is_the_same(
        self, tables, rules, paid, tmp_path: Path
    ) -> None:
        """SIMPEG writes "Kelas 9" in the positions sheet and in an export of employees joined
        to them: the positions read it as 9, and the employees' copy was compared as text,
        judged different, and stopped the payment (review 36 d3)."""
        pos = tables["positions"].copy()
        grade = pos.set_index("position_id")["grade"]
        pos["grade"] = pos["grade"].map(lambda g: f"Kelas {g}")
        joined = _with(tables, "employees", "grade", lambda f: f["position_id"].map(grade))
        joined["employees"]["grade"] = joined["employees"]["grade"].map(lambda g: f"Kelas {g}")
        path = write_frames({**joined, "positions": pos}, tmp_path / "x.xlsx")
        ds = read_dataset(path)
        assert _codes(ds) == [("employees", "column_taken_same", "grade")]
        assert _outcome(ds, rules) == paid

    def test_message_says_where_tukin_takes_it(self, tables) -> None:
        ds = tukin.Dataset.from_frames(**_with(tables, "employees", "grade", 3))
        (problem,) = ds.report.problems
        assert "takes 'grade' from positions (grade)" in problem.message("en")
        assert "dari Jabatan (Kelas Jabatan)" in problem.message("id")

    @pytest.mark.parametrize("form", ["csv", "x.xlsx", "x.json"])
    def test_every_file_form(self, tables, rules, tmp_path: Path, form: str) -> None:
        path = write_frames(_with(tables, "employees", "grade", 3), tmp_path / form)
        ds = read_dataset(path)
        assert _codes(ds) == [("employees", "column_taken", "grade")]
        assert _outcome(ds, rules) == "input_not_read"


class TestAttendanceCodeNamedLikeAFrameColumn:
    @pytest.mark.parametrize("code", ["grade", "days_served", "status", "has_appraisal"])
    def test_a_note_that_cannot_change_pay(self, tables, rules, paid, code: str) -> None:
        """A rule reading ``grade`` means the kelas jabatan, as documented, and gets it."""
        ds = tukin.Dataset.from_frames(**_with(tables, "attendance", code, 15))
        assert _codes(ds) == [("attendance", "reserved_column", code)]
        assert _outcome(ds, rules) == paid


class TestCompared:
    def test_without_positions_no_crash(self, tables) -> None:
        """Found by the fuzz tests: a grade column of employees and no positions table."""
        given = _with(tables, "employees", "grade", 7)
        del given["positions"]
        ds = tukin.Dataset.from_frames(**given)
        assert ("employees", "column_taken_same", "grade") in _codes(ds)  # nobody to compare

    def test_a_blank_of_the_position_is_compared_without_error(self, tables) -> None:
        """A head of an OPD has no superior: an employee's superior_id there differs."""
        positions = tables["positions"].set_index("position_id")["superior_id"]
        given = _with(
            tables,
            "employees",
            "superior_id",
            lambda f: f["position_id"].map(positions).fillna("J1"),
        )
        ds = tukin.Dataset.from_frames(**given)
        assert _codes(ds) == [("employees", "column_taken", "superior_id")]


def _derived(tables: dict[str, pd.DataFrame], table: str, column: str) -> pd.Series:
    """What the employee frame takes for ``column`` on each row of ``table``: its unit's name,
    its OPD's id or name (review 31, d04)."""
    from tukin.calc.frame import opd_of_units

    units = tables["units"]
    names = units.set_index("unit_id")["name"]
    opd = opd_of_units(units)
    unit_of_position = tables["positions"].set_index("position_id")["unit_id"]
    frame = tables[table]
    if table in ("units", "positions"):
        unit = frame["unit_id"]
    else:
        position = (
            frame["nip"].map(tables["employees"].set_index("nip")["position_id"])
            if table == "appraisals"
            else frame["position_id"]
        )
        unit = position.map(unit_of_position)
    if column == "unit_name":
        return unit.map(names)
    return unit.map(opd) if column == "opd_id" else unit.map(opd).map(names)


_JOINED = [
    ("employees", "unit_name"),
    ("employees", "opd_id"),
    ("employees", "opd_name"),
    ("positions", "unit_name"),
    ("positions", "opd_id"),
    ("positions", "opd_name"),
    ("units", "opd_id"),
    ("units", "opd_name"),
    ("appraisals", "unit_name"),
    ("appraisals", "opd_id"),
]


class TestJoinedToUnits:
    """An export joined to its units (``unit_name``, ``opd_id``, ``opd_name``) holding what
    the frame takes is a note, not a stop of all payment (review 31, d04)."""

    def test_the_demo_has_units_below_opds(self, tables) -> None:
        assert tables["units"]["parent_id"].notna().any()  # opd_id is not the unit's own id

    @pytest.mark.parametrize(("table", "column"), _JOINED)
    def test_the_same_values_are_a_note(self, tables, rules, paid, table, column) -> None:
        given = _with(tables, table, column, _derived(tables, table, column))
        ds = tukin.Dataset.from_frames(**given)
        assert _codes(ds) == [(table, "column_taken_same", column)]
        assert _outcome(ds, rules) == paid

    @pytest.mark.parametrize(("table", "column"), _JOINED)
    def test_one_different_value_stops(self, tables, rules, table, column) -> None:
        values = _derived(tables, table, column).astype(object).copy()
        values.iloc[len(values) // 2] = "Dinas Lain"
        ds = tukin.Dataset.from_frames(**_with(tables, table, column, values))
        assert _codes(ds) == [(table, "column_taken", column)]
        assert _outcome(ds, rules) == "input_not_read"

    @pytest.mark.parametrize("form", ["csv", "x.xlsx", "x.json"])
    def test_every_file_form(self, tables, rules, paid, tmp_path: Path, form: str) -> None:
        given = _with(tables, "employees", "opd_id", _derived(tables, "employees", "opd_id"))
        given = _with(given, "employees", "unit_name", _derived(given, "employees", "unit_name"))
        ds = read_dataset(write_frames(given, tmp_path / form))
        assert sorted(_codes(ds)) == [
            ("employees", "column_taken_same", "opd_id"),
            ("employees", "column_taken_same", "unit_name"),
        ]
        assert _outcome(ds, rules) == paid

    def test_last_months_result_as_the_employee_list(self, tables, rules, paid) -> None:
        """Employees built from a Result's frame carry its position, unit and OPD columns."""
        ds = tukin.Dataset.from_frames(**tables)
        frame = tukin.calculate(ds, rules, PERIOD).to_frame(text=True).set_index("nip")
        employees = tables["employees"].set_index("nip")
        taken = ["position_name", "position_kind", "grade", "unit_id", "opd_id", "opd_name"]
        for column in taken:
            employees[column] = frame[column].reindex(employees.index).astype(object)
        given = {**tables, "employees": employees.reset_index()}
        ds = tukin.Dataset.from_frames(**given)
        assert sorted(_codes(ds)) == [("employees", "column_taken_same", c) for c in sorted(taken)]
        assert _outcome(ds, rules) == paid
