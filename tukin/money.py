"""Exact rupiah and exact ratios: no float anywhere, and every rounding is a named step.

Regulations state rates as percentages and a payment must be reproducible to the rupiah years
later. A binary float cannot hold 0.6, and :mod:`decimal` rounds by an ambient context that any
library may change, so: amounts are rupiah held as :class:`~fractions.Fraction` (whole once a
rule rounds them), ratios are Fractions, and :func:`round_to` rounds with integer arithmetic
under the :class:`RoundingMode` the rule file names. Float is refused with
:class:`~tukin.errors.MoneyError` (``float_money``); money x money and money + number too.
Reading numbers from people's text (``Rp1.234.567,50``, ``12,5%``) is :mod:`tukin.numtext`;
its readers are re-exported here.

>>> pay = Money(4_567_891) * to_fraction("60%")
>>> pay
Money('2740734.6')
>>> print(pay.round(RoundingMode.HALF_UP, unit=1000))
Rp2.741.000
>>> parse_id_number("Rp 1.234.567,50"), parse_percent("12,5%")
(Decimal('1234567.50'), Fraction(1, 8))
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction
from functools import total_ordering
from numbers import Integral
from typing import Literal, cast, overload

from tukin._language import resolve as resolve_lang
from tukin.errors import DataError, MoneyError
from tukin.numtext import decimal_from_float_repr, parse_id_number, parse_percent
from tukin.numtext import is_float as _is_float

__all__ = [
    "Money",
    "RoundingMode",
    "decimal_from_float_repr",
    "exact_decimal_text",
    "format_rupiah",
    "format_rupiah_exact",
    "parse_id_number",
    "parse_percent",
    "percent_text",
    "round_to",
    "to_fraction",
]

Exact = int | Decimal | Fraction
_DECIMAL_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_RATIO_TEXT = re.compile(r"[+-]?[0-9]+/[0-9]+")


class RoundingMode(StrEnum):
    """How a value between two multiples of the unit is rounded; rule files name it by value."""

    HALF_UP = "half_up"  # nearest; ties away from zero (the usual school rule)
    HALF_EVEN = "half_even"  # nearest; ties to the even multiple (banker's rounding)
    HALF_DOWN = "half_down"  # nearest; ties toward zero
    DOWN = "down"  # toward zero (truncate)
    UP = "up"  # away from zero
    FLOOR = "floor"  # toward -infinity
    CEILING = "ceiling"  # toward +infinity

    @classmethod
    def _missing_(cls, value: object) -> RoundingMode | None:
        """Accept ``"HALF_UP"`` and ``"half-up"`` as well: people type rule files."""
        if isinstance(value, str):
            key = value.strip().lower().replace("-", "_")
            return next((m for m in cls if m.value == key), None)
        return None


def to_fraction(x: Exact | str) -> Fraction:
    """``x`` as an exact Fraction: int, Decimal, Fraction or text (``"0.6"``, ``"60%"``, ``"1/3"``).

    Text uses ``.`` as the decimal point (rule files); Indonesian ``12,5%`` goes through
    :func:`parse_percent`. float and bool are refused (:class:`MoneyError`): a float has
    already lost the value, and ``True * rate`` is a bug. NaN/infinite Decimals and text that
    is not a number raise :class:`~tukin.errors.DataError`.
    """
    if _is_float(x):
        raise MoneyError(code="float_money", value=x)
    if isinstance(x, bool):
        raise MoneyError(detail=f"{x!r} is a bool, not a number")
    if isinstance(x, Fraction):
        return x
    if isinstance(x, Integral):
        return Fraction(int(x))
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise DataError(code="not_finite", value=x)
        return Fraction(x)
    if isinstance(x, str):
        text = x.strip()
        scale = Fraction(1, 100) if text.endswith("%") else Fraction(1)
        body = text.removesuffix("%").rstrip()
        if _DECIMAL_TEXT.fullmatch(body) or _RATIO_TEXT.fullmatch(body):
            try:
                return Fraction(body) * scale
            except ZeroDivisionError:
                pass
        raise DataError(code="not_a_number", value=x)
    raise MoneyError(detail=f"cannot use a {type(x).__name__} as an exact number")


def round_to(
    x: Exact | Money, mode: RoundingMode | str = RoundingMode.HALF_UP, unit: int = 1
) -> int:
    """Round ``x`` to a whole multiple of ``unit`` rupiah (1, 100, 1000) with ``mode``.

    Pure integer arithmetic on the exact value, so the result never depends on a decimal
    context or on float representation.

    >>> [round_to(Fraction(-5, 2), m) for m in ("half_up", "half_even", "half_down", "floor")]
    [-3, -2, -2, -3]
    >>> round_to(1_234_500, RoundingMode.HALF_UP, unit=1000)
    1235000
    """
    mode = _mode(mode)
    if not isinstance(unit, Integral) or isinstance(unit, bool) or unit <= 0:
        raise MoneyError(
            code="invalid_rounding", detail=f"unit must be a positive int, not {unit!r}"
        )
    unit = int(unit)
    q = (x.amount if isinstance(x, Money) else to_fraction(x)) / unit
    low, rem = divmod(q.numerator, q.denominator)  # low = floor(q), 0 <= rem < denominator
    if rem == 0:
        return low * unit
    high = low + 1
    if mode in _HALF and 2 * rem != q.denominator:  # not a tie: the nearest multiple wins
        return (low if 2 * rem < q.denominator else high) * unit
    toward_zero, away = (low, high) if q > 0 else (high, low)
    choice = {  # directed modes, and the half modes on an exact tie
        RoundingMode.FLOOR: low,
        RoundingMode.CEILING: high,
        RoundingMode.DOWN: toward_zero,
        RoundingMode.UP: away,
        RoundingMode.HALF_DOWN: toward_zero,
        RoundingMode.HALF_UP: away,
        RoundingMode.HALF_EVEN: low if low % 2 == 0 else high,
    }
    return choice[mode] * unit


_HALF = frozenset({RoundingMode.HALF_UP, RoundingMode.HALF_EVEN, RoundingMode.HALF_DOWN})


def _mode(mode: RoundingMode | str) -> RoundingMode:
    try:
        return RoundingMode(mode)
    except ValueError:
        names = ", ".join(m.value for m in RoundingMode)
        detail = f"unknown rounding {mode!r}; use one of: {names}"
        raise MoneyError(code="invalid_rounding", detail=detail) from None


@total_ordering
class Money:
    """An exact rupiah amount: immutable, hashable, never a float.

    Usually whole rupiah; mid-calculation it may be fractional (``Money(1000) / 3``) until a
    named :meth:`round`. Text input is plain ``1500.50`` (use :func:`parse_id_number` for
    ``Rp1.500,50``). Arithmetic that means nothing in rupiah is a :class:`MoneyError`:
    money x money, money + number, number / money.
    """

    __slots__ = ("_amount",)
    _amount: Fraction

    def __init__(self, amount: Exact | str | Money = 0) -> None:
        if isinstance(amount, Money):
            value = amount._amount
        elif isinstance(amount, str):
            if not re.fullmatch(r"[+-]?[0-9]+(?:\.[0-9]+)?", amount.strip()):
                raise DataError(code="not_a_number", value=amount)
            value = Fraction(amount.strip())
        else:
            value = to_fraction(amount)
        object.__setattr__(self, "_amount", value)

    @classmethod
    def _of(cls, value: Fraction) -> Money:
        money = object.__new__(cls)
        object.__setattr__(money, "_amount", value)
        return money

    @classmethod
    def total(cls, items: Iterable[Money]) -> Money:
        """The sum of ``items`` (``Money(0)`` when empty); every item must be Money."""
        acc = Fraction(0)
        for item in items:
            if not isinstance(item, Money):
                raise MoneyError(detail=f"Money.total() got a {type(item).__name__}, not Money")
            acc += item._amount
        return cls._of(acc)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Money is immutable")

    def __reduce__(self) -> tuple[type[Money], tuple[Fraction]]:
        return (Money, (self._amount,))

    @property
    def amount(self) -> Fraction:
        """The exact amount in rupiah."""
        return self._amount

    @property
    def is_integral(self) -> bool:
        """Whether the amount is whole rupiah."""
        return self._amount.denominator == 1

    def round(self, mode: RoundingMode | str, unit: int = 1) -> Money:
        """Whole rupiah: a multiple of ``unit`` rounded by the named ``mode`` (:func:`round_to`)."""
        return Money._of(Fraction(round_to(self._amount, mode, unit)))

    def __int__(self) -> int:
        if not self.is_integral:
            raise MoneyError(detail=f"{self!r} is not whole rupiah; call .round(mode) first")
        return self._amount.numerator

    # -- arithmetic ---------------------------------------------------------------------------

    def _factor(self, other: object, verb: str) -> Fraction:
        """``other`` as an exact scale factor, or the MoneyError that says why it cannot be."""
        if isinstance(other, Money):
            raise MoneyError(detail=f"cannot {verb} money by money; use a ratio (money / money)")
        if isinstance(other, str):
            raise MoneyError(detail=f"cannot {verb} money by text {other!r}; use to_fraction()")
        return to_fraction(cast(Exact, other))  # refuses float, bool and other types

    def _addend(self, other: object) -> Fraction:
        if isinstance(other, Money):
            return other._amount
        if _is_float(other):
            raise MoneyError(code="float_money", value=other)
        raise MoneyError(
            detail=f"cannot add or subtract {other!r} and money; wrap amounts in Money() "
            "and sum with Money.total() or sum(..., Money(0))"
        )

    # Static types state the meaningful operations; runtime checks refuse the rest anyway.

    def __add__(self, other: Money) -> Money:
        return Money._of(self._amount + self._addend(other))

    def __radd__(self, other: object) -> Money:
        return Money._of(self._addend(other) + self._amount)

    def __sub__(self, other: Money) -> Money:
        return Money._of(self._amount - self._addend(other))

    def __rsub__(self, other: object) -> Money:
        return Money._of(self._addend(other) - self._amount)

    def __mul__(self, other: Exact) -> Money:
        return Money._of(self._amount * self._factor(other, "multiply"))

    __rmul__ = __mul__

    @overload
    def __truediv__(self, other: Money) -> Fraction: ...
    @overload
    def __truediv__(self, other: Exact) -> Money: ...
    def __truediv__(self, other: Money | Exact) -> Money | Fraction:
        if isinstance(other, Money):
            return self._amount / other._amount  # a ratio: how many times other fits
        return Money._of(self._amount / self._factor(other, "divide"))

    def __rtruediv__(self, other: object) -> Money:
        raise MoneyError(detail="cannot divide a number by money")

    def __neg__(self) -> Money:
        return Money._of(-self._amount)

    def __pos__(self) -> Money:
        return self

    def __abs__(self) -> Money:
        return Money._of(abs(self._amount))

    def __bool__(self) -> bool:
        return self._amount != 0

    # -- comparison ---------------------------------------------------------------------------

    def __eq__(self, other: object) -> bool:
        return self._amount == other._amount if isinstance(other, Money) else NotImplemented

    def __hash__(self) -> int:
        return hash((Money, self._amount))

    def __lt__(self, other: Money) -> bool:  # total_ordering derives <=, >, >= from this
        if not isinstance(other, Money):
            raise MoneyError(detail=f"cannot compare money with {other!r}; compare with Money()")
        return self._amount < other._amount

    # -- text ---------------------------------------------------------------------------------

    def format(self, lang: Literal["id", "en"] | None = None, decimals: int | None = None) -> str:
        """``Rp1.234.567`` (Indonesian) or ``Rp1,234,567`` (English), for people, not arithmetic;
        ``lang`` ``None`` is :func:`tukin.get_language`.

        ``decimals`` defaults to 0 for whole rupiah and 2 otherwise; extra digits are rounded
        half up for display only.
        """
        places = (0 if self.is_integral else 2) if decimals is None else decimals
        return format_rupiah(self, places, lang=lang)

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        value = self._amount
        if value.denominator == 1:
            return f"Money({value.numerator})"
        text = exact_decimal_text(value)
        return (
            f"Money('{text}')"
            if text
            else f"Money(Fraction({value.numerator}, {value.denominator}))"
        )


def exact_decimal_text(value: Fraction) -> str | None:
    """The finite decimal spelling of ``value``, or None when it has none (like 1/3)."""
    rest, twos, fives = value.denominator, 0, 0
    while rest % 2 == 0:
        rest, twos = rest // 2, twos + 1
    while rest % 5 == 0:
        rest, fives = rest // 5, fives + 1
    if rest != 1:
        return None
    places = max(twos, fives)  # the fewest digits that make value * 10**places whole
    scaled = value.numerator * 10**places // value.denominator
    digits = str(abs(scaled)).rjust(places + 1, "0")
    sign = "-" if scaled < 0 else ""
    return f"{sign}{digits[:-places]}.{digits[-places:]}" if places else f"{sign}{digits}"


def percent_text(share: Fraction | Decimal | int) -> str:
    """A share as the percentage a rule file writes (``0.005`` -> ``0.5%``): exact when it
    has a finite decimal spelling, else the fraction itself (``1/3``)."""
    q = Fraction(share)
    text = exact_decimal_text(q * 100)
    return f"{text}%" if text is not None else str(q)


def format_rupiah_exact(
    amount: Fraction | int, *, lang: Literal["id", "en"] | None = None
) -> str | None:
    """``amount`` with every decimal of its part of a rupiah (``Rp347.842,5``), as an
    explanation shows an amount before rounding; None when it has no finite decimal spelling
    (a third of a rupiah), for the caller to say how it shows that."""
    text = exact_decimal_text(Fraction(amount))
    if text is None:
        return None
    return format_rupiah(amount, len(text.partition(".")[2]), lang=lang)


def format_rupiah(
    amount: Exact | Money, decimals: int = 0, *, lang: Literal["id", "en"] | None = None
) -> str:
    """``Rp1.234.567`` / ``-Rp1.234``, ``decimals`` places after ``,`` (English swaps ``.``/``,``;
    ``lang`` ``None`` is :func:`tukin.get_language`, Indonesian unless set otherwise).

    Display only: a fractional amount is shown rounded half up, the value is not changed.

    >>> format_rupiah(-1234), format_rupiah(Fraction(3, 2), 2), format_rupiah(1234567, lang="en")
    ('-Rp1.234', 'Rp1,50', 'Rp1,234,567')
    """
    if type(decimals) is not int or decimals < 0:
        raise MoneyError(
            code="invalid_rounding", detail=f"decimals must be an int >= 0, not {decimals!r}"
        )
    value = amount.amount if isinstance(amount, Money) else to_fraction(amount)
    scaled = round_to(abs(value) * 10**decimals, RoundingMode.HALF_UP)
    whole, frac = divmod(scaled, 10**decimals)
    group, point = (".", ",") if resolve_lang(lang) == "id" else (",", ".")
    text = f"{whole:,}".replace(",", group)
    if decimals:
        text += point + str(frac).rjust(decimals, "0")
    return ("-" if value < 0 and scaled else "") + "Rp" + text
