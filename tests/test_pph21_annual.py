"""PPh 21 of the year's last tax period: ``pph21_ter`` with ``december: annual``."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tukin
from tests import strategies as ts
from tests.test_deductions import GROSS, TER, WAGES, one, run, step, value
from tukin.errors import RuleSetError
from tukin.payroll import payroll_list
from tukin.ruleset.load import build_ruleset

#: The year before December as extra columns of ``one()`` (salary 3,300,000 and TPP
#: 2,500,000 a month: gross 5,800,000).
YEAR = {"gross_jan_nov": 63_800_000, "pph_jan_nov": 300_000, "iuran_jan_nov": 2_904_000}
ANNUAL = {
    "gross_before": "gross_jan_nov",
    "withheld_before": "pph_jan_nov",
    "pension_before": "iuran_jan_nov",
    "pension_rate": "8%",
    "pension_components": WAGES,
}


def annual(basis: str = "total", **over: Any) -> dict[str, Any]:
    """The pph21_ter step in December mode, its annual keys overridden by ``over``."""
    params = {k: v for k, v in {**ANNUAL, **over}.items() if v is not None}
    return step(
        "pph21_ter",
        input="gross",
        components=WAGES,
        rates=TER,
        basis=basis,
        december="annual",
        annual=params,
    )


def december(
    cols: dict[str, Any], reference: bool = False, deduct: bool = True, **over: Any
) -> Any:
    """The TPP (a round step, the allowance) less December's PPh 21 (step ``d``); with
    ``deduct=False`` the tax is not withheld (a tax above the TPP is not rejected)."""
    out = {"allowance": "gross", "deductions": ["d"] if deduct else []}
    return run(cols, [GROSS, annual(**over)], out, period="2025-12", reference=reference)


def by_hand(
    gross: int, pension: int, ptkp: int, withheld: int, months: int = 12
) -> tuple[int, int]:
    """(PKP, December's tax) as a payroll officer works it, in plain integers: biaya jabatan
    5 % (in hundredths of a rupiah) capped at Rp500,000 a month, PKP floored to the thousand,
    then the UU HPP brackets."""
    cost = min(gross * 5, 500_000 * months * 100)  # in hundredths of a rupiah
    netto = gross * 100 - cost - pension * 100
    pkp = max((netto - ptkp * 100) // 100_000 * 1000, 0)
    tax, low = Fraction(0), 0
    for up, pct in ((60e6, 5), (250e6, 15), (500e6, 25), (5e9, 30), (None, 35)):
        top = pkp if up is None else min(pkp, int(up))
        tax += Fraction(max(top - low, 0) * pct, 100)
        low = low if up is None else int(up)
    return pkp, int(tax) - withheld


class TestDecemberAnnual:
    @pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
    def test_year_tax_less_withheld(self, reference: bool) -> None:
        """TK/0: gross 63.8M + 5.8M = 69.6M; biaya jabatan 3.48M; iuran 2.904M + 264,000;
        netto 62,952,000; PKP 8,952,000; 5 % = 447,600; less 300,000 = 147,600."""
        cols = one(ter_category="TK/0", **YEAR)
        res = december(cols, reference)
        assert value(res) == 147_600 == by_hand(69_600_000, 3_168_000, 54_000_000, 300_000)[1]
        assert res.to_frame()["net"].iloc[0] == 2_500_000 - 147_600

    def test_other_months_still_use_ter(self) -> None:
        """December mode changes December only: October is TER, and needs no year columns."""
        res = run(one(), [GROSS, annual()], period="2025-10")
        assert value(res) == 58_000 and res.rejected.empty

    def test_ptkp_of_each_status(self) -> None:
        """PMK 101/2016: 54M + 4.5M married + 4.5M a dependant; the same gross taxed less as
        the PTKP grows (TK/0, TK/3, K/0, K/3), however the status is written."""
        statuses = ["TK/0", "tk3", "K 0", "k/3"]
        ptkp = [54_000_000, 67_500_000, 58_500_000, 72_000_000]
        n = len(statuses)
        cols = {
            "nip": ts.nips(n),
            "basic_salary": [10_000_000] * n,
            "family_allowance": [0] * n,
            "tpp": [5_000_000] * n,
            "ter_category": statuses,
            "gross_jan_nov": [165_000_000] * n,
            "pph_jan_nov": [0] * n,
            "iuran_jan_nov": [0] * n,
        }
        res = december(cols, deduct=False, pension_before=None, pension_rate=None)
        got = res.to_frame()["d"].tolist()
        assert got == [by_hand(180_000_000, 0, p, 0)[1] for p in ptkp]
        assert len(set(got)) == n

    def test_explanation_shows_every_stage(self) -> None:
        res = december(one(ter_category="TK/0", **YEAR))
        notes = res.explain(ts.nips(1)[0], lang="id").step("d").notes
        assert notes["gross_year"] == 69_600_000 and notes["pkp"] == 8_952_000
        assert notes["tax_year"] == 447_600 and notes["withheld_before"] == 300_000
        assert notes["working"] == (
            "bruto setahun = Rp63.800.000 + Rp5.800.000 = Rp69.600.000; "
            "biaya jabatan = min(5% × Rp69.600.000 = Rp3.480.000, Rp6.000.000) = Rp3.480.000; "
            "iuran pensiun/THT/JHT = Rp2.904.000 + Rp264.000 = Rp3.168.000; "
            "netto = Rp69.600.000 − Rp3.480.000 − Rp3.168.000 = Rp62.952.000; "
            "PTKP TK/0 = Rp54.000.000; "
            "PKP = Rp62.952.000 − Rp54.000.000 = Rp8.952.000 → Rp8.952.000 (dibulatkan ke "
            "bawah dalam ribuan, tidak di bawah 0); PPh setahun = 5% × Rp8.952.000 = "
            "Rp447.600; telah dipotong = Rp300.000; masa ini = Rp447.600 − Rp300.000 = "
            "Rp147.600"
        )

    def test_brackets_written_out_and_refund(self) -> None:
        """PKP across two brackets is shown bracket by bracket; an overpaid year is refunded
        (a negative deduction: net above the allowance), or withheld as nothing."""
        cols = one(basic_salary=20_000_000, ter_category="TK/0", **YEAR)
        cols.update(gross_jan_nov=[250_000_000], pph_jan_nov=[30_000_000])
        res = december(cols)
        gross = 250_000_000 + 22_800_000
        pension = 2_904_000 + 8 * 20_300_000 // 100
        pkp, due = by_hand(gross, pension, 54_000_000, 30_000_000)
        assert value(res) == due < 0
        assert res.to_frame()["net"].iloc[0] == 2_500_000 - due
        working = res.explain(ts.nips(1)[0], lang="en").step("d").notes["working"]
        assert (
            f"5% × Rp60.000.000 = Rp3.000.000 + 15% × Rp{pkp - 60_000_000:,}".replace(",", ".")
            in working
        )
        assert "overpaid" in working and "refunded with this payment" in working
        kept = december(cols, overpaid="withhold_nothing")
        assert value(kept) == 0 and kept.to_frame()["net"].iloc[0] == 2_500_000

    def test_months_cap_biaya_jabatan(self) -> None:
        """Six months worked: biaya jabatan at most 6 × Rp500,000; PTKP in full."""
        cols = one(basic_salary=9_000_000, ter_category="TK/0", months=6, **YEAR)
        cols.update(gross_jan_nov=[62_000_000], iuran_jan_nov=[0])
        res = december(cols, months="months")
        gross = 62_000_000 + 11_800_000
        expected = by_hand(gross, 8 * 9_300_000 // 100, 54_000_000, 300_000, months=6)[1]
        assert value(res) == expected
        assert by_hand(gross, 744_000, 54_000_000, 300_000)[1] != expected  # the cap bites
        working = res.explain(ts.nips(1)[0]).step("d").notes["working"]
        assert "Rp3.000.000 = Rp500.000 × 6" in working

    @pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
    def test_a_part_year_resident_is_annualised(self, reference: bool) -> None:
        """PMK 168/2023 Lampiran B I.2.2.3 (S): a TK/0 employee who leaves Indonesia after
        August, Rp17,500,000 a month: biaya jabatan capped at 8 months (4,000,000), netto
        136,000,000 annualised × 12/8 = 204,000,000, PKP 150,000,000, tax 16,500,000 × 8/12
        = 11,000,000, less 9,800,000 withheld: 1,200,000. Without resident_months the same
        year is not annualised (PKP 82,000,000: 6,300,000 − 9,800,000)."""
        cols = one(basic_salary=17_500_000, family_allowance=0, tpp=0, ter_category="TK/0")
        cols.update(gross_jan_nov=[122_500_000], pph_jan_nov=[9_800_000], bulan=[8], sdn=[8])
        res = december(
            cols, reference, deduct=False, pension_before=None, pension_rate=None, months="bulan"
        )
        assert value(res) == by_hand(140_000_000, 0, 54_000_000, 9_800_000, months=8)[1]
        assert value(res) == 6_300_000 - 9_800_000
        over = {"pension_before": None, "pension_rate": None, "months": "bulan"}
        part = december(cols, reference, deduct=False, resident_months="sdn", **over)
        assert value(part) == 1_200_000
        assert part.to_frame()["d"].iloc[0] == 11_000_000 - 9_800_000

    @pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
    def test_resident_months_cap_biaya_jabatan_without_months(self, reference: bool) -> None:
        """The same leaver with resident_months and no months column: the income taxed is
        that of the 8 months as a resident, so biaya jabatan is capped at 8 × Rp500,000 as
        the PMK works it (1,200,000). It was capped at a whole year's Rp6,000,000: netto
        134,000,000, PKP 147,000,000, 900,000, Rp300,000 less tax than the regulation's."""
        cols = one(basic_salary=17_500_000, family_allowance=0, tpp=0, ter_category="TK/0")
        cols.update(gross_jan_nov=[122_500_000], pph_jan_nov=[9_800_000], sdn=[8])
        over = {"pension_before": None, "pension_rate": None}
        part = december(cols, reference, deduct=False, resident_months="sdn", **over)
        assert value(part) == 1_200_000
        working = part.explain(ts.nips(1)[0], lang="id").step("d").notes["working"]
        assert "Rp4.000.000 = Rp500.000 × 8" in working

    def test_joint_return_status_is_rejected_in_december_saying_why(self) -> None:
        """K/I/1 gives no PTKP for withholding: December rejects it with the reason (a
        married woman is withheld on her own PTKP), not as an unreadable status."""
        res = december(one(ter_category="K/I/1", **YEAR))
        [row] = res.rejected.to_dict("records")
        assert row["code"] == "no_ptkp_status" and "'K/I/1'" in row["reason"]
        assert "SPT Tahunan" in row["reason"] and "TK/0" in row["reason"]

    def test_resident_months_in_the_working_and_rejected_when_wrong(self) -> None:
        """The working shows the annualised netto and the share of the year's tax; a months
        count that is blank or outside 1-12 rejects the employee, naming the column."""
        cols = one(basic_salary=17_500_000, family_allowance=0, tpp=0, ter_category="TK/0")
        cols.update(gross_jan_nov=[122_500_000], pph_jan_nov=[9_800_000], bulan=[8], sdn=[8])
        over = {"pension_before": None, "pension_rate": None, "months": "bulan"}
        res = december(cols, deduct=False, resident_months="sdn", **over)
        working = res.explain(ts.nips(1)[0], lang="id").step("d").notes["working"]
        assert "netto disetahunkan = Rp136.000.000 × 12/8 = Rp204.000.000" in working
        assert "× 8/12 = Rp11.000.000" in working
        cols.update(sdn=[13])
        bad = december(cols, deduct=False, resident_months="sdn", **over)
        [row] = bad.rejected.to_dict("records")
        assert row["code"] == "pph21_year_missing" and "'sdn'" in row["reason"]
        assert "subjek pajak dalam negeri" in row["reason"]

    def test_allowance_part_is_the_tax_the_allowance_adds(self) -> None:
        """tax(year with TPP) − tax(year without it) − what the TPP payroll withheld."""
        cols = one(basic_salary=12_000_000, ter_category="TK/0", tpp_jan_nov=27_500_000, **YEAR)
        cols.update(gross_jan_nov=[11 * 14_800_000], pph_jan_nov=[500_000])
        res = december(cols, deduct=False, basis="allowance_part", allowance_before="tpp_jan_nov")
        pension = 2_904_000 + 8 * 12_300_000 // 100
        with_ = by_hand(12 * 14_800_000, pension, 54_000_000, 0)[1]
        without = by_hand(12 * 12_300_000, pension, 54_000_000, 0)[1]
        assert value(res) == with_ - without - 500_000
        assert value(december(cols, deduct=False)) == with_ - 500_000
        working = res.explain(ts.nips(1)[0], lang="id").step("d").notes["working"]
        assert "tanpa tunjangan: bruto Rp177.600.000 − Rp30.000.000 = Rp147.600.000" in working
        part = f"{with_:,} − Rp{without:,} = Rp{with_ - without:,}".replace(",", ".")
        assert f"PPh atas tunjangan = Rp{part}" in working

    @pytest.mark.parametrize("period", ["2025-Q4", "2025-C3", "2025"])
    def test_a_period_of_several_months_is_refused(self, period: str) -> None:
        """A tax period is a month: over 2025-Q4 the step took the quarter for December's
        last month (the year so far plus the period) and applied TER to a quarter's gross;
        now it stops, naming the period, in both languages (review 80)."""
        from tukin.errors import CalculationError

        with pytest.raises(CalculationError) as caught:
            run(one(ter_category="TK/0", **YEAR), [GROSS, annual()], period=period)
        assert caught.value.fields["detail_code"] == "pph21_not_monthly"
        assert period in caught.value.message("en") and "masa pajak" in caught.value.message("id")

    def test_allowance_part_notes_re_derive_the_refund(self) -> None:
        """With basis allowance_part the notes still add up line by line: PKP → the year's
        tax by the brackets, less the tax without the allowance, less what was withheld =
        the (here negative) deduction. The year's tax was noted as the allowance's part
        (4,500,000 beside a PKP of 113,712,000, whose tax is 11,056,800: review 80)."""
        cols = one(basic_salary=12_000_000, ter_category="TK/0", tpp_jan_nov=27_500_000, **YEAR)
        cols.update(gross_jan_nov=[11 * 14_800_000], pph_jan_nov=[9_000_000])
        res = december(cols, basis="allowance_part", allowance_before="tpp_jan_nov")
        notes = res.explain(ts.nips(1)[0]).step("d").notes
        pension = 2_904_000 + 8 * 12_300_000 // 100
        pkp, year = by_hand(12 * 14_800_000, pension, 54_000_000, 0)
        assert (notes["pkp"], notes["tax_year"]) == (pkp, year)
        assert notes["tax_without"] == by_hand(12 * 12_300_000, pension, 54_000_000, 0)[1]
        due = notes["tax_year"] - notes["tax_without"] - notes["withheld_before"]
        assert due == value(res) < 0
        assert (
            "tax_without"
            not in december(one(ter_category="TK/0", **YEAR)).explain(ts.nips(1)[0]).step("d").notes
        )

    @pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
    def test_rejections_name_the_column_and_value(self, reference: bool) -> None:
        cols = {
            "nip": ts.nips(5),
            "tpp": [5_000_000] * 5,
            "ter_category": ["TK/0", "A", "K/4", None, "K/2"],
            "gross_jan_nov": [55_000_000, 1, 1, 1, None],
            "pph_jan_nov": [0] * 5,
        }
        year = {"gross_before": "gross_jan_nov", "withheld_before": "pph_jan_nov"}
        steps = [
            {"id": "d", "type": "pph21_ter", "input": "tpp", "rates": TER}
            | {"december": "annual", "annual": year}
        ]
        with tukin.language("en"):
            res = run(cols, steps, period="2025-12", reference=reference)
        nips = ts.nips(5)
        assert res.to_frame()["nip"].tolist() == nips[:1]
        got = dict(zip(res.rejected["nip"], res.rejected["reason"], strict=True))
        codes = dict(zip(res.rejected["nip"], res.rejected["code"], strict=True))
        assert codes == {
            nips[1]: "no_ptkp_status",
            nips[2]: "no_ptkp_status",
            nips[3]: "no_ptkp_status",
            nips[4]: "pph21_year_missing",
        }
        assert "'A' in column 'ter_category' is no PTKP status" in got[nips[1]]
        assert "'K/4'" in got[nips[2]] and "at most 3 dependants" in got[nips[2]]
        assert "(blank)" in got[nips[3]]
        assert "'gross_jan_nov'" in got[nips[4]]

    def test_payroll_list_of_december(self) -> None:
        """The payroll list balances in December, a refund included (gross − deductions)."""
        cols = {
            "nip": ts.nips(2),
            "opd_id": ["dinas"] * 2,
            "opd_name": ["Dinas"] * 2,
            "tpp": [5_000_000] * 2,
            "ter_category": ["TK/0", "K/0"],
            "gross_jan_nov": [100_000_000, 10_000_000],
            "pph_jan_nov": [1_000_000, 500_000],
        }
        steps = [
            {"id": "g", "type": "round", "input": "tpp"},
            {"id": "d", "type": "pph21_ter", "input": "g", "rates": TER, "december": "annual"}
            | {"annual": {"gross_before": "gross_jan_nov", "withheld_before": "pph_jan_nov"}},
        ]
        res = run(cols, steps, {"allowance": "g", "deductions": ["d"]}, period="2025-12")
        listed = payroll_list(res).set_index("nip")
        due = by_hand(105_000_000, 0, 54_000_000, 1_000_000, months=12)[1]
        assert res.to_frame()["d"].tolist() == [due, -500_000]
        assert listed["net"].tolist() == [5_000_000 - due, 5_500_000]

    @pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
    def test_a_leaver_is_taxed_for_the_year_in_the_month_of_leaving(self, reference: bool) -> None:
        """June: the employee leaving (berhenti 1) gets the annual calculation on January to
        June (biaya jabatan capped at six months); the others TER, and are not rejected for
        year columns they need not have."""
        cols = {
            "nip": ts.nips(3),
            "basic_salary": [3_000_000] * 3,
            "family_allowance": [300_000] * 3,
            "tpp": [2_500_000] * 3,
            "ter_category": ["TK/0", "A", "K/1"],
            "berhenti": [1, 0, 0],
            "gross_jan_nov": [80_000_000, None, None],
            "pph_jan_nov": [290_000, None, None],
            "iuran_jan_nov": [1_320_000, None, None],
        }
        leaving = annual(last_period="berhenti", months="bulan")
        cols["bulan"] = [6, None, None]
        out = {"allowance": "gross", "deductions": ["d"]}
        res = run(cols, [GROSS, leaving], out, period="2025-06", reference=reference)
        assert res.rejected.empty
        gross = 80_000_000 + 5_800_000
        due = by_hand(gross, 1_320_000 + 264_000, 54_000_000, 290_000, months=6)[1]
        assert due > 0 and res.to_frame()["d"].tolist() == [due, 58_000, 0]  # K/1: B, 0 %
        if not reference:
            nips = ts.nips(3)
            working = res.explain(nips[0], lang="en").step("d").notes["working"]
            assert working.startswith("last tax period of the year (leaving): bruto setahun")
            ter = res.explain(nips[1], lang="en").step("d").notes["working"]
            assert ter == "tax = Rp5.800.000 × 1% = Rp58.000 → Rp58.000 (down)"

    def test_a_leaver_without_the_year_is_rejected_alone(self) -> None:
        cols = one(berhenti=1, gross_jan_nov=None, pph_jan_nov=0, iuran_jan_nov=0)
        cols["nip"] = ts.nips(1)
        res = run(cols, [GROSS, annual(last_period="berhenti")], period="2025-06")
        assert res.rejected["code"].tolist() == ["pph21_year_missing"]

    @pytest.mark.parametrize(
        ("extra", "fragment"),
        [
            ({"december": "annual"}, "december: annual needs annual"),
            ({"annual": {"gross_before": "a", "withheld_before": "b"}}, "only read with"),
            (
                {
                    "december": "annual",
                    "basis": "allowance_part",
                    "annual": {"gross_before": "a", "withheld_before": "b"},
                },
                "allowance_before",
            ),
            (
                {"december": "annual", "annual": {**ANNUAL, "allowance_before": "tpp_jan_nov"}},
                "only with basis: allowance_part",
            ),
            (
                {"december": "annual", "annual": {**ANNUAL, "pension_components": []}},
                "pension_rate needs pension_components",
            ),
            (
                {"december": "annual", "annual": {**ANNUAL, "pension_before": None}},
                "pension_before",
            ),
            (
                {"december": "annual", "annual": {**ANNUAL, "pension": "iuran"}},
                "once",
            ),
            (
                {
                    "december": "annual",
                    "annual": {**ANNUAL, "brackets": [{"up_to": 60_000_000, "rate": "5%"}]},
                },
                "last bracket must be open",
            ),
        ],
    )
    def test_parameters_are_checked(self, extra: dict[str, Any], fragment: str) -> None:
        spec = {"name": "t", "steps": [step("pph21_ter", rates=TER) | extra]}
        with pytest.raises(RuleSetError) as err, tukin.language("en"):
            build_ruleset(spec, {})
        assert fragment in str(err.value)


class TestValidate:
    @pytest.mark.parametrize(
        ("period", "named", "not_named"),
        [
            ("2025-12", ["bruto_sebelumnya", "pph_sebelumnya", "bulan_kerja"], ["berhenti"]),
            ("2025-10", ["berhenti"], ["bruto_sebelumnya", "bulan_kerja"]),
        ],
    )
    def test_year_columns_are_named_in_december(
        self, period: str, named: list[str], not_named: list[str]
    ) -> None:
        """``tukin validate --rules`` named none of the year-to-date columns (they sit in
        ``annual``), so a December run stopped on the first missing one: now December names
        them all, and a month before it only the leavers' flag."""
        from tests.io_helpers import frames
        from tukin.calc.needs import unmet_needs
        from tukin.dataset import Dataset
        from tukin.period import Period
        from tukin.ruleset.load import load_ruleset

        rules = load_ruleset("tukin/golden_cases/rules/tpp-pph21-desember-contoh.yaml")
        problems = unmet_needs(Dataset.from_frames(**frames()), rules, Period.parse(period))
        [problem] = [p for p in problems if p.code == "missing_input_columns"]
        said = str(problem)
        assert all(c in said for c in named) and not any(c in said for c in not_named)
        # the columns a list in fields (review 88: one joined text), joined in the words
        assert isinstance(problem.params()["columns"], list)
        assert set(named) <= set(problem.params()["columns"])
        for lang in ("en", "id"):
            text = problem.message(lang)
            assert all(c in text for c in named) and "[" not in text


class TestAgainstTheHand:
    @settings(max_examples=60, deadline=None)
    @given(st.data())
    def test_any_year_is_taxed_as_by_hand(self, data: st.DataObject) -> None:
        """Random salaries, TPPs, years before, statuses and months: the fast pass and the
        exact pass both withhold what the hand calculation gives, row by row."""
        n = data.draw(st.integers(1, 8))
        money = st.integers(0, 60_000_000)
        statuses = ["TK/0", "TK/1", "TK/2", "TK/3", "K/0", "K/1", "K/2", "K/3"]
        cols = {
            "nip": ts.nips(n),
            "basic_salary": data.draw(st.lists(money, min_size=n, max_size=n)),
            "family_allowance": [0] * n,
            "tpp": data.draw(st.lists(money, min_size=n, max_size=n)),
            "ter_category": data.draw(st.lists(st.sampled_from(statuses), min_size=n, max_size=n)),
            "gross_jan_nov": data.draw(
                st.lists(st.integers(0, 7_000_000_000), min_size=n, max_size=n)
            ),
            "pph_jan_nov": data.draw(st.lists(st.integers(0, 90_000_000), min_size=n, max_size=n)),
            "iuran_jan_nov": data.draw(st.lists(st.integers(0, 9_000_000), min_size=n, max_size=n)),
            "months": data.draw(st.lists(st.integers(1, 12), min_size=n, max_size=n)),
            "resident": data.draw(st.lists(st.integers(1, 12), min_size=n, max_size=n)),
        }
        ptkp = {
            s: 54_000_000 + 4_500_000 * (s[0] == "K") + 4_500_000 * int(s[-1]) for s in statuses
        }
        want = []
        for i in range(n):
            salary, tpp = cols["basic_salary"][i], cols["tpp"][i]
            gross = cols["gross_jan_nov"][i] + salary + tpp
            pension = Fraction(cols["iuran_jan_nov"][i]) + Fraction(8, 100) * salary
            # pension may carry hundredths: the hand works in hundredths of a rupiah
            netto = Fraction(gross) - min(Fraction(gross) * 5 / 100, 500_000 * cols["months"][i])
            netto -= pension
            netto = netto * 12 / cols["resident"][i]  # annualised for a part-year resident
            pkp = max(int((netto - ptkp[cols["ter_category"][i]]) // 1000) * 1000, 0)
            tax, low = Fraction(0), 0
            for up, pct in ((60_000_000, 5), (250_000_000, 15), (500_000_000, 25)):
                tax += Fraction(max(min(pkp, up) - low, 0) * pct, 100)
                low = up
            tax += Fraction(max(min(pkp, 5_000_000_000) - low, 0) * 30, 100)
            tax += Fraction(max(pkp - 5_000_000_000, 0) * 35, 100)
            tax = tax * cols["resident"][i] / 12  # the tax of the months as a resident
            want.append(int(tax) - cols["pph_jan_nov"][i])
        for reference in (False, True):
            res = december(
                cols, reference, deduct=False, months="months", resident_months="resident"
            )
            got = dict(zip(res.to_frame()["nip"], res.to_frame()["d"], strict=True))
            assert got == dict(zip(cols["nip"], want, strict=True)), reference
