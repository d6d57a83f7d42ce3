"""Checks that need more than one cell: within a table, across tables, and the cascade.

Phase 2 and 3 of :func:`tukin._checks.validate`. A :class:`Work` is one table under validation:
its raw frame, its coerced cells (:mod:`tukin._coerce`) and the rows rejected so far. All checks
work on whole columns; Python touches only rows that have a problem (to write their keys) and
the members of cycles (to spell the loop out).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from tukin import _graph
from tukin._coerce import (
    Batch,
    BoolArray,
    Coerced,
    IntArray,
    NipCheck,
    batch,
    first_rows_in,
    isin,
    nip_pattern_problems,
)
from tukin._lookup import mixed_radix
from tukin.contract import Column, Table
from tukin.model._types import NIP_LENGTH
from tukin.period import Period

__all__ = ["READ_ONCE", "Work", "cascade", "table_checks"]

_LEVEL_PARENT = {"kegiatan": "program", "sub_kegiatan": "kegiatan"}


@dataclass
class Work:
    """One table while it is being validated (full length, positional rows)."""

    spec: Table
    raw: pd.DataFrame
    cells: dict[str, Coerced] = field(default_factory=dict)
    codes: list[str] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)
    rejected: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    # rows left out of the kept table without being rejected: a row pasted twice, the same in
    # every column, is read once (``duplicate_row_same``, :data:`READ_ONCE`)
    dropped: BoolArray = field(default_factory=lambda: np.zeros(0, dtype=bool))
    parent: IntArray | None = None  # self-reference as positions, when the table has one
    # reference column -> the referenced table's row of each row (-1: none), where found
    refs: dict[str, npt.NDArray[np.int32]] = field(default_factory=dict)

    @property
    def n(self) -> int:
        return len(self.raw)

    def values(self, column: str) -> pd.Series:
        return self.cells[column].values

    def key_text(self, rows: IntArray) -> list[str | None]:
        """Human key of each row: typed value where valid, else the raw text, joined by '/'.

        Only rows with problems are ever asked for, so the Python work here is per problem.
        """
        columns = []
        for name in self.spec.key:
            typed = self.values(name).iloc[rows].to_numpy(dtype=object)
            raw = self.raw[name].iloc[rows].to_numpy(dtype=object) if name in self.raw else typed
            columns.append([_key_part(t, r) for t, r in zip(typed, raw, strict=True)])
        return ["/".join(p) for p in zip(*columns, strict=True)]


def _key_part(typed: object, raw: object) -> str:
    for value in (typed, raw):
        if (
            isinstance(value, pd.Timestamp)
            and 1 <= value.year <= 9999  # a date Python can hold; else as str() writes it
            and value == value.normalize()
        ):
            # a date in a key (acting's start_date) as the clerk typed it, 2025-10-01, not
            # the 2025-10-01 00:00:00 str() writes (review 80)
            return value.date().isoformat()
        if isinstance(value, float) and value.is_integer() and abs(value) >= 1e16:
            # a NIP in a column of floats: its digits (196711201995012000), not the
            # 1.96711201995012e+17 str() writes, which reads as no NIP at all (review 78)
            return str(int(value))
        if value is not None and not (isinstance(value, float) and value != value):
            return str(value).strip()
    return ""


# -- phase 2: rows and tables -----------------------------------------------------------------


def table_checks(
    work: Work,
    name: str,
    works: dict[str, Work],
    nip_check: NipCheck,
    refused: frozenset[str] = frozenset(),
) -> list[Batch]:
    """Phase 2 for one table: everything that needs more than one cell (see module docstring).
    ``refused``: the tables refused as a whole so far (their references are judged apart)."""
    if work.n == 0:
        return []
    out = _duplicates(work)
    if name == "employees":
        out += _order(work, "start_date", "end_date", "date_order")
        if nip_check == "strict":  # PPPK numbers follow another pattern
            career = work.values("status").isin(["pns", "cpns"]).to_numpy(dtype=bool)
            nip = work.cells["nip"]
            out += nip_pattern_problems(name, "nip", nip, nip.present & career)
    if name == "targets":
        out += _order(work, "target", "target_max", "range_order")
    if name == "budget_realisations":
        out += _overlaps(work)
    for col in work.spec.columns:
        if col.ref is not None:
            out += _unknown(work, col, works[col.ref[0]], col.ref[0] in refused)
    self_ref = [c for c in work.spec.columns if c.ref is not None and c.ref[0] == name]
    if self_ref:
        found = work.refs.get(self_ref[0].name)  # the same look-up as parent_index's
        if found is None:
            keys = work.cells[work.spec.key[0]].comparable()
            work.parent = _graph.parent_index(keys, work.cells[self_ref[0].name].comparable())
        else:
            work.parent = found.astype(np.int64)
        out += _cycles(work, self_ref[0].name)
        if name == "work_items":
            out += _levels(work)
    if name == "acting":
        out += _order(work, "start_date", "end_date", "date_order")
        history = works.get("position_history")
        own, own_rows, cut = _acting_own_post(work, works["employees"], history)
        out += own
        served = _acting_service(work, works["employees"], history, cut)
        # a row cut to no day (from the appointment day) acts in no post: no kind to judge
        no_day = own_rows | (work.cells["start_date"].present & (cut < served.start))
        out += _acting_kind(work, works["employees"], served, no_day)
        out += _acting_outside_service(work, served, _data_end(works))
        out += _acting_overlaps(work, "position_id", "acting_overlap_post", served)
        out += _acting_overlaps(work, "nip", "acting_overlap_employee", served)
        out += _acting_gaps(work, served)
    if name == "position_history":
        out += _order(work, "start_date", "end_date", "date_order")
        out += _history_checks(work, works["employees"])
    return out


def _history_gaps(work: Work, served: _Served, usable: BoolArray) -> list[Batch]:
    """Notes (the row is kept) on an earlier position ending a day or more before the next
    one starts (the next history row of the employee, else the employees row's TMT): the
    days between are in no position and are paid nothing (``history_gap``). A typed date is
    the likelier cause (an end on the 14th, the TMT on the 16th); a real break in service
    keeps its gap. Only where the next start is known; overlaps are ``history_overlap``'s.
    Vectorised over the history rows."""
    rows = np.flatnonzero(usable)
    if not len(rows):
        return []
    g = pd.factorize(work.cells["nip"].comparable().iloc[rows])[0].astype(np.int64)
    s, e = served.start[rows], served.end[rows]
    order = np.lexsort((s, g))
    gs, ss, es = g[order], s[order], e[order]
    last = np.r_[gs[1:] != gs[:-1], True]
    following = np.r_[ss[1:], _NO_START]  # the next row's start in the group
    current = served.first[rows][order]  # the employees row's TMT (_NO_START: not given)
    following = np.where(last, current, following)
    known = following != _NO_START
    gap = np.where(known, following - es - 1, 0)
    hit = np.flatnonzero(known & (gap > 0))
    if not len(hit):
        return []
    at = rows[order[hit]]
    day = np.datetime64("1970-01-01", "D")
    as_text = np.vectorize(lambda d: str(day + np.timedelta64(int(d), "D")), otypes=[object])
    ends = as_text(es[hit])
    sort = np.argsort(at, kind="stable")
    return [
        Batch(
            work.spec.name,
            "history_gap",
            "end_date",
            at[sort].astype(np.int64),
            ends[sort],
            row_fields={
                "days": gap[hit][sort].astype(np.int64),
                "next_start": as_text(following[hit])[sort],
            },
        )
    ]


def _history_checks(work: Work, employees: Work) -> list[Batch]:
    """The spells of ``position_history`` (positions held before the employees row's): no
    two of one employee overlap (``history_overlap``, each naming a row it overlaps: one
    person holds one position at a time, and both would be paid for the same days), and each
    ends before the employees row's ``start_date``, its TMT (``history_after_current``; and
    ``history_current_start_missing`` when that row gives no start_date: the days of each
    position could not be told). Vectorised over the history rows (few)."""
    served = _acting_service(work, employees)
    own = _Served(
        served.start,
        served.end,
        np.full(work.n, _NO_START, dtype=np.int64),
        np.full(work.n, _NO_END, dtype=np.int64),
        served.usable & work.cells["end_date"].present,
    )
    out = _acting_overlaps(work, "nip", "history_overlap", own)
    out += _history_gaps(work, served, own.usable)
    ends = work.cells["end_date"]
    late = own.usable & (served.first != _NO_START) & (served.end >= served.first)
    if late.any():
        rows = np.flatnonzero(late)
        first = (served.first[rows].astype("datetime64[D]")).astype(str).astype(object)
        # the day the message proposes: an SK's "until the new TMT" typed as the TMT itself
        last = ((served.first[rows] - 1).astype("datetime64[D]")).astype(str).astype(object)
        out.append(
            Batch(
                work.spec.name,
                "history_after_current",
                "end_date",
                rows.astype(np.int64),
                ends.values.iloc[rows].dt.strftime("%Y-%m-%d").to_numpy(dtype=object),
                row_fields={"current_start": first, "last_day": last},
            )
        )
    if employees.n:
        e_nip, e_start = employees.cells["nip"], employees.cells["start_date"]
        blank = e_nip.comparable()[e_nip.present & ~e_start.present].to_numpy(dtype=object)
        if len(blank):
            nip = work.cells["nip"]
            open_current = nip.present & nip.comparable().isin(blank).to_numpy(dtype=bool)
            out += batch(
                work.spec.name,
                "history_current_start_missing",
                "nip",
                open_current & own.usable,
                nip.values,
            )
    return out


#: A day no date reaches: an empty end date of an acting row runs on without end.
_NO_END = np.iinfo(np.int64).max // 4
_NO_START = np.iinfo(np.int64).min // 4


@dataclass(frozen=True)
class _Served:
    """Each acting row's dates as days (int64), given and cut to its official's service.

    ``start`` / ``end``: the row's own (``_NO_END`` where open; ``end`` the day before the
    official's appointment to the post acted in, where the row runs into it:
    ``acting_cut_at_appointment``); ``first`` / ``last``: the
    official's first and last day of service from the employees table (``start_date`` /
    ``end_date``; ``_NO_START`` / ``_NO_END`` where not given, or the NIP is no single
    employee's); ``usable``: the row has a start and, where an end, an end not before it."""

    start: npt.NDArray[np.int64]
    end: npt.NDArray[np.int64]
    first: npt.NDArray[np.int64]
    last: npt.NDArray[np.int64]
    usable: BoolArray

    @property
    def cut_start(self) -> npt.NDArray[np.int64]:
        return np.maximum(self.start, self.first)

    @property
    def cut_end(self) -> npt.NDArray[np.int64]:
        return np.minimum(self.end, self.last)


