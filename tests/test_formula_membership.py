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
        ("if_(grade in grade, 1, 0)", "takes a list of texts or numbers written out"),
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
