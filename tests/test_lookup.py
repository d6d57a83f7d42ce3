"""``positions_in``: the Arrow hash join gives what ``pd.Index.get_indexer`` gives."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tukin._lookup import (
    KeyTable,
    as_categories,
    canonical_categories,
    positions_in,
    take_rows,
    taken_as_categories,
    through,
)

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


class TestCategories:
    """The frame's shared text as categories: the same values, joins and Result text."""

    @given(table=st.lists(ID, unique=True, max_size=8), keys=st.lists(ID, max_size=12))
    @settings(max_examples=50, deadline=None)
    def test_categorical_keys_join_like_their_text(
        self, table: list[str | None], keys: list[str | None]
    ) -> None:
        pytest.importorskip("pyarrow")
        k = _as(keys, "pyarrow")
        coded = pd.Series(pd.Categorical(k))
        assert (
            positions_in(coded, _as(table, "pyarrow")).tolist()
            == positions_in(k, _as(table, "pyarrow")).tolist()
        )

    @given(values=st.lists(ID, min_size=1, max_size=10), data=st.data())
    @settings(max_examples=50, deadline=None)
    def test_taken_and_shown_are_the_plain_take(
        self, values: list[str | None], data: st.DataObject
    ) -> None:
        pytest.importorskip("pyarrow")
        col = _as(values, "pyarrow")
        at = np.array(
            data.draw(st.lists(st.integers(-1, len(values) - 1), max_size=15)), dtype=np.int64
        )
        taken = taken_as_categories(col, at)
        expected = col.array.take(at, allow_fill=True)

        def plain(x: object) -> list[object]:
            return pd.Series(x).astype(object).where(lambda s: s.notna(), None).tolist()

        assert plain(taken) == plain(expected)
        picked = np.arange(len(at))[::-1].copy()
        mask = np.array(
            data.draw(st.lists(st.booleans(), min_size=len(at), max_size=len(at))), dtype=bool
        )
        for rows, want in (
            (picked, expected.take(picked)),
            (mask, expected[mask]),
            (None, expected),
        ):
            shown = canonical_categories(taken, rows)
            assert plain(shown) == plain(want)
            # the categories: exactly the values shown, sorted; their dtype the column's
            held = sorted({v for v in plain(want) if v is not None})
            assert list(shown.categories) == held
            assert shown.categories.dtype == col.dtype

    def test_mostly_distinct_text_stays_text(self) -> None:
        pytest.importorskip("pyarrow")
        names = _as([f"name {i}" for i in range(100)], "pyarrow")
        assert not isinstance(as_categories(names), pd.Categorical)
        statuses = _as(["PNS", "CPNS", "PPPK", None] * 25, "pyarrow")
        coded = as_categories(statuses)
        assert isinstance(coded, pd.Categorical)
        assert list(pd.Series(coded).isna()) == list(statuses.isna())


class TestKeyTable:
    """A prepared table answers as :func:`positions_in` does, also for keys that are the
    table's own values row for row (answered without a look-up)."""

    @given(
        table=st.lists(
            st.one_of(ID, st.from_regex(r"19[0-9]{16}", fullmatch=True)), unique=True, max_size=10
        ),
        data=st.data(),
    )
    @settings(max_examples=100, deadline=None)
    def test_same_as_positions_in(self, table: list[str | None], data: st.DataObject) -> None:
        pytest.importorskip("pyarrow")
        values = _as(table, "pyarrow")
        prepared = KeyTable(values)
        shuffled = data.draw(st.permutations(table))
        extra = data.draw(st.lists(ID, max_size=3))
        for keys in (list(table), shuffled, list(table)[:-1], list(table) + extra):
            k = _as(keys, "pyarrow")  # equal text in arrays of its own
            got = prepared.positions(k)
            np.testing.assert_array_equal(got, positions_in(k, values))

    def test_a_table_with_a_value_twice(self) -> None:
        """Keys equal to the table row for row, but the table holds a value twice: the
        answer is the look-up's (the first row holding it), not each key's own row."""
        pytest.importorskip("pyarrow")
        values = _as(["A", "B", "A", "C"], "pyarrow")
        keys = _as(["A", "B", "A", "C"], "pyarrow")
        np.testing.assert_array_equal(KeyTable(values).positions(keys), positions_in(keys, values))
        assert KeyTable(values).positions(keys).tolist()[2] == 0

    def test_digits_table_of_itself(self) -> None:
        pytest.importorskip("pyarrow")
        nips = _as([f"1980010120050{i:05d}" for i in range(3000)], "pyarrow")
        prepared = KeyTable(nips)
        same = _as(list(nips), "pyarrow")
        np.testing.assert_array_equal(prepared.positions(same), np.arange(3000))
        flipped = _as(list(nips)[::-1], "pyarrow")
        np.testing.assert_array_equal(prepared.positions(flipped), np.arange(3000)[::-1])


