"""The vectorised validator behind :class:`tukin.Dataset`: columns, tables, cross-table links.

Three phases, each over whole columns:

1. **cells** (here and :mod:`tukin._coerce`): column names, type, nulls, ranges, choices,
   NIPs, dates, periods;
2. **rows and tables** (:mod:`tukin._relations`): duplicate keys, end before start, range
   targets, overlapping budget periods of one work item, unknown references, cycles in the parent links, work-item levels, the PNS pattern
   of NIPs (when asked); a reference into a table refused as a whole without its ids is no
   unknown reference but that refusal's consequence (``rejected_upstream``);
3. **cascade** (:mod:`tukin._relations`): in reference order (units before positions before
   employees...), a row that refers to a rejected row is rejected too (``rejected_upstream``),
   down whole subtrees of parent links, so nothing is paid on the strength of a row that was
   thrown out.

The result keeps every input row accounted for: ``given == kept + rejected`` for every table.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
import pandas as pd

from tukin import _graph
from tukin._coerce import (
    DATE_DTYPE,
    HALF_CHARACTER,
    TEXT_DTYPE,
    Batch,
    Coerced,
    IntArray,
    NipCheck,
    batch,
    coerce,
    coerce_count,
)
from tukin._flow_checks import flow_recaps, summed_tables
from tukin._flow_overlaps import flow_overlaps
from tukin._relations import Work, cascade, table_checks
from tukin.contract import DERIVED_COLUMNS, TABLES, Column, Table
from tukin.errors import Problem
from tukin.validation import NOTES, TableCount, ValidationReport

__all__ = ["TABLE_WIDE_CODES", "Validated", "empty_frame", "final_dtype", "validate"]

#: Codes of table-level problems that reject every row of their table.
TABLE_WIDE_CODES = frozenset({"unknown_table", "missing_column", "duplicate_column"})

DtypeName = Literal["Int64", "int64", "float64", "datetime64[us]", "str"]


@dataclass
class Validated:
    """What the validator hands the Dataset: kept tables, the report, the code columns."""

    tables: dict[str, pd.DataFrame]
    report: ValidationReport
    attendance_codes: tuple[str, ...]
    wide_keys: dict[str, list[str | None]]  # row keys of tables rejected as a whole
    # (table, column) -> the row of the referenced table each input row refers to, as the
    # reference check found it (see Dataset._reference_rows); Arrow text references only
    references: dict[tuple[str, str], Reference] = field(default_factory=dict)
    # input row -> the name typed on each rejected employee row: a Dataset keeps no other
    # cell of a rejected row, and the list of who is not paid must say who the NIP was meant
    # for (a NIP Excel rounded names nobody)
    rejected_names: dict[int, str] = field(default_factory=dict)
    # the tables given at all (a frame, a sheet, a file), even empty: an absent attendance
    # sheet is told apart from one without the codes a rule set reads
    given: frozenset[str] = frozenset()
    # (table, input row) -> the reference cells (as typed) of each rejected work item and
    # indicator row: a rejected row is in no table, and the calculation must still know
    # which scores it would have fed (tukin.monitoring.rejected)
    rejected_refs: dict[tuple[str, int], dict[str, str]] = field(default_factory=dict)


#: The reference columns kept for rejected rows (see ``Validated.rejected_refs``).
REJECTED_REFS = {
    "work_items": ("parent_id", "unit_id", "responsible_position_id"),
    "indicators": ("work_item_id",),
}
#: The tables whose rejected rows keep their status (``status`` in ``Validated.rejected_refs``,
#: when validation could read it): a row below a rule's ``min_status`` is never read.
STATUS_TABLES = ("realisations", "budget_realisations")


@dataclass(frozen=True)
class Reference:
    """Where each input row of a table's reference column points: ``rows[i]`` is the input
    row of table ``target`` (of ``size`` input rows) holding row i's value, -1 for none."""

    target: str
    rows: npt.NDArray[np.int32]
    size: int


