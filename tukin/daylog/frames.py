"""The frames of a tally: the rejected rows, the withheld employees, the days behind counts.

Built from whole arrays: the days of a province's month (1.5M rows) are categoricals of a
few distinct values each (NIPs, hours, times, outcomes, codes), never a Python string per row.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from tukin._coerce import Batch
from tukin.daylog.files import RawLog
from tukin.daylog.grid import OUTCOMES, Days, Judged
from tukin.daylog.log import LOG_TABLE, LogCells
from tukin.errors import PLACE_WORDS, Lang, Problem, render

__all__ = ["Located", "clock", "day_frame", "rejected_frame", "row_problems", "withheld_frame"]


def clock(seconds: int) -> str:
    """Seconds after midnight as ``hh:mm:ss``; '' for -1 (no time). A time of a night
    shift past midnight (seconds from the shift's date, 86,400 or more) is the next day's:
    ``07:03:00 +1``."""
    s = int(seconds)
    if s < 0:
        return ""
    day, s = divmod(s, 86_400)
    shown = f"{s // 3600:02d}:{s % 3600 // 60:02d}:{s % 60:02d}"
    return shown if not day else f"{shown} +{day}"


# -- problems and frames -------------------------------------------------------------------------


@dataclass
class Located:
    """How a row and column of the log are named to a person."""

    raw: RawLog | None
    positions: dict[str, int]  # log column -> header position (files)
    #: a punch log's day rows: per log column, the scan row each day row comes from (the
    #: check-out's: the departure scan; ``""``: any other column, the day's first scan)
    rows: dict[str, npt.NDArray[np.int64]] | None = None
    #: a frame's rows read, by their position in the frame given: its all-blank rows are
    #: skipped as a file's are (review 146); None: every row
    kept: npt.NDArray[np.int64] | None = None

    def source(self, rows: npt.NDArray[np.int64], column: str | None) -> npt.NDArray[np.int64]:
        """The rows of the file (or frame) ``rows`` of the log come from, for ``column``."""
        if self.rows is None or not len(rows):
            return self.frame_rows(rows)
        return self.frame_rows(self.rows.get(column or "", self.rows[""])[rows])

    def frame_rows(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """A frame's rows read as their positions in the frame given (blank rows skipped)."""
        if self.raw is not None or self.kept is None or not len(rows):
            return rows
        return self.kept[rows]

    def label(
        self, rows: npt.NDArray[np.int64], column: str | None = None
    ) -> npt.NDArray[np.int64]:
        """The row number a person sees: the file's, or the frame's 0-based position."""
        return self.raw_label(self.source(rows, column))

    def raw_label(self, rows: npt.NDArray[np.int64]) -> npt.NDArray[np.int64]:
        """:meth:`label` of rows of the file (or frame) itself."""
        if self.raw is None:
            return rows
        return np.asarray(self.raw.row_numbers, dtype=np.int64)[rows] if len(rows) else rows

    def location(self, row: int, column: str | None) -> str | None:
        """Where a person finds ``row`` (0-based) and ``column``: a file's sheet or file,
        row and column letter; None for a frame (the Problem names table, row, column)."""
        if self.raw is None:
            return None
        at = int(self.source(np.array([row], dtype=np.int64), column)[0])
        return self.raw.location(at, self.positions.get(column) if column else None)

    def locations(self, rows: npt.NDArray[np.int64], column: str | None, lang: Lang) -> pd.Series:
        """:meth:`location` of many rows of one column at once, as :meth:`Problem.where`
        says it (a frame's: ``tabel log, baris 8, kolom nip``)."""
        numbers = pd.Series(self.label(rows, column)).astype(str)
        if self.raw is None:
            table, row, col = PLACE_WORDS[lang]
            tail = f", {col} {column}" if column else ""
            return f"{table} {LOG_TABLE}, {row} " + numbers + tail
        before, after = self.raw.around(self.positions.get(column) if column else None)
        return before + numbers + after


def row_problems(batches: list[Batch], located: Located, cells: LogCells) -> list[Problem]:
    """One Problem per rejected row and reason, located where a person finds the cell: for
    the faults (a strict error lists them); a month's rejected rows are :func:`rejected_frame`."""
    out: list[Problem] = []
    nips = cells.nip.to_numpy(dtype=object)
    for b in batches:
        if b.rows is None:
            continue
        shown_rows = located.source(b.rows, b.column).tolist()
        for j, row in enumerate(b.rows.tolist()):
            fields = dict(b.fields)
            fields.update({k: v[j] for k, v in b.row_fields.items()})
            value = None if b.values is None else b.values[j]
            out.append(
                Problem(
                    LOG_TABLE,
                    b.code,
                    row=shown_rows[j],
                    column=b.column,
                    value=_shown(value),
                    key=nips[row] if isinstance(nips[row], str) else None,
                    fields=fields,
                    location=located.location(row, b.column),
                )
            )
    return out


def _shown(value: Any) -> Any:
    from tukin.io._cells import text_of

    if value is None or (isinstance(value, float) and value != value):
        return None
    return value if isinstance(value, str | int) else text_of(value)


_REJECTED = ["row", "location", "nip", "column", "value", "code", "message"]


def rejected_frame(
    batches: list[Batch], located: Located, cells: LogCells, lang: Lang
) -> pd.DataFrame:
    """Every rejected row and reason, in row order: built a batch (one code) at a time, each
    message rendered once per distinct value and fields, never once per row: a log of a
    quarter tallied for one month rejects two rows in three (another month's)."""
    parts: list[pd.DataFrame] = []
    nips = cells.nip.to_numpy(dtype=object)
    for b in batches:
        if b.rows is None or not len(b.rows):
            continue
        rows = b.rows
        raw = pd.Series(b.values if b.values is not None else [None] * len(rows), dtype=object)
        codes, uniques = pd.factorize(raw, use_na_sentinel=True)
        shown = np.array([_shown(u) for u in uniques] + [None], dtype=object)[codes]
        keyed = pd.DataFrame({"value": pd.Series(shown, dtype=object).astype(str)})
        for name, values in b.row_fields.items():
            keyed[name] = pd.Series(values, dtype=object).astype(str)
        group = keyed.groupby(list(keyed.columns), sort=False, dropna=False).ngroup().to_numpy()
        first = np.unique(group, return_index=True)[1]
        said = []
        for at in first.tolist():
            fields = dict(b.fields)
            fields.update({k: v[at] for k, v in b.row_fields.items()})
            problem = Problem(LOG_TABLE, b.code, column=b.column, value=shown[at], fields=fields)
            said.append(problem.message(lang))
        parts.append(
            pd.DataFrame(
                {
                    "row": located.label(rows, b.column),
                    "location": located.locations(rows, b.column, lang).to_numpy(dtype=object),
                    "nip": nips[rows],
                    "column": b.column,
                    "value": shown,
                    "code": b.code,
                    "message": np.asarray(said, dtype=object)[group],
                    "_at": rows,
                }
            )
        )
    if not parts:
        return pd.DataFrame({c: pd.Series([], dtype=object) for c in _REJECTED})
    frame = pd.concat(parts, ignore_index=True).sort_values("_at", kind="stable")
    return frame[_REJECTED].reset_index(drop=True)


def withheld_frame(
    nips: npt.NDArray[np.object_],
    rejected_rows: npt.NDArray[np.int64],
    withheld: npt.NDArray[np.bool_],
    unclaimed: npt.NDArray[np.bool_],
    dates: npt.NDArray[np.datetime64],
    lang: Lang,
    *,
    no_rows: npt.NDArray[np.bool_],
    working_days: npt.NDArray[np.int64],
    period: str,
    roster_gaps: npt.NDArray[np.bool_] | None = None,
) -> pd.DataFrame:
    """The employees left without an attendance row, with how many of their rows failed,
    the reason's ``code`` and its message: a row of theirs rejected
    (``log_employee_withheld``); no row at all in the month (``no_rows``, with the number of
    working days in service: ``log_employee_no_rows``, the NIP and month named); else the
    days (``unclaimed``: employees × days) a row without a readable NIP may be theirs
    (``log_employee_unclaimed``); or working days a roster naming them leaves out
    (``roster_gaps``, employees × days: ``log_roster_gap``). A log cut short withholds thousands for no rows: their
    message is rendered once per number of days and the NIP put in, not rendered each."""
    at = np.flatnonzero(withheld)
    said: list[str] = []
    codes: list[str] = []
    blank = "\x00"
    no_rows_said: dict[int, str] = {}
    gaps = np.zeros_like(unclaimed) if roster_gaps is None else roster_gaps
    for i in at.tolist():
        if rejected_rows[i] or not (no_rows[i] or unclaimed[i].any() or gaps[i].any()):
            codes.append("log_employee_withheld")
            said.append(render("log_employee_withheld", lang, n=int(rejected_rows[i])))
        elif no_rows[i]:
            n = int(working_days[i])
            if n not in no_rows_said:
                no_rows_said[n] = render(
                    "log_employee_no_rows", lang, nip=blank, days=n, period=period
                )
            codes.append("log_employee_no_rows")
            said.append(no_rows_said[n].replace(blank, str(nips[i])))
        elif gaps[i].any():
            days = np.datetime_as_string(dates[gaps[i]]).tolist()
            shown = ", ".join(days[:5]) + (" …" if len(days) > 5 else "")
            codes.append("log_roster_gap")
            said.append(render("log_roster_gap", lang, value=shown, days=len(days)))
        else:
            days = np.datetime_as_string(dates[unclaimed[i]]).tolist()
            shown = ", ".join(days[:5]) + (" …" if len(days) > 5 else "")
            codes.append("log_employee_unclaimed")
            said.append(render("log_employee_unclaimed", lang, value=shown))
    return pd.DataFrame(
        {
            "nip": nips[at],
            "rejected_rows": rejected_rows[at].astype(np.int64),
            "code": pd.Series(codes, dtype=object),
            "message": pd.Series(said, dtype=object),
        }
    )


_OUTCOME_WORDS = {
    "row_rejected": (
        "log row rejected: not counted, employee withheld",
        "baris log ditolak: tidak dihitung, pegawai ditahan",
    ),
    "holiday": ("holiday: not counted", "hari libur: tidak dihitung"),
    "not_working_day": ("not a working day: not counted", "bukan hari kerja: tidak dihitung"),
    "out_of_service": (
        "outside the employee's service: not counted",
        "di luar masa tugas pegawai: tidak dihitung",
    ),
    "status": ("day status", "status hari"),
    "no_record": ("no record on a working day", "tidak ada catatan pada hari kerja"),
    "no_check_in": ("no check-in", "tidak absen masuk"),
    "no_check_out": ("no check-out", "tidak absen pulang"),
    "present": ("present", "hadir"),
}


def day_frame(
    judged: Judged,
    days: Days,
    people_text: npt.NDArray[np.object_],
    shown_row: npt.NDArray[np.int64],
    cells: LogCells,
    labels: Callable[[npt.NDArray[np.int64]], npt.NDArray[np.int64]],
    lang: Lang,
    day_rows: Callable[[npt.NDArray[np.int64]], tuple[Any, Any, Any, Any]] | None = None,
    plan: Any = None,
) -> pd.DataFrame:
    """The days behind the counts: each working day in service, and each day a row names
    (``shown_row``: per cell, the log row it comes from, accepted or rejected; -1 none).
    ``day_rows``: a punch log joined with a status file (:mod:`tukin.daylog.joined`):
    ``row`` is then the first scan's row and ``status_row`` the status file's."""
    n_days = len(days.dates)
    serving = judged.outcome != OUTCOMES.index("out_of_service")
    working = days.working[np.tile(np.arange(n_days), len(people_text))]
    if plan is not None:  # a roster: the days of a shift (:mod:`tukin.daylog.roster`)
        working = plan.working
    include = np.flatnonzero((shown_row >= 0) | (working & serving))
    emp, day = include // n_days, include % n_days
    row = shown_row[include]
    has = row >= 0
    safe = np.where(has, row, 0)
    outcome = judged.outcome[include].astype(np.int64)
    combo_of, words = _combinations(judged.slots[:, include], judged.codes)
    i = 1 if lang == "id" else 0
    late, early = judged.late[include], judged.early[include]
    status = np.full(len(include), None, dtype=object)
    status[has] = cells.status_given.to_numpy(dtype=object)[row[has]]
    frame = pd.DataFrame(
        {
            "nip": _categorical(emp, list(people_text)),
            "date": days.dates[day],
            "scheduled": _coded(np.asarray(days.hours_text, dtype=object), day)
            if plan is None
            else _coded(np.asarray(plan.texts, dtype=object), plan.text[include]),
            "check_in": _times(np.where(has, cells.check_in[safe], -1) if len(cells) else row),
            "check_out": _times(np.where(has, cells.check_out[safe], -1) if len(cells) else row),
            "status": status,
            "late_minutes": pd.arrays.IntegerArray(np.maximum(late, 0), late < 0),
            "early_minutes": pd.arrays.IntegerArray(np.maximum(early, 0), early < 0),
            "outcome": _categorical(outcome, list(OUTCOMES)),
            "codes": _categorical(combo_of, words),
            "explanation": _categorical(outcome, [_OUTCOME_WORDS[o][i] for o in OUTCOMES]),
            "row": pd.arrays.IntegerArray(labels(safe).astype(np.int64), ~has),
        }
    )
    if day_rows is not None:
        scan, has_scan, status_at, has_status = day_rows(safe)
        frame["row"] = pd.arrays.IntegerArray(scan.astype(np.int64), ~(has & has_scan))
        frame["status_row"] = pd.arrays.IntegerArray(
            status_at.astype(np.int64), ~(has & has_status)
        )
    if cells.scans is not None:  # a punch log: how many scans each day had
        scans = np.where(has, cells.scans[safe], 0) if len(cells) else row
        columns = list(frame.columns)
        frame["scans"] = pd.arrays.IntegerArray(scans.astype(np.int64), ~has)
        frame = frame[
            [*columns[: columns.index("status")], "scans", *columns[columns.index("status") :]]
        ]
    return frame


def _categorical(codes: npt.NDArray[np.int64], categories: list[Any]) -> pd.Categorical:
    """A categorical of ``codes`` into ``categories`` (object values: NIPs stay text)."""
    return pd.Categorical.from_codes(  # type: ignore[return-value]
        codes, dtype=pd.CategoricalDtype(pd.Index(categories, dtype=object))
    )


def _coded(values: npt.NDArray[np.object_], codes: npt.NDArray[np.int64]) -> pd.Categorical:
    """``values[codes]`` as a categorical: each distinct text once, however many rows."""
    uniques, inverse = np.unique(values.astype(str), return_inverse=True)
    return _categorical(np.asarray(inverse).reshape(-1)[codes], list(uniques))


def _times(seconds: npt.NDArray[np.int64]) -> pd.Categorical:
    """Seconds after midnight as ``hh:mm:ss`` text ('' none), each distinct time once: the
    times of a day are at most 86,400, so they are placed in slots, not sorted."""
    present = np.zeros(max(86_400, int(seconds.max(initial=0)) + 1) + 1, dtype=bool)
    present[seconds + 1] = True
    slot = np.cumsum(present) - 1
    return _categorical(slot[seconds + 1], [clock(int(s)) for s in np.flatnonzero(present) - 1])


def _combinations(
    slots: npt.NDArray[np.int16], codes: tuple[str, ...]
) -> tuple[npt.NDArray[np.int64], list[str]]:
    """Each cell's codes as one number (the slots as digits), its distinct values found, and
    the text of each (``tl2 psw1``)."""
    base = len(codes) + 1
    key = np.zeros(slots.shape[1], dtype=np.int64)
    for row in slots:
        key = key * base + (row.astype(np.int64) + 1)
    uniques, inverse = np.unique(key, return_inverse=True)
    words = []
    for value in uniques.tolist():
        digits = []
        for _ in range(len(slots)):
            value, digit = divmod(value, base)
            digits.append(digit)
        words.append(" ".join(codes[d - 1] for d in reversed(digits) if d > 0))
    return np.asarray(inverse, dtype=np.int64).reshape(-1), words
