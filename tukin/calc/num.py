"""Exact numbers at numpy speed: the two number backends every rule is written against.

Allowances must be exact to the rupiah, yet a province has millions of rows. tukin gets both
with *certified* float arithmetic plus an exact fallback:

``FNum`` (fast)
    A column of decimal fixed-point numbers held in float64: ``value = v / 10**s`` with one
    scale ``s`` per column and, per row, an absolute error bound ``e``. While ``e == 0`` the
    row is *exact*: ``v`` is an integer below 2**53, and float arithmetic on such integers is
    exact, so sums and products of decimal inputs and decimal parameters (0.6, 0.5 %, Rp
    amounts) stay exact. A division whose quotient is not a short decimal (2/3) makes the row
    inexact with a rigorous bound. Every discontinuous operation (rounding, comparison, band)
    checks whether the row's interval ``v ± e`` straddles a boundary; only then is the row
    *flagged*, and the engine recomputes flagged rows with ``XNum``.

``XNum`` (exact)
    The same operations on ``fractions.Fraction`` objects: slow, exact, used for flagged rows
    and as the reference evaluator the property tests compare against.

Rule types never see which backend they run on: they use operators and the functions of this
module (:func:`minimum`, :func:`where`, :func:`round_to_unit` ...). Money is tracked as a unit:
rupiah × rupiah and rupiah + ratio raise :class:`~tukin.errors.MoneyError`.
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from fractions import Fraction
from typing import Any, Union

import numpy as np

from tukin.errors import MoneyError
from tukin.money import RoundingMode

U = 2.0**-52  # twice the unit round-off: conservative for the bound's own rounding
LIMIT = 2.0**53  # integers below this are exact in float64
SAFE = 1.0 + 2.0**-48  # covers the float rounding of the few operations computing a bound
TINY = 2.0**-1000  # absolute slack for subnormal inputs, whose repr is far from their value
MAX_SCALE = 12  # rescale down beyond this many decimals to keep v below 2**53
DIV_SCALE = 6  # quotients with up to this many decimals stay exact
_P10 = [10.0**k for k in range(23)]  # exact in float64
BLOCK = 1 << 14  # rows per block where an operation runs block by block (temporaries in cache)
_OPS = {"less": "lt", "less_equal": "le", "greater": "gt", "greater_equal": "ge", "equal": "eq"}


def _part(a: Any, at: slice) -> Any:
    """Rows ``at`` of a column, or the scalar a constant column stands for."""
    return a[at] if isinstance(a, np.ndarray) else a


def blocks(n: int, size: int = BLOCK) -> Iterator[slice]:
    """The rows of a column of ``n`` rows in blocks of ``size``: an operation of several
    passes runs them block by block, its temporaries staying in the CPU cache instead of
    being a fresh n-row array each (which the OS must zero page by page)."""
    return (slice(at, at + size) for at in range(0, n, size))


class Tracker:
    """Collects the rows whose float result cannot be certified (they go to the exact path)."""

    def __init__(self, n: int) -> None:
        self.flag = np.zeros(n, dtype=bool)

    def add(self, mask: np.ndarray) -> None:
        if mask.any():
            self.flag |= mask


#: the verbs of _unit_add's message, in English and Indonesian
_VERBS = {
    "add": ("add", "menjumlahkan"),
    "subtract": ("subtract", "mengurangkan"),
    "compare": ("compare", "membandingkan"),
    "choose between": ("choose between", "memilih antara"),
}


def _unit_add(a: str | None, b: str | None, op: str) -> str | None:
    if a != b:
        en, id_ = _VERBS[op]  # every verb has its Indonesian: no English in an Indonesian message
        if op == "choose between":  # if_(cond, dasar, 0): the plain 0 is the usual slip
            hint = (
                "both choices in rupiah, or neither: write a zero amount as rupiah(0)",
                "kedua pilihan dalam rupiah, atau keduanya bukan: tulis jumlah nol sebagai "
                "rupiah(0)",
            )
        else:
            hint = (
                "money can only be combined with money (multiply a ratio by an amount first)",
                "uang hanya dapat digabung dengan uang (kalikan rasio dengan suatu jumlah "
                "terlebih dahulu)",
            )
        raise MoneyError(
            (
                f"cannot {en} {a or 'a ratio'} and {b or 'a ratio'}: {hint[0]}",
                f"tidak dapat {id_} {a or 'rasio'} dan {b or 'rasio'}: {hint[1]}",
            )
        )
    return a


def _unit_mul(a: str | None, b: str | None) -> str | None:
    if a and b:
        raise MoneyError(
            (
                "money × money has no meaning; one side must be a ratio or a count",
                "uang × uang tidak bermakna; salah satu sisi harus berupa rasio atau bilangan",
            )
        )
    return a or b


def _unit_div(a: str | None, b: str | None) -> str | None:
    if b and not a:
        raise MoneyError(
            ("a ratio divided by money has no meaning", "rasio dibagi uang tidak bermakna")
        )
    return None if (a and b) else a


def _kval(v: np.ndarray) -> float | None:
    """The value of a constant column (a stride-0 view: every row holds the same number)."""
    if v.ndim == 1 and len(v) > 1 and v.strides[0] == 0:
        return float(v[0])
    return None


def _mag_of(v: np.ndarray) -> float:
    """max |v| over the rows that are not NaN (0 when there are none)."""
    k = _kval(v)
    if k is not None:
        return abs(k) if k == k else 0.0
    if v.size == 0:
        return 0.0
    if v.dtype.kind != "f":
        v = v.astype(np.float64)
    hi = float(np.fmax.reduce(v, initial=-np.inf))
    lo = float(np.fmin.reduce(v, initial=np.inf))
    return max(hi, -lo, 0.0)


def _sv(v: np.ndarray) -> Any:
    """A constant column as a Python float (numpy broadcasts it), any other as itself."""
    k = _kval(v)
    return v if k is None else k


def _decimal_scale(q: Fraction, max_scale: int = 22) -> int | None:
    """Smallest s with q * 10**s an integer, or None if q is not a short decimal."""
    d = q.denominator
    for s in range(max_scale + 1):
        if (10**s) % d == 0:
            return s
    return None


def _scale_fits(
    x: np.ndarray, finite: np.ndarray, s: int
) -> tuple[bool, np.ndarray, np.ndarray, np.ndarray]:
    """Whether every finite value of ``x`` that fits is a decimal with ``s`` places."""
    y = x * _P10[s]
    r = np.rint(y)
    # below 2**52 at most one decimal with s places maps to x, so the one that round-trips
    # (r / 10**s, a correctly rounded division) is x's shortest repr, the value the exact
    # backend reads
    fits = np.abs(r) < LIMIT / 2
    with np.errstate(invalid="ignore"):
        ok = fits & (r / _P10[s] == x)
    return bool(np.all(ok | ~fits | ~finite)), y, r, ok


class FNum:
    """Fast column: ``value = v / 10**s`` with per-row error bound ``e`` (None = all exact).

    The bound is held in two parts: per row ``_e`` (0 marks an exact row) and, for the rows
    with ``_e > 0`` only, a relative part ``r·|v|``. Products by exact columns and same-sign
    sums then carry their rounding errors in the one number ``r`` instead of a pass over every
    row each; :attr:`e` adds the parts up when something reads the bound.
    """

    __slots__ = ("_e", "m", "r", "s", "tr", "unit", "v")
    exact_backend = False

    def __init__(
        self,
        v: np.ndarray,
        e: np.ndarray | None,
        s: int,
        unit: str | None,
        tr: Tracker,
        m: float | None = None,
        r: float = 0.0,
    ) -> None:
        # m: when known, an upper bound of |v| over the rows that are not NaN (saves a pass)
        self.v, self._e, self.s, self.unit, self.tr, self.m = v, e, s, unit, tr, m
        self.r = r if e is not None else 0.0

    @property
    def e(self) -> np.ndarray | None:
        """The per-row error bound (None: every row is exact; 0 marks an exact row)."""
        if self.r and self._e is not None:
            e = np.abs(self.v)
            e *= self.r
            e += self._e
            e *= SAFE
            np.putmask(e, self._e == 0, 0.0)
            self._e, self.r = e, 0.0  # the same bound, added up once
        return self._e

    def _mag(self) -> float:
        if self.m is None:
            self.m = _mag_of(self.v)
        return self.m

    # -- construction -------------------------------------------------------------------
    @classmethod
    def const(cls, q: Fraction | int, n: int, tr: Tracker, unit: str | None = None) -> FNum:
        q = Fraction(q)
        s = _decimal_scale(q)
        if s is not None and s <= MAX_SCALE and abs(q * 10**s) < LIMIT:
            # an exact constant is one number seen n times (a stride-0 view, no n-row array)
            k = float(q * 10**s)
            return cls(np.broadcast_to(np.float64(k), (n,)), None, s, unit, tr, abs(k))
        v = float(q * 10**MAX_SCALE)
        # TINY: a constant too small for its float (1/10**400 is 0.0, whose |v|·U is 0) is
        # inexact too, never an exact zero that a comparison with 0 would take as certified
        return cls(np.full(n, v), np.full(n, abs(v) * U + TINY), MAX_SCALE, unit, tr)

    @classmethod
    def from_ints(cls, a: Any, tr: Tracker, unit: str | None = None) -> FNum:
        arr = np.asarray(a, dtype=np.float64)
        m = _mag_of(arr)
        if m < LIMIT:
            return cls(arr, None, 0, unit, tr, m)
        big = np.abs(arr) >= LIMIT
        return cls(arr, np.where(big, np.abs(arr) * U, 0.0) if big.any() else None, 0, unit, tr)

    @classmethod
    def from_floats(cls, a: Any, tr: Tracker, unit: str | None = None, max_scale: int = 6) -> FNum:
        """Decimal inputs that arrive as float64: read each as the decimal a person typed.

        The column scale is the smallest ``s <= max_scale`` at which every value is an integer
        (within float noise); values with more decimals keep a float error bound.
        """
        x = np.asarray(a, dtype=np.float64)
        fast = cls._decimal_column(x, unit, tr, max_scale)
        if fast is not None:
            return fast
        finite = np.isfinite(x)
        # a column passes at scale s only if every row does, so the smallest scale a sample
        # of rows needs is a lower bound: start there (one full pass instead of s + 1)
        step = max(1, len(x) // 1024)
        s0 = max_scale
        for s in range(max_scale + 1):
            if _scale_fits(x[::step], finite[::step], s)[0]:
                s0 = s
                break
        for s in range(s0, max_scale + 1):
            passed, y, r, ok = _scale_fits(x, finite, s)
            if passed:
                break
        exact = ok & finite
        if exact.all():
            return cls(r, None, s, unit, tr)
        v = np.where(exact, r, y)
        e = np.where(exact, 0.0, np.abs(y) * U * 4 + TINY)
        return cls(v, e, s, unit, tr)

    @classmethod
    def _decimal_column(
        cls, x: np.ndarray, unit: str | None, tr: Tracker, max_scale: int
    ) -> FNum | None:
        """:meth:`from_floats` for the common column: every value finite and a decimal with
        the same few places a sample of rows needs. The same test as ``_scale_fits`` (each
        value round-trips through its scaled integer below 2**52) block by block, the
        temporaries in cache; None sends any other column to the general path."""
        if x.ndim != 1 or len(x) < 2:
            return None
        step = max(1, len(x) // 1024)
        sample = x[::step]
        if not np.isfinite(sample).all():
            return None
        for s in range(max_scale + 1):
            if _scale_fits(sample, np.ones(len(sample), dtype=bool), s)[0]:
                break
        else:
            return None
        f = _P10[s]
        r = np.empty_like(x)
        back = np.empty(min(len(x), BLOCK))
        same = np.empty(len(back), dtype=bool)
        for at in blocks(len(x)):
            rb, xb = r[at], x[at]
            np.multiply(xb, f, out=rb)
            np.rint(rb, out=rb)
            bb, sb = back[: len(xb)], same[: len(xb)]
            np.divide(rb, f, out=bb)
            # NaN fails the round trip (the sample had none, a later row may)
            if not np.equal(bb, xb, out=sb).all():
                return None
        m = max(float(np.fmax.reduce(r)), -float(np.fmin.reduce(r)))
        if not m < LIMIT / 2:
            return None
        return cls(r, None, s, unit, tr, m)

    def _with(
        self, v: np.ndarray, e: np.ndarray | None, s: int, unit: str | None, m: float | None = None
    ) -> FNum:
        return FNum(v, e, s, unit, self.tr, m)

    def __len__(self) -> int:
        return len(self.v)

    # -- views ----------------------------------------------------------------------------
    @property
    def exact_mask(self) -> np.ndarray:
        return np.ones(len(self.v), dtype=bool) if self._e is None else self._e == 0

    def to_float(self) -> np.ndarray:
        return self.to_float_at(slice(None))

    def to_float_at(self, rows: Any) -> Any:
        """``to_float()[rows]`` without converting the whole column: an explanation reads a
        few rows of columns a million long (the same division, so the same floats)."""
        return self.v[rows] / _P10[self.s] if self.s else np.array(self.v[rows], copy=True)

    def to_ints(self) -> np.ndarray:
        """Integer values (for money after rounding); only valid on exact integral columns."""
        if self.s:
            return (self.v / _P10[self.s]).astype(np.int64)
        return self.v.astype(np.int64)

    def exact_at(self, i: int) -> Fraction | None:
        """The exact value of row ``i`` if it is certified, else None."""
        if self._e is not None and self._e[i] != 0:
            return None
        if not np.isfinite(self.v[i]):
            return None
        return Fraction(int(self.v[i]), 10**self.s)

    def take(self, idx: np.ndarray) -> FNum:
        e = None if self._e is None else self._e[idx]
        return FNum(self.v[idx], e, self.s, self.unit, self.tr, r=self.r)

    # -- helpers --------------------------------------------------------------------------
    def _finish(self, v: np.ndarray, eprop: np.ndarray | None, s: int, unit: str | None) -> FNum:
        """Attach the bound: exact rows stay exact while |v| < 2**53, others gain |v|·U."""
        if eprop is None:
            m = _mag_of(v)
            if m < LIMIT:
                return self._with(v, None, s, unit, m)
            av = np.abs(v)
            return self._with(v, np.where(av < LIMIT, 0.0, av * U), s, unit)
        e = np.abs(v)
        keep = e < LIMIT
        e *= U
        e += eprop
        e *= SAFE
        keep &= eprop == 0
        np.putmask(e, keep, 0.0)
        return self._with(v, e, s, unit)

    def _rescaled(self, s: int) -> tuple[np.ndarray, np.ndarray | None]:
        if s == self.s:
            return self.v, self.e
        if s > self.s:
            f = _P10[s - self.s]
            if self._e is None and self._mag() * f < LIMIT:
                # fl(max|v| * f) = max fl(|v| * f): the same test as on the scaled column
                k = _kval(self.v)
                if k is not None:
                    return np.broadcast_to(np.float64(k * f), self.v.shape), None
                return self.v * f, None
            v = self.v * f
            av = np.abs(v)
            # v * 10**k is exact only for integers below 2**53; other rows gain its rounding
            base = np.zeros_like(v) if self.e is None else self.e * f
            e = np.where((base == 0) & (av < LIMIT), 0.0, (base + av * U) * SAFE)
            return v, e
        # scale down: exact only where divisible
        f = _P10[self.s - s]
        v = self.v / f
        # exact where divisible (np.fmod is a libm call per row, ten times slower): for an
        # integer |v| < 2**53, round(v/f)·f is a multiple of f and is v only if f divides v
        # (below 2**53 the product is exact; at or above it cannot be v); rows at or past
        # 2**53, NaN and inf are not exact
        ok = np.abs(self.v) < LIMIT
        back = np.rint(v)
        back *= f
        ok &= back == self.v
        e = np.abs(v)
        e *= U
        whole = self.e
        if whole is not None:
            base = whole / f
            e += base
            ok &= base == 0
        np.putmask(e, ok, 0.0)
        return v, (None if not e.any() else e)

    def _pair(
        self, other: Any
    ) -> tuple[np.ndarray, np.ndarray | None, np.ndarray, np.ndarray | None, int, FNum]:
        o = _coerce(other, self)
        s = max(self.s, o.s)
        va, ea = self._rescaled(s)
        vb, eb = o._rescaled(s)
        return va, ea, vb, eb, s, o

    def _exact_pair(self, o: FNum) -> tuple[Any, float, Any, float, int] | None:
        """Both columns exact and still exact at the common scale: their values (a constant as
        a Python float), bounds of their magnitudes and the scale; else None."""
        if self._e is not None or o._e is not None:
            return None
        s = max(self.s, o.s)
        fa, fb = _P10[s - self.s], _P10[s - o.s]
        ma, mb = self._mag() * fa, o._mag() * fb
        if not (ma < LIMIT and mb < LIMIT):
            return None
        va, vb = _sv(self.v), _sv(o.v)
        if fa != 1.0:
            va = va * fa
        if fb != 1.0:
            vb = vb * fb
        return va, ma, vb, mb, s

    def _const_or(self, v: Any, s: int, unit: str | None, m: float) -> FNum:
        if isinstance(v, float):
            return self._with(np.broadcast_to(np.float64(v), self.v.shape), None, s, unit, m)
        return self._with(v, None, s, unit, m)

    # -- arithmetic -----------------------------------------------------------------------
    def __add__(self, other: Any) -> FNum:
        o = _coerce(other, self)
        fast = self._exact_pair(o)
        if fast is not None:
            va, ma, vb, mb, s = fast
            m = ma + mb  # fl(ma + mb) >= fl(|a + b|) row by row: rounding is monotone
            if m < LIMIT:
                return self._const_or(va + vb, s, _unit_add(self.unit, o.unit, "add"), m)
        split = self._plus_exact(o, 1.0)
        if split is not None:
            return split
        va, ea, vb, eb, s, o = self._pair(o)
        unit = _unit_add(self.unit, o.unit, "add")
        return self._finish(va + vb, _esum(ea, eb), s, unit)

    __radd__ = __add__

    def __sub__(self, other: Any) -> FNum:
        o = _coerce(other, self)
        fast = self._exact_pair(o)
        if fast is not None:
            va, ma, vb, mb, s = fast
            m = ma + mb
            if m < LIMIT:
                return self._const_or(va - vb, s, _unit_add(self.unit, o.unit, "subtract"), m)
        split = self._plus_exact(o, -1.0)
        if split is not None:
            return split
        va, ea, vb, eb, s, o = self._pair(o)
        unit = _unit_add(self.unit, o.unit, "subtract")
        return self._finish(va - vb, _esum(ea, eb), s, unit)

    def __rsub__(self, other: Any) -> FNum:
        return _coerce(other, self) - self

    def _sign(self) -> int:
        """1 if no value is below 0, -1 if none is above, else 0 (NaN rows aside)."""
        k = _kval(self.v)
        if k is not None:
            return 1 if k >= 0 else -1
        if len(self.v) == 0:
            return 0
        if np.fmin.reduce(self.v, initial=np.inf) >= 0:
            return 1
        if np.fmax.reduce(self.v, initial=-np.inf) <= 0:
            return -1
        return 0

    def _plus_exact(self, o: FNum, sign: float) -> FNum | None:
        """``self + sign·o`` when exactly one side is inexact and already at the common scale,
        the exact side's values stay exact there, and the two terms never differ in sign;
        else None (the general path).

        Terms of one sign cannot cancel: ``|a| + |b| = |a + b| <= |v|/(1 - u)``, so the
        inexact side's relative part and the sum's own rounding fit in a relative part of the
        sum, and its per-row part is the inexact side's (shared, not copied)."""
        if (self._e is None) == (o._e is None):
            return None
        x = self if self._e is not None else o
        assert x._e is not None
        s = max(self.s, o.s)
        if x.s != s:
            return None  # moving an inexact column to a finer scale rounds
        fa, fb = _P10[s - self.s], _P10[s - o.s]
        m = self._mag() * fa + o._mag() * fb
        if not m < LIMIT:
            return None
        sa, sb = self._sign(), o._sign()
        if sa == 0 or sa != sb * sign:
            return None
        unit = _unit_add(self.unit, o.unit, "add" if sign > 0 else "subtract")
        va, vb = _sv(self.v), _sv(o.v)
        if fa != 1.0:
            va = va * fa
        if fb != 1.0:
            vb = vb * fb
        v = np.add(va, vb) if sign > 0 else np.subtract(va, vb)
        return FNum(v, x._e, s, unit, self.tr, m, (x.r + U) * SAFE)

    def __neg__(self) -> FNum:
        return FNum(-self.v, self._e, self.s, self.unit, self.tr, self.m, self.r)

    def __mul__(self, other: Any) -> FNum:
        o = _coerce(other, self)
        unit = _unit_mul(self.unit, o.unit)
        a, b = _fitted(self, o)
        if a._e is None and b._e is None and a.s + b.s <= MAX_SCALE:
            m = a._mag() * b._mag()  # fl(ma * mb) >= fl(|a * b|) row by row
            if m < LIMIT:
                return a._const_or(_sv(a.v) * _sv(b.v), a.s + b.s, unit, m)
        split = a._times_exact(b, unit)
        if split is not None:
            return split
        v = a.v * b.v
        if a._e is None and b._e is None:
            eprop = None
        elif a._e is None and a._mag() < np.inf:
            eprop = np.abs(_sv(a.v)) * b.e  # (|a| + 0)·eb + |b|·0, the b NaN rows aside
        elif b._e is None and b._mag() < np.inf:
            eprop = np.abs(_sv(b.v)) * a.e
        else:
            ea = np.zeros_like(v) if a._e is None else a.e
            eb = np.zeros_like(v) if b._e is None else b.e
            assert ea is not None and eb is not None
            eprop = (np.abs(a.v) + ea) * eb + np.abs(b.v) * ea
            # an inexact factor keeps the product inexact even where the terms underflow
            # (subnormal values with bounds near 2**-1000)
            np.maximum(eprop, TINY, out=eprop, where=(ea > 0) | (eb > 0))
        out = a._finish(v, eprop, a.s + b.s, unit)
        return out._normalise()

    __rmul__ = __mul__

    def _times_exact(self, o: FNum, unit: str | None) -> FNum | None:
        """The product when exactly one side is exact and finite, both scales fit and the
        exact rows' products stay below 2**53; else None (the general path).

        A row inexact in ``b`` (error at most ``eb + rb·|b|``) times an exact ``a`` is off by
        at most ``|a|·eb + rb·|a·b| + u·|v|`` and ``|a·b| <= |v|/(1 - u)``: the per-row part
        is ``|a|·eb`` (one pass) and the rounding goes into the relative part."""
        if (self._e is None) == (o._e is None) or self.s + o.s > MAX_SCALE:
            return None
        a, b = (self, o) if self._e is None else (o, self)
        assert b._e is not None
        ma = a._mag()
        m = ma * b._mag()
        if not (ma < np.inf and m < LIMIT):
            return None
        av = _sv(a.v)
        v = np.multiply(av, b.v)
        if isinstance(av, float):
            # fl(eb · fl(|a|·SAFE)) >= |a|·eb: SAFE covers both roundings
            e = np.multiply(b._e, abs(av) * SAFE)
        else:
            e = np.abs(av)
            e *= b._e
            e *= SAFE
        return FNum(v, e, a.s + b.s, unit, self.tr, m, (b.r + U) * SAFE)

    def _to_scale(self, s: int) -> FNum:
        """The same column at scale ``s`` (exact rows stay exact where divisible)."""
        if s == self.s:
            return self
        v, e = self._rescaled(s)
        m = self.m * _P10[s - self.s] if self.m is not None and s > self.s else None
        return FNum(v, e, s, self.unit, self.tr, m)

    def _normalise(self) -> FNum:
        return self._to_scale(min(self.s, MAX_SCALE))

    def __truediv__(self, other: Any) -> FNum:
        o = _coerce(other, self)
        unit = _unit_div(self.unit, o.unit)
        # value = (va/10^sa) / (vb/10^sb); output scale DIV_SCALE: q = va * 10^(sb+D-sa) / vb
        k = o.s + DIV_SCALE - self.s
        if (
            self._e is None
            and o._e is None
            and k >= 0
            and self._mag() * _P10[k] < LIMIT
            and o._mag() < np.inf
        ):
            return self._div_exact(o, k, unit)
        num = self.v * _P10[k] if k >= 0 else self.v / _P10[-k]
        den = o.v
        with np.errstate(divide="ignore", invalid="ignore"):
            q = num / den
        ea = None if self.e is None else (self.e * _P10[k] if k >= 0 else self.e / _P10[-k])
        eb = o.e
        ra = np.zeros_like(q) if ea is None else ea
        rb = np.zeros_like(q) if eb is None else eb
        num_exact = (ra == 0) & (np.abs(num) < LIMIT)
        if k < 0:
            num_exact &= np.fmod(self.v, _P10[-k]) == 0
        qi = np.rint(q)
        with np.errstate(invalid="ignore"):
            exact = num_exact & (rb == 0) & (qi == q) & (np.abs(q) < LIMIT) & (qi * den == num)
        ad = np.abs(den)
        zero_risk = ad <= rb
        # an inexact denominator that may be zero (even if its float is 0.0) goes to the exact
        # path; an exact zero is a true division by zero: a missing value on both backends
        self.tr.add(zero_risk & (rb > 0))
        with np.errstate(divide="ignore", invalid="ignore"):
            bound = (ra + np.abs(q) * rb) / (ad - rb) + np.abs(q) * U * 2 + np.abs(num) * U / ad
            bound *= SAFE
        e = np.where(exact, 0.0, np.where(zero_risk, np.inf, bound))
        q = np.where(den == 0, np.nan, q)
        return self._with(q, None if not e.any() else e, DIV_SCALE, unit)

    def __rtruediv__(self, other: Any) -> FNum:
        return _coerce(other, self) / self

    def _div_exact(self, o: FNum, k: int, unit: str | None) -> FNum:
        """``__truediv__`` of two exact columns whose scaled numerator stays below 2**53: one
        correctly rounded division, so the bound is a fixed multiple of ``|q|`` (the general
        path's error terms are all zero here)."""
        den = _sv(o.v)
        num = _sv(self.v) if isinstance(den, np.ndarray) else self.v  # q must be an array
        n = len(self.v)
        q = np.empty(n)
        bound = np.empty(n)
        t = np.empty(min(n, BLOCK))
        exact = np.empty(len(t), dtype=bool)
        same = np.empty(len(t), dtype=bool)
        any_inexact = False
        with np.errstate(divide="ignore", invalid="ignore"):
            for at in blocks(n):
                any_inexact |= _quotient_block(
                    _part(num, at), _part(den, at), k, q[at], bound[at], t, exact, same
                )
        zero = den == 0
        if isinstance(zero, np.ndarray):
            if zero.any():
                bound[zero] = np.inf
                q[zero] = np.nan
                any_inexact = True
        elif zero:
            bound[:] = np.inf
            q[:] = np.nan
            any_inexact = True
        return self._with(q, bound if any_inexact else None, DIV_SCALE, unit)

    def __abs__(self) -> FNum:
        return FNum(np.abs(self.v), self._e, self.s, self.unit, self.tr, self.m, self.r)

    # -- comparisons (discontinuous: flag rows whose interval straddles) ------------------
    def _cmp(self, other: Any, op: str) -> np.ndarray:
        o = _coerce(other, self)
        fast = self._exact_pair(o)
        if fast is not None:
            _unit_add(self.unit, o.unit, "compare")
            res = getattr(np, op)(fast[0], fast[2])
            return (
                res
                if isinstance(res, np.ndarray) and res.shape == self.v.shape
                else np.broadcast_to(res, self.v.shape).copy()
            )
        va, ea, vb, eb, _s, o = self._pair(o)
        _unit_add(self.unit, o.unit, "compare")
        out: np.ndarray = getattr(np, op)(va, vb)
        if ea is not None or eb is not None:
            tol = _esum(ea, eb)
            assert tol is not None
            self.tr.add((np.abs(va - vb) <= tol * SAFE) & (tol > 0))
        return out

    def __lt__(self, other: Any) -> np.ndarray:
        return self._cmp(other, "less")

    def __le__(self, other: Any) -> np.ndarray:
        return self._cmp(other, "less_equal")

    def __gt__(self, other: Any) -> np.ndarray:
        return self._cmp(other, "greater")

    def __ge__(self, other: Any) -> np.ndarray:
        return self._cmp(other, "greater_equal")

    def eq(self, other: Any) -> np.ndarray:
        return self._cmp(other, "equal")

    __hash__ = None  # type: ignore[assignment]

    def isnan(self) -> np.ndarray:
        return np.isnan(self.v)


