"""A formula whose units fail every calculation, as the rule file writes it, is refused when
the file is loaded (tukin.ruleset.formula_units, review 135): ``min(dasar, 5000000)`` beside
a ``lookup`` in rupiah loaded, then stopped every payment run with a money error. The
refusal says what to write; what the file does not say (a column of the data, a step whose
type declares no unit) is not guessed."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from typing import Any
from unittest import mock

import pytest

from tests.test_position_history import BASE, NIP, org
from tukin import calculate, load_ruleset
from tukin.dataset import Dataset
from tukin.errors import CalculationError, MoneyError, RuleSetError
from tukin.ruleset import check as check_module

PERIOD = "2025-11"
RATIOS = {7: 1, 9: 2, 11: 3, 14: 4}  # the parameter ratios
GRADES = dict(zip(NIP, [14, 9, 11, 7, 7], strict=True))  # org(): each employee's kelas

RULES = """
name: formula-units
period_kinds: [month]
parameters:
  base: {unit: rupiah, reference: SYNTHETIC, value: {7: 3000000, 9: 4500000, 11: 6000000, 14: 9000000}}
  extra: {reference: SYNTHETIC, value: 250000}
  ratios: {reference: SYNTHETIC, value: {7: 1, 9: 2, 11: 3, 14: 4}}
steps:
  - {id: dasar, type: lookup, key: grade, table: $base, unit: rupiah}
  - {id: rasio, type: lookup, key: grade, table: $ratios}
