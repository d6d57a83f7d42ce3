"""The daily attendance log as read: its columns settled, its cells typed, every bad cell found.

A log comes from a fingerprint machine's export or an e-absensi app: one row per employee and
day, with the check-in and check-out time (blank: no record) and maybe a day status. Its
headers are a clerk's (``Jam Masuk``, ``Tgl``, ``Keterangan``), so they are compared as the
data readers compare theirs (:func:`tukin.io._aliases.header_key`): a header naming a column
another way is read as it, one that only resembles a column (``Jam Masukk``) is refused
rather than guessed, and any other column is left out and named (``ignored``).

Cells are judged column by column, each distinct value once (a month holds a few thousand
distinct times and thirty-one dates, however many rows). A time is ``07:31``, ``07.31``,
``07:31:20``, ``7:31 AM`` / ``4:05 PM`` (an English-locale export), a time cell, or a date-time on the row's own day; a bare number is refused (a
time cell that lost its format: 0.3132 is 07:31 only if someone says so), and so is ``0.35``,
which reads as 00:35 only by taking a day's fraction (08:24) for a time (review 96: it was
read so, a late arrival on time), as is text that is no time. Nothing unreadable becomes a zero or a blank.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from tukin._coerce import Batch, as_text, batch, coerce_nip
from tukin.contract import Column
from tukin.errors import Problem
from tukin.io._aliases import header_key, resembles
from tukin.io._cells import CellIssue

__all__ = [
    "LOG_COLUMNS",
    "LOG_TABLE",
    "USUAL_AT_WORK",
    "USUAL_STATUSES",
    "LogCells",
    "parse_times",
    "settle_log_columns",
    "typed_log",
    "unread_status_columns",
]

#: The table name problems of the log carry.
LOG_TABLE = "log"
#: The log's columns: the first four are required, ``status`` is optional.
LOG_COLUMNS = ("nip", "date", "check_in", "check_out", "status")
_REQUIRED = LOG_COLUMNS[:4]
#: Other spellings of each column (compared as :func:`header_key` gives them).
_SPELLINGS: dict[str, tuple[str, ...]] = {
    "nip": ("nip", "nip baru", "nip pegawai", "nomor induk pegawai"),
    "date": (
        "date",
        "tanggal",
        "tanggal absen",
        "tanggal presensi",
        "tanggal kehadiran",
        "hari tanggal",
    ),
    "check_in": (
        "check in",
        "checkin",
        "jam masuk",
        "masuk",
        "scan masuk",
        "absen masuk",
        "waktu masuk",
        "presensi masuk",
        "jam datang",
        "datang",
        "time in",
    ),
    "check_out": (
        "check out",
        "checkout",
        "jam pulang",
        "pulang",
        "scan pulang",
        "absen pulang",
        "waktu pulang",
        "presensi pulang",
        "jam keluar",
        "keluar",
        "time out",
    ),
    "status": (
        "status",
        "keterangan",
        "status kehadiran",
        "status hari",
        "kehadiran",
        "day status",
        "jenis kehadiran",
        # an e-absensi app's column of the day's exception (sakit, izin, cuti): review 99
        "pengecualian",
        "status absen",
        "status absensi",
        "status presensi",
        "keterangan absen",
        "keterangan absensi",
        "keterangan kehadiran",
        "keterangan presensi",
        "jenis absen",
        "jenis absensi",
    ),
}
#: Day statuses an attendance log usually holds, in the compared form
#: (:func:`tukin.daylog.schedule.status_key`), beside those a schedule lists: a column the
#: log does not read that mostly holds them is a status column under another header
#: (``Alasan``), whose statuses would be lost (:func:`unread_status_columns`).
USUAL_STATUSES = (
    "sakit",
    "izin",
    "ijin",
    "cuti",
    "dinas luar",
    "dinas dalam",
    "tugas belajar",
    "tugas luar",
    "diklat",
    "hadir",
    "terlambat",
    "pulang cepat",
    "alpa",
    "alpha",
    "alfa",
    "mangkir",
    "tanpa keterangan",
    "tk",
    "wfh",
)
#: Of :data:`USUAL_STATUSES` and beside a schedule's ``present``, the words that say the
#: employee was at work (an app's verdict on the check-in or check-out): on a row with a
#: time, the times say as much (:func:`unread_status_columns`).
USUAL_AT_WORK = ("hadir", "terlambat", "pulang cepat", "wfh")
_KEYS = {
    column: tuple(header_key(s) for s in spellings) for column, spellings in _SPELLINGS.items()
}
_NIP = Column("nip", "nip", "Employee.")
_NIL = frozenset({"-", "\u2013", "\u2014"})
_TIME = (
    r"^(?:(\d{4}-\d{2}-\d{2})[ T])?(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:\.\d+)?)?"
    r"(?:\s*([AaPp])\.?\s*[Mm]\.?)?$"  # 7:31 AM, 4:05 p.m.: an English-locale export
)
_DAY_SECONDS = 86_400
#: Text that reads as a time only by taking a decimal for one: ``0.35`` is what a time cell
#: that lost its format shows (0.35 of a day is 08:24), not a check-in at 00:35.
_FRACTION = r"0\.\d{2}"


def header_column(
    text: object, known: Mapping[str, Any], problems: list[Problem], ignored: list[str]
) -> str | None:
    """The log column a header names among ``known`` (column -> its header keys), or None:
    a header resembling one (a typo) is a problem (``unknown_header``), any other filled
    header is left out and named in ``ignored`` (never silently). The day log's and the punch
    log's headers are read alike."""
    key = header_key(text)
    column = next((c for c, keys in known.items() if key in keys), None)
    if column is None:
        near = resembles(text, known)
        if near is not None and not near[1]:
            problems.append(
                Problem(
                    LOG_TABLE, "unknown_header", value=str(text), fields={"suggestion": near[0]}
                )
            )
        elif key:
            ignored.append(str(text))
    return column


