"""The result document's paid rows are written a column at a time (tukin.io._json_rows); the
text must be the very one ``json.dumps(indent=2, ensure_ascii=False)`` writes of the rows as
dicts, whatever the columns hold."""

from __future__ import annotations

import json
import math

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from tukin.io._json_rows import SD, json_strings, records_json_array
from tukin.io.export import _plain, _records

TEXT = st.text(max_size=6)  # any character: quotes, backslashes, controls, NUL, non-ASCII


def _expected(frame: pd.DataFrame, indent: int = 2) -> str:
    doc = {"a": 1, "rows": _records(frame), "z": None}
    return json.dumps(doc, indent=indent, ensure_ascii=False, allow_nan=False)


def _written(frame: pd.DataFrame, indent: int = 2) -> str | None:
    rows = records_json_array(frame, _plain, indent, 1)
    if rows is None:
        return None
    shell = json.dumps({"a": 1, "rows": "M", "z": None}, indent=indent)
    return shell.replace('"M"', rows, 1)


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    n = draw(st.integers(0, 5))
    kinds = draw(st.lists(st.sampled_from(list(COLUMNS)), max_size=7))
    data = {f"{k}{i}": COLUMNS[k](draw, n) for i, k in enumerate(kinds)}
    return pd.DataFrame(data, index=range(n)) if data else pd.DataFrame(index=range(n))


def _floats(draw: st.DrawFn, n: int) -> pd.Series:
    values = draw(st.lists(st.floats(allow_nan=True, allow_infinity=True), min_size=n, max_size=n))
    return pd.Series(values, dtype="float64")


def _ints(draw: st.DrawFn, n: int) -> pd.Series:
    return pd.Series(draw(st.lists(st.integers(-(2**63), 2**63 - 1), min_size=n, max_size=n)))


def _texts(draw: st.DrawFn, n: int) -> pd.Series:
    values = draw(st.lists(st.none() | TEXT, min_size=n, max_size=n))
    return pd.Series(values, dtype=draw(st.sampled_from(["str", "object"])))


def _categories(draw: st.DrawFn, n: int) -> pd.Series:
    values = draw(
        st.lists(st.none() | st.sampled_from(["a", 'b"', "\\c", "d\x00"]), min_size=n, max_size=n)
    )
    return pd.Series(values, dtype="category")


def _bools(draw: st.DrawFn, n: int) -> pd.Series:
    return pd.Series(draw(st.lists(st.booleans(), min_size=n, max_size=n)), dtype=bool)


def _nullable(draw: st.DrawFn, n: int) -> pd.Series:
    values = draw(st.lists(st.none() | st.integers(-(10**12), 10**12), min_size=n, max_size=n))
    return pd.Series(values, dtype="Int64")


def _dates(draw: st.DrawFn, n: int) -> pd.Series:
    days = draw(st.lists(st.none() | st.integers(0, 20000), min_size=n, max_size=n))
    stamps = [
        None if d is None else pd.Timestamp("1980-01-01") + pd.Timedelta(days=d) for d in days
    ]
    return pd.Series(stamps, dtype="datetime64[ns]")


COLUMNS = {
    "f": _floats,
    "i": _ints,
    "t": _texts,
    "c": _categories,
    "b": _bools,
    "n": _nullable,
    "d": _dates,
}


@settings(max_examples=150, deadline=None)
@given(frame=frames(), indent=st.sampled_from([1, 2, 4]))
def test_any_frame_is_written_as_json_dumps_writes_it(frame: pd.DataFrame, indent: int) -> None:
    """Floats (NaN, infinities, -0.0, 1e+16, 5e-324), int64 extremes, text with anything
    JSON escapes, categories with missing values, booleans, nullable integers, dates."""
    assert _written(frame, indent) == _expected(frame, indent)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=20))
def test_numpy_writes_a_float_as_python_repr(values: list[float]) -> None:
    """What the float columns rely on: numpy's text of a float64 is ``repr(float)``."""
    assert np.array(values).astype(SD).tolist() == [repr(v) for v in values]


def test_hard_floats_and_texts() -> None:
    """The cases a float or a text is most likely to differ in, named."""
    floats = [0.1, 1e16, 1e-5, -0.0, 1e22, 5e-324, 1.7976931348623157e308, 1e15, math.nan]
    texts = ['"', "\\", "\x00", "a\x00", "\x1f", "\x7f", "é", "\u2028", "", "x"]
    frame = pd.DataFrame(
        {"f": floats + [0.5] * (len(texts) - len(floats)), "t": pd.Series(texts, dtype=object)},
        index=range(len(texts)),
    )
    assert _written(frame) == _expected(frame)


def test_narrow_floats_are_written_as_the_python_float_they_are() -> None:
    """A float32 or float16 column (a plug-in rule may return one) is written as the Python
    float ``json.dumps`` is given (``0.10000000149011612``), not as numpy's own shortest text
    of the narrow float (``0.1``): the document must not depend on which writer wrote it."""
    values = [0.1, 1 / 3, 16777217.0, 65504.0, -0.0, math.inf, math.nan]
    for dtype in (np.float32, np.float16):
        frame = pd.DataFrame({"f": np.array(values, dtype=dtype)})
        assert _written(frame) == _expected(frame), dtype


def test_cells_it_cannot_write_are_left_to_the_encoder() -> None:
    """A list in a cell, a lone surrogate (numpy's text cannot hold one), or two columns of
    one name: None (the caller encodes the rows)."""
    assert records_json_array(pd.DataFrame({"x": [[1, 2]]}), _plain) is None
    lone = pd.DataFrame({"x": pd.Series(["\ud800"], dtype=object)})
    assert records_json_array(lone, _plain) is None
    twin = pd.DataFrame([[1, 2]], columns=["x", "x"])
    assert records_json_array(twin, _plain) is None


def test_no_rows_and_no_columns() -> None:
    """``[]`` for no rows; ``{}`` per row for rows without columns."""
    assert _written(pd.DataFrame({"x": pd.Series([], dtype="int64")})) == _expected(
        pd.DataFrame({"x": pd.Series([], dtype="int64")})
    )
    empty_rows = pd.DataFrame(index=range(3))
    assert _written(empty_rows) == _expected(empty_rows)


def test_strings_known_plain_are_quoted_as_they_are() -> None:
    """``plain`` marks texts that need no escape; the others are escaped all the same."""
    texts = np.array(["123", 'a"b', "4\x00"], dtype=SD)
    got = json_strings(texts, np.array([True, False, False])).tolist()
    assert got == [json.dumps(t) for t in texts.tolist()]


@settings(max_examples=60, deadline=None)
@given(frame=frames(), rows=st.integers(1, 4), indent=st.sampled_from([1, 2]))
def test_rows_written_a_block_at_a_time(frame: pd.DataFrame, rows: int, indent: int) -> None:
    """The rows are built :data:`~tukin.io._json_rows.ROWS` at a time (review 95): blocks of
    one row or a few, the last one short, join into the same text."""
    import tukin.io._json_rows as jr

    before = jr.ROWS
    jr.ROWS = rows
    try:
        assert _written(frame, indent) == _expected(frame, indent)
    finally:
        jr.ROWS = before
