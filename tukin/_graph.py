"""Vectorised utilities for parent-pointer trees (positions, units, work items).

A province has tens of thousands of positions and a reporting line can be long, so nothing
here recurses or walks node by node: every query is answered by *pointer jumping* (each round
replaces a node's pointer by its pointer's pointer), which needs about log2(n) rounds of numpy
array indexing whatever the shape of the tree. A parent-pointer table from a spreadsheet may
also contain cycles (A reports to B, B reports to A); these are detected, not looped over.

A forest is given as an ``int64`` array ``parent`` where ``parent[i]`` is the index of node
``i``'s parent, or ``-1`` for a root.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import pandas as pd

from tukin._lookup import positions_in, through

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]

__all__ = ["Forest", "analyse", "cycles", "nearest_marked_ancestor", "parent_index"]


@dataclass(frozen=True)
class Forest:
    """What pointer jumping learnt about every node of a parent-pointer forest.

    ``root[i]``: the root above ``i`` (``i`` itself for a root), or ``-1`` when ``i`` leads into
    a cycle. ``depth[i]``: edges between ``i`` and its root (0 for a root), ``-1`` when ``i``
    leads into a cycle. ``on_cycle[i]``: ``i`` is itself part of a cycle (a self-loop counts).
    ``reaches_cycle[i]``: following parents from ``i`` never ends, i.e. ``i`` is on a cycle or
    below one.
    """

    root: IntArray
    depth: IntArray
    on_cycle: BoolArray
    reaches_cycle: BoolArray


def parent_index(
    keys: Sequence[object] | pd.Series, parents: Sequence[object] | pd.Series
) -> IntArray:
    """Translate parent *values* (ids) into parent *positions*; null or unknown parents give -1.

    When a key occurs more than once the first occurrence is used: callers reject duplicated
    keys anyway, so the choice only has to be deterministic. Null keys are never matched.
    """
    key_s = pd.Series(keys).reset_index(drop=True)
    parent_s = pd.Series(parents).reset_index(drop=True)
    usable = (key_s.notna() & ~key_s.duplicated(keep="first")).to_numpy()
    positions = np.flatnonzero(usable).astype(np.int64)
    if len(positions) == 0:
        return np.full(len(parent_s), -1, dtype=np.int64)
    # Arrow's hash join when ids are Arrow text (a hundred thousand positions: ~10x faster)
    found = positions_in(parent_s, key_s[usable].reset_index(drop=True))
    out = through(positions, found).astype(np.int64)
    out[parent_s.isna().to_numpy()] = -1
    return out


def analyse(parent: IntArray) -> Forest:
    """Roots, depths and cycles of every node in O(n log n) numpy work and no Python loop per node.

    Roots are turned into self-loops so that a node's pointer, once it reaches its root, stays
    there. After ``k`` rounds a pointer has jumped ``2**k`` edges; once ``2**k`` exceeds ``n`` a
    node whose pointer still does not rest on a root can only be circling a cycle.
    """
    parent = np.asarray(parent, dtype=np.int64)
    n = len(parent)
    if n == 0:
        empty_i = np.empty(0, dtype=np.int64)
        empty_b = np.empty(0, dtype=bool)
        return Forest(empty_i, empty_i, empty_b, empty_b)
    if ((parent < -1) | (parent >= n)).any():
        raise ValueError("parent indices must be -1 or a position in the array")
    nodes = np.arange(n, dtype=np.int64)
    is_root = parent == -1
    jump = np.where(is_root, nodes, parent)
    dist = (~is_root).astype(np.int64)
    # ceil(log2(n)) + 1 rounds make every jump at least n edges long.
    for _ in range(int(np.ceil(np.log2(n))) + 2):
        if is_root[jump].all():  # every node already rests on its root: shallow trees stop early
            break
        dist = dist + dist[jump]
        jump = jump[jump]
    reaches_cycle = ~is_root[jump]
    # After >= n edges a cycle-bound node sits on its cycle; every cycle node is reached that way
    # (from its own predecessor n steps back), so the landing places are exactly the cycles.
    on_cycle = np.zeros(n, dtype=bool)
    on_cycle[jump[reaches_cycle]] = True
    root = np.where(reaches_cycle, -1, jump)
    depth = np.where(reaches_cycle, -1, dist)
    return Forest(root=root, depth=depth, on_cycle=on_cycle, reaches_cycle=reaches_cycle)


def cycles(parent: IntArray, on_cycle: BoolArray | None = None) -> list[list[int]]:
    """Each cycle as the list of its node indices in parent order, starting at its smallest index.

    Only nodes known to lie on a cycle are walked, so the Python work is proportional to the
    (normally tiny) number of cyclic nodes, not to the size of the forest.
    """
    parent = np.asarray(parent, dtype=np.int64)
    if on_cycle is None:
        on_cycle = analyse(parent).on_cycle
    seen: set[int] = set()
    found: list[list[int]] = []
    for start in np.flatnonzero(on_cycle).tolist():
        if start in seen:
            continue
        members = [start]
        seen.add(start)
        node = int(parent[start])
        while node != start:
            members.append(node)
            seen.add(node)
            node = int(parent[node])
        found.append(members)
    return found


def nearest_marked_ancestor(parent: IntArray, marked: BoolArray) -> IntArray:
    """For every node, the closest *proper* ancestor that is marked, or -1 if there is none.

    Used for cascades: a position below a rejected position is rejected too, and its message
    names the nearest rejected row above it. Cutting the links above marked nodes makes each
    marked node the root of its own subtree, so the root of a node's parent is the answer.
    Nodes leading into a cycle without a marked node on the way get -1 (mark the cycle first).
    """
    parent = np.asarray(parent, dtype=np.int64)
    marked = np.asarray(marked, dtype=bool)
    cut = np.where(marked, -1, parent)
    forest = analyse(cut)
    has_parent = parent >= 0
    via = np.where(has_parent, parent, 0)
    above = np.where(has_parent, forest.root[via] if len(parent) else via, -1)
    hit = above >= 0
    hit[hit] = marked[above[hit]]
    return np.where(hit, above, -1).astype(np.int64)
