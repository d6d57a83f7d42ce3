"""Optional input columns of a rule file (``columns:``): declared with a type and a default,
checked at load, filled where the data lacks the column or a cell is blank, said in the
explanation, part of the fingerprint (tukin.ruleset.columns, tukin.calc.declared)."""

from __future__ import annotations

from collections.abc import Iterator
from fractions import Fraction
from typing import Any

import pandas as pd
import pytest

import tukin
from tukin.calc.needs import unmet_needs
from tukin.errors import CalculationError, RuleSetError
from tukin.period import Period


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with tukin.language("en"):
        yield


NIPS = ["198001012005011001", "198703032010011003", "199502022020122002"]

RULES = """\
name: kolom-opsional
parameters:
  faktor_awal:
    values:
      - {from: 2024-01-01, to: 2024-12-31, value: 0.5, reference: Perbup 1/2024}
      - {from: 2025-01-01, value: 2, reference: Perbup 1/2025}
columns:
  target_is_max: {type: yes/no, default: false, reference: PermenPANRB 8/2021 huruf (i)}
  faktor: {type: number, default: $faktor_awal}
  zona: {type: text, default: kota}
steps:
  - id: nilai
    type: formula
    expr: 'if_(target_is_max, 120, 109) * faktor + if_(zona == "kota", 0, 1000)'
  - {id: bayar, type: formula, expr: rupiah(0)}
"""


def dataset(**extra: list[Any]) -> tukin.Dataset:
    """Three employees, in NIP order, with the extra employee columns ``extra``."""
    return tukin.Dataset.from_frames(
        units=pd.DataFrame({"unit_id": ["D"], "name": ["Dinas"]}),
        positions=pd.DataFrame(
            {
                "position_id": ["P9"],
                "name": ["Analis"],
                "unit_id": ["D"],
                "kind": ["pelaksana"],
                "grade": [9],
            }
        ),
        employees=pd.DataFrame(
            {"nip": NIPS, "position_id": ["P9"] * 3, "status": ["pns"] * 3, **extra}
        ),
    )


def scores(ds: tukin.Dataset, rules: str = RULES, period: str = "2025-01") -> list[Fraction]:
    result = tukin.calculate(ds, tukin.load_ruleset(rules), period)
    return [Fraction(str(v)) for v in result.to_frame().set_index("nip")["nilai"][NIPS]]


def problems(text: str) -> list[tuple[str, str | None, int | None, str]]:
    with pytest.raises(RuleSetError) as info:
        tukin.load_ruleset(text)
    return [(p.code, p.key, p.line, p.message_en) for p in info.value.problems]


# -- declaration --------------------------------------------------------------------------


def test_declaration_is_read_with_its_type_and_default() -> None:
    rs = tukin.load_ruleset(RULES)
    assert set(rs.columns) == {"target_is_max", "faktor", "zona"}
    assert rs.columns["target_is_max"].type == "yes/no"
    assert rs.columns["target_is_max"].default is False
    assert rs.columns["faktor"].default == "$faktor_awal"


def test_fingerprint_includes_the_declaration() -> None:
    base = tukin.load_ruleset(RULES).fingerprint()
    assert tukin.load_ruleset(RULES.replace("default: kota", "default: desa")).fingerprint() != base
    assert (
        tukin.load_ruleset(RULES.replace("type: text", "type: text, description: x")).fingerprint()
        != base
    )


def test_a_file_without_columns_keeps_its_fingerprint() -> None:
    # the key is left out of the canonical form while unset: receipts issued before it keep
    # naming the same rules
    rs = tukin.load_ruleset("capaian-permenpanrb-8-2021@1")
    assert rs.columns == {}
    assert "columns" not in rs.canonical()


def test_written_and_read_back_with_the_same_fingerprint() -> None:
    rs = tukin.load_ruleset(RULES)
    again = tukin.load_ruleset(rs.to_yaml())
    assert again.columns == rs.columns
    assert again.fingerprint() == rs.fingerprint()


