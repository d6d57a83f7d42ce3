"""The validation report, and the problem types behind it.

:func:`tukin._checks.validate` finds defects column by column and table by table, vectorised;
it records them as compact batches (one per code and column) so that a million clean rows cost
nothing and a million bad ones cost one array each. This module turns those batches into
:class:`~tukin.errors.Problem` objects only when someone reads them, and presents them: as a
list, a DataFrame, counts per code, a readable text in English or Indonesian.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from tukin._coerce import Batch, python_scalar
from tukin._language import resolve as resolve_lang
from tukin._wording import clerk_words, sheet_of
from tukin.contract import TABLES
from tukin.errors import Lang, Problem, _raised_in, render

__all__ = ["DetailedProblem", "TableCount", "Texts", "ValidationReport"]


@dataclass(frozen=True)
class DetailedProblem(Problem):
    """A problem whose ``detail`` is itself a message, rendered in the reader's language.

    ``detail_code`` names the MESSAGES entry of the detail (e.g. which part of a NIP is wrong).
    ``cause`` is the original problem behind a cascade (``rejected_upstream``): the detail
    names the reference followed and where the root cause lies, so an officer can go straight
    to the row to correct.
    """

    detail_code: str | None = None
    cause: Problem | None = None

    def message(self, lang: Lang | None = None) -> str:
        return self._said(_raised_in(lang), None)

    def params(self, *, rows: bool = True) -> dict[str, Any]:
        """The problem's own parameters, the ``detail_code`` its detail's words come from,
        and for a consequence (``rejected_upstream``) its root ``cause`` as a program names
        it (:meth:`~tukin.errors.Problem.ref`)."""
        out = super().params(rows=rows)
        if self.detail_code is not None:
            out["detail_code"] = self.detail_code
        if self.cause is not None:
            out["cause"] = self.cause.ref(rows=rows)
        return out

    def _said(self, lang: Lang, texts: Texts | None) -> str:
        """The message; ``texts``: the root causes' words rendered already (see :class:`Texts`)."""
        if self.detail_code is None:
            return self._message(lang, self.fields)
        column, extra = clerk_words(self.table, self.code, self.column, self.fields, lang)
        if self.cause is not None:
            extra["where"], extra["cause"] = (
                (self.cause.where(lang), self.cause.message(lang))
                if texts is None
                else texts.cause(self.cause)
            )
        detail = render(self.detail_code, lang, value=self.value, column=column, **extra)
        return self._message(lang, {**self.fields, "detail": detail})


