"""Evaluate a rule set over a dataset for one period: vectorised, certified, exact.

Each step runs once over all employees on the fast backend. Rows whose float result could not
be certified (a tie at a rounding boundary, a value on a band threshold, a division whose
quotient is not a short decimal meeting a discontinuity) are *flagged*; the engine recomputes
every flagged row with exact fractions from the first step and patches the fast columns, so the
numbers that reach the next step, the result and the explanation are exact. Group-level steps
(budget ceilings) see only patched integer rupiah and are exact by construction.
"""

from __future__ import annotations

import copy
import os
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pydantic import ValidationError

from tukin._language import in_this_context
from tukin._language import resolve as resolve_lang
from tukin._lookup import PARALLEL_ROWS
from tukin.calc.blocked import CODE as BLOCKED
from tukin.calc.blocked import blocked_employees
from tukin.calc.context import Columns, StepContext
from tukin.calc.declared import with_declared
from tukin.calc.deferred import Deferred, fractions_of
from tukin.calc.frame import employee_frame, overlapping_attendance, placed
from tukin.calc.notices import issue, notices, observe, unread_extra_columns
from tukin.calc.num import LIMIT, FNum, Tracker, U, XNum
from tukin.calc.spells import Spells
from tukin.errors import (
    ArgumentTypeError,
    CalculationError,
    InputWarning,
    Lang,
    MoneyError,
    Reason,
    TukinError,
    Worded,
    in_language,
    render,
)
from tukin.period import Period
from tukin.result import run_time
from tukin.rules import registry
from tukin.ruleset.load import resolve

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.result import Result
    from tukin.ruleset.model import DatedValue, RuleSet, Step


class StepTrace:
    """What one step read: columns, parameters in force, and notes for explanations."""

    __slots__ = ("notes", "params", "reads", "step", "used")

    def __init__(self, step: Step, params: Any, used: dict[str, DatedValue]) -> None:
        self.step, self.params, self.used = step, params, used
        self.reads: list[str] = []
        self.notes: dict[str, Any] = {}


def calculate(
    dataset: Dataset, ruleset: RuleSet, period: Period | str, *, reference: bool = False
) -> Result:
    """Every employee's allowance for ``period`` under ``ruleset``; see :class:`Result`.

    ``reference=True`` runs the *reference evaluator*: every row through exact fractions,
    one by one (slow; the property tests hold the fast path to it).
    """
    from tukin.result import Result

    check_arguments("calculate()", dataset, ruleset)
    period = Period.parse(period)
    check_validity(ruleset, period)
    check_complete(dataset)
    check_tables_given(dataset, ruleset, period)
    # the reference evaluator computes everything exactly: nothing of the fast pass to prepare
    ahead = None if reference else dataset
    with _fingerprint_meanwhile(dataset), _prepared_meanwhile(ahead, ruleset, period) as ready:
        frame = employee_frame(dataset, period)
        run = _Run(frame, ruleset, period, dataset)
        run.prepared = ready
        run.pre_checks()
        run.evaluate(reference=reference)
        # the per-calculation joins and codes (a few 8 MB arrays per million employees) are
        # for the steps only: released before the Result's columns are made, which reuse them
        run.shared.clear()
        if dataset is not None:
            dataset._release_freed_tables()  # the peak is next: the Result's columns
        result = Result.build(run, dataset)
        # what rejects nobody but may change pay: warned now, and kept on the Result so it
        # reaches the files written from it (tukin.calc.notices); counted on the employees
        # the Result pays (after its own rejections, as each partition of a partitioned run)
        seen = observe(run)
        run.warnings = notices(dataset, ruleset, period, seen)
        result.warnings = tuple(run.warnings)
        result.read_warnings = filed_read_warnings(dataset)
        issue(run.warnings, carrying=result)
        # the reading note on extra columns, now that the rules are known: only the unread
        issue(unread_extra_columns(dataset, ruleset, seen), carrying=result)
        return result


def filed_read_warnings(dataset: Dataset | None) -> tuple[InputWarning, ...]:
    """The warnings of reading ``dataset`` that are filed with its payments (not the notes
    on how it was read: ``tukin.io._build.NOT_FILED``)."""
    from tukin.io._build import NOT_FILED

    found = dataset.warnings if dataset is not None else ()
    return tuple(w for w in found if w.code not in NOT_FILED)


def _large(dataset: Dataset | None) -> bool:
    """Whether work per Dataset is worth a second thread (a second core and 100k employees)."""
    return (
        dataset is not None
        and (os.cpu_count() or 1) >= 2
        and dataset.kept_rows("employees") >= PARALLEL_ROWS
    )


@contextmanager
def _prepared_meanwhile(
    dataset: Dataset | None, ruleset: RuleSet, period: Period
) -> Iterator[threading.Thread | None]:
    """Run the steps' ``prepare`` hooks (per-Dataset work such as a hierarchy and its
    roll-up, see :func:`tukin.rules.registry.rule`) on a second thread while the employee
    frame is built; the evaluation joins it before the first step that has one. Yields the
    thread (None when nothing runs). It is always joined before ``calculate`` returns."""
    hooks = _hooks(ruleset, period)
    if not hooks or not _large(dataset):
        yield None
        return
    assert dataset is not None  # _large says so

    def work() -> None:
        _run_hooks(hooks, dataset, period)

    with _on_a_second_thread("tukin-prepare", work) as thread:
        yield thread


_Hook = tuple[Callable[..., Any], Any]


def _hooks(ruleset: RuleSet, period: Period) -> list[_Hook]:
    """The steps' ``prepare`` hooks with their parameters in force in ``period``."""
    hooks = []
    for step in ruleset.steps:
        # an unknown type or a bad parameter: the step reports it in context, in its turn
        with suppress(Exception):
            rtype = registry.get(step.type)
            if rtype.prepare is not None:
                params = rtype.params.model_validate(
                    resolve(step.params, ruleset, period.start, {})
                )
                hooks.append((rtype.prepare, params))
    return hooks


def _run_hooks(hooks: list[_Hook], dataset: Dataset, period: Period) -> None:
    for hook, params in hooks:
        # as in _call: what the step's own compute would have done, warnings included; a
        # failure is the step's to report, in context, when it runs
        with suppress(Exception), np.errstate(invalid="ignore", divide="ignore", over="ignore"):
            hook(dataset, period, params)


def check_arguments(call: str, dataset: object, ruleset: object) -> None:
    """Refuse what is not a Dataset or a RuleSet with an error saying what to call instead
    (``not_a_dataset``, ``not_a_ruleset``; :class:`~tukin.errors.ArgumentTypeError`, also a
    ``TypeError``), before it fails deep inside on a missing attribute.

    A pack name is refused, not loaded: loading checks the whole rule file, work a service
    does once and not per calculation, and a text that may be a path would make
    ``calculate`` read files. The message names the call that loads it."""
    from tukin.dataset import Dataset
    from tukin.ruleset.model import RuleSet

    if not isinstance(dataset, Dataset):
        raise ArgumentTypeError(code="not_a_dataset", call=call, value=_kind(dataset))
    if ruleset is not None and not isinstance(ruleset, RuleSet):
        name = ruleset if isinstance(ruleset, str) else "tpp-60-40"
        raise ArgumentTypeError(
            code="not_a_ruleset", call=call, value=_kind(ruleset), name=str(name)
        )


def _kind(value: object) -> str:
    """What was given instead, for a message: a type name, never the value (personal data)."""
    return "None" if value is None else type(value).__name__


