"""PPh 21 of the year's last tax period: the annual progressive calculation.

Every month but the last of the year a permanent employee's PPh 21 is withheld by TER (PP
58/2023; :func:`tukin.rules.deductions.pph21_ter`). In the last tax period (December, or the
month the employee leaves) PMK 168/2023 has the withholder compute the tax of the whole year by
the rates of UU PPh art. 17(1)(a) (as UU 7/2021, HPP, set them) and withhold that tax less what
the earlier months withheld::

    bruto setahun  = gross before this period + this period's gross
    biaya jabatan  = min(5 % × bruto setahun, Rp6,000,000 a year = Rp500,000 × months worked)
    netto          = bruto setahun − biaya jabatan − pension / THT / JHT contributions paid
                     (× 12 / months resident, for a part-year resident taxpayer)
    PKP            = netto − PTKP, rounded down to whole thousands of rupiah, not below 0
    tax of the year = Σ rate × the part of PKP within each bracket
                     (× months resident / 12, for a part-year resident taxpayer)
    this period    = tax of the year − tax withheld before this period

Where each rule is written: for a civil servant paid from the APBN/APBD, PMK 168/2023 Pasal 17
ayat (4)-(6) (netto of the tax year less biaya jabatan "sebagaimana dimaksud dalam Pasal 10 ayat
(2)" and the pension and old-age contributions tied to the salary; PKP = netto − PTKP, rounded
down to whole thousands: V, the article's text as pasal.id reproduces it); the last tax period's
amount, Pasal 15 ayat (1) huruf b and ayat (2), and the part year, Pasal 15 ayat (3) (S, as a
transcription of the PMK cites them). The regulation's worked examples (Lampiran huruf B and C,
S: tukin/golden_cases/pph21_pmk168_contoh.yaml) show the part-year rules: an employee resident
all year who starts or stops work within it is taxed on the income received, with biaya jabatan
capped at Rp500,000 a month worked and the full PTKP (``months``); one whose subjective tax
obligation begins or ends within the year (arriving to live in Indonesia, leaving it) has the
year's netto annualised and pays the tax of his months (``resident_months``).

A negative result is tax withheld in excess, which the withholder returns to the employee
(PMK 168/2023 art. 21(1), S): ``overpaid: refund`` (the default) pays it with the allowance
(a negative deduction), ``withhold_nothing`` withholds nothing and leaves the refund to be paid
otherwise, or not at all where the tax is borne by the government (PMK 168/2023 Lampiran C I.4,
S). The PTKP amounts, the biaya jabatan rate and cap and the brackets are parameters with
today's values as defaults (each fixed by a regulation, named in its description); a rule file
changing one gives it as a dated parameter.

The calculation is column arithmetic (one pass per bracket, never per employee); the working of
one employee, every stage written out, is built only when an explanation asks for the row.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from tukin._wording import Said
from tukin.calc import num as N
from tukin.calc.context import StepContext
from tukin.calc.num import FNum, XNum
from tukin.errors import Worded
from tukin.money import (
    RoundingMode,
    format_rupiah,
    format_rupiah_exact,
    percent_text,
    round_to,
)
from tukin.ruleset.types import ColumnName, Rupiah, Share, refuse_field

__all__ = ["Bracket", "Pph21AnnualParams", "PtkpAmounts"]


class _P(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Bracket(_P):
    up_to: Rupiah | None = Field(
        None,
        description="Highest income of the bracket (inclusive): the gross monthly income in a "
        "TER table, the PKP in the art. 17 brackets; empty = open.",
    )
    rate: Share = Field(description="The bracket's rate, e.g. '0.25%'.")


def check_brackets(name: str, brackets: list[Bracket]) -> None:
    """Refuse brackets that do not ascend to an open last one (``name``: what they are of)."""
    if not brackets or brackets[-1].up_to is not None:
        raise PydanticCustomError(
            "ter_brackets",
            "{message}",
            {
                "message": f"{name}: the last bracket must be open (no up_to)",
                "message_id": f"{name}: lapisan terakhir harus terbuka (tanpa up_to)",
            },
        )
    bounds = [b.up_to for b in brackets[:-1]]
    if any(b is None for b in bounds) or bounds != sorted(set(bounds)):  # type: ignore[type-var]
        raise PydanticCustomError(
            "ter_brackets",
            "{message}",
            {
                "message": f"{name}: up_to must increase from bracket to bracket",
                "message_id": f"{name}: up_to harus naik dari lapisan ke lapisan",
            },
        )


def _rupiah(x: FNum | XNum) -> FNum | XNum:
    """A wage column given as plain integers is rupiah: the rule file lists it as a wage."""
    if x.unit == "rupiah":
        return x
    if isinstance(x, XNum):
        return XNum(x.v, "rupiah")
    return FNum(x.v, x.e, x.s, "rupiah", x.tr)


def _ints(x: Any) -> np.ndarray | None:
    """An exact whole-rupiah column's values as int64 (None when it is not one)."""
    if isinstance(x, FNum) and x.s == 0 and x.e is None:
        return x.v.astype(np.int64)
    return None


