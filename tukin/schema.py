"""JSON Schema of everything tukin reads and writes, for the systems that integrate with it.

Other government systems (e-Pantau, attendance machines, the payroll) send input tables as
JSON and read results back; a published schema lets them validate before sending and lets a
reviewer see the contract without reading Python. Everything is derived, never retyped:

* one schema per input table from :mod:`tukin.contract` (types, choices, bounds, required and
  nullable columns, descriptions, references as ``x-tukin-ref``, the key as ``x-tukin-key``);
* ``dataset``: the document :func:`tukin.io.read_json` and :meth:`tukin.Dataset.from_records`
  read (one array per table, or the same wrapped as ``{"tables": {...}}``);
* ``model.<Name>``: the pydantic record models of :mod:`tukin.model`, in the same canonical
  form (a decimal is a JSON number; the models themselves also take decimal text from Python);
* ``receipt`` (:class:`tukin.result.Receipt`), ``explanation`` (:meth:`Explanation.to_dict`),
  ``result`` (the document :func:`tukin.io.write_json` writes), ``monitoring`` (the monitoring
  report's document, :meth:`tukin.monitoring.MonitoringReport.to_json`) and ``error``
  (:meth:`tukin.TukinError.to_dict`, a service's response body).

Output schemas grow additively: a key is added, never changed in meaning or type, so a
document an earlier version wrote still validates and a reader of it keeps working (0.4.0
added ``units`` and ``exact`` to ``result``, ``exact`` and ``inputs_exact`` to an
explanation's steps: :mod:`tukin._exact_text`).

Keys are sorted at every level, so the files change only when the contract does
(``tukin schema --out schema/`` writes one file per entry).

A document the schemas accept loads: every row is kept and nothing stops the payment, but for
what relates rows to one another, which no JSON Schema can express (references between and
within tables, cycles, keys given twice, overlapping budget periods, two dates or bounds of a
row out of order) and text cut inside a character (``invalid_text``). The schemas describe the *canonical*
form, so they are stricter than the loaders in places, never looser: the loaders also take
``"PNS"`` for ``pns``, ``"7"`` for 7, ``"12.5"`` for 12.5, an 18-digit NIP as a number, a
date-time for a date, a key in another case. Extra keys are ``snake_case`` and never a
contract column in another spelling (``endDate``, ``tanggal_selesai``, ``Status``): the
loaders refuse such a key (``unknown_header``) or, beside the column with other values, do
not read it and stop the payment (``duplicate_header``); nor a column the employee frame takes
from another table (``grade`` in employees, ``days_served``: ``column_taken``). Two things no
JSON Schema can say: a key *resembling* a missing contract column (``end_dat``, or
``tmt_pensiun`` over dates) is refused by the loaders (``unknown_header``) although the schema
allows it as an extra column; and an extra key of employees, positions, units or appraisals
named like an attendance code the document's attendance rows have (``tk``) stops the payment
(``column_clash``), a relation between two tables.

>>> docs = json_schemas()
>>> docs["employees"]["items"]["properties"]["nip"]["pattern"]
'^[0-9]{18}$'
"""

from __future__ import annotations

import re
from typing import Any

from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from tukin._checks import FRAME_TABLES
from tukin.contract import DERIVED_COLUMNS, TABLES, Column, Table
from tukin.io._aliases import ABBREVIATIONS
from tukin.io.headers import spellings
from tukin.model._types import EXACT_MAX, MONTH_PATTERN

__all__ = ["DRAFT", "json_schemas", "table_schema"]

