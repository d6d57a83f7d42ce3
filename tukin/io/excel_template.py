"""The input workbook HR officers fill in: one sheet per table, guarded by Excel itself.

:func:`write_template` writes an empty workbook (one example row per sheet); :func:`write_frames`
writes the same layout filled with data (demo data to try things with, or a Dataset to hand
back for correction). Both carry:

* headers in Bahasa Indonesia (``lang="id"``) or English; each header has a note saying what
  to type; required columns have a darker fill;
* cell formats that stop Excel from mangling data: NIP, ids and periods as Text (an 18-digit
  NIP typed into a number cell loses its last three digits), dates ``DD/MM/YYYY``, rupiah
  ``#,##0``;
* data validation from :mod:`tukin.contract`: drop-down lists for every choice column, whole
  numbers for kelas jabatan (1-17), rupiah and counts (>= 0), 0-100 for percentages, dates;
* a frozen header row, column widths, a ``Petunjuk`` (instructions) sheet in Indonesian and
  English, and a hidden ``_kontrak`` sheet recording the format version, which sheet and
  header is which contract table and column, and the example rows.

The example row (row 2, grey italics) is skipped on reading only while it is unchanged: the
reader compares it with the values recorded in ``_kontrak``, column by column, whatever the
headers now say. Typed over, it is data like any other row. Workbook times are a constant, so the same template is the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from tukin._coerce import python_scalar
from tukin._language import resolve as resolve_lang
from tukin.contract import TABLES, Column, Table
from tukin.errors import Lang
from tukin.io._cells import text_of
from tukin.io._petunjuk import EXAMPLES, write_instructions
from tukin.io._xlsx import (
    COUNT_FORMAT,
    DATE_FORMAT,
    MONEY_FORMAT,
    TEMPLATE_TIME,
    _atomic_write,
    autosize,
    save,
    set_formats,
    style_header,
    write_rows,
)
from tukin.io.export import _records as _json_records
from tukin.io.headers import (
    ATTENDANCE_CODES,
    CONTRACT_SHEET,
    TEMPLATE_FORMAT,
    choice_labels,
    header,
    heading,
    sheet_name,
)

__all__ = ["write_frames", "write_tables", "write_template"]

_LAST_ROW = 1_048_576
_FIRST_DATE = 18264  # 1950-01-01 as an Excel serial
_LAST_DATE = 73050  # 2099-12-31


def write_template(path: str | Path, lang: Lang | None = None) -> Path:
    """Write the empty input workbook to ``path`` (``.xlsx``) and return the path."""
    lang = resolve_lang(lang)
    return _write(Path(path), lang, {t: None for t in TABLES})


def write_frames(
    frames: Mapping[str, pd.DataFrame], path: str | Path, lang: Lang | None = None
) -> Path:
    """Write tables (contract column names) into the template layout, without example rows.

    ``tukin.io.read_excel`` reads the file back to the same tables: it is how demo data or a
    Dataset's tables reach a HR officer's Excel. So text is written as it is, a name starting
    with ``=`` too: as a string cell with Excel's quote prefix (text, never a formula), not
    with the ``'`` result workbooks add, which would come back as part of the name.
    """
    lang = resolve_lang(lang)
    unknown = sorted(set(frames) - set(TABLES))
    if unknown:
        raise KeyError(f"unknown table(s): {', '.join(unknown)}")
    return _write(Path(path), lang, {t: frames.get(t) for t in TABLES})


def _write(path: Path, lang: Lang, frames: Mapping[str, pd.DataFrame | None]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    write_instructions(wb.active, lang)
    contract: list[list[Any]] = [
        ["jenis", "sheet", "tabel", "kolom", "judul", "nilai"],
        ["format", None, None, None, None, TEMPLATE_FORMAT],
        ["bahasa", None, None, None, None, lang],
    ]
    for table, frame in frames.items():
        ws = wb.create_sheet(sheet_name(table, lang))
        contract += _table_sheet(ws, TABLES[table], lang, frame)
    meta = wb.create_sheet(CONTRACT_SHEET)
    write_rows(meta, contract, exact=True)
    meta.sheet_state = "hidden"
    wb.active = 0
    save(wb, path, TEMPLATE_TIME)
    return path


def _columns(spec: Table, frame: pd.DataFrame | None) -> list[str]:
    names = list(spec.names)
    if spec.open_int_columns and frame is None:
        names += list(ATTENDANCE_CODES)
    if frame is not None:
        names += [str(c) for c in frame.columns if str(c) not in names]
    return names


def _table_sheet(ws: Any, spec: Table, lang: Lang, frame: pd.DataFrame | None) -> list[list[Any]]:
    """One table's sheet; returns its rows for ``_kontrak``."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    names = _columns(spec, frame)
    heads = [header(spec.name, n, lang) for n in names]
    write_rows(ws, [heads], exact=True)
    required = [j for j, n in enumerate(names, 1) if n in spec.names and spec.column(n).required]
    style_header(ws, required=required)
    meta: list[list[Any]] = [["sheet", ws.title, spec.name, None, None, None]]
    for j, (name, head) in enumerate(zip(names, heads, strict=True), 1):
        letter = get_column_letter(j)
        col = spec.column(name) if name in spec.names else None
        ws[f"{letter}1"].comment = Comment(_note(spec, name, col, lang), "tukin", 160, 320)
        ws.column_dimensions[letter].number_format = _column_format(spec, name, frame)
        if col is not None or spec.open_int_columns:  # an extra column is anything given
            _validate(ws, letter, col, lang)
        meta.append(["kolom", ws.title, spec.name, name, head, letter])
    if frame is None:
        example = [_shown(EXAMPLES[spec.name].get(n), spec, n, lang) for n in names]
        write_rows(ws, [example], start=2, exact=True)
        grey = Font(italic=True, color="808080")
        for cell in ws[2]:
            cell.font = grey
        ws["A2"].comment = Comment(_EXAMPLE_NOTE[lang], "tukin", 120, 320)
        meta += [
            ["contoh", ws.title, spec.name, n, h, text_of(v)]
            for n, h, v in zip(names, heads, example, strict=True)
            if text_of(v) is not None
        ]
    else:
        write_rows(ws, _records(frame, names, spec, lang), start=2, exact=True)
    _number_formats(ws, names, spec, frame)
    autosize(ws, minimum=10)
    return meta


