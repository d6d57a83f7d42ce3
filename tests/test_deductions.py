"""Deductions and net pay: contributions, BPJS Kesehatan, PPh 21 by TER."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tukin
from tests import strategies as ts
from tukin.calc.engine import _Run
from tukin.errors import CalculationError, RuleSetError
from tukin.period import Period
from tukin.result import Result
from tukin.ruleset.load import build_ruleset

WAGES = ["basic_salary", "family_allowance"]
# Made-up test brackets, NOT the PP 58/2023 tables (which this project does not ship).
TER = {
    "A": [{"up_to": 5_400_000, "rate": "0%"}, {"up_to": 6_000_000, "rate": "1%"}, {"rate": "5%"}],
    "B": [{"up_to": 6_200_000, "rate": "0%"}, {"rate": "2%"}],
    "C": [{"up_to": 6_600_000, "rate": "0%"}, {"rate": "3%"}],
}


GROSS = {"id": "gross", "type": "round", "input": "tpp"}


def run(
    columns: dict[str, Any],
    steps: list[dict[str, Any]],
    outputs: dict[str, Any] | None = None,
    period: str = "2025-10",
    reference: bool = False,
) -> Result:
    frame = pd.DataFrame(columns)
    frame.attrs["money_columns"] = ("basic_salary", "family_allowance", "tpp")
    spec: dict[str, Any] = {"name": "t", "steps": steps, "outputs": outputs or {}}
    rs = build_ruleset(spec, {})
    r = _Run(frame, rs, Period.parse(period), None)
    r.evaluate(reference=reference)
    return Result.build(r, None)


def one(**cols: Any) -> dict[str, Any]:
    base = {
        "nip": ts.nips(1),
        "basic_salary": [3_000_000],
        "family_allowance": [300_000],
        "tpp": [2_500_000],
        "ter_category": ["A"],
    }
    return {**base, **{k: [v] for k, v in cols.items()}}


def step(type_: str, **params: Any) -> dict[str, Any]:
    return {"id": "d", "type": type_, "input": "tpp", **params}


def value(res: Result, col: str = "d") -> int:
    return int(res.to_frame()[col].iloc[0])


class TestContribution:
    def test_percentage_of_the_whole_wage(self) -> None:
        """1% of salary + family allowance + TPP."""
        assert value(run(one(), [step("contribution", components=WAGES, rate="1%")])) == 58_000

    def test_cap_limits_the_base(self) -> None:
        """Above the cap the base is the cap."""
        res = run(
            one(basic_salary=11_000_000),
            [step("contribution", components=WAGES, rate="1%", cap=12_000_000)],
        )
        assert value(res) == 120_000

    def test_allowance_part_only(self) -> None:
        """allowance_part withholds only what the allowance adds below the cap."""
        res = run(
            one(basic_salary=10_000_000),
            [
                step(
                    "contribution",
                    components=WAGES,
                    rate="1%",
                    cap=12_000_000,
                    basis="allowance_part",
                )
            ],
        )
        assert value(res) == 12_000_000 // 100 - 10_300_000 // 100

    def test_allowance_part_without_a_cap_is_the_allowance(self) -> None:
        """Without a cap, what the allowance adds to the wage is the allowance itself:
        1% of Rp2,500,000, the salary and family allowance left out (Rp25,000, not Rp58,000)."""
        res = run(
            one(), [step("contribution", components=WAGES, rate="1%", basis="allowance_part")]
        )
        assert value(res) == 25_000

    def test_unit_rounds_to_a_multiple(self) -> None:
        """unit: 100 rounds the amount to whole hundreds: 1% of Rp2,507,000 is Rp25,070,
        half up to Rp25,100."""
        res = run(one(tpp=2_507_000), [step("contribution", rate="1%", unit=100)])
        assert value(res) == 25_100

    @pytest.mark.parametrize(
        ("mode", "expected"), [("half_up", 25_001), ("down", 25_000), ("ceiling", 25_001)]
    )
    def test_rounding_is_named(self, mode: str, expected: int) -> None:
        """The named mode decides the last rupiah of 1% of Rp2,500,050."""
        assert (
            value(run(one(tpp=2_500_050), [step("contribution", rate="1%", rounding=mode)]))
            == expected
        )

    def test_refuses_an_allowance_that_is_not_money(self) -> None:
        """The input must be rupiah."""
        cols = {**one(), "score": [3]}
        with pytest.raises(CalculationError, match="'score' bukan rupiah") as err:
            run(cols, [{"id": "d", "type": "contribution", "input": "score", "rate": "1%"}])
        assert "'score' is not rupiah" in err.value.message("en")


class TestBpjsKesehatan:
    def test_default_cap_is_twelve_million(self) -> None:
        """Without a cap in the rule file the wage base stops at Rp12,000,000."""
        res = run(
            one(basic_salary=20_000_000), [step("bpjs_kesehatan", components=WAGES, rate="4%")]
        )
        assert value(res) == 480_000
        assert res.explain(ts.nips(1)[0]).step("d").notes["wage_base"] == 12_000_000

    def test_employee_share_is_deducted_employer_share_reported(self) -> None:
        """1% goes into deductions and net; 4% is a column of its own, not deducted."""
        steps = [
            GROSS,
            {
                "id": "bpjs_1",
                "type": "bpjs_kesehatan",
                "input": "gross",
                "components": WAGES,
                "rate": "1%",
            },
            {
                "id": "bpjs_4",
                "type": "bpjs_kesehatan",
                "input": "gross",
                "components": WAGES,
                "rate": "4%",
            },
        ]
        f = run(
            one(), steps, {"allowance": "gross", "deductions": ["bpjs_1"], "employer": ["bpjs_4"]}
        ).to_frame()
        row = f.iloc[0]
        assert (row["allowance"], row["deductions"], row["net"], row["bpjs_4"]) == (
            2_500_000,
            58_000,
            2_442_000,
            232_000,
        )

    @settings(max_examples=25, deadline=None)
    @given(ts.wage_frames())
    def test_gross_minus_deductions_is_net_for_everyone(self, cols: dict[str, list[Any]]) -> None:
        """For any wages, every employee's net is gross minus the sum of the deduction steps."""
        steps = [
            GROSS,
            {
                "id": "bpjs_1",
                "type": "bpjs_kesehatan",
                "input": "gross",
                "components": WAGES,
                "rate": "1%",
            },
            {
                "id": "iwp",
                "type": "contribution",
                "input": "gross",
                "rate": "1%",
                "rounding": "floor",
            },
            {
                "id": "pph",
                "type": "pph21_ter",
                "input": "gross",
                "components": WAGES,
                "rates": TER,
                "basis": "allowance_part",
            },
            {
                "id": "bpjs_4",
                "type": "bpjs_kesehatan",
                "input": "gross",
                "components": WAGES,
                "rate": "4%",
            },
        ]
        outputs = {
            "allowance": "gross",
            "deductions": ["bpjs_1", "iwp", "pph"],
            "employer": ["bpjs_4"],
        }
        res = run(cols, steps, outputs)
        f = res.to_frame()
        assert (f["allowance"] - f["bpjs_1"] - f["iwp"] - f["pph"] == f["net"]).all()
        assert (f["deductions"] == f["bpjs_1"] + f["iwp"] + f["pph"]).all()
        assert (f["net"] >= 0).all()  # more withheld than paid: rejected, never a negative net
        assert set(res.rejected["code"]) <= {"negative_net"}
        assert len(f) + len(res.rejected) == len(cols["nip"])
        by_nip = dict(zip(cols["nip"], range(len(cols["nip"])), strict=True))
        wage = [
            min(cols["basic_salary"][i] + cols["family_allowance"][i] + cols["tpp"][i], 12_000_000)
            for i in (by_nip[n] for n in f["nip"])
        ]
        assert f["bpjs_4"].tolist() == [round(Fraction(w * 4, 100)) for w in wage]

    def test_deductions_above_the_allowance_reject_the_employee(self) -> None:
        """A TPP of Rp0 (a month of absence) on a Rp5,500,000 wage: BPJS 1 % of the whole wage
        (Rp55,000) cannot come out of it. The employee is rejected with both amounts named,
        not paid a net of −Rp55,000; with basis allowance_part nothing is withheld."""
        bpjs = {"type": "bpjs_kesehatan", "input": "gross", "components": WAGES, "rate": "1%"}
        outputs = {"allowance": "gross", "deductions": ["bpjs_1"]}
        cols = one(basic_salary=5_000_000, family_allowance=500_000, tpp=0)
        res = run(cols, [GROSS, {"id": "bpjs_1", **bpjs}], outputs)
        assert res.to_frame().empty and res.receipt.total_net == 0
        row = res.rejected.iloc[0]
        assert row["code"] == "negative_net" and row["step"] == "bpjs_1"
        assert "55" in row["reason"] and "allowance_part" in row["reason"]
        part = {"id": "bpjs_1", **bpjs, "basis": "allowance_part"}
        f = run(cols, [GROSS, part], outputs).to_frame()
        assert (f["bpjs_1"].iloc[0], f["net"].iloc[0]) == (0, 0)

    @pytest.mark.parametrize("deducted", [False, True])
    def test_a_negative_allowance_is_rejected_with_or_without_deductions(
        self, deducted: bool
    ) -> None:
        """Rules that take more than the whole amount (a cap above 100 %) give a negative
        allowance: that employee is rejected (``negative_allowance``), never a negative line
        subtracted from the OPD's total, whether or not the rule set withholds anything."""
        cols = {**one(), "nip": ts.nips(2), "tpp": [-1_250_000, 2_500_000]}
        cols = {k: v * 2 if len(v) == 1 else v for k, v in cols.items()}
        outputs = {"allowance": "gross"}
        steps = [GROSS]
        if deducted:
            steps.append(
                {
                    "id": "bpjs_1",
                    "type": "bpjs_kesehatan",
                    "input": "gross",
                    "components": WAGES,
                    "rate": "1%",
                    "basis": "allowance_part",
                }
            )
            outputs["deductions"] = ["bpjs_1"]  # type: ignore[assignment]
        res = run(cols, steps, outputs)
        f = res.to_frame()
        assert f["nip"].tolist() == [ts.nips(2)[1]] and (f["allowance"] >= 0).all()
        row = res.rejected.iloc[0]
        assert (row["nip"], row["code"], row["step"]) == (
            ts.nips(2)[0],
            "negative_allowance",
            "gross",
        )
        assert "1.250.000" in row["reason"] or "1,250,000" in row["reason"]
        assert res.total == 2_500_000


