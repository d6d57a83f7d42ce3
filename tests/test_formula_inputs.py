"""What a formula reads from the data, as a rule author meets it (rule-author review, s13).

A data column named like a parameter, a yes/no or ya/tidak column, a blank cell, a division
by zero: each used to pay or reject for a reason the author could not see. Each test fails
on the engine that read the column over the parameter, crashed on text, or blamed the last
step for a blank cell.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pandas as pd
import pytest
from io_helpers import NIPS, frames

from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.distributed import calculate_partitioned
from tukin.errors import CalculationError, InputWarning
from tukin.ruleset.load import load_ruleset

PERIOD = "2025-10"


def rules(expr: str) -> Any:
    return load_ruleset(
        f"""
name: formula-inputs
parameters:
  norm: {{value: 7200, reference: example}}
steps:
  - {{id: base, type: lookup, key: grade, table: {{6: 1000000, 12: 2000000, 15: 3000000}}, unit: rupiah}}
  - {{id: kotor, type: formula, expr: '{expr}'}}
  - {{id: tpp, type: round, input: kotor}}
"""
    )


def dataset(**columns: list[Any]) -> Dataset:
    tables = frames()
    tables["attendance"] = tables["attendance"].drop(columns=["tl1", "tk"])  # no unread codes
    for name, values in columns.items():
        tables["employees"][name] = values
    return Dataset.from_frames(**tables)


def pay(ds: Dataset, rs: Any) -> tuple[dict[str, int], list[InputWarning]]:
    with warnings.catch_warnings(record=True) as seen:
        warnings.simplefilter("always")
        res = calculate(ds, rs, PERIOD)
    frame = res.to_frame()
    paid = dict(zip(frame["nip"], frame["allowance"].astype(int), strict=True))
    found = [w.message for w in seen if isinstance(w.message, InputWarning)]
    assert [w.code for w in found] == [w.code for w in res.warnings]
    return paid, found


class TestParameterBeforeColumn:
    def test_a_column_named_like_a_parameter_changes_nothing_and_is_warned(self) -> None:
        """``norm`` = 4000 in the sheet paid 3600/4000 instead of the rule's 3600/7200."""
        rs = rules("base * min(1, 3600 / norm)")
        plain, quiet = pay(dataset(), rs)
        shadowed, said = pay(dataset(norm=[4000] * 4), rs)
        assert shadowed == plain and plain[NIPS[0]] == 1_500_000
        assert not quiet
        [warning] = said
        assert warning.code == "parameter_shadows_column" and warning.fields["value"] == "norm"
        assert "norm" in str(warning) and "formula-inputs" in str(warning)

    def test_the_explanation_names_the_column_not_read(self) -> None:
        res = calculate(dataset(norm=[4000] * 4), rules("base * min(1, 3600 / norm)"), PERIOD)
        step = {s.id: s for s in res.explain(NIPS[0]).steps}["kotor"]
        assert [p.name for p in step.parameters] == ["norm"]
        assert step.notes["parameter_over_column"] == "norm"
        said = {lang: str(res.explain(NIPS[0], lang=lang)) for lang in ("id", "en")}
        assert "parameter dipakai, bukan kolom bernama sama: norm" in said["id"]
        assert "parameter used, not the column of the same name: norm" in said["en"]
        assert all("parameter_over_column" not in text for text in said.values())

    def test_an_earlier_step_still_comes_first(self) -> None:
        """A step named like a column is the step's output (the author named it)."""
        rs = load_ruleset(
            """
name: s
steps:
  - {id: base, type: lookup, key: grade, table: {6: 1000000, 12: 2000000, 15: 3000000}, unit: rupiah}
  - {id: half, type: formula, expr: '0.5'}
  - {id: kotor, type: formula, expr: 'base * half'}
  - {id: tpp, type: round, input: kotor}
"""
        )
        paid, said = pay(dataset(half=[1] * 4), rs)
        assert paid[NIPS[0]] == 1_500_000 and not said

    def test_partitioned_run_warns_the_same(self) -> None:
        ds, rs = dataset(norm=[4000] * 4), rules("base * min(1, 3600 / norm)")
        one = calculate(ds, rs, PERIOD)
        parted = calculate_partitioned(ds, rs, PERIOD, npartitions=2)
        assert [str(w) for w in parted.warnings] == [str(w) for w in one.warnings]


