"""Numbers as people write them, read exactly: Indonesian spreadsheet text, percentages, floats.

An HR officer types ``Rp1.234.567,50`` or ``12,5%``; pandas hands a typed ``0.1`` over as the
nearest binary float. Each reader here gives the exact number the person meant (a
:class:`~decimal.Decimal` or a :class:`~fractions.Fraction`), or a
:class:`~tukin.errors.DataError` ``not_a_number`` with the text as value: never a guess.
The functions are re-exported by :mod:`tukin.money`, where they have always been imported from.

>>> parse_id_number("Rp 1.234.567,50"), parse_percent("12,5%")
(Decimal('1234567.50'), Fraction(1, 8))
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from numbers import Integral, Real

from tukin.errors import DataError, MoneyError

__all__ = [
    "decimal_from_float_repr",
    "is_float",
    "parse_id_number",
    "parse_percent",
    "plain_decimal",
]


def is_float(x: object) -> bool:
    """True for float and numpy floating scalars: Real numbers that are not exact (Rational)."""
    return isinstance(x, float) or (isinstance(x, Real) and not isinstance(x, Integral | Fraction))


def parse_id_number(text: str | int | Decimal) -> Decimal:
    """Read a number as people write it in Indonesian spreadsheets, exactly.

    Rules, in order:

    * ``Rp``/``Rp.`` before the number, a leading sign (before or after ``Rp``), surrounding
      spaces and a trailing ``,-`` (``Rp5.000,-``) are ignored.
    * Both ``.`` and ``,`` present: the last one is the decimal point and the other groups
      thousands (``1.234.567,89`` Indonesian, ``1,234,567.89`` English).
    * Several of one separator: thousands groups (``1.234.567``, ``1,234,567``).
    * One ``,``: decimal comma (``1,5`` is 1.5, ``1,234`` is 1.234).
    * One ``.``: thousands when it reads as a group -- 1-3 digits not starting with 0, then
      exactly 3 digits (``1.234`` is 1234, ``12.500`` is 12500); else a decimal point
      (``1.5``, ``0.125``, ``1234.567``).
    * Thousands groups must be well formed (``1.23.456`` is refused).

    A ``%`` is refused: a percentage is a ratio, read it with :func:`parse_percent`. Anything
    else raises :class:`~tukin.errors.DataError` ``not_a_number`` with the text as value.
    """
    if isinstance(text, Decimal | Integral) and not isinstance(text, bool):
        return Decimal(int(text)) if isinstance(text, Integral) else _finite(text)
    if is_float(text):
        raise MoneyError(code="float_money", value=text)
    plain = _plain_number(text) if isinstance(text, str) else None
    if plain is None:
        raise DataError(code="not_a_number", value=text)
    return Decimal(plain)


def _finite(value: Decimal) -> Decimal:
    if not value.is_finite():
        raise DataError(code="not_finite", value=value)
    return value


_GROUPED = {sep: re.compile(rf"[1-9][0-9]{{0,2}}(?:\{sep}[0-9]{{3}})+") for sep in ".,"}
_DIGITS = re.compile(r"[0-9]+")


def _plain_number(text: str) -> str | None:
    """``text`` rewritten as ``-1234.5`` by the rules of :func:`parse_id_number`, or None."""
    s = text.strip()
    sign = ""
    if s[:1] in ("+", "-"):
        sign, s = s[0], s[1:].lstrip()
    if s[:2].lower() == "rp":
        s = s[2:].removeprefix(".").lstrip()
        if not sign and s[:1] in ("+", "-"):
            sign, s = s[0], s[1:]
    s = s.removesuffix(",-")
    if not re.fullmatch(r"[0-9][0-9.,]*", s) or not s[-1].isdigit():
        return None
    dots, commas = s.count("."), s.count(",")
    whole: str | None
    if dots and commas:
        point = "." if s.rfind(".") > s.rfind(",") else ","
        whole, _, frac = s.rpartition(point)
        whole = _ungroup(whole, "," if point == "." else ".")
    elif dots > 1 or commas > 1:
        whole, frac = _ungroup(s, "." if dots else ","), ""
    elif commas or (dots and not _GROUPED["."].fullmatch(s)):
        whole, _, frac = s.replace(",", ".").partition(".")
    else:  # no separator, or one '.' that reads as a thousands group
        whole, frac = s.replace(".", ""), ""
    if whole is None or not _DIGITS.fullmatch(whole) or (frac and not _DIGITS.fullmatch(frac)):
        return None
    return sign + whole + ("." + frac if frac else "")


def _ungroup(text: str, sep: str) -> str | None:
    if sep not in text:
        return text
    return text.replace(sep, "") if _GROUPED[sep].fullmatch(text) else None


def parse_percent(text: str) -> Fraction:
    """A ratio from ``"12,5%"``/``"12.5%"`` (1/8) or a plain ratio ``"0.125"`` (1/8), exactly.

    The number is read with :func:`parse_id_number`'s rules; a trailing ``%`` divides by 100.
    """
    if not isinstance(text, str):
        raise DataError(code="not_a_number", value=text)
    body = text.strip()
    scale = Fraction(1, 100) if body.endswith("%") else Fraction(1)
    plain = _plain_number(body.removesuffix("%"))
    if plain is None:
        raise DataError(code="not_a_number", value=text)
    return Fraction(Decimal(plain)) * scale


def decimal_from_float_repr(x: float) -> Decimal:
    """The one sanctioned float -> exact conversion: the shortest repr, ``Decimal(repr(x))``.

    pandas hands spreadsheet decimals over as float64; ``0.1`` arrives as the nearest binary
    value, and its shortest repr ``"0.1"`` is what the person typed. NaN and infinities are
    refused (:class:`~tukin.errors.DataError` ``not_finite``). Integers pass through exactly.

    >>> decimal_from_float_repr(0.1), decimal_from_float_repr(1234567.5)
    (Decimal('0.1'), Decimal('1234567.5'))
    """
    if isinstance(x, Integral) and not isinstance(x, bool):
        return Decimal(int(x))
    if not is_float(x):
        raise DataError(code="not_a_number", value=x)
    # float() is exact for float64; numpy float32/16 print their own shortest repr via str().
    text = repr(float(x)) if isinstance(x, float) else str(x)
    value = Decimal(text)
    if not value.is_finite():
        raise DataError(code="not_finite", value=x)
    return value


#: beyond this exponent a number is written in scientific notation: ``format(d, "f")`` of
#: ``1E+999999999`` would be a gigabyte of zeros (a fuzzed rule file can hold one)
_POSITIONAL_EXPONENT = 4000


def plain_decimal(value: Decimal) -> str:
    """A decimal's one text: positional, no trailing zeros, ``0`` for any zero (``-0.00``
    too); ``NaN`` / ``sNaN`` / ``Infinity`` as :class:`~decimal.Decimal` spells them.

    The basis of fingerprints, where two numbers must never share a text: ``normalize()``
    under the default context rounds to 28 digits, so two numbers of 29 digits that differ in
    the last would be one, and it raises on a signalling NaN or an exponent past 999999.
    Here the trailing zeros are taken off the digits themselves, with no context at all: any
    context has an exponent range, and a Decimal below it rounded to 0 (``1E-10**18`` and
    ``2E-10**18`` were one text).

    >>> [plain_decimal(Decimal(t)) for t in ("1.500", "-0.0", "2E+3")]
    ['1.5', '0', '2000']
    """
    if not value.is_finite():
        return str(value)
    if not value:
        return "0"
    sign, digits, exponent = value.as_tuple()
    kept = len(digits)
    while not digits[kept - 1]:  # a non-zero number has a non-zero digit
        kept -= 1
    exact = Decimal((sign, digits[:kept], int(exponent) + len(digits) - kept))
    if abs(exact.adjusted()) > _POSITIONAL_EXPONENT:
        return str(exact)
    return format(exact, "f")
