"""Who must send realisation reports (``sub_kegiatan``, ``missing_reports``) when pagu is not
where the report looked for it (review 139, item 1).

The hand-made regency (tests/strategies.py: mini_regency_tables), 2025-Q1: S11 reports every
month, S12 misses March, SE (Kecamatan E, pagu 100, target i5) sends one Q1 row.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from tests import strategies as tst
from tukin.dataset import Dataset
from tukin.monitoring import monitoring_report


def _report(t: dict[str, Any], period: str = "2025-Q1") -> pd.DataFrame:
    ds = Dataset.from_frames(mode="strict", **t)
    return monitoring_report(ds, period, "all", lang="en").set_index("id")


def _without_pagu(t: dict[str, Any], *items: str) -> None:
    wi = t["work_items"]
    wi.loc[wi["work_item_id"].isin(items), "budget"] = 0


def _without_rows(t: dict[str, Any], item: str) -> None:
    br = t["budget_realisations"]
    t["budget_realisations"] = br[br["work_item_id"] != item].reset_index(drop=True)


class TestWithoutPaguAnywhere:
    """An OPD whose DPA pagu was not loaded: its sub kegiatan with planned output still report."""

    def test_a_sub_kegiatan_with_a_target_must_report(self) -> None:
        """SE has no pagu, no pagu above it, a target for Q1 and no report: it is missing,
        and the camat sees it on the OPD row (before: 0 of 0, nothing said)."""
        t = tst.mini_regency_tables()
        _without_pagu(t, "SE")
        _without_rows(t, "SE")
        r = _report(t)
        for row in ("SE", "KE", "PE", "E"):
            assert (r.loc[row, "sub_kegiatan"], r.loc[row, "missing_reports"]) == (1, 1), row
        assert "1 sub kegiatan missing a realisation report" in r.loc["E", "flags"]
        assert r.loc["regency", "missing_reports"] == 2  # with S12's March

    def test_its_report_covers_it(self) -> None:
        """The same SE sending its Q1 row is counted and not missing."""
        t = tst.mini_regency_tables()
        _without_pagu(t, "SE")
        r = _report(t)
        assert (r.loc["E", "sub_kegiatan"], r.loc["E", "missing_reports"]) == (1, 0)

    def test_nothing_planned_nothing_asked(self) -> None:
        """Without pagu and without a target this year (only one for 2024), SE is not asked
        for reports."""
        t = tst.mini_regency_tables()
        _without_pagu(t, "SE")
        _without_rows(t, "SE")
        tg = t["targets"]
        tg.loc[tg["indicator_id"] == "i5", "period"] = "2024-Q1"
        r = _report(t)
        assert (r.loc["E", "sub_kegiatan"], r.loc["E", "missing_reports"]) == (0, 0)


class TestKegiatanHoldingThePagu:
    """The DPA practice: K1 holds the pagu (1000), its sub kegiatan carry 0 and report."""

    def tables(self) -> dict[str, Any]:
        t = tst.mini_regency_tables()
        wi = t["work_items"]
        wi.loc[wi["work_item_id"] == "K1", "budget"] = 1000
        _without_pagu(t, "S11", "S12")
        return t

    def test_the_sub_kegiatan_missing_a_month_is_named(self) -> None:
        """S12 missed March: flagged on S12 itself, its pengawas's row (before: on K1, which
        sent no row of its own, and S12 read clean)."""
        r = _report(self.tables())
        assert (r.loc["S12", "sub_kegiatan"], r.loc["S12", "missing_reports"]) == (1, 1)
        assert "missing a realisation report" in r.loc["S12", "flags"]
        assert (r.loc["S11", "sub_kegiatan"], r.loc["S11", "missing_reports"]) == (1, 0)
        assert (r.loc["K1", "sub_kegiatan"], r.loc["K1", "missing_reports"]) == (2, 1)

    def test_a_kegiatan_whose_sub_kegiatan_all_report_is_not_missing(self) -> None:
        """S12 sends March too: nothing is missing (before: K1, holding the pagu without a row
        of its own, was counted as a sub kegiatan missing its reports)."""
        t = self.tables()
        march = pd.DataFrame(
            {
                "work_item_id": ["S12"],
                "period": ["2025-03"],
                "spent": [20],
                "physical_pct": [12],
                "planned_spent": [40],
                "planned_physical_pct": [30],
                "status": ["signed"],
            }
        )
        t["budget_realisations"] = pd.concat([t["budget_realisations"], march], ignore_index=True)
        r = _report(t)
        assert r.loc["D", "missing_reports"] == 0 and r.loc["D", "sub_kegiatan"] == 2

    def test_the_kegiatans_own_rows_cover_its_sub_kegiatan(self) -> None:
        """Rows typed on K1 (the item holding the pagu) report for the sub kegiatan without a
        pagu of their own: nothing is missing for the months K1 covers."""
        t = self.tables()
        br = t["budget_realisations"]
        br.loc[br["work_item_id"].isin(["S11", "S12"]), "work_item_id"] = "K1"
        t["budget_realisations"] = br.drop_duplicates(["work_item_id", "period"])
        r = _report(t)
        assert r.loc["S11", "missing_reports"] == 0 and r.loc["S12", "missing_reports"] == 0
        assert r.loc["D", "missing_reports"] == 0


def test_a_sub_kegiatan_with_its_own_pagu_beside_a_kegiatans_own_reports_alone() -> None:
    """A kegiatan's rows do not cover a sub kegiatan carrying its own pagu: S12 (pagu 400)
    still misses March when K1 reports it."""
    t = tst.mini_regency_tables()
    k1 = pd.DataFrame(
        {
            "work_item_id": ["K1"],
            "period": ["2025-03"],
            "spent": [0],
            "physical_pct": [0],
            "status": ["signed"],
        }
    )
    t["budget_realisations"] = pd.concat([t["budget_realisations"], k1], ignore_index=True)
    r = _report(t)
    assert r.loc["S12", "missing_reports"] == 1 and r.loc["D", "missing_reports"] == 1


class TestOutputPlannedLater:
    """Review 142: SE (no pagu, no pagu above) whose output starts in Q3 owes no report before
    it (DPA targets typed per quarter: 0 until the output starts, or the Q3 target alone)."""

    def tables(self, targets: dict[str, float]) -> dict[str, Any]:
        t = tst.mini_regency_tables()
        _without_pagu(t, "SE")
        _without_rows(t, "SE")
        tg = t["targets"]
        others = tg[tg["indicator_id"] != "i5"]
        i5 = pd.DataFrame(
            {"indicator_id": "i5", "period": list(targets), "target": list(targets.values())}
        )
        t["targets"] = pd.concat([others, i5], ignore_index=True)
        return t

    def test_a_q3_target_is_not_owed_in_q1(self) -> None:
        """Before: Q1 named SE missing its reports for an output planned from July."""
        r = _report(self.tables({"2025-Q3": 50}))
        assert (r.loc["E", "sub_kegiatan"], r.loc["E", "missing_reports"]) == (0, 0)
        assert "missing a realisation report" not in str(r.loc["E", "flags"])

    def test_its_indicator_is_not_without_a_target_before_it(self) -> None:
        """i5 (Q3 target alone) is not counted without a target in Q1 (before: it was, beside
        i6, which has no target at all and still is); in Q3 it has its target."""
        t = self.tables({"2025-Q3": 50})
        r = _report(t)
        assert r.loc["SE", "indicators_without_target"] == 1
        assert r.loc["regency", "indicators_without_target"] == 1
        r = _report(t, "2025-Q3")
        assert r.loc["SE", "indicators_without_target"] == 1  # i6; i5 scored 0, no report
        assert r.loc["SE", "indicators_without_realisation"] == 1

    def test_a_target_of_0_plans_nothing(self) -> None:
        """0 in Q1 and Q2, 50 in Q3: nothing owed in Q1 (before: missing)."""
        t = self.tables({"2025-Q1": 0, "2025-Q2": 0, "2025-Q3": 50})
        r = _report(t)
        assert (r.loc["E", "sub_kegiatan"], r.loc["E", "missing_reports"]) == (0, 0)

    def test_it_is_owed_once_the_output_starts(self) -> None:
        """The Q3 report asks SE for July to September."""
        t = self.tables({"2025-Q1": 0, "2025-Q3": 50})
        r = _report(t, "2025-Q3")
        assert (r.loc["E", "sub_kegiatan"], r.loc["E", "missing_reports"]) == (1, 1)

    def test_the_years_report_asks_only_the_months_from_the_start(self) -> None:
        """Reports from July to December cover the year of an output planned from Q3 (before:
        January to June read as missing); without December's it is missing."""
        t = self.tables({"2025-Q3": 50, "2025-Q4": 100})
        rows = pd.DataFrame(
            {
                "work_item_id": "SE",
                "period": ["2025-Q3", "2025-10", "2025-11", "2025-12"],
                "spent": 0,
                "physical_pct": [40, 60, 80, 100],
                "status": "signed",
            }
        )
        t["budget_realisations"] = pd.concat([t["budget_realisations"], rows], ignore_index=True)
        r = _report(t, "2025")
        assert (r.loc["E", "sub_kegiatan"], r.loc["E", "missing_reports"]) == (1, 0)
        br = t["budget_realisations"]
        t["budget_realisations"] = br[br["period"] != "2025-12"].reset_index(drop=True)
        r = _report(t, "2025")
        assert (r.loc["E", "sub_kegiatan"], r.loc["E", "missing_reports"]) == (1, 1)


