"""Re-run a saved payment and say whether it still comes out the same (``tukin verify``).

An auditor holds, years later, the receipt of a payment run and the inputs it was computed
from. :func:`verify_receipt` recomputes the receipt's period from those inputs under the given
rule set and compares, field by field, everything that pins the payment: the rule set (name,
version, fingerprint), the input fingerprint, the period, the head counts, the totals and the
fingerprint of every amount paid. The time of the run (``computed_at``) is shown, not compared;
a different library version is noted, not failed: what matters is whether the same inputs and
rules still give the same rupiah.

The receipt can be read from any file tukin writes it to: ``<name>.receipt.json`` beside a
CSV export (also what ``Result.receipt.model_dump_json()`` gives), a JSON result document, the
``Kuitansi``/``Receipt`` sheet of a result workbook, or a Parquet export's metadata. When the
saved rows are at hand too (the CSV beside the receipt, the JSON document, the Parquet file),
every employee whose amount differs is listed by NIP: a changed total then points at people.

>>> report = verify_receipt("hasil.receipt.json", dataset, ruleset)  # doctest: +SKIP
>>> report.ok, [d.field for d in report.differences]  # doctest: +SKIP
(False, ['dataset_fingerprint', 'total_allowance', 'total_net', 'result_fingerprint'])

Leave the rule set out and the receipt's own is used when it was a packaged pack: every
released version of a pack stays loadable as ``name@version`` (:mod:`tukin.presets`), so a
receipt of ``tpp-60-40`` version 1 is re-run under version 1 even after version 2 shipped.
Rules that are no packaged version (a pack given ``with_parameters``, a rule file of one's
own) are taken from the result file, which files them (:mod:`tukin.io._saved_rules`); the
report says so, and their fingerprint is compared with the receipt's like every field.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd
from pydantic import ValidationError

from tukin._language import resolve as resolve_lang
from tukin.errors import InputFileError, Lang, VerificationError
from tukin.result import Receipt

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.result import Result
    from tukin.ruleset.model import RuleSet

__all__ = [
    "Difference",
    "VerificationReport",
    "diff_receipts",
    "read_receipt",
    "receipt_ruleset",
    "verify_receipt",
]

#: Receipt fields that must be equal for a payment to verify, in the order they are reported.
COMPARED: tuple[str, ...] = (
    "ruleset_name",
    "ruleset_version",
    "ruleset_fingerprint",
    "dataset_fingerprint",
    "period",
    "employees_in",
    "employees_paid",
    "employees_rejected",
    "total_allowance",
    "total_net",
    "total_employer",
    "result_fingerprint",
)
#: Fields that may differ without failing: shown so the auditor knows.
NOTED: tuple[str, ...] = ("library_version",)
#: Money columns compared employee by employee when the saved rows are available.
AMOUNTS: tuple[str, ...] = ("allowance", "deductions", "net")
#: Employees listed by name of field in the text; the report keeps them all.
SHOWN = 20
MAX_RECEIPT_BYTES = 512 * 1024 * 1024  # a result workbook of a whole province stays below it

_WHY: dict[str, tuple[str, str]] = {
    "ruleset_name": ("another rule set was given", "aturan yang diberikan berbeda"),
    "ruleset_version": ("another version of the rule set", "versi aturan berbeda"),
    "ruleset_fingerprint": (
        "the rules differ from those of the saved run",
        "isi aturan berbeda dari aturan saat perhitungan tersimpan",
    ),
    "dataset_fingerprint": (
        "the input data differs from the data of the saved run",
        "data masukan berbeda dari data saat perhitungan tersimpan",
    ),
    "result_fingerprint": (
        "at least one employee's amount differs",
        "paling sedikit satu jumlah pegawai berbeda",
    ),
}


@dataclass(frozen=True)
class Difference:
    """One field (or one employee's amount) that differs: the saved value and today's."""

    field: str
    saved: Any
    now: Any

    def describe(self, lang: Lang | None = None) -> str:
        lang = resolve_lang(lang)
        saved, now = ("tersimpan", "sekarang") if lang == "id" else ("saved", "now")
        money = self.field.startswith("total_") or self.field.endswith(AMOUNTS)
        shown = _show(self.saved, lang, money=money), _show(self.now, lang, money=money)
        line = f"{self.field}: {saved} {shown[0]}, {now} {shown[1]}"
        why = _WHY.get(self.field)
        return f"{line} ({why[1] if lang == 'id' else why[0]})" if why else line


@dataclass(frozen=True)
class VerificationReport:
    """The outcome of :func:`verify_receipt`: ``ok`` when every compared field is equal.

    ``differences`` lists the receipt fields that differ (field, saved, now), ``notes`` the
    fields that may differ without failing (the library version), ``employees`` each amount
    that differs per NIP (``"<nip>.allowance"``; only when the saved rows were found), and
    ``str()`` reads as a short report in ``lang``.
    """

    source: str
    saved: Receipt
    now: Receipt
    differences: tuple[Difference, ...]
    notes: tuple[Difference, ...] = ()
    employees: tuple[Difference, ...] = ()
    rows_source: str | None = None
    lang: Lang | None = None
    result: Result | None = field(default=None, repr=False, compare=False)
    #: ``name@version`` of the packaged pack that holds the receipt's own rules, when other
    #: rules were given (the report suggests it)
    suggested_rules: str | None = None
    #: where the rules re-run came from when they were those filed with the result (no rules
    #: given, and the receipt's are no packaged pack version): the report says so
    rules_source: str | None = None

    @property
    def ok(self) -> bool:
        """True when the re-run gives the saved payment: every compared field is equal."""
        return not self.differences and not self.employees

    def describe(self, lang: Lang | None = None) -> str:
        """The report as text, in ``lang`` (default: the report's language, else
        :func:`tukin.get_language`)."""
        lang = resolve_lang(lang or self.lang)
        id_ = lang == "id"
        s = self.saved
        head = (
            f"{'Kuitansi' if id_ else 'Receipt'} {self.source}: {s.ruleset_name} v"
            f"{s.ruleset_version}, {'periode' if id_ else 'period'} {s.period}, "
            f"{'dihitung' if id_ else 'computed'} {s.computed_at}"
        )
        lines = [head]
        if self.ok:
            total = _show(s.total_allowance, lang, money=True)
            lines.append(
                f"TERVERIFIKASI: perhitungan ulang memberi pembayaran yang sama ({len(COMPARED)} "
                f"butir dibandingkan; {s.employees_paid} pegawai dibayar, total {total})."
                if id_
                else f"VERIFIED: the re-run gives the same payment ({len(COMPARED)} fields "
                f"compared; {s.employees_paid} employees paid, total {total})."
            )
        elif self.differences:
            count = len(self.differences)
            lines.append(
                f"TIDAK TERVERIFIKASI: {count} butir berbeda:"
                if id_
                else f"NOT VERIFIED: {count} field(s) differ:"
            )
            lines += ["  - " + d.describe(lang) for d in self.differences]
        else:
            lines.append(
                "TIDAK TERVERIFIKASI: kuitansi cocok, tetapi baris tersimpan berbeda dari "
                "perhitungan ulang (berkas hasil diubah?)"
                if id_
                else "NOT VERIFIED: the receipt matches, but the saved rows differ from the "
                "re-run (was the result file edited?)"
            )
        if self.employees:
            where = f" ({self.rows_source})" if self.rows_source else ""
            lines.append(
                f"{len(self.employees)} jumlah pegawai berbeda{where}:"
                if id_
                else f"{len(self.employees)} employee amount(s) differ{where}:"
            )
            lines += ["  - " + d.describe(lang) for d in self.employees[:SHOWN]]
            more = len(self.employees) - SHOWN
            if more > 0:
                lines.append(f"  … dan {more} lainnya" if id_ else f"  … and {more} more")
        if self.suggested_rules:
            pack = self.suggested_rules
            lines.append(
                f"saran: aturan kuitansi ini tersedia sebagai paket '{pack}': verifikasi dengan "
                f"load_ruleset('{pack}') (CLI: --rules {pack}), atau tanpa menyebut aturan"
                if id_
                else f"hint: the receipt's rules are packaged as '{pack}': verify with "
                f"load_ruleset('{pack}') (CLI: --rules {pack}), or give no rules"
            )
        if s.ruleset_changes:
            pack, changed = f"{s.ruleset_name}@{s.ruleset_version}", ", ".join(s.ruleset_changes)
            lines.append(
                f"aturan: bukan paket bawaan {pack} apa adanya; berbeda pada {changed}"
                if id_
                else f"rules: not the packaged {pack} as released; they differ in {changed}"
            )
        if self.rules_source:
            lines.append(
                f"aturan: yang tersimpan bersama hasil, {self.rules_source}"
                if id_
                else f"rules: those filed with the result, {self.rules_source}"
            )
        for note in self.notes:
            word = "catatan" if id_ else "note"
            lines.append(f"{word}: {note.describe(lang)}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.describe()

    def raise_for_differences(self) -> None:
        """Raise :class:`~tukin.errors.VerificationError` (``verification_failed``) unless ok."""
        if not self.ok:
            raise VerificationError(self.describe("en"), lang=resolve_lang(self.lang))


def verify_receipt(
    receipt: str | Path | Receipt | Mapping[str, Any],
    dataset: Dataset,
    ruleset: RuleSet | None = None,
    *,
    lang: Lang | None = None,
) -> VerificationReport:
    """Recompute the receipt's period from ``dataset`` under ``ruleset`` and compare.

    ``receipt`` is a file (see the module docstring), a :class:`~tukin.result.Receipt` or its
    dict. Without ``ruleset``, the receipt's own rules are used: the packaged pack's version
    it names (:func:`receipt_ruleset`), else the rules filed with the result file
    (``rules_source`` in the report); a VerificationError ``receipt_rules_unknown`` when
    neither holds them (they must then be given). ``lang`` defaults to the dataset's language (see :attr:`Dataset.lang`). A file that cannot be read raises
    :class:`~tukin.errors.InputFileError`; one that holds no receipt raises
    :class:`~tukin.errors.VerificationError` (``receipt_invalid``); a calculation that fails
    raises as :func:`tukin.calculate` does. Differences are *returned*, not raised: see
    :attr:`VerificationReport.ok` and :meth:`VerificationReport.raise_for_differences`.
    """
    from tukin.calc.engine import calculate

    source, saved, rows, rows_source = _receipt_and_rows(receipt)
    given = ruleset
    filed = None  # no rules given and none packaged: those filed with the result, if any
    if ruleset is None and _packaged(saved) is None and isinstance(receipt, str | Path):
        from tukin.io._saved_rules import filed_ruleset

        filed = filed_ruleset(receipt)
    if ruleset is None:
        ruleset = filed[0] if filed else receipt_ruleset(saved, label=source)
    result = calculate(dataset, ruleset, saved.period)
    now = result.receipt
    differences = tuple(diff_receipts(saved, now, fields=COMPARED))
    notes = tuple(diff_receipts(saved, now, fields=NOTED))
    employees = _employee_differences(rows, result.to_frame()) if rows is not None else ()
    chosen = resolve_lang(lang or getattr(dataset, "lang", None))
    return VerificationReport(
        source=source,
        saved=saved,
        now=now,
        differences=differences,
        notes=notes,
        employees=employees,
        rows_source=rows_source if rows is not None else None,
        lang=chosen,
        result=result,
        rules_source=filed[1] if filed else None,
        suggested_rules=_packaged_name(saved)
        if given is not None
        and any(d.field in ("ruleset_version", "ruleset_fingerprint") for d in differences)
        else None,
    )


def receipt_ruleset(
    receipt: str | Path | Receipt | Mapping[str, Any], *, label: str | None = None
) -> RuleSet:
    """The rule set a receipt was computed with, when that was a packaged rule pack: the
    version it names (``name@version``), even if the pack has moved on since.

    Raises :class:`~tukin.errors.VerificationError`: ``receipt_version_not_installed`` when
    the receipt names a version of a packaged pack that this installation does not have (a
    receipt made by a newer tukin: install that release); ``receipt_rules_unknown`` when it
    names no packaged version with its rules' fingerprint (a rule file of its own, or a pack
    with parameters changed by ``with_parameters``: those rules must be given).
    """
    from tukin import presets

    source, saved, _, _ = _receipt_and_rows(receipt)
    found = _packaged(saved)
    if found is not None:
        return found[1]
    name, version = saved.ruleset_name, saved.ruleset_version
    installed = presets.versions(name) if name in presets.names() else None
    if installed is not None and version not in installed:
        import tukin

        raise VerificationError(
            code="receipt_version_not_installed",
            value=label or source,
            detail=f"'{name}' v{version}",
            versions=", ".join(installed),
            made_by=saved.library_version,
            installed=tukin.__version__,
        )
    raise VerificationError(
        code="receipt_rules_unknown", value=label or source, detail=f"'{name}' v{version}"
    )


def _packaged(saved: Receipt) -> tuple[str, RuleSet] | None:
    """``(name@version, its rules)`` of the packaged pack version whose rules are the
    receipt's (same fingerprint), or None."""
    from tukin import presets
    from tukin.errors import RuleSetError
    from tukin.ruleset.load import load_ruleset

    pack = f"{saved.ruleset_name}@{saved.ruleset_version}"
    try:
        found = load_ruleset(presets.path(pack))
    except (RuleSetError, OSError):
        return None
    return (pack, found) if found.fingerprint() == saved.ruleset_fingerprint else None


