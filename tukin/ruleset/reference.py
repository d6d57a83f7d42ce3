"""The key tables of ``docs/rule-file.md``, generated from the rule-set models and the loader.

The rule-file reference explains in prose why a file is written the way it is; the tables of
its keys (top level, parameters, dated values, steps, outputs) and of the formula functions
are generated here from what the loader accepts (:data:`~tukin.ruleset.load.TOP_KEYS`,
:data:`~tukin.ruleset.load.PARAM_KEYS`, :data:`~tukin.ruleset.model.STEP_KEYS`), the field
descriptions of the models and the formula rule's function list, so the page cannot drift
from the code: a test compares the page with :func:`update`. Regenerate with::

    python -m tukin.ruleset.reference docs/rule-file.md

Each table sits between ``<!-- BEGIN generated: NAME -->`` and ``<!-- END generated: NAME -->``
in the page; the text around them is written by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from tukin.rules.reference import _cell, _default
from tukin.ruleset.load import COLUMN_KEYS, PARAM_KEYS, TOP_KEYS
from tukin.ruleset.model import (
    STEP_KEYS,
    DatedValue,
    InputColumn,
    Outputs,
    Parameter,
    PositionHistory,
    RuleSet,
    Step,
)

__all__ = ["DERIVED", "FUNCTIONS", "SECTIONS", "update"]

#: What each function of a ``formula`` means, by name: ``(call, meaning)``. The names and
#: argument counts are the formula rule's own (``tukin.rules.basic._FUNCS``); a function added
#: there without a line here makes :func:`update` fail, so the page lists every one.
FUNCTIONS: dict[str, tuple[str, str]] = {
    "min": ("min(a, b)", "The smaller of `a` and `b`, row by row. Both in rupiah, or neither."),
    "max": ("max(a, b)", "The larger of `a` and `b`, row by row. Both in rupiah, or neither."),
    "clip": (
        "clip(x, lo, hi)",
        "`x` kept within `lo` and `hi` (both included): `min(max(x, lo), hi)`. All three in "
        "rupiah, or none.",
    ),
    "abs": ("abs(x)", "The absolute value of `x`; keeps its unit."),
    "if_": (
        "if_(cond, a, b)",
        "Row by row, `a` where `cond` holds and `b` where it does not. `cond` is a comparison, "
        "`and`/`or`/`not` of comparisons or a yes/no column; `a` and `b` both in rupiah, or "
        "neither (`if_(x > 0, dasar, rupiah(0))`).",
    ),
    "rupiah": (
        "rupiah(x)",
        "The plain number `x` as an amount in rupiah: `rupiah(0)`, `rupiah(500_000)`. "
        "`rupiah()` of something already in rupiah is an error, and so is a number written "
        "with a fraction (`rupiah(37.500)` is Rp37.5: write `rupiah(37500)`).",
    ),
}

#: What each column the engine derives for every employee holds, by name: ``(type, meaning)``.
#: The names are :data:`tukin.contract.DERIVED_COLUMNS`; one added there without a line here
#: makes :func:`update` fail.
DERIVED: dict[str, tuple[str, str]] = {
    "position_name": ("text", "The position's `name`."),
    "position_kind": ("text", "The position's `kind`: jpt, administrator, pengawas, ..."),
    "grade": ("integer", "The position's kelas jabatan, 1-17."),
    "unit_id": ("text", "The position's unit."),
    "superior_id": ("text", "The position it reports to; empty for the head of an OPD."),
    "opd_id": ("text", "The OPD of the position's unit: the top of its unit tree."),
    "opd_name": ("text", "That OPD's name."),
    "unit_name": ("text", "The name of the position's unit."),
    "days_in_period": ("integer", "Calendar days of the period."),
    "days_served": ("integer", "Days of the period in service (`start_date`, `end_date`)."),
    "has_attendance": ("yes/no", "The employee has an attendance row in the period."),
    "results": (
        "text",
        "Rating of work results (`above`, `as_expected`, `below`) of the period's appraisal, "
        "else of the quarter's, the caturwulan's (a month's) or the year's enclosing it; empty "
        "without one.",
    ),
    "behaviour": ("text", "Rating of work behaviour, read the same way."),
    "has_appraisal": ("yes/no", "An appraisal was found for the period."),
}

_MODEL_NAMES: dict[type[BaseModel], str] = {
    Parameter: "parameter",
    InputColumn: "column",
    PositionHistory: "position history",
    DatedValue: "dated value",
    Step: "step",
    Outputs: "outputs",
}
_SIMPLE: dict[Any, str] = {str: "text", bool: "true/false", dt.date: "date", Any: "any"}


def _kind(tp: Any) -> str:
    """A field's type in words: text, date, `a` or `b`, list of step (below)..."""
    origin, args = get_origin(tp), get_args(tp)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        return f"list of {_kind(args[0])}"
    if origin in (Union, types.UnionType):
        return " or ".join(_kind(a) for a in args if a is not type(None))
    if origin is Literal:
        return " or ".join(f"`{a}`" for a in args)
    if origin is dict:
        return f"mapping of {_kind(args[0])} to {_kind(args[1])}"
    if isinstance(tp, type) and issubclass(tp, BaseModel):
        return f"{_MODEL_NAMES.get(tp, tp.__name__)} (below)"
    return _SIMPLE.get(tp, getattr(tp, "__name__", str(tp)))


