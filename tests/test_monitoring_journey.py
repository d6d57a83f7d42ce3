"""The officials' journey through a monitoring report, on awkward data (review 128).

A pejabat pengawas, an administrator, a kepala OPD and the Bupati's office each read the rows
they answer for: physical against financial realisation, the deviation from plan, the flags.
The hand-made regency (tests/strategies.py: mini_regency_tables, 2025-Q1) is bent one way at
a time: a sub kegiatan with no pagu of its own, ...
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from tests import strategies as tst
from tukin.dataset import Dataset
from tukin.monitoring import monitoring_report


def _with_s13(physical: list[float], plan: list[float], spent: list[int]) -> Dataset:
    """The mini regency with S13 under K1: no pengawas declared (kabid answers for it), pagu
    0, monthly reports of Q1 with the physical progress, its plan and the spending given."""
    t = tst.mini_regency_tables()
    s13 = {
        "work_item_id": ["S13"],
        "name": ["Sub 3"],
        "level": ["sub_kegiatan"],
        "parent_id": ["K1"],
        "unit_id": ["B1"],
        "responsible_position_id": [None],
        "budget": [0],
    }
    t["work_items"] = pd.concat([t["work_items"], pd.DataFrame(s13)], ignore_index=True)
    months = ["2025-01", "2025-02", "2025-03"]
    rows = pd.DataFrame(
        {
            "work_item_id": "S13",
            "period": months,
            "spent": spent,
            "physical_pct": physical,
            "planned_spent": [0, 0, 0],
            "planned_physical_pct": plan,
            "status": "signed",
        }
    )
    t["budget_realisations"] = pd.concat([t["budget_realisations"], rows], ignore_index=True)
    return Dataset.from_frames(**t)


class TestNoPaguOfItsOwn:
    def test_its_row_shows_the_progress_it_reports(self) -> None:
        """S13 reports 30 % against a plan of 60 %: its pengawas (here the kabid, nobody being
        declared) sees 30 and 60 and the flag, not blanks (a pagu of 0 weighs it in nothing
        above, so K1's figures stay those without it)."""
        ds = _with_s13([10, 20, 30], [10, 40, 60], [0, 0, 0])
        r = monitoring_report(ds, "2025-Q1", "all", lang="en").set_index("id")
        assert r.loc["S13", "physical_pct"] == 30
        assert r.loc["S13", "planned_physical_pct"] == 60
        assert bool(r.loc["S13", "physical_behind_plan"])
        assert "behind plan" in r.loc["S13", "flags"]
        assert r.loc["S13", "official_sub_kegiatan_id"] == "kabid"
        assert np.isnan(r.loc["S13", "financial_pct"])  # no pagu: no ratio
        for k in ("S13", "K1"):
            assert r.loc[k, "official_kegiatan_id"] == "kabid"
        plain = monitoring_report(_with_s13_none(), "2025-Q1", "all", lang="en").set_index("id")
        for c in ("physical_pct", "planned_physical_pct", "financial_pct"):
            assert r.loc["K1", c] == plain.loc["K1", c]


def _with_s13_none() -> Dataset:
    """The mini regency unchanged (S13 absent)."""
    return Dataset.from_frames(**tst.mini_regency_tables())


class TestThePeriodInTheWorkbook:
    def test_the_policy_sheet_names_the_period_and_the_money_window(self, tmp_path) -> None:
        """A workbook forwarded to an official, or printed, said its period in the file name
        only: the policy sheet now names the period and the days its money covers (from 1
        January by default, the period alone with ``cumulative=False``)."""
        from tukin.monitoring import MonitoringOptions, cli_monitor

        ds = _with_s13_none()
        for lang, sheet, cumulative, window in (
            ("en", "Policy", True, "2025-01-01 – 2025-05-31"),
            ("id", "Kebijakan", False, "2025-05-01 – 2025-05-31"),
        ):
            opt = MonitoringOptions(cumulative=cumulative)
            paths = cli_monitor(ds, "2025-05", "opd", tmp_path / lang, lang, opt)
            policy = pd.read_excel(paths[0], sheet_name=sheet)
            key, value = policy.columns[:2]
            got = dict(zip(policy[key], policy[value].astype(str), strict=True))
            assert got["period"] == "2025-05"
            assert got["money_window"] == window
            assert list(policy[key])[:2] == ["period", "money_window"]


class TestAMonthNotReported:
    def test_the_flag_says_a_month_is_missing_not_every_report(self) -> None:
        """S12 reported January and February, not March: its Q1 row said "1 sub kegiatan
        without a realisation report" (id: "belum melapor realisasi"), read by its pengawas
        as if nothing had been sent; it now says a month of the period is missing."""
        ds = _with_s13_none()
        en = monitoring_report(ds, "2025-Q1", "sub_kegiatan", lang="en").set_index("id")
        id_ = monitoring_report(ds, "2025-Q1", "sub_kegiatan", lang="id").set_index("id")
        assert (
            "1 sub kegiatan missing a realisation report for a month of the period"
            in (en.loc["S12", "flags"])
        )
        assert "belum melapor realisasi untuk satu bulan atau lebih" in id_.loc["S12", "flags"]
        assert "without a realisation report" not in en.loc["S12", "flags"]


class TestSpendingWithoutAnyPagu:
    def test_items_spending_where_no_pagu_is_set_above_or_below_are_over_it(self) -> None:
        """Kecamatan E with no pagu on SE, KE or PE (the DPA not loaded) spent Rp5: its rows
        showed a blank financial_pct and no flag at all. SE is over its pagu of 0, counted
        once up the tree; a pagu held by the program instead (PE 100) covers it, as a
        kegiatan's pagu covers its sub kegiatan with none."""
        t = tst.mini_regency_tables()
        wi = t["work_items"]
        wi.loc[wi["work_item_id"] == "SE", "budget"] = 0
        r = monitoring_report(Dataset.from_frames(**t), "2025-Q1", "all", lang="en")
        counts = dict(zip(r["id"], r["over_budget"], strict=True))
        assert [counts[k] for k in ("SE", "KE", "PE", "E", "regency")] == [1, 1, 1, 1, 1]
        assert counts["S11"] == counts["D"] == 0
        flags = r.set_index("id").loc["SE", "flags"]
        assert "more than their pagu" in flags and "pagu missing" in flags
        wi.loc[wi["work_item_id"] == "PE", "budget"] = 100
        held = monitoring_report(Dataset.from_frames(**t), "2025-Q1", "all")
        assert (held["over_budget"] == 0).all()

    def test_a_siblings_pagu_covers_no_spending(self) -> None:
        """Review 133: K2 (a second kegiatan of P1) and its S21 carry no pagu, and P1 holds
        none of its own (its total is K1's): S21's Rp300 is spending where no pagu is set
        above or below it, yet it was flagged by nothing, because P1's subtree held K1's
        pagu. S21 is over its pagu of 0, counted once up the tree; K1's rows are not; a pagu
        P1 holds of its own (stated above its kegiatan's sum) still covers it."""
        from tukin.hierarchy import Hierarchy
        from tukin.monitoring.figures import budget_figures
        from tukin.monitoring.report import items_over_pagu

        t = tst.mini_regency_tables()
        k2 = {
            "work_item_id": ["K2", "S21"],
            "name": ["Keg 2", "Sub 21"],
            "level": ["kegiatan", "sub_kegiatan"],
            "parent_id": ["P1", "K2"],
            "unit_id": ["B1", "B1"],
            "responsible_position_id": [None, None],
            "budget": [0, 0],
        }
        t["work_items"] = pd.concat([t["work_items"], pd.DataFrame(k2)], ignore_index=True)
        br = t["budget_realisations"]
        s21 = br.iloc[[0]].assign(work_item_id="S21", spent=300)
        t["budget_realisations"] = pd.concat([br, s21], ignore_index=True)
        ds = Dataset.from_frames(**t)
        r = monitoring_report(ds, "2025-Q1", "all", lang="en")
        counts = dict(zip(r["id"], r["over_budget"], strict=True))
        assert [counts[k] for k in ("S21", "K2", "P1", "D", "regency")] == [1, 1, 1, 1, 1]
        assert counts["K1"] == counts["S11"] == counts["E"] == 0
        money = budget_figures(ds["budget_realisations"], "2025-Q1", cumulative=True)
        over = items_over_pagu(Hierarchy.from_dataset(ds), money)
        assert over["work_item_id"].tolist() == ["S21"]
        t["work_items"].loc[t["work_items"]["work_item_id"] == "P1", "budget"] = 1500
        held = monitoring_report(Dataset.from_frames(**t), "2025-Q1", "all")
        assert (held["over_budget"] == 0).all()

    def test_without_pagu_behind_plan_reads_the_items_with_a_plan(self) -> None:
        """Review 133: KE (no pagu) holds SE, 30 % against a plan of 28 %, and SE2, 0 %
        reported with no plan. KE, PE and E showed the mean 15 % against SE's plan 28 % and
        were flagged 13 points behind plan, though the one item with a plan is ahead: the
        weighted rows compare only the items that have a plan, the rows without pagu did
        not. They still show the mean of every report (15 %), but are behind plan only where
        the items with a plan are."""
        t = tst.mini_regency_tables()
        wi = t["work_items"]
        wi.loc[wi["work_item_id"] == "SE", "budget"] = 0
        se2 = wi[wi["work_item_id"] == "SE"].assign(work_item_id="SE2", name="Sub E2")
        t["work_items"] = pd.concat([wi, se2], ignore_index=True)
        br = t["budget_realisations"]
        br.loc[br["work_item_id"] == "SE", "planned_physical_pct"] = 28
        se2_rows = br[br["work_item_id"] == "SE"].assign(
            work_item_id="SE2", spent=0, physical_pct=0, planned_physical_pct=None
        )
        t["budget_realisations"] = pd.concat([br, se2_rows], ignore_index=True)
        r = monitoring_report(Dataset.from_frames(**t), "2025-Q1", "all", lang="en")
        r = r.set_index("id")
        for k in ("KE", "PE", "E"):
            assert (r.loc[k, "physical_pct"], r.loc[k, "planned_physical_pct"]) == (15, 28), k
            assert not r.loc[k, "physical_behind_plan"], k
        br.loc[br["work_item_id"] == "SE", "physical_pct"] = 10  # SE itself 18 points behind
        t["budget_realisations"] = pd.concat([br, se2_rows], ignore_index=True)
        r = monitoring_report(Dataset.from_frames(**t), "2025-Q1", "all", lang="en")
        assert r.set_index("id").loc[["SE", "KE", "PE", "E"], "physical_behind_plan"].all()

    def test_an_opd_without_pagu_shows_its_programs_progress(self) -> None:
        """Kecamatan E carries no pagu anywhere: its sub kegiatan, kegiatan and program rows
        show SE's 30 % against a plan of 20 %, and so does the OPD row (the equal mean of its
        programs), not a blank beside them; the regency's pagu-weighted figure is unchanged."""
        t = tst.mini_regency_tables()
        wi = t["work_items"]
        wi.loc[wi["work_item_id"] == "SE", "budget"] = 0
        r = monitoring_report(Dataset.from_frames(**t), "2025-Q1", "all", lang="en")
        r = r.set_index("id")
        for k in ("SE", "KE", "PE", "E"):
            assert (r.loc[k, "physical_pct"], r.loc[k, "planned_physical_pct"]) == (30, 20), k
        assert r.loc["regency", "physical_pct"] == r.loc["D", "physical_pct"]


class TestRejectedRowsOnTheCommandLine:
    def test_monitor_says_which_rows_were_rejected_and_exits_1(self, tmp_path, capsys) -> None:
        """A spending cell typed as words is rejected: the workbook's S11 row counts it in
        rejected_rows ("correct them"), but ``tukin monitor`` said nothing of which row or
        why and exited 0, where the documented exit code of a run that found problems
        (rejected rows) is 1 and ``tukin calculate`` gives it."""
        from tukin import cli
        from tukin.io import write_frames

        t = tst.mini_regency_tables()
        br = t["budget_realisations"]
        br["spent"] = br["spent"].astype(object)
        br.loc[0, "spent"] = "enam puluh"
        data = write_frames(t, tmp_path / "isian.xlsx", lang="id")
        out = tmp_path / "out"
        code = cli.main(
            [
                "monitor",
                "--data",
                str(data),
                "--period",
                "2025-Q1",
                "--out",
                str(out),
                "--lang",
                "en",
            ]
        )
        said = capsys.readouterr()
        text = said.out + said.err
        assert code == 1
        assert "enam puluh" in text and "Realisasi Anggaran, row 2" in text
        assert (out / "monitoring-2025-Q1-opd.xlsx").exists()  # the report is still written


class TestTheActionListCarriesTheFigures:
    def test_each_action_shows_physical_financial_and_deviation(self) -> None:
        """The pengawas of S12 reading who_must_act saw "physical 12.0 points behind plan"
        without the figures it is measured from; each action now carries the row's
        financial and physical realisation, their plans, the deviation and the achievement."""
        from tukin.monitoring import who_must_act

        r = monitoring_report(_with_s13_none(), "2025-Q1", "all", lang="en")
        a = who_must_act(r).set_index("id")
        s12 = a.loc["S12"]
        assert (s12["financial_pct"], s12["planned_financial_pct"]) == (10, 20)
        assert (s12["physical_pct"], s12["planned_physical_pct"]) == (8, 20)
        assert s12["deviation_pct"] == -10 and s12["achievement_pct"] == 75
        assert s12["category"] == "Cukup" and s12["budget"] == 400
        assert list(a.columns)[-1] == "flags"
