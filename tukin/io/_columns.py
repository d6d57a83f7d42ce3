"""After a sheet's rows are read: the columns that are not the table's, and what to say.

Every reader calls :func:`settle_columns` on a :class:`RawTable` whose headers are mapped: the
Excel and CSV readers (:func:`tukin.io.headers.map_columns`), machine input (JSON, records:
contract names only) and :meth:`tukin.Dataset.from_frames` (:func:`settle_frame`, which looks
at a column's cells only when its name is a near miss, and then column-wise).

Two columns naming the same column (``Status`` beside ``status``, ``NIP`` beside ``N.I.P.``,
``TL1`` beside ``tl1``) are one column given twice: when their cells are the same, the second
is dropped with a ``duplicate_header_same`` warning; otherwise it is not read and the problem
``duplicate_header`` names both headers and the first row where they differ, and
:func:`tukin.calculate` refuses the Dataset (``input_not_read``) until one is removed, since
nobody can tell which of the two holds the truth (rejecting every row of the table instead
would bury that one line under a rejection per employee).

Every other column left over is one of three things, and none of them passes without a word:

* a header that **resembles** a contract column the sheet lacks (``Tanggal Selesa``,
  ``TMT Pensiun``) and holds data: ``unknown_header`` with a suggestion. Its values are not
  read, so a retiree's end date would be ignored and he would be paid a full month; the report
  says so and :func:`tukin.calculate` refuses the Dataset (``input_not_read``) until the header
  is renamed. A resembling header of a missing *required* column is reported even when empty
  (its rows are rejected anyway, the hint says why);
* in the attendance sheet, a column that is **no code**: a descriptive header (``Nama``,
  ``Jabatan``, ``Keterangan``: :data:`tukin.io._aliases.DESCRIPTIVE`). It is dropped with one
  ``not_codes`` warning, instead of rejecting every employee's row with ``'Budi' bukan
  angka``. Any other column is a code, even when all its cells are text (a pack's ``DL``
  typed as ``2 hari``): one bad value still rejects its row;
* any other column: an extra column, kept as before (rules may read it), listed once in an
  ``extra_columns`` warning. Which rules read it is not known while reading: a calculation
  names, in ``extra_columns_unread``, those its rules did not read
  (:func:`tukin.calc.notices.unread_extra_columns`), and the CLI shows that note instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from tukin.contract import DERIVED_COLUMNS, TABLES
from tukin.errors import Lang, Problem
from tukin.io._aliases import header_key, is_descriptive, is_rating, resembles, typos
from tukin.io._build import RawTable, Source, warn
from tukin.io._cells import text_of, to_date
from tukin.io._machine import is_missing
from tukin.io.headers import ATTENDANCE_CODES, header, names_column, spellings

__all__ = ["contract_column", "settle_columns", "settle_frame"]

#: Attendance columns the validator judges itself (``reserved_column``), never dropped here.
_RESERVED = frozenset({*DERIVED_COLUMNS, *TABLES["employees"].names})


def contract_column(table: str, key: str) -> str:
    """A key of machine input (a record's key, a DataFrame's column) as the validator names
    it: a contract column (or an attendance code) ignoring case and outer spaces, anything
    else as given."""
    spec = TABLES[table]
    normal = key.strip().lower()
    return normal if normal in spec.names or spec.open_int_columns else key


def settle_frame(
    table: str, frame: pd.DataFrame, source: Source
) -> tuple[pd.DataFrame, list[Problem]]:
    """:func:`settle_columns` for a DataFrame handed to :meth:`tukin.Dataset.from_frames`:
    its columns are judged as a record's keys are (machine input, contract names), by name;
    a column's cells are looked at only when its name calls for it (a near miss, a column
    given twice), and then column-wise. Returns the frame without the columns not read (the
    same frame when all are) and the problems."""
    headers = [str(c) for c in frame.columns]
    columns: list[str | None] = [contract_column(table, h) for h in headers]
    raw = RawTable(table, table, headers, columns, list(headers), [], [], frame=frame)
    raw.machine = True
    problems = settle_columns(raw, source)
    kept = [j for j, c in enumerate(raw.columns) if c is not None]
    return (frame if len(kept) == len(headers) else frame.iloc[:, kept]), problems


def settle_columns(raw: RawTable, source: Source) -> list[Problem]:
    """Settle the columns given twice, report resembling headers, drop the attendance
    columns that are no code, warn about the columns not used. ``raw.columns`` is updated in
    place; returns the problems."""
    spec = TABLES[raw.table]
    problems = _given_twice(raw, source)
    given = {c for c in raw.columns if c in spec.names}
    missing = [c.name for c in spec.columns if c.name not in given]
    candidates = spellings(raw.table, missing)
    ignored: list[int] = []
    dropped: list[int] = []
    for j, name in enumerate(raw.columns):
        if name is None or name in spec.names:
            continue
        problem = (
            _spelt(raw, j, missing, source)
            or _spelt_beside(raw, j, given, source)
            or _resembling(raw, j, candidates, source)
        )
        if problem is not None:
            problems.append(problem)
            if spec.open_int_columns:
                _drop(raw, j)  # not read as a count: the problem stops the payment instead
            continue
        if not spec.open_int_columns:
            if not (raw.table == "appraisals" and is_rating(raw.headers[j])):
                ignored.append(j)  # a predikat is reported by _rating_hint instead
        elif _no_code(raw.headers[j], name):
            _drop(raw, j)
            dropped.append(j)
    problems += _rating_hint(raw, missing, source)
    for code, cols in (("extra_columns", ignored), ("not_codes", dropped)):
        if cols and not (source.machine and code == "extra_columns"):  # a program's own keys
            shown = tuple(f"{raw.letters[j]} ({raw.headers[j]})" for j in cols)
            # ``names``, ``shown``: each column's name in the table and as listed, so that a
            # calculation can name only those its rules did not read (tukin.calc.notices)
            names = tuple(str(raw.columns[j]) for j in cols)
            fields = {"names": names, "shown": shown} if code == "extra_columns" else {}
            warn(
                code,
                source.lang,
                value=raw.label,
                table=raw.table,
                columns=", ".join(shown),
                **fields,
                # a list for a program (review 88): as the table names a column it keeps,
                # by its header one it drops
                data={"columns": list(names) if fields else [str(raw.headers[j]) for j in cols]},
            )
    return problems


def _given_twice(raw: RawTable, source: Source) -> list[Problem]:
    """Columns naming a column an earlier one names: dropped, said (see the module
    docstring). A frame's columns are compared as whole columns, a sheet's cell by cell."""
    first: dict[str, int] = {}
    problems: list[Problem] = []
    for j, name in enumerate(raw.columns):
        if name is None:
            continue
        k = first.setdefault(name, j)
        if k == j:
            continue
        differ = _differ(raw, k, j)
        _drop(raw, j)
        if differ is None:
            warn(
                "duplicate_header_same",
                source.lang,
                value=raw.label,
                table=raw.table,
                column=header(raw.table, name, source.lang),
                first=_named(raw, k, source),
                other=_named(raw, j, source),
            )
            continue
        rows, at, one, other = differ
        fields = {
            "first": raw.headers[k],
            "rows": rows,
            "row": raw.row_numbers[at] if at < len(raw.row_numbers) else at,
            "one": _shown(one),
            "other": _shown(other),
        }
        where = _at(raw, j, source)
        problems.append(
            Problem(raw.table, "duplicate_header", None, name, raw.headers[j], None, fields, where)
        )
    return problems


def _named(raw: RawTable, j: int, source: Source) -> str:
    """A column as a warning names it: ``D (Status)`` in a sheet, ``'Status'`` otherwise."""
    if source.machine:
        return f"'{raw.headers[j]}'"
    return f"{raw.letters[j]} ({raw.headers[j]})"


def _shown(value: Any) -> str:
    """A cell in a message: its text, ``-`` for a blank; never a whole long text."""
    text = None if is_missing(value) else text_of(value)
    if text is None:
        return "-"
    return text if len(text) <= 40 else text[:39] + "…"


def _differ(raw: RawTable, k: int, j: int) -> tuple[int, int, Any, Any] | None:
    """Where columns ``k`` and ``j`` hold different cells: (how many rows, the first, its
    two cells); None when they hold the same. Blank is blank however given (None, NaN, a
    cell of spaces); text is compared without its outer spaces, as the validator reads it."""
    if raw.frame is not None:
        return _differ_frame(raw.frame.iloc[:, k], raw.frame.iloc[:, j])
    count, at, pair = 0, -1, (None, None)
    for i, row in enumerate(raw.rows):
        one = row[k] if k < len(row) else None
        other = row[j] if j < len(row) else None
        if not _same_cell(one, other):
            count += 1
            if at < 0:
                at, pair = i, (one, other)
    return None if count == 0 else (count, at, *pair)


def _blank(value: Any) -> bool:
    return is_missing(value) or (isinstance(value, str) and not value.strip())


def _same_cell(one: Any, other: Any) -> bool:
    if _blank(one) or _blank(other):
        return _blank(one) and _blank(other)
    if isinstance(one, str) and isinstance(other, str):
        return one.strip() == other.strip()
    if type(one) is not type(other) and (isinstance(one, str) or isinstance(other, str)):
        return False  # 7 and "7": the same number, but not the same cell
    try:
        return bool(one == other)
    except (TypeError, ValueError):
        return False


def _differ_frame(one: pd.Series, other: pd.Series) -> tuple[int, int, Any, Any] | None:
    """:func:`_differ` of two frame columns: whole columns of one dtype compared at once
    (pandas' ``equals``: NaN equals NaN); otherwise only the rows whose cells are not equal
    as they are are looked at one by one."""
    if one.dtype == other.dtype and one.dtype != object and one.equals(other):
        return None
    a = one.to_numpy(dtype=object)
    b = other.to_numpy(dtype=object)
    with np.errstate(all="ignore"):
        try:
            equal = np.asarray(a == b, dtype=bool)
        except (TypeError, ValueError):
            equal = np.zeros(len(a), dtype=bool)
    rows = [i for i in np.flatnonzero(~equal).tolist() if not _same_cell(a[i], b[i])]
    return (len(rows), rows[0], a[rows[0]], b[rows[0]]) if rows else None


def _spelt(raw: RawTable, j: int, missing: list[str], source: Source) -> Problem | None:
    """Machine input: ``unknown_header`` for a key that names a missing contract column the
    way a person writes its header (``endDate``, ``End Date``, ``tanggal_selesai``).

    A spreadsheet's header is read so (:func:`tukin.io.headers.map_columns`); a program's key
    is not: it sends the contract names, and one that sends its own spelling of a column is
    told the contract name rather than read by a guess the published schema does not make.
    A spelling of a column the table has anyway is an extra column, as in a spreadsheet,
    unless it holds a value where that column is blank (:func:`_spelt_beside`).
    """
    if not source.machine:
        return None
    column = names_column(raw.table, raw.headers[j])
    if column is None or column not in missing or not _holds(raw, j, column):
        return None
    fields = {"suggestion": column}
    where = _at(raw, j, source)
    return Problem(raw.table, "unknown_header", value=raw.headers[j], location=where, fields=fields)


def _spelt_beside(raw: RawTable, j: int, given: set[str], source: Source) -> Problem | None:
    """Machine input: ``duplicate_header`` for a key naming a column the table has
    (``endDate`` beside ``end_date``) that holds a value on a row where that column is blank.

    Such a key is an extra column where both hold values (a display name beside ``name``),
    but a value only it has would be lost unread: an exporter that wrote ``endDate`` on some
    rows and ``end_date`` on others had a leaver paid the full month. Which key is right on
    that row cannot be told, as for a column given twice (:func:`_given_twice`), and the
    payment stops until the keys agree. The key is not read."""
    if not source.machine:
        return None
    column = names_column(raw.table, raw.headers[j])
    if column is None or column not in given:
        return None
    k = raw.columns.index(column)
    lost = _only_in(raw, k, j)
    if lost is None:
        return None
    rows, at, other = lost
    fields = {
        "first": raw.headers[k],
        "rows": rows,
        "row": raw.row_numbers[at] if at < len(raw.row_numbers) else at,
        "one": "-",
        "other": _shown(other),
    }
    where = _at(raw, j, source)
    _drop(raw, j)
    return Problem(raw.table, "duplicate_header", None, column, raw.headers[j], None, fields, where)


def _only_in(raw: RawTable, k: int, j: int) -> tuple[int, int, Any] | None:
    """The rows where column ``j`` holds a value and column ``k`` is blank: (how many, the
    first, its value); None when there are none. A frame's rows are narrowed column-wise
    to those where ``j`` is not missing before a cell is looked at."""
    if raw.frame is not None:
        mine, column = raw.frame.iloc[:, j], raw.frame.iloc[:, k]
        blank = np.array(column.isna().to_numpy(dtype=bool))  # a copy: or'ed into below
        if not (
            pd.api.types.is_numeric_dtype(column) or pd.api.types.is_datetime64_any_dtype(column)
        ):
            spaces = column.astype("string").str.strip().eq("").fillna(False)
            blank |= spaces.to_numpy(dtype=bool)
        candidates = np.flatnonzero(blank & mine.notna().to_numpy(dtype=bool)).tolist()
        theirs, values = column.to_numpy(dtype=object), mine.to_numpy(dtype=object)
        pairs = [(i, theirs[i], values[i]) for i in candidates]
    else:
        pairs = [
            (i, row[k] if k < len(row) else None, row[j] if j < len(row) else None)
            for i, row in enumerate(raw.rows)
        ]
    found = [(i, v) for i, one, v in pairs if _blank(one) and not _blank(v)]
    return (len(found), found[0][0], found[0][1]) if found else None


def _holds(raw: RawTable, j: int, column: str) -> bool:
    """A column under a wrong name matters when it holds data, or is a required one."""
    if TABLES[raw.table].column(column).required:
        return True
    return any(text_of(v) is not None for v in _cells(raw, j))


def _cells(raw: RawTable, j: int) -> Sequence[Any]:
    """Column ``j``'s cells that are not missing (None, NaN, NaT): a sheet's one by one; a
    frame's distinct values, found column-wise (a million rows are not a million calls)."""
    if raw.frame is None:
        return [row[j] for row in raw.rows if j < len(row) and not is_missing(row[j])]
    series = raw.frame.iloc[:, j]
    if pd.api.types.is_datetime64_any_dtype(series.dtype):
        return series.dropna().iloc[:1].tolist()  # a date is a date: one is enough
    present = series.dropna()
    try:
        return list(pd.unique(present.to_numpy()))
    except TypeError:  # unhashable cells (lists, dicts)
        return present.tolist()


def _resembling(
    raw: RawTable, j: int, candidates: dict[str, list[str]], source: Source
) -> Problem | None:
    """``unknown_header`` for a header resembling a missing column, when it matters."""
    found = resembles(raw.headers[j], candidates)
    if found is None:
        return None
    column, by_signal = found
    if by_signal:  # a signal word alone (``Golongan Akhir``): only a column of dates counts
        counts = any(to_date(v)[0] is not None for v in _cells(raw, j))
    else:
        counts = _holds(raw, j, column)
    if not counts:
        return None
    text = raw.headers[j]
    if source.machine:  # a program is told the contract name, not the template's heading
        suggestion = column
    elif by_signal:
        suggestion = header(raw.table, column, source.lang)
    else:
        suggestion = _closest(raw.table, column, text, source)
    return Problem(
        raw.table,
        "unknown_header",
        value=raw.headers[j],
        location=_at(raw, j, source),
        fields={"suggestion": suggestion},
    )


def _closest(table: str, column: str, text: str, source: Source) -> str:
    """The heading to suggest for a misspelt header: in the language it is written in
    (``Kelas Jabtan`` -> ``Kelas Jabatan`` even when messages are in English)."""
    key = header_key(text)
    other: Lang = "en" if source.lang == "id" else "id"
    mine, theirs = header(table, column, source.lang), header(table, column, other)
    closer = typos(key, header_key(theirs)) < typos(key, header_key(mine))
    return theirs if closer else mine


def _at(raw: RawTable, j: int, source: Source) -> str | None:
    """``sheet Pegawai, kolom F``: where the header is; ``data.json: employees.endDate`` for
    a key of a JSON document; None for records (located by table, as a frame's problems)."""
    if source.kind == "records":
        return None
    if source.kind == "json":
        return f"{raw.label}: {raw.table}.{raw.headers[j]}"
    return f"{source.word(source.kind)} {raw.label}, {source.word('column')} {raw.letters[j]}"


def _no_code(text: str, name: str) -> bool:
    """An attendance column that counts nothing: a descriptive or rating header. Any other
    column is a code, whatever its cells hold: a pack's own code (``DL``, ``CP1``) typed as
    ``2 hari`` must reject its rows, as a known code's would, not vanish with its cut (the
    reader does not know which codes the rules read)."""
    if name in ATTENDANCE_CODES or name in _RESERVED:
        return False
    return is_descriptive(text) or is_rating(text)


def _drop(raw: RawTable, j: int) -> None:
    """Column ``j`` is not read: no name, and its cells' reader issues reject no row."""
    raw.columns[j] = None
    raw.issues = {k: v for k, v in raw.issues.items() if k[1] != j}
    raw.percent = {k for k in raw.percent if k[1] != j}


def _rating_hint(raw: RawTable, missing: list[str], source: Source) -> list[Problem]:
    """Appraisals given as the final predikat instead of the two ratings: say which two."""
    if raw.table != "appraisals" or not {"results", "behaviour"} & set(missing):
        return []
    fields = {
        "results": header("appraisals", "results", source.lang),
        "behaviour": header("appraisals", "behaviour", source.lang),
    }
    return [
        Problem(
            "appraisals", "predikat_column", value=text, location=_at(raw, j, source), fields=fields
        )
        for j, text in enumerate(raw.headers)
        if is_rating(text)
    ]
