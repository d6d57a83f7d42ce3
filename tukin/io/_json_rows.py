"""Rows of a table as the text ``json.dumps(rows, indent=2, ensure_ascii=False)`` writes,
built a column at a time by numpy's string operations.

The result document lists every paid employee with some twenty-five fields. CPython encodes
an *indented* document with its pure-Python encoder (the C one serves only ``indent=None``),
and the rows had to become a dict of Python objects each first: at 200,000 employees most of
``Result.to_json``'s time. Here each column becomes the JSON text of its values in one
vectorised pass (an integer's digits, a float's shortest repr, a category's few labels
encoded once, text escaped by the encoder's own C function), and the rows are assembled with
the document's indentation. The text is the very one ``json.dumps`` writes (tested
character for character, with hypothesis); a column this module cannot write exactly so
(cells holding lists, mixed objects) makes :func:`records_json_array` return None and the
caller encode the rows the old way.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from json.encoder import encode_basestring
from typing import Any

import numpy as np
import pandas as pd

#: numpy's variable-width text: cheaper to build and to add to than fixed-width ``<U``
SD = np.dtypes.StringDType()

_escape: Callable[[str], str] = encode_basestring  # the C function json.dumps escapes with
#: rows of the document :func:`json_rows` builds at a time
ROWS = 1 << 15


def json_rows(names: Sequence[str], values: Sequence[np.ndarray], indent: int, depth: int) -> str:
    """The rows whose column ``names[j]`` holds the JSON texts ``values[j]`` (one per row,
    already encoded: ``"7188745"``, ``'"Budi"'``, ``"null"``) as ``json.dumps(..., indent=
    indent)`` writes a list of such objects as the value of a key at ``depth``: the pieces of
    :func:`json_row_chunks` joined."""
    return "".join(json_row_chunks(names, values, indent, depth))


def json_row_chunks(
    names: Sequence[str], values: Sequence[np.ndarray], indent: int, depth: int
) -> Iterator[str]:
    """:func:`json_rows`'s text in pieces, each made when asked for: a writer streams them
    to a file, holding one block of :data:`ROWS` rows' text at a time rather than the whole
    list (a million paid rows are some 1.2 GB of text; review 112).

    Each value is given what precedes it in its row (the first key, or the comma after the
    previous value and its own key) in one addition, and the columns of a row are joined
    pairwise; :data:`ROWS` rows at a time, the temporaries a few megabytes each rather than
    arrays of the whole document (review 95: a fifth less time at a million rows)."""
    rows = len(values[0]) if values else 0
    if not rows:
        yield "[]"
        return
    item, key = " " * (indent * (depth + 1)), " " * (indent * (depth + 2))
    close = f"\n{' ' * (indent * depth)}]"
    if not names:
        yield "[\n" + ",\n".join([f"{item}{{}}"] * rows) + close
        return
    comma = ",\n"
    labels = [
        f"{comma if j else ''}{key}{json.dumps(name, ensure_ascii=False)}: "
        for j, name in enumerate(names)
    ]
    between = f"\n{item}}},\n{item}{{\n"
    yield f"[\n{item}{{\n"
    for at in range(0, rows, ROWS):
        cells = [
            np.strings.add(label, texts[at : at + ROWS])
            for label, texts in zip(labels, values, strict=True)
        ]
        while len(cells) > 1:  # joined pairwise: each row's text is copied log2(columns) times
            pairs = [np.strings.add(a, b) for a, b in zip(cells[::2], cells[1::2], strict=False)]
            cells = pairs + ([cells[-1]] if len(cells) % 2 else [])
        block = between.join(cells[0].tolist())
        del cells
        yield block if at + ROWS >= rows else block + between
    yield f"\n{item}}}{close}"


def json_strings(texts: np.ndarray, plain: np.ndarray | None = None) -> np.ndarray:
    """Each text (``StringDType``) as the JSON string literal ``json.dumps(text,
    ensure_ascii=False)`` writes. ``plain``: where the caller knows a text holds nothing JSON
    escapes (digits: a NIP, an exact number), quoted as it is; the others are escaped one by
    one by the encoder's own function."""
    if plain is None:
        return np.array([_escape(t) for t in texts.tolist()], dtype=SD)
    out = np.strings.add(np.strings.add('"', texts), '"')
    if not plain.all():
        other = ~plain
        out[other] = [_escape(t) for t in texts[other].tolist()]
    return out


def null_where_absent(texts: np.ndarray, present: np.ndarray) -> np.ndarray:
    """``texts`` with ``null`` where ``present`` is False (``texts`` itself where every
    value is present: most columns, a copy of a million texts saved each)."""
    if present.all():
        return texts
    return np.where(present, texts, np.array("null", dtype=SD))


