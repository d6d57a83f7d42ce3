"""The limits rule types declare are kept when a rule file loads, in both languages.

A rate, cut or cap is a share from 0 to 100 %: ``cut: 25`` (for 25 %) would cut 2500 %, a BPJS
``rate: 4`` report a hundred times the contribution, ``rate: -1%`` raise the net pay. Such a
value is refused however it reaches the step: written in it, as a named parameter, in one of
a parameter's dated values, or through ``with_parameters`` / ``with_value``. The errors of a
choice (``combine: maks``), a range (``delay: 13``) and ``requires`` speak Indonesian too.
"""

from __future__ import annotations

from fractions import Fraction as F
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, ConfigDict, Field

import tukin
from tests import strategies as tst
from tukin.errors import RuleSetError
from tukin.ruleset.check import error_text
from tukin.ruleset.types import Exact

BACKENDS = pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])

TIERS = "[{days: 11, cut: CUT, months: 6}]"
SANCTION = """name: contoh
parameters:
  bpjs_rate: {value: RATE, reference: Perpres 75/2019}
steps:
  - {id: tukin, type: lookup, key: grade, table: {1: 1000000}, unit: rupiah}
  - id: potongan_tk
    type: absence_sanction
    tiers: TIERS
  - {id: bpjs, type: bpjs_kesehatan, input: tukin, rate: $bpjs_rate}
"""


def rules(cut: str = "25%", rate: str = "1%") -> str:
    return SANCTION.replace("TIERS", TIERS.replace("CUT", cut)).replace("RATE", rate)


def refused(text: Any) -> RuleSetError:
    with pytest.raises(RuleSetError) as info:
        tukin.load_ruleset(text)
    return info.value