def settle_log_columns(headers: list[Any]) -> tuple[list[str | None], list[Problem], list[str]]:
    """Each header's log column (None: not read), the problems (a missing column, a header
    resembling one, a column given twice) and the headers left out (named, never silently)."""
    named: list[str | None] = []
    problems: list[Problem] = []
    ignored: list[str] = []
    for text in headers:
        column = header_column(text, _KEYS, problems, ignored)
        if column is not None and column in named:
            # a machine's export holds the scheduled hours (Jam Masuk) beside the scans (Scan
            # Masuk): both headers named, so that the clerk keeps the scans (review 96)
            first = str(headers[named.index(column)])
            problems.append(
                Problem(
                    LOG_TABLE,
                    "log_column_twice",
                    column=column,
                    value=first,
                    fields={"other": str(text)},
                )
            )
            column = None
        named.append(column)
    for column in _REQUIRED:
        if column not in named:
            problems.append(Problem(LOG_TABLE, "missing_column", column=column))
    return named, problems, ignored


def unread_status_columns(
    columns: list[tuple[str, pd.Series, str | None]],
    statuses: frozenset[str],
    present: frozenset[str] = frozenset(),
    read: pd.DataFrame | None = None,
) -> list[Problem]:
    """A problem (``log_status_column_unread``) for each column the log does not read whose
    filled cells are mostly day statuses: cells that begin with one of ``statuses``
    (compared form; one of more than two words, with its first two): ``Sakit``,
    ``cuti tahunan``, ``Dinas Luar Kota``, not ``Dinas Pendidikan``. ``columns``: (header, cells, where the column
    is: None for a frame). Review 99: such a column (``Alasan``, ``Pengecualian``) was only
    named among the columns not read, and its days counted no record: TK. Each distinct
    cell is compared once.

    Only the cells whose status would be lost are judged (review 101): ``read``, the log's
    read columns in the same row order, sets aside the rows whose read status cell is
    filled (a reason column beside it: ``Alasan`` Sakit demam where Keterangan says sakit),
    and ``present`` words (at work: Hadir, Terlambat, Pulang Cepat, an app's verdict on the
    check-in or check-out) on rows with a time, which the times say already."""
    singles = {s for s in statuses | present if s and " " not in s}
    pairs = {" ".join(s.split()[:2]) for s in statuses | present if " " in s}
    at_work_singles = {s for s in present if s and " " not in s}
    at_work_pairs = {" ".join(s.split()[:2]) for s in present if " " in s}
    rows: list[npt.NDArray[np.bool_]] = []  # read rows' status kept, time given: once

    def kept_and_timed() -> tuple[npt.NDArray[np.bool_], npt.NDArray[np.bool_]]:
        if not rows and read is not None:
            none = np.zeros(len(read), dtype=bool)
            kept = _filled_rows(read["status"]) if "status" in read else none
            timed = none.copy()
            for side in ("check_in", "check_out"):
                if side in read:
                    timed |= _filled_rows(read[side])
            rows.extend((kept, timed))
        return rows[0], rows[1]

    out: list[Problem] = []
    for header, cells, where in columns:
        codes, uniques = pd.factorize(_hashable(cells), use_na_sentinel=True)
        text = as_text(pd.Series(np.asarray(uniques, dtype=object), dtype=object))
        filled = (text.notna() & ~text.isin(_NIL)).to_numpy(dtype=bool)
        # the first two words of each distinct text, as status_key separates words, all at
        # once: a column of names holds 50,000 distinct texts
        words = text.where(filled, "").str.lower().str.extract(_TWO_WORDS)
        pair = words[0] + " " + words[1]
        first = words[0]
        known = filled & (first.isin(singles) | pair.isin(pairs)).to_numpy(dtype=bool)
        at_work = known & (first.isin(at_work_singles) | pair.isin(at_work_pairs)).to_numpy(
            dtype=bool
        )
        per_value = np.bincount(codes[codes >= 0], minlength=len(uniques))
        hits, total = int(per_value[known].sum()), int(per_value[filled].sum())
        if not total or hits * 2 <= total:
            continue  # blank, or mostly other things: names, notes, a shift
        if read is not None:  # the rows whose status nothing else the log reads keeps
            kept, timed = kept_and_timed()
            judged = (codes >= 0) & ~kept & ~(at_work[codes] & timed)
            per_value = np.bincount(codes[judged], minlength=len(uniques))
            hits, total = int(per_value[known].sum()), int(per_value[filled].sum())
            if not total or hits * 2 <= total:
                continue
        found = [str(text.iloc[i]) for i in np.flatnonzero(known & (per_value > 0))[:5].tolist()]
        out.append(
            Problem(
                LOG_TABLE,
                "log_status_column_unread",
                value=header,
                fields={"count": hits, "statuses": found},
                location=where,
            )
        )
    return out


