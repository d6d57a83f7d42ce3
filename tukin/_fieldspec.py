"""What the ``fields`` of each code hold: the keys, the JSON type and meaning of each value.

``code`` + ``fields`` are the contract a program reads (docs/concepts.md); this module says,
per code of the catalogue (:data:`tukin.messages.MESSAGES`), which keys it finds there, so
that docs/codes.md lists them (:mod:`tukin._codesdoc`) and tests hold the warnings,
rejections and problems their runs emit to it (:func:`breaches`; review 88: reasons without
fields, amounts as ``Rp…`` text, lists joined into one text went unnoticed, nothing said
what a code carries).

The fields of a code are its template's placeholders, less the words for people:

* ``detail`` and a placeholder ending ``_en`` / ``_id`` (a reason's words, an amount spelled
  in one language): never in ``fields`` (:func:`tukin._fields.json_fields`);
* a placeholder :data:`WORDS` names for the code: words whose data other keys hold (a
  reason's ``where``: its ``table``, ``key`` and ``item``), or places in the input a
  result must not depend on (input row numbers);

and :data:`EXTRA`'s keys, data beyond the words (the list of keys a look-up lacked). A
validation problem's ``table``, ``column``, ``value`` and ``key`` are its own keys, beside
``fields``. Each key's type and meaning come from :data:`GLOSSARY`, a code's own type from
:data:`TYPES`. A key of :data:`OPTIONAL` may be left out (a missing value is).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

__all__ = [
    "EXTRA",
    "GLOSSARY",
    "OPTIONAL",
    "TYPES",
    "WORDS",
    "breaches",
    "documented",
    "placeholders",
]

#: A field's name -> (its JSON type, what it means), whatever the code; :data:`TYPES` gives
#: a code's own type where it differs. Types: ``text``, ``integer``, ``boolean``, ``exact``
#: (a number: an integer when whole, else exact text: ``"0.5"``, ``"30/31"``), ``date`` (``YYYY-MM-DD``), ``period``
#: (``2025-10``, ``2025-Q1``...), ``list of ...``, ``object``.
GLOSSARY: dict[str, tuple[str, str]] = {
    "allowance": ("integer", "the allowance, whole rupiah"),
    "amount": ("integer", "an amount, whole rupiah"),
    "applied": ("list of text", "the sanction kinds the rule set's steps apply"),
    "behaviour": ("text", "the column of the work-behaviour rating"),
    "blank": ("boolean", "true when the cell was blank"),
    "category": ("text", "the TER category the PTKP status maps to"),
    "cell": ("text", "the cell as typed"),
    "choices": ("list of text", "the values accepted"),
    "code": ("text", "an attendance code"),
    "codes": ("list of text", "attendance codes"),
    "column": ("text", "a column, by its contract name (or as the data names it)"),
    "columns": ("list of text", "columns"),
    "count": ("integer", "how many"),
    "date": ("date", "the date the number stands for"),
    "acted_to": ("date", "the last day acted: the day before the appointment to the post"),
    "appointed": ("date", "the first day of the employee's appointment to the post acted in"),
    "day_first": ("date", "the date read day first"),
    "deductions": ("integer", "the deductions, whole rupiah"),
    "default": ("exact", "the value the step gives a key its table lacks"),
    "detail": ("text", "what the message names after the value (a date, a cycle)"),
    "dtype": ("text", "the frame column's dtype"),
    "effect": ("text", "'unpaid' or 'paid': what the rows not matched do to the employee"),
    "days": ("integer", "a number of days"),
    "end": ("date", "the end date"),
    "first": ("text", "the first column giving the same contract column"),
    "found": ("list of text", "the attendance codes the data has"),
    "frame": ("text", "the frame given"),
    "indicator": ("text", "an indicator id"),
    "indicators": ("list of object", "indicators: {indicator, item}"),
    "iso": ("date", "the date as read"),
    "item": ("text", "the work item id a score reads"),
    "items": ("list of object", "work items: {item, opd, pagu, spent} in whole rupiah"),
    "key": ("text", "the key of the row (its id, or NIP/period)"),
    "keys": ("list of object", "the keys shown: {key, employees}"),
    "kind": ("text", "what the JSON value is (an object, a list...)"),
    "kinds": ("list of text", "the sanction kinds in force that no step applies"),
    "letter": ("text", "the sheet's column letter"),
    "maximum": ("exact", "the largest value allowed"),
    "minimum": ("exact", "the smallest value allowed"),
    "month_first": ("date", "the date read month first"),
    "months": ("integer", "how many months"),
    "more_keys": ("integer", "how many keys beyond those in keys"),
    "n": ("integer", "how many"),
    "name": ("text", "a name (a column, a parameter)"),
    "names": ("list of text", "the columns' headers"),
    "next_day": ("date", "the day after the earlier acting ended"),
    "next_start": ("date", "the first day of the next position (history or employees row)"),
    "nip": ("text", "a NIP"),
    "nips": ("list of text", "a few of the NIPs concerned (the first in NIP order)"),
    "one": ("text", "the first column's value"),
    "opds": ("list of object", "OPDs: {opd, indicators}"),
    "other": ("text", "the other one (a column, a sheet, a table)"),
    "other_period": ("period", "the period of the other row"),
    "other_row": ("integer", "the other row, 0-based, in the input as given"),
    "other_rows": ("text", "the other rows, as the message names them"),
    "other_start": ("date", "the start date of the other row (an acting, an earlier position)"),
    "current_start": ("date", "the start date of the employees row (the position now held)"),
    "last_day": (
        "date",
        "the latest end date an earlier position may have: the day before the TMT",
    ),
    "parameter": ("text", "a parameter of the rule set"),
    "parts": ("text", "the periods inside and their values, as the message names them"),
    "period": ("period", "the period computed"),
    "post": ("text", "a post acted in (its position_id)"),
    "positions": ("list of object", "positions: {position, items}"),
    "problems": (
        "list of object",
        "the rejected row's reasons as validation names them: {code, table, column, value, "
        "key, fields}",
    ),
    "results": ("text", "the column of the work-results rating"),
    "row": ("integer", "a row, 0-based, in the input as given"),
    "rows": ("text", "rows, as the message names them"),
    "ruleset": ("text", "the rule set's name"),
    "served_from": ("date", "the employee's start date"),
    "served_to": ("date", "the employee's end date"),
    "sheet": ("text", "the sheet read"),
    "shared_months": ("text", "the months a row shares with others, as the message names them"),
    "shown": ("list of text", "the columns as the message shows them"),
    "since": ("period", "the first month counted"),
    "source": ("text", "where tukin takes the column from"),
    "start": ("list of period", "the months the cuts start"),
    "status": ("text", "the least status of a row counted"),
    "statuses": ("list of text", "day statuses found, as written (the first five)"),
    "step": ("text", "a step of the rule set"),
    "steps": ("list of text", "steps of the rule set"),
    "suggestion": ("text", "what was likely meant"),
    "table": ("text", "a table, by its contract name"),
    "tables": ("list of text", "the tables the step reads"),
    "target": ("text", "what the value refers to (table.column)"),
    "thousands": ("exact", "the number read with a thousands separator"),
    "total": ("integer", "how many in all"),
    "value": ("text", "what the message names first: the value refused, a count"),
    "where": ("text", "which side: below, above or gap"),
    "year": ("integer", "the year"),
}

#: A code's own type of a field, where :data:`GLOSSARY`'s does not hold ("code.field").
TYPES: dict[str, str] = {
    "absence_history_not_monthly.months": "text",
    "absence_run_unchecked.months": "list of period",
    "absence_run_unchecked.value": "integer",
    "absence_tier_reached.value": "integer",
    "below_bands.value": "exact",
    "ceiling_key_unmatched.value": "list of text",
    "ceiling_share_unpaid.value": "integer",
    "duplicate_header.rows": "integer",
    "duplicate_rows_read_once.value": "integer",
    "duplicate_key.n": "integer",
    "flow_recap_differs.shown": "exact",
    "flow_recap_differs.total": "exact",
    "flow_periods_overlap.shown": "exact",
    "flow_reports_unplanned.step": "list of text",
    "flow_reports_unplanned.value": "integer",
    "flow_target_longer_period.step": "list of text",
    "flow_target_longer_period.value": "integer",
    "lookup_default.value": "integer",
    "money_over_pagu.step": "list of text",
    "money_over_pagu.value": "integer",
    "multiplier_under_ceiling.value": "exact",
    "nip_column_rounded.count": "text",
    "no_ptkp_status.value": "text",
    "number_notation.suggestion": "exact",
    "opd_unreported.step": "list of text",
    "opd_unreported.value": "integer",
    "pagu_opd_missing.value": "list of text",
    "paid_without_appraisal.value": "integer",
    "paid_without_attendance.value": "integer",
    "parameter_shadows_column.value": "list of text",
    "projection_left_out.value": "integer",
    "range_order.target": "exact",
    "rollup_own_unscored.step": "list of text",
    "rollup_own_unscored.value": "integer",
    "sanctions_table_absent.value": "list of text",
    "sheet_not_read.rows": "integer",
    "unapplied_sanctions.value": "integer",
    "unmatched_rejected_rows.value": "integer",
    "unplaced_rejected_rows.value": "integer",
    "unread_attendance_code.value": "list of text",
    "extra_not_numbers.count": "integer",
    "extra_not_numbers.where": "text",
    "number_decimal_comma.count": "integer",
    "number_decimal_comma.where": "text",
    "input_row_rejected.period": "period",
    # the key as the data holds it: a kelas jabatan is a number, a predikat a text
    "missing_base.value": "integer or text",
    "missing_lookup.value": "integer or text",
    "sanction_kind_unapplied.value": "integer",
    "overlapping_attendance.value": "list of period",
    # columns as the message names them (letter and header), joined: words kept as text
    "hidden_columns.columns": "text",
    "template_column_missing.columns": "text",
}

#: Placeholders of a code's template that are words, not data: what holds their data
#: instead (or why there is none).
WORDS: dict[str, dict[str, str]] = {
    "score_row_rejected": {"where": "table, key and item"},
    "input_row_rejected": {"value": "table and key"},
    "calculation_failed": {"value": "the rejected row's step"},
    "no_position": {"value": "none: the position of each employee is in the input"},
    "duplicate_rows_read_once": {"rows": "none: input row numbers (the table's key names a row)"},
    "unmatched_rejected_rows": {"rows": "none: input row numbers (the table's key names a row)"},
    "unplaced_rejected_rows": {"rows": "none: input row numbers (the table's key names a row)"},
}

#: Keys a code carries beyond its template's placeholders.
EXTRA: dict[str, tuple[str, ...]] = {
    "ceiling_key_unmatched": ("ruleset",),
    "ceiling_share_unpaid": ("ruleset",),
    "column_clash": ("other",),
    "cycle": ("detail",),
    "date_order": ("detail",),
    "duplicate_key": ("n",),
    "duplicate_rows_read_once": ("period", "ruleset"),
    "example_row_skipped": ("detail",),
    "extra_columns": ("names", "shown"),
    "flow_reports_unplanned": ("ruleset",),
    "flow_target_longer_period": ("ruleset",),
    "input_row_rejected": ("table", "key", "period", "step", "problems"),
    "lookup_default": ("column", "keys", "more_keys"),
    "missing_input_row": ("table", "period"),
    "missing_input_columns": ("columns",),
    "missing_attendance_codes": ("found",),
    "missing_attendance_sheet": ("found",),
    "money_over_pagu": ("ruleset",),
    "multiplier_under_ceiling": ("amount",),
    "no_ceiling": ("column", "value", "suggestion"),
    "no_position": ("column",),
    "no_ptkp_status": ("column", "value"),
    "no_ter_category": ("category", "column", "tables", "value"),
    "not_codes": ("table",),
    "opd_unreported": ("ruleset",),
    "unmatched_rejected_rows": ("ruleset",),
    "unplaced_rejected_rows": ("ruleset",),
    "out_of_service": ("period",),
    "overlapping_period": ("other_row",),
    "parameter_shadows_column": ("period",),
    "plh_post_vacant": ("detail",),
    "plt_post_held": ("detail",),
    "pph21_year_missing": ("column",),
    "projection_left_out": ("detail",),
    "required_table_missing": ("period",),
    "rollup_own_unscored": ("ruleset",),
    "score_row_rejected": ("table", "key", "item", "problems"),
    "unknown_status": ("blank",),
    "calculation_failed": ("columns",),
    "no_appraisal": ("columns",),
    "unknown_rating": ("choices",),
    "bad_range": ("target",),
}

#: Keys a code may leave out: a value that can be missing (the group of an employee without
#: one), or that only some of the code's emitters know.
OPTIONAL: dict[str, frozenset[str]] = {
    "no_ceiling": frozenset({"value", "suggestion"}),
    "no_ptkp_status": frozenset({"value"}),
    "no_ter_category": frozenset({"category", "value"}),
    "lookup_default": frozenset({"column", "more_keys"}),
    "score_row_rejected": frozenset({"key", "item"}),
    "input_row_rejected": frozenset({"step"}),
    "calculation_failed": frozenset({"columns"}),
    "duplicate_key": frozenset({"n"}),
    "unknown_header": frozenset({"suggestion"}),
    "required_table_missing": frozenset({"period"}),  # `tukin validate --rules` has none
}

#: The JSON types of :data:`GLOSSARY`'s type words.
_JSON = {
    "text": str,
    "exact": str,
    "date": str,
    "period": str,
    "integer": int,
    "boolean": bool,
    "object": dict,
}


def placeholders(code: str) -> list[str]:
    """The placeholders of ``code``'s templates, English first, each once, in order."""
    from tukin.messages import MESSAGES

    found: dict[str, None] = {}
    for template in MESSAGES.get(code, ()):
        for _, name, _, _ in string.Formatter().parse(template):
            if name:
                found.setdefault(name.split("!")[0].split(".")[0].split("[")[0], None)
    return list(found)