class TestPph21Ter:
    def test_rate_of_the_bracket_times_gross(self) -> None:
        """Category A, gross Rp5,800,000: 1% of the whole gross."""
        res = run(one(), [step("pph21_ter", components=WAGES, rates=TER)])
        assert value(res) == 58_000
        assert res.explain(ts.nips(1)[0]).step("d").notes["ter_rate"] == Fraction(1, 100)

    def test_upper_bound_is_inclusive(self) -> None:
        """Gross exactly at a bracket's up_to takes that bracket's rate."""
        assert (
            value(
                run(
                    one(basic_salary=0, family_allowance=0, tpp=5_400_000),
                    [step("pph21_ter", rates=TER)],
                )
            )
            == 0
        )
        assert (
            value(
                run(
                    one(basic_salary=0, family_allowance=0, tpp=5_400_001),
                    [step("pph21_ter", rates=TER)],
                )
            )
            == 54_000
        )

    def test_allowance_part_is_the_extra_tax(self) -> None:
        """tax(salary + TPP) - tax(salary), each rounded with the named mode."""
        res = run(
            one(basic_salary=11_000_000, family_allowance=1_000_000, ter_category="c"),
            [step("pph21_ter", components=WAGES, rates=TER, basis="allowance_part")],
        )
        assert value(res) == 14_500_000 * 3 // 100 - 12_000_000 * 3 // 100

    def test_unknown_category_is_rejected(self) -> None:
        """An employee whose category has no table is not paid, with the reason."""
        res = run(one(ter_category="D"), [step("pph21_ter", rates=TER)])
        assert len(res) == 0 and res.rejected["code"].tolist() == ["no_ter_category"]
        reason = res.rejected["reason"].iloc[0]
        assert "'D'" in reason and "(tabel: A, B, C)" in reason  # what to correct, and to what
        # and for a program, the same as data (review 82's fields), whatever the language
        for lang in ("en", "id"):
            [fields] = res._rejected_rows(lang)["fields"].tolist()  # what to_json writes
            assert fields == {
                "column": "ter_category",
                "value": "D",
                "tables": ["A", "B", "C"],
                "category": "D",
            }

    @pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
    def test_ptkp_status_gives_its_category(self, reference: bool) -> None:
        """PP 58/2023 art. 2(4): A = TK/0, TK/1, K/0; B = TK/2, TK/3, K/1, K/2; C = K/3, as
        the column may hold them (TK0, tk/0, K 1...). Gross Rp6,100,000: A 5 %, B 0 %, C 0 %;
        Rp6,500,000: B 2 %, C 0 %."""
        statuses = ["TK/0", "TK1", "k/0", " tk / 2 ", "TK-3", "K1", "K 2", "k/3", "A", "c"]
        expected = {"A": 305_000, "B": 0, "C": 0}
        cats = ["A", "A", "A", "B", "B", "B", "B", "C", "A", "C"]
        cols = {
            "nip": ts.nips(len(statuses)),
            "tpp": [6_100_000] * len(statuses),
            "ter_category": statuses,
        }
        res = run(cols, [step("pph21_ter", rates=TER)], reference=reference)
        assert res.rejected.empty
        assert res.to_frame()["d"].tolist() == [expected[c] for c in cats]
        cols["tpp"] = [6_500_000] * len(statuses)
        res = run(cols, [step("pph21_ter", rates=TER)], reference=reference)
        assert res.to_frame()["d"].tolist() == [
            {"A": 325_000, "B": 130_000, "C": 0}[c] for c in cats
        ]

    def test_unknown_ptkp_status_is_rejected_with_the_accepted_forms(self) -> None:
        res = run(one(ter_category="K/5"), [step("pph21_ter", rates=TER)])
        [row] = res.rejected.to_dict("records")
        assert row["code"] == "no_ter_category"
        assert "'K/5'" in row["reason"] and "bukan status PTKP" in row["reason"]
        [fields] = res._rejected_rows("en")["fields"].tolist()  # no table it maps to
        assert fields == {
            "column": "ter_category",
            "value": "K/5",
            "tables": ["A", "B", "C"],
        }
        assert (
            "TK/0-TK/3, K/0-K/3" in row["reason"] and "PP 58/2023 pasal 2 ayat (4)" in row["reason"]
        )
        with tukin.language("en"):
            res = run(one(ter_category="kawin"), [step("pph21_ter", rates=TER)])
        reason = res.rejected["reason"].iloc[0]
        assert "'kawin'" in reason and "no PTKP status" in reason and "art. 2(4)" in reason

    @pytest.mark.parametrize("written", ["K/I/0", "k/i/3", "KI1", "K / I / 2"])
    def test_joint_return_status_is_rejected_saying_why(self, written: str) -> None:
        """K/I/n, the PTKP of a husband and wife's joint annual return, has no TER category
        (PP 58/2023 art. 2(4) maps TK/0-K/3 only) and is not a withholding status: the reason
        says so and what to give instead, rather than only listing the accepted forms."""
        with tukin.language("en"):
            res = run(one(ter_category=written), [step("pph21_ter", rates=TER)])
        [row] = res.rejected.to_dict("records")
        assert row["code"] == "no_ter_category" and repr(written) in row["reason"]
        assert "joint annual return" in row["reason"] and "TK/0" in row["reason"]
        assert "PMK 168/2023 art. 9(2)-(3)" in row["reason"]

    def test_ptkp_status_of_a_category_without_table(self) -> None:
        """K/1 is category B; a rule file with only table A rejects it, naming both."""
        res = run(one(ter_category="K/1"), [step("pph21_ter", rates={"A": TER["A"]})])
        reason = res.rejected["reason"].iloc[0]
        assert "kategori B (PTKP 'K/1'" in reason and "(tabel: A)" in reason

    def test_a_cell_naming_a_table_takes_that_table(self) -> None:
        """A rule file may name its TER tables otherwise than A/B/C (one per PTKP status,
        "KAT_A"): a cell naming a table takes it, as before PTKP statuses were read (then
        TK/0 was mapped to category A, which such a file has no table for: rejected)."""
        tables = {"TK/0": TER["A"], "K/1": TER["B"], "KAT_C": TER["C"]}
        cols = {
            "nip": ts.nips(3),
            "tpp": [6_500_000] * 3,
            "ter_category": ["TK/0", "k/1", "kat_c"],
        }
        res = run(cols, [step("pph21_ter", rates=tables)])
        assert res.rejected.empty
        assert res.to_frame()["d"].tolist() == [325_000, 130_000, 0]

    def test_december_is_refused_unless_asked(self) -> None:
        """December needs the annual calculation; ``december: ter`` applies TER anyway."""
        with pytest.raises(CalculationError, match="progresif setahun") as err:
            run(one(), [step("pph21_ter", rates=TER)], period="2025-12")
        assert "annual progressive calculation" in err.value.message("en")
        assert (
            value(
                run(
                    one(),
                    [step("pph21_ter", components=WAGES, rates=TER, december="ter")],
                    period="2025-12",
                )
            )
            == 58_000
        )

    @settings(max_examples=60, deadline=None)
    @given(st.data())
    def test_bracket_search_agrees_with_the_reference(self, data: st.DataObject) -> None:
        """Random tables (bounds often hit exactly) and incomes, exact and carrying a bound:
        the fast pass's binary search pays what the exact reference pays, row by row."""
        cats = data.draw(st.lists(st.sampled_from("ABC"), min_size=1, max_size=3, unique=True))
        rate = st.sampled_from(["0%", "0.25%", "1%", "1.75%", "5%", "34%"])
        rates = {}
        for c in cats:
            ups = sorted(data.draw(st.sets(st.integers(0, 9_000_000), max_size=6)))
            rates[c] = [{"up_to": u, "rate": data.draw(rate)} for u in ups]
            rates[c].append({"rate": data.draw(rate)})
        edges = [b["up_to"] for t in rates.values() for b in t if "up_to" in b]
        income = st.one_of(st.integers(0, 10_000_000), st.sampled_from(edges or [0]))
        n = data.draw(st.integers(1, 12))
        cols = {
            "nip": ts.nips(n),
            "basic_salary": [0] * n,
            "family_allowance": [0] * n,
            "tpp": data.draw(st.lists(income, min_size=n, max_size=n)),
            "ter_category": data.draw(
                st.lists(st.sampled_from([*cats, "K"]), min_size=n, max_size=n)
            ),
        }
        for expr in ("tpp", "tpp / 3 * 3"):  # the second carries a bound on every row
            steps = [
                {"id": "x", "type": "formula", "expr": expr},
                {"id": "d", "type": "pph21_ter", "input": "x", "rates": rates},
            ]
            fast = run(cols, steps)
            frame = pd.DataFrame(cols)
            frame.attrs["money_columns"] = ("basic_salary", "family_allowance", "tpp")
            ref = _Run(
                frame,
                build_ruleset({"name": "t", "steps": steps, "outputs": {}}, {}),
                Period.parse("2025-10"),
                None,
            )
            ref.evaluate(reference=True)
            exact = Result.build(ref, None)
            got = dict(zip(fast.to_frame()["nip"], fast.to_frame()["d"], strict=True))
            want = dict(zip(exact.to_frame()["nip"], exact.to_frame()["d"], strict=True))
            assert got == want, expr
            assert sorted(fast.rejected["nip"]) == sorted(exact.rejected["nip"])

    def test_bracket_search_flags_a_bound_reaching_an_up_to(self) -> None:
        """An income of 999.5 whose bound reaches 1000 by a hair may lie above the bracket
        up to 1000: the search flags it (as the comparison it replaces did)."""
        from tukin.calc.context import StepContext
        from tukin.calc.num import FNum, Tracker
        from tukin.rules.deductions import Pph21TerParams, _ter_rate_searched

        class Ctx:
            exact = False
            by_code = StepContext.by_code

            def __init__(self) -> None:
                self.tracker = Tracker(1)

        p = Pph21TerParams(input="x", rates={"A": [{"up_to": 1000, "rate": "0"}, {"rate": "1%"}]})
        ctx = Ctx()
        income = FNum(np.array([999.5]), np.array([0.5 + 3e-14]), 0, "rupiah", ctx.tracker)
        _ter_rate_searched(ctx, p, np.array([0]), income)  # type: ignore[arg-type]
        assert ctx.tracker.flag[0]
        exact = FNum(np.array([1000.0]), None, 0, "rupiah", ctx.tracker)
        ctx.tracker.flag[:] = False
        rate = _ter_rate_searched(ctx, p, np.array([0]), exact)  # type: ignore[arg-type]
        assert not ctx.tracker.flag[0] and rate is not None and rate.exact_at(0) == 0

    @pytest.mark.parametrize(
        "rates",
        [
            {},
            {"A": [{"up_to": 5, "rate": "1%"}]},
            {"A": [{"up_to": 9, "rate": "0%"}, {"up_to": 5, "rate": "1%"}, {"rate": "2%"}]},
        ],
    )
    def test_tables_are_checked(self, rates: dict[str, Any]) -> None:
        """Empty tables, a closed last bracket or bounds out of order are rule-file errors."""
        with pytest.raises(RuleSetError):
            build_ruleset({"name": "t", "steps": [step("pph21_ter", rates=rates)]}, {})


