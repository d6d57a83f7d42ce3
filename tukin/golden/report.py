"""What a case's run found: expected vs actual, to the rupiah, and the explanations to show.

Every expectation is checked on the fast path and on the reference path (exact fractions):
the two must agree with each other and with the case. A step value is compared with the
exact fraction the reference run holds, so an auditor's ``16/31`` is checked as written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from tukin._language import resolve as resolve_lang
from tukin.errors import render
from tukin.golden.case import Case, Expect
from tukin.money import format_rupiah
from tukin.ruleset.types import fmt_exact, to_exact

if TYPE_CHECKING:
    from tukin.result import Result

__all__ = ["CaseFailed", "Outcome", "Status", "compare", "words"]

Status = Literal["passed", "failed", "xfailed", "xpassed"]
_WORDS = {
    "en": {
        "passed": "ok", "failed": "FAIL", "xfailed": "xfail", "xpassed": "XPASS",
        "expected": "expected", "got": "got", "ref": "reference", "rules": "rules",
        "period": "period", "explain": "Explanation of", "basis": "basis",
        "summary": "{p} passed, {x} xfailed, {f} failed",
        "traced": "legal basis: {provision} cite the provision, {unverified} a regulation "
                  "whose provision is UNVERIFIED, {policy} only a policy (not law), {none} none",
    },
    "id": {
        "passed": "ok", "failed": "GAGAL", "xfailed": "xfail", "xpassed": "XPASS",
        "expected": "diharapkan", "got": "hasil", "ref": "rujukan", "rules": "aturan",
        "period": "periode", "explain": "Penjelasan untuk", "basis": "dasar hukum",
        "summary": "{p} lulus, {x} xfail, {f} gagal",
        "traced": "dasar hukum: {provision} menyebut pasalnya, {unverified} menyebut peraturan "
                  "dengan pasal UNVERIFIED, {policy} hanya kebijakan (bukan hukum), "
                  "{none} tidak ada",
    },
}  # fmt: skip


#: a case's paid columns as its file names them, and as the Indonesian workbook heads them
#: (``Tunjangan (allowance)``: the reader finds the figure, the author the key to correct)
_COLUMNS = {"allowance": ("allowance", "Tunjangan (allowance)"), "net": ("net", "Diterima (net)")}


def words(lang: str) -> dict[str, str]:
    """The words of reports in ``lang`` (English unless ``"id"``)."""
    return _WORDS["id" if lang == "id" else "en"]


@dataclass
class Outcome:
    """A case's result: the differences found (none: passed) and the explanations to show."""

    case: Case
    problems: list[str] = field(default_factory=list)
    explanations: dict[str, str] = field(default_factory=dict)
    rules: str = ""

    @property
    def status(self) -> Status:
        if self.case.xfail:
            return "xfailed" if self.problems else "xpassed"
        return "failed" if self.problems else "passed"

    def report(self, lang: str | None = None) -> str:
        """Expected vs actual, then the full explanation of every employee concerned, in
        ``lang`` (``None``: :func:`tukin.get_language`)."""
        lang = resolve_lang(lang)
        t, c = words(lang), self.case
        lines = [
            f"{t[self.status]}: {c.name}",
            f"  {c.file}:{c.line or ''}",
            f"  {t['rules']}: {self.rules or c.rules}, {t['period']} {c.period}",
            *([f"  {t['ref']}: {c.reference}"] if c.reference else []),
            *(f"  {t['basis']}: {b.text(lang)}" for b in c.basis),
        ]
        if self.status == "xpassed":
            lines.append("  " + render("golden_xpassed", lang, value=c.xfail))
        lines += [f"  - {p}" for p in self.problems]
        for who, text in self.explanations.items():
            lines += ["", f"  {t['explain']} {who}:", *("    " + x for x in text.splitlines())]
        return "\n".join(lines)


