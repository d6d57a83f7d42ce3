"""Tests for tukin.rules.discipline: attendance deduction tables (DOMAIN.md §3–4)."""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import strategies as tst
from tukin.errors import CalculationError
from tukin.money import percent_text
from tukin.rules.discipline import DeductionTableParams

BACKENDS = pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])

# Permentan 68/2012: TL/PSW 1–4 at 0.5 / 1 / 1.5 / 2 %, TK 4 % a day; no cap stated.
PERMENTAN = {
    "rates": {
        "tl1": "0.5%",
        "tl2": "1%",
        "tl3": "1.5%",
        "tl4": "2%",
        "psw1": "0.5%",
        "psw2": "1%",
        "psw3": "1.5%",
        "psw4": "2%",
        "tk": "4%",
    }
}
# Another ministry: 0.5 / 1 / 1.25 / 1.5 %, TK 5 % a day, at most 100 % a month.
MINISTRY = {
    "rates": {"tl1": "0.5%", "tl2": "1%", "tl3": "1.25%", "tl4": "1.5%", "tk": "5%"},
    "total_cap": "100%",
}
# Province (Jambi): absence% and ceremony% (2 % per apel, 28 or more → 100 %).
JAMBI_ABSENCE = {
    "rates": {
        "sakit": "3%",
        "izin": "3%",
        "tk": "3%",
        "tl1": "0.5%",
        "tl2": "1%",
        "tl3": "1.25%",
        "tl4": "1.5%",
        "psw1": "0.5%",
        "psw2": "1%",
        "psw3": "1.25%",
        "psw4": "1.55%",
    },
    "total_cap": "100%",
}
JAMBI_CEREMONY = {
    "rates": {"apel": "2%"},
    "thresholds": [{"code": "apel", "at_least": 28, "total": "100%"}],
    "total_cap": "100%",
}
CODES = [
    "tl1",
    "tl2",
    "tl3",
    "tl4",
    "psw1",
    "psw2",
    "psw3",
    "psw4",
    "tk",
    "sakit",
    "izin",
    "cuti",
    "apel",
]


def counts(*rows: dict[str, int]) -> dict[str, list[int]]:
    """Attendance columns for every code, zero where a row does not say."""
    return {c: [r.get(c, 0) for r in rows] for c in CODES}


def table_step(params: dict[str, Any], **more: Any) -> list[dict[str, Any]]:
    return [{"id": "d", "type": "deduction_table", **params, **more}]