class TestSharesRefusedAtLoad:
    def test_inline(self) -> None:
        """A tier's cut written 25 (meant 25 %) names the step, the key, the value, the range
        and the way to write it, at its line, in English and Indonesian."""
        err = refused(rules(cut="25"))
        [p] = err.problems
        assert p.code == "ruleset_invalid"
        assert p.key == "steps.1.tiers.0.cut"
        assert p.line == 8
        assert p.message_en == (
            "step 'potongan_tk' (absence_sanction): tiers.0.cut: 25 (2500%) is outside the "
            "allowed range, 0 to 100% (a share: 0 to 1); for 25% write '25%'"
        )
        assert p.message("id") == (
            "langkah 'potongan_tk' (absence_sanction): tiers.0.cut: 25 (2500%) di luar "
            "rentang yang diizinkan, 0 sampai 100% (bagian: 0 sampai 1); untuk 25% tulis '25%'"
        )

    @pytest.mark.parametrize(
        ("rate", "shown"), [("4", "4 (400%)"), ("-1%", "-0.01 (-1%)"), ("101%", "1.01 (101%)")]
    )
    def test_named_parameter(self, rate: str, shown: str) -> None:
        """A BPJS rate given through a parameter is refused at the parameter's line."""
        [p] = refused(rules(rate=rate)).problems
        assert p.key == "parameters.bpjs_rate.value"
        assert p.line == 3
        assert f"step 'bpjs' (bpjs_kesehatan): rate: {shown} is outside the allowed range" in (
            p.message_en
        )
        assert "di luar rentang yang diizinkan, 0 sampai 100%" in p.message("id")
        # a value written with % is not told to be written with %
        assert ("write '4%'" in p.message_en) == (rate == "4")

    def test_dated_value(self) -> None:
        """A value that only becomes wrong in 2026 is refused today, naming the day."""
        text = rules().replace(
            "  bpjs_rate: {value: 1%, reference: Perpres 75/2019}",
            "  bpjs_rate:\n    values:\n      - {from: 2025-01-01, to: 2025-12-31, value: 1%}\n"
            "      - {from: 2026-01-01, value: 1}\n      - {from: 2027-01-01, value: '-1%'}",
        )
        text = text.replace(
            "{from: 2026-01-01, value: 1}", "{from: 2026-01-01, to: 2026-12-31, value: 2}"
        )
        [p] = refused(text).problems  # the first day with a wrong value in force
        assert p.key == "parameters.bpjs_rate"
        assert "rate: 2 (200%) is outside the allowed range" in p.message_en
        assert p.message_en.endswith("(values in force on 2026-01-01)")
        assert p.message("id").endswith("(nilai yang berlaku pada 2026-01-01)")
        text = text.replace("value: 2}", "value: 2%}")
        [p] = refused(text).problems
        assert "rate: -0.01 (-1%) is outside the allowed range" in p.message_en
        assert p.message_en.endswith("(values in force on 2027-01-01)")

    def test_tiers_as_a_dated_parameter(self) -> None:
        text = (
            rules()
            .replace("    tiers: [{days: 11, cut: 25%, months: 6}]", "    tiers: $tiers")
            .replace(
                "parameters:\n",
                "parameters:\n  tiers:\n    values:\n"
                "      - {to: 2025-12-31, value: [{days: 11, cut: 25%, months: 6}]}\n"
                "      - {from: 2026-01-01, value: [{days: 11, cut: 25, months: 6}]}\n",
            )
        )
        [p] = refused(text).problems
        assert p.key == "parameters.tiers"
        assert "tiers.0.cut: 25 (2500%) is outside the allowed range" in p.message_en

    def test_with_parameters_and_with_value(self) -> None:
        rs = tukin.load_ruleset(rules())
        for change in (
            lambda: rs.with_parameters(bpjs_rate="4"),
            lambda: rs.with_parameters(bpjs_rate=[{"value": "-1%"}]),
            lambda: rs.with_value("bpjs_rate", 4, from_="2026-01-01"),
        ):
            with pytest.raises(RuleSetError) as info:
                change()
            [p] = info.value.problems
            assert "rate:" in p.message_en and "outside the allowed range" in p.message_en
            assert "di luar rentang yang diizinkan" in p.message("id")

    def test_deduction_table_rate_and_cap(self) -> None:
        """Permentan's table copied without % (``tk: 4``) would cut 400 % a day."""
        base = "name: c\nsteps:\n  - {id: d, type: deduction_table, rates: RATES CAP}\n"
        for rates, cap, key in (
            ("{tl1: 0.5%, tk: 4}", "", "steps.0.rates.tk"),
            ("{tk: 4%}", ", total_cap: 2", "steps.0.total_cap"),
            (
                "{tk: 4%}",
                ", thresholds: [{code: tk, at_least: 5, total: 150%}]",
                "steps.0.thresholds.0.total",
            ),
        ):
            [p] = refused(base.replace("RATES", rates).replace(" CAP", cap)).problems
            assert p.key == key, p
            assert "outside the allowed range, 0 to 100%" in p.message_en

    @pytest.mark.parametrize("value", ["0", "0%", "100%", "1"])
    def test_the_ends_are_allowed(self, value: str) -> None:
        """0 and 100 % are shares: no cut, a full cut, a whole-day deduction."""
        rs = tukin.load_ruleset(rules(cut=value, rate=value))
        assert rs.with_parameters(bpjs_rate=value).parameters["bpjs_rate"].values[0].value == value
        text = f"name: c\nsteps:\n  - {{id: d, type: deduction_table, rates: {{tk: '{value}'}}, total_cap: '{value}'}}\n"
        tukin.load_ruleset(text)

    @BACKENDS
    def test_a_full_share_computes(self, reference: bool) -> None:
        out = tst.run_steps(
            {"tk": [0, 1, 2]},
            [{"id": "d", "type": "deduction_table", "rates": {"tk": "100%"}, "total_cap": "100%"}],
            reference=reference,
        )
        assert out.values("d") == [F(0), F(1), F(1)]


