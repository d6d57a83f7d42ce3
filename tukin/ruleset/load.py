"""Turn rule-file data into a :class:`RuleSet`, reporting every mistake with its line.

Checks: known top-level keys; parameters with dated values that neither overlap nor run
backwards; unique step ids; registered rule types (with a "did you mean"); step parameters
validated by the rule type's schema for *every* combination of dated values in force, so a
value that only becomes wrong in 2026 is caught today; ``$references`` to parameters that
exist; outputs naming real steps.
"""

from __future__ import annotations

import datetime as dt
import difflib
import itertools
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tukin.errors import RuleProblem, RuleSetError, UnknownRuleTypeError
from tukin.ruleset.model import STEP_KEYS, DatedValue, Outputs, Parameter, RuleSet, Step
from tukin.ruleset.yamlsafe import Lines, load_path, load_text

TOP_KEYS = (
    "tukin",
    "name",
    "version",
    "title",
    "regulation",
    "reference",
    "description",
    "valid_from",
    "valid_to",
    "requires",
    "parameters",
    "steps",
    "outputs",
)
PARAM_KEYS = ("description", "unit", "reference", "source", "values", "value", "from", "to", "note")
#: pydantic error types with a code of their own (a rule type raises PydanticCustomError to
#: give one); every other schema error is ``ruleset_invalid``
_ERROR_CODES = {"extra_forbidden": "unknown_parameter", "weights_sum": "weights_sum"}


def load_ruleset(source: str | Path | dict[str, Any]) -> RuleSet:
    """Load a rule set from a file path, a packaged preset name, YAML text or a dict.

    Nothing in the file is executed; every mistake is reported at once with its line.
    """
    lines: Lines = {}
    filename: str | None = None
    if isinstance(source, dict):
        data = source
    elif isinstance(source, Path) or (isinstance(source, str) and "\n" not in source and _looks_like_path(source)):
        path = Path(source)
        if not path.exists():
            from tukin import presets

            path = presets.path(str(source))
        data, lines, _ = load_path(path)
        filename = str(path)
    else:
        data, lines = load_text(str(source))
    return build_ruleset(data, lines, filename)


def _looks_like_path(s: str) -> bool:
    return s.endswith((".yaml", ".yml", ".json", ".toml")) or ("/" not in s and ":" not in s)


def build_ruleset(data: Any, lines: Lines, filename: str | None = None) -> RuleSet:
    problems: list[RuleProblem] = []

    def prob(code: str, msg: str, path: tuple[Any, ...], msg_id: str | None = None) -> None:
        line = _line(lines, path)
        problems.append(RuleProblem(code, msg, msg_id, file=filename, line=line, key=_dotted(path)))

    if not isinstance(data, dict):
        raise RuleSetError(
            [
                RuleProblem(
                    "ruleset_invalid",
                    "a rule file must be a mapping of keys",
                    "berkas aturan harus berupa pemetaan kunci (key: nilai)",
                    file=filename,
                )
            ]
        )
    for key in data:
        if key not in TOP_KEYS:
            en, id_ = _hints(key, TOP_KEYS)
            prob("ruleset_invalid", f"unknown key {key!r}{en}", (key,), f"kunci {key!r} tidak dikenal{id_}")
    if "name" not in data:
        prob("ruleset_invalid", "the rule set needs a 'name'", (), "aturan memerlukan 'name'")
    params: dict[str, Parameter] = {}
    broken: set[str] = set()  # parameters with a mistake: steps using them are not checked
    raw_params = data.get("parameters") or {}
    if not isinstance(raw_params, dict):
        prob(
            "ruleset_invalid",
            "'parameters' must be a mapping of names to values",
            ("parameters",),
            "'parameters' harus berupa pemetaan nama ke nilai",
        )
        raw_params = {}
    for name, raw in raw_params.items():
        before = len(problems)
        p = _parameter(str(name), raw, prob)
        if p is not None:
            params[str(name)] = p
        if p is None or len(problems) > before:
            broken.add(str(name))
    steps: list[Step] = []
    positions: list[int] = []  # index in the file of each step kept
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        prob(
            "ruleset_invalid",
            "the rule set needs a non-empty list of 'steps'",
            ("steps",),
            "aturan memerlukan daftar 'steps' yang tidak kosong",
        )
        raw_steps = []
    for i, raw in enumerate(raw_steps):
        if not isinstance(raw, dict):
            prob("ruleset_invalid", "a step must be a mapping", ("steps", i), "langkah harus berupa pemetaan")
            continue
        missing = [k for k in ("id", "type") if k not in raw]
        if missing:
            prob(
                "ruleset_invalid",
                f"step is missing {', '.join(missing)}",
                ("steps", i),
                f"langkah tidak memiliki {', '.join(missing)}",
            )
            continue
        head = {k: raw[k] for k in STEP_KEYS if k in raw}
        body = {k: v for k, v in raw.items() if k not in STEP_KEYS}
        if "params" in body and isinstance(body["params"], dict) and len(body) == 1:
            body = body["params"]
        try:
            steps.append(Step(**{k: (str(v) if v is not None else None) for k, v in head.items()}, params=body))
            positions.append(i)
        except ValidationError as exc:
            prob("ruleset_invalid", _first(exc), ("steps", i), _first(exc))
    meta: dict[str, Any] = {k: data[k] for k in TOP_KEYS if k in data and k not in ("parameters", "steps", "tukin")}
    meta.setdefault("name", "")  # already reported as missing; keep checking the rest
    if "version" in meta:
        meta["version"] = str(meta["version"])
    try:
        outputs = Outputs.model_validate(meta.pop("outputs", None) or {})
    except ValidationError as exc:
        prob("ruleset_invalid", f"outputs: {_first(exc)}", ("outputs",), f"outputs: {_first(exc)}")
        outputs = Outputs()
    try:
        rs = RuleSet(
            **meta,
            parameters=params,
            steps=tuple(steps) or (Step(id="_", type="_"),),
            outputs=outputs,
            source_file=filename,
            lines={_dotted(k): v for k, v in lines.items() if k and k[-1] != "<key>"},
        )
    except ValidationError as exc:
        for err in exc.errors():
            prob("ruleset_invalid", f"{err['msg']}", tuple(err["loc"]), f"{err['msg']}")
        raise RuleSetError(problems) from None
    # one error for the whole file: the step checks run even when the first pass found mistakes
    if steps:
        problems += check_ruleset(rs, lines, filename, skip=broken, positions=positions)
    if problems:
        raise RuleSetError(_dedupe(problems))
    return rs


