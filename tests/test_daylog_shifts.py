"""tukin.daylog.roster: shift workers (RSUD nurses, Damkar, Satpol PP) judged by their shift."""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

import numpy as np
import pandas as pd
import pytest

from tests.test_daylog import NIP, NIP2, day, log, schedule
from tests.test_daylog_punch import punches
from tukin.daylog import tally_log
from tukin.errors import DatasetValidationError, ScheduleError

SHIFTS = {"pagi": "07:00-14:00", "malam": "19:00-07:00", "jaga": "08:00-08:00", "libur": None}


def shifts(**changes: Any) -> Any:
    """The test schedule with shifts; the rosters here name a few dates each, so a date they
    leave out follows ``hours`` (``unrostered: hours``) unless a test says otherwise
    (:class:`TestRosterGaps` tests the default, ``withhold``)."""
    return schedule(shifts=SHIFTS, **({"unrostered": "hours"} | changes))


def roster(*rows: tuple[str, str], nip: str = NIP) -> pd.DataFrame:
    """Rows of (date, shift) for one employee."""
    return pd.DataFrame(
        {"NIP": [nip] * len(rows), "Tanggal": [r[0] for r in rows], "Shift": [r[1] for r in rows]},
        dtype=object,
    )


def counts(tally: Any, nip: str = NIP) -> dict[str, int]:
    row = tally.attendance[tally.attendance["nip"] == nip].iloc[0]
    return {c: int(row[c]) for c in tally.attendance.columns[2:] if row[c]}


class TestSchedule:
    """The schedule's ``shifts``."""

    def test_an_end_before_the_start_is_the_next_day(self) -> None:
        """19:00-07:00 ends at 31:00 of its first day; 08:00-08:00 is 24 hours; null a day off."""
        rules = shifts().values[0].value
        assert rules.shifts == {
            "pagi": (25200, 50400),
            "malam": (68400, 111600),
            "jaga": (28800, 115200),
            "libur": None,
        }
        assert rules.shift_window_minutes == 240

    @pytest.mark.parametrize("hours", ["19:00", "25:00-07:00", 1900, "malam"])
    def test_bad_hours_refused(self, hours: Any) -> None:
        """A shift's hours that are no span are refused, naming the shift."""
        with pytest.raises(ScheduleError, match="shift malam"):
            schedule(shifts={"malam": hours})

    def test_without_shifts_nothing_changes(self) -> None:
        """A schedule without shifts reads as before: no shift, no roster asked for."""
        assert schedule().values[0].value.shifts == {}


