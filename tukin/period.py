"""Periods: a month, a quarter (triwulan), a four-month term (caturwulan) or a year.

Allowances are paid monthly but targets, realisations and appraisals are reported per month,
quarter, term or year, so every input table keys its rows by a period. One value type with one
canonical spelling (``2025-10``, ``2025-Q3``, ``2025-C1``, ``2025``) keeps those keys comparable
across tables, files and years, whatever spelling the HR officer typed.

>>> q = Period.parse(" 2025-tw3 ")
>>> q, str(q), q.start, q.end
(Period('2025-Q3'), '2025-Q3', datetime.date(2025, 7, 1), datetime.date(2025, 9, 30))
>>> [str(m) for m in q.months()]
['2025-07', '2025-08', '2025-09']
>>> Period.parse("2025-08") in q, Period.parse("2025-08").term_of
(True, Period('2025-C2'))
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from numbers import Integral
from typing import TYPE_CHECKING, Any, Literal

from tukin.errors import DataError, PeriodError

if TYPE_CHECKING:
    import pandas as pd
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic_core import CoreSchema

__all__ = [
    "MAX_YEAR",
    "MIN_YEAR",
    "PERIOD_PATTERN",
    "Period",
    "PeriodKind",
    "canonical_periods",
    "period_range",
]

PeriodKind = Literal["month", "quarter", "term", "year"]

MIN_YEAR, MAX_YEAR = 1900, 2200
_SIZE: dict[str, int] = {"month": 1, "quarter": 3, "term": 4, "year": 12}  # months per period
_PREFIX: dict[str, str] = {"quarter": "Q", "term": "C"}

# Everything Period.parse accepts as text, for JSON Schema (ECMA regex: no inline flags).
# The year within MIN_YEAR..MAX_YEAR (1900-2200), as parse checks it.
PERIOD_PATTERN = (
    r"^\s*(19[0-9]{2}|2[01][0-9]{2}|2200)"
    r"(-(0[1-9]|1[0-2])|-?([Qq]|[Tt][Ww])[1-4]|-?[Cc][1-3])?\s*$"
)
_TEXT = re.compile(r"(\d{4})(?:-(\d{2})|-?(?:Q|TW)(\d)|-?C(\d))?", re.ASCII)


@dataclass(frozen=True, slots=True, repr=False)
class Period:
    """A calendar month, quarter, caturwulan or year; immutable, hashable, totally ordered.

    Periods sort by ``(start, end)``: chronologically by first day, and among periods that start
    on the same day the shorter one first, so ``2025-01 < 2025-Q1 < 2025-C1 < 2025 < 2025-02``.
    No two periods share both dates, so the order is total and agrees with ``==``.
    """

    kind: PeriodKind
    year: int
    index: int = 1  # month 1-12, quarter 1-4, term 1-3, year 1

    def __post_init__(self) -> None:
        size = _SIZE.get(self.kind)
        if (
            size is None
            or type(self.year) is not int
            or type(self.index) is not int
            or not MIN_YEAR <= self.year <= MAX_YEAR
            or not 1 <= self.index <= 12 // size
        ):
            raise PeriodError(value=f"{self.kind} {self.index!r} of {self.year!r}")

    # -- construction -------------------------------------------------------------------------

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls("month", year, month)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        return cls("quarter", year, quarter)

    @classmethod
    def term(cls, year: int, term: int) -> Period:
        """Caturwulan ``term`` of ``year``: C1 = Jan-Apr, C2 = May-Aug, C3 = Sep-Dec."""
        return cls("term", year, term)

    @classmethod
    def year_of(cls, year: int) -> Period:
        return cls("year", year, 1)

    @classmethod
    def parse(cls, value: object) -> Period:
        """Read a period from text, a date (its month) or a Period; anything else is refused.

        Text is ``YYYY-MM`` (two-digit month), ``YYYY-Qn``/``YYYY-TWn`` (triwulan),
        ``YYYY-Cn`` (caturwulan) or ``YYYY``; case and surrounding spaces are ignored and the
        dash before Q/TW/C is optional. A plain int is a year, because a spreadsheet column of
        years arrives as numbers. Raises :class:`~tukin.errors.PeriodError` (``invalid_period``).
        """
        if isinstance(value, Period):
            return value
        try:
            if isinstance(value, str):
                return _parse_text(value.strip().upper())
            if isinstance(value, date):  # datetime and pandas.Timestamp too; NaT has no int year
                if type(value.year) is int:
                    return cls("month", value.year, value.month)
            elif isinstance(value, Integral) and not isinstance(value, bool):
                return cls("year", int(value), 1)
        except PeriodError:
            pass
        raise PeriodError(value=value)

    # -- text ---------------------------------------------------------------------------------

    def __str__(self) -> str:
        if self.kind == "month":
            return f"{self.year:04d}-{self.index:02d}"
        if self.kind == "year":
            return f"{self.year:04d}"
        return f"{self.year:04d}-{_PREFIX[self.kind]}{self.index}"

    def __repr__(self) -> str:
        return f"Period('{self}')"

    # -- calendar -----------------------------------------------------------------------------

    @property
    def _first_month(self) -> int:
        return (self.index - 1) * _SIZE[self.kind] + 1

    @property
    def _last_month(self) -> int:
        return self.index * _SIZE[self.kind]

    @property
    def start(self) -> date:
        """The first day of the period."""
        return date(self.year, self._first_month, 1)

    @property
    def end(self) -> date:
        """The last day of the period (inclusive)."""
        last = self._last_month
        return date(self.year, last, calendar.monthrange(self.year, last)[1])

    @property
    def days(self) -> int:
        """Calendar days in the period, both ends included."""
        return (self.end - self.start).days + 1

    @property
    def is_month(self) -> bool:
        return self.kind == "month"

    def months(self) -> list[Period]:
        """The months of the period, in order (a month gives itself)."""
        return [
            Period("month", self.year, m) for m in range(self._first_month, self._last_month + 1)
        ]

    @property
    def month_bits(self) -> int:
        """The period's months as bits of one int, January the lowest: periods of one year
        share months where their bits meet, and a vectorised check over many rows compares
        ints rather than lists of months."""
        return ((1 << (self._last_month - self._first_month + 1)) - 1) << (self._first_month - 1)

    def contains(self, other: object) -> bool:
        """Whether ``other`` (a period, a date, or anything :meth:`parse` reads) lies inside.

        A period contains itself; a year contains its quarters, terms and months.
        """
        if isinstance(other, date):
            day = other.date() if isinstance(other, datetime) else other
            return self.start <= day <= self.end
        inner = Period.parse(other)
        return (
            inner.year == self.year
            and inner._first_month >= self._first_month
            and inner._last_month <= self._last_month
        )

    def __contains__(self, other: object) -> bool:
        return self.contains(other)

    def _enclosing(self, kind: PeriodKind) -> Period:
        size = _SIZE[kind]
        index = (self._first_month - 1) // size + 1
        if (self._last_month - 1) // size + 1 != index:
            raise PeriodError(code="period_kind", detail=f"{self} does not lie inside one {kind}")
        return Period(kind, self.year, index)

    @property
    def quarter_of(self) -> Period:
        """The quarter this period lies in (a month or the quarter itself)."""
        return self._enclosing("quarter")

    @property
    def term_of(self) -> Period:
        """The caturwulan this period lies in (a month or the term itself)."""
        return self._enclosing("term")

    @property
    def year_period(self) -> Period:
        """The year this period lies in, as a year Period."""
        return Period("year", self.year, 1)

    # -- stepping -----------------------------------------------------------------------------

    def shift(self, n: int) -> Period:
        """The period ``n`` steps later (earlier when negative), of the same kind."""
        per_year = 12 // _SIZE[self.kind]
        year, offset = divmod(self.year * per_year + self.index - 1 + n, per_year)
        try:
            return Period(self.kind, year, offset + 1)
        except PeriodError:
            raise PeriodError(value=f"{self} shifted by {n}") from None

    def next(self) -> Period:
        return self.shift(1)

    def prev(self) -> Period:
        return self.shift(-1)

    # -- working days -------------------------------------------------------------------------

    def working_dates(
        self, holidays: Iterable[date | str] = (), weekend: Collection[int] = (5, 6)
    ) -> list[date]:
        """Days of the period that are neither weekend days nor holidays, in order.

        ``weekend`` holds :meth:`date.weekday` numbers (Monday = 0; default Saturday and
        Sunday). ``holidays`` are dates or ISO strings (national holidays and *cuti bersama*);
        ones outside the period or on a weekend change nothing, duplicates count once.
        """
        off, rest = _holiday_set(holidays), _weekend_set(weekend)
        days = (self.start + timedelta(n) for n in range(self.days))
        return [d for d in days if d.weekday() not in rest and d not in off]

    def working_days(
        self, holidays: Iterable[date | str] = (), weekend: Collection[int] = (5, 6)
    ) -> int:
        """How many :meth:`working_dates` the period has, counted by whole weeks (no day loop)."""
        off, rest = _holiday_set(holidays), _weekend_set(weekend)
        weeks, extra = divmod(self.days, 7)
        first = self.start.weekday()
        count = weeks * (7 - len(rest)) + sum((first + n) % 7 not in rest for n in range(extra))
        return count - sum(d.weekday() not in rest and d in self for d in off)

    # -- ordering (by start, then end; see the class docstring) --------------------------------

    def _key(self) -> tuple[int, int, int]:
        return (self.year, self._first_month, self._last_month)

    def __lt__(self, other: object) -> bool:
        return self._key() < other._key() if isinstance(other, Period) else NotImplemented

    def __le__(self, other: object) -> bool:
        return self._key() <= other._key() if isinstance(other, Period) else NotImplemented

    def __gt__(self, other: object) -> bool:
        return self._key() > other._key() if isinstance(other, Period) else NotImplemented

    def __ge__(self, other: object) -> bool:
        return self._key() >= other._key() if isinstance(other, Period) else NotImplemented

    # -- pydantic -----------------------------------------------------------------------------

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        """Validate with :meth:`parse`; dump as the canonical string, so dumps re-validate.

        Python-mode dumps give the string too: pydantic would otherwise turn this dataclass
        into a dict of its fields, which no reader of a dump expects.
        """
        from pydantic_core import core_schema

        return core_schema.no_info_plain_validator_function(
            cls.parse, serialization=core_schema.plain_serializer_function_ser_schema(str)
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": PERIOD_PATTERN,
            "description": "2025-10 (month), 2025-Q3 (triwulan), 2025-C1 (caturwulan) or 2025",
            "examples": ["2025-10", "2025-Q3", "2025-C1", "2025"],
        }


def _parse_text(text: str) -> Period:
    match = _TEXT.fullmatch(text)
    if match is None:
        raise PeriodError(value=text)
    year, month, quarter, term = match.groups()
    if month is not None:
        return Period("month", int(year), int(month))
    if quarter is not None:
        return Period("quarter", int(year), int(quarter))
    if term is not None:
        return Period("term", int(year), int(term))
    return Period("year", int(year), 1)


def _weekend_set(weekend: Collection[int]) -> frozenset[int]:
    for day_number in weekend:
        if type(day_number) is not int or not 0 <= day_number <= 6:
            raise DataError(code="invalid_choice", value=day_number, choices="0-6 (Monday=0)")
    return frozenset(weekend)


def _holiday_set(holidays: Iterable[date | str]) -> set[date]:
    out: set[date] = set()
    for item in holidays:
        if isinstance(item, datetime):
            out.add(item.date())
        elif isinstance(item, date):
            out.add(item)
        else:
            try:
                out.add(date.fromisoformat(str(item).strip()))
            except ValueError:
                raise DataError(code="invalid_date", value=item) from None
    return out


def period_range(start: object, end: object) -> list[Period]:
    """Every month from the first month of ``start`` to the last month of ``end``, inclusive.

    Both ends take anything :meth:`Period.parse` reads, so ``period_range("2025-Q1", "2025-04")``
    is January to April. An ``end`` that finishes before ``start`` begins is an error.
    """
    first, last = Period.parse(start), Period.parse(end)
    if last.end < first.start:
        raise PeriodError(code="date_order", value=str(last), detail=str(first))
    count = (last.year - first.year) * 12 + last._last_month - first._first_month + 1
    head = first.months()[0]
    return [head.shift(n) for n in range(count)]


def canonical_periods(values: pd.Series | Iterable[object]) -> tuple[pd.Series, pd.Series]:
    """Canonical period strings for a whole column, and a mask of the cells that do not parse.

    Never raises: the dataset validator reports every bad cell at once. Each distinct value is
    parsed once (``pandas.factorize``), so a million rows take a fraction of a second.
    Null cells give ``<NA>`` and are *not* marked bad: whether null is allowed is the caller's
    rule. Returns ``(canonical, bad)``: a ``string`` Series and a ``bool`` Series, both on the
    input's index.
    """
    import numpy as np
    import pandas as pd

    series = values if isinstance(values, pd.Series) else pd.Series(list(values), dtype=object)
    uniques: Iterable[object]
    try:
        codes, uniques = pd.factorize(series, use_na_sentinel=True)
    except TypeError:  # unhashable cells (lists, dicts): every cell is its own value
        codes, uniques = np.arange(len(series)), series.to_numpy(dtype=object)
        codes[pd.isna(series).to_numpy()] = -1
    # One slot per distinct value plus a last slot for nulls, which code -1 picks.
    canon = np.empty(len(uniques) + 1, dtype=object)
    bad = np.zeros(len(uniques) + 1, dtype=bool)
    for i, raw in enumerate(uniques):
        try:
            canon[i] = str(Period.parse(raw))
        except PeriodError:
            bad[i] = True
    canon[-1] = None
    return (
        pd.Series(canon[codes], index=series.index, name=series.name, dtype="string"),
        pd.Series(bad[codes], index=series.index, name=series.name, dtype=bool),
    )
