"""Every employee-day of a month judged at once: what each day counts as, and why.

The month is a grid of employees × days (50,000 × 31 is 1.55M cells, a few arrays of numpy):
each cell holds the log row accepted for it (if any), and is judged by whole arrays, never a
Python loop over rows or employees. A day is, in this order of precedence:

1. ``row_rejected``: its log row was rejected: not counted, and the employee is withheld;
2. ``holiday`` / ``not_working_day``: a holiday or a weekday without hours: not counted;
3. ``out_of_service``: before the employee's start date or after the end date: not counted;
4. ``status``: the log gives a day status (sakit, cuti, dinas luar): its code, if any;
5. ``no_record``: no row, or a row with no time and no status: the ``no_record`` codes (a
   row with a ``present`` status and no time is rejected, unless the rules'
   ``present_no_times`` says ``no_record``, counted here, or ``no_marks``: step 6, both
   sides missing);
6. ``no_check_in`` / ``no_check_out`` / ``present``: the late side counts ``no_check_in``'s
   codes, or the late band of the check-in; the early side ``no_check_out``'s, or the early
   band of the check-out.

Minutes late are whole minutes, seconds dropped (``07:31:59`` against ``07:30`` is 1 minute):
"1 to under 31 minutes" for TL1, as Permentan 68/2012's table reads, is then exactly the
minutes 1 to 30. A check-in up to ``grace_minutes`` late is on time; a later one is measured
from the scheduled start.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from tukin.daylog.schedule import WEEKDAYS, Schedule
from tukin.errors import RuleProblem, ScheduleError

__all__ = ["OUTCOMES", "Days", "Judged", "judge", "month_days"]

#: What a day can count as, in the order of precedence above.
OUTCOMES = (
    "row_rejected",
    "holiday",
    "not_working_day",
    "out_of_service",
    "status",
    "no_record",
    "no_check_in",
    "no_check_out",
    "present",
)
_O = {name: np.int8(i) for i, name in enumerate(OUTCOMES)}
_DAY = 86_400
#: Outcomes whose codes count.
COUNTED = frozenset({"status", "no_record", "no_check_in", "no_check_out", "present"})

I64 = npt.NDArray[np.int64]
Bool = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Days:
    """The month's days and what the schedule says of each."""

    dates: npt.NDArray[np.datetime64]  # datetime64[D]
    version: npt.NDArray[np.int64]  # index into schedule.values
    working: Bool
    holiday: Bool
    start: I64  # scheduled start, seconds after midnight (0 on a day off)
    end: I64
    hours_text: list[str]  # "07:30-16:00" or ""


def month_days(schedule: Schedule, first: dt.date, last: dt.date) -> Days:
    """The schedule of each day from ``first`` to ``last``; a day no dated value covers is
    a mistake of the schedule (``schedule_invalid``), said for every such day at once."""
    n = (last - first).days + 1
    dates = [first + dt.timedelta(days=i) for i in range(n)]
    holidays = set(schedule.holidays)
    version = np.full(n, -1, dtype=np.int64)
    working = np.zeros(n, dtype=bool)
    holiday = np.zeros(n, dtype=bool)
    start = np.zeros(n, dtype=np.int64)
    end = np.zeros(n, dtype=np.int64)
    text = [""] * n
    uncovered: list[dt.date] = []
    for i, day in enumerate(dates):  # a month: at most 31 days, not rows
        found = next((k for k, v in enumerate(schedule.values) if v.covers(day)), None)
        if found is None:
            uncovered.append(day)
            continue
        version[i] = found
        hours = schedule.values[found].value.hours.get(WEEKDAYS[day.weekday()])
        if hours is None:
            continue
        if day in holidays:
            holiday[i] = True
            continue
        working[i] = True
        start[i], end[i] = hours
        text[i] = f"{_clock(hours[0])}-{_clock(hours[1])}"
    if uncovered:
        shown = ", ".join(d.isoformat() for d in uncovered[:5]) + (
            " …" if len(uncovered) > 5 else ""
        )
        raise ScheduleError(
            [
                RuleProblem(
                    "schedule_invalid",
                    f"no work rules in force on {shown}: add a dated value covering these days",
                    f"tidak ada aturan kerja yang berlaku pada {shown}: tambahkan nilai bertanggal "
                    "yang mencakup hari-hari itu",
                    schedule.name,
                )
            ]
        )
    return Days(np.array(dates, dtype="datetime64[D]"), version, working, holiday, start, end, text)


