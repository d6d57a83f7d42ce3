"""What fed a rolled-up score: the notes an employee's explanation shows.

For each employee the ``rollup`` rule type records where the score came from (their own
position, their unit, their superior, their OPD or their appraisal), the work items that fed
it with their share of the weight, and the indicators underneath with realisation, target and
achievement. Notes are built once per source (a position, a unit, an OPD), not per employee.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from tukin.monitoring.rollup import Rollup

__all__ = ["fed_items", "source_notes"]

MAX_ENTRIES = 30


def _pct(x: float) -> str:
    return "—" if x != x else f"{x * 100:.2f}%"


def _num(x: float) -> str:
    return "—" if x != x else f"{x:g}"


def fed_items(r: Rollup, source: str, node: int) -> pd.DataFrame:
    """The top work items feeding ``node`` (a position, unit or OPD number) with their score and
    share of the weight (``share`` is NaN for ``min``, which picks one item)."""
    h = r.hierarchy
    if source in ("own", "superior"):
        items, groups = r.pairs
    elif source == "unit":
        items, groups = r.unit_pairs
    else:
        roots = np.flatnonzero(h.item_tree.depth == 0)
        opd = pd.Index(r.opd_ids).get_indexer(
            pd.Index(h.work_items["opd_id"].to_numpy(dtype=object)[roots])
        )
        items, groups = roots, opd
    mine = items[(groups == node) & r.item_has[items]] if len(items) else items
    mine = mine[np.argsort(h.item_tree.tin[mine])]
    score = r.item.to_float()[mine]
    mass = r.item_mass.to_float()[mine]
    total = mass.sum()
    if r.policy.method == "min":
        share = np.full(len(mine), np.nan)
    elif total > 0:
        share = mass / total
    else:
        share = np.full(len(mine), 1 / max(len(mine), 1))
    wi = h.work_items
    return pd.DataFrame(
        {
            "item": mine,
            "work_item_id": wi["work_item_id"].to_numpy(dtype=object)[mine],
            "name": wi["name"].to_numpy(dtype=object)[mine],
            "score": score,
            "share": share,
        }
    )


def _items_note(fed: pd.DataFrame) -> dict[str, str]:
    out: dict[str, str] = {}
    for row in fed.head(MAX_ENTRIES).to_dict("records"):
        share = float(row["share"])
        weight = "" if share != share else f" × {share * 100:.2f}%"
        out[f"{row['work_item_id']} {row['name']}"] = f"{_pct(float(row['score']))}{weight}"
    if len(fed) > MAX_ENTRIES:
        out["…"] = f"{len(fed) - MAX_ENTRIES} more"
    return out


def _indicators_note(r: Rollup, fed: pd.DataFrame) -> dict[str, str]:
    h, fig = r.hierarchy, r.figures
    if not len(fed) or not len(fig):
        return {}
    nodes = np.concatenate([h.item_tree.subtree(int(i)) for i in fed["item"]])
    rows = fig[fig["item"].isin(nodes) & fig["counted"]]
    out: dict[str, str] = {}
    for row in rows.head(MAX_ENTRIES).to_dict("records"):
        lo, hi = float(row["target"]), float(row["target_max"])
        target = _num(lo) if hi != hi else f"{_num(lo)}–{_num(hi)}"
        out[f"{row['indicator_id']} {row['name']}"] = (
            f"{_num(float(row['value']))} / {target} ({row['polarity']}) → "
            f"{_pct(float(row['achievement']))}, w {_num(float(row['weight']))}"
        )
    if len(rows) > MAX_ENTRIES:
        out["…"] = f"{len(rows) - MAX_ENTRIES} more"
    return out


def _subordinates_note(r: Rollup, node: int) -> dict[str, str]:
    h = r.hierarchy
    kids = np.flatnonzero((h.pos_tree.parent == node) & r.position_has)
    values = r.position.to_float()
    ids = h.positions["position_id"].to_numpy(dtype=object)
    names = h.positions["name"].to_numpy(dtype=object)
    return {f"{ids[k]} {names[k]}": _pct(values[k]) for k in kids[:MAX_ENTRIES]}


def _label(r: Rollup, source: str, node: int) -> str:
    h = r.hierarchy
    if source in ("own", "superior"):
        p = h.positions
        return f"{source}: {p['position_id'].iat[node]} {p['name'].iat[node]}"
    if source == "unit":
        u = h.units
        return f"unit: {u['unit_id'].iat[node]} {u['name'].iat[node]}"
    return f"opd: {r.opd_ids[node]}"


def source_notes(
    r: Rollup, chosen: np.ndarray, index: dict[str, np.ndarray], appraisal: str | None
) -> dict[str, np.ndarray]:
    """Per-employee notes: ``rollup_source``, ``rollup_items``, ``rollup_indicators`` and, for a
    blended position score, ``rollup_subordinates``. ``chosen`` holds the index of each row's
    source in ``SOURCES`` (-1: none) and ``index[source]`` the node it points at."""
    from tukin.rules.hierarchy import SOURCES

    n = len(chosen)
    notes: dict[str, np.ndarray] = {
        k: np.full(n, None, dtype=object)
        for k in ("rollup_source", "rollup_items", "rollup_indicators", "rollup_subordinates")
    }
    cache: dict[tuple[str, int], tuple[Any, ...]] = {}
    for s_i, source in enumerate(SOURCES):
        rows = np.flatnonzero(chosen == s_i)
        if not len(rows):
            continue
        if source == "appraisal":
            notes["rollup_source"][rows] = f"appraisal: {appraisal}"
            continue
        nodes = index[source][rows]
        for node in np.unique(nodes).tolist():
            key = (source, node)
            if key not in cache:
                fed = fed_items(r, source, node)
                subs = (
                    _subordinates_note(r, node)
                    if source != "unit" and source != "opd" and r.policy.blend is not None
                    else None
                )
                cache[key] = (
                    _label(r, source, node),
                    _items_note(fed),
                    _indicators_note(r, fed),
                    subs,
                )
            label, items, inds, subs = cache[key]
            sel = rows[nodes == node]
            notes["rollup_source"][sel] = label
            for k, v in (
                ("rollup_items", items),
                ("rollup_indicators", inds),
                ("rollup_subordinates", subs),
            ):
                if v is not None:
                    for i in sel.tolist():
                        notes[k][i] = v
    if r.policy.blend is None:
        del notes["rollup_subordinates"]
    return notes
