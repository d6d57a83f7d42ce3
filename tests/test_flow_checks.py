"""A flow's recap row that disagrees with the rows inside its period: a note, not a rejection.

A summed indicator (``aggregation: sum``) reads a quarter's own row instead of its months
(the recap wins). A clerk who typed both and mistyped one must hear of it: the validation
report carries ``flow_recap_differs`` naming the indicator, the period, both figures and the
rows, in both languages; nothing is rejected and the figures stay those of the recap.
"""

from __future__ import annotations

import pandas as pd
import pytest

import tests.strategies as tst
from tukin import Dataset
from tukin.monitoring.figures import indicator_figures

M = ("2025-01", "2025-02", "2025-03")


def tables(
    real: dict[str, float],
    aims: dict[str, float | tuple[float, float]] | None = None,
    aggregation: str = "sum",
) -> dict[str, pd.DataFrame]:
    """The mini regency with i1 reported (and planned) for the periods given, beside its
    Q1 row of 90 (target 100)."""
    t = tst.mini_regency_tables(budget=False)
    t["indicators"] = t["indicators"].assign(aggregation=[aggregation, *["level"] * 5])
    extra = pd.DataFrame({"indicator_id": "i1", "period": list(real), "value": list(real.values())})
    t["realisations"] = pd.concat([t["realisations"], extra.assign(status="signed")])
    if aims:
        lo = [a[0] if isinstance(a, tuple) else a for a in aims.values()]
        hi = [a[1] if isinstance(a, tuple) else None for a in aims.values()]
        more = {"indicator_id": "i1", "period": list(aims), "target": lo, "target_max": hi}
        t["targets"] = pd.concat([t["targets"], pd.DataFrame(more)])
    return {k: v.reset_index(drop=True) for k, v in t.items()}


def notes(t: dict[str, pd.DataFrame]) -> list:
    ds = Dataset.from_frames(**t)
    assert ds.report.ok  # a note only: nothing rejected, a strict read accepts it
    assert all(c.rejected == 0 for c in ds.report.counts.values())
    return [p for p in ds.report.problems if p.code == "flow_recap_differs"]


