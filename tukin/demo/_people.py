"""Employees: who holds which position, with NIP, name, status, dates and pay components.

Everything is drawn per column over all employees at once; the only Python-level loops are over
word lists. The NIP is built as an integer (birth date, appointment month, sex digit, sequence)
and turned into text once, which is what keeps a million employees under a second.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from tukin.demo._org import FUNGSIONAL, PELAKSANA_KIND, PENGAWAS, Org
from tukin.demo._util import IntArray, group_rank, pick, ranks
from tukin.demo._words import (
    COMMON_LAST,
    DEGREES_FUNGSIONAL,
    DEGREES_PELAKSANA,
    DEGREES_STRUCTURAL,
    FEMALE_FIRST,
    FEMALE_LAST,
    GAJI_POKOK_MIN,
    GAJI_STEP,
    MALE_FIRST,
    MALE_LAST,
    TUNJANGAN_FUNGSIONAL,
    TUNJANGAN_STRUKTURAL,
    TUNJANGAN_UMUM,
)

STATUSES = ("pns", "cpns", "pppk")
PNS, CPNS, PPPK = range(3)

# Per position kind (jpt, administrator, pengawas, pelaksana, fungsional): PNS age range at
# 1 January, minimum years of service, and golongan ruang (index into GAJI_POKOK_MIN) as
# (first, years per step, lowest, highest).
_AGE_LO = np.array([45, 38, 30, 23, 24])
_AGE_HI = np.array([58, 57, 57, 57, 57])
_MIN_SERVICE = np.array([15, 10, 6, 2, 2])
_GOL = np.array([[13, 8, 14, 16], [11, 6, 11, 13], [10, 6, 10, 12], [4, 4, 4, 9], [8, 4, 8, 13]])
_FEMALE_P = np.array([0.3, 0.3, 0.45, 0.5, 0.6])


@dataclass(frozen=True)
class People:
    """The employees table plus what the attendance and sanction generators need."""

    frame: pd.DataFrame
    first_month: IntArray  # first month (1-12) served in the year
    last_month: IntArray  # last month (1-12) served in the year
    opd: IntArray  # OPD index of each employee


def _holders(org: Org, rng: np.random.Generator) -> IntArray:
    """Position row of every employee: one holder per structural post, staff shared.

    Each staff position gets one holder first (no empty posts), the rest of an OPD's staff
    join a random staff position of their OPD.
    """
    structural = np.flatnonzero(org.pos_kind <= PENGAWAS)
    e_opd = np.repeat(np.arange(len(org.staff)), org.staff)
    r = ranks(org.staff)
    k = org.staff_positions[e_opd]
    local = np.where(r < k, r, (rng.random(len(r)) * k).astype(np.int64))
    staff = org.staff_rows[org.staff_start[e_opd] + local]
    return np.sort(np.concatenate([structural, staff]), kind="stable")


def build_people(org: Org, year: int, rng: np.random.Generator) -> People:
    """Draw every employee of the organisation (see the module docstring)."""
    pos = _holders(org, rng)
    n = len(pos)
    kind = org.pos_kind[pos]
    grade = org.pos_grade[pos]
    structural = kind <= PENGAWAS

    # Status: structural posts are PNS; staff carry the CPNS and PPPK so the whole is ~80/5/15.
    staff_share = max(float((~structural).mean()), 1e-9)
    p_cpns, p_pppk = min(0.05 / staff_share, 0.2), min(0.15 / staff_share, 0.5)
    u = rng.random(n)
    status = np.where(structural | (u >= p_cpns + p_pppk), PNS, np.where(u < p_cpns, CPNS, PPPK))
    female = rng.random(n) < _FEMALE_P[kind]

    # Age on 1 January and birth date.
    lo = np.where(status == PNS, _AGE_LO[kind], 22)
    hi = np.where(status == PNS, _AGE_HI[kind], np.where(status == CPNS, 35, 56))
    age = rng.integers(lo, hi + 1)
    birth = (year - age - 1 - 1970).astype("datetime64[Y]").astype("datetime64[D]")
    birth = birth + rng.integers(1, 366, n).astype("timedelta64[D]")
    b_month_idx = birth.astype("datetime64[M]").astype(np.int64) + 1970 * 12
    b_ymd = (
        (b_month_idx // 12) * 10_000
        + (b_month_idx % 12 + 1) * 100
        + (birth - birth.astype("datetime64[M]")).astype(np.int64)
        + 1
    )

    # Appointment (TMT) as a month index year * 12 + month - 1, always after the 18th birthday.
    service = rng.integers(
        _MIN_SERVICE[kind] * 12, np.maximum(age - 20, _MIN_SERVICE[kind]) * 12 + 1
    )
    appt = np.where(
        status == PNS,
        year * 12 - service,
        rng.integers(np.where(status == CPNS, year - 1, min(2021, year - 1)) * 12, year * 12 + 6),
    )
    appt = np.maximum(appt, b_month_idx + 18 * 12 + 1)
    appt_ym = (appt // 12) * 100 + appt % 12 + 1

    # NIP: birth date, appointment month, sex digit, sequence among identical prefixes.
    sex = np.where(female, 2, 1)
    seq = group_rank((b_ymd * 1_000_000 + appt_ym) * 10 + sex) + 1
    if int(seq.max()) > 999:  # pragma: no cover - needs ~1000 people sharing a birth date
        raise RuntimeError("NIP sequence overflow")
    nip = b_ymd * 10**10 + appt_ym * 10**4 + sex * 1000 + seq

    first_month, last_month, start, end = _service_dates(year, kind, status, age, birth, appt, rng)
    basic, family, allowance, ter = _pay(year, kind, grade, status, age, female, appt, rng)
    frame = pd.DataFrame(
        {
            "nip": pd.Series(nip).astype("str"),
            "name": _names(kind, female, rng),
            "position_id": org.positions["position_id"].take(pos).reset_index(drop=True),
            "status": pick(STATUSES, status),
            "start_date": start,
            "end_date": end,
            "basic_salary": basic,
            "family_allowance": family,
            "position_allowance": allowance,
            "bank_account": _bank_accounts(n, rng),
            "ter_category": pick(("A", "B", "C"), ter),
        }
    )
    return People(frame, first_month, last_month, org.pos_opd[pos])


def _service_dates(
    year: int,
    kind: IntArray,
    status: IntArray,
    age: IntArray,
    birth: np.ndarray,
    appt: IntArray,
    rng: np.random.Generator,
) -> tuple[IntArray, IntArray, pd.Series, pd.Series]:
    """Start and end dates inside the year, so part-month pay shows up.

    Starts: CPNS/PPPK appointed this year (first of their TMT month) and ~2% transfers in.
    Ends: PNS staff reaching the retirement age of 58 (end of the birthday month) and ~1%
    transfers out or deaths. Nobody both starts and ends within the year.
    """
    n = len(kind)
    jan1 = np.datetime64(f"{year}-01-01", "D")
    nat = np.datetime64("NaT", "D")
    appointed = appt >= year * 12
    transfer_in = ~appointed & (rng.random(n) < 0.02)
    start = np.where(
        appointed, (appt - 1970 * 12).astype("datetime64[M]").astype("datetime64[D]"), nat
    )
    start = np.where(transfer_in, jan1 + rng.integers(31, 334, n).astype("timedelta64[D]"), start)
    retiring = (status == PNS) & (kind >= PELAKSANA_KIND) & (age == 57)
    birthday_month = birth.astype("datetime64[M]").astype(np.int64) % 12
    month_after = (np.int64(year - 1970) * 12 + birthday_month + 1).astype("datetime64[M]")
    end = np.where(retiring, month_after.astype("datetime64[D]") - 1, nat)
    leaving = ~retiring & (rng.random(n) < 0.01)
    end = np.where(leaving, jan1 + rng.integers(30, 364, n).astype("timedelta64[D]"), end)
    has_start = ~np.isnat(start)
    end = np.where(has_start, nat, end)
    first = np.where(has_start, start.astype("datetime64[M]").astype(np.int64) % 12 + 1, 1)
    last = np.where(np.isnat(end), 12, end.astype("datetime64[M]").astype(np.int64) % 12 + 1)
    return (
        first.astype(np.int64),
        last.astype(np.int64),
        pd.Series(start.astype("datetime64[us]")),
        pd.Series(end.astype("datetime64[us]")),
    )


def _pay(
    year: int,
    kind: IntArray,
    grade: IntArray,
    status: IntArray,
    age: IntArray,
    female: np.ndarray,
    appt: IntArray,
    rng: np.random.Generator,
) -> tuple[IntArray, IntArray, IntArray, IntArray]:
    """Basic salary, family and position allowance (rupiah) and the PPh 21 TER category.

    Golongan follows the post and years of service; CPNS get 80% of the basic salary; the
    family allowance is 10% of it for a spouse and 2% per child (two at most); the TER
    category follows PTKP status (A: TK/0, K/0; B: K/1, K/2; C: K/3; women file as TK/0).
    """
    n = len(kind)
    mkg = np.clip(year - appt // 12, 0, 32)
    gol = np.clip(_GOL[kind, 0] + mkg // _GOL[kind, 1], _GOL[kind, 2], _GOL[kind, 3])
    raw = np.array(GAJI_POKOK_MIN)[gol] * GAJI_STEP ** (mkg - mkg % 2)
    basic = np.rint(raw * np.where(status == CPNS, 0.8, 1.0) / 100).astype(np.int64) * 100
    married = rng.random(n) < np.where(age < 25, 0.2, np.where(age < 30, 0.6, 0.88))
    children = np.where(married, rng.choice(4, size=n, p=[0.2, 0.3, 0.35, 0.15]), 0)
    family = np.rint(basic * (0.10 * married + 0.02 * np.minimum(children, 2))).astype(np.int64)
    struct_table = np.zeros(18, dtype=np.int64)
    func_table = np.zeros(18, dtype=np.int64)
    for g, amount in TUNJANGAN_STRUKTURAL.items():
        struct_table[g] = amount
    for g, amount in TUNJANGAN_FUNGSIONAL.items():
        func_table[g] = amount
    umum = np.array(TUNJANGAN_UMUM, dtype=np.int64)[np.minimum(gol // 4, 3)]
    allowance = np.where(
        kind <= PENGAWAS,
        struct_table[grade],
        np.where((kind == FUNGSIONAL) & (status != CPNS), func_table[grade], umum),
    )
    ter = np.where(female | ~married | (children == 0), 0, np.where(children < 3, 1, 2))
    return basic, family, allowance.astype(np.int64), ter.astype(np.int64)


def _names(kind: IntArray, female: np.ndarray, rng: np.random.Generator) -> pd.Series:
    """Synthetic Indonesian names: a first name, sometimes a second, a family name, degrees."""
    n = len(kind)
    firsts = MALE_FIRST + FEMALE_FIRST
    size = np.where(female, len(FEMALE_FIRST), len(MALE_FIRST))
    base = np.where(female, len(MALE_FIRST), 0)
    own_first = (rng.random(n) * size).astype(np.int64)
    other = (own_first + 1 + (rng.random(n) * (size - 1)).astype(np.int64)) % size  # never equal
    first = base + own_first
    second = np.where(rng.random(n) < 0.3, base + other + 1, 0)  # 0: no second name
    lasts = MALE_LAST + FEMALE_LAST + COMMON_LAST
    own = np.where(
        female,
        len(MALE_LAST) + rng.integers(0, len(FEMALE_LAST), n),
        rng.integers(0, len(MALE_LAST), n),
    )
    common = len(MALE_LAST) + len(FEMALE_LAST) + rng.integers(0, len(COMMON_LAST), n)
    last = np.where(rng.random(n) < 0.5, own, common)
    degrees = DEGREES_STRUCTURAL + DEGREES_FUNGSIONAL + DEGREES_PELAKSANA
    offset = np.array(
        [0, 0, 0, len(DEGREES_STRUCTURAL) + len(DEGREES_FUNGSIONAL), len(DEGREES_STRUCTURAL)]
    )
    count = np.array(
        [len(DEGREES_STRUCTURAL)] * 3 + [len(DEGREES_PELAKSANA), len(DEGREES_FUNGSIONAL)]
    )
    degree = offset[kind] + (rng.random(n) * count[kind]).astype(np.int64)
    return (
        pick(firsts, first)
        + " "
        + pick(("", *(f"{w} " for w in firsts)), second)
        + pick(lasts, last)
        + pick(degrees, degree)
    )


def _bank_accounts(n: int, rng: np.random.Generator) -> pd.Series:
    """Unique 10-digit account numbers: an affine bijection of the row number mod 9e9."""
    modulus = 9_000_000_000
    a = int(rng.integers(10**8, 10**9))
    while math.gcd(a, modulus) != 1:
        a += 1
    b = int(rng.integers(0, modulus))
    accounts = (np.arange(n, dtype=np.int64) * a + b) % modulus + 1_000_000_000
    return pd.Series(accounts).astype("str")
