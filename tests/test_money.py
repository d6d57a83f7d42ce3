"""Tests for tukin.money: exact conversion, named rounding, Money arithmetic, Indonesian text."""

from __future__ import annotations

import copy
import decimal
import doctest
import math
import pickle
from decimal import Decimal
from fractions import Fraction
from typing import ClassVar

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tukin.money
import tukin.numtext
from tests import strategies as tst
from tukin.errors import DataError, MoneyError
from tukin.money import (
    Money,
    RoundingMode,
    decimal_from_float_repr,
    format_rupiah,
    parse_id_number,
    parse_percent,
    round_to,
    to_fraction,
)

R = RoundingMode
_DECIMAL_MODE = {
    R.HALF_UP: decimal.ROUND_HALF_UP,
    R.HALF_EVEN: decimal.ROUND_HALF_EVEN,
    R.HALF_DOWN: decimal.ROUND_HALF_DOWN,
    R.DOWN: decimal.ROUND_DOWN,
    R.UP: decimal.ROUND_UP,
    R.FLOOR: decimal.ROUND_FLOOR,
    R.CEILING: decimal.ROUND_CEILING,
}


class TestRoundingMode:
    def test_values(self) -> None:
        """Each mode is named by its rule-file value."""
        assert [m.value for m in R] == [
            "half_up",
            "half_even",
            "half_down",
            "down",
            "up",
            "floor",
            "ceiling",
        ]
        assert isinstance(R.HALF_UP, str) and str(R.HALF_UP) == "half_up"

    @pytest.mark.parametrize("text", ["half_up", "HALF_UP", "half-up", " Half_Up "])
    def test_parse(self, text: str) -> None:
        """Modes parse from their value, forgiving case, dashes and spaces."""
        assert R(text) is R.HALF_UP

    def test_unknown(self) -> None:
        """An unknown name is a ValueError from the enum and invalid_rounding from round_to."""
        with pytest.raises(ValueError):
            R("bankers")
        with pytest.raises(MoneyError) as info:
            round_to(1, "bankers")
        assert info.value.code == "invalid_rounding" and "half_even" in str(info.value)


class TestToFraction:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (7, Fraction(7)),
            (np.int64(7), Fraction(7)),
            (Decimal("0.6"), Fraction(3, 5)),
            (Fraction(1, 3), Fraction(1, 3)),
            ("0.6", Fraction(3, 5)),
            (" -1.25 ", Fraction(-5, 4)),
            (".5", Fraction(1, 2)),
            ("60%", Fraction(3, 5)),
            ("12.5 %", Fraction(1, 8)),
            ("1/3", Fraction(1, 3)),
            ("-2/4", Fraction(-1, 2)),
            ("100", Fraction(100)),
        ],
    )
    def test_exact(self, value: object, expected: Fraction) -> None:
        """Exact inputs convert without loss."""
        result = to_fraction(value)  # type: ignore[arg-type]
        assert result == expected and type(result) is Fraction

    @pytest.mark.parametrize("value", [0.6, np.float64(0.5), np.float32(0.5), float("nan")])
    def test_refuses_float(self, value: float) -> None:
        """Float is refused with float_money, carrying the value."""
        with pytest.raises(MoneyError) as info:
            to_fraction(value)  # type: ignore[arg-type]
        assert info.value.code == "float_money" and info.value.fields["value"] is value

    def test_refuses_bool_and_other_types(self) -> None:
        """bool and non-numbers are MoneyErrors (TypeErrors)."""
        for value in (True, None, [1], Money(1)):
            with pytest.raises(MoneyError):
                to_fraction(value)  # type: ignore[arg-type]

    @pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("Infinity"), Decimal("-Infinity")])
    def test_refuses_non_finite(self, value: Decimal) -> None:
        """NaN and infinite Decimals are not_finite DataErrors."""
        with pytest.raises(DataError) as info:
            to_fraction(value)
        assert info.value.code == "not_finite"

    @pytest.mark.parametrize("text", ["", "%", "abc", "1,5", "1e3", "1/0", "1.2.3", "--1", "1_000"])
    def test_refuses_bad_text(self, text: str) -> None:
        """Text that is not a plain decimal, percent or ratio is not_a_number."""
        with pytest.raises(DataError) as info:
            to_fraction(text)
        assert info.value.code == "not_a_number" and info.value.fields["value"] == text


