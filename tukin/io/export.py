"""A calculated Result as files: a workbook for people, CSV / JSON / Parquet for machines.

The workbook (``.xlsx``) has the sheets ``Ringkasan`` (totals per OPD), ``Rincian`` (one row
per paid employee with every step), ``Ditolak`` (rejected employees and why), ``Peringatan``
(when the run warned: input that rejected nobody but may have changed pay), ``Kuitansi``
(the receipt, a field a row), when NIPs are given ``Penjelasan`` (every step of those
employees), ``Aturan`` (the rules used, as a rule file: :mod:`tukin.io._saved_rules`) and
the hidden sheet ``_receipt_json`` (the receipt's JSON for ``tukin verify``, below). English
sheet names with ``lang="en"``. The CSV, JSON and Parquet forms carry the
rules too (``<name>.rules.yaml``, the key ``rules``, the metadata ``tukin.rules``).

Decisions, each for the auditor:

* Totals rows hold **values**, not formulas: a formula has no value until a spreadsheet
  program recalculates it, so a viewer, a script or pandas would see blanks, and an edited cell
  would silently change the total. Before writing, the totals are checked against the receipt
  (amounts, paid and rejected counts) and a mismatch raises instead of filing a wrong sum.
* Text is neutralised against formula injection (:func:`tukin.io.safe.neutralise`) in the
  workbook and the CSV; JSON and Parquet carry data as it is. The rules sheet keeps its YAML
  exactly, as text cells with Excel's quote prefix (never a formula), so that it loads again.
* Same result, same bytes: workbook times come from the receipt's ``computed_at``, zip entries
  are re-stamped (:mod:`tukin.io._xlsx`), JSON keys keep a fixed order.
* The receipt's JSON fits no single cell once a run has a few hundred OPDs (its totals per
  OPD): Excel keeps at most 32,767 characters in a cell, and openpyxl cuts longer text
  without a word. So it goes in parts to the hidden sheet ``_receipt_json``, format
  ``tukin-receipt-json/2``: ``A1`` the format, ``B1`` the number of parts, ``C1`` the
  characters in all; from row 2, the parts in order in column A, each at most 30,000
  characters and none starting or ending with a space (a program that trims cells cannot
  change it); joined, they are the JSON (ASCII, keys sorted). :mod:`tukin._saved` reads it,
  and format 1 too, the single ``receipt_json`` cell of the ``Kuitansi`` sheet of workbooks
  written before. The ``Kuitansi`` sheet shows each field; a field too long for a cell (the
  totals of hundreds of OPDs) says how many entries it has instead (:func:`receipt_cell`),
  and ``tukin verify`` holds every shown cell to the JSON.

CSV convention (documented for integrators): UTF-8 without BOM, comma, ``\\n`` line ends,
header = the column names of :meth:`Result.to_frame` (``nip``, ``allowance``...), rupiah as
integers, other numbers with a ``.`` decimal point, empty cell for no value. The receipt goes
next to it as ``<name>.receipt.json``, the rules as ``<name>.rules.yaml``, the rejected rows
as ``<name>.rejected.csv`` and, when the run warned, the warnings as ``<name>.warnings.csv``
(code, message).
"""

from __future__ import annotations

import datetime as dt
import io
import json
import uuid
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tukin._coerce import python_scalar
from tukin._fields import indented_json
from tukin._language import resolve as resolve_lang
from tukin.errors import CalculationError, InputWarning, Lang, TukinError
from tukin.io._explain_sheet import write_explanations
from tukin.io._json_rows import records_json_chunks
from tukin.io._saved_rules import PARQUET_KEY, rules_beside, rules_text, write_rules_sheet
from tukin.io._xlsx import (
    MONEY_FORMAT,
    TOTAL_FILL,
    _atomic_write,
    autosize,
    save,
    set_formats,
    style_header,
    write_rows,
)
from tukin.io.safe import is_text, neutralise
from tukin.result import STAGE_WORDS_ID

if TYPE_CHECKING:
    from tukin.result import Result

__all__ = [
    "LABELS",
    "write_csv",
    "write_json",
    "write_parquet",
    "write_result",
    "write_xlsx",
]

RESULT_FORMAT = "tukin-result/1"

#: The hidden sheet of the receipt's JSON in parts, and its format (version 1: one cell).
RECEIPT_SHEET = "_receipt_json"
RECEIPT_FORMAT = "tukin-receipt-json/2"
#: Most characters a cell holds (Excel's limit; openpyxl cuts longer text silently).
CELL_LIMIT = 32_767
#: Characters of each part of the receipt's JSON, with room to spare under the limit.
RECEIPT_PART = 30_000

