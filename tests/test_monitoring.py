"""Tests for tukin.monitoring: figures, the e-Pantau report, flags, pending status, plots, Excel.

Numbers are the hand-made regency's (tests/strategies.py: mini_regency_tables), 2025-Q1,
cumulative, every status counted unless said otherwise:

    D  pagu 600 + 400 = 1000; spent 240 + 40 = 280 (28 %); plan 200 + 80 = 280 (28 %)
       physical (600·50 + 400·8) / 1000 = 33.2 %; plan (600·40 + 400·20) / 1000 = 32 %
       achievement 112.5 % (P1); S12 did not report March: 1 missing report
    E  pagu 100; spent 5 (5 %) against a plan of 20 (20 %): 15 points below plan
       physical 30 %, 25 points ahead of financial; achievement 0 %
       i5 has no realisation, i6 no target
    regency: pagu 1100, spent 285; achievement (9/8 + 0) / 2 = 56.25 %
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import openpyxl
import pandas as pd
import pytest
from matplotlib.figure import Figure

from tests import strategies as tst
from tukin import monitoring
from tukin.dataset import Dataset
from tukin.monitoring import (
    CategoryBand,
    MonitoringOptions,
    budget_figures,
    categorise,
    cli_monitor,
    export_excel,
    monitoring_report,
    pending,
    pending_by_official,
    plot_ranking,
    plot_s_curves,
    s_curve_data,
    who_must_act,
)


@cache
def mini() -> Dataset:
    """The hand-made regency, validated once."""
    return Dataset.from_frames(**tst.mini_regency_tables())


@cache
def full() -> pd.DataFrame:
    """The hand-made regency's 2025-Q1 report at every level (default options), built once."""
    return monitoring_report(mini(), "2025-Q1", "all", lang="en")


def at(level: str) -> pd.DataFrame:
    report = full()
    return report[report["level"] == level]


@cache
def demo() -> Dataset:
    """A small demo regency with actuals to June 2025."""
    from tukin.demo import generate

    return Dataset.from_frames(**generate(150, seed=11, months=6))


def rows(report: pd.DataFrame) -> dict[str, dict[str, object]]:
    return {str(r["id"]): r for r in report.to_dict("records")}


class TestBudgetFigures:
    """Money in the window and to date, latest progress, missing months."""

    def test_cumulative_and_window(self) -> None:
        """A month's window holds that month; to-date sums run from January."""
        br = mini()["budget_realisations"]
        q1 = budget_figures(br, "2025-Q1")
        assert q1.loc["S11", ["spent", "spent_to_date", "planned_spent"]].tolist() == [
            240,
            240,
            200,
        ]
        assert q1.loc["S11", "physical_pct"] == 50 and q1.loc["S12", "physical_pct"] == 8
        march = budget_figures(br, "2025-03", cumulative=False)
        assert march.loc["S11", ["spent", "spent_to_date"]].tolist() == [120, 240]
        assert march.loc["S12", ["spent", "spent_to_date", "months_missing"]].tolist() == [0, 40, 1]
        assert march.loc["SE", "months_missing"] == 0  # the Q1 row covers March

    def test_status_filter(self) -> None:
        """Signed only: S11 keeps January; SE (entered) drops out of the sums."""
        got = budget_figures(mini()["budget_realisations"], "2025-Q1", min_status="signed")
        assert got.loc["S11", ["spent", "physical_pct"]].tolist() == [60, 10]
        assert got.loc["SE", "spent"] == 0 and np.isnan(got.loc["SE", "physical_pct"])

    def test_money_stays_integer(self) -> None:
        """Rupiah columns are int64 even for sums past 2**53."""
        br = pd.DataFrame(
            {
                "work_item_id": ["A", "A"],
                "period": ["2025-01", "2025-02"],
                "spent": [2**62, 7],
                "physical_pct": [1.0, 2.0],
            }
        )
        got = budget_figures(br, "2025-Q1")
        assert got["spent"].dtype == np.int64 and int(got.loc["A", "spent"]) == 2**62 + 7

    @pytest.mark.parametrize("column", ["spent", "planned_spent"])
    def test_money_that_int64_cannot_total_is_refused(self, column: str) -> None:
        """Amounts whose total passes 2**63 - 1 wrapped the sums without a word (review 61):
        refused, naming table and column, in both languages; 1,024 amounts of 2**53 - 1
        (total 2**63 - 1024) are still added exactly."""
        from tukin.errors import DataError
        from tukin.monitoring.figures import monthly_series

        def frame(n: int) -> pd.DataFrame:
            return pd.DataFrame(
                {
                    "work_item_id": [f"A{i}" for i in range(n)],
                    "period": "2025-01",
                    "spent": 0,
                    "planned_spent": 0,
                    "physical_pct": 1.0,
                }
            ).assign(**{column: 2**53 - 1})

        got = budget_figures(frame(1024), "2025-Q1")
        assert int(got[column].sum()) == 2**63 - 1024
        for figures, period in ((budget_figures, "2025-Q1"), (monthly_series, 2025)):
            with pytest.raises(DataError) as info:
                figures(frame(1025), period)
            error = info.value
            assert error.code == "column_total_too_large"
            assert error.message("en").startswith(
                f"table budget_realisations, column {column}: the 1025 amounts add up to more "
                "than Rp9.223.372.036.854.775.807"
            )
            assert error.message("id").startswith(
                f"tabel budget_realisations, kolom {column}: 1025 nilai berjumlah lebih dari"
            )


