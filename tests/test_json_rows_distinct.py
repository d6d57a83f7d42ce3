"""The result document writes a number column's texts once per distinct number where the
numbers repeat (``tukin.io._json_rows._by_distinct``, review 129): the same texts as numpy's
conversion of every row (which is Python's repr, tested in test_json_rows), -0.0 and NaN
included."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from tukin.io import _json_rows as jr
from tukin.io._json_rows import SD, _by_distinct, records_json_array


def _plain(x: object) -> object:
    return x


FLOATS = st.floats(allow_nan=True, allow_infinity=True, width=64)


class TestByDistinct:
    @settings(max_examples=40)
    @given(st.lists(FLOATS, min_size=1, max_size=12), st.data())
    def test_floats_as_numpy_writes_them(self, pool: list[float], data: st.DataObject) -> None:
        n = data.draw(st.integers(jr._DISTINCT_FROM, jr._DISTINCT_FROM + 300))
        picks = data.draw(st.lists(st.integers(0, len(pool) - 1), min_size=n, max_size=n))
        numbers = np.array([pool[i] for i in picks], dtype=np.float64)
        assert _by_distinct(numbers).tolist() == numbers.astype(SD).tolist()

    @settings(max_examples=40)
    @given(st.lists(st.integers(-(2**63), 2**63 - 1), min_size=1, max_size=12), st.data())
    def test_integers_as_numpy_writes_them(self, pool: list[int], data: st.DataObject) -> None:
        n = data.draw(st.integers(jr._DISTINCT_FROM, jr._DISTINCT_FROM + 300))
        picks = data.draw(st.lists(st.integers(0, len(pool) - 1), min_size=n, max_size=n))
        numbers = np.array([pool[i] for i in picks], dtype=np.int64)
        assert _by_distinct(numbers).tolist() == [str(v) for v in numbers.tolist()]

    def test_negative_zero_kept_apart_from_zero(self) -> None:
        numbers = np.array([0.0, -0.0, 1.5] * jr._DISTINCT_FROM)
        assert _by_distinct(numbers).tolist()[:3] == ["0.0", "-0.0", "1.5"]

    def test_a_repeating_column_in_the_rows_as_json_dumps_writes_it(self) -> None:
        import json

        n = 3 * jr._DISTINCT_FROM
        frame = pd.DataFrame(
            {
                "f": np.tile([0.1, 0.75, 1 / 3, np.nan, -0.0], n // 5 + 1)[:n],
                "k": np.tile(np.array([7, 11, 7], dtype=np.int64), n // 3 + 1)[:n],
                "u": np.tile(np.array([1, 2], dtype=np.uint8), n // 2 + 1)[:n],
            }
        )
        rows = [
            {c: (None if isinstance(v, float) and v != v else v) for c, v in r.items()}
            for r in frame.astype(object).to_dict("records")
        ]
        want = json.dumps(rows, indent=2, ensure_ascii=False)
        got = records_json_array(frame, _plain, 2, 0)
        assert got == want
