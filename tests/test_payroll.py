"""The payroll list (daftar nominatif): per OPD, Excel and CSV, totals that reconcile."""

from __future__ import annotations

import copy
import warnings
from functools import cache
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from tests import strategies as ts
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import CalculationError
from tukin.payroll import not_paid_list, payroll_list, recap, to_csv, to_excel
from tukin.result import Result
from tukin.ruleset.load import build_ruleset


@cache
def data() -> Dataset:
    return Dataset.from_frames(mode="strict", **ts.tiny_regency_tables())


@cache
def result() -> Result:
    return calculate(data(), build_ruleset(ts.SPLIT_RULES, {}), "2025-02")


class TestPayrollList:
    def test_columns_and_order(self) -> None:
        """Numbered per OPD, identity, gross, each deduction, total, net, employer share, account."""
        t = payroll_list(result(), data())
        assert list(t.columns) == [
            "no", "opd_id", "opd_name", "name", "nip", "position_name", "grade",
            "gross", "bpjs_1", "deductions", "net", "bpjs_4", "bank_account",
        ]  # fmt: skip
        assert t["no"].tolist() == [1, 2, 3, 1, 2, 3]
        assert t["bank_account"].tolist() == [f"00{i}-7788" for i in range(6)]

    def test_totals_reconcile_with_the_receipt(self) -> None:
        """Gross and net add up to the run's receipt; gross - deductions = net on each row."""
        t, r = payroll_list(result()), result().receipt
        assert (t["gross"].sum(), t["net"].sum()) == (r.total_allowance, r.total_net)
        assert (t["gross"] - t["deductions"] == t["net"]).all()

    def test_bank_account_from_the_run_without_a_dataset(self) -> None:
        """Without a dataset the account numbers come from the run's employee frame."""
        assert payroll_list(result())["bank_account"].iloc[0] == "000-7788"

    def test_a_tampered_result_does_not_reconcile(self) -> None:
        """If the rows no longer add up to the receipt, nothing is written."""
        res = result()
        broken = Result(res.to_frame().iloc[1:], res.rejected, res.receipt, res._run, {})
        with pytest.raises(CalculationError) as err:
            payroll_list(broken)
        assert err.value.code == "invariant_broken"


class TestRecap:
    def test_per_opd_and_grand_total(self) -> None:
        """One row per OPD and a last row with the grand total."""
        rec = recap(payroll_list(result()))
        assert rec["opd_id"].tolist() == ["A", "B", ""]
        assert rec["employees"].tolist() == [3, 3, 6]
        assert rec["gross"].iloc[-1] == rec["gross"].iloc[:-1].sum() == result().total


class TestToCsv:
    def test_rows_subtotals_and_total(self, tmp_path: Path) -> None:
        """Employee rows, one subtotal per OPD and a grand total that equals the receipt."""
        frame = pd.read_csv(to_csv(result(), tmp_path / "dn.csv"), dtype={"NIP": str})
        kinds = frame["Jenis Baris"].tolist()
        assert kinds == ["employee"] * 3 + ["subtotal"] + ["employee"] * 3 + ["subtotal", "total"]
        total = frame[frame["Jenis Baris"] == "total"].iloc[0]
        assert int(total["TPP Kotor"]) == result().total
        assert int(total["TPP Bersih"]) == result().receipt.total_net
        subs = frame[frame["Jenis Baris"] == "subtotal"]["TPP Kotor"].astype(int)
        assert subs.sum() == result().total
        assert frame["NIP"].iloc[0] == ts.nips(1)[0]

    def test_english_headers(self, tmp_path: Path) -> None:
        """lang='en' writes English headers."""
        frame = pd.read_csv(to_csv(result(), tmp_path / "dn.csv", lang="en"))
        assert {"Gross allowance", "Net allowance", "Row type"} <= set(frame.columns)


