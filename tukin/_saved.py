"""A saved result file read back for ``tukin verify``: its receipt and everything else it holds.

A result file is more than its receipt: the paid rows, the totals per OPD, the rejected list
and, in the workbook, the receipt's cells people read. An auditor trusts what the file shows,
so verification must compare all of it with the re-run, not only the receipt: an amount, a
row or a total edited in the file while the receipt was left alone is the tampering that
matters. This module reads each form into one :class:`Saved`:

* ``<name>.receipt.json`` (beside a CSV export): the rows of ``<name>.csv`` and the rejected
  list of ``<name>.rejected.csv``, when they are there;
* a JSON result document: ``employees``, ``totals``, ``rejected``;
* a Parquet export: its rows, and the rejected list in its metadata;
* a result workbook: the detail sheet (and its total row), the summary per OPD (and its total
  row), the rejected sheet and the receipt sheet's cells; the receipt itself from the hidden
  sheet ``_receipt_json`` (format ``tukin-receipt-json/2``, the JSON in parts: see
  :mod:`tukin.io.export`) or, in a workbook written before it, from the receipt sheet's one
  ``receipt_json`` cell (format 1).

Files are read as tukin reads input: a CSV saved again by Excel (Windows-1252, semicolons) is
decoded as the input reader decodes it, and headers are matched as the input readers match
them (``NIP``, ``Allowance``, ``Tunjangan`` all name their column). What cannot be read or
matched is listed in ``unchecked`` (English, Indonesian): the report then says so, and does
not call the payment verified.
"""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd

from tukin.errors import InputFileError, Lang, VerificationError

__all__ = ["Saved", "amount", "total_label", "unreadable"]

#: Most bytes a result file may have to be read (a workbook of a whole province stays below).
MAX_BYTES = 512 * 1024 * 1024


@dataclass
class Saved:
    """What a result file holds; a part it does not have is None."""

    label: str
    receipt_data: dict[str, Any]
    rows: pd.DataFrame | None = None
    rows_source: str | None = None
    #: the detail sheet's total row (workbook), by column
    rows_total: dict[str, Any] | None = None
    totals: pd.DataFrame | None = None
    totals_source: str | None = None
    rejected: pd.DataFrame | None = None
    rejected_source: str | None = None
    #: the receipt sheet's cells (key -> value), apart from receipt_json (workbook)
    cells: dict[str, Any] | None = None
    unchecked: list[tuple[str, str]] = field(default_factory=list)

    def cannot(self, en: str, id_: str) -> None:
        self.unchecked.append((en, id_))


#: How a result document handed over parsed (``json.loads(result.to_json())``) is named.
RESULT_LABEL = "<result>"


def read_saved(
    source: str | Path | Mapping[str, Any], lang: Lang, *, contents: bool = True
) -> Saved:
    """The :class:`Saved` of a file (see the module docstring), or of a receipt's dict;
    ``contents=False``: its receipt only (comparing receipts reads no rows)."""
    if isinstance(source, Mapping):
        if isinstance(source.get("receipt"), dict):  # a result document, parsed (to_json)
            doc = dict(source)
            return (
                _document(Path(RESULT_LABEL), doc)
                if contents
                else Saved(RESULT_LABEL, doc["receipt"])
            )
        return Saved("<receipt>", dict(source))
    path = Path(source)
    if not path.is_file():
        raise InputFileError(code="file_not_found", value=str(path))
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise InputFileError(code="file_too_large", value=path.name, detail=f"{size} bytes")
    suffix = path.suffix.lower()
    beside = path.with_name(path.stem + ".receipt.json")
    if suffix == ".csv" and beside.is_file():  # the file people hold: its receipt is beside it
        return read_saved(beside, lang, contents=contents)
    if suffix == ".xlsx":
        return _workbook(path, contents)
    if suffix == ".parquet":
        return _parquet(path)
    doc = _json(path)
    if isinstance(doc, dict) and isinstance(doc.get("receipt"), dict):  # a result document
        return _document(path, doc) if contents else Saved(path.name, doc["receipt"])
    if not isinstance(doc, dict):
        raise VerificationError(code="receipt_invalid", value=path.name, detail="not a JSON object")
    saved = Saved(path.name, doc)
    if contents and path.name.endswith(".receipt.json"):
        stem = path.name.removesuffix(".receipt.json")
        rows, rejected = path.with_name(stem + ".csv"), path.with_name(stem + ".rejected.csv")
        if rows.is_file():
            saved.rows, saved.rows_source = _csv(rows, lang, saved), rows.name
        elif rejected.is_file():  # written together: a paid-rows file gone is worth a word
            saved.unchecked.append(
                (
                    f"{rows.name} is missing: the paid rows were not compared",
                    f"{rows.name} tidak ada: baris pembayaran tidak dibandingkan",
                )
            )
        if rejected.is_file():
            saved.rejected, saved.rejected_source = _csv(rejected, lang, saved), rejected.name
    return saved