class TestExplanationRederives:
    """An auditor re-derives every deduction from what its explanation shows: the rate, the
    wage cap (and whether it bound), the tax subtracted on the income without the
    allowance, and the rounding, in the explanation's language."""

    def test_bpjs_shows_its_rate_the_default_cap_and_that_the_cap_bound(self) -> None:
        res = run(
            one(basic_salary=11_000_000),
            [GROSS, step("bpjs_kesehatan", input="gross", components=WAGES, rate="1%")],
        )
        notes = res.explain(ts.nips(1)[0], lang="id").step("d").notes
        assert notes["rate"] == Fraction(1, 100)
        assert (
            notes["cap"]
            == "Rp12.000.000 (bawaan bpjs_kesehatan: Perpres 75/2019, SE Mendagri 900/471/SJ)"
        )
        assert notes["wage_base"] == 12_000_000
        assert notes["working"] == (
            "dasar iuran = min(Rp13.800.000, Rp12.000.000) = Rp12.000.000; batas upah berlaku. "
            "Rp12.000.000 × 1% = Rp120.000 → Rp120.000 (half_up, ke kelipatan Rp1)"
        )
        assert value(res) == 120_000
        english = res.explain(ts.nips(1)[0], lang="en").step("d").notes
        assert (
            english["cap"]
            == "Rp12.000.000 (the default of bpjs_kesehatan: Perpres 75/2019, SE Mendagri 900/471/SJ)"
        )
        assert "the cap binds" in english["working"]

    def test_allowance_part_below_the_cap_with_its_rounding(self) -> None:
        res = run(
            one(basic_salary=5_000_000, tpp=2_500_050),
            [
                step(
                    "contribution",
                    components=WAGES,
                    rate="1%",
                    cap=12_000_000,
                    basis="allowance_part",
                    rounding="down",
                )
            ],
        )
        notes = res.explain(ts.nips(1)[0], lang="id").step("d").notes
        assert notes["cap"] == "Rp12.000.000"  # written in the rule file: no default to cite
        assert notes["working"] == (
            "dasar iuran = min(Rp7.800.050, Rp12.000.000) − min(Rp5.300.000, Rp12.000.000) = "
            "Rp7.800.050 − Rp5.300.000 = Rp2.500.050; di bawah batas upah. "
            "Rp2.500.050 × 1% = Rp25.000,5 → Rp25.000 (down, ke kelipatan Rp1)"
        )
        assert value(res) == 25_000

    def test_pph21_allowance_part_shows_the_tax_it_subtracts(self) -> None:
        """Gross Rp8,800,000 at 5 % less the salary's Rp3,300,000 at 0 %: both terms shown."""
        res = run(
            one(basic_salary=6_000_000),
            [
                GROSS,
                step(
                    "pph21_ter", input="gross", components=WAGES, rates=TER, basis="allowance_part"
                ),
            ],
        )
        notes = res.explain(ts.nips(1)[0], lang="id").step("d").notes
        assert notes["gross_income"] == 8_800_000 and notes["ter_rate"] == Fraction(5, 100)
        assert notes["income_without"] == 6_300_000
        assert notes["ter_rate_without"] == Fraction(5, 100)
        assert notes["working"] == (
            "pajak atas penghasilan bruto: Rp8.800.000 × 5% = Rp440.000 → Rp440.000; "
            "pajak atas penghasilan tanpa tunjangan: Rp6.300.000 × 5% = Rp315.000 → Rp315.000; "
            "pajak = Rp440.000 − Rp315.000 = Rp125.000 (down)"
        )
        assert value(res) == 125_000

    def test_pph21_rounding_of_a_part_rupiah(self) -> None:
        res = run(
            one(basic_salary=3_000_010, tpp=2_500_005),
            [GROSS, step("pph21_ter", input="gross", components=WAGES, rates=TER)],
        )
        ex = res.explain(ts.nips(1)[0], lang="en")
        assert ex.step("d").notes["working"] == (
            "tax = Rp5.800.015 × 1% = Rp58.000,15 → Rp58.000 (down)"
        )
        assert value(res) == 58_000
        text = str(ex)
        assert "     TER rate: 0.01" in text.splitlines()

    def test_a_round_step_shows_its_mode_written_in_the_step(self) -> None:
        """``mode`` written in the step (no parameter to list with its reference) is shown."""
        res = run(
            one(tpp=2_500_050),
            [{"id": "r", "type": "round", "input": "tpp", "mode": "half_even", "unit": 100}],
        )
        ex = res.explain(ts.nips(1)[0], lang="id")
        assert ex.step("r").notes["rounding"] == (
            "half_even: ke terdekat, setengah ke genap, ke kelipatan Rp100"
        )
        assert value(res, "r") == 2_500_000
        assert "     pembulatan: half_even: ke terdekat" in str(ex)
        en = res.explain(ts.nips(1)[0], lang="en").step("r").notes["rounding"]
        assert en == "half_even: nearest, a half to the even multiple, to a multiple of Rp100"
