"""Every lagging item reaches someone who can act on it: vacant posts, the action list of the
workbook, reports that were due but are missing, and which report a score read.

The hand-made regency (tests/strategies.py: mini_regency_tables), 2025-Q1, with the changes
each test states: S12 (kasi2, Dedi) did not report March, so it is flagged; its kegiatan K1
is answered for by the Kepala Bidang (Budi), K1's program P1 by the Kepala Dinas (Ani).
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd
import pytest

from tests import strategies as tst
from tukin.dataset import Dataset
from tukin.errors import ArgumentError
from tukin.monitoring import cli_monitor, monitoring_report, pending, who_must_act

BUDI = "198001012005010002"  # the Kepala Bidang's NIP in the mini regency


def regency(*, kabid_vacant: bool = False, **changes: pd.DataFrame) -> Dataset:
    """The mini regency; ``kabid_vacant``: Budi left on 31 December 2024; S12's February
    figures entered, not yet approved; ``changes`` replace whole tables."""
    t = tst.mini_regency_tables()
    br = t["budget_realisations"]
    feb = (br["work_item_id"] == "S12") & (br["period"] == "2025-02")
    br.loc[feb, "status"] = "entered"
    if kabid_vacant:
        emp = t["employees"]
        emp["end_date"] = None
        emp.loc[emp["nip"] == BUDI, "end_date"] = "2024-12-31"
    t.update(changes)
    return Dataset.from_frames(mode="strict", **t)


def report(ds: Dataset, period: str = "2025-Q1", level: str = "all", **kw: object) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return monitoring_report(ds, period, level, lang="en", **kw)  # type: ignore[arg-type]


class TestVacantPosts:
    """A post nobody holds during the period passes what waits on it to the next one up."""

    def test_the_supervisor_is_someone_in_office(self) -> None:
        """With the Kepala Bidang in office he is S12's supervisor; once the post is vacant,
        S12 goes to the Kepala Dinas, and K1's row says its own official's post is vacant."""
        acts = who_must_act(report(regency())).set_index("id")
        s12 = acts.loc["S12"]
        assert (s12["supervisor_id"], s12["supervisor"], s12["supervisor_holder"]) == (
            "kabid",
            "Kepala Bidang",
            "Budi",
        )
        assert not s12["vacant"]
        acts = who_must_act(report(regency(kabid_vacant=True))).set_index("id")
        s12 = acts.loc["S12"]
        assert (s12["holder"], s12["supervisor_id"], s12["supervisor_holder"]) == (
            "Dedi",
            "kadis",
            "Ani",
        )
        assert not s12["vacant"]

    def test_a_vacant_official_is_marked(self) -> None:
        """K1 (flagged for S12's missing report) is answered for by the vacant post: marked,
        no holder, and its supervisor the Kepala Dinas."""
        acts = who_must_act(report(regency(kabid_vacant=True))).set_index("id")
        k1 = acts.loc["K1"]
        assert k1["official_id"] == "kabid" and k1["vacant"] and pd.isna(k1["holder"])
        assert (k1["supervisor_id"], k1["supervisor_holder"]) == ("kadis", "Ani")
        assert acts["vacant"].dtype == bool and acts["vacant"].sum() == 1

    def test_a_vacant_approver_passes_the_row_up(self) -> None:
        """S12's entered February figures wait for the Kepala Bidang; with the post vacant they
        wait for the Kepala Dinas, the vacant post named beside."""

        def approvals(ds: Dataset) -> list[tuple[str, object, object]]:
            rows = pending(ds, "2025-Q1", "signed")
            rows = rows[(rows["work_item_id"] == "S12") & (rows["next_action"] == "approve")]
            return list(
                zip(
                    rows["waiting_for_id"],
                    rows["waiting_for_holder"],
                    rows["vacant_post_id"],
                    strict=True,
                )
            )

        [(who, holder, vacant)] = approvals(regency())
        assert (who, holder) == ("kabid", "Budi") and pd.isna(vacant)
        assert approvals(regency(kabid_vacant=True)) == [("kadis", "Ani", "kabid")]
        # nobody in office up the chain (the Kepala Dinas gone too): the row still waits for
        # the vacant post, and says it is vacant (review 36: vacant_post_id was empty)
        t = tst.mini_regency_tables()
        ani = t["employees"].loc[t["employees"]["position_id"] == "kadis", "nip"].iloc[0]
        emp = t["employees"].assign(end_date=None)
        emp.loc[emp["nip"].isin([BUDI, ani]), "end_date"] = "2024-12-31"
        [(who, holder, vacant)] = approvals(regency(employees=emp))
        assert (who, vacant) == ("kabid", "kabid") and pd.isna(holder)


class TestVacantHolderSaid:
    """The report's holder columns say a post is vacant: a blank cell read as missing data to
    a kepala OPD filtering the report, while the list of who must act said ``vacant``
    (review 128)."""

    @pytest.mark.parametrize(("lang", "text"), [("en", "(vacant)"), ("id", "(lowong)")])
    def test_the_vacant_post_is_named_so(self, lang: str, text: str) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            rows = monitoring_report(regency(kabid_vacant=True), "2025-Q1", "all", lang=lang)
        rows = rows.set_index("id")
        for item in ("K1", "S11", "S12"):  # the kegiatan's own row and those under it
            assert rows.loc[item, "official_kegiatan_holder"] == text
        assert rows.loc["S12", "official_sub_kegiatan_holder"] == "Dedi"
        assert rows.loc["P1", "official_program_holder"] == "Ani"
        # no post answers for an OPD row at kegiatan level: blank, not vacant
        assert pd.isna(rows.loc["D", "official_kegiatan_holder"])
        assert pd.isna(rows.loc["D", "official_kegiatan_id"])

    def test_a_post_in_office_is_not(self) -> None:
        rows = report(regency()).set_index("id")
        assert rows.loc["K1", "official_kegiatan_holder"] == "Budi"
        assert not rows.filter(like="_holder").isin(["(vacant)", "(lowong)"]).any().any()

    def test_the_workbook_says_it_and_the_actions_still_pass_it_up(self, tmp_path: Path) -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            paths = cli_monitor(regency(kabid_vacant=True), "2025-Q1", "all", tmp_path, "id")
        sheets = pd.read_excel(paths[0], sheet_name=None)
        rows = sheets["Laporan"].set_index("kode_id")
        assert rows.loc["K1", "pemangku_kegiatan"] == "(lowong)"
        acts = sheets["Tindak lanjut"].set_index("kode_id")
        k1 = acts.loc["K1"]
        assert bool(k1["jabatan_lowong"]) and pd.isna(k1["pemangku"])
        assert (k1["atasan_id"], k1["pemangku_atasan"]) == ("kadis", "Ani")


class TestWorkbookActions:
    """The workbook's list of who must act reaches the official of every flagged row, whatever
    the level of its report sheet."""

    def test_an_opd_report_still_lists_the_sub_kegiatan(self, tmp_path: Path) -> None:
        """``tukin monitor`` writes the OPD report by default: its action sheet held only the
        heads of the OPDs, so the Kepala Seksi of S12 (no March report) never saw it."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            paths = cli_monitor(regency(), "2025-Q1", "opd", tmp_path, "en")
        sheets = pd.read_excel(paths[0], sheet_name=None)
        assert set(sheets["Report"]["level"]) == {"opd"}
        acts = sheets["Who must act"].set_index("id")
        assert acts.loc["S12", "official_id"] == "kasi2"
        assert {"sub_kegiatan", "kegiatan", "program", "opd"} <= set(acts["level"])
        flagged = report(regency())
        assert len(acts) == len(who_must_act(flagged))

    def test_command_line_levels_and_period_only(self, tmp_path: Path) -> None:
        """``--level all`` is accepted, an unknown level is a usage error (exit 2, no
        traceback), ``--period-only`` sums the money of the period alone."""
        from tukin import cli

        folder = tmp_path / "csv"
        folder.mkdir()
        for name, frame in tst.mini_regency_tables().items():
            frame.to_csv(folder / f"{name}.csv", index=False)
        base = ["monitor", "--data", str(folder), "--lang", "en"]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            assert (
                cli.main(
                    [*base, "--period", "2025-Q1", "--level", "all", "--out", str(tmp_path / "a")]
                )
                == 0
            )
            with pytest.raises(SystemExit) as info:
                cli.main([*base, "--period", "2025-Q1", "--level", "seksi"])
            assert info.value.code == 2
            assert (
                cli.main(
                    [
                        *base,
                        "--period",
                        "2025-02",
                        "--level",
                        "sub_kegiatan",
                        "--period-only",
                        "--out",
                        str(tmp_path / "b"),
                    ]
                )
                == 0
            )
        full = pd.read_excel(tmp_path / "a" / "monitoring-2025-Q1-all.xlsx", sheet_name="Report")
        assert set(full["level"]) == {"regency", "opd", "program", "kegiatan", "sub_kegiatan"}
        feb = pd.read_excel(
            tmp_path / "b" / "monitoring-2025-02-sub_kegiatan.xlsx", sheet_name="Report"
        ).set_index("id")
        # S11: 60 spent in February alone, 120 from January; percentages of pagu to date
        assert (feb.loc["S11", "spent"], feb.loc["S11", "spent_to_date"]) == (60, 120)
        policy = pd.read_excel(
            tmp_path / "b" / "monitoring-2025-02-sub_kegiatan.xlsx", sheet_name="Policy"
        )
        assert dict(zip(policy["setting"], policy["value"], strict=True))["cumulative"] in (
            False,
            "False",
        )

    def test_an_unknown_level_is_said_in_both_languages(self) -> None:
        with pytest.raises(ArgumentError) as info:
            monitoring_report(regency(), "2025-Q1", "seksi")  # type: ignore[arg-type]
        assert info.value.code == "invalid_report_level"
        assert "level 'seksi'" in info.value.message("en")
        assert "tingkat laporan" in info.value.message("id")


def monthly(values: dict[str, float], targets: dict[str, float]) -> dict[str, pd.DataFrame]:
    """Indicator i1 of S11 reported and targeted per month (every other one as in the mini
    regency)."""
    t = tst.mini_regency_tables()
    keep_t = t["targets"][t["targets"]["indicator_id"] != "i1"]
    keep_r = t["realisations"][t["realisations"]["indicator_id"] != "i1"]
    tg = pd.DataFrame(
        {
            "indicator_id": "i1",
            "period": list(targets),
            "target": list(targets.values()),
            "target_max": None,
        }
    )
    re = pd.DataFrame(
        {
            "indicator_id": "i1",
            "period": list(values),
            "value": list(values.values()),
            "status": "signed",
        }
    )
    return {
        "targets": pd.concat([keep_t, tg], ignore_index=True),
        "realisations": pd.concat([keep_r, re], ignore_index=True),
    }


class TestOutdatedIndicators:
    """A report due by the period's end but missing is seen, though the score reads the last
    one (``periods: latest``)."""

    def test_a_missing_month_is_counted_and_flagged(self) -> None:
        """i1 reported January and February against monthly targets; March's report is missing.
        March's and Q1's figures read February's (the rule), and say a report is missing."""
        ds = regency(
            **monthly(
                {"2025-01": 30, "2025-02": 60}, {"2025-01": 30, "2025-02": 60, "2025-03": 100}
            )
        )
        for period in ("2025-03", "2025-Q1"):
            rows = report(ds, period).set_index("id")
            assert rows.loc["S11", "indicators_outdated"] == 1, period
            assert rows.loc["D", "indicators_outdated"] == 1
            assert rows.loc["S12", "indicators_outdated"] == 0
            assert "1 indicators counted from an earlier report" in rows.loc["S11", "flags"]
        feb = report(ds, "2025-02").set_index("id")
        assert feb.loc["S11", "indicators_outdated"] == 0
        acts = who_must_act(report(ds, "2025-03")).set_index("id")
        assert acts.loc["S11", "official_id"] == "kasi1"

    def test_a_report_not_yet_due_is_not_outdated(self) -> None:
        """i1 reported for Q1 against quarterly targets: February reads nothing newer due
        (Q1's target falls due at the end of March), April reads Q1 with Q2 not yet due."""
        ds = regency(**monthly({"2025-Q1": 90}, {"2025-Q1": 100, "2025-Q2": 100}))
        assert report(ds, "2025-04").set_index("id").loc["S11", "indicators_outdated"] == 0
        assert report(ds, "2025-Q1").set_index("id").loc["S11", "indicators_outdated"] == 0
        june = report(ds, "2025-06").set_index("id")
        assert june.loc["S11", "indicators_outdated"] == 1

    def test_a_report_not_yet_approved_is_outdated_for_a_policy_that_needs_it(self) -> None:
        """The March report entered only: counted by the report's defaults, not by a policy
        counting approved figures, which reads February's and flags it."""
        from tukin.monitoring import MonitoringOptions, RollupPolicy

        tables = monthly(
            {"2025-01": 30, "2025-02": 60, "2025-03": 100},
            {"2025-01": 30, "2025-02": 60, "2025-03": 100},
        )
        tables["realisations"].loc[tables["realisations"]["period"] == "2025-03", "status"] = (
            "entered"
        )
        ds = regency(**tables)
        assert report(ds, "2025-03").set_index("id").loc["S11", "indicators_outdated"] == 0
        strict = MonitoringOptions(rollup=RollupPolicy(min_status="approved"))
        rows = report(ds, "2025-03", options=strict).set_index("id")
        assert rows.loc["S11", "indicators_outdated"] == 1


def test_the_explanation_names_the_periods_read() -> None:
    """A monthly payment reading a quarterly report says so: realisation and target with their
    periods, an unreported indicator as such, the notes' names in Indonesian."""
    from tukin import calculate

    rs = tst.rollup_paying()
    t = tst.mini_regency_tables()
    t["targets"] = pd.concat(
        [
            t["targets"],
            pd.DataFrame(
                {
                    "indicator_id": ["i3"],
                    "period": ["2025-Q2"],
                    "target": [20],
                    "target_max": [None],
                }
            ),
        ],
        ignore_index=True,
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = calculate(Dataset.from_frames(**t), rs, "2025-04")
    kasi1 = "198001012005010003"
    notes = result.explain(kasi1, lang="en").step("capaian").notes
    assert notes["rollup_indicators"]["i1 Dokumen"] == (
        "90 (2025-Q1) / 100 (2025-Q1) (higher) → 90.00%, w 1"
    )
    kasi2 = result.explain("198001012005010004", lang="id")
    said = kasi2.step("capaian").notes["rollup_indicators"]["i3 Keluhan"]
    # i3 reported for Q1, compared in April with its Q1 target; the Q2 target not yet due
    assert said == "25 (2025-Q1) / 20 (2025-Q1) (makin rendah makin baik) → 75.00%, w 1"
    text = str(kasi2)
    assert "indikator (realisasi / target → capaian)" in text and "sumber capaian" in text