# -- forms -----------------------------------------------------------------------------------


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputFileError(
            code="unreadable_file", value=path.name, kind="JSON", detail=str(exc)[:200]
        ) from None


def _document(path: Path, doc: dict[str, Any]) -> Saved:
    saved = Saved(path.name, doc["receipt"])
    for key, attr in (("employees", "rows"), ("totals", "totals"), ("rejected", "rejected")):
        part = doc.get(key)
        if isinstance(part, list) and all(isinstance(r, dict) for r in part):
            setattr(saved, attr, _named(pd.DataFrame(part)))
            setattr(saved, attr + "_source", f"{path.name} ({key})")
        else:
            saved.cannot(
                f"{path.name} has no list '{key}'", f"{path.name} tidak memuat daftar '{key}'"
            )
    return saved


def _csv(path: Path, lang: Lang, saved: Saved) -> pd.DataFrame | None:
    """A CSV export as text cells, decoded and split as the input reader does it."""
    from tukin.io.csv_read import _decode, _delimiter

    try:
        text = _decode(path, lang)
        first = text.split("\n", 1)[0]
        frame = pd.read_csv(
            io.StringIO(text), sep=_delimiter(first), dtype=str, keep_default_na=False
        )
    except (InputFileError, ValueError, pd.errors.ParserError) as exc:
        detail = exc.message("en") if isinstance(exc, InputFileError) else str(exc)[:200]
        saved.cannot(
            f"{path.name} could not be read ({detail})",
            f"{path.name} tidak dapat dibaca ({detail})",
        )
        return None
    return _named(frame)


def _parquet(path: Path) -> Saved:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise InputFileError(code="missing_dependency", value="pyarrow", detail="Parquet") from None
    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises its own errors for a damaged file
        raise InputFileError(
            code="unreadable_file", value=path.name, kind="Parquet", detail=str(exc)[:200]
        ) from None
    meta = table.schema.metadata or {}
    raw = meta.get(b"tukin.receipt")
    if raw is None:
        raise VerificationError(code="receipt_invalid", value=path.name, detail="no tukin.receipt")
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise VerificationError(code="receipt_invalid", value=path.name, detail=str(exc)) from None
    saved = Saved(path.name, data, rows=_named(table.to_pandas()), rows_source=path.name)
    try:
        rejected = json.loads(meta.get(b"tukin.rejected", b"null"))
    except json.JSONDecodeError:
        rejected = None
    if isinstance(rejected, list):
        saved.rejected = _named(pd.DataFrame(rejected, columns=None if rejected else ["nip"]))
        saved.rejected_source = f"{path.name} (tukin.rejected)"
    else:
        saved.cannot(
            f"{path.name} has no readable rejected list (tukin.rejected)",
            f"{path.name} tidak memuat daftar ditolak yang terbaca (tukin.rejected)",
        )
    return saved


def _workbook(path: Path, contents: bool = True) -> Saved:
    """Every sheet of a result workbook that verification compares (``contents=False``:
    the receipt sheet only)."""
    import openpyxl

    from tukin.io.export import _SHEETS
    from tukin.io.safe import Limits, inspect_xlsx

    inspect_xlsx(path, Limits())
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises anything from KeyError to lxml errors
        raise InputFileError(
            code="unreadable_file", value=path.name, kind="Excel (.xlsx)", detail=str(exc)[:200]
        ) from None
    try:
        sheets = {
            kind: next((wb[t] for t in titles if t in wb.sheetnames), None)
            for kind, titles in _SHEETS.items()
        }
        receipt, cells = _receipt_cells(path, sheets["receipt"], wb)
        saved = Saved(path.name, receipt, cells=cells)
        parts = (("detail", "rows"), ("summary", "totals"), ("rejected", "rejected"))
        for kind, attr in parts if contents else ():
            ws = sheets[kind]
            if ws is None:
                names = "/".join(_SHEETS[kind])
                saved.cannot(
                    f"{path.name} has no sheet {names}", f"{path.name} tidak memuat sheet {names}"
                )
                continue
            setattr(saved, attr, _sheet_frame(ws))
            setattr(saved, attr + "_source", f"{path.name}, sheet {ws.title}")
    finally:
        wb.close()
    if saved.rows is not None and len(saved.rows) and "nip" in saved.rows:
        last = saved.rows.iloc[-1]
        if total_label(last["nip"]):  # the detail's total row: compared on its own
            saved.rows_total = {str(k): v for k, v in last.items()}
            saved.rows = saved.rows.iloc[:-1]
    return saved