_EXAMPLE_NOTE = {
    "id": "Baris contoh: dilewati saat dibaca selama tidak diubah. Hapus atau timpa dengan data.",
    "en": "Example row: skipped on reading as long as it is unchanged. Delete it or type over it.",
}


def _note(spec: Table, name: str, col: Column | None, lang: Lang) -> str:
    h = heading(spec.name, name)
    if col is None and not spec.open_int_columns:
        what = "kolom tambahan, dibaca sebagaimana isinya" if lang == "id" else "extra column"
        return f"{name}: {what}"
    if col is None or h is None:
        doc = ATTENDANCE_CODES.get(name, "kode kehadiran") if lang == "id" else "attendance code"
        unit = "jumlah bulat >= 0; kosong = 0" if lang == "id" else "whole count >= 0; blank = 0"
        return f"{name}: {doc} ({unit})"
    doc = h.doc_id if lang == "id" else col.doc
    must = ("Wajib diisi." if lang == "id" else "Required.") if col.required else ""
    return f"{doc} {must}".strip() + f"\n[{name}]"


def _format(col: Column | None) -> str:
    if col is None:
        return COUNT_FORMAT
    return {
        "money": MONEY_FORMAT,
        "int": "0",
        "decimal": "General",
        "date": DATE_FORMAT,
    }.get(col.type, "@")


