"""Tests for tukin.period: parsing, calendar, ordering, working days, pandas and pydantic."""

from __future__ import annotations

import copy
import dataclasses
import doctest
import itertools
import pickle
import random
import re
import time
from datetime import date, datetime

import numpy as np
import pandas as pd
import pydantic
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tukin.period
from tests import strategies as tst
from tukin.errors import DataError, PeriodError
from tukin.period import PERIOD_PATTERN, Period, canonical_periods, period_range

M, Q, C, Y = Period.month, Period.quarter, Period.term, Period.year_of


class TestParse:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("2025-10", M(2025, 10)),
            ("2025-01", M(2025, 1)),
            ("2025-Q3", Q(2025, 3)),
            ("2025q3", Q(2025, 3)),
            ("2025-tw3", Q(2025, 3)),
            ("2025TW1", Q(2025, 1)),
            ("2025-C1", C(2025, 1)),
            ("2025c3", C(2025, 3)),
            ("2025", Y(2025)),
            ("  2025-q4\t", Q(2025, 4)),
            ("1900-01", M(1900, 1)),
            ("2200-12", M(2200, 12)),
        ],
    )
    def test_accepted_spellings(self, text: str, expected: Period) -> None:
        """Every documented spelling parses to its period."""
        assert Period.parse(text) == expected

    @pytest.mark.parametrize(
        "value",
        [
            "2025-1",
            "2025-13",
            "2025-00",
            "2025-Q0",
            "2025-Q5",
            "2025-TW5",
            "2025-C4",
            "2025-C0",
            "2025-Q10",
            "1899",
            "2201-01",
            "",
            "   ",
            "25-10",
            "2025-10-01",
            "2025/10",
            "2025-M10",
            "2025--Q1",
            "２０２５",
            None,
            True,
            1.5,
            2025.0,
            pd.NaT,
            [2025],
        ],
    )
    def test_rejects(self, value: object) -> None:
        """Anything else is an invalid_period PeriodError carrying the input as value."""
        with pytest.raises(PeriodError) as info:
            Period.parse(value)
        assert info.value.code == "invalid_period"
        assert info.value.fields["value"] is value

    def test_error_is_a_value_error(self) -> None:
        """Callers catching ValueError also catch a bad period."""
        with pytest.raises(ValueError, match="bukan periode"):
            Period.parse("bulan sepuluh")

    def test_period_is_returned_as_is(self) -> None:
        """Parsing a Period returns that same object."""
        p = Q(2025, 3)
        assert Period.parse(p) is p

    @pytest.mark.parametrize(
        "value", [date(2025, 3, 31), datetime(2025, 3, 1, 23, 59), pd.Timestamp("2025-03-15")]
    )
    def test_dates_give_their_month(self, value: date) -> None:
        """A date, datetime or Timestamp means the month it falls in."""
        assert Period.parse(value) == M(2025, 3)

    def test_integer_is_a_year(self) -> None:
        """An integer (how a spreadsheet column of years arrives) is a year period."""
        assert Period.parse(2025) == Y(2025)
        assert Period.parse(np.int64(2025)) == Y(2025)

    @given(tst.period_spellings())
    def test_spellings_property(self, case: tuple[str, Period]) -> None:
        """Any mix of case, dash, TW and padding parses to the intended period."""
        text, period = case
        assert Period.parse(text) == period


class TestConstruction:
    def test_constructors(self) -> None:
        """The named constructors build the four kinds."""
        assert (M(2025, 10).kind, Q(2025, 3).kind, C(2025, 1).kind, Y(2025).kind) == (
            "month",
            "quarter",
            "term",
            "year",
        )
        assert Y(2025).index == 1

    @pytest.mark.parametrize(
        "args", [("month", 2025, 0), ("quarter", 2025, 5), ("term", 2025, 4), ("year", 2025, 2)]
    )
    def test_index_out_of_range(self, args: tuple[str, int, int]) -> None:
        """An index outside the kind's range is refused at construction."""
        with pytest.raises(PeriodError):
            Period(*args)  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "args", [("week", 2025, 1), ("month", 1899, 12), ("month", 2025, True)]
    )
    def test_bad_fields(self, args: tuple[str, int, int]) -> None:
        """Unknown kinds, years outside 1900-2200 and non-int fields are refused."""
        with pytest.raises(PeriodError):
            Period(*args)  # type: ignore[arg-type]

    def test_frozen(self) -> None:
        """A period cannot be changed after creation."""
        with pytest.raises(dataclasses.FrozenInstanceError):
            M(2025, 1).year = 2026  # type: ignore[misc]

    def test_hash_and_equality(self) -> None:
        """Equal periods hash alike, so they work as dict keys."""
        assert {Period.parse("2025-q3"): 1}[Q(2025, 3)] == 1
        assert M(2025, 1) != Q(2025, 1)
        assert M(2025, 1) != "2025-01"

    @given(tst.periods())
    def test_pickle_and_copy(self, p: Period) -> None:
        """Periods survive pickling and copying unchanged."""
        assert pickle.loads(pickle.dumps(p)) == p
        assert copy.deepcopy(p) == p


