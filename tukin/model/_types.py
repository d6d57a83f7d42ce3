"""Field types shared by the domain models, and the normalisations the Dataset applies too.

The models and the vectorised :mod:`tukin.validation` must agree on what a valid cell is, so the
small text normalisations live here, in plain Python, and the validator applies them to the
*distinct* values of a column. Decimal policy: a quantity (weight, target, percentage) accepts
int, str, Decimal and float; a float is read by its shortest repr
(:func:`tukin.money.decimal_from_float_repr`), which is the number a person typed. Money is
integer rupiah and refuses float outright, because a float amount has already been rounded
by someone, somewhere.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation
from numbers import Integral
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

from tukin import contract
from tukin.money import decimal_from_float_repr
from tukin.period import Period

_SEPARATORS = re.compile(r"[\s\-]+")
_WHITESPACE = re.compile(r"\s+")
NIP_LENGTH = 18
#: The label a print export writes before a NIP, up to its first digit: ``NIP. 1966…``,
#: ``NIP: …``, ``N.I.P. …``, ``N I P …`` (any case). The readers' footer detector knows a
#: signer's NIP line under a signature block by it too.
NIP_LABEL = re.compile(r"^\s*N\.?\s*I\.?\s*P\.?\s*[.:]?\s*(?=\d)", re.IGNORECASE)


def normalise_choice(value: str) -> str:
    """``" Sub Kegiatan "`` -> ``"sub_kegiatan"``: case, outer spaces and spaces/dashes inside.

    Spreadsheets spell enum values by hand; these spellings cannot mean anything else.
    """
    return _SEPARATORS.sub("_", value.strip().lower())


def normalise_nip(value: str) -> str:
    """A NIP as text, the one rule for every NIP given (a table's cell, ``explain``, the
    command line): every space dropped, as NIPs are often written in groups (``19850101
    201001 1 001``), the no-break spaces of a web page too; and every invisible character
    (:func:`without_invisible`); and a leading ``NIP`` label right before the digits
    (:data:`NIP_LABEL`: ``NIP. 19850101 201001 1 001``, as a SIMPEG print export or an SK
    letter writes it), which cannot be part of any NIP. Nothing else is changed: a character
    that is seen stays (``NIP lama 1985…``, ``1985… NIP``), and the NIP is then refused or
    unknown showing it."""
    return NIP_LABEL.sub("", without_invisible(_WHITESPACE.sub("", value)), count=1)


def without_invisible(value: str) -> str:
    """``value`` without the characters no one sees that a text copied from a web page, a
    PDF or Word carries: Unicode's format characters (category Cf: the zero-width space and
    joiners, the word joiner, the byte order mark, direction marks, the soft hyphen).
    ASCII text is returned as it is, at no cost."""
    if value.isascii():
        return value
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cf")


def doc(table: str, column: str) -> str:
    """The contract's description of a column: the models document fields with the same words."""
    return contract.TABLES[table].column(column).doc


def _choice(value: Any) -> Any:
    return normalise_choice(value) if isinstance(value, str) else value


