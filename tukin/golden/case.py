"""The case format: what an auditor writes, validated, with the file's defaults merged in.

A case file is YAML (``docs/auditor-guide.md``): a mapping with a list under ``cases`` and,
optionally, ``defaults`` every case starts from and ``bases``, named legal bases its cases cite
by name. A mistake is a :class:`~tukin.errors.DataError` (``golden_case_invalid``) naming the
file and the line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from tukin._language import resolve as resolve_lang
from tukin.errors import DataError, TukinError
from tukin.period import Period
from tukin.ruleset.types import refusal
from tukin.ruleset.yamlsafe import load_path

__all__ = [
    "CASES_DIR",
    "UNVERIFIED",
    "Appraisal",
    "Basis",
    "Case",
    "Employee",
    "Expect",
    "ExpectError",
    "PeriodRows",
    "Rating",
    "Sanction",
    "case_files",
    "load_cases",
]

Rating = Literal["above", "as_expected", "below"]
Traceability = Literal["provision", "unverified", "policy", "none"]

UNVERIFIED = "UNVERIFIED"
"""The ``provision`` of a basis whose regulation is known but whose article is not."""


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Appraisal(_Model):
    """SKP ratings of the period (PermenPANRB 6/2022)."""

    results: Rating
    behaviour: Rating


class Basis(_Model):
    """What a case's expectation rests on: a regulation and its provision, or a policy.

    ``regulation`` names the regulation (or, when no regulation is known, the document the rule
    was read in) and ``provision`` the article: ``Pasal 58``, ``Pasal 8 ayat (3)``, ``Lampiran I
    huruf B``, or :data:`UNVERIFIED` when the article is not known, with a ``note`` saying what is
    known. ``policy`` instead names who chose what the case checks, a choice and not the law (the
    pack, the case file, tukin), and ``provision`` where it is declared (``parameter
    deduction_cap``). ``grade`` is the source's grade as DOMAIN.md gives it: V read in the
    regulation, S secondary, P one government's practice.
    """

    regulation: str | None = Field(default=None, min_length=3)
    policy: str | None = Field(default=None, min_length=3)
    provision: str = Field(min_length=3)
    grade: Literal["V", "S", "P"] | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_source(self) -> Basis:
        if (self.regulation is None) == (self.policy is None):
            raise refusal(
                "a basis names either 'regulation' or 'policy'",
                "sebuah dasar menyebut 'regulation' atau 'policy', salah satunya",
            )
        if self.policy is not None and not self.verified:
            raise refusal(
                f"a policy's provision is where it is declared, not {UNVERIFIED}",
                f"provision sebuah kebijakan adalah tempat ia ditetapkan, bukan {UNVERIFIED}",
            )
        if not self.verified and not (self.note and self.note.strip()):
            raise refusal(
                f"provision {UNVERIFIED}: add a 'note' saying what is known",
                f"provision {UNVERIFIED}: tambahkan 'note' yang menyebut apa yang diketahui",
            )
        return self

    @property
    def verified(self) -> bool:
        """Whether ``provision`` names an article (not :data:`UNVERIFIED`)."""
        return UNVERIFIED not in self.provision.upper()

    def text(self, lang: str | None = None, *, note: bool = True) -> str:
        """One line for reports: ``PermenPANRB 8/2021, UNVERIFIED (V): note`` (``note=False``:
        without the note); a policy reads ``policy of <who>, <where declared>`` (in ``lang``,
        ``None``: :func:`tukin.get_language`)."""
        if self.policy is not None:
            who = "kebijakan" if resolve_lang(lang) == "id" else "policy of"
            head = f"{who} {self.policy}, {self.provision}"
        else:
            head = f"{self.regulation}, {self.provision}"
        grade = f" ({self.grade})" if self.grade else ""
        return head + grade + (f": {self.note}" if note and self.note else "")


class Expect(_Model):
    """What the rules must give: exact rupiah, exact step values, a rejection or breaches."""

    allowance: int | None = None
    net: int | None = None
    steps: dict[str, int | Decimal | str] = Field(default_factory=dict)
    rejected: str | None = Field(default=None, description="Code of the reason for not paying.")
    breaches: list[str] | None = None

    @property
    def checks_something(self) -> bool:
        """Whether anything is expected: ``expect: {}`` is no expectation (it would pass
        whatever the rules pay)."""
        return bool(
            self.allowance is not None
            or self.net is not None
            or self.steps
            or self.rejected is not None
            or self.breaches is not None
        )


class ExpectError(_Model):
    """The run must stop with this error code (and this text in its message)."""

    code: str
    message: str | None = None


Handle = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_.-]*$", max_length=40)]
"""An employee's short name in a case (``kabid``), which other keys of the case refer to."""


