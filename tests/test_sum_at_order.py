"""A step working on an employee's whole monthly amount (a contribution on a capped wage,
PPh 21, a Plt supplement, a ceiling, a cap in rupiah) may not come at or before
``position_history.sum_at``, where the steps run once per position: loading refuses it,
naming the step, its type and ``sum_at`` in both languages. Each rule type says so once, in
its own registration (:class:`tukin.rules.PerEmployee`), review 113."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.test_position_history import RULES
from tukin.errors import RuleProblem, RuleSetError
from tukin.rules import PerEmployee, registry, rule
from tukin.ruleset.load import load_ruleset

SUM_AT = "  - {id: for_days,"
CAP = "  wage_cap: {unit: rupiah, reference: SYNTHETIC, value: 5000000}\n"
CAP_PCT = "  top: {unit: ratio, reference: SYNTHETIC, value: 100%}\n"


def with_step(step: str, *, before: bool = True, params: str = "") -> str:
    """RULES with ``step`` inserted before ``for_days`` (sum_at), else after it."""
    text = RULES.replace("  share: {", params + "  share: {", 1) if params else RULES
    if before:
        return text.replace(SUM_AT, f"  - {step}\n{SUM_AT}")
    return text.replace("  - {id: pay,", f"  - {step}\n  - {{id: pay,")


def refusal(text: str) -> RuleProblem:
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(text)
    found = [p for p in caught.value.problems if "sum_at" in p.message_en]
    assert len(found) == 1, [p.message_en for p in caught.value.problems]
    return found[0]


STEPS = {
    "contribution": "{id: iwp, type: contribution, input: base, rate: 1%, cap: 12000000}",
    "bpjs_kesehatan": "{id: bpjs, type: bpjs_kesehatan, input: base, rate: 1%}",
    # a position's part of the month (a rate's cap is right per position: review 134)
    "clamp": "{id: part, type: formula, expr: 'base * days_f'}\n"
    "  - {id: capped, type: clamp, input: part, max: $wage_cap}",
    "round": "{id: thousands, type: round, input: base, unit: 1000}",
}


class TestRefused:
    @pytest.mark.parametrize("kind", sorted(STEPS))
    def test_before_sum_at_is_refused_naming_step_type_and_sum_at(self, kind: str) -> None:
        """Both languages name the step, its type and the sum_at step; the line is the
        step's."""
        step = STEPS[kind]
        sid = re.findall(r"\{id: (\w+),", step)[-1]
        text = with_step(step, params=CAP)
        problem = refusal(text)
        assert problem.code == "ruleset_invalid"
        for message in (problem.message_en, problem.message_id or ""):
            assert f"'{sid}' ({kind})" in message and "'for_days'" in message
        assert "whole monthly amount" in problem.message_en
        assert "jumlah sebulan utuh" in (problem.message_id or "")
        line = next(i for i, t in enumerate(text.splitlines(), 1) if f"id: {sid}," in t)
        assert problem.line == line

    def test_at_sum_at_is_refused_too(self) -> None:
        """The sum_at step itself runs once per position."""
        text = with_step(STEPS["bpjs_kesehatan"], params=CAP).replace(
            "sum_at: for_days", "sum_at: bpjs"
        )
        assert " at position_history.sum_at 'bpjs'" in refusal(text).message_en

    @pytest.mark.parametrize("kind", sorted(STEPS))
    def test_after_sum_at_loads(self, kind: str) -> None:
        load_ruleset(with_step(STEPS[kind], before=False, params=CAP))

    def test_a_clamp_of_a_percentage_before_sum_at_loads(self) -> None:
        """A cap of 100 % is right per position (tukin-permentan-20-2025 caps its deduction
        so before sum_at): only a bound that is an amount in rupiah is refused."""
        load_ruleset(
            with_step("{id: top_f, type: clamp, input: status_f, max: $top}", params=CAP_PCT)
        )
        load_ruleset(with_step("{id: top_f, type: clamp, input: status_f, max: 1}"))

    def test_a_round_to_the_rupiah_before_sum_at_loads(self) -> None:
        """Only a round to a multiple (Rp100, Rp1,000: the month's amount) is refused, also
        through a parameter with one dated value above 1 (review 119)."""
        load_ruleset(with_step("{id: whole, type: round, input: base}"))
        load_ruleset(with_step("{id: whole, type: round, input: base, unit: 1}"))
        step = "{id: thousands, type: round, input: base, unit: $to}"
        dated = (
            "  to: {reference: SYNTHETIC, values: [{from: 2024-01-01, to: 2025-05-31, value: 1}, "
        )
        dated += "{from: 2025-06-01, value: 1000}]}\n"
        assert "'thousands' (round)" in refusal(with_step(step, params=dated)).message_en
        load_ruleset(with_step(step, params=dated.replace("1000", "1")))

    def test_without_position_history_nothing_changes(self) -> None:
        text = with_step(STEPS["bpjs_kesehatan"]).replace(
            "position_history: {sum_at: for_days}\n", ""
        )
        load_ruleset(text)


