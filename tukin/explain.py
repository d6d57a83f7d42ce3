"""Explanations: every step of one employee's calculation, readable by a HR officer.

An explanation is read off the very columns the batch computed (no second evaluation), so it
can never disagree with the payment. Values are exact where the engine certified them
(shown as decimals or fractions), parameters show the value in force with its effective date
and legal reference, and the receipt ties it to the run.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import pandas as pd

from tukin._coerce import python_scalar
from tukin._language import resolve as resolve_lang
from tukin._wording import Said, input_said, value_said
from tukin.errors import CalculationError, Lang, in_language
from tukin.money import format_rupiah, format_rupiah_exact
from tukin.numtext import decimal_from_float_repr
from tukin.ruleset.types import fmt_exact

if TYPE_CHECKING:
    from tukin.calc.engine import _Run
    from tukin.result import Receipt

#: amounts print as Rp8.610.222 in both languages: an explanation is compared and quoted
#: across languages (golden reports, audit files), so its figures read the same in each
_RP: Lang = "id"

_T = {
    "en": {
        "employee": "Employee",
        "period": "Period",
        "rules": "Rule set",
        "inputs": "inputs",
        "params": "parameters",
        "result": "result",
        "allowance": "Allowance",
        "from": "valid",
        "ref": "ref.",
        "step": "Step",
        "value": "Value",
        "entries": "entries",
    },
    "id": {
        "employee": "Pegawai",
        "period": "Periode",
        "rules": "Aturan",
        "inputs": "masukan",
        "params": "parameter",
        "result": "hasil",
        "allowance": "Tunjangan",
        "from": "berlaku",
        "ref": "dasar",
        "step": "Langkah",
        "value": "Nilai",
        "entries": "entri",
    },
}


@dataclass(frozen=True)
class ParameterUse:
    name: str
    value: Any
    start: str | None
    end: str | None
    reference: str | None
    source: str | None


@dataclass(frozen=True)
class StepExplanation:
    id: str
    type: str
    label: str
    reference: str | None
    inputs: dict[str, Any]
    parameters: list[ParameterUse]
    output: Any
    unit: str | None
    notes: dict[str, Any] = field(default_factory=dict)
    #: the unit of an input that is an earlier step's amount (``rupiah``), so that the text
    #: shows ``Rp12.956.594`` as the step that made it does, not ``12956594``
    input_units: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class PositionExplanation:
    """One position an employee held within the period, with its own values of the steps
    up to ``position_history.sum_at`` (exact)."""

    position_id: str | None
    position_name: str | None
    grade: Any
    status: str | None
    start_date: dt.date | None
    end_date: dt.date | None
    days_served: int | None
    reference: str | None
    values: dict[str, Any]
    units: dict[str, str | None] = field(default_factory=dict)
    #: a position the rules decide pays nothing (a reason that decides: ``not_eligible``,
    #: ``out_of_service``): its code and reason, in the explanation's language; it adds 0
    #: to the sum, the employee being paid on the other positions (review 106)
    code: str | None = None
    reason: str | None = None


def sk_said(reference: str) -> str:
    """A position's decree number as shown: ``SK 800/789/2025``; a number typed with its own
    ``SK`` (``SK Bupati 821/45``, ``SK 9``) is shown as typed, not ``SK SK 9`` (review 110)."""
    text = str(reference).strip()
    return text if text[:2].upper() == "SK" and text[2:3] in ("", " ", ".", ":") else f"SK {text}"


#: the label of the ``sum_at`` step's line adding the positions (:meth:`Explanation._sum_line`)
_SUM_SAID = {
    "en": "sum of the positions' own values (listed above; an input computed per position "
    "shows the latest's, a summed one the sum)",
    "id": "jumlah nilai tiap jabatan (daftar di atas; masukan yang dihitung per jabatan milik "
    "jabatan terakhir, yang dijumlahkan berisi jumlahnya)",
}

_SPELL_WORDS = {
    "en": (
        "Positions held in the period (position_history): steps up to '{step}' are computed "
        "for each; the steps below show the latest position, and {summed} the sum over the "
        "positions",
        "kelas",
        "days",
        "sum",
        "owed nothing for this position, adds 0 to '{step}'",
    ),
    "id": (
        "Jabatan yang dipegang dalam periode (riwayat jabatan): langkah sampai '{step}' "
        "dihitung untuk masing-masing; langkah di bawah menunjukkan jabatan terakhir, dan "
        "{summed} jumlah atas jabatan-jabatan itu",
        "kelas",
        "hari",
        "jumlah",
        "tidak berhak atas jabatan ini, menambah 0 pada '{step}'",
    ),
}


@dataclass(frozen=True)
class Explanation:
    nip: str
    name: str | None
    period: str
    lang: str
    steps: list[StepExplanation]
    allowance: int
    receipt: dict[str, Any]
    identity: dict[str, Any]
    #: an employee who held several positions within the period (``position_history``):
    #: each position (the latest first) with the values of the steps up to ``sum_at``,
    #: whose sum is that step's value below; empty for everyone else
    positions: list[PositionExplanation] = field(default_factory=list)
    #: the step at which the positions' values are summed (``position_history.sum_at``)
    sum_at: str | None = None
    #: the steps whose output is the sum of the positions' values: the components
    #: (``outputs.components``, amounts in rupiah) before ``sum_at``, then ``sum_at``
    summed: tuple[str, ...] = ()

    def step(self, step_id: str) -> StepExplanation:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    def __repr__(self) -> str:
        return (
            f"<Explanation NIP {self.nip} {self.period}: {len(self.steps)} steps, "
            f"allowance {format_rupiah(self.allowance, lang=_RP)}>"
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON-serialisable: exact values as text ("3/7", "0.6"), amounts as integers, dates
        as ISO text, a missing value as None. Each step also has ``exact`` (its output) and
        ``inputs_exact`` (its inputs): a number always as text (``"7188745"``, ``"0.02"``),
        None for anything else, so a program reads one JSON type whatever the employee.

        Strict, because the document is filed and read by other systems: a float that is not
        finite (NaN has no JSON spelling; ``json.dumps`` would write ``NaN``, which no JSON
        reader accepts) raises :class:`~tukin.errors.CalculationError` ``invariant_broken``
        naming the field, instead of reaching a file. Missing inputs never get here as NaN
        (:func:`_plain` reads them as None).
        """
        where = f"explanation of NIP {self.nip}"
        return {
            "nip": self.nip,
            "name": self.name,
            "period": self.period,
            "allowance": self.allowance,
            "identity": {k: _json(v, f"{where}: identity.{k}") for k, v in self.identity.items()},
            "steps": [
                {
                    "id": s.id,
                    "type": s.type,
                    "label": s.label,
                    "reference": s.reference,
                    "inputs": {
                        k: _json(v, f"{where}: step {s.id}, inputs.{k}")
                        for k, v in s.inputs.items()
                    },
                    "parameters": [
                        {
                            "name": p.name,
                            "value": _json(p.value, f"{where}: step {s.id}, parameter {p.name}"),
                            "from": p.start,
                            "to": p.end,
                            "reference": p.reference,
                            "source": p.source,
                        }
                        for p in s.parameters
                    ],
                    "output": _json(s.output, f"{where}: step {s.id}, output"),
                    # additive (review 78): a number's exact value always as text, where
                    # ``output`` / ``inputs`` are an integer when whole and text otherwise
                    "exact": exact_text(s.output),
                    "inputs_exact": {k: exact_text(v) for k, v in s.inputs.items()},
                    "unit": s.unit,
                    "notes": {
                        k: _json(v, f"{where}: step {s.id}, notes.{k}") for k, v in s.notes.items()
                    },
                }
                for s in self.steps
            ],
            "receipt": self.receipt,
            **({"positions": self._positions_dict(where)} if self.positions else {}),
        }

    def _positions_dict(self, where: str) -> list[dict[str, Any]]:
        return [
            {
                "position_id": p.position_id,
                "position_name": p.position_name,
                "grade": _json(p.grade, f"{where}: positions[{i}].grade"),
                "status": p.status,
                "start_date": _json(p.start_date, where),
                "end_date": _json(p.end_date, where),
                "days_served": p.days_served,
                "reference": p.reference,
                "sum_at": self.sum_at,
                "summed": list(self.summed),
                "values": {
                    k: _json(v, f"{where}: positions[{i}].values.{k}") for k, v in p.values.items()
                },
                "exact": {k: exact_text(v) for k, v in p.values.items()},
                **({"code": p.code, "reason": p.reason} if p.code else {}),
            }
            for i, p in enumerate(self.positions)
        ]

    def _positions_text(self) -> list[str]:
        """The positions block of :meth:`__str__` (none for one position)."""
        if not self.positions:
            return []
        head, kelas, days, total, unpaid = _SPELL_WORDS.get(self.lang, _SPELL_WORDS["en"])
        summed = ", ".join(f"'{k}'" for k in self.summed or (self.sum_at,))
        lines = [head.format(step=self.sum_at, summed=summed)]
        for i, p in enumerate(self.positions):
            status = self._value("status", p.status) if p.status else "—"
            since = p.start_date.isoformat() if p.start_date else "…"
            until = p.end_date.isoformat() if p.end_date else "…"
            sk = f", {sk_said(p.reference)}" if p.reference else ""
            lines.append(
                f"  {chr(97 + i)}. {p.position_id} {p.position_name or ''}, {kelas} {p.grade}, "
                f"{status}, {since} – {until}, {p.days_served} {days}{sk}"
            )
            vals = ", ".join(f"{k} = {_show(v, p.units.get(k))}" for k, v in p.values.items())
            lines.append(f"     {vals}")
            if p.code:
                lines.append(f"     {unpaid.format(step=self.sum_at)}: {p.reason} ({p.code})")
        if self.sum_at is not None:
            lines.append(
                f"  {total}: {self.sum_at} = {_show(self.step(self.sum_at).output, self.step(self.sum_at).unit)}"
            )
        return lines

    def to_json(self, *, indent: int | None = 2) -> str:
        """:meth:`to_dict` as JSON text, written with ``allow_nan=False``: what a caller
        printing or filing an explanation should use rather than ``json.dumps`` (whose
        default writes NaN as the invalid token ``NaN``)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)

    def __str__(self) -> str:
        t = _T.get(self.lang, _T["en"])
        lines = [
            f"{t['employee']}: {self.name or ''} (NIP {self.nip})",
            f"{t['period']}: {self.period}   {t['rules']}: {self.receipt.get('ruleset_name')} "
            f"v{self.receipt.get('ruleset_version')}",
        ]
        from tukin.io.export import LABELS  # the result workbook's column headers

        for k, v in self.identity.items():
            if v is not None and k not in ("nip", "name"):
                pair = LABELS.get(k)
                label = (pair[0] if self.lang == "id" else pair[1]) if pair else k
                lines.append(f"  {label}: {self._value(k, v)}")
        lines += self._positions_text()
        for i, s in enumerate(self.steps, 1):
            ref = f"  [{t['ref']} {s.reference}]" if s.reference else ""
            lines.append(f"{i}. {s.label} ({s.id}, {s.type}){ref}")
            if s.inputs:
                ins = ", ".join(
                    f"{self._input(k)} = {self._value(k, v, s.input_units.get(k))}"
                    for k, v in s.inputs.items()
                )
                lines.append(f"     {t['inputs']}: {ins}")
            keep = _selected(s.inputs)
            for p in s.parameters:
                parts = []
                if p.start or p.end:
                    parts.append(f"{t['from']} {p.start or '…'}–{p.end or '…'}")
                if p.reference:
                    parts.append(f"{t['ref']} {p.reference}")
                tail = f" ({'; '.join(parts)})" if parts else ""
                shown = _show(p.value, None, self.lang, keep)
                lines.append(f"     {t['params']}: {p.name} = {shown}{tail}")
            for k, v in s.notes.items():
                lines.append(f"     {note_label(k, self.lang)}: {_show(v, None, self.lang)}")
            if self.positions and (s.id == self.sum_at or s.id in self.summed):
                lines.append(f"     {self._sum_line(s)}")
            lines.append(f"     → {t['result']}: {_show(s.output, s.unit)}")
        lines.append(f"{t['allowance']}: {format_rupiah(self.allowance, lang=_RP)}")
        return "\n".join(lines)

    def _sum_line(self, s: StepExplanation) -> str:
        """A summed step's addition of the positions' own values (``a. … + b. … =``): the
        ``sum_at`` step, and a component before it (review 122); its inputs computed per
        position are the latest position's, its result the sum, and without this line an
        auditor adding the inputs finds a different number (review 110)."""
        said = _SUM_SAID.get(self.lang, _SUM_SAID["en"])
        parts = " + ".join(
            f"{chr(97 + i)}. {_show(p.values.get(s.id), s.unit)}"
            for i, p in enumerate(self.positions)
        )
        return f"{said}: {parts} = {_show(s.output, s.unit)}"

    def _input(self, name: str) -> str:
        """An input as this explanation's language names it (:func:`tukin._wording.input_said`:
        ``Kelas Jabatan (grade)`` in Indonesian); an earlier step's output by its id."""
        if any(s.id == name for s in self.steps):
            return name
        return input_said(name, self.lang)

    def _value(self, name: str, value: Any, unit: str | None = None) -> str:
        """An input's value as this explanation's language shows it: a choice column's as the
        template's drop-down labels it in Indonesian (:func:`tukin._wording.value_said`:
        ``sesuai ekspektasi (as_expected)``), the value :meth:`to_dict` keeps otherwise.
        An earlier step's output is its own, whatever its name."""
        if not any(s.id == name for s in self.steps):
            said = value_said(name, value, self.lang)
            if said is not None:
                return said
        return _show(value, unit, self.lang)

    def _repr_html_(self) -> str:
        t = _T.get(self.lang, _T["en"])
        rows = "".join(
            f"<tr><td>{i}</td><td>{html.escape(s.label)}<br><small>{html.escape(s.reference or '')}</small></td>"
            f"<td>{html.escape(', '.join(f'{self._input(k)} = {self._value(k, v, s.input_units.get(k))}' for k, v in s.inputs.items()))}</td>"
            f"<td>{html.escape('; '.join(f'{p.name} = {_show(p.value, None, self.lang, _selected(s.inputs))}' for p in s.parameters))}</td>"
            f"<td style='text-align:right'><b>{html.escape(_show(s.output, s.unit))}</b></td></tr>"
            for i, s in enumerate(self.steps, 1)
        )
        spells = "<br>".join(html.escape(line) for line in self._positions_text())
        return (
            f"<p><b>{html.escape(self.name or '')}</b> NIP {self.nip}, {t['period'].lower()} {self.period}</p>"
            + (f"<p>{spells}</p>" if spells else "")
            + f"<table><tr><th>#</th><th>{t['step']}</th><th>{t['inputs']}</th><th>{t['params']}</th>"
            f"<th>{t['value']}</th></tr>{rows}</table>"
            f"<p>{t['allowance']}: <b>{format_rupiah(self.allowance, lang=_RP)}</b></p>"
        )


