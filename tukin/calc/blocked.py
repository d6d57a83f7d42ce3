"""Employees whose own input rows for the period were thrown out by validation.

Validation rejects a bad attendance, appraisal or sanction row and keeps the employee. The
calculation would then see no row: an employee whose SKP row was rejected would be paid at
the "no SKP" rate, one whose sanction row was rejected would be paid uncut. The data contract
says nobody is paid on the strength of a row that was thrown out, so such an employee is not
paid either; the reason names the row and why it was rejected, the one thing HR has to
correct.

A rejected row is matched by the key validation reports for it (typed values where they
were valid, else the text given): its NIP (the first part), and its period (the last part)
where that can still be read; a table rejected as a whole (a required column missing) counts
for every row of it. A row whose period cannot be read may be this period's, so it counts. A
sanction row counts from its start onwards (its length may be the very value that was
rejected), and only when a step applies sanctions: a rule set without one ignores the kept
sanction rows too (and warns, :func:`tukin.calc.engine.warn_unapplied_sanctions`). An
acting (Plt / Plh) row counts likewise from its first day (the key's last part), and only when
an ``acting_supplement`` step pays acting officials.

A step may read rows of earlier periods too: ``absence_sanction`` counts the unexcused days
of every month of its history (:func:`tukin.rules.sanctions.history_span`, e.g. 2024-01 to
2025-05 to pay June 2025). A rejected attendance row of such a month would drop its days
from the yearly count and pay a sanctioned employee in full, so it blocks the employee as
well; the reason says which step reads it (``history_row_rejected``'s wording, same code).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from tukin.errors import Lang, PeriodError, Problem, Worded, render, split_cell
from tukin.period import Period
from tukin.validation import NOTES

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.ruleset.model import RuleSet

__all__ = ["CODE", "blocked_employees", "sanction_steps", "unmatched_rows"]

CODE = "input_row_rejected"

#: Rule types that apply the sanctions table.
_SANCTION_TYPES = frozenset({"sanction"})
#: Problems of rows that belong to no kept employee: the employee was rejected (and is
#: listed), or the NIP is nobody's.
_NOBODYS = frozenset({"rejected_upstream", "unknown_reference"})


def sanction_steps(ruleset: RuleSet) -> list[str]:
    """The ids of the steps that apply the sanctions table."""
    return [s.id for s in ruleset.steps if s.type in _SANCTION_TYPES]


def blocked_employees(
    dataset: Dataset | None, ruleset: RuleSet, period: Period
) -> dict[str, tuple[str, str]]:
    """NIP -> reason, for every employee with a rejected row of their own that may be for
    ``period`` (see the module docstring); the reason in English and in Indonesian, as every
    rejection keeps it until an output asks for one language (review 78)."""
    out: dict[str, tuple[str, str]] = {}
    found = _rejected_rows(dataset, ruleset, period)
    # a row of the period itself first: it is the one reason the period's own row gives
    ordered = sorted(found.items(), key=lambda kv: kv[1][0] != "")
    for (table, _row, key), (step, problems) in ordered:
        nip = _nip(key)
        if nip and nip not in out:
            # the rejected row as a program finds it: its table and key, and its reasons
            # (no row number: the input's order is no part of it)
            out[nip] = Worded(
                _blocked_reason(problems, step, key, period, "en"),
                _blocked_reason(problems, step, key, period, "id"),
                table=table,
                key=key,
                step=step or None,
                period=str(period),
                problems=[p.ref(rows=False) for p in problems],
            )
    return out


def _blocked_reason(
    problems: list[Problem], step: str, key: Any, period: Period, lang: Lang
) -> str:
    where, detail = row_reasons(problems, lang)
    if step:
        return render(
            "history_row_rejected",
            lang,
            value=where,
            row_period=_period_of(key),
            step=step,
            period=str(period),
            detail=detail,
        )
    return render(CODE, lang, value=where, detail=detail)


def row_reasons(problems: list[Problem], lang: Lang) -> tuple[str, str]:
    """(the row, what is wrong in it) of one rejected row's problems: each reason once,
    after the columns it is found in (``kolom E (TL1), kolom F (TL2): '-' bukan angka``).

    A row of thirteen bad counts read "'-' bukan angka" thirteen times after the first
    column alone: the clerk could not tell which cells to correct."""
    row = ""
    columns: dict[str, list[str]] = {}
    for p in problems:
        place, cell = _row_and_cell(p, lang)
        row = row or place
        cells = columns.setdefault(p.message(lang), [])
        if cell and cell not in cells:
            cells.append(cell)
    detail = "; ".join(
        f"{', '.join(cells)}: {message}" if cells else message for message, cells in columns.items()
    )
    return row, detail


def _row_and_cell(problem: Problem, lang: Lang) -> tuple[str, str]:
    """A problem's place split into its row and its cell, whatever wrote it: a sheet's
    ``…, baris 110, kolom C (TL1)`` (in either language: a workbook read in one language may
    be calculated in the other), a JSON document's ``data.json: attendance[108].tl1``, or a
    frame's ``table attendance, row 108, column tl1``; without a cell, the contract column."""
    where = problem.where(lang)
    row, cell = split_cell(where)
    if cell:
        return row, cell
    match = _JSON_CELL.fullmatch(where)
    if match:
        return match[1], match[2]
    return where, problem.column or ""