def _packaged_name(saved: Receipt) -> str | None:
    found = _packaged(saved)
    return found[0] if found is not None else None


def diff_receipts(
    a: str | Path | Receipt | Mapping[str, Any],
    b: str | Path | Receipt | Mapping[str, Any],
    *,
    fields: Sequence[str] | None = None,
) -> list[Difference]:
    """The receipt fields whose values differ from ``a`` to ``b``, in the receipt's order: each
    a :class:`Difference` (``field``; ``saved``, the value in ``a``; ``now``, the one in ``b``).

    Two payment runs are the same payment when their receipts agree: this says which part
    moved (the rules, the data, the period, the totals...) without re-running anything. ``a``
    and ``b`` are whatever :func:`read_receipt` reads (a Receipt, its dict, a receipt or
    result file). ``fields`` limits the comparison, e.g. to :data:`COMPARED`, the fields a
    verification fails on; by default every field is compared, ``computed_at`` included.

    >>> diff_receipts("hasil-2025-09.xlsx", "hasil-2025-10.xlsx")  # doctest: +SKIP
    [Difference(field='period', saved='2025-09', now='2025-10'), ...]
    """
    before, after = read_receipt(a), read_receipt(b)
    names = list(Receipt.model_fields) if fields is None else list(fields)
    unknown = [n for n in names if n not in Receipt.model_fields]
    if unknown:
        raise ValueError(
            f"not receipt fields: {', '.join(unknown)} (fields: {', '.join(Receipt.model_fields)})"
        )
    return [
        Difference(name, getattr(before, name), getattr(after, name))
        for name in names
        if getattr(before, name) != getattr(after, name)
    ]