class TestText:
    @pytest.mark.parametrize(
        ("period", "text"),
        [
            (M(2025, 1), "2025-01"),
            (Q(2025, 3), "2025-Q3"),
            (C(2025, 1), "2025-C1"),
            (Y(2025), "2025"),
        ],
    )
    def test_canonical_str(self, period: Period, text: str) -> None:
        """str() is the canonical spelling."""
        assert str(period) == text
        assert repr(period) == f"Period('{text}')"

    @given(tst.periods())
    def test_round_trip(self, p: Period) -> None:
        """Parsing the canonical string gives the period back, for every kind."""
        assert Period.parse(str(p)) == p
        assert eval(repr(p), {"Period": Period.parse}) == p


class TestCalendar:
    @pytest.mark.parametrize(
        ("period", "start", "end", "days"),
        [
            (M(2024, 2), date(2024, 2, 1), date(2024, 2, 29), 29),
            (M(2025, 2), date(2025, 2, 1), date(2025, 2, 28), 28),
            (M(2100, 2), date(2100, 2, 1), date(2100, 2, 28), 28),
            (M(2000, 2), date(2000, 2, 1), date(2000, 2, 29), 29),
            (Q(2025, 3), date(2025, 7, 1), date(2025, 9, 30), 92),
            (C(2025, 1), date(2025, 1, 1), date(2025, 4, 30), 120),
            (C(2025, 2), date(2025, 5, 1), date(2025, 8, 31), 123),
            (C(2025, 3), date(2025, 9, 1), date(2025, 12, 31), 122),
            (Y(2024), date(2024, 1, 1), date(2024, 12, 31), 366),
        ],
    )
    def test_bounds(self, period: Period, start: date, end: date, days: int) -> None:
        """start, end (inclusive) and days follow the calendar, leap years included."""
        assert (period.start, period.end, period.days) == (start, end, days)

    def test_months(self) -> None:
        """months() lists the months in order; a month gives itself."""
        assert [str(m) for m in C(2025, 2).months()] == ["2025-05", "2025-06", "2025-07", "2025-08"]
        assert M(2025, 4).months() == [M(2025, 4)]
        assert len(Y(2025).months()) == 12

    @given(tst.periods())
    def test_months_partition(self, p: Period) -> None:
        """The months of a period are inside it, consecutive, and cover it exactly."""
        ms = p.months()
        assert all(m in p and m.is_month for m in ms)
        assert ms[0].start == p.start and ms[-1].end == p.end
        assert all(a.next() == b for a, b in itertools.pairwise(ms))
        assert sum(m.days for m in ms) == p.days

    def test_contains_periods(self) -> None:
        """A period contains itself; quarters contain months; years contain everything inside."""
        assert Q(2025, 3) in Q(2025, 3)
        assert M(2025, 8) in Q(2025, 3)
        assert M(2025, 10) not in Q(2025, 3)
        assert all(q in Y(2025) for q in (Q(2025, 1), C(2025, 3), M(2025, 12)))
        assert Q(2025, 1) not in Y(2024)
        assert C(2025, 2) not in Q(2025, 2)
        assert Y(2025) not in Q(2025, 1)

    def test_contains_dates_and_text(self) -> None:
        """Dates (and datetimes) test by day; text is parsed first."""
        q = Q(2025, 3)
        assert date(2025, 7, 1) in q and date(2025, 9, 30) in q
        assert date(2025, 10, 1) not in q
        assert datetime(2025, 9, 30, 23, 59) in q
        assert pd.Timestamp("2025-08-17") in q
        assert q.contains("2025-08")
        with pytest.raises(PeriodError):
            q.contains("17 Agustus")

    def test_enclosing_periods(self) -> None:
        """A month knows its quarter, term and year."""
        aug = M(2025, 8)
        assert (aug.quarter_of, aug.term_of, aug.year_period) == (Q(2025, 3), C(2025, 2), Y(2025))
        assert Q(2025, 3).quarter_of == Q(2025, 3)
        assert C(2025, 2).year_period == Y(2025)

    def test_enclosing_impossible(self) -> None:
        """A term spanning two quarters has no quarter: period_kind error."""
        with pytest.raises(PeriodError) as info:
            _ = C(2025, 2).quarter_of
        assert info.value.code == "period_kind"
        with pytest.raises(PeriodError):
            _ = Y(2025).term_of

    @given(tst.months())
    def test_enclosing_contains(self, m: Period) -> None:
        """A month lies in its quarter, term and year."""
        assert m in m.quarter_of and m in m.term_of and m in m.year_period