#: A JSON document's location of a cell: ``<file>: <table>[<row>].<column>``.
_JSON_CELL = re.compile(r"(.*\[\d+\])\.([^.\[\]]+)")


def unmatched_rows(
    dataset: Dataset | None, ruleset: RuleSet, period: Period
) -> dict[tuple[str, str], list[str]]:
    """(table, effect) -> the locations of its rejected rows that may be for ``period`` but
    whose NIP is no kept employee's: unreadable (an 18-digit NIP stored as a number), a typo,
    or a person not in the employees table. Nobody can be stopped for them; the calculation
    warns (``unmatched_rejected_rows``), saying what they do to the employee they were meant
    for (``effect``): ``paid``, paid *without* them (at a pack's "no SKP" rate, an earlier
    month of an ``absence_sanction`` without its days), or ``unpaid``, a row of the period
    of a table the rules require (``requires: [attendance]``), whose employee, left without
    one, is rejected (``missing_input_row``). A row of an employee who was rejected himself
    (``rejected_upstream``) is not one: that employee is listed."""
    from tukin.calc.engine import TABLE_OF_REQUIREMENT

    required = {TABLE_OF_REQUIREMENT.get(r, r) for r in ruleset.requires}
    rows = _rejected_rows(dataset, ruleset, period, nobodys=True)
    found = {k: ps for k, (_, ps) in rows.items()}
    if not found or dataset is None:
        return {}
    from tukin._lookup import digits_as_int64

    employees = dataset._any_order("employees")["nip"]
    as_int = digits_as_int64(employees)
    known: set[Any] = set(as_int.tolist()) if as_int is not None else set(employees.astype(str))
    out: dict[tuple[str, str], list[str]] = {}
    for (table, _row, key), problems in found.items():
        if any(p.code == "rejected_upstream" for p in problems):
            continue
        nip = _nip(key)
        mine = nip and (int(nip) if as_int is not None and len(nip) <= 18 else nip) in known
        if not mine:
            # a reader's location (sheet and row as the clerk sees them); rows given as frames
            # have no row of their own to show (their order is no part of the input): the key
            where = problems[0].location or f"{key or '?'}"
            # the step is "" for a row that may be the period's own, else the step reading it
            own = rows[(table, _row, key)][0] == ""
            effect = "unpaid" if own and table in required else "paid"
            out.setdefault((table, effect), []).append(where)
    # frames' keys in one order whatever the rows' order: the warning is part of the files
    return {k: w if _all_located(found, k[0]) else sorted(w) for k, w in out.items()}


def _all_located(found: dict[tuple[str, int, str], list[Problem]], table: str) -> bool:
    return all(ps[0].location for (t, _, _), ps in found.items() if t == table)


def _nip(key: str) -> str:
    """The NIP of a rejected row's key (its first part), digits only."""
    return "".join(ch for ch in key.split("/", 1)[0] if ch.isdigit())


def _period_of(key: str) -> str:
    """The period part of a rejected row's key (its last part), '?' when there is none."""
    return key.rsplit("/", 1)[1] if "/" in key else "?"