def _days(cell: Coerced, missing: int) -> npt.NDArray[np.int64]:
    """A date column as day numbers, ``missing`` where no date is given."""
    days = cell.values.to_numpy().astype("datetime64[D]").astype(np.int64)
    return np.where(cell.present, days, missing).astype(np.int64)


def _acting_service(
    work: Work,
    employees: Work,
    history: Work | None = None,
    cut: npt.NDArray[np.int64] | None = None,
) -> _Served:
    """The acting rows' dates beside their officials' service (see :class:`_Served`): the
    pay (``acting_supplement``) and monitoring (``Hierarchy.acting_holders``) cut every
    assignment to it, nobody acting before joining or after leaving; the checks that judge
    an assignment's dates judge those days. Vectorised over the acting rows (few).

    ``history`` (``position_history``, for acting rows): the service begins with the
    earliest position held, not the employees row's TMT (the first day in the post held
    now): a kepala seksi who was Plt of a bidang before being appointed to it acted in
    service (review 121: such a row was said to start before the service, and its days
    were paid nothing).

    ``cut``: per row the last day it acts (:func:`_acting_own_post`: the day before the
    appointment to the post acted in), where it is earlier than the row's end."""
    start, end = work.cells["start_date"], work.cells["end_date"]
    a_start, a_end = _days(start, _NO_START), _days(end, _NO_END)
    if cut is not None:
        a_end = np.minimum(a_end, cut)
    # an end before the start: date_order's, or a row cut to no day (from the appointment
    # day, ``acting_from_appointment``), which no check of dates judges
    usable = start.present & ~(a_end < a_start)
    first = np.full(work.n, _NO_START, dtype=np.int64)
    last = np.full(work.n, _NO_END, dtype=np.int64)
    if employees.n:
        nip = work.cells["nip"].comparable()
        e_nip = employees.cells["nip"].comparable()
        # the few acting officials' rows, not a hash of every NIP (isin, as _acting_kind)
        among = np.flatnonzero(
            employees.cells["nip"].present & e_nip.isin(pd.Index(nip.dropna())).to_numpy(dtype=bool)
        )
        mine = e_nip.iloc[among]
        once = among[~mine.duplicated(keep=False).to_numpy(dtype=bool)]  # twice: duplicate_key's
        at = pd.Index(e_nip.iloc[once].to_numpy(dtype=object)).get_indexer(
            nip.to_numpy(dtype=object)
        )
        found = (at >= 0) & work.cells["nip"].present
        rows = once[np.maximum(at, 0)] if len(once) else np.zeros(work.n, dtype=np.int64)
        from_days = _days(employees.cells["start_date"], _NO_START)
        to_days = _days(employees.cells["end_date"], _NO_END)
        first = np.where(found, from_days[rows], _NO_START)
        last = np.where(found, to_days[rows], _NO_END)
        earliest = _earliest_position(history, nip)
        first = np.where(first != _NO_START, np.minimum(first, earliest), first)
    return _Served(a_start, a_end, first, last, usable)


def _earliest_position(history: Work | None, nip: pd.Series) -> npt.NDArray[np.int64]:
    """Per NIP of ``nip``, the first day of their earliest ``position_history`` row
    (``_NO_END`` where none): the few acting officials' rows only (isin)."""
    out = np.full(len(nip), _NO_END, dtype=np.int64)
    if history is None or not history.n:
        return out
    h_nip, h_start = history.cells["nip"], history.cells["start_date"]
    keys = h_nip.comparable()
    mine = h_nip.present & h_start.present & keys.isin(pd.Index(nip.dropna())).to_numpy(bool)
    if not mine.any():
        return out
    starts = pd.Series(_days(h_start, _NO_END)[mine], index=keys[mine].to_numpy(dtype=object))
    earliest = starts.groupby(level=0).min()
    found = earliest.reindex(nip.to_numpy(dtype=object)).to_numpy(dtype=float)
    return np.where(np.isnan(found), _NO_END, np.nan_to_num(found)).astype(np.int64)


