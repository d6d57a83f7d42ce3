"""The organisation: units (OPD and sub-units), positions (jabatan) and employees (ASN).

One model per row of the contract tables ``units``, ``positions`` and ``employees``; field names
are the contract's column names, so a record and a DataFrame row are the same thing.
"""

from __future__ import annotations

from datetime import date

from pydantic import Field, model_validator

from tukin.model._types import (
    ActingKind,
    EmployeeStatus,
    Grade,
    Id,
    Nip,
    OptionalId,
    OptionalText,
    PositionKind,
    Record,
    Text,
    doc,
)

__all__ = ["Acting", "Employee", "Position", "PositionSpell", "Unit"]


class Unit(Record):
    """An organisation unit: an OPD (no parent) or one of its bidang / seksi."""

    __table__ = "units"

    unit_id: Id = Field(description=doc("units", "unit_id"))
    name: Text = Field(description=doc("units", "name"))
    parent_id: OptionalId = Field(None, description=doc("units", "parent_id"))
    kind: OptionalText = Field(None, description=doc("units", "kind"))


class Position(Record):
    """A position (jabatan): its kind, its kelas jabatan and whom it reports to."""

    __table__ = "positions"

    position_id: Id = Field(description=doc("positions", "position_id"))
    name: Text = Field(description=doc("positions", "name"))
    unit_id: Id = Field(description=doc("positions", "unit_id"))
    kind: PositionKind = Field(description=doc("positions", "kind"))
    grade: Grade = Field(description=doc("positions", "grade"))
    superior_id: OptionalId = Field(None, description=doc("positions", "superior_id"))


class Employee(Record):
    """An employee (ASN) holding one position, possibly for part of the period.

    Only the 18-digit shape of the NIP is checked here; the PNS pattern check (birth date,
    appointment month, sex digit) is a Dataset option because PPPK numbers differ.
    """

    __table__ = "employees"

    nip: Nip = Field(description=doc("employees", "nip"))
    name: OptionalText = Field(None, description=doc("employees", "name"))
    position_id: Id = Field(description=doc("employees", "position_id"))
    status: EmployeeStatus = Field(description=doc("employees", "status"))
    start_date: date | None = Field(None, description=doc("employees", "start_date"))
    end_date: date | None = Field(None, description=doc("employees", "end_date"))

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Employee:
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValueError(f"end_date {self.end_date} is before start_date {self.start_date}")
        return self


class Acting(Record):
    """An acting assignment: a Plt or Plh acting in another post, besides their own, from
    ``start_date`` to ``end_date`` (empty: still acting)."""

    __table__ = "acting"

    nip: Nip = Field(description=doc("acting", "nip"))
    position_id: Id = Field(description=doc("acting", "position_id"))
    kind: ActingKind = Field(description=doc("acting", "kind"))
    start_date: date = Field(description=doc("acting", "start_date"))
    end_date: date | None = Field(None, description=doc("acting", "end_date"))
    reference: OptionalText = Field(None, description=doc("acting", "reference"))

    @model_validator(mode="after")
    def _end_not_before_start(self) -> Acting:
        if self.end_date and self.end_date < self.start_date:
            raise ValueError(f"end_date {self.end_date} is before start_date {self.start_date}")
        return self


class PositionSpell(Record):
    """A position (and status) an employee held before the one in the employees table, from
    ``start_date`` (its TMT) to ``end_date``: a promotion, transfer or CPNS -> PNS change
    within a period pays each spell for its own days."""

    __table__ = "position_history"

    nip: Nip = Field(description=doc("position_history", "nip"))
    position_id: Id = Field(description=doc("position_history", "position_id"))
    status: EmployeeStatus = Field(description=doc("position_history", "status"))
    start_date: date = Field(description=doc("position_history", "start_date"))
    end_date: date = Field(description=doc("position_history", "end_date"))
    reference: OptionalText = Field(None, description=doc("position_history", "reference"))

    @model_validator(mode="after")
    def _end_not_before_start(self) -> PositionSpell:
        if self.end_date < self.start_date:
            raise ValueError(f"end_date {self.end_date} is before start_date {self.start_date}")
        return self
