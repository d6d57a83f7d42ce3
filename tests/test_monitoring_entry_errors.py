"""Entry errors a monitoring report must show to the official who answers for the item (review
72), on the hand-made regency (tests/strategies.py: mini_regency_tables), 2025-Q1.

``spent`` is the rupiah spent *in* the period (docs/data-contract.md). A clerk who types the
running total into it makes the year's sum pass the pagu; before, nothing said so (the only
sign was "physical far behind financial", which reads as a real delay).
"""

from __future__ import annotations

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