def _clock(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


@dataclass
class Judged:
    """Per cell (employee × day, employee-major): outcome, code slots, minutes."""

    outcome: npt.NDArray[np.int8]
    slots: npt.NDArray[np.int16]  # (K, cells): index into codes, -1 none
    late: I64  # whole minutes late (-1: not measured)
    early: I64
    codes: tuple[str, ...]


def judge(
    schedule: Schedule,
    days: Days,
    in_service: Bool,  # (E, D)
    row_at: I64,  # (E*D,) accepted log row, -1 none
    rejected_at: Bool,  # (E*D,) a rejected row names this cell
    check_in: I64,  # per log row, seconds (-1 blank)
    check_out: I64,
    status_of_row: I64,  # per log row: index into status_names, -1 none
    status_names: list[str],
    punch_marks: Bool | None = None,  # per log row: a punch day whose one scan is no mark
    plan: Any = None,  # a roster's CellPlan: per cell, the hours (a shift) the day is judged by
) -> Judged:
    """Judge every cell (see the module's docstring); the codes counted sit in ``slots``.
    With a roster (``plan``, :class:`tukin.daylog.roster.CellPlan`) a rostered cell is a
    working day by its shift (a holiday too), a day off when its shift is one."""
    n_emp, n_days = in_service.shape
    cells = n_emp * n_days
    codes = schedule.codes()
    index = {c: np.int16(i) for i, c in enumerate(codes)}
    d = np.tile(np.arange(n_days), n_emp)
    if plan is None:
        holiday, working = days.holiday[d], days.working[d]
        start, end = days.start[d], days.end[d]
    else:
        holiday, working = days.holiday[d] & ~plan.rostered, plan.working
        start, end = plan.start, plan.end
    has = row_at >= 0
    safe = np.where(has, row_at, 0)
    cin = np.where(has, check_in[safe], -1) if len(check_in) else np.full(cells, -1)
    cout = np.where(has, check_out[safe], -1) if len(check_out) else np.full(cells, -1)
    st = np.where(has, status_of_row[safe], -1) if len(status_of_row) else np.full(cells, -1)

    outcome = np.full(cells, _O["present"], dtype=np.int8)
    open_ = np.ones(cells, dtype=bool)

    def take(mask: Bool, name: str) -> None:
        nonlocal open_
        hit = open_ & mask
        outcome[hit] = _O[name]
        open_ = open_ & ~hit

    take(rejected_at, "row_rejected")
    take(holiday, "holiday")
    take(~working, "not_working_day")
    take(~in_service.reshape(-1), "out_of_service")
    at_work = _at_work(schedule, days.version[d], st, status_names)
    take((st >= 0) & ~at_work, "status")
    # a present status without times, where the rules say it counts both missing marks:
    # judged as no check-in, the early side counting no_check_out's codes (below)
    no_marks = np.array([v.value.present_no_times == "no_marks" for v in schedule.values])
    both_missing = at_work & (cin < 0) & (cout < 0) & no_marks[days.version[d]]
    if punch_marks is not None and len(punch_marks):
        # a punch log's day of a single scan under single_scan: none (neither mark)
        both_missing |= has & punch_marks[safe]
    take((cin < 0) & (cout < 0) & ~both_missing, "no_record")
    take(cin < 0, "no_check_in")
    take(cout < 0, "no_check_out")

    versions = schedule.values
    left = max(max(1, len(v.value.no_check_in)) for v in versions)
    right = max(max(1, len(v.value.no_check_out)) for v in versions)
    width = max(left + right, max(len(v.value.no_record) for v in versions), 1)
    slots = np.full((width, cells), -1, dtype=np.int16)
    late = np.full(cells, -1, dtype=np.int64)
    early = np.full(cells, -1, dtype=np.int64)
    measured = working & (outcome >= _O["no_check_in"])
    for k, version in enumerate(versions):
        rules = version.value
        mine = days.version[d] == k
        here = mine & measured
        grace = rules.grace_minutes
        # late side: the band of the check-in, or no_check_in's codes
        with_in = here & (cin >= 0)
        excused = _excused(rules.excuses, st, status_names) if rules.excuses else None
        if excused is not None:  # part of the day excused: a side, or a time it starts from
            (whole_late, late_from), (whole_early, early_from) = excused
            late_on = _on_clock(late_from, start, end)
            # an office pair on a 24-hour duty starting mid-day (review 146): the late
            # permit read as the next morning's would cross the early one, so it is read on
            # the day the duty starts, before its start: it excuses nothing
            wrapped = (late_on != late_from) & (early_from >= 0)
            crossed = wrapped & (late_on > _on_clock(early_from, start, end))
            late_at = np.maximum(np.where(crossed, late_from, late_on), start)
            seconds = cin - np.where(late_from >= 0, late_at, start)
            with_in_counted = with_in & ~whole_late
        else:
            seconds = cin - start
            with_in_counted = with_in
        late[with_in] = np.maximum(seconds[with_in], 0) // 60
        slots[0, with_in_counted] = _band(seconds[with_in_counted], grace, rules.late_bands, index)
        no_in = mine & (outcome == _O["no_check_in"])
        if excused is not None:
            no_in &= ~whole_late
        _put(slots, 0, no_in, rules.no_check_in, index)
        # early side: the band of the check-out, or no_check_out's codes
        with_out = here & (cout >= 0)
        with_out_counted = with_out
        if excused is not None:
            early_at = np.minimum(_on_clock(early_from, start, end), end)
            seconds = np.where(early_from >= 0, early_at, end) - cout
            with_out_counted = with_out & ~whole_early
        else:
            seconds = end - cout
        early[with_out] = np.maximum(seconds[with_out], 0) // 60
        slots[left, with_out_counted] = _band(
            seconds[with_out_counted], grace, rules.early_bands, index
        )
        missed = (outcome == _O["no_check_out"]) | ((outcome == _O["no_check_in"]) & (cout < 0))
        missed &= mine
        if excused is not None:
            missed &= ~whole_early
        _put(slots, left, missed, rules.no_check_out, index)
        _put(slots, 0, mine & (outcome == _O["no_record"]), rules.no_record, index)
        # a status: its code in this version (None: an excused day, no code)
        status_code = np.array(
            [index[c] if (c := rules.statuses.get(s)) is not None else -1 for s in status_names]
            + [-1],
            dtype=np.int16,
        )
        on_status = mine & (outcome == _O["status"])
        slots[0, on_status] = status_code[st[on_status]]
    return Judged(outcome, slots, late, early, codes)


def _on_clock(at: I64, start: I64, end: I64) -> I64:
    """A permit's time of day on the clock of the cell's hours: on hours crossing midnight
    (a night shift, ``19:00-07:00`` is 68,400 to 111,600) a time before the start that the
    hours reach after midnight is the next morning's (``late until 01:00`` is 01:00 +1).
    The caller then keeps it within the hours' side it measures: a permit to come late
    that ends before the start, or to leave early from after the end, excuses nothing and
    never measures more lateness than the day's own hours would."""
    return np.where((at >= 0) & (at < start) & (at + _DAY <= end), at + _DAY, at)


def _excused(
    excuses: dict[str, tuple[tuple[str, int | None], ...]], st: I64, status_names: list[str]
) -> tuple[tuple[Bool, I64], tuple[Bool, I64]]:
    """Per cell, by its status's excuse: on the late side, whether the side is excused
    whole (``late``) and the time an arrival is measured from instead of the start
    (``late until 12:00``; -1 none); on the early side the same (``early``, ``early from``).
    A status excusing both sides (a pair of permits) gives each side its own."""
    n = len(st)
    if not excuses:
        none = np.zeros(n, dtype=bool), np.full(n, -1, dtype=np.int64)
        return none, none
    sides = []
    for side in ("late", "early"):
        whole = [(side, None) in excuses.get(s, ()) for s in status_names] + [False]
        at = [
            next((t for e, t in excuses.get(s, ()) if e == side and t is not None), -1)
            for s in status_names
        ] + [-1]
        sides.append((np.array(whole, dtype=bool)[st], np.array(at, dtype=np.int64)[st]))
    return sides[0], sides[1]


def _at_work(schedule: Schedule, version: I64, st: I64, status_names: list[str]) -> Bool:
    """Whether each cell's status is one of its rules' ``present`` (a day at work: its times
    are judged as on a day without a status)."""
    out = np.zeros(len(st), dtype=bool)
    for k, value in enumerate(schedule.values):
        present = value.value.at_work()
        if not present:
            continue
        listed = np.array([s in present for s in status_names] + [False], dtype=bool)
        out |= (version == k) & listed[st]
    return out


def _band(
    seconds: I64, grace: int, bands: dict[str, int], index: dict[str, np.int16]
) -> npt.NDArray[np.int16]:
    """The band code of each lateness (or earliness) in seconds: whole minutes, seconds
    dropped, looked up among the bands' first minutes; none when at most ``grace`` whole
    minutes (07:35:59 is 5 minutes late, within a grace of 5, as the day's minutes show it)
    or below the first band."""
    firsts = np.array(list(bands.values()), dtype=np.int64)
    names = np.array([index[c] for c in bands], dtype=np.int16)
    minutes = np.maximum(seconds, 0) // 60
    at = np.searchsorted(firsts, minutes, side="right") - 1
    hit = (at >= 0) & (minutes > grace)
    return np.where(hit, names[np.maximum(at, 0)], np.int16(-1)).astype(np.int16)


def _put(
    slots: npt.NDArray[np.int16],
    first: int,
    mask: Bool,
    listed: tuple[str, ...],
    index: dict[str, np.int16],
) -> None:
    for j, code in enumerate(listed):
        slots[first + j, mask] = index[code]


def counts(judged: Judged, n_emp: int) -> npt.NDArray[np.int64]:
    """Per employee and code, how many times the code is counted: (E, C) integers."""
    n_codes = len(judged.codes)
    cells = judged.outcome.shape[0]
    n_days = cells // n_emp if n_emp else 0
    emp = np.repeat(np.arange(n_emp, dtype=np.int64), n_days)
    total = np.zeros(n_emp * n_codes, dtype=np.int64)
    for row in judged.slots:
        hit = row >= 0
        total += np.bincount(emp[hit] * n_codes + row[hit], minlength=n_emp * n_codes)
    return total.reshape(n_emp, n_codes)
