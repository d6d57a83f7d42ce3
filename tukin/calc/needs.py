"""What a rule set reads that the data lacks, said in the clerk's words, before and during a run.

A deduction table reads attendance codes by name; a predikat step reads the SKP ratings.
When the attendance sheet is missing, or its headers are an export's own (``Terlambat 1``,
``S``, ``I``), the run cannot compute the deduction and stops: its message must name the
sheet and the codes as the clerk knows them, not the engine's columns. Nothing of this is
visible to ``tukin validate`` without the rules, so with ``--rules`` it asks
:func:`unmet_needs` and reports the same thing before the payment run instead of at it.

A table a step reads that was not given at all is not "nobody has a row": a workbook without
its *Penilaian SKP* sheet paid every employee at the packs' "no SKP" rate (review 74), where a
forgotten sheet is far likelier than a month in which nobody was appraised. So
:func:`tables_read_absent` names such tables, and ``calculate`` stops on them as on a table the
rule set requires; the table given without rows says "nobody this period", and pays each
employee as one without a row, with the warning of that. An appraisal sheet given without
rows stops nothing, which is why it is worth telling before the run.
"""

from __future__ import annotations

import functools
import re
import typing
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from tukin._language import resolve as resolve_lang
from tukin.errors import CalculationError, Lang, Problem, TukinError

if TYPE_CHECKING:
    import pandas as pd

    from tukin.dataset import Dataset
    from tukin.period import Period
    from tukin.ruleset.model import RuleSet

__all__ = [
    "codes_read",
    "missing_codes_error",
    "rowless_attendance",
    "tables_read_absent",
    "unmet_needs",
]

#: Employee-frame columns that come from the appraisals table.
_APPRAISAL_WORDS = frozenset({"results", "behaviour", "has_appraisal"})


def _codes_shown(codes: Iterable[str]) -> str:
    """Codes as the template's headers (``TL1``, ``Sakit``: the same in both languages)."""
    from tukin.io.headers import header

    return ", ".join(header("attendance", c, "id") for c in codes)


def _missing_codes(
    absent: list[str], have: Iterable[str], dataset: Dataset | None, ruleset: RuleSet
) -> tuple[str, dict[str, Any]]:
    """The message code and fields for the ``absent`` attendance codes a step reads, when
    the data has the codes ``have``; the sheet in both languages (``where_en``,
    ``where_id``): the error may be printed in either."""
    have = list(have)
    shown = _codes_shown(absent)
    fields: dict[str, Any] = {
        # the codes as data for a program (``fields``), as the template's headers for a
        # person, the same in both languages (review 88: ``codes`` was the joined headers)
        "codes": list(absent),
        "codes_en": shown,
        "codes_id": shown,
        "found": have,
        "ruleset": ruleset.name,
        **_where("attendance", dataset),
        "found_en": _codes_shown(have) or "none",
        "found_id": _codes_shown(have) or "tidak ada",
    }
    if dataset is not None and not dataset._was_given("attendance"):
        return "missing_attendance_sheet", fields
    return "missing_attendance_codes", fields


def _where(table: str, dataset: Dataset | None) -> dict[str, str]:
    if dataset is not None:
        return {f"where_{lang}": dataset._place(table, lang) for lang in ("en", "id")}
    return {"where_en": f"table {table}", "where_id": f"tabel {table}"}


def missing_codes_error(
    step: str,
    absent: list[str],
    have: Iterable[str],
    dataset: Dataset | None,
    ruleset: RuleSet,
) -> CalculationError:
    """The error of a step that reads attendance codes the data has no column for: code
    ``calculation_failed`` as ever, its detail the sheet, the codes as headers and the codes
    the sheet has, in either language (the run's when printed bare)."""
    code, fields = _missing_codes(absent, have, dataset, ruleset)
    return CalculationError(value=step, detail_code=code, lang=resolve_lang(None), **fields)