def explain_row(run: _Run, row: int, receipt: Receipt, lang: str | None = None) -> Explanation:
    """The explanation of ``row``, in ``lang`` (``None``: :func:`tukin.get_language`)."""
    from tukin.result import ID_COLUMNS, exact_value

    lang = resolve_lang(lang)

    f = run.frame
    steps: list[StepExplanation] = []
    step_ids = {s.id for s in run.ruleset.steps}
    values = _exact_values(run, row)
    for trace in run.traces:
        s = trace.step
        inputs: dict[str, Any] = {}
        units: dict[str, str] = {}
        inherited: dict[str, str] = {}
        defaulted: dict[str, Said] = {}  # declared columns whose default the employee took
        for name in trace.reads:
            if name in step_ids:
                inputs[name] = _plain(values[name])
                unit = getattr(run.fast.values.get(name), "unit", None)
                if unit is not None:
                    units[name] = unit
            elif name in f.columns:
                inputs[name] = _plain(f[name].iat[row])
                source = _unit_source(run, f, row, name)
                if source is not None:
                    inherited[name] = source
                took = getattr(run, "defaulted", {}).get(name)
                if took is not None and took.took(row):
                    defaulted[name] = took.said()
        params = [
            ParameterUse(
                name=name,
                value=dv.value,
                start=dv.start.isoformat() if dv.start else None,
                end=dv.end.isoformat() if dv.end else None,
                reference=dv.reference or run.ruleset.parameters[name].reference,
                source=dv.source or run.ruleset.parameters[name].source,
            )
            for name, dv in trace.used.items()
        ]
        value = run.fast.values[s.id]
        notes = {k: _note_at(v, row, lang) for k, v in trace.notes.items()}
        if inherited:
            notes[INHERITED] = inherited
        if defaulted:
            notes[DEFAULTED] = _note_at(defaulted, row, lang)
        steps.append(
            StepExplanation(
                id=s.id,
                type=s.type,
                label=s.title(lang),
                reference=s.reference,
                inputs=inputs,
                parameters=params,
                output=_plain(values[s.id]),
                unit=getattr(value, "unit", None),
                notes=notes,
                input_units=units,
            )
        )
    allow = values[run.ruleset.allowance_step]
    identity = {c: _plain(f[c].iat[row]) for c in ID_COLUMNS if c in f.columns}
    positions = [
        PositionExplanation(
            position_id=_text_or_none(cells.get("position_id")),
            position_name=_text_or_none(cells.get("position_name")),
            grade=_plain(cells.get("grade")),
            status=_text_or_none(cells.get("status")),
            start_date=_plain(cells.get("start_date")),
            end_date=_plain(cells.get("end_date")),
            days_served=_plain(cells.get("days_served")),
            reference=cells.get("reference"),
            values={k: _plain(exact_value(v, 0)) for k, v in made.items()},
            units={k: getattr(run.fast.values.get(k), "unit", None) for k in made},
            code=cells["reason"][0] if "reason" in cells else None,
            reason=in_language(cells["reason"][2], lang) if "reason" in cells else None,
        )
        for cells, made in run.spell_values(row)
    ]
    sum_at = run.ruleset.position_history.sum_at if run.ruleset.position_history else None
    return Explanation(
        nip=str(f["nip"].iat[row]),
        name=identity.get("name"),
        period=str(run.period),
        lang=lang,
        steps=steps,
        allowance=int(allow) if isinstance(allow, Fraction | int) else 0,
        receipt=receipt.model_dump(),
        identity=identity,
        positions=positions,
        sum_at=sum_at if positions else None,
        summed=(*run.summed_parts(), sum_at) if positions and sum_at else (),
    )