def read_receipt(source: str | Path | Receipt | Mapping[str, Any]) -> Receipt:
    """The receipt held by a file (JSON, result JSON, workbook, Parquet), a dict or a Receipt."""
    return _receipt_and_rows(source)[1]


# -- reading ---------------------------------------------------------------------------------------


def _receipt_and_rows(
    source: str | Path | Receipt | Mapping[str, Any],
) -> tuple[str, Receipt, pd.DataFrame | None, str | None]:
    """``(label, receipt, saved paid rows or None, where the rows came from)``."""
    if isinstance(source, Receipt):
        return "<receipt>", source, None, None
    if isinstance(source, Mapping):
        return "<receipt>", _parse(dict(source), "<receipt>"), None, None
    path = Path(source)
    if not path.is_file():
        raise InputFileError(code="file_not_found", value=str(path))
    size = path.stat().st_size
    if size > MAX_RECEIPT_BYTES:
        raise InputFileError(code="file_too_large", value=path.name, detail=f"{size} bytes")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return path.name, _parse(_from_workbook(path), path.name), None, None
    if suffix == ".parquet":
        return _from_parquet(path)
    doc = _json(path)
    if isinstance(doc, dict) and isinstance(doc.get("receipt"), dict):  # a result document
        rows = pd.DataFrame(doc["employees"]) if isinstance(doc.get("employees"), list) else None
        return path.name, _parse(doc["receipt"], path.name), rows, path.name
    receipt = _parse(doc, path.name)
    beside = path.with_name(path.name.removesuffix(".receipt.json") + ".csv")
    if path.name.endswith(".receipt.json") and beside.is_file():
        return path.name, receipt, _csv_rows(beside), beside.name
    return path.name, receipt, None, None


