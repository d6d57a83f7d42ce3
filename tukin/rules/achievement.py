"""Achievement of indicators (capaian, PermenPANRB 8/2021) and combining several scores.

``achievement`` turns a realisation and a target into a capaian ratio. Higher-is-better
indicators give ``r / t``; lower-is-better ones ``1 + (1 − r / t)``. A range target
``[lo, hi]`` scores 100 % inside the range; outside it the *polarity* still decides the
formula and the *range* decides the reference bound: below the range ``lo`` is used, above it
``hi``. So with a target of 7–8 months a result of 6.5 gives 6.5 / 7 = 92.9 % when more is
better and 1 + (1 − 6.5 / 7) = 107.1 % for a duration; 9 months gives 1 + (1 − 9 / 8) = 87.5 %.

The arithmetic lives in :func:`achievement_of`, over number columns, so the hierarchy roll-up
can score indicator rows with exactly the same law as this rule type scores employees.

``aggregate`` combines several columns (mean, weighted mean, min, max, geometric mean). A
geometric mean is irrational in general, so it is rounded half-even to a declared number of
decimals: the exact backend certifies the rounding with rational comparisons (``g**D`` against
the rounding boundary, no approximation decides), the fast backend computes in float and sends
the rows lying near a boundary to the exact path.

The module also holds three helpers other rule types use: :func:`blank` (missing values in a
number column), :func:`settled` (the rows whose outcome the fast backend is sure of) and
:func:`fail` (stop with an error naming the step and the first employee concerned).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal, localcontext
from fractions import Fraction
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator
from pydantic_core import PydanticCustomError

from tukin.calc import num as N
from tukin.calc.context import StepContext
from tukin.calc.num import LIMIT, FNum, Num, XNum
from tukin.errors import Reason, Worded
from tukin.rules.registry import rule
from tukin.ruleset.types import ColumnName, Exact, fmt_exact, refusal

POLARITY = {"higher": False, "lower": True}  # value: lower is better


class _P(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# -- helpers shared by the built-in rule types -----------------------------------------------


def blank(x: Num, mask: np.ndarray) -> Num:
    """``x`` with the rows of ``mask`` made missing (NaN on the fast backend, None on the exact)."""
    mask = np.asarray(mask, dtype=bool)
    if not mask.any():
        return x
    if isinstance(x, XNum):
        v = x.v.copy()
        v[mask] = None
        return XNum(v, x.unit)
    e = None if x.e is None else np.where(mask, 0.0, x.e)
    return FNum(np.where(mask, np.nan, x.v), e, x.s, x.unit, x.tr)


def settled(ctx: StepContext, mask: np.ndarray) -> np.ndarray:
    """The rows of ``mask`` whose outcome is certain on this backend.

    On the fast backend a row flagged by a comparison in this step is recomputed exactly, so
    rejecting it (or failing on it) now could be wrong: the exact pass decides it instead.
    """
    mask = np.asarray(mask, dtype=bool)
    return mask if ctx.exact else mask & ~ctx.tracker.flag


def reject(ctx: StepContext, mask: np.ndarray, code: str, detail: Reason) -> None:
    """Reject the settled rows of ``mask`` (see :func:`settled`)."""
    ctx.reject(settled(ctx, mask), code, detail)


def fail(ctx: StepContext, mask: np.ndarray, detail_code: str, **fields: Any) -> None:
    """Raise a CalculationError if a settled row of ``mask`` exists: its detail the MESSAGES
    entry ``detail_code`` with ``fields``, the number of such rows (``count``) and the first
    one's NIP (``nip``)."""
    rows = np.flatnonzero(settled(ctx, mask))
    if not len(rows):
        return
    nip = "—"
    if "nip" in ctx.frame.columns:
        nip = str(ctx.frame["nip"].to_numpy()[ctx.rows[rows[0]]])
    raise ctx.error(detail_code, count=len(rows), nip=nip, **fields)