class Sanction(_Model):
    """A discipline sanction of the employee: a row of the ``sanctions`` table without the NIP
    (``tukin.contract``: kind, percent, start_period, months, reference)."""

    kind: str = Field(min_length=1)
    percent: int | Decimal = Field(ge=0, le=100)
    start_period: str
    months: int = Field(ge=1, le=120)
    reference: str | None = None

    @field_validator("start_period", mode="before")
    @classmethod
    def _month(cls, v: Any) -> str:
        period = Period.parse(str(v))
        if len(period.months()) != 1:
            raise refusal(
                f"a sanction starts in a month (2025-03), not in {v}",
                f"sanksi mulai pada suatu bulan (2025-03), bukan pada {v}",
            )
        return str(period)


class PeriodRows(_Model):
    """An employee's rows of another period (``history``): the attendance counts of that
    period (every other code 0) and its appraisal."""

    attendance: dict[str, int] | None = None
    appraisal: Appraisal | None = None


class Employee(_Model):
    """One employee; what is not given takes the documented default."""

    id: Handle | None = None
    name: str | None = None
    grade: int = Field(ge=1, le=17)
    kind: str = "pelaksana"
    status: str = "pns"
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    attendance: dict[str, int] | None = Field(default_factory=dict)  # none: no row at all
    appraisal: Appraisal | None = None
    # bool first: a yes/no column (target_is_max: true) stays yes/no, not the number 1
    columns: dict[str, bool | int | Decimal | str | None] = Field(default_factory=dict)
    unit: str | None = Field(default=None, min_length=1)
    reports_to: Handle | None = None
    sanctions: list[Sanction] = Field(default_factory=list)
    history: dict[str, PeriodRows] = Field(default_factory=dict)
    expect: Expect | None = None

    @field_validator("attendance", mode="before")
    @classmethod
    def _none(cls, v: Any) -> Any:
        return None if isinstance(v, str) and v.strip().lower() == "none" else v

    @field_validator("history", mode="before")
    @classmethod
    def _periods(cls, v: Any) -> Any:
        """Periods as keys, written as the period column would be (``2025-09``, ``2025``)."""
        if not isinstance(v, Mapping):
            return v
        out: dict[str, Any] = {}
        for key, rows in v.items():
            period = str(Period.parse(str(key)))
            if period in out:
                raise refusal(
                    f"the period {period} is given twice", f"periode {period} diisi dua kali"
                )
            out[period] = rows
        return out