@pytest.mark.parametrize(
    ("spec", "key", "said"),
    [
        ("{type: yes/no, default: ya}", "columns.c.default", "true or false, not 'ya'"),
        ("{type: yes/no, default: 1}", "columns.c.default", "true or false, not 1"),
        ("{type: number, default: true}", "columns.c.default", "not true/false"),
        ("{type: number, default: abc}", "columns.c.default", "abc"),
        ("{type: number, default: 1/3}", "columns.c.default", "1/3 is no decimal"),
        ("{type: text, default: 3}", "columns.c.default", "write it in quotes"),
        ("{type: text, default: ' '}", "columns.c.default", "cannot be blank"),
        ("{type: yesno, default: false}", "columns.c.type", "did you mean 'yes/no'"),
        ("{type: text}", "columns.c", "needs 'default'"),
        ("{default: x}", "columns.c", "needs 'type'"),
        ("{type: text, default: x, defualt: y}", "columns.c.defualt", "did you mean 'default'"),
        ("true", "columns.c", "as a mapping"),
        ("{type: yes/no, default: $nope}", "columns.c.default", "$nope is not a parameter"),
    ],
)
def test_a_wrong_declaration_is_refused_naming_file_line_and_key(
    spec: str, key: str, said: str
) -> None:
    text = f"name: x\ncolumns:\n  c: {spec}\nsteps:\n  - {{id: a, type: formula, expr: '1'}}\n"
    found = problems(text)
    assert [(code, k, line) for code, k, line, _ in found] == [("ruleset_invalid", key, 3)]
    assert said in found[0][3]


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("a", "also the id of a step"),
        ("p", "also a parameter"),
        ("grade", "also a column every employee has"),
        ("status", "also a column every employee has"),
        ("'Target Max'", "no name a formula can read"),
    ],
)
def test_a_name_taken_or_unwritable_is_refused(name: str, said: str) -> None:
    text = (
        "name: x\nparameters:\n  p: 1\ncolumns:\n"
        f"  {name}: {{type: number, default: 1}}\n"
        "steps:\n  - {id: a, type: formula, expr: '1'}\n"
    )
    found = problems(text)
    assert len(found) == 1 and found[0][2] == 5
    assert said in found[0][3]


def test_every_dated_value_of_a_parameter_default_is_checked() -> None:
    text = """\
name: x
parameters:
  awal:
    values:
      - {from: 2024-01-01, to: 2024-12-31, value: true}
      - {from: 2025-01-01, value: ya}
columns:
  c: {type: yes/no, default: $awal}
steps:
  - {id: a, type: formula, expr: '1'}
"""
    found = problems(text)
    assert [(k, line) for _, k, line, _ in found] == [("parameters.awal", 3)]
    assert "parameter 'awal'" in found[0][3] and "2025-01-01" in found[0][3]


def test_with_parameters_checks_the_default_it_changes() -> None:
    rs = tukin.load_ruleset(RULES)
    with pytest.raises(RuleSetError, match="faktor"):
        rs.with_parameters(faktor_awal=True)


def test_the_errors_are_in_both_languages() -> None:
    text = "name: x\ncolumns:\n  c: {type: yes/no, default: ya}\nsteps:\n  - {id: a, type: formula, expr: '1'}\n"
    with pytest.raises(RuleSetError) as info:
        tukin.load_ruleset(text)
    assert "bukan 'ya'" in info.value.problems[0].message("id")


# -- the run -------------------------------------------------------------------------------


def test_absent_columns_take_their_defaults() -> None:
    # 2025: faktor from $faktor_awal = 2; no target_is_max (109), zona kota (+0)
    assert scores(dataset()) == [218] * 3


def test_a_parameter_default_takes_the_value_in_force() -> None:
    assert scores(dataset(), period="2024-12") == [Fraction(109, 2)] * 3


def test_present_columns_are_read_as_usual() -> None:
    got = scores(
        dataset(target_is_max=[True, False, True], faktor=[1, 3, 1], zona=["desa", "kota", "kota"])
    )
    assert got == [120 + 1000, 109 * 3, 120]