def polarity_of(codes: np.ndarray, uniq: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(lower_is_better, unknown)`` masks of a higher / lower column read as categories."""
    low = np.array([POLARITY.get(u, False) for u in uniq] + [False], dtype=bool)[codes]
    unknown = np.array([u not in POLARITY for u in uniq] + [True], dtype=bool)[codes]
    return low, unknown


# -- achievement ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Achievement:
    """Capaian per row, and why it could not be computed where it is missing."""

    value: Num  # missing where any mask below is set
    missing: np.ndarray  # no realisation reported
    no_target: np.ndarray  # no target
    zero_target: np.ndarray  # the reference bound is zero
    bad_range: np.ndarray  # target_max below target


def achievement_of(
    real: Num,
    target: Num,
    target_max: Num | None = None,
    lower: np.ndarray | None = None,
    *,
    cap: Fraction | None = None,
    floor: Fraction | None = None,
) -> Achievement:
    """Capaian of ``real`` against ``target`` (or the range ``[target, target_max]``).

    ``lower`` marks lower-is-better rows (default: none). A missing ``target_max`` on a row
    means a single target. ``cap``/``floor`` bound the result. Rows that cannot be scored are
    missing in ``value`` and marked in the masks; the caller decides what they mean.
    """
    lo = target
    hi = target if target_max is None else N.where(target_max.isnan(), target, target_max)
    missing, no_target = real.isnan(), lo.isnan()
    bad_range = hi < lo
    below, above = real < lo, real > hi
    inside = ~below & ~above
    q = N.where(inside, 1, real / N.where(below, lo, hi))
    ref_zero = N.where(below, lo, hi).eq(0)
    zero_target = ((~inside & ref_zero) | hi.eq(0)) & ~missing & ~no_target
    if lower is not None:
        q = N.where(np.asarray(lower, dtype=bool), 2 - q, q)
    if floor is not None or cap is not None:
        q = N.clip(q, floor, cap)
    bad = missing | no_target | zero_target | bad_range
    return Achievement(blank(q, bad), missing, no_target & ~missing, zero_target, bad_range)


class AchievementParams(_P):
    realisation: ColumnName = Field(description="Column with the realised value.")
    target: ColumnName = Field(description="Column with the target (lower bound of a range).")
    target_max: ColumnName | None = Field(
        None,
        description="Column with the upper bound of a range target; empty cells: single target.",
    )
    polarity: str = Field(
        "higher",
        description="higher (more is better), lower (less is better) or a column holding higher/lower per row.",
    )
    cap: Exact | None = Field(None, description="Highest capaian counted, e.g. '120%'.")
    floor: Exact | None = Field(
        None, description="Lowest capaian counted, e.g. 0 for lower-is-better."
    )
    missing: Literal["zero", "exclude", "error"] = Field(
        "exclude",
        description="No realisation: zero = capaian 0 (not capped/floored), exclude = reject the "
        "employee with a reason, error = stop the run.",
    )
    zero_target: Literal["reject", "error"] | Exact = Field(
        "reject",
        description="Target (reference bound) of zero: reject with reason 'target is zero', stop "
        "with an error, or use this capaian (e.g. '100%').",
    )

    @model_validator(mode="after")
    def _bounds(self) -> AchievementParams:
        if self.cap is not None and self.floor is not None and self.floor > self.cap:
            lo, hi = fmt_exact(self.floor), fmt_exact(self.cap)
            raise refusal(f"floor {lo} is above cap {hi}", f"floor {lo} di atas cap {hi}")
        return self


@rule("achievement", params=AchievementParams)
def achievement(ctx: StepContext, p: AchievementParams) -> Num:
    """Capaian of an indicator, PermenPANRB 8/2021: r/t when more is better, 1 + (1 − r/t)
    when less is better; a range target scores 100 % inside and is measured against its
    nearer bound outside. A missing target always rejects the employee ('no target')."""
    real, target = ctx.num(p.realisation), ctx.num(p.target)
    tmax = ctx.num(p.target_max) if p.target_max else None
    if p.polarity in POLARITY:
        lower = np.full(ctx.n, POLARITY[p.polarity], dtype=bool)
    else:
        lower, unknown = polarity_of(*ctx.categories(p.polarity))
        reject(
            ctx,
            unknown,
            "unknown_polarity",
            Worded(
                f"{p.polarity} is neither 'higher' nor 'lower'",
                f"{p.polarity} bukan 'higher' atau 'lower'",
                column=p.polarity,
            ),
        )
    a = achievement_of(real, target, tmax, lower, cap=p.cap, floor=p.floor)
    reject(
        ctx,
        a.no_target,
        "no_target",
        Worded(f"no target in {p.target}", f"tidak ada target pada {p.target}", column=p.target),
    )
    reject(
        ctx,
        a.bad_range,
        "bad_range",
        Worded(
            f"{p.target_max} is below {p.target}",
            f"{p.target_max} di bawah {p.target}",
            column=p.target_max,
            target=p.target,
        ),
    )
    out = a.value
    if p.missing == "zero":
        out = N.where(a.missing, 0, out)
    elif p.missing == "exclude":
        reject(
            ctx,
            a.missing,
            "no_realisation",
            Worded(
                f"no realisation in {p.realisation}",
                f"tidak ada realisasi pada {p.realisation}",
                column=p.realisation,
            ),
        )
    else:
        fail(ctx, a.missing, "no_realisation_for", column=p.realisation)
    if p.zero_target == "reject":
        said = Worded("target is zero", "target bernilai nol", column=p.target)
        reject(ctx, a.zero_target, "zero_target", said)
    elif p.zero_target == "error":
        fail(ctx, a.zero_target, "target_zero_in", column=p.target)
    else:
        out = N.where(a.zero_target, p.zero_target, out)
    return out


# -- aggregate --------------------------------------------------------------------------------

MAX_GEO_POWER = 1000  # sum of the integer weights of a geometric mean (certification cost)
DECIMAL_DIGITS = 50


class AggregateParams(_P):
    inputs: list[ColumnName] = Field(min_length=1, description="Columns to combine (same unit).")
    method: Literal["mean", "weighted_mean", "min", "max", "geometric_mean"] = Field(
        description="How to combine them."
    )
    weights: list[Exact] | None = Field(
        None, description="One weight per input (weighted_mean, optionally geometric_mean)."
    )
    precision: int = Field(
        10, ge=0, le=12, description="geometric_mean only: decimals kept, rounded half-even."
    )
    weights_sum: Exact | None = Field(
        None,
        description="What the weights must add up to, as the regulation declares them "
        "(e.g. 1 or '100%'); the rule file is refused at load when they do not.",
    )

    @field_validator("weights_sum")
    @classmethod
    def _declared_sum(cls, declared: Fraction | None, info: ValidationInfo) -> Fraction | None:
        weights = info.data.get("weights")
        if declared is None or weights is None or sum(weights) == declared:
            return declared
        total, want = fmt_exact(sum(weights)), fmt_exact(declared)
        raise PydanticCustomError(
            "weights_sum",
            "the weights add up to {total}, not the declared {declared}",
            {
                "total": total,
                "declared": want,
                "message_id": f"jumlah bobot {total}, bukan {want} seperti yang ditetapkan",
            },
        )

    @model_validator(mode="after")
    def _check(self) -> AggregateParams:
        w = self.weights
        if self.method == "weighted_mean" and w is None:
            raise refusal("weighted_mean needs weights", "weighted_mean memerlukan weights")
        if w is not None:
            if self.method not in ("weighted_mean", "geometric_mean"):
                raise refusal(
                    f"{self.method} takes no weights (use weighted_mean)",
                    f"{self.method} tidak memakai weights (gunakan weighted_mean)",
                )
            if len(w) != len(self.inputs):
                raise refusal(
                    f"{len(w)} weights for {len(self.inputs)} inputs",
                    f"{len(w)} bobot untuk {len(self.inputs)} masukan",
                )
            if any(x < 0 for x in w) or sum(w) <= 0:
                raise refusal(
                    "weights must be non-negative with a positive sum",
                    "bobot tidak boleh negatif dan jumlahnya harus positif",
                )
            if self.method == "geometric_mean" and sum(integer_weights(w)) > MAX_GEO_POWER:
                shown = ", ".join(fmt_exact(x) for x in w)
                raise refusal(
                    f"weights {shown} are too fine for an exact geometric mean (their integer "
                    f"ratio must sum to at most {MAX_GEO_POWER})",
                    f"bobot {shown} terlalu halus untuk rata-rata geometrik yang tepat "
                    f"(perbandingan bulatnya paling banyak berjumlah {MAX_GEO_POWER})",
                )
        return self


def integer_weights(weights: list[Fraction]) -> list[int]:
    """The smallest integers in the same ratio as ``weights``."""
    den = math.lcm(*(w.denominator for w in weights))
    ints = [int(w * den) for w in weights]
    g = math.gcd(*ints)
    return [i // g for i in ints] if g else ints


@rule("aggregate", params=AggregateParams)
def aggregate(ctx: StepContext, p: AggregateParams) -> Num:
    """Combine several scores into one: mean, weighted mean, min, max or geometric mean.

    A geometric mean is irrational in general, so it is rounded half-even to ``precision``
    decimals. The exact backend decides that rounding by comparing ``g**D`` with the rounding
    boundaries as fractions (Decimal at 50 digits only gives the first guess); the fast
    backend computes in float and sends the rows within a safe error margin of a boundary to
    the exact path. Weights are exponents; a negative input rejects the employee."""
    cols = [ctx.num(c) for c in p.inputs]
    if p.method in ("min", "max"):
        f = N.minimum if p.method == "min" else N.maximum
        out = cols[0]
        for c in cols[1:]:
            out = f(out, c)
        return out
    if p.method == "mean":
        total = cols[0]
        for c in cols[1:]:
            total = total + c
        return total / len(cols)
    weights = list(p.weights) if p.weights else [Fraction(1)] * len(cols)
    if p.method == "weighted_mean":
        total = cols[0] * weights[0]
        for c, w in zip(cols[1:], weights[1:], strict=True):
            total = total + c * w
        return total / sum(weights)
    keep = [(c, w) for c, w in zip(cols, integer_weights(weights), strict=True) if w]
    negative = np.zeros(ctx.n, dtype=bool)
    for c, _ in keep:
        negative |= c < ctx.const(0, unit=c.unit)
    reject(
        ctx,
        negative,
        "negative_input",
        Worded(
            "a geometric mean needs values of zero or more",
            "rata-rata geometrik memerlukan nilai nol atau lebih",
            columns=list(p.inputs),
        ),
    )
    ints = [w for _, w in keep]
    exact = [c for c, _ in keep if isinstance(c, XNum)]
    if exact:
        return _geo_exact(exact, ints, p.precision, negative)
    fast = [c for c, _ in keep if isinstance(c, FNum)]
    return _geo_fast(ctx, fast, ints, p.precision, negative)


def _geo_fast(
    ctx: StepContext, cols: list[FNum], ints: list[int], places: int, negative: np.ndarray
) -> FNum:
    """Float geometric mean, quantised; rows near a rounding boundary go to the exact path."""
    d = sum(ints)
    logs = np.zeros(ctx.n)
    spread = np.zeros(ctx.n)  # sum of |w log x|: how much the float log sum can be off
    rel_in = np.zeros(ctx.n)  # relative error carried in by inexact inputs
    zero = np.zeros(ctx.n, dtype=bool)  # an input is exactly zero: the mean is 0
    nan = np.zeros(ctx.n, dtype=bool)  # an input is missing: so is the mean
    unsure = np.zeros(ctx.n, dtype=bool)  # an inexact input near zero
    for c, w in zip(cols, ints, strict=True):
        x = c.to_float()
        zero |= (x == 0) & c.exact_mask
        nan |= c.isnan()
        with np.errstate(divide="ignore", invalid="ignore"):
            lg = np.log(np.where(x > 0, x, 1.0))
            if c.e is not None:
                r = c.e / np.abs(c.v)
                unsure |= (c.e > 0) & ~(r < 0.5)
                rel_in += (w / d) * np.where(c.e > 0, r, 0.0)
        logs += w * lg
        spread += np.abs(w * lg)
    g = np.exp(logs / d)
    y = g * 10.0**places
    k = np.rint(y)  # half-even; ties and near-ties are flagged below
    rel = 2.0**-52 * (64 + 16 * len(cols) + 16 * spread / d) + 4 * rel_in
    margin = np.abs(y) * rel + 1e-300
    near = np.abs(np.abs(y - np.floor(y)) - 0.5) <= margin
    big = np.abs(y) >= LIMIT / 2
    bad = ~zero & ~negative & ~nan & np.isfinite(y) & (near | big | unsure | ~np.isfinite(rel))
    ctx.tracker.add(bad)
    k = np.where(zero, 0.0, k)
    k = np.where(negative | nan, np.nan, k)
    e = np.where(bad, np.abs(k) + 1.0, 0.0)
    return FNum(k, e if bad.any() else None, places, cols[0].unit, ctx.tracker)


def _geo_exact(cols: list[XNum], ints: list[int], places: int, negative: np.ndarray) -> XNum:
    """Geometric mean rounded half-even to ``places`` decimals, decided by exact comparisons."""
    d = sum(ints)
    out = np.empty(len(cols[0]), dtype=object)
    for i in range(len(out)):
        xs = [c.v[i] for c in cols]
        if negative[i] or any(x is None for x in xs):
            out[i] = None
            continue
        power = Fraction(1)
        for x, w in zip(xs, ints, strict=True):
            power *= Fraction(x) ** w
        out[i] = Fraction(round_root(power, d, places), 10**places)
    return XNum(out, cols[0].unit)


def round_root(power: Fraction, d: int, places: int) -> int:
    """``round(power ** (1/d) * 10**places)`` half-even, exactly (``power >= 0``)."""
    if power == 0:
        return 0
    with localcontext() as dc:
        dc.prec = DECIMAL_DIGITS
        approx = (Decimal(power.numerator) / Decimal(power.denominator)).ln() / d
        k = int((approx.exp() * Decimal(10) ** places).to_integral_value())
    s2 = 2 * 10**places

    def boundary(j: int) -> Fraction:  # (j / s2) ** d: the d-th power of the boundary j/2 units
        return Fraction(j, s2) ** d

    while k > 0 and boundary(2 * k - 1) > power:
        k -= 1
    while boundary(2 * k + 1) < power:
        k += 1
    if k % 2 and boundary(2 * k + 1) == power:  # exact tie with k + 1/2: to the even side
        k += 1
    elif k % 2 and k > 0 and boundary(2 * k - 1) == power:
        k -= 1
    return k
