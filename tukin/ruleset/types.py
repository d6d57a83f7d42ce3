"""Field types for rule parameters: exact numbers, rupiah, rates, column names.

Rule-type authors annotate their parameter models with these so that "0.5%", "60%", 0.6 (read
from the file's text), "1/3" and 1500000 all become exact values, while a Python float is
refused: a float in a payment rule is a silent rounding error waiting to happen.

The text is made exact *before* pydantic's own validation of the type, so the limits a model
declares on such a field (``Field(ge=0, le=12)``) are applied to the exact value. (A plain
validator would replace that validation, limits included, and a declared limit would be
silently ignored.) A rate or a cut is a :data:`Share`: a ratio from 0 to 1, refused outside it
with a message saying so in both languages, and suggesting ``'25%'`` for a share written
``25``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from fractions import Fraction
from typing import Annotated, Any, NoReturn

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from tukin.money import exact_decimal_text

#: What a key given ``null`` (a parameter's value ``None``) is told where it needs a value:
#: ``null`` is no value, the key read as not written (which an optional key may be).
NO_VALUE = ("no value given (null)", "tidak ada nilai (null)")


def to_exact(x: Any) -> Fraction:
    """Exact value of a rule-file number: int, Decimal, Fraction or text ("0.6", "60%", "1/3")."""
    if x is None:  # a parameter's null where a number is needed (null: the key not written)
        _not_a_number(NO_VALUE[0], NO_VALUE[1])
    if isinstance(x, bool):
        _not_a_number("a true/false value is not a number", "nilai true/false bukan bilangan")
    if isinstance(x, float):
        _not_a_number(
            f"{x!r} is a float; write the number as text or Decimal so it stays exact",
            f"{x!r} adalah float; tulis bilangan itu sebagai teks atau Decimal agar tetap tepat",
        )
    if isinstance(x, int | Fraction):
        return _in_range(Fraction(x), x)
    if isinstance(x, Decimal):
        if not x.is_finite():
            _not_a_number(f"{x} is not a finite number", f"{x} bukan bilangan terhingga")
        return _in_range(_decimal_fraction(x, x), x)
    if isinstance(x, str):
        text = x.strip().replace(" ", "")
        pct = text.endswith("%")
        if pct:
            text = text[:-1]
        if "," in text and "." not in text:
            text = text.replace(",", ".")
        value = exact_text(text, x)
        return _in_range(value / 100 if pct else value, x)
    _not_a_number(f"{type(x).__name__} is not a number", f"{type(x).__name__} bukan bilangan")


#: The largest magnitude of a number in a rule file: the largest whole number tukin computes
#: with exactly (2**53 - 1, the data's bound too: ``tukin.model._types.EXACT_MAX``). Larger,
#: an amount cannot be paid to the rupiah, and a factor makes every amount too large.
MAX_NUMBER = 2**53 - 1
#: The most decimal places a number in a rule file may be written with. The bound is what
#: keeps ``1e-999999999`` (or ``1e999999999``) from building an integer of a billion digits
#: while the file loads: the exponent is read before the exact value is made.
MAX_PLACES = 40


def number_limit(text: str, shown: object = None) -> tuple[str, str] | None:
    """Why the number written ``text`` (a decimal, possibly with an exponent: ``1.5e6``) is
    refused in a rule file, in English and Indonesian, or None when it is within the limits
    (:data:`MAX_NUMBER`, :data:`MAX_PLACES`) or no decimal at all (the caller's to refuse).
    Decided on the Decimal, without making the (possibly enormous) exact value."""
    d = _decimal(text)
    return None if d is None else _decimal_limit(d, text if shown is None else shown)


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace("_", "")) if text.strip() else None
    except (InvalidOperation, ValueError):
        return None


def _decimal_limit(d: Decimal, shown: object) -> tuple[str, str] | None:
    """Why ``d`` is refused (``shown`` as the file writes it), or None."""
    if not d.is_finite() or not d:  # a zero is small whatever its exponent (0e-999999999)
        return None
    if d.copy_abs() > MAX_NUMBER:  # copy_abs: no context, which overflows past 1e999999
        return _too_large(shown, d)
    if -int(d.as_tuple().exponent) > MAX_PLACES:
        return (
            f"{shown} has more than {MAX_PLACES} decimal places: write it with fewer, or as a "
            "fraction (1/3)",
            f"{shown} memiliki lebih dari {MAX_PLACES} angka desimal: tulis dengan lebih "
            "sedikit, atau sebagai pecahan (1/3)",
        )
    return None


def _too_large(shown: object, value: Decimal | None) -> tuple[str, str]:
    """The refusal of a number beyond :data:`MAX_NUMBER` (``value``, when a whole number: a
    NIP left unquoted is told to be quoted), in English and Indonesian."""
    en, id_ = f"{MAX_NUMBER:,}", f"{MAX_NUMBER:,}".replace(",", ".")
    hint_en = hint_id = ""
    if value is not None and _looks_like_an_identifier(value):
        hint_en = f'; a NIP or another identifier is text: write it in quotes ("{value}")'
        hint_id = f'; NIP atau kode lain adalah teks: tulis dalam tanda kutip ("{value}")'
    return (
        f"{shown} is too large: a number in a rule file is at most {en} in size (the "
        f"largest whole number tukin computes with exactly){hint_en}",
        f"{shown} terlalu besar: bilangan dalam berkas aturan paling besar {id_} (bilangan "
        f"bulat terbesar yang dihitung tukin dengan tepat){hint_id}",
    )


def _looks_like_an_identifier(d: Decimal) -> bool:
    """A whole positive number of 16 to 20 digits written without an exponent: a NIP (18
    digits) or NIK (16) left unquoted, which YAML reads as a number, not an amount."""
    sign, digits, exponent = d.as_tuple()
    return not sign and exponent == 0 and 16 <= len(digits) <= 20


def _decimal_fraction(d: Decimal, shown: object) -> Fraction:
    """``d`` exactly, once within the limits (:func:`_decimal_limit`)."""
    problem = _decimal_limit(d, shown)
    if problem is not None:
        _not_a_number(*problem)
    return Fraction(d) if d else Fraction(0)


def exact_text(text: str, shown: object = None) -> Fraction:
    """The exact value of a number written ``text`` (``0.6``, ``1.5e6``, ``1/3``), refused as
    :func:`to_exact` refuses (a PydanticCustomError in both languages) when it is no number
    or beyond the limits of a rule file's numbers (decided before the value is made)."""
    said = repr(text) if shown is None else repr(shown)
    d = _decimal(text) if "/" not in text else None
    if d is not None and d.is_finite():
        return _decimal_fraction(d, said)
    try:
        return Fraction(text)
    except (ValueError, ZeroDivisionError):
        grouped = _GROUPED.fullmatch(text.strip())
        if grouped:  # 1.131.487, Rp 5.000.000, 1,000,000: an amount with its separators
            digits = re.sub(r"\D", "", grouped.group(1))
            _not_a_number(
                f"{said} is not a number: write {digits} without thousands separators (a "
                "point or a comma in a rule file is a decimal mark)",
                f"{said} bukan bilangan: tulis {digits} tanpa pemisah ribuan (titik atau koma "
                "dalam berkas aturan adalah tanda desimal)",
            )
        _not_a_number(f"{said} is not a number", f"{said} bukan bilangan")


#: a whole amount written with thousands separators (two or more groups, or Rp before it)
_GROUPED = re.compile(
    r"(?:rp\.?\s*)?(\d{1,3}(?:\.\d{3}){2,}|\d{1,3}(?:,\d{3}){2,}|(?<=p)\s*\d{1,3}(?:[.,]\d{3})+)(?:,-|,00)?",
    re.IGNORECASE,
)


def _in_range(q: Fraction, shown: object) -> Fraction:
    """``q``, or the refusal of a number too large for a rule file (:data:`MAX_NUMBER`)."""
    if abs(q) > MAX_NUMBER:
        said = shown if isinstance(shown, str | Decimal) else fmt_exact(q)
        _not_a_number(*_too_large(said, Decimal(q.numerator) if q.denominator == 1 else None))
    return q


def _not_a_number(en: str, id_: str) -> NoReturn:
    """A value that is no exact number, said in both languages: a ``ValueError`` (pydantic's
    custom error is one) whose text is the English, and which a rule file's check shows in
    Indonesian too."""
    raise PydanticCustomError("not_a_number", "{message}", {"message": en, "message_id": id_})


def refuse_field(field: str, value: Any, code: str, en: str, id_: str) -> NoReturn:
    """Refuse a parameter model's ``field`` from a check of the whole model, in both languages
    (``message_id``), placed at the field: a model validator's own error has no place, so a
    rule file's check would point at the step, not at the key, or at the ``$parameter`` the
    value came from."""
    from pydantic import ValidationError
    from pydantic_core import InitErrorDetails

    error = PydanticCustomError(code, "{message}", {"message": en, "message_id": id_})
    raise ValidationError.from_exception_data(
        "parameters", [InitErrorDetails(type=error, loc=(field,), input=value)]
    )


def refusal(en: str, id_: str) -> PydanticCustomError:
    """What a rule type's validator raises to refuse its parameters, in both languages (a
    plain ``ValueError`` is shown in English in both: no catalogue has its Indonesian)."""
    return PydanticCustomError(
        "parameters_refused", "{message}", {"message": en, "message_id": id_}
    )


def empty_table(en: str, id_: str) -> PydanticCustomError:
    """The error of a table with which a step can pay nobody (code ``empty_table``): empty,
    or holding only keys the data cannot have, where nothing says what a key not in it
    gives. Raise it from a field validator; :func:`refuse_field` from a model validator."""
    return PydanticCustomError("empty_table", "{message}", {"message": en, "message_id": id_})


def fmt_exact(q: Fraction) -> str:
    """Shortest exact text: an integer, a terminating decimal, or p/q."""
    text = exact_decimal_text(q)
    return text if text is not None else f"{q.numerator}/{q.denominator}"


def _to_rupiah(x: Any) -> int:
    q = to_exact(x)
    if q.denominator != 1:
        _not_a_number(
            f"{fmt_exact(q)} is not a whole rupiah amount",
            f"{fmt_exact(q)} bukan jumlah rupiah bulat",
        )
    return int(q)


Exact = Annotated[
    Fraction,
    BeforeValidator(to_exact),
    PlainSerializer(fmt_exact, return_type=str),
    WithJsonSchema(
        {"type": ["string", "number", "integer"], "description": "exact number: 0.6, '60%', '1/3'"}
    ),
]
"""An exact number (ratio, rate, weight)."""

Rupiah = Annotated[
    int,
    BeforeValidator(_to_rupiah),
    WithJsonSchema({"type": "integer", "description": "whole rupiah"}),
]
"""A whole-rupiah amount."""


def _percent(q: Fraction) -> str:
    return f"{fmt_exact(q * 100)}%"


def _share(x: Any) -> Fraction:
    """A ratio from 0 to 1 (0% to 100%), or a PydanticCustomError saying so in both
    languages (``message_id``: what :mod:`tukin.ruleset.check` shows in Indonesian). Run on
    the value as written, so a number written without ``%`` (``25``, ``4``) can be told from
    one written with it."""
    q = to_exact(x)
    if 0 <= q <= 1:
        return q
    given = f"{fmt_exact(q)} ({_percent(q)})"
    en = f"{given} is outside the allowed range, 0 to 100% (a share: 0 to 1)"
    id_ = f"{given} di luar rentang yang diizinkan, 0 sampai 100% (bagian: 0 sampai 1)"
    written_pct = isinstance(x, str) and x.strip().endswith("%")
    if 1 < q <= 100 and not written_pct:
        en += f"; for {fmt_exact(q)}% write '{fmt_exact(q)}%'"
        id_ += f"; untuk {fmt_exact(q)}% tulis '{fmt_exact(q)}%'"
    return _raise_range(en, id_)


def _raise_range(en: str, id_: str) -> Fraction:
    # braces in the text would be read as pydantic's placeholders: they are passed as context
    raise PydanticCustomError("out_of_range", "{message}", {"message": en, "message_id": id_})


#: The mark of a share (what the rule-type reference calls *share*).
SHARE_MARK = WithJsonSchema(
    {
        "type": ["string", "number", "integer"],
        "description": "a share from 0 to 1: '25%', 0.25",
        "minimum": 0,
        "maximum": 1,
    }
)
Share = Annotated[Exact, BeforeValidator(_share), SHARE_MARK]
"""A rate or a cut: an exact ratio from 0 to 1 (0% to 100%), refused outside it."""

#: The mark of a parameter that names a column (what ``tukin validate --rules`` checks).
COLUMN_MARK = WithJsonSchema(
    {"type": "string", "description": "an input column or an earlier step"}
)
ColumnName = Annotated[str, COLUMN_MARK]
"""Names an input column or an earlier step's output."""
