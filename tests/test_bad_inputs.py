"""The catalogue of bad inputs (``tests/bad_inputs/*.yaml``), run entry by entry.

Each entry is plain data an auditor can read: a sentence for a name, the input (inline tables,
rule-file text or file contents), what is called with it, and what must come out: the error
class from :mod:`tukin.errors`, its stable code, where the mistake is (table/row/column,
file/line/key or sheet/row/column) and a fragment of its message in English and Indonesian.
Some inputs are not errors but must not be lost or misread either (a Latin-1 CSV, a hidden
sheet, a rejected employee); their entries say what is read, warned or rejected instead.

A failure prints the entry's name and what came out instead. ``tests/bad_inputs/README.md``
describes the format.
"""

from __future__ import annotations

import copy
import datetime as dt
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
import yaml

import tukin
import tukin.errors as errors
from tukin.calc.engine import calculate
from tukin.contract import DERIVED_COLUMNS, TABLES
from tukin.dataset import Dataset
from tukin.errors import MESSAGES, Problem, RuleSetError, TukinError
from tukin.io import read_csv_folder, read_dataset, read_excel, read_json
from tukin.ruleset.load import load_ruleset

HERE = Path(__file__).parent / "bad_inputs"
FILES = ("rules.yaml", "data.yaml", "calculate.yaml", "files.yaml")


def _doc(name: str) -> dict[str, Any]:
    doc = yaml.safe_load((HERE / name).read_text(encoding="utf-8"))
    assert isinstance(doc, dict) and isinstance(doc.get("entries"), list), name
    return doc


def entries(name: str, call: str | None = None) -> list[Any]:
    """The entries of one catalogue file (optionally of one ``call``) as pytest params."""
    out = []
    for entry in _doc(name)["entries"]:
        if call is None or entry.get("call", "validate") == call:
            out.append(pytest.param(entry, id=entry["name"]))
    return out


def _error_class(name: str) -> type[TukinError]:
    cls = getattr(errors, name, None)
    assert isinstance(cls, type) and issubclass(cls, TukinError), f"{name} is not a TukinError"
    return cls


