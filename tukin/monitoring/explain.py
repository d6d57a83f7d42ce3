"""What fed a rolled-up score: the notes an employee's explanation shows.

For each employee the ``rollup`` rule type records where the score came from (their own
position, their unit, their superior, their OPD or their appraisal), the work items that fed
it with their share of the weight, and the indicators underneath with realisation, target and
achievement. Notes are built once per source (a position, a unit, an OPD), not per employee.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd

from tukin import _graph
from tukin._wording import Said
from tukin.errors import Lang, render
from tukin.monitoring.flows import figure_text
from tukin.monitoring.rollup import Rollup

__all__ = ["LazyNotes", "fed_items", "flows_left_out", "source_notes"]

MAX_ENTRIES = 30


def _pct(x: float) -> str:
    return "—" if x != x else f"{x * 100:.2f}%"


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
            pd.Index(h.work_items["opd_id"].iloc[roots].to_numpy(dtype=object))
        )
        items, groups = roots, opd
    mine = items[(groups == node) & r.item_has[items]] if len(items) else items
    mine = mine[np.argsort(h.item_tree.tin[mine])]
    score = r.item.to_float_at(mine)
    mass = r.item_mass.to_float_at(mine)
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
            # the few rows taken before converting: not a whole column per explanation
            "work_item_id": wi["work_item_id"].take(mine).to_numpy(dtype=object),
            "name": wi["name"].take(mine).to_numpy(dtype=object),
            "score": score,
            "share": share,
        }
    )


def _items_note(fed: pd.DataFrame) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for row in fed.head(MAX_ENTRIES).to_dict("records"):
        share = float(row["share"])
        weight = "" if share != share else f" × {share * 100:.2f}%"
        out[f"{row['work_item_id']} {row['name']}"] = f"{_pct(float(row['score']))}{weight}"
    if len(fed) > MAX_ENTRIES:
        n = len(fed) - MAX_ENTRIES
        out["…"] = Said(f"{n} more", f"{n} lainnya")
    return out


def _indicators_note(r: Rollup, fed: pd.DataFrame) -> dict[str, str]:
    h, fig = r.hierarchy, r.figures
    if not len(fed) or not len(fig):
        return {}
    # the indicators that fed the score: an item with counted indicators of its own scores
    # those, and its children only when it has none (the roll-up's rule), so an indicator is
    # listed only where no item between it and the fed item has indicators of its own
    tree = h.item_tree
    counted = fig["counted"].to_numpy(bool)
    items = fig["item"].to_numpy(dtype=np.int64)
    own = np.zeros(len(tree.parent), dtype=bool)
    own[items[counted]] = True
    above = _graph.nearest_marked_ancestor(tree.parent, own)
    parts = []
    for i in fed["item"].to_numpy(dtype=np.int64):
        sub = tree.subtree(int(i))
        a = above[sub]
        at = tree.tin[np.maximum(a, 0)]
        shadowed = (a >= 0) & (at >= tree.tin[i]) & (at < tree.tin[i] + tree.size[i])
        parts.append(sub[own[sub] & ~shadowed])
    nodes = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)
    mask = np.isin(items, nodes) & counted
    if "target_longer" in fig:  # summed ones left out beside them: say so, and why
        mask |= np.isin(items, nodes) & pd.Series(fig["target_longer"]).notna().to_numpy(bool)
    rows = fig[mask]
    out: dict[str, Any] = {}
    for row in rows.head(MAX_ENTRIES).to_dict("records"):
        out[f"{row['indicator_id']} {row['name']}"] = (
            _left_out(row) if _given(row.get("target_longer")) else _indicator_said(row)
        )
    if len(rows) > MAX_ENTRIES:
        n = len(rows) - MAX_ENTRIES
        out["…"] = Said(f"{n} more", f"{n} lainnya")
    return out


_POLARITY = {
    "higher": ("higher", "makin tinggi makin baik"),
    "lower": ("lower", "makin rendah makin baik"),
}


def _indicator_said(row: dict[str, Any]) -> Said:
    """``realisation (its period) / target (its period) (polarity) → achievement, w weight``
    in both languages. The periods say which report a month's or a quarter's score read (a
    monthly payment reading the last quarterly report, a target of the quarter around the
    month); a missing realisation says none was reported at the status that counts (it
    scores 0)."""
    lo, hi = float(row["target"]), float(row["target_max"])
    target = figure_text(lo) if hi != hi else f"{figure_text(lo)}–{figure_text(hi)}"
    t_period = row.get("target_period")
    if _given(row.get("target_parts")):  # a flow's target: the parts added up
        target = f"({row['target_parts']} = {target})"
    elif _given(t_period):
        target = f"{target} ({t_period})"
    value = float(row["value"])
    v_period = row.get("value_period")
    shown = figure_text(value) + (f" ({v_period})" if value == value and _given(v_period) else "")
    if value == value and _given(row.get("value_parts")):  # a flow: the reports added up
        shown = f"({row['value_parts']} = {figure_text(value)})"
    if value != value:
        shown_en, shown_id = "— (not reported or not verified)", "— (belum dilaporkan/diverifikasi)"
    else:
        shown_en = shown_id = shown
    unplanned = row.get("value_unplanned")
    if _given(unplanned):  # a flow's reports of months without a target: not in the ratio
        shown_en += f" [left out, no target for: {unplanned}]"
        shown_id += f" [tidak dihitung, tanpa target: {unplanned}]"
    beyond = row.get("value_beyond_plan")
    if _given(beyond):  # a report over planned and unplanned months: added whole, not split
        shown_en += f" [counted whole, also months without a target: {beyond}]"
        shown_id += f" [dihitung utuh, termasuk bulan tanpa target: {beyond}]"
    pol = str(row["polarity"])
    en, id_ = _POLARITY.get(pol, (pol, pol))
    if lo == 0 and not hi > 0:  # scored by the policy's zero_target, not as a ratio
        en, id_ = f"{en}, target 0: met at 0", f"{id_}, target 0: tercapai bila 0"
    tail = f"{_pct(float(row['achievement']))}, w {figure_text(float(row['weight']))}"
    return Said(f"{shown_en} / {target} ({en}) → {tail}", f"{shown_id} / {target} ({id_}) → {tail}")


def _left_out(row: dict[str, Any]) -> Said:
    """A summed indicator left out for a target set for a longer period only."""
    t = row["target_longer"]
    return Said(
        f"left out: summed, with a target for {t} only (a longer period's plan is not split)",
        f"tidak dinilai: dijumlahkan, target hanya untuk {t} (target periode yang lebih "
        "panjang tidak dibagi)",
    )


def _given(value: object) -> bool:
    return value is not None and value == value and str(value) != ""


def _subordinates_note(r: Rollup, node: int) -> dict[str, str]:
    h = r.hierarchy
    kids = np.flatnonzero((h.pos_tree.parent == node) & r.position_has)[:MAX_ENTRIES]
    values = r.position.to_float_at(kids)
    ids = h.position_table["position_id"].take(kids).to_numpy(dtype=object)
    names = h.position_table["name"].take(kids).to_numpy(dtype=object)
    return {f"{i} {nm}": _pct(v) for i, nm, v in zip(ids, names, values, strict=True)}


class LazyNotes:
    """A column of per-row notes built only when an explanation asks for a row.

    Building every employee's item and indicator lists up front costs more than the roll-up
    itself on a regency; an explanation reads one row (``notes[row]``), so the work is done
    then, once per source (a position, a unit, an OPD) and remembered.
    """

    def __init__(self, build: Callable[[int], Any], n: int) -> None:
        self._build, self._n = build, n

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, row: int) -> Any:
        return self._build(int(row))


def _label(r: Rollup, source: str, node: int) -> str:
    """``"<source>: <id> <name>"`` of the node a source points at."""
    if source in ("own", "superior"):
        table, key = r.hierarchy.position_table, "position_id"
    elif source == "unit":
        table, key = r.hierarchy.units, "unit_id"
    else:
        return f"opd: {r.opd_ids[node]}"
    return f"{source}: {table[key].iat[node]} {table['name'].iat[node]}"


class _Sources:
    """What the roll-up notes of a run keep: each row's source as one byte and the node it
    points at as one int32, with the roll-up to describe them; the lists of one source are
    built once, when the first explanation asks. A class, not closures: a Result holding it
    pickles (a cache, a worker)."""

    def __init__(self, r: Rollup, kind: np.ndarray, node_of: np.ndarray, appraisal: str | None):
        self.r, self.kind, self.node_of, self.appraisal = r, kind, node_of, appraisal
        self.cache: dict[tuple[str, int], tuple[Any, ...]] = {}

    def label(self, row: int) -> str | None:
        from tukin.rules.hierarchy import SOURCES

        if self.kind[row] < 0:
            return None
        source = SOURCES[self.kind[row]]
        if source == "appraisal":
            return f"appraisal: {self.appraisal}"
        return _label(self.r, source, int(self.node_of[row]))

    def detail(self, row: int) -> tuple[Any, ...]:
        from tukin.rules.hierarchy import SOURCES

        source = SOURCES[self.kind[row]] if self.kind[row] >= 0 else "appraisal"
        if source == "appraisal":
            return (None, None, None)
        node = int(self.node_of[row])
        if (source, node) not in self.cache:
            r = self.r
            fed = fed_items(r, source, node)
            blended = source in ("own", "superior") and r.policy.blend is not None
            subs = _subordinates_note(r, node) if blended else None
            self.cache[(source, node)] = (_items_note(fed), _indicators_note(r, fed), subs)
        return self.cache[(source, node)]


class _SourceColumn:
    """One column of :class:`_Sources` (``k``: -1 the label, else the k-th detail)."""

    def __init__(self, sources: _Sources, k: int) -> None:
        self.sources, self.k = sources, k

    def __call__(self, row: int) -> Any:
        if self.k < 0:
            return self.sources.label(row)
        return self.sources.detail(row)[self.k]


def source_notes(
    r: Rollup, chosen: np.ndarray, index: dict[str, np.ndarray], appraisal: str | None
) -> dict[str, Any]:
    """Per-employee notes, each built when an explanation reads its row: ``rollup_source``,
    ``rollup_items``, ``rollup_indicators`` and, for a blended score, ``rollup_subordinates``
    (nothing is formatted per employee up front). ``chosen`` holds the index of each row's source in ``SOURCES``
    (-1: none) and ``index[source]`` the node it points at.

    What the notes keep until an explanation asks is each row's source as one byte and the
    node it points at as one int32 (5 MB a million employees), not ``chosen`` and the
    candidates of every source (45 MB more, held as long as the Result)."""
    from tukin.rules.hierarchy import SOURCES

    n = len(chosen)
    kind = np.asarray(chosen, dtype=np.int8)
    node_of = np.full(n, -1, dtype=np.int32)
    for k, source in enumerate(SOURCES):
        if source in index and source != "appraisal":
            at = kind == k
            node_of[at] = index[source][at]
    sources = _Sources(r, kind, node_of, appraisal)
    notes: dict[str, Any] = {"rollup_source": LazyNotes(_SourceColumn(sources, -1), n)}
    notes["rollup_items"] = LazyNotes(_SourceColumn(sources, 0), n)
    notes["rollup_indicators"] = LazyNotes(_SourceColumn(sources, 1), n)
    if r.policy.blend is not None:
        notes["rollup_subordinates"] = LazyNotes(_SourceColumn(sources, 2), n)
    return notes


def flows_left_out(r: Rollup, position: Any, period: str) -> tuple[str, str]:
    """More of the reason a position has no score (en, id; "" when it does not apply): the
    summed indicators of the items it answers for (their subtrees) that were left out for a
    target set for a longer period only (``target_longer``, :mod:`tukin.monitoring.flows`).

    Why: ``no_rollup_score`` says "no counted indicator" and the officer sees targets in the
    sheet (the quarter's), so nothing says the indicator was switched to ``sum`` and a
    quarter's plan is no month's. Called per rejected position (few), not per employee."""
    fig = r.figures
    if "target_longer" not in fig or not len(fig):
        return "", ""
    h = r.hierarchy
    at = int(h.position_index(pd.Series([position], dtype=object))[0])
    if at < 0:
        return "", ""
    owned = np.flatnonzero(h.item_owner == at)
    if not len(owned):
        return "", ""
    items = np.concatenate([h.item_tree.subtree(int(i)) for i in owned])
    longer = pd.Series(fig["target_longer"], copy=False)
    rows = fig[longer.notna().to_numpy(dtype=bool) & np.isin(fig["item"].to_numpy(), items)]
    if not len(rows):
        return "", ""
    shown = list(rows[["indicator_id", "work_item_id", "target_longer"]].head(5).itertuples())
    more = ", …" if len(rows) > 5 else ""
    said = []
    words: tuple[tuple[Lang, str, str], ...] = (
        ("en", "of", "target for"),
        ("id", "pada", "target untuk"),
    )
    for lang, of, aim in words:
        text = ", ".join(f"{i} {of} {w} ({aim} {t})" for _, i, w, t in shown) + more
        said.append("; " + render("rollup_flows_longer_target", lang, value=text, period=period))
    return said[0], said[1]