STEPS
"""


def rules(*steps: str) -> str:
    return RULES.replace("STEPS", "\n".join(f"  - {s}" for s in steps))


def paying(expr: str) -> str:
    return rules(
        f"{{id: kotor, type: formula, expr: '{expr}'}}",
        "{id: pay, type: round, input: kotor, mode: half_up}",
    )


#: formula -> what the refusal tells the writer to write (or why)
REFUSED = {
    "min(dasar, 5000000)": "rupiah(5000000)",
    "dasar + 250000": "rupiah(250000)",
    "max(dasar * 0.5, 2_000_000)": "rupiah(2_000_000)",
    "if_(grade > 9, dasar, 0)": "rupiah(0)",
    "if_(dasar > 4000000, dasar, rupiah(0))": "rupiah(4000000)",
    "clip(dasar, 1000000, rupiah(8000000))": "rupiah(1000000)",
    "dasar - 5 * 1000": "rupiah(5 * 1000)",
    "dasar + extra": "'unit: rupiah'",
    "dasar + rasio": "multiply a ratio by an amount",
    "dasar + 0.5": "multiply a ratio by an amount",  # not rupiah(0.5): no whole amount
    "dasar * dasar / rupiah(1)": "money × money",
    "1 / dasar * rupiah(1)": "divides a plain number",
    "rupiah(dasar)": "already in rupiah",
}


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return Dataset.from_frames(**org())


@pytest.fixture
def unchecked() -> Iterator[None]:
    """The formula unit check switched off: what the file did before review 135."""
    with mock.patch.object(check_module, "formula_unit_problems", lambda *a: []):
        yield


def paid(ds: Dataset, text: str) -> dict[str, int]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        frame = calculate(ds, load_ruleset(text), PERIOD).to_frame()
    return dict(zip(frame["nip"].astype(str), frame["allowance"].astype(int), strict=True))


class TestRefused:
    @pytest.mark.parametrize("expr", sorted(REFUSED))
    def test_refused_at_its_line_saying_what_to_write(self, expr: str) -> None:
        """In both languages, at the formula's line, naming the step and the part of the
        formula; the English says what to write."""
        text = paying(expr)
        with pytest.raises(RuleSetError) as caught:
            load_ruleset(text)
        (problem,) = caught.value.problems
        assert problem.code == "ruleset_invalid" and problem.key == "steps.2.expr"
        assert problem.line == next(
            i for i, line in enumerate(text.splitlines(), 1) if "id: kotor" in line
        )
        assert REFUSED[expr] in problem.message_en
        assert "'kotor' (formula)" in problem.message_en
        assert "setiap perhitungan akan gagal" in (problem.message_id or "")

    @pytest.mark.usefixtures("unchecked")
    @pytest.mark.parametrize("expr", sorted(REFUSED))
    def test_each_refused_formula_failed_every_calculation(
        self, expr: str, dataset: Dataset
    ) -> None:
        """Nothing refused could ever pay: loaded without the check, the run stops."""
        with pytest.raises((MoneyError, CalculationError)):
            paid(dataset, paying(expr))

    @pytest.mark.parametrize(
        ("steps", "said"),
        [
            (["{id: pay, type: formula, expr: '5000000', unit: rupiah}"], "'unit: rupiah'"),
            (["{id: x, type: formula, expr: 'dasar * 2', unit: none}"], "'unit: none'"),
            (
                [
                    "{id: a, type: formula, expr: 'dasar * 0.6'}",
                    "{id: b, type: round, input: a}",
                    "{id: pay, type: formula, expr: 'min(b, 100)'}",
                ],
                "rupiah(100)",
            ),
            (
                [
                    "{id: b, type: bands, input: rasio, bands: [{min: 0, value: 1}], unit: rupiah}",
                    "{id: pay, type: formula, expr: 'b + 1'}",
                ],
                "rupiah(1)",
            ),
            (
                [  # as the packs build the allowance: shares of an amount, summed
                    "{id: bagian, type: share, base: dasar, share: 60%}",
                    "{id: hari, type: pro_rata, input: bagian}",
                    "{id: kotor, type: sum, inputs: [hari]}",
                    "{id: pay, type: formula, expr: 'kotor + 250000'}",
                ],
                "rupiah(250000)",
            ),
        ],
        ids=["declared-rupiah", "declared-none", "through-earlier-steps", "bands", "share-sum"],
    )
    def test_what_earlier_steps_and_the_step_say(self, steps: list[str], said: str) -> None:
        with pytest.raises(RuleSetError) as caught:
            load_ruleset(rules(*steps))
        assert [said in p.message_en for p in caught.value.problems] == [True]


class TestLookupWithoutItsUnit:
    """A lookup of a table in rupiah (``table: $base``, ``unit: rupiah`` on the parameter)
    without ``unit: rupiah`` on the step gives plain numbers: the refusal said to multiply a
    ratio by an amount or to write rupiah(...), where the writer left out the step's unit
    (review 145, an HR-written file)."""

    FORGOT = "{id: lupa, type: lookup, key: grade, table: $base}"

    @pytest.mark.parametrize(
        "step",
        [
            "{id: kotor, type: formula, expr: 'min(lupa, dasar)'}",
            "{id: kotor, type: formula, expr: 'dasar * 0.4 + lupa * 0.6'}",
            "{id: kotor, type: formula, expr: 'lupa * 0.6', unit: rupiah}",
        ],
        ids=["min", "sum", "declared"],
    )
    def test_the_refusal_names_the_step_to_give_its_unit(self, step: str) -> None:
        with pytest.raises(RuleSetError) as caught:
            load_ruleset(rules(self.FORGOT, step))
        (problem,) = caught.value.problems
        assert "step 'lupa' looks up a table in rupiah" in problem.message_en
        assert "write 'unit: rupiah' on that step" in problem.message_en
        assert "tulis 'unit: rupiah' pada langkah itu" in (problem.message_id or "")

    @pytest.mark.usefixtures("unchecked")
    def test_as_written_it_failed_every_calculation(self, dataset: Dataset) -> None:
        text = rules(self.FORGOT, "{id: kotor, type: formula, expr: 'min(lupa, dasar)'}")
        with pytest.raises((MoneyError, CalculationError)):
            paid(dataset, text.replace("STEPS", "") + "outputs: {allowance: kotor}\n")

    def test_a_plain_table_keeps_the_general_advice(self) -> None:
        """A lookup of ratios (no unit anywhere) beside an amount is not told to say rupiah."""
        with pytest.raises(RuleSetError) as caught:
            load_ruleset(paying("dasar + rasio"))
        assert "looks up a table in rupiah" not in caught.value.problems[0].message_en


class TestLoads:
    @pytest.mark.parametrize(
        ("expr", "amount"),
        [
            ("min(dasar, rupiah(5000000))", lambda g: min(BASE[g], 5_000_000)),
            ("dasar + rupiah(250_000)", lambda g: BASE[g] + 250_000),
            ("if_(grade > 9, dasar, rupiah(0))", lambda g: BASE[g] if g > 9 else 0),
            (
                "if_(dasar > rupiah(4000000), dasar * 0.5, dasar)",
                lambda g: BASE[g] // 2 if BASE[g] > 4_000_000 else BASE[g],
            ),
            ("dasar * (rasio + 1) / 2", lambda g: BASE[g] * (RATIOS[g] + 1) // 2),
            ("dasar / dasar * rupiah(1000)", lambda g: 1000),
        ],
    )
    def test_the_written_amounts_pay(self, expr: str, amount: object, dataset: Dataset) -> None:
        got = paid(dataset, paying(expr))
        assert got == {nip: amount(g) for nip, g in GRADES.items()}  # type: ignore[operator]

    @pytest.mark.parametrize(
        "expr",
        [
            "dasar + grade",  # a column of the data: its unit is the data's
            'if_(status == "pns", dasar, rupiah(0))',  # text compared with text
            "if_(grade in (7, 9), dasar, rupiah(0))",
        ],
    )
    def test_what_the_file_does_not_say_is_not_guessed(self, expr: str) -> None:
        load_ruleset(
            rules(
                "{id: bagian, type: share, base: dasar, share: 60%}",
                f"{{id: kotor, type: formula, expr: '{expr}'}}",
                "{id: pay, type: round, input: kotor}",
            )
        )


class TestWrittenAsMeant:
    @pytest.mark.parametrize("expr", ["dasar + rupiah(37.500)", "max(dasar, rupiah(2.5))"])
    def test_an_amount_with_a_fraction_is_refused(self, expr: str) -> None:
        """rupiah(37.500) paid Rp37.5, not the Rp37,500 an Indonesian writer means, as a
        parameter in rupiah written so already is refused (review 125)."""
        with pytest.raises(RuleSetError) as caught:
            load_ruleset(paying(expr))
        (problem,) = caught.value.problems
        assert "is not a whole amount" in problem.message_en
        assert "bukan jumlah bulat" in (problem.message_id or "")

    def test_whole_amounts_written_otherwise_load(self, dataset: Dataset) -> None:
        got = paid(dataset, paying("dasar + rupiah(37_500) + rupiah(2.5 * 2) - rupiah(5e0)"))
        assert got == {nip: BASE[g] + 37_500 for nip, g in GRADES.items()}

    @pytest.mark.parametrize(("expr", "said"), [("dasar * 60%", "60%"), ("dasar * 0,5 %", "0,5%")])
    def test_a_percentage_in_a_formula_says_how_to_write_it(self, expr: str, said: str) -> None:
        with pytest.raises(RuleSetError) as caught:
            load_ruleset(paying(expr))
        (problem,) = caught.value.problems
        assert f"write {said} as the ratio" in problem.message_en


def test_each_earlier_step_is_read_once_per_question() -> None:
    """A chain of formulas each reading the two before it was read 2**n times (a 40-step
    chain did not load in two minutes); each step's unit is now read once per question, and
    a step's part-of-month reading once per name (tukin.ruleset.units.pro_rated)."""
    from tukin.ruleset import formula_units, units

    n = 16
    steps = ["{id: s0, type: lookup, key: grade, table: {7: 1000}, unit: rupiah}"]
    steps += ["{id: s1, type: formula, expr: 's0 * 1'}"]
    steps += [f"{{id: s{i}, type: formula, expr: 's{i - 1} + s{i - 2} * 0'}}" for i in range(2, n)]
    text = f"name: chain\nperiod_kinds: [month]\nposition_history: {{sum_at: s{n - 1}}}\nsteps:\n"
    text += "".join(f"  - {s}\n" for s in steps)
    reads = {"unit": 0, "part": 0}
    unit, part = formula_units._read_step_unit, units._names_read

    def count(key: str, f: Any) -> Any:
        def counted(*args: Any) -> Any:
            reads[key] += 1
            return f(*args)

        return counted

    with (
        mock.patch.object(formula_units, "_read_step_unit", count("unit", unit)),
        mock.patch.object(units, "_names_read", count("part", part)),
    ):
        load_ruleset(text)
    assert reads["unit"] <= 4 * n * n and reads["part"] <= 4 * n * n, reads


