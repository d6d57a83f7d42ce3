"""The benchmark's reference rule, outside tukin: data, an exact numpy kernel, an exact
Fraction oracle and the row-by-row pandas/Decimal version an analyst would write.

The reference rule, per employee and month (``benchmarks/reference_rule.yaml`` says the same
to tukin):

    capaian    = min(realisasi / target, 1)              realisasi, target: 2 decimals
    discipline = min(1, Σ rate[code] × count[code])       TL1/PSW1 0.5 %, TL2/PSW2 1 %,
                                                          TL3/PSW3 1.25 %, TL4/PSW4 1.5 %,
                                                          TK 5 % per day
    base       = BASE[grade]                              17 classes
    allowance  = round_half_up(base × (0.6 × capaian + 0.4 × (1 − discipline))
                               × (0.8 if CPNS else 1))    whole rupiah

The kernel works on integers only: realisasi and target as cents ``r``, ``t``; ``m = min(r, t)``;
the discipline in basis points ``d``; the status factor in tenths ``s`` (10 or 8). Then

    allowance = round_half_up(base · s · (60000·m + 4·(10000 − d)·t) / (10^6 · t))

computed without int64 overflow by splitting into quotients and remainders (see
:func:`kernel`); :func:`oracle` is the same rule in ``fractions.Fraction``, one row at a time.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

import numpy as np
import pandas as pd

#: Base amount per job class 1..17 (rupiah per month; example values: classes 1-15 are
#: Kabupaten Seruyan's 2023 table, 16-17 extend it).
BASE: dict[int, int] = {
    1: 894_961, 2: 1_131_487, 3: 1_368_012, 4: 1_655_678, 5: 2_793_557, 6: 3_349_711,
    7: 3_854_725, 8: 4_371_943, 9: 5_439_503, 10: 6_253_104, 11: 7_188_745, 12: 9_298_296,
    13: 11_628_681, 14: 12_956_594, 15: 17_019_369, 16: 21_274_211, 17: 26_592_764,
}  # fmt: skip
#: Deduction per occurrence, in basis points (1/10,000).
RATES_BP: dict[str, int] = {
    "tl1": 50, "tl2": 100, "tl3": 125, "tl4": 150,
    "psw1": 50, "psw2": 100, "psw3": 125, "psw4": 150,
    "tk": 500,
}  # fmt: skip
CODES = tuple(RATES_BP)
#: Largest target in cents the kernel accepts: every intermediate then stays below 2**63.
MAX_CENTS = 10**9
_BASE_TABLE = np.zeros(max(BASE) + 1, dtype=np.int64)
for _g, _b in BASE.items():
    _BASE_TABLE[_g] = _b


# -- data -------------------------------------------------------------------------------------


def add_skp_columns(employees: pd.DataFrame, seed: int) -> pd.DataFrame:
    """``employees`` with ``skp_target`` and ``skp_realisation`` (2 decimals, as float64).

    Targets 10.00 - 2,000.00; realisations 40 % - 125 % of the target, one in ten exactly on
    target; some land on ties (r/t a short decimal), most do not (r/t = 2/3...).
    """
    rng = np.random.default_rng([seed, 7])
    n = len(employees)
    t = rng.integers(1_000, 200_001, size=n)
    ratio = rng.uniform(0.40, 1.25, size=n)
    r = np.rint(t * ratio).astype(np.int64)
    on = rng.random(n) < 0.10
    r[on] = t[on]
    out = employees.copy()
    out["skp_target"] = t / 100.0
    out["skp_realisation"] = r / 100.0
    return out


def reference_tables(n: int, seed: int = 2025) -> dict[str, pd.DataFrame]:
    """Demo regency with ``n`` employees, one month (2025-01) of actuals, SKP columns added."""
    from tukin.demo import generate

    tables = generate(n, seed=seed, months=1)
    tables["employees"] = add_skp_columns(tables["employees"], seed)
    return tables


@dataclass
class Arrays:
    """The kernel's inputs, one entry per employee (in employee-table order)."""

    nip: np.ndarray
    grade: np.ndarray  # int64, 0 where the position has no grade
    cpns: np.ndarray  # bool
    counts: np.ndarray  # int64, shape (n, len(CODES))
    r: np.ndarray  # int64 cents
    t: np.ndarray  # int64 cents
    payable: np.ndarray  # bool: in service during the period, attendance row present