#: Column and row labels of the result workbook: name -> (Indonesian, English).
LABELS: dict[str, tuple[str, str]] = {
    "nip": ("NIP", "NIP"),
    "name": ("Nama", "Name"),
    "status": ("Status", "Status"),
    "position_id": ("ID Jabatan", "Position ID"),
    "position_name": ("Nama Jabatan", "Position"),
    "position_kind": ("Jenis Jabatan", "Position kind"),
    "grade": ("Kelas Jabatan", "Grade"),
    "unit_id": ("ID Unit", "Unit ID"),
    "opd_id": ("ID OPD", "OPD ID"),
    "opd_name": ("Nama OPD", "OPD"),
    "employees": ("Jumlah Pegawai", "Employees"),
    "allowance": ("Tunjangan", "Allowance"),
    "deductions": ("Potongan", "Deductions"),
    "net": ("Diterima", "Net"),
    "rejected": ("Ditolak", "Rejected"),
    "stage": ("Tahap", "Stage"),
    "step": ("Langkah", "Step"),
    "code": ("Kode", "Code"),
    "reason": ("Alasan", "Reason"),
    "location": ("Lokasi", "Location"),
    "message": ("Pesan", "Message"),
    "month": ("Bulan", "Month"),
    "source": ("Sumber data", "Data source"),
    "employees_paid": ("Pegawai dihitung", "Employees costed"),
    "employees_left_out": ("Pegawai tidak dihitung", "Employees left out"),
    "employer": ("Iuran pemberi kerja", "Employer contributions"),
    "cost": ("Biaya", "Cost"),
    "left_out": ("Bulan-pegawai tidak dihitung", "Employee-months left out"),
    "ceiling_cut": ("Dipotong pagu (ceiling)", "Cut by the ceiling"),
    "thr": ("TPP pada THR", "TPP in the THR"),
    "gaji13": ("TPP pada gaji ke-13", "TPP in the 13th salary"),
    "pagu": ("Pagu", "Pagu"),
    "headroom": ("Sisa pagu", "Headroom"),
    "total": ("JUMLAH", "TOTAL"),
    "no_opd": ("(tanpa OPD: ditolak saat validasi)", "(no OPD: rejected in validation)"),
}
_SHEETS = {
    "summary": ("Ringkasan", "Summary"),
    "detail": ("Rincian", "Detail"),
    "rejected": ("Ditolak", "Rejected"),
    "warnings": ("Peringatan", "Warnings"),
    "receipt": ("Kuitansi", "Receipt"),
}
_RECEIPT_LABELS: dict[str, tuple[str, str]] = {
    "library_version": ("Versi tukin", "tukin version"),
    "ruleset_name": ("Nama aturan", "Rule set"),
    "ruleset_version": ("Versi aturan", "Rule set version"),
    "ruleset_fingerprint": ("Sidik aturan (SHA-256)", "Rule set fingerprint (SHA-256)"),
    "ruleset_changes": (
        "Berbeda dari paket aturan bawaan pada",
        "Differs from the packaged rule pack in",
    ),
    "dataset_fingerprint": ("Sidik data masukan (SHA-256)", "Input fingerprint (SHA-256)"),
    "period": ("Periode", "Period"),
    "computed_at": ("Waktu hitung (UTC)", "Computed at (UTC)"),
    "employees_in": ("Pegawai masuk", "Employees in"),
    "employees_paid": ("Pegawai dibayar", "Employees paid"),
    "employees_rejected": ("Pegawai ditolak", "Employees rejected"),
    "total_allowance": ("Jumlah tunjangan", "Total allowance"),
    "total_net": ("Jumlah diterima", "Total net"),
    "total_employer": ("Jumlah iuran pemberi kerja", "Total employer contributions"),
    "result_fingerprint": ("Sidik hasil (SHA-256)", "Result fingerprint (SHA-256)"),
    "fingerprint_version": ("Versi pengodean sidik data", "Input fingerprint encoding"),
    "table_fingerprints": ("Sidik per tabel masukan", "Fingerprint per input table"),
    "table_rows": ("Baris per tabel masukan", "Rows per input table"),
    "dataset_mode": ("Mode validasi masukan", "Input validation mode"),
    "nip_check": ("Pemeriksaan NIP saat membaca", "NIP check when read"),
    "opd_totals": ("Jumlah per OPD", "Totals per OPD"),
    "rejected_fingerprint": ("Sidik pegawai ditolak (SHA-256)", "Rejected fingerprint (SHA-256)"),
}
_MONEY = ("allowance", "deductions", "net")


