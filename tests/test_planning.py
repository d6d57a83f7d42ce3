"""Annual planning: projecting a year and the largest base multiplier within the pagu."""

from __future__ import annotations

from fractions import Fraction
from functools import cache

import pandas as pd
import pytest

from tests import strategies as ts
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import CalculationError, InputWarning
from tukin.money import format_rupiah
from tukin.planning import Projection, max_multiplier, project_year, scale_parameter
from tukin.ruleset.load import build_ruleset
from tukin.ruleset.model import RuleSet


def data() -> Dataset:
    """The tiny regency: January to March 2025, Dinas A and Badan B, three employees each."""
    return ts.tiny_regency()


def rules() -> RuleSet:
    return ts.split_rules()


#: Fajar (grade 6, Rp3,000,000, tk 3 in March: 9 % absence) has no appraisal: March pays him
#: 3,000,000 × (60 % × 0.4 + 40 % × 0.91) = 1,812,000; assumed rated as expected, a month
#: without data pays 3,000,000 × (60 % × 1 + 40 % × 0.91) = 2,892,000
FAJAR_ASSUMED = 2_892_000 - 1_812_000


@cache
def projection() -> Projection:
    return project_year(data(), rules(), 2025, pagu=200_000_000)


class TestProjectYear:
    def test_known_months_are_computed_from_the_data(self) -> None:
        """January to March equal a direct calculation and are marked as data."""
        m = projection().monthly
        assert m["month"].tolist() == [f"2025-{i:02d}" for i in range(1, 13)]
        for i in range(3):
            assert m["allowance"].iloc[i] == calculate(data(), rules(), f"2025-{i + 1:02d}").total
        assert (m["source"].iloc[:3] == "data").all()

    def test_missing_months_repeat_the_latest_known_month(self) -> None:
        """April to December carry March, and say so in the dataset's language (the
        workbook's sheets in Indonesian); Fajar, who never had an appraisal, is assumed rated
        as expected (Rp1,080,000 more than March's 'no SKP' pay)."""
        m = projection().monthly
        assert (m["allowance"].iloc[3:] == m["allowance"].iloc[2] + FAJAR_ASSUMED).all()
        assert m["source"].iloc[5] == (
            "asumsi: Kehadiran dari 2025-03; Penilaian SKP dari 2025-03 (5), diasumsikan "
            "as_expected (1)"
        )
        english = Dataset.from_frames(mode="strict", lang="en", **ts.tiny_regency_tables())
        m = project_year(english, rules(), 2025, pagu=200_000_000).monthly
        assert m["source"].iloc[5] == (
            "assumed: attendance from 2025-03; appraisals from 2025-03 (5), assumed as_expected (1)"
        )

    def test_total_headroom_and_fit(self) -> None:
        """The total is the sum of the months; headroom is pagu minus total."""
        p = projection()
        assert p.total == p.monthly["cost"].sum() == p.monthly["allowance"].sum()
        assert p.headroom == 200_000_000 - p.total and p.fits is (p.total <= 200_000_000)
        assert p.by_opd["allowance"].sum() == p.total

    def test_employer_contributions_can_count_as_cost(self) -> None:
        """cost='allowance_and_employer' adds the employer's BPJS share."""
        p = project_year(data(), rules(), 2025, cost="allowance_and_employer")
        assert p.total == projection().total + int(p.monthly["employer"].sum())

    def test_a_later_year_repeats_the_last_month_of_the_data(self) -> None:
        """Projecting 2026 from 2025 data uses March 2025 for every month (Fajar assumed rated)."""
        p = project_year(data(), rules(), 2026)
        march = projection().monthly["allowance"].iloc[2]
        assert set(p.monthly["allowance"]) == {march + FAJAR_ASSUMED}

    def test_assumption_can_be_a_function(self) -> None:
        """A callable supplies rows of missing months (perfect attendance); other tables repeat."""

        def perfect(month: object) -> dict[str, pd.DataFrame]:
            return {"attendance": pd.DataFrame({"nip": ts.nips(6), "period": str(month), "tk": 0})}

        english = Dataset.from_frames(mode="strict", lang="en", **ts.tiny_regency_tables())
        p = project_year(english, rules(), 2025, assume=perfect)
        assert (
            p.monthly["source"].iloc[11]
            == "assumed: attendance assumed; appraisals from 2025-03 (5), assumed as_expected (1)"
        )
        assert p.monthly["allowance"].iloc[11] > projection().monthly["allowance"].iloc[11]


