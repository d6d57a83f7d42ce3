"""Attendance deductions: a rate per occurrence of each attendance code, capped.

Every ministry and regional government cuts the allowance for lateness (TL1–TL4), leaving
early (PSW1–PSW4 / CP1–CP4), unexcused absence (TK) and missed ceremonies (apel) by its own
table: Permentan 68/2012 takes 0.5 / 1 / 1.5 / 2 % and 4 % a day, another ministry
0.5 / 1 / 1.25 / 1.5 % and 5 % a day with a 100 % monthly cap, a province 2 % per missed apel
with 100 % from the 28th. ``deduction_table`` holds such a table as data: the result is the
deduction *ratio* ``Σ rate × count``, optionally with per-code count limits, free occurrences,
thresholds that jump to a total, and a cap. The order is: counts (minus ``free``, at most
``max_count``) × rates, summed; thresholds raise the total to theirs; ``total_cap`` last.

Two options read more than the period's own row. ``free: {sakit: {days: 14, per: year}}``
counts the free occurrences over the calendar year (Perma 3/2020 Pasal 10: 14 sick days in a
year cost nothing): the free days left for the period are ``days`` less the code's count in
the monthly attendance rows of the year's earlier months, which must be in the same Dataset
(the calculation warns ``free_history_missing`` for months without a row, as
``absence_sanction`` does). ``free: {sakit: {days: 3, per: spell}}`` says that the
regulation frees the first days of each spell of sickness (BPIP 5/2019 Pasal 13 ayat (1)): a
month's count does not show its spells, so the days are freed once a period, as ``free: 3``
does, and the calculation warns ``free_per_spell_monthly`` naming how many employees have such
days (a spell running on from the month before, or two spells in a month, come out wrong;
their days are in the daily log, not in the count). A threshold's ``at_least: working_days`` is the number of working
days of the period, from its calendar, ``weekend`` and the declared ``holidays`` (as ``pro_rata
basis: working_days`` counts them): Peraturan Kejaksaan 4/2020 Pasal 16 (1) huruf g, absent
the whole month, is 19 days in a month of 19 working days and 23 in one of 23. The days are
the period's, not the employee's: huruf g says "1 (satu) bulan penuh", which a mid-month joiner
absent every day served has not been (cut by the day; review 137).
Every rate, threshold total and the cap is a share from 0 to 100 % (refused at load outside
it: `tk: 4` for 4 % would cut 400 % a day), so the ratio never falls when a count rises.

A code column missing from the attendance data is an error naming the code and the columns
that exist (a typo like ``tl_1`` would otherwise pay everyone in full), unless
``missing_code: zero`` says that an absent code means no occurrences.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from fractions import Fraction
from typing import Annotated, Literal

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
from tukin.period import Period
from tukin.rules.achievement import reject
from tukin.rules.registry import rule
from tukin.rules.sanctions import monthly_numbers
from tukin.ruleset.types import Share, refusal

#: what a threshold's ``at_least`` says to count the period's working days
WORKING_DAYS = "working_days"


class _P(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Threshold(_P):
    """From ``at_least`` occurrences of ``code`` on, the deduction is at least ``total``."""

    code: str = Field(description="Attendance code counted.")
    at_least: Annotated[int, Field(ge=1)] | Literal["working_days"] = Field(
        description="Occurrences from which the threshold applies: a number (1 or more), or "
        "working_days, the working days of the period (its weekdays less the step's holidays: absent the "
        "whole month is 19 days in a month of 19 working days)."
    )
    total: Share = Field(description="Deduction ratio from then on, e.g. '100%'.")


class YearlyFree(_P):
    """Free occurrences counted over the calendar year, not per period."""

    days: int = Field(
        ge=0, description="Occurrences of the code in a calendar year that cost nothing."
    )
    per: Literal["year"] = Field(
        description="year: the occurrences of the year's earlier months (monthly attendance "
        "rows of the same Dataset) use the free ones up first."
    )


class SpellFree(_P):
    """Free occurrences per spell (episode) of the code, counted per period on monthly data."""

    days: int = Field(
        ge=0, description="Days at the start of each spell of the code that cost nothing."
    )
    per: Literal["spell"] = Field(
        description="spell: the regulation frees the first days of each spell (BPIP 5/2019 "
        "Pasal 13: sick 3 working days, then 1.5 %). Monthly counts do not show spells: the "
        "days are freed once per period, as `free: N`, and the calculation warns "
        "free_per_spell_monthly for the employees with such days."
    )


class DeductionTableParams(_P):
    rates: dict[str, Share] = Field(
        description="Deduction per occurrence of each code, e.g. {tl1: '0.5%'}."
    )
    max_count: dict[str, int] = Field(
        default_factory=dict, description="Occurrences of a code counted at most (per period)."
    )
    free: dict[str, int | YearlyFree | SpellFree] = Field(
        default_factory=dict,
        description="Occurrences of a code that cost nothing in the period (e.g. 2 sick days), "
        "or in the calendar year: {days: 14, per: year} (the year's earlier months, read from "
        "the monthly attendance rows, use them up first), or at the start of each spell: "
        "{days: 3, per: spell} (computed per period, with a warning).",
    )
    thresholds: list[Threshold] = Field(
        default_factory=list, description="Jumps to a total deduction."
    )
    total_cap: Share | None = Field(None, description="Highest total deduction, e.g. '100%'.")
    missing_code: Literal["error", "zero"] = Field(
        "error",
        description="A code with no column in the data: error (default) or zero occurrences.",
    )
    holidays: list[dt.date] = Field(
        default_factory=list,
        description="Days off besides the weekend (holidays, cuti bersama), for a threshold "
        "at_least: working_days; read only with one.",
    )
    weekend: list[Annotated[int, Field(ge=0, le=6)]] | None = Field(
        None,
        description="Weekday numbers off (Monday = 0; not given: Saturday and Sunday), for a "
        "threshold at_least: working_days; read only with one.",
    )

    @model_validator(mode="after")
    def _check(self) -> DeductionTableParams:
        for name in ("max_count", "free"):
            table: dict[str, int | YearlyFree | SpellFree] = getattr(self, name)
            unknown = [c for c in table if c not in self.rates]
            if unknown:
                listed = ", ".join(unknown)
                raise refusal(
                    f"{name} names {listed}, which have no rate",
                    f"{name} menyebut {listed}, yang tidak memiliki tarif",
                )
            if any(isinstance(v, int) and v < 0 for v in table.values()):
                raise refusal(f"{name} must not be negative", f"{name} tidak boleh negatif")
        if not self.counts_working_days() and (self.holidays or self.weekend is not None):
            given = "holidays" if self.holidays else "weekend"
            raise refusal(
                f"{given} is read only by a threshold at_least: working_days, and no threshold "
                "of this step has one: the days off would change nothing",
                f"{given} hanya dibaca oleh ambang at_least: working_days, dan tidak ada ambang "
                "langkah ini yang memakainya: hari libur itu tidak mengubah apa pun",
            )
        return self

    def codes(self) -> list[str]:
        return list(dict.fromkeys([*self.rates, *(t.code for t in self.thresholds)]))

    def yearly(self) -> dict[str, int]:
        """Code -> free occurrences a calendar year, for the codes whose ``free`` is yearly."""
        return {c: f.days for c, f in self.free.items() if isinstance(f, YearlyFree)}

    def per_spell(self) -> dict[str, int]:
        """Code -> free days a spell, for the codes whose ``free`` is per spell."""
        return {c: f.days for c, f in self.free.items() if isinstance(f, SpellFree)}

    def counts_working_days(self) -> bool:
        return any(t.at_least == WORKING_DAYS for t in self.thresholds)

    def working_days(self, period: Period) -> int:
        """The working days of ``period``: its weekdays less the declared holidays."""
        weekend = [5, 6] if self.weekend is None else self.weekend
        return period.working_days(self.holidays, weekend)


def year_before(period: Period) -> tuple[int, int]:
    """The months (:func:`tukin.rules.sanctions.month_number`, both ends included; empty when
    the second is below the first) of ``period``'s year before it: a yearly ``free`` is used
    up by them first."""
    first = period.months()[0]
    start = first.year * 12
    return start, start + first.index - 2


def earlier_counts(att: pd.DataFrame | None, code: str, period: Period) -> pd.Series:
    """NIP (text) -> the occurrences of ``code`` in the monthly attendance rows of the year's
    months before ``period`` (:func:`year_before`). Rows for a quarter or a year are not
    counted, as ``absence_sanction`` counts none: the months they cover are reported missing
    (``free_history_missing``)."""
    lo, hi = year_before(period)
    if att is None or att.empty or hi < lo or code not in att.columns:
        return pd.Series(dtype=np.int64)
    m = monthly_numbers(att["period"])
    keep = (m >= lo) & (m <= hi)
    days = pd.to_numeric(att[code][keep], errors="coerce").fillna(0).astype(np.int64)
    return days.groupby(att["nip"][keep].astype(str).to_numpy()).sum()


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
    bounds = _bounds(ctx, p)
    earlier = _earlier(ctx, p)
    left = _left(p, earlier)  # one computation, read by both passes
    fast = None if ctx.exact else _integer_total(ctx, p, bounds, earlier, left)
    if fast is not None:
        return fast
    counts = _counts(ctx, p)
    total: Num = ctx.const(0)
    for code, rate in p.rates.items():
        c = counts[code]
        if code in left:  # free over the year: what the earlier months left
            c = N.maximum(c - ctx.numbers(left[code]), 0)
        elif code in p.free:
            c = N.maximum(c - _per_period(p, code), 0)
        if code in p.max_count:
            c = N.minimum(c, p.max_count[code])
        total = total + c * rate
    for t, bound in zip(p.thresholds, bounds, strict=True):
        hit = counts[t.code] >= bound
        total = N.where(hit, N.maximum(total, t.total), total)
    if p.total_cap is not None:
        total = N.minimum(total, p.total_cap)
    if not ctx.exact:  # rates of no finite decimal (1/3): the working, when counts are inputs
        ints = {code: ctx.input_ints(code) for code in p.codes()}
        given = {code: v for code, v in ints.items() if v is not None}
        if len(given) == len(ints):
            ctx.note("working", DeductionWorking(given, p, bounds, earlier, ctx.period))
    return total


def _earlier(ctx: StepContext, p: DeductionTableParams) -> dict[str, np.ndarray]:
    """Code -> its occurrences in the year's months before the period, per row of the
    context, for each code whose ``free`` is yearly. Read from the Dataset's attendance table
    (:func:`earlier_counts`) and joined on NIP once per calculation and code, shared by both
    passes; without a Dataset nothing is earlier."""
    yearly = p.yearly()
    if not yearly:
        return {}
    att = None
    if ctx.dataset is not None and "attendance" in ctx.dataset:
        att = ctx.dataset["attendance"]
    nip = ctx.frame["nip"]
    out = {}
    for code in yearly:
        key = ("yearly_free", code, str(ctx.period))
        if f"earlier:{code}" not in ctx.cache:
            ctx.cache[f"earlier:{code}"] = earlier_counts(att, code, ctx.period)
        before: pd.Series = ctx.cache[f"earlier:{code}"]
        values = np.append(before.to_numpy(dtype=np.int64), 0)  # the last: no row earlier

        def joined(
            rows: np.ndarray | None = None, before: pd.Series = before, values: np.ndarray = values
        ) -> np.ndarray:
            nips = nip if rows is None else nip.take(rows)
            where = before.index.get_indexer(pd.Index(nips.astype(str).to_numpy()))
            return values[np.where(where >= 0, where, len(values) - 1)]

        out[code] = np.asarray(ctx.per_employee(key, joined, few=joined), dtype=np.int64)
    return out


def _per_period(p: DeductionTableParams, code: str) -> int:
    free = p.free[code]
    assert not isinstance(free, YearlyFree)  # the caller took the yearly ones first
    # per spell: monthly counts show no spells, so once a period (warned in calc.notices)
    return free if isinstance(free, int) else free.days


def _left(p: DeductionTableParams, earlier: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Code -> the yearly free occurrences the period still has, per row (never below 0)."""
    yearly = p.yearly()
    return {c: np.maximum(yearly[c] - e, 0) for c, e in earlier.items()}


