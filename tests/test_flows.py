"""Flow indicators (``aggregation: sum``): a period's figure adds up its reports.

A "jumlah pelatihan dilaksanakan" reported as each month's number: the quarter's figure is
the sum of its months (its own quarterly row winning where one is given), its target the sum
of the months' targets. A level (progress to date, a percentage) keeps the latest report.
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tests.strategies as tst
from tukin import Dataset, calculate
from tukin.monitoring import monitoring_report
from tukin.monitoring.figures import indicator_figures, unreported_periods
from tukin.period import Period


def indicators(**aggregation: str) -> pd.DataFrame:
    ids = list(aggregation)
    return pd.DataFrame(
        {
            "indicator_id": ids,
            "work_item_id": "S1",
            "name": ids,
            "polarity": "higher",
            "weight": 1.0,
            "aggregation": [aggregation[i] for i in ids],
        }
    )


def rows(*rows: tuple[str, str, float]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["indicator_id", "period", "value"])


def aims(*rows: tuple[str, str, float]) -> pd.DataFrame:
    out = pd.DataFrame(rows, columns=["indicator_id", "period", "target"])
    out["target_max"] = np.nan
    return out


def figures(
    ind: pd.DataFrame, tg: pd.DataFrame, re: pd.DataFrame, period: str, rule: str = "latest"
):
    out = indicator_figures(ind, tg, re, period, periods=rule)  # type: ignore[arg-type]
    return out.set_index("indicator_id")


Q2 = ("2025-04", "2025-05", "2025-06")


class TestQuarterOfMonths:
    def test_a_flow_sums_its_months_a_level_reads_the_last(self) -> None:
        """10, 20, 30 trainings against 30 a month: the flow's quarter is 60 of 90; the level
        (the same reports read as progress to date) is June's 30 of June's 30."""
        ind = indicators(f="sum", l="level")
        re = rows(*[(i, m, v) for i in "fl" for m, v in zip(Q2, (10, 20, 30), strict=True)])
        tg = aims(*[(i, m, 30) for i in "fl" for m in Q2])
        out = figures(ind, tg, re, "2025-Q2")
        assert out.loc["f", ["value", "target", "target_period"]].tolist() == [60, 90, "2025-Q2"]
        assert out.loc["f", "value_period"] == "2025-06"  # the latest report added
        assert out.loc["l", ["value", "target", "target_period"]].tolist() == [30, 30, "2025-06"]

    def test_the_review_72_case_zero_zero_hundred(self) -> None:
        """April 0, May 0, June 100 against 40 a month: a flow's quarter is 100 of 120, not
        June's 100 against June's 40 (250 %)."""
        ind = indicators(f="sum")
        out = figures(
            ind,
            aims(*[("f", m, 40) for m in Q2]),
            rows(*zip("fff", Q2, (0, 0, 100), strict=True)),
            "2025-Q2",
        )
        assert out.loc["f", ["value", "target"]].tolist() == [100, 120]
        assert out.loc["f", "value_parts"] == "0 (2025-04) + 0 (2025-05) + 100 (2025-06)"
        assert out.loc["f", "target_parts"] == "40 (2025-04) + 40 (2025-05) + 40 (2025-06)"

    def test_the_quarters_own_row_wins_over_its_months(self) -> None:
        """A quarterly recap beside the months (the officer's figure for the quarter, which
        may correct them): the recap counts, the months are not added to it; the quarter's
        own target likewise wins over the months'."""
        ind = indicators(f="sum")
        re = rows(("f", "2025-04", 10), ("f", "2025-05", 10), ("f", "2025-Q2", 35))
        tg = aims(("f", "2025-04", 5), ("f", "2025-Q2", 40))
        out = figures(ind, tg, re, "2025-Q2")
        assert out.loc["f", ["value", "value_period", "target"]].tolist() == [35, "2025-Q2", 40]
        assert out.loc["f", "value_parts"] is None  # one report: nothing added up

    def test_a_year_adds_quarters_and_the_months_outside_them(self) -> None:
        """In the year, Q1's recap stands for January-March (its months are not added again)
        and April and May add to it; the year's target likewise."""
        ind = indicators(f="sum")
        re = rows(
            ("f", "2025-01", 1),
            ("f", "2025-02", 1),
            ("f", "2025-Q1", 5),
            ("f", "2025-04", 2),
            ("f", "2025-05", 3),
        )
        tg = aims(
            ("f", "2025-Q1", 6), ("f", "2025-04", 2), ("f", "2025-05", 2), ("f", "2025-03", 100)
        )
        out = figures(ind, tg, re, "2025")
        assert out.loc["f", ["value", "target", "target_period"]].tolist() == [10, 10, "2025"]

    def test_exact_and_enclosing_read_the_periods_own_row_only(self) -> None:
        """A flow of an enclosing period is not the period's: the year's count is no figure of
        Q2, under ``enclosing`` as under ``exact``; neither adds the months up."""
        ind = indicators(f="sum", l="level")
        re = rows(("f", "2025", 99), ("l", "2025", 99), *[("f", m, 1) for m in Q2])
        tg = aims(("f", "2025", 200), ("l", "2025", 200))
        for rule in ("enclosing", "exact"):
            out = figures(ind, tg, re, "2025-Q2", rule)
            assert np.isnan(out.loc["f", "value"]) and np.isnan(out.loc["f", "target"])
        level = figures(ind, tg, re, "2025-Q2", "enclosing")
        assert level.loc["l", ["value", "target"]].tolist() == [99, 200]  # a level: as before
        own = figures(ind, tg, rows(("f", "2025-Q2", 4), ("f", "2025-04", 9)), "2025-Q2", "exact")
        assert own.loc["f", "value"] == 4

    def test_a_month_reads_its_own_report(self) -> None:
        """A monthly payment: the month's own count, never the quarter's recap (a quarter's
        trainings are not June's)."""
        ind = indicators(f="sum")
        re = rows(("f", "2025-Q2", 30), ("f", "2025-05", 7))
        out = figures(ind, aims(("f", "2025-Q2", 30), ("f", "2025-06", 10)), re, "2025-06")
        assert np.isnan(out.loc["f", "value"]) and out.loc["f", "target"] == 10
        assert figures(ind, aims(), re, "2025-05").loc["f", "value"] == 7