class TestARecapTypedLate:
    """Review 142: SE (pagu 100) silent in Q1, caught up with one row for a longer period
    ending after the report's: nothing the report can read was sent for its months."""

    def tables(self, period: str) -> dict[str, Any]:
        t = tst.mini_regency_tables()
        br = t["budget_realisations"]
        br.loc[br["work_item_id"] == "SE", "period"] = period
        return t

    def test_a_january_to_april_row_does_not_cover_q1(self) -> None:
        """Before: Q1 showed SE spending 0 % and said nothing, the C1 row counting as its
        reports although its money, ending in April, is not read by Q1."""
        r = _report(self.tables("2025-C1"))
        assert r.loc["SE", "spent"] == 0
        assert (r.loc["SE", "sub_kegiatan"], r.loc["SE", "missing_reports"]) == (1, 1)
        assert "missing a realisation report" in r.loc["E", "flags"]

    def test_nor_january(self) -> None:
        r = _report(self.tables("2025-C1"), "2025-01")
        assert r.loc["E", "missing_reports"] == 1

    def test_a_years_row_does_not_cover_q2(self) -> None:
        r = _report(self.tables("2025"), "2025-Q2")
        assert r.loc["E", "missing_reports"] == 1

    def test_it_covers_the_months_it_ends_with(self) -> None:
        """The April and caturwulan reports read the row: nothing missing."""
        for period in ("2025-04", "2025-C1"):
            r = _report(self.tables("2025-C1"), period)
            assert (r.loc["SE", "spent"], r.loc["E", "missing_reports"]) == (5, 0), period

    def test_a_quarterly_reporter_is_not_missing_a_month_of_its_quarter(self) -> None:
        """The Q1 row is not due in January or February: not missing (a quarter is a
        cadence of realisation reports, not a recap typed late)."""
        for period in ("2025-01", "2025-02", "2025-Q1"):
            r = _report(tst.mini_regency_tables(), period)
            assert r.loc["E", "missing_reports"] == 0, period


