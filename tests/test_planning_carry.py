"""Annual planning: what a projected month is given when the data has no rows for it.

A small regency, worked by hand: Dinas D (a kepala seksi responsible for sub kegiatan S1 and
his staff) and Kecamatan E (a camat, no e-Pantau data). Indicator ``a`` is reported per
quarter only (Q3 60/100, Q4 80/100); indicator ``b`` per month (November 90/100 approved,
December 50/100 only entered, which the rule set does not count yet). A CPNS joins Dinas D on
2026-03-01 with no row anywhere.

December 2025, as a calculation pays it: achievement = mean(Q4 80/100, November 90/100) =
17/20 (December's ``b`` is not approved: November's counts); absence 3 % per day of ``tk``.
Projected to 2026, nothing changing: every month pays what December paid, the CPNS is paid
from March as a clean month, and the camat, who has no achievement score, is listed as left
out, never dropped silently.
"""

from __future__ import annotations

import warnings
from fractions import Fraction
from functools import cache
from typing import Any

import pandas as pd
import pytest

from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import InputWarning
from tukin.planning import Projection, max_multiplier, project_year
from tukin.ruleset.load import build_ruleset
from tukin.ruleset.model import RuleSet

NIP = {
    "kasi": "198001012005011001",
    "staf": "198502022010012002",
    "camat": "197503032000031003",
    "baru": "199901012026031004",
}
BASE = {6: 3_000_000, 9: 5_000_000, 12: 8_000_000}

RULES: dict[str, Any] = {
    "name": "carry",
    "parameters": {
        "base_tpp": {"unit": "rupiah", "value": BASE, "reference": "test"},
    },
    "requires": ["attendance"],
    "steps": [
        {"id": "dasar", "type": "lookup", "key": "grade", "table": "$base_tpp", "unit": "rupiah"},
        {
            "id": "capaian",
            "type": "rollup",
            "min_status": "approved",
            "sources": {"pengawas": ["own"], "pelaksana": ["unit"], "jpt": ["own"]},
        },
        {"id": "absen", "type": "formula", "expr": "min(1, 0.03 * tk)"},
        {
            "id": "kotor",
            "type": "formula",
            "expr": "dasar * (0.6 * min(capaian, 1) + 0.4 * (1 - absen))",
        },
        {"id": "tpp", "type": "round", "input": "kotor"},
    ],
    "outputs": {"allowance": "tpp"},
}


def tables() -> dict[str, pd.DataFrame]:
    return {
        "units": pd.DataFrame({"unit_id": ["D", "E"], "name": ["Dinas D", "Kecamatan E"]}),
        "positions": pd.DataFrame(
            {
                "position_id": ["kasi", "staf", "camat"],
                "name": ["Kepala Seksi", "Staf", "Camat"],
                "unit_id": ["D", "D", "E"],
                "kind": ["pengawas", "pelaksana", "jpt"],
                "grade": [9, 6, 12],
                "superior_id": [None, "kasi", None],
            }
        ),
        "employees": pd.DataFrame(
            {
                "nip": list(NIP.values()),
                "name": ["Kasi", "Staf", "Camat", "CPNS Baru"],
                "position_id": ["kasi", "staf", "camat", "staf"],
                "status": ["pns", "pns", "pns", "pns"],
                "start_date": [None, None, None, "2026-03-01"],
            }
        ),
        "work_items": pd.DataFrame(
            {
                "work_item_id": ["S1"],
                "name": ["Sub kegiatan 1"],
                "level": ["sub_kegiatan"],
                "unit_id": ["D"],
                "responsible_position_id": ["kasi"],
                "budget": [100],
            }
        ),
        "indicators": pd.DataFrame(
            {"indicator_id": ["a", "b"], "work_item_id": ["S1", "S1"], "name": ["A", "B"]}
        ),
        "targets": pd.DataFrame(
            {
                "indicator_id": ["a", "a", "b", "b"],
                "period": ["2025-Q3", "2025-Q4", "2025-11", "2025-12"],
                "target": [100, 100, 100, 100],
            }
        ),
        "realisations": pd.DataFrame(
            {
                "indicator_id": ["a", "a", "b", "b"],
                "period": ["2025-Q3", "2025-Q4", "2025-11", "2025-12"],
                "value": [60, 80, 90, 50],
                "status": ["signed", "signed", "approved", "entered"],
            }
        ),
        "attendance": pd.DataFrame(
            {
                "nip": [NIP["kasi"], NIP["staf"], NIP["camat"]] * 2,
                "period": ["2025-11"] * 3 + ["2025-12"] * 3,
                "tk": [4, 4, 0, 1, 0, 0],
            }
        ),
    }


@cache
def data() -> Dataset:
    return Dataset.from_frames(mode="strict", lang="en", **tables())


@cache
def rules() -> RuleSet:
    return build_ruleset(RULES, {})


def amount(base: int, achievement: Fraction, tk: int) -> int:
    """One month's TPP by hand: base × (60 % × achievement + 40 % × (1 − 3 % × tk)), half up."""
    x = base * (Fraction(3, 5) * min(achievement, 1) + Fraction(2, 5) * (1 - Fraction(3, 100) * tk))
    return int(x + Fraction(1, 2))  # positive: half up is floor(x + 1/2)


