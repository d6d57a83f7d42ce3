"""Regression tests for review defects of tukin.monitoring, on the hand-made regency
(tests/strategies.py: mini_regency_tables), 2025-Q1 (see tests/test_monitoring.py for the
figures by hand)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests import strategies as tst
from tukin.dataset import Dataset
from tukin.monitoring import cli_monitor, monitoring_report


def _mini(**changes: pd.DataFrame) -> Dataset:
    tables = tst.mini_regency_tables()
    tables.update(changes)
    return Dataset.from_frames(**tables)


class TestRegencyLevel:
    """The documented ``regency`` level on its own (it crashed on the missing opd_id)."""

    def test_report_and_files(self, tmp_path: Path) -> None:
        """One regency row with the regency's sums; cli_monitor writes the workbook."""
        report = monitoring_report(_mini(), "2025-Q1", "regency", lang="en")
        assert report["id"].tolist() == ["regency"]
        assert report["budget"].iloc[0] == 1100 and report["spent_to_date"].iloc[0] == 285
        assert report["opd_id"].isna().all()
        paths = cli_monitor(_mini(), "2025-Q1", "regency", tmp_path, "en")
        back = pd.read_excel(paths[0], sheet_name="Report")
        assert back["id"].tolist() == ["regency"]


class TestMoneyAboveTheLeaves:
    """Pagu and spending entered on an item that has items under it are counted, not dropped."""

    def test_kegiatan_carrying_the_money(self) -> None:
        """KE carries pagu 100 and the Q1 row; SE under it has pagu 0: KE, PE, E and the
        regency keep them, and the rows say so in ``own_money_items`` and the flags."""
        t = tst.mini_regency_tables()
        wi, br = t["work_items"], t["budget_realisations"]
        wi.loc[wi["work_item_id"] == "KE", "budget"] = 100
        wi.loc[wi["work_item_id"] == "SE", "budget"] = 0
        br.loc[br["work_item_id"] == "SE", "work_item_id"] = "KE"
        report = monitoring_report(_mini(**t), "2025-Q1", "all", lang="en").set_index("id")
        for k in ("regency", "E", "PE", "KE"):
            assert report.loc[k, "budget"] == (1100 if k == "regency" else 100)
            assert report.loc[k, "spent_to_date"] == (285 if k == "regency" else 5)
            assert report.loc[k, "own_money_items"] == 1
            assert "of their own" in report.loc[k, "flags"]
        assert report.loc["SE", "budget"] == 0 and report.loc["SE", "own_money_items"] == 0
        assert report.loc["KE", "physical_pct"] == 30

    def test_stated_totals_are_not_counted_twice(self) -> None:
        """A parent's pagu equal to its children's is their total: counted once, no note; one
        above it adds the difference; one below it leaves the children's sum, noted."""
        t = tst.mini_regency_tables()
        wi = t["work_items"]
        wi.loc[wi["work_item_id"] == "K1", "budget"] = 1000  # = 600 + 400
        wi.loc[wi["work_item_id"] == "P1", "budget"] = 1200  # 200 of its own
        wi.loc[wi["work_item_id"] == "KE", "budget"] = 60  # below SE's 100
        report = monitoring_report(_mini(**t), "2025-Q1", "all", lang="id").set_index("id")
        assert report.loc["K1", "budget"] == 1000 and report.loc["K1", "own_money_items"] == 0
        assert report.loc["P1", "budget"] == 1200 and report.loc["P1", "own_money_items"] == 1
        assert report.loc["KE", "budget"] == 100 and report.loc["KE", "pagu_below_children"] == 1
        assert "dijumlahkan" in report.loc["P1", "flags"]
        assert report.loc["regency", "budget"] == 1300


class TestPolicyFromRules:
    """``tukin monitor --rules``: the report scores with the rule set's roll-up policy."""

    def test_policy_of_a_rule_step(self) -> None:
        """The pack's rollup step: approved only, capped at 120 %, blend read from $blend."""
        from fractions import Fraction

        from tukin.monitoring import rollup_policy_of
        from tukin.ruleset.load import load_ruleset

        rules = load_ruleset("tpp-epantau-kukar-example")
        policy, step = rollup_policy_of(rules, "2025-09")
        assert step == "capaian" and policy.min_status == "approved"
        assert policy.cap == Fraction(6, 5) and policy.blend == Fraction(1, 2)
        opd, step = rollup_policy_of(rules, "2025-09", "faktor_opd")
        # the OPD factor caps an indicator at 120 % as the employees' roll-up does (pack v3)
        assert step == "faktor_opd" and opd.cap == Fraction(6, 5) and opd.blend is None

    def test_command_line(self, tmp_path: Path) -> None:
        """Only approved or signed realisations count: S11's i1 (signed 90/100) and i2
        (approved 12/10) give 112.5 % either way, but E's money (entered) drops out, and the
        workbook names the policy."""
        from tukin import cli

        folder = tmp_path / "csv"
        folder.mkdir()
        for name, frame in tst.mini_regency_tables().items():
            frame.to_csv(folder / f"{name}.csv", index=False)
        args = ["monitor", "--data", str(folder), "--period", "2025-Q1", "--lang", "en"]
        out = tmp_path / "out"
        rules = ["--rules", "tpp-epantau-kukar-example", "--out", str(out)]
        assert cli.main([*args, *rules]) == 0
        report = pd.read_excel(out / "monitoring-2025-Q1-opd.xlsx", sheet_name="Report")
        e = report.set_index("id").loc["E"]
        assert e["spent_to_date"] == 0  # the Q1 row is only entered
        policy = pd.read_excel(out / "monitoring-2025-Q1-opd.xlsx", sheet_name="Policy")
        setting = dict(zip(policy["setting"], policy["value"].astype(str), strict=True))
        assert "step capaian" in setting["source"] and setting["rollup_cap"] == "120%"
        assert setting["rollup_min_status"] == "approved"


class TestLanguage:
    """Indonesian workbook headers and code values; an English regency row."""

    def test_indonesian_workbook_and_english_regency(self, tmp_path: Path) -> None:
        """No official_* / waiting_for_id / table header nor regency / approve / sign value in
        Indonesian; lang="en" names the regency row 'Regency'."""
        import openpyxl

        paths = cli_monitor(_mini(), "2025-Q1", "all", tmp_path, "id")
        wb = openpyxl.load_workbook(paths[0])
        for ws in wb.worksheets:
            rows = list(ws.iter_rows(values_only=True))
            assert not [h for h in rows[0] if str(h).startswith(("official", "waiting", "table"))]
            values = {v for r in rows[1:] for v in r if isinstance(v, str)}
            assert not values & {"regency", "approve", "sign", "budget_realisations"}
        en = monitoring_report(_mini(), "2025-Q1", "regency", lang="en")
        assert en["name"].tolist() == ["Regency"]