class Case(_Model):
    """One golden case: a sentence, the rules, the data and what must come out."""

    name: str = Field(min_length=10)
    reference: str | None = Field(default=None, min_length=3)
    basis: tuple[Basis, ...] = ()
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

    @field_validator("basis", mode="before")
    @classmethod
    def _one_basis(cls, v: Any) -> Any:
        return [v] if isinstance(v, Mapping | Basis) else v

    @property
    def traceability(self) -> Traceability:
        """How far the case traces to the law: ``provision`` (every regulation it cites with its
        article), ``unverified`` (a regulation without its article), ``policy`` (only choices
        of the pack, the file or tukin), ``none`` (no basis, only a ``reference`` text)."""
        laws = [b for b in self.basis if b.regulation is not None]
        if not self.basis:
            return "none"
        if not laws:
            return "policy"
        return "provision" if all(b.verified for b in laws) else "unverified"

    @model_validator(mode="after")
    def _shape(self) -> Case:
        if self.reference is None and not self.basis:
            raise refusal(
                "a case cites its source: give 'basis' (or at least 'reference')",
                "kasus menyebut sumbernya: isi 'basis' (atau sekurangnya 'reference')",
            )
        if "::" in self.name or "\n" in self.name:
            raise refusal(
                "a case name is one sentence on one line, without '::'",
                "nama kasus satu kalimat pada satu baris, tanpa '::'",
            )
        if self.check == "distribution":
            if not (
                self.organisation
                and self.ratings
                and self.expect
                and self.expect.breaches is not None
            ):
                raise refusal(
                    "a distribution case needs organisation, ratings, expect.breaches",
                    "kasus distribusi memerlukan organisation, ratings, expect.breaches",
                )
            return self
        if (self.employee is None) == (not self.employees):
            raise refusal(
                "give either 'employee' (with 'expect') or 'employees'",
                "isi 'employee' (dengan 'expect') atau 'employees', salah satunya",
            )
        if self.employee is None and self.expect is not None:
            raise refusal(
                "with 'employees', put each expectation under its employee",
                "dengan 'employees', taruh setiap harapan di bawah pegawainya",
            )
        employees = self.employees
        if self.employee is not None:
            employees = [
                self.employee.model_copy(update={"expect": self.expect or self.employee.expect})
            ]
        if (
            self.expect_error is None
            and self.total is None
            and not any(e.expect is not None and e.expect.checks_something for e in employees)
        ):
            raise refusal(
                "the case expects nothing: give expect, total or expect_error",
                "kasus tidak mengharapkan apa pun: isi expect, total atau expect_error",
            )
        _check_relations(self, employees, "employee" if self.employee is not None else "employees")
        return self.model_copy(update={"employees": employees, "employee": None, "expect": None})

    def who(self, i: int) -> str:
        """The name of the ``i``-th employee in reports (and in the dataset): its ``name``,
        else its ``id``, else ``Pegawai <i + 1>``."""
        e = self.employees[i]
        return e.name or e.id or f"Pegawai {i + 1}"

    def handles(self) -> dict[str, int]:
        """Each employee's ``id`` and the employee's index in :attr:`employees`."""
        return {e.id: i for i, e in enumerate(self.employees) if e.id is not None}


class CaseMistake(Exception):
    """A mistake of a case the loader words itself, in both languages: ``loc`` is the key's
    path in the case (``("employees", 1, "reports_to")``)."""

    def __init__(self, loc: tuple[str | int, ...], en: str, id_: str) -> None:
        super().__init__(en)
        self.loc, self.en, self.id = loc, en, id_


#: Per input table, the columns naming an employee (by NIP) or a position: in a case they hold
#: an employee's ``id``, which the dataset replaces by that employee's NIP or position.
def handle_columns() -> dict[str, dict[str, str]]:
    """``{table: {column: "nip" | "position_id"}}`` from the data contract's references."""
    from tukin.contract import TABLES

    out: dict[str, dict[str, str]] = {}
    for table in TABLES.values():
        for col in table.columns:
            if col.ref in (("employees", "nip"), ("positions", "position_id")):
                out.setdefault(table.name, {})[col.name] = col.ref[1]
    return out


