"""A rejected realisation or budget realisation row below the rule's ``min_status`` is never
read: it blocks nobody. One whose status cell is blank or unreadable may be read: it blocks
the employees whose score reads it (tests/test_rejected_monitoring.py: the hand-made regency).
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from tests import strategies as tst
from tests.test_rejected_monitoring import POSITIONS, blocked, run
from tukin.calc.notices import Observed, notices
from tukin.dataset import Dataset
from tukin.period import Period
from tukin.ruleset.load import build_ruleset

APPROVED = [{"id": "c", "type": "rollup", "min_status": "approved"}]
PHYSICAL = [{"id": "o", "type": "opd_score", "source": "physical", "min_status": "approved"}]
I3_READERS = {"kasi2", "kabid", "guru", "staf3"}


def rejected(
    table: str, key: tuple[str, str], column: str, status: Any, value: Any = -1
) -> dict[str, Any]:
    """The regency with the row ``key`` of ``table`` rejected (``column`` ``value``, -1) and
    its status cell ``status``."""
    tables = tst.mini_regency_tables(True)
    frame = tables[table].copy()
    first = "indicator_id" if table == "realisations" else "work_item_id"
    hit = (frame[first].astype(str) == key[0]) & (frame["period"].astype(str) == key[1])
    assert hit.sum() == 1
    frame[column] = frame[column].astype(object)
    if value is not None:
        frame.loc[hit, column] = value
    if "status" not in frame:
        frame["status"] = "signed"
    frame["status"] = frame["status"].astype(object)
    frame.loc[hit, "status"] = status
    tables[table] = frame
    return tables


def clean(steps: list[dict[str, Any]]) -> dict[str, Any]:
    paid, why = run(tst.mini_regency_tables(True), steps)
    assert not why
    return paid


@pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
def test_draft_realisation_blocks_nobody(reference: bool) -> None:
    tables = rejected("realisations", ("i3", "2025-Q1"), "value", "entered")
    paid, why = run(tables, APPROVED, reference=reference)
    # paid as if the draft had been typed right: the rule does not read it either way
    draft = rejected("realisations", ("i3", "2025-Q1"), "value", "entered", None)
    assert not why and paid == run(draft, APPROVED, reference=reference)[0]
    # a rule reading drafts reads it
    _, why = run(tables, reference=reference)
    assert blocked(why) == I3_READERS


@pytest.mark.parametrize("status", [None, "", "draft"], ids=["none", "blank", "unreadable"])
def test_unread_status_may_be_read(status: Any) -> None:
    paid, why = run(rejected("realisations", ("i3", "2025-Q1"), "value", status), APPROVED)
    assert blocked(why) == I3_READERS
    assert paid == {k: v for k, v in clean(APPROVED).items() if k not in I3_READERS}


def test_status_at_least_min_status_blocks() -> None:
    _, why = run(rejected("realisations", ("i3", "2025-Q1"), "value", "approved"), APPROVED)
    assert blocked(why) == I3_READERS


def test_draft_budget_realisation_blocks_nobody() -> None:
    tables = rejected("budget_realisations", ("S12", "2025-02"), "spent", "entered")
    paid, why = run(tables, PHYSICAL)
    draft = rejected("budget_realisations", ("S12", "2025-02"), "spent", "entered", None)
    assert not why and paid == run(draft, PHYSICAL)[0]
    tables = rejected("budget_realisations", ("S12", "2025-02"), "spent", None)
    _, why = run(tables, PHYSICAL)
    assert blocked(why) == set(POSITIONS) - {"camat", "stafE"}


def test_draft_of_unknown_indicator_is_not_warned() -> None:
    """No score reads a draft below every step's min_status: not warned as unplaced."""
    rs = build_ruleset({"name": "t", "steps": APPROVED}, {})
    for status, warned in (("entered", 0), ("signed", 1)):
        tables = tst.mini_regency_tables(True)
        row = {"indicator_id": "zz", "period": "2025-Q1", "value": 3, "status": status}
        tables["realisations"] = pd.concat(
            [tables["realisations"], pd.DataFrame([row])], ignore_index=True
        )
        found = notices(Dataset.from_frames(**tables), rs, Period.parse("2025-Q1"), Observed())
        assert len([w for w in found if w.code == "unplaced_rejected_rows"]) == warned
