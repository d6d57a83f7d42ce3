"""Column-at-a-time coercion of raw input cells to the contract's dtypes, with every defect found.

Each function takes one raw column (whatever dtype a spreadsheet reader or a list of dicts
produced) and returns the typed column plus a list of :class:`Batch` (the rows that failed, by
problem code). Everything is vectorised; Python work is done once per *distinct* value at most
(enum spellings, periods), never once per row, so a million rows cost well under a second.

Typed columns are full length: a cell that failed is null in the typed column, and the caller
decides what to drop. Dtypes while validating: text ``str``, whole numbers ``Int64`` (exact,
never through float when the input was integer), decimals ``float64``, dates
``datetime64[us]``. Raw columns must have a 0..n-1 index (the validator resets it once per
table), so that positions, masks and Series line up without re-indexing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from tukin.contract import Column
from tukin.model._types import EXACT_MAX, NIP_LENGTH, normalise_choice, normalise_nip
from tukin.period import canonical_periods

BoolArray = npt.NDArray[np.bool_]
IntArray = npt.NDArray[np.int64]
NipCheck = Literal["length", "strict"]

DATE_DTYPE: Final = "datetime64[us]"
TEXT_DTYPE: Final = "str"
EXACT_LIMIT = 2**53  # floats at or beyond this are not exact integers any more


#: Half of a character: a UTF-16 surrogate without its other half, which no UTF-8 text holds
#: (see ``tukin._checks._whole_characters``).
HALF_CHARACTER = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Batch:
    """Rows of one table that share one problem code (for one column, or the table itself).

    ``rows`` is None for a table-level problem (missing column, unknown table). ``values`` and
    the arrays in ``row_fields`` align with ``rows``; ``fields`` are shared by all of them.
    ``detail_code`` names a MESSAGES entry rendered as the ``detail`` field in the reader's
    language. ``cause`` (for cascades) names the (table, rows) whose rejection caused these.
    """

    table: str
    code: str
    column: str | None
    rows: IntArray | None = None
    values: npt.NDArray[Any] | None = None
    fields: Mapping[str, Any] = field(default_factory=dict)
    row_fields: Mapping[str, npt.NDArray[Any]] = field(default_factory=dict)
    detail_code: str | None = None
    cause: tuple[str, IntArray] | None = None
    rejects_table: bool = False
    keys: npt.NDArray[Any] | None = None  # human key of each row, filled in at the end

    def __len__(self) -> int:
        return 0 if self.rows is None else len(self.rows)


@dataclass
class Coerced:
    """One column after coercion: typed values, which cells are usable, which are blank, problems."""

    values: pd.Series
    present: BoolArray  # a valid, non-null value
    null: BoolArray  # blank in the input (null, NaN, empty or spaces only)
    problems: list[Batch]
    ints: pd.Series | None = None  # NIPs as Int64: ints hash several times faster than text

    _comparable: pd.Series | None = field(default=None, repr=False)

    def comparable(self) -> pd.Series:
        """The values to hash, join and compare: NIPs as integers, others as typed; null if bad."""
        if self._comparable is None:
            if self.ints is not None:
                self._comparable = self.ints
            else:
                self._comparable = self.values.where(self.present)
        return self._comparable


def isin(values: pd.Series, known: pd.Series) -> BoolArray:
    """``values.isin(known)`` as a bool array (null never matches), fast for pyarrow strings.

    pandas 3 converts the ``known`` side of a pyarrow-string ``isin`` one Python object at a
    time; pyarrow's own ``is_in`` hashes in C, which matters for a million NIPs or ids.
    """
    if _is_arrow(values) and _is_arrow(known):
        import pyarrow as pa
        import pyarrow.compute as pc

        column = pa.array(values)
        value_set = pa.array(known).cast(column.type).drop_null()
        return np.asarray(pc.is_in(column, value_set=value_set).fill_null(False), dtype=bool)
    return values.isin(known).to_numpy(dtype=bool) & values.notna().to_numpy()


def first_rows_in(values: pd.Series, known: pd.Series) -> npt.NDArray[np.int32] | None:
    """For each of ``values``, the first row of ``known`` holding the same value (-1: none;
    null never matches), when both are Arrow text; None otherwise (then :func:`isin`).

    The reference check finds each reference's row at the cost of ``isin``: kept, it spares
    a calculation looking a million employees' positions up again (and looking them up in
    NIP order, scattered, costs three times as much as in the order of the input)."""
    if not (_is_arrow(values) and _is_arrow(known)):
        return None
    import pyarrow as pa
    import pyarrow.compute as pc

    column = pa.array(values)
    found = pc.index_in(column, value_set=pa.array(known).cast(column.type), skip_nulls=True)
    return np.asarray(found.fill_null(-1).to_numpy(zero_copy_only=False), dtype=np.int32)


def _is_arrow(series: pd.Series) -> bool:
    return getattr(series.dtype, "storage", None) == "pyarrow"


def batch(
    table: str, code: str, column: str | None, mask: BoolArray, raw: pd.Series | None, **fields: Any
) -> list[Batch]:
    """A one-element list with the rows where ``mask`` holds, or an empty list if none do."""
    rows = np.flatnonzero(mask)
    if len(rows) == 0:
        return []
    values = None if raw is None else raw.iloc[rows].to_numpy(dtype=object)
    return [Batch(table, code, column, rows.astype(np.int64), values, fields)]


# -- scalars -------------------------------------------------------------------------------------


def python_scalar(value: Any) -> Any:
    """The Python value a numpy scalar holds; anything else (a Python or pandas value, an
    array, a Series) as it is. The one rule for a value read out of a frame or an array
    (``df["tpp"].max()``, ``column[row]``) before it is judged, shown or written.

    ``np.int64`` is an ``int``, ``np.bool_`` a ``bool``, ``np.str_`` a ``str``, any numpy float
    a ``float`` (NaN stays NaN), ``np.datetime64`` a ``pd.Timestamp`` and ``np.timedelta64`` a
    ``pd.Timedelta`` (not a time: ``pd.NaT``): ``.item()`` of a nanosecond one is a bare
    integer of nanoseconds. What a float or a missing value then becomes is each caller's
    rule, not this one's: a rule value typed in code refuses a float, an explanation shows it,
    a problem shows a whole one as the count typed, a workbook leaves NaN blank.
    """
    if not isinstance(value, np.generic):
        return value
    if isinstance(value, np.datetime64):
        return pd.Timestamp(value)
    if isinstance(value, np.timedelta64):
        return pd.Timedelta(value)
    return value.item()


# -- text ---------------------------------------------------------------------------------------


def as_text(raw: pd.Series) -> pd.Series:
    """Any column as stripped ``str`` with blanks as null; whole floats lose their ``.0``.

    A numeric id column that picked up a blank arrives as float (``101.0``); writing it back as
    ``101`` keeps it equal to the same id typed as text elsewhere.
    """
    if pd.api.types.is_float_dtype(raw.dtype):
        numbers = raw.to_numpy(dtype="float64", na_value=np.nan)
        whole = (
            np.isfinite(numbers) & (numbers == np.round(numbers)) & (np.abs(numbers) < EXACT_LIMIT)
        )
        text = pd.Series(numbers, dtype="float64").astype(TEXT_DTYPE)
        if whole.any():
            text[whole] = pd.Series(numbers[whole].astype(np.int64)).astype(TEXT_DTYPE).to_numpy()
    elif raw.dtype == TEXT_DTYPE:
        text = raw
    else:
        try:
            text = raw.astype(TEXT_DTYPE)
        except (UnicodeDecodeError, TypeError, ValueError):  # bytes that are not UTF-8
            text = raw.map(_cell_text, na_action="ignore").astype(TEXT_DTYPE)
    if _is_arrow(text) and _trimmed_and_filled(text):
        return text  # nothing to strip, nothing blank: a million strings left as they are
    text = text.str.strip()
    blank = (text == "").to_numpy(dtype=bool, na_value=False)
    return text.where(~blank) if blank.any() else text


# bytes a value may not start or end with to be left unstripped: ASCII whitespace (and the
# separators Python's str.strip also removes), and any non-ASCII byte (maybe a Unicode space)
_EDGE = np.zeros(256, dtype=bool)
_EDGE[[9, 10, 11, 12, 13, 28, 29, 30, 31, 32]] = True
_EDGE[128:] = True


def _trimmed_and_filled(text: pd.Series) -> bool:
    """Whether ``text.str.strip()`` would change nothing and no value is empty, read from the
    Arrow buffers: only each value's first and last byte are looked at (ids and names are
    nearly always clean, and stripping a million strings copies them all)."""
    import pyarrow as pa

    data = text.array._pa_array
    chunks = data.chunks if isinstance(data, pa.ChunkedArray) else [data]
    for chunk in chunks:
        if not len(chunk) or chunk.null_count == len(chunk):
            continue
        chunk = chunk.cast(pa.large_string()) if pa.types.is_string(chunk.type) else chunk
        if not pa.types.is_large_string(chunk.type):
            return False
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64)[
            chunk.offset : chunk.offset + len(chunk) + 1
        ]
        if chunk.buffers()[2] is None:
            return False  # only empty values
        body = np.frombuffer(chunk.buffers()[2], dtype=np.uint8)
        start, end = offsets[:-1], offsets[1:]
        valid = np.asarray(chunk.is_valid().to_numpy(zero_copy_only=False), dtype=bool)
        if ((end == start) & valid).any():
            return False  # an empty value: blank
        filled = end > start
        if _EDGE[body[start[filled]]].any() or _EDGE[body[end[filled] - 1]].any():
            return False
    return True


def _cell_text(value: Any) -> str:
    """One odd cell as text: bytes decoded leniently (shown, never trusted), anything else str."""
    if isinstance(value, bytes | bytearray):
        return bytes(value).decode("utf-8", errors="replace")
    return str(value)


def coerce_text(table: str, col: Column, raw: pd.Series) -> Coerced:
    """Free text and ids: stripped, blank is null; anything can be text, so nothing is bad."""
    text = as_text(raw)
    present = text.notna().to_numpy()
    return Coerced(text, present, ~present, [])


def _per_distinct(
    text: pd.Series, convert: Callable[[pd.Series], tuple[list[Any], BoolArray]]
) -> tuple[pd.Series, BoolArray]:
    """Apply ``convert`` to the distinct values only, then spread the answers over the rows.

    A column of a million rows holds a handful of statuses or periods: Python touches each
    spelling once. ``convert`` returns the new value (None if bad) and a bad mask per value.
    """
    codes, uniques = pd.factorize(text, use_na_sentinel=True)
    converted, bad_unique = convert(pd.Series(uniques, dtype=object))
    lookup = pd.Series([*converted, None], dtype=TEXT_DTYPE)  # last slot: nulls (code -1)
    values = pd.Series(lookup.array.take(codes))
    return values, np.append(bad_unique, False)[codes]


def coerce_choice(table: str, col: Column, raw: pd.Series) -> Coerced:
    """Normalise each distinct spelling once (``' PNS '`` -> ``'pns'``), then check the choices."""
    choices = col.choices or ()

    def convert(uniques: pd.Series) -> tuple[list[Any], BoolArray]:
        normal = [normalise_choice(str(u)) for u in uniques]
        bad = np.array([n not in choices for n in normal], dtype=bool)
        return [None if b else n for n, b in zip(normal, bad, strict=True)], bad

    text = as_text(raw)
    values, bad = _per_distinct(text, convert)
    problems = batch(table, "invalid_choice", col.name, bad, raw, choices=list(choices))
    return Coerced(values, values.notna().to_numpy(), text.isna().to_numpy(), problems)


def coerce_period(table: str, col: Column, raw: pd.Series) -> Coerced:
    """Canonical period text (``2025-TW3`` -> ``2025-Q3``) via :func:`canonical_periods`."""

    def convert(uniques: pd.Series) -> tuple[list[Any], BoolArray]:
        canon, bad = canonical_periods(uniques)
        return canon.astype(object).where(canon.notna(), None).tolist(), bad.to_numpy(dtype=bool)

    text = as_text(raw)
    values, bad = _per_distinct(text, convert)
    problems = batch(table, "invalid_period", col.name, bad, raw)
    ok = values.notna().to_numpy(dtype=bool, copy=True)
    if col.month:  # a quarter or a year names no month: refused, not read as its first
        month = values.str.fullmatch(r"\d{4}-\d{2}").fillna(False).to_numpy(dtype=bool)
        longer = ok & ~month
        problems += batch(table, "period_not_month", col.name, longer, raw)
        ok &= ~longer
        values = values.where(ok, None)
    return Coerced(values, ok, text.isna().to_numpy(), problems)


def coerce_nip(table: str, col: Column, raw: pd.Series) -> Coerced:
    """18 ASCII digits; spaces inside are dropped. A float NIP is refused: it lost its last digits.

    Valid NIPs also get an exact int64 twin (18 digits always fit), used for duplicate and
    reference checks over a million employees.

    A frame's column of numbers (review 78): floats are refused row by row
    (``nip_column_float``: no float holds 18 digits; the way out is ``dtype=str``), and so is
    a column of integers every one of which a binary64 double holds (``nip_column_rounded``):
    ``pd.read_json`` of a file a JavaScript program wrote gives int64 NIPs that went through
    doubles, each a multiple of 32, another NIP. One NIP in 32 is such a number by chance, so
    a column of one NIP says nothing and is read; two or more, all such, are refused (a
    genuine column of n NIPs is so one time in 32**n).
    """
    if pd.api.types.is_float_dtype(raw.dtype):
        return _float_nips(table, col, raw)
    rounded = _rounded_nips(table, col, raw)
    text = as_text(raw)
    good = _nip_shape(text)
    null = text.isna().to_numpy()
    retry = ~good & ~null
    if retry.any() and not pd.api.types.is_float_dtype(raw.dtype):
        fixed = text[retry].map(normalise_nip).astype(TEXT_DTYPE)
        text[retry] = fixed.to_numpy()
        good[retry] = _nip_shape(fixed)
    if rounded is not None:  # refused as rounded, not also as invalid
        good &= ~rounded[1]
    bad = ~null & ~good
    problems = batch(table, "invalid_nip", col.name, bad & ~rounded[1] if rounded else bad, raw)
    if rounded is not None:
        problems = [*rounded[0], *problems]
    if bad.any():
        text = text.where(~bad)
    numbers = np.zeros(len(text), dtype=np.int64)
    if good.any():
        numbers[good] = _to_int64(text[good])
    ints = pd.Series(pd.arrays.IntegerArray(numbers, ~good))
    return Coerced(text, good, null, problems, ints)


def _float_nips(table: str, col: Column, raw: pd.Series) -> Coerced:
    """A column of floats: every NIP refused (``nip_column_float``), each shown as the whole
    number it holds, the way out (``dtype=str``) in the reason."""
    null = raw.isna().to_numpy(dtype=bool)
    shown = pd.Series(
        [None if n else _whole(v) for v, n in zip(raw.tolist(), null.tolist(), strict=True)],
        index=raw.index,
        dtype=object,
    )
    problems = batch(
        table,
        "nip_column_float",
        col.name,
        ~null,
        shown,
        frame=table,
        name=col.name,
        dtype=str(raw.dtype),
    )
    text = pd.Series([None] * len(raw), dtype=TEXT_DTYPE)
    ints = pd.Series(pd.arrays.IntegerArray(np.zeros(len(raw), np.int64), np.ones(len(raw), bool)))
    return Coerced(text, np.zeros(len(raw), dtype=bool), null, problems, ints)


def _whole(value: float) -> str:
    """A float NIP as the digits it holds (``196711201995012000``), not ``1.967e+17``."""
    return str(int(value)) if np.isfinite(value) and float(value).is_integer() else repr(value)


def _rounded_nips(table: str, col: Column, raw: pd.Series) -> tuple[list[Batch], BoolArray] | None:
    """``nip_column_rounded`` for every integer NIP of a column holding two or more, all of
    which a binary64 double holds (see :func:`coerce_nip`), and those rows; None for any other
    column. An ``object`` column counts its Python integers (review 81: ``pd.DataFrame`` of
    JSON records where some NIPs came quoted and some as numbers, or a column built with
    ``dtype=object``, was read without a word); its text NIPs are read as they are."""
    if raw.dtype == object:
        if pd.api.types.infer_dtype(raw, skipna=True) not in ("integer", "mixed-integer"):
            return None  # text (the usual object column: decided without a Python loop)
        cells = raw.tolist()
        flagged = np.array(
            [isinstance(v, int | np.integer) and not isinstance(v, bool) for v in cells],
            dtype=bool,
        )
        if not flagged.any():
            return None
        numbers = [int(v) for v, f in zip(cells, flagged.tolist(), strict=True) if f]
        if any(abs(v) >= 2**63 for v in numbers):
            return None  # beyond int64: no double rounding made these (invalid_nip)
        values = np.array(numbers, dtype=np.int64)
    elif pd.api.types.is_integer_dtype(raw.dtype) and raw.dtype != bool:
        flagged = raw.notna().to_numpy(dtype=bool)
        values = raw[flagged].to_numpy(dtype=np.int64)
    else:
        return None
    if len(np.unique(values)) < 2 or (np.abs(values) <= _DOUBLE_EXACT).any():
        return None
    if not (values.astype(np.float64).astype(np.int64) == values).all():
        return None
    count = str(len(values))
    problems = batch(
        table, "nip_column_rounded", col.name, flagged, raw, frame=table, name=col.name, count=count
    )
    return problems, flagged


#: Every integer up to this is a double: the rounding that makes a NIP a multiple of 32 only
#: shows beyond it.
_DOUBLE_EXACT = 2**53


def _nip_shape(text: pd.Series) -> BoolArray:
    """Which cells are 18 ASCII decimal digits (null: no), as a new writable array."""
    if _is_arrow(text):  # the kernels pandas' .str.len/.isascii/.isdecimal call, without
        # a Series per step (three of them plus two ``&`` cost more than the NIPs of a
        # small table)
        import pyarrow.compute as pc

        data = text.array._pa_array
        shaped = pc.and_(
            pc.and_(pc.equal(pc.utf8_length(data), NIP_LENGTH), pc.string_is_ascii(data)),
            pc.utf8_is_decimal(data),
        )
        return np.array(shaped.fill_null(False).to_numpy(), dtype=bool)
    shaped = (text.str.len() == NIP_LENGTH) & text.str.isascii() & text.str.isdecimal()
    return shaped.fillna(False).to_numpy(dtype=bool, copy=True)


def _to_int64(digits: pd.Series) -> npt.NDArray[np.int64]:
    if _is_arrow(digits):
        import pyarrow as pa
        import pyarrow.compute as pc

        return np.asarray(pc.cast(pa.array(digits), pa.int64()), dtype=np.int64)
    return digits.to_numpy(dtype=str).astype(np.int64)


_DAYS_IN_MONTH = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31], dtype=np.int64)


def nip_pattern_problems(table: str, column: str, nip: Coerced, check: BoolArray) -> list[Batch]:
    """PNS pattern of the rows in ``check``: birth date, appointment month, sex digit.

    ``YYYYMMDD`` birth date (a real date, 1900 or later), ``YYYYMM`` appointment (1940 or
    later, at least 15 years after birth), sex digit 1 or 2. Each failing part is its own
    problem so the officer sees every part to correct. The parts are cut from the NIP's exact
    integer twin by integer division: no string work on a million rows.
    """
    rows = np.flatnonzero(check)
    if len(rows) == 0 or nip.ints is None:
        return []
    number = nip.ints.iloc[rows].to_numpy(dtype=np.int64)
    birth_year = number // 10**14
    birth_month, birth_day = number // 10**12 % 100, number // 10**10 % 100
    leap = (birth_year % 4 == 0) & ((birth_year % 100 != 0) | (birth_year % 400 == 0))
    month_days = _DAYS_IN_MONTH[np.clip(birth_month, 0, 12)] + (leap & (birth_month == 2))
    bad_birth = (
        (birth_year < 1900)
        | (birth_month < 1)
        | (birth_month > 12)
        | (birth_day < 1)
        | (birth_day > month_days)
    )
    appointed_year, appointed_month = number // 10**6 % 10**4, number // 10**4 % 100
    bad_appointment = (
        (appointed_year < 1940)
        | (appointed_month < 1)
        | (appointed_month > 12)
        | (~bad_birth & (appointed_year < birth_year + 15))
    )
    sex = number // 1000 % 10
    bad_sex = (sex != 1) & (sex != 2)
    parts = (
        (bad_birth, "nip_birth", slice(0, 8)),
        (bad_appointment, "nip_appointment", slice(8, 14)),
        (bad_sex, "nip_sex", slice(14, 15)),
    )
    out = []
    for mask, detail, span in parts:
        if mask.any():
            values = nip.values.iloc[rows[mask]].to_numpy(dtype=object)
            part = np.array([v[span] for v in values], dtype=object)
            out.append(
                Batch(
                    table,
                    "suspicious_nip",
                    column,
                    rows[mask],
                    values,
                    row_fields={"part": part},
                    detail_code=detail,
                )
            )
    return out


# -- numbers ------------------------------------------------------------------------------------


def _numbers(
    raw: pd.Series,
) -> tuple[npt.NDArray[np.float64], IntArray | None, BoolArray, BoolArray]:
    """``(float values, exact int64 values or None, null, not a number)`` for any column."""
    dtype = raw.dtype
    null = raw.isna().to_numpy()
    if pd.api.types.is_bool_dtype(dtype):  # True is not a grade, nor a rupiah amount
        return np.full(len(raw), np.nan), None, null, ~null
    if pd.api.types.is_numeric_dtype(dtype):
        floats = raw.to_numpy(dtype="float64", na_value=np.nan)
        signed = pd.api.types.is_signed_integer_dtype(dtype)
        exact = raw.to_numpy(dtype="int64", na_value=0) if signed else None
        if exact is not None and not exact.flags.owndata:  # the caller's Int64 numbers:
            exact = exact.view()  # read them, never write (see _coerce_int64)
            exact.flags.writeable = False
        return floats, exact, null, np.zeros(len(raw), dtype=bool)
    text = as_text(raw)
    null = text.isna().to_numpy()
    floats = pd.to_numeric(text, errors="coerce").to_numpy(dtype="float64", na_value=np.nan)
    return floats, None, null, np.isnan(floats) & ~null


def coerce_number(table: str, col: Column, raw: pd.Series) -> Coerced:
    """int, money (both exact integers) and decimal (float64) columns, with range checks.

    A money or int cell must be a whole number: ``1500000.0`` is accepted, ``1500000.5`` is a
    problem, never rounded. Numbers beyond 2**53 that came through a float are refused as
    inexact. Decimals stay float64: the engine reads each by its shortest repr.
    """
    if raw.dtype == np.int64 and col.type in ("int", "money"):
        return _coerce_int64(table, col, raw)
    floats, exact, null, notnum = _numbers(raw)
    problems = batch(table, "not_a_number", col.name, notnum, raw)
    finite = np.isfinite(floats)
    infinite = ~null & ~notnum & ~finite
    problems += batch(table, "not_finite", col.name, infinite, raw)
    ok = finite.copy()
    if col.type in ("int", "money"):
        whole = finite & (floats == np.floor(np.where(finite, floats, 0)))
        fraction = finite & ~whole
        problems += batch(table, "not_an_integer", col.name, fraction, raw)
        if exact is None:  # came through a float: exact only below 2**53
            inexact = whole & (np.abs(floats) >= EXACT_LIMIT)
            exact = np.where(whole & ~inexact, floats, 0).astype(np.int64)
        else:  # exact integers (Int64, int64[pyarrow]): the same bound as any other cell's
            inexact = whole & _beyond_exact(exact)
        problems += batch(table, "number_too_large", col.name, inexact, raw, maximum=EXACT_MAX)
        ok &= whole & ~inexact
    if col.minimum is not None:
        low = ok & (floats < col.minimum)
        problems += batch(table, "below_minimum", col.name, low, raw, minimum=_plain(col.minimum))
        ok &= ~low
    if col.maximum is not None:
        high = ok & (floats > col.maximum)
        problems += batch(table, "above_maximum", col.name, high, raw, maximum=_plain(col.maximum))
        ok &= ~high
    if col.percent:
        fraction = ok & (floats > 0) & (floats < 1)
        problems += batch(table, "percent_as_fraction", col.name, fraction, raw)
        ok &= ~fraction
    if col.type == "decimal":  # a new array (np.where): no copy for the Series
        values = pd.Series(np.where(ok, floats, np.nan), dtype="float64", copy=False)
    else:  # ``exact`` may be the input's own Int64 numbers: see _coerce_int64
        assert exact is not None
        values = pd.Series(pd.arrays.IntegerArray(exact, ~ok), copy=col.nullable)
    return Coerced(values, ok, null, problems)


def _coerce_int64(table: str, col: Column, raw: pd.Series) -> Coerced:
    """The common case of a clean int64 column (counts, grades): only the range to check.

    The bound of every int and money cell first: a number beyond 2**53 - 1 is refused as it
    is when it comes as text or a float, although int64 holds it exactly. tukin computes
    amounts through floats, and its totals assume amounts below it: a pagu of 9 × 10^18
    wrapped a monitoring sum to 0."""
    ints = raw.to_numpy()
    huge = _beyond_exact(ints)
    ok = ~huge
    problems = batch(table, "number_too_large", col.name, huge, raw, maximum=EXACT_MAX)
    if col.minimum is not None:
        low = ok & (ints < col.minimum)
        problems += batch(table, "below_minimum", col.name, low, raw, minimum=_plain(col.minimum))
        ok &= ~low
    if col.maximum is not None:
        high = ok & (ints > col.maximum)
        problems += batch(table, "above_maximum", col.name, high, raw, maximum=_plain(col.maximum))
        ok &= ~high
    # the input's own numbers, not copied (0.1 s a million rows, pandas 3 copies by default):
    # validation only reads them, and the kept table converts them to int64, a new array;
    # a nullable column stays Int64 there, so it gets its own copy here
    values = pd.Series(pd.arrays.IntegerArray(ints, ~ok, copy=False), copy=col.nullable)
    return Coerced(values, ok, np.zeros(len(ints), dtype=bool), problems)


def _beyond_exact(ints: npt.NDArray[np.int64]) -> BoolArray:
    """Whole numbers larger in size than :data:`EXACT_MAX` (no ``abs``: it wraps int64's
    smallest)."""
    return (ints > EXACT_MAX) | (ints < -EXACT_MAX)


def coerce_count(table: str, name: str, raw: pd.Series) -> Coerced:
    """An attendance code column: a whole count >= 0; a blank cell counts as 0 (documented)."""
    spec = Column(name, "int", "attendance count", minimum=0)
    coerced = coerce_number(table, spec, raw)
    if not coerced.null.any():
        return coerced
    values = coerced.values.copy()
    values[coerced.null] = 0
    return Coerced(values, coerced.present | coerced.null, coerced.null, coerced.problems)


def _plain(bound: float) -> int | float:
    return int(bound) if float(bound).is_integer() else bound


# -- dates --------------------------------------------------------------------------------------


#: A UTC offset at the end of an ISO date-time (``+07:00``, ``+0800``, ``Z``): dropped, so each
#: value is read at its own wall clock. Midnight WIB on 31 October is 31 October wherever the
#: service runs; converted to UTC it was 30 October, and an employee leaving that day was paid
#: a day less.
_UTC_OFFSET = r"(?<=\d)(?:[zZ]|[+-]\d{2}:?\d{2})$"


def coerce_date(table: str, col: Column, raw: pd.Series) -> Coerced:
    """ISO dates (``2025-01-31``) or date/datetime objects; a time of day is dropped, and a
    UTC offset too: the date is the one at the value's own wall clock (see ``_UTC_OFFSET``)."""
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        stamps = raw
        if getattr(stamps.dt, "tz", None) is not None:
            stamps = stamps.dt.tz_localize(None)
        null = stamps.isna().to_numpy()
        bad = np.zeros(len(raw), dtype=bool)
    else:
        text = as_text(raw)
        null = text.isna().to_numpy()
        if null.all():  # an empty column (end_date, usually): nothing to parse
            empty = pd.Series(np.full(len(raw), np.datetime64("NaT", "us")), dtype=DATE_DTYPE)
            return Coerced(empty, np.zeros(len(raw), dtype=bool), null, [])
        try:
            stamps = pd.to_datetime(text, errors="coerce", format="ISO8601")
        except (ValueError, TypeError):  # mixed UTC offsets (WIB, WITA, WIT; or with none)
            stamps = pd.to_datetime(
                text.str.replace(_UTC_OFFSET, "", regex=True), errors="coerce", format="ISO8601"
            )
        if not pd.api.types.is_datetime64_any_dtype(stamps.dtype):
            stamps = pd.to_datetime(
                text.str.replace(_UTC_OFFSET, "", regex=True), errors="coerce", format="ISO8601"
            )
        # one offset for the whole column: the date at that wall clock, not converted to UTC
        if getattr(stamps.dt, "tz", None) is not None:
            stamps = stamps.dt.tz_localize(None)
        bad = stamps.isna().to_numpy() & ~null
    # ISO 8601's signed years read "-1" as the year -1 (and "-0044-03-15" as Caesar's day):
    # no date of service, and Python's dates cannot hold it (explaining such a row failed)
    before_ce = (stamps.dt.year < 1).to_numpy(dtype=bool, na_value=False)
    if before_ce.any():
        stamps = stamps.mask(before_ce)
        bad = bad | before_ce
    values = stamps.dt.normalize().astype(DATE_DTYPE)
    problems = batch(table, "invalid_date", col.name, bad, raw)
    return Coerced(values, values.notna().to_numpy(), null, problems)