#: The words of the rejected list's ``stage`` column and of its engine step ``input`` (a
#: row of the input the employee was paid on was thrown out), as a workbook in Indonesian shows
#: them; files for machines (CSV, JSON, Parquet) keep the codes.
_REJECTED_WORDS = {"stage": STAGE_WORDS_ID, "step": {"input": "masukan"}}


def _rejected_shown(rejected: pd.DataFrame, lang: Lang) -> pd.DataFrame:
    """The rejected list as the workbook shows it: in Indonesian, the stage and the engine's
    own step in Indonesian words (a rule file's step ids are the author's and stay)."""
    if lang != "id" or not len(rejected):
        return rejected
    shown = rejected.copy()
    for column, words in _REJECTED_WORDS.items():
        if column in shown:
            shown[column] = shown[column].map(
                lambda v, w=words: w.get(v, v) if isinstance(v, str) else v
            )
    return shown


def _label(name: str, lang: Lang) -> str:
    pair = LABELS.get(name)
    return (pair[0] if lang == "id" else pair[1]) if pair else name


def write_result(
    result: Result,
    path: str | Path,
    lang: Lang | None = None,
    explain_nips: Iterable[str] = (),
    warnings: Iterable[InputWarning] = (),
) -> Path:
    """Write ``result`` to ``path``; the suffix decides: .xlsx, .csv, .json or .parquet.

    ``warnings``: more to file before the Result's own. Those of reading the input (a hidden
    sheet: ``result.read_warnings``, from :attr:`tukin.Dataset.warnings`) and of the run
    (``result.warnings``) are filed always, so that what may have changed pay reaches the
    finance office with the amounts, not only a console."""
    lang = resolve_lang(lang)
    p = Path(path)
    suffix = p.suffix.lower()
    given = tuple(warnings)
    kept = [w for w in getattr(result, "read_warnings", ()) if w not in given]
    notes = (*given, *kept, *result.warnings)
    if suffix == ".xlsx":
        return write_xlsx(result, p, lang, explain_nips, notes)
    if suffix == ".csv":
        return write_csv(result, p, notes, lang)
    if suffix == ".json":
        return write_json(result, p, explain_nips, lang, notes)
    if suffix == ".parquet":
        return write_parquet(result, p, notes, lang)
    raise TukinError(code="output_format", value=p.name, lang=lang)


# -- tables --------------------------------------------------------------------------------------


def money_columns(frame: pd.DataFrame) -> list[str]:
    """Columns of whole rupiah: the engine gives rupiah steps as int64 (grade aside)."""
    from tukin.result import ID_COLUMNS

    return [
        str(c)
        for c in frame.columns
        if c not in ID_COLUMNS and pd.api.types.is_integer_dtype(frame[c].dtype)
    ]


def summary(result: Any, lang: Lang | None = None) -> pd.DataFrame:
    """Totals per OPD, a row for rejections without OPD, and a total row; reconciled.

    Built from the paid rows and the rejected rows directly (not only from ``totals()``) so an
    OPD whose every employee was rejected still shows, and the rejected column sums to the
    receipt's count.
    """
    lang = resolve_lang(lang)
    paid = result.to_frame()
    rejected = result.rejected
    money = [c for c in _MONEY if c in paid.columns]
    opd = paid["opd_id"].astype(object).where(paid["opd_id"].notna(), None)
    groups = paid.assign(opd_id=opd).groupby("opd_id", dropna=False, sort=True)
    table = groups[money].sum()
    table.insert(0, "employees", groups.size())
    table.insert(0, "opd_name", groups["opd_name"].first())
    rej_opd = rejected["opd_id"].astype(object).where(rejected["opd_id"].notna(), "")
    counts = rej_opd.value_counts()
    table = table.reindex(table.index.union(pd.Index([k for k in counts.index if k])))
    table["rejected"] = counts.reindex(table.index).fillna(0).astype(np.int64)
    if "opd_name" in rejected:  # an OPD whose every employee was rejected: its name too
        known = rejected[rejected["opd_id"].notna()]
        names = known.groupby(known["opd_id"].astype(object))["opd_name"].first()
        shown = table["opd_name"].astype(object)
        table["opd_name"] = shown.where(shown.notna(), names.reindex(table.index).astype(object))
    table = table.reset_index().rename(columns={"index": "opd_id"})
    if counts.get("", 0):
        extra = {
            "opd_id": None,
            "opd_name": _label("no_opd", lang),
            "employees": 0,
            "rejected": int(counts[""]),
            **dict.fromkeys(money, 0),
        }
        table = pd.concat([table, pd.DataFrame([extra])], ignore_index=True)
    for c in ["employees", *money, "rejected"]:
        table[c] = table[c].fillna(0).astype(np.int64)
    total = {
        "opd_id": _label("total", lang),
        "opd_name": None,
        **{c: int(table[c].sum()) for c in ["employees", *money, "rejected"]},
    }
    _reconcile(result.receipt, total)
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def _reconcile(receipt: Any, total: dict[str, Any]) -> None:
    checks = {
        "employees": receipt.employees_paid,
        "allowance": receipt.total_allowance,
        "net": receipt.total_net,
        "rejected": receipt.employees_rejected,
    }
    for name, expected in checks.items():
        if name in total and int(total[name]) != int(expected):
            raise CalculationError(
                code="invariant_broken",
                detail=f"summary {name} {total[name]} differs from the receipt's {expected}",
            )