def _receipt_cells(path: Path, ws: Any, wb: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The receipt (parsed: from the hidden sheet ``_receipt_json``, else the receipt sheet's
    ``receipt_json`` cell) and the receipt sheet's other cells by key."""
    from tukin.io.export import RECEIPT_SHEET

    cells: dict[str, Any] = {}
    cell: Any = None
    for row in ws.iter_rows(min_row=2, values_only=True) if ws is not None else ():
        if len(row) < 3 or not isinstance(row[1], str):
            continue
        if row[1] == "receipt_json":
            cell = row[2]
        else:
            cells[row[1]] = row[2]
    if RECEIPT_SHEET in wb.sheetnames:
        text = _receipt_parts(path, wb[RECEIPT_SHEET])
    elif ws is not None and isinstance(cell, str):
        text = cell  # format 1: the whole JSON in one cell
    else:
        raise VerificationError(
            code="receipt_invalid",
            value=path.name,
            detail=f"no Kuitansi/Receipt sheet with receipt_json, no sheet {RECEIPT_SHEET}",
        )
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise VerificationError(code="receipt_invalid", value=path.name, detail=str(exc)) from None
    if not isinstance(data, dict):
        raise VerificationError(code="receipt_invalid", value=path.name, detail="not a JSON object")
    return data, cells


def _receipt_parts(path: Path, ws: Any) -> str:
    """The receipt's JSON from its hidden sheet (format ``tukin-receipt-json/2``: the format,
    the number of parts and their characters in row 1, the parts from row 2 in column A),
    refused when its parts do not add up to what row 1 says (a row deleted, a cell cut)."""
    from tukin.io.export import RECEIPT_FORMAT, RECEIPT_SHEET

    rows = [(*row, None, None, None)[:3] for row in ws.iter_rows(max_col=3, values_only=True)]
    head = rows[0] if rows else (None, None, None)

    def refused(detail: str) -> VerificationError:
        return VerificationError(
            code="receipt_invalid", value=path.name, detail=f"sheet {RECEIPT_SHEET}: {detail}"
        )

    if head[0] != RECEIPT_FORMAT:
        raise refused(f"format {head[0]!r} is not {RECEIPT_FORMAT!r} (written by another tukin?)")
    if not isinstance(head[1], int) or not isinstance(head[2], int):
        raise refused("row 1 does not say how many parts and characters it holds")
    parts = [row[0] for row in rows[1:]]
    while parts and parts[-1] is None:
        parts.pop()
    if len(parts) != head[1] or not all(isinstance(p, str) for p in parts):
        raise refused(f"{len(parts)} part(s) where {head[1]} were written (edited?)")
    text = "".join(parts)
    if len(text) != head[2]:
        raise refused(f"{len(text)} characters where {head[2]} were written (edited or cut?)")
    return text


def _sheet_frame(ws: Any) -> pd.DataFrame:
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    rows = [r for r in rows if any(v is not None and str(v).strip() for v in r)]
    if not rows:
        return pd.DataFrame()
    head = ["" if h is None else str(h) for h in rows[0]]
    width = len(head)
    body = [(r + [None] * width)[:width] for r in rows[1:]]
    return _named(pd.DataFrame(body, columns=head))


# -- headers and cells -----------------------------------------------------------------------


@cache
def _header_index() -> dict[str, str]:
    """Every way a result file may head a column (its name, the workbook's labels in both
    languages), as the input readers compare headers (:func:`tukin.io._aliases.header_key`)."""
    from tukin.io._aliases import compact, header_key
    from tukin.io.export import LABELS

    index: dict[str, str] = {}
    for name, labels in LABELS.items():
        for text in (*labels, name):
            index.setdefault(compact(header_key(text)), name)
    for name in LABELS:  # a column's own name wins over another's label
        index[compact(header_key(name))] = name
    return index


def _named(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every header that names a result column renamed to it (the first
    such header when two name the same column)."""
    from tukin.io._aliases import compact, header_key
    from tukin.verify import AMOUNTS

    index = _header_index()
    found = [index.get(compact(header_key(header))) for header in frame.columns]
    # the amounts are written after the steps in every form: a step whose id reads as their
    # label (a final step 'tunjangan', a step 'diterima') comes first and is not taken for
    # them; the identity columns come first, so there the first header is the column
    chosen: dict[str, int] = {}
    for at, name in enumerate(found):
        if name is not None and (name not in chosen or name in AMOUNTS):
            chosen[name] = at
    taken = set(chosen)
    names: list[str] = []
    for at, header in enumerate(frame.columns):
        name = found[at]
        if name is None or chosen[name] != at:
            name = str(header) if str(header) not in taken else f"{header} ({at})"
        taken.add(name)
        names.append(name)
    return frame.set_axis(names, axis=1)


def total_label(value: Any) -> bool:
    """Whether a cell is the label of a total row (``JUMLAH`` / ``TOTAL``)."""
    from tukin.io.export import LABELS

    return isinstance(value, str) and value.strip().upper() in {t.upper() for t in LABELS["total"]}


def amount(value: Any) -> int | str | None:
    """A saved amount as an integer; None for a blank; the text itself when it is no whole
    number (a difference then shows what the file holds)."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else str(value)
    text = str(value).strip()
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    return int(number) if number.is_finite() and number == number.to_integral_value() else text


def unreadable(value: Any) -> bool:
    """Whether :func:`amount` gave up on ``value`` (kept as text)."""
    return isinstance(value, str)
