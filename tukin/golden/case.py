"""The case format: what an auditor writes, validated, with the file's defaults merged in.

A case file is YAML (``docs/auditor-guide.md``): a mapping with a list under ``cases`` and,
optionally, ``defaults`` every case starts from. A mistake is a
:class:`~tukin.errors.DataError` (``golden_case_invalid``) naming the file and the line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tukin.errors import DataError
from tukin.period import Period
from tukin.ruleset.yamlsafe import load_path

__all__ = [
    "CASES_DIR",
    "Appraisal",
    "Case",
    "Employee",
    "Expect",
    "ExpectError",
    "Rating",
    "case_files",
    "load_cases",
]

Rating = Literal["above", "as_expected", "below"]


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