_TWO_WORDS = r"^[\s_\-.]*([^\s_\-.]+)(?:[\s_\-.]+([^\s_\-.]+))?"


def _filled_rows(cells: pd.Series) -> npt.NDArray[np.bool_]:
    """Per row, whether the cell holds something (not blank, not ``-``), each distinct
    cell judged once."""
    codes, uniques = pd.factorize(_hashable(cells), use_na_sentinel=True)
    text = as_text(pd.Series(np.asarray(uniques, dtype=object), dtype=object))
    filled = np.append((text.notna() & ~text.isin(_NIL)).to_numpy(dtype=bool), False)
    return filled[codes]  # codes -1 (blank) reads the appended False


@dataclass
class LogCells:
    """The log's columns typed, one entry per row as given; ``problems`` the bad cells."""

    nip: pd.Series  # text, null where blank or bad
    nip_int: npt.NDArray[np.int64]  # 0 where bad
    date: npt.NDArray[np.datetime64]  # datetime64[D], NaT where blank or bad
    check_in: npt.NDArray[np.int64]  # seconds after midnight, -1 blank or bad
    check_out: npt.NDArray[np.int64]
    status: pd.Series  # compared form (status_key), null where blank
    status_given: pd.Series  # as written
    problems: list[Batch] = field(default_factory=list)
    #: a punch log's day rows (:mod:`tukin.daylog.punch`): whether the day's one scan is
    #: neither mark (``single_scan: none``), and how many scans the day had
    no_marks: npt.NDArray[np.bool_] | None = None
    scans: npt.NDArray[np.int64] | None = None

    def __len__(self) -> int:
        return len(self.nip_int)


