"""``generate()``: every input table of a synthetic regency, deterministic and vectorised.

The pieces live in private modules, one per concern: ``_org`` (OPDs, units, positions),
``_people`` (employees), ``_plan`` (work items and pagu), ``_indicators`` (indicators, targets,
realisations), ``_budget`` (monthly budget realisation) and ``_actuals`` (attendance,
appraisals, sanctions). Each table draws from its own random stream derived from ``seed``, so
the output is the same bytes on every run and machine for a given numpy version, and changing
one generator never shifts the numbers of another table.
"""

from __future__ import annotations

import numbers

import numpy as np
import pandas as pd

from tukin.contract import TABLE_ORDER
from tukin.demo._actuals import build_appraisals, build_attendance, build_sanctions, draw_discipline
from tukin.demo._budget import build_budget_realisations
from tukin.demo._indicators import build_indicators
from tukin.demo._opds import CATALOG
from tukin.demo._org import build_org
from tukin.demo._people import build_people
from tukin.demo._plan import build_plan
from tukin.demo._util import stream

MIN_EMPLOYEES = 4  # one OPD: its head, one administrator, one pengawas and one staff member


def generate(
    n_employees: int = 600, *, seed: int = 2025, year: int = 2025, months: int = 12
) -> dict[str, pd.DataFrame]:
    """Generate the synthetic regency "Kabupaten Contoh" with ``n_employees`` employees.

    Returns every table of :data:`tukin.contract.TABLES`, keyed and ordered as
    :data:`tukin.contract.TABLE_ORDER`, with exactly the contract's columns; ``employees``
    adds ``basic_salary``, ``family_allowance``, ``position_allowance`` (int64 rupiah),
    ``bank_account`` and ``ter_category`` (PPh 21 TER category A/B/C) for BPJS and tax steps.

    ``months`` is how far into ``year`` the actuals reach: attendance, appraisals, realisations
    and budget realisations cover months 1..``months`` (quarterly realisations only closed
    quarters) and sanctions start within them; budgets and targets plan the whole year
    (monthly targets for sub kegiatan indicators, quarterly for kegiatan and programs).

    Up to 16,000 employees make one regency (8 OPDs for 600, about 40 for 15,000); more make
    several regencies whose ids are prefixed ``R01.``, ``R02.``... A million employees take
    seconds, not minutes, and about 3 GB: attendance and appraisals hold ``12 * n`` rows each.

    >>> tables = generate(50, seed=1)
    >>> len(tables["employees"]), sorted(tables)[:3]
    (50, ['appraisals', 'attendance', 'budget_realisations'])
    """
    _check_int("n_employees", n_employees, MIN_EMPLOYEES, None)
    _check_int("seed", seed, 0, None)
    _check_int("year", year, 1970, 2200)
    _check_int("months", months, 1, 12)

    org = build_org(n_employees, stream(seed, "organisation"))
    people = build_people(org, year, stream(seed, "employees"))
    plan = build_plan(org, stream(seed, "work_items"))
    catalog_index = {t.code: i for i, t in enumerate(CATALOG)}
    opd_catalog = np.array([catalog_index[t.code] for t in org.opd_types], dtype=np.int64)
    indicators, targets, realisations = build_indicators(
        plan, opd_catalog, year, months, stream(seed, "indicators")
    )
    discipline = draw_discipline(n_employees, stream(seed, "discipline"))
    tables = {
        "units": org.units,
        "positions": org.positions,
        "employees": people.frame,
        "work_items": plan.frame,
        "indicators": indicators,
        "targets": targets,
        "realisations": realisations,
        "budget_realisations": build_budget_realisations(
            plan, year, months, stream(seed, "budget_realisations")
        ),
        "attendance": build_attendance(
            people, discipline, year, months, stream(seed, "attendance")
        ),
        "appraisals": build_appraisals(
            people, discipline, year, months, stream(seed, "appraisals")
        ),
        "sanctions": build_sanctions(people, discipline, year, months, stream(seed, "sanctions")),
    }
    return {name: tables[name] for name in TABLE_ORDER}


def _check_int(name: str, value: object, lo: int, hi: int | None) -> None:
    """Refuse a non-integer or out-of-range argument with a message naming it."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be an integer, not {type(value).__name__}")
    number = int(value)
    if number < lo or (hi is not None and number > hi):
        bounds = f"at least {lo}" if hi is None else f"between {lo} and {hi}"
        raise ValueError(f"{name} must be {bounds}, got {number}")
