"""Discipline sanctions across periods: the sanctions table and accumulated absence."""

from __future__ import annotations

import warnings
from fractions import Fraction
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import pytest

import tukin
from tests import strategies as ts
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.distributed import calculate_partitioned
from tukin.errors import CalculationError, InputWarning, RuleSetError
from tukin.period import Period
from tukin.rules.sanctions import (
    EVENT_COLUMNS,
    AbsenceSanctionParams,
    cuts,
    history_span,
    in_force,
    month_number,
    month_ranges,
)
from tukin.ruleset.load import build_ruleset
from tukin.ruleset.model import RuleSet

NIP = ts.nips(4)
TIERS = [
    {"days": 11, "cut": "25%", "months": 6, "kind": "hukuman disiplin sedang (6 bulan)"},
    {"days": 14, "cut": "25%", "months": 9},
    {"days": 17, "cut": "25%", "months": 12},
]


def regency(
    sanctions: pd.DataFrame | None = None, attendance: pd.DataFrame | None = None
) -> Dataset:
    tables: dict[str, pd.DataFrame] = {
        "units": pd.DataFrame({"unit_id": ["A"], "name": ["Dinas A"]}),
        "positions": pd.DataFrame(
            {
                "position_id": ["p"],
                "name": ["Staf"],
                "unit_id": ["A"],
                "kind": ["pelaksana"],
                "grade": [5],
            }
        ),
        "employees": pd.DataFrame({"nip": NIP, "position_id": ["p"] * 4, "status": ["pns"] * 4}),
    }
    if sanctions is not None:
        tables["sanctions"] = sanctions
    if attendance is not None:
        tables["attendance"] = attendance
    return Dataset.from_frames(mode="strict", **tables)


def rules(cut_step: dict[str, Any], **top: Any) -> RuleSet:
    return build_ruleset(
        {
            **top,
            "name": "sanksi",
            "parameters": {
                "tiers": {"value": TIERS, "reference": "PP 94/2021 art. 11", "source": "secondary"}
            },
            "steps": [
                {
                    "id": "base",
                    "type": "lookup",
                    "key": "grade",
                    "table": {5: 1_000_000},
                    "unit": "rupiah",
                },
                {"id": "cut", **cut_step},
                {"id": "gross", "type": "formula", "expr": "base * (1 - cut)"},
                {"id": "tpp", "type": "round", "input": "gross"},
            ],
        },
        {},
    )


@cache
def medium_sanction() -> Dataset:
    """NIP 0: 25% for 6 months from March 2025; NIP 1: 10% + 20% overlapping in May-June."""
    return regency(
        pd.DataFrame(
            {
                "nip": [NIP[0], NIP[1], NIP[1]],
                "kind": ["hukuman disiplin sedang", "teguran tertulis", "pernyataan tidak puas"],
                "percent": [25, 10, 20],
                "start_period": ["2025-03", "2025-04", "2025-05"],
                "months": [6, 3, 2],
                "reference": ["800/001/BKPSDM/2025", None, "800/002/BKPSDM/2025"],
            }
        )
    )


def pay(ds: Dataset, rs: RuleSet, period: str) -> dict[str, int]:
    f = calculate(ds, rs, period).to_frame()
    return dict(zip(f["nip"], f["allowance"].astype(int), strict=True))


