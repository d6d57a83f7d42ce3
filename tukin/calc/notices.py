"""What a payment run tells the person running it: input that rejects nobody but may change pay.

A run pays every employee it can and lists the rest; some of what it sees is neither. An
attendance code no step reads, sanctions in force under a rule set without a sanction step,
an ``absence_sanction`` step whose months of attendance are not in the Dataset, employees paid under a rule set's "no SKP" or "no attendance" rule, rejected rows that were
meant for somebody the run cannot name: each pays someone differently from what HR
probably intended, and none is a reason to stop the run. Each becomes an
:class:`~tukin.errors.InputWarning`, issued with :func:`warnings.warn` (the CLI prints it)
*and* kept on the :class:`~tukin.result.Result` (``result.warnings``), so that it reaches the
files the finance office reads, not only a console.

A run's own part (:class:`Observed`) is a few counts that add up over partitions, so a
partitioned run (:mod:`tukin.distributed`) warns exactly as one :func:`tukin.calculate` does.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pydantic import BaseModel

from tukin.calc.blocked import sanction_steps, unmatched_rows
from tukin.calc.needs import words
from tukin.errors import InputWarning, Lang, split_cell
from tukin.money import format_rupiah
from tukin.rules.basic import SHADOWED
from tukin.rules.budget import unpaid_shares
from tukin.ruleset.types import fmt_exact

if TYPE_CHECKING:
    from tukin.calc.engine import _Run
    from tukin.dataset import Dataset
    from tukin.monitoring.rollup import RollupPolicy
    from tukin.period import Period
    from tukin.ruleset.model import RuleSet

__all__ = ["Observed", "issue", "notices", "observe", "unread_codes", "unread_extra_columns"]

#: Frame columns that come from the appraisal and the attendance tables (besides the codes).
_APPRAISAL_COLUMNS = frozenset({"results", "behaviour", "has_appraisal"})
#: Locations named in a warning before "…".
_SHOWN = 5
#: keys of a look-up's default named in its warning (lookup_default), the others counted
_KEYS_SHOWN = 10
#: A look-up step's key not in its table: (step, key, the default (shown, exact text), paid
#: employees who took it, a few of their NIPs)
_Defaulted = tuple[str, str, tuple[str, str], int, tuple[str, ...]]


def _few(shown: list[str], sep: str = ", ", total: int | None = None) -> str:
    """The first :data:`_SHOWN` of ``shown`` joined by ``sep``, and ``…`` when there are more
    (``total``: how many there are, where only the first few were worded)."""
    more = (len(shown) if total is None else total) > _SHOWN
    return sep.join(shown[:_SHOWN]) + (f"{sep}…" if more else "")


@dataclass(frozen=True)
class Observed:
    """What one run (or partition) saw that a warning reports; partitions' add up."""

    #: attendance codes with occurrences in the period that no step reads or names
    unread: frozenset[str] = frozenset()
    #: paid employees without an appraisal row for the period, when a step reads appraisals
    without_appraisal: int = 0
    #: paid employees without an attendance row for the period, when a step reads attendance
    without_attendance: int = 0
    #: paid employees
    paid: int = 0
    #: input columns a formula did not read because a parameter of that name came first
    shadowed: frozenset[str] = frozenset()
    #: per ceiling step, (employees, rupiah) of shares allotted to employees a later step
    #: rejected (tukin.rules.budget.unpaid_shares)
    unpaid_shares: tuple[tuple[str, int, int], ...] = ()
    #: (ceiling step, key) of every key of a ceiling's table of amounts, and (ceiling step,
    #: group) of every group a row is in: a key no partition found is a typo or an empty OPD
    ceiling_keys: frozenset[tuple[str, str]] = frozenset()
    ceiling_groups: frozenset[tuple[str, str]] = frozenset()
    #: the input columns some step read (tukin.calc.context.StepContext.reads)
    read: frozenset[str] = frozenset()
    #: per look-up step and key not in its table, the paid employees who took the table's
    #: default: (step, key, the default (shown, exact), employees, a few of their NIPs, sorted)
    defaulted: tuple[_Defaulted, ...] = ()
    #: (absence_sanction step, its column, NIP, first month of the cut) of every employee
    #: who reached a tier of unexcused days in the period (tukin.rules.sanctions.reached_in)
    reached: frozenset[tuple[str, str, str, str]] = frozenset()
    #: (absence_sanction step, its column, the run's days, NIP, months) of every employee
    #: whose monthly rows cannot tell whether a run of unexcused days in a row was reached in
    #: the period (tukin.rules.sanctions.unchecked_runs)
    unchecked: frozenset[tuple[str, str, int, str, str]] = frozenset()

    def __add__(self, other: Observed) -> Observed:
        return Observed(
            self.unread | other.unread,
            self.without_appraisal + other.without_appraisal,
            self.without_attendance + other.without_attendance,
            self.paid + other.paid,
            self.shadowed | other.shadowed,
            _summed(self.unpaid_shares + other.unpaid_shares),
            self.ceiling_keys | other.ceiling_keys,
            self.ceiling_groups | other.ceiling_groups,
            self.read | other.read,
            _defaults_summed(self.defaulted + other.defaulted),
            self.reached | other.reached,
            self.unchecked | other.unchecked,
        )


def _defaults_summed(found: tuple[_Defaulted, ...]) -> tuple[_Defaulted, ...]:
    """(step, key, default, employees, NIPs) added up per step and key, in the order they
    first appear; the first :data:`_SHOWN` NIPs of all, sorted (as one run finds them)."""
    total: dict[tuple[str, str], tuple[tuple[str, str], int, tuple[str, ...]]] = {}
    for step, key, default, count, nips in found:
        was = total.get((step, key), (default, 0, ()))
        total[(step, key)] = (default, was[1] + count, tuple(sorted({*was[2], *nips})[:_SHOWN]))
    return tuple((step, key, d, c, n) for (step, key), (d, c, n) in total.items())