class TestAQuarterlyReporterInItsQuarter:
    """Review 142: a report made during its quarter (April's, at the start of May) has no Q2
    row of SE, which reports by quarter (its latest row, Q1, is a quarter's): April and May
    are not due until June's end."""

    def test_april_and_may_are_not_due(self) -> None:
        """Before: SE was named missing in April's and May's report (and not when the same
        reports were re-run after a Q2 row came)."""
        for period in ("2025-04", "2025-05", "2025-C1"):
            r = _report(tst.mini_regency_tables(), period)
            assert (r.loc["SE", "sub_kegiatan"], r.loc["SE", "missing_reports"]) == (1, 0), period

    def test_june_is(self) -> None:
        """At the quarter's end its report is due: without a Q2 row SE is missing."""
        for period in ("2025-06", "2025-Q2"):
            r = _report(tst.mini_regency_tables(), period)
            assert r.loc["SE", "missing_reports"] == 1, period

    def test_a_month_reporter_owes_its_months(self) -> None:
        """S12 reports by month (its latest row, February's): May is missing."""
        r = _report(tst.mini_regency_tables(), "2025-05")
        assert r.loc["S12", "missing_reports"] == 1

    def test_last_years_quarter_says_the_cadence_in_january(self) -> None:
        """SE's latest row is 2024-Q4: January and February of 2025 are not due yet."""
        t = tst.mini_regency_tables()
        br = t["budget_realisations"]
        br.loc[br["work_item_id"] == "SE", "period"] = "2024-Q4"
        for period, missing in (("2025-01", 0), ("2025-02", 0), ("2025-03", 1)):
            r = _report(t, period)
            assert r.loc["SE", "missing_reports"] == missing, period