class TestDeclaredLimits:
    def test_a_limit_on_an_exact_field_is_applied(self) -> None:
        """``Field(ge=, le=)`` on an Exact field (a plug-in's) is applied to the exact value:
        the validator that makes text exact no longer replaces pydantic's checks."""

        class Params(BaseModel):
            model_config = ConfigDict(frozen=True, extra="forbid")
            weight: Exact = Field(ge=0, le=2)
            items: list[Annotated[Exact, Field(gt=0)]] = []

        assert Params(weight="3/2").weight == F(3, 2)
        for bad in ({"weight": "2.5"}, {"weight": "-1%"}, {"weight": 1, "items": ["0"]}):
            with pytest.raises(ValueError, match=r"greater than|less than"):
                Params(**bad)

    def test_a_range_is_worded_with_both_ends(self) -> None:
        text = rules().replace("    tiers:", "    delay: 13\n    tiers:")
        [p] = refused(text).problems
        assert p.message_en.endswith("delay: 13 is outside the allowed range, 0 to 12")
        assert p.message("id").endswith("delay: 13 di luar rentang yang diizinkan, 0 sampai 12")
        [p] = refused(rules().replace("months: 6", "months: 0")).problems
        assert p.message_en.endswith("tiers.0.months: 0 is outside the allowed range, 1 to 120")

    def test_one_end_only(self) -> None:
        err = {
            "type": "greater_than_equal",
            "loc": ("x",),
            "msg": "m",
            "input": 0,
            "ctx": {"ge": 1},
        }
        assert error_text(err) == (
            "0 is below the lowest allowed, 1",
            "0 di bawah batas bawah yang diizinkan, 1",
        )


class TestChoicesInBothLanguages:
    """The review's four: requires, delay (above), a rounding mode, combine."""

    def test_requires(self) -> None:
        [p] = refused(
            rules().replace("steps:", "requires: [attendance, salary]\nsteps:", 1)
        ).problems
        tables = (
            "'attendance', 'appraisal', 'sanctions', 'work_items', 'indicators', 'targets', "
            "'realisations' {} 'budget_realisations'"
        )
        assert p.key == "requires.1"
        assert p.message_en == "'salary' is not one of " + tables.format("or")
        assert p.message("id") == "'salary' bukan salah satu dari " + tables.format("atau")
        [p] = refused(rules().replace("steps:", "requires: [kehadiran]\nsteps:", 1)).problems
        assert p.message("id").endswith("(maksud Anda 'attendance'?)")
        [p] = refused(rules().replace("steps:", "requires: [sanksi]\nsteps:", 1)).problems
        assert p.message("en").endswith("(did you mean 'sanctions'?)")

    def test_rounding_mode(self) -> None:
        text = rules() + "  - {id: bulat, type: round, input: tukin, mode: setengah_ke_atas}\n"
        [p] = refused(text).problems
        assert p.message("id") == (
            "langkah 'bulat' (round): mode: 'setengah_ke_atas' bukan salah satu dari 'half_up', "
            "'half_even', 'half_down', 'down', 'up', 'floor' atau 'ceiling' (maksud Anda "
            "'half_up'?)"
        )
        assert p.message_en.endswith("or 'ceiling' (did you mean 'half_up'?)")

    def test_combine(self) -> None:
        [p] = refused(rules().replace("    tiers:", "    combine: maks\n    tiers:")).problems
        assert p.key == "steps.1.combine"
        assert p.message("id") == (
            "langkah 'potongan_tk' (absence_sanction): combine: 'maks' bukan salah satu dari "
            "'max' atau 'sum' (maksud Anda 'max'?)"
        )
        assert p.message_en == (
            "step 'potongan_tk' (absence_sanction): combine: 'maks' is not one of 'max' or "
            "'sum' (did you mean 'max'?)"
        )

    def test_a_wrong_type_and_a_missing_key(self) -> None:
        [p] = refused(rules().replace("months: 6", "months: enam")).problems
        assert p.message_en.endswith("tiers.0.months: must be a whole number, not 'enam'")
        assert p.message("id").endswith("tiers.0.months: harus bilangan bulat, bukan 'enam'")
        [p] = refused(rules().replace(", months: 6", "")).problems
        assert p.message("id").endswith("tiers.0.months: wajib diisi, dan tidak ada")