class TestRoundTo:
    # value: (half_up, half_even, half_down, down, up, floor, ceiling)
    TABLE: ClassVar[dict[Fraction, tuple[int, ...]]] = {
        Fraction(5, 2): (3, 2, 2, 2, 3, 2, 3),
        Fraction(-5, 2): (-3, -2, -2, -2, -3, -3, -2),
        Fraction(7, 2): (4, 4, 3, 3, 4, 3, 4),
        Fraction(-7, 2): (-4, -4, -3, -3, -4, -4, -3),
        Fraction(12, 5): (2, 2, 2, 2, 3, 2, 3),
        Fraction(-12, 5): (-2, -2, -2, -2, -3, -3, -2),
        Fraction(13, 5): (3, 3, 3, 2, 3, 2, 3),
        Fraction(1, 3): (0, 0, 0, 0, 1, 0, 1),
        Fraction(-1, 3): (0, 0, 0, 0, -1, -1, 0),
        Fraction(4): (4, 4, 4, 4, 4, 4, 4),
        Fraction(0): (0, 0, 0, 0, 0, 0, 0),
    }

    @pytest.mark.parametrize(("value", "expected"), list(TABLE.items()), ids=str)
    def test_table(self, value: Fraction, expected: tuple[int, ...]) -> None:
        """Each mode rounds ties, near values and negatives as its name says."""
        assert tuple(round_to(value, m) for m in R) == expected

    def test_units(self) -> None:
        """Rounding to 100 or 1000 rupiah rounds value/unit and scales back."""
        assert round_to(1_250, R.HALF_EVEN, unit=100) == 1_200
        assert round_to(1_350, R.HALF_EVEN, unit=100) == 1_400
        assert round_to(1_234_500, R.HALF_UP, unit=1000) == 1_235_000
        assert round_to(-1_234_500, R.HALF_UP, unit=1000) == -1_235_000
        assert round_to(Fraction(2_740_734_6, 10), R.DOWN, unit=1000) == 2_740_000

    def test_inputs(self) -> None:
        """Decimal, numpy int, mode strings and Money are accepted."""
        assert round_to(Decimal("2.5"), "half_even") == 2
        n, unit = np.int64(1499), np.int64(1000)
        assert round_to(n, R.HALF_UP, unit=unit) == 1000  # type: ignore[arg-type]
        assert round_to(Money("1500.5"), R.HALF_UP) == 1501
        assert type(round_to(Fraction(5, 2))) is int

    @pytest.mark.parametrize("unit", [0, -100, True, 1.5, Fraction(1, 2), "100"])
    def test_bad_unit(self, unit: object) -> None:
        """The unit is a positive int; anything else is invalid_rounding."""
        with pytest.raises(MoneyError) as info:
            round_to(10, R.HALF_UP, unit)  # type: ignore[arg-type]
        assert info.value.code == "invalid_rounding"

    def test_refuses_float(self) -> None:
        """A float cannot be rounded as money."""
        with pytest.raises(MoneyError, match="float"):
            round_to(2.5)  # type: ignore[arg-type]

    def test_ignores_decimal_context(self) -> None:
        """A hostile ambient decimal context changes nothing."""
        with decimal.localcontext() as ctx:
            ctx.prec, ctx.rounding = 2, decimal.ROUND_FLOOR
            assert round_to(Decimal("123456.5"), R.HALF_UP) == 123457

    @given(tst.exact_values(), tst.rounding_modes(), tst.rounding_units())
    def test_laws(self, x: Fraction, mode: RoundingMode, unit: int) -> None:
        """A multiple of unit, within half a unit (half modes) or one unit (directed modes)."""
        r = round_to(x, mode, unit)
        assert r % unit == 0
        if mode.value.startswith("half"):
            assert abs(x - r) <= Fraction(unit, 2)
        else:
            assert abs(x - r) < unit
        assert round_to(x, R.FLOOR, unit) <= x <= round_to(x, R.CEILING, unit)
        assert round_to(r, mode, unit) == r

    @given(tst.exact_values(), tst.rounding_modes())
    def test_directions(self, x: Fraction, mode: RoundingMode) -> None:
        """down never grows |x|, up never shrinks it; floor/ceiling bracket every mode."""
        r = round_to(x, mode)
        assert round_to(x, R.FLOOR) <= r <= round_to(x, R.CEILING)
        assert abs(round_to(x, R.DOWN)) <= abs(x) <= abs(round_to(x, R.UP))

    @given(st.integers(-(10**15), 10**15), tst.rounding_units())
    def test_half_up_ties_away_from_zero(self, n: int, unit: int) -> None:
        """half_up of n + 1/2 units goes away from zero; half_down toward it."""
        x = Fraction(2 * n + 1, 2) * unit
        away = (n + 1) * unit if x > 0 else n * unit
        toward = n * unit if x > 0 else (n + 1) * unit
        assert round_to(x, R.HALF_UP, unit) == away
        assert round_to(x, R.HALF_DOWN, unit) == toward
        assert round_to(x, R.HALF_EVEN, unit) // unit % 2 == 0

    @given(st.decimals(-(10**12), 10**12, places=3, allow_nan=False), tst.rounding_modes())
    def test_matches_decimal_reference(self, d: Decimal, mode: RoundingMode) -> None:
        """Agrees with Decimal.quantize under the same rule (given enough precision)."""
        with decimal.localcontext() as ctx:
            ctx.prec = 50
            expected = int(d.quantize(Decimal(1), rounding=_DECIMAL_MODE[mode]))
        assert round_to(d, mode) == expected