def _bounds(ctx: StepContext, p: DeductionTableParams) -> list[int]:
    """Each threshold's ``at_least`` as a number: ``working_days`` counted in the period."""
    if not p.counts_working_days():
        return [int(t.at_least) for t in p.thresholds]
    days = p.working_days(ctx.period)
    if days == 0:
        raise ctx.error("no_working_day", period=str(ctx.period))
    return [days if t.at_least == WORKING_DAYS else int(t.at_least) for t in p.thresholds]


_BLOCK = 1 << 16  # rows per block of the integer total (measured: a little faster than num.BLOCK)


def _integer_total(
    ctx: StepContext,
    p: DeductionTableParams,
    bounds: list[int],
    earlier: dict[str, np.ndarray],
    left: dict[str, np.ndarray],
) -> Num | None:
    """The fast pass of :func:`deduction_table` in integer arithmetic: the same exact values.

    Counts are integers and rates short decimals, so ``Σ rate × count`` at the common decimal
    scale of the rates, thresholds and cap is an integer sum: a few passes over integers
    (held in float64, exact below 2**53) instead of a column with error bounds per code. Taken
    only when every code is an int64 input column and no partial sum can reach 2**53;
    otherwise None and the general path runs. ``left`` is :func:`_left` of ``earlier``, as
    the general path reads it (``earlier`` itself goes to the working, which says both).
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
            if code in left:  # free over the year: what the earlier months left
                c = np.maximum(c - left[code][at], 0)
            elif code in p.free:
                c = np.maximum(c - _per_period(p, code), 0)
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
    for t, bound in zip(p.thresholds, bounds, strict=True):
        hit = counts[t.code] >= bound
        total = np.where(hit, np.maximum(total, float(int(Fraction(t.total) * unit))), total)
    if p.total_cap is not None:
        np.minimum(total, float(int(Fraction(p.total_cap) * unit)), out=total)
    reject(ctx, bad, "bad_count", _bad_count(p.codes()))
    if not ctx.exact:  # the sum written out when an explanation reads the row
        ctx.note("working", DeductionWorking(counts, p, bounds, earlier, ctx.period))
    # an upper bound of |total| (saves the next operation a pass to find it)
    m = max([biggest, *(int(Fraction(t.total) * unit) for t in p.thresholds)])
    return FNum(total, None, scale, None, ctx.tracker, float(m))


class DeductionWorking:
    """The deduction of one employee written out, built when an explanation reads the row:
    ``tl1 2 × 0.5% + tk 1 × 5% = 6%``, the free and counted-at-most occurrences (a yearly
    free one with the year's earlier count that used it: ``(sakit 5 − 2 free: 14 a year, 12
    earlier in 2025) × 2%``), a threshold reached (``apel 28 ≥ 28: at least 100%``; ``tk 19 ≥
    19 working days of 2025-03``) and the cap. Keeps the count columns the step read (the
    frame's own, no copy); :meth:`total` is the value the step gives the row."""

    def __init__(
        self,
        counts: dict[str, np.ndarray],
        p: DeductionTableParams,
        bounds: list[int] | None = None,
        earlier: dict[str, np.ndarray] | None = None,
        period: Period | None = None,
    ) -> None:
        self.counts, self.p = counts, p
        self.bounds = [int(t.at_least) for t in p.thresholds] if bounds is None else bounds
        self.earlier = earlier or {}
        self.period = period

    def __len__(self) -> int:
        return len(next(iter(self.counts.values()), ()))

    def _count(self, code: str, row: int) -> int:
        return int(self.counts[code][row])

    def total(self, row: int) -> Fraction:
        return self._written(row)[1]

    def __getitem__(self, row: int) -> Said:
        return self._written(row)[0]

    def _free(self, code: str, row: int) -> int:
        """The free occurrences of ``code`` left for the row's period."""
        free = self.p.free[code]
        if isinstance(free, int):
            return free
        if isinstance(free, SpellFree):
            return free.days
        return max(free.days - int(self.earlier[code][row]), 0)

    def _counted(self, code: str, row: int) -> int:
        c = self._count(code, row)
        if code in self.p.free:
            c = max(c - self._free(code, row), 0)
        if code in self.p.max_count:
            c = min(c, self.p.max_count[code])
        return c

    def _free_text(self, code: str, row: int) -> tuple[str, str]:
        """``2 free`` or, for a yearly free, ``2 free: 14 a year, 12 earlier in 2025``."""
        free = self.p.free[code]
        left = self._free(code, row)
        if isinstance(free, int):
            return f"{left} free", f"{left} bebas"
        if isinstance(free, SpellFree):
            return (
                f"{left} free: {free.days} a spell, counted once in the period",
                f"{left} bebas: {free.days} per episode, dihitung sekali dalam periode",
            )
        year = "" if self.period is None else f" {self.period.year}"
        before = int(self.earlier[code][row])
        return (
            f"{left} free: {free.days} a year, {before} earlier in{year}",
            f"{left} bebas: {free.days} setahun, {before} sebelumnya pada{year}",
        )

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
                free_en, free_id = self._free_text(code, row)
                en = f"({en} − {free_en}{most_en})"
                id_ = f"({id_} − {free_id}{most_id})"
            elif limited:
                en += f" (at most {p.max_count[code]})"
                id_ += f" (paling banyak {p.max_count[code]})"
            terms_en.append(f"{en} × {percent_text(Fraction(rate))}")
            terms_id.append(f"{id_} × {percent_text(Fraction(rate))}")
        en = " + ".join(terms_en) + f" = {percent_text(summed)}" if terms_en else "none: 0%"
        id_ = " + ".join(terms_id) + f" = {percent_text(summed)}" if terms_id else "tidak ada: 0%"
        total = summed
        for t, bound in zip(p.thresholds, self.bounds, strict=True):
            c = self._count(t.code, row)
            if c >= bound and Fraction(t.total) > total:
                total = Fraction(t.total)
                shown = percent_text(total)
                of = "" if self.period is None else f" {self.period}"
                days_en = f" working days of{of}" if t.at_least == WORKING_DAYS else ""
                days_id = f" hari kerja{of}" if t.at_least == WORKING_DAYS else ""
                en += f"; {t.code} {c} ≥ {bound}{days_en}: at least {shown}"
                id_ += f"; {t.code} {c} ≥ {bound}{days_id}: paling sedikit {shown}"
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