def test_a_pagu_int64_cannot_total_is_refused_not_wrapped() -> None:
    """Review 61: with pagu of 9 × 10^18 and 6 × 10^18 the OPD showed a pagu of 0 and the
    regency 285 % progress. Each cell is now at most 2**53 - 1 (test_validation); 1,025 such
    pagu still pass 2**63 - 1 in total, and the report refuses them rather than wrap."""
    from tukin.errors import DataError

    tables = tst.mini_regency_tables()
    wi = tables["work_items"]
    extra = [
        {**wi.iloc[3].to_dict(), "work_item_id": f"X{i}", "budget": 2**53 - 1} for i in range(1025)
    ]
    tables["work_items"] = pd.concat([wi, pd.DataFrame(extra)], ignore_index=True)
    ds = Dataset.from_frames(**tables)
    assert ds.report.ok
    with pytest.raises(DataError) as info:
        monitoring_report(ds, "2025-Q1", "opd", lang="en")
    assert info.value.code == "column_total_too_large"
    assert "table work_items, column budget: the 1032 amounts" in info.value.message("en")


class TestMonitoringReport:
    """monitoring_report at every level, checked against the hand computation."""

    def test_opd_level(self) -> None:
        """Budget, spending, progress, achievement, category and flags per OPD."""
        r = rows(at("opd"))
        d, e = r["D"], r["E"]
        assert (d["budget"], d["spent"], d["planned_to_date"]) == (1000, 280, 280)
        assert d["financial_pct"] == pytest.approx(28) and d["physical_pct"] == pytest.approx(33.2)
        assert d["planned_physical_pct"] == pytest.approx(32) and d["gap_pct"] == pytest.approx(5.2)
        assert d["achievement_pct"] == pytest.approx(112.5) and d["category"] == "Sangat Baik"
        assert (d["missing_reports"], d["sub_kegiatan"], d["indicators"]) == (1, 2, 4)
        assert not d["low_absorption"] and not d["physical_ahead"]
        assert e["deviation_pct"] == pytest.approx(-15) and e["low_absorption"]
        assert e["gap_pct"] == pytest.approx(25) and e["physical_ahead"]
        assert (e["indicators_without_target"], e["indicators_without_realisation"]) == (1, 1)
        assert e["category"] == "Sangat Kurang" and e["official_opd_holder"] == "Hadi"
        assert e["flags"] == (
            "absorption 15.0 points below plan; physical 25.0 points ahead of financial; "
            "output achievement 0.0%; 1 indicators without a target; "
            "1 indicators without a realisation"
        )
        assert e["low_achievement"] and not d["low_achievement"]  # 0 % vs 112.5 %

    def test_every_level_and_the_regency(self) -> None:
        """Programs and kegiatan sum their sub kegiatan; the regency sums everything."""
        report = full()
        alone = monitoring_report(mini(), "2025-Q1", "kegiatan", lang="en")
        pd.testing.assert_frame_equal(alone, at("kegiatan").reset_index(drop=True))
        assert report["level"].value_counts().to_dict() == {
            "regency": 1,
            "opd": 2,
            "program": 2,
            "kegiatan": 2,
            "sub_kegiatan": 3,
        }
        r = rows(report)
        assert r["regency"]["budget"] == 1100 and r["regency"]["spent"] == 285
        assert r["regency"]["achievement_pct"] == pytest.approx(56.25)
        assert r["K1"]["budget"] == r["P1"]["budget"] == 1000
        assert r["K1"]["achievement_pct"] == pytest.approx(105)
        assert r["S12"]["achievement_pct"] == pytest.approx(75)
        assert r["S12"]["flags"] == (  # not reporting counts as no progress against its plan
            "physical 12.0 points behind plan; 1 sub kegiatan missing a realisation report for a "
            "month of the period"
        )

    def test_rows_name_the_official_at_every_level(self) -> None:
        """A sub kegiatan row names its pengawas, administrator, JPT and head of OPD."""
        s12 = rows(at("sub_kegiatan"))["S12"]
        assert [
            s12[f"official_{lv}_id"] for lv in ("sub_kegiatan", "kegiatan", "program", "opd")
        ] == ["kasi2", "kabid", "kadis", "kadis"]
        assert s12["official_kegiatan_holder"] == "Budi" and s12["opd_name"] == "Dinas"

    def test_period_window_and_status(self) -> None:
        """A month alone, and signed figures only."""
        d = rows(monitoring_report(mini(), "2025-03", "opd", MonitoringOptions(cumulative=False)))[
            "D"
        ]
        assert (d["spent"], d["planned_spent"], d["spent_to_date"]) == (120, 100, 280)
        signed = rows(
            monitoring_report(mini(), "2025-Q1", "all", MonitoringOptions(min_status="signed"))
        )
        assert signed["D"]["spent"] == 100 and signed["D"]["physical_pct"] == pytest.approx(9.2)
        assert signed["E"]["spent"] == 0
        # i2 is only approved: it scores 0, K1 = (4·(9/10 + 0)/4 + 3/4) / 5 = 33 %
        assert signed["K1"]["achievement_pct"] == pytest.approx(33)

    def test_options_bands_and_thresholds(self) -> None:
        """Categories from custom bands over another value; flag thresholds are options."""
        opt = MonitoringOptions(
            category_of="physical_pct",
            progress_gap=30,
            absorption_gap=20,
            bands=(CategoryBand(min=30, label="on track"), CategoryBand(min=0, label="late")),
        )
        r = rows(monitoring_report(mini(), "2025-Q1", "opd", opt))
        assert (r["D"]["category"], r["E"]["category"]) == ("on track", "on track")
        assert not r["E"]["physical_ahead"] and not r["E"]["low_absorption"]

    def test_indonesian_flags_and_bad_level(self) -> None:
        """Flag text follows lang; an unknown level is refused."""
        e = rows(monitoring_report(mini(), "2025-Q1", "opd", lang="id"))["E"]
        assert e["flags"].startswith("serapan 15.0 poin di bawah rencana")
        with pytest.raises(ValueError, match="level"):
            monitoring_report(mini(), "2025-Q1", "seksi")  # type: ignore[arg-type]

    def test_money_is_exact_at_every_level(self) -> None:
        """Pagu at the cell bound (2**53 - 1, beyond it a cell is refused: test_validation)
        sum past 2**53 to the rupiah up to the regency, where a float would round."""
        tables = tst.mini_regency_tables()
        tables["work_items"].loc[[2, 3], "budget"] = 2**53 - 1
        report = monitoring_report(Dataset.from_frames(**tables), "2025-Q1", "all")
        assert report["budget"].dtype == np.int64
        assert int(report.loc[0, "budget"]) == 2 * (2**53 - 1) + 100

    def test_categorise_default_bands(self) -> None:
        """Regional bands: 91 Sangat Baik, 76 Baik, 66 Cukup, 51 Kurang, below Sangat Kurang."""
        got = categorise(pd.Series([100, 91, 90.5, 76, 66, 65.9, 51, 50, np.nan]))
        assert got.tolist() == [
            "Sangat Baik",
            "Sangat Baik",
            "Baik",
            "Baik",
            "Cukup",
            "Kurang",
            "Kurang",
            "Sangat Kurang",
            None,
        ]

    def test_demo_regency_quarter(self) -> None:
        """The demo regency's Q2 report: OPD sums equal the sub kegiatan sums, every OPD has
        its head and every sub kegiatan its pengawas."""
        report = monitoring_report(demo(), "2025-Q2", "all")
        opd, sub = report[report["level"] == "opd"], report[report["level"] == "sub_kegiatan"]
        assert opd["budget"].sum() == sub["budget"].sum() == report.loc[0, "budget"]
        assert opd["spent"].sum() == sub["spent"].sum()
        assert (
            opd["official_opd_id"].notna().all() and sub["official_sub_kegiatan_id"].notna().all()
        )
        assert opd["achievement_pct"].between(0, 200).all()


