"""Who held a post, and for which days: the holders a monitoring report names.

A post's holders in a period are the employees whose row names it (from its ``start_date``,
the TMT of the position now held), the earlier positions of ``position_history`` (an employee
promoted on 15 February held his old post until the 14th) and the acting officials (Plt /
Plh). A Q1 report of a kepala seksi appointed on 15 February names both: the one who left
the post and the one who took it, each with the days they held it within the period
(``Budi (2026-01-01–2026-02-14); Ani (2026-02-15–2026-03-31)``). A holder serving the whole
period is named alone, as before; a post held for only part of the period shows which part,
so the days nobody held it are read off the dates. Dates are ISO (``YYYY-MM-DD``): the
column is the same in both languages, and an auditor reads it without a locale.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.period import Period

__all__ = ["acting_appointed", "history_holders", "holder_labels", "labels_of", "posts_held"]

#: The columns of a holders frame: who (the label a report shows), where and when.
COLUMNS = ["nip", "name", "position_id", "start_date", "end_date"]


def labels_of(ds: Dataset, nip: pd.Series) -> pd.Series:
    """Per NIP of ``nip`` (text), the employee's name, else the NIP itself: how a report
    names a holder. Only the employees among ``nip`` are looked up (the few with a history
    or acting row, not the million of a province); a NIP twice in employees takes its first
    name."""
    emp = ds["employees"]
    emp = emp[emp["nip"].astype(str).isin(pd.Index(nip.unique()))]
    if "name" not in emp.columns:
        return nip.astype(str)
    names = emp["name"].astype(object)
    names.index = emp["nip"].astype(str).to_numpy()
    names = names[~names.index.duplicated()]
    name = nip.map(names.where(names.notna(), None)).astype(object)
    return name.where(name.notna(), nip).astype(str)


def acting_appointed(ds: Dataset) -> np.ndarray:
    """Per row of ``ds``'s ``acting`` table, the day its official was appointed to the post
    they act in, where the row runs into it (``datetime64[D]``, NaT: not cut): a Plt of a
    bidang from 1 March, appointed to it on 15 March with the row left open, acted to 14
    March; from the appointment the post is their own (no supplement, and the holder shown
    without "(Plt)"). Validation notes such a row (``acting_cut_at_appointment``) with the
    same reading (:func:`tukin._relations.own_post_days`); pay
    (:mod:`tukin.rules.acting`) and monitoring (:func:`tukin.hierarchy.acting_holders`)
    end the row the day before.

    The posts held are the employees row's (from its ``start_date``, none: always, to its
    ``end_date``) and the ``position_history`` rows'; only the few acting officials' rows are
    looked at (isin), and nothing at all without acting rows."""
    from tukin._relations import _NO_END, _NO_START, own_post_days

    if "acting" not in ds:
        return np.full(0, np.datetime64("NaT"), "datetime64[D]")
    acting = ds["acting"]
    out = np.full(len(acting), np.datetime64("NaT"), "datetime64[D]")
    if acting.empty:
        return out
    nip = acting["nip"].astype(str)
    posts = posts_held(ds, pd.Index(nip.unique()))
    if posts.empty:
        return out

    def days(dates: pd.Series, missing: int) -> np.ndarray:
        d = pd.to_datetime(dates).to_numpy().astype("datetime64[D]")
        return np.where(np.isnat(d), missing, d.astype(np.int64)).astype(np.int64)

    held = pd.DataFrame(
        {
            "nip": posts["nip"].to_numpy(dtype=object),
            "post": posts["position_id"].astype(str).to_numpy(dtype=object),
            "from": days(posts["start"], _NO_START),
            "to": days(posts["end"], _NO_END),
        }
    )
    acted = pd.DataFrame(
        {
            "nip": nip.to_numpy(dtype=object),
            "post": acting["position_id"].astype(str).to_numpy(dtype=object),
            "s": days(acting["start_date"], _NO_START),
            "e": days(acting["end_date"], _NO_END),
        }
    )
    own, appointed = own_post_days(acted, held)
    cut = ~own & (appointed < _NO_END)
    out[cut] = appointed[cut].astype("datetime64[D]")
    return out


def posts_held(ds: Dataset, nips: pd.Index) -> pd.DataFrame:
    """The posts the employees of ``nips`` (NIPs as text) held, with their days: per row
    ``nip`` (text), ``position_id``, ``start`` / ``end`` (``datetime64[ns]``; NaT: not given),
    ``kelas`` (the post's grade, float; NaN where the post has none) and ``current`` (True:
    the employees row, the post held now; False: a ``position_history`` row). The employees
    rows first, then the history rows, each in table order. Only the rows of ``nips`` are
    read (the few acting officials, not a province's million).

    The one frame of "posts held with days" on a Dataset, read by the pay
    (:func:`tukin.rules.acting._own_posts`: the own post of each acting day), monitoring
    (:func:`tukin.hierarchy.acting_holders`: the service an acting is cut to) and
    :func:`acting_appointed`. What each makes of a missing value is its own, and said
    there: an employees row without a ``start_date`` holds since ever for all three (NaT
    ``start``); a post without a kelas holds no day for the pay (no relation can be told)
    but does for monitoring and the appointment (the holder is named, the post is theirs).
    A history row without its dates holds no day for validation (which sees raw cells,
    :func:`tukin._relations._acting_own_post`); in a Dataset it has them (required)."""
    frames = []
    grades: pd.Series | None = None
    for name, current in (("employees", True), ("position_history", False)):
        if name not in ds:
            continue
        table = ds[name]
        table = table[table["nip"].astype(str).isin(nips).to_numpy(dtype=bool)]
        if table.empty:
            continue
        if grades is None:
            grades = ds["positions"].set_index("position_id")["grade"]
            grades = grades[~grades.index.duplicated()]
        frames.append(
            pd.DataFrame(
                {
                    "nip": table["nip"].astype(str).to_numpy(dtype=object),
                    "position_id": table["position_id"].to_numpy(dtype=object),
                    "start": _dates(table, "start_date").to_numpy(),
                    "end": _dates(table, "end_date").to_numpy(),
                    "kelas": grades.reindex(table["position_id"]).to_numpy(dtype=float),
                    "current": current,
                }
            )
        )
    if not frames:
        return pd.DataFrame(
            {
                "nip": pd.Series(dtype=object),
                "position_id": pd.Series(dtype=object),
                "start": pd.Series(dtype="datetime64[ns]"),
                "end": pd.Series(dtype="datetime64[ns]"),
                "kelas": pd.Series(dtype=float),
                "current": pd.Series(dtype=bool),
            }
        )
    return pd.concat(frames, ignore_index=True)


def history_holders(ds: Dataset) -> pd.DataFrame | None:
    """The ``position_history`` rows of ``ds`` as holders of their posts (the columns of
    :data:`COLUMNS`, the name being the employee's, else the NIP); None without such rows.

    Only the few employees with a history row are looked up, not the million of a province."""
    if "position_history" not in ds:
        return None
    hist = ds["position_history"]
    if hist.empty:
        return None
    nip = hist["nip"].astype(str)
    label = labels_of(ds, nip)
    return pd.DataFrame(
        {
            "nip": nip.to_numpy(dtype=object),
            "name": label.to_numpy(dtype=object),
            "position_id": hist["position_id"].astype(object).to_numpy(),
            "start_date": pd.to_datetime(hist["start_date"]).to_numpy(),
            "end_date": pd.to_datetime(hist["end_date"]).to_numpy(),
        }
    )


def holder_labels(
    position_ids: pd.Series, holders: list[pd.DataFrame], period: Period | None
) -> pd.Series:
    """Per position id of ``position_ids``, its holders' labels joined by ``"; "`` (None for
    a post nobody holds). ``holders``: frames with ``position_id`` and a ``name`` (else
    ``nip``) column, and optionally ``start_date`` / ``end_date``, in the order they are
    named when nothing else orders them (employees, then history, then acting officials).

    With a ``period`` (the holders already those serving in it), each holder's days are cut
    to the period; one serving only part of it is named with those days, and the holders of
    a post are named in the order they took it. Vectorised: one sort and one join per post
    (a province's million employees in a few hundred milliseconds)."""
    frames = [h for h in holders if h is not None and not h.empty]
    if not frames:
        return pd.Series([None] * len(position_ids), index=position_ids.index, dtype=object)
    label = pd.concat([_label(h) for h in frames], ignore_index=True)
    post = pd.concat([h["position_id"].astype(object) for h in frames], ignore_index=True)
    if period is not None:
        start, end = pd.Timestamp(period.start), pd.Timestamp(period.end)
        first = pd.concat([_dates(h, "start_date") for h in frames], ignore_index=True)
        last = pd.concat([_dates(h, "end_date") for h in frames], ignore_index=True)
        first = first.where(first.notna() & (first > start), start)
        last = last.where(last.notna() & (last < end), end)
        nip = pd.concat([_nips(h) for h in frames], ignore_index=True)
        label, post, first, last = _joined(label, post, nip, first, last)
    codes, keys = pd.factorize(post, use_na_sentinel=True)
    labels = label.to_numpy(dtype=object)
    if period is not None:
        part = ((first > start) | (last < end)).to_numpy(dtype=bool)
        if part.any():
            days = first[part].dt.strftime("%Y-%m-%d") + "–" + last[part].dt.strftime("%Y-%m-%d")
            labels[part] = (label[part] + " (" + days + ")").to_numpy(dtype=object)
        order = np.lexsort((first.to_numpy(), codes))  # by post, then the day each took it
    else:
        order = np.argsort(codes, kind="stable")
    order = order[codes[order] >= 0]
    cuts = np.flatnonzero(np.diff(codes[order])) + 1
    ordered = labels[order].tolist()
    starts = [0, *cuts.tolist()]
    ends = [*cuts.tolist(), len(ordered)]
    joined = ["; ".join(ordered[a:b]) for a, b in zip(starts, ends, strict=True)]
    names = pd.Series(
        joined, index=keys[codes[order][starts]] if len(order) else keys[:0], dtype=object
    )
    return position_ids.astype(object).map(names).astype(object)


def _nips(holders: pd.DataFrame) -> pd.Series:
    """A holders frame's NIPs (None where it has none)."""
    if "nip" not in holders.columns:
        return pd.Series([None] * len(holders), dtype=object)
    return holders["nip"].astype(object).reset_index(drop=True)


def _joined(
    label: pd.Series, post: pd.Series, nip: pd.Series, first: pd.Series, last: pd.Series
) -> tuple[pd.Series, pd.Series, pd.Series, pd.Series]:
    """The rows of one holder of one post (same NIP, same label: a Plt of his own post is
    not its holder) whose days meet or overlap, joined into one: a CPNS appointed PNS in the
    same post (a ``position_history`` row ending the day before the employees row's TMT)
    held it without a break and is one holder, not two with split days. Vectorised: the
    few rows of a holder named twice for a post are sorted, a running maximum of the last
    day telling where a break begins."""
    if len(label) < 2:
        return label, post, first, last
    key = np.zeros(len(label), dtype=np.int64)
    for column in (post, nip, label):
        codes, uniques = pd.factorize(column, use_na_sentinel=False)
        key = pd.factorize(key * (len(uniques) + 1) + codes)[0].astype(np.int64)
    twice = np.flatnonzero(pd.Series(key).duplicated(keep=False).to_numpy(dtype=bool))
    if not len(twice):
        return label, post, first, last
    order = twice[np.lexsort((first.to_numpy()[twice], key[twice]))]
    h = key[order]
    f = first.to_numpy()[order]
    reach = pd.Series(last.to_numpy()[order]).groupby(h).cummax().to_numpy()
    same = np.r_[False, h[1:] == h[:-1]]
    before = np.r_[f[:1], reach[:-1]]  # the latest day the holder's earlier rows reached
    joins = same & (f <= before + np.timedelta64(1, "D"))
    if not joins.any():
        return label, post, first, last
    run = np.cumsum(~joins) - 1
    ends = pd.Series(reach).groupby(run).max().to_numpy()
    given = pd.Series(order).groupby(run).min().to_numpy()  # where each holder was given
    heads = order[~joins]  # each run's earliest row
    keep = np.ones(len(label), dtype=bool)
    keep[order] = False
    keep[given] = True  # each run at the place of its first given row
    at = np.flatnonzero(keep)
    first, last = first.copy(), last.copy()
    first.iloc[given] = first.to_numpy()[heads]
    last.iloc[given] = ends
    return (
        label.iloc[at].reset_index(drop=True),
        post.iloc[at].reset_index(drop=True),
        first.iloc[at].reset_index(drop=True),
        last.iloc[at].reset_index(drop=True),
    )


def _label(holders: pd.DataFrame) -> pd.Series:
    """A holder's label: the name, else the NIP."""
    nip = holders["nip"].astype(object) if "nip" in holders.columns else None
    if "name" not in holders.columns:
        return (nip if nip is not None else pd.Series([""] * len(holders))).astype(str)
    name = holders["name"].astype(object)
    if nip is not None:
        name = name.where(name.notna(), nip)
    return name.astype(str).reset_index(drop=True)


def _dates(holders: pd.DataFrame, column: str) -> pd.Series:
    """A holders frame's date column (all missing when it has none)."""
    if column not in holders.columns:
        return pd.Series(pd.NaT, index=range(len(holders)), dtype="datetime64[ns]")
    return pd.to_datetime(holders[column]).reset_index(drop=True).astype("datetime64[ns]")