def _note_ints(ctx: StepContext, key: str, x: Any) -> np.ndarray | None:
    values = _ints(x)
    if values is not None:
        ctx.note(key, values)
    return values


def _rp(q: Fraction | int) -> str:
    """An amount as an explanation shows it (Rp1.234.567, every decimal of a part rupiah)."""
    return format_rupiah_exact(q, lang="id") or format_rupiah(q, lang="id")


#: A PTKP status however it is commonly written: TK/0, TK0, tk / 0, K-1 (PMK 101/2016 and PP
#: 58/2023 art. 2(4) write TK/0-TK/3, K/0-K/3).
PTKP_STATUS = re.compile(r"(TK|K)\s*[/\-]?\s*([0-9])")
PTKP_FORMS = (
    "TK/0-TK/3, K/0-K/3, also written TK0, tk/0, K 1",
    "TK/0-TK/3, K/0-K/3, juga ditulis TK0, tk/0, K 1",
)
#: K/I/0-K/I/3 however written (K/I/1, KI1, k / i / 1): the PTKP of a husband and wife whose
#: incomes are joined in the annual return, which payroll software sometimes offers.
JOINT_STATUS = re.compile(r"K\s*[/\-]?\s*I\s*[/\-]?\s*[0-9]")
#: Why K/I is refused, after the cell's value: PP 58/2023 art. 2(4) maps only TK/0-K/3 to a TER
#: category (S: its text as tempo.co and politikal.id quote it), and the withholder uses the
#: employee's own PTKP, a married woman's being her own alone unless her husband has no income
#: (PMK 168/2023 art. 9(2)-(3), S: as a transcription of the PMK cites it).
JOINT_REASON = (
    "is K/I, the PTKP of a husband and wife's joint annual return, which has no TER category "
    "(PP 58/2023 art. 2(4) maps TK/0-K/3) and is not used to withhold PPh 21: a married woman "
    "is withheld on her own PTKP, TK/0, or K/0-K/3 when her husband has no income (PMK 168/2023 "
    "art. 9(2)-(3))",
    "adalah K/I, PTKP penghasilan suami-istri yang digabung dalam SPT Tahunan, yang tidak "
    "mempunyai kategori TER (PP 58/2023 pasal 2 ayat (4) memetakan TK/0-K/3) dan tidak dipakai "
    "untuk memotong PPh 21: pegawai wanita kawin dipotong dengan PTKP dirinya sendiri, TK/0, atau "
    "K/0-K/3 bila suaminya tidak berpenghasilan (PMK 168/2023 pasal 9 ayat (2)-(3))",
)


def joint_status(text: str | None) -> bool:
    """Whether a cell gives K/I/n, a joint return's status, rather than a withholding one."""
    if text is None:
        return False
    return JOINT_STATUS.fullmatch(" ".join(str(text).split()).upper()) is not None


def ptkp_status(text: str | None) -> tuple[bool, int] | None:
    """(married, dependants) of a PTKP status as a cell writes it, None for anything else."""
    if text is None:
        return None
    found = PTKP_STATUS.fullmatch(" ".join(str(text).split()).upper())
    if found is None:
        return None
    return found.group(1) == "K", int(found.group(2))


