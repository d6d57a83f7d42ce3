"""Writing workbooks that are the same bytes every time, and look alike everywhere.

A result workbook is filed with the payment, and an auditor may compare two copies by hash:
openpyxl stamps the save time into ``docProps/core.xml`` and into every zip entry, so the same
result would never give the same file. :func:`save` writes through openpyxl's writer with the
workbook's times set by the caller (the receipt's ``computed_at``, or a constant for the
template) and re-packs the zip with that time on every entry, in a fixed order.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from copy import copy
from pathlib import Path
from typing import Any

from tukin.io.safe import DANGEROUS_PREFIXES, neutralise, xml_text

__all__ = [
    "HEADER_FILL",
    "MONEY_FORMAT",
    "autosize",
    "save",
    "set_formats",
    "style_header",
    "write_rows",
]

MONEY_FORMAT = '"Rp"#,##0'
COUNT_FORMAT = "#,##0"
DATE_FORMAT = "DD/MM/YYYY"
HEADER_FILL = "DDEBF7"
REQUIRED_FILL = "9BC2E6"
TOTAL_FILL = "F2F2F2"
TEMPLATE_TIME = dt.datetime(2025, 1, 1)


def save(wb: Any, path: str | Path, when: dt.datetime) -> None:
    """Save ``wb`` to ``path`` byte-for-byte reproducibly, replacing the file atomically."""
    from openpyxl.writer.excel import ExcelWriter

    stamp = when.replace(tzinfo=None, microsecond=0)
    props = wb.properties
    props.creator = "tukin"
    props.lastModifiedBy = "tukin"
    props.created = stamp
    props.modified = stamp
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        ExcelWriter(wb, archive).write_data()
    _atomic_write(Path(path), _repack(buffer.getvalue(), stamp))


def _repack(data: bytes, when: dt.datetime) -> bytes:
    """The same zip with one fixed time on every entry (zip times start in 1980)."""
    stamp = max(when, dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o600 << 16
            dst.writestr(entry, src.read(info.filename))
    return out.getvalue()


def _atomic_write(path: Path, data: bytes | Iterable[bytes]) -> None:
    """Write to a temporary file next to ``path`` and rename it: no half-written results.
    ``data``: the bytes, or pieces of them written one after the other as they are made (a
    document too large to hold whole: :func:`tukin.io.export.write_json`)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:  # the user's path, not the temporary name, is what they can fix
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    try:
        with os.fdopen(fd, "wb") as handle:
            if isinstance(data, bytes):
                handle.write(data)
            else:
                for piece in data:
                    handle.write(piece)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def style_header(ws: Any, row: int = 1, required: Iterable[int] = ()) -> None:
    """Bold, filled, wrapped header; required columns darker; frozen below the header."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

    must = set(required)
    line = Side(style="thin", color="808080")
    for cell in ws[row]:
        fill = REQUIRED_FILL if cell.column in must else HEADER_FILL
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", start_color=fill, end_color=fill)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        cell.border = Border(bottom=line)
    ws.freeze_panes = ws.cell(row=row + 1, column=1).coordinate


def write_rows(
    ws: Any, rows: Iterable[Sequence[Any]], start: int = 1, *, exact: bool = False
) -> int:
    """Write rows from row ``start``, every text as a string cell; returns the next free row.

    A string cell is never a formula, whatever its text: openpyxl would store ``=...`` as one,
    so the type is set after the value. Text a spreadsheet would run (``=``, ``+``, ``-``,
    ``@``...) is, by default, also :func:`~tukin.io.safe.neutralise`-d with a leading ``'``:
    results are for people, and may be saved as CSV, where only the ``'`` protects. ``exact``
    (input tables, read back by tukin) keeps the text as it is and sets Excel's quote prefix
    instead, so Excel shows it as text and keeps it text when the cell is edited; a ``'`` in
    the value would be a changed name and a changed fingerprint.
    """
    from openpyxl.cell.cell import Cell

    r = start
    cells = ws._cells  # openpyxl's own store; ws.cell() per value costs twice as much
    for values in rows:
        for c, value in enumerate(values, start=1):
            if value is None:
                continue
            if not isinstance(value, str):
                cells[(r, c)] = Cell(ws, row=r, column=c, value=value)
                continue
            text = xml_text(value) if exact else neutralise(value)
            cell = cells[(r, c)] = Cell(ws, row=r, column=c, value=text)
            cell.data_type = "s"  # never a formula; text such as "#N/A" stays text, not an error
            if exact and text.startswith(DANGEROUS_PREFIXES):
                cell.quotePrefix = True
        r += 1
    return r


def set_formats(ws: Any, formats: dict[int, str], first_row: int = 2) -> None:
    """Give every written cell of each column its number format (one style object per column).

    Setting ``number_format`` cell by cell makes openpyxl look the style up each time; copying
    one ready style array is what makes a 15,000-row sheet quick.
    """
    styles: dict[tuple[int, bool], Any] = {}
    for (r, c), cell in ws._cells.items():
        fmt = formats.get(c)
        if fmt is None or r < first_row:
            continue
        key = (c, cell.quotePrefix)  # a quoted text cell keeps its quote prefix
        if key not in styles:
            cell.number_format = fmt
            styles[key] = cell._style
        else:
            cell._style = copy(styles[key])


def autosize(ws: Any, minimum: int = 8, maximum: int = 60, sample: int = 500) -> None:
    """Column widths from the header and the first ``sample`` rows."""
    from openpyxl.utils import get_column_letter

    widths: dict[int, int] = {}
    for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, sample)):
        for cell in row:
            if cell.value is None:
                continue
            value = cell.value
            text = f"{value:,}" if isinstance(value, int) else str(value)
            longest = max((len(part) for part in text.split("\n")), default=0)
            widths[cell.column] = max(widths.get(cell.column, 0), longest + 2)
    for column, width in widths.items():
        ws.column_dimensions[get_column_letter(column)].width = max(minimum, min(maximum, width))
