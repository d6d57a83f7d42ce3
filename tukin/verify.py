"""Re-run a saved payment and say whether it still comes out the same (``tukin verify``).

An auditor holds, years later, the receipt of a payment run and the inputs it was computed
from. :func:`verify_receipt` recomputes the receipt's period from those inputs under the given
rule set and compares, field by field, everything that pins the payment: the rule set (name,
version, fingerprint), the input fingerprint, the period, the head counts, the totals (per OPD
too), who was rejected and the fingerprint of every amount paid. The time of the run
(``computed_at``) is shown, not compared; a different library version or reading option is
noted, not failed: what matters is whether the same inputs and rules still give the same
rupiah.

The receipt can be read from any file tukin writes it to: ``<name>.receipt.json`` beside a
CSV export (also what ``Result.receipt.model_dump_json()`` gives), a JSON result document, a
result workbook (its hidden sheet ``_receipt_json``, the JSON in parts however long; the
``Kuitansi``/``Receipt`` sheet's one cell in a workbook written before), or a Parquet
export's metadata. What else
the file holds is compared with the re-run too (see :mod:`tukin._saved`): every paid row by NIP
(a NIP paid twice, a row added or removed, an amount edited), the rows' count and sums, the
totals per OPD, the rejected list, and the workbook's visible receipt cells. What could not be
read or matched is listed, and the payment is then not called verified.

>>> report = verify_receipt("hasil.receipt.json", dataset, ruleset)  # doctest: +SKIP
>>> report.ok, [d.field for d in report.differences]  # doctest: +SKIP
(False, ['dataset_fingerprint', 'total_allowance', 'total_net', 'result_fingerprint'])

Leave the rule set out and the receipt's own is used when it was a packaged pack: every
released version of a pack stays loadable as ``name@version`` (:mod:`tukin.presets`), so a
receipt of ``tpp-60-40`` version 1 is re-run under version 1 even after version 2 shipped.
Rules that are no packaged version (a pack given ``with_parameters``, a rule file of one's
own) are taken from the result file, which files them (:mod:`tukin.io._saved_rules`); the
report says so, and their fingerprint is compared with the receipt's like every field.

Give the input as a path and it is read with the options the receipt records
(``nip_check``), as the payment run read it.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import pandas as pd
from pydantic import ValidationError

from tukin._language import resolve as resolve_lang
from tukin._language import speaks_lang
from tukin._saved import MAX_BYTES, Saved, amount, read_saved, total_label
from tukin.errors import Lang, UnknownNameError, VerificationError
from tukin.result import Receipt, rejected_key

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
#: A field an older receipt lacks is not compared (it recorded nothing to compare with); the
#: totals per OPD (``opd_totals``) are compared too, OPD by OPD.
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
    "rejected_fingerprint",
    # what makes the receipt self-describing is held to the re-run too: emptied, a
    # with_parameters payment would read as the packaged pack as released (review 27)
    "ruleset_changes",
    "table_fingerprints",
    "table_rows",
)
#: Fields that may differ without failing: shown so the auditor knows (a strict run is
#: re-read leniently, which keeps the same rows when the strict read succeeded).
NOTED: tuple[str, ...] = ("library_version", "nip_check", "dataset_mode")
#: Money columns compared employee by employee when the saved rows are available.
AMOUNTS: tuple[str, ...] = ("allowance", "deductions", "net")
#: Employees listed by name of field in the text; the report keeps them all.
SHOWN = 20
MAX_RECEIPT_BYTES = MAX_BYTES  # a result workbook of a whole province stays below it

Why = tuple[str, str]  # (English, Indonesian)

_WHY: dict[str, Why] = {
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
    "rejected_fingerprint": (
        "the rejected employees differ (who, or why)",
        "pegawai yang ditolak berbeda (siapa, atau alasannya)",
    ),
    "ruleset_changes": (
        "the receipt says other changes to the packaged rules than the rules have (edited?)",
        "kuitansi menyebut perubahan aturan bawaan yang lain daripada aturannya (diubah?)",
    ),
    "table_fingerprints": (
        "the input tables' digests differ",
        "sidik tabel masukan berbeda",
    ),
    "table_rows": ("the input tables' row counts differ", "jumlah baris tabel masukan berbeda"),
    "nip_check": (
        "the input was read with another NIP check, which keeps other rows: read it with the "
        "receipt's (tukin verify --data does)",
        "masukan dibaca dengan pemeriksaan NIP lain, yang menyimpan baris lain: baca dengan "
        "pemeriksaan pada kuitansi (tukin verify --data melakukannya)",
    ),
}
_OPD: Why = ("the totals of this OPD differ", "jumlah OPD ini berbeda")
_TWICE: Why = ("paid more than once in the file", "dibayar lebih dari sekali dalam berkas")
_SUMS: Why = (
    "the saved rows do not add up to the re-run's",
    "baris tersimpan tidak berjumlah sama dengan perhitungan ulang",
)
_CELL: Why = (
    "the cell shown differs from the receipt's JSON (edited?)",
    "sel yang tampil berbeda dari JSON kuitansi (diubah?)",
)
_REJECTED: Why = (
    "rejection codes saved, and in the re-run",
    "kode penolakan tersimpan, dan pada perhitungan ulang",
)


@dataclass(frozen=True)
class Difference:
    """One field (or one employee's amount) that differs: the saved value and today's.

    ``why``: what the difference means (English, Indonesian), when the field's name does not
    say it; ``money``: whether the values are rupiah (None: told by the field's name)."""

    field: str
    saved: Any
    now: Any
    why: Why | None = None
    money: bool | None = None

    def describe(self, lang: Lang | None = None) -> str:
        lang = resolve_lang(lang)
        saved, now = ("tersimpan", "sekarang") if lang == "id" else ("saved", "now")
        money = self.money
        if money is None:
            money = self.field.startswith("total_") or self.field.endswith(AMOUNTS)
        shown = _show(self.saved, lang, money=money), _show(self.now, lang, money=money)
        line = f"{self.field}: {saved} {shown[0]}, {now} {shown[1]}"
        why = self.why or _WHY.get(self.field)
        return f"{line} ({why[1] if lang == 'id' else why[0]})" if why else line


@dataclass(frozen=True)
class VerificationReport:
    """The outcome of :func:`verify_receipt`: ``ok`` when everything compared is equal and
    nothing the file holds was left unchecked.

    ``differences`` lists the receipt fields that differ (field, saved, now); ``tables`` the
    input tables whose fingerprints differ (``(table, rows saved, rows now)``, when the
    receipt recorded them); ``employees`` each amount that differs per NIP
    (``"<nip>.allowance"``, ``"<nip>.rows"`` for a NIP paid twice); ``file`` what else in the
    file differs from the re-run (the rows' count and sums, totals per OPD, the rejected list,
    the workbook's receipt cells); ``unchecked`` what the file holds but could not be read or
    matched (English, Indonesian); ``checked`` what was compared beyond the receipt; ``notes``
    the fields that may differ without failing (library version, NIP check). ``str()`` reads
    as a short report in ``lang``.
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
    file: tuple[Difference, ...] = ()
    tables: tuple[tuple[str, int | None, int | None], ...] = ()
    unchecked: tuple[Why, ...] = ()
    checked: tuple[Why, ...] = ()
    #: how many receipt fields were compared (an older receipt records fewer)
    compared: int = len(COMPARED)

    @property
    def ok(self) -> bool:
        """True when the re-run gives the saved payment and the file holds nothing else:
        every compared field, row and total is equal, and nothing was left unchecked."""
        return not (self.differences or self.employees or self.file or self.unchecked)

    @property
    def complete(self) -> bool:
        """True when everything the file holds was compared (see ``unchecked``)."""
        return not self.unchecked

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
        differ = self.differences or self.employees or self.file
        if self.ok:
            total = _show(s.total_allowance, lang, money=True)
            lines.append(
                f"TERVERIFIKASI: perhitungan ulang memberi pembayaran yang sama ({self.compared} "
                f"butir dibandingkan; {s.employees_paid} pegawai dibayar, total {total})."
                if id_
                else f"VERIFIED: the re-run gives the same payment ({self.compared} fields "
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
        elif differ:
            lines.append(
                "TIDAK TERVERIFIKASI: kuitansi cocok, tetapi isi berkas hasil berbeda dari "
                "perhitungan ulang (berkas hasil diubah?)"
                if id_
                else "NOT VERIFIED: the receipt matches, but the result file's contents differ "
                "from the re-run (was the result file edited?)"
            )
        else:
            lines.append(
                "TIDAK TERVERIFIKASI SEPENUHNYA: kuitansi cocok, tetapi sebagian isi berkas tidak "
                "dapat diperiksa:"
                if id_
                else "NOT FULLY VERIFIED: the receipt matches, but part of the file could not "
                "be checked:"
            )
        lines += self._tables_lines(id_)
        lines += self._listed(self.employees, lang, "employees")
        lines += self._listed(self.file, lang, "file")
        if self.unchecked and differ:
            lines.append("tidak dapat diperiksa:" if id_ else "could not be checked:")
        lines += ["  - " + (u[1] if id_ else u[0]) for u in self.unchecked]
        lines += self._checked_line(id_)
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

    def _tables_lines(self, id_: bool) -> list[str]:
        """Which input tables differ (D06): rows added or removed, or the same count with
        other content; and, when every amount still comes out the same, that it does."""
        if not self.tables:
            return []
        parts = []
        for name, before, after in self.tables:
            if before is None or after is None:
                parts.append(name)
            elif before == after:
                parts.append(
                    f"{name} ({before} baris, isi berbeda)"
                    if id_
                    else f"{name} ({before} rows, content differs)"
                )
            else:
                parts.append(f"{name} ({before} → {after} {'baris' if id_ else 'rows'})")
        lines = [
            ("tabel masukan yang berbeda: " if id_ else "input tables that differ: ")
            + "; ".join(parts)
        ]
        fields = {d.field for d in self.differences}
        if not self.employees and not fields & {"result_fingerprint", "total_allowance"}:
            lines.append(
                "jumlah yang dibayar sama: data ini memberi setiap pegawai jumlah yang tersimpan; "
                "data masukan berbeda hanya pada tabel di atas (baris bulan lain ditambahkan, "
                "atau data yang tidak menentukan jumlah diubah)"
                if id_
                else "the amounts paid are the same: this input gives every employee the saved "
                "amount; the input differs only in the tables above (rows of other months "
                "added, or data no amount depends on changed)"
            )
        return lines

    def _listed(self, found: tuple[Difference, ...], lang: Lang, kind: str) -> list[str]:
        if not found:
            return []
        id_ = lang == "id"
        if kind == "employees":
            where = f" ({self.rows_source})" if self.rows_source else ""
            head = (
                f"{len(found)} jumlah pegawai berbeda{where}:"
                if id_
                else f"{len(found)} employee amount(s) differ{where}:"
            )
        else:
            head = (
                f"perbedaan lain dalam hasil tersimpan ({len(found)}):"
                if id_
                else f"other differences in the saved result ({len(found)}):"
            )
        lines = [head, *("  - " + d.describe(lang) for d in found[:SHOWN])]
        more = len(found) - SHOWN
        if more > 0:
            lines.append(f"  … dan {more} lainnya" if id_ else f"  … and {more} more")
        return lines

    def _checked_line(self, id_: bool) -> list[str]:
        if not self.checked:
            return [
                "hanya kuitansi yang dibandingkan (berkas ini tidak memuat baris tersimpan)"
                if id_
                else "only the receipt was compared (this file holds no saved rows)"
            ]
        parts = ", ".join(c[1] if id_ else c[0] for c in self.checked)
        return [f"juga dibandingkan: {parts}" if id_ else f"also compared: {parts}"]

    def __str__(self) -> str:
        return self.describe()

    def raise_for_differences(self) -> None:
        """Raise :class:`~tukin.errors.VerificationError` (``verification_failed``) unless ok."""
        if not self.ok:
            raise VerificationError(self.describe("en"), lang=resolve_lang(self.lang))


@speaks_lang
def verify_receipt(
    receipt: str | Path | Receipt | Mapping[str, Any],
    dataset: Dataset | str | Path,
    ruleset: RuleSet | None = None,
    *,
    lang: Lang | None = None,
) -> VerificationReport:
    """Recompute the receipt's period from ``dataset`` under ``ruleset`` and compare.

    ``receipt`` is a file (see the module docstring), a :class:`~tukin.result.Receipt` or its
    dict, or a result document parsed (``json.loads(result.to_json())``, what a service
    stores): then checked as the JSON file is, its rows and totals too, with its rules. ``dataset`` is a Dataset, or the input's path: it is then read as the payment run
    read it (the receipt's ``nip_check``; leniently, which keeps the same rows as a strict
    read that succeeded). Without ``ruleset``, the receipt's own rules are used: the packaged
    pack's version it names (:func:`receipt_ruleset`), else the rules filed with the result
    file (``rules_source`` in the report); a VerificationError ``receipt_rules_unknown`` when
    neither holds them (they must then be given). ``lang`` defaults to the dataset's language
    (see :attr:`Dataset.lang`). A file that cannot be read raises
    :class:`~tukin.errors.InputFileError`; one that holds no receipt raises
    :class:`~tukin.errors.VerificationError` (``receipt_invalid``); a calculation that fails
    raises as :func:`tukin.calculate` does. Differences are *returned*, not raised: see
    :attr:`VerificationReport.ok` and :meth:`VerificationReport.raise_for_differences`.
    """
    from tukin.calc.engine import calculate

    chosen = resolve_lang(lang or getattr(dataset, "lang", None))
    file = None if isinstance(receipt, Receipt) else read_saved(receipt, chosen)
    source = "<receipt>" if file is None else file.label
    saved = receipt if isinstance(receipt, Receipt) else _parse(file.receipt_data, source)  # type: ignore[union-attr]
    if isinstance(dataset, str | Path):
        from tukin.io import read_dataset

        check: Literal["length", "strict"] = "strict" if saved.nip_check == "strict" else "length"
        dataset = read_dataset(dataset, nip_check=check, lang=lang)
        chosen = resolve_lang(lang or dataset.lang)
    given = ruleset
    filed = None  # no rules given and none packaged: those filed with the result, if any
    if ruleset is None and _packaged(saved) is None and isinstance(receipt, str | Path):
        from tukin.io._saved_rules import filed_ruleset

        filed = filed_ruleset(receipt)
    elif ruleset is None and _packaged(saved) is None and isinstance(receipt, Mapping):
        from tukin.io._saved_rules import filed_in_document

        filed = filed_in_document(receipt, source)
    if ruleset is None:
        ruleset = filed[0] if filed else receipt_ruleset(saved, label=source)
    result = calculate(dataset, ruleset, saved.period)
    now = _in_saved_encoding(result.receipt, saved, dataset, source)
    recorded = saved.model_fields_set
    fields = [f for f in COMPARED if f in recorded]
    differences = [
        Difference(name, getattr(saved, name), getattr(now, name))
        for name in fields
        if getattr(saved, name) != getattr(now, name)
    ]
    if "opd_totals" in recorded:
        differences += _opd_differences(saved.opd_totals, now.opd_totals)
    notes = tuple(
        Difference(name, getattr(saved, name), getattr(now, name))
        for name in NOTED
        if name in recorded and getattr(saved, name) != getattr(now, name)
    )
    found = _Found()
    if file is not None:
        _compare_file(file, result, found, chosen)
    return VerificationReport(
        source=source,
        saved=saved,
        now=now,
        differences=tuple(differences),
        notes=notes,
        employees=tuple(found.employees),
        rows_source=file.rows_source if file is not None else None,
        lang=chosen,
        result=result,
        rules_source=filed[1] if filed else None,
        suggested_rules=_packaged_name(saved)
        if given is not None
        and any(d.field in ("ruleset_version", "ruleset_fingerprint") for d in differences)
        else None,
        file=tuple(found.file),
        tables=_tables(saved, now)
        if any(d.field == "dataset_fingerprint" for d in differences)
        else (),
        unchecked=tuple([*(file.unchecked if file is not None else []), *found.unchecked]),
        checked=tuple(found.checked),
        compared=len(fields) + ("opd_totals" in recorded),
    )


def _in_saved_encoding(now: Receipt, saved: Receipt, dataset: Dataset, source: str) -> Receipt:
    """Today's receipt with the input fingerprint in the encoding the saved receipt used
    (version 1 for a receipt that names none): the same data gives the same digest only
    under the same encoding."""
    version = saved.fingerprint_version
    if version == now.fingerprint_version:
        return now
    try:
        digest = dataset.fingerprint(version)
    except ValueError:
        raise VerificationError(
            code="receipt_invalid",
            value=source,
            detail=f"fingerprint_version {version} is unknown to this tukin (a newer release "
            "made it: install that release to verify it)",
        ) from None
    return now.model_copy(
        update={
            "dataset_fingerprint": digest,
            "fingerprint_version": version,
            "table_fingerprints": {},
        }
    )


def _tables(saved: Receipt, now: Receipt) -> tuple[tuple[str, int | None, int | None], ...]:
    """``(table, rows saved, rows now)`` of each input table whose digest differs, when the
    saved receipt recorded them (in the encoding computed now)."""
    before, after = saved.table_fingerprints, now.table_fingerprints
    if not before or not after:
        return ()
    return tuple(
        (name, saved.table_rows.get(name), now.table_rows.get(name))
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    )


def _opd_differences(
    before: Mapping[str, Mapping[str, int]], after: Mapping[str, Mapping[str, int]]
) -> list[Difference]:
    out = []
    for opd in sorted(before.keys() | after.keys()):
        old, new = before.get(opd, {}), after.get(opd, {})
        for column in sorted(old.keys() | new.keys()):
            if old.get(column) != new.get(column):
                out.append(
                    Difference(
                        f"opd_totals[{opd or '-'}].{column}",
                        old.get(column),
                        new.get(column),
                        why=_OPD,
                    )
                )
    return out


# -- the file beside the receipt --------------------------------------------------------------


@dataclass
class _Found:
    employees: list[Difference] = field(default_factory=list)
    file: list[Difference] = field(default_factory=list)
    unchecked: list[Why] = field(default_factory=list)
    checked: list[Why] = field(default_factory=list)


def _compare_file(file: Saved, result: Result, found: _Found, lang: Lang) -> None:
    """Everything the result file holds beside its receipt, against the re-run."""
    if file.rows is not None:
        outputs = result.ruleset.outputs if result.ruleset is not None else None
        parts = (*outputs.deductions, *outputs.employer) if outputs is not None else ()
        _compare_rows(file, result.to_frame(), found, parts)
    if file.totals is not None:
        _compare_totals(file, result, found, lang)
    if file.rejected is not None:
        _compare_rejected(file, result.rejected, found)
    if file.cells is not None:
        _compare_cells(file, found)


def _compare_rows(file: Saved, now: pd.DataFrame, found: _Found, parts: Sequence[str] = ()) -> None:
    """Each paid row by NIP (a NIP twice, a row added or gone, an amount), then the rows'
    count and sums, and the workbook's total row. ``parts``: the rule set's deduction and
    employer-contribution columns (``outputs``), compared as the amounts are: a BPJS share
    the Pemda pays edited in the file is money too."""
    rows, src = file.rows, file.rows_source
    assert rows is not None
    if "nip" not in rows.columns:
        found.unchecked.append(
            (
                f"{src}: no NIP column: the paid rows were not compared",
                f"{src}: tidak ada kolom NIP: baris pembayaran tidak dibandingkan",
            )
        )
        return
    wanted = [c for c in dict.fromkeys((*AMOUNTS, *parts)) if c in now.columns]
    amounts = _held(wanted, rows, src, found, ("amounts", "jumlah itu"))
    nips = [_nip(v) for v in rows["nip"].tolist()]
    values = {c: [amount(v) for v in rows[c].tolist()] for c in amounts}
    count = Counter(nips)
    first: dict[str, int] = {}
    for at, nip in enumerate(nips):
        first.setdefault(nip, at)
    now_at = {nip: j for j, nip in enumerate(now["nip"].astype(str).tolist())}
    now_values = {c: [int(v) for v in now[c].tolist()] for c in amounts}
    out = found.employees
    for nip in sorted(count.keys() | now_at.keys()):
        i, j = first.get(nip), now_at.get(nip)
        if i is None or j is None:
            out.append(Difference(f"{nip}.paid", i is not None, j is not None))
            continue
        if count[nip] > 1:
            out.append(Difference(f"{nip}.rows", count[nip], 1, why=_TWICE, money=False))
        out += [
            Difference(f"{nip}.{c}", values[c][i], now_values[c][j])
            for c in amounts
            if values[c][i] != now_values[c][j]
        ]
    if len(rows) != len(now):
        found.file.append(Difference("rows.count", len(rows), len(now), why=_SUMS, money=False))
    sums = {c: int(now[c].sum()) for c in amounts}
    for c in amounts:
        mine = sum(v for v in values[c] if isinstance(v, int))
        if mine != sums[c]:
            found.file.append(Difference(f"rows.sum.{c}", mine, sums[c], why=_SUMS))
    if file.rows_total is not None:
        for c in amounts:
            if c in file.rows_total and amount(file.rows_total[c]) != sums[c]:
                found.file.append(
                    Difference(f"rows.total_row.{c}", amount(file.rows_total[c]), sums[c])
                )
    found.checked.append(
        (f"{len(rows)} paid rows ({src})", f"{len(rows)} baris pembayaran ({src})")
    )


def _held(
    wanted: list[str], frame: pd.DataFrame, src: str | None, found: _Found, what: Why
) -> list[str]:
    """Of the columns ``wanted``, those the saved ``frame`` holds; the others are listed as
    not compared (``what``: the English and Indonesian words for them)."""
    missing = [c for c in wanted if c not in frame.columns]
    if missing:
        names = ", ".join(missing)
        found.unchecked.append(
            (
                f"{src}: no column {names}: those {what[0]} were not compared",
                f"{src}: tidak ada kolom {names}: {what[1]} tidak dibandingkan",
            )
        )
    return [c for c in wanted if c in frame.columns]


def _compare_totals(file: Saved, result: Result, found: _Found, lang: Lang) -> None:
    """The totals per OPD (and the workbook's total row) against the re-run's summary."""
    from tukin.io.export import summary

    saved, src = file.totals, file.totals_source
    assert saved is not None
    if "opd_id" not in saved.columns:
        found.unchecked.append(
            (
                f"{src}: no OPD column: the totals per OPD were not compared",
                f"{src}: tidak ada kolom OPD: jumlah per OPD tidak dibandingkan",
            )
        )
        return
    want = summary(result, lang)
    wanted = [c for c in ("employees", *AMOUNTS, "rejected") if c in want.columns]
    columns = _held(wanted, saved, src, found, ("totals", "jumlah itu"))
    records = want.to_dict("records")
    now_by = {_opd(r["opd_id"]): r for r in records[:-1]}
    if any(total_label(v) for v in saved["opd_id"].tolist()):  # the workbook's total row
        now_by["TOTAL"] = records[-1]
    saved_by: dict[str, dict[str, Any]] = {}
    for record in (dict(zip(map(str, saved.columns), r, strict=True)) for r in saved.values):
        key = "TOTAL" if total_label(record["opd_id"]) else _opd(record["opd_id"])
        if key in saved_by:
            found.file.append(Difference(f"totals[{key}].rows", 2, 1, why=_TWICE, money=False))
        saved_by.setdefault(key, record)
    for key in sorted(saved_by.keys() | now_by.keys()):
        old, new = saved_by.get(key, {}), now_by.get(key, {})
        for c in columns:
            before = amount(old.get(c)) if old else None
            after = int(new[c]) if new else None
            if before != after:
                found.file.append(Difference(f"totals[{key or '-'}].{c}", before, after, why=_OPD))
    found.checked.append((f"totals per OPD ({src})", f"jumlah per OPD ({src})"))


def _compare_rejected(file: Saved, now: pd.DataFrame, found: _Found) -> None:
    """The rejected list: who, and with which codes, against the re-run's."""
    saved, src = file.rejected, file.rejected_source
    assert saved is not None
    if len(saved) and "nip" not in saved.columns:
        found.unchecked.append(
            (
                f"{src}: no NIP column: the rejected list was not compared",
                f"{src}: tidak ada kolom NIP: daftar ditolak tidak dibandingkan",
            )
        )
        return

    def codes(frame: pd.DataFrame) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        if not len(frame):
            return out
        code = frame["code"].tolist() if "code" in frame else [""] * len(frame)
        for nip, c in zip(frame["nip"].tolist(), code, strict=True):
            out.setdefault(rejected_key(_nip(nip)), []).append("" if c is None else str(c))
        return {k: sorted(v) for k, v in out.items()}

    before, after = codes(saved), codes(now)
    for nip in sorted(before.keys() | after.keys()):
        if before.get(nip) != after.get(nip):
            found.file.append(
                Difference(
                    f"rejected.{nip}",
                    "; ".join(before.get(nip, [])) or "-",
                    "; ".join(after.get(nip, [])) or "-",
                    why=_REJECTED,
                    money=False,
                )
            )
    if len(saved) != len(now):
        found.file.append(
            Difference("rejected.count", len(saved), len(now), why=_SUMS, money=False)
        )
    found.checked.append((f"rejected list ({src})", f"daftar ditolak ({src})"))


def _compare_cells(file: Saved, found: _Found) -> None:
    """The workbook's receipt cells people read, against the receipt's JSON (which was
    compared with the re-run)."""
    cells = file.cells or {}
    for key, value in file.receipt_data.items():
        if key not in cells or not _same(key, cells[key], value):
            found.file.append(
                Difference(f"cell {key}", cells.get(key), _cell_text(value), why=_CELL)
            )
    found.checked.append(("receipt cells", "sel kuitansi"))


def _same(key: str, cell: Any, value: Any) -> bool:
    if isinstance(value, dict):
        from tukin.io.export import receipt_cell

        if cell in (receipt_cell(key, value, "id"), receipt_cell(key, value, "en")):
            return True  # too long for a cell: its number of entries, as written
        try:
            return isinstance(cell, str) and json.loads(cell) == value
        except json.JSONDecodeError:
            return False
    if isinstance(value, list):  # shown joined by ", " (ruleset_changes); none: a blank cell
        return (cell or "") == ", ".join(map(str, value))
    if isinstance(value, bool) or value is None:
        return cell == value or (value is None and cell in ("", None))
    if isinstance(value, int):
        return amount(cell) == value
    return str(cell) == str(value)


def _cell_text(value: Any) -> Any:
    return json.dumps(value, sort_keys=True)[:60] if isinstance(value, dict) else value


def _nip(value: Any) -> str:
    """A saved NIP as text: a number a spreadsheet made of it as its digits."""
    if value is None or (isinstance(value, float) and value != value):
        return "-"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() or "-"


def _opd(value: Any) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


# -- rules -----------------------------------------------------------------------------------


def receipt_ruleset(
    receipt: str | Path | Receipt | Mapping[str, Any], *, label: str | None = None
) -> RuleSet:
    """The rule set a receipt was computed with, when that was a packaged rule pack: the
    version it names (``name@version``), even if the pack has moved on since.

    Raises :class:`~tukin.errors.VerificationError`: ``receipt_version_mismatch`` when the
    receipt's rule fingerprint is that of *another* version of the pack it names (the version
    in the receipt was edited); ``receipt_version_not_installed`` when it names a version this
    installation does not have and was made by another tukin (install that release);
    ``receipt_version_unknown`` when it names a version this installation does not have
    although it says this same tukin made it; ``receipt_rules_unknown`` when it names no
    packaged version with its rules' fingerprint (a rule file of its own, or a pack with
    parameters changed by ``with_parameters``: those rules must be given).
    """
    from tukin import presets

    saved = read_receipt(receipt)
    source = label or (str(Path(receipt).name) if isinstance(receipt, str | Path) else "<receipt>")
    found = _packaged(saved)
    if found is not None:
        return found[1]
    name, version = saved.ruleset_name, saved.ruleset_version
    installed = presets.versions(name) if name in presets.names() else None
    if installed is not None:
        other = next(
            (v for v in installed if v != version and _packaged(saved, v) is not None), None
        )
        if other is not None:
            raise VerificationError(
                code="receipt_version_mismatch",
                value=source,
                detail=f"'{name}' v{version}",
                found=f"{name}@{other}",
            )
        if version not in installed:
            import tukin

            same = saved.library_version == tukin.__version__
            raise VerificationError(
                code="receipt_version_unknown" if same else "receipt_version_not_installed",
                value=source,
                detail=f"'{name}' v{version}",
                versions=", ".join(installed),
                made_by=saved.library_version,
                installed=tukin.__version__,
            )
    raise VerificationError(
        code="receipt_rules_unknown", value=source, detail=f"'{name}' v{version}"
    )


def _packaged(saved: Receipt, version: str | None = None) -> tuple[str, RuleSet] | None:
    """``(name@version, its rules)`` of the packaged pack version (the receipt's, or
    ``version``) whose rules are the receipt's (same fingerprint), or None."""
    from tukin import presets
    from tukin.errors import RuleSetError
    from tukin.ruleset.load import load_ruleset

    pack = f"{saved.ruleset_name}@{version or saved.ruleset_version}"
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
    if unknown:  # a TukinError with a code, and the KeyError/ValueError it was before
        raise UnknownNameError(
            code="no_such_receipt_field",
            value=", ".join(unknown),
            choices=", ".join(Receipt.model_fields),
        )
    return [
        Difference(name, getattr(before, name), getattr(after, name))
        for name in names
        if getattr(before, name) != getattr(after, name)
    ]


def read_receipt(source: str | Path | Receipt | Mapping[str, Any]) -> Receipt:
    """The receipt held by a file (JSON, result JSON, workbook, Parquet), a dict or a Receipt."""
    if isinstance(source, Receipt):
        return source
    saved = read_saved(source, resolve_lang(None), contents=False)
    return _parse(saved.receipt_data, saved.label)


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


def _show(value: Any, lang: Lang, *, money: bool = False) -> str:
    if isinstance(value, bool):
        yes, no = ("dibayar", "tidak dibayar") if lang == "id" else ("paid", "not paid")
        return yes if value else no
    if value is None:
        return "-"
    if isinstance(value, int) and money:
        from tukin.money import format_rupiah

        return format_rupiah(value, lang=lang)
    if isinstance(value, str) and len(value) == 64:
        return value[:12] + "…"
    return str(value)