DRAFT = "https://json-schema.org/draft/2020-12/schema"
_NIP = {"type": "string", "pattern": "^[0-9]{18}$"}
#: Text that is not blank: the loaders strip text, and a cell of spaces is an empty one.
_FILLED = r"\S"
#: An ISO date that exists (years 0001-9999, as the loaders read them): the pattern itself
#: says it, since ``format: date`` is only an annotation unless a validator is asked to
#: check formats (jsonschema's default is not to), and ``2025-02-30`` is ``invalid_date``.
_YEAR = "(?!0000)[0-9]{4}"
_LEAP_YEAR = "(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])|(?:0[48]|[2468][048]|[13579][26])00)"
_ISO_DATE = (
    f"^(?:{_YEAR}-(?:(?:0[1-9]|1[0-2])-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)"
    f"|(?:0[13578]|1[02])-31)|{_LEAP_YEAR}-02-29)$"
)
#: An extra key as a program names it: lower-case words joined by ``_`` (``tpp_zone``).
_SNAKE = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$"


def _period() -> dict[str, Any]:
    """The period pattern as the models publish it (one definition, in tukin.period)."""
    from tukin.model import MODELS

    prop = MODELS["targets"].model_json_schema()["properties"]["period"]
    return {"type": "string", "pattern": prop["pattern"], "examples": prop.get("examples", [])}


def _column(col: Column, period: dict[str, Any]) -> dict[str, Any]:
    base: dict[str, Any]
    if col.type == "nip":
        base = dict(_NIP)
    elif col.type in ("int", "money"):
        base = {"type": "integer", "maximum": EXACT_MAX}  # beyond: number_too_large
    elif col.type == "decimal":
        base = {"type": "number"}
    elif col.type == "date":
        base = {"type": "string", "format": "date", "pattern": _ISO_DATE}
    elif col.type == "period" and col.month:  # a quarter or a year is refused
        base = {"type": "string", "pattern": MONTH_PATTERN, "examples": ["2025-03"]}
    elif col.type == "period":
        base = dict(period)
    elif col.type == "enum":
        base = {"type": "string", "enum": list(col.choices or ())}
    else:
        base = {"type": "string", "minLength": 1, "pattern": _FILLED}
    if col.minimum is not None and col.type in ("int", "money", "decimal"):
        base["minimum"] = _number(col.minimum)
    if col.maximum is not None and col.type in ("int", "money", "decimal"):
        base["maximum"] = _number(col.maximum)
    if col.percent:  # 0 or 1..100: a fraction typed for a percentage is refused
        base["not"] = {"exclusiveMinimum": 0, "exclusiveMaximum": 1}
    if col.nullable:
        base["type"] = [base["type"], "null"]
        if "enum" in base:
            base["enum"] = [*base["enum"], None]
    base["description"] = col.doc + (" Money: whole rupiah." if col.type == "money" else "")
    if col.default is not None:
        base["default"] = col.default
    if col.ref is not None:
        base["x-tukin-ref"] = f"{col.ref[0]}.{col.ref[1]}"
    base["x-tukin-type"] = col.type
    return base


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def table_schema(table: Table) -> dict[str, Any]:
    """The schema of one input table: an array of row objects."""
    period = _period()
    extra: bool | dict[str, Any] = True
    if table.open_int_columns:
        extra = {
            "type": "integer",
            "minimum": 0,
            "maximum": EXACT_MAX,
            "description": "A count per attendance code (tl1, tk...); blank counts as 0.",
        }
    row = {
        "type": "object",
        "properties": {c.name: _column(c, period) for c in table.columns},
        "required": [c.name for c in table.columns if c.required],
        "additionalProperties": extra,
        "propertyNames": _key_names(table),
    }
    kept = (
        " Other keys are attendance codes (snake_case, lower case)."
        if table.open_int_columns
        else " Other keys (snake_case) are kept as extra columns, readable by rules."
    )
    return {
        "$schema": DRAFT,
        "$id": f"urn:tukin:table:{table.name}",
        "title": table.name,
        "description": table.doc + kept,
        "type": "array",
        "items": row,
        "x-tukin-key": list(table.key),
        "x-tukin-required-table": table.required,
    }


