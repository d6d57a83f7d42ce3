"""The exact backend computes an operation once per distinct pair of value objects
(``XNum._bin``) and the result document writes each exact value's text once per object
(``tukin._exact_text._texts``). Above a few rows both find the distinct objects by hashing
their ids in C (``tukin.calc.num.pair_codes`` / ``first_rows``, review 129) instead of a dict
per row: the same results, the same shared objects, the operation met in the same order."""

from __future__ import annotations

import operator
from fractions import Fraction
from typing import Any

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from tukin._exact_text import _text, _texts
from tukin.calc import num as N
from tukin.calc.num import XNum, first_rows, pair_codes


def _column(pool: list[Any], picks: list[int]) -> np.ndarray:
    """An object column whose rows are objects of ``pool`` (shared, as the exact pass's)."""
    out = np.empty(len(picks), dtype=object)
    out[:] = [pool[i] for i in picks]
    return out


def _by_loop(a: np.ndarray, b: np.ndarray, f: Any) -> tuple[list[Any], list[tuple[int, int]]]:
    """The per-row memo the codes replace: results and the pairs f met, in order."""
    made: dict[tuple[int, int], Any] = {}
    met: list[tuple[int, int]] = []
    out = []
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        if x is None or y is None:
            out.append(None)
            continue
        key = (id(x), id(y))
        if key not in made:
            met.append(key)
            made[key] = f(x, y)
        out.append(made[key])
    return out, met


POOL = st.lists(st.one_of(st.none(), st.fractions(max_denominator=50)), min_size=1, max_size=8)


class TestPairCodes:
    def test_codes_number_pairs_in_order_of_first_appearance(self) -> None:
        a = np.array([5, 3, 5, 7, 3, 5], dtype=np.uint64)
        b = np.array([1, 1, 1, 2, 2, 1], dtype=np.uint64)
        codes = pair_codes(a, b)
        assert codes.tolist() == [0, 1, 0, 2, 3, 0]
        assert first_rows(codes).tolist() == [0, 1, 3, 4]

    def test_empty(self) -> None:
        empty = np.empty(0, dtype=np.uint64)
        assert len(pair_codes(empty, empty)) == 0
        assert len(first_rows(np.empty(0, dtype=np.int64))) == 0

    @given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), max_size=300))
    def test_same_pair_same_code_and_first_rows(self, pairs: list[tuple[int, int]]) -> None:
        a = np.array([p[0] for p in pairs], dtype=np.uint64)
        b = np.array([p[1] for p in pairs], dtype=np.uint64)
        codes = pair_codes(a, b)
        order: dict[tuple[int, int], int] = {}
        for p in pairs:
            order.setdefault(p, len(order))
        assert codes.tolist() == [order[p] for p in pairs]
        assert [pairs[i] for i in first_rows(codes).tolist()] == list(order)


class TestBinByCodes:
    @settings(max_examples=60)
    @given(POOL, POOL, st.data())
    def test_same_results_objects_and_order_as_the_loop(
        self, pool_a: list[Any], pool_b: list[Any], data: st.DataObject
    ) -> None:
        n = data.draw(st.integers(N._FEW, N._FEW + 200))
        a = _column(
            pool_a, data.draw(st.lists(st.integers(0, len(pool_a) - 1), min_size=n, max_size=n))
        )
        b = _column(
            pool_b, data.draw(st.lists(st.integers(0, len(pool_b) - 1), min_size=n, max_size=n))
        )
        met: list[tuple[int, int]] = []

        def f(x: Fraction, y: Fraction) -> Fraction:
            met.append((id(x), id(y)))
            return x * y + 1

        got = XNum(a)._bin(XNum(b), f)
        want, want_met = _by_loop(a, b, lambda x, y: x * y + 1)
        assert got.dtype == object and len(got) == n
        assert got.tolist() == want
        assert met == want_met  # once per pair, in the order the rows first show it
        # rows of one pair share one result object, as the exact pass's later memos expect
        firsts: dict[tuple[int, int], Any] = {}
        for x, y, q in zip(a.tolist(), b.tolist(), got.tolist(), strict=True):
            if x is not None and y is not None:
                assert firsts.setdefault((id(x), id(y)), q) is q

    def test_operators_above_and_below_the_threshold(self) -> None:
        pool = [Fraction(1, 3), Fraction(2, 7), None, Fraction(0)]
        for n in (N._FEW - 1, N._FEW, 5 * N._FEW):
            picks = [(i * 7 + i // 3) % 4 for i in range(n)]
            a = XNum(_column(pool, picks))
            b = XNum(_column(pool, picks[::-1]))
            for op, f in (("+", operator.add), ("*", operator.mul), ("-", operator.sub)):
                got = {"+": a + b, "*": a * b, "-": a - b}[op].v.tolist()
                want = [
                    None if x is None or y is None else f(x, y)
                    for x, y in zip(a.v.tolist(), b.v.tolist(), strict=True)
                ]
                assert got == want, (op, n)
            quotient = (a / b).v.tolist()
            assert quotient == [
                None if x is None or y is None or y == 0 else x / y
                for x, y in zip(a.v.tolist(), b.v.tolist(), strict=True)
            ]


class TestTextsByCodes:
    @given(POOL, st.lists(st.integers(0, 7), max_size=200))
    def test_text_per_object(self, pool: list[Any], picks: list[int]) -> None:
        values = _column(pool, [i % len(pool) for i in picks])
        texts, known = _texts(values)
        want = [_text(v) for v in values.tolist()]
        assert known.tolist() == [t is not None for t in want]
        assert texts.tolist() == ["" if t is None else t for t in want]
