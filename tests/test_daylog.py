"""tukin.daylog: from a daily attendance log to the month's attendance counts."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import tukin
from tests.strategies import daily_logs
from tukin.daylog import OUTCOMES, Schedule, ScheduleError, load_schedule, tally_log
from tukin.daylog.tally import Tally
from tukin.errors import DatasetValidationError, InputFileError, RuleSetError

EXAMPLE = Path(__file__).parent.parent / "examples" / "jadwal_permentan_68_2012.yaml"
NIP = "199001012015031001"
NIP2 = "199001012015031002"
PERMENTAN_LATE = {"tl1": 1, "tl2": 31, "tl3": 61, "tl4": 91}
PERMENTAN_EARLY = {"psw1": 1, "psw2": 31, "psw3": 61, "psw4": 91}


def rules(**changes: Any) -> dict[str, Any]:
    """Work rules of a five-day week, Friday until 16:30, Permentan 68/2012's bands."""
    value: dict[str, Any] = {
        "hours": {d: "07:30-16:00" for d in ("mon", "tue", "wed", "thu")} | {"fri": "07:30-16:30"},
        "late_bands": PERMENTAN_LATE,
        "early_bands": PERMENTAN_EARLY,
        "no_check_in": ["tl4"],
        "no_check_out": ["psw4"],
        "no_record": ["tk"],
        "statuses": {"sakit": "sakit", "cuti": "cuti", "dinas luar": None},
    }
    value.update(changes)
    return value


def schedule(holidays: tuple[str, ...] = (), **changes: Any) -> Schedule:
    return load_schedule({"name": "uji", "value": rules(**changes), "holidays": list(holidays)})


def log(*rows: tuple[Any, ...], nip: str = NIP) -> pd.DataFrame:
    """Rows of (date, check-in, check-out[, status]) for one employee."""
    full = [(*r, None) if len(r) == 3 else r for r in rows]
    return pd.DataFrame(
        {
            "NIP": [nip] * len(full),
            "Tanggal": [r[0] for r in full],
            "Jam Masuk": [r[1] for r in full],
            "Jam Pulang": [r[2] for r in full],
            "Keterangan": [r[3] for r in full],
        },
        dtype=object,
    )


def day(tally: Any, date: str) -> pd.Series:
    days = tally.days
    return days[days["date"] == np.datetime64(date)].iloc[0]


class TestBands:
    """Minutes late and early against Permentan 68/2012's bands (DOMAIN.md §4, V: "TL1 1 menit
    sd < 31 menit ... TL4 > 91 menit dan atau tidak mengisi daftar hadir", as the Ministry's BPTP
    Banten publishes the table; the article holding it is UNVERIFIED)."""

    @pytest.mark.parametrize(
        ("check_in", "code"),
        [
            ("07:30", ""),
            ("07:30:59", ""),  # under a minute: not late (the bands start at 1 minute)
            ("07:31", "tl1"),
            ("08:00", "tl1"),  # 30 minutes: TL1 (1 to under 31)
            ("08:00:59", "tl1"),  # 30 minutes 59 seconds: still under 31
            ("08:01", "tl2"),  # 31 minutes: TL2
            ("08:30", "tl2"),
            ("08:31", "tl3"),
            ("09:00", "tl3"),
            ("09:01", "tl4"),  # 91 minutes: TL4
            ("15:00", "tl4"),
        ],
    )
    def test_late_band_edges(self, check_in: str, code: str) -> None:
        """Each band's first and last minute; seconds are dropped, never rounded up."""
        tally = tally_log(log(("2025-10-01", check_in, "16:00")), schedule(), "2025-10")
        assert day(tally, "2025-10-01")["codes"] == code

    @pytest.mark.parametrize(
        ("check_out", "code"),
        [
            ("16:00", ""),
            ("15:59:01", ""),
            ("15:59", "psw1"),
            ("15:30", "psw1"),
            ("15:29", "psw2"),
            ("14:59", "psw3"),
            ("14:30", "psw3"),
            ("14:29", "psw4"),
        ],
    )
    def test_early_band_edges(self, check_out: str, code: str) -> None:
        """Leaving 30 minutes early is PSW1, 31 minutes PSW2, 91 minutes PSW4."""
        tally = tally_log(log(("2025-10-01", "07:30", check_out)), schedule(), "2025-10")
        assert day(tally, "2025-10-01")["codes"] == code

    def test_friday_hours(self) -> None:
        """Friday's own end: 16:00 on a Friday ending 16:30 is 30 minutes early (PSW1)."""
        tally = tally_log(log(("2025-10-03", "07:30", "16:00")), schedule(), "2025-10")
        row = day(tally, "2025-10-03")
        assert (row["scheduled"], row["early_minutes"], row["codes"]) == ("07:30-16:30", 30, "psw1")

    def test_grace_forgives_small_lateness_only(self) -> None:
        """Within the tolerance on time; beyond it measured from the scheduled start."""
        tally = tally_log(
            log(("2025-10-01", "07:35", "16:00"), ("2025-10-02", "08:01", "16:00")),
            schedule(grace_minutes=5),
            "2025-10",
        )
        assert day(tally, "2025-10-01")["codes"] == ""
        assert day(tally, "2025-10-02")["codes"] == "tl2"  # 31 minutes, not 26

    def test_grace_reads_whole_minutes(self) -> None:
        """The tolerance is in the minutes the day shows, seconds dropped as the bands drop
        them: 07:35:59 is 5 minutes late, within a grace of 5 (it counted TL1 by its 359
        seconds); 07:36 is 6 minutes, TL1. The same on the early side."""
        tally = tally_log(
            log(
                ("2025-10-01", "07:35:59", "16:00"),
                ("2025-10-02", "07:36", "16:00"),
                ("2025-10-06", "07:30", "15:54:01"),
                ("2025-10-07", "07:30", "15:54"),
            ),
            schedule(grace_minutes=5),
            "2025-10",
        )
        first = day(tally, "2025-10-01")
        assert (first["late_minutes"], first["codes"]) == (5, "")
        assert day(tally, "2025-10-02")["codes"] == "tl1"
        monday = day(tally, "2025-10-06")
        assert (monday["early_minutes"], monday["codes"]) == (5, "")
        assert day(tally, "2025-10-07")["codes"] == "psw1"

    def test_bands_of_another_rule(self) -> None:
        """Badan Gizi Nasional's two bands (late 1-60, over 60) as a schedule gives them."""
        bgn = schedule(late_bands={"tl1": 1, "tl2": 61}, early_bands={"psw1": 1, "psw2": 61})
        tally = tally_log(
            log(("2025-10-01", "08:30", "16:00"), ("2025-10-02", "08:31", "16:00")), bgn, "2025-10"
        )
        assert tally.attendance[["tl1", "tl2"]].iloc[0].tolist() == [1, 1]