class TestWithoutATargetForThePeriod:
    def test_a_monthly_payment_reads_the_latest_quarter_against_its_own_target(self) -> None:
        """A flow planned and reported per quarter has no figure of its own in a month: June's
        payment reads the latest report (Q1's 50) against that quarter's target (60), as a level
        would, but never against the year's plan (240) when the quarter has none."""
        ind = indicators(f="sum", g="sum")
        re = rows(("f", "2025-Q1", 50), ("g", "2025-Q1", 50))
        tg = aims(("f", "2025-Q1", 60), ("f", "2025", 240), ("g", "2025", 240))
        out = figures(ind, tg, re, "2025-06")
        got = out.loc["f", ["value", "value_period", "target", "target_period"]].tolist()
        assert got == [50, "2025-Q1", 60, "2025-Q1"]
        assert out.loc["g", "value"] == 50 and np.isnan(out.loc["g", "target"])


class TestMissingMonths:
    def test_a_missing_month_adds_nothing_and_is_flagged(self) -> None:
        """April and June reported, May not: the quarter is April + June, and May is named
        as a period not reported (not taken for a silent 0 that passes unseen)."""
        ind = indicators(f="sum")
        re = rows(("f", "2025-04", 10), ("f", "2025-06", 30))
        tg = aims(*[("f", m, 20) for m in Q2])
        fig = indicator_figures(ind, tg, re, "2025-Q2")
        assert fig["value"].tolist() == [40]
        assert unreported_periods(fig, tg, re, "2025-Q2").tolist() == [True]

    def test_nothing_reported_is_no_realisation(self) -> None:
        """No month reported: no value at all (the indicator scores 0 as not reported)."""
        fig = figures(indicators(f="sum"), aims(*[("f", m, 20) for m in Q2]), rows(), "2025-Q2")
        assert np.isnan(fig.loc["f", "value"]) and fig.loc["f", "target"] == 60


class TestNumbers:
    def test_decimals_add_up_exactly(self) -> None:
        """0.1 + 0.2 is the decimal 0.3 a clerk would add, not 0.30000000000000004."""
        out = figures(
            indicators(f="sum"),
            aims(("f", "2025-Q2", 1)),
            rows(("f", "2025-04", 0.1), ("f", "2025-05", 0.2)),
            "2025-Q2",
        )
        assert out.loc["f", "value"] == 0.3

    def test_range_targets_add_both_bounds(self) -> None:
        """[8, 10] + [8, 10] + 9 (a single target): the quarter's range is [25, 29]."""
        tg = pd.DataFrame(
            {
                "indicator_id": "f",
                "period": list(Q2),
                "target": [8, 8, 9],
                "target_max": [10, 10, None],
            }
        )
        out = figures(indicators(f="sum"), tg, rows(), "2025-Q2")
        assert out.loc["f", ["target", "target_max"]].tolist() == [25, 29]

    def test_the_status_is_the_lowest_added(self) -> None:
        """A sum with one month only entered is only as verified as that month; counting
        approved and above leaves that month out."""
        re = rows(("f", "2025-04", 1), ("f", "2025-05", 2)).assign(status=["signed", "entered"])
        out = figures(indicators(f="sum"), aims(("f", "2025-Q2", 9)), re, "2025-Q2")
        assert out.loc["f", ["value", "status"]].tolist() == [3, "entered"]
        strict = indicator_figures(
            indicators(f="sum"), aims(("f", "2025-Q2", 9)), re, "2025-Q2", min_status="approved"
        )
        assert strict[["value", "status"]].iloc[0].tolist() == [1, "signed"]