def unmet_needs(dataset: Dataset, ruleset: RuleSet, period: Period) -> list[Problem]:
    """What the steps of ``ruleset`` in ``period`` read that ``dataset`` lacks, as problems
    located at the sheet to correct: a table the rule set requires that was not given at all,
    attendance codes a deduction table reads (and does not
    declare ``missing_code: zero``) without a column, a table a step reads that was not
    given at all (:func:`tables_read_absent`: calculate refuses to start), and the SKP
    ratings when the appraisals table was given without a row. Steps whose parameters do not resolve are left to the rule-set
    check and to ``calculate``, which report them with their own codes."""
    from tukin.calc.engine import required_tables_absent
    from tukin.rules.discipline import DeductionTableParams

    lang = dataset.lang
    have = set(dataset.attendance_codes)
    out: list[Problem] = []
    for table in required_tables_absent(dataset, ruleset):  # calculate refuses to start
        fields = {**_where(table, dataset), "ruleset": ruleset.name}
        out.append(_problem(table, "required_table_missing", table, fields, lang))
    for code, table, steps in tables_read_absent(dataset, ruleset, period):  # so it does
        fields = {**_where(table, dataset), "ruleset": ruleset.name, "period": str(period)}
        out.append(_problem(table, code, ", ".join(steps), fields, lang))
    frame = _frame(dataset, period)
    columns = None if frame is None else {str(c) for c in frame.columns}
    if frame is not None and ruleset.columns:
        out += _declared_mistyped(frame, dataset, ruleset, period, lang)
    for step, params, earlier in _resolved(ruleset, period):
        unread = [
            name
            for name in _columns_named(params, ruleset, period)
            if name not in earlier
            and name not in have
            and name not in ruleset.columns  # declared optional: its default fills it
            and not _has(columns, name)
        ]
        if unread and columns is not None:
            named = list(dict.fromkeys(unread))  # a list for a program, joined for a person
            joined = ", ".join(named)
            found: dict[str, Any] = {"columns": named, "columns_en": joined, "columns_id": joined}
            found["ruleset"] = ruleset.name
            found |= {f"where_{lg}": dataset._place("employees", lg) for lg in ("en", "id")}
            out.append(_problem("employees", "missing_input_columns", step, found, lang))
        if isinstance(params, DeductionTableParams) and params.missing_code == "error":
            absent = [c for c in params.codes() if c not in have and c not in earlier]
            if absent and not rowless_attendance(dataset):
                shown = dataset.attendance_codes
                code, fields = _missing_codes(absent, shown, dataset, ruleset)
                out.append(_problem("attendance", code, step, fields, lang))
        if (
            words(params.model_dump()) & _APPRAISAL_WORDS
            and dataset._was_given("appraisals")  # not given at all: tables_read_absent
            and not _rows("appraisals", dataset)
        ):
            fields = {**_where("appraisals", dataset), "ruleset": ruleset.name}
            out.append(_problem("appraisals", "missing_appraisal_sheet", step, fields, lang))
    return out


def tables_read_absent(
    dataset: Dataset | None, ruleset: RuleSet, period: Period, *, erring: bool = False
) -> list[tuple[str, str, list[str]]]:
    """(code, table, the ids of the steps reading it) for each table the steps of
    ``ruleset`` read in ``period`` that ``dataset`` was not given at all: the appraisals
    whose ratings a step reads (``appraisals_table_missing``), the attendance that a step
    reads without stopping on its absence (``attendance_table_missing``: a deduction table
    with ``missing_code: zero``, an ``absence_sanction`` step, a step naming
    ``has_attendance``), and the acting officials an ``acting_supplement`` step pays
    (``acting_table_missing``: without the table no Plt would be paid a supplement). A
    deduction table with ``missing_code: error`` is left out: it stops already, naming the
    codes it reads (``missing_attendance_sheet``); ``erring=True`` counts it in (to name every
    missing table once the run stops for another).

    Without the table each of those steps would take every employee for one without a row
    (no SKP, no absence) and the run would pay everyone so, with a warning only. A table
    given without rows is given: "nobody was appraised this period" is said so."""
    from tukin.rules.discipline import DeductionTableParams
    from tukin.rules.sanctions import AbsenceSanctionParams

    if dataset is None:
        return []
    from tukin.rules.acting import ActingParams

    appraisal: list[str] = []
    attendance: list[str] = []
    acting: list[str] = []
    for step, params, _ in _resolved(ruleset, period):
        if isinstance(params, ActingParams):
            acting.append(step)
        said = words(params.model_dump())
        if said & _APPRAISAL_WORDS:
            appraisal.append(step)
        if (
            (isinstance(params, DeductionTableParams) and (erring or params.missing_code == "zero"))
            or isinstance(params, AbsenceSanctionParams)
            or "has_attendance" in said
        ):
            attendance.append(step)
    out: list[tuple[str, str, list[str]]] = []
    if appraisal and not dataset._was_given("appraisals"):
        out.append(("appraisals_table_missing", "appraisals", appraisal))
    if attendance and not dataset._was_given("attendance"):
        out.append(("attendance_table_missing", "attendance", attendance))
    if acting and not dataset._was_given("acting"):
        out.append(("acting_table_missing", "acting", acting))
    return out


