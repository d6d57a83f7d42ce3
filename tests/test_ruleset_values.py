"""Tests for values a user supplies to a loaded rule set: tables read from Excel by pandas,
and dated values added with with_value."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import change_days, grade_tables

import tukin
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import MissingParameterError, RuleSetError
from tukin.period import Period
from tukin.ruleset.load import load_ruleset
from tukin.ruleset.model import RuleSet


@pytest.fixture(autouse=True)
def _errors_in_english() -> Iterator[None]:
    """These tests read the English text of the rule-file errors they raise: ``str(error)``
    is in the language in force when it is raised (the suite's is Indonesian)."""
    with tukin.language("en"):
        yield


TABLE = """\
name: table
parameters:
  base:
    unit: rupiah
    values:
      - {from: 2025-01-01, value: {1: 1000000, 2: 2000000}, reference: Perbup 1/2025}
  share: {value: 0.6, reference: Perbup 1/2025 pasal 5}
steps:
  - id: dasar
    type: lookup
    key: grade
    table: $base
    unit: rupiah
  - id: kotor
    type: formula
    expr: dasar * share
  - id: tpp
    type: round
    input: kotor
"""

AMOUNTS = {k: 100_000 * k + 61 for k in range(1, 18)}


@cache
def rules() -> RuleSet:
    return load_ruleset(TABLE)


@cache
def dataset() -> Dataset:
    from tukin import demo

    return Dataset.from_frames(**demo.generate(30, seed=2025))


def table_value(rs: RuleSet) -> dict:
    (dv,) = rs.parameters["base"].values
    return dv.value


def problems(**values: object) -> list:
    with pytest.raises(RuleSetError) as info:
        rules().with_parameters(**values)
    return info.value.problems


class TestTablesFromPandas:
    """with_parameters takes a Series or a 2-column DataFrame for a table parameter."""

    def test_series_equals_dict(self) -> None:
        """A Series indexed by kelas gives the same rule set, fingerprint included, as a dict."""
        series = pd.Series(AMOUNTS).rename_axis("kelas")
        series.index = pd.Index(list(AMOUNTS), dtype="int64")
        from_series = rules().with_parameters(base=series)
        from_dict = rules().with_parameters(base=AMOUNTS)
        assert table_value(from_series) == AMOUNTS
        assert from_series.fingerprint() == from_dict.fingerprint()

    def test_two_column_frame_equals_dict(self) -> None:
        """A (key, value) DataFrame gives the same rule set; its own index is ignored."""
        frame = pd.DataFrame({"kelas": list(AMOUNTS), "tpp": list(AMOUNTS.values())})
        frame.index = frame.index + 100  # an index left over from filtering rows
        new = rules().with_parameters(base=frame)
        assert new.fingerprint() == rules().with_parameters(base=AMOUNTS).fingerprint()

    @pytest.mark.filterwarnings("ignore::tukin.errors.InputWarning")
    def test_excel_floats_are_the_integers(self) -> None:
        """Keys 1.0 and amounts 894961.0 (pandas' float64) become ints and match grades."""
        frame = pd.DataFrame(
            {"kelas": [float(k) for k in AMOUNTS], "tpp": [float(v) for v in AMOUNTS.values()]}
        )
        new = rules().with_parameters(base=frame)
        value = table_value(new)
        assert value == AMOUNTS
        assert all(type(k) is int and type(v) is int for k, v in value.items())
        paid = calculate(dataset(), new, "2025-03").to_frame()
        expected = paid.grade.map(lambda g: AMOUNTS[int(g)] * 6 // 10)
        # dasar × 60 %, rounded half up: the amounts end in 61, so × 0.6 ends in .6 -> up
        assert len(paid) > 0
        assert (paid.tpp.astype(int) == expected + 1).all()

    def test_read_back_from_an_excel_file(self, tmp_path: Path) -> None:
        """A sheet written by Excel tooling and read by pd.read_excel is taken as is."""
        path = tmp_path / "perbup.xlsx"
        frame = pd.DataFrame({"kelas": list(AMOUNTS), "tpp": list(AMOUNTS.values())})
        # a blank line between two blocks of kelas makes pandas read both columns as float64
        blank = pd.DataFrame({"kelas": [None], "tpp": [None]})
        pd.concat([frame[:8], blank, frame[8:]]).to_excel(path, index=False)
        read = pd.read_excel(path).dropna()
        assert read.tpp.dtype == "float64"
        new = rules().with_parameters(base=read)
        assert new.fingerprint() == rules().with_parameters(base=AMOUNTS).fingerprint()

    def test_text_and_decimal_values(self) -> None:
        """Text, Decimal and integral text keys ("01") are kept exact."""
        frame = pd.DataFrame(
            {"kelas": ["01", " 2 "], "tpp": [Decimal("1000000"), "2000000"]}, dtype=object
        )
        assert table_value(rules().with_parameters(base=frame)) == {
            1: Decimal("1000000"),
            2: "2000000",
        }

    def test_fractional_float_refused_naming_row(self) -> None:
        """A float that is not whole is float_money, naming the parameter, row and key."""
        series = pd.Series([1_000_000.0, 2_000_000.5], index=[1, 2])
        (p,) = problems(base=series)
        assert p.code == "float_money" and p.key == "base"
        assert "base: row 1 (key 2): 2000000.5 is a float" in p.message_en
        assert "baris 1 (kunci 2)" in p.message("id")

    def test_every_bad_row_reported(self) -> None:
        """Empty values, fractional keys and duplicate keys are all listed at once."""
        frame = pd.DataFrame({"kelas": [1.0, 2.5, 1.0, 4.0], "tpp": [1.0, 2.0, 3.0, None]})
        found = [p.message_en for p in problems(base=frame)]
        assert found == [
            "base: row 1 (key 2.5): 2.5 is not a whole-number key",
            "base: row 2 (key 1.0): the key is also in row 0",
            "base: row 3 (key 4.0): the value is empty",
        ]

    def test_float_beyond_exact_range_refused(self) -> None:
        """A whole float at or above 2^53 may already be rounded: refused."""
        (p,) = problems(base=pd.Series([float(2**53)], index=[1]))
        assert p.code == "float_money"

    def test_default_row_numbers_refused(self) -> None:
        """frame["tpp"] (index 0, 1, 2...) is refused: kelas 0, 1... is never meant."""
        frame = pd.DataFrame({"kelas": [1, 2], "tpp": [1_000_000, 2_000_000]})
        (p,) = problems(base=frame["tpp"])
        assert "row numbers" in p.message_en and "set_index" in p.message_en

    def test_frame_with_other_than_two_columns_refused(self) -> None:
        """A frame of 3 columns says which columns it has and how to pick two."""
        frame = pd.DataFrame({"kelas": [1], "nama": ["x"], "tpp": [1]})
        (p,) = problems(base=frame)
        assert "needs 2 columns" in p.message_en and "[kelas, nama, tpp]" in p.message_en

    def test_empty_table_refused(self) -> None:
        """An empty sheet is an error, not a table paying nobody."""
        (p,) = problems(base=pd.DataFrame({"kelas": [], "tpp": []}))
        assert "no rows" in p.message_en

    def test_dated_value_may_be_a_table(self) -> None:
        """A frame also works as the value of a dated entry."""
        frame = pd.DataFrame({"kelas": [1.0], "tpp": [5.0]})
        new = rules().with_parameters(base=[{"from": "2025-01-01", "value": frame}])
        assert table_value(new) == {1: 5}

    def test_numpy_integers_are_the_integers(self) -> None:
        """A value taken from a frame (np.int64) is the integer it holds: it was refused as
        "int64 is not a number" (review 37). A numpy float stays refused, as a float is."""
        as_numpy = {np.int64(k): np.int64(v) for k, v in AMOUNTS.items()}
        from_numpy = rules().with_parameters(base=as_numpy)
        assert table_value(from_numpy) == AMOUNTS
        assert all(type(k) is int and type(v) is int for k, v in table_value(from_numpy).items())
        assert from_numpy.fingerprint() == rules().with_parameters(base=AMOUNTS).fingerprint()
        dated = rules().with_parameters(base=[{"from": "2025-01-01", "value": as_numpy}])
        assert table_value(dated) == AMOUNTS
        (p,) = problems(base={1: np.float64(1_000_000.0)})
        assert p.code == "float_money"

    def test_python_floats_still_refused(self) -> None:
        """A float typed in code is refused even when whole, in English and Indonesian."""
        (p,) = problems(base={1: 1_000_000.0})
        assert p.code == "float_money" and "1000000.0 is a float" in p.message_en
        assert "adalah float" in p.message("id")


@settings(max_examples=40, deadline=None)
@given(grade_tables())
def test_float_frame_is_the_int_table(table: dict[int, int]) -> None:
    """Property: a table through float64 pandas columns gives the dict's exact rule set."""
    frame = pd.DataFrame(
        {"kelas": [float(k) for k in table], "tpp": [float(v) for v in table.values()]}
    )
    assert table_value(rules().with_parameters(base=frame)) == table


DATED = """\
name: dated
parameters:
  base:
    unit: rupiah
    values:
      - {from: 2022-01-01, to: 2022-12-31, value: {1: 700000}, reference: Perbup 1/2022}
      - {from: 2023-01-01, value: {1: 900000}, reference: Perbup 1/2023}
steps:
  - {id: tpp, type: lookup, key: grade, table: $base, unit: rupiah}
"""


@cache
def dated() -> RuleSet:
    return load_ruleset(DATED)


def spans(rs: RuleSet, name: str = "base") -> list[tuple[str | None, str | None, object]]:
    return [
        (str(v.start) if v.start else None, str(v.end) if v.end else None, v.value)
        for v in rs.parameters[name].values
    ]


def refused(rs: RuleSet, name: str, value: object, **kw: object) -> RuleSetError:
    with pytest.raises(RuleSetError) as info:
        rs.with_value(name, value, **kw)  # type: ignore[arg-type]
    return info.value


class TestWithValue:
    """with_value adds a dated value from a day on, the earlier values kept for earlier days."""

    def test_closes_the_open_value_the_day_before(self) -> None:
        """The open-ended value ends the day before; the new one is open-ended."""
        new = dated().with_value("base", {1: 1_000_000}, from_="2025-07-01", reference="Perbup 12")
        assert spans(new) == [
            ("2022-01-01", "2022-12-31", {1: 700000}),
            ("2023-01-01", "2025-06-30", {1: 900000}),
            ("2025-07-01", None, {1: 1_000_000}),
        ]
        added = new.parameters["base"].values[-1]
        assert added.reference == "Perbup 12" and added.source == "user"

    def test_periods_before_keep_the_old_value(self) -> None:
        """June is paid from the old table, July on from the new one; the original is unchanged."""
        rs = dated()
        new = rs.with_value("base", {1: 1_000_000}, from_=dt.date(2025, 7, 1))
        assert new.parameter_at("base", Period.parse("2025-06")).value == {1: 900000}
        assert new.parameter_at("base", Period.parse("2025-07")).value == {1: 1_000_000}
        assert new.parameter_at("base", Period.parse("2031-01")).value == {1: 1_000_000}
        assert spans(rs)[-1] == ("2023-01-01", None, {1: 900000})
        assert new.fingerprint() != rs.fingerprint()

    def test_closed_value_then_nothing(self) -> None:
        """With ``to``, nothing is in force after it until another value is added."""
        new = dated().with_value("base", {1: 5}, from_="2025-01-01", to="2025-03-31")
        assert new.parameter_at("base", Period.parse("2025-03")).value == {1: 5}
        with pytest.raises(MissingParameterError):
            new.parameter_at("base", Period.parse("2025-04"))
        again = new.with_value("base", {1: 6}, from_="2025-04-01")
        assert again.parameter_at("base", Period.parse("2025-04")).value == {1: 6}

    def test_undated_value_is_closed(self) -> None:
        """A value in force always (no dates) becomes in force until the day before."""
        rs = load_ruleset(TABLE).with_parameters(share="60%")
        new = rs.with_value("share", "70%", from_="2026-01-01")
        assert spans(new, "share") == [(None, "2025-12-31", "60%"), ("2026-01-01", None, "70%")]

    def test_supplies_a_required_parameter(self) -> None:
        """A required parameter (no value shipped) gets its first value from a day on."""
        rs = load_ruleset(DATED.replace(REQUIRED_FROM, REQUIRED_TO))
        new = rs.with_value("base", {1: 1}, from_="2025-01-01")
        assert spans(new) == [("2025-01-01", None, {1: 1})]

    def test_a_sheet_as_value(self) -> None:
        """The value may be a table read from Excel, as with with_parameters."""
        frame = pd.DataFrame({"kelas": [1.0], "tpp": [1_100_000.0]})
        new = dated().with_value("base", frame, from_="2025-07-01")
        assert new.parameters["base"].values[-1].value == {1: 1_100_000}

    @pytest.mark.parametrize("start", ["2023-01-01", "2022-06-01", "2020-01-01"])
    def test_overlap_refused_naming_the_parameter(self, start: str) -> None:
        """A start on or before the open value's start overlaps: refused, in en and id."""
        err = refused(dated(), "base", {1: 1}, from_=start)
        assert err.code == "overlapping_dates"
        assert err.problems
        for p in err.problems:
            assert p.key == "base" and "parameter 'base'" in p.message_en
            assert "overlap" in p.message_en and "with_parameters" in p.message_en
            assert "tumpang tindih" in p.message("id")

    def test_gap_before_the_first_value_is_fine(self) -> None:
        """A closed value before every other one overlaps nothing and closes nothing."""
        new = dated().with_value("base", {1: 1}, from_="2021-01-01", to="2021-12-31")
        assert spans(new)[0] == ("2021-01-01", "2021-12-31", {1: 1})
        assert spans(new)[-1] == ("2023-01-01", None, {1: 900000})

    def test_reversed_dates_refused(self) -> None:
        """``to`` before ``from_`` is refused naming the parameter."""
        err = refused(dated(), "base", {1: 1}, from_="2025-07-01", to="2025-06-30")
        assert err.code == "overlapping_dates" and err.problems[0].key == "base"
        assert "'to' 2025-06-30 is before 'from' 2025-07-01" in str(err)

    @pytest.mark.parametrize("bad", ["1 Juli 2025", "2025-13-01", 20250701])
    def test_bad_date_refused(self, bad: object) -> None:
        """A date that is not a date or ISO text names the parameter and the argument."""
        err = refused(dated(), "base", {1: 1}, from_=bad)
        assert err.problems[0].key == "base" and "'from_' must be a date" in str(err)

    def test_unknown_parameter(self) -> None:
        """A name the rule set does not have is unknown_parameter."""
        assert refused(dated(), "bse", {1: 1}, from_="2025-01-01").code == "unknown_parameter"

    def test_float_refused(self) -> None:
        """A float value is float_money, as with with_parameters."""
        assert refused(dated(), "base", {1: 0.5}, from_="2025-01-01").code == "float_money"

    def test_value_checked_by_the_steps(self) -> None:
        """The new value is checked against the steps using it, for its dates."""
        err = refused(dated(), "base", "lots", from_="2025-01-01")
        assert "2025-01-01" in str(err)

    def test_bad_source_refused(self) -> None:
        """A source grade that is not one of the grades is a RuleSetError naming the parameter."""
        err = refused(dated(), "base", {1: 1}, from_="2025-01-01", source="trust me")
        assert err.problems[0].key == "base"


REQUIRED_FROM = """    values:
      - {from: 2022-01-01, to: 2022-12-31, value: {1: 700000}, reference: Perbup 1/2022}
      - {from: 2023-01-01, value: {1: 900000}, reference: Perbup 1/2023}
"""
REQUIRED_TO = "    required: true\n"


class TestWithParametersDates:
    """with_parameters checks dated values as a rule file's are checked."""

    def test_overlapping_list_refused(self) -> None:
        """Two values in force on one day are refused, naming the parameter."""
        with pytest.raises(RuleSetError) as info:
            dated().with_parameters(
                base=[
                    {"from": "2025-01-01", "value": {1: 1}},
                    {"from": "2025-06-01", "value": {1: 2}},
                    {"from": "2024-01-01", "to": "2025-02-01", "value": {1: 3}},
                ]
            )
        assert info.value.code == "overlapping_dates"
        assert {p.key for p in info.value.problems} == {"base"}
        assert len(info.value.problems) == 2

    def test_reversed_refused(self) -> None:
        """A dated value ending before it starts is refused."""
        with pytest.raises(RuleSetError) as info:
            dated().with_parameters(base=[{"from": "2025-02-01", "to": "2025-01-01", "value": {}}])
        assert "is before 'from'" in str(info.value)


@settings(max_examples=40, deadline=None)
@given(change_days(), st.lists(st.integers(0, 3000), min_size=1, max_size=20))
def test_each_day_gets_the_latest_change(days: list[dt.date], probes: list[int]) -> None:
    """Property: after with_value on each day in turn, every day reads the value of the last
    change on or before it (the file's value before the first), and nothing overlaps."""
    rs = dated()
    for i, day in enumerate(days):
        rs = rs.with_value("base", {1: i}, from_=day)
    param = rs.parameters["base"]
    for offset in probes:
        day = dt.date(2023, 1, 1) + dt.timedelta(days=offset)
        started = [i for i, d in enumerate(days) if d <= day]
        expected = {1: started[-1]} if started else {1: 900000}
        assert param.at(day).value == expected
        assert sum(v.covers(day) for v in param.values) == 1


def test_a_rupiah_parameter_cannot_be_negative() -> None:
    """A negative base amount paid a negative allowance, no step refusing it: a parameter
    whose unit is rupiah refuses negative numbers, naming the key, in a rule file and in
    with_parameters alike."""
    from tukin.errors import RuleSetError
    from tukin.ruleset.load import load_ruleset

    rs = load_ruleset("tpp-60-40")
    with pytest.raises(RuleSetError) as info:
        rs.with_parameters(base_tpp={1: 716_562, 2: -905_939})
    assert info.value.code == "negative_amount"
    assert "-905939 (2)" in info.value.message("en")
    with pytest.raises(RuleSetError) as info:  # a number written as text is one too
        rs.with_parameters(base_tpp={1: "-716562"})
    assert info.value.code == "negative_amount"
    rs.with_parameters(base_tpp={1: 0, 2: 905_939})  # zero is an amount


def test_a_rupiah_step_table_cannot_hold_negative_amounts() -> None:
    """The same for a look-up step whose table of amounts is its own, not a parameter's."""
    from tukin.errors import RuleSetError
    from tukin.ruleset.load import build_ruleset

    spec = {
        "name": "t",
        "steps": [
            {"id": "base", "type": "lookup", "key": "grade", "unit": "rupiah",
             "table": {5: 1_000_000, 6: -1}},
            {"id": "tpp", "type": "round", "input": "base"},
        ],
    }  # fmt: skip
    with pytest.raises(RuleSetError) as info:
        build_ruleset(spec, {})
    assert info.value.code == "negative_amount" and "-1 (6)" in info.value.message("en")


def test_with_parameters_takes_a_list_of_bands_as_one_value() -> None:
    """Bands are dicts with a ``value`` too: a list of them is the parameter's value, not
    a list of dated values (it raised a raw pydantic ValidationError: min, max not allowed)."""
    from tukin.ruleset.load import load_ruleset

    rs = load_ruleset("capaian-permenpanrb-8-2021")
    band = {"min": "100%", "max": "110%", "max_inclusive": True, "value": 109}
    (dated,) = rs.with_parameters(score_100_110=[band]).parameters["score_100_110"].values
    assert dated.value == [band] and dated.start is None
    dated_list = [{"from": "2025-01-01", "value": [band], "reference": "Perbup 1/2025"}]
    (given,) = rs.with_parameters(score_100_110=dated_list).parameters["score_100_110"].values
    assert given.value == [band] and str(given.start) == "2025-01-01"


@pytest.mark.parametrize(
    ("dated", "en", "id_"),
    [
        ({"from": "2025-13-01", "value": 1}, "from", "from"),
        ({"from": "2025-01-01", "to": "kemarin", "value": 1}, "to", "to"),
        ({"value": 1, "source": "rumor"}, "source", "source"),
    ],
)
def test_with_parameters_refuses_a_bad_dated_value_naming_the_parameter(
    dated: dict[str, object], en: str, id_: str
) -> None:
    # a month 13 in a dated value's `from` once escaped as pydantic's ValidationError
    rs = load_ruleset("tpp-60-40")
    with pytest.raises(RuleSetError) as info:
        rs.with_parameters(kinerja_share=[dated])
    problem = info.value.problems[0]
    assert problem.key == "kinerja_share"
    assert problem.message_id and problem.message_id != problem.message_en
    assert en in problem.message_en and id_ in problem.message_id
    assert "kinerja_share" in str(info.value)


def test_with_value_refuses_a_bad_source_in_both_languages() -> None:
    rs = load_ruleset("tpp-60-40")
    with pytest.raises(RuleSetError) as info:
        rs.with_value("kinerja_share", "60%", from_="2026-01-01", source="rumor")  # type: ignore[arg-type]
    problem = info.value.problems[0]
    assert problem.key == "kinerja_share"
    assert problem.message_id and problem.message_id != problem.message_en


class TestTablesThatPayNobody:
    """A table whose every look-up fails (empty, or only keys the data cannot hold) is
    refused when the rules are loaded, naming the parameter, not found out when every
    employee is rejected at the calculation (review 47)."""

    @staticmethod
    def refused(rs: RuleSet, **values: object) -> object:
        with pytest.raises(RuleSetError) as info:
            rs.with_parameters(**values)
        (p,) = info.value.problems
        assert p.code == "empty_table"
        (name,) = values
        assert p.key == f"parameters.{name}.value" and p.file == "with_parameters"
        assert p.message_id and p.message_id != p.message_en
        return p

    @pytest.mark.parametrize(
        ("name", "said"),
        [
            ("status_factors", "is empty"),  # status_factor
            ("base_tpp", "is empty"),  # lookup of an amount
            ("skp_ratio", "is empty"),  # lookup of a ratio
        ],
    )
    def test_an_empty_table_is_refused(self, name: str, said: str) -> None:
        p = self.refused(load_ruleset("tpp-60-40"), **{name: {}})
        assert said in p.message_en and "every employee" in p.message_en  # type: ignore[attr-defined]
        assert "setiap pegawai" in p.message_id  # type: ignore[attr-defined]

    def test_a_grade_table_of_no_grade_is_refused(self) -> None:
        p = self.refused(load_ruleset("tpp-60-40"), base_tpp={99: 1_000_000, "100": 5})
        assert "1 to 17" in p.message_en and "99, 100" in p.message_en  # type: ignore[attr-defined]
        assert "1 sampai 17" in p.message_id  # type: ignore[attr-defined]

    def test_factors_of_no_status_are_refused(self) -> None:
        p = self.refused(load_ruleset("tpp-60-40"), status_factors={"tetap": 1, "honor": "50%"})
        assert "pns, cpns, pppk" in p.message_en  # type: ignore[attr-defined]

    def test_a_rule_file_is_refused_too(self) -> None:
        text = TABLE.replace("{1: 1000000, 2: 2000000}", "{}")
        with pytest.raises(RuleSetError) as info:
            load_ruleset(text)
        (p,) = info.value.problems
        assert p.code == "empty_table" and p.key == "parameters.base.value" and p.line

    @pytest.mark.parametrize(
        "step",
        [
            # what an employee not in the table gets is said: the table may be empty
            "{id: x, type: lookup, key: grade, table: {}, default: 1}",
            "{id: x, type: lookup, key: grade, table: {}, unknown: zero}",
            "{id: x, type: lookup, key: grade, table: {99: 1}, default: 1}",
            "{id: x, type: status_factor, factors: {}, default: 1}",
            # a column the contract does not fix: any key may be in it
            "{id: x, type: lookup, key: zona, table: {99: 1}}",
            "{id: x, type: status_factor, status: jenis, factors: {tetap: 1}}",
            # some keys the data can hold: the others are the author's business
            "{id: x, type: lookup, key: grade, table: {99: 1, 17: 2}}",
            # an empty table of rates deducts nothing (a regency not cutting for apel)
            "{id: x, type: deduction_table, rates: {}}",
        ],
    )
    def test_a_table_that_can_be_empty_is_kept(self, step: str) -> None:
        load_ruleset(f"name: t\nsteps:\n  - {step}\n")

    @pytest.mark.parametrize(
        ("step", "key"),
        [
            ("{id: x, type: lookup, key: grade, table: {}}", "steps.0.table"),
            ("{id: x, type: ceiling, input: y, amount: {}}", "steps.0.amount"),
            (
                "{id: x, type: pph21_ter, input: y, rates: {}}",
                "steps.0.rates",
            ),
            ("{id: x, type: opd_factor, bands: []}", "steps.0.bands"),
            ("{id: x, type: absence_sanction, tiers: []}", "steps.0.tiers"),
        ],
    )
    def test_written_in_the_step_in_both_languages(self, step: str, key: str) -> None:
        with pytest.raises(RuleSetError) as info:
            load_ruleset(f"name: t\nsteps:\n  - {step}\n")
        (p,) = info.value.problems
        assert p.code == "empty_table" and p.key == key
        assert p.message_id and p.message_id != p.message_en


class TestNoValue:
    """``None`` (``null`` in a file) as a parameter's value is no value: a step key it fills
    is read as not written. Where the key may be left out (``total_cap``: no cap) that is its
    meaning, as ``capaian_cap: null`` of a shipped pack says; where a value is needed the
    load is refused saying that no value was given (review 47: it read "NoneType is not a
    number", or "must be a mapping")."""

    def test_an_optional_key_is_as_if_not_written(self) -> None:
        rs = load_ruleset("tpp-60-40")
        uncapped = rs.with_parameters(absence_cap=None)
        (dv,) = uncapped.parameters["absence_cap"].values
        assert dv.value is None
        steps = [
            s.model_copy(update={"params": {k: v for k, v in s.params.items() if k != "total_cap"}})
            if s.id == "persen_absen"
            else s
            for s in rs.steps
        ]
        written = rs.model_copy(update={"steps": tuple(steps)})
        frames = tukin.demo.generate(30, seed=3)
        att = frames["attendance"]
        att.loc[att["period"].astype(str) == "2025-10", "tk"] = 40  # 120 % absence
        ds = Dataset.from_frames(**frames)
        a, b = calculate(ds, uncapped, "2025-10"), calculate(ds, written, "2025-10")
        assert a.to_frame().equals(b.to_frame()) and a.rejected.equals(b.rejected)
        # uncapped, 1 - absence% goes below zero: refused, never paid as a negative amount
        assert set(a.rejected["code"]) >= {"negative_allowance"}

    @pytest.mark.parametrize(
        ("name", "where"),
        [("kinerja_share", "share"), ("base_tpp", "table"), ("rounding", "mode")],
    )
    def test_a_needed_value_says_none_was_given(self, name: str, where: str) -> None:
        with pytest.raises(RuleSetError) as info:
            load_ruleset("tpp-60-40").with_parameters(**{name: None})
        (p,) = info.value.problems
        assert p.key == f"parameters.{name}.value"
        assert f"{where}: no value given (null)" in p.message_en, p.message_en
        assert f"{where}: tidak ada nilai (null)" in p.message_id, p.message_id  # type: ignore[operator]
        assert "NoneType" not in p.message_en + p.message_id  # type: ignore[operator]


class TestParametersAFormulaReads:
    """A formula reads a parameter by its name: each of its values must be a number, checked
    at load like a ``$name`` a step's key gives, not found out by a calculation that fails
    for everyone in English (review 47: ``share=None`` and ``share='abc'`` loaded)."""

    @pytest.mark.parametrize(
        ("value", "en", "id_"),
        [
            (None, "no value given (null)", "tidak ada nilai (null)"),
            ("abc", "'abc' is not a number", "'abc' bukan bilangan"),
            ({"a": 1}, "dict is not a number", "dict bukan bilangan"),
        ],
    )
    def test_a_value_no_number_is_refused(self, value: object, en: str, id_: str) -> None:
        with pytest.raises(RuleSetError) as info:
            rules().with_parameters(share=value)
        (p,) = info.value.problems
        assert p.key == "parameters.share.value" and p.file == "with_parameters"
        assert p.message_en == f"step 'kotor' (formula) reads parameter 'share': {en}"
        assert p.message_id == f"langkah 'kotor' (formula) membaca parameter 'share': {id_}"

    def test_every_dated_value_is_checked(self) -> None:
        dated = [{"to": "2024-12-31", "value": "60%"}, {"from": "2025-01-01", "value": "x"}]
        with pytest.raises(RuleSetError) as info:
            rules().with_parameters(share=dated)
        assert "'x' is not a number (values in force on 2025-01-01)" in str(info.value)

    def test_a_step_of_that_name_is_read_instead(self) -> None:
        # an earlier step named like the parameter is what the formula reads: no number needed
        text = TABLE.replace(
            "  - id: kotor", "  - {id: share, type: formula, expr: '1'}\n  - id: kotor"
        )
        load_ruleset(text.replace("share: {value: 0.6", "share: {value: abc"))

    def test_a_rule_file_names_the_line(self) -> None:
        with pytest.raises(RuleSetError) as info:
            load_ruleset(TABLE.replace("share: {value: 0.6", "share: {value: enam puluh"))
        (p,) = info.value.problems
        assert p.line == 7 and p.key == "parameters.share.value"


@pytest.mark.parametrize(
    "step",
    [
        # a list that must not be empty (pydantic's too_short)
        "{id: x, type: bands, input: y, bands: []}",
        "{id: x, type: aggregate, inputs: [], method: mean}",
        # the other refusals of the validators that refuse an empty table
        "{id: x, type: status_factor, factors: {pppk: 1}, not_eligible: [PPPK]}",
        "{id: x, type: absence_sanction, tiers: [{days: 5, cut: 10%, months: 1}, "
        "{days: 5, cut: 20%, months: 1}]}",
        "{id: x, type: pph21_ter, input: y, rates: {A: [{up_to: 100, rate: 1%}]}}",
        "{id: x, type: pph21_ter, input: y, rates: {A: [{up_to: 100, rate: 1%}, "
        "{up_to: 50, rate: 2%}, {rate: 3%}]}}",
    ],
)
def test_a_refused_step_is_said_in_indonesian_too(step: str) -> None:
    """Review 47: these said pydantic's or the validator's English in both languages."""
    with pytest.raises(RuleSetError) as info:
        load_ruleset(f"name: t\nsteps:\n  - {step}\n")
    (p,) = info.value.problems
    assert p.message_id
    # the reason after the step's name, not only the name's "langkah"
    assert p.message_id.split("): ", 1)[1] != p.message_en.split("): ", 1)[1]
    assert "should" not in p.message_id and " must " not in p.message_id


def test_no_parameter_validator_refuses_in_english_only() -> None:
    """A rule type's validator that raises a plain ValueError is shown in English in both
    languages (``check.error_text`` has no Indonesian for it): every refusal of a step's
    parameters says both (``PydanticCustomError`` with ``message_id``; review 47)."""
    import ast

    import tukin.rules

    found = []
    for path in sorted(Path(tukin.rules.__file__).parent.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef):
                continue
            names = {ast.unparse(d).split("(")[0] for d in fn.decorator_list}
            if not names & {"field_validator", "model_validator"}:
                continue
            for node in ast.walk(fn):
                if (
                    isinstance(node, ast.Raise)
                    and isinstance(node.exc, ast.Call)
                    and ast.unparse(node.exc.func) == "ValueError"
                ):
                    found.append(f"{path.name}:{node.lineno}")
    assert not found, found


@pytest.mark.parametrize(
    "step",
    [
        "{id: x, type: deduction_table, rates: {tk: 1%}, free: {tl1: 1}}",
        "{id: x, type: deduction_table, rates: {tk: 1%}, free: {tk: -1}}",
        "{id: x, type: achievement, realisation: r, target: t, floor: 2, cap: 1}",
        "{id: x, type: aggregate, inputs: [a, b], method: weighted_mean}",
        "{id: x, type: aggregate, inputs: [a, b], method: mean, weights: [1, 1]}",
        "{id: x, type: aggregate, inputs: [a, b], method: weighted_mean, weights: [1]}",
        "{id: x, type: aggregate, inputs: [a, b], method: weighted_mean, weights: [0, 0]}",
        "{id: x, type: bands, input: y, bands: [{min: 0, max: 1}]}",
        "{id: x, type: bands, input: y, bands: [{min: 0, max: 1, value: 1}, "
        "{min: 1, max: 2, label: a}]}",
        "{id: x, type: bands, input: y, bands: [{min: 0, max: 2, value: 1}, "
        "{min: 1, max: 3, value: 2}]}",
        "{id: x, type: rollup, sources: {jpt: [appraisal]}}",
        "{id: x, type: predikat_matrix, matrix: {above: {above: Baik}}}",
    ],
)
def test_a_step_refused_by_its_validator_is_said_in_indonesian(step: str) -> None:
    with pytest.raises(RuleSetError) as info:
        load_ruleset(f"name: t\nsteps:\n  - {step}\n")
    p = info.value.problems[0]
    assert p.message_id and p.message_id.split("): ", 1)[1] != p.message_en.split("): ", 1)[1]


class TestReleasedTablesStayLoadable:
    """A released pack version with a table a later check refuses (an empty base ending in
    1900: a placeholder of its day) loads as released, and also with another of its
    parameters changed: only a table changed to one the check refuses is refused (review 49;
    at b3b5a6d ``with_parameters(deduction_cap=...)`` on such a version worked)."""

    @pytest.mark.parametrize("pack", ["tukin-permentan-68-2012@1", "tukin-ministry-variant@1"])
    def test_another_parameter_changed(self, pack: str) -> None:
        rules = tukin.load_ruleset(pack)
        name = next(n for n in ("deduction_cap", "absence_cap") if n in rules.parameters)
        changed = rules.with_parameters(**{name: "50%"})
        month = Period.parse("2025-10")
        assert changed.parameter_at(name, month).value != rules.parameter_at(name, month).value

    def test_a_table_emptied_is_still_refused(self) -> None:
        rules = tukin.load_ruleset("tukin-permentan-68-2012@1")
        with pytest.raises(RuleSetError) as info:
            rules.with_parameters(status_factors={})
        assert {p.code for p in info.value.problems} == {"empty_table"}

    def test_a_version_no_longer_as_released_is_refused_not_recursed(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A pack version whose fingerprint is not in the behaviour lock (the lock not yet
        updated after a change of fingerprint) is checked as any rule set: its empty base is
        refused as empty_table. Looking for the released versions to compare it with loaded
        that same version again, and again: the stack ran out in the YAML reader, which said
        'rule file is nested more than 100 levels deep' (review 50)."""
        from tukin import presets
        from tukin.ruleset import check

        pack = "tukin-permentan-68-2012"
        mine = {tukin.load_ruleset(f"{pack}@{v}").fingerprint() for v in presets.versions(pack)}
        others = presets.released_fingerprints() - mine
        monkeypatch.setattr(presets, "released_fingerprints", lambda: others)
        check._load_released.cache_clear()
        try:
            with pytest.raises(RuleSetError) as info:
                tukin.load_ruleset(f"{pack}@1")
            assert {p.code for p in info.value.problems} == {"empty_table"}
        finally:
            check._load_released.cache_clear()
