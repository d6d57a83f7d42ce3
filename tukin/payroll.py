"""The payroll list (*daftar nominatif*): who is paid what, per OPD, with totals that reconcile.

The treasurer of each OPD (bendahara) pays from a signed list: name, NIP, kelas jabatan, gross
allowance, each deduction, net, and the bank account. :func:`payroll_list` builds it from a
:class:`~tukin.result.Result`; :func:`to_excel` writes one sheet per OPD plus a recap, and
:func:`to_csv` one file with the employee rows followed by a subtotal per OPD and a grand total
(``row_type`` tells them apart). Employer contributions (BPJS 4%) are shown in their own
columns: they are paid on top, not withheld. Before anything is written the totals are checked
against the result's receipt: gross, deductions and net per OPD must add up to the run's
totals to the rupiah, or :class:`~tukin.errors.CalculationError` (``invariant_broken``) is raised.

An employee whose net is Rp0 (the whole allowance cut: a month absent, a sanction, or
deductions as large as it) is computed and paid nothing. A bank refuses a transfer of Rp0, so
such a line in the list a bank file is made from stops the batch or is dropped by hand, and
the list the head of OPD signs no longer adds up. So by default (``zero_net="apart"``) they are
kept out of the list and listed apart (:func:`not_paid_list`, with the reason): the workbook's
sheet *Tidak Dibayar* and the Rekap's note, the CSV's ``not_paid`` rows after the total; the
list and the rows apart together reconcile with the receipt, so everyone the run paid is
accounted for. ``zero_net="listed"`` keeps them in the list, as offices that sign one list of
everyone entitled do.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from tukin._language import resolve as resolve_lang
from tukin.errors import CalculationError
from tukin.io.safe import neutralise_frame

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.result import Result

__all__ = ["HEADERS", "NOT_PAID_REASONS", "not_paid_list", "payroll_list", "to_csv", "to_excel"]

Lang = Literal["id", "en"]
#: Where the rows of a net of Rp0 go: ``apart`` (out of the list, in :func:`not_paid_list`)
#: or ``listed`` (in the list, as any other row).
ZeroNet = Literal["apart", "listed"]
HEADERS: dict[str, tuple[str, str]] = {
    "no": ("No", "No"),
    "opd_id": ("Kode OPD", "OPD code"),
    "opd_name": ("Perangkat Daerah", "OPD"),
    "name": ("Nama", "Name"),
    "nip": ("NIP", "NIP"),
    "position_name": ("Jabatan", "Position"),
    "grade": ("Kelas Jabatan", "Grade"),
    "gross": ("TPP Kotor", "Gross allowance"),
    "deductions": ("Jumlah Potongan", "Total deductions"),
    "net": ("TPP Bersih", "Net allowance"),
    "bank_account": ("Nomor Rekening", "Bank account"),
    "employees": ("Jumlah Pegawai", "Employees"),
    "row_type": ("Jenis Baris", "Row type"),
    "reason": ("Keterangan", "Reason"),
}
_MONEY = ("gross", "deductions", "net")
#: Why a row's net is Rp0, by the ``reason`` :func:`not_paid_list` gives it.
NOT_PAID_REASONS: dict[str, tuple[str, str]] = {
    "gross_zero": (
        "TPP kotor Rp0: tunjangan habis dipotong menurut aturan (lihat rincian perhitungan)",
        "gross allowance Rp0: cut to nothing by the rules (see the explanation)",
    ),
    "deducted_whole": (
        "potongan sama dengan TPP kotor: tidak ada yang ditransfer, potongan tetap disetor",
        "deductions equal the gross allowance: nothing to transfer, the deductions are still "
        "remitted",
    ),
}
_NOT_PAID_SHEET = ("Tidak Dibayar", "Not paid")


def payroll_list(
    result: Result, dataset: Dataset | None = None, *, zero_net: ZeroNet = "apart"
) -> pd.DataFrame:
    """One row per paid employee, ordered by OPD then NIP: identity, gross, every deduction
    step, total deductions, net, every employer contribution, and ``bank_account`` when the
    employees table has one (taken from ``dataset``, or from the run's employee frame).

    A net of Rp0 is no transfer: with ``zero_net="apart"`` (the default) such rows are left
    out and given by :func:`not_paid_list`; ``"listed"`` keeps them. Either way the rows
    reconcile with the receipt (the list's with those apart)."""
    return _lists(result, dataset, zero_net)[0]


def not_paid_list(result: Result, dataset: Dataset | None = None) -> pd.DataFrame:
    """The rows :func:`payroll_list` leaves apart: employees paid by the run whose net is
    Rp0, with the list's columns and ``reason`` (a key of :data:`NOT_PAID_REASONS`:
    ``gross_zero``, or ``deducted_whole`` when deductions take a gross above 0, which are
    still remitted). Numbered per OPD, ordered by OPD then NIP."""
    return _apart(_all_rows(result, dataset))


def _lists(
    result: Result, dataset: Dataset | None, zero_net: ZeroNet
) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """:func:`payroll_list` and, with ``zero_net="apart"``, :func:`not_paid_list` (else
    None), from one pass over the result: the writers want both, and building the rows
    checks them against the receipt."""
    table = _all_rows(result, dataset)
    if zero_net == "listed":
        return table, None
    if zero_net != "apart":
        raise ValueError(f"zero_net is 'apart' or 'listed', not {zero_net!r}")
    kept = table[table["net"] != 0].reset_index(drop=True)
    kept["no"] = kept.groupby("opd_id", dropna=False).cumcount() + 1
    return kept, _apart(table)


def _apart(table: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``table`` whose net is Rp0, numbered per OPD, with their reason."""
    apart = table[table["net"] == 0].reset_index(drop=True)
    apart["no"] = apart.groupby("opd_id", dropna=False).cumcount() + 1
    apart["reason"] = np.where(apart["gross"] == 0, "gross_zero", "deducted_whole")
    return apart


def _all_rows(result: Result, dataset: Dataset | None) -> pd.DataFrame:
    """Every employee the run paid, as the list's rows, checked against the receipt."""
    f = result.to_frame()
    # the rules kept with the Result, not its run's: a partitioned result has no run of its
    # own, and its list lost every deduction and employer column (the net stayed right)
    rs = result.ruleset
    deductions = list(rs.outputs.deductions) if rs else []
    employer = list(rs.outputs.employer) if rs else []
    out = pd.DataFrame(
        {c: f[c] for c in ("opd_id", "opd_name", "name", "nip", "position_name", "grade") if c in f}
    )
    out["gross"] = f["allowance"].astype(np.int64)
    for d in deductions:
        out[d] = f[d].astype(np.int64)
    out["deductions"] = f["deductions"].astype(np.int64) if "deductions" in f else np.int64(0)
    out["net"] = f["net"].astype(np.int64)
    for e in employer:
        out[e] = f[e].astype(np.int64)
    bank = _bank_accounts(result, dataset)
    if bank is not None:
        out["bank_account"] = out["nip"].astype(str).map(bank)
    out = out.sort_values(["opd_id", "nip"], kind="stable", na_position="last").reset_index(
        drop=True
    )
    out.insert(0, "no", out.groupby("opd_id", dropna=False).cumcount() + 1)
    _check(out, result, deductions, employer)
    return out


def _bank_accounts(result: Result, dataset: Dataset | None) -> pd.Series | None:
    if dataset is not None:
        emp = dataset["employees"]
    elif result._run is not None:
        emp = result._run.frame
    else:
        return None
    if "bank_account" not in emp:
        return None
    return pd.Series(
        emp["bank_account"].astype(object).to_numpy(), index=emp["nip"].astype(str).to_numpy()
    )


def _check(out: pd.DataFrame, result: Result, deductions: list[str], employer: list[str]) -> None:
    r = result.receipt
    gross, net = int(out["gross"].sum()), int(out["net"].sum())
    problems = []
    if gross != r.total_allowance or net != r.total_net or len(out) != r.employees_paid:
        problems.append(
            f"list Rp{gross} gross / Rp{net} net / {len(out)} rows vs receipt {r.total_allowance} / {r.total_net} / {r.employees_paid}"
        )
    if not (out["gross"] - out["deductions"] == out["net"]).all():
        problems.append("gross - deductions != net on some rows")
    if deductions and not (out[deductions].sum(axis=1) == out["deductions"]).all():
        problems.append("the deduction columns do not add up to the total deductions")
    if problems:
        raise CalculationError(code="invariant_broken", detail="; ".join(problems))


def recap(table: pd.DataFrame) -> pd.DataFrame:
    """Totals per OPD (employees and every money column) and a grand total row last."""
    money = _money_columns(table)
    g = table.groupby(["opd_id", "opd_name"], dropna=False, sort=True)
    out = g[money].sum()
    out.insert(0, "employees", g.size())
    out = out.reset_index()
    total = {"opd_id": "", "opd_name": "JUMLAH / TOTAL", "employees": int(out["employees"].sum())}
    total.update({c: int(out[c].sum()) for c in money})
    return pd.concat([out, pd.DataFrame([total])], ignore_index=True)


def _money_columns(table: pd.DataFrame) -> list[str]:
    skip = {"no", "grade"}
    return [c for c in table.columns if c not in skip and pd.api.types.is_integer_dtype(table[c])]


def to_csv(
    result: Result,
    path: str | Path,
    dataset: Dataset | None = None,
    *,
    lang: Lang | None = None,
    zero_net: ZeroNet = "apart",
) -> Path:
    """Write the list as one CSV: employee rows, then a subtotal per OPD, then the grand total,
    then (``zero_net="apart"``) the rows of a net of Rp0, ``row_type`` ``not_paid`` with their
    reason: outside every total, never a transfer.

    Amounts are plain integers (no thousands separator) so any spreadsheet re-adds them.
    Headers are in ``lang`` (``None``: :func:`tukin.get_language`)."""
    lang = resolve_lang(lang)
    table, apart = _lists(result, dataset, zero_net)
    money = _money_columns(table)
    parts = []
    for (opd_id, opd_name), rows in table.groupby(["opd_id", "opd_name"], dropna=False, sort=True):
        parts.append(rows.assign(row_type="employee"))
        sub = {"opd_id": opd_id, "opd_name": opd_name, "row_type": "subtotal"}
        sub.update({c: int(rows[c].sum()) for c in money})
        parts.append(pd.DataFrame([sub]))
    grand = {"row_type": "total", **{c: int(table[c].sum()) for c in money}}
    parts.append(pd.DataFrame([grand]))
    if apart is not None and len(apart):
        reasons = apart["reason"].map(lambda r: NOT_PAID_REASONS[r][0 if lang == "id" else 1])
        parts.append(apart.assign(row_type="not_paid", reason=reasons))
    out = pd.concat(parts, ignore_index=True)
    for c in money:
        out[c] = out[c].astype("Int64")
    for c in ("no", "grade"):
        if c in out:
            out[c] = out[c].astype("Int64")
    out = neutralise_frame(out.rename(columns=_headers(out.columns, lang, result)))
    path = Path(path)
    out.to_csv(path, index=False, lineterminator="\n")
    return path


def to_excel(
    result: Result,
    path: str | Path,
    dataset: Dataset | None = None,
    *,
    lang: Lang | None = None,
    zero_net: ZeroNet = "apart",
) -> Path:
    """Write an Excel workbook: a recap sheet, then one sheet per OPD with its total row
    (headers and titles in ``lang``; ``None``: :func:`tukin.get_language`), then
    (``zero_net="apart"``) the sheet *Tidak Dibayar* of the employees whose net is Rp0, with
    the reason, which the recap names above its table."""
    lang = resolve_lang(lang)
    from openpyxl.styles import Font

    table, found_apart = _lists(result, dataset, zero_net)
    apart = found_apart if found_apart is not None else table.iloc[:0]
    money = _money_columns(table)
    rec = recap(table)
    path = Path(path)
    title = "DAFTAR NOMINATIF TPP" if lang == "id" else "PAYROLL LIST (TPP)"
    period = f"{'Periode' if lang == 'id' else 'Period'} {result.period}"
    with pd.ExcelWriter(path, engine="openpyxl") as xw:
        neutralise_frame(rec.rename(columns=_headers(rec.columns, lang, result))).to_excel(
            xw, sheet_name="Rekap", index=False, startrow=3
        )
        ws = xw.sheets["Rekap"]
        ws["A1"], ws["A2"] = title, period
        ws["A1"].font = Font(bold=True)
        _format(ws, rec, money, 4)
        used = {"rekap"}
        if len(apart):
            apart_sheet = _sheet_name(_NOT_PAID_SHEET[0 if lang == "id" else 1], used)
            ws["A3"] = _apart_note(apart, apart_sheet, money, lang, result)
        for (opd_id, opd_name), rows in table.groupby(
            ["opd_id", "opd_name"], dropna=False, sort=True
        ):
            sheet = _sheet_name(str(opd_id), used)
            body = rows.drop(columns=["opd_id", "opd_name"])
            total = {
                "name": "JUMLAH" if lang == "id" else "TOTAL",
                **{c: int(rows[c].sum()) for c in money},
            }
            body = pd.concat([body, pd.DataFrame([total])], ignore_index=True)
            neutralise_frame(body.rename(columns=_headers(body.columns, lang, result))).to_excel(
                xw, sheet_name=sheet, index=False, startrow=3
            )
            ws = xw.sheets[sheet]
            ws["A1"], ws["A2"] = f"{title} — {opd_name}", period
            ws["A1"].font = Font(bold=True)
            _format(ws, body, money, 4)
            for cell in ws[ws.max_row]:
                cell.font = Font(bold=True)
        if len(apart):
            reasons = apart["reason"].map(lambda r: NOT_PAID_REASONS[r][0 if lang == "id" else 1])
            body = apart.assign(reason=reasons)
            neutralise_frame(body.rename(columns=_headers(body.columns, lang, result))).to_excel(
                xw, sheet_name=apart_sheet, index=False, startrow=3
            )
            ws = xw.sheets[apart_sheet]
            ws["A1"] = (
                f"{title} — TIDAK DIBAYAR (TPP BERSIH Rp0)"
                if lang == "id"
                else f"{title} — NOT PAID (NET Rp0)"
            )
            ws["A2"] = period
            ws["A1"].font = Font(bold=True)
            _format(ws, body, money, 4)
    return path


def _apart_note(
    apart: pd.DataFrame, sheet: str, money: list[str], lang: Lang, result: Result
) -> str:
    """The Rekap's line on the rows apart: how many, where, and the amounts its totals leave
    out. A net of Rp0 whose deductions take a gross above 0 (``deducted_whole``) still has
    those deductions to remit (BPJS, PPh 21) and the employer's contributions to pay; the
    Rekap's totals, which a treasurer remits from, no longer hold them, so they are named."""
    from tukin.money import format_rupiah

    id_ = lang == "id"
    said = (
        f"{len(apart)} pegawai dengan TPP bersih Rp0 tidak masuk daftar ini (tidak "
        f"ditransfer): lihat sheet '{sheet}'"
        if id_
        else f"{len(apart)} employee(s) with a net allowance of Rp0 are not in this list (no "
        f"transfer): see sheet '{sheet}'"
    )
    left = {c: int(apart[c].sum()) for c in money if c not in ("net",)}
    if not any(v for c, v in left.items() if c != "gross"):
        return said  # nothing to remit or pay: the totals below lack only Rp0 lines
    names = _headers(pd.Index(list(left)), lang, result)
    amounts = ", ".join(f"{names[c]} {format_rupiah(v, lang=lang)}" for c, v in left.items() if v)
    return (
        f"{said}. Jumlah di bawah tidak memuat baris tersebut: {amounts} (potongan tetap "
        "disetor, iuran pemberi kerja tetap dibayar)"
        if id_
        else f"{said}. The totals below leave those rows out: {amounts} (the deductions are "
        "still remitted, the employer's contributions still paid)"
    )


def _headers(columns: pd.Index, lang: Lang, result: Result | None = None) -> dict[str, str]:
    """Column headers in ``lang``; deduction and employer steps by their rule-file label."""
    i = 0 if lang == "id" else 1
    out = {c: HEADERS[c][i] for c in columns if c in HEADERS}
    rs = result.ruleset if result is not None else None
    if rs is not None:
        employer = set(rs.outputs.employer)
        for c in columns:
            if c not in out and c in {s.id for s in rs.steps}:
                title = rs.step(c).title(lang)
                if c in employer:
                    title += " (pemberi kerja)" if lang == "id" else " (employer)"
                out[c] = title
    return out


def _format(ws: Any, frame: pd.DataFrame, money: list[str], header_row: int) -> None:
    """Column widths, and a thousands format on the money columns (values stay integers)."""
    wide = ("name", "opd_name", "position_name")
    for j, c in enumerate(frame.columns, start=1):
        letter = ws.cell(row=header_row, column=j).column_letter
        ws.column_dimensions[letter].width = 14 if c in money else (30 if c in wide else 20)
        if c in money:
            for row in ws.iter_rows(min_row=header_row + 1, min_col=j, max_col=j):
                for cell in row:
                    cell.number_format = "#,##0"


def _sheet_name(text: str, used: set[str]) -> str:
    """Excel sheet names: at most 31 characters, none of []:*?/\\, unique ignoring case."""
    base = re.sub(r"[\[\]:*?/\\]", "_", text).strip("'") or "OPD"
    base = base[:31]
    name, k = base, 2
    while name.lower() in used:
        suffix = f" ({k})"
        name, k = base[: 31 - len(suffix)] + suffix, k + 1
    used.add(name.lower())
    return name