def _text(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value or None
    return value


def _nip(value: Any) -> Any:
    if isinstance(value, Integral) and not isinstance(value, bool):
        value = str(int(value))
    if isinstance(value, str):
        value = normalise_nip(value)
    return value


def _no_bool(value: Any) -> Any:
    if isinstance(value, bool):
        raise PydanticCustomError("not_a_number", "a yes/no value is not a number")
    return value


def _rupiah(value: Any) -> Any:
    """Money is whole rupiah: int, digit text or an integral Decimal; never float."""
    value = _no_bool(value)
    if isinstance(value, float):
        raise PydanticCustomError(
            "float_money",
            "money must be integer rupiah or Decimal, not float ({value})",
            {"value": value},
        )
    if isinstance(value, Decimal):
        if not value.is_finite() or value != value.to_integral_value():
            raise PydanticCustomError(
                "not_an_integer", "'{value}' is not a whole number", {"value": str(value)}
            )
        return int(value)
    return value


def _quantity(value: Any) -> Any:
    """A decimal quantity: float is read by its shortest repr, never by its binary value."""
    value = _no_bool(value)
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise PydanticCustomError(
                "not_finite", "'{value}' is not a finite number", {"value": value}
            )
        return decimal_from_float_repr(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            raise PydanticCustomError(
                "not_a_number", "'{value}' is not a number", {"value": value}
            ) from None
    return value


# The constraints (Field) come before the normalising BeforeValidator: pydantic then puts them
# on the value the validator hands on, and publishes them as JSON Schema keywords (minimum,
# pattern...). After it, they would still be enforced but published as ``ge``/``le``, words
# no JSON Schema validator knows, so a published schema would accept a cut of 500 %.
Id = Annotated[str, Field(min_length=1, pattern=r"\S"), BeforeValidator(_text)]
_Filled = Annotated[str, Field(min_length=1, pattern=r"\S")]  # blank is None: see _text
OptionalId = Annotated[_Filled | None, BeforeValidator(_text)]
Text = Annotated[str, Field(min_length=1, pattern=r"\S"), BeforeValidator(_text)]
OptionalText = Annotated[_Filled | None, BeforeValidator(_text)]
Nip = Annotated[str, Field(pattern=rf"^[0-9]{{{NIP_LENGTH}}}$"), BeforeValidator(_nip)]
_GRADE = contract.TABLES["positions"].column("grade")
_MONTHS = contract.TABLES["sanctions"].column("months")
#: Bounded whole numbers, the bounds read from the contract (never retyped). A bound given
#: again at the field (``months: Count = Field(ge=1)``) would be lost: pydantic keeps the
#: type's own, so each bounded column has its own type.
Grade = Annotated[int, Field(ge=_GRADE.minimum, le=_GRADE.maximum), BeforeValidator(_no_bool)]
Months = Annotated[int, Field(ge=_MONTHS.minimum, le=_MONTHS.maximum), BeforeValidator(_no_bool)]
#: The largest whole number machine input carries exactly (JSON numbers are doubles): beyond
#: it the Dataset refuses a record's amount (``number_too_large``), so the model does too.
EXACT_MAX = 2**53 - 1
Rupiah = Annotated[int, Field(ge=0, le=EXACT_MAX), BeforeValidator(_rupiah)]
Count = Annotated[int, Field(ge=0, le=EXACT_MAX), BeforeValidator(_no_bool)]
Quantity = Annotated[Decimal, Field(ge=0, allow_inf_nan=False), BeforeValidator(_quantity)]
Percent = Annotated[Decimal, Field(ge=0, le=100, allow_inf_nan=False), BeforeValidator(_quantity)]


def _whole_percent(value: Decimal) -> Decimal:
    if 0 < value < 1:  # see tukin.contract.Column.percent
        raise PydanticCustomError(
            "percent_as_fraction",
            "{value} would be a cut of {value} %: type the percentage (25 for a quarter)",
            {"value": value},
        )
    return value


#: A cut in percent: 0, or 1 to 100 (``0.25`` is a fraction typed for 25 %, refused).
CutPercent = Annotated[
    Percent,
    AfterValidator(_whole_percent),
    Field(json_schema_extra={"not": {"exclusiveMinimum": 0, "exclusiveMaximum": 1}}),
]


def _a_month(value: Period) -> Period:
    if not value.is_month:  # see tukin.contract.Column.month
        raise PydanticCustomError(
            "period_not_month",
            "'{value}' is not a month: give the first month (2025-03)",
            {"value": str(value)},
        )
    return value


#: The period of a month (``2025-03``): a quarter or a year is refused, not read as its first
#: month (a sanction's start).
MONTH_PATTERN = r"^\s*(19[0-9]{2}|2[01][0-9]{2}|2200)-(0[1-9]|1[0-2])\s*$"
Month = Annotated[
    Period,
    AfterValidator(_a_month),
    Field(json_schema_extra={"pattern": MONTH_PATTERN, "examples": ["2025-03"]}),
]


# Enum fields accept the same spellings as the Dataset (case, spaces, dashes); a test pins
# each Literal to its tuple in tukin.contract.
_Choice = BeforeValidator(_choice)
PositionKind = Annotated[
    Literal["jpt", "administrator", "pengawas", "pelaksana", "fungsional"], _Choice
]
EmployeeStatus = Annotated[Literal["pns", "cpns", "pppk"], _Choice]
WorkItemLevel = Annotated[Literal["program", "kegiatan", "sub_kegiatan"], _Choice]
Polarity = Annotated[Literal["higher", "lower"], _Choice]
Aggregation = Annotated[Literal["level", "sum"], _Choice]
Rating = Annotated[Literal["above", "as_expected", "below"], _Choice]
ActingKind = Annotated[Literal["plt", "plh"], _Choice]
ReportStatus = Annotated[Literal["entered", "approved", "signed"], _Choice]


class Record(BaseModel):
    """Base of every input record: frozen, unknown fields refused, one row of one table.

    ``__table__`` names the contract table; :meth:`to_row` gives the row in contract columns,
    which is what :meth:`tukin.Dataset.from_records` feeds to the same validator as frames.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    __table__: ClassVar[str] = ""

    def to_row(self) -> dict[str, Any]:
        """This record as one row of its contract table (periods as canonical strings)."""
        values = ((name, getattr(self, name)) for name in type(self).model_fields)
        return {name: str(v) if isinstance(v, Period) else v for name, v in values}
