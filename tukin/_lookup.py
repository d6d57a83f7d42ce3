"""Key look-ups (joins by identifier) that stay in Arrow when the text is stored there.

Every calculation joins a million employees to their positions, units, attendance and
appraisal rows by text identifiers (NIP, position_id, unit_id). With pandas' Arrow-backed
strings, ``pd.Index.get_indexer`` first turns both sides into Python objects and hashes those:
about 0.8 s per million keys. Arrow's own hash join (``pyarrow.compute.index_in``) does the
same look-up on the Arrow buffers in about 0.13 s. :func:`positions_in` takes that road when
both sides are Arrow strings and pandas' otherwise (no pyarrow, object columns, numbers), with
the same answer: for each key, the position of the equal value in the table, or -1.

The order of identifiers lives here too (:func:`text_order`): NIPs sort, join and hash as
int64 (:func:`digits_as_int64`) for the frame, the Result and the dataset fingerprint; so does
the moving of identifier columns: shared text as int-coded categories
(:func:`as_categories`, :func:`taken_as_categories`, shown by the Result as
:func:`canonical_categories`) and
tables put in an order on several threads (:func:`take_rows`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Sequence
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "KeyTable",
    "as_categories",
    "canonical_categories",
    "digits_as_int64",
    "is_identity",
    "mixed_radix",
    "on_threads",
    "positions_in",
    "take_rows",
    "taken_as_categories",
    "text_order",
]


def positions_in(keys: Any, table: Any) -> np.ndarray:
    """For each of ``keys``, the position of the equal value in ``table`` (-1: not there).

    ``table`` must not hold a value twice (identifiers): then this is
    ``pd.Index(table).get_indexer(keys)``, except that a missing key (None, NaN, NA) always
    finds nothing (``get_indexer`` may match it to a missing value in the table, or not,
    depending on how each side stores text; a missing reference refers to nothing).
    """
    if isinstance(getattr(keys, "dtype", None), pd.CategoricalDtype):
        # each distinct value looked up once, then spread by the codes; none when the
        # categories are the table itself (the frame codes position ids by the positions
        # table: comparing 100k ids is a tenth of hashing them)
        cat = pd.Categorical(keys)
        categories = pd.Index(cat.categories)
        if isinstance(table, pd.Index) and categories.equals(table):
            found = np.arange(len(table), dtype=np.int64)
        else:
            found = positions_in(categories, table)
        codes = np.asarray(cat.codes, dtype=np.int64)
        return through(found, codes)
    out = _arrow_positions(keys, table)
    if out is None:
        index = table if isinstance(table, pd.Index) else pd.Index(_values(table))
        wanted = keys if isinstance(keys, pd.Index) else pd.Index(_values(keys))
        out = np.asarray(index.get_indexer(wanted), dtype=np.int64)
    missing = np.asarray(pd.isna(keys if isinstance(keys, pd.Series | pd.Index) else _values(keys)))
    if missing.any():
        out[missing] = -1
    return out


def _values(x: Any) -> Any:
    if isinstance(x, pd.Series | pd.Index | np.ndarray):
        return x
    return np.atleast_1d(np.asarray(x, dtype=object))


def _arrow_strings(x: Any) -> Any:
    """The Arrow array behind a Series or Index of Arrow-backed strings, else None."""
    if not isinstance(x, pd.Series | pd.Index):
        return None
    dtype = x.dtype
    if not (isinstance(dtype, pd.StringDtype) and dtype.storage == "pyarrow"):
        return None
    data = getattr(x.array, "_pa_array", None)
    return data


def _arrow_positions(keys: Any, table: Any) -> np.ndarray | None:
    k, t = _arrow_strings(keys), _arrow_strings(table)
    if k is None or t is None:
        return None
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - Arrow strings imply pyarrow
        return None
    digits = _digit_positions(k, t, pa, pc)
    if digits is not None:
        return digits
    try:
        values = t.combine_chunks() if isinstance(t, pa.ChunkedArray) else t
        if k.type != values.type:
            values = values.cast(k.type)
        found = pc.index_in(k, value_set=values)
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, pa.ArrowTypeError):
        return None
    out = found.fill_null(-1)
    arr = out.to_numpy() if isinstance(out, pa.ChunkedArray) else out.to_numpy(zero_copy_only=False)
    return np.array(arr, dtype=np.int64)  # a copy: callers may write into it


def digits_as_int64(values: Any) -> np.ndarray | None:
    """``values`` (Arrow text, or a pandas array/Series/Index stored in Arrow) as int64 when
    every one is 1 to 18 ASCII digits, all of one length, none missing; else None.

    NIPs are such strings, and for them text order and equality are integer order and
    equality: sorting or hashing a million int64 is several times cheaper than strings.
    """
    found = _digits(values)
    return None if found is None else found[0]


def _digits(values: Any) -> tuple[np.ndarray, int] | None:
    """:func:`digits_as_int64` and the common length of the texts."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - pyarrow is optional
        return None
    data = values if isinstance(values, pa.Array | pa.ChunkedArray) else _arrow_data(values)
    if data is None or not len(data) or data.null_count:
        return None
    if not pa.types.is_string(data.type) and not pa.types.is_large_string(data.type):
        return None
    span = pc.min_max(pc.utf8_length(data)).as_py()
    width = span["min"]
    if not (width == span["max"] and 1 <= width <= 18):
        return None
    if not pc.all(pc.ascii_is_decimal(data)).as_py():
        return None
    return np.asarray(pc.cast(data, pa.int64()).to_numpy(), dtype=np.int64), int(width)


