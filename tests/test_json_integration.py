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


class TestASpellingBesideItsColumn:
    """A key naming a contract column another way (``endDate``) beside that column was an
    extra column without a word, even on the rows where the column is blank: an exporter
    that wrote ``endDate`` on some rows and ``end_date`` on others had a retiree paid the
    full month. A value there, where the column has none, is a column given twice."""

    @staticmethod
    def _leaver(tmp_path: Path, key: str) -> tuple[dict[str, Any], str]:
        doc = _records(tmp_path)
        row = doc["employees"][0]
        row.pop("end_date", None)
        row[key] = "2025-10-15"
        return doc, str(row["nip"])

    @pytest.mark.parametrize("key", ["endDate", "tanggal_selesai", "End Date"])
    def test_a_value_where_the_column_is_blank_stops_the_payment(
        self, tmp_path: Path, key: str
    ) -> None:
        """``duplicate_header`` names both keys and the row; calculate refuses the data."""
        doc, _ = self._leaver(tmp_path, key)
        ds = tukin.Dataset.from_records(doc)
        found = [p for p in ds.report.problems if p.code == "duplicate_header"]
        assert len(found) == 1 and found[0].table == "employees"
        assert found[0].column == "end_date" and found[0].value == key
        assert "'end_date' and '" + key + "'" in found[0].message("en")
        with pytest.raises(tukin.CalculationError) as caught:
            _calculate(ds)
        assert caught.value.code == "input_not_read"

    def test_the_same_in_a_frame(self, tmp_path: Path) -> None:
        """``Dataset.from_frames`` judges a DataFrame's columns as a record's keys."""
        tables = tukin.demo.generate(12, seed=5)
        employees = tables["employees"].copy()
        employees["endDate"] = None
        employees.loc[employees.index[0], "endDate"] = "2025-10-15"
        tables["employees"] = employees
        ds = tukin.Dataset.from_frames(tables)
        assert [p.code for p in ds.report.problems] == ["duplicate_header"]

    def test_values_the_column_also_has_are_an_extra_column(self, tmp_path: Path) -> None:
        """Filled where the column is filled (a display name beside ``name``), or blank,
        the key stays an extra column and nothing stops."""
        doc = _records(tmp_path)
        for row in doc["employees"]:
            row["nama_lengkap"] = f"{row['name']}, S.T."
            row["endDate"] = row.get("end_date")
        ds = tukin.Dataset.from_records(doc)
        assert ds.report.ok and not ds.report.problems
        assert "nama_lengkap" in ds["employees"].columns
        assert len(_calculate(ds)) > 0


class TestErrorBodies:
    """An error as a service's response body (``error.to_dict``): a code that docs/codes.md
    lists, and problems located by table, row and column."""

    def test_every_error_class_code_is_in_the_catalogue(self) -> None:
        """A strict Dataset's ``dataset_invalid`` was in no catalogue, so not in codes.md:
        the one code every refused strict upload carries."""
        from tukin import errors

        classes = [
            obj
            for obj in vars(errors).values()
            if isinstance(obj, type) and issubclass(obj, errors.TukinError)
        ]
        missing = sorted({c.default_code for c in classes} - set(errors.MESSAGES))
        assert missing == []

    def test_a_strict_refusal_locates_every_problem(self, tmp_path: Path) -> None:
        doc = _records(tmp_path)
        doc["employees"][0]["status"] = "honorer"
        with pytest.raises(tukin.DatasetValidationError) as caught:
            tukin.Dataset.from_records(doc, mode="strict")
        body = json.loads(json.dumps(caught.value.to_dict("en")))
        assert body["code"] == "dataset_invalid"
        first = body["problems"][0]
        assert (first["table"], first["row"], first["column"], first["code"]) == (
            "employees",
            0,
            "status",
            "invalid_choice",
        )


def _validator(name: str) -> Any:
    """A Draft 2020-12 validator of the published schema ``name``, its ``urn:tukin`` refs
    resolved among the others."""
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    docs = tukin.schema.json_schemas()
    registry = referencing.Registry().with_resources(
        (d["$id"], referencing.Resource.from_contents(d)) for d in docs.values() if "$id" in d
    )
    return jsonschema.Draft202012Validator(docs[name], registry=registry)


