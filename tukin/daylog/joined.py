"""A punch log joined with a file of day statuses: the scans give the times, the file the
statuses (sakit, cuti, dinas luar), which a machine never records.

The status file is a daily log without times: a NIP, a date and a status per row, read by
the daily log's reader and rules. Each status row on a day the punch log has scans for takes
that day's times (a status decides the day, its times shown; a ``present`` status has its
times judged), and the scans' day row gives way to it, so that one row per employee and day
remains; a status row on a day without scans is a day of its own. Every row keeps its file:
a problem names the status file's row and column, or the punch log's; the days behind the
counts name the first scan's row (``row``) and the status row (``status_row``) apart.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from tukin.daylog.frames import Located
from tukin.daylog.log import LogCells
from tukin.errors import Lang

__all__ = ["Joined", "join_statuses"]


@dataclass
class Joined(Located):
    """Where a row of the joined log is: the punch log's rows first (``first``), then the
    status file's (``second``, from row ``split`` on). ``scan_row``: per status row, the
    punch log row of the first scan of the day it took the times of (-1: none)."""

    first: Located | None = None
    second: Located | None = None
    split: int = 0
    scan_row: npt.NDArray[np.int64] | None = None

    def _parts(self, rows: npt.NDArray[np.int64]) -> tuple[Any, Any]:
        rows = np.asarray(rows, dtype=np.int64)
        return rows < self.split, rows

    def source(self, rows: npt.NDArray[np.int64], column: str | None) -> npt.NDArray[np.int64]:
        assert self.first is not None and self.second is not None
        mine, rows = self._parts(rows)
        out = rows.copy()
        out[mine] = self.first.source(rows[mine], column)
        out[~mine] = self.second.source(rows[~mine] - self.split, column)
        return out

    def label(
        self, rows: npt.NDArray[np.int64], column: str | None = None
    ) -> npt.NDArray[np.int64]:
        assert self.first is not None and self.second is not None
        mine, rows = self._parts(rows)
        out = rows.copy()
        out[mine] = self.first.label(rows[mine], column)
        out[~mine] = self.second.label(rows[~mine] - self.split, column)
        return out

    def location(self, row: int, column: str | None) -> str | None:
        assert self.first is not None and self.second is not None
        if row < self.split:
            return self.first.location(row, column)
        return self.second.location(row - self.split, column)

    def locations(self, rows: npt.NDArray[np.int64], column: str | None, lang: Lang) -> pd.Series:
        assert self.first is not None and self.second is not None
        mine, rows = self._parts(rows)
        out = np.empty(len(rows), dtype=object)
        out[mine] = self.first.locations(rows[mine], column, lang).to_numpy(dtype=object)
        out[~mine] = self.second.locations(rows[~mine] - self.split, column, lang).to_numpy(
            dtype=object
        )
        return pd.Series(out, dtype=object)

    def day_rows(
        self, rows: npt.NDArray[np.int64]
    ) -> tuple[
        npt.NDArray[np.int64], npt.NDArray[np.bool_], npt.NDArray[np.int64], npt.NDArray[np.bool_]
    ]:
        """For the days behind the counts: per joined row, the punch log row of its first
        scan and whether it has one, the status file row and whether it has one."""
        assert self.first is not None and self.second is not None and self.scan_row is not None
        mine, rows = self._parts(rows)
        scan = np.zeros(len(rows), dtype=np.int64)
        scan[mine] = self.first.label(rows[mine])
        taken = self.scan_row[np.where(mine, 0, rows - self.split)]
        from_status = ~mine & (taken >= 0)
        scan[from_status] = self.first.raw_label(self.first.frame_rows(taken[from_status]))
        status = np.zeros(len(rows), dtype=np.int64)
        status[~mine] = self.second.label(rows[~mine] - self.split)
        return scan, mine | from_status, status, ~mine


def join_statuses(
    punch: LogCells, punch_at: Located, groups: int, status: LogCells, status_at: Located
) -> tuple[LogCells, Joined]:
    """The punch log's day rows (its first ``groups`` rows; the rest are scans rejected) and
    the status file's rows as one log: each status row on a day with scans takes the day's
    times, and that day's scan row is left out."""
    day_int = punch.date[:groups].astype("datetime64[D]").astype(np.int64)
    s_day = status.date.astype("datetime64[D]")
    s_ok = status.nip.notna().to_numpy() & ~np.isnat(s_day)
    left = pd.DataFrame({"k": punch.nip_int[:groups], "d": day_int, "g": np.arange(groups)})
    right = pd.DataFrame(
        {
            "k": status.nip_int[s_ok],
            "d": s_day[s_ok].astype(np.int64),
            "s": np.flatnonzero(s_ok),
        }
    )
    pairs = left.merge(right, on=["k", "d"])
    g, s = pairs["g"].to_numpy(dtype=np.int64), pairs["s"].to_numpy(dtype=np.int64)
    n_s = len(status)
    cin, cout = np.full(n_s, -1, np.int64), np.full(n_s, -1, np.int64)
    marks, scans = np.zeros(n_s, dtype=bool), np.zeros(n_s, dtype=np.int64)
    taken = np.full(n_s, -1, dtype=np.int64)
    cin[s], cout[s] = punch.check_in[g], punch.check_out[g]
    assert punch.no_marks is not None and punch.scans is not None and punch_at.rows is not None
    marks[s], scans[s] = punch.no_marks[g], punch.scans[g]
    taken[s] = punch_at.rows[""][g]
    keep = np.ones(len(punch), dtype=bool)
    keep[g] = False
    kept = np.flatnonzero(keep)
    into = np.full(len(punch), -1, dtype=np.int64)
    into[kept] = np.arange(len(kept))
    split = len(kept)
    problems = [replace(b, rows=into[b.rows]) for b in punch.problems if b.rows is not None]
    problems += [replace(b, rows=b.rows + split) for b in status.problems if b.rows is not None]
    cells = LogCells(
        pd.Series(
            np.concatenate(
                [punch.nip.to_numpy(dtype=object)[kept], status.nip.to_numpy(dtype=object)]
            ),
            dtype=object,
        ),
        np.concatenate([punch.nip_int[kept], status.nip_int]),
        np.concatenate([punch.date[kept], status.date]).astype("datetime64[D]"),
        np.concatenate([punch.check_in[kept], cin]),
        np.concatenate([punch.check_out[kept], cout]),
        pd.Series(
            np.concatenate(
                [punch.status.to_numpy(dtype=object)[kept], status.status.to_numpy(dtype=object)]
            ),
            dtype=object,
        ),
        pd.Series(
            np.concatenate(
                [
                    punch.status_given.to_numpy(dtype=object)[kept],
                    status.status_given.to_numpy(dtype=object),
                ]
            ),
            dtype=object,
        ),
        problems,
        no_marks=np.concatenate([punch.no_marks[kept], marks]),
        scans=np.concatenate([punch.scans[kept], scans]),
    )
    first = Located(
        punch_at.raw,
        punch_at.positions,
        {k: v[kept] for k, v in punch_at.rows.items()},
        punch_at.kept,
    )
    joined = Joined(None, {}, first=first, second=status_at, split=split, scan_row=taken)
    return cells, joined