class TestDays:
    """What a day counts as, and the days behind each count."""

    def test_missing_marks(self) -> None:
        """No check-in counts no_check_in's codes and the early band of the check-out; no
        check-out counts no_check_out's and the late band of the check-in."""
        tally = tally_log(
            log(("2025-10-01", None, "15:00"), ("2025-10-02", "08:01", "")), schedule(), "2025-10"
        )
        assert day(tally, "2025-10-01")["codes"] == "tl4 psw2"
        assert day(tally, "2025-10-02")["codes"] == "tl2 psw4"
        assert day(tally, "2025-10-01")["outcome"] == "no_check_in"

    @pytest.mark.parametrize(
        ("no_record", "expected"),
        [(["tk"], {"tk": 22}), (["tl4", "psw4"], {"tl4": 22, "psw4": 22})],
    )
    def test_no_record_is_a_parameter(self, no_record: list[str], expected: dict[str, int]) -> None:
        """A working day with no row counts what the schedule says: TK, or TL4 and PSW4."""
        tally = tally_log(
            log(("2025-10-01", "07:30", "16:00")), schedule(no_record=no_record), "2025-10"
        )
        got = tally.attendance.iloc[0]
        assert {c: int(got[c]) for c in expected} == expected  # October 2025: 23 working days

    def test_statuses(self) -> None:
        """sakit counts its code, dinas luar is excused, a status on a Saturday counts nothing."""
        tally = tally_log(
            log(
                ("2025-10-01", None, None, "Sakit"),
                ("2025-10-02", "09:00", "10:00", "dinas  luar"),
                ("2025-10-04", None, None, "cuti"),
            ),
            schedule(),
            "2025-10",
        )
        got = tally.attendance.iloc[0]
        assert (got["sakit"], got["cuti"], got["tl3"], got["tk"]) == (1, 0, 0, 21)
        assert day(tally, "2025-10-02")["outcome"] == "status"
        assert day(tally, "2025-10-04")["outcome"] == "not_working_day"

    def test_dash_is_no_status(self) -> None:
        """A dash in the status column is no status, as in a time column: the times count."""
        tally = tally_log(log(("2025-10-01", "08:01", "16:00", "-")), schedule(), "2025-10")
        assert tally.ok and day(tally, "2025-10-01")["codes"] == "tl2"

    def test_present_statuses_judge_the_times(self) -> None:
        """An e-absensi app writes Hadir / Terlambat on days worked: listed under ``present``,
        those days are judged by their times (a late Hadir is still TL), while a status of
        ``statuses`` still decides its day; without ``present`` such a row is rejected."""
        rows = log(
            ("2025-10-01", "08:01", "16:00", "Hadir"),
            ("2025-10-02", "07:30", "16:00", "hadir"),
            ("2025-10-03", "07:40", "15:00", "TERLAMBAT"),
            ("2025-10-06", None, None, "sakit"),
        )
        tally = tally_log(rows, schedule(present=["hadir", "Terlambat"]), "2025-10")
        assert tally.ok
        got = tally.attendance.iloc[0]
        assert (got["tl2"], got["tl1"], got["psw3"], got["sakit"]) == (1, 1, 1, 1)
        assert day(tally, "2025-10-01")["outcome"] == "present"
        assert day(tally, "2025-10-02")["codes"] == ""
        refused = tally_log(rows, schedule(), "2025-10")
        assert not refused.ok and set(refused.rejected["code"]) == {"invalid_choice"}

    def test_present_and_statuses_apart(self) -> None:
        """A status both decides its day and has its times judged: refused, naming it."""
        with pytest.raises(RuleSetError) as caught:
            load_schedule({"name": "x", "value": rules(present=["Sakit"])})
        assert "'sakit' is both in statuses" in caught.value.message("en")

    def test_holidays_from_file_and_argument(self) -> None:
        """A holiday is no working day, whether the schedule or the call names it."""
        tally = tally_log(
            log(), schedule(holidays=("2025-10-01",)), "2025-10", holidays=["2025-10-02"]
        )
        assert tally.attendance.empty  # no NIP in the log, no employees given
        emp = pd.DataFrame({"nip": [NIP]})
        tally = tally_log(
            log(),
            schedule(holidays=("2025-10-01",), no_rows="absent"),
            "2025-10",
            employees=emp,
            holidays=["2025-10-02"],
        )
        assert int(tally.attendance.loc[0, "tk"]) == 21
        assert tally.without_log == (NIP,)

    def test_service_dates(self) -> None:
        """Days before the start date and after the end date are not counted; an employee
        out of service all month has no attendance row."""
        emp = pd.DataFrame(
            {
                "nip": [NIP, NIP2],
                "start_date": [pd.Timestamp("2025-10-16"), pd.Timestamp("2024-01-01")],
                "end_date": [pd.NaT, pd.Timestamp("2025-09-30")],
            }
        )
        tally = tally_log(
            log(("2025-10-01", "07:30", "16:00")), schedule(), "2025-10", employees=emp
        )
        assert tally.attendance["nip"].tolist() == [NIP]
        assert int(tally.attendance.loc[0, "tk"]) == 12  # 16 to 31 October: 12 working days
        assert day(tally, "2025-10-01")["outcome"] == "out_of_service"

    def test_dated_values(self) -> None:
        """Two dated values: each day is judged by the one in force (a Ramadan timetable)."""
        ramadan = rules(hours={d: "08:00-15:00" for d in ("mon", "tue", "wed", "thu", "fri")})
        both = load_schedule(
            {
                "name": "r",
                "values": [
                    {"to": "2025-10-14", "value": rules()},
                    {"from": "2025-10-15", "value": ramadan},
                ],
            }
        )
        tally = tally_log(
            log(("2025-10-14", "08:00", "16:00"), ("2025-10-15", "08:00", "15:00")), both, "2025-10"
        )
        assert day(tally, "2025-10-14")["codes"] == "tl1"
        assert day(tally, "2025-10-15")["codes"] == ""

    def test_day_frame_traces_each_count(self) -> None:
        """The codes of the days sum to the month's counts, code by code."""
        tally = tally_log(
            log(("2025-10-01", "08:01", "15:00"), ("2025-10-02", None, None, "sakit")),
            schedule(),
            "2025-10",
        )
        words = " ".join(tally.days["codes"].astype(str)).split()
        counted = pd.Series(words).value_counts()
        row = tally.attendance.iloc[0]
        for code in tally.attendance.columns[2:]:
            assert int(row[code]) == int(counted.get(code, 0)), code
        assert set(tally.days["outcome"].cat.categories) == set(OUTCOMES)


