"""The parameters of a warning, a rejection or a problem as JSON data: ``fields``.

The messages tukin writes are for people, in the language asked; a program reading a result
document or an error body branches on ``code`` and reads the parameters from ``fields``, the
same keys and values whatever the language of the text (review 82). Before, a program that
wanted the attendance codes no step read, or the cell a problem points at, had to parse the
sentence.

:func:`json_fields` is the one spelling of those values:

* text, whole numbers and booleans as they are;
* every other number as exact text, never a JSON float: a :class:`~fractions.Fraction` as the
  result document's ``exact`` section writes it (``"7188745"``, ``"0.5"``, ``"30/31"``), a
  :class:`~decimal.Decimal` positionally (:func:`tukin.numtext.plain_decimal`), a float as
  its shortest decimal (``0.1`` is ``"0.1"``: what the cell held);
* a date ``YYYY-MM-DD`` (a time of day only when it has one: ISO 8601);
* lists, tuples and arrays as lists, sets as sorted lists, mappings as objects;
* a missing value (None, NaN, NaT, ``pd.NA``, an infinite number) left out of an object and
  ``null`` in a list;
* anything else as its text.

Text meant for people in one language is no parameter and is left out: a ``detail`` given in
both languages (a reason's words), and keys ending ``_en`` / ``_id`` (an amount already
spelled for one language, the other key holding the same in the other).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from json.encoder import encode_basestring
from typing import Any

import numpy as np

__all__ = ["json_fields", "json_value"]

#: Keys of fields that hold words for people in one language, not parameters.
_WORDED_SUFFIXES = ("_en", "_id")


def json_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """``fields`` as a JSON object (see the module docstring): keys as text, in their order,
    a missing value or words for people left out."""
    out: dict[str, Any] = {}
    for key, value in fields.items():
        name = str(key)
        if name.endswith(_WORDED_SUFFIXES) or _worded(name, value):
            continue
        shown = value if type(value) is str or type(value) is int else json_value(value)
        if shown is not None:
            out[name] = shown
    return out


def _worded(key: str, value: Any) -> bool:
    """A ``detail`` in both languages (``(english, indonesian)``): a reason's words."""
    return key == "detail" and isinstance(value, tuple)


def json_value(value: Any) -> Any:
    """One value as JSON data: text, an integer, a boolean, a list, an object, or None for a
    missing one (see the module docstring)."""
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return str(value)  # numpy's str_ too: plain text
    if isinstance(value, int):
        return int(value)  # an IntEnum or a bool's kin: the number
    if isinstance(value, np.generic):
        from tukin._coerce import python_scalar

        value = python_scalar(value)  # a numpy scalar as Python's (a datetime64 a Timestamp)
        if value is None or isinstance(value, str | bool | int):
            return value
        if isinstance(value, bytes):
            return value.decode("utf-8", "replace")
    if isinstance(value, float):
        if not math.isfinite(value):
            return None
        from tukin.numtext import decimal_from_float_repr, plain_decimal

        return plain_decimal(decimal_from_float_repr(value))
    if isinstance(value, Fraction):
        from tukin.ruleset.types import fmt_exact

        return fmt_exact(value)
    if isinstance(value, Decimal):
        if not value.is_finite():
            return None
        from tukin.numtext import plain_decimal

        return plain_decimal(value)
    if isinstance(value, dt.datetime):  # pandas' Timestamp too
        if _missing(value):
            return None
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return json_fields(value)
    if isinstance(value, set | frozenset):
        return [json_value(v) for v in sorted(value, key=str)]
    if isinstance(value, list | tuple | np.ndarray):
        return [json_value(v) for v in value]
    if _missing(value):
        return None
    return str(value)


def _missing(value: Any) -> bool:
    """pandas' missing values (``NaT``, ``NA``), which no JSON value stands for."""
    import pandas as pd

    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def indented_json(value: Any, depth: int = 0, indent: int = 2) -> str:
    """``json.dumps(value, indent=indent, ensure_ascii=False, allow_nan=False)`` of JSON data
    (text, numbers, booleans, None, lists, dicts with text keys) written as the value of a key
    at ``depth``: the same characters, about three times as fast as the standard library's
    encoder, which with an indent is Python generators; and an object met again (the same
    ``fields`` of every row one reason rejected) is written once. The result document's
    rejected rows are written so (review 82): 100,000 rows, each with its ``fields``."""
    done: dict[tuple[int, int], str] = {}
    return _indented(value, depth, " " * indent, done)


def _indented(value: Any, level: int, pad: str, done: dict[tuple[int, int], str]) -> str:
    if isinstance(value, str):
        return _quoted(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"Out of range float values are not JSON compliant: {value!r}")
        return float.__repr__(value)
    if isinstance(value, dict):
        if not value:
            return "{}"
        key = (id(value), level)
        text = done.get(key)
        if text is None:
            inner = "\n" + pad * (level + 1)
            parts = [
                f"{_quoted(k if isinstance(k, str) else _key(k))}: "
                f"{_indented(v, level + 1, pad, done)}"
                for k, v in value.items()
            ]
            text = done[key] = "{" + inner + ("," + inner).join(parts) + "\n" + pad * level + "}"
        return text
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        inner = "\n" + pad * (level + 1)
        parts = [_indented(v, level + 1, pad, done) for v in value]
        return "[" + inner + ("," + inner).join(parts) + "\n" + pad * level + "]"
    raise TypeError(f"Object of type {type(value).__name__} is not JSON serializable")


def _key(key: Any) -> str:
    """A dict key that is not text (a number, a boolean, None), as ``json.dumps`` names it."""
    import json

    return next(iter(json.loads(json.dumps({key: 0}))))


_quoted = encode_basestring  # C: a text as json.dumps(ensure_ascii=False) writes it
