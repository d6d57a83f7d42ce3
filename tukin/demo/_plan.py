"""Work items: programs, kegiatan and sub kegiatan with their pagu and responsible position.

Every OPD runs the support program (code ``<urusan>.01``, its kegiatan answered for by the
secretary) and one to three of its sector programs (kegiatan spread over the bidang). Codes
follow Permendagri 90: program ``1.02.02``, kegiatan ``1.02.02.2.01`` (2 = kabupaten/kota),
sub kegiatan ``1.02.02.2.01.0001``. Ids prefix the code with the OPD's unit id
(``DINKES:1.02.02``) because two OPDs of the same urusan, or two regencies, share codes.
Budgets are drawn for sub kegiatan only and summed upwards, so roll-ups always agree.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from tukin.demo._catalog import SUB_PREFIXES, SUPPORT_KEGIATAN, SUPPORT_PROGRAM
from tukin.demo._org import Org, bidang_id, head_id, seksi_id
from tukin.demo._util import BoolArray, IntArray, text
from tukin.demo._words import PAYROLL_PER_EMPLOYEE

LEVELS = ("program", "kegiatan", "sub_kegiatan")
PROGRAM, KEGIATAN, SUB = range(3)


@dataclass(frozen=True)
class Plan:
    """The work items table and per-row arrays the indicator and budget generators use."""

    frame: pd.DataFrame
    level: IntArray  # PROGRAM, KEGIATAN or SUB per row
    opd: IntArray  # OPD index per row
    program_rank: IntArray  # 0 for the support program, 1.. for sector programs
    payroll: BoolArray  # the sub kegiatan paying salaries (spends evenly over the year)


def build_plan(org: Org, rng: np.random.Generator) -> Plan:
    """Draw the program tree of every OPD and its budgets (see the module docstring)."""
    ids: list[str] = []
    codes: list[str] = []
    names: list[str] = []
    level: list[int] = []
    parent: list[int] = []
    opd: list[int] = []
    responsible: list[str] = []
    program_rank: list[int] = []
    payroll: list[bool] = []

    def add(
        code: str, name: str, lv: int, par: int, o: int, resp: str, p: int, pay: bool = False
    ) -> int:
        ids.append(f"{org.opd_ids[o]}:{code}")
        codes.append(code)
        names.append(name)
        level.append(lv)
        parent.append(par)
        opd.append(o)
        responsible.append(resp)
        program_rank.append(p)
        payroll.append(pay)
        return len(ids) - 1

    for o, t in enumerate(org.opd_types):
        oid = org.opd_ids[o]
        n_bidang, n_seksi = int(org.n_bidang[o]), int(org.n_seksi[o])
        sector_kegiatan = 0
        for p in range(min(int(rng.integers(2, 5)), 1 + len(t.programs))):
            program = t.programs[p - 1] if p else None
            p_code = f"{t.urusan}.{p + 1:02d}"
            p_row = add(
                p_code,
                program.name if program else SUPPORT_PROGRAM,
                PROGRAM,
                -1,
                o,
                head_id(oid),
                p,
            )
            for k in range(int(rng.integers(2, 5))):
                if program is None:
                    k_name, subs = SUPPORT_KEGIATAN[k]
                    b = 0
                else:
                    k_name = program.kegiatan[k]
                    subs = tuple(f"{prefix} {k_name}" for prefix in SUB_PREFIXES)
                    b = 1 + sector_kegiatan % (n_bidang - 1) if n_bidang > 1 else 0
                    sector_kegiatan += 1
                k_code = f"{p_code}.2.{k + 1:02d}"
                admin = head_id(bidang_id(oid, b))
                k_row = add(k_code, k_name, KEGIATAN, p_row, o, admin, p)
                for s in range(int(rng.integers(2, 5))):
                    supervisor = head_id(seksi_id(oid, b, s % n_seksi))
                    # The support program's second kegiatan, first sub kegiatan pays salaries.
                    pay = program is None and k == 1 and s == 0
                    add(f"{k_code}.{s + 1:04d}", subs[s], SUB, k_row, o, supervisor, p, pay)

    lv = np.array(level, dtype=np.int64)
    par = np.array(parent, dtype=np.int64)
    opd_arr = np.array(opd, dtype=np.int64)
    p_rank = np.array(program_rank, dtype=np.int64)
    pay_arr = np.array(payroll, dtype=bool)
    budget = _budgets(org, lv, par, opd_arr, pay_arr, rng)
    parent_ids = np.array(ids, dtype=object)[np.maximum(par, 0)]
    parent_ids[par < 0] = None
    frame = pd.DataFrame(
        {
            "work_item_id": text(ids),
            "code": text(codes),
            "name": text(names),
            "level": text(np.array(LEVELS, dtype=object)[lv]),
            "parent_id": text(parent_ids),
            "unit_id": text(np.array(org.opd_ids, dtype=object)[opd_arr]),
            "responsible_position_id": text(responsible),
            "budget": budget,
        }
    )
    return Plan(frame, lv, opd_arr, p_rank, pay_arr)


def _budgets(
    org: Org,
    level: IntArray,
    parent: IntArray,
    opd: IntArray,
    payroll: BoolArray,
    rng: np.random.Generator,
) -> IntArray:
    """Pagu in rupiah: drawn per sub kegiatan (thousands of rupiah), summed into parents.

    A sub kegiatan gets a log-normal pagu around Rp400 million (Rp25 million to Rp20 billion);
    the payroll sub kegiatan gets the OPD's headcount times a year of salary and allowances.
    """
    n = len(level)
    employees = org.staff + 1 + org.n_bidang * (1 + org.n_seksi)
    drawn = np.clip(rng.lognormal(np.log(400e6), 0.9, n), 25e6, 20e9)
    payroll_pagu = employees[opd] * PAYROLL_PER_EMPLOYEE * rng.uniform(0.9, 1.1, n)
    budget = np.where(level == SUB, np.rint(np.where(payroll, payroll_pagu, drawn) / 1000), 0)
    budget = budget.astype(np.int64) * 1000
    for child in (SUB, KEGIATAN):  # sub kegiatan into kegiatan, then kegiatan into programs
        rows = np.flatnonzero(level == child)
        np.add.at(budget, parent[rows], budget[rows])
    return budget