class TestYesNoAndText:
    def test_a_yes_no_column_counts_one_or_zero(self) -> None:
        """``tidak_menilai`` (True/False) in arithmetic and compared with 1."""
        flags = [True, False, True, False]
        times, _ = pay(dataset(tidak_menilai=flags), rules("base * (1 - 0.05 * tidak_menilai)"))
        compared, _ = pay(
            dataset(tidak_menilai=flags), rules("base * if_(tidak_menilai == 1, 0.95, 1)")
        )
        assert times == compared
        assert times[NIPS[0]] == 2_850_000 and times[NIPS[1]] == 2_000_000

    @pytest.mark.parametrize("expr", ["base * (1 - 0.05 * menilai)", "base * min(1, menilai)"])
    def test_text_in_arithmetic_says_what_to_write(self, expr: str) -> None:
        """``ya``/``tidak`` crashed with "cannot combine a number column with ndarray"."""
        ds = dataset(menilai=["ya", "tidak", "ya", "tidak"])
        with pytest.raises(CalculationError) as err:
            calculate(ds, rules(expr), PERIOD)
        assert err.value.code == "calculation_failed"
        assert "'kotor'" in err.value.message("en") and "'menilai' is text" in err.value.message(
            "en"
        )
        assert 'if_(menilai == "ya", 1, 0)' in err.value.message("id")
        assert "TypeError" not in err.value.message("en")

    def test_text_compared_with_text_still_works(self) -> None:
        paid, _ = pay(
            dataset(menilai=["ya", "tidak", "ya", "tidak"]),
            rules('base * if_(menilai == "ya", 1, 0.5)'),
        )
        assert paid[NIPS[0]] == 3_000_000 and paid[NIPS[1]] == 1_000_000


class TestNoNumber:
    def test_a_blank_cell_names_the_step_and_the_column(self) -> None:
        """Rejected at the last (round) step with "no amount could be computed" before."""
        rs = load_ruleset(
            """
name: s
steps:
  - {id: base, type: lookup, key: grade, table: {6: 1000000, 12: 2000000, 15: 3000000}, unit: rupiah}
  - {id: faktor, type: formula, expr: '1 - 0.05 * catatan'}
  - {id: rasio, type: formula, expr: 'hadir / hari'}
  - {id: kotor, type: formula, expr: 'base * faktor * rasio'}
  - {id: tpp, type: round, input: kotor}
"""
        )
        ds = dataset(catatan=[1.0, np.nan, 0.0, 0.0], hadir=[20] * 4, hari=[20, 20, 0, 20])
        res = calculate(ds, rs, PERIOD)
        rejected = res.rejected.set_index("nip")
        assert sorted(rejected.index) == sorted([NIPS[1], NIPS[2]])
        budi, citra = rejected.loc[NIPS[1]], rejected.loc[NIPS[2]]
        assert (budi["step"], budi["code"]) == ("faktor", "calculation_failed")
        assert "catatan" in budi["reason"] and "kosong" in budi["reason"]
        assert citra["step"] == "rasio" and "pembagian dengan nol" in citra["reason"]
        assert set(res.to_frame()["nip"]) == {NIPS[0], NIPS[3]}
        assert pd.notna(res.to_frame()["allowance"]).all()


