"""Attendance, SKP appraisals and discipline sanctions, one row per employee and month.

Employees differ in discipline: each belongs to one of 16 propensity classes (the quantiles of a
gamma law with mean 1) scaling all their lateness and absence, and about 1% are "bad apples"
with three times the lateness, many unexcused absences, weaker appraisals and most of the
sanctions. Rows are ordered month by month (all employees for January, then February...), so
one month is one contiguous slice.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tukin.demo._people import People
from tukin.demo._util import BoolArray, FloatArray, IntArray, month_periods, pick

# Attendance codes (counts per month; tk, sakit, izin and cuti in days) and, for the codes
# drawn as Poisson counts, the mean per month of an average employee.
CODES = (
    "tl1",
    "tl2",
    "tl3",
    "tl4",
    "psw1",
    "psw2",
    "psw3",
    "psw4",
    "tk",
    "sakit",
    "izin",
    "cuti",
    "apel",
)
_POISSON = {
    "tl1": 0.9, "tl2": 0.3, "tl3": 0.12, "tl4": 0.08, "psw1": 0.4, "psw2": 0.15,
    "psw3": 0.06, "psw4": 0.05, "tk": 0.02, "izin": 0.15, "apel": 0.25,
}  # fmt: skip
WORKING_DAYS = 21  # cap on tk + sakit + izin + cuti in a month
RATINGS = ("above", "as_expected", "below")
_CLASSES = 16  # propensity classes; classes + 16 are the bad apples, 2 * 16 is "not serving"
_LEVELS = 1 << 16  # resolution of the uniform draw in the Poisson lookup tables


@dataclass(frozen=True)
class Discipline:
    """Per employee: propensity class (0-15), the bad-apple flag and the "star" flag."""

    klass: np.ndarray  # uint8
    bad: BoolArray
    star: BoolArray  # consistently rated above expectations


def draw_discipline(n: int, rng: np.random.Generator) -> Discipline:
    """Draw the employee-level behaviour every actuals table shares."""
    klass = rng.integers(0, _CLASSES, n).astype(np.uint8)
    return Discipline(klass, rng.random(n) < 0.01, rng.random(n) < 0.08)


def _propensity() -> FloatArray:
    """Scale of each class: the 16 quantile midpoints of Gamma(shape 2, scale 0.5), mean ~1.

    Computed by bisection on the closed-form CDF 1 - exp(-2x)(1 + 2x), so no scipy is needed.
    """
    p = (np.arange(_CLASSES) + 0.5) / _CLASSES
    lo, hi = np.zeros(_CLASSES), np.full(_CLASSES, 20.0)
    for _ in range(60):
        mid = (lo + hi) / 2
        below = 1 - np.exp(-2 * mid) * (1 + 2 * mid) < p
        lo, hi = np.where(below, mid, lo), np.where(below, hi, mid)
    return (lo + hi) / 2


@functools.lru_cache(maxsize=1)
def _poisson_tables() -> np.ndarray:
    """Inverse-CDF lookup tables, shape (code, class * 2**16): a count per quantised uniform.

    Counting ``table[code, class << 16 | u16]`` for a uniform 16-bit ``u16`` draws a Poisson
    count of mean ``rate[code] * scale[class]`` (to 1/65536 in probability). One gather from
    a table of 2 MB per code is several times faster than ``Generator.poisson`` over twelve
    million rows, and the "not serving" class maps every draw to zero. Built once (24 MB).
    """
    scale = _propensity()
    scale = np.concatenate([scale, 3 * scale, [0.0]])  # normal, bad apples, not serving
    lam = (
        np.array(list(_POISSON.values()))[:, None, None] * scale[None, :, None]
    )  # (code, class, 1)
    k = np.arange(64)
    log_k_factorial = np.concatenate(([0.0], np.cumsum(np.log(k[1:]))))
    pmf = np.exp(k * np.log(np.where(lam > 0, lam, 1.0)) - lam - log_k_factorial)
    pmf = np.where(lam > 0, pmf, k == 0)  # the "not serving" class: always zero
    cdf = np.cumsum(pmf, axis=2)
    # count(u) = number of cdf entries <= u, so count j fills the uniforms between the points
    # where u passes cdf[j - 1] and cdf[j]; the last count (63) runs to the end.
    u = (np.arange(_LEVELS) + 0.5) / _LEVELS
    n_tables = cdf.shape[0] * cdf.shape[1]
    passed = np.searchsorted(u, np.minimum(cdf, 1.0).ravel(), side="left").reshape(n_tables, -1)
    edges = np.concatenate(
        [np.zeros((n_tables, 1), np.int64), passed[:, :-1], np.full((n_tables, 1), _LEVELS)], axis=1
    )
    counts = np.tile(np.arange(cdf.shape[2], dtype=np.int8), n_tables)
    return np.repeat(counts, np.diff(edges, axis=1).ravel()).reshape(len(_POISSON), -1)


def build_attendance(
    people: People, d: Discipline, year: int, months: int, rng: np.random.Generator
) -> pd.DataFrame:
    """Counts per employee and month (zero for months outside the employee's service).

    All counts live in one (code, row) int64 block that becomes the frame's integer columns
    without a copy; per-month quantities are (month, employee) views of the same rows.
    """
    n = len(d.klass)
    rows = n * months
    month = np.arange(1, months + 1)[:, None]
    active = ((month >= people.first_month) & (month <= people.last_month)).ravel()
    klass = np.where(d.bad, d.klass + _CLASSES, d.klass).astype(np.int32)
    row_class = np.where(active, np.tile(klass, months), 2 * _CLASSES)
    bad_rows = np.flatnonzero((row_class >= _CLASSES) & (row_class < 2 * _CLASSES))
    counts = np.zeros((len(CODES), rows), dtype=np.int64)
    column = {code: counts[i] for i, code in enumerate(CODES)}  # views into the block
    # Table index: class * 2**16 + a 16-bit uniform, in buffers reused across codes (fresh
    # twelve-million-row temporaries per code cost more in page faults than the arithmetic).
    base = (row_class << 16).astype(np.int32)
    del row_class
    uniform = np.empty(rows, dtype=np.float32)
    index = np.empty(rows, dtype=np.int32)
    drawn = np.empty(rows, dtype=np.int8)
    tables = _poisson_tables()
    for i, code in enumerate(_POISSON):
        rng.random(out=uniform, dtype=np.float32)
        np.multiply(uniform, _LEVELS, out=uniform)  # exact: a power of two, below 2**16
        index[...] = uniform  # truncation = floor for non-negative values
        np.add(index, base, out=index)
        np.take(tables[i], index, out=drawn)
        column[code][...] = drawn
    del base, uniform, index, drawn
    # Bad apples skip whole days; sick leave and annual leave come in episodes of days.
    column["tk"][bad_rows] += rng.poisson(1.3, len(bad_rows))  # ~15 days a year
    _episodes(column["sakit"], active, 0, rows, 0.06, lambda k: 1 + rng.poisson(1.5, k), rng)
    _episodes(column["sakit"], active, 0, rows, 0.003, lambda k: rng.integers(5, 15, k), rng)
    for m in range(months):  # annual leave peaks in December
        p = 0.2 if m == 11 else 0.08
        _episodes(
            column["cuti"], active, m * n, (m + 1) * n, p, lambda k: rng.integers(1, 7, k), rng
        )
    # Days away never exceed the working days: trim the rare rows that overflow.
    away = ("sakit", "tk", "cuti", "izin")
    total = column["sakit"] + column["tk"]
    total += column["cuti"]
    total += column["izin"]
    over = np.flatnonzero(total > WORKING_DAYS)
    del total
    room = np.full(len(over), WORKING_DAYS, dtype=np.int64)
    for code in away:
        column[code][over] = np.minimum(column[code][over], room)
        room -= column[code][over]

    keys = pd.DataFrame(
        {
            "nip": _repeat_months(people.frame["nip"], months),
            "period": _month_column(year, months, n),
        }
    )
    return pd.concat([keys, pd.DataFrame(counts.T, columns=list(CODES), copy=False)], axis=1)


def _episodes(
    out: IntArray,
    active: BoolArray,
    start: int,
    stop: int,
    p: float,
    days: Callable[[int], np.ndarray],
    rng: np.random.Generator,
) -> None:
    """Add days of leave to rows ``start..stop`` of ``out`` hit by an episode (probability p).

    The hit rows are drawn as a Bernoulli process (geometric gaps between hits), which costs
    a draw per hit instead of a draw per row.
    """
    expected = (stop - start) * p
    gaps = rng.geometric(p, int(expected + 6 * np.sqrt(expected) + 10))
    while gaps.sum() < stop - start:  # pragma: no cover - six standard deviations short
        gaps = np.concatenate([gaps, rng.geometric(p, len(gaps))])
    hit = start - 1 + np.cumsum(gaps)
    hit = hit[hit < stop]
    hit = hit[active[hit]]
    out[hit] += days(len(hit))


def build_appraisals(
    people: People, d: Discipline, year: int, months: int, rng: np.random.Generator
) -> pd.DataFrame:
    """Monthly SKP ratings: mostly as expected, some above, few below (PermenPANRB 6/2022)."""
    n = len(d.klass)
    above_r = np.where(d.star, 0.5, np.where(d.bad, 0.02, 0.12))
    below_r = np.where(d.bad, 0.35, 0.04)
    above_b = np.where(d.star, 0.4, np.where(d.bad, 0.02, 0.10))
    below_b = np.where(d.bad, 0.30, 0.02)
    columns = {
        "nip": _repeat_months(people.frame["nip"], months),
        "period": _month_column(year, months, n),
    }
    for column, above, below in (("results", above_r, below_r), ("behaviour", above_b, below_b)):
        u = rng.random((months, n), dtype=np.float32)  # (month, employee): rows month by month
        code = np.ones(u.shape, dtype=np.int8)  # as_expected
        code[u < above] = 0
        code[(u >= above) & (u < above + below)] = 2
        columns[column] = pick(RATINGS, code.ravel())
    return pd.DataFrame(columns)


def build_sanctions(
    people: People, d: Discipline, year: int, months: int, rng: np.random.Generator
) -> pd.DataFrame:
    """Medium discipline sanctions (PP 94/2021): 25% cut for 6, 9 or 12 months, ~0.5% of staff.

    Drawn among employees serving the whole year, mostly the bad apples.
    """
    frame = people.frame
    candidates = np.flatnonzero(
        frame["start_date"].isna().to_numpy() & frame["end_date"].isna().to_numpy()
    )
    count = min(max(1, round(0.005 * len(frame))), len(candidates))
    weight = np.where(d.bad[candidates], 50.0, 1.0)
    chosen = np.sort(rng.choice(candidates, size=count, replace=False, p=weight / weight.sum()))
    start = rng.integers(1, months + 1, count)
    return pd.DataFrame(
        {
            "nip": frame["nip"].take(chosen).reset_index(drop=True),
            "kind": pick(("hukuman disiplin sedang",), np.zeros(count, dtype=np.int64)),
            "percent": np.full(count, 25.0),
            "start_period": pick(month_periods(year, 12), start - 1),
            "months": rng.choice(np.array([6, 9, 12], dtype=np.int64), size=count),
            "reference": pd.Series(
                [f"800.1.6.4/{i + 1:04d}/BKPSDM/{year}" for i in range(count)], dtype="str"
            ),
        }
    )


def _repeat_months(nips: pd.Series, months: int) -> pd.Series:
    """The NIP column repeated once per month (concatenation shares the string buffers)."""
    return pd.concat([nips] * months, ignore_index=True)


def _month_column(year: int, months: int, n: int) -> pd.Series:
    return pick(month_periods(year, months), np.repeat(np.arange(months, dtype=np.int8), n))