def typed_log(
    frame: pd.DataFrame, refused: dict[str, dict[int, CellIssue]] | None = None
) -> LogCells:
    """Type a log frame whose columns are the log's names (:data:`LOG_COLUMNS`).

    ``refused``: per column, the rows whose cell a workbook reader refused already (a cell
    under merged cells, an Excel error, a formula never calculated: blank in ``frame``),
    each a problem of its own code."""
    frame = frame.reset_index(drop=True)
    n = len(frame)
    problems: list[Batch] = []
    for column, issues in (refused or {}).items():
        for code in sorted({i.code for i in issues.values()}):
            rows = np.array(sorted(r for r, i in issues.items() if i.code == code), np.int64)
            values = np.array([issues[r].value for r in rows.tolist()], dtype=object)
            problems.append(Batch(LOG_TABLE, code, column, rows, values))
    raw_nip, lost = _spreadsheet_nips(frame["nip"])
    problems += lost
    nips = coerce_nip(LOG_TABLE, _NIP, raw_nip)
    problems += nips.problems
    blank = nips.null.copy()
    for b in lost:
        blank[b.rows] = False  # refused as a number, not blank
    problems += batch(LOG_TABLE, "required_value", "nip", blank, frame["nip"])
    nip_int = (
        nips.ints.to_numpy(dtype=np.int64, na_value=0)
        if nips.ints is not None
        else np.zeros(n, np.int64)
    )
    days, bad_day, blank_day, said = _dates(frame["date"])
    problems += _issues("date", frame["date"], bad_day, fields=said)
    problems += batch(LOG_TABLE, "required_value", "date", blank_day, frame["date"])
    times = {}
    for column in ("check_in", "check_out"):
        seconds, issue, on_day = parse_times(frame[column])
        other = ~np.isnat(on_day) & ~np.isnat(days) & (on_day != days)
        issue = np.where((issue == "") & other, "time_other_day", issue)
        seconds = np.where(issue == "", seconds, -1)
        problems += _issues(column, frame[column], issue, days=days)
        times[column] = seconds
    given = frame["status"] if "status" in frame else pd.Series([None] * n, dtype=object)
    status_text = as_text(given.astype(object).where(given.notna(), None))
    status_text = status_text.where(~status_text.isin(_NIL))  # "-": no status, as a time's "-"
    from tukin.daylog.schedule import status_key

    codes, uniques = pd.factorize(status_text, use_na_sentinel=True)
    keyed = pd.Series([status_key(u) for u in uniques] + [None], dtype=object)
    status = pd.Series(keyed.to_numpy()[codes], dtype=object)
    return LogCells(
        nips.values,
        nip_int,
        days,
        times["check_in"],
        times["check_out"],
        status,
        status_text,
        problems,
    )


def _spreadsheet_nips(raw: pd.Series) -> tuple[pd.Series, list[Batch]]:
    """The NIP cells a spreadsheet turned into numbers, found as the data readers find them
    (:func:`tukin.io._cells.to_nip`): a float, a whole number ending in the zeros Excel put
    after its 15 digits, or text in scientific notation (``1.99001E+17``) is
    ``nip_as_number`` (refused, the way out said), and such a cell is blank for
    :func:`coerce_nip`; text loses the marker ``'`` a clerk typed to keep it text. Review 96:
    these were ``invalid_nip`` ("not 18 digits") at best, and a whole number with the zeros
    was read as that NIP, another employee's or nobody's. A column of floats is left to
    :func:`coerce_nip` (``nip_column_float`` names the way out for a frame)."""
    from tukin.io._cells import to_nip

    if pd.api.types.is_float_dtype(raw.dtype) or pd.api.types.is_bool_dtype(raw.dtype):
        return raw, []
    codes, uniques = pd.factorize(_hashable(raw), use_na_sentinel=True)
    kept = np.empty(len(uniques) + 1, dtype=object)  # the last: a blank cell's
    kept[:-1] = np.asarray(uniques, dtype=object)
    lost = np.zeros(len(kept), dtype=bool)
    shown = np.full(len(kept), None, dtype=object)
    # the usual NIP, 18 digits as text, is skipped (a number of 18 digits is not: it may
    # end in Excel's zeros)
    if raw.dtype == "str":
        text = np.ones(len(uniques), dtype=bool)
    else:
        text = np.fromiter((isinstance(v, str) for v in kept[:-1]), bool, len(uniques))
    plain = text.copy()
    plain[text] = (
        pd.Series(kept[:-1][text], dtype=object)
        .str.fullmatch(r"\d{18}")
        .to_numpy(dtype=bool, na_value=False)
    )
    changed = False
    for i in np.flatnonzero(~plain).tolist():
        value = kept[i]
        if isinstance(value, np.generic):
            value = value.item()
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            continue
        read, issue = to_nip(value)
        if issue is not None:
            lost[i], shown[i], changed = True, issue.value, True
        elif isinstance(value, str) and read != value:
            kept[i], changed = read, True
    if not changed:
        return raw, []
    mask = lost[codes]
    values = kept[codes]
    values[mask] = None
    found = batch(LOG_TABLE, "nip_as_number", "nip", mask, pd.Series(shown[codes], dtype=object))
    return pd.Series(values, dtype=object), found