def _field(model: type[BaseModel], key: str) -> FieldInfo:
    """The field of ``model`` a file's ``key`` fills (by name, or by alias: ``from``)."""
    for name, info in model.model_fields.items():
        if key in (name, info.alias):
            return info
    raise KeyError(f"{model.__name__} has no field for the key {key!r}")


def _row(key: str, info: FieldInfo, *, default: str | None = None, prefix: str = "") -> str:
    if not info.description:
        raise ValueError(f"the field behind the key {key!r} has no description")
    meaning = info.description
    if prefix:
        meaning = prefix + meaning[:1].lower() + meaning[1:]
    cells = (
        f"`{key}`",
        _kind(info.annotation),
        default if default is not None else _default(info),
        meaning,
    )
    return "| " + " | ".join(_cell(c) for c in cells) + " |"


_HEAD = ["| key | type | default | meaning |", "|---|---|---|---|"]


def top_level_keys() -> str:
    """Every key the loader accepts at the top of a rule file."""
    rows = list(_HEAD)
    for key in TOP_KEYS:
        if key == "tukin":
            rows.append(
                "| `tukin` | any | (none) | Reserved: accepted and ignored (no part of the rules "
                "or of their fingerprint). |"
            )
            continue
        whole = "the last step is the allowance" if key == "outputs" else None
        rows.append(_row(key, _field(RuleSet, key), default=whole))
    return "\n".join(rows)


def parameter_keys() -> str:
    """Every key of a parameter written as a mapping."""
    rows = list(_HEAD)
    either = "one of `value`, `values`, `required: true`"
    for key in PARAM_KEYS:
        if key == "value":
            rows.append(_row(key, _field(DatedValue, key), default=either, prefix="Single value: "))
        elif key in ("from", "to", "note"):
            rows.append(_row(key, _field(DatedValue, key), prefix="Single value: "))
        elif key == "values":
            rows.append(_row(key, _field(Parameter, key), default=either))
        else:
            rows.append(_row(key, _field(Parameter, key)))
    return "\n".join(rows)


def dated_value_keys() -> str:
    """Every key of one entry of a parameter's ``values``."""
    rows = list(_HEAD)
    for name, info in DatedValue.model_fields.items():
        rows.append(_row(info.alias or name, info))
    return "\n".join(rows)


def column_keys() -> str:
    """The keys of an optional input column declared under ``columns``."""
    rows = list(_HEAD)
    for key in COLUMN_KEYS:
        rows.append(_row(key, _field(InputColumn, key)))
    return "\n".join(rows)


def step_keys() -> str:
    """The keys every step has, whatever its rule type, then the rule type's own."""
    rows = list(_HEAD)
    for key in STEP_KEYS:
        rows.append(_row(key, _field(Step, key)))
    params = _field(Step, "params")
    rows.append(
        f"| any other key | see [rule-types.md](rule-types.md) | per rule type | "
        f"{_cell(params.description or '')} |"
    )
    return "\n".join(rows)