def _json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        raise InputFileError(
            code="unreadable_file", value=path.name, kind="JSON", detail=str(exc)[:200]
        ) from None


def _parse(data: Any, label: str) -> Receipt:
    """A Receipt from its dict; fields a newer tukin added are ignored (they cannot be compared)."""
    if not isinstance(data, dict):
        raise VerificationError(code="receipt_invalid", value=label, detail="not a JSON object")
    known = {k: v for k, v in data.items() if k in Receipt.model_fields}
    try:
        return Receipt.model_validate(known)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(x) for x in err["loc"])
        raise VerificationError(
            code="receipt_invalid", value=label, detail=f"{where}: {err['msg']}"
        ) from None


def _from_workbook(path: Path) -> Any:
    """The ``receipt_json`` row of the Kuitansi / Receipt sheet of a result workbook."""
    import openpyxl

    from tukin.io.safe import Limits, inspect_xlsx

    inspect_xlsx(path, Limits())
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises anything from KeyError to lxml errors
        raise InputFileError(
            code="unreadable_file", value=path.name, kind="Excel (.xlsx)", detail=str(exc)[:200]
        ) from None
    try:
        for title in ("Kuitansi", "Receipt"):
            if title in wb.sheetnames:
                for row in wb[title].iter_rows(values_only=True):
                    if len(row) >= 3 and row[1] == "receipt_json" and isinstance(row[2], str):
                        try:
                            return json.loads(row[2])
                        except json.JSONDecodeError as exc:
                            raise VerificationError(
                                code="receipt_invalid", value=path.name, detail=str(exc)
                            ) from None
    finally:
        wb.close()
    raise VerificationError(
        code="receipt_invalid",
        value=path.name,
        detail="no Kuitansi/Receipt sheet with receipt_json",
    )


