"""One spreadsheet cell to the value the validator expects, without silent coercion.

Readers hand over cells exactly as the file holds them: text, int, float, datetime, bool. Here
each is turned into what the contract column needs, by rules a HR officer can predict:

These conversions are for what a person typed (Excel, CSV); machine input (JSON, records) is
read by :mod:`tukin.io._machine` instead, in machine notation.

* numbers in text are read the Indonesian way (:func:`tukin.money.parse_id_number`:
  ``1.234.567``, ``1.234,5``, ``Rp5.000,-``), a cell either notation reads another way
  (``82.231``, ``250,000``) by what its column shows, or refused (:func:`read_notation`); in
  a decimal column a percentage (``40%``, or a cell formatted as percent holding 0.4) is the
  number before the ``%`` sign (40);
* dates: Excel dates, ``31/01/2025`` (day first, unless cells of the column can only be
  month first: then what reads both ways is refused, unless those are a few odd ones among
  day-first cells, :func:`month_first_dates`),
  ``31-01-2025``, ``2025-01-31``,
  ISO date-times (``2025-01-31T00:00:00``: the date; a time of day is dropped, as the Dataset
  does) and ``31 Januari 2025`` (Indonesian or English month names, full or short);
* periods: ``2025-10``, ``10/2025``, ``Oktober 2025``, ``2025-Q3``..., and an Excel date on the
  first of a month (Excel turns a typed ``Okt 2025`` into 1 October 2025), in a CSV file the
  text Excel shows for it (``01/10/2025``, ``Okt-25``);
* attendance counts: a dash alone (``-``) is none, as a blank is: Excel's Comma Style shows
  0 so and saves it so in a CSV file;
* kelas jabatan: ``9``, or the text an office writes around it (``Kelas 9``, ``kelas jabatan
  9``, ``KJ 9``, ``Kelas: 9``): the number, and only where the word is kelas (anything else,
  ``Kelas IX`` or ``Kelas 9A``, is passed on and reported as not a number);
* NIPs: text, or a whole number that still has all 18 digits. A NIP typed as a number in Excel
  keeps only 15 significant digits, so a float or a number ending in the zeros Excel put there
  is *reported* (``nip_as_number``), never padded or guessed.

What cannot be converted is passed on unchanged so the validator reports it with the text the
person typed; where the validator would wrongly accept it (``2025`` as a date) a
:class:`CellIssue` is returned instead.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeVar

from tukin.contract import Column
from tukin.errors import TukinError
from tukin.io.headers import choice_value
from tukin.model._types import without_invisible
from tukin.money import parse_id_number, parse_percent
from tukin.numtext import plain_decimal

__all__ = [
    "CellIssue",
    "Converted",
    "convert_column",
    "is_number",
    "lone_decimal_commas",
    "number_readings",
    "number_text",
    "parse_date_text",
    "plain_number",
    "text_of",
    "to_nip",
]

_T = TypeVar("_T")

EXACT_DIGITS = 15  # significant digits a spreadsheet number keeps
_FLOAT_EXACT = 2**53

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("januari", "january", "jan"),
            ("februari", "pebruari", "february", "feb", "peb"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "agt", "aug"),
            ("september", "sept", "sep"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nopember", "nov", "nop"),
            ("desember", "december", "des", "dec"),
        ),
        start=1,
    )
    for name in names
}
# matched lower-cased: ``t`` is ISO's ``T``, ``z`` its ``Z``
_ISO_DATE = re.compile(
    r"(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:z|[+-]\d{2}(?::?\d{2})?)?)?"
)
_DMY_DATE = re.compile(r"(\d{1,2})([/.\-])(\d{1,2})\2(\d{4})")
#: Year first with slashes or dots (``2025/10/01``, an East Asian locale's export): never
#: year, day, month, so it reads one way only
_YMD_DATE = re.compile(r"(\d{4})([/.])(\d{1,2})\2(\d{1,2})")
#: A date whose year has two digits (``1-Oct-25``, Excel's ``d-mmm-yy``; ``01/10/25``):
#: refused with its own reason, never read as 2025 or 1925 on a guess
_YY_DATE = re.compile(
    r"\d{1,2}([/.\-])\d{1,2}\1\d{2}|\d{1,2}[\s\-]+([a-z]+)\.?[\s\-]+\d{2}"
    r"(?:\s+\d{1,2}[:.]\d{2}\S*(?:\s*[ap]\.?m\.?)?)?"
)
#: Two dates in one cell (``2025-10-06 s/d 2025-10-08``, ``6-8 Oktober 2025``): a range,
#: which a cell of one date cannot hold
_RANGE_JOIN = re.compile(r"\s+(?:s/d|s\.d\.?|sd|sampai|hingga|to)\s+|\s*[-\u2013\u2014]\s*")


#: The longest text two dates joined as a range can be once its runs of spaces are one
#: space: two of the longest dates read (``2025-10-05t00:00:00.000000+07:00``, 32 characters;
#: ``30 september 2025``) and the longest join (`` sampai ``), with room to spare
_RANGE_LONGEST = 120
_SPACES = re.compile(r"\s+")


def _is_range(text: str) -> bool:
    """Whether ``text`` (lower case) is two dates, or a day and a date, joined as a range
    (``s/d``, ``sampai``, a dash): the part after the join a date, the part before a date
    or a day of the month.

    Linear in the cell's length: each join tried parses the text on both sides, so a long
    cell of dashes or spaces (up to Excel's 32,767 characters) cost time quadratic in its
    length (review 120: 0.2 s for 32,000 dashes; 11 s for a digit, 32,000 spaces and a
    letter, the join's ``\\s+`` retried from every space). Runs of spaces are taken as one
    (a join's or a named date's spaces), and text longer than two dates and a join is no
    range (refused as ``invalid_date``, as any other text that is no date)."""
    text = _SPACES.sub(" ", text)
    if len(text) > _RANGE_LONGEST:
        return False
    for m in _RANGE_JOIN.finditer(text):
        first, second = text[: m.start()].strip(), text[m.end() :].strip()
        if not first or parse_date_text(second) is None:
            continue
        if parse_date_text(first) is not None or (first.isdigit() and 1 <= int(first) <= 31):
            return True
    return False


_NAMED_DATE = re.compile(r"(\d{1,2})[\s\-]+([a-z]+)\.?[\s\-]+(\d{4})")
_MONTH_PERIOD = re.compile(r"(\d{4})[-/](\d{1,2})")
_MY_PERIOD = re.compile(r"(\d{1,2})[/\-](\d{4})")
_NAMED_PERIOD = re.compile(r"([a-z]+)\.?[\s\-]+(\d{4})")
#: Excel's ``mmm-yy``, how it shows a month it took for a date (``Okt-25``); with the dash
#: only: ``Oct 25`` may be the 25th of October
_MON_YY_PERIOD = re.compile(r"([a-z]+)-(\d{2})")
#: What a spreadsheet shows for a count of 0 in Comma Style or Accounting format (`` -   ``),
#: and what offices type for *nihil*: a dash alone (hyphen, en or em dash)
_NIL = frozenset({"-", "\u2013", "\u2014"})
#: A kelas jabatan written with its word: ``Kelas 9``, ``kelas jabatan 9``, ``KJ 9``, ``Kelas: 9``.
_GRADE_TEXT = re.compile(r"(?:kelas(?:\s+jabatan)?|kj)\s*[.:]?\s*([0-9]{1,2})", re.IGNORECASE)
_SCIENTIFIC = re.compile(r"[0-9]+(?:[.,][0-9]*)?[eE]\+?[0-9]+")


@dataclass(frozen=True)
class CellIssue:
    """A cell the reader itself refuses: the row is rejected with this code (MESSAGES)."""

    code: str
    value: Any = None
    fields: dict[str, Any] = field(default_factory=dict)


Converted = tuple[Any, CellIssue | None]


def text_of(value: Any) -> str | None:
    """Any cell as the text a person sees: whole floats without ``.0``, dates as ISO."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < _FLOAT_EXACT:
            return str(int(value))
        return repr(value)
    if isinstance(value, dt.datetime):
        if value.time() == dt.time(0):
            return value.date().isoformat()
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(value)


def number_text(text: str) -> Decimal | None:
    """An Indonesian-formatted number, a percentage as its 0-100 number, or None."""
    try:
        if text.endswith("%"):
            return _decimal(parse_percent(text) * 100)
        return parse_id_number(text)
    except TukinError:
        return None


def is_number(value: Any) -> bool:
    """A cell that reads as a number (``3``, ``2,5``, ``1.234``); blank, text, dates are not."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float | Decimal):
        return True
    return isinstance(value, str) and bool(value.strip()) and number_text(value.strip()) is not None


def _decimal(value: Fraction) -> Decimal | None:
    """A Fraction with a finite decimal expansion as Decimal (percent of a decimal text)."""
    den = value.denominator
    for p in (2, 5):
        while den % p == 0:
            den //= p
    if den != 1:
        return None
    return Decimal(value.numerator) / Decimal(value.denominator)


def plain_number(number: Decimal) -> int | str:
    return int(number) if number == number.to_integral_value() else plain_decimal(number)


def _whole_float(value: float) -> int | float:
    if math.isfinite(value) and value.is_integer() and abs(value) < _FLOAT_EXACT:
        return int(value)
    return value


def to_number(value: Any, percent_format: bool, allow_percent: bool) -> Any:
    """int/money/decimal cells: exact ints, decimal text, or the raw value to be reported."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if percent_format and allow_percent and math.isfinite(value):
            return plain_number(Decimal(repr(value)) * 100)
        return _whole_float(value)
    if isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if text.isascii() and text.isdigit():  # the usual cell: what parse_id_number gives
            return int(text)
        if text.endswith("%") and not allow_percent:
            return text
        number = number_text(text)
        return text if number is None else plain_number(number)
    return value


def to_count(value: Any, percent_format: bool) -> Any:
    """An attendance count: a dash alone is none (blank, so 0: what Comma Style shows for 0
    and what an office types for *nihil*); anything else as :func:`to_number` reads it."""
    if isinstance(value, str) and value.strip() in _NIL:
        return None
    return to_number(value, percent_format, allow_percent=False)


def to_grade(value: Any, percent_format: bool) -> Any:
    """A kelas jabatan cell: a number, or ``Kelas 9`` (SIMPEG and the Perbup's tables write
    the word) read as 9; anything else as :func:`to_number` does, to be reported."""
    if isinstance(value, str) and (m := _GRADE_TEXT.fullmatch(value.strip())):
        return int(m[1])
    return to_number(value, percent_format, allow_percent=False)


def to_nip(value: Any) -> Converted:
    """NIP text; numbers only when no digit can have been lost (see the module docstring)."""
    if isinstance(value, str):
        # the text marker ' may follow a zero-width space a copied NIP brought along
        text = without_invisible(value).strip().removeprefix("'").strip()
        if _SCIENTIFIC.fullmatch(text):
            return None, CellIssue("nip_as_number", text)
        return text or None, None
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int):
        digits = len(str(abs(value)))
        if digits > EXACT_DIGITS and value % 10 ** (digits - EXACT_DIGITS) == 0:
            return None, CellIssue("nip_as_number", str(value))
        return str(value), None
    if isinstance(value, float):
        if math.isfinite(value) and abs(value) >= 10**EXACT_DIGITS:
            return None, CellIssue("nip_as_number", str(int(Decimal(repr(value)))))
        return text_of(value), None
    return text_of(value), None


def parse_date_text(text: str) -> dt.date | None:
    """``2025-01-31``, ``31/01/2025``, ``31-01-2025``, ``31.01.2025``, ``31 Januari 2025``,
    ``2025/01/31`` (year first: read one way only).

    An ISO date-time is its date: ``2025-10-05T00:00:00.000`` is what ``DataFrame.to_json``
    and many exports write for a date. A time other than midnight (``2025-10-05T08:30``, with or
    without an offset) is dropped too, keeping the date as written, exactly as
    :meth:`tukin.Dataset.from_frames` does with such text and the readers with an Excel
    date-time cell: a contract date has no time of day. A time that is no time (``25:00``) is
    not a date.
    """
    s = text.strip().lower()
    try:
        if m := _ISO_DATE.fullmatch(s):
            if m[4] is not None:
                dt.time(int(m[4]), int(m[5]), int(m[6] or 0))  # a real time, or ValueError
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _DMY_DATE.fullmatch(s):
            return dt.date(int(m[4]), int(m[3]), int(m[1]))
        if m := _YMD_DATE.fullmatch(s):
            return dt.date(int(m[1]), int(m[3]), int(m[4]))
        if (m := _NAMED_DATE.fullmatch(s)) and m[2] in _MONTHS:
            return dt.date(int(m[3]), _MONTHS[m[2]], int(m[1]))
    except ValueError:
        return None
    return None


def to_date(value: Any) -> Converted:
    if value is None:
        return None, None
    if isinstance(value, dt.datetime):
        return value.date().isoformat(), None
    if isinstance(value, dt.date):
        return value.isoformat(), None
    if isinstance(value, str):
        if not value.strip():
            return None, None
        day = parse_date_text(value)
        if day is not None:
            return day.isoformat(), None
        said = value.strip().lower()
        if _is_range(said):
            return None, CellIssue("date_range", text_of(value))
        if (m := _YY_DATE.fullmatch(said)) and (m[2] is None or m[2] in _MONTHS):
            return None, CellIssue("date_two_digit_year", text_of(value))
    if (serial := _serial_date(value)) is not None:
        return None, CellIssue("date_as_number", text_of(value), {"date": serial})
    return None, CellIssue("invalid_date", text_of(value))


#: Excel's day 0, and the serial numbers of 1 January 1950 and 31 December 2100: a whole
#: number between them in a date column is most likely a date whose cell lost its format
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SERIALS = range(18264, 73415 + 1)


def _serial_date(value: Any) -> str | None:
    """The date (``dd/mm/yyyy``) an Excel serial number stands for, when ``value`` is one
    of these years' (``45946``: 16/10/2025, pasted as a value into a General cell); None
    otherwise. Said to the clerk, never read as the date: the cell must say it is one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.strip().isascii() and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if not isinstance(value, int) or value not in _SERIALS:
        return None
    return (_EXCEL_EPOCH + dt.timedelta(days=value)).strftime("%d/%m/%Y")


def to_period(value: Any) -> Any:
    """Period text in the validator's forms; a date on the 1st of a month is that month."""
    if isinstance(value, dt.datetime | dt.date):
        first = value.day == 1 and (
            not isinstance(value, dt.datetime) or value.time() == dt.time(0)
        )
        return f"{value.year:04d}-{value.month:02d}" if first else text_of(value)
    if isinstance(value, str):
        s = value.strip().lower()
        for pattern, year, month in ((_MONTH_PERIOD, 1, 2), (_MY_PERIOD, 2, 1)):
            if (m := pattern.fullmatch(s)) and 1 <= int(m[month]) <= 12:
                return f"{int(m[year]):04d}-{int(m[month]):02d}"
        if (m := _NAMED_PERIOD.fullmatch(s)) and m[1] in _MONTHS:
            return f"{int(m[2]):04d}-{_MONTHS[m[1]]:02d}"
        if (m := _MON_YY_PERIOD.fullmatch(s)) and m[1] in _MONTHS:
            return f"20{m[2]}-{_MONTHS[m[1]]:02d}"
        # a date cell saved as text (a CSV): the 1st is its month, as a date cell is
        if (day := parse_date_text(s)) is not None and day.day == 1:
            return f"{day.year:04d}-{day.month:02d}"
        return value.strip() or None
    if isinstance(value, float):
        return _whole_float(value)
    return value


def to_extra(value: Any) -> Any:
    """A column outside the contract: text stripped, whole floats as int, dates as ISO (a
    time of day after a ``T``, as a JSON document and the fingerprint write it)."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, float):
        return _whole_float(value)
    if isinstance(value, dt.datetime) and value.time() != dt.time(0):
        return value.isoformat()
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return text_of(value)
    return value


def _converter(col: Column | None) -> Callable[[Any, bool], Converted]:
    """The cell converter for a contract column (None: an attendance code column)."""
    if col is None:
        return lambda v, pct: (to_count(v, pct), None)
    kind = col.type
    if kind == "nip":
        return lambda v, pct: to_nip(v)
    if kind == "int" and col.name == "grade":
        return lambda v, pct: (to_grade(v, pct), None)
    if kind in ("int", "money"):
        return lambda v, pct: (to_number(v, pct, allow_percent=False), None)
    if kind == "decimal":
        return lambda v, pct: (to_number(v, pct, allow_percent=True), None)
    if kind == "date":
        return lambda v, pct: to_date(v)
    if kind == "period":
        return lambda v, pct: (to_period(v), None)
    if kind == "enum":
        choices = col.choices or ()

        def choice(v: Any, pct: bool) -> Converted:
            text = text_of(v)
            if text is None:
                return None, None
            return choice_value(text, choices) or text, None

        return choice
    return lambda v, pct: (text_of(v), None)


#: A number as a person writes it: Rp and a sign before, ``,-`` or ``%`` after, the digits
#: and separators (the body) between; matched lower-cased.
_NUMBER_PARTS = re.compile(r"([+-]?\s*(?:rp\.?\s*)?[+-]?)([0-9][0-9.,]*)((?:,-)?\s*%?)")
#: One ``.`` after 1-3 digits then exactly 3 digits: ``82.231`` is 82231 to an Indonesian
#: reader (thousands) and 82.231 to a machine's. ``parse_id_number`` reads it as thousands.
_GROUPED_ONE = re.compile(r"[1-9][0-9]{0,2}\.[0-9]{3}")
#: One ``,`` after 1-3 digits then exactly 3 digits: ``250,000`` is 250 to an Indonesian
#: reader (decimal comma) and 250000 to an English one. ``parse_id_number`` reads 250.
_COMMA_ONE = re.compile(r"[1-9][0-9]{0,2},[0-9]{3}")
_DOT_DECIMAL = re.compile(r"[0-9]+\.[0-9]+")
_COMMA_DECIMAL = re.compile(r"[0-9]+,[0-9]+")
#: Commas that can only group thousands: two groups or more, or groups then a decimal dot.
_ENGLISH = re.compile(r"[1-9][0-9]{0,2}(?:(?:,[0-9]{3}){2,}(?:\.[0-9]+)?|(?:,[0-9]{3})+\.[0-9]+)")
#: Dots that can only group thousands: two groups or more, or groups then a decimal comma.
_INDONESIAN = re.compile(
    r"[1-9][0-9]{0,2}(?:(?:\.[0-9]{3}){2,}(?:,[0-9]+)?|(?:\.[0-9]{3})+,[0-9]+)"
)


@dataclass(frozen=True)
class _Notation:
    """What a column's text cells show of the notation they are written in."""

    english: bool  # a comma that can only group thousands (1,250,000; 1,250.50)
    indonesian: bool  # a dot that can only group thousands, a decimal comma, a ",-"
    dot_decimal: bool  # a dot no thousands group explains (82.5, 0.125)


def _parts(text: str) -> tuple[str, str, str] | None:
    m = _NUMBER_PARTS.fullmatch(text.strip().lower())
    return (m[1], m[2], m[3]) if m else None


def _notation(bodies: Sequence[tuple[str, str, str]]) -> _Notation:
    english = indonesian = dot_decimal = False
    for _, body, after in bodies:
        if _ENGLISH.fullmatch(body):
            english = True
        elif (
            _INDONESIAN.fullmatch(body)
            or (_COMMA_DECIMAL.fullmatch(body) and not _COMMA_ONE.fullmatch(body))
            or after.startswith(",-")
        ):
            indonesian = True
        elif _DOT_DECIMAL.fullmatch(body) and not _GROUPED_ONE.fullmatch(body):
            dot_decimal = True
    return _Notation(english, indonesian, dot_decimal)


def read_notation(values: Sequence[Any], whole: bool) -> tuple[list[Any], set[int]]:
    """A column's text cells with their ambiguous separators settled by the column, and the
    positions of those nothing settles.

    Two cells read one way by a person in Jakarta and another by a program or an English
    locale: ``82.231`` (82231, Indonesian thousands, or 82.231) and ``250,000`` (250,
    Indonesian decimal comma, or 250000). Read cell by cell, an English-locale export's
    ``250,000`` beside ``1,250,000`` became 250 beside 1250000, silently. So the column
    decides (``whole``: a column of whole numbers, rupiah or counts):

    * ``82.231`` is a decimal point where other cells show dots are decimal points
      (``82.5``) or commas group thousands (``1,250,000``), and none shows the Indonesian
      notation; else the Indonesian thousands, as documented. In a whole-number column it is
      the thousands unless a cell shows commas group thousands: then it cannot be told.
    * ``250,000`` groups thousands where other cells show commas group thousands and none
      shows the Indonesian notation. Else, in a decimal column with no dot decimals, it is the
      Indonesian decimal comma, as documented (``1,250`` is 1.25); anywhere else (a rupiah
      amount or a count written with three decimals, a column of dot decimals) it cannot be
      told.

    A cell that cannot be told is left as it is and its position returned: refused, never
    guessed (``ambiguous_number``). A settled cell is rewritten so that
    :func:`~tukin.money.parse_id_number` reads it as settled (``250000``, ``82,231``).
    """
    # what the column shows depends only on which texts it holds: each distinct one judged
    # once, then the cells holding an ambiguous one (only texts are read; a cell of any
    # other type is left as it is)
    parsed: dict[str, tuple[str, str, str]] = {}
    for v in dict.fromkeys(v for v in values if isinstance(v, str)):
        if ("," in v or "." in v) and (parts := _parts(v)) is not None:
            parsed[v] = parts
    ambiguous: dict[str, str] = {}
    for v, (_, body, _) in parsed.items():
        if _COMMA_ONE.fullmatch(body):
            ambiguous[v] = ","
        elif _GROUPED_ONE.fullmatch(body):
            ambiguous[v] = "."
    if not ambiguous:
        return list(values), set()
    seen = _notation(list(parsed.values()))
    settled: dict[str, str | None] = {}  # ambiguous text -> its rewrite, or None: unsettled
    for v, sep in ambiguous.items():
        before, body, after = parsed[v]
        if seen.english and seen.indonesian:
            settled[v] = None
        elif sep == ",":
            if seen.english:
                settled[v] = before + body.replace(",", "") + after
            elif whole or seen.dot_decimal:
                settled[v] = None
        elif whole:
            if seen.english:
                settled[v] = None
        elif (seen.english or seen.dot_decimal) and not seen.indonesian:
            settled[v] = before + body.replace(".", ",") + after
    out = list(values)
    unsettled: set[int] = set()
    if settled:
        for i, v in enumerate(values):
            if isinstance(v, str) and v in settled:
                new = settled[v]
                if new is None:
                    unsettled.add(i)
                else:
                    out[i] = new
    return out, unsettled


def lone_decimal_commas(values: Sequence[Any]) -> list[int]:
    """The positions of the text cells a decimal column or an extra column reads with a
    decimal comma on the documented rule alone: ``1,250`` (1.25) where no other cell shows
    which notation the column is in (:func:`read_notation`).

    An English-locale export writes 1250 so; read 1.25 it is a thousand times too small, and a
    target, a realisation or a wage column an extra rule reads drives pay. The reading is
    kept (an Indonesian ``1,250`` is 1.25, as documented), and the reader says so, naming the
    cell (``number_decimal_comma``): never silent. ``82.231`` the other way is not named:
    the Indonesian thousands it is read as are how offices write a whole number.
    """
    # the usual column has no comma at all: one cheap pass says so
    commas = dict.fromkeys(v for v in values if isinstance(v, str) and "," in v)
    lone = {v for v in commas if (p := _parts(v)) is not None and _COMMA_ONE.fullmatch(p[1])}
    if not lone:
        return []
    parsed: dict[str, tuple[str, str, str]] = {}
    for v in dict.fromkeys(v for v in values if isinstance(v, str)):
        if ("," in v or "." in v) and (parts := _parts(v)) is not None:
            parsed[v] = parts
    seen = _notation(list(parsed.values()))
    if seen.english or seen.indonesian or seen.dot_decimal:
        return []  # settled by the column, or refused (ambiguous_number)
    return [i for i, v in enumerate(values) if isinstance(v, str) and v in lone]


def number_readings(text: str) -> dict[str, str]:
    """The two numbers an ambiguous cell (:func:`read_notation`) can be, for its message."""
    parts = _parts(text)
    body = parts[1] if parts else text
    sign = "-" if parts and "-" in parts[0] else ""  # -1.250: -1250 or -1.25
    sep = "," if "," in body else "."
    whole, _, frac = body.partition(sep)
    plain = sign + plain_decimal(Decimal(f"{whole}.{frac}"))
    thousands = sign + whole + frac
    return {"thousands": thousands, "decimal_en": plain, "decimal_id": plain.replace(".", ",")}


#: A date column is day first, as documented, though some of its cells can only be read month
#: first, when those are at most one in this many of its cells that read one way only: a typo
#: among an office's dates (``3/15/2025`` beside ``31/01/2025``, ``28/02/2025``...), named,
#: not a column whose both-way dates (``5/03/2025``) cannot be told.
_ODD_DATES = 10


def month_first_dates(
    values: Sequence[Any], counts: Sequence[int] | None = None
) -> dict[int, CellIssue]:
    """The cells of a date column that cannot be read day first, as the column shows.

    ``31/01/2025`` is read day first (the Indonesian way). A column one of whose cells can
    only be month first (``1/15/2025``: a US-locale export) says its other cells may be too:
    ``2/1/2025`` there is no more 2 January than 1 February. Each cell of such a column that
    reads as two different dates is ``ambiguous_date`` (both readings named, and a month-first
    cell that makes it so), and each that reads only month first ``date_month_first``:
    refused, never guessed. A cell whose day and month are equal (``3/3/2025``) reads alike
    either way and is kept.

    A column whose one-way cells are day first but for a few (at most one in
    :data:`_ODD_DATES`) shows its convention: its both-way dates are read day first, and
    each month-first cell is refused as the odd one (``date_month_first_odd``, naming a
    day-first cell of the column). One typed month first among an office's dates used to
    refuse every both-way date of the column, a third of its rows.

    ``counts``: how many cells each of ``values`` stands for, when they are a column's
    distinct cells (the daily log: a date per day shared by every employee). The one in ten
    is of cells: judged over distinct dates, two typos in a month's log were two in fifteen.
    """
    found: list[tuple[int, str, int, int, int]] = []
    day_only: list[str] = []
    month_only: list[str] = []
    cells = {"day": 0, "month": 0}  # one-way cells, each value counted as the cells it is
    for i, v in enumerate(values):
        if isinstance(v, str) and (m := _DMY_DATE.fullmatch(v.strip())):
            first, second, year = int(m[1]), int(m[3]), int(m[4])
            found.append((i, v.strip(), first, second, year))
            if _is_date(year, first, second) != _is_date(year, second, first):
                way = "day" if _is_date(year, second, first) else "month"
                (day_only if way == "day" else month_only).append(v.strip())
                cells[way] += 1 if counts is None else int(counts[i])
    if not month_only:
        return {}
    day_first = cells["month"] * _ODD_DATES <= cells["day"] + cells["month"]
    issues: dict[int, CellIssue] = {}
    for i, text, first, second, year in found:
        if not _is_date(year, first, second):
            continue  # day first, or no date either way: invalid_date
        as_month_first = dt.date(year, first, second).isoformat()
        if not _is_date(year, second, first):
            if day_first:
                fields = {"iso": as_month_first, "other": day_only[0]}
                issues[i] = CellIssue("date_month_first_odd", text, fields)
            else:
                issues[i] = CellIssue("date_month_first", text, {"iso": as_month_first})
        elif first != second and not day_first:
            fields = {
                "day_first": dt.date(year, second, first).isoformat(),
                "month_first": as_month_first,
                "other": month_only[0],
            }
            issues[i] = CellIssue("ambiguous_date", text, fields)
    return issues


def _is_date(year: int, month: int, day: int) -> bool:
    """Whether the day exists: ``31/04`` is no date either way, ``13/05`` only day first."""
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True


def convert_column(
    col: Column | None,
    values: Sequence[Any],
    percent: Sequence[bool] | None = None,
    convert: Callable[[Any], Converted] | None = None,
) -> tuple[list[Any], dict[int, CellIssue]]:
    """Convert one column; each distinct (type, value, percent format) is converted once.

    ``col`` None is an attendance code column (whole counts). ``convert`` replaces the
    spreadsheet conversion (machine input: :mod:`tukin.io._machine`). Returns the values to
    validate and the issues by row position.
    """
    issues_at: dict[int, CellIssue] = {}
    if convert is not None:
        given = convert
        converter: Callable[[Any, bool], Converted] = lambda v, pct: given(v)  # noqa: E731
    else:
        converter = _converter(col)
        if col is not None and col.type == "date":
            issues_at = month_first_dates(values)
        elif col is None or col.type in ("int", "money", "decimal"):
            values, unsettled = read_notation(values, whole=col is None or col.type != "decimal")
            for i in unsettled:
                text = str(values[i]).strip()
                issues_at[i] = CellIssue("ambiguous_number", text, number_readings(text))
    if percent is None:
        fast = _convert_distinct(values, converter, issues_at)
        if fast is not None:
            return fast
    cache: dict[tuple[type, Hashable, bool], Converted] = {}
    out: list[Any] = []
    issues: dict[int, CellIssue] = {}
    for i, value in enumerate(values):
        if i in issues_at:
            out.append(value)
            issues[i] = issues_at[i]
            continue
        pct = bool(percent[i]) if percent is not None else False
        key = (type(value), value, pct)
        try:
            done = cache[key]
        except KeyError:
            done = cache[key] = converter(value, pct)
        except TypeError:  # unhashable cell: convert it on its own
            done = converter(value, pct)
        out.append(done[0])
        if done[1] is not None:
            issues[i] = done[1]
    return out, issues


#: Cell types whose equal values are alike to every function here (a Decimal is not:
#: ``1.0`` equals ``1`` and shows otherwise), so a column of one of them is judged by value.
_BY_VALUE = frozenset({str, int, float, bool, dt.datetime, dt.date, dt.time})


def _one_kind(values: Sequence[Any]) -> bool:
    """Whether the cells (blanks aside) are all of one type of :data:`_BY_VALUE`: then a
    value stands for every cell holding it."""
    kinds = set(map(type, values))
    kinds.discard(type(None))
    return len(kinds) <= 1 and kinds <= _BY_VALUE


def by_value(values: Sequence[Any], judge: Callable[[Any], _T]) -> list[_T]:
    """``[judge(v) for v in values]``, judging each distinct value once when the cells are
    of one type (and blanks): a NIP column of 240,000 attendance rows holds 20,000."""
    if not _one_kind(values):
        return [judge(v) for v in values]
    done = {v: judge(v) for v in dict.fromkeys(values)}
    return [done[v] for v in values]


def _convert_distinct(
    values: Sequence[Any],
    converter: Callable[[Any, bool], Converted],
    issues_at: dict[int, CellIssue],
) -> tuple[list[Any], dict[int, CellIssue]] | None:
    """:func:`convert_column` without percent formats, each distinct value converted once
    and looked up by value alone: the same as its cache keyed by type and value when the
    column holds one type (and blanks), as a CSV's text does. None when it holds several
    (``1`` and ``1.0`` are equal keys) or another (:data:`_BY_VALUE`): cell by cell."""
    if not _one_kind(values):
        return None
    done = {v: converter(v, False) for v in dict.fromkeys(values)}  # first met, as cached
    out = [done[v][0] for v in values]
    issues: dict[int, CellIssue] = {}
    if any(d[1] is not None for d in done.values()):
        issues = {i: d[1] for i, v in enumerate(values) if (d := done[v])[1] is not None}
    if issues_at:  # a cell the column refuses keeps its text, with the column's issue
        for i in issues_at:
            out[i] = values[i]
        issues.update(issues_at)
        issues = {i: issues[i] for i in sorted(issues)}
    return out, issues


#: How programs write a yes/no as text: Python and pandas (tukin's own ``write_frames``),
#: Excel's CSV export of a TRUE/FALSE cell, JSON and most other languages.
_YES_NO_WORDS = {
    "True": True,
    "False": False,
    "TRUE": True,
    "FALSE": False,
    "true": True,
    "false": False,
}


def yes_no_words(values: Sequence[Any]) -> list[Any] | None:
    """A text column's cells as yes/no when every one given is a program's spelling of
    true or false (:data:`_YES_NO_WORDS`); None otherwise.

    A CSV has no types: a column of yes/no, written by ``write_frames`` (pandas writes
    ``True``/``False``) or saved as CSV by Excel (``TRUE``/``FALSE``), would otherwise come
    back as text, and ``if_(plt, ...)`` would refuse it. Only these spellings are evidence
    of a program's yes/no: a person's ``ya``/``tidak`` or ``Y``/``T`` stays text, compared
    as the rule file writes it (``bersedia == "ya"``); so does a column mixing such words
    with anything else."""
    if not any(isinstance(v, str) for v in values):
        return None
    if not all(v is None or (isinstance(v, str) and v in _YES_NO_WORDS) for v in values):
        return None
    return [None if v is None else _YES_NO_WORDS[v] for v in values]


def convert_extra(values: Sequence[Any]) -> list[Any]:
    """An extra column, typed as a whole: all numbers (text included) become numbers.

    Rules read extra columns (``basic_salary``); a CSV gives only text, so a column whose every
    non-blank cell reads as a number is numeric. A text with a leading zero (``007``) keeps the
    whole column text: it is an identifier, not a quantity.
    """
    texts = by_value(values, to_extra)
    flags = yes_no_words(texts)
    if flags is not None:
        return flags
    plain, unsettled = read_notation(texts, whole=False)
    if unsettled:  # a number nothing tells how to read: the column stays text
        return texts
    numbers: list[Any] = []
    for v in plain:
        if v is None or (isinstance(v, int | float) and not isinstance(v, bool)):
            numbers.append(v)
            continue
        if not isinstance(v, str) or (len(v) > 1 and v[0] == "0" and v[1].isdigit()):
            return texts
        if v.isascii() and v.isdigit():  # the usual cell: what number_text reads it as
            numbers.append(int(v))
            continue
        number = number_text(v) if not v.endswith("%") else None
        if number is None:
            return texts
        whole = plain_number(number)
        numbers.append(whole if not isinstance(whole, str) else float(number))
    return numbers
