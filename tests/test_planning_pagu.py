"""Planning against the budget: each OPD's own pagu, what ceilings cut, arguments refused."""

from __future__ import annotations

import warnings
from decimal import Decimal
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import pytest

from tests import strategies as ts
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import ArgumentError, ArgumentTypeError, CalculationError, InputWarning
from tukin.planning import Projection, max_multiplier, project_year, scale_parameter
from tukin.ruleset.load import build_ruleset
from tukin.ruleset.model import RuleSet

#: OPD A's and B's monthly TPP ceilings: A binds every month, B never
CEILINGS = {"A": 7_000_000, "B": 9_000_000}


@cache
def data() -> Dataset:
    """The tiny regency (January to March 2025) and an OPD C that has nobody yet."""
    tables = ts.tiny_regency_tables()
    tables["units"] = pd.DataFrame(
        {"unit_id": ["A", "B", "C"], "name": ["Dinas A", "Badan B", "Kantor C"]}
    )
    return Dataset.from_frames(mode="strict", **tables)


@cache
def rules() -> RuleSet:
    return build_ruleset(ts.SPLIT_RULES, {})


@cache
def capped(ceilings: tuple[tuple[str, int], ...] = tuple(CEILINGS.items())) -> RuleSet:
    """The same allowance, capped per OPD after the round step."""
    spec: dict[str, Any] = {**ts.SPLIT_RULES}
    steps = list(spec["steps"])
    at = next(i for i, s in enumerate(steps) if s["id"] == "tpp") + 1
    steps.insert(
        at,
        {"id": "dalam_pagu", "type": "ceiling", "input": "tpp", "group_by": "opd_id",
         "amount": dict(ceilings)},
    )  # fmt: skip
    steps[at + 1 :] = [{**s, "input": "dalam_pagu"} for s in steps[at + 1 :]]
    spec["steps"] = steps
    spec["outputs"] = {**spec["outputs"], "allowance": "dalam_pagu"}
    return build_ruleset(spec, {})


@cache
def year() -> Projection:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        return project_year(data(), rules(), 2025)


def cost(opd: str) -> int:
    return int(year().by_opd.set_index("opd_id").loc[opd, "cost"])