class TestRejections:
    """Every log row is used or rejected with a reason; bad rows withhold their employee."""

    def test_a_printouts_footer_at_the_end_is_skipped_and_said(self, tmp_path: Path) -> None:
        """A printable export ends with ``Dicetak: ...``, ``Total: ...``, a signature block:
        each was an ``invalid_nip`` / ``required_value`` fault the clerk deleted (review
        138). Rows at the log's end with a phrase in the first cell and nothing in any
        column read are skipped and named in ``skipped_rows``; a footer-like row above a
        row of data, or one holding a scan time, stays a fault."""
        from tests.test_daylog_punch import SCANS, punches

        rows = log(("2025-10-01", "07:40", "16:00"), ("2025-10-02", "07:30", "16:00"))
        foot = pd.DataFrame(
            [["Dicetak: 01/12/2026 10:15", None, None, None, None], ["Total: 2"] + [None] * 4],
            columns=rows.columns,
            dtype=object,
        )
        got = tally_log(pd.concat([rows, foot], ignore_index=True), schedule(), "2025-10")
        assert got.ok and got.attendance.equals(tally_log(rows, schedule(), "2025-10").attendance)
        assert got.skipped_rows == (
            "tabel log, baris 2: 'Dicetak: 01/12/2026 10:15'",
            "tabel log, baris 3: 'Total: 2'",
        )
        scans = punches(SCANS[:4]).assign(No=range(4))[["No", "NIP", "Nama", "Tanggal/Waktu"]]
        sign = pd.DataFrame(
            [["Dicetak: 01/12/2026", None, None, None], ["Mengetahui, Kepala", None, "Budi", None]],
            columns=scans.columns,
        )
        path = tmp_path / "scan.xlsx"
        pd.concat([scans, sign], ignore_index=True).to_excel(path, index=False)
        got = tally_log(path, schedule(), "2025-10")
        assert got.ok and len(got.skipped_rows) == 2
        assert got.skipped_rows[0].endswith("baris 6, kolom A (No): 'Dicetak: 01/12/2026'")
        above = pd.concat([scans.iloc[:2], sign.iloc[:1], scans.iloc[2:]], ignore_index=True)
        got = tally_log(above, schedule(), "2025-10")
        assert not got.ok and got.skipped_rows == () and set(got.rejected["row"]) == {2}
        timed = pd.concat([scans, sign.assign(**{"Tanggal/Waktu": "2025-10-03 07:00"})])
        got = tally_log(timed.reset_index(drop=True), schedule(), "2025-10")
        assert not got.ok and got.skipped_rows == ()

    def test_a_frames_blank_rows_are_skipped_as_a_files_are(self) -> None:
        """``pd.read_excel`` keeps a sheet's blank rows; a file's reader skips them. A frame's
        all-blank row (None, NaN, spaces) was two ``required_value`` faults and the tally not
        ok (review 138): now it is skipped, and every other row is still named by its
        position in the frame given (a fault after the blank row says row 3, not 2)."""
        from tests.test_daylog_punch import SCANS, punches

        rows = log(("2025-10-01", "07:40", "16:00"), ("2025-10-02", "x", "16:00"))
        gap = pd.DataFrame([[None, " ", np.nan, "", None]], columns=rows.columns, dtype=object)
        with_gap = pd.concat([rows.iloc[:1], gap, gap, rows.iloc[1:]], ignore_index=True)
        got, plain = (
            tally_log(with_gap, schedule(), "2025-10"),
            tally_log(rows, schedule(), "2025-10"),
        )
        assert got.rejected["code"].tolist() == ["invalid_time"]
        assert got.rejected["row"].tolist() == [3]
        assert got.attendance.equals(plain.attendance)
        assert day(got, "2025-10-02")["row"] == 3
        scans = punches(SCANS)
        gap = pd.DataFrame([[None] * 3], columns=scans.columns, dtype=object)
        with_gap = pd.concat([scans.iloc[:2], gap, scans.iloc[2:]], ignore_index=True)
        got = tally_log(with_gap, schedule(), "2025-10")
        assert got.ok and got.attendance.equals(tally_log(scans, schedule(), "2025-10").attendance)
        assert day(got, "2025-10-01")["row"] == 0 and day(got, "2025-10-02")["row"] == 4

    def test_each_bad_cell_named(self, tmp_path: Path) -> None:
        """Unreadable cells name the sheet row and column the clerk sees, all at once."""
        path = tmp_path / "log.csv"
        path.write_text(
            "NIP;Tanggal;Jam Masuk;Jam Pulang;Keterangan\n"
            f"{NIP};01/10/2025;7:3;16:00;\n"
            f"{NIP};02/10/2025;0,3125;16:00;\n"
            f"{NIP};32/10/2025;07:30;16:00;\n"
            f"{NIP};03/10/2025;08:00;07:00;\n"
            f"{NIP};06/10/2025;07:30;16:00;mangkir\n"
            f"{NIP};07/10/2025;07:30;2025-10-08 16:00;\n"
            f"{NIP2};07/10/2025;07:30;16:00;\n"
            f"{NIP2};07/10/2025;07:31;16:00;\n"
            f"{NIP2};01/11/2025;07:30;16:00;\n",
            encoding="utf-8",
        )
        tally = tally_log(path, schedule(), "2025-10", lang="en")
        got = tally.rejected[["row", "code"]].values.tolist()
        assert sorted(got) == [
            [2, "invalid_time"],
            [3, "time_as_number"],
            [4, "invalid_date"],
            [5, "log_out_before_in"],
            [6, "invalid_choice"],
            [7, "time_other_day"],
            [8, "log_duplicate_day"],
            [9, "log_duplicate_day"],
            [10, "log_outside_period"],
        ]
        first = tally.rejected[tally.rejected["row"] == 2].iloc[0]
        assert first["location"] == "file log.csv, row 2, column C (Jam Masuk)"
        assert tally.attendance.empty and set(tally.withheld["nip"]) == {NIP, NIP2}
        assert "log_outside_period" not in {p.code for p in tally.problems}

    def test_outside_period_is_no_fault(self) -> None:
        """A row of another month is set aside without withholding its employee."""
        tally = tally_log(
            log(("2025-10-01", "07:30", "16:00"), ("2025-11-03", "xx", "16:00")),
            schedule(),
            "2025-10",
        )
        assert tally.ok and tally.rejected["code"].tolist() == ["log_outside_period"]
        assert tally.attendance["nip"].tolist() == [NIP]

    def test_messages_once_per_value(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A quarter's log tallied for one month rejects two rows in three: each message is
        rendered once per distinct value, not once per row (31 s for 440k rows before), and
        each row still gets its own location."""
        calls: list[str] = []
        said = tukin.Problem.message

        def counted(self: tukin.Problem, lang: Any = None) -> str:
            calls.append(self.code)
            return said(self, lang)

        monkeypatch.setattr(tukin.Problem, "message", counted)
        other = [(f"2025-11-{d:02d}", "07:30", "16:00") for d in (3, 4, 5)] * 40
        tally = tally_log(
            log(("2025-10-01", "07:30", "16:00"), *other), schedule(), "2025-10", lang="en"
        )
        assert len(tally.rejected) == 120 and len(calls) == 3
        assert tally.rejected["location"].iloc[-1] == "table log, row 120, column date"

    def test_faults_keep_the_fields_contract(self) -> None:
        """Each faulty row's fields are the data tukin/_fieldspec.py documents for its code,
        as the data readers' are (review 88): a status not listed gave its choices joined
        into one text ('sakit, cuti, dinas luar') where every other invalid_choice gives a
        list. The message still names them as words."""
        from tukin._fieldspec import breaches

        rows = log(
            ("2025-10-01", "07:30", "16:00", "mangkir"),
            ("2025-10-02", "08:00", "07:00"),
            ("2025-10-03", "07:30", "16:00"),
            ("2025-10-03", "07:31", "16:00"),
            ("2025-10-06", "2025-10-07 08:00", "16:00"),
            ("x", "7:3", "16:00"),
        )
        both = pd.concat([rows, log(("2025-10-01", "07:30", "16:00"), nip=NIP2)])
        tally = tally_log(both, schedule(), "2025-10", employees=pd.DataFrame({"nip": [NIP]}))
        assert len({p.code for p in tally.problems}) == 7
        assert [b for p in tally.problems for b in breaches(p.code, p.fields, problem=True)] == []
        (choice,) = [p for p in tally.problems if p.code == "invalid_choice"]
        assert choice.fields["choices"] == ["sakit", "cuti", "dinas luar"]
        assert "sakit, cuti, dinas luar" in choice.message("en")

    def test_unknown_employee(self) -> None:
        """A NIP not among the employees given is rejected, the others counted."""
        both = pd.concat(
            [log(("2025-10-01", "07:30", "16:00")), log(("2025-10-01", "07:30", "16:00"), nip=NIP2)]
        )
        tally = tally_log(both, schedule(), "2025-10", employees=pd.DataFrame({"nip": [NIP]}))
        assert tally.rejected["code"].tolist() == ["log_unknown_employee"]
        assert tally.attendance["nip"].tolist() == [NIP]

    def test_strict_lists_every_problem(self) -> None:
        """strict mode raises one error naming every faulty row, in both languages."""
        bad = log(("2025-10-01", "7:3", "16:00"), ("2025-10-02", "07:30", "x"))
        with pytest.raises(DatasetValidationError) as caught:
            tally_log(bad, schedule(), "2025-10", mode="strict")
        assert {p.code for p in caught.value.problems} == {"invalid_time"}
        assert len(caught.value.problems) == 2
        assert "bukan jam" in caught.value.message("id") and "not a time" in caught.value.message(
            "en"
        )

    def test_headers(self) -> None:
        """Other spellings are read; a near miss is refused; extra columns are named."""
        frame = log(("2025-10-01", "07:30", "16:00")).rename(columns={"Jam Masuk": "Check In"})
        frame["Nama Pegawai"] = "A"
        tally = tally_log(frame, schedule(), "2025-10")
        assert tally.ignored_columns == ("Nama Pegawai",)
        with pytest.raises(DatasetValidationError) as caught:
            tally_log(frame.rename(columns={"Check In": "Jam Masukk"}), schedule(), "2025-10")
        assert {p.code for p in caught.value.problems} == {"unknown_header", "missing_column"}

    def test_times_as_cells(self) -> None:
        """Time and date-time cells (what Excel gives) are read; a float is refused."""
        frame = log(
            ("2025-10-01", dt.time(8, 1), dt.datetime(2025, 10, 1, 16, 0)),
            ("2025-10-02", dt.time(7, 30), 0.6666),
        )
        tally = tally_log(frame, schedule(), "2025-10")
        assert tally.rejected["code"].tolist() == ["time_as_number"]
        assert day(tally, "2025-10-01")["codes"] == "tl2"  # the good day is still judged
        assert day(tally, "2025-10-02")["outcome"] == "row_rejected"
        assert tally.withheld["nip"].tolist() == [NIP]

    @pytest.mark.parametrize(
        ("nip", "date"), [("Nomor Induk Pegawai", "Hari Tanggal"), ("NIP", "Tanggal Kehadiran")]
    )
    def test_a_file_finds_its_header_by_every_spelling(
        self, tmp_path: Path, nip: str, date: str
    ) -> None:
        """A file's header row is found by the spellings the log reads (a frame with these
        headers was read; the same log as a CSV file was 'no header naming the NIP and the
        date', the file reader keeping a shorter list of its own)."""
        path = tmp_path / "log.csv"
        path.write_text(
            f"{nip};{date};Jam Masuk;Jam Pulang\n{NIP};01/10/2025;08:01;16:00\n",
            encoding="utf-8",
        )
        tally = tally_log(path, schedule(), "2025-10")
        assert day(tally, "2025-10-01")["codes"] == "tl2"

    def test_workbook_log(self, tmp_path: Path) -> None:
        """An .xlsx log with a title row, time cells and a date cell is read; a problem
        names the sheet row and column letter."""
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Absensi"
        ws.append(["Rekap mesin sidik jari, Oktober 2025"])
        ws.append(["No", "NIP", "Tgl.", "Jam Masuk", "Jam Pulang"])
        ws.append([1, NIP, dt.datetime(2025, 10, 1), dt.time(8, 1), dt.time(16, 0)])
        ws.append([2, NIP, dt.datetime(2025, 10, 2), dt.time(7, 30), 0.5])
        path = tmp_path / "log.xlsx"
        wb.save(path)
        tally = tally_log(path, schedule(), "2025-10", lang="id")
        assert day(tally, "2025-10-01")["codes"] == "tl2"
        (where,) = tally.rejected["location"].tolist()
        assert where == "sheet Absensi, baris 4, kolom E (Jam Pulang)"
        assert tally.ignored_columns == ("No",)

    def test_bad_arguments(self) -> None:
        """A holiday that is no date and an employee's start date that is none are refused
        by name, not read as nothing."""
        with pytest.raises(RuleSetError, match="2025-13-01"):
            tally_log(log(), schedule(), "2025-10", holidays=["2025-13-01"])
        employees = pd.DataFrame({"nip": [NIP], "start_date": ["kemarin"]})
        with pytest.raises(tukin.ArgumentError, match="start_date"):
            tally_log(log(), schedule(), "2025-10", employees=employees)


class TestSchedule:
    """The schedule file: safe YAML, dated values, every mistake at once."""

    def test_example_file(self) -> None:
        """The shipped example holds Permentan 68/2012's bands and no holiday."""
        example = load_schedule(EXAMPLE)
        value = example.values[0].value
        assert value.late_bands == PERMENTAN_LATE and value.early_bands == PERMENTAN_EARLY
        assert (value.no_check_in, value.no_check_out, value.no_record) == (
            ("tl4",),
            ("psw4",),
            ("tk",),
        )
        assert example.holidays == () and "Permentan 68/2012" in (example.values[0].reference or "")

    def test_no_silent_default(self) -> None:
        """Bands and what a missing record counts as must be written: each missing one named."""
        with pytest.raises(RuleSetError) as caught:
            load_schedule({"name": "x", "value": {"hours": {"mon": "07:30-16:00"}}})
        keys = {p.key for p in caught.value.problems}
        assert keys == {
            f"values.0.value.{k}"
            for k in ("late_bands", "early_bands", "no_check_in", "no_check_out", "no_record")
        }

    def test_mistakes_with_lines(self, tmp_path: Path) -> None:
        """A typo'd key, bands out of order and overlapping dates: each with its line."""
        path = tmp_path / "jadwal.yaml"
        path.write_text(
            "name: x\nholiday: []\nvalues:\n  - from: 2025-01-01\n    value:\n"
            "      hours: {mon: '07:30-16:00'}\n      late_bands: {tl1: 31, tl2: 1}\n"
            "      early_bands: {psw1: 1}\n      no_check_in: [tl4]\n      no_check_out: [psw4]\n"
            "      no_record: [tk]\n",
            encoding="utf-8",
        )
        with pytest.raises(RuleSetError) as caught:
            load_schedule(path)
        lines = sorted((p.line, p.key) for p in caught.value.problems)
        assert lines == [(2, "holiday"), (7, "values.0.value.late_bands")]
        said = caught.value.message("en")
        assert said.startswith("2 mistakes in the work schedule:")
        assert f"{path}:2 (holiday): unknown key 'holiday' (did you mean 'holidays'?)" in said
        assert isinstance(caught.value, ScheduleError)

    def test_typo_in_the_rules(self) -> None:
        """A key misspelt inside a value is named with the key meant, in both languages."""
        with pytest.raises(RuleSetError) as caught:
            load_schedule({"name": "x", "value": {**rules(), "late_band": {"tl1": 1}}})
        (problem,) = caught.value.problems
        assert problem.message("en") == "unknown key 'late_band' (did you mean 'late_bands'?)"
        assert (
            problem.message("id") == "kunci 'late_band' tidak dikenal (maksud Anda 'late_bands'?)"
        )

    def test_bad_hours_and_codes(self) -> None:
        """Hours that run backwards and a code named like a derived column are refused."""
        with pytest.raises(RuleSetError) as caught:
            load_schedule(
                {"name": "x", "value": rules(hours={"mon": "16:00-07:30"}, no_record=["grade"])}
            )
        text = caught.value.message("en")
        assert "no working time" in text and "'grade' is no attendance code" in text

    def test_overlapping_values(self) -> None:
        """Two values in force on one day are refused, as a rule file's are."""
        with pytest.raises(RuleSetError) as caught:
            load_schedule(
                {
                    "name": "x",
                    "values": [{"value": rules()}, {"from": "2025-01-01", "value": rules()}],
                }
            )
        assert "overlap" in caught.value.message("en")

    def test_day_without_rules(self) -> None:
        """A working month no dated value covers is refused, not guessed."""
        later = load_schedule({"name": "x", "values": [{"from": "2025-10-10", "value": rules()}]})
        with pytest.raises(RuleSetError, match="2025-10-01"):
            tally_log(log(), later, "2025-10")

    def test_month_only(self) -> None:
        """A quarter is no month to tally."""
        with pytest.raises(tukin.PeriodError):
            tally_log(log(), schedule(), "2025-Q4")


class TestIntoTukin:
    """The tally is the attendance table tukin reads."""

    def test_from_frames_and_calculate(self) -> None:
        """Counts from a log of the demo's employees feed a calculation with no rejection."""
        frames = tukin.demo.generate(30)
        nips = frames["employees"]["nip"].tolist()
        daily = pd.concat(
            [
                log(("2025-10-01", "08:01", "16:00"), ("2025-10-02", "07:30", "16:00"), nip=n)
                for n in nips
            ]
        )
        ds0 = tukin.Dataset.from_frames(frames)
        tally = tally_log(daily, load_schedule(EXAMPLE), "2025-10", employees=ds0)
        assert len(tally.without_log) == 0
        frames["attendance"] = tally.attendance
        del frames["sanctions"]  # a sanction this pack has no step for: warned, not read
        ds = tukin.Dataset.from_frames(frames)
        assert ds.report.ok, ds.report.describe("en")
        base = dict.fromkeys(range(1, 18), 1_000_000)
        pack = tukin.load_ruleset("tukin-permentan-68-2012").with_parameters(
            tukin_base=base, status_factors={"pns": "100%", "cpns": "80%", "pppk": "100%"}
        )
        result = tukin.calculate(ds, pack, "2025-10")
        assert len(result.rejected) == 0
        # TL2 1 % + TK 4 % a day (Permentan 68/2012, DOMAIN.md §4), capped at 100 %
        counts = tally.attendance.set_index("nip")
        cut = result.to_frame().set_index("nip")["potongan_absen"].astype(float)
        expected = (counts["tl2"] * 0.01 + counts["tk"] * 0.04).clip(upper=1)
        assert (cut - expected.reindex(cut.index)).abs().max() < 1e-9

    def test_the_guides_badan_gizi_bands_cost_what_perban_4_2025_says(self) -> None:
        """The bands docs/daily-log.md gives for Perban BGN 4/2025 (late 1-60 minutes 0.5 %, over
        60 minutes 1 %), tallied and paid under the golden cases' rule file for it, cost 0.5 % for
        60 minutes late and 1 % for 61 (review 115: the guide wrote `{tl1: 1, tl2: 61}`, under
        which 61 minutes or more counted TL2, which that rule file rates 0.5 %)."""
        guide = (Path(__file__).parent.parent / "docs" / "daily-log.md").read_text()
        bullet = guide.split("**Badan Gizi Nasional, Perban 4/2025**")[1].split("\n\n")[0]
        (written,) = re.findall(r"`late_bands: \{([^}]*)\}`", bullet)
        bands = {k.strip(): int(v) for k, v in (kv.split(":") for kv in written.split(","))}
        frames = tukin.demo.generate(4)
        nips = frames["employees"]["nip"].tolist()
        daily = pd.concat(
            [
                log(("2025-10-01", "08:30", "16:00"), ("2025-10-02", "08:31", "16:00"), nip=n)
                for n in nips
            ]
        )
        tally = tally_log(daily, schedule(late_bands=bands, no_record=[]), "2025-10")
        cut = _badan_gizi_lateness_cut(frames, tally)
        # 08:30 against 07:30 is 60 minutes (0.5 %), 08:31 is 61 minutes (1 %)
        assert set(cut) == {0.015}, cut.tolist()

    def test_the_guides_badan_gizi_schedule_charges_more_than_one_minute_only(self) -> None:
        """Perban BGN 4/2025 Pasal 15 huruf a charges a lateness of "lebih 1 (satu) menit sampai
        dengan 60 (enam puluh) menit", huruf b "lebih dari 60": the schedule docs/daily-log.md
        gives for it leaves 1 whole minute (07:31:59) on time and charges 2 minutes (07:32) 0.5 %,
        60 minutes 0.5 % and 61 minutes 1 % under the golden cases' rule file (review 118: the
        guide's bands charged 07:31 as TL1, the 1-minute lateness the text leaves out)."""
        guide = (Path(__file__).parent.parent / "docs" / "daily-log.md").read_text()
        bullet = guide.split("**Badan Gizi Nasional, Perban 4/2025**")[1].split("\n\n")[0]
        (written,) = re.findall(r"`late_bands: \{([^}]*)\}`", bullet)
        bands = {k.strip(): int(v) for k, v in (kv.split(":") for kv in written.split(","))}
        graces = re.findall(r"`grace_minutes: (\d+)`", bullet)
        assert graces, "the guide names no grace_minutes for Perban BGN 4/2025"
        arrivals = {"2025-10-01": "07:31:59", "2025-10-02": "07:32", "2025-10-03": "08:30:59"}
        arrivals |= {"2025-10-06": "08:31"}
        frames = tukin.demo.generate(4)
        nips = frames["employees"]["nip"].tolist()
        rows = [(d, t, "16:30" if d == "2025-10-03" else "16:00") for d, t in arrivals.items()]
        tally = tally_log(
            pd.concat([log(*rows, nip=n) for n in nips]),
            schedule(late_bands=bands, grace_minutes=int(graces[0]), no_record=[]),
            "2025-10",
        )
        first = tally.days[tally.days["nip"] == nips[0]]
        codes = {str(d.date()): c for d, c in zip(first["date"], first["codes"], strict=True)}
        codes = {d: codes[d] for d in arrivals}
        assert codes == {
            "2025-10-01": "",
            "2025-10-02": "tl1",
            "2025-10-03": "tl2",
            "2025-10-06": "tl3",
        }, codes
        cut = _badan_gizi_lateness_cut(frames, tally)
        # 2 minutes 0.5 % + 60 minutes 0.5 % + 61 minutes 1 %; 1 minute nothing
        assert set(cut) == {0.02}, cut.tolist()

    def test_workbook(self, tmp_path: Path) -> None:
        """The workbook's attendance sheet has the template's headers; CSV files sit beside."""
        import openpyxl

        from tukin.daylog.write import write_tally
        from tukin.io.headers import header

        tally = tally_log(log(("2025-10-01", "08:01", "=1+1")), schedule(), "2025-10")
        (path,) = write_tally(tally, tmp_path / "absensi.xlsx", "id")
        wb = openpyxl.load_workbook(path)
        heads = [c.value for c in wb["Kehadiran"][1]]
        assert heads == [header("attendance", c, "id") for c in tally.attendance.columns]
        assert wb["Log Ditolak"]["E2"].value == "'=1+1"  # a formula refused, shown as text
        written = write_tally(tally, tmp_path / "absensi.csv", "en")
        assert [p.name for p in written] == [
            "absensi.csv",
            "absensi.days.csv",
            "absensi.rejected.csv",
            "absensi.withheld.csv",
        ]


class TestApi:
    """What tukin.daylog exports."""

    def test_all_is_pinned(self) -> None:
        """The public names of tukin.daylog are exactly these."""
        import tukin.daylog

        assert tukin.daylog.__all__ == [
            "OUTCOMES",
            "WEEKDAYS",
            "Schedule",
            "ScheduleError",
            "Tally",
            "WorkRules",
            "load_schedule",
            "tally_log",
        ]

    def test_tally_is_read_only(self) -> None:
        """A tally is a record of what was counted: its frames cannot be swapped afterwards."""
        import dataclasses

        tally = tally_log(log(("2025-10-01", "07:30", "16:00")), schedule(), "2025-10")
        with pytest.raises(dataclasses.FrozenInstanceError):
            tally.attendance = tally.days  # type: ignore[misc]


class TestCli:
    """tukin attendance."""

    def test_command(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """Counts a CSV log, writes the workbook, exits 1 when a row was rejected."""
        from tukin.cli import main

        path = tmp_path / "log.csv"
        path.write_text(
            f"NIP,Tanggal,Jam Masuk,Jam Pulang\n{NIP},2025-10-01,08:01,16:00\n", encoding="utf-8"
        )
        out = tmp_path / "absensi.xlsx"
        code = main(
            [
                "attendance",
                str(path),
                "--schedule",
                str(EXAMPLE),
                "--period",
                "Oktober 2025",
                "--out",
                str(out),
                "--lang",
                "en",
            ]
        )
        said = capsys.readouterr().out
        assert code == 0 and out.exists() and "tl2 1" in said and "tk 22" in said
        path.write_text(
            f"NIP,Tanggal,Jam Masuk,Jam Pulang\n{NIP},2025-10-01,8:1,16:00\n", encoding="utf-8"
        )
        assert (
            main(["attendance", str(path), "--schedule", str(EXAMPLE), "--period", "2025-10"]) == 1
        )
        assert "[invalid_time]" in capsys.readouterr().out

    def test_no_header(self, tmp_path: Path) -> None:
        """A file with no NIP and date header is refused by name."""
        path = tmp_path / "x.csv"
        path.write_text("a,b\n1,2\n", encoding="utf-8")
        with pytest.raises(InputFileError, match=r"x\.csv"):
            tally_log(path, schedule(), "2025-10")


# -- property: every row counted once or rejected; counts equal a plain reference -------------

_TIME = re.compile(r"(\d{1,2})[:.](\d{2})(?::(\d{2}))?")


def _seconds(cell: Any) -> int | str | None:
    """A reference reading of a time cell: seconds, None blank, 'bad'."""
    if cell is None or str(cell).strip() in ("", "-"):
        return None
    m = _TIME.fullmatch(str(cell).strip())
    if not m or int(m[1]) > 23 or int(m[2]) > 59:
        return "bad"
    return int(m[1]) * 3600 + int(m[2]) * 60 + int(m[3] or 0)


def _band(seconds: int, bands: dict[str, int]) -> str | None:
    minutes = max(seconds, 0) // 60
    hit = [c for c, first in bands.items() if minutes >= first and seconds > 0]
    return hit[-1] if hit else None


def reference_counts(frame: pd.DataFrame) -> dict[str, dict[str, int]]:
    """The month's counts by a plain loop over days, from the rules of :func:`rules`."""
    value = rules()
    rows: dict[tuple[str, dt.date], list[tuple[Any, ...]]] = {}
    faulty: set[str] = set()
    orphans: set[dt.date] = set()  # working days a row without a readable NIP names
    for nip, date, cin, cout, status in frame.itertuples(index=False):
        when = dt.date.fromisoformat(date)
        if when.month == 10 and len(nip) != 18 and when.weekday() < 5:
            orphans.add(when)
        if len(nip) != 18 or when.month != 10:
            continue
        a, b = _seconds(cin), _seconds(cout)
        key = None if status is None else " ".join(status.lower().split())
        bad = "bad" in (a, b) or (key is not None and key not in value["statuses"])
        bad = bad or (isinstance(a, int) and isinstance(b, int) and b < a)
        rows.setdefault((nip, when), []).append((a, b, key, bad))
        if bad:
            faulty.add(nip)
    for (nip, _), found in rows.items():
        if len(found) > 1:
            faulty.add(nip)
    for nip in {n for n, _ in rows}:
        if any((nip, when) not in rows for when in orphans):
            faulty.add(nip)  # the row may be theirs: withheld
    out: dict[str, dict[str, int]] = {}
    for nip in sorted({n for n, _ in rows} - faulty):
        counted: dict[str, int] = {}
        for d in range(1, 32):
            when = dt.date(2025, 10, d)
            hours = {0: 1, 1: 1, 2: 1, 3: 1, 4: 2}.get(when.weekday())
            if hours is None:
                continue
            start, end = 7 * 3600 + 1800, 16 * 3600 + (1800 if hours == 2 else 0)
            a, b, key, _ = rows.get((nip, when), [(None, None, None, False)])[0]
            codes: list[str | None] = []
            if key is not None:
                codes = [value["statuses"][key]]
            elif a is None and b is None:
                codes = ["tk"]
            else:
                codes.append("tl4" if a is None else _band(a - start, PERMENTAN_LATE))
                codes.append("psw4" if b is None else _band(end - b, PERMENTAN_EARLY))
            for c in codes:
                if c is not None:
                    counted[c] = counted.get(c, 0) + 1
        out[nip] = counted
    return out


class TestProperties:
    """Random logs, good and bad cells."""

    @settings(max_examples=200, deadline=None)
    @given(st.integers(0, 86_399), st.integers(0, 86_399))
    def test_bands_by_definition(self, check_in: int, check_out: int) -> None:
        """Any pair of times: the day's codes are the bands of the whole minutes late and
        early, as Permentan 68/2012's table defines them (1-30, 31-60, 61-90, 91 and more)."""
        if check_out < check_in:
            check_in, check_out = check_out, check_in
        clock = [
            f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}" for s in (check_in, check_out)
        ]
        tally = tally_log(log(("2025-10-01", *clock)), schedule(), "2025-10")
        start, end = 7 * 3600 + 1800, 16 * 3600

        def band(seconds: int, names: tuple[str, ...]) -> list[str]:
            minutes = max(seconds, 0) // 60
            if minutes < 1:
                return []
            return [
                names[0 if minutes <= 30 else 1 if minutes <= 60 else 2 if minutes <= 90 else 3]
            ]

        expected = band(check_in - start, ("tl1", "tl2", "tl3", "tl4"))
        expected += band(end - check_out, ("psw1", "psw2", "psw3", "psw4"))
        assert day(tally, "2025-10-01")["codes"] == " ".join(expected)

    @settings(max_examples=60, deadline=None)
    @given(daily_logs())
    def test_rows_once_counts_exact(self, frame: pd.DataFrame) -> None:
        """Each row is used once or rejected; counts are integers >= 0 and equal a plain loop."""
        tally = tally_log(frame, schedule(), "2025-10")
        days = tally.days
        used = days.loc[days["outcome"] != "row_rejected", "row"].dropna().astype(int).tolist()
        rejected = set(tally.rejected["row"].astype(int).tolist())
        assert len(used) == len(set(used)), "a row used twice"
        assert set(used) | rejected == set(range(len(frame)))
        assert not set(used) & rejected
        counts = tally.attendance.drop(columns=["nip", "period"])
        assert all(str(t) == "int64" for t in counts.dtypes) and (counts.to_numpy() >= 0).all()
        got = {
            r["nip"]: {c: int(r[c]) for c in counts.columns if r[c]}
            for _, r in tally.attendance.iterrows()
        }
        assert got == reference_counts(frame)


class TestReview96:
    """Review 96: what real HR exports hold, checked against hand counts."""

    @pytest.mark.parametrize("text", ["0.35", "0.05", "0,35", "00,35"])
    def test_a_day_fraction_as_text_is_no_time(self, text: str) -> None:
        """'0.35' is what a time cell that lost its format shows (0.35 of a day is 08:24),
        far more than a check-in at 00:35 on a day schedule: read as 00:35 it was on time,
        read as 08:24 it is TL2. It is refused as a number (time_as_number), never guessed;
        a time written with a two-digit hour or a colon (00.35, 0:35) is still a time."""
        tally = tally_log(log(("2025-10-01", text, "16:00")), schedule(), "2025-10")
        assert tally.rejected["code"].tolist() == ["time_as_number"]
        assert tally.withheld["nip"].tolist() == [NIP]
        kept = tally_log(
            log(("2025-10-01", "00.35", "16:00"), ("2025-10-02", "0:35", "16:00")),
            schedule(),
            "2025-10",
        )
        assert kept.ok and day(kept, "2025-10-01")["check_in"] == "00:35:00"

    def test_a_nip_excel_made_a_number_is_refused_as_such(self, tmp_path: Path) -> None:
        """A NIP Excel stored as a number keeps 15 of its 18 digits: refused as
        nip_as_number (the data readers' reason: format the column as Text), never read as
        the 18-digit number it now is (199001012015031000: another NIP, or with --data an
        employee of that number) nor said only as 'not 18 digits'. A whole number ending in
        the zeros Excel put there is one too; the text marker ' before a NIP is read."""
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["NIP", "Tanggal", "Jam Masuk", "Jam Pulang"])
        ws.append([float(NIP), dt.date(2025, 10, 1), "07:30", "16:00"])
        ws.append([199001012015031000, dt.date(2025, 10, 2), "07:30", "16:00"])
        ws.append(["1.99001E+17", dt.date(2025, 10, 3), "07:30", "16:00"])
        ws.append(["'" + NIP2, dt.date(2025, 10, 3), "08:01", "16:30"])  # a Friday
        path = tmp_path / "log.xlsx"
        wb.save(path)
        tally = tally_log(path, schedule(), "2025-10", lang="en")
        assert tally.rejected["code"].tolist() == ["nip_as_number"] * 3
        assert tally.rejected["value"].tolist() == [
            "199001012015031000",
            "199001012015031000",
            "1.99001E+17",
        ]
        assert "lost its last digits" in tally.rejected["message"].iloc[0]
        # the refused rows may be NIP2's on 1 and 2 October: withheld, not counted TK
        assert tally.attendance.empty and tally.withheld["nip"].tolist() == [NIP2]
        assert day(tally, "2025-10-03")["codes"] == "tl2"
        # a frame's column: a float among texts, a whole number with Excel's zeros
        mixed = pd.concat(
            [log(("2025-10-01", "07:30", "16:00")), log(("2025-10-02", "07:30", "16:00"))]
        )
        mixed["NIP"] = pd.Series([NIP, float(NIP)], dtype=object).to_numpy()
        assert tally_log(mixed, schedule(), "2025-10").rejected["code"].tolist() == [
            "nip_as_number"
        ]
        whole = log(("2025-10-01", "07:30", "16:00"))
        whole["NIP"] = np.array([199001012015031000], dtype=np.int64)
        assert tally_log(whole, schedule(), "2025-10").rejected["code"].tolist() == [
            "nip_as_number"
        ]
        whole["NIP"] = np.array([int(NIP)], dtype=np.int64)
        assert tally_log(whole, schedule(), "2025-10").ok

    def test_month_first_dates_are_refused_as_the_readers_refuse_them(self, tmp_path: Path) -> None:
        """A US-locale export (10/13/2025) says its other dates are month first too: the
        data readers refuse the column's dates that read both ways (ambiguous_date), and so
        does the log. Read day first, 10/3/2025 was 10 March: a row of another month, no
        fault, and its employee counted TK on 3 October without being withheld."""
        path = tmp_path / "log.csv"
        path.write_text(
            "NIP,Tanggal,Jam Masuk,Jam Pulang\n"
            f"{NIP},10/13/2025,07:30,16:00\n"
            f"{NIP2},10/3/2025,07:30,16:30\n"
            f"{NIP2},10/10/2025,07:30,16:30\n",
            encoding="utf-8",
        )
        tally = tally_log(path, schedule(), "2025-10", lang="en")
        assert tally.rejected[["row", "code"]].values.tolist() == [
            [2, "date_month_first"],
            [3, "ambiguous_date"],
        ]
        assert "2025-10-03" in tally.rejected["message"].iloc[1]
        assert tally.attendance.empty and set(tally.withheld["nip"]) == {NIP, NIP2}
        # a day-first log is read as ever
        path.write_text(
            f"NIP,Tanggal,Jam Masuk,Jam Pulang\n{NIP},13/10/2025,08:01,16:00\n"
            f"{NIP},3/10/2025,07:30,16:30\n",
            encoding="utf-8",
        )
        kept = tally_log(path, schedule(), "2025-10")
        assert kept.ok and day(kept, "2025-10-13")["codes"] == "tl2"

    def test_a_date_as_number_names_its_date(self) -> None:
        """A date cell that lost its format (45931) is refused with the date it stands for,
        as the readers say it: the log dropped the reader's field and said '(as an Excel
        date it is )'."""
        from tukin._fieldspec import breaches

        tally = tally_log(log(("45931", "07:30", "16:00")), schedule(), "2025-10", lang="en")
        (problem,) = tally.problems
        assert problem.code == "date_as_number" and problem.fields == {"date": "01/10/2025"}
        assert breaches(problem.code, problem.fields, problem=True) == []
        assert "as an Excel date it is 01/10/2025" in tally.rejected["message"].iloc[0]

    def test_merged_and_formula_cells_withhold_the_employee(self, tmp_path: Path) -> None:
        """A recap that merges an employee's NIP over the rows of their days, or a status
        over the days of a leave, leaves the cells under the merge blank: the rows were
        'a value is required' (NIP: the employee it belongs to was then counted TK on days
        they scanned, and not withheld) or read as days with no record (status: TK for a
        day of cuti). Such cells are refused as the data readers refuse them (merged_cell,
        naming the range; formula_no_value for a formula never calculated), and the
        employee the merge names is withheld."""
        import openpyxl

        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["NIP", "Tanggal", "Jam Masuk", "Jam Pulang", "Keterangan"])
        for d in (1, 2, 3):
            ws.append([NIP if d == 1 else None, dt.date(2025, 10, d), "07:30", "16:00", None])
        ws.merge_cells("A2:A4")
        ws.append([NIP2, dt.date(2025, 10, 6), None, None, "Cuti"])
        ws.append([NIP2, dt.date(2025, 10, 7), None, None, None])
        ws.merge_cells("E5:E6")
        ws.append(["199001012015031003", dt.date(2025, 10, 8), "=TIME(8,1,0)", "16:00", None])
        path = tmp_path / "log.xlsx"
        wb.save(path)
        tally = tally_log(path, schedule(), "2025-10", lang="en")
        assert tally.rejected[["row", "column", "value", "code"]].values.tolist() == [
            [3, "nip", "A2:A4", "merged_cell"],
            [4, "nip", "A2:A4", "merged_cell"],
            [6, "status", "E5:E6", "merged_cell"],
            [7, "check_in", "=TIME(8,1,0)", "formula_no_value"],
        ]
        assert tally.attendance.empty
        assert set(tally.withheld["nip"]) == {NIP, NIP2, "199001012015031003"}
        assert "unmerge" in tally.rejected["message"].iloc[0]

    def test_a_row_without_a_readable_nip_withholds_who_it_may_be(self, tmp_path: Path) -> None:
        """A row whose NIP is blank or unreadable (a merged recap exported to CSV keeps the
        NIP in an employee's first row only; a column Excel made numbers loses them all)
        is someone's day: every employee in service with no row that working day may be
        that someone, and was counted no record (TK) on it, the output complete to the eye.
        They are withheld instead, named with the days; whoever has a row that day is
        counted. A readable NIP that is no employee's (another office on a shared machine)
        is not someone's day of this office: no one is withheld for it."""
        path = tmp_path / "log.csv"
        path.write_text(
            "NIP;Tanggal;Jam Masuk;Jam Pulang\n"
            f"{NIP};01/10/2025;07:30;16:00\n"
            ";02/10/2025;07:30;16:00\n"
            ";03/10/2025;07:30;16:30\n"
            f"{NIP2};01/10/2025;07:30;16:00\n"
            f"{NIP2};02/10/2025;08:01;16:00\n"
            f"{NIP2};03/10/2025;07:30;16:30\n",
            encoding="utf-8",
        )
        nip3 = "199001012015031003"
        employees = pd.DataFrame({"nip": [NIP, NIP2, nip3]})
        tally = tally_log(path, schedule(), "2025-10", employees=employees, lang="en")
        assert tally.attendance["nip"].tolist() == [NIP2]
        assert tally.attendance["tl2"].tolist() == [1]
        withheld = tally.withheld.set_index("nip")
        assert sorted(withheld.index) == [NIP, nip3]
        assert withheld.loc[NIP, "rejected_rows"] == 0
        assert "2025-10-02, 2025-10-03" in withheld.loc[NIP, "message"]
        said = tally_log(path, schedule(), "2025-10", employees=employees, lang="id")
        assert "2025-10-02" in said.withheld["message"].iloc[0]
        other = log(("2025-10-02", "07:30", "16:00"), nip="199001012015031009")
        kept = tally_log(other, schedule(no_rows="absent"), "2025-10", employees=employees)
        assert kept.withheld.empty and len(kept.attendance) == 3

    def test_scheduled_hours_beside_the_scans_are_named(self, tmp_path: Path) -> None:
        """A fingerprint machine's export (ZKTeco-style) has Jam Masuk / Jam Pulang, the
        scheduled hours, beside Scan Masuk / Scan Pulang, the scans: both read as check_in
        and check_out. The log was refused as 'column check_in is given more than once',
        naming neither header, and a clerk deleting the scans would tally the schedule:
        everyone on time. The refusal names both headers and which is likely the scan."""
        path = tmp_path / "log.csv"
        path.write_text(
            "NIP,Tanggal,Jam Kerja,Jam Masuk,Jam Pulang,Scan Masuk,Scan Pulang\n"
            f"{NIP},01/10/2025,Reguler,07:30,16:00,08:01,16:00\n",
            encoding="utf-8",
        )
        with pytest.raises(DatasetValidationError) as caught:
            tally_log(path, schedule(), "2025-10")
        problems = caught.value.problems
        assert [(p.code, p.column) for p in problems] == [
            ("log_column_twice", "check_in"),
            ("log_column_twice", "check_out"),
        ]
        said = caught.value.message("en")
        assert "'Jam Masuk' and 'Scan Masuk'" in said and "scheduled hours" in said
        assert "'Jam Masuk' dan 'Scan Masuk'" in caught.value.message("id")

    def test_every_sheet_too_long_for_a_workbook_is_refused(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A quarter's log tallied for one month rejects two rows in three: the rejected
        rows, not only the days, can pass a sheet's 1,048,575 rows, and openpyxl writes such
        a sheet without a word (a workbook Excel will not open). Each sheet is checked."""
        import tukin.daylog.write as write

        other = [(f"2025-11-{d:02d}", "07:30", "16:00") for d in (3, 4, 5, 6)]
        monkeypatch.setattr(write, "_MAX_SHEET_ROWS", 3)
        small = tally_log(  # in service from 30 October: two working days, three rows
            log(("2025-10-01", "07:30", "16:00"), *other),
            schedule(),
            "2025-10",
            employees=pd.DataFrame({"nip": [NIP], "start_date": ["2025-10-30"]}),
        )
        assert len(small.days) <= 3 and len(small.rejected) == 4
        with pytest.raises(tukin.ArgumentError, match="4") as caught:
            write.write_tally(small, tmp_path / "absensi.xlsx", "en")
        assert "Rejected log rows" in str(caught.value)
        assert not (tmp_path / "absensi.xlsx").exists()

    def test_the_command_output_is_read_back_into_a_calculation(self, tmp_path: Path) -> None:
        """The Kehadiran sheet the command writes, copied into the data workbook as the docs
        say, is read by tukin's reader and cuts by the hand count: TL2 on 1 October (08:01)
        and PSW2 on 2 October (15:00) are 1 % each under Permentan 68/2012."""
        import openpyxl

        from tukin.cli import main

        frames = tukin.demo.generate(4)
        del frames["sanctions"], frames["attendance"]
        frames["employees"]["end_date"] = pd.NaT  # all in service in October
        nips = frames["employees"]["nip"].tolist()
        rows = [
            f"{n},2025-10-{d:02d},{'08:01' if d == 1 else '07:30'},"
            f"{'15:00' if d == 2 else '16:30' if d in (3, 10, 17, 24, 31) else '16:00'}"
            for n in nips
            for d in range(1, 32)
        ]
        path = tmp_path / "log.csv"
        path.write_text("NIP,Tanggal,Jam Masuk,Jam Pulang\n" + "\n".join(rows) + "\n", "utf-8")
        out = tmp_path / "absensi.xlsx"
        argv = ["attendance", str(path), "--schedule", str(EXAMPLE), "--period", "2025-10"]
        assert main([*argv, "--out", str(out), "--lang", "id"]) == 0
        data = tukin.io.write_frames(frames, tmp_path / "isian.xlsx", "id")
        wb = openpyxl.load_workbook(data)
        del wb["Kehadiran"]
        sheet = wb.create_sheet("Kehadiran")
        for values in openpyxl.load_workbook(out)["Kehadiran"].iter_rows(values_only=True):
            sheet.append(list(values))
        wb.save(data)
        ds = tukin.io.read_dataset(data)
        assert ds.table("attendance")[["tl2", "psw2", "tk"]].sum().tolist() == [4, 4, 0]
        pack = tukin.load_ruleset("tukin-permentan-68-2012").with_parameters(
            tukin_base=dict.fromkeys(range(1, 18), 1_000_000),
            status_factors={"pns": "100%", "cpns": "80%", "pppk": "100%"},
        )
        result = tukin.calculate(ds, pack, "2025-10")
        assert len(result.rejected) == 0
        cut = result.to_frame()["potongan_absen"].astype(float).tolist()
        assert cut == [0.02] * 4

    @pytest.mark.parametrize(
        ("text", "clock"),
        [
            ("7:31 AM", "07:31:00"),
            ("07:31:20 am", "07:31:20"),
            ("4:05 PM", "16:05:00"),
            ("12:10 PM", "12:10:00"),
            ("12:10 AM", "00:10:00"),
            ("04.05 p.m.", "16:05:00"),
        ],
    )
    def test_twelve_hour_times(self, text: str, clock: str) -> None:
        """A machine exporting in an English locale writes 7:31 AM / 4:05 PM: every row was
        invalid_time, every employee withheld. Read as the clock says; an hour that is no
        twelve-hour hour (13:00 PM, 0:30 AM) is still refused."""
        tally = tally_log(log(("2025-10-01", text, "11:30 PM")), schedule(), "2025-10")
        assert tally.ok and day(tally, "2025-10-01")["check_in"] == clock
        for bad in ("13:00 PM", "0:30 AM"):
            refused = tally_log(log(("2025-10-01", bad, "16:00")), schedule(), "2025-10")
            assert refused.rejected["code"].tolist() == ["invalid_time"]


class TestReview98:
    """Review 98: the log's copy of the readers' rules, after reviews 96 and 97 both changed
    them in one session."""

    def test_month_first_typos_are_judged_over_the_cells_as_the_readers_judge_them(self) -> None:
        """The readers count a column's one-way dates cell by cell (one month-first cell in
        ten is a typo, ``date_month_first_odd``); the log judged its distinct cells, a date
        per day of the month shared by every employee. Two month-first typos among twenty
        employees' month were then two in fifteen: the column taken for month first, every
        both-way date (1-12 October) refused as ambiguous_date and every employee withheld,
        where the readers refuse the two typed rows only."""
        from tukin.io._cells import month_first_dates

        nips = [NIP[:-3] + f"{i:03d}" for i in range(20)]
        rows = [
            (nip, f"{d}/10/2025", "07:30", "16:00")
            for nip in nips
            for d in range(1, 32)
            if dt.date(2025, 10, d).weekday() < 5
        ]
        rows[5] = (rows[5][0], "10/13/2025", "07:30", "16:00")
        rows[40] = (rows[40][0], "10/14/2025", "07:30", "16:00")
        frame = pd.DataFrame(rows, columns=["NIP", "Tanggal", "Jam Masuk", "Jam Pulang"])
        tally = tally_log(frame, schedule(), "2025-10", lang="en")
        readers = month_first_dates(frame["Tanggal"].tolist())
        odd = {5: "date_month_first_odd", 40: "date_month_first_odd"}  # the frame's index
        assert {i: issue.code for i, issue in readers.items()} == odd
        assert dict(zip(tally.rejected["row"], tally.rejected["code"], strict=True)) == odd
        assert set(tally.withheld["nip"]) == {rows[5][0], rows[40][0]}
        assert tally.attendance["nip"].nunique() == 18


class TestReview99:
    """The lead's decisions on review 96's policy doubts: an employee without any log row is
    withheld, a present status without times refused, a status column under an unread
    header never dropped silently."""

    EMPLOYEES = pd.DataFrame(
        {
            "nip": [NIP, NIP2, "199001012015031003", "199001012015031004", "199001012015031005"],
            # NIP3 starts after the month, NIP4 ended before it, NIP5 serves a weekend only
            "start_date": [None, None, "2025-11-01", "2024-01-01", "2025-10-04"],
            "end_date": [None, None, None, "2025-09-30", "2025-10-05"],
        }
    )

    def test_an_employee_without_rows_is_withheld_not_counted_absent(self) -> None:
        """NIP2 has no row in October: 23 TK (a cut of ~90 %) was counted, exit 0; the
        likelier cause is a log of another office or one cut short. Withheld, the NIP and
        the month named in both languages; those without a working day in service in the
        month are not withheld for it."""
        rows = log(("2025-10-01", "07:30", "16:00"))
        for lang, words in (("en", "has no log row at all"), ("id", "sama sekali tidak")):
            tally = tally_log(rows, schedule(), "2025-10", employees=self.EMPLOYEES, lang=lang)
            assert NIP2 not in tally.attendance["nip"].tolist()
            (held,) = tally.withheld.itertuples()
            assert (held.nip, held.code, held.rejected_rows) == (NIP2, "log_employee_no_rows", 0)
            assert words in held.message and NIP2 in held.message and "2025-10" in held.message
            assert "23" in held.message  # the working days in service
        assert tally.without_log == ("199001012015031005",)  # a weekend in service: counted
        assert tally.attendance["nip"].tolist() == [NIP, "199001012015031005"]

    def test_no_rows_absent_counts_as_before(self) -> None:
        """``no_rows: absent`` in the schedule counts every working day no_record."""
        rows = log(("2025-10-01", "07:30", "16:00"))
        tally = tally_log(rows, schedule(no_rows="Absent"), "2025-10", employees=self.EMPLOYEES)
        assert tally.withheld.empty
        counted = tally.attendance.set_index("nip")["tk"]
        assert counted[NIP2] == 23 and counted[NIP] == 22
        assert tally.without_log == (NIP2, "199001012015031005")

    def test_no_rows_is_dated(self) -> None:
        """A month under two dated values is withheld if any working day in service falls
        under ``withhold``; one whose days all fall under ``absent`` is counted."""
        both = load_schedule(
            {
                "name": "r",
                "values": [
                    {"to": "2025-10-14", "value": rules(no_rows="absent")},
                    {"from": "2025-10-15", "value": rules()},
                ],
            }
        )
        emp = pd.DataFrame({"nip": [NIP, NIP2], "end_date": [None, "2025-10-14"]})
        rows = log(("2025-10-01", "07:30", "16:00"))
        tally = tally_log(rows, both, "2025-10", employees=emp)
        assert tally.withheld.empty and tally.attendance["nip"].tolist() == [NIP, NIP2]
        emp["end_date"] = [None, "2025-10-15"]
        tally = tally_log(rows, both, "2025-10", employees=emp)
        assert tally.withheld["nip"].tolist() == [NIP2]

    def test_schedule_choices_are_checked(self) -> None:
        with pytest.raises(RuleSetError) as caught:
            load_schedule({"name": "x", "value": rules(no_rows="count", present_no_times="tk")})
        said = caught.value.message("en")
        assert "no_rows: 'count' is none of withhold, absent" in said
        assert "present_no_times: 'tk' is none of reject, no_record, no_marks" in said
        assert "bukan salah satu dari withhold, absent" in caught.value.message("id")

    def test_the_command_says_how_many_were_withheld_for_no_rows(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from tukin.cli import main

        frames = tukin.demo.generate(5)
        nips = frames["employees"]["nip"].tolist()
        data = tukin.io.write_frames(frames, tmp_path / "isian.xlsx", "id")
        path = tmp_path / "log.csv"
        path.write_text(
            f"NIP,Tanggal,Jam Masuk,Jam Pulang\n{nips[0]},2025-10-01,07:30,16:00\n",
            encoding="utf-8",
        )
        argv = ["attendance", str(path), "--schedule", str(EXAMPLE), "--period", "2025-10"]
        assert main([*argv, "--data", str(data), "--lang", "en"]) == 1
        said = capsys.readouterr().out
        assert "4 of them are in service and have no log row at all in 2025-10" in said
        assert nips[1] in said

    def test_a_present_status_without_times_is_refused(self, tmp_path: Path) -> None:
        """``Hadir`` with no check-in and no check-out counted no record (TK): a contradiction
        the clerk can resolve. The row is rejected with its place, both languages, and the
        employee withheld; on a day off it counts nothing and is not refused; a row whose
        time is refused already is not refused twice."""
        path = tmp_path / "log.csv"
        path.write_text(
            "NIP,Tanggal,Jam Masuk,Jam Pulang,Keterangan\n"
            f"{NIP},2025-10-01,,,Hadir\n"
            f"{NIP},2025-10-04,,,hadir\n"
            f"{NIP2},2025-10-01,7:3,,hadir\n"
            f"{NIP2},2025-10-02,07:30,,hadir\n",
            encoding="utf-8",
        )
        present = schedule(present=["hadir"])
        for lang, words in (("en", "neither a check-in"), ("id", "tidak memiliki jam masuk")):
            tally = tally_log(path, present, "2025-10", lang=lang)
            assert tally.attendance.empty and set(tally.withheld["nip"]) == {NIP, NIP2}
            rejected = tally.rejected.set_index("code")
            assert rejected.loc["log_present_no_times", "row"] == 2
            assert "E (Keterangan)" in rejected.loc["log_present_no_times", "location"]
            assert words in rejected.loc["log_present_no_times", "message"]
            assert tally.rejected["code"].tolist() == ["log_present_no_times", "invalid_time"]
        from tukin._fieldspec import breaches

        assert [b for p in tally.problems for b in breaches(p.code, p.fields, problem=True)] == []
        # before the employee's start date the day counts nothing: not refused either
        emp = pd.DataFrame({"nip": [NIP], "start_date": ["2025-10-02"]})
        rows = log(("2025-10-01", None, None, "hadir"), ("2025-10-02", "07:30", "16:00"))
        tally = tally_log(rows, present, "2025-10", employees=emp)
        assert tally.ok and tally.withheld.empty
        assert day(tally, "2025-10-01")["outcome"] == "out_of_service"

    @pytest.mark.parametrize(
        ("choice", "outcome", "codes"),
        [("no_record", "no_record", "tk"), ("no_marks", "no_check_in", "tl4 psw4")],
    )
    def test_the_schedule_says_what_a_present_day_without_times_counts(
        self, choice: str, outcome: str, codes: str
    ) -> None:
        rows = log(("2025-10-01", None, None, "Hadir"), ("2025-10-02", "07:30", None, "hadir"))
        tally = tally_log(rows, schedule(present=["hadir"], present_no_times=choice), "2025-10")
        assert tally.ok and tally.withheld.empty
        first = day(tally, "2025-10-01")
        assert (first["outcome"], first["codes"]) == (outcome, codes)
        assert day(tally, "2025-10-02")["codes"] == "psw4"
        total = tally.attendance.iloc[0]
        assert (total["tl4"], total["psw4"], total["tk"]) == (
            (0, 1, 22) if choice == "no_record" else (1, 2, 21)
        )

    @pytest.mark.parametrize("header", ["Alasan", "Catatan Absen"])
    def test_statuses_under_a_header_not_read_refuse_the_run(
        self, tmp_path: Path, header: str
    ) -> None:
        """An e-absensi export's ``Alasan`` holding Sakit / Cuti was only named among the
        columns not read, and those days counted TK. A column not read whose filled cells
        are mostly day statuses (the schedule's or the usual ones) refuses the run, naming
        the column and its statuses in both languages."""
        path = tmp_path / "log.csv"
        path.write_text(
            f"NIP,Tanggal,Jam Masuk,Jam Pulang,{header}\n"
            f"{NIP},2025-10-01,,,Sakit\n"
            f"{NIP},2025-10-02,07:30,16:00,\n"
            f"{NIP},2025-10-03,,,cuti tahunan\n"
            f"{NIP},2025-10-06,,,WFA\n"
            f"{NIP},2025-10-07,,,Dinas Luar Kota\n",
            encoding="utf-8",
        )
        for lang, words in (("en", "is not read by the log"), ("id", "tidak dibaca")):
            with pytest.raises(DatasetValidationError) as caught:
                tally_log(path, schedule(), "2025-10", lang=lang)
            (problem,) = caught.value.report.problems
            assert problem.code == "log_status_column_unread"
            assert problem.fields == {
                "count": 3,
                "statuses": ["Sakit", "cuti tahunan", "Dinas Luar Kota"],
            }
            assert f"E ({header})" in problem.where(lang)
            assert words in problem.message(lang) and "Sakit, cuti tahunan" in problem.message(lang)
        # the schedule's own status words count too: WFA listed, four of four
        with pytest.raises(DatasetValidationError) as caught:
            tally_log(path, schedule(statuses={"wfa": None, "sakit": "sakit"}), "2025-10")
        assert caught.value.report.problems[0].fields["count"] == 4
        from tukin._fieldspec import breaches

        assert breaches(problem.code, dict(problem.fields), problem=True) == []

    def test_statuses_the_log_keeps_elsewhere_do_not_refuse(self) -> None:
        """Review 101: a reason column beside the read status column (``Alasan``: Sakit
        demam where Keterangan says sakit), and an app's check-in / check-out verdicts
        (``Status Masuk``: Hadir, Terlambat; ``Status Pulang``: Pulang Cepat) on rows with
        times, refused the run, though no status of theirs is lost: the read status
        column holds it, or the times say it. A status on a row with no read status and
        no time is still refused."""
        rows = log(
            ("2025-10-01", None, None, "sakit"),
            ("2025-10-02", None, None, "sakit"),
            ("2025-10-03", "07:30", "16:00"),
            ("2025-10-06", "07:40", "15:00"),
        )
        rows["Alasan"] = ["Sakit demam", "Sakit (surat dokter)", None, None]
        rows["Status Masuk"] = ["-", "-", "Hadir", "Terlambat"]
        rows["Status Pulang"] = ["-", "-", "Tepat Waktu", "Pulang Cepat"]
        tally = tally_log(rows, schedule(), "2025-10")
        assert tally.ok and tally.ignored_columns == ("Alasan", "Status Masuk", "Status Pulang")
        assert int(tally.attendance.loc[0, "sakit"]) == 2
        # the reason alone on a row without status or times: lost, refused as before
        rows.loc[2, ["Jam Masuk", "Jam Pulang", "Alasan"]] = [None, None, "Cuti tahunan"]
        rows.loc[[0, 1], "Keterangan"] = None
        rows = rows.drop(columns=["Status Masuk", "Status Pulang"])
        with pytest.raises(DatasetValidationError) as caught:
            tally_log(rows, schedule(), "2025-10")
        (problem,) = caught.value.report.problems
        assert problem.value == "Alasan" and problem.fields["count"] == 3
        # a verdict column on rows without times names what the times cannot say
        rows = log(("2025-10-01", None, None), ("2025-10-02", None, None))
        rows["Status Masuk"] = ["Hadir", "Terlambat"]
        with pytest.raises(DatasetValidationError):
            tally_log(rows, schedule(), "2025-10")

    def test_notes_are_not_statuses_and_pengecualian_is_read(self) -> None:
        """A column of notes is still only named; ``Pengecualian`` (an app's exception
        column) is read as the status."""
        rows = log(("2025-10-01", "08:01", "16:00"), ("2025-10-02", None, None)).drop(
            columns="Keterangan"
        )
        rows["Catatan"] = ["macet", "rapat di luar"]
        rows["Unit Kerja"] = ["Dinas Pendidikan", "Dinas Kesehatan"]  # not dinas luar
        tally = tally_log(rows, schedule(), "2025-10")
        assert tally.ok and tally.ignored_columns == ("Catatan", "Unit Kerja")
        rows = rows.drop(columns="Unit Kerja")
        rows = rows.rename(columns={"Catatan": "Pengecualian"})
        rows["Pengecualian"] = [None, "Sakit"]
        tally = tally_log(rows, schedule(), "2025-10")
        assert tally.ok and tally.ignored_columns == ()
        assert int(tally.attendance.loc[0, "sakit"]) == 1


def _badan_gizi_lateness_cut(frames: dict[str, pd.DataFrame], tally: Tally) -> pd.Series:
    """The golden cases' Perban BGN 4/2025 rule file paid on ``frames`` with ``tally``'s
    attendance: each paid employee's ``potongan_terlambat`` (at least two paid; only a demo
    employee who left may be rejected)."""
    frames["attendance"] = tally.attendance
    del frames["sanctions"]
    rules = tukin.load_ruleset(
        Path(tukin.__file__).parent / "golden_cases" / "rules" / "tukin-badan-gizi-2025.yaml"
    ).with_parameters(
        tukin_base=dict.fromkeys(range(1, 18), 1_000_000),
        status_factors={"pns": "100%", "cpns": "80%", "pppk": "100%"},
    )
    result = tukin.calculate(tukin.Dataset.from_frames(frames), rules, "2025-10")
    assert set(result.rejected["code"]) <= {"out_of_service"}  # a demo employee who left
    cut = result.to_frame()["potongan_terlambat"]
    assert len(cut) >= 2
    return cut
