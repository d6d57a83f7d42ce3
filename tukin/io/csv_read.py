"""Read a folder of CSV files (one per table) into a validated Dataset.

Files are found by name: the contract name (``employees.csv``) or the sheet name in either
language (``pegawai.csv``, ``realisasi_anggaran.csv``; case, spaces and ``_`` do not matter).
Headers are matched as in a workbook (:mod:`tukin.io.headers`).

The CSV habits of Indonesian offices are accepted, each for a reason:

* Delimiter: ``,`` ``;`` or tab, whichever splits the header line; Excel in an Indonesian
  locale saves with ``;`` because ``,`` is the decimal separator there.
* Encoding: UTF-8, with or without the byte-order mark Excel writes. A file that is not
  UTF-8 is read as Windows-1252 (a superset of Latin-1, what Excel's plain "CSV" gives) with an
  :class:`~tukin.io.InputWarning`: names with accents may need a look.
* Every cell is text; numbers, dates and NIPs are converted by :mod:`tukin.io._cells`, so
  ``1.234.567`` and ``31/01/2025`` read as a person means them and NIPs keep every digit.
* A totals line (``JUMLAH``) and a signature block saved from a printed recap are skipped
  with a ``footer_rows`` warning, by the workbook reader's rule (:mod:`tukin.io._skip`).

Problems point at ``berkas pegawai.csv, baris 7, kolom C (ID Jabatan)``: the line number in
a text editor (the header is line 1) and the column letter Excel shows when it opens the file.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tukin._coerce import NipCheck
from tukin._language import resolve as resolve_lang
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
from tukin.io._columns import settle_columns
from tukin.io._skip import skip_rows
from tukin.io.headers import (
    map_columns,
    names_a_column,
    rating_header,
    sheet_name,
    suggest,
    table_for_header,
    table_for_sheet,
    table_named_in,
)
from tukin.io.safe import Limits, check_size

__all__ = ["read_csv_folder", "read_csv_records", "read_csv_text"]

_DELIMITERS = (";", ",", "\t")


@keeps_warnings
def read_csv_folder(
    folder: str | Path | Iterable[str | Path],
    *,
    mode: Mode = "lenient",
    lang: Lang | None = None,
    nip_check: NipCheck = "length",
    limits: Limits | None = None,
) -> Dataset:
    """Read every ``*.csv`` of ``folder`` (or the given CSV files) as input tables.

    Returns a :class:`~tukin.Dataset` (raises in ``strict`` mode if anything is wrong); a file
    that cannot be read raises :class:`~tukin.errors.InputFileError`. Files whose name is no
    table are skipped with a warning, or reported when the name is a near miss or the file
    looks like a table by its name or header (``pegawai_pppk.csv`` next to ``pegawai.csv``):
    its rows would otherwise be neither paid nor rejected.
    """
    lang = resolve_lang(lang)
    mode, nip_check = mode_option(mode), nip_check_option(nip_check)  # a typo is refused
    limits = limits or Limits()
    if isinstance(folder, str | Path):
        base = Path(folder)
        if not base.exists():
            raise InputFileError(code="file_not_found", value=str(base))
        files = _csv_files(base) if base.is_dir() else [base]
        where = base
    else:
        files = [Path(f) for f in folder]
        where = files[0].parent if files else Path(".")
    source = Source("file", where, lang)
    raws: dict[str, RawTable] = {}
    problems: list[Problem] = []
    unknown: list[Path] = []
    for path in files:
        table = table_for_sheet(path.stem)
        if table is None:
            unknown.append(path)
            continue
        if table in raws:
            problems.append(
                Problem(
                    table,
                    "duplicate_sheet",
                    value=path.name,
                    location=f"{source.word('file')} {path.name}",
                    fields={"table": table, "other": raws[table].label},
                )
            )
            continue
        check_size(path, limits)
        raw, found = read_csv_text(_decode(path, lang), table, path.name, source, limits)
        raws[table] = raw
        problems += found
    for path in unknown:
        near = suggest(path.stem, [t for t in _TABLE_STEMS if table_for_sheet(t) not in raws])
        like, rows, rating = _looks_like(path, limits)
        if rating and like in raws:
            like = None  # a list of predikat beside the ratings read: a summary, not input
        if near is None and like is not None and like not in raws:
            near = sheet_name(like, lang).lower().replace(" ", "_")
        at = f"{source.word('file')} {path.name}"
        unread = unread_problem(path.name, at, near, f"{near}.csv", like, rows, raws)
        if unread is not None:
            problems.append(unread)
        else:
            warn("sheet_ignored", lang, value=path.name)
    return build_dataset(
        list(raws.values()),
        source,
        problems=problems,
        mode=mode,
        lang=lang,
        nip_check=nip_check,
    )


def _stems() -> list[str]:
    from tukin.contract import TABLES
    from tukin.io.headers import SHEETS

    out = list(TABLES)
    for id_name, en_name in SHEETS.values():
        out += [id_name.lower().replace(" ", "_"), en_name.lower().replace(" ", "_")]
    return out


_TABLE_STEMS = _stems()


def _looks_like(path: Path, limits: Limits) -> tuple[str | None, int, bool]:
    """The table a file that is not read seems to hold, how many rows it holds, and whether
    only by a final SKP rating column (``nip;nama;periode;predikat``: appraisals).

    Its header line decides when it names every required column of a table; else its name
    (``pegawai_pppk.csv``), every line counted but a first one that names a column. A file
    over the size limit is not opened (judged by its name, no rows counted), as a table file
    that large would be refused before a byte is read.
    """
    try:
        check_size(path, limits)
        text = path.read_bytes().decode("utf-8-sig", errors="replace")
    except (InputFileError, OSError):
        return table_named_in(path.stem), 0, False
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    records: list[list[str]] = []
    with contextlib.suppress(csv.Error):  # the rows up to a broken line are enough to tell
        for record in reader:
            if any(cell.strip() for cell in record):
                records.append(record)
    table = table_for_header(records[0], records[1:51]) if records else None
    if table is not None:
        return table, len(records) - 1, False
    if records and rating_header(records[0]):
        return "appraisals", len(records) - 1, True
    table = table_named_in(path.stem)
    if table is None or not records:
        return table, 0, False
    return table, len(records) - names_a_column(table, records[0]), False  # a header is no row


def _decode(path: Path, lang: Lang) -> str:
    """UTF-8 (BOM or not); UTF-16 with its BOM (Excel's "Unicode text"); else Windows-1252,
    with a warning, Latin-1 for its 5 gaps. Text with NUL characters is refused: it is not a
    text file (or UTF-16 without a BOM), and reading it would only give junk headers."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputFileError(
            code="unreadable_file", value=path.name, kind="CSV", detail=str(exc)
        ) from None
    try:
        if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            text = data.decode("utf-16")
        else:
            text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        warn("encoding_fallback", lang, value=path.name)
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            text = data.decode("latin-1")
    if "\x00" in text:
        raise InputFileError(
            code="unreadable_file",
            value=path.name,
            kind="CSV",
            detail="it contains NUL bytes (save it as 'CSV UTF-8')",
        )
    return text