class TestMoney:
    def test_construction(self) -> None:
        """Money reads ints, plain decimal text, Decimal, Fraction and Money."""
        assert Money(1500).amount == 1500
        assert Money("1500.50").amount == Fraction(3001, 2)
        assert Money(" -7 ").amount == -7
        assert Money(Decimal("0.25")).amount == Fraction(1, 4)
        assert Money(Fraction(1, 3)).amount == Fraction(1, 3)
        assert Money(Money(5)) == Money(5) and Money() == Money(0)
        assert Money(np.int64(9)) == Money(9)  # type: ignore[arg-type]

    @given(tst.floats_any())
    def test_refuses_float(self, x: float) -> None:
        """Every float, finite or not, is refused with float_money."""
        with pytest.raises(MoneyError) as info:
            Money(x)  # type: ignore[arg-type]
        assert info.value.code == "float_money"

    @pytest.mark.parametrize("text", ["1.500,00", "Rp1500", "1e3", "1/3", "60%", "", ".5"])
    def test_refuses_formatted_text(self, text: str) -> None:
        """Only plain '1500.50' text; Indonesian formats go through parse_id_number."""
        with pytest.raises(DataError):
            Money(text)

    def test_refuses_bool(self) -> None:
        """True is not one rupiah."""
        with pytest.raises(MoneyError):
            Money(True)

    def test_immutable_and_hashable(self) -> None:
        """Money cannot change and equal amounts hash alike."""
        m = Money(10)
        with pytest.raises(AttributeError):
            m._amount = Fraction(11)
        assert {Money(10): "a"}[Money("10.0")] == "a"
        assert pickle.loads(pickle.dumps(m)) == m and copy.copy(m) == m

    def test_add_subtract(self) -> None:
        """Money plus or minus money is money."""
        assert Money(1000) + Money(250) == Money(1250)
        assert Money(1000) - Money(1250) == Money(-250)
        assert -Money(5) == Money(-5) and abs(Money(-5)) == Money(5) and +Money(5) == Money(5)

    @pytest.mark.parametrize("number", [1, 0, Decimal(1), Fraction(1, 2)])
    def test_add_number_refused(self, number: object) -> None:
        """Money plus or minus a bare number is a MoneyError, from either side."""
        for op in (
            lambda: Money(1) + number,  # type: ignore[operator]
            lambda: number + Money(1),
            lambda: Money(1) - number,  # type: ignore[operator]
            lambda: number - Money(1),
        ):
            with pytest.raises(MoneyError, match="Money"):
                op()

    def test_add_float_refused(self) -> None:
        """Money plus a float names the float."""
        with pytest.raises(MoneyError) as info:
            _ = Money(1) + 0.5  # type: ignore[operator]
        assert info.value.code == "float_money"

    def test_sum(self) -> None:
        """sum() with a Money start and Money.total both add up; bare sum() explains itself."""
        items = [Money(1), Money(2), Money("0.5")]
        assert sum(items, Money(0)) == Money.total(items) == Money("3.5")
        assert Money.total([]) == Money(0)
        with pytest.raises(MoneyError, match=r"Money\.total"):
            sum(items)
        with pytest.raises(MoneyError):
            Money.total([Money(1), 2])  # type: ignore[list-item]

    def test_scale(self) -> None:
        """Money times or divided by an exact number is money."""
        assert Money(1000) * Fraction(3, 5) == Money(600)
        assert Fraction(3, 5) * Money(1000) == Money(600)
        assert Money(1000) * Decimal("0.6") == 2 * Money(300)
        assert Money(1000) / 3 == Money(Fraction(1000, 3))
        assert Money(1000) * np.int64(2) == Money(2000)  # type: ignore[operator]

    def test_ratio(self) -> None:
        """Money divided by money is an exact ratio, not money."""
        ratio = Money(750) / Money(1000)
        assert ratio == Fraction(3, 4) and type(ratio) is Fraction

    @pytest.mark.parametrize(
        "op",
        [
            lambda: Money(2) * Money(3),  # type: ignore[operator]
            lambda: Money(2) * "3",  # type: ignore[operator]
            lambda: "3" * Money(2),  # type: ignore[operator]
            lambda: Money(2) * 1.5,  # type: ignore[operator]
            lambda: 1.5 * Money(2),  # type: ignore[operator]
            lambda: Money(2) / 1.5,  # type: ignore[operator]
            lambda: 1 / Money(2),
            lambda: Money(2) * True,
            lambda: Money(2) < 3,  # type: ignore[operator]
        ],
    )
    def test_nonsense_refused(self, op: object) -> None:
        """money x money, text or float factors, number / money and money < number are refused."""
        with pytest.raises(MoneyError):
            op()  # type: ignore[operator]

    def test_division_by_zero(self) -> None:
        """Dividing by zero is the usual ZeroDivisionError."""
        with pytest.raises(ZeroDivisionError):
            Money(1) / 0

    def test_comparisons(self) -> None:
        """Money orders against money; equality with a bare number is simply False."""
        assert Money(1) < Money(2) <= Money(2) and Money(3) > Money(2) >= Money(2)
        assert sorted([Money(3), Money(-1), Money(2)]) == [Money(-1), Money(2), Money(3)]
        assert Money(0) != 0 and not Money(0) and Money("0.1")

    def test_round_and_int(self) -> None:
        """round() gives whole money by a named mode; int() works only on whole rupiah."""
        m = Money(Fraction(5, 2))
        assert not m.is_integral
        assert m.round(R.HALF_UP) == Money(3) and m.round("half_even") == Money(2)
        assert Money(1_234_567).round(R.DOWN, 1000) == Money(1_234_000)
        assert int(m.round(R.FLOOR)) == 2 and m.round(R.FLOOR).is_integral
        with pytest.raises(MoneyError, match="round"):
            int(m)

    def test_no_implicit_round_or_float(self) -> None:
        """Builtin round() and float() are not available: rounding has to be named."""
        with pytest.raises(TypeError):
            round(Money(1))  # type: ignore[call-overload]
        with pytest.raises(TypeError):
            float(Money(1))  # type: ignore[arg-type]

    def test_text(self) -> None:
        """str is Indonesian rupiah; repr is exact and evaluates back."""
        assert str(Money(1_234_567)) == "Rp1.234.567"
        assert str(Money("-1500.5")) == "-Rp1.500,50"
        assert Money(1_234_567).format("en") == "Rp1,234,567"
        assert Money(5).format(decimals=2) == "Rp5,00"
        assert repr(Money(1_234_567)) == "Money(1234567)"
        assert repr(Money("-0.05")) == "Money('-0.05')"
        assert repr(Money(Fraction(1, 3))) == "Money(Fraction(1, 3))"

    @settings(max_examples=50)
    @given(tst.money())
    def test_repr_round_trip(self, m: Money) -> None:
        """eval(repr(m)) == m for every amount."""
        assert eval(repr(m), {"Money": Money, "Fraction": Fraction}) == m

    @settings(max_examples=50)
    @given(tst.money(), tst.exact_numbers())
    def test_never_holds_float(self, m: Money, k: int | Decimal | Fraction) -> None:
        """Every result of money arithmetic holds an exact Fraction."""
        results = [m + m, m - m, m * k, k * m, -m, abs(m), Money.total([m, m])]
        if k:
            results.append(m / k)
        assert all(type(r) is Money and type(r.amount) is Fraction for r in results)

    @settings(max_examples=50)
    @given(tst.money(integral=True), tst.money(integral=True))
    def test_money_times_money_refused(self, a: Money, b: Money) -> None:
        """Money x money raises for every pair of amounts."""
        with pytest.raises(MoneyError):
            a * b  # type: ignore[operator]

    @settings(max_examples=50)
    @given(tst.money(integral=True), st.floats(allow_nan=False, allow_infinity=False))
    def test_float_factor_refused(self, m: Money, x: float) -> None:
        """A float factor is always refused, never silently converted."""
        with pytest.raises(MoneyError) as info:
            m * x  # type: ignore[operator]
        assert info.value.code == "float_money"


