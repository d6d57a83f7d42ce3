"""What a program reading a result needs besides the values shown: each column's unit and,
for every number, its exact value as text (review 78).

``Result.to_json`` writes a step's value as its display value: whole rupiah as an integer, a
ratio or an amount before rounding as the binary64 number nearest it (30/31 of an amount is
no decimal). A reader could not tell money from a ratio, nor an exact value from a rounded
one. The result document therefore also carries (additively, the existing fields unchanged):

* ``units``: column -> ``rupiah`` (an amount; whole in ``allowance``, ``deductions``, ``net``
  and the rounded steps, possibly with decimals before a round step), ``number`` (no unit: a
  ratio, factor, percentage as a fraction, count of days, kelas), ``text`` or ``boolean``;
* ``exact``: per employee row, in the same order, every ``rupiah`` and ``number`` column as
  text, always: an integer (``"7188745"``), a terminating decimal (``"4108367.7675"``) or a
  fraction (``"30/31"``); null where the value is missing.

The exact text comes from the run itself: a certified fast value is its decimal (``v / 10**s``,
both integers), written by numpy's string operations; the rows holding a bounded float in any
such column (a part-month factor and what follows from it, a few per cent of a payroll) are
recomputed on the exact backend in one pass (``_Run.exact_rows``), as an explanation is.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tukin.calc.num import FNum
from tukin.ruleset.types import fmt_exact

if TYPE_CHECKING:
    from tukin.calc.engine import _Run

__all__ = ["NUMERIC_UNITS", "UNITS", "exact_texts", "frame_units", "step_units"]

#: The units a column of the result document can have.
UNITS = ("rupiah", "number", "text", "boolean")
#: The units whose columns the ``exact`` rows write as text.
NUMERIC_UNITS = frozenset({"rupiah", "number"})
#: Columns every result frame computes as whole rupiah (not steps).
_PAID = ("allowance", "deductions", "net")


def step_units(run: _Run) -> dict[str, str]:
    """Each step's unit, from the value it computed."""
    out: dict[str, str] = {}
    for step in run.ruleset.steps:
        value = run.fast.values.get(step.id)
        if isinstance(value, FNum):
            out[step.id] = "rupiah" if value.unit == "rupiah" else "number"
        else:
            kind = np.asarray(value).dtype if value is not None else np.dtype(object)
            out[step.id] = "boolean" if pd.api.types.is_bool_dtype(kind) else "text"
    return out


def frame_units(frame: pd.DataFrame, steps: dict[str, str]) -> dict[str, str]:
    """The unit of every column of a result frame, in its order: the steps' own, the paid
    amounts rupiah, the identity by its type (``grade`` a number, the rest text)."""
    out: dict[str, str] = {}
    for c in frame.columns:
        name = str(c)
        if name in _PAID:
            out[name] = "rupiah"
        elif name in steps:
            out[name] = steps[name]
        elif pd.api.types.is_bool_dtype(frame[c].dtype):
            out[name] = "boolean"
        elif pd.api.types.is_numeric_dtype(frame[c].dtype):
            out[name] = "number"
        else:
            out[name] = "text"
    return out


def exact_texts(
    run: _Run, rows: np.ndarray, frame: pd.DataFrame, units: dict[str, str]
) -> dict[str, list[str | None]]:
    """Per numeric column of ``frame`` (the paid rows, the run's frame rows ``rows`` in its
    order), the exact value of each row as text (see the module docstring)."""
    out: dict[str, np.ndarray] = {}
    bounded = np.zeros(len(rows), dtype=bool)
    steps = {s.id for s in run.ruleset.steps}
    for name, unit in units.items():
        if unit not in NUMERIC_UNITS:
            continue
        value = run.fast.values.get(name) if name in steps and name not in _PAID else None
        if isinstance(value, FNum):
            v = value.v[rows]
            known = np.isfinite(v)
            if value._e is not None:
                sure = value._e[rows] == 0
                bounded |= known & ~sure
                known &= sure
            texts = np.full(len(rows), None, dtype=object)
            texts[known] = decimal_texts(v[known].astype(np.int64), value.s)
            out[name] = texts
        else:  # whole numbers the frame holds as they are (amounts paid, kelas)
            column = frame[name]
            texts = np.full(len(rows), None, dtype=object)
            present = column.notna().to_numpy(dtype=bool)
            texts[present] = decimal_texts(column[present].to_numpy(dtype=np.int64), 0)
            out[name] = texts
    if bounded.any():
        need = np.flatnonzero(bounded)
        exact = run.exact_rows(rows[need])
        for name, texts in out.items():
            value = exact.get(name)
            if value is None or name in _PAID:
                continue
            found: Any = getattr(value, "v", value)
            texts[need] = [_text(q) for q in found]
    return {name: texts.tolist() for name, texts in out.items()}


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Fraction):
        return fmt_exact(value)
    if isinstance(value, float):
        return fmt_exact(Fraction(value)) if np.isfinite(value) else None
    return str(value)


def decimal_texts(ints: np.ndarray, scale: int) -> np.ndarray:
    """``ints / 10**scale`` as the shortest decimal text of each (``fmt_exact``'s form:
    ``"12"``, ``"-0.5"``, ``"4108367.7675"``), by numpy's string operations."""
    if not len(ints):  # numpy's zfill cannot take an empty array
        return np.empty(0, dtype=object)
    digits = np.abs(ints).astype(np.int64)
    if scale == 0:
        whole, fraction = digits.astype(str), None
    else:
        q, r = np.divmod(digits, 10**scale)
        whole = q.astype(str)
        fraction = np.strings.rstrip(np.strings.zfill(r.astype(str), scale), "0")
    text = whole
    if fraction is not None:
        dotted = np.strings.add(np.strings.add(whole, "."), fraction)
        text = np.where(np.strings.str_len(fraction) > 0, dotted, whole)
    text = np.where(ints < 0, np.strings.add("-", text), text)
    return text.astype(object)