def empty_frame(spec: Table) -> pd.DataFrame:
    """A frame with the contract columns and their final dtypes and no rows."""
    return _empty_template(spec.name).copy()


@functools.cache
def _empty_template(table: str) -> pd.DataFrame:
    columns = TABLES[table].columns
    index = pd.RangeIndex(0, name="row")
    return pd.DataFrame({c.name: pd.Series([], dtype=final_dtype(c)) for c in columns}, index=index)


def final_dtype(col: Column) -> DtypeName:
    """The dtype of a contract column in a Dataset (see docs/data-contract.md)."""
    if col.type in ("int", "money"):
        return "Int64" if col.nullable else "int64"
    if col.type == "decimal":
        return "float64"
    if col.type == "date":
        return DATE_DTYPE
    return TEXT_DTYPE


def validate(
    frames: Mapping[str, pd.DataFrame],
    *,
    nip_check: NipCheck = "length",
    first: Sequence[Problem] = (),
) -> Validated:
    """Check every table; return the kept rows and a report of every problem (never raises).
    ``first``: problems found before (the columns of a frame, settled by name), listed first."""
    batches: list[Batch] = []
    counts: dict[str, TableCount] = {}
    for name, frame in frames.items():
        if name not in TABLES:
            batches.append(
                Batch(name, "unknown_table", None, fields={"table": name}, rejects_table=True)
            )
            counts[name] = TableCount(len(frame), 0, len(frame))
    works = {name: _cells(spec, frames.get(name), batches) for name, spec in TABLES.items()}
    taken, clashes = _taken_codes(works)
    if taken:  # not read: their cells are not judged either
        batches = [b for b in batches if b.table != "attendance" or b.column not in taken]
        batches += [Batch("attendance", "reserved_column", code) for code in taken]
    # tables refused as a whole (a required column missing, a required table absent): a
    # reference into one whose key cannot be read is that refusal's consequence
    refused = frozenset(b.table for b in batches if b.rejects_table or b.code == "missing_table")
    for name, work in works.items():
        batches += table_checks(work, name, works, nip_check, refused)
    batches += clashes + _taken_extras(works)  # after the references: they are compared
    for work in works.values():
        work.rejected = np.zeros(work.n, dtype=bool)
    for b in batches:
        if b.code in NOTES:  # changes nothing: a row read once is no rejected row
            continue
        if b.table in works:
            target = works[b.table].rejected
            if b.rejects_table:
                target[:] = True
            elif b.rows is not None:
                target[b.rows] = True
    for name in TABLES:
        batches += cascade(name, works)
    summed = summed_tables(works)  # notes on kept rows: after every rejection is known
    batches += flow_recaps(works, summed)
    batches += flow_overlaps(works, summed)
    batches = [_unless_rejected(b, works) if b.code == "duplicate_row_same" else b for b in batches]
    tables = {name: _kept(work) for name, work in works.items()}
    for name, work in works.items():
        kept = int((~work.rejected).sum())
        counts[name] = TableCount(work.n, kept, work.n - kept)

    batches = _with_keys(batches, works)
    wide = {b.table for b in batches if b.rejects_table}
    wide_keys: dict[str, list[str | None]] = {
        table: works[table].key_text(np.arange(works[table].n))
        if table in works
        else [None] * counts[table].given
        for table in wide
    }
    report = ValidationReport._from_batches(batches, counts, first)
    references = {
        (name, col.name): Reference(col.ref[0], work.refs[col.name], works[col.ref[0]].n)
        for name, work in works.items()
        for col in work.spec.columns
        if col.ref is not None and col.name in work.refs
    }
    return Validated(
        tables,
        report,
        tuple(works["attendance"].codes),
        wide_keys,
        references,
        _rejected_names(works["employees"]),
        frozenset(frames),
        _rejected_refs(works),
    )