class Texts:
    """The messages and places of many problems in one language, each root cause's own words
    (its place and message) rendered once, not once per consequence: a table refused as a
    whole is the cause of every row that refers to it, 600,000 of them in a regency of 20,000
    employees, each of whose messages quotes it. A consequence's message is rendered once per
    value referred to (a position's id, its employee's attendance rows each month, a NIP):
    it depends on nothing else that differs between them (not the row, nor the key).
    ``message(p)`` is ``p.message(lang)``."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang
        # id of a cause -> (the cause, kept so that the id stays its own; where; message)
        self._causes: dict[int, tuple[Problem, str, str]] = {}
        self._said: dict[tuple[Any, ...], str] = {}

    def cause(self, p: Problem) -> tuple[str, str]:
        """(where, message) of a root cause."""
        found = self._causes.get(id(p))
        if found is None or found[0] is not p:
            found = self._causes[id(p)] = (p, p.where(self.lang), p.message(self.lang))
        return found[1], found[2]

    def message(self, p: Problem) -> str:
        if not isinstance(p, DetailedProblem):
            return p.message(self.lang)
        cause = p.cause
        if cause is None:
            return p._said(self.lang, self)
        kept = self._causes.get(id(cause))
        if kept is None or kept[0] is not cause:
            self.cause(cause)  # kept from here on: its id names it in the key
        value = p.value  # _same_text, inline: this runs once per rejected row
        if value is not None and type(value) not in _PLAIN:
            value = (type(value), repr(value))
        key = (p.table, p.code, p.column, p.detail_code, id(cause), value)
        if p.fields:
            key += tuple((k, _same_text(v)) for k, v in p.fields.items())
        said = self._said.get(key)
        if said is None:
            said = self._said[key] = p._said(self.lang, self)
        return said

    def cause_where(self, p: Problem) -> str | None:
        """Where the root cause of ``p`` is (a consequence's), None for a problem of its own."""
        root = _root_of(p)
        return None if root is None else self.cause(root)[0]


@dataclass(frozen=True)
class TableCount:
    """Rows of one input table: given, kept, rejected. ``given == kept + rejected`` always.
    A row given twice, the same in every column, is kept once: the copy counts as kept (the
    note ``duplicate_row_same`` names it), and the table holds the row it repeats."""

    given: int
    kept: int
    rejected: int


#: Codes of the report that describe the input without changing any payment: an extra
#: column named like one the employee frame takes from elsewhere that holds, row for row, what
#: the frame takes anyway (an export of employees joined to their positions); an attendance or
#: appraisal row given twice, the same in every column, read once; an acting row whose kind
#: does not fit the post on its first day (a Plt of a held post, a Plh of a vacant one); an acting
#: row running outside its official's service (kept; pay and monitoring count the days in
#: service, as they would without the note); an acting row running into its official's
#: appointment to the post acted in (kept, cut to the day before it); an acting row starting a few days after the
#: same official's acting of the same post ended (two assignments, each with its terms); an
#: earlier position ending days before the next starts (those days are in no position); a flow's recap row that disagrees with the rows
#: inside its period (the recap counts); a flow's row meeting a longer one without either
#: holding the other (the longer counts); cells left blank in a column that reads a blank as
#: its default (``indicators.aggregation``: level, as an absent column). They are listed with the problems but leave
#: :attr:`ValidationReport.ok` true, so a strict read accepts them.
NOTES = frozenset(
    {
        "column_taken_same",
        "duplicate_row_same",
        "flow_recap_differs",
        "flow_periods_overlap",
        "plt_post_held",
        "plh_post_vacant",
        "acting_outside_service",
        "acting_open_past_service",
        "acting_cut_at_appointment",
        "acting_from_appointment",
        "acting_gap",
        "history_gap",
        "blank_default",
    }
)


class ValidationReport:
    """Every problem found in the input, in reading order: table by table (contract order),
    table-wide problems first, then row by row.

    ``len(report)`` is the number of problems and ``report.ok`` says there are none but
    notes (:data:`NOTES`, which change no payment). The
    problems of rows rejected because a row they refer to was rejected come last, with code
    ``rejected_upstream`` and the root cause in their message: they are consequences, so the
    first lines of a long report are the things to correct. ``counts`` gives rows given, kept
    and rejected per table.
    """

    def __init__(
        self,
        problems: Iterable[Problem] = (),
        *,
        counts: Mapping[str, TableCount] | None = None,
        lang: Lang | None = None,
    ) -> None:
        self._given: list[Problem] | None = list(problems)
        #: the language its messages default to: its Dataset's (:attr:`tukin.Dataset.lang`,
        #: the one it was built or read with, in which a reader wrote the locations); None:
        #: :func:`tukin.get_language` at the time of the call
        self.lang: Lang | None = lang
        self._batches: list[Batch] = []
        self._first: list[Problem] = []
        self.counts: dict[str, TableCount] = dict(counts or {})

    @classmethod
    def _from_batches(
        cls,
        batches: list[Batch],
        counts: Mapping[str, TableCount],
        first: Iterable[Problem] = (),
    ) -> ValidationReport:
        """A report that builds its Problem objects only when they are read; ``first``: the
        problems found before validation (a frame's column given twice), listed first."""
        report = cls(counts=counts)
        report._given = None
        report._batches = batches
        report._first = list(first)
        return report

    @cached_property
    def problems(self) -> list[Problem]:
        """All problems as :class:`~tukin.errors.Problem` objects (built on first access)."""
        if self._given is not None:
            return self._given
        return [*self._first, *_materialise(self._batches)]

    @property
    def ok(self) -> bool:
        """True when nothing is wrong with the input: no problem, or only :data:`NOTES`
        (which change no payment; ``mode="strict"`` and ``tukin validate`` accept them)."""
        return all(code in NOTES for code in self._count("code"))

    @property
    def notes(self) -> list[Problem]:
        """The problems that are only notes (:data:`NOTES`), in reading order."""
        return [p for p in self.problems if p.code in NOTES]

    def _note_count(self) -> int:
        """How many of the problems are notes (counted without building them)."""
        return sum(n for code, n in self._count("code").items() if code in NOTES)

    def __len__(self) -> int:
        return sum(self._count("code").values())

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.problems)

    def by_code(self) -> dict[str, int]:
        """How many problems of each code, most frequent first (ties by code)."""
        return self._count("code")

    def by_table(self) -> dict[str, int]:
        """How many problems in each table, most first (ties by name)."""
        return self._count("table")

    def _count(self, attribute: str) -> dict[str, int]:
        """Counts without building Problem objects when they have not been built yet."""
        counter: Counter[str] = Counter()
        if self._given is not None or "problems" in self.__dict__:
            counter.update(getattr(p, attribute) for p in self.problems)
        else:
            counter.update(getattr(p, attribute) for p in self._first)
            for b in self._batches:
                counter[getattr(b, attribute)] += 1 if b.rows is None else len(b)
        return dict(sorted(counter.items(), key=lambda item: (-item[1], item[0])))

    def to_frame(self, lang: Lang | None = None) -> pd.DataFrame:
        """One row per problem: table, row, column, key, code, value, message, location,
        and ``cause``: for a consequence (``rejected_upstream``), where its root cause is (the
        row, or the table refused as a whole, to correct), else empty; sorting or filtering
        a long list by it groups the rows one correction restores
        (``lang`` ``None``: the report's :attr:`lang`, else :func:`tukin.get_language`)."""
        lang = resolve_lang(lang or self.lang)
        columns = [
            "table", "row", "column", "key", "code", "value", "message", "location", "cause",
        ]  # fmt: skip
        texts = Texts(lang)
        records = [
            {
                "table": p.table,
                "row": p.row,
                "column": p.column,
                "key": p.key,
                "code": p.code,
                "value": None if p.value is None else str(p.value),
                "message": texts.message(p),
                "location": p.where(lang),
                "cause": texts.cause_where(p),
            }
            for p in self.problems
        ]
        frame = pd.DataFrame.from_records(records, columns=columns)
        frame["row"] = frame["row"].astype("Int64")
        return frame

    def describe(
        self, lang: Lang | None = None, limit: int | None = 20, *, grouped: bool = True
    ) -> str:
        """A readable list of the first ``limit`` lines of problems (None: all), with a count
        per code (``lang`` ``None``: the language of its Dataset, :attr:`lang`, which a
        reader wrote the locations in; else :func:`tukin.get_language`).

        One bad employee or position is referred to by many rows (attendance and appraisals
        each month, subordinates, work items): listed row by row, its consequences bury every
        other problem. So, ``grouped`` (the default), the rows rejected because of one rejected
        row or one table refused as a whole (``rejected_upstream``) are one line naming that
        cause, after every root cause, with a count and the first rows per table and
        referring column (``Pegawai 4 (ID Jabatan → Jabatan: baris 3, 4, 5, …)``), and
        the rows of one table repeating one bad value in one column (the same unknown NIP, the
        same malformed code) are one line with the number of rows: one line per thing to
        correct. Empty cells stay one line each, each being a cell to fill. The report itself
        (:attr:`problems`, :meth:`to_frame`) keeps every row.
        """
        lang = resolve_lang(lang or self.lang)
        total = len(self)
        if total == 0:
            return (
                "Tidak ada masalah pada data masukan."
                if lang == "id"
                else "No problems in the input."
            )
        notes = self._note_count()
        if lang == "id":
            also = f" dan {notes} catatan" if notes else ""
            intro = (
                f"Tidak ada masalah pada data masukan; {notes} catatan"
                if notes == total
                else f"{total - notes} masalah{also} pada data masukan"
            )
        else:
            also = f" and {notes} note(s)" if notes else ""
            intro = (
                f"No problems in the input; {notes} note(s)"
                if notes == total
                else f"{total - notes} problem(s){also} in the input"
            )
        codes = ", ".join(f"{code} {n}" for code, n in self.by_code().items())
        lines = [f"{intro} ({codes}):"]
        if not grouped:
            entries = [(p.describe(lang), 1) for p in self.problems]
        elif (fast := self._grouped_lazily(lang)) is not None:
            entries = fast
        else:
            entries = _grouped(self.problems, lang)
        lines += ["  - " + text for text, _ in entries[:limit]]
        more = total - sum(n for _, n in entries[:limit])
        if more > 0:
            lines.append(f"  … dan {more} lainnya" if lang == "id" else f"  … and {more} more")
        return "\n".join(lines)

    def _grouped_lazily(self, lang: Lang) -> list[tuple[str, int]] | None:
        """What :func:`_grouped` gives, without building a Problem for each consequence.

        A refused table can reject every row that depends on it (600,000 rows of a regency
        of 20,000 employees): building, sorting and grouping one object per row took
        seconds to print three lines. The consequences stay arrays here (root cause per
        row, found once per referenced row); only the problems of their own and the few
        consequences a line names are built. None (the general path is taken) when the
        problems were built already or a consequence's root cause is not known."""
        if self._given is not None or "problems" in self.__dict__:
            return None
        cascades = [b for b in self._batches if b.code == "rejected_upstream"]
        if any(p.code == "rejected_upstream" for p in self._first) or any(
            b.rows is None or b.cause is None or b.detail_code is None for b in cascades
        ):
            return None
        # in batch order, as _materialise: the first problem of each row, the refused tables
        first_of_row: dict[str, dict[int, Problem]] = {}
        table_wide: dict[str, Problem] = {}
        root_ids: dict[tuple[Any, ...], int] = {}
        roots: list[Problem] = []
        own: list[Problem] = []
        per_batch = []
        for b in self._batches:
            if b.code != "rejected_upstream":
                if b.cause is not None:
                    return None
                built = _materialise([b])
                own += built
                for p in built:
                    if p.row is not None:
                        first_of_row.setdefault(p.table, {}).setdefault(p.row, p)
                    elif b.rejects_table or b.code == "missing_table":
                        table_wide.setdefault(b.table, p)
                continue
            assert b.rows is not None and b.cause is not None
            cause_table, cause_rows = b.cause
            unique, inverse = np.unique(np.asarray(cause_rows, dtype=np.int64), return_inverse=True)
            ids = np.empty(len(unique), dtype=np.int64)
            known = first_of_row.get(cause_table, {})
            for j, cause_row in enumerate(unique.tolist()):
                cause = known.get(cause_row, table_wide.get(cause_table))
                if isinstance(cause, DetailedProblem) and cause.cause is not None:
                    cause = cause.cause
                if cause is None:
                    return None
                key = (cause.table, cause.row, cause.column, cause.code, cause.location)
                if key not in root_ids:
                    root_ids[key] = len(roots)
                    roots.append(cause)
                ids[j] = root_ids[key]
            row_roots = ids[inverse.reshape(-1)]
            per_batch.append(row_roots)
            # for its own dependants, a row rejected here stands for its root cause
            mine_rows = first_of_row.setdefault(b.table, {})
            for row, rid in zip(b.rows.tolist(), row_roots.tolist(), strict=True):
                if row not in mine_rows:
                    mine_rows[row] = roots[rid]
        entries = _grouped([*self._first, *_in_reading_order(own)], lang)
        if not cascades:
            return entries
        # reading order of the consequences: table (contract order), row, then as found
        order = {name: i for i, name in enumerate(TABLES)}
        batch_of = np.concatenate([np.full(len(b), k) for k, b in enumerate(cascades)])
        index_in = np.concatenate([np.arange(len(b)) for b in cascades])
        rows = np.concatenate([np.asarray(b.rows, dtype=np.int64) for b in cascades])
        tables = np.array([order.get(b.table, -1) for b in cascades])[batch_of]
        root_of = np.concatenate(per_batch)
        reading = np.lexsort((np.arange(len(rows)), rows, tables))
        by_root = reading[np.argsort(root_of[reading], kind="stable")]
        sizes = np.bincount(root_of, minlength=len(roots))
        starts = np.concatenate([[0], np.cumsum(sizes)[:-1]])
        first_seen = np.full(len(roots), len(rows))
        np.minimum.at(first_seen, root_of[reading], np.arange(len(rows)))

        def build(i: int) -> Problem:
            k = int(batch_of[i])
            return _build_one(cascades[k], int(index_in[i]), roots[int(root_of[i])])

        # the lines name rows per (table, column) of the consequences
        parts_named = list(dict.fromkeys((b.table, b.column) for b in cascades))
        part_of_batch = np.array([parts_named.index((b.table, b.column)) for b in cascades])
        for rid in np.argsort(first_seen, kind="stable").tolist():
            members = by_root[starts[rid] : starts[rid] + sizes[rid]]
            if len(members) == 1:
                entries.append((build(int(members[0])).describe(lang), 1))
                continue
            cause = roots[rid]
            parts = []
            part_of = batch_of[members]
            part_ids = part_of_batch[part_of]
            uniq, first, counts = np.unique(part_ids, return_index=True, return_counts=True)
            for at in np.argsort(first, kind="stable").tolist():
                chosen = members[part_ids == uniq[at]][: _CASCADE_ROWS_NAMED + 1]
                shown = [build(int(i)) for i in chosen]
                parts.append((shown, int(counts[at])))
            text = _cascade_line(cause, len(members), _cascade_parts_shown(parts, lang), lang)
            entries.append((f"{text} [rejected_upstream]", len(members)))
        return entries

    def __str__(self) -> str:
        return self.describe()

    def __repr__(self) -> str:
        codes = ", ".join(f"{n} {code}" for code, n in self.by_code().items())
        notes = self._note_count()
        also = f" and {notes} note(s)" if notes else ""
        return f"<ValidationReport: {len(self) - notes} problem(s){also}{': ' + codes if codes else ''}>"


