"""What a rule file says about the unit of a column, read without calculating.

The engine knows each column's unit only when it runs (:mod:`tukin.calc.num` carries it). The
loader needs it earlier for one question: does a step at or before
``position_history.sum_at`` work on an amount in rupiah (a clamp of an amount, bands over
one), which per position would apply to each part (:class:`~tukin.rules.registry.PerEmployee`).
This module answers it from what the file declares, as :mod:`tukin.ruleset.formula_units`
reads it (one reading for both checks, review 135): a ``lookup`` or ``bands`` with ``unit:
rupiah``, a ``formula`` with ``unit: rupiah`` or one whose expression gives rupiah (an
earlier amount times a ratio, ``rupiah(...)``, a parameter with ``unit: rupiah``), a
``share`` (of an amount, always), and a ``round``, ``clamp``, ``sum`` or ``pro_rata`` of such
a column. Anything else (an input column of the data, a plug-in's type) is *not known* here,
and answered False: a step is refused only for what the file says, never guessed.
"""

from __future__ import annotations

import contextlib
from typing import Any

from tukin.ruleset.columns import parameter_of
from tukin.ruleset.formula_units import RUPIAH, step_unit

__all__ = ["in_rupiah_parameter", "parameter_named", "pro_rated", "says_rupiah"]


def parameter_named(ruleset: Any, value: Any) -> Any:
    """The parameter a step's value names (``$cap``), as the loader resolves it: exactly
    ``$name`` (``$$x`` is the text ``$x``, and ``' $cap'`` no name, refused as the value it
    is); None for any other value. The checks that ask whether a bound, a table or a unit is
    a parameter in rupiah read a ``$name`` as this one reading (review 135: two of them
    stripped spaces the loader does not)."""
    name = parameter_of(value)
    return None if name is None else ruleset.parameters.get(name)


def in_rupiah_parameter(ruleset: Any, value: Any) -> bool:
    """Whether ``value`` is ``$name`` of a parameter with ``unit: rupiah``."""
    param = parameter_named(ruleset, value)
    return param is not None and bool(param.in_rupiah)


def says_rupiah(ruleset: Any, column: Any) -> bool:
    """Whether the rule file says ``column`` (a step's id) is an amount in rupiah; False
    when it does not say or cannot be read (see the module's docstring)."""
    if not isinstance(column, str):
        return False
    index = next((i for i, s in enumerate(ruleset.steps) if s.id == column), None)
    return index is not None and step_unit(ruleset, index) == RUPIAH


#: the data's columns that count a position's own days in the period (pro-rating reads
#: them); not ``days_in_period`` (the period's calendar days,
#: one number for every position of an employee: ``dasar / days_in_period`` is a position's
#: daily *rate*, and a cap of it is right per position, review 145)
_DAY_COLUMNS = frozenset({"days_served", "start_date", "end_date"})


def pro_rated(ruleset: Any, column: Any, known: dict[str, bool] | None = None) -> bool:
    """Whether the rule file says ``column`` (a step's id) is a position's *part* of the
    month: it is, or reads, a ``pro_rata`` step or a column counting the position's days
    (``days_served``...), directly or through earlier steps. A column that is not (a
    position's monthly rate, a table's amount by kelas) may be capped before
    ``position_history.sum_at``: capping the rate of each position, then pro-rating, is what
    a cap per kelas means; capping its part is not (review 134). Not known means False.

    ``known``: the answers already found in one question about an unchanged rule set (a
    formula asks of each name it reads; each step reached is then read once, not once per
    name: a 100-step file took 0.8 s to load, review 145)."""
    if not isinstance(column, str):
        return False
    known = {} if known is None else known
    if column not in known:
        seen: set[str] = set()
        if _step_part(ruleset, column, seen, known):
            known[column] = True
        else:  # nothing reached from it is a part: none of what was read is one either
            known.update(dict.fromkeys(seen | {column}, False))
    return known[column]


def _step_part(ruleset: Any, column: str, seen: set[str], known: dict[str, bool]) -> bool:
    """Reachability of a pro_rata step or a day column from ``column``; ``seen``: the names
    already read in this question (each read once: a chain of formulas reading the two
    before them was read 2**n times; one reached first returned True at once)."""
    if column in _DAY_COLUMNS:
        return True
    if column in known:
        return known[column]
    if column in seen:
        return False
    step = next((s for s in ruleset.steps if s.id == column), None)
    if step is None:
        return False
    if step.type == "pro_rata":
        return True
    seen.add(column)
    if any(_step_part(ruleset, name, seen, known) for name in _names_read(step)):
        known[column] = True
        return True
    return False


def _names_read(step: Any) -> set[str]:
    """Every name a step's parameters may read: each text value (an input, a column, a
    list of factors), and each name of a formula's expression."""
    from tukin.rules.basic import formula_uses

    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            found.add(value.strip())
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(step.params)
    expr = step.params.get("expr") if step.type == "formula" else None
    if isinstance(expr, str):
        with contextlib.suppress(ValueError):  # refused by the formula's own check
            found |= set(formula_uses(expr))
    return found