def records_json_array(
    frame: pd.DataFrame, plain: Callable[[Any], Any], indent: int = 2, depth: int = 1
) -> str | None:
    """``frame``'s rows as ``json.dumps`` writes ``[{column: plain(cell), ...}, ...]`` at
    ``depth`` (``plain``: the writer's own cell conversion, for the cells of no plain dtype),
    or None when a column holds what only the encoder itself can write the same."""
    chunks = records_json_chunks(frame, plain, indent, depth)
    return None if chunks is None else "".join(chunks)


def records_json_chunks(
    frame: pd.DataFrame, plain: Callable[[Any], Any], indent: int = 2, depth: int = 1
) -> Iterator[str] | None:
    """:func:`records_json_array`'s text in pieces made when asked for
    (:func:`json_row_chunks`), or None as it; every column's texts are made first, so that
    None comes before any piece."""
    names = [str(c) for c in frame.columns]
    if len(set(names)) != len(names):
        return None  # a dict keeps one of two equal keys: not worth imitating
    values = []
    for j in range(frame.shape[1]):
        texts = _column_texts(frame.iloc[:, j], plain)
        if texts is None:
            return None
        values.append(texts)
    if not values:
        values = [np.empty(len(frame), dtype=SD)]  # rows without columns: "{}" each
        return json_row_chunks([], values, indent, depth) if len(frame) else iter(["[]"])
    return json_row_chunks(names, values, indent, depth)


def _column_texts(column: pd.Series, plain: Callable[[Any], Any]) -> np.ndarray | None:
    """The JSON text of each value of ``column`` as ``json.dumps(plain(value))`` writes it."""
    dtype = column.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        labels = _scalar_texts(list(dtype.categories), plain)
        if labels is None:
            return None
        codes = column.cat.codes.to_numpy()
        out = np.append(labels, np.array(["null"], dtype=SD))[codes]  # code -1: the last
        return np.asarray(out, dtype=SD)
    if dtype == np.bool_:
        return np.where(column.to_numpy(), "true", "false").astype(SD)
    if isinstance(dtype, np.dtype) and dtype.kind in "iu":
        return _by_distinct(column.to_numpy())
    if isinstance(dtype, np.dtype) and dtype.kind == "f":
        # as float64, the Python float the encoder is given: numpy writes a float32 as its
        # own shortest text (0.1, not 0.10000000149011612, a plug-in rule's float32 column)
        numbers = column.to_numpy().astype(np.float64, copy=False)
        out = _by_distinct(numbers)  # numpy writes a float64 as Python's repr does (tested)
        finite = np.isfinite(numbers)
        if not finite.all():
            out[~finite] = "null"
        return out
    return _scalar_texts(column.tolist(), plain)


#: columns shorter than this are converted value by value
_DISTINCT_FROM = 1024


def _by_distinct(numbers: np.ndarray) -> np.ndarray:
    """``numbers.astype(StringDType())``, converted once per distinct number where the
    numbers repeat (a factor, a percentage, a kelas's amount: a few hundred values in a
    million rows), the texts then taken by code. numpy writes a float at 0.5–0.7 µs (its
    shortest-digits search) and an integer at 0.1 µs; hashing is some 0.02 µs (review 129).
    A column holding -0.0 is converted as it is: hashing takes it for 0.0."""
    if len(numbers) < _DISTINCT_FROM:
        return numbers.astype(SD)
    if numbers.dtype.kind == "f" and bool(np.any(np.signbit(numbers) & (numbers == 0))):
        return numbers.astype(SD)
    codes, distinct = pd.factorize(numbers, use_na_sentinel=False)  # NaN one value too
    if 2 * len(distinct) > len(numbers):
        return numbers.astype(SD)
    return np.asarray(distinct, dtype=numbers.dtype).astype(SD)[codes]


def _scalar_texts(items: list[Any], plain: Callable[[Any], Any]) -> np.ndarray | None:
    """Per value: text escaped, a number or boolean or None as JSON writes it; None when a
    value is anything else (a list, a mapping, a Decimal) or a text numpy cannot hold."""
    out = []
    for item in items:
        if type(item) is str:  # the common case, which ``plain`` leaves as it is
            out.append(_escape(item))
            continue
        value = plain(item)
        if isinstance(value, str):
            out.append(_escape(value))
        elif value is None or isinstance(value, bool | int | float):
            out.append(json.dumps(value, allow_nan=False))
        else:
            return None
    try:
        return np.array(out, dtype=SD)
    except UnicodeEncodeError:  # a lone surrogate, which numpy's text cannot hold
        return None
