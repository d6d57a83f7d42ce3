"""The rule-type reference (``docs/rule-types.md``), generated from the registry.

Rule authors read the reference to learn what a step of each type accepts; generating it from
the parameter models and docstrings means it cannot drift from the code (a test compares the
file with :func:`reference_markdown`). Regenerate with::

    python -m tukin.rules.reference > docs/rule-types.md
"""

from __future__ import annotations

import datetime as dt
import inspect
import types
from enum import Enum
from fractions import Fraction
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel, BeforeValidator, WithJsonSchema
from pydantic_core import PydanticUndefined

from tukin.rules.registry import RuleType, all_types
from tukin.ruleset.types import SHARE_MARK, fmt_exact

HEADER = """# Rule types

Every built-in rule type, its parameters and why it exists. Generated from the registry by
`tukin.rules.reference.reference_markdown()`: do not edit by hand, regenerate with
`python -m tukin.rules.reference > docs/rule-types.md`. How a rule file is written (its keys,
`$name`, the formula language, what a rule can read): [rule-file.md](rule-file.md). How to
write your own rule type: [rule-authoring.md](rule-authoring.md).

Types: *exact* is an exact number (`0.6`, `"60%"`, `"1/3"`; never a float), *share* an exact
number from 0 to 1 (a rate or a cut: `"25%"`; `25` is refused, as 2500 %), *rupiah* a whole
amount, *column* the name of an input column or of an earlier step. A range after a type
(`integer, 0 to 12`) is the rule type's limit: a value outside it is refused when the file
loads.
"""


def _type(tp: Any) -> str:
    origin, args = get_origin(tp), get_args(tp)
    if origin is Annotated:
        base, meta = args[0], args[1:]
        if SHARE_MARK in meta:
            return "share"
        custom = any(isinstance(m, BeforeValidator | WithJsonSchema) for m in meta)
        named = {Fraction: "exact", int: "rupiah", str: "column"}
        return (named.get(base, _type(base)) if custom else _type(base)) + _range(meta)
    if origin in (Union, types.UnionType):
        return " or ".join(_type(a) for a in args if a is not type(None))
    if origin is Literal:
        return " or ".join(f"`{a}`" for a in args)
    if origin is list:
        return f"list of {_type(args[0])}"
    if origin is tuple:
        return "[" + ", ".join(_type(a) for a in args) + "]"
    if origin is dict:
        return f"{{{_type(args[0])}: {_type(args[1])}}}"
    if isinstance(tp, type) and issubclass(tp, Enum):
        return " or ".join(f"`{m.value}`" for m in tp)
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"{tp.__name__} (below)"
    simple = {bool: "true/false", int: "integer", str: "text", dt.date: "date", Fraction: "exact"}
    return simple.get(tp, getattr(tp, "__name__", str(tp)))


def _range(meta: tuple[Any, ...]) -> str:
    """The limits a field declares (``Field(ge=0, le=12)``), which the rule file must keep."""
    lo = next((m.ge for m in meta if hasattr(m, "ge")), None)  # annotated_types.Ge
    hi = next((m.le for m in meta if hasattr(m, "le")), None)
    if lo is not None and hi is not None:
        return f", {lo} to {hi}"
    if lo is not None:
        return f", at least {lo}"
    if hi is not None:
        return f", at most {hi}"
    return ""


def _default(field: Any) -> str:
    if field.default_factory is not None:
        value = field.default_factory()
    elif field.default is PydanticUndefined:
        return "required"
    else:
        value = field.default
    if value is None:
        return "(none)"
    if isinstance(value, Enum):
        return f"`{value.value}`"
    if isinstance(value, Fraction):
        return f"`{fmt_exact(value)}`"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, list | dict | tuple) and not value:
        return "empty"
    if isinstance(value, BaseModel) or (
        isinstance(value, list) and all(isinstance(v, BaseModel) for v in value)
    ):  # a table by default (PTKP amounts, tax brackets): as a rule file writes it
        dumped = (
            [v.model_dump(mode="json", exclude_none=True) for v in value]
            if isinstance(value, list)
            else value.model_dump(mode="json", exclude_none=True)
        )
        return f"`{_flow(dumped)}`"
    return f"`{value}`"


def _flow(value: Any) -> str:
    """A default in YAML's flow style: ``{up_to: 60000000, rate: 0.05}``."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    return str(value)


def _cell(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _nested(tp: Any, seen: list[type[BaseModel]]) -> None:
    """Collect the models used inside ``tp`` (depth first), each once."""
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        if tp not in seen:
            seen.append(tp)
            for f in tp.model_fields.values():
                _nested(f.annotation, seen)
        return
    for arg in get_args(tp):
        _nested(arg, seen)


def _table(model: type[BaseModel]) -> list[str]:
    if not model.model_fields:
        return ["No parameters."]
    rows = ["| parameter | type | default | description |", "|---|---|---|---|"]
    for name, field in model.model_fields.items():
        tp = Annotated[(field.annotation, *field.metadata)] if field.metadata else field.annotation
        rows.append(
            f"| `{name}` | {_cell(_type(tp))} | {_cell(_default(field))} | {_cell(field.description or '')} |"
        )
    return rows


def rule_markdown(rt: RuleType) -> str:
    """The reference section of one rule type."""
    lines = [f"## `{rt.name}`", ""]
    if rt.description:
        lines += [inspect.cleandoc(rt.description), ""]
    lines += [f"Defined in `{rt.origin}`." + (" Group-level." if rt.group_level else ""), ""]
    whole = rt.per_employee
    if whole is not None:  # what the rule-file check refuses at or before sum_at
        said = f"It {whole.en}" if whole.when is None else f"When it {whole.en}"
        lines += [f"{said}: it must come after `position_history.sum_at`.", ""]
    lines += _table(rt.params)
    seen: list[type[BaseModel]] = []
    for f in rt.params.model_fields.values():
        _nested(f.annotation, seen)
    for model in seen:
        doc = inspect.cleandoc(model.__doc__ or "")
        lines += ["", f"### `{model.__name__}`" + (f": {doc}" if doc else ""), ""]
        lines += _table(model)
    return "\n".join(lines) + "\n"


def reference_markdown() -> str:
    """Markdown reference of every rule type shipped with tukin (plug-ins excluded)."""
    sections = [rule_markdown(rt) for rt in all_types().values() if rt.origin.startswith("tukin.")]
    return HEADER + "\n" + "\n".join(sections)


if __name__ == "__main__":  # pragma: no cover
    print(reference_markdown(), end="")
