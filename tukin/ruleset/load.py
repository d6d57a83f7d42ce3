"""Turn rule-file data into a :class:`RuleSet`, reporting every mistake with its line.

Checks here: known top-level keys; parameters with dated values that neither overlap nor run
backwards; steps with an id and a type. :mod:`tukin.ruleset.check` then checks the steps
against their rule types for every dated combination of values in force, their
``$references`` and the outputs; every mistake of the file is reported at once.

A parameter declared ``required: true`` ships no value: the user supplies it
(:meth:`RuleSet.with_parameters`, or dated values in their own file). The steps that use it
are checked once it has values (``with_parameters`` validates again); until then
``calculate`` stops with ``required_parameter``, naming it and saying how to supply it. A
value given beside ``required: true`` is refused (a pack ships none); a rule set written
after the user supplied one says ``required: supplied`` with the values, which keeps the
parameter required, and so the rules' fingerprint, as they were in Python.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from tukin.errors import RuleProblem, RuleSetError
from tukin.ruleset._values import date_problems
from tukin.ruleset.check import (
    check_ruleset,
    dedupe,
    dotted,
    error_text,
    first_error,
    hints,
    line_at,
    resolve,
    validate_ruleset,
)
from tukin.ruleset.model import (
    STEP_KEYS,
    DatedValue,
    InputColumn,
    Outputs,
    Parameter,
    RuleSet,
    Step,
)
from tukin.ruleset.yamlsafe import Lines, load_path, load_text

__all__ = [  # check_ruleset, resolve and validate_ruleset live in tukin.ruleset.check
    "COLUMN_KEYS",
    "PARAM_KEYS",
    "TOP_KEYS",
    "build_ruleset",
    "check_ruleset",
    "load_ruleset",
    "resolve",
    "validate_ruleset",
]

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
    "period_kinds",
    "position_history",
    "parameters",
    "columns",
    "steps",
    "outputs",
)
PARAM_KEYS = (
    *("description", "unit", "reference", "source", "required"),
    *("values", "value", "from", "to", "note"),
)
#: the keys of an optional input column declared under ``columns``
COLUMN_KEYS = ("type", "default", "description", "reference")
#: what a value brings: a ``required`` parameter (the user supplies it) has none of these
_VALUE_KEYS = ("values", "value", "from", "to", "note")
#: ``required: supplied``: a parameter the rules leave to the user, with the values the user
#: supplied (what :func:`tukin.ruleset.write.to_yaml` writes after ``with_parameters``)
SUPPLIED = "supplied"


def load_ruleset(source: str | Path | dict[str, Any]) -> RuleSet:
    """Load a rule set from a file path, a packaged preset name, YAML text or a dict.

    Nothing in the file is executed; every mistake is reported at once with its line.
    """
    lines: Lines = {}
    filename: str | None = None
    if isinstance(source, dict):
        data = source
    elif isinstance(source, Path) or (
        isinstance(source, str) and "\n" not in source and _looks_like_path(source)
    ):
        path = Path(source)
        if not _exists(path):
            from tukin import presets

            try:
                path = presets.path(str(source))
            except OSError:  # a name no file system accepts (too long...): no pack either
                raise RuleSetError(
                    [
                        RuleProblem(
                            "ruleset_invalid",
                            "the rule set is neither a file, a packaged rule pack nor YAML text",
                            "aturan bukan berkas, paket aturan bawaan, maupun teks YAML",
                        )
                    ]
                ) from None
        data, lines, _ = load_path(path)
        filename = str(path)
    else:
        data, lines = load_text(str(source))
    return build_ruleset(data, lines, filename)


def _exists(path: Path) -> bool:
    """Whether ``path`` exists; False for a name the file system refuses (too long, NUL)."""
    try:
        return path.exists()
    except (OSError, ValueError):
        return False


def _looks_like_path(s: str) -> bool:
    return s.endswith((".yaml", ".yml", ".json", ".toml")) or ("/" not in s and ":" not in s)


def build_ruleset(data: Any, lines: Lines, filename: str | None = None) -> RuleSet:
    problems: list[RuleProblem] = []

    def prob(code: str, msg: str, path: tuple[Any, ...], msg_id: str | None = None) -> None:
        line = line_at(lines, path)
        problems.append(RuleProblem(code, msg, msg_id, file=filename, line=line, key=dotted(path)))

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
            en, id_ = hints(key, TOP_KEYS)
            prob(
                "ruleset_invalid",
                f"unknown key {key!r}{en}",
                (key,),
                f"kunci {key!r} tidak dikenal{id_}",
            )
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
    columns = _columns(data.get("columns"), prob)
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
            prob(
                "ruleset_invalid",
                "a step must be a mapping",
                ("steps", i),
                "langkah harus berupa pemetaan",
            )
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
            steps.append(
                Step(
                    **{k: (str(v) if v is not None else None) for k, v in head.items()}, params=body
                )
            )
            positions.append(i)
        except ValidationError as exc:
            en, id_ = first_error(exc, Step)
            prob("ruleset_invalid", en, ("steps", i), id_)
    meta: dict[str, Any] = {
        k: data[k]
        for k in TOP_KEYS
        if k in data and k not in ("parameters", "columns", "steps", "tukin")
    }
    meta.setdefault("name", "")  # already reported as missing; keep checking the rest
    if "version" in meta:
        meta["version"] = str(meta["version"])
    try:
        outputs = Outputs.model_validate(meta.pop("outputs", None) or {})
    except ValidationError as exc:
        en, id_ = first_error(exc, Outputs)
        prob("ruleset_invalid", f"outputs: {en}", ("outputs",), f"outputs: {id_}")
        outputs = Outputs()
    try:
        rs = RuleSet._unchecked(  # checked below, with the file's lines: not twice
            {
                **meta,
                "parameters": params,
                "columns": columns,
                "steps": tuple(steps) or (Step(id="_", type="_"),),
                "outputs": outputs,
                "source_file": filename,
                "lines": {dotted(k): v for k, v in lines.items() if k and k[-1] != "<key>"},
            }
        )
    except ValidationError as exc:
        for err in exc.errors():
            en, id_ = error_text(err, RuleSet)
            prob("ruleset_invalid", en, tuple(err["loc"]), id_)
        raise RuleSetError(problems) from None
    # one error for the whole file: the step checks run even when the first pass found mistakes
    if steps:
        problems += check_ruleset(rs, lines, filename, skip=broken, positions=positions)
    if problems:
        raise RuleSetError(dedupe(problems))
    rs._mark_checked()
    return rs


def _columns(raw: Any, prob: Any) -> dict[str, InputColumn]:
    """The optional input columns of ``columns:``, each a mapping of :data:`COLUMN_KEYS`.

    Only the shape is checked here; the name and the default (its type, a ``$name``'s
    parameter) are checked with the steps (:func:`tukin.ruleset.check.check_ruleset`), so a
    rule set changed in Python is checked the same way."""
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        prob(
            "ruleset_invalid",
            "'columns' must be a mapping of column names to their type and default",
            ("columns",),
            "'columns' harus berupa pemetaan nama kolom ke jenis dan nilai bawaannya",
        )
        return {}
    out: dict[str, InputColumn] = {}
    for name, spec in raw.items():
        path = ("columns", name)
        if not isinstance(spec, dict):
            prob(
                "ruleset_invalid",
                f"column {name!r}: write its 'type' and 'default' as a mapping, e.g. "
                "{type: yes/no, default: false}",
                path,
                f"kolom {name!r}: tulis 'type' dan 'default'-nya sebagai pemetaan, mis. "
                "{type: yes/no, default: false}",
            )
            continue
        for key in spec:
            if key not in COLUMN_KEYS:
                en, id_ = hints(key, COLUMN_KEYS)
                prob(
                    "ruleset_invalid",
                    f"column {name!r}: unknown key {key!r}{en}",
                    path + (key,),
                    f"kolom {name!r}: kunci {key!r} tidak dikenal{id_}",
                )
        missing = [key for key in ("type", "default") if key not in spec]
        for key in missing:
            prob(
                "ruleset_invalid",
                f"column {name!r} needs {key!r} (a column without a default is not "
                "optional: leave it undeclared)",
                path,
                f"kolom {name!r} memerlukan {key!r} (kolom tanpa nilai bawaan tidak "
                "opsional: jangan dideklarasikan)",
            )
        known = {k: v for k, v in spec.items() if k in COLUMN_KEYS}
        try:
            column = InputColumn.model_validate(known)
        except ValidationError as exc:
            for err in exc.errors():
                if err["type"] == "missing":
                    continue  # said above
                en, id_ = error_text(err, InputColumn)
                prob(
                    "ruleset_invalid",
                    f"column {name!r}: {en}",
                    path + tuple(err["loc"][:1]),
                    f"kolom {name!r}: {id_}",
                )
            continue
        if len(known) == len(spec):
            out[str(name)] = column
    return out


def _parameter(name: str, raw: Any, prob: Any) -> Parameter | None:
    path = ("parameters", name)
    if not isinstance(raw, dict) or not {"values", "value", "required"} & set(raw):
        raw = {"value": raw}
    for key in raw:
        if key not in PARAM_KEYS:
            en, id_ = hints(key, PARAM_KEYS)
            prob(
                "ruleset_invalid",
                f"parameter {name!r}: unknown key {key!r}{en}",
                path + (key,),
                f"parameter {name!r}: kunci {key!r} tidak dikenal{id_}",
            )
    required = raw.get("required", False)
    supplied = required == SUPPLIED
    if not isinstance(required, bool) and not supplied:
        prob(
            "ruleset_invalid",
            f"parameter {name!r}: 'required' is true or false (or {SUPPLIED!r}, with the "
            f"values supplied), not {required!r}",
            path + ("required",),
            f"parameter {name!r}: 'required' bernilai true atau false (atau {SUPPLIED!r}, "
            f"beserta nilai yang diisikan), bukan {required!r}",
        )
        return None
    if required is True:
        return _required(name, raw, prob)
    if supplied and not {"values", "value"} & set(raw):
        prob(
            "ruleset_invalid",
            f"parameter {name!r}: 'required: {SUPPLIED}' gives the values supplied: add "
            "'value' or 'values', or write 'required: true'",
            path + ("required",),
            f"parameter {name!r}: 'required: {SUPPLIED}' memuat nilai yang diisikan: tambahkan "
            "'value' atau 'values', atau tulis 'required: true'",
        )
        return None
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
        raw_values = [
            {k: raw[k] for k in ("value", "from", "to", "reference", "source", "note") if k in raw}
        ]
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
            en, id_ = first_error(exc, DatedValue)
            prob(
                "ruleset_invalid", f"parameter {name!r}: {en}", vpath, f"parameter {name!r}: {id_}"
            )
            continue
        values.append(dv)
        where.append(vpath)
    for i, en, id_ in date_problems(name, values):
        prob("overlapping_dates", en, where[i], id_)
    ordered = sorted(values, key=lambda v: v.start or dt.date.min)
    return _make_parameter(name, raw, path, prob, values=tuple(ordered), required=supplied)


def _required(name: str, raw: dict[str, Any], prob: Any) -> Parameter | None:
    """A parameter the user must supply (``required: true``): described, cited, and no value."""
    path = ("parameters", name)
    given = [k for k in raw if k in _VALUE_KEYS]
    for key in given:
        prob(
            "ruleset_invalid",
            f"parameter {name!r} is required (the user supplies it), so the file gives no "
            f"value: remove {key!r}, or 'required: true'",
            path + (key,),
            f"parameter {name!r} wajib diisi pengguna, jadi berkas tidak memberi nilai: hapus "
            f"{key!r}, atau 'required: true'",
        )
    if given:
        return None
    return _make_parameter(name, raw, path, prob, required=True, values=())


def _make_parameter(
    name: str, raw: dict[str, Any], path: tuple[str, ...], prob: Any, **fields: Any
) -> Parameter | None:
    """The Parameter with the file's description, unit, reference and source; a field pydantic
    refuses is reported at the parameter's path (None)."""
    meta = {
        k: raw[k] for k in ("description", "unit", "reference", "source") if raw.get(k) is not None
    }
    try:
        return Parameter(name=name, **fields, **meta)
    except ValidationError as exc:
        en, id_ = first_error(exc, Parameter)
        prob("ruleset_invalid", f"parameter {name!r}: {en}", path, f"parameter {name!r}: {id_}")
        return None
