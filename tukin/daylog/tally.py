"""From a daily log to a month's attendance counts: rows checked, days judged, counts summed.

Every log row ends in one of two places: it is *used* (its day appears in :attr:`Tally.days`
with the row's number) or *rejected* (:attr:`Tally.rejected`, with the reason). A row of
another month is rejected as ``log_outside_period``, which is no fault: a log exported for
several months is tallied one month at a time. Any other rejection is a fault, and the
employee it names gets no attendance row (:attr:`Tally.withheld`): counting the other days
would pay that employee on a count that is wrong by the rejected day. tukin's calculation
then rejects the employee (no attendance row, under a rule file that ``requires:
[attendance]``, as the packs do; without it, no occurrences and a warning) until the log is
corrected, exactly as a bad row of the data's own attendance sheet does.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from tukin._coerce import Batch, coerce_date, coerce_nip
from tukin._language import resolve as resolve_lang
from tukin.contract import TABLES
from tukin.daylog.files import RawLog, read_log_file
from tukin.daylog.frames import (
    Located,
    clock,
    day_frame,
    rejected_frame,
    row_problems,
    withheld_frame,
)
from tukin.daylog.grid import counts, judge, month_days
from tukin.daylog.log import _KEYS as _LOG_KEYS
from tukin.daylog.log import (
    LOG_TABLE,
    USUAL_AT_WORK,
    USUAL_STATUSES,
    LogCells,
    settle_log_columns,
    typed_log,
    unread_status_columns,
)
from tukin.daylog.punch import log_shape
from tukin.daylog.schedule import Schedule, load_schedule
from tukin.errors import PLACE_WORDS, DatasetValidationError, Lang, PeriodError, Problem
from tukin.io._aliases import header_key
from tukin.io._cells import CellIssue
from tukin.period import Period

__all__ = ["Tally", "run_columns", "spell_columns", "tally_log"]

#: Rejections that are no fault of the row: it belongs to another month, is a rostered
#: employee's scan near no shift of the roster (one fitting another shift: a swap the
#: roster does not say, said so), a machine user the id table says is not ours, or a scan
#: inside a shift before an overtime departure (listed for HR to check; its day counted).
NOT_FAULTS = frozenset(
    {
        "log_outside_period",
        "punch_off_shift",
        "punch_shift_swap",
        "punch_id_not_ours",
        "punch_scan_before_overtime",
    }
)


@dataclass(frozen=True)
class Tally:
    """A month's attendance counts from a daily log, with the days and rows behind them.

    * ``attendance``: the ``attendance`` table (nip, period, one integer column per code of
      the schedule), ready for :meth:`tukin.Dataset.from_frames`;
    * ``days``: one row per employee and working day in service, and per day a log row names:
      the hours scheduled, the times, the minutes late and early, what the day counts as
      (``outcome``) and the codes it adds (``codes``), the log row it comes from (``row``);
    * ``rejected``: every log row not used, with where it is and why;
    * ``withheld``: employees with no attendance row (``nip``, ``rejected_rows``, the
      reason's ``code`` and ``message``): a row of theirs was rejected
      (``log_employee_withheld``); or, given in ``employees``, they have no log row at all
      in the month while in service on a working day (``log_employee_no_rows``: a log of
      another office, or cut short, is likelier than a month absent), unless the schedule
      says ``no_rows: absent``; or a row without a readable NIP names a working day they
      have no row for (``log_employee_unclaimed``: it may be theirs);
    * ``without_log``: employees of ``employees`` in service this month with no log row at
      all and not withheld: under ``no_rows: absent`` every working day counted as
      ``no_record``; also one in service on days off only (nothing counted);
    * ``shape``: the log's, ``"day"`` or ``"punch"`` (one row per scan: the days have a
      ``scans`` column, and no day status).
    """

    period: str
    schedule: str
    attendance: pd.DataFrame
    days: pd.DataFrame
    rejected: pd.DataFrame
    withheld: pd.DataFrame
    without_log: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    problems: list[Problem] = field(default_factory=list)
    #: ``"day"``: a daily log; ``"punch"``: a punch log (one row per scan), which holds no
    #: day statuses: a sick day without a scan counted ``no_record``
    shape: str = "day"
    #: rows at the log's end skipped as a printout's footer (``Dicetak: ...``, ``Total:
    #: ...``): where each is and its first cell, said, never silently (review 146)
    skipped_rows: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """No log row was rejected for a fault (rows of other months aside)."""
        return not self.problems

    def _working_days_of(self, code: str) -> pd.DataFrame:
        """Each employee's working days in service, in date order: ``nip``, ``hit`` (1 when
        the day counts ``code``) and ``seg``, the misses so far, which number the runs of
        hits (a run or spell is the hits between two misses). Days off, holidays and days
        out of service are left out: they neither count nor break a run. What
        :meth:`with_runs` and :meth:`with_spells` both read."""
        d = self.days
        off = d["outcome"].astype(str).isin(["holiday", "not_working_day", "out_of_service"])
        d = d[~off.to_numpy()]
        # per distinct codes text (a category), not per day: "tl2 psw4" holds tl2 and psw4
        codes = d["codes"].astype("category")
        holds = np.array([code in str(c).split() for c in codes.cat.categories] + [False])
        hit = holds[codes.cat.codes.to_numpy()].astype(np.int64)  # code -1 (none): the last
        nip = d["nip"].astype(str).to_numpy()
        order = np.lexsort((d["date"].to_numpy(), nip))
        frame = pd.DataFrame({"nip": nip[order], "hit": hit[order]})
        frame["seg"] = (1 - frame["hit"]).groupby(frame["nip"], sort=False).cumsum()
        return frame

    def with_runs(
        self, code: str = "tk", names: tuple[str, str, str] | None = None
    ) -> pd.DataFrame:
        """The ``attendance`` table with three counts of consecutive working days that count
        ``code``: the longest run in the month, the run from the employee's first working
        day of the month, and the run ending on the last (default names ``{code}_beruntun``,
        ``{code}_awal``, ``{code}_akhir``).

        PP 94/2021 Pasal 11 ayat (2) huruf d angka 4 dismisses for 10 working days absent
        in a row, which a month's total cannot tell; these are the columns
        ``absence_sanction``'s ``run`` reads (``column``, ``at_start``, ``at_end``: a run across
        two months is one month's last plus the next month's first). Days off and holidays
        neither count nor break a run; every working day in service is in :attr:`days`.
        Vectorised over the days (no loop over employees)."""
        longest, first, last = names or run_columns(code)
        frame = self._working_days_of(code)
        by = frame.groupby("nip", sort=False)["hit"]
        runs = frame.groupby(["nip", "seg"], sort=False)["hit"].sum().groupby(level=0).max()
        lead = by.cumprod().groupby(frame["nip"], sort=False).sum()
        back = frame.iloc[::-1]
        trail = back.groupby("nip", sort=False)["hit"].cumprod().groupby(back["nip"]).sum()
        out = self.attendance.copy()
        key = out["nip"].astype(str)
        for name, values in ((longest, runs), (first, lead), (last, trail)):
            out[name] = key.map(values).fillna(0).astype(np.int64).to_numpy()
        return out

    def with_spells(
        self,
        code: str,
        free: int,
        name: str | None = None,
        before: Mapping[str, int] | pd.Series | None = None,
        *,
        whole: bool = False,
        carry: str | None = None,
    ) -> pd.DataFrame:
        """The ``attendance`` table with one more count: the days of ``code`` past the first
        ``free`` of each spell (default name ``{code}_lanjut``), for the rule to charge.

        Several regulations free the first days of each spell of sickness, not of each month
        (Peraturan BPIP 5/2019 Pasal 13 ayat (1): 3 working days, then 1.5 % a day): two
        spells of 4 days in a month cost 2 days, not 5 (``free: 3`` on the month's 8), and a
        spell of 4 days over a weekend is one spell. A spell is a run of working days
        counting ``code``, as :meth:`with_runs` counts runs: days off, holidays and days out
        of service neither count nor break it. A spell at the employee's first working day
        of the month may have begun the month before: ``before`` (NIP -> days of the spell
        already taken: the previous month's ``carry`` column, or its ``{code}_akhir`` of
        :meth:`with_runs` when that spell began in that month) counts them towards its free
        days; without it that spell is counted from the month's first day (its
        ``{code}_awal`` of :meth:`with_runs` shows who has one).

        ``whole=True`` is the other reading: a spell of at least ``free`` days costs every
        one of its days (default name ``{code}_penuh``), as Permenkumham 3/2025 Pasal 18
        ayat (1) reads "sakit selama 3 hari sampai dengan 6 bulan dipotong 2,5% per hari":
        a spell of 3 costs 3, not 0. Only this month's days are counted: a spell reaching
        ``free`` days only with the month before's (``before``) costs this month's days, not
        the earlier ones, which that month did not charge; a spell still short of ``free``
        at the month's end is not charged here even if it goes on.

        ``carry``: also a column of that name, the days of the spell still going on the
        month's last working day, the carried ones included: what the next month gives as
        ``before`` (0 when none is). Vectorised over the days (no loop over employees)."""
        if free < 0:
            raise ValueError(f"free must not be negative, got {free}")
        name = name or f"{code}_{'penuh' if whole else 'lanjut'}"
        frame = self._working_days_of(code)
        # the hits so far within a spell (a ``seg``) are each day's place in it
        spell = frame.groupby(["nip", "seg"], sort=False)["hit"]
        place = spell.cumsum()
        length = spell.transform("sum")
        if before is not None:
            taken = pd.Series(before, dtype="float64") if isinstance(before, Mapping) else before
            taken = taken.set_axis(taken.index.astype(str))
            carried = frame["nip"].map(taken).fillna(0).astype(np.int64)
            first = np.where(frame["seg"] == 0, carried, 0)
            place = place + first
            length = length + first
        if whole:
            frame["past"] = (frame["hit"] == 1) & (length >= free)
        else:
            frame["past"] = (frame["hit"] == 1) & (place > free)
        past = frame.groupby("nip", sort=False)["past"].sum()
        out = self.attendance.copy()
        keys = out["nip"].astype(str)
        out[name] = keys.map(past).fillna(0).astype(np.int64).to_numpy()
        if carry is not None:
            # the last working day's place in its spell (0 on a day without the code)
            last = (place * frame["hit"]).groupby(frame["nip"], sort=False).last()
            out[carry] = keys.map(last).fillna(0).astype(np.int64).to_numpy()
        return out


def run_columns(code: str) -> tuple[str, str, str]:
    """The names :meth:`Tally.with_runs` gives ``code``'s runs: the longest in the month, the
    one from its first working day, the one ending on its last (``tk_beruntun``,
    ``tk_awal``, ``tk_akhir``): what an ``absence_sanction`` ``run`` names as ``column``,
    ``at_start`` and ``at_end``."""
    return f"{code}_beruntun", f"{code}_awal", f"{code}_akhir"


def tally_log(
    log: pd.DataFrame | str | Path,
    schedule: Schedule | Mapping[str, Any] | str | Path,
    period: str | Period,
    *,
    employees: Any = None,
    holidays: Iterable[dt.date | str] = (),
    mode: str = "lenient",
    lang: Lang | None = None,
    shape: str | None = None,
    ids: Any = None,
    statuses: Any = None,
    roster: Any = None,
    runs: Iterable[str] = (),
    spells: Iterable[str] = (),
    spells_before: pd.DataFrame | str | Path | None = None,
) -> Tally:
    """Count a month's attendance codes from a daily log (see :class:`Tally`).

    ``log``: a DataFrame or an ``.xlsx`` / CSV file with a NIP, a date, the check-in and
    check-out times and optionally a day status (Indonesian headers too: ``Jam Masuk``).
    ``schedule``: a :class:`Schedule`, or a schedule file or mapping
    (:func:`tukin.daylog.load_schedule`). ``period``: one month. ``employees``: a
    :class:`~tukin.Dataset` or an employees frame (nip, optional start_date / end_date):
    who is expected each working day (a day without a row is ``no_record``) and when each
    is in service; without it, the NIPs of the log, always in service. ``holidays``: dates
    added to the schedule's. ``mode="strict"`` raises
    :class:`~tukin.errors.DatasetValidationError` listing every faulty row instead.

    ``log`` may also be a **punch log**, one row per scan (the machine's user id or the
    NIP, the scan's date and time; ZKTeco's headerless ``attlog.dat`` too): recognised by
    its headers (a date-time or time column, no check-in or check-out column), or said
    with ``shape="punch"`` (``"day"``: a daily log); each employee's day is its first scan
    and its last (:mod:`tukin.daylog.punch`). ``ids``: the machine id -> NIP table (a
    two-column file, a frame or a mapping) of a punch log naming user ids, not NIPs.
    ``statuses``: a punch log's day statuses, a daily log without times (NIP, date,
    status: a file or a frame), joined with the scans (:mod:`tukin.daylog.joined`).

    ``roster``: shift workers' shifts (a file or frame of NIP, date, shift; each shift one
    of the schedule's ``shifts``): a rostered date is judged by its shift, a night shift's
    departure after midnight is the shift's (:mod:`tukin.daylog.roster`).

    ``runs``: codes (``["tk"]``) whose runs of consecutive working days the ``attendance``
    table also counts (:meth:`Tally.with_runs`, columns :func:`run_columns`): what
    ``absence_sanction``'s ``run`` reads for PP 94/2021's 10 working days absent in a row,
    which the month's total cannot tell. A code the schedule does not count is refused.

    ``spells``: ``"CODE:N"`` (``"sakit:3"``) adds the days of ``CODE`` past the first ``N``
    of each spell (column ``sakit_lanjut``: Peraturan BPIP 5/2019), ``"CODE:N:penuh"`` (or
    ``:whole``) every day of the spells of at least ``N`` days (``sakit_penuh``:
    Permenkumham 3/2025 Pasal 18), both with ``sakit_terbawa``, the spell still going on the
    month's last working day (:meth:`Tally.with_spells`, columns :func:`spell_columns`).
    ``spells_before``: the previous month's attendance table (a frame, or the ``.csv`` /
    ``.xlsx`` this function's :func:`~tukin.daylog.write.write_tally` wrote with the same
    ``spells``): its ``CODE_terbawa`` carries a spell over the month's first day. Without
    it a spell at the month's first working day is counted from that day.
    """
    from tukin.dataset import mode_option

    lang = resolve_lang(lang)
    mode = mode_option(mode)
    rules = schedule if isinstance(schedule, Schedule) else load_schedule(schedule)
    if holidays:
        rules = rules.with_holidays(holidays)
    month = Period.parse(period)
    if not month.is_month:
        raise PeriodError(code="period_not_month", value=str(month))
    source = read_log_file(log, lang) if isinstance(log, str | Path) else log
    if not isinstance(source, RawLog | pd.DataFrame):
        from tukin.errors import ArgumentTypeError

        raise ArgumentTypeError(code="log_not_a_frame", value=type(source).__name__)
    source, kept = _without_blank_rows(source)
    shifts = None
    if roster is not None:
        from tukin.daylog.roster import read_roster

        shifts = read_roster(roster, rules, lang)
        _roster_in_month(shifts, month, lang)
    headers = source.headers if isinstance(source, RawLog) else list(source.columns)
    form, shape_problems = log_shape(headers, shape, _cells_at(source))
    if any(p.code == "log_shape_ambiguous" for p in shape_problems):  # neither read on a guess
        raise DatasetValidationError(_report(_placed_all(shape_problems, source), lang), lang=lang)
    source, footer = _without_footer(source, headers, form, kept, lang)
    if form == "punch":
        frame, located, ignored, cells, days = _punches(
            source, headers, shape_problems, rules, month, ids, statuses, lang, shifts, kept
        )
    else:
        frame, located, ignored, table_problems = _settled(source, lang)
        located.kept = kept
        table_problems[:0] = _placed_all(shape_problems, source)
        if ids is not None:
            table_problems += _placed_all([Problem(LOG_TABLE, "punch_ids_unused")], source)
        if statuses is not None:  # a daily log has its status column
            table_problems += _placed_all([Problem(LOG_TABLE, "log_statuses_unused")], source)
        words, at_work = _status_words(rules)
        table_problems += unread_status_columns(_unread(source, ignored), words, at_work, frame)
        if table_problems:
            raise DatasetValidationError(_report(table_problems, lang), lang=lang)
        cells = typed_log(frame, _refused_cells(source, located, frame))
        days = month_days(rules, month.start, month.end)
        if shifts is not None:  # a night shift's check-out is the next morning's
            from tukin.daylog.roster import shift_times

            shift_times(shifts, cells.nip_int, cells.date, cells.check_in, cells.check_out)
    first, last = np.datetime64(month.start, "D"), np.datetime64(month.end, "D")
    other_month = ~np.isnat(cells.date) & ((cells.date < first) | (cells.date > last))
    people = _people(employees, cells, ~other_month)
    n_days, n_emp = len(days.dates), len(people.ints)
    plan = None
    if shifts is not None:
        from tukin.daylog.roster import plan_cells

        plan = plan_cells(shifts, people.ints, days)
    working = days.working[None, :] if plan is None else plan.working.reshape(n_emp, n_days)
    checked = _checked_rows(cells, rules, days, people, plan)
    fault = checked.fault
    accepted = checked.in_period & checked.found & ~fault
    slot = checked.emp * n_days + checked.day
    row_at = np.full(n_emp * n_days, -1, dtype=np.int64)
    row_at[slot[accepted]] = np.flatnonzero(accepted)
    rejected_here = checked.in_period & checked.found & fault
    rejected_at = np.zeros(n_emp * n_days, dtype=bool)
    rejected_at[slot[rejected_here]] = True
    shown_row = row_at.copy()  # the row a day comes from: its accepted row, else a rejected one
    shown_row[slot[rejected_here]] = np.flatnonzero(rejected_here)
    dates = days.dates
    in_service = _serving(people.start[:, None], people.end[:, None], dates[None, :])
    names, status_index = _statuses(cells)
    judged = judge(
        rules,
        days,
        in_service,
        row_at,
        rejected_at,
        cells.check_in,
        cells.check_out,
        status_index,
        names,
        cells.no_marks,
        plan,
    )
    withheld_emp = np.zeros(n_emp, dtype=bool)
    withheld_emp[checked.emp[checked.found & fault]] = True
    unclaimed = _unclaimed(cells, checked, working, row_at, in_service)
    withheld_emp |= unclaimed.any(axis=1)
    seen = np.zeros(n_emp, dtype=bool)
    seen[checked.emp[checked.found & checked.in_period]] = True
    no_rows = _no_rows(rules, days, in_service, seen, working) if people.given else seen & False
    withheld_emp |= no_rows
    gaps = _roster_gaps(rules, days, in_service, plan)
    withheld_emp |= gaps.any(axis=1)
    per_code = counts(judged, n_emp)
    serving = in_service.any(axis=1)
    keep = serving & ~withheld_emp
    attendance = pd.DataFrame({"nip": people.text[keep], "period": str(month)})
    for j, code in enumerate(judged.codes):
        attendance[code] = per_code[keep, j]
    attendance = attendance.reset_index(drop=True)
    without = tuple(people.text[serving & ~seen & ~withheld_emp].tolist()) if people.given else ()
    rejected = rejected_frame(checked.batches, located, cells, lang)
    faults = row_problems([b for b in checked.batches if b.code not in NOT_FAULTS], located, cells)
    if faults and mode == "strict":
        raise DatasetValidationError(_report(faults, lang), lang=lang)
    per_emp = np.bincount(checked.emp[checked.found & checked.fault], minlength=n_emp)
    withheld = withheld_frame(
        people.text,
        per_emp,
        withheld_emp,
        unclaimed,
        dates,
        lang,
        no_rows=no_rows,
        working_days=(in_service & working).sum(axis=1),
        period=str(month),
        roster_gaps=gaps,
    )
    from tukin.daylog.joined import Joined

    days_behind = day_frame(
        judged,
        days,
        people.text,
        shown_row,
        cells,
        located.label,
        lang,
        located.day_rows if isinstance(located, Joined) else None,
        plan,
    )
    tally = Tally(
        str(month),
        rules.name,
        attendance,
        days_behind,
        rejected,
        withheld,
        without,
        tuple(ignored),
        faults,
        form,
        footer,
    )
    counted = [str(c) for c in attendance.columns if c not in ("nip", "period")]
    for code in dict.fromkeys([runs] if isinstance(runs, str) else runs):  # once each
        if code not in counted:
            from tukin.errors import ArgumentError

            raise ArgumentError(code="log_runs_code", value=code, detail=", ".join(counted) or "-")
        tally = replace(tally, attendance=tally.with_runs(code))
    asked = [_spell(text, counted) for text in ([spells] if isinstance(spells, str) else spells)]
    previous = None if spells_before is None or not asked else _previous(spells_before, month)
    for code, free, whole in dict.fromkeys(asked):
        taken = None
        if previous is not None:
            _, _, carry = spell_columns(code)
            if carry not in previous.columns:
                from tukin.errors import ArgumentError

                raise ArgumentError(code="log_spells_before", value=carry, detail=code)
            taken = pd.to_numeric(previous[carry], errors="coerce").fillna(0)
            taken.index = previous["nip"].astype(str).str.strip()
        past, full, carry = spell_columns(code)
        table = tally.with_spells(
            code, free, full if whole else past, before=taken, whole=whole, carry=carry
        )
        tally = replace(tally, attendance=table)
    return tally


def spell_columns(code: str) -> tuple[str, str, str]:
    """The names :func:`tally_log`'s ``spells`` gives ``code``'s spells: the days past each
    spell's free ones, every day of the long spells, the spell going on at the month's end
    (``sakit_lanjut``, ``sakit_penuh``, ``sakit_terbawa``)."""
    return f"{code}_lanjut", f"{code}_penuh", f"{code}_terbawa"


def _spell(text: str, counted: list[str]) -> tuple[str, int, bool]:
    """``"sakit:3"`` -> ("sakit", 3, False); ``"sakit:3:penuh"`` -> ("sakit", 3, True)."""
    from tukin.errors import ArgumentError

    parts = [p.strip() for p in str(text).split(":")]
    whole = len(parts) == 3 and parts[2].lower() in ("penuh", "whole")
    if len(parts) not in (2, 3) or (len(parts) == 3 and not whole):
        raise ArgumentError(code="log_spells_code", value=text, detail=", ".join(counted) or "-")
    if parts[0] not in counted or not parts[1].isdigit():
        raise ArgumentError(code="log_spells_code", value=text, detail=", ".join(counted) or "-")
    return parts[0], int(parts[1]), whole


def _previous(given: pd.DataFrame | str | Path, month: Period) -> pd.DataFrame:
    """The previous month's attendance table: a frame, or the file ``tukin attendance``
    wrote (CSV: ``nip`` and the columns as named; .xlsx: its first sheet, whose NIP and
    period headers may be in either language). With a period column, the rows of the month
    before ``month`` (several months' rows together are fine); a table with none of them, or
    with a NIP twice, is refused: it would carry a wrong spell or none without a word."""
    from tukin.errors import ArgumentError

    if isinstance(given, pd.DataFrame):
        frame = given
    elif Path(given).suffix.lower() == ".xlsx":
        frame = pd.read_excel(given, sheet_name=0, dtype=str)
    else:
        frame = pd.read_csv(given, dtype=str)
    heads = {"nip": "nip", "period": "period", "periode": "period"}
    frame = frame.rename(
        columns={c: heads[k] for c in frame.columns if (k := str(c).strip().lower()) in heads}
    )
    if "nip" not in frame.columns:
        raise ArgumentError(code="log_spells_before", value="nip", detail="-")
    before = str(month.prev())
    if "period" in frame.columns:
        frame = frame[frame["period"].astype(str).str.strip() == before]
        if frame.empty:
            raise ArgumentError(code="log_spells_before_month", value=before)
    nips = frame["nip"].astype(str).str.strip()
    twice = nips[nips.duplicated()]
    if len(twice):
        raise ArgumentError(code="log_spells_before_twice", value=before, detail=twice.iloc[0])
    return frame


def _punches(
    source: pd.DataFrame | RawLog,
    headers: list[Any],
    shape_problems: list[Problem],
    rules: Schedule,
    month: Period,
    ids: Any,
    statuses: Any,
    lang: Lang,
    shifts: Any = None,
    kept: npt.NDArray[np.int64] | None = None,
) -> tuple[pd.DataFrame, Located, list[str], LogCells, Any]:
    """A punch log read and reduced to day rows (:mod:`tukin.daylog.punch`), joined with
    its status file if one is given (:mod:`tukin.daylog.joined`), or refused with every
    problem of its headers and the status file's (and of the id table) at once."""
    from tukin.daylog.punch import read_ids, reduce_punches, scan_problems, settle_punches

    positions, problems, ignored = settle_punches(headers)
    problems[:0] = shape_problems
    use_state = any(v.value.punch_state == "use" for v in rules.values)
    if "state" in positions and not use_state:
        ignored.append(str(headers[positions["state"]]))  # not trusted: said, not read
    problems += scan_problems(source, positions, ids is not None, use_state)
    words, at_work = _status_words(rules)
    scan = positions.get("datetime", positions.get("time"))
    read = pd.DataFrame(
        {"check_in": _column(source, scan)} if scan is not None else {}, dtype=object
    )
    problems = _placed_all(problems, source)
    # a status column under the daily log's own header (Keterangan) is not read either: a
    # punch log's statuses are a file of their own, said as such rather than "rename it"
    for p in unread_status_columns(_unread(source, ignored), words, at_work, read):
        own = header_key(p.value) in _STATUS_KEYS if p.value is not None else False
        problems.append(replace(p, code="punch_statuses_unread") if own else p)
    status_file = None
    if statuses is not None:
        status_file = _status_file(statuses, rules, lang)
        problems += status_file[4]
    if problems:
        raise DatasetValidationError(_report(problems, lang), lang=lang)
    table = None if ids is None else read_ids(ids, lang)
    days = month_days(rules, month.start, month.end)
    reduced = reduce_punches(source, positions, ignored, rules, days, table, shifts)
    reduced.located.kept = kept
    if status_file is None:
        return reduced.frame, reduced.located, reduced.ignored, reduced.cells, days
    from tukin.daylog.joined import join_statuses

    s_source, s_frame, s_located, s_ignored, _ = status_file
    s_frame = s_frame.assign(check_in=None, check_out=None)
    s_cells = typed_log(s_frame, _refused_cells(s_source, s_located, s_frame))
    cells, joined = join_statuses(
        reduced.cells, reduced.located, reduced.groups, s_cells, s_located
    )
    return reduced.frame, joined, [*reduced.ignored, *s_ignored], cells, days


def _status_file(
    statuses: Any, rules: Schedule, lang: Lang
) -> tuple[pd.DataFrame | RawLog, pd.DataFrame, Located, list[str], list[Problem]]:
    """A punch log's status file read as a daily log without times: its cells, where they
    are, the columns not read, and its problems (a time column: the times are the scans';
    no status column; the daily log's own)."""
    source = read_log_file(statuses, lang) if isinstance(statuses, str | Path) else statuses
    if not isinstance(source, RawLog | pd.DataFrame):
        from tukin.errors import ArgumentTypeError

        raise ArgumentTypeError(code="log_not_a_frame", value=type(source).__name__)
    source, kept = _without_blank_rows(source)
    frame, located, ignored, problems = _settled(source, lang)
    located.kept = kept
    problems = [
        p
        for p in problems
        if not (p.code == "missing_column" and p.column in ("check_in", "check_out"))
    ]
    timed = [c for c in ("check_in", "check_out") if c in frame]
    if timed:
        problems.append(Problem(LOG_TABLE, "punch_statuses_times", value=", ".join(timed)))
    if "status" not in frame:
        problems.append(Problem(LOG_TABLE, "missing_column", column="status"))
    words, at_work = _status_words(rules)
    problems = _placed_all(problems, source)
    problems += unread_status_columns(_unread(source, ignored), words, at_work, frame)
    return source, frame, located, ignored, problems


_STATUS_KEYS = frozenset(_LOG_KEYS["status"])


def _column(source: pd.DataFrame | RawLog, j: int) -> pd.Series:
    if isinstance(source, RawLog):
        return source.frame[j].reset_index(drop=True)
    return source.iloc[:, j].reset_index(drop=True)


def _placed_all(problems: list[Problem], source: pd.DataFrame | RawLog) -> list[Problem]:
    if not isinstance(source, RawLog):
        return problems
    return [p if p.location else _placed(p, source.place) for p in problems]


def _serving(start: np.ndarray, end: np.ndarray, on: np.ndarray) -> npt.NDArray[np.bool_]:
    """Whether an employee serving from ``start`` to ``end`` (NaT: open) is in service on
    ``on``, element-wise and broadcast: the employees × days of the month, or each log row's
    employee on the row's day. One reading of service for the counts and the row checks."""
    return np.asarray((np.isnat(start) | (start <= on)) & (np.isnat(end) | (on <= end)), bool)


def _no_rows(
    rules: Schedule,
    days: Any,
    in_service: npt.NDArray[np.bool_],
    seen: npt.NDArray[np.bool_],
    working: npt.NDArray[np.bool_],
) -> npt.NDArray[np.bool_]:
    """Employees given with no log row in the month (``~seen``) and a working day in service
    the schedule's ``no_rows: withhold`` covers: withheld, not counted ``no_record`` every
    day (review 99: twenty-two TK, an 88 % cut, for an employee whose rows were in another
    office's log or beyond the end of an export cut short). One whose service lies outside
    the month, or covers only days off, has no working day to miss and is not withheld."""
    withhold = np.array([v.value.no_rows == "withhold" for v in rules.values], dtype=bool)
    on = working & withhold[days.version][None, :]
    return ~seen & (in_service & on).any(axis=1)


def _roster_in_month(shifts: Any, month: Period, lang: Lang) -> None:
    """Refuse a roster none of whose dates falls in the month (``roster_other_month``):
    last month's file given by mistake would leave every shift worker judged by office
    hours (no one named in the month, so no ``log_roster_gap`` either)."""
    first, last = np.datetime64(month.start, "D"), np.datetime64(month.end, "D")
    if not len(shifts) or ((shifts.date >= first) & (shifts.date <= last)).any():
        return
    from tukin.daylog.roster import ROSTER_TABLE

    span = f"{shifts.date.min()} – {shifts.date.max()}"
    problem = Problem(ROSTER_TABLE, "roster_other_month", value=span, fields={"period": str(month)})
    raise DatasetValidationError(_report([problem], lang), lang=lang)


def _roster_gaps(
    rules: Schedule, days: Any, in_service: npt.NDArray[np.bool_], plan: Any
) -> npt.NDArray[np.bool_]:
    """Per employee × day, a working day of ``hours`` in service that the roster leaves
    out for an employee it names in the month, where ``unrostered: withhold`` is in force:
    the employee is withheld (``log_roster_gap``). A shift worker's unlisted date judged by
    office hours counts TK or missing marks on a guess; a roster cut short (typed to the
    30th) or a row lost is the likelier cause."""
    if plan is None:
        return np.zeros(in_service.shape, dtype=bool)
    rostered = plan.rostered.reshape(in_service.shape)
    withhold = np.array([v.value.unrostered == "withhold" for v in rules.values], dtype=bool)
    on = days.working & withhold[days.version]
    named = rostered.any(axis=1)
    return named[:, None] & ~rostered & on[None, :] & in_service


def _unclaimed(
    cells: LogCells,
    checked: _Checked,
    working: npt.NDArray[np.bool_],
    row_at: npt.NDArray[np.int64],
    in_service: npt.NDArray[np.bool_],
) -> npt.NDArray[np.bool_]:
    """(employees × days) Each working day of the month a row without a readable NIP names,
    for each employee in service with no row that day: the row may be theirs (review 96: a
    merged recap exported to CSV keeps each employee's NIP in their first row only, and the
    other days were counted no record while the employee was counted, not withheld). A row
    whose NIP is readable but no employee's claims no one's day: another office's, on a
    shared machine."""
    n_emp, n_days = in_service.shape
    orphan = checked.in_period & cells.nip.isna().to_numpy()
    day = np.zeros(n_days, dtype=bool)
    day[checked.day[orphan]] = True
    if not day.any():
        return np.zeros((n_emp, n_days), dtype=bool)
    return (row_at.reshape(n_emp, n_days) < 0) & in_service & day[None, :] & working


# -- the log's columns and places ----------------------------------------------------------------


def _settled(
    source: pd.DataFrame | RawLog, lang: Lang
) -> tuple[pd.DataFrame, Located, list[str], list[Problem]]:
    if isinstance(source, RawLog):
        named, problems, ignored = settle_log_columns(source.headers)
        positions = {c: j for j, c in enumerate(named) if c is not None}
        frame = pd.DataFrame({c: source.frame[j] for c, j in positions.items()})
        where = source.place
        problems = [p if p.location else _placed(p, where) for p in problems]
        return frame, Located(source, positions), ignored, problems
    if not isinstance(source, pd.DataFrame):
        from tukin.errors import ArgumentTypeError

        raise ArgumentTypeError(code="log_not_a_frame", value=type(source).__name__)
    named, problems, ignored = settle_log_columns(list(source.columns))
    frame = pd.DataFrame(
        {c: source.iloc[:, j].reset_index(drop=True) for j, c in enumerate(named) if c is not None}
    )
    return frame, Located(None, {}), ignored, problems


def _without_blank_rows(
    source: pd.DataFrame | RawLog,
) -> tuple[pd.DataFrame | RawLog, npt.NDArray[np.int64] | None]:
    """A frame without its all-blank rows, and the positions of the rows kept (None: none
    skipped, the frame as given). A file's reader skips such rows (``pd.read_excel`` keeps
    them, review 138: each was two ``required_value`` faults and the tally not ok); the
    rows kept are still named by their position in the frame given."""
    if not isinstance(source, pd.DataFrame) or not len(source) or not source.shape[1]:
        return source, None
    blank = np.arange(len(source), dtype=np.int64)  # rows blank so far: few past a column
    for j in range(source.shape[1]):
        cells = source.iloc[blank, j]
        empty = cells.isna().to_numpy(dtype=bool).copy()
        if pd.api.types.is_string_dtype(cells.dtype) and (~empty).any():
            spaces = cells[~empty].astype(str).str.strip().eq("")  # spaces only
            empty[~empty] = spaces.to_numpy(dtype=bool)
        blank = blank[empty]
        if not len(blank):
            return source, None
    keep = np.ones(len(source), dtype=bool)
    keep[blank] = False
    kept = np.flatnonzero(keep).astype(np.int64)
    return source.iloc[kept], kept


#: A footer's first cell: a phrase (letters and a space, colon or comma), which no NIP or
#: machine id is: ``Dicetak: 01/12/2026 10:15``, ``Total: 25``, ``Mengetahui, Kepala Bagian``
_FOOTER_TEXT = re.compile(r"(?=.*[A-Za-z])(?=.*[\s:,]).*\S.*", re.DOTALL)


def _without_footer(
    source: pd.DataFrame | RawLog,
    headers: list[Any],
    form: str,
    kept: npt.NDArray[np.int64] | None,
    lang: Lang,
) -> tuple[pd.DataFrame | RawLog, tuple[str, ...]]:
    """The log without the rows at its end that are a printout's footer, and those rows
    said (where, and the first cell). A machine's printable export ends with ``Dicetak:
    01/12/2026 10:15``, ``Total: 25``, a signature block; each was a fault the clerk had to
    delete (review 138). A row is such a footer only when it and every row after it hold a
    phrase in the first cell and nothing in any other column the log reads (no NIP or id,
    no date, no time, no status): a row that could be a scan or a day is never skipped, and
    a footer-like row above a row of data stays a fault."""
    from tukin.daylog.punch import settle_punches

    if form == "punch":
        read = set(settle_punches(headers)[0].values())
    else:
        read = {j for j, c in enumerate(settle_log_columns(headers)[0]) if c is not None}
    cells = source.frame if isinstance(source, RawLog) else source
    n = len(cells)
    if not n or not cells.shape[1]:
        return source, ()
    others = [j for j in sorted(read) if j != 0]
    end = n
    while end > 0:  # a printout's last rows, few: read one by one from the end
        first = cells.iloc[end - 1, 0]
        if not (isinstance(first, str) and _FOOTER_TEXT.fullmatch(first.strip())):
            break
        if any(_filled(cells.iloc[end - 1, j]) for j in others):
            break
        end -= 1
    if end == n:
        return source, ()
    table, row_word, _ = PLACE_WORDS[lang]
    said = []
    for k in range(end, n):
        text = str(cells.iloc[k, 0]).strip()
        if isinstance(source, RawLog):
            said.append(f"{source.location(k, 0)}: {text!r}")
        else:
            at = k if kept is None else int(kept[k])
            said.append(f"{table} {LOG_TABLE}, {row_word} {at}: {text!r}")
    if isinstance(source, RawLog):
        return (
            replace(
                source,
                frame=source.frame.iloc[:end],
                row_numbers=source.row_numbers[:end],
                issues={k: v for k, v in source.issues.items() if k[0] < end},
                merged_values={k: v for k, v in source.merged_values.items() if k[0] < end},
            ),
            tuple(said),
        )
    return source.iloc[:end], tuple(said)


def _filled(cell: Any) -> bool:
    """Whether a cell holds anything: not None, NaN or spaces."""
    if cell is None or (isinstance(cell, str) and not cell.strip()):
        return False
    return not bool(pd.isna(cell)) if np.ndim(cell) == 0 else True


def _cells_at(source: pd.DataFrame | RawLog) -> Callable[[int], pd.Series]:
    """The cells at a header position, as the file or the frame holds them."""
    if isinstance(source, RawLog):
        return lambda j: source.frame[j]
    return lambda j: source.iloc[:, j]


def _unread(
    source: pd.DataFrame | RawLog, ignored: list[str]
) -> list[tuple[str, pd.Series, str | None]]:
    """The columns the log does not read (``ignored``, by header): header, cells, where."""
    names = set(ignored)
    if isinstance(source, RawLog):
        return [
            (h, source.frame[j], source.place + source.around(j)[1])
            for j, h in enumerate(source.headers)
            if h in names
        ]
    return [
        (str(h), source.iloc[:, j], None) for j, h in enumerate(source.columns) if str(h) in names
    ]


def _status_words(rules: Schedule) -> tuple[frozenset[str], frozenset[str]]:
    """The day statuses a log may hold: the schedule's (any dated value) and the usual;
    then those of them that say the employee was at work (``present``, and the usual)."""
    listed = {s for v in rules.values for s in (*v.value.statuses, *v.value.at_work())}
    at_work = {s for v in rules.values for s in v.value.at_work()} | set(USUAL_AT_WORK)
    return frozenset(listed | set(USUAL_STATUSES)), frozenset(at_work)


def _refused_cells(
    source: pd.DataFrame | RawLog, located: Located, frame: pd.DataFrame
) -> dict[str, dict[int, CellIssue]]:
    """The cells of a workbook's log the data readers refuse (:attr:`RawLog.issues`), per
    log column and row. A NIP hidden under merged cells takes the NIP the merge shows, in
    ``frame``: the row is refused all the same, and the employee it names is withheld
    rather than counted without the row's day."""
    if not isinstance(source, RawLog) or not source.issues:
        return {}
    column_of = {j: c for c, j in located.positions.items()}
    out: dict[str, dict[int, CellIssue]] = {}
    for (row, j), issue in source.issues.items():
        column = column_of.get(j)
        if column is None:
            continue  # a column the log does not read
        out.setdefault(column, {})[row] = issue
        if column == "nip" and (row, j) in source.merged_values:
            frame.loc[row, "nip"] = source.merged_values[(row, j)]
    return out


def _placed(problem: Problem, where: str) -> Problem:
    from dataclasses import replace

    return replace(problem, location=where)


def _report(problems: list[Problem], lang: Lang) -> Any:
    from tukin.validation import ValidationReport

    return ValidationReport(problems, lang=lang)


# -- employees ----------------------------------------------------------------------------------


@dataclass
class _People:
    ints: npt.NDArray[np.int64]  # sorted
    text: npt.NDArray[np.object_]
    start: npt.NDArray[np.datetime64]
    end: npt.NDArray[np.datetime64]
    given: bool


def _people(employees: Any, cells: LogCells, this_month: npt.NDArray[np.bool_]) -> _People:
    """Who is expected: the employees given (their service dates), else the NIPs of the
    log's rows of this month (or of no readable date: such a row withholds its employee)."""
    if employees is None:
        ok = cells.nip.notna().to_numpy() & this_month
        ints, first = np.unique(cells.nip_int[ok], return_index=True)
        text = cells.nip[ok].to_numpy(dtype=object)[first]
        nat = np.full(len(ints), np.datetime64("NaT"), dtype="datetime64[D]")
        return _People(ints, text, nat, nat.copy(), False)
    frame = employees.table("employees") if hasattr(employees, "table") else employees
    if not isinstance(frame, pd.DataFrame) or "nip" not in frame:
        from tukin.errors import ArgumentTypeError

        raise ArgumentTypeError(code="log_employees_frame", value=type(frame).__name__)
    frame = frame.reset_index(drop=True)
    nips = coerce_nip("employees", TABLES["employees"].column("nip"), frame["nip"])
    bad = ~nips.present
    given = nips.ints if nips.ints is not None and not bad.any() else None
    numbers = np.zeros(0, np.int64) if given is None else given.to_numpy(dtype=np.int64)
    twice = pd.Series(numbers).duplicated().to_numpy() if given is not None else bad
    if given is None or twice.any():
        from tukin.errors import ArgumentError

        raise ArgumentError(code="log_employees_nip", value=int(np.flatnonzero(bad | twice)[0]))
    order = np.argsort(numbers, kind="stable")

    def dates(name: str) -> npt.NDArray[np.datetime64]:
        if name not in frame:
            return np.full(len(frame), np.datetime64("NaT"), dtype="datetime64[D]")
        typed = coerce_date("employees", TABLES["employees"].column(name), frame[name])
        bad = np.flatnonzero(~typed.present & ~typed.null)
        if len(bad):
            from tukin.errors import ArgumentError

            raise ArgumentError(code="log_employees_date", column=name, value=int(bad[0]))
        return typed.values.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")

    return _People(
        numbers[order],
        nips.values.to_numpy(dtype=object)[order],
        dates("start_date")[order],
        dates("end_date")[order],
        True,
    )


# -- rows ----------------------------------------------------------------------------------------


@dataclass
class _Checked:
    in_period: npt.NDArray[np.bool_]
    found: npt.NDArray[np.bool_]  # the NIP is an expected employee
    emp: npt.NDArray[np.int64]
    day: npt.NDArray[np.int64]
    fault: npt.NDArray[np.bool_]
    batches: list[Batch]


def _checked_rows(
    cells: LogCells, rules: Schedule, days: Any, people: _People, plan: Any = None
) -> _Checked:
    """Each row's employee and day, and every problem of the rows: the cells' own, then a
    row of another month, an unknown employee, two rows for one day, a check-out before
    the check-in, a status the day's work rules do not list."""
    n, n_days = len(cells), len(days.dates)
    batches = list(cells.problems)
    cell_bad = np.zeros(n, dtype=bool)
    for b in batches:
        cell_bad[b.rows] = True
    dated = ~np.isnat(cells.date)
    offset = np.where(dated, (cells.date - days.dates[0]).astype(np.int64), -1)
    in_period = dated & (offset >= 0) & (offset < n_days)
    outside = dated & ~in_period
    # a row of another month is that month's: its other problems are not this month's
    batches = [b for b in (_without(b, outside) for b in batches) if len(b)]
    rows = np.flatnonzero(outside)
    if len(rows):
        period = f"{days.dates[0]} … {days.dates[-1]}"
        batches.append(_batch("log_outside_period", "date", rows, cells, period=period))
    has_nip = cells.nip.notna().to_numpy()
    pos = np.searchsorted(people.ints, cells.nip_int)
    pos = np.minimum(pos, max(len(people.ints) - 1, 0))
    found = (
        has_nip
        & (len(people.ints) > 0)
        & (people.ints[pos] == cells.nip_int if len(people.ints) else False)
    )
    found = np.asarray(found, dtype=bool)
    unknown = has_nip & ~found & ~outside
    if unknown.any():
        batches.append(_batch("log_unknown_employee", "nip", np.flatnonzero(unknown), cells))
    emp = np.where(found, pos, 0).astype(np.int64)
    day = np.where(in_period, offset, 0).astype(np.int64)
    keyed = in_period & found
    slot = emp * n_days + day
    many = (
        np.bincount(slot[keyed], minlength=len(people.ints) * n_days)
        if len(people.ints)
        else np.zeros(0, np.int64)
    )
    twice = keyed & (many[slot] > 1 if len(many) else False)
    if twice.any():
        batches.append(_batch("log_duplicate_day", "date", np.flatnonzero(twice), cells))
    backwards = (
        in_period
        & (cells.check_in >= 0)
        & (cells.check_out >= 0)
        & (cells.check_out < cells.check_in)
    )
    if backwards.any():
        batches.append(
            _batch(
                "log_out_before_in",
                "check_out",
                np.flatnonzero(backwards),
                cells,
                source=cells.check_in,
            )
        )
    serving = ~found  # a row of no known employee: refused for that, its day judged as any
    if len(people.ints):
        serving |= _serving(people.start[emp], people.end[emp], cells.date)
    working = days.working[day]
    if plan is not None:  # a roster: a row's day is a working day by its shift
        working = np.where(found, plan.working[slot], working)
    batches += _status_problems(cells, rules, days, in_period, day, serving, working)
    fault = np.zeros(n, dtype=bool)
    for b in batches:
        if b.code not in NOT_FAULTS and b.rows is not None:
            fault[b.rows] = True
    return _Checked(in_period, found, emp, day, fault & ~outside, batches)


def _without(b: Batch, drop: npt.NDArray[np.bool_]) -> Batch:
    if b.rows is None:
        return b
    keep = ~drop[b.rows]
    from dataclasses import replace

    fields = {k: v[keep] for k, v in b.row_fields.items()}
    return replace(
        b, rows=b.rows[keep], values=None if b.values is None else b.values[keep], row_fields=fields
    )


def _batch(
    code: str,
    column: str,
    rows: npt.NDArray[np.int64],
    cells: LogCells,
    source: Any = None,
    **fields: Any,
) -> Batch:
    rows = rows.astype(np.int64)
    if column == "nip":
        values = cells.nip.to_numpy(dtype=object)[rows]
    elif column == "date":
        values = np.datetime_as_string(cells.date[rows]).astype(object)
    else:
        values = np.array([clock(s) for s in cells.check_out[rows]], dtype=object)
    row_fields: dict[str, Any] = {}
    if source is not None:
        row_fields["check_in"] = np.array([clock(s) for s in source[rows]], dtype=object)
    return Batch(LOG_TABLE, code, column, rows, values, dict(fields), row_fields)


def _statuses(cells: LogCells) -> tuple[list[str], npt.NDArray[np.int64]]:
    """The distinct statuses written, and each row's index into them (-1: none)."""
    codes, uniques = pd.factorize(cells.status, use_na_sentinel=True)
    return [str(u) for u in uniques], codes.astype(np.int64)


def _status_problems(
    cells: LogCells,
    rules: Schedule,
    days: Any,
    in_period: Any,
    day: Any,
    serving: Any,
    working: Any,
) -> list[Batch]:
    names, index = _statuses(cells)
    if not names:
        return []
    out: list[Batch] = []
    version = np.where(in_period, days.version[day], -1)
    for k, value in enumerate(rules.values):
        listed = value.value.statuses
        present = value.value.at_work()
        known = np.array([s in listed or s in present for s in names] + [True], dtype=bool)
        bad = (version == k) & ~known[index]
        if bad.any():
            rows = np.flatnonzero(bad).astype(np.int64)
            choices = [*listed, *present]  # a list in fields, as the readers' (joined for people)
            out.append(
                Batch(
                    LOG_TABLE,
                    "invalid_choice",
                    "status",
                    rows,
                    cells.status_given.to_numpy(dtype=object)[rows],
                    {"choices": choices},
                )
            )
    out += _present_without_times(cells, rules, version, working, serving, names, index)
    return out


def _present_without_times(
    cells: LogCells,
    rules: Schedule,
    version: npt.NDArray[np.int64],
    working: npt.NDArray[np.bool_],
    serving: npt.NDArray[np.bool_],
    names: list[str],
    index: npt.NDArray[np.int64],
) -> list[Batch]:
    """Rows of a working day whose status says the employee was at work (``present``) with
    both time cells blank, under work rules whose ``present_no_times`` is ``reject``: the
    status and the times contradict each other, and which is right the clerk can tell
    (review 99: such a day was counted no record, TK under the example schedule). A row
    whose time cell is refused already is not refused twice; ``serving``: per row, whether
    its day is in its employee's service (found or not: an unknown NIP is refused anyway)."""
    blank = (cells.check_in < 0) & (cells.check_out < 0)
    for b in cells.problems:
        if b.column in ("check_in", "check_out") and b.rows is not None:
            blank[b.rows] = False
    # a day off, or outside the employee's service, counts nothing: no contradiction to settle
    blank &= (version >= 0) & working & serving
    out: list[Batch] = []
    for k, value in enumerate(rules.values):
        rules_k = value.value
        if rules_k.present_no_times != "reject" or not rules_k.at_work():
            continue
        at_work = np.array([s in rules_k.at_work() for s in names] + [False], dtype=bool)
        bad = (version == k) & at_work[index] & blank
        if bad.any():
            rows = np.flatnonzero(bad).astype(np.int64)
            out.append(
                Batch(
                    LOG_TABLE,
                    "log_present_no_times",
                    "status",
                    rows,
                    cells.status_given.to_numpy(dtype=object)[rows],
                )
            )
    return out
