"""The parameters of every warning, rejection and validation problem as JSON data (review 82).

Other systems read the result document and the error body: before, a warning was
``{code, message}`` and a rejected row its code and a sentence, so a program that wanted the
attendance codes no step read, the cell a bad reference is in or the value refused had to
parse the text. Now each carries ``fields``: the same keys and values in every language.
"""

from __future__ import annotations

import datetime as dt
import json
import pickle
import warnings
from decimal import Decimal
from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tukin
from tukin._fields import indented_json, json_fields, json_value
from tukin.errors import InputWarning, Problem, Worded, reason_fields, rendered
from tukin.result import REJECTED_COLUMNS

PERIOD = "2025-10"
BAD_POSITION = "NOPE-1"
EXTRA_CODE = "xq"


def _frames(seed: int = 5) -> dict[str, pd.DataFrame]:
    """The demo regency with one employee naming a position that does not exist (rejected
    in validation), one without an attendance row (rejected by the calculation) and an
    attendance code no step reads (a warning)."""
    frames = tukin.demo.generate(40, seed=seed)
    emp = frames["employees"].copy()
    emp.loc[2, "position_id"] = BAD_POSITION
    att = frames["attendance"].copy()
    att = att[att["nip"] != emp.loc[4, "nip"]].copy()
    att[EXTRA_CODE] = 1
    return {**frames, "employees": emp, "attendance": att}


def _calculate(frames: dict[str, pd.DataFrame], **kw: Any) -> tukin.Result:
    ds = tukin.Dataset.from_frames(**frames)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if kw.get("partitioned"):
            from tukin.distributed import calculate_partitioned

            return calculate_partitioned(ds, tukin.load_ruleset("tpp-60-40"), PERIOD)
        return tukin.calculate(ds, tukin.load_ruleset("tpp-60-40"), PERIOD)


@pytest.fixture(scope="module")
def frames() -> dict[str, pd.DataFrame]:
    return _frames()


@pytest.fixture(scope="module")
def result(frames: dict[str, pd.DataFrame]) -> tukin.Result:
    return _calculate(frames)


@pytest.fixture(scope="module")
def texts(result: tukin.Result) -> dict[str, str]:
    return {lang: result.to_json(lang) for lang in ("en", "id")}


@pytest.fixture(scope="module")
def docs(texts: dict[str, str]) -> dict[str, dict[str, Any]]:
    return {lang: json.loads(text) for lang, text in texts.items()}


def _rejected(doc: dict[str, Any], code: str) -> dict[str, Any]:
    found = [r for r in doc["rejected"] if r["code"] == code]
    assert len(found) == 1, [r["code"] for r in doc["rejected"]]
    return found[0]


class TestWarnings:
    def test_unread_attendance_codes_are_a_list(self, docs: dict[str, dict[str, Any]]) -> None:
        """The codes no step reads, as a list: not the message's ``"xq, yz"``."""
        warning = next(w for w in docs["en"]["warnings"] if w["code"] == "unread_attendance_code")
        assert warning["fields"] == {
            "value": [EXTRA_CODE],
            "period": PERIOD,
            "ruleset": "tpp-60-40",
        }

    def test_every_warning_has_fields_the_same_in_both_languages(
        self, docs: dict[str, dict[str, Any]]
    ) -> None:
        en, id_ = docs["en"]["warnings"], docs["id"]["warnings"]
        assert en and [w["code"] for w in en] == [w["code"] for w in id_]
        assert [w["fields"] for w in en] == [w["fields"] for w in id_]
        assert [w["message"] for w in en] != [w["message"] for w in id_]  # the text follows

    def test_a_table_is_named_by_its_contract_name(self) -> None:
        """A warning whose message names a table by its sheet (in the run's language) gives
        programs the contract's name, whatever that language."""
        from tukin.calc.notices import notices

        frames = _frames()
        att = frames["attendance"]
        frames["attendance"] = pd.concat([att, att.iloc[:1]], ignore_index=True)  # read once
        said: dict[str, dict[str, Any]] = {}
        for lang in ("en", "id"):
            ds = tukin.Dataset.from_frames(**frames, lang=lang)
            rs = tukin.load_ruleset("tpp-60-40")
            from tukin.calc.notices import Observed
            from tukin.period import Period

            found = notices(ds, rs, Period.parse(PERIOD), Observed())
            said[lang] = next(w for w in found if w.code == "duplicate_rows_read_once").params
        assert said["en"] == said["id"]
        assert said["en"]["table"] == "attendance" and said["en"]["value"] == 1

    def test_pickled_with_its_parameters(self) -> None:
        w = InputWarning("unread_attendance_code", "en", value="a").with_params({"value": ["a"]})
        back = pickle.loads(pickle.dumps(w))
        assert back.params == {"value": ["a"]} and back.message() == w.message()


