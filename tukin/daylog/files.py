"""A daily attendance log from a file: an Excel workbook's sheet or a CSV file, as cells.

The guards of the data readers apply (:mod:`tukin.io.safe`: size, zip bombs, DTDs), and the
CSV conventions too (:func:`tukin.io.csv_read.read_csv_records`: UTF-8 or UTF-16 with a BOM,
Windows-1252 warned; ``,`` ``;`` or tab). The header is the first row among the first ten
that names the NIP and the date; the sheet is the first one holding such a row. Each data
row keeps the number a person sees (sheet row, CSV line) and each column its letter, so a
problem reads ``sheet Log, baris 7, kolom C (Jam Masuk)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

from tukin.errors import InputFileError, Lang
from tukin.io._aliases import header_key
from tukin.io._cells import CellIssue
from tukin.io.safe import Limits, check_size, inspect_xlsx

__all__ = ["RawLog", "read_log_file"]

_HEADER_SEARCH = 10
_WORDS = {
    "id": {"sheet": "sheet", "file": "berkas", "row": "baris", "column": "kolom"},
    "en": {"sheet": "sheet", "file": "file", "row": "row", "column": "column"},
}


@dataclass
class RawLog:
    """The log's cells as the file holds them, and where each is."""

    frame: pd.DataFrame  # one object column per header position, named by position
    headers: list[Any]
    row_numbers: list[int]  # each data row's number in the file
    letters: list[str]  # each column's letter
    place: str  # "sheet Log" / "berkas log.csv"
    lang: Lang
    #: cells a workbook holds no value in that the data readers refuse (a cell hidden under
    #: merged cells, an Excel error, a formula without a saved result): (data row, column
    #: position) -> the issue; the cell itself is blank in ``frame``
    issues: dict[tuple[int, int], CellIssue] = field(default_factory=dict)
    #: a cell hidden under merged cells -> what the merge shows (its first cell's value)
    merged_values: dict[tuple[int, int], Any] = field(default_factory=dict)

    def location(self, row: int, column: int | None) -> str:
        """Where a person finds data row ``row`` (0-based) and column position ``column``."""
        before, after = self.around(column)
        return f"{before}{self.row_numbers[row]}{after}"

    def around(self, column: int | None) -> tuple[str, str]:
        """The words before and after a row number in a location of ``column``:
        (``"sheet Log, baris "``, ``", kolom C (Jam Masuk)"``)."""
        words = _WORDS[self.lang]
        after = (
            ""
            if column is None
            else f", {words['column']} {self.letters[column]} ({self.headers[column]})"
        )
        return f"{self.place}, {words['row']} ", after


def _letter(j: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(j + 1))


def _names_log(cells: list[Any]) -> bool:
    """Whether a row names the NIP (or a punch log's user id) and the date (or a scan's
    date-time), by every spelling the log's columns are
    read by (:data:`tukin.daylog.log._KEYS`, one list: a shorter copy of it here missed
    ``Nomor Induk Pegawai`` and ``Hari Tanggal``)."""
    from tukin.daylog.log import _KEYS
    from tukin.daylog.punch import PUNCH_KEYS

    keys = {header_key(c) for c in cells if c is not None}
    who = set(_KEYS["nip"]) | set(PUNCH_KEYS["id"])  # a punch log may name the machine's id
    when = set(_KEYS["date"]) | set(PUNCH_KEYS["datetime"])  # or the scan's date-time
    return bool(keys & who) and bool(keys & when)


