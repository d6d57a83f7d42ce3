"""Entry errors a monitoring report must show to the official who answers for the item (review
72), on the hand-made regency (tests/strategies.py: mini_regency_tables), 2025-Q1.

``spent`` is the rupiah spent *in* the period (docs/data-contract.md). A clerk who types the
running total into it makes the year's sum pass the pagu; before, nothing said so (the only
sign was "physical far behind financial", which reads as a real delay).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests import strategies as tst
from tukin.dataset import Dataset
from tukin.monitoring import monitoring_report, who_must_act


def _mini(**changes: pd.DataFrame) -> Dataset:
    tables = tst.mini_regency_tables()
    tables.update(changes)
    return Dataset.from_frames(**tables)


def _budget(spent_s11: list[int]) -> pd.DataFrame:
    """The regency's budget rows with S11's three monthly ``spent`` figures replaced."""
    br = tst.mini_regency_tables()["budget_realisations"].copy()
    br.loc[br["work_item_id"] == "S11", "spent"] = spent_s11
    return br


class TestSpendingAbovePagu:
    """``over_budget`` counts the items spending more than their pagu, up the tree."""

    def test_running_totals_typed_as_monthly(self) -> None:
        """S11 (pagu 600) with the running totals 60, 300, 360 sums to 720: S11 and every row
        above it count one item over its pagu, in words too; S12 and OPD E none."""
        report = monitoring_report(
            _mini(budget_realisations=_budget([60, 300, 360])), "2025-Q1", "all", lang="en"
        )
        over = dict(zip(report["id"], report["over_budget"], strict=True))
        assert over == {"regency": 1, "D": 1, "E": 0, "P1": 1, "PE": 0, "K1": 1, "KE": 0,
                        "S11": 1, "S12": 0, "SE": 0}  # fmt: skip
        s11 = report.set_index("id").loc["S11", "flags"]
        assert "1 items spending more than their pagu" in s11
        id_report = monitoring_report(
            _mini(budget_realisations=_budget([60, 300, 360])), "2025-Q1", "sub_kegiatan", lang="id"
        )
        assert (
            "1 item dengan realisasi keuangan melebihi pagu"
            in id_report.set_index("id").loc["S11", "flags"]
        )

    def test_reaches_the_pengawas(self) -> None:
        """The over-pagu sub kegiatan is on kasi1's list, with kabid as the supervisor."""
        report = monitoring_report(
            _mini(budget_realisations=_budget([60, 300, 360])), "2025-Q1", "all", lang="en"
        )
        acts = who_must_act(report)
        row = acts[acts["id"] == "S11"].iloc[0]
        assert (row["official_id"], row["supervisor_id"]) == ("kasi1", "kabid")
        assert "pagu" in row["flags"]

    def test_within_pagu_is_not_flagged(self) -> None:
        """Spending of exactly the pagu (600) is not over it; the unchanged regency has none."""
        exact = monitoring_report(
            _mini(budget_realisations=_budget([100, 200, 300])), "2025-Q1", "all"
        )
        assert (exact["over_budget"] == 0).all()
        assert (monitoring_report(_mini(), "2025-Q1", "all")["over_budget"] == 0).all()

    def test_pagu_held_by_the_kegiatan(self) -> None:
        """KE holds the pagu (100) of SE, which spends with pagu 0: SE is not over a pagu it
        does not carry; KE is over its pagu only when the spending passes it, counted once."""
        wi = tst.mini_regency_tables()["work_items"].copy()
        wi.loc[wi["work_item_id"] == "KE", "budget"] = 100
        wi.loc[wi["work_item_id"] == "SE", "budget"] = 0
        fine = monitoring_report(_mini(work_items=wi), "2025-Q1", "all")
        assert (fine["over_budget"] == 0).all()
        br = tst.mini_regency_tables()["budget_realisations"].copy()
        br.loc[br["work_item_id"] == "SE", "spent"] = 150
        over = monitoring_report(_mini(work_items=wi, budget_realisations=br), "2025-Q1", "all")
        counts = dict(zip(over["id"], over["over_budget"], strict=True))
        assert (counts["SE"], counts["KE"], counts["PE"], counts["E"], counts["regency"]) == (
            0,
            1,
            1,
            1,
            1,
        )

    def test_child_and_parent_over_count_once(self) -> None:
        """S11 over its pagu makes K1 (pagu the sum, 1000) over too only if the sum passes;
        when both are, the kegiatan row counts the one item that causes it, not two."""
        br = _budget([60, 300, 700])  # S11 1060 of 600; K1 1060 + 40 of 1000
        report = monitoring_report(_mini(budget_realisations=br), "2025-Q1", "all")
        counts = dict(zip(report["id"], report["over_budget"], strict=True))
        assert (counts["S11"], counts["K1"], counts["P1"], counts["D"]) == (1, 1, 1, 1)