class TestFormatRupiah:
    @pytest.mark.parametrize(
        ("args", "text"),
        [
            ((1_234_567,), "Rp1.234.567"),
            ((-1_234,), "-Rp1.234"),
            ((0,), "Rp0"),
            ((999,), "Rp999"),
            ((Money(1000),), "Rp1.000"),
            ((Fraction(3, 2), 2), "Rp1,50"),
            ((Fraction(1, 3), 2), "Rp0,33"),
            ((Fraction(5, 2),), "Rp3"),
            ((Fraction(-1, 1000), 2), "Rp0,00"),
            ((Decimal("1234567.891"), 2), "Rp1.234.567,89"),
        ],
    )
    def test_examples(self, args: tuple[object, ...], text: str) -> None:
        """Dots group thousands, a comma marks decimals, negatives lead with '-'."""
        assert format_rupiah(*args) == text  # type: ignore[arg-type]

    def test_english(self) -> None:
        """English swaps the separators."""
        assert format_rupiah(Fraction(-2469135, 2), 1, lang="en") == "-Rp1,234,567.5"

    def test_bad_decimals(self) -> None:
        """decimals must be a non-negative int."""
        with pytest.raises(MoneyError):
            format_rupiah(1, -1)

    @settings(max_examples=50)
    @given(st.integers(-(10**15), 10**15))
    def test_parses_back(self, n: int) -> None:
        """Formatted whole rupiah read back exactly with parse_id_number."""
        assert parse_id_number(format_rupiah(n)) == n


