"""The plan: work items (program / kegiatan / sub kegiatan), their indicators and targets.

One model per row of the contract tables ``work_items``, ``indicators`` and ``targets``.
Checks that need other rows (a kegiatan's parent is a program, no cycles) belong to the
Dataset; a model checks only what one row can tell.
"""

from __future__ import annotations

from decimal import Decimal

from pydantic import Field, model_validator

from tukin.model._types import (
    Aggregation,
    Id,
    OptionalId,
    OptionalText,
    Polarity,
    Quantity,
    Record,
    Rupiah,
    Text,
    WorkItemLevel,
    doc,
)
from tukin.period import Period

__all__ = ["Indicator", "Target", "WorkItem"]


class WorkItem(Record):
    """A program, kegiatan or sub kegiatan with its pagu and the position answering for it."""

    __table__ = "work_items"

    work_item_id: Id = Field(description=doc("work_items", "work_item_id"))
    code: OptionalText = Field(None, description=doc("work_items", "code"))
    name: Text = Field(description=doc("work_items", "name"))
    level: WorkItemLevel = Field(description=doc("work_items", "level"))
    parent_id: OptionalId = Field(None, description=doc("work_items", "parent_id"))
    unit_id: Id = Field(description=doc("work_items", "unit_id"))
    responsible_position_id: OptionalId = Field(
        None, description=doc("work_items", "responsible_position_id")
    )
    budget: Rupiah = Field(0, description=doc("work_items", "budget"))

    @model_validator(mode="after")
    def _program_is_top_level(self) -> WorkItem:
        if self.level == "program" and self.parent_id is not None:
            raise ValueError(f"a program has no parent, but parent_id is '{self.parent_id}'")
        return self


class Indicator(Record):
    """An output indicator of a work item; polarity says whether more is better."""

    __table__ = "indicators"

    indicator_id: Id = Field(description=doc("indicators", "indicator_id"))
    work_item_id: Id = Field(description=doc("indicators", "work_item_id"))
    name: Text = Field(description=doc("indicators", "name"))
    unit_of_measure: OptionalText = Field(None, description=doc("indicators", "unit_of_measure"))
    polarity: Polarity = Field("higher", description=doc("indicators", "polarity"))
    weight: Quantity = Field(Decimal(1), description=doc("indicators", "weight"))
    aggregation: Aggregation = Field("level", description=doc("indicators", "aggregation"))


class Target(Record):
    """The target of an indicator for one period; a range target also has ``target_max``."""

    __table__ = "targets"

    indicator_id: Id = Field(description=doc("targets", "indicator_id"))
    period: Period = Field(description=doc("targets", "period"))
    target: Quantity = Field(description=doc("targets", "target"))
    target_max: Quantity | None = Field(None, description=doc("targets", "target_max"))

    @model_validator(mode="after")
    def _range_in_order(self) -> Target:
        if self.target_max is not None and self.target_max < self.target:
            raise ValueError(f"target_max {self.target_max} is below target {self.target}")
        return self