def prepare(
    dataset: Dataset,
    ruleset: RuleSet | None = None,
    periods: Period | str | Iterable[Period | str] = (),
) -> None:
    """Do now the work every calculation on ``dataset`` shares, so that none of them waits
    for it: the tables put in key order and the dataset fingerprint (for the receipt), the
    employees joined to positions, units and OPDs; with ``ruleset`` and ``periods``, what its
    steps prepare per period (the responsibility hierarchy, the indicator figures and the
    roll-up of e-Pantau rule sets).

    All of it is kept with the Dataset, which a first :func:`calculate` otherwise computes
    on its way (about half of its time at a million employees). A service that validates an
    upload can prepare it at once, or on a thread of its own while the user picks a period,
    and a year or a scenario study pays it once. Results are the same with or without it.
    A period the rule set does not compute is refused here as :func:`calculate` refuses it.
    ``periods`` is one period (``"2025-10"``, a :class:`~tukin.Period`) or several.
    """
    check_arguments("prepare()", dataset, ruleset)
    if isinstance(periods, str | Period):  # one period, as calculate takes it: a text is
        periods = [periods]  # one period, not the characters of one
    chosen = [Period.parse(p) for p in periods]
    if ruleset is None:
        if chosen:
            raise ArgumentTypeError(code="periods_without_ruleset")
        hooks: list[tuple[Period, list[_Hook]]] = []
    else:
        for period in chosen:
            check_validity(ruleset, period)
        hooks = [(period, _hooks(ruleset, period)) for period in chosen]
    with _fingerprint_meanwhile(dataset):
        placed(dataset)
        for period, found in hooks:
            _run_hooks(found, dataset, period)
    dataset.fingerprint()  # done on the thread above for a large Dataset; else here
    dataset._release_freed_tables()  # the tables as read, freed by their sort


@contextmanager
def _fingerprint_meanwhile(dataset: Dataset | None) -> Iterator[None]:
    """Compute a large Dataset's fingerprint (needed for the receipt at the end) on a second
    thread while the calculation runs: it is hashing and Arrow/numpy work that releases the
    GIL, half a second or more at a million employees, and the tables it puts in key order
    are the ones the calculation reads (each is sorted once, by whichever thread asks
    first). The result is the same; a failure surfaces when the receipt asks for it."""
    if dataset is None or dataset.has_fingerprint or not _large(dataset):
        yield
        return
    with _on_a_second_thread("tukin-fingerprint", dataset.fingerprint):
        yield