def _monthly_i1(months_reported: list[str], status: str = "signed") -> dict[str, pd.DataFrame]:
    """i1 (S11) with monthly targets of 30 for January to March instead of its Q1 target, and
    realisations of 30 for ``months_reported`` (``status``); the other indicators unchanged."""
    tables = tst.mini_regency_tables()
    tg, rl = tables["targets"], tables["realisations"]
    months = ["2025-01", "2025-02", "2025-03"]
    tg = pd.concat(
        [
            tg[tg["indicator_id"] != "i1"],
            pd.DataFrame({"indicator_id": "i1", "period": months, "target": 30}),
        ],
        ignore_index=True,
    )
    mine = pd.DataFrame(
        {"indicator_id": "i1", "period": months_reported, "value": 30, "status": status}
    )
    rl = pd.concat([rl[rl["indicator_id"] != "i1"], mine], ignore_index=True)
    return {"targets": tg, "realisations": rl}


class TestPeriodsNotReportedInsideTheReport:
    """``indicators_unreported_periods``: a quarter's report names indicators with a target
    for a month inside it and no counted report for that month. With ``periods: latest`` the
    quarter's score reads the last month only, so February's missing report was invisible in
    the Q1 report (the Rakordal's) once March was in."""

    def test_a_missing_month_is_counted_up_the_tree(self) -> None:
        """i1 reported for January and March only: S11, K1, P1, D and the regency count one."""
        report = monitoring_report(
            _mini(**_monthly_i1(["2025-01", "2025-03"])), "2025-Q1", "all", lang="en"
        )
        gaps = dict(zip(report["id"], report["indicators_unreported_periods"], strict=True))
        assert gaps == {"regency": 1, "D": 1, "E": 0, "P1": 1, "PE": 0, "K1": 1, "KE": 0,
                        "S11": 1, "S12": 0, "SE": 0}  # fmt: skip
        assert report.set_index("id").loc["S11", "achievement_pct"] > 100  # March's alone
        assert (
            "1 indicators with a period inside this one not reported"
            in report.set_index("id").loc["S11", "flags"]
        )
        acts = who_must_act(report)
        assert "kasi1" in acts[acts["id"] == "S11"]["official_id"].tolist()
        id_text = monitoring_report(
            _mini(**_monthly_i1(["2025-01", "2025-03"])), "2025-Q1", "sub_kegiatan", lang="id"
        )
        assert (
            "1 indikator dengan periode di dalam periode ini belum dilaporkan"
            in id_text.set_index("id").loc["S11", "flags"]
        )

    def test_every_month_or_the_quarter_reported(self) -> None:
        """All three months reported, or one Q1 report covering them: nothing counted; nor in
        a month's own report (no period lies inside a month)."""
        for reported in (["2025-01", "2025-02", "2025-03"], ["2025-Q1"]):
            report = monitoring_report(_mini(**_monthly_i1(reported)), "2025-Q1", "all")
            assert (report["indicators_unreported_periods"] == 0).all(), reported
        month = monitoring_report(_mini(**_monthly_i1(["2025-01"])), "2025-03", "all")
        assert (month["indicators_unreported_periods"] == 0).all()

    def test_a_report_below_min_status_is_not_a_report(self) -> None:
        """February entered only: with min_status approved it is missing, counted once; with
        the default (entered) it is a report."""
        from tukin.monitoring import MonitoringOptions

        tables = _monthly_i1(["2025-01", "2025-02", "2025-03"])
        rl = tables["realisations"]
        rl.loc[(rl["indicator_id"] == "i1") & (rl["period"] == "2025-02"), "status"] = "entered"
        ds = _mini(**tables)
        strict = monitoring_report(
            ds, "2025-Q1", "sub_kegiatan", MonitoringOptions(min_status="approved")
        )
        assert strict.set_index("id").loc["S11", "indicators_unreported_periods"] == 1
        loose = monitoring_report(ds, "2025-Q1", "sub_kegiatan")
        assert loose.set_index("id").loc["S11", "indicators_unreported_periods"] == 0

    def test_each_missing_report_is_told_once(self) -> None:
        """Reports missing after the counted one are outdated, not gaps; an indicator without
        any counted report is without realisation, not a gap."""
        late = monitoring_report(_mini(**_monthly_i1(["2025-01"])), "2025-Q1", "sub_kegiatan")
        s11 = late.set_index("id").loc["S11"]
        assert (s11["indicators_outdated"], s11["indicators_unreported_periods"]) == (1, 0)
        none = monitoring_report(_mini(**_monthly_i1([])), "2025-Q1", "sub_kegiatan")
        s11 = none.set_index("id").loc["S11"]
        assert (s11["indicators_without_realisation"], s11["indicators_unreported_periods"]) == (
            1,
            0,
        )