@pytest.fixture
def plugin() -> Iterator[str]:
    name = "test_flat_supplement_113"

    @rule(
        name,
        per_employee=PerEmployee("adds a flat supplement", "menambah tunjangan tetap"),
    )
    def flat(ctx, p):  # type: ignore[no-untyped-def]
        return ctx.const(500_000)

    yield name
    registry._REGISTRY.pop(name, None)


class TestDeclared:
    def test_a_new_rule_type_declares_it_once(self, plugin: str) -> None:
        """A plug-in's registration is all it takes: the loader has no list of names."""
        problem = refusal(with_step(f"{{id: extra, type: {plugin}}}"))
        assert f"'extra' ({plugin})" in problem.message_en
        assert "adds a flat supplement" in problem.message_en
        assert "menambah tunjangan tetap" in (problem.message_id or "")

    def test_the_whole_amount_types_declare_it(self) -> None:
        """The built-in types that work on the whole month say so (a percentage does not;
        a formula only with a flat amount beside a part, review 135, as a clamp)."""
        types = registry.all_types()
        declared = {n for n, t in types.items() if t.per_employee is not None}
        assert {"contribution", "bpjs_kesehatan", "pph21_ter", "acting_supplement"} <= declared
        assert {"ceiling", "clamp", "round", "formula"} <= declared
        assert types["formula"].per_employee.when is not None  # type: ignore[union-attr]
        assert not {"status_factor", "pro_rata", "lookup", "share"} & declared

    def test_every_packaged_pack_still_loads(self) -> None:
        root = Path(__file__).parent.parent / "tukin"
        packs = sorted((root / "presets").glob("*.yaml"))
        packs += sorted((root / "golden_cases" / "rules").glob("*.yaml"))
        assert packs
        for path in packs:
            load_ruleset(path)