class PtkpAmounts(_P):
    taxpayer: Rupiah = Field(
        54_000_000, ge=0, description="A year, for the taxpayer (PMK 101/2016: Rp54,000,000)."
    )
    married: Rupiah = Field(
        4_500_000,
        ge=0,
        description="Added for a married taxpayer, K/... (PMK 101/2016: Rp4,500,000).",
    )
    dependant: Rupiah = Field(
        4_500_000, ge=0, description="Added per dependant (PMK 101/2016: Rp4,500,000)."
    )
    max_dependants: int = Field(
        3,
        ge=0,
        le=9,
        description="Most dependants a status may count (UU PPh art. 7(1): three); a status "
        "with more (K/4) rejects the employee.",
    )

    def amount(self, married: bool, dependants: int) -> int:
        return self.taxpayer + (self.married if married else 0) + self.dependant * dependants


def _art17() -> list[Bracket]:
    """UU PPh art. 17(1)(a) as UU 7/2021 (HPP) set it, from the tax year 2022."""
    return [
        Bracket(up_to=60_000_000, rate=Fraction(5, 100)),
        Bracket(up_to=250_000_000, rate=Fraction(15, 100)),
        Bracket(up_to=500_000_000, rate=Fraction(25, 100)),
        Bracket(up_to=5_000_000_000, rate=Fraction(30, 100)),
        Bracket(rate=Fraction(35, 100)),
    ]


