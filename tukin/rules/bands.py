"""Band mapping: a value falls in a band, the band gives a number, a line or a label.

Regulations convert scores with tables of intervals: PermenPANRB 8/2021 turns a capaian into a
score with a straight line per band (``80–99 % → 70 + (89 − 70)/(99 − 80) × (c − 80)``), the
regional performance bands name a score (91–100 *Sangat Baik*), SAKIP grades an organisation
(> 90 *AA*). One rule type expresses all of them as data.

Each band has ``min`` and/or ``max`` (a missing end is unbounded). **Ends:** by default a band
includes its ``min`` and excludes its ``max`` (``closed: left``, the interval ``[min, max)``);
``closed: right`` makes every band ``(min, max]``; ``min_inclusive`` / ``max_inclusive`` on a
band override that band's end. Bands may not overlap (checked when the rule file is loaded).
A band gives ``value`` (a constant), ``label`` (text), or ``out_min``/``out_max``: a straight
line through ``(span[0], out_min)`` and ``(span[1], out_max)``, where ``span`` defaults to
``[min, max]`` (give it when the regulation's formula anchors elsewhere, as in
``c / 59 × 49`` for the band ``[0 %, 60 %)``). All bands give numbers or all give labels.

A value below the first band, above the last, or in a gap between two bands follows
``below``, ``above`` and ``gap``: ``reject`` (the employee is excluded with a reason; the
default for ``below``/``above``), ``error`` (the run stops; the default for ``gap``, since a
hole in a table is usually a mistake) or ``{value: ...}`` / ``{label: ...}``. A missing input
gives a missing output. Every comparison goes through the number backend, so a value sitting
exactly on a band edge is decided exactly.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from fractions import Fraction
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from tukin.calc import num as N
from tukin.calc.context import StepContext
from tukin.calc.num import FNum, Num, XNum
from tukin.errors import Worded
from tukin.rules.achievement import blank, fail, reject
from tukin.rules.registry import PerEmployee, rule
from tukin.ruleset.types import ColumnName, Exact, fmt_exact, refusal


class _P(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Band(_P):
    """One interval and what it gives."""

    min: Exact | None = Field(None, description="Lower end; empty = no lower end.")
    max: Exact | None = Field(None, description="Upper end; empty = no upper end.")
    min_inclusive: bool | None = Field(None, description="Override: does the band include min?")
    max_inclusive: bool | None = Field(None, description="Override: does the band include max?")
    value: Exact | None = Field(None, description="Constant result.")
    label: str | None = Field(None, description="Text result.")
    out_min: Exact | None = Field(None, description="Line: result at span[0].")
    out_max: Exact | None = Field(None, description="Line: result at span[1].")
    span: tuple[Exact, Exact] | None = Field(
        None,
        description="Line: the inputs where out_min and out_max are reached; default [min, max].",
    )
    name: str | None = Field(
        None,
        description="A number band's name shown in explanations beside its result (the "
        "SAKIP grade 'AA' of a factor); the result is still the number.",
    )

    @model_validator(mode="after")
    def _one_result(self) -> Band:
        kinds = [
            self.value is not None,
            self.label is not None,
            self.out_min is not None or self.out_max is not None,
        ]
        if sum(kinds) != 1:
            raise refusal(
                "a band gives exactly one of: value, label, or out_min/out_max",
                "sebuah rentang memberi tepat satu dari: value, label, atau out_min/out_max",
            )
        if self.name is not None and kinds[1]:
            raise refusal(
                "a label band is named by its label: give name only to a number band",
                "rentang berlabel dinamai oleh labelnya: beri name hanya pada rentang angka",
            )
        if kinds[2]:
            if self.out_min is None or self.out_max is None:
                raise refusal(
                    "a line needs both out_min and out_max",
                    "garis memerlukan out_min dan out_max",
                )
            x0, x1 = self.span or (self.min, self.max)
            if x0 is None or x1 is None:
                raise refusal(
                    "a line on an unbounded band needs span: [x0, x1]",
                    "garis pada rentang tanpa batas memerlukan span: [x0, x1]",
                )
            if x0 == x1:
                raise refusal(
                    "a line's span needs two different inputs",
                    "span sebuah garis memerlukan dua masukan yang berbeda",
                )
        elif self.span is not None:
            raise refusal(
                "span only goes with out_min/out_max",
                "span hanya dipakai bersama out_min/out_max",
            )
        return self

    def ends(self, closed: str) -> tuple[bool, bool]:
        lo = self.min_inclusive if self.min_inclusive is not None else closed == "left"
        hi = self.max_inclusive if self.max_inclusive is not None else closed == "right"
        return lo, hi

    def show(self, closed: str) -> str:
        lo, hi = self.ends(closed)
        a = "−∞" if self.min is None else fmt_exact(self.min)
        b = "∞" if self.max is None else fmt_exact(self.max)
        return f"{'[' if lo and self.min is not None else '('}{a}, {b}{']' if hi and self.max is not None else ')'}"


class Outside(_P):
    """What a value outside every band gives."""

    value: Exact | None = Field(None, description="Result for such a value (numeric bands).")
    label: str | None = Field(None, description="Result for such a value (label bands).")

    @model_validator(mode="after")
    def _one(self) -> Outside:
        if (self.value is None) == (self.label is None):
            en, id_ = "give either value or label", "beri value atau label, salah satu saja"
            raise PydanticCustomError(
                "outside_value", "{message}", {"message": en, "message_id": id_}
            )
        return self


Policy = Literal["reject", "error"] | Outside


class BandsParams(_P):
    input: ColumnName = Field(description="Column to classify.")
    bands: list[Band] = Field(min_length=1, description="The intervals, in any order; no overlaps.")
    closed: Literal["left", "right"] = Field(
        "left", description="left: bands are [min, max) (default); right: (min, max]."
    )
    below: Policy = Field(
        "reject", description="Below the first band: reject, error or {value|label}."
    )
    above: Policy = Field(
        "reject", description="Above the last band: reject, error or {value|label}."
    )
    gap: Policy = Field("error", description="Between two bands: reject, error or {value|label}.")
    unit: Literal["rupiah"] | None = Field(None, description="rupiah when the results are amounts.")

    @model_validator(mode="after")
    def _check(self) -> BandsParams:
        text = [b.label is not None for b in self.bands]
        if any(text) and not all(text):
            raise refusal(
                "either every band gives a label or none does",
                "semua rentang memberi label, atau tidak satu pun",
            )
        for name in ("below", "above", "gap"):
            pol = getattr(self, name)
            if isinstance(pol, Outside) and (pol.label is not None) != all(text):
                raise refusal(
                    f"{name}: give a {'label' if all(text) else 'value'} like the bands",
                    f"{name}: beri {'label' if all(text) else 'value'} seperti rentangnya",
                )
        for b in self.bands:
            lo, hi = b.ends(self.closed)
            if (
                b.min is not None
                and b.max is not None
                and (b.min > b.max or (b.min == b.max and not (lo and hi)))
            ):
                shown = b.show(self.closed)
                raise refusal(f"band {shown} is empty", f"rentang {shown} kosong")
        ordered = self.ordered()
        for a, b in itertools.pairwise(ordered):
            a_hi, b_lo = a.ends(self.closed)[1], b.ends(self.closed)[0]
            if (
                a.max is None
                or b.min is None
                or a.max > b.min
                or (a.max == b.min and a_hi and b_lo)
            ):
                one, two = a.show(self.closed), b.show(self.closed)
                raise refusal(
                    f"bands {one} and {two} overlap", f"rentang {one} dan {two} bertumpang tindih"
                )
        return self

    def ordered(self) -> list[Band]:
        def key(b: Band) -> tuple[int, Fraction, int]:
            if b.min is None:
                return (0, Fraction(0), 0)
            return (1, b.min, 0 if b.ends(self.closed)[0] else 1)

        return sorted(self.bands, key=key)


#: the error of an input outside every band whose policy is ``error``: its MESSAGES entry
_FAIL = {"below": "below_first_band", "above": "above_last_band", "gap": "between_bands"}


def _inside(ctx: StepContext, x: Num, b: Band, closed: str) -> np.ndarray:
    lo, hi = b.ends(closed)
    mask = ~x.isnan()
    if b.min is not None:
        bound = ctx.const(b.min, unit=x.unit)
        mask &= (x >= bound) if lo else (x > bound)
    if b.max is not None:
        bound = ctx.const(b.max, unit=x.unit)
        mask &= (x <= bound) if hi else (x < bound)
    return mask


def _relabel(x: Num, unit: str | None) -> Num:
    if isinstance(x, XNum):
        return XNum(x.v, unit)
    return FNum(x.v, x.e, x.s, unit, x.tr)


def _line(ctx: StepContext, x: Num, b: Band, unit: str | None) -> Num:
    assert b.out_min is not None and b.out_max is not None
    x0, x1 = b.span or (b.min, b.max)
    assert x0 is not None and x1 is not None
    slope = (b.out_max - b.out_min) / (x1 - x0)
    # multiply by the numerator and divide by the denominator: exact whenever the result is
    step = _relabel(x - ctx.const(x0, unit=x.unit), None) * slope.numerator / slope.denominator
    return ctx.const(b.out_min, unit=unit) + _relabel(step, unit)


def classify(
    ctx: StepContext, x: Num, p: BandsParams
) -> tuple[list[np.ndarray], dict[str, np.ndarray]]:
    """Masks of the rows in each band (in ``p.bands`` order) and of the rows outside them."""
    ins = [_inside(ctx, x, b, p.closed) for b in p.bands]
    hit = np.zeros(len(x), dtype=bool)
    for m in ins:
        hit |= m
    first, last = p.ordered()[0], p.ordered()[-1]
    below = np.zeros(len(x), dtype=bool)
    if first.min is not None:
        lo = ctx.const(first.min, unit=x.unit)
        below = (x < lo) if first.ends(p.closed)[0] else (x <= lo)
    above = np.zeros(len(x), dtype=bool)
    if last.max is not None:
        hi = ctx.const(last.max, unit=x.unit)
        above = (x > hi) if last.ends(p.closed)[1] else (x >= hi)
    gap = ~hit & ~below & ~above & ~x.isnan()
    return ins, {"below": below & ~hit, "above": above & ~hit, "gap": gap}


def _classifies_an_amount(params: Mapping[str, Any], ruleset: Any) -> bool:
    """Bands over a column the rule file says is an amount in rupiah
    (:func:`tukin.ruleset.units.says_rupiah`): a bracket of the month's amount, which per
    position would classify each part (two parts of Rp3,000,000 each in the bracket of a
    Rp6,000,000 month's)."""
    from tukin.ruleset.units import pro_rated, says_rupiah

    column = params.get("input")
    return says_rupiah(ruleset, column) and pro_rated(ruleset, column)


@rule(
    "bands",
    params=BandsParams,
    per_employee=PerEmployee(
        "classifies an amount in rupiah into bands",
        "menggolongkan jumlah dalam rupiah ke dalam rentang",
        when=_classifies_an_amount,
    ),
)
def bands(ctx: StepContext, p: BandsParams) -> Num | np.ndarray:
    """Map a value through a table of intervals to a constant, a straight line or a label
    (PermenPANRB 8/2021 capaian→score, performance bands, SAKIP grades).

    Ends: a band is ``[min, max)`` unless ``closed: right`` makes it ``(min, max]``; a band's
    ``min_inclusive``/``max_inclusive`` override one end; an empty end is unbounded; bands may
    not overlap. A line runs through ``(span[0], out_min)`` and ``(span[1], out_max)``, span
    defaulting to ``[min, max]``. Outside every band: ``below``/``above`` reject by default,
    ``gap`` stops the run by default. A missing input gives a missing output."""
    x = ctx.num(p.input)
    ins, outside = classify(ctx, x, p)
    text = p.bands[0].label is not None
    labels = np.full(ctx.n, None, dtype=object)
    out: Num = blank(ctx.const(0, unit=p.unit), np.ones(ctx.n, dtype=bool))
    names = np.full(ctx.n, None, dtype=object)
    for b, m in zip(p.bands, ins, strict=True):
        names[m] = b.name
        if text:
            labels[m] = b.label
        elif b.value is not None:
            out = N.where(m, ctx.const(b.value, unit=p.unit), out)
        else:
            out = N.where(m, _line(ctx, x, b, p.unit), out)
    if any(b.name is not None for b in p.bands):
        ctx.note("band", names)
    first, last = p.ordered()[0], p.ordered()[-1]
    band = {"below": first.show(p.closed), "above": last.show(p.closed), "gap": None}
    where = {
        "below": (
            f"below the first band {band['below']}",
            f"di bawah rentang pertama {band['below']}",
        ),
        "above": (
            f"above the last band {band['above']}",
            f"di atas rentang terakhir {band['above']}",
        ),
        "gap": ("between two bands", "di antara dua rentang"),
    }
    for name, mask in outside.items():
        pol = getattr(p, name)
        if isinstance(pol, Outside):
            if text:
                labels[mask] = pol.label
            else:
                assert pol.value is not None
                out = N.where(mask, ctx.const(pol.value, unit=p.unit), out)
        elif pol == "reject":
            en, id_ = where[name]
            said = Worded(f"{p.input} is {en}", f"{p.input} {id_}", column=p.input, where=name)
            reject(ctx, mask, "out_of_bands", said)
        else:
            fail(ctx, mask, _FAIL[name], column=p.input, band=band[name])
    return labels if text else out