def _key_names(table: Table) -> dict[str, Any]:
    """The keys a row may have: the contract's names, or snake_case keys that are no contract
    column in another spelling (and, in attendance, no column the engine derives)."""
    taken = _spelt_pattern(table)
    others: list[dict[str, Any]] = [{"pattern": _SNAKE}, {"not": {"pattern": taken}}]
    if table.open_int_columns or table.name in FRAME_TABLES:
        # a column the employee frame takes from elsewhere: not read (reserved_column,
        # column_taken)
        reserved = sorted({*DERIVED_COLUMNS, *TABLES["employees"].names} - set(table.names))
        others.append({"not": {"enum": reserved}})
    return {"anyOf": [{"enum": list(table.names)}, {"allOf": others}]}


def _spelt_pattern(table: Table) -> str:
    """A regex of every snake_case key that names a contract column of ``table`` the way the
    loaders read a header (:func:`tukin.io.headers.names_column`): its heading, name or an
    alias, words joined by ``_`` or not at all, abbreviations (``tgl``) for whole words."""
    alternatives: set[str] = set()
    for keys in spellings(table.name, table.names).values():
        for key in keys:
            words = key.split()
            if all(re.fullmatch("[a-z0-9]+", w) for w in words):
                alternatives.update(_spelt(words))
    return "^(" + "|".join(sorted(alternatives)) + ")$"


def _spelt(words: list[str]) -> list[str]:
    """The regexes of one spelling's snake_case forms: every choice of full word or
    abbreviation; full words may be split by ``_`` anywhere (the loaders compare a key without
    its separators), an abbreviation only stands as a word of its own."""
    choices: list[list[tuple[str, bool]]] = [[]]
    for word in words:
        forms = [(word, False)] + [(a, True) for a, full in ABBREVIATIONS.items() if full == word]
        choices = [done + [form] for done in choices for form in forms]
    out = []
    for choice in choices:
        text = ""
        for i, (word, short) in enumerate(choice):
            if i:
                text += "_" if short or choice[i - 1][1] else "_?"
            text += word if short else "_?".join(word)
        out.append(text)
    return out


class _Canonical(GenerateJsonSchema):
    """Model schemas in the canonical JSON form, as the table schemas: a decimal is a number
    (pydantic would also publish a text pattern, with which no bound can be checked: ``"500"``
    as a cut), a date an ISO date."""

    def decimal_schema(self, schema: core_schema.DecimalSchema) -> JsonSchemaValue:
        found = super().decimal_schema(schema)
        return dict(found["anyOf"][0]) if "anyOf" in found else found

    def date_schema(self, schema: core_schema.DateSchema) -> JsonSchemaValue:
        """An ISO date, as the table schemas publish it (format checking is optional)."""
        return {**super().date_schema(schema), "pattern": _ISO_DATE}


#: A number's exact value as text: an integer, a terminating decimal or a fraction p/q.
_EXACT_TEXT = r"^-?[0-9]+(\.[0-9]*[1-9]|/[0-9]+)?$"