def _materialise(batches: list[Batch]) -> list[Problem]:
    """Problems in batch order; cascade problems get the *root* problem as their cause."""
    first_of_row: dict[tuple[str, int], Problem] = {}
    table_wide: dict[str, Problem] = {}
    out: list[Problem] = []
    for b in batches:
        problem: Problem
        if b.rows is None:
            problem = Problem(b.table, b.code, None, b.column, None, None, dict(b.fields))
            out.append(problem)
            if b.rejects_table or b.code == "missing_table":  # refused: the cause of its rows'
                table_wide.setdefault(b.table, problem)  # dependants (tukin._relations)
            continue
        causes: list[Problem | None] = [None] * len(b.rows)
        if b.cause is not None:
            cause_table, cause_rows = b.cause
            for i, cause_row in enumerate(cause_rows.tolist()):
                cause = first_of_row.get((cause_table, cause_row), table_wide.get(cause_table))
                if isinstance(cause, DetailedProblem) and cause.cause is not None:
                    cause = cause.cause
                causes[i] = cause
        for i, row in enumerate(b.rows.tolist()):
            problem = _build_one(b, i, causes[i], row)
            out.append(problem)
            first_of_row.setdefault((b.table, row), problem)
    return _in_reading_order(out)


def _build_one(b: Batch, i: int, cause: Problem | None, row: int | None = None) -> Problem:
    """The problem of the ``i``-th row of a batch (``cause``: its root cause, for a cascade)."""
    assert b.rows is not None
    fields = dict(b.fields)
    for name, array in b.row_fields.items():
        fields[name] = _plain(array[i])
    value = None if b.values is None else _plain(b.values[i])
    key = None if b.keys is None else b.keys[i]
    row = int(b.rows[i]) if row is None else row
    if b.detail_code is not None:
        return DetailedProblem(
            b.table, b.code, row, b.column, value, key, fields,
            detail_code=b.detail_code, cause=cause,
        )  # fmt: skip
    return Problem(b.table, b.code, row, b.column, value, key, fields)


