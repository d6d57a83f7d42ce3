"""Tables a program hands over, as a JSON document or as records in memory: one path for both.

:func:`tukin.io.read_json` and :meth:`tukin.Dataset.from_records` read the same document the
same way: the same values, problems and fingerprint, whichever a service calls. Both are
machine input, so what a program may send is exact:

* the document is an object with one array of row objects per table, by contract name,
  optionally wrapped as ``{"tables": {...}}``. A table given as something else (an object, a
  text) is ``not_a_table``; a row that is no object ``not_a_row`` (its row rejected); a table
  name that is a sheet's name or a near miss (``pegawai``, ``employes``) is ``unknown_sheet``
  with the contract name to use, and any other name ``unknown_table`` (its rows rejected);
* keys are contract names, matched ignoring case and outer spaces as a DataFrame's columns
  are. A key naming a missing contract column the way a person titles it (``endDate``,
  ``End Date``, ``tanggal_selesai``) or resembling one (``end_dat``) is ``unknown_header``
  with the contract name: its values are not read, and :func:`tukin.calculate` refuses the
  Dataset until it is renamed (``input_not_read``), since an end date left unread pays a
  retiree the full month. A key in another case beside its column (``Status`` and
  ``status``) is a column given twice: the second not read, ``duplicate_header`` unless
  both hold the same values; so is a key spelling a column the table has (``endDate``
  beside ``end_date``) that holds a value on a row where the column is blank. Any other key
  is an extra column, kept for rules to read
  (:func:`tukin.io._columns.settle_columns`, shared with the spreadsheet readers and
  :meth:`tukin.Dataset.from_frames`);
* a key given twice (only in a JSON text: a dict cannot hold one) is ``repeated_json_key``: in a
  row, that row is rejected; above the rows, the document is refused;
* values are machine notation (:mod:`tukin.io._machine`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd
from pydantic import BaseModel

from tukin._coerce import HALF_CHARACTER, NipCheck
from tukin.contract import TABLES
from tukin.dataset import Dataset, Mode
from tukin.errors import DataError, InputFileError, Lang, Problem
from tukin.io._build import RawTable, Source, build_dataset
from tukin.io._cells import CellIssue
from tukin.io._columns import contract_column, settle_columns
from tukin.io.headers import suggest, table_for_sheet
from tukin.model import Record

__all__ = ["JsonObject", "read_tables", "repeated_keys"]


class JsonObject(dict[str, Any]):
    """A JSON object as parsed, with the keys the text gave more than once (``repeated``):
    ``json.loads`` would keep the last value of each without a word."""

    repeated: tuple[str, ...] = ()


def repeated_keys(value: Any) -> list[str]:
    """Every key given twice in ``value`` or anything inside it (a cell holding an object)."""
    found: list[str] = []
    if isinstance(value, JsonObject):
        found += value.repeated
    if isinstance(value, Mapping):
        for inner in value.values():
            found += repeated_keys(inner)
    elif isinstance(value, list):
        for inner in value:
            found += repeated_keys(inner)
    return found


def read_tables(
    doc: Any,
    source: Source,
    *,
    mode: Mode,
    lang: Lang | None,
    nip_check: NipCheck,
) -> Dataset:
    """Validate a document of tables (see the module docstring) into a Dataset."""
    tables = _tables_of(doc, source)
    raws: list[RawTable] = []
    problems: list[Problem] = []
    unknown: dict[str, pd.DataFrame] = {}
    for key, value in tables.items():
        name = str(key)
        place = _place(source, name)
        if name not in TABLES:
            unread = _unknown(name, value, place, unknown)
            problems += [unread] if unread is not None else []
            continue
        if not _is_table(value):
            fields = {"table": name, "kind": _kind(value)}
            problems.append(Problem(name, "not_a_table", location=place, fields=fields))
            continue
        raw = _raw(name, list(value), source)
        problems += settle_columns(raw, source)
        raws.append(raw)
    return build_dataset(
        raws, source, problems=problems, mode=mode, lang=lang, nip_check=nip_check, unknown=unknown
    )


def _tables_of(doc: Any, source: Source) -> Mapping[Any, Any]:
    """The mapping of tables: the document, or its ``tables``; refused when it is neither, or
    when it gives a key twice above the rows (which array is the table?)."""
    if not isinstance(doc, Mapping):
        raise _refusal(source, "not_tables", kind=_kind(doc))
    tables: Mapping[Any, Any] = doc
    if isinstance(doc.get("tables"), Mapping):
        tables = doc["tables"]
        beside = [k for k in doc if k != "tables" and str(k) in TABLES]
        if beside:  # {"tables": {...}, "employees": [...]}: which employees?
            raise _refusal(source, "repeated_json_key", value=beside[0], where=_document(source))
    for where, mapping in ((_document(source), doc), (_document(source, "tables"), tables)):
        if isinstance(mapping, JsonObject) and mapping.repeated:
            raise _refusal(source, "repeated_json_key", value=mapping.repeated[0], where=where)
    return tables


def _document(source: Source, inner: str | None = None) -> str:
    name = source.path.name if source.kind == "json" else "records"
    return f"{name}: {inner}" if inner else name


def _refusal(source: Source, code: str, **fields: Any) -> DataError:
    """The whole input refused: a JSON file as a file that cannot be read, records as data."""
    if source.kind != "json":
        return DataError(code=code, **fields)
    if code == "not_tables":  # the code this reader has always given a list
        detail = f"expected an object with one array of rows per table, not {fields['kind']}"
        return InputFileError(
            code="unreadable_file", value=source.path.name, kind="JSON", detail=detail
        )
    return InputFileError(code=code, **fields)


def _place(source: Source, name: str) -> str | None:
    return None if source.kind == "records" else f"{source.path.name}: {name}"


def _unknown(
    name: str, value: Any, place: str | None, unknown: dict[str, pd.DataFrame]
) -> Problem | None:
    """A key that is no contract table: a sheet's name or a near miss is told the contract
    name (and stops the payment, its rows unread, as a workbook's sheet not read does); any
    other name is an unknown table whose rows are rejected (or a problem, if no rows)."""
    near = table_for_sheet(name) or suggest(name, list(TABLES))
    if near is not None:
        fields = {"suggestion": near}
        return Problem(near, "unknown_sheet", value=name, location=place, fields=fields)
    if _is_table(value):
        unknown[name] = pd.DataFrame(index=range(len(list(value))))
        return None
    return Problem(name, "unknown_table", location=place, fields={"table": name})


def _is_table(value: Any) -> bool:
    """An array of rows: a list, tuple or other iterable, but not text, an object or a frame."""
    if isinstance(value, str | bytes | Mapping | pd.DataFrame | BaseModel):
        return False
    return isinstance(value, Iterable)


def _kind(value: Any) -> str:
    """What a value is, in JSON's words (``an object``, ``text``), for a message."""
    if value is None:
        return "null"
    if isinstance(value, Mapping | BaseModel):
        return "an object"
    if isinstance(value, str):
        return "text"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list | tuple):
        return "an array"
    return type(value).__name__


