"""Checking a rule set's steps against their rule types, and resolving ``$references``.

Every step's parameters are validated by its rule type's schema for *every* combination of
dated parameter values in force, so a value that only becomes wrong in 2026 is caught today;
``$references`` must name parameters; outputs must name steps. A parameter declared
``required: true`` and not supplied yet has no value to check with: the steps using it are
checked when it is supplied (:meth:`~tukin.ruleset.model.RuleSet.with_parameters` validates
again). :func:`resolve` gives a step's parameters with the values in force on a day, as the
engine reads them.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Any

from pydantic import ValidationError

from tukin.errors import RuleProblem, RuleSetError, UnknownRuleTypeError
from tukin.ruleset.model import DatedValue, RuleSet
from tukin.ruleset.types import to_exact
from tukin.ruleset.yamlsafe import Lines

__all__ = ["check_ruleset", "resolve", "validate_ruleset"]

#: pydantic error types with a code of their own (a rule type raises PydanticCustomError to
#: give one); every other schema error is ``ruleset_invalid``
_ERROR_CODES = {"extra_forbidden": "unknown_parameter", "weights_sum": "weights_sum"}


def result_columns() -> frozenset[str]:
    """Columns of a Result a step's output must not be named as: its column would overwrite
    the employee's identity (``tukin.result.ID_COLUMNS``: the payment list's NIP column
    holding amounts) or the amounts paid."""
    from tukin.result import ID_COLUMNS

    return frozenset({*ID_COLUMNS, "allowance", "deductions", "net"})


def validate_ruleset(rs: RuleSet, lines: Lines | None = None, filename: str | None = None) -> None:
    """Check steps against their rule types for every dated combination; raise all problems."""
    problems = check_ruleset(rs, lines, filename)
    if problems:
        raise RuleSetError(problems)


def check_ruleset(
    rs: RuleSet,
    lines: Lines | None = None,
    filename: str | None = None,
    *,
    skip: set[str] | frozenset[str] = frozenset(),
    positions: list[int] | None = None,
) -> list[RuleProblem]:
    """Every problem of the steps and outputs (``skip``: parameters already reported as wrong;
    ``positions``: each step's index in the file, when some steps could not be read)."""
    from tukin.rules import registry

    lines = lines or {}
    filename = filename or rs.source_file
    problems: list[RuleProblem] = []

    def prob(code: str, msg: str, path: tuple[Any, ...], msg_id: str | None = None) -> None:
        line = line_at(lines, path)
        problems.append(RuleProblem(code, msg, msg_id, file=filename, line=line, key=dotted(path)))

    seen: dict[str, int] = {}
    reserved = result_columns()
    for i, step in enumerate(rs.steps):
        spath = ("steps", positions[i] if positions else i)
        if step.id in seen:
            first = seen[step.id] + 1
            prob(
                "ruleset_invalid",
                f"step id {step.id!r} is used twice (first in step {first})",
                spath + ("id",),
                f"id langkah {step.id!r} dipakai dua kali (pertama di langkah {first})",
            )
        seen.setdefault(step.id, spath[1])
        if step.id in reserved:
            prob(
                "ruleset_invalid",
                f"step id {step.id!r} is the name of a column of the result (the employee's "
                "identity or the amounts paid): the step would overwrite it, or it the step; "
                "give the step another id",
                spath + ("id",),
                f"id langkah {step.id!r} adalah nama kolom hasil (identitas pegawai atau jumlah "
                "yang dibayar): langkah itu akan menimpanya, atau ditimpanya; beri langkah itu "
                "id lain",
            )
        try:
            rtype = registry.get(step.type)
        except UnknownRuleTypeError as exc:
            found = exc.problems[0]
            prob("unknown_rule_type", found.message_en, spath + ("type",), found.message("id"))
            continue
        refs = sorted(_refs(step.params))
        for ref in refs:
            if ref not in rs.parameters and ref not in skip:
                en, id_ = hints(ref, list(rs.parameters))
                prob(
                    "unknown_parameter",
                    f"step {step.id!r} refers to ${ref}, which is not a parameter{en}",
                    spath + _ref_path(step.params, ref),
                    f"langkah {step.id!r} merujuk ${ref}, yang bukan parameter{id_}",
                )
        if any(r not in rs.parameters or r in skip for r in refs):
            continue
        if any(not rs.parameters[r].values for r in refs):
            continue  # a required parameter not supplied yet: checked with its values, once given
        for day in _change_days(rs, refs):
            try:
                resolved = resolve(step.params, rs, day)
                rtype.params.model_validate(resolved)
                if (
                    resolved.get("unit") == "rupiah"
                    and isinstance(resolved.get("table"), Mapping)
                    and not _rupiah_parameter(rs, step.params.get("table"))
                ):
                    # a look-up table of amounts, given in the step or through a parameter
                    # that does not say it is in rupiah (one that does is checked above, once):
                    # a negative amount pays a negative allowance as a negative parameter does
                    for at_key, amount in _negatives(resolved["table"]):
                        since = f" (values in force on {day})" if day and day != dt.date.min else ""
                        prob(
                            "negative_amount",
                            f"step {step.id!r}: an amount in rupiah cannot be negative: "
                            f"{amount} ({at_key}){since}",
                            spath + ("table",),
                            f"langkah {step.id!r}: jumlah dalam rupiah tidak boleh negatif: "
                            f"{amount} ({at_key}){since}",
                        )
            except ValidationError as exc:
                errors = exc.errors()
                # a misspelt key also makes its field "missing": report the misspelling only
                typos = {
                    m
                    for e in errors
                    if e["type"] == "extra_forbidden"
                    for m in difflib.get_close_matches(
                        str(e["loc"][0]), list(rtype.params.model_fields), n=1
                    )
                }
                for err in errors:
                    if err["type"] == "missing" and len(err["loc"]) == 1 and err["loc"][0] in typos:
                        continue
                    loc = tuple(err["loc"])
                    where = _origin(step.params, loc, spath, rs, day)
                    kind = err["type"]
                    code = _ERROR_CODES.get(kind, "ruleset_invalid")
                    field = ".".join(str(x) for x in loc)
                    head = f"step {step.id!r} ({step.type})"
                    head_id = f"langkah {step.id!r} ({step.type})"
                    if kind == "extra_forbidden":
                        en, id_ = hints(str(loc[0]), list(rtype.params.model_fields))
                        msg = f"{head}: unknown parameter {field!r}{en}"
                        msg_id = f"{head_id}: parameter {field!r} tidak dikenal{id_}"
                    else:
                        said = (err.get("ctx") or {}).get("message_id", err["msg"])
                        at = f"{field}: " if field else ""
                        msg, msg_id = f"{head}: {at}{err['msg']}", f"{head_id}: {at}{said}"
                    if day is not None and refs and day != dt.date.min:
                        msg += f" (values in force on {day})"
                        msg_id += f" (nilai yang berlaku pada {day})"
                    prob(code, msg, where, msg_id)
                break
    known = set(seen)
    for field, ids in (
        ("allowance", [rs.outputs.allowance] if rs.outputs.allowance else []),
        ("deductions", rs.outputs.deductions),
        ("employer", rs.outputs.employer),
        ("components", rs.outputs.components),
    ):
        for sid in ids:
            if sid not in known:
                en, id_ = hints(sid, list(known))
                prob(
                    "ruleset_invalid",
                    f"outputs.{field} names {sid!r}, which is not a step{en}",
                    ("outputs", field),
                    f"outputs.{field} menyebut {sid!r}, yang bukan langkah{id_}",
                )
    for name, param in rs.parameters.items():
        if not param.in_rupiah:
            continue
        for value in param.values:
            for at_key, amount in _negatives(value.value):
                at = f" ({at_key})" if at_key else ""
                since = f" from {value.start}" if value.start else ""
                since_id = f" sejak {value.start}" if value.start else ""
                prob(
                    "negative_amount",
                    f"parameter {name!r} is in rupiah and cannot be negative: {amount}{at}{since}",
                    _param_path(rs, name),
                    f"parameter {name!r} dalam rupiah dan tidak boleh negatif: {amount}{at}"
                    f"{since_id}",
                )
    return dedupe(problems)


def _rupiah_parameter(rs: RuleSet, ref: Any) -> bool:
    """Whether ``ref`` is ``$name`` of a parameter whose unit is rupiah (checked on its own)."""
    if not (isinstance(ref, str) and ref.startswith("$") and ref[1:] in rs.parameters):
        return False
    return rs.parameters[ref[1:]].in_rupiah


def _negatives(value: Any, where: str = "") -> list[tuple[str, Any]]:
    """Every negative number in a parameter's value (a number, a table, a list), with its key:
    an amount in rupiah (a base per kelas jabatan, a cap) below zero would pay a negative
    allowance, or none, without any step refusing it."""
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float | Fraction | Decimal):
        return [(where, value)] if value < 0 else []
    if isinstance(value, str):  # "-716562", "-5%": read later as the exact number it is
        try:
            number = to_exact(value)
        except (ValueError, TypeError, ArithmeticError):
            return []  # not a number: its step's own check says so
        return [(where, value)] if number < 0 else []
    if isinstance(value, Mapping):
        return [n for k, v in value.items() for n in _negatives(v, f"{where}.{k}".lstrip("."))]
    if isinstance(value, list | tuple):
        return [n for i, v in enumerate(value) for n in _negatives(v, f"{where}[{i}]")]
    return []