def _in_reading_order(problems: list[Problem]) -> list[Problem]:
    """Table by table (contract order), table-wide problems first, then row by row; cascades
    (``rejected_upstream``) last, since they are consequences, not things to correct."""
    order = {name: i for i, name in enumerate(TABLES)}

    def key(p: Problem) -> tuple[int, int, int]:
        return (
            p.code == "rejected_upstream",
            order.get(p.table, -1),
            -1 if p.row is None else p.row,
        )

    return sorted(problems, key=key)


def _same_text(value: Any) -> Any:
    """A key for ``value`` under which equal keys mean the same text in a message: ``1``,
    ``1.0``, ``True`` and ``Decimal("1.00")`` are equal but read differently, so anything
    but text, a whole number or None is keyed by its type and repr."""
    return value if value is None or type(value) in _PLAIN else (type(value), repr(value))


_PLAIN = frozenset({str, int})


def _root_of(p: Problem) -> Problem | None:
    """The root cause of a consequence (``rejected_upstream``), None for a problem of its own."""
    return p.cause if isinstance(p, DetailedProblem) and p.code == "rejected_upstream" else None


def _plain(value: Any) -> Any:
    """numpy scalars as Python ones, NaN/NaT as None: values end up in JSON and messages."""
    value = python_scalar(value)
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return int(value)  # a count typed as -1 arrives as -1.0 when the column has blanks
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