class TestDeductionTable:
    """Σ rate × count, with limits, free occurrences, thresholds and a cap."""

    @BACKENDS
    def test_permentan_68_2012(self, reference: bool) -> None:
        """2×TL1 + TL3 + PSW4 + 2×TK = 1 + 1.5 + 2 + 8 = 12.5 %."""
        data = counts({"tl1": 2, "tl3": 1, "psw4": 1, "tk": 2}, {}, {"tk": 30})
        out = tst.run_steps(data, table_step(PERMENTAN), reference=reference)
        assert out.values("d") == [F(125, 1000), 0, F(120, 100)]

    @BACKENDS
    def test_ministry_monthly_cap(self, reference: bool) -> None:
        """TL 0.5/1/1.25/1.5 % and TK 5 % a day, capped at 100 % a month."""
        data = counts({"tl2": 1, "tl3": 2, "tk": 3}, {"tk": 19, "tl4": 1}, {"tk": 25})
        out = tst.run_steps(data, table_step(MINISTRY), reference=reference)
        # 1 + 2.5 + 15 = 18.5 %; 95 + 1.5 = 96.5 %; 125 % capped to 100 %
        assert out.values("d") == [F(185, 1000), F(965, 1000), 1]

    @BACKENDS
    def test_jambi_absence_and_ceremony(self, reference: bool) -> None:
        """absence% at 3 % a day plus lateness; ceremony% 2 % an apel, 100 % from the 28th."""
        data = counts(
            {"sakit": 2, "izin": 1, "tl3": 1, "psw4": 2, "cuti": 5, "apel": 3},
            {"tk": 40},
            {"apel": 27},
            {"apel": 28},
        )
        absence = tst.run_steps(data, table_step(JAMBI_ABSENCE), reference=reference).values("d")
        ceremony = tst.run_steps(data, table_step(JAMBI_CEREMONY), reference=reference).values("d")
        # 6 + 3 + 1.25 + 3.1 = 13.35 % (cuti has no rate here); 120 % capped at 100 %
        assert absence == [F(1335, 10000), 1, 0, 0]
        assert ceremony == [F(6, 100), 0, F(54, 100), 1]

    @BACKENDS
    def test_free_and_max_count(self, reference: bool) -> None:
        """The first ``free`` occurrences cost nothing; at most ``max_count`` are counted."""
        params = {
            "rates": {"sakit": "2.5%", "tl1": "1%"},
            "free": {"sakit": 2},
            "max_count": {"tl1": 3},
        }
        data = counts({"sakit": 1, "tl1": 10}, {"sakit": 5})
        out = tst.run_steps(data, table_step(params), reference=reference)
        assert out.values("d") == [F(3, 100), F(75, 1000)]

    def test_missing_code_is_an_error_naming_columns(self) -> None:
        """A code with no column stops the run and lists the code columns the data has, as
        headers, in either language; the code stays calculation_failed."""
        data = {"tl1": [1], "tk": [0]}
        with pytest.raises(CalculationError) as caught:
            tst.run_steps(data, table_step({"rates": {"tl1": "1%", "tl_2": "2%"}}))
        assert caught.value.code == "calculation_failed"
        en, id_ = caught.value.message("en"), caught.value.message("id")
        assert "code(s) tl_2 that rule set" in en and "(its code columns: TL1, TK)" in en
        assert "kode kehadiran tl_2 yang dibaca" in id_ and "(kolom kode yang ada: TL1, TK)" in id_
        assert "missing_code" not in en + id_ and "days_served" not in en + id_

    @BACKENDS
    def test_missing_code_zero(self, reference: bool) -> None:
        """missing_code: zero reads an absent code as no occurrences."""
        data = {"tl1": [1]}
        out = tst.run_steps(
            data,
            table_step({"rates": {"tl1": "1%", "tl2": "2%"}}, missing_code="zero"),
            reference=reference,
        )
        assert out.values("d") == [F(1, 100)]

    @BACKENDS
    def test_negative_or_missing_count_rejects(self, reference: bool) -> None:
        """A negative or missing count rejects the employee with a reason."""
        data = {"tk": [-1.0, float("nan"), 2.0]}
        out = tst.run_steps(data, table_step({"rates": {"tk": "4%"}}), reference=reference)
        assert out.rejected == {0: "bad_count", 1: "bad_count"}
        assert out.fields == {0: {"codes": ["tk"]}, 1: {"codes": ["tk"]}}
        assert out.values("d")[2] == F(8, 100)

    @BACKENDS
    def test_a_negative_whole_count_rejects_on_the_integer_pass(self, reference: bool) -> None:
        """An int64 count column (no blank cell) takes the integer sum: -1 rejects there too."""
        data = {"tk": [-1, 0, 2]}
        out = tst.run_steps(data, table_step({"rates": {"tk": "4%"}}), reference=reference)
        assert out.rejected == {0: "bad_count"}
        assert out.values("d")[1:] == [0, F(8, 100)]

    @BACKENDS
    def test_counts_read_as_decimals_give_the_same_deduction(self, reference: bool) -> None:
        """A count column with a blank cell is read as decimals (2.0), which the integer sum
        does not take: the general sum applies the same free occurrences, limit, threshold
        and cap (the order of the module's docstring), and a blank count rejects."""
        params = {
            "rates": {"sakit": "2.5%", "tl1": "1%", "apel": "2%"},
            "free": {"sakit": 2},
            "max_count": {"tl1": 3},
            "thresholds": [{"code": "apel", "at_least": 28, "total": "80%"}],
            "total_cap": "90%",
        }
        nan = float("nan")
        data = {
            "sakit": [5.0, 1.0, 12.0, 20.0, nan],
            "tl1": [10.0, 0.0, 0.0, 0.0, 0.0],
            "apel": [0.0, 28.0, 30.0, 27.0, 0.0],
        }
        out = tst.run_steps(data, table_step(params), reference=reference)
        assert out.rejected == {4: "bad_count"}
        assert out.values("d")[:4] == [
            F(105, 1000),  # (5 − 2 free) × 2.5% + 10 counted at most 3 × 1% = 7.5% + 3%
            F(80, 100),  # 1 sakit is free; apel 28 × 2% = 56%, 28 ≥ 28: at least 80%
            F(85, 100),  # apel 30 × 2% + (12 − 2) × 2.5% = 60% + 25%, above the 80%
            F(90, 100),  # apel 27 × 2% + 18 × 2.5% = 54% + 45% = 99%, capped at 90%
        ]

    @pytest.mark.parametrize(
        ("params", "message"),
        [
            ({"rates": {"tk": "-1%"}}, "outside the allowed range, 0 to 100%"),
            ({"rates": {"tk": 4}}, "400%.*for 4% write '4%'"),
            ({"rates": {"tk": "1%"}, "total_cap": "101%"}, "outside the allowed range"),
            ({"rates": {"tk": "1%"}, "max_count": {"tl1": 2}}, "max_count names tl1"),
            ({"rates": {"tk": "1%"}, "free": {"tk": -1}}, "free must not be negative"),
            (
                {"rates": {"tk": "1%"}, "thresholds": [{"code": "tk", "at_least": 0, "total": 1}]},
                "greater than or equal to 1",
            ),
            ({"rates": {"tk": 0.04}}, "float"),
        ],
    )
    def test_parameter_checks(self, params: dict[str, Any], message: str) -> None:
        """Rates outside 0-100 %, unknown codes and float rates are refused."""
        with pytest.raises(ValueError, match=message):
            DeductionTableParams(**params)

    @settings(max_examples=50, deadline=None)
    @given(
        st.lists(
            st.fixed_dictionaries({c: st.integers(0, 40) for c in ("tl1", "tl4", "tk", "apel")}),
            min_size=1,
            max_size=5,
        ),
        st.sampled_from(["tl1", "tl4", "tk", "apel"]),
        st.integers(1, 10),
    )
    def test_monotone_and_capped(self, rows: list[dict[str, int]], code: str, more: int) -> None:
        """One more occurrence of any code never lowers the deduction, which never passes its cap."""
        params = {
            "rates": {"tl1": "0.5%", "tl4": "1.5%", "tk": "5%", "apel": "2%"},
            "thresholds": [{"code": "apel", "at_least": 28, "total": "100%"}],
            "free": {"tk": 1},
            "total_cap": "100%",
        }
        bumped = [{**r, code: r[code] + more} for r in rows]
        data = counts(*rows, *bumped)
        for reference in (False, True):
            vals = tst.run_steps(data, table_step(params), reference=reference).values("d")
            n = len(rows)
            assert all(0 <= v <= 1 for v in vals)
            assert all(vals[i] <= vals[n + i] for i in range(n))

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.fixed_dictionaries({c: st.integers(0, 10**6) for c in ("tl1", "tk", "apel")}),
            min_size=1,
            max_size=6,
        ),
        st.fixed_dictionaries(
            {
                c: st.sampled_from(["0", "0.5%", "1.25%", "1.55%", "5%", "0.001%", "33%"])
                for c in ("tl1", "tk", "apel")
            }
        ),
        st.booleans(),
        st.booleans(),
    )
    def test_integer_fast_pass_equals_the_exact_pass(
        self, rows: list[dict[str, int]], rates: dict[str, str], limits: bool, cap: bool
    ) -> None:
        """The fast pass sums in int64 when it can: the same values as Fractions, whatever the
        rates' decimals, the free counts, limits, thresholds and cap."""
        params: dict[str, Any] = {"rates": rates}
        if limits:
            params |= {
                "free": {"tk": 2},
                "max_count": {"tl1": 7},
                "thresholds": [{"code": "apel", "at_least": 28, "total": "100%"}],
            }
        if cap:
            params["total_cap"] = "100%"
        data = counts(*rows)
        run = tst.run_steps(data, table_step(params), reference=False)
        fast = run.values("d")
        exact = tst.run_steps(data, table_step(params), reference=True).values("d")
        assert fast == exact
        # the working an explanation shows comes to the same value, row by row
        working = run.run.traces[0].notes["working"]
        assert [working.total(i) for i in range(len(rows))] == exact
        assert all(working[i].en.endswith(percent_text(exact[i])) for i in range(len(rows)))