def _frame(dataset: Dataset, period: Period) -> pd.DataFrame | None:
    """The employee frame, whose columns a step can read; None when it cannot be built
    (``calculate`` reports why)."""
    from tukin.calc.frame import employee_frame

    try:
        return employee_frame(dataset, period)
    except (TukinError, KeyError, ValueError):
        return None


def _declared_mistyped(
    frame: pd.DataFrame, dataset: Dataset, ruleset: RuleSet, period: Period, lang: Lang
) -> list[Problem]:
    """A column the rule file declares (``columns:``) holding a cell of another type, which
    stops ``calculate`` (``declared_column_type``), as a problem of the employees sheet: the
    run's own check (:func:`tukin.calc.declared.with_declared`), so both say the same."""
    from tukin.calc.declared import with_declared

    try:
        with_declared(frame, ruleset, period, dataset)
    except CalculationError as exc:
        if exc.code != "declared_column_type":
            return []  # a default given in Python: calculate says it
        f = exc.fields
        fields = {k: f[k] for k in ("type", "nip", "count", "ruleset")}
        where = dataset._place("employees", lang)
        return [
            Problem(
                "employees",
                exc.code,
                column=f["column"],
                value=f["value"],
                key=f["nip"],
                fields=fields,
                location=where,
            )
        ]
    return []


def _has(columns: set[str] | None, name: str) -> bool:
    """Whether ``name`` is a column, also as a sheet header written as a name."""
    from tukin.calc.context import spelt

    return columns is None or name in columns or bool(spelt(columns, name))


def _columns_named(params: BaseModel, ruleset: RuleSet, period: Period) -> list[str]:
    """The input columns a step's parameters name: its column parameters (``key:``,
    ``input:``, ``components:``; defaults included, so ``pph21_ter``'s ``ter_category``), the
    names of a ``formula`` that are no parameter and no function, and those a rule type reads
    in ``period`` only (``columns_read_in``: ``pph21_ter``'s year-to-date columns, read in
    December)."""
    from tukin.rules.basic import FormulaParams, formula_names
    from tukin.rules.budget import CeilingParams
    from tukin.rules.sanctions import AbsenceSanctionParams

    out: list[str] = []
    for name, field in type(params).model_fields.items():
        if isinstance(params, AbsenceSanctionParams) and name == "column":
            continue  # a code of the attendance table, over the year: no sheet, no cut
        if _names_columns(field.annotation, field.metadata):
            value = getattr(params, name)
            out += (
                [value]
                if isinstance(value, str)
                else [v for v in value or () if isinstance(v, str)]
            )
    if isinstance(params, FormulaParams):
        out += [n for n in formula_names(params.expr) if n not in ruleset.parameters]
    if isinstance(params, CeilingParams) and params.group_by != "all":
        out.append(params.group_by)  # a column, or "all"
    read_in = getattr(params, "columns_read_in", None)
    if callable(read_in):
        out += read_in(period)
    return out