def _dates(
    raw: pd.Series,
) -> tuple[
    npt.NDArray[np.datetime64],
    npt.NDArray[np.object_],
    npt.NDArray[np.bool_],
    dict[str, npt.NDArray[np.object_]],
]:
    """Each row's day, the code of its problem ('' none), whether it was blank, and the
    fields its problem's message names (per row, None where it has none); each distinct
    cell judged once by the readers' date rules: :func:`tukin.io._cells.to_date`, and
    :func:`tukin.io._cells.month_first_dates` over the column (a US-locale export's
    ``10/13/2025`` says its ``10/3/2025`` is 3 October as much as 10 March: refused, as the
    data readers refuse it; review 96 found it read as 10 March, a row of another month)."""
    from tukin.io._cells import month_first_dates, to_date

    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        stamps = raw.dt.tz_localize(None) if getattr(raw.dt, "tz", None) is not None else raw
        days = stamps.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
        blank = np.isnat(days)
        return days, np.full(len(raw), "", dtype=object), blank, {}
    codes, uniques = pd.factorize(_hashable(raw), use_na_sentinel=True)
    u_day = np.full(len(uniques) + 1, np.datetime64("NaT"), dtype="datetime64[D]")
    u_issue = np.full(len(uniques) + 1, "", dtype=object)
    u_blank = np.zeros(len(uniques) + 1, dtype=bool)
    u_blank[-1] = True
    u_fields: dict[str, npt.NDArray[np.object_]] = {}
    values = list(uniques)
    for i, value in enumerate(values):
        if isinstance(value, pd.Timestamp):
            value = value.to_pydatetime()
        if isinstance(value, str) and value.strip() in _NIL:
            value = ""
        day, issue = to_date(value)
        if issue is not None:
            u_issue[i] = issue.code
            for name, said in issue.fields.items():
                u_fields.setdefault(name, np.full(len(uniques) + 1, None, dtype=object))[i] = said
        elif day is None:
            u_blank[i] = True
        else:
            u_day[i] = np.datetime64(day, "D")
    # judged over the cells, as the readers judge a column (a date is a day of every employee)
    counts = np.bincount(codes[codes >= 0], minlength=len(uniques)).tolist()
    for i, issue in month_first_dates(values, counts).items():
        u_issue[i], u_day[i] = issue.code, np.datetime64("NaT")
        for name, said in issue.fields.items():
            u_fields.setdefault(name, np.full(len(uniques) + 1, None, dtype=object))[i] = said
    fields = {name: said[codes] for name, said in u_fields.items()}
    return u_day[codes], u_issue[codes], u_blank[codes], fields


def _hashable(raw: pd.Series) -> pd.Series:
    """``raw`` as factorize takes it fastest: text as it is (Arrow text hashes in C; made
    objects, a million cells are a million Python strings), anything else as objects."""
    return raw if raw.dtype == "str" else raw.astype(object)


