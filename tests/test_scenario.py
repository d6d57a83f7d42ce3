"""What-if scenarios: two rule sets on the same data."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from tests import strategies as ts
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import RuleSetError
from tukin.ruleset.load import build_ruleset
from tukin.ruleset.model import RuleSet
from tukin.scenario import Comparison, compare


def data() -> Dataset:
    """The tiny regency: January to March 2025, Dinas A and Badan B, three employees each."""
    return ts.tiny_regency()


def rules() -> RuleSet:
    return ts.split_rules()


@cache
def comparison() -> Comparison:
    """80/20 (attendance-heavy) against the 60/40 rule set, February 2025."""
    a = rules().with_parameters(kinerja_share="20%", disiplin_share="80%")
    return compare(data(), a, rules(), "2025-02", labels=("80/20", "60/40"))


class TestCompare:
    def test_per_employee_difference(self) -> None:
        """Each employee's amounts under both rule sets and b - a, matching separate runs."""
        pe = comparison().per_employee
        a = calculate(
            data(), rules().with_parameters(kinerja_share="20%", disiplin_share="80%"), "2025-02"
        )
        b = calculate(data(), rules(), "2025-02")
        assert pe["amount_a"].tolist() == a.to_frame()["allowance"].tolist()
        assert pe["amount_b"].tolist() == b.to_frame()["allowance"].tolist()
        assert (pe["difference"] == pe["amount_b"] - pe["amount_a"]).all()
        assert list(pe.columns[:5]) == ["nip", "name", "opd_id", "opd_name", "grade"]

    def test_by_opd_and_by_grade_add_up(self) -> None:
        """Group totals sum to the overall totals; counts add up to the employees."""
        c = comparison()
        s = c.summary
        for table in (c.by_opd, c.by_grade):
            assert table["total_a"].sum() == s.total_a and table["total_b"].sum() == s.total_b
            assert (table["better"] + table["worse"] + table["same"] == table["employees"]).all()
        assert c.by_opd["opd_id"].tolist() == ["A", "B"]
        assert c.by_grade["grade"].tolist() == [5, 6, 9]

    def test_summary_counts(self) -> None:
        """Better, worse and same partition the employees; the difference is total b - total a."""
        # February: tk = 1, 2, 3, 0, 1, 2 and SKP ratio 1, 1, 0.5, 1, 1, 0.4; moving 20 points
        # from discipline to performance pays 0.4 × base × (skp - 1 + 0.03 tk) more.
        s = comparison().summary
        assert s.better + s.worse + s.same == s.employees == 6
        assert s.difference == s.total_b - s.total_a
        assert (s.better, s.worse, s.same) == (3, 2, 1)
        assert s.to_dict()["labels"] == ("80/20", "60/40")

    def test_parameter_overrides_as_second_rule_set(self) -> None:
        """A mapping of parameters is applied to the first rule set, which stays unchanged."""
        before = rules().fingerprint()
        c = compare(data(), rules(), {"kinerja_share": "20%", "disiplin_share": "80%"}, "2025-02")
        assert c.summary.total_a == comparison().summary.total_b
        assert c.summary.total_b == comparison().summary.total_a
        assert rules().fingerprint() == before
        with pytest.raises(RuleSetError):
            compare(data(), rules(), {"no_such": 1}, "2025-02")

    def test_employee_paid_under_one_rule_set_only(self) -> None:
        """Someone rejected under b counts 0 there, flagged paid_b False."""
        strict = build_ruleset({**ts.SPLIT_RULES, "requires": ["attendance", "appraisal"]}, {})
        c = compare(data(), rules(), strict, "2025-02")
        row = c.per_employee.set_index("nip").loc[ts.nips(6)[5]]
        assert (bool(row["paid_a"]), bool(row["paid_b"]), int(row["amount_b"])) == (True, False, 0)
        assert c.summary.only_a == 1

    def test_net_amounts(self) -> None:
        """amount='net' compares what employees take home."""
        c = compare(data(), rules(), rules(), "2025-02", amount="net")
        assert (
            c.per_employee["amount_a"].sum()
            == calculate(data(), rules(), "2025-02").receipt.total_net
        )
        assert c.summary.same == 6

    def test_plot_writes_a_png(self, tmp_path: Path) -> None:
        """The plot is a figure with three panels, saved when a path is given."""
        path = tmp_path / "cmp.png"
        fig = comparison().plot(path)
        assert len(fig.axes) == 3
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"

    def test_repr_names_the_labels(self) -> None:
        """The repr reads like the headline."""
        assert repr(comparison()).startswith(
            "<Comparison 80/20 vs 60/40: 6 employees, 3 better, 2 worse"
        )
        assert isinstance(comparison().per_employee, pd.DataFrame)


class TestAnOpdPaidUnderOneRuleSetOnly:
    """An OPD whose employees only rule set B pays: its name is among B's categories, not
    A's; the comparison still lists it (the frames are joined as text)."""

    def test_listed_with_its_name(self) -> None:
        import copy

        import yaml

        from tukin import demo
        from tukin.calc.frame import opd_of_units
        from tukin.ruleset.load import load_ruleset

        t = demo.generate(300, seed=5, months=1)
        pos = t["positions"].copy()
        opd = opd_of_units(t["units"])
        target = sorted(set(opd))[0]
        pos.loc[pos["grade"] == 1, "grade"] = 2
        pos.loc[pos["unit_id"].map(opd) == target, "grade"] = 1  # grade 1: that OPD only
        ds = Dataset.from_frames(**dict(t, positions=pos))
        pack = Path(__file__).resolve().parent.parent / "benchmarks" / "full_pack.yaml"
        spec = yaml.safe_load(pack.read_text())
        spec_a = copy.deepcopy(spec)
        del spec_a["parameters"]["base_tpp"]["value"][1]  # A pays no grade 1
        with pytest.warns(Warning):
            c = compare(ds, load_ruleset(spec_a), load_ruleset(spec), "2025-01")
        pe = c.per_employee
        only_b = pe[pe["opd_id"] == target]
        assert len(only_b) > 0 and (~only_b["paid_a"] & only_b["paid_b"]).all()
        assert only_b["opd_name"].notna().all()
        assert target in c.by_opd["opd_id"].tolist()


class TestExample:
    def test_scenario_script_runs_on_a_small_demo(self, tmp_path: Path) -> None:
        """examples/scenario_80_20_vs_60_40.py compares the demo regency and writes its plot."""
        import runpy

        script = Path(__file__).parent.parent / "examples" / "scenario_80_20_vs_60_40.py"
        main = runpy.run_path(str(script))["main"]
        cmp = main(80, tmp_path / "plot.png")
        assert cmp.labels == ("80/20", "60/40") and cmp.summary.employees > 0
        assert (tmp_path / "plot.png").stat().st_size > 10_000