def events(rows: list[tuple[str, str, Fraction, str, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [(n, k, c, month_number(Period.parse(s)), m, None) for n, k, c, s, m in rows],
        columns=list(EVENT_COLUMNS),
    )


def sanction_rows(
    *, percents: list[Any] | None = None, starts: list[Any] | None = None
) -> pd.DataFrame:
    """Medium sanctions of six months for the first NIPs: 25 % from 2025-03 unless given."""
    n = len(percents if percents is not None else starts or [])
    return pd.DataFrame(
        {
            "nip": NIP[:n],
            "kind": ["hukuman disiplin sedang"] * n,
            "percent": percents if percents is not None else [25] * n,
            "start_period": starts if starts is not None else ["2025-03"] * n,
            "months": [6] * n,
        }
    )


class TestCuts:
    def test_first_and_last_month_are_covered(self) -> None:
        """start_period <= month < start_period + months, both ends checked."""
        ev = events([("x", "k", Fraction(1, 4), "2025-03", 6)])
        covered = {
            m: cuts(ev, Period.month(2025, m))[0].get("x", Fraction(0)) for m in range(1, 13)
        }
        assert [m for m, c in covered.items() if c] == [3, 4, 5, 6, 7, 8]

    def test_in_force_is_the_months_from_start_to_start_plus_months(self) -> None:
        """start <= month < start + months, elementwise: a sanction of 2025-03 for 6 months is
        in force in 2025-03 and 2025-08, not in 2025-02 or 2025-09 (what the warnings about
        sanctions no step applies count)."""
        start = month_number(Period.parse("2025-03"))
        got = {
            m: bool(in_force(np.array([start]), np.array([6]), Period.month(2025, m))[0])
            for m in (2, 3, 8, 9)
        }
        assert got == {2: False, 3: True, 8: True, 9: False}
        assert bool(in_force(np.array([start]), np.array([6]), Period.parse("2025-Q3"))[0])
        assert not bool(in_force(np.array([start]), np.array([6]), Period.parse("2025-Q4"))[0])

    def test_quarter_takes_the_mean_of_its_months(self) -> None:
        """Two covered months of a quarter cut two thirds of the percentage."""
        ev = events([("x", "k", Fraction(1, 4), "2025-05", 6)])
        assert cuts(ev, Period.parse("2025-Q2"))[0]["x"] == Fraction(1, 6)

    def test_sum_is_capped(self) -> None:
        """Summed sanctions never cut more than the cap."""
        ev = events(
            [("x", "a", Fraction(3, 4), "2025-01", 2), ("x", "b", Fraction(1, 2), "2025-01", 2)]
        )
        assert cuts(ev, Period.month(2025, 1), "sum", Fraction(1))[0]["x"] == 1
        assert cuts(ev, Period.month(2025, 1), "max")[0]["x"] == Fraction(3, 4)


class TestSanctionRule:
    def test_twelve_months_covered_and_not_covered(self) -> None:
        """25% for 6 months from March: March-August cut, January, February and September-December paid in full."""
        ds, rs = medium_sanction(), rules({"type": "sanction"})
        got = {m: pay(ds, rs, f"2025-{m:02d}")[NIP[0]] for m in range(1, 13)}
        assert got == {m: 750_000 if 3 <= m <= 8 else 1_000_000 for m in range(1, 13)}

    def test_explanation_names_the_sanction_and_its_months(self) -> None:
        """The explanation shows the kind, the decision letter and the months covered."""
        res = calculate(medium_sanction(), rules({"type": "sanction"}), "2025-05")
        note = res.explain(NIP[0], lang="en").step("cut").notes["sanctions"]
        assert "hukuman disiplin sedang" in note and "800/001/BKPSDM/2025" in note
        assert "2025-03 to 2025-08" in note and "in force 2025-05" in note
        assert res.explain(NIP[2]).step("cut").notes["sanctions"] is None

    def test_explanation_speaks_its_own_language(self) -> None:
        """The same note in Indonesian, under its Indonesian name: no English sentence
        inside an explanation an Indonesian auditor reads."""
        res = calculate(medium_sanction(), rules({"type": "sanction"}), "2025-05")
        ex = res.explain(NIP[0], lang="id")
        note = ex.step("cut").notes["sanctions"]
        assert note == (
            "hukuman disiplin sedang [800/001/BKPSDM/2025]: 25% selama 6 bulan, "
            "2025-03 s.d. 2025-08 (berlaku 2025-05)"
        )
        assert f"     sanksi: {note}" in str(ex).splitlines()
        assert "sanctions:" not in str(ex)
        assert "sanctions:" in str(res.explain(NIP[0], lang="en"))

    def test_heaviest_applies_by_default_and_sum_on_request(self) -> None:
        """Overlapping 10% and 20% cut 20% (max) or 30% (sum) in the months both cover."""
        ds = medium_sanction()
        assert pay(ds, rules({"type": "sanction"}), "2025-05")[NIP[1]] == 800_000
        assert pay(ds, rules({"type": "sanction", "combine": "sum"}), "2025-05")[NIP[1]] == 700_000
        assert pay(ds, rules({"type": "sanction", "combine": "sum"}), "2025-04")[NIP[1]] == 900_000

    def test_only_the_listed_kinds(self) -> None:
        """``kinds`` selects sanctions by kind, ignoring case."""
        rs = rules({"type": "sanction", "kinds": ["HUKUMAN DISIPLIN SEDANG"]})
        got = pay(medium_sanction(), rs, "2025-05")
        assert (got[NIP[0]], got[NIP[1]]) == (750_000, 1_000_000)

    def test_carries_into_the_next_year(self) -> None:
        """A 12-month sanction from October 2025 still cuts September 2026, not October."""
        ds = regency(
            pd.DataFrame(
                {
                    "nip": [NIP[0]],
                    "kind": ["sedang"],
                    "percent": [25],
                    "start_period": ["2025-10"],
                    "months": [12],
                }
            )
        )
        rs = rules({"type": "sanction"})
        assert pay(ds, rs, "2026-09")[NIP[0]] == 750_000
        assert pay(ds, rs, "2026-10")[NIP[0]] == 1_000_000

    def test_no_sanctions_table_cuts_nothing(self) -> None:
        """Without sanctions everyone is paid in full."""
        assert set(pay(regency(), rules({"type": "sanction"}), "2025-05").values()) == {1_000_000}


def absences(rows: dict[str, list[tuple[str, int]]]) -> pd.DataFrame:
    data = [(nip, p, d) for nip, items in rows.items() for p, d in items]
    return pd.DataFrame(data, columns=["nip", "period", "tk"])


class TestAbsenceSanction:
    def test_tier_reached_starts_the_cut_next_month(self) -> None:
        """11 days by March cut April-September (6 months); nothing before, nothing after."""
        ds = regency(
            attendance=absences({NIP[0]: [("2025-01", 5), ("2025-02", 4), ("2025-03", 2)]})
        )
        rs = rules({"type": "absence_sanction", "tiers": "$tiers"})
        got = {m: pay(ds, rs, f"2025-{m:02d}")[NIP[0]] for m in range(1, 13)}
        assert got == {m: 750_000 if 4 <= m <= 9 else 1_000_000 for m in range(1, 13)}

    def test_the_month_a_tier_is_reached_says_when_the_cut_starts(self) -> None:
        """March pays in full (the cut starts in April), and its explanation says so: HR
        drafts the SK from it, an auditor sees why March is whole (review 48)."""
        ds = regency(
            attendance=absences({NIP[0]: [("2025-01", 5), ("2025-02", 4), ("2025-03", 2)]})
        )
        res = calculate(ds, rules({"type": "absence_sanction", "tiers": "$tiers"}), "2025-03")
        assert res.to_frame().set_index("nip").loc[NIP[0], "allowance"] == 1_000_000
        note = res.explain(NIP[0], lang="id").step("cut").notes["sanctions"]
        assert note == (
            "hukuman disiplin sedang (6 bulan) [11 hari tk pada 2025 s.d. 2025-03]: 25% selama "
            "6 bulan mulai 2025-04 (belum berlaku: batas tercapai pada 2025-03; hukuman "
            "dijatuhkan dengan SK)"
        )
        note = res.explain(NIP[0], lang="en").step("cut").notes["sanctions"]
        assert note.endswith(
            "25% for 6 months from 2025-04 (not yet in force: tier reached in 2025-03; the "
            "sanction is imposed by a decision letter, SK)"
        )

    def test_the_month_a_tier_is_reached_warns_hr_to_draft_the_sk(self) -> None:
        """The month a tier is reached pays in full and the cut starts later: the run warns
        ``absence_tier_reached`` naming the employees and the first month cut, so that HR
        drafts the SK the sanction is imposed by (docs/fiscal.md); not in the months after
        it, nor for an employee whose tier was reached earlier (review 48)."""
        att = absences(
            {
                NIP[0]: [("2025-01", 5), ("2025-02", 4), ("2025-03", 2)],  # 11 in March
                NIP[1]: [("2025-01", 11), ("2025-03", 3)],  # 11 in Jan, 14 in March
                NIP[2]: [("2025-02", 11)],  # 11 in February
                NIP[3]: [("2025-03", 0)],
            }
        )
        ds = regency(attendance=att)
        rs = rules({"type": "absence_sanction", "tiers": "$tiers"})

        def reached(period: str, data: Dataset = ds, rules: RuleSet = rs) -> list[Any]:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                found = calculate(data, rules, period).warnings
            return [w for w in found if w.code == "absence_tier_reached"]

        [w] = reached("2025-03")
        assert w.fields["value"] == 2 and w.fields["step"] == "cut"
        assert w.fields["nips"] == f"{NIP[0]}, {NIP[1]}" and w.fields["start"] == "2025-04"
        # lists for a program (review 88)
        assert w.params["nips"] == [NIP[0], NIP[1]] and w.params["start"] == ["2025-04"]
        assert w.message("id").startswith(
            "2 pegawai mencapai batas hari tanpa keterangan ('tk') langkah 'cut' pada aturan "
            "'sanksi' pada 2025-03"
        )
        assert "hukumannya berlaku mulai 2025-04 (memotong tunjangan hanya bila" in w.message("id")
        assert "its sanction takes effect from 2025-04 (a cut of the allowance only where" in (
            w.message("en")
        )
        [w] = reached("2025-02")
        assert w.fields["nips"] == NIP[2]
        assert reached("2025-04") == []
        # without delay the cut starts the month it is reached
        now = rules({"type": "absence_sanction", "tiers": "$tiers", "delay": 0})
        [w] = reached("2025-03", rules=now)
        assert w.fields["start"] == "2025-03"
        # a partitioned run warns the same
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parts = calculate_partitioned(ds, rs, "2025-03", npartitions=2).warnings
        assert [w.fields for w in parts if w.code == "absence_tier_reached"] == [
            reached("2025-03")[0].fields
        ]

    def test_a_decision_letter_starting_later_is_not_announced(self) -> None:
        """An SK row of the sanctions table starting after the period says nothing there: the
        table has no decision date, and recalculating an old month would name letters signed
        later (review 50)."""
        res = calculate(medium_sanction(), rules({"type": "sanction"}), "2025-02")
        assert res.explain(NIP[0], lang="id").step("cut").notes["sanctions"] is None

    def test_a_range_closed_by_up_to_starts_no_cut_above_it(self) -> None:
        """PP 94/2021 cuts 25% for 11-13, 14-16 and 17-20 unexcused days; from 21 the sanction
        is heavy and no allowance cut. A count jumping from 10 to 21 in one month reached the
        17-day tier and cut 25% for 12 months (review 127): with ``up_to: 20`` that month
        starts no cut, and a 0% tier from 21 names the heavy sanction and warns HR. A cut
        started in an earlier month runs on when the count later passes the range."""
        ranged = [
            {**TIERS[0], "up_to": 13},
            {**TIERS[1], "up_to": 16},
            {**TIERS[2], "up_to": 20},
            {"days": 21, "cut": "0%", "months": 12, "kind": "penurunan jabatan", "up_to": 24},
        ]
        att = absences(
            {
                NIP[0]: [("2025-01", 10), ("2025-02", 11)],  # 21 in February: heavy only
                NIP[1]: [("2025-01", 10), ("2025-02", 10)],  # 20 in February: 17-20, 12 months
                NIP[2]: [("2025-01", 11), ("2025-05", 11)],  # 11 in Jan (6 months), 22 in May
                NIP[3]: [("2025-01", 10), ("2025-02", 5)],  # 15 in February: 14-16, 9 months
            }
        )
        ds = regency(attendance=att)
        closed = rules({"type": "absence_sanction", "tiers": ranged})
        open_ = rules({"type": "absence_sanction", "tiers": "$tiers"})
        assert pay(ds, open_, "2025-06")[NIP[0]] == 750_000  # the reading before up_to
        got = {m: pay(ds, closed, f"2025-{m:02d}") for m in (2, 3, 6, 7, 11, 12)}
        assert [got[m][NIP[0]] for m in (3, 6, 12)] == [1_000_000] * 3
        assert [got[m][NIP[1]] for m in (2, 3, 12)] == [1_000_000, 750_000, 750_000]
        assert [got[m][NIP[2]] for m in (2, 7, 11)] == [750_000, 750_000, 1_000_000]
        assert [got[m][NIP[3]] for m in (3, 11, 12)] == [750_000, 750_000, 1_000_000]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = calculate(ds, closed, "2025-02")
        [w] = [w for w in res.warnings if w.code == "absence_tier_reached"]
        assert NIP[0] in w.params["nips"] and NIP[1] in w.params["nips"]
        note = res.explain(NIP[0], lang="en").step("cut").notes["sanctions"]
        assert note.startswith("penurunan jabatan [21 days tk in 2025 by 2025-02]: 0%")

    def test_up_to_below_days_is_refused(self) -> None:
        """A tier whose range would be empty (``up_to`` under ``days``) is refused when the
        rules load, naming both numbers, in both languages."""
        bad = [{"days": 14, "cut": "25%", "months": 9, "up_to": 13}]
        with pytest.raises(RuleSetError, match="up_to 13 di bawah days 14: rentang tingkat"):
            rules({"type": "absence_sanction", "tiers": bad})
        with tukin.language("en"), pytest.raises(RuleSetError, match="up_to 13 is below days 14"):
            rules({"type": "absence_sanction", "tiers": bad})

    def test_up_to_with_combine_sum_is_refused(self) -> None:
        """Under ``sum`` each tier adds to those below; with closed ranges the same 15 days
        cut 25% when they fell 10 + 5 (the 11-day tier skipped) and 50% when they fell 11 + 4
        (review 131). Refused when the rules load, in both languages; ``max`` still loads."""
        ranged = [{**TIERS[0], "up_to": 13}, {**TIERS[1], "up_to": 16}]
        step = {"type": "absence_sanction", "tiers": ranged, "combine": "sum"}
        with pytest.raises(RuleSetError, match="up_to menutup rentang tingkat"):
            rules(step)
        with tukin.language("en"), pytest.raises(RuleSetError, match="only combine: max reads"):
            rules(step)
        rules({**step, "combine": "max"})
        rules({"type": "absence_sanction", "tiers": TIERS, "combine": "sum"})

    def test_a_range_running_into_the_next_tier_is_refused(self) -> None:
        """Ranges 11-20 and 14-16 overlap: 10 then 8 days (18) started the 11-day tier (6
        months) and 10 then 5 (15) the 14-day one (9 months), a heavier sanction for fewer
        days (review 131). Refused when the rules load; ranges ending the day before the next
        tier, and a tier without up_to below one with it, load."""
        bad = [{**TIERS[0], "up_to": 20}, {**TIERS[1], "up_to": 16}]
        with pytest.raises(RuleSetError, match="akhiri pada 13 atau kurang"):
            rules({"type": "absence_sanction", "tiers": bad})
        with tukin.language("en"), pytest.raises(RuleSetError, match="runs up_to 20, into"):
            rules({"type": "absence_sanction", "tiers": bad})
        rules({"type": "absence_sanction", "tiers": [{**TIERS[0], "up_to": 13}, TIERS[1]]})
        rules({"type": "absence_sanction", "tiers": [TIERS[0], {**TIERS[1], "up_to": 16}]})

    def test_a_gap_between_ranges_is_refused_where_the_rule_file_says_it(self) -> None:
        """Ranges 7-10 and from 13 loaded silently: 6 then 5 days (11) started no tier, the
        7-day one passed and the 13-day one not reached, and the 7-day one never started
        after (review 137). Refused at load, naming the file's line, the step and the days
        in the gap, also when the tiers are a parameter; touching ranges and a 0% tier over
        the gap load."""
        gap = [
            {"days": 7, "cut": "10%", "months": 3, "up_to": 10},
            {"days": 13, "cut": "25%", "months": 6},
        ]
        with pytest.raises(RuleSetError, match="mencapai 11-12 tidak akan memulai") as caught:
            rules({"type": "absence_sanction", "tiers": gap})
        assert "langkah 'cut' (absence_sanction)" in str(caught.value)
        with tukin.language("en"), pytest.raises(RuleSetError, match="reaching 11-12 would"):
            rules({"type": "absence_sanction", "tiers": gap})
        one_day = [{**gap[0], "up_to": 11}, gap[1]]
        with pytest.raises(RuleSetError, match="mencapai 12 tidak akan"):
            rules({"type": "absence_sanction", "tiers": one_day})
        given = {"value": gap, "reference": "PP 94/2021", "source": "secondary"}
        with pytest.raises(RuleSetError, match="mencapai 11-12 tidak akan memulai"):
            build_ruleset(
                {
                    "name": "sanksi",
                    "parameters": {"t": given},
                    "steps": [{"id": "cut", "type": "absence_sanction", "tiers": "$t"}],
                },
                {},
            )
        touching = [{**gap[0], "up_to": 12}, gap[1]]
        rules({"type": "absence_sanction", "tiers": touching})
        named = [gap[0], {"days": 11, "cut": "0%", "months": 1, "up_to": 12}, gap[1]]
        rules({"type": "absence_sanction", "tiers": named})

    def test_tiers_reached_in_one_month_name_the_highest_alone(self) -> None:
        """20 unexcused days in August reach the 11-, 14- and 17-day tiers at once, and the
        explanation listed three sanctions (6, 9 and 12 months; review 63). PP 94/2021 gives
        the sanction of the range the total falls in (17-20 days: 12 months; DOMAIN.md §4),
        so only that one is named, in the month reached and in the months it cuts. The
        amounts are those of before: the lower tiers, with the default ``combine: max`` and
        cuts no larger over no more months, cut nothing the highest does not."""
        ds = regency(attendance=absences({NIP[0]: [("2025-08", 20)]}))
        rs = rules({"type": "absence_sanction", "tiers": "$tiers"})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)  # the months before have no rows
            for period, whole in (("2025-08", True), ("2025-09", False), ("2026-03", False)):
                res = calculate(ds, rs, period)
                paid = res.to_frame().set_index("nip").loc[NIP[0], "allowance"]
                assert paid == (1_000_000 if whole else 750_000)
                for lang in ("en", "id"):
                    note = res.explain(NIP[0], lang=lang).step("cut").notes["sanctions"]
                    assert note.count("25%") == 1, note
                    assert note.startswith("17+ "), note
            assert pay(ds, rs, "2026-08")[NIP[0]] == 750_000
            assert pay(ds, rs, "2026-09")[NIP[0]] == 1_000_000

    def test_a_lower_tier_that_cuts_more_is_still_named(self) -> None:
        """Left out only when it changes no amount: a lower tier cutting more, or any tier
        under ``combine: sum``, still counts and is still named (three sanctions summed)."""
        tiers = [{**TIERS[0], "cut": "30%"}, TIERS[1], TIERS[2]]
        ds = regency(attendance=absences({NIP[0]: [("2025-08", 20)]}))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            more = rules({"type": "absence_sanction", "tiers": tiers})
            res = calculate(ds, more, "2025-09")
            note = res.explain(NIP[0], lang="en").step("cut").notes["sanctions"]
            assert note.count("30%") == 1 and note.count("25%") == 1, note
            assert pay(ds, more, "2025-09")[NIP[0]] == 700_000
            summed = rules({"type": "absence_sanction", "tiers": "$tiers", "combine": "sum"})
            note = calculate(ds, summed, "2025-09").explain(NIP[0]).step("cut").notes["sanctions"]
            assert note.count("25%") == 3
            assert pay(ds, summed, "2025-09")[NIP[0]] == 250_000

    def test_sum_adds_the_lower_tiers_of_one_count_as_documented(self) -> None:
        """``combine: sum`` over the tiers of one year's count (the note 'combine: sum absence
        tiers adding up'): 11 days by March and 14 by May cut 25% from April, 50% from June
        while both run, then 25% from October; ``max`` 25% throughout. A policy, not a bug
        (tiers written as increments add; PP 94/2021's are each the whole sanction), so the
        rule-type reference says it where ``combine`` is chosen."""
        ds = regency(attendance=absences({NIP[0]: [("2025-03", 11), ("2025-05", 3)]}))
        summed = rules({"type": "absence_sanction", "tiers": "$tiers", "combine": "sum"})
        heaviest = rules({"type": "absence_sanction", "tiers": "$tiers"})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            for period, added, most in (
                ("2025-04", 750_000, 750_000),
                ("2025-06", 500_000, 750_000),
                ("2025-09", 500_000, 750_000),
                ("2025-10", 750_000, 750_000),
            ):
                assert pay(ds, summed, period)[NIP[0]] == added, period
                assert pay(ds, heaviest, period)[NIP[0]] == most, period
        said = AbsenceSanctionParams.model_fields["combine"].description or ""
        assert "what it adds to those below" in said and "PP 94/2021" in said

    def test_higher_tier_extends_the_cut_across_the_year_end(self) -> None:
        """17 days by May add a 12-month cut from June 2025 to May 2026."""
        ds = regency(attendance=absences({NIP[0]: [("2025-03", 11), ("2025-05", 6)]}))
        rs = rules({"type": "absence_sanction", "tiers": "$tiers"})
        assert pay(ds, rs, "2026-05")[NIP[0]] == 750_000
        assert pay(ds, rs, "2026-06")[NIP[0]] == 1_000_000
        res = calculate(ds, rs, "2026-01")
        note = res.explain(NIP[0], lang="en").step("cut").notes["sanctions"]
        assert "17 days tk in 2025 by 2025-05" in note and "2025-06 to 2026-05" in note
        note = res.explain(NIP[0], lang="id").step("cut").notes["sanctions"]
        assert "17+ hari tk [17 hari tk pada 2025 s.d. 2025-05]: 25% selama 12 bulan" in note

    def test_days_do_not_accumulate_across_years(self) -> None:
        """Six days in December and six in January stay below the first tier."""
        ds = regency(attendance=absences({NIP[0]: [("2024-12", 6), ("2025-01", 6)]}))
        rs = rules({"type": "absence_sanction", "tiers": "$tiers"})
        assert pay(ds, rs, "2025-02")[NIP[0]] == 1_000_000

    def test_later_months_do_not_count_yet(self) -> None:
        """Absence in a later month cannot sanction an earlier period."""
        ds = regency(attendance=absences({NIP[0]: [("2025-06", 12)]}))
        rs = rules({"type": "absence_sanction", "tiers": "$tiers", "delay": 0})
        assert pay(ds, rs, "2025-05")[NIP[0]] == 1_000_000
        assert pay(ds, rs, "2025-06")[NIP[0]] == 750_000

    def test_missing_column_is_an_error(self) -> None:
        """Naming an attendance column that is not there stops the run with the name."""
        ds = regency(attendance=absences({NIP[0]: [("2025-01", 1)]}))
        with pytest.raises(CalculationError, match="'alpa'"):
            calculate(
                ds,
                rules({"type": "absence_sanction", "tiers": "$tiers", "column": "alpa"}),
                "2025-02",
            )

    def test_its_column_is_read_by_default(self) -> None:
        """The step counts ``tk`` (its default column): a month with unexcused days does not
        warn that no step reads the code (it said 'they cut nobody's allowance' in the very
        month the days reached a tier). A code no step reads still warns."""
        att = absences({NIP[0]: [("2025-01", 5), ("2025-02", 6)]}).assign(izin=[0, 2])
        ds = regency(attendance=att)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            found = calculate(ds, rules({"type": "absence_sanction", "tiers": "$tiers"}), "2025-02")
        [w] = [w for w in found.warnings if w.code == "unread_attendance_code"]
        assert w.fields["value"] == "izin"

    def test_tiers_must_ascend(self) -> None:
        """Tiers out of order are a rule-file error."""
        with pytest.raises(RuleSetError):
            rules({"type": "absence_sanction", "tiers": [TIERS[1], TIERS[0]]})


def warned(ds: Dataset, rs: RuleSet, period: str) -> dict[str, Any]:
    """The ``absence_history_missing`` warnings of a calculation, by step."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = calculate(ds, rs, period).warnings
    return {w.fields["step"]: w for w in found if w.code == "absence_history_missing"}


class TestAbsenceHistory:
    """The review's monthly workflow: only the month being paid in the Dataset, so 12 days in
    September cut nobody in November, silently."""

    def test_span_reaches_back_to_january_of_the_oldest_tier_still_in_force(self) -> None:
        """November with a 12-month tier and delay 1 needs 2024-01..2025-10: a cut reached
        in November 2024 still runs, counted from January 2024."""
        p = AbsenceSanctionParams.model_validate({"tiers": TIERS})
        text = [month_ranges([m]) for m in history_span(p, Period.parse("2025-11"))]
        assert text == ["2024-01", "2025-10"]
        short = AbsenceSanctionParams.model_validate({"tiers": TIERS[:1], "delay": 0})
        assert [month_ranges([m]) for m in history_span(short, Period.parse("2025-11"))] == [
            "2025-01",
            "2025-11",
        ]
        quarter = [month_ranges([m]) for m in history_span(short, Period.parse("2025-Q1"))]
        assert quarter == ["2024-01", "2025-03"]

    def test_span_starts_at_the_oldest_month_that_can_still_cut(self) -> None:
        """A 6-month tier without delay reached in 2025-01 cuts 2025-01..2025-06; one reached
        in 2024-12 ends in 2025-05: June 2025 needs 2025-01..2025-06 and nothing of 2024."""
        short = AbsenceSanctionParams.model_validate({"tiers": TIERS[:1], "delay": 0})
        span = [month_ranges([m]) for m in history_span(short, Period.parse("2025-06"))]
        assert span == ["2025-01", "2025-06"]

    def test_months_without_rows_are_named_in_both_languages(self) -> None:
        ds = regency(attendance=absences({NIP[0]: [("2025-09", 12), ("2025-11", 0)]}))
        rs = rules({"type": "absence_sanction", "tiers": "$tiers"})
        w = warned(ds, rs, "2025-11")["cut"]
        assert w.fields["since"] == "2024-01"
        assert w.fields["value"] == "2024-01..2025-08, 2025-10"
        assert "'cut'" in w.message("en") and "2024-01..2025-08, 2025-10" in w.message("en")
        assert "tanpa keterangan" in w.message("id") and "2025-10" in w.message("id")

    def test_no_attendance_row_misses_every_month(self) -> None:
        rs = rules({"type": "absence_sanction", "tiers": "$tiers"})
        ds = regency(attendance=absences({}))
        assert warned(ds, rs, "2025-03")["cut"].fields["value"] == "2024-01..2025-02"

    def test_no_attendance_table_at_all_stops_the_run(self) -> None:
        """Not given is not "nobody was absent" (review 74): the step would cut nobody."""
        rs = rules({"type": "absence_sanction", "tiers": "$tiers"})
        with pytest.raises(CalculationError) as caught:
            calculate(regency(), rs, "2025-03")
        assert caught.value.code == "attendance_table_missing"
        assert "'cut'" in caught.value.fields["value"]

    def test_a_complete_history_warns_nothing(self) -> None:
        """One row per month (for anybody, of any count) is history enough; a quarter's row
        is not, as it cannot say in which month a tier was reached."""
        months = [f"{y}-{m:02d}" for y in (2024, 2025) for m in range(1, 13)][:22]
        ds = regency(attendance=absences({NIP[1]: [(m, 0) for m in months]}))
        rs = rules({"type": "absence_sanction", "tiers": "$tiers"})
        assert warned(ds, rs, "2025-11") == {}
        quarterly = [m for m in months if m != "2024-05"] + ["2024-Q2"]
        ds = regency(attendance=absences({NIP[1]: [(m, 0) for m in quarterly]}))
        assert warned(ds, rs, "2025-11")["cut"].fields["value"] == "2024-05"


class TestPercentTypedAsFraction:
    """``0.25`` in a General cell (or JSON) for a 25 % cut: read as 0.25 % it cut Rp2,500 of
    Rp1,000,000 instead of Rp250,000, silently. No regulation cuts less than 1 %, so such a
    value is refused with a message saying what to type; 0 and 1..100 are read as given."""

    def test_dataset_refuses_a_fraction_and_keeps_zero_and_whole_percents(self) -> None:
        ds = Dataset.from_frames(
            units=regency().table("units"),
            positions=regency().table("positions"),
            employees=regency().table("employees"),
            sanctions=sanction_rows(percents=[0.25, 0, 1, 25.5]),
        )
        [problem] = ds.report.problems
        assert (problem.code, problem.column, problem.value) == (
            "percent_as_fraction",
            "percent",
            0.25,
        )
        assert "25%" in problem.message("id") and "0.25 %" in problem.message("en")
        assert sorted(ds["sanctions"]["percent"]) == [0.0, 1.0, 25.5]

    def test_record_model_and_json_schema_say_the_same(self) -> None:
        from pydantic import ValidationError

        from tukin.contract import TABLES
        from tukin.model import Sanction
        from tukin.schema import table_schema

        row = {"nip": NIP[0], "kind": "sedang", "start_period": "2025-03", "months": 6}
        with pytest.raises(ValidationError, match="percent_as_fraction"):
            Sanction(**row, percent="0.25")
        assert Sanction(**row, percent=0).percent == 0
        assert Sanction(**row, percent=25).percent == 25
        schema = table_schema(TABLES["sanctions"])["items"]["properties"]["percent"]
        assert schema["not"] == {"exclusiveMinimum": 0, "exclusiveMaximum": 1}
        jsonschema = pytest.importorskip("jsonschema")
        check = jsonschema.Draft202012Validator(table_schema(TABLES["sanctions"]))
        assert not check.is_valid([{**row, "percent": 0.25}])
        assert check.is_valid([{**row, "percent": 0}]) and check.is_valid([{**row, "percent": 25}])


class TestRequiredSanctionsTable:
    """The review's July workbook without its Hukuman Disiplin sheet paid everyone under an
    SK in full, silently. A rule set can require the table (``requires: [sanctions]``):
    absent, nothing is calculated; given without rows, no sanctions this month."""

    def required(self) -> RuleSet:
        return rules({"type": "sanction"}, requires=["attendance", "sanctions"])

    def test_an_absent_table_stops_the_calculation_in_both_languages(self) -> None:
        import tukin

        ds = regency(attendance=absences({n: [("2025-05", 0)] for n in NIP}))
        with pytest.raises(CalculationError) as err:
            calculate(ds, self.required(), "2025-05")
        assert err.value.code == "required_table_missing"
        assert err.value.message("en").startswith(
            "nothing is calculated: rule set 'sanksi' requires table sanctions, which the "
            "input does not have"
        )
        assert "mewajibkan tabel sanctions" in err.value.message("id")
        with tukin.language("en"), pytest.raises(CalculationError, match="requires table"):
            calculate_partitioned(ds, self.required(), "2025-05", npartitions=2)

    def test_a_table_without_rows_is_no_sanctions(self) -> None:
        empty = pd.DataFrame(columns=list(medium_sanction()["sanctions"].columns))
        ds = regency(sanctions=empty, attendance=absences({n: [("2025-05", 0)] for n in NIP}))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert set(pay(ds, self.required(), "2025-05").values()) == {1_000_000}

    def test_given_it_cuts(self) -> None:
        ds = Dataset.from_frames(
            **{t: medium_sanction()[t] for t in ("units", "positions", "employees")},
            sanctions=medium_sanction()["sanctions"],
            attendance=absences({n: [("2025-05", 0)] for n in NIP}),
        )
        assert pay(ds, self.required(), "2025-05")[NIP[0]] == 750_000

    def test_not_required_an_absent_table_is_warned(self) -> None:
        with pytest.warns(InputWarning, match="'cut'") as caught:
            calculate(regency(), rules({"type": "sanction"}), "2025-05")
        found = [w.message for w in caught if isinstance(w.message, InputWarning)]
        assert [w.code for w in found] == ["sanctions_table_absent"]
        assert found[0].params["value"] == ["cut"]  # the steps as a list (review 88)
        assert "tanpa baris" in found[0].message("id")

    def test_the_monitoring_tables_can_be_required_too(self) -> None:
        rs = rules({"type": "sanction"}, requires=["budget_realisations"])
        with pytest.raises(CalculationError, match="budget_realisations"):
            calculate(medium_sanction(), rs, "2025-05")

    def test_an_unknown_table_is_refused_at_load(self) -> None:
        with pytest.raises(RuleSetError, match="requires"):
            rules({"type": "sanction"}, requires=["sanksi"])

    def test_validate_with_the_rules_names_the_sheet_before_the_run(self) -> None:
        from tukin.calc.needs import unmet_needs

        found = unmet_needs(regency(), self.required(), Period.parse("2025-05"))
        assert [(p.table, p.code) for p in found] == [("sanctions", "required_table_missing")]


class TestStartIsAMonth:
    """``start_period`` is the first month cut. A quarter or a year (``2025``, the year of the
    SK typed in the month's cell) was read as its first month: a sanction decided in October
    cut from January, silently. Such a row is refused, naming the value, as the record model
    and the JSON Schema refuse it."""

    def test_dataset_refuses_a_quarter_or_a_year(self) -> None:
        ds = Dataset.from_frames(
            units=regency().table("units"),
            positions=regency().table("positions"),
            employees=regency().table("employees"),
            sanctions=sanction_rows(starts=["2025", "2025-Q2", "2025-03"]),
        )
        assert not ds.report.ok
        found = sorted((p.code, p.column, str(p.value)) for p in ds.report.problems)
        assert found == [
            ("period_not_month", "start_period", "2025"),
            ("period_not_month", "start_period", "2025-Q2"),
        ]
        for p in ds.report.problems:
            assert "2025-03" in p.message("en") and "bulan" in p.message("id")
        assert list(ds["sanctions"]["start_period"]) == ["2025-03"]

    def test_an_employee_whose_sanction_row_was_refused_is_not_paid(self) -> None:
        ds = Dataset.from_frames(
            units=regency().table("units"),
            positions=regency().table("positions"),
            employees=regency().table("employees"),
            sanctions=sanction_rows(starts=["2025"]),
        )
        rs = rules({"type": "sanction"})
        paid = pay(ds, rs, "2025-10")
        assert NIP[0] not in paid and len(paid) == 3

    def test_record_model_and_json_schema_say_the_same(self) -> None:
        from pydantic import ValidationError

        from tukin.contract import TABLES
        from tukin.model import Sanction
        from tukin.schema import table_schema

        row = {"nip": NIP[0], "kind": "sedang", "percent": 25, "months": 6}
        for start in ("2025", "2025-Q2", "2025-C1"):
            with pytest.raises(ValidationError, match="period_not_month"):
                Sanction(**row, start_period=start)
        assert str(Sanction(**row, start_period="2025-03").start_period) == "2025-03"
        jsonschema = pytest.importorskip("jsonschema")
        check = jsonschema.Draft202012Validator(table_schema(TABLES["sanctions"]))
        assert not check.is_valid([{**row, "start_period": "2025"}])
        assert not check.is_valid([{**row, "start_period": "2025-Q2"}])
        assert check.is_valid([{**row, "start_period": "2025-03"}])


class TestKindNoStepApplies:
    """A ``sanction`` step with ``kinds`` applies those kinds only. A sanction in force of
    another kind (``Hukdis sedang`` typed for ``hukuman disiplin sedang``) cut nobody, and
    nothing was said, since the rule set has a sanction step: the employee under an SK was
    paid in full. The run now warns, naming the kinds."""

    def dataset(self) -> Dataset:
        return regency(
            pd.DataFrame(
                {
                    "nip": [NIP[0], NIP[1], NIP[2]],
                    "kind": ["hukuman disiplin sedang", "Hukdis sedang", "Hukdis sedang"],
                    "percent": [25, 25, 25],
                    "start_period": ["2025-03", "2025-03", "2026-01"],
                    "months": [6, 6, 6],
                }
            )
        )

    def test_warned_with_the_kinds(self) -> None:
        rs = rules({"type": "sanction", "kinds": ["Hukuman Disiplin Sedang"]})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = calculate(self.dataset(), rs, "2025-04")
        assert pay(self.dataset(), rs, "2025-04")[NIP[0]] == 750_000
        [w] = [w for w in result.warnings if w.code == "sanction_kind_unapplied"]
        assert w.fields["value"] == 1  # the one in force in April 2025
        assert w.params["kinds"] == ["Hukdis sedang"]  # lists for a program (review 88)
        assert "Hukuman Disiplin Sedang" in w.params["applied"]
        for lang in ("en", "id"):
            text = w.message(lang)
            assert "'Hukdis sedang'" in text and "'Hukuman Disiplin Sedang'" in text
        assert "kinds" in w.message("en") and "jenis" in w.message("id")

    def test_no_warning_when_every_kind_is_applied(self) -> None:
        for step in ({"type": "sanction"}, {"type": "sanction", "kinds": []}):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                result = calculate(self.dataset(), rules(step), "2025-04")
            assert "sanction_kind_unapplied" not in {w.code for w in result.warnings}

    def test_not_in_force_is_not_counted(self) -> None:
        rs = rules({"type": "sanction", "kinds": ["hukuman disiplin sedang"]})
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = calculate(self.dataset(), rs, "2025-12")
        assert "sanction_kind_unapplied" not in {w.code for w in result.warnings}


RUN = {"days": 10, "kind": "pemberhentian (PP 94/2021 Pasal 11 (2) d angka 4)"}


class TestAbsenceRun:
    """PP 94/2021 Pasal 11 ayat (2) huruf d angka 4: 10 working days absent without a valid
    reason *in a row* give a dismissal, whatever the year's total; Pasal 15 ayat (2) stops
    the salary from the next month. A month's total cannot tell a run (review 137)."""

    @staticmethod
    def run_rules(**run: Any) -> RuleSet:
        return rules({"type": "absence_sanction", "tiers": "$tiers", "run": {**RUN, **run}})

    @staticmethod
    def found(ds: Dataset, rs: RuleSet, period: str, code: str) -> list[Any]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return [w for w in calculate(ds, rs, period).warnings if w.code == code]

    def test_monthly_totals_that_could_hold_a_run_are_warned_about(self) -> None:
        """Without run columns: 12 days in March, or 6 in February and 5 in March (the last
        working days of one and the first of the next), could be 10 in a row; 9 in March
        after none, or 5 in January and 6 in March, cannot. Nothing was said before."""
        att = absences(
            {
                NIP[0]: [("2025-02", 0), ("2025-03", 12)],
                NIP[1]: [("2025-02", 6), ("2025-03", 5)],
                NIP[2]: [("2025-02", 0), ("2025-03", 9)],
                NIP[3]: [("2025-01", 5), ("2025-03", 6)],
            }
        )
        ds = regency(attendance=att)
        [w] = self.found(ds, self.run_rules(), "2025-03", "absence_run_unchecked")
        assert w.fields["value"] == 2 and w.fields["days"] == 10
        assert w.params["nips"] == [NIP[0], NIP[1]] and w.params["months"] == ["2025-03"]
        assert "10 hari kerja berturut-turut" in w.message("id")
        assert "10 working days in a row" in w.message("en")
        # a step without run says nothing of runs (as before)
        plain = rules({"type": "absence_sanction", "tiers": "$tiers"})
        assert not self.found(ds, plain, "2025-03", "absence_run_unchecked")
        assert not self.found(ds, self.run_rules(), "2025-02", "absence_run_unchecked")

    def test_a_run_read_from_the_daily_counts_names_the_sanction(self) -> None:
        """With the run columns (as a daily log counts them) the run is told: 10 in a row
        within March, or 6 ending February and 4 starting March, name the dismissal in the
        explanation and warn absence_tier_reached (HR drafts the SK); 12 days not in a row
        do not; nothing is unchecked. A cut given with the run applies from the next month."""
        att = pd.DataFrame(
            [
                (NIP[0], "2025-02", 0, 0, 0, 0),
                (NIP[0], "2025-03", 10, 10, 0, 0),
                (NIP[1], "2025-02", 0, 0, 0, 0),
                (NIP[1], "2025-03", 12, 4, 2, 1),
                (NIP[2], "2025-02", 6, 6, 0, 6),
                (NIP[2], "2025-03", 4, 4, 4, 0),
            ],
            columns=["nip", "period", "tk", "tk_beruntun", "tk_awal", "tk_akhir"],
        )
        ds = regency(attendance=att)
        cols = {"column": "tk_beruntun", "at_start": "tk_awal", "at_end": "tk_akhir"}
        rs = self.run_rules(**cols)
        assert not self.found(ds, rs, "2025-03", "absence_run_unchecked")
        [w] = self.found(ds, rs, "2025-03", "absence_tier_reached")
        assert w.params["nips"] == [NIP[0], NIP[1], NIP[2]]  # NIP 1: its 11-day tier
        res = calculate(ds, rs, "2025-03")
        for nip, named in ((NIP[0], True), (NIP[1], False), (NIP[2], True)):
            note = res.explain(nip, lang="id").step("cut").notes.get("sanctions") or ""
            assert ("pemberhentian" in note) is named, note
        assert (
            "10 hari kerja tk berturut-turut s.d. 2025-03"
            in (res.explain(NIP[2], lang="id").step("cut").notes["sanctions"])
        )
        # 0% by default: April pays what the tiers give (NIP 1: 12 days, the 11-day tier)
        got = pay(ds, rs, "2025-04")
        assert [got[n] for n in NIP[:3]] == [1_000_000, 750_000, 1_000_000]
        stop = self.run_rules(**cols, cut="100%")
        got = pay(ds, stop, "2025-04")
        assert [got[n] for n in NIP[:3]] == [0, 750_000, 0]
        assert pay(ds, stop, "2025-05")[NIP[0]] == 1_000_000
        # the run column without the edges: a run across the month's first day is unchecked
        inner = self.run_rules(column="tk_beruntun")
        [u] = self.found(ds, inner, "2025-03", "absence_run_unchecked")
        assert u.params["nips"] == [NIP[2]]

    def test_edges_without_each_other_are_refused(self) -> None:
        with pytest.raises(RuleSetError, match="at_start dan at_end diisi bersama"):
            self.run_rules(column="tk_beruntun", at_start="tk_awal")
        with pytest.raises(RuleSetError, match="at_start dan at_end diisi bersama"):
            self.run_rules(at_start="tk_awal", at_end="tk_akhir")

    def test_the_daily_log_gives_the_run_columns(self) -> None:
        """A daily log's tally (Tally.with_runs) counts the runs: 4 working days absent at
        the end of February 2025 and 6 at the start of March (the weekend between does not
        break it) are 10 in a row, named from March; 12 days absent every other working day
        of March are no run. The edges are each month's; the longest run is the month's."""
        from tukin.daylog import load_schedule, tally_log

        week = ("mon", "tue", "wed", "thu", "fri")
        schedule = load_schedule(
            {
                "name": "uji",
                "value": {
                    "hours": {d: "07:30-16:00" for d in week},
                    "late_bands": {"tl1": 1},
                    "early_bands": {"psw1": 1},
                    "no_check_in": ["tl1"],
                    "no_check_out": ["psw1"],
                    "no_record": ["tk"],
                },
            }
        )
        away = {
            NIP[0]: {"2025-02-25", "2025-02-26", "2025-02-27", "2025-02-28"}
            | {f"2025-03-{d:02d}" for d in (3, 4, 5, 6, 7, 10)},
            NIP[1]: {str(d.date()) for d in pd.bdate_range("2025-03-03", "2025-03-31")[::2]},
        }
        tables = []
        for month in ("2025-02", "2025-03"):
            rows = [
                (nip, str(d.date()), "07:30", "16:00")
                for nip in NIP[:2]
                for d in pd.bdate_range(f"{month}-01", Period.parse(month).end)
                if str(d.date()) not in away[nip]
            ]
            log = pd.DataFrame(rows, columns=["NIP", "Tanggal", "Jam Masuk", "Jam Pulang"])
            tables.append(tally_log(log, schedule, month).with_runs("tk"))
        att = pd.concat(tables, ignore_index=True)
        march = att[att["period"] == "2025-03"].set_index("nip")
        assert march.loc[NIP[1], "tk"] == 11 and march.loc[NIP[1], "tk_beruntun"] == 1
        assert march.loc[NIP[0], ["tk", "tk_beruntun", "tk_awal", "tk_akhir"]].tolist() == [
            6,
            6,
            6,
            0,
        ]
        feb = att[att["period"] == "2025-02"].set_index("nip")
        assert feb.loc[NIP[0], ["tk_beruntun", "tk_awal", "tk_akhir"]].tolist() == [4, 0, 4]
        ds = regency(attendance=att)
        rs = self.run_rules(column="tk_beruntun", at_start="tk_awal", at_end="tk_akhir")
        assert not self.found(ds, rs, "2025-03", "absence_run_unchecked")
        [w] = self.found(ds, rs, "2025-03", "absence_tier_reached")
        assert w.params["nips"] == [NIP[0], NIP[1]]  # NIP 1: its 11 days reach the 11-day tier
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = calculate(ds, rs, "2025-03")
        assert "pemberhentian" in res.explain(NIP[0], lang="id").step("cut").notes["sanctions"]
        assert "pemberhentian" not in (
            res.explain(NIP[1], lang="id").step("cut").notes.get("sanctions") or ""
        )

    def test_the_attendance_command_writes_the_run_columns(
        self, tmp_path: Any, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """End to end: ``tukin attendance --runs tk`` writes tk_beruntun, tk_awal and tk_akhir
        beside the counts, and the months' files read back feed a ``run`` rule: 4 working days
        absent ending February 2025 and 6 starting March stop April (cut 100%). Before, the
        command had no way to write them (review 137: "not yet"), so a daily log could not
        feed ``run`` without Python. ``tally_log(runs=...)`` is the same in the API; a code
        the schedule does not count is refused, and the summary sums no run length."""
        import yaml

        from tukin.cli import main
        from tukin.daylog import tally_log
        from tukin.errors import ArgumentError

        week = ("mon", "tue", "wed", "thu", "fri")
        plan = tmp_path / "jadwal.yaml"
        plan.write_text(
            yaml.safe_dump(
                {
                    "name": "uji",
                    "value": {
                        "hours": {d: "07:30-16:00" for d in week},
                        "late_bands": {"tl1": 1},
                        "early_bands": {"psw1": 1},
                        "no_check_in": ["tl1"],
                        "no_check_out": ["psw1"],
                        "no_record": ["tk"],
                    },
                }
            ),
            encoding="utf-8",
        )
        away = {f"2025-02-{d}" for d in (25, 26, 27, 28)} | {
            f"2025-03-{d:02d}" for d in (3, 4, 5, 6, 7, 10)
        }
        tables = []
        for month in ("2025-02", "2025-03"):
            lines = [
                f"{nip},{d.date()},07:30,16:00"
                for nip in NIP
                for d in pd.bdate_range(f"{month}-01", Period.parse(month).end)
                if nip != NIP[0] or str(d.date()) not in away
            ]
            log = tmp_path / f"log-{month}.csv"
            log.write_text("NIP,Tanggal,Jam Masuk,Jam Pulang\n" + "\n".join(lines) + "\n")
            out = tmp_path / f"absensi-{month}.csv"
            argv = ["attendance", str(log), "--schedule", str(plan), "--period", month]
            assert main([*argv, "--runs", "tk", "--out", str(out), "--lang", "en"]) == 0
            said = capsys.readouterr().out
            assert "tk_beruntun" not in said and "tk_akhir" not in said  # lengths, not days
            tables.append(pd.read_csv(out, dtype={"nip": str, "period": str}))
            api = tally_log(log, plan, month, runs=["tk"]).attendance
            assert api.equals(tables[-1].astype(api.dtypes.to_dict())), month
        att = pd.concat(tables, ignore_index=True)
        rows = att.set_index(["nip", "period"])[["tk", "tk_beruntun", "tk_awal", "tk_akhir"]]
        assert rows.loc[(NIP[0], "2025-02")].tolist() == [4, 4, 0, 4]
        assert rows.loc[(NIP[0], "2025-03")].tolist() == [6, 6, 6, 0]
        stop = self.run_rules(
            column="tk_beruntun", at_start="tk_awal", at_end="tk_akhir", cut="100%"
        )
        ds = regency(attendance=att)
        assert not self.found(ds, stop, "2025-03", "absence_run_unchecked")
        got = pay(ds, stop, "2025-04")
        assert [got[n] for n in NIP] == [0, 1_000_000, 1_000_000, 1_000_000]
        with pytest.raises(ArgumentError, match="'tx'") as refused:
            tally_log(log, plan, "2025-03", runs=["tx"])
        assert refused.value.code == "log_runs_code"

    def test_a_run_over_two_months_is_named_once(self) -> None:
        """12 working days absent to the end of March and 3 more from 1 April are one run,
        reached in March: April named it again (at_end 12 + at_start 3 = 15), and a run cut
        of 100% for a month cut May too (review 137). A run that reaches 10 only across the
        month's first day is named in the later month (4 + 6)."""
        att = pd.DataFrame(
            [
                (NIP[0], "2025-03", 12, 12, 0, 12),
                (NIP[0], "2025-04", 3, 3, 3, 0),
                (NIP[1], "2025-03", 4, 4, 0, 4),
                (NIP[1], "2025-04", 6, 6, 6, 0),
            ],
            columns=["nip", "period", "tk", "tk_beruntun", "tk_awal", "tk_akhir"],
        )
        ds = regency(attendance=att)
        stop = self.run_rules(
            column="tk_beruntun", at_start="tk_awal", at_end="tk_akhir", cut="100%"
        )
        got = {m: pay(ds, stop, m) for m in ("2025-04", "2025-05", "2025-06")}
        assert [got[m][NIP[0]] for m in got] == [0, 750_000, 750_000]  # then the 11-day tier
        assert [got[m][NIP[1]] for m in got] == [1_000_000, 0, 1_000_000]

    def test_a_run_through_a_short_month_absent_throughout_is_one_run(self) -> None:
        """A 24-hour duty roster has 8 to 10 working days a month. 1 duty absent ending
        January, all 8 of February and 1 starting March are 10 in a row: February's edges
        gave 1 + 8 = 9 and March's 8 + 1 = 9, and nothing was named. 6 ending January, all 5
        of a short February and 5 starting March are one run reached in February: March
        named it again (5 + 5), cutting April too (review 141)."""
        att = pd.DataFrame(
            [
                (NIP[0], "2025-01", 1, 1, 0, 1),
                (NIP[0], "2025-02", 8, 8, 8, 8),
                (NIP[0], "2025-03", 1, 1, 1, 0),
                (NIP[1], "2025-01", 6, 6, 0, 6),
                (NIP[1], "2025-02", 5, 5, 5, 5),
                (NIP[1], "2025-03", 5, 5, 5, 0),
                (NIP[2], "2025-01", 1, 1, 0, 1),  # a present day between two runs of 4
                (NIP[2], "2025-02", 8, 4, 4, 4),
                (NIP[2], "2025-03", 1, 1, 1, 0),
            ],
            columns=["nip", "period", "tk", "tk_beruntun", "tk_awal", "tk_akhir"],
        )
        ds = regency(attendance=att)
        stop = self.run_rules(
            column="tk_beruntun", at_start="tk_awal", at_end="tk_akhir", cut="100%"
        )
        got = {m: pay(ds, stop, m) for m in ("2025-03", "2025-04", "2025-05")}
        assert [got[m][NIP[0]] for m in got] == [1_000_000, 0, 1_000_000]
        # March: the run named in February; April and May: the 14-day tier (16 days), 25%
        assert [got[m][NIP[1]] for m in got] == [0, 750_000, 750_000]
        assert [got[m][NIP[2]] for m in got] == [1_000_000] * 3

    def test_blank_edges_of_an_older_recap_are_not_read_as_no_run(self) -> None:
        """January-March typed by hand (the run cells blank, read as 0), April from a daily
        log: 6 days absent ending March and 4 starting April could be 10 in a row. The blank
        at_end read as 0 gave 0 + 4 and nothing was said; now it is a run not given, and
        April is warned about (absence_run_unchecked). A month with no days absent keeps
        its 0 edges (review 141)."""
        att = pd.DataFrame(
            {
                "nip": [NIP[0]] * 3 + [NIP[1]] * 2,
                "period": ["2025-02", "2025-03", "2025-04", "2025-03", "2025-04"],
                "tk": [0, 6, 4, 0, 4],
                "tk_beruntun": [None, None, 4, None, 4],
                "tk_awal": [None, None, 4, None, 4],
                "tk_akhir": [None, None, 0, None, 0],
            }
        )
        ds = regency(attendance=att)
        rs = self.run_rules(column="tk_beruntun", at_start="tk_awal", at_end="tk_akhir")
        [u] = self.found(ds, rs, "2025-04", "absence_run_unchecked")
        assert u.params["nips"] == [NIP[0]]

    def test_a_blank_run_cell_is_not_read_as_no_run(self) -> None:
        """The recap's run column left blank for an employee reads as 0 (blank counts are 0),
        and 12 days absent with a longest run of 0 passed as "no run" silently (review 137).
        A month with days counted has a run of 1 at least: a 0 there is a run not given,
        warned about like a missing column; a run of 3 is believed."""
        att = pd.DataFrame(
            {
                "nip": NIP[:3],
                "period": ["2025-03"] * 3,
                "tk": [12, 12, 0],
                "tk_beruntun": [None, 3, None],
            }
        )
        ds = regency(attendance=att)
        rs = self.run_rules(column="tk_beruntun")
        [u] = self.found(ds, rs, "2025-03", "absence_run_unchecked")
        assert u.params["nips"] == [NIP[0]]