_ROW_WORD = re.compile(r"\b(?:baris|row) (\d+)")
_ROWS_NAMED = 12  # a longer list is a job for describe(grouped=False) or to_frame()


def _rows_of(problems: list[Problem], lang: Lang, named: int = _ROWS_NAMED) -> str:
    """The row numbers as the reader sees them (the sheet's, where a reader located the
    problem), the first dozen (``named``), then an ellipsis: the person can go to each."""
    numbers = []
    for p in problems[:named]:
        found = _ROW_WORD.search(p.where(lang))
        numbers.append(found.group(1) if found else "?")
    return ", ".join(numbers) + (", …" if len(problems) > named else "")


#: Rows named for each table and column of a cascade line: where to look, not a list to work
#: through (the rows go once the root cause is corrected).
_CASCADE_ROWS_NAMED = 3


def _cascade_line(cause: Problem, n: int, tables: str, lang: Lang) -> str:
    """The one line of a root cause's ``n`` consequences (``tables``: where they lie), for
    both ways a report groups them (built problems, or rows left as arrays)."""
    return render(
        "cascade_group" if cause.row is not None else "cascade_refused_group",
        lang,
        n=n,
        where=cause.where(lang),
        cause=cause.message(lang),
        tables=tables,
        target=sheet_of(cause.table, lang),
    )