def _arrow_data(values: Any) -> Any:
    if isinstance(values, pd.Series | pd.Index):
        return _arrow_strings(values)
    return getattr(values, "_pa_array", None)


def _digit_positions(k: Any, t: Any, pa: Any, pc: Any) -> np.ndarray | None:
    """The look-up as integers when every table value is one length (at most 18) of ASCII
    digits, as NIPs are: a key matches only if it has that length and only digits, and then
    exactly when its integer does. Hashing a million int64 is far cheaper than a million
    strings (an Arrow hash join of NIP against NIP took a second at a million rows)."""
    table = _digit_table(t)
    return None if table is None else _digit_keys(k, table[0], table[1], pa, pc)


def _digit_table(values: Any) -> tuple[pd.Index, int] | None:
    """An id column of at least 1024 unique one-length digit texts as an int64 index and
    that length (below 1024 rows hashing text is cheap anyway); else None."""
    found = _digits(values) if len(values) >= 1024 else None
    if found is None:
        return None
    table = pd.Index(found[0])
    return (table, found[1]) if table.is_unique else None


def _digit_keys(k: Any, table: pd.Index, width: int, pa: Any, pc: Any) -> np.ndarray:
    """Positions of Arrow text keys ``k`` in an int64 ``table`` of ``width``-digit ids."""
    ok = pc.and_kleene(pc.equal(pc.utf8_length(k), width), pc.ascii_is_decimal(k))
    ok_np = np.asarray(ok.fill_null(False).to_numpy(zero_copy_only=False), dtype=bool)
    out = np.full(len(k), -1, dtype=np.int64)
    if ok_np.any():
        chosen = pc.filter(k, pa.array(ok_np))
        keys = np.asarray(pc.cast(chosen, pa.int64()).to_numpy(), dtype=np.int64)
        out[ok_np] = table.get_indexer(pd.Index(keys))
    return out


class KeyTable:
    """A column of identifiers prepared once for several :func:`positions_in` look-ups (the
    employees' NIPs, looked up by attendance and appraisal rows): NIP-like text is turned into
    int64 and hashed once, not once per look-up."""

    def __init__(self, values: pd.Series | pd.Index) -> None:
        self.values = values
        self._digits = _digit_table(values)
        self._unique: bool | None = None if self._digits is None else True

    @property
    def is_unique(self) -> bool:
        if self._unique is None:  # hashed once, not once per look-up
            self._unique = bool(pd.Index(self.values).is_unique)
        return self._unique

    def positions(self, keys: Any) -> np.ndarray:
        """``positions_in(keys, values)``, with the prepared table where it applies.

        Keys that are the table's own values, row for row (a month's attendance with one row
        per employee: both in NIP order), are each at their own row: one comparison of the
        two Arrow buffers instead of a million look-ups."""
        digits = self._digits
        k = _arrow_strings(keys)
        v = _arrow_strings(self.values)
        if (
            k is not None
            and v is not None
            and len(k) == len(v)
            and k.null_count == 0
            and k.equals(v)
            and self.is_unique
        ):
            return np.arange(len(k), dtype=np.int64)
        if digits is None or k is None:
            return positions_in(keys, self.values)
        import pyarrow as pa
        import pyarrow.compute as pc

        return _digit_keys(k, digits[0], digits[1], pa, pc)


def text_order(nips: Any) -> np.ndarray:
    """The stable order that sorts ``nips`` as text.

    NIPs of the civil service are 18 ASCII digits, and strings of digits of one length sort
    as text exactly as they sort as numbers: sorting them as int64 takes a fifth of the time
    of a text sort at a million rows. Anything else is sorted as text.
    """
    digits = digits_as_int64(nips)
    if digits is not None:
        return np.argsort(digits, kind="stable")
    return pd.DataFrame({"nip": nips}).sort_values("nip", kind="stable").index.to_numpy()


