"""One value of machine input (a JSON document, ``Dataset.from_records``) to what the validator
expects: machine notation only, the spreadsheet habits refused with a problem saying how to
write the value.

A program writes JSON, so a JSON value means what machine notation says: ``"12.500"`` is
twelve and a half (how Django REST Framework and most Java/.NET serialisers send a decimal),
never twelve thousand five hundred as an Indonesian spreadsheet would show it. Guessing which
of the two a sender meant would pay someone a thousand times too much, so:

* numbers: JSON numbers, or text in machine notation (``12.5``, ``-3``, ``1e3``) passed to the
  validator as they are; text that reads as a number only the spreadsheet way (``1.000.000``,
  ``1,5``, ``60%``, ``Rp 1.000.000``) is the problem ``number_notation``, which names the
  number in machine notation for the sender to write instead;
* dates: ISO dates (``2025-10-31``) or ISO date-times, whose time of day is dropped (the date
  as written, whatever its offset: midnight WIB is still the 31st), and date objects; anything
  else (``31/10/2025``, ``2025-10``, the number ``20251031``) is ``date_notation``;
* NIPs: text, or a whole JSON number that still has all its digits; a float or a number ending
  in the zeros a spreadsheet put there is ``nip_as_number``, as from a workbook, and any other
  whole number of a NIP's size (beyond 2**53) is ``nip_as_json_number``: a program holding
  numbers as binary64 doubles turns every NIP it passes on into another;
* anything else (ids, names, choices, periods) goes to the validator unchanged, which reads
  choices and periods exactly as it reads them from a DataFrame.

The Excel and CSV readers keep converting Indonesian notation (:mod:`tukin.io._cells`): there a
person typed the value, and ``1.234.567`` is what a person means by it.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import partial
from typing import Any

import numpy as np
import pandas as pd

from tukin.contract import Column
from tukin.io._cells import (
    EXACT_DIGITS,
    CellIssue,
    Converted,
    convert_column,
    number_text,
    parse_date_text,
    plain_number,
    text_of,
    to_nip,
)

__all__ = ["convert_machine", "convert_machine_column", "is_missing", "typed_series"]

#: Machine notation of a number (what ``float()`` and JSON read), surrounding spaces aside.
_MACHINE_NUMBER = re.compile(r"[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?")
#: An ISO date, optionally with a time and an offset (matched lower-cased, as _cells does).
_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:z|[+-]\d{2}(?::?\d{2})?)?)?"
)


def is_missing(value: Any) -> bool:
    """None, NaN, NaT, pd.NA: what a DataFrame's ``to_dict`` gives for an empty cell."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    if isinstance(value, np.datetime64):
        return bool(np.isnat(value))
    return isinstance(value, float) and math.isnan(value)


def convert_machine_column(
    col: Column | None, values: list[Any]
) -> tuple[list[Any], dict[int, CellIssue]]:
    """One column of machine input: the values to validate and the issues by row.

    Most of a program's values pass unchanged (ids, names, choices, periods; numbers that are
    JSON numbers), so only the values a rule applies to are looked at, each distinct one once
    (:func:`tukin.io._cells.convert_column`): a million records are not a million calls.
    """
    kind = "int" if col is None else col.type
    if kind == "str":  # an id sent as a whole JSON float (2.0) is the id a DataFrame's 2.0 is
        if any(type(v) is float for v in values):
            return [_whole_float_as_int(v) for v in values], {}
        return values, {}
    if kind not in ("int", "money", "decimal", "date", "nip"):
        return values, {}
    if kind in ("int", "money", "decimal") and not any(isinstance(v, str) for v in values):
        return values, {}
    return convert_column(col, values, convert=partial(convert_machine, col))


def _whole_float_as_int(value: Any) -> Any:
    """``2.0`` as ``2`` (what the validator makes of a DataFrame's float 2.0 in a text
    column: the id ``"2"``); any other value as it is."""
    if type(value) is float and value.is_integer() and abs(value) < _EXACT:
        return int(value)
    return value


def convert_machine(col: Column | None, value: Any) -> Converted:
    """One value of a contract column (None: an attendance code column) read as machine input."""
    kind = "int" if col is None else col.type
    if kind in ("int", "money", "decimal"):
        return _number(value)
    if kind == "date":
        return _date(value)
    if kind == "nip":
        return _nip(value)
    return value, None


def _number(value: Any) -> Converted:
    """Machine notation passes; the spreadsheet's is refused, naming the number to write."""
    if not isinstance(value, str):
        return value, None
    text = value.strip()
    if not text or _MACHINE_NUMBER.fullmatch(text):
        return value, None
    number = number_text(text)
    if number is None:
        return value, None  # no number at all: the validator says so (not_a_number)
    suggestion = plain_number(number)
    return None, CellIssue("number_notation", text, {"suggestion": suggestion})


def _date(value: Any) -> Converted:
    """An ISO date (a date-time's date as written) or a date object; nothing else."""
    if is_missing(value):
        return None, None
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    if isinstance(value, dt.datetime | dt.date):
        return (value.date() if isinstance(value, dt.datetime) else value).isoformat(), None
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None, None
        if _ISO.fullmatch(text.lower()):
            day = parse_date_text(text)
            if day is not None:
                return day.isoformat(), None
            return None, CellIssue("invalid_date", text)  # 2025-02-30: no such day
    return None, CellIssue("date_notation", text_of(value))


def _nip(value: Any) -> Converted:
    """Text as given (the validator strips it); a number only when no digit can be lost."""
    if isinstance(value, str):
        found, issue = to_nip(value)
        return (value, None) if issue is None else (found, issue)
    if isinstance(value, float) and math.isfinite(value) and abs(value) >= 10**EXACT_DIGITS:
        return to_nip(value)
    if isinstance(value, int) and not isinstance(value, bool):
        found, issue = to_nip(value)
        if issue is None and abs(value) > _EXACT:
            # every 18-digit NIP is beyond 2**53, past what RFC 8259 §6 says programs agree
            # on: one that went through a binary64 double (JavaScript) arrives as another NIP
            # (196802012002102001 as ...016) and cannot be told from one that did not, so none
            # is read; refusing only the numbers a double holds would refuse one correct NIP in
            # 32, a sender's surprise in production where every test passed
            return None, CellIssue("nip_as_json_number", str(value))
        return found, issue
    return value, None


def typed_series(col: Column | None, values: list[Any]) -> pd.Series:
    """A contract column of machine input as the validator reads it fastest, without changing
    what it reads: whole numbers all exact (below 2**53, as the validator takes numbers that
    are no int64) as int64 (Int64 with blanks), all text as str; anything else as given."""
    kind = "int" if col is None else col.type
    present = [v for v in values if v is not None]
    if kind in ("int", "money") and present:
        if all(type(v) is int and -_EXACT < v < _EXACT for v in present):
            return pd.Series(values, dtype="Int64" if len(present) < len(values) else "int64")
    elif present and all(type(v) is str for v in present):
        try:
            return pd.Series(values, dtype="str")
        except UnicodeEncodeError:  # half a character: the validator rejects it (invalid_text)
            pass
    return pd.Series(values, dtype=object)


_EXACT = 2**53