class Pph21AnnualParams(_P):
    gross_before: ColumnName = Field(
        description="Column: the employee's gross income of the year before this period, as "
        "PPh 21 taxed it (integer rupiah). A blank rejects the employee."
    )
    withheld_before: ColumnName = Field(
        description="Column: the PPh 21 withheld in the year before this period by this "
        "payroll (with basis allowance_part: on the allowance's part only). A blank rejects."
    )
    allowance_before: ColumnName | None = Field(
        None,
        description="Column: the part of gross_before that was this allowance; needed by "
        "basis: allowance_part (tax with the allowance less tax without it).",
    )
    pension_before: ColumnName | None = Field(
        None,
        description="Column: pension, THT and JHT contributions the employee paid in the year "
        "before this period (deductible; so is zakat or a compulsory religious donation paid "
        "through the employer, PMK 168/2023 Lampiran B I.2.1.2, S); needed when pension or "
        "pension_rate is given.",
    )
    pension: ColumnName | None = Field(
        None, description="Column: this period's deductible contributions; or pension_rate."
    )
    pension_rate: Share | None = Field(
        None,
        description="This period's deductible contributions as a share of pension_components, "
        "e.g. '8%' (a PNS's iuran pensiun 4.75 % and THT 3.25 %: P), not rounded.",
    )
    pension_components: list[ColumnName] = Field(
        default_factory=list, description="The wages pension_rate is a share of."
    )
    ptkp_status: ColumnName | None = Field(
        None,
        description="Column with the PTKP status (TK/0-TK/3, K/0-K/3, written as pph21_ter "
        "reads it); empty: the step's category column. A TER letter or another value rejects.",
    )
    months: ColumnName | None = Field(
        None,
        description="Column: months of the year the employee worked (1-12), which cap the "
        "biaya jabatan at job_expense_cap / 12 a month; empty: resident_months where "
        "given (the income taxed is that of those months), else 12 for everyone.",
    )
    resident_months: ColumnName | None = Field(
        None,
        description="Column: months of the year the employee was a resident taxpayer (1-12), "
        "for one whose subjective tax obligation began or ended within the year (arriving to "
        "live in Indonesia, leaving it, death): the year's netto is annualised (× 12 / months) "
        "and the tax of the year taken for those months (× months / 12), as PMK 168/2023's "
        "examples do (Lampiran B I.2.1.2, I.2.2.3; S). Not for a new PNS who was resident all "
        "year, whose income is not annualised; empty: resident all year (12). Without "
        "months, it also caps the biaya jabatan (Rp500,000 a month resident).",
    )
    last_period: ColumnName | None = Field(
        None,
        description="Column or earlier step: non-zero (or true) for an employee whose last "
        "tax period of the year is this one before December (leaving: retirement, death); "
        "they get the annual calculation, the others TER. E.g. a formula step "
        'if_(berhenti == "ya", 1, 0). In December it is everyone\'s.',
    )
    ptkp: PtkpAmounts = Field(
        default_factory=PtkpAmounts, description="PTKP amounts a year (PMK 101/2016)."
    )
    job_expense_rate: Share = Field(
        Fraction(5, 100),
        description="Biaya jabatan: share of the gross (PMK 168/2023 art. 10(2): 5%).",
    )
    job_expense_cap: Rupiah = Field(
        6_000_000,
        ge=0,
        description="Most biaya jabatan a year (PMK 168/2023 art. 10(2): Rp6,000,000, "
        "Rp500,000 a month).",
    )
    brackets: list[Bracket] = Field(
        default_factory=_art17,
        description="Rates by PKP bracket, ascending, the last one open (UU PPh art. 17(1)(a) "
        "as UU 7/2021 set them: 5% to Rp60 million, 15% to 250 million, 25% to 500 million, "
        "30% to 5 billion, 35% above).",
    )
    overpaid: Literal["refund", "withhold_nothing"] = Field(
        "refund",
        description="When the year's tax is less than what was withheld: refund (a negative "
        "deduction paid with the allowance: PMK 168/2023 art. 21(1) has the excess returned) "
        "or withhold_nothing (the refund paid otherwise).",
    )

    def columns_read(self) -> list[str]:
        """The columns the annual calculation reads besides the step's own (its status
        column when ``ptkp_status`` is empty)."""
        named = [
            self.gross_before,
            self.withheld_before,
            self.allowance_before,
            self.pension_before,
            self.pension,
            *self.pension_components,
            self.ptkp_status,
            self.months,
            self.resident_months,
        ]
        return [c for c in named if c is not None]

    @model_validator(mode="after")
    def _consistent(self) -> Pph21AnnualParams:
        check_brackets("art. 17 brackets", self.brackets)
        if self.pension is not None and self.pension_rate is not None:
            refuse_field(
                "pension_rate",
                str(self.pension_rate),
                "parameters_refused",
                "give this period's contributions once: pension (a column) or pension_rate",
                "isi iuran masa ini sekali saja: pension (kolom) atau pension_rate",
            )
        if self.pension_rate is not None and not self.pension_components:
            refuse_field(
                "pension_components",
                [],
                "parameters_refused",
                "pension_rate needs pension_components (the wages it is a share of)",
                "pension_rate memerlukan pension_components (upah yang dikenai tarifnya)",
            )
        if (self.pension or self.pension_rate is not None) and self.pension_before is None:
            refuse_field(
                "pension_before",
                None,
                "parameters_refused",
                "the year's contributions need pension_before (those of the months before "
                "this period) besides this period's",
                "iuran setahun memerlukan pension_before (iuran bulan-bulan sebelum masa ini) "
                "selain iuran masa ini",
            )
        return self