# -- xlsx ----------------------------------------------------------------------------------------


def write_xlsx(
    result: Any,
    path: str | Path,
    lang: Lang | None = None,
    explain_nips: Iterable[str] = (),
    warnings: Iterable[InputWarning] | None = None,
) -> Path:
    """The result workbook for people (see the module docstring); ``warnings`` (None: the
    Result's own) get a sheet of their own when there are any."""
    lang = resolve_lang(lang)
    import openpyxl

    i = 0 if lang == "id" else 1
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = _SHEETS["summary"][i]
    _frame_sheet(ws, summary(result, lang), lang, total_row=True)
    detail = result.to_frame()
    money = money_columns(detail)
    if len(detail):
        total: dict[str, Any] = {str(c): None for c in detail.columns}
        total[detail.columns[0]] = _label("total", lang)
        total.update({c: int(detail[c].sum()) for c in money})
        detail = pd.concat([detail, pd.DataFrame([total])], ignore_index=True)
    _frame_sheet(
        wb.create_sheet(_SHEETS["detail"][i]), detail, lang, money, total_row=len(detail) > 0
    )
    _frame_sheet(
        wb.create_sheet(_SHEETS["rejected"][i]),
        _rejected_shown(result.rejected_in(lang), lang),
        lang,
    )
    notes = _notes(result, warnings, lang)
    if len(notes):
        _frame_sheet(wb.create_sheet(_SHEETS["warnings"][i]), notes, lang)
    receipt = wb.create_sheet(_SHEETS["receipt"][i])
    nips = nip_list(explain_nips)
    if nips:
        write_explanations(
            wb.create_sheet("Penjelasan" if lang == "id" else "Explanations"),
            [result.explain(n, lang=lang) for n in nips],
            lang,
        )
    rules = rules_text(result)
    if rules is not None:
        write_rules_sheet(wb, rules, lang)
    _receipt_sheet(receipt, result.receipt, lang, _receipt_json_sheet(wb, result.receipt))
    p = Path(path)
    save(wb, p, _when(result.receipt))
    return p


def _when(receipt: Any) -> dt.datetime:
    try:
        stamp = dt.datetime.fromisoformat(str(receipt.computed_at))
    except ValueError:
        return dt.datetime(2000, 1, 1)
    if stamp.tzinfo is not None:
        stamp = stamp.astimezone(dt.UTC).replace(tzinfo=None)
    return stamp


def _frame_sheet(
    ws: Any,
    frame: pd.DataFrame,
    lang: Lang,
    money: Iterable[str] = _MONEY,
    total_row: bool = False,
) -> None:
    from openpyxl.styles import Font, PatternFill

    names = [str(c) for c in frame.columns]
    write_rows(ws, [[_label(n, lang) for n in names]])
    write_rows(ws, (_cells(row) for row in frame.itertuples(index=False)), start=2)
    style_header(ws)
    money_set = set(money)
    set_formats(ws, {j: MONEY_FORMAT for j, name in enumerate(names, 1) if name in money_set})
    if total_row and len(frame):
        fill = PatternFill("solid", start_color=TOTAL_FILL, end_color=TOTAL_FILL)
        for cell in ws[len(frame) + 1]:
            cell.font = Font(bold=True)
            cell.fill = fill
    autosize(ws)


def _cells(row: Iterable[Any]) -> list[Any]:
    return [_plain(v) for v in row]


