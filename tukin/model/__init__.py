"""The domain model: one frozen pydantic model per row of each input table.

Field names are the column names of :mod:`tukin.contract` (a test holds them together), so a
model and a DataFrame row are interchangeable: :meth:`tukin.Dataset.from_records` accepts
either and validates both the same vectorised way. Models check what one row can tell;
the Dataset checks what needs several rows or tables (duplicates, references, cycles).
"""

from __future__ import annotations

from tukin.model._types import Record, normalise_choice, normalise_nip
from tukin.model.actuals import Appraisal, Attendance, BudgetRealisation, Realisation, Sanction
from tukin.model.org import Acting, Employee, Position, PositionSpell, Unit
from tukin.model.plan import Indicator, Target, WorkItem

__all__ = [
    "MODELS",
    "Acting",
    "Appraisal",
    "Attendance",
    "BudgetRealisation",
    "Employee",
    "Indicator",
    "Position",
    "PositionSpell",
    "Realisation",
    "Record",
    "Sanction",
    "Target",
    "Unit",
    "WorkItem",
    "normalise_choice",
    "normalise_nip",
]

#: The model of each contract table, by table name.
MODELS: dict[str, type[Record]] = {
    m.__table__: m
    for m in (
        Unit,
        Position,
        Employee,
        WorkItem,
        Indicator,
        Target,
        Realisation,
        BudgetRealisation,
        Attendance,
        Appraisal,
        Sanction,
        Acting,
        PositionSpell,
    )
}