class TestAppraisalExtraColumns:
    """A month's measure that is no whole count (hours worked 152.5) travels with that
    month's appraisal row and is read by name, as an employee's extra column is."""

    RULES = """
name: jam
steps:
  - {id: base, type: lookup, key: grade, table: {6: 1000000, 12: 2000000, 15: 3000000}, unit: rupiah}
  - {id: kotor, type: formula, expr: 'base * min(1, jam_kerja / 150)'}
  - {id: tpp, type: round, input: kotor}
"""

    def dataset(self, **employee_columns: list[Any]) -> Dataset:
        tables = frames()
        tables["attendance"] = tables["attendance"].drop(columns=["tl1", "tk"])
        for name, values in employee_columns.items():
            tables["employees"][name] = values
        tables["appraisals"] = pd.DataFrame(
            {
                "nip": [NIPS[0], NIPS[1], NIPS[1], NIPS[2]],
                "period": ["2025-10", "2025-09", "2025-10", "2025-Q4"],
                "results": ["as_expected"] * 4,
                "behaviour": ["as_expected"] * 4,
                "jam_kerja": [152.5, 150, 120, 75.25],
            }
        )
        return Dataset.from_frames(**tables)

    def test_the_period_row_and_the_quarter_standing_in(self) -> None:
        res = calculate(self.dataset(), load_ruleset(self.RULES), PERIOD)
        paid = dict(zip(res.to_frame()["nip"], res.to_frame()["tpp"], strict=True))
        # Ani 152.5 h: capped at 1; Budi October's 120 h, not September's 150; Citra the
        # quarter's row for October: 75.25 / 150 of Rp1,000,000 = 501,666.67 → 501,667
        assert paid == {NIPS[0]: 3_000_000, NIPS[1]: 1_600_000, NIPS[2]: 501_667}
        [dedi] = res.rejected.itertuples()
        assert (dedi.nip, dedi.step) == (NIPS[3], "kotor") and "jam_kerja" in dedi.reason

    def test_an_employee_column_of_the_same_name_is_the_employee_s(self) -> None:
        res = calculate(
            self.dataset(jam_kerja=[150, 150, 150, 150]), load_ruleset(self.RULES), PERIOD
        )
        assert len(res.to_frame()) == 4 and res.rejected.empty


class TestSmallEdges:
    def test_unit_rupiah_in_any_case_is_an_amount_in_a_formula(self) -> None:
        """``unit: Rupiah`` was an amount for the load check but a ratio for formulas."""
        rs = load_ruleset(
            """
name: u
parameters:
  tetap: {value: 250000, unit: " Rupiah", reference: example}
steps:
  - {id: kotor, type: formula, expr: 'tetap', unit: rupiah}
  - {id: tpp, type: round, input: kotor}
"""
        )
        paid, _ = pay(dataset(), rs)
        assert set(paid.values()) == {250_000}

    def test_text_written_first_and_two_texts(self) -> None:
        paid, _ = pay(
            dataset(menilai=["ya", "tidak", "ya", "tidak"]),
            rules('base * if_("ya" == menilai, 1, 0.5)'),
        )
        assert paid[NIPS[0]] == 3_000_000 and paid[NIPS[1]] == 1_000_000
        with pytest.raises(CalculationError, match="salah satunya harus berupa kolom") as err:
            calculate(dataset(), rules('base * if_("a" == "a", 1, 0.5)'), PERIOD)
        said = err.value.message("en")
        assert "'a' is compared with 'a': one of them must be a column" in said