def _check_relations(case: Case, employees: list[Employee], key: str) -> None:
    """Every ``id`` once, every ``reports_to`` and handle in ``tables`` an ``id`` of the case,
    no reporting line in a circle, every ``unit`` a unit of the case, no ``history`` of the
    case's own period."""
    from tukin.golden.data import UNIT

    def at(j: int, *rest: str | int) -> tuple[str | int, ...]:
        return (key, *rest) if key == "employee" else (key, j, *rest)

    ids: dict[str, int] = {}
    for j, e in enumerate(employees):
        if e.id is None:
            continue
        if e.id in ids:
            raise CaseMistake(
                at(j, "id"),
                f"two employees have the id {e.id!r}: an id names one employee of the case",
                f"dua pegawai ber-id {e.id!r}: sebuah id menamai satu pegawai dalam kasus",
            )
        ids[e.id] = j
    known_en = ", ".join(ids) or "none: give the employee an 'id'"
    known_id = ", ".join(ids) or "tidak ada: beri pegawai itu 'id'"

    def dangling(loc: tuple[str | int, ...], handle: Any) -> CaseMistake:
        return CaseMistake(
            loc,
            f"no employee of this case has the id {handle!r} (ids: {known_en})",
            f"tidak ada pegawai dalam kasus ini ber-id {handle!r} (id yang ada: {known_id})",
        )

    for j, e in enumerate(employees):
        if e.reports_to is not None and e.reports_to not in ids:
            raise dangling(at(j, "reports_to"), e.reports_to)
    for j, e in enumerate(employees):
        if e.reports_to is None:
            continue
        seen, k = [j], ids[e.reports_to]
        while k not in seen:
            seen.append(k)
            up = employees[k].reports_to
            if up is None:
                break
            k = ids[up]
        else:
            names = " → ".join(str(employees[i].id) for i in [*seen[seen.index(k) :], k])
            raise CaseMistake(
                at(j, "reports_to"),
                f"the reporting lines go in a circle: {names}",
                f"garis pelaporan membentuk lingkaran: {names}",
            )
    units = {str(UNIT["unit_id"])} | {
        str(r.get("unit_id")) for r in case.tables.get("units", []) if isinstance(r, Mapping)
    }
    for j, e in enumerate(employees):
        if e.unit is not None and e.unit not in units:
            raise CaseMistake(
                at(j, "unit"),
                f"no unit {e.unit!r}: the units are {', '.join(sorted(units))} (add a row "
                "under tables: units, with parent_id)",
                f"tidak ada unit {e.unit!r}: unit yang ada {', '.join(sorted(units))} "
                "(tambahkan barisnya di tables: units, dengan parent_id)",
            )
        if case.period in e.history:
            raise CaseMistake(
                at(j, "history", case.period),
                f"history holds other periods; the rows of {case.period}, the case's period, "
                "are the employee's own attendance and appraisal",
                f"history berisi periode lain; baris {case.period}, periode kasus, adalah "
                "attendance dan appraisal pegawai itu sendiri",
            )
    for table, columns in handle_columns().items():
        for r, row in enumerate(case.tables.get(table, [])):
            for column, kind in columns.items():
                value = row.get(column) if isinstance(row, Mapping) else None
                if value is None or str(value) in ids:
                    continue
                if not re.fullmatch(_WRITTEN_OUT[kind], str(value)):
                    raise dangling(("tables", table, r, column), value)


#: What a value of a column naming an employee or a position may be instead of an ``id``: the
#: synthetic NIP or position the dataset gives (``198001012005011001``, ``P001``), written out.
_WRITTEN_OUT = {"nip": r"\d{18}", "position_id": r"P\d{3}"}


CASES_DIR = Path(str(resources.files("tukin"))) / "golden_cases"


def case_files() -> list[Path]:
    """The packaged case files, ``tukin/golden_cases/*.yaml``, sorted."""
    return sorted(CASES_DIR.glob("*.yaml"))


