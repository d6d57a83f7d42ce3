"""Group operations (sum, min, weighted geometric mean) on both number backends.

Roll-ups aggregate indicator rows into work items, work items into positions and OPDs. When
the result feeds an allowance it must keep the engine's guarantee: the fast result (``FNum``)
carries a rigorous error bound, a row is *flagged* whenever a discontinuity could go either way
within that bound, and the exact result (``XNum``) is what a flagged row gets. These functions
keep that contract for grouped data; :class:`Backend` hands out trackers and remembers them, so
the caller can move flags raised on work items or positions to the employees who depend on them.
"""

from __future__ import annotations

from decimal import ROUND_FLOOR, ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from typing import Any

import numpy as np

from tukin.calc.num import LIMIT, SAFE, FNum, Num, Tracker, U, XNum, where
from tukin.errors import CalculationError

__all__ = ["Backend", "group_geomean", "group_min", "group_sum", "to_float"]


class Backend:
    """Builds columns of one backend. Every tracker it hands out remembers which OPD each of
    its rows belongs to (``None``: every OPD), so flags raised on indicators, work items or
    positions can be moved to the employees of those OPDs (:meth:`flagged_opds`)."""

    def __init__(self, exact: bool) -> None:
        self.exact = exact
        self.trackers: list[tuple[np.ndarray | None, Tracker]] = []

    def tracker(self, n: int, opds: np.ndarray | None) -> Tracker:
        tr = Tracker(n)
        self.trackers.append((opds, tr))
        return tr

    def floats(self, values: Any, opds: np.ndarray | None, unit: str | None = None) -> Num:
        """Decimal inputs that arrive as float64 (NaN must be replaced by the caller)."""
        arr = np.asarray(values, dtype=np.float64)
        if self.exact:
            return XNum.from_values(arr.tolist(), unit)
        return FNum.from_floats(arr, self.tracker(len(arr), opds), unit)

    def ints(self, values: Any, opds: np.ndarray | None, unit: str | None = None) -> Num:
        arr = np.asarray(values, dtype=np.int64)
        if self.exact:
            return XNum.from_values([int(x) for x in arr], unit)
        return FNum.from_ints(arr, self.tracker(len(arr), opds), unit)

    def const(self, q: Fraction | int, n: int, opds: np.ndarray | None) -> Num:
        if self.exact:
            return XNum.const(Fraction(q), n)
        return FNum.const(Fraction(q), n, self.tracker(n, opds))

    def flagged_opds(self) -> set[object] | None:
        """OPDs with a flagged row somewhere (``None``: flags that concern every OPD)."""
        out: set[object] = set()
        for opds, tr in self.trackers:
            if tr.flag.any():
                if opds is None:
                    return None
                out.update(opds[tr.flag].tolist())
        return out


def take(x: Num, idx: np.ndarray, tr: Tracker | None = None) -> Num:
    """Rows ``idx`` of ``x`` (-1 gives 0); ``tr`` is the tracker of the new length."""
    idx = np.asarray(idx, dtype=np.int64)
    safe = np.maximum(idx, 0)
    if isinstance(x, XNum):
        out = np.full(len(idx), Fraction(0), dtype=object)
        ok = idx >= 0
        out[ok] = x.v[idx[ok]]
        return XNum(out, x.unit)
    if len(x.v) == 0:
        return FNum(np.zeros(len(idx)), None, x.s, x.unit, tr or x.tr)
    v = np.where(idx >= 0, x.v[safe], 0.0)
    e = None if x.e is None else np.where(idx >= 0, x.e[safe], 0.0)
    return FNum(v, e, x.s, x.unit, tr or x.tr)


def to_float(x: Num) -> np.ndarray:
    return x.to_float()