class TestRealisations:
    def test_a_quarter_that_is_not_the_sum_of_its_months_is_noted(self) -> None:
        """Q1 says 90, its months 20 + 30 + 41 = 91: one note on the Q1 row naming the
        indicator, the period, both figures and the months' rows; Q1's 90 still counts."""
        t = tables(dict(zip(M, (20.0, 30.0, 41.0), strict=True)))
        (p,) = notes(t)
        assert (p.table, p.row, p.column) == ("realisations", 0, "value")
        en, id_ = p.message("en"), p.message("id")
        for text in (en, id_):
            assert "'i1'" in text and "2025-Q1" in text and " 90" in text and "91" in text
            assert "2025-01 = 20, 2025-02 = 30, 2025-03 = 41" in text and "4, 5, 6" in text
        assert "dijumlahkan" in id_ and "tidak ada baris yang ditolak" in id_
        ds = Dataset.from_frames(**t)
        fig = indicator_figures(ds["indicators"], ds["targets"], ds["realisations"], "2025-Q1")
        assert fig.set_index("indicator_id").loc["i1", "value"] == 90

    def test_months_that_add_up_to_the_quarter_say_nothing(self) -> None:
        """30 + 30 + 30 = 90, and decimals as typed (0.1 + 0.2 + 89.7 = 90): no note."""
        assert notes(tables(dict(zip(M, (30.0, 30.0, 30.0), strict=True)))) == []
        assert notes(tables(dict(zip(M, (0.1, 0.2, 89.7), strict=True)))) == []

    def test_some_months_only_are_noted_when_they_already_exceed_the_quarter(self) -> None:
        """January and February alone: 40 + 40 = 80 may leave 10 for March (no note), but
        50 + 45 = 95 is already above the quarter's 90 (a note)."""
        assert notes(tables({"2025-01": 40.0, "2025-02": 40.0})) == []
        (p,) = notes(tables({"2025-01": 50.0, "2025-02": 45.0}))
        assert "95" in p.message("en") and "2025-03" not in p.message("en")

    def test_a_recap_less_verified_than_its_months_says_when_it_is_not_used(self) -> None:
        """Q1's 90 only entered, its months 20 + 30 + 41 signed: a step counting approved
        reports and above reads the months (91), not the recap, so the note no longer says
        flatly that 90 is used: it names the recap's status and what such a step adds up
        (review 83 left the note blind to status). Months of every status stay compared:
        under the default ``min_status`` (entered) the calculation reads them all, and a
        figure still to be verified is still the clerk's to correct."""
        t = tables(dict(zip(M, (20.0, 30.0, 41.0), strict=True)))
        t["realisations"].loc[0, "status"] = "entered"
        (p,) = notes(t)
        en, id_ = p.message("en"), p.message("id")
        assert "90 is used where entered reports count (this row's status)" in en
        assert "a step counting only approved reports or above reads the rows inside" in en
        assert "90 dipakai bila laporan berstatus entered dihitung" in id_
        assert "langkah yang hanya menghitung laporan berstatus approved ke atas" in id_
        assert p.to_dict("en")["fields"]["status"] == "entered"
        ds = Dataset.from_frames(**t)
        args = (ds["indicators"], ds["targets"], ds["realisations"], "2025-Q1")
        fig = indicator_figures(*args, min_status="approved").set_index("indicator_id")
        assert fig.loc["i1", "value"] == 91  # what the note says such a step reads
        assert indicator_figures(*args).set_index("indicator_id").loc["i1", "value"] == 90
        # a recap at least as verified as every month inside: the plain note
        t["realisations"].loc[0, "status"] = "signed"
        t["realisations"].loc[4, "status"] = "entered"
        (p,) = notes(t)
        assert "90 is used. Check" in p.message("en") and "status" not in p.to_dict("en")["fields"]

    def test_a_level_is_not_summed_so_never_noted(self) -> None:
        """Progress to date: the quarter is the last month's, not a sum."""
        assert (
            notes(tables(dict(zip(M, (20.0, 30.0, 41.0), strict=True)), aggregation="level")) == []
        )

    def test_a_year_is_compared_with_what_its_figure_would_add_up(self) -> None:
        """The year beside Q1 (90), whose months 20 + 30 + 40 are inside Q1 and not added
        again, and April's 5: inside the year 90 + 5 = 95, above the year's 80 (a year of 100
        may hold May to December's 5: no note)."""
        months = {**dict(zip(M, (20.0, 30.0, 40.0), strict=True)), "2025-04": 5.0}
        assert notes(tables({**months, "2025": 100.0})) == []
        t = tables({**months, "2025": 80.0})
        (p,) = notes(t)
        assert p.row == 8 and "95" in p.message("en")
        assert "2025-Q1 = 90, 2025-04 = 5" in p.message("en")


class TestTargets:
    def test_a_quarterly_target_beside_other_monthly_ones_is_noted(self) -> None:
        """Q1's target 100 beside 60 + 50 for January and February: above the quarter already."""
        (p,) = notes(tables({}, {"2025-01": 60.0, "2025-02": 50.0}))
        assert (p.table, p.column, p.row) == ("targets", "target", 0)
        assert "110" in p.message("id") and "100" in p.message("id")

    def test_a_range_compares_its_upper_bounds(self) -> None:
        """Q1 planned 90–120 (the Q1 target of the regency made a range) beside months of
        30–35: the lower bounds agree (90), the upper ones do not (105): one note on
        target_max."""
        t = tables({}, {m: (30.0, 35.0) for m in M})
        t["targets"].loc[0, "target"] = 90.0
        t["targets"].loc[0, "target_max"] = 120.0
        (p,) = notes(t)
        assert p.column == "target_max" and "105" in p.message("en") and "120" in p.message("en")


def test_the_rows_of_a_workbook_are_its_sheet_rows(tmp_path) -> None:
    """Read from a workbook, the note names the rows a clerk sees (a header row first)."""
    from tukin.io import read_dataset, write_frames

    t = tables(dict(zip(M, (20.0, 30.0, 41.0), strict=True)))
    back = read_dataset(write_frames(t, tmp_path / "x.xlsx", lang="id"))
    (p,) = [p for p in back.report.problems if p.code == "flow_recap_differs"]
    assert "baris 6, 7, 8" in p.message("id") and p.location and "baris 2" in p.location


@pytest.mark.parametrize("lang", ["en", "id"])
def test_the_report_text_lists_it_as_a_note(lang: str) -> None:
    """The report's summary counts it as a note, not a problem in the input."""
    ds = Dataset.from_frames(**tables(dict(zip(M, (20.0, 30.0, 41.0), strict=True))))
    text = ds.report.describe(lang=lang)
    assert ("catatan" if lang == "id" else "note") in text
