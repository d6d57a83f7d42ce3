"""``tukin.prepare``: the work every calculation on a Dataset shares, done ahead and kept.

A calculation after ``prepare`` must give the same result, and must not redo what was
prepared: the tests take the preparing functions away after ``prepare`` and calculate.
"""

from __future__ import annotations

import warnings
from typing import Any

import pandas as pd
import pytest

import tukin
from tukin import demo
from tukin.calc import frame as frame_module
from tukin.dataset import Dataset
from tukin.errors import CalculationError
from tukin.hierarchy import Hierarchy
from tukin.rules import hierarchy as hierarchy_rules

PERIOD = "2025-10"
EPANTAU = "tpp-epantau-kukar-example"


def fresh() -> Dataset:
    return Dataset.from_frames(**demo.generate(150, seed=4, year=2025))


def calculated(ds: Dataset, rules: Any) -> tuple[pd.DataFrame, dict[str, Any]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", tukin.errors.InputWarning)
        result = tukin.calculate(ds, rules, PERIOD)
    receipt = result.receipt.model_dump(exclude={"computed_at"})
    return result.to_frame(), receipt


def refuse(*_: Any, **__: Any) -> Any:
    raise AssertionError("prepared already: not to be computed again")


class TestPrepare:
    def test_same_result_with_or_without(self) -> None:
        """Prepared or not, every amount, step and receipt field is the same."""
        rules = tukin.load_ruleset(EPANTAU)
        plain, ready = fresh(), fresh()
        tukin.prepare(ready, rules, [PERIOD])
        a, receipt_a = calculated(plain, rules)
        b, receipt_b = calculated(ready, rules)
        pd.testing.assert_frame_equal(a, b)
        assert receipt_a == receipt_b

    def test_shared_work_is_not_redone(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """After prepare: no fingerprint, employee join, hierarchy or indicator figures are
        computed again by calculate."""
        rules = tukin.load_ruleset(EPANTAU)
        ds = fresh()
        tukin.prepare(ds, rules, [PERIOD])
        assert ds.has_fingerprint
        monkeypatch.setattr(frame_module, "_placed", refuse)
        monkeypatch.setattr("tukin.dataset.fingerprint", refuse)
        monkeypatch.setattr(Hierarchy, "__init__", refuse)
        monkeypatch.setattr(hierarchy_rules, "indicator_figures", refuse)
        frame, _ = calculated(ds, rules)
        assert len(frame) > 0

    def test_without_rules_the_dataset_work(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Without a rule set: the fingerprint and the employee join only."""
        ds = fresh()
        tukin.prepare(ds)
        assert ds.has_fingerprint
        monkeypatch.setattr(frame_module, "_placed", refuse)
        frame, _ = calculated(ds, tukin.load_ruleset("tpp-60-40"))
        assert len(frame) > 0

    def test_a_period_the_rules_refuse(self) -> None:
        """A quarter for a monthly pack is refused as calculate refuses it."""
        with pytest.raises(CalculationError) as info:
            tukin.prepare(fresh(), tukin.load_ruleset("tpp-60-40"), ["2025-Q3"])
        assert info.value.code == "period_kind_not_computed"

    @pytest.mark.parametrize("one", [PERIOD, tukin.Period.parse(PERIOD)], ids=["text", "period"])
    def test_one_period_as_calculate_takes_it(self, one: Any) -> None:
        """A single period, as text or a Period, is one period: "2025-10" was read as the
        periods '2', '0', ... (review 25, d04); the same work as a list of it."""
        rules = tukin.load_ruleset(EPANTAU)
        single, listed = fresh(), fresh()
        tukin.prepare(single, rules, one)
        tukin.prepare(listed, rules, [PERIOD])
        assert single.has_fingerprint and single.fingerprint() == listed.fingerprint()
        assert (
            tukin.calculate(single, rules, PERIOD).total
            == tukin.calculate(listed, rules, PERIOD).total
        )

    def test_periods_need_rules(self) -> None:
        """Periods without a rule set: an ArgumentTypeError, still the TypeError it was."""
        with pytest.raises(tukin.ArgumentTypeError, match="periode memerlukan aturan") as info:
            tukin.prepare(fresh(), None, [PERIOD])
        assert isinstance(info.value, TypeError)
        assert "periods need the rule set" in info.value.message("en")

    def test_large_dataset_prepares_on_two_threads(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """With the second thread forced on (as for 100k employees), the same fingerprint."""
        rules = tukin.load_ruleset(EPANTAU)
        plain = fresh()
        monkeypatch.setattr("tukin.calc.engine._large", lambda ds: True)
        ready = fresh()
        tukin.prepare(ready, rules, [PERIOD])
        assert ready.has_fingerprint and ready.fingerprint() == plain.fingerprint()