PERIODS = [
    *(f"2025-{m:02d}" for m in range(1, 13)),
    *(f"2025-Q{q}" for q in range(1, 5)),
    "2025-C1",
    "2025-C2",
    "2025-C3",
    "2025",
    "2024-12",
    "2026-01",
]


def reference_sum(reports: dict[str, float], period: Period) -> float:
    """The rule, one indicator at a time: the reports inside the period, a report dropped
    when a longer one inside the period shares a month with it."""
    inside = {
        p: v
        for p, v in reports.items()
        if Period.parse(p).year == period.year
        and period.start <= Period.parse(p).start
        and Period.parse(p).end <= period.end
    }

    def months(p: str) -> set[int]:
        return {m.index for m in Period.parse(p).months()}

    kept = [
        p
        for p in inside
        if not any(len(months(q)) > len(months(p)) and months(q) & months(p) for q in inside)
    ]
    return sum(inside[p] for p in kept) if kept else float("nan")


class TestAgainstTheRuleWrittenOut:
    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(
            st.tuples(
                st.sampled_from(["a", "b", "c"]), st.sampled_from(PERIODS), st.integers(0, 50)
            ),
            max_size=25,
        ),
        st.sampled_from(["2025-Q1", "2025-Q2", "2025-C2", "2025", "2025-06"]),
        st.randoms(use_true_random=False),
    )
    def test_vectorised_equals_one_indicator_at_a_time(self, reports, period, rnd) -> None:
        """Random reports of any period kind, in any order: each indicator's figure is the
        rule applied to that indicator alone (the first of a repeated period counting)."""
        first: dict[str, dict[str, float]] = {}
        for i, p, v in reports:
            first.setdefault(i, {}).setdefault(p, float(v))
        frame = rows(*reports)
        frame = frame.drop_duplicates(["indicator_id", "period"]).sample(
            frac=1, random_state=rnd.randint(0, 99)
        )
        out = figures(
            indicators(a="sum", b="sum", c="sum"),
            aims(*[(i, period, 1) for i in "abc"]),
            frame,
            period,
        )
        for i in "abc":
            want = reference_sum(first.get(i, {}), Period.parse(period))
            got = out.loc[i, "value"]
            assert (np.isnan(want) and np.isnan(got)) or got == want


