"""Golden cases: expectations an auditor can read, kept as data, run by pytest or ``tukin test``.

A case file is YAML (format: ``docs/auditor-guide.md``): a sentence naming what the case
shows, a rule pack or rule file, a period, a minimal dataset written inline (what is not given
takes a documented default: one OPD, one position per employee, status ``pns``, the whole
month in service, an attendance row of zero counts, no appraisal), the exact rupiah and step
values expected, and the legal reference they come from. Why data and not Python: auditors
must check the rules without reading code, and the cases must outlive the engine's code.

Every case runs on the fast path and on the reference path (exact fractions); amounts must
agree with each other and with the expectation, to the rupiah. Cases sharing rules, period
and parameters run in one calculation (rules are row-wise: an employee's result never depends
on the other rows), so the shipped cases take seconds. A known, accepted deviation is declared
in the file (``xfail: reason``); a declared case that starts passing is reported.

The *behaviour lock* (``tukin/presets/behaviour.lock.json``) fingerprints what each packaged
pack yields on a fixed synthetic regency, so that no pack changes its amounts without a version
bump and a changelog entry naming the affected periods: ``python -m tukin.golden --update-lock``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tukin.errors import DataError, TukinError
from tukin.money import format_rupiah
from tukin.period import Period
from tukin.ruleset.types import fmt_exact, to_exact
from tukin.ruleset.yamlsafe import load_path

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.result import Result
    from tukin.rules.appraisal import Limit
    from tukin.ruleset.model import RuleSet

__all__ = [
    "ATTENDANCE_CODES",
    "CASES_DIR",
    "Case",
    "CaseFailed",
    "FileRun",
    "Outcome",
    "case_files",
    "check_lock",
    "distribution_limits",
    "load_cases",
    "main",
    "run_cli",
    "update_lock",
]

ATTENDANCE_CODES = (
    *("tl1", "tl2", "tl3", "tl4", "psw1", "psw2", "psw3", "psw4"),
    *("tk", "sakit", "izin", "cuti", "apel"),
)
"""Codes of every default attendance row, zero unless the case gives a count."""
NIP_PREFIX = "198001012005011"  # born 1980-01-01, appointed 2005-01, male; then 001, 002...
UNIT = {"unit_id": "D1", "name": "Dinas Contoh"}
Rating = Literal["above", "as_expected", "below"]


# -- the case format ----------------------------------------------------------------------------


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Appraisal(_Model):
    """SKP ratings of the period (PermenPANRB 6/2022)."""

    results: Rating
    behaviour: Rating


class Expect(_Model):
    """What the rules must give: exact rupiah, exact step values, a rejection or breaches."""

    allowance: int | None = None
    net: int | None = None
    steps: dict[str, int | Decimal | str] = Field(default_factory=dict)
    rejected: str | None = Field(default=None, description="Code of the reason for not paying.")
    breaches: list[str] | None = None


class ExpectError(_Model):
    """The run must stop with this error code (and this text in its message)."""

    code: str
    message: str | None = None


class Employee(_Model):
    """One employee; what is not given takes the documented default."""

    name: str | None = None
    grade: int = Field(ge=1, le=17)
    kind: str = "pelaksana"
    status: str = "pns"
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    attendance: dict[str, int] | None = Field(default_factory=dict)  # none: no row at all
    appraisal: Appraisal | None = None
    columns: dict[str, int | Decimal | str | None] = Field(default_factory=dict)
    expect: Expect | None = None

    @field_validator("attendance", mode="before")
    @classmethod
    def _none(cls, v: Any) -> Any:
        return None if isinstance(v, str) and v.strip().lower() == "none" else v


class Case(_Model):
    """One golden case: a sentence, the rules, the data and what must come out."""

    name: str = Field(min_length=10)
    reference: str = Field(min_length=3)
    rules: str
    period: str
    check: Literal["allowance", "distribution"] = "allowance"
    parameters: dict[str, Any] = Field(default_factory=dict)
    employee: Employee | None = None
    employees: list[Employee] = Field(default_factory=list)
    expect: Expect | None = None
    total: int | None = None
    expect_error: ExpectError | None = None
    xfail: str | None = None
    organisation: str | None = None
    ratings: dict[str, int] = Field(default_factory=dict)
    ignore: list[str] = Field(default_factory=list)
    tables: dict[str, list[dict[str, Any]]] = Field(default_factory=dict)  # extra input rows
    file: str = ""
    line: int | None = None

    @field_validator("period", mode="before")
    @classmethod
    def _period(cls, v: Any) -> str:
        return str(Period.parse(str(v)))

    @model_validator(mode="after")
    def _shape(self) -> Case:
        if "::" in self.name or "\n" in self.name:
            raise ValueError("a case name is one sentence on one line, without '::'")
        if self.check == "distribution":
            if not (
                self.organisation
                and self.ratings
                and self.expect
                and self.expect.breaches is not None
            ):
                raise ValueError("a distribution case needs organisation, ratings, expect.breaches")
            return self
        if (self.employee is None) == (not self.employees):
            raise ValueError("give either 'employee' (with 'expect') or 'employees'")
        if self.employee is None and self.expect is not None:
            raise ValueError("with 'employees', put each expectation under its employee")
        employees = self.employees
        if self.employee is not None:
            employees = [
                self.employee.model_copy(update={"expect": self.expect or self.employee.expect})
            ]
        if (
            self.expect_error is None
            and self.total is None
            and not any(e.expect for e in employees)
        ):
            raise ValueError("the case expects nothing: give expect, total or expect_error")
        return self.model_copy(update={"employees": employees, "employee": None, "expect": None})

    def who(self, i: int) -> str:
        """The name of the ``i``-th employee in reports (and in the dataset)."""
        return self.employees[i].name or f"Pegawai {i + 1}"


CASES_DIR = Path(str(resources.files("tukin"))) / "golden_cases"


def case_files() -> list[Path]:
    """The packaged case files, ``tukin/golden_cases/*.yaml``, sorted."""
    return sorted(CASES_DIR.glob("*.yaml"))


def load_cases(path: str | Path) -> list[Case]:
    """Read and validate a case file; a mistake is a DataError naming the file and line."""
    path = Path(path)
    data, lines, _ = load_path(path)

    def bad(line: int | None, detail: str) -> DataError:
        where = f"{path}:{line}" if line else str(path)
        return DataError(code="golden_case_invalid", value=where, detail=detail)

    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise bad(None, "a case file is a mapping with a list under 'cases'")
    if set(data) - {"defaults", "cases"}:
        raise bad(None, f"unknown keys {sorted(map(str, set(data) - {'defaults', 'cases'}))}")
    cases: list[Case] = []
    for i, raw in enumerate(data["cases"]):
        line = lines.get(("cases", i))
        try:
            merged = _merge(data.get("defaults") or {}, raw)
            case = Case.model_validate({**merged, "file": str(path), "line": line})
        except TypeError as exc:
            raise bad(line, str(exc)) from None
        except ValidationError as exc:
            loc, msg = tuple(exc.errors()[0]["loc"]), str(exc.errors()[0]["msg"])
            at = next(
                (
                    lines[key]
                    for k in range(len(loc), 0, -1)
                    if (key := ("cases", i, *loc[:k])) in lines
                ),
                line,
            )
            raise bad(at, f"{'.'.join(map(str, loc))}: {msg}" if loc else msg) from None
        if any(c.name == case.name for c in cases):
            raise bad(line, f"two cases are named {case.name!r}")
        cases.append(case)
    return cases


def _merge(defaults: Mapping[str, Any], raw: Any) -> dict[str, Any]:
    """A case with the file's defaults (rules, period, reference, check, parameters, employee)."""
    if not isinstance(raw, dict):
        raise TypeError("each case is a mapping")
    out = {k: v for k, v in defaults.items() if k not in ("employee", "parameters")}
    out.update(raw)
    out["parameters"] = {**(defaults.get("parameters") or {}), **(raw.get("parameters") or {})}
    base = defaults.get("employee") or {}

    def emp(e: Any) -> Any:
        if not isinstance(e, dict):
            return e  # the model reports what is wrong with it
        return {**base, **e, "columns": {**(base.get("columns") or {}), **(e.get("columns") or {})}}

    if "employee" in raw:
        out["employee"] = emp(raw["employee"])
    if isinstance(raw.get("employees"), list):
        out["employees"] = [emp(e) for e in raw["employees"]]
    return out


# -- running -------------------------------------------------------------------------------------

Status = Literal["passed", "failed", "xfailed", "xpassed"]
_WORDS = {
    "en": {
        "passed": "ok", "failed": "FAIL", "xfailed": "xfail", "xpassed": "XPASS",
        "expected": "expected", "got": "got", "ref": "reference", "rules": "rules",
        "period": "period", "explain": "Explanation of",
        "summary": "{p} passed, {x} xfailed, {f} failed",
    },
    "id": {
        "passed": "ok", "failed": "GAGAL", "xfailed": "xfail", "xpassed": "XPASS",
        "expected": "diharapkan", "got": "hasil", "ref": "dasar", "rules": "aturan",
        "period": "periode", "explain": "Penjelasan untuk",
        "summary": "{p} lulus, {x} xfail, {f} gagal",
    },
}  # fmt: skip


def _t(lang: str) -> dict[str, str]:
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

    def report(self, lang: str = "en") -> str:
        """Expected vs actual, then the full explanation of every employee concerned."""
        t, c = _t(lang), self.case
        lines = [
            f"{t[self.status]}: {c.name}",
            f"  {c.file}:{c.line or ''}",
            f"  {t['rules']}: {self.rules or c.rules}, {t['period']} {c.period}",
            f"  {t['ref']}: {c.reference}",
        ]
        if self.status == "xpassed":
            lines.append(f"  declared xfail ({c.xfail}) but the case passes: remove 'xfail'")
        lines += [f"  - {p}" for p in self.problems]
        for who, text in self.explanations.items():
            lines += ["", f"  {t['explain']} {who}:", *("    " + x for x in text.splitlines())]
        return "\n".join(lines)


class CaseFailed(AssertionError):
    """Raised by the pytest item of a failing case; carries the outcome for the report."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__(outcome.report())
        self.outcome = outcome


class FileRun:
    """The cases of one file, run lazily, together where they share rules, period, parameters."""

    def __init__(self, path: str | Path, lang: str = "en") -> None:
        self.path, self.lang = Path(path), lang
        self.cases = load_cases(self.path)
        self._done: dict[str, Outcome] = {}
        self._rules: dict[str, RuleSet] = {}

    def outcome(self, case: Case) -> Outcome:
        """The outcome of ``case``; the first call runs every case of the file."""
        if not self._done:
            groups: dict[str, list[Case]] = {}
            for c in self.cases:
                if c.check == "distribution":
                    self._done[c.name] = self._distribution(c)
                elif c.expect_error is not None or c.tables:  # alone: own tables or error
                    self._done[c.name] = self._run([c])[0]
                else:
                    groups.setdefault(self._key(c), []).append(c)
            for group in groups.values():
                self._done.update((o.case.name, o) for o in self._run(group))
        return self._done[case.name]

    def outcomes(self) -> list[Outcome]:
        """Every case's outcome, in file order."""
        return [self.outcome(c) for c in self.cases]

    def _key(self, case: Case) -> str:
        return json.dumps([case.rules, case.period, _plain(case.parameters)], sort_keys=True)

    def ruleset(self, case: Case) -> RuleSet:
        """The case's rules (a file beside the case file, or a pack) with its parameters."""
        key = json.dumps([case.rules, _plain(case.parameters)], sort_keys=True)
        if key not in self._rules:
            from tukin.ruleset.load import load_ruleset

            local = self.path.parent / case.rules
            rs = load_ruleset(local if local.is_file() else case.rules)
            self._rules[key] = rs.with_parameters(**case.parameters) if case.parameters else rs
        return self._rules[key]

    def _run(self, group: list[Case]) -> list[Outcome]:
        from tukin.calc.engine import calculate

        first = group[0]
        try:
            rs = self.ruleset(first)
            ds, nips = _dataset(group)
            fast = calculate(ds, rs, first.period)
            exact = calculate(ds, rs, first.period, reference=True)
        except Exception as exc:  # a case that breaks the run is a finding, not a crash
            if len(group) > 1:  # one case broke the batch: run each alone to find which
                return [o for c in group for o in self._run([c])]
            return [self._error(first, exc)]
        if first.expect_error is not None:
            return [
                Outcome(first, [f"expected error {first.expect_error.code}, the run succeeded"])
            ]
        label = f"{rs.name} v{rs.version}"
        return [_compare(c, fast, exact, nips[c.name], label, self.lang) for c in group]

    def _error(self, case: Case, exc: Exception) -> Outcome:
        """Compare the error that stopped the run with the one the case expects, if any."""
        if not isinstance(exc, TukinError):  # a bug, not a rule: show what and where
            return Outcome(case, [f"the run crashed: {type(exc).__name__}: {exc}"])
        msg, want = exc.message("id" if self.lang == "id" else "en"), case.expect_error
        if want is None:
            return Outcome(case, [f"the run stopped: [{exc.code}] {msg}"])
        if exc.code != want.code:
            return Outcome(case, [f"expected error {want.code}, got [{exc.code}] {msg}"])
        if want.message and want.message not in msg:
            return Outcome(case, [f"error [{exc.code}] does not say {want.message!r}: {msg}"])
        return Outcome(case)

    def _distribution(self, case: Case) -> Outcome:
        from tukin.rules.appraisal import check_distribution

        try:
            limits = distribution_limits(self.ruleset(case), case.period)
            ratings = [label for label, n in case.ratings.items() for _ in range(n)]
            found = check_distribution(ratings, str(case.organisation), limits, ignore=case.ignore)
        except (TukinError, ValueError) as exc:
            return Outcome(case, [f"the check stopped: {exc}"])
        got, want, t = [str(b) for b in found], case.expect and case.expect.breaches, _t(self.lang)
        if got == want:
            return Outcome(case)
        return Outcome(case, [f"breaches {t['expected']}: {want}", f"breaches {t['got']}: {got}"])


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return str(value) if isinstance(value, Decimal | dt.date) else value


def _column(values: list[Any]) -> pd.Series:
    """An extra column as a spreadsheet gives it: whole numbers as int64, other numbers and
    blanks as float64 (a Decimal as the float of its digits: the engine reads those back
    exactly), else text."""
    if any(isinstance(v, str) for v in values):
        return pd.Series(values, dtype=object)
    if all(isinstance(v, int) for v in values):
        return pd.Series(values, dtype="int64")
    for v in values:
        if isinstance(v, Decimal) and Decimal(repr(float(v))) != v:
            raise DataError(code="golden_case_invalid", value=str(v), detail="over 15 digits")
    return pd.Series([np.nan if v is None else float(v) for v in values], dtype="float64")


def _dataset(group: Sequence[Case]) -> tuple[Dataset, dict[str, list[str]]]:
    """One dataset for the employees of every case in ``group``, and their NIPs by case."""
    from tukin.dataset import Dataset

    period = group[0].period
    pos: list[dict[str, Any]] = []
    emp: list[dict[str, Any]] = []
    att: list[dict[str, Any]] = []
    app: list[dict[str, Any]] = []
    nips: dict[str, list[str]] = {}
    extra = sorted({k for c in group for e in c.employees for k in e.columns})
    for c in group:
        for i, e in enumerate(c.employees):
            k = len(emp) + 1
            nip, pid, name = f"{NIP_PREFIX}{k:03d}", f"P{k:03d}", c.who(i)
            nips.setdefault(c.name, []).append(nip)
            pos.append(
                {
                    "position_id": pid,
                    "name": f"Jabatan {name}",
                    "unit_id": UNIT["unit_id"],
                    "kind": e.kind,
                    "grade": e.grade,
                }
            )
            dates = {
                d: (getattr(e, d) or None) and getattr(e, d).isoformat()
                for d in ("start_date", "end_date")
            }
            emp.append(
                {
                    "nip": nip,
                    "name": name,
                    "position_id": pid,
                    "status": e.status,
                    **dates,
                    **{col: e.columns.get(col) for col in extra},
                }
            )
            if e.attendance is not None:
                att.append(
                    {
                        "nip": nip,
                        "period": period,
                        **dict.fromkeys(ATTENDANCE_CODES, 0),
                        **e.attendance,
                    }
                )
            if e.appraisal is not None:
                app.append({"nip": nip, "period": period, **e.appraisal.model_dump()})
    if len(emp) > 999:
        raise DataError(
            code="golden_case_invalid", value=group[0].file, detail="over 999 employees"
        )
    employees = pd.DataFrame(emp)
    for col in extra:
        employees[col] = _column(employees[col].tolist())
    tables = {"units": pd.DataFrame([UNIT]), "positions": pd.DataFrame(pos), "employees": employees}
    if att:
        tables["attendance"] = pd.DataFrame(att).fillna(0)
    if app:
        tables["appraisals"] = pd.DataFrame(app)
    for name, rows in group[0].tables.items():  # e.g. work_items, indicators, realisations
        given = pd.DataFrame([_plain(r) for r in rows])
        tables[name] = (
            pd.concat([tables[name], given], ignore_index=True) if name in tables else given
        )
    return Dataset.from_frames(mode="strict", **cast("dict[str, Any]", tables)), nips


def _compare(
    case: Case, fast: Result, exact: Result, nips: list[str], rules: str, lang: str
) -> Outcome:
    """Every expectation of ``case`` against the fast and the exact (reference) result."""
    out, t = Outcome(case, rules=rules), _t(lang)
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
                hope = f"; {t['expected']} [{want.rejected}]" if want.rejected else ""
                out.problems.append(f"{who}: not paid, rejected [{code}] {reason}{hope}")
            continue
        if want.rejected:
            out.problems.append(f"{who}: {t['expected']} rejected [{want.rejected}], but paid")
        if nip not in paid["exact"]:
            out.problems.append(f"{who}: paid on the fast path, rejected on the exact path")
            continue
        total += int(paid["fast"][nip]["allowance"])
        for col in ("allowance", "net"):
            got, ref, expected = paid["fast"][nip][col], paid["exact"][nip][col], getattr(want, col)
            if got != ref:
                out.problems.append(f"{who}: {col} on the fast path {got} != exact path {ref}")
            if expected is not None and got != expected:
                diff = _rp(got - expected, lang, sign=True)
                out.problems.append(
                    f"{who}: {col} {t['expected']} {_rp(expected, lang)}, {t['got']} {_rp(got, lang)} ({diff})"
                )
        values = _exact_steps(exact, nip) if want.steps else {}
        for step, expected_value in want.steps.items():
            if step not in values:
                out.problems.append(f"{who}: the rules have no step {step!r}")
            elif not _same(values[step], expected_value):
                out.problems.append(
                    f"{who}: {step} {t['expected']} {_show(expected_value)}, {t['got']} {_show(values[step])}"
                )
        if len(out.problems) > before:
            out.explanations[who] = str(fast.explain(nip, lang=lang))
    if case.total is not None and total != case.total:
        out.problems.append(
            f"total {t['expected']} {_rp(case.total, lang)}, {t['got']} {_rp(total, lang)}"
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
    text = format_rupiah(amount)
    return "+" + text if sign and amount > 0 else text


def distribution_limits(ruleset: RuleSet, period: str | Period) -> dict[str, tuple[Limit, ...]]:
    """A pack's SE MenPANRB 03/2023 curve (parameter ``distribution_curve``) as the limits of
    :func:`tukin.rules.appraisal.check_distribution`: the curve an auditor reads in the pack,
    with its reference, is the one checked."""
    from tukin.rules.appraisal import Limit

    curve = ruleset.parameter_at("distribution_curve", Period.parse(period)).value
    out: dict[str, tuple[Limit, ...]] = {}
    for organisation, bounds in curve.items():
        limits = []
        for b in bounds:
            kind = [k for k in ("at_most", "at_least", "more_than") if k in b]
            if len(kind) != 1 or set(b) != {kind[0], "of"}:
                raise ValueError(f"{organisation}: a bound is {{at_most|at_least|more_than, of}}")
            limits.append(Limit(tuple(b["of"]), cast("Any", kind[0]), to_exact(b[kind[0]])))
        out[str(organisation)] = tuple(limits)
    return out


# -- command line --------------------------------------------------------------------------------


def run_cli(files: Sequence[str | Path], lang: str = "en") -> int:
    """``tukin test``: run case files (default: the shipped ones), a line per case, the failure
    reports and a summary. Exit code 0 all pass, 1 a case fails, 2 a file cannot be read."""
    started, t = time.perf_counter(), _t(lang)
    counts = dict.fromkeys(("passed", "failed", "xfailed", "xpassed"), 0)
    reports: list[str] = []
    for path in [Path(f) for f in files] or case_files():
        try:
            outcomes = FileRun(path, lang=lang).outcomes()
        except (TukinError, OSError) as exc:
            print(f"{path}: {exc}")
            return 2
        print(f"{path} ({len(outcomes)})")
        for o in outcomes:
            counts[o.status] += 1
            print(f"  {t[o.status]:<6} {o.case.name}")
            reports += [o.report(lang)] if o.status in ("failed", "xpassed") else []
    for r in reports:
        print("\n" + r)
    bad = counts["failed"] + counts["xpassed"]
    summary = t["summary"].format(p=counts["passed"], x=counts["xfailed"], f=bad)
    print(f"\n{summary} ({time.perf_counter() - started:.1f} s)")
    return 1 if bad else 0


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tukin.golden [FILES] [--lang id]`` or ``--update-lock [--new-fixture]``."""
    p = argparse.ArgumentParser(prog="python -m tukin.golden", description="Run golden cases.")
    p.add_argument("files", nargs="*", help="case files (default: the packaged cases)")
    p.add_argument("--lang", choices=("en", "id"), default="en")
    p.add_argument("--update-lock", action="store_true", help="record the packs' behaviour")
    p.add_argument("--new-fixture", action="store_true", help="the fixture changed, no rule did")
    a = p.parse_args(argv)
    if not a.update_lock:
        return run_cli(a.files, a.lang)
    problems = update_lock(new_fixture=a.new_fixture)
    print("\n".join(problems) + "\nlock refused" if problems else f"→ {LOCK_PATH}")
    return 1 if problems else 0


# -- behaviour lock ------------------------------------------------------------------------------

PRESETS = Path(str(resources.files("tukin"))) / "presets"
LOCK_PATH = PRESETS / "behaviour.lock.json"
CHANGELOG = PRESETS / "CHANGELOG.md"
LOCK_PERIODS = ("2022-06", "2025-10")
FIXTURE = "tukin.demo.generate(200, seed=7, year=YEAR) + one indicator per employee"
FIXTURE_PARAMETERS: dict[str, Any] = {  # SYNTHETIC values for what packs leave to the user
    "tukin_base": {k: 1_000_000 * k + 1_234 * k * k for k in range(1, 18)},
    "score_100_110": [
        {"min": "100%", "max": "110%", "max_inclusive": True, "out_min": 109, "out_max": 120}
    ],
}
_PERIODS = re.compile(r"\b\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-C[1-3])?\b|^none\b", re.I)


def _fixtures() -> dict[int, Dataset]:
    """The lock's synthetic regency per year, each employee with one indicator for capaian."""
    from tukin import demo
    from tukin.dataset import Dataset

    out = {}
    for year in sorted({Period.parse(p).start.year for p in LOCK_PERIODS}):
        frames = demo.generate(200, seed=7, year=year)
        emp = frames["employees"].reset_index(drop=True)
        i = np.arange(len(emp))
        emp["realisation"] = ((i * 7) % 131).astype(float)  # 0..130 against 100: every band
        emp["target"] = 100.0
        emp["target_max"] = np.where(i % 7 == 0, 110.0, np.nan)
        emp["polarity"] = np.where(i % 5 == 0, "lower", "higher")
        out[year] = Dataset.from_frames(**cast("dict[str, Any]", {**frames, "employees": emp}))
    return out


def _behaviour(rs: RuleSet, ds: Dataset, period: str) -> str:
    """sha256 of every paid amount and step value, and of every rejection, in one period."""
    from tukin.calc.engine import calculate

    try:
        res = calculate(ds, rs, period)
    except TukinError as exc:
        return hashlib.sha256(f"error {exc.code}".encode()).hexdigest()
    cols = ["nip", *[s.id for s in rs.steps], "allowance", "net"]
    text = res.to_frame()[cols].to_csv(index=False, float_format="%.12g", lineterminator="\n")
    text += res.rejected[["nip", "code"]].to_csv(index=False, lineterminator="\n")
    return hashlib.sha256(text.encode()).hexdigest()


def current_behaviour() -> dict[str, Any]:
    """What the lock would record now: the fixture and, per pack, version and fingerprints."""
    from tukin import presets
    from tukin.ruleset.load import load_ruleset

    data, packs = _fixtures(), {}
    for name in presets.names():
        rs = load_ruleset(name)
        given = {k: v for k, v in FIXTURE_PARAMETERS.items() if k in rs.parameters}
        run = rs.with_parameters(**given) if given else rs
        periods = {p: _behaviour(run, data[Period.parse(p).start.year], p) for p in LOCK_PERIODS}
        packs[name] = {"version": rs.version, "ruleset": rs.fingerprint(), "periods": periods}
    datasets = {str(y): d.fingerprint() for y, d in data.items()}
    return {
        "fixture": {"recipe": FIXTURE, "periods": list(LOCK_PERIODS), "datasets": datasets},
        "packs": packs,
    }


def changelog_entries(text: str | None = None) -> dict[tuple[str, str], str]:
    """``(pack, version) -> "Affected periods:" text`` of each ``## <pack> <version>`` entry."""
    text = CHANGELOG.read_text(encoding="utf-8") if text is None else text
    out: dict[tuple[str, str], str] = {}
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        found = re.search(r"^Affected periods:[ \t]*(.*)$", body, flags=re.M)
        if len(head.split()) >= 2:
            out[(head.split()[0], head.split()[1])] = found.group(1).strip() if found else ""
    return out


def check_lock(now: Mapping[str, Any] | None = None, *, updating: bool = False) -> list[str]:
    """Every reason the packs, the lock and the changelog disagree (empty: they agree).

    ``updating``: the problems that forbid recording the current behaviour (a pack version
    missing from the lock is then expected, not a problem).
    """
    now = now or current_behaviour()
    lock = json.loads(LOCK_PATH.read_text(encoding="utf-8")) if LOCK_PATH.exists() else {}
    refit = bool(lock) and lock.get("fixture") != now["fixture"]
    if refit and not updating:
        return [
            "the lock's fixture changed (tukin.demo or the recipe): if no rule changed, "
            "run python -m tukin.golden --update-lock --new-fixture"
        ]
    problems, entries = [], changelog_entries()
    for name, cur in now["packs"].items():
        version, locked = cur["version"], lock.get("packs", {}).get(name, {}).get(cur["version"])
        periods = entries.get((name, version))
        if periods is None or not _PERIODS.search(periods):
            problems.append(
                f"{name} {version}: CHANGELOG.md needs an entry '## {name} {version}' "
                "with a line 'Affected periods: 2024-01 onwards' (or 'none')"
            )
        if locked is None:
            problems += (
                [] if updating else [f"{name} {version}: not in the lock; run --update-lock"]
            )
            continue
        changed = [p for p, h in cur["periods"].items() if locked["periods"].get(p) != h]
        if locked["ruleset"] != cur["ruleset"] or (changed and not refit):
            what = f"amounts changed in {', '.join(changed)}" if changed else "its rules changed"
            problems.append(
                f"{name}: {what} but the version is still {version}: bump 'version' "
                f"in tukin/presets/{name}.yaml, add a CHANGELOG.md entry naming the "
                "affected periods, then run python -m tukin.golden --update-lock"
            )
    if not updating:
        problems += [
            f"{n}: in the lock, not shipped" for n in set(lock.get("packs", {})) - set(now["packs"])
        ]
    return problems


def update_lock(*, new_fixture: bool = False) -> list[str]:
    """Record the current behaviour, keeping every earlier version's record; refuse (and say
    why) what would hide a change: a version locked with other behaviour, a missing entry."""
    now = current_behaviour()
    lock = json.loads(LOCK_PATH.read_text(encoding="utf-8")) if LOCK_PATH.exists() else {}
    if lock and lock.get("fixture") != now["fixture"] and not new_fixture:
        return ["the fixture changed: if no rule changed, rerun with --new-fixture"]
    problems = check_lock(now, updating=True)
    if problems:
        return problems
    packs: dict[str, Any] = {}
    for name, cur in now["packs"].items():
        history = dict(lock.get("packs", {}).get(name, {}))
        history[cur["version"]] = {"ruleset": cur["ruleset"], "periods": cur["periods"]}
        packs[name] = history
    doc = {
        "about": "Behaviour lock of the rule packs: see tukin.golden; refresh with "
        "python -m tukin.golden --update-lock",
        **now,
        "packs": packs,
    }
    LOCK_PATH.write_text(json.dumps(doc, indent=1) + "\n", encoding="utf-8")
    return []


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