class TestWhoMustAct:
    """The list of officials who must act, on what."""

    def test_flagged_rows_with_official_and_supervisor(self) -> None:
        """S12's pengawas must report; the camat must act on everything in E."""
        acts = who_must_act(full())
        s12 = acts[acts["id"] == "S12"].iloc[0]
        assert (s12["official_id"], s12["holder"], s12["supervisor"]) == (
            "kasi2",
            "Dedi",
            "Kepala Bidang",
        )
        assert set(acts.loc[acts["opd_id"] == "E", "official_id"]) == {"camat"}
        assert "regency" not in set(acts["level"])


class TestPending:
    """What waits for approval or sign-off, and with whom."""

    def test_waiting_for_signature_and_approval(self) -> None:
        """Entered rows wait for the superior's approval, approved ones for the head's sign-off."""
        got = pending(mini(), "2025-Q1")
        got = {
            (r["table"], r["work_item_id"], r["period"]): (r["next_action"], r["waiting_for_id"])
            for r in got.to_dict("records")
        }
        assert got == {
            ("budget_realisations", "S11", "2025-02"): ("sign", "kadis"),
            ("budget_realisations", "S11", "2025-03"): ("approve", "kabid"),
            ("budget_realisations", "SE", "2025-Q1"): ("approve", "camat"),
            ("realisations", "S11", "2025-Q1"): ("sign", "kadis"),
        }

    def test_required_status_and_summary(self) -> None:
        """Only entered rows are pending when approval suffices; the summary counts per official."""
        assert len(pending(mini(), "2025-Q1", "approved")) == 2
        summary = pending_by_official(pending(mini(), "2025-Q1"))
        assert summary.set_index(["waiting_for_id", "next_action"])["rows"].to_dict() == {
            ("kabid", "approve"): 1,
            ("kadis", "sign"): 2,
            ("camat", "approve"): 1,
        }
        assert pending(mini(), "2025-02", cumulative=False).empty is False
        assert pending_by_official(pending(mini(), "2025-01", cumulative=False)).empty


