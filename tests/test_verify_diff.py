"""Tests for tukin.diff_receipts: which receipt fields differ between two payment runs."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

import tukin
from tukin.result import Receipt
from tukin.verify import COMPARED, NOTED, Difference, verify_receipt

PERIOD = "2025-10"


@cache
def dataset() -> tukin.Dataset:
    return tukin.Dataset.from_frames(**tukin.demo.generate(40, seed=5))


@cache
def result(period: str = PERIOD) -> tukin.Result:
    return tukin.calculate(dataset(), tukin.load_ruleset("tpp-60-40"), period)


def receipt() -> Receipt:
    return result().receipt


class TestDiffReceipts:
    """diff_receipts(a, b): the fields that differ, a's value then b's."""

    def test_same_receipt_no_difference(self) -> None:
        """A receipt compared with itself (or its dict) differs nowhere."""
        assert tukin.diff_receipts(receipt(), receipt()) == []
        assert tukin.diff_receipts(receipt(), receipt().model_dump()) == []

    def test_fields_in_receipt_order_with_both_values(self) -> None:
        """Each differing field once, in the receipt's order, with the value in a and in b."""
        a = receipt()
        b = a.model_copy(
            update={"total_net": a.total_net + 1, "computed_at": "2030-01-01T00:00:00Z"}
        )
        assert tukin.diff_receipts(a, b) == [
            Difference("computed_at", a.computed_at, "2030-01-01T00:00:00Z"),
            Difference("total_net", a.total_net, a.total_net + 1),
        ]

    def test_fields_limit_the_comparison(self) -> None:
        """fields=COMPARED leaves out the time of the run, as a verification does."""
        a = receipt()
        b = a.model_copy(update={"computed_at": "later", "library_version": "9.9"})
        assert tukin.diff_receipts(a, b, fields=COMPARED) == []
        assert [d.field for d in tukin.diff_receipts(a, b, fields=NOTED)] == ["library_version"]

    def test_unknown_field_refused(self) -> None:
        """A field a receipt does not have is a ValueError naming it."""
        with tukin.language("en"), pytest.raises(ValueError, match="not receipt fields: total"):
            tukin.diff_receipts(receipt(), receipt(), fields=["total"])
        with pytest.raises(tukin.UnknownNameError) as err:  # a TukinError, also a KeyError
            tukin.diff_receipts(receipt(), receipt(), fields=["total"])
        assert err.value.code == "no_such_receipt_field" and isinstance(err.value, KeyError)
        assert "bukan butir kuitansi: total" in err.value.message("id")

    def test_two_result_files(self, tmp_path: Path) -> None:
        """Receipts are read from result files: two months differ in period and amounts."""
        september = tmp_path / "hasil-2025-09.json"
        october = tmp_path / "hasil-2025-10.xlsx"
        tukin.write_result(result("2025-09"), september)
        tukin.write_result(result(), october)
        fields = [d.field for d in tukin.diff_receipts(september, october, fields=COMPARED)]
        assert "period" in fields and "result_fingerprint" in fields
        assert "ruleset_fingerprint" not in fields and "dataset_fingerprint" not in fields

    def test_verify_reports_what_diff_receipts_finds(self) -> None:
        """verify_receipt's differences are diff_receipts' on the compared fields."""
        saved = receipt().model_copy(
            update={"total_allowance": 1, "employees_paid": 0, "library_version": "0.0.1"}
        )
        report = verify_receipt(saved, dataset(), tukin.load_ruleset("tpp-60-40"))
        now = report.now
        assert list(report.differences) == tukin.diff_receipts(saved, now, fields=COMPARED)
        assert [d.field for d in report.differences] == ["employees_paid", "total_allowance"]
        assert [d.field for d in report.notes] == ["library_version"]


class TestParsedResultDocument:
    """A service stores ``result.to_json()`` and verifies it later from its database: the
    parsed document is checked as the JSON file is (rows, totals, rules filed in it)."""

    RULES = """
name: perbup-uji
version: "1"
valid_from: 2022-01-01
parameters:
  base: {1: 1000000, 2: 1000000, 3: 1000000, 4: 1000000, 5: 1000000, 6: 1000000,
         7: 1000000, 8: 1000000, 9: 1000000, 10: 1000000, 11: 1000000, 12: 1000000,
         13: 1000000, 14: 1000000, 15: 1000000, 16: 1000000, 17: 1000000}
steps:
  - {id: dasar, type: lookup, key: grade, table: $base, unit: rupiah}
  - {id: tpp, type: round, input: dasar}
"""

    @pytest.mark.filterwarnings("ignore::tukin.InputWarning")
    @pytest.mark.parametrize("own_rules", [False, True])
    def test_verified_and_an_edited_amount_found(self, own_rules: bool) -> None:
        import json

        rules = tukin.load_ruleset(self.RULES if own_rules else "tpp-60-40")
        paid = tukin.calculate(dataset(), rules, PERIOD)
        doc = json.loads(paid.to_json())
        report = verify_receipt(doc, dataset())
        assert report.ok, report.describe("en")
        assert report.rules_source == ("<result> (rules)" if own_rules else None)
        nip = doc["employees"][0]["nip"]
        doc["employees"][0]["allowance"] += 1
        edited = verify_receipt(doc, dataset())
        assert not edited.ok
        assert [d.field for d in edited.employees] == [f"{nip}.allowance"]
        assert tukin.diff_receipts(doc, paid.receipt) == []
