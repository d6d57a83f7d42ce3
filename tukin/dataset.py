"""Dataset: the validated input tables for one or more periods, as typed pandas DataFrames.

Everything the engine computes from starts here, so a Dataset is built only through
validation: :meth:`Dataset.from_frames` (DataFrames, e.g. from Excel or CSV readers) or
:meth:`Dataset.from_records` (dicts or :mod:`tukin.model` records). The contract in
:mod:`tukin.contract` decides columns and dtypes; ``docs/data-contract.md`` explains them.

Two modes. ``lenient`` (default) drops every row with a problem, and every row that depends on
a dropped row, and lists them in :attr:`Dataset.rejected` with all their reasons: the
allowance of everyone else can still be paid, and nobody is paid from a doubtful row.
``strict`` raises :class:`~tukin.errors.DatasetValidationError` listing every problem (a
note, :data:`tukin.validation.NOTES`, changes no payment and raises nothing).

>>> ds = Dataset.from_frames(
...     units=pd.DataFrame({"unit_id": ["U1"], "name": ["Dinas Kesehatan"]}),
...     positions=pd.DataFrame({"position_id": ["P1"], "name": ["Kepala Dinas"],
...                             "unit_id": ["U1"], "kind": ["JPT"], "grade": [15]}),
...     employees=pd.DataFrame({"nip": ["198501012010011001", "123"],
...                             "position_id": ["P1", "P1"], "status": ["pns", "pns"]}),
... )
>>> ds["positions"]["kind"].tolist(), len(ds["employees"]), ds.rejected["code"].tolist()
(['jpt'], 1, ['invalid_nip'])
"""

from __future__ import annotations

import json
import os
import threading
import weakref
from collections.abc import Iterable, Mapping
from dataclasses import replace
from functools import cached_property
from types import MappingProxyType
from typing import Any, Literal, cast, get_args, overload

import numpy as np
import numpy.typing as npt
import pandas as pd
from pydantic import BaseModel

from tukin._allocator import release_freed_memory
from tukin._checks import TABLE_WIDE_CODES, Reference, Validated, validate
from tukin._coerce import NipCheck
from tukin._fingerprint import CURRENT, fingerprint, fingerprints, row_order
from tukin._language import resolve as resolve_lang
from tukin._lookup import PARALLEL_ROWS, is_identity, take_rows
from tukin.contract import TABLES
from tukin.errors import (
    PLACE_WORDS,
    ArgumentTypeError,
    DatasetValidationError,
    InputWarning,
    Lang,
    OptionError,
    Problem,
    UnknownNameError,
    split_cell,
)
from tukin.period import Period
from tukin.validation import NOTES, TableCount, Texts, ValidationReport, _root_of

__all__ = ["Dataset", "Mode", "mode_option", "nip_check_option"]

Mode = Literal["lenient", "strict"]
MODES: tuple[Mode, ...] = get_args(Mode)
NIP_CHECKS: tuple[NipCheck, ...] = get_args(NipCheck)


def _option(option: str, value: object, allowed: tuple[str, ...]) -> str:
    """``value`` as one of ``allowed``, read ignoring case and outer spaces as ``lang`` is;
    anything else an :class:`~tukin.errors.OptionError` naming the allowed values (a typo
    must not run lenient where the caller asked for strict)."""
    normal = value.strip().lower() if isinstance(value, str) else None
    if normal in allowed:
        return normal
    listed = ", ".join(f"'{a}'" for a in allowed)
    raise OptionError(code="invalid_option", option=option, allowed=listed, value=value)


def mode_option(value: object) -> Mode:
    """A ``mode`` argument checked: ``"lenient"`` or ``"strict"`` (any case)."""
    return cast(Mode, _option("mode", value, MODES))


def nip_check_option(value: object) -> NipCheck:
    """A ``nip_check`` argument checked: ``"length"`` or ``"strict"`` (any case)."""
    return cast(NipCheck, _option("nip_check", value, NIP_CHECKS))


_REJECTED_COLUMNS = ["table", "row", "key", "column", "code", "message", "location"]


# Datasets whose locks a forked child must replace: a lock held by a thread of the parent
# at the fork (a calculation's fingerprint thread) would never be released in the child
_WITH_LOCKS: weakref.WeakSet[Dataset] = weakref.WeakSet()


def _fresh_locks_after_fork() -> None:
    for dataset in list(_WITH_LOCKS):
        dataset._new_locks()


if hasattr(os, "register_at_fork"):  # POSIX
    os.register_at_fork(after_in_child=_fresh_locks_after_fork)