class TestUnitExtraColumns:
    """A score per OPD from outside (SAKIP) typed once on the OPD's row reaches every
    employee of the OPD; a bidang's own value is its staff's."""

    RULES = """
name: sakip
steps:
  - {id: base, type: lookup, key: grade, table: {6: 1000000, 12: 2000000, 15: 3000000}, unit: rupiah}
  - {id: grade_sakip, type: bands, input: skor_sakip, closed: right, bands: [{max: 80, value: 0.9}, {min: 80, value: 1}]}
  - {id: kotor, type: formula, expr: 'base * grade_sakip'}
  - {id: tpp, type: round, input: kotor}
"""

    def test_inherited_from_the_opd_row_and_overridden_below(self) -> None:
        tables = frames()
        tables["attendance"] = tables["attendance"].drop(columns=["tl1", "tk"])
        tables["units"]["skor_sakip"] = [85.5, None]  # DINAS-A has it; its bidang does not
        res = calculate(Dataset.from_frames(**tables), load_ruleset(self.RULES), PERIOD)
        frame = res.to_frame().set_index("nip")
        assert list(frame["tpp"]) == [3_000_000, 2_000_000, 1_000_000, 1_000_000]
        tables["units"]["skor_sakip"] = [85.5, 70]  # the bidang's own value is its staff's
        res = calculate(Dataset.from_frames(**tables), load_ruleset(self.RULES), PERIOD)
        assert list(res.to_frame()["tpp"]) == [3_000_000, 1_800_000, 900_000, 900_000]

    def test_the_explanation_names_the_unit_above_a_value_came_from(self) -> None:
        """An auditor reading a bidang staff's allowance sees that the SAKIP score was the
        OPD's row's (``from_unit_above``); a unit's own value, or the OPD's own staff, get no
        such note."""
        tables = frames()
        tables["attendance"] = tables["attendance"].drop(columns=["tl1", "tk"])
        tables["units"]["skor_sakip"] = [85.5, None]
        res = calculate(Dataset.from_frames(**tables), load_ruleset(self.RULES), PERIOD)
        staff = res.explain(NIPS[1], lang="en")
        assert staff.step("grade_sakip").notes["from_unit_above"] == {
            "skor_sakip": "DINAS-A (Dinas A)"
        }
        assert "value from the unit above: {skor_sakip: DINAS-A (Dinas A)}" in str(staff)
        assert "skor_sakip = 85.5" in str(staff)
        assert "from_unit_above" not in res.explain(NIPS[0]).step("grade_sakip").notes
        tables["units"]["skor_sakip"] = [85.5, 70]
        res = calculate(Dataset.from_frames(**tables), load_ruleset(self.RULES), PERIOD)
        assert "from_unit_above" not in res.explain(NIPS[1]).step("grade_sakip").notes

    def test_the_note_reads_in_the_explanation_s_language(self) -> None:
        """The Indonesian explanation showed the note as ``from_unit_above: ...``, the key of
        the JSON, in both languages (review 46): a note is shown in the explanation's
        language; the key stays in ``notes`` for other systems."""
        tables = frames()
        tables["attendance"] = tables["attendance"].drop(columns=["tl1", "tk"])
        tables["units"]["skor_sakip"] = [85.5, None]
        res = calculate(Dataset.from_frames(**tables), load_ruleset(self.RULES), PERIOD)
        said = {lang: str(res.explain(NIPS[1], lang=lang)) for lang in ("id", "en")}
        assert "nilai dari unit di atas: {skor_sakip: DINAS-A (Dinas A)}" in said["id"]
        assert "value from the unit above: {skor_sakip: DINAS-A (Dinas A)}" in said["en"]
        assert all("from_unit_above" not in text for text in said.values())
        assert res.explain(NIPS[1]).step("grade_sakip").notes["from_unit_above"]


class TestConditions:
    def test_a_number_as_a_condition_is_refused(self) -> None:
        """``if_(terpencil, 2, 1)`` over 1/0 numbers paid everyone double: a whole column
        read as one truth value is always "yes"."""
        ds = dataset(terpencil=[1, 0, 1, 0])
        for expr in ("base * if_(terpencil, 2, 1)", "base * if_(not terpencil, 1, 2)"):
            with pytest.raises(CalculationError) as err:
                calculate(ds, rules(expr), PERIOD)
            assert "'terpencil' is not a yes/no" in err.value.message("en")
            assert "if_(terpencil > 0, ...)" in err.value.message("id")
        paid, _ = pay(ds, rules("base * if_(terpencil > 0, 2, 1)"))
        assert paid[NIPS[0]] == 6_000_000 and paid[NIPS[1]] == 2_000_000

    def test_yes_no_extra_columns_of_units_and_appraisals_stay_yes_no(self) -> None:
        """Typed only where it applies (the OPD row, some appraisal rows), a yes/no column
        is still one: inherited down the units, blank is no."""
        tables = frames()
        tables["attendance"] = tables["attendance"].drop(columns=["tl1", "tk"])
        tables["units"]["terpencil"] = [True, None]  # the bidang inherits the OPD's
        tables["appraisals"] = pd.DataFrame(
            {
                "nip": NIPS[:2],
                "period": [PERIOD] * 2,
                "results": ["as_expected"] * 2,
                "behaviour": ["as_expected"] * 2,
                "lapor": [True, None],
            }
        )
        rs = rules("base * if_(terpencil, 2, 1) * (1 - 0.1 * (not lapor))")
        paid, _ = pay(Dataset.from_frames(**tables), rs)
        # Ani reported; Budi's cell is blank, Citra and Dedi have no appraisal row: no
        assert paid == {
            NIPS[0]: 6_000_000,
            NIPS[1]: 3_600_000,
            NIPS[2]: 1_800_000,
            NIPS[3]: 1_800_000,
        }


