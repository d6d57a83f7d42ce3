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
such column (a part-month factor and what follows from it, a few per cent of a payroll; a
roll-up's mean, nearly half of it) are recomputed on the exact backend in one pass
(``_Run.exact_rows``), as an explanation is. The pass makes a certified value a Fraction only
where a recomputing step reads it (:mod:`tukin.calc.deferred`), and only the values it
recomputed are written from Fractions, each distinct one once (review 95: at 200,000
employees 9.5 s of exact texts became 3.2 s).
The rows are held as columns (:class:`ExactColumns`, merged as columns across partitions) and
written into the document's text by numpy as well (:meth:`ExactColumns.json_array`): the
same characters ``json.dumps(indent=2)`` writes, without a dict and a Python string per value.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tukin.calc.deferred import Deferred
from tukin.calc.num import FNum, first_rows
from tukin.io._json_rows import json_row_chunks, json_strings, null_where_absent
from tukin.ruleset.types import fmt_exact

if TYPE_CHECKING:
    from tukin.calc.engine import _Run

__all__ = ["NUMERIC_UNITS", "UNITS", "ExactColumns", "exact_texts", "frame_units", "step_units"]

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


@dataclass(frozen=True)
class ExactColumns:
    """The result document's ``exact`` rows held as columns (numpy ``StringDType``): the paid
    rows' NIPs and, per numeric column, each row's text (``""`` where ``present`` is False,
    which the document writes as null). Held and merged as columns, and written as JSON by
    :meth:`json_array` without a Python object per value: the rows as dicts cost more to
    build and to encode (``json.dumps(indent=2)`` is CPython's pure-Python encoder) than
    computing the texts did (review 81: 200k employees, about 2.8 s of 4.8 s)."""

    nips: np.ndarray
    texts: dict[str, np.ndarray]
    present: dict[str, np.ndarray]
    #: the texts are numbers' (digits, ``-``, ``.``, ``/``: :func:`decimal_texts`,
    #: ``fmt_exact``), written as they are; otherwise each is checked for what JSON escapes
    numbers: bool = False

    def take(self, idx: np.ndarray) -> ExactColumns:
        """The rows ``idx``, in that order."""
        return ExactColumns(
            self.nips[idx],
            {n: t[idx] for n, t in self.texts.items()},
            {n: p[idx] for n, p in self.present.items()},
            self.numbers,
        )

    @staticmethod
    def concat(parts: list[ExactColumns]) -> ExactColumns:
        """The rows of ``parts`` one after another (their columns are the same: one rule set)."""
        names = list(parts[0].texts)
        return ExactColumns(
            np.concatenate([p.nips for p in parts]),
            {n: np.concatenate([p.texts[n] for p in parts]) for n in names},
            {n: np.concatenate([p.present[n] for p in parts]) for n in names},
            all(p.numbers for p in parts),
        )

    def records(self) -> list[dict[str, str | None]]:
        """``[{"nip": ..., column: text or None, ...}, ...]``: what the document holds."""
        names = list(self.texts)
        columns = [
            [
                t if k else None
                for t, k in zip(self.texts[n].tolist(), self.present[n].tolist(), strict=True)
            ]
            for n in names
        ]
        return [
            {"nip": str(nip), **dict(zip(names, row, strict=True))}
            for nip, *row in zip(self.nips.tolist(), *columns, strict=True)
        ]

    def json_array(self, indent: int = 2, depth: int = 1) -> str:
        """:meth:`records` as ``json.dumps(..., indent=indent, ensure_ascii=False)`` writes
        them as the value of a key at ``depth`` (the same text, character for character),
        built by numpy's string operations one column at a time."""
        return "".join(self.json_chunks(indent, depth))

    def json_chunks(self, indent: int = 2, depth: int = 1) -> Iterator[str]:
        """:meth:`json_array`'s text in pieces, a block of rows each, made when asked for
        (:func:`~tukin.io._json_rows.json_row_chunks`): a file is written without the whole
        text in memory."""
        if not len(self.nips):
            return iter(["[]"])
        # a NIP is 18 digits as a rule, an exact number digits and "-./": quoted as they are
        nip_plain = np.strings.isdigit(self.nips) & _no_trailing_nul(self.nips)
        values = [json_strings(self.nips, nip_plain)]
        for name, texts in self.texts.items():
            if self.numbers:
                plain = np.ones(len(texts), dtype=bool)
            else:
                rest = np.strings.lstrip(texts, "0123456789-./")
                plain = (np.strings.str_len(rest) == 0) & _no_trailing_nul(texts)
            values.append(null_where_absent(json_strings(texts, plain), self.present[name]))
        return json_row_chunks(["nip", *self.texts], values, indent, depth)


#: numpy's variable-width text: cheaper to build and to add to than fixed-width ``<U``
_SD = np.dtypes.StringDType()


def _no_trailing_nul(texts: np.ndarray) -> np.ndarray:
    """Whether each text does not end in NUL characters. numpy's string functions do not see
    them (``str_len("1\\x00")`` is 1, ``isdigit`` is true), so a text ending in one would pass
    for plain digits and reach the JSON unescaped; adding a character makes them count."""
    return np.strings.str_len(np.strings.add(texts, "_")) == np.strings.str_len(texts) + 1


def exact_texts(
    run: _Run, rows: np.ndarray, frame: pd.DataFrame, units: dict[str, str]
) -> ExactColumns:
    """Per numeric column of ``frame`` (the paid rows, the run's frame rows ``rows`` in its
    order), the exact value of each row as text (see the module docstring)."""
    texts: dict[str, np.ndarray] = {}
    present: dict[str, np.ndarray] = {}
    bounded = np.zeros(len(rows), dtype=bool)
    steps = {s.id for s in run.ruleset.steps}
    for name, unit in units.items():
        if unit not in NUMERIC_UNITS:
            continue
        value = run.fast.values.get(name) if name in steps and name not in _PAID else None
        out: np.ndarray = np.full(len(rows), "", dtype=_SD)
        if isinstance(value, FNum):
            v = value.v[rows]
            known = np.isfinite(v)
            if value._e is not None:
                sure = value._e[rows] == 0
                bounded |= known & ~sure
                known &= sure
            out[known] = decimal_texts(v[known].astype(np.int64), value.s)
        else:  # whole numbers the frame holds as they are (amounts paid, kelas)
            column = frame[name]
            known = column.notna().to_numpy(dtype=bool)
            out[known] = decimal_texts(column[known].to_numpy(dtype=np.int64), 0)
        texts[name], present[name] = out, known
    if bounded.any():
        need = np.flatnonzero(bounded)
        # a certified value's text is written above; only the values the pass recomputes
        # (a Deferred column says which) are made exact values and written here
        exact = run.exact_rows(rows[need], defer=True)
        for name, out in texts.items():
            value = exact.get(name)
            if value is None or name in _PAID:
                continue
            at, held = (
                value.recomputed()
                if isinstance(value, Deferred)
                else (np.arange(len(need)), np.asarray(getattr(value, "v", value), dtype=object))
            )
            if not len(at):
                continue
            found, known = _texts(held)
            present[name][need[at]] = known
            out[need[at]] = found
    nips = frame["nip"].to_numpy(dtype=str).astype(_SD)
    return ExactColumns(nips, texts, present, numbers=True)


def _texts(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`_text` of each value (``""`` where None) and whether there is one, written
    once per value object: the exact pass hands out one object per distinct value of a
    column (``tukin.calc.deferred``), and rows sharing their inputs share their results
    (``XNum._bin``). ``values`` holds the objects throughout, so their ids name them; they
    are coded by hashing the ids in C (a dict per row cost a third of this at a million
    paid rows: review 129)."""
    objects = values.tolist()
    codes, _ = pd.factorize(np.fromiter(map(id, objects), dtype=np.uint64, count=len(objects)))
    made = [_text(objects[i]) for i in first_rows(codes).tolist()]
    known = np.array([t is not None for t in made], dtype=bool)
    texts = np.array(["" if t is None else t for t in made], dtype=_SD)
    return texts[codes], known[codes]


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, Fraction):
        return fmt_exact(value)
    if isinstance(value, float):
        return fmt_exact(Fraction(value)) if np.isfinite(value) else None
    return fmt_exact(Fraction(value))  # an int or a numpy integer


def decimal_texts(ints: np.ndarray, scale: int) -> np.ndarray:
    """``ints / 10**scale`` as the shortest decimal text of each (``fmt_exact``'s form:
    ``"12"``, ``"-0.5"``, ``"4108367.7675"``), by numpy's string operations; the decimals
    built only where there are any, the sign only where negative."""
    digits = np.abs(ints).astype(np.int64)
    if scale == 0:
        text = digits.astype(_SD)
    else:
        q, r = np.divmod(digits, 10**scale)
        text = q.astype(_SD)
        part = r != 0
        if part.any():
            fraction = np.strings.rstrip(np.strings.zfill(r[part].astype(_SD), scale), "0")
            text[part] = np.strings.add(np.strings.add(text[part], "."), fraction)
    negative = ints < 0
    if negative.any():
        text[negative] = np.strings.add("-", text[negative])
    return text
