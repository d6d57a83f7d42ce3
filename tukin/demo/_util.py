"""Small vectorised helpers shared by the demo generators."""

from __future__ import annotations

import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

try:  # pandas' default string storage when installed; the fast path of pick() uses it
    import pyarrow as pa
    import pyarrow.compute as pc
except ImportError:  # pragma: no cover - pandas falls back to Python string storage
    pa = pc = None

IntArray = np.ndarray[Any, np.dtype[np.int64]]
FloatArray = np.ndarray[Any, np.dtype[np.float64]]
BoolArray = np.ndarray[Any, np.dtype[np.bool_]]


def stream(seed: int, name: str) -> np.random.Generator:
    """An independent random stream per table, keyed by a stable checksum of its name.

    Each table draws from its own stream, so changing how one table is generated leaves every
    other table byte-identical. ``zlib.crc32`` is used because ``hash()`` of a string changes
    between interpreter runs.
    """
    return np.random.default_rng([seed, zlib.crc32(name.encode())])


def group_rank(keys: np.ndarray) -> IntArray:
    """0-based rank of every element among the elements with the same key, in input order."""
    n = len(keys)
    order = np.argsort(keys, kind="stable")
    sorted_keys = keys[order]
    first = np.ones(n, dtype=bool)
    first[1:] = sorted_keys[1:] != sorted_keys[:-1]
    positions = np.arange(n, dtype=np.int64)
    start = np.maximum.accumulate(np.where(first, positions, 0))
    rank = np.empty(n, dtype=np.int64)
    rank[order] = positions - start
    return rank


def starts(counts: IntArray) -> IntArray:
    """Offset of each group in a flat array holding the groups one after another."""
    return np.concatenate(([0], np.cumsum(counts)[:-1])).astype(np.int64)


def ranks(counts: IntArray) -> IntArray:
    """0..count-1 within each group, for groups laid out one after another."""
    total = int(counts.sum())
    return np.arange(total, dtype=np.int64) - np.repeat(starts(counts), counts)


def text(values: Sequence[str | None] | np.ndarray) -> pd.Series:
    """A column of the pandas string dtype (missing values stay missing)."""
    return pd.Series(values, dtype="str")


def pick(words: Sequence[str], index: np.ndarray) -> pd.Series:
    """``words[index]`` as a string column, without building Python objects per row.

    The lookup runs inside the Arrow string array (a ``take``) when pandas stores strings in
    Arrow, which keeps twelve million rows of ratings or periods at a fraction of a second.
    """
    index = np.asarray(index)  # any integer dtype: small codes stay small (int8 for ratings)
    if pa is not None and getattr(text([]).dtype, "storage", None) == "pyarrow":
        taken = pc.take(pa.array(list(words), type=pa.large_string()), pa.array(index))
        return pd.Series(taken, dtype="str")
    return text(list(words)).take(index).reset_index(drop=True)


def round2(values: np.ndarray) -> FloatArray:
    """Round to two decimals: the contract's decimal columns carry at most two."""
    return np.asarray(np.round(np.asarray(values, dtype=np.float64), 2), dtype=np.float64)


def month_periods(year: int, months: int) -> list[str]:
    """Canonical month periods: 2025-01 .. 2025-12."""
    return [f"{year}-{m:02d}" for m in range(1, months + 1)]


def quarter_periods(year: int, quarters: int) -> list[str]:
    """Canonical quarter periods: 2025-Q1 .. 2025-Q4."""
    return [f"{year}-Q{q}" for q in range(1, quarters + 1)]


REPORT_STATUSES = ("entered", "approved", "signed")


def report_status(age: IntArray, rng: np.random.Generator) -> IntArray:
    """Verification status (index into REPORT_STATUSES) of reports ``age`` periods old.

    Older reports are signed; the latest period is still half unsigned (20% only entered,
    30% approved), the one before mostly signed: the e-Pantau entry -> approval -> sign-off
    chain takes a few weeks.
    """
    v = rng.random(len(age))
    signed = np.select([age == 0, age == 1], [0.5, 0.8], 0.97)
    entered = np.select([age == 0, age == 1], [0.2, 0.05], 0.0)
    return np.where(v < signed, 2, np.where(v < signed + entered, 0, 1)).astype(np.int64)