def unset_parameters(ruleset: RuleSet, period: Period) -> list[TukinError]:
    """The errors of the parameters a step reads (``$name`` in its parameters, a name in a
    formula) that have no value in ``period``: a pack's value the user must supply."""
    read: set[str] = set()
    for step in ruleset.steps:
        read |= words(step.params)
    out: list[TukinError] = []
    for name in ruleset.parameters:
        if name not in read:
            continue
        try:
            ruleset.parameter_at(name, period)
        except TukinError as exc:
            out.append(exc)
    return out


def _names_columns(annotation: Any, metadata: list[Any]) -> bool:
    """Whether a field is typed :data:`tukin.ruleset.types.ColumnName` (or a list or an
    optional of it)."""
    from tukin.ruleset.types import COLUMN_MARK

    if any(m is COLUMN_MARK for m in metadata):
        return True
    return any(
        COLUMN_MARK in getattr(arg, "__metadata__", ()) or _names_columns(arg, [])
        for arg in typing.get_args(annotation)
    )


def codes_read(ruleset: RuleSet, period: Period) -> list[str]:
    """The attendance codes the deduction tables of ``ruleset`` read in ``period``, in step
    order; a code that names an earlier step is that step's output, not an attendance code.

    A golden case's default attendance row holds them at 0 (:mod:`tukin.golden.data`), as it
    holds the template's codes: a rule file with its own codes (``cp1``..``cp4``) would
    otherwise need every case to spell out the codes it is not about."""
    from tukin.rules.discipline import DeductionTableParams

    out: dict[str, None] = {}
    for _, params, earlier in _resolved(ruleset, period):
        if isinstance(params, DeductionTableParams):
            out.update(dict.fromkeys(c for c in params.codes() if c not in earlier))
    return list(out)


def _resolved(ruleset: RuleSet, period: Period) -> Iterator[tuple[str, BaseModel, set[str]]]:
    """Each step whose parameters resolve in ``period``: its id, its parameters and the ids
    of the steps before it (a step's output is a column the next steps may read)."""
    from tukin.rules import registry
    from tukin.ruleset.load import resolve

    earlier: set[str] = set()
    for step in ruleset.steps:
        try:
            rtype = registry.get(step.type)
            params = rtype.params.model_validate(resolve(step.params, ruleset, period.start, {}))
        except (TukinError, ValidationError):
            earlier.add(step.id)
            continue
        yield step.id, params, set(earlier)
        earlier.add(step.id)


def _problem(table: str, code: str, step: str, fields: dict[str, Any], lang: Lang) -> Problem:
    where = fields[f"where_{lang}"]
    return Problem(table, code, value=step, fields=fields, location=where)


def rowless_attendance(dataset: Dataset | None) -> bool:
    """Whether ``dataset`` was given an attendance table without a row. Such a table misses
    no code column a step reads: no count can be lost, and a JSON array without rows holds
    no key to name a column with (``"attendance": []``, nothing entered yet), where a
    DataFrame keeps its columns. Each employee then has no row for the period, which the
    rule set decides as for any employee without one (``missing_input_row``, or no
    occurrences and a warning); refusing the run instead made a JSON document and the same
    table as a DataFrame end differently."""
    return (
        dataset is not None
        and dataset._was_given("attendance")
        and _rows("attendance", dataset) == 0
    )


def _rows(table: str, dataset: Dataset) -> int:
    count = dataset.report.counts.get(table)
    return 0 if count is None else count.given


def words(params: Any) -> set[str]:
    """Every identifier-like word in a step's parameters (defaults included), keys and values:
    what a step may name (a code, a column, a parameter) without parsing each rule type."""
    if isinstance(params, dict):
        return set().union(*(words(k) | words(v) for k, v in params.items()))
    if isinstance(params, list | tuple):
        return set().union(*(words(v) for v in params))
    if isinstance(params, str):
        return set(_text_words(params))
    return set()


@functools.lru_cache(maxsize=1 << 12)
def _text_words(text: str) -> frozenset[str]:
    """The identifier-like words of one string, remembered: the same rule set's keys and
    formulas are read again on every calculation (a search over 168 months calls it for
    each), and a fresh set is made from it each time, so no caller shares it."""
    return frozenset(_WORD.findall(text))


_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