def group_sum(x: Num, groups: np.ndarray, n: int, tr: Tracker | None) -> Num:
    """Sum of ``x`` per group (``groups[k]`` in 0..n-1); groups without members give 0.

    Fast: while every member is exact and the sum of magnitudes stays below 2**53 the float
    sum of integers is exact; otherwise the bound is the members' bounds plus the classic
    ``k·u·Σ|x|`` of a k-term float sum.
    """
    groups = np.asarray(groups, dtype=np.int64)
    if isinstance(x, XNum):
        # the exact pass sums a few thousand members into up to ~150k groups: only the groups
        # with members are touched (filling an object array from a list of 150k Fractions
        # costs more than the sums)
        members = x.v.tolist()
        acc: dict[int, Fraction] = {}
        if not all(type(val) is Fraction for val in members):
            for g, val in zip(groups.tolist(), members, strict=True):
                acc[g] = acc.get(g, _ZERO) + val
            return XNum(_filled(n, acc, _ZERO), x.unit)
        # members over one denominator (a target's, a weight total's) summed as integers
        # first: a Fraction sum reduces by a gcd at every step, an integer sum never
        over: dict[tuple[int, int], int] = {}
        for g, val in zip(groups.tolist(), members, strict=True):
            key = (g, val.denominator)
            over[key] = over.get(key, 0) + val.numerator
        for (g, d), num in over.items():
            q = Fraction(num, d)
            acc[g] = acc[g] + q if g in acc else q
        return XNum(_filled(n, acc, _ZERO), x.unit)
    assert isinstance(x, FNum) and tr is not None
    v = np.bincount(groups, weights=x.v, minlength=n)
    mag = np.bincount(groups, weights=np.abs(x.v), minlength=n)
    count = np.bincount(groups, minlength=n)
    if x.e is None:
        exact = mag < LIMIT
        e = np.where(exact, 0.0, mag * U * count * SAFE)
    else:
        ein = np.bincount(groups, weights=x.e, minlength=n)
        loose = np.bincount(groups, weights=(x.e != 0).astype(np.float64), minlength=n)
        exact = (loose == 0) & (mag < LIMIT)
        e = np.where(exact, 0.0, (ein * (1 + U * count) + mag * U * count) * SAFE)
    return FNum(v, e if e.any() else None, x.s, x.unit, tr)


def group_min(x: Num, groups: np.ndarray, n: int, tr: Tracker | None) -> Num:
    """Smallest member per group (0 for empty groups); continuous, so it never flags."""
    groups = np.asarray(groups, dtype=np.int64)
    if isinstance(x, XNum):
        least: dict[int, Fraction] = {}
        for g, val in zip(groups.tolist(), x.v.tolist(), strict=True):
            if g not in least or val < least[g]:
                least[g] = val
        return XNum(_filled(n, least, _ZERO), x.unit)
    assert isinstance(x, FNum) and tr is not None
    v = np.full(n, np.inf)
    np.minimum.at(v, groups, x.v)
    v[np.isinf(v)] = 0.0
    e = None
    if x.e is not None:
        e = np.zeros(n)
        np.maximum.at(e, groups, x.e)
    return FNum(v, e if e is not None and e.any() else None, x.s, x.unit, tr)