class TestPlots:
    """S-curves and the ranked bar chart (Agg, no pyplot)."""

    def test_s_curve_data(self) -> None:
        """Cumulative plan and actual in % of pagu; nothing after the period or the last plan."""
        data = s_curve_data(mini(), "2025-Q1").set_index(["opd_id", "month"])
        assert data.loc[
            ("D", 1), ["planned_cum_pct", "actual_cum_pct", "physical_pct"]
        ].tolist() == pytest.approx([9, 7, 8])
        assert data.loc[("D", 3), ["planned_cum_pct", "actual_cum_pct"]].tolist() == pytest.approx(
            [28, 28]
        )
        assert data.loc[("D", 3), "physical_pct"] == pytest.approx(33.2)
        assert data.loc[("D", 4), ["planned_cum_pct", "actual_cum_pct"]].isna().all()
        assert data.loc[
            ("E", 3), ["planned_cum_pct", "actual_cum_pct", "physical_pct"]
        ].tolist() == pytest.approx([20, 5, 30])

    def test_figures_save_as_png(self, tmp_path: Path) -> None:
        """One panel per OPD; a bar per OPD; both save as PNG."""
        fig = plot_s_curves(mini(), "2025-Q1", lang="id")
        assert isinstance(fig, Figure) and sum(ax.get_visible() for ax in fig.axes) == 2
        ranking = plot_ranking(at("opd"), "achievement_pct")
        assert len(ranking.axes[0].patches) == 2
        for f, name in ((fig, "s.png"), (ranking, "r.png")):
            f.savefig(tmp_path / name)
            assert (tmp_path / name).read_bytes()[:4] == b"\x89PNG"