def _unless_rejected(batch: Batch, works: dict[str, Work]) -> Batch:
    """The note ``duplicate_row_same`` on the copies that were not rejected: a copy of a
    row rejected (an unknown NIP, a bad cell, its employee rejected) is rejected with it, for
    the same reasons, and is no row read once."""
    assert batch.rows is not None
    keep = ~works[batch.table].rejected[batch.rows]
    if keep.all():
        return batch
    return replace(
        batch,
        rows=batch.rows[keep],
        values=None if batch.values is None else batch.values[keep],
        row_fields={k: v[keep] for k, v in batch.row_fields.items()},
    )


def _rejected_refs(works: dict[str, Work]) -> dict[tuple[str, int], dict[str, str]]:
    """The reference cells of each rejected work item and indicator row (see ``Validated``),
    typed as validation types an id, whether or not it was a valid reference: stripped, and a
    whole number without its ``.0`` (a numeric ``parent_id`` with blanks is a float column in
    a DataFrame, ``2.0``; the kept work item's id is ``"2"``, whatever the input's form); and
    the status of each rejected realisation and budget realisation row, where validation
    could read it."""
    out: dict[tuple[str, int], dict[str, str]] = {}
    for table, columns in REJECTED_REFS.items():
        work = works[table]
        rows = np.flatnonzero(work.rejected)
        if not len(rows):
            continue
        cells = {
            col: work.values(col).iloc[rows].to_numpy(dtype=object)
            for col in columns
            if col in work.raw.columns and col in work.cells  # given (a blank column: none)
        }
        for i, row in enumerate(rows.tolist()):
            found = {}
            for col, values in cells.items():
                text = values[i]
                if isinstance(text, str) and text:
                    found[col] = text
            out[(table, int(row))] = found
    history = works.get("position_history")
    if history is not None and history.rejected.any() and "end_date" in history.cells:
        # an earlier position's last day as validation read it: a rejected spell blocks its
        # employee only in the periods it may overlap (tukin.calc.blocked)
        rows = np.flatnonzero(history.rejected)
        ends = history.cells["end_date"]
        for row in rows[ends.present[rows]].tolist():
            day = ends.values.iloc[row]
            out.setdefault(("position_history", int(row)), {})["end_date"] = str(day.date())
    for table in STATUS_TABLES:
        graded = works.get(table)
        if graded is None or "status" not in graded.cells or not graded.rejected.any():
            continue
        rows = np.flatnonzero(graded.rejected)
        # the status as validation read it: None where the cell is blank or unreadable (the
        # cell may be what was rejected), so such a row may have been read
        status = graded.values("status").iloc[rows].to_numpy(dtype=object)
        for row, value in zip(rows.tolist(), status.tolist(), strict=True):
            if isinstance(value, str):
                out.setdefault((table, int(row)), {})["status"] = value
    return out


def _rejected_names(work: Work) -> dict[int, str]:
    """The name cell of each rejected employee row that has one (see ``Validated``)."""
    rows = np.flatnonzero(work.rejected)
    if not len(rows) or "name" not in work.cells:
        return {}
    names = work.values("name").iloc[rows].to_numpy(dtype=object)
    return {
        int(row): str(name)
        for row, name in zip(rows.tolist(), names, strict=True)
        if isinstance(name, str) and name
    }


#: Tables whose extra columns reach the employee frame (docs/rule-file.md, *What a rule can
#: read*), in the order the frame takes them.
FRAME_TABLES = ("employees", "positions", "units", "appraisals")

#: Each column of the employee frame that is not an extra column or an attendance code: the
#: table and column it is taken from (the period's and the unit tree's where it is derived).
FRAME_SOURCES: dict[str, tuple[str, str]] = {
    **{name: ("employees", name) for name in TABLES["employees"].names},
    "position_name": ("positions", "name"),
    "position_kind": ("positions", "kind"),
    "grade": ("positions", "grade"),
    "unit_id": ("positions", "unit_id"),
    "superior_id": ("positions", "superior_id"),
    "opd_id": ("units", "unit_id/parent_id"),
    "opd_name": ("units", "name"),
    "unit_name": ("units", "name"),
    "days_in_period": ("employees", "start_date/end_date"),
    "days_served": ("employees", "start_date/end_date"),
    "has_attendance": ("attendance", "nip/period"),
    "results": ("appraisals", "results"),
    "behaviour": ("appraisals", "behaviour"),
    "has_appraisal": ("appraisals", "nip/period"),
}
assert set(FRAME_SOURCES) == {*DERIVED_COLUMNS, *TABLES["employees"].names}