class TestRejected:
    def test_a_bad_reference(self, docs: dict[str, dict[str, Any]], frames: Any) -> None:
        """A validation rejection names the cell: table, column, the value refused, the key,
        and the problem's own parameters (the table referred to)."""
        row = _rejected(docs["en"], "unknown_reference")
        assert row["stage"] == "validation"
        assert row["fields"] == {
            "problems": [
                {
                    "code": "unknown_reference",
                    "table": "employees",
                    "column": "position_id",
                    "value": BAD_POSITION,
                    "key": frames["employees"].loc[2, "nip"],
                    "fields": {"target": "positions.position_id"},
                }
            ]
        }

    def test_a_calculation_rejection(self, docs: dict[str, dict[str, Any]]) -> None:
        """No attendance row: the table and the period, not a sentence to parse."""
        row = _rejected(docs["en"], "missing_input_row")
        assert row["stage"] == "calculation" and row["step"] == "input"
        assert row["fields"] == {"table": "attendance", "period": PERIOD}

    def test_fields_are_the_same_in_both_languages(self, docs: dict[str, dict[str, Any]]) -> None:
        en, id_ = docs["en"]["rejected"], docs["id"]["rejected"]
        assert len(en) >= 2
        assert [r["fields"] for r in en] == [r["fields"] for r in id_]
        assert [r["reason"] for r in en] != [r["reason"] for r in id_]

    def test_every_rejected_row_has_fields(self, docs: dict[str, dict[str, Any]]) -> None:
        for row in docs["en"]["rejected"]:
            assert isinstance(row["fields"], dict), row["code"]
            assert list(row)[: len(REJECTED_COLUMNS)] == list(REJECTED_COLUMNS)  # as before

    def test_the_frames_keep_their_columns(self, result: tukin.Result) -> None:
        """``Result.rejected`` is a frame a person reads or saves: no column of objects."""
        assert list(result.rejected.columns) == list(REJECTED_COLUMNS)
        assert list(result.rejected_in("id").columns) == list(REJECTED_COLUMNS)

    def test_the_input_row_order_changes_nothing(self, texts: dict[str, str], frames: Any) -> None:
        """No input row numbers in ``fields``: the same rows in another order are the same
        input, and its document the same bytes (computed_at aside)."""
        shuffled = {k: v.sample(frac=1, random_state=3) for k, v in frames.items()}
        other = json.loads(_calculate(shuffled).to_json("en"))
        mine = json.loads(texts["en"])
        assert other["rejected"] == mine["rejected"]

    def test_a_partitioned_result_writes_the_same(self, docs: dict[str, Any], frames: Any) -> None:
        pytest.importorskip("dask")
        merged = json.loads(_calculate(frames, partitioned=True).to_json("en"))
        assert merged["rejected"] == docs["en"]["rejected"]

    def test_a_consequence_names_its_cause(self) -> None:
        """A row rejected because the row it refers to was (``rejected_upstream``) says which
        row of which table, and why, in ``cause``."""
        frames = _frames()
        pos = frames["positions"].copy()
        emp = frames["employees"]
        target = emp.loc[6, "position_id"]
        pos.loc[pos["position_id"] == target, "grade"] = 99  # out of bounds: position rejected
        result = _calculate({**frames, "positions": pos})
        doc = json.loads(result.to_json("en"))
        rows = [r for r in doc["rejected"] if r["code"] == "rejected_upstream"]
        assert rows
        cause = rows[0]["fields"]["problems"][0]["fields"]["cause"]
        assert cause["table"] == "positions" and cause["column"] == "grade"
        assert cause["value"] == 99 and "row" not in cause


class TestDocument:
    def test_written_as_json_dumps_writes_it(self, texts: dict[str, str]) -> None:
        """The text is ``json.dumps(indent=2)`` of what it holds: nothing a parser reads
        otherwise (no NaN, no float where text was meant)."""
        for text in texts.values():
            assert text == json.dumps(json.loads(text), indent=2, ensure_ascii=False) + "\n"

    def test_validates_and_the_schema_types_fields(self, docs: dict[str, Any]) -> None:
        from tests.test_result_json_units import _validator

        validator = _validator("result")
        doc = docs["id"]
        assert not list(validator.iter_errors(doc))
        for key in ("rejected", "warnings"):
            changed = json.loads(json.dumps(doc))
            changed[key][0]["fields"] = {"share": 0.5}  # a float: exact numbers are text
            assert list(validator.iter_errors(changed)), key
            changed[key][0]["fields"] = ["not", "an", "object"]
            assert list(validator.iter_errors(changed)), key

    def test_a_document_without_fields_still_validates(self, docs: dict[str, Any]) -> None:
        """Additive: what an earlier version wrote is still a result document."""
        from tests.test_result_json_units import _validator

        old = json.loads(json.dumps(docs["en"]))
        for key in ("rejected", "warnings"):
            for row in old[key]:
                del row["fields"]
        assert not list(_validator("result").iter_errors(old))