class TestHeadersAsNames:
    def test_a_sheet_header_is_written_as_a_name(self) -> None:
        """An extra column keeps its sheet's header ("Jam Kerja"), which a formula cannot
        write: ``jam_kerja`` names it; two headers that would both be that name are refused."""
        paid, _ = pay(
            dataset(**{"Jam Kerja": [150, 75, 150, 150]}), rules("base * jam_kerja / 150")
        )
        assert paid[NIPS[0]] == 3_000_000 and paid[NIPS[1]] == 1_000_000
        both = dataset(**{"Jam Kerja": [150] * 4, "jam-kerja": [150] * 4})
        with pytest.raises(CalculationError, match="dapat berarti salah satu dari kolom") as err:
            calculate(both, rules("base * jam_kerja / 150"), PERIOD)
        assert "could be any of the columns" in err.value.message("en")

    def test_and_in_a_step_s_column_parameter(self) -> None:
        """``lookup``'s ``key:`` (and every column parameter) reads the same name."""
        rs = load_ruleset(
            """
name: k
steps:
  - {id: base, type: lookup, key: grade, table: {6: 1000000, 12: 2000000, 15: 3000000}, unit: rupiah}
  - {id: faktor, type: lookup, key: zona_tugas, table: {jauh: 1.5, dekat: 1}}
  - {id: kotor, type: formula, expr: 'base * faktor'}
  - {id: tpp, type: round, input: kotor}
"""
        )
        paid, _ = pay(dataset(**{"Zona Tugas": ["jauh", "dekat", "dekat", "jauh"]}), rs)
        assert paid[NIPS[0]] == 4_500_000 and paid[NIPS[1]] == 2_000_000


def test_yes_no_and_number_columns_of_employees_with_blanks() -> None:
    """An employee's own extra column typed only where it applies (true / blank) is a
    yes/no, as a unit's is; numbers with blanks are numbers (a blank rejects, naming it)."""
    ds = dataset(terpencil=[True, None, None, False], jam=[150, None, 75, 150])
    paid, _ = pay(ds, rules("base * if_(terpencil, 2, 1) * jam / 150"))
    assert paid == {NIPS[0]: 6_000_000, NIPS[2]: 500_000, NIPS[3]: 1_000_000}


def test_an_extra_column_blank_for_everyone() -> None:
    """Nobody "ya" this month: the column is blank everywhere. Compared with text it is no
    (it stopped the run once typed as numbers); in arithmetic it has no number, and each
    employee whose amount needs it is rejected naming it (not a "text" error)."""
    ds = dataset(berisiko=[None] * 4)
    paid, _ = pay(ds, rules('base * if_(berisiko == "ya", 2, 1)'))
    assert paid[NIPS[0]] == 3_000_000
    res = calculate(ds, rules("base * (1 + berisiko)"), PERIOD)
    assert res.to_frame().empty and set(res.rejected["step"]) == {"kotor"}
    assert all("berisiko" in r for r in res.rejected["reason"])


@pytest.mark.parametrize(
    "expr", ['if_(p == "lower", 1, 2)', "if_(p == 1, 1, 2)", "if_(p > 3, 1, 2)", "p * 2 + 1"]
)
@pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
def test_a_column_blank_for_everyone_reads_alike_as_floats_or_as_text(
    expr: str, reference: bool
) -> None:
    """An extra column with no value at all reads the same in a formula whether it came as
    NaN floats (frames) or as text None (a workbook, CSV or JSON reader): compared with text
    or a number, or in arithmetic. Compared with text, the floats stopped the run ("compares
    text with a number") while the reader's copy of the same data paid (review 71)."""
    from tests import strategies as tst

    step = [{"id": "c", "type": "formula", "expr": expr}]
    got = [
        tst.run_steps({"p": blank}, step, reference=reference)
        for blank in ([None, None], [np.nan, np.nan])
    ]
    assert got[0].rejected == got[1].rejected
    assert [str(v) for v in got[0].values("c")] == [str(v) for v in got[1].values("c")]
