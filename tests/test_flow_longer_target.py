"""A summed indicator planned for a longer period only: left out, and said so.

A flow (``aggregation: sum``) planned per quarter and reported per month has no target in a
monthly payment: a level would take the quarter's target, a flow cannot (a quarter's 90
trainings are not February's). It is left out of the score. Before, nothing said why: the
report counted it "without a target" (the sheet shows one), the run said nothing, and a
position whose items held nothing else was rejected with "no counted indicator".
"""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

import tests.strategies as tst
from tests.test_flows import aims, figures, indicators, rows
from tukin import Dataset, calculate
from tukin.monitoring import monitoring_report

M = ("2025-01", "2025-02", "2025-03")
KASI1, KASI2 = "198001012005010003", "198001012005010004"


def tables(aggregation: str = "sum") -> dict[str, pd.DataFrame]:
    """The mini regency with i1 (S11) and i3 (S12) reported per month of Q1 against their
    Q1 targets only; i2 (S11, a level) reported and planned for February too."""
    t = tst.mini_regency_tables(budget=False)
    t["indicators"] = t["indicators"].assign(
        aggregation=[aggregation, "level", aggregation, "level", "level", "level"]
    )
    months = pd.DataFrame(
        {
            "indicator_id": ["i1"] * 3 + ["i3"] * 3 + ["i2"],
            "period": [*M, *M, "2025-02"],
            "value": [5.0, 8, 9, 6, 7, 8, 3],
            "status": "signed",
        }
    )
    t["realisations"] = pd.concat([t["realisations"], months], ignore_index=True)
    feb = pd.DataFrame({"indicator_id": ["i2"], "period": ["2025-02"], "target": [4.0]})
    t["targets"] = pd.concat([t["targets"], feb.assign(target_max=None)], ignore_index=True)
    return t


def run(t: dict[str, pd.DataFrame], sources: dict | None = None):
    rs = tst.rollup_paying(**({"sources": sources} if sources else {}))
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        result = calculate(Dataset.from_frames(**t), rs, "2025-02")
    return result, [w.message for w in seen]


class TestTheFigures:
    def test_the_nearest_period_around_with_a_target_is_named(self) -> None:
        """June of a flow planned for Q2 and the year: no target, and ``target_longer``
        names Q2; a level takes Q2's target and names nothing; a flow planned per quarter
        and reported per quarter is scored (its report's own target) and names nothing."""
        ind = indicators(f="sum", g="sum", l="level")
        re = rows(("f", "2025-06", 10), ("g", "2025-Q1", 50), ("l", "2025-06", 3))
        tg = aims(
            ("f", "2025-Q2", 60), ("f", "2025", 240), ("g", "2025-Q1", 60), ("l", "2025-Q2", 9)
        )
        for rule in ("latest", "enclosing"):
            out = figures(ind, tg, re, "2025-06", rule)
            assert np.isnan(out.loc["f", "target"]) and out.loc["f", "target_longer"] == "2025-Q2"
            assert out.loc["l", "target"] == 9 and pd.isna(out.loc["l", "target_longer"])
        assert pd.isna(figures(ind, tg, re, "2025-06").loc["g", "target_longer"])
        assert (
            figures(ind, aims(("f", "2025", 240)), re, "2025-06").loc["f", "target_longer"]
            == "2025"
        )

    def test_a_quarter_sums_and_names_nothing(self) -> None:
        """Q2 paid: the flow's own target counts, nothing is left out."""
        ind = indicators(f="sum")
        out = figures(ind, aims(("f", "2025-Q2", 60)), rows(("f", "2025-06", 10)), "2025-Q2")
        assert out.loc["f", "target"] == 60 and pd.isna(out.loc["f", "target_longer"])


class TestTheReport:
    @pytest.mark.parametrize("lang", ["en", "id"])
    def test_counted_apart_from_the_indicators_without_target(self, lang: str) -> None:
        """February's report: S12's i3 is counted as a flow with a longer period's target,
        not as one without a target, and the flag says what to do."""
        report = monitoring_report(
            Dataset.from_frames(**tables()), "2025-02", "sub_kegiatan", lang=lang
        )
        s12 = report.set_index("id").loc["S12"]
        assert (s12["indicators_flow_longer_target"], s12["indicators_without_target"]) == (1, 0)
        assert ("dijumlahkan" if lang == "id" else "summed") in s12["flags"]

    def test_a_level_is_counted_as_before(self) -> None:
        """The same data read as levels: i3 takes Q1's target; nothing counted apart."""
        report = monitoring_report(
            Dataset.from_frames(**tables("level")), "2025-02", "sub_kegiatan"
        )
        assert report["indicators_flow_longer_target"].sum() == 0


class TestThePayment:
    def test_the_run_warns_with_the_count_and_examples(self) -> None:
        """One warning naming both flows, their items and the quarter planned."""
        _, seen = run(tables())
        (w,) = [w for w in seen if getattr(w, "code", None) == "flow_target_longer_period"]
        text = str(w)
        assert text.startswith("2 ") and "i1 (S11, 2025-Q1)" in text and "i3 (S12, 2025-Q1)" in text
        assert "'capaian'" in text
        # for a program (review 88): the indicators as objects, the steps a list
        assert w.params["indicators"] == [
            {"indicator": "i1", "item": "S11"},
            {"indicator": "i3", "item": "S12"},
        ]
        assert w.params["step"] == ["capaian"] and w.params["value"] == 2

    def test_no_warning_for_levels(self) -> None:
        _, seen = run(tables("level"))
        assert not [w for w in seen if getattr(w, "code", None) == "flow_target_longer_period"]

    @pytest.mark.parametrize("lang", ["en", "id"])
    def test_the_rejection_says_why(self, lang: str) -> None:
        """kasi2, scored from its own items only, has nothing scored: the reason names i3 of
        S12, its quarter's target and the month paid."""
        result, _ = run(tables(), sources={"pengawas": ["own"]})
        row = result.rejected_in(lang).set_index("nip").loc[KASI2]
        assert row["code"] == "no_rollup_score"  # the code stays: more of the reason only
        text = row["reason"]
        assert "i3" in text and "S12" in text and "2025-Q1" in text and "2025-02" in text
        assert ("dijumlahkan" if lang == "id" else "summed") in text
        with pytest.raises(Exception, match="2025-Q1"):  # what explain says for them
            result.explain(KASI2, lang=lang)

    @pytest.mark.parametrize("lang", ["en", "id"])
    def test_the_explanation_lists_it_beside_the_scored_ones(self, lang: str) -> None:
        """kasi1's S11 scores i2 (3/4); i1 is listed as left out, with its quarter."""
        result, _ = run(tables())
        notes = result.explain(KASI1, lang=lang).step("capaian").notes["rollup_indicators"]
        assert notes["i2 Layanan"].startswith("3 (2025-02) / 4 (2025-02)")
        assert "2025-Q1" in notes["i1 Dokumen"]
        assert ("tidak dinilai" if lang == "id" else "left out") in notes["i1 Dokumen"]
