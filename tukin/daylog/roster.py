"""Shift workers: a roster of each employee's shift per date, and a day judged by its shift.

RSUD nurses, the fire brigade (Damkar) and Satpol PP work shifts that a weekday's hours do
not describe: ``19:00-07:00`` (a night shift, ending the next morning) or 24-hour duty. The
schedule names the shifts (``shifts: {malam: "19:00-07:00", libur: null}``); a roster file
(``--roster``: NIP, date, shift) says who works which on which date. A rostered date takes
its shift's hours whatever the weekday or holiday (a day off, ``libur``, counts nothing); a
date the roster does not list follows the schedule's ``hours`` as any employee's day does,
so an employee on the day schedule beside one on shifts needs nothing of their own.

A shift is the day it **starts** on: its hours are seconds from that date's midnight, the
end of a night shift past 86,400 (``19:00-07:00`` is 68,400 to 111,600). A night shift of
31 October ending on 1 November is October's. A punch log's scans are given to the shift
they belong to (:func:`assign_scans`: the nearest shift of the employee's roster within
``shift_window_minutes``), a daily log's times to the shift's side of midnight
(:func:`shift_times`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from tukin._coerce import Batch, batch, coerce_nip
from tukin.daylog.frames import clock
from tukin.daylog.grid import Days
from tukin.daylog.log import _KEYS, _NIP, _dates, _issues, _spreadsheet_nips, header_column
from tukin.daylog.schedule import Schedule, status_key
from tukin.errors import DatasetValidationError, Lang, Problem
from tukin.io._aliases import header_key

__all__ = ["ROSTER_TABLE", "CellPlan", "Roster", "assign_scans", "read_roster", "shift_times"]

ROSTER_TABLE = "roster"
_DAY = 86_400
_SHIFT_KEYS = tuple(
    header_key(s)
    for s in ("shift", "sif", "dinas", "jadwal", "jadwal dinas", "shift kerja", "jenis shift")
)
I64 = npt.NDArray[np.int64]
Bool = npt.NDArray[np.bool_]


@dataclass(frozen=True)
class Roster:
    """The roster's rows, sorted by employee and date: each date's shift hours (seconds
    from the date's midnight; -1 for a day off) and the window its scans are looked for in."""

    nip_int: I64
    date: npt.NDArray[np.datetime64]  # datetime64[D]
    start: I64
    end: I64
    window: I64  # seconds
    text: npt.NDArray[np.object_]  # "malam 19:00-07:00", "libur"
    row: I64  # the roster file's row (or frame position)

    def __len__(self) -> int:
        return len(self.nip_int)

    def find(self, nip_int: I64, date: npt.NDArray[np.datetime64]) -> I64:
        """Per (NIP, date), the roster row naming it (-1 none), on whole arrays."""
        if not len(self):
            return np.full(len(nip_int), -1, dtype=np.int64)
        nips = np.unique(self.nip_int)
        key = _key(nips, self.nip_int, self.date)[0]
        asked, known = _key(nips, nip_int, date)
        at = np.minimum(np.searchsorted(key, asked), len(key) - 1)
        ok = known & (key[at] == asked) & ~np.isnat(date)
        return np.where(ok, at, -1).astype(np.int64)


def _key(nips: I64, nip_int: I64, date: npt.NDArray[np.datetime64]) -> tuple[I64, Bool]:
    """A number per (NIP, date), ordered as the pair, and whether the NIP is a roster's."""
    pos = np.minimum(np.searchsorted(nips, nip_int), max(len(nips) - 1, 0))
    known = nips[pos] == nip_int if len(nips) else np.zeros(len(nip_int), dtype=bool)
    days = np.where(np.isnat(date), 0, date.astype("datetime64[D]").astype(np.int64))
    return pos.astype(np.int64) * (1 << 32) + (days + (1 << 31)), np.asarray(known, bool)


def read_roster(source: Any, schedule: Schedule, lang: Lang) -> Roster:
    """A roster file (``.xlsx`` / CSV) or frame of NIP, date and shift, each shift one of
    the ``shifts`` of the work rules in force on its date. Every faulty row at once
    (:class:`~tukin.errors.DatasetValidationError`, table ``roster``): a bad NIP or date, a
    shift the schedule does not name, two rows for one employee and date."""
    from tukin.daylog.files import RawLog, read_log_file

    raw = read_log_file(source, lang) if isinstance(source, str | Path) else None
    if isinstance(raw, RawLog):
        headers, frame = list(raw.headers), raw.frame
    elif isinstance(source, pd.DataFrame):
        frame = source.reset_index(drop=True)
        headers = list(frame.columns)
        frame = pd.DataFrame({j: frame.iloc[:, j] for j in range(frame.shape[1])})
    else:
        from tukin.errors import ArgumentTypeError

        raise ArgumentTypeError(code="log_not_a_frame", value=type(source).__name__)
    known = {"nip": _KEYS["nip"], "date": _KEYS["date"], "shift": _SHIFT_KEYS}
    problems: list[Problem] = []
    positions: dict[str, int] = {}
    for j, text in enumerate(headers):
        column = header_column(text, known, problems, [])
        if column is not None and column not in positions:
            positions[column] = j
    problems = [replace(p, table=ROSTER_TABLE) for p in problems]
    problems += [
        Problem(ROSTER_TABLE, "missing_column", column=c)
        for c in ("nip", "date", "shift")
        if c not in positions
    ]
    if problems:
        raise DatasetValidationError(_report(problems, lang), lang=lang)
    n = len(frame)
    raw_nip, lost = _spreadsheet_nips(frame[positions["nip"]].reset_index(drop=True))
    nips = coerce_nip(ROSTER_TABLE, _NIP, raw_nip)
    batches: list[Batch] = [*lost, *nips.problems]
    blank = nips.null.copy()
    for b in lost:
        blank[b.rows] = False
    batches += batch(ROSTER_TABLE, "required_value", "nip", blank, raw_nip)
    raw_date = frame[positions["date"]].reset_index(drop=True)
    days, bad_day, blank_day, said = _dates(raw_date)
    batches += _issues("date", raw_date, bad_day, fields=said)
    batches += batch(ROSTER_TABLE, "required_value", "date", blank_day, raw_date)
    raw_shift = frame[positions["shift"]].reset_index(drop=True)
    # each distinct shift cell and (date, shift) pair judged once: a roster is a month's
    # dates × a few shifts, however many employees (620,000 rows read per row took 8 s)
    shift_at, shift_cells = pd.factorize(raw_shift.astype(object), use_na_sentinel=True)
    said_names = [status_key(v) if str(v).strip() else "" for v in shift_cells]
    names = np.array([*said_names, ""], dtype=object)[shift_at]
    name_at, name_list = pd.factorize(names)
    day_at, day_list = pd.factorize(days)  # NaT: -1
    pair_at, pairs = pd.factorize((day_at + 1) * (len(name_list) + 1) + name_at)
    m = len(pairs)
    p_start = np.full(m, -1, dtype=np.int64)
    p_end = np.full(m, -1, dtype=np.int64)
    p_window = np.zeros(m, dtype=np.int64)
    p_text = np.full(m, "", dtype=object)
    p_found = np.zeros(m, dtype=bool)
    choices: list[str] = []
    for k, pair in enumerate(pairs.tolist()):  # the distinct (date, shift) pairs
        d_at, s = divmod(int(pair), len(name_list) + 1)
        name = str(name_list[s])
        when = None if d_at == 0 else pd.Timestamp(day_list[d_at - 1]).date()
        rules = None if when is None else schedule.at(when)
        span = rules.shifts.get(name, ...) if rules is not None and name else ...
        if rules is not None:
            choices = [*dict.fromkeys([*choices, *rules.shifts])]
        if span is ... or rules is None:
            continue
        p_found[k] = True
        p_window[k] = rules.shift_window_minutes * 60
        if span is None:
            p_text[k] = name
        else:
            p_start[k], p_end[k] = span
            p_text[k] = f"{name} {clock(span[0])[:5]}-{clock(span[1] % _DAY)[:5]}"
    start, end, window, text = p_start[pair_at], p_end[pair_at], p_window[pair_at], p_text[pair_at]
    blank_shift = names == ""
    unknown = ~p_found[pair_at] & ~blank_shift & (bad_day == "") & ~blank_day
    batches += batch(ROSTER_TABLE, "invalid_choice", "shift", unknown, raw_shift, choices=choices)
    batches += batch(ROSTER_TABLE, "required_value", "shift", blank_shift, raw_shift)
    keyed = pd.DataFrame({"nip": nips.values, "date": days}).dropna()
    twice = keyed.index[keyed.duplicated(keep=False).to_numpy(dtype=bool)].to_numpy()
    mask = np.zeros(n, dtype=bool)
    mask[twice] = True
    batches += batch(ROSTER_TABLE, "roster_day_twice", "date", mask, raw_date)
    if batches:
        raise DatasetValidationError(_report(_problems(batches, raw, positions), lang), lang=lang)
    nip_int = nips.ints.to_numpy(dtype=np.int64) if nips.ints is not None else np.zeros(n)
    order = np.lexsort((days.astype(np.int64), nip_int))
    rows = np.asarray(raw.row_numbers, dtype=np.int64) if raw is not None else np.arange(n)
    return Roster(
        nip_int[order].astype(np.int64),
        days[order],
        start[order],
        end[order],
        window[order],
        text[order],
        rows[order],
    )


def _problems(batches: list[Batch], raw: Any, positions: dict[str, int]) -> list[Problem]:
    out: list[Problem] = []
    for b in batches:
        for k, row in enumerate(b.rows.tolist() if b.rows is not None else []):
            value = None if b.values is None else b.values[k]
            fields = dict(b.fields)
            fields.update({name: v[k] for name, v in b.row_fields.items()})
            out.append(
                Problem(
                    ROSTER_TABLE,
                    b.code,
                    row=row if raw is None else raw.row_numbers[row],
                    column=b.column,
                    value=None if value is None else str(value),
                    fields=fields,
                    location=None
                    if raw is None
                    else raw.location(row, positions.get(b.column or "")),
                )
            )
    return out


def _report(problems: list[Problem], lang: Lang) -> Any:
    from tukin.validation import ValidationReport

    return ValidationReport(problems, lang=lang)


# -- the days of the month, per employee ---------------------------------------------------------


@dataclass(frozen=True)
class CellPlan:
    """Per cell (employee × day, employee-major) the hours the day is judged by: the
    schedule's for the day, or the roster's shift."""

    rostered: Bool
    working: Bool
    start: I64
    end: I64
    text: npt.NDArray[np.int64]  # index into texts
    texts: list[str]


def plan_cells(roster: Roster, people: I64, days: Days) -> CellPlan:
    """The schedule's day for every cell, the roster's shift where a row names the cell."""
    n_emp, n_days = len(people), len(days.dates)
    d = np.tile(np.arange(n_days), n_emp)
    texts = list(dict.fromkeys([*days.hours_text, *roster.text.tolist()]))
    at = {t: i for i, t in enumerate(texts)}
    text = np.array([at[t] for t in days.hours_text], dtype=np.int64)[d]
    working, start, end = days.working[d].copy(), days.start[d].copy(), days.end[d].copy()
    rostered = np.zeros(n_emp * n_days, dtype=bool)
    pos = np.minimum(np.searchsorted(people, roster.nip_int), max(n_emp - 1, 0))
    ours = (people[pos] == roster.nip_int) if n_emp else np.zeros(len(roster), bool)
    offset = (roster.date - days.dates[0]).astype(np.int64)
    inside = ours & (offset >= 0) & (offset < n_days)
    cell = (pos * n_days + offset)[inside]
    rostered[cell] = True
    on = roster.start[inside] >= 0
    working[cell] = on
    start[cell] = np.where(on, roster.start[inside], 0)
    end[cell] = np.where(on, roster.end[inside], 0)
    text[cell] = np.array([at[t] for t in roster.text[inside].tolist()], dtype=np.int64)
    return CellPlan(rostered, working, start, end, text, texts)


# -- times given to their shift --------------------------------------------------------------------


def shift_times(roster: Roster, nip_int: I64, date: Any, check_in: I64, check_out: I64) -> None:
    """A daily log's times of a rostered night shift put on the shift's side of midnight,
    in place: a row is the shift's start date; a check-out before the shift's start time
    (any check-out of a 24-hour shift) is the next morning's, and so is a check-in before
    the shift's end time (an arrival after midnight, hours late).

    A day shift's check-out before its check-in and before the shift's start (siang
    14:00-21:00 kept on to 00:40) is the next morning's, its overtime, where a punch log
    would read it so (:func:`assign_scans`): within the shift's window after its end, or
    nearer the end than the next shift's start (the next date's rostered shift, or the same
    hour the next day). Review 126 left it refused as a check-out before the check-in,
    withholding the employee. Beyond that reach it stays refused: 00:40 after a 14:00 end
    is nearer the next 07:00; so does 00:00 exactly, what an empty Excel time cell shows.
    Otherwise a day shift is as given."""
    at = roster.find(nip_int, date)
    has = at >= 0
    safe = np.where(has, at, 0)
    start, end = roster.start[safe], roster.end[safe]
    night = has & (end > _DAY)
    whole = night & (end - start == _DAY)
    late_in = night & ~whole & (check_in >= 0) & (check_in < end - _DAY)
    next_out = night & (check_out >= 0) & (whole | (check_out < start))
    day_shift = has & (start >= 0) & (end <= _DAY)
    crossed = day_shift & (check_in >= 0) & (check_out >= 0) & (check_out < check_in)
    # 00:00 exactly stays refused: the time an empty cell of an Excel recap (0) or an
    # export's "no scan" shows, likelier than a departure on the stroke of midnight; read
    # as overtime it hid a missing check-out (review 141)
    crossed &= (check_out < start) & (check_out > 0)
    if crossed.any():
        nxt = roster.find(nip_int, date + np.timedelta64(1, "D"))
        nxt_start = np.where(nxt >= 0, roster.start[np.maximum(nxt, 0)], -1)
        following = np.where(nxt_start >= 0, np.minimum(nxt_start, start) + _DAY, start + _DAY)
        out = check_out + _DAY
        past = out - end
        crossed &= (past <= roster.window[safe]) | (past <= following - out)
        next_out |= crossed
    check_in[late_in] += _DAY
    check_out[next_out] += _DAY


def assign_scans(
    roster: Roster,
    nip_int: I64,
    day: npt.NDArray[np.datetime64],
    secs: I64,
    good: Bool,
    pair: int = 300,
) -> tuple[npt.NDArray[np.datetime64], I64, Bool, Bool]:
    """Each scan of a rostered employee given to the shift it belongs to: the nearest of
    the employee's roster shifts (0 inside it) within that shift's window, the earlier on a
    tie (a scan at the very second one shift ends and the next begins lies inside the next:
    its arrival). After a shift's end the window is no limit: a scan nearer that end than
    the next shift's start (the next rostered shift, or the shift's own hour after its end) is the
    shift's, its overtime departure, if another scan of the shift shows it worked (review
    126: a nurse staying five hours past a 14:00 end had the scan set aside and the shift
    counted no check-out, psw4). Its day is then the shift's date and its seconds counted
    from that date's midnight (an arrival before midnight of a shift starting at 00:00
    shown as 00:00, on time). Back-to-back shifts' changeover scans are split between
    them (:func:`_changeover`; ``pair``: the double press span, in seconds). A
    scan near no shift on a date the roster names (a day off, or hours away from the
    shift) is off shift (the third array); one on a date the roster does not name is left
    on its own date, judged by the schedule's hours. The fourth array: the scans taken as
    an overtime departure beyond the window."""
    day = day.copy()
    secs = secs.copy()
    off = np.zeros(len(secs), dtype=bool)
    over = np.zeros(len(secs), dtype=bool)
    working = roster.start >= 0
    if not len(roster) or not good.any():
        return day, secs, off, over
    nips = np.unique(roster.nip_int)
    if not working.any():  # days off only: no shift to give a scan to
        pos = np.minimum(np.searchsorted(nips, nip_int), len(nips) - 1)
        mine = good & (nips[pos] == nip_int) & ~np.isnat(day)
        off[mine] = roster.find(nip_int[mine], day[mine]) >= 0
        return day, secs, off, over
    dates = roster.date.astype(np.int64)
    base = (int(dates.min()) - 2) * _DAY
    s_abs = dates[working] * _DAY + roster.start[working] - base
    e_abs = dates[working] * _DAY + roster.end[working] - base
    win = roster.window[working]
    s_rank = np.searchsorted(nips, roster.nip_int[working]).astype(np.int64)
    shift_rows = np.flatnonzero(working)
    order = np.lexsort((s_abs, s_rank))
    s_abs, e_abs, win, s_rank, shift_rows = (
        a[order] for a in (s_abs, e_abs, win, s_rank, shift_rows)
    )
    big = np.int64(1) << 36
    s_key = s_rank * big + s_abs
    pos = np.minimum(np.searchsorted(nips, nip_int), len(nips) - 1)
    mine = good & (nips[pos] == nip_int) & ~np.isnat(day)
    idx = np.flatnonzero(mine)
    t = day[idx].astype("datetime64[D]").astype(np.int64) * _DAY + secs[idx] - base
    rank = pos[idx].astype(np.int64)
    q = rank * big + t
    i = np.searchsorted(s_key, q, side="right") - 1
    j = i + 1
    far = np.iinfo(np.int64).max
    ok_i = (i >= 0) & (s_rank[np.maximum(i, 0)] == rank)
    si = np.maximum(i, 0)
    d_i = np.where(ok_i, np.maximum(t - e_abs[si], 0), far)
    sj = np.minimum(j, len(s_key) - 1)
    ok_j = (j < len(s_key)) & (s_rank[sj] == rank)
    # a scan after a shift's end is its departure however late (overtime), while it lies
    # nearer that end than the next shift's start: the next rostered one, or at the latest
    # the shift's own hour after its end (a scan nearer tomorrow's start is no overtime of
    # today's); for a 24-hour duty that hour is the day after its end, not the end itself,
    # which left it no overtime beyond the window (review 133: psw4 for staying longer)
    again = s_abs[si] + _DAY * (1 + (e_abs[si] - s_abs[si]) // _DAY)
    following = np.minimum(np.where(ok_j, s_abs[sj], far), again)
    overtime = ok_i & (d_i > win[si]) & (d_i <= following - t)
    ok_i &= (d_i <= win[si]) | overtime
    d_j = np.where(ok_j, s_abs[sj] - t, far)
    ok_j &= d_j <= win[sj]
    take_i = ok_i & (~ok_j | (d_i <= d_j))
    chosen = np.where(take_i, si, sj)
    assigned = take_i | ok_j
    # overtime presumes the shift worked: a lone scan hours after a shift with no other
    # scan of it (a swapped shift's arrival, an errand) is no departure of that shift
    late = take_i & overtime
    worked = np.zeros(len(s_key), dtype=bool)
    worked[chosen[assigned & ~late]] = True
    lone = late & ~worked[si]
    chosen = np.where(lone, sj, chosen)
    assigned &= ~lone | ok_j
    chosen = _changeover(chosen, assigned, t, s_abs, e_abs, win, s_rank, pair)
    row = shift_rows[chosen[assigned]]
    at = idx[assigned]
    day[at] = roster.date[row]
    secs[at] = np.maximum(t[assigned] + base - dates[row] * _DAY, 0)
    rest = idx[~assigned]
    named = roster.find(nip_int[rest], day[rest]) >= 0
    off[rest[named]] = True
    over[idx[assigned & late & ~lone]] = True
    return day, secs, off, over


def _changeover(
    chosen: I64, assigned: Bool, t: I64, s_abs: I64, e_abs: I64, win: I64, s_rank: I64, pair: int
) -> I64:
    """``chosen`` (each scan's shift, by position in the sorted shifts) with the changeover
    of back-to-back shifts split (review 133): where one shift ends as the next begins (a
    ``malam`` then a ``pagi``), every scan at 07:00 or after lies inside the next one, so
    a nurse scanning out of the night and into the morning (07:02, 07:03) had both scans
    given to the morning: the night counted its departure missing (psw4), the morning
    was read from 07:02. Now the next shift's first scan is the ending shift's departure
    when a second scan follows it within ``pair`` seconds (the double press span: an out
    then an in), the ending shift has scans only at its arrival (within ``pair`` of the
    first) and none within its window before its end (no departure of its own: a night
    left at 02:30 keeps that early departure, which the split hid; review 141), and the
    first scan lies within that window after the end.
    One scan alone is not split: it stays the next shift's arrival."""
    at = np.flatnonzero(assigned)
    if len(at) < 2:
        return chosen
    c, tt = chosen[at], t[at]
    o = np.lexsort((tt, c))
    cs, ts = c[o], tt[o]
    n_s = len(s_abs)
    first = np.ones(len(cs), dtype=bool)
    first[1:] = cs[1:] != cs[:-1]
    heads = np.flatnonzero(first)
    last_t = np.full(n_s, -1, dtype=np.int64)
    np.maximum.at(last_t, cs, ts)
    first_t = np.full(n_s, np.iinfo(np.int64).max, dtype=np.int64)
    np.minimum.at(first_t, cs, ts)
    j = cs[heads]
    has2 = (heads + 1 < len(cs)) & (cs[np.minimum(heads + 1, len(cs) - 1)] == j)
    t1, t2 = ts[heads], ts[np.minimum(heads + 1, len(cs) - 1)]
    i = np.maximum(j - 1, 0)
    split = (j >= 1) & (s_rank[i] == s_rank[j]) & (e_abs[i] == s_abs[j])
    # no departure of its own: its scans are one press at its arrival (a night left at
    # 02:30 has one, early: its 02:30 stays the departure, psw; review 141)
    split &= (last_t[i] >= 0) & (last_t[i] < e_abs[i] - win[i])
    split &= last_t[i] - first_t[i] <= pair
    split &= has2 & (t2 > t1) & (t2 - t1 <= pair) & (t1 - e_abs[i] <= win[i])
    if not split.any():
        return chosen
    chosen = chosen.copy()
    chosen[at[o[heads[split]]]] = i[split]
    return chosen


def fitting_shifts(
    schedule: Schedule, nip_int: I64, day: npt.NDArray[np.datetime64], secs: I64, off: Bool
) -> tuple[Bool, npt.NDArray[np.object_], npt.NDArray[np.object_]]:
    """Of the scans set aside as off shift (``off``), those that fit another shift of the
    schedule on a date: an arrival within that shift's window of its start and a later
    departure within the window of its end, by the same employee (review 126, item 3: a
    swap, *tukar dinas*, worked and not written in the roster left its scans set aside and
    the rostered shift counted TK, with nothing said). Per scan: whether it fits, the
    shift (``malam 19:00-07:00``) and its date. Only said, never counted: which shift was
    worked is for the roster to say. The scans set aside are few; each distinct date (and
    the day before, for a shift crossing midnight) and shift is tried on them at once."""
    n = len(secs)
    fits = np.zeros(n, dtype=bool)
    shift = np.full(n, "", dtype=object)
    when = np.full(n, "", dtype=object)
    idx = np.flatnonzero(off & ~np.isnat(day))
    if not len(idx):
        return fits, shift, when
    dates = day[idx].astype("datetime64[D]").astype(np.int64)
    t = dates * _DAY + secs[idx]
    who = nip_int[idx]
    tried = np.unique(np.concatenate([dates, dates - 1]))
    for d in tried.tolist():
        date = np.datetime64(d, "D")
        rules = schedule.at(pd.Timestamp(date).date())
        if rules is None:
            continue
        win = rules.shift_window_minutes * 60
        for name, span in rules.shifts.items():
            if span is None:
                continue
            start, end = d * _DAY + span[0], d * _DAY + span[1]
            arrive = (np.abs(t - start) <= win) & ~fits[idx]
            leave = (np.abs(t - end) <= win) & ~fits[idx]
            if not arrive.any() or not leave.any():
                continue
            first = pd.Series(t[arrive]).groupby(who[arrive]).min()
            last = pd.Series(t[leave]).groupby(who[leave]).max()
            both = first.index.intersection(last.index)
            fitting = both[(first[both] < last[both]).to_numpy(dtype=bool)]
            hit = np.isin(who, fitting.to_numpy()) & (arrive | leave)
            if hit.any():
                fits[idx[hit]] = True
                shift[idx[hit]] = f"{name} {clock(span[0])[:5]}-{clock(span[1] % _DAY)[:5]}"
                when[idx[hit]] = str(date)
    return fits, shift, when
