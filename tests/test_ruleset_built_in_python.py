"""A RuleSet built in Python gets the refusals a rule file gets (review 125).

``RuleSet(...)``, ``RuleSet.model_validate`` and ``model_validate_json`` check as loading
does; what pydantic makes without validation (``model_copy(update=...)``,
``model_construct``) or a dict changed in place is checked when first calculated with.
The loader's rule set is checked once, not again by ``calculate``."""

from __future__ import annotations

import json
import pickle
import warnings
from collections.abc import Callable
from typing import Any

import pytest

import tukin
from tests.test_position_history import RULES, org
from tukin import calculate, load_ruleset
from tukin.calc.engine import prepare
from tukin.dataset import Dataset
from tukin.errors import RuleSetError
from tukin.ruleset import check as check_module
from tukin.ruleset.model import RuleSet, Step
from tukin.ruleset.yamlsafe import load_text

GOOD = load_ruleset(RULES)
PERIOD = "2025-11"

#: what a rule file may get wrong that only the check sees (pydantic takes each of them)
BAD: dict[str, tuple[str, str]] = {
    "per_employee_before_sum_at": (
        "  - {id: for_days,",
        "  - {id: bpjs, type: bpjs_kesehatan, input: base, rate: 1%}\n  - {id: for_days,",
    ),
    "unknown_reference": ("factors: $factors}", "factors: $faktor}"),
    "unknown_output": (
        "type: round, input: for_days, mode: half_up}",
        "type: round, input: for_days, mode: half_up}\noutputs: {allowance: tunjangan}",
    ),
    "sum_at_not_a_step": ("sum_at: for_days", "sum_at: for_day"),
    "bad_parameter_value": ("mode: half_up}", "mode: setengah}"),
    "negative_rupiah": ("7: 3000000", "7: -3000000"),
}


def bad_text(case: str) -> str:
    old, new = BAD[case]
    assert old in RULES
    return RULES.replace(old, new)


def as_file(case: str) -> set[tuple[str, str | None, str]]:
    """The problems loading the rule file gives (code, key, English text)."""
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(bad_text(case))
    return {(p.code, p.key, p.message_en) for p in caught.value.problems}


def python_data(case: str) -> dict[str, Any]:
    """The same rules as a RuleSet's fields (what an importing system builds), without
    going through the rule-file loader."""
    raw, _ = load_text(bad_text(case))
    fields = GOOD.model_dump(by_alias=True)
    steps = []
    for s in raw["steps"]:
        head = {k: s[k] for k in ("id", "type") if k in s}
        steps.append({**head, "params": {k: v for k, v in s.items() if k not in head}})
    fields["steps"] = steps
    for name, p in raw["parameters"].items():
        fields["parameters"][name]["values"][0]["value"] = p["value"]
    fields["outputs"] = raw.get("outputs") or {}
    fields["position_history"] = raw.get("position_history")
    return fields


def as_python(
    build: Callable[[dict[str, Any]], Any], case: str
) -> set[tuple[str, str | None, str]]:
    with pytest.raises(RuleSetError) as caught:
        build(python_data(case))
    return {(p.code, p.key, p.message_en) for p in caught.value.problems}


def dataset() -> Dataset:
    return Dataset.from_frames(**org())


def pay(rs: RuleSet) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return calculate(dataset(), rs, PERIOD)


BUILDERS: dict[str, Callable[[dict[str, Any]], Any]] = {
    "constructor": lambda data: RuleSet(**data),
    "model_validate": RuleSet.model_validate,
    "model_validate_json": lambda data: RuleSet.model_validate_json(json.dumps(data)),
}


class TestBuiltInPython:
    @pytest.mark.parametrize("case", sorted(BAD))
    @pytest.mark.parametrize("how", sorted(BUILDERS))
    def test_refused_as_the_rule_file_is(self, case: str, how: str) -> None:
        """The same problems (code, place, reason) as the file's, raised as RuleSetError
        (not a pydantic ValidationError holding them as text)."""
        assert as_python(BUILDERS[how], case) == as_file(case)

    def test_good_rules_built_in_python_calculate_as_loaded(self) -> None:
        built = RuleSet(**GOOD.model_dump(by_alias=True))
        assert built.fingerprint() == GOOD.fingerprint()
        assert (
            pay(built).to_frame()["allowance"].tolist()
            == pay(GOOD).to_frame()["allowance"].tolist()
        )