def _raises(expect: dict[str, Any], call: Callable[[], Any]) -> TukinError:
    """Run ``call``; it must raise exactly the expected TukinError subclass with the code."""
    cls = _error_class(expect["error"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            got = call()
        except TukinError as exc:
            assert type(exc) is cls, f"raised {type(exc).__name__} [{exc.code}]: {exc}"
            return exc
    raise AssertionError(f"nothing raised; got {got!r}")


def _messages(expect: dict[str, Any], en: str, id_: str) -> None:
    assert expect["en"] in en, f"English message: {en!r}"
    assert expect["id"] in id_, f"Indonesian message: {id_!r}"


# -- rule files -------------------------------------------------------------------------------


class TestRuleFiles:
    """``load_ruleset`` on bad rule files: RuleSetError with code, line, key and messages."""

    @pytest.mark.parametrize("entry", entries("rules.yaml"))
    def test_entry(self, entry: dict[str, Any], tmp_path: Path) -> None:
        """The entry's rule file raises the expected error at the expected line and key."""
        expect = entry["expect"]
        source: Any = entry["rules"]
        if "file" in entry:
            path = tmp_path / entry["file"]
            path.write_text(entry["rules"], encoding="utf-8")
            source = path
        exc = _raises(expect, lambda: load_ruleset(source))
        assert isinstance(exc, RuleSetError)
        where = expect.get("location", {})
        found = [
            p
            for p in exc.problems
            if p.code == expect["code"]
            and all(getattr(p, k) == v for k, v in where.items() if k != "file")
        ]
        shown = "\n".join(p.describe() for p in exc.problems)
        assert found, f"no [{expect['code']}] problem at {where}; got:\n{shown}"
        _messages(expect, found[0].describe("en"), found[0].describe("id"))
        assert exc.code == exc.problems[0].code


# -- input tables -----------------------------------------------------------------------------


def _frames(doc: dict[str, Any], entry: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """The base regency changed as the entry says, as DataFrames."""
    base: dict[str, list[dict[str, Any]]] = copy.deepcopy(doc["base"])
    for table in entry.get("drop_tables", []):
        base.pop(table)
    for table, rows in entry.get("tables", {}).items():
        base[table] = copy.deepcopy(rows)
    for table, rows in entry.get("add", {}).items():
        base[table] = base.get(table, []) + copy.deepcopy(rows)
    for table, cells in entry.get("set", {}).items():
        for row, values in cells.items():
            base[table][int(row)].update(values)
    frames = {name: pd.DataFrame.from_records(rows) for name, rows in base.items()}
    for table, columns in entry.get("drop", {}).items():
        frames[table] = frames[table].drop(columns=columns)
    for table, names in entry.get("rename", {}).items():
        frames[table] = frames[table].rename(columns=names)
    return frames


def _problem_at(problems: list[Problem], expect: dict[str, Any]) -> Problem:
    where = expect["location"]
    found = [
        p
        for p in problems
        if p.code == expect["code"] and all(getattr(p, k) == v for k, v in where.items())
    ]
    shown = "\n".join(f"{p.describe()} (row {p.row})" for p in problems)
    assert found, f"no [{expect['code']}] problem at {where}; got:\n{shown}"
    return found[0]


def _rejected_codes(ds: Dataset, table: str, row: int) -> list[str]:
    rej = ds.rejected
    hit = rej[(rej["table"] == table) & (rej["row"] == row)]
    return [c for codes in hit["code"] for c in str(codes).split("; ")]


class TestDatasets:
    """``Dataset.from_frames`` on bad tables: strict raises at the cell, lenient rejects the row."""

    DOC = _doc("data.yaml")

    @pytest.mark.parametrize("entry", entries("data.yaml"))
    def test_entry(self, entry: dict[str, Any]) -> None:
        """Strict mode raises with the problem located; lenient mode rejects the row, no more."""
        expect = entry["expect"]
        frames = _frames(self.DOC, entry)
        check = entry.get("nip_check", "length")
        exc = _raises(expect, lambda: Dataset.from_frames(frames, mode="strict", nip_check=check))
        problem = _problem_at(exc.report.problems, expect)  # type: ignore[attr-defined]
        _messages(expect, problem.describe("en"), problem.describe("id"))
        assert problem.code in MESSAGES
        lenient = Dataset.from_frames(frames, nip_check=check)
        where = expect["location"]
        if where.get("row") is not None:
            assert expect["code"] in _rejected_codes(lenient, where["table"], where["row"])
        for other in entry.get("also_rejected", []):
            codes = _rejected_codes(lenient, other["table"], other["row"])
            assert codes, f"{other} was not rejected"
            if "code" in other:
                assert other["code"] in codes, codes
        if entry.get("kept_rows"):
            assert lenient.report.counts[where["table"]].rejected == 0
        for name, count in lenient.report.counts.items():
            assert count.given == count.kept + count.rejected, name


# -- calculations -----------------------------------------------------------------------------


def _calc_dataset(doc: dict[str, Any], entry: dict[str, Any]) -> Dataset:
    # English: the catalogue's validation-stage 'reason' expectations are English text
    return Dataset.from_frames(_frames(doc, entry), lang="en")


def _rules(doc: dict[str, Any], entry: dict[str, Any]) -> Any:
    rules = entry.get("rules", doc["rules"])
    return load_ruleset(rules)


class TestCalculate:
    """``calculate`` on inputs that validate but cannot (all) be paid."""

    DOC = _doc("calculate.yaml")

    @pytest.mark.parametrize("entry", entries("calculate.yaml"))
    def test_entry(self, entry: dict[str, Any]) -> None:
        """An error naming the step, or the employee rejected with code and step, or a warning."""
        expect = entry["expect"]
        ds = _calc_dataset(self.DOC, entry)
        assert ds.report.ok or entry.get("validation_problems"), ds.report.describe()
        rules = _rules(self.DOC, entry)
        period = str(entry.get("period", self.DOC["period"]))
        if "error" in expect:
            exc = _raises(expect, lambda: calculate(ds, rules, period))
            assert exc.code == expect["code"], f"[{exc.code}] {exc}"
            for key, value in expect.get("location", {}).items():
                assert exc.fields.get(key) == value, f"{key}: {exc.fields}"
            _messages(expect, exc.message("en"), exc.message("id"))
            return
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            result = calculate(ds, rules, period)
        r = result.receipt
        assert r.employees_in == r.employees_paid + r.employees_rejected
        if "warning" in expect:
            codes = [getattr(w.message, "code", None) for w in caught]
            assert expect["warning"] in codes, codes
            warning = next(
                w.message for w in caught if getattr(w.message, "code", None) == expect["warning"]
            )
            _messages(expect, warning.message("en"), warning.message("id"))  # type: ignore[attr-defined]
        if "rejected" in expect:
            want = expect["rejected"]
            rej = result.rejected
            hit = rej[rej["nip"] == str(want["nip"])]
            assert len(hit) == 1, f"{want['nip']} not rejected once:\n{rej}"
            row = hit.iloc[0]
            assert (row["code"], row["step"], row["stage"]) == (
                want["code"],
                want["step"],
                want.get("stage", "calculation"),
            ), dict(row)
            assert str(want["nip"]) not in set(result.to_frame()["nip"])
            if row["stage"] == "validation":  # the Dataset's message, in the Dataset's language
                assert want["reason"] in row["reason"], row["reason"]
                return
            # the reason is in the language of the session the run started in
            previous = tukin.set_language("en")
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    english = calculate(ds, rules, period).rejected
            finally:
                tukin.set_language(previous)
            said = english.loc[english["nip"] == str(want["nip"]), "reason"].iloc[0]
            assert want["reason"] in said, said
            _messages(expect, said, row["reason"])


# -- files ------------------------------------------------------------------------------------


def _write_files(doc: dict[str, Any], entry: dict[str, Any], folder: Path) -> Path:
    """The entry's files in ``folder`` (CSV base tables first); the path to read."""
    if entry["call"] == "read_csv":
        files = {**doc["base_csv"], **entry.get("files", {})}
        for name, spec in files.items():
            if spec is None:
                continue
            spec = {"text": spec} if isinstance(spec, str) else spec
            data = spec["text"].encode(spec.get("encoding", "utf-8"))
            (folder / name).write_bytes(data)
        return folder
    if entry["call"] == "read_excel":
        path = folder / entry.get("file", "isian.xlsx")
        if "bytes" in entry:
            path.write_bytes(entry["bytes"].encode("latin-1"))
            return path
        _workbook({**doc["base_sheets"], **entry.get("sheets", {})}, path)
        return path
    path = folder / entry.get("file", "data.json")
    path.write_text(entry["json"], encoding="utf-8")
    return path


def _workbook(sheets: dict[str, Any], path: Path) -> None:
    """A workbook as described: rows (a cell ``=...`` is a formula), merges, hidden sheets."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, spec in sheets.items():
        if spec is None:
            continue
        spec = {"rows": spec} if isinstance(spec, list) else spec
        ws = wb.create_sheet(title)
        for row in spec["rows"]:
            ws.append([_cell(v) for v in row])
        for rng in spec.get("merge", []):
            ws.merge_cells(rng)
        if spec.get("hidden"):
            ws.sheet_state = "hidden"
        for ref, fmt in spec.get("formats", {}).items():
            ws[ref].number_format = fmt
    wb.properties.created = wb.properties.modified = dt.datetime(2025, 1, 1)
    wb.save(path)


def _cell(value: Any) -> Any:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day)
    return value


_READERS: dict[str, Callable[..., Dataset]] = {
    "read_csv": read_csv_folder,
    "read_excel": read_excel,
    "read_json": read_json,
    "read_dataset": read_dataset,
}


class TestFiles:
    """The CSV, Excel and JSON readers: every problem names the file or sheet, row and column."""

    DOC = _doc("files.yaml")

    @pytest.mark.parametrize("entry", entries("files.yaml"))
    def test_entry(self, entry: dict[str, Any], tmp_path: Path) -> None:
        """Raises with the located problem, or reads (with a warning) exactly what was typed."""
        expect = entry["expect"]
        path = _write_files(self.DOC, entry, tmp_path)
        reader = _READERS[entry.get("reader", entry["call"])]
        if "error" in expect:
            exc = _raises(expect, lambda: reader(path, mode="strict", lang="en"))
            if hasattr(exc, "report"):
                problem = _problem_at(exc.report.problems, expect)
                _messages(expect, problem.describe("en"), problem.describe("id"))
            else:
                assert exc.code == expect["code"], f"[{exc.code}] {exc}"
                _messages(expect, exc.message("en"), exc.message("id"))
            return
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = reader(path, lang="en")
        assert ds.report.ok, ds.report.describe()
        if "warning" in expect:
            found = [
                w.message for w in caught if getattr(w.message, "code", None) == expect["warning"]
            ]
            assert found, [str(w.message) for w in caught]
            _messages(expect, found[0].message("en"), found[0].message("id"))  # type: ignore[attr-defined]
        for check in expect.get("read", []):
            frame = ds[check["table"]]
            value = frame[check["column"]].iloc[check["row"]]
            if isinstance(value, pd.Timestamp):
                value = value.date()
            assert value == check["value"], f"{check}: read {value!r}"


# -- the catalogue itself ---------------------------------------------------------------------

#: What the issue asks the catalogue to cover: every kind must have at least one entry.
REQUIRED_KINDS = {
    "nip-malformed",
    "nip-duplicate",
    "nip-missing",
    "unknown-position",
    "unknown-unit",
    "unknown-work-item",
    "unknown-indicator",
    "cycle-positions",
    "cycle-work-items",
    "number-negative",
    "number-nan",
    "number-infinite",
    "target-zero",
    "target-missing",
    "period-outside-validity",
    "weights-sum",
    "dates-overlapping",
    "dates-reversed",
    "rule-type-unknown",
    "parameter-misspelt",
    "attendance-code-unknown",
    "grade-without-base",
    "csv-latin1",
    "csv-bom",
    "csv-semicolon",
    "excel-formula",
    "excel-merged",
    "excel-hidden-sheet",
    "excel-date-text",
    "unsafe-rule-file",
}


def _all() -> Iterator[tuple[str, dict[str, Any]]]:
    for name in FILES:
        for entry in _doc(name)["entries"]:
            yield name, entry


class TestCatalogue:
    """The catalogue is complete, readable and consistent."""

    def test_covers_every_kind_the_issue_names(self) -> None:
        """Every kind of bad input the reliability issue lists has at least one entry."""
        kinds = {entry["kind"] for _, entry in _all()}
        assert kinds >= REQUIRED_KINDS, sorted(REQUIRED_KINDS - kinds)

    def test_names_are_unique_sentences(self) -> None:
        """Entry names are unique and read as sentences (they are the test ids)."""
        names = [entry["name"] for _, entry in _all()]
        assert len(names) == len(set(names))
        assert all(len(n.split()) >= 4 and n == n.strip() for n in names)

    def test_every_entry_states_an_outcome_in_both_languages(self) -> None:
        """Each entry names an error class or what is read, with English and Indonesian text."""
        for _, entry in _all():
            expect = entry["expect"]
            assert {"en", "id"} <= set(expect) or "read" in expect, entry["name"]
            if "error" in expect:
                _error_class(expect["error"])
                assert expect["code"] in MESSAGES, expect["code"]

    def test_derived_columns_are_the_frame_columns(self) -> None:
        """DERIVED_COLUMNS lists every column the employee frame adds besides the employee's."""
        from tukin import demo
        from tukin.calc.frame import employee_frame
        from tukin.period import Period

        ds = Dataset.from_frames(**demo.generate(30))
        frame = employee_frame(ds, Period.parse("2025-10"))
        own = set(ds["employees"].columns) | set(ds["positions"].columns) | set(ds.attendance_codes)
        assert set(frame.columns) - own <= set(DERIVED_COLUMNS)
        assert not set(DERIVED_COLUMNS) & set(TABLES["attendance"].names)
