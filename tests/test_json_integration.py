"""Another system's view (a SIMPEG or payroll sending JSON records, review 70): the same
content gives the same outcome whether it arrives as DataFrames or as a JSON document."""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any

import pytest

import tukin
from tukin.calc.needs import unmet_needs
from tukin.period import Period


def _records(tmp_path: Path, size: int = 12) -> dict[str, Any]:
    """The demo regency as the JSON document ``write_frames`` writes, parsed."""
    path = tukin.io.write_frames(tukin.demo.generate(size, seed=5), tmp_path / "data.json")
    doc: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return doc.get("tables", doc)


def _calculate(ds: tukin.Dataset, rules: str = "tpp-60-40") -> tukin.Result:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tukin.calculate(ds, tukin.load_ruleset(rules), "2025-10")


class TestAnEmptyAttendanceArray:
    """``"attendance": []`` (no row entered yet this month) has no keys, so no code columns:
    it stopped the run (``missing_attendance_codes``) where the same empty table as a
    DataFrame, whose columns a frame keeps, rejected each employee for the missing row."""

    def test_it_rejects_each_employee_as_an_empty_frame_does(self, tmp_path: Path) -> None:
        """Each employee is rejected ``missing_input_row``, JSON and frames alike."""
        doc = _records(tmp_path)
        doc["attendance"] = []
        from_json = _calculate(tukin.Dataset.from_records(doc))
        tables = tukin.demo.generate(12, seed=5)
        tables["attendance"] = tables["attendance"].iloc[:0]
        from_frames = _calculate(tukin.Dataset.from_frames(tables))
        assert len(from_json) == len(from_frames) == 0
        assert set(from_json.rejected["code"]) == {"missing_input_row"}
        assert len(from_json.rejected) == len(from_frames.rejected) == len(doc["employees"])

    def test_validate_with_rules_does_not_report_missing_codes(self, tmp_path: Path) -> None:
        """``tukin validate --rules`` asks the same question before the run."""
        doc = _records(tmp_path)
        doc["attendance"] = []
        ds = tukin.Dataset.from_records(doc)
        rules = tukin.load_ruleset("tpp-60-40")
        codes = [p.code for p in unmet_needs(ds, rules, Period.parse("2025-10"))]
        assert "missing_attendance_codes" not in codes

    def test_a_table_with_rows_and_no_code_still_stops_the_run(self, tmp_path: Path) -> None:
        """Rows without the codes (an export's own headers) still stop it: counts are lost."""
        doc = _records(tmp_path)
        for row in doc["attendance"]:
            row["terlambat_1"] = row.pop("tl1")
        with pytest.raises(tukin.CalculationError) as caught:
            _calculate(tukin.Dataset.from_records(doc))
        assert "table attendance has no column for the attendance code(s) TL1" in (
            caught.value.message("en")
        )

    def test_an_absent_table_still_stops_the_run(self, tmp_path: Path) -> None:
        """No attendance table at all is ``missing_attendance_sheet``, as before."""
        doc = _records(tmp_path)
        del doc["attendance"]
        with pytest.raises(tukin.CalculationError) as caught:
            _calculate(tukin.Dataset.from_records(doc))
        assert "does not exist" in caught.value.message("en")

    def test_the_codes_listed_are_attendance_codes(self, tmp_path: Path) -> None:
        """A table without any code column said "its code columns: basic_salary,
        family_allowance, ...": the employees' money columns, no attendance code."""
        doc = _records(tmp_path)
        doc["attendance"] = [{"nip": r["nip"], "period": "2025-10"} for r in doc["employees"]]
        with pytest.raises(tukin.CalculationError) as caught:
            _calculate(tukin.Dataset.from_records(doc))
        text = caught.value.message("en")
        assert "(its code columns: none)" in text and "basic_salary" not in text