class TestThroughTheDataset:
    def tables(self, aggregation: object) -> dict[str, pd.DataFrame]:
        """The mini regency with i1 (S11) reported per month of Q1: 20, 30, 40 of 30 a month."""
        t = tst.mini_regency_tables(budget=False)
        t["indicators"] = t["indicators"].assign(aggregation=aggregation)
        months = ("2025-01", "2025-02", "2025-03")
        t["targets"] = pd.concat(
            [
                t["targets"][t["targets"]["indicator_id"] != "i1"],
                pd.DataFrame(
                    {"indicator_id": "i1", "period": months, "target": 30.0, "target_max": None}
                ),
            ],
            ignore_index=True,
        )
        t["realisations"] = pd.concat(
            [
                t["realisations"][t["realisations"]["indicator_id"] != "i1"],
                pd.DataFrame(
                    {
                        "indicator_id": "i1",
                        "period": months,
                        "value": [20.0, 30, 40],
                        "status": "signed",
                    }
                ),
            ],
            ignore_index=True,
        )
        return t

    def test_the_payment_scores_the_quarter_of_a_flow(self) -> None:
        """The kasi of S11 scores i1 at 90/90 = 100 % as a flow, with i2's 12/10 weighted 3:
        (1 + 3 · 1.2) / 4 = 115 %, Rp1,150,000 of Rp1,000,000; read as a level, March's
        40/30 gives (4/3 + 3.6) / 4 = 123.33 %, Rp1,233,333. The exact pass agrees, and the
        explanation shows the months added up."""
        rs = tst.rollup_paying()
        nip = "198001012005010003"  # Citra, kasi1

        def paid(aggregation: str, reference: bool = False) -> int:
            ds = Dataset.from_frames(**self.tables(aggregation))
            out = calculate(ds, rs, "2025-Q1", reference=reference).to_frame()
            return int(out.set_index("nip").loc[nip, "bulat"])

        assert paid("sum") == paid("sum", reference=True) == 1150000
        assert paid("level") == 1233333
        flow = calculate(Dataset.from_frames(**self.tables("sum")), rs, "2025-Q1")
        notes = flow.explain(nip, lang="en").step("capaian").notes["rollup_indicators"]
        assert notes["i1 Dokumen"] == (
            "(20 (2025-01) + 30 (2025-02) + 40 (2025-03) = 90) / "
            "(30 (2025-01) + 30 (2025-02) + 30 (2025-03) = 90) (higher) → 100.00%, w 1"
        )

    def test_the_explanation_shows_the_figures_whole(self) -> None:
        """Months of 1,234,567, 2,500,000 and 7,654,321.5 (rupiah disbursed, people served):
        the explanation writes each as typed and their sum as the figure the report holds,
        not six significant digits (``1.23457e+06 + ... = 1.13889e+07``, parts that do not
        add up to what the workbook shows); a level's value and target likewise."""
        t = self.tables(["sum", "level", "level", "level", "level", "level"])
        re, tg = t["realisations"], t["targets"]
        i1 = (re["indicator_id"] == "i1").to_numpy()
        re.loc[i1, "value"] = [1234567.0, 2500000.0, 7654321.5]
        tg.loc[(tg["indicator_id"] == "i1").to_numpy(), "target"] = 3000000.0
        i2 = (re["indicator_id"] == "i2").to_numpy()
        re.loc[i2, "value"] = 0.1234567
        rs = tst.rollup_paying("c")
        result = calculate(Dataset.from_frames(**t), rs, "2025-Q1")
        nip = "198001012005010003"  # Citra, kasi1 of S11
        for lang in ("en", "id"):
            notes = result.explain(nip, lang=lang).step("c").notes["rollup_indicators"]
            assert notes["i1 Dokumen"].startswith(
                "(1234567 (2025-01) + 2500000 (2025-02) + 7654321.5 (2025-03) = 11388888.5) / "
                "(3000000 (2025-01) + 3000000 (2025-02) + 3000000 (2025-03) = 9000000) "
            )
            assert notes["i2 Layanan"].startswith("0.1234567 (2025-Q1) / ")

    def test_the_monitoring_report_scores_it_alike(self) -> None:
        """The report's S11: (90/90 + 3 · 12/10) / 4 = 115 %."""
        ds = Dataset.from_frames(**self.tables("sum"))
        report = monitoring_report(ds, "2025-Q1", "sub_kegiatan", lang="en")
        s11 = report.set_index("id").loc["S11"]
        assert s11["achievement_pct"] == pytest.approx(115.0)

    def test_unknown_values_are_refused_each_in_both_languages(self) -> None:
        """Two misspelt rows: both named at once, with the values allowed, in both languages;
        'kumulatif' is no value (offices use it for both readings)."""
        t = self.tables(["sum", "jumlahh", "level", "kumulatif", "level", "level"])
        ds = Dataset.from_frames(**t)
        found = [p for p in ds.report.problems if p.column == "aggregation"]
        assert sorted(p.row for p in found) == [1, 3]
        for p in found:
            en, id_ = p.message("en"), p.message("id")
            assert "level" in en and "sum" in en and p.value in en
            assert id_ != en and "nilai terakhir" in id_ and "dijumlahkan" in id_

    def test_the_workbooks_words_are_read(self, tmp_path) -> None:
        """The Indonesian template's 'dijumlahkan' / 'nilai terakhir' under 'Cara Agregasi'
        read as sum / level; a workbook written from frames without the column reads back
        all level, with the fingerprint of the frames."""
        from tukin.io import read_dataset, write_frames

        t = self.tables(["sum", "level", "level", "level", "level", "level"])
        back = read_dataset(write_frames(t, tmp_path / "x.xlsx", lang="id"))
        assert back["indicators"]["aggregation"].tolist()[:2] == ["sum", "level"]
        csv = tmp_path / "csv"
        csv.mkdir()
        ind = t["indicators"].rename(columns={"aggregation": "Cara Agregasi"})
        ind["Cara Agregasi"] = ["Dijumlahkan", "nilai terakhir", *["Nilai Terakhir"] * 4]
        for name, frame in {**t, "indicators": ind}.items():
            frame.to_csv(csv / f"{name}.csv", index=False)
        read = read_dataset(csv)
        assert read["indicators"]["aggregation"].tolist()[:2] == ["sum", "level"]

    def test_the_fingerprint_of_an_all_level_input_is_unchanged(self) -> None:
        """A column of defaults hashes as no column (receipts made before it re-check); a
        flow changes the fingerprint (it changes the scores)."""
        base = self.tables("level")
        without = {**base, "indicators": base["indicators"].drop(columns="aggregation")}
        a = Dataset.from_frames(**without).fingerprint()
        assert Dataset.from_frames(**base).fingerprint() == a
        assert Dataset.from_frames(**self.tables("sum")).fingerprint() != a


