"""Optional input columns (``columns:`` of a rule file) in the employee frame of one run.

A rule file may declare a column the data may lack, with its type and default
(:class:`~tukin.ruleset.model.InputColumn`). Before the steps run, each declared column is
made a column of the run's frame: where the data has no such column every employee takes the
default; where it has one, a blank cell takes it (an empty cell says nothing was typed for the
employee, as an absent column says it for everyone; a yes/no column typed only where it
applies reads as it did before, blank no, when the default is false). A cell that is not of
the declared type stops the run, naming the column, the type and the employee. In a yes/no
column a person's ``ya`` / ``tidak`` (``yes``, ``no``, ``true``, ``false``, ``y``, ``n``) is
read as yes or no: the declaration says what the column holds (an undeclared extra column of
such words stays text, compared as the rule file writes it).

The run keeps, per column, which employees took the default (:class:`Defaulted`), so that
the explanation of a step reading the column says so (:mod:`tukin.explain`). Everything is
done on whole columns: no pass over the employees in Python.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tukin._wording import Said
from tukin.calc.context import spelt
from tukin.calc.frame import _extra_column, _objects, _put, flag_blanks
from tukin.errors import CalculationError
from tukin.ruleset.columns import parameter_of, typed_default

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.period import Period
    from tukin.ruleset.model import RuleSet

__all__ = ["Defaulted", "with_declared"]

#: the note of a step that read a declared column whose default an employee took
NOTE = "column_default"


@dataclass(frozen=True)
class Defaulted:
    """Who took a declared column's default in one run: everyone (``absent``: the data has
    no such column) or the rows of ``blank`` (frame positions of blank cells)."""

    column: str  # as the frame names it (a sheet header written as the declared name)
    value: bool | Fraction | str
    absent: bool
    blank: np.ndarray | None
    parameter: str | None  # the parameter the default came from, if any

    def took(self, row: int) -> bool:
        return self.absent or (self.blank is not None and bool(self.blank[row]))

    def said(self) -> Said:
        """The note an explanation shows: the value and why the employee has it."""
        en_value, id_value = _value_text(self.value)
        via_en = f", parameter {self.parameter}" if self.parameter else ""
        via_id = f", parameter {self.parameter}" if self.parameter else ""
        if self.absent:
            return Said(
                f"{en_value} (the rule file's default{via_en}: the data has no column "
                f"{self.column})",
                f"{id_value} (nilai bawaan berkas aturan{via_id}: data tidak memiliki kolom "
                f"{self.column})",
            )
        return Said(
            f"{en_value} (the rule file's default{via_en}: the cell is blank)",
            f"{id_value} (nilai bawaan berkas aturan{via_id}: selnya kosong)",
        )


def _value_text(value: bool | Fraction | str) -> tuple[str, str]:
    from tukin.ruleset.types import fmt_exact

    if isinstance(value, bool):
        return ("yes", "ya") if value else ("no", "tidak")
    if isinstance(value, Fraction):
        return fmt_exact(value), fmt_exact(value)
    return value, value


def with_declared(
    frame: pd.DataFrame, ruleset: RuleSet, period: Period, dataset: Dataset | None = None
) -> tuple[pd.DataFrame, dict[str, Defaulted]]:
    """``frame`` with every column ``ruleset`` declares (a shallow copy; the frame given is
    left as it is, the partitions and months of a plan reuse it), and who took a default,
    by the frame's name of the column. ``dataset``: the one ``frame`` was built from, whose
    yes/no columns of the employees and positions tell where their cells were blank."""
    if not ruleset.columns:
        return frame, {}
    typed_blank = flag_blanks(dataset) if dataset is not None else {}
    spells = frame.attrs.get("spells")
    if spells is not None:  # a row per position held (tukin.calc.spells): theirs
        typed_blank = spells.blanks
    frame = frame.copy(deep=False)
    out: dict[str, Defaulted] = {}
    for name, column in ruleset.columns.items():
        ref = parameter_of(column.default)
        raw = ruleset.parameter_at(ref, period).value if ref else column.default
        value, why = typed_default(column.type, raw)
        if value is None or why is not None:  # a value given in Python, not checked at load
            en, id_ = why or ("no value", "tidak ada nilai")
            raise CalculationError(
                value="columns", detail=(f"column {name!r}: {en}", f"kolom {name!r}: {id_}")
            )
        found = [name] if name in frame.columns else spelt(frame.columns, name)
        if len(found) > 1:
            continue  # two headers read as the name: the step reading it says so
        if not found:
            _put(frame, name, _full(column.type, value, len(frame)))
            if _money(name, value):
                frame.attrs["money_columns"] = (*frame.attrs.get("money_columns", ()), name)
            out[name] = Defaulted(name, value, True, None, ref)
            continue
        actual = str(found[0])
        filled, blank = _filled(frame, actual, column.type, value, ruleset.name)
        if (
            actual in typed_blank
            and column.type == "yes/no"
            and len(typed_blank[actual]) == len(frame)
        ):
            # typed when the frame was built, blank as no: the blank cells take the default
            blank = typed_blank[actual]
            filled = np.where(blank, bool(value), frame[actual].to_numpy(dtype=bool))
        if filled is not None:
            _put(frame, actual, filled)
        if blank is not None and blank.any():
            out[actual] = Defaulted(actual, value, False, blank, ref)
    return frame, out


def _money(name: str, value: Any) -> bool:
    """A column of whole numbers named as the data's money columns are (``_salary``,
    ``_allowance``) is read as an amount in rupiah (tukin.calc.frame.employee_frame)."""
    return (
        isinstance(value, Fraction)
        and value.denominator == 1
        and name.endswith(("_salary", "_allowance"))
    )


def _full(kind: str, value: bool | Fraction | str, n: int) -> Any:
    """A column of ``n`` rows holding ``value``, typed as the frame types such a column."""
    if kind == "yes/no":
        return np.full(n, bool(value), dtype=bool)
    if kind == "number":
        assert isinstance(value, Fraction)
        if value.denominator == 1 and abs(value) < 2**53:
            return np.full(n, int(value), dtype=np.int64)
        return np.full(n, float(value))
    # text: one category, as the frame codes text many employees share
    return pd.Categorical.from_codes(np.zeros(n, dtype=np.int8), categories=pd.Index([value]))


def _filled(
    frame: pd.DataFrame, column: str, kind: str, value: bool | Fraction | str, ruleset: str
) -> tuple[Any, np.ndarray | None]:
    """``(the column with its blank cells given value, or None when unchanged; which rows
    were blank)``. A cell not of type ``kind`` stops the run."""
    series = frame[column]
    dtype = series.dtype
    n = len(series)
    if pd.api.types.is_bool_dtype(dtype):
        if kind != "yes/no":
            _refuse(frame, column, kind, np.ones(n, dtype=bool), ruleset)
        return None, None
    if pd.api.types.is_numeric_dtype(dtype):
        nan = series.isna().to_numpy()
        if nan.all():  # blank for everyone: a frame gives an empty column as NaN floats
            return _full(kind, value, n), nan
        if kind != "number":
            _refuse(frame, column, kind, ~nan, ruleset)
        if not nan.any():
            return None, None
        filled = series.to_numpy(dtype=np.float64, copy=True)
        filled[nan] = float(value)  # a decimal the float gives back exactly (typed_default)
        return filled, nan
    if isinstance(dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        cats = series.cat.categories
        empty = np.array([not str(c).strip() for c in cats] + [True], dtype=bool)
        blank = empty[codes]  # codes -1: the last entry
        if kind == "yes/no":
            said = [_said_yes_no(c) for c in cats]
            if all(v is not None or e for v, e in zip(said, empty, strict=False)):
                flags = np.array([bool(v) for v in said] + [False], dtype=bool)[codes]
                return np.where(blank, bool(value), flags), blank
        if kind != "text" and not blank.all():
            _refuse(frame, column, kind, ~blank, ruleset)
        if kind != "text":
            return _full(kind, value, n), blank
        if not blank.any():
            return None, None
        keep = [c for c in cats if str(c).strip()]
        if value not in keep:
            keep.append(value)
        # per category, its code among those kept (a blank one's: -1, filled below)
        remap = np.array([keep.index(c) if str(c).strip() else -1 for c in cats] + [-1])
        filled_codes = np.where(blank, keep.index(value), remap[codes])
        return pd.Categorical.from_codes(filled_codes, categories=pd.Index(keep)), blank
    values = _objects(series)  # None for every kind of blank
    text = pd.Series(values, dtype=object).str.strip()
    blank = pd.isna(values) | text.eq("").to_numpy()
    values[blank] = value if kind == "text" else (float(value) if kind == "number" else value)
    if kind == "text":
        given = values[~blank]
        if len(given) and pd.api.types.infer_dtype(given, skipna=False) != "string":
            _refuse(frame, column, kind, ~blank & ~_each(values, str), ruleset)
        return values, blank
    if kind == "yes/no":
        said = [None if b else _said_yes_no(v) for v, b in zip(values, blank, strict=True)]
        if all(v is not None for v, b in zip(said, blank, strict=True) if not b):
            flags = np.array([bool(v) for v in said], dtype=bool)
            return np.where(blank, bool(value), flags), blank
    typed = _extra_column(values, np.arange(n))
    ok = typed.dtype == bool if kind == "yes/no" else typed.dtype.kind in "if"
    if not ok:  # found on the way to the error only: per cell, which one is wrong
        if kind == "yes/no":
            right = _each(values, bool | np.bool_)
        else:
            right = _each(values, int | float | np.number) & ~_each(values, bool | np.bool_)
        _refuse(frame, column, kind, ~blank & ~right, ruleset)
    return typed, blank


#: The words a person types for yes and no in a column the rule file declares yes/no (the
#: declaration says what the column holds, so nothing is guessed). "t" is left out: it is
#: "tidak" on an Indonesian form and "true" on an English one.
_YES_NO = {
    **dict.fromkeys(("ya", "iya", "y", "yes", "true", "benar"), True),
    **dict.fromkeys(("tidak", "tdk", "n", "no", "false", "salah"), False),
}


def _said_yes_no(cell: Any) -> bool | None:
    """A cell of a declared yes/no column as yes or no: a flag, or one of :data:`_YES_NO`
    (any case, spaces around); None for anything else."""
    if isinstance(cell, bool | np.bool_):
        return bool(cell)
    if isinstance(cell, str):
        return _YES_NO.get(cell.strip().lower())
    return None


def _each(values: np.ndarray, kind: Any) -> np.ndarray:
    """Per cell, whether it is an instance of ``kind`` (for the error's first wrong cell)."""
    return np.fromiter((isinstance(v, kind) for v in values), dtype=bool, count=len(values))


def _refuse(frame: pd.DataFrame, column: str, kind: str, wrong: np.ndarray, ruleset: str) -> None:
    """Stop the run: the first row of ``wrong`` holds a cell that is not of type ``kind``."""
    rows = np.flatnonzero(wrong)
    row = int(rows[0]) if len(rows) else 0
    nip = str(frame["nip"].iat[row]) if "nip" in frame.columns and len(frame) else "—"
    cell: Any = frame[column].iat[row] if len(frame) else None
    raise CalculationError(
        code="declared_column_type",
        column=column,
        type=kind,
        value=repr(cell.item() if hasattr(cell, "item") else cell),
        nip=nip,
        count=len(rows),
        ruleset=ruleset,
    )