def _text_or_none(v: Any) -> str | None:
    v = python_scalar(v)
    return None if v is None or (isinstance(v, float) and math.isnan(v)) else str(v)


def _note_at(v: Any, row: int, lang: str) -> Any:
    """A step's note for ``row``: a column's value at the row (an array, or an object
    that works the row's text out when asked), a value of the whole step as it is; a text
    noted in both languages (:class:`~tukin._wording.Said`) in the explanation's."""
    if not isinstance(v, Said | str | dict) and hasattr(v, "__getitem__"):
        v = v[row]
    v = _plain(v)
    if isinstance(v, dict):  # a note listing entries, each in both languages
        return {k: x.in_(lang) if isinstance(x, Said) else x for k, x in v.items()}
    return v.in_(lang) if isinstance(v, Said) else v


#: The names of the notes rules make, as an explanation in Indonesian shows them (the keys
#: stay the rules' own in :meth:`Explanation.to_dict`: other systems read them).
NOTE_LABELS: dict[str, tuple[str, str]] = {
    "sanctions": ("sanctions", "sanksi"),
    "acting": ("acting (Plt/Plh)", "Plt/Plh"),
    "rounding": ("rounding", "pembulatan"),
    "wage_base": ("wage base", "dasar iuran"),
    "wage_total": ("wage before the cap", "upah sebelum batas"),
    "rate": ("rate", "tarif"),
    "cap": ("wage cap", "batas upah"),
    "working": ("working", "perhitungan"),
    "formula": ("formula", "rumus"),
    "ter_rate": ("TER rate", "tarif TER"),
    "gross_income": ("gross income", "penghasilan bruto"),
    "tax_on_gross": ("tax on the gross income", "pajak atas penghasilan bruto"),
    "income_without": ("income without the allowance", "penghasilan tanpa tunjangan"),
    "ter_rate_without": ("TER rate without the allowance", "tarif TER tanpa tunjangan"),
    "tax_without": ("tax without the allowance", "pajak tanpa tunjangan"),
    "gross_year": ("gross income of the year", "penghasilan bruto setahun"),
    "pkp": ("taxable income (PKP)", "penghasilan kena pajak (PKP)"),
    "tax_year": ("tax of the year", "PPh setahun"),
    "withheld_before": ("withheld before this period", "telah dipotong sebelum masa ini"),
    "band": ("band", "rentang"),
    "ceiling_group": ("ceiling group", "kelompok pagu"),
    "ceiling_factor": ("ceiling factor", "faktor pagu"),
    "opd_score": ("OPD score", "nilai OPD"),
    "opd_source": ("OPD score source", "sumber nilai OPD"),
    "opd_band": ("OPD band", "rentang OPD"),
    "unassessed": ("unassessed subordinates", "bawahan belum dinilai"),
    "rollup_source": ("score taken from", "sumber capaian"),
    "rollup_items": ("work items (score × share)", "kegiatan dinilai (capaian × bobot)"),
    "rollup_indicators": (
        "indicators (realisation / target → achievement)",
        "indikator (realisasi / target → capaian)",
    ),
    "rollup_subordinates": ("direct subordinates' scores", "capaian bawahan langsung"),
    "from_unit_above": ("value from the unit above", "nilai dari unit di atas"),
    "column_default": ("default of the rule file used", "nilai bawaan berkas aturan dipakai"),
    "parameter_over_column": (
        "parameter used, not the column of the same name",
        "parameter dipakai, bukan kolom bernama sama",
    ),
}