def last_period_tax(
    ctx: StepContext,
    a: Pph21AnnualParams,
    allowance: Any,
    other: Any,
    *,
    status_column: str,
    allowance_part: bool,
    rounding: RoundingMode,
    only: np.ndarray | None = None,
) -> Any:
    """The tax of the year's last period per row: the year's tax by the brackets less what
    was withheld before (``allowance_part``: the tax the allowance adds to the year's).

    ``only``: the rows whose last period this is (employees leaving in a month before
    December); the others are neither rejected nor noted here (their tax is TER's)."""
    zero = ctx.const(0, unit="rupiah")
    scope = _Scope(ctx, only)
    before = _year_column(scope, a.gross_before, ("the year's gross so far", "bruto setahun s.d."))
    withheld = _year_column(
        scope, a.withheld_before, ("PPh 21 withheld so far", "PPh 21 yang telah dipotong")
    )
    pension_before = pension_now = zero
    if a.pension_before is not None:
        pension_before = _year_column(
            scope, a.pension_before, ("contributions so far", "iuran s.d. masa sebelumnya")
        )
    if a.pension is not None:
        pension_now = _year_column(
            scope, a.pension, ("this period's contributions", "iuran masa ini")
        )
    elif a.pension_rate is not None:
        wages = zero
        for c in a.pension_components:
            wages = wages + _rupiah(ctx.num(c))
        pension_now = wages * a.pension_rate
    months = _months(scope, a.months, _WORKED)
    resident = _months(scope, a.resident_months, _RESIDENT)
    if months is None:  # the income taxed is that of the months as a resident: the cap too
        months = resident
    cap = ctx.const(a.job_expense_cap, unit="rupiah")
    if months is not None:
        cap = cap * months / 12
    ptkp, labels = _ptkp(scope, a, status_column)
    pension = pension_before + pension_now
    gross = before + allowance + other
    tax, pkp = _year_tax(ctx, a, gross, pension, cap, ptkp, rounding, resident)
    year_tax, without = tax, None
    allowance_before = None
    if allowance_part:
        assert a.allowance_before is not None  # the step's parameters check it
        allowance_before = _year_column(
            scope, a.allowance_before, ("the allowance so far", "tunjangan s.d. masa sebelumnya")
        )
        without, _ = _year_tax(
            ctx, a, gross - allowance_before - allowance, pension, cap, ptkp, rounding, resident
        )
        tax = tax - without
    out = tax - withheld
    if a.overpaid == "withhold_nothing":
        out = N.maximum(out, zero)
    if only is None:  # a leaver's stages are in the working alone: the other rows' are TER's
        _note_ints(ctx, "gross_year", gross)
        _note_ints(ctx, "pkp", pkp)
        _note_ints(ctx, "tax_year", year_tax)  # the year's, as the PKP above gives it
        if without is not None:  # allowance_part: the tax the allowance adds is the difference
            _note_ints(ctx, "tax_without", without)
        _note_ints(ctx, "withheld_before", withheld)
    if not ctx.exact:
        ctx.note(
            "working",
            _YearWorking(
                a,
                rounding,
                before,
                allowance + other,
                allowance,
                allowance_before,
                pension_before,
                pension_now,
                months,
                resident,
                ptkp,
                labels,
                withheld,
            ),
        )
    return out


@dataclass(frozen=True)
class _Scope:
    """The step's context and the rows the annual calculation is for (None: all): only those
    are rejected for what it needs."""

    ctx: StepContext
    only: np.ndarray | None

    def reject(self, mask: np.ndarray, code: str, reason: tuple[str, str]) -> None:
        self.ctx.reject(mask if self.only is None else mask & self.only, code, reason)


def _year_column(scope: _Scope, name: str, what: tuple[str, str]) -> Any:
    """An amount of the year so far: a blank rejects the employee (the year's tax cannot be
    known without it), and reads as 0 from there on."""
    ctx = scope.ctx
    x = _rupiah(ctx.num(name))
    blank = x.isnan()
    if blank.any():
        scope.reject(
            blank,
            "pph21_year_missing",
            Worded(
                f"no value in column {name!r} ({what[0]}), which the annual calculation of "
                "the year's last tax period needs (PMK 168/2023)",
                f"kolom {name!r} ({what[1]}) kosong, padahal penghitungan setahun masa pajak "
                "terakhir memerlukannya (PMK 168/2023)",
                column=name,
            ),
        )
        x = N.where(blank, ctx.const(0, unit="rupiah"), x)
        if isinstance(x, FNum) and x.e is not None and not x.e.any():
            x = FNum(x.v, None, x.s, x.unit, x.tr)  # whole rupiah again, as notes want it
    return x


#: What a months column counts, for its reason: (English, Indonesian).
_WORKED = (
    "the months of the year worked",
    "jumlah bulan bekerja dalam setahun",
    "the cap of the biaya jabatan",
    "batas biaya jabatan",
)
_RESIDENT = (
    "the months of the year as a resident taxpayer",
    "jumlah bulan sebagai subjek pajak dalam negeri dalam setahun",
    "the annualisation of a part year",
    "penyetahunan bagian tahun pajak",
)