def _defaulted(run: _Run) -> tuple[_Defaulted, ...]:
    """Per look-up step with a default and key not in its table, the employees still paid
    who took the default, and a few of their NIPs (the frame is in NIP order: its first).
    The default as a person reads it (``Rp0``) and as exact text (``0``) for ``fields``."""
    out: list[_Defaulted] = []
    for trace in run.traces:
        found = run.cache.get(trace.step.id, {}).get("defaulted")
        if found is None:
            continue
        keys, value, unit = found
        if unit == "rupiah" and value.denominator == 1:
            shown = format_rupiah(int(value), lang="id")
        else:
            shown = fmt_exact(value)
        default = (shown, fmt_exact(value))
        nip = run.frame["nip"].to_numpy()
        for key, rows in keys.items():
            rows = _employee_rows(run, rows)
            paid = rows[run.alive[rows]]
            if len(paid):
                nips = [str(n) for n in nip[paid[: _SHOWN * 4]]]
                out.append(
                    (trace.step.id, str(key), default, len(paid), tuple(sorted(nips)[:_SHOWN]))
                )
    return tuple(out)


def _employee_rows(run: _Run, rows: np.ndarray) -> np.ndarray:
    """``rows`` of the frame a step ran on, as rows of the Result's: an earlier position's
    row (past the n employees, :mod:`tukin.calc.spells`, found by a step before
    ``position_history.sum_at``) is its employee's, each employee once (review 106: such a
    row used to index past the run's n rows)."""
    spells = run.spells
    rows = np.asarray(rows, dtype=np.int64)
    if spells is None or not len(rows) or rows.max() < spells.n:
        return rows
    later = rows >= spells.n
    heads = spells.owner[np.where(later, rows - spells.n, 0)]
    return np.unique(np.where(later, heads, rows))