#: A step of :data:`_COMPARED`: from a unit to its OPD (the root of its unit tree, as
#: :func:`tukin.calc.frame.opd_of_units` finds it).
_OPD = "<opd>"

#: Per table, its extra columns a frame column takes row for row from a column of a table it
#: refers to (or of itself): (the reference columns followed from the row, :data:`_OPD`
#: for a unit's OPD; the column of the table reached).
_COMPARED: dict[tuple[str, str], tuple[tuple[str, ...], str]] = {
    **{("employees", c): (("position_id",), c) for c in ("grade", "unit_id", "superior_id")},
    ("employees", "position_name"): (("position_id",), "name"),
    ("employees", "position_kind"): (("position_id",), "kind"),
    ("employees", "unit_name"): (("position_id", "unit_id"), "name"),
    ("employees", "opd_id"): (("position_id", "unit_id", _OPD), "unit_id"),
    ("employees", "opd_name"): (("position_id", "unit_id", _OPD), "name"),
    ("positions", "position_name"): ((), "name"),
    ("positions", "position_kind"): ((), "kind"),
    ("positions", "unit_name"): (("unit_id",), "name"),
    ("positions", "opd_id"): (("unit_id", _OPD), "unit_id"),
    ("positions", "opd_name"): (("unit_id", _OPD), "name"),
    ("units", "unit_name"): ((), "name"),
    ("units", "opd_id"): ((_OPD,), "unit_id"),
    ("units", "opd_name"): ((_OPD,), "name"),
}
# an appraisal's extra column reaches the frame on its employee's row: what the employee's
# row takes (its own columns, its position's, its unit's) is compared through its NIP
_COMPARED |= {
    ("appraisals", name): (("nip", *path), column)
    for (table, name), (path, column) in list(_COMPARED.items())
    if table == "employees"
}
_COMPARED |= {
    ("appraisals", c): (("nip",), c)
    for c in TABLES["employees"].names
    if c not in TABLES["appraisals"].names
}


def frame_name(column: object) -> str:
    """A column's name as a rule file reads it (:func:`tukin.calc.context.as_name`)."""
    return _NOT_NAME.sub("_", str(column).lower()).strip("_")


_NOT_NAME = re.compile(r"[^0-9a-z]+")


def _taken_codes(works: dict[str, Work]) -> tuple[list[str], list[Batch]]:
    """Attendance columns named like a column the employee frame already has are not read.

    The engine adds attendance counts to one row per employee that already holds the
    employee's and position's columns and the derived ones (:data:`DERIVED_COLUMNS`): a count
    column called ``grade`` or ``days_served`` would silently replace the kelas jabatan or the
    days served. Such a column is reported (``reserved_column``) and left out; rows stay:
    a rule reading ``grade`` means the kelas jabatan, as documented, and gets it.

    A code named like an extra column of a table the frame reads (``tk`` in employees, a
    clerk's *tunjangan keluarga*) is another matter: a rule reading ``tk`` may mean either,
    and neither is the documented one. The code is not read either, and the problem
    ``column_clash`` (one per column, naming both tables) stops the payment
    (:data:`tukin.calc.engine.UNREAD_INPUT`) until one of them is renamed. Returns the
    reserved codes and the clashes.
    """
    attendance = works["attendance"]
    reserved = [code for code in attendance.codes if code in FRAME_SOURCES]
    extras = {
        frame_name(extra): (table, extra)
        for table in reversed(FRAME_TABLES)
        for extra in works[table].extras
    }  # the first table's of one name
    clashes: list[Batch] = []
    for code in attendance.codes:
        if code in reserved or frame_name(code) not in extras:
            continue
        table, extra = extras[frame_name(code)]
        fields = {"table": table, "other": "attendance", "code": code}
        clashes.append(Batch(table, "column_clash", extra, fields=fields))
    for code in [*reserved, *(b.fields["code"] for b in clashes)]:
        attendance.codes.remove(code)
    return reserved, clashes


