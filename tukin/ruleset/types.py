"""Field types for rule parameters: exact numbers, rupiah, rates, column names.

Rule-type authors annotate their parameter models with these so that "0.5%", "60%", 0.6 (read
from the file's text), "1/3" and 1500000 all become exact values, while a Python float is
refused: a float in a payment rule is a silent rounding error waiting to happen.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any

from pydantic import PlainSerializer, PlainValidator, WithJsonSchema


def to_exact(x: Any) -> Fraction:
    """Exact value of a rule-file number: int, Decimal, Fraction or text ("0.6", "60%", "1/3")."""
    if isinstance(x, bool):
        raise ValueError("a true/false value is not a number")
    if isinstance(x, float):
        raise ValueError(f"{x!r} is a float; write the number as text or Decimal so it stays exact")
    if isinstance(x, int | Fraction):
        return Fraction(x)
    if isinstance(x, Decimal):
        if not x.is_finite():
            raise ValueError(f"{x} is not a finite number")
        return Fraction(x)
    if isinstance(x, str):
        text = x.strip().replace(" ", "")
        pct = text.endswith("%")
        if pct:
            text = text[:-1]
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        try:
            value = Fraction(text)
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{x!r} is not a number") from None
        return value / 100 if pct else value
    raise ValueError(f"{type(x).__name__} is not a number")


def fmt_exact(q: Fraction) -> str:
    """Shortest exact text: an integer, a terminating decimal, or p/q."""
    if q.denominator == 1:
        return str(q.numerator)
    d = q.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d == 1:
        places = max(twos, fives)
        return format(Decimal(q.numerator * 10**places // q.denominator).scaleb(-places), "f")
    return f"{q.numerator}/{q.denominator}"


def _to_rupiah(x: Any) -> int:
    q = to_exact(x)
    if q.denominator != 1:
        raise ValueError(f"{fmt_exact(q)} is not a whole rupiah amount")
    return int(q)


Exact = Annotated[
    Fraction,
    PlainValidator(to_exact),
    PlainSerializer(fmt_exact, return_type=str),
    WithJsonSchema(
        {"type": ["string", "number", "integer"], "description": "exact number: 0.6, '60%', '1/3'"}
    ),
]
"""An exact number (ratio, rate, weight)."""

Rupiah = Annotated[
    int,
    PlainValidator(_to_rupiah),
    WithJsonSchema({"type": "integer", "description": "whole rupiah"}),
]
"""A whole-rupiah amount."""

#: The mark of a parameter that names a column (what ``tukin validate --rules`` checks).
COLUMN_MARK = WithJsonSchema(
    {"type": "string", "description": "an input column or an earlier step"}
)
ColumnName = Annotated[str, COLUMN_MARK]
"""Names an input column or an earlier step's output."""
