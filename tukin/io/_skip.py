"""The rows of a sheet or CSV file that are no data: a totals line, a signature block, the
header repeated after a page break.

An office prints a ``JUMLAH`` line under its tables and the head's signature block under
that ("Tenggarong, 3 November 2025", "Kepala Dinas …", the name, "NIP. 1966…"), and a CSV
saved from such a recap keeps them. Read as data, a totals line is an "employee" rejected for
lack of a NIP (a count that no longer reconciles), a signer's NIP line a row of that
employee's own, rejected for lack of a period, which stops the signer's payment, and each
caption a rejected row. A printed export also repeats its header row at the top of each
page; read as data, that row is rejected with a problem per column (NIP 'NIP', period
'Periode'). Only a row holding exactly the header's labels in the header's columns, as headers
are compared (:func:`tukin.io._aliases.header_key`: ``N.I.P.`` is ``NIP``), is such a repeat:
it can mean nothing else. The Excel and CSV readers both call :func:`skip_rows` on the
:class:`~tukin.io._build.RawTable` they read, so one rule decides, and each skip is said
(``footer_rows``, ``header_repeated``, naming the sheet or file and the rows).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from tukin.contract import TABLES
from tukin.errors import PeriodError
from tukin.io._aliases import header_key
from tukin.io._build import RawTable, Source, warn
from tukin.io._cells import by_value, text_of
from tukin.model._types import NIP_LABEL
from tukin.period import Period

__all__ = ["footer_kind", "footer_rows", "ranges", "repeats_header", "skip_rows"]

#: What a sheet's totals line says where the key would be ("JUMLAH", "Total"), alone or as the
#: first word of a caption ("JUMLAH PEGAWAI", "Total TPP"); "grand total" too.
_TOTAL_WORDS = frozenset({"jumlah", "total", "grand total"})

_NOT_DIGITS = re.compile(r"\D+")
_DIGIT = re.compile(r"\d")

#: Cell issues of a formula without a result: what a totals line of a file no spreadsheet
#: calculated holds (:func:`skip_rows`)
_UNCALCULATED = frozenset({"formula_no_value", "formula_not_calculated"})

#: Footer kinds skipped only below the last row of data.
_BELOW_ONLY = frozenset({"caption", "total_below"})


def skip_rows(raw: RawTable, source: Source) -> None:
    """Drop from ``raw`` (in place) the rows that repeat its header (:func:`repeats_header`)
    and the rows that are a footer (:func:`footer_kind`, :func:`footer_rows`), with one
    warning for each kind naming them (``header_repeated``, ``footer_rows``). A row with a
    cell the reader could not read (an Excel error, a merged cell) is data: its problem is
    said. A formula without a result is no such sign: a totals line is made of ``=SUM``
    cells, which a file a program wrote holds uncalculated; the row is judged by the rest."""
    flagged = {i for (i, _), issue in raw.issues.items() if issue.code not in _UNCALCULATED}
    labels = _labels(raw.headers)
    maybe = _maybe_header(labels)(raw.rows)
    surely = _surely_data(raw.columns, raw.table)(raw.rows)
    repeats = {
        i
        for i, row in enumerate(raw.rows)
        if maybe[i] and i not in flagged and repeats_header(row, labels)
    }
    kinds = [
        None
        if surely[i] or i in flagged or i in repeats
        else footer_kind(row, raw.columns, raw.table)
        for i, row in enumerate(raw.rows)
    ]
    # a repeated header is no data row: captions below the last data row are still trailing
    footer = footer_rows([k for i, k in enumerate(kinds) if i not in repeats])
    kept = [i for i in range(len(raw.rows)) if i not in repeats]
    drop = repeats | {kept[n] for n in footer}
    if not drop:
        return
    for code, rows in (("header_repeated", repeats), ("footer_rows", drop - repeats)):
        if rows:
            shown = ranges([raw.row_numbers[i] for i in sorted(rows)])
            warn(code, source.lang, value=raw.label, table=raw.table, rows=shown)
    keep = [i for i in range(len(raw.rows)) if i not in drop]
    moved = {old: new for new, old in enumerate(keep)}
    raw.rows = [raw.rows[i] for i in keep]
    raw.row_numbers = [raw.row_numbers[i] for i in keep]
    raw.issues = {(moved[i], j): v for (i, j), v in raw.issues.items() if i in moved}
    raw.percent = {(moved[i], j) for i, j in raw.percent if i in moved}


def _labels(headers: list[str]) -> list[str]:
    """Each header as compared (blank for a column without one); empty when no column has a
    header (then no row can repeat it)."""
    keys = [header_key(h) if h else "" for h in headers]
    return keys if any(keys) else []


def _maybe_header(labels: list[str]) -> Callable[[list[list[Any]]], list[bool]]:
    """A quick test a row must pass to repeat the header: the digits of its cell under the
    first label are the label's (:func:`~tukin.io._aliases.header_key` keeps digits as they
    are), so a row of data, whose NIP or period has digits, is passed over at once. Given the
    rows, it answers for each (each distinct cell judged once)."""
    first = next((j for j, label in enumerate(labels) if label), None)
    if first is None:
        return lambda rows: [False] * len(rows)
    digits = _NOT_DIGITS.sub("", labels[first])

    def maybe(cell: Any) -> bool:
        text = _cell_text(cell)
        if text is None:
            return False
        if not digits:  # the usual label (NIP, Periode): a digit in the cell says data
            return _DIGIT.search(text) is None
        return _NOT_DIGITS.sub("", text) == digits

    return lambda rows: by_value(_column(rows, first), maybe)


def _surely_data(columns: list[str | None], table: str) -> Callable[[list[list[Any]]], list[bool]]:
    """A quick test that a row is data, so :func:`footer_kind` need not look at it: its
    first key cell holds a key (which no footer line has), and no NIP cell carries the
    ``NIP.`` label of a signer's line. Only where the first key column is given once. Given
    the rows, it answers for each (each distinct key cell judged once when the key cell is
    the only NIP cell)."""
    key = TABLES[table].key[0] if TABLES[table].key else None
    where = [j for j, c in enumerate(columns) if c == key]
    if len(where) != 1 or key is None:
        return lambda rows: [False] * len(rows)
    k = where[0]
    nips = [j for j, c in enumerate(columns) if c == "nip"]

    def surely(row: list[Any]) -> bool:
        text = _text(row, k)
        if text is None or not _a_key(key, text):
            return False
        for j in nips:
            nip = text if j == k else _text(row, j)
            if nip is not None and nip[0] in "Nn" and NIP_LABEL.match(nip):
                return False
        return True

    if any(j != k for j in nips):  # a second NIP column: each row as a whole
        return lambda rows: [surely(row) for row in rows]

    def surely_cell(cell: Any) -> bool:  # the key cell, the only NIP cell if any
        text = _cell_text(cell)
        if text is None or not _a_key(key, text):
            return False
        return not (nips and text[0] in "Nn" and NIP_LABEL.match(text))

    return lambda rows: by_value(_column(rows, k), surely_cell)


def _column(rows: list[list[Any]], j: int) -> list[Any]:
    """Cell ``j`` of every row (None where a row is shorter)."""
    return [row[j] if j < len(row) else None for row in rows]


def _text(row: list[Any], j: int) -> str | None:
    """Cell ``j`` of ``row`` as :func:`~tukin.io._cells.text_of` shows it (a CSV's text
    stripped at once)."""
    if j >= len(row):
        return None
    return _cell_text(row[j])


def _cell_text(cell: Any) -> str | None:
    if isinstance(cell, str):
        return cell.strip() or None
    return text_of(cell)


def repeats_header(row: list[Any], labels: list[str]) -> bool:
    """The row holds the header's label in every column (blank under a blank header) and
    nothing beyond them: the header printed again at the top of a page."""
    for j, label in enumerate(labels):
        text = text_of(row[j]) if j < len(row) else None
        if (header_key(text) if text is not None else "") != label:
            return False
    return all(text_of(v) is None for v in row[len(labels) :])


def footer_kind(values: list[Any], columns: list[str | None], table: str) -> str | None:
    """What footer line a row may be: ``total`` (a "JUMLAH" line: its first cell says so,
    at or left of the key, and no key cell holds a key; ``total_below`` when that cell is
    right of the key, a footer only below the data), ``nip`` (a signer's "NIP. 1966…" line:
    nothing but the NIP and a name), ``caption`` (no key, one or two cells of words:
    "Mengetahui,", "Kepala Dinas …", "Tenggarong, 3 November 2025", the signer's name; a
    cell without a letter, a number, is no caption), or None (data)."""
    texts = [text_of(v) for v in values]
    filled = [t for t in texts if t is not None]
    if not filled:
        return None
    named = {c: t for c, t in zip(columns, texts, strict=False) if c is not None and t is not None}
    keyed = [k for k in TABLES[table].key if k in named]
    if _totals_caption(str(filled[0])) and not any(_a_key(k, named[k]) for k in keyed):
        # a totals line's caption sits at the left, in or before a key column (a merged
        # "JUMLAH" under No and NIP); further right it is a data row with blank ids whose
        # name begins so ("Jumlah UMKM yang dibina"): a totals line only below the data
        first = next(j for j, t in enumerate(texts) if t is not None)
        keys = [j for j, c in enumerate(columns) if c in TABLES[table].key]
        return "total" if not keys or first <= max(keys) else "total_below"
    nip = named.get("nip")
    if nip is not None and NIP_LABEL.match(str(nip)) and set(named) <= {"nip", "name"}:
        return "nip"
    if (
        len(filled) <= 2
        and all(_words(v) for v in values if text_of(v) is not None)
        and not any(_a_key(k, named[k]) for k in keyed)
    ):
        return "caption"
    return None


def _words(value: Any) -> bool:
    """A cell of words: text with a letter (a CSV's ``5`` is a number, as a workbook's is)."""
    return isinstance(value, str) and any(ch.isalpha() for ch in value)


def _totals_caption(text: str) -> bool:
    """Whether a row's first cell says it is a totals line: ``JUMLAH``, ``Total:``,
    ``JUMLAH PEGAWAI``, ``Jumlah Total``, ``Grand Total``. A key cell holding a key still
    makes the row data (:func:`footer_kind`)."""
    words = text.casefold().replace(":", " ").split()
    return bool(words) and (words[0] in _TOTAL_WORDS or " ".join(words[:2]) in _TOTAL_WORDS)


def _a_key(column: str, text: Any) -> bool:
    """Whether a key cell holds something that could be a key: a NIP has 18 digits, a period
    reads as one; any other id may be any text."""
    if column == "nip":
        text = str(text)
        return (len(text) >= 18 and text.isdigit()) or sum(ch.isdigit() for ch in text) >= 18
    if column in ("period", "start_period"):
        try:
            Period.parse(str(text).strip())
        except PeriodError:
            return False
    return True


def footer_rows(kinds: list[str | None]) -> set[int]:
    """The data rows to skip as footer: every totals and NIP line, and the captions and
    totals-like rows captioned right of the key (``total_below``) below the last row of data
    (such a row among the data is data: it is rejected with its reasons, as an incomplete
    row must be)."""
    drop: set[int] = set()
    trailing = True
    for i in range(len(kinds) - 1, -1, -1):
        kind = kinds[i]
        if kind is None:
            trailing = False
        elif kind not in _BELOW_ONLY or trailing:
            drop.add(i)
    return drop


def ranges(numbers: list[int]) -> str:
    """``[8, 12, 13, 14]`` -> ``8, 12-14``."""
    out: list[str] = []
    start = prev = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == prev + 1:
            prev = n
            continue
        out.append(str(start) if start == prev else f"{start}-{prev}")
        if n is not None:
            start = prev = n
    return ", ".join(out)