class TestStepping:
    def test_next_prev(self) -> None:
        """next and prev cross year boundaries within the same kind."""
        assert M(2025, 12).next() == M(2026, 1)
        assert Q(2025, 1).prev() == Q(2024, 4)
        assert C(2025, 3).next() == C(2026, 1)
        assert Y(2025).prev() == Y(2024)

    def test_shift(self) -> None:
        """shift(n) moves n periods, backwards when negative."""
        assert M(2025, 10).shift(-22) == M(2023, 12)
        assert Q(2025, 3).shift(0) == Q(2025, 3)

    def test_shift_out_of_range(self) -> None:
        """Stepping past 2200 is a PeriodError."""
        with pytest.raises(PeriodError):
            Y(2200).next()

    @given(tst.periods(min_year=2000, max_year=2100), st.integers(-100, 100))
    def test_shift_inverse(self, p: Period, n: int) -> None:
        """shift(n) then shift(-n) is the identity, and order follows n."""
        moved = p.shift(n)
        assert moved.shift(-n) == p and moved.kind == p.kind
        assert (moved > p) == (n > 0)


class TestOrdering:
    def test_documented_order(self) -> None:
        """Periods sort by start, then shorter first."""
        shuffled = ["2025-02", "2025", "2025-C1", "2025-Q1", "2025-01", "2024-12"]
        random.Random(1).shuffle(shuffled)
        ordered = [str(p) for p in sorted(map(Period.parse, shuffled))]
        assert ordered == ["2024-12", "2025-01", "2025-Q1", "2025-C1", "2025", "2025-02"]

    @given(tst.periods(), tst.periods())
    def test_total_and_consistent(self, a: Period, b: Period) -> None:
        """Exactly one of <, ==, > holds, and it agrees with (start, end)."""
        assert [a < b, a == b, a > b].count(True) == 1
        assert (a < b) == ((a.start, a.end) < (b.start, b.end))
        assert (a <= b) == (not a > b) and (a >= b) == (not a < b)

    @given(st.lists(tst.periods(), max_size=12))
    def test_sorted_is_deterministic(self, ps: list[Period]) -> None:
        """Sorting any permutation gives the same list, ordered by start date."""
        reversed_sort = sorted(reversed(ps))
        assert sorted(ps) == reversed_sort
        assert [p.start for p in reversed_sort] == sorted(p.start for p in ps)

    def test_not_comparable_with_text(self) -> None:
        """Ordering against a non-period is a TypeError, not a silent answer."""
        with pytest.raises(TypeError):
            _ = M(2025, 1) < "2025-02"