@contextmanager
def _on_a_second_thread(name: str, work: Callable[[], Any]) -> Iterator[threading.Thread]:
    """Run ``work`` on a thread of its own for the duration of the block, joined at its end
    (on return and on raise). Its errors are dropped: the work only fills caches, and the
    code that needs them computes them itself, and raises, when they are missing. It runs in
    a copy of the caller's context: what it says is in the caller's ``tukin.language``."""

    def run() -> None:
        with suppress(Exception):
            work()

    thread = threading.Thread(target=in_this_context(run), name=name, daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        thread.join()


#: Problems of the input that leave rows of it unread (a second sheet of a table, a sheet
#: whose name is a near miss of a table's): their employees would be neither paid nor
#: rejected, or paid as if the table were empty, so no payment is calculated until fixed.
#: ``unknown_header``: a column with data under a header resembling a contract column's
#: (``Tanggal Selesa``) is not read, so leavers would be paid as if still serving.
#: ``not_a_table``: a table sent as no array (an object, a text) is not read, and a missing
#: sanctions table would pay those sanctioned in full. ``duplicate_header``: of two columns
#: naming one (``Status`` and ``status``) with different values, the second is not read, and
#: nobody can tell which of the two is right. ``duplicate_sheet``: a table given twice
#: (``Pegawai`` and ``Employees``) is read from the first only, and the second's employees
#: would be neither paid nor rejected.
UNREAD_INPUT = frozenset(
    {
        "sheet_not_read",
        "unknown_sheet",
        "unknown_header",
        "duplicate_header",
        "not_a_table",
        "duplicate_sheet",
        "column_clash",
        "column_taken",
    }
)


def check_complete(dataset: Dataset | None) -> None:
    """Refuse to calculate from input whose rows were not all read (``input_not_read``).

    A lenient Dataset rejects bad rows and pays the rest, and every employee given is then
    paid or listed as rejected. Rows of a sheet the reader did not take as its table are in
    neither list: a payment run on them would drop those employees without a word; so are
    the employees of input without an employees table (given without rows, it is a payment
    of nobody), with the tables of unknown names that may hold them."""
    if dataset is None:
        return
    unread = [p for p in dataset.report.problems if p.code in UNREAD_INPUT]
    if not dataset._was_given("employees"):
        # no employees table (left out, or sent under a name no table has: ``staff``): a
        # payment of nobody with a receipt, its employees in neither list
        unread += [
            p
            for p in dataset.report.problems
            if (p.code == "missing_table" and p.table == "employees") or p.code == "unknown_table"
        ]
    if unread:
        raise CalculationError(
            code="input_not_read",
            value=", ".join(
                str(p.value if p.value is not None else p.column or p.table) for p in unread
            ),
            detail=(
                "; ".join(p.message("en") for p in unread),
                "; ".join(p.message("id") for p in unread),
            ),
            lang=dataset.lang,
            problems=unread,
        )


#: What each table of ``requires`` means beyond the employees' rows: ``attendance`` and
#: ``appraisal`` ask every employee's row for the period (``missing_input_row``); the other
#: tables must be given, with rows or without.
TABLE_OF_REQUIREMENT = {"appraisal": "appraisals"}


def required_tables_absent(dataset: Dataset | None, ruleset: RuleSet) -> list[str]:
    """The tables ``ruleset.requires`` that ``dataset`` was not given at all (a sheet, a
    frame, a file; one given without rows is given). ``attendance`` and ``appraisal`` are
    not among them: their requirement is a row per employee, checked employee by employee."""
    if dataset is None:
        return []
    return [
        t
        for t in ruleset.requires
        if t not in ("attendance", "appraisal") and not dataset._was_given(t)
    ]


def check_tables_given(dataset: Dataset | None, ruleset: RuleSet, period: Period) -> None:
    """Refuse to calculate when a table the rule set needs was not given at all (a sheet, a
    frame, a file; one given without rows is given), naming every such table at once:

    - a table ``ruleset.requires`` (``requires: [sanctions]``; ``required_table_missing``):
      its steps would take it for a table without rows, and a missing sanctions sheet would
      pay everyone under an SK in full;
    - a table a step reads (:func:`tukin.calc.needs.tables_read_absent`): the SKP ratings
      without an appraisals table (``appraisals_table_missing``), attendance read without
      stopping on its absence (``attendance_table_missing``). Calculated on, every employee
      would be paid as one without an appraisal or without absence (a workbook without its
      *Penilaian SKP* sheet: the whole payroll at the "no SKP" rate), with a warning only.

    The error has the code and fields of the first (required tables, then appraisals, the
    likelier sheet to be left out, then attendance); its message names the others too and
    ``problems`` holds one per table, so a clerk adds every missing sheet in one pass."""
    from tukin.calc.needs import _problem, _where, tables_read_absent

    if dataset is None:
        return
    found: list[tuple[str, str, dict[str, Any]]] = []
    required = required_tables_absent(dataset, ruleset)
    if required:  # one entry: the message has always listed every required table
        where = {f"where_{lg}": ", ".join(dataset._place(t, lg) for t in required) for lg in _LANGS}
        found.append(
            ("required_table_missing", required[0], {"value": ", ".join(required), **where})
        )
    read = tables_read_absent(dataset, ruleset, period)
    if required or read:  # stopping anyway: name the attendance a deduction table errs on too
        read = tables_read_absent(dataset, ruleset, period, erring=True)
    for code, table, steps in read:
        found.append(
            (code, table, {"value": ", ".join(f"'{s}'" for s in steps), **_where(table, dataset)})
        )
    if not found:
        return
    common = {"ruleset": ruleset.name, "period": str(period)}
    problems = [  # one per table; the required ones share an entry in the message
        _problem(
            table,
            code,
            table if code == "required_table_missing" else fields["value"],
            {**common, **_where(table, dataset)},
            dataset.lang,
        )
        for code, first, fields in found
        for table in (required if code == "required_table_missing" else [first])
    ]
    code, _, fields = found[0]
    also = (
        {
            f"also_{lg}": render(
                "tables_also_missing",
                lg,
                value=", ".join(f[f"where_{lg}"] for _, _, f in found[1:]),
            )
            for lg in _LANGS
        }
        if len(found) > 1
        else {}
    )
    raise CalculationError(
        code=code, lang=dataset.lang, problems=problems, **common, **fields, **also
    )


_LANGS: tuple[Lang, Lang] = ("en", "id")


def check_validity(ruleset: RuleSet, period: Period) -> None:
    """Refuse a period the rule set is not valid in (``valid_from``/``valid_to``), or of a
    kind it does not compute (``period_kinds``: a monthly allowance is paid per month).

    First, a rule set no check has seen as it is now (made with pydantic's
    ``model_copy(update=...)`` or ``model_construct``, or a dict of it changed in place) is
    checked as a rule file is (:meth:`RuleSet.check`; a :class:`~tukin.errors.RuleSetError`
    listing its problems): every calculation path calls this. One loaded, built or checked
    and unchanged since costs a fingerprint, not a second check."""
    ruleset.check()
    if not ruleset.covers(period):
        raise CalculationError(
            code="outside_validity",
            value=ruleset.name,
            period=str(period),
            detail=f"{ruleset.valid_from or '…'} – {ruleset.valid_to or '…'}",
        )
    if not ruleset.computes(period):
        # months are the way out only for a rule set that computes months
        raise CalculationError(
            code="period_kind_not_computed"
            if "month" in ruleset.period_kinds
            else "period_kind_refused",
            value=ruleset.name,
            period=str(period),
            detail=", ".join(ruleset.period_kinds),
            kinds_id=", ".join(_KIND_ID[k] for k in ruleset.period_kinds),
            target=_months_text(period),
        )


_KIND_ID = {"month": "bulan", "quarter": "triwulan", "term": "caturwulan", "year": "tahun"}


def _months_text(period: Period) -> str:
    months = [str(m) for m in period.months()]
    return ", ".join(months) if len(months) <= 4 else f"{months[0]} … {months[-1]}"


#: Rejection codes that decide: the employee is owed no allowance under the rules (a status
#: the rules exclude, no day in service), whatever else is wrong with their data. Such a
#: reason replaces an earlier one that does not decide (:meth:`_Run.reject_rows`); among
#: reasons of one kind, the first found stays.
DECIDING = frozenset({"not_eligible", "out_of_service"})


def _overlap_reason(periods: str, period: str) -> Worded:
    """``overlapping_attendance``: the rows' periods joined in the words, a list in
    ``fields`` for a program (review 88)."""
    en, id_ = (render("overlapping_attendance", lg, value=periods, period=period) for lg in _LANGS)
    return Worded(en, id_, value=periods.split(", "), period=period)


def _of_position(position: Any, start: Any, detail: Reason) -> Reason:
    """``detail``, a reason of a position's row, said of its employee: which position (and
    from when) was rejected (:meth:`_Run._spell_reason`)."""
    pos = str(position)
    since = "" if pd.isna(start) else pd.Timestamp(start).date().isoformat()
    en, id_ = in_language(detail, "en"), in_language(detail, "id")
    fields = dict(getattr(detail, "fields", None) or {})
    return Worded(
        f"position {pos} from {since} (position_history): {en}",
        f"jabatan {pos} mulai {since} (riwayat jabatan): {id_}",
        **fields,
    )


class _Run:
    def __init__(
        self, frame: pd.DataFrame, ruleset: RuleSet, period: Period, dataset: Dataset | None
    ) -> None:
        # employees who held several positions within the period: one row per position
        # (tukin.calc.spells), summed at the rule file's position_history.sum_at
        self.spells: Spells | None = frame.attrs.get("spells")
        self.sum_index: int | None = None
        if self.spells is not None and ruleset.position_history is not None:
            ids = [s.id for s in ruleset.steps]
            self.sum_index = ids.index(ruleset.position_history.sum_at)
        #: the rule file's components (outputs.components) computed per position, before
        #: ``sum_at``: reported as the sum over the positions, as ``sum_at`` is, where they
        #: are amounts in rupiah (``_summed_parts``), so that they add up to the allowance
        self.parts: tuple[str, ...] = ()
        if self.sum_index is not None:
            before = set(ids[: self.sum_index])
            self.parts = tuple(c for c in ruleset.outputs.components if c in before)
        self.merged = False  # sum_at's values summed into the employees' rows
        #: the employees' rows whose own position gave no number at sum_at (before the
        #: sum): their rejection names that position, not an earlier one (result._no_number)
        self.own_no_number = np.zeros(0, dtype=np.int64)
        #: over the rows before the spells retired: whose value at sum_at was added into its
        #: employee's (a position decided, or of an employee rejected, was not)
        self.counted = np.zeros(0, dtype=bool)
        self.part_reasons = np.zeros(0, dtype=np.int64)  # and each row's reason there
        self.full: _FullRun | None = None  # the run's rows before the spells retired
        # the optional columns the rule file declares (columns:), with their defaults where
        # the data lacks them; who took a default, for the explanations
        self.frame, self.defaulted = with_declared(frame, ruleset, period, dataset)
        self.ruleset = ruleset
        self.period = period
        self.dataset = dataset
        self.n = len(self.frame)
        self.alive = np.ones(self.n, dtype=bool)
        # why a row is not paid: an index into ``reasons`` ((code, step, detail)), -1: paid;
        # the detail in both languages, rendered when an output asks for one (review 78)
        self.reason_id = np.full(self.n, -1, dtype=np.int64)
        self.reasons: list[tuple[str, str, Reason]] = []
        self.fast = Columns(rows=np.arange(self.n), exact=False)
        self.exact = Columns(rows=np.zeros(0, dtype=np.int64), exact=True)
        self.in_exact = np.zeros(self.n, dtype=bool)
        self.traces: list[StepTrace] = []
        self.cache: dict[str, Any] = {}
        self.shared: dict[Any, Any] = {}  # views of input columns every step may reuse
        self.started = run_time()
        # the thread running the steps' prepare hooks (calculate's _prepared_meanwhile)
        self.prepared: threading.Thread | None = None
        # NIP -> reason, employees with a rejected row of their own for the period
        # (tukin.calc.blocked); None: found from the Dataset by pre_checks
        self.blocked: dict[str, tuple[str, str]] | None = None
        # the language of the run (the session's when the run starts; a partition is given
        # its driver's): Result.rejected's; the reasons are kept in both
        self.lang: Lang = resolve_lang(None)
        # what the run warns about (tukin.calc.notices), kept for the Result
        self.warnings: list[InputWarning] = []

    # -- rejections -----------------------------------------------------------------------
    def reject_rows(self, rows: np.ndarray, code: str, step: str, detail: Reason) -> None:
        """Stop paying ``rows`` (those still paid) with one reason; the first reason stays,
        but a reason that decides (:data:`DECIDING`: the employee is owed nothing under
        the rules) replaces one that does not (a fault in the data of someone who would be
        owed something: a missing attendance row, a kelas the table lacks), whichever was
        found first: the pre-checks run before any step, and HR must not be sent to type
        an attendance row for an employee on unpaid leave."""
        rows = np.asarray(rows, dtype=np.int64)
        alive = self.alive[rows]
        new = rows[alive]
        if code in DECIDING and not alive.all():
            dead = rows[~alive]
            decided = np.array([r[0] in DECIDING for r in self.reasons] + [False], dtype=bool)
            new = np.concatenate([new, dead[~decided[self.reason_id[dead]]]])
        if not len(new):
            return
        self.alive[new] = False
        self.reason_id[new] = len(self.reasons)
        self.reasons.append((code, step, detail))

    @property
    def reason(self) -> list[tuple[str, str, str] | None]:
        """Per row, (code, step, detail) of why it is not paid, None for a paid row; the
        detail in the run's language."""
        table: list[tuple[str, str, str] | None] = [
            *((code, step, in_language(said, self.lang)) for code, step, said in self.reasons),
            None,
        ]
        return [table[k] for k in self.reason_id.tolist()]

    def pre_checks(self) -> None:
        if self.spells is not None and self.sum_index is None:
            self._undeclared_spells()
        f = self.frame
        if "grade" in f:
            self.reject_rows(
                np.flatnonzero(f["grade"].isna().to_numpy()),
                "no_position",
                "input",
                Worded("position not found", "jabatan tidak ditemukan", column="position_id"),
            )
        self.reject_rows(
            np.flatnonzero((f["days_served"] <= 0).to_numpy()),
            "out_of_service",
            "input",
            Worded(
                "not in service during the period",
                "tidak aktif bertugas selama periode",
                period=str(self.period),
            ),
        )
        blocked = self.blocked
        if blocked is None:
            blocked = blocked_employees(self.dataset, self.ruleset, self.period)
        if blocked:
            nips = f["nip"].astype(str).to_numpy()
            for row in np.flatnonzero(f["nip"].isin(list(blocked)).to_numpy()):
                self.reject_rows(np.array([row]), BLOCKED, "input", blocked[nips[row]])
        if self.dataset is not None:
            # a quarter or year sums the attendance rows inside it: rows overlapping one
            # another (months next to their quarter's recap) would count days twice
            overlap = overlapping_attendance(self.dataset, self.period)
            if overlap:
                nips = f["nip"].astype(str).to_numpy()
                for row in np.flatnonzero(f["nip"].astype(str).isin(list(overlap)).to_numpy()):
                    self.reject_rows(
                        np.array([row]),
                        "overlapping_attendance",
                        "input",
                        _overlap_reason(overlap[nips[row]], str(self.period)),
                    )
        for need, col, word in (
            ("attendance", "has_attendance", "kehadiran"),
            ("appraisal", "has_appraisal", "penilaian SKP"),
        ):
            if need in self.ruleset.requires:
                self.reject_rows(
                    np.flatnonzero(~f[col].to_numpy(dtype=bool)),
                    "missing_input_row",
                    "input",
                    Worded(
                        f"no {need} row in {self.period}",
                        f"tidak ada baris {word} pada {self.period}",
                        table=need,
                        period=str(self.period),
                    ),
                )

    # -- evaluation -----------------------------------------------------------------------
    def evaluate(self, *, reference: bool = False) -> None:
        if reference:
            rows = np.flatnonzero(self.alive)
            self.exact = Columns(rows=rows, exact=True)
            self.in_exact[rows] = True
        for k, step in enumerate(self.ruleset.steps):
            rtype = registry.get(step.type)
            if rtype.prepare is not None and self.prepared is not None:
                self.prepared.join()  # what it prepares is this step's to read
                self.prepared = None
            used: dict[str, DatedValue] = {}
            try:
                params = rtype.params.model_validate(
                    resolve(step.params, self.ruleset, self.period.start, used)
                )
            except ValidationError as exc:
                raise CalculationError(value=step.id, detail=str(exc.errors()[0]["msg"])) from None
            trace = StepTrace(step, params, used)
            self.traces.append(trace)
            tracker = Tracker(self.n)
            # the fast pass's rejections may rest on an uncertified comparison: they are held
            # back and applied only to rows that stay off the exact path (group-level steps
            # are not re-run exactly, so theirs apply to every row)
            pending: list[tuple[np.ndarray, str, Reason]] | None = None if rtype.group_level else []
            ctx = self._ctx(step, self.fast, tracker, used, pending)
            out = self._call(rtype, ctx, params)
            trace.reads, trace.notes = ctx.reads, ctx.notes
            self.fast.values[step.id] = out
            new = tracker.flag & self.alive & ~self.in_exact
            if new.any():
                self._admit(np.flatnonzero(new), k)
            # rows on the exact path whose fast value here was certified keep it, and with it
            # the fast pass's rejections (which then rest on certified comparisons too)
            # the reference evaluator recomputes every row on the exact backend: it takes no
            # fast value as exact, certified or not (else it could not check the fast pass)
            flag = np.ones(self.n, dtype=bool) if reference else tracker.flag
            reused = self._exact_step(k, flag) if self.in_exact.any() else None
            for rows, code, detail in pending or ():
                keep = (
                    ~self.in_exact[rows] if reused is None else ~self.in_exact[rows] | reused[rows]
                )
                self.reject_rows(rows[keep], code, step.id, detail)
            if k == self.sum_index:
                self._merge_spells(k)
        self._retire_spells()

    # -- several positions in the period (tukin.calc.spells) --------------------------------
    def _undeclared_spells(self) -> None:
        """Reject the employees with several positions in the period when the rule set does
        not say how to pay them (``position_history_not_declared``), and drop their other
        positions' rows: paid on one position, the days of the other would be paid wrong."""
        spells = self.spells
        assert spells is not None
        held = np.bincount(spells.owner, minlength=spells.n) + 1
        for count in np.unique(held[spells.owner]).tolist():
            rows = np.flatnonzero(held == count)
            said = [
                render("position_history_not_declared", lg, value=count, period=str(self.period))
                for lg in _LANGS
            ]
            detail = Worded(*said, value=count, period=str(self.period))
            self.reject_rows(rows, "position_history_not_declared", "input", detail)
        self._retire_spells()

    def _spell_reason(self, row: int, detail: Reason) -> Reason:
        """``detail``, a reason of the position row ``row``, said of its employee: which
        position (and from when) was rejected. Read on the frame before the positions'
        rows retired (``self.full``) once they have."""
        f = self.full.frame if self.full is not None else self.frame
        return _of_position(f["position_id"].iat[row], f["start_date"].iat[row], detail)

    def _merge_spells(self, k: int) -> None:
        """Sum step ``k`` (``position_history.sum_at``) over each employee's positions into
        the employee's row, exactly, and retire the other positions' rows.

        A position's row rejected so far with a fault (a kelas the table lacks, a missing
        input: the sum cannot be known) rejects its employee, naming the position. One
        rejected with a reason that decides (:data:`DECIDING`: the employee is owed nothing
        for that position under the rules) adds nothing: the employee is paid on the other
        positions, and rejected (with the latest position's reason) only when every position
        is decided so (review 106). The employee's row stays alive, or comes alive again,
        when the latest position is the decided one: its values before ``sum_at`` are that
        position's own, its value at ``sum_at`` the sum. ``self.counted`` keeps which rows'
        values were added, for the exact recomputations after the merge.

        The employee's value is the fast sum with its bound (:func:`_spell_sums`: exact
        where every part is certified, else bounded as a part-month amount is): the
        employee stays on the fast path, and a later step that flags the row puts every
        position's row on the exact path (``_admit``), where ``sum_at`` sums the exact
        values. An employee on the exact path already (flagged before ``sum_at``) has
        every position's row put there now and the Fractions summed (``_exact_sums``)."""
        spells = self.spells
        assert spells is not None
        step_id = self.ruleset.steps[k].id
        n, own = spells.n, spells.owner
        sec = n + np.arange(spells.k, dtype=np.int64)
        heads = np.unique(own)
        deciding = np.array([r[0] in DECIDING for r in self.reasons] + [False], dtype=bool)

        def fault(rows: np.ndarray) -> np.ndarray:
            return ~self.alive[rows] & ~deciding[self.reason_id[rows]]

        # an employee with a fault in an earlier position is rejected with its first one
        # (an employee rejected for a fault already keeps that), said of the position; one
        # reason for the employees whose first fault is the same reason of the same position
        # from the same day (a kelas the table lacks: thousands at a national run), as
        # reject_rows shares one among its rows, not one each made in a loop (review 123)
        faulty = np.flatnonzero(fault(sec))
        faulty = faulty[~fault(own[faulty])]
        _, first = np.unique(own[faulty], return_index=True)
        rows = sec[faulty[np.sort(first)]]
        if len(rows):
            f = self.full.frame if self.full is not None else self.frame
            # each column read once: reading a frame's column for each row was most of the
            # time (some 130 us a row)
            place = pd.DataFrame(
                {
                    "reason": self.reason_id[rows],
                    "position": f["position_id"].iloc[rows].to_numpy(),
                    "since": f["start_date"].iloc[rows].to_numpy(),
                }
            )
            by = place.groupby(["reason", "position", "since"], sort=False, dropna=False)
            group = by.ngroup().to_numpy()
            _, one = np.unique(group, return_index=True)  # a row of each, groups in order
            start = len(self.reasons)
            for reason, position, since in place.iloc[one].itertuples(index=False):
                code, step, detail = self.reasons[int(reason)]
                self.reasons.append((code, step, _of_position(position, since, detail)))
            heads_now = own[rows - n]
            self.alive[heads_now] = False
            self.reason_id[heads_now] = start + group
            # the new reasons are faults, as their positions' were; the last entry stays the
            # alive rows' (-1)
            deciding = np.concatenate([deciding[:-1], np.zeros(len(one), dtype=bool), [False]])
        fast = self.fast.values[step_id]
        if not isinstance(fast, FNum):
            raise CalculationError(value=step_id, detail_code="sum_at_not_number")
        # paid: an employee without a fault with some position paid so far
        some = np.zeros(self.n, dtype=bool)
        some[own[self.alive[sec]]] = True
        some[heads] |= self.alive[heads]
        paid = np.zeros(self.n, dtype=bool)
        paid[heads] = some[heads] & ~fault(heads)
        counted = self.alive.copy()
        counted[sec] &= paid[own]
        self.counted = counted
        revive = heads[paid[heads] & ~self.alive[heads]]
        # the employees on the exact path already (a row flagged before sum_at) are summed
        # exactly, with every position's row: those of their positions whose value here is
        # not certified are recomputed first
        bound = fast._e
        if bound is not None:
            loose = np.zeros(self.n, dtype=bool)
            loose[own[(bound[sec] != 0) & counted[sec]]] = True
            loose[heads[(bound[heads] != 0) & counted[heads]]] = True
            on_exact = np.zeros(self.n, dtype=bool)
            on_exact[heads] = self.in_exact[heads]
            loose &= paid & on_exact
            if loose.any():
                rows = spells.members(np.flatnonzero(loose))
                new = rows[~self.in_exact[rows]]
                if len(new):
                    self._admit(new, k + 1)
        # everyone else stays on the fast path with the fast sum and its bound (review 109):
        # recomputed exactly, with every position, only if a later step flags the row
        merged = _spell_sums(fast, counted, heads, own, n)
        self.own_no_number = heads[np.isnan(fast.v[heads])]
        exact_heads = heads[self.in_exact[heads] & paid[heads]]
        if len(exact_heads):
            totals = self._exact_sums(step_id, fast, exact_heads)
            merged = _patch(merged, XNum(totals, fast.unit), exact_heads)
        self.fast.values[step_id] = merged
        # the latest position decided, another paid: the employee's row is paid on the sum
        # (each position's reason kept for the explanation)
        self.part_reasons = self.reason_id.copy()
        self.alive[revive] = True
        self.reason_id[revive] = -1
        self.alive[sec] = False  # retired: no longer paid, counted or rejected
        self.merged = True

    def _exact_sums(self, step_id: str, fast: FNum, heads: np.ndarray) -> np.ndarray:
        """The exact sum of step ``step_id`` over each of ``heads``' positions (its own
        value and its other positions'), written into the exact path's column for the heads;
        None where a part has no value."""
        where = {int(r): i for i, r in enumerate(self.exact.rows.tolist())}
        col = self.exact.values[step_id]
        assert isinstance(col, XNum)
        totals = np.empty(len(heads), dtype=object)
        for i, head in enumerate(heads.tolist()):
            total = self._spell_total(head, col.v[where[head]], col.v, where, fast)
            totals[i] = total
            col.v[where[head]] = total
        return totals

    def _spell_total(
        self,
        head: int,
        own: Fraction | None,
        values: np.ndarray,
        where: dict[int, int],
        fast: FNum,
    ) -> Fraction | None:
        """``head``'s exact value at ``sum_at`` summed over its positions: ``own`` (its own
        position's) and each other counted position's, read from ``values`` at ``where[row]``
        where the exact computation holds the row, else the certified fast value; a position
        decided (not counted, see ``_merge_spells``) adds 0; None where a part has no value."""
        spells = self.spells
        assert spells is not None
        total = own if self.counted[head] else Fraction(0)
        for other in spells.others[head]:
            if not self.counted[other]:
                continue
            at = where.get(other)
            part = values[at] if at is not None else fast.exact_at(other)
            total = None if total is None or part is None else total + part
        return total

    def _retire_spells(self) -> None:
        """Drop the rows of the employees' other positions (after the last step, or at once
        when the rule set does not sum them): what the Result, the notices and every output
        read is one row per employee. What was before is kept (``self.full``) for the exact
        recomputation of an employee with several positions (an explanation)."""
        spells = self.spells
        if spells is None or self.n == spells.n:
            return
        n = spells.n
        self.full = _FullRun(
            self.frame,
            dict(self.fast.values),
            self.exact,
            self.in_exact,
            self.alive,
            self.reason_id,
            dict(self.shared),
        )
        self.frame = self.frame.iloc[:n]
        if self.merged:
            # the components computed per position: each employee's the sum over the
            # positions counted at sum_at (the rows before keep each position's own, above)
            for c in self.parts:
                col = self.fast.values[c]
                if _additive(col):
                    self.fast.values[c] = _spell_sums(
                        col, self.counted, spells.primaries(), spells.owner, n
                    )
        self.fast = Columns(
            rows=np.arange(n),
            exact=False,
            values={k: _head(v, n) for k, v in self.fast.values.items()},
        )
        self.alive = self.alive[:n].copy()
        self.reason_id = self.reason_id[:n].copy()
        self.in_exact = self.in_exact[:n].copy()
        keep = np.flatnonzero(self.exact.rows < n)
        self.exact = Columns(
            rows=self.exact.rows[keep],
            exact=True,
            values={k: _take_rows(v, keep) for k, v in self.exact.values.items()},
        )
        self.n = n

    def _as_full(self) -> _Run:
        """A view of the run as it was before the spells retired (see ``self.full``), for
        the exact recomputation of an employee with several positions.

        A shallow copy: the run itself is never changed, so other threads explaining other
        employees of the same Result, or reading its columns (``to_json``, exact texts),
        see it as it is (review 106). The view shares what does not depend on the row count
        (the ruleset, traces, the per-step ``cache``, whose row-sized arrays were made by
        the fast pass over the full frame) and has the full frame's own ``shared`` input
        columns (``self.full.shared``)."""
        full = self.full
        assert full is not None
        view = copy.copy(self)
        view.frame, view.exact, view.in_exact, view.alive, view.n = (
            full.frame,
            full.exact,
            full.in_exact,
            full.alive,
            full.n,
        )
        view.reason_id = full.reason_id
        view.reasons = list(self.reasons)
        view.fast = Columns(rows=np.arange(full.n), exact=False, values=full.fast)
        view.shared = full.shared
        return view

    def spell_values(self, row: int) -> list[tuple[dict[str, Any], dict[str, Any]]]:
        """Each of ``row``'s employee's positions in the period (the latest first, then the
        others by start): its frame cells (position, kelas, status, dates, days served, SK)
        and the exact values of the steps up to ``sum_at`` for it alone. Empty for an
        employee with one position. For the explanation."""
        rows = self.spell_rows(row)
        spells, full = self.spells, self.full
        if len(rows) < 2 or spells is None or full is None or self.sum_index is None:
            return []
        steps = [s.id for s in self.ruleset.steps[: self.sum_index + 1]]
        every = spells.members(rows)
        made = self._as_full().exact_rows(every)
        at = np.searchsorted(every, rows)
        out = []
        for i, r in zip(at.tolist(), rows.tolist(), strict=True):
            cells: dict[str, Any] = {
                c: full.frame[c].iat[r]
                for c in (
                    "position_id",
                    "position_name",
                    "grade",
                    "status",
                    "opd_id",
                    "start_date",
                    "end_date",
                    "days_served",
                )
                if c in full.frame.columns
            }
            cells["reference"] = spells.reference.get(r)
            values = {}
            for name in steps:
                col = made[name]
                values[name] = col.take(np.array([i])) if isinstance(col, XNum) else col[i : i + 1]
            # a position decided (owed nothing under the rules) adds 0; its reason is shown
            reason = int(self.part_reasons[r])
            if not self.counted[r] and reason >= 0 and self.reasons[reason][0] in DECIDING:
                cells["reason"] = self.reasons[reason]
                # so do its summed components (see _summed_parts)
                for name in (steps[-1], *self.summed_parts()):
                    last = values[name]
                    if isinstance(last, XNum):
                        values[name] = XNum(np.array([Fraction(0)], dtype=object), last.unit)
            out.append((cells, values))
        # the head's sum_at value there is the sum (sum_at's recomputation adds the others):
        # its own is the sum less the others' (0 when decided, set above)
        last = steps[-1]
        head = out[0][1][last]
        if isinstance(head, XNum) and head.v[0] is not None and "reason" not in out[0][0]:
            others = [v[1][last].v[0] for v in out[1:] if isinstance(v[1][last], XNum)]
            if all(o is not None for o in others) and len(others) == len(out) - 1:
                own = head.v[0] - sum(others, Fraction(0))
                out[0][1][last] = XNum(np.array([own], dtype=object), head.unit)
        return out

    def spell_rows(self, row: int) -> np.ndarray:
        """The rows of the run before the spells retired that are ``row``'s employee's
        positions in the period: ``row`` first, then the others by start; just ``row`` for
        an employee with one position."""
        spells = self.spells
        if spells is None or self.full is None or row >= spells.n:
            return np.array([row], dtype=np.int64)
        others = spells.n + np.flatnonzero(spells.owner == row)
        if not len(others):
            return np.array([row], dtype=np.int64)
        start = self.full.frame["start_date"]
        others = others[np.argsort(start.to_numpy()[others], kind="stable")]
        return np.r_[row, others].astype(np.int64)

    def _ctx(
        self,
        step: Step,
        cols: Columns,
        tracker: Tracker,
        used: dict[str, DatedValue],
        pending: list[tuple[np.ndarray, str, Reason]] | None = None,
    ) -> StepContext:
        def reject(mask: np.ndarray, code: str, reason: Reason) -> None:
            if pending is not None:
                pending.append((cols.rows[mask], code, reason))
            else:
                self.reject_rows(cols.rows[mask], code, step.id, reason)

        cache = self.cache.setdefault(step.id, {})
        cache["used"] = used
        return StepContext(
            frame=self.frame,
            cols=cols,
            step=step,
            ruleset=self.ruleset,
            period=self.period,
            dataset=self.dataset,
            tracker=tracker,
            reject=reject,
            full=lambda name: self.fast.values[name],
            cache=cache,
            alive=lambda: self.alive[cols.rows],
            shared=self.shared,
        )

    def _call(self, rtype: registry.RuleType, ctx: StepContext, params: Any) -> Any:
        if ctx.exact and rtype.group_level:
            return _to_exact(self.fast.values[ctx.step.id], ctx.rows)
        try:
            with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
                out = rtype.compute(ctx, params)
        except TukinError as exc:
            # keep the error's type and code (a MoneyError stays a MoneyError) but name the step
            exc.fields.setdefault("step", ctx.step.id)
            if exc.code == "calculation_failed" and not exc.fields.get("value"):
                exc.fields["value"] = ctx.step.id  # "step '' failed" names no step
            if isinstance(exc, MoneyError) and exc.code == "money_arithmetic":
                said = exc.fields.get("detail", "")
                en, id_ = said if isinstance(said, tuple) else (said, said)
                exc.fields["detail"] = (
                    f"step {ctx.step.id!r}: {en}",
                    f"langkah {ctx.step.id!r}: {id_}",
                )
            exc.add_note(f"in step {ctx.step.id!r} ({ctx.step.type})")
            raise
        except (TypeError, ValueError, KeyError, ZeroDivisionError) as exc:
            raise CalculationError(
                value=ctx.step.id, detail=f"{type(exc).__name__}: {exc}"
            ) from exc
        if isinstance(out, int | Fraction):
            out = ctx.const(out)
        if not isinstance(out, FNum | XNum | np.ndarray):
            raise ctx.error("rule_gave_no_column", kind=type(out).__name__)
        n = ctx.n
        if (isinstance(out, FNum | XNum) and len(out) != n) or (
            isinstance(out, np.ndarray) and len(out) != n
        ):
            raise ctx.error("rule_column_length")
        return out

    def _admit(self, rows: np.ndarray, k: int) -> None:
        """Recompute steps before ``k`` exactly for newly flagged rows and add them.

        After the merge (``_merge_spells``), a flagged employee with several positions is
        recomputed with every position's row (their frame rows are there until the run
        ends), so that ``sum_at`` sums the exact values (``_sum_recomputed``); those of them
        on the exact path already are recomputed with them (the same values) but added once."""
        spells = self.spells
        add = rows
        # the rejections of steps before k were made by the fast pass on certified values
        # already; a position decided before the merge must not reject its employee again
        pending: list[tuple[np.ndarray, str, Reason]] | None = None
        if self.merged and spells is not None and self.n > spells.n:
            every = spells.members(rows)
            if len(every) > len(rows):
                rows, add, pending = every, every[~self.in_exact[every]], []
        sub = Columns(rows=rows, exact=True)
        # the rows were not flagged by any step before k (a flagged row joins at once), so
        # wherever an earlier fast value is certified exact (bound 0) it *is* the exact value:
        # only the other rows are recomputed, and a tie at the final rounding does not redo a
        # roll-up whose values were exact already
        for step in self.ruleset.steps[:k]:
            self._exact_values(step, sub, None, pending)
        if len(add) < len(rows):
            keep = np.flatnonzero(~self.in_exact[rows])
            sub.values = {name: _take_rows(v, keep) for name, v in sub.values.items()}
        old = self.exact
        merged = Columns(rows=np.concatenate([old.rows, add]), exact=True)
        for name, val in sub.values.items():
            merged.values[name] = _concat(old.values[name], val) if len(old.rows) else val
        self.exact = merged
        self.in_exact[add] = True

    def exact_at(self, row: int) -> dict[str, Any]:
        """Every step's value at ``row`` on the exact backend (XNum / arrays of one row), for
        the explanation of one employee.

        A paid amount is exact (certified, or recomputed exactly), but a step before it may
        hold only a bounded float for this row: a part-month factor 30/31 and every amount
        computed from it. The explanation promises exact values, so they are recomputed for
        this one row (milliseconds), as ``_admit`` does for rows flagged near a rounding edge.
        Rejections met on the way are the run's already (this row was paid): they are
        dropped, and the run is not changed."""
        return self.exact_rows(np.array([row], dtype=np.int64))

    def exact_rows(self, rows: np.ndarray, *, defer: bool = False) -> dict[str, Any]:
        """:meth:`exact_at` for many ``rows`` at once (the exact text of a result's columns,
        :mod:`tukin._exact_text`): one pass of the exact backend over them.

        ``defer``: a step's certified fast values are not made exact values until a step
        recomputing rows reads them (a :class:`~tukin.calc.deferred.Deferred` column, which
        also says which of its rows were recomputed): the same values, made for fewer rows."""
        rows = np.asarray(rows, dtype=np.int64)
        if self.full is not None and self.spells is not None:
            # an employee with several positions: every position's row recomputed with it,
            # on the run as it was before they retired (sum_at sums them again)
            every = self.spells.members(rows)
            if len(every) > len(np.unique(rows)):
                made = self._summed_parts(self._as_full().exact_rows(every, defer=defer), every)
                at = np.searchsorted(every, rows)
                return {name: _take_rows(v, at) for name, v in made.items()}
        sub = Columns(rows=rows, exact=True)
        for step in self.ruleset.steps:
            self._exact_values(step, sub, None, pending=[], defer=defer)
        return sub.values

    def summed_parts(self) -> tuple[str, ...]:
        """The components (``self.parts``) reported as the sum over an employee's positions:
        those that are amounts in rupiah; none when no employee held several positions."""
        full = self.full
        if full is None or not self.merged:
            return ()
        return tuple(c for c in self.parts if _additive(full.fast.get(c)))

    def _summed_parts(self, made: dict[str, Any], every: np.ndarray) -> dict[str, Any]:
        """``made`` (exact values over the frame rows ``every``, every position of their
        employees, before the spells retired) with each employee's components
        (``self.parts``, amounts in rupiah) summed over its positions into its own row, as
        the fast columns are at ``_retire_spells``; the other rows as they were."""
        spells, full = self.spells, self.full
        if spells is None or full is None or not self.merged:
            return made
        heads = np.flatnonzero(np.isin(every, spells.owner))
        if not len(heads):
            return made
        where = {int(r): i for i, r in enumerate(every.tolist())}
        out = dict(made)
        for c in self.summed_parts():
            col, fast = made.get(c), full.fast.get(c)
            if col is None:
                continue
            assert isinstance(fast, FNum)
            if isinstance(col, Deferred):
                col = col.resolve()
            assert isinstance(col, XNum)
            v = col.v.copy()
            for i in heads.tolist():
                v[i] = self._spell_total(int(every[i]), col.v[i], col.v, where, fast)
            out[c] = XNum(v, col.unit)
        return out

    def _exact_values(
        self,
        step: Step,
        sub: Columns,
        flagged: np.ndarray | None,
        pending: list[tuple[np.ndarray, str, Reason]] | None = None,
        *,
        defer: bool = False,
    ) -> np.ndarray:
        """``sub.values[step.id]`` for the rows of ``sub``: the fast value where it is certified
        (bound 0, and not flagged by this step when ``flagged`` says so), the exact backend's
        elsewhere. Returns which rows of ``sub`` took the fast value. ``pending``: where the
        recomputation's rejections go instead of the run (see ``exact_at``). ``defer``: a
        number column as a :class:`~tukin.calc.deferred.Deferred` (see ``exact_rows``)."""
        fast = self.fast.values[step.id]
        n = len(sub.rows)
        unflagged = np.ones(n, dtype=bool) if flagged is None else ~flagged[sub.rows]
        if isinstance(fast, FNum):
            # exactness needs only the per-row part of the bound (0 marks an exact row)
            sure = unflagged if fast._e is None else unflagged & (fast._e[sub.rows] == 0)
        else:  # text, flags: decided without error unless flagged
            sure = unflagged
        if sure.all():
            if defer and isinstance(fast, FNum):
                sub.values[step.id] = Deferred(fast, sub.rows)
            else:
                sub.values[step.id] = (
                    _to_exact(fast, sub.rows)
                    if isinstance(fast, FNum)
                    else np.asarray(fast)[sub.rows]
                )
            return sure
        if not sure.any():
            self._run_exact(step, sub, pending)
            self._sum_recomputed(step, sub, ~sure)
            return sure
        need = np.flatnonzero(~sure)
        part = Columns(rows=sub.rows[need], exact=True)
        part.values = {name: _take_rows(v, need) for name, v in sub.values.items()}
        self._run_exact(step, part, pending)
        computed = part.values[step.id]
        if isinstance(fast, FNum) and defer:
            assert isinstance(computed, XNum)
            held = np.empty(n, dtype=object)
            held[need] = computed.v
            sub.values[step.id] = Deferred(fast, sub.rows, ~sure, held, computed.unit)
            self._sum_recomputed(step, sub, ~sure)
            return sure
        if isinstance(fast, FNum):
            out = _to_exact(fast, sub.rows)
            assert isinstance(computed, XNum)
            out.v[need] = computed.v
            out.unit = computed.unit
        else:
            out = np.array(np.asarray(fast)[sub.rows], copy=True)
            out[need] = computed
        sub.values[step.id] = out
        self._sum_recomputed(step, sub, ~sure)
        return sure

    def _sum_recomputed(self, step: Step, sub: Columns, recomputed: np.ndarray) -> None:
        """After the merge (``_merge_spells``), an employee's value of ``sum_at`` recomputed
        on the exact backend is their own position's: add their other positions' (rows of
        ``sub`` too, see ``exact_rows``; else the exact path's or the certified fast value).
        A value taken from the fast column is the merged one already."""
        spells = self.spells
        if not self.merged or spells is None or self.sum_index is None:
            return
        if step.id != self.ruleset.steps[self.sum_index].id:
            return
        rows = sub.rows
        heads = np.flatnonzero(recomputed & np.isin(rows, spells.owner))
        if not len(heads):
            return
        col = sub.values[step.id]
        if isinstance(col, Deferred):
            col = col.resolve()
        assert isinstance(col, XNum)
        col = XNum(col.v.copy(), col.unit)
        where = {int(r): i for i, r in enumerate(rows.tolist())}
        fast = self.fast.values[step.id]
        assert isinstance(fast, FNum)
        for i in heads.tolist():
            col.v[i] = self._spell_total(int(rows[i]), col.v[i], col.v, where, fast)
        sub.values[step.id] = col

    def _run_exact(
        self, step: Step, cols: Columns, pending: list[tuple[np.ndarray, str, Reason]] | None = None
    ) -> None:
        rtype = registry.get(step.type)
        used: dict[str, DatedValue] = {}
        params = rtype.params.model_validate(
            resolve(step.params, self.ruleset, self.period.start, used)
        )
        ctx = self._ctx(step, cols, Tracker(len(cols.rows)), used, pending)
        cols.values[step.id] = self._call(rtype, ctx, params)

    def _exact_step(self, k: int, flagged: np.ndarray) -> np.ndarray:
        """Step ``k`` for the rows on the exact path; returns (over the frame's rows) those
        whose certified fast value was taken as exact. Their inputs were patched with exact
        values, so a fast value with bound 0 that this step did not flag is the exact one."""
        step = self.ruleset.steps[k]
        sure = self._exact_values(step, self.exact, flagged)
        changed = ~sure
        if changed.any():
            idx = np.flatnonzero(changed)
            self.fast.values[step.id] = _patch(
                self.fast.values[step.id],
                _take_rows(self.exact.values[step.id], idx),
                self.exact.rows[idx],
            )
        reused = np.zeros(self.n, dtype=bool)
        reused[self.exact.rows[sure]] = True
        return reused


class _FullRun:
    """A run's rows as they were before the other positions' rows retired
    (``_Run._retire_spells``)."""

    __slots__ = ("alive", "exact", "fast", "frame", "in_exact", "n", "reason_id", "shared")

    def __init__(
        self,
        frame: pd.DataFrame,
        fast: dict[str, Any],
        exact: Columns,
        in_exact: np.ndarray,
        alive: np.ndarray,
        reason_id: np.ndarray,
        shared: dict[Any, Any],
    ) -> None:
        self.frame, self.fast, self.exact = frame, fast, exact
        self.in_exact, self.alive, self.reason_id = in_exact, alive, reason_id
        self.n = len(frame)
        #: the input columns the steps shared (every row of ``frame``), read by the views
        #: (``_Run._as_full``); a dict of its own: the run's gets arrays of n rows later
        self.shared = shared


def _spell_sums(
    fast: FNum, counted: np.ndarray, heads: np.ndarray, own: np.ndarray, n: int
) -> FNum:
    """``fast`` with each of ``heads`` holding the sum of its employee's counted positions'
    values (its own row and the rows ``n + j`` whose ``own[j]`` it is; a row not counted
    adds 0), the other rows as they were.

    The sum is made with the fast column's own addition (one per position after the
    first, over the employees with that many: a few vectorised adds): its bound is the
    parts' bounds plus the float addition's rounding, what a bounded part-month amount
    carries, so the employee stays on the fast path unless a later step flags the row."""
    bound = fast.e  # the relative part added in: each part's whole bound
    parts = FNum(
        np.where(counted, fast.v, 0.0),
        None if bound is None else np.where(counted, bound, 0.0),
        fast.s,
        fast.unit,
        fast.tr,
    )
    total = parts.take(heads)
    tv, te = total.v.copy(), np.zeros(len(heads)) if total._e is None else total._e.copy()
    # each secondary row's rank among its employee's (0: the first after the own row)
    order = np.argsort(own, kind="stable")
    first = np.searchsorted(own[order], own[order], "left")
    rank = np.empty(len(own), dtype=np.int64)
    rank[order] = np.arange(len(own)) - first
    for r in range(int(rank.max()) + 1 if len(rank) else 0):
        sel = np.flatnonzero(rank == r)
        at = np.searchsorted(heads, own[sel])
        e = te[at]
        added = FNum(tv[at], e if e.any() else None, fast.s, fast.unit, fast.tr) + parts.take(
            n + sel
        )
        tv[at] = added.v
        te[at] = 0.0 if added.e is None else added.e
    v = fast.v.copy()
    v[heads] = tv
    e = np.zeros(len(v)) if bound is None else bound.copy()
    e[heads] = te
    return FNum(v, e if e.any() else None, fast.s, fast.unit, fast.tr)


def _additive(col: Any) -> bool:
    """Whether a component's column can be summed over an employee's positions: an amount
    in rupiah (a part of the allowance for the position's days). A ratio, a count or a text
    cannot: such a column keeps the latest position's value."""
    return isinstance(col, FNum) and col.unit == "rupiah"


def _head(value: Any, n: int) -> Any:
    """The first ``n`` rows of a step's column (a view where it can be)."""
    if isinstance(value, FNum | XNum):
        return value.take(slice(0, n))  # type: ignore[arg-type]
    return np.asarray(value)[:n]


def _concat(a: Any, b: Any) -> Any:
    if isinstance(a, XNum):
        unit = a.unit if isinstance(b, XNum) else None
        return XNum(np.concatenate([a.v, b.v]), unit)
    return np.concatenate([np.asarray(a, dtype=object if a.dtype == object else a.dtype), b])


def _take_rows(value: Any, idx: np.ndarray) -> Any:
    return value.take(idx) if isinstance(value, XNum | Deferred) else np.asarray(value)[idx]


def _to_exact(fast: Any, rows: np.ndarray) -> Any:
    if isinstance(fast, FNum):
        return fractions_of(fast, rows)
    return np.asarray(fast)[rows]


def _patch(fast: Any, exact: Any, rows: np.ndarray) -> Any:
    """Write exact values into the fast column at ``rows`` (certified where representable)."""
    if not isinstance(fast, FNum):
        arr = np.array(fast, copy=True)
        arr[rows] = exact
        return arr
    assert isinstance(exact, XNum)
    v = fast.v.copy()
    patched = np.zeros(len(rows))  # the patched rows' bounds (0: certified)
    scale = 10**fast.s
    for j, i in enumerate(rows.tolist()):
        q = exact.v[j]
        if q is None:
            v[i] = np.nan
            continue
        x = q * scale
        v[i] = float(x)
        if not (x.denominator == 1 and abs(x) < LIMIT):
            patched[j] = abs(v[i]) * U * 2
    # a column without per-row bounds gets one only if a patched row needs it
    e: np.ndarray | None = None
    if fast._e is not None:
        e = fast._e.copy()
        e[rows] = patched
    elif patched.any():
        e = np.zeros(len(v))
        e[rows] = patched
    # the relative part of the bound stays as it was (it only widens the patched rows')
    return FNum(v, e if e is not None and e.any() else None, fast.s, fast.unit, fast.tr, r=fast.r)
