"""Budget rows of one work item whose periods overlap are rejected (``overlapping_period``).

Budget amounts are per period and summed: a month next to the quarter recap of the same months
would count the money twice. Indicator realisations are chosen one per period, never summed,
so a quarter next to its months is legitimate there.
"""

from __future__ import annotations

import itertools

import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.test_dataset import ORG, PLAN, clean_frames
from tukin.dataset import Dataset
from tukin.monitoring.figures import budget_figures
from tukin.period import Period

PERIODS = ["2025-01", "2025-02", "2025-03", "2025-04", "2025-05", "2025-Q1", "2025-Q2"]
PERIODS += ["2025-C1", "2025-C2", "2025", "2024-12", "2024-Q4", "2026"]


def budget_frames(rows: list[tuple[str, str, int]]) -> dict[str, pd.DataFrame]:
    frames = clean_frames(*ORG, *PLAN)
    frames["budget_realisations"] = pd.DataFrame(
        [(item, period, spent, 10.0) for item, period, spent in rows],
        columns=["work_item_id", "period", "spent", "physical_pct"],
    )
    return frames


def overlaps(a: str, b: str) -> bool:
    pa, pb = Period.parse(a), Period.parse(b)
    return a != b and pa.start <= pb.end and pb.start <= pa.end


class TestOverlappingPeriods:
    def test_months_and_their_quarter_recap_are_rejected(self) -> None:
        """The reviewer's case: monthly rows and a Q1 recap of one item would give 180 M
        spent for 120 M. Every row involved is rejected, each naming a row it overlaps; the
        months outside the quarter and other items' rows stay."""
        rows = [("SK1", f"2025-0{m}", 20_000_000) for m in range(1, 7)]
        rows += [("SK1", "2025-Q1", 60_000_000), ("KG1", "2025-Q1", 5), ("KG1", "2025-Q2", 5)]
        ds = Dataset.from_frames(budget_frames(rows))
        found = [p for p in ds.report.problems if p.code == "overlapping_period"]
        assert [
            (p.row, p.value, p.fields["other_row"], p.fields["other_period"]) for p in found
        ] == [
            (0, "2025-01", 6, "2025-Q1"),
            (1, "2025-02", 6, "2025-Q1"),
            (2, "2025-03", 6, "2025-Q1"),
            (6, "2025-Q1", 0, "2025-01"),
        ]
        assert {p.column for p in found} == {"period"}
        assert found[0].key == "SK1/2025-01"
        text = found[0].message("en")
        assert "'2025-01' overlaps period '2025-Q1'" in text and "counted twice" in text
        assert "tumpang tindih" in found[0].message("id")
        assert sorted(ds["budget_realisations"].index) == [3, 4, 5, 7, 8]
        count = ds.report.counts["budget_realisations"]
        assert (count.given, count.kept, count.rejected) == (9, 5, 4)
        money = budget_figures(ds["budget_realisations"], "2025-Q2")
        assert money.loc["SK1", "spent_to_date"] == 60_000_000  # nothing counted twice
        assert money.loc["SK1", "months_missing"] == 0
        assert (
            budget_figures(ds["budget_realisations"], "2025-Q1").loc["SK1", "months_missing"] == 3
        )

    def test_same_period_twice_is_a_duplicate_not_an_overlap(self) -> None:
        """Equal periods are a duplicate key; one kind of period alone never overlaps."""
        rows = [("SK1", "2025-01", 1), ("SK1", "2025-01", 2), ("SK1", "2025-02", 3)]
        rows += [("KG1", "2025-Q1", 1), ("SK1", "2025-Q2", 1)]
        ds = Dataset.from_frames(budget_frames(rows))
        assert {(p.row, p.code) for p in ds.report.problems} == {
            (0, "duplicate_key"),
            (1, "duplicate_key"),
        }

    def test_indicator_realisations_may_overlap(self) -> None:
        """A quarterly realisation next to monthly ones is legitimate: the period rule picks
        one of them, nothing is summed."""
        frames = clean_frames(*ORG, *PLAN, "targets", "realisations")
        frames["realisations"] = pd.DataFrame(
            {"indicator_id": "I1", "period": ["2025-10", "2025-11", "2025-Q4"], "value": 8}
        )
        assert Dataset.from_frames(frames).report.ok

    @given(
        st.lists(
            st.tuples(st.sampled_from(["SK1", "KG1", "PR1"]), st.sampled_from(PERIODS)),
            min_size=0,
            max_size=25,
        )
    )
    @settings(max_examples=120, deadline=None)
    def test_exactly_the_overlapping_rows_are_rejected(self, pairs: list[tuple[str, str]]) -> None:
        """Against a pairwise comparison: a row is reported exactly when another row of its
        item has a different, overlapping period, and the row it names is one of those."""
        ds = Dataset.from_frames(budget_frames([(i, p, 1) for i, p in pairs]))
        found = {p.row: p for p in ds.report.problems if p.code == "overlapping_period"}
        expected = {
            a
            for a, b in itertools.permutations(range(len(pairs)), 2)
            if pairs[a][0] == pairs[b][0] and overlaps(pairs[a][1], pairs[b][1])
        }
        assert set(found) == expected
        for row, problem in found.items():
            other = problem.fields["other_row"]
            assert pairs[other][0] == pairs[row][0]
            assert overlaps(pairs[row][1], pairs[other][1])
            assert problem.fields["other_period"] == pairs[other][1]
        count = ds.report.counts["budget_realisations"]
        assert count.given == count.kept + count.rejected == len(pairs)