def test_a_formula_reads_each_earlier_step_once_for_its_parts() -> None:
    """A formula at or before sum_at asks, of each name it reads, whether it is a position's
    part of the month (units.pro_rated); each question walked every step behind the name
    again, so a file of formulas each reading many earlier ones read its steps n**3 times (a
    100-step file took 0.8 s to load, review 145). Each step is now read once per formula."""
    from tukin.ruleset import units

    n = 30
    steps = ["{id: s0, type: lookup, key: grade, table: {7: 1000}, unit: rupiah}"]
    steps += [
        f"{{id: s{i}, type: formula, expr: '{' + '.join(f's{j}' for j in range(i))}'}}"
        for i in range(1, n)
    ]
    text = f"name: wide\nperiod_kinds: [month]\nposition_history: {{sum_at: s{n - 1}}}\nsteps:\n"
    text += "".join(f"  - {s}\n" for s in steps)
    reads = 0
    names_read = units._names_read

    def counted(*args: Any) -> Any:
        nonlocal reads
        reads += 1
        return names_read(*args)

    with mock.patch.object(units, "_names_read", counted):
        load_ruleset(text)
    assert reads <= 2 * n * n, reads


def test_a_check_reads_each_step_unit_once() -> None:
    """The load check asks the units of every formula; each question read every step behind
    it again (n**2 / 2 reads for a chain of n formulas, a fifth of a 100-step file's 0.24 s
    load, review 145). One check now reads each step's unit once."""
    from tukin.ruleset import formula_units

    n = 60
    steps = ["{id: s0, type: lookup, key: grade, table: {7: 1000}, unit: rupiah}"]
    steps += [f"{{id: s{i}, type: formula, expr: 's{i - 1} * 2'}}" for i in range(1, n)]
    text = "name: chain\nperiod_kinds: [month]\nsteps:\n" + "".join(f"  - {s}\n" for s in steps)
    reads = 0
    read_step_unit = formula_units._read_step_unit

    def counted(*args: Any) -> Any:
        nonlocal reads
        reads += 1
        return read_step_unit(*args)

    with mock.patch.object(formula_units, "_read_step_unit", counted):
        load_ruleset(text)
    assert reads <= 2 * n, reads