def _column_format(spec: Table, name: str, frame: pd.DataFrame | None) -> str:
    """The number format of a column: its contract type's, an attendance code's; an extra
    column's by what it holds (a date column as dates: written as Excel's date serials,
    which without a date format read back as the numbers 45886...)."""
    if name in spec.names or spec.open_int_columns:
        return _format(spec.column(name) if name in spec.names else None)
    if frame is None or name not in frame.columns:
        return "General"
    values = frame[name]
    if pd.api.types.is_datetime64_any_dtype(values.dtype):
        times = values.dropna()
        return DATE_FORMAT if (times == times.dt.normalize()).all() else _DATE_TIME_FORMAT
    if values.dtype == object:
        present = [v for v in values.tolist() if v is not None and v == v]
        if present and all(isinstance(v, dt.date) for v in present):
            plain = all(not isinstance(v, dt.datetime) or v.time() == dt.time(0) for v in present)
            return DATE_FORMAT if plain else _DATE_TIME_FORMAT
    return "General"


#: A date with its time of day, for an extra column of date-times.
_DATE_TIME_FORMAT = "DD/MM/YYYY HH:MM:SS"


def _number_formats(ws: Any, names: list[str], spec: Table, frame: pd.DataFrame | None) -> None:
    """Cells written by tukin get their column's format (a column style covers new cells)."""
    formats = {}
    for j, name in enumerate(names, 1):
        fmt = _column_format(spec, name, frame)
        if fmt != "General":
            formats[j] = fmt
    set_formats(ws, formats)


def _validate(ws: Any, letter: str, col: Column | None, lang: Lang) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    id_ = lang == "id"
    rule: dict[str, Any]
    if col is None:
        rule = {"type": "whole", "operator": "greaterThanOrEqual", "formula1": "0"}
        error = "Jumlah bulat >= 0" if id_ else "A whole count >= 0"
    elif col.choices:
        labels = choice_labels(col.choices, lang)
        rule = {"type": "list", "formula1": '"' + ",".join(labels) + '"'}
        error = ("Pilih dari daftar: " if id_ else "Choose from the list: ") + ", ".join(labels)
    elif col.type in ("int", "money", "decimal"):
        kind = "decimal" if col.type == "decimal" else "whole"
        low, high = col.minimum, col.maximum
        if low is not None and high is not None:
            rule = {"type": kind, "operator": "between", "formula1": _n(low), "formula2": _n(high)}
            bound = f"{_n(low)}-{_n(high)}"
        elif low is not None:
            rule = {"type": kind, "operator": "greaterThanOrEqual", "formula1": _n(low)}
            bound = f">= {_n(low)}"
        else:
            return
        what = (
            ("Bilangan bulat" if id_ else "A whole number")
            if kind == "whole"
            else ("Angka" if id_ else "A number")
        )
        error = f"{what} {bound}"
    elif col.type == "date":
        rule = {
            "type": "date",
            "operator": "between",
            "formula1": str(_FIRST_DATE),
            "formula2": str(_LAST_DATE),
        }
        error = "Tanggal, mis. 31/01/2025" if id_ else "A date, e.g. 31/01/2025"
    elif col.type == "nip":
        rule = {"type": "textLength", "operator": "equal", "formula1": "18"}
        error = "NIP 18 digit, diisi sebagai teks" if id_ else "An 18-digit NIP, typed as text"
    else:
        return
    dv = DataValidation(
        allow_blank=True,
        showErrorMessage=True,
        errorStyle="stop",
        errorTitle="tukin",
        error=error[:255],
        **rule,
    )
    dv.add(f"{letter}2:{letter}{_LAST_ROW}")
    ws.add_data_validation(dv)


def _n(bound: float) -> str:
    return str(int(bound)) if float(bound).is_integer() else str(bound)


def _shown(value: Any, spec: Table, name: str, lang: Lang) -> Any:
    """A contract value as the sheet shows it: choices by their label in ``lang``."""
    if value is None or name not in spec.names:
        return value
    col = spec.column(name)
    if col.choices and isinstance(value, str) and value in col.choices:
        return choice_labels((value,), lang)[0]
    return value


