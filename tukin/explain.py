"""Explanations: every step of one employee's calculation, readable by a HR officer.

An explanation is read off the very columns the batch computed (no second evaluation), so it
can never disagree with the payment. Values are exact where the engine certified them
(shown as decimals or fractions), parameters show the value in force with its effective date
and legal reference, and the receipt ties it to the run.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

from tukin._language import resolve as resolve_lang
from tukin.errors import Lang
from tukin.money import format_rupiah
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
        "from": "from",
        "ref": "ref.",
        "step": "Step",
        "value": "Value",
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
        """JSON-serialisable: exact values as text ("3/7", "0.6"), amounts as integers."""
        return {
            "nip": self.nip,
            "name": self.name,
            "period": self.period,
            "allowance": self.allowance,
            "identity": {k: _json(v) for k, v in self.identity.items()},
            "steps": [
                {
                    "id": s.id,
                    "type": s.type,
                    "label": s.label,
                    "reference": s.reference,
                    "inputs": {k: _json(v) for k, v in s.inputs.items()},
                    "parameters": [
                        {
                            "name": p.name,
                            "value": _json(p.value),
                            "from": p.start,
                            "to": p.end,
                            "reference": p.reference,
                            "source": p.source,
                        }
                        for p in s.parameters
                    ],
                    "output": _json(s.output),
                    "unit": s.unit,
                    "notes": {k: _json(v) for k, v in s.notes.items()},
                }
                for s in self.steps
            ],
            "receipt": self.receipt,
        }

    def __str__(self) -> str:
        t = _T.get(self.lang, _T["en"])
        lines = [
            f"{t['employee']}: {self.name or ''} (NIP {self.nip})",
            f"{t['period']}: {self.period}   {t['rules']}: {self.receipt.get('ruleset_name')} "
            f"v{self.receipt.get('ruleset_version')}",
        ]
        for k, v in self.identity.items():
            if v is not None and k not in ("nip", "name"):
                lines.append(f"  {k}: {_show(v, None)}")
        for i, s in enumerate(self.steps, 1):
            ref = f"  [{t['ref']} {s.reference}]" if s.reference else ""
            lines.append(f"{i}. {s.label} ({s.id}, {s.type}){ref}")
            if s.inputs:
                ins = ", ".join(f"{k} = {_show(v, None)}" for k, v in s.inputs.items())
                lines.append(f"     {t['inputs']}: {ins}")
            for p in s.parameters:
                parts = []
                if p.start or p.end:
                    parts.append(f"{t['from']} {p.start or '…'}–{p.end or '…'}")
                if p.reference:
                    parts.append(f"{t['ref']} {p.reference}")
                tail = f" ({'; '.join(parts)})" if parts else ""
                lines.append(f"     {t['params']}: {p.name} = {_show(p.value, None)}{tail}")
            for k, v in s.notes.items():
                lines.append(f"     {k}: {_show(v, None)}")
            lines.append(f"     → {t['result']}: {_show(s.output, s.unit)}")
        lines.append(f"{t['allowance']}: {format_rupiah(self.allowance, lang=_RP)}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        t = _T.get(self.lang, _T["en"])
        rows = "".join(
            f"<tr><td>{i}</td><td>{html.escape(s.label)}<br><small>{html.escape(s.reference or '')}</small></td>"
            f"<td>{html.escape(', '.join(f'{k} = {_show(v, None)}' for k, v in s.inputs.items()))}</td>"
            f"<td>{html.escape('; '.join(f'{p.name} = {_show(p.value, None)}' for p in s.parameters))}</td>"
            f"<td style='text-align:right'><b>{html.escape(_show(s.output, s.unit))}</b></td></tr>"
            for i, s in enumerate(self.steps, 1)
        )
        return (
            f"<p><b>{html.escape(self.name or '')}</b> NIP {self.nip}, {t['period'].lower()} {self.period}</p>"
            f"<table><tr><th>#</th><th>{t['step']}</th><th>{t['inputs']}</th><th>{t['params']}</th>"
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
    for trace in run.traces:
        s = trace.step
        inputs: dict[str, Any] = {}
        for name in trace.reads:
            if name in step_ids:
                inputs[name] = exact_value(run.fast.values[name], row)
            elif name in f.columns:
                inputs[name] = _plain(f[name].iat[row])
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
        notes = {
            k: (v[row] if hasattr(v, "__getitem__") and not isinstance(v, str | dict) else v)
            for k, v in trace.notes.items()
        }
        steps.append(
            StepExplanation(
                id=s.id,
                type=s.type,
                label=s.title(lang),
                reference=s.reference,
                inputs=inputs,
                parameters=params,
                output=exact_value(value, row),
                unit=getattr(value, "unit", None),
                notes=notes,
            )
        )
    allow = exact_value(run.fast.values[run.ruleset.allowance_step], row)
    identity = {c: _plain(f[c].iat[row]) for c in ID_COLUMNS if c in f.columns}
    return Explanation(
        nip=str(f["nip"].iat[row]),
        name=identity.get("name"),
        period=str(run.period),
        lang=lang,
        steps=steps,
        allowance=int(allow) if isinstance(allow, Fraction | int) else 0,
        receipt=receipt.model_dump(),
        identity=identity,
    )


def _plain(v: Any) -> Any:
    if hasattr(v, "item"):
        try:
            return v.item()
        except (ValueError, AttributeError):
            return v
    return v


def _show(v: Any, unit: str | None) -> str:
    if v is None:
        return "—"
    if isinstance(v, Fraction):
        if unit == "rupiah" and v.denominator == 1:
            return format_rupiah(int(v), lang=_RP)
        text = fmt_exact(v)
        if "/" in text:
            return f"{text} ≈ {float(v):.10g}"
        return ("Rp" + text) if unit == "rupiah" else text
    if isinstance(v, float):
        return f"≈{v:.10g}"
    if isinstance(v, dict):
        items = list(v.items())
        more = f", … ({len(items)} entries)" if len(items) > 8 else ""
        return "{" + ", ".join(f"{k}: {_show(x, None)}" for k, x in items[:8]) + more + "}"
    return str(v)


def _json(v: Any) -> Any:
    if isinstance(v, Fraction):
        return int(v) if v.denominator == 1 else fmt_exact(v)
    if isinstance(v, dict):
        return {str(k): _json(x) for k, x in v.items()}
    if isinstance(v, list | tuple):
        return [_json(x) for x in v]
    if v is None or isinstance(v, bool | int | float | str):
        return v
    return str(v)
