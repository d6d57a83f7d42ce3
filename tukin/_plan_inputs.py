"""The arguments of the planning calls, checked before twelve months are computed.

A budget officer's mistakes are refused at once, naming the argument and what it must be in
the language in force: a pagu typed as text or as a float (``2.76e9`` is not an amount of
rupiah), a negative pagu, a year outside the calendar tukin knows, an OPD of the per-OPD
pagu table that the data does not have (a typo, ``Dinkes`` for ``DINKES``, would otherwise
check nobody's budget). Errors are :class:`~tukin.errors.ArgumentError` (a ``ValueError``) or
:class:`~tukin.errors.ArgumentTypeError` (a ``TypeError``).
"""

from __future__ import annotations

import difflib
import numbers
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import pandas as pd

from tukin._coerce import python_scalar
from tukin.errors import ArgumentError, ArgumentTypeError
from tukin.model._types import EXACT_MAX
from tukin.period import MAX_YEAR, MIN_YEAR

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.ruleset.model import RuleSet

__all__ = [
    "check_inputs",
    "check_pagu",
    "check_pagu_opd",
    "check_positive",
    "check_year",
    "exact_argument",
    "whole_number",
]


def check_inputs(call: str, dataset: Dataset, ruleset: RuleSet) -> None:
    """A Dataset and a RuleSet, as :func:`tukin.calculate` wants them."""
    from tukin.calc.engine import check_arguments

    check_arguments(call, dataset, ruleset)


def _shown(value: Any) -> str:
    """What was given, for a message: short text quoted, a number as typed, else its type."""
    if isinstance(value, str):
        return repr(value[:40])
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, numbers.Number | Decimal):
        return f"{value!r} ({type(value).__name__})" if isinstance(value, float) else str(value)
    return type(value).__name__


def check_year(call: str, year: Any) -> int:
    """A whole year within the calendar periods know (1900-2200)."""
    whole = whole_number(year)
    if whole is None:
        raise ArgumentTypeError(
            code="argument_not_whole", call=call, argument="year", value=_shown(year)
        )
    if not MIN_YEAR <= whole <= MAX_YEAR:
        raise ArgumentError(
            code="argument_range",
            call=call,
            argument="year",
            minimum=MIN_YEAR,
            maximum=MAX_YEAR,
            value=whole,
        )
    return whole


def whole_number(value: Any) -> int | None:
    """The whole number ``value`` holds, or None: an int (a numpy int too), a whole, finite
    Decimal or Fraction. A float, even a whole one, is not taken (``2.76e9`` is no count of
    rupiah), nor true/false, nor a Decimal NaN or Infinity."""
    value = _number(value)
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        # past 10**19 no count or amount: 1e999999999 is not made an int of a billion digits
        return int(value) if value.adjusted() <= 18 else None
    if isinstance(value, Fraction) and value.denominator == 1:
        return int(value)
    return None


def check_pagu(call: str, argument: str, value: Any) -> int | None:
    """A pagu as whole, non-negative rupiah (None stays None). An int (or a whole Decimal or
    Fraction) is taken; a float, a text or a fraction of a rupiah is refused, never rounded."""
    if value is None:
        return None
    whole = whole_number(value)
    huge = isinstance(value, Decimal) and value.is_finite() and value.adjusted() > 18
    if huge or (whole is not None and whole > EXACT_MAX):
        # as the data's amounts: a pagu_opd of 10**23 met int64 as a raw OverflowError
        raise ArgumentError(
            code="argument_range",
            call=call,
            argument=argument,
            minimum=0,
            maximum=EXACT_MAX,
            value=_shown(value),
        )
    if whole is None:
        raise ArgumentTypeError(
            code="pagu_not_rupiah", call=call, argument=argument, value=_shown(value)
        )
    if whole < 0:
        raise ArgumentError(
            code="pagu_negative",
            call=call,
            argument=argument,
            value_en=f"{whole:,}",
            value_id=f"{whole:,}".replace(",", "."),
        )
    return whole


def exact_argument(call: str, argument: str, value: Any) -> Fraction:
    """An exact number (an int, a numpy int, a Decimal, a Fraction or text such as ``'0.5'``
    or ``'1/3'``); anything else, a float among them, is refused in the language in force."""
    from tukin.ruleset.types import to_exact

    try:
        return to_exact(_number(value))
    except (ValueError, TypeError, ArithmeticError):
        raise ArgumentTypeError(
            code="argument_not_exact", call=call, argument=argument, value=_shown(value)
        ) from None