def mixed_radix(parts: Sequence[tuple[np.ndarray, int, int]]) -> np.ndarray | None:
    """One int64 per row from ``parts`` (int64 values per row, their smallest, their
    largest): each part a digit of a mixed-radix number, the first the most significant.
    Two rows get the same number exactly when they agree in every part, and numbers sort
    as the rows sort part by part. None when the parts' spans together do not fit int64.

    A composite key as one integer: sorting it (the fingerprint's key order) or comparing
    neighbours after a sort (validation's duplicate keys) is then one numpy call on a
    million rows, where a multi-key sort or a hash table of tuples costs several times more.
    """
    span = 1
    for _, low, high in parts:
        span *= high - low + 1
    if span >= 2**63:
        return None
    number = np.zeros(len(parts[0][0]) if parts else 0, dtype=np.int64)
    for values, low, high in parts:  # no product reaches 2**63: checked above
        number *= high - low + 1
        number += values - low
    return number


def is_identity(order: np.ndarray) -> bool:
    """Whether a permutation from :func:`text_order` (or any sort) leaves the rows in place:
    then nothing needs reordering."""
    return bool((order[1:] > order[:-1]).all())


def as_categories(values: pd.Series) -> Any:
    """A text column as a :class:`pandas.Categorical` of its distinct values (in order of
    first appearance), or the column's own array when it is not Arrow text or more than half
    of its values are distinct (nothing to gain; callers leave names and NIPs out anyway).

    The employee frame holds position, unit and OPD identifiers and names this way: a million
    employees share a few thousand of each, and taking, filtering or joining int32 codes is
    some twenty times cheaper than moving a million strings.
    """
    if _arrow_strings(values) is None or len(values) < 2:
        return values.array
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    if len(uniques) > len(values) // 2:
        return values.array
    return pd.Categorical.from_codes(codes, categories=pd.Index(uniques, dtype=values.dtype))


def taken_as_categories(values: pd.Series, at: np.ndarray) -> Any:
    """``values.array.take(at, allow_fill=True)`` (-1: missing) as categories of the
    distinct values when ``values`` is Arrow text: ``values`` is a table's column (positions,
    units, appraisals) and ``at`` a million employees' rows in it, so the strings are encoded
    once per table row and the employees get int codes (see :func:`as_categories`)."""
    if _arrow_strings(values) is None:
        return values.array.take(at, allow_fill=True)
    codes, uniques = pd.factorize(values, use_na_sentinel=True)
    taken = through(np.asarray(codes), at)
    return pd.Categorical.from_codes(
        taken, categories=pd.Index(uniques, dtype=values.dtype), validate=False
    )


def canonical_categories(
    values: pd.Categorical, rows: np.ndarray | slice | None = None
) -> pd.Categorical:
    """``values`` (at ``rows``: positions, a mask or a slice; None: all) as categories of exactly the
    values held, in sorted order: the form in which the Result shows text shared by many
    employees (position, unit and OPD ids and names, status).

    The categories depend only on the values shown, not on the tables they were coded from
    (which hold positions no one is paid in): two results with the same text have the same
    dtype (a month next to the next, one computed in partitions next to one computed at
    once), and sorting or grouping by the column orders it as the text would sort.
    """
    codes = np.asarray(values.codes)
    if rows is not None:
        codes = codes[rows]
    k = len(values.categories)
    held = np.flatnonzero(np.bincount(codes[codes >= 0], minlength=k))
    text = values.categories.take(held)
    order = text.argsort()
    # old code -> new code; the extra last entry maps a missing value (-1) to itself
    new = np.full(k + 1, -1, dtype=np.int64)
    new[held[order]] = np.arange(len(held))
    dtype = pd.CategoricalDtype(text.take(order), ordered=False)
    return pd.Categorical.from_codes(new[codes], dtype=dtype, validate=False)