class TestExcel:
    """The workbook: sheets, translated headers, number formats."""

    def test_sheets_headers_formats(self, tmp_path: Path) -> None:
        """Indonesian sheet names and headers; rupiah and percent formats; frozen header."""
        report = full()
        waiting = pending(mini(), "2025-Q1")
        path = export_excel(
            tmp_path / "m.xlsx",
            report,
            actions=who_must_act(report),
            pending=waiting,
            pending_by_official=pending_by_official(waiting),
            lang="id",
        )
        wb = openpyxl.load_workbook(path)
        assert wb.sheetnames == ["Laporan", "Tindak lanjut", "Belum disetujui", "Rekap per pejabat"]
        ws = wb["Laporan"]
        headers = [c.value for c in ws[1]]
        assert "pagu" in headers and "capaian_kinerja_pct" in headers
        col = headers.index("pagu") + 1
        assert ws.cell(2, col).value == 1100 and ws.cell(2, col).number_format == "#,##0"
        assert ws.freeze_panes == "B2"
        back = pd.read_excel(path, sheet_name="Laporan")
        assert len(back) == len(report)


class TestCliMonitor:
    """cli_monitor and ``tukin monitor``: the demo regency's quarter as Excel and two plots."""

    def test_files(self, tmp_path: Path) -> None:
        """Three files: the workbook with one row per OPD, the S-curves and the ranking."""
        paths = cli_monitor(mini(), "2025-Q1", "opd", tmp_path, "en")
        names = ["monitoring-2025-Q1-opd.xlsx", "s-curve-2025-Q1.png", "ranking-2025-Q1.png"]
        assert [p.name for p in paths] == names
        report = pd.read_excel(paths[0], sheet_name="Report")
        assert report["id"].tolist() == ["D", "E"]
        waiting = pd.read_excel(paths[0], sheet_name="Pending by official")
        assert waiting["rows"].sum() == 4
        assert all(p.read_bytes()[:4] == b"\x89PNG" for p in paths[1:])

    def test_command_line(self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """``tukin monitor --period 2025-Q2`` writes the report of the demo regency's quarter."""
        from tukin import cli
        from tukin import demo as demo_module

        small = demo_module.generate(40, seed=5, months=6)
        monkeypatch.setattr(demo_module, "generate", lambda *a, **k: small)
        code = cli.main(
            ["monitor", "--period", "2025-Q2", "--level", "program", "--out", str(tmp_path)]
        )
        assert code == 0
        assert sorted(p.name for p in tmp_path.iterdir()) == [
            "monitoring-2025-Q2-program.xlsx",
            "ranking-2025-Q2.png",
            "s-curve-2025-Q2.png",
        ]
        report = pd.read_excel(tmp_path / "monitoring-2025-Q2-program.xlsx", sheet_name="Laporan")
        programs = small["work_items"]["level"].eq("program").sum()
        assert len(report) == programs and report["realisasi_keuangan_pct"].between(0, 100).all()

    def test_public_names(self) -> None:
        """The package exports a sorted, stable set of names."""
        isort_style = sorted(
            monitoring.__all__, key=lambda n: (not n.isupper(), not n[0].isupper(), n)
        )
        assert monitoring.__all__ == isort_style
        assert {"monitoring_report", "cli_monitor", "who_must_act", "pending"} <= set(
            monitoring.__all__
        )


class TestDocs:
    """docs/responsibility.md: its Python examples run."""

    def test_python_blocks_run(self) -> None:
        """Every ```python block of the page executes without error."""
        text = (Path(__file__).resolve().parent.parent / "docs" / "responsibility.md").read_text()
        blocks = [b.split("```")[0] for b in text.split("```python\n")[1:]]
        assert blocks
        for block in blocks:
            exec(compile(block, "docs/responsibility.md", "exec"), {})


class TestLaggingReachesItsOfficial:
    """An item behind its physical plan, with outputs far below target, or with pagu and no
    indicator is flagged, so it reaches who_must_act: no lagging activity goes unseen."""

    def report(self) -> pd.DataFrame:
        from tukin.monitoring.flags import MonitoringOptions, flag

        r = pd.DataFrame(
            {
                "id": ["S1", "S2", "S3", "K1"],
                "level": ["sub_kegiatan", "sub_kegiatan", "sub_kegiatan", "kegiatan"],
                "budget": [100, 100, 100, 300],
                "indicators": [1, 0, 2, 3],
                "planned_to_date": [10, 10, 10, 30],
                "deviation_pct": [0.0, 0.0, 0.0, 0.0],
                "gap_pct": [0.0, 0.0, 0.0, 0.0],
                "physical_pct": [5.0, 20.0, 40.0, 22.0],
                "planned_physical_pct": [50.0, 20.0, 45.0, 38.0],
                "achievement_pct": [30.0, float("nan"), 80.0, 55.0],
                "missing_reports": [0, 0, 0, 0],
                "indicators_without_target": [0, 0, 0, 0],
                "indicators_without_realisation": [0, 0, 0, 0],
                "sub_kegiatan_without_indicators": [0, 1, 0, 1],
            }
        )
        return flag(r, MonitoringOptions(), lang="en")

    def test_flags(self) -> None:
        r = self.report().set_index("id")
        assert r.loc["S1", "flags"] == "physical 45.0 points behind plan; output achievement 30.0%"
        assert r.loc["S2", "flags"] == "1 sub kegiatan with pagu but no indicator"
        assert r.loc["S3", "flags"] == ""  # 5 points behind plan, 80 %: within the bars
        assert r.loc["K1", "physical_behind_plan"] and r.loc["K1", "low_achievement"]
        assert "1 sub kegiatan with pagu but no indicator" in r.loc["K1", "flags"]  # below it

    def test_options(self) -> None:
        from tukin.monitoring.flags import MonitoringOptions, flag

        r = self.report()
        quiet = flag(r, MonitoringOptions(plan_gap=50, achievement_floor=None), lang="en")
        assert not quiet["physical_behind_plan"].any() and not quiet["low_achievement"].any()


def test_a_parent_is_behind_its_plan_only_where_its_planned_items_are() -> None:
    """Physical progress is compared with the plan over the items that have one: a kegiatan
    whose only planned sub kegiatan is ahead of plan is not behind, however little the
    unplanned one has done."""
    from tukin.monitoring.flags import MonitoringOptions, flag

    r = pd.DataFrame(
        {
            "level": ["kegiatan"],
            "budget": [200],
            "planned_to_date": [0],
            "deviation_pct": [0.0],
            "gap_pct": [0.0],
            "physical_pct": [23.0],  # (46 x 100 + 0 x 100) / 200
            "planned_physical_pct": [45.0],  # S11's plan only
            "_physical_on_plan": [46.0],  # S11's progress
            "achievement_pct": [90.0],
            "missing_reports": [0],
            "sub_kegiatan_without_indicators": [0],
            "indicators_without_target": [0],
            "indicators_without_realisation": [0],
        }
    )
    assert not flag(r, MonitoringOptions(), lang="en")["physical_behind_plan"].iloc[0]


@pytest.mark.parametrize(("cap", "refused"), [(0, True), (-1, True), ("1/100", False)])
def test_a_rollup_cap_must_be_positive(cap: object, refused: bool) -> None:
    """A cap of 0 would score every indicator 0: refused with -1, while 1% is allowed."""
    from pydantic import ValidationError

    from tukin.monitoring.rollup import RollupPolicy

    if refused:
        with pytest.raises(ValidationError, match="must be above 0"):
            RollupPolicy.model_validate({"cap": cap})
    else:
        assert RollupPolicy.model_validate({"cap": cap}).cap is not None


def test_an_indicator_with_a_target_of_0_is_left_out_of_the_rollup() -> None:
    """rollup.py: a higher-is-better indicator with a target of 0 is left out (zero_target:
    lower_scored scores lower-is-better ones only). SE's i5 meets its target (50 of 50) and
    i6 has a target of 0 with a realisation of 3: SE scores 100%, not the mean of 100% and
    the 0 a target of 0 gives (50%), and i6 is counted as left out for its target of 0 (not
    as one without a target: it has one)."""
    tables = tst.mini_regency_tables()
    target = {"indicator_id": ["i6"], "period": ["2025-Q1"], "target": [0], "target_max": [None]}
    real = {
        "indicator_id": ["i5", "i6"],
        "period": ["2025-Q1"] * 2,
        "value": [50, 3],
        "status": ["signed"] * 2,
    }
    tables["targets"] = pd.concat([tables["targets"], pd.DataFrame(target)], ignore_index=True)
    tables["realisations"] = pd.concat(
        [tables["realisations"], pd.DataFrame(real)], ignore_index=True
    )
    report = monitoring_report(Dataset.from_frames(**tables), "2025-Q1", "all", lang="en")
    se = rows(report[report["level"] == "sub_kegiatan"])["SE"]
    assert se["achievement_pct"] == 100.0
    assert (se["indicators_without_target"], se["indicators_zero_target"]) == (0, 1)


@pytest.mark.parametrize(
    ("params", "key", "en", "id_"),
    [
        ({"cap": 0}, "cap", "cap: must be above 0, not 0", "cap: harus lebih dari 0, bukan 0"),
        ({"blend": 2}, "blend", "blend: must lie between 0 and 1", "blend: harus antara 0 dan 1"),
        (
            {"blend": "1/2", "scope": "subordinates"},
            "blend",
            "use it with scope: own",
            "gunakan dengan scope: own",
        ),
    ],
)
def test_rollup_settings_are_refused_in_both_languages(
    params: dict[str, object], key: str, en: str, id_: str
) -> None:
    """A roll-up step's cap and blend refused in English and Indonesian, at the key."""
    from tukin.errors import RuleSetError
    from tukin.ruleset.load import build_ruleset

    step = {"id": "c", "type": "rollup", **params}
    spec = {"name": "t", "steps": [step], "outputs": {"allowance": "c"}}
    with pytest.raises(RuleSetError) as caught:
        build_ruleset(spec, {})
    (problem,) = caught.value.problems
    assert en in problem.message_en and id_ in problem.message_id
    assert en not in problem.message_id
    assert problem.key == f"steps.0.{key}"