class TestWorkingDays:
    def test_plain_month(self) -> None:
        """January 2025 has 23 weekdays."""
        assert M(2025, 1).working_days() == 23

    def test_holidays(self) -> None:
        """Holidays on weekdays count once; weekend and out-of-period holidays change nothing."""
        holidays = ["2025-01-01", date(2025, 1, 1), "2025-01-27", " 2025-01-29", "2025-01-25"]
        assert M(2025, 1).working_days([*holidays, "2025-02-03"]) == 20  # type: ignore[list-item]

    def test_working_dates(self) -> None:
        """working_dates lists the working days in order."""
        dates = M(2025, 2).working_dates([datetime(2025, 2, 3, 8)])
        assert dates[0] == date(2025, 2, 4) and dates[-1] == date(2025, 2, 28)
        assert len(dates) == M(2025, 2).working_days([date(2025, 2, 3)]) == 19

    def test_custom_weekend(self) -> None:
        """A six-day week (Sunday off only) is a weekend of (6,); no weekend counts every day."""
        assert M(2025, 1).working_days(weekend=(6,)) == 27
        assert M(2025, 1).working_days(["2025-01-05"], weekend=(6, 6)) == 27
        assert M(2025, 1).working_days(weekend=()) == 31

    def test_year(self) -> None:
        """A year counts all its weekdays."""
        assert Y(2025).working_days() == 261

    @pytest.mark.parametrize("holiday", ["2025-13-01", "1 Jan 2025", "2025-02-30", None])
    def test_bad_holiday(self, holiday: object) -> None:
        """A holiday that is not a date is an invalid_date DataError."""
        with pytest.raises(DataError) as info:
            M(2025, 1).working_days([holiday])  # type: ignore[list-item]
        assert info.value.code == "invalid_date"

    def test_bad_weekend(self) -> None:
        """Weekend days are weekday numbers 0-6."""
        with pytest.raises(DataError):
            M(2025, 1).working_days(weekend=(7,))

    @settings(max_examples=50)
    @given(
        tst.periods(min_year=2000, max_year=2030),
        st.lists(st.dates(date(1999, 12, 1), date(2031, 1, 31)), max_size=10),
        st.sets(st.integers(0, 6)),
    )
    def test_bounded_by_days(self, p: Period, holidays: list[date], weekend: set[int]) -> None:
        """Working days never exceed calendar days, holidays never add any, counts match dates."""
        plain = p.working_days(weekend=weekend)
        assert 0 <= p.working_days(holidays, weekend) <= plain <= p.days
        assert p.working_days(holidays, weekend) == len(p.working_dates(holidays, weekend))


class TestPeriodRange:
    def test_months_inclusive(self) -> None:
        """Both ends are included, across a year boundary."""
        got = [str(p) for p in period_range("2024-11", "2025-02")]
        assert got == ["2024-11", "2024-12", "2025-01", "2025-02"]

    def test_wider_ends(self) -> None:
        """A quarter or year end expands to its first or last month."""
        assert period_range("2025-Q1", "2025-04") == [M(2025, m) for m in range(1, 5)]
        assert period_range(date(2025, 3, 5), "2025") == [M(2025, m) for m in range(3, 13)]
        assert period_range("2025-06", "2025-06") == [M(2025, 6)]

    def test_reversed(self) -> None:
        """An end before the start is a date_order error."""
        with pytest.raises(PeriodError) as info:
            period_range("2025-03", "2025-02")
        assert info.value.code == "date_order"