def through(mapping: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """``mapping[rows]``, -1 where ``rows`` is -1: one link followed after another (a
    position's unit row, then that unit's OPD row), the "none" of either kept as -1."""
    rows = np.asarray(rows)
    if not len(mapping):  # nothing to point at: every row is -1 already
        return rows
    return np.where(rows >= 0, mapping[np.maximum(rows, 0)], -1)


def take_rows(frame: pd.DataFrame, order: np.ndarray, few: Collection[Any] = ()) -> pd.DataFrame:
    """``frame.take(order)``, the columns taken on up to four threads for large frames.

    Moving a million strings is memory-bound C++ (Arrow's take) that releases the GIL, so a
    second core nearly halves the wall time of putting a table in key order; the result is
    the same frame (index and columns) as ``frame.take(order)``. ``few`` names text columns
    known to hold few distinct values (a contract's enums: statuses, ratings): those are
    taken through their dictionary.
    """
    if len(frame) < PARALLEL_ROWS or not frame.columns.is_unique:
        return frame.take(order)
    columns = list(frame.columns)
    taken = on_threads(lambda c: _taken(frame[c], order, c in few), columns)
    # copy=False: the taken arrays are new and the frame's own; a copy would also stack the
    # numeric columns into one 2-D block (a second write of every number, ~0.4 s at 6M rows)
    out = pd.DataFrame(
        dict(zip(columns, taken, strict=True)), index=frame.index.take(order), copy=False
    )
    out.attrs = dict(frame.attrs)
    return out


def _taken(column: pd.Series, order: np.ndarray, few: bool = False) -> Any:
    """``column.array.take(order)``; text of one width (NIPs, periods) moved by numpy, text
    of few distinct values (``few``) through its dictionary."""
    fixed = _fixed_width_take(column, order)
    if fixed is None and few:
        fixed = _dictionary_take(column, order)
    return fixed if fixed is not None else column.array.take(order)


def _dictionary_take(column: pd.Series, order: np.ndarray) -> Any:
    """``column.array.take(order)`` for Arrow text of few distinct values, else None.

    Arrow's take copies each row's bytes from wherever they lie in the column: a cache miss
    or two per row (50 ms for a million ratings). Encoding the column (one sequential pass),
    taking the int32 codes and decoding from a dictionary that stays in cache costs half.
    Same values and dtype; missing values stay missing.
    """
    data = _arrow_strings(column)
    if data is None or data.num_chunks != 1 or not len(order):
        return None
    import pyarrow as pa

    encoded = data.chunk(0).dictionary_encode()
    if len(encoded.dictionary) * 16 > len(encoded):  # not few after all: the plain take
        return None
    codes = encoded.indices.take(pa.array(order))
    out = encoded.dictionary.take(codes)
    return type(column.array)(pa.chunked_array([out]), dtype=column.dtype)


def _fixed_width_take(column: pd.Series, order: np.ndarray) -> Any:
    """``column.array.take(order)`` for Arrow text without gaps whose values all have one
    length in bytes (NIPs, periods, codes), else None.

    Such a column is one block of fixed-size records: numpy moves them as ``V<width>``
    items, about three times faster than Arrow's take, which copies value by value through
    the offsets (~70 ns a row even for a seven-byte period). Same values, same dtype.
    """
    data = _arrow_strings(column)
    if data is None or data.num_chunks != 1 or data.null_count or not len(order):
        return None
    import pyarrow as pa

    arr = data.chunk(0)
    wide = arr.type == pa.large_string()
    if not wide and arr.type != pa.string():
        return None
    off_type = np.int64 if wide else np.int32
    n = len(arr)
    offsets = np.frombuffer(
        arr.buffers()[1],
        dtype=off_type,
        count=n + 1,
        offset=arr.offset * np.dtype(off_type).itemsize,
    )
    width = int(offsets[1] - offsets[0])
    if width == 0 or (not wide and (len(order) + 1) * width >= 2**31):
        return None
    if int(offsets[-1] - offsets[0]) != width * n or not (np.diff(offsets) == width).all():
        return None
    records = np.frombuffer(arr.buffers()[2], dtype=f"V{width}", count=n, offset=int(offsets[0]))
    taken = records.take(order)
    new_offsets = np.arange(0, (len(order) + 1) * width, width, dtype=off_type)
    out = pa.Array.from_buffers(
        arr.type, len(order), [None, pa.py_buffer(new_offsets), pa.py_buffer(taken)]
    )
    return type(column.array)(pa.chunked_array([out]), dtype=column.dtype)


PARALLEL_ROWS = 100_000  # below this, threads cost more than they save


def on_threads(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    """``[fn(x) for x in items]`` on up to four threads (one per item at most), in order.

    For column-at-a-time work that is C code releasing the GIL (Arrow takes and filters,
    numpy gathers): a second core nearly halves its wall time. Each call runs in a copy of
    the caller's context (its ``tukin.language``, see :func:`tukin._language.in_this_context`).
    """
    workers = min(4, os.cpu_count() or 1, len(items))
    if workers < 2:
        return [fn(x) for x in items]
    from concurrent.futures import ThreadPoolExecutor

    from tukin._language import in_this_context

    with ThreadPoolExecutor(workers) as pool:
        return list(pool.map(in_this_context(fn), items))