class TestPaguPerOPD:
    def test_each_opd_is_checked_against_its_own_pagu(self) -> None:
        """A over its DPA line by one rupiah does not fit, although the total fits the
        regency's pagu: money is not moved between OPDs by a projection."""
        table = {"A": cost("A") - 1, "B": cost("B") + 10, "C": 5_000_000}
        p = project_year(data(), rules(), 2025, pagu=10**12, pagu_opd=table)
        by = p.by_opd.set_index("opd_id")
        assert by["pagu"].to_dict() == table
        assert by["headroom"].to_dict() == {"A": -1, "B": 10, "C": 5_000_000}
        assert p.over_pagu["opd_id"].tolist() == ["A"]
        assert p.headroom is not None and p.headroom > 0 and p.fits is False

    def test_an_opd_nobody_is_paid_in_keeps_its_pagu_as_headroom(self) -> None:
        """C has no employee: its row costs 0 and the whole pagu is headroom."""
        p = project_year(data(), rules(), 2025, pagu_opd={"C": 5_000_000})
        c = p.by_opd.set_index("opd_id").loc["C"]
        assert (c["cost"], c["pagu"], c["headroom"]) == (0, 5_000_000, 5_000_000)

    def test_the_per_opd_table_alone_decides_the_fit(self) -> None:
        """Without a regency pagu, the OPDs' own pagu say whether the year fits."""
        fits = project_year(data(), rules(), 2025, pagu_opd={"A": cost("A"), "B": cost("B")})
        assert fits.pagu is None and fits.fits is True and fits.over_pagu.empty

    def test_an_opd_with_a_cost_and_no_pagu_is_warned(self) -> None:
        """B is costed but absent from the table: not checked, and the projection says so."""
        with pytest.warns(InputWarning, match="B") as caught:
            p = project_year(data(), rules(), 2025, pagu_opd={"A": cost("A")})
        assert "pagu_opd_missing" in [getattr(w.message, "code", "") for w in caught]
        assert pd.isna(p.by_opd.set_index("opd_id").loc["B", "pagu"])
        assert [w.code for w in p.warnings] == ["pagu_opd_missing"]
        assert p.warnings[0].params == {"value": ["B"]}  # a list for a program (review 88)

    @pytest.mark.parametrize(
        "table",
        [
            pd.Series({"A": 1, "B": 2}),
            pd.DataFrame({"OPD": ["A", "B"], "Pagu TPP": np.array([1, 2], dtype=np.int64)}),
        ],
    )
    def test_a_series_or_a_two_column_frame_is_a_table(self, table: Any) -> None:
        """What Excel gives (a sheet of OPD and pagu) is read like a dict."""
        p = project_year(data(), rules(), 2025, pagu_opd=table)
        assert p.pagu_opd == {"A": 1, "B": 2}

    @pytest.mark.parametrize("blank", [None, float("nan"), pd.NA])
    @pytest.mark.parametrize("kind", [dict, pd.Series, pd.DataFrame])
    def test_an_opd_whose_pagu_is_blank_is_refused_by_name(self, blank: Any, kind: Any) -> None:
        """A blank pagu is no pagu: it was taken as "not checked" with fits True and no
        warning (None), or refused naming another OPD's amount as a float (a sheet's NaN
        makes the column float). Now the blank OPD is named, in both languages."""
        pairs = {"A": 10**9, "B": blank, "C": 10**9}
        table: Any = {
            dict: pairs,
            pd.Series: pd.Series(pairs),
            pd.DataFrame: pd.DataFrame({"OPD": list(pairs), "Pagu": list(pairs.values())}),
        }[kind]
        with pytest.raises(ArgumentError) as caught:
            project_year(data(), rules(), 2025, pagu_opd=table)
        assert caught.value.code == "pagu_opd_blank"
        assert "OPD 'B' (its cell is blank)" in caught.value.message("en")
        assert "OPD 'B' (selnya kosong)" in caught.value.message("id")

    @pytest.mark.parametrize(
        "empty",
        [{}, pd.Series(dtype="int64"), pd.DataFrame({"OPD": [None], "Pagu": [None]})],
    )
    def test_a_table_of_no_opd_is_refused(self, empty: Any) -> None:
        """No OPD and its pagu: the plan said every OPD fits (fits True, nothing compared),
        as an empty --pagu-opd file did before it was refused (review 37)."""
        with pytest.raises(ArgumentError) as caught:
            project_year(data(), rules(), 2025, pagu_opd=empty)
        assert caught.value.code == "pagu_opd_empty"
        assert "tidak memuat satu pun OPD" in caught.value.message("id")

    def test_a_blank_line_of_a_sheet_is_skipped_and_a_pagu_without_opd_refused(self) -> None:
        """A sheet's empty line is no entry; a pagu with no OPD is refused with its place."""
        sheet = pd.DataFrame({"OPD": ["A", None, None], "Pagu": [1, None, 5]})
        with pytest.raises(ArgumentError) as caught:
            project_year(data(), rules(), 2025, pagu_opd=sheet)
        assert caught.value.code == "pagu_opd_no_opd"
        assert "entri ke-3" in caught.value.message("id")
        assert project_year(data(), rules(), 2025, pagu_opd=sheet.iloc[:2]).pagu_opd == {"A": 1}

    def test_an_opd_the_data_does_not_have_is_refused_with_a_hint(self) -> None:
        """'a' for 'A' checks nobody's budget: refused before anything is computed."""
        with pytest.raises(ArgumentError) as caught:
            project_year(data(), rules(), 2025, pagu_opd={"a": 1})
        assert caught.value.code == "pagu_opd_unknown"
        assert "'A'" in caught.value.message("id") and "A, B, C" in caught.value.message("en")