class Dataset:
    """Validated input tables; build one with :meth:`from_frames` or :meth:`from_records`.

    Each table is a DataFrame with the contract's columns first (in contract order, with the
    contract's dtypes), then any extra columns as given. Its index, named ``row``, is each
    row's 0-based position in the input as given, so a kept row and a rejected row can be
    traced back to the same spreadsheet. Tables are returned as copies: a Dataset never
    changes once built.
    """

    #: table -> where a person finds it ("sheet Kehadiran", "berkas kehadiran.csv"), for the
    #: tables a reader read and the ones it looked for in vain; empty for frames (see _place)
    _places: Mapping[str, str] = MappingProxyType({})
    #: the warnings the reader gave (tukin.io._build.keeps_warnings); none for frames
    _read_warnings: tuple[InputWarning, ...] = ()

    def __init__(
        self, validated: Validated, *, mode: Mode, lang: Lang | None, nip_check: NipCheck
    ) -> None:
        self._tables = validated.tables
        self._report = validated.report
        self._codes = validated.attendance_codes
        self._wide_keys = validated.wide_keys
        self._references = validated.references
        self._rejected_names = validated.rejected_names
        self._rejected_refs = validated.rejected_refs
        self._given = validated.given
        self._fingerprint: str | None = None
        self._table_fingerprints: dict[str, str] = {}  # set with _fingerprint (read-only)
        self._in_key_order: set[str] = set()
        self._freed_rows = 0  # rows of tables freed by their sort, not yet handed back
        self._new_locks()
        self.mode: Mode = mode
        self._lang: Lang | None = None if lang is None else resolve_lang(lang)
        self._report.lang = self._lang  # the report speaks the dataset's language
        self.nip_check: NipCheck = nip_check

    def _new_locks(self) -> None:
        # a calculation may compute the fingerprint on a second thread while it reads tables
        # (tukin.calc.engine): each table is put in key order once, whichever thread asks
        # first, and the other waits for that table only
        self._locks = {name: threading.Lock() for name in self._tables}
        self._fingerprint_lock = threading.Lock()
        _WITH_LOCKS.add(self)

    def __getstate__(self) -> dict[str, Any]:
        # the set of sorted tables first, the tables after: a table is replaced by its
        # sorted copy before its name joins the set, so every name in this snapshot names a
        # sorted table even if another thread is sorting meanwhile
        sorted_names = set(self._in_key_order)
        state = dict(self.__dict__)
        state["_in_key_order"] = sorted_names
        state["_tables"] = dict(self._tables)
        state["_freed_rows"] = 0  # freed in this process, not in the one that unpickles
        for lock in ("_locks", "_fingerprint_lock"):
            state.pop(lock, None)
        return state

    def __sizeof__(self) -> int:
        """Bytes held by the tables and the references, not only the object itself: Dask
        (``dask.sizeof`` falls back to ``sys.getsizeof``) weighs a scattered partition by it
        when it decides to spill or move work, and a Dataset of a million employees is
        hundreds of MB, not the 56 bytes of its ``__dict__``'s owner."""
        tables = sum(
            int(frame.memory_usage(index=True, deep=False).sum()) for frame in self._tables.values()
        )
        return (
            object.__sizeof__(self) + tables + sum(r.rows.nbytes for r in self._references.values())
        )

    def __setstate__(self, state: dict[str, Any]) -> None:
        state.setdefault("_references", {})  # pickled before validation kept references
        state.setdefault("_rejected_names", {})
        state.setdefault("_rejected_refs", {})
        state.setdefault("_given", frozenset(state.get("_tables", ())))
        state.setdefault("_freed_rows", 0)
        if "_table_fingerprints" not in state:  # pickled when the digest was version 1's
            state["_fingerprint"], state["_table_fingerprints"] = None, {}
        self.__dict__.update(state)
        self._new_locks()

    @property
    def lang(self) -> Lang:
        """The language of this dataset's messages (rejection reasons, warnings while
        calculating): the one it was built with, else :func:`tukin.get_language` now."""
        return resolve_lang(self._lang)

    # -- construction ------------------------------------------------------------------------

    # Two signatures for type checkers: ``from_frames(**tables)`` with a dict of frames (what
    # tukin.demo.generate returns) matches the first, whose only keywords are tables; with a
    # mode, language or NIP check, the second. One signature would have a type checker read
    # every key of the dict as possibly ``mode`` or ``lang`` and refuse the call.
    @overload
    @classmethod
    def from_frames(
        cls, frames: Mapping[str, pd.DataFrame] | None = None, /, **named: pd.DataFrame
    ) -> Dataset: ...

    @overload
    @classmethod
    def from_frames(
        cls,
        frames: Mapping[str, pd.DataFrame] | None = None,
        /,
        *,
        mode: Mode = "lenient",
        lang: Lang | None = None,
        nip_check: NipCheck = "length",
        **named: pd.DataFrame,
    ) -> Dataset: ...

    # a frame passed as ``mode=`` (the first signature allows it) is refused as no mode
    @classmethod  # type: ignore[misc]
    def from_frames(
        cls,
        frames: Mapping[str, pd.DataFrame] | None = None,
        /,
        *,
        mode: Mode = "lenient",
        lang: Lang | None = None,
        nip_check: NipCheck = "length",
        **named: pd.DataFrame,
    ) -> Dataset:
        """Validate DataFrames named by table: ``from_frames(units=..., employees=...)``,
        ``from_frames(**tables)``, or a mapping of them, ``from_frames(tables, mode="strict")``
        (the form that type-checks with options and a ``dict``).

        Unknown table names are problems (``unknown_table``; all their rows are rejected),
        never silently ignored: a typo would otherwise drop a whole sheet. Column names are
        judged as :meth:`from_records` judges keys, by name (a column's cells are looked at
        only when its name is a near miss or given twice): a column naming a missing contract
        column another way (``endDate``, ``End Date``) or resembling one (``end_dat``) is the
        problem ``unknown_header`` and :func:`tukin.calculate` refuses the Dataset
        (``input_not_read``) until it is renamed, as two columns naming one (``Status`` and
        ``status``) with different values are (``duplicate_header``); any other column is an
        extra column, kept with its dtype. ``nip_check="strict"`` also checks the PNS pattern
        of employees' NIPs (status pns or cpns). Raises
        :class:`~tukin.errors.DatasetValidationError` in ``strict`` mode if anything is wrong.
        ``lang`` (``None``: :func:`tukin.get_language`) is the language of its messages.
        """
        from tukin.io._columns import settle_frame
        from tukin.io._records import records_source

        tables = {str(name): frame for name, frame in {**(frames or {}), **named}.items()}
        mode, nip_check = mode_option(mode), nip_check_option(nip_check)
        if lang is not None:
            resolve_lang(lang)  # refused before any row is read, as a mode typo is
        for name, frame in tables.items():
            if not isinstance(frame, pd.DataFrame):
                raise ArgumentTypeError(
                    code="not_a_dataframe", table=name, value=type(frame).__name__
                )
        source = records_source(resolve_lang(lang))  # located as records are: by table
        problems = []
        for name, frame in list(tables.items()):
            if name in TABLES and len(frame.columns):
                tables[name], found = settle_frame(name, frame, source)
                problems += found
        return cls._validated(tables, mode=mode, lang=lang, nip_check=nip_check, first=problems)

    @classmethod
    def _validated(
        cls,
        tables: Mapping[str, pd.DataFrame],
        *,
        mode: Mode,
        lang: Lang | None,
        nip_check: NipCheck,
        first: list[Problem] | None = None,
    ) -> Dataset:
        """Validate frames whose columns are settled already (:meth:`from_frames` settles
        them; a reader has, :mod:`tukin.io._build`); ``first``: the problems settling found."""
        validated = validate(tables, nip_check=nip_check, first=first or ())
        dataset = cls(validated, mode=mode, lang=lang, nip_check=nip_check)
        if mode == "strict" and not dataset.report.ok:
            raise DatasetValidationError(dataset.report, lang=dataset.lang)
        return dataset

    @classmethod
    def from_records(
        cls,
        records: Mapping[str, Iterable[Mapping[str, Any] | BaseModel]] | None = None,
        /,
        *,
        mode: Mode = "lenient",
        lang: Lang | None = None,
        nip_check: NipCheck = "length",
        **named: Iterable[Mapping[str, Any] | BaseModel],
    ) -> Dataset:
        """Validate rows given as dicts or :mod:`tukin.model` records: machine input, read
        exactly as :func:`tukin.io.read_json` reads the same document (:mod:`tukin.io._records`).

        ``records`` is the parsed document (``json.loads(body)``), with one array of rows per
        table, optionally wrapped as ``{"tables": {...}}``. Keys are contract names (a key
        naming a missing column otherwise, ``endDate``, is the problem ``unknown_header``, and
        :func:`tukin.calculate` refuses the Dataset until it is renamed); numbers are machine
        notation (``"12.500"`` is 12.5) and dates ISO. A table that is no array or a row that
        is no object is a problem in the report; a ``records`` that is no mapping raises
        :class:`~tukin.errors.DataError` (``not_tables``). Records are then validated as
        frames are, so a record and a spreadsheet row can never be judged differently.
        """
        from tukin.io._records import read_tables, records_source

        mode, nip_check = mode_option(mode), nip_check_option(nip_check)
        source = records_source(resolve_lang(lang))
        doc: Any = records if records is not None and not named else {**(records or {}), **named}
        return read_tables(doc, source, mode=mode, lang=lang, nip_check=nip_check)

    def _part(
        self,
        tables: dict[str, pd.DataFrame],
        references: dict[tuple[str, str], Reference],
        keyed: Iterable[str] = (),
    ) -> Dataset:
        """A Dataset of some of this one's kept rows (an OPD partition, see
        :mod:`tukin.distributed`), not validated again: rows that passed every check here pass
        them again, and the caller has checked that every reference stays inside ``tables``
        (``references`` says where each points, as validation would have found). Each table's
        index numbers its rows from 0: the partition is the input its calculation sees.
        ``keyed`` names the tables whose rows are in key order (taken in order from a table
        in key order)."""
        counts = {name: TableCount(len(frame), len(frame), 0) for name, frame in tables.items()}
        validated = Validated(
            dict(tables),
            ValidationReport._from_batches([], counts),
            self._codes,
            {},
            dict(references),
            given=self._given,
        )
        part = Dataset(validated, mode=self.mode, lang=self._lang, nip_check=self.nip_check)
        part._in_key_order = {name for name in keyed if name in tables}
        # the rejected rows of the monitoring tables: a partition's scores must not read past
        # them either (tukin.monitoring.rejected)
        from tukin.monitoring.rejected import rejected_rows

        part.__dict__["_monitoring_rejects"] = rejected_rows(self)
        part._places = self._places  # a partition's messages name the sheets its driver read
        return part

    # -- tables ------------------------------------------------------------------------------

    def table(self, name: str) -> pd.DataFrame:
        """The kept rows of table ``name`` in key order, indexed by their row number in the
        input (an empty frame with the contract columns if absent)."""
        if name not in self._tables:
            raise UnknownNameError(code="no_such_table", value=name, choices=", ".join(TABLES))
        return self._keyed(name).copy(deep=False)

    def _keyed(self, name: str) -> pd.DataFrame:
        """Table ``name`` in key order (employees by NIP, attendance by NIP then period, ...),
        sorted the first time it is asked for and kept that way; the index still holds each
        row's number in the input.

        Every consumer wants that order: the fingerprint hashes rows in it, and a calculation
        pays employees in NIP order. Sorting once here, instead of in each of them, saves a
        take of every column of a million employees per calculation, and makes every view of
        the table the same whatever the order of the input file.
        """
        if name in self._in_key_order:
            return self._tables[name]
        with self._locks[name]:
            frame = self._tables[name]
            if name not in self._in_key_order:
                key = [k for k in TABLES[name].key if k in frame.columns] if name in TABLES else []
                order = row_order(frame, key)
                if order is not None and not is_identity(order):
                    frame = take_rows(frame, order, few=_enums.get(name, ()))
                    self._tables[name] = frame
                    # the table as read is freed: see _release_freed_tables
                    self._freed_rows += len(frame)
                self._in_key_order.add(name)
            return frame

    def _release_freed_tables(self) -> None:
        """Hand the heap the tables as read were freed from back to the kernel, once the
        Dataset has sorted a large table (:meth:`_keyed`).

        A first calculation sorts the tables, freeing each as read: at a million employees
        some 300 MB of glibc's heap that the calculation reuses only in part, and counts in
        the process's memory at its peak (its Result's columns). The calculation calls this
        just before that peak; a later one on the same Dataset frees nothing new and keeps
        its heap for reuse (tukin._allocator.release_freed_memory)."""
        if self._freed_rows >= PARALLEL_ROWS:
            self._freed_rows = 0
            release_freed_memory()

    def _any_order(self, name: str) -> pd.DataFrame:
        """Table ``name`` as held now: in input order, or in key order once sorted (for
        readers whose answer does not depend on row order; they need not wait for a sort
        another thread may be doing). Read-only, like every table of a Dataset."""
        return self._tables[name]

    def _reference_rows(
        self, name: str, column: str, rows: pd.DataFrame, target: pd.DataFrame
    ) -> npt.NDArray[np.int64] | None:
        """For each row of ``rows`` (rows of table ``name`` as this Dataset hands them out,
        any order or subset), the position in ``target`` (rows of the table ``column``
        refers to, likewise) of the row it refers to; -1 for none. None when validation did
        not record where the references point (text not stored in Arrow): look them up.

        Validation found every reference's row when it checked that the reference exists;
        two gathers here spare a calculation hashing the ids again. Both frames' index must
        be the Dataset's (each row's number in the input).
        """
        ref = self._references.get((name, column))
        if ref is None:
            return None
        where = np.full(ref.size + 1, -1, dtype=np.int64)  # input row -> position; [-1]: none
        where[target.index.to_numpy(dtype=np.int64)] = np.arange(len(target), dtype=np.int64)
        return where[ref.rows[rows.index.to_numpy(dtype=np.int64)]]

    def kept_rows(self, name: str) -> int:
        """How many rows of table ``name`` were kept (0 if absent), without sorting it."""
        frame = self._tables.get(name)
        return 0 if frame is None else len(frame)

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.table(name)

    def __contains__(self, name: object) -> bool:
        return name in self._tables and len(self._tables[str(name)]) > 0

    @property
    def tables(self) -> Mapping[str, pd.DataFrame]:
        """Every contract table by name, in contract order (absent ones empty)."""
        return MappingProxyType({name: self.table(name) for name in self._tables})

    @property
    def attendance_codes(self) -> tuple[str, ...]:
        """The attendance code columns found (lower case), in the order given."""
        return self._codes

    def periods(self) -> list[Period]:
        """The periods that rows are reported for (``period`` columns), in time order.

        A sanction's ``start_period`` is not included: a sanction from March still applies in
        October, so it says nothing about which periods the data covers.
        """
        found: set[str] = set()
        for frame in self._tables.values():
            if "period" in frame.columns:
                found.update(frame["period"].dropna().unique().tolist())
        return sorted(Period.parse(p) for p in found)

    # -- problems ----------------------------------------------------------------------------

    @property
    def warnings(self) -> tuple[InputWarning, ...]:
        """The warnings given while this Dataset was read from a file (a hidden row or
        sheet, extra columns, a file that was not UTF-8, a header on a later row...), also
        issued with :func:`warnings.warn`. Kept here so a service reading uploads on threads
        can tell whose they are; empty for a Dataset built from frames or records."""
        return self._read_warnings

    @property
    def report(self) -> ValidationReport:
        """Every problem found, one :class:`~tukin.errors.Problem` each."""
        return self._report

    @property
    def rejected(self) -> pd.DataFrame:
        """One row per rejected input row with all its reasons, joined with ``"; "``.

        Columns: table, row (0-based, as given), key, column, code, message (in the Dataset's
        language), location (the row as a person finds it: "sheet Pegawai, baris 7" from a
        workbook, "tabel employees, baris 6" from frames). A table-wide problem (missing
        column, unknown table) lists every row of its table. Built on first use; each call
        returns a copy.
        """
        return self._rejected.copy()

    @cached_property
    def _rejected(self) -> pd.DataFrame:
        return self._rejected_in(self.lang)

    def _rejected_in(self, lang: Lang, tables: frozenset[str] | None = None) -> pd.DataFrame:
        """:attr:`rejected` with its messages and locations in ``lang``, of ``tables`` only
        (None: every table): a Result lists its employees' reasons in the language an output
        asks for, whatever the Dataset's (review 78)."""
        # Built column by column from flat lists of strings: a table refused as a whole
        # rejects every row that refers to it (165,000 at 5,000 employees), and a container
        # kept per row (a record, a list of reasons) made the garbage collector walk every
        # problem again and again. Each consequence's message is rendered once per distinct
        # text (Texts), and a row's place is not built as a whole place only to cut its
        # column off (_RowPlaces).
        texts = Texts(lang)
        places = _RowPlaces(lang)
        # every reason, in the report's order: its column, code, message and row's key
        names: list[str] = []
        codes: list[str] = []
        messages: list[str] = []
        keys: list[Any] = []
        firsts: dict[str, dict[int, int]] = {}  # table -> input row -> its first reason
        further: dict[int, list[int]] = {}  # a row's first reason -> its other ones
        wide: dict[str, list[int]] = {}  # table -> its table-wide reasons
        # table -> input row -> the row as its reader names it (sheet, row), said by the first
        # problem that concerns it
        where: dict[str, dict[int, str]] = {}
        for p in self._report.problems:
            table, row = p.table, p.row
            if p.code in NOTES:  # a row read once (duplicate_row_same) is not rejected
                continue
            if tables is not None and table not in tables:
                continue
            if row is None:
                if p.code not in TABLE_WIDE_CODES:
                    continue
                wide.setdefault(table, []).append(len(names))
                place = places.of(p)
                placed = where.setdefault(table, {})
                for every in range(len(self._wide_keys.get(table, []))):
                    placed.setdefault(every, place)
            else:
                rows = firsts.get(table)
                if rows is None:
                    rows = firsts[table] = {}
                first = rows.get(row)
                if first is None:
                    rows[row] = len(names)
                    placed = where.setdefault(table, {})
                    if row not in placed:
                        placed[row] = places.of(p)
                else:
                    further.setdefault(first, []).append(len(names))
            names.append(p.column or "")
            codes.append(p.code)
            messages.append(texts.message(p))
            keys.append(p.key)
        order = {name: i for i, name in enumerate(TABLES)}
        columns: dict[str, list[Any]] = {name: [] for name in _REJECTED_COLUMNS}
        out_table, out_row, out_key, out_name, out_code, out_message, out_place = columns.values()
        for table in sorted({*firsts, *wide}, key=lambda name: (order.get(name, len(order)), name)):
            own = firsts.get(table, {})
            table_wide = wide.get(table, [])
            wide_keys = self._wide_keys.get(table, []) if table_wide else []
            rows_of = sorted({*own, *range(len(wide_keys))}) if wide_keys else sorted(own)
            placed = where.get(table, {})
            out_table.extend([table] * len(rows_of))
            out_row.extend(rows_of)
            for row in rows_of:
                first = own.get(row)
                if first is None:
                    out_key.append(wide_keys[row])
                    reasons = table_wide
                else:
                    out_key.append(keys[first])
                    reasons = [first, *further.get(first, ())]
                    if 0 <= row < len(wide_keys):  # a table-wide reason is its rows' first
                        reasons[:0] = table_wide
                if len(reasons) == 1:
                    out_name.append(names[reasons[0]])
                    out_code.append(codes[reasons[0]])
                    out_message.append(messages[reasons[0]])
                else:
                    out_name.append("; ".join([names[i] for i in reasons]))
                    out_code.append("; ".join([codes[i] for i in reasons]))
                    out_message.append("; ".join([messages[i] for i in reasons]))
                out_place.append(placed.get(row))
        if not out_row:
            frame = pd.DataFrame.from_records([], columns=_REJECTED_COLUMNS)
        else:
            frame = pd.DataFrame(columns, columns=_REJECTED_COLUMNS)
        return frame.astype({"row": "int64"})

    def _problem_rows(self, p: Problem) -> Iterable[tuple[int, Any]]:
        """The rows of ``p.table`` that problem ``p`` rejects, each with its key: its own row,
        every row of the table for a table-wide problem (:data:`TABLE_WIDE_CODES`: a missing
        column), else none."""
        if p.row is not None:
            return ((p.row, p.key),)
        if p.code in TABLE_WIDE_CODES:
            return enumerate(self._wide_keys.get(p.table, []))
        return ()

    def _rejected_causes(self, table: str) -> dict[int, Problem]:
        """Input row -> the root cause of each row of ``table`` rejected as a consequence
        (``rejected_upstream``): the rejected row, or the table refused as a whole, it
        depends on (its first, when it depends on several)."""
        out: dict[int, Problem] = {}
        for p in self._report.problems:
            if p.table == table and p.row is not None:
                root = _root_of(p)
                if root is not None:
                    out.setdefault(p.row, root)
        return out

    def _rejected_fields(self, table: str) -> dict[int, str]:
        """Input row -> the ``fields`` of each rejected row of ``table`` in a Result's list,
        as compact JSON text: ``{"problems": [...]}``, each reason as a program names it
        (:meth:`~tukin.errors.Problem.ref`: code, table, column, value, key, fields), in the
        order :attr:`rejected` joins them. No input row numbers (as :meth:`_rejected_where`):
        the same rows in another order are the same input, whose files must not change.
        The same in every language.

        Text, not a dict per row: the Result keeps it, and 100,000 rows of dicts and lists
        would be walked by the garbage collector at every full collection for as long as
        the Result lives (text is not); read back when a document is written."""
        rows: dict[int, list[dict[str, Any]]] = {}
        wide: list[dict[str, Any]] = []
        causes: dict[int, tuple[Problem, dict[str, Any]]] = {}  # a cause's ref, made once
        for p in self._report.problems:
            if p.table != table or p.code in NOTES:
                continue
            if p.row is None and p.code not in TABLE_WIDE_CODES:
                continue
            cause = getattr(p, "cause", None)
            if cause is not None:
                kept = causes.get(id(cause))
                if kept is None or kept[0] is not cause:
                    kept = causes[id(cause)] = (cause, cause.ref(rows=False))
                params = Problem.params(p, rows=False)  # its own, the cause's made once
                detail = getattr(p, "detail_code", None)
                if detail is not None:
                    params["detail_code"] = detail
                params["cause"] = kept[1]
                ref = p.ref(rows=False, params=params)
            else:
                ref = p.ref(rows=False)
            if p.row is not None:
                rows.setdefault(p.row, []).append(ref)
            else:
                wide.append(ref)
        every = range(len(self._wide_keys.get(table, []))) if wide else ()
        dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode  # C
        return {row: dumps({"problems": [*wide, *rows.get(row, [])]}) for row in {*rows, *every}}

    def _rejected_where(self, table: str, lang: Lang | None = None) -> dict[int, str]:
        """Input row -> where a person finds the reasons of each rejected row of ``table``,
        one place per reason in the order :attr:`rejected` joins them (repeats left out), for
        the payment's list of who is not paid.

        A reader's location ("sheet Pegawai, baris 7, kolom C (ID Jabatan)") is taken as it
        is. From frames, the table and column without the row: a frame's row position is no
        part of the data (the same rows in another order are the same input, whose payment
        files must be the same bytes), and :attr:`rejected` keeps it anyway. In ``lang``
        (None: the Dataset's).
        """
        lang = self.lang if lang is None else lang
        rows: dict[int, list[str]] = {}
        wide: list[str] = []
        for p in self._report.problems:
            if p.table != table:
                continue
            where = p.location or replace(p, row=None).where(lang)
            if p.row is not None:
                rows.setdefault(p.row, []).append(where)
            elif p.code in TABLE_WIDE_CODES:
                wide.append(where)
        every = range(len(self._wide_keys.get(table, []))) if wide else ()
        return {row: _places_joined([*wide, *rows.get(row, [])]) for row in {*rows, *every}}

    def _place(self, table: str, lang: Lang | None = None) -> str:
        """Where a person looks for ``table``: the sheet or file a reader read it from, or
        would have ("sheet Kehadiran" when there is none), else ``tabel attendance``."""
        found = self._places.get(table)
        if found:
            return found
        word = "tabel" if resolve_lang(lang or self._lang) == "id" else "table"
        return f"{word} {table}"

    def _was_given(self, table: str) -> bool:
        """Whether ``table`` was given at all (a frame, a sheet, a file), even without rows."""
        return table in self._given

    def summary(self) -> pd.DataFrame:
        """Rows given, kept and rejected, and problems, per table (indexed by table)."""
        problems = self._report.by_table()
        records = [
            {
                "table": name,
                "given": count.given,
                "kept": count.kept,
                "rejected": count.rejected,
                "problems": int(problems.get(name, 0)),
            }
            for name, count in self._report.counts.items()
        ]
        order = {name: i for i, name in enumerate(TABLES)}
        records.sort(key=lambda r: order.get(str(r["table"]), len(order)))
        return pd.DataFrame.from_records(records).set_index("table")

    # -- identity ----------------------------------------------------------------------------

    @property
    def has_fingerprint(self) -> bool:
        """Whether :meth:`fingerprint` has been computed already (it is kept)."""
        return self._fingerprint is not None

    def fingerprint(self, version: int = CURRENT) -> str:
        """SHA-256 of the kept tables, independent of row order and column order.

        Payment receipts store it: re-validating the same input later must give the same
        fingerprint. Rows are sorted by the table's key and columns by name; the contract's
        columns are encoded by type, extra columns by value, whatever type a reader gave
        them (see :mod:`tukin._fingerprint`); absent and empty tables hash alike, rejected
        rows are not part of it (they were not used). ``version``: the encoding, for a
        receipt made under an older one (``Receipt.fingerprint_version``); the current one
        is computed once and kept.
        """
        if version != CURRENT:
            return fingerprint(
                self._key_ordered(), self._keys(), in_key_order=True, version=version
            )
        if self._fingerprint is None:
            with self._fingerprint_lock:
                if self._fingerprint is None:
                    # the attendance codes' columns are counts, typed by validation
                    typed = {
                        name: set(map(str, frame.columns))
                        if TABLES[name].open_int_columns
                        else set(TABLES[name].names)
                        for name, frame in self._tables.items()
                        if self._hashed(name)
                    }
                    whole, per = fingerprints(
                        self._key_ordered(), self._keys(), in_key_order=True, typed=typed
                    )
                    self._table_fingerprints = per
                    self._fingerprint = whole
        return self._fingerprint

    def table_fingerprints(self) -> dict[str, str]:
        """Each table's own SHA-256 in the current encoding (the :meth:`fingerprint` is the
        digest of these): a receipt keeps them, so a re-check names the tables that changed
        (November's attendance added, an employee's row edited) instead of only "the input
        differs"."""
        self.fingerprint()
        return dict(self._table_fingerprints)

    def _keys(self) -> dict[str, tuple[str, ...]]:
        return {name: TABLES[name].key for name in self._tables if self._hashed(name)}

    def _key_ordered(self) -> dict[str, pd.DataFrame]:
        """Every table in key order, taken in the order a calculation meanwhile wants last
        (see :data:`_MEANWHILE_ORDER`), as the fingerprint hashes it: without a column added
        to the contract later that holds only its default (``Column.unhashed_default``:
        ``indicators.aggregation`` all ``level``), so an input from before it hashes as it
        did and its receipts still re-check."""
        order = sorted(self._tables, key=_meanwhile_rank)
        keyed = {name: self._keyed(name) for name in order}  # each in key order from now on
        return {
            name: _without_quiet_defaults(name, frame)
            for name, frame in keyed.items()
            if self._hashed(name)
        }

    def _hashed(self, name: str) -> bool:
        """Whether table ``name`` is part of the fingerprint: a table added to the contract
        after the fingerprint's encoding is left out while it has no row (see
        ``Table.hashed_when_empty``), so an old receipt's input still hashes as it did."""
        spec = TABLES.get(name)
        return spec is None or spec.hashed_when_empty or len(self._tables[name]) > 0

    def __repr__(self) -> str:
        parts = []
        for name, count in self._report.counts.items():
            if count.given == 0 and name in TABLES:
                continue
            part = f"{name} {count.kept:,}"
            if count.rejected:
                part += f" ({count.rejected:,} rejected)"
            parts.append(part)
        problems = len(self._report)
        tail = f"; {problems:,} problem(s)" if problems else ""
        return f"<Dataset {self.mode}: {', '.join(parts) or 'no rows'}{tail}>"

    def _repr_html_(self) -> str:
        return f"<p>{_escape(repr(self))}</p>" + self.summary().to_html()