def _taken_extras(works: dict[str, Work]) -> list[Batch]:
    """Extra columns of the tables the employee frame reads that are named like a column the
    frame takes from elsewhere (:data:`FRAME_SOURCES`: ``grade`` in employees, the position's
    kelas jabatan; ``days_served``, derived from the dates) are not read, one problem each.

    ``column_taken`` stops the payment (:data:`tukin.calc.engine.UNREAD_INPUT`): an employee's
    own ``grade`` would otherwise be paid by the position's without a word. Where the column
    holds, for every row, what the frame takes anyway (an export of employees joined to their
    positions; an empty column), pay cannot differ: ``column_taken_same``, a note.
    """
    batches: list[Batch] = []
    for table in FRAME_TABLES:
        work = works[table]
        for extra in list(work.extras):
            name = frame_name(extra)
            source = FRAME_SOURCES.get(name)
            if source is None or source == (table, name):  # none, or its own column
                continue
            work.extras.remove(extra)
            same = _holds_the_same(works, table, extra, name)
            fields = {"table": table, "name": name, "other": source[0], "source": source[1]}
            code = "column_taken_same" if same else "column_taken"
            batches.append(Batch(table, code, extra, fields=fields))
    return batches


def _holds_the_same(works: dict[str, Work], table: str, extra: str, name: str) -> bool:
    """Whether extra column ``extra`` of ``table`` is blank or, row for row, the value the
    employee frame takes for ``name`` (only the columns of :data:`_COMPARED` are compared:
    those the tables give before a period is chosen)."""
    work = works[table]
    raw = work.raw[extra]
    blank = pd.isna(raw.to_numpy(dtype=object)) | raw.astype(object).map(
        lambda v: isinstance(v, str) and not v.strip()
    ).to_numpy(dtype=bool)
    if blank.all():
        return True
    compared = _COMPARED.get((table, name))
    if compared is None:
        return False
    path, column = compared
    target, at = _follow(works, table, path)
    typed = coerce(table, replace(target.spec.column(column), nullable=True), raw)
    if typed.problems:
        return False
    given = ~blank & (at >= 0)  # a row whose reference is not found is rejected anyway
    if not given.any():
        return True
    mine = typed.values.to_numpy(dtype=object)[given]
    theirs = target.values(column).to_numpy(dtype=object)[at[given]]
    return all(_same(a, b) for a, b in zip(mine, theirs, strict=True))


def _follow(works: dict[str, Work], table: str, path: tuple[str, ...]) -> tuple[Work, IntArray]:
    """The table ``path`` (see :data:`_COMPARED`) leads to from ``table``, and the row of it
    each row of ``table`` reaches (-1: a reference not found on the way)."""
    work = works[table]
    at: IntArray = np.arange(work.n, dtype=np.int64)
    for step in path:
        if step == _OPD:
            rows = _opd_rows(work)
        else:
            ref = work.spec.column(step).ref
            assert ref is not None
            target = works[ref[0]]
            rows = _referenced_rows(work, step, target)
            work = target
        at = np.where(at >= 0, rows[np.maximum(at, 0)] if len(rows) else -1, -1)
    return work, at


def _opd_rows(units: Work) -> IntArray:
    """Each unit's OPD as its row: the root of its unit tree (a unit without a parent is its
    own OPD; a unit on or below a cycle, rejected anyway, none)."""
    if units.parent is None or not units.n:
        return np.arange(units.n, dtype=np.int64)
    return np.asarray(_graph.analyse(units.parent).root, dtype=np.int64)


def _same(one: Any, other: Any) -> bool:
    """Two typed cells are equal (blank only to blank; never pandas' ambiguous NA)."""
    if pd.isna(one) or pd.isna(other):
        return bool(pd.isna(one) and pd.isna(other))
    return bool(one == other)