def _cascade_parts(group: list[Problem], lang: Lang) -> str:
    """The rows of one root cause's consequences per (table, column, referenced table), in
    reading order: ``positions 9 (unit_id → units: rows 1, 2, 3, …)``, the sheet and the
    column as the clerk's workbook names them in Indonesian."""
    parts: dict[tuple[str, str | None], list[Problem]] = {}
    for p in group:
        parts.setdefault((p.table, p.column), []).append(p)
    return _cascade_parts_shown([(rows, len(rows)) for rows in parts.values()], lang)


def _cascade_parts_shown(parts: list[tuple[list[Problem], int]], lang: Lang) -> str:
    """:func:`_cascade_parts` from each part's first rows (at least the ones named, and one
    more if there are more) and its number of rows."""
    out = []
    for rows, n in parts:
        table, column = rows[0].table, rows[0].column
        ref = TABLES[table].column(column).ref if table in TABLES and column else None
        shown, _ = clerk_words(table, "rejected_upstream", column, {}, lang)
        out.append(
            render(
                "cascade_part",
                lang,
                table=sheet_of(table, lang),
                n=n,
                column=shown,
                target=sheet_of(ref[0], lang) if ref else "?",
                rows=_rows_of(rows, lang, _CASCADE_ROWS_NAMED),
            )
        )
    return ", ".join(out)


def _grouped(problems: list[Problem], lang: Lang) -> list[tuple[str, int]]:
    """``(line, problems it stands for)`` in reading order: the cascades of one root cause as
    one line, and one bad value repeated in one column of one table as one line."""
    lines: dict[tuple[Any, ...], list[Problem]] = {}
    for p in problems:
        cause = p.cause if isinstance(p, DetailedProblem) else None
        if p.code == "rejected_upstream" and cause is not None:
            key: tuple[Any, ...] = (
                "cause",
                cause.table,
                cause.row,
                cause.column,
                cause.code,
                cause.location,
            )
        elif p.row is not None and p.value is not None:
            key = ("value", p.table, p.column, p.code, p.message(lang))
        else:
            key = ("row", id(p))
        lines.setdefault(key, []).append(p)
    out: list[tuple[str, int]] = []
    for key, group in lines.items():
        first = group[0]
        if key[0] == "cause" and len(group) > 1:
            assert isinstance(first, DetailedProblem) and first.cause is not None
            cause = first.cause
            text = _cascade_line(cause, len(group), _cascade_parts(group, lang), lang)
            out.append((f"{text} [{first.code}]", len(group)))
        elif key[0] == "value" and len(group) > 1:
            more = render("same_value_rows", lang, n=len(group) - 1, rows=_rows_of(group[1:], lang))
            out.append((f"{first.describe(lang)} ({more})", len(group)))
        else:
            out += [(p.describe(lang), 1) for p in group]
    return out