def _from_parquet(path: Path) -> tuple[str, Receipt, pd.DataFrame | None, str | None]:
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
    return path.name, _parse(data, path.name), table.to_pandas(), path.name


def _csv_rows(path: Path) -> pd.DataFrame | None:
    """The saved paid rows of a CSV export (NIPs kept as text); None when unreadable."""
    try:
        return pd.read_csv(path, dtype={"nip": str}, encoding="utf-8")
    except (OSError, ValueError, pd.errors.ParserError):
        return None  # the receipt still verifies; only the per-employee list is missing


# -- comparing ------------------------------------------------------------------------------------


def _employee_differences(saved: pd.DataFrame, now: pd.DataFrame) -> tuple[Difference, ...]:
    """Every paid employee whose amounts differ, appear only then, or only now (by NIP)."""
    if "nip" not in saved.columns:
        return ()
    amounts = [c for c in AMOUNTS if c in saved.columns and c in now.columns]
    before = _by_nip(saved, amounts)
    after = _by_nip(now, amounts)
    out: list[Difference] = []
    for nip in sorted(before.keys() | after.keys()):
        old, new = before.get(nip), after.get(nip)
        if old is None or new is None:
            out.append(Difference(f"{nip}.paid", old is not None, new is not None))
            continue
        out += [Difference(f"{nip}.{c}", old[c], new[c]) for c in amounts if old[c] != new[c]]
    return tuple(out)


def _by_nip(frame: pd.DataFrame, amounts: list[str]) -> dict[str, dict[str, int | None]]:
    nips = frame["nip"].astype(str).str.strip().tolist()
    columns = {c: [_int(v) for v in frame[c].tolist()] for c in amounts}
    return {nip: {c: columns[c][i] for c in amounts} for i, nip in enumerate(nips)}


def _int(value: Any) -> int | None:
    try:
        return None if pd.isna(value) else int(value)
    except (TypeError, ValueError):
        return None


def _show(value: Any, lang: Lang, *, money: bool = False) -> str:
    if isinstance(value, bool):
        yes, no = ("dibayar", "tidak dibayar") if lang == "id" else ("paid", "not paid")
        return yes if value else no
    if isinstance(value, int) and money:
        from tukin.money import format_rupiah

        return format_rupiah(value, lang=lang)
    if isinstance(value, str) and len(value) == 64:
        return value[:12] + "…"
    return str(value)