def _explanation() -> dict[str, Any]:
    exact = {"type": ["string", "null"], "pattern": _EXACT_TEXT}
    value = {
        "description": "A number (exact decimal or fraction as text, e.g. '3/7'), text, "
        "a mapping or null."
    }
    parameter = {
        "type": "object",
        "properties": {
            "name": {"type": "string"},
            "value": value,
            "from": {"type": ["string", "null"], "format": "date"},
            "to": {"type": ["string", "null"], "format": "date"},
            "reference": {"type": ["string", "null"], "description": "Legal reference."},
            "source": {"type": ["string", "null"]},
        },
        "required": ["name", "value", "from", "to", "reference", "source"],
    }
    step = {
        "type": "object",
        "properties": {
            "id": {"type": "string"},
            "type": {"type": "string", "description": "Rule type."},
            "label": {"type": "string"},
            "reference": {"type": ["string", "null"]},
            "inputs": {"type": "object", "additionalProperties": value},
            "parameters": {"type": "array", "items": parameter},
            "output": value,
            "exact": exact
            | {
                "description": "The output's exact value as text whenever it is a number "
                "(an integer, a terminating decimal or a fraction p/q, e.g. '7188745', '0.02', "
                "'30/31'); null for text, a flag or a missing value. Added in 0.4.0: output "
                "keeps its meaning and type."
            },
            "inputs_exact": {
                "type": "object",
                "additionalProperties": exact,
                "description": "Each input's exact value as text, as `exact` (0.4.0).",
            },
            "unit": {"type": ["string", "null"]},
            "notes": {"type": "object"},
        },
        "required": ["id", "type", "label", "inputs", "parameters", "output"],
    }
    position = {
        "type": "object",
        "properties": {
            "position_id": {"type": ["string", "null"]},
            "position_name": {"type": ["string", "null"]},
            "grade": {"type": ["integer", "null"], "description": "Kelas jabatan."},
            "status": {"type": ["string", "null"]},
            "start_date": {"type": ["string", "null"], "format": "date"},
            "end_date": {"type": ["string", "null"], "format": "date"},
            "days_served": {"type": ["integer", "null"]},
            "reference": {"type": ["string", "null"], "description": "Decision letter (SK)."},
            "sum_at": {"type": "string"},
            "summed": {
                "type": "array",
                "items": {"type": "string"},
                "description": "The steps whose output is the sum of the positions' values: "
                "the components (outputs.components, amounts in rupiah) before sum_at, then "
                "sum_at (0.7.0).",
            },
            "values": {"type": "object", "additionalProperties": value},
            "exact": {"type": "object", "additionalProperties": exact},
            "code": {
                **_CODE,
                "description": "Only for a position the rules decide pays nothing "
                "(not_eligible, out_of_service): it adds 0 to sum_at, the employee being paid "
                "on the other positions (0.7.0).",
            },
            "reason": {"type": "string", "description": "Why, in the explanation's language."},
        },
        "required": ["position_id", "start_date", "days_served", "sum_at", "values", "exact"],
    }
    return {
        "$schema": DRAFT,
        "$id": "urn:tukin:explanation",
        "title": "explanation",
        "description": "Every step of one employee's calculation (Explanation.to_dict()).",
        "type": "object",
        "properties": {
            "nip": dict(_NIP),
            "name": {"type": ["string", "null"]},
            "period": {"type": "string"},
            "allowance": {"type": "integer", "description": "Whole rupiah."},
            "identity": {"type": "object"},
            "steps": {"type": "array", "items": step},
            "receipt": {"$ref": "urn:tukin:receipt"},
            "positions": {
                "type": "array",
                "items": position,
                "description": "Only for an employee who held several positions within the "
                "period (position_history): each position, the latest first, with its own "
                "values of the steps up to sum_at, whose sum is that step's output (0.7.0).",
            },
        },
        "required": ["nip", "period", "allowance", "steps", "receipt"],
    }


#: A code of docs/codes.md: a program branches on it (a new one may appear in any release).
_CODE = {"type": "string", "pattern": "^[a-z][a-z0-9_]*$"}


#: A value of ``fields`` (tukin._fields): text, an integer, a boolean, null in a list, a list
#: or an object of such values; never a JSON float (an exact number is text). Each document
#: that has ``fields`` holds it in its ``$defs``.
_FIELD_VALUE = {
    "type": ["string", "integer", "boolean", "null", "array", "object"],
    "items": {"$ref": "#/$defs/field_value"},
    "additionalProperties": {"$ref": "#/$defs/field_value"},
}
_FIELDS_DEFS = {"field_value": _FIELD_VALUE}


def _fields(what: str) -> dict[str, Any]:
    """The ``fields`` object of ``what`` (added in 0.4.0, review 82)."""
    return {
        "type": "object",
        "additionalProperties": {"$ref": "#/$defs/field_value"},
        "description": f"Added in 0.4.0. The parameters of {what} as JSON data, the same "
        "whatever the language of the text: with `code`, the stable contract a program reads "
        "(the text is for people). Text, integers, booleans, lists and objects; an exact "
        'number (a fraction, a decimal) as text (`"0.5"`, `"30/31"`), a date as '
        "YYYY-MM-DD; a missing value left out. The keys of each code, with the type of "
        "each value, are listed in docs/codes.md (its fields column). See docs/concepts.md, "
        "'Reading a result as a program'.",
    }