#: The order the fingerprint puts tables in key order (the digest does not depend on it): a
#: calculation computes the fingerprint on a second thread meanwhile (tukin.calc.engine) and
#: its own thread asks for the employees first, then their attendance, then appraisals. Taking
#: them last-needed first, the fingerprint's thread sorts the tables the calculation will want
#: later while the calculation sorts the one it wants now, instead of one waiting on the other.
_MEANWHILE_ORDER = ("appraisals", "attendance")
_LAST = ("positions", "employees")


#: Per table, its enum columns (statuses, ratings, kinds): few distinct values, which
#: :func:`take_rows` moves through a dictionary when it puts the table in key order.
_enums: dict[str, frozenset[str]] = {
    name: frozenset(c.name for c in spec.columns if c.type == "enum")
    for name, spec in TABLES.items()
}


class _RowPlaces:
    """The row a problem is on, as :attr:`Dataset.rejected` names it: its place without the
    column, ``_row_only(p.where(lang))`` ("tabel employees, baris 6", a reader's "sheet
    Pegawai, baris 7"), without building the whole place per row when it is made of the
    table, row and column."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        self.words = PLACE_WORDS[lang]  # Problem.where's, the place up to its row
        # (table, column) -> "tabel <table>", the place up to its row; "" when the table or
        # column holds a column word that would cut the place elsewhere (not a contract name)
        self._heads: dict[tuple[Any, Any], str] = {}

    def of(self, p: Problem) -> str:
        if p.location:
            return _row_only(p.location)
        head = self._heads.get((p.table, p.column))
        if head is None:
            plain = not any(
                word in str(part)
                for part in (p.table, p.column or "")
                for word in (", kolom ", ", column ")
            )
            head = self._heads[(p.table, p.column)] = f"{self.words[0]} {p.table}" if plain else ""
        if not head:
            return _row_only(p.where(self.lang))
        return head if p.row is None else f"{head}, {self.words[1]} {p.row}"


def _row_only(where: str) -> str:
    """A problem's location without its column ("sheet Pegawai, baris 7"): a rejected row
    may have problems in several columns, all named in its ``column``."""
    return split_cell(where)[0]


def _places_joined(places: list[str]) -> str:
    """``sheet Pegawai, baris 7, kolom C (ID Jabatan); kolom D (Status)``: the row named once."""
    out: list[str] = []
    for place in dict.fromkeys(places):
        head = _row_only(out[0]) + ", " if out else ""
        out.append(place[len(head) :] if head and place.startswith(head) else place)
    return "; ".join(out)


def _meanwhile_rank(name: str) -> tuple[int, str]:
    if name in _MEANWHILE_ORDER:
        return (0, str(_MEANWHILE_ORDER.index(name)))
    return (2, str(_LAST.index(name))) if name in _LAST else (1, name)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _without_quiet_defaults(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` without its ``unhashed_default`` columns that hold only their default."""
    spec = TABLES.get(name)
    if spec is None:
        return frame
    quiet = [
        c.name
        for c in spec.columns
        if c.unhashed_default
        and c.name in frame.columns
        and bool((frame[c.name] == c.default).all())  # Arrow's compare: no objects
    ]
    return frame.drop(columns=quiet) if quiet else frame
