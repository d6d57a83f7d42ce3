"""Tests for tukin.hierarchy: the position, unit and work-item trees and who answers for what."""

from __future__ import annotations

import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings

from tests import strategies as tst
from tukin.errors import DataError
from tukin.hierarchy import Hierarchy, Tree, gather


def mini() -> Hierarchy:
    t = tst.mini_regency_tables(budget=False)
    return Hierarchy(
        units=t["units"],
        positions=t["positions"],
        work_items=t["work_items"],
        employees=t["employees"],
    )


def naive_ancestors(parent: np.ndarray, i: int) -> list[int]:
    out = []
    while parent[i] >= 0:
        i = int(parent[i])
        out.append(i)
    return out


class TestTree:
    """Pre-order numbering of a parent-pointer forest."""

    def test_preorder_ranges(self) -> None:
        """Each subtree is a contiguous pre-order range starting at its root."""
        #        0        5
        #      / | \      |
        #     1  3  4     6
        #     |
        #     2
        parent = np.array([-1, 0, 1, 0, 0, -1, 5])
        tree = Tree.build(parent)
        assert sorted(tree.subtree(0).tolist()) == [0, 1, 2, 3, 4]
        assert tree.subtree(0)[0] == 0
        assert tree.subtree(1).tolist() == [1, 2]
        assert tree.size.tolist() == [5, 2, 1, 1, 1, 2, 1]
        assert tree.depth.tolist() == [0, 1, 2, 1, 1, 0, 1]
        assert tree.root.tolist() == [0, 0, 0, 0, 0, 5, 5]

    def test_contains(self) -> None:
        """contains(a, b): a is b or above it; -1 never matches."""
        tree = Tree.build(np.array([-1, 0, 1, 0, -1]))
        above = np.array([0, 1, 2, 3, 4, -1, 0])
        below = np.array([2, 2, 1, 2, 4, 0, -1])
        assert tree.contains(above, below).tolist() == [
            True,
            True,
            False,
            False,
            True,
            False,
            False,
        ]

    def test_subtree_sums_exact(self) -> None:
        """Subtree sums of int64 values are exact, whatever their size."""
        tree = Tree.build(np.array([-1, 0, 0, 1]))
        big = np.array([10**15, 3, 5, 7], dtype=np.int64)
        assert tree.subtree_sums(big).tolist() == [10**15 + 15, 10, 5, 7]

    def test_chain_pairs_stop_before_the_parent_owner(self) -> None:
        """Walk up from start, stopping before the node containing stop."""
        tree = Tree.build(np.array([-1, 0, 1, 2]))  # a chain 0 <- 1 <- 2 <- 3
        keys, nodes = tree.chain_pairs(np.array([3, 3, 2, -1]), np.array([1, -1, 2, 0]))
        pairs = sorted(zip(keys.tolist(), nodes.tolist(), strict=True))
        assert pairs == [(0, 2), (0, 3), (1, 0), (1, 1), (1, 2), (1, 3)]

    def test_cycle_is_a_data_error(self) -> None:
        """A reporting line that loops back is refused with the code 'cycle'."""
        with pytest.raises(DataError) as err:
            Tree.build(np.array([1, 2, 0, -1]), "position")
        assert err.value.code == "cycle"

    def test_deep_and_wide_trees_are_fast(self) -> None:
        """40,000 positions, as a random tree or as one 40,000-deep chain, number in a blink."""
        rng = np.random.default_rng(1)
        n = 40_000
        random_parent = np.r_[-1, rng.integers(0, np.arange(1, n))]
        chain = np.arange(-1, n - 1)
        for parent in (random_parent, chain):
            # CPU seconds of this process: a guard against a quadratic path that other work
            # on the machine (CI beside other jobs) cannot fail
            start = time.process_time()
            tree = Tree.build(parent)
            assert tree.contains(np.zeros(n, dtype=np.int64), np.arange(n)).all()
            assert time.process_time() - start < 1.0
            assert tree.size[0] == n and tree.tin[0] == 0
        assert Tree.build(chain).tin.tolist() == list(range(n))

    def test_chain_pairs_on_a_large_tree(self) -> None:
        """Who-counts-what pairs for 40,000 positions cost about one pass per tree level."""
        rng = np.random.default_rng(2)
        n = 40_000
        tree = Tree.build(np.r_[-1, rng.integers(np.arange(1, n) // 2, np.arange(1, n))])
        start = time.process_time()
        keys, _ = tree.chain_pairs(np.arange(n), np.full(n, -1))
        assert time.process_time() - start < 2.0
        assert len(keys) == int(tree.depth.sum()) + n

    @settings(max_examples=15, deadline=None)
    @given(tst.regency_tables())
    def test_matches_a_naive_walk(self, tables: dict[str, pd.DataFrame]) -> None:
        """Pre-order containment agrees with walking parent pointers one by one."""
        h = Hierarchy(
            units=tables["units"], positions=tables["positions"], work_items=tables["work_items"]
        )
        for tree in (h.pos_tree, h.item_tree, h.unit_tree):
            n = len(tree.parent)
            got = tree.contains(np.repeat(np.arange(n), n), np.tile(np.arange(n), n)).reshape(n, n)
            want = np.zeros((n, n), dtype=bool)
            for i in range(n):
                want[[i, *naive_ancestors(tree.parent, i)], i] = True
            assert (got == want).all()


class TestHierarchy:
    """Queries over the hand-made regency (tests/strategies.py: mini_regency_tables)."""

    def test_opd_id_keeps_the_unit_ids_type(self) -> None:
        """Built from raw frames with integer unit ids, ``opd_id`` holds integers (float with
        a gap where a position's unit is unknown), as mapping the ids gives; text stays text."""
        units = pd.DataFrame(
            {
                "unit_id": [1, 2, 3],
                "name": ["A", "A1", "B"],
                "parent_id": [None, 1, None],
                "kind": ["opd", "bidang", "opd"],
            }
        )
        positions = pd.DataFrame(
            {
                "position_id": ["p1", "p2", "p3"],
                "name": ["x", "y", "z"],
                "unit_id": [1, 2, 3],
                "kind": ["jpt", "administrator", "jpt"],
                "grade": [14, 12, 14],
                "superior_id": [None, "p1", None],
            }
        )
        h = Hierarchy(units=units, positions=positions)
        assert h.positions["opd_id"].dtype == np.int64 and h.units["opd_id"].dtype == np.int64
        assert h.positions["opd_id"].tolist() == [1, 1, 3]
        lost = positions.assign(unit_id=[1, 2, 9])
        gap = Hierarchy(units=units, positions=lost).positions["opd_id"]
        assert gap.dtype == np.float64 and gap.iloc[:2].tolist() == [1, 1] and gap.isna().iat[2]
        as_text = Hierarchy(
            units=units.astype({"unit_id": str}).assign(parent_id=[None, "1", None]),
            positions=positions.astype({"unit_id": str}),
        )
        assert as_text.positions["opd_id"].tolist() == ["1", "1", "3"]
        assert pd.api.types.is_string_dtype(as_text.positions["opd_id"])

    def test_subordinates_direct_and_all(self) -> None:
        """Direct reports and everyone below, in pre-order."""
        h = mini()
        assert h.subordinates("kabid", direct=True) == ["kasi1", "kasi2", "guru", "staf3"]
        assert h.subordinates("kabid") == ["kasi1", "staf1", "kasi2", "guru", "staf3"]
        assert h.subordinates("staf1") == []
        assert h.subordinates("camat") == ["stafE"]

    def test_superiors(self) -> None:
        """The chain above a position, nearest first."""
        h = mini()
        assert h.superiors("staf1") == ["kasi1", "kabid", "kadis"]
        assert h.superiors("kadis") == []

    def test_under_is_vectorised(self) -> None:
        """under() answers many (position, superior) questions at once."""
        h = mini()
        got = h.under(
            ["staf1", "staf1", "stafE", "kadis", "nobody"],
            ["kadis", "kasi2", "kadis", "kadis", "kadis"],
        )
        assert got.tolist() == [True, False, False, True, False]

    def test_items_of(self) -> None:
        """Items a position answers for itself, and through its subordinates."""
        h = mini()
        assert h.items_of("kabid") == ["K1"]
        assert h.items_of("kabid", through_subordinates=True) == ["K1", "S11", "S12"]
        assert h.items_of("kadis", through_subordinates=True) == ["P1", "K1", "S11", "S12"]
        assert h.items_of("staf1", through_subordinates=True) == []

    def test_owner_falls_back_to_the_item_above_then_the_opd_head(self) -> None:
        """KE and SE declare nobody: the camat, owner of PE, answers for them."""
        h = mini()
        assert h.items_of("camat") == ["PE", "KE", "SE"]
        t = tst.mini_regency_tables(budget=False)
        t["work_items"]["responsible_position_id"] = None
        bare = Hierarchy(units=t["units"], positions=t["positions"], work_items=t["work_items"])
        assert bare.work_items["owner_id"].tolist() == ["kadis"] * 4 + ["camat"] * 3

    def test_opd_heads(self) -> None:
        """The head of an OPD reports to nobody inside it; JPT first."""
        assert mini().opd_heads.to_dict() == {"D": "kadis", "E": "camat"}

    def test_officials_chain(self) -> None:
        """Every level above a sub kegiatan names its official and the holder."""
        got = mini().officials("S12")
        assert got["level"].tolist() == ["sub_kegiatan", "kegiatan", "program", "opd"]
        assert got["work_item_id"].tolist() == ["S12", "K1", "P1", "D"]
        assert got["position_id"].tolist() == ["kasi2", "kabid", "kadis", "kadis"]
        assert got["position_holder"].tolist() == ["Dedi", "Budi", "Ani", "Ani"]

    def test_responsibility_table(self) -> None:
        """One row per item with the official at every level above it."""
        r = mini().responsibility().set_index("work_item_id")
        assert r.loc["S11", "official_sub_kegiatan_id"] == "kasi1"
        assert r.loc["S11", "official_kegiatan"] == "Kepala Bidang"
        assert r.loc["S11", "official_program_holder"] == "Ani"
        assert r.loc["S11", "official_opd_id"] == "kadis"
        assert pd.isna(r.loc["K1", "official_sub_kegiatan_id"])
        assert r.loc["SE", "official_kegiatan_id"] == "camat"
        assert r.loc["S12", "program_id"] == "P1" and r.loc["S12", "kegiatan_id"] == "K1"

    def test_item_pairs_count_nested_items_once(self) -> None:
        """A kegiatan and its sub kegiatan are never both counted for one position."""
        h = mini()
        items, pos = h.item_pairs(through_subordinates=True)
        got = {
            (h._wid(np.array([i]))[0], h._pid(np.array([p]))[0])
            for i, p in zip(items, pos, strict=True)
        }
        assert ("K1", "kadis") not in got and ("P1", "kadis") in got
        assert {("S11", "kasi1"), ("S12", "kasi2"), ("K1", "kabid"), ("PE", "camat")} <= got
        own_items, own_pos = h.item_pairs(through_subordinates=False)
        own = {
            (h._wid(np.array([i]))[0], h._pid(np.array([p]))[0])
            for i, p in zip(own_items, own_pos, strict=True)
        }
        assert own == {
            ("P1", "kadis"),
            ("K1", "kabid"),
            ("S11", "kasi1"),
            ("S12", "kasi2"),
            ("PE", "camat"),
        }

    def test_unit_item_pairs(self) -> None:
        """A unit counts the top items owned by positions inside it or below it."""
        h = mini()
        items, units = h.unit_item_pairs()
        ids = h.units["unit_id"].to_numpy()
        got = {(h._wid(np.array([i]))[0], str(ids[u])) for i, u in zip(items, units, strict=True)}
        assert ("S11", "S1") in got and ("K1", "B1") in got and ("P1", "D") in got
        assert ("S11", "B1") not in got  # K1, owned in B1, already counts there

    def test_unknown_position_is_a_data_error(self) -> None:
        """Asking about an unknown position names it."""
        with pytest.raises(DataError, match="nobody"):
            mini().subordinates("nobody")

    def test_gather(self) -> None:
        """gather() leaves None where the index is -1."""
        assert gather(np.array(["a", "b"], dtype=object), np.array([1, -1, 0])).tolist() == [
            "b",
            None,
            "a",
        ]

    @settings(max_examples=15, deadline=None)
    @given(tst.regency_tables())
    def test_every_work_item_reaches_exactly_one_opd(self, tables: dict[str, pd.DataFrame]) -> None:
        """Every item has one OPD, the same as its parent's and as its program's unit's."""
        h = Hierarchy(
            units=tables["units"], positions=tables["positions"], work_items=tables["work_items"]
        )
        items = h.work_items
        opd = items["opd_id"].to_numpy(dtype=object)
        assert all(isinstance(o, str) for o in opd)
        parent = h.item_tree.parent
        has = parent >= 0
        assert (opd[has] == opd[parent[has]]).all()
        unit_opd = h.units.set_index("unit_id")["opd_id"]
        roots = h.item_tree.root
        assert (opd == items["unit_id"].map(unit_opd).to_numpy(dtype=object)[roots]).all()
        # and every item has an owner inside the regency
        assert (h.item_owner >= 0).all()


def test_holders_are_those_in_office_during_the_period() -> None:
    """A report names who answers for an item in the period: an official who left before it
    is no holder, a successor who started after it neither; a post left empty is vacant."""
    t = tst.mini_regency_tables(budget=False)
    emp = t["employees"].copy()
    budi = emp.index[emp["name"] == "Budi"][0]
    emp.loc[budi, "end_date"] = pd.Timestamp("2025-05-15")
    late = emp.loc[[budi]].assign(nip="199001012020011099", name="Bayu")
    late["start_date"], late["end_date"] = pd.Timestamp("2025-05-16"), pd.NaT
    emp = pd.concat([emp, late], ignore_index=True)
    h = Hierarchy(
        units=t["units"], positions=t["positions"], work_items=t["work_items"], employees=emp
    )
    kabid = h.positions.set_index("position_id").loc["kabid", "holder"]
    assert kabid == "Budi; Bayu"  # no period: everyone the table holds
    at = {p: h.in_period(p).positions.set_index("position_id").loc["kabid", "holder"]
          for p in ("2025-Q1", "2025-Q2", "2025-Q3")}  # fmt: skip
    # in Q2 each for their own days (review 113: "Budi; Bayu" named both for the quarter)
    q2 = "Budi (2025-04-01–2025-05-15); Bayu (2025-05-16–2025-06-30)"
    assert at == {"2025-Q1": "Budi", "2025-Q2": q2, "2025-Q3": "Bayu"}
    assert h.in_period("2025-Q3") is h.in_period("2025-Q3")  # kept per period
    assert h.in_period("2025-Q3").in_period("2025-Q1") is h.in_period("2025-Q1")
    gone = emp.assign(end_date=pd.Timestamp("2024-12-31"))
    vacant = Hierarchy(
        units=t["units"], positions=t["positions"], work_items=t["work_items"], employees=gone
    ).in_period("2025-01")
    assert vacant.positions["holder"].isna().all()
    # held() says what the holder column says, without joining names (a run's checks read it)
    for view in (h, h.in_period("2025-Q1"), h.in_period("2025-Q3"), vacant):
        assert (view.held() == view.positions["holder"].notna().to_numpy()).all()
    assert not vacant.held().any()
    # asked of the whole hierarchy for a period, and of a few posts only: the same answers
    every = np.ones(len(h.position_table), dtype=bool)
    for p in ("2025-Q1", "2025-Q3"):
        assert (h.held(every, period=p) == h.in_period(p).held()).all()
        assert (h.in_period("2025-Q1").held(period=p) == h.in_period(p).held()).all()
    kabid = (h.position_table["position_id"] == "kabid").to_numpy()
    assert h.held(kabid, period="2025-Q3").tolist() == kabid.tolist()
    assert not h.held(~kabid & ~every).any()