class TestProblems:
    def test_a_validation_problem(self, frames: Any) -> None:
        """``Problem.to_dict`` (an error body's problems) carries ``fields`` too."""
        ds = tukin.Dataset.from_frames(**frames)
        problem = next(p for p in ds.report.problems if p.code == "unknown_reference")
        en, id_ = problem.to_dict("en"), problem.to_dict("id")
        assert en["fields"] == id_["fields"] == {"target": "positions.position_id"}
        assert en["message"] != id_["message"]
        assert (en["table"], en["row"], en["column"], en["value"]) == (
            "employees",
            2,
            "position_id",
            BAD_POSITION,
        )

    def test_the_error_body_validates(self, frames: Any) -> None:
        from tests.test_result_json_units import _validator

        with pytest.raises(tukin.errors.DatasetValidationError) as caught:
            tukin.Dataset.from_frames(**frames, mode="strict")
        body = caught.value.to_dict("id")
        assert any(p["fields"] == {"target": "positions.position_id"} for p in body["problems"])
        assert json.loads(json.dumps(body, allow_nan=False)) == body
        assert not list(_validator("error").iter_errors(body))

    def test_rows_left_out_on_request(self) -> None:
        p = Problem("employees", "duplicate_key", 5, "nip", "1", "1", {"other_row": 2, "n": 1})
        assert p.params() == {"other_row": 2, "n": 1}
        assert p.params(rows=False) == {"n": 1}
        assert "row" not in p.ref(rows=False) and p.ref()["row"] == 5


class TestValues:
    def test_spelling(self) -> None:
        fields = {
            "count": np.int64(3),
            "share": Fraction(30, 31),
            "half": Fraction(1, 2),
            "rate": Decimal("0.050"),
            "typed": 0.1,
            "gone": float("nan"),
            "na": pd.NA,
            "nat": pd.NaT,
            "day": pd.Timestamp("2025-10-17"),
            "date": dt.date(2025, 1, 2),
            "codes": np.array(["a", "b"], dtype=object),
            "set": {"b", "a"},
            "flag": np.bool_(True),
            "detail": ("words", "kata"),  # words for people, in two languages
            "amount_en": "Rp1,000",
        }
        assert json_fields(fields) == {
            "count": 3,
            "share": "30/31",
            "half": "0.5",
            "rate": "0.05",
            "typed": "0.1",
            "day": "2025-10-17",
            "date": "2025-01-02",
            "codes": ["a", "b"],
            "set": ["a", "b"],
            "flag": True,
        }

    def test_a_reason_keeps_its_fields_across_processes(self) -> None:
        said = rendered("below_bands", value="0.5")
        back = pickle.loads(pickle.dumps(said))
        assert back == said and reason_fields(back) == {"value": "0.5"}
        assert reason_fields(("en", "id")) == {} and reason_fields("text") == {}
        assert Worded("a", "b", n=1)[1] == "b"

    @settings(max_examples=300, deadline=None)
    @given(
        st.recursive(
            st.none()
            | st.booleans()
            | st.integers()
            | st.floats(allow_nan=True, allow_infinity=True)
            | st.fractions()
            | st.decimals(allow_nan=True, allow_infinity=True)
            | st.text()
            | st.dates()
            | st.datetimes(),
            lambda inner: (
                st.lists(inner, max_size=4)
                | st.dictionaries(st.text(max_size=5), inner, max_size=4)
                | st.frozensets(st.integers(), max_size=4)
            ),
            max_leaves=12,
        )
    )
    def test_any_value_round_trips_through_json(self, value: Any) -> None:
        """Whatever a message is given, its ``fields`` survive ``json.dumps`` (no NaN, no
        float) and read back equal."""
        out = json_fields({"v": value})
        text = json.dumps(out, allow_nan=False, ensure_ascii=False)
        assert json.loads(text) == out
        assert "v" not in out or not _has_float(out["v"])
        if "v" in out:
            assert out["v"] == json_value(value)


def _has_float(value: Any) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, list):
        return any(_has_float(v) for v in value)
    if isinstance(value, dict):
        return any(_has_float(v) for v in value.values())
    return False


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4)
    ),
    max_leaves=20,
)


class TestIndentedJson:
    """The rejected rows are written without json's generators: the same characters."""

    @settings(max_examples=300, deadline=None)
    @given(_JSON, st.integers(0, 3))
    def test_the_characters_json_dumps_writes(self, value: Any, depth: int) -> None:
        want = json.dumps({"k": value}, indent=2, ensure_ascii=False)
        if depth == 1:
            assert f'{{\n  "k": {indented_json(value, 1)}\n}}' == want
        assert indented_json(value, 0) == json.dumps(value, indent=2, ensure_ascii=False)
        nested = json.dumps([[[value]]], indent=2, ensure_ascii=False)
        assert indented_json([[[value]]], depth) == nested.replace("\n", "\n" + "  " * depth)

    def test_an_object_met_again_and_what_json_refuses(self) -> None:
        shared = {"period": "2025-10", "codes": ["a", "\u00e9\n"]}
        rows = [{"fields": shared}, {"fields": shared}, {"fields": {}}, {"n": True, "x": 1.5}]
        assert indented_json(rows, 1) == json.dumps(rows, indent=2, ensure_ascii=False).replace(
            "\n", "\n  "
        )
        with pytest.raises(ValueError):
            indented_json([float("nan")])
        with pytest.raises(TypeError):
            indented_json([Fraction(1, 2)])