def _ref_path(params: Any, ref: str) -> tuple[Any, ...]:
    """Key path, within a step's parameters, of the first place that says ``$ref``."""
    items = (
        params.items()
        if isinstance(params, dict)
        else enumerate(params)
        if isinstance(params, list)
        else ()
    )
    for key, value in items:
        if value == f"${ref}":
            return (key,)
        if isinstance(value, dict | list):
            sub = _ref_path(value, ref)
            if sub:
                return (key, *sub)
    return ()


def dedupe(problems: list[RuleProblem]) -> list[RuleProblem]:
    out, seen = [], set()
    for p in problems:
        k = (p.line, p.key, p.message_en)
        if k not in seen:
            seen.add(k)
            out.append(p)
    return out


def _change_days(rs: RuleSet, refs: list[str]) -> list[dt.date | None]:
    if not refs:
        return [None]
    days = {v.start or dt.date.min for r in refs for v in rs.parameters[r].values}
    out: list[dt.date | None] = []
    for d in sorted(days):
        if all(any(v.covers(d) for v in rs.parameters[r].values) for r in refs):
            out.append(d)
    return out or [None]


def resolve(
    params: Any, rs: RuleSet, day: dt.date | None, used: dict[str, DatedValue] | None = None
) -> Any:
    """Replace every ``"$name"`` by the parameter value in force on ``day`` ("$$" escapes)."""
    if isinstance(params, dict):
        return {k: resolve(v, rs, day, used) for k, v in params.items()}
    if isinstance(params, list):
        return [resolve(v, rs, day, used) for v in params]
    if isinstance(params, str) and params.startswith("$"):
        if params.startswith("$$"):
            return params[1:]
        name = params[1:]
        param = rs.parameters[name]
        dv = param.at(day) if day is not None else param.values[0]
        if used is not None:
            used[name] = dv
        return dv.value
    return params