class TestRejectedRows:
    def run(self, aggregation: str, bad: str, quarter: bool = False) -> set[str]:
        """Positions blocked when i1's report of ``bad`` is rejected (a value below 0); with
        ``quarter`` a Q1 row of 85 is reported beside the months."""
        from tests.test_rejected_monitoring import blocked, run

        t = TestThroughTheDataset().tables(aggregation)
        if quarter:
            extra = {"indicator_id": ["i1"], "period": ["2025-Q1"], "value": [85.0]}
            extra_frame = pd.DataFrame(extra).assign(status="signed")
            t["realisations"] = pd.concat([t["realisations"], extra_frame], ignore_index=True)
        frame = t["realisations"]
        frame.loc[(frame["indicator_id"] == "i1") & (frame["period"] == bad), "value"] = -1
        return blocked(run(t)[1])

    def test_a_rejected_month_of_a_flow_blocks_its_readers(self) -> None:
        """January's rejected report is one of the months a flow's Q1 adds up: the kasi of
        S11 is blocked, as the figure lacks it; a level reads March's report, which is kept:
        nobody is blocked."""
        assert "kasi1" in self.run("sum", "2025-01")
        assert self.run("level", "2025-01") == set()

    def test_a_noted_row_is_no_rejected_row(self) -> None:
        """A validation note keeps its row (report.ok stays true) and changes no payment: a
        Q1 recap of 80 beside months adding up to 90 (flow_recap_differs: the recap counts)
        and blank Cara Agregasi cells (blank_default, on i2's row) are no rejected rows.
        monitoring.rejected took every problem of its tables for a rejection: the recap's
        note blocked the five readers of i1 (score_row_rejected, unpaid) and the report
        counted a rejected row under S11; the blank cells' note warned of an unplaced
        rejected indicator row i2 (found by review 93). Now: the kasi of S11 is paid on the
        recap, (80/90 + 3 x 1.2) / 4 of Rp1,000,000 = Rp1,122,222, nobody is rejected, no
        rejected row is counted or warned of."""
        rs = tst.rollup_paying()
        nip = "198001012005010003"  # Citra, kasi1 of S11
        t = TestThroughTheDataset().tables(["sum", None, "level", None, "level", "level"])
        recap = pd.DataFrame(
            {"indicator_id": ["i1"], "period": ["2025-Q1"], "value": [80.0], "status": "signed"}
        )
        t["realisations"] = pd.concat([t["realisations"], recap], ignore_index=True)
        ds = Dataset.from_frames(**t)
        assert ds.report.ok
        assert sorted(p.code for p in ds.report.problems) == ["blank_default", "flow_recap_differs"]
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            result = calculate(ds, rs, "2025-Q1")
        assert len(result.rejected) == 0
        assert int(result.to_frame().set_index("nip").loc[nip, "bulat"]) == 1122222
        assert "unplaced_rejected_rows" not in [getattr(w.message, "code", "") for w in seen]
        report = monitoring_report(ds, "2025-Q1", "sub_kegiatan", lang="en")
        assert report["rejected_rows"].sum() == 0

    def test_a_rejected_report_of_an_unplanned_month_blocks_nobody(self) -> None:
        """i1 planned for January and February only: March's report is left out of Q1's sum
        whatever it holds (no target: no part of the plan), so its rejection changes no
        score and blocks nobody (review 83 left it blocking the kasi of S11, unpaid). A
        rejected report of a planned month still blocks; a rejected *target* of March
        does too, as March might have been planned."""

        def unplanned(bad: str, table: str = "realisations") -> set[str]:
            from tests.test_rejected_monitoring import blocked, run

            t = TestThroughTheDataset().tables("sum")
            tg = t["targets"]
            march = (tg["indicator_id"] == "i1") & (tg["period"] == "2025-03")
            t["targets"] = tg[~march] if table == "realisations" else tg
            frame = t[table]
            column = "value" if table == "realisations" else "target"
            at = (frame["indicator_id"] == "i1") & (frame["period"] == bad)
            frame.loc[at, column] = -1
            return blocked(run(t)[1])

        assert unplanned("2025-03") == set()
        assert "kasi1" in unplanned("2025-02")
        assert "kasi1" in unplanned("2025-03", table="targets")

    def test_a_quarterly_row_kept_makes_a_rejected_month_harmless(self) -> None:
        """Q1's own report wins over its months: a rejected January does not matter to a
        flow whose Q1 row counts; that Q1 row rejected does (the months are added instead)."""
        assert self.run("sum", "2025-01", quarter=True) == set()
        assert "kasi1" in self.run("sum", "2025-Q1", quarter=True)


