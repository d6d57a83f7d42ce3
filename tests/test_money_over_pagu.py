"""A payment run warns when an OPD score on money reads spending above a pagu (review 72).

``opd_score`` / ``opd_factor`` with ``source: financial`` divide the OPD's spending to date by
its pagu, ``absorption`` by its plan. Running totals typed into the monthly ``spent`` column
(60, 300, 360 for a pagu of 600) raised the hand-made regency's Dinas D from 28 % to 76 % of
pagu (364 % with larger totals) and everyone's allowance with it, without a word.
"""

from __future__ import annotations

import warnings
from typing import Any

from tests import strategies as tst
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import InputWarning
from tukin.ruleset.load import build_ruleset

PERIOD = "2025-03"


def _warned(step: dict[str, Any], spent_s11: list[int] | None = None) -> list[InputWarning]:
    tables = tst.mini_regency_tables()
    if spent_s11 is not None:
        br = tables["budget_realisations"]
        br.loc[br["work_item_id"] == "S11", "spent"] = spent_s11
    steps = [
        step,
        {"id": "tpp", "type": "formula", "expr": f"rupiah(1000000 * {step['id']})"},
        {"id": "bulat", "type": "round", "input": "tpp"},
    ]
    rs = build_ruleset({"name": "t", "parameters": {}, "steps": steps}, {})
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = calculate(Dataset.from_frames(**tables, lang="en"), rs, PERIOD)
    assert [w.code for w in result.warnings] == [
        w.message.code for w in caught if isinstance(w.message, InputWarning)
    ]
    return [w for w in result.warnings if w.code == "money_over_pagu"]


class TestMoneyOverPagu:
    """``money_over_pagu`` names the items an OPD score on money reads above their pagu."""

    def test_running_totals_read_by_a_financial_score(self) -> None:
        """S11 720 of 600 by March: named with its OPD and amounts, in both languages."""
        (w,) = _warned({"id": "o", "type": "opd_score", "source": "financial"}, [60, 300, 360])
        assert w.fields["value"] == 1 and w.fields["step"] == "'o'"
        assert w.fields["items"] == "S11 (D): Rp720 > Rp600"
        # for a program: the items as data in whole rupiah, the steps a list (review 88)
        assert w.params["items"] == [{"item": "S11", "opd": "D", "pagu": 600, "spent": 720}]
        assert w.params["step"] == ["o"] and w.params["value"] == 1
        assert "more than their pagu" in w.message("en")
        assert "lebih dari pagunya" in w.message("id")

    def test_absorption_reads_the_same_money(self) -> None:
        """An absorption score reads the spending too: warned alike."""
        (w,) = _warned({"id": "o", "type": "opd_score", "source": "absorption"}, [60, 300, 360])
        assert w.fields["items"] == "S11 (D): Rp720 > Rp600"

    def test_nothing_when_within_pagu_or_not_read(self) -> None:
        """Spending of exactly the pagu is within it; a physical or achievement score does
        not read the spending."""
        assert (
            _warned({"id": "o", "type": "opd_score", "source": "financial"}, [100, 200, 300]) == []
        )
        assert _warned({"id": "o", "type": "opd_score", "source": "physical"}, [60, 300, 360]) == []
        assert _warned({"id": "o", "type": "opd_score", "missing": "value"}, [60, 300, 360]) == []