def _rejected() -> dict[str, Any]:
    """The rejected rows (``Result.rejected``): every column always present, so a program
    reads them by name; the identity is null as far as it cannot be told."""
    from tukin.result import REJECTED_COLUMNS, REJECTED_IDENTITY

    nullable_text = {"type": ["string", "null"]}
    properties: dict[str, Any] = {c: dict(nullable_text) for c in REJECTED_IDENTITY}
    properties |= {
        "nip": {
            "type": "string",
            "description": "The NIP, or the cell as given when it is no NIP (a validation "
            "rejection of the NIP itself).",
        },
        "stage": {"enum": ["validation", "calculation"]},
        "step": {"type": "string", "description": "The step that rejected; '' at validation."},
        "code": _CODE,
        "reason": {
            "type": "string",
            "description": "For people, in the language the output was asked in (since 0.4.0; "
            "before, the run's): branch on `code`.",
        },
        "location": nullable_text
        | {"description": "Where the clerk finds the row (validation); null otherwise."},
        "fields": _fields(
            "the rejection: for a validation rejection `problems`, each reason of the row as "
            "a problem names it (code, table, column, value, key, fields; no row numbers); "
            "for a calculation's, the reason's own (the key not found, the amounts)"
        ),
    }
    return {
        "type": "array",
        "items": {"type": "object", "properties": properties, "required": list(REJECTED_COLUMNS)},
        "description": "The employees not paid, one row each (Result.rejected).",
    }


def _error() -> dict[str, Any]:
    """An error as a service's response body (``TukinError.to_dict``)."""
    text, nullable_text = {"type": "string"}, {"type": ["string", "null"]}
    problem = {
        "type": "object",
        "description": "A located problem of the input (Problem.to_dict).",
        "properties": {
            "table": text,
            "row": {"type": ["integer", "null"], "description": "0-based row of the table."},
            "column": nullable_text,
            "value": {"description": "The cell as given (text, number, boolean or null)."},
            "key": nullable_text,
            "code": _CODE,
            "message": text,
            "location": nullable_text,
            "fields": _fields("the problem beyond table, row, column, value and key"),
        },
        "required": ["table", "row", "column", "value", "key", "code", "message", "location"],
        "additionalProperties": False,
    }
    rule_problem = {
        "type": "object",
        "description": "A mistake in a rule file (RuleProblem.to_dict).",
        "properties": {
            "file": nullable_text,
            "line": {"type": ["integer", "null"]},
            "key": nullable_text,
            "code": _CODE,
            "message": text,
        },
        "required": ["file", "line", "key", "code", "message"],
        "additionalProperties": False,
    }
    return {
        "$schema": DRAFT,
        "$id": "urn:tukin:error",
        "title": "error",
        "description": "A tukin error as JSON (TukinError.to_dict): the same keys for every "
        "error. Branch on code (docs/codes.md); the message is for people.",
        "type": "object",
        "$defs": dict(_FIELDS_DEFS),
        "properties": {
            "code": _CODE,
            "message": text,
            "details": {
                "type": "object",
                "description": "The fields the message was made from: texts, numbers, lists "
                "or null; those named like the template's {field} are stable with the code.",
            },
            "problems": {"type": "array", "items": {"oneOf": [problem, rule_problem]}},
        },
        "required": ["code", "message", "details", "problems"],
        "additionalProperties": False,
    }


