"""Report status: what is still waiting for approval or sign-off, and with whom.

In e-Pantau a realisation is *entered* by the PPTK / pejabat pengawas, *approved* by the
administrator above (eselon III, kabid) and *signed* by the head of the OPD. When a report or a
rule set counts only approved or signed figures, everything below that status is pending: this
module lists it with the official who must act next: the superior of the position answering
for the work item approves, the head of the OPD signs. A post vacant during the period
passes its rows to its nearest superior in office (named with the vacant post), unless a Plt
acts in it (the ``acting`` table): the Plt, named as such, answers for them, as a Plh does
beside a holder who is away (:func:`tukin.hierarchy.acting_holders`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tukin._lookup import through
from tukin.hierarchy import Hierarchy, gather
from tukin.monitoring.figures import STATUS_RANK, Status
from tukin.period import Period

if TYPE_CHECKING:
    from tukin.dataset import Dataset

__all__ = ["PENDING_COLUMNS", "pending", "pending_by_official"]

PENDING_COLUMNS = (
    "table",
    "opd_id",
    "work_item_id",
    "work_item",
    "indicator_id",
    "period",
    "status",
    "next_action",
    "waiting_for_id",
    "waiting_for",
    "waiting_for_holder",
    "vacant_post_id",
)


def pending(
    dataset: Dataset,
    period: Period | str,
    required: Status = "signed",
    *,
    cumulative: bool = True,
    hierarchy: Hierarchy | None = None,
) -> pd.DataFrame:
    """Realisation rows (budget and indicator) of the period, or of the year to its end when
    ``cumulative``, whose status is below ``required``, each with the next action
    (``approve`` or ``sign``) and the official it waits for.

    The official waited for holds office in the period: when the post that approves or signs
    is vacant, the row waits for that post's nearest superior with a holder, and
    ``vacant_post_id`` names the vacant post (empty otherwise)."""
    period = Period.parse(period)
    # the holders in office during the period: whoever left before it waits for nothing
    h = (hierarchy or Hierarchy.from_dataset(dataset)).in_period(period)
    frames = []
    br = dataset["budget_realisations"]
    frames.append(
        pd.DataFrame(
            {
                "table": "budget_realisations",
                "work_item_id": br["work_item_id"].astype(object),
                "indicator_id": None,
                "period": br["period"].astype(object),
                "status": _status(br),
            }
        )
    )
    re = dataset["realisations"]
    ind = dataset["indicators"].set_index("indicator_id")["work_item_id"].astype(object)
    frames.append(
        pd.DataFrame(
            {
                "table": "realisations",
                "work_item_id": re["indicator_id"].map(ind).astype(object),
                "indicator_id": re["indicator_id"].astype(object),
                "period": re["period"].astype(object),
                "status": _status(re),
            }
        )
    )
    rows = (
        pd.concat([f for f in frames if len(f)], ignore_index=True)
        if any(len(f) for f in frames)
        else frames[0]
    )
    rows = rows[rows["status"].map(STATUS_RANK) < STATUS_RANK[required]]
    rows = rows[_in_window(rows["period"], period, cumulative)]
    item = (
        h.item_index(rows["work_item_id"].to_numpy(dtype=object))
        if len(rows)
        else np.zeros(0, dtype=np.int64)
    )
    rows = rows[item >= 0].copy()
    item = item[item >= 0]
    owner = h.item_owner[item]
    opd = h.work_items["opd_id"].to_numpy(dtype=object)[item]
    head = h.position_index(pd.Series(opd, dtype=object).map(h.opd_heads).to_numpy(dtype=object))
    # approval: the official answering for the item above (a kegiatan's owner approves its
    # sub kegiatan's figures, even when the sub kegiatan is owned by a post of another OPD);
    # an item whose parents share its owner goes higher; at the top, the owner's superior
    above = _owner_above(h, item, owner)
    sup = through(h.pos_tree.parent, owner)
    approver = np.where(above >= 0, above, np.where(sup >= 0, sup, head))
    approve = (rows["status"] == "entered").to_numpy()
    who = np.where(approve, approver, head)
    # a post vacant during the period approves or signs nothing: the row waits for the
    # nearest superior of that post who holds office (a Plt or Plh acting in a post during
    # the period holds it: Hierarchy.in_period), and the vacant post is named beside it
    pos = h.positions
    held = pos["holder"].notna().to_numpy(dtype=bool)
    acting = _in_office(h, who, held)
    # the post is named vacant whether or not someone above holds office (when nobody
    # does, the row still waits for the vacant post: the list says so)
    empty = (who >= 0) & ~held[np.maximum(who, 0)] if len(held) else np.zeros(len(who), bool)
    vacant = np.where(empty | ((acting >= 0) & (acting != who)), who, -1)
    who = np.where(acting >= 0, acting, who)
    rows["opd_id"] = opd
    rows["work_item"] = h.work_items["name"].to_numpy(dtype=object)[item]
    rows["next_action"] = np.where(approve, "approve", "sign")
    rows["vacant_post_id"] = gather(pos["position_id"].to_numpy(dtype=object), vacant)
    for col, src in (
        ("waiting_for_id", "position_id"),
        ("waiting_for", "name"),
        ("waiting_for_holder", "holder"),
    ):
        rows[col] = gather(pos[src].to_numpy(dtype=object), who)
    rows = rows.sort_values(["opd_id", "waiting_for_id", "work_item_id", "period"], kind="stable")
    return rows[list(PENDING_COLUMNS)].reset_index(drop=True)


def _in_office(h: Hierarchy, who: np.ndarray, held: np.ndarray) -> np.ndarray:
    """Per row, ``who`` if its post has a holder, else its nearest superior post that has one
    (-1: none up the chain)."""
    parent = h.pos_tree.parent
    out = np.full(len(who), -1, dtype=np.int64)
    cur = np.asarray(who, dtype=np.int64).copy()
    while (cur >= 0).any():
        live = cur >= 0
        hit = live & held[np.maximum(cur, 0)]
        out[hit] = cur[hit]
        cur = np.where(live & ~hit, parent[np.maximum(cur, 0)], -1)
    return out


def _owner_above(h: Hierarchy, item: np.ndarray, owner: np.ndarray) -> np.ndarray:
    """Per item, the owner of its nearest ancestor item owned by another post (-1: none)."""
    parent = h.item_tree.parent
    out = np.full(len(item), -1, dtype=np.int64)
    cur = through(parent, item)
    while ((cur >= 0) & (out < 0)).any():
        held = np.where(cur >= 0, h.item_owner[np.maximum(cur, 0)], -1)
        hit = (cur >= 0) & (out < 0) & (held >= 0) & (held != owner)
        out[hit] = held[hit]
        cur = np.where(hit, -1, through(parent, cur))
    return out


def pending_by_official(pending_rows: pd.DataFrame) -> pd.DataFrame:
    """How many rows wait for each official, per action: the list a Bappeda officer sends."""
    keys = ["opd_id", "waiting_for_id", "waiting_for", "waiting_for_holder", "next_action"]
    if pending_rows.empty:
        return pd.DataFrame(columns=[*keys, "rows", "work_items"])
    g = pending_rows.groupby(keys, dropna=False, sort=True)
    out = g.size().rename("rows").to_frame()
    out["work_items"] = g["work_item_id"].nunique()
    return out.reset_index()


def _status(frame: pd.DataFrame) -> pd.Series:
    if "status" not in frame:
        return pd.Series(["signed"] * len(frame), index=frame.index, dtype=object)
    return frame["status"].astype(object).fillna("signed")


def _in_window(periods: pd.Series, period: Period, cumulative: bool) -> np.ndarray:
    first = Period.year_of(period.year).start if cumulative else period.start
    spans = {p: Period.parse(p) for p in pd.unique(periods.dropna().astype(str))}
    inside = {p: first <= q.start and q.end <= period.end for p, q in spans.items()}
    return np.asarray(periods.astype(str).map(inside).fillna(False), dtype=bool)