def test_blank_cells_take_the_default() -> None:
    ds = dataset(
        target_is_max=[True, None, False],
        faktor=[1.5, None, 1],
        zona=["desa", None, "   "],
    )
    # row 2: every cell blank: 109 × 2 + 0; row 3: zona only spaces is blank: kota
    assert scores(ds) == [Fraction(3, 2) * 120 + 1000, 218, 109]


def test_a_blank_yes_no_cell_takes_a_default_of_yes() -> None:
    # a yes/no extra column is typed when the frame is built, a blank as no: a default of
    # yes must still reach the blank cell, not the cell typed no
    rules = RULES.replace(
        "target_is_max: {type: yes/no, default: false",
        "target_is_max: {type: yes/no, default: true",
    )
    assert scores(dataset(target_is_max=[None, False, True]), rules) == [240, 218, 240]
    assert scores(dataset(), rules) == [240] * 3


def test_a_sheet_header_written_as_the_name_is_the_column() -> None:
    ds = dataset(**{"Target Is Max": [True, None, False]})
    assert scores(ds) == [240, 218, 218]


def test_a_column_blank_for_everyone_takes_the_default() -> None:
    assert scores(dataset(faktor=[None, None, None], zona=[None, None, None])) == [218] * 3


@pytest.mark.parametrize(
    ("column", "values", "shown"),
    [
        ("target_is_max", ["mungkin", None, "tidak"], "'mungkin'"),
        ("target_is_max", ["t", "ya", None], "'t'"),
        ("target_is_max", [1.0, 0.0, None], "1.0"),
        ("faktor", ["dua", 1, None], "'dua'"),
        ("zona", [1.0, 2.0, None], "1.0"),
    ],
)
def test_a_cell_not_of_the_declared_type_stops_the_run(
    column: str, values: list[Any], shown: str
) -> None:
    with pytest.raises(CalculationError) as info:
        scores(dataset(**{column: values}))
    error = info.value
    assert error.code == "declared_column_type"
    assert error.fields["column"] == column and error.fields["nip"] == NIPS[0]
    assert shown in str(error)
    assert "dideklarasikan" in error.message("id")


@pytest.mark.parametrize("categorical", [False, True])
def test_a_yes_no_column_reads_a_clerks_words(categorical: bool) -> None:
    """A declared yes/no column typed ``Ya`` / ``tidak`` (as an Indonesian sheet is) reads
    as yes / no, blanks taking the default; the declaration says what the column holds."""
    values = pd.Series([" Ya", None, "TIDAK"], dtype="category" if categorical else object)
    assert scores(dataset(target_is_max=values)) == [240, 218, 218]
    assert scores(dataset(target_is_max=["yes", "n", "iya"])) == [240, 218, 240]


def test_the_explanation_says_the_default_was_used() -> None:
    ds = dataset(faktor=[1, None, 1])
    result = tukin.calculate(ds, tukin.load_ruleset(RULES), "2025-01")
    absent = result.explain(NIPS[0], lang="en").step("nilai")
    assert absent.notes["column_default"] == {
        "target_is_max": "no (the rule file's default: the data has no column target_is_max)",
        "zona": "kota (the rule file's default: the data has no column zona)",
    }
    assert absent.inputs["target_is_max"] is False and absent.inputs["faktor"] == 1
    blank = result.explain(NIPS[1], lang="id").step("nilai")
    assert blank.notes["column_default"]["faktor"] == (
        "2 (nilai bawaan berkas aturan, parameter faktor_awal: selnya kosong)"
    )
    assert blank.inputs["faktor"] == 2
    text = str(result.explain(NIPS[1], lang="en"))
    assert "default of the rule file used" in text
    assert result.explain(NIPS[1]).to_dict()["steps"][0]["notes"]["column_default"]


def test_a_typed_cell_has_no_note() -> None:
    ds = dataset(target_is_max=[True] * 3, faktor=[1] * 3, zona=["kota"] * 3)
    result = tukin.calculate(ds, tukin.load_ruleset(RULES), "2025-01")
    assert "column_default" not in result.explain(NIPS[0]).step("nilai").notes


