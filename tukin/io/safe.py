"""Guards between tukin and files from outside: size limits, zip bombs, formula injection.

Workbooks arrive by e-mail from dozens of offices and results go back the same way, so both
directions are treated as untrusted:

* Input: a file larger than :attr:`Limits.max_file_bytes`, an ``.xlsx`` whose parts unpack to
  more than :attr:`Limits.max_unzipped_bytes` (a zip bomb) or that declares an XML DTD
  (entity expansion; a genuine Excel file never has one), and sheets or CSV files longer than
  :attr:`Limits.max_rows` are refused with :class:`~tukin.errors.InputFileError` before any
  parsing starts.
* Output: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is
  what a spreadsheet runs as a formula when the file is opened (or re-saved as CSV and opened
  again): ``=HYPERLINK(...)`` in an employee's name could leak data. :func:`neutralise`
  prefixes such text with ``'`` (the OWASP advice, which survives a save-as-CSV); characters
  XML cannot hold are replaced by U+FFFD so a stray control code cannot break the export.
  Workbooks of *input tables* (the template, :func:`tukin.io.write_frames`) are data to be
  read back, where an added ``'`` would be a changed name: there such text is kept as it is,
  in a string cell with Excel's quote prefix (shown and kept as text, never run), see
  :func:`tukin.io._xlsx.write_rows`.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tukin.errors import InputFileError

__all__ = [
    "DANGEROUS_PREFIXES",
    "Limits",
    "XlsxInfo",
    "check_size",
    "inspect_xlsx",
    "neutralise",
    "neutralise_frame",
    "xml_text",
]

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_FORMULA_TAGS = (b"<f>", b"<f ", b"<x:f>", b"<x:f ")
_DTD = (b"<!DOCTYPE", b"<!ENTITY")
#: The OLE compound file signature: an .xls, or an .xlsx Excel encrypted with a password
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FULL_CALC = re.compile(rb"<(?:\w+:)?calcPr\b[^>]*\bfullCalcOnLoad\s*=\s*[\"'](?:1|true)[\"']")
_MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """Largest input tukin reads; raise them for a whole province, lower them for a web form."""

    max_file_bytes: int = 200 * _MIB
    max_unzipped_bytes: int = 1024 * _MIB
    max_zip_members: int = 10_000
    max_rows: int = 1_048_576  # Excel's own limit per sheet


@dataclass(frozen=True)
class XlsxInfo:
    """What a cheap look inside an .xlsx found before openpyxl parses it."""

    has_formulas: bool
    #: the workbook part asks for every formula to be calculated when it is opened
    #: (``<calcPr fullCalcOnLoad="1">``): what is stored beside its formulas is no result
    recalculate_on_load: bool = False


def check_size(path: Path, limits: Limits) -> None:
    """Refuse a file larger than the limit before reading a byte of it."""
    size = path.stat().st_size
    if size > limits.max_file_bytes:
        raise InputFileError(
            code="file_too_large",
            value=path.name,
            detail=f"{size / _MIB:.0f} MiB > {limits.max_file_bytes / _MIB:.0f} MiB",
        )


def inspect_xlsx(path: Path, limits: Limits) -> XlsxInfo:
    """Check the zip container and the XML prologs; say whether any sheet has formulas.

    Knowing there are no formulas saves a second full parse of the workbook (formulas are
    read only to report those without a saved result).
    """
    check_size(path, limits)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            if len(members) > limits.max_zip_members:
                raise _unsafe(path, f"{len(members)} parts in the zip container")
            unzipped = sum(m.file_size for m in members)
            if unzipped > limits.max_unzipped_bytes:
                raise _unsafe(path, f"unpacks to {unzipped / _MIB:.0f} MiB")
            formulas = recalc = False
            for member in members:
                if not member.filename.endswith((".xml", ".rels", ".vml")):
                    continue
                with archive.open(member) as stream:
                    head = stream.read(4096)
                    if any(tag in head for tag in _DTD):
                        raise _unsafe(path, f"{member.filename} declares an XML DTD")
                    if member.filename.startswith("xl/worksheets/") and not formulas:
                        formulas = _contains(head, stream)
                    elif member.filename.endswith("workbook.xml"):
                        recalc = _FULL_CALC.search(head + stream.read()) is not None
            return XlsxInfo(has_formulas=formulas, recalculate_on_load=recalc)
    except zipfile.BadZipFile as exc:
        if _head(path) == _OLE:  # Excel's password-protected .xlsx, or an .xls renamed
            raise InputFileError(code="protected_or_xls", value=path.name) from None
        raise InputFileError(
            code="unreadable_file", value=path.name, kind="Excel (.xlsx)", detail=str(exc)
        ) from None
    except (zlib.error, EOFError, NotImplementedError) as exc:
        # a damaged container: bad zip, corrupt deflate data, truncated, unknown compression
        raise InputFileError(
            code="unreadable_file", value=path.name, kind="Excel (.xlsx)", detail=str(exc)
        ) from None


def _head(path: Path) -> bytes:
    """The first bytes of ``path`` (as many as :data:`_OLE` has)."""
    with path.open("rb") as handle:
        return handle.read(len(_OLE))


def _contains(head: bytes, stream: Any) -> bool:
    """Whether a formula tag occurs in a sheet's XML, read in chunks."""
    tail = b""
    chunk = head
    while chunk:
        window = tail + chunk
        if any(tag in window for tag in _FORMULA_TAGS):
            return True
        tail = window[-8:]
        chunk = stream.read(1 << 20)
    return False


def _unsafe(path: Path, detail: str) -> InputFileError:
    return InputFileError(code="unsafe_file", value=path.name, detail=detail)


def neutralise_frame(frame: Any) -> Any:
    """A copy of a DataFrame whose text cells and column names went through :func:`neutralise`.

    For exports written through pandas (``to_excel``, ``to_csv``); numbers, dates and
    missing values are left as they are.
    """
    out = frame.copy()
    for j in range(out.shape[1]):
        column = out.iloc[:, j]
        if is_text(column.dtype):
            out.isetitem(j, column.map(neutralise, na_action="ignore"))
    out.columns = [neutralise(c) for c in out.columns]
    return out


def is_text(dtype: Any) -> bool:
    """Whether a column of ``dtype`` may hold text: objects, strings, or categories of
    either (the Result holds text shared by many employees as categories)."""
    import pandas as pd

    if isinstance(dtype, pd.CategoricalDtype):
        dtype = dtype.categories.dtype
    return pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype)


def neutralise(value: Any) -> Any:
    """Text safe to put in a spreadsheet cell; anything else unchanged.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-"), neutralise("Budi")
    ('\\'=HYPERLINK("http://x")', "'-", 'Budi')
    """
    if not isinstance(value, str):
        return value
    text = xml_text(value)
    if text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


def xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold as U+FFFD: a stray control code in one
    name would otherwise make the writer refuse the whole workbook."""
    return _ILLEGAL_XML.sub("\ufffd", text)