def position_history_keys() -> str:
    """The keys of ``position_history``."""
    rows = list(_HEAD)
    for name, info in PositionHistory.model_fields.items():
        rows.append(_row(name, info))
    return "\n".join(rows)


def outputs_keys() -> str:
    """The keys of ``outputs``."""
    rows = list(_HEAD)
    for name, info in Outputs.model_fields.items():
        rows.append(_row(name, info))
    return "\n".join(rows)


def formula_functions() -> str:
    """Every function a ``formula`` may call, with its number of arguments."""
    from tukin.rules.basic import _FUNCS

    missing = sorted(set(_FUNCS) - set(FUNCTIONS))
    stale = sorted(set(FUNCTIONS) - set(_FUNCS))
    if missing or stale:
        raise ValueError(
            f"tukin.ruleset.reference.FUNCTIONS is out of step with the formula rule: "
            f"undocumented {missing}, no longer there {stale}"
        )
    rows = ["| function | arguments | meaning |", "|---|---|---|"]
    for name, arity in _FUNCS.items():
        call, meaning = FUNCTIONS[name]
        rows.append(f"| `{call}` | {arity} | {_cell(meaning)} |")
    return "\n".join(rows)


def input_columns() -> str:
    """The columns of the employee frame every employee has: the employees table's own
    (contract), then those the engine derives."""
    from tukin.contract import DERIVED_COLUMNS, TABLES

    missing = sorted(set(DERIVED_COLUMNS) - set(DERIVED))
    stale = sorted(set(DERIVED) - set(DERIVED_COLUMNS))
    if missing or stale:
        raise ValueError(
            f"tukin.ruleset.reference.DERIVED is out of step with tukin.contract.DERIVED_COLUMNS: "
            f"undocumented {missing}, no longer there {stale}"
        )
    kinds = {"nip": "text", "str": "text", "enum": "text", "date": "date", "int": "integer"}
    rows = ["| column | type | from | meaning |", "|---|---|---|---|"]
    for col in TABLES["employees"].columns:
        kind = kinds.get(col.type, col.type)
        rows.append(f"| `{col.name}` | {kind} | employees | {_cell(col.doc)} |")
    for name in DERIVED_COLUMNS:
        kind, meaning = DERIVED[name]
        rows.append(f"| `{name}` | {kind} | derived | {_cell(meaning)} |")
    return "\n".join(rows)


SECTIONS: dict[str, Callable[[], str]] = {
    "top-level-keys": top_level_keys,
    "parameter-keys": parameter_keys,
    "dated-value-keys": dated_value_keys,
    "column-keys": column_keys,
    "step-keys": step_keys,
    "position-history-keys": position_history_keys,
    "outputs-keys": outputs_keys,
    "formula-functions": formula_functions,
    "input-columns": input_columns,
}

_BLOCK = re.compile(
    r"(<!-- BEGIN generated: (?P<name>[\w-]+) -->\n).*?(<!-- END generated: (?P=name) -->)",
    re.S,
)


def update(text: str) -> str:
    """``text`` with every generated block rewritten; a block of an unknown name, or a
    section of :data:`SECTIONS` with no block, is an error."""
    seen: list[str] = []

    def fill(m: re.Match[str]) -> str:
        name = m.group("name")
        if name not in SECTIONS:
            raise ValueError(f"unknown generated block {name!r} (known: {', '.join(SECTIONS)})")
        seen.append(name)
        return f"{m.group(1)}{SECTIONS[name]()}\n{m.group(3)}"

    out = _BLOCK.sub(fill, text)
    absent = [name for name in SECTIONS if name not in seen]
    if absent:
        raise ValueError(f"no generated block for {', '.join(absent)}")
    return out


def main(argv: list[str]) -> int:
    """Rewrite the generated blocks of the page named (default ``docs/rule-file.md``)."""
    path = Path(argv[0] if argv else "docs/rule-file.md")
    text = path.read_text(encoding="utf-8")
    new = update(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
        print(f"{path}: updated")
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