def note_label(key: str, lang: str) -> str:
    """The name of note ``key`` shown in ``lang`` (the key itself when it has none)."""
    names = NOTE_LABELS.get(key)
    return key if names is None else names[1 if lang == "id" else 0]


def _plain(v: Any) -> Any:
    """A cell of the employee frame as the explanation shows it: a Python value, and a missing
    one as None, whatever the column's dtype spells it with.

    pandas spells "missing" differently per dtype: NaN in a float, text or category column
    (an employee without an appraisal has ``results`` NaN), ``NaT`` in a date column,
    ``pd.NA`` in an ``Int64`` column. Shown as they are, they print as ``≈nan``, ``NaT`` or
    ``<NA>`` and make the JSON invalid (``NaN``); an explanation says "no value" instead:
    ``—`` in text, ``null`` in JSON. Dates (a Dataset drops the time of day) become
    :class:`datetime.date`.
    """
    v = python_scalar(v)
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, pd.Timestamp):
        return v.date() if v == v.normalize() and v.tzinfo is None else v.to_pydatetime()
    if isinstance(v, float) and math.isnan(v):
        return None
    return v


def _exact_values(run: _Run, row: int) -> dict[str, Any]:
    """Each step's value at ``row``, exact: the fast pass's where it is certified for the
    row, else all recomputed exactly for this row (``_Run.exact_at``), so the explanation
    shows no bounded float (an amount before rounding times 30/31 is a fraction, not
    ``9684569.972903226``)."""
    from tukin.result import exact_value

    out = {s.id: exact_value(run.fast.values[s.id], row) for s in run.ruleset.steps}
    if not any(isinstance(v, float) for v in out.values()):
        return out
    exact = run.exact_at(row)
    return {name: exact_value(exact[name], 0) for name in out}


