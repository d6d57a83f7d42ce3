"""tukin.daylog.punch: a raw punch log (one row per scan) tallied as its daily log is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from tests.test_daylog import NIP, NIP2, day, schedule
from tukin.daylog import tally_log
from tukin.errors import DatasetValidationError

HOLIDAY = "2025-10-20"
#: One employee's October 2025 as scans (date-time), and the daily log a clerk reduces them
#: to by hand: first scan in, last scan out, a double press one scan, a single morning scan
#: an arrival and a single afternoon scan a departure.
SCANS = [
    "2025-10-01 07:29:50",  # Wed: a double press, then the departure: on time
    "2025-10-01 07:29:55",
    "2025-10-01 16:02:00",
    "2025-10-02 08:05:00",  # Thu: one morning scan pressed twice: 35 min late, no check-out
    "2025-10-02 08:05:03",
    "2025-10-03 15:50:00",  # Fri (until 16:30): one afternoon scan: 40 min early, no check-in
    "2025-10-06 07:45:00",  # Mon: four scans: 15 min late, 60 min early
    "2025-10-06 12:01:00",
    "2025-10-06 13:02:00",
    "2025-10-06 15:00:00",
    "2025-10-07 00:00:30",  # Tue: midnight edges, both on the 7th: on time both ways
    "2025-10-07 23:59:30",
    "2025-10-08 00:01:00",  # Wed: one scan just after midnight: an arrival, no check-out
    "2025-10-11 09:00:00",  # Sat: no working day
    "2025-10-20 08:00:00",  # the holiday
    "2025-10-20 12:00:00",
]
DAY_LOG = [
    ("2025-10-01", "07:29:50", "16:02"),
    ("2025-10-02", "08:05", None),
    ("2025-10-03", None, "15:50"),
    ("2025-10-06", "07:45", "15:00"),
    ("2025-10-07", "00:00:30", "23:59:30"),
    ("2025-10-08", "00:01", None),
    ("2025-10-11", "09:00", "09:00"),
    ("2025-10-20", "08:00", "12:00"),
]
#: Counted by hand: 23 weekdays, 20 October a holiday: 22 working days, 6 with scans.
HAND = {"tl1": 1, "tl2": 1, "tl3": 0, "tl4": 1, "psw1": 0, "psw2": 2, "psw3": 0, "psw4": 2}
HAND_TK = 16


def punches(stamps: list[str], nip: str = NIP, **extra: list[Any]) -> pd.DataFrame:
    return pd.DataFrame(
        {"NIP": [nip] * len(stamps), "Nama": ["Ani"] * len(stamps), "Tanggal/Waktu": stamps}
        | extra,
        dtype=object,
    )


def day_log(rows: list[tuple[Any, ...]], nip: str = NIP) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "NIP": [nip] * len(rows),
            "Tanggal": [r[0] for r in rows],
            "Jam Masuk": [r[1] for r in rows],
            "Jam Pulang": [r[2] for r in rows],
        },
        dtype=object,
    )


def counts(tally: Any) -> dict[str, int]:
    return {k: int(v) for k, v in tally.attendance.iloc[0].drop(["nip", "period"]).items()}


class TestMonth:
    def test_a_month_of_scans_counts_as_its_daily_log_and_by_hand(self) -> None:
        rules = schedule(holidays=(HOLIDAY,))
        from_scans = tally_log(punches(SCANS), rules, "2025-10")
        from_days = tally_log(day_log(DAY_LOG), rules, "2025-10")
        assert from_scans.ok and from_days.ok
        assert (from_scans.shape, from_days.shape) == ("punch", "day")
        got = counts(from_scans)
        assert got == counts(from_days)
        assert {k: got[k] for k in HAND} == HAND
        assert got["tk"] == HAND_TK
        days = from_scans.days.set_index("date")
        assert days.loc[np.datetime64("2025-10-06"), "scans"] == 4
        assert days.loc[np.datetime64("2025-10-06"), "codes"] == "tl1 psw2"
        assert days.loc[np.datetime64("2025-10-20"), "outcome"] == "holiday"
        assert days.loc[np.datetime64("2025-10-11"), "outcome"] == "not_working_day"
        # each day names the row of its first scan (the frame's position)
        assert days.loc[np.datetime64("2025-10-03"), "row"] == 5

    def test_the_scans_in_any_order_and_split_date_and_time_columns(self) -> None:
        rules = schedule(holidays=(HOLIDAY,))
        shuffled = list(reversed(SCANS))
        split = pd.DataFrame(
            {
                "PIN": ["7"] * len(shuffled),
                "Tanggal": [s[:10] for s in shuffled],
                "Jam": [s[11:] for s in shuffled],
            },
            dtype=object,
        )
        tally = tally_log(split, rules, "2025-10", ids={"007": NIP})
        assert counts(tally) == counts(tally_log(punches(SCANS), rules, "2025-10"))

    def test_an_export_appended_twice_counts_once(self) -> None:
        rules = schedule(holidays=(HOLIDAY,))
        once = tally_log(punches(SCANS), rules, "2025-10")
        twice = tally_log(punches(SCANS + SCANS[::-1]), rules, "2025-10")
        assert twice.ok and counts(twice) == counts(once)
        columns = ["date", "check_in", "check_out", "scans", "codes"]
        pd.testing.assert_frame_equal(twice.days[columns], once.days[columns])
        # a double press within one second is still two presses when they differ by one
        pressed = tally_log(
            punches(["2025-10-01 07:29:50", "2025-10-01 07:29:51"]), rules, "2025-10"
        )
        assert pressed.days.set_index("date").loc[np.datetime64("2025-10-01"), "scans"] == 2

    def test_workbook_datetimes_and_a_csv_file(self, tmp_path: Path) -> None:
        rules = schedule(holidays=(HOLIDAY,))
        stamps = pd.to_datetime(pd.Series(SCANS))
        frame = pd.DataFrame({"NIP": [NIP] * len(SCANS), "Scan": stamps})
        path = tmp_path / "scan.xlsx"
        frame.to_excel(path, index=False)
        expected = counts(tally_log(punches(SCANS), rules, "2025-10"))
        assert counts(tally_log(path, rules, "2025-10")) == expected
        csv = tmp_path / "scan.csv"
        day_first = [f"{s[8:10]}/{s[5:7]}/{s[:4]} {s[11:]}" for s in SCANS]
        punches(day_first).to_csv(csv, index=False)
        tally = tally_log(csv, rules, "2025-10")
        assert counts(tally) == expected
        assert tally.days.set_index("date").loc[np.datetime64("2025-10-03"), "row"] == 7


def one_scan(time: str, **rules: Any) -> str:
    """The codes of Thursday 2 October with one scan at ``time``."""
    tally = tally_log(punches([f"2025-10-02 {time}"]), schedule(**rules), "2025-10")
    return str(tally.days.set_index("date").loc[np.datetime64("2025-10-02"), "codes"])


class TestRules:
    def test_single_scan_by_the_midpoint_by_default(self) -> None:
        def marks(time: str) -> tuple[str, str]:
            tally = tally_log(punches([f"2025-10-02 {time}"]), schedule(), "2025-10")
            row = tally.days.set_index("date").loc[np.datetime64("2025-10-02")]
            return str(row["check_in"]), str(row["check_out"])

        assert marks("11:44:59") == ("11:44:59", "")  # 07:30-16:00: the midpoint 11:45
        assert marks("11:45") == ("", "11:45:00")
        assert one_scan("07:31") == "tl1 psw4"
        assert one_scan("15:59") == "tl4 psw1"

    @pytest.mark.parametrize(
        ("rule", "morning", "afternoon"),
        [
            ("arrival", "psw4", "tl4 psw4"),  # 15:59 as an arrival: late beyond 91 minutes
            ("departure", "tl4 psw4", "tl4 psw1"),
            ("none", "tl4 psw4", "tl4 psw4"),
        ],
    )
    def test_single_scan_rules(self, rule: str, morning: str, afternoon: str) -> None:
        assert one_scan("07:30", single_scan=rule) == morning
        assert one_scan("15:59", single_scan=rule) == afternoon

    def test_double_scan_minutes(self) -> None:
        two = punches(["2025-10-02 07:30", "2025-10-02 07:36"])
        got = tally_log(two, schedule(), "2025-10").days.set_index("date")
        assert got.loc[np.datetime64("2025-10-02"), "check_out"] == "07:36:00"
        wider = tally_log(two, schedule(double_scan_minutes=10), "2025-10").days.set_index("date")
        assert wider.loc[np.datetime64("2025-10-02"), "check_out"] == ""
        assert wider.loc[np.datetime64("2025-10-02"), "codes"] == "psw4"

    def test_the_state_is_ignored_unless_the_schedule_says_use(self) -> None:
        stamps = ["2025-10-02 07:20", "2025-10-02 08:10", "2025-10-02 12:00", "2025-10-02 16:05"]
        states = ["C/Out", "C/In", "Break Out", "C/Out"]  # 07:20 pressed out by mistake
        frame = punches(stamps, Status=states)
        ignored = tally_log(frame, schedule(), "2025-10")
        assert "Status" in ignored.ignored_columns
        assert day_codes(ignored, "2025-10-02") == ""
        used = tally_log(frame, schedule(punch_state="use"), "2025-10")
        assert day_codes(used, "2025-10-02") == "tl2"  # the scan marked in: 08:10

    def test_scans_marked_neither_in_nor_out_count_both_marks_missing(self) -> None:
        frame = punches(["2025-10-02 12:00", "2025-10-02 13:00"], Status=["Break Out", "3"])
        used = tally_log(frame, schedule(punch_state="use"), "2025-10")
        assert day_codes(used, "2025-10-02") == "tl4 psw4"  # not tk: there, no mark left

    def test_a_state_wanted_and_missing_is_refused(self) -> None:
        with pytest.raises(DatasetValidationError, match="punch_state_missing"):
            tally_log(punches(SCANS), schedule(punch_state="use"), "2025-10")


def day_codes(tally: Any, date: str) -> str:
    return str(tally.days.set_index("date").loc[np.datetime64(date), "codes"])


class TestRefusals:
    def test_check_in_columns_beside_scan_columns(self) -> None:
        frame = punches(SCANS[:2], **{"Jam Masuk": ["07:30"] * 2, "Jam Pulang": ["16:00"] * 2})
        with pytest.raises(DatasetValidationError) as err:
            tally_log(frame, schedule(), "2025-10")
        assert [p.code for p in err.value.report.problems] == ["log_shape_ambiguous"]
        # split date and time, the scheduled hours beside each scan: still one row per scan
        split = pd.DataFrame(
            {
                "NIP": [NIP] * 3,
                "Tanggal": ["2025-10-01"] * 3,
                "Jam": ["07:29", "12:01", "16:02"],
                "Jam Masuk": ["07:30"] * 3,
                "Jam Pulang": ["16:00"] * 3,
            },
            dtype=object,
        )
        with pytest.raises(DatasetValidationError, match="log_shape_ambiguous"):
            tally_log(split, schedule(), "2025-10")

    def test_a_shape_the_headers_contradict(self) -> None:
        with pytest.raises(DatasetValidationError, match="log_shape_mismatch"):
            tally_log(day_log(DAY_LOG), schedule(), "2025-10", shape="punch")
        with pytest.raises(DatasetValidationError) as err:
            tally_log(punches(SCANS), schedule(), "2025-10", shape="day")
        codes = {p.code for p in err.value.report.problems}
        assert {"log_shape_mismatch", "missing_column"} <= codes

    def test_user_ids_need_their_table(self) -> None:
        frame = pd.DataFrame({"No. ID": ["12", "12"], "Waktu": SCANS[:2]})
        with pytest.raises(DatasetValidationError, match="punch_ids_no_map"):
            tally_log(frame, schedule(), "2025-10")
        with pytest.raises(DatasetValidationError, match="punch_ids_unused"):
            tally_log(punches(SCANS), schedule(), "2025-10", ids={"12": NIP})
        with pytest.raises(DatasetValidationError, match="punch_ids_unused"):
            tally_log(day_log(DAY_LOG), schedule(), "2025-10", ids={"12": NIP})

    def test_a_nip_column_holding_the_machine_ids(self) -> None:
        # some machines' software heads the user id NIP: told once, with what to do, with or
        # without the table (not an invalid NIP per scan, nor "delete the NIP column")
        ids = punches(SCANS[:4], nip="0007")
        ids["NIP"] = ["0007", "0008", "9", NIP]  # one NIP among them: still a column of ids
        for given in (None, {"7": NIP}):
            with pytest.raises(DatasetValidationError) as err:
                tally_log(ids, schedule(), "2025-10", ids=given)
            (problem,) = err.value.report.problems
            assert (problem.code, problem.column) == ("punch_nip_holds_ids", "nip")
            assert problem.fields == {"count": 3, "example": "7"}
        # a NIP column of NIPs with a typo among them: the typo's row, as before
        typo = punches(SCANS[:3])
        typo.loc[1, "NIP"] = "12345"
        tally = tally_log(typo, schedule(), "2025-10")
        assert [(p.code, p.row) for p in tally.problems] == [("invalid_nip", 1)]
        renamed = punches(SCANS[:3], nip="0007").rename(columns={"NIP": "ID"})
        assert tally_log(renamed, schedule(), "2025-10", ids={"7": NIP}).ok

    def test_every_problem_of_the_table_at_once(self, tmp_path: Path) -> None:
        path = tmp_path / "scan.csv"
        path.write_text("No. ID,Tanggal/Waktuu,Tanggal/Waktu\n12,x,2025-10-02 07:30\n")
        with pytest.raises(DatasetValidationError) as err:
            tally_log(path, schedule(punch_state="use"), "2025-10")
        problems = err.value.report.problems
        assert [p.code for p in problems] == [
            "unknown_header",
            "punch_ids_no_map",
            "punch_state_missing",
        ]
        assert all("scan.csv" in (p.location or "") for p in problems)

    def test_a_status_column_in_a_punch_log_is_refused(self) -> None:
        frame = punches(SCANS[:4], Keterangan=["Sakit", "Sakit", "Cuti", None])
        with pytest.raises(DatasetValidationError) as err:
            tally_log(frame, schedule(), "2025-10")
        assert [p.code for p in err.value.report.problems] == ["punch_statuses_unread"]
        other = punches(SCANS[:4], Alasan=["Sakit", "Sakit", "Cuti", None])
        with pytest.raises(DatasetValidationError, match="log_status_column_unread"):
            tally_log(other, schedule(), "2025-10")

    def test_a_numeric_state_column_used(self) -> None:
        stamps = ["2025-10-02 07:20", "2025-10-02 08:10", "2025-10-02 16:05", "2025-10-02 16:30"]
        frame = punches(stamps, **{"I/O": [1, 0, 1, 4]})
        used = tally_log(frame, schedule(punch_state="use"), "2025-10")
        row = used.days.set_index("date").loc[np.datetime64("2025-10-02")]
        assert (row["check_in"], row["check_out"]) == ("08:10:00", "16:05:00")

    def test_a_log_of_unreadable_scans_only(self) -> None:
        tally = tally_log(punches(["2025-10-02 7:3", "x"]), schedule(), "2025-10")
        assert sorted(tally.rejected["code"]) == ["invalid_date", "invalid_time"]
        assert tally.withheld["nip"].tolist() == [NIP] and len(tally.attendance) == 0

    def test_excel_serial_date_times_are_refused_with_what_they_would_be(
        self, tmp_path: Path
    ) -> None:
        # a date-time column formatted General: numbers in the workbook, text in its CSV
        # (a comma decimal in an Indonesian locale's); a number that is no serial: not a date
        book = tmp_path / "scan.xlsx"
        frame = pd.DataFrame({"NIP": [NIP] * 2, "Scan": [45931.3125, 45931.67]})
        frame.to_excel(book, index=False)
        csv = tmp_path / "scan.csv"
        punches(["45931.3125", "45931,5", "0.5", "2025-10-01 16:00"]).to_csv(csv, index=False)
        for path, said in (
            (book, ["01/10/2025 07:30:00", "01/10/2025 16:04:48"]),
            (csv, ["01/10/2025 07:30:00", "01/10/2025 12:00:00"]),
        ):
            with pytest.raises(DatasetValidationError) as err:
                tally_log(path, schedule(), "2025-10", mode="strict", lang="en")
            found = [p for p in err.value.report.problems if p.code == "datetime_as_number"]
            assert [p.fields["datetime"] for p in found] == said
            assert [p.column for p in found] == ["datetime", "datetime"]
            assert "is a number, not a date and time" in str(err.value)
        tally = tally_log(csv, schedule(), "2025-10")
        assert sorted(tally.rejected["code"]) == [
            "datetime_as_number",
            "datetime_as_number",
            "invalid_date",
        ]

    @pytest.mark.parametrize(
        ("stamp", "zone"),
        [
            ("2025-10-01 07:25:10 WITA", "WITA"),
            ("01/10/2025 07.25 wit", "WIT"),
            ("1 Oktober 2025 7:31 AM WIB", "WIB"),
            ("2025-10-01T07:25:10+08:00", "+08:00"),
            ("2025-10-01 07:25:10Z", "Z"),
        ],
    )
    def test_a_time_zone_after_the_time_is_refused_and_named(self, stamp: str, zone: str) -> None:
        """A scan written with its time zone (an app's export in WITA or WIT, an ISO offset)
        is refused, as before (the schedule's hours are local time: a WIB server's times
        for a WITA office are an hour off, and which clock was kept is not guessed), but by
        what it is: before, ``... 07:25:10 WITA`` was "not a date", which the date is."""
        tally = tally_log(punches([stamp, "2025-10-01 16:05:00"]), schedule(), "2025-10", lang="en")
        assert tally.rejected["code"].tolist() == ["datetime_time_zone"]
        said = tally.rejected.iloc[0]
        assert f"names a time zone ({zone})" in said["message"]
        assert said["column"] == "datetime" and tally.withheld["nip"].tolist() == [NIP]

    def test_ids_given_as_nips_need_no_table(self) -> None:
        frame = pd.DataFrame({"ID": [NIP] * len(SCANS), "Tanggal/Waktu": SCANS})
        rules = schedule(holidays=(HOLIDAY,))
        assert counts(tally_log(frame, rules, "2025-10")) == counts(
            tally_log(punches(SCANS), rules, "2025-10")
        )

    def test_a_fingerspot_export_with_a_date_time_and_its_date_and_time_is_read(self) -> None:
        """A Fingerspot export gives each scan as ``Tanggal Scan`` and again as ``Tanggal``
        + ``Jam`` (review 138: refused as a column given twice, with an off-topic hint).
        Where they agree the file is read as the date-time alone would be (a time without
        seconds agreeing to the minute); where a row differs it is a fault naming the row,
        never one side picked."""
        rules = schedule(holidays=(HOLIDAY,))
        stamps = pd.Series(SCANS)
        dates = pd.to_datetime(stamps).dt.strftime("%d/%m/%Y").tolist()
        times = pd.to_datetime(stamps).dt.strftime("%H:%M").tolist()
        frame = pd.DataFrame(
            {"NIP": [NIP] * len(SCANS), "Tanggal Scan": SCANS, "Tanggal": dates, "Jam": times}
        )
        both = tally_log(frame, rules, "2025-10")
        assert both.ok and len(both.rejected) == 0
        assert counts(both) == counts(tally_log(punches(SCANS), rules, "2025-10"))
        edited = frame.copy()
        edited.loc[2, "Jam"] = "15:02"
        edited.loc[4, "Tanggal"] = "09/10/2025"
        tally = tally_log(edited, rules, "2025-10")
        assert not tally.ok
        assert tally.rejected["code"].tolist() == ["punch_datetime_disagrees"] * 2
        assert tally.rejected["row"].tolist() == [2, 4]
        assert "15:02" in tally.rejected["message"].iloc[0]

    def test_a_device_id_beside_the_users_id_is_not_read(self) -> None:
        """``ID Mesin`` (the machine's number in some software) beside ``No. ID`` was
        refused as the user id given twice (review 138). It is named among the columns
        not read and the file is read by ``No. ID``; alone it is still the user id."""
        rules = schedule(holidays=(HOLIDAY,))
        frame = pd.DataFrame(
            {"No. ID": ["7"] * len(SCANS), "ID Mesin": ["1"] * len(SCANS), "Waktu": SCANS}
        )
        tally = tally_log(frame, rules, "2025-10", ids={"7": NIP})
        assert tally.ok and "ID Mesin" in tally.ignored_columns
        assert counts(tally) == counts(tally_log(punches(SCANS), rules, "2025-10"))
        alone = frame.drop(columns="No. ID").assign(**{"ID Mesin": "7"})
        assert counts(tally_log(alone, rules, "2025-10", ids={"7": NIP})) == counts(tally)

    def test_an_unmapped_id_is_rejected_and_names_no_one(self) -> None:
        frame = pd.DataFrame(
            {"ID": ["1", "1", "99"], "Waktu": ["2025-10-02 07:30", "2025-10-02 16:00", SCANS[0]]}
        )
        tally = tally_log(frame, schedule(), "2025-10", ids={"1": NIP})
        assert not tally.ok
        assert tally.rejected["code"].tolist() == ["punch_id_unmapped"]
        assert tally.rejected["row"].tolist() == [2]
        assert len(tally.withheld) == 0 and len(tally.attendance) == 1

    def test_an_id_known_and_not_ours_is_set_aside(self, tmp_path: Path) -> None:
        """Another office's users on a shared machine (review 114's suggestion, review 126
        item 5): an id table row whose NIP is ``-`` says the id is known and not ours. Its
        scans, an unreadable one too, are set aside without fault (``punch_id_not_ours``);
        an id the table lacks stays a fault (it may be one of ours, newly enrolled)."""
        frame = pd.DataFrame(
            {
                "ID": ["1", "1", "99", "99", "0099", "42"],
                "Waktu": [
                    "2025-10-02 07:30",
                    "2025-10-02 16:00",
                    SCANS[0],
                    "2025-10-02 7:6",  # unreadable, but not ours to judge
                    SCANS[1],
                    SCANS[2],
                ],
            }
        )
        ids = tmp_path / "ids.csv"
        ids.write_text(f"PIN,NIP\n1,{NIP}\n99, - \n", encoding="utf-8")
        tally = tally_log(frame.iloc[:5], schedule(), "2025-10", ids=ids, lang="en")
        assert tally.ok and len(tally.withheld) == 0 and len(tally.attendance) == 1
        assert tally.rejected["code"].tolist() == ["punch_id_not_ours"] * 3
        assert "not ours" in tally.rejected["message"].iloc[0]
        assert day(tally, "2025-10-02")["codes"] == ""
        tally = tally_log(frame, schedule(), "2025-10", ids={"1": NIP, "99": "\u2013"})
        assert not tally.ok and len(tally.withheld) == 0
        assert tally.rejected["code"].tolist()[-1] == "punch_id_unmapped"

    @pytest.mark.parametrize("dash", ["'-", " '- ", "\u200b-", "\u2212", "\u2010", "\ufeff\u2011"])
    def test_the_dash_as_a_nip_cell_is_written(self, dash: str) -> None:
        """Review 133: the dash is read as the NIP cells around it are (the text marker
        ``'`` and invisible characters dropped), and as any dash a keyboard or a copy from a
        document gives (minus sign, hyphens): ``'-`` was refused as "NIP '-' is not 18
        digits", naming the very dash the docs ask for."""
        frame = pd.DataFrame({"ID": ["1", "1", "99"], "Waktu": [*SCANS[:2], SCANS[0]]})
        table = pd.DataFrame({"ID": ["1", "99"], "NIP": [f"'{NIP}", dash]}, dtype=object)
        tally = tally_log(frame, schedule(), "2025-10", ids=table)
        assert tally.ok and tally.rejected["code"].tolist() == ["punch_id_not_ours"]

    @pytest.mark.parametrize("nip", ["", None])
    def test_a_blank_nip_in_the_id_table_stays_a_fault(self, nip: Any) -> None:
        """Only the dash says "not ours": a blank NIP may be one forgotten, and is refused;
        so is an id given both as not ours and with a NIP."""
        frame = pd.DataFrame({"ID": ["99"], "Waktu": [SCANS[0]]})
        table = pd.DataFrame({"ID": ["1", "99"], "NIP": [NIP, nip]}, dtype=object)
        with pytest.raises(DatasetValidationError, match="required_value"):
            tally_log(frame, schedule(), "2025-10", ids=table)
        table = pd.DataFrame({"ID": ["99", "99"], "NIP": [NIP, "-"]}, dtype=object)
        with pytest.raises(DatasetValidationError, match="punch_id_twice"):
            tally_log(frame, schedule(), "2025-10", ids=table)

    def test_an_unreadable_scan_withholds_its_employee(self, tmp_path: Path) -> None:
        path = tmp_path / "scan.csv"
        bad = [*SCANS[:3], "2025-10-02 8:6", "2025-13-45 07:00"]
        punches(bad).to_csv(path, index=False)
        tally = tally_log(path, schedule(), "2025-10")
        assert sorted(tally.rejected["code"]) == ["invalid_date", "invalid_time"]
        assert tally.rejected["location"].str.contains("kolom C \\(Tanggal/Waktu\\)").all()
        assert sorted(tally.rejected["row"]) == [5, 6]
        assert tally.withheld["nip"].tolist() == [NIP]
        assert len(tally.attendance) == 0

    def test_an_unreadable_scan_of_another_month_is_that_months(self) -> None:
        frame = punches([*SCANS[:3], "2025-11-03 8:6"])
        tally = tally_log(frame, schedule(), "2025-10")
        assert tally.ok and len(tally.attendance) == 1


class TestFiles:
    def test_attlog_and_an_id_table_through_the_command(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from tukin.cli import main

        lines = [f"    7\t{s}\t1\t0\t0\t0" for s in SCANS]
        (tmp_path / "1_attlog.dat").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (tmp_path / "ids.csv").write_text(f"PIN,NIP\n7,{NIP}\n8,{NIP2}\n", encoding="utf-8")
        jadwal = tmp_path / "jadwal.yaml"
        jadwal.write_text(
            Path(__file__)
            .parent.parent.joinpath("examples/jadwal_permentan_68_2012.yaml")
            .read_text(encoding="utf-8")
        )
        out = tmp_path / "absensi.csv"
        args = [
            "attendance",
            str(tmp_path / "1_attlog.dat"),
            "--schedule",
            str(jadwal),
            "--period",
            "2025-10",
            "--holiday",
            HOLIDAY,
            "--ids",
            str(tmp_path / "ids.csv"),
            "--out",
            str(out),
            "--lang",
            "en",
        ]
        assert main(args) == 0
        written = pd.read_csv(out, dtype={"nip": str})
        expected = counts(tally_log(punches(SCANS), schedule(holidays=(HOLIDAY,)), "2025-10"))
        assert {k: int(written.iloc[0][k]) for k in HAND} == HAND
        assert int(written.iloc[0]["tk"]) == expected["tk"]
        said = capsys.readouterr().out
        assert "#3" in said  # the attlog's own columns are named as not read
        assert "holds no day statuses" in said
        days = pd.read_csv(tmp_path / "absensi.days.csv")
        assert "scans" in days.columns

    def test_the_command_refuses_a_forced_shape(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from tukin.cli import main

        path = tmp_path / "log.csv"
        day_log(DAY_LOG).to_csv(path, index=False)
        jadwal = Path(__file__).parent.parent / "examples" / "jadwal_permentan_68_2012.yaml"
        code = main(
            [
                "attendance",
                str(path),
                "--schedule",
                str(jadwal),
                "--period",
                "2025-10",
                "--shape",
                "punch",
                "--lang",
                "en",
            ]
        )
        assert code != 0
        assert "log_shape_mismatch" in capsys.readouterr().err


def test_the_date_time_split_without_pyarrow(monkeypatch: pytest.MonkeyPatch) -> None:
    """The C regex path and the pandas one split the same texts alike."""
    import sys

    from tukin.daylog.punch import _split

    texts = np.array(
        ["2025-10-01 07:31:20", "01/10/2025 07.31", "1 Oktober 2025 7:31 AM", "2025-10-01", "x"],
        dtype=object,
    )
    fast = _split(texts)
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    slow = _split(texts)
    for a, b in zip(fast, slow, strict=True):
        assert [None if pd.isna(v) else v for v in a] == [None if pd.isna(v) else v for v in b]
    assert list(fast[0][:3]) == ["2025-10-01", "01/10/2025", "1 Oktober 2025"]
    assert list(fast[1][:3]) == ["07:31:20", "07.31", "7:31 AM"]


class TestIdTable:
    def test_a_workbook_table_with_leading_zeros(self, tmp_path: Path) -> None:
        path = tmp_path / "ids.xlsx"
        pd.DataFrame({"No. ID": ["0007", "8"], "NIP Baru": [NIP, NIP2]}).to_excel(path, index=False)
        frame = pd.DataFrame({"ID": ["7", "8"], "Waktu": SCANS[:2]})
        tally = tally_log(frame, schedule(), "2025-10", ids=path)
        assert tally.attendance["nip"].tolist() == [NIP, NIP2]

    def test_every_fault_of_the_table_at_once(self, tmp_path: Path) -> None:
        path = tmp_path / "ids.csv"
        path.write_text(f"PIN,NIP\n7,{NIP}\n7,{NIP2}\n9,12345\n,{NIP}\n", encoding="utf-8")
        frame = pd.DataFrame({"ID": ["7"], "Waktu": SCANS[:1]})
        with pytest.raises(DatasetValidationError) as err:
            tally_log(frame, schedule(), "2025-10", ids=path)
        found = sorted((p.code, p.row) for p in err.value.report.problems)
        assert found == [
            ("invalid_nip", 4),
            ("punch_id_twice", 2),
            ("punch_id_twice", 3),
            ("required_value", 5),
        ]
        assert all("ids.csv" in (p.location or "") for p in err.value.report.problems)

    def test_a_table_without_the_id_column(self) -> None:
        frame = pd.DataFrame({"ID": ["7"], "Waktu": SCANS[:1]})
        with pytest.raises(DatasetValidationError, match="missing_column"):
            tally_log(frame, schedule(), "2025-10", ids=pd.DataFrame({"NIP": [NIP]}))


#: The month's statuses, a file of their own: a sick day and a leave day without scans, and a
#: day of dinas luar after a morning scan (the status decides the day).
STATUSES = [("2025-10-09", "Sakit"), ("2025-10-10", "Cuti"), ("2025-10-02", "Dinas Luar")]


def status_file(rows: list[tuple[str, str]], nip: str = NIP) -> pd.DataFrame:
    return pd.DataFrame(
        {"NIP": [nip] * len(rows), "Tanggal": [r[0] for r in rows], "Ket.": [r[1] for r in rows]},
        dtype=object,
    )


class TestStatuses:
    def test_a_month_of_scans_and_statuses_counts_as_its_daily_log(self) -> None:
        rules = schedule(holidays=(HOLIDAY,))
        joined = tally_log(punches(SCANS), rules, "2025-10", statuses=status_file(STATUSES))
        by_day = dict(STATUSES)
        rows = [(*r, by_day.pop(r[0], None)) for r in DAY_LOG]
        rows += [(d, None, None, s) for d, s in by_day.items()]
        frame = day_log([r[:3] for r in rows])
        frame["Keterangan"] = [r[3] for r in rows]
        assert joined.ok
        got = counts(joined)
        assert got == counts(tally_log(frame, rules, "2025-10"))
        # by hand: 2 October no longer tl2 psw4, 9 and 10 October no longer tk
        assert (got["tl2"], got["psw4"], got["sakit"], got["cuti"]) == (0, 1, 1, 1)
        assert got["tk"] == HAND_TK - 2
        days = joined.days.set_index("date")
        second = days.loc[np.datetime64("2025-10-02")]
        assert (second["status"], second["row"], second["status_row"]) == ("Dinas Luar", 3, 2)
        assert second["check_in"] == "08:05:00" and second["scans"] == 2
        sick = days.loc[np.datetime64("2025-10-09")]
        assert pd.isna(sick["row"]) and sick["status_row"] == 0 and sick["codes"] == "sakit"
        assert pd.isna(days.loc[np.datetime64("2025-10-01"), "status_row"])

    def test_files_and_their_rows_through_the_command(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from tukin.cli import main

        punches(SCANS).to_csv(tmp_path / "scan.csv", index=False)
        wrong = [*STATUSES, ("2025-10-13", "Libur")]
        status_file(wrong).to_csv(tmp_path / "ket.csv", index=False)
        jadwal = Path(__file__).parent.parent / "examples" / "jadwal_permentan_68_2012.yaml"
        args = [
            "attendance", str(tmp_path / "scan.csv"), "--statuses", str(tmp_path / "ket.csv"),
            "--schedule", str(jadwal), "--period", "2025-10", "--lang", "en",
            "--out", str(tmp_path / "absensi.csv"),
        ]  # fmt: skip
        assert main(args) == 1
        said = capsys.readouterr().out
        assert "file ket.csv, row 5, column C (Ket.)" in said and "invalid_choice" in said
        assert "holds no day statuses" not in said
        status_file(STATUSES).to_csv(tmp_path / "ket.csv", index=False)
        assert main(args) == 0
        days = pd.read_csv(tmp_path / "absensi.days.csv")
        assert days["status_row"].dropna().astype(int).tolist() == [4, 2, 3]

    def test_two_statuses_for_a_day_and_a_status_at_work(self) -> None:
        rules = schedule(present=["hadir"])
        two = status_file([("2025-10-09", "Sakit"), ("2025-10-09", "Cuti")])
        tally = tally_log(punches(SCANS[:3]), rules, "2025-10", statuses=two)
        assert tally.rejected["code"].tolist() == ["log_duplicate_day"] * 2
        at_work = status_file([("2025-10-01", "Hadir")])
        tally = tally_log(punches(SCANS[:3]), rules, "2025-10", statuses=at_work)
        assert tally.ok and day_codes(tally, "2025-10-01") == ""  # judged by the scans

    def test_refusals_at_once(self) -> None:
        timed = status_file(STATUSES)
        timed["Jam Masuk"] = "07:30"
        headless = punches(SCANS).rename(columns={"NIP": "NIPP"})
        with pytest.raises(DatasetValidationError) as err:
            tally_log(headless, schedule(), "2025-10", statuses=timed.drop(columns="Ket."))
        codes = sorted(p.code for p in err.value.report.problems)
        assert codes == [
            "missing_column",
            "missing_column",
            "punch_statuses_times",
            "unknown_header",
        ]
        with pytest.raises(DatasetValidationError, match="log_statuses_unused"):
            tally_log(day_log(DAY_LOG), schedule(), "2025-10", statuses=status_file(STATUSES))


def _clock(seconds: int) -> str:
    return (
        ""
        if seconds < 0
        else f"{seconds // 3600:02d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
    )


def reference_days(
    scans: list[tuple[str, str, int]], single: str, double: int
) -> dict[tuple[str, str], tuple[str, str]]:
    """The days a clerk reduces scans to, written plainly: (nip, date) -> (in, out)."""
    by_day: dict[tuple[str, str], list[int]] = {}
    for nip, date, seconds in scans:
        by_day.setdefault((nip, date), []).append(seconds)
    out = {}
    for key, times in by_day.items():
        times.sort()
        first, last = times[0], times[-1]
        if last - first > double * 60:
            out[key] = (_clock(first), _clock(last))
            continue
        weekday = pd.Timestamp(key[1]).weekday()
        end = 16 * 3600 + (1800 if weekday == 4 else 0)
        middle = (7 * 3600 + 1800 + end) // 2 if weekday < 5 else 12 * 3600
        arrival = first < middle if single == "midpoint" else single == "arrival"
        if single == "none":
            out[key] = ("", "")
        else:
            out[key] = (_clock(first), "") if arrival else ("", _clock(last))
    return out


class TestAgainstAPlainReduction:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=100, deadline=None)
    @given(
        scans=st.lists(
            st.tuples(
                st.sampled_from([NIP, NIP2]),
                st.integers(1, 10).map(lambda d: f"2025-10-{d:02d}"),
                st.one_of(
                    st.integers(0, 86_399),
                    st.integers(6 * 3600, 18 * 3600),  # the working day: both sides of noon
                    st.sampled_from([42_299, 42_300, 43_199, 43_200, 43_201]),  # the midpoints
                ),
            ),
            min_size=1,
            max_size=40,
        ),
        single=st.sampled_from(["midpoint", "arrival", "departure", "none"]),
        double=st.integers(0, 30),
    )
    def test_the_days_are_the_plain_reduction(
        self, scans: list[tuple[str, str, int]], single: str, double: int
    ) -> None:
        frame = pd.DataFrame(
            {
                "NIP": [s[0] for s in scans],
                "Tanggal/Waktu": [f"{s[1]} {_clock(s[2])}" for s in scans],
            }
        )
        rules = schedule(single_scan=single, double_scan_minutes=double)
        tally = tally_log(frame, rules, "2025-10")
        assert tally.ok
        got = {
            (r.nip, str(r.date.date())): (r.check_in, r.check_out)
            for r in tally.days[tally.days["row"].notna()].itertuples()
        }
        assert got == reference_days(scans, single, double)


#: Columns a daily export (an absensi app, an e-Kinerja recap, a sheet typed by hand)
#: carries beside its check-in and check-out under a header a punch log uses for its scans,
#: and what they hold: none is a scan (review 107: each was refused in 0.7.0's first cut).
DAILY_EXTRAS = {
    "Jam": ["07:30 - 16:00"],  # the scheduled hours
    "Waktu": ["Pagi", "Siang"],  # the shift
    "Scan": ["2", "1", "4"],  # the number of scans
    "Time": ["08:30", "07:55"],  # the time worked: one per day
    "Jam Scan": ["07:30"],  # the scheduled start, one per day
    "Tanggal/Waktu": ["01/10/2025"],  # a date, no time
    "Waktu Scan": ["2025-10-01 07:29:50"],  # the day's first scan again
}


class TestDailyExportsStayDaily:
    @pytest.mark.parametrize("header", sorted(DAILY_EXTRAS))
    def test_a_column_under_a_scan_header_that_holds_no_scans(self, header: str) -> None:
        rules = schedule(holidays=(HOLIDAY,))
        plain = counts(tally_log(day_log(DAY_LOG), rules, "2025-10"))
        days = day_log(DAY_LOG)
        cells = DAILY_EXTRAS[header]
        days[header] = [cells[k % len(cells)] for k in range(len(days))]
        tally = tally_log(days, rules, "2025-10")
        assert tally.ok and tally.shape == "day"
        assert tally.ignored_columns == (header,)
        assert counts(tally) == plain

    def test_in_a_file_and_an_export_run_twice(self, tmp_path: Path) -> None:
        rules = schedule(holidays=(HOLIDAY,))
        days = day_log(DAY_LOG)
        days["Waktu"] = [r[1] for r in DAY_LOG]  # a time a day, read from the file's cells
        path = tmp_path / "absen.csv"
        days.to_csv(path, index=False)
        assert tally_log(path, rules, "2025-10").shape == "day"
        twice = pd.concat([days, days], ignore_index=True)  # the same rows again: no scans
        with pytest.raises(DatasetValidationError) as err:
            tally_log(twice, rules, "2025-10", mode="strict")
        assert "log_shape_ambiguous" not in {p.code for p in err.value.report.problems}


#: Review 107's adversarial month, counted by hand under the test schedule (07:30-16:00,
#: Friday until 16:30; a missing check-in tl4, a missing check-out psw4; whole minutes).
EDGES = [
    "2025-09-30 23:59:00",  # September's: not October's
    "2025-10-01 07:29:00",  # Wed: 4:59 apart, one scan, an arrival: psw4
    "2025-10-01 07:33:59",
    "2025-10-02 07:29:00",  # Thu: 5:00 apart, still one scan: psw4
    "2025-10-02 07:34:00",
    "2025-10-03 07:29:00",  # Fri: 5:01 apart, two scans: left at 07:34:01: psw4
    "2025-10-03 07:34:01",
    "2025-10-06 06:50:00",  # Mon: both scans before the start, an early leaver: psw4
    "2025-10-06 07:10:00",
    "2025-10-07 11:45:00",  # Tue: at the midpoint: a departure: tl4 (no check-in), psw4
    "2025-10-08 11:44:59",  # Wed: a second before it: an arrival: tl4, psw4 (no check-out)
    "2025-10-09 16:00:00",  # Thu: unsorted, seconds dropped: on time both ways
    "2025-10-09 07:30:59",
    "2025-10-10 07:31:00",  # Fri: 1 minute late (tl1); 16:29:59 is 0 minutes early
    "2025-10-10 16:29:59",
    "2025-10-13 07:30:00",  # Mon: 1 minute early (psw1)
    "2025-10-13 15:59:00",
    "2025-11-01 00:01:00",  # November's
]
#: 23 weekdays, 9 with scans: 14 tk.
EDGES_HAND = {"tl1": 1, "tl2": 0, "tl3": 0, "tl4": 2, "psw1": 1, "psw2": 0, "psw3": 0}
EDGES_HAND |= {"psw4": 6, "tk": 14}


class TestEdges:
    def test_an_adversarial_month_appended_twice_counts_by_hand(self) -> None:
        tally = tally_log(punches(EDGES + EDGES[::-1]), schedule(), "2025-10")
        assert tally.ok
        got = counts(tally)
        assert {k: got[k] for k in EDGES_HAND} == EDGES_HAND
        days = tally.days.set_index("date")
        assert days.loc[np.datetime64("2025-10-03"), "check_out"] == "07:34:01"
        assert days.loc[np.datetime64("2025-10-02"), "check_out"] == ""
        assert days.loc[np.datetime64("2025-10-02"), "scans"] == 2
