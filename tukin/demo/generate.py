"""``generate()``: every input table of a synthetic regency, deterministic and vectorised.

The pieces live in private modules, one per concern: ``_org`` (OPDs, units, positions),
``_people`` (employees), ``_plan`` (work items and pagu), ``_indicators`` (indicators, targets,
realisations), ``_budget`` (monthly budget realisation) and ``_actuals`` (attendance,
appraisals, sanctions). Each table draws from its own random stream derived from ``seed``, so
the output is the same bytes on every run and machine for a given numpy version, and changing
one generator never shifts the numbers of another table.
"""

from __future__ import annotations

import functools
import inspect
import numbers
from collections.abc import Callable, Mapping
from typing import ParamSpec, TypeVar

import numpy as np
import pandas as pd

from tukin._checks import empty_frame
from tukin.contract import TABLE_ORDER, TABLES
from tukin.demo._actuals import build_appraisals, build_attendance, build_sanctions, draw_discipline
from tukin.demo._budget import build_budget_realisations
from tukin.demo._history import build_history
from tukin.demo._indicators import build_indicators
from tukin.demo._opds import CATALOG
from tukin.demo._org import build_org
from tukin.demo._people import build_people
from tukin.demo._plan import build_plan
from tukin.demo._util import stream
from tukin.errors import ArgumentError, ArgumentTypeError

MIN_EMPLOYEES = 4  # one OPD: its head, one administrator, one pengawas and one staff member

#: each argument of :func:`generate` and its bounds (``None``: no upper bound)
BOUNDS: dict[str, tuple[int, int | None]] = {
    "n_employees": (MIN_EMPLOYEES, None),
    "seed": (0, None),
    "year": (1970, 2200),
    "months": (1, 12),
    "promotions": (0, 100),
}

_P = ParamSpec("_P")
_T = TypeVar("_T")


def _refuses_unknown_arguments(fn: Callable[_P, _T]) -> Callable[_P, _T]:
    """``fn``, whose call with a keyword it does not have, too many positional arguments or
    one argument twice is an :class:`~tukin.errors.ArgumentTypeError` naming it and the
    arguments there are (a ``TypeError`` still, as Python's own), in the language in force."""
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def call(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        try:
            signature.bind(*args, **kwargs)
        except TypeError:
            _refuse_call(f"{fn.__name__}()", signature, args, kwargs)
            raise  # what _refuse_call does not recognise: Python's own message
        return fn(*args, **kwargs)

    return call


def _refuse_call(
    call: str, signature: inspect.Signature, args: tuple[object, ...], kwargs: Mapping[str, object]
) -> None:
    params = signature.parameters
    names = ", ".join(params)
    unknown = [k for k in kwargs if k not in params]
    if unknown:
        raise ArgumentTypeError(code="unknown_argument", call=call, value=unknown[0], choices=names)
    positional = [
        n for n, p in params.items() if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
    ]
    if len(args) > len(positional):
        by_name = ", ".join(f"{n}=..." for n in params if n not in positional)
        raise ArgumentTypeError(
            code="too_many_positional",
            call=call,
            allowed=len(positional),
            value=len(args),
            choices=by_name,
        )
    twice = [n for n in positional[: len(args)] if n in kwargs]
    if twice:
        raise ArgumentTypeError(code="argument_given_twice", call=call, value=twice[0])


def check_arguments(
    values: Mapping[str, object],
    *,
    call: str = "generate()",
    names: Mapping[str, str] | None = None,
) -> dict[str, int]:
    """``values`` (arguments of :func:`generate` by name) as ints within :data:`BOUNDS`.

    Anything else is refused before a row is drawn, naming the argument as ``names`` calls it
    (the ``tukin demo`` command's ``--size``) and what it must be, in the language in force:
    not a whole number (``10.0``, ``"10"``, ``True``) an
    :class:`~tukin.errors.ArgumentTypeError` (a ``TypeError``), out of its bounds an
    :class:`~tukin.errors.ArgumentError` (a ``ValueError``).
    """
    out = {}
    for name, value in values.items():
        shown = (names or {}).get(name, name)
        lo, hi = BOUNDS[name]
        if isinstance(value, bool) or not isinstance(value, numbers.Integral):
            given = (
                repr(value[:40])
                if isinstance(value, str)
                else "None"
                if value is None
                else type(value).__name__
            )
            raise ArgumentTypeError(
                code="argument_not_whole", call=call, argument=shown, value=given
            )
        number = int(value)
        if number < lo or (hi is not None and number > hi):
            raise ArgumentError(
                code="argument_below" if hi is None else "argument_range",
                call=call,
                argument=shown,
                minimum=lo,
                maximum=hi,
                value=number,
            )
        out[name] = number
    return out


@_refuses_unknown_arguments
def generate(
    n_employees: int = 600,
    *,
    seed: int = 2025,
    year: int = 2025,
    months: int = 12,
    promotions: int = 0,
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

    ``promotions`` (a percentage, 0 by default: the figures of the demo and the benchmarks
    stay as they are) gives that share of the employees an earlier position within the
    year in ``position_history``: a promotion from a lower post of their OPD or a CPNS -> PNS
    appointment, the employees row's ``start_date`` the new TMT (:mod:`tukin.demo._history`).
    The packaged rule packs pay each position for its own days and explain both.

    >>> tables = generate(50, seed=1)
    >>> len(tables["employees"]), sorted(tables)[:3]
    (50, ['appraisals', 'attendance', 'budget_realisations'])
    """
    checked = check_arguments(
        {
            "n_employees": n_employees,
            "seed": seed,
            "year": year,
            "months": months,
            "promotions": promotions,
        }
    )
    n_employees, seed, year, months, promotions = (checked[k] for k in BOUNDS)

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
    # no acting official (Plt / Plh): every post of the demo is held. Given without rows, the
    # table says so (a rule file paying the Plt supplement then pays nobody one), and, empty,
    # it leaves the input fingerprint as it was before the table existed
    tables["acting"] = empty_frame(TABLES["acting"])
    # by default nobody changed position within the demo's months: the employees row says
    # it all; asked, a share did (its own random stream: no other table's numbers move)
    tables["position_history"] = empty_frame(TABLES["position_history"])
    if promotions:
        tables["employees"], history = build_history(
            people.frame, org, year, months, promotions, stream(seed, "position_history")
        )
        tables["position_history"] = history[list(TABLES["position_history"].names)]
    return {name: tables[name] for name in TABLE_ORDER}