class TestScaleParameter:
    def test_scales_every_dated_value_without_touching_the_original(self) -> None:
        """A table is multiplied value by value; the original rule set is unchanged."""
        rs = scale_parameter(rules(), "base_tpp", "1.1")
        assert rs.parameters["base_tpp"].values[0].value == {
            5: 2_200_000,
            6: 3_300_000,
            9: 5_500_000,
        }
        assert rules().parameters["base_tpp"].values[0].value[5] == 2_000_000

    def test_rounding_makes_whole_rupiah(self) -> None:
        """With a rounding mode each scaled amount is whole rupiah."""
        rs = scale_parameter(rules(), "base_tpp", Fraction(1, 3), rounding="half_up")
        assert rs.parameters["base_tpp"].values[0].value[5] == 666_667

    def test_unknown_parameter(self) -> None:
        """Scaling a parameter the rule set lacks is an error naming it."""
        with pytest.raises(CalculationError, match="no_such"):
            scale_parameter(rules(), "no_such", 2)


class TestMaxMultiplier:
    def test_largest_multiplier_fits_and_the_next_does_not(self) -> None:
        """The answer fits the pagu and one grid step more does not."""
        pagu = projection().total * 9 // 10
        m = max_multiplier(data(), rules(), 2025, pagu, precision="0.02")
        assert m.total <= pagu and m.headroom >= 0
        over = project_year(
            data(), scale_parameter(rules(), "base_tpp", m.multiplier + m.precision), 2025
        )
        assert over.total > pagu
        assert (m.multiplier * 50).denominator == 1
        assert Fraction(85, 100) < m.multiplier < 1

    def test_stops_at_the_upper_bound(self) -> None:
        """A pagu that everything fits returns the upper bound, flagged."""
        m = max_multiplier(data(), rules(), 2025, 10**15, upper=1, precision=1)
        assert (m.multiplier, m.at_upper_bound, m.evaluations) == (1, True, 1)

    def test_a_pagu_that_affords_no_step_finds_zero_and_says_so(self) -> None:
        """× 0 is a legitimate answer (it fits), but one that pays nothing from the
        parameter: it came with no word (review 37). The warning names the precision and
        the cost of one step."""
        one_step = project_year(data(), scale_parameter(rules(), "base_tpp", "0.5"), 2025).total
        with pytest.warns(InputWarning) as caught:
            m = max_multiplier(data(), rules(), 2025, one_step - 1, precision="0.5", upper=1)
        assert m.multiplier == 0 and m.total <= one_step - 1
        said = [w.message for w in caught if getattr(w.message, "code", "") == "multiplier_zero"]
        assert len(said) == 1
        assert "at the precision 0.5: × 0.5 costs" in said[0].message("en")
        assert format_rupiah(one_step, lang="id") in said[0].message("id")

    def test_nothing_fits(self) -> None:
        """When even zero base costs more than the pagu, the error says so. (Without the
        BPJS deduction: on salary it exceeds an allowance of Rp1, and an employee whose net
        is negative is rejected, not costed, as a calculation rejects him.)"""
        fixed = build_ruleset(
            {
                **ts.SPLIT_RULES,
                "parameters": {**ts.SPLIT_RULES["parameters"], "extra": {"value": 1}},
                "outputs": {"allowance": "tpp"},
            },
            {},
        )
        rs = fixed.with_parameters(base_tpp={5: 1, 6: 1, 9: 1})
        with pytest.raises(CalculationError):
            max_multiplier(data(), rs, 2025, 0, parameter="extra", precision=1, upper=1)