def to_arrays(tables: dict[str, pd.DataFrame], period: str = "2025-01") -> Arrays:
    """Join what the kernel needs (grade, the month's attendance) with plain pandas/numpy."""
    emp = tables["employees"]
    pos = tables["positions"]
    grade = emp["position_id"].map(pos.set_index("position_id")["grade"])
    att = tables["attendance"]
    att = att[att["period"].astype(str) == period]
    idx = pd.Index(att["nip"].astype(str)).get_indexer(emp["nip"].astype(str))
    has = idx >= 0
    counts = np.zeros((len(emp), len(CODES)), dtype=np.int64)
    src = att[list(CODES)].to_numpy(dtype=np.int64)
    counts[has] = src[idx[has]]
    start = pd.Timestamp(period + "-01")
    end = start + pd.offsets.MonthEnd(0)
    s = pd.to_datetime(emp["start_date"])
    e = pd.to_datetime(emp["end_date"])
    served = ~(s > end).to_numpy() & ~(e < start).to_numpy()
    g = grade.fillna(0).to_numpy(dtype=np.int64)
    return Arrays(
        nip=emp["nip"].astype(str).to_numpy(dtype=object),
        grade=g,
        cpns=(emp["status"].astype(str).str.strip().str.lower() == "cpns").to_numpy(),
        counts=counts,
        r=np.rint(emp["skp_realisation"].to_numpy(dtype=np.float64) * 100).astype(np.int64),
        t=np.rint(emp["skp_target"].to_numpy(dtype=np.float64) * 100).astype(np.int64),
        payable=served & has & (g > 0),
    )


# -- the exact numpy kernel ------------------------------------------------------------------


def kernel(a: Arrays) -> np.ndarray:
    """Allowance per employee, exact, in int64 arithmetic only.

    ``N = base·s·X`` with ``X = 60000·m + 4·(10000 − d)·t`` can pass 2**63, so it is split:
    ``X = q1·t + r1``, ``base·s·q1 = qa·10^6 + ra``; then ``N / (10^6·t) = qa + C / (10^6·t)``
    with ``C = ra·t + base·s·r1``, and ``C = qc·10^6·t + rc``. Every factor is bounded
    (base·s < 3·10^8, q1 ≤ 10^5, r1 < t ≤ 10^9, ra < 10^6), so nothing overflows.
    """
    t = a.t
    if len(t) and (int(t.min()) <= 0 or int(t.max()) > MAX_CENTS):
        raise ValueError("targets must be positive and at most 10^7 (in cents 10^9)")
    d = a.counts @ np.array([RATES_BP[c] for c in CODES], dtype=np.int64)
    np.minimum(d, 10_000, out=d)
    m = np.minimum(a.r, t)
    x = 60_000 * m + 4 * (10_000 - d) * t
    bs = _BASE_TABLE[a.grade] * np.where(a.cpns, 8, 10)
    q1, r1 = np.divmod(x, t)
    qa, ra = np.divmod(bs * q1, 1_000_000)
    den = 1_000_000 * t
    qc, rc = np.divmod(ra * t + bs * r1, den)
    return qa + qc + (2 * rc >= den)


def oracle(a: Arrays, rows: np.ndarray) -> np.ndarray:
    """The rule in exact fractions, row by row (for checking the kernel on a sample)."""
    rates = {c: Fraction(bp, 10_000) for c, bp in RATES_BP.items()}
    out = np.zeros(len(rows), dtype=np.int64)
    for j, i in enumerate(np.asarray(rows).tolist()):
        capaian = min(Fraction(int(a.r[i]), int(a.t[i])), Fraction(1))
        disc = min(Fraction(1), sum(rates[c] * int(a.counts[i, k]) for k, c in enumerate(CODES)))
        status = Fraction(4, 5) if a.cpns[i] else Fraction(1)
        x = BASE[int(a.grade[i])] * (Fraction(3, 5) * capaian + Fraction(2, 5) * (1 - disc)) * status
        q, rem = divmod(x.numerator, x.denominator)
        out[j] = q + (2 * rem >= x.denominator)
    return out


# -- what an analyst would write ---------------------------------------------------------------


def naive_frame(a: Arrays, rows: np.ndarray) -> pd.DataFrame:
    """The inputs as one DataFrame, realisasi/target as they sit in a spreadsheet (floats)."""
    frame = pd.DataFrame(a.counts[rows], columns=list(CODES))
    frame["grade"] = a.grade[rows]
    frame["status"] = np.where(a.cpns[rows], "CPNS", "PNS")
    frame["realisasi"] = a.r[rows] / 100
    frame["target"] = a.t[rows] / 100
    return frame


def naive(frame: pd.DataFrame) -> np.ndarray:
    """Row by row with ``Decimal`` (28 significant digits): the usual spreadsheet-to-pandas port."""
    rates = {c: Decimal(bp) / Decimal(10_000) for c, bp in RATES_BP.items()}
    out = []
    for row in frame.itertuples(index=False):
        capaian = min(Decimal(str(row.realisasi)) / Decimal(str(row.target)), Decimal(1))
        disc = min(Decimal(1), sum(rates[c] * getattr(row, c) for c in CODES))
        factor = Decimal("0.8") if row.status == "CPNS" else Decimal(1)
        amount = BASE[row.grade] * (Decimal("0.6") * capaian + Decimal("0.4") * (1 - disc)) * factor
        out.append(int(amount.quantize(Decimal(1), rounding=ROUND_HALF_UP)))
    return np.array(out, dtype=np.int64)
