"""Read an input workbook (.xlsx) into a validated Dataset, every problem pointing at a cell.

One sheet per table, found by its Indonesian or English name (``Pegawai``/``Employees``) or the
contract name (``employees``); headers likewise (:mod:`tukin.io.headers`). The header row is
the top-ten row that names the most columns of the table, so a title line above the table is
fine; an absensi recap's header of two rows (``Terlambat`` merged over ``TL1 … TL4``) is read
as one (:func:`_two_row_header`). Rows that are entirely blank are skipped wherever they are, and so are the
totals line and the signature block an office prints under a table (``footer_rows``,
:mod:`tukin.io._skip`, the CSV reader's rule too).

What the reader decides itself, and why:

* Cells are read as openpyxl gives them (cached results of formulas, ``data_only``) and
  converted by :mod:`tukin.io._cells`; nothing goes through pandas' type guessing.
* A formula without a saved result (a file written by a program, never opened in Excel), a
  formula of a workbook that asks for all of them to be calculated on opening (its stored
  value is a placeholder: XlsxWriter's 0, ``formula_not_calculated``), an Excel error value
  (``#N/A``) and a cell hidden under merged cells reject their row with a problem naming the
  cell: guessing the value could pay the wrong amount. A formula Excel calculated to empty
  text is the blank cell it shows. A column that holds
  data but whose *header* is hidden under merged cells (``E1:F1``) rejects every row of its
  sheet (``merged_header_column``): which column it is nobody can tell, and reading it as
  absent would, say, ignore every end date and pay staff who have left.
* The template's example row is skipped only while it is *unchanged*: the template records
  its values per column in the hidden ``_kontrak`` sheet, and a row holding them, and
  nothing else, is not data. It is told by its values, not by the headers above them: a
  header reworded or replaced by an alias is the same column, a value under a header that
  names no column any more is matched with the example's column the sheet lost; when the
  headers were changed, the skipped row is said (``example_row_skipped``). A row the
  officer typed over is read like any other, so nothing typed is ever lost.
* Hidden sheets are still read (hiding is not deleting) with an :class:`InputWarning`. A sheet
  that is not read but looks like a table, by a header naming the table's required columns or
  by its name (``Pegawai (2)`` from Excel's Move or Copy, ``Pegawai PPPK``, a near miss
  ``Pegawi``), is a problem in the report: its rows would be neither paid nor rejected
  (``sheet_not_read``; ``unknown_sheet`` when that table has no sheet at all). Sheets that look
  like no table (notes, a pivot table) are skipped with a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

from tukin._coerce import NipCheck
from tukin._language import resolve as resolve_lang
from tukin._quiet import ignoring
from tukin.contract import TABLES
from tukin.dataset import Dataset, Mode, mode_option, nip_check_option
from tukin.errors import InputFileError, Lang, Problem
from tukin.io._build import (
    RawTable,
    Source,
    build_dataset,
    keeps_warnings,
    unread_problem,
    warn,
)
from tukin.io._cells import CellIssue, text_of
from tukin.io._columns import settle_columns
from tukin.io._skip import ranges, skip_rows
from tukin.io.headers import (
    CONTRACT_SHEET,
    INSTRUCTIONS_SHEET,
    TEMPLATE_FORMAT,
    header_score,
    map_columns,
    names_a_column,
    normalise,
    rating_header,
    sheet_name,
    suggest,
    table_for_header,
    table_for_sheet,
    table_named_in,
)
from tukin.io.safe import Limits, inspect_xlsx

__all__ = ["read_excel"]

_HEADER_SEARCH = 10
_SAMPLE = 50  # rows below a header looked at to tell attendance counts from names
_SKIP = {normalise(n) for n in (*INSTRUCTIONS_SHEET.values(), CONTRACT_SHEET)}


@keeps_warnings
def read_excel(
    path: str | Path,
    *,
    mode: Mode = "lenient",
    lang: Lang | None = None,
    nip_check: NipCheck = "length",
    limits: Limits | None = None,
) -> Dataset:
    """Read a workbook made from :func:`tukin.io.write_template` (or any with the same sheets).

    Returns a :class:`~tukin.Dataset`; in ``strict`` mode raises
    :class:`~tukin.errors.DatasetValidationError` if anything is wrong. A file that cannot be
    read at all raises :class:`~tukin.errors.InputFileError`. Messages and locations are in
    ``lang``.
    """
    lang = resolve_lang(lang)
    mode, nip_check = mode_option(mode), nip_check_option(nip_check)  # a typo is refused
    path = Path(path)
    if not path.is_file():
        raise InputFileError(code="file_not_found", value=str(path))
    info = inspect_xlsx(path, limits or Limits())
    values = _load(path, data_only=True)
    formulas = _load(path, data_only=False) if info.has_formulas else None
    # a writer that calculates nothing asks for everything to be calculated on opening
    # (fullCalcOnLoad; openpyxl reads the flag as set when it is absent, so it is read here)
    uncalculated = formulas is not None and info.recalculate_on_load
    contract = _Contract.read(values, path, lang)
    source = Source("sheet", path, lang)
    raws: dict[str, RawTable] = {}
    problems: list[Problem] = []
    unknown: list[Any] = []
    max_rows = (limits or Limits()).max_rows

    def table_of(ws: Any) -> str | None:
        title = str(ws.title)
        if normalise(title) in _SKIP:
            return None
        return contract.tables.get(title) or table_for_sheet(title)

    # the employees' sheet is read first: a row of another sheet equal to its example may be a
    # real civil servant's whose NIP the example's is (said, see _read_sheet)
    pegawai = next((ws for ws in values.worksheets if table_of(ws) == "employees"), None)
    read_first: tuple[RawTable, list[Problem]] | None = None
    employees: frozenset[str] = frozenset()
    if pegawai is not None:
        if pegawai.sheet_state != "visible":
            warn("hidden_sheet", lang, value=str(pegawai.title), table="employees")
        fws = formulas[str(pegawai.title)] if formulas is not None else None
        read_first = _read_sheet(
            pegawai, fws, "employees", contract, source, max_rows, uncalculated=uncalculated
        )
        employees = _nips_of(read_first[0])
    for ws in values.worksheets:
        title = str(ws.title)
        if normalise(title) in _SKIP:
            continue
        table = table_of(ws)
        if ws is pegawai and read_first is not None:
            raws[table], found = read_first  # type: ignore[index]
            problems += found
            continue
        if table is None:
            unknown.append(ws)
            continue
        if table in raws:
            problems.append(
                Problem(
                    table,
                    "duplicate_sheet",
                    value=title,
                    location=f"sheet {title}",
                    fields={"table": table, "other": raws[table].label},
                )
            )
            continue
        if ws.sheet_state != "visible":
            warn("hidden_sheet", lang, value=title, table=table)
        fws = formulas[title] if formulas is not None else None
        raw, found = _read_sheet(
            ws, fws, table, contract, source, max_rows, employees, uncalculated=uncalculated
        )
        raws[table] = raw
        problems += found
    # both languages: a workbook in Indonesian read with English messages is still hinted
    missing = [sheet_name(t, lg) for t in TABLES if t not in raws for lg in ("id", "en")]
    for ws in unknown:
        title = str(ws.title)
        near = suggest(title, missing)
        like, rows, rating = _looks_like(ws)
        if rating and like in raws:
            like = None  # a list of predikat beside the ratings read: a summary, not input
        if near is None and like is not None and like not in raws:
            near = sheet_name(like, lang)
        unread = unread_problem(title, f"sheet {title}", near, str(near), like, rows, raws)
        if unread is not None:
            problems.append(unread)
        else:
            warn("sheet_ignored", lang, value=title)
    return build_dataset(
        list(raws.values()),
        source,
        problems=problems,
        mode=mode,
        lang=lang,
        nip_check=nip_check,
    )


def _load(path: Path, *, data_only: bool) -> Any:
    import openpyxl

    try:
        # openpyxl warns about extensions it drops: its warnings only, and without
        # catch_warnings, which leaves a filter behind when two reads overlap on threads
        with ignoring(Warning, module=r"openpyxl(\.|$)"):
            return openpyxl.load_workbook(path, data_only=data_only, read_only=False)
    except Exception as exc:  # openpyxl raises anything from KeyError to lxml errors
        raise InputFileError(
            code="unreadable_file",
            value=path.name,
            kind="Excel (.xlsx)",
            detail=f"{type(exc).__name__}: {exc}",
        ) from None


class _Contract:
    """What the template wrote in ``_kontrak``: sheet -> table, and each sheet's example row:
    its values per contract column (``examples``) and per header as written (``headed``)."""

    def __init__(self) -> None:
        self.tables: dict[str, str] = {}
        self.examples: dict[str, dict[str, str]] = {}
        self.headed: dict[str, dict[str, str]] = {}
        self.columns: dict[str, dict[str, str]] = {}  # sheet -> column -> header written

    @classmethod
    def read(cls, wb: Any, path: Path, lang: Lang) -> _Contract:
        found = cls()
        if CONTRACT_SHEET not in wb.sheetnames:
            return found
        for row in wb[CONTRACT_SHEET].iter_rows(min_row=2, values_only=True):
            kind, sheet, table, column, head, value = (list(row) + [None] * 6)[:6]
            if kind == "format" and value and str(value) != TEMPLATE_FORMAT:
                warn("template_version", lang, value=path.name, detail=str(value))
            elif kind == "sheet" and sheet and table in TABLES:
                found.tables[str(sheet)] = str(table)
            elif kind == "kolom" and sheet and column is not None:
                found.columns.setdefault(str(sheet), {})[str(column)] = str(head or column)
            elif kind == "contoh" and sheet and head is not None:
                found.headed.setdefault(str(sheet), {})[normalise(head)] = str(value)
                if column is not None:
                    found.examples.setdefault(str(sheet), {})[str(column)] = str(value)
        return found


def _rows(ws: Any) -> list[tuple[Any, ...]]:
    """The sheet's rows from row 1 to its last, each its cells from column 1 to the sheet's
    last column as ``ws.iter_rows()`` gives them, but a row holding no cell at all as ``()``
    (blank, as every reader treats it). ``iter_rows`` builds a cell for every place: one
    stray space at row 1,048,576 made a 360-row sheet cost 15 million cells (minutes,
    gigabytes); only the rows the file holds are built here."""
    cells = getattr(ws, "_cells", None)  # openpyxl's map of the cells the file holds
    if cells is None:  # private: an openpyxl without it reads as iter_rows does, only slower
        return [tuple(r) for r in ws.iter_rows()]
    held = sorted({r for r, _ in cells})
    if not held:
        return []
    width = ws.max_column
    out: list[tuple[Any, ...]] = [()] * held[-1]
    for r in held:
        out[r - 1] = tuple(ws.cell(row=r, column=c) for c in range(1, width + 1))
    return out


def _merged(ws: Any) -> dict[tuple[int, int], str]:
    """(row, column) of every cell hidden under a merge -> the merged range, e.g. ``B5:B9``."""
    hidden: dict[tuple[int, int], str] = {}
    for rng in ws.merged_cells.ranges:
        for r in range(rng.min_row, rng.max_row + 1):
            for c in range(rng.min_col, rng.max_col + 1):
                if (r, c) != (rng.min_row, rng.min_col):
                    hidden[(r, c)] = rng.coord
    return hidden


def _looks_like(ws: Any) -> tuple[str | None, int, bool]:
    """The table a sheet that is not read seems to hold, how many rows it holds, and whether
    only by a final SKP rating column (``NIP, Nama, Periode, Predikat``: appraisals).

    Its header row (one of the top rows naming every required column of a table) decides;
    else its name (``Pegawai (2)``, ``Pegawai PPPK``). Rows are the non-blank rows below the
    header (every non-blank row when no row names a column: better one too many than none).
    """
    rows = [v for v in (tuple(c.value for c in r) for r in _rows(ws)) if any(map(text_of, v))]
    for i, row in enumerate(rows[:_HEADER_SEARCH]):
        table = table_for_header(row, rows[i + 1 : i + 1 + _SAMPLE])
        if table is not None:
            return table, len(rows) - i - 1, False
    for i, row in enumerate(rows[:_HEADER_SEARCH]):
        if rating_header(row):
            return "appraisals", len(rows) - i - 1, True
    table = table_named_in(ws.title)
    if table is None:
        return None, 0, False
    head = (i for i, row in enumerate(rows[:_HEADER_SEARCH]) if names_a_column(table, row))
    return table, len(rows) - next(head, -1) - 1, False


def _header_row(rows: list[tuple[Any, ...]], table: str) -> tuple[int, list[int]]:
    """Index of the top row that reads best as the header of ``table``, and the indices of
    the rows above it that name a column too (a title line ``Periode : Oktober 2025``).

    The best row names the most contract columns (and, for attendance, demo codes); on a tie
    the first. No row names any: the first non-blank row, as before.
    """
    scores = [header_score(table, [c.value for c in row]) for row in rows[:_HEADER_SEARCH]]
    if scores and max(scores) > 0:
        best = scores.index(max(scores))
        return best, [i for i in range(best) if scores[i] > 0]
    first = next((i for i, row in enumerate(rows) if any(c.value is not None for c in row)), 0)
    return first, []


def _nips_of(raw: RawTable) -> frozenset[str]:
    """The NIPs of the employees' sheet's data rows, as digits (its example row not among
    them while it is the example)."""
    j = raw.columns.index("nip") if "nip" in raw.columns else None
    if j is None:
        return frozenset()
    return frozenset(_digits(row[j]) for row in raw.rows if j < len(row)) - {""}


def _is_percent(cell: Any) -> bool:
    return isinstance(cell.value, float) and "%" in str(cell.number_format)


def _key_of(values: list[Any], positions: list[int | None]) -> tuple[str | None, ...]:
    return tuple(None if j is None or j >= len(values) else text_of(values[j]) for j in positions)


def _digits(value: Any) -> str:
    shown = text_of(value)
    return "" if shown is None else re.sub(r"\D", "", shown)


def _read_sheet(
    ws: Any,
    fws: Any,
    table: str,
    contract: _Contract,
    source: Source,
    max_rows: int,
    employees: frozenset[str] = frozenset(),
    *,
    uncalculated: bool = False,
) -> tuple[RawTable, list[Problem]]:
    """One sheet as read; ``employees``: the NIPs (digits) of the employees' data rows: when
    the example's NIP is among them, a row skipped as the example is said
    (``example_row_employee``) if that employee has no other row for its key;
    ``uncalculated``: the workbook asks for every formula to be calculated on opening, so
    the values stored beside formulas are no results (XlsxWriter's 0)."""
    from openpyxl.utils import get_column_letter

    title = str(ws.title)
    if ws.max_row > max_rows:
        raise InputFileError(
            code="file_too_large",
            value=f"{source.path.name} ({title})",
            detail=f"{ws.max_row} rows > {max_rows}",
        )
    rows = _rows(ws)
    merged = _merged(ws)
    problems: list[Problem] = []
    h, above = _header_row(rows, table)
    stacked = _two_row_header(ws, rows, h, table)
    if stacked is not None:
        h, headers = stacked
        above = [i for i in above if i < h]
        warn(
            "header_two_rows",
            source.lang,
            value=title,
            table=table,
            rows=f"{rows[h][0].row}-{rows[h + 1][0].row}",
        )
        h += 1  # the data start under the second row
    else:
        headers = [text_of(cell.value) or "" for cell in (rows[h] if rows else ())]
    header_row = h + 1
    if above:
        shown = ", ".join(str(rows[i][0].row) for i in above)
        warn("header_row", source.lang, value=title, table=table, row=header_row, rows=shown)
    # the columns whose header a merge hides: which column each is nobody can tell
    covered = {
        j: merged[(r, j + 1)]
        for j in range(len(headers))
        for r in ((header_row - 1, header_row) if stacked is not None else (header_row,))
        if not headers[j] and (r, j + 1) in merged
    }
    letters = [get_column_letter(j + 1) for j in range(len(headers))]
    columns = map_columns(table, headers)
    written = contract.examples.get(title)
    example = None if written is None else _Example(written, columns, table)
    # the example's NIP is a real employee's: a row equal to the example may be theirs (it is
    # skipped all the same: an example left in place must not be read as a sanction or an
    # appraisal of theirs; said when they have no other row for its period)
    theirs = table != "employees" and _digits((written or {}).get("nip")) in employees
    candidates: list[tuple[int, list[Any], bool]] = []
    example_found: list[int] = []  # recognised though the headers were changed: said
    data: list[list[Any]] = []
    numbers: list[int] = []
    issues: dict[tuple[int, int], CellIssue] = {}
    percent: set[tuple[int, int]] = set()
    unnamed: set[int] = set()
    hidden: set[int] = set()  # columns with data whose header is under a merge
    width = len(columns)
    for cells in rows[h + 1 :]:
        r = cells[0].row if cells else 0
        values = [c.value for c in cells[:width]]
        row_issues: dict[int, CellIssue] = {}
        for j, c in enumerate(cells):
            if j >= width or columns[j] is None:
                if c.value is not None:
                    (hidden if j in covered else unnamed).add(j)
                continue
            issue = _cell_issue(c, r, j, merged, fws, uncalculated)
            if issue is not None:
                row_issues[j] = issue
                values[j] = None
        if all(text_of(v) is None for v in values) and all(
            i.code == "merged_cell" for i in row_issues.values()
        ):
            continue
        if example is not None and not row_issues and example.holds(values):
            changed = not _is_example_as_written(values, headers, contract.headed.get(title, {}))
            if theirs:  # said below when the employee has no other row for it
                candidates.append((r, values, changed))
            if changed:
                example_found.append(r)
            continue
        i = len(data)
        data.append(values)
        numbers.append(r)
        issues.update({(i, j): issue for j, issue in row_issues.items()})
        percent.update((i, j) for j, c in enumerate(cells[:width]) if _is_percent(c))
    if candidates and data:  # a sheet in use (not the template's example alone)
        keys = [columns.index(k) if k in columns else None for k in TABLES[table].key]
        held = {_key_of(row, keys) for row in data}
        alone = [r for r, values, _ in candidates if _key_of(values, keys) not in held]
        if alone:
            warn(
                "example_row_employee",
                source.lang,
                value=title,
                table=table,
                rows=ranges(alone),
                nip=written.get("nip") if written else "",
            )
    # a column the template wrote and the sheet lost is read as blank in every row: no
    # end dates (everyone still in service), no TL3 (0 for everyone); said, not guessed at
    gone = [head for name, head in contract.columns.get(title, {}).items() if name not in columns]
    if gone and data:
        warn(
            "template_column_missing",
            source.lang,
            value=title,
            table=table,
            columns=", ".join(gone),
        )
    if example_found:
        said = list((written or {}).values())
        warn(
            "example_row_skipped",
            source.lang,
            value=title,
            table=table,
            rows=ranges(example_found),
            detail=", ".join(said[:3]) + (", …" if len(said) > 3 else ""),
        )
    raw = RawTable(table, title, headers, columns, letters, data, numbers, issues, percent)
    skip_rows(raw, source)  # a totals line, a signature block (shared with the CSV reader)
    unreadable: Problem | None = None
    for rng, cols in _merged_headers(covered, width).items():
        where = f"sheet {title}, {source.word('row')} {header_row}"
        with_data = [j for j in cols if j in hidden]
        if not with_data:
            problems.append(Problem(table, "merged_header", value=rng, location=where))
        for j in with_data:
            # which column this is nobody can tell, so no row of the sheet can be trusted:
            # every row is rejected (and its dependants), as for a column given twice
            fields = {"letter": letters[j]}
            at = f"{where}, {source.word('column')} {letters[j]}"
            found = Problem(table, "merged_header_column", value=rng, fields=fields, location=at)
            problems.append(found)
            unreadable = unreadable or found
            issue = CellIssue("merged_header_column", rng, fields)
            raw.issues.update({(i, j): issue for i in range(len(raw.rows))})
    for j in sorted(unnamed):
        letter = get_column_letter(j + 1)
        where = f"sheet {title}, {source.word('column')} {letter}"
        problems.append(Problem(table, "unnamed_column", value=letter, location=where))
    raw.unreadable = unreadable
    _warn_hidden(ws, raw, source)
    return raw, problems + settle_columns(raw, source)


def _warn_hidden(ws: Any, raw: RawTable, source: Source) -> None:
    """Hidden (or filtered-out) rows and hidden columns are read: hiding is not deleting, and
    an officer who hid a transferred employee's row expects him not to be paid. One warning
    per sheet, naming the rows (``8, 12-14``) or the columns."""
    from openpyxl.utils import column_index_from_string

    hidden = {r for r, d in ws.row_dimensions.items() if d.hidden}
    rows = [r for r in raw.row_numbers if r in hidden]
    if rows:
        warn("hidden_rows", source.lang, value=raw.label, table=raw.table, rows=ranges(rows))
    named = {j for j, c in enumerate(raw.columns) if c is not None}
    cols: set[int] = set()
    for key, d in ws.column_dimensions.items():
        if d.hidden:
            low = d.min or column_index_from_string(key)
            cols.update(j for j in range(low - 1, max(d.max or low, low)) if j in named)
    if cols and raw.rows:
        listed = ", ".join(f"{raw.letters[j]} ({raw.headers[j]})" for j in sorted(cols))
        warn("hidden_columns", source.lang, value=raw.label, table=raw.table, columns=listed)


def _merged_headers(covered: dict[int, str], width: int) -> dict[str, list[int]]:
    """Each merged range covering header cells -> the columns whose header it hides."""
    out: dict[str, list[int]] = {}
    for j in range(width):
        rng = covered.get(j)
        if rng is not None:
            out.setdefault(rng, []).append(j)
    return out


#: A second-row header that only numbers its group (``1``, ``1-30``, ``> 90``): read with
#: the group's name before it (``Terlambat 1``).
_ONLY_NUMBERS = re.compile(r"^[\d\s<>=≤≥+\-–.,/]+$")
#: The signs of such a heading as words (``> 90`` -> ``terlambat_lebih_90``), longest first.
_SIGN_WORDS: tuple[tuple[str, str], ...] = (
    (">=", "min"),
    ("<=", "maks"),
    ("≥", "min"),
    ("≤", "maks"),
    (">", "lebih"),
    ("<", "kurang"),
    ("+", "lebih"),
)


def _two_row_header(
    ws: Any, rows: list[tuple[Any, ...]], best: int, table: str
) -> tuple[int, list[str]] | None:
    """(index of the first header row, each column's name) when the header takes two rows,
    else None.

    An absensi recap groups codes under a merged cell: ``Terlambat`` over ``TL1 … TL4``, with
    ``NIP`` and ``Nama`` merged down over both rows. Read row by row, neither row is the
    header: the first names no code, the second no NIP. Two rows are read as one header only
    on that evidence, all of it:

    * the best row, or the one above it, has a cell merged across columns with text under
      each of them (the group);
    * some heading of the first row stands alone over both rows: merged down (``NIP``), or
      a column of the table with nothing under it; so a title merged over a plain header is
      no group, whatever stray text sits beside it (``Hal. 1``);
    * the second row holds no value under a column the first row names (it is not data);
    * the two rows together name at least as many columns as either row alone.

    Each column is named by its cell in the second row or, when that is blank (merged down),
    by the first; a second-row cell that only numbers its group (``1``, ``1-30``) is read
    with the group's name before it (``Terlambat 1``).
    """
    ranges = list(ws.merged_cells.ranges)
    for top in (best - 1, best):
        if top < 0 or top + 1 >= len(rows) or not rows[top]:
            continue
        upper, lower = rows[top], rows[top + 1]
        r = upper[0].row
        groups = [g for g in ranges if g.min_row == g.max_row == r and g.max_col > g.min_col]
        downs = [d for d in ranges if d.min_row == r and d.max_row == r + 1]
        names = _stacked_names(upper, lower, groups, downs, table)
        if names is None:
            continue
        single = max(header_score(table, [c.value for c in row]) for row in (upper, lower))
        if header_score(table, names) >= single:
            return top, names
    return None


def _stacked_names(
    upper: tuple[Any, ...],
    lower: tuple[Any, ...],
    groups: list[Any],
    downs: list[Any],
    table: str,
) -> list[str] | None:
    """The column names of two header rows (see :func:`_two_row_header`), or None when the
    rows are not such a header."""
    below = {c.column: text_of(c.value) for c in lower}
    if not any(all(below.get(k) for k in range(g.min_col, g.max_col + 1)) for g in groups):
        return None
    group_of = {k: g for g in groups for k in range(g.min_col, g.max_col + 1)}
    alone = [c for c in upper if c.column not in group_of and text_of(c.value)]
    down = {c for d in downs for c in range(d.min_col, d.max_col + 1)}
    if not any(
        not below.get(c.column) and (c.column in down or names_a_column(table, [c.value]))
        for c in alone
    ):
        # no heading stands over both rows (merged down, or a column of the table with
        # nothing under it): a title line over a plain header, a "Hal. 1" beside it
        return None
    if any(below.get(c.column) and names_a_column(table, [c.value]) for c in alone):
        return None  # a value under a column the first row names: the second row is data
    names: list[str] = []
    for c in upper:
        g = group_of.get(c.column)
        over = text_of(upper[g.min_col - 1].value if g is not None else c.value)
        under = below.get(c.column)
        if under and over and _ONLY_NUMBERS.match(under):
            for sign, word in _SIGN_WORDS:  # "> 90": a code a rule file can name
                under = under.replace(sign, f" {word} ")
            names.append(f"{over} {under}")
        else:
            names.append(under or (over if g is None else None) or "")
    return names


def _cell_issue(
    cell: Any,
    r: int,
    j: int,
    merged: dict[tuple[int, int], str],
    fws: Any,
    uncalculated: bool = False,
) -> CellIssue | None:
    """An Excel error value, a cell under a merge, or a formula without a saved result.

    In a workbook whose formulas were never calculated (``uncalculated``) a formula's stored
    value is no result (XlsxWriter's 0): refused, not read as the count it is not. A formula
    Excel calculated to empty text (``=IF(...,"",...)``, stored as text with no characters)
    shows a blank cell and is one; only a formula with nothing stored is refused as never
    calculated.
    """
    stored = cell.value is not None or cell.data_type in ("e", "str")
    if uncalculated and stored and (formula := _formula(fws, r, j)) is not None:
        return CellIssue("formula_not_calculated", formula)
    if cell.data_type == "e":
        return CellIssue("excel_error", str(cell.value))
    if cell.value is not None:
        return None
    if (r, j + 1) in merged:
        return CellIssue("merged_cell", merged[(r, j + 1)])
    # data type "str": a formula's text result, here empty
    if cell.data_type != "str" and (formula := _formula(fws, r, j)) is not None:
        return CellIssue("formula_no_value", formula)
    return None


def _formula(fws: Any, r: int, j: int) -> str | None:
    """The formula of the cell at row ``r``, column index ``j`` (``=1+1``), or None; None
    too when the workbook has no formulas (``fws`` None: not loaded)."""
    if fws is None:
        return None
    f = fws.cell(row=r, column=j + 1)
    return str(getattr(f.value, "text", f.value)) if f.data_type == "f" else None


class _Example:
    """The template's example row of one sheet, told by what it holds, whatever its headers
    say: under each column of the example the example's value (by the column its header
    names, ``NIP`` or an alias alike: a header reworded is the same column), under a header
    that names no column any more (``N I P``) a value of the example whose column the sheet
    no longer names, and nothing else: a cell typed over, a value added in another column, or
    an example value cleared from a column the sheet still has, and the row is data. A
    column deleted from the sheet takes its example value with it."""

    def __init__(self, example: dict[str, str], columns: list[str | None], table: str) -> None:
        self.example = example
        self.columns = columns
        self.contract = frozenset(TABLES[table].names)
        named = {c for c in columns if c is not None}
        self.placed = [c for c in example if c in named]  # each must hold its value
        self.unplaced = Counter(v for c, v in example.items() if c not in named)

    def holds(self, values: list[Any]) -> bool:
        """The row of ``values`` (one per column) is the example."""
        seen: set[str] = set()  # the example's columns found in their place
        unplaced: Counter[str] | None = None  # its values found under a header naming none
        for column, value in zip(self.columns, values, strict=False):
            shown = text_of(value)
            if shown is None:
                continue
            if column in self.example:
                if shown != self.example[column]:
                    return False
                seen.add(column)
                continue
            if column is None or column in self.contract:
                return False
            unplaced = self.unplaced.copy() if unplaced is None else unplaced
            if unplaced[shown] <= 0:
                return False
            unplaced[shown] -= 1
        moved = unplaced is not None
        return (bool(seen) or moved) and all(c in seen for c in self.placed)


def _is_example_as_written(values: list[Any], headers: list[str], example: dict[str, str]) -> bool:
    """The row holds the example's values under the headers the template wrote: the template
    as it was given, whose example row is skipped without a word."""
    seen: dict[str, str] = {}
    for text, value in zip(headers, values, strict=False):
        shown = text_of(value)
        if shown is not None:
            seen[normalise(text)] = shown
    return bool(seen) and seen == example