def _months(scope: _Scope, name: str | None, what: tuple[str, str, str, str]) -> Any:
    """A count of months of the year per row (None: twelve for everyone); a blank, a
    fraction or a count outside 1-12 rejects the employee (``what``: what it counts and
    what for, in English and Indonesian)."""
    if name is None:
        return None
    ctx = scope.ctx
    m = ctx.num(name)
    bad = m.isnan()
    m = N.where(bad, ctx.const(12), m)
    bad |= (m < ctx.const(1)) | (m > ctx.const(12)) | ~N.round_to_unit(m, "down", 1).eq(m)
    scope.reject(
        bad,
        "pph21_year_missing",
        Worded(
            f"column {name!r} must give {what[0]}, a whole number from 1 to 12 ({what[2]})",
            f"kolom {name!r} harus berisi {what[1]}, bilangan bulat 1 sampai 12 ({what[3]})",
            column=name,
        ),
    )
    return N.where(bad, ctx.const(12), m)


def _ptkp(scope: _Scope, a: Pph21AnnualParams, column: str) -> tuple[Any, _Labels]:
    """The PTKP amount per row from its status, read once per distinct text; an employee
    whose cell is no status (blank, a TER letter, K/5) is rejected with the value."""
    ctx = scope.ctx
    codes, uniq = ctx.categories(column)
    parsed = [ptkp_status(u) for u in uniq]
    amounts = [
        None if s is None or s[1] > a.ptkp.max_dependants else a.ptkp.amount(*s) for s in parsed
    ]
    known = np.array([x is not None for x in amounts] + [False])
    unknown = ~known[codes] if scope.only is None else ~known[codes] & scope.only
    for i in np.unique(codes[unknown]).tolist():  # one reason per value, not per employee
        rows = unknown & (codes == i)
        typed = None if i < 0 else ctx.text_at(column, np.flatnonzero(rows)[:1])[0]
        shown = ("(blank)", "(kosong)") if typed is None else (repr(str(typed)),) * 2
        reason = (
            f"{shown[0]} in column {column!r} is no PTKP status ({PTKP_FORMS[0]}; at most "
            f"{a.ptkp.max_dependants} dependants), which the annual calculation needs",
            f"{shown[1]} pada kolom {column!r} bukan status PTKP ({PTKP_FORMS[1]}; paling "
            f"banyak {a.ptkp.max_dependants} tanggungan), yang diperlukan penghitungan setahun",
        )
        if joint_status(typed):
            reason = (
                f"{shown[0]} in column {column!r} {JOINT_REASON[0]}",
                f"{shown[1]} pada kolom {column!r} {JOINT_REASON[1]}",
            )
        scope.reject(rows, "no_ptkp_status", Worded(*reason, column=column, value=typed))
    values = [Fraction(x or 0) for x in amounts] + [Fraction(0)]
    where = np.where(codes < 0, len(uniq), codes)
    labels = _Labels(where, [_status_text(s) for s in parsed] + ["?"])
    return ctx.by_code(where, values, unit="rupiah"), labels


def _status_text(s: tuple[bool, int] | None) -> str:
    return "?" if s is None else f"{'K' if s[0] else 'TK'}/{s[1]}"


@dataclass(frozen=True)
class _Labels:
    """The PTKP status per row as the working names it (TK/0), by code: no text per row."""

    codes: np.ndarray
    names: list[str]

    def __getitem__(self, row: int) -> str:
        return self.names[int(self.codes[row])]


def _year_tax(
    ctx: StepContext,
    a: Pph21AnnualParams,
    gross: Any,
    pension: Any,
    cap: Any,
    ptkp: Any,
    rounding: RoundingMode,
    resident: Any = None,
) -> tuple[Any, Any]:
    """(tax of the year, PKP) per row: one pass over the columns per bracket. ``resident``:
    months as a resident taxpayer per row (None: all year), whose netto is annualised and
    whose tax is that of those months."""
    zero = ctx.const(0, unit="rupiah")
    cost = N.minimum(gross * a.job_expense_rate, cap)
    netto = gross - cost - pension
    if resident is not None:
        netto = netto * 12 / resident
    pkp = N.round_to_unit(netto - ptkp, RoundingMode.DOWN, 1000)
    pkp = N.maximum(pkp, zero)
    tax = zero
    low = 0
    for b in a.brackets:
        part = N.maximum(pkp - ctx.const(low, unit="rupiah"), zero)
        if b.up_to is not None:
            part = N.minimum(part, ctx.const(b.up_to - low, unit="rupiah"))
            low = b.up_to
        tax = tax + part * b.rate
    if resident is not None:
        tax = tax * resident / 12
    return N.round_to_unit(tax, rounding, 1), pkp


