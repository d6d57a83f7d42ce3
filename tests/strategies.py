"""Hypothesis strategies for tukin's property tests, in one place that every feature extends.

Keep this a plain module of functions returning strategies: no fixtures, no test classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from tukin.money import Money, RoundingMode
from tukin.period import MAX_YEAR, MIN_YEAR, Period, PeriodKind

# -- periods -----------------------------------------------------------------------------------

PERIOD_KINDS: tuple[PeriodKind, ...] = ("month", "quarter", "term", "year")
_PER_YEAR = {"month": 12, "quarter": 4, "term": 3, "year": 1}


def years(min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> st.SearchStrategy[int]:
    """Years a Period accepts (1900-2200 by default)."""
    return st.integers(min_year, max_year)


def periods(
    kinds: Sequence[PeriodKind] = PERIOD_KINDS,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
) -> st.SearchStrategy[Period]:
    """Any valid Period of the given kinds; shrinks towards the earliest year's first slot.

    One integer draw per period (slot number -> kind and index) keeps property tests fast.
    """
    slots = [(kind, index) for kind in kinds for index in range(1, _PER_YEAR[kind] + 1)]

    def decode(n: int) -> Period:
        year, slot = divmod(n, len(slots))
        kind, index = slots[slot]
        return Period(kind, min_year + year, index)

    return st.integers(0, (max_year - min_year + 1) * len(slots) - 1).map(decode)


def months(min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> st.SearchStrategy[Period]:
    """Month periods only."""
    return periods(("month",), min_year, max_year)


@st.composite
def period_spellings(draw: st.DrawFn) -> tuple[str, Period]:
    """``(text, period)``: a spelling a person might type (case, dash, TW, spaces) and its value."""
    period = draw(periods())
    text = str(period)
    if period.kind in ("quarter", "term"):
        letter = "C" if period.kind == "term" else draw(st.sampled_from(["Q", "TW"]))
        dash = draw(st.sampled_from(["-", ""]))
        text = f"{period.year}{dash}{letter}{period.index}"
    if draw(st.booleans()):
        text = text.lower()
    pad = draw(st.sampled_from(["", " ", "\t", "  \n"]))
    return pad + text + pad[::-1], period


# -- exact numbers and money -------------------------------------------------------------------


def rounding_modes() -> st.SearchStrategy[RoundingMode]:
    return st.sampled_from(list(RoundingMode))


def rounding_units() -> st.SearchStrategy[int]:
    """Units people round rupiah to, plus arbitrary positive ones."""
    return st.one_of(st.sampled_from([1, 10, 100, 500, 1000]), st.integers(1, 10**6))


def exact_values(max_abs: int = 10**12) -> st.SearchStrategy[Fraction]:
    """Exact values, weighted towards the interesting ones: integers and exact halves (ties)."""
    bound = Fraction(max_abs)
    return st.one_of(
        st.integers(-max_abs, max_abs).map(Fraction),
        st.integers(-2 * max_abs, 2 * max_abs).map(lambda n: Fraction(n, 2)),
        st.fractions(min_value=-bound, max_value=bound, max_denominator=10**4),
    )


def exact_numbers(max_abs: int = 10**12) -> st.SearchStrategy[int | Decimal | Fraction]:
    """Every exact type the money API accepts: int, finite Decimal, Fraction."""
    return st.one_of(
        st.integers(-max_abs, max_abs),
        st.decimals(-max_abs, max_abs, allow_nan=False, allow_infinity=False, places=4),
        exact_values(max_abs),
    )


def money(max_abs: int = 10**12, integral: bool = False) -> st.SearchStrategy[Money]:
    """Money amounts; ``integral=True`` gives whole rupiah only."""
    values = st.integers(-max_abs, max_abs).map(Fraction) if integral else exact_values(max_abs)
    return values.map(Money)


def floats_any() -> st.SearchStrategy[float]:
    """Every float, NaN and infinities included: all of them must be refused as money."""
    return st.floats(allow_nan=True, allow_infinity=True)
