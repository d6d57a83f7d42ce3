"""Looking an employee up by NIP takes the NIP as validation accepts it.

Validation drops spaces inside a NIP (``19660316 198701 1 001``, as printed on SK letters)
and takes an integer NIP as its digits; an officer pasting the NIP as printed into
``result.explain`` must find the same employee, on the single-process and the partitioned
result alike.
"""

from __future__ import annotations

import warnings
from typing import Any

import pytest

from tests.strategies import make_dataset, nip
from tukin.calc.engine import calculate
from tukin.distributed import calculate_partitioned
from tukin.errors import EmployeeNotFoundError, InputWarning
from tukin.ruleset.load import load_ruleset

PERIOD = "2025-10"
RULES = (
    "name: nips\nrequires: [attendance]\nsteps:\n"
    "  - {id: dasar, type: lookup, key: grade, table: {6: 2000000}, unit: rupiah}\n"
    "  - {id: tpp, type: round, input: dasar}\n"
)


def _spaced(key: str) -> str:
    """``19800101 200501 1 001``: birth date, appointment, sex digit, number."""
    return f"{key[:8]} {key[8:14]} {key[14]} {key[15:]}"


def _dataset() -> Any:
    employees = [
        {"nip": _spaced(nip(i)), "position_id": p, "status": "pns"}
        for i, p in ((1, "P6A"), (2, "P6B"), (3, "P12A"))  # grade 12 has no base: rejected
    ]
    attendance = [{"nip": nip(i), "period": PERIOD, "tk": 0} for i in (1, 2, 3)]
    return make_dataset(employees, attendance)


@pytest.fixture(scope="module", params=["single", "partitioned"])
def result(request: pytest.FixtureRequest) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", InputWarning)
        if request.param == "single":
            return calculate(_dataset(), load_ruleset(RULES), PERIOD)
        return calculate_partitioned(_dataset(), load_ruleset(RULES), PERIOD, npartitions=2)


@pytest.mark.parametrize("spelling", [_spaced, lambda k: f" {k} ", int, lambda k: k])
def test_explain_finds_the_nip_as_validation_accepts_it(result: Any, spelling: Any) -> None:
    """With spaces inside or around, as an integer, or as stored: the same employee."""
    assert result.explain(spelling(nip(1))).nip == nip(1)


def test_rejected_nip_with_spaces_names_the_reason(result: Any) -> None:
    """A rejected employee asked for with spaces gets the reason, not "not found"."""
    with pytest.raises(EmployeeNotFoundError) as info:
        result.explain(_spaced(nip(3)))
    assert info.value.details["rejection"] == "missing_base"


def test_unknown_nip_still_not_found(result: Any) -> None:
    """Normalising does not make an unknown NIP match anything."""
    with pytest.raises(EmployeeNotFoundError):
        result.explain(_spaced("199001012015011099"))