def _quotient_block(
    nb: Any,
    db: Any,
    k: int,
    qb: np.ndarray,
    bb: np.ndarray,
    t: np.ndarray,
    exact: np.ndarray,
    same: np.ndarray,
) -> bool:
    """One block of :meth:`FNum._div_exact`: ``qb = nb·10**k / db`` and its bound ``bb``
    (scratch buffers ``t``, ``exact``, ``same``); whether any row of the block is inexact."""
    xb, sb = exact[: len(qb)], same[: len(qb)]
    if k:
        nb = (
            np.multiply(nb, _P10[k], out=t[: len(qb)])
            if isinstance(nb, np.ndarray)
            else nb * _P10[k]
        )
    np.divide(nb, db, out=qb)
    # exact when the quotient is an integer at the output scale: |num| < 2**53 and |den| >= 1,
    # so |q| < 2**53 and t * den is exact whenever it can equal num
    np.equal(np.rint(qb, out=bb), qb, out=xb)
    np.multiply(bb, db, out=bb)
    xb &= np.equal(bb, nb, out=sb)
    # num and den are exact integers below 2**53, so q is their correctly rounded quotient:
    # |q - num/den| <= 2**-53·|num/den| < 2**-52·|q| (no underflow: |q| >= 2**-53 unless 0);
    # four times that leaves room, and the product by a power of two is exact
    np.abs(qb, out=bb)
    bb *= 4 * U
    np.putmask(bb, xb, 0.0)
    return not xb.all()