def _referenced_rows(work: Work, column: str, target: Work) -> IntArray:
    """Each row's row of ``target`` its reference ``column`` names (-1: none)."""
    found = work.refs.get(column)
    if found is not None:
        return np.asarray(found, dtype=np.int64)
    col = work.spec.column(column)
    assert col.ref is not None
    key = target.cells[col.ref[1]].comparable()
    first = ~key.duplicated().to_numpy() & key.notna().to_numpy()
    index = pd.Index(key.to_numpy(dtype=object)[first])
    rows = index.get_indexer(pd.Index(work.cells[column].comparable().to_numpy(dtype=object)))
    if not len(index):  # nothing to find (an empty table)
        return np.full(work.n, -1, dtype=np.int64)
    return np.where(rows >= 0, np.flatnonzero(first)[np.maximum(rows, 0)], -1)


def _with_keys(batches: list[Batch], works: dict[str, Work]) -> list[Batch]:
    """Give every batch the human key of its rows: one key computation per table, not per batch."""
    out = []
    rows_of: dict[str, IntArray] = {}
    for table in works:
        parts = [b.rows for b in batches if b.table == table and b.rows is not None]
        if parts:
            rows_of[table] = np.unique(np.concatenate(parts))
    texts = {t: np.array(works[t].key_text(rows), dtype=object) for t, rows in rows_of.items()}
    for b in batches:
        if b.rows is not None and b.table in rows_of:
            b = replace(b, keys=texts[b.table][np.searchsorted(rows_of[b.table], b.rows)])
        out.append(b)
    return out


# -- phase 1: cells ----------------------------------------------------------------------------


def _cells(spec: Table, frame: pd.DataFrame | None, batches: list[Batch]) -> Work:
    name = spec.name
    given = frame is not None
    if frame is None:
        if spec.required:
            batches.append(Batch(name, "missing_table", None, fields={"table": name}))
        frame = pd.DataFrame()
    raw = _normalise_columns(spec, frame, batches) if len(frame.columns) else frame
    raw = _whole_characters(name, raw, batches)
    work = Work(spec, raw)
    for col in spec.columns:
        if len(raw) == 0:  # nothing to check; skipping saves pandas overhead on empty tables
            work.cells[col.name] = _empty_cell(name, col.name)
        elif col.name not in raw:
            work.cells[col.name] = _filled(col, len(raw))
        else:
            work.cells[col.name] = coerced = coerce(name, col, raw[col.name])
            batches += coerced.problems
    missing = [c.name for c in spec.columns if c.required and c.name not in raw]
    if given and missing:  # an absent table is not missing its columns
        batches += [Batch(name, "missing_column", c, rejects_table=True) for c in missing]
    for column in raw.columns:
        if column in spec.names:
            continue
        if spec.open_int_columns:
            coerced = coerce_count(name, column, raw[column])
            batches += coerced.problems
            work.cells[column] = coerced
            work.codes.append(column)
        else:
            work.extras.append(column)
    return work


def _whole_characters(table: str, frame: pd.DataFrame, batches: list[Batch]) -> pd.DataFrame:
    """Text cut inside a character is no text: the row is rejected (``invalid_text``).

    A program that cuts a name to a length between the two halves of an emoji sends half of
    it, a lone surrogate (JavaScript's ``JSON.stringify`` writes it ``"\\ud83d"``), which
    ``json.loads`` and Python strings carry but UTF-8, Arrow text, the fingerprint and every
    export cannot. Such a cell (or column name) is shown with U+FFFD in its place from here
    on, so nothing after validation meets it; only an object column or pandas' Python-backed
    strings can hold one, and it is looked at cell by cell only when its text does not
    encode as a whole."""
    if any(isinstance(c, str) and HALF_CHARACTER.search(c) for c in frame.columns):
        names = [HALF_CHARACTER.sub("\ufffd", c) if isinstance(c, str) else c for c in frame]
        frame = frame.set_axis(pd.Index(names, dtype=object), axis=1)
    for column in frame.columns:
        values = frame[column]
        python_text = isinstance(values.dtype, pd.StringDtype) and values.dtype.storage == "python"
        if not (values.dtype == object or python_text) or not isinstance(column, str):
            continue
        if python_text:  # pandas' Python-backed strings hold any str, half characters too
            values = values.astype(object)
        try:
            "".join([v for v in values.to_numpy() if isinstance(v, str)]).encode("utf-8")
            continue
        except UnicodeEncodeError:
            pass
        cut = np.array([isinstance(v, str) and bool(HALF_CHARACTER.search(v)) for v in values])
        mended = values.map(lambda v: HALF_CHARACTER.sub("\ufffd", v) if isinstance(v, str) else v)
        batches += batch(table, "invalid_text", column, cut, mended)
        frame = frame.copy(deep=False)
        frame[column] = mended
    return frame