class TestCanonicalPeriods:
    def test_mixed_column(self) -> None:
        """Spellings canonicalise, bad cells are flagged, nulls are neither."""
        s = pd.Series(
            [" 2025-q3", "2025-10", "oops", None, np.nan, "2025-13"], index=list("abcdef")
        )
        canon, bad = canonical_periods(s)
        assert canon.tolist() == ["2025-Q3", "2025-10", pd.NA, pd.NA, pd.NA, pd.NA]
        assert bad.tolist() == [False, False, True, False, False, True]
        assert list(canon.index) == list(bad.index) == list("abcdef")
        assert canon.dtype == "string" and bad.dtype == bool

    def test_other_dtypes(self) -> None:
        """Integer years, datetimes and plain lists work too."""
        assert canonical_periods(pd.Series([2025, 2026]))[0].tolist() == ["2025", "2026"]
        dates = pd.Series(pd.to_datetime(["2025-03-04", None]))  # type: ignore[arg-type]
        assert canonical_periods(dates)[0].tolist() == ["2025-03", pd.NA]
        canon, bad = canonical_periods(["2025", "x"])
        assert canon.tolist() == ["2025", pd.NA] and bad.tolist() == [False, True]

    def test_unhashable_cells(self) -> None:
        """Lists or dicts in an object column are flagged, not raised."""
        canon, bad = canonical_periods(pd.Series([[2025], "2025", None, {"p": 1}], dtype=object))
        assert canon.tolist() == [pd.NA, "2025", pd.NA, pd.NA]
        assert bad.tolist() == [True, False, False, True]

    def test_empty(self) -> None:
        """An empty column gives empty results."""
        canon, bad = canonical_periods(pd.Series([], dtype=object))
        assert len(canon) == len(bad) == 0

    def test_million_rows_fast(self) -> None:
        """A million cells with few distinct values take well under a second or two."""
        choices = np.array(["2025-10", "2025-q3", "bad", None, "2025"], dtype=object)
        s = pd.Series(np.random.default_rng(0).choice(choices, 1_000_000))
        t0 = time.process_time()  # CPU, not wall: load elsewhere cannot fail it
        _, bad = canonical_periods(s)
        assert time.process_time() - t0 < 2.0
        assert int(bad.sum()) == int((s == "bad").sum())

    @settings(max_examples=40)  # each example builds a Series: keep the suite fast
    @given(st.lists(st.one_of(tst.periods().map(str), st.text(max_size=8), st.none()), max_size=20))
    def test_agrees_with_parse(self, values: list[str | None]) -> None:
        """Row by row, the vectorised helper says what Period.parse says."""
        canon, bad = canonical_periods(pd.Series(values, dtype=object))
        for value, c, b in zip(values, canon, bad, strict=True):
            if value is None:
                assert c is pd.NA and not b
                continue
            try:
                expected = str(Period.parse(value))
            except PeriodError:
                assert b and c is pd.NA
            else:
                assert not b and c == expected


class _Row(pydantic.BaseModel):
    model_config = pydantic.ConfigDict(frozen=True, extra="forbid")
    period: Period


class TestPydantic:
    def test_validates(self) -> None:
        """A field typed Period reads text, dates and periods."""
        assert _Row(period="2025-tw3").period == Q(2025, 3)  # type: ignore[arg-type]
        assert _Row(period=date(2025, 2, 1)).period == M(2025, 2)  # type: ignore[arg-type]
        assert _Row.model_validate_json('{"period": "2025-C1"}').period == C(2025, 1)

    def test_invalid(self) -> None:
        """A bad period is a pydantic ValidationError naming the field."""
        with pytest.raises(pydantic.ValidationError, match="period"):
            _Row(period="2025-13")  # type: ignore[arg-type]

    def test_serialises(self) -> None:
        """Dumps (JSON and Python mode) give the canonical string, which validates back."""
        row = _Row(period=Q(2025, 3))
        assert row.model_dump_json() == '{"period":"2025-Q3"}'
        assert row.model_dump() == {"period": "2025-Q3"}
        assert _Row.model_validate(row.model_dump()) == row

    def test_json_schema(self) -> None:
        """The JSON schema is a string with the documented pattern."""
        prop = _Row.model_json_schema()["properties"]["period"]
        assert prop["type"] == "string" and prop["pattern"] == PERIOD_PATTERN

    @given(tst.period_spellings())
    def test_pattern_accepts_spellings(self, case: tuple[str, Period]) -> None:
        """The schema pattern accepts every spelling parse accepts."""
        assert re.fullmatch(PERIOD_PATTERN, case[0])

    @pytest.mark.parametrize(
        "text", ["2025-1", "2025-13", "2025-Q5", "2025-C4", "25", "0000-01", "1899-12", "2201"]
    )
    def test_pattern_rejects(self, text: str) -> None:
        """The schema pattern rejects malformed text, and years parse refuses (1900-2200)."""
        assert not re.fullmatch(PERIOD_PATTERN, text)


class TestDocs:
    def test_doctests(self) -> None:
        """The examples in the module docstrings run."""
        assert doctest.testmod(tukin.period).failed == 0


def test_month_bits_are_the_months() -> None:
    """Every period of a year: its bits are its months, January the lowest bit."""
    texts = [f"2025-{m:02d}" for m in range(1, 13)] + [f"2025-Q{q}" for q in range(1, 5)]
    texts += [f"2025-C{c}" for c in range(1, 4)] + ["2025"]
    for text in texts:
        p = Period.parse(text)
        assert p.month_bits == sum(1 << (m.index - 1) for m in p.months()), text
    assert Period.parse("2025-Q2").month_bits & Period.parse("2025-C2").month_bits == 0b110000