class TestParseIdNumber:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("1.234.567", "1234567"),
            ("1.234,5", "1234.5"),
            ("Rp 1.234.567,00", "1234567.00"),
            ("Rp1.234.567", "1234567"),
            ("Rp. 5.000,-", "5000"),
            ("-Rp1.234", "-1234"),
            ("Rp -1.234", "-1234"),
            ("1,234,567.89", "1234567.89"),
            ("1,234,567", "1234567"),
            ("1.234", "1234"),
            ("12.500", "12500"),
            ("1,5", "1.5"),
            ("1,234", "1.234"),
            ("1.5", "1.5"),
            ("1.23", "1.23"),
            ("0.125", "0.125"),
            ("1234.567", "1234.567"),
            ("1234,5", "1234.5"),
            (" 42 ", "42"),
            ("+7", "7"),
        ],
    )
    def test_rules(self, text: str, expected: str) -> None:
        """Each documented separator rule, with the digits kept exactly."""
        result = parse_id_number(text)
        assert result == Decimal(expected) and str(result) == expected

    @pytest.mark.parametrize(
        "text",
        [
            "",
            "Rp",
            "abc",
            "12,5%",
            "1.23.456",
            "1,23,456",
            "1.234.56",
            "1.234,567.8",
            "1,234.567,8",
            "1.",
            ",5",
            "1e3",
            "1 234",
            "--1",
            "0.123.456",
        ],
    )
    def test_not_a_number(self, text: str) -> None:
        """Malformed numbers (and percentages) are not_a_number DataErrors with the text."""
        with pytest.raises(DataError) as info:
            parse_id_number(text)
        assert info.value.code == "not_a_number" and info.value.fields["value"] == text

    def test_exact_types_pass_through(self) -> None:
        """Ints and finite Decimals (already exact) pass through; floats are refused."""
        assert parse_id_number(5) == Decimal(5)
        assert parse_id_number(np.int64(5)) == Decimal(5)  # type: ignore[arg-type]
        assert parse_id_number(Decimal("1.50")) == Decimal("1.50")
        with pytest.raises(DataError):
            parse_id_number(Decimal("NaN"))
        with pytest.raises(MoneyError):
            parse_id_number(1.5)  # type: ignore[arg-type]