class TestPublishedSchemas:
    """What a consumer validates against: every JSON tukin emits, with the fields a program
    reads typed, not only ``{"type": "object"}``."""

    def test_rejected_rows_and_warnings_are_typed(self, tmp_path: Path) -> None:
        """A rejected row's stage, code and identity; a warning's code and message."""
        doc = _records(tmp_path)
        doc["employees"][0]["status"] = "honorer"
        result = _calculate(tukin.Dataset.from_records(doc))
        body = json.loads(result.to_json("en"))
        validator = _validator("result")
        assert body["rejected"] and not list(validator.iter_errors(body))
        for key, value in (("stage", "checked"), ("code", 7), ("nip", None)):
            changed = json.loads(json.dumps(body))
            changed["rejected"][0][key] = value
            assert list(validator.iter_errors(changed)), key
        del changed["rejected"][0]["reason"]
        assert list(validator.iter_errors(changed))
        changed = json.loads(json.dumps(body))
        changed["warnings"] = [{"message": "no code"}]
        assert list(validator.iter_errors(changed))
        changed["warnings"] = [{"code": "x", "message": "y"}]
        changed["rules"] = {"name": "not the rule file's text"}
        assert list(validator.iter_errors(changed))

    def test_error_bodies_have_a_schema(self, tmp_path: Path) -> None:
        """``error.to_dict()`` of a strict refusal, a rule-file mistake and a refused run."""
        doc = _records(tmp_path)
        doc["employees"][0]["status"] = "honorer"
        bodies = []
        with pytest.raises(tukin.DatasetValidationError) as strict:
            tukin.Dataset.from_records(doc, mode="strict")
        bodies.append(strict.value.to_dict("en"))
        with pytest.raises(tukin.RuleSetError) as rules:
            tukin.load_ruleset({"name": "x", "steps": [{"id": "a", "type": "lookup"}]})
        bodies.append(rules.value.to_dict("en"))
        del doc["attendance"]
        with pytest.raises(tukin.CalculationError) as run:
            _calculate(tukin.Dataset.from_records(doc))
        bodies.append(run.value.to_dict("id"))
        validator = _validator("error")
        for body in bodies:
            assert not list(validator.iter_errors(json.loads(json.dumps(body))))
        wrong = json.loads(json.dumps(bodies[0]))
        wrong["problems"][0]["row"] = "first"
        assert list(validator.iter_errors(wrong))

    def test_a_generic_code_carries_its_specific_reason(self, tmp_path: Path) -> None:
        """``calculation_failed`` stands for some fifty situations; which one was only in the
        text. ``details.detail_code`` names the catalogue entry of the detail, a code of
        docs/codes.md a program can branch on (no attendance table, no column for a code)."""
        doc = _records(tmp_path)
        del doc["attendance"]
        with pytest.raises(tukin.CalculationError) as absent:
            _calculate(tukin.Dataset.from_records(doc))
        body = absent.value.to_dict("en")
        assert body["code"] == "calculation_failed"
        assert body["details"]["detail_code"] == "missing_attendance_sheet"
        doc["attendance"] = [{"nip": r["nip"], "period": "2025-10"} for r in doc["employees"]]
        with pytest.raises(tukin.CalculationError) as columns:
            _calculate(tukin.Dataset.from_records(doc))
        assert columns.value.to_dict("id")["details"]["detail_code"] == "missing_attendance_codes"
        # the codes as data (review 88: one text of the headers joined), the words as before
        details = columns.value.to_dict("en")["details"]
        assert isinstance(details["codes"], list) and "tl1" in details["codes"]
        assert details["found"] == []
        assert "TL1" in columns.value.message("en") and "TL1" in columns.value.message("id")
        assert "[" not in columns.value.message("en")
        assert "detail_code" not in tukin.PeriodError(value="x").to_dict()["details"]


