"""After a sheet's rows are read: the columns that are not the table's, and what to say.

Both readers (Excel, CSV) call :func:`settle_columns` on a :class:`RawTable` whose headers are
mapped (:func:`tukin.io.headers.map_columns`). Every column left over is one of three things,
and none of them passes without a word:

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
  ``extra_columns`` warning so the officer sees what tukin did not use.
"""

from __future__ import annotations

from typing import Any

from tukin.contract import DERIVED_COLUMNS, TABLES
from tukin.errors import Lang, Problem
from tukin.io._aliases import header_key, is_descriptive, is_rating, resembles, typos
from tukin.io._build import RawTable, Source, warn
from tukin.io._cells import text_of, to_date
from tukin.io.headers import ATTENDANCE_CODES, header, names_column, spellings

__all__ = ["settle_columns"]

#: Attendance columns the validator judges itself (``reserved_column``), never dropped here.
_RESERVED = frozenset({*DERIVED_COLUMNS, *TABLES["employees"].names})


def settle_columns(raw: RawTable, source: Source) -> list[Problem]:
    """Report resembling headers, drop the attendance columns that are no code, warn about
    the columns not used. ``raw.columns`` is updated in place; returns the problems."""
    spec = TABLES[raw.table]
    given = {c for c in raw.columns if c in spec.names}
    missing = [c.name for c in spec.columns if c.name not in given]
    candidates = spellings(raw.table, missing)
    problems: list[Problem] = []
    ignored: list[int] = []
    dropped: list[int] = []
    for j, name in enumerate(raw.columns):
        if name is None or name in spec.names:
            continue
        values = [row[j] for row in raw.rows if j < len(row)]
        problem = _spelt(raw, j, values, missing, source) or _resembling(
            raw, j, values, candidates, source
        )
        if problem is not None:
            problems.append(problem)
            if spec.open_int_columns:
                _drop(raw, j)  # not read as a count: the problem stops the payment instead
            continue
        if not spec.open_int_columns:
            if not (raw.table == "appraisals" and is_rating(raw.headers[j])):
                ignored.append(j)  # a predikat is reported by _rating_hint instead
        elif _no_code(raw.headers[j], name, values):
            _drop(raw, j)
            dropped.append(j)
    problems += _rating_hint(raw, missing, source)
    for code, cols in (("extra_columns", ignored), ("not_codes", dropped)):
        if cols and not (source.machine and code == "extra_columns"):  # a program's own keys
            listed = ", ".join(f"{raw.letters[j]} ({raw.headers[j]})" for j in cols)
            warn(code, source.lang, value=raw.label, table=raw.table, columns=listed)
    return problems


def _spelt(
    raw: RawTable, j: int, values: list[Any], missing: list[str], source: Source
) -> Problem | None:
    """Machine input: ``unknown_header`` for a key that names a missing contract column the
    way a person writes its header (``endDate``, ``End Date``, ``tanggal_selesai``).

    A spreadsheet's header is read so (:func:`tukin.io.headers.map_columns`); a program's key
    is not: it sends the contract names, and one that sends its own spelling of a column is
    told the contract name rather than read by a guess the published schema does not make.
    A spelling of a column the table has anyway is an extra column, as in a spreadsheet.
    """
    if not source.machine:
        return None
    column = names_column(raw.table, raw.headers[j])
    if column is None or column not in missing or not _holds(raw.table, column, values):
        return None
    fields = {"suggestion": column}
    where = _at(raw, j, source)
    return Problem(raw.table, "unknown_header", value=raw.headers[j], location=where, fields=fields)


def _holds(table: str, column: str, values: list[Any]) -> bool:
    """A column under a wrong name matters when it holds data, or is a required one."""
    return TABLES[table].column(column).required or any(text_of(v) is not None for v in values)


def _resembling(
    raw: RawTable, j: int, values: list[Any], candidates: dict[str, list[str]], source: Source
) -> Problem | None:
    """``unknown_header`` for a header resembling a missing column, when it matters."""
    found = resembles(raw.headers[j], candidates)
    if found is None:
        return None
    column, by_signal = found
    if by_signal:  # a signal word alone (``Golongan Akhir``): only a column of dates counts
        counts = any(to_date(v)[0] is not None for v in values)
    else:
        counts = _holds(raw.table, column, values)
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


def _no_code(text: str, name: str, values: list[Any]) -> bool:
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
