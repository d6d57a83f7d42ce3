"""RuleSet: a rule file as a frozen object, with dated parameters and a stable fingerprint.

A rule set is data: metadata citing the regulation, parameters whose values carry effective
dates and legal references, and an ordered list of steps naming registered rule types. What-if
analysis never mutates it: :meth:`RuleSet.with_parameters` and :meth:`RuleSet.with_value`
return a new rule set.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Literal, Self, get_args

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    PrivateAttr,
    SerializerFunctionWrapHandler,
    ValidationError,
    field_validator,
    model_serializer,
    model_validator,
)

from tukin._language import resolve as resolve_lang
from tukin.errors import MissingParameterError, RuleProblem, RuleSetError
from tukin.period import Period, PeriodKind
from tukin.ruleset._values import date_problems, exact_value, parse_day, refuse_float
from tukin.ruleset.yamlsafe import canonical_json

#: Where a problem of a value given to :meth:`RuleSet.with_parameters` comes from (the CLI
#: shows ``--param`` there).
GIVEN = "with_parameters"

#: What ``requires`` may name: ``attendance`` and ``appraisal`` (a row per employee and
#: period), or an optional table that must be given (tukin.calc.engine.check_required_tables).
RequiredTable = Literal[
    "attendance",
    "appraisal",
    "sanctions",
    "work_items",
    "indicators",
    "targets",
    "realisations",
    "budget_realisations",
]

SourceGrade = Literal["official", "secondary", "practice", "example", "user"]
STEP_KEYS = ("id", "type", "label", "label_en", "reference", "description")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class DatedValue(_Frozen):
    """One value of a parameter and the dates it is in force (both ends inclusive)."""

    start: dt.date | None = Field(
        None, alias="from", description="First day in force; empty = always."
    )
    end: dt.date | None = Field(None, alias="to", description="Last day in force; empty = open.")
    value: Any = Field(description="A number, a table (mapping), a list or text.")
    reference: str | None = Field(None, description="Regulation and article the value comes from.")
    source: SourceGrade | None = Field(None, description="How strong the source is.")
    note: str | None = Field(None, description="Anything an auditor should know.")

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


class Parameter(_Frozen):
    """A named parameter with its dated values.

    ``required``: the rule file ships no value, the user must supply it
    (:meth:`RuleSet.with_parameters`, or dated values in their own rule file). A pack leaves
    to the user what no source verifies, and stops with an error naming it until supplied.
    """

    name: str = Field(description="The parameter's name: its key under `parameters`.")
    description: str | None = Field(None, description="What the value is, in a sentence.")
    unit: str | None = Field(
        None,
        description="rupiah, ratio, percent, count... Documentation, except `rupiah`: a formula "
        "reads the value as an amount, and a negative amount, or one not whole (`37.500` "
        "is read as 37.5, not Rp37,500), is refused at load. A unit naming rupiah otherwise "
        "(`Rp`, `IDR`, `rupiah/bulan`) of a parameter a formula reads, or a clamp's bound, is "
        "refused: write `rupiah`.",
    )
    reference: str | None = Field(None, description="Default reference for values without one.")
    source: SourceGrade | None = Field(
        None, description="Default source grade for values without one."
    )
    required: bool = Field(
        False,
        description="`true`: no value shipped, the user must supply it. A rule file says "
        "`supplied` instead, with `value`/`values`, for such a parameter with the values the "
        "user supplied (what `RuleSet.to_yaml` writes).",
    )
    values: tuple[DatedValue, ...] = Field(
        description="Its dated values (below); they may leave gaps but never overlap."
    )

    @model_validator(mode="after")
    def _has_values(self) -> Parameter:
        if not self.values and not self.required:
            raise ValueError(
                "a parameter needs a value, or 'required: true' (the user supplies it)"
            )
        return self

    @model_serializer(mode="wrap")
    def _dump(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # 'required' is only written when true: a rule set that uses no required parameter
        # keeps the canonical form, and so the fingerprint, it had before the flag existed
        data: dict[str, Any] = handler(self)
        if not self.required:
            data.pop("required", None)
        return data

    @property
    def in_rupiah(self) -> bool:
        """Whether the values are amounts (``unit: rupiah``, in any case or spacing): the
        load check and a formula must agree on it."""
        return (self.unit or "").strip().lower() == "rupiah"

    def at(self, day: dt.date) -> DatedValue:
        for v in self.values:
            if v.covers(day):
                return v
        if self.required and not self.values:
            raise MissingParameterError(
                code="required_parameter", value=self.name, detail=day.isoformat()
            )
        raise MissingParameterError(value=self.name, detail=day.isoformat())


class Step(_Frozen):
    """One step: a rule type applied with parameters, producing the column named ``id``."""

    id: str = Field(
        description="Name of the column the step gives; later steps and formulas read it by "
        "this name. Unique in the file."
    )
    type: str = Field(description="A registered rule type (docs/rule-types.md, or a plug-in's).")
    label: str | None = Field(
        None, description="Name shown in explanations and exports (Indonesian)."
    )
    label_en: str | None = Field(None, description="The same in English.")
    reference: str | None = Field(None, description="Regulation and article the step applies.")
    description: str | None = Field(None, description="Anything an auditor should know.")
    params: dict[str, Any] = Field(
        default_factory=dict,
        description="The rule type's parameters: every other key of the step (or one `params` "
        "mapping holding them).",
    )

    def title(self, lang: str | None = None) -> str:
        """The label people read, in ``lang`` (``None``: :func:`tukin.get_language`)."""
        if resolve_lang(lang) == "en" and self.label_en:
            return self.label_en
        return self.label or self.label_en or self.id


class Outputs(_Frozen):
    """Which step columns are the allowance and its deductions."""

    allowance: str | None = Field(
        None, description="Step giving the gross allowance (whole rupiah); empty: the last step."
    )
    deductions: tuple[str, ...] = Field(
        (), description="Steps deducted from the gross (employee share)."
    )
    employer: tuple[str, ...] = Field((), description="Employer contributions, reported apart.")
    components: tuple[str, ...] = Field(
        (),
        description="Steps that are parts of the gross, named for the reader of the rule file "
        "(each must be a step; every step is a column of the result anyway). Payroll lists do "
        "not show them apart. For an employee who held several positions, a component in "
        "rupiah computed before position_history.sum_at is the sum over the positions, as "
        "sum_at is, so the components add up to the allowance.",
    )


def _dated_keys() -> set[str]:
    """The keys a dated value may have (``from``, ``to``, ``value``, ``reference``...): a
    list of dicts with others is a value itself (bands: ``min``, ``max``, ``value``)."""
    fields = DatedValue.model_fields
    return {*fields, *(f.alias for f in fields.values() if f.alias)}


#: The types an optional input column may be declared with (``columns:``), as the rule-file
#: reference names the types of the employee's columns.
ColumnType = Literal["number", "text", "yes/no"]


class InputColumn(_Frozen):
    """An input column the rule file may read and the data may lack: absent, or blank in a
    cell, the employee takes ``default`` (tukin.calc.declared), and the explanation says so.

    A pack reads indicator data as extra columns of the employees table; a column only some
    governments keep (``target_is_max``: the target is the most the indicator can reach)
    stopped every run of data without it. Declared with a default, the data without it is
    read as the regulation's ordinary case.
    """

    type: ColumnType = Field(
        description="What the column holds: `number`, `text` or `yes/no` (true/false). The "
        "default must be of this type, and a column given in the data must hold it."
    )
    default: Any = Field(
        description="The value of an employee whose data has no such column, or a blank cell "
        "in it: a number, a text, true/false, or `$name`, a parameter (dated and cited) "
        "holding one."
    )
    description: str | None = Field(None, description="What the column holds, in a sentence.")
    reference: str | None = Field(
        None, description="Regulation and article behind the column or its default."
    )


class PositionHistory(_Frozen):
    """How the rules pay an employee who held more than one position (or status) within the
    period: a promotion, a transfer, CPNS -> PNS (the data's ``position_history`` table)."""

    sum_at: str = Field(
        description="The step up to which the rules are computed once per position held in "
        "the period (each with its own kelas, status and days served), and whose values are "
        "then added up per employee; the steps after it see one row per employee. Choose the "
        "step where the allowance's base is complete for the position's days (kelas x status "
        "x days served); it and the steps before it may not be group-level steps (a budget "
        "ceiling) nor steps of a type working on an employee's whole monthly amount (a "
        "contribution on a capped wage, PPh 21, a Plt supplement, a cap in rupiah: "
        "docs/rule-types.md says which). Regulations pay the old class up to the day before the new appointment "
        "and the new class from its day (e.g. Permen KKP 3/2026 art. 7(1))."
    )


#: Set while pydantic validates a RuleSet whose check comes after (``model_validate``...,
#: the loader's): its ``__init__``, which pydantic calls inside, does not check. A
#: :class:`~tukin.errors.RuleSetError` raised there would reach the caller as a pydantic
#: ValidationError (it is a ValueError), its problems flattened to text.
_CHECK_AFTER: ContextVar[bool] = ContextVar("tukin_ruleset_check_after", default=False)


@contextmanager
def _checked_after() -> Iterator[None]:
    token = _CHECK_AFTER.set(True)
    try:
        yield
    finally:
        _CHECK_AFTER.reset(token)


class RuleSet(_Frozen):
    """A validated rule file. Build it with :func:`tukin.load_ruleset`.

    A rule set built in Python (``RuleSet(...)``, :meth:`model_validate`,
    :meth:`model_validate_json`) is checked as a rule file is (:meth:`check`): the same
    refusals, raised as a :class:`~tukin.errors.RuleSetError` listing every problem. One
    made without validation (pydantic's ``model_copy(update=...)``, ``model_construct``)
    or changed in place (a step's ``params`` dict) is checked when it is first calculated
    with: :func:`tukin.calculate` never computes with rules no check has seen. A rule set
    checked once and not changed since is not checked again.
    """

    name: str = Field(description="Short name, recorded in every receipt (e.g. tpp-60-40).")
    version: str = Field(
        "1",
        description="Version of the rules, recorded in every receipt; a number is read as text.",
    )
    title: str | None = Field(None, description="Title people read.")
    regulation: str | None = Field(
        None, description="The regulation the rules apply (Perbup, Permen...)."
    )
    reference: str | None = Field(None, description="Where the formula comes from.")
    description: str | None = Field(None, description="Anything a reader should know.")
    valid_from: dt.date | None = Field(
        None, description="First day the rules apply; a period ending before it is refused."
    )
    valid_to: dt.date | None = Field(
        None, description="Last day the rules apply; a period starting after it is refused."
    )
    requires: tuple[RequiredTable, ...] = Field(
        (),
        description="Input the rules cannot do without. attendance, appraisal: every "
        "employee needs a row for the period, one without is not paid (missing_input_row); "
        "otherwise zero counts / no rating, and a warning. sanctions and the monitoring "
        "tables (work_items, indicators, targets, realisations, budget_realisations): the "
        "table must be given, with rows or without, or nothing is calculated "
        "(required_table_missing).",
    )
    period_kinds: tuple[PeriodKind, ...] = Field(
        (),
        description="The kinds of period the rule set computes (e.g. [month] for a monthly "
        "allowance); empty: any. A monthly allowance over a quarter would weigh three "
        "months' absences against one month's amount, so such a period is refused.",
    )
    position_history: PositionHistory | None = Field(
        None,
        description="How an employee who held several positions within the period is paid "
        "(below). Without it, such an employee (rows of position_history overlapping the "
        "period) is not paid (position_history_not_declared), never paid on one position.",
    )
    parameters: dict[str, Parameter] = Field(
        default_factory=dict, description="Named values the steps use (below)."
    )
    columns: dict[str, InputColumn] = Field(
        default_factory=dict,
        description="Input columns the data may lack, each with its type and the default an "
        "employee takes without it (below).",
    )
    steps: tuple[Step, ...] = Field(description="The steps, run in order (below); at least one.")
    outputs: Outputs = Field(
        default_factory=Outputs, description="Which steps are the allowance and its parts (below)."
    )
    source_file: str | None = Field(None, exclude=True)
    lines: dict[str, int] = Field(default_factory=dict, exclude=True, repr=False)
    #: the fingerprint of the content last checked (:meth:`check`): a copy made with
    #: ``model_copy(update=...)`` or a dict changed in place has another one, and is checked
    #: again; pickled and deep-copied with the rule set, whose content it still describes
    _checked: str | None = PrivateAttr(None)

    def __init__(self, /, **data: Any) -> None:
        super().__init__(**data)
        if not _CHECK_AFTER.get():  # pydantic calls __init__ inside model_validate too
            self.check()

    @classmethod
    def model_validate(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        """pydantic's ``model_validate``, then :meth:`check`, as for a rule file."""
        with _checked_after():
            found = super().model_validate(obj, *args, **kwargs)
        return found.check()

    @classmethod
    def model_validate_json(cls, json_data: Any, *args: Any, **kwargs: Any) -> Self:
        """pydantic's ``model_validate_json``, then :meth:`check`, as for a rule file."""
        with _checked_after():
            found = super().model_validate_json(json_data, *args, **kwargs)
        return found.check()

    @classmethod
    def model_validate_strings(cls, obj: Any, *args: Any, **kwargs: Any) -> Self:
        """pydantic's ``model_validate_strings``, then :meth:`check`, as for a rule file."""
        with _checked_after():
            found = super().model_validate_strings(obj, *args, **kwargs)
        return found.check()

    @classmethod
    def _unchecked(cls, data: dict[str, Any]) -> RuleSet:
        """The rule set of ``data`` validated by pydantic only: the loader checks it itself,
        with the file's lines, and then calls :meth:`_mark_checked` (not twice)."""
        with _checked_after():
            return super().model_validate(data)

    def check(self) -> Self:
        """Check the rule set as a rule file is checked on loading (its steps against their
        rule types for every dated combination of values, ``$references``, outputs,
        ``position_history.sum_at``, columns, amounts in rupiah); raise a
        :class:`~tukin.errors.RuleSetError` listing every problem, else return the rule set.
        Done once: a rule set checked and not changed since is not checked again."""
        from tukin.ruleset.check import validate_ruleset

        fingerprint = self.fingerprint()
        if self._checked != fingerprint:
            validate_ruleset(self)
            self._checked = fingerprint
        return self

    def _mark_checked(self) -> None:
        """Record that the rule set as it is now passed the checks (the loader's, with
        the file's lines, or :meth:`_revalidated`'s)."""
        self._checked = self.fingerprint()

    @property
    def allowance_step(self) -> str:
        return self.outputs.allowance or self.steps[-1].id

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    @field_validator("period_kinds")
    @classmethod
    def _period_kinds_in_order(cls, kinds: tuple[PeriodKind, ...]) -> tuple[PeriodKind, ...]:
        # a set, written in one order: [quarter, month] and [month, month, quarter] are the
        # same rules, with the same fingerprint
        return tuple(k for k in get_args(PeriodKind) if k in kinds)

    def canonical(self) -> dict[str, Any]:
        # keys added after the first release are left out while unset: a rule file that
        # does not use them keeps the fingerprint its receipts recorded
        later = {"period_kinds"} if not self.period_kinds else set()
        if not self.columns:
            later.add("columns")
        if self.position_history is None:
            later.add("position_history")
        return self.model_dump(
            mode="python", by_alias=True, exclude={"source_file", "lines", *later}
        )

    def fingerprint(self) -> str:
        """sha256 of the canonical content: same rules, same fingerprint, on any machine."""
        return hashlib.sha256(canonical_json(self.canonical()).encode()).hexdigest()

    def to_yaml(self) -> str:
        """The rule set as a rule file (YAML) that :func:`tukin.load_ruleset` reads back to
        rules with the same fingerprint: every reference, source, date, description and note
        kept, and a comment on top naming the fingerprint and, for a packaged pack changed
        with :meth:`with_parameters` or :meth:`with_value`, what was changed.

        This is how rules built in Python are kept with the payment they computed
        (:func:`tukin.io.write_result` writes them with the result; see
        :mod:`tukin.ruleset.write`).
        """
        from tukin.ruleset.write import to_yaml

        return to_yaml(self)

    def save(self, path: str | Path) -> Path:
        """Write :meth:`to_yaml` to ``path`` (UTF-8), replacing the file; returns the path."""
        from tukin.io._xlsx import _atomic_write

        target = Path(path)
        _atomic_write(target, self.to_yaml().encode("utf-8"))
        return target

    def covers(self, period: Period) -> bool:
        return (self.valid_from is None or self.valid_from <= period.end) and (
            self.valid_to is None or period.start <= self.valid_to
        )

    def computes(self, period: Period) -> bool:
        """The period is of a kind the rule set computes (``period_kinds``; empty: any)."""
        return not self.period_kinds or period.kind in self.period_kinds

    def parameter_at(self, name: str, period: Period) -> DatedValue:
        """The value in force on the first day of ``period``."""
        try:
            param = self.parameters[name]
        except KeyError:
            raise MissingParameterError(value=name, detail=str(period)) from None
        return param.at(period.start)

    def with_parameters(self, **values: Any) -> RuleSet:
        """A new rule set with parameters replaced: a plain value (in force always), a list of
        dated values (dicts with from/to/value/reference), or a :class:`Parameter`.

        A table (amount per kelas jabatan) may also be a pandas Series (index = key) or a
        two-column DataFrame (key, value), as read from an Excel sheet: whole-number floats
        pandas made of the cells (``894961.0``, key ``1.0``) are taken as the integers they
        are; any other float is refused, naming the parameter and the row (see
        :mod:`tukin.ruleset._values`).

        ``None`` is no value: the step keys naming the parameter are read as not written, so
        an optional one means what it means left out (``absence_cap=None``: no cap), and one
        that needs a value is refused, "no value given (null)" (docs/rule-file.md).
        """
        params = dict(self.parameters)
        unknown = [k for k in values if k not in params]
        if unknown:
            raise RuleSetError(
                [
                    RuleProblem(
                        "unknown_parameter",
                        f"rule set {self.name!r} has no parameter {k!r}",
                        f"aturan {self.name!r} tidak memiliki parameter {k!r}",
                        key=k,
                    )
                    for k in unknown
                ]
            )
        for key, val in values.items():
            old = params[key]
            if isinstance(val, Parameter):
                params[key] = val
            elif (
                isinstance(val, list | tuple)
                and val
                and all(
                    isinstance(v, dict) and "value" in v and set(v) <= _dated_keys() for v in val
                )
            ):
                dated = [{**v, "value": exact_value(v["value"], key)} for v in val]
                refuse_float(dated, key)
                # in date order, as a rule file's are kept: the same values given in another
                # order are the same rules, with the same fingerprint, written or not
                given = sorted(
                    (_dated_value(v, key) for v in dated),
                    key=lambda v: v.start or dt.date.min,
                )
                params[key] = old.model_copy(update={"values": tuple(given)})
            else:
                params[key] = old.model_copy(
                    update={
                        "values": (
                            DatedValue(
                                value=exact_value(val, key),
                                reference="with_parameters",
                                source="user",
                            ),
                        )
                    }
                )
        clashes = [
            _dates_problem(key, en, id_)
            for key in values
            for _, en, id_ in date_problems(key, params[key].values)
        ]
        if clashes:
            raise RuleSetError(clashes)
        return self._revalidated(params, given=values)

    def with_value(
        self,
        name: str,
        value: Any,
        *,
        from_: dt.date | str,
        to: dt.date | str | None = None,
        reference: str | None = None,
        source: SourceGrade | None = None,
    ) -> RuleSet:
        """A new rule set where ``name`` takes ``value`` from ``from_`` on (to ``to``, inclusive,
        or open-ended), the values before that day staying in force for earlier periods.

        This is how a new Perbup arrives: its table applies from a date, and payments for the
        months before it must still be computed, and explained, with the old one. The
        open-ended value is closed the day before ``from_``; any other overlap, or ``to``
        before ``from_``, is a :class:`~tukin.errors.RuleSetError` naming the parameter (to
        rewrite history, give all the dated values with :meth:`with_parameters`). After ``to``
        no value is in force unless another one follows; give the next one with another
        ``with_value``. ``value`` is taken as by :meth:`with_parameters` (a pandas table too);
        ``reference`` defaults to ``"with_value"`` and ``source`` to ``"user"``.
        """
        if name not in self.parameters:
            raise RuleSetError(
                [
                    RuleProblem(
                        "unknown_parameter",
                        f"rule set {self.name!r} has no parameter {name!r}",
                        f"aturan {self.name!r} tidak memiliki parameter {name!r}",
                        key=name,
                    )
                ]
            )
        start = parse_day(from_, name, "from_")
        end = None if to is None else parse_day(to, name, "to")
        if end is not None and end < start:
            raise RuleSetError(
                [
                    _dates_problem(
                        name,
                        f"parameter {name!r}: 'to' {end} is before 'from' {start}",
                        f"parameter {name!r}: 'to' {end} sebelum 'from' {start}",
                    )
                ]
            )
        try:
            added = DatedValue(
                start=start,
                end=end,
                value=exact_value(value, name),
                reference=reference or "with_value",
                source=source or "user",
            )
        except ValidationError as exc:
            raise _invalid_value(exc, name) from None
        before = start - dt.timedelta(days=1) if start > dt.date.min else start
        kept = [
            v.model_copy(update={"end": before})
            if v.end is None and (v.start is None or v.start < start)
            else v
            for v in self.parameters[name].values
        ]
        values = sorted([*kept, added], key=lambda v: v.start or dt.date.min)
        problems = date_problems(name, values)
        if problems:
            raise RuleSetError(
                [
                    _dates_problem(
                        name,
                        en + "; with_value adds a value after those in force (to replace "
                        "values, give them all with with_parameters)",
                        id_ + "; with_value menambah nilai setelah nilai yang berlaku (untuk "
                        "mengganti nilai, berikan semuanya dengan with_parameters)",
                    )
                    for _, en, id_ in problems
                ]
            )
        params = dict(self.parameters)
        params[name] = params[name].model_copy(update={"values": tuple(values)})
        return self._revalidated(params)

    def _revalidated(self, params: dict[str, Parameter], given: Iterable[str] = ()) -> RuleSet:
        """The rule set with ``params``, checked as a file is. A problem of a parameter
        ``given`` here names ``with_parameters`` as where it comes from, not the rule file
        the other values came from (which holds a valid one)."""
        from tukin.ruleset.check import validate_ruleset

        new = self.model_copy(update={"parameters": params})
        try:
            validate_ruleset(new)
            new._mark_checked()
        except RuleSetError as exc:
            prefixes = tuple(f"parameters.{k}" for k in given)
            if not prefixes:
                raise
            raise RuleSetError(
                [
                    dataclasses.replace(p, file=GIVEN, line=None)
                    if p.key
                    and (p.key in prefixes or p.key.startswith(tuple(f"{x}." for x in prefixes)))
                    else p
                    for p in exc.problems
                ]
            ) from None
        return new


def _dates_problem(name: str, en: str, id_: str) -> RuleProblem:
    return RuleProblem("overlapping_dates", en, id_, key=name)


def _dated_value(given: dict[str, Any], name: str) -> DatedValue:
    """One dated value given to :meth:`RuleSet.with_parameters`, or the error naming the
    parameter and the key at fault (a ``from`` of 2025-13-01, a ``source`` no grade)."""
    try:
        return DatedValue.model_validate(given)
    except ValidationError as exc:
        raise _invalid_value(exc, name) from None


def _invalid_value(exc: ValidationError, name: str) -> RuleSetError:
    """A dated value pydantic refused, as a :class:`RuleSetError` in both languages."""
    from tukin.ruleset.check import first_error  # check imports this module

    en, id_ = first_error(exc, DatedValue)
    return RuleSetError([RuleProblem("ruleset_invalid", en, id_, key=name)])
