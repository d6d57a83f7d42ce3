"""Files in and out: the Excel template, Excel/CSV/JSON readers, result exports.

HR officers work in Excel and other systems send CSV or JSON; all of them end up as the same
validated :class:`~tukin.Dataset`, with every problem pointing at the sheet, row and column a
person can find (``Problem.location``). Results go out as a workbook for people (summary,
detail, rejected, receipt, explanations) or CSV/JSON/Parquet for machines, the same bytes for
the same result.

>>> from tukin import io
>>> ds = io.read_dataset("isian.xlsx")            # doctest: +SKIP
>>> io.write_result(result, "hasil.xlsx")         # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, Any, cast

from tukin._coerce import NipCheck
from tukin._language import resolve as resolve_lang
from tukin._language import speaks_lang
from tukin.dataset import Dataset, Mode, mode_option, nip_check_option
from tukin.errors import InputFileError, Lang
from tukin.io import excel_template
from tukin.io._build import InputWarning, keeps_warnings
from tukin.io.csv_read import read_csv_folder
from tukin.io.excel_read import read_excel
from tukin.io.excel_template import write_tables, write_template
from tukin.io.export import (
    write_csv,
    write_json,
    write_parquet,
    write_result,
    write_xlsx,
)
from tukin.io.json_read import read_json
from tukin.io.safe import Limits, neutralise

__all__ = [
    "InputWarning",
    "Limits",
    "neutralise",
    "read_csv_folder",
    "read_dataset",
    "read_excel",
    "read_json",
    "write_csv",
    "write_frames",
    "write_json",
    "write_parquet",
    "write_result",
    "write_tables",
    "write_template",
    "write_xlsx",
]

_EXCEL = (".xlsx", ".xlsm")


@keeps_warnings
@speaks_lang
def read_dataset(
    path: str | Path | bytes | bytearray | IO[bytes],
    *,
    mode: Mode = "lenient",
    lang: Lang | None = None,
    nip_check: NipCheck = "length",
    limits: Limits | None = None,
) -> Dataset:
    """Read input tables from a workbook, a folder of CSV files, one CSV file or a JSON file.

    Dispatches on what ``path`` is: a folder -> :func:`read_csv_folder`; ``.xlsx``/``.xlsm``
    -> :func:`read_excel`; ``.csv`` -> that one table; ``.json`` -> :func:`read_json`.
    Anything else raises :class:`~tukin.errors.InputFileError` (``.xls`` and ``.ods`` with a
    hint to save as ``.xlsx``). A document in memory (bytes, or a binary file object: a
    service's upload) is read as JSON; a workbook or CSV file is read from a path only.
    ``mode`` and ``nip_check`` other than their values (any case) raise
    :class:`~tukin.errors.OptionError`.
    """
    lang = resolve_lang(lang)
    options: dict[str, Any] = {
        "mode": mode_option(mode),
        "lang": lang,
        "nip_check": nip_check_option(nip_check),
        "limits": limits,
    }
    if not isinstance(path, str | Path):
        return _read_memory(path, options)
    p = Path(path)
    if p.is_dir():
        return read_csv_folder(p, **options)
    if not p.exists():
        raise InputFileError(code="file_not_found", value=str(p))
    suffix = p.suffix.lower()
    if suffix in _EXCEL:
        return read_excel(p, **options)
    if suffix == ".csv":
        return read_csv_folder([p], **options)
    if suffix == ".json":
        return read_json(p, **options)
    hint = (
        (
            "simpan sebagai Excel Workbook (.xlsx)"
            if lang == "id"
            else "save it as Excel Workbook (.xlsx)"
        )
        if suffix in (".xls", ".ods", ".xlsb")
        else ".xlsx, .csv, .json"
    )
    raise InputFileError(code="unsupported_format", value=p.name, detail=hint)


def _read_memory(data: object, options: dict[str, Any]) -> Dataset:
    """A document handed over in memory: JSON bytes or a file object of them. A workbook (a
    zip) is refused with a hint, as is anything else: the Excel reader checks the file on
    disk before it opens it (size, zip members, DTD)."""
    label = Path(str(getattr(data, "name", "") or "data.json")).name
    if isinstance(data, bytes | bytearray):
        head = bytes(data[:4])
    elif hasattr(data, "read"):
        return read_json(cast(IO[bytes], data), **options)
    else:
        raise InputFileError(
            code="unsupported_format",
            value=type(data).__name__,
            detail="a path, or JSON as bytes or a binary file object",
        )
    if head.startswith(b"PK"):
        raise InputFileError(
            code="unsupported_format", value=label, detail="save the workbook and pass its path"
        )
    return read_json(data, **options)


def write_frames(frames: Any, path: str | Path, lang: Lang | None = None) -> Path:
    """Write input tables (a mapping of DataFrames, or a Dataset's kept tables) to ``path``.

    ``.xlsx``: the template's layout filled in (headers in ``lang``, no example rows), for
    a HR officer to read or correct; ``.json``: one document of tables; anything else: a
    folder of CSV files, one per table, with contract column names. Each reads back with
    :func:`read_dataset` to the same tables.
    """
    lang = resolve_lang(lang)
    tables = dict(frames.tables) if hasattr(frames, "tables") else dict(frames)
    if Path(path).suffix.lower() in _EXCEL:
        return excel_template.write_frames(tables, path, lang=lang)
    return write_tables(tables, path)