#: The note of a step that read a unit's extra column whose value came from a unit above
#: the employee's own (a SAKIP grade on the OPD's row, read by a seksi's staff): column ->
#: "unit id (name)".
INHERITED = "from_unit_above"
#: The note of a step that read a column the rule file declares optional (``columns:``) where
#: the employee took its default (tukin.calc.declared): column -> value and why.
DEFAULTED = "column_default"


def _unit_source(run: _Run, f: pd.DataFrame, row: int, column: str) -> str | None:
    """``DINKES (Dinas Kesehatan)``: the unit above the employee's own whose value of the
    units' extra column ``column`` the employee read; None when it is their own unit's, or
    ``column`` is no units' extra column."""
    from tukin.calc.frame import unit_extra_source

    if run.dataset is None or "unit_id" not in f.columns:
        return None
    own = f["unit_id"].iat[row]
    found = unit_extra_source(run.dataset, own, column)
    if found is None or found[0] == str(own):
        return None
    unit_id, name = found
    return f"{unit_id} ({name})" if name else unit_id


def _show(v: Any, unit: str | None, lang: str = "en", keep: frozenset[str] = frozenset()) -> str:
    if v is None:
        return "—"
    shaped = shaped_text(v, lang, keep, _SHOWN, lambda x: _show(x, None, lang))
    if shaped is not None:
        return shaped
    if isinstance(v, Fraction):
        if unit == "rupiah" and v.denominator == 1:
            return format_rupiah(int(v), lang=_RP)
        text = fmt_exact(v)
        if "/" in text:
            return f"{text} ≈ {float(v):.10g}"
        if unit == "rupiah":  # an amount before rounding, every decimal shown: Rp3.038.285,25
            return format_rupiah_exact(v, lang=_RP) or text
        return text
    if isinstance(v, float):
        # an input column's number (68.0, 85.5): the calculation read its shortest repr,
        # what was typed (tukin.numtext.decimal_from_float_repr), so that is shown, no "≈"
        if not math.isfinite(v):
            return str(v)
        return format(decimal_from_float_repr(v), "f")
    return str(v)