def _refs(params: Any) -> set[str]:
    if isinstance(params, dict):
        return set().union(*(_refs(v) for v in params.values())) if params else set()
    if isinstance(params, list):
        return set().union(*(_refs(v) for v in params)) if params else set()
    if isinstance(params, str) and params.startswith("$") and not params.startswith("$$"):
        return {params[1:]}
    return set()


def _origin(
    params: Any, loc: tuple[Any, ...], spath: tuple[Any, ...], rs: RuleSet, day: dt.date | None
) -> tuple[Any, ...]:
    """Path in the file of the value an error is about: the step's key, or the parameter's."""
    node: Any = params
    for depth, key in enumerate(loc):
        if isinstance(node, str) and node.startswith("$") and node[1:] in rs.parameters:
            return _param_path(rs, node[1:])
        if (isinstance(node, dict) and key in node) or (
            isinstance(node, list) and isinstance(key, int) and key < len(node)
        ):
            node = node[key]
        else:
            return spath + loc[:depth] if depth else spath
    if isinstance(node, str) and node.startswith("$") and node[1:] in rs.parameters:
        return _param_path(rs, node[1:])
    return spath + loc


def _param_path(rs: RuleSet, name: str) -> tuple[Any, ...]:
    """The parameter's ``value`` key when it has a single value, else the parameter itself."""
    return (
        ("parameters", name, "value")
        if len(rs.parameters[name].values) == 1
        else ("parameters", name)
    )


def line_at(lines: Lines, path: tuple[Any, ...]) -> int | None:
    p = tuple(path)
    while p:
        if p in lines:
            return lines[p]
        p = p[:-1]
    return lines.get((), None)


def dotted(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in path) if path else ""


def _hint(word: str, options: Any) -> str:
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def hints(word: Any, options: Any) -> tuple[str, str]:
    """The "did you mean" hint in English and Indonesian (both empty when nothing is close)."""
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1)
    if not close:
        return "", ""
    return f" (did you mean {close[0]!r}?)", f" (maksud Anda {close[0]!r}?)"


def first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(x) for x in err["loc"])
    return f"{loc}: {err['msg']}" if loc else err["msg"]