class TestDeductionWorking:
    """The deduction written out for an explanation (review 41: the table's rates were
    shown, not the sum that applied them)."""

    def notes(self, params: dict[str, Any], *rows: dict[str, int]) -> list[Any]:
        run = tst.run_steps(counts(*rows), table_step(params)).run
        working = run.traces[0].notes["working"]
        return [working[i] for i in range(len(rows))]

    def test_each_term_the_free_the_threshold_and_the_cap(self) -> None:
        params = {
            "rates": {"tl1": "0.5%", "tk": "5%", "sakit": "3%", "apel": "2%"},
            "free": {"sakit": 2},
            "max_count": {"tl1": 3},
            "thresholds": [{"code": "apel", "at_least": 28, "total": "100%"}],
            "total_cap": "100%",
        }
        rows = ({"tl1": 5, "sakit": 3}, {"apel": 28}, {"tk": 25}, {})
        said = self.notes(params, *rows)
        # the free days are taken off the count before the rate applies: in brackets, or
        # "sakit 3 − 2 bebas × 3%" reads as 3 − 0.06 (review 48)
        assert said[0].en == "tl1 5 (at most 3) × 0.5% + (sakit 3 − 2 free) × 3% = 4.5%"
        assert said[0].id == "tl1 5 (paling banyak 3) × 0.5% + (sakit 3 − 2 bebas) × 3% = 4.5%"
        assert said[1].en == "apel 28 × 2% = 56%; apel 28 ≥ 28: at least 100%"
        assert said[1].id == "apel 28 × 2% = 56%; apel 28 ≥ 28: paling sedikit 100%"
        assert said[2].en == "tk 25 × 5% = 125%; capped at 100%"
        assert said[2].id == "tk 25 × 5% = 125%; dibatasi 100%"
        assert (said[3].en, said[3].id) == ("none: 0%", "tidak ada: 0%")

    def test_free_and_at_most_together_read_in_order(self) -> None:
        """Free days are taken off first, then the count is limited: ``(sakit 9 − 2 bebas,
        paling banyak 5) × 2.5%`` is 5 × 2.5% (review 48)."""
        params = {"rates": {"sakit": "2.5%"}, "free": {"sakit": 2}, "max_count": {"sakit": 5}}
        said = self.notes(params, {"sakit": 9}, {"sakit": 2})
        assert said[0].en == "(sakit 9 − 2 free, at most 5) × 2.5% = 12.5%"
        assert said[0].id == "(sakit 9 − 2 bebas, paling banyak 5) × 2.5% = 12.5%"
        assert said[1].id == "(sakit 2 − 2 bebas) × 2.5% = 0%"

    def test_a_rate_of_no_finite_decimal_is_written_out_too(self) -> None:
        """A rate of 1/3 takes the general path (no integer sum): the working is still
        written, exactly (review 43)."""
        params = {"rates": {"tl1": "1/3", "tk": "5%"}, "total_cap": "100%"}
        run = tst.run_steps(counts({"tl1": 2, "tk": 1}, {}), table_step(params)).run
        working = run.traces[0].notes["working"]
        assert working[0].en == "tl1 2 × 1/3 + tk 1 × 5% = 43/60"
        assert [working.total(i) for i in range(2)] == [F(43, 60), 0]

    def test_an_explanation_shows_it(self) -> None:
        """In an explanation of the packaged tpp-60-40, in the explanation's language."""
        import tukin
        from tukin.demo import generate

        ds = tukin.Dataset.from_frames(generate(40))
        result = tukin.calculate(ds, tukin.load_ruleset("tpp-60-40"), "2025-10")
        frame = result.to_frame()
        nip = frame.loc[frame["persen_absen"] > 0, "nip"].iloc[0]
        step = result.explain(nip, lang="id").step("persen_absen")
        assert step.notes["working"].endswith(percent_text(F(step.output)))
        assert " × " in step.notes["working"]
