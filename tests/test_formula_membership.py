"""``in`` / ``not in`` a list written in the formula: the posts or classes a Perbup lists.

A Perbup pays kondisi kerja to listed hazardous posts and kelangkaan profesi to listed
functional posts; without ``in`` a rule file spelt ``x == "A" or x == "B" or ...`` or a
look-up table of ones with ``default: 0`` (review 46).
"""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from tests import strategies as tst
from tukin.errors import RuleSetError
from tukin.ruleset.load import load_ruleset

BACKENDS = pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
COLUMNS = {
    "position_id": ["AUD-1", "KADIS", "SRV-2", None],
    "grade": [9, 12, 10, 9],
}


def steps(expr: str) -> list[dict[str, object]]:
    return [{"id": "x", "type": "formula", "expr": expr}]


@BACKENDS
def test_text_in_a_list(reference: bool) -> None:
    out = tst.run_steps(
        COLUMNS, steps('if_(position_id in ("AUD-1", "SRV-2"), 1, 0)'), reference=reference
    )
    assert out.values("x") == [F(1), F(0), F(1), F(0)]


@BACKENDS
def test_not_in_and_numbers(reference: bool) -> None:
    out = tst.run_steps(
        COLUMNS,
        steps("if_(grade not in [9, 10] and position_id not in ('KADIS',), 2, 3)"),
        reference=reference,
    )
    assert out.values("x") == [F(3), F(3), F(3), F(3)]
    out = tst.run_steps(COLUMNS, steps("if_(grade in (9, 10.0), 1, 0)"), reference=reference)
    assert out.values("x") == [F(1), F(0), F(1), F(1)]


@pytest.mark.parametrize(
    ("expr", "said"),
    [
        ("if_(grade in (9, 'a'), 1, 0)", "mixes texts and numbers"),
        ("if_(grade in (9, tk), 1, 0)", "takes a list of texts or numbers written out"),
        ("if_(grade in grade, 1, 0)", "read after 'in': it must be a parameter holding a list"),
        ("if_(grade in (9,) in (1,), 1, 0)", "cannot be chained"),
        ("if_(grade in (), 1, 0)", "takes a list of texts or numbers written out"),
        ("if_(1 < grade in (9,), 1, 0)", "cannot be chained"),
        ("(1, 2)", "'( , )' is not allowed"),
    ],
)
def test_what_a_list_may_be_is_said_at_load(expr: str, said: str) -> None:
    with pytest.raises(RuleSetError) as info:
        load_ruleset({"name": "c", "steps": steps(expr)})
    [p] = info.value.problems
    assert said in p.message_en
    assert "formula" in p.message("id")


LIST_RULES = {
    "name": "c",
    "parameters": {
        "profesi_langka": {
            "reference": "Perbup 4/2025 Lampiran IV",
            "values": [
                {"from": "2025-01-01", "to": "2025-06-30", "value": ["AUD-1"]},
                {"from": "2025-07-01", "value": ["AUD-1", "SRV-2"]},
            ],
        }
    },
    "steps": [{"id": "x", "type": "formula", "expr": "if_(position_id in profesi_langka, 1, 0)"}],
}


@BACKENDS
@pytest.mark.parametrize(("period", "paid"), [("2025-06", [1, 0, 0, 0]), ("2025-07", [1, 0, 1, 0])])
def test_a_parameter_holds_the_list_with_its_dates(
    reference: bool, period: str, paid: list[int]
) -> None:
    """The list is a parameter: cited, dated (SRV-2 listed from July), shown as used."""
    out = tst.run_steps(
        COLUMNS,
        LIST_RULES["steps"],  # type: ignore[arg-type]
        parameters=LIST_RULES["parameters"],  # type: ignore[arg-type]
        period=period,
        reference=reference,
    )
    assert out.values("x") == [F(p) for p in paid]


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("AUD-1", "it must be a list"),
        ([], "it must be a list"),
        (["AUD-1", 3], "mixes texts and numbers"),
        (["AUD-1", None], "an item of its list: no value given (null)"),
    ],
)
def test_a_list_parameter_is_checked_at_load(value: object, said: str) -> None:
    rules = {**LIST_RULES, "parameters": {"profesi_langka": {"value": value}}}
    with pytest.raises(RuleSetError) as info:
        load_ruleset(rules)
    [p] = info.value.problems
    assert said in p.message_en and "profesi_langka" in p.message_en
    assert "daftar" in p.message("id")


def test_after_in_a_name_must_be_a_list_parameter() -> None:
    rules = {"name": "c", "steps": steps("if_(position_id in grade, 1, 0)")}
    with pytest.raises(RuleSetError) as info:
        load_ruleset(rules)
    [p] = info.value.problems
    assert "read after 'in': it must be a parameter holding a list" in p.message_en


