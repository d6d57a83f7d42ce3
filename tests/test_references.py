"""References as validation found them: where each id column points, reused by the joins.

Validation checks that every reference exists by looking it up; the rows it finds are kept
(``Dataset._reference_rows``) and the hierarchy, the employee frame and the indicator figures
are built from them instead of looking the ids up again. Each must give exactly what a
look-up gives, whatever the order of the input and with rejected rows in between.
"""

from __future__ import annotations

import pickle

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tukin import _graph
from tukin._coerce import first_rows_in
from tukin._lookup import positions_in
from tukin.contract import TABLES
from tukin.dataset import Dataset
from tukin.demo import generate
from tukin.hierarchy import Hierarchy
from tukin.monitoring import figures
from tukin.monitoring.figures import indicator_figures
from tukin.monitoring.rollup import RollupPolicy
from tukin.period import Period
from tukin.rules import hierarchy as rules_hierarchy

pytest.importorskip("pyarrow")  # references are kept for Arrow text (the default storage)


def _tables(shuffle: bool) -> dict[str, pd.DataFrame]:
    """Demo tables with problems that reject rows and, through them, rows referring to them."""
    t = {k: v.copy() for k, v in generate(300, seed=11, months=3).items()}
    pos = t["positions"]
    pos.loc[pos.index[3], "unit_id"] = "NO-SUCH-UNIT"  # rejected: its employees cascade
    pos.loc[pos.index[5], "superior_id"] = None
    items = t["work_items"]
    items.loc[items.index[1], "level"] = "not-a-level"  # rejected: its subtree cascades
    items.loc[items.index[7], "responsible_position_id"] = None
    ind = t["indicators"]
    ind.loc[ind.index[4], "indicator_id"] = ind["indicator_id"].iat[2]  # a twin: both rejected
    emp = t["employees"]
    emp.loc[emp.index[9], "position_id"] = "NO-SUCH-POSITION"
    if shuffle:
        t = {k: v.sample(frac=1, random_state=3) for k, v in t.items()}
    return t


def _looked_up(rows: pd.DataFrame, column: str, target: pd.DataFrame, key: str) -> np.ndarray:
    return positions_in(rows[column].reset_index(drop=True), target[key].reset_index(drop=True))


@pytest.mark.parametrize("shuffle", [False, True])
@pytest.mark.parametrize("sorted_first", [False, True])
def test_reference_rows_are_the_lookup(shuffle: bool, sorted_first: bool) -> None:
    """Every recorded reference points where a look-up of its id points, for the tables in
    input order (before any sort) and in key order."""
    ds = Dataset.from_frames(_tables(shuffle))
    assert not ds.report.ok  # the problems above were found, rows were rejected
    recorded = set(ds._references)
    assert {("employees", "position_id"), ("targets", "indicator_id")} <= recorded
    assert ("positions", "superior_id") in recorded  # self-references too
    for table, column in sorted(recorded):
        ref = next(c.ref for c in TABLES[table].columns if c.name == column)
        assert ref is not None
        target_name, key = ref
        if sorted_first:
            rows, target = ds[table], ds[target_name]
        else:
            rows, target = ds._any_order(table), ds._any_order(target_name)
        got = ds._reference_rows(table, column, rows, target)
        assert got is not None
        want = _looked_up(rows, column, target, key)
        np.testing.assert_array_equal(got, want, err_msg=f"{table}.{column}")


def test_references_survive_pickling() -> None:
    ds = Dataset.from_frames(_tables(False))
    back = pickle.loads(pickle.dumps(ds))
    emp, pos = back["employees"], back["positions"]
    np.testing.assert_array_equal(
        back._reference_rows("employees", "position_id", emp, pos),
        _looked_up(emp, "position_id", pos, "position_id"),
    )


def test_dataset_pickled_without_references_still_calculates() -> None:
    """A Dataset pickled before validation kept references looks them up as before."""
    ds = Dataset.from_frames(_tables(False))
    state = ds.__getstate__()
    del state["_references"]
    old = Dataset.__new__(Dataset)
    old.__setstate__(state)
    emp, pos = old["employees"], old["positions"]
    assert old._reference_rows("employees", "position_id", emp, pos) is None
    assert Hierarchy.from_dataset(old).position_table.equals(
        Hierarchy.from_dataset(ds).position_table
    )


def test_first_rows_in_matches_parent_index() -> None:
    """First occurrence for a repeated id, null never matches (on either side)."""
    known = pd.Series(["a", "b", None, "b", "c", "a"], dtype="str")
    values = pd.Series(["b", None, "c", "z", "a"], dtype="str")
    got = first_rows_in(values, known)
    assert got is not None
    assert got.tolist() == [1, -1, 4, -1, 0]
    assert got.tolist() == _graph.parent_index(known, values).tolist()
    assert first_rows_in(values.astype(object), known) is None  # not Arrow: isin decides