ACHIEVEMENT = (Fraction(80, 100) + Fraction(90, 100)) / 2  # Q4 of a, November of b
KASI = amount(BASE[9], ACHIEVEMENT, 1)  # 4,490,000
STAF = amount(BASE[6], ACHIEVEMENT, 0)  # 2,730,000
YEAR = 12 * (KASI + STAF) + 10 * STAF  # the CPNS from March


@cache
def projection() -> Projection:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        return project_year(data(), rules(), 2026, pagu=YEAR)


class TestCarriedFigures:
    def test_december_is_what_the_hand_computation_says(self) -> None:
        """The worked example holds for the month the data has: Rp4,490,000 and Rp2,730,000."""
        r = calculate(data(), rules(), "2025-12")
        paid = dict(zip(r.to_frame()["nip"].astype(str), r.to_frame()["allowance"], strict=True))
        assert (KASI, STAF) == (4_490_000, 2_730_000)
        assert paid == {NIP["kasi"]: KASI, NIP["staf"]: STAF}

    def test_every_projected_month_pays_what_december_paid(self) -> None:
        """Quarterly and late figures are carried per indicator: no month pays less than
        December (the whole December copied scored ``a`` and ``b`` 0 all year)."""
        m = projection().monthly
        assert m["allowance"].tolist() == [KASI + STAF] * 2 + [KASI + 2 * STAF] * 10
        assert projection().total == YEAR == 113_940_000

    def test_quarterly_reports_alone_are_carried(self) -> None:
        """With e-Pantau reported per quarter only, the year is not Rp0: the Q4 figure counts."""
        t = tables()
        for name in ("targets", "realisations"):
            t[name] = t[name][t[name]["indicator_id"] == "a"]
        ds = Dataset.from_frames(mode="strict", **t)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            p = project_year(ds, rules(), 2026, pagu=1)
        a = Fraction(80, 100)
        assert p.monthly["allowance"].iloc[0] == amount(BASE[9], a, 1) + amount(BASE[6], a, 0)
        assert p.fits is False

    def test_source_says_what_each_table_was_given(self) -> None:
        """The month says the periods carried and the rows assumed for the joiner."""
        source = projection().monthly.set_index("month")["source"]
        assert source["2026-03"] == (
            "assumed: targets from 2025-11 (1), 2025-Q4 (1); "
            "realisations from 2025-11 (1), 2025-Q4 (1); "
            "attendance from 2025-12 (3), assumed clean (1)"
        )
        assert "assumed clean" not in source["2026-02"]  # not in service yet


class TestWhoIsNotInTheCost:
    def test_the_joiner_is_paid_from_his_first_month(self) -> None:
        """A CPNS starting 2026-03-01 is costed as a clean month from March, not rejected for
        want of an attendance row."""
        m = projection().monthly
        assert m["employees_paid"].tolist() == [2, 2] + [3] * 10
        rej = projection().rejected
        mine = rej[rej["nip"].astype(str) == NIP["baru"]]
        assert mine["month"].tolist() == ["2026-01", "2026-02"]
        assert set(mine["code"]) == {"out_of_service"}

    def test_an_opd_without_epantau_is_listed_not_dropped(self) -> None:
        """The camat has no achievement score: rejected every month with the reason, counted
        in by_opd with cost 0, and the projection is not complete."""
        p = projection()
        camat = p.rejected[p.rejected["nip"].astype(str) == NIP["camat"]]
        assert len(camat) == 12 and set(camat["code"]) == {"no_rollup_score"}
        e = p.by_opd.set_index("opd_id").loc["E"]
        assert (e["cost"], e["left_out"]) == (0, 12)
        assert p.by_opd["cost"].sum() == p.total
        assert p.monthly["employees_left_out"].tolist() == [1] * 12
        assert p.left_out["nip"].astype(str).unique().tolist() == [NIP["camat"]]
        assert not p.complete

    def test_a_fit_that_leaves_employees_out_is_not_silent(self) -> None:
        """The pagu equals the cost of those paid: it fits, and a warning says who is not in it."""
        with pytest.warns(InputWarning, match="1 employees in service") as caught:
            p = project_year(data(), rules(), 2026, pagu=YEAR)
        assert p.fits is True
        (w,) = p.warnings
        assert w.code == "projection_left_out" and w.fields["count"] == 12
        assert "no_rollup_score (12)" in str(w)
        assert any(x.message is w or str(x.message) == str(w) for x in caught)

    def test_the_multiplier_search_warns_too(self) -> None:
        """max_multiplier's answer holds for the employees costed: the warning comes with it."""
        with pytest.warns(InputWarning, match="not in the projected cost"):
            m = max_multiplier(data(), rules(), 2026, YEAR, precision="0.5", upper=1)
        assert m.projection.warnings and not m.projection.complete

    def test_complete_without_warning_when_everyone_is_paid(self) -> None:
        """Without the camat nobody in service is left out: no warning, complete."""
        t = tables()
        t["employees"] = t["employees"][t["employees"]["position_id"] != "camat"]
        t["attendance"] = t["attendance"][t["attendance"]["nip"] != NIP["camat"]]
        ds = Dataset.from_frames(mode="strict", **t)
        with warnings.catch_warnings():
            warnings.simplefilter("error", InputWarning)
            p = project_year(ds, rules(), 2026)
        assert p.complete and p.warnings == () and p.total == YEAR
