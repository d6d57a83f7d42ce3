"""From raw sheets to a validated Dataset whose problems point at cells a person can find.

Every reader (Excel, CSV, JSON) produces :class:`RawTable` objects: the cells as the file holds
them, the header text, the column letters and the row number each data row has in the file.
:func:`build_dataset` converts the cells (:mod:`tukin.io._cells`), validates them as
:meth:`tukin.Dataset.from_frames` does (their columns settled already, by
:func:`tukin.io._columns.settle_columns`) and then fills each :class:`~tukin.errors.Problem`'s
``location`` ("sheet Pegawai, baris 7, kolom C (ID Jabatan)").

Problems only the reader can see (a NIP stored as a number, a formula without a saved value, a
merged cell, an Excel error value) must reject their row *and* every row that depends on it,
exactly as a validation problem does. The reader therefore replaces such a cell by a value the
validator is certain to refuse ("poison"), and then swaps the validator's problem for its own.
A cell in a free-text column the validator would accept anyway (a name) poisons a typed or
reference column of the same row instead, so the row and its dependants are still rejected.
"""

from __future__ import annotations

import functools
import sys
import warnings
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from itertools import zip_longest
from pathlib import Path
from types import FrameType
from typing import Any, Literal, ParamSpec, TypeVar

import pandas as pd

from tukin._checks import frame_name
from tukin._coerce import EXACT_LIMIT
from tukin._language import resolve as resolve_lang
from tukin.contract import TABLES, Column, Table
from tukin.dataset import Dataset, Mode
from tukin.errors import DatasetValidationError, InputWarning, Lang, Problem
from tukin.io._cells import (
    CellIssue,
    convert_column,
    convert_extra,
    lone_decimal_commas,
    number_readings,
    number_text,
    to_extra,
    to_grade,
)
from tukin.io._machine import convert_machine_column, is_missing, typed_series
from tukin.io.headers import header, sheet_name, table_for_sheet
from tukin.validation import DetailedProblem, ValidationReport

__all__ = ["InputWarning", "RawTable", "Source", "build_dataset", "warn"]

POISON = "\x00#tukin-reader"
_WORDS = {
    "id": {"sheet": "sheet", "file": "berkas", "row": "baris", "column": "kolom"},
    "en": {"sheet": "sheet", "file": "file", "row": "row", "column": "column"},
}


#: Reading notes that say how the input was read, not what may have changed pay: printed,
#: not filed with the result (the extra columns of tukin's own demo workbook are the rules'
#: wage columns; the finance office need not see them on every payment).
NOT_FILED = frozenset(
    {
        "extra_columns",
        "header_row",
        "header_two_rows",
        "duplicate_header_same",
        "extra_not_numbers",
    }
)

#: The warnings of the read in progress (in this thread or task), kept for its Dataset.
_KEPT: ContextVar[list[InputWarning] | None] = ContextVar("tukin_read_warnings", default=None)

_R = TypeVar("_R")
_P = ParamSpec("_P")


def warn(code: str, lang: Lang, *, data: dict[str, Any] | None = None, **fields: Any) -> None:
    """Issue an :class:`InputWarning` pointing at the caller of the public reader, and keep
    it for the Dataset being read (:func:`keeps_warnings`). ``data``: what a program reads
    (``fields``) in place of the words of the same keys (a list of columns the message
    joins)."""
    warning = InputWarning(code, lang, **fields)
    if data:
        warning.with_params({**fields, **data})
    kept = _KEPT.get()
    if kept is not None:
        kept.append(warning)
    warnings.warn(warning, stacklevel=_caller_level())


_PACKAGE = str(Path(__file__).resolve().parent.parent)


def _caller_level() -> int:
    """The ``stacklevel`` of :func:`warn`'s caller's first frame outside tukin: readers nest
    at different depths (``read_dataset`` -> ``read_excel`` -> a sheet's columns), and the
    warning should name the user's line, whichever reader they called."""
    level = 2
    frame: FrameType | None = sys._getframe(2)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE):
        frame, level = frame.f_back, level + 1
    return level