def load_cases(path: str | Path) -> list[Case]:
    """Read and validate a case file; a mistake is a DataError naming the file and line."""
    path = Path(path)
    data, lines, _ = load_path(path)

    def bad(line: int | None, detail: str | tuple[str, str]) -> DataError:
        where = f"{path}:{line}" if line else str(path)
        return DataError(code="golden_case_invalid", value=where, detail=detail)

    if not isinstance(data, dict) or not isinstance(data.get("cases"), list):
        raise bad(
            None,
            (
                "a case file is a mapping with a list under 'cases'",
                "berkas kasus berisi pemetaan dengan daftar di bawah 'cases'",
            ),
        )
    if set(data) - {"defaults", "cases", "bases"}:
        unknown = sorted(map(str, set(data) - {"defaults", "cases", "bases"}))
        raise bad(None, (f"unknown keys {unknown}", f"kunci tidak dikenal {unknown}"))
    bases = data.get("bases") or {}
    if not isinstance(bases, dict):
        raise bad(
            lines.get(("bases",)),
            ("'bases' maps a name to a basis", "'bases' memetakan nama ke sebuah dasar"),
        )
    named: dict[str, Basis] = {}
    for key, value in bases.items():
        try:
            named[str(key)] = Basis.model_validate(value)
        except ValidationError as exc:
            # a misspelt key first: its correct spelling is then reported missing, too
            errors = exc.errors()
            err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
            field = ".".join(map(str, (key, *err["loc"])))
            en, id_ = _bilingual(err) or (str(err["msg"]), str(err["msg"]))
            told = (f"bases.{field}: {en}", f"bases.{field}: {id_}")
            raise bad(lines.get(("bases", key)), told) from None
    cases: list[Case] = []
    for i, raw in enumerate(data["cases"]):
        line = lines.get(("cases", i))
        try:
            merged = _merge(data.get("defaults") or {}, raw)
            if "basis" in merged:
                merged["basis"] = _named(merged["basis"], named)
            case = Case.model_validate({**merged, "file": str(path), "line": line})
        except _UnknownBasis as exc:
            at = lines.get(("cases", i, "basis"), line)
            name = exc.args[0]
            told = (
                f"basis: no basis named {name!r} under 'bases'",
                f"basis: tidak ada dasar bernama {name!r} di bawah 'bases'",
            )
            raise bad(at, told) from None
        except TypeError as exc:
            raise bad(line, str(exc)) from None
        except CaseMistake as exc:
            raise bad(
                _line(lines, i, exc.loc, line), _said(raw, i, exc.loc, exc.en, exc.id)
            ) from None
        except ValidationError as exc:
            # a misspelt key first: its correct spelling is then reported missing, too
            errors = exc.errors()
            err = next((e for e in errors if e["type"] == "extra_forbidden"), errors[0])
            loc, msg = tuple(err["loc"]), str(err["msg"])
            at = _line(lines, i, loc, line)
            said = _bilingual(err)
            if said is not None:
                raise bad(at, _said(raw, i, loc, *said)) from None
            raise bad(at, f"{'.'.join(map(str, loc))}: {msg}" if loc else msg) from None
        if any(c.name == case.name for c in cases):
            raise bad(
                line,
                (
                    f"two cases are named {case.name!r}",
                    f"dua kasus bernama {case.name!r}",
                ),
            )
        cases.append(case)
    return cases


def _line(
    lines: Mapping[tuple[Any, ...], int], i: int, loc: tuple[Any, ...], line: int | None
) -> int | None:
    """The line of the deepest key of ``loc`` (in the ``i``-th case) the file has."""
    return next(
        (lines[key] for k in range(len(loc), 0, -1) if (key := ("cases", i, *loc[:k])) in lines),
        line,
    )


def _said(raw: Any, i: int, loc: tuple[Any, ...], en: str, id_: str) -> tuple[str, str]:
    """A case's mistake in both languages, naming the case and the key."""
    name = raw.get("name") if isinstance(raw, dict) else None
    case = repr(str(name)) if name else f"cases[{i}]"
    where = ".".join(map(str, loc)) + ": " if loc else ""
    return f"{where}{en} (case {case})", f"{where}{id_} (kasus {case})"