def test_the_dataset_frame_is_left_as_it_is() -> None:
    ds = dataset()
    tukin.calculate(ds, tukin.load_ruleset(RULES), "2025-01")
    from tukin.calc.frame import employee_frame

    assert "target_is_max" not in employee_frame(ds, Period.parse("2025-01")).columns


def test_validate_does_not_report_a_declared_column_as_missing() -> None:
    rules = RULES + "  - {id: lain, type: formula, expr: kolom_tak_ada}\n"
    found = unmet_needs(dataset(), tukin.load_ruleset(rules), Period.parse("2025-01"))
    said = " ".join(str(p) for p in found)
    assert "kolom_tak_ada" in said
    assert "target_is_max" not in said and "zona" not in said and "faktor" not in said


def test_validate_names_a_cell_not_of_the_declared_type() -> None:
    # tukin validate --rules said "Data valid" of a sheet whose yes/no column held 'ya', and
    # the payment run then stopped on it (declared_column_type): it is said before the run
    from tukin._fieldspec import breaches

    found = unmet_needs(
        dataset(target_is_max=["mungkin", None, "entah"]),
        tukin.load_ruleset(RULES),
        Period.parse("2025-01"),
    )
    (problem,) = [p for p in found if p.code == "declared_column_type"]
    assert (problem.table, problem.column, problem.key) == ("employees", "target_is_max", NIPS[0])
    assert problem.fields["count"] == 2 and problem.fields["type"] == "yes/no"
    assert "'mungkin'" in problem.message("en") and "dideklarasikan" in problem.message("id")
    assert breaches(problem.code, problem.fields, problem=True) == []
    fine = unmet_needs(
        dataset(target_is_max=[True, None, False]),
        tukin.load_ruleset(RULES),
        Period.parse("2025-01"),
    )
    assert [p.code for p in fine] == []


def test_without_the_declaration_a_missing_column_still_stops_the_run() -> None:
    rules = RULES.split("columns:")[0] + "steps:" + RULES.split("steps:")[1]
    with pytest.raises(CalculationError, match="target_is_max"):
        scores(dataset(), rules)


def test_a_partitioned_run_fills_the_columns_as_one_run_does() -> None:
    from tukin.distributed import calculate_partitioned

    ds = tukin.Dataset.from_frames(
        units=pd.DataFrame({"unit_id": ["D1", "D2"], "name": ["Dinas 1", "Dinas 2"]}),
        positions=pd.DataFrame(
            {
                "position_id": ["P1", "P2"],
                "name": ["A", "B"],
                "unit_id": ["D1", "D2"],
                "kind": ["pelaksana"] * 2,
                "grade": [9, 9],
            }
        ),
        employees=pd.DataFrame(
            {
                "nip": NIPS,
                "position_id": ["P1", "P2", "P1"],
                "status": ["pns"] * 3,
                "target_is_max": [True, None, None],
            }
        ),
    )
    rules = tukin.load_ruleset(RULES.replace("default: false", "default: true"))
    one = tukin.calculate(ds, rules, "2025-01")
    parts = calculate_partitioned(ds, rules, "2025-01", npartitions=2)
    pd.testing.assert_frame_equal(one.to_frame(), parts.to_frame())
    assert one.to_frame().set_index("nip")["nilai"][NIPS].tolist() == [240] * 3
    assert parts.explain(NIPS[1]).step("nilai").notes["column_default"]["target_is_max"] == (
        "yes (the rule file's default: the cell is blank)"
    )


def test_a_nullable_integer_column_with_blanks_takes_the_default() -> None:
    # pandas' Int64 spells a blank pd.NA, not NaN: a frame handed to the engine may hold one
    from tukin.calc.declared import with_declared

    frame = pd.DataFrame({"nip": NIPS, "faktor": pd.array([1, None, 3], dtype="Int64")})
    filled, took = with_declared(frame, tukin.load_ruleset(RULES), Period.parse("2025-01"))
    assert filled["faktor"].tolist() == [1, 2, 3]
    assert took["faktor"].blank.tolist() == [False, True, False]
    assert frame["faktor"].isna().tolist() == [False, True, False]  # the frame given: as it was
