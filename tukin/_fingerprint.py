"""A canonical byte serialisation of tables, and its SHA-256: the input fingerprint of receipts.

A payment receipt stores the fingerprint of the Dataset it was computed from; re-validating
the same input years later must give the same digest, on any machine, whatever the row or
column order of the files. So the encoding is defined here by *values*, not by any library's
internal layout:

* tables in name order; in each, rows sorted by the table's key, columns in name order;
* per column: its name, a type tag, a null mask, then the values: integers as little-endian
  int64, floats as little-endian IEEE binary64, dates as int64 microseconds since 1970-01-01,
  text as UTF-8 with each value's byte length as int64 (so no separator can be forged).

The encoding's version is named in the digest's first bytes, and a receipt records it
(``Receipt.fingerprint_version``): a change of encoding gets a new version, the old ones stay
computable (``fingerprint(..., version=1)``), so a receipt written under an old encoding is
re-checked under that encoding years later.

* **Version 1** (receipts without ``fingerprint_version``): every column encoded by its dtype,
  one digest streamed over all tables.
* **Version 2**: the contract's columns as in version 1 (validation gives each one type,
  whatever the reader), but an *extra* column (outside the contract: ``bank_account``,
  ``basic_salary``...) by its values, each in one canonical form (:func:`canonical_text`;
  an integer int64 holds as that integer, so a wage column is not written out as text),
  under its name folded as rules read it (``BASIC SALARY`` -> ``basic_salary``): the same
  data read from a frame, a CSV (whose reader guesses numbers), JSON (numbers as text) or a
  workbook (a cell stored as text) gives one fingerprint. And each table is hashed on its
  own (:func:`fingerprints`), the Dataset's digest being that of the tables' digests: a
  receipt keeps every table's, so a re-check can name the tables that changed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Collection, Iterator, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np
import pandas as pd

from tukin._lookup import _arrow_strings, digits_as_int64, is_identity, mixed_radix
from tukin.numtext import plain_decimal

__all__ = ["CURRENT", "canonical_text", "fingerprint", "fingerprints", "row_order"]

#: The encoding new receipts use (``Receipt.fingerprint_version``).
CURRENT = 2
VERSION = b"tukin-dataset-fingerprint/2\n"
_VERSION_1 = b"tukin-dataset-fingerprint/1\n"
_TABLE = b"tukin-table-fingerprint/2\n"


def fingerprint(
    tables: Mapping[str, pd.DataFrame],
    keys: Mapping[str, Sequence[str]],
    *,
    in_key_order: bool = False,
    typed: Mapping[str, Collection[str]] | None = None,
    version: int = CURRENT,
) -> str:
    """SHA-256 hex digest of ``tables``, independent of row order and column order.

    ``in_key_order``: the caller has put every table's rows in :func:`row_order` already (a
    Dataset keeps its tables so), and they are hashed as they are. ``typed``: per table, the
    columns encoded by their dtype (the contract's, which validation types); every other
    column is an extra one, encoded by value (version 2; None: every column is typed).
    ``version``: the encoding (see the module docstring), 1 for receipts that name none.
    """
    if version == 1:
        return _fingerprint_1(tables, keys, in_key_order=in_key_order)
    if version != CURRENT:
        raise ValueError(f"unknown dataset fingerprint encoding {version} (known: 1, {CURRENT})")
    return fingerprints(tables, keys, in_key_order=in_key_order, typed=typed)[0]


def fingerprints(
    tables: Mapping[str, pd.DataFrame],
    keys: Mapping[str, Sequence[str]],
    *,
    in_key_order: bool = False,
    typed: Mapping[str, Collection[str]] | None = None,
) -> tuple[str, dict[str, str]]:
    """``(digest of the whole, {table: its digest})`` in the current encoding (version 2).

    The whole is the SHA-256 of the version, then each table's name and digest in name
    order: no more hashing than one pass over the tables, and a receipt that keeps the
    tables' digests tells which table a different whole comes from.
    """
    per: dict[str, str] = {}
    for name in sorted(tables):
        frame = tables[name]
        own = None if typed is None else typed.get(name, ())
        shape = _empty_shape(name, frame, own)
        if shape is not None and shape in _EMPTY_DIGESTS:
            per[name] = _EMPTY_DIGESTS[shape]
            continue
        digest = hashlib.sha256(_TABLE)
        _table_into(digest, name, frame, keys.get(name, ()), in_key_order, own)
        per[name] = digest.hexdigest()
        if shape is not None:
            if len(_EMPTY_DIGESTS) >= _EMPTY_DIGESTS_KEPT:
                _EMPTY_DIGESTS.clear()
            _EMPTY_DIGESTS[shape] = per[name]
    whole = hashlib.sha256(VERSION)
    for name, hexdigest in per.items():
        whole.update(b"T" + _text_bytes(name) + bytes.fromhex(hexdigest))
    return whole.hexdigest(), per


#: The digest of a table without rows, by :func:`_empty_shape`: most of a small Dataset's
#: tables are empty (no monitoring tables, no sanctions), and hashing one walks every
#: column through pandas for bytes that only its name, columns and their types decide.
_EMPTY_DIGESTS: dict[tuple[Any, ...], str] = {}
_EMPTY_DIGESTS_KEPT = 512


def _empty_shape(
    name: str, frame: pd.DataFrame, typed: Collection[str] | None
) -> tuple[Any, ...] | None:
    """What decides the bytes :func:`_table_into` writes for ``frame`` when it has no rows
    (None when it has rows): the table's name and, per column in order, its label (with
    its type, more than the bytes need: ``1`` and ``"1"`` hash alike but are kept apart
    here, as ``1 == True`` would otherwise meet), its dtype (which picks the type tag) and
    whether ``typed`` holds it (typed or by value). No rows: nothing to order and no values,
    so the key columns and the order do not take part."""
    if len(frame):
        return None
    shape = (
        name,
        typed is None,
        tuple(
            (type(c), c, dtype, typed is None or c in typed)
            for c, dtype in zip(frame.columns, frame.dtypes, strict=True)
        ),
    )
    try:
        hash(shape)
    except TypeError:  # an extra column's own dtype that cannot be hashed: not remembered
        return None
    return shape


def _fingerprint_1(
    tables: Mapping[str, pd.DataFrame], keys: Mapping[str, Sequence[str]], *, in_key_order: bool
) -> str:
    """Version 1: one digest over every table, every column by its dtype."""
    digest = hashlib.sha256(_VERSION_1)
    for name in sorted(tables):
        _table_into(digest, name, tables[name], keys.get(name, ()), in_key_order, None)
    return digest.hexdigest()


def _table_into(
    digest: Any,
    name: str,
    frame: pd.DataFrame,
    key_columns: Sequence[str],
    in_key_order: bool,
    typed: Collection[str] | None,
) -> None:
    """Feed one table to ``digest``: name, row count, then each column (name, encoding).
    ``typed`` None: every column by its dtype (version 1); else the columns not in it by
    value, under their folded names (version 2)."""
    key = [k for k in key_columns if k in frame.columns]
    order = None if in_key_order else row_order(frame, key)
    if order is not None and is_identity(order):
        order = None  # already in key order (files often are): no column to reorder
    digest.update(b"T" + _text_bytes(name) + np.int64(len(frame)).astype("<i8").tobytes())
    named = [(_column_name(c, typed), c) for c in frame.columns]
    for shown, column in sorted(named, key=lambda pair: (pair[0], str(pair[1]))):
        values = frame[column].iloc[order] if order is not None else frame[column]
        digest.update(b"C" + _text_bytes(shown))
        extra = typed is not None and column not in typed
        for chunk in _extra_bytes(values) if extra else _column_bytes(values):
            digest.update(chunk)


def _column_name(column: object, typed: Collection[str] | None) -> str:
    """A column's name as hashed: an extra column's as a rule reads it (``as_name``), so
    ``BASIC_SALARY`` and ``basic salary`` are one column, as they are to the rules."""
    if typed is None or column in typed:
        return str(column)
    from tukin.calc.context import as_name

    return as_name(column) or str(column)


def row_order(frame: pd.DataFrame, key: list[str]) -> np.ndarray | None:
    """Positions that sort the rows by key (a validated table's key is unique: a total order).

    Without a key every column takes part, so the order is total anyway.
    """
    if len(frame) < 2:
        return None
    columns = key or sorted(frame.columns, key=str)
    digits: dict[str, np.ndarray | None] = {}  # found once, read by both sorts
    fast = _integer_order(frame, columns, digits)
    if fast is None:
        fast = _arrow_order(frame, columns, digits)
    if fast is not None:
        return fast
    codes = [pd.factorize(frame[c], sort=True, use_na_sentinel=True)[0] for c in reversed(columns)]
    return np.lexsort(codes)


def _digits_of(
    frame: pd.DataFrame, column: str, found: dict[str, np.ndarray | None]
) -> np.ndarray | None:
    """``digits_as_int64`` of an Arrow text column (None for any other), once per sort:
    ``found`` keeps it for the other sort when the first one steps aside."""
    if column not in found:
        found[column] = digits_as_int64(frame[column])  # None unless Arrow text of digits
    return found[column]


def _integer_order(
    frame: pd.DataFrame, columns: list[str], digits: dict[str, np.ndarray | None] | None = None
) -> np.ndarray | None:
    """The defined order as one sort of int64, when the first key is integers or NIP-like
    digit text (employees, attendance, appraisals: a million rows each) and every key's
    values fit one int64 together: each key becomes ranks (digits as their integer, other
    text as its rank among the distinct values, missing first), the ranks one mixed-radix
    number per row. numpy sorts a million int64 in a third of the time Arrow's multi-key
    sort takes. None otherwise (the Arrow sort or the lexsort decides)."""
    digits = {} if digits is None else digits
    parts = []
    for i, c in enumerate(columns):
        # text ranks factorise the column: worth it where values repeat, as the first
        # column of a composite key does (targets: ten periods per indicator id), not for
        # a key of one unique text column (Arrow sorts that directly)
        part = _ranks(frame[c], _digits_of(frame, c, digits), text=i > 0 or len(columns) > 1)
        if part is None:
            return None
        parts.append(part)
    number = mixed_radix(parts)
    if number is None:
        return None
    dense = _dense_order(number, parts)
    if dense is not None:
        return dense
    order = np.argsort(number)  # keys unique in a validated table: any sort is the order
    ranked = number[order]
    if (ranked[1:] == ranked[:-1]).any():  # equal keys stay in row order
        order = np.argsort(number, kind="stable")
    return np.asarray(order, dtype=np.intp)


def _dense_order(number: np.ndarray, parts: list[tuple[np.ndarray, int, int]]) -> np.ndarray | None:
    """The sort of ``number`` by placing each row in a slot of its own, when the numbers
    are distinct and their span is at most four times the rows (ranks of a composite key:
    indicator rank × period rank); None otherwise.

    Two linear passes instead of a comparison sort: 1.5 million targets in 30 ms, not 140.
    """
    span = 1
    for _, low, high in parts:
        span *= high - low + 1
    if span > 4 * len(number):
        return None
    slots = np.full(span, -1, dtype=np.intp)
    slots[number] = np.arange(len(number), dtype=np.intp)
    order = slots[slots >= 0]
    return order if len(order) == len(number) else None  # equal keys: the stable sort


def _ranks(
    series: pd.Series, digits: np.ndarray | None, *, text: bool
) -> tuple[np.ndarray, int, int] | None:
    """(int64 values in the column's order, smallest, largest), or None. Integers and digit
    text of one length (``digits``, from :func:`_digits_of`) are their own ranks; other text
    (``text``) its rank among the distinct values in code-point order, missing values -1
    (first)."""
    dtype = series.dtype
    if isinstance(dtype, np.dtype) and dtype.kind in "iub":
        raw = series.to_numpy()
        if dtype.kind == "u" and len(raw) and int(raw.max()) >= 2**63:
            return None
        values = raw.astype(np.int64, copy=False)
    elif _arrow_strings(series) is not None:
        found = digits
        if found is None and text:
            found = _text_ranks(series)
        if found is None:
            return None
        values = found
    else:
        return None
    if not len(values):
        return None
    return values, int(values.min()), int(values.max())


def _text_ranks(series: pd.Series) -> np.ndarray | None:
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - pyarrow is optional
        return None
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    rank = np.empty(len(uniques) + 1, dtype=np.int64)
    rank[-1] = -1  # code -1 (missing) reads the last slot
    at = np.asarray(pc.sort_indices(pa.array(uniques.array)))
    rank[at] = np.arange(len(uniques))
    return rank[np.asarray(codes)]


def _arrow_order(
    frame: pd.DataFrame, columns: list[str], digits: dict[str, np.ndarray | None] | None = None
) -> np.ndarray | None:
    """The same order as the lexsort of sorted factor codes (missing values first, ties in
    row order), by Arrow's stable multi-key sort: factorising a million texts with sorting
    took seconds. None when pyarrow or a column's type is not up to it (then the lexsort)."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - pyarrow is optional
        return None
    digits = {} if digits is None else digits
    arrays = {}
    for i, c in enumerate(columns):
        series = frame[c]
        kind = series.dtype.kind if isinstance(series.dtype, np.dtype) else None
        if not (_arrow_strings(series) is not None or kind in ("i", "u", "b")):
            return None  # floats (NaN vs null), dates, objects: the lexsort decides
        ints = _digits_of(frame, c, digits)  # NIPs sort as integers
        try:
            arrays[f"k{i}"] = pa.array(ints if ints is not None else series, from_pandas=True)
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            return None
    table = pa.table(arrays)
    try:  # pyarrow >= 25: null placement per key (the table-wide option is deprecated)
        order = pc.sort_indices(table, sort_keys=[(k, "ascending", "at_start") for k in arrays])
    except (TypeError, ValueError, pa.ArrowInvalid):  # older pyarrow: two-item keys only
        keys = [(k, "ascending") for k in arrays]
        order = pc.sort_indices(table, sort_keys=keys, null_placement="at_start")
    return np.asarray(order.to_numpy(), dtype=np.intp)


def _text_bytes(text: str) -> bytes:
    data = text.encode("utf-8")
    return np.int64(len(data)).astype("<i8").tobytes() + data


def _column_bytes(series: pd.Series) -> Iterator[Any]:
    """Type tag and null mask, then the values (see the module docstring); bytes-like chunks."""
    null = series.isna().to_numpy()
    gaps = bool(null.any())
    dtype = series.dtype
    # the values go to the hash as buffers of the array itself where it already has the
    # encoding's layout (little-endian int64/float64, contiguous): no copies of a million
    # values for bytes that are the same
    if pd.api.types.is_bool_dtype(dtype):
        yield b"b" + null.tobytes()
        yield series.fillna(False).to_numpy(dtype=np.uint8).tobytes()
    elif pd.api.types.is_integer_dtype(dtype):
        yield b"i" + null.tobytes()
        yield _le(series.to_numpy(dtype="int64", na_value=0), "<i8")
    elif pd.api.types.is_float_dtype(dtype):
        yield b"f" + null.tobytes()
        floats = series.to_numpy(dtype="float64", na_value=0.0)
        yield _le(np.where(null, 0.0, floats) if gaps else floats, "<f8")
    elif pd.api.types.is_datetime64_any_dtype(dtype):
        yield b"d" + null.tobytes()
        if getattr(series.dt, "tz", None) is not None:  # an instant: its UTC time
            series = series.dt.tz_convert("UTC").dt.tz_localize(None)
        micros = series.astype("datetime64[us]").to_numpy().view("int64")
        yield _le(np.where(null, 0, micros) if gaps else micros, "<i8")
    else:
        yield b"s" + null.tobytes()
        if dtype == "str" and getattr(dtype, "storage", None) == "pyarrow":
            # a contract text column: already what astype("str") copies to (Arrow text is
            # valid UTF-8; Python-stored text may hold lone surrogates: the fallback below)
            text = series
        else:
            try:
                text = series.astype("str")
            except (UnicodeDecodeError, TypeError, ValueError):  # bytes that are not UTF-8
                text = series.map(_text, na_action="ignore").astype("str")
        yield from _utf8(text, null)


def _extra_bytes(series: pd.Series) -> Iterator[Any]:
    """An extra column by value (version 2): tag ``v``, each value's kind (0 blank, 1 an
    integer int64 holds, 2 text), the integers as little-endian int64 (0 elsewhere), then
    the text rows' values (:func:`canonical_text`) as :func:`_utf8` writes them. No dtype takes part:
    ``5000000`` (int), ``5000000.0`` (a float column with a blank) and ``"5000000"`` (JSON
    text, an Excel cell stored as text) are one integer.

    Integers go as numbers, not as their digits: a million-row wage column is hashed in
    milliseconds instead of half a second of writing numbers as text."""
    null, whole, ints, text = _canonical_values(series)
    kind = np.full(len(null), 2, dtype=np.uint8)
    kind[whole] = 1
    kind[null] = 0
    yield b"v" + kind.tobytes()
    yield _le(np.where(whole, ints, 0).astype(np.int64, copy=False), "<i8")
    texts = np.flatnonzero(kind == 2)  # the kinds say which rows these are
    yield from _utf8(text.iloc[texts], np.zeros(len(texts), dtype=bool))


#: The canonical text of an integer int64 holds (at most 18 digits, no leading zero).
_INT_TEXT = r"-?(?:0|[1-9][0-9]{0,17})"


def _canonical_values(series: pd.Series) -> tuple[np.ndarray, np.ndarray, np.ndarray, pd.Series]:
    """``(null, whole, ints, text)`` of an extra column: blank rows; rows whose canonical
    value (:func:`canonical_text`) is an integer int64 holds, with those integers; and the
    canonical text (only read where neither). Integer and float columns never become text."""
    dtype = series.dtype
    n = len(series)
    none = pd.Series(np.full(n, None, dtype=object), dtype=object)
    if pd.api.types.is_integer_dtype(dtype) and not pd.api.types.is_bool_dtype(dtype):
        null = series.isna().to_numpy()
        ints = series.to_numpy(dtype="int64", na_value=0)
        big = ~null & ((ints >= 10**18) | (ints <= -(10**18)))  # 19 digits: text, as "1e18"
        if big.any():
            text = none.copy()
            text[big] = ints[big].astype(str)
            return null, ~null & ~big, ints, text
        return null, ~null, ints, none
    if pd.api.types.is_float_dtype(dtype):
        floats = series.to_numpy(dtype="float64", na_value=np.nan)
        null = np.isnan(floats)
        whole = ~null & np.isfinite(floats) & (np.abs(floats) < 1e18)
        whole &= floats == np.floor(np.where(whole, floats, 0.0))
        ints = np.where(whole, floats, 0.0).astype(np.int64)
        if (~whole & ~null).any():
            _, text = _float_text(np.where(whole, np.nan, floats))
        else:
            text = none
        return null, whole, ints, text
    null, text = canonical_text(series)
    text = text.reset_index(drop=True)
    whole, ints = _integers(text, null)
    return null, whole, ints, text


def _integers(text: pd.Series, null: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Which canonical texts are integers int64 holds, and their values (Arrow, vectorised)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    if not len(text):
        return np.zeros(0, dtype=bool), np.zeros(0, dtype=np.int64)
    array = pa.array(text.where(~pd.Series(null), None), type=pa.string(), from_pandas=True)
    match = pc.fill_null(pc.match_substring_regex(array, f"^{_INT_TEXT}$"), False)
    whole = np.asarray(match, dtype=bool)
    digits = pc.if_else(match, array, pa.scalar("0"))
    ints = np.asarray(pc.cast(digits, pa.int64()), dtype=np.int64)
    return whole, ints


#: Text that is a plain decimal number whose canonical form may differ from it (a sign, a
#: point, an exponent). Digits alone are canonical already, and digits with a leading zero
#: (``0012``: an account, a code) are text, never a number.
_NUMBER = r"[+-]?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?"
_NOT_PLAIN = r".*[.eE+-].*"
_NUMBER_RE = re.compile(_NUMBER)


def canonical_text(series: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """``(null mask, text)``: every value of an extra column in one canonical text, so the
    fingerprint does not depend on the type a reader gave the column.

    * blank (missing, NaN, empty or spaces-only text) is null;
    * a number is its decimal value, positional, with no trailing zeros or ``.0``: ``5000000``,
      ``5000000.0``, ``"5000000"`` and ``"5e6"`` are ``5000000``; a float by its shortest
      repr (``82.231``, as typed), not its binary expansion; text is a number only when it is
      written as one without leading zeros (``"0012"`` stays text);
    * a date is ISO ``2025-10-31`` (a time of day, when there is one, ISO after a ``T``);
    * a truth value is ``true`` / ``false``; other text is stripped of outer spaces.

    Vectorised for the common column types (numbers, dates, Arrow or Python text); a column
    of mixed Python values is converted value by value.
    """
    n = len(series)
    if isinstance(series.dtype, pd.CategoricalDtype):
        series = series.astype(object)
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        null = series.isna().to_numpy()
        flags = series.fillna(False).to_numpy(dtype=bool)
        return null, pd.Series(np.where(flags, "true", "false"), dtype=object).where(~null)
    if pd.api.types.is_integer_dtype(dtype):
        null = series.isna().to_numpy()
        ints = series.to_numpy(dtype="int64", na_value=0)
        return null, pd.Series(ints.astype(str), dtype=object)
    if pd.api.types.is_float_dtype(dtype):
        return _float_text(series.to_numpy(dtype="float64", na_value=np.nan))
    if pd.api.types.is_datetime64_any_dtype(dtype):
        if getattr(series.dt, "tz", None) is not None:
            series = series.dt.tz_convert("UTC").dt.tz_localize(None)
        return _date_text(series.to_numpy(dtype="datetime64[us]"))
    kind = pd.api.types.infer_dtype(series, skipna=True) if n else "empty"
    if kind in ("string", "empty"):
        return _str_text(series)
    values = [_one_text(v) for v in series.tolist()]
    null = np.fromiter((v is None for v in values), dtype=bool, count=n)
    return null, pd.Series(values, dtype=object)


def _float_text(floats: np.ndarray) -> tuple[np.ndarray, pd.Series]:
    null = np.isnan(floats)
    whole = ~null & np.isfinite(floats) & (np.abs(floats) < 2.0**63)
    whole &= floats == np.floor(np.where(whole, floats, 0.0))
    out = np.empty(len(floats), dtype=object)
    out[whole] = floats[whole].astype(np.int64).astype(str)
    out[whole & (out == "-0")] = "0"
    rest = ~whole & ~null
    if rest.any():  # fractions: numpy writes the shortest repr; an exponent made positional
        shown = floats[rest].astype(str).astype(object)
        odd = np.char.find(shown.astype(str), "e") >= 0
        odd |= ~np.isfinite(floats[rest])
        shown[odd] = [_number_of_float(float(x)) for x in floats[rest][odd]]
        out[rest] = shown
    return null, pd.Series(out, dtype=object)


def _date_text(stamps: np.ndarray) -> tuple[np.ndarray, pd.Series]:
    null = np.isnat(stamps)
    days = stamps.astype("datetime64[D]")
    text = np.datetime_as_string(days, unit="D").astype(object)
    for i in np.flatnonzero(~null & (days != stamps)).tolist():  # a time of day: rare
        text[i] = pd.Timestamp(stamps[i]).isoformat()
    return null, pd.Series(text, dtype=object)


def _str_text(series: pd.Series) -> tuple[np.ndarray, pd.Series]:
    """Text: stripped, blank as null, numbers written as numbers made canonical."""
    text = series.astype("str") if _arrow_strings(series) is None else series
    text = text.str.strip()
    null = (text.isna() | (text == "")).to_numpy(dtype=bool, na_value=True)
    filled = text.where(~null, "")
    matched = filled.str.fullmatch(_NUMBER) & filled.str.fullmatch(_NOT_PLAIN)
    numeric = matched.to_numpy(dtype=bool, na_value=False)
    if numeric.any():
        values = filled.to_numpy(dtype=object)
        at = np.flatnonzero(numeric)
        values[at] = [_number_of_text(str(v)) for v in values[at]]
        filled = pd.Series(values, dtype=object)
    return null, filled


def _one_text(value: Any) -> str | None:
    """One value of a column of mixed Python values, as :func:`canonical_text` writes it."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, bool | np.bool_):
        return "true" if value else "false"
    if isinstance(value, int | np.integer):
        return str(int(value))
    if isinstance(value, float | np.floating):
        if np.isnan(value):
            return None
        return _number_of_float(float(value))
    if isinstance(value, Decimal):
        return _number_of_text(str(value)) if value.is_finite() else str(value).lower()
    if isinstance(value, pd.Timestamp | dt.datetime):
        stamp = pd.Timestamp(value)
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert("UTC").tz_localize(None)
        same_day = stamp == stamp.normalize()
        return stamp.date().isoformat() if same_day else stamp.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = _text(value).strip()
    if not text:
        return None
    return _number_of_text(text) if _NUMBER_RE.fullmatch(text) else text


def _number_of_float(value: float) -> str:
    if not np.isfinite(value):
        return str(value)
    return _number_of_text(repr(value))


def _number_of_text(text: str) -> str:
    """A decimal number's canonical text: positional, no trailing zeros, no sign on zero."""
    try:
        number = Decimal(text)
    except InvalidOperation:  # pragma: no cover - only called on _NUMBER text
        return text
    return plain_decimal(number)


def _le(values: np.ndarray, dtype: str) -> Any:
    """``values.astype(dtype).tobytes()`` as a buffer, without copying values already laid
    out so (``dtype`` is little-endian; the hash reads any contiguous buffer)."""
    return np.ascontiguousarray(values, dtype=dtype).data.cast("B")


def _text(value: Any) -> str:
    """A cell pandas cannot turn into text: bytes by their repr (``b'\\xff'``), else str()."""
    return repr(bytes(value)) if isinstance(value, bytes | bytearray) else str(value)


def _utf8(text: pd.Series, null: np.ndarray) -> Iterator[Any]:
    """Lengths (int64) then the concatenated UTF-8 bytes of the non-null values."""
    if getattr(text.dtype, "storage", None) == "pyarrow":
        import pyarrow as pa
        import pyarrow.compute as pc

        array = pa.array(text).cast(pa.large_string()).fill_null("")
        if isinstance(array, pa.ChunkedArray):
            array = array.combine_chunks()
        lengths = np.asarray(pc.binary_length(array), dtype=np.int64)
        offsets = np.frombuffer(array.buffers()[1], dtype=np.int64)[array.offset :]
        data = array.buffers()[2]
        start, stop = int(offsets[0]), int(offsets[len(array)])
        yield _le(lengths, "<i8")
        yield memoryview(data)[start:stop] if data is not None else b""
        return
    encoded = [
        b"" if missing else str(v).encode("utf-8") for v, missing in zip(text, null, strict=True)
    ]
    yield np.fromiter(map(len, encoded), dtype=np.int64, count=len(encoded)).astype("<i8").tobytes()
    yield b"".join(encoded)