def group_geomean(
    x: Num, w: Num, groups: np.ndarray, n: int, tr: Tracker | None, precision: int
) -> Num:
    """Weighted geometric mean per group, rounded half-even to ``precision`` decimals.

    A geometric mean is rarely a rational number, so its value is *declared* at a precision,
    as in the ``aggregate`` rule type: ``round_half_even(Π x_i^(w_i/Σw), precision)``. When every member of a group is the same
    value the mean is that value, exactly (no rounding). A member of 0 gives 0. The fast path
    flags a group whose true mean could round either way within the members' error bounds.
    """
    groups = np.asarray(groups, dtype=np.int64)
    if isinstance(x, XNum):
        assert isinstance(w, XNum)
        return _geomean_exact(x, w, groups, n, precision)
    assert isinstance(x, FNum) and isinstance(w, FNum) and tr is not None
    xf, wf = x.to_float(), w.to_float()
    ex = np.zeros(len(xf)) if x.e is None else x.e / 10.0**x.s
    vmin = np.full(n, np.inf)
    vmax = np.full(n, -np.inf)
    emax = np.zeros(n)
    live = wf > 0
    np.minimum.at(vmin, groups, np.where(live, xf, np.inf))
    np.maximum.at(vmax, groups, np.where(live, xf, -np.inf))
    np.maximum.at(emax, groups, np.where(live, ex, 0.0))
    same = vmin == vmax
    tr.add((emax > 0) & (vmax - vmin <= 2 * emax) & np.isfinite(vmin))
    zero = np.bincount(groups, weights=((xf == 0) & (wf > 0)).astype(np.float64), minlength=n) > 0
    tr.add(
        np.bincount(groups, weights=((ex >= np.abs(xf)) & (ex > 0)).astype(np.float64), minlength=n)
        > 0
    )
    with np.errstate(divide="ignore", invalid="ignore"):
        logs = np.where(xf > 0, np.log(np.where(xf > 0, xf, 1.0)), 0.0)
        wsum = np.bincount(groups, weights=wf, minlength=n)
        mean_log = np.bincount(groups, weights=wf * logs, minlength=n) / wsum
        rel = np.bincount(groups, weights=np.where(xf > 0, ex / np.abs(xf), 0.0), minlength=n)
    g = np.where(zero, 0.0, np.exp(mean_log))
    scaled = g * 10.0**precision
    rounded = np.rint(scaled)
    dist = np.abs(scaled - np.floor(scaled) - 0.5)
    tr.add(~same & ~zero & np.isfinite(scaled) & (dist <= scaled * (rel + 1e-9) + 1e-9))
    r = FNum(np.where(np.isfinite(rounded), rounded, 0.0), None, precision, None, tr)
    first = np.full(n, -1, dtype=np.int64)
    idx = np.flatnonzero(live)
    first[groups[idx][::-1]] = idx[::-1]
    plain = take(x, first, tr)
    return where(same & np.isfinite(vmin), plain, r)


def _geomean_exact(x: XNum, w: XNum, groups: np.ndarray, n: int, precision: int) -> XNum:
    members: list[list[tuple[Fraction, Fraction]]] = [[] for _ in range(n)]
    for g, val, weight in zip(groups.tolist(), x.v.tolist(), w.v.tolist(), strict=True):
        members[g].append((val, weight))
    out = np.fromiter((_geomean_one(mem, precision) for mem in members), dtype=object, count=n)
    return XNum(out, x.unit)


_ZERO = Fraction(0)


def _filled(n: int, values: dict[int, Fraction], default: Fraction) -> np.ndarray:
    """An object array of ``n`` ``default``s with ``values`` at their positions."""
    out = np.full(n, default, dtype=object)
    for g, val in values.items():
        out[g] = val
    return out


def _geomean_one(mem: list[tuple[Fraction, Fraction]], places: int) -> Fraction:
    """One group's weighted geometric mean, rounded half-even to ``places`` decimals.

    With small integer weight ratios the rounding is certified by exact comparisons (as the
    ``aggregate`` rule type does); otherwise (pagu weights) a 60-digit evaluation decides, and
    a mean within 1e-40 of a rounding boundary is refused rather than guessed.
    """
    from tukin.rules.achievement import MAX_GEO_POWER, integer_weights, round_root

    mem = [(v, wt) for v, wt in mem if wt > 0] or mem
    if not mem:
        return Fraction(0)
    if all(v == mem[0][0] for v, _ in mem):
        return mem[0][0]
    if any(v == 0 for v, _ in mem):
        return Fraction(0)
    ints = integer_weights([wt for _, wt in mem])
    if sum(ints) <= MAX_GEO_POWER:
        power = Fraction(1)
        for (v, _), k in zip(mem, ints, strict=True):
            power *= v**k
        return Fraction(round_root(power, sum(ints), places), 10**places)
    with localcontext() as ctx:
        ctx.prec = 60
        total = sum((_dec(wt) for _, wt in mem), Decimal(0))
        acc = sum((_dec(wt) * _dec(v).ln() for v, wt in mem), Decimal(0))
        scaled = (acc / total).exp().scaleb(places)
        nearest = scaled.to_integral_value(rounding=ROUND_HALF_EVEN)
        if abs(
            abs(scaled - scaled.to_integral_value(rounding=ROUND_FLOOR)) - Decimal("0.5")
        ) < Decimal("1e-40"):
            raise CalculationError(detail_code="geometric_mean_tie")
    return Fraction(int(nearest), 10**places)


def _dec(q: Fraction) -> Decimal:
    return Decimal(q.numerator) / Decimal(q.denominator)
