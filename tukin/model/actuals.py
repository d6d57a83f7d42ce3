"""What happened: realisations, budget absorption, attendance, appraisals and sanctions.

One model per row of the contract tables of the same names. ``Attendance.counts`` holds one
count per attendance code (``tl1``, ``tk``...): the codes are defined by the rule set, not here,
and a row flattens them into one column per code.
"""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from tukin import contract
from tukin.model._types import (
    Count,
    CutPercent,
    Id,
    Month,
    Months,
    Nip,
    OptionalText,
    Percent,
    Quantity,
    Rating,
    Record,
    ReportStatus,
    Rupiah,
    Text,
    doc,
)
from tukin.period import Period

__all__ = ["Appraisal", "Attendance", "BudgetRealisation", "Realisation", "Sanction"]

_ATTENDANCE_COLUMNS = contract.TABLES["attendance"].names


class Realisation(Record):
    """The realised value of an indicator in a period, with its verification status."""

    __table__ = "realisations"

    indicator_id: Id = Field(description=doc("realisations", "indicator_id"))
    period: Period = Field(description=doc("realisations", "period"))
    value: Quantity = Field(description=doc("realisations", "value"))
    status: ReportStatus = Field("signed", description=doc("realisations", "status"))


class BudgetRealisation(Record):
    """Money spent and physical progress of a work item in a period, against the plan."""

    __table__ = "budget_realisations"

    work_item_id: Id = Field(description=doc("budget_realisations", "work_item_id"))
    period: Period = Field(description=doc("budget_realisations", "period"))
    spent: Rupiah = Field(description=doc("budget_realisations", "spent"))
    physical_pct: Percent = Field(description=doc("budget_realisations", "physical_pct"))
    planned_spent: Rupiah | None = Field(
        None, description=doc("budget_realisations", "planned_spent")
    )
    planned_physical_pct: Percent | None = Field(
        None, description=doc("budget_realisations", "planned_physical_pct")
    )
    status: ReportStatus = Field("signed", description=doc("budget_realisations", "status"))


class Attendance(Record):
    """An employee's attendance counts for a month, one count per code of the rule set."""

    __table__ = "attendance"

    nip: Nip = Field(description=doc("attendance", "nip"))
    period: Period = Field(description=doc("attendance", "period"))
    counts: dict[str, Count] = Field(
        default_factory=dict,
        description="Occurrences per attendance code (e.g. tl1, psw2, tk); codes come from the "
        "rule set. In a table each code is its own integer column.",
    )

    @field_validator("counts", mode="before")
    @classmethod
    def _normalise_codes(cls, value: Any) -> Any:
        """Codes are column names: lower case, no spaces, never a contract column."""
        if not isinstance(value, dict):
            return value
        out: dict[str, Any] = {}
        for code, count in value.items():
            name = str(code).strip().lower()
            if not name or name in _ATTENDANCE_COLUMNS:
                raise ValueError(f"'{code}' cannot be an attendance code")
            if name in out:
                raise ValueError(f"attendance code '{name}' is given twice")
            out[name] = count
        return out

    def to_row(self) -> dict[str, Any]:
        """One row with a column per code, as in the ``attendance`` table."""
        return {"nip": self.nip, "period": str(self.period), **self.counts}


class Appraisal(Record):
    """The SKP ratings of an employee for a period: work results and work behaviour."""

    __table__ = "appraisals"

    nip: Nip = Field(description=doc("appraisals", "nip"))
    period: Period = Field(description=doc("appraisals", "period"))
    results: Rating = Field(description=doc("appraisals", "results"))
    behaviour: Rating = Field(description=doc("appraisals", "behaviour"))


class Sanction(Record):
    """A discipline sanction cutting the allowance by ``percent`` for ``months`` months."""

    __table__ = "sanctions"

    nip: Nip = Field(description=doc("sanctions", "nip"))
    kind: Text = Field(description=doc("sanctions", "kind"))
    percent: CutPercent = Field(description=doc("sanctions", "percent"))
    start_period: Month = Field(description=doc("sanctions", "start_period"))
    months: Months = Field(description=doc("sanctions", "months"))
    reference: OptionalText = Field(None, description=doc("sanctions", "reference"))
