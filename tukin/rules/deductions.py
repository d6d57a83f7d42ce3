"""Deductions and employer contributions: BPJS Kesehatan, other contributions, PPh 21 by TER.

All optional rule types: a rule file lists the steps it needs and names them in
``outputs.deductions`` (withheld from the employee: net = gross - deductions) or
``outputs.employer`` (paid by the government on top, reported apart).

``contribution``
    A percentage of a wage base, optionally capped: ``rate × min(Σ components + allowance, cap)``
    rounded with a named mode. ``basis: allowance_part`` withholds only the part the allowance
    adds, ``rate × (min(salary + allowance, cap) - min(salary, cap))``, for payrolls where the
    salary's share is already withheld with the salary (P: one regency's practice).
``bpjs_kesehatan``
    The same with the wage cap defaulting to Rp12,000,000 (SE Mendagri 900/471/SJ angka 2:
    5% of the monthly wage, 4% by the government, 1% by the employee; the base is basic
    salary, family allowance, position or general allowance, professional allowance and TPP,
    so a tunjangan profesi is one of the ``components``). The circular, of 20 January 2020,
    carries out Perpres 82/2018 Pasal 30, 32 and 33 as Perpres 75/2019 words them (its opening
    says so); Perpres 64/2020 came months later and is not its source. Use one step per
    share; the rate and the cap belong in the rule file as dated parameters.
``pph21_ter``
    Income tax withheld by the effective average rate (TER, PP 58/2023): the rate of the
    employee's category (A/B/C) and bracket of gross monthly income, times that income. The
    category column holds the category, or the employee's PTKP status, which the step maps
    by PP 58/2023 art. 2(4): A = TK/0, TK/1, K/0; B = TK/2, TK/3, K/1, K/2; C = K/3. The
    rate tables are *not* shipped: the rule file gives them as a dated parameter (from the
    regulation's annex), because a wrong table would be a wrong tax. December, the year's last
    tax period, uses the annual progressive calculation (PMK 168/2023): the step refuses it
    unless told, ``december: annual`` doing that calculation from the year-to-date columns the
    rule file names (:mod:`tukin.rules._pph21_year`), ``december: ter`` applying TER anyway.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd
from pydantic import Field, field_validator, model_validator

from tukin._wording import Said
from tukin.calc import num as N
from tukin.calc.context import StepContext
from tukin.calc.notes import CodedNotes, coded_notes
from tukin.calc.num import FNum, XNum
from tukin.errors import Worded
from tukin.money import RoundingMode, percent_text, round_to
from tukin.rules._pph21_year import (
    _P,
    JOINT_REASON,
    PTKP_FORMS,
    PTKP_STATUS,
    Bracket,
    EitherWorking,
    Pph21AnnualParams,
    _ints,
    _note_ints,
    _rp,
    _rupiah,
    check_brackets,
    joint_status,
    last_period_tax,
    last_rows,
)
from tukin.rules.registry import PerEmployee, rule
from tukin.ruleset.types import ColumnName, Rupiah, Share, empty_table, refuse_field

if TYPE_CHECKING:
    from tukin.period import Period

__all__ = ["BpjsParams", "Bracket", "ContributionParams", "Pph21TerParams"]


class ContributionParams(_P):
    input: ColumnName = Field(description="The allowance (integer rupiah) it is withheld from.")
    components: list[ColumnName] = Field(
        default_factory=list, description="Other wage components in the base (basic_salary...)."
    )
    rate: Share = Field(description="Share of the base, e.g. '1%'.")
    cap: Rupiah | None = Field(None, ge=0, description="Highest wage base; empty = no cap.")
    basis: Literal["total", "allowance_part"] = Field(
        "total",
        description="total: on the whole base; allowance_part: only what the allowance adds.",
    )
    rounding: RoundingMode = Field(RoundingMode.HALF_UP, description="How the amount is rounded.")
    unit: int = Field(1, ge=1, description="Round to a multiple of this many rupiah.")


#: Where the default wage cap is set: the circular regional governments pay by, which carries
#: out Perpres 82/2018 Pasal 32 ayat (1) as Perpres 75/2019 words it (its opening names that
#: Perpres; Perpres 64/2020, signed months after the circular, is not its source).
_CAP_SOURCE = "Perpres 75/2019, SE Mendagri 900/471/SJ"


class BpjsParams(ContributionParams):
    cap: Rupiah | None = Field(
        12_000_000,
        ge=0,
        description="Highest monthly wage base (Perpres 75/2019; SE Mendagri 900/471/SJ).",
    )


def _income(ctx: StepContext, input_: str, components: list[str]) -> tuple[Any, Any]:
    """(allowance, sum of the other components) as rupiah columns."""
    allowance = ctx.num(input_)
    if allowance.unit != "rupiah":
        raise ctx.error("income_not_rupiah", column=input_)
    other = ctx.const(0, unit="rupiah")
    for c in components:
        other = other + _rupiah(ctx.num(c))
    return allowance, other


_pct = percent_text


def _rounded(amount: Fraction, rate: Fraction, mode: RoundingMode, unit: int) -> tuple[str, int]:
    """``Rp12.345 × 1% = Rp123,45 → Rp123`` and the rounded amount."""
    exact = amount * rate
    out = round_to(exact, mode, unit)
    return f"{_rp(amount)} × {_pct(rate)} = {_rp(exact)} → {_rp(out)}", out


@dataclass(frozen=True)
class _ContributionWorking:
    """A contribution's working for one employee, written out when an explanation asks for
    the row (``working[row]``: a :class:`~tukin._wording.Said`): the capped wage base from
    the wages, the rate, and the rounding, so the amount can be re-derived by hand."""

    allowance: np.ndarray
    other: np.ndarray
    cap: int | None
    basis: str
    rate: Fraction
    rounding: RoundingMode
    unit: int

    def __getitem__(self, row: int) -> Said:
        a, o = int(self.allowance[row]), int(self.other[row])
        total, cap = a + o, self.cap
        if cap is None:
            base = a if self.basis == "allowance_part" else total
            en = id_ = f"{_rp(base)}"
        elif self.basis == "allowance_part":
            base = min(total, cap) - min(o, cap)
            en = id_ = (
                f"min({_rp(total)}, {_rp(cap)}) − min({_rp(o)}, {_rp(cap)}) = "
                f"{_rp(min(total, cap))} − {_rp(min(o, cap))} = {_rp(base)}"
            )
        else:
            base = min(total, cap)
            en = id_ = f"min({_rp(total)}, {_rp(cap)}) = {_rp(base)}"
        if cap is not None:
            binds = total > cap
            en += "; the cap binds" if binds else "; below the cap"
            id_ += "; batas upah berlaku" if binds else "; di bawah batas upah"
        step, _ = _rounded(Fraction(base), self.rate, self.rounding, self.unit)
        mode = self.rounding.value
        return Said(
            f"wage base = {en}. {step} ({mode}, to a multiple of {_rp(self.unit)})",
            f"dasar iuran = {id_}. {step} ({mode}, ke kelipatan {_rp(self.unit)})",
        )


@dataclass(frozen=True)
class _TaxWorking:
    """PPh 21 by TER for one employee, written out when an explanation asks for the row:
    the rate times the gross income, rounded, less (``basis: allowance_part``) the same on
    the income without the allowance, the part the explanation cannot show otherwise."""

    gross: np.ndarray
    rate: CodedNotes
    other: np.ndarray | None
    rate_without: CodedNotes | None
    rounding: RoundingMode

    def __getitem__(self, row: int) -> Said:
        mode = self.rounding.value
        first, tax = _rounded(Fraction(int(self.gross[row])), self.rate[row], self.rounding, 1)
        if self.other is None or self.rate_without is None:
            return Said(
                f"tax = {first} ({mode})",
                f"pajak = {first} ({mode})",
            )
        second, without = _rounded(
            Fraction(int(self.other[row])), self.rate_without[row], self.rounding, 1
        )
        rest = f"{_rp(tax)} − {_rp(without)} = {_rp(tax - without)}"
        return Said(
            f"tax on the gross income: {first}; tax on the income without the allowance: "
            f"{second}; tax = {rest} ({mode})",
            f"pajak atas penghasilan bruto: {first}; pajak atas penghasilan tanpa tunjangan: "
            f"{second}; pajak = {rest} ({mode})",
        )


#: a contribution's base is the employee's month (the allowance and the other wage components,
#: capped once): per position, the cap and the components would count once per position
_WAGE_BASE = PerEmployee(
    "withholds a contribution on the month's wage base (the allowance with the other wage "
    "components, capped once)",
    "memotong iuran dari dasar upah sebulan (tunjangan bersama komponen upah lain, dibatasi "
    "sekali)",
)


@rule("contribution", params=ContributionParams, per_employee=_WAGE_BASE)
def contribution(ctx: StepContext, p: ContributionParams) -> Any:
    """A percentage of a (capped) wage base, rounded with a named mode: IWP, BPJS, ..."""
    return _contribution(ctx, p)


@rule("bpjs_kesehatan", params=BpjsParams, per_employee=_WAGE_BASE)
def bpjs_kesehatan(ctx: StepContext, p: BpjsParams) -> Any:
    """BPJS Kesehatan share (employee 1% or employer 4%) of the wage base capped at Rp12 million."""
    return _contribution(ctx, p)


def _contribution(ctx: StepContext, p: ContributionParams) -> Any:
    allowance, other = _income(ctx, p.input, p.components)
    total = allowance + other
    if p.cap is not None:
        cap = ctx.const(p.cap, unit="rupiah")
        base = N.minimum(total, cap)
        if p.basis == "allowance_part":
            base = base - N.minimum(other, cap)
    else:
        base = allowance if p.basis == "allowance_part" else total
    _note_ints(ctx, "wage_base", base)
    # what the amount is re-derived from: the rate, the cap (the rule type's default when the
    # rule file gives none: say so, it is written nowhere else) and the working per row
    ctx.note("rate", Fraction(p.rate))
    if p.cap is not None:
        shown = _rp(p.cap)
        ctx.note(
            "cap",
            Said(shown, shown)
            if "cap" in ctx.step.params
            else Said(
                f"{shown} (the default of {ctx.step.type}: {_CAP_SOURCE})",
                f"{shown} (bawaan {ctx.step.type}: {_CAP_SOURCE})",
            ),
        )
    ints = _ints(allowance), _ints(other)
    if ints[0] is not None and ints[1] is not None:
        ctx.note(
            "working",
            _ContributionWorking(
                ints[0],
                ints[1],
                None if p.cap is None else int(p.cap),
                p.basis,
                Fraction(p.rate),
                RoundingMode(p.rounding),
                p.unit,
            ),
        )
    return N.round_to_unit(base * p.rate, p.rounding, p.unit)


class Pph21TerParams(_P):
    input: ColumnName = Field(description="The allowance (integer rupiah).")
    components: list[ColumnName] = Field(
        default_factory=list, description="Other gross monthly income (salary, allowances...)."
    )
    category: ColumnName = Field(
        "ter_category",
        description="Column with the TER category A/B/C, or the employee's PTKP status, mapped "
        "to its category by PP 58/2023 art. 2(4): A = TK/0, TK/1, K/0; B = TK/2, TK/3, K/1, "
        "K/2; C = K/3 (written TK/0, TK0, tk/0, K 1...). Any other value rejects the employee.",
    )
    rates: dict[str, list[Bracket]] = Field(
        description="TER table per category, brackets ascending, the last one open (user-supplied)."
    )
    basis: Literal["total", "allowance_part"] = Field(
        "total",
        description="total: tax on all the income; allowance_part: tax(income) - tax(income without the allowance).",
    )
    rounding: RoundingMode = Field(RoundingMode.DOWN, description="How the tax is rounded.")
    december: Literal["refuse", "ter", "annual"] = Field(
        "refuse",
        description="December, the year's last tax period: refuse it, apply TER anyway (ter), "
        "or withhold the year's tax by the art. 17 brackets less what was withheld before "
        "(annual, PMK 168/2023; its inputs in annual).",
    )
    annual: Pph21AnnualParams | None = Field(
        None,
        description="The annual calculation's year-to-date columns and amounts (below); "
        "given with december: annual and only then.",
    )

    @field_validator("rates")
    @classmethod
    def _brackets(cls, v: dict[str, list[Bracket]]) -> dict[str, list[Bracket]]:
        if not v:
            raise empty_table(
                "the TER table is empty: every employee would be rejected; give the brackets "
                "of at least one category",
                "tabel TER kosong: setiap pegawai akan ditolak; isi lapisan paling sedikit satu "
                "kategori",
            )
        for cat, brackets in v.items():
            check_brackets(f"category {cat}", brackets)
        return {k.strip().upper(): b for k, b in v.items()}

    def columns_read_in(self, period: Period) -> list[str]:
        """The columns of ``annual`` read in ``period``, for ``tukin validate --rules``: every
        one in a period containing December; before it ``last_period`` alone (the year's
        columns are read for a leaver, which only the data says)."""
        a = self.annual
        if a is None:
            return []
        if not any(m.start.month == 12 for m in period.months()):
            return [] if a.last_period is None else [a.last_period]
        return a.columns_read()

    @model_validator(mode="after")
    def _annual(self) -> Pph21TerParams:
        if self.december == "annual" and self.annual is None:
            refuse_field(
                "annual",
                None,
                "parameters_refused",
                "december: annual needs annual (at least gross_before and withheld_before: "
                "the columns of the year before this period)",
                "december: annual memerlukan annual (paling sedikit gross_before dan "
                "withheld_before: kolom tahun berjalan sebelum masa ini)",
            )
        if self.annual is not None and self.december != "annual":
            refuse_field(
                "annual",
                "…",
                "parameters_refused",
                f"annual is only read with december: annual (december: {self.december})",
                f"annual hanya dibaca bersama december: annual (december: {self.december})",
            )
        if (
            self.annual is not None
            and self.basis == "total"
            and self.annual.allowance_before is not None
        ):
            refuse_field(
                "annual",
                "…",
                "parameters_refused",
                "annual.allowance_before is read only with basis: allowance_part (basis: total "
                "taxes the whole income, gross_before included)",
                "annual.allowance_before hanya dibaca dengan basis: allowance_part (basis: "
                "total mengenakan pajak atas seluruh penghasilan, termasuk gross_before)",
            )
        if (
            self.annual is not None
            and self.basis == "allowance_part"
            and self.annual.allowance_before is None
        ):
            refuse_field(
                "annual",
                "…",
                "parameters_refused",
                "basis: allowance_part needs annual.allowance_before (the allowance's part of "
                "gross_before) to know the year's income without the allowance",
                "basis: allowance_part memerlukan annual.allowance_before (bagian tunjangan "
                "dalam gross_before) untuk mengetahui penghasilan setahun tanpa tunjangan",
            )
        return self


@rule(
    "pph21_ter",
    params=Pph21TerParams,
    per_employee=PerEmployee(
        "withholds PPh 21 by the TER rate of the month's gross income",
        "memotong PPh 21 dengan tarif TER atas penghasilan bruto sebulan",
    ),
)
def pph21_ter(ctx: StepContext, p: Pph21TerParams) -> Any:
    """PPh 21 withheld by TER category and gross monthly income (tables from the rule file).
    The category column holds A/B/C or the PTKP status (TK/0, K1, tk / 2...), mapped by PP
    58/2023 art. 2(4): A = TK/0, TK/1, K/0; B = TK/2, TK/3, K/1, K/2; C = K/3."""
    if len(ctx.period.months()) != 1:  # a tax period is a month: TER and the year need one
        raise ctx.error("pph21_not_monthly", period=str(ctx.period))
    december = any(m.start.month == 12 for m in ctx.period.months())
    if p.december == "refuse" and december:
        raise ctx.error("december_pph21")
    allowance, other = _income(ctx, p.input, p.components)

    def year_tax(only: np.ndarray | None = None) -> Any:
        """The annual calculation of the last tax period (``annual``), for ``only`` rows."""
        assert p.annual is not None
        return last_period_tax(
            ctx,
            p.annual,
            allowance,
            other,
            status_column=p.annual.ptkp_status or p.category,
            allowance_part=p.basis == "allowance_part",
            rounding=RoundingMode(p.rounding),
            only=only,
        )

    if december and p.annual is not None:  # december: annual (the parameters check both)
        return year_tax()
    # employees leaving this month (annual.last_period): the annual calculation, not TER
    last = None
    if p.annual is not None and p.annual.last_period is not None:
        last = last_rows(ctx, p.annual.last_period)
    # the category per row as its position in the table (-1: none), read once per distinct
    # text: a category as written (A), or a PTKP status mapped to one (K/1: B)
    codes, uniq = ctx.categories(p.category)
    names = list(p.rates)
    letters = [_table_of(u, names) for u in uniq]
    where = np.array([names.index(c) if c in names else -1 for c in letters] + [-1])
    cat = where[codes]
    unknown = cat < 0 if last is None else (cat < 0) & ~last
    known = ", ".join(names)
    for i in np.unique(codes[unknown]).tolist():  # one reason per category not in the table
        rows = unknown & (codes == i)
        typed = ctx.text_at(p.category, np.flatnonzero(rows)[:1])[0]  # as the sheet has it
        blank = i < 0 or typed is None
        letter = None if blank else letters[i]
        en, id_ = ("(blank)", "(kosong)") if blank else (repr(str(typed)),) * 2
        if not blank and letter is None and joint_status(typed):  # K/I: a joint return's
            reason = (
                f"{en} in column {p.category!r} {JOINT_REASON[0]}",
                f"{id_} pada kolom {p.category!r} {JOINT_REASON[1]}",
            )
        elif not blank and letter is None:  # neither a category nor a PTKP status
            reason = (
                f"{en} in column {p.category!r} is no TER category ({known}) and no PTKP "
                f"status ({PTKP_FORMS[0]}; PP 58/2023 art. 2(4))",
                f"{id_} pada kolom {p.category!r} bukan kategori TER ({known}) dan bukan status "
                f"PTKP ({PTKP_FORMS[1]}; PP 58/2023 pasal 2 ayat (4))",
            )
        elif letter is not None and letter != str(typed).strip().upper():  # a PTKP status
            reason = (
                f"no TER table for category {letter} (PTKP {en}, PP 58/2023 art. 2(4)) in "
                f"column {p.category!r} (tables: {known})",
                f"tidak ada tabel TER untuk kategori {letter} (PTKP {id_}, PP 58/2023 pasal 2 "
                f"ayat (4)) pada kolom {p.category!r} (tabel: {known})",
            )
        else:
            reason = (
                f"no TER table for category {en} in column {p.category!r} (tables: {known})",
                f"tidak ada tabel TER untuk kategori {id_} pada kolom {p.category!r} "
                f"(tabel: {known})",
            )
        fields = {"column": p.category, "value": None if blank else str(typed), "tables": names}
        if letter is not None:
            fields["category"] = letter  # the TER table a PTKP status maps to
        ctx.reject(rows, "no_ter_category", Worded(*reason, **fields))
    gross = allowance + other
    tax, rate = _ter_tax(ctx, p, cat, gross)
    rates = _note_rate(ctx, "ter_rate", rate)
    grosses = _note_ints(ctx, "gross_income", gross)
    others = rates_without = None
    if p.basis == "allowance_part":
        without, rate = _ter_tax(ctx, p, cat, other)
        tax = tax - without
        # the tax subtracted, shown: without it the amount cannot be re-derived
        others = _note_ints(ctx, "income_without", other)
        rates_without = _note_rate(ctx, "ter_rate_without", rate)
    if (
        grosses is not None
        and rates is not None
        and (p.basis == "total" or (others is not None and rates_without is not None))
    ):
        working = _TaxWorking(grosses, rates, others, rates_without, RoundingMode(p.rounding))
        ctx.note("working", working)
    if last is not None and p.annual is not None and last.any():
        ter = ctx.notes.pop("working", None)
        year = year_tax(last)
        tax = N.where(last, year, tax)
        if "working" in ctx.notes:
            ctx.note("working", EitherWorking(last, ctx.notes["working"], ter))
    return tax


#: The TER category of each PTKP status: PP 58/2023 art. 2(4) (category A: TK/0, TK/1, K/0;
#: B: TK/2, TK/3, K/1, K/2; C: K/3).
PTKP_CATEGORY = {
    "TK/0": "A", "TK/1": "A", "K/0": "A",
    "TK/2": "B", "TK/3": "B", "K/1": "B", "K/2": "B",
    "K/3": "C",
}  # fmt: skip


def _table_of(text: str | None, names: list[str]) -> str | None:
    """The TER table a cell names: one of ``names`` as written (a rule file may name its
    tables otherwise than A/B/C: by PTKP status, ``KAT_A``), else the category it gives
    (:func:`ter_category`)."""
    word = None if text is None else " ".join(str(text).split()).upper()
    return word if word in names else ter_category(text)


def ter_category(text: str | None) -> str | None:
    """The TER category a cell gives: a category as written (``a`` -> ``A``; a letter of
    no table is still a category, rejected as such), or that of a PTKP status however it is
    commonly written (``TK/0``, ``TK0``, ``tk / 0``, ``K-1``; :data:`PTKP_CATEGORY`); None
    for anything else (``K/5``, ``kawin``)."""
    if text is None:
        return None
    word = " ".join(str(text).split()).upper()
    if len(word) == 1 and word.isalpha():
        return word
    found = PTKP_STATUS.fullmatch(word)
    if found is None:
        return None
    return PTKP_CATEGORY.get(f"{found.group(1)}/{found.group(2)}")


def _ter_tax(ctx: StepContext, p: Pph21TerParams, cat: np.ndarray, income: Any) -> Any:
    """Tax by TER and the rate per row: ``cat`` holds each row's category as its position
    in ``p.rates``."""
    rate = None if ctx.exact else _ter_rate_searched(ctx, p, cat, income)
    if rate is None:
        rate = ctx.const(0)
        for j, brackets in enumerate(p.rates.values()):
            r = ctx.const(brackets[-1].rate)
            for b in reversed(brackets[:-1]):
                assert b.up_to is not None
                r = N.where(income <= ctx.const(b.up_to, unit="rupiah"), ctx.const(b.rate), r)
            rate = N.where(cat == j, r, rate)
    return N.round_to_unit(income * rate, p.rounding, 1), rate


def _ter_rate_searched(
    ctx: StepContext, p: Pph21TerParams, cat: np.ndarray, income: Any
) -> FNum | XNum | None:
    """The TER rate per row on the fast pass by one binary search in its category's bounds,
    instead of one comparison and one selection per bracket (a TER table has some forty
    brackets per category). The same rate: the first bracket whose ``up_to`` the income does
    not exceed (bounds increase, checked when the rules load), the open one above them all,
    0 for a row without a category. A row whose income is inexact and within its bound of an
    ``up_to`` is flagged, as the comparison would have done. None when the bounds at the
    income's scale pass 2**53 (the general path then decides)."""
    if not isinstance(income, FNum):
        return None
    f = 10.0**income.s
    tables = list(p.rates.values())
    if max((float(b.up_to or 0) for t in tables for b in t), default=0.0) * f >= N.LIMIT:
        return None
    rates = [Fraction(b.rate) for t in tables for b in t] + [Fraction(0)]
    code = np.full(len(income), len(rates) - 1, dtype=np.int64)
    bound = income.e
    first = 0
    for j, brackets in enumerate(tables):
        edges = np.array([float(b.up_to or 0) * f for b in brackets[:-1]])  # exact: < 2**53
        rows = np.flatnonzero(cat == j)
        v = income.v[rows]
        # first up_to at or above the income: income <= up_to (NaN sorts last: the open one)
        code[rows] = first + np.searchsorted(edges, v, side="left")
        if bound is not None:
            # an up_to within [v - reach, v + reach] (ends included: rounding is monotone, so
            # a computed end never passes an edge the true end reaches) may be crossed
            reach = bound[rows] * N.SAFE
            with np.errstate(invalid="ignore"):
                lo = np.searchsorted(edges, v - reach, side="left")
                hi = np.searchsorted(edges, v + reach, side="right")
            unsure = np.zeros(len(income), dtype=bool)
            unsure[rows[(lo != hi) & (reach > 0)]] = True
            ctx.tracker.add(unsure)
        first += len(brackets)
    return ctx.by_code(code, rates)


def _note_rate(ctx: StepContext, key: str, rate: Any) -> CodedNotes | None:
    """Note the TER rate per row (as Fractions) under ``key``; returns them. Only on the
    fast pass with exact rates (the explanation reads the fast pass's notes)."""
    if ctx.exact or not (isinstance(rate, FNum) and rate.e is None):
        return None
    # the few distinct rates by hashing (a sort of a million rates cost 0.1 s), each one
    # made a Fraction once
    inv, vals = pd.factorize(rate.v, use_na_sentinel=False)
    out = coded_notes([Fraction(int(v), 10**rate.s) for v in vals], inv)
    ctx.note(key, out)
    return out