def _plain(value: Any) -> Any:
    """numpy/pandas scalars as Python; missing as None; floats that are NaN as None."""
    value = python_scalar(value)
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and not np.isfinite(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return value


def _receipt_sheet(ws: Any, receipt: Any, lang: Lang, parts: int) -> None:
    """The receipt a field a row; its JSON is in ``parts`` parts in the hidden sheet."""
    data = receipt.model_dump()
    heads = ["Butir", "Kunci", "Nilai"] if lang == "id" else ["Item", "Key", "Value"]
    rows: list[list[Any]] = [heads]
    for key, value in data.items():
        pair = _RECEIPT_LABELS.get(key, (key, key))
        rows.append([pair[0] if lang == "id" else pair[1], key, receipt_cell(key, value, lang)])
    where = (
        f"sheet tersembunyi {RECEIPT_SHEET} ({parts} bagian)"
        if lang == "id"
        else f"hidden sheet {RECEIPT_SHEET} ({parts} part{'s' if parts > 1 else ''})"
    )
    rows.append(["JSON (tukin verify)", "receipt_json", where])
    write_rows(ws, rows)
    style_header(ws)
    for r, key in enumerate(data, start=2):
        if key.startswith("total_"):
            ws.cell(row=r, column=3).number_format = MONEY_FORMAT
    autosize(ws, maximum=80)


def receipt_cell(key: str, value: Any, lang: Lang) -> Any:
    """A receipt field as the ``Kuitansi`` sheet shows it: a mapping as its JSON (keys
    sorted), a list joined by ``", "``, or, when that is too long for a cell (the totals of
    hundreds of OPDs), how many entries it has and where to read them."""
    if isinstance(value, dict):  # a cell holds no mapping: its JSON, keys sorted
        text = json.dumps(value, sort_keys=True, ensure_ascii=False)
        if _cell_length(text) <= CELL_LIMIT:
            return text
        i = 0 if lang == "id" else 1
        kind = "opd_totals" if key == "opd_totals" else "other"
        return _TOO_LONG[kind][i].format(n=len(value), sheet=_SHEETS["summary"][i])
    return ", ".join(value) if isinstance(value, list | tuple) else value


#: What the Kuitansi sheet shows for a mapping too long for a cell: (Indonesian, English).
_TOO_LONG = {
    "opd_totals": (
        "{n} OPD: terlalu panjang untuk satu sel; jumlah per OPD ada di sheet {sheet}",
        "{n} OPDs: too long for one cell; the totals per OPD are in sheet {sheet}",
    ),
    "other": (
        "{n} entri: terlalu panjang untuk satu sel; lengkapnya di sheet tersembunyi "
        + RECEIPT_SHEET,
        "{n} entries: too long for one cell; all of them are in the hidden sheet " + RECEIPT_SHEET,
    ),
}


def _cell_length(text: str) -> int:
    """Characters as a spreadsheet counts them (UTF-16 code units)."""
    return len(text.encode("utf-16-le")) // 2


def receipt_parts(text: str, size: int = RECEIPT_PART) -> list[str]:
    """``text`` cut into parts of at most ``size`` characters, none starting or ending with
    whitespace (a cut moves back to a place between two other characters)."""
    parts: list[str] = []
    start = 0
    while len(text) - start > size:
        cut = start + size
        while cut > start + 1 and (text[cut - 1].isspace() or text[cut].isspace()):
            cut -= 1
        if cut == start + 1:  # nothing but whitespace to cut at: cut where the size says
            cut = start + size
        parts.append(text[start:cut])
        start = cut
    parts.append(text[start:])
    return parts


def _receipt_json_sheet(wb: Any, receipt: Any) -> int:
    """The hidden sheet of the receipt's JSON in parts (format in the module docstring);
    returns how many parts."""
    text = json.dumps(receipt.model_dump(), sort_keys=True)  # ASCII: a character a unit
    parts = receipt_parts(text)
    ws = wb.create_sheet(RECEIPT_SHEET)
    ws.sheet_state = "hidden"
    # exact: a part is never neutralised (a "'" before "-1" would change the JSON)
    write_rows(ws, [[RECEIPT_FORMAT, len(parts), len(text)], *([p] for p in parts)], exact=True)
    return len(parts)


# -- machine formats -----------------------------------------------------------------------------


def _csv_bytes(frame: pd.DataFrame) -> bytes:
    safe = frame.copy()
    for c in safe.columns:
        if is_text(safe[c].dtype):
            safe[c] = safe[c].map(neutralise, na_action="ignore")
    buffer = io.StringIO()
    safe.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue().encode("utf-8")


def _receipt_json(receipt: Any) -> str:
    return json.dumps(receipt.model_dump(), indent=2, ensure_ascii=False) + "\n"


def write_csv(
    result: Any,
    path: str | Path,
    warnings: Iterable[InputWarning] | None = None,
    lang: Lang | None = None,
) -> Path:
    """Paid rows as CSV, plus ``<name>.receipt.json`` and ``<name>.rejected.csv`` beside it,
    and ``<name>.warnings.csv`` (code, message) when the run warned (``warnings`` None: the
    Result's own); an old one of an earlier run is removed, so none stale is left beside it."""
    p = Path(path)
    _atomic_write(p, _csv_bytes(result.to_frame()))
    rejected = result.rejected_in(resolve_lang(lang))
    _atomic_write(p.with_name(p.stem + ".rejected.csv"), _csv_bytes(rejected))
    _atomic_write(p.with_name(p.stem + ".receipt.json"), _receipt_json(result.receipt).encode())
    rules, rules_file = rules_text(result), rules_beside(p)
    if rules is not None:
        _atomic_write(rules_file, rules.encode("utf-8"))
    else:  # a Result without its rules: no stale file of another run beside it
        rules_file.unlink(missing_ok=True)
    notes = _notes(result, warnings, lang)
    beside = p.with_name(p.stem + ".warnings.csv")
    if len(notes):
        _atomic_write(beside, _csv_bytes(notes))
    else:
        beside.unlink(missing_ok=True)
    return p


def _notes(result: Any, warnings: Iterable[InputWarning] | None, lang: Lang | None) -> pd.DataFrame:
    """The warnings a writer files: ``warnings`` as given, else (None) the Result's own."""
    chosen = result.warnings if warnings is None else warnings
    return warnings_frame(chosen, resolve_lang(lang))


def warnings_frame(warnings: Iterable[InputWarning], lang: Lang) -> pd.DataFrame:
    """One row per warning: its code and its message in ``lang``."""
    rows = [(w.code, w.message(lang)) for w in warnings]
    return pd.DataFrame(rows, columns=["code", "message"]).astype(object)


def warning_records(
    result: Any, warnings: Iterable[InputWarning] | None, lang: Lang | None
) -> list[dict[str, Any]]:
    """The warnings a document for programs files (``warnings`` None: the Result's own), each
    ``code``, ``message`` in ``lang`` and ``fields`` (:attr:`InputWarning.params`)."""
    chosen = result.warnings if warnings is None else warnings
    lang = resolve_lang(lang)
    return [w.to_dict(lang) for w in chosen]


def _rejected_records(result: Any, lang: Lang) -> list[dict[str, Any]]:
    """The rejected rows as a document for programs lists them: the columns of
    :meth:`Result.rejected_in` and ``fields``, each row's parameters (``{}`` where none)."""
    return _records(result._rejected_rows(lang))


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    columns = [str(c) for c in frame.columns]
    return [dict(zip(columns, _cells(row), strict=True)) for row in frame.itertuples(index=False)]


def write_json(
    result: Any,
    path: str | Path,
    explain_nips: Iterable[str] = (),
    lang: Lang | None = None,
    warnings: Iterable[InputWarning] | None = None,
) -> Path:
    """One JSON document: format, receipt, per-OPD totals, paid rows, rejected rows, and the
    warnings (code, message; ``warnings`` None: the Result's own). Written as it is made
    (:func:`json_chunks`): a million paid rows are some 1.6 GB of text, which as one string,
    its copies and its bytes took several times that in memory (review 112)."""
    p = Path(path)
    _atomic_write(p, (c.encode("utf-8") for c in json_chunks(result, explain_nips, lang, warnings)))
    return p


def json_text(
    result: Any,
    explain_nips: Iterable[str] = (),
    lang: Lang | None = None,
    warnings: Iterable[InputWarning] | None = None,
) -> str:
    """The text :func:`write_json` writes (schema ``result``), for a service that answers
    with it (:meth:`tukin.Result.to_json`)."""
    return "".join(json_chunks(result, explain_nips, lang, warnings))


def json_chunks(
    result: Any,
    explain_nips: Iterable[str] = (),
    lang: Lang | None = None,
    warnings: Iterable[InputWarning] | None = None,
) -> Iterator[str]:
    """:func:`json_text` in pieces whose concatenation is the document. The small sections
    are one ``json.dumps``; the paid rows, the ``exact`` rows and the rejected rows (most of
    the text) are written by writers of their own in the places of markers in it, a block of
    rows at a time when asked for, so that a file can be written without the whole text."""
    lang = resolve_lang(lang)
    doc: dict[str, Any] = {
        "format": RESULT_FORMAT,
        "receipt": result.receipt.model_dump(),
        "totals": _records(summary(result, lang).iloc[:-1]),
        "employees": [],  # written below by columns, or here when it cannot be
        # each rejected row and warning with its ``fields``: the parameters a program reads
        # instead of the words (review 82); the rows written below, as ``exact`` is
        "rejected": [],
        "warnings": warning_records(result, warnings, lang),
    }
    #: the key of a section written apart -> its pieces (made when asked for)
    apart: dict[str, Iterable[str]] = {}
    rejected = _rejected_records(result, lang)
    if rejected:
        # json.dumps's characters, written without its generators (tukin._fields); a row's
        # fields shared with others (one reason's) written once
        apart["rejected"] = (indented_json(rows, 1) for rows in [rejected])
    # additive (review 78): the unit of every column and the exact value of every number
    # as text, so a program never takes a ratio for money nor a rounded float for the value
    units = result.column_units()
    doc["units"] = units
    exact = result._exact_columns(units)
    if exact is not None:  # written by numpy (review 81)
        apart["exact"] = exact.json_chunks(2, 1)
        doc["exact"] = None  # its place among the keys (its marker below)
    rules = rules_text(result)
    if rules is not None:
        doc["rules"] = rules  # the rule file that computed it (tukin verify reads it)
    nips = nip_list(explain_nips)
    if nips:
        doc["explanations"] = {n: result.explain(n, lang=lang).to_dict() for n in nips}
    # the paid rows, most of the document, by columns (tukin.io._json_rows): the same text
    paid = result.to_frame()
    employees = records_json_chunks(paid, _plain, 2, 1)
    if employees is None:
        doc["employees"] = _records(paid)
    else:
        apart["employees"] = employees
    markers = {key: f"tukin-{key}-{uuid.uuid4().hex}" for key in apart}
    doc.update(markers)  # each in the place its key has
    text = json.dumps(doc, indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    del doc
    places = sorted(
        (text.index(f'"{key}": "{marker}"') + len(key) + 4, key, marker)
        for key, marker in markers.items()
    )
    done = 0
    for at, key, marker in places:
        yield text[done:at]
        yield from apart[key]
        done = at + len(marker) + 2
    yield text[done:]


def write_parquet(
    result: Any,
    path: str | Path,
    warnings: Iterable[InputWarning] | None = None,
    lang: Lang | None = None,
) -> Path:
    """Paid rows as Parquet; the receipt, rejected rows and warnings ride in the file's
    metadata."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise TukinError(code="missing_dependency", value="pyarrow", detail="Parquet") from None
    # shared text as plain strings: categories would be written as dictionaries whose index
    # width follows the number of distinct values, and two months' files would not combine
    table = pa.Table.from_pandas(result.to_frame(text=True), preserve_index=False)
    meta = dict(table.schema.metadata or {})
    meta[b"tukin.receipt"] = json.dumps(result.receipt.model_dump(), sort_keys=True).encode()
    rejected = _rejected_records(result, resolve_lang(lang))
    meta[b"tukin.rejected"] = json.dumps(rejected, allow_nan=False).encode()
    notes = warning_records(result, warnings, lang)
    meta[b"tukin.warnings"] = json.dumps(notes, allow_nan=False).encode()
    meta[b"tukin.units"] = json.dumps(result.column_units()).encode()
    rules = rules_text(result)
    if rules is not None:
        meta[PARQUET_KEY] = rules.encode("utf-8")
    table = table.replace_schema_metadata(meta)
    buffer = io.BytesIO()
    pq.write_table(table, buffer)
    p = Path(path)
    _atomic_write(p, buffer.getvalue())
    return p


# -- a year's projection (tukin.planning) ----------------------------------------------------


_PLAN_SHEETS = {
    "summary": ("Ringkasan", "Summary"),
    "monthly": ("Bulanan", "Monthly"),
    "by_opd": ("Per OPD", "By OPD"),
    "left_out": ("Tidak Dihitung", "Left out"),
    "warnings": ("Peringatan", "Warnings"),
}
_PLAN_MONEY = (
    "allowance",
    "deductions",
    "net",
    "employer",
    "cost",
    "ceiling_cut",
    "pagu",
    "headroom",
    "thr",
    "gaji13",
)


def plan_summary(projection: Any, lang: Lang) -> list[tuple[str, Any]]:
    """The lines a budget officer reads first: year, cost, pagu, headroom, whether it fits,
    and whether every employee in service is in the cost."""
    id_ = lang == "id"
    yes, no = ("ya", "tidak") if id_ else ("yes", "no")
    fits = None if projection.fits is None else (yes if projection.fits else no)
    lines: list[tuple[str, Any]] = [
        ("Tahun" if id_ else "Year", projection.year),
        ("Biaya setahun (Rp)" if id_ else "Cost of the year (Rp)", projection.total),
        *_extra_lines(projection, lang),
        ("Pagu (Rp)", projection.pagu),
        ("Sisa pagu (Rp)" if id_ else "Headroom (Rp)", projection.headroom),
    ]
    if projection.pagu_opd is not None:  # the OPDs over their own DPA line, by name
        # a word for none: a bare "-" is written to the workbook as "'-" (tukin.io.safe)
        over = ", ".join(str(o) for o in projection.over_pagu["opd_id"]) or (
            "tidak ada" if id_ else "none"
        )
        lines.append(("OPD melebihi pagunya" if id_ else "OPDs over their pagu", over))
    cut = int(projection.monthly["ceiling_cut"].sum())
    if cut:  # what the rule set's ceilings withheld: the cost without them is total + cut
        lines.append(("Dipotong pagu/ceiling (Rp)" if id_ else "Cut by ceilings (Rp)", cut))
    return [
        *lines,
        ("Cukup dalam pagu" if id_ else "Fits the pagu", fits),
        (
            "Semua pegawai aktif dihitung" if id_ else "Every employee in service costed",
            yes if projection.complete else no,
        ),
    ]


def _extra_lines(projection: Any, lang: Lang) -> list[tuple[str, Any]]:
    """With the THR and gaji ke-13 TPP in the cost: the twelve months, then each payment and
    what it is (share, base month, month paid), so the year's cost is read as its parts."""
    extras = getattr(projection, "extras", None)
    if extras is None or extras.empty:
        return []
    from tukin._plan_extra import basis_text, extra_label

    id_ = lang == "id"
    months = projection.total - int(extras["amount"].sum())
    lines: list[tuple[str, Any]] = [
        ("Biaya 12 bulan (Rp)" if id_ else "Cost of the 12 months (Rp)", months)
    ]
    for row in extras.itertuples(index=False):
        basis = basis_text(row.share, row.base_month, row.paid_month, lang)
        label = extra_label(row.kind, lang)
        lines.append((f"{label} (Rp)", int(row.amount)))
        lines.append((f"{'Dasar' if id_ else 'Basis of the'} {label}", basis))
    return lines


def write_projection(projection: Any, path: str | Path, lang: Lang | None = None) -> Path:
    """A year's projection (:func:`tukin.planning.project_year`) as a workbook for the budget
    office (.xlsx: summary, months, OPDs, the employees left out of the cost, warnings) or
    its months as CSV (.csv, with ``<name>.by_opd.csv`` and ``<name>.left_out.csv`` beside)."""
    lang = resolve_lang(lang)
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".csv":
        _atomic_write(p, _csv_bytes(projection.monthly))
        _atomic_write(p.with_name(p.stem + ".by_opd.csv"), _csv_bytes(projection.by_opd))
        _atomic_write(p.with_name(p.stem + ".left_out.csv"), _csv_bytes(projection.left_out))
        extras = getattr(projection, "extras", None)
        beside = p.with_name(p.stem + ".extras.csv")
        if extras is not None and not extras.empty:  # one labelled line per payment
            _atomic_write(beside, _csv_bytes(extras.astype({"share": str})))
        else:  # none stale of an earlier run with them
            beside.unlink(missing_ok=True)
        return p
    if suffix != ".xlsx":
        raise TukinError(code="output_format", value=p.name, lang=lang)
    import openpyxl

    i = 0 if lang == "id" else 1
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = _PLAN_SHEETS["summary"][i]
    summary = plan_summary(projection, lang)
    write_rows(ws, [[label, value] for label, value in summary])
    for r, (label, value) in enumerate(summary, 1):
        if isinstance(value, int) and "(Rp)" in label:
            ws.cell(row=r, column=2).number_format = MONEY_FORMAT
    autosize(ws, maximum=60)
    sheets = (
        ("monthly", projection.monthly),
        ("by_opd", projection.by_opd),
        ("left_out", projection.left_out),
        ("warnings", warnings_frame(projection.warnings, lang)),
    )
    for key, frame in sheets:
        _frame_sheet(wb.create_sheet(_PLAN_SHEETS[key][i]), frame, lang, _PLAN_MONEY)
    save(wb, p, dt.datetime(projection.year, 1, 1))
    return p


def nip_list(explain_nips: Iterable[str] | str) -> list[str]:
    """The NIPs to explain: one NIP given alone (``"1980..."``, or a number) is that NIP, not
    its 18 characters one by one (which once failed on a "NIP 1" nobody gave)."""
    if isinstance(explain_nips, str | int):
        return [str(explain_nips)]
    return [str(n) for n in explain_nips]