def _bilingual(err: Any) -> tuple[str, str] | None:
    """A validation error in both languages, when tukin can word it: an unknown key (with the
    keys allowed there), a missing key, a validator's refusal in both languages
    (:func:`tukin.ruleset.types.refusal`) or a tukin error (a period that is none); ``None``
    for pydantic's own English wording of the rest."""
    ctx = err.get("ctx") or {}
    loc, cause = tuple(err["loc"]), ctx.get("error")
    if err["type"] == "extra_forbidden" and loc:
        known = ", ".join(_known_keys(loc[:-1]))
        return (
            f"unknown key {loc[-1]!r} (the keys here: {known})",
            f"kunci {loc[-1]!r} tidak dikenal (kunci di sini: {known})",
        )
    if err["type"] == "missing" and loc:
        return f"the key {loc[-1]!r} is missing", f"kunci {loc[-1]!r} belum diisi"
    if "message_id" in ctx:
        return str(ctx["message"]), str(ctx["message_id"])
    if isinstance(cause, TukinError):
        return cause.message("en"), cause.message("id")
    return None


def _known_keys(loc: tuple[Any, ...]) -> list[str]:
    """The keys of the mapping at ``loc`` in a case (a model's fields), for "unknown key"."""
    model: type[BaseModel] = Case
    for part in loc:
        if not isinstance(part, str) or part not in model.model_fields:
            continue  # a list index or a mapping's own key (a period of history)
        found = _model_in(model.model_fields[part].annotation)
        if found is None:
            return []
        model = found
    hidden = {"file", "line"}
    return [k for k in model.model_fields if k not in hidden]


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model a field holds, itself or in a list, a mapping or an optional."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_in(arg)
        if found is not None:
            return found
    return None


class _UnknownBasis(Exception):
    """A case cites a basis by a name the file's ``bases`` does not define."""


def _named(basis: Any, named: Mapping[str, Basis]) -> Any:
    """A case's ``basis`` (a mapping, a name, or a list of both) with each name replaced by the
    file's basis of that name."""

    def one(item: Any) -> Any:
        if not isinstance(item, str):
            return item  # the model reports what is wrong with it
        if item not in named:
            raise _UnknownBasis(item)
        return named[item]

    return [one(b) for b in basis] if isinstance(basis, list) else one(basis)


#: An employee's mappings that a case completes key by key over the file's default employee.
_EMPLOYEE_MAPPINGS = ("attendance", "appraisal", "columns", "history")


def _merge(defaults: Mapping[str, Any], raw: Any) -> dict[str, Any]:
    """A case with the file's defaults (rules, period, reference, basis, check, parameters,
    employee).

    ``parameters``, ``tables`` (by table: a case's rows of a table replace the defaults'
    rows of that table) and the employee's ``attendance``, ``appraisal``, ``columns`` and
    ``history`` (by period) are merged key by key: ``defaults: {employee: {attendance: {cp1: 0}}}`` and a case's
    ``attendance: {tl1: 2}`` give both counts, as the auditor guide says of defaults. A case
    value that is no mapping (``attendance: none``, ``appraisal: null``) replaces the default.
    """
    if not isinstance(raw, dict):
        raise CaseMistake((), "each case is a mapping", "setiap kasus berupa pemetaan")
    out = {k: v for k, v in defaults.items() if k not in ("employee", "parameters")}
    out.update(raw)
    out["parameters"] = {**(defaults.get("parameters") or {}), **(raw.get("parameters") or {})}
    tables, own = defaults.get("tables"), raw.get("tables")
    if isinstance(tables, dict) and isinstance(own, dict):  # by table: a case's rows replace
        out["tables"] = {**tables, **own}  # that table's defaults, the others stay
    base = defaults.get("employee") or {}

    def emp(e: Any) -> Any:
        if not isinstance(e, dict):
            return e  # the model reports what is wrong with it
        merged = {**base, **e}
        for key in _EMPLOYEE_MAPPINGS:
            default, given = base.get(key), e.get(key, {})
            if key == "columns":  # left empty it adds nothing: there is no "no columns"
                default, given = default or {}, {} if given is None else given
            if isinstance(default, dict) and isinstance(given, dict):
                merged[key] = {**default, **given}
        return merged

    if "employee" in raw:
        out["employee"] = emp(raw["employee"])
    if isinstance(raw.get("employees"), list):
        out["employees"] = [emp(e) for e in raw["employees"]]
    return out
