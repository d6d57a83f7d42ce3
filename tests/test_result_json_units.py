"""What a program reads back from a result document (review 78): each column's unit, and the
exact value of every number as text. Amounts before rounding and ratios left as binary64
floats, explanation values an integer for one employee and text for the next: a reader could
not tell money from a ratio, nor the exact value from a rounded one."""

from __future__ import annotations

import importlib.util
import json
import warnings
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tukin
from tukin._exact_text import ExactColumns, decimal_texts
from tukin.distributed import calculate_partitioned
from tukin.ruleset.types import fmt_exact


def _validator(name: str) -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    docs = tukin.schema.json_schemas()
    registry = referencing.Registry().with_resources(
        (d["$id"], referencing.Resource.from_contents(d)) for d in docs.values() if "$id" in d
    )
    cls = jsonschema.Draft202012Validator
    return cls(docs[name], registry=registry, format_checker=cls.FORMAT_CHECKER)


def _dataset() -> tukin.Dataset:
    """The demo regency with four employees in service part of the month: their factors are
    fractions (17/31), and the amounts computed from them no decimals."""
    frames = tukin.demo.generate(30, seed=5)
    emp = frames["employees"].copy()
    emp.loc[[1, 3, 5], "end_date"] = pd.Timestamp("2025-10-17")
    emp.loc[[7], "start_date"] = pd.Timestamp("2025-10-09")
    return tukin.Dataset.from_frames(**{**frames, "employees": emp})


def _calculate(ds: tukin.Dataset, pack: str = "tpp-60-40", **kw: Any) -> tukin.Result:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if kw.get("partitioned"):
            return calculate_partitioned(ds, tukin.load_ruleset(pack), "2025-10")
        return tukin.calculate(ds, tukin.load_ruleset(pack), "2025-10")


@pytest.fixture(scope="module")
def result() -> tukin.Result:
    return _calculate(_dataset())


@pytest.fixture(scope="module")
def doc(result: tukin.Result) -> dict[str, Any]:
    return json.loads(result.to_json("en", explain_nips=result.to_frame()["nip"].tolist()))


class TestUnits:
    def test_every_column_has_its_unit(self, doc: dict[str, Any]) -> None:
        """Money is told from a ratio by the document alone."""
        units = doc["units"]
        assert list(units) == list(doc["employees"][0])
        assert {units[c] for c in ("allowance", "net", "tpp", "tpp_kotor")} == {"rupiah"}
        assert {units[c] for c in ("faktor_hari", "persen_absen", "grade")} == {"number"}
        assert units["predikat"] == units["nip"] == "text"

    def test_units_agree_with_the_explanation(self, doc: dict[str, Any]) -> None:
        """A step the explanation calls rupiah is rupiah in ``units``, and only those."""
        steps = next(iter(doc["explanations"].values()))["steps"]
        for step in steps:
            unit = doc["units"][step["id"]]
            assert (unit == "rupiah") == (step["unit"] == "rupiah"), step["id"]

    def test_column_units_of_the_frame(self, result: tukin.Result) -> None:
        assert list(result.column_units()) == list(result.to_frame().columns)


class TestExact:
    def test_one_row_per_employee_with_its_nip(self, doc: dict[str, Any]) -> None:
        assert [r["nip"] for r in doc["exact"]] == [r["nip"] for r in doc["employees"]]

    def test_every_number_is_text_and_exact(self, doc: dict[str, Any]) -> None:
        """Each rupiah and number column, always text; equal to the explanation's exact
        value and nearest to the display float; the part-month rows are fractions."""
        numeric = {c for c, u in doc["units"].items() if u in ("rupiah", "number")}
        fractions = 0
        for row, exact in zip(doc["employees"], doc["exact"], strict=True):
            assert set(exact) == numeric | {"nip"}
            steps = {s["id"]: s for s in doc["explanations"][row["nip"]]["steps"]}
            for column in numeric:
                text = exact[column]
                assert isinstance(text, str), (column, text)
                value = Fraction(text)
                fractions += "/" in text
                if column in steps:
                    assert steps[column]["exact"] == text
                shown = row[column]
                if isinstance(shown, int):
                    assert value == shown
                else:
                    assert float(value) == pytest.approx(shown, rel=1e-12)
        assert fractions

    def test_money_columns_written_as_floats_have_exact_decimals(self, doc: dict[str, Any]) -> None:
        """``bagian_kinerja``, an amount before rounding: a float in ``employees``, its exact
        decimal in ``exact`` (the surprise review 70 left)."""
        floats = [r["bagian_kinerja"] for r in doc["employees"]]
        assert any(isinstance(v, float) for v in floats)
        texts = [r["bagian_kinerja"] for r in doc["exact"]]
        assert any("." in t for t in texts)

    def test_the_document_validates(self, doc: dict[str, Any]) -> None:
        """Against the published schema, which types ``units`` and ``exact``."""
        validator = _validator("result")
        assert not list(validator.iter_errors(doc))
        for key, bad in (("units", {"tpp": "money"}), ("exact", [{"nip": "1", "tpp": 1}])):
            changed = json.loads(json.dumps(doc))
            changed[key] = bad
            assert list(validator.iter_errors(changed)), key

    def test_a_partitioned_result_writes_the_same(self, doc: dict[str, Any]) -> None:
        pytest.importorskip("dask")
        merged = json.loads(_calculate(_dataset(), partitioned=True).to_json("en"))
        assert merged["units"] == doc["units"] and merged["exact"] == doc["exact"]