class TestPunchNightShift:
    """A punch log of a night-shift nurse: the departure after midnight is the shift's."""

    def test_departure_on_the_next_date_belongs_to_the_shift(self) -> None:
        """18:55 on 1 October and 07:03 on the 2nd are one shift, on time both ways; the 2nd
        counts nothing of its own (a rostered day off), and no row is rejected."""
        scans = punches(["2025-10-01 18:55:00", "2025-10-02 07:03:00"])
        tally = tally_log(
            scans,
            shifts(),
            "2025-10",
            roster=roster(("2025-10-01", "Malam"), ("2025-10-02", "libur")),
        )
        first = day(tally, "2025-10-01")
        assert (first["check_in"], first["check_out"], first["codes"]) == (
            "18:55:00",
            "07:03:00 +1",
            "",
        )
        assert first["scheduled"] == "malam 19:00-07:00" and first["outcome"] == "present"
        assert (first["late_minutes"], first["early_minutes"]) == (0, 0)
        assert not (tally.days["date"] == np.datetime64("2025-10-02")).any()
        assert tally.rejected.empty and tally.ok

    def test_lateness_and_early_leave_against_the_shift(self) -> None:
        """19:40 is 40 minutes late (tl2), 06:00 the next morning 60 minutes early (psw2)."""
        scans = punches(["2025-10-01 19:40:00", "2025-10-02 06:00:00"])
        tally = tally_log(scans, shifts(), "2025-10", roster=roster(("2025-10-01", "malam")))
        first = day(tally, "2025-10-01")
        assert (first["late_minutes"], first["early_minutes"], first["codes"]) == (
            40,
            60,
            "tl2 psw2",
        )

    def test_missing_departure(self) -> None:
        """An arrival and no scan the next morning: no check-out (psw4), the arrival judged."""
        scans = punches(["2025-10-01 19:10:00"])
        tally = tally_log(scans, shifts(), "2025-10", roster=roster(("2025-10-01", "malam")))
        first = day(tally, "2025-10-01")
        assert (first["outcome"], first["codes"]) == ("no_check_out", "tl1 psw4")

    def test_one_morning_scan_is_the_departure(self) -> None:
        """A night shift's single scan at 07:01 the next morning is past the shift's middle
        (01:00): the departure, the arrival missing (tl4)."""
        scans = punches(["2025-10-02 07:01:00"])
        tally = tally_log(scans, shifts(), "2025-10", roster=roster(("2025-10-01", "malam")))
        first = day(tally, "2025-10-01")
        assert (first["check_in"], first["check_out"], first["codes"]) == (
            "",
            "07:01:00 +1",
            "tl4",
        )

    def test_a_day_worker_beside_a_shift_worker_is_unchanged(self) -> None:
        """The day worker's days are those of the tally without a roster, row for row."""
        day_worker = ["2025-10-01 07:29:00", "2025-10-01 16:05:00", "2025-10-02 08:05:00"]
        nurse = ["2025-10-01 18:55:00", "2025-10-02 07:03:00"]
        scans = pd.concat([punches(day_worker, nip=NIP2), punches(nurse)], ignore_index=True)
        alone = tally_log(punches(day_worker, nip=NIP2), shifts(), "2025-10")
        both = tally_log(scans, shifts(), "2025-10", roster=roster(("2025-10-01", "malam")))
        mine = both.days[both.days["nip"] == NIP2].drop(columns="nip").reset_index(drop=True)
        theirs = alone.days.drop(columns="nip").reset_index(drop=True)
        pd.testing.assert_frame_equal(mine.astype(str), theirs.astype(str), check_categorical=False)
        assert counts(both, NIP2) == counts(alone, NIP2)
        # the nurse's unlisted weekdays follow the day schedule: no scan, no record
        assert day(both, "2025-10-02")["scheduled"] == "07:30-16:00"

    def test_the_months_last_night_shift_is_that_months(self) -> None:
        """The shift of 31 October ending 07:02 on 1 November is October's: tallied in
        October it is on time both ways; tallied in November, its scan is another month's
        (no fault) and 1 November's own night shift is judged alone (5 minutes late, no
        departure yet)."""
        scans = punches(["2025-10-31 18:58:00", "2025-11-01 07:02:00", "2025-11-01 19:05:00"])
        rota = roster(("2025-10-31", "malam"), ("2025-11-01", "malam"))
        october = tally_log(scans, shifts(), "2025-10", roster=rota)
        last = day(october, "2025-10-31")
        assert (last["check_in"], last["check_out"], last["codes"]) == (
            "18:58:00",
            "07:02:00 +1",
            "",
        )
        assert october.ok and set(october.rejected["code"]) == {"log_outside_period"}
        november = tally_log(scans, shifts(), "2025-11", roster=rota)
        first = day(november, "2025-11-01")
        assert (first["check_in"], first["check_out"], first["codes"]) == (
            "19:05:00",
            "",
            "tl1 psw4",
        )
        assert november.ok and set(november.rejected["code"]) == {"log_outside_period"}

    def test_a_scan_near_no_shift_is_set_aside(self) -> None:
        """A scan at noon of a rostered day off is no mark of any day: listed as
        ``punch_off_shift``, no fault, the employee counted."""
        scans = punches(["2025-10-01 18:55:00", "2025-10-02 07:00:00", "2025-10-03 12:00:00"])
        rota = roster(("2025-10-01", "malam"), ("2025-10-03", "libur"))
        tally = tally_log(scans, shifts(), "2025-10", roster=rota)
        assert tally.rejected["code"].tolist() == ["punch_off_shift"]
        assert tally.ok and tally.withheld.empty and NIP in set(tally.attendance["nip"])

    @pytest.mark.parametrize(
        ("stamps", "rows", "check_out"),
        [
            # pagi 07:00-14:00, five and eight hours of overtime (the window is four)
            (["10-03 06:55", "10-03 19:00"], [("10-03", "pagi")], "19:00:00"),
            (["10-03 06:55", "10-03 22:29"], [("10-03", "pagi"), ("10-04", "libur")], "22:29:00"),
            # a night shift kept on until after noon, the next date a day off
            (
                ["10-03 18:55", "10-04 12:30"],
                [("10-03", "malam"), ("10-04", "libur")],
                "12:30:00 +1",
            ),
            # the next shift far enough: the scan is nearer this one's end
            (["10-03 06:55", "10-03 20:00"], [("10-03", "pagi"), ("10-04", "malam")], "20:00:00"),
            # a 24-hour duty kept on five hours past its end (review 133: set aside, psw4)
            (
                ["10-03 07:55", "10-04 13:00"],
                [("10-03", "jaga"), ("10-04", "libur")],
                "13:00:00 +1",
            ),
            (
                ["10-03 07:55", "10-04 19:59"],
                [("10-03", "jaga"), ("10-04", "libur"), ("10-05", "libur")],
                "19:59:00 +1",
            ),
        ],
    )
    def test_an_overtime_departure_is_the_shifts(
        self, stamps: list[str], rows: list[tuple[str, str]], check_out: str
    ) -> None:
        """A scan after the shift's end is its departure however late, while nearer that end
        than the next shift's start (review 126, item 2: beyond ``shift_window_minutes`` it
        was set aside as off shift and the shift counted no check-out, psw4)."""
        scans = punches([f"2025-{s}:00" for s in stamps])
        rota = roster(*((f"2025-{d}", shift) for d, shift in rows))
        tally = tally_log(scans, shifts(), "2025-10", roster=rota)
        first = day(tally, f"2025-{rows[0][0]}")
        assert (first["check_out"], first["codes"]) == (check_out, "")
        assert tally.rejected.empty and tally.ok

    def test_a_scan_nearer_the_next_shift_is_not_overtime(self) -> None:
        """Past the middle of the time off, a scan is no overtime: nearer the next morning's
        pagi (within its window) it is that shift's arrival; nearer tomorrow's hour than
        today's end and beyond every window, it stays set aside; before the start the
        window still bounds an early arrival."""
        rota = roster(("2025-10-03", "pagi"), ("2025-10-04", "pagi"), ("2025-10-05", "libur"))
        scans = punches(
            ["2025-10-03 06:55:00", "2025-10-04 03:30:00", "2025-10-04 14:00:00"]
            + ["2025-10-04 23:00:00", "2025-10-05 02:00:00"]
        )
        tally = tally_log(scans, shifts(), "2025-10", roster=rota)
        third, fourth = day(tally, "2025-10-03"), day(tally, "2025-10-04")
        assert (third["check_out"], third["codes"]) == ("", "psw4")
        assert (fourth["check_in"], fourth["check_out"]) == ("03:30:00", "14:00:00")
        assert tally.rejected["code"].tolist() == ["punch_off_shift"] * 2

    @pytest.mark.parametrize(
        ("stamps", "night", "morning"),
        [
            # out and in at the changeover, seconds apart: one each (review 133: both went to
            # pagi, malam counted psw4 and pagi tl1, a double duty penalised twice)
            (["07:02", "07:03", "14:05"], ("07:02:00 +1", ""), ("07:03:00", "tl1")),
            (["07:00", "07:00:40", "14:05"], ("07:00:00 +1", ""), ("07:00:40", "")),
            # one scan at the changeover cannot be both: the next shift's arrival, as before
            (["07:02", "14:05"], ("", "psw4"), ("07:02:00", "tl1")),
            # the night shift has its own departure near its end: the two are pagi's
            (["06:50", "07:02", "07:03", "14:05"], ("06:50:00 +1", "psw1"), ("07:02:00", "tl1")),
            # scans too far apart for an out and an in (the double press span): as before
            (["07:02", "07:30", "14:05"], ("", "psw4"), ("07:02:00", "tl1")),
            # the night left at 02:30 (early, beyond the window) and came back for pagi: its
            # 02:30 is its departure, psw4; the split made 07:02 it, the early leave gone
            # (review 141)
            (["02:30", "07:02", "07:03", "14:05"], ("02:30:00 +1", "psw4"), ("07:02:00", "tl1")),
        ],
    )
    def test_a_changeover_of_back_to_back_shifts(
        self, stamps: list[str], night: tuple[str, str], morning: tuple[str, str]
    ) -> None:
        """malam on the 2nd then pagi on the 3rd: two scans at 07:00, within the double
        press span, are the night's departure and the morning's arrival when the night has
        no scan of its own near its end."""
        scans = punches(["2025-10-02 18:55:00"] + [f"2025-10-03 {s}" for s in stamps])
        rota = roster(("2025-10-02", "malam"), ("2025-10-03", "pagi"))
        tally = tally_log(scans, shifts(), "2025-10", roster=rota)
        second, third = day(tally, "2025-10-02"), day(tally, "2025-10-03")
        assert (second["check_out"], second["codes"]) == night
        assert (third["check_in"], third["codes"]) == morning
        assert tally.rejected.empty

    def test_a_scan_inside_the_shift_before_an_overtime_departure_is_said(self) -> None:
        """pagi 07:00-14:00 scanned 06:55, 11:00, 19:00 (review 133): first in, last out
        reads a full day with overtime, as the machines' software and the regional apps
        read it; but the 11:00 scan may be a real early departure hidden by an evening
        visit. The day is counted as before and the 11:00 scan listed
        (``punch_scan_before_overtime``, no fault) for HR to check. A day whose departure
        is within the window (a scan at 11:00, out at 15:00), or overtime with no scan
        inside the shift after the arrival, says nothing."""
        scans = punches(
            ["2025-10-03 06:55:00", "2025-10-03 11:00:00", "2025-10-03 19:00:00"]
            + ["2025-10-06 06:55:00", "2025-10-06 11:00:00", "2025-10-06 15:00:00"]
            + ["2025-10-07 06:55:00", "2025-10-07 06:57:00", "2025-10-07 19:00:00"]
        )
        rota = roster(("2025-10-03", "pagi"), ("2025-10-06", "pagi"), ("2025-10-07", "pagi"))
        tally = tally_log(scans, shifts(), "2025-10", roster=rota, lang="en")
        third = day(tally, "2025-10-03")
        assert (third["check_out"], third["codes"], third["scans"]) == ("19:00:00", "", 3)
        assert tally.ok and tally.withheld.empty
        assert tally.rejected["code"].tolist() == ["punch_scan_before_overtime"]
        said = tally.rejected.iloc[0]
        assert (said["row"], said["value"]) == (1, "2025-10-03 11:00:00")  # 0-based
        assert "19:00" in said["message"] and "pagi 07:00-14:00" in said["message"]

    def test_a_24_hour_dutys_overtime_ends_half_way_to_its_hour_again(self) -> None:
        """After a 24-hour duty (08:00 to 08:00) the overtime reaches half-way to 08:00 the
        day after its end, as a shorter shift's reaches half-way to its hour the next day:
        20:30 is nearer the next 08:00 than the end, and set aside."""
        scans = punches(["2025-10-03 07:55:00", "2025-10-04 20:30:00"])
        rota = roster(("2025-10-03", "jaga"), ("2025-10-04", "libur"), ("2025-10-05", "libur"))
        tally = tally_log(scans, shifts(), "2025-10", roster=rota)
        assert (day(tally, "2025-10-03")["check_out"], day(tally, "2025-10-03")["codes"]) == (
            "",
            "psw4",
        )
        assert tally.rejected["code"].tolist() == ["punch_off_shift"]

    def test_a_lone_scan_hours_after_a_shift_is_no_overtime(self) -> None:
        """Overtime presumes the shift worked: a scan hours after a shift of which no other
        scan shows work (an errand, a swapped shift's arrival) is set aside as before."""
        scans = punches(["2025-10-03 06:55:00", "2025-10-03 19:00:00", "2025-10-06 20:00:00"])
        rota = roster(("2025-10-03", "pagi"), ("2025-10-06", "pagi"))
        tally = tally_log(scans, shifts(), "2025-10", roster=rota)
        assert day(tally, "2025-10-03")["check_out"] == "19:00:00"
        assert day(tally, "2025-10-06")["codes"] == "tk"
        assert tally.rejected["code"].tolist() == ["punch_off_shift"]

    def test_a_swap_the_roster_does_not_say_is_said(self) -> None:
        """Tukar dinas worked and not written in the roster (review 126, item 3): a night
        shift worked on a day rostered pagi, a pagi worked on a rostered day off. The scans
        were set aside as any off-shift scan, the rostered shift counted TK, nothing said.
        Now scans that fit another shift of the schedule are listed as ``punch_shift_swap``,
        naming the shift and date, so HR can correct the roster; never counted as that
        shift (no fault, the TK stays until the roster is corrected). One scan alone fits
        no shift and stays ``punch_off_shift``."""
        scans = punches(
            ["2025-10-03 18:55:00", "2025-10-04 07:05:00"]  # malam of the 3rd, rostered pagi
            + ["2025-10-05 06:50:00", "2025-10-05 14:10:00"]  # pagi of a day off
            + ["2025-10-06 12:00:00"]  # one scan on a day off: fits nothing
        )
        rota = roster(
            ("2025-10-03", "pagi"),
            ("2025-10-04", "libur"),
            ("2025-10-05", "libur"),
            ("2025-10-06", "libur"),
        )
        tally = tally_log(scans, shifts(), "2025-10", roster=rota, lang="en")
        assert tally.ok and tally.withheld.empty
        assert day(tally, "2025-10-03")["codes"] == "tk"
        rejected = tally.rejected
        assert rejected["code"].tolist() == ["punch_shift_swap"] * 4 + ["punch_off_shift"]
        said = rejected["message"].tolist()
        assert all("malam 19:00-07:00 of 2025-10-03" in m for m in said[:2])
        assert all("pagi 07:00-14:00 of 2025-10-05" in m for m in said[2:4])
        assert "tukar dinas" in said[0]
        fixed = roster(("2025-10-03", "malam"), ("2025-10-04", "libur"), ("2025-10-05", "pagi"))
        again = tally_log(scans.iloc[:4], shifts(), "2025-10", roster=fixed)
        assert again.rejected.empty and day(again, "2025-10-03")["codes"] == ""

    def test_a_roster_of_days_off_only(self) -> None:
        """A roster naming only days off (a ward's leave list): the scans of those days
        are set aside, the other days judged by the schedule (review 120: an IndexError)."""
        scans = punches(["2025-10-03 07:30:00", "2025-10-03 16:00:00", "2025-10-06 07:30:00"])
        tally = tally_log(scans, shifts(), "2025-10", roster=roster(("2025-10-03", "libur")))
        # the two scans of the day off fit pagi 07:00-14:00: said as a possible swap
        assert tally.rejected["code"].tolist() == ["punch_shift_swap", "punch_shift_swap"]
        assert day(tally, "2025-10-06")["check_in"] == "07:30:00"

    def test_a_shift_on_a_holiday_and_a_weekend_is_worked(self) -> None:
        """A rostered shift on a Saturday or a holiday is a working day: counted."""
        tally = tally_log(
            punches(["2025-10-04 08:00:00", "2025-10-05 07:40:00"]),
            shifts(holidays=("2025-10-20",)),
            "2025-10",
            roster=roster(("2025-10-04", "jaga"), ("2025-10-20", "pagi")),
        )
        saturday = day(tally, "2025-10-04")
        assert (saturday["check_out"], saturday["codes"]) == ("07:40:00 +1", "psw1")
        assert day(tally, "2025-10-20")["codes"] == "tk"  # rostered, no scan: no record