class TestUnvalidatedCopies:
    def bpjs_copy(self) -> RuleSet:
        steps = list(GOOD.steps)
        steps.insert(
            3, Step(id="bpjs", type="bpjs_kesehatan", params={"input": "base", "rate": "1%"})
        )
        return GOOD.model_copy(update={"steps": tuple(steps)})

    def test_model_copy_is_refused_by_calculate(self) -> None:
        with pytest.raises(RuleSetError) as caught:
            pay(self.bpjs_copy())
        assert [p.key for p in caught.value.problems] == ["steps.3.type"]
        assert "whole monthly amount" in caught.value.problems[0].message_en

    def test_model_construct_and_prepare(self) -> None:
        rs = RuleSet.model_construct(
            **{**dict(GOOD), "outputs": GOOD.outputs.model_copy(update={"allowance": "tunjangan"})}
        )
        with pytest.raises(RuleSetError, match="tunjangan"):
            prepare(dataset(), rs, PERIOD)

    def test_a_dict_changed_in_place_is_checked_again(self) -> None:
        """A checked rule set whose step's params are changed in place (the dict is not
        frozen) is not taken as checked: a round to Rp1,000 before sum_at is refused."""
        rs = load_ruleset(
            RULES.replace(
                "  - {id: for_days,",
                "  - {id: whole, type: round, input: base}\n  - {id: for_days,",
            )
        )
        pay(rs)
        rs.step("whole").params["unit"] = 1000
        with pytest.raises(RuleSetError, match="'whole' \\(round\\)"):
            pay(rs)


class TestCheckedOnce:
    @pytest.fixture
    def checks(self, monkeypatch: pytest.MonkeyPatch) -> list[str]:
        """Names the rule sets check_ruleset is run on (in the loader and in check)."""
        seen: list[str] = []
        real = check_module.check_ruleset

        def counted(rs: RuleSet, *args: Any, **kwargs: Any) -> Any:
            seen.append(rs.name)
            return real(rs, *args, **kwargs)

        monkeypatch.setattr(check_module, "check_ruleset", counted)
        monkeypatch.setattr("tukin.ruleset.load.check_ruleset", counted)
        return seen

    def test_loaded_rules_are_not_checked_again_by_calculate(self, checks: list[str]) -> None:
        rs = load_ruleset(RULES)
        assert checks == ["spells"]
        pay(rs)
        pay(rs)
        assert checks == ["spells"]

    def test_with_parameters_pickle_and_copies_keep_it(self, checks: list[str]) -> None:
        changed = GOOD.with_parameters(share="90%")
        assert checks == ["spells"]
        pay(changed)
        pay(pickle.loads(pickle.dumps(changed)))
        pay(changed.model_copy())
        pay(changed.model_copy(update={"source_file": "elsewhere.yaml"}))
        assert checks == ["spells"]

    def test_built_in_python_is_checked_once(self, checks: list[str]) -> None:
        built = RuleSet.model_validate(GOOD.model_dump(by_alias=True))
        assert checks == ["spells"]
        pay(built)
        assert checks == ["spells"]

    def test_in_english_too(self) -> None:
        with tukin.language("en"), pytest.raises(RuleSetError, match="which is not a step"):
            RuleSet(**python_data("unknown_output"))


class TestAmountsAreWhole:
    """An amount in rupiah written with a point or a comma (``37.500``, ``'1,5'``) is read
    as a decimal, a thousandth of the Rp37,500 an Indonesian writer means: refused where
    the rule file says the value is an amount (a parameter with ``unit: rupiah``, a look-up
    table with ``unit: rupiah``), in a file and in Python alike (review 125)."""

    def text(self, written: str) -> str:
        return RULES.replace("11: 6000000", f"11: {written}")

    @pytest.mark.parametrize("written", ["6.500", "'6,5'", "'6000000,5'", "6000000.5"])
    def test_a_parameter_in_rupiah(self, written: str) -> None:
        with pytest.raises(RuleSetError) as caught:
            load_ruleset(self.text(written))
        (problem,) = caught.value.problems
        assert problem.key == "parameters.base.value"
        assert "'base' is in rupiah" in problem.message_en and "(11)" in problem.message_en
        assert "not a whole amount" in problem.message_en
        assert "bukan jumlah bulat" in problem.message("id")

    def test_a_lookup_table_in_rupiah_and_with_parameters(self) -> None:
        text = RULES.replace("table: $base,", "table: {7: 3000000, 9: 4.500, 11: 6000000},")
        with pytest.raises(RuleSetError, match=r"bukan jumlah bulat|not a whole amount") as caught:
            load_ruleset(text)
        assert caught.value.problems[0].key == "steps.0.table"
        with pytest.raises(RuleSetError, match=r"bukan jumlah bulat|not a whole amount"):
            GOOD.with_parameters(base={7: 3000000, 9: "4.500", 11: 6000000, 14: 9000000})

    def test_whole_amounts_and_ratios_load(self) -> None:
        load_ruleset(self.text("'6000000'"))
        load_ruleset(self.text("6000000.0"))  # a decimal that is whole is the amount
        load_ruleset(RULES.replace("share: {reference", "share: {unit: ratio, reference"))

    def test_a_table_of_records_in_rupiah_keeps_its_rates_and_bounds(self) -> None:
        """A parameter in rupiah holding records a step reads through ``$name`` (PPh 21 TER
        brackets: ``up_to`` in rupiah, ``rate: 0.0025``; bands of a ratio giving an amount:
        ``min: 0.85, value: 500000``) loaded and paid before review 125: only its amounts,
        the number or a table's values, must be whole. The step's own field types check
        a record's amounts (review 134)."""
        ter = (
            "  ter:\n    unit: rupiah\n    value:\n"
            "      A: [{up_to: 5400000, rate: 0}, {up_to: 5650000, rate: 0.0025}, {rate: 0.005}]\n"
            "      B: [{rate: 0}]\n      C: [{rate: 0}]\n"
            "  pita:\n    unit: rupiah\n    value:\n"
            "      - {max: 0.85, value: 0}\n      - {min: 0.85, value: 500000}\n"
        )
        text = RULES.replace("parameters:\n", "parameters:\n" + ter, 1)
        assert text != RULES
        loaded = load_ruleset(text)
        assert str(loaded.parameters["ter"].values[0].value["A"][1]["rate"]) == "0.0025"
        pita = loaded.parameters["pita"].values[0].value
        assert [str(b.get("min", b.get("max"))) for b in pita] == ["0.85", "0.85"]
        # a table of amounts inside the same parameter is still refused at its amount
        with pytest.raises(RuleSetError, match=r"bukan jumlah bulat|not a whole amount"):
            load_ruleset(RULES.replace("7: 3000000", "7: 3.500"))


