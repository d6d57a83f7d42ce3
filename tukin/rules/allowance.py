"""Composing the allowance: shares of a base, sums of parts, status factors, pro-rata.

A regional TPP is ``base × share × factors`` per component (60 % performance, 40 %
discipline), summed, scaled for the employee's status (a CPNS is paid 80 %) and for part-month
service, and finally rounded in a ``round`` step. These rule types keep every intermediate
amount exact and unrounded, and keep money a unit: a share of rupiah is rupiah, a factor is a
ratio, and rupiah × rupiah is refused.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from tukin.calc.context import StepContext
from tukin.calc.num import Num
from tukin.errors import Worded
from tukin.rules.achievement import reject
from tukin.rules.basic import refuse_unpayable_table
from tukin.rules.registry import rule
from tukin.ruleset.types import ColumnName, Exact


class _P(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class ShareParams(_P):
    base: ColumnName = Field(description="Rupiah column the share is taken of (e.g. the base TPP).")
    share: Exact = Field(description="The component's share, e.g. '60%'.")
    factors: list[ColumnName] = Field(
        default_factory=list,
        description="Ratio columns multiplied in (SKP ratio, 1 − deduction...).",
    )


@rule("share", params=ShareParams)
def share(ctx: StepContext, p: ShareParams) -> Num:
    """One component of the allowance: base × share × every factor, in rupiah, unrounded."""
    base = ctx.num(p.base)
    if base.unit != "rupiah":
        raise ctx.error("base_not_rupiah", column=p.base)
    out = base * p.share
    for f in p.factors:
        out = out * ctx.num(f)
    return out


class SumParams(_P):
    inputs: list[ColumnName] = Field(min_length=1, description="Columns of the same unit to add.")


@rule("sum", params=SumParams)
def sum_step(ctx: StepContext, p: SumParams) -> Num:
    """Add columns of the same unit (the components of an allowance); rupiah + ratio is refused."""
    out = ctx.num(p.inputs[0])
    for c in p.inputs[1:]:
        out = out + ctx.num(c)
    return out


class StatusFactorParams(_P):
    status: ColumnName = Field("status", description="Column with the employment status.")
    factors: dict[str, Exact] = Field(description="Factor per status, e.g. {pns: 1, cpns: '80%'}.")
    missing: Literal["reject", "zero"] | Exact = Field(
        "reject",
        description="A blank cell (no value in the column, e.g. an extra column `keadaan` "
        "filled only for those on study leave): reject the employee, zero, or this factor "
        "(`missing: 1`). `default` does not decide it: a blank is not a typo.",
    )
    default: Exact | None = Field(
        None,
        description="Factor of a status that is in the column but not in the table (nor in "
        "`not_eligible`); empty: such employees are rejected (a typo such as `tugas belajr` is "
        "never paid as a status it was not). A blank cell follows `missing`.",
    )
    not_eligible: list[str] = Field(
        default_factory=list,
        description="Statuses that receive no allowance under this rule (e.g. [pppk]): listed "
        "as not_eligible, not paid Rp0 and not taken for a data error.",
    )

    @model_validator(mode="after")
    def _apart(self) -> StatusFactorParams:
        both = {" ".join(s.split()).casefold() for s in self.not_eligible} & {
            " ".join(k.split()).casefold() for k in self.factors
        }
        if both:
            said = ", ".join(sorted(both))
            raise PydanticCustomError(
                "status_twice",
                "{message}",
                {
                    "message": f"{said}: both in factors and in not_eligible",
                    "message_id": f"{said}: ada di factors dan sekaligus di not_eligible",
                },
            )
        if self.default is None:
            keys = [" ".join(k.split()).casefold() for k in self.factors]
            refuse_unpayable_table("factors", self.factors, self.status, keys)
        return self


@rule("status_factor", params=StatusFactorParams)
def status_factor(ctx: StepContext, p: StatusFactorParams) -> Num:
    """Factor by employment status (PNS 100 %, CPNS 80 %, PPPK as the local rule says)."""
    table = {" ".join(k.split()).casefold(): v for k, v in p.factors.items()}
    codes, uniq = ctx.categories(p.status)
    fill = Fraction(p.default if p.default is not None else 0)
    # a blank cell (missing, or only spaces: the last slot and "") follows `missing`
    blank = np.array([u == "" and u not in table for u in uniq] + [True], dtype=bool)
    on_blank = Fraction(0) if p.missing in ("reject", "zero") else Fraction(p.missing)
    # one factor per distinct status (the last for a missing one), taken per row at once
    factors = [
        Fraction(table[u]) if u in table else (on_blank if blank[j] else fill)
        for j, u in enumerate(uniq)
    ] + [on_blank]
    known = np.array([u in table for u in uniq] + [False], dtype=bool)
    picks = codes if not len(codes) or codes.min() >= 0 else np.where(codes < 0, len(uniq), codes)
    barred = {" ".join(s.split()).casefold(): s for s in p.not_eligible}
    for j, u in enumerate(uniq):  # one reason per status: the employee's own
        if u in barred:
            reject(
                ctx,
                picks == j,
                "not_eligible",
                Worded(
                    f"{p.status} {barred[u]}: no allowance under this rule",
                    f"{p.status} {barred[u]}: tidak menerima tunjangan menurut aturan ini",
                    column=p.status,
                    value=barred[u],
                ),
            )
    known = known | np.array([u in barred for u in uniq] + [False], dtype=bool)
    listed = ", ".join(p.factors)
    if p.missing == "reject":
        reject(
            ctx,
            blank[picks],
            "unknown_status",
            Worded(
                f"no factor for a blank {p.status} (known: {listed}; a blank cell takes a "
                "factor only with the step's 'missing')",
                f"tidak ada faktor untuk {p.status} kosong (yang dikenal: {listed}; sel kosong "
                "mendapat faktor hanya dengan 'missing' pada langkah ini)",
                column=p.status,
                choices=list(p.factors),
                blank=True,
            ),
        )
    if p.default is None:
        reject(
            ctx,
            ~known[picks] & ~blank[picks],
            "unknown_status",
            Worded(
                f"no factor for this {p.status} (known: {listed})",
                f"tidak ada faktor untuk {p.status} ini (yang dikenal: {listed})",
                column=p.status,
                choices=list(p.factors),
                blank=False,
            ),
        )
    return ctx.by_code(picks, factors)


class ProRataParams(_P):
    input: ColumnName | None = Field(
        None, description="Amount to scale; empty: give the ratio itself."
    )
    basis: Literal["calendar_days", "working_days"] = Field(
        "calendar_days", description="Count calendar days or working days."
    )
    served: ColumnName = Field(
        "days_served", description="calendar_days: days in service in the period."
    )
    days: ColumnName = Field("days_in_period", description="calendar_days: days of the period.")
    start: ColumnName = Field(
        "start_date", description="working_days: first day of service (empty: before)."
    )
    end: ColumnName = Field(
        "end_date", description="working_days: last day of service (empty: after)."
    )
    holidays: list[dt.date] = Field(
        default_factory=list, description="working_days: days off (holidays, cuti bersama)."
    )
    weekend: list[int] = Field(
        [5, 6], description="working_days: weekday numbers off (Monday = 0)."
    )


def _dates(ctx: StepContext, name: str, fill: dt.date) -> np.ndarray:
    if not ctx.has(name):
        return np.full(ctx.n, np.datetime64(fill, "D"))
    raw = pd.to_datetime(pd.Series(ctx.col(name), dtype=object), errors="coerce")
    return raw.fillna(pd.Timestamp(fill)).to_numpy().astype("datetime64[D]")


@rule("pro_rata", params=ProRataParams)
def pro_rata(ctx: StepContext, p: ProRataParams) -> Num:
    """Part-period service: days served / days of the period, in calendar days or working
    days (weekends and the declared holidays off), times ``input`` when given."""
    if p.basis == "calendar_days":
        ratio = ctx.num(p.served) / ctx.num(p.days)
        if p.served == "days_served":
            # the dates tukin counts days_served from, read so that an explanation shows
            # them beside it (as the working-days basis does): a joiner's TMT, a leaver's end
            for name in (p.start, p.end):
                if ctx.has(name):
                    ctx.show(name)
    else:
        period = ctx.period
        total = period.working_days(p.holidays, p.weekend)
        if total == 0:
            raise ctx.error("no_working_day", period=str(period))
        first = np.maximum(_dates(ctx, p.start, period.start), np.datetime64(period.start, "D"))
        last = np.minimum(_dates(ctx, p.end, period.end), np.datetime64(period.end, "D"))
        mask = "".join("0" if d in p.weekend else "1" for d in range(7))
        hol = np.array(sorted(set(p.holidays)), dtype="datetime64[D]")
        served = np.where(
            last >= first, np.busday_count(first, last + 1, weekmask=mask, holidays=hol), 0
        ).astype(np.int64)
        ratio = ctx.numbers(served) / Fraction(total)
    if p.input is None:
        return ratio
    return ctx.num(p.input) * ratio
