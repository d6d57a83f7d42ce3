"""Values a user supplies to a loaded rule set: made exact, and their dates checked.

HR staff keep their Perbup's tables (amount per kelas jabatan) in Excel and read them with
pandas, so :meth:`~tukin.ruleset.model.RuleSet.with_parameters` takes a pandas Series or a
two-column DataFrame as well as a mapping. pandas gives a column of whole numbers as float64
as soon as one cell of it is empty (a total row, a blank line under the table) or was typed as
``894961,00``: ``894961.0`` and a key ``1.0`` are artefacts of the reader, not a choice of the
user. Such a float is taken when it is a whole number float64 holds exactly (below 2^53); any
other float is refused as a float typed in code is, because 0.6 in float is not 0.6 and a
payment must not depend on that. A float typed in Python code (``with_parameters(share=0.6)``,
``{6: 2e6}``) stays refused, whole or not: there it was the caller's choice, and the fix (an
int, a Decimal, text) is one keystroke.

Rows are counted from 0, as ``table.iloc[row]`` counts them, and every error also names the
row's key, which is what a person finds in their sheet.

Dated values are checked here for the rule-file loader and for the what-if methods alike
(:func:`date_problems`): two values in force on one day, or a value ending before it starts,
is refused wherever it comes from.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
import numbers
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from tukin.errors import RuleProblem, RuleSetError

if TYPE_CHECKING:
    from tukin.ruleset.model import DatedValue

__all__ = ["date_problems", "exact_value", "parse_day", "refuse_float"]

#: float64 holds every whole number below this exactly; above it a float may already be off
_EXACT_FLOAT = 2**53


def _problem(code: str, name: str, en: str, id_: str) -> RuleProblem:
    return RuleProblem(code, f"{name}: {en}", f"{name}: {id_}", key=name)


def refuse_float(val: Any, name: str) -> None:
    """Raise ``float_money`` if a float hides anywhere in a value typed in Python code."""
    if isinstance(val, float):
        raise RuleSetError(
            [
                _problem(
                    "float_money",
                    name,
                    f"{val!r} is a float; pass Decimal, int or text",
                    f"{val!r} adalah float; isikan Decimal, int atau teks",
                )
            ]
        )
    if isinstance(val, dict):
        for v in val.values():
            refuse_float(v, name)
    if isinstance(val, list | tuple):
        for v in val:
            refuse_float(v, name)


def exact_value(val: Any, name: str) -> Any:
    """The value to store: a pandas table becomes a dict of exact keys and values; anything
    else is returned as given after refusing floats in it."""
    import pandas as pd

    if isinstance(val, pd.Series | pd.DataFrame):
        return _table(val, name, pd)
    val = _python_scalars(val)
    refuse_float(val, name)
    if isinstance(val, Fraction) and val.denominator == 1:
        return int(val)
    return val


def _python_scalars(val: Any) -> Any:
    """numpy scalars as Python's (:func:`tukin._coerce.python_scalar`), in a dict or list
    too: a value read from a frame (``df["tpp"].max()``, ``np.int64(5)``) is the exact
    integer it holds, and was refused as "int64 is not a number". A numpy float becomes the
    float it is, refused after as one typed in code is (a float32 was "not a number")."""
    from tukin._coerce import python_scalar

    if isinstance(val, dict):
        return {_python_scalars(k): _python_scalars(v) for k, v in val.items()}
    if isinstance(val, list | tuple):
        return type(val)(_python_scalars(v) for v in val)
    return python_scalar(val)


def _table(table: Any, name: str, pd: Any) -> dict[Any, Any]:
    if isinstance(table, pd.DataFrame):
        if table.shape[1] != 2:
            cols = ", ".join(str(c) for c in table.columns)
            raise RuleSetError(
                [
                    _problem(
                        "ruleset_invalid",
                        name,
                        f"a table read from a sheet needs 2 columns (key, value); this one has "
                        f"{table.shape[1]}: [{cols}]. Pick them: frame[['kelas', 'tpp']]",
                        f"tabel dari sheet memerlukan 2 kolom (kunci, nilai); tabel ini punya "
                        f"{table.shape[1]}: [{cols}]. Pilih kolomnya: frame[['kelas', 'tpp']]",
                    )
                ]
            )
        keys, values = table.iloc[:, 0].tolist(), table.iloc[:, 1].tolist()
    else:
        if isinstance(table.index, pd.RangeIndex) and table.index.start == 0 and len(table):
            # df["tpp"] keeps the frame's row numbers as keys: kelas 0, 1, 2... would be paid
            raise RuleSetError(
                [
                    _problem(
                        "ruleset_invalid",
                        name,
                        "the Series has the row numbers 0, 1, 2... as its index, not keys; use "
                        "frame.set_index('kelas')['tpp'], the 2-column frame, or a dict if "
                        "0, 1, 2... really are the keys",
                        "indeks Series berisi nomor baris 0, 1, 2..., bukan kunci; gunakan "
                        "frame.set_index('kelas')['tpp'], tabel 2 kolom, atau dict bila "
                        "0, 1, 2... memang kuncinya",
                    )
                ]
            )
        keys, values = table.index.tolist(), table.tolist()
    if not keys:
        raise RuleSetError(
            [_problem("ruleset_invalid", name, "the table has no rows", "tabel tidak berisi baris")]
        )
    out: dict[Any, Any] = {}
    first: dict[Any, int] = {}
    problems: list[RuleProblem] = []
    for row, (raw_key, raw_value) in enumerate(zip(keys, values, strict=True)):
        key, key_err = _key(raw_key)
        where_en = f"row {row} (key {raw_key!r})"
        where_id = f"baris {row} (kunci {raw_key!r})"
        if key_err is not None:
            en, id_ = key_err
            problems.append(
                _problem("ruleset_invalid", name, f"{where_en}: {en}", f"{where_id}: {id_}")
            )
            continue
        fold = key.casefold() if isinstance(key, str) else key
        if fold in first:
            other = first[fold]
            problems.append(
                _problem(
                    "ruleset_invalid",
                    name,
                    f"{where_en}: the key is also in row {other}",
                    f"{where_id}: kunci ini juga ada di baris {other}",
                )
            )
            continue
        first[fold] = row
        value, code, value_err = _value(raw_value)
        if value_err is not None:
            en, id_ = value_err
            problems.append(_problem(code, name, f"{where_en}: {en}", f"{where_id}: {id_}"))
            continue
        out[key] = value
    if problems:
        raise RuleSetError(problems)
    return out


def _empty(x: Any) -> bool:
    try:
        import pandas as pd

        return x is None or bool(pd.isna(x))
    except (TypeError, ValueError):
        return False


def _key(raw: Any) -> tuple[Any, tuple[str, str] | None]:
    """A table key as rule files write it: a whole number (kelas 1.0 from Excel is 1, and so
    is the text "01", as the engine matches it) or trimmed text."""
    if _empty(raw):
        return None, ("the key is empty", "kunci kosong")
    if isinstance(raw, bool):
        return None, (f"{raw!r} is not a key", f"{raw!r} bukan kunci")
    if isinstance(raw, numbers.Integral):
        return int(raw), None
    if isinstance(raw, float | Decimal | Fraction):
        whole = math.isfinite(raw) and raw == int(raw)
        if whole and abs(int(raw)) < _EXACT_FLOAT:
            return int(raw), None
        return None, (f"{raw!r} is not a whole-number key", f"{raw!r} bukan kunci bilangan bulat")
    if isinstance(raw, str):
        text = raw.strip()
        if not text:
            return None, ("the key is empty", "kunci kosong")
        return (int(text) if text.isdigit() else text), None
    return None, (
        f"a {type(raw).__name__} is not a key (give a number or text)",
        f"{type(raw).__name__} bukan kunci (isikan angka atau teks)",
    )


def _value(raw: Any) -> tuple[Any, str, tuple[str, str] | None]:
    """A table value kept exact: whole numbers, Decimal, Fraction and text; a float only when
    it is a whole number float64 holds exactly (an Excel amount read by pandas)."""
    if _empty(raw):
        return None, "ruleset_invalid", ("the value is empty", "nilai kosong")
    if isinstance(raw, bool):
        return None, "ruleset_invalid", (f"{raw!r} is not a number", f"{raw!r} bukan angka")
    if isinstance(raw, numbers.Integral):
        return int(raw), "", None
    if isinstance(raw, float):
        if math.isfinite(raw) and raw.is_integer() and abs(raw) < _EXACT_FLOAT:
            return int(raw), "", None
        return (
            None,
            "float_money",
            (
                f"{raw!r} is a float that is not a whole number, so it is not exact; "
                "write the cells as text ('0.6', '60%') or pass Decimal",
                f"{raw!r} adalah float yang bukan bilangan bulat, jadi tidak tepat; "
                "tulis selnya sebagai teks ('0.6', '60%') atau isikan Decimal",
            ),
        )
    if isinstance(raw, Fraction):
        return (int(raw) if raw.denominator == 1 else raw), "", None
    if isinstance(raw, Decimal | str):
        return raw, "", None
    return (
        None,
        "ruleset_invalid",
        (
            f"a {type(raw).__name__} is not a number (give a number or text)",
            f"{type(raw).__name__} bukan angka (isikan angka atau teks)",
        ),
    )


def parse_day(value: Any, name: str, what: str) -> dt.date:
    """A date given as a date, a datetime (its day) or ISO text; else an error naming ``name``."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise RuleSetError(
        [
            _problem(
                "ruleset_invalid",
                name,
                f"{what!r} must be a date or ISO text (2025-07-01), not {value!r}",
                f"{what!r} harus berupa tanggal atau teks ISO (2025-07-01), bukan {value!r}",
            )
        ]
    )


def date_problems(name: str, values: Sequence[DatedValue]) -> list[tuple[int, str, str]]:
    """Dated values that run backwards or overlap: (index in ``values``, English, Indonesian).

    Two values in force on one day would make the payment depend on their order in the file;
    the rule set refuses that instead of choosing.
    """
    out: list[tuple[int, str, str]] = []
    for i, dv in enumerate(values):
        if dv.start and dv.end and dv.end < dv.start:
            out.append(
                (
                    i,
                    f"parameter {name!r}: 'to' {dv.end} is before 'from' {dv.start}",
                    f"parameter {name!r}: 'to' {dv.end} sebelum 'from' {dv.start}",
                )
            )
    order = sorted(range(len(values)), key=lambda k: values[k].start or dt.date.min)
    for i, j in itertools.pairwise(order):
        a, b = values[i], values[j]
        if (b.start or dt.date.min) <= (a.end or dt.date.max):
            out.append(
                (
                    j,
                    f"parameter {name!r}: values from {a.start or 'the start'} and from "
                    f"{b.start or 'the start'} overlap",
                    f"parameter {name!r}: masa berlaku nilai sejak {a.start or 'awal'} dan sejak "
                    f"{b.start or 'awal'} tumpang tindih",
                )
            )
    return out
