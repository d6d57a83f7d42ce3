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


def _validator(docs: dict, name: str):
    """A Draft 2020-12 validator of schema ``name``, with format checking, references resolved."""
    jsonschema = pytest.importorskip("jsonschema")
    referencing = pytest.importorskip("referencing")
    resources = [
        (d["$id"], referencing.Resource.from_contents(d)) for d in docs.values() if "$id" in d
    ]
    registry = referencing.Registry().with_resources(resources)
    cls = jsonschema.Draft202012Validator
    return cls(docs[name], registry=registry, format_checker=cls.FORMAT_CHECKER)


def _document() -> dict:
    """The test regency as a schema-valid JSON document (dates as ISO dates, no nulls)."""
    out = {}
    for name, frame in Dataset.from_frames(**frames()).tables.items():
        out[name] = [
            {k: v for k, v in r.items() if v is not None} for r in _records(_iso_dates(frame))
        ]
    return out


class TestSchemaAgreesWithLoader:
    """Everything the dataset schema accepts loads: its rows kept, nothing stopping the
    payment (review 25, d08). The loaders may keep more (human variants): never less."""

    @pytest.mark.parametrize(
        ("table", "change"),
        [
            ("units", {"name": "   "}),
            ("positions", {"budget_note": "x", "Name": "Kepala"}),  # Name beside name
            ("employees", {"Status": "pns"}),
            ("employees", {"endDate": "2025-10-10"}),
            ("employees", {"tanggal_selesai": "2025-10-10"}),
            ("employees", {"tgl_selesai": "2025-10-10"}),
            ("employees", {"enddate": "2025-10-10"}),
            ("employees", {"end_date": "31/10/2025"}),
            ("attendance", {"period": "0000-10"}),
            ("attendance", {"period": "2201-10"}),
            ("attendance", {"tk": 2**53}),
            ("attendance", {"grade": 3}),  # a column the engine derives: no code
            ("employees", {"grade": 3}),  # the position's: column_taken (review 29, d04)
            ("positions", {"position_name": "x"}),
            ("employees", {"days_served": 3}),
            ("attendance", {"nip_baru": "198001012005011001"}),
        ],
    )
    def test_what_the_loader_refuses_the_schema_refuses(
        self, docs: dict, table: str, change: dict
    ) -> None:
        """Blank text, a key naming a contract column in another spelling, a year outside
        1900-2200, a number beyond 2**53 - 1, a date that is no ISO date."""
        doc = _document()
        doc[table][0].update(change)
        assert not _validator(docs, "dataset").is_valid(doc)

    def test_a_day_that_does_not_exist_is_refused_without_format_checking(self, docs: dict) -> None:
        """``format: date`` is an annotation unless the validator is asked to check formats
        (jsonschema's default is not to): the pattern alone refuses what the loaders refuse
        as ``invalid_date`` (2025-02-30), over every day of years around leap rules."""
        import datetime as dt

        jsonschema = pytest.importorskip("jsonschema")
        end = docs["employees"]["items"]["properties"]["end_date"]
        plain = jsonschema.Draft202012Validator(end)  # no format checker: a service's default
        for year in (0, 1, 4, 1900, 2000, 2023, 2024, 2100, 9999):
            for month in range(0, 14):
                for day in range(0, 33):
                    text = f"{year:04d}-{month:02d}-{day:02d}"
                    try:
                        exists = dt.date(year, month, day) is not None
                    except ValueError:
                        exists = False
                    assert plain.is_valid(text) == exists, text
        row = {"nip": "196802182009112001", "position_id": "J1", "status": "pns"}
        for text in ("2025-02-30", "1900-02-29", "2000-02-29"):
            ds = Dataset.from_records({"employees": [{**row, "end_date": text}]})
            refused = "invalid_date" in ds.report.by_code()
            assert refused == (not plain.is_valid(text)), text

    def test_money_beyond_exact_is_refused_by_both(self, docs: dict) -> None:
        """2**53 and above, which a JSON number cannot carry exactly: the schema says so."""
        money = docs["work_items"]["items"]["properties"]["budget"]
        assert money["maximum"] == 2**53 - 1
        row = {"work_item_id": "W", "name": "x", "level": "program", "unit_id": "DINAS-A"}
        ds = Dataset.from_records({"work_items": [{**row, "budget": 2**53}]})
        assert ds.report.by_code().get("number_too_large") == 1

    def test_canonical_documents_load(self, docs: dict) -> None:
        """The document, wrapped or not, with an extra snake_case key: valid and loads clean."""
        doc = _document()
        for row in doc["employees"]:
            row["tpp_zone"] = "B"
        validator = _validator(docs, "dataset")
        for given in (doc, {"tables": doc}):
            validator.validate(given)
            ds = Dataset.from_records(given)
            assert ds.report.ok, ds.report.describe()
            assert ds.fingerprint() == Dataset.from_records(doc).fingerprint()
        assert not validator.is_valid({"tables": doc, "employees": doc["employees"]})

    def test_the_gap_is_documented(self, docs: dict) -> None:
        """A near miss (``end_dat``) no schema can name: the description says so."""
        import tukin.schema

        assert "resembling" in str(tukin.schema.__doc__)
        assert "canonical" in docs["dataset"]["description"]