def keeps_warnings(read: Callable[_P, _R]) -> Callable[_P, _R]:
    """A public reader whose Dataset keeps the warnings its reading gave
    (:attr:`tukin.Dataset.warnings`): a service cannot capture the ``warnings`` module per
    request (process-wide, not thread-safe), and the notes must reach the files written from
    the payment. Nested readers (``read_dataset`` calling ``read_excel``) keep one list."""

    @functools.wraps(read)
    def reading(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        if _KEPT.get() is not None:
            return read(*args, **kwargs)
        kept: list[InputWarning] = []
        token = _KEPT.set(kept)
        try:
            out = read(*args, **kwargs)
        finally:
            _KEPT.reset(token)
        if isinstance(out, Dataset):
            out._read_warnings = tuple(kept)
        return out

    return reading


def unread_problem(
    value: str,
    at: str,
    near: str | None,
    suggestion: str,
    like: str | None,
    rows: int,
    raws: Mapping[str, RawTable],
) -> Problem | None:
    """The problem of a sheet (or CSV file) no table was read from, or None when it looks
    like no table (the caller warns ``sheet_ignored``): ``unknown_sheet`` when its name is a
    near miss of a table not read (``near``; ``suggestion`` is what to rename it to),
    ``sheet_not_read`` when it holds ``rows`` of the table ``like`` read from elsewhere
    (neither paid nor rejected otherwise). Both readers decide so."""
    if near is not None:
        table = table_for_sheet(near) or near
        fields: dict[str, Any] = {"suggestion": suggestion}
        return Problem(table, "unknown_sheet", value=value, location=at, fields=fields)
    if like is not None and rows:
        fields = {"table": like, "sheet": raws[like].label, "rows": rows}
        return Problem(like, "sheet_not_read", value=value, location=at, fields=fields)
    return None


@dataclass(frozen=True)
class Source:
    """Where the tables come from: an Excel workbook, a folder of CSV files, a JSON document
    (``path``: its name in locations) or records handed over in memory (no place to name:
    their problems are located as a DataFrame's, by table, row and column)."""

    kind: Literal["sheet", "file", "json", "records"]
    path: Path
    lang: Lang

    @property
    def machine(self) -> bool:
        """Written by a program (JSON, records): machine notation and contract names."""
        return self.kind in ("json", "records")

    def word(self, name: str) -> str:
        return _WORDS[self.lang][name]

    def missing(self, table: str) -> str | None:
        """Where a person would look for a table that is not there."""
        if self.kind == "records":
            return None
        if self.kind == "json":
            return f"{self.path.name}: {table}"
        name = sheet_name(table, self.lang)
        if self.kind == "file":
            names = dict.fromkeys([f"{table}.csv", f"{name.lower().replace(' ', '_')}.csv"])
            name = " / ".join(names)
        return f"{self.word(self.kind)} {name}"


@dataclass
class RawTable:
    """One table as read: cells untouched, plus how a person finds each of them."""

    table: str
    label: str  # sheet name or file name, as in the file
    headers: list[str]  # header text per column position
    columns: list[str | None]  # contract column / attendance code / extra name; None = ignored
    letters: list[str]  # column letters as Excel shows them
    rows: list[list[Any]]  # data rows, aligned with ``columns``
    row_numbers: list[int]  # row number of each data row in the file (header is row 1...)
    issues: dict[tuple[int, int], CellIssue] = field(default_factory=dict)  # (row, col)
    percent: set[tuple[int, int]] = field(default_factory=set)  # cells formatted as percent
    text_only: bool = False  # CSV: every cell is text, so extra columns are typed by content
    machine: bool = False  # JSON, records: machine notation (tukin.io._machine), not a person's
    # a problem that rejects every row (a column nobody can name): the root cause its rows'
    # dependants name, so a report says "fix this header" once, not once per employee
    unreadable: Problem | None = None
    # a DataFrame handed to Dataset.from_frames (rows empty): its columns are settled by
    # name, its cells looked at column-wise (tukin.io._columns.settle_frame)
    frame: pd.DataFrame | None = None


def _spec(table: Table, name: str) -> Column | None:
    return next((c for c in table.columns if c.name == name), None)


def _refuses_poison(col: Column) -> bool:
    """The validator certainly rejects POISON here (typed value or unknown reference)."""
    return col.type != "str" or col.ref is not None


def _poison_target(table: Table, name: str | None) -> str:
    """The column to poison for an issue in ``name``: itself when that rejects the row."""
    col = _spec(table, name) if name is not None else None
    if col is not None and (_refuses_poison(col) or col.required):
        return col.name
    if col is None and table.open_int_columns and name is not None:
        return name  # an attendance code column: a whole count
    for c in table.columns:
        if c.name not in table.key and _refuses_poison(c):
            return c.name
    return table.key[0]


def _poison_value(table: Table, name: str) -> Any:
    col = _spec(table, name)
    if col is not None and not _refuses_poison(col):
        return None  # a required text column: blank is refused as ``required_value``
    return POISON


@dataclass
class _Prepared:
    raw: RawTable
    frame: pd.DataFrame
    # (row, poisoned column) -> [(original column, None for a column without a name; issue)]
    poisoned: dict[tuple[int, str], list[tuple[str | None, CellIssue]]]


def _prepare(raw: RawTable, source: Source) -> _Prepared:
    spec = TABLES[raw.table]
    data: list[list[Any]] = []
    names: list[str] = []
    poisoned: dict[tuple[int, str], list[tuple[str | None, CellIssue]]] = {}
    extras: set[str] = set()
    n = len(raw.rows)
    # the rows turned into columns once (a short row's missing cells are None)
    by_column = list(zip_longest(*raw.rows)) if n else []
    for j, name in enumerate(raw.columns):
        if name is None:
            continue
        cells = list(by_column[j]) if j < len(by_column) else [None] * n
        col = _spec(spec, name)
        if col is None and not spec.open_int_columns:
            values = _extra_values(raw, cells)
            if not raw.machine and frame_name(name) == "grade":
                # an export of employees joined to their positions carries the kelas jabatan
                # as the positions sheet writes it ("Kelas 9"): read alike, so validation can
                # tell it holds the position's (column_taken_same) rather than another grade
                values = [to_grade(v, False) if isinstance(v, str) else v for v in values]
            issues: dict[int, CellIssue] = {}
            extras.add(name)
            if not raw.machine:
                _warn_not_numbers(raw, source, j, values)
                _warn_decimal_commas(raw, source, name, cells, values, issues)
        elif raw.machine:
            values, issues = convert_machine_column(col, cells)
        else:
            percent = [(i, j) in raw.percent for i in range(n)] if raw.percent else None
            values, issues = convert_column(col, cells, percent)
            if col is not None and col.type == "decimal":
                _warn_decimal_commas(raw, source, name, cells, values, issues, col.maximum)
        for (i, jj), issue in raw.issues.items():
            if jj == j:
                issues[i] = issue
        for i, issue in issues.items():
            poisoned.setdefault((i, _poison_target(spec, name)), []).append((name, issue))
        data.append(values)
        names.append(name)
    for (i, j), issue in raw.issues.items():
        if j < len(raw.columns) and raw.columns[j] is None:  # a column that could not be read
            poisoned.setdefault((i, _poison_target(spec, None)), []).append((None, issue))
    for (i, target), _ in poisoned.items():
        if target not in names:
            data.append([None] * n)
            names.append(target)
        data[names.index(target)][i] = _poison_value(spec, target)
    frame = pd.DataFrame({k: _series(raw, spec, names[k], v, extras) for k, v in enumerate(data)})
    frame = frame.set_axis(names, axis=1) if names else pd.DataFrame(index=range(n))
    return _Prepared(raw, frame, poisoned)


def _series(
    raw: RawTable, spec: Table, name: str, values: list[Any], extras: set[str]
) -> pd.Series:
    """One column for the validator: an extra typed by its values, machine input typed where
    that reads the same faster, a person's cells as they are (object)."""
    if name in extras:
        return _extra_series(values)
    if raw.machine:
        return typed_series(_spec(spec, name), values)
    col = _spec(spec, name)
    whole = col.type in ("int", "money") if col is not None else spec.open_int_columns
    if whole and values and _whole_numbers(values):
        # every cell read as a whole number: int64, which validation checks as it does any
        # int64 column (one comparison per bound) instead of reading text back as numbers
        return pd.Series(values, dtype="int64")
    return pd.Series(values, dtype=object)


def _whole_numbers(values: list[Any]) -> bool:
    """Every value a Python int that a float holds exactly (below 2**53, as validation reads
    an object column's numbers through floats and refuses larger ones as inexact)."""
    if set(map(type, values)) != {int}:
        return False
    return min(values) > -EXACT_LIMIT and max(values) < EXACT_LIMIT


def _extra_values(raw: RawTable, cells: list[Any]) -> list[Any]:
    """An extra column's cells: a CSV's typed by content; a sheet's cell by cell, but a
    column of numbers with some typed as text (``6.388.100``, ``Rp 4.980.500,00`` beside
    numbers) by content too, as a CSV's, so it is numbers when every cell reads as one;
    machine input cell by cell (a DataFrame's empty cell, NaN or NaT in records, is blank
    like JSON's null)."""
    if raw.text_only:
        return convert_extra(cells)
    if raw.machine:
        return [None if is_missing(v) else to_extra(v) for v in cells]
    if any(_a_number(v) for v in cells) and any(isinstance(v, str) for v in cells):
        return convert_extra(cells)
    return [to_extra(v) for v in cells]


def _a_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _digit(text: str) -> bool:
    """A text with a digit: only such a text can read as a number (a name is not parsed)."""
    return any(ch.isdigit() for ch in text)


def _warn_not_numbers(raw: RawTable, source: Source, j: int, values: list[Any]) -> None:
    """``extra_not_numbers`` for an extra column of a sheet or CSV file that is mostly
    numbers but holds a cell that reads as none (``Rp. 5.300.700.-``): the column is kept as
    given, and a rule doing arithmetic on it stops; the warning names the first such cell,
    as the sheet numbers its row, and the calculation's error repeats it."""
    numbers, others = 0, []
    for i, v in enumerate(values):
        if v is None:
            continue
        if _a_number(v) or (isinstance(v, str) and _digit(v) and number_text(v) is not None):
            numbers += 1
        else:
            others.append(i)
    if not others or numbers < len(others):
        return  # no number it spoils, or a column of text with a few numbers (notes, SK)
    name = raw.columns[j]
    assert name is not None
    warn(
        "extra_not_numbers",
        source.lang,
        value=raw.label,
        table=raw.table,
        column=name,
        where=_where(source, raw, others[0], name),
        cell=str(values[others[0]]),
        count=len(others),
    )


def _warn_decimal_commas(
    raw: RawTable,
    source: Source,
    name: str,
    cells: list[Any],
    values: list[Any],
    issues: dict[int, CellIssue],
    maximum: float | None = None,
) -> None:
    """``number_decimal_comma`` for a decimal or extra column whose ``1,250`` was read as 1.25
    with nothing in the column to say it is not 1250 (:func:`lone_decimal_commas`): the
    reading is documented, but an English-locale file means a thousand times more, so the
    read names the first such cell, both readings and how many there are. Not where the
    thousands are past the column's ``maximum`` (``12,500`` of a percentage up to 100): 12.5
    is then the only reading validation keeps."""
    # a cell refused, or an extra column kept as text (its cells as given), was not read so
    at = [i for i in lone_decimal_commas(cells) if i not in issues and values[i] != cells[i]]
    if maximum is not None:
        at = [i for i in at if abs(_thousands(cells[i])) <= maximum]
    if not at:
        return
    text = str(cells[at[0]]).strip()
    readings = number_readings(text)
    warn(
        "number_decimal_comma",
        source.lang,
        value=raw.label,
        table=raw.table,
        column=name,
        where=_where(source, raw, at[0], name),
        cell=text,
        count=len(at),
        thousands=readings["thousands"],
        decimal_en=readings["decimal_en"],
        decimal_id=readings["decimal_id"],
    )


def _thousands(cell: Any) -> int:
    """The whole number a ``1,250`` cell is when its comma groups thousands."""
    return int(number_readings(str(cell).strip())["thousands"])


def _extra_series(values: list[Any]) -> pd.Series:
    """An extra column typed by its values: rules read ``basic_salary`` as whole rupiah.

    All whole numbers -> int64 (Int64 with blanks, never float: an amount must stay exact);
    all numbers -> float64; all text -> str; anything mixed stays object, as given.
    """
    present = [v for v in values if v is not None]
    if present and all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        if all(-(2**63) <= v < 2**63 for v in present):
            return pd.Series(values, dtype="Int64" if len(present) < len(values) else "int64")
        return pd.Series(values, dtype=object)  # beyond int64: kept exact, as Python ints
    if present and all(isinstance(v, int | float) and not isinstance(v, bool) for v in present):
        return pd.Series(values, dtype="float64")
    if present and all(isinstance(v, str) for v in present):
        try:
            return pd.Series(values, dtype="str")
        except UnicodeEncodeError:  # half a character: the validator rejects it (invalid_text)
            pass
    return pd.Series(values, dtype=object)


def build_dataset(
    raws: Sequence[RawTable],
    source: Source,
    *,
    problems: Sequence[Problem] = (),
    mode: Mode = "lenient",
    lang: Lang | None = None,
    nip_check: Literal["length", "strict"] = "length",
    unknown: Mapping[str, pd.DataFrame] | None = None,
) -> Dataset:
    """Validate the raw tables; locate every problem; raise in strict mode if any.

    ``unknown``: tables of a name the contract does not know, validated as they are (every
    row rejected, ``unknown_table``), so their rows are listed, not lost."""
    given, lang = lang, resolve_lang(lang)  # the Dataset keeps the caller's (None: follow)
    prepared = {raw.table: _prepare(raw, source) for raw in raws}
    frames = {name: p.frame for name, p in prepared.items()}
    frames.update(unknown or {})
    # settled already (tukin.io._columns): validated as they are
    dataset = Dataset._validated(frames, mode="lenient", lang=given, nip_check=nip_check)
    located: list[Problem] = list(problems)
    located += _relocate(dataset.report.problems, prepared, source)
    report = ValidationReport(located, counts=dataset.report.counts)
    if mode == "strict" and not report.ok:
        raise DatasetValidationError(report, lang=lang)
    out = _with_report(dataset, report, mode)
    if source.kind != "records":  # records are found as frames are: by table name
        # where the clerk finds each table, or would: a run's message names "sheet Kehadiran"
        places = {t: _where(source, p.raw, None, None) for t, p in prepared.items()}
        places.update({t: source.missing(t) for t in TABLES if t not in prepared})
        out._places = {t: where for t, where in places.items() if where is not None}
    return out


def _with_report(dataset: Dataset, report: ValidationReport, mode: Mode) -> Dataset:
    """The same kept tables with the located report.

    The Dataset has no public way to take a report from a reader yet; this copies it and
    swaps the report (and forgets the cached ``rejected`` view, which reads the report).
    """
    copy = Dataset.__new__(Dataset)
    copy.__dict__.update({k: v for k, v in dataset.__dict__.items() if k != "rejected"})
    wide = copy.__dict__.get("_wide_keys", {})
    copy.__dict__["_wide_keys"] = {
        t: [k.replace(POISON, "?") if isinstance(k, str) else k for k in keys]
        for t, keys in wide.items()
    }
    copy._report = report
    report.lang = copy._lang  # the reader's language, in which it wrote the locations
    copy.mode = mode
    copy._new_locks()  # its own (the original is dropped), renewed in a forked child
    return copy


#: Problems naming another row of the same table: its number becomes the sheet's row too.
_OTHER_ROW = frozenset(
    {
        "duplicate_key",
        "duplicate_row_same",
        "overlapping_period",
        "acting_overlap_post",
        "acting_overlap_employee",
        "history_overlap",
        "employee_positions_twice",
    }
)


def _relocate(
    problems: Sequence[Problem], prepared: dict[str, _Prepared], source: Source
) -> list[Problem]:
    """Locate every problem; swap poison problems for the reader's own; keep cascades linked."""
    out: list[Problem] = []
    mapped: dict[int, Problem] = {}
    done: set[tuple[str, int, str]] = set()
    for p in problems:
        prep = prepared.get(p.table)
        key = _clean_key(p.key, prep, p.row)
        issues = None
        if prep is not None and p.row is not None and p.column is not None:
            issues = prep.poisoned.get((p.row, p.column))
        if issues is not None and prep is not None and p.row is not None:
            cell = (p.table, p.row, str(p.column))
            if cell not in done:
                done.add(cell)
                for new in _issue_problems(prep, p.row, issues, key, source):
                    mapped.setdefault(id(p), new)
                    out.append(new)
            continue
        fields = dict(p.fields)
        if p.code in _OTHER_ROW and prep is not None and "other_row" in fields:
            fields["other_row"] = _row_number(prep.raw, int(fields["other_row"]))
        if prep is not None and isinstance(fields.get("other_rows"), str):  # "4, 5, 6"
            fields["other_rows"] = ", ".join(
                str(_row_number(prep.raw, int(r))) for r in fields["other_rows"].split(", ")
            )
        where = _where(source, prep.raw, p.row, p.column) if prep else source.missing(p.table)
        new = replace(p, fields=fields, location=where, key=key)
        if isinstance(new, DetailedProblem) and new.cause is not None:
            new = replace(new, cause=_root(mapped.get(id(new.cause), new.cause), prepared))
        mapped[id(p)] = new
        out.append(new)
    for table, prep in prepared.items():  # safety net: an issue the validator did not echo
        for (row, target), issues in prep.poisoned.items():
            if (table, row, target) not in done:
                out += _issue_problems(prep, row, issues, _clean_key(None, prep, row), source)
    return out


def _root(cause: Problem, prepared: dict[str, _Prepared]) -> Problem:
    """The cause a cascade names: its table's ``unreadable`` problem when that rejected it."""
    prep = prepared.get(cause.table)
    wide = prep.raw.unreadable if prep is not None else None
    return wide if wide is not None and cause.code == wide.code else cause


def _issue_problems(
    prep: _Prepared,
    row: int,
    issues: list[tuple[str | None, CellIssue]],
    key: str | None,
    source: Source,
) -> list[Problem]:
    table = prep.raw.table
    out = []
    for column, issue in issues:
        where = _where(source, prep.raw, row, column)
        if where is not None and column is None and "letter" in issue.fields:
            where += f", {source.word('column')} {issue.fields['letter']}"  # no (readable) header
        out.append(Problem(table, issue.code, row, column, issue.value, key, issue.fields, where))
    return out


def _clean_key(key: str | None, prep: _Prepared | None, row: int | None) -> str | None:
    """A row key without the poison: the reader's own value of a key cell, else ``?``."""
    if prep is None or row is None or (key is not None and POISON not in key):
        return key
    spec = TABLES[prep.raw.table]
    shown = "?"
    for (r, _), issues in prep.poisoned.items():
        if r == row:
            shown = next((str(i.value) for c, i in issues if c in spec.key and i.value), shown)
    return None if key is None else key.replace(POISON, shown)


def _row_number(raw: RawTable, row: int) -> int:
    return raw.row_numbers[row] if 0 <= row < len(raw.row_numbers) else row


def _where(source: Source, raw: RawTable, row: int | None, column: str | None) -> str | None:
    """``sheet Pegawai, baris 7, kolom C (ID Jabatan)``: what a person looks for; None for
    records (:meth:`tukin.errors.Problem.where` names table, row and column)."""
    if source.kind == "records":
        return None
    if source.kind == "json":
        text = f"{raw.label}: {raw.table}"
        if row is not None:
            text += f"[{row}]"
        return text + (f".{column}" if column else "")
    parts = [f"{source.word(source.kind)} {raw.label}"]
    if row is not None:
        parts.append(f"{source.word('row')} {_row_number(raw, row)}")
    if column:
        if column in raw.columns:
            j = raw.columns.index(column)
            parts.append(f"{source.word('column')} {raw.letters[j]} ({raw.headers[j]})")
        elif "/" not in column:
            parts.append(f"{source.word('column')} {header(raw.table, column, source.lang)}")
    return ", ".join(parts)