def _same_hierarchy(a: Hierarchy, b: Hierarchy) -> None:
    for attr in ("units", "position_table", "work_items"):
        pd.testing.assert_frame_equal(getattr(a, attr), getattr(b, attr), check_exact=True)
    for tree in ("unit_tree", "pos_tree", "item_tree"):
        for f in ("parent", "depth", "root", "tin", "size", "order"):
            np.testing.assert_array_equal(
                getattr(getattr(a, tree), f), getattr(getattr(b, tree), f)
            )
    np.testing.assert_array_equal(a.item_owner, b.item_owner)
    pd.testing.assert_series_equal(a.opd_heads, b.opd_heads)
    pd.testing.assert_frame_equal(a.positions, b.positions)


@pytest.mark.parametrize("shuffle", [False, True])
def test_hierarchy_from_references_equals_lookup(shuffle: bool) -> None:
    ds = Dataset.from_frames(_tables(shuffle))
    built = Hierarchy.from_dataset(ds)
    looked = Hierarchy(
        units=ds["units"],
        positions=ds["positions"],
        work_items=ds["work_items"],
        employees=ds["employees"],
    )
    _same_hierarchy(built, looked)


@pytest.mark.parametrize("shuffle", [False, True])
@pytest.mark.parametrize("period", ["2025-02", "2025-03", "2025-Q1"])
@pytest.mark.parametrize("periods", ["latest", "enclosing", "exact"])
def test_figures_in_any_row_order(shuffle: bool, period: str, periods: str) -> None:
    """The figures a roll-up reads (targets and realisations as held, not yet sorted, rows
    from validation) equal the figures of the sorted tables looked up by id."""
    tables = _tables(shuffle)
    fresh = Dataset.from_frames(tables)
    policy = RollupPolicy(periods=periods, min_status="approved")
    got = rules_hierarchy._figures_for(
        fresh, Hierarchy.from_dataset(fresh), Period.parse(period), policy
    )
    assert "targets" not in fresh._in_key_order  # read as given: nothing waited for a sort
    ds = Dataset.from_frames(tables)
    want = indicator_figures(
        ds["indicators"],
        ds["targets"],
        ds["realisations"],
        period,
        periods=policy.periods,
        min_status=policy.min_status,
    )
    pd.testing.assert_frame_equal(got, want, check_exact=True)


@pytest.mark.parametrize("period", ["2025-03", "2025-Q1", "2024-12"])
def test_figures_text_kept_in_storage_equals_objects(period: str) -> None:
    """Text columns taken as stored (``str``) give the frame that object arrays gave, dtypes
    included: also when nothing is picked (a period before every realisation: ``object``)."""
    ds = Dataset.from_frames(_tables(False))
    tables = [ds["indicators"], ds["targets"], ds["realisations"]]
    as_objects = [t.astype({c: object for c in t.columns if t[c].dtype == "str"}) for t in tables]
    got = indicator_figures(*tables, period)
    want = indicator_figures(*as_objects, period)
    assert got["indicator_id"].dtype == "str"
    pd.testing.assert_frame_equal(got, want, check_exact=True)


@given(
    st.lists(st.integers(0, 60), max_size=40),
    st.lists(st.integers(-2, 70), min_size=1, max_size=40),
    st.integers(61, 400),
)
@settings(max_examples=200, deadline=None)
def test_target_lookup_by_table_equals_the_hash_index(
    keys: list[int], wanted: list[int], space: int
) -> None:
    """The figures find each indicator's target key by one gather from a slot table when
    the keys are unique and dense, else through a hash index: the same positions (the
    first of repeated keys; -1 for a missing key and for the -2 of "no period")."""
    k = np.asarray(keys, dtype=np.int64)
    w = np.asarray([x if x < space else -2 for x in wanted], dtype=np.int64)
    by_hash = figures._hash_finder(k)(w)
    expected = [keys.index(x) if x in keys else -1 for x in w.tolist()]
    assert by_hash.tolist() == expected
    dense = figures._dense_finder(k, space)
    if dense is None:
        assert len(set(keys)) < len(keys) or space > 4 * len(keys) + 1024
    else:
        assert dense(w).tolist() == expected


def test_repeated_targets_in_raw_frames_count_the_first() -> None:
    """``indicator_figures`` on frames no Dataset validated: of two targets for one
    indicator and period, the first in the table counts (the row after the repeats used to
    be read instead)."""
    indicators = pd.DataFrame(
        {"indicator_id": ["A", "B"], "work_item_id": ["W", "W"], "weight": [1.0, 1.0]}
    )
    targets = pd.DataFrame(
        {
            "indicator_id": ["B", "B", "A", "A"],
            "period": ["2025-03", "2025-03", "2025-03", "2025-03"],
            "target": [10.0, 20.0, 30.0, 40.0],
        }
    )
    realisations = pd.DataFrame(
        {"indicator_id": ["A", "B"], "period": ["2025-03", "2025-03"], "value": [1.0, 2.0]}
    )
    got = indicator_figures(indicators, targets, realisations, "2025-03")
    assert got.set_index("indicator_id")["target"].to_dict() == {"A": 30.0, "B": 10.0}