def _data_end(works: dict[str, Work]) -> int:
    """The last day of the latest period the employee data are for (attendance, appraisals)
    as a day number; ``_NO_END`` when neither gives one (nothing tells the month).

    Why: validation knows no period, but these tables are the month (or months) being paid;
    a date after their end is still ahead as far as the input goes."""
    ends: list[int] = []
    for name in ("attendance", "appraisals"):
        work = works.get(name)
        if work is None or not work.n or "period" not in work.cells:
            continue
        cell = work.cells["period"]
        for text in cell.values[cell.present].dropna().unique():  # Arrow text: no objects
            p = Period.parse(str(text))
            if p is not None:
                ends.append(p.end.toordinal())
    if not ends:
        return _NO_END
    epoch = dt.date(1970, 1, 1).toordinal()  # day numbers count from 1970-01-01 (datetime64)
    return max(ends) - epoch


def _acting_outside_service(work: Work, served: _Served, data_end: int = _NO_END) -> list[Batch]:
    """Notes (the row is kept, the cut stays) on an acting row whose dates run outside its
    official's service: it starts before the employee's ``start_date``, or ends (or, open,
    runs on) after their ``end_date`` (a retirement, a transfer). Pay and monitoring count
    only the days in service, which the explanation said alone (review 84): the note names
    the row, the NIP and both date ranges, so the clerk corrects whichever is wrong."""
    early = served.usable & (served.start < served.first)
    late = served.usable & (served.end > served.last)
    # open, from a day in service: nothing typed is wrong (an assignment "until further
    # notice" ends at the latest with the service, which may be a contract's end or a
    # retirement years ahead): said apart, without the advice to correct a date
    open_on = late & ~early & (served.end == _NO_END) & (served.start <= served.last)
    late &= ~open_on
    # said once the service end falls within the months the data are for (``data_end``): a
    # retirement years ahead is no news, and each month's validation repeated it (review 84)
    out = _acting_open_past_service(work, served, open_on & (served.last <= data_end))
    outside = early | late
    if not outside.any():
        return out
    rows = np.flatnonzero(outside)

    def shown(days: npt.NDArray[np.int64]) -> npt.NDArray[Any]:
        text = days[rows].astype("datetime64[D]").astype(str).astype(object)
        return np.where((days[rows] == _NO_END) | (days[rows] == _NO_START), "…", text)

    fields = {
        "end": shown(served.end),
        "nip": work.values("nip").iloc[rows].to_numpy(dtype=object),
        "served_from": shown(served.first),
        "served_to": shown(served.last),
    }
    # a start before the employee's start_date (the first day in the current post) may be
    # an acting begun in an earlier post: the note says so rather than to correct it
    fields["early"] = early[rows] & (served.start[rows] <= served.last[rows])
    for column, where in (("end_date", late[rows]), ("start_date", ~late[rows])):
        if where.any():
            out.append(
                Batch(
                    work.spec.name,
                    "acting_outside_service",
                    column,
                    rows[where].astype(np.int64),
                    shown(served.start)[where],
                    row_fields={k: v[where] for k, v in fields.items()},
                )
            )
    return out


def _acting_own_post(
    work: Work, employees: Work, history: Work | None = None
) -> tuple[list[Batch], BoolArray, npt.NDArray[np.int64]]:
    """Acting rows naming a post the employee held on the row's first day and the day before
    (``acting_own_position``, refused), and rows running into the employee's appointment to
    the post they act in (``acting_cut_at_appointment``, a note: the row is kept, cut; from
    the appointment day itself, ``acting_from_appointment``: kept, cut to no day).

    A Plt or Plh acts in *another* post besides their own (SE Kepala BKN 1/SE/I/2021: the
    appointment does not relieve them of their definitive post); one of their own post from
    its first day is a slip (the post meant, or the employee, mistyped) that would pay a
    supplement for nothing. The posts held are the employees row's, from its ``start_date``
    (none: always) to its ``end_date``, and ``history``'s (position_history) for their days:
    a kepala seksi Plt of a bidang up to the day before being appointed to it acted in
    another post (review 121). A Plt of a bidang from 1 March, appointed to it on 15 March,
    whose row has no end date (or ends later) acted to 14 March: the appointment ends the
    assignment, the days before it are acting and the days from it on the own post (review
    124: the whole row was refused, and the fortnight acted unpaid).

    Returns the problems, the refused rows and per row its last day of acting
    (:data:`_NO_END` where no appointment cuts it): the day before the appointment, which
    the checks of the row's dates then judge, as pay and monitoring count
    (:func:`tukin._tenure.acting_appointed`). Vectorised over the acting rows joined to
    their officials' positions only."""
    nip, post = work.cells["nip"], work.cells["position_id"]
    none = np.zeros(work.n, dtype=bool)
    cut = np.full(work.n, _NO_END, dtype=np.int64)
    if not employees.n or "position_id" not in employees.cells:
        return [], none, cut
    usable = nip.present & post.present
    if not usable.any():
        return [], none, cut
    rows = np.flatnonzero(usable)
    acted = pd.DataFrame(
        {
            "row": rows,
            "nip": nip.comparable().iloc[rows].to_numpy(dtype=object),
            "post": post.comparable().iloc[rows].to_numpy(dtype=object),
            "s": _days(work.cells["start_date"], _NO_START)[rows],
            "e": _days(work.cells["end_date"], _NO_END)[rows],
        }
    )
    wanted = pd.Index(acted["nip"])
    held = []
    for table, dated in ((employees, False), (history, True)):
        if table is None or not table.n or "position_id" not in table.cells:
            continue
        t_nip, t_post = table.cells["nip"], table.cells["position_id"]
        mine = t_nip.present & t_post.present & t_nip.comparable().isin(wanted).to_numpy(bool)
        if dated:  # a history row without its dates holds no day (its own problem)
            mine &= table.cells["start_date"].present & table.cells["end_date"].present
        held.append(
            pd.DataFrame(
                {
                    "nip": t_nip.comparable()[mine].to_numpy(dtype=object),
                    "post": t_post.comparable()[mine].to_numpy(dtype=object),
                    "from": _days(table.cells["start_date"], _NO_START)[mine],
                    "to": _days(table.cells["end_date"], _NO_END)[mine],
                }
            )
        )
    if not held:
        return [], none, cut
    own, appointed = own_post_days(acted, pd.concat(held, ignore_index=True))
    same = np.zeros(work.n, dtype=bool)
    same[rows[own]] = True
    out = batch(work.spec.name, "acting_own_position", "position_id", same, post.values)
    cuts = ~own & (appointed < _NO_END)
    cut[rows[cuts]] = appointed[cuts] - 1

    def shown(days: npt.NDArray[np.int64]) -> npt.NDArray[Any]:
        return days.astype("datetime64[D]").astype(str).astype(object)

    first_day = acted["s"].to_numpy(dtype=np.int64)
    # from the appointment day itself: no day acted (an extension typed from it, review
    # 136), said on the start date; else cut to the day before, said on the end date
    for code, column, which in (
        ("acting_cut_at_appointment", "end_date", cuts & (appointed > first_day)),
        ("acting_from_appointment", "start_date", cuts & (appointed == first_day)),
    ):
        if not which.any():
            continue
        at = rows[which]
        out.append(
            Batch(
                work.spec.name,
                code,
                column,
                at.astype(np.int64),
                shown(first_day[which]),
                row_fields={
                    "nip": work.values("nip").iloc[at].to_numpy(dtype=object),
                    "post": work.values("position_id").iloc[at].to_numpy(dtype=object),
                    "appointed": shown(appointed[which]),
                    "acted_to": shown(appointed[which] - 1),
                },
            )
        )
    return out, same, cut