class TestModelSchemas:
    """The model.* schemas use JSON Schema keywords and agree with the table schemas (d14)."""

    def test_no_pydantic_words(self, docs: dict) -> None:
        """``ge``/``le`` are no JSON Schema keywords: every validator would ignore them."""

        def words(node: object) -> set[str]:
            if isinstance(node, dict):
                return {k for k in node if k in {"ge", "le", "gt", "lt"}}.union(
                    *(words(v) for v in node.values())
                )
            if isinstance(node, list):
                return set().union(*(words(v) for v in node))
            return set()

        assert not words({k: v for k, v in docs.items() if k.startswith("model.")})

    @pytest.mark.parametrize(
        ("model", "record"),
        [
            ("Sanction", {"percent": 500}),
            ("Sanction", {"percent": 0.5}),
            ("Sanction", {"percent": "25"}),
            ("Sanction", {"months": 0}),
            ("Sanction", {"nip": "123"}),
            ("Sanction", {"kind": "   "}),
        ],
    )
    def test_what_the_model_refuses_the_schema_refuses(
        self, docs: dict, model: str, record: dict
    ) -> None:
        """Bounds, the NIP pattern, blank text; decimals are JSON numbers (canonical form)."""
        jsonschema = pytest.importorskip("jsonschema")
        good = {
            "nip": "196802182009112001",
            "kind": "hukuman disiplin sedang",
            "percent": 25,
            "start_period": "2025-02",
            "months": 9,
        }
        validator = jsonschema.Draft202012Validator(docs[f"model.{model}"])
        assert validator.is_valid(good)
        assert not validator.is_valid({**good, **record})
        counts = {"nip": good["nip"], "period": "2025-10", "counts": {"tk": -3}}
        assert not jsonschema.Draft202012Validator(docs["model.Attendance"]).is_valid(counts)

    def test_models_and_tables_agree(self, docs: dict) -> None:
        """Per column: the same type, bounds, pattern, choices and format. The intended
        differences: a model has no extra keys (additionalProperties false) and Attendance
        holds its codes in ``counts``; both are the canonical form of the same row."""
        from tukin.model import MODELS

        keys = ("type", "minimum", "maximum", "pattern", "enum", "format", "minLength", "not")
        for name, table in TABLES.items():
            model = docs[f"model.{MODELS[name].__name__}"]["properties"]
            for col in table.columns:
                published = _plain(docs[name]["items"]["properties"][col.name])
                mine = _plain(model[col.name])
                assert {k: published.get(k) for k in keys} == {k: mine.get(k) for k in keys}, (
                    name,
                    col.name,
                )


def _plain(prop: dict) -> dict:
    """A property without its null alternative (``["string", "null"]`` or ``anyOf``)."""
    if "anyOf" in prop:
        (only,) = [a for a in prop["anyOf"] if a.get("type") != "null"]
        prop = {**{k: v for k, v in prop.items() if k != "anyOf"}, **only}
    prop = dict(prop)
    if isinstance(prop.get("type"), list):
        prop["type"] = next(t for t in prop["type"] if t != "null")
    if "enum" in prop:
        prop["enum"] = [v for v in prop["enum"] if v is not None]
    if prop.get("type") == "number":  # pydantic writes a decimal's bound as a float
        for bound in ("minimum", "maximum"):
            if isinstance(prop.get(bound), float) and prop[bound].is_integer():
                prop[bound] = int(prop[bound])
    return prop
