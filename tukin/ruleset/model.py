"""RuleSet: a rule file as a frozen object, with dated parameters and a stable fingerprint.

A rule set is data: metadata citing the regulation, parameters whose values carry effective
dates and legal references, and an ordered list of steps naming registered rule types. What-if
analysis never mutates it: :meth:`RuleSet.with_parameters` returns a new rule set.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    model_serializer,
    model_validator,
)

from tukin.errors import MissingParameterError, RuleProblem, RuleSetError
from tukin.period import Period
from tukin.ruleset._values import exact_value, refuse_float
from tukin.ruleset.yamlsafe import canonical_json

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

    name: str
    description: str | None = None
    unit: str | None = Field(None, description="rupiah, ratio, percent, count... (documentation)")
    reference: str | None = Field(None, description="Default reference for values without one.")
    source: SourceGrade | None = None
    required: bool = Field(False, description="No value shipped: the user must supply it.")
    values: tuple[DatedValue, ...]

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

    id: str
    type: str
    label: str | None = None
    label_en: str | None = None
    reference: str | None = None
    description: str | None = None
    params: dict[str, Any] = Field(default_factory=dict)

    def title(self, lang: str = "id") -> str:
        if lang == "en" and self.label_en:
            return self.label_en
        return self.label or self.label_en or self.id


class Outputs(_Frozen):
    """Which step columns are the allowance and its deductions."""

    allowance: str | None = Field(
        None, description="Step giving the gross allowance (integer rupiah)."
    )
    deductions: tuple[str, ...] = Field(
        (), description="Steps deducted from the gross (employee share)."
    )
    employer: tuple[str, ...] = Field((), description="Employer contributions, reported apart.")
    components: tuple[str, ...] = Field(
        (), description="Parts of the gross shown in payroll lists."
    )


class RuleSet(_Frozen):
    """A validated rule file. Build it with :func:`tukin.load_ruleset`."""

    name: str
    version: str = "1"
    title: str | None = None
    regulation: str | None = None
    reference: str | None = None
    description: str | None = None
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    requires: tuple[Literal["attendance", "appraisal"], ...] = ()
    parameters: dict[str, Parameter] = Field(default_factory=dict)
    steps: tuple[Step, ...]
    outputs: Outputs = Field(default_factory=Outputs)
    source_file: str | None = Field(None, exclude=True)
    lines: dict[str, int] = Field(default_factory=dict, exclude=True, repr=False)

    @property
    def allowance_step(self) -> str:
        return self.outputs.allowance or self.steps[-1].id

    def step(self, step_id: str) -> Step:
        for s in self.steps:
            if s.id == step_id:
                return s
        raise KeyError(step_id)

    def canonical(self) -> dict[str, Any]:
        return self.model_dump(mode="python", by_alias=True, exclude={"source_file", "lines"})

    def fingerprint(self) -> str:
        """sha256 of the canonical content: same rules, same fingerprint, on any machine."""
        return hashlib.sha256(canonical_json(self.canonical()).encode()).hexdigest()

    def covers(self, period: Period) -> bool:
        return (self.valid_from is None or self.valid_from <= period.end) and (
            self.valid_to is None or period.start <= self.valid_to
        )

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
                and all(isinstance(v, dict) and "value" in v for v in val)
            ):
                dated = [{**v, "value": exact_value(v["value"], key)} for v in val]
                refuse_float(dated, key)
                params[key] = old.model_copy(
                    update={"values": tuple(DatedValue.model_validate(v) for v in dated)}
                )
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
        from tukin.ruleset.check import validate_ruleset

        new = self.model_copy(update={"parameters": params})
        validate_ruleset(new)
        return new
