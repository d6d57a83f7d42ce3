"""Which target applies to an indicator in a quarter's, caturwulan's or year's figures.

Targets set per month make the longer periods' targets too (with the ``latest`` rule): an
indicator with monthly targets that never reported scores 0 in Q2 as it does in June, instead
of being left out as one "without a target" (not reporting is not performing).
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from tukin.monitoring.figures import indicator_figures

INDICATORS = pd.DataFrame(
    {
        "indicator_id": ["i1", "i2", "i3", "i4"],
        "work_item_id": "S1",
        "name": ["reported", "silent", "quarterly", "none"],
        "polarity": "higher",
        "weight": 1.0,
    }
)


def targets(*rows: tuple[str, str, float]) -> pd.DataFrame:
    return pd.DataFrame(
        [(i, p, t, None) for i, p, t in rows],
        columns=["indicator_id", "period", "target", "target_max"],
    )


MONTHLY = [(i, f"2025-{m:02d}", 10.0 * m) for i in ("i1", "i2") for m in range(1, 13)]
TARGETS = targets(*MONTHLY, ("i3", "2025-Q1", 5.0), ("i3", "2025-Q2", 6.0))
REALISATIONS = pd.DataFrame(
    {
        "indicator_id": ["i1"] * 6 + ["i3"],
        "period": [f"2025-{m:02d}" for m in range(1, 7)] + ["2025-Q1"],
        "value": [9.0, 18, 27, 36, 45, 54, 4],
    }
)


def figures(period: str, rule: str = "latest") -> pd.DataFrame:
    out = indicator_figures(INDICATORS, TARGETS, REALISATIONS, period, periods=rule)  # type: ignore[arg-type]
    return out.set_index("indicator_id")


class TestTargetInsideThePeriod:
    def test_silent_indicator_has_the_quarters_target(self) -> None:
        """The reviewer's case: in Q2 the silent indicator has June's target, as the reporting
        one (whose June realisation counts) does; it is not 'without a target'."""
        q2 = figures("2025-Q2")
        assert q2.loc["i1", ["value", "target"]].tolist() == [54.0, 60.0]
        assert q2.loc["i1", "target_period"] == "2025-06"
        assert np.isnan(q2.loc["i2", "value"])
        assert q2.loc["i2", "target"] == 60.0 and q2.loc["i2", "target_period"] == "2025-06"
        assert np.isnan(q2.loc["i4", "target"])  # no target anywhere: still without one

    def test_year_and_caturwulan_take_the_latest_inside(self) -> None:
        """A year's silent indicator: December's target; a caturwulan's: its last month's; a
        quarterly indicator's realisation in Q1 keeps Q1's own target."""
        assert figures("2025").loc["i2", "target_period"] == "2025-12"
        assert figures("2025-C2").loc["i2", "target_period"] == "2025-08"
        year = figures("2025")
        assert year.loc["i3", ["value_period", "target_period"]].tolist() == ["2025-Q1", "2025-Q1"]

    def test_a_realisation_of_a_quarter_takes_its_last_month_target(self) -> None:
        """A quarterly realisation against monthly targets: the target of its last month."""
        real = pd.DataFrame({"indicator_id": ["i2"], "period": ["2025-Q1"], "value": [25.0]})
        out = indicator_figures(INDICATORS, TARGETS, real, "2025-Q2").set_index("indicator_id")
        assert out.loc["i2", ["value_period", "target", "target_period"]].tolist() == [
            "2025-Q1",
            30.0,
            "2025-03",
        ]

    def test_enclosing_and_exact_take_no_target_from_inside(self) -> None:
        """They never count a realisation inside P: reporting and silent indicators alike."""
        for rule in ("enclosing", "exact"):
            q2 = figures("2025-Q2", rule)
            assert q2.loc[["i1", "i2"], "target"].isna().all()
            assert q2.loc["i3", "target"] == 6.0

    def test_an_enclosing_target_still_comes_first(self) -> None:
        """A yearly target applies to a quarter before the months inside it (as before)."""
        both = targets(*MONTHLY, ("i2", "2025", 100.0))
        out = indicator_figures(INDICATORS, both, REALISATIONS, "2025-Q2").set_index("indicator_id")
        assert out.loc["i2", ["target", "target_period"]].tolist() == [100.0, "2025"]

    @given(st.integers(1, 12), st.sampled_from(["latest", "enclosing", "exact"]))
    @settings(max_examples=36, deadline=None)
    def test_months_keep_their_own_targets(self, month: int, rule: str) -> None:
        """A month has no period inside it: its target is its own or an enclosing one."""
        out = figures(f"2025-{month:02d}", rule)
        silent = out.loc["i2"]
        assert silent["target"] == 10.0 * month
        assert silent["target_period"] == f"2025-{month:02d}"


def test_a_months_figures_never_take_a_target_from_inside_a_recap() -> None:
    """An indicator with monthly targets reporting a quarterly recap: in April the Q1 recap
    counts (``latest``) and, as before, has no target of its own or around it, so it stays
    out; only a period longer than a month takes a target from inside (a monthly payment
    reads months and must not change)."""
    recap_only = pd.DataFrame({"indicator_id": ["i1"], "period": ["2025-Q1"], "value": [15.0]})
    april = indicator_figures(INDICATORS, TARGETS, recap_only, "2025-04", periods="latest")  # type: ignore[arg-type]
    row = april.set_index("indicator_id").loc["i1"]
    assert row["value_period"] == "2025-Q1" and np.isnan(row["target"])
    q2 = indicator_figures(INDICATORS, TARGETS, recap_only, "2025-Q2", periods="latest")  # type: ignore[arg-type]
    assert q2.set_index("indicator_id").loc["i1", "target_period"] == "2025-03"


def test_a_target_period_that_is_none_is_ignored_on_raw_frames() -> None:
    """indicator_figures on frames that were not validated: a target whose period cannot be
    read matches no period, as it always did, instead of stopping the figures."""
    ind = pd.DataFrame({"indicator_id": ["i1", "i2"], "work_item_id": "S1", "name": ["a", "b"]})
    tg = pd.DataFrame(
        {"indicator_id": ["i1", "i2"], "period": ["2025-Q2", "Juni 2025"], "target": [10.0, 5.0]}
    )
    real = pd.DataFrame({"indicator_id": ["i1"], "period": ["2025-Q2"], "value": [5.0]})
    out = indicator_figures(ind, tg, real, "2025-Q2").set_index("indicator_id")  # type: ignore[arg-type]
    assert out.loc["i1", "target"] == 10.0 and np.isnan(out.loc["i2", "target"])