def _natural(text: str) -> tuple[Any, ...]:
    """A sort key putting ``grade 4`` before ``grade 14``."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", text))


def _summed(shares: tuple[tuple[str, int, int], ...]) -> tuple[tuple[str, int, int], ...]:
    """(step, employees, rupiah) added up per step, in the order steps first appear."""
    total: dict[str, tuple[int, int]] = {}
    for step, count, amount in shares:
        was = total.get(step, (0, 0))
        total[step] = (was[0] + count, was[1] + amount)
    return tuple((step, c, a) for step, (c, a) in total.items())


def observe(run: _Run) -> Observed:
    """The counts of ``run`` (after its evaluation) that :func:`notices` reports."""
    frame = run.frame
    read = {name for trace in run.traces for name in trace.reads}
    codes = set(frame.attrs.get("attendance_codes", ()))
    paid = run.alive

    def without(column: str, reads: bool) -> int:
        if not reads or column not in frame:
            return 0
        return int((paid & ~frame[column].to_numpy(dtype=bool)).sum())

    return Observed(
        frozenset(unread_codes(run)),
        without("has_appraisal", bool(read & _APPRAISAL_COLUMNS)),
        without("has_attendance", bool(read & (codes | {"has_attendance"}))),
        int(paid.sum()),
        frozenset(
            name
            for trace in run.traces
            for name in str(trace.notes.get(SHADOWED) or "").split(", ")
            if name
        ),
        _summed(
            tuple(
                (step.id, len(shares), int(shares.sum()))
                for step in run.ruleset.steps
                if step.type == "ceiling"
                for _, _, shares in [unpaid_shares(run, step.id)]
                if len(shares)
            )
        ),
        *_ceiling_tables(run),
        frozenset(read),
        _defaults_summed(_defaulted(run)),
        _reached(run),
        frozenset(
            (step, column, int(getattr(getattr(params, "run", None), "days", 0)), nip, months)
            for step, column, nip, months in _reached(run, "unchecked")
            for params in [_params_of(run, step)]
        ),
    )


def _params_of(run: _Run, step: str) -> Any:
    """The validated parameters of ``step`` in ``run`` (its trace's)."""
    return next(t.params for t in run.traces if t.step.id == step)


def _reached(run: _Run, what: str = "reached") -> frozenset[tuple[str, str, str, str]]:
    """Per ``absence_sanction`` step, the employees of the run who reached a tier of
    unexcused days in the period (paid or not: the sanction is theirs either way), with the
    month their cut starts; with ``what="unchecked"``, those whose rows cannot tell a run of
    days in a row, with the months. One ``isin`` of the frame's NIPs against the few found."""
    out: set[tuple[str, str, str, str]] = set()
    nip = run.frame["nip"]
    numbers = nip.dtype.kind in "iu" or str(nip.dtype) == "Int64"
    for trace in run.traces:
        found = run.cache.get(trace.step.id, {}).get(what)
        if not found:
            continue
        keys = [int(k) for k in found if k.isdigit()] if numbers else list(found)
        held = nip[nip.isin(keys).to_numpy(dtype=bool)]
        column = str(getattr(trace.params, "column", "tk"))
        out |= {(trace.step.id, column, str(n), found[str(n)]) for n in held.tolist()}
    return frozenset(out)


def _ceiling_tables(run: _Run) -> tuple[frozenset[tuple[str, str]], frozenset[tuple[str, str]]]:
    """The keys of each ceiling's table of amounts and the groups its rows are in."""
    keys: set[tuple[str, str]] = set()
    groups: set[tuple[str, str]] = set()
    for step in run.ruleset.steps:
        if step.type == "ceiling":
            cache = run.cache.get(step.id, {})
            keys |= {(step.id, k) for k in cache.get("table_keys", ())}
            groups |= {(step.id, g) for g in cache.get("groups_found", ())}
    return frozenset(keys), frozenset(groups)


def unread_codes(run: _Run) -> list[str]:
    """The attendance codes with occurrences in ``run``'s period that no step reads or names
    (a step "names" a code when it reads the column or mentions it anywhere in its
    parameters: a rates table, a formula, a column)."""
    codes = run.frame.attrs.get("attendance_codes", ())
    if not codes:
        return []
    named = {name for trace in run.traces for name in trace.reads}
    for step in run.ruleset.steps:
        named |= words(step.params)
    for trace in run.traces:  # with the defaults: absence_sanction counts "tk" unless told
        if isinstance(trace.params, BaseModel):
            named |= words(trace.params.model_dump())
    frame = run.frame
    return [c for c in codes if c not in named and c in frame and (frame[c].to_numpy() != 0).any()]


def unread_extra_columns(
    dataset: Dataset | None, ruleset: RuleSet, seen: Observed
) -> list[InputWarning]:
    """The reading notes ``extra_columns`` of ``dataset`` made precise by a run that saw
    ``seen``: per sheet, the extra columns no step of ``ruleset`` read
    (``extra_columns_unread``); nothing for a sheet whose extra columns were all read.

    The reader lists every column the contract does not know, not knowing the rules; a
    column a formula or a step reads (``skp_realisation``, a unit's ``terpencil``) was used,
    and a note calling it unused would send the officer looking for a fault that is not
    there. Like the reading note, it is issued, not filed with the payment."""
    if dataset is None:
        return []
    lang: Lang = "en" if dataset.lang == "en" else "id"
    out: list[InputWarning] = []
    for note in dataset.warnings:
        names, shown = note.fields.get("names"), note.fields.get("shown")
        if note.code != "extra_columns" or names is None or shown is None:
            continue
        unread = [(n, s) for n, s in zip(names, shown, strict=True) if n not in seen.read]
        if unread:
            fields = {
                "value": note.fields.get("value"),
                "table": note.fields.get("table"),
                "columns": ", ".join(s for _, s in unread),
                "ruleset": ruleset.name,
            }
            out.append(
                InputWarning("extra_columns_unread", lang, **fields).with_params(
                    # the columns as the table names them, a list (review 88)
                    {**fields, "columns": [n for n, _ in unread]}
                )
            )
    return out


def _default_warnings(
    seen: Observed, ruleset: RuleSet, lang: Lang, common: dict[str, str]
) -> list[InputWarning]:
    """``lookup_default``: per look-up step, the paid employees given its default. Its
    ``fields`` hold data (review 88): the default as exact text, the keys shown as a list of
    ``{key, employees}`` (and ``more_keys``), the NIPs shown as a list; the message joins
    them, the key with the step's column (``grade 14``)."""
    out: list[InputWarning] = []
    # in step order, keys in natural order (kelas 4 before 14): as every partition agrees
    by_step: dict[str, list[tuple[str, tuple[str, str], int, tuple[str, ...]]]] = {
        s.id: [] for s in ruleset.steps
    }
    for step, key, default, count, nips in seen.defaulted:
        by_step.setdefault(step, []).append((key, default, count, nips))
    columns = {s.id: s.params.get("key") for s in ruleset.steps}
    for step, found in by_step.items():
        if not found:
            continue
        found.sort(key=lambda f: _natural(f[0]))
        column = columns.get(step)
        named = [f"{column} {k}" if isinstance(column, str) else k for k, *_ in found]
        count = sum(c for _, _, c, _ in found)
        # a few keys, and how many others (a table by NIP: a key per employee)
        more = len(found) - _KEYS_SHOWN
        shown_keys = list(zip(named, found, strict=True))[:_KEYS_SHOWN]
        keys = {
            f"keys_{lg}": ", ".join(f"{n} ({c} {word})" for n, (_, _, c, _) in shown_keys)
            + (f" {others.format(more)}" if more > 0 else "")
            for lg, word, others in (
                ("en", "employees", "and {} other keys"),
                ("id", "pegawai", "dan {} kunci lain"),
            )
        }
        examples = sorted({n for *_, nips in found for n in nips})
        params: dict[str, Any] = {
            "value": count,
            "step": step,
            "column": column if isinstance(column, str) else None,
            "default": found[0][1][1],
            "keys": [{"key": k, "employees": c} for k, _, c, _ in found[:_KEYS_SHOWN]],
            "more_keys": more if more > 0 else None,
            "nips": examples[:_SHOWN],
            **common,
        }
        out.append(
            InputWarning(
                "lookup_default",
                lang,
                value=count,
                step=step,
                default=found[0][1][0],
                **keys,
                nips=_few(examples, total=count),
                **common,
            ).with_params(params)
        )
    return out


def notices(
    dataset: Dataset | None, ruleset: RuleSet, period: Period, seen: Observed
) -> list[InputWarning]:
    """Every warning of a run over ``dataset`` that saw ``seen``, in the Dataset's language."""
    lang: Lang = "en" if dataset is not None and dataset.lang == "en" else "id"
    common = {"period": str(period), "ruleset": ruleset.name}
    out: list[InputWarning] = []
    if dataset is not None and seen.unread:
        # sorted: the warning is filed with the result, which the input's column order (a
        # JSON object's keys, a sheet's columns) must not change; every partition agrees
        unread = sorted(seen.unread)
        # the codes as a list for a program (``fields``), joined for a person
        out.append(
            InputWarning(
                "unread_attendance_code", lang, value=", ".join(unread), **common
            ).with_params({"value": unread, **common})
        )
    if seen.shadowed:
        shadowed = sorted(seen.shadowed)
        out.append(
            InputWarning(
                "parameter_shadows_column", lang, value=", ".join(shadowed), **common
            ).with_params({"value": shadowed, **common})
        )
    unmatched: dict[str, list[str]] = {}
    for step, key in sorted(seen.ceiling_keys - seen.ceiling_groups):
        unmatched.setdefault(step, []).append(key)
    for step, keys in unmatched.items():
        shown = ", ".join(f"'{k}'" for k in keys)
        out.append(
            InputWarning(
                "ceiling_key_unmatched", lang, value=shown, step=step, **common
            ).with_params({"value": keys, "step": step, **common})
        )
    out += _default_warnings(seen, ruleset, lang, common)
    for step, count, amount in seen.unpaid_shares:
        if not amount:  # shares of Rp0 (a ceiling of 0): nothing is kept back; the rejected
            continue  # list already says who is not paid and why
        shown = format_rupiah(amount, lang="id")
        fields = {"value": count, "step": step, **common}
        out.append(
            # the amount itself for a program, not its words
            InputWarning("ceiling_share_unpaid", lang, amount=shown, **fields).with_params(
                {**fields, "amount": amount}
            )
        )
    applying = sanction_steps(ruleset)
    if dataset is not None and applying and not dataset._was_given("sanctions"):
        # given without rows is "no sanctions this period"; not given at all is not known
        value = ", ".join(f"'{s}'" for s in applying)
        out.append(
            InputWarning("sanctions_table_absent", lang, value=value, **common).with_params(
                {"value": list(applying), **common}
            )
        )
    sanctions = _unapplied_sanctions(dataset, ruleset, period)
    if sanctions:
        out.append(InputWarning("unapplied_sanctions", lang, value=sanctions, **common))
    other = _other_kinds(dataset, ruleset, period)
    if other is not None:
        out.append(_issued("sanction_kind_unapplied", lang, other, common))
    for fields in _missing_absence_history(dataset, ruleset, period):
        out.append(InputWarning("absence_history_missing", lang, **fields, **common))
    for fields in _missing_free_history(dataset, ruleset, period):
        out.append(InputWarning("free_history_missing", lang, **fields, **common))
    for fields in _spell_free_counted_monthly(dataset, ruleset, period):
        out.append(InputWarning("free_per_spell_monthly", lang, **fields, **common))
    out += _tier_warnings(seen, ruleset, lang, common)
    out += _run_warnings(seen, ruleset, lang, common)
    for fields in _unreported_opds(dataset, ruleset, period):
        out.append(_issued("opd_unreported", lang, fields, common))
    for code, fields in _flows_left_out(dataset, ruleset, period):
        out.append(_issued(code, lang, fields, common))
    for fields in _money_over_pagu(dataset, ruleset, period):
        out.append(_issued("money_over_pagu", lang, fields, common))
    for fields in _own_unscored(dataset, ruleset, period):
        out.append(_issued("rollup_own_unscored", lang, fields, common))
    for code, count in (
        ("paid_without_appraisal", seen.without_appraisal),
        ("paid_without_attendance", seen.without_attendance),
    ):
        if count:
            out.append(InputWarning(code, lang, value=count, total=seen.paid, **common))
    # rows given twice and read once; rejected rows nobody can be stopped for: meant for an
    # employee no NIP names, or for an indicator or work item no kept row names
    found: list[tuple[str, str, dict[str, str], list[str]]] = [
        ("duplicate_rows_read_once", table, {}, where)
        for table, where in _read_once(dataset).items()
    ]
    found += [
        ("unmatched_rejected_rows", table, {"effect": effect}, where)
        for (table, effect), where in unmatched_rows(dataset, ruleset, period).items()
    ]
    found += [
        ("unplaced_rejected_rows", table, {}, where)
        for table, where in _unplaced(dataset, ruleset, period).items()
    ]
    for code, table, extra, where in found:
        out.append(
            InputWarning(
                code,
                lang,
                value=len(where),
                table=_sheet(table, lang),
                rows=_few(where, "; "),
                **extra,
                **common,
            ).with_params(
                # the table by its contract name, not its sheet's in one language; the rows'
                # places are words for a person (the table's key names each row there)
                {"value": len(where), "table": table, **extra, **common}
            )
        )
    return out


def _issued(code: str, lang: Lang, fields: dict[str, Any], common: dict[str, str]) -> InputWarning:
    """The warning ``code`` with ``fields`` and ``common``; ``fields["params"]``, when there,
    holds the data a program reads (``fields``) in place of the words of the same keys: a
    list of steps where the message quotes them joined, amounts as whole rupiah (review 88)."""
    fields = dict(fields)
    data = fields.pop("params", {})
    warning = InputWarning(code, lang, **fields, **common)
    return warning.with_params({**fields, **data, **common}) if data else warning


def _tier_warnings(
    seen: Observed, ruleset: RuleSet, lang: Lang, common: dict[str, str]
) -> list[InputWarning]:
    """``absence_tier_reached``: per ``absence_sanction`` step, the employees who reached a
    tier of unexcused days in the period. The step cuts them from a later month, and says so
    in their explanation; the month the tier is reached their pay is whole, and nothing else
    tells HR that a decision letter (SK) is to be drafted, as PP 94/2021 imposes the
    sanction by one (docs/fiscal.md)."""
    out: list[InputWarning] = []
    by_step: dict[str, list[tuple[str, str, str]]] = {}
    for step, column, nip, start in seen.reached:
        by_step.setdefault(step, []).append((nip, start, column))
    for step in [s.id for s in ruleset.steps if s.id in by_step]:
        found = sorted(by_step[step])
        nips = [n for n, _, _ in found]
        starts = sorted({s for _, s, _ in found})
        out.append(
            InputWarning(
                "absence_tier_reached",
                lang,
                value=len(found),
                step=step,
                column=found[0][2],
                start=", ".join(starts),
                nips=_few(nips),
                **common,
            ).with_params(
                # lists for a program, joined for a person (review 88)
                {
                    "value": len(found),
                    "step": step,
                    "column": found[0][2],
                    "start": starts,
                    "nips": nips[:_SHOWN],
                    **common,
                }
            )
        )
    return out


def _run_warnings(
    seen: Observed, ruleset: RuleSet, lang: Lang, common: dict[str, str]
) -> list[InputWarning]:
    """``absence_run_unchecked``: per ``absence_sanction`` step with a ``run``, the employees
    whose unexcused days in the period could hold a run of ``run.days`` working days in a row
    (PP 94/2021: dismissal) that their monthly rows cannot tell: nothing cuts or names it, and
    without the warning nobody would look at their daily attendance."""
    out: list[InputWarning] = []
    by_step: dict[str, list[tuple[str, str, str]]] = {}
    run_days: dict[str, int] = {}
    for at, column, days, nip, months in seen.unchecked:
        by_step.setdefault(at, []).append((nip, months, column))
        run_days[at] = days
    for step in ruleset.steps:
        if step.id not in by_step:
            continue
        found = sorted(by_step[step.id])
        nips = [n for n, _, _ in found]
        listed = sorted({m for _, said, _ in found for m in said.split(", ")})
        days = run_days[step.id]
        out.append(
            InputWarning(
                "absence_run_unchecked",
                lang,
                value=len(found),
                step=step.id,
                column=found[0][2],
                days=days,
                months=", ".join(listed),
                nips=_few(nips),
                **common,
            ).with_params(
                {
                    "value": len(found),
                    "step": step.id,
                    "column": found[0][2],
                    "days": days,
                    "months": listed,
                    "nips": nips[:_SHOWN],
                    **common,
                }
            )
        )
    return out


def _reading_groups(
    ruleset: RuleSet,
    period: Period,
    key: Callable[[RollupPolicy], tuple[str, ...] | None],
) -> list[tuple[list[str], RollupPolicy]]:
    """The roll-up steps reading achievement figures (``rollup``, and ``opd_score`` /
    ``opd_factor`` with ``source: achievement``) grouped by ``key`` of their
    :class:`RollupPolicy` (``None``: the step is left out), in the rule pack's order: per
    group its step ids and the first step's policy.

    Why: the notices about what the figures hold are said once per group of steps reading
    the same figures, not once per step; the walk and the grouping are shared."""
    from tukin.monitoring import rollup_policy_of

    groups: dict[tuple[str, ...], tuple[list[str], RollupPolicy]] = {}
    for step in ruleset.steps:
        if step.type not in ("rollup", "opd_score", "opd_factor"):
            continue
        if step.type != "rollup" and step.params.get("source", "achievement") != "achievement":
            continue  # money: no indicator is read
        policy, _ = rollup_policy_of(ruleset, period, step.id)
        k = key(policy)
        if k is None:
            continue
        groups.setdefault(k, ([], policy))[0].append(step.id)
    return list(groups.values())


def _unreported_opds(
    dataset: Dataset | None, ruleset: RuleSet, period: Period
) -> list[dict[str, Any]]:
    """Per group of roll-up steps reading the same indicator figures (same ``periods`` and
    ``min_status``) under ``missing_realisation: zero``: the OPDs whose indicators with a
    target have not one counted realisation (``opd_unreported``).

    Why: an indicator with a target and nothing counted scores 0 ("not reporting is not
    performing"), which is right for a lagging section but wrong for an OPD whose e-Pantau
    export was never loaded, or whose figures all wait for approval: everyone scored from it
    would be paid on 0 % performance without a word. A whole OPD with nothing counted is the
    sign of the second; one counted figure makes it the first (the monitoring report names
    those indicators). Read from the Dataset, so every partition of a run agrees."""
    if dataset is None:
        return []
    from tukin.hierarchy import Hierarchy
    from tukin.monitoring.rollup import targeted
    from tukin.rules.hierarchy import _figures_for

    def zero_reading(policy: RollupPolicy) -> tuple[str, ...] | None:
        if policy.missing_realisation != "zero":
            return None
        # the figures are the same for a (periods, min_status); which targets count, per
        # zero_target
        return (str(policy.periods), str(policy.min_status), str(policy.zero_target))

    out: list[dict[str, Any]] = []
    for steps, policy in _reading_groups(ruleset, period, zero_reading):
        h = Hierarchy.from_dataset(dataset)
        fig = _figures_for(dataset, h, period, policy)
        if not len(fig):
            continue
        opd = fig["work_item_id"].map(h.work_items.set_index("work_item_id")["opd_id"])
        target = targeted(fig, policy)
        counted = target & fig["value"].notna().to_numpy(dtype=bool)
        per = pd.DataFrame({"opd": opd.to_numpy(dtype=object), "t": target, "c": counted})
        per = per[per["opd"].notna()].groupby("opd", sort=True)[["t", "c"]].sum()
        bare = per[(per["t"] > 0) & (per["c"] == 0)]
        if bare.empty:
            continue
        shown = [f"{o} ({int(n)})" for o, n in bare["t"].items()]
        out.append(
            {
                "value": len(shown),
                "opds": _few(shown),
                "step": ", ".join(f"'{s}'" for s in steps),
                "status": str(policy.min_status),
                "params": {
                    "opds": [
                        {"opd": str(o), "indicators": int(n)}
                        for o, n in list(bare["t"].items())[:_SHOWN]
                    ],
                    "step": list(steps),
                },
            }
        )
    return out


def _flows_left_out(
    dataset: Dataset | None, ruleset: RuleSet, period: Period
) -> list[tuple[str, dict[str, Any]]]:
    """Per group of steps reading the same indicator figures (``periods``, ``min_status``),
    what the figures of summed indicators leave out (:mod:`tukin.monitoring.flows`):

    ``flow_target_longer_period``
        indicators whose only target is for a longer period around ``period``
        (``target_longer``: a quarter's plan in a monthly payment). Such an indicator is
        neither "without a target" (the sheet holds one, the quarter's) nor scored, and a
        position whose items hold nothing else has no score of its own: it takes another
        source's, or is rejected;
    ``flow_reports_unplanned``
        indicators with reports of months without a target, left out of the period's ratio
        (``value_unplanned``): a month's target forgotten lowers the score, one typed later
        raises it, and the run is where the payment is decided;
    ``flow_reports_partly_unplanned``
        indicators with a report over months with a target and months without (a quarter's
        recap beside monthly targets), counted whole (``value_beyond_plan``): it cannot be
        split, so output no plan asked for is in the ratio.

    Counted like the report's ``indicators_flow_longer_target`` and
    ``indicators_unplanned_reports``; read from the Dataset, so every partition agrees."""
    if dataset is None or "aggregation" not in dataset["indicators"]:
        return []
    if not (dataset["indicators"]["aggregation"] == "sum").any():
        return []
    from tukin.hierarchy import Hierarchy
    from tukin.rules.hierarchy import _figures_for

    out: list[tuple[str, dict[str, Any]]] = []
    h = None
    groups = _reading_groups(
        ruleset, period, lambda policy: (str(policy.periods), str(policy.min_status))
    )
    for steps, policy in groups:
        h = h or Hierarchy.from_dataset(dataset)
        fig = _figures_for(dataset, h, period, policy)
        for code, column in (
            ("flow_target_longer_period", "target_longer"),
            ("flow_reports_unplanned", "value_unplanned"),
            ("flow_reports_partly_unplanned", "value_beyond_plan"),
        ):
            if column not in fig:
                continue
            left = fig[pd.Series(fig[column], copy=False).notna().to_numpy(dtype=bool)]
            if left.empty:
                continue
            shown = [
                f"{i} ({w}, {t})"
                for i, w, t in left[["indicator_id", "work_item_id", column]]
                .head(_SHOWN + 1)
                .itertuples(index=False)
            ]
            fields = {
                "value": len(left),
                "indicators": _few(shown, ", ", total=len(left)),
                "step": ", ".join(f"'{s}'" for s in steps),
                "params": {
                    "indicators": [
                        {"indicator": str(i), "item": str(w)}
                        for i, w in left[["indicator_id", "work_item_id"]]
                        .head(_SHOWN)
                        .itertuples(index=False)
                    ],
                    "step": list(steps),
                },
            }
            out.append((code, fields))
    return out


def _money_over_pagu(
    dataset: Dataset | None, ruleset: RuleSet, period: Period
) -> list[dict[str, Any]]:
    """Per ``min_status`` of the ``opd_score`` / ``opd_factor`` steps reading spending
    (``source: financial`` or ``absorption``): the work items spending more than their pagu
    by the period's end (:func:`tukin.monitoring.report.items_over_pagu`).

    Why: those steps divide spending by pagu or plan, so spending above the pagu (running
    totals typed into the monthly column, or a pagu not updated) raises the OPD's score and
    everyone's allowance with it. The pagu is the ceiling SIPD enforces: above it is an entry
    to correct, not performance. Read from the Dataset, so every partition agrees."""
    if dataset is None:
        return []
    from tukin.hierarchy import Hierarchy
    from tukin.monitoring import rollup_policy_of
    from tukin.monitoring.figures import Status, budget_figures
    from tukin.monitoring.report import items_over_pagu

    groups: dict[Status, list[str]] = {}
    for step in ruleset.steps:
        if step.type not in ("opd_score", "opd_factor"):
            continue
        if step.params.get("source", "achievement") not in ("financial", "absorption"):
            continue
        status = rollup_policy_of(ruleset, period, step.id)[0].min_status
        groups.setdefault(status, []).append(step.id)
    out: list[dict[str, Any]] = []
    for status, steps in groups.items():
        money = budget_figures(
            dataset["budget_realisations"],
            period,
            cumulative=True,
            min_status=status,
        )
        over = items_over_pagu(Hierarchy.from_dataset(dataset), money)
        if over.empty:
            continue
        rows = list(
            over[["work_item_id", "opd_id", "budget", "spent_to_date"]].itertuples(index=False)
        )
        shown = [
            f"{w} ({o}): {format_rupiah(int(s), lang='id')} > {format_rupiah(int(b), lang='id')}"
            for w, o, b, s in rows
        ]
        out.append(
            {
                "value": len(shown),
                "items": _few(shown, "; "),
                "step": ", ".join(f"'{s}'" for s in steps),
                # for a program (``fields``, review 88): the items as data, the steps a list
                "params": {
                    "items": [
                        {"item": str(w), "opd": str(o), "pagu": int(b), "spent": int(s)}
                        for w, o, b, s in rows[:_SHOWN]
                    ],
                    "step": list(steps),
                },
            }
        )
    return out


def _own_unscored(
    dataset: Dataset | None, ruleset: RuleSet, period: Period
) -> list[dict[str, Any]]:
    """Per ``rollup`` step: the positions held during the period that answer for work items
    (own them, declared or inherited) yet have no score of their own, whose kind's sources
    start with ``own`` and go on (so the holder takes another source's score).

    Why: an official is scored on the items they answer for; items with no indicator or no
    target give no score, and the next source (the superior's blended score, typically
    higher than a lagging section's) pays instead. The monitoring report flags those items,
    the payment run said nothing: lagging unmeasured paid better than lagging measured. A
    kind with ``[own]`` alone is rejected with a reason (``no_rollup_score``), not warned.
    Read from the Dataset, so every partition agrees."""
    if dataset is None:
        return []
    from tukin.hierarchy import Hierarchy
    from tukin.monitoring import rollup_policy_of
    from tukin.rules.hierarchy import DEFAULT_SOURCES, _whole_rollup

    out: list[dict[str, Any]] = []
    h = None
    for step in ruleset.steps:
        if step.type != "rollup":
            continue
        declared = step.params.get("sources") or {}
        falls_back = {
            kind
            for kind, default in DEFAULT_SOURCES.items()
            if (srcs := list(declared.get(kind, default)))[:1] == ["own"] and len(srcs) > 1
        }
        if not falls_back:
            continue
        policy, _ = rollup_policy_of(ruleset, period, step.id)
        r = _whole_rollup(dataset, period, policy, exact=False)
        h = h or Hierarchy.from_dataset(dataset)
        pos = h.position_table  # not ``positions``: its holders' names are a costly join
        owner = h.item_owner
        owns = np.zeros(len(pos), dtype=bool)
        owns[owner[owner >= 0]] = True
        kind_ok = pos["kind"].astype(object).isin(falls_back).to_numpy(dtype=bool)
        bare = owns & ~np.asarray(r.position_has, dtype=bool) & kind_ok
        bare &= h.held(among=bare, period=period)  # held in the period: those posts only
        if not bare.any():
            continue
        ids = pos["position_id"].astype(object).to_numpy()
        items = h.work_items["work_item_id"].astype(object).to_numpy()
        found = np.flatnonzero(bare)
        shown, data = [], []
        for at in found[:_SHOWN]:  # the items of the few named only: not a scan per position
            mine = items[owner == at]
            more = ", …" if len(mine) > 3 else ""
            shown.append(f"{ids[at]} ({', '.join(str(i) for i in mine[:3])}{more})")
            data.append({"position": str(ids[at]), "items": [str(i) for i in mine]})
        out.append(
            {
                "value": len(found),
                "positions": _few(shown, "; ", total=len(found)),
                "step": f"'{step.id}'",
                "params": {"positions": data, "step": [step.id]},
            }
        )
    return out


def _unplaced(dataset: Dataset | None, ruleset: RuleSet, period: Period) -> dict[str, list[str]]:
    """Rejected rows of the monitoring tables a step of ``ruleset`` reads that no kept
    indicator or work item can take (:func:`tukin.monitoring.rejected.unplaced_rows`)."""
    from tukin.monitoring.figures import STATUS_RANK
    from tukin.monitoring.rejected import ACHIEVEMENT_TABLES, MONEY_TABLES, unplaced_rows

    tables: frozenset[str] = frozenset()
    least = "signed"  # the least min_status of those steps: a row below it is read by none
    for step in ruleset.steps:
        if step.type == "rollup":
            tables |= ACHIEVEMENT_TABLES
        elif step.type in ("opd_score", "opd_factor"):
            money = step.params.get("source", "achievement") != "achievement"
            tables |= MONEY_TABLES if money else ACHIEVEMENT_TABLES
        else:
            continue
        status = str(step.params.get("min_status", "entered"))
        if STATUS_RANK.get(status, 0) < STATUS_RANK[least]:
            least = status if status in STATUS_RANK else "entered"
    if not tables:
        return {}
    return unplaced_rows(dataset, period, tables, least)  # type: ignore[arg-type]


def issue(found: Iterable[InputWarning], stacklevel: int = 3, carrying: Any = None) -> None:
    """Warn each of ``found``; ``stacklevel`` points at the caller's caller.

    Under a filter that makes warnings errors (``-W error``, ``PYTHONWARNINGS=error``, common
    in a service's CI) the first warning is raised. The run is complete by then: the raised
    warning carries what it computed (``carrying``, a Result) as its ``result``, so a caller
    that catches it loses nothing."""
    for warning in found:
        try:
            warnings.warn(warning, stacklevel=stacklevel)
        except InputWarning as exc:
            if carrying is not None:
                exc.result = carrying
            raise


#: A JSON document's place of a row's key: ``<file>: <table>[<row>].<columns>``.
_JSON_ROW = re.compile(r"(.*\[\d+\])\.[^.\[\]]+")


def _read_once(dataset: Dataset | None) -> dict[str, list[str]]:
    """Table -> where each row given twice, the same in every column, was found and left out
    (the validation note ``duplicate_row_same``, :data:`tukin._relations.READ_ONCE`): the
    sheet's row and the row it repeats, or, from frames, its key (a frame's row position is
    no part of the input: the same rows in another order must file the same warning). Read
    from the whole Dataset: every partition of a run agrees."""
    if dataset is None:
        return {}
    out: dict[str, list[str]] = {}
    located: dict[str, bool] = {}
    for p in dataset.report.notes:
        if p.code != "duplicate_row_same":
            continue
        if p.location:
            other = p.fields.get("other_row")
            said = split_cell(p.location)[0]
            json = _JSON_ROW.fullmatch(said)
            if json:  # data.json: attendance[360].nip/period -> ... attendance[360] (= [270])
                said = json[1]
                place = f"{said} (= [{other}])"
            else:  # sheet Kehadiran, baris 362 -> ... (= baris 272)
                word = said.rsplit(" ", 2)[-2] if said.count(" ") >= 2 else ""
                place = f"{said} (= {word} {other})"
        else:
            place = str(p.key or p.value)
        out.setdefault(p.table, []).append(place)
        located[p.table] = located.get(p.table, True) and bool(p.location)
    return {t: w if located[t] else sorted(w) for t, w in out.items()}


def _sheet(table: str, lang: Lang) -> str:
    """The name a person knows the table by: the template's sheet name."""
    from tukin.io.headers import SHEETS

    names = SHEETS.get(table)
    return table if names is None else names[0 if lang == "id" else 1]


def _unapplied_sanctions(dataset: Dataset | None, ruleset: RuleSet, period: Period) -> int:
    """How many sanctions of the sanctions table are in force in ``period`` when no step
    applies them (0 otherwise).

    The template asks HR to fill the sanctions sheet; a rule set without a ``sanction`` step
    pays those employees uncut, which the person running the payment must see (PP 94/2021
    cuts the allowance for a medium sanction)."""
    if dataset is None or sanction_steps(ruleset) or "sanctions" not in dataset:
        return 0
    table = dataset._any_order("sanctions")
    if not len(table):
        return 0
    from tukin.rules.sanctions import NEVER, in_force, start_months

    start = start_months(table["start_period"], unreadable=NEVER)
    length = pd.to_numeric(table["months"], errors="coerce").to_numpy(dtype=float)
    return int(in_force(start, np.nan_to_num(length, nan=0.0), period).sum())


def _other_kinds(
    dataset: Dataset | None, ruleset: RuleSet, period: Period
) -> dict[str, Any] | None:
    """The fields of a ``sanction_kind_unapplied`` warning: the sanctions in force in
    ``period`` whose kind no ``sanction`` step applies, when every such step names its
    ``kinds`` (None when there are none).

    A kind spelt otherwise than the step's (``Hukdis sedang`` for ``hukuman disiplin
    sedang``) cuts nobody; the rule set has a sanction step, so ``unapplied_sanctions`` does
    not say so, and the employee under an SK would be paid in full without a word."""
    steps = [s for s in ruleset.steps if s.id in set(sanction_steps(ruleset))]
    if dataset is None or not steps or "sanctions" not in dataset:
        return None
    table = dataset._any_order("sanctions")
    if not len(table):
        return None
    from tukin.rules.sanctions import NEVER, SanctionParams, in_force, start_months
    from tukin.ruleset.check import resolve

    applied: list[str] = []
    for step in steps:
        try:
            params = SanctionParams.model_validate(resolve(step.params, ruleset, period.start))
        except Exception:  # the step reports its own parameters when it runs
            return None
        if not params.kinds:
            return None  # a step applies every kind
        applied += [k for k in params.kinds if k not in applied]
    wanted = {k.strip().lower() for k in applied}
    start = start_months(table["start_period"], unreadable=NEVER)
    length = pd.to_numeric(table["months"], errors="coerce").to_numpy(dtype=float)
    now = in_force(start, np.nan_to_num(length, nan=0.0), period)
    kinds = table["kind"].astype(str)
    other = now & ~kinds.str.strip().str.lower().isin(wanted).to_numpy(dtype=bool)
    if not other.any():
        return None
    found = sorted(set(kinds[other].tolist()))
    return {
        "value": int(other.sum()),
        "kinds": ", ".join(f"'{k}'" for k in found),
        "applied": ", ".join(f"'{k}'" for k in applied),
        "params": {"kinds": found, "applied": list(applied)},
    }


def _missing_free_history(
    dataset: Dataset | None, ruleset: RuleSet, period: Period
) -> list[dict[str, Any]]:
    """The fields of a ``free_history_missing`` warning for each ``deduction_table`` step with
    a yearly ``free`` whose year before the period (:func:`tukin.rules.discipline.year_before`)
    has months without a single monthly attendance row in ``dataset``: as for
    ``absence_history_missing``, the monthly workflow loads only the month being paid, and
    every sick day would then be among the year's first."""
    steps = [s for s in ruleset.steps if s.type == "deduction_table"]
    if dataset is None or not steps:
        return []
    from tukin.rules.discipline import DeductionTableParams, year_before
    from tukin.rules.sanctions import month_ranges, months_without_rows
    from tukin.ruleset.check import resolve

    att = None
    out = []
    for step in steps:
        params = DeductionTableParams.model_validate(resolve(step.params, ruleset, period.start))
        yearly = params.yearly()
        lo, hi = year_before(period)
        if not yearly or hi < lo:
            continue
        if att is None:
            att = dataset._any_order("attendance") if "attendance" in dataset else pd.DataFrame()
        missing = months_without_rows(att, lo, hi)
        if missing:
            out.append(
                {
                    "step": step.id,
                    "column": ", ".join(yearly),
                    "since": f"{lo // 12:04d}-01",
                    "value": month_ranges(missing),
                }
            )
    return out


def _spell_free_counted_monthly(
    dataset: Dataset | None, ruleset: RuleSet, period: Period
) -> list[dict[str, Any]]:
    """The fields of a ``free_per_spell_monthly`` warning for each ``deduction_table`` step
    with a ``free`` per spell (``{days: 3, per: spell}``) whose code some employee has in the
    period's attendance rows: a month's count does not say where a spell began, so the free
    days were taken once in the period (a spell running on from the month before, or two in
    one month, come out wrong). Employees without such days are not affected and not counted."""
    steps = [s for s in ruleset.steps if s.type == "deduction_table"]
    if dataset is None or not steps or "attendance" not in dataset:
        return []
    from tukin.rules.discipline import DeductionTableParams
    from tukin.ruleset.check import resolve

    att = dataset._any_order("attendance")
    if att.empty or "period" not in att.columns:
        return []
    own = att[att["period"].astype(str) == str(period)]
    out = []
    for step in steps:
        params = DeductionTableParams.model_validate(resolve(step.params, ruleset, period.start))
        codes = [c for c in params.per_spell() if c in own.columns]
        if not codes:
            continue
        some = np.zeros(len(own), dtype=bool)
        for code in codes:
            some |= pd.to_numeric(own[code], errors="coerce").fillna(0).to_numpy() > 0
        if some.any():
            nips = own["nip"][some].astype(str).unique()
            out.append(
                {
                    "step": step.id,
                    "column": ", ".join(codes),
                    "value": len(nips),
                    "nips": ", ".join(sorted(nips)[:5]) + (" …" if len(nips) > 5 else ""),
                }
            )
    return out


def _missing_absence_history(
    dataset: Dataset | None, ruleset: RuleSet, period: Period
) -> list[dict[str, Any]]:
    """The fields of an ``absence_history_missing`` warning for each ``absence_sanction`` step
    whose history (:func:`tukin.rules.sanctions.history_span`) has months without a single
    attendance row in ``dataset``.

    The monthly workflow loads only the month being paid; the step then counts no earlier
    absence and cuts nobody, with nothing to show for it. Read from the whole Dataset once
    per calculation (never per partition: an OPD's own months say nothing of the others')."""
    steps = [s for s in ruleset.steps if s.type == "absence_sanction"]
    if dataset is None or not steps:
        return []
    from tukin.rules.sanctions import AbsenceSanctionParams, missing_history, month_ranges
    from tukin.ruleset.check import resolve

    att = dataset._any_order("attendance") if "attendance" in dataset else None
    out = []
    for step in steps:
        params = AbsenceSanctionParams.model_validate(resolve(step.params, ruleset, period.start))
        since, missing = missing_history(att, params, period)
        if missing:
            out.append(
                {
                    "step": step.id,
                    "column": params.column,
                    "since": f"{since // 12:04d}-01",
                    "value": month_ranges(missing),
                }
            )
    return out
