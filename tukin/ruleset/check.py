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

import contextlib
import datetime as dt
import difflib
import functools
import re
import threading
import types
from collections.abc import Mapping
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from tukin.errors import RuleProblem, RuleSetError, UnknownRuleTypeError
from tukin.ruleset.columns import NAME, parameter_of, typed_default
from tukin.ruleset.formula_units import formula_unit_problems
from tukin.ruleset.model import DatedValue, InputColumn, RuleSet, Step
from tukin.ruleset.types import NO_VALUE, fmt_exact, to_exact
from tukin.ruleset.units import in_rupiah_parameter
from tukin.ruleset.yamlsafe import Lines

__all__ = ["check_ruleset", "resolve", "validate_ruleset"]

#: pydantic error types with a code of their own (a rule type raises PydanticCustomError to
#: give one); every other schema error is ``ruleset_invalid``
_ERROR_CODES = {
    "extra_forbidden": "unknown_parameter",
    "weights_sum": "weights_sum",
    "empty_table": "empty_table",
}

#: Checks added after packs were released with what they refuse: a released version loads as
#: it was released, from the archive or written out and read back (its receipts must
#: reproduce). Two of them end an empty table in 1900 as a "not supplied" placeholder,
#: written before ``required: true``.
_LATER_CHECKS = frozenset({"empty_table"})


def _as_released(rs: RuleSet, written: Any, refs: list[str]) -> bool:
    """Whether a step is as a released version of pack ``rs.name`` has it: the same keys
    and every parameter it refers to the same, dates and values. A released version changed
    elsewhere (``with_parameters(deduction_cap="50%")``) keeps its tables as released, and a
    later check must not refuse them there either."""
    for old in _released_versions(rs.name):
        same_step = any(s.params == written for s in old.steps)
        if same_step and all(old.parameters.get(r) == rs.parameters[r] for r in refs):
            return True
    return False


#: Packs whose released versions this thread is loading (see :func:`_released_versions`).
_LOADING = threading.local()


def _released_versions(name: str) -> tuple[RuleSet, ...]:
    """Every version of packaged pack ``name`` as released (none for another name).

    None while they are being loaded: a version whose fingerprint the behaviour lock does
    not hold (the lock not yet updated) is checked as any rule set, not compared with
    itself, which loaded it again without end."""
    loading: set[str] = _LOADING.__dict__.setdefault("names", set())
    if name in loading:
        return ()
    loading.add(name)
    try:
        return _load_released(name)
    finally:
        loading.discard(name)