class TestAnIncompletePlan:
    """A period without a target of its own, planned for some of its months only: its ratio
    compares the months planned (a month without a target is no part of the plan, as its
    own payment leaves it out); a month planned and not reported still counts its target
    (not reporting is not performing)."""

    def test_a_month_reported_without_a_target_is_left_out_and_named(self) -> None:
        """April and May planned 20 each, April-June reported 10/20/30: Q2 compares 30 with
        40 (75 %), not 60 with 40 (150 %); June's 30 is named as left out."""
        re = rows(*zip("fff", Q2, (10, 20, 30), strict=True), ("l", "2025-06", 30))
        tg = aims(("f", "2025-04", 20), ("f", "2025-05", 20), ("l", "2025-06", 20))
        out = figures(indicators(f="sum", l="level"), tg, re, "2025-Q2")
        assert out.loc["f", ["value", "target", "value_period"]].tolist() == [30, 40, "2025-05"]
        assert out.loc["f", "value_unplanned"] == "30 (2025-06)"
        assert out.loc["l", ["value", "target"]].tolist() == [30, 20]  # a level: unchanged
        assert "value_unplanned" not in figures(indicators(l="level"), tg, re, "2025-Q2")

    def test_a_target_of_0_plans_the_month(self) -> None:
        """June planned at 0 ("nothing planned, count what is done"): June's 30 counts."""
        re = rows(*zip("fff", Q2, (10, 20, 30), strict=True))
        tg = aims(("f", "2025-04", 20), ("f", "2025-05", 20), ("f", "2025-06", 0))
        out = figures(indicators(f="sum"), tg, re, "2025-Q2")
        assert out.loc["f", ["value", "target"]].tolist() == [60, 40]
        assert pd.isna(out.loc["f", "value_unplanned"])

    def test_the_periods_own_target_plans_every_month_inside(self) -> None:
        """Q2 planned as a whole: every month reported counts."""
        re = rows(*zip("fff", Q2, (10, 20, 30), strict=True))
        out = figures(indicators(f="sum"), aims(("f", "2025-Q2", 40)), re, "2025-Q2")
        assert out.loc["f", ["value", "target"]].tolist() == [60, 40]

    def test_a_month_planned_and_not_reported_still_counts_its_target(self) -> None:
        """Three months planned, two reported: 30 against 90, June flagged as outdated."""
        from tukin.monitoring.figures import outdated

        tg = aims(*[("f", m, 30) for m in Q2])
        re = rows(("f", "2025-04", 10), ("f", "2025-05", 20))
        fig = indicator_figures(indicators(f="sum"), tg, re, "2025-Q2")
        assert fig[["value", "target"]].iloc[0].tolist() == [30, 90]
        assert outdated(fig, tg, "2025-Q2").tolist() == [True]

    def test_a_report_over_planned_and_unplanned_months_counts_whole(self) -> None:
        """A Q2 recap cannot be split: it meets April's and May's plan and counts (70)."""
        re = rows(("f", "2025-Q2", 70), ("f", "2025-06", 30))
        tg = aims(("f", "2025-04", 20), ("f", "2025-05", 20))
        out = figures(indicators(f="sum"), tg, re, "2025-Q2")
        assert out.loc["f", ["value", "target"]].tolist() == [70, 40]
        # counted whole, and named: June's output is inside the 70 (review 89)
        assert out.loc["f", "value_beyond_plan"] == "70 (2025-Q2)"
        assert pd.isna(out.loc["f", "value_unplanned"])  # June's own 30 is inside Q2's
        whole = figures(indicators(f="sum"), aims(("f", "2025-Q2", 40)), re, "2025-Q2")
        assert pd.isna(whole.loc["f", "value_beyond_plan"])  # Q2's own target plans June
        months = rows(("f", "2025-04", 30), ("f", "2025-05", 40))
        assert pd.isna(
            figures(indicators(f="sum"), tg, months, "2025-Q2").loc["f", "value_beyond_plan"]
        )

    def test_a_report_counted_whole_over_unplanned_months_is_said(self) -> None:
        """The mini regency's i1 planned for January and February only (30 each) and reported
        as one Q1 recap of 90: the recap cannot be split, so Q1 compares 90 with 60 (150 %,
        Rp1,275,000 for the kasi of S11, as before), and now says so: the report counts i1
        among the indicators with reports of unplanned months, the run warns
        ``flow_reports_partly_unplanned`` naming it, and the explanation marks the 90 as
        counted whole (before: nothing told the 90 held March's output, unplanned)."""
        t = TestThroughTheDataset().tables("sum")
        tg, re = t["targets"], t["realisations"]
        t["targets"] = tg[~((tg["indicator_id"] == "i1") & (tg["period"] == "2025-03"))]
        recap = pd.DataFrame(
            {"indicator_id": ["i1"], "period": ["2025-Q1"], "value": [90.0], "status": "signed"}
        )
        t["realisations"] = pd.concat([re[re["indicator_id"] != "i1"], recap], ignore_index=True)
        rs = tst.rollup_paying()
        nip = "198001012005010003"  # Citra, kasi1 of S11
        ds = Dataset.from_frames(**t)
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            result = calculate(ds, rs, "2025-Q1")
        assert int(result.to_frame().set_index("nip").loc[nip, "bulat"]) == 1275000
        codes = [getattr(w.message, "code", "") for w in seen]
        assert "flow_reports_unplanned" not in codes
        (warned,) = [
            w.message
            for w in seen
            if getattr(w.message, "code", "") == "flow_reports_partly_unplanned"
        ]
        assert str(warned).startswith("1 ") and "i1 (S11, 90 (2025-Q1))" in str(warned)
        assert "counted whole" in warned.message("en") and "dihitung utuh" in warned.message("id")
        report = monitoring_report(ds, "2025-Q1", "sub_kegiatan", lang="en").set_index("id")
        assert report.loc["S11", "indicators_unplanned_reports"] == 1
        for lang, said in (
            ("en", "[counted whole, also months without a target: 90 (2025-Q1)]"),
            ("id", "[dihitung utuh, termasuk bulan tanpa target: 90 (2025-Q1)]"),
        ):
            note = result.explain(nip, lang=lang).step("capaian").notes["rollup_indicators"]
            assert note["i1 Dokumen"].startswith(f"90 (2025-Q1) {said} / ")

    def test_a_target_overlapped_by_a_longer_one_plans_nothing_of_its_own(self) -> None:
        """Targets for Q2 (April-June) and C2 (May-August) of one flow: they add up as reports
        do, the longer winning, so the year's plan is C2's months and its target C2's; an
        April report is left out as unplanned, named, not added to May-August's target (.ci/
        explore found the test's reference taking the plan from both targets)."""
        out = figures(
            indicators(f="sum"),
            aims(("f", "2025-Q2", 5), ("f", "2025-C2", 8)),
            rows(("f", "2025-04", 3)),
            "2025",
        )
        assert np.isnan(out.loc["f", "value"]) and out.loc["f", "target"] == 8
        assert out.loc["f", "value_unplanned"] == "3 (2025-04)"

    def test_nothing_planned_reported_is_no_realisation(self) -> None:
        """April planned, May and June reported: no realisation for the plan (scored 0,
        as an indicator not reported), both months named."""
        re = rows(("f", "2025-05", 20), ("f", "2025-06", 30))
        out = figures(indicators(f="sum"), aims(("f", "2025-04", 20)), re, "2025-Q2")
        assert np.isnan(out.loc["f", "value"]) and out.loc["f", "target"] == 20
        assert out.loc["f", "value_unplanned"] == "20 (2025-05) + 30 (2025-06)"

    @settings(max_examples=60, deadline=None)
    @given(
        st.lists(st.tuples(st.sampled_from(PERIODS), st.integers(0, 50)), max_size=12),
        st.lists(st.sampled_from(PERIODS), min_size=1, max_size=6),
        st.sampled_from(["2025-Q1", "2025-Q2", "2025-C2", "2025"]),
    )
    def test_vectorised_equals_the_rule_written_out(self, reports, planned, period) -> None:
        """Random reports and target periods: the reports meeting a month of a target inside
        the period (all of them when the period has its own target) are added, the longer
        winning, one indicator at a time."""
        p = Period.parse(period)

        def months(q: str) -> set[int]:
            return {m.index for m in Period.parse(q).months()}

        def inside(q: str) -> bool:
            s = Period.parse(q)
            return s.year == p.year and p.start <= s.start and s.end <= p.end

        # the plan is the months of the targets counted: targets add up as reports do, a
        # target overlapped by a longer one inside the period dropped (Q2 beside a C2 target
        # plans only the caturwulan's May-August: April's report is left out)
        within = [q for q in dict.fromkeys(planned) if inside(q)]
        counted = [
            q
            for q in within
            if not any(len(months(r)) > len(months(q)) and months(r) & months(q) for r in within)
        ]
        plan = set().union(*[months(q) for q in counted])
        if not plan:
            return  # no target inside: not summed (TestWithoutATargetForThePeriod)
        first: dict[str, float] = {}
        for q, v in reports:
            first.setdefault(q, float(v))
        want = reference_sum({q: v for q, v in first.items() if months(q) & plan}, p)
        frame = rows(*[("f", q, v) for q, v in first.items()])
        tg = aims(*[("f", q, 1) for q in dict.fromkeys(planned)])
        got = figures(indicators(f="sum"), tg, frame, period).loc["f", "value"]
        assert (np.isnan(want) and np.isnan(got)) or got == want

    def test_through_the_payment_the_report_and_the_explanation(self) -> None:
        """The mini regency's i1 planned for January and February only (30 each), reported
        20/30/40: S11 scores (50/60 + 3 · 1.2) / 4 = 110.83 %, Rp1,108,333 on both backends
        (Rp1,275,000 before: 90/60 = 150 %); the report counts i1 as having a month
        left out, the run warns, and the explanation names March's 40."""
        t = TestThroughTheDataset().tables("sum")
        tg = t["targets"]
        t["targets"] = tg[~((tg["indicator_id"] == "i1") & (tg["period"] == "2025-03"))]
        rs = tst.rollup_paying()
        nip = "198001012005010003"  # Citra, kasi1 of S11
        ds = Dataset.from_frames(**t)
        paid = {
            ref: int(
                calculate(ds, rs, "2025-Q1", reference=ref)
                .to_frame()
                .set_index("nip")
                .loc[nip, "bulat"]
            )
            for ref in (False, True)
        }
        assert paid == {False: 1108333, True: 1108333}
        report = monitoring_report(ds, "2025-Q1", "sub_kegiatan", lang="id").set_index("id")
        assert report.loc["S11", "indicators_unplanned_reports"] == 1
        assert "tanpa target" in report.loc["S11", "flags"]
        with warnings.catch_warnings(record=True) as seen:
            warnings.simplefilter("always")
            result = calculate(ds, rs, "2025-Q1")
        (warned,) = [
            w.message for w in seen if getattr(w.message, "code", "") == "flow_reports_unplanned"
        ]
        assert str(warned).startswith("1 ") and "i1 (S11, 40 (2025-03))" in str(warned)
        note = result.explain(nip, lang="en").step("capaian").notes["rollup_indicators"]
        assert note["i1 Dokumen"].startswith(
            "(20 (2025-01) + 30 (2025-02) = 50) [left out, no target for: 40 (2025-03)] / "
            "(30 (2025-01) + 30 (2025-02) = 60)"
        )