class TestToExcel:
    def test_recap_and_one_sheet_per_opd(self, tmp_path: Path) -> None:
        """A recap sheet and a sheet per OPD whose total row matches the recap."""
        wb = openpyxl.load_workbook(to_excel(result(), tmp_path / "dn.xlsx", data()))
        assert wb.sheetnames == ["Rekap", "A", "B"]
        rows = list(wb["A"].iter_rows(min_row=4, values_only=True))
        header, body, total = rows[0], rows[1:-1], rows[-1]
        gross = header.index("TPP Kotor")
        assert [r[header.index("NIP")] for r in body] == ts.nips(3)
        assert total[gross] == sum(r[gross] for r in body)
        recap_rows = list(wb["Rekap"].iter_rows(min_row=5, values_only=True))
        rh = [c.value for c in wb["Rekap"][4]]
        assert recap_rows[0][rh.index("TPP Kotor")] == total[gross]
        assert recap_rows[-1][rh.index("TPP Kotor")] == result().total
        assert "bpjs_4 (pemberi kerja)" in header

    def test_sheet_names_are_made_valid(self, tmp_path: Path) -> None:
        """OPD codes with characters Excel forbids, or too long, still give distinct sheets."""
        tables = ts.tiny_regency_tables()
        tables["units"] = pd.DataFrame(
            {"unit_id": ["DINAS/A:1", "DINAS/A:1" + "x" * 40], "name": ["A", "B"]}
        )
        tables["positions"]["unit_id"] = ["DINAS/A:1", "DINAS/A:1", "DINAS/A:1" + "x" * 40]
        ds = Dataset.from_frames(mode="strict", **tables)
        res = calculate(ds, build_ruleset(ts.SPLIT_RULES, {}), "2025-02")
        names = openpyxl.load_workbook(to_excel(res, tmp_path / "x.xlsx")).sheetnames
        assert names[0] == "Rekap" and len(set(names)) == 3
        assert all(len(n) <= 31 and "/" not in n and ":" not in n for n in names)


@cache
def zero_result() -> Result:
    """February of the tiny regency where a tk of 3 cuts the whole allowance (Citra, OPD A)
    and BPJS is on the allowance's part only: her net is Rp0, and she is paid by the run."""
    rules = copy.deepcopy(ts.SPLIT_RULES)
    kotor = next(s for s in rules["steps"] if s["id"] == "kotor")
    kotor["expr"] += " * if_(tk >= 3, 0, 1)"
    for step in rules["steps"]:
        if step["type"] == "bpjs_kesehatan":
            step["basis"] = "allowance_part"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return calculate(data(), build_ruleset(rules, {}), "2025-02")


class TestNetOfZero:
    """An employee whose net is Rp0 was a line of the list (review notes of sessions 21-24,
    'Rp0 lines in the payroll list'): a bank refuses a Rp0 transfer, so the bank file made
    from the list stopped, or the line was struck by hand and the signed list no longer
    added up. Such rows are now apart, with their reason, and still accounted for."""

    def test_out_of_the_list_and_apart_with_the_reason(self) -> None:
        """The list has no net of Rp0; the rows apart name the employee and the reason; both
        together are every employee the receipt says was paid, to the rupiah."""
        res = zero_result()
        listed, apart = payroll_list(res, data()), not_paid_list(res, data())
        assert (listed["net"] > 0).all()
        assert apart["name"].tolist() == ["Citra"] and apart["reason"].tolist() == ["gross_zero"]
        assert apart["bank_account"].tolist() == ["002-7788"]
        assert listed["no"].tolist() == [1, 2, 1, 2, 3]  # numbered without a gap
        assert len(listed) + len(apart) == res.receipt.employees_paid == 6
        assert listed["net"].sum() + apart["net"].sum() == res.receipt.total_net
        # as before, for an office that signs one list of everyone entitled
        everyone = payroll_list(res, data(), zero_net="listed")
        assert len(everyone) == 6 and (everyone["net"] == 0).sum() == 1
        with pytest.raises(ValueError, match="zero_net"):
            payroll_list(res, zero_net="drop")  # type: ignore[arg-type]

    def test_the_workbook_has_a_sheet_apart_named_in_the_recap(self, tmp_path: Path) -> None:
        """No OPD sheet lists a Rp0 net; the sheet 'Tidak Dibayar' does, with the reason, and
        the recap says how many and where."""
        wb = openpyxl.load_workbook(to_excel(zero_result(), tmp_path / "dn.xlsx", data()))
        assert wb.sheetnames == ["Rekap", "A", "B", "Tidak Dibayar"]
        assert "1 pegawai" in wb["Rekap"]["A3"].value and "Tidak Dibayar" in wb["Rekap"]["A3"].value
        opd_a = [r[1] for r in wb["A"].iter_rows(min_row=5, values_only=True)]
        assert opd_a == ["Ani", "Budi", "JUMLAH"]
        header, *rows = wb["Tidak Dibayar"].iter_rows(min_row=4, values_only=True)
        assert [r[header.index("Nama")] for r in rows] == ["Citra"]
        assert "Rp0" in rows[0][header.index("Keterangan")]
        assert (
            "Tidak Dibayar"
            not in openpyxl.load_workbook(to_excel(result(), tmp_path / "x.xlsx")).sheetnames
        )

    def test_the_csv_lists_them_after_the_total(self, tmp_path: Path) -> None:
        """The CSV's employee rows and totals are the transfers; the row of Rp0 comes after
        the total, row type not_paid, with its reason."""
        path = to_csv(zero_result(), tmp_path / "dn.csv", data(), lang="en")
        frame = pd.read_csv(path, dtype={"NIP": str})
        kinds = frame["Row type"].tolist()
        assert kinds[-2:] == ["total", "not_paid"] and kinds.count("employee") == 5
        assert frame["Name"].iloc[-1] == "Citra" and "Rp0" in frame["Reason"].iloc[-1]
        employees = frame[frame["Row type"] == "employee"]
        assert (employees["Net allowance"].astype(int) > 0).all()