class TestExplanationExact:
    def test_a_number_is_always_text(self, doc: dict[str, Any]) -> None:
        """``output`` is 0 for one employee and "0.01" for another; ``exact`` is text for
        both, and so is each input's ``inputs_exact``."""
        for explanation in doc["explanations"].values():
            for step in explanation["steps"]:
                number = isinstance(step["output"], int | float) or (
                    isinstance(step["output"], str) and _is_number(step["output"])
                )
                assert isinstance(step["exact"], str) == number, step
                for name, value in step["inputs"].items():
                    if isinstance(value, int) and not isinstance(value, bool):
                        assert step["inputs_exact"][name] == str(value)
        validator = _validator("explanation")
        for explanation in doc["explanations"].values():
            assert not list(validator.iter_errors(explanation))


def _is_number(text: str) -> bool:
    try:
        Fraction(text)
    except ValueError:
        return False
    return True


class TestExactWrittenByColumns:
    """The ``exact`` rows are held as columns and written by numpy's string operations
    (review 81: building a dict per row and encoding it with the pure-Python indented
    encoder cost more than computing the texts). The document must stay the very text
    ``json.dumps(indent=2)`` writes."""

    def test_the_document_is_what_json_dumps_writes(self, result: tukin.Result) -> None:
        """Character for character, single and partitioned (part-month fractions included)."""
        texts = [result.to_json("en", explain_nips=result.to_frame()["nip"].tolist()[:2])]
        if importlib.util.find_spec("dask") is not None:
            texts.append(_calculate(_dataset(), partitioned=True).to_json("id"))
        for text in texts:
            doc = json.loads(text)
            assert any("/" in v for row in doc["exact"] for v in row.values() if v)
            assert text == json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"

    def test_a_text_ending_in_nul_is_escaped(self) -> None:
        """numpy's string functions do not see a trailing NUL ("1\\x00" counts as one digit):
        CI's hypothesis run found a cell "\\x00" written raw where ``json.dumps`` escapes it."""
        texts = ["\x00", "1\x00", "\x001", "7\x00\x00", "12"]
        columns = ExactColumns(
            np.array(texts, dtype=np.dtypes.StringDType()),
            {"v": np.array(texts, dtype=np.dtypes.StringDType())},
            {"v": np.ones(len(texts), dtype=bool)},
        )
        want = json.dumps({"exact": [{"nip": t, "v": t} for t in texts]}, indent=2)
        shell = json.dumps({"exact": "M"}, indent=2)
        assert shell.replace('"M"', columns.json_array(2, 1)) == want

    @settings(max_examples=60, deadline=None)
    @given(
        nips=st.lists(st.text(max_size=6), max_size=5),
        names=st.lists(st.text(min_size=1, max_size=4), unique=True, max_size=4),
        data=st.data(),
    )
    def test_any_rows_as_json_dumps_writes_them(self, nips, names, data) -> None:
        """Any NIP text (quotes, backslashes, control characters, non-ASCII), any column
        names, missing values, no rows or no columns: the same text as ``json.dumps``."""
        names = [n for n in names if n != "nip"]
        cells = {
            n: data.draw(
                st.lists(st.none() | st.text(max_size=5), min_size=len(nips), max_size=len(nips))
            )
            for n in names
        }
        columns = ExactColumns(
            np.array(nips, dtype=np.dtypes.StringDType()),
            {
                n: np.array([v or "" for v in c], dtype=np.dtypes.StringDType())
                for n, c in cells.items()
            },
            {n: np.array([v is not None for v in c], dtype=bool) for n, c in cells.items()},
        )
        records = columns.records()
        assert records == [
            {"nip": nip, **{n: cells[n][i] for n in names}} for i, nip in enumerate(nips)
        ]
        want = json.dumps({"a": 1, "exact": records}, indent=2, ensure_ascii=False)
        shell = json.dumps({"a": 1, "exact": "M"}, indent=2, ensure_ascii=False)
        assert shell.replace('"M"', columns.json_array(2, 1)) == want

    @settings(max_examples=80, deadline=None)
    @given(st.lists(st.integers(-(10**17), 10**17), max_size=8), st.integers(0, 6))
    def test_decimal_texts_are_fmt_exact(self, ints: list[int], scale: int) -> None:
        """Each integer scaled down as ``fmt_exact`` writes the Fraction: "12", "-0.5"."""
        got = decimal_texts(np.array(ints, dtype=np.int64), scale).tolist()
        assert got == [fmt_exact(Fraction(i, 10**scale)) for i in ints]