def test_the_explanation_shows_the_list_in_force() -> None:
    import tukin
    from tests.strategies import make_dataset, nip

    nips = [nip(1), nip(2)]
    ds = make_dataset(
        [
            {"nip": nips[0], "position_id": "P9A", "status": "pns", "profesi": "AUD-1"},
            {"nip": nips[1], "position_id": "P9A", "status": "pns", "profesi": "SRV-2"},
        ]
    )
    rules = {
        **LIST_RULES,
        "steps": [
            {"id": "x", "type": "formula", "expr": "if_(profesi in profesi_langka, 1, 0)"},
            {"id": "tpp", "type": "formula", "expr": "rupiah(1000) * x"},
        ],
    }
    result = tukin.calculate(ds, load_ruleset(rules), "2025-07")
    assert result.to_frame()["allowance"].tolist() == [1000, 1000]
    text = str(result.explain(nips[1], lang="id"))
    assert "profesi_langka = [AUD-1, SRV-2] (berlaku 2025-07-01–…; dasar Perbup 4/2025" in text


@BACKENDS
@pytest.mark.parametrize(
    ("expr", "said_en", "said_id"),
    [
        # a text column against numbers: a Perbup's post codes 101, 102 written unquoted
        ("if_(position_id in (101, 102), 1, 0)", "a text with a number", "teks dengan angka"),
        ("if_(position_id == 101, 1, 0)", "a text with a number", "teks dengan angka"),
        ("if_(9 != position_id, 1, 0)", "a text with a number", "teks dengan angka"),
        # a number column against texts: kelas written in quotes
        ('if_(grade in ("9", "10"), 1, 0)', "a text with a number", "teks dengan angka"),
        ('if_(grade == "9", 1, 0)', "a text with a number", "teks dengan angka"),
        ("if_(grade == position_id, 1, 0)", "a text with a number", "teks dengan angka"),
        # a yes/no column against a text: silently "no" for everyone
        ('if_(flag == "ya", 1, 0)', "yes/no column with a text", "kolom ya/tidak dengan teks"),
        (
            'if_(flag in ("ya", "y"), 1, 0)',
            "yes/no column with a text",
            "kolom ya/tidak dengan teks",
        ),
    ],
)
def test_a_text_compared_with_a_number_is_refused_in_both_languages(
    reference: bool, expr: str, said_en: str, said_id: str
) -> None:
    """They are never equal: every employee silently 'no' (a yes/no column against "ya"), or
    a bare AttributeError / an English TypeError out of the step (review 49)."""
    from tukin.errors import CalculationError

    columns = {**COLUMNS, "flag": [True, False, True, False]}
    with pytest.raises(CalculationError) as info:
        tst.run_steps(columns, steps(expr), reference=reference)
    assert said_en in info.value.message("en")
    assert said_id in info.value.message("id")
    assert "Error" not in info.value.message("id")  # no Python exception named


@BACKENDS
def test_a_text_list_parameter_against_a_number_column_is_refused(reference: bool) -> None:
    from tukin.errors import CalculationError

    with pytest.raises(CalculationError) as info:
        tst.run_steps(
            COLUMNS,
            steps("if_(grade in kelas, 1, 0)"),
            parameters={"kelas": {"value": ["9", "10"]}},
            reference=reference,
        )
    assert "a text with a number" in info.value.message("en")


@BACKENDS
def test_a_column_blank_for_everyone_against_numbers_is_no_text(reference: bool) -> None:
    """A measure nobody has this month (all blank, held as objects) compared with numbers
    reads as blank numbers, as arithmetic reads it, not as a text."""
    columns = {**COLUMNS, "lembur": [None, None, None, None]}
    out = tst.run_steps(columns, steps("if_(lembur in (1, 2), 1, 0)"), reference=reference)
    plain = tst.run_steps(columns, steps("if_(lembur == 1, 1, 0)"), reference=reference)
    assert out.values("x") == plain.values("x")


@pytest.mark.parametrize(
    "expr",
    ["if_(grade in kelas, 1, 0) + kelas", "if_(grade in kelas, kelas, 0)", "if_(kelas > 1, 1, 0)"],
)
def test_a_list_parameter_read_as_a_number_too_is_refused_at_load(expr: str) -> None:
    """``kelas`` read after 'in' is a list; read anywhere else it is a number, which a list
    is not: refused when the file loads, not at the calculation in English ('list is not a
    number', review 49)."""
    rules = {"name": "c", "parameters": {"kelas": {"value": [9, 10]}}, "steps": steps(expr)}
    with pytest.raises(RuleSetError) as info:
        load_ruleset(rules)
    [p] = info.value.problems
    assert "kelas" in p.message_en and "not a number" in p.message_en
    assert "bukan bilangan" in p.message("id")


@BACKENDS
def test_a_long_list_of_texts_is_one_pass_over_the_column(
    reference: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A Perbup's hundreds of eligible posts: the text column is looked up in the list
    once, not compared with each item in turn (300 items were 300 passes over every
    employee, 0.3 s at 50k employees, seconds at a million); the answers stay those of
    '==' (review 50)."""
    from tukin.rules import basic

    calls = []
    real = basic._compare
    monkeypatch.setattr(basic, "_compare", lambda *a: calls.append(a) or real(*a))
    posts = [f"P-{i}" for i in range(300)] + ["AUD-1", "SRV-2"]
    out = tst.run_steps(
        COLUMNS,
        steps("if_(position_id in posts, 1, 0) + if_(position_id not in posts, 10, 0)"),
        parameters={"posts": posts},
        reference=reference,
    )
    assert out.values("x") == [F(1), F(10), F(1), F(10)]
    assert len(calls) <= 2
