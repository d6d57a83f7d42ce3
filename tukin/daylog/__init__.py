"""From a daily attendance log to the month's ``attendance`` table.

HR offices get a daily log from the fingerprint machines or the e-absensi app (per employee
and day: the check-in and check-out time, or a day status such as sakit, cuti or dinas
luar), and tukin's ``attendance`` table wants counts per month and code (tl1..tl4,
psw1..psw4, tk, ...). :func:`tally_log` turns the one into the other, by the minute bands
and hours of a work schedule (:func:`load_schedule`: a small YAML file of dated values, read
as safely as a rule file), and keeps the days and rows behind every count so that an
auditor can trace a count back to the days it counts:

>>> import pandas as pd
>>> from tukin.daylog import load_schedule, tally_log
>>> schedule = load_schedule({
...     "name": "contoh",
...     "value": {
...         "hours": {d: "07:30-16:00" for d in ("mon", "tue", "wed", "thu", "fri")},
...         "late_bands": {"tl1": 1, "tl2": 31, "tl3": 61, "tl4": 91},
...         "early_bands": {"psw1": 1, "psw2": 31, "psw3": 61, "psw4": 91},
...         "no_check_in": ["tl4"], "no_check_out": ["psw4"], "no_record": ["tk"],
...     },
... })
>>> log = pd.DataFrame({
...     "NIP": ["199001012015031001"] * 2,
...     "Tanggal": ["2025-10-01", "2025-10-02"],
...     "Jam Masuk": ["08:00", "08:01"],     # 30 and 31 minutes late
...     "Jam Pulang": ["16:00", None],       # on time; no check-out
... })
>>> tally = tally_log(log, schedule, "2025-10")
>>> tally.attendance[["tl1", "tl2", "psw4", "tk"]].iloc[0].tolist()
[1, 1, 1, 21]

The 21 days of ``tk`` are the other working days of October 2025 without a row: a day with
no record counts what the schedule's ``no_record`` says (here ``tk``; some rules count
``[tl4, psw4]``). Nothing here is a default of the regulation: see ``docs/daily-log.md``.

* :mod:`tukin.daylog.schedule`: the schedule file and its models;
* :mod:`tukin.daylog.log`: the log's columns and cells;
* :mod:`tukin.daylog.files`: reading a log from ``.xlsx`` or CSV (or a machine's attlog);
* :mod:`tukin.daylog.punch`: a punch log (one row per scan) reduced to the daily rows;
* :mod:`tukin.daylog.joined`: a punch log joined with its file of day statuses;
* :mod:`tukin.daylog.roster`: shift workers' roster, a night shift read across midnight;
* :mod:`tukin.daylog.grid`: every employee-day judged at once;
* :mod:`tukin.daylog.tally`: rows checked, days judged, counts summed (:class:`Tally`);
* :mod:`tukin.daylog.write`: the tally as a workbook or CSV files.
"""

from __future__ import annotations

from tukin.daylog.grid import OUTCOMES
from tukin.daylog.schedule import WEEKDAYS, Schedule, WorkRules, load_schedule
from tukin.daylog.tally import Tally, tally_log
from tukin.errors import ScheduleError

__all__ = [
    "OUTCOMES",
    "WEEKDAYS",
    "Schedule",
    "ScheduleError",
    "Tally",
    "WorkRules",
    "load_schedule",
    "tally_log",
]