class TestUnitsTheFileSays:
    """A clamp or bands over a column the rule file says is an amount in rupiah, at or
    before sum_at, is refused however its bound is written (review 125): a bare
    ``max: 5000000`` clamps an amount at Rp5,000,000 as ``max: $wage_cap`` does, which was
    refused while the bare one loaded. What the file does not say is not guessed.
    Refused only over a position's *part* (review 134): a column that is or reads a
    pro_rata step or a day count; a cap of its monthly *rate* is right per position."""

    UNITLESS = "  plafon: {reference: SYNTHETIC, value: 5000000}\n"
    #: a position's part of the month: the rate times its days (a pro_rata step)
    PART = "{id: part, type: formula, expr: 'base * days_f'}\n  - "

    @pytest.mark.parametrize(
        ("step", "params"),
        [
            (PART + "{id: capped, type: clamp, input: part, max: 5000000}", ""),
            (PART + "{id: capped, type: clamp, input: part, min: 1000000}", ""),
            (PART + "{id: capped, type: clamp, input: part, max: $plafon}", UNITLESS),
            (PART + "{id: capped, type: clamp, input: part, max: $wage_cap}", CAP),
            # a round of an amount is an amount; so is a formula giving one (no unit: given)
            (
                PART
                + "{id: r, type: round, input: part}\n  - {id: capped, type: clamp, input: r, max: 9}",
                "",
            ),
            (
                "{id: f, type: formula, expr: 'base * status_f * days_f'}\n"
                "  - {id: capped, type: clamp, input: f, max: 9}",
                "",
            ),
            (
                "{id: f, type: formula, expr: 'if_(grade > 9, base, rupiah(0)) * days_f / 2'}\n"
                "  - {id: capped, type: clamp, input: f, max: 9}",
                "",
            ),
            (
                PART + "{id: capped, type: bands, input: part, bands: [{max: 4000000, value: 1}, "
                "{min: 4000000, value: 2}]}",
                "",
            ),
            # a share of an amount, pro_rata of one, a sum of such parts (review 135: these
            # types say their unit; review 134 left them loading, each part capped)
            (
                "{id: p, type: pro_rata, input: base}\n"
                "  - {id: capped, type: clamp, input: p, max: 5000000}",
                "",
            ),
            (
                "{id: s, type: share, base: base, share: 60%, factors: [days_f]}\n"
                "  - {id: t, type: sum, inputs: [s]}\n"
                "  - {id: capped, type: clamp, input: t, max: 5000000}",
                "",
            ),
        ],
    )
    def test_refused_before_sum_at(self, step: str, params: str) -> None:
        problem = refusal(with_step(step, params=params))
        assert "'capped'" in problem.message_en and "'for_days'" in problem.message_en
        load_ruleset(with_step(step, before=False, params=params))

    @pytest.mark.parametrize(
        ("step", "params"),
        [
            ("{id: capped, type: clamp, input: base, max: 5000000}", ""),
            ("{id: capped, type: clamp, input: base, min: 1000000}", ""),
            ("{id: capped, type: clamp, input: base, max: $plafon}", UNITLESS),
            ("{id: capped, type: clamp, input: base, max: $wage_cap}", CAP),
            (
                "{id: r, type: round, input: base}\n  - {id: capped, type: clamp, input: r, max: 9}",
                "",
            ),
            (
                "{id: f, type: formula, expr: 'base * status_f'}\n"
                "  - {id: capped, type: clamp, input: f, max: 9}",
                "",
            ),
            (
                "{id: capped, type: bands, input: base, bands: [{max: 4000000, value: 1}, "
                "{min: 4000000, value: 2}]}",
                "",
            ),
        ],
    )
    def test_a_cap_of_the_monthly_rate_before_pro_rating_loads(
        self, step: str, params: str
    ) -> None:
        """A Pemda capping each kelas's monthly rate at the Kepmendagri ceiling, then
        pro-rating it (``tarif: clamp base max 12000000``; ``for_days = tarif x days``), pays
        each position a capped rate for its days: right per position. It loaded on 0efdb11
        and was refused by 663674e (review 134). A promoted employee is paid the capped
        rate of each position for its days."""
        text = with_step(step, params=params)
        load_ruleset(text)
        if "clamp, input: base, max: 5000000" in step:
            capped = load_ruleset(
                text.replace(
                    "expr: base * status_f * days_f * share",
                    "expr: capped * status_f * days_f * share",
                )
            )
            assert capped.steps[3].id == "capped"

    @pytest.mark.parametrize("bound", ["max: 250000", "max: $wage_cap"])
    def test_a_cap_of_the_daily_rate_before_pro_rating_loads(self, bound: str) -> None:
        """``dasar / days_in_period`` is a position's *daily rate*, the same divisor for
        every position of an employee (the period's calendar days): a Perbup capping the
        daily TPP then paying it per day served caps each position's rate, right per
        position. It was refused with the advice to move the cap after sum_at, which would
        cap the month's sum against a daily amount (review 145). A count of the position's
        own days (``days_served``) still makes a part."""
        daily = "{id: daily, type: formula, expr: 'base / days_in_period'}\n  - "
        step = daily + f"{{id: capped, type: clamp, input: daily, {bound}}}"
        params = CAP if "$" in bound else ""
        load_ruleset(with_step(step, params=params))
        if params:  # a bound in rupiah over the position's days: a part, refused
            served = step.replace("base / days_in_period", "base * days_served / days_in_period")
            refusal(with_step(served, params=params))

    @pytest.mark.parametrize(
        ("expr", "params"),
        [
            ("min(part, rupiah(5000000))", ""),
            ("part + rupiah(250000)", ""),
            ("rupiah(250_000) - part", ""),
            ("max(part, wage_cap)", CAP),
            ("clip(part, rupiah(1), wage_cap * 0.5)", CAP),
            ("if_(grade > 9, part, rupiah(500000))", ""),
        ],
    )
    def test_a_flat_amount_beside_a_part_in_a_formula_is_refused(
        self, expr: str, params: str
    ) -> None:
        """The formula's clamp of a part, or a flat amount added to each part: before sum_at
        counted once per position held (Rp250,000 twice for a promoted employee, a cap on
        each half month). Review 125 and 134 left it loading; the formula says so now."""
        step = self.PART + f"{{id: capped, type: formula, expr: '{expr}'}}"
        problem = refusal(with_step(step, params=params))
        assert "'capped' (formula)" in problem.message_en and "flat amount" in problem.message_en
        assert "jumlah tetap" in (problem.message_id or "")
        load_ruleset(with_step(step, before=False, params=params))

    @pytest.mark.parametrize(
        "expr",
        [
            "min(base, rupiah(5000000)) * days_f",  # the monthly rate capped, then pro-rated
            "(base + rupiah(250000)) * days_f",  # a flat amount pro-rated with the rate
            "if_(grade > 9, part, rupiah(0))",  # nothing for some positions
            "part + rupiah(250000) * days_f",  # the flat amount pro-rated too
            "min(part, base)",  # two columns of the position: not a flat amount
        ],
    )
    def test_a_flat_amount_pro_rated_or_on_the_rate_loads(self, expr: str) -> None:
        load_ruleset(with_step(self.PART + f"{{id: capped, type: formula, expr: '{expr}'}}"))

    def test_at_sum_at_the_summed_amount_is_seen(self) -> None:
        """for_days (base * status_f * days_f * share) gives rupiah: a clamp of it that is
        itself sum_at is refused."""
        text = with_step("{id: capped, type: clamp, input: for_days, max: 9}", before=False)
        refusal(text.replace("sum_at: for_days", "sum_at: capped"))

    @pytest.mark.parametrize(
        "step",
        [
            # ratios: a cap of 100 %, bands of a factor, a ratio of two amounts
            "{id: capped, type: clamp, input: status_f, max: 1}",
            "{id: capped, type: bands, input: days_f, bands: [{max: 1, value: 1}, {min: 1, value: 2}]}",
            "{id: f, type: formula, expr: 'base / base'}\n  - {id: capped, type: clamp, input: f, max: 1}",
            # not said: a column of the data, a formula comparing amounts (a yes/no)
            "{id: capped, type: clamp, input: grade, max: 12}",
            "{id: f, type: formula, expr: 'base > rupiah(1)'}\n  - {id: capped, type: clamp, input: f, max: 1}",
        ],
    )
    def test_what_the_file_does_not_say_is_an_amount_loads(self, step: str) -> None:
        load_ruleset(with_step(step))

    def test_a_flat_amount_in_a_formula_is_not_refused(self) -> None:
        """Documented (docs/rule-file.md): a cap of a position's rate before pro-rating is
        right per position, a cap of its part is not, and units cannot tell them apart."""
        load_ruleset(with_step("{id: capped, type: formula, expr: 'min(base, rupiah(5000000))'}"))
