"""Rows of one flow whose periods overlap without either holding the other: a note.

A summed indicator (``aggregation: sum``) adds its rows up over a period, the longer row
winning where rows overlap. A quarter beside a caturwulan sharing some of its months (targets
for 2025-Q2 and 2025-C2: May and June in both) is not a recap and its months (the
``flow_recap_differs`` case): neither holds the other, and the year's figure adds the
caturwulan alone and leaves the quarter out, April included, without a word. The clerk must
hear of it: the validation report carries ``flow_periods_overlap`` on the quarter's row,
naming the indicator, both periods, both figures and the rows, in both languages; nothing is
rejected and the figures stay as they were.
"""

from __future__ import annotations

import pandas as pd
import pytest

import tests.strategies as tst
from tukin import Dataset
from tukin.monitoring.figures import indicator_figures


def tables(
    aims: dict[str, float],
    real: dict[str, float] | None = None,
    aggregation: str = "sum",
) -> dict[str, pd.DataFrame]:
    """The mini regency with i1 planned (and reported) for the periods given only."""
    t = tst.mini_regency_tables(budget=False)
    t["indicators"] = t["indicators"].assign(aggregation=[aggregation, *["level"] * 5])
    keep = t["targets"]["indicator_id"] != "i1"
    more = pd.DataFrame({"indicator_id": "i1", "period": list(aims), "target": list(aims.values())})
    t["targets"] = pd.concat([t["targets"][keep], more])
    if real is not None:
        keep = t["realisations"]["indicator_id"] != "i1"
        extra = pd.DataFrame(
            {"indicator_id": "i1", "period": list(real), "value": list(real.values())}
        )
        t["realisations"] = pd.concat([t["realisations"][keep], extra.assign(status="signed")])
    return {k: v.reset_index(drop=True) for k, v in t.items()}


def notes(t: dict[str, pd.DataFrame]) -> list:
    ds = Dataset.from_frames(**t)
    assert ds.report.ok  # a note only: nothing rejected, a strict read accepts it
    assert all(c.rejected == 0 for c in ds.report.counts.values())
    return [p for p in ds.report.problems if p.code == "flow_periods_overlap"]


class TestTargets:
    def test_a_quarter_beside_a_caturwulan_sharing_months_is_noted(self) -> None:
        """Q2 (April-June) 60 beside C2 (May-August) 80: one note on the Q2 row naming the
        indicator, both periods and figures and the C2 row; the year still reads C2's 80."""
        t = tables({"2025-Q2": 60.0, "2025-C2": 80.0})
        (p,) = notes(t)
        q2 = int(t["targets"].index[t["targets"]["period"] == "2025-Q2"][0])
        c2 = int(t["targets"].index[t["targets"]["period"] == "2025-C2"][0])
        assert (p.table, p.row, p.column) == ("targets", q2, "target")
        en, id_ = p.message("en"), p.message("id")
        for text in (en, id_):
            assert "'i1'" in text and "2025-Q2" in text and " 60" in text
            assert "2025-C2 = 80" in text and str(c2) in text
            assert "2025-05, 2025-06" in text
        assert "leaves this one out" in en and "nothing is rejected" in en
        assert "meninggalkan baris ini" in id_ and "tidak ada baris yang ditolak" in id_
        ds = Dataset.from_frames(**t)
        fig = indicator_figures(ds["indicators"], ds["targets"], ds["realisations"], "2025")
        assert fig.set_index("indicator_id").loc["i1", "target"] == 80  # unchanged

    def test_a_quarter_meeting_two_caturwulan_names_both(self) -> None:
        """Q2 shares April with C1 and May-June with C2: one note naming both."""
        (p,) = notes(tables({"2025-Q2": 60.0, "2025-C1": 40.0, "2025-C2": 80.0}))
        en = p.message("en")
        assert "2025-C1 = 40, 2025-C2 = 80" in en and "2025-04, 2025-05, 2025-06" in en

    def test_periods_inside_one_another_or_apart_say_nothing(self) -> None:
        """Q1 inside C1 (a recap and a row inside: flow_recap_differs' case), Q3 beside C1
        (no month shared), monthly rows, another year's C2: no note."""
        assert notes(tables({"2025-Q1": 30.0, "2025-C1": 40.0})) == []
        assert notes(tables({"2025-Q3": 30.0, "2025-C1": 40.0})) == []
        assert notes(tables({"2025-04": 30.0, "2025-05": 30.0, "2025-C2": 80.0})) == []
        assert notes(tables({"2025-Q2": 60.0, "2024-C2": 80.0})) == []

    def test_a_level_is_not_summed_so_never_noted(self) -> None:
        """Progress to date: each period's own target, nothing is added up."""
        assert notes(tables({"2025-Q2": 60.0, "2025-C2": 80.0}, aggregation="level")) == []


class TestRealisations:
    def test_a_quarterly_report_beside_a_caturwulan_report_is_noted(self) -> None:
        """Reports for Q3 (30) and C2 (50), planned per month: the note on Q3's row."""
        months = {f"2025-{m:02d}": 10.0 for m in range(1, 13)}
        t = tables(months, {"2025-Q3": 30.0, "2025-C2": 50.0})
        (p,) = notes(t)
        assert p.table == "realisations" and p.column == "value"
        assert t["realisations"].loc[p.row, "period"] == "2025-Q3"
        assert "2025-C2 = 50" in p.message("en") and "2025-07, 2025-08" in p.message("en")


def test_the_rows_of_a_workbook_are_its_sheet_rows(tmp_path) -> None:
    """Read from a workbook, the note names the rows a clerk sees (a header row first)."""
    from tukin.io import read_dataset, write_frames

    t = tables({"2025-Q2": 60.0, "2025-C2": 80.0})
    c2 = int(t["targets"].index[t["targets"]["period"] == "2025-C2"][0])
    back = read_dataset(write_frames(t, tmp_path / "x.xlsx", lang="id"))
    (p,) = [p for p in back.report.problems if p.code == "flow_periods_overlap"]
    assert f"baris {c2 + 2})" in p.message("id")


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_report_text_lists_it_as_a_note(lang: str) -> None:
    """The report's summary counts it as a note, not a problem in the input."""
    ds = Dataset.from_frames(**tables({"2025-Q2": 60.0, "2025-C2": 80.0}))
    text = ds.report.describe(lang=lang)
    assert ("catatan" if lang == "id" else "note") in text