class TestANipSentAsAJsonNumber:
    """Every 18-digit NIP is beyond 2**53: a program that holds JSON numbers as binary64
    doubles (JavaScript, many JSON libraries) rounds it to a multiple of 32, another NIP.
    Only one ending in a spreadsheet's zeros was caught; 196802012002102001 arrived as
    196802012002102016 and was read as that NIP without a word."""

    @staticmethod
    def _through_a_double(doc: dict[str, Any], nip: str) -> tuple[dict[str, Any], int]:
        rounded = int(float(int(nip)))  # what JSON.parse, then JSON.stringify, sends
        for table in ("employees", "attendance", "appraisals"):
            for row in doc[table]:
                if row["nip"] == nip:
                    row["nip"] = rounded
        return doc, rounded

    def test_a_nip_a_double_can_hold_is_refused(self, tmp_path: Path) -> None:
        """A whole number above 2**53 that a double holds exactly may be a rounded NIP:
        ``nip_as_json_number``, the row rejected, the cell shown; text is asked for."""
        doc = _records(tmp_path)
        nips = [r["nip"] for r in doc["employees"]]
        nip = next(n for n in nips if int(float(int(n))) % 1000 != 0)  # no spreadsheet zeros
        doc, rounded = self._through_a_double(doc, nip)
        ds = tukin.Dataset.from_records(doc)
        found = [p for p in ds.report.problems if p.table == "employees" and p.column == "nip"]
        assert [p.code for p in found] == ["nip_as_json_number"]
        assert str(rounded) in found[0].message("en") and "as text" in found[0].message("en")
        result = _calculate(ds)
        assert str(rounded) not in set(result.to_frame()["nip"])
        row = result.rejected[result.rejected["code"] == "nip_as_json_number"]
        assert len(row) == 1 and row["nip"].iloc[0].startswith(str(rounded))

    def test_the_json_text_is_read_alike(self, tmp_path: Path) -> None:
        doc = _records(tmp_path)
        nips = [r["nip"] for r in doc["employees"]]
        nip = next(n for n in nips if int(float(int(n))) % 1000 != 0)
        doc, _ = self._through_a_double(doc, nip)
        ds = tukin.read_dataset(json.dumps(doc).encode())
        assert "nip_as_json_number" in {p.code for p in ds.report.problems}

    def test_no_nip_is_read_from_a_number(self, tmp_path: Path) -> None:
        """A number no double holds was read once; which numbers a double holds is no rule a
        sender can foresee (one NIP in 32), so a NIP is read from text only, always."""
        doc = _records(tmp_path)
        exact = [n for n in (r["nip"] for r in doc["employees"]) if int(float(int(n))) != int(n)]
        assert exact
        for table in ("employees", "attendance", "appraisals"):
            for row in doc[table]:
                if row["nip"] in exact:
                    row["nip"] = int(row["nip"])
        ds = tukin.Dataset.from_records(doc)
        codes = [p.code for p in ds.report.problems if p.table == "employees"]
        assert codes == ["nip_as_json_number"] * len(exact)
        assert not set(exact) & set(ds["employees"]["nip"])
        text = tukin.Dataset.from_records(_records(tmp_path))  # the same NIPs as text: read
        assert set(exact) <= set(text["employees"]["nip"])


class TestNoEmployeesTable:
    """A document without an ``employees`` table (sent as ``staff``, or left out) gave a
    payment of nobody, 0 paid and 0 rejected, with a receipt: its employees were in neither
    list, against "nothing is lost". It is refused as input not read."""

    @pytest.mark.parametrize("renamed", ["staff", None])
    def test_calculate_refuses_it(self, tmp_path: Path, renamed: str | None) -> None:
        doc = _records(tmp_path)
        rows = doc.pop("employees")
        if renamed:
            doc[renamed] = rows
        ds = tukin.Dataset.from_records(doc)
        with pytest.raises(tukin.CalculationError) as caught:
            _calculate(ds)
        assert caught.value.code == "input_not_read"
        found = {(p.code, p.table) for p in caught.value.problems}
        assert ("missing_table", "employees") in found
        assert (("unknown_table", renamed) in found) == bool(renamed)

    def test_an_empty_employees_table_is_an_empty_payment(self, tmp_path: Path) -> None:
        """Given without rows, it is a payment of nobody, as before."""
        doc = _records(tmp_path)
        doc["employees"] = []
        result = _calculate(tukin.Dataset.from_records(doc))
        assert len(result) == 0 and len(result.rejected) == 0

    def test_without_positions_every_employee_is_listed(self, tmp_path: Path) -> None:
        """Another required table missing still lists each employee, rejected, as before."""
        doc = _records(tmp_path)
        del doc["positions"]
        result = _calculate(tukin.Dataset.from_records(doc))
        assert len(result) == 0 and len(result.rejected) == len(doc["employees"])