def own_post_days(
    acted: pd.DataFrame, held: pd.DataFrame
) -> tuple[BoolArray, npt.NDArray[np.int64]]:
    """Per acting row of ``acted`` (columns nip, post, s, e: its first and last day as day
    numbers, :data:`_NO_START` / :data:`_NO_END` where not given), in its order: whether the
    official held the post acted in on the row's first day *and the day before* (a row
    without a start: on any of its days), and the first day of their appointment to it
    within the row's days (:data:`_NO_END`: none). ``held``: the posts the officials held
    (nip, post, from, to, day numbers the same way).

    The one reading of "their own post" for validation (:func:`_acting_own_post`, on the
    cells as read), pay and monitoring (:func:`tukin._tenure.acting_appointed`, on the kept
    rows): the first is refused, the second cut to the day before the appointment. An
    appointment on the row's first day cuts it to no day (review 136: a Plt extension typed
    from the appointment day was refused, and its official stopped, though it owed nothing);
    a post held already the day before (from an earlier day, or in an earlier row ending
    then: a CPNS appointed PNS in the same post) is the slip refused."""
    n = len(acted)
    own = np.zeros(n, dtype=bool)
    appointed = np.full(n, _NO_END, dtype=np.int64)
    if not n or held.empty:
        return own, appointed
    ahead = acted[["nip", "post", "s", "e"]].assign(at=np.arange(n))
    both = ahead.merge(held[["nip", "post", "from", "to"]], on=["nip", "post"], how="inner")
    at = both["at"].to_numpy()
    s, f, t = (both[c].to_numpy(dtype=np.int64) for c in ("s", "from", "to"))
    meets = (f <= both["e"].to_numpy(dtype=np.int64)) & (t >= s)
    no_start = s == _NO_START
    on_first = np.zeros(n, dtype=bool)
    on_first[at[(f <= s) & (t >= s)]] = True
    day_before = np.zeros(n, dtype=bool)
    day_before[at[(f <= s - 1) & (t >= s - 1)]] = True
    own[at[meets & no_start]] = True
    own |= on_first & day_before
    later = meets & ~no_start & (f >= s) & ~own[at]
    if later.any():
        first = pd.Series(f[later]).groupby(at[later]).min()
        appointed[first.index.to_numpy(dtype=np.int64)] = first.to_numpy(dtype=np.int64)
    return own, appointed


def _acting_kind(
    work: Work, employees: Work, served: _Served, refused: BoolArray | None = None
) -> list[Batch]:
    """Notes (no rejection) on an acting row whose kind does not fit the post on its first
    day (or, for a Plh, from the day its holder leaves for good, :func:`_vacated`): a Plt stands in for a holder *permanently* away, the post vacant, a Plh for one away
    for a while (UU 30/2014 art. 14(2), SE Kepala BKN 1/SE/I/2021); the pay rules may treat
    them apart. A Plt of a post an employee holds that day (``plt_post_held``) or a Plh of a
    post nobody holds (``plh_post_vacant``) may be the wrong kind, or the employees table may
    be behind (a holder retired without an end date). Either can be right (a holder detained
    is permanently away while still on the books), so the row is kept and the note says so.
    A row with no day in its official's service is paid for nothing and holds no post (pay
    and monitoring cut it to the service; ``acting_outside_service`` says so): its kind is
    not judged (review 84 left both notes on it), nor that of a row ``refused`` as the
    official's own post (``acting_own_position``'s) or acting no day
    (``acting_from_appointment``'s).

    Vectorised over the acting rows (few) joined to the employees of their posts only."""
    nip, post, kind, start = (work.cells[c] for c in ("nip", "position_id", "kind", "start_date"))
    usable = nip.present & post.present & kind.present & start.present
    usable &= ~served.usable | (served.cut_start <= served.cut_end)  # a day in service
    if not usable.any() or not employees.n or "position_id" not in employees.cells:
        return []
    rows = np.flatnonzero(usable)
    acted = pd.DataFrame(
        {
            "row": rows,
            "post": post.comparable().iloc[rows].to_numpy(dtype=object),
            "nip": nip.comparable().iloc[rows].to_numpy(dtype=object),
            "day": start.values.iloc[rows].to_numpy().astype("datetime64[D]"),
        }
    )
    e_post, e_nip = employees.cells["position_id"], employees.cells["nip"]
    among = e_post.present & e_post.comparable().isin(pd.Index(acted["post"])).to_numpy(dtype=bool)

    def dates(column: str) -> np.ndarray:
        if column not in employees.cells:
            return np.full(int(among.sum()), np.datetime64("NaT"), dtype="datetime64[D]")
        return employees.values(column)[among].to_numpy().astype("datetime64[D]")

    holders = pd.DataFrame(
        {
            "post": e_post.comparable()[among].to_numpy(dtype=object),
            "holder": e_nip.comparable()[among].to_numpy(dtype=object),
            "from": dates("start_date"),
            "to": dates("end_date"),
        }
    )
    both = acted.merge(holders, on="post", how="inner")
    serving = (
        (both["holder"] != both["nip"])
        & (np.isnat(both["from"].to_numpy()) | (both["from"] <= both["day"]).to_numpy())
        & (np.isnat(both["to"].to_numpy()) | (both["to"] >= both["day"]).to_numpy())
    )
    held_rows = set(both.loc[serving.to_numpy(dtype=bool), "row"].tolist())
    if refused is not None:
        usable &= ~refused  # acting_own_position's, not a kind's
    held = np.isin(np.arange(work.n), list(held_rows)) & usable
    kinds = kind.values.to_numpy(dtype=object)
    shown = start.values.dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    # a Plh whose holder leaves for good within it (an end_date: death, retirement) with
    # nobody in the post the day after acts from then in a vacant post (review 136: judged
    # on the first day only, nothing said it); the note names the first vacant day
    vacant = _vacated(both, serving.to_numpy(dtype=bool), held & (kinds == "plh"), served)
    detail = shown.copy()
    detail[vacant >= 0] = vacant[vacant >= 0].astype("datetime64[D]").astype(str)
    out = batch(
        work.spec.name, "plt_post_held", "kind", held & (kinds == "plt"), post.values
    ) + batch(
        work.spec.name,
        "plh_post_vacant",
        "kind",
        usable & (kinds == "plh") & (~held | (vacant >= 0)),
        post.values,
    )
    return [
        Batch(
            b.table,
            b.code,
            b.column,
            b.rows,
            b.values,
            row_fields={"detail": detail[b.rows]},
        )
        for b in out
    ]