def test_a_union_member_is_not_shown_as_a_key() -> None:
    """``zero_target`` is a choice or a number: the error names the key, not pydantic's
    union members (``function-before[to_exact(), ...]``), nor 'Value error,'; a word that
    is no number is told the words allowed only (review 37)."""
    text = "name: c\nsteps:\n  - {id: a, type: achievement, realisation: r, target: t, zero_target: rej}\n"
    problems = refused(text).problems
    assert [p.message_en for p in problems] == [
        "step 'a' (achievement): zero_target: 'rej' is not one of 'reject' or 'error' "
        "(did you mean 'reject'?)",
    ]


@pytest.mark.parametrize(
    ("given", "said"),
    [
        ("r3ject", "is not one of 'reject' or 'error' (did you mean 'reject'?)"),
        ("reject1", "is not one of 'reject' or 'error' (did you mean 'reject'?)"),
        ("1x", "is not a number"),
    ],
)
def test_a_misspelt_choice_with_a_digit_keeps_its_hint(given: str, said: str) -> None:
    """``r3ject`` was judged a number ("is not a number") because it holds a digit, losing
    the words allowed and the did-you-mean (review 38): a text close to a choice is the
    choice's error; other text with digits stays the number's."""
    text = (
        "name: c\nsteps:\n  - {id: a, type: achievement, realisation: r, target: t, "
        f"zero_target: {given}}}\n"
    )
    [p] = refused(text).problems
    assert p.message_en == f"step 'a' (achievement): zero_target: '{given}' {said}"


def test_a_rule_files_numbers_are_bounded_as_the_datas_amounts() -> None:
    """The largest number of a rule file is the largest amount of the data (two constants,
    as tukin.ruleset.types does not import tukin.model): one limit of exact whole numbers."""
    from tukin.model._types import EXACT_MAX
    from tukin.ruleset.types import MAX_NUMBER

    assert MAX_NUMBER == EXACT_MAX


class TestUnquotedIdentifiers:
    """A NIP written without quotes in a rule file is a number too large for it; the refusal
    says to quote it (before the bound it loaded, and failed at the calculation with that
    hint: the bound must not make the message worse)."""

    @pytest.mark.parametrize(
        ("parameters", "expr"),
        [
            ("parameters:\n  nips: {value: [198001012005011001], reference: r}\n", "nip in nips"),
            ("", "nip == 198001012005011001"),
        ],
        ids=["list_parameter", "formula_constant"],
    )
    def test_a_nip_is_told_to_be_quoted(self, parameters: str, expr: str) -> None:
        text = (
            f"name: x\n{parameters}steps:\n"
            "  - {id: d, type: lookup, key: grade, table: {6: 1000}, unit: rupiah}\n"
            f"  - {{id: a, type: formula, expr: 'if_({expr}, d, rupiah(0))', unit: rupiah}}\n"
        )
        [p] = refused(text).problems
        assert p.message_en.endswith(
            'a NIP or another identifier is text: write it in quotes ("198001012005011001")'
        )
        assert p.message_id is not None
        assert p.message_id.endswith('tulis dalam tanda kutip ("198001012005011001")')

    @pytest.mark.parametrize("written", ["10000000000000000000000", "1e20", "90071992547409920.5"])
    def test_an_amount_gets_no_such_hint(self, written: str) -> None:
        """Too many digits for a NIP, an exponent or a fraction: a number meant as one."""
        text = (
            f"name: x\nsteps:\n  - {{id: a, type: lookup, key: grade, table: {{6: {written}}}}}\n"
        )
        [p] = refused(text).problems
        assert "too large" in p.message_en and "quotes" not in p.message_en
