"""Tests for tukin.rules.allowance: share, sum, status_factor and pro_rata."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction as F
from typing import Any

import pytest

from tests import strategies as tst
from tukin.errors import CalculationError, MoneyError
from tukin.rules.allowance import StatusFactorParams

BACKENDS = pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])


class TestShare:
    """base × share × factors, in rupiah and unrounded."""

    @BACKENDS
    def test_share_with_factors(self, reference: bool) -> None:
        """9,298,296 × 60 % × 0.95 = 5,300,028.72 (unrounded rupiah)."""
        data = {"base": [9_298_296, 1_000_001], "f": [0.95, 1.0], "g": [1.0, 0.8]}
        steps = [
            {"id": "k", "type": "share", "base": "base", "share": "60%", "factors": ["f", "g"]}
        ]
        out = tst.run_steps(data, steps, reference=reference, money=["base"])
        # 1,000,001 × 0.6 × 0.8 = 480,000.48
        assert out.values("k") == [F(530002872, 100), F(48000048, 100)]
        assert out.run.fast.values["k"].unit == "rupiah"

    def test_base_must_be_rupiah(self) -> None:
        """A share of a ratio column is refused, naming the column."""
        with pytest.raises(CalculationError, match="besaran dasar 'x' bukan kolom rupiah") as err:
            tst.run_steps({"x": [1.0]}, [{"id": "k", "type": "share", "base": "x", "share": "1%"}])
        assert "base 'x' is not a rupiah column" in err.value.message("en")

    def test_money_factor_is_refused(self) -> None:
        """rupiah × rupiah is a money error."""
        with pytest.raises(MoneyError):
            tst.run_steps(
                {"a": [1], "b": [2]},
                [{"id": "k", "type": "share", "base": "a", "share": 1, "factors": ["b"]}],
                money=["a", "b"],
            )


class TestSum:
    """Adding columns of one unit."""

    @BACKENDS
    def test_sum_of_parts(self, reference: bool) -> None:
        """Parts in rupiah add up exactly."""
        data = {"a": [1, 2], "b": [3, 4], "c": [5, 6]}
        out = tst.run_steps(
            data,
            [{"id": "s", "type": "sum", "inputs": ["a", "b", "c"]}],
            reference=reference,
            money=["a", "b", "c"],
        )
        assert out.values("s") == [9, 12]

    def test_rupiah_plus_ratio_is_refused(self) -> None:
        """rupiah + ratio is a money error."""
        with pytest.raises(MoneyError):
            tst.run_steps(
                {"a": [1], "r": [0.5]},
                [{"id": "s", "type": "sum", "inputs": ["a", "r"]}],
                money=["a"],
            )


class TestStatusFactor:
    """Factor by employment status."""

    @BACKENDS
    def test_factors_and_rejection(self, reference: bool) -> None:
        """PNS 100 %, CPNS 80 %; an unknown status is rejected with the known ones listed."""
        data = {"status": ["pns", "CPNS ", "pppk", "honorer"]}
        steps = [
            {
                "id": "f",
                "type": "status_factor",
                "factors": {"pns": 1, "cpns": "80%", "pppk": "75%"},
            }
        ]
        out = tst.run_steps(data, steps, reference=reference)
        assert out.values("f")[:3] == [1, F(4, 5), F(3, 4)]
        assert out.rejected == {3: "unknown_status"}
        assert out.reasons[3] == "no factor for this status (known: pns, cpns, pppk)"

    @BACKENDS
    def test_default(self, reference: bool) -> None:
        """A default factor applies to statuses not in the table; a blank cell is not one of
        them (it follows ``missing``, reject unless told), as in ``lookup``."""
        steps = [{"id": "f", "type": "status_factor", "factors": {"cpns": "80%"}, "default": 1}]
        out = tst.run_steps({"status": ["pns", "cpns", None]}, steps, reference=reference)
        assert out.values("f")[:2] == [1, F(4, 5)]
        assert out.rejected == {2: "unknown_status"}
        steps[0]["missing"] = "zero"
        out = tst.run_steps({"status": ["pns", "cpns", None]}, steps, reference=reference)
        assert out.values("f") == [1, F(4, 5), 0]
        assert out.rejected == {}

    @BACKENDS
    def test_missing_apart_from_a_typo(self, reference: bool) -> None:
        """An extra column filled only for those on leave (``keadaan``): ``missing: 1`` pays a
        blank cell (empty or only spaces) as active, while a typo (``tugas belajr``) is still
        rejected, each with its own reason (review 48)."""
        steps = [
            {
                "id": "k",
                "type": "status_factor",
                "status": "keadaan",
                "factors": {"aktif": 1},
                "not_eligible": ["tugas belajar"],
            }
        ]
        data = {"keadaan": ["aktif", None, "  ", "tugas belajr", "Tugas  Belajar"]}
        out = tst.run_steps(data, steps, reference=reference)
        assert out.rejected == {1: "unknown_status", 2: "unknown_status", 3: "unknown_status",
                                4: "not_eligible"}  # fmt: skip
        assert out.reasons[1].startswith("no factor for a blank keadaan (known: aktif;")
        assert out.reasons[3] == "no factor for this keadaan (known: aktif)"
        for missing, value in ((1, F(1)), ("80%", F(4, 5)), ("zero", F(0))):
            steps[0]["missing"] = missing
            out = tst.run_steps(data, steps, reference=reference)
            assert out.rejected == {3: "unknown_status", 4: "not_eligible"}
            assert out.values("k")[:3] == [1, value, value]
        steps[0]["default"] = 1  # a typo paid by the author's choice; blanks still by missing
        steps[0]["missing"] = "reject"
        out = tst.run_steps(data, steps, reference=reference)
        assert out.rejected == {1: "unknown_status", 2: "unknown_status", 4: "not_eligible"}
        assert out.values("k")[3] == 1

    @BACKENDS
    def test_not_eligible(self, reference: bool) -> None:
        """A regency that pays PPPK no TPP: listed as not_eligible (not Rp0, not a data
        error); a status still unknown is."""
        steps = [
            {
                "id": "f",
                "type": "status_factor",
                "factors": {"pns": 1, "cpns": "80%"},
                "not_eligible": ["PPPK"],
            }
        ]
        data = {"status": ["pns", "pppk", "cpns", "honorer"]}
        out = tst.run_steps(data, steps, reference=reference)
        assert out.rejected == {1: "not_eligible", 3: "unknown_status"}
        assert out.reasons[1] == "status PPPK: no allowance under this rule"
        with pytest.raises(ValueError, match="both in factors and in not_eligible"):
            StatusFactorParams(factors={"pppk": 1}, not_eligible=["PPPK"])


class TestProRata:
    """Part-period service in calendar days or working days."""

    @BACKENDS
    def test_calendar_days(self, reference: bool) -> None:
        """16 of 31 days; the input amount is scaled when given."""
        data = {"days_served": [16, 31], "days_in_period": [31, 31], "pay": [3_100_000, 500]}
        steps = [
            {"id": "r", "type": "pro_rata"},
            {"id": "p", "type": "pro_rata", "input": "pay"},
        ]
        out = tst.run_steps(data, steps, reference=reference, money=["pay"])
        assert out.values("r") == [F(16, 31), 1]
        assert out.values("p") == [1_600_000, 500]

    @BACKENDS
    def test_working_days(self, reference: bool) -> None:
        """October 2025 has 23 working days; from Thu 16th: 12; until Fri 10th: 8; none after."""
        data: dict[str, Any] = {
            "start_date": [None, "2025-10-16", None, "2025-11-03", "2025-09-01"],
            "end_date": [None, None, dt.date(2025, 10, 10), None, "2025-10-01"],
        }
        out = tst.run_steps(
            data, [{"id": "r", "type": "pro_rata", "basis": "working_days"}], reference=reference
        )
        assert out.values("r") == [1, F(12, 23), F(8, 23), 0, F(1, 23)]

    @BACKENDS
    def test_working_days_with_holidays(self, reference: bool) -> None:
        """A declared holiday (Monday the 20th) leaves both counts one day shorter."""
        data = {"start_date": [None, "2025-10-16"]}
        steps = [
            {"id": "r", "type": "pro_rata", "basis": "working_days", "holidays": ["2025-10-20"]}
        ]
        assert tst.run_steps(data, steps, reference=reference).values("r") == [1, F(11, 22)]

    def test_working_days_without_date_columns(self) -> None:
        """Without start/end columns everyone served the whole period."""
        out = tst.run_steps(
            {"x": [1, 2]}, [{"id": "r", "type": "pro_rata", "basis": "working_days"}]
        )
        assert out.values("r") == [1, 1]

    def test_period_without_working_days(self) -> None:
        """A period with no working day is an error, not a division by zero."""
        step = [
            {
                "id": "r",
                "type": "pro_rata",
                "basis": "working_days",
                "weekend": [0, 1, 2, 3, 4, 5, 6],
            }
        ]
        with pytest.raises(CalculationError, match="2025-10 tidak memiliki hari kerja") as err:
            tst.run_steps({"x": [1]}, step)
        assert "2025-10 has no working day" in err.value.message("en")