def _vacated(
    both: pd.DataFrame, serving: BoolArray, plh: BoolArray, served: _Served
) -> npt.NDArray[np.int64]:
    """Per acting row (``-1``: none), for the ``plh`` rows held on their first day, the first
    day within the row's days in service that nobody holds the post: the day after its
    holders' last end date, where no one of ``both`` (the acting rows joined to the
    employees of their posts: holder, from, to) other than the official holds it then."""
    out = np.full(len(plh), -1, dtype=np.int64)
    ours = serving & plh[both["row"].to_numpy(dtype=np.int64)]
    if not ours.any():
        return out
    to = both["to"].to_numpy().astype("datetime64[D]")
    days = np.where(np.isnat(to), _NO_END, to.astype(np.int64))
    last = pd.Series(days[ours]).groupby(both["row"].to_numpy(dtype=np.int64)[ours]).max()
    last = last[last < _NO_END]
    if last.empty:
        return out
    rows = last.index.to_numpy(dtype=np.int64)
    day = last.to_numpy(dtype=np.int64) + 1
    within = day <= np.minimum(served.end, served.last)[rows]
    rows, day = rows[within], day[within]
    if not len(rows):
        return out
    out[rows] = day
    # a successor holding the post that day: no vacancy
    frm = both["from"].to_numpy().astype("datetime64[D]")
    starts = np.where(np.isnat(frm), _NO_START, frm.astype(np.int64))
    on = out[both["row"].to_numpy(dtype=np.int64)]
    taken = (
        (on >= 0)
        & (both["holder"] != both["nip"]).to_numpy(dtype=bool)
        & (starts <= on)
        & (days >= on)
    )
    out[both["row"].to_numpy(dtype=np.int64)[taken]] = -1
    return out


def _acting_open_past_service(work: Work, served: _Served, which: BoolArray) -> list[Batch]:
    """Notes on acting rows without an end date, starting within their official's service,
    whose official has an ``end_date`` (``acting_open_past_service``): pay and monitoring
    end the assignment with the service. Said so the clerk closes a row left open after a
    retirement; not ``acting_outside_service``, whose advice to correct a date is wrong for
    a Plt still running under a contract's or a retirement's end date ahead."""
    if not which.any():
        return []
    rows = np.flatnonzero(which)
    start = served.start[rows].astype("datetime64[D]").astype(str).astype(object)
    last = served.last[rows].astype("datetime64[D]").astype(str).astype(object)
    return [
        Batch(
            work.spec.name,
            "acting_open_past_service",
            "end_date",
            rows.astype(np.int64),
            start,
            row_fields={
                "nip": work.values("nip").iloc[rows].to_numpy(dtype=object),
                "served_to": last,
            },
        )
    ]


#: The widest gap between two acting rows of one official, post and kind that is noted
#: (``acting_gap``): a week covers a weekend between two surat perintah and a date typed a
#: few days off; a longer break is taken for a break.
ACTING_GAP_DAYS = 7


#: :func:`days_between`'s answer for a row with no closed row of its group before it.
NO_PREVIOUS = np.iinfo(np.int64).min // 4


def days_between(
    group: npt.NDArray[np.integer[Any]],
    start: npt.NDArray[np.integer[Any]],
    end: npt.NDArray[np.integer[Any]],
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.int64]]:
    """Rows in (group, start) order, and per row in that order the days between the end of
    the row before it in its group and its own start (0: it starts the day after; negative:
    they overlap), or :data:`NO_PREVIOUS` for a group's first row and a row after an open
    one (``end`` at :data:`_NO_END`). Days are day numbers.

    The one reading of "consecutive" acting rows (one official, post and kind): 0 joins two
    rows into one assignment for the pay's terms (:func:`tukin.rules.acting._terms`), one to
    :data:`ACTING_GAP_DAYS` is the note ``acting_gap`` (:func:`_acting_gaps`)."""
    order = np.lexsort((start, group))
    g, s, e = group[order], start[order], end[order]
    follows = np.r_[False, (g[1:] == g[:-1]) & (e[:-1] < _NO_END)]
    gap = np.full(len(order), NO_PREVIOUS, dtype=np.int64)
    gap[1:] = np.where(follows[1:], s[1:] - e[:-1] - 1, NO_PREVIOUS)
    return order.astype(np.int64), gap


def _acting_gaps(work: Work, served: _Served) -> list[Batch]:
    """Notes on acting rows that start 1 to :data:`ACTING_GAP_DAYS` days after the same
    official's acting of the same post and kind ended (``acting_gap``, kept). Rows that run
    on from the day after are one assignment for ``acting_supplement``'s terms
    (:func:`tukin.rules.acting._terms`); a gap makes two, each with its own minimum and
    maximum, and an extension typed with a weekend or a typo between would lose a minimum
    or gain a maximum without a word. Vectorised over the acting rows."""
    cols = ("nip", "position_id", "kind")
    if any(c not in work.cells for c in cols):
        return []
    present = served.usable & np.logical_and.reduce([work.cells[c].present for c in cols])
    later = np.flatnonzero(present)
    if len(later) < 2 or not (served.end[later] < _NO_END).any():
        return []
    keys = pd.DataFrame({c: work.cells[c].comparable().to_numpy(dtype=object) for c in cols})
    group = keys.groupby(list(cols), sort=False, dropna=False).ngroup().to_numpy(np.int64)
    sorted_at, gap = days_between(group[later], served.start[later], served.end[later])
    order = later[sorted_at]
    hit = np.flatnonzero((gap >= 1) & (gap <= ACTING_GAP_DAYS))
    if not len(hit):
        return []
    at, before = order[hit], order[hit - 1]
    sort = np.argsort(at, kind="stable")
    at, before, days = at[sort], before[sort], gap[hit][sort]

    def shown(day: npt.NDArray[np.int64]) -> np.ndarray:
        return day.astype("datetime64[D]").astype(str).astype(object)

    return [
        Batch(
            work.spec.name,
            "acting_gap",
            "start_date",
            at.astype(np.int64),
            shown(served.start[at]),
            row_fields={
                "nip": work.values("nip").iloc[at].to_numpy(dtype=object),
                "post": work.values("position_id").iloc[at].to_numpy(dtype=object),
                "days": days.astype(np.int64),
                "end": shown(served.end[before]),
                "next_day": shown(served.end[before] + 1),
            },
        )
    ]


def _acting_overlaps(work: Work, by: str, code: str, served: _Served) -> list[Batch]:
    """Acting rows of one post (``by`` position_id: two officials acting in one post at
    once) or of one employee (``by`` nip: one official acting in two posts at once) whose
    dates overlap: each such row is rejected, naming a row it overlaps (``other_row``,
    ``other_start``), since which of them is meant cannot be told and both would be paid,
    or both answer for the post's items. An empty end date runs on without end.

    The days compared are those in the official's service (``served``), the days pay and
    monitoring count: a Plt row left open after its official retired overlaps nothing past
    the retirement, so the successor's row from then on is no overlap (review 84: both
    rows were rejected, and the retiree's last months unpaid); the row left open gets
    ``acting_outside_service``'s note instead. A row with no day in service overlaps
    nothing.

    Vectorised: rows sorted by group and start; a row overlaps an earlier one of its group
    when the furthest end so far in the group reaches its start."""
    group, start = work.cells[by], work.cells["start_date"]
    first_day, last_day = served.cut_start, served.cut_end
    # an end before its start is date_order's, not an overlap
    rows = np.flatnonzero(group.present & served.usable & (last_day >= first_day))
    if len(rows) < 2:
        return []
    g = pd.factorize(group.comparable().iloc[rows])[0].astype(np.int64)
    s, e = first_day[rows], last_day[rows]
    order = np.lexsort((s, g))
    gs, ss, es = g[order], s[order], e[order]
    frame = pd.DataFrame({"g": gs, "e": es})
    furthest = frame.groupby("g")["e"].cummax().to_numpy()
    at = np.arange(len(order))
    # the row reaching the furthest end so far in its group (the one a later row overlaps)
    holds = np.where(es == furthest, at, -1)
    holder = np.maximum.accumulate(np.where(holds >= 0, holds, 0))  # groups are contiguous
    same_before = np.r_[False, gs[1:] == gs[:-1]]
    prev_far = np.r_[np.iinfo(np.int64).min, furthest[:-1]]
    prev_holder = np.r_[-1, holder[:-1]].astype(np.int64)
    later = same_before & (prev_far >= ss)
    if not later.any():
        return []
    other = np.full(len(order), -1, dtype=np.int64)
    other[later] = prev_holder[later]
    earlier = np.zeros(len(order), dtype=bool)
    earlier[other[later]] = True
    first_other = np.full(len(order), -1, dtype=np.int64)
    first_other[other[later][::-1]] = at[later][::-1]  # an earlier row names its first overlap
    bad = later | earlier
    other = np.where(later, other, first_other)
    hit = np.flatnonzero(bad)
    in_rows = rows[order[hit]]
    other_rows = rows[order[other[hit]]]
    shown = start.values.iloc[in_rows].dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    other_start = start.values.iloc[other_rows].dt.strftime("%Y-%m-%d").to_numpy(dtype=object)
    sort = np.argsort(in_rows, kind="stable")
    return [
        Batch(
            work.spec.name,
            code,
            "start_date",
            in_rows[sort].astype(np.int64),
            shown[sort],
            row_fields={"other_row": other_rows[sort], "other_start": other_start[sort]},
        )
    ]


