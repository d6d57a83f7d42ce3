"""Attendance deductions: a rate per occurrence of each attendance code, capped.

Every ministry and regional government cuts the allowance for lateness (TL1–TL4), leaving
early (PSW1–PSW4 / CP1–CP4), unexcused absence (TK) and missed ceremonies (apel) by its own
table: Permentan 68/2012 takes 0.5 / 1 / 1.5 / 2 % and 4 % a day, another ministry
0.5 / 1 / 1.25 / 1.5 % and 5 % a day with a 100 % monthly cap, a province 2 % per missed apel
with 100 % from the 28th. ``deduction_table`` holds such a table as data: the result is the
deduction *ratio* ``Σ rate × count``, optionally with per-code count limits, free occurrences,
thresholds that jump to a total, and a cap. The order is: counts (minus ``free``, at most
``max_count``) × rates, summed; thresholds raise the total to theirs; ``total_cap`` last.
Every rate, threshold total and the cap is a share from 0 to 100 % (refused at load outside
it: `tk: 4` for 4 % would cut 400 % a day), so the ratio never falls when a count rises.

A code column missing from the attendance data is an error naming the code and the columns
that exist (a typo like ``tl_1`` would otherwise pay everyone in full), unless
``missing_code: zero`` says that an absent code means no occurrences.
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator

from tukin._wording import Said
from tukin.calc import num as N
from tukin.calc.context import StepContext
from tukin.calc.needs import missing_codes_error, rowless_attendance
from tukin.calc.num import MAX_SCALE, FNum, Num, _decimal_scale
from tukin.contract import DERIVED_COLUMNS
from tukin.errors import Worded
from tukin.money import percent_text
from tukin.rules.achievement import reject
from tukin.rules.registry import rule
from tukin.ruleset.types import Share, refusal


class _P(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Threshold(_P):
    """From ``at_least`` occurrences of ``code`` on, the deduction is at least ``total``."""

    code: str = Field(description="Attendance code counted.")
    at_least: int = Field(ge=1, description="Occurrences from which the threshold applies.")
    total: Share = Field(description="Deduction ratio from then on, e.g. '100%'.")


class DeductionTableParams(_P):
    rates: dict[str, Share] = Field(
        description="Deduction per occurrence of each code, e.g. {tl1: '0.5%'}."
    )
    max_count: dict[str, int] = Field(
        default_factory=dict, description="Occurrences of a code counted at most (per period)."
    )
    free: dict[str, int] = Field(
        default_factory=dict,
        description="Occurrences of a code that cost nothing (e.g. 2 sick days).",
    )
    thresholds: list[Threshold] = Field(
        default_factory=list, description="Jumps to a total deduction."
    )
    total_cap: Share | None = Field(None, description="Highest total deduction, e.g. '100%'.")
    missing_code: Literal["error", "zero"] = Field(
        "error",
        description="A code with no column in the data: error (default) or zero occurrences.",
    )

    @model_validator(mode="after")
    def _check(self) -> DeductionTableParams:
        for name in ("max_count", "free"):
            table: dict[str, int] = getattr(self, name)
            unknown = [c for c in table if c not in self.rates]
            if unknown:
                listed = ", ".join(unknown)
                raise refusal(
                    f"{name} names {listed}, which have no rate",
                    f"{name} menyebut {listed}, yang tidak memiliki tarif",
                )
            if any(v < 0 for v in table.values()):
                raise refusal(f"{name} must not be negative", f"{name} tidak boleh negatif")
        return self

    def codes(self) -> list[str]:
        return list(dict.fromkeys([*self.rates, *(t.code for t in self.thresholds)]))


def _counts(ctx: StepContext, p: DeductionTableParams) -> dict[str, Num]:
    absent = [c for c in p.codes() if not ctx.has(c)]
    if absent and p.missing_code == "error" and not rowless_attendance(ctx.dataset):
        # for the clerk: the sheet and its headers, not the frame's columns (the rule
        # author's way out, missing_code: zero, is in the rule-authoring docs)
        # the codes the data has (a frame built without a Dataset: its integer columns; a
        # Dataset's may be none, which is no reason to list its money columns as codes)
        have = ctx.frame.attrs.get("attendance_codes")
        if have is None:
            have = [
                c
                for c in ctx.frame.columns
                if c not in DERIVED_COLUMNS and pd.api.types.is_integer_dtype(ctx.frame[c])
            ]
        raise missing_codes_error(ctx.step.id, absent, have, ctx.dataset, ctx.ruleset)
    counts = {c: ctx.num(c) if c not in absent else ctx.const(0) for c in p.codes()}
    bad = np.zeros(ctx.n, dtype=bool)
    for c in counts.values():
        bad |= c.isnan() | (c < 0)
    reject(ctx, bad, "bad_count", _bad_count(p.codes()))
    return counts


@rule("deduction_table", params=DeductionTableParams)
def deduction_table(ctx: StepContext, p: DeductionTableParams) -> Num:
    """Attendance deduction ratio: Σ rate × count per code, with count limits, free
    occurrences, thresholds and a total cap (Permentan 68/2012 and the like)."""
    fast = None if ctx.exact else _integer_total(ctx, p)
    if fast is not None:
        return fast
    counts = _counts(ctx, p)
    total: Num = ctx.const(0)
    for code, rate in p.rates.items():
        c = counts[code]
        if code in p.free:
            c = N.maximum(c - p.free[code], 0)
        if code in p.max_count:
            c = N.minimum(c, p.max_count[code])
        total = total + c * rate
    for t in p.thresholds:
        hit = counts[t.code] >= t.at_least
        total = N.where(hit, N.maximum(total, t.total), total)
    if p.total_cap is not None:
        total = N.minimum(total, p.total_cap)
    if not ctx.exact:  # rates of no finite decimal (1/3): the working, when counts are inputs
        ints = {code: ctx.input_ints(code) for code in p.codes()}
        given = {code: v for code, v in ints.items() if v is not None}
        if len(given) == len(ints):
            ctx.note("working", DeductionWorking(given, p))
    return total


_BLOCK = 1 << 16  # rows per block of the integer total (measured: a little faster than num.BLOCK)


def _integer_total(ctx: StepContext, p: DeductionTableParams) -> Num | None:
    """The fast pass of :func:`deduction_table` in integer arithmetic: the same exact values.

    Counts are integers and rates short decimals, so ``Σ rate × count`` at the common decimal
    scale of the rates, thresholds and cap is an integer sum: a few passes over integers
    (held in float64, exact below 2**53) instead of a column with error bounds per code. Taken
    only when every code is an int64 input column and no partial sum can reach 2**53;
    otherwise None and the general path runs.
    """
    ratios = [*p.rates.values(), *(t.total for t in p.thresholds)]
    if p.total_cap is not None:
        ratios.append(p.total_cap)
    scales = [_decimal_scale(Fraction(q)) for q in ratios]
    if any(s is None for s in scales):
        return None
    scale = max([0, *(s for s in scales if s is not None)])
    if scale > MAX_SCALE:
        return None
    unit = 10**scale
    counts: dict[str, np.ndarray] = {}
    for code in p.codes():
        values = ctx.input_ints(code)
        if values is None:
            return None  # absent, a step's output or not int64: the general path decides
        counts[code] = values
    weights = {code: int(Fraction(rate) * unit) for code, rate in p.rates.items()}
    if any(int(Fraction(t.total) * unit) >= 2**53 for t in p.thresholds):
        return None
    # block by block, so that the running total and the term stay in cache while each count
    # column is read once; the smallest count of each code comes along. Summed in float64:
    # every partial sum is an integer below 2**53 (checked below, the result is discarded
    # otherwise), so each is exact, and the column needs no cast after.
    total = np.zeros(ctx.n)
    term = np.empty(min(ctx.n, _BLOCK))
    lows = dict.fromkeys(counts, 0)
    for at in N.blocks(ctx.n, _BLOCK):
        part = total[at]
        buf = term[: len(part)]
        for code, column in counts.items():
            c = column[at]
            lows[code] = min(lows[code], int(c.min()))
            weight = weights.get(code, 0)
            if not weight:
                continue
            if code in p.free:
                c = np.maximum(c - p.free[code], 0)
            if code in p.max_count:
                c = np.minimum(c, p.max_count[code])
            np.multiply(c, float(weight), out=buf)
            part += buf
    # no partial sum reaches 2**53: with no negative count or rate every term is at most
    # the row's total, so the largest total bounds them all (one reduction, not one per code
    # and block); otherwise the counts' magnitudes times the rates' decide
    if min(lows.values(), default=0) >= 0 and min(weights.values(), default=0) >= 0:
        biggest = float(np.fmax.reduce(total, initial=0.0))  # NaN-free: integer counts
        if not biggest < 2**53:
            return None
    else:
        spread = sum(abs(w) for w in weights.values())
        biggest = max(int(np.abs(c).max(initial=0)) for c in counts.values()) * spread
        if biggest >= 2**53:
            return None
    bad = np.zeros(ctx.n, dtype=bool)
    for code, c in counts.items():
        if lows[code] < 0:
            bad |= c < 0
    for t in p.thresholds:
        hit = counts[t.code] >= t.at_least
        total = np.where(hit, np.maximum(total, float(int(Fraction(t.total) * unit))), total)
    if p.total_cap is not None:
        np.minimum(total, float(int(Fraction(p.total_cap) * unit)), out=total)
    reject(ctx, bad, "bad_count", _bad_count(p.codes()))
    if not ctx.exact:  # the sum written out when an explanation reads the row
        ctx.note("working", DeductionWorking(counts, p))
    # an upper bound of |total| (saves the next operation a pass to find it)
    m = max([biggest, *(int(Fraction(t.total) * unit) for t in p.thresholds)])
    return FNum(total, None, scale, None, ctx.tracker, float(m))


class DeductionWorking:
    """The deduction of one employee written out, built when an explanation reads the row:
    ``tl1 2 × 0.5% + tk 1 × 5% = 6%``, the free and counted-at-most occurrences, a threshold
    reached (``apel 28 ≥ 28: at least 100%``) and the cap. Keeps the count columns the step
    read (the frame's own, no copy); :meth:`total` is the value the step gives the row."""

    def __init__(self, counts: dict[str, np.ndarray], p: DeductionTableParams) -> None:
        self.counts, self.p = counts, p

    def __len__(self) -> int:
        return len(next(iter(self.counts.values()), ()))

    def _count(self, code: str, row: int) -> int:
        return int(self.counts[code][row])

    def total(self, row: int) -> Fraction:
        return self._written(row)[1]

    def __getitem__(self, row: int) -> Said:
        return self._written(row)[0]

    def _counted(self, code: str, row: int) -> int:
        c = self._count(code, row)
        if code in self.p.free:
            c = max(c - self.p.free[code], 0)
        if code in self.p.max_count:
            c = min(c, self.p.max_count[code])
        return c

    def _written(self, row: int) -> tuple[Said, Fraction]:
        """The row's working and the total it comes to (one walk serves both)."""
        p = self.p
        terms_en, terms_id = [], []
        summed = Fraction(0)
        for code, rate in p.rates.items():
            c = self._count(code, row)
            if not c:
                continue
            counted = self._counted(code, row)
            summed += counted * Fraction(rate)
            en = id_ = f"{code} {c}"
            limited = code in p.max_count and counted == p.max_count[code] and c != counted
            if code in p.free:
                # in brackets, the free days taken off before the rate (then the limit):
                # "sakit 3 − 2 bebas × 3%" reads as 3 − 0.06
                most_en = f", at most {p.max_count[code]}" if limited else ""
                most_id = f", paling banyak {p.max_count[code]}" if limited else ""
                en = f"({en} − {p.free[code]} free{most_en})"
                id_ = f"({id_} − {p.free[code]} bebas{most_id})"
            elif limited:
                en += f" (at most {p.max_count[code]})"
                id_ += f" (paling banyak {p.max_count[code]})"
            terms_en.append(f"{en} × {percent_text(Fraction(rate))}")
            terms_id.append(f"{id_} × {percent_text(Fraction(rate))}")
        en = " + ".join(terms_en) + f" = {percent_text(summed)}" if terms_en else "none: 0%"
        id_ = " + ".join(terms_id) + f" = {percent_text(summed)}" if terms_id else "tidak ada: 0%"
        total = summed
        for t in p.thresholds:
            c = self._count(t.code, row)
            if c >= t.at_least and Fraction(t.total) > total:
                total = Fraction(t.total)
                shown = percent_text(total)
                en += f"; {t.code} {c} ≥ {t.at_least}: at least {shown}"
                id_ += f"; {t.code} {c} ≥ {t.at_least}: paling sedikit {shown}"
        if p.total_cap is not None and total > Fraction(p.total_cap):
            total = Fraction(p.total_cap)
            en += f"; capped at {percent_text(total)}"
            id_ += f"; dibatasi {percent_text(total)}"
        return Said(en, id_), total


def _bad_count(codes: Iterable[str]) -> Worded:
    codes = list(codes)
    listed = ", ".join(codes)
    return Worded(
        f"an attendance count ({listed}) is missing or negative",
        f"jumlah kehadiran ({listed}) kosong atau negatif",
        codes=codes,
    )
