"""A raw punch log (one row per scan) reduced to the daily log's rows.

What a fingerprint machine (ZKTeco, Solution, Fingerspot) or an absensi app exports first is
one row per scan: the employee (a NIP, or the machine's user id), the date and time of the
scan, and often a state (C/In, C/Out; 0, 1) that people seldom press, so it is not trusted
unless the schedule says so (``punch_state: use``). ZKTeco's ``attlog.dat`` is that without
a header: ``id<TAB>YYYY-MM-DD HH:MM:SS<TAB>...``.

Per employee and date, the first scan is the arrival and the last the departure; a day whose
scans all lie within ``double_scan_minutes`` of the first holds one scan (a double press),
and which mark that one scan is, is the schedule's ``single_scan`` (by default the side of
the day's scheduled midpoint it falls on). The reduction sorts the scans once and takes each
day's first and last on whole arrays (:func:`numpy.lexsort`, ``reduceat``): no Python loop
over scans, employees or days. A scan row with a cell that cannot be read is rejected with
its cell named and withholds its employee, as a daily log's row does: the unread scan may be
the day's arrival.

The day rows made here are :class:`~tukin.daylog.log.LogCells`, judged by the tally as any
daily log's rows; :class:`~tukin.daylog.frames.Located` names, for each of them, the scan row
of the file it comes from (the first scan; the departure scan for the check-out).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from tukin._coerce import Batch, as_text, batch, coerce_nip
from tukin.daylog.files import RawLog
from tukin.daylog.frames import Located, clock
from tukin.daylog.grid import Days
from tukin.daylog.log import (
    _KEYS,
    _NIL,
    _NIP,
    LOG_TABLE,
    LogCells,
    _dates,
    _hashable,
    _issues,
    _spreadsheet_nips,
    header_column,
    parse_times,
)
from tukin.daylog.schedule import Schedule, status_key
from tukin.errors import Lang, Problem
from tukin.io._aliases import header_key
from tukin.model._types import without_invisible

__all__ = [
    "PUNCH_KEYS",
    "SHAPES",
    "Reduced",
    "log_shape",
    "read_ids",
    "reduce_punches",
    "scan_problems",
    "settle_punches",
]

#: The shapes a log can have: a daily log (one row per employee and day, check-in and
#: check-out columns) or a punch log (one row per scan).
SHAPES = ("day", "punch")
_SPELLINGS: dict[str, tuple[str, ...]] = {
    # the machine's user id, which is not a NIP unless the office enrolled NIPs
    "id": (
        "id",
        "no id",
        "nomor id",
        "user id",
        "userid",
        "id user",
        "pin",
        "ac no",
        "ac nomor",
        "nomor absen",
        "no absen",
        "id absen",
        "id mesin",
        "enroll id",
        "enroll number",
        "badgenumber",
        "badge number",
    ),
    # the date and time of the scan in one cell
    "datetime": (
        "tanggal/waktu",
        "tanggal waktu",
        "tanggal/jam",
        "tanggal jam",
        "tgl/jam",
        "tgl/waktu",
        "date time",
        "date/time",
        "datetime",
        "waktu scan",
        "scan",
        "tanggal scan",
        "waktu absen",
        "waktu presensi",
        "check time",
        "checktime",
        "punch time",
        "timestamp",
    ),
    # the time of the scan, beside a date column (alone, read as the date and time)
    "time": ("jam", "waktu", "time", "jam scan", "jam absen", "jam presensi"),
    "state": (
        "status",
        "state",
        "status scan",
        "in/out",
        "i/o",
        "io",
        "check type",
        "checktype",
        "punch state",
        "jenis scan",
        "tipe scan",
    ),
}
#: An id spelling some software gives the machine's number (``ID Mesin`` beside ``No. ID``):
#: read as the user id alone, named among the columns not read beside another id or a NIP
_DEVICE_ID = frozenset({header_key("id mesin")})
#: The punch log's own header spellings (compared as :func:`header_key` gives them); the
#: NIP and the date are read by the daily log's spellings.
PUNCH_KEYS = {c: tuple(header_key(s) for s in spellings) for c, spellings in _SPELLINGS.items()}
_DAY_SIDE = set(_KEYS["check_in"]) | set(_KEYS["check_out"])
_SCAN_SIDE = set(PUNCH_KEYS["datetime"]) | set(PUNCH_KEYS["time"])
#: State cells (compared form): in, out, and the other scans a machine marks (a break,
#: overtime) that are neither mark when the state is used.
_STATE_IN = frozenset({"0", "c/in", "c/masuk", "check in", "checkin", "in", "masuk", "datang"})
_STATE_OUT = frozenset(
    {"1", "c/out", "c/keluar", "c/pulang", "check out", "checkout", "out", "keluar", "pulang"}
)
_STATE_OTHER = frozenset(
    {"2", "3", "4", "5", "break out", "break in", "ot in", "ot out", "overtime in"}
    | {"overtime out", "istirahat", "istirahat keluar", "istirahat masuk", "lembur"}
    | {"lembur masuk", "lembur keluar"}
)
_NOON = 12 * 3600
#: A date then a time (``2025-10-01 07:31:20``, ``01/10/2025 07.31``, ``1 Oktober 2025 7:31
#: AM``): the date part is read by the date rules, the time part by the time rules.
_DATETIME_NAMED = r"^\s*(?P<day>.*?\S)[\sT]+(?P<time>\d{1,2}[:.]\S*(?:\s*[AaPp]\.?\s*[Mm]\.?)?)\s*$"
_DATETIME = re.compile(_DATETIME_NAMED.replace("?P<day>", "").replace("?P<time>", ""))


def log_shape(
    headers: list[Any],
    forced: str | None,
    column: Callable[[int], pd.Series] | None = None,
) -> tuple[str, list[Problem]]:
    """The log's shape by its headers (``forced``: the caller's word, checked against
    them): a punch log names a scan's date-time (or time) and no check-in or check-out
    column; a log naming both is refused, never read one way on a guess, and so is a forced
    shape the headers contradict.

    ``column`` (the cells at a header position) lets the cells speak where the headers name
    both (review 107): a daily export often carries a ``Jam`` / ``Waktu`` / ``Scan`` /
    ``Time`` column that is no scan (a shift name, a count of scans, the scheduled hours, a
    date), which 0.6.0 read past. Such a column counts against the daily shape only if it
    holds scans: most of its filled cells read as times, and some employee's date holds two
    different ones (:func:`_holds_scans`); otherwise the log is a daily log and the column
    is named among those not read."""
    keys = [header_key(h) for h in headers]
    day = [str(h) for h, k in zip(headers, keys, strict=True) if k in _DAY_SIDE]
    scan_at = [j for j, k in enumerate(keys) if k in _SCAN_SIDE]
    scan = [str(headers[j]) for j in scan_at]
    if forced is not None and forced not in SHAPES:
        from tukin.errors import ArgumentError

        raise ArgumentError(code="log_shape_unknown", value=str(forced))
    if forced == "day" and scan and not day:
        return "day", [_shape_problem("log_shape_mismatch", "day", scan)]
    if forced == "punch" and day:
        return "punch", [_shape_problem("log_shape_mismatch", "punch", day)]
    if forced is not None:
        return forced, []
    if day and scan and column is not None:
        scan = [str(headers[j]) for j in scan_at if _holds_scans(headers, j, column)]
        if not scan:
            return "day", []
    if day and scan:
        problem = Problem(
            LOG_TABLE,
            "log_shape_ambiguous",
            value=", ".join(day),
            fields={"other": ", ".join(scan)},
        )
        return "day", [problem]
    return ("punch" if scan else "day"), []


def _holds_scans(headers: list[Any], at: int, column: Callable[[int], pd.Series]) -> bool:
    """Whether the column at ``at`` (a scan header, beside check-in / check-out columns)
    holds one scan per row: most of its filled cells read as a time or a date-time (not
    ``Pagi``, ``2``, ``07:30 - 16:00``, a date alone), and the rows of some NIP and date
    hold two different times, as a log of one row per scan does and a daily log (one row
    per employee and day, the time beside it being the scheduled hours or a total) does
    not. Without a NIP or a date column the rows cannot be told apart: it holds scans."""
    secs, issue, _ = parse_times(column(at))
    read = secs >= 0
    filled = read | (issue != "")
    if not read.any() or 2 * int(read.sum()) <= int(filled.sum()):
        return False
    from tukin.daylog.log import settle_log_columns

    named = settle_log_columns(headers)[0]
    if "nip" not in named or "date" not in named:
        return True
    nip, date = named.index("nip"), named.index("date")
    days = pd.DataFrame(
        {
            "nip": _hashable(column(nip)).to_numpy()[read],
            "date": _hashable(column(date)).to_numpy()[read],
            "time": secs[read],
        }
    ).drop_duplicates()  # an export run twice repeats its rows: no second time
    return bool(days.duplicated(["nip", "date"]).any())


def _shape_problem(code: str, shape: str, headers: list[str]) -> Problem:
    return Problem(LOG_TABLE, code, value=", ".join(headers), fields={"shape": shape})


def _settle(headers: list[Any]) -> tuple[dict[str, int], list[Problem], list[str]]:
    """Each punch column's header position, the problems (a missing column, one given twice,
    a header resembling one) and the headers left out."""
    known = {
        "nip": _KEYS["nip"],
        "date": _KEYS["date"],
        **PUNCH_KEYS,
    }
    positions: dict[str, int] = {}
    problems: list[Problem] = []
    ignored: list[str] = []
    keys = [header_key(h) for h in headers]
    ids = [k for k in keys if k in PUNCH_KEYS["id"] or k in _KEYS["nip"]]
    for j, text in enumerate(headers):
        if keys[j] in _DEVICE_ID and len(ids) > 1:
            ignored.append(str(text))  # beside the person's id: the machine's (review 146)
            continue
        column = header_column(text, known, problems, ignored)
        if column is None:
            continue
        if column in positions:
            problems.append(
                Problem(
                    LOG_TABLE,
                    "log_column_twice",
                    column=column,
                    value=str(headers[positions[column]]),
                    fields={"other": str(text)},
                )
            )
        else:
            positions[column] = j
    if "datetime" not in positions and "time" in positions and "date" not in positions:
        positions["datetime"] = positions.pop("time")  # Waktu alone: the date and time
    if "datetime" in positions:
        pass  # a date or time column beside it (Fingerspot): checked row by row, review 146
    elif "date" in positions and "time" not in positions:
        problems.append(Problem(LOG_TABLE, "missing_column", column="time"))
    elif "date" not in positions:
        problems.append(Problem(LOG_TABLE, "missing_column", column="datetime"))
    if "nip" not in positions and "id" not in positions:
        problems.append(Problem(LOG_TABLE, "missing_column", column="nip"))
    return positions, problems, ignored


# -- the id -> NIP table ----------------------------------------------------------------------


def _id_key(values: pd.Series) -> pd.Series:
    """A machine id as compared: text stripped (an attlog pads it with spaces), a number
    without its leading zeros (``00012`` is user 12), a whole float as its integer."""
    text = as_text(values.astype(object).where(values.notna(), None)).str.strip()
    text = text.str.replace(r"\.0+$", "", regex=True)
    digits = text.str.fullmatch(r"\d+").fillna(False).astype(bool)
    return text.where(~digits, text.str.lstrip("0").replace("", "0"))


#: What an id table's NIP cell says for a user known and not ours (another office's staff on
#: a shared machine): a dash, as offices write *nihil*: hyphen-minus, the hyphens, figure, en
#: and em dash, and the minus sign a copy from a document or a keyboard layout may give
NOT_OURS = frozenset({"-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"})


def _says_not_ours(value: Any) -> bool:
    """Whether an id table's NIP cell is the dash, read as a NIP cell is (review 133): the
    text marker ``'`` and the invisible characters a copy brings dropped (``'-`` was refused
    as "NIP '-' is not 18 digits", naming the dash the docs ask for)."""
    if not isinstance(value, str):
        return False
    return without_invisible(value).strip().removeprefix("'").strip() in NOT_OURS


def read_ids(source: Any, lang: Lang) -> dict[str, str | None]:
    """The machine id -> NIP table: a two-column file (``.xlsx`` or CSV: headers naming the
    id, ``ID`` / ``PIN`` / ``No. ID``, and the NIP), a DataFrame of those columns, or a
    mapping. Every faulty row at once (:class:`~tukin.errors.DatasetValidationError`, table
    ``ids``): a blank or invalid NIP, an id given twice with two NIPs. One NIP may have
    several ids (two machines). A NIP of ``-`` says the id is known and not ours (another
    office's user on a shared machine): mapped to None, its scans set aside without fault
    (``punch_id_not_ours``); a blank NIP stays a fault (forgotten, or not ours?)."""
    from tukin.errors import DatasetValidationError

    if isinstance(source, Mapping):
        frame = pd.DataFrame(
            {"id": list(source.keys()), "nip": list(source.values())}, dtype=object
        )
        where: list[int] | None = None
        place = None
    elif isinstance(source, pd.DataFrame):
        frame, where, place = source, None, None
    else:
        frame, where, place = _ids_file(Path(source), lang)
    cols = {}
    for j, h in enumerate(frame.columns):
        key = header_key(h)
        for column, keys in (("id", PUNCH_KEYS["id"]), ("nip", _KEYS["nip"])):
            if key in keys and column not in cols:
                cols[column] = j
    problems = [
        Problem("ids", "missing_column", column=c, location=place)
        for c in ("id", "nip")
        if c not in cols
    ]
    if problems:
        raise DatasetValidationError(_report(problems, lang), lang=lang)
    ids = _id_key(frame.iloc[:, cols["id"]].reset_index(drop=True))
    given = frame.iloc[:, cols["nip"]].reset_index(drop=True).astype(object)
    not_ours = given.map(_says_not_ours).to_numpy(dtype=bool)
    raw_nip, lost = _spreadsheet_nips(given.where(~not_ours, None))
    nips = coerce_nip("ids", _NIP, raw_nip)
    batches = [replace(b, table="ids") for b in (*lost, *nips.problems)]
    blank_nip = nips.null.copy() & ~not_ours
    for b in lost:
        blank_nip[b.rows] = False
    batches += batch("ids", "required_value", "nip", blank_nip, raw_nip)
    blank_id = ids.isna().to_numpy() | (ids == "").to_numpy(dtype=bool, na_value=True)
    batches += batch("ids", "required_value", "id", blank_id, ids)
    said = nips.values.astype(object).where(~not_ours, "-")  # "-" clashes with a NIP too
    pairs = pd.DataFrame({"id": ids, "nip": said}).dropna()
    clash = pairs.drop_duplicates().duplicated("id", keep=False)
    twice = pairs.index[clash.reindex(pairs.index, fill_value=False).to_numpy(dtype=bool)]
    mask = np.zeros(len(ids), dtype=bool)
    mask[twice.to_numpy()] = True
    batches += batch("ids", "punch_id_twice", "id", mask, ids)
    if batches:
        out: list[Problem] = []
        for b in batches:
            for k, row in enumerate(b.rows.tolist() if b.rows is not None else []):
                shown = row if where is None else where[row]
                value = None if b.values is None else b.values[k]
                out.append(
                    Problem(
                        "ids",
                        b.code,
                        row=shown,
                        column=b.column,
                        value=None if value is None else str(value),
                        fields=dict(b.fields),
                        location=None if place is None else f"{place} {shown}, {b.column}",
                    )
                )
        raise DatasetValidationError(_report(out, lang), lang=lang)
    return {
        i: None if n == "-" else n
        for i, n in zip(pairs["id"].tolist(), pairs["nip"].tolist(), strict=True)
    }


def _ids_file(path: Path, lang: Lang) -> tuple[pd.DataFrame, list[int], str]:
    """The id table's cells (first row: the header), its row numbers and its place."""
    from tukin.errors import InputFileError
    from tukin.io.safe import Limits, check_size

    if not path.is_file():
        raise InputFileError(code="file_not_found", value=str(path))
    limits = Limits()
    rows: list[tuple[int, list[Any]]]
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from tukin.io.excel_read import _load, _rows
        from tukin.io.safe import inspect_xlsx

        inspect_xlsx(path, limits)
        ws = _load(path, data_only=True).worksheets[0]
        rows = [(k + 1, [c.value for c in r]) for k, r in enumerate(_rows(ws))]
        rows = [(n, r) for n, r in rows if any(c not in (None, "") for c in r)]
    else:
        check_size(path, limits)
        from tukin.io.csv_read import read_csv_records

        rows = [(n, list(r)) for n, r in read_csv_records(path, lang)]
    if not rows:
        raise InputFileError(code="log_no_header", value=path.name)
    head = ["" if h is None else str(h) for h in rows[0][1]]
    body = [list(r[: len(head)]) + [None] * (len(head) - len(r)) for _, r in rows[1:]]
    frame = pd.DataFrame(body, columns=head, dtype=object) if body else pd.DataFrame(columns=head)
    word = "baris" if lang == "id" else "row"
    return frame, [n for n, _ in rows[1:]], f"{path.name}, {word}"


def _report(problems: list[Problem], lang: Lang) -> Any:
    from tukin.validation import ValidationReport

    return ValidationReport(problems, lang=lang)


# -- scans ------------------------------------------------------------------------------------


@dataclass
class _Scans:
    nip: pd.Series  # text, null where blank or bad
    nip_int: npt.NDArray[np.int64]
    day: npt.NDArray[np.datetime64]  # NaT where blank or bad
    secs: npt.NDArray[np.int64]  # -1 where blank or bad
    state: npt.NDArray[np.int8]  # 0 in, 1 out, 2 other, -1 not read
    problems: list[Batch]
    unmapped: npt.NDArray[np.bool_]  # an id the table does not map, or maps to no one of ours


def scan_problems(
    source: pd.DataFrame | RawLog, positions: dict[str, int], ids_given: bool, use_state: bool
) -> list[Problem]:
    """What keeps a punch log from being read at all, found before its cells are typed so
    that it is said with its headers' problems: user ids that are not NIPs and no id table
    (``punch_ids_no_map``), an id table and a NIP column (``punch_ids_unused``), the state
    wanted and no state column (``punch_state_missing``)."""
    _, frame, _ = punch_columns(source)
    out: list[Problem] = []
    held = _ids_under_nip(frame[positions["nip"]]) if "nip" in positions else None
    if held is not None and "id" not in positions:
        out.append(Problem(LOG_TABLE, "punch_nip_holds_ids", column="nip", fields=held))
    elif "nip" in positions and ids_given:
        out.append(Problem(LOG_TABLE, "punch_ids_unused", column="nip"))
    elif "nip" not in positions and "id" in positions and not ids_given:
        text = _id_key(frame[positions["id"]]).dropna()
        plain = text.str.fullmatch(r"'?\d{18}").to_numpy(dtype=bool)
        if len(text) and not plain.all():  # ids a machine gave, not NIPs enrolled as ids
            out.append(
                Problem(
                    LOG_TABLE,
                    "punch_ids_no_map",
                    column="id",
                    fields={
                        "count": int(text[~plain].nunique()),
                        "example": str(text[~plain].iloc[0]),
                    },
                )
            )
    if use_state and "state" not in positions:
        out.append(Problem(LOG_TABLE, "punch_state_missing", column="state"))
    return out


def _ids_under_nip(cells: pd.Series) -> dict[str, Any] | None:
    """The count and an example of the machine ids a punch log's NIP column holds, when most
    of its distinct filled cells are short numbers (``7``, ``0012``; a NIP has 18 digits),
    else None. Some machines' software heads the user id ``NIP`` (review 107): read as NIPs,
    every scan was refused as ``invalid_nip``, with no word of the id table, and an id table
    given was refused as unused with the advice to delete that very column."""

    def short_ids(rows: pd.Series) -> tuple[pd.Series, npt.NDArray[np.bool_]]:
        text = _id_key(pd.Series(pd.unique(_hashable(rows)), dtype=object)).dropna()
        text = text[text != ""].drop_duplicates()
        return text, text.str.fullmatch(r"\d{1,12}").to_numpy(dtype=bool)

    # judged on every n-th row first (a month of 3M scans, each NIP 65 times): a NIP column
    # of NIPs costs no pass over all its cells
    step = max(1, len(cells) // 100_000)
    text, short = short_ids(cells.iloc[::step])
    if not len(text) or 2 * int(short.sum()) <= len(text):
        return None
    if step > 1:
        text, short = short_ids(cells)
    return {"count": int(short.sum()), "example": str(text[short].iloc[0])}


def _typed_scans(
    frame: pd.DataFrame,
    positions: dict[str, int],
    ids: dict[str, str | None] | None,
    use_state: bool,
) -> _Scans:
    """The scans' cells typed, each distinct cell once (:func:`scan_problems` passed). The
    scans of an id the table says is not ours are set aside (``punch_id_not_ours``, no
    fault), whatever else their cells hold: no employee of ours is behind them."""
    n = len(frame)
    problems: list[Batch] = []
    unmapped = np.zeros(n, dtype=bool)
    not_ours = np.zeros(n, dtype=bool)
    if "nip" in positions:
        raw = frame[positions["nip"]]
        column = "nip"
    else:
        raw = frame[positions["id"]]
        column = "id"
        keyed = _id_key(raw)
        if ids is not None:
            mapped = keyed.map(ids)
            others = [i for i, nip in ids.items() if nip is None]
            not_ours = keyed.isin(others).to_numpy(dtype=bool)
            unmapped = (keyed.notna() & (keyed != "") & mapped.isna()).to_numpy(dtype=bool)
            unmapped = unmapped & ~not_ours
            problems += batch(LOG_TABLE, "punch_id_unmapped", "id", unmapped, raw)
            raw = mapped.astype(object).where(mapped.notna(), None)
    raw_nip, lost = _spreadsheet_nips(raw.reset_index(drop=True))
    problems += [replace(b, column=column) for b in lost]
    nips = coerce_nip(LOG_TABLE, _NIP, raw_nip)
    problems += [replace(b, column=column) for b in nips.problems]
    blank = nips.null.copy() & ~unmapped & ~not_ours
    for b in lost:
        blank[b.rows] = False
    problems += batch(LOG_TABLE, "required_value", column, blank, raw_nip)
    nip_int = (
        nips.ints.to_numpy(dtype=np.int64, na_value=0)
        if nips.ints is not None
        else np.zeros(n, np.int64)
    )
    if "datetime" in positions:
        day, secs, found = _datetimes(frame[positions["datetime"]])
        found += _disagreeing(frame, positions, day, secs)
    else:
        day, bad_day, blank_day, said = _dates(frame[positions["date"]])
        found = _issues("date", frame[positions["date"]], bad_day, fields=said)
        found += batch(LOG_TABLE, "required_value", "date", blank_day, frame[positions["date"]])
        raw_time = frame[positions["time"]]
        secs, issue, on_day = parse_times(raw_time)
        other = ~np.isnat(on_day) & ~np.isnat(day) & (on_day != day)
        issue = np.where((issue == "") & other, "time_other_day", issue)
        found += _issues("time", raw_time, issue, days=day)
        blank_time = (secs < 0) & (issue == "")
        found += batch(LOG_TABLE, "required_value", "time", blank_time, raw_time)
    problems += found
    state = np.full(n, -1, dtype=np.int8)
    if use_state and "state" in positions:
        state, state_problems = _states(frame[positions["state"]])
        problems += state_problems
    bad = np.zeros(n, dtype=bool)
    for b in problems:
        if b.rows is not None:
            bad[b.rows] = True
    if not_ours.any():  # none of their cells is ours to judge
        problems = [b for b in (_dropped(b, not_ours) for b in problems) if len(b)]
        problems += batch(LOG_TABLE, "punch_id_not_ours", "id", not_ours, frame[positions["id"]])
        bad |= not_ours
    secs = np.where(bad, -1, secs)
    return _Scans(nips.values, nip_int, day, secs, state, problems, unmapped | not_ours)


def _disagreeing(
    frame: pd.DataFrame,
    positions: dict[str, int],
    day: npt.NDArray[np.datetime64],
    secs: npt.NDArray[np.int64],
) -> list[Batch]:
    """The rows whose date or time column beside the date-time column says another scan
    (review 146): a Fingerspot export gives ``Tanggal Scan`` and ``Tanggal`` + ``Jam`` of
    the same scan. Where they agree the date-time is read; where both read and differ
    (a cell edited on one side) which is the scan is unknown, so the row is a fault
    (``punch_datetime_disagrees``), never one side picked. A time column without seconds
    agrees with the date-time's minute; a cell on either side that does not read is not
    compared (the date-time's own problems stand)."""
    read = secs >= 0
    off = np.zeros(len(secs), dtype=bool)
    said: list[pd.Series] = []
    if "date" in positions:
        raw_date = frame[positions["date"]]
        other_day = _dates(raw_date)[0]
        off |= read & ~np.isnat(other_day) & (other_day != day.astype(other_day.dtype))
        said.append(raw_date)
    if "time" in positions:
        raw_time = frame[positions["time"]]
        other_secs = parse_times(raw_time)[0]
        same = (other_secs == secs) | ((other_secs % 60 == 0) & (other_secs == secs - secs % 60))
        off |= read & (other_secs >= 0) & ~same
        said.append(raw_time)
    if not off.any():
        return []
    text = said[0].astype(str)
    for more in said[1:]:
        text = text.str.cat(more.astype(str), sep=" ")
    rows = np.flatnonzero(off)
    return [
        replace(b, row_fields={"said": text.iloc[rows].to_numpy(dtype=object)})
        for b in batch(
            LOG_TABLE, "punch_datetime_disagrees", "datetime", off, frame[positions["datetime"]]
        )
    ]


def _dropped(b: Batch, drop: npt.NDArray[np.bool_]) -> Batch:
    """A batch without the rows ``drop`` marks."""
    if b.rows is None:
        return b
    keep = ~drop[b.rows]
    fields = {k: v[keep] for k, v in b.row_fields.items()}
    values = None if b.values is None else b.values[keep]
    return replace(b, rows=b.rows[keep], values=values, row_fields=fields)


def _scan_text(frame: pd.DataFrame, positions: dict[str, int]) -> pd.Series:
    """A scan's date-time as the log gives it (a date and a time column: joined), shown
    in a rejection of the scan."""
    if "datetime" in positions:
        return frame[positions["datetime"]]
    date, time = frame[positions["date"]], frame[positions["time"]]
    return date.astype(str).str.cat(time.astype(str), sep=" ")


def _datetimes(
    raw: pd.Series,
) -> tuple[npt.NDArray[np.datetime64], npt.NDArray[np.int64], list[Batch]]:
    """The day and second of each date-time cell (a date-time cell of the workbook, or text
    ``2025-10-01 07:31:20``, ``01/10/2025 07.31``, ``1 Oktober 2025 7:31 AM``): its date read
    by the daily log's date rules (:func:`~tukin.daylog.log._dates`, month-first exports
    refused, judged over the whole column), its time by the time rules
    (:func:`~tukin.daylog.log.parse_times`); problems on column ``datetime``."""
    if pd.api.types.is_datetime64_any_dtype(raw.dtype):
        secs, _, day = parse_times(raw)
        blank = np.isnat(day)
        return day, secs, batch(LOG_TABLE, "required_value", "datetime", blank, raw)
    codes, uniques = pd.factorize(_hashable(raw), use_na_sentinel=True)
    m = len(uniques)
    date_part = np.full(m + 1, None, dtype=object)
    time_part = np.full(m + 1, None, dtype=object)
    no_time = np.zeros(m + 1, dtype=bool)
    values = np.asarray(uniques, dtype=object)
    is_text = np.fromiter((isinstance(v, str) for v in values), bool, m)
    if is_text.any():  # the text cells at once: a month's scans are each a distinct second
        text = pd.Series(values[is_text], dtype=object).str.strip()
        nil = text.isin(_NIL).to_numpy(dtype=bool) | (text == "").to_numpy(dtype=bool)
        day_text, time_text = _split(text.to_numpy(dtype=object))
        split = pd.notna(day_text) & ~nil
        at = np.flatnonzero(is_text)
        date_part[at[split]] = day_text[split]
        time_part[at[split]] = time_text[split]
        alone = ~split & ~nil  # a date (or anything) without a time
        date_part[at[alone]] = text.to_numpy(dtype=object)[alone]
        no_time[at[alone]] = True
    for i in np.flatnonzero(~is_text).tolist():  # cells of a workbook: a few kinds
        value = values[i]
        if isinstance(value, pd.Timestamp | dt.datetime):
            stamp = pd.Timestamp(value)
            date_part[i] = stamp.date()
            time_part[i] = stamp.time()
        elif isinstance(value, dt.date):
            date_part[i], no_time[i] = value, True
        else:
            time_part[i] = value  # a number: a date-time that lost its format
            date_part[i] = "?"  # judged by the time (time_as_number), not twice
    days, bad_day, blank_day, said = _dates(pd.Series(date_part[codes], dtype=object))
    secs, issue, _ = parse_times(pd.Series(time_part[codes], dtype=object))
    blank = blank_day & (secs < 0) & (issue == "")
    issue = np.where(no_time[codes] & ~blank, "invalid_time", issue)
    number = issue == "time_as_number"
    bad_day = np.where(number, "", bad_day)
    issue = np.where((bad_day != "") & (issue != "time_as_number"), "", issue)
    # review 107: an Excel date-time that lost its format, among the cells refused only
    refused = np.unique(codes[(bad_day != "") | (issue != "")])
    refused = refused[refused >= 0]
    by_cell = np.full(m + 1, None, dtype=object)  # the last: a blank cell's code -1
    by_cell[refused] = _serials(values[refused])
    serial = by_cell[codes]
    as_number = pd.notna(serial)
    bad_day = np.where(as_number, "", bad_day)
    issue = np.where(as_number, "datetime_as_number", issue)
    # a time zone written after the time (WITA, +08:00, Z): refused as before, and said so
    # (only the cells refused are looked at: a month's scans are each a distinct text)
    zone = np.full(m + 1, "", dtype=object)
    asked = refused[is_text[refused]]
    if len(asked):
        named = pd.Series(values[asked], dtype=object).str.extract(_ZONE, expand=False)
        zone[asked] = named.fillna("").str.upper().to_numpy(dtype=object)
    zone_at = zone[codes]
    zoned = ((bad_day != "") | (issue != "")) & (zone_at != "")
    found = _issues("datetime", raw, np.where(zoned, "", bad_day), fields=said)
    found += _issues("datetime", raw, np.where(zoned, "", issue), fields={"datetime": serial})
    for b in batch(LOG_TABLE, "datetime_time_zone", "datetime", zoned, raw):
        rows = b.rows if b.rows is not None else np.zeros(0, np.int64)
        found.append(replace(b, row_fields={"zone": zone_at[rows]}))
    found += batch(LOG_TABLE, "required_value", "datetime", blank, raw)
    # a bad time keeps its day: a scan of another month is that month's
    days = np.where(bad_day == "", days, np.datetime64("NaT"))
    return days.astype("datetime64[D]"), np.where(issue == "", secs, -1), found


#: A time zone after a scan's time: Indonesia's WIB / WITA / WIT, UTC / GMT, an offset
#: (``+08:00``, ``+0800``) or ISO's ``Z`` after the seconds. tukin reads the office's local
#: time, the schedule's hours: which clock a zoned export kept is not guessed (review 138).
_ZONE = r"(?i)(?:\d[\s]*(?:[AaPp]\.?\s*[Mm]\.?)?\s*)(WIB|WITA|WIT|UTC|GMT|Z|[+-]\d{2}:?\d{2})\s*$"
_EXCEL_EPOCH = dt.datetime(1899, 12, 30)
_NUMBER = re.compile(r"\s*\d{1,7}(?:[.,]\d+)?\s*")


def _serials(values: npt.NDArray[np.object_]) -> npt.NDArray[np.object_]:
    """Per distinct cell, the date-time an Excel serial number names (``45931.3125``:
    ``01/10/2025 07:30:00``; as a number of the workbook or as text, a comma decimal too),
    None for any other cell: shown in ``datetime_as_number``, which refuses it as the daily
    log refuses a date as a number (``date_as_number``) and a time as one. Before, such a
    cell of a CSV was only "not a date", and one of a workbook "not a time (hh:mm)"."""
    out = np.full(len(values), None, dtype=object)
    for i, value in enumerate(values.tolist()):
        if isinstance(value, str) and _NUMBER.fullmatch(value):
            number = float(value.strip().replace(",", "."))
        elif isinstance(value, int | float | np.number) and not isinstance(value, bool):
            number = float(value)
        else:
            continue
        if 1 <= number < 2958466:  # 1 January 1900 to the end of 9999
            stamp = _EXCEL_EPOCH + dt.timedelta(seconds=round(number * 86400))
            out[i] = stamp.strftime("%d/%m/%Y %H:%M:%S")
    return out


def _before_overtime(
    scans: Any,
    frame: pd.DataFrame,
    positions: dict[str, int],
    roster: Any,
    order: npt.NDArray[np.int64],
    starts: npt.NDArray[np.int64],
    ends: npt.NDArray[np.int64],
    over: npt.NDArray[np.bool_],
    double: npt.NDArray[np.int64],
) -> npt.NDArray[np.bool_]:
    """The scans to list with ``punch_scan_before_overtime`` (no fault), its problem batch
    appended to ``scans.problems``: on a shift day whose departure is an overtime scan
    beyond the window, the scan before it when it lies inside the shift, before its end
    and after the arrival (pagi 07:00-14:00 scanned 06:55, 11:00, 19:00: review 133). The
    day stays first in, last out, as the machines' software and the regional apps read
    it (the state of a scan is not trusted, and a scan in the day may be an errand, a
    prayer, a ward round), but an early departure hidden by an evening visit is possible,
    and the overtime rule (review 126) reaches hours past the window: said, for HR to
    check, never counted. ``double``: per day, the double press span."""
    n = len(scans.secs)
    said = np.zeros(n, dtype=bool)
    last = order[ends]
    prev_at = np.maximum(ends - 1, 0)
    prev = order[prev_at]
    day = scans.day[order[starts]]
    shift = roster.find(scans.nip_int[last], day)
    s_at = np.maximum(shift, 0)
    end = roster.end[s_at]
    hit = over[last] & (shift >= 0) & (ends - starts >= 2)
    hit &= (scans.secs[prev] < end) & (scans.secs[prev] - scans.secs[order[starts]] > double)
    if not hit.any():
        return said
    said[prev[hit]] = True
    departure = np.full(n, "", dtype=object)
    shift_text = np.full(n, "", dtype=object)
    departure[prev[hit]] = [clock(int(v))[:5] for v in scans.secs[last[hit]].tolist()]
    shift_text[prev[hit]] = roster.text[s_at[hit]]
    column = "datetime" if "datetime" in positions else "time"
    for b in batch(
        LOG_TABLE, "punch_scan_before_overtime", column, said, _scan_text(frame, positions)
    ):
        rows = b.rows if b.rows is not None else np.zeros(0, np.int64)
        fields = {"departure": departure[rows], "shift": shift_text[rows]}
        scans.problems.append(replace(b, row_fields=fields))
    return said


def _split(texts: npt.NDArray[np.object_]) -> tuple[npt.NDArray[Any], npt.NDArray[Any]]:
    """Each text's date part and time part (None: not a date then a time), by
    :data:`_DATETIME`: in Arrow's C regex engine where pyarrow is installed (a month's scans
    are each a distinct second: a Python match per text took most of a tally), else by
    pandas."""
    try:
        import pyarrow as pa
        import pyarrow.compute as pc
    except ImportError:  # pragma: no cover - pyarrow is optional
        parts = pd.Series(texts, dtype=object).str.extract(_DATETIME)
        return parts[0].to_numpy(dtype=object), parts[1].to_numpy(dtype=object)
    found = pc.extract_regex(pa.array(texts, type=pa.string()), _DATETIME_NAMED)
    missing = found.is_null().to_numpy(zero_copy_only=False)
    day = found.field("day").to_numpy(zero_copy_only=False).astype(object)
    time = found.field("time").to_numpy(zero_copy_only=False).astype(object)
    day[missing], time[missing] = None, None
    return day, time


def _states(raw: pd.Series) -> tuple[npt.NDArray[np.int8], list[Batch]]:
    """Each state cell as in (0), out (1), another scan (2: a break, overtime); a blank or
    unknown one refused (it is trusted only when the schedule says ``punch_state: use``)."""
    codes, uniques = pd.factorize(_hashable(raw), use_na_sentinel=True)
    keyed = [status_key(as_text(pd.Series([u], dtype=object)).iloc[0] or "") for u in uniques]
    out = np.full(len(uniques) + 1, -1, dtype=np.int8)
    for i, key in enumerate(keyed):
        key = key.replace(" / ", "/")
        out[i] = (
            0 if key in _STATE_IN else 1 if key in _STATE_OUT else 2 if key in _STATE_OTHER else -1
        )
    state = out[codes]
    blank = codes < 0
    unknown = (state < 0) & ~blank
    choices = ["C/In", "C/Out", "0", "1", "Masuk", "Pulang", "Break", "OT"]
    found = batch(LOG_TABLE, "invalid_choice", "state", unknown, raw, choices=choices)
    found += batch(LOG_TABLE, "required_value", "state", blank, raw)
    return state, found


# -- reduction --------------------------------------------------------------------------------


@dataclass
class Reduced:
    """The punch log as day rows, and where each comes from."""

    frame: pd.DataFrame  # the read cells, for the unread-status check
    located: Located
    ignored: list[str]
    cells: LogCells
    groups: int  # the first rows of ``cells`` are days of scans, the rest rejected scans


def punch_columns(source: pd.DataFrame | RawLog) -> tuple[list[Any], pd.DataFrame, RawLog | None]:
    """The headers and the cells (columns by position) of a punch log given as a frame or
    read from a file."""
    if isinstance(source, RawLog):
        return list(source.headers), source.frame, source
    frame = source.reset_index(drop=True)
    cells = pd.DataFrame({j: frame.iloc[:, j] for j in range(frame.shape[1])})
    return list(frame.columns), cells, None


def settle_punches(headers: list[Any]) -> tuple[dict[str, int], list[Problem], list[str]]:
    """The punch columns' positions, the table problems, the columns not read."""
    return _settle(headers)


def reduce_punches(
    source: pd.DataFrame | RawLog,
    positions: dict[str, int],
    ignored: list[str],
    rules: Schedule,
    days: Days,
    ids: dict[str, str | None] | None,
    roster: Any = None,
) -> Reduced:
    """The punch log as day rows: per employee and date the first scan the arrival and the
    last the departure (``single_scan``, ``double_scan_minutes``, ``punch_state`` of the
    day's work rules deciding a day of one scan and the state's use); each scan row with a
    bad cell kept as a row of its own, rejected with its problems.

    ``roster`` (:class:`~tukin.daylog.roster.Roster`): a rostered employee's scans are
    given to their shift first (:func:`~tukin.daylog.roster.assign_scans`: a night shift's
    departure after midnight is the shift's day), a scan near no shift on a rostered date
    set aside as ``punch_off_shift`` (no fault); a shift day's one scan is judged against
    the shift's midpoint."""
    _, frame, raw = punch_columns(source)
    use_state = any(v.value.punch_state == "use" for v in rules.values)
    scans = _typed_scans(frame, positions, ids, use_state)
    n = len(scans.secs)
    bad = np.zeros(n, dtype=bool)
    for b in scans.problems:
        if b.rows is not None:
            bad[b.rows] = True
    if roster is not None and len(roster):
        from tukin.daylog.roster import assign_scans, fitting_shifts

        pair = max(v.value.double_scan_minutes for v in rules.values) * 60
        shift_day, shift_secs, off, over = assign_scans(
            roster, scans.nip_int, scans.day, scans.secs, ~bad, pair
        )
        column = "datetime" if "datetime" in positions else "time"
        text = _scan_text(frame, positions)
        # scans set aside that fit another shift: a swap the roster does not say, said
        swap, shift, on = fitting_shifts(rules, scans.nip_int, shift_day, shift_secs, off)
        off_batches = batch(LOG_TABLE, "punch_off_shift", column, off & ~swap, text)
        for b in batch(LOG_TABLE, "punch_shift_swap", column, swap, text):
            rows = b.rows if b.rows is not None else np.zeros(0, np.int64)
            off_batches.append(replace(b, row_fields={"shift": shift[rows], "date": on[rows]}))
        scans = replace(
            scans, day=shift_day, secs=shift_secs, problems=[*scans.problems, *off_batches]
        )
        bad |= off
    n_days = len(days.dates)
    first_day = days.dates[0]
    # -- the good scans, sorted by employee, day, time: each day's first and last
    good = np.flatnonzero(~bad)
    day_int = scans.day.astype("datetime64[D]").astype(np.int64)
    order = good[np.lexsort((scans.secs[good], day_int[good], scans.nip_int[good]))]
    k = len(order)
    if k:
        new = np.ones(k, dtype=bool)
        new[1:] = (scans.nip_int[order][1:] != scans.nip_int[order][:-1]) | (
            day_int[order][1:] != day_int[order][:-1]
        )
        starts = np.flatnonzero(new)
    else:
        starts = np.zeros(0, dtype=np.int64)
    ends = np.append(starts[1:], k) - 1
    g = len(starts)
    first_row, last_row = order[starts], order[ends] if g else order[starts]
    # how many scans the day had: a row repeating the one before it to the second (an
    # export appended twice, review 107) is no scan of its own
    count = (ends - starts + 1).astype(np.int64)
    if k:
        again = np.zeros(k, dtype=np.int64)
        sorted_secs = scans.secs[order]
        again[1:] = ~new[1:] & (sorted_secs[1:] == sorted_secs[:-1])
        count -= np.add.reduceat(again, starts)
    g_day = scans.day[first_row]
    offset = (g_day - first_day).astype(np.int64)
    inside = (offset >= 0) & (offset < n_days)
    at = np.where(inside, offset, 0)
    version = np.where(inside, days.version[at], -1)
    working = inside & days.working[at]
    midpoint = np.where(working, (days.start[at] + days.end[at]) // 2, _NOON)
    if roster is not None and len(roster):  # a shift day: the middle of its shift
        shift = roster.find(scans.nip_int[first_row], g_day)
        on = (shift >= 0) & (roster.start[np.maximum(shift, 0)] >= 0)
        s_at = np.maximum(shift, 0)
        midpoint = np.where(on, (roster.start[s_at] + roster.end[s_at]) // 2, midpoint)
    values = [v.value for v in rules.values]

    def per_version(pick: Any, default: Any) -> npt.NDArray[Any]:
        table = np.array([pick(v) for v in values] + [default])
        return np.asarray(table[version])  # version -1: the default, the last entry

    single = per_version(lambda v: v.single_scan, "midpoint")
    double = per_version(lambda v: v.double_scan_minutes * 60, 300).astype(np.int64)
    by_state = per_version(lambda v: v.punch_state == "use", False).astype(bool)
    first_secs, last_secs = scans.secs[first_row], scans.secs[last_row]
    one = (last_secs - first_secs) <= double
    arrival = np.where(one & (single == "midpoint"), first_secs < midpoint, single == "arrival")
    cin = np.where(~one | arrival, first_secs, -1)
    cout = np.where(~one | (one & (single != "none") & ~arrival), last_secs, -1)
    none = one & (single == "none")
    in_row, out_row = first_row.copy(), last_row.copy()
    if by_state.any() and k:
        # the first scan marked in and the last marked out, found on the sorted positions
        big = np.iinfo(np.int64).max
        pos = np.arange(k, dtype=np.int64)
        st = scans.state[order]
        first_in = np.minimum.reduceat(np.where(st == 0, pos, big), starts)
        last_out = np.maximum.reduceat(np.where(st == 1, pos, -1), starts)
        has_in, has_out = first_in < big, last_out >= 0
        s_in = np.where(has_in, scans.secs[order[np.where(has_in, first_in, 0)]], -1)
        s_out = np.where(has_out, scans.secs[order[np.where(has_out, last_out, 0)]], -1)
        cin = np.where(by_state, s_in, cin)
        cout = np.where(by_state, s_out, cout)
        # scans none of which is marked in or out (a break's): the employee was there and
        # left no mark, both missing, as single_scan: none counts a scan that is no mark
        none = np.where(by_state, ~has_in & ~has_out, none)
        in_row = np.where(by_state & has_in, order[np.where(has_in, first_in, 0)], in_row)
        out_row = np.where(by_state & has_out, order[np.where(has_out, last_out, 0)], out_row)
    listed = bad
    if roster is not None and len(roster) and k:
        listed = bad | _before_overtime(
            scans, frame, positions, roster, order, starts, ends, over, double
        )
    # -- the bad scans, a row each: the employee withheld (a readable NIP), a row of
    # another month that month's; a row without a readable NIP names its day (it may be
    # anyone's), one whose id the table does not map names none; and the scans listed
    # with a note only (punch_scan_before_overtime), whose day is counted as it is
    bad_rows = np.flatnonzero(listed)
    b_day = scans.day[bad_rows]
    b_off = (b_day - first_day).astype(np.int64)
    b_outside = ~np.isnat(b_day) & ((b_off < 0) | (b_off >= n_days))
    b_nip = scans.nip.to_numpy(dtype=object)[bad_rows]
    keep_day = b_outside | (pd.isna(b_nip) & ~scans.unmapped[bad_rows])
    b_day = np.where(keep_day, b_day, np.datetime64("NaT"))
    into = np.full(n, -1, dtype=np.int64)
    into[bad_rows] = g + np.arange(len(bad_rows))
    problems = [replace(b, rows=into[b.rows]) for b in scans.problems if b.rows is not None]
    nip_text = scans.nip.to_numpy(dtype=object)
    cells = LogCells(
        pd.Series(np.concatenate([nip_text[first_row], b_nip]), dtype=object),
        np.concatenate([scans.nip_int[first_row], scans.nip_int[bad_rows]]),
        np.concatenate([g_day, b_day]).astype("datetime64[D]"),
        np.concatenate([cin, np.full(len(bad_rows), -1)]).astype(np.int64),
        np.concatenate([cout, np.full(len(bad_rows), -1)]).astype(np.int64),
        pd.Series([None] * (g + len(bad_rows)), dtype=object),
        pd.Series([None] * (g + len(bad_rows)), dtype=object),
        problems,
        no_marks=np.concatenate([none, np.zeros(len(bad_rows), dtype=bool)]),
        scans=np.concatenate([count, np.ones(len(bad_rows), dtype=np.int64)]),
    )
    source_rows = {
        "": np.concatenate([first_row, bad_rows]).astype(np.int64),
        "check_in": np.concatenate([in_row, bad_rows]).astype(np.int64),
        "check_out": np.concatenate([out_row, bad_rows]).astype(np.int64),
    }
    named: dict[str, int | None] = dict(positions)
    who = positions.get("nip", positions.get("id"))
    when = positions.get("datetime", positions.get("date"))
    scan_time = positions.get("datetime", positions.get("time"))
    named.update({"nip": who, "date": when, "check_in": scan_time, "check_out": scan_time})
    located = Located(raw, {c: j for c, j in named.items() if j is not None}, source_rows)
    read = pd.DataFrame({"check_in": frame[scan_time] if scan_time is not None else None})
    return Reduced(read, located, ignored, cells, g)