def _order(work: Work, first: str, second: str, code: str) -> list[Batch]:
    """``second`` must not be below ``first`` where both are given (end >= start, max >= min).

    The problem sits on ``second``; ``date_order`` names the start date in ``detail``,
    ``range_order`` names the target in ``target``.
    """
    low, high = work.cells[first], work.cells[second]
    inverted = low.present & high.present & (high.values < low.values).to_numpy(dtype=bool)
    rows = np.flatnonzero(inverted)
    if not len(rows):
        return []

    def shown(values: pd.Series) -> npt.NDArray[Any]:
        picked = values.iloc[rows]
        if pd.api.types.is_datetime64_any_dtype(picked.dtype):
            picked = picked.dt.strftime("%Y-%m-%d")
        return picked.to_numpy(dtype=object)

    other = "detail" if code == "date_order" else first
    table = work.spec.name
    return [
        Batch(table, code, second, rows, shown(high.values), row_fields={other: shown(low.values)})
    ]


#: Tables whose rows, given twice with the same key and the same value in every column, are
#: read once (``duplicate_row_same``) instead of rejected: an employee's attendance or SKP
#: row for a period, pasted twice into the sheet, says one thing; rejecting both left the
#: employee unpaid for a slip that changes nothing. Other tables keep ``duplicate_key``: the
#: same key twice there is an id given to two things (a unit, a position, an employee, a
#: work item), or a figure whose copies may each be meant (a sanction, a realisation).
READ_ONCE = frozenset({"attendance", "appraisals"})


def _duplicates(work: Work) -> list[Batch]:
    """Every row sharing a key with another is rejected: paying the wrong twin is worse than
    none. In the tables of :data:`READ_ONCE`, rows of one key that are the same in every
    column are no twins to choose from: the first is kept, the others are left out of the
    table (``work.dropped``) with the note ``duplicate_row_same`` naming the row kept."""
    key = work.spec.key
    usable = np.logical_and.reduce([work.cells[k].present for k in key])
    rows = np.flatnonzero(usable)
    if len(rows) < 2:
        return []
    values = pd.Series(_combined([_hashable(work.cells[k], rows) for k in key]))
    if values.dtype.kind in "iu" and not _any_equal(values.to_numpy()):
        return []  # the usual case: stop before numbering anything
    dup = values.duplicated(keep=False).to_numpy()
    if not dup.any():
        return []
    dup_rows, dup_code = rows[dup], pd.factorize(values[dup])[0]
    order = np.lexsort((dup_rows, dup_code))
    dup_rows, dup_code = dup_rows[order], dup_code[order]
    starts = np.flatnonzero(np.r_[True, dup_code[1:] != dup_code[:-1]])
    group = np.repeat(np.arange(len(starts)), np.diff(np.r_[starts, len(dup_code)]))
    first, second = dup_rows[starts][group], dup_rows[starts + 1][group]
    out: list[Batch] = []
    if work.spec.name in READ_ONCE:
        same = _all_alike(work, dup_rows, group)
        if same.any():
            copies = same & (dup_rows != first)
            rows_, first_ = dup_rows[copies], first[copies]
            work.dropped = np.zeros(work.n, dtype=bool)
            work.dropped[rows_] = True
            out.append(
                Batch(
                    work.spec.name,
                    "duplicate_row_same",
                    "/".join(key),
                    rows_,
                    np.array(work.key_text(rows_), dtype=object),
                    row_fields={"other_row": first_},
                )
            )
            dup_rows, first, second = dup_rows[~same], first[~same], second[~same]
    if not len(dup_rows):
        return out
    other = np.where(dup_rows == first, second, first)
    keys = np.array(work.key_text(dup_rows), dtype=object)
    code = np.full(len(dup_rows), "duplicate_key", dtype=object)
    if work.spec.name == "employees" and "start_date" in work.cells and "end_date" in work.cells:
        # a NIP twice whose two rows' dates do not overlap is most likely a change of
        # position typed as a second row: the message points to position_history
        sizes = np.bincount(group)
        s = _days(work.cells["start_date"], _NO_START)
        e = _days(work.cells["end_date"], _NO_END)
        apart = (e[dup_rows] < s[other]) | (e[other] < s[dup_rows])
        code[(sizes[group] == 2) & apart] = "employee_positions_twice"
    for name in ("duplicate_key", "employee_positions_twice"):
        mine = code == name
        if mine.any():
            out.append(
                Batch(
                    work.spec.name,
                    name,
                    "/".join(key),
                    dup_rows[mine],
                    keys[mine],
                    row_fields={"other_row": other[mine]},
                )
            )
    return out


def _all_alike(work: Work, rows: IntArray, group: IntArray) -> BoolArray:
    """For each of ``rows`` (grouped by key: ``group``), whether every row of its group holds
    the same in every column: the contract's and the codes' as read (a typed value; the text
    given where it could not be read), the extra columns as given. Only rows sharing a key
    are compared: a few, however long the table."""
    parts: list[Any] = [group]
    for name, cell in work.cells.items():
        typed = cell.comparable().iloc[rows].to_numpy(dtype=object)
        if name in work.raw:
            bad = ~cell.present[rows] & ~cell.null[rows]
            raw = work.raw[name].iloc[rows].to_numpy(dtype=object)
            for i in np.flatnonzero(bad):  # only rows sharing a key, with a bad cell
                typed[i] = ("unread", str(raw[i]))
        parts.append(typed)
    parts += [work.raw[extra].iloc[rows].to_numpy(dtype=object) for extra in work.extras]
    codes = np.column_stack(
        [pd.factorize(pd.Series(p, dtype=object), use_na_sentinel=False)[0] for p in parts]
    )
    kinds = pd.DataFrame(codes).drop_duplicates()
    per_group = np.bincount(kinds[0].to_numpy(), minlength=int(group.max()) + 1)
    return np.asarray(per_group[group] == 1, dtype=bool)