def check_positive(call: str, argument: str, value: Any) -> Fraction:
    """An exact number above zero (a precision, an upper bound)."""
    number = exact_argument(call, argument, value)
    if number <= 0:
        raise ArgumentError(
            code="argument_positive", call=call, argument=argument, value=_shown(value)
        )
    return number


def check_pagu_opd(call: str, table: Any, dataset: Dataset) -> dict[str, int] | None:
    """``{opd_id: pagu}`` from a mapping, a Series (index: OPD) or a two-column DataFrame
    (OPD, pagu), every OPD one of the Dataset's and every pagu whole, non-negative rupiah.
    A blank pagu (None, NaN) is refused naming its OPD; a line blank in both is skipped, and
    the whole amounts of a float column that holds such lines (a sheet's empty line makes
    pandas read the column as float) are taken as the ints they are."""
    if table is None:
        return None
    if isinstance(table, pd.DataFrame):
        if table.shape[1] != 2:
            raise ArgumentTypeError(code="pagu_opd_table", call=call, value=table.shape[1])
        pairs = list(zip(table.iloc[:, 0], table.iloc[:, 1], strict=True))
        column: pd.Series | None = table.iloc[:, 1]
    elif isinstance(table, pd.Series | Mapping):
        pairs = list(table.items())
        column = table if isinstance(table, pd.Series) else None
    else:
        raise ArgumentTypeError(code="pagu_opd_table", call=call, value=type(table).__name__)
    from tukin.calc.frame import opd_of_units

    known = sorted({str(v) for v in opd_of_units(dataset["units"]).to_numpy()})
    rows = [(n, key, amount) for n, (key, amount) in enumerate(pairs, 1)]
    rows = [r for r in rows if not (_blank(r[1]) and _blank(r[2]))]  # a blank line of a sheet
    if not rows:  # no OPD to compare: the plan would say every OPD fits
        raise ArgumentError(code="pagu_opd_empty", call=call)
    for n, key, amount in rows:  # a blank first: it is what made a sheet's column float
        if _blank(key):
            raise ArgumentError(code="pagu_opd_no_opd", call=call, row=n, value=_shown(amount))
        if _blank(amount):
            raise ArgumentError(code="pagu_opd_blank", call=call, value=_opd_key(key))
    # a sheet's empty line makes its column of whole amounts float: those are read as ints
    holed = column is not None and column.dtype.kind == "f" and bool(column.isna().any())
    out: dict[str, int] = {}
    for _, key, amount in rows:
        opd = _opd_key(key)
        if opd in out:
            raise ArgumentError(code="pagu_opd_twice", call=call, value=opd)
        if opd not in known:
            close = difflib.get_close_matches(opd, known, n=1)
            close += [k for k in known if k.casefold() == opd.casefold() and k not in close]
            raise ArgumentError(
                code="pagu_opd_unknown",
                call=call,
                value=opd,
                choices=", ".join(known) or "-",
                hint_en=f" (did you mean '{close[0]}'?)" if close else "",
                hint_id=f" (maksud Anda '{close[0]}'?)" if close else "",
            )
        amount = _number(amount)
        if holed and isinstance(amount, float) and amount.is_integer() and abs(amount) < 2**53:
            amount = int(amount)
        out[opd] = check_pagu(call, f"pagu_opd['{opd}']", amount)  # type: ignore[assignment]
    return out


def _blank(value: Any) -> bool:
    """An empty cell: None, NaN, pandas' NA or NaT, or text of spaces (a Decimal NaN is not
    blank: it is a value given, refused as no amount of rupiah)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return True
    if isinstance(value, Decimal):
        return False
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _opd_key(key: Any) -> str:
    """An OPD id as the frame's ``opd_id`` holds it: text, a whole float without '.0'."""
    if isinstance(key, float) and key.is_integer():
        return str(int(key))
    return str(key).strip()


def _number(value: Any) -> Any:
    """A numpy scalar as the Python number it holds (a Series of ints holds numpy ints)."""
    return python_scalar(value)  # numpy scalars only: an array or Series is no number