def history_windows(ruleset: RuleSet, period: Period) -> list[tuple[str, int, int]]:
    """(step id, first month, last month) of the attendance months (month numbers,
    :func:`tukin.rules.sanctions.month_number`) each ``absence_sanction`` step of ``ruleset``
    reads to compute ``period`` (:func:`tukin.rules.sanctions.history_span`), and each
    ``deduction_table`` step with a yearly ``free`` (the year's months before the period,
    :func:`tukin.rules.discipline.year_before`). A step whose
    parameters do not validate is left out: it reports that itself, in its turn."""
    from contextlib import suppress

    from tukin.rules.discipline import DeductionTableParams, year_before
    from tukin.rules.sanctions import AbsenceSanctionParams, history_span
    from tukin.ruleset.check import resolve as resolve_params

    out = []
    for step in ruleset.steps:
        if step.type == "deduction_table":  # a yearly free reads the year's earlier months
            with suppress(Exception):
                table = DeductionTableParams.model_validate(
                    resolve_params(step.params, ruleset, period.start)
                )
                lo, hi = year_before(period)
                if table.yearly() and lo <= hi:
                    out.append((step.id, lo, hi))
            continue
        if step.type != "absence_sanction":
            continue
        with suppress(Exception):
            params = AbsenceSanctionParams.model_validate(
                resolve_params(step.params, ruleset, period.start)
            )
            lo, hi = history_span(params, period)
            out.append((step.id, lo, hi))
    return out


def _rejected_rows(
    dataset: Dataset | None, ruleset: RuleSet, period: Period, *, nobodys: bool = False
) -> dict[tuple[str, int, str], tuple[str, list[Problem]]]:
    """(table, row, key) -> (step, problems) of every rejected attendance, appraisal (and,
    when a step applies them, sanction) row that may be for ``period``, or of an earlier
    period a step reads (``step`` is then that step's id; "" for the period's own rows): row
    problems one by one, a table-wide one (a required column missing) for every row of its
    table. ``nobodys`` keeps the rows whose NIP is nobody's or whose employee was rejected.
    Rendering is left to the caller, for the rows it uses (a million rows may have
    problems)."""
    if dataset is None:
        return {}
    tables = {"attendance", "appraisals"}
    if sanction_steps(ruleset):
        tables.add("sanctions")
    if any(step.type == "acting_supplement" for step in ruleset.steps):
        tables.add("acting")
    # an earlier position thrown out would pay its days at the position now held, or not at
    # all: whatever the rules, it blocks its employee in the periods it may overlap
    tables.add("position_history")
    windows = {"attendance": history_windows(ruleset, period)}
    found: dict[tuple[str, int, str], tuple[str, list[Problem]]] = {}
    # (table, period text) -> "" (may be this period's), a step id (a month it reads), None
    covers: dict[tuple[str, str], str | None] = {}
    for p in dataset.report.problems:
        if p.table not in tables or (_nobodys(p) and not nobodys) or p.code in NOTES:
            continue  # a note's row (a row given twice, read once) is not rejected
        for row, raw in dataset._problem_rows(p):
            key = str(raw or "")
            # the period is the key's last part (a sanction's kind before it may hold a '/')
            text = key.rsplit("/", 1)[1] if "/" in key else ""
            if (p.table, text) not in covers:
                covers[(p.table, text)] = _may_cover(
                    p.table, text, period, windows.get(p.table, [])
                )
            hit = covers[(p.table, text)]
            if hit is not None and p.table == "position_history":
                end = dataset._rejected_refs.get((p.table, row), {}).get("end_date")
                if end is not None and end < period.start.isoformat():
                    hit = None  # it ended before the period: no day of it is paid now
            if hit is not None:
                found.setdefault((p.table, row, key), (hit, []))[1].append(p)
    return found


def _nobodys(p: Problem) -> bool:
    """Whether ``p`` says its row belongs to no kept employee. An acting row refers to a
    post as well: an unknown or rejected acting post (``position_id``) leaves the official
    kept but their row thrown out, which blocks them like any other rejected row of theirs."""
    return p.code in _NOBODYS and not (
        p.table in ("acting", "position_history") and p.column != "nip"
    )


#: Tables whose key ends with a row's first day (a date, not a period).
_DATED = frozenset({"acting", "position_history"})


def _may_cover(
    table: str, text: str, period: Period, windows: list[tuple[str, int, int]]
) -> str | None:
    """ "" when a row of ``table`` for the period ``text`` may be ``period``'s own, the id of
    the step whose history (``windows``) it falls in, else None."""
    try:
        given = Period.parse(text[:7] if table in _DATED else text)
    except PeriodError:
        return ""  # unreadable: it may be this period's
    if table == "sanctions":  # in force from its start, for a length that may be unknown
        return "" if given.start <= period.end else None
    if table in _DATED:  # the key ends with its first day: one starting after pays nothing
        return "" if given.start <= period.end else None
    if given.start <= period.end and period.start <= given.end:
        return ""
    from tukin.rules.sanctions import month_number

    first, last = (month_number(m) for m in (given.months()[0], given.months()[-1]))
    for step, lo, hi in windows:
        if first <= hi and lo <= last:
            return step
    return None