def year_working(
    a: Pph21AnnualParams,
    rounding: RoundingMode,
    *,
    gross: Fraction,
    pension: tuple[Fraction, Fraction],
    months: int,
    ptkp: Fraction,
    status: str,
    resident: int = 12,
) -> tuple[list[tuple[str, str]], int]:
    """One employee's year after the gross, stage by stage ((English, Indonesian) per stage:
    biaya jabatan, contributions, netto, PTKP, PKP, the tax per bracket) and the tax: the
    same arithmetic as :func:`_year_tax`, on one row's exact values (``pension``: those
    before this period and this period's)."""
    cap = Fraction(a.job_expense_cap) * months / 12
    share = gross * a.job_expense_rate
    cost = min(share, cap)
    paid = sum(pension, Fraction(0))
    netto = gross - cost - paid
    year = netto * 12 / resident
    pkp = max(round_to(year - ptkp, RoundingMode.DOWN, 1000), 0)
    rate = percent_text(a.job_expense_rate)
    capped = _rp(cap) + ("" if months == 12 else f" = {_rp(cap / months)} × {months}")
    cost_text = f"min({rate} × {_rp(gross)} = {_rp(share)}, {capped}) = {_rp(cost)}"
    paid_text = f"{_rp(pension[0])} + {_rp(pension[1])} = {_rp(paid)}"
    netto_text = f"{_rp(gross)} − {_rp(cost)} − {_rp(paid)} = {_rp(netto)}"
    pkp_text = f"{_rp(year)} − {_rp(ptkp)} = {_rp(year - ptkp)} → {_rp(pkp)}"
    parts, exact, low = [], Fraction(0), 0
    for b in a.brackets:
        part = max(pkp - low, 0) if b.up_to is None else max(min(pkp, b.up_to) - low, 0)
        if part:
            parts.append(f"{percent_text(b.rate)} × {_rp(part)} = {_rp(part * b.rate)}")
            exact += part * b.rate
        low = b.up_to or low
    shown = " + ".join(parts) or "Rp0"
    if len(parts) > 1:
        shown += f" = {_rp(exact)}"
    if resident != 12:
        shown += f"; × {resident}/12 = {_rp(exact * resident / 12)}"
        exact = exact * resident / 12
    tax = round_to(exact, rounding, 1)
    if tax != exact:
        shown += f" → {_rp(tax)} ({rounding.value})"
    stages = [
        (f"biaya jabatan = {cost_text}", f"biaya jabatan = {cost_text}"),
        (f"contributions = {paid_text}", f"iuran pensiun/THT/JHT = {paid_text}"),
        (f"netto = {netto_text}", f"netto = {netto_text}"),
        *(
            []
            if resident == 12
            else [
                (
                    f"netto annualised = {_rp(netto)} × 12/{resident} = {_rp(year)} (resident "
                    f"{resident} months of the year)",
                    f"netto disetahunkan = {_rp(netto)} × 12/{resident} = {_rp(year)} "
                    f"(subjek pajak dalam negeri {resident} bulan)",
                )
            ]
        ),
        (f"PTKP {status} = {_rp(ptkp)}", f"PTKP {status} = {_rp(ptkp)}"),
        (
            f"PKP = {pkp_text} (down to whole thousands, not below 0)",
            f"PKP = {pkp_text} (dibulatkan ke bawah dalam ribuan, tidak di bawah 0)",
        ),
        (f"tax of the year = {shown}", f"PPh setahun = {shown}"),
    ]
    return stages, tax


def _at(x: Any, row: int) -> Fraction:
    """Row ``row`` of a fast-pass column as an exact value (NaN: a rejected row, 0)."""
    if isinstance(x, XNum):
        return Fraction(x.v[row] or 0)
    v = x.exact_at(row)
    if v is not None:
        return v
    return Fraction(0) if np.isnan(x.v[row]) else Fraction(float(x.v[row])) / 10**x.s