class TestPhysicalProgressGoingDown:
    """``physical_decreasing``: ``physical_pct`` is the progress reached by the end of the
    period (docs/data-contract.md). A clerk who types each month's increment into it makes
    the progress go down from one report to the next; before, the latest (small) figure was
    read silently as progress to date."""

    def _physical(self, values: list[float]) -> Dataset:
        br = tst.mini_regency_tables()["budget_realisations"].copy()
        br.loc[br["work_item_id"] == "S11", "physical_pct"] = values
        return _mini(budget_realisations=br)

    def test_increments_typed_as_progress(self) -> None:
        """S11 10, 15, 12: S11 and every row above it in D count one item."""
        report = monitoring_report(self._physical([10, 15, 12]), "2025-Q1", "all", lang="en")
        down = dict(zip(report["id"], report["physical_decreasing"], strict=True))
        assert down == {"regency": 1, "D": 1, "E": 0, "P1": 1, "PE": 0, "K1": 1, "KE": 0,
                        "S11": 1, "S12": 0, "SE": 0}  # fmt: skip
        s11 = report.set_index("id").loc["S11", "flags"]
        assert "1 items whose physical progress went down" in s11
        id_report = monitoring_report(
            self._physical([10, 15, 12]), "2025-Q1", "sub_kegiatan", lang="id"
        )
        assert (
            "1 item dengan progres fisik menurun" in id_report.set_index("id").loc["S11", "flags"]
        )

    def test_steady_or_equal_progress_is_not_flagged(self) -> None:
        """10, 10, 50 and the regency as given: nothing; nor a fall only in a later month
        than the report's (March's 5 in a February report)."""
        assert (
            monitoring_report(self._physical([10, 10, 50]), "2025-Q1", "all")["physical_decreasing"]
            == 0
        ).all()
        assert (monitoring_report(_mini(), "2025-Q1", "all")["physical_decreasing"] == 0).all()
        feb = monitoring_report(self._physical([10, 25, 5]), "2025-02", "all")
        assert (feb["physical_decreasing"] == 0).all()


class TestThresholdsInTheWorkbook:
    """The workbook's policy sheet states the thresholds every flag was raised by and the
    category bands: before, it named the roll-up policy only, so an official reading
    "absorption 13.4 points below plan" could not tell where the bar was."""

    def test_policy_sheet_states_flag_thresholds_and_bands(self, tmp_path: Path) -> None:
        """Custom gaps appear with their values and meanings, in English and Indonesian."""
        from tukin.monitoring import MonitoringOptions, cli_monitor

        opt = MonitoringOptions(absorption_gap=5, progress_gap=15, plan_gap=8, achievement_floor=70)
        for lang, sheet, word in (
            ("en", "Policy", "points below plan"),
            ("id", "Kebijakan", "poin di bawah rencana"),
        ):
            paths = cli_monitor(_mini(), "2025-Q1", "opd", tmp_path / lang, lang, opt)
            policy = pd.read_excel(paths[0], sheet_name=sheet)
            key, value, meaning = policy.columns[:3]
            got = dict(zip(policy[key], policy[value].astype(str), strict=True))
            assert (got["absorption_gap"], got["progress_gap"], got["plan_gap"]) == ("5", "15", "8")
            assert got["achievement_floor"] == "70" and got["category_of"] == "achievement"
            assert got["bands"].startswith("Sangat Baik ≥ 91")
            text = dict(zip(policy[key], policy[meaning], strict=True))
            assert word in text["absorption_gap"]
