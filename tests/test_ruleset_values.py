"""Tests for values a user supplies to a loaded rule set: tables read from Excel by pandas."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from strategies import grade_tables

from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import RuleSetError
from tukin.ruleset.load import load_ruleset
from tukin.ruleset.model import RuleSet

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