def _delimiter(first_line: str) -> str:
    """The delimiter that splits the header line into the most columns (``;`` on a tie)."""
    counts = {d: first_line.count(d) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv_records(path: Path, lang: Lang) -> list[tuple[int, list[str]]]:
    """The lines of a small CSV file that is not a table of the data (``--pagu-opd``'s list
    of OPDs and their pagu), read as the data's CSV files are: UTF-8 with or without a BOM,
    UTF-16 with its BOM or Windows-1252 (warned); ``,`` ``;`` or tab, whichever splits the
    first line. Each non-blank line with its number in a text editor (the first line is 1),
    every cell text; a file that cannot be read is an :class:`~tukin.errors.InputFileError`.
    """
    text = _decode(path, lang)
    first = text.split("\n", 1)[0]
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first))
    records: list[tuple[int, list[str]]] = []
    line = 0
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if any(cell.strip() for cell in record):
                records.append((start, record))
    except csv.Error as exc:
        raise InputFileError(
            code="unreadable_file",
            value=path.name,
            kind="CSV",
            detail=f"line {reader.line_num}: {exc}",
        ) from None
    return records


def _records(
    text: str, delimiter: str, label: str, limits: Limits
) -> tuple[list[str], list[list[Any]], list[int]]:
    """The header, the non-blank records and the line each starts on, line by line."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        head = next(reader, [])
        rows: list[list[Any]] = []
        numbers: list[int] = []
        line = reader.line_num
        for record in reader:
            start, line = line + 1, reader.line_num
            if not "".join(record).strip():  # a blank line, or one of blank cells
                continue
            rows.append(record)
            numbers.append(start)
            if len(rows) > limits.max_rows:
                raise InputFileError(
                    code="file_too_large", value=label, detail=f"more than {limits.max_rows} rows"
                )
    except csv.Error as exc:
        raise InputFileError(
            code="unreadable_file", value=label, kind="CSV", detail=f"line {reader.line_num}: {exc}"
        ) from None
    return head, rows, numbers


#: Files a program keeps beside a document, never data: Office's owner file of a document
#: open in Excel (``~$pegawai.csv``) and macOS's metadata copied onto a USB stick or into a
#: zip (``._pegawai.csv``)
_NOT_DATA = ("~$", "._")


def _csv_files(folder: Path) -> list[Path]:
    """The folder's CSV files, each once, in name order: by their suffix in any case.
    Not two globs (``*.csv``, ``*.CSV``): where names ignore case (Windows) each matches
    every file, and each table was then given twice."""
    return sorted(
        p
        for p in folder.iterdir()
        if p.suffix.lower() == ".csv" and not p.name.startswith(_NOT_DATA) and p.is_file()
    )


def read_csv_text(
    text: str, table: str, label: str, source: Source, limits: Limits | None = None
) -> tuple[RawTable, list[Problem]]:
    """One table from CSV text: header on line 1, every cell kept as text.

    Cells beyond the last header are not read and are reported (``unnamed_column``): a
    delimiter inside an unquoted value shifts a row, and silently reading it would be worse.
    """
    from openpyxl.utils import get_column_letter

    limits = limits or Limits()
    first = text.split("\n", 1)[0]
    delimiter = _delimiter(first)
    head, rows, numbers = _records(text, delimiter, label, limits)
    headers = [h.strip() for h in head]
    columns = map_columns(table, headers)
    letters = [get_column_letter(j + 1) for j in range(len(headers))]
    problems = []
    width = len(headers)
    longer = [r for r in rows if len(r) > width] if max(map(len, rows), default=0) > width else []
    spill = sorted({j for r in longer for j in range(width, len(r)) if r[j].strip()})
    for j in spill:
        letter = get_column_letter(j + 1)
        where = f"{source.word('file')} {label}, {source.word('column')} {letter}"
        problems.append(Problem(table, "unnamed_column", value=letter, location=where))
    raw = RawTable(table, label, headers, columns, letters, rows, numbers, text_only=True)
    skip_rows(raw, source)  # a totals line, a signature block: the Excel reader's rule
    return raw, problems + settle_columns(raw, source)
