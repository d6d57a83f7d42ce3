"""Per-employee explanation notes that repeat a few values, kept as codes.

A step's note for an explanation is a column of the run's length (``ctx.note``), kept as
long as the Result. Most such columns repeat a handful of values: the OPD's score for each of
its employees, the band it reached, the TER rate of a category. As an object array each costs
8 bytes a row (8 MB a million employees) to point at one of a few objects; as the values once
and a code per row it costs one or two bytes a row. An explanation reads one row
(``notes[row]``), which is all these columns are for.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from tukin.hierarchy import gather

__all__ = ["CodedNotes", "coded_notes"]


class CodedNotes:
    """A read-only column of notes: ``values[codes[row]]``, None where the code is -1."""

    __slots__ = ("codes", "values")

    def __init__(self, values: np.ndarray, codes: np.ndarray) -> None:
        self.values = values
        self.codes = codes

    def __len__(self) -> int:
        return len(self.codes)

    def __getitem__(self, row: Any) -> Any:
        if isinstance(row, int | np.integer):
            code = int(self.codes[row])  # IndexError past the end: iteration stops there
            return None if code < 0 else self.values[code]
        return CodedNotes(self.values, self.codes[row])  # a slice or rows: still coded

    def __iter__(self) -> Iterator[Any]:
        return iter(self.to_numpy().tolist())

    def to_numpy(self) -> np.ndarray:
        """The notes as an object array, None where a row has none."""
        return gather(self.values, self.codes)

    def __array__(self, dtype: Any = None, copy: bool | None = None) -> np.ndarray:
        out = self.to_numpy()
        return out if dtype is None else out.astype(dtype)

    def __repr__(self) -> str:
        return f"CodedNotes({len(self)} rows, {len(self.values)} values)"


def coded_notes(values: Any, idx: np.ndarray) -> CodedNotes:
    """``values[idx]`` per row (None where ``idx`` is -1), with codes of the smallest integer
    type that holds them."""
    given = list(values)
    vals = np.empty(len(given), dtype=object)
    for i, value in enumerate(given):  # one by one: tuples of one length stay objects
        vals[i] = value
    idx = np.asarray(idx)
    dtype = np.min_scalar_type(-max(len(vals), 1))  # signed: -1 marks a row without a note
    return CodedNotes(vals, idx.astype(dtype))