@cache
def deducted_result() -> Result:
    """February of the tiny regency where a fine (a deduction) takes what BPJS leaves of the
    allowance of an employee with a tk of 3 (Citra, OPD A): gross above 0, net Rp0, her BPJS
    still withheld and the employer's 4 % still owed."""
    rules = copy.deepcopy(ts.SPLIT_RULES)
    rules["steps"].append(
        {"id": "denda", "type": "formula", "expr": "if_(tk >= 3, tpp - bpjs_1, rupiah(0))"}
    )
    rules["outputs"]["deductions"] = ["bpjs_1", "denda"]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return calculate(data(), build_ruleset(rules, {}), "2025-02")


class TestDeductedWhole:
    """Review 98: a net of Rp0 whose deductions take a gross above 0 is apart (no transfer),
    and the Rekap's totals are then not the receipt's: its gross, the deductions to remit and
    the employer's contributions leave that row out, with only 'one employee is not in this
    list' to say so. The Rekap now gives the amounts left out, so the treasurer remitting
    BPJS and PPh 21 from it adds them."""

    def test_the_recap_names_the_amounts_it_leaves_out(self, tmp_path: Path) -> None:
        res = deducted_result()
        apart = not_paid_list(res, data())
        assert apart["reason"].tolist() == ["deducted_whole"]
        listed = recap(payroll_list(res, data())).iloc[-1]
        assert listed["gross"] + apart["gross"].sum() == res.receipt.total_allowance
        for lang, amount in (("id", "Rp{:,}"), ("en", "Rp{:,}")):
            path = to_excel(res, tmp_path / f"dn_{lang}.xlsx", data(), lang=lang)  # type: ignore[arg-type]
            note = openpyxl.load_workbook(path)["Rekap"]["A3"].value
            shown = [
                amount.format(int(apart[c].sum())).replace(",", "." if lang == "id" else ",")
                for c in ("gross", "deductions", "bpjs_4")
            ]
            assert all(s in note for s in shown), (lang, note, shown)

    def test_a_net_of_zero_with_nothing_to_remit_says_no_amount(self, tmp_path: Path) -> None:
        note = openpyxl.load_workbook(to_excel(zero_result(), tmp_path / "dn.xlsx", data()))[
            "Rekap"
        ]["A3"].value
        assert "Rp" not in note.replace("Rp0", "")


def test_a_partitioned_result_lists_every_deduction_and_employer_column() -> None:
    """The list of a result computed OPD by OPD (tukin.distributed, which keeps its rules but
    no run) equals the single-process list: each deduction, the employer share and their
    headers. It read the rules from the run and listed only gross, total deductions and net
    (found by review 71's metamorphic tests)."""
    from tukin.distributed import calculate_partitioned

    rules = build_ruleset(ts.SPLIT_RULES, {})
    parted = calculate_partitioned(data(), rules, "2025-02", npartitions=2)
    assert parted._run is None  # the case: no run, only the rules
    pd.testing.assert_frame_equal(payroll_list(parted, data()), payroll_list(result(), data()))
    assert {"bpjs_1", "bpjs_4"} <= set(payroll_list(parted).columns)