class TestDailyLogNightShift:
    """A daily log's row of a night shift: its check-out is the next morning's."""

    def test_check_out_after_midnight(self) -> None:
        """In 18:55, out 07:03 on the shift's row: on time, not a check-out before the
        check-in; the same row without a roster is refused as before."""
        rows = log(("2025-10-01", "18:55", "07:03"), ("2025-10-02", "01:10", "07:00"))
        tally = tally_log(
            rows,
            shifts(),
            "2025-10",
            roster=roster(("2025-10-01", "malam"), ("2025-10-02", "malam")),
        )
        first, second = day(tally, "2025-10-01"), day(tally, "2025-10-02")
        assert (first["check_out"], first["codes"]) == ("07:03:00 +1", "")
        # an arrival after midnight is hours late, not early
        assert (second["check_in"], second["late_minutes"], second["codes"]) == (
            "01:10:00 +1",
            370,
            "tl4",
        )
        assert tally.ok
        plain = tally_log(rows, shifts(), "2025-10")
        assert set(plain.rejected["code"]) == {"log_out_before_in"}

    @pytest.mark.parametrize(
        ("check_out", "next_shift", "read"),
        [
            ("00:40", "libur", "00:40:00 +1"),  # within the window after 21:00
            ("05:20", "libur", "05:20:00 +1"),  # nearer 21:00 than 14:00 the next day
            ("00:40", "pagi", "00:40:00 +1"),  # within the window, whatever comes next
            ("05:20", "pagi", None),  # nearer the next morning's pagi: no overtime
            # 00:00 exactly: an empty Excel time cell (0) or an export's "no scan", read
            # as an overtime departure hid a missing check-out (review 141): refused
            ("00:00", "libur", None),
            ("00:00:00", "libur", None),
            ("00:01", "libur", "00:01:00 +1"),
        ],
    )
    def test_overtime_after_midnight(self, check_out: str, next_shift: str, read: Any) -> None:
        """A day shift's check-out after midnight (siang 14:00-21:00 kept on past 00:00) is
        its overtime departure by the punch log's rule (review 126: it was refused as
        ``log_out_before_in`` and the employee withheld): within the window after the end,
        or nearer the end than the next shift's start. Beyond that it stays refused."""
        rows = log(("2025-10-03", "13:55", check_out))
        rota = roster(("2025-10-03", "siang"), ("2025-10-04", next_shift))
        sched = schedule(shifts=SHIFTS | {"siang": "14:00-21:00"}, unrostered="hours")
        tally = tally_log(rows, sched, "2025-10", roster=rota)
        if read is None:
            assert tally.rejected["code"].tolist() == ["log_out_before_in"]
            return
        friday = day(tally, "2025-10-03")
        assert (friday["check_out"], friday["early_minutes"], friday["codes"]) == (read, 0, "")
        assert tally.ok

    def test_a_morning_shifts_check_out_after_midnight_stays_refused(self) -> None:
        """pagi 07:00-14:00 and 00:40: ten hours past the end, nearer the next 07:00 than
        14:00, as for a day worker (whose half-way, 23:45 after 07:30-16:00, is before
        midnight): refused, never read as overtime."""
        rows = log(("2025-10-03", "06:55", "00:40"))
        rota = roster(("2025-10-03", "pagi"), ("2025-10-04", "libur"))
        tally = tally_log(rows, shifts(), "2025-10", roster=rota)
        assert tally.rejected["code"].tolist() == ["log_out_before_in"]

    def test_twenty_four_hours(self) -> None:
        """A 24-hour duty 08:00-08:00: the check-out is always the next day's."""
        tally = tally_log(
            log(("2025-10-06", "08:00", "07:50")),
            shifts(),
            "2025-10",
            roster=roster(("2025-10-06", "jaga")),
        )
        monday = day(tally, "2025-10-06")
        assert (monday["check_out"], monday["early_minutes"], monday["codes"]) == (
            "07:50:00 +1",
            10,
            "psw1",
        )