def _result() -> dict[str, Any]:
    from tukin._exact_text import UNITS

    count, rupiah = {"type": "integer", "minimum": 0}, {"type": "integer"}
    code = _CODE
    nullable_text = {"type": ["string", "null"]}
    step_value = {
        "type": ["integer", "number", "string", "boolean", "null"],
        "description": "A step's value for display: a whole value (a lookup's rupiah) is an "
        "integer, a ratio or an amount before rounding a binary64 number (30/31 of an amount "
        "is no decimal); its unit is in `units` and its exact value, as text, in the row's "
        "entry of `exact` (and in `explanations`). Paid amounts (`allowance`, `net`, "
        "deductions) are exact integers.",
    }
    totals = {
        "type": "array",
        "items": {
            "type": "object",
            "properties": {
                "opd_id": nullable_text
                | {
                    "description": "null: the employees rejected before their OPD could be "
                    "told (one row, named in opd_name; '' in the receipt's opd_totals)."
                },
                "opd_name": nullable_text,
                "employees": count,
                "allowance": rupiah,
                "net": rupiah,
                "rejected": count,
            },
            "required": ["opd_id", "employees", "allowance", "net", "rejected"],
        },
        "description": "Per OPD: employees paid, their allowance and net in whole rupiah, "
        "employees rejected; the grand total is the receipt's.",
    }
    return {
        "$schema": DRAFT,
        "$id": "urn:tukin:result",
        "title": "result",
        "description": "A result as written by tukin.io.write_json.",
        "type": "object",
        "$defs": dict(_FIELDS_DEFS),
        "properties": {
            "format": {"const": "tukin-result/1"},
            "receipt": {"$ref": "urn:tukin:receipt"},
            "totals": totals,
            "employees": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "nip": dict(_NIP),
                        "allowance": {"type": "integer"},
                        "net": {"type": "integer"},
                    },
                    "additionalProperties": step_value,
                    "required": ["nip", "allowance", "net"],
                },
            },
            "rejected": _rejected(),
            "warnings": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {
                        "code": code,
                        "message": {"type": "string"},
                        "fields": _fields("the warning (the attendance codes no step reads...)"),
                    },
                    "required": ["code", "message"],
                },
                "description": "code, message, fields: input that rejected nobody but may have "
                "changed pay (see tukin.calc.notices).",
            },
            "units": {
                "type": "object",
                "additionalProperties": {"enum": list(UNITS)},
                "description": "Added in 0.4.0. The unit of every key of the `employees` rows: "
                "rupiah (an amount: whole in allowance, deductions, net and rounded steps; an "
                "amount before rounding may carry decimals), number (no unit: a ratio, factor, "
                "fraction, count of days, kelas), text or boolean.",
            },
            "exact": {
                "type": "array",
                "items": {
                    "type": "object",
                    "properties": {"nip": dict(_NIP)},
                    "additionalProperties": {"type": ["string", "null"], "pattern": _EXACT_TEXT},
                    "required": ["nip"],
                },
                "description": "Added in 0.4.0. One object per `employees` row, in the same "
                "order and with its NIP: every rupiah and number column's exact value, always "
                "as text (an integer '7188745', a terminating decimal '4108367.7675' or a "
                "fraction '14790283169/6200'), null where the value is missing. Read money and "
                "ratios here rather than from the display values of `employees`, which are "
                "binary64 numbers where the value is not whole. Absent when the result no "
                "longer holds its run (a released partitioned result).",
            },
            "rules": {
                "type": "string",
                "description": "The rules that computed the result, as rule-file YAML "
                "(tukin verify re-runs them when they are no packaged pack version).",
            },
            "explanations": {
                "type": "object",
                "additionalProperties": {"$ref": "urn:tukin:explanation"},
            },
        },
        "required": ["format", "receipt", "totals", "employees", "rejected"],
    }