def _fitted(a: FNum, b: FNum) -> tuple[FNum, FNum]:
    """The factors of a product, with fewer decimal places where the product would not fit.

    At scale ``a.s + b.s`` a product is exact only below 2**53 and 12 places, and an amount
    times a ratio rarely is (Rp 3,854,725 × 0.9 × 0.6 at 10 places is 2·10**16): every row
    would carry a bound and each one landing on a half rupiah would go to the exact path.
    Dropping places from the factor with the most, until the largest product fits, keeps
    exact every row whose value has that few places (those with more carry a bound, as they
    would have at the full scale past 2**53)."""
    m = a._mag() * b._mag()
    if not m < np.inf or (a.s + b.s <= MAX_SCALE and m < LIMIT):
        return a, b
    da = db = 0
    while a.s - da + b.s - db > 0 and (
        a.s - da + b.s - db > MAX_SCALE or m / 10.0 ** (da + db) >= LIMIT
    ):
        if a.s - da >= b.s - db:
            da += 1
        else:
            db += 1
    return a._to_scale(a.s - da), b._to_scale(b.s - db)


def _esum(a: np.ndarray | None, b: np.ndarray | None) -> np.ndarray | None:
    if a is None:
        return b
    if b is None:
        return a
    return a + b


Num = Union[FNum, "XNum"]


