"""Tests for tukin._graph: parent-pointer trees by pointer jumping (roots, depths, cycles)."""

from __future__ import annotations

import time

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tukin._graph import analyse, cycles, nearest_marked_ancestor, parent_index


def arr(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int64)


def walk(parent: list[int]) -> tuple[list[int], list[int], list[bool], list[bool]]:
    """Reference answer by plain walking: root, depth, on_cycle, reaches_cycle per node."""
    n = len(parent)
    root, depth, on_cycle, reaches = [-1] * n, [-1] * n, [False] * n, [False] * n
    for start in range(n):
        seen: list[int] = []
        node = start
        while node != -1 and node not in seen:
            seen.append(node)
            node = parent[node]
        if node == -1:
            root[start], depth[start] = seen[-1], len(seen) - 1
        else:
            reaches[start] = True
            on_cycle[start] = start in seen[seen.index(node) :]
    return root, depth, on_cycle, reaches


@st.composite
def parent_arrays(draw: st.DrawFn) -> list[int]:
    n = draw(st.integers(0, 30))
    return [draw(st.integers(-1, n - 1)) for _ in range(n)]


class TestParentIndex:
    def test_maps_ids_to_positions(self) -> None:
        """Parent ids become the positions of the rows carrying those ids."""
        out = parent_index(["a", "b", "c"], [None, "a", "b"])
        assert out.tolist() == [-1, 0, 1]

    def test_unknown_and_null_parents_are_minus_one(self) -> None:
        """A parent that is null or not among the keys has no position."""
        assert parent_index(["a", "b"], ["zz", float("nan")]).tolist() == [-1, -1]

    def test_duplicate_keys_use_the_first_occurrence(self) -> None:
        """With a duplicated key the first row wins, deterministically."""
        assert parent_index(["a", "a", "b"], ["a", "a", "a"]).tolist() == [0, 0, 0]

    def test_null_keys_are_never_matched(self) -> None:
        """A row without an id cannot be anybody's parent, even a null parent's."""
        assert parent_index([None, "b"], [None, None]).tolist() == [-1, -1]

    def test_no_keys(self) -> None:
        """An empty key list gives -1 for every parent."""
        assert parent_index([], ["a", None]).tolist() == [-1, -1]


class TestAnalyse:
    def test_tree(self) -> None:
        """A small tree: every node finds its root and depth; nothing is cyclic."""
        forest = analyse(arr(-1, 0, 0, 1, 3))
        assert forest.root.tolist() == [0, 0, 0, 0, 0]
        assert forest.depth.tolist() == [0, 1, 1, 2, 3]
        assert not forest.on_cycle.any() and not forest.reaches_cycle.any()

    def test_several_roots(self) -> None:
        """A forest keeps each node under its own root."""
        forest = analyse(arr(-1, -1, 1, 0))
        assert forest.root.tolist() == [0, 1, 1, 0]

    def test_self_loop_is_a_cycle(self) -> None:
        """A node that is its own parent is on a cycle, with no root and no depth."""
        forest = analyse(arr(-1, 1))
        assert forest.on_cycle.tolist() == [False, True]
        assert forest.root.tolist() == [0, -1] and forest.depth.tolist() == [0, -1]

    def test_cycle_with_a_tail(self) -> None:
        """Nodes on a cycle are marked; nodes below it reach the cycle but are not on it."""
        forest = analyse(arr(1, 2, 0, 2, 3))
        assert forest.on_cycle.tolist() == [True, True, True, False, False]
        assert forest.reaches_cycle.tolist() == [True] * 5

    def test_empty(self) -> None:
        """An empty forest gives empty arrays."""
        assert len(analyse(arr()).root) == 0

    def test_bad_pointer_is_refused(self) -> None:
        """A pointer outside the array is a programming error, not a cycle."""
        with pytest.raises(ValueError):
            analyse(arr(-1, 5))

    def test_long_chain_without_recursion(self) -> None:
        """A 200,000-deep reporting line is measured in a fraction of a second."""
        n = 200_000
        started = time.process_time()  # CPU, not wall: load elsewhere cannot fail it
        forest = analyse(np.arange(-1, n - 1, dtype=np.int64))
        assert forest.depth[-1] == n - 1 and forest.root[-1] == 0
        assert time.process_time() - started < 2.0

    @given(parent_arrays())
    @settings(max_examples=60, deadline=None)
    def test_matches_a_plain_walk(self, parent: list[int]) -> None:
        """Pointer jumping agrees with walking parent by parent, on any array."""
        forest = analyse(np.array(parent, dtype=np.int64))
        root, depth, on_cycle, reaches = walk(parent)
        assert forest.root.tolist() == root and forest.depth.tolist() == depth
        assert forest.on_cycle.tolist() == on_cycle
        assert forest.reaches_cycle.tolist() == reaches


class TestCycles:
    def test_lists_each_cycle_in_parent_order(self) -> None:
        """Each cycle starts at its smallest node and follows parents."""
        assert cycles(arr(2, 1, 4, -1, 0)) == [[0, 2, 4], [1]]

    def test_no_cycles(self) -> None:
        """A tree has no cycles."""
        assert cycles(arr(-1, 0, 1)) == []


class TestNearestMarkedAncestor:
    def test_nearest_not_farthest(self) -> None:
        """With two marked ancestors the closer one is named."""
        out = nearest_marked_ancestor(arr(-1, 0, 1, 2), np.array([True, False, True, False]))
        assert out.tolist() == [-1, 0, 0, 2]

    def test_a_node_is_not_its_own_ancestor(self) -> None:
        """A marked node without marked ancestors gets -1."""
        out = nearest_marked_ancestor(arr(-1, 0), np.array([False, True]))
        assert out.tolist() == [-1, -1]

    def test_unmarked_cycle_gives_nothing(self) -> None:
        """Below an unmarked cycle there is no marked ancestor to name."""
        out = nearest_marked_ancestor(arr(1, 0, 0), np.zeros(3, dtype=bool))
        assert out.tolist() == [-1, -1, -1]

    def test_marked_cycle_member_is_found(self) -> None:
        """Once a cycle member is marked, the nodes below find it (on a cycle, even itself)."""
        out = nearest_marked_ancestor(arr(1, 0, 0), np.array([True, False, False]))
        assert out.tolist() == [0, 0, 0]