def parse_times(
    raw: pd.Series,
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.object_], npt.NDArray[np.datetime64]]:
    """Seconds after midnight per row (-1 blank), the problem code per row ('' none:
    ``invalid_time``, ``time_as_number``) and the day a date-time cell names (NaT: none).

    Each distinct value is read once; text by one vectorised pattern over the distinct texts.
    """
    n = len(raw)
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        stamps = raw.dt.tz_localize(None) if getattr(raw.dt, "tz", None) is not None else raw
        ns = stamps.to_numpy(dtype="datetime64[ns]")
        day = ns.astype("datetime64[D]")
        secs = np.where(np.isnat(ns), -1, (ns - day).astype("timedelta64[s]").astype(np.int64))
        return secs, np.full(n, "", dtype=object), day
    if pd.api.types.is_numeric_dtype(raw.dtype) and not pd.api.types.is_bool_dtype(raw.dtype):
        blank = raw.isna().to_numpy()
        issue = np.where(blank, "", "time_as_number").astype(object)
        return (
            np.full(n, -1, np.int64),
            issue,
            np.full(n, np.datetime64("NaT"), dtype="datetime64[D]"),
        )
    codes, uniques = pd.factorize(_hashable(raw), use_na_sentinel=True)
    m = len(uniques)
    u_secs = np.full(m + 1, -1, dtype=np.int64)
    u_issue = np.full(m + 1, "", dtype=object)
    u_day = np.full(m + 1, np.datetime64("NaT"), dtype="datetime64[D]")
    texts: list[int] = []
    for i, value in enumerate(uniques):
        if isinstance(value, str):
            texts.append(i)
        elif isinstance(value, pd.Timestamp | dt.datetime):
            stamp = (
                pd.Timestamp(value).tz_localize(None)
                if pd.Timestamp(value).tz
                else pd.Timestamp(value)
            )
            u_day[i] = np.datetime64(stamp.date(), "D")
            u_secs[i] = stamp.hour * 3600 + stamp.minute * 60 + stamp.second
        elif isinstance(value, dt.time):
            u_secs[i] = value.hour * 3600 + value.minute * 60 + value.second
        elif isinstance(value, pd.Timedelta | dt.timedelta):
            seconds = int(pd.Timedelta(value).total_seconds())
            if 0 <= seconds < _DAY_SECONDS:
                u_secs[i] = seconds
            else:
                u_issue[i] = "invalid_time"
        elif isinstance(value, bool) or not isinstance(value, int | float | Decimal | np.number):
            u_issue[i] = "invalid_time"
        elif value == value:  # a number (NaN is a blank)
            u_issue[i] = "time_as_number"
    if texts:
        at = np.asarray(texts)
        text = as_text(pd.Series([uniques[i] for i in texts], dtype=object))
        blank = text.isna().to_numpy() | text.isin(_NIL).to_numpy()
        parts = text.str.extract(_TIME)
        hours = pd.to_numeric(parts[1], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        minutes = pd.to_numeric(parts[2], errors="coerce").to_numpy(dtype=float, na_value=np.nan)
        secs = pd.to_numeric(parts[3], errors="coerce").fillna(0).to_numpy(dtype=float)
        ok = ~np.isnan(hours) & (hours < 24) & (minutes < 60) & (secs < 60)
        # twelve-hour clock: 12 AM is midnight's hour, 12 PM noon's; 13 PM and 0 AM no time
        half = parts[4].str.lower()
        twelve = half.notna().to_numpy(dtype=bool)
        pm = (half == "p").to_numpy(dtype=bool, na_value=False)
        ok &= ~twelve | ((hours >= 1) & (hours <= 12))
        hours = np.where(twelve, hours % 12 + np.where(pm, 12, 0), hours)
        ok &= ~text.str.fullmatch(_FRACTION).to_numpy(dtype=bool, na_value=False)
        days = pd.to_datetime(parts[0], errors="coerce", format="%Y-%m-%d")
        dated = parts[0].notna().to_numpy()
        ok &= ~(dated & days.isna().to_numpy())
        whole = np.where(ok, hours * 3600 + minutes * 60 + secs, -1).astype(np.int64)
        u_secs[at] = np.where(blank, -1, whole)
        number = (
            pd.to_numeric(text.str.replace(",", ".", regex=False), errors="coerce")
            .notna()
            .to_numpy()
        )
        u_issue[at] = np.where(blank | ok, "", np.where(number, "time_as_number", "invalid_time"))
        u_day[at] = np.where(dated & ok, days.to_numpy(dtype="datetime64[D]"), np.datetime64("NaT"))
    return u_secs[codes], u_issue[codes], u_day[codes]


def _issues(
    column: str,
    raw: pd.Series,
    issue: npt.NDArray[np.object_],
    days: npt.NDArray[np.datetime64] | None = None,
    fields: dict[str, npt.NDArray[np.object_]] | None = None,
) -> list[Batch]:
    """One batch per problem code found in ``issue`` ('' none), each row with the fields
    its message names (``fields``: per row, None where its problem has no such field)."""
    out: list[Batch] = []
    for code in sorted(set(issue.tolist()) - {""}):
        mask = issue == code
        rows = np.flatnonzero(mask).astype(np.int64)
        said: dict[str, npt.NDArray[Any]] = {
            name: values[rows]
            for name, values in (fields or {}).items()
            if not pd.isna(values[rows]).any()
        }
        if code == "time_other_day" and days is not None:
            said["date"] = np.datetime_as_string(days[rows]).astype(object)
        out.append(
            Batch(
                LOG_TABLE,
                code,
                column,
                rows,
                raw.iloc[rows].to_numpy(dtype=object),
                row_fields=said,
            )
        )
    return out
