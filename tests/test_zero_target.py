"""An indicator whose target is 0: declared behaviour (``RollupPolicy.zero_target``).

PermenPANRB 8/2021's capaian (r / t, or 1 + (1 − r / t) when less is better) has no value at
t = 0, and neither the regulation's Lampiran nor an e-Pantau manual found says what it is.
Without a rule such an indicator was left out silently: an OPD with five work accidents
against "zero accidents" scored as one with none. Declared now: ``lower_scored`` (default) scores a
lower-is-better one 100 % at 0 and 0 % above 0 and leaves a higher-is-better one out (nothing
was planned); ``skip`` leaves every one out. Either way the report counts those left out.
"""

from __future__ import annotations

from fractions import Fraction

import pandas as pd
import pytest

import tests.strategies as tst
from tukin import Dataset, calculate
from tukin.monitoring import monitoring_report
from tukin.monitoring.rollup import RollupPolicy

NIP = "198001012005010004"  # Dedi, kasi2: S12 with i3 (lower is better)


def tables(target: float, value: float | None, polarity: str = "lower", tmax: float | None = None):
    """The mini regency with S12's i3 given ``polarity``, a Q1 target and a realisation."""
    t = tst.mini_regency_tables(budget=False)
    ind = t["indicators"].copy()
    ind.loc[ind["indicator_id"] == "i3", "polarity"] = polarity
    t["indicators"] = ind
    tg = t["targets"].copy().astype({"target": float, "target_max": object})
    tg.loc[tg["indicator_id"] == "i3", ["target", "target_max"]] = [target, tmax]
    t["targets"] = tg
    re = t["realisations"]
    re = re[re["indicator_id"] != "i3"]
    if value is not None:
        row = {"indicator_id": "i3", "period": "2025-Q1", "value": value, "status": "signed"}
        re = pd.concat([re, pd.DataFrame([row])], ignore_index=True)
    t["realisations"] = re
    return t


def capaian(t, reference: bool = False, **policy: object) -> Fraction | None:
    """kasi2's rolled-up capaian (S12 has i3 alone): None when nothing is scored."""
    rs = tst.rollup_paying("c", **policy)
    out = calculate(Dataset.from_frames(**t), rs, "2025-Q1", reference=reference).to_frame()
    row = out.set_index("nip").loc[NIP]
    return None if pd.isna(row["bulat"]) else Fraction(int(row["bulat"]), 1000000)


def report_row(t, **policy: object) -> pd.Series:
    from tukin.monitoring.flags import MonitoringOptions

    opt = MonitoringOptions(rollup=RollupPolicy(**policy))
    report = monitoring_report(Dataset.from_frames(**t), "2025-Q1", "sub_kegiatan", opt, lang="en")
    return report.set_index("id").loc["S12"]


@pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
class TestLowerIsBetter:
    def test_none_against_zero_is_met(self, reference: bool) -> None:
        """Zero accidents against a target of 0: 100 %."""
        assert capaian(tables(0, 0), reference) == 1

    def test_any_against_zero_is_missed(self, reference: bool) -> None:
        """One accident against a target of 0: 0 % (not a division error, not left out)."""
        assert capaian(tables(0, 1), reference) == 0

    def test_not_reported_scores_as_any_unreported(self, reference: bool) -> None:
        """No report: 0 under missing_realisation zero, as every indicator with a target."""
        assert capaian(tables(0, None), reference) == 0

    def test_the_cap_bounds_the_met(self, reference: bool) -> None:
        """A cap below 100 % caps the 100 % of a target met at 0 too."""
        assert capaian(tables(0, 0), reference, cap="95%") == Fraction(19, 20)

    def test_skip_leaves_it_out(self, reference: bool) -> None:
        """zero_target: skip (before 0.4.0): left out, S12 has nothing else to score, and
        kasi2 takes her superior's score (kabid's K1: (0.9 + 3 · 1.2) / 4), not S12's 0."""
        assert capaian(tables(0, 1), reference, zero_target="skip") == Fraction(9, 8)


class TestHigherIsBetter:
    def test_a_zero_target_is_left_out_and_counted(self) -> None:
        """No planned output (target 0) for a higher-is-better indicator: nothing to measure;
        left out of the score and counted as such, with a flag text in both languages."""
        row = report_row(tables(0, 5, polarity="higher"))
        assert pd.isna(row["achievement_pct"])
        assert (row["indicators_zero_target"], row["indicators_without_target"]) == (1, 0)
        assert "target of 0 left out" in row["flags"]

    def test_the_lower_ones_are_counted_only_when_skipped(self) -> None:
        """A scored lower-is-better target of 0 is no 'left out' indicator; skipped, it is."""
        assert report_row(tables(0, 0))["indicators_zero_target"] == 0
        assert report_row(tables(0, 0))["achievement_pct"] == 100
        assert report_row(tables(0, 0), zero_target="skip")["indicators_zero_target"] == 1


class TestRangesFromZero:
    def test_a_range_from_zero_is_a_target(self) -> None:
        """'At most 5' as the range 0–5: lower is better, 4 is inside (100 %), 8 scores
        1 + (1 − 8/5) = 40 %; it was left out as a target of 0 before."""
        assert capaian(tables(0, 4, tmax=5)) == 1
        assert capaian(tables(0, 8, tmax=5)) == Fraction(2, 5)


def test_the_policy_names_its_choices() -> None:
    """A wrong value is refused with the two choices named."""
    from pydantic import ValidationError

    with pytest.raises(ValidationError, match="'lower_scored' or 'skip'"):
        RollupPolicy.model_validate({"zero_target": "score"})


def test_the_explanation_says_how_a_zero_target_scored() -> None:
    """The indicator line says the target was 0 and met at 0, in both languages."""
    rs = tst.rollup_paying("c")
    result = calculate(Dataset.from_frames(**tables(0, 0)), rs, "2025-Q1")
    en = result.explain(NIP, lang="en").step("c").notes["rollup_indicators"]["i3 Keluhan"]
    id_ = result.explain(NIP, lang="id").step("c").notes["rollup_indicators"]["i3 Keluhan"]
    assert en == "0 (2025-Q1) / 0 (2025-Q1) (lower, target 0: met at 0) → 100.00%, w 1"
    assert "target 0: tercapai bila 0" in id_


def test_a_lower_is_better_target_of_0_is_a_report_due() -> None:
    """'Zero accidents' per month: a month not reported inside the quarter is named, as for a
    target above 0; a higher-is-better target of 0 plans nothing and is due nowhere."""
    from tukin.monitoring.figures import indicator_figures, unreported_periods

    ind = pd.DataFrame(
        {
            "indicator_id": ["low", "high"],
            "work_item_id": "S1",
            "name": ["kecelakaan", "pelatihan"],
            "polarity": ["lower", "higher"],
            "weight": 1.0,
        }
    )
    months = ["2025-04", "2025-05", "2025-06"]
    tg = pd.DataFrame(
        {"indicator_id": ["low"] * 3 + ["high"] * 3, "period": months * 2, "target": 0.0}
    )
    re = pd.DataFrame(
        {"indicator_id": ["low", "low", "high", "high"], "period": months[::2] * 2, "value": 0.0}
    )
    fig = indicator_figures(ind, tg, re, "2025-Q2")
    assert unreported_periods(fig, tg, re, "2025-Q2").tolist() == [True, False]