@functools.cache
def _empty_cell(table: str, column: str) -> Coerced:
    """A column of an empty table (shared between validations: never modified)."""
    return _filled(TABLES[table].column(column), 0)


def _filled(col: Column, n: int) -> Coerced:
    """An absent column: its contract default (for an optional column) or nulls."""
    fill = col.default if col.default is not None and not col.required else None
    values = pd.Series([fill] * n, dtype=_working_dtype(col))
    present = np.full(n, fill is not None)
    return Coerced(values, present, ~present, [])


def _working_dtype(col: Column) -> DtypeName:
    return "Int64" if col.type in ("int", "money") else final_dtype(col)


def _normalise_columns(spec: Table, frame: pd.DataFrame, batches: list[Batch]) -> pd.DataFrame:
    """Contract (and attendance code) names are matched ignoring case and outer spaces.

    A name given twice after that is ambiguous: which column holds the truth? The whole table
    is rejected rather than guessing.
    """
    names = []
    for original in frame.columns:
        normal = str(original).strip().lower()
        names.append(normal if normal in spec.names or spec.open_int_columns else str(original))
    if len(set(names)) < len(names):
        index = pd.Index(names)
        for dup in sorted(set(index[index.duplicated()])):
            batches.append(Batch(spec.name, "duplicate_column", dup, rejects_table=True))
        frame = frame.set_axis(names, axis=1).loc[:, ~index.duplicated()]
    elif names != list(frame.columns):
        frame = frame.set_axis(names, axis=1)
    positional = frame.index.equals(pd.RangeIndex(len(frame)))
    return frame if positional else frame.reset_index(drop=True)


# -- result ------------------------------------------------------------------------------------


def _kept(work: Work) -> pd.DataFrame:
    """The kept rows with final dtypes, indexed by their row number in the input."""
    if work.n == 0 and not work.codes and not work.extras:
        return empty_frame(work.spec)
    keep = ~work.rejected
    if len(work.dropped):
        keep &= ~work.dropped  # a row given twice, the same in every column: read once
    index = pd.Index(np.flatnonzero(keep), name="row")

    everything = bool(keep.all())

    def take(series: pd.Series, dtype: DtypeName | None = None) -> Any:
        """The kept cells as an array (no index alignment to pay for), in the final dtype."""
        kept = series.array if everything else series.array[keep]
        if dtype is not None and kept.dtype != dtype:
            kept = kept.astype(dtype)
        return kept

    data = {col.name: take(work.values(col.name), final_dtype(col)) for col in work.spec.columns}
    data.update({code: take(work.values(code), "int64") for code in work.codes})
    data.update({extra: _own(take(work.raw[extra]), everything) for extra in work.extras})
    return pd.DataFrame(data, index=index, copy=False)


def _own(array: Any, shared: bool) -> Any:
    """An extra column's kept cells as the Dataset's own. They are the caller's array itself
    when every row was kept (``shared``): numbers the caller could write into afterwards,
    through pandas too (it does not know the Dataset holds them), behind the fingerprint's
    back. Arrow data cannot be written, so it stays shared."""
    return array.copy() if shared and not hasattr(array, "_pa_array") else array