def shaped_text(
    v: Any, lang: str, keep: frozenset[str], first: int, show: Callable[[Any], str]
) -> str | None:
    """``v`` as the reader says it when it is not a plain value (None otherwise, for the
    caller's own rule): a yes/no (a remote unit, a hazardous post), a table parameter
    (:func:`table_text`), a list parameter (the posts a formula's ``in`` reads) as ``[a,
    b]``; ``show`` shows an entry. Shared by the explanation's text and HTML and the
    workbook's explanation sheet."""
    if isinstance(v, bool):
        return yes_no(v, lang)
    if isinstance(v, dict):
        return table_text(v, lang, keep, first, show)
    if isinstance(v, list | tuple):
        return "[" + ", ".join(show(x) for x in v) + "]"
    return None


def yes_no(value: bool, lang: str) -> str:
    """A condition as the reader says it: ``ya``/``tidak``, ``yes``/``no`` (Python's
    ``True``/``False`` is not Indonesian, nor an HR officer's English)."""
    return ("ya" if value else "tidak") if lang == "id" else ("yes" if value else "no")


def table_text(
    table: dict[Any, Any], lang: str, keep: frozenset[str], first: int, show: Callable[[Any], str]
) -> str:
    """A table parameter as ``{key: value, ...}``: a long one shows its ``first`` entries and
    every entry ``keep`` names (those this employee's inputs select, :func:`_selected`: the
    rate of a code they have, the amount of their kelas), then how many it has. Shared by the
    explanation's text and HTML and the workbook's explanation sheet."""
    items = [(k, x) for i, (k, x) in enumerate(table.items()) if i < first or str(k) in keep]
    word = _T.get(lang, _T["en"])["entries"]
    more = f", … ({len(table)} {word})" if len(items) < len(table) else ""
    return "{" + ", ".join(f"{k}: {show(x)}" for k, x in items) + more + "}"


