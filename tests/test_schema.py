"""JSON Schema export: every contract column covered, valid, stable, and true to the data."""

from __future__ import annotations

import json

import pytest
from io_helpers import frames

from tukin.contract import TABLES
from tukin.dataset import Dataset
from tukin.io.excel_template import _iso_dates
from tukin.io.export import _records
from tukin.schema import json_schemas


@pytest.fixture(scope="module")
def docs() -> dict:
    return json_schemas()


def test_every_table_and_model_has_a_schema(docs: dict):
    """One schema per table, the dataset document, models, receipt, explanation, result."""
    expected = {*TABLES, "dataset", "receipt", "explanation", "result"}
    assert expected <= set(docs)
    assert sum(name.startswith("model.") for name in docs) == len(TABLES)


def test_every_contract_column_is_described(docs: dict):
    """Each column has a property with its description; required columns are required."""
    for name, table in TABLES.items():
        row = docs[name]["items"]
        assert list(row["properties"]) == sorted(table.names)
        assert set(row["required"]) == {c.name for c in table.columns if c.required}
        for col in table.columns:
            prop = row["properties"][col.name]
            assert prop["description"].startswith(col.doc)
            assert prop["x-tukin-type"] == col.type


def test_types_bounds_choices_and_nulls(docs: dict):
    positions = docs["positions"]["items"]["properties"]
    assert {"type": "integer", "minimum": 1, "maximum": 17}.items() <= positions["grade"].items()
    assert positions["kind"]["enum"] == list(TABLES["positions"].column("kind").choices or ())
    assert positions["superior_id"]["type"] == ["string", "null"]
    assert positions["superior_id"]["x-tukin-ref"] == "positions.position_id"
    employees = docs["employees"]["items"]["properties"]
    assert employees["nip"]["pattern"] == "^[0-9]{18}$"
    assert employees["start_date"]["format"] == "date"
    attendance = docs["attendance"]["items"]
    assert attendance["additionalProperties"]["type"] == "integer"


def test_valid_json_with_sorted_keys_and_stable(docs: dict):
    """Serialisable, keys sorted at every level, the same on every call."""
    text = json.dumps(docs, sort_keys=False)
    assert json.dumps(json.loads(text), sort_keys=True) == json.dumps(docs, sort_keys=True)
    assert json_schemas() == docs

    def sorted_everywhere(value: object) -> bool:
        if isinstance(value, dict):
            return list(value) == sorted(value) and all(map(sorted_everywhere, value.values()))
        if isinstance(value, list):
            return all(map(sorted_everywhere, value))
        return True

    assert sorted_everywhere(docs)


def test_schemas_are_valid_and_accept_real_data(docs: dict):
    """Each schema is valid Draft 2020-12; validated tables, as JSON, satisfy them."""
    jsonschema = pytest.importorskip("jsonschema")
    for doc in docs.values():
        jsonschema.Draft202012Validator.check_schema(doc)
    for name, frame in Dataset.from_frames(**frames()).tables.items():
        rows = [{k: v for k, v in r.items() if v is not None} for r in _records(_iso_dates(frame))]
        jsonschema.Draft202012Validator(docs[name]).validate(rows)
    bad = [{"nip": "123", "position_id": "J1", "status": "pns"}]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(docs["employees"]).validate(bad)


def test_docstring_examples_run():
    """The examples in the module docstrings are true."""
    import doctest

    import tukin.schema

    assert doctest.testmod(tukin.schema).failed == 0