class TestTakeRows:
    """Putting a table in an order gives ``frame.take(order)``: text of one width (moved by
    numpy as fixed-size records) and any other alike."""

    @given(
        values=st.one_of(
            st.lists(st.text(alphabet="09é", min_size=2, max_size=2), max_size=12),
            st.lists(st.one_of(st.none(), st.text(alphabet="ab", max_size=3)), max_size=12),
            st.lists(st.just("2025-06"), max_size=12),
            st.lists(st.just(""), max_size=5),
        ),
        data=st.data(),
    )
    @settings(max_examples=200, deadline=None)
    def test_same_as_take(self, values: list[str | None], data: st.DataObject) -> None:
        pytest.importorskip("pyarrow")
        from tukin._lookup import _taken

        for storage in ("pyarrow", "object"):
            col = _as(values, storage) if storage == "object" else pd.Series(values, dtype="str")
            order = np.array(data.draw(st.permutations(range(len(values)))), dtype=np.int64)
            part = order[: data.draw(st.integers(0, len(order)))]
            for o in (order, part):
                got = _taken(col, o)
                want = col.array.take(o)
                assert got.dtype == want.dtype
                assert pd.Series(got).equals(pd.Series(want))

    def test_sliced_and_chunked_arrow_text(self) -> None:
        """Arrow text that starts inside its buffers (a slice) or comes in two chunks."""
        pa = pytest.importorskip("pyarrow")
        from tukin._lookup import _taken

        base = pa.array([f"N{i:04d}" for i in range(40)], type=pa.large_string())
        small = pa.array(["ab", "cd", "ef", "gh", "ij"], type=pa.string())
        order = np.array([3, 0, 2, 1], dtype=np.int64)
        for data in (
            pa.chunked_array([base.slice(7, 4)]),
            pa.chunked_array([small.slice(1, 4)]),
            pa.chunked_array([base.slice(0, 2), base.slice(10, 2)]),
        ):
            col = pd.Series(pd.arrays.ArrowStringArray(data))
            got = _taken(col, order)
            assert pd.Series(got).tolist() == pd.Series(col.array.take(order)).tolist()

    def test_a_large_frame(self) -> None:
        pytest.importorskip("pyarrow")
        n = 120_000  # above PARALLEL_ROWS: the threaded path
        rng = np.random.default_rng(4)
        frame = pd.DataFrame(
            {
                "nip": pd.Series([f"19800101{i:010d}" for i in range(n)], dtype="str"),
                "period": pd.Series(["2025-06"] * n, dtype="str"),
                "name": pd.Series([f"Pegawai {i}" for i in range(n)], dtype="str"),
                "tk": np.arange(n),
            },
            index=pd.RangeIndex(n) + 7,
        )
        order = rng.permutation(n)
        got = take_rows(frame, order)
        pd.testing.assert_frame_equal(got, frame.take(order))
        assert got["nip"].array._pa_array.chunk(0).validate(full=True) is None


class TestAsText:
    """``as_text`` skips stripping Arrow text whose values have clean edges; the answer is the
    same as stripping every value and turning blanks into nulls."""

    @given(
        st.lists(
            st.one_of(st.none(), st.text(alphabet=" \t\n\x1c\xa0\u3000aé1", max_size=4)),
            max_size=12,
        ),
        st.integers(0, 3),
    )
    @settings(max_examples=200, deadline=None)
    def test_same_as_strip_and_blank(self, values: list[str | None], skip: int) -> None:
        pytest.importorskip("pyarrow")
        from tukin._coerce import as_text

        text = _as(values, "pyarrow").iloc[skip:]  # sliced: Arrow buffers with an offset
        stripped = [v.strip() if isinstance(v, str) else None for v in text.astype(object)]
        expected = [v if v else None for v in stripped]
        got = as_text(text).astype(object).where(lambda s: s.notna(), None).tolist()
        assert got == expected


def test_take_rows_on_threads_is_frame_take() -> None:
    """Large frames are taken column by column on threads: same frame, index and dtypes."""
    from tukin._lookup import take_rows

    n = 120_000
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(
        {
            "text": pd.Series([f"x{i % 997}" for i in range(n)], dtype="str"),
            "n": np.arange(n),
            "day": pd.to_datetime(np.arange(n), unit="D"),
            "maybe": pd.array([1, None] * (n // 2), dtype="Int64"),
        },
        index=pd.Index(np.arange(n)[::-1], name="row"),
    )
    order = rng.permutation(n)
    taken = take_rows(frame, order)
    pd.testing.assert_frame_equal(taken, frame.take(order))


def test_take_rows_through_a_dictionary_is_frame_take() -> None:
    """Columns named as holding few values (enums) go through their dictionary, missing
    values included; a named column that holds many values after all takes the plain way.
    Same frame either way, and valid Arrow arrays."""
    from tukin._lookup import take_rows

    n = 120_000
    rng = np.random.default_rng(5)
    status = rng.choice(np.array(["pns", "cpns", "pppk", None], dtype=object), n)
    frame = pd.DataFrame(
        {
            "status": pd.Series(status, dtype="str"),
            "rating": pd.Series(rng.choice(["diatas", "sesuai", "dibawah"], n), dtype="str"),
            "many": pd.Series([f"x{i}" for i in range(n)], dtype="str"),
            "n": np.arange(n),
        }
    ).iloc[3:]  # Arrow buffers with an offset
    order = rng.permutation(len(frame))
    taken = take_rows(frame, order, few={"status", "rating", "many", "n"})
    pd.testing.assert_frame_equal(taken, frame.take(order))
    for column in ("status", "rating", "many"):
        assert taken[column].array._pa_array.chunk(0).validate(full=True) is None


class TestThrough:
    """``through``: one link followed after another, "none" (-1) kept."""

    def test_follows_and_keeps_none(self) -> None:
        mapping = np.array([2, -1, 0])
        assert through(mapping, np.array([0, 1, 2, -1])).tolist() == [2, -1, 0, -1]

    def test_empty_mapping(self) -> None:
        """Nothing to point at: the rows (all -1) come back."""
        assert through(np.zeros(0, dtype=np.int64), np.array([-1, -1])).tolist() == [-1, -1]