def _overlaps(work: Work) -> list[Batch]:
    """Rows of one work item whose periods overlap (a month inside a quarter, caturwulan or
    year given for the same item, a quarter and a caturwulan sharing months) are rejected,
    every one of them, each naming a row it overlaps (``other_row``, ``other_period``).

    Budget amounts are per period and summed over a window: a monthly row and the quarterly
    recap of the same months would count the money twice. Which of them is right cannot be
    told (the recap may be complete where the months are not, or the months corrected after
    it), so, as with duplicate keys, none is counted and the officer keeps one or the other.
    The same period twice is a ``duplicate_key``, not an overlap. Indicator realisations are
    not checked: one of them is chosen per period (``periods``), never summed.

    Vectorised: the distinct (item, period) pairs sorted by item, start and longest first;
    a pair overlaps an earlier one when the furthest end so far reaches its start, or the next
    one when that starts before its own end.
    """
    item_cell, period_cell = work.cells["work_item_id"], work.cells["period"]
    rows = np.flatnonzero(item_cell.present & period_cell.present)
    if len(rows) < 2:
        return []
    p_codes, uniq = pd.factorize(period_cell.values.iloc[rows])
    p_uniq = np.asarray(uniq, dtype=object)
    spans = [Period.parse(str(p)) for p in p_uniq]
    if len({p.kind for p in spans}) < 2:
        return []  # the usual case: periods of one kind (all months) never overlap
    month = np.array(
        [[p.start.year * 12 + p.start.month, p.end.year * 12 + p.end.month] for p in spans],
        dtype=np.int64,
    )
    item = pd.factorize(item_cell.comparable().iloc[rows])[0].astype(np.int64)
    width = len(p_uniq)
    pairs, first, inverse = np.unique(
        item * width + p_codes, return_index=True, return_inverse=True
    )
    u_item, start, end = pairs // width, month[pairs % width, 0], month[pairs % width, 1]
    order = np.lexsort((-end, start, u_item))
    it, st, en = u_item[order], start[order], end[order]
    m = len(order)
    same_next = np.r_[it[1:] == it[:-1], False]
    later = same_next & (np.r_[st[1:], 0] <= en)
    reach = it * (int(en.max()) + 1) + en  # item first: the running maximum stays per item
    furthest = np.maximum.accumulate(reach)
    holder = np.maximum.accumulate(np.where(reach == furthest, np.arange(m), 0))
    base = np.r_[-1, it[:-1]] * (int(en.max()) + 1)
    earlier = np.r_[False, same_next[:-1]] & (np.r_[-1, furthest[:-1]] - base >= st)
    other_sorted = np.where(earlier, np.r_[-1, holder[:-1]], np.where(later, np.arange(m) + 1, -1))
    bad_sorted = earlier | later
    if not bad_sorted.any():
        return []
    bad_pair = np.zeros(m, dtype=bool)
    bad_pair[order] = bad_sorted
    other_pair = np.full(m, -1, dtype=np.int64)
    other_pair[order] = np.where(bad_sorted, order[np.maximum(other_sorted, 0)], -1)
    hit = np.flatnonzero(bad_pair[inverse])
    other = other_pair[inverse[hit]]
    return [
        Batch(
            work.spec.name,
            "overlapping_period",
            "period",
            rows[hit],
            p_uniq[p_codes[hit]],
            row_fields={
                "other_row": rows[first[other]],
                "other_period": p_uniq[pairs[other] % width],
            },
        )
    ]


def _combined(parts: list[Any]) -> Any:
    """One value per row, equal exactly where the rows are equal in every part (a key's
    columns): int64 where it can be.

    NIPs (int64) and the codes of the other parts become one mixed-radix number when their
    spans fit int64 together (NIPs of one century with a year of periods do), so the NIPs
    are never hashed; otherwise each step factorises the pair so far.
    """
    if len(parts) == 1:
        return parts[0]
    digits = []
    for part in parts:
        if isinstance(part, np.ndarray):
            digits.append((part, int(part.min()), int(part.max())))
        else:
            codes, uniques = pd.factorize(part, use_na_sentinel=False)
            digits.append((codes.astype(np.int64, copy=False), 0, len(uniques) - 1))
    number = mixed_radix(digits)
    if number is not None:
        return number
    combined = parts[0]
    for i, part in enumerate(parts[1:], start=2):
        first, _ = pd.factorize(combined) if i == 2 else (combined, None)
        codes, uniques = pd.factorize(part)
        combined = first * (len(uniques) + 1) + codes  # below n**2: no overflow
        if i < len(parts):
            combined, _ = pd.factorize(combined)  # re-pack before the next part
    return combined


def _any_equal(values: npt.NDArray[Any]) -> bool:
    """Whether two of ``values`` (integers) are equal: sorting a million int64 is four times
    faster than hashing them, and ten times at four million, where the hash table no longer
    fits in the cache."""
    ordered = np.sort(values)
    return bool((ordered[1:] == ordered[:-1]).any())


def _hashable(cell: Coerced, rows: IntArray) -> Any:
    """The cell values at ``rows`` (all present), NIPs as plain int64: a masked Int64 column
    hashes about four times slower, which is a second on a million employees."""
    values = cell.comparable().iloc[rows]
    return values.to_numpy(dtype=np.int64) if cell.ints is not None else values


def _unknown(work: Work, col: Column, target: Work, refused: bool = False) -> list[Batch]:
    """References to nothing (``unknown_reference``, one per row): a typo, a row left out.

    When the referenced table was refused as a whole without its key column (a header
    nobody could read, a required table not given: ``refused`` and the key not in it), no
    reference into it can be found, nor told apart from a typo: each is that refusal's
    consequence (``rejected_upstream``, naming it), as a reference to a rejected row is, and
    the report says "correct the table" once, not "unknown" once per row. A refused table
    whose ids can be read is judged as any other: an id it does not hold is unknown."""
    assert col.ref is not None
    cell = work.cells[col.name]
    if refused and col.ref[1] not in target.raw.columns:
        rows = np.flatnonzero(cell.present)
        if not len(rows):
            return []
        values = cell.values.iloc[rows].to_numpy(dtype=object)
        return [
            Batch(
                work.spec.name,
                "rejected_upstream",
                col.name,
                rows.astype(np.int64),
                values,
                fields={"target": col.ref[0]},
                detail_code="upstream_refused",
                cause=(col.ref[0], np.full(len(rows), -1, dtype=np.int64)),
            )
        ]
    key = target.cells[col.ref[1]].comparable()
    found = first_rows_in(cell.comparable(), key)
    if found is None:
        missing = cell.present & ~isin(cell.comparable(), key.dropna())
    else:
        missing = cell.present & (found < 0)
        work.refs[col.name] = found
    target_name = f"{col.ref[0]}.{col.ref[1]}"
    out = batch(
        work.spec.name, "unknown_reference", col.name, missing, cell.values, target=target_name
    )
    if out and col.ref == ("employees", "nip"):
        out = _with_near_nips(out[0], key, work, col.name)
    if work.spec.name == "position_history" and col.ref == ("employees", "nip"):
        # an earlier position without the employee's current row: say where that row goes
        out = [
            b if b.detail_code else replace(b, detail_code="history_needs_employee") for b in out
        ]
    return out


#: Unknown NIPs looked at for a near one: a few typos, not a file of another agency's staff.
NEAR_NIPS_AT_MOST = 1000


