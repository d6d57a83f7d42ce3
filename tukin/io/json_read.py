"""Read input tables sent as JSON by other government systems.

The document is an object with one array of row objects per table, keyed by the contract name
(``{"employees": [{"nip": "1985...", ...}], "units": [...]}``), optionally wrapped as
``{"tables": {...}}``; :func:`tukin.schema.json_schemas` publishes the shape (``dataset``).
Rows go through the same cell conversion as spreadsheets, so a NIP sent as a JSON number
that has lost digits is reported (``nip_as_number``) like one typed as a number in Excel.
Locations read ``data.json: employees[3].nip`` (0-based, as JSON tools count).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tukin._language import resolve as resolve_lang
from tukin.dataset import Dataset, Mode
from tukin.errors import InputFileError, Lang, Problem
from tukin.io._build import RawTable, Source, build_dataset
from tukin.io.headers import table_for_sheet
from tukin.io.safe import Limits, check_size

__all__ = ["read_json"]


def read_json(
    path: str | Path,
    *,
    mode: Mode = "lenient",
    lang: Lang | None = None,
    nip_check: str = "length",
    limits: Limits | None = None,
) -> Dataset:
    """Read a JSON file of tables into a :class:`~tukin.Dataset`."""
    lang = resolve_lang(lang)
    path = Path(path)
    if not path.is_file():
        raise InputFileError(code="file_not_found", value=str(path))
    check_size(path, limits or Limits())
    try:
        doc = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputFileError(
            code="unreadable_file", value=path.name, kind="JSON", detail=str(exc)
        ) from None
    except RecursionError:  # the decoder recurses once per level of nesting
        raise InputFileError(
            code="unreadable_file", value=path.name, kind="JSON", detail="nested too deeply"
        ) from None
    if isinstance(doc, dict) and isinstance(doc.get("tables"), dict):
        doc = doc["tables"]
    if not isinstance(doc, dict):
        raise InputFileError(
            code="unreadable_file",
            value=path.name,
            kind="JSON",
            detail="expected an object with one array of rows per table",
        )
    source = Source("json", path, lang)
    raws: list[RawTable] = []
    problems: list[Problem] = []
    for name, rows in doc.items():
        table = table_for_sheet(str(name))
        if table is None or not isinstance(rows, list):
            problems.append(
                Problem(
                    str(name),
                    "unknown_table",
                    location=f"{path.name}: {name}",
                    fields={"table": name},
                )
            )
            continue
        raws.append(_raw(table, rows, path.name))
    return build_dataset(
        raws,
        source,
        problems=problems,
        mode=mode,
        lang=lang,
        nip_check="strict" if nip_check == "strict" else "length",
    )


def _raw(table: str, rows: list[Any], label: str) -> RawTable:
    columns: list[str] = []
    for row in rows:
        if isinstance(row, dict):
            columns += [str(k) for k in row if str(k) not in columns]
    data = [
        [row.get(c) for c in columns] if isinstance(row, dict) else [None] * len(columns)
        for row in rows
    ]
    cols: list[str | None] = list(columns)
    return RawTable(table, label, list(columns), cols, list(columns), data, list(range(len(rows))))