@dataclass(frozen=True)
class _YearWorking:
    """The year of one employee written out when an explanation asks for the row: bruto,
    biaya jabatan, contributions, netto, PTKP, PKP, the tax per bracket, what was withheld
    and this period's amount (``allowance_part``: the year without the allowance too)."""

    a: Pph21AnnualParams
    rounding: RoundingMode
    before: Any
    now: Any
    allowance: Any
    allowance_before: Any
    pension_before: Any
    pension_now: Any
    months: Any
    resident: Any
    ptkp: Any
    labels: _Labels
    withheld: Any

    def __getitem__(self, row: int) -> Said:
        before, now = _at(self.before, row), _at(self.now, row)
        gross = before + now
        kw = {
            "pension": (_at(self.pension_before, row), _at(self.pension_now, row)),
            "months": 12 if self.months is None else int(_at(self.months, row)),
            "resident": 12 if self.resident is None else int(_at(self.resident, row)),
            "ptkp": _at(self.ptkp, row),
            "status": self.labels[row],
        }
        stages, tax = year_working(self.a, self.rounding, gross=gross, **kw)  # type: ignore[arg-type]
        first = f"bruto setahun = {_rp(before)} + {_rp(now)} = {_rp(gross)}"
        en, id_ = [first, *(s[0] for s in stages)], [first, *(s[1] for s in stages)]
        if self.allowance_before is not None:
            lacking = _at(self.allowance_before, row) + _at(self.allowance, row)
            rest = gross - lacking
            stages, without = year_working(self.a, self.rounding, gross=rest, **kw)  # type: ignore[arg-type]
            en.append(
                f"without the allowance: bruto {_rp(gross)} − {_rp(lacking)} = {_rp(rest)}; "
                + "; ".join(s[0] for s in stages)
            )
            id_.append(
                f"tanpa tunjangan: bruto {_rp(gross)} − {_rp(lacking)} = {_rp(rest)}; "
                + "; ".join(s[1] for s in stages)
            )
            part = f"{_rp(tax)} − {_rp(without)} = {_rp(tax - without)}"
            en.append(f"the allowance's tax = {part}")
            id_.append(f"PPh atas tunjangan = {part}")
            tax -= without
        withheld = _at(self.withheld, row)
        due = tax - withheld
        step = f"{_rp(tax)} − {_rp(withheld)} = {_rp(due)}"
        en.append(f"withheld before = {_rp(withheld)}; this period = {step}")
        id_.append(f"telah dipotong = {_rp(withheld)}; masa ini = {step}")
        if due < 0 and self.a.overpaid == "refund":
            en.append(f"overpaid: {_rp(-due)} refunded with this payment (PMK 168/2023 art. 21(1))")
            id_.append(
                f"lebih dipotong: {_rp(-due)} dikembalikan bersama pembayaran ini (PMK 168/2023 "
                "pasal 21 ayat (1))"
            )
        elif due < 0:
            en.append(f"overpaid: {_rp(-due)}, to be refunded outside this payroll; withheld Rp0")
            id_.append(
                f"lebih dipotong: {_rp(-due)}, dikembalikan di luar daftar ini; dipotong Rp0"
            )
        return Said("; ".join(en), "; ".join(id_))


def last_rows(ctx: StepContext, name: str) -> np.ndarray:
    """Which rows ``last_period`` marks: a true flag, or a number other than 0 (a blank is
    not marked)."""
    value = ctx.col(name)
    if isinstance(value, np.ndarray) and value.dtype == bool:
        return value
    if isinstance(value, FNum | XNum):
        return ~value.eq(0) & ~value.isnan()
    raise ctx.error("column_not_numeric", column=name)


@dataclass(frozen=True)
class EitherWorking:
    """The working of a month where some employees leave: the annual calculation's for
    them (said to be their last tax period), TER's (or none) for the others."""

    last: np.ndarray
    year: Any
    ter: Any

    def __getitem__(self, row: int) -> Said | None:
        if not self.last[row]:
            return None if self.ter is None else self.ter[row]
        said = self.year[row]
        return Said(
            f"last tax period of the year (leaving): {said.en}",
            f"masa pajak terakhir (berhenti): {said.id}",
        )