def _with_near_nips(b: Batch, known: pd.Series, work: Work, column: str) -> list[Batch]:
    """``b`` (NIPs no employee has) with, for each NIP one typo away from exactly one
    employee's, that NIP: one digit mistyped or two neighbours swapped (``…1204`` for
    ``…1024``), the two slips of keying an 18-digit number. The row is still refused, for the
    officer to correct; the employee it was meant for otherwise goes unpaid with only "no
    attendance row" to go on.

    In a table by period (attendance, appraisals) an employee who has a row of their own for
    the row's period is not the one it was meant for: NIPs of staff born on the same day and
    appointed in the same month differ in a digit or two, so the nearest NIP of a large
    agency is often a colleague already reported. Of the others, one is named only when it
    is the only one: two would be a guess. Cheap at a million rows: only the refused NIPs (at
    most :data:`NEAR_NIPS_AT_MOST`) are looked at, and only the rows of the employees one slip
    from them are read for their periods."""
    assert b.values is not None and b.rows is not None
    texts = [str(v) for v in b.values[:NEAR_NIPS_AT_MOST]]
    wanted = {t: _one_slip(t) for t in set(texts) if len(t) == NIP_LENGTH and t.isdigit()}
    if not wanted:
        return [b]
    candidates = sorted({c for cs in wanted.values() for c in cs})
    numbers = known.dtype.kind in "iu" or str(known.dtype) == "Int64"  # NIPs as integers

    def probe(nips: list[str]) -> pd.Series:
        return pd.Series(
            [int(c) for c in nips] if numbers else nips,
            dtype=known.dtype if numbers else object,
        )

    hits = sorted(c for c, ok in zip(candidates, isin(probe(candidates), known), strict=True) if ok)
    # (employee NIP, period) of the rows of this table naming an employee one slip away
    reported: set[tuple[str, Any]] = set()
    period = work.cells.get("period")
    if hits and period is not None:
        cell = work.cells[column].comparable()
        rows = np.flatnonzero(isin(cell, probe(hits)))
        nips = cell.iloc[rows].to_numpy(dtype=object)
        periods = period.comparable().iloc[rows].to_numpy(dtype=object)
        reported = {
            (str(int(n)) if numbers else str(n), p) for n, p in zip(nips, periods, strict=True)
        }
    own = (
        None
        if period is None
        else period.comparable().iloc[b.rows[: len(texts)]].to_numpy(dtype=object)
    )
    hit_set = set(hits)
    near = np.full(len(b.rows), "", dtype=object)
    for i, t in enumerate(texts):
        found = [
            c
            for c in wanted.get(t, ())
            if c in hit_set and (own is None or (c, own[i]) not in reported)
        ]
        if len(found) == 1:
            near[i] = found[0]
    has = near != ""
    if not has.any():
        return [b]
    plain = replace(b, rows=b.rows[~has], values=b.values[~has])
    hinted = replace(
        b,
        rows=b.rows[has],
        values=b.values[has],
        row_fields={"near": near[has]},
        detail_code="nip_near",
    )
    return [x for x in (plain, hinted) if len(x)]


def _one_slip(nip: str) -> set[str]:
    """The NIPs one slip of the keyboard from ``nip``: a digit changed, two neighbours swapped."""
    out = {nip[:i] + d + nip[i + 1 :] for i in range(len(nip)) for d in "0123456789"}
    out |= {nip[:i] + nip[i + 1] + nip[i] + nip[i + 2 :] for i in range(len(nip) - 1)}
    out.discard(nip)
    return out


def _cycles(work: Work, column: str) -> list[Batch]:
    assert work.parent is not None
    forest = _graph.analyse(work.parent)
    if not forest.on_cycle.any():
        return []
    found = _graph.cycles(work.parent, forest.on_cycle)
    rows = [row for members in found for row in members]
    names = dict(zip(rows, work.key_text(np.asarray(rows, dtype=np.int64)), strict=True))
    paths = []
    for members in found:
        shown = [str(names[m]) for m in members[:8]] + (["…"] if len(members) > 8 else [])
        paths += [" → ".join([*shown, str(names[members[0]])])] * len(members)
    order = np.argsort(rows, kind="stable")
    row_array = np.asarray(rows, dtype=np.int64)[order]
    keys = np.array([names[r] for r in row_array.tolist()], dtype=object)
    return [
        Batch(
            work.spec.name,
            "cycle",
            column,
            row_array,
            keys,
            row_fields={"detail": np.asarray(paths, dtype=object)[order]},
        )
    ]


def _levels(work: Work) -> list[Batch]:
    """A program has no parent; a kegiatan's parent is a program; a sub kegiatan's a kegiatan.

    Only a parent that is present and has a valid level is judged; a bad parent is reported on
    its own row and its children follow it out through the cascade.
    """
    assert work.parent is not None
    level_s = work.values("level").astype(object).fillna("")  # "" = no valid level
    level = level_s.to_numpy()
    parent_id = work.cells["parent_id"]
    program_with_parent = (level == "program") & ~parent_id.null
    out = [
        replace(b, detail_code="level_program_parent")
        for b in batch(
            "work_items", "invalid_level", "parent_id", program_with_parent, parent_id.values
        )
    ]
    has_parent = work.parent >= 0
    parent_level = np.where(has_parent, level[np.maximum(work.parent, 0)], "")
    expected = level_s.map(_LEVEL_PARENT).fillna("").to_numpy()
    wrong = has_parent & (expected != "") & (parent_level != "") & (parent_level != expected)
    rows = np.flatnonzero(wrong)
    if len(rows):
        out.append(
            Batch(
                "work_items",
                "invalid_level",
                "parent_id",
                rows,
                parent_id.values.iloc[rows].to_numpy(dtype=object),
                row_fields={
                    "level": level[rows],
                    "expected": expected[rows],
                    "actual": parent_level[rows],
                },
                detail_code="level_parent",
            )
        )
    return out


# -- phase 3: cascade --------------------------------------------------------------------------


def cascade(name: str, works: dict[str, Work]) -> list[Batch]:
    """Reject rows that refer to rejected rows: other tables first, then down parent links."""
    work = works[name]
    out: list[Batch] = []
    if work.n == 0:
        return out
    for col in work.spec.columns:
        if col.ref is None or col.ref[0] == name:
            continue
        target = works[col.ref[0]]
        if not target.rejected.any():
            continue
        cell, key = work.cells[col.name], target.cells[col.ref[1]].comparable()
        values = cell.comparable()
        known = cell.present & isin(values, key.dropna())
        hit = ~work.rejected & known & ~isin(values, key[~target.rejected].dropna())
        rows = np.flatnonzero(hit)
        if len(rows):
            cause_rows = _graph.parent_index(key, values.iloc[rows])
            out.append(
                _upstream(name, col.name, rows, cell.values.iloc[rows], col.ref[0], cause_rows)
            )
            work.rejected[rows] = True
    if work.parent is not None:
        nearest = _graph.nearest_marked_ancestor(work.parent, work.rejected)
        rows = np.flatnonzero(~work.rejected & (nearest >= 0))
        if len(rows):
            column = next(c.name for c in work.spec.columns if c.ref and c.ref[0] == name)
            values = work.values(column).iloc[rows]
            out.append(_upstream(name, column, rows, values, name, nearest[rows]))
            work.rejected[rows] = True
    return out


def _upstream(
    table: str,
    column: str,
    rows: IntArray,
    values: pd.Series,
    cause_table: str,
    cause_rows: IntArray,
) -> Batch:
    return Batch(
        table,
        "rejected_upstream",
        column,
        rows,
        values.to_numpy(dtype=object),
        detail_code="upstream_cause",
        cause=(cause_table, cause_rows.astype(np.int64)),
    )
