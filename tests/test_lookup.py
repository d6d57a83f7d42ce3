"""``positions_in``: the Arrow hash join gives what ``pd.Index.get_indexer`` gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tukin._lookup import positions_in

ID = st.one_of(st.none(), st.text(alphabet="AB01é ", max_size=4))


def _as(values: list[str | None], storage: str) -> pd.Series:
    if storage == "object":
        return pd.Series(values, dtype=object)
    return pd.Series(values, dtype=pd.StringDtype(storage))


STORAGES = ["object", "python", "pyarrow"]


class TestPositionsIn:
    @pytest.mark.parametrize("keys_storage", STORAGES)
    @pytest.mark.parametrize("table_storage", STORAGES)
    @given(table=st.lists(ID, unique=True, max_size=8), keys=st.lists(ID, max_size=12))
    @settings(max_examples=25, deadline=None)
    def test_same_as_get_indexer(
        self, table: list[str | None], keys: list[str | None], keys_storage: str, table_storage: str
    ) -> None:
        """Every storage of either side, missing keys and keys not in the table included."""
        if "pyarrow" in (keys_storage, table_storage):
            pytest.importorskip("pyarrow")
        k, t = _as(keys, keys_storage), _as(table, table_storage)
        found = pd.Index(table, dtype=object).get_indexer(pd.Index(keys, dtype=object))
        expected = [-1 if key is None else i for key, i in zip(keys, found, strict=True)]
        assert positions_in(k, t).tolist() == expected
        assert positions_in(k, pd.Index(t)).tolist() == expected

    def test_numbers_against_text_find_nothing(self) -> None:
        """Keys of another type than the table's find nothing (no error)."""
        out = positions_in(pd.Series([1, 2]), pd.Series(["1", "2"], dtype="str"))
        assert out.tolist() == [-1, -1]

    def test_plain_lists_and_arrays(self) -> None:
        assert positions_in(np.array(["b", "x"], dtype=object), pd.Index(["a", "b"])).tolist() == [
            1,
            -1,
        ]
        assert positions_in(["a"], ["a", "b"]).tolist() == [0]

    def test_digit_tables_are_joined_as_integers_with_the_same_answer(self) -> None:
        """NIP-like tables (one length of ASCII digits) take the integer road; keys of another
        length, with leading zeros, other digits or missing find what text equality finds."""
        pytest.importorskip("pyarrow")
        rng = np.random.default_rng(7)
        table = [f"{x:018d}" for x in rng.choice(10**17, size=3000, replace=False)]
        keys = [*rng.choice(table, size=200).tolist(), table[0][1:], "0" + table[1][1:]]
        keys += ["١٢٣", "12a", "", None, table[2] + "0", table[3].lstrip("0") or "0"]
        t, k = pd.Series(table, dtype="str"), pd.Series(keys, dtype="str")
        expected = pd.Index(table, dtype=object).get_indexer(pd.Index(keys, dtype=object))
        expected[[i for i, key in enumerate(keys) if key is None]] = -1
        assert positions_in(k, t).tolist() == expected.tolist()