def coerce(table: str, col: Column, raw: pd.Series) -> Coerced:
    """Coerce one contract column and report nulls where the contract forbids them."""
    kind = col.type
    if kind in ("int", "money", "decimal"):
        result = coerce_number(table, col, raw)
    elif kind == "date":
        result = coerce_date(table, col, raw)
    elif kind == "period":
        result = coerce_period(table, col, raw)
    elif kind == "enum":
        result = coerce_choice(table, col, raw)
    elif kind == "nip":
        result = coerce_nip(table, col, raw)
    else:
        result = coerce_text(table, col, raw)
    if col.blank_is_default and result.null.any():
        result = _blank_as_default(table, col, result)
    if not col.nullable:
        code = _REQUIRED_SAID.get((table, col.name), "required_value")
        result.problems[:0] = batch(table, code, col.name, result.null, raw)
    return result


#: Required cells whose blank has a likelier meaning than "forgotten", said with its own code
#: so the message can say what to type: an earlier position's end date left blank because
#: the position ran "until the promotion" (review 110).
_REQUIRED_SAID = {("position_history", "end_date"): "history_end_missing"}


#: Rows of a ``blank_default`` note named beside its first (the count says how many in all).
_BLANK_ROWS_SHOWN = 10


def _blank_as_default(table: str, col: Column, result: Coerced) -> Coerced:
    """A column whose blank cells take its default (:attr:`Column.blank_is_default`): the
    values filled, and one note (``blank_default``) on the first blank row naming how many
    and the next ones, not one per row (a workbook may leave hundreds blank). ``null`` stays
    as read (blank in the input), ``present`` becomes true there."""
    blank = np.flatnonzero(result.null)
    values = result.values.copy()
    values.iloc[blank] = col.default
    others = blank[1 : 1 + _BLANK_ROWS_SHOWN]
    note = Batch(
        table,
        "blank_default",
        col.name,
        blank[:1].astype(np.int64),
        np.asarray([None], dtype=object),
        {
            "default": col.default,
            "count": len(blank),
            # input rows ("4, 5"), which a reader turns into its sheet's; None: no other
            "other_rows": ", ".join(str(int(r)) for r in others) or None,
            "more": len(blank) > 1 + len(others),
        },
    )
    return Coerced(
        values,
        result.present | result.null,
        np.zeros(len(values), dtype=bool),
        [*result.problems, note],
    )