#: Entries of a table parameter shown in full before an explanation shortens it.
_SHOWN = 8


def _selected(inputs: dict[str, Any]) -> frozenset[str]:
    """Keys of a table parameter that a step's ``inputs`` select, as text: the name of an
    input with a count or value (``psw4`` = 1 selects the rate of psw4; 0 or blank selects
    nothing) and every input's value (``grade`` = 14 selects the amount of kelas 14,
    ``predikat`` = Baik the ratio of Baik)."""
    named = {k for k, x in inputs.items() if x is not None and not _is_zero(x)}
    values = {str(x) for x in inputs.values() if x is not None and not isinstance(x, dict)}
    return frozenset(named | values)


def _is_zero(x: Any) -> bool:
    try:
        return bool(x == 0)
    except (TypeError, ValueError):
        return False


def exact_text(v: Any) -> str | None:
    """A number's exact value as text, whatever its size: ``"7188745"``, ``"0.0475"``,
    ``"3/7"``; None for what is no exact number (text, a flag, a missing value, a float)."""
    v = python_scalar(v)
    if isinstance(v, Fraction):
        return fmt_exact(v)
    if isinstance(v, int) and not isinstance(v, bool):
        return str(v)
    return None


def _json(v: Any, where: str) -> Any:
    """``v`` as JSON data; ``where`` names the field in the error for a non-finite float."""
    if isinstance(v, Fraction):
        return int(v) if v.denominator == 1 else fmt_exact(v)
    if isinstance(v, dict):
        return {str(k): _json(x, f"{where}.{k}") for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_json(x, f"{where}[{i}]") for i, x in enumerate(v)]
    v = python_scalar(v)
    if isinstance(v, float) and not math.isfinite(v):
        raise CalculationError(
            code="invariant_broken",
            detail=f"{where} is {v!r}, which JSON cannot hold (a missing value must be None)",
        )
    if v is None or isinstance(v, bool | int | float | str):
        return v
    if isinstance(v, dt.date):  # a datetime too: ISO text, as "from" / "to" are
        return v.isoformat()
    return str(v)