class TestCeilingCut:
    def test_the_year_says_what_the_ceilings_took(self) -> None:
        """Month by month and per OPD: the capped allowance plus ceiling_cut is the
        allowance without the ceiling; each month equals its calculation."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            p = project_year(data(), capped(), 2025)
            first = calculate(data(), capped(), "2025-01").total
        free = year()
        assert (p.monthly["allowance"] + p.monthly["ceiling_cut"]).tolist() == free.monthly[
            "allowance"
        ].tolist()
        assert p.monthly["allowance"].iloc[0] == first
        by = p.by_opd.set_index("opd_id")
        assert by.loc["A", "allowance"] == 12 * CEILINGS["A"] and by.loc["A", "ceiling_cut"] > 0
        assert by.loc["B", "ceiling_cut"] == 0 and free.monthly["ceiling_cut"].eq(0).all()

    def test_a_month_agrees_with_its_calculation_when_a_net_is_negative(self) -> None:
        """B's budget spent (ceiling 0): its employees' BPJS on salary exceeds a TPP of 0 and
        the calculation rejects them (negative_net). The projection used to pay them, count
        their employer BPJS and call them costed; now the month is the calculation's."""
        spent = capped((("A", 7_000_000), ("B", 0)))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            p = project_year(data(), spent, 2025, cost="allowance_and_employer")
            r = calculate(data(), spent, "2025-01")
        f = r.to_frame()
        jan = p.monthly.iloc[0]
        assert set(r.rejected["code"]) == {"negative_net"} and len(r.rejected) == 3
        assert jan["employees_paid"] == len(f) == 3 and jan["employees_left_out"] == 3
        assert (jan["allowance"], jan["net"], jan["employer"]) == (
            r.total,
            f["net"].sum(),
            f["bpjs_4"].sum(),
        )
        assert p.left_out["code"].eq("negative_net").sum() == 36

    def test_a_multiplier_the_ceiling_makes_fit_is_warned(self) -> None:
        """With a ceiling cutting every month any base "fits": the search says why."""
        with pytest.warns(InputWarning) as caught:
            m = max_multiplier(data(), capped(), 2025, 10**12, upper=2, precision="0.5")
        [said] = [
            w.message
            for w in caught
            if getattr(w.message, "code", "") == "multiplier_under_ceiling"
        ]
        assert m.at_upper_bound and "dalam_pagu" in str(said)
        # the steps a list, the cut whole rupiah (review 88), the words as before
        assert said.params["steps"] == ["dalam_pagu"] and said.fields["steps"] == "'dalam_pagu'"
        assert isinstance(said.params["amount"], int) and said.params["amount"] > 0
        assert "tanpa langkah tersebut" in said.message("id")


