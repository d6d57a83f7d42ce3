"""A regency's bonus rule as a tukin plug-in: a rate of a rupiah column (Perbup Contoh pasal 9)."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from tukin.rules import StepContext, rule
from tukin.ruleset.types import ColumnName, Exact


class BonusParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")  # a typo in the rule file is an error

    base: ColumnName
    rate: Exact


@rule("demo_bonus", params=BonusParams)
def bonus(ctx: StepContext, p: BonusParams) -> Any:
    """A bonus of ``rate`` times a rupiah column (Perbup Contoh pasal 9)."""
    return ctx.num(p.base) * p.rate