class TestRosterFile:
    """The roster's rows are checked, every fault at once."""

    def test_faults_named(self) -> None:
        """An unknown shift, a bad NIP and two rows for one date refuse the roster."""
        bad = pd.DataFrame(
            {
                "NIP": [NIP, NIP, "123", NIP],
                "Tgl": ["2025-10-01", "01/10/2025", "2025-10-02", "2025-10-03"],
                "Jadwal Dinas": ["malam", "malam", "malam", "sore"],
            }
        )
        with pytest.raises(DatasetValidationError) as err:
            tally_log(log(("2025-10-01", "07:30", "16:00")), shifts(), "2025-10", roster=bad)
        found = {(p.table, p.row, p.code) for p in err.value.report.problems}
        assert found == {
            ("roster", 0, "roster_day_twice"),
            ("roster", 1, "roster_day_twice"),
            ("roster", 2, "invalid_nip"),
            ("roster", 3, "invalid_choice"),
        }

    def test_blank_cells_named(self) -> None:
        """Blank shift cells (None, NA, spaces) and a blank date are required values; a
        shift typed with another case and spaces is read (each distinct cell read once)."""
        bad = pd.DataFrame(
            {
                "NIP": [NIP] * 5,
                "Tgl": ["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", None],
                "Shift": [None, pd.NA, "  ", "Pagi ", "malam"],
            },
            dtype=object,
        )
        with pytest.raises(DatasetValidationError) as err:
            tally_log(log(("2025-10-01", "07:30", "16:00")), shifts(), "2025-10", roster=bad)
        found = sorted((p.row, p.column, p.code) for p in err.value.report.problems)
        assert found == [
            (0, "shift", "required_value"),
            (1, "shift", "required_value"),
            (2, "shift", "required_value"),
            (4, "date", "required_value"),
        ]

    def test_missing_column(self) -> None:
        """A roster without a shift column is refused by name."""
        with pytest.raises(DatasetValidationError, match="shift"):
            tally_log(
                log(("2025-10-01", "07:30", "16:00")),
                shifts(),
                "2025-10",
                roster=pd.DataFrame({"NIP": [NIP], "Tanggal": ["2025-10-01"]}),
            )

    def test_command(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """``tukin attendance --roster`` reads a roster file."""
        import yaml

        from tests.test_daylog import rules
        from tukin.cli import main

        plan = tmp_path / "jadwal.yaml"
        plan.write_text(
            yaml.safe_dump({"name": "uji", "value": rules(shifts=SHIFTS, unrostered="hours")}),
            encoding="utf-8",
        )
        scans = tmp_path / "scan.csv"
        scans.write_text(
            f"NIP,Tanggal/Waktu\n{NIP},2025-10-01 19:40:00\n{NIP},2025-10-02 07:00:00\n",
            encoding="utf-8",
        )
        rota = tmp_path / "dinas.csv"
        rota.write_text(f"NIP,Tanggal,Shift\n{NIP},1/10/2025,Malam\n", encoding="utf-8")
        out = tmp_path / "absensi.csv"
        args = ["attendance", str(scans), "--schedule", str(plan), "--period", "2025-10"]
        assert main([*args, "--roster", str(rota), "--out", str(out), "--lang", "en"]) == 0
        days = pd.read_csv(tmp_path / "absensi.days.csv", dtype=str)
        first = days[days["date"] == "2025-10-01"].iloc[0]
        assert (first["scheduled"], first["codes"]) == ("malam 19:00-07:00", "tl2")


class TestRosterGaps:
    """A working day the roster leaves out for an employee it names (review 120): withheld
    by default, not judged by office hours on a guess."""

    WEEKDAYS: ClassVar[list[str]] = [
        str(d.date()) for d in pd.date_range("2025-10-01", "2025-10-31", freq="B")
    ]

    def test_a_roster_cut_short_withholds(self) -> None:
        """A nurse's roster typed to the 29th: 30 and 31 October (working days) are not
        counted TK; the nurse is withheld with the dates named, a day worker beside is
        counted. Before, the two days counted tk each and the tally said nothing."""
        rota = roster(*((d, "malam" if d < "2025-10-15" else "libur") for d in self.WEEKDAYS))
        rota = rota[rota["Tanggal"] < "2025-10-30"]
        scans = pd.concat(
            [
                punches(["2025-10-01 18:55:00", "2025-10-02 07:03:00"]),
                punches(["2025-10-01 07:29:00", "2025-10-01 16:05:00"], nip=NIP2),
            ],
            ignore_index=True,
        )
        tally = tally_log(scans, shifts(unrostered="withhold"), "2025-10", roster=rota)
        withheld = tally.withheld.set_index("nip")
        assert list(withheld.index) == [NIP]
        assert withheld.loc[NIP, "code"] == "log_roster_gap"
        assert "2025-10-30, 2025-10-31" in withheld.loc[NIP, "message"]
        assert list(tally.attendance["nip"]) == [NIP2]
        english = tally_log(scans, shifts(unrostered="withhold"), "2025-10", roster=rota, lang="en")
        assert "lists no shift for 2 working day(s)" in english.withheld["message"].iloc[0]

    def test_the_default_withholds_and_a_full_roster_counts(self) -> None:
        """The schedule's default is ``withhold``; a roster listing every working day
        (days off as libur, weekends not needed) counts the nurse."""
        assert schedule(shifts=SHIFTS).values[0].value.unrostered == "withhold"
        rota = roster(*((d, "malam" if d == "2025-10-01" else "libur") for d in self.WEEKDAYS))
        scans = punches(["2025-10-01 18:55:00", "2025-10-02 07:03:00"])
        tally = tally_log(scans, schedule(shifts=SHIFTS), "2025-10", roster=rota)
        assert tally.withheld.empty and counts(tally) == {}

    def test_another_months_roster_is_refused(self) -> None:
        """September's roster given for October named nobody in the month: every nurse was
        judged by office hours (TK on each weekday), the tally ok. Now refused, naming the
        month and the roster's dates, in both languages."""
        rota = roster(("2025-09-01", "malam"), ("2025-09-30", "libur"))
        scans = punches(["2025-10-01 18:55:00", "2025-10-02 07:03:00"])
        for lang, said in (("en", "names no date of 2025-10"), ("id", "tidak memuat satu pun")):
            with pytest.raises(DatasetValidationError) as err:
                tally_log(scans, shifts(unrostered="withhold"), "2025-10", roster=rota, lang=lang)
            (problem,) = err.value.report.problems
            assert (problem.table, problem.code) == ("roster", "roster_other_month")
            assert said in str(err.value) and "2025-09-01 – 2025-09-30" in str(err.value)

    def test_hours_judges_unlisted_days_by_the_schedule(self) -> None:
        """``unrostered: hours``: an office worker named only on a duty day (piket) has the
        other days judged by ``hours``, as review 114 did for every roster."""
        scans = punches(["2025-10-01 18:55:00", "2025-10-02 07:03:00"])
        rota = roster(("2025-10-01", "malam"))
        tally = tally_log(scans, shifts(unrostered="hours"), "2025-10", roster=rota)
        assert tally.withheld.empty and counts(tally) == {"tk": 22}


class TestExcuses:
    """Half-day statuses (review 114, task 2): a day at work with one side excused."""

    EXCUSES: ClassVar[dict[str, str]] = {
        "izin datang terlambat": "late",
        "izin pulang cepat": "early",
        "cuti setengah hari pagi": "late until 12:00",
        "cuti setengah hari siang": "early from 12:00",
    }

    def test_each_side(self) -> None:
        """A morning permit counts no TL (nor a missing check-in), an afternoon permit no
        PSW; a half-day leave measures the arrival from 12:00, or the departure back from
        12:00; the other side is judged as any day's."""
        rows = log(
            ("2025-10-01", "10:15", "15:00", "Izin Datang Terlambat"),
            ("2025-10-02", None, "16:00", "izin datang terlambat"),
            ("2025-10-03", "08:15", "09:00", "Izin Pulang Cepat"),
            ("2025-10-06", "12:20", "16:00", "Cuti Setengah Hari Pagi"),
            ("2025-10-07", "07:30", "11:00", "cuti setengah hari siang"),
            ("2025-10-08", "10:15", "16:00"),
        )
        tally = tally_log(rows, schedule(excuses=self.EXCUSES), "2025-10")
        codes = {
            str(d)[:10]: c for d, c in zip(tally.days["date"], tally.days["codes"], strict=True)
        }
        assert codes["2025-10-01"] == "psw2"  # late excused, 60 minutes early counted
        assert codes["2025-10-02"] == ""  # no check-in, excused
        assert codes["2025-10-03"] == "tl2"  # 45 minutes late counted, early excused
        assert codes["2025-10-06"] == "tl1"  # 20 minutes after the permit's end
        assert codes["2025-10-07"] == "psw2"  # 60 minutes before 12:00
        assert codes["2025-10-08"] == "tl4"  # no permit: 165 minutes late
        assert day(tally, "2025-10-06")["late_minutes"] == 20

    def test_a_permit_outside_the_hours_never_adds_lateness(self) -> None:
        """A permit measured from a time before the day's start counted more lateness than
        no permit (review 120): 'late until 12:00' on a 19:00 night shift made a 20:10
        arrival 490 minutes late (tl4) instead of 70 (tl3); on a 07:30 day, 'late until
        07:00' made 07:40 forty minutes late. Now such a permit excuses nothing; one the
        shift reaches after midnight ('late until 01:00', 'early from 05:00') is the next
        morning's."""
        excuses = self.EXCUSES | {
            "izin malam": "late until 01:00",
            "izin subuh": "early from 05:00",
        }
        excuses |= {"izin pagi": "late until 07:00"}
        rows = log(
            ("2025-10-01", "20:10", "07:00", "cuti setengah hari pagi"),
            ("2025-10-02", "00:50", "07:00", "izin malam"),
            ("2025-10-03", "19:00", "05:20", "izin subuh"),
            ("2025-10-06", "07:40", "16:00", "izin pagi"),
        )
        rota = roster(*((d, "malam") for d in ("2025-10-01", "2025-10-02", "2025-10-03")))
        tally = tally_log(rows, shifts(excuses=excuses), "2025-10", roster=rota)
        got = {
            str(d)[:10]: (c, late, early)
            for d, c, late, early in zip(
                tally.days["date"],
                tally.days["codes"],
                tally.days["late_minutes"],
                tally.days["early_minutes"],
                strict=True,
            )
        }
        assert got["2025-10-01"] == ("tl3", 70, 0)  # as without the permit
        assert got["2025-10-02"] == ("", 0, 0)  # arrived before 01:00 +1
        assert got["2025-10-03"] == ("", 0, 0)  # left after 05:00 +1
        assert got["2025-10-06"] == ("tl1", 10, 0)  # as without the permit

    def test_a_pair_of_permits_on_one_day(self) -> None:
        """Permitted late until 09:00 and early from 14:00 on one day (review 126, item 1):
        a row holds one status, so the pair was unwritable (two statuses in a cell are
        ``invalid_choice``, two rows ``log_duplicate_day``: the employee withheld). One
        status may now excuse one of each side; each side is measured from its own permit,
        and never more than the day's own hours would measure."""
        pair = {
            "izin terlambat dan pulang cepat": "late until 09:00, early from 14:00",
            "izin ganda": ["late", "early from 14:00"],
        }
        rows = log(
            ("2025-10-01", "09:10", "13:30", "izin terlambat dan pulang cepat"),
            ("2025-10-02", "08:50", "14:05", "Izin Terlambat dan Pulang Cepat"),
            ("2025-10-03", "07:20", "16:10", "izin terlambat dan pulang cepat"),
            ("2025-10-06", None, "13:00", "izin terlambat dan pulang cepat"),
            ("2025-10-07", "11:00", "12:00", "izin ganda"),
        )
        tally = tally_log(rows, schedule(excuses=self.EXCUSES | pair), "2025-10")
        assert tally.ok and not len(tally.withheld)
        got = {
            str(d)[:10]: (c, late, early)
            for d, c, late, early in zip(
                tally.days["date"],
                tally.days["codes"],
                tally.days["late_minutes"],
                tally.days["early_minutes"],
                strict=True,
            )
        }
        assert got["2025-10-01"] == ("tl1 psw1", 10, 30)  # from 09:00, back from 14:00
        assert got["2025-10-02"] == ("", 0, 0)
        assert got["2025-10-03"] == ("", 0, 0)  # within the day's own hours
        assert got["2025-10-06"][0] == "tl4 psw2"  # a timed permit keeps the missing mark
        assert got["2025-10-07"] == ("psw4", 210, 120)  # late excused whole, 120 before 14:00

    def test_a_pair_never_counts_more_than_no_permit(self) -> None:
        """Whatever the times, a pair of permits measures no more minutes late or early
        than the same day without them, on a day's hours and on a night shift."""
        pair = {"izin": "late until 09:00; early from 14:00"}
        times = ["06:50", "07:30", "08:10", "09:00", "09:40", "13:10", "14:00", "15:30", "16:20"]
        pairs = [(a, b) for a in times for b in times if a <= b]
        dates = pd.bdate_range("2025-09-01", periods=len(pairs)).strftime("%Y-%m-%d")
        with_ = log(*((d, a, b, "izin") for d, (a, b) in zip(dates, pairs, strict=True)))
        without = log(*((d, a, b) for d, (a, b) in zip(dates, pairs, strict=True)))
        for month in sorted({d[:7] for d in dates}):
            t1 = tally_log(with_, schedule(excuses=pair), month)
            t0 = tally_log(without, schedule(excuses=pair), month)
            assert (t1.days["late_minutes"] <= t0.days["late_minutes"]).all()
            assert (t1.days["early_minutes"] <= t0.days["early_minutes"]).all()
        night = log(
            ("2025-10-01", "20:10", "06:00", "izin"), ("2025-10-02", "08:30", "13:00", "izin")
        )
        rota = roster(("2025-10-01", "malam"), ("2025-10-02", "pagi"))
        t1 = tally_log(night, shifts(excuses=pair), "2025-10", roster=rota)
        t0 = tally_log(night.assign(Keterangan=None), shifts(excuses=pair), "2025-10", roster=rota)
        assert (t1.days["late_minutes"] <= t0.days["late_minutes"]).all()
        assert (t1.days["early_minutes"] <= t0.days["early_minutes"]).all()

    @pytest.mark.parametrize(
        "value", ["late until 09:00, late until 10:00", ["early", "early from 14:00"], []]
    )
    def test_a_side_excused_twice_is_refused(self, value: Any) -> None:
        """A pair is one permit per side: two for one side (which one counts?) are refused."""
        with pytest.raises(ScheduleError, match=r"excuse 'izin'"):
            schedule(excuses={"izin": value})

    @pytest.mark.parametrize(
        ("pair", "where"),
        [
            ("late until 14:00, early from 09:00", "mon 07:30-16:00"),
            ("late until 12:30, early from 12:00", "mon 07:30-16:00"),
            ("late until 03:00, early from 23:00", "shift malam 19:00-07:00"),
        ],
    )
    def test_a_crossed_pair_is_refused(self, pair: str, where: str) -> None:
        """A pair whose late permit ends after its early permit begins, on hours that hold
        both times (review 133): the day's arrival was measured from 14:00 and its departure
        back from 09:00, so any times between counted nothing, a whole day excused written
        as a day at work, likelier two times swapped. Refused, naming the hours; a whole
        day excused is a ``statuses`` entry of null."""
        with pytest.raises(ScheduleError, match=rf"excuse 'izin'.*{where}"):
            shifts(excuses={"izin": pair})

    def test_a_pair_crossed_only_on_another_clock_is_kept(self) -> None:
        """On a night shift 'late until 23:00, early from 03:00' is a pair in order (03:00
        is the next morning's); office hours hold neither time, so nothing is crossed, and
        permits meeting at one time (12:00 and 12:00) are no crossing."""
        for pair in ("late until 23:00, early from 03:00", "late until 12:00, early from 12:00"):
            rules = shifts(excuses={"izin": pair}).values[0].value
            assert len(rules.excuses["izin"]) == 2

    def test_an_office_pair_loads_beside_a_mid_day_duty(self) -> None:
        """An office pair in order on weekday hours (late until 09:00, early from 14:00)
        beside a 24-hour duty from 12:00 (review 141): on the duty 09:00 reached as the next
        morning crossed the pair, so no such schedule could be written. It loads; on the
        duty the late permit is read before the duty's start and excuses nothing (an arrival
        at 12:45 is 45 minutes late), the early one from 14:00. A pair crossed on the office
        clock is still refused, duty or not."""
        pair = "late until 09:00, early from 14:00"
        jaga = SHIFTS | {"jaga": "12:00-12:00"}
        rules = schedule(shifts=jaga, unrostered="hours", excuses={"izin": pair})
        rows = log(("2025-10-01", "12:45", "12:00", "izin"))
        rota = roster(("2025-10-01", "jaga"))
        got = day(tally_log(rows, rules, "2025-10", roster=rota), "2025-10-01")
        assert got["late_minutes"] == 45 and got["early_minutes"] == 0
        with pytest.raises(ScheduleError, match=r"excuse 'izin'.*mon 07:30-16:00"):
            schedule(shifts=jaga, excuses={"izin": "late until 14:00, early from 09:00"})
        with pytest.raises(ScheduleError, match=r"excuse 'izin'.*shift jaga"):  # no office
            schedule(shifts=jaga, hours={"mon": "15:00-20:00"}, excuses={"izin": pair})

    def test_without_the_key_such_a_status_is_refused(self) -> None:
        """A schedule that does not list the status rejects its row, as before."""
        rows = log(("2025-10-01", "10:15", "16:00", "Izin Datang Terlambat"))
        assert set(tally_log(rows, schedule(), "2025-10").rejected["code"]) == {"invalid_choice"}

    @pytest.mark.parametrize("value", ["late until 25:00", "sometimes", 3])
    def test_bad_excuse(self, value: Any) -> None:
        """An excuse that is none of the forms is refused by the schedule."""
        with pytest.raises(ScheduleError, match=r"excuses.*'late until 12:00'"):
            schedule(excuses={"izin": value})

    def test_not_also_a_status(self) -> None:
        """A status is decided once: not in both excuses and statuses."""
        with pytest.raises(ScheduleError, match="sakit"):
            schedule(excuses={"sakit": "late"})