class TestABlankAggregation:
    def test_a_blank_cell_is_a_level_with_one_note(self, tmp_path) -> None:
        """A clerk fills *Cara Agregasi* for the flows only: the blank cells read as level,
        as an absent column (review 81 left them refused, each indicator row thrown out with
        its targets and realisations), and one note per table says how many and which rows,
        in both languages, the workbook's rows named; the payment is that of the levels
        typed."""
        from tukin.io import read_dataset, write_frames
        from tukin.validation import NOTES

        t = TestThroughTheDataset().tables(["sum", None, "level", None, None, None])
        ds = Dataset.from_frames(**t)
        assert ds.report.ok and [p.code for p in ds.report.problems] == ["blank_default"]
        assert "blank_default" in NOTES and ds.summary().loc["indicators", "rejected"] == 0
        assert ds["indicators"]["aggregation"].tolist() == ["sum", *["level"] * 5]
        typed = Dataset.from_frames(**TestThroughTheDataset().tables(["sum", *["level"] * 5]))
        assert ds.fingerprint() == typed.fingerprint()
        rs = tst.rollup_paying()
        paid = calculate(ds, rs, "2025-Q1").to_frame().set_index("nip")["bulat"]
        assert paid.equals(calculate(typed, rs, "2025-Q1").to_frame().set_index("nip")["bulat"])
        (note,) = ds.report.notes
        assert note.row == 1 and note.to_dict("en")["fields"]["count"] == 4
        assert "left blank in 4 row(s), this one first; then rows 3, 4, 5: read as 'level'" in (
            note.message("en")
        )
        book = read_dataset(write_frames(t, tmp_path / "x.xlsx", lang="id"))
        (note,) = book.report.notes
        said = note.message("id")
        assert "Cara Agregasi dibiarkan kosong pada 4 baris" in said
        assert "lalu baris 5, 6, 7: dibaca 'nilai terakhir'" in said
        assert "baris 3, kolom G (Cara Agregasi)" in note.where("id")

    def test_many_blank_cells_name_the_first_rows(self) -> None:
        """Fifteen blanks: the first, ten more, and an ellipsis; still one note."""
        t = TestThroughTheDataset().tables("level")
        ind = t["indicators"]
        more = pd.concat([ind.iloc[[1]]] * 14, ignore_index=True)
        more["indicator_id"] = [f"x{k}" for k in range(14)]
        t["indicators"] = pd.concat([ind, more], ignore_index=True)
        t["indicators"]["aggregation"] = ["sum", *[None] * 5, *[None] * 14][: len(t["indicators"])]
        t["indicators"].loc[2:5, "aggregation"] = "level"
        (note,) = Dataset.from_frames(**t).report.notes
        assert note.to_dict("en")["fields"]["count"] == 15
        assert "then rows 6, 7, 8, 9, 10, 11, 12, 13, 14, 15…: read" in note.message("en")
