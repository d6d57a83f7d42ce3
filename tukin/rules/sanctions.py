"""Discipline sanctions that cut the allowance for a number of months.

A medium discipline sanction under PP 94/2021 cuts the tunjangan kinerja by 25% for 6, 9 or 12
months. A sanction therefore carries across periods: one imposed in March still cuts October.
Two rule types give the *cut ratio* of a period (0 = nothing cut, 1/4 = a quarter cut); a
``formula`` step then applies it (``gross * (1 - cut)``):

``sanction``
    From the ``sanctions`` table (nip, kind, percent, start_period, months, reference). A
    month is covered when ``start_period <= month < start_period + months``.

``absence_sanction``
    Accumulates unexcused absence days (the ``tk`` attendance column) over each calendar year;
    the month in which the total first reaches a tier (11, 14, 17 days: the medium sanctions
    of PP 94/2021, read in secondary sources; their article is unverified, and Pasal 11 is the
    heavy sanctions from 21 days) starts a cut of the tier's size and length ``delay`` months
    later. The tiers are a (dated) parameter of the rule file, never a constant here. The
    months counted must be in the same Dataset (:func:`history_span`); a calculation warns
    about those that are not. A month that reaches several tiers at once (20 days in one
    month) gives the sanction of the highest, which alone is named (PP 94/2021 gives one
    sanction by the range the total falls in; DOMAIN.md §4).

Several sanctions in force in the same month combine by ``combine``: ``max`` (default: only
the heaviest applies, following PP 94/2021's rule that several violations get the single
heaviest sanction; the article is not verified here) or ``sum`` (capped at ``cap``). For
``absence_sanction`` the tiers one year's count reached are sanctions in force alike: ``sum``
adds a lower tier's cut to a higher one's (tiers written as increments), ``max`` does not. For a
period longer than a month (quarter, year) the cut is the mean of its months' cuts, so a
sanction covering two months of a quarter cuts 2/3 of its percentage. The explanation of each
employee names every sanction, its reference and the months it covers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from tukin._wording import Said
from tukin.calc.context import StepContext
from tukin.errors import CalculationError, PeriodError, Worded
from tukin.money import decimal_from_float_repr
from tukin.period import Period
from tukin.rules.registry import rule
from tukin.ruleset.types import ColumnName, Share, empty_table

__all__ = [
    "AbsenceSanctionParams",
    "RunTier",
    "SanctionParams",
    "Tier",
    "cuts",
    "history_span",
    "missing_history",
    "month_number",
    "month_ranges",
    "monthly_numbers",
    "months_without_rows",
    "not_monthly",
    "reached_in",
]

EVENT_COLUMNS = ("nip", "kind", "cut", "start", "months", "reference")


class _P(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SanctionParams(_P):
    combine: Literal["max", "sum"] = Field(
        "max", description="Several sanctions in one month: the heaviest (max) or their sum."
    )
    cap: Share = Field(Fraction(1), description="The cut never exceeds this ratio.")
    kinds: list[str] | None = Field(
        None, description="Only sanctions of these kinds (case-insensitive); empty = all."
    )


class Tier(_P):
    days: int = Field(ge=1, description="Unexcused days in the year from which the tier applies.")
    cut: Share = Field(description="Share of the allowance cut, e.g. '25%'.")
    months: int = Field(ge=1, le=120, description="Months the cut lasts.")
    kind: str | None = Field(None, description="Name shown in explanations.")
    up_to: int | None = Field(
        None,
        ge=1,
        description="Last day of the tier's range (PP 94/2021: 11-13, 14-16, 17-20): a month "
        "whose year count reaches the tier but ends above this starts no cut of this tier "
        "(only with combine: max; the day before the next tier's days, so that no count falls "
        "between two ranges). Empty: no end.",
    )

    @model_validator(mode="after")
    def _range(self) -> Tier:
        if self.up_to is not None and self.up_to < self.days:
            raise PydanticCustomError(
                "tier_range",
                "{message}",
                {
                    "message": f"up_to {self.up_to} is below days {self.days}: the tier's range "
                    "would be empty",
                    "message_id": f"up_to {self.up_to} di bawah days {self.days}: rentang "
                    "tingkat ini akan kosong",
                },
            )
        return self


class RunTier(_P):
    """Unexcused days *in a row*: PP 94/2021 Pasal 11 ayat (2) huruf d angka 4 dismisses a PNS
    absent without a valid reason for 10 working days in a row (Pasal 15 ayat (2): the salary
    stops from the next month), whatever the year's total. A month's total cannot tell a run,
    so the run is read from attendance columns a daily log can count (:attr:`column`, the
    longest run in the month; :attr:`at_start` / :attr:`at_end`, the run from the month's
    first working day and the one ending on its last, which join across months); without
    them a total that could hold a run is warned about (``absence_run_unchecked``)."""

    days: int = Field(ge=2, description="Working days in a row from which the run applies.")
    cut: Share = Field(
        Fraction(0),
        description="Share of the allowance cut (0%: none, the run is named and warned about, "
        "as PP 94/2021 gives a dismissal, not a cut).",
    )
    months: int = Field(1, ge=1, le=120, description="Months the cut (or the notice) lasts.")
    kind: str | None = Field(None, description="Name shown in explanations.")
    column: ColumnName | None = Field(
        None,
        description="Attendance column: the longest run of consecutive working days counted "
        "in `column` of the step within the month (e.g. tk_beruntun). Empty or missing in a "
        "row: the run is not checked, and a total that could hold one is warned about.",
    )
    at_start: ColumnName | None = Field(
        None,
        description="Attendance column: the run from the month's first working day; with "
        "at_end, a run across two months is the previous month's at_end plus this at_start.",
    )
    at_end: ColumnName | None = Field(
        None, description="Attendance column: the run ending on the month's last working day."
    )

    @model_validator(mode="after")
    def _edges(self) -> RunTier:
        if (self.at_start is None) != (self.at_end is None) or (
            self.at_start is not None and self.column is None
        ):
            raise PydanticCustomError(
                "run_edges",
                "{message}",
                {
                    "message": "at_start and at_end go together, and with column: a run across "
                    "two months joins one month's at_end with the next month's at_start",
                    "message_id": "at_start dan at_end diisi bersama, dan bersama column: "
                    "rangkaian yang melintasi dua bulan menyambung at_end satu bulan dengan "
                    "at_start bulan berikutnya",
                },
            )
        return self

    def columns(self) -> list[str]:
        return [c for c in (self.column, self.at_start, self.at_end) if c is not None]


class AbsenceSanctionParams(_P):
    column: ColumnName = Field("tk", description="Attendance column counting unexcused days.")
    tiers: list[Tier] = Field(description="Tiers by days, ascending (a dated parameter).")
    delay: int = Field(
        1, ge=0, le=12, description="Months between reaching a tier and the first month cut."
    )
    combine: Literal["max", "sum"] = Field(
        "max",
        description="Cuts of tiers in force in one month: the heaviest (max) or their sum "
        "(sum: the lower tiers a year's count reached add too, so each tier's cut is what it "
        "adds to those below; PP 94/2021's tiers are each a whole sanction: max).",
    )
    cap: Share = Field(Fraction(1), description="The cut never exceeds this ratio.")
    run: RunTier | None = Field(
        None,
        description="Unexcused working days in a row (PP 94/2021: 10), read from run columns "
        "of the attendance rows; a month's total alone cannot tell a run "
        "(warning absence_run_unchecked).",
    )

    @field_validator("tiers")
    @classmethod
    def _ascending(cls, v: list[Tier]) -> list[Tier]:
        days = [t.days for t in v]
        if not days:
            raise empty_table(
                "no tier: the step would never cut anything; give at least one tier, or "
                "remove the step",
                "tidak ada tingkat: langkah ini tidak akan pernah memotong; beri paling sedikit "
                "satu tingkat, atau hapus langkahnya",
            )
        if days != sorted(set(days)):
            raise PydanticCustomError(
                "tiers_order",
                "{message}",
                {
                    "message": "tiers must have distinct days in ascending order",
                    "message_id": "hari setiap tingkat harus berbeda dan urut naik",
                },
            )
        return v

    @model_validator(mode="after")
    def _ranges(self) -> AbsenceSanctionParams:
        """A tier's range (``up_to``) ends before the next tier starts: ranges 11-20 and
        14-16 made 18 days reached at once start the 11-day tier (6 months) and 15 days the
        14-day one (9 months), fewer days the heavier sanction (review 131).

        ``up_to`` closes a range of tiers that each give the whole sanction (``max``).
        Under ``sum`` a tier is an increment on those below, and a closed range makes the cut
        depend on how the year's days fell: 10 then 5 days reach only the 14-day tier (25%),
        11 then 4 reach the 11- and the 14-day ones (50%), the same 15 days (review 131).

        Nor does a range end before the day the next tier starts: with ranges 7-10 and from
        13, a count that jumps from 6 to 11 or 12 starts no tier, neither the lower (its range
        passed) nor the higher (not reached), and the lower is never started after (review
        137). No regulation read leaves days between two ranges unsanctioned (PP
        94/2021's ranges 3, 4-6, 7-10, 11-13, ... 28+ touch); days meant to start nothing get
        their own ``cut: 0%`` tier, which says so in the explanation."""
        for low, high in pairwise(self.tiers):
            if low.up_to is not None and low.up_to >= high.days:
                raise PydanticCustomError(
                    "tier_range_overlap",
                    "{message}",
                    {
                        "message": f"the tier from {low.days} days runs up_to {low.up_to}, into "
                        f"the tier from {high.days}: a count of {low.up_to} would start the "
                        f"lower tier when reached in one jump and the higher one otherwise; "
                        f"end it at {high.days - 1} or below",
                        "message_id": f"tingkat mulai {low.days} hari sampai up_to {low.up_to} "
                        f"masuk ke tingkat mulai {high.days}: jumlah {low.up_to} akan memulai "
                        "tingkat yang lebih rendah bila dicapai sekaligus dan yang lebih tinggi "
                        f"bila tidak; akhiri pada {high.days - 1} atau kurang",
                    },
                )
            if low.up_to is not None and low.up_to < high.days - 1:
                gap = _days_text(low.up_to + 1, high.days - 1)
                raise PydanticCustomError(
                    "tier_range_gap",
                    "{message}",
                    {
                        "message": f"the tier from {low.days} days ends at up_to {low.up_to} and "
                        f"the next starts at {high.days}: a year's count reaching {gap} would "
                        f"start no tier at all, though it is more than {low.up_to}; end the "
                        f"range at {high.days - 1} (or remove up_to), or, if no sanction is "
                        f"meant there, give those days their own tier from {low.up_to + 1} with "
                        "cut: 0% that names what the regulation gives them",
                        "message_id": f"tingkat mulai {low.days} hari berakhir pada up_to "
                        f"{low.up_to} dan tingkat berikutnya mulai {high.days}: jumlah setahun "
                        f"yang mencapai {gap} tidak akan memulai tingkat apa pun, padahal lebih "
                        f"dari {low.up_to}; akhiri rentang pada {high.days - 1} (atau hapus "
                        "up_to), atau, bila memang tidak ada hukuman di situ, beri hari-hari itu "
                        f"tingkat sendiri mulai {low.up_to + 1} dengan cut: 0% yang menyebut apa "
                        "yang diberikan peraturan",
                    },
                )
        if self.combine == "sum" and any(t.up_to is not None for t in self.tiers):
            raise PydanticCustomError(
                "tier_range_sum",
                "{message}",
                {
                    "message": "up_to closes a tier's range, which only combine: max reads (each "
                    "tier the whole sanction); under combine: sum a tier adds to those below, and "
                    "a closed range would cut the same year's count differently by the months "
                    "its days fell in; remove up_to or write combine: max",
                    "message_id": "up_to menutup rentang tingkat, yang hanya dibaca oleh combine: "
                    "max (setiap tingkat satu sanksi utuh); dengan combine: sum setiap tingkat "
                    "menambah tingkat di bawahnya, dan rentang yang ditutup akan memotong jumlah "
                    "hari setahun yang sama secara berbeda menurut bulan jatuhnya hari-hari itu; "
                    "hapus up_to atau tulis combine: max",
                },
            )
        return self


def _days_text(first: int, last: int) -> str:
    """``11`` or ``11-12``: the days of a gap between two tiers' ranges."""
    return str(first) if first == last else f"{first}-{last}"


def month_number(period: Period) -> int:
    """Months since year 0 of the period's first month (consecutive months differ by 1)."""
    return period.year * 12 + period.start.month - 1


#: A start month no period reaches: a sanction from it is never in force.
NEVER = np.iinfo(np.int64).max


def start_months(starts: pd.Series, unreadable: int | None = None) -> np.ndarray:
    """:func:`month_number` of each start period, each distinct text read once (a table holds
    a few starts per year, and reading a period costs microseconds). A text that is no period
    raises :class:`~tukin.errors.PeriodError`, or becomes ``unreadable`` when given."""
    codes, uniq = pd.factorize(starts.astype(str))
    at = np.empty(len(uniq) + 1, dtype=np.int64)
    for i, text in enumerate(uniq):
        try:
            at[i] = month_number(Period.parse(text))
        except PeriodError:
            if unreadable is None:
                raise
            at[i] = unreadable
    return at[codes]


def in_force(start: Any, months: Any, period: Period) -> Any:
    """Whether a sanction from month ``start`` (:func:`month_number`) lasting ``months`` covers
    a month of ``period``: ``start <= month < start + months``. Elementwise on arrays."""
    lo, hi = (month_number(m) for m in (period.months()[0], period.months()[-1]))
    return (start <= hi) & (start + months > lo)


def _month_text(m: int) -> str:
    return f"{m // 12:04d}-{m % 12 + 1:02d}"


def cuts(
    events: pd.DataFrame,
    period: Period,
    combine: str = "max",
    cap: Fraction = Fraction(1),
    later: int = 0,
) -> tuple[dict[str, Fraction], dict[str, Said]]:
    """Cut ratio and explanation per NIP for ``period`` from sanction events.

    ``events`` has :data:`EVENT_COLUMNS`: ``cut`` a Fraction, ``start`` a month number
    (:func:`month_number`), ``months`` an int. Returns ``({nip: cut}, {nip: text})`` for the
    NIPs with at least one sanction covering a month of the period; and, in the text only, a
    sanction starting in the ``later`` months after the period (a tier of unexcused days
    reached in it, whose cut starts ``delay`` months on). A decision letter's sanction is not
    announced so: the table has no date of decision, and recalculating an old period would
    name letters signed years after it.
    """
    months = [month_number(m) for m in period.months()]
    ev = events[in_force(events["start"], events["months"], period)]
    per_month: dict[str, dict[int, list[Fraction]]] = defaultdict(lambda: defaultdict(list))
    text: dict[str, list[Said]] = defaultdict(list)
    for nip, kind, cut, start, n, ref in ev[list(EVENT_COLUMNS)].itertuples(index=False):
        end = start + n - 1
        here = [m for m in months if start <= m <= end]
        for m in here:
            per_month[nip][m].append(cut)
        in_force_months = ", ".join(_month_text(m) for m in here)
        text[nip].append(
            _event_said(
                kind,
                ref,
                cut,
                f"for {n} months, {_month_text(start)} to {_month_text(end)} "
                f"(in force {in_force_months})",
                f"selama {n} bulan, {_month_text(start)} s.d. {_month_text(end)} "
                f"(berlaku {in_force_months})",
            )
        )
    # a tier reached in the period whose cut starts after it: said, so that HR drafts the SK
    # (PP 94/2021 imposes the sanction by a decision) and the auditor sees why this month is
    # whole
    ahead = events[(events["start"] > months[-1]) & (events["start"] <= months[-1] + later)]
    for nip, kind, cut, start, n, ref in ahead[list(EVENT_COLUMNS)].itertuples(index=False):
        reached = _month_text(start - later)
        text[nip].append(
            _event_said(
                kind,
                ref,
                cut,
                f"for {n} months from {_month_text(start)} (not yet in force: tier reached in "
                f"{reached}; the sanction is imposed by a decision letter, SK)",
                f"selama {n} bulan mulai {_month_text(start)} (belum berlaku: batas tercapai "
                f"pada {reached}; hukuman dijatuhkan dengan SK)",
            )
        )
    out: dict[str, Fraction] = {}
    for nip, by_month in per_month.items():
        total = Fraction(0)
        for vals in by_month.values():
            total += min(cap, max(vals) if combine == "max" else sum(vals, Fraction(0)))
        out[nip] = total / len(months)
    notes = {
        k: Said("; ".join(t.en for t in v), "; ".join(t.id for t in v)) for k, v in text.items()
    }
    return out, notes


def reached_in(events: pd.DataFrame, period: Period, delay: int) -> dict[str, str]:
    """NIP -> the first month of the cut of each tier of unexcused days reached in a month of
    ``period`` (``events`` of :func:`absence_events`, whose cut starts ``delay`` months after
    the month a tier was reached), for the warning ``absence_tier_reached``: HR drafts the
    decision letter (SK) the sanction is imposed by."""
    months = [month_number(m) for m in period.months()]
    if events.empty:
        return {}
    start = events["start"].to_numpy(dtype=np.int64)
    here = (start - delay >= months[0]) & (start - delay <= months[-1])
    out: dict[str, str] = {}
    for nip, m in zip(events["nip"][here], start[here], strict=True):
        out[str(nip)] = min(out.get(str(nip), _month_text(int(m))), _month_text(int(m)))
    return out


def _event_said(kind: Any, ref: Any, cut: Fraction, when_en: str, when_id: str) -> Said:
    """A sanction as an explanation says it: its kind, its reference, its cut, and when."""
    said = []
    for lang, when in (("en", when_en), ("id", when_id)):
        ref_txt = f" [{_in(ref, lang)}]" if ref else ""
        said.append(f"{_in(kind, lang)}{ref_txt}: {_pct(cut)} {when}")
    return Said(*said)


def _objects(values: Any) -> np.ndarray:
    """A column of objects as they are (a :class:`Said` pair is one value, not a row)."""
    items = list(values)
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def _in(text: Any, lang: str) -> str:
    """A kind or reference of an event: the data's own text, or one noted in both languages."""
    return text.in_(lang) if isinstance(text, Said) else str(text)


def _pct(q: Fraction) -> str:
    p = q * 100
    return f"{p.numerator}%" if p.denominator == 1 else f"{float(p):.4g}%"


def _apply(
    ctx: StepContext,
    events: Callable[[], pd.DataFrame],
    combine: str,
    cap: Fraction,
    later: int = 0,
    tiers: bool = False,
) -> Any:
    """Cut per row; the cuts do not depend on the rows, so the exact pass reuses them.
    ``tiers``: the events are tiers of unexcused days, reached ``later`` months before their
    cut starts."""
    if "cuts" not in ctx.cache:
        found = events()
        ctx.cache["cuts"] = cuts(found, ctx.period, combine, cap, later)
        if tiers:  # reached in the period: observed for the warning absence_tier_reached
            ctx.cache["reached"] = reached_in(found, ctx.period, later)
    cut, text = ctx.cache["cuts"]
    nips = pd.Series(ctx.frame["nip"].to_numpy()[ctx.rows], dtype=object).astype(str)
    note = np.full(len(nips), None, dtype=object)
    where = pd.Index(list(text)).get_indexer(pd.Index(nips))
    texts = np.empty(len(text), dtype=object)
    texts[:] = list(text.values())  # Said pairs stay objects (not rows of a 2-D array)
    note[where >= 0] = texts[where[where >= 0]]
    ctx.note("sanctions", note)
    return ctx.lookup(nips.to_numpy(dtype=object), cut, missing="zero", what=("sanction", "sanksi"))


def _table(ctx: StepContext, name: str) -> pd.DataFrame | None:
    if ctx.dataset is None:
        return None
    try:
        return ctx.dataset[name]
    except KeyError:
        return None


@rule("sanction", params=SanctionParams)
def sanction(ctx: StepContext, p: SanctionParams) -> Any:
    """Cut ratio from the discipline sanctions (sanctions table) in force in the period."""
    return _apply(ctx, lambda: sanction_events(_table(ctx, "sanctions"), p.kinds), p.combine, p.cap)


def sanction_events(table: pd.DataFrame | None, kinds: list[str] | None = None) -> pd.DataFrame:
    """The sanctions table as events (see :func:`cuts`); ``percent`` 25 becomes the cut 1/4."""
    if table is None or table.empty:
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    t = table
    if kinds:
        wanted = {k.strip().lower() for k in kinds}
        t = t[t["kind"].astype(str).str.strip().str.lower().isin(wanted)]
    pct = [_exact(x) / 100 for x in t["percent"].tolist()]
    ref = t["reference"] if "reference" in t else pd.Series([None] * len(t), index=t.index)
    return pd.DataFrame(
        {
            "nip": t["nip"].astype(str).to_numpy(),
            "kind": t["kind"].astype(str).to_numpy(),
            "cut": pd.Series(pct, dtype=object).to_numpy(),
            "start": start_months(t["start_period"]),
            "months": t["months"].astype(np.int64).to_numpy(),
            "reference": [None if r is None or r != r else str(r) for r in ref.tolist()],
        },
        columns=list(EVENT_COLUMNS),
    )


def _exact(x: Any) -> Fraction:
    if isinstance(x, float | np.floating):
        return Fraction(decimal_from_float_repr(float(x)))
    if isinstance(x, Decimal | int | np.integer):
        return Fraction(x if not isinstance(x, np.integer) else int(x))
    return Fraction(str(x))


@rule("absence_sanction", params=AbsenceSanctionParams)
def absence_sanction(ctx: StepContext, p: AbsenceSanctionParams) -> Any:
    """Cut ratio from unexcused absence accumulated over the calendar year (tiers by days).

    The days are counted from the attendance rows of the same Dataset, so it must hold the
    history the cut depends on: every month from January of the year in which the oldest
    tier that can still cut the period was reached (the longest tier's `months` plus `delay`
    before the period) to `delay` months before the period's last month. Paying November
    2025 with a 12-month tier and `delay: 1` needs 2024-01 to 2025-10. A month of that span
    without a single monthly attendance row is reported (warning `absence_history_missing`):
    absence in it cuts nobody's allowance.

    The month a tier is reached the cut has not started (with `delay` 1 or more): the
    explanation says which tier was reached, from which month it cuts and that the sanction
    is imposed by a decision letter (SK), and the run warns `absence_tier_reached`, naming
    the employees, so that HR drafts the SK.

    An employee whose attendance row of a month in that span was rejected by validation (a
    typo in any column, the row given twice) is not paid (`input_row_rejected`, naming the
    row and this step), as for a rejected row of the period itself: its days would drop out
    of the count. A kept row for a longer period (`2025-Q1`) with unexcused days in the span
    rejects its employee (`absence_history_not_monthly`): a quarter's total cannot say in
    which month a tier was reached, which decides when the cut starts and ends. A longer row
    without such days changes no count and is ignored.

    `combine` decides what tiers in force in the same month give, those of one year's count
    too: the count that reached 14 days had reached 11 before. With `max` (the default) the
    heaviest cuts, as PP 94/2021 imposes the one sanction of the range the total falls in (the
    ranges do not accumulate). With `sum` every tier in force adds its cut, the lower ones of
    the same count included: tiers of 25% at 11, 14 and 17 days cut 75% once 17 are reached
    (50% from 14 while the 11-day cut runs). That is the reading of tiers written as
    increments (each tier's cut is what it adds to the tiers below, for its own months), not
    of PP 94/2021's, whose tiers each give the whole sanction; write `sum` only for a rule
    that stacks them, and cite it.

    A tier's `up_to` closes its range. PP 94/2021 cuts 25% for 11-13, 14-16 and 17-20 days
    and gives heavy sanctions from 21 days, which are no allowance cut (demotion, release to
    a pelaksana post, dismissal). Without `up_to` a count that jumps from 10 to 21 days in
    one month reaches the 17-day tier and cuts 25% for 12 months; with `up_to: 20` that month
    starts no cut of the tier (a tier of `cut: 0%` from 21 days then names the heavy sanction
    in the explanation and warns `absence_tier_reached`, so that HR drafts its SK). A cut
    started in an earlier month runs on: a count passing the range later undoes no decision.
    """
    last = month_number(ctx.period.months()[-1])
    if "not_monthly" not in ctx.cache:
        ctx.cache["not_monthly"] = not_monthly(_table(ctx, "attendance"), p, ctx.period)
    refused = ctx.cache["not_monthly"]
    if refused:
        nips = pd.Series(ctx.frame["nip"].to_numpy()[ctx.rows], dtype=object).astype(str)
        said = nips.map(lambda n: refused.get(n, "")).to_numpy(dtype=object)
        for rows in sorted(set(said.tolist()) - {""}):
            ctx.reject(
                said == rows,
                "absence_history_not_monthly",
                Worded(
                    f"attendance row(s) {rows} count '{p.column}' days for more than one month "
                    f"of the months this step counts by month ({_span_text(p, ctx.period)}): "
                    "the month a tier is reached, which decides when the cut starts, cannot be "
                    "told; give those months' rows instead",
                    f"baris kehadiran {rows} menghitung hari '{p.column}' untuk lebih dari satu "
                    f"bulan di antara bulan-bulan yang dihitung per bulan oleh langkah ini "
                    f"({_span_text(p, ctx.period)}): bulan tercapainya batas, yang menentukan "
                    "awal potongan, tidak dapat diketahui; isi baris per bulan sebagai gantinya",
                    rows=rows,
                    column=p.column,
                    months=_span_text(p, ctx.period),
                ),
            )
    if p.run is not None and "unchecked" not in ctx.cache:
        # a run of unexcused days the monthly rows cannot tell: warned (absence_run_unchecked)
        att = _table(ctx, "attendance")
        numbers = None if att is None or att.empty else _numbers(att, ctx.cache)
        ctx.cache["unchecked"] = unchecked_runs(att, p, ctx.period, numbers)
    return _apply(
        ctx,
        lambda: _all_events(_table(ctx, "attendance"), p, last, ctx.step.id, ctx.cache),
        p.combine,
        p.cap,
        later=p.delay,
        tiers=True,
    )


def _numbers(att: pd.DataFrame, cache: dict[str, Any]) -> np.ndarray:
    """:func:`monthly_numbers` of the attendance rows, read once per step (the tiers, the
    runs and the unchecked runs all read them: reading a period text is the costly part)."""
    if "monthly_numbers" not in cache:
        cache["monthly_numbers"] = monthly_numbers(att["period"])
    numbers: np.ndarray = cache["monthly_numbers"]
    return numbers


def _all_events(
    att: pd.DataFrame | None,
    p: AbsenceSanctionParams,
    last: int,
    step: str,
    cache: dict[str, Any],
) -> pd.DataFrame:
    """The tiers' events and, after them (the highest of a month under ``max``), the run's."""
    numbers = None if att is None or p.run is None else _numbers(att, cache)
    tiers = absence_events(att, p, last, step=step, months=numbers)
    if p.run is None:
        return tiers
    runs = run_events(att, p, last, numbers)
    if runs.empty:
        return tiers
    if tiers.empty:
        return runs
    return pd.concat([tiers, runs], ignore_index=True)


def _span_text(p: AbsenceSanctionParams, period: Period) -> str:
    lo, hi = history_span(p, period)
    return f"{_month_text(lo)}..{_month_text(hi)}"


def not_monthly(
    att: pd.DataFrame | None, p: AbsenceSanctionParams, period: Period
) -> dict[str, str]:
    """NIP -> the kept attendance rows (periods and days) longer than a month that fall in
    the months ``absence_sanction`` counts (:func:`history_span`) with days of ``p.column``.

    The count is kept per month because the month the yearly total reaches a tier starts the
    cut: a quarter's 7 days may have reached 11 in its first month or its last, which moves
    the cut by up to two months either way. Such a row is neither guessed at nor dropped:
    its employee is refused with the row named. A row without days changes no count."""
    if att is None or att.empty or p.column not in att.columns:
        return {}
    per = att["period"].astype(str)
    days = pd.to_numeric(att[p.column], errors="coerce").fillna(0)
    longer = ~per.str.fullmatch(r"\d{4}-\d{2}") & (days != 0)
    if not longer.any():
        return {}
    lo, hi = history_span(p, period)
    out: dict[str, list[str]] = {}
    for nip, text, n in zip(att["nip"][longer].astype(str), per[longer], days[longer], strict=True):
        try:
            given = Period.parse(text)
        except PeriodError:
            continue  # validation rejects such a row; it never reaches here
        first, last = (month_number(m) for m in (given.months()[0], given.months()[-1]))
        if first <= hi and lo <= last:
            out.setdefault(nip, []).append(f"{text} ({p.column} {int(n)})")
    return {nip: ", ".join(rows) for nip, rows in out.items()}


def history_span(p: AbsenceSanctionParams, period: Period) -> tuple[int, int]:
    """The months (:func:`month_number`, both included) whose attendance can change the cut
    of ``period``.

    A tier reached in month ``m`` cuts ``m + delay`` to ``m + delay + months - 1``, so the
    newest month that matters is ``delay`` before the period's last month and the oldest is
    the longest tier's ``months`` plus ``delay`` before its first. The running total of a
    month counts from January of its year: the span starts in January of the oldest month's
    year.
    """
    first, last = (month_number(m) for m in (period.months()[0], period.months()[-1]))
    longest = max([t.months for t in p.tiers] + ([p.run.months] if p.run else []))
    oldest = first - p.delay - longest + 1
    return oldest - oldest % 12, last - p.delay


def missing_history(
    att: pd.DataFrame | None, p: AbsenceSanctionParams, period: Period
) -> tuple[int, list[int]]:
    """The first month of :func:`history_span` and the months of the span without a single
    monthly row in ``att`` (a quarter's row does not count, as in :func:`absence_events`).

    One look at the table's distinct periods: cheap enough for every calculation."""
    lo, hi = history_span(p, period)
    return lo, months_without_rows(att, lo, hi)


def monthly_numbers(periods: pd.Series) -> np.ndarray:
    """Each attendance row's month (:func:`month_number`) where its period is a month
    (``2025-03``), -1 where it is longer (a quarter's row cannot say which month its days
    fell in): the yearly counts (``absence_sanction``, a yearly ``free``) read monthly rows
    only."""
    per = periods.astype(str)
    monthly = per.str.fullmatch(r"\d{4}-\d{2}").to_numpy(dtype=bool, na_value=False)
    out = np.full(len(per), -1, dtype=np.int64)
    out[monthly] = (
        per[monthly].str[:4].astype(np.int64) * 12 + per[monthly].str[5:].astype(np.int64) - 1
    ).to_numpy()
    return out


def months_without_rows(att: pd.DataFrame | None, lo: int, hi: int) -> list[int]:
    """The months ``lo``..``hi`` (:func:`month_number`, both included) without a single
    monthly row in ``att`` (a quarter's row does not count). One look at the table's
    distinct periods."""
    held: set[int] = set()
    if att is not None and len(att) and "period" in att.columns:
        for text in map(str, att["period"].dropna().unique()):
            if len(text) == 7 and text[4] == "-" and text[:4].isdigit() and text[5:].isdigit():
                held.add(int(text[:4]) * 12 + int(text[5:]) - 1)
    return [m for m in range(lo, hi + 1) if m not in held]


def month_ranges(months: list[int]) -> str:
    """``2025-01..2025-08, 2025-10`` for ascending month numbers: runs of consecutive months
    as one range."""
    runs: list[list[int]] = []
    for m in months:
        if runs and m == runs[-1][1] + 1:
            runs[-1][1] = m
        else:
            runs.append([m, m])
    return ", ".join(
        _month_text(a) if a == b else f"{_month_text(a)}..{_month_text(b)}" for a, b in runs
    )


def absence_events(
    att: pd.DataFrame | None,
    p: AbsenceSanctionParams,
    last: int,
    step: str = "",
    months: np.ndarray | None = None,
) -> pd.DataFrame:
    """Sanction events from monthly attendance rows up to month number ``last``.

    Only monthly rows count (a quarter's row cannot say in which month a tier was reached).
    Per NIP and calendar year the days are summed month by month; the month the running total
    first reaches a tier starts that tier's cut ``delay`` months later.
    """
    if att is None or att.empty:
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    if p.column not in att.columns:
        raise CalculationError(value=step, detail_code="attendance_column_missing", column=p.column)
    m = monthly_numbers(att["period"]) if months is None else months
    monthly = m >= 0
    a = pd.DataFrame(
        {
            "nip": att["nip"].astype(str)[monthly].to_numpy(),
            "year": m[monthly] // 12,
            "days": att[p.column][monthly].fillna(0).astype(np.int64).to_numpy(),
            "m": m[monthly],
        }
    )
    a = a[a["m"] <= last].sort_values(["nip", "m"], kind="stable")
    a["total"] = a.groupby(["nip", "year"], sort=False)["days"].cumsum()
    before = a["total"] - a["days"]
    parts = []
    for tier in p.tiers:
        hit = a[(a["total"] >= tier.days) & (before < tier.days)]
        if tier.up_to is not None:  # the month's count fell in a higher range
            hit = hit[hit["total"] <= tier.up_to]
        if hit.empty:
            continue
        label = tier.kind or Said(f"{tier.days}+ days {p.column}", f"{tier.days}+ hari {p.column}")
        parts.append(
            pd.DataFrame(
                {
                    "nip": hit["nip"].to_numpy(),
                    "kind": _objects([label] * len(hit)),
                    "cut": pd.Series([tier.cut] * len(hit), dtype=object).to_numpy(),
                    "start": (hit["m"] + p.delay).to_numpy(),
                    "months": tier.months,
                    "reference": _objects(
                        Said(
                            f"{t} days {p.column} in {y} by {_month_text(int(m))}",
                            f"{t} hari {p.column} pada {y} s.d. {_month_text(int(m))}",
                        )
                        for t, y, m in zip(hit["total"], hit["year"], hit["m"], strict=True)
                    ),
                },
                columns=list(EVENT_COLUMNS),
            )
        )
    if not parts:
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    events = pd.concat(parts, ignore_index=True)
    return _highest_reached(events) if p.combine == "max" else events


def _run_frame(
    att: pd.DataFrame,
    p: AbsenceSanctionParams,
    last: int,
    first: int = 0,
    months: np.ndarray | None = None,
) -> pd.DataFrame:
    """Per monthly attendance row of months ``first`` to ``last`` (the month before
    ``first`` read for its edges only): nip, month ``m``, the step's count
    ``days``, the longest run in the month ``run`` (NaN: not given), the run across the
    month's first day ``across`` (the previous month's ``at_end`` plus this ``at_start``;
    NaN: not given; 0 when the previous month's ``at_end`` had reached ``run.days``, a run
    named in that month) and the previous month's count ``before`` (0: no row)."""
    assert p.run is not None
    m = monthly_numbers(att["period"]) if months is None else months
    keep = (m >= max(first - 1, 0)) & (m <= last)  # -1: a row longer than a month
    given = att.columns

    def read(column: str | None) -> np.ndarray:
        if column is None or column not in given:
            return np.full(int(keep.sum()), np.nan)
        return pd.to_numeric(att[column][keep], errors="coerce").to_numpy(dtype=float)

    a = pd.DataFrame(
        {
            "nip": att["nip"].astype(str)[keep].to_numpy(),
            "m": m[keep],
            "days": pd.to_numeric(att[p.column][keep], errors="coerce").fillna(0).to_numpy(),
            "run": read(p.run.column),
            "start": read(p.run.at_start),
            "end": read(p.run.at_end),
        }
    )
    # a blank count cell reads as 0, and a month with days counted has a run of 1 at least:
    # a 0 there is a run not given (a blank column of the recap), not "no run" (review 137)
    blank = (a["run"] == 0) & (a["days"] > 0)
    a.loc[blank, "run"] = np.nan
    # and its edges: a row of an older recap, the run columns blank, reads 0 at both edges,
    # and a run of 6 ending that month and 4 starting the next passed as 4 (review 141)
    for edge in ("start", "end"):
        a.loc[blank & (a[edge] == 0), edge] = np.nan
    # the previous month's row of the same NIP: the row before in (NIP, month) order when it
    # is that NIP's and one month earlier (a NIP has one row a month; no merge on text keys)
    code = pd.factorize(a["nip"])[0]
    order = np.lexsort((a["m"].to_numpy(), code))
    a = a.iloc[order].reset_index(drop=True)
    code, mm = code[order], a["m"].to_numpy()
    follows = np.zeros(len(a), dtype=bool)
    follows[1:] = (code[1:] == code[:-1]) & (mm[1:] == mm[:-1] + 1)
    before = np.zeros(len(a))
    end_before = np.full(len(a), np.nan)
    before[1:] = np.where(follows[1:], a["days"].to_numpy()[:-1], 0)
    end_before[1:] = np.where(follows[1:], _carried(a, follows)[:-1], np.nan)
    a["before"], a["end_before"] = before, end_before
    # a run the previous month had already reached ``days`` by its end was named there:
    # running on into this month it is the same run, not another (review 137)
    a["across"] = (a["end_before"] + a["start"]).where(~(a["end_before"] >= p.run.days), 0)
    return a[a["m"] >= first]


def _carried(a: pd.DataFrame, follows: np.ndarray) -> np.ndarray:
    """Per row (in NIP, month order): the run ending on the month's last working day counted
    back over the months before: its ``end``, plus the months before it while each was one
    run from its first working day to its last (``start`` = ``end`` = the month's count: two
    different runs at the edges would count more) and follows the one before. A month of
    fewer working days than ``run.days`` absent throughout (a 24-hour duty roster's 8 duties
    in February) joins the months on both sides: 1 + 8 + 1 days in a row are 10, which
    neither edge sum saw, and 6 + 5 + 5 were named twice (review 141). NaN: not given."""
    end = a["end"].to_numpy()
    start, days = a["start"].to_numpy(), a["days"].to_numpy()
    whole = (days > 0) & (start == days) & (end == days)
    chain = np.cumsum(~(follows & whole))  # a new chain where a month does not join on
    carried = pd.Series(np.nan_to_num(end)).groupby(chain).cumsum().to_numpy()
    unknown = pd.Series(np.isnan(end)).groupby(chain).transform("first").to_numpy(dtype=bool)
    return np.where(unknown | np.isnan(end), np.nan, carried)


def run_events(
    att: pd.DataFrame | None,
    p: AbsenceSanctionParams,
    last: int,
    months: np.ndarray | None = None,
) -> pd.DataFrame:
    """Events of :attr:`AbsenceSanctionParams.run`: a month whose longest run, or the run
    across its first day, reaches ``run.days`` starts the run's cut ``delay`` months on
    (as a tier reached that month). Only rows that give the run columns."""
    if p.run is None or att is None or att.empty or not p.run.columns():
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    if p.column not in att.columns:
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    a = _run_frame(att, p, last, months=months)
    run = p.run
    longest = np.fmax(a["run"].to_numpy(), a["across"].to_numpy())
    hit = a[longest >= run.days]
    if hit.empty:
        return pd.DataFrame(columns=list(EVENT_COLUMNS))
    shown = longest[longest >= run.days]
    label = run.kind or Said(
        f"{run.days} working days {p.column} in a row",
        f"{run.days} hari kerja {p.column} berturut-turut",
    )
    return pd.DataFrame(
        {
            "nip": hit["nip"].to_numpy(),
            "kind": _objects([label] * len(hit)),
            "cut": pd.Series([run.cut] * len(hit), dtype=object).to_numpy(),
            "start": (hit["m"] + p.delay).to_numpy(dtype=np.int64),
            "months": run.months,
            "reference": _objects(
                Said(
                    f"{int(n)} working days {p.column} in a row by {_month_text(int(m))}",
                    f"{int(n)} hari kerja {p.column} berturut-turut s.d. {_month_text(int(m))}",
                )
                for n, m in zip(shown, hit["m"], strict=True)
            ),
        },
        columns=list(EVENT_COLUMNS),
    )


def unchecked_runs(
    att: pd.DataFrame | None,
    p: AbsenceSanctionParams,
    period: Period,
    numbers: np.ndarray | None = None,
) -> dict[str, str]:
    """NIP -> the months of ``period`` (text) in which ``run.days`` unexcused working days in
    a row could have been reached and the attendance rows cannot tell: the month's count
    reaches ``run.days`` and its longest run is not given, or the month's count plus the
    previous month's does and the run across the month's first day is not given (a run of
    10 may be the last 4 working days of one month and the first 6 of the next). A month's
    total says how many days, never whether they were in a row."""
    if p.run is None or att is None or att.empty or p.column not in att.columns:
        return {}
    months = [month_number(m) for m in period.months()]
    a = _run_frame(att, p, months[-1], months[0], numbers)
    if a.empty:
        return {}
    days = a["days"].to_numpy()
    inside = (days >= p.run.days) & np.isnan(a["run"].to_numpy())
    before = a["before"].to_numpy()
    across = (before > 0) & (days + before >= p.run.days) & np.isnan(a["across"].to_numpy())
    doubt = a[(inside | across) & (days > 0)]
    out: dict[str, list[str]] = {}
    for nip, m in zip(doubt["nip"], doubt["m"], strict=True):
        out.setdefault(str(nip), []).append(_month_text(int(m)))
    return {nip: ", ".join(ms) for nip, ms in out.items()}


def _highest_reached(events: pd.DataFrame) -> pd.DataFrame:
    """The events without the lower tiers that one month reached together with a higher one.

    20 unexcused days in one month reach the 11-, 14- and 17-day tiers at once, and the
    explanation listed three sanctions (6, 9 and 12 months) where PP 94/2021 imposes the one
    of the range the total falls in (17-20 days: 12 months; DOMAIN.md §4: the ranges do not
    accumulate). The highest tier reached is named alone. A lower tier is left out only when
    it changes no amount: ``combine: max`` (the caller's condition), a cut no larger and no
    more months than the highest's, from the same month. ``events`` holds the tiers in
    ascending order (:func:`absence_events`), so a NIP's last event of a start month is the
    highest it reached then."""
    keys = list(zip(events["nip"].astype(str), events["start"].tolist(), strict=True))
    cut, months = events["cut"].tolist(), events["months"].tolist()
    highest = {k: i for i, k in enumerate(keys)}  # the last of each (NIP, start month)
    dominated = [
        i
        for i, k in enumerate(keys)
        if highest[k] != i and cut[i] <= cut[highest[k]] and months[i] <= months[highest[k]]
    ]
    if not dominated:
        return events
    return events.drop(index=events.index[dominated]).reset_index(drop=True)