class TestRupiahSpelledOtherwise:
    """``unit: Rp`` (or IDR, ``rupiah/bulan``) was documentation: the value was read as a
    ratio, its negative or not-whole amounts were not refused, and a formula adding it to an
    amount failed only when calculating. Refused on loading, saying what to write
    (review 125)."""

    @pytest.mark.parametrize("unit", ["Rp", "IDR", "rupiah/bulan", "'Rupiah per hari'", "Rp."])
    def test_refused_naming_the_unit(self, unit: str) -> None:
        """Where the unit changes the reading: a formula reads the parameter by name."""
        text = RULES.replace("share: {reference", f"share: {{unit: {unit}, reference")
        with pytest.raises(RuleSetError) as caught:
            load_ruleset(text)
        (problem,) = caught.value.problems
        assert (problem.key, problem.line) == ("parameters.share.unit", 8)
        assert "write 'unit: rupiah'" in problem.message_en
        assert "tulis 'unit: rupiah'" in problem.message("id")

    @pytest.mark.parametrize("unit", ["Rp", "'Rp/bulan'", "IDR"])
    def test_a_clamp_bound_is_refused_too(self, unit: str) -> None:
        """A clamp's ``$name`` bound in rupiah puts the clamp after sum_at: the unit counts."""
        text = RULES.replace(
            "parameters:\n", f"parameters:\n  cap: {{unit: {unit}, reference: X, value: 9000000}}\n"
        ).replace(
            "  - {id: pay,", "  - {id: capped, type: clamp, input: pay, max: $cap}\n  - {id: pay,"
        )
        with pytest.raises(RuleSetError, match="unit: rupiah") as caught:
            load_ruleset(text)
        assert [p.key for p in caught.value.problems] == ["parameters.cap.unit"]

    @pytest.mark.parametrize("unit", ["Rp", "'Rp/bulan'", "IDR", "'Rupiah per bulan'"])
    def test_documentation_where_a_step_says_the_unit(self, unit: str) -> None:
        """``unit: Rp`` on a table only a ``lookup`` with ``unit: rupiah`` reads changes
        nothing: the step reads it as amounts and checks them (negative, not whole). Such a
        file loaded and paid before review 125 and does the same (review 134)."""
        text = RULES.replace("base: {unit: rupiah,", f"base: {{unit: {unit},")
        paid = pay(load_ruleset(text)).to_frame()["allowance"].tolist()
        assert paid == pay(GOOD).to_frame()["allowance"].tolist() and sum(paid) > 0
        with pytest.raises(RuleSetError, match=r"bukan jumlah bulat|not a whole amount"):
            load_ruleset(text.replace("7: 3000000", "7: 3.500"))

    @pytest.mark.parametrize("unit", ["ratio", "count", "rpm"])
    def test_other_units_load(self, unit: str) -> None:
        load_ruleset(RULES.replace("share: {reference", f"share: {{unit: '{unit}', reference"))

    @pytest.mark.parametrize("unit", ["Rupiah", " rupiah "])
    def test_rupiah_in_any_case_or_spacing_is_an_amount(self, unit: str) -> None:
        """A formula reads the parameter as an amount. (Until review 135 this test put the
        unit on the 100 % ``share``, making ``base * share`` money × money: the file loaded
        and every calculation failed; it is now refused when loaded.)"""
        text = RULES.replace(
            "parameters:\n",
            f"parameters:\n  bonus: {{unit: '{unit}', reference: X, value: 250000}}\n",
        ).replace(
            "  - {id: pay, type: round, input: for_days,",
            "  - {id: plus, type: formula, expr: for_days + bonus}\n"
            "  - {id: pay, type: round, input: plus,",
        )
        paid = pay(load_ruleset(text)).to_frame()["allowance"].tolist()
        assert paid == [p + 250_000 for p in pay(GOOD).to_frame()["allowance"].tolist()]
        with pytest.raises(RuleSetError, match=r"money × money|uang × uang"):
            load_ruleset(RULES.replace("share: {reference", f"share: {{unit: '{unit}', reference"))
