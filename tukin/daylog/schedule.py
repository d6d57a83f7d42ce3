"""The work schedule a daily attendance log is judged against: hours, bands, day statuses.

A schedule is data, like a rule file: a regency's Perbup or a ministry's Permen sets the
working hours (Friday often differs), how many minutes late make TL1 to TL4 and how many
minutes early make PSW1 to PSW4, what a day without a check-in or without any record counts
as, and which day statuses (sakit, izin, cuti, dinas luar) count as what. None of it is a
constant in code and nothing has a silent default: a schedule that leaves out its bands or
what a missing record counts as is refused, since either choice moves money.

A schedule file is read by the rule files' safe YAML reader (:mod:`tukin.ruleset.yamlsafe`:
plain data only, numbers from their text) and shaped like one rule file parameter: dated
``values`` (``from``/``to``, ``reference``, ``source``, ``note``: the same
:class:`~tukin.ruleset.model.DatedValue` and the same overlap check), each value one
:class:`WorkRules`. A Ramadan timetable is a value dated to Ramadan; a new regulation is a
value from its first day. Holidays are a list of dates beside them: none is shipped as fact.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from tukin.contract import DERIVED_COLUMNS
from tukin.errors import RuleProblem, RuleSetError, ScheduleError
from tukin.ruleset._values import date_problems
from tukin.ruleset.model import DatedValue

__all__ = ["WEEKDAYS", "Schedule", "WorkRules", "load_schedule"]

#: Weekday keys of ``hours``, Monday first (``datetime.date.weekday`` order).
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: Other names a schedule may give a weekday (Indonesian, English in full).
_DAY_NAMES = {
    **{d: d for d in WEEKDAYS},
    "senin": "mon",
    "selasa": "tue",
    "rabu": "wed",
    "kamis": "thu",
    "jumat": "fri",
    "jum'at": "fri",
    "sabtu": "sat",
    "minggu": "sun",
    "monday": "mon",
    "tuesday": "tue",
    "wednesday": "wed",
    "thursday": "thu",
    "friday": "fri",
    "saturday": "sat",
    "sunday": "sun",
}
_HOURS = re.compile(r"(\d{1,2})[:.](\d{2})\s*[-\u2013]\s*(\d{1,2})[:.](\d{2})")
_CODE = re.compile(r"[a-z][a-z0-9_]*")
_EXCUSE = re.compile(r"(late|early)(?:\s+(?:until|from)\s+(\d{1,2})[:.]([0-5]\d))?")


def _excuse_parts(given: Any) -> list[str]:
    """An excuse's parts, lower case: one (``late until 12:00``), or a pair of permits on
    one day, one per side, as a list or joined by a comma, a semicolon, ``and`` or ``dan``
    (``late until 09:00, early from 14:00``); [] for anything else (refused)."""
    if isinstance(given, str):
        given = re.split(r"\s*[,;]\s*|\s+(?:and|dan)\s+", given.strip().lower())
    if not isinstance(given, list | tuple) or not 1 <= len(given) <= 2:
        return []
    if not all(isinstance(p, str) for p in given):
        return []
    return [p.strip().lower() for p in given]


#: The words of the keys that choose rather than list codes, the default first.
_CHOICES = {
    "present_no_times": ("reject", "no_record", "no_marks"),
    "no_rows": ("withhold", "absent"),
    "single_scan": ("midpoint", "arrival", "departure", "none"),
    "punch_state": ("ignore", "use"),
    "unrostered": ("withhold", "hours"),
}
#: Names no attendance code may take: the table's key and what the engine derives.
_NOT_CODES = frozenset({"nip", "period", *DERIVED_COLUMNS})


_DAY = 86_400


def _hhmm(seconds: int) -> str:
    return f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}"


def _bad(en: str, id_: str) -> PydanticCustomError:
    """A mistake worded in both languages (read by :func:`tukin.ruleset.check.error_text`)."""
    return PydanticCustomError(
        "schedule_invalid", en.replace("{", "(").replace("}", ")"), {"message_id": id_}
    )


def _code(value: Any) -> str:
    if not isinstance(value, str) or not _CODE.fullmatch(value) or value in _NOT_CODES:
        raise _bad(
            f"{value!r} is no attendance code: lower-case letters, digits and _ "
            "(tl1, psw4, tk), not nip, period or a column tukin derives",
            f"{value!r} bukan kode kehadiran: huruf kecil, angka dan _ "
            "(tl1, psw4, tk), bukan nip, period atau kolom yang diturunkan tukin",
        )
    return value


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class WorkRules(_Frozen):
    """How one stretch of dates judges a day: hours per weekday, bands, what a gap counts as."""

    hours: dict[str, tuple[int, int]] = Field(
        description='Working weekdays and their hours, quoted: `mon: "07:30-16:00"`, '
        '`fri: "07:30-16:30"` (mon..sun or senin..minggu). A weekday not listed is no '
        "working day."
    )
    grace_minutes: int = Field(
        0,
        ge=0,
        le=240,
        description="Tolerance: a check-in at most this many minutes late is on time (and a "
        "check-out at most this many minutes early). A later one is measured from the "
        "scheduled time, bands unchanged. To measure from the end of the tolerance instead, "
        "move the hours.",
    )
    late_bands: dict[str, int] = Field(
        description="Late arrival (TL) bands: code -> first whole minute late it covers, "
        "ascending; each runs to the next band's first minute, the last has no end. Permentan "
        "68/2012: `{tl1: 1, tl2: 31, tl3: 61, tl4: 91}`."
    )
    early_bands: dict[str, int] = Field(
        description="Early departure (PSW) bands, as `late_bands`: minutes before the end."
    )
    no_check_in: tuple[str, ...] = Field(
        description="Codes counted on a working day with a check-out but no check-in, e.g. "
        "`[tl4]` (Permentan 68/2012: TL4 is 91 minutes or more, or no record)."
    )
    no_check_out: tuple[str, ...] = Field(
        description="Codes counted on a working day with a check-in but no check-out, e.g. `[psw4]`."
    )
    no_record: tuple[str, ...] = Field(
        description="Codes counted on a working day with no log row, no time and no status: "
        "`[tk]` (absent without a reason), or `[tl4, psw4]` where the rule counts a day "
        "without any record as both missing marks. A choice of the regulation: no default."
    )
    statuses: dict[str, str | None] = Field(
        default_factory=dict,
        description="Day statuses of the log and the code each counts as on a working day: "
        "`{sakit: sakit, cuti: cuti, dinas luar: null}` (null: an excused day, no code). A "
        "status not listed rejects its row. Matched without regard to case and spacing.",
    )
    present: tuple[str, ...] = Field(
        (),
        description="Day statuses that say the employee was at work, whose times are judged "
        "as on a day without a status: an e-absensi app's `[hadir, terlambat, pulang cepat]`. "
        "Listing them in `statuses` as null would forgive every late arrival on those days.",
    )

    present_no_times: str = Field(
        "reject",
        description="What a day with a status of `present` and neither a check-in nor a "
        "check-out counts as: `reject` (the row is rejected and the employee withheld: the "
        "status and the times contradict each other, and the clerk can tell which is "
        "right), `no_record` (the `no_record` codes, as a day without any record) or "
        "`no_marks` (the `no_check_in` and the `no_check_out` codes, as a day at work "
        "with both marks missing). The default moves no money.",
    )
    no_rows: str = Field(
        "withhold",
        description="What an employee given (`--data`) in service on a working day with no "
        "log row at all in the month gets: `withhold` (no attendance row, listed among the "
        "withheld: a log of another office or cut short is likelier than a month absent) "
        "or `absent` (every working day counts the `no_record` codes). A month is "
        "withheld when any working day of the employee's falls under `withhold`. The "
        "default moves no money.",
    )

    single_scan: str = Field(
        "midpoint",
        description="A punch log (one row per scan): what a working day with a single scan "
        "(after double presses are merged) counts as: `midpoint` (default: a scan before the "
        "middle of the day's scheduled hours is the arrival, a later one the departure, as a "
        "clerk reducing the scans by hand reads it; the other mark is missing and counted as "
        "`no_check_in` / `no_check_out` say), `arrival`, `departure` (always that mark), or "
        "`none` (neither: both marks missing, both codes counted). No effect on a daily log.",
    )
    double_scan_minutes: int = Field(
        5,
        ge=0,
        le=60,
        description="A punch log: a day whose scans all lie within this many minutes of its "
        "first scan holds one scan (a double press), judged by `single_scan`. Default 5.",
    )
    punch_state: str = Field(
        "ignore",
        description="A punch log's state column (C/In, C/Out; 0, 1): `ignore` (default: "
        "often wrong, pressed by nobody; the first scan is the arrival, the last the "
        "departure) or `use` (the first scan marked in is the arrival, the last marked out "
        "the departure; a scan marked otherwise, a break or overtime, is not a mark).",
    )

    excuses: dict[str, tuple[tuple[str, int | None], ...]] = Field(
        default_factory=dict,
        description="Day statuses of a day at work with part of it excused (a half-day "
        "leave, a permit to come late or leave early): status -> `late` (no late-arrival "
        "code and no missing check-in counted: a morning permit), `early` (no early-"
        "departure code and no missing check-out: an afternoon permit), `late until 12:00` "
        "(an arrival measured from 12:00, the permit's end, instead of the day's start) or "
        "`early from 12:00` (a departure measured back from 12:00); or one of each side, a "
        "pair of permits on one day: `[late until 09:00, early from 14:00]` (or the two "
        "joined by a comma; a pair whose late permit ends after its early permit begins, "
        "on hours holding both times, is refused). A side not excused is judged as on any "
        "day; a status cannot "
        "also be in `statuses` or `present`. A "
        "permit's time outside the day's hours excuses nothing (never more lateness than "
        "without it); on a night shift a time it reaches after midnight is the next "
        "morning's.",
    )
    shifts: dict[str, tuple[int, int] | None] = Field(
        default_factory=dict,
        description="Shifts of employees who follow a roster (`--roster`: NIP, date, shift): "
        'name -> hours, `{pagi: "07:00-14:00", malam: "19:00-07:00", jaga: "08:00-08:00"}`. '
        "An end before the start is on the next day (a night shift), an end equal to the "
        "start 24 hours later; null is a day off (`libur: null`). A rostered day takes its "
        "shift's hours whatever the weekday or holiday; a shift is the day it starts on.",
    )
    shift_window_minutes: int = Field(
        240,
        ge=0,
        le=720,
        description="A punch log of a rostered employee: a scan belongs to the nearest shift "
        "of the roster that starts at most this many minutes after it or ended at most this "
        "many minutes before it (a night shift's departure scan on the next date belongs "
        "to the shift); after a shift's end a later scan is still its (overtime) departure "
        "while nearer that end than the next shift's start. A scan near no shift, on a "
        "rostered date, is set aside (`punch_off_shift`, no fault). Default 240.",
    )
    unrostered: str = Field(
        "withhold",
        description="An employee the roster names in the month, on a working day of "
        "`hours` the roster does not list (in service): `withhold` (default: no attendance "
        "row, listed among the withheld with the dates, `log_roster_gap`: a roster cut "
        "short or a row lost is likelier than a shift worker on office hours, and judging "
        "the day by `hours` would count TK or missing marks on a guess) or `hours` (the "
        "day judged by `hours`, as any employee's: for staff on office hours whom the "
        "roster names only on their duty days, piket or jaga). The default moves no money.",
    )

    @field_validator(
        "present_no_times", "no_rows", "single_scan", "punch_state", "unrostered", mode="before"
    )
    @classmethod
    def _choice(cls, raw: Any, info: ValidationInfo) -> str:
        choices = _CHOICES[info.field_name or ""]
        word = raw.strip().lower() if isinstance(raw, str) else raw
        if word not in choices:
            listed = ", ".join(choices)
            raise _bad(
                f"{info.field_name}: {raw!r} is none of {listed}",
                f"{info.field_name}: {raw!r} bukan salah satu dari {listed}",
            )
        return str(word)

    @field_validator("hours", mode="before")
    @classmethod
    def _hours(cls, raw: Any) -> dict[str, tuple[int, int]]:
        if not isinstance(raw, Mapping) or not raw:
            raise _bad(
                "hours lists the working weekdays: {mon: '07:30-16:00', ...}",
                "hours memuat hari kerja: {mon: '07:30-16:00', ...}",
            )
        out: dict[str, tuple[int, int]] = {}
        for key, text in raw.items():
            day = _DAY_NAMES.get(str(key).strip().lower())
            if day is None:
                raise _bad(
                    f"{key!r} is no weekday (mon..sun or senin..minggu)",
                    f"{key!r} bukan nama hari (mon..sun atau senin..minggu)",
                )
            if day in out:
                raise _bad(
                    f"{key!r}: that weekday is given twice", f"{key!r}: hari itu tertulis dua kali"
                )
            m = _HOURS.fullmatch(text.strip()) if isinstance(text, str) else None
            start = end = -1
            if m:
                h1, m1, h2, m2 = (int(g) for g in m.groups())
                if h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60:
                    start, end = (h1 * 60 + m1) * 60, (h2 * 60 + m2) * 60
            if start < 0 or end <= start:
                raise _bad(
                    f"{key}: {text!r} is no working time: write '07:30-16:00' (quoted), the end "
                    "after the start on the same day",
                    f"{key}: {text!r} bukan jam kerja: tulis '07:30-16:00' (dalam tanda kutip), "
                    "jam pulang sesudah jam masuk pada hari yang sama",
                )
            out[day] = (start, end)
        return out

    @field_validator("shifts", mode="before")
    @classmethod
    def _shifts(cls, raw: Any) -> dict[str, tuple[int, int] | None]:
        if raw is None:
            return {}
        if not isinstance(raw, Mapping):
            raise _bad(
                "shifts maps a shift's name to its hours: {malam: '19:00-07:00'}",
                "shifts memetakan nama shift ke jamnya: {malam: '19:00-07:00'}",
            )
        out: dict[str, tuple[int, int] | None] = {}
        for key, text in raw.items():
            name = status_key(key)
            if not name or name in out:
                raise _bad(
                    f"shift {key!r} is blank or given twice",
                    f"shift {key!r} kosong atau tertulis dua kali",
                )
            out[name] = None if text is None else _span(key, text)
        return out

    @field_validator("excuses", mode="before")
    @classmethod
    def _excuses(cls, raw: Any) -> dict[str, tuple[tuple[str, int | None], ...]]:
        if raw is None:
            return {}
        if not isinstance(raw, Mapping):
            raise _bad(
                "excuses maps a status to what it excuses: {izin datang terlambat: late}",
                "excuses memetakan status ke yang dikecualikannya: {izin datang terlambat: late}",
            )
        out: dict[str, tuple[tuple[str, int | None], ...]] = {}
        for key, given in raw.items():
            name = status_key(key)
            parts = _excuse_parts(given)
            found = [_EXCUSE.fullmatch(p) for p in parts]
            sides = [m[1] for m in found if m is not None]
            if (
                not name
                or name in out
                or not found
                or any(m is None or (m[2] and int(m[2]) > 23) for m in found)
                or len(set(sides)) != len(sides)
            ):
                raise _bad(
                    f"excuse {key!r}: {given!r} is none of late, early, 'late until 12:00', "
                    "'early from 12:00', nor one of each side ('late until 09:00, early from "
                    "14:00') (or the status is blank or given twice)",
                    f"excuse {key!r}: {given!r} bukan late, early, 'late until 12:00', "
                    "'early from 12:00', dan bukan satu untuk tiap sisi ('late until 09:00, "
                    "early from 14:00') (atau statusnya kosong atau tertulis dua kali)",
                )
            out[name] = tuple(
                (m[1], None if m[2] is None else (int(m[2]) * 60 + int(m[3])) * 60)
                for m in found
                if m is not None
            )
        return out

    @field_validator("late_bands", "early_bands")
    @classmethod
    def _bands(cls, bands: dict[str, int]) -> dict[str, int]:
        if not bands:
            raise _bad("needs at least one band", "memerlukan paling sedikit satu kelompok")
        previous = 0
        for code, first in bands.items():
            _code(code)
            if isinstance(first, bool) or not isinstance(first, int) or first <= previous:
                raise _bad(
                    f"{code}: {first!r} must be a whole number of minutes, at least 1 and above "
                    "the band before it",
                    f"{code}: {first!r} harus bilangan bulat menit, paling sedikit 1 dan di atas "
                    "kelompok sebelumnya",
                )
            previous = first
        return bands

    @field_validator("no_check_in", "no_check_out", "no_record", mode="before")
    @classmethod
    def _codes(cls, raw: Any) -> tuple[str, ...]:
        listed = [raw] if isinstance(raw, str) else raw
        if not isinstance(listed, list | tuple):
            raise _bad(
                "a list of codes, e.g. [tk] (or [] for none)",
                "daftar kode, mis. [tk] (atau [] bila tidak ada)",
            )
        if len(set(listed)) != len(listed):
            raise _bad("a code is listed twice", "ada kode yang tertulis dua kali")
        return tuple(_code(c) for c in listed)

    @field_validator("statuses", mode="before")
    @classmethod
    def _statuses(cls, raw: Any) -> dict[str, str | None]:
        if raw is None:
            return {}
        if not isinstance(raw, Mapping):
            raise _bad(
                "statuses maps a status to a code: {sakit: sakit}",
                "statuses memetakan status ke kode: {sakit: sakit}",
            )
        out: dict[str, str | None] = {}
        for key, code in raw.items():
            name = status_key(key)
            if not name or name in out:
                raise _bad(
                    f"status {key!r} is blank or given twice",
                    f"status {key!r} kosong atau tertulis dua kali",
                )
            out[name] = None if code is None else _code(code)
        return out

    @field_validator("present", mode="before")
    @classmethod
    def _present(cls, raw: Any) -> tuple[str, ...]:
        listed = [] if raw is None else [raw] if isinstance(raw, str) else raw
        if not isinstance(listed, list | tuple) or not all(isinstance(v, str) for v in listed):
            raise _bad(
                "present lists statuses of a day at work: [hadir, terlambat]",
                "present memuat status hari masuk kerja: [hadir, terlambat]",
            )
        names = [status_key(v) for v in listed]
        if not all(names) or len(set(names)) != len(names):
            raise _bad(
                "a status of present is blank or given twice",
                "ada status pada present yang kosong atau tertulis dua kali",
            )
        return tuple(names)

    @model_validator(mode="after")
    def _present_not_a_status(self) -> WorkRules:
        both = [s for s in self.present if s in self.statuses]
        twice = [s for s in self.excuses if s in self.statuses or s in self.present]
        if twice:
            raise _bad(
                f"{twice[0]!r} is in excuses (a day at work, part excused) and in statuses "
                "or present: keep it in one",
                f"{twice[0]!r} ada di excuses (hari masuk, sebagian dikecualikan) dan di "
                "statuses atau present: simpan di salah satu saja",
            )
        if both:
            raise _bad(
                f"{both[0]!r} is both in statuses (the day decided by it) and in present "
                "(its times judged): keep it in one",
                f"{both[0]!r} ada di statuses (hari ditentukan olehnya) dan di present (jamnya "
                "dinilai): simpan di salah satu saja",
            )
        return self

    @model_validator(mode="after")
    def _pairs_in_order(self) -> WorkRules:
        """A pair of permits whose late permit ends after its early permit begins, on hours
        that hold both times, is refused (review 133): ``late until 14:00, early from
        09:00`` measured the arrival from 14:00 and the departure back from 09:00, so any
        times in between counted nothing: a whole day excused written as a day at work,
        likelier two times swapped. Each weekday's hours and each shift are tried, a time
        before the start that hours crossing midnight reach being the next morning's (as
        the tally reads it): on a night shift ``late until 23:00, early from 03:00`` is in
        order, and office hours holding neither time cross nothing. A pair in order on
        weekday hours holding both is an office pair: on a shift whose hours reach its late
        permit only as the next morning's (``jaga 12:00-12:00`` and ``late until 09:00``) the
        tally reads the permit before the duty's start instead, where it excuses nothing, so
        that shift crosses nothing (review 146; before, no such schedule could be written)."""
        spans = [(day, span, False) for day, span in self.hours.items()]
        spans += [(f"shift {name}", span, True) for name, span in self.shifts.items() if span]
        for status, parts in self.excuses.items():
            times = dict(parts)
            late, early = times.get("late"), times.get("early")
            if late is None or early is None:
                continue
            office = any(  # in order on weekday hours holding both: a pair on the office clock
                start <= late <= early <= end for _, (start, end), shift in spans if not shift
            )
            for where, (start, end), shift in spans:
                on = [t + _DAY if t < start and t + _DAY <= end else t for t in (late, early)]
                if shift and office and on[0] != late:
                    # an office pair on a duty reaching the next morning (jaga 12:00-12:00):
                    # the tally reads its late permit before the duty's start (review 146)
                    continue
                if all(start <= t <= end for t in on) and on[0] > on[1]:
                    hours = f"{where} {_hhmm(start)}-{_hhmm(end % _DAY)}"
                    raise _bad(
                        f"excuse {status!r}: the late permit ends ({_hhmm(late)}) after the "
                        f"early permit begins ({_hhmm(early)}) on {hours}: the two would excuse "
                        "the whole day; swap the times, or list a whole day excused under "
                        "statuses (null)",
                        f"excuse {status!r}: izin terlambat berakhir ({_hhmm(late)}) setelah "
                        f"izin pulang cepat dimulai ({_hhmm(early)}) pada {hours}: keduanya "
                        "akan mengecualikan seluruh hari; tukar jamnya, atau cantumkan hari "
                        "yang dikecualikan penuh pada statuses (null)",
                    )
        return self

    def at_work(self) -> tuple[str, ...]:
        """The statuses of a day at work, whose times are judged: ``present`` and those of
        ``excuses`` (part of the day excused)."""
        return (*self.present, *self.excuses)

    def codes(self) -> tuple[str, ...]:
        """Every code this schedule can count, in the order written (bands first)."""
        listed = [
            *self.late_bands,
            *self.early_bands,
            *self.no_check_in,
            *self.no_check_out,
            *self.no_record,
            *(c for c in self.statuses.values() if c is not None),
        ]
        return tuple(dict.fromkeys(listed))


def _span(key: Any, text: Any) -> tuple[int, int]:
    """A shift's hours as seconds from the midnight of the day it starts: an end at or
    before the start is on the next day (``19:00-07:00`` ends at 31:00; ``08:00-08:00`` is
    24 hours)."""
    m = _HOURS.fullmatch(text.strip()) if isinstance(text, str) else None
    if m:
        h1, m1, h2, m2 = (int(g) for g in m.groups())
        if h1 < 24 and h2 < 24 and m1 < 60 and m2 < 60:
            start, end = (h1 * 60 + m1) * 60, (h2 * 60 + m2) * 60
            return start, end if end > start else end + 86_400
    raise _bad(
        f"shift {key}: {text!r} is no working time: write '19:00-07:00' (quoted; an end "
        "before the start is on the next day), or null for a day off",
        f"shift {key}: {text!r} bukan jam kerja: tulis '19:00-07:00' (dalam tanda kutip; jam "
        "selesai sebelum jam mulai jatuh pada hari berikutnya), atau null untuk hari libur",
    )


def status_key(value: object) -> str:
    """A day status as compared: lower case, spaces and ``_ - .`` as one space."""
    return re.sub(r"[\s_\-.]+", " ", str(value)).strip().lower()


class _Version(DatedValue):
    """A dated value of the schedule: :class:`DatedValue` whose value is :class:`WorkRules`."""

    value: WorkRules


class Schedule(_Frozen):
    """A work schedule: dated :class:`WorkRules` and the holidays (dates that are no working
    day whatever the weekday)."""

    name: str = Field(description="Short name, shown with the tally.")
    title: str | None = Field(None, description="What it is, in a line.")
    reference: str | None = Field(None, description="Regulation the hours and bands come from.")
    values: tuple[_Version, ...] = Field(description="Dated work rules, at least one.")
    holidays: tuple[dt.date, ...] = Field(
        (), description="Public holidays and cuti bersama: no working day. None shipped."
    )

    @field_validator("values")
    @classmethod
    def _some(cls, values: tuple[_Version, ...]) -> tuple[_Version, ...]:
        # after the values are valid: an empty list is its own mistake, not one more
        if not values:
            raise _bad(
                "values lists at least one dated value",
                "values memuat paling sedikit satu nilai bertanggal",
            )
        return values

    def at(self, day: dt.date) -> WorkRules | None:
        """The work rules in force on ``day`` (None: no value covers it)."""
        for v in self.values:
            if v.covers(day):
                return v.value
        return None

    def codes(self) -> tuple[str, ...]:
        """Every code any dated value can count, in the order first written."""
        return tuple(dict.fromkeys(c for v in self.values for c in v.value.codes()))

    def with_holidays(self, days: Any) -> Schedule:
        """A copy with ``days`` (dates or ISO text) added to the holidays; text that is no
        date is a :class:`~tukin.errors.ScheduleError` naming it."""
        from tukin.ruleset._values import parse_day

        try:
            extra = tuple(parse_day(d, "holidays", "holiday") for d in days)
        except RuleSetError as exc:
            raise ScheduleError(exc.problems) from None
        return self.model_copy(update={"holidays": tuple(sorted({*self.holidays, *extra}))})


_TOP = ("name", "title", "reference", "values", "value", "from", "to", "source", "note", "holidays")


def load_schedule(source: str | Path | Mapping[str, Any]) -> Schedule:
    """Read a schedule file (YAML, JSON) or a mapping; every mistake at once, with its line.

    Raises :class:`~tukin.errors.ScheduleError` (a ``RuleSetError``, code ``schedule_invalid``
    or the safe reader's own), as a rule file's
    mistakes do: file, line, key and the reason in both languages.
    """
    from tukin.ruleset.check import hints
    from tukin.ruleset.yamlsafe import load_path

    if isinstance(source, Mapping):
        data: Any = dict(source)
        lines: dict[tuple[Any, ...], int] = {}
        filename = "<schedule>"
    else:
        try:
            data, lines, _ = load_path(source)
        except ScheduleError:
            raise
        except RuleSetError as exc:  # unsafe, unreadable, an unquoted time: said as it is
            raise ScheduleError(exc.problems) from None
        filename = str(source)
    if not isinstance(data, dict):
        raise ScheduleError(
            [
                RuleProblem(
                    "schedule_invalid",
                    "a schedule is a mapping",
                    "jadwal harus berupa pemetaan",
                    filename,
                )
            ]
        )
    problems: list[RuleProblem] = []
    unknown = [k for k in data if k not in _TOP]
    for key in unknown:
        hint_en, hint_id = hints(key, _TOP)
        problems.append(
            RuleProblem(
                "schedule_invalid",
                f"unknown key {key!r}{hint_en}",
                f"kunci {key!r} tidak dikenal{hint_id}",
                filename,
                lines.get((key,)),
                str(key),
            )
        )
    raw = {k: v for k, v in data.items() if k in _TOP}
    if "values" not in raw and "value" in raw:  # one value, written as a parameter's shorthand
        raw["values"] = [
            {k: raw.pop(k) for k in ("value", "from", "to", "source", "note") if k in raw}
        ]
        if "reference" in raw:
            raw["values"][0]["reference"] = raw["reference"]
        lines = {
            (("values", 0, *k) if k and k[0] in ("value", "from", "to") else k): n
            for k, n in lines.items()
        }
    try:
        schedule = Schedule.model_validate(raw)
    except ValidationError as exc:
        problems += _problems(exc, lines, filename)
        raise ScheduleError(problems) from None
    for i, en, id_ in date_problems("schedule", schedule.values):
        problems.append(
            RuleProblem(
                "schedule_invalid", en, id_, filename, lines.get(("values", i)), f"values.{i}"
            )
        )
    if problems:
        raise ScheduleError(problems)
    return schedule


def _problems(
    exc: ValidationError, lines: Mapping[tuple[Any, ...], int], filename: str
) -> list[RuleProblem]:
    """Every error of ``exc`` as a problem at its key and line."""
    from tukin.ruleset.check import error_text, hints

    out: list[RuleProblem] = []
    for err in exc.errors():
        path = tuple(err["loc"])
        line = next((lines[path[:n]] for n in range(len(path), 0, -1) if path[:n] in lines), None)
        if err["type"] == "extra_forbidden":  # a typo'd key: named, with the closest key
            model = WorkRules if "value" in path[:-1] else Schedule
            en, id_ = hints(path[-1], model.model_fields)
            en, id_ = f"unknown key {path[-1]!r}{en}", f"kunci {path[-1]!r} tidak dikenal{id_}"
        else:
            en, id_ = error_text(err, WorkRules if "value" in path else Schedule)
        key = ".".join(str(x) for x in path) or None
        out.append(RuleProblem("schedule_invalid", en, id_, filename, line, key))
    return out
