"""Exact columns made only when read: the exact pass over many rows, for a result's texts.

The exact text of a result's columns (:mod:`tukin._exact_text`) recomputes on the exact
backend the rows holding a bounded float in some column: with the e-Pantau roll-up, a mean
of achievements, nearly half of a payroll. Each step of such a pass takes, for the rows it
need not recompute, the fast pass's certified value as a ``Fraction``; made for every step
and every row, those conversions cost more than the recomputation itself, though most are
never read (a step reads a few earlier columns, and only at the rows it recomputes) and the
text of a certified value is written from the fast column directly.

A :class:`Deferred` column stands for such a column in :class:`~tukin.calc.context.Columns`
until a step reads it (``StepContext.col`` resolves it, for that step's rows only): the
values are the same Fractions, made for fewer rows. :func:`fractions_of` makes them once per
distinct value (a factor, a base amount per kelas: a few distinct values over many rows).
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from tukin.calc.num import FNum, XNum

__all__ = ["Deferred", "fractions_of"]


def fractions_of(fast: FNum, rows: np.ndarray) -> XNum:
    """Column ``fast`` at ``rows`` as exact values: ``Fraction(int(v), 10**s)`` per row (the
    exact value where the row is certified), None where it is missing (NaN)."""
    vals = fast.v[rows]
    out = np.full(len(vals), None, dtype=object)
    finite = np.isfinite(vals)
    if finite.any():
        distinct, inverse = np.unique(vals[finite], return_inverse=True)
        scale = 10**fast.s
        made = np.empty(len(distinct), dtype=object)
        made[:] = [Fraction(int(x), scale) for x in distinct.tolist()]
        out[finite] = made[inverse.reshape(-1)]
    return XNum(out, fast.unit)


class Deferred:
    """The exact column of a step at ``rows``, not made yet: the fast column's values
    (:func:`fractions_of`), except at the positions ``done`` marks, which the exact backend
    recomputed (``computed``, in the recomputation's ``unit``). :meth:`resolve` makes it."""

    __slots__ = ("computed", "done", "fast", "rows", "unit")

    def __init__(
        self,
        fast: FNum,
        rows: np.ndarray,
        done: np.ndarray | None = None,
        computed: np.ndarray | None = None,
        unit: str | None = None,
    ) -> None:
        self.fast, self.rows, self.done, self.computed = fast, rows, done, computed
        self.unit = fast.unit if done is None else unit

    def __len__(self) -> int:
        return len(self.rows)

    def take(self, idx: np.ndarray) -> Deferred:
        """The positions ``idx`` of this column, still deferred."""
        if self.done is None or self.computed is None:
            return Deferred(self.fast, self.rows[idx])
        return Deferred(self.fast, self.rows[idx], self.done[idx], self.computed[idx], self.unit)

    def recomputed(self) -> tuple[np.ndarray, np.ndarray]:
        """The positions the exact backend recomputed and their values (the rest is the fast
        column's certified value)."""
        if self.done is None or self.computed is None:
            return np.zeros(0, dtype=np.intp), np.empty(0, dtype=object)
        at = np.flatnonzero(self.done)
        return at, self.computed[at]

    def resolve(self) -> XNum:
        """The exact column: what the exact pass made before it was deferred."""
        if self.done is None or self.computed is None:
            return fractions_of(self.fast, self.rows)
        keep = ~self.done
        out = np.empty(len(self.rows), dtype=object)
        out[keep] = fractions_of(self.fast, self.rows[keep]).v
        out[self.done] = self.computed[self.done]
        return XNum(out, self.unit)