def _row(table: str, record: Any) -> Mapping[str, Any] | None:
    """A record as a row of ``table``; None when it is no row at all."""
    if isinstance(record, Record):
        if record.__table__ != table:  # typed code put it there: a programming error
            raise TypeError(f"a {type(record).__name__} record cannot go in table '{table}'")
        return record.to_row()
    if isinstance(record, BaseModel):
        return record.model_dump()
    if isinstance(record, Mapping):
        return record
    return None


def _raw(table: str, records: list[Any], source: Source) -> RawTable:
    """One table's rows as a RawTable (a column per key any row gives, in the order first
    given), with the reader's own issues (:func:`_issues`)."""
    rows = [_row(table, record) for record in records]
    keys: dict[Any, None] = {} if rows else dict.fromkeys(TABLES[table].names)  # [] is empty
    for row in rows:
        if row is not None:
            keys.update(dict.fromkeys(row))
    if not all(isinstance(k, str) for k in keys):  # a dict of records keyed by numbers
        rows = [None if row is None else {str(k): v for k, v in row.items()} for row in rows]
        keys = dict.fromkeys(str(k) for k in keys)
    given = [str(k) for k in keys]
    data = [[None] * len(given) if row is None else [row.get(k) for k in given] for row in rows]
    # a key cut inside a character (a lone surrogate) is named with U+FFFD from here on: no
    # column name can hold half a character (its cells: tukin._checks._whole_characters)
    headers = [HALF_CHARACTER.sub("\ufffd", k) for k in given]
    columns: list[str | None] = [contract_column(table, k) for k in headers]
    if any(row is None for row in rows):
        headers.append("")  # a column of no name holds the issue of each row that is no object
        columns.append(None)
    numbers = list(range(len(rows)))
    raw = RawTable(table, _label(source), headers, columns, list(headers), data, numbers)
    raw.machine = True
    raw.issues = _issues(table, records, rows, headers)
    return raw


def _issues(
    table: str, records: list[Any], rows: list[Mapping[str, Any] | None], headers: list[str]
) -> dict[tuple[int, int], CellIssue]:
    """Rows that are no object; keys a JSON row gives twice, in the row or in an object inside
    one of its cells (a parsed dict of records cannot hold one: only JSON rows are looked at)."""
    issues: dict[tuple[int, int], CellIssue] = {}
    for i, (record, row) in enumerate(zip(records, rows, strict=True)):
        if row is None:
            kind = _kind(record)
            issues[(i, len(headers) - 1)] = CellIssue("not_a_row", kind, {"kind": kind})
        elif isinstance(row, JsonObject):
            for key in row.repeated:
                where = {"where": f"{table}[{i}]"}
                issues[(i, headers.index(key))] = CellIssue("repeated_json_key", key, where)
            for key, cell in row.items():
                inner = repeated_keys(cell) if isinstance(cell, Mapping | list) else []
                if inner:
                    where = {"where": f"{table}[{i}].{key}"}
                    issues[(i, headers.index(key))] = CellIssue(
                        "repeated_json_key", inner[0], where
                    )
    return issues


def _label(source: Source) -> str:
    return source.path.name if source.kind == "json" else "records"


def records_source(lang: Lang) -> Source:
    """The source of records handed over in memory."""
    return Source("records", Path("records"), lang)
