"""The reference rule in OpenFisca (optional: ``pip install tukin[bench]`` or openfisca-core).

OpenFisca is the best-known open rules-as-code engine for tax and benefit legislation. The
rule is written as it would be in an OpenFisca country package: one entity (the employee),
input variables, formulas over whole columns with ``min_`` / ``where``, and a half-up rounding.
OpenFisca stores ``float`` variables as float32, as its country packages do; the benchmark
counts the employees whose rupiah then differs from the exact result.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from benchmarks.kernels import BASE, CODES, RATES_BP, Arrays


def available() -> bool:
    try:
        import openfisca_core  # noqa: F401
    except ImportError:
        return False
    return True


def version() -> str:
    from importlib.metadata import version as v

    return v("openfisca-core")


def _system() -> Any:
    from openfisca_core.entities import build_entity
    from openfisca_core.periods import DateUnit
    from openfisca_core.taxbenefitsystems import TaxBenefitSystem
    from openfisca_core.variables import Variable

    person = build_entity(
        key="person", plural="persons", label="Employee", doc="", is_person=True
    )
    month = DateUnit.MONTH
    base_table = np.zeros(max(BASE) + 1, dtype=np.float32)
    for g, b in BASE.items():
        base_table[g] = b

    def var(name: str, kind: type, formula: Any = None) -> type:
        attrs: dict[str, Any] = {
            "value_type": kind,
            "entity": person,
            "definition_period": month,
            "label": name,
        }
        if formula is not None:
            attrs["formula"] = formula
        return type(name, (Variable,), attrs)

    def capaian(p: Any, period: Any) -> Any:
        return np.minimum(p("realisasi", period) / p("target", period), 1)

    def discipline(p: Any, period: Any) -> Any:
        total = sum(p(c, period) * (RATES_BP[c] / 10_000) for c in CODES)
        return np.minimum(total, 1)

    def base(p: Any, period: Any) -> Any:
        return base_table[p("grade", period)]

    def allowance(p: Any, period: Any) -> Any:
        factor = np.where(p("cpns", period), 0.8, 1.0)
        amount = p("base", period) * (
            0.6 * p("capaian", period) + 0.4 * (1 - p("discipline", period))
        ) * factor
        return np.floor(amount + 0.5)

    variables = [
        var("grade", int),
        var("cpns", bool),
        var("realisasi", float),
        var("target", float),
        *[var(c, int) for c in CODES],
        var("capaian", float, capaian),
        var("discipline", float, discipline),
        var("base", float, base),
        var("allowance", float, allowance),
    ]

    class System(TaxBenefitSystem):  # type: ignore[misc]
        def __init__(self) -> None:
            super().__init__([person])
            for v in variables:
                self.add_variable(v)

    return System()


_SYSTEM: Any = None


def openfisca(a: Arrays, period: str = "2025-01") -> np.ndarray:
    """Allowance per employee computed by OpenFisca (float32 variables, as OpenFisca does)."""
    from openfisca_core.simulation_builder import SimulationBuilder

    global _SYSTEM
    if _SYSTEM is None:
        _SYSTEM = _system()
    sb = SimulationBuilder()
    sb.create_entities(_SYSTEM)
    sb.declare_person_entity("person", [str(i) for i in range(len(a.grade))])
    sim = sb.build(_SYSTEM)
    sim.set_input("grade", period, a.grade)
    sim.set_input("cpns", period, a.cpns)
    sim.set_input("realisasi", period, a.r / 100)
    sim.set_input("target", period, a.t / 100)
    for k, c in enumerate(CODES):
        sim.set_input(c, period, a.counts[:, k])
    return np.asarray(sim.calculate("allowance", period)).astype(np.int64)