def _parameter(name: str, raw: Any, prob: Any) -> Parameter | None:
    path = ("parameters", name)
    if not isinstance(raw, dict) or ("values" not in raw and "value" not in raw):
        raw = {"value": raw}
    for key in raw:
        if key not in PARAM_KEYS:
            en, id_ = _hints(key, PARAM_KEYS)
            prob(
                "ruleset_invalid",
                f"parameter {name!r}: unknown key {key!r}{en}",
                path + (key,),
                f"parameter {name!r}: kunci {key!r} tidak dikenal{id_}",
            )
    if "values" in raw:
        raw_values = raw["values"]
        if not isinstance(raw_values, list) or not raw_values:
            prob(
                "ruleset_invalid",
                f"parameter {name!r}: 'values' must be a non-empty list",
                path + ("values",),
                f"parameter {name!r}: 'values' harus berupa daftar yang tidak kosong",
            )
            return None
    else:
        raw_values = [{k: raw[k] for k in ("value", "from", "to", "reference", "source", "note") if k in raw}]
    values: list[DatedValue] = []
    where: list[tuple[Any, ...]] = []
    for j, rv in enumerate(raw_values):
        vpath = path + ("values", j) if "values" in raw else path
        if not isinstance(rv, dict) or "value" not in rv:
            prob(
                "ruleset_invalid",
                f"parameter {name!r}: each dated value needs 'value'",
                vpath,
                f"parameter {name!r}: setiap nilai bertanggal memerlukan 'value'",
            )
            continue
        try:
            dv = DatedValue.model_validate(rv)
        except ValidationError as exc:
            prob("ruleset_invalid", f"parameter {name!r}: {_first(exc)}", vpath, f"parameter {name!r}: {_first(exc)}")
            continue
        if dv.start and dv.end and dv.end < dv.start:
            prob(
                "overlapping_dates",
                f"parameter {name!r}: 'to' {dv.end} is before 'from' {dv.start}",
                vpath,
                f"parameter {name!r}: 'to' {dv.end} sebelum 'from' {dv.start}",
            )
        values.append(dv)
        where.append(vpath)
    order = sorted(range(len(values)), key=lambda k: values[k].start or dt.date.min)
    ordered = [values[k] for k in order]
    for pos, (a, b) in enumerate(itertools.pairwise(ordered)):
        a_end = a.end or dt.date.max
        if (b.start or dt.date.min) <= a_end:
            prob(
                "overlapping_dates",
                f"parameter {name!r}: values from {a.start or 'the start'} and from {b.start or 'the start'} overlap",
                where[order[pos + 1]],
                f"parameter {name!r}: masa berlaku nilai sejak {a.start or 'awal'} dan sejak "
                f"{b.start or 'awal'} tumpang tindih",
            )
    meta = {k: raw.get(k) for k in ("description", "unit", "reference", "source") if raw.get(k) is not None}
    try:
        return Parameter(name=name, values=tuple(ordered), **meta)
    except ValidationError as exc:
        prob("ruleset_invalid", f"parameter {name!r}: {_first(exc)}", path, f"parameter {name!r}: {_first(exc)}")
        return None


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
        line = _line(lines, path)
        problems.append(RuleProblem(code, msg, msg_id, file=filename, line=line, key=_dotted(path)))

    seen: dict[str, int] = {}
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
        try:
            rtype = registry.get(step.type)
        except UnknownRuleTypeError as exc:
            found = exc.problems[0]
            prob("unknown_rule_type", found.message_en, spath + ("type",), found.message("id"))
            continue
        refs = sorted(_refs(step.params))
        for ref in refs:
            if ref not in rs.parameters and ref not in skip:
                en, id_ = _hints(ref, list(rs.parameters))
                prob(
                    "unknown_parameter",
                    f"step {step.id!r} refers to ${ref}, which is not a parameter{en}",
                    spath + _ref_path(step.params, ref),
                    f"langkah {step.id!r} merujuk ${ref}, yang bukan parameter{id_}",
                )
        if any(r not in rs.parameters or r in skip for r in refs):
            continue
        for day in _change_days(rs, refs):
            try:
                resolved = resolve(step.params, rs, day)
                rtype.params.model_validate(resolved)
            except ValidationError as exc:
                errors = exc.errors()
                # a misspelt key also makes its field "missing": report the misspelling only
                typos = {
                    m
                    for e in errors
                    if e["type"] == "extra_forbidden"
                    for m in difflib.get_close_matches(str(e["loc"][0]), list(rtype.params.model_fields), n=1)
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
                        en, id_ = _hints(str(loc[0]), list(rtype.params.model_fields))
                        msg = f"{head}: unknown parameter {field!r}{en}"
                        msg_id = f"{head_id}: parameter {field!r} tidak dikenal{id_}"
                    else:
                        msg = f"{head}: {field}: {err['msg']}"
                        said = (err.get("ctx") or {}).get("message_id", err["msg"])
                        msg_id = f"{head_id}: {field}: {said}"
                    if day is not None and refs and day != dt.date.min:
                        msg += f" (values in force on {day})"
                        msg_id += f" (nilai yang berlaku pada {day})"
                    prob(code, msg, where, msg_id)
                break
    known = set(seen)
    for field, ids in (("allowance", [rs.outputs.allowance] if rs.outputs.allowance else []),
                       ("deductions", rs.outputs.deductions), ("employer", rs.outputs.employer),
                       ("components", rs.outputs.components)):
        for sid in ids:
            if sid not in known:
                en, id_ = _hints(sid, list(known))
                prob(
                    "ruleset_invalid",
                    f"outputs.{field} names {sid!r}, which is not a step{en}",
                    ("outputs", field),
                    f"outputs.{field} menyebut {sid!r}, yang bukan langkah{id_}",
                )
    return _dedupe(problems)


def _ref_path(params: Any, ref: str) -> tuple[Any, ...]:
    """Key path, within a step's parameters, of the first place that says ``$ref``."""
    items = params.items() if isinstance(params, dict) else enumerate(params) if isinstance(params, list) else ()
    for key, value in items:
        if value == f"${ref}":
            return (key,)
        if isinstance(value, dict | list):
            sub = _ref_path(value, ref)
            if sub:
                return (key, *sub)
    return ()


def _dedupe(problems: list[RuleProblem]) -> list[RuleProblem]:
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


def resolve(params: Any, rs: RuleSet, day: dt.date | None, used: dict[str, DatedValue] | None = None) -> Any:
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


def _origin(params: Any, loc: tuple[Any, ...], spath: tuple[Any, ...], rs: RuleSet, day: dt.date | None) -> tuple[Any, ...]:
    """Path in the file of the value an error is about: the step's key, or the parameter's."""
    node: Any = params
    for depth, key in enumerate(loc):
        if isinstance(node, str) and node.startswith("$") and node[1:] in rs.parameters:
            return _param_path(rs, node[1:])
        if (isinstance(node, dict) and key in node) or (isinstance(node, list) and isinstance(key, int) and key < len(node)):
            node = node[key]
        else:
            return spath + loc[:depth] if depth else spath
    if isinstance(node, str) and node.startswith("$") and node[1:] in rs.parameters:
        return _param_path(rs, node[1:])
    return spath + loc


def _param_path(rs: RuleSet, name: str) -> tuple[Any, ...]:
    """The parameter's ``value`` key when it has a single value, else the parameter itself."""
    return ("parameters", name, "value") if len(rs.parameters[name].values) == 1 else ("parameters", name)


def _line(lines: Lines, path: tuple[Any, ...]) -> int | None:
    p = tuple(path)
    while p:
        if p in lines:
            return lines[p]
        p = p[:-1]
    return lines.get((), None)


def _dotted(path: tuple[Any, ...]) -> str:
    return ".".join(str(p) for p in path) if path else ""


def _hint(word: str, options: Any) -> str:
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _hints(word: Any, options: Any) -> tuple[str, str]:
    """The "did you mean" hint in English and Indonesian (both empty when nothing is close)."""
    close = difflib.get_close_matches(str(word), [str(o) for o in options], n=1)
    if not close:
        return "", ""
    return f" (did you mean {close[0]!r}?)", f" (maksud Anda {close[0]!r}?)"


def _first(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(x) for x in err["loc"])
    return f"{loc}: {err['msg']}" if loc else err["msg"]