def _worded(code: str, name: str) -> bool:
    return name == "detail" or name.endswith(("_en", "_id")) or name in WORDS.get(code, {})


def documented(code: str) -> dict[str, tuple[str, str]]:
    """The keys of ``code``'s ``fields``: name -> (JSON type, meaning), in the template's
    order, then :data:`EXTRA`'s. Empty for a code whose message has no data."""
    names = [p for p in placeholders(code) if not _worded(code, p)]
    names += [n for n in EXTRA.get(code, ()) if n not in names]
    out: dict[str, tuple[str, str]] = {}
    for name in names:
        kind, meaning = GLOSSARY.get(name, ("text", name.replace("_", " ")))
        out[name] = (TYPES.get(f"{code}.{name}", kind), meaning)
    return out


def breaches(code: str, fields: Mapping[str, Any], *, problem: bool = False) -> list[str]:
    """How ``fields`` (as a document writes them) of ``code`` break :func:`documented`: a
    key not documented, a documented key missing (not :data:`OPTIONAL`), a value of another
    type. ``problem``: a validation problem, whose ``table``, ``column``, ``value`` and
    ``key`` are its own keys. Empty when they keep the contract."""
    doc = documented(code)
    own = {"table", "column", "value", "key"} if problem else set()
    out = [f"{code}: key '{k}' is not documented" for k in fields if k not in doc]
    optional = OPTIONAL.get(code, frozenset()) | own
    out += [f"{code}: key '{k}' is missing" for k in doc if k not in fields and k not in optional]
    for key, value in fields.items():
        if key in doc and not _typed(value, doc[key][0]):
            out.append(f"{code}: '{key}' is {value!r}, not {doc[key][0]}")
    return out


def _typed(value: Any, kind: str) -> bool:
    if " or " in kind:
        return any(_typed(value, k) for k in kind.split(" or "))
    if kind.startswith("list of "):
        return isinstance(value, list) and all(_typed(v, kind[8:].rstrip("s")) for v in value)
    if kind == "exact":  # a whole number as an integer, any other as exact text
        return isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool))
    want = _JSON.get(kind, str)
    if want is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, want)