def _records(frame: pd.DataFrame, names: list[str], spec: Table, lang: Lang) -> list[list[Any]]:
    """Rows of plain Python values, choices shown by their label; one pass per column."""
    columns: list[list[Any]] = []
    for name in names:
        if name not in frame.columns:
            # an optional column the frame lacks holds its default, as the Dataset reads it:
            # blank cells of a present column would be problems (required_value)
            absent = spec.column(name) if name in spec.names else None
            fill = None if absent is None or absent.required else absent.default
            if fill is not None and absent is not None and absent.choices:
                fill = choice_labels((str(fill),), lang)[0]
            columns.append([fill] * len(frame))
            continue
        values = [_python(v) for v in frame[name].to_numpy(dtype=object)]
        col = spec.column(name) if name in spec.names else None
        if col is not None and col.choices:
            labels = dict(zip(col.choices, choice_labels(col.choices, lang), strict=True))
            values = [labels.get(v, v) if isinstance(v, str) else v for v in values]
        columns.append(values)
    return [list(row) for row in zip(*columns, strict=True)] if columns else []


def _python(value: Any) -> Any:
    """A pandas cell as a plain Python value openpyxl writes faithfully."""
    value = python_scalar(value)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, pd.Timestamp):
        return value.date() if value == value.normalize() else value.to_pydatetime()
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def write_tables(frames: Any, path: str | Path) -> Path:
    """Input tables as data files: a folder of CSV (one per table) or one ``.json`` document.

    Same convention as the result CSV, with the contract's column names, but text is *not*
    neutralised: these files are data to be read back (by :func:`tukin.io.read_dataset` or
    another system), and a changed value would be a changed input.
    """
    p = Path(path)
    tables = {str(k): v for k, v in frames.items()}
    if p.suffix.lower() == ".json":
        doc = {name: _json_records(_iso_dates(frame)) for name, frame in tables.items()}
        text = json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
        _atomic_write(p, text.encode("utf-8"))
        return p
    p.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        buffer = io.StringIO()
        _unambiguous_decimals(_iso_dates(frame)).to_csv(buffer, index=False, lineterminator="\n")
        _atomic_write(p / f"{name}.csv", buffer.getvalue().encode("utf-8"))
    return p


def _unambiguous_decimals(frame: pd.DataFrame) -> pd.DataFrame:
    """Float columns as text a CSV reader cannot take for thousands: ``82.231`` (one dot,
    three decimals, read as 82231 by the Indonesian rule) is written ``82.2310``; every other
    number as its shortest repr, whole numbers without ``.0``."""
    out = frame
    for c in frame.columns:
        if pd.api.types.is_float_dtype(frame[c].dtype):
            out = out.copy() if out is frame else out
            out[c] = [_csv_number(v) for v in frame[c].tolist()]
    return out


def _csv_number(value: float) -> str | None:
    if value != value:  # NaN: a blank cell
        return None
    if value.is_integer() and abs(value) < 2**53:
        return str(int(value))
    text = repr(value)
    whole, _, decimals = text.partition(".")
    digits = whole.lstrip("+-")
    if "e" not in text and len(decimals) == 3 and digits[:1] not in ("", "0") and len(digits) <= 3:
        return text + "0"  # one dot, three decimals: would read as a thousands group
    return text


def _iso_dates(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO text (``2025-08-16``; with a time of day ``2025-08-16T07:30:00``, which
    a date column of the contract never has), in date columns and in object columns of
    Python dates alike: a CSV or JSON cell is text, and the text is the date's canonical
    form (``tukin._fingerprint.canonical_text``), so the file reads back to the same
    fingerprint."""
    out = frame.reset_index(drop=True).copy()
    for c in out.columns:
        values = out[c]
        if pd.api.types.is_datetime64_any_dtype(values.dtype):
            days = values.dt.normalize()
            text = values.dt.strftime("%Y-%m-%d")
            timed = values.notna() & (values != days)
            if timed.any():
                text[timed] = [v.isoformat() for v in values[timed]]
            out[c] = text.astype(object).where(values.notna(), None)
        elif values.dtype == object and any(isinstance(v, dt.date) for v in values.tolist()):
            out[c] = [_iso(v) for v in values.tolist()]
    return out


def _iso(value: Any) -> Any:
    """A Python date or date-time as ISO text (midnight as the date alone); anything else
    as it is."""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value
