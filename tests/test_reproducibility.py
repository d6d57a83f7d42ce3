"""Reproducible payments: same inputs, same bytes; nobody lost; a saved receipt re-verifies.

An auditor must be able to reproduce any payment years later. These tests hold tukin to it:

* the same inputs and rule set give byte-identical exports (workbook, CSV, JSON, Parquet)
  and the same receipt, whatever the order of the rows and columns in the inputs, once the
  run's clock is pinned (``SOURCE_DATE_EPOCH``, the only thing that differs between runs);
* every employee given is paid or rejected, checked by the engine itself and here on random
  data, and the totals in every export equal the totals in memory;
* a saved receipt plus the saved inputs re-verifies (``tukin verify``) and any difference is
  reported: the field, the value saved, the value now, and the employees concerned.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import tukin
from tests import strategies as tst
from tukin import cli, demo, io
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import CalculationError, InputFileError, TukinError, VerificationError
from tukin.result import Receipt, run_time
from tukin.ruleset.load import load_ruleset
from tukin.verify import COMPARED, VerificationReport, read_receipt, verify_receipt

PERIOD = "2025-10"
EPOCH = "1761955200"  # 2025-11-01T00:00:00Z
try:
    import pyarrow  # noqa: F401

    PARQUET: tuple[str, ...] = (".parquet",)
except ImportError:  # the core install has no Parquet support; the rest is still checked
    PARQUET = ()
SUFFIXES = (".xlsx", ".csv", ".json", *PARQUET)
PROPERTY = settings(
    max_examples=8,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def demo_tables(size: int = 120) -> dict[str, pd.DataFrame]:
    """The demo regency plus two employees refused by validation and one sanctioned twice."""
    tables = demo.generate(size, seed=11)
    employees = tables["employees"]
    extra = employees.iloc[:2].copy()
    extra["nip"] = ["12345", "199912312025011999"]
    extra["position_id"] = [employees["position_id"].iloc[0], "NO-SUCH-POSITION"]
    tables["employees"] = pd.concat([employees, extra], ignore_index=True)
    return tables


def shuffled(tables: dict[str, pd.DataFrame], seed: int) -> dict[str, pd.DataFrame]:
    """Every table with its rows and its columns in another order."""
    rng = np.random.default_rng(seed)
    out = {}
    for name, frame in tables.items():
        rows = frame.sample(frac=1, random_state=int(rng.integers(2**31))).reset_index(drop=True)
        out[name] = rows[list(rng.permutation(rows.columns))]
    return out


def export_all(result: Any, folder: Path) -> dict[str, bytes]:
    """Every export of ``result`` (and the CSV's sidecars) as bytes, by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    for suffix in SUFFIXES:
        io.write_result(result, folder / f"hasil{suffix}", explain_nips=[_first_paid(result)])
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _first_paid(result: Any) -> str:
    return str(result.to_frame()["nip"].iloc[0])


@pytest.fixture(scope="module")
def rules() -> Any:
    return load_ruleset("tpp-60-40")


@pytest.fixture
def pinned(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)


# -- byte-identical exports ------------------------------------------------------------------


class TestSameInputsSameBytes:
    """Exports and receipts depend on the inputs and the rules only."""

    def test_shuffled_inputs_give_byte_identical_exports(
        self, rules: Any, tmp_path: Path, pinned: None
    ) -> None:
        """Rows and columns of every table shuffled: every export file is the same bytes."""
        tables = demo_tables()
        first = calculate(Dataset.from_frames(**tables), rules, PERIOD)
        second = calculate(Dataset.from_frames(**shuffled(tables, seed=5)), rules, PERIOD)
        assert first.receipt == second.receipt
        a, b = export_all(first, tmp_path / "a"), export_all(second, tmp_path / "b")
        assert list(a) == list(b) == sorted(a)
        for name in a:
            assert a[name] == b[name], f"{name} differs after shuffling the inputs"
        assert len(first.rejected) >= 3  # the rejected sheet and CSV took part

    def test_same_run_twice_gives_the_same_receipt(self, rules: Any, pinned: None) -> None:
        """Two runs of the same inputs give equal receipts, computed_at included."""
        tables = demo_tables(60)
        one = calculate(Dataset.from_frames(**tables), rules, PERIOD).receipt
        two = calculate(Dataset.from_frames(**tables), rules, PERIOD).receipt
        assert one.model_dump_json() == two.model_dump_json()
        assert one.computed_at == "2025-11-01T00:00:00+00:00"

    def test_without_a_pinned_clock_only_the_time_differs(
        self, rules: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Unpinned, receipts differ at most in computed_at; the paid rows CSV is identical."""
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        tables = demo_tables(60)
        one = calculate(Dataset.from_frames(**tables), rules, PERIOD)
        two = calculate(Dataset.from_frames(**shuffled(tables, 3)), rules, PERIOD)
        assert one.receipt.model_dump(exclude={"computed_at"}) == two.receipt.model_dump(
            exclude={"computed_at"}
        )
        assert one.to_frame().to_csv() == two.to_frame().to_csv()

    def test_input_file_round_trip_keeps_the_fingerprint(
        self, rules: Any, tmp_path: Path, pinned: None
    ) -> None:
        """Tables written to a workbook and read back give the same dataset fingerprint."""
        tables = demo.generate(40, seed=3)
        ds = Dataset.from_frames(**tables)
        path = io.write_frames(ds, tmp_path / "isian.xlsx")
        again = io.read_dataset(path)
        assert again.fingerprint() == ds.fingerprint()
        assert calculate(again, rules, PERIOD).receipt == calculate(ds, rules, PERIOD).receipt


class TestRowOrder:
    """Row order in the inputs never changes any amount (property, whole pipeline)."""

    @PROPERTY
    @given(rules=tst.tpp_rulesets(), rows=tst.employee_rows(), seed=st.integers(0, 2**31))
    def test_amounts_do_not_depend_on_row_order(
        self, rules: dict[str, Any], rows: tuple[list[Any], list[Any]], seed: int
    ) -> None:
        """Validated from shuffled frames, every employee gets the same amount and reason."""
        ds = tst.make_dataset(*rows)
        tables = {
            name: ds[name].reset_index(drop=True)
            for name in ("units", "positions", "employees", "attendance")
        }
        rs = load_ruleset(rules)
        one = calculate(Dataset.from_frames(**tables), rs, PERIOD)
        two = calculate(Dataset.from_frames(**shuffled(tables, seed)), rs, PERIOD)
        assert one.to_frame().equals(two.to_frame())
        assert one.rejected.equals(two.rejected)
        assert one.receipt.model_dump(exclude={"computed_at"}) == two.receipt.model_dump(
            exclude={"computed_at"}
        )


# -- nothing lost ----------------------------------------------------------------------------


def _sheet_rows(path: Path, sheet: str) -> list[tuple[Any, ...]]:
    wb = openpyxl.load_workbook(path, read_only=True)
    try:
        return list(wb[sheet].iter_rows(values_only=True))
    finally:
        wb.close()


class TestNothingLost:
    """Employees in = paid + rejected, checked by the engine and by properties; export totals
    equal the totals in memory."""

    @PROPERTY
    @given(frames=tst.dataset_frames(), pack=st.sampled_from(["tpp-60-40", "tpp-80-20"]))
    def test_every_employee_is_paid_or_rejected_once(
        self, frames: dict[str, Any], pack: str
    ) -> None:
        """Messy inputs: each employee row given is paid or rejected, never both, never twice."""
        ds = Dataset.from_frames(frames)
        try:
            result = calculate(ds, load_ruleset(pack), PERIOD)
        except TukinError:
            return
        r = result.receipt
        given_rows = ds.report.counts["employees"].given
        assert r.employees_in == given_rows == len(result) + len(result.rejected)
        paid = result.to_frame()["nip"]
        assert paid.is_unique
        calc = result.rejected[result.rejected["stage"] == "calculation"]
        assert not set(paid) & set(calc["nip"])
        assert (
            len(result.rejected[result.rejected["stage"] == "validation"])
            == ds.report.counts["employees"].rejected
        )

    @PROPERTY
    @given(rules=tst.tpp_rulesets(), rows=tst.employee_rows())
    def test_export_totals_equal_memory(
        self,
        rules: dict[str, Any],
        rows: tuple[list[Any], list[Any]],
        tmp_path_factory: pytest.TempPathFactory,
    ) -> None:
        """Workbook, CSV, JSON and Parquet totals equal Result.total and the receipt."""
        result = calculate(tst.make_dataset(*rows), load_ruleset(rules), PERIOD)
        folder = tmp_path_factory.mktemp("totals")
        for suffix in SUFFIXES:
            io.write_result(result, folder / f"hasil{suffix}")
        r = result.receipt
        memory = result.to_frame()
        assert int(memory["allowance"].sum()) == result.total == r.total_allowance
        assert int(memory["net"].sum()) == r.total_net
        assert int(result.totals()["allowance"].sum()) == r.total_allowance
        csv = pd.read_csv(folder / "hasil.csv", dtype={"nip": str})
        assert int(csv["allowance"].sum()) == r.total_allowance and len(csv) == r.employees_paid
        assert len(pd.read_csv(folder / "hasil.rejected.csv")) == r.employees_rejected
        doc = json.loads((folder / "hasil.json").read_text(encoding="utf-8"))
        assert sum(e["allowance"] for e in doc["employees"]) == r.total_allowance
        assert sum(t["allowance"] for t in doc["totals"]) == r.total_allowance
        assert len(doc["rejected"]) == r.employees_rejected
        if PARQUET:
            parquet = pd.read_parquet(folder / "hasil.parquet")
            assert int(parquet["allowance"].sum()) == r.total_allowance
        summary = _sheet_rows(folder / "hasil.xlsx", "Ringkasan")
        head, total = summary[0], summary[-1]
        assert total[head.index("Tunjangan")] == r.total_allowance
        assert total[head.index("Jumlah Pegawai")] == r.employees_paid
        assert total[head.index("Ditolak")] == r.employees_rejected
        detail = _sheet_rows(folder / "hasil.xlsx", "Rincian")
        if r.employees_paid:
            assert detail[-1][detail[0].index("Tunjangan")] == r.total_allowance
            assert len(detail) == r.employees_paid + 2  # header and total row

    def test_the_engine_refuses_a_result_that_lost_someone(
        self, rules: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If a rejected row went missing between the run and the result, calculate raises."""
        import tukin.result as result_module

        real = result_module.rejected_frames

        def lossy(run: Any, dataset: Any) -> dict[str, pd.DataFrame]:
            return {lang: frame.iloc[1:] for lang, frame in real(run, dataset).items()}

        monkeypatch.setattr(result_module, "rejected_frames", lossy)
        with pytest.raises(CalculationError) as info:
            calculate(Dataset.from_frames(**demo_tables(40)), rules, PERIOD)
        assert info.value.code == "invariant_broken"
        assert "employees" in info.value.message("en")

    def test_the_engine_refuses_a_frame_that_doubled_someone(
        self, rules: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """If the employee frame held a row twice, calculate raises instead of paying twice."""
        import tukin.calc.engine as engine

        real = engine.employee_frame

        def doubled(ds: Any, period: Any) -> pd.DataFrame:
            frame = real(ds, period)
            out = pd.concat([frame, frame.iloc[:1]], ignore_index=True)
            out.attrs = frame.attrs
            return out

        monkeypatch.setattr(engine, "employee_frame", doubled)
        with pytest.raises(CalculationError) as info:
            calculate(Dataset.from_frames(**demo.generate(30)), rules, PERIOD)
        assert info.value.code == "invariant_broken"


# -- verify ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def archive(rules: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A payment run saved as an auditor receives it: inputs workbook and every export."""
    folder = tmp_path_factory.mktemp("archive")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOURCE_DATE_EPOCH", EPOCH)
        tables = demo.generate(50, seed=21)
        inputs = io.write_frames(Dataset.from_frames(**tables), folder / "isian.xlsx")
        dataset = io.read_dataset(inputs)
        result = calculate(dataset, rules, PERIOD)
        for suffix in SUFFIXES:
            io.write_result(result, folder / f"hasil{suffix}")
    return {"tables": tables, "dataset": dataset, "result": result, "folder": folder}


@pytest.fixture
def saved(archive: dict[str, Any], tmp_path: Path) -> dict[str, Any]:
    """A copy of the archive the test may edit."""
    shutil.copytree(archive["folder"], tmp_path, dirs_exist_ok=True)
    return {**archive, "folder": tmp_path, "inputs": tmp_path / "isian.xlsx"}


class TestVerifyReceipt:
    """``verify_receipt`` re-runs a saved receipt and reports every difference."""

    @pytest.mark.parametrize(
        "name", ["hasil.receipt.json", "hasil.json", "hasil.xlsx", *(f"hasil{s}" for s in PARQUET)]
    )
    def test_saved_run_verifies_from_every_export(
        self, saved: dict[str, Any], rules: Any, name: str
    ) -> None:
        """The receipt read from any export re-verifies against the saved inputs."""
        report = verify_receipt(saved["folder"] / name, saved["dataset"], rules)
        assert report.ok, str(report)
        assert report.differences == () and report.employees == ()
        assert "VERIFIED" in report.describe("en") and "TERVERIFIKASI" in report.describe("id")

    def test_the_csv_people_hold_and_a_missing_paid_rows_file(
        self, saved: dict[str, Any], rules: Any
    ) -> None:
        """``hasil.csv`` is read through its receipt beside it; with the paid rows' file gone
        (the rejected list still there) the report says the rows were not compared and is no
        VERIFIED (review 27 d06)."""
        folder = saved["folder"]
        assert verify_receipt(folder / "hasil.csv", saved["dataset"], rules).ok
        (folder / "hasil.csv").unlink()
        report = verify_receipt(folder / "hasil.receipt.json", saved["dataset"], rules)
        assert not report.ok
        assert "hasil.csv is missing: the paid rows were not compared" in report.describe("en")

    def test_years_later_only_the_time_differs(
        self, saved: dict[str, Any], rules: Any, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """Re-run at another time (no pinned clock): still verified; computed_at is not compared."""
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        report = verify_receipt(saved["folder"] / "hasil.receipt.json", saved["dataset"], rules)
        assert report.ok
        assert report.now.computed_at != report.saved.computed_at
        assert "computed_at" not in COMPARED

    def test_changed_input_is_reported_with_the_employee(
        self, saved: dict[str, Any], rules: Any
    ) -> None:
        """One more day of unexcused absence: input, totals and amounts differ, by NIP."""
        tables = {k: v.copy() for k, v in saved["tables"].items()}
        att = tables["attendance"]
        row = att.index[att["period"] == PERIOD][0]
        att.loc[row, "tk"] = att.loc[row, "tk"] + 1
        nip = str(att.loc[row, "nip"])
        report = verify_receipt(
            saved["folder"] / "hasil.receipt.json", Dataset.from_frames(**tables), rules
        )
        assert not report.ok
        fields = [d.field for d in report.differences]
        assert fields[0] == "dataset_fingerprint"
        assert {"total_allowance", "result_fingerprint"} <= set(fields)
        assert {d.field for d in report.employees} >= {f"{nip}.allowance"}
        text_en, text_id = report.describe("en"), report.describe("id")
        assert "NOT VERIFIED" in text_en and nip in text_en
        assert "the input data differs from the data of the saved run" in text_en
        assert "TIDAK TERVERIFIKASI" in text_id and "data masukan berbeda" in text_id
        with pytest.raises(VerificationError) as info:
            report.raise_for_differences()
        assert info.value.code == "verification_failed"

    def test_other_rules_are_reported(self, saved: dict[str, Any]) -> None:
        """Another rule set (80/20 instead of 60/40) is named as the difference."""
        report = verify_receipt(
            saved["folder"] / "hasil.receipt.json", saved["dataset"], load_ruleset("tpp-80-20")
        )
        fields = [d.field for d in report.differences]
        assert fields[:2] == ["ruleset_name", "ruleset_fingerprint"]
        assert "the rules differ" in report.describe("en")

    def test_edited_export_is_caught(self, saved: dict[str, Any], rules: Any) -> None:
        """A paid amount edited in the saved CSV: the receipt matches, the rows do not."""
        csv = saved["folder"] / "hasil.csv"
        frame = pd.read_csv(csv, dtype={"nip": str})
        frame.loc[0, "allowance"] += 1_000_000
        frame.to_csv(csv, index=False, lineterminator="\n")
        report = verify_receipt(saved["folder"] / "hasil.receipt.json", saved["dataset"], rules)
        assert not report.ok and report.differences == ()
        assert [d.field for d in report.employees] == [f"{frame.loc[0, 'nip']}.allowance"]
        assert "was the result file edited" in report.describe("en")

    def test_edited_receipt_total_is_caught(self, saved: dict[str, Any], rules: Any) -> None:
        """A total edited in the receipt JSON is reported with both amounts in rupiah."""
        path = saved["folder"] / "hasil.receipt.json"
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["total_allowance"] -= 1
        path.write_text(json.dumps(doc), encoding="utf-8")
        report = verify_receipt(path, saved["dataset"], rules)
        assert [d.field for d in report.differences] == ["total_allowance"]
        assert "total_allowance: tersimpan Rp" in report.describe("id")

    def test_another_library_version_is_a_note(self, saved: dict[str, Any], rules: Any) -> None:
        """A receipt from another tukin version still verifies; the version is noted."""
        receipt = saved["result"].receipt.model_dump()
        receipt["library_version"] = "0.0.9"
        receipt["added_by_a_newer_tukin"] = "ignored"
        report = verify_receipt(receipt, saved["dataset"], rules, lang="en")
        assert report.ok
        assert [n.field for n in report.notes] == ["library_version"]
        assert "note: library_version: saved 0.0.9" in str(report)

    def test_a_receipt_object_and_its_json(self, saved: dict[str, Any]) -> None:
        """read_receipt accepts a Receipt, its dict and model_dump_json() written to a file."""
        receipt: Receipt = saved["result"].receipt
        path = saved["folder"] / "r.json"
        path.write_text(receipt.model_dump_json(), encoding="utf-8")
        assert (
            read_receipt(path)
            == read_receipt(receipt)
            == read_receipt(receipt.model_dump())
            == receipt
        )

    @pytest.mark.parametrize(
        ("content", "error", "code"),
        [
            ('{"period": "2025-10"}', VerificationError, "receipt_invalid"),
            ("[1, 2]", VerificationError, "receipt_invalid"),
            ("not json", InputFileError, "unreadable_file"),
        ],
    )
    def test_unreadable_receipts(
        self, tmp_path: Path, rules: Any, content: str, error: type[TukinError], code: str
    ) -> None:
        """A file that holds no receipt is a TukinError with a code, in both languages."""
        path = tmp_path / "r.json"
        path.write_text(content, encoding="utf-8")
        with pytest.raises(error) as info:
            verify_receipt(path, Dataset.from_frames(**demo.generate(5)), rules)
        assert info.value.code == code
        assert info.value.message("id") and info.value.message("en")

    def test_missing_receipt(self, tmp_path: Path, rules: Any) -> None:
        """A receipt path that does not exist is file_not_found."""
        with pytest.raises(InputFileError) as info:
            verify_receipt(tmp_path / "nope.json", Dataset.from_frames(**demo.generate(5)), rules)
        assert info.value.code == "file_not_found"

    def test_report_type(self, saved: dict[str, Any], rules: Any) -> None:
        """The report is a VerificationReport whose language follows the dataset's."""
        report = verify_receipt(
            saved["folder"] / "hasil.receipt.json",
            io.read_dataset(saved["inputs"], lang="id"),
            rules,
        )
        assert isinstance(report, VerificationReport) and report.lang == "id"
        assert str(report).startswith("Kuitansi hasil.receipt.json")


@pytest.fixture(scope="module")
def paid(rules: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A month with two employees rejected, saved in every form."""
    folder = tmp_path_factory.mktemp("paid")
    tables = demo_tables(60)
    dataset = Dataset.from_frames(**tables)
    result = calculate(dataset, rules, PERIOD)
    assert len(result.rejected) >= 2
    for suffix in SUFFIXES:
        io.write_result(result, folder / f"hasil{suffix}")
    return {"tables": tables, "dataset": dataset, "result": result, "folder": folder}


@pytest.fixture
def files(paid: dict[str, Any], tmp_path: Path) -> Path:
    shutil.copytree(paid["folder"], tmp_path, dirs_exist_ok=True)
    return tmp_path


class TestVerifyTheWholeFile:
    """Everything a result file holds is compared with the re-run, not only its receipt:
    rows, their count and sums, totals per OPD, the rejected list, the receipt's cells."""

    def _check(self, path: Path, paid: dict[str, Any]) -> VerificationReport:
        return verify_receipt(path, paid["dataset"], lang="en")

    def test_every_form_verifies_and_says_what_it_compared(
        self, files: Path, paid: dict[str, Any]
    ) -> None:
        for name in (
            "hasil.receipt.json",
            "hasil.json",
            "hasil.xlsx",
            *(f"hasil{s}" for s in PARQUET),
        ):
            report = self._check(files / name, paid)
            assert report.ok and report.complete, str(report)
            assert "also compared:" in str(report) and "rejected list" in str(report)
        receipt_only = verify_receipt(paid["result"].receipt, paid["dataset"], lang="en")
        assert receipt_only.ok and "only the receipt was compared" in str(receipt_only)

    def test_workbook_edits_are_caught(self, files: Path, paid: dict[str, Any]) -> None:
        """Review D03: an amount in the detail sheet, a deleted row, an OPD total and the
        visible receipt cell, each edited while receipt_json was left alone."""
        path = files / "hasil.xlsx"
        wb = openpyxl.load_workbook(path)
        ws = wb["Rincian"]
        head = [c.value for c in ws[1]]
        cell = ws.cell(3, head.index("Tunjangan") + 1)
        cell.value += 5_000_000
        edited = str(ws.cell(3, 1).value)
        gone = str(ws.cell(5, 1).value)
        ws.delete_rows(5)
        wb["Ringkasan"].cell(2, 4).value = 1
        for row in wb["Kuitansi"].iter_rows(min_row=2):
            if row[1].value == "total_allowance":
                row[2].value = 1
        wb.save(path)
        report = self._check(path, paid)
        assert not report.ok and report.differences == ()
        assert {f"{edited}.allowance", f"{gone}.paid"} <= {d.field for d in report.employees}
        fields = {d.field for d in report.file}
        assert {"rows.count", "rows.sum.allowance", "cell total_allowance"} <= fields
        assert any(f.startswith("totals[") for f in fields)
        assert "was the result file edited" in str(report)

    def test_workbook_total_row_is_compared(self, files: Path, paid: dict[str, Any]) -> None:
        path = files / "hasil.xlsx"
        wb = openpyxl.load_workbook(path)
        ws = wb["Rincian"]
        head = [c.value for c in ws[1]]
        ws.cell(ws.max_row, head.index("Tunjangan") + 1).value = 1
        wb.save(path)
        assert [d.field for d in self._check(path, paid).file] == ["rows.total_row.allowance"]

    def test_a_row_paid_twice_is_caught_in_every_form(
        self, files: Path, paid: dict[str, Any]
    ) -> None:
        """Review D04: one employee's row copied once more (paid twice)."""
        csv = files / "hasil.csv"
        frame = pd.read_csv(csv, dtype={"nip": str})
        pd.concat([frame, frame.iloc[[3]]]).to_csv(csv, index=False)
        nip = str(frame["nip"].iloc[3])
        doc = json.loads((files / "hasil.json").read_text(encoding="utf-8"))
        doc["employees"].append(doc["employees"][3])
        (files / "hasil.json").write_text(json.dumps(doc), encoding="utf-8")
        paths = [files / "hasil.receipt.json", files / "hasil.json"]
        if PARQUET:
            import pyarrow as pa
            import pyarrow.parquet as pq

            table = pq.read_table(files / "hasil.parquet")
            twice = pa.concat_tables([table, table.slice(3, 1)])
            pq.write_table(
                twice.replace_schema_metadata(table.schema.metadata), files / "hasil.parquet"
            )
            paths.append(files / "hasil.parquet")
        for path in paths:
            report = self._check(path, paid)
            assert not report.ok
            assert f"{nip}.rows" in {d.field for d in report.employees}, path.name
            assert {"rows.count", "rows.sum.allowance"} <= {d.field for d in report.file}
            assert "paid more than once" in str(report)

    @pytest.mark.parametrize("how", ["cp1252", "headers", "labels", "semicolons"])
    def test_rows_are_read_as_tukin_reads_input(
        self, files: Path, paid: dict[str, Any], how: str
    ) -> None:
        """Review D05: a CSV saved again by Excel (Windows-1252, semicolons), or with other
        headers (Allowance, NIP, the workbook's labels), is still compared row by row."""
        csv = files / "hasil.csv"
        frame = pd.read_csv(csv, dtype={"nip": str})
        frame.loc[3, ["allowance", "net"]] += 5_000_000
        nip = str(frame.loc[3, "nip"])
        if how == "cp1252":
            frame.loc[0, "name"] = "André"
            csv.write_bytes(frame.to_csv(index=False).encode("cp1252"))
        elif how == "semicolons":
            frame.to_csv(csv, index=False, sep=";")
        else:
            names = (
                {"nip": "NIP", "allowance": "Allowance", "net": "Net"}
                if how == "headers"
                else {"nip": "N.I.P.", "allowance": "Tunjangan", "net": "Diterima"}
            )
            frame.rename(columns=names).to_csv(csv, index=False)
        report = self._check(files / "hasil.receipt.json", paid)
        assert not report.ok and report.complete
        assert f"{nip}.allowance" in {d.field for d in report.employees}

    def test_what_cannot_be_checked_is_said_and_is_no_verification(
        self, files: Path, paid: dict[str, Any], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Rows with no NIP column cannot be compared: the report says so, the payment is
        not called verified, and the command exits 3 (not 0, not 1)."""
        csv = files / "hasil.csv"
        pd.read_csv(csv, dtype={"nip": str}).drop(columns="nip").to_csv(csv, index=False)
        report = self._check(files / "hasil.receipt.json", paid)
        assert not report.ok and not report.complete and report.differences == ()
        text = report.describe("en")
        assert "NOT FULLY VERIFIED" in text and "no NIP column" in text
        assert "TIDAK TERVERIFIKASI SEPENUHNYA" in report.describe("id")
        data = io.write_frames(paid["tables"], files / "isian.xlsx")
        args = ["verify", "--receipt", str(files / "hasil.receipt.json"), "--data", str(data)]
        assert cli.main([*args, "--lang", "en"]) == 3
        assert "NOT FULLY VERIFIED" in capsys.readouterr().out

    def test_totals_and_rejected_of_a_document_are_reconciled(
        self, files: Path, paid: dict[str, Any]
    ) -> None:
        """Review D05: an OPD total edited, a rejected employee removed from the list."""
        path = files / "hasil.json"
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["totals"][0]["allowance"] += 5_000_000
        gone = doc["rejected"].pop(0)["nip"]
        path.write_text(json.dumps(doc), encoding="utf-8")
        report = self._check(path, paid)
        fields = {d.field for d in report.file}
        assert f"rejected.{gone}" in fields and "rejected.count" in fields
        assert any(f.startswith("totals[") and f.endswith(".allowance") for f in fields)
        assert not report.ok and report.differences == ()

    def test_the_rejected_list_beside_a_csv(self, files: Path, paid: dict[str, Any]) -> None:
        rejected = files / "hasil.rejected.csv"
        frame = pd.read_csv(rejected, dtype=str)
        frame.iloc[1:].to_csv(rejected, index=False)
        report = self._check(files / "hasil.receipt.json", paid)
        assert "rejected.count" in {d.field for d in report.file}


class TestSelfDescribingReceipt:
    """Review D06-D08: the receipt says how its fingerprint was made, per table, with which
    reading options, and its totals per OPD and who was rejected."""

    def test_the_receipt_describes_itself(self, paid: dict[str, Any]) -> None:
        receipt = paid["result"].receipt
        dataset = paid["dataset"]
        assert receipt.fingerprint_version == 2
        assert receipt.table_fingerprints == dataset.table_fingerprints()
        assert receipt.table_rows["employees"] == len(dataset["employees"])
        assert (receipt.dataset_mode, receipt.nip_check) == ("lenient", "length")
        totals = paid["result"].totals()
        assert sum(t["allowance"] for t in receipt.opd_totals.values()) == receipt.total_allowance
        assert sum(t["rejected"] for t in receipt.opd_totals.values()) == len(
            paid["result"].rejected
        )
        assert len(receipt.opd_totals) >= len(totals) - 1
        assert receipt.rejected_fingerprint and len(receipt.rejected_fingerprint) == 64

    def test_an_old_receipt_still_verifies_under_its_encoding(self, paid: dict[str, Any]) -> None:
        """A receipt written before these fields (fingerprint encoding 1, nothing per table
        or per OPD) loads and verifies: the input is fingerprinted as version 1 again."""
        old = paid["result"].receipt.model_dump()
        for key in (
            "fingerprint_version",
            "table_fingerprints",
            "table_rows",
            "dataset_mode",
            "nip_check",
            "opd_totals",
            "rejected_fingerprint",
            "ruleset_changes",
        ):
            del old[key]
        old["dataset_fingerprint"] = paid["dataset"].fingerprint(version=1)
        report = verify_receipt(old, paid["dataset"], lang="en")
        assert report.ok, str(report)
        newer = {"rejected_fingerprint", "ruleset_changes", "table_fingerprints", "table_rows"}
        assert report.compared == len(set(COMPARED) - newer)
        assert read_receipt(old).fingerprint_version == 1
        old["dataset_fingerprint"] = paid["dataset"].fingerprint()  # version 2's: no match
        assert [d.field for d in verify_receipt(old, paid["dataset"]).differences] == [
            "dataset_fingerprint"
        ]

    def test_a_grown_workbook_names_the_tables_and_keeps_the_amounts(self, rules: Any) -> None:
        """October paid from January-October; verified against the workbook after November
        was added: not verified (the input differs), but the report names the tables, their
        rows before and after, and that every amount is still the same."""
        tables = demo.generate(40, seed=3)
        october = {k: v.copy() for k, v in tables.items()}
        for name in ("attendance", "appraisals"):
            october[name] = october[name][october[name]["period"] <= PERIOD]
        receipt = calculate(Dataset.from_frames(**october), rules, PERIOD).receipt
        report = verify_receipt(receipt, Dataset.from_frames(**tables), lang="en")
        assert [d.field for d in report.differences] == [
            "dataset_fingerprint",
            "table_fingerprints",
            "table_rows",
        ]
        assert {t[0] for t in report.tables} == {"attendance", "appraisals"}
        name, before, after = next(t for t in report.tables if t[0] == "attendance")
        assert before == len(october["attendance"]) and after == len(tables["attendance"])
        text = str(report)
        assert "input tables that differ: " in text and "the amounts paid are the same" in text
        edited = {k: v.copy() for k, v in october.items()}
        edited["employees"].loc[edited["employees"].index[0], "name"] = "Somebody Else"
        report = verify_receipt(receipt, Dataset.from_frames(**edited), lang="en")
        assert report.tables == (("employees", 40, 40),)
        assert "employees (40 rows, content differs)" in str(report)

    def test_reading_options_are_recorded_and_used(
        self, rules: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Review D07: data read with nip_check='strict' keeps other rows; the receipt says
        so, and verify re-reads the file with it (the command, and a path given to
        verify_receipt); a Dataset read otherwise gets a note naming the option."""
        # the tables the rule set reads (the monitoring ones only slow the reads), a dozen
        # employees: the option, not the size, is what is tested
        tables = tst.payroll_tables(demo.generate(12, seed=4))
        emp = tables["employees"]
        old = emp.loc[emp.index[emp["status"] == "pns"][3], "nip"]
        new = old[:4] + "13" + old[6:]  # birth month 13: the length is right, the NIP is not
        for name in ("employees", "attendance", "appraisals", "sanctions"):
            tables[name]["nip"] = tables[name]["nip"].replace(old, new)
        inputs = io.write_frames(tables, tmp_path / "isian.xlsx")
        strict = io.read_dataset(inputs, nip_check="strict")
        result = calculate(strict, rules, PERIOD)
        assert result.receipt.nip_check == "strict"
        io.write_result(result, tmp_path / "hasil.csv")
        receipt = tmp_path / "hasil.receipt.json"
        assert verify_receipt(receipt, inputs).ok
        args = ["verify", "--receipt", str(receipt), "--data", str(inputs), "--lang", "en"]
        assert cli.main(args) == 0
        assert "VERIFIED" in capsys.readouterr().out
        report = verify_receipt(receipt, io.read_dataset(inputs), lang="en")
        assert not report.ok
        assert [n.field for n in report.notes] == ["nip_check"]
        assert "another NIP check" in str(report)


class TestVerifyAnOldPackVersion:
    """A receipt made with a pack version since superseded is re-run under that version."""

    @pytest.fixture(scope="class")
    def old_run(self) -> dict[str, Any]:
        """A month paid with tpp-60-40 version 1 (superseded by version 2)."""
        dataset = Dataset.from_frames(**demo.generate(40, seed=5))
        result = calculate(dataset, load_ruleset("tpp-60-40@1"), PERIOD)
        return {"dataset": dataset, "receipt": result.receipt}

    def test_without_rules_the_receipts_version_is_used(self, old_run: dict[str, Any]) -> None:
        """No rule set given: the pack version the receipt names, not the current one."""
        assert old_run["receipt"].ruleset_version == "1"
        assert load_ruleset("tpp-60-40").version != "1"
        report = verify_receipt(old_run["receipt"], old_run["dataset"])
        assert report.ok, str(report)
        assert report.now.ruleset_version == "1" and report.suggested_rules is None

    def test_the_current_version_fails_and_names_the_old_one(self, old_run: dict[str, Any]) -> None:
        """Given the current pack, the version and fingerprint differ (the month's amounts
        do not: version 2 only refuses quarters) and the report says what to load."""
        report = verify_receipt(old_run["receipt"], old_run["dataset"], load_ruleset("tpp-60-40"))
        assert [d.field for d in report.differences] == ["ruleset_version", "ruleset_fingerprint"]
        assert report.suggested_rules == "tpp-60-40@1"
        assert "load_ruleset('tpp-60-40@1')" in report.describe("en")
        assert "--rules tpp-60-40@1" in report.describe("id")
        again = verify_receipt(old_run["receipt"], old_run["dataset"], load_ruleset("tpp-60-40@1"))
        assert again.ok

    def test_rules_of_its_own_must_be_given(self, old_run: dict[str, Any]) -> None:
        """A pack with changed parameters is no packaged version: say so, in both languages."""
        changed = load_ruleset("tpp-60-40").with_parameters(absence_cap="90%")
        receipt = calculate(old_run["dataset"], changed, PERIOD).receipt
        current = load_ruleset("tpp-60-40").version  # the released version it was changed from
        assert (receipt.ruleset_name, receipt.ruleset_version) == ("tpp-60-40", current)
        with pytest.raises(VerificationError) as info:
            verify_receipt(receipt, old_run["dataset"])
        assert info.value.code == "receipt_rules_unknown"
        assert "give the rule set" in info.value.message("en")
        assert "berikan aturan" in info.value.message("id")
        assert verify_receipt(receipt, old_run["dataset"], changed).ok

    def test_a_version_not_installed_says_so(self, old_run: dict[str, Any]) -> None:
        """A receipt of a version this install lacks (a newer release's) is not blamed on
        rules of one's own: the error names the versions installed and the receipt's tukin."""
        receipt = old_run["receipt"].model_dump()
        receipt.update(ruleset_version="9", library_version="9.9.9", ruleset_fingerprint="0" * 64)
        with pytest.raises(VerificationError) as info:
            verify_receipt(receipt, old_run["dataset"])
        assert info.value.code == "receipt_version_not_installed"
        text = info.value.message("en")
        released = ", ".join(str(v) for v in range(1, int(load_ruleset("tpp-60-40").version) + 1))
        assert "'tpp-60-40' v9" in text and f"(versions: {released})" in text
        assert "made by tukin 9.9.9: install that release" in text
        assert "pasang rilis itu" in info.value.message("id")

    def test_a_version_not_installed_by_this_same_tukin(self, old_run: dict[str, Any]) -> None:
        """Made by the tukin installed (the version never changed), the receipt's pack version
        cannot come from another release: the message does not send the auditor to install
        the release already installed."""
        receipt = old_run["receipt"].model_dump()
        receipt.update(ruleset_version="9", ruleset_fingerprint="0" * 64)
        with pytest.raises(VerificationError) as info:
            verify_receipt(receipt, old_run["dataset"])
        assert info.value.code == "receipt_version_unknown"
        text = info.value.message("en")
        assert "install that release" not in text and f"tukin {tukin.__version__}" in text
        assert "versi pada kuitansi diubah" in info.value.message("id")

    @pytest.mark.parametrize("version", ["2", "9"])
    def test_an_edited_version_names_the_version_of_its_rules(
        self, old_run: dict[str, Any], version: str
    ) -> None:
        """A receipt of version 1 whose version was edited: its rule fingerprint is that of
        version 1, and the error says so (not "no packaged version")."""
        receipt = old_run["receipt"].model_dump()
        receipt["ruleset_version"] = version
        with pytest.raises(VerificationError) as info:
            verify_receipt(receipt, old_run["dataset"])
        assert info.value.code == "receipt_version_mismatch"
        assert "its rule fingerprint is that of tpp-60-40@1" in info.value.message("en")
        assert "tpp-60-40@1" in info.value.message("id")

    def test_a_pack_not_shipped_is_rules_of_ones_own(self, old_run: dict[str, Any]) -> None:
        receipt = old_run["receipt"].model_dump()
        receipt["ruleset_name"] = "perbup-kukar-2026"
        with pytest.raises(VerificationError) as info:
            verify_receipt(receipt, old_run["dataset"])
        assert info.value.code == "receipt_rules_unknown"
        assert "a pack this tukin does not ship" in info.value.message("en")

    @pytest.mark.parametrize("name", ["D:evil", "../tpp-60-40", ".tpp-60-40", "tpp-60-40/x"])
    def test_a_receipts_pack_name_never_leaves_the_packs(
        self, old_run: dict[str, Any], name: str
    ) -> None:
        """The pack name comes from whoever wrote the receipt: only plain names are looked up."""
        receipt = old_run["receipt"].model_dump()
        receipt["ruleset_name"] = name
        with pytest.raises(VerificationError) as info:
            verify_receipt(receipt, old_run["dataset"])
        assert info.value.code == "receipt_rules_unknown"

    def test_the_command_uses_the_receipts_rules(
        self, old_run: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """``tukin verify`` without --rules re-runs version 1; with the current pack it fails
        and prints the hint."""
        receipt = tmp_path / "hasil.receipt.json"
        receipt.write_text(old_run["receipt"].model_dump_json(), encoding="utf-8")
        inputs = io.write_frames(old_run["dataset"], tmp_path / "isian.xlsx")
        args = ["verify", "--receipt", str(receipt), "--data", str(inputs), "--lang", "en"]
        assert cli.main(args) == 0
        assert "VERIFIED" in capsys.readouterr().out
        assert cli.main([*args, "--rules", "tpp-60-40"]) == 1
        assert "--rules tpp-60-40@1" in capsys.readouterr().out


class TestVerifyCommand:
    """``tukin verify`` prints the report and exits 0 (verified) or 1 (differences)."""

    def test_data_is_required(
        self, saved: dict[str, Any], capsys: pytest.CaptureFixture[str]
    ) -> None:
        """Review D12: without --data the command refused, instead of re-running the demo
        data against a real receipt and listing hundreds of "differences"."""
        with pytest.raises(SystemExit) as info:
            cli.main(["verify", "--receipt", str(saved["folder"] / "hasil.json")])
        assert info.value.code == 2
        assert "--data" in capsys.readouterr().err

    def test_exit_codes(self, saved: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
        """Verified: 0; after editing the receipt: 1, with the field in the output."""
        receipt = str(saved["folder"] / "hasil.receipt.json")
        args = [
            "verify",
            "--receipt",
            receipt,
            "--data",
            str(saved["inputs"]),
            "--rules",
            "tpp-60-40",
        ]
        assert cli.main([*args, "--lang", "en"]) == 0
        assert "VERIFIED" in capsys.readouterr().out
        doc = json.loads(Path(receipt).read_text(encoding="utf-8"))
        doc["employees_paid"] += 1
        Path(receipt).write_text(json.dumps(doc), encoding="utf-8")
        assert cli.main(args) == 1
        assert "employees_paid: tersimpan" in capsys.readouterr().out


# -- the clock -------------------------------------------------------------------------------


class TestRunTime:
    """``run_time`` is now, or SOURCE_DATE_EPOCH when set."""

    def test_pinned(self, pinned: None) -> None:
        """SOURCE_DATE_EPOCH gives that second in UTC."""
        assert run_time().isoformat() == "2025-11-01T00:00:00+00:00"

    def test_invalid_epoch(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A SOURCE_DATE_EPOCH that is no number refuses the run with a code."""
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
        with pytest.raises(CalculationError) as info:
            run_time()
        assert info.value.code == "source_date_epoch"

    def test_version_is_in_the_receipt(self, rules: Any, pinned: None) -> None:
        """The receipt names the library version that computed it."""
        receipt = calculate(Dataset.from_frames(**demo.generate(5)), rules, PERIOD).receipt
        assert receipt.library_version == tukin.__version__


class TestFingerprintOrder:
    """The dataset fingerprint's row order is defined as the lexsort of sorted factor codes
    (missing values first); the Arrow sort that computes it fast must give the same order, or
    receipts saved earlier would stop verifying."""

    @given(
        rows=st.lists(
            st.tuples(
                st.one_of(st.none(), st.text(alphabet="aAb9é ", max_size=3)),
                st.integers(-3, 3),
                st.one_of(st.none(), st.sampled_from(["2025-01", "2025-Q1", "2024"])),
            ),
            max_size=30,
        ),
        width=st.integers(1, 3),
    )
    @settings(max_examples=60, deadline=None)
    def test_arrow_order_is_the_defined_order(
        self, rows: list[tuple[str | None, int, str | None]], width: int
    ) -> None:
        pytest.importorskip("pyarrow")
        from tukin._fingerprint import _arrow_order

        frame = pd.DataFrame(rows, columns=["a", "n", "p"]).astype(
            {"a": "str", "n": "int64", "p": "str"}
        )
        columns = ["a", "n", "p"][:width]
        codes = [pd.factorize(frame[c], sort=True)[0] for c in reversed(columns)]
        got = _arrow_order(frame, columns)
        assert got is not None
        assert got.tolist() == np.lexsort(codes).tolist()

    @given(
        rows=st.lists(
            st.tuples(
                st.integers(0, 999),
                st.integers(-(2**40), 2**40),
                st.one_of(st.none(), st.sampled_from(["2025-01", "2025-Q1", "2024", "é", ""])),
                st.booleans(),
            ),
            min_size=2,
            max_size=40,
        ),
        columns=st.sampled_from(
            [
                ["d"],
                ["d", "p"],
                ["n", "p", "b"],
                ["d", "n"],
                ["b", "d", "p"],
                ["p", "d"],
                ["p", "b"],
            ]
        ),
    )
    @settings(max_examples=80, deadline=None)
    def test_integer_order_is_the_defined_order(
        self, rows: list[tuple[int, int, str | None, bool]], columns: list[str]
    ) -> None:
        """Keys read as one int64 per row (digit text, integers, booleans; other text ranked,
        missing first, where it is not a key of its own): the same order as the definition,
        ties in row order."""
        pytest.importorskip("pyarrow")
        from tukin._fingerprint import _integer_order, row_order

        frame = pd.DataFrame(
            [(f"{d:03d}", n, p, b) for d, n, p, b in rows], columns=["d", "n", "p", "b"]
        ).astype({"d": "str", "n": "int64", "p": "str", "b": "bool"})
        codes = [pd.factorize(frame[c], sort=True)[0] for c in reversed(columns)]
        expected = np.lexsort(codes).tolist()
        got = _integer_order(frame, columns)
        assert got is not None  # these keys are what the integer sort is for
        assert got.tolist() == expected
        order = row_order(frame, columns)
        assert order is not None and order.tolist() == expected

    def test_integer_order_steps_aside(self) -> None:
        """Keys that would not fit one int64 together, or one text column as the whole key
        (ranking its distinct values is the sort itself), go to the other sorts."""
        from tukin._fingerprint import _integer_order

        big = pd.DataFrame({"a": [0, 2**62, 5], "b": [3, -(2**62), 1]})
        assert _integer_order(big, ["a", "b"]) is None
        text = pd.DataFrame({"a": ["x", "y"], "b": [1, 2]}).astype({"a": "str"})
        assert _integer_order(text, ["a"]) is None
        assert _integer_order(text, ["a", "b"]) is not None  # composite: ranks, then ints

    @given(
        ids=st.lists(
            st.sampled_from(["IND-2", "IND-10", "ind-1", "é", ""]), min_size=1, max_size=60
        ),
        periods=st.lists(st.sampled_from(["2025-01", "2025-Q1", "2024"]), min_size=60, max_size=60),
        drop=st.integers(0, 3),
    )
    @settings(max_examples=60, deadline=None)
    def test_dense_keys_are_placed_in_slots(
        self, ids: list[str], periods: list[str], drop: int
    ) -> None:
        """A composite key of few distinct values per column (indicator id and period, as
        targets have) spans few numbers: the rows are placed in slots instead of sorted,
        with the defined order; equal keys (here possible) fall back to the stable sort."""
        pytest.importorskip("pyarrow")
        from tukin._fingerprint import _integer_order

        frame = pd.DataFrame({"i": ids, "p": periods[: len(ids)]}).astype("str")
        frame = frame.iloc[drop:] if drop < len(frame) else frame
        codes = [pd.factorize(frame[c], sort=True)[0] for c in ("p", "i")]
        got = _integer_order(frame, ["i", "p"])
        assert got is not None and got.tolist() == np.lexsort(codes).tolist()

    def test_dense_order(self) -> None:
        """Distinct numbers of a small span are placed in slots: their sort; equal numbers,
        or a span past four times the rows, are left to the comparison sort."""
        from tukin._fingerprint import _dense_order

        number = np.array([5, 0, 3, 1], dtype=np.int64)
        got = _dense_order(number, [(number, 0, 5)])
        assert got is not None and got.tolist() == np.argsort(number).tolist()
        same = np.array([1, 0, 1], dtype=np.int64)
        assert _dense_order(same, [(same, 0, 1)]) is None
        wide = np.array([17, 0], dtype=np.int64)
        assert _dense_order(wide, [(wide, 0, 17)]) is None

    def test_nips_sorted_as_integers_keep_the_defined_order(self) -> None:
        """18-digit NIPs (with leading zeros) with a second key: the integer sort the
        fingerprint takes for them is the text order."""
        pytest.importorskip("pyarrow")
        from tukin._fingerprint import _arrow_order

        rng = np.random.default_rng(3)
        nips = [f"{x:018d}" for x in rng.integers(0, 10**17, 500)] * 2
        frame = pd.DataFrame(
            {"nip": nips, "period": rng.choice(["2025-01", "2025-02"], 1000)}
        ).astype("str")
        codes = [pd.factorize(frame[c], sort=True)[0] for c in ("period", "nip")]
        got = _arrow_order(frame, ["nip", "period"])
        assert got is not None and got.tolist() == np.lexsort(codes).tolist()