@functools.cache
def _load_released(name: str) -> tuple[RuleSet, ...]:
    from tukin import presets
    from tukin.ruleset.load import load_ruleset

    if name not in presets.names():
        return ()
    found = []
    for v in presets.versions(name):
        try:
            found.append(load_ruleset(f"{name}@{v}"))
        except RuleSetError:
            continue  # refused as any rule set: nothing to compare with
    return tuple(found)


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
    from tukin import presets
    from tukin.rules import registry

    lines = lines or {}
    filename = filename or rs.source_file
    problems: list[RuleProblem] = []

    def prob(code: str, msg: str, path: tuple[Any, ...], msg_id: str | None = None) -> None:
        line = line_at(lines, path)
        problems.append(RuleProblem(code, msg, msg_id, file=filename, line=line, key=dotted(path)))

    seen: dict[str, int] = {}
    reserved = result_columns()

    @functools.cache
    def released() -> bool:  # asked only of a problem a release may have: a fingerprint costs
        return rs.fingerprint() in presets.released_fingerprints()

    # each step's unit, read once for every formula this check asks about (unchanged here)
    units_read: dict[int, str | None] = {}
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
            prob(found.code, found.message_en, spath + ("type",), found.message("id"))
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
        if step.type == "formula":
            for name, day, (en, id_) in _formula_parameters(rs, step.params, seen, skip):
                if name not in rs.parameters or name in seen:  # after 'in': no list there
                    prob(
                        "ruleset_invalid",
                        f"step {step.id!r} (formula): {name!r} {en}",
                        (*spath, "expr"),
                        f"langkah {step.id!r} (formula): {name!r} {id_}",
                    )
                    continue
                since = f" (values in force on {day})" if day else ""
                since_id = f" (nilai yang berlaku pada {day})" if day else ""
                prob(
                    "ruleset_invalid",
                    f"step {step.id!r} (formula) reads parameter {name!r}: {en}{since}",
                    _param_path(rs, name),
                    f"langkah {step.id!r} (formula) membaca parameter {name!r}: {id_}{since_id}",
                )
            for en, id_ in formula_unit_problems(rs, i, units_read):
                prob(
                    "ruleset_invalid",
                    f"step {step.id!r} (formula): {en}",
                    (*spath, "expr"),
                    f"langkah {step.id!r} (formula): {id_}",
                )
        if any(r not in rs.parameters or r in skip for r in refs):
            continue
        if any(not rs.parameters[r].values for r in refs):
            continue  # a required parameter not supplied yet: checked with its values, once given
        for day in _change_days(rs, refs):
            resolved: Any = step.params  # what the step's rule validates: its loc's keys
            try:
                resolved = resolve(step.params, rs, day)
                rtype.params.model_validate(resolved)
                if (
                    resolved.get("unit") == "rupiah"
                    and isinstance(resolved.get("table"), Mapping)
                    and not in_rupiah_parameter(rs, step.params.get("table"))
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
                    for at_key, amount in _fractions(resolved["table"]):
                        since = f" (values in force on {day})" if day and day != dt.date.min else ""
                        en, id_ = _not_whole(amount)
                        prob(
                            "ruleset_invalid",
                            f"step {step.id!r}: {amount} ({at_key}){since} {en}",
                            spath + ("table",),
                            f"langkah {step.id!r}: {amount} ({at_key}){since} {id_}",
                        )
            except ValidationError as exc:
                errors = one_branch(exc.errors())
                # a misspelt key also makes its field "missing": report the misspelling only
                typos = {
                    m
                    for e in errors
                    if e["type"] == "extra_forbidden"
                    for m in difflib.get_close_matches(
                        str(e["loc"][0]), list(rtype.params.model_fields), n=1
                    )
                }
                said: dict[tuple[Any, ...], list[Any]] = {}  # one message per place
                for err in errors:
                    if err["type"] == "missing" and len(err["loc"]) == 1 and err["loc"][0] in typos:
                        continue
                    loc = tuple(err["loc"])
                    where = _origin(step.params, loc, spath, rs, day)
                    field = ".".join(str(x) for x in _input_field(resolved, loc))
                    said.setdefault((where, field), []).append(err)
                for (where, field), errs in said.items():
                    kind = errs[0]["type"]
                    code = _ERROR_CODES.get(kind, "ruleset_invalid")
                    head = f"step {step.id!r} ({step.type})"
                    head_id = f"langkah {step.id!r} ({step.type})"
                    if kind == "extra_forbidden":
                        en, id_ = hints(str(errs[0]["loc"][0]), list(rtype.params.model_fields))
                        msg = f"{head}: unknown parameter {field!r}{en}"
                        msg_id = f"{head_id}: parameter {field!r} tidak dikenal{id_}"
                    else:
                        en_text, id_text = _either_error(errs, rtype.params)
                        at = f"{field}: " if field else ""
                        msg, msg_id = f"{head}: {at}{en_text}", f"{head_id}: {at}{id_text}"
                    if day is not None and refs and day != dt.date.min:
                        msg += f" (values in force on {day})"
                        msg_id += f" (nilai yang berlaku pada {day})"
                    if code in _LATER_CHECKS and (
                        released() or _as_released(rs, step.params, refs)
                    ):
                        continue
                    prob(code, msg, where, msg_id)
                break
            except Exception as exc:  # the rule type's own code (a plug-in's validator)
                en, id_ = _hook_failed(step, rtype, _PARAMS_HOOK, exc, day)
                prob("rule_type_failed", en, spath + ("type",), id_)
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
    if rs.position_history is not None:
        for code, path, en, id_ in _sum_at_problems(rs, known, positions):
            prob(code, en, path, id_)
    for name, column in rs.columns.items():
        for path, en, id_ in _column_problems(rs, name, column, set(seen)):
            prob("ruleset_invalid", en, path, id_)
    unit_read = _unit_read(rs)
    for name, param in rs.parameters.items():
        if name in unit_read and _says_rupiah_otherwise(param.unit):
            prob(
                "ruleset_invalid",
                f"parameter {name!r}: unit {param.unit!r} names rupiah, but only 'rupiah' "
                "makes the value an amount (a formula reads any other unit as a ratio, and "
                "adding it to an amount fails when calculating): write 'unit: rupiah' (say "
                "'per day', 'per month' in its description)",
                ("parameters", name, "unit"),
                f"parameter {name!r}: satuan {param.unit!r} menyebut rupiah, tetapi hanya "
                "'rupiah' yang menjadikan nilainya jumlah uang (rumus membaca satuan lain "
                "sebagai rasio, dan menambahkannya ke jumlah uang gagal saat menghitung): "
                "tulis 'unit: rupiah' (sebut 'per hari', 'per bulan' dalam description)",
            )
        if _says_percent(param.unit):
            for value in param.values:
                for at_key, number in _bare_numbers(value.value):
                    at = f" ({at_key})" if at_key else ""
                    since = f" from {value.start}" if value.start else ""
                    since_id = f" sejak {value.start}" if value.start else ""
                    exact = to_exact(number)
                    read, pct = fmt_exact(exact), fmt_exact(exact * 100)
                    prob(
                        "ruleset_invalid",
                        f"parameter {name!r}: unit {param.unit!r} says percent, but the bare "
                        f"number {number}{at}{since} is read as the ratio {read} ({pct} %): "
                        f"write {number}% if {number} % is meant, or give the ratio with "
                        "unit: ratio (60 % as 0.6)",
                        _param_path(rs, name),
                        f"parameter {name!r}: satuan {param.unit!r} menyebut persen, tetapi "
                        f"angka tanpa % {number}{at}{since_id} terbaca sebagai rasio {read} "
                        f"({pct} %): tulis {number}% bila yang dimaksud {number} %, atau "
                        "tulis rasionya dengan unit: ratio (60 % sebagai 0.6)",
                    )
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
            for at_key, amount in _fractions(value.value):
                at = f" ({at_key})" if at_key else ""
                since = f" from {value.start}" if value.start else ""
                since_id = f" sejak {value.start}" if value.start else ""
                en, id_ = _not_whole(amount)
                prob(
                    "ruleset_invalid",
                    f"parameter {name!r} is in rupiah: {amount}{at}{since} {en}",
                    _param_path(rs, name),
                    f"parameter {name!r} dalam rupiah: {amount}{at}{since_id} {id_}",
                )
    return dedupe(problems)


def _sum_at_problems(
    rs: RuleSet, known: set[str], positions: list[int] | None = None
) -> list[tuple[str, tuple[Any, ...], str, str]]:
    """What is wrong with ``position_history.sum_at``: a step that does not exist, or a step
    at or before it that must see an employee's whole monthly amount: a group-level step (a
    budget ceiling counts every row of its group, and before the merge an employee with two
    positions is two rows), or one whose rule type declares it works on the whole amount
    (:class:`~tukin.rules.registry.PerEmployee`: a wage cap, a tax, a supplement per
    employee), which would apply once per position. The per-employee problems point at the
    step (its line: ``positions`` as :func:`check_ruleset` has it), the group-level ones at
    ``sum_at``."""
    from tukin.rules import registry

    assert rs.position_history is not None
    path: tuple[Any, ...] = ("position_history", "sum_at")
    sid = rs.position_history.sum_at
    if sid not in known:
        en, id_ = hints(sid, list(known))
        return [
            (
                "ruleset_invalid",
                path,
                f"position_history.sum_at names {sid!r}, which is not a step{en}",
                f"position_history.sum_at menyebut {sid!r}, yang bukan langkah{id_}",
            )
        ]
    out = []
    for i, step in enumerate(rs.steps):
        try:
            rtype: registry.RuleType | None = registry.get(step.type)
        except UnknownRuleTypeError:
            rtype = None  # reported with the step
        if rtype is not None and rtype.group_level:
            out.append(
                (
                    "ruleset_invalid",
                    path,
                    f"position_history.sum_at is {sid!r}, but step {step.id!r} ({step.type}) "
                    "before it looks at every row of a group at once: an employee with two "
                    "positions would count twice; sum at an earlier step",
                    f"position_history.sum_at adalah {sid!r}, tetapi langkah {step.id!r} "
                    f"({step.type}) sebelumnya melihat semua baris satu kelompok sekaligus: "
                    "pegawai dengan dua jabatan terhitung dua kali; jumlahkan di langkah yang "
                    "lebih awal",
                )
            )
        elif rtype is not None and rtype.per_employee is not None:
            whole = rtype.per_employee
            at_step = ("steps", positions[i] if positions else i, "type")
            try:
                applies = whole.applies(step.params, rs)
            except Exception as exc:  # the rule type's own code (a plug-in's when=)
                en, id_ = _hook_failed(step, rtype, _WHEN_HOOK, exc)
                out.append(("rule_type_failed", at_step, en, id_))
                applies = False
            if applies:
                where = "at" if step.id == sid else "before"
                where_id = "pada" if step.id == sid else "sebelum"
                out.append(
                    (
                        "ruleset_invalid",
                        at_step,
                        f"step {step.id!r} ({step.type}) works on an employee's whole monthly "
                        f"amount (it {whole.en}), but comes {where} position_history.sum_at "
                        f"{sid!r}: the steps up to sum_at run once per position held in the "
                        f"period, so it would apply once per position; move it after {sid!r}",
                        f"langkah {step.id!r} ({step.type}) bekerja pada jumlah sebulan utuh "
                        f"seorang pegawai (ia {whole.id_}), tetapi berada {where_id} "
                        f"position_history.sum_at {sid!r}: langkah sampai sum_at dihitung "
                        "sekali per jabatan yang dipegang dalam periode, sehingga ia berlaku "
                        f"sekali per jabatan; pindahkan ke sesudah {sid!r}",
                    )
                )
        if step.id == sid:
            break
    return out


#: the hooks of a rule type that run when a rule file is checked, in (English, Indonesian)
_PARAMS_HOOK = (
    "parameter model (its validators, checking the step's parameters)",
    "model parameter (validatornya, yang memeriksa parameter langkah)",
)
_WHEN_HOOK = (
    "PerEmployee.when (whether the step works on the whole monthly amount)",
    "PerEmployee.when (apakah langkah bekerja pada jumlah sebulan utuh)",
)


def _hook_failed(
    step: Step,
    rtype: Any,
    hook: tuple[str, str],
    exc: BaseException,
    day: dt.date | None = None,
) -> tuple[str, str]:
    """The reason, in English and Indonesian, of a step whose rule type's own code (``hook``:
    its parameter model's validators, its ``PerEmployee.when``) raised ``exc`` while the rule
    file was checked: an error of the rule type, a plug-in's usually (``rtype.origin`` names
    its module), that would otherwise be a bare traceback through the loader. A validator
    that means to refuse a value raises ``ValueError`` (or ``PydanticCustomError``), which is
    reported as the rule file's mistake."""
    from tukin.rules.registry import raised

    since = f" (values in force on {day})" if day is not None and day != dt.date.min else ""
    since_id = f" (nilai yang berlaku pada {day})" if since else ""
    return (
        f"step {step.id!r} ({step.type}): the rule type's {hook[0]} raised {raised(exc)}"
        f"{since}; the rule type is defined in {rtype.origin}: an error in its code, or a "
        "value it does not expect (a validator refusing a value raises ValueError)",
        f"langkah {step.id!r} ({step.type}): {hook[1]} jenis aturan ini memunculkan "
        f"{raised(exc)}{since_id}; jenis aturan ini didefinisikan di {rtype.origin}: "
        "kesalahan pada kodenya, atau nilai yang tidak diharapkannya (validator yang menolak "
        "nilai memunculkan ValueError)",
    )


def _column_problems(
    rs: RuleSet, name: str, column: InputColumn, steps: set[str]
) -> list[tuple[tuple[Any, ...], str, str]]:
    """What is wrong with the optional input column ``name`` (``columns:``): a name no
    formula can write or one that is already something else, a default not of its type (a
    ``$name``'s every dated value is checked)."""
    from tukin.contract import DERIVED_COLUMNS, TABLES

    path: tuple[Any, ...] = ("columns", name)
    out: list[tuple[tuple[Any, ...], str, str]] = []
    if not NAME.fullmatch(name):
        out.append(
            (
                path,
                f"column {name!r} is no name a formula can read: write it in lower case with "
                "'_' (a sheet header 'Target Is Max' is read as target_is_max)",
                f"kolom {name!r} bukan nama yang dapat dibaca rumus: tulis dengan huruf kecil "
                "dan '_' (judul kolom 'Target Is Max' dibaca sebagai target_is_max)",
            )
        )
    taken = None
    if name in steps:
        taken = ("the id of a step", "id sebuah langkah")
    elif name in rs.parameters:
        taken = (
            "a parameter (a formula would read the parameter)",
            "parameter (rumus akan membaca parameternya)",
        )
    elif name in TABLES["employees"].names or name in DERIVED_COLUMNS:
        taken = ("a column every employee has", "kolom yang dimiliki setiap pegawai")
    if taken:
        out.append(
            (
                path,
                f"column {name!r} is also {taken[0]}: it cannot be an optional column",
                f"kolom {name!r} juga {taken[1]}: tidak dapat menjadi kolom opsional",
            )
        )
    ref = parameter_of(column.default)
    where = (*path, "default")
    if ref is None:
        _, why = typed_default(column.type, column.default)
        if why:
            out.append((where, f"column {name!r}: {why[0]}", f"kolom {name!r}: {why[1]}"))
        return out
    if ref not in rs.parameters:
        en, id_ = hints(ref, list(rs.parameters))
        out.append(
            (
                where,
                f"column {name!r}: its default ${ref} is not a parameter{en}",
                f"kolom {name!r}: nilai bawaannya ${ref} bukan parameter{id_}",
            )
        )
        return out
    for value in rs.parameters[ref].values:
        _, why = typed_default(column.type, value.value)
        if why:
            since = f" (value from {value.start})" if value.start else ""
            since_id = f" (nilai sejak {value.start})" if value.start else ""
            out.append(
                (
                    _param_path(rs, ref),
                    f"column {name!r}: its default, parameter {ref!r}: {why[0]}{since}",
                    f"kolom {name!r}: nilai bawaannya, parameter {ref!r}: {why[1]}{since_id}",
                )
            )
    return out


def _formula_parameters(
    rs: RuleSet, params: Any, earlier: Mapping[str, int], skip: frozenset[str] | set[str]
) -> list[tuple[str, dt.date | None, tuple[str, str]]]:
    """``(parameter, day, reason)`` for each value that is no number of a parameter a formula
    reads by its name (``expr: dasar * share``), with the first day of a dated one: the
    formula reads the value in force as an exact number, as a step's ``$name`` is checked by
    its rule type. A name an earlier step has (``earlier``: step ids so far) is that step's."""
    from tukin.rules.basic import formula_uses

    expr = params.get("expr") if isinstance(params, Mapping) else None
    try:
        uses = formula_uses(expr) if isinstance(expr, str) else {}
    except ValueError:
        return []  # the formula itself is refused by its rule type
    found: list[tuple[str, dt.date | None, tuple[str, str]]] = []
    for name, how in uses.items():
        if "list" in how and (name in earlier or name not in rs.parameters):
            found.append((name, None, _NOT_A_LIST_PARAMETER))
            continue
        if name in earlier or name not in rs.parameters or name in skip:
            continue
        values = rs.parameters[name].values
        for value in values:
            day = value.start if len(values) > 1 else None
            said = [
                _list_problem(value.value) if "list" in how else None,
                # read as a number too (``if_(x in k, k, 0)``): it must be one as well
                _exact_problem(value.value) if "value" in how else None,
            ]
            found += [(name, day, reason) for reason in said if reason is not None]
    return found


def _exact_problem(value: Any) -> tuple[str, str] | None:
    """Why ``value`` is no exact number, in both languages; None when it is one."""
    from pydantic_core import PydanticCustomError

    try:
        to_exact(value)
    except PydanticCustomError as exc:
        ctx = exc.context or {}
        return str(ctx.get("message", exc)), str(ctx.get("message_id", exc))
    return None


_NOT_A_LIST_PARAMETER = (
    "is read after 'in': it must be a parameter holding a list (or write the list out)",
    "dibaca setelah 'in': harus berupa parameter berisi daftar (atau tulis daftarnya langsung)",
)


def _list_problem(value: Any) -> tuple[str, str] | None:
    """Why ``value`` cannot be the list a formula reads after ``in``: a list of texts, or of
    numbers (exact), not empty and not mixed; None when it can."""
    if not isinstance(value, list | tuple) or not value:
        return (
            "read after 'in': it must be a list, not empty",
            "dibaca setelah 'in': harus berupa daftar yang tidak kosong",
        )
    if any(v is None for v in value):
        return (f"an item of its list: {NO_VALUE[0]}", f"satu butir daftarnya: {NO_VALUE[1]}")
    texts = [isinstance(v, str) for v in value]
    if any(texts) and not all(texts):
        return ("its list mixes texts and numbers", "daftarnya mencampur teks dan angka")
    if not any(texts):
        for v in value:
            said = _exact_problem(v)
            if said is not None:
                return said
    return None


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


#: how a unit in rupiah is written besides ``rupiah`` (Rp, IDR, rupiah/bulan...)
_RUPIAH_WORDS = re.compile(r"\b(rp|idr|rupiah)\b|^rp\.?\s*\d|^rp\.", re.IGNORECASE)


def _says_rupiah_otherwise(unit: str | None) -> bool:
    """Whether a parameter's ``unit`` names rupiah (``Rp``, ``IDR``, ``rupiah/bulan``,
    ``Rupiah per hari``) without being ``rupiah``: the value was meant as an amount, and is
    not read as one (:attr:`~tukin.ruleset.model.Parameter.in_rupiah`)."""
    text = (unit or "").strip().lower()
    return text != "rupiah" and bool(_RUPIAH_WORDS.search(text))


#: how a unit in percent begins (persen, persentase, percent, per cent, %, prosen, pct)
_PERCENT_WORDS = ("%", "percent", "per cent", "persen", "prosen", "pct")


def _says_percent(unit: str | None) -> bool:
    """Whether a parameter's ``unit`` says its values are percentages (``persen``, ``%``):
    a unit is documentation (only ``rupiah`` changes what is computed), and a bare number is
    read as a ratio whatever it says, so ``unit: persen, value: 60`` paid 60 times the base
    (review 135)."""
    return (unit or "").strip().lower().startswith(_PERCENT_WORDS)


def _bare_numbers(value: Any, where: str = "", *, nested: bool = False) -> list[tuple[str, Any]]:
    """Every bare number but 0 (not written with ``%``) in a parameter's value (the number,
    a table's values, a list's items; a record inside one is its step's to read), with its
    key. Under a unit that says percent, a bare number is ambiguous whatever its size:
    ``60`` was read as 6000 %, and ``tl1: 0.5`` (the usual 0.5 % a late arrival costs) as
    50 % (review 135 refused only numbers above 1; the session after, those up to 1 too).
    ``0`` is 0 % read either way."""
    if isinstance(value, bool):
        return []
    if isinstance(value, Mapping | list | tuple) and nested:
        return []
    if isinstance(value, str | Decimal | Fraction | int):
        if isinstance(value, str) and "%" in value:
            return []
        try:
            number = to_exact(value)
        except (ValueError, TypeError, ArithmeticError):
            return []  # not a number: its step's own check says so
        return [(where, value)] if number != 0 else []
    if isinstance(value, Mapping):
        return [
            n
            for k, v in value.items()
            for n in _bare_numbers(v, f"{where}.{k}".lstrip("."), nested=True)
        ]
    if isinstance(value, list | tuple):
        return [
            n for i, v in enumerate(value) for n in _bare_numbers(v, f"{where}[{i}]", nested=True)
        ]
    return []


def _unit_read(rs: RuleSet) -> set[str]:
    """The parameters whose ``unit`` changes what is computed: those a formula reads by name
    (``rupiah`` makes the value an amount) and a clamp's ``$name`` bound (in rupiah, the clamp
    must come after sum_at). Elsewhere a step reads the parameter through ``$name`` as its own
    field types say (a ``lookup`` with ``unit: rupiah``), and ``unit: Rp`` is documentation,
    as it was before review 125 (review 134)."""
    from tukin.rules.basic import formula_uses

    read: set[str] = set()
    steps = {step.id for step in rs.steps}
    for step in rs.steps:
        params = step.params if isinstance(step.params, Mapping) else {}
        if step.type == "formula" and isinstance(params.get("expr"), str):
            with contextlib.suppress(ValueError):  # a formula refused by its rule type
                uses = formula_uses(params["expr"])
                read |= {n for n, how in uses.items() if "value" in how and n not in steps}
        elif step.type == "clamp":
            for key in ("min", "max"):
                bound = params.get(key)
                name = parameter_of(bound)
                if name is not None:
                    read.add(name)
    return read


def _fractions(value: Any, where: str = "", *, nested: bool = False) -> list[tuple[str, Any]]:
    """Every amount in an amount's value (a number, a table's values, a list's items) that is
    not whole, as written, with its key. ``37.500`` or ``'1,5'`` is read as a decimal (37.5,
    1.5): in an amount in rupiah it is most likely a thousands separator (Rp37.500), and paid
    as written it is a thousandth of what was meant. A percentage (``'0.5%'``) is no amount
    and is left to the step's own check.

    A record inside a table or list (a PPh 21 TER bracket ``{up_to: 5650000, rate: 0.0025}``,
    a band ``{min: 0.85, value: 500000}``) is not looked into: its fields are not all amounts
    (a rate, a ratio's bound), a step reads it through ``$name`` and its own field types check
    the amounts (a bracket's ``up_to``); refusing ``rate: 0.0025`` as "not a whole amount"
    refused files that loaded and paid right before review 125 (review 134)."""
    if isinstance(value, bool):
        return []
    if isinstance(value, Mapping | list | tuple) and nested:
        return []  # a record: its step checks it
    if isinstance(value, str | Decimal | Fraction | int):
        if isinstance(value, str) and value.strip().endswith("%"):
            return []
        try:
            number = to_exact(value)
        except (ValueError, TypeError, ArithmeticError):
            return []  # not a number: its step's own check says so
        return [(where, value)] if number.denominator != 1 else []
    if isinstance(value, Mapping):
        return [
            n
            for k, v in value.items()
            for n in _fractions(v, f"{where}.{k}".lstrip("."), nested=True)
        ]
    if isinstance(value, list | tuple):
        return [n for i, v in enumerate(value) for n in _fractions(v, f"{where}[{i}]", nested=True)]
    return []


def _not_whole(amount: Any) -> tuple[str, str]:
    """The reason of an amount in rupiah written with a fraction (:func:`_fractions`), in
    English and Indonesian, said after the value as written."""
    read = fmt_exact(to_exact(amount))
    return (
        f"is not a whole amount: it is read as {read} rupiah (a point or a comma in a rule "
        "file is a decimal mark, not a thousands separator); write the amount in whole rupiah "
        "without separators (Rp37.500 as 37500)",
        f"bukan jumlah bulat: terbaca sebagai {read} rupiah (titik atau koma dalam berkas "
        "aturan adalah tanda desimal, bukan pemisah ribuan); tulis jumlahnya dalam rupiah "
        "bulat tanpa pemisah (Rp37.500 sebagai 37500)",
    )


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


def first_error(exc: ValidationError, model: Any = None) -> tuple[str, str]:
    """The first error of ``exc`` with its place, in English and Indonesian
    (:func:`error_text`; ``model``: the model validated, for the limits of a field)."""
    err = one_branch(exc.errors())[0]
    loc = ".".join(str(x) for x in err["loc"])
    en, id_ = error_text(err, model)
    return (f"{loc}: {en}", f"{loc}: {id_}") if loc else (en, id_)


#: the member of a union pydantic names in an error's place (``literal['reject','error']``,
#: ``function-before[to_exact(), ...]``): the schema's, not a key of the file
_UNION_TAG = re.compile(r"^[a-z][a-z_-]*\[.*\]$", re.DOTALL)

#: the member of a union pydantic names by its type alone (``groups.g.0.str``)
_SCALAR_TAGS = frozenset({"str", "int", "float", "bool", "decimal", "date", "datetime", "none"})


def _input_field(params: Any, loc: tuple[Any, ...]) -> list[Any]:
    """The keys of ``loc`` that are the file's: a union member's tag (``str``, ``int``,
    ``literal[...]``, a model's name) is the schema's, dropped where the file has no such key
    (a key not in the file is kept: the one a "required" error names).

    ``params`` are the step's parameters as validated, with each ``$name`` replaced by the
    parameter's value: the step's own text (``table: $r``) has none of the value's keys, and
    a key such as ``Baik`` or a TER category ``A`` would read as a model's name."""
    out: list[Any] = []
    node: Any = params
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            node = node[part]
        elif isinstance(part, str) and (
            _UNION_TAG.match(part) or part in _SCALAR_TAGS or _MODEL_TAG.fullmatch(part)
        ):
            continue
        else:
            node = None
        out.append(part)
    return out


_MODEL_TAG = re.compile(r"[A-Z][A-Za-z0-9]*")


def _either_error(errs: list[Any], model: Any) -> tuple[str, str]:
    """One message for the errors of one place: a value no member of a union takes
    (``1.5`` for text or a whole number) is "must be text or a whole number, not 1.5", said
    once, not once per member."""
    texts = [error_text(err, model) for err in errs]
    if len(texts) == 1:
        return texts[0]
    if all("input" in err and err["input"] is None for err in errs):
        return NO_VALUE  # null, for a key of many kinds: no value, not every kind's complaint
    kinds = [err["type"] for err in errs]
    given = errs[0].get("input")
    if all(k in _PLAIN and k != "missing" for k in kinds) and given is not None:
        en = list(dict.fromkeys(_PLAIN[k][0].removeprefix("must be ") for k in kinds))
        id_ = list(dict.fromkeys(_PLAIN[k][1].removeprefix("harus ") for k in kinds))
        return (
            f"must be {' or '.join(en)}, not {_shown(given)}",
            f"harus {' atau '.join(id_)}, bukan {_shown(given)}",
        )
    unique = list(dict.fromkeys(texts))
    return "; or ".join(t[0] for t in unique), "; atau ".join(t[1] for t in unique)


#: the errors saying a value is not of a union member's shape (not a mapping, not a list)
_SHAPE_ERRORS = frozenset(
    {"dict_type", "model_type", "model_attributes_type", "list_type", "tuple_type"}
)
#: a scalar member's complaint that the value is not a scalar of its kind (a word, a number)
_SCALAR_ERRORS = frozenset({"literal_error", "enum", "not_a_number"})


def one_branch(errors: list[Any]) -> list[Any]:
    """Of a union field's failed members, the errors of the member the value was written
    for: ``amount: 1000.5`` (one amount or a table) is "not whole rupiah", not also "must be
    a mapping"; ``amount: {A: 1.5}`` is not also "dict is not a number"; ``below: {value: 1,
    label: x}`` is the mapping member's "give either value or label", not also "not one of
    'reject' or 'error'"; ``zero_target: rejct`` (a word or a number) is "not one of 'reject'
    or 'error'", not also "not a number". Each union field is decided on its own, so the error
    of one is never hidden by another error of the step; a union field none of whose members
    the value fits (``zero_target: {x: 1}``) keeps every member's error. Errors outside a union
    are kept as they are, in their order."""
    keep = {id(err) for err in _pick([(err, tuple(err["loc"])) for err in errors])}
    return [err for err in errors if id(err) in keep]


def _pick(items: list[tuple[Any, tuple[Any, ...]]]) -> list[Any]:
    """The errors kept of ``items`` (each error with the rest of its place to look in)."""
    kept: list[Any] = []
    unions: dict[tuple[Any, ...], dict[str, list[tuple[Any, tuple[Any, ...]]]]] = {}
    for err, loc in items:
        at = next((i for i, part in enumerate(loc) if _UNION_TAG.match(str(part))), None)
        if at is None:
            kept.append(err)
        else:
            members = unions.setdefault(loc[:at], {})
            members.setdefault(str(loc[at]), []).append((err, loc[at + 1 :]))
    for members in unions.values():
        scores = {tag: _fit(inner) for tag, inner in members.items()}
        best = max(scores.values())
        for tag, inner in members.items():
            if scores[tag] == best:
                kept.extend(_pick(inner))
    return kept


def _fit(inner: list[tuple[Any, tuple[Any, ...]]]) -> int:
    """How surely a union member's errors are about the value it was written for: 3 when the
    member took the value's shape and failed inside it (``below.value: 'abc'``); 2 for a
    complaint about the value as that member reads it; 1 for a word member's or a number
    member's complaint about text that looks rather like the other; 0 when the value is not of
    the member's kind at all (a mapping to a word or a number, a number to a word, text to a
    mapping)."""
    if any(rest for _, rest in inner):
        return 3
    return min(_fit_one(err) for err, _ in inner)


def _fit_one(err: Any) -> int:
    kind, given = err["type"], err.get("input")
    if kind in _SHAPE_ERRORS:
        return 0
    if isinstance(given, Mapping | list | tuple | set):
        # a table or a list given: a complaint that it is not one scalar is not what was meant
        return 0 if kind in _SCALAR_ERRORS or kind.endswith(("_type", "_parsing")) else 2
    if kind in ("literal_error", "enum"):
        expected = str((err.get("ctx") or {}).get("expected", ""))
        if "'" in expected and not isinstance(given, str):
            return 0  # a number or true/false given where the choices are words
        if isinstance(given, str):
            words = re.findall(r"'([^']*)'", expected)
            if difflib.get_close_matches(given.strip().lower(), words, n=1, cutoff=0.7):
                return 3  # a misspelt choice (r3ject, reject1): the word member's, with its hint
            return 1 if any(c.isdigit() for c in given) else 2
        return 2
    if isinstance(given, str) and kind == "not_a_number":
        return 2 if any(c.isdigit() for c in given) else 1
    return 2


#: pydantic's wording of a limit (the error type) -> the limit's key in the error's context
_LIMIT_TYPES = {
    "greater_than_equal": "ge",
    "greater_than": "gt",
    "less_than_equal": "le",
    "less_than": "lt",
}
#: pydantic errors with one fixed meaning, in (English, Indonesian)
_PLAIN = {
    "missing": ("required, and not given", "wajib diisi, dan tidak ada"),
    "int_parsing": ("must be a whole number", "harus bilangan bulat"),
    "int_type": ("must be a whole number", "harus bilangan bulat"),
    "int_from_float": ("must be a whole number", "harus bilangan bulat"),
    "bool_parsing": ("must be true or false", "harus true atau false"),
    "bool_type": ("must be true or false", "harus true atau false"),
    "string_type": ("must be text", "harus berupa teks"),
    "list_type": ("must be a list", "harus berupa daftar"),
    "tuple_type": ("must be a list", "harus berupa daftar"),
    "dict_type": ("must be a mapping (key: value)", "harus berupa pemetaan (kunci: nilai)"),
    "model_type": ("must be a mapping (key: value)", "harus berupa pemetaan (kunci: nilai)"),
    "model_attributes_type": (
        "must be a mapping (key: value)",
        "harus berupa pemetaan (kunci: nilai)",
    ),
    "date_parsing": ("must be a date (2025-07-01)", "harus berupa tanggal (2025-07-01)"),
    "date_from_datetime_parsing": (
        "must be a date (2025-07-01)",
        "harus berupa tanggal (2025-07-01)",
    ),
    "date_type": ("must be a date (2025-07-01)", "harus berupa tanggal (2025-07-01)"),
}


def error_text(err: Any, model: Any = None) -> tuple[str, str]:
    """One pydantic error of a rule file in English and Indonesian, without its place.

    A rule type that raises ``PydanticCustomError`` with ``message_id`` in its context speaks
    for itself; a choice (``combine: maks``), a limit (``delay: 13``) and the usual type errors
    are worded here, with the value given, the choices or the allowed range, and a "did you
    mean"; any other error is pydantic's own text in both. ``model`` (the model validated)
    gives a limit's other end: the range ``0 to 12``, not only ``at most 12``.
    """
    kind, ctx = err["type"], err.get("ctx") or {}
    given = err.get("input")
    if "message_id" in ctx:
        return err["msg"], ctx["message_id"]
    if given is None and "input" in err and kind != "missing":
        # a parameter's null (None) is no value: the key read as not written, which this
        # one may not be; not "None is not one of ..." nor a type named NoneType
        return NO_VALUE
    if kind in ("literal_error", "enum"):
        options = re.findall(r"'((?:[^'\\]|\\.)*)'", str(ctx.get("expected", "")))
        listed_en = _either(options, "or")
        listed_id = _either(options, "atau")
        en_hint, id_hint = _choice_hint(given, options)
        return (
            f"{given!r} is not one of {listed_en}{en_hint}",
            f"{given!r} bukan salah satu dari {listed_id}{id_hint}",
        )
    if kind in _LIMIT_TYPES:
        lo, hi = _limits(model, tuple(err["loc"]))
        bound = ctx.get(_LIMIT_TYPES[kind])
        lo = lo if lo is not None else (bound if kind.startswith("greater") else None)
        hi = hi if hi is not None else (bound if kind.startswith("less") else None)
        shown = _shown(given)
        if lo is not None and hi is not None:
            return (
                f"{shown} is outside the allowed range, {lo} to {hi}",
                f"{shown} di luar rentang yang diizinkan, {lo} sampai {hi}",
            )
        if lo is not None:
            return (
                f"{shown} is below the lowest allowed, {lo}",
                f"{shown} di bawah batas bawah yang diizinkan, {lo}",
            )
        return (
            f"{shown} is above the highest allowed, {hi}",
            f"{shown} di atas batas atas yang diizinkan, {hi}",
        )
    if kind == "too_short":  # a list or a table that needs entries (Field(min_length=...))
        least, got = ctx.get("min_length", 1), ctx.get("actual_length", 0)
        return (
            f"needs at least {least} entr{'y' if least == 1 else 'ies'}, not {got}",
            f"memerlukan paling sedikit {least} entri, bukan {got}",
        )
    if kind in _PLAIN:
        en, id_ = _PLAIN[kind]
        if kind != "missing" and given is not None:
            return f"{en}, not {_shown(given)}", f"{id_}, bukan {_shown(given)}"
        return en, id_
    text = err["msg"].removeprefix("Value error, ")
    return text, text


#: Indonesian words people write for a choice of a rule file, for the "did you mean" only
#: (the file keeps the one spelling: a choice read two ways would be two rule files)
_INDONESIAN_CHOICES = {
    "maks": "max",
    "maksimum": "max",
    "maksimal": "max",
    "terbesar": "max",
    "jumlah": "sum",
    "total": "sum",
    "setengah_ke_atas": "half_up",
    "setengah_keatas": "half_up",
    "pembulatan_ke_atas": "half_up",
    "setengah_ke_bawah": "half_down",
    "setengah_genap": "half_even",
    "ke_bawah": "down",
    "dibulatkan_ke_bawah": "down",
    "potong": "down",
    "ke_atas": "up",
    "dibulatkan_ke_atas": "up",
    "lantai": "floor",
    "atap": "ceiling",
    "tolak": "reject",
    "nol": "zero",
    "kehadiran": "attendance",
    "absensi": "attendance",
    "presensi": "attendance",
    "penilaian": "appraisal",
    "skp": "appraisal",
    "sanksi": "sanctions",
    "hukuman": "sanctions",
    "hukuman_disiplin": "sanctions",
    "kegiatan": "work_items",
    "indikator": "indicators",
    "target": "targets",
    "realisasi": "realisations",
    "realisasi_anggaran": "budget_realisations",
}


def _choice_hint(given: Any, options: list[str]) -> tuple[str, str]:
    """The "did you mean" for a choice: a close spelling, or the choice an Indonesian word
    names (``maks`` for ``max``, ``setengah_ke_atas`` for ``half_up``)."""
    if not isinstance(given, str):
        return "", ""
    word = "_".join(given.strip().lower().replace("-", " ").split())
    meant = _INDONESIAN_CHOICES.get(word)
    if meant in options:
        return f" (did you mean {meant!r}?)", f" (maksud Anda {meant!r}?)"
    return hints(given, options)


def _either(options: list[str], word: str) -> str:
    quoted = [repr(o) for o in options]
    if len(quoted) < 2:
        return "".join(quoted)
    return f"{', '.join(quoted[:-1])} {word} {quoted[-1]}"


def _shown(value: Any) -> str:
    """A value as the file wrote it: an exact number as text, anything else as it is."""
    if isinstance(value, Fraction):
        from tukin.ruleset.types import fmt_exact

        return fmt_exact(value)
    if isinstance(value, str):
        return repr(value)
    return str(value)


def _limits(model: Any, loc: tuple[Any, ...]) -> tuple[Any, Any]:
    """(lowest, highest) a field of ``model`` at ``loc`` declares (``Field(ge=0, le=12)``),
    through nested models, lists and mappings; (None, None) when it cannot be found."""
    tp: Any = model
    meta: tuple[Any, ...] = ()
    for key in loc:
        tp = _model_in(tp)
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            field = tp.model_fields.get(str(key))
            if field is None:
                return None, None
            tp, meta = field.annotation, tuple(field.metadata)
            continue
        args = get_args(tp)
        if get_origin(tp) in (list, tuple) and args:
            tp, meta = args[0], ()
        elif get_origin(tp) is dict and len(args) == 2:
            tp, meta = args[1], ()
        else:
            return None, None
        if get_origin(tp) is Annotated:  # list[Annotated[Exact, Field(gt=0)]]
            tp, meta = get_args(tp)[0], get_args(tp)[1:]
    lo = hi = None
    # a Field() inside Annotated keeps its limits as its own metadata
    flat = [x for m in meta for x in (m.metadata if isinstance(m, FieldInfo) else [m])]
    for m in flat:  # annotated_types' Ge, Gt, Le, Lt: one attribute each
        lo = next((getattr(m, k) for k in ("ge", "gt") if hasattr(m, k)), lo)
        hi = next((getattr(m, k) for k in ("le", "lt") if hasattr(m, k)), hi)
    return lo, hi


def _model_in(tp: Any) -> Any:
    """The model inside an optional or a union (``Tier | None``), else ``tp`` itself."""
    if get_origin(tp) in (Union, types.UnionType):
        for arg in get_args(tp):
            if isinstance(arg, type) and issubclass(arg, BaseModel):
                return arg
    return tp