def _monitoring() -> dict[str, Any]:
    """The monitoring report's document (:meth:`tukin.monitoring.MonitoringReport.to_json`):
    records keyed by the report's English column names whatever ``lang``; rupiah columns are
    integers and ``_pct`` columns numbers."""
    from tukin.monitoring.excel import _HEADERS_ID, _MONEY
    from tukin.monitoring.output import MONITORING_FORMAT, SHEETS
    from tukin.monitoring.report import LEVELS

    cell = {"type": ["string", "number", "integer", "boolean", "null"]}
    money = {"type": "integer", "description": "whole rupiah"}
    pct = {"type": ["number", "null"], "description": "percent, 0-100 (binary64, for display)"}
    typed: dict[str, Any] = {}
    for name in _MONEY:
        typed[name] = money
    for name in _HEADERS_ID:
        if name.endswith("_pct"):
            typed[name] = pct
    record = {"type": "object", "properties": typed, "additionalProperties": cell}
    return {
        "$schema": DRAFT,
        "$id": "urn:tukin:monitoring",
        "title": "monitoring",
        "description": "A monitoring report as written by tukin monitor --out NAME.json "
        "(tukin.monitoring.MonitoringReport.to_json). Keys and coded values are English "
        "whatever `lang` (budget, financial_pct, level opd...), which names the language of "
        "the free texts (names, flags); the CSV files carry the workbook's headers instead.",
        "type": "object",
        "properties": {
            "format": {"const": MONITORING_FORMAT},
            "period": {"type": "string", "description": "the period reported (2025-Q2...)"},
            "level": {"enum": [*LEVELS, "all"], "description": "the rows of `report`"},
            "lang": {"enum": ["en", "id"]},
            "settings": {
                "type": "object",
                "additionalProperties": cell,
                "description": "The policy sheet, setting -> value: period, money_window, "
                "source, cumulative, the roll-up policy, flag bars and category bands.",
            },
            "sheets": {
                "type": "object",
                "properties": {key: {"type": "array", "items": record} for key in SHEETS},
                "required": list(SHEETS),
                "additionalProperties": False,
                "description": "Each sheet of the workbook, an array of records: report, "
                "actions (who must act), pending, pending_by_official, policy.",
            },
        },
        "required": ["format", "period", "level", "lang", "settings", "sheets"],
        "additionalProperties": False,
    }


def json_schemas() -> dict[str, dict[str, Any]]:
    """Every schema by name (see the module docstring), keys sorted at every level."""
    from tukin.model import MODELS
    from tukin.result import Receipt

    docs: dict[str, dict[str, Any]] = {name: table_schema(t) for name, t in TABLES.items()}
    tables = {
        "type": "object",
        "properties": {name: {"$ref": f"urn:tukin:table:{name}"} for name in TABLES},
        "required": [name for name, t in TABLES.items() if t.required],
        "additionalProperties": False,
    }
    docs["dataset"] = {
        "$schema": DRAFT,
        "$id": "urn:tukin:dataset",
        "title": "dataset",
        "description": "Input tables by contract name, each an array of rows, or the same "
        'wrapped as {"tables": {...}} (what tukin.io.read_json and Dataset.from_records '
        "read). The canonical form: the loaders also read some human variants the schema "
        "refuses (see tukin.schema).",
        "$defs": {"tables": tables},
        "anyOf": [
            {"$ref": "#/$defs/tables"},
            {
                "type": "object",
                "properties": {"tables": {"$ref": "#/$defs/tables"}},
                "required": ["tables"],
                "additionalProperties": False,
            },
        ],
    }
    for model in MODELS.values():
        schema = model.model_json_schema(schema_generator=_Canonical)
        docs[f"model.{model.__name__}"] = {"$schema": DRAFT, **schema}
    receipt = Receipt.model_json_schema()
    docs["receipt"] = {"$schema": DRAFT, "$id": "urn:tukin:receipt", **receipt}
    docs["explanation"] = _explanation()
    docs["error"] = _error()
    docs["result"] = _result()
    docs["monitoring"] = _monitoring()
    return {name: _sorted(doc) for name, doc in sorted(docs.items())}


def _sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _sorted(value[k]) for k in sorted(value, key=str)}
    if isinstance(value, list | tuple):
        return [_sorted(v) for v in value]
    return value