class CaseFailed(AssertionError):
    """Raised by the pytest item of a failing case; carries the outcome for the report."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.report())
        self.outcome = outcome


def compare(
    case: Case, fast: Result, exact: Result, nips: list[str], rules: str, lang: str
) -> Outcome:
    """Every expectation of ``case`` against the fast and the exact (reference) result."""
    out, lang = Outcome(case, rules=rules), resolve_lang(lang)
    who = ""

    def say(message: str, **fields: Any) -> None:
        out.problems.append(render(message, lang, who=who, **fields))

    paid = {
        path: res.to_frame().set_index("nip")[["allowance", "net"]].astype("int64").to_dict("index")
        for path, res in (("fast", fast), ("exact", exact))
    }
    rejected = {
        n: (c, r) for n, c, r in fast.rejected[["nip", "code", "reason"]].itertuples(index=False)
    }
    total = 0
    for i, nip in enumerate(nips):
        who, want, before = case.who(i), case.employees[i].expect or Expect(), len(out.problems)
        if nip in rejected:
            code, reason = rejected[nip]
            if want.rejected != code:
                said = "golden_rejected_otherwise" if want.rejected else "golden_rejected"
                say(said, code=code, reason=reason, expected=want.rejected)
            continue
        if want.rejected:
            say("golden_paid", expected=want.rejected)
        if nip not in paid["exact"]:
            say("golden_paths_rejected")
            continue
        total += int(paid["fast"][nip]["allowance"])
        for col in ("allowance", "net"):
            got, ref, expected = paid["fast"][nip][col], paid["exact"][nip][col], getattr(want, col)
            column = _COLUMNS[col][1] if lang == "id" else col
            if got != ref:
                say("golden_paths_differ", column=column, fast=got, exact=ref)
            if expected is not None and got != expected:
                say(
                    "golden_amount",
                    column=column,
                    expected=_rp(expected, lang),
                    got=_rp(got, lang),
                    difference=_rp(got - expected, lang, sign=True),
                )
        values = _exact_steps(exact, nip) if want.steps else {}
        for step, expected_value in want.steps.items():
            if step not in values:
                say("golden_no_step", step=step)
            elif not _same(values[step], expected_value):
                shown = {"expected": _show(expected_value), "got": _show(values[step])}
                say("golden_step_value", step=step, **shown)
        if len(out.problems) > before:
            out.explanations[who] = str(fast.explain(nip, lang=lang))
    if case.total is not None and total != case.total:
        out.problems.append(
            render("golden_total", lang, expected=_rp(case.total, lang), got=_rp(total, lang))
        )
    return out


def _exact_steps(result: Result, nip: str) -> dict[str, Any]:
    """Every step's value for one employee from the reference run, as exact fractions.

    An explanation shows a value that is no short decimal (16/31) as a float; an auditor's
    "16/31" must be compared with the fraction, which only the run's exact columns hold.
    """
    from tukin.calc.num import XNum

    run = result._run
    assert run is not None, "a reference result keeps its run"
    j = int(np.flatnonzero(run.exact.rows == result._pos[nip])[0])
    out: dict[str, Any] = {}
    for step in run.ruleset.steps:
        col = run.exact.values[step.id]
        out[step.id] = col.v[j] if isinstance(col, XNum) else np.asarray(col)[j]
    return out


def _same(actual: Any, expected: int | Decimal | str) -> bool:
    if actual is None or isinstance(actual, str | bool | np.bool_):
        return str(actual) == str(expected)
    try:
        return Fraction(actual) == to_exact(expected)
    except (ValueError, TypeError):
        return False


def _show(value: Any) -> str:
    if isinstance(value, Fraction | int) and not isinstance(value, bool):
        text = fmt_exact(Fraction(value))
        return f"{text} (≈{float(value):.10g})" if "/" in text else text
    return str(value)


def _rp(amount: int, lang: str, sign: bool = False) -> str:
    """Rupiah as the explanations print it (Rp8.610.222, in both languages)."""
    text = format_rupiah(amount, lang="id")
    return "+" + text if sign and amount > 0 else text
