"""The ``Penjelasan`` sheet: every step of chosen employees' calculation, for the file.

An officer answering an employee's question, or an auditor sampling payments, needs the steps
on paper next to the totals: inputs, the parameters in force with their legal reference, and
each step's result. It is written from :meth:`Explanation.to_dict`, the same data the CLI's
``explain --json`` prints, so the two never differ.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tukin._wording import input_said, value_said
from tukin.errors import Lang
from tukin.explain import _selected, shaped_text
from tukin.io._xlsx import HEADER_FILL, MONEY_FORMAT, autosize, write_rows

__all__ = ["write_explanations"]

_HEADS = {
    "id": ["No", "Langkah", "ID", "Jenis", "Masukan", "Parameter", "Hasil", "Dasar"],
    "en": ["No", "Step", "ID", "Type", "Inputs", "Parameters", "Result", "Reference"],
}


#: Entries of a table shown in full before the sheet shortens it.
_SHOWN = 20


def _show(value: Any, lang: Lang = "en", keep: frozenset[str] = frozenset()) -> str:
    """A value for a cell; a long table shows its first entries, every entry ``keep`` names
    (those the employee's inputs select: the amount of their kelas, the rate of a code they
    have) and how many it has, as the explanation's text does (tukin.explain)."""
    shaped = shaped_text(value, lang, keep, _SHOWN, lambda v: _show(v, lang))
    if shaped is not None:
        return shaped
    return "—" if value is None else str(value)


def _parameter(p: dict[str, Any], lang: Lang, keep: frozenset[str]) -> str:
    when = f"{p.get('from') or '…'} – {p.get('to') or '…'}"
    ref = p.get("reference")
    word = "dasar" if lang == "id" else "ref."
    shown = _show(p.get("value"), lang, keep)
    return f"{p['name']} = {shown} ({when}{f'; {word} {ref}' if ref else ''})"


def _positions(ws: Any, d: dict[str, Any], lang: Lang, r: int) -> int:
    """The rows of an employee who held several positions within the period (the
    explanation's ``positions``): one per position, its kelas, status, dates and days, and
    its own values of the steps up to ``sum_at`` (whose result column is that step's value
    for the position); the row after the last. None: ``r`` itself."""
    from openpyxl.styles import Alignment

    from tukin.explain import sk_said

    word, kelas, days = (
        ("Jabatan", "kelas", "hari") if lang == "id" else ("Position", "kelas", "days")
    )
    for i, p in enumerate(d.get("positions", [])):
        values = ", ".join(f"{k} = {_show(v, lang)}" for k, v in p["values"].items())
        if p.get("code"):  # a position the rules decide pays nothing: it adds 0
            values += f"; {p['reason']} ({p['code']})"
        when = f"{p.get('start_date') or '…'} – {p.get('end_date') or '…'}"
        what = f"{kelas} {p.get('grade')}, {p.get('status')}, {when}, {p.get('days_served')} {days}"
        sk = sk_said(p["reference"]) if p.get("reference") else None
        row = [chr(97 + i), f"{word} {p.get('position_name') or ''}".strip(), p["position_id"]]
        write_rows(ws, [[*row, what, values, sk, p["values"].get(p["sum_at"])]], start=r)
        for cell in ws[r]:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        r += 1
    return r


def _sum_line(positions: list[dict[str, Any]], step: str, output: Any, lang: Lang) -> str:
    """A summed step's addition of the positions' values (rows a, b… above): ``sum_at``'s
    or a component's before it; its inputs are the latest position's, its result the sum
    (review 110, 122)."""
    from tukin.explain import _SUM_SAID

    said = _SUM_SAID.get(lang, _SUM_SAID["en"])
    parts = " + ".join(
        f"{chr(97 + i)}. {_show(p['values'].get(step), lang)}" for i, p in enumerate(positions)
    )
    return f"\n{said}: {parts} = {_show(output, lang)}"


def write_explanations(ws: Any, explanations: Sequence[Any], lang: Lang) -> None:
    """One block per employee: a title line, then one row per step."""
    from openpyxl.styles import Alignment, Font, PatternFill

    fill = PatternFill("solid", start_color=HEADER_FILL, end_color=HEADER_FILL)
    r = 1
    for exp in explanations:
        d = exp.to_dict()
        who = "Pegawai" if lang == "id" else "Employee"
        allowance = "Tunjangan" if lang == "id" else "Allowance"
        write_rows(
            ws,
            [
                [
                    f"{who}: {d.get('name') or ''} (NIP {d['nip']})",
                    None,
                    None,
                    None,
                    f"{allowance}:",
                    None,
                    d["allowance"],
                ]
            ],
            start=r,
        )
        ws.cell(row=r, column=1).font = Font(bold=True)
        ws.cell(row=r, column=7).number_format = MONEY_FORMAT
        r = write_rows(ws, [_HEADS[lang]], start=r + 1)
        for cell in ws[r - 1]:
            cell.font = Font(bold=True)
            cell.fill = fill
        r = _positions(ws, d, lang, r)
        ids = {step["id"] for step in d["steps"]}
        for i, step in enumerate(d["steps"], 1):
            inputs = ", ".join(
                f"{k} = {_show(v, lang)}"
                if k in ids
                else f"{input_said(k, lang)} = {value_said(k, v, lang) or _show(v, lang)}"
                for k, v in step["inputs"].items()
            )
            first = d["positions"][0] if d.get("positions") else None
            if first and step["id"] in (first["sum_at"], *first.get("summed", ())):
                inputs += _sum_line(d["positions"], step["id"], step["output"], lang)
            keep = _selected(step["inputs"])
            params = "; ".join(_parameter(p, lang, keep) for p in step["parameters"])
            output = step["output"]
            write_rows(
                ws,
                [
                    [
                        i,
                        step["label"],
                        step["id"],
                        step["type"],
                        inputs,
                        params,
                        output,
                        step.get("reference"),
                    ]
                ],
                start=r,
            )
            if step.get("unit") == "rupiah" and isinstance(output, int):
                ws.cell(row=r, column=7).number_format = MONEY_FORMAT
            for cell in ws[r]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            r += 1
        r += 1
    autosize(ws, maximum=50)