class TestParsePercent:
    @pytest.mark.parametrize(
        ("text", "expected"),
        [
            ("12,5%", Fraction(1, 8)),
            ("12.5%", Fraction(1, 8)),
            (" 12,5 % ", Fraction(1, 8)),
            ("100%", Fraction(1)),
            ("0.125", Fraction(1, 8)),
            ("0,6", Fraction(3, 5)),
            ("-5%", Fraction(-1, 20)),
        ],
    )
    def test_examples(self, text: str, expected: Fraction) -> None:
        """A trailing % divides by 100; without it the text is the ratio itself."""
        assert parse_percent(text) == expected

    @pytest.mark.parametrize("text", ["%", "abc%", "12,5%%", "1.23.4%"])
    def test_bad(self, text: str) -> None:
        """Non-numbers are not_a_number with the original text."""
        with pytest.raises(DataError) as info:
            parse_percent(text)
        assert info.value.fields["value"] == text

    def test_not_text(self) -> None:
        """Only text is parsed."""
        with pytest.raises(DataError):
            parse_percent(0.5)  # type: ignore[arg-type]


class TestDecimalFromFloatRepr:
    @pytest.mark.parametrize(
        ("value", "expected"),
        [
            (0.1, "0.1"),
            (1234567.5, "1234567.5"),
            (0.1 + 0.2, "0.30000000000000004"),
            (1e16, "1E+16"),
            (np.float64(0.1), "0.1"),
            (np.float32(0.1), "0.1"),
            (7, "7"),
            (np.int64(7), "7"),
        ],
    )
    def test_shortest_repr(self, value: float, expected: str) -> None:
        """The decimal is the float's shortest repr, the number the person typed."""
        assert decimal_from_float_repr(value) == Decimal(expected)

    @pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf, np.float64("nan")])
    def test_not_finite(self, value: float) -> None:
        """NaN and infinities are not_finite DataErrors."""
        with pytest.raises(DataError) as info:
            decimal_from_float_repr(value)
        assert info.value.code == "not_finite"

    @pytest.mark.parametrize("value", ["0.1", Decimal("0.1"), None, True])
    def test_not_a_float(self, value: object) -> None:
        """Only floats (and ints) are converted here."""
        with pytest.raises(DataError):
            decimal_from_float_repr(value)  # type: ignore[arg-type]

    @given(st.floats(allow_nan=False, allow_infinity=False))
    def test_round_trips(self, x: float) -> None:
        """Converting back gives the same float: nothing the float held is lost."""
        assert float(decimal_from_float_repr(x)) == x