class TestArguments:
    @pytest.mark.parametrize(
        ("pagu", "error", "code"),
        [
            (-1, ArgumentError, "pagu_negative"),
            (2.5e9, ArgumentTypeError, "pagu_not_rupiah"),
            ("2.760.000.000", ArgumentTypeError, "pagu_not_rupiah"),
            (Decimal("1.5"), ArgumentTypeError, "pagu_not_rupiah"),
            (True, ArgumentTypeError, "pagu_not_rupiah"),
            (Decimal("NaN"), ArgumentTypeError, "pagu_not_rupiah"),
            (Decimal("Infinity"), ArgumentTypeError, "pagu_not_rupiah"),
            # beyond the exact whole numbers: pagu_opd met int64 as a raw OverflowError, and
            # 1e999999999 was made an int of a billion digits (the run never ended)
            (10**23, ArgumentError, "argument_range"),
            (2**53, ArgumentError, "argument_range"),
            (Decimal("1e999999999"), ArgumentError, "argument_range"),
        ],
    )
    def test_a_pagu_that_is_no_whole_rupiah_is_refused(
        self, pagu: Any, error: type[Exception], code: str
    ) -> None:
        """A negative, float, text or fractional pagu is an error naming it, never a fit
        computed against it (a pagu of -5 used to say "does not fit")."""
        for call in (
            lambda: project_year(data(), rules(), 2025, pagu=pagu),
            lambda: project_year(data(), rules(), 2025, pagu_opd={"A": pagu}),
            lambda: max_multiplier(data(), rules(), 2025, pagu),
        ):
            with pytest.raises(error) as caught:
                call()
            assert caught.value.code == code  # type: ignore[attr-defined]
            assert "pagu" in caught.value.message("id")  # type: ignore[attr-defined]

    def test_whole_numbers_of_other_types_are_amounts(self) -> None:
        """numpy's and Decimal's whole numbers are taken as the int they are."""
        a = project_year(data(), rules(), 2025, pagu=np.int64(10**9)).fits
        assert a is project_year(data(), rules(), 2025, pagu=Decimal(10**9)).fits is True

    def test_a_negative_pagu_is_written_in_each_languages_way(self) -> None:
        """-5,000,000 in English, -5.000.000 in Indonesian."""
        with pytest.raises(ArgumentError) as caught:
            project_year(data(), rules(), 2025, pagu=-5_000_000)
        assert caught.value.message("en").endswith("cannot be negative, not -5,000,000")
        assert caught.value.message("id").endswith("tidak boleh negatif, bukan -5.000.000")

    def test_a_whole_number_is_taken_wherever_one_is(self) -> None:
        """A Decimal year, a numpy precision, upper bound and multiplier are the numbers they
        hold, as a Decimal or numpy pagu is (they were refused, precision as "must be a number
        above 0, not 2")."""
        p = project_year(data(), rules(), Decimal(2025), pagu=10**9)
        assert p.year == 2025
        m = max_multiplier(data(), rules(), 2025, 10**9, precision=np.int64(1), upper=np.int64(2))
        assert m.precision == 1
        assert scale_parameter(rules(), "base_tpp", np.int64(2)) is not None

    @pytest.mark.parametrize(
        "given", [np.array([2025, 2026]), pd.Series([2025]), np.array([2025])], ids=str
    )
    def test_an_array_is_no_number(self, given: Any) -> None:
        """A Series or array was unwrapped with .item(): one of size 1 taken silently, a
        longer one a raw ValueError (review 38); a numpy scalar is still a number."""
        with pytest.raises(ArgumentTypeError):
            project_year(data(), rules(), given, pagu=10**9)
        with pytest.raises(ArgumentTypeError):
            project_year(data(), rules(), 2025, pagu=given)

    @pytest.mark.parametrize("given", [0.5, "abc", Decimal("NaN")])
    def test_a_number_that_is_not_exact_is_refused_in_both_languages(self, given: Any) -> None:
        """A float (or no number) as a multiplier, a precision or an upper bound: an
        ArgumentTypeError naming it, in Indonesian too (scale_parameter raised pydantic's
        English error)."""
        for call in (
            lambda: scale_parameter(rules(), "base_tpp", given),
            lambda: max_multiplier(data(), rules(), 2025, 10**9, precision=given),
            lambda: max_multiplier(data(), rules(), 2025, 10**9, upper=given),
        ):
            with pytest.raises(ArgumentTypeError) as caught:
                call()
            assert caught.value.code == "argument_not_exact"
            assert "harus bilangan eksak" in caught.value.message("id")

    @pytest.mark.parametrize(
        ("given", "error", "code"),
        [("2025", ArgumentTypeError, "argument_not_whole"), (0, ArgumentError, "argument_range")],
    )
    def test_a_year_that_is_none_is_refused(
        self, given: Any, error: type[Exception], code: str
    ) -> None:
        """Not a period text ('month 1 of 0' is not a period) but the argument named."""
        with pytest.raises(error) as caught:
            project_year(data(), rules(), given)
        assert caught.value.code == code  # type: ignore[attr-defined]
        assert "year" in str(caught.value)

    def test_a_month_outside_the_rule_set_is_refused_as_calculate_refuses_it(self) -> None:
        """outside_validity names the rule set (not a step) and its dates."""
        late = build_ruleset({**ts.SPLIT_RULES, "valid_from": "2025-01-01"}, {})
        with pytest.raises(CalculationError) as caught:
            project_year(data(), late, 2024)
        assert caught.value.code == "outside_validity"
        assert "2025-01-01" in caught.value.message("id")


@pytest.mark.parametrize(("lang", "none"), [("id", "tidak ada"), ("en", "none")])
def test_the_workbook_says_no_opd_is_over_its_pagu_in_a_word(
    tmp_path: Any, lang: Any, none: str
) -> None:
    """With pagu_opd and no OPD over its pagu the summary said "-", which the workbook's
    formula guard wrote as the visible text "'-"."""
    import openpyxl

    from tukin.io.export import write_projection

    p = project_year(data(), rules(), 2025, pagu_opd={"A": 10**12})
    ws = openpyxl.load_workbook(write_projection(p, tmp_path / "plan.xlsx", lang=lang)).active
    values = {row[0].value: row[1].value for row in ws.iter_rows()}
    assert values["OPD melebihi pagunya" if lang == "id" else "OPDs over their pagu"] == none
    assert not [v for v in values.values() if isinstance(v, str) and v.startswith("'")]