#: below this many rows an exact operation memoises in a Python loop; above, by codes
_FEW = 64


def _ids(objects: list[Any]) -> np.ndarray:
    """Each object's ``id`` (its address: below 2**64) as an array."""
    return np.fromiter(map(id, objects), dtype=np.uint64, count=len(objects))


def pair_codes(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """A code per row for the pair ``(a[i], b[i])``: 0, 1, ... in the order the pairs first
    appear (pandas' hash factorisation, which numbers its keys so)."""
    import pandas as pd

    ca, _ = pd.factorize(a)
    cb, ub = pd.factorize(b)
    codes, _ = pd.factorize(ca.astype(np.int64) * max(len(ub), 1) + cb)
    return codes


def first_rows(codes: np.ndarray) -> np.ndarray:
    """The row where each code first appears, by code (``codes`` numbered in order of first
    appearance, so a row starts a code where it passes every code before it)."""
    if not len(codes):
        return np.empty(0, dtype=np.int64)
    seen = np.maximum.accumulate(codes)
    new = np.empty(len(codes), dtype=bool)
    new[0] = True
    np.greater(seen[1:], seen[:-1], out=new[1:])
    return np.flatnonzero(new)


class XNum:
    """Exact column of ``Fraction`` objects (None marks a missing value)."""

    __slots__ = ("unit", "v")
    exact_backend = True

    def __init__(self, v: np.ndarray, unit: str | None = None) -> None:
        self.v, self.unit = v, unit

    @classmethod
    def const(cls, q: Fraction | int, n: int, tr: Any = None, unit: str | None = None) -> XNum:
        arr = np.empty(n, dtype=object)
        arr[:] = [Fraction(q)] * n
        return cls(arr, unit)

    @classmethod
    def from_values(cls, values: Any, unit: str | None = None) -> XNum:
        """Each value as a Fraction (a float as the decimal its repr writes, NaN as None),
        made once per distinct value: a column repeats few (targets, factors, an amount per
        kelas) and reading a float's decimal costs microseconds. Keyed by type and value, so
        a float and a Fraction that are equal (0.1 and its binary value) are read apart."""
        made: dict[tuple[type, Any], Fraction | None] = {}
        out = []
        for x in values:
            try:
                q = made[(type(x), x)]
            except KeyError:
                q = made[(type(x), x)] = _to_fraction(x)
            except TypeError:  # not hashable: read as it is
                q = _to_fraction(x)
            out.append(q)
        arr = np.empty(len(out), dtype=object)
        arr[:] = out
        return cls(arr, unit)

    def __len__(self) -> int:
        return len(self.v)

    def take(self, idx: np.ndarray) -> XNum:
        return XNum(self.v[idx], self.unit)

    def _o(self, other: Any) -> XNum:
        return _coerce(other, self)

    def _bin(self, o: XNum, f: Any) -> np.ndarray:
        """``f`` row by row (None where either side is missing), computed once per distinct
        pair of value objects: a column repeats few values (a constant, a factor, an amount
        per kelas), each one object (:meth:`const`, :meth:`from_values`,
        ``tukin.calc.deferred.fractions_of`` and this memo hand out one per value), and an
        operation on Fractions costs microseconds. The objects are held by the two columns
        throughout, so their ids name them."""
        left, right = self.v.tolist(), o.v.tolist()
        n = len(left)
        if n != len(right):
            raise ValueError(f"columns of {n} and {len(right)} rows")
        if n < _FEW:
            made: dict[tuple[int, int], Any] = {}
            out_list: list[Any] = []
            for a, b in zip(left, right, strict=True):
                if a is None or b is None:
                    out_list.append(None)
                    continue
                key = (id(a), id(b))
                try:
                    q = made[key]
                except KeyError:
                    q = made[key] = f(a, b)
                out_list.append(q)
            out = np.empty(n, dtype=object)
            out[:] = out_list
            return out
        # the pairs of objects coded by hashing their ids in C (review 129: the loop above
        # cost 0.3 µs a row at the exact pass's half a million rows, a fifth of its time);
        # codes in the order pairs first appear, so f meets them in the loop's order
        codes = pair_codes(_ids(left), _ids(right))
        firsts = first_rows(codes)
        made_list = [
            None if a is None or b is None else f(a, b)
            for a, b in zip(
                map(left.__getitem__, firsts.tolist()),
                map(right.__getitem__, firsts.tolist()),
                strict=True,
            )
        ]
        made_arr = np.empty(len(made_list), dtype=object)
        made_arr[:] = made_list
        return made_arr[codes]

    def __add__(self, other: Any) -> XNum:
        o = self._o(other)
        return XNum(self._bin(o, operator.add), _unit_add(self.unit, o.unit, "add"))

    __radd__ = __add__

    def __sub__(self, other: Any) -> XNum:
        o = self._o(other)
        return XNum(self._bin(o, operator.sub), _unit_add(self.unit, o.unit, "subtract"))

    def __rsub__(self, other: Any) -> XNum:
        return self._o(other) - self

    def __neg__(self) -> XNum:
        return XNum(self._bin(self, lambda a, _b: -a), self.unit)

    def __mul__(self, other: Any) -> XNum:
        o = self._o(other)
        return XNum(self._bin(o, operator.mul), _unit_mul(self.unit, o.unit))

    __rmul__ = __mul__

    def __truediv__(self, other: Any) -> XNum:
        o = self._o(other)
        unit = _unit_div(self.unit, o.unit)
        return XNum(self._bin(o, lambda a, b: a / b if b != 0 else None), unit)

    def __rtruediv__(self, other: Any) -> XNum:
        return self._o(other) / self

    def __abs__(self) -> XNum:
        return XNum(self._bin(self, lambda a, _b: abs(a)), self.unit)

    def _cmp(self, other: Any, op: str) -> np.ndarray:
        o = self._o(other)
        _unit_add(self.unit, o.unit, "compare")
        f = getattr(operator, _OPS[op])
        return np.array(
            [a is not None and b is not None and f(a, b) for a, b in zip(self.v, o.v, strict=True)],
            dtype=bool,
        )

    def __lt__(self, other: Any) -> np.ndarray:
        return self._cmp(other, "less")

    def __le__(self, other: Any) -> np.ndarray:
        return self._cmp(other, "less_equal")

    def __gt__(self, other: Any) -> np.ndarray:
        return self._cmp(other, "greater")

    def __ge__(self, other: Any) -> np.ndarray:
        return self._cmp(other, "greater_equal")

    def eq(self, other: Any) -> np.ndarray:
        return self._cmp(other, "equal")

    __hash__ = None  # type: ignore[assignment]

    def isnan(self) -> np.ndarray:
        return np.array([x is None for x in self.v], dtype=bool)

    def to_float(self) -> np.ndarray:
        return self.to_float_at(slice(None))

    def to_float_at(self, rows: Any) -> Any:
        """``to_float()[rows]``, converting only those rows (see :meth:`FNum.to_float_at`)."""
        picked = np.asarray(self.v, dtype=object)[rows]
        if np.ndim(picked) == 0:
            return np.float64(np.nan if picked is None else float(picked))
        return np.array([np.nan if x is None else float(x) for x in picked], dtype=np.float64)


def _to_fraction(x: Any) -> Fraction | None:
    if x is None:
        return None
    if isinstance(x, Fraction):
        return x
    if isinstance(x, float):
        if x != x:
            return None
        from tukin.money import decimal_from_float_repr

        return Fraction(decimal_from_float_repr(x))
    if isinstance(x, np.floating):
        return _to_fraction(float(x))
    if isinstance(x, np.integer):
        return Fraction(int(x))
    return Fraction(x)


def _coerce(other: Any, like: FNum | XNum) -> Any:
    if isinstance(other, FNum | XNum):
        if type(other) is not type(like):
            raise TypeError("cannot mix fast and exact columns")
        return other
    if isinstance(other, float):
        raise MoneyError(code="float_money", value=other)
    if isinstance(other, int | Fraction):
        if isinstance(like, FNum):
            return FNum.const(Fraction(other), len(like), like.tr)
        return XNum.const(Fraction(other), len(like))
    raise TypeError(f"cannot combine a number column with {type(other).__name__}")


# --- backend-neutral functions used by rule types -------------------------------------------


def minimum(a: Any, b: Any) -> Any:
    """Elementwise min; continuous, so it never flags rows."""
    return _extreme(a, b, np.minimum, min)


def maximum(a: Any, b: Any) -> Any:
    """Elementwise max; continuous, so it never flags rows."""
    return _extreme(a, b, np.maximum, max)


def _extreme(a: Any, b: Any, pick: Any, pick_one: Any) -> Any:
    """:func:`minimum` or :func:`maximum`: ``pick`` on arrays, ``pick_one`` on Fractions. The
    bound of the result is the larger of the two bounds (the chosen side's is at most that)."""
    if isinstance(a, XNum):
        o = a._o(b)
        _unit_add(a.unit, o.unit, "compare")
        return XNum(a._bin(o, pick_one), a.unit)
    o = _coerce(b, a)
    fast = a._exact_pair(o)
    if fast is not None:
        _unit_add(a.unit, o.unit, "compare")
        return a._const_or(pick(fast[0], fast[2]), fast[4], a.unit, max(fast[1], fast[3]))
    va, ea, vb, eb, s, o = a._pair(o)
    _unit_add(a.unit, o.unit, "compare")
    if (ea is None) != (eb is None):
        # one side exact (a cap such as min(capaian, 1)): where it is surely the one chosen,
        # beyond the other side's whole interval, the result is exact
        x, ex, y = (va, ea, vb) if ea is not None else (vb, eb, va)
        assert ex is not None
        x, y, va, vb = _sv(x), _sv(y), _sv(va), _sv(vb)  # a constant as a scalar
        n = len(ex)
        out, e = np.empty(n), np.empty(n)
        sure = np.empty(min(n, BLOCK), dtype=bool)
        with np.errstate(invalid="ignore"):
            for at in blocks(n):
                ob, eb_, exb = out[at], e[at], ex[at]
                xb, yb = _part(x, at), _part(y, at)
                sb = sure[: len(ob)]
                np.subtract(xb, yb, out=ob) if pick is np.minimum else np.subtract(yb, xb, out=ob)
                # fl(gap) > e·SAFE implies the true gap > e (NaN compares false)
                np.multiply(exb, SAFE, out=eb_)
                np.greater(ob, eb_, out=sb)
                np.copyto(eb_, exb)
                np.putmask(eb_, sb, 0.0)
                pick(_part(va, at), _part(vb, at), out=ob)
        return a._with(out, e, s, a.unit)
    # a bound is >= 0 (or NaN with its value): the max with a missing (zero) bound is itself
    e = ea if eb is None else eb if ea is None else np.maximum(ea, eb)
    return a._with(pick(va, vb), e, s, a.unit)


def clip(a: Any, lo: Any = None, hi: Any = None) -> Any:
    out = a
    if lo is not None:
        out = maximum(out, lo)
    if hi is not None:
        out = minimum(out, hi)
    return out


def _z(e: np.ndarray | None, like: np.ndarray) -> np.ndarray:
    return np.zeros_like(like) if e is None else e


def where(cond: np.ndarray, a: Any, b: Any) -> Any:
    """Row-wise choice; ``cond`` comes from a comparison (which already flagged its ties)."""
    if isinstance(a, XNum) or isinstance(b, XNum):
        xa = a if isinstance(a, XNum) else _coerce(a, b)
        xb = b if isinstance(b, XNum) else _coerce(b, a)
        return XNum(np.where(cond, xa.v, xb.v), _unit_add(xa.unit, xb.unit, "choose between"))
    fa = a if isinstance(a, FNum) else _coerce(a, b)
    o = _coerce(b, fa)
    fast = fa._exact_pair(o)
    if fast is not None:
        unit = _unit_add(fa.unit, o.unit, "choose between")
        return fa._with(
            np.where(cond, fast[0], fast[2]), None, fast[4], unit, max(fast[1], fast[3])
        )
    va, ea, vb, eb, s, o = fa._pair(o)
    unit = _unit_add(fa.unit, o.unit, "choose between")
    e = None if ea is None and eb is None else np.where(cond, _z(ea, va), _z(eb, vb))
    return fa._with(np.where(cond, va, vb), e, s, unit)


def round_to_unit(a: Any, mode: RoundingMode | str = RoundingMode.HALF_UP, unit: int = 1) -> Any:
    """Round to a multiple of ``unit`` (rupiah) with a named mode; the result is exact."""
    mode = RoundingMode(mode)
    if isinstance(a, XNum):
        from tukin.money import round_to

        out = np.empty(len(a.v), dtype=object)
        out[:] = [None if x is None else Fraction(round_to(x, mode, unit)) for x in a.v]
        return XNum(out, a.unit)
    if a._e is None and a.s == 0 and unit == 1:
        return a._with(a.v.copy(), None, 0, a.unit)
    d = _P10[a.s] * unit
    n = len(a.v)
    r = np.empty(n)  # the float rounding of value/unit
    size = min(n, BLOCK)
    x, ax, gap, reach, part = (np.empty(size) for _ in range(5))
    below = np.empty(size, dtype=bool)
    near_parts = []
    # block by block: x = value/unit estimated in float, gap = how far it lies from the
    # nearest rounding boundary (.5 for the half modes, the integers for the others; NaN rows
    # have a NaN gap, which no comparison selects). Exact rows: fl(v / d) is within half an
    # ulp of the true quotient, so its rounding is right unless the quotient lies within a
    # few ulps of a boundary. Inexact rows: unless their error (per-row part e, relative
    # part r·|v|) reaches one. Only those few rows are looked at again, below.
    for at in blocks(n):
        m = len(a.v[at])
        xb, axb, gb, hb, pb = x[:m], ax[:m], gap[:m], reach[:m], part[:m]
        wb, rb = below[:m], r[at]
        np.divide(a.v[at], d, out=xb)
        np.abs(xb, out=axb)
        if mode is RoundingMode.HALF_UP:
            np.add(axb, 0.5, out=rb)
            np.floor(rb, out=rb)
            np.subtract(axb, rb, out=gb)
            np.abs(gb, out=gb)
            np.subtract(0.5, gb, out=gb)  # rb is the nearest integer: |ax - rb| <= .5
            np.copysign(rb, xb, out=rb)
        else:
            rb[:] = _round_float(xb, mode)
            np.subtract(axb, np.floor(axb), out=gb)
            if mode.name.startswith("HALF"):
                gb -= 0.5
                np.abs(gb, out=gb)
            else:
                np.minimum(gb, 1.0 - gb, out=gb)
        np.multiply(axb, 4 * U, out=hb)
        hb += TINY
        if a._e is not None:
            # fl(e · fl(SAFE/d)) >= e/d: SAFE covers both roundings
            hb += np.multiply(a._e[at], SAFE / d, out=pb)
            if a.r:
                hb += np.multiply(axb, a.r * SAFE, out=pb)
        np.less_equal(gb, hb, out=wb)
        if wb.any():
            near_parts.append(np.flatnonzero(wb) + at.start)
    near = np.concatenate(near_parts) if near_parts else np.zeros(0, dtype=np.intp)
    if a._e is None:
        fix, risky = near, None
    else:
        exact_near = a._e[near] == 0  # exact rows have e = 0: their reach was wider
        fix, risky = near[exact_near], near[~exact_near]
    if len(fix):
        r[fix] = _round_int(a.v[fix].astype(np.int64), int(10**a.s) * unit, mode).astype(np.float64)
    out = r if unit == 1 else r * unit
    e = None
    if risky is not None and len(risky):
        # inexact rows: flag when the interval [x - err, x + err] contains a boundary; such a
        # row's float guess lies in [lo, hi] and is not certified (the engine recomputes it)
        assert a._e is not None
        xr = a.v[risky] / d
        # the row's error, plus the rounding of xr itself; the ends are moved one float
        # outwards so that neither can round back inside a boundary the true end reaches
        err = (a._e[risky] / d + np.abs(xr) * (a.r + 4 * U)) * SAFE
        lo = _round_float(np.nextafter(xr - err, -np.inf), mode)
        hi = _round_float(np.nextafter(xr + err, np.inf), mode)
        spread = np.abs(hi - lo) * unit
        mask = np.zeros(n, dtype=bool)
        mask[risky[lo != hi]] = True
        a.tr.add(mask)
        if spread.any():
            e = np.zeros(len(out))
            e[risky] = spread
    # beyond 2**53, r * unit is exact only if representable (an odd unit may not be)
    if a.m is None:
        top = max(float(np.fmax.reduce(r, initial=0.0)), -float(np.fmin.reduce(r, initial=0.0)))
    else:
        top = a.m / d + 1.0  # >= |r|
    if not top * unit < LIMIT / 2:
        big = np.abs(out) >= LIMIT
        if big.any():
            fit = big & (np.abs(r) < LIMIT) & (np.abs(out) < 2.0**62)
            held = (
                np.where(fit, out, 0.0).astype(np.int64)
                == np.where(fit, r, 0.0).astype(np.int64) * unit
            )
            base = np.zeros(len(out)) if e is None else e
            e = np.where(big & ~(fit & held), base + np.abs(out) * U, base)
    return a._with(out, e if e is not None and e.any() else None, 0, a.unit)


def _round_float(x: np.ndarray, mode: RoundingMode) -> np.ndarray:
    if mode is RoundingMode.FLOOR:
        return np.floor(x)
    if mode is RoundingMode.CEILING:
        return np.ceil(x)
    if mode is RoundingMode.DOWN:
        return np.trunc(x)
    if mode is RoundingMode.UP:
        return np.sign(x) * np.ceil(np.abs(x))
    if mode is RoundingMode.HALF_EVEN:
        return np.rint(x)
    if mode is RoundingMode.HALF_UP:
        return np.sign(x) * np.floor(np.abs(x) + 0.5)
    return np.sign(x) * np.ceil(np.abs(x) - 0.5)  # HALF_DOWN


def _round_int(v: np.ndarray, d: int, mode: RoundingMode) -> np.ndarray:
    """Exact integer rounding of v/d to an integer with the named mode."""
    q, r = np.divmod(v, d)  # floor division: r in [0, d)
    if mode is RoundingMode.FLOOR:
        return q
    up = q + (r > 0)
    if mode is RoundingMode.CEILING:
        return up
    neg = v < 0
    if mode is RoundingMode.DOWN:
        return np.where(neg, up, q)
    if mode is RoundingMode.UP:
        return np.where(neg, q, up)
    twice = 2 * r
    if mode is RoundingMode.HALF_EVEN:
        tie_up = (twice > d) | ((twice == d) & (q % 2 == 1))
        return q + tie_up
    if mode is RoundingMode.HALF_UP:  # ties away from zero
        tie_up = (twice > d) | ((twice == d) & ~neg)
        return q + tie_up
    tie_up = (twice > d) | ((twice == d) & neg)  # HALF_DOWN: ties toward zero
    return q + tie_up