class TestPlainDecimal:
    """``plain_decimal``: the one text of a decimal, the basis of the fingerprints."""

    @given(st.decimals(allow_nan=False, allow_infinity=False, places=None))
    def test_reads_back_as_the_same_number(self, d: Decimal) -> None:
        """Any finite decimal, however many digits: its text is that number, without
        trailing zeros (``normalize()`` would round past 28 digits)."""
        text = tukin.numtext.plain_decimal(d)
        assert Decimal(text) == d
        assert text == "0" or not ("." in text and text.endswith("0"))

    @given(st.decimals(allow_nan=False, allow_infinity=False), st.integers(0, 5))
    def test_trailing_zeros_do_not_count(self, d: Decimal, zeros: int) -> None:
        """``1.5`` and ``1.500`` are one number and one text."""
        sign, digits, exponent = d.as_tuple()
        padded = Decimal((sign, (*digits, *[0] * zeros), int(exponent) - zeros))
        assert tukin.numtext.plain_decimal(padded) == tukin.numtext.plain_decimal(d)

    def test_far_exponents_and_not_numbers(self) -> None:
        """No gigabyte of zeros for ``1E+999999999``, no error for a signalling NaN."""
        texts = [tukin.numtext.plain_decimal(Decimal(t)) for t in ("1E+999999999", "sNaN", "-Inf")]
        assert texts == ["1E+999999999", "sNaN", "-Infinity"]

    def test_exponents_past_any_context(self) -> None:
        """Exponents below what a decimal context admits (``MIN_EMIN``; a Decimal holds
        them): each number its own text, read back as itself (a context's normalize() made
        them all ``0``)."""
        cases = ("1E-1000000000000000100", "2E-1000000000000000100", "2.50E-1000000000000000100")
        texts = [tukin.numtext.plain_decimal(Decimal(t)) for t in cases]
        assert texts == [
            "1E-1000000000000000100",
            "2E-1000000000000000100",
            "2.5E-1000000000000000100",
        ]
        assert [Decimal(t) for t in texts] == [Decimal(t) for t in cases]


class TestDocs:
    def test_doctests(self) -> None:
        """The examples in the module docstrings run."""
        assert doctest.testmod(tukin.money).failed == 0

    def test_numtext_doctests(self) -> None:
        """The examples of the text readers (tukin.numtext, re-exported by tukin.money) run."""
        assert doctest.testmod(tukin.numtext).failed == 0

    def test_readers_are_re_exported(self) -> None:
        """tukin.money still offers the text readers, as the very same functions."""
        for name in ("decimal_from_float_repr", "parse_id_number", "parse_percent"):
            assert getattr(tukin.money, name) is getattr(tukin.numtext, name)