def read_log_file(path: str | Path, lang: Lang, limits: Limits | None = None) -> RawLog:
    """The log of ``path`` (``.xlsx`` or CSV); :class:`~tukin.errors.InputFileError` when
    the file cannot be read or holds no header naming the NIP and the date."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(code="file_not_found", value=str(path))
    limits = limits or Limits()
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _from_workbook(path, lang, limits)
    check_size(path, limits)
    from tukin.io.csv_read import read_csv_records

    records = read_csv_records(path, lang)
    for k, (_, cells) in enumerate(records[:_HEADER_SEARCH]):
        if _names_log(list(cells)):
            head, body = records[k], records[k + 1 :]
            return _raw(
                head[1],
                [c for _, c in body],
                [n for n, _ in body],
                f"{_WORDS[lang]['file']} {path.name}",
                lang,
            )
    if records and _attlog(records[0][1]):
        # a machine's attlog: no header; the id and the scan's date-time, then columns of
        # the machine's own (verify mode, state, work code) named by position only: which is
        # the state differs between machines and firmware, so none is read as it
        width = max(len(c) for _, c in records)
        heads = ["ID", "Tanggal/Waktu", *(f"#{k + 1}" for k in range(2, width))]
        return _raw(
            heads,
            [c for _, c in records],
            [n for n, _ in records],
            f"{_WORDS[lang]['file']} {path.name}",
            lang,
        )
    raise InputFileError(code="log_no_header", value=path.name)


_ATTLOG = re.compile(r"\s*\d+\s*")
_ATTLOG_TIME = re.compile(r"\s*\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(:\d{2})?\s*")


def _attlog(cells: list[str]) -> bool:
    """Whether a first line is a ZKTeco attlog's: a user id, then the scan's date-time."""
    return (
        len(cells) >= 2
        and _ATTLOG.fullmatch(cells[0]) is not None
        and _ATTLOG_TIME.fullmatch(cells[1]) is not None
    )


def _from_workbook(path: Path, lang: Lang, limits: Limits) -> RawLog:
    """The first sheet naming the NIP and the date, and the cells of it the data readers
    refuse (:func:`tukin.io.excel_read._cell_issue`): a recap that merges an employee's NIP
    over the rows of their days, or a status over the days of a leave, holds nothing in the
    cells under the merge (review 96: read as rows without a NIP, and as days without a
    status, counted no record); a formula never calculated holds nothing either."""
    from tukin.io.excel_read import _cell_issue, _load, _merged, _rows

    info = inspect_xlsx(path, limits)
    wb = _load(path, data_only=True)
    formulas = _load(path, data_only=False) if info.has_formulas else None
    uncalculated = formulas is not None and info.recalculate_on_load
    for ws in wb.worksheets:
        rows = _rows(ws)
        for k, row in enumerate(rows[:_HEADER_SEARCH]):
            values = [c.value for c in row]
            if not _names_log(values):
                continue
            width = len(values)
            merged = _merged(ws)
            fws = formulas[ws.title] if formulas is not None else None
            shown = {
                rng.coord: ws.cell(rng.min_row, rng.min_col).value for rng in ws.merged_cells.ranges
            }
            body: list[tuple[int, list[Any]]] = []
            issues: dict[tuple[int, int], CellIssue] = {}
            under: dict[tuple[int, int], Any] = {}
            for r in range(k + 1, len(rows)):
                cells = list(rows[r][:width])
                found = {}
                for j, cell in enumerate(cells):
                    issue = _cell_issue(cell, r + 1, j, merged, fws, uncalculated)
                    if issue is not None:
                        found[j] = issue
                shadow = all(i.code == "merged_cell" for i in found.values())
                if shadow and not any(_filled(c.value) for c in cells):
                    continue  # blank, or only the shadow of a merge running past the data
                i = len(body)
                body.append((r + 1, [None if j in found else c.value for j, c in enumerate(cells)]))
                for j, issue in found.items():
                    issues[(i, j)] = issue
                    if issue.code == "merged_cell":
                        under[(i, j)] = shown.get(issue.value)
            raw = _raw(
                values, [c for _, c in body], [n for n, _ in body], f"sheet {ws.title}", lang
            )
            raw.issues, raw.merged_values = issues, under
            return raw
    raise InputFileError(code="log_no_header", value=path.name)


def _filled(cell: Any) -> bool:
    return cell is not None and not (isinstance(cell, str) and not cell.strip())


def _raw(
    headers: list[Any], rows: list[list[Any]], numbers: list[int], place: str, lang: Lang
) -> RawLog:
    width = len(headers)
    padded = [list(r[:width]) + [None] * (width - len(r)) for r in rows]
    frame = (
        pd.DataFrame(padded, columns=range(width), dtype=object)
        if padded
        else pd.DataFrame({j: pd.Series([], dtype=object) for j in range(width)})
    )
    headers = ["" if h is None else str(h).strip() for h in headers]
    return RawLog(frame, headers, numbers, [_letter(j) for j in range(width)], place, lang)
