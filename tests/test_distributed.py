"""Partitioned calculation (tukin.distributed) equals the single-process one, on Dask.

The rule set is the benchmark's full pack (roll-up along the hierarchy, OPD factor, per-OPD
ceiling, BPJS, PPh 21) plus a government-wide ceiling that binds, so the reduce step's
largest-remainder allocation across partitions is exercised.
"""

from __future__ import annotations

import copy
import functools
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import yaml

from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.demo import generate
from tukin.distributed import calculate_partitioned, spanning_steps, split_by_opd
from tukin.result import Result
from tukin.ruleset.load import load_ruleset
from tukin.ruleset.model import RuleSet

ROOT = Path(__file__).resolve().parent.parent
PERIOD = "2025-03"


@functools.cache
def dataset() -> Dataset:
    return Dataset.from_frames(**generate(1200, seed=11, months=3))


@functools.cache
def pack() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "benchmarks" / "full_pack.yaml").read_text())


@functools.cache
def ruleset_with_government_ceiling() -> RuleSet:
    """Full pack + a government-wide ceiling at 97 % of the uncapped total (it binds)."""
    spec = copy.deepcopy(pack())
    uncapped = calculate(dataset(), load_ruleset(copy.deepcopy(spec)), PERIOD).to_frame()
    amount = int(uncapped["tpp_pagu"].sum()) * 97 // 100
    ids = [s["id"] for s in spec["steps"]]
    at = ids.index("tpp_pagu") + 1
    step = {
        "id": "tpp_pemda",
        "type": "ceiling",
        "input": "tpp_pagu",
        "group_by": "all",
        "amount": amount,
    }
    spec["steps"].insert(at, step)
    for s in spec["steps"][at + 1 :]:
        s["input"] = "tpp_pemda"
    spec["outputs"]["allowance"] = "tpp_pemda"
    return load_ruleset(spec)


@functools.cache
def single() -> Result:
    return calculate(dataset(), ruleset_with_government_ceiling(), PERIOD)


def assert_same(a: Result, b: Result) -> None:
    pd.testing.assert_frame_equal(a.to_frame(), b.to_frame(), check_exact=True)
    pd.testing.assert_frame_equal(a.rejected, b.rejected, check_exact=True)
    ra, rb = a.receipt.model_dump(), b.receipt.model_dump()
    ra.pop("computed_at")
    rb.pop("computed_at")
    assert ra == rb


class TestSplit:
    def test_every_employee_in_exactly_one_partition(self) -> None:
        parts = split_by_opd(dataset(), 3)
        nips = [n for p in parts for n in p["employees"]["nip"].tolist()]
        assert len(parts) == 3
        assert sorted(nips) == sorted(dataset()["employees"]["nip"].tolist())

    def test_whole_opds_per_partition(self) -> None:
        from tukin.calc.frame import opd_of_units

        opd = opd_of_units(dataset()["units"])
        seen: dict[str, int] = {}
        for i, p in enumerate(split_by_opd(dataset(), 4)):
            for o in set(p["units"]["unit_id"].map(opd)):
                assert seen.setdefault(o, i) == i

    def test_opd_of_each_row_follows_the_references(self) -> None:
        """Each row's OPD through its references (unit, position, NIP, work item,
        indicator); NaN where a reference is missing or unknown (such rows go to every
        partition, or the first; a validated Dataset has none)."""
        from tukin.distributed import _opd_per_row

        tables = {
            "units": pd.DataFrame({"unit_id": ["A", "A1", "B"], "parent_id": [None, "A", None]}),
            "positions": pd.DataFrame(
                {"position_id": ["p1", "p2", "p3"], "unit_id": ["A1", "B", "Z"]}
            ),
            "employees": pd.DataFrame(
                {"nip": ["n1", "n2", "n3", "n4"], "position_id": ["p1", "p2", "p3", None]}
            ),
            "attendance": pd.DataFrame({"nip": ["n2", "n9", "n1"]}),
            "work_items": pd.DataFrame(
                {
                    "work_item_id": ["w1", "w2", "w3"],
                    "unit_id": ["A1", None, "Q"],
                    "responsible_position_id": [None, "p2", None],
                }
            ),
            "indicators": pd.DataFrame(
                {"indicator_id": ["i1", "i2"], "work_item_id": ["w2", "w3"]}
            ),
            "targets": pd.DataFrame({"indicator_id": ["i1", "i2", "i0"]}),
        }
        got = {k: v.tolist() for k, v in _opd_per_row(tables).items()}
        nan = got["targets"][2]
        assert nan != nan  # NaN
        assert got["units"] == ["A", "A", "B"]
        assert got["positions"][:2] == ["A", "B"] and got["positions"][2] != got["positions"][2]
        assert got["employees"][:2] == ["A", "B"]
        assert all(x != x for x in got["employees"][2:])
        assert got["attendance"][0] == "B" and got["attendance"][2] == "A"
        assert got["attendance"][1] != got["attendance"][1]
        assert got["work_items"][:2] == ["A", "B"] and got["work_items"][2] != got["work_items"][2]
        assert got["indicators"][0] == "B" and got["indicators"][1] != got["indicators"][1]
        assert got["targets"][0] == "B" and got["targets"][1] != got["targets"][1]

    def test_only_cross_opd_ceilings_span(self) -> None:
        spans = spanning_steps(ruleset_with_government_ceiling(), PERIOD)
        assert [s.id for s in spans] == ["tpp_pemda"]  # tpp_pagu is per OPD: stays local


class TestInline:
    def test_equals_single_process(self) -> None:
        res = calculate_partitioned(
            dataset(), ruleset_with_government_ceiling(), PERIOD, npartitions=3
        )
        assert res.partitions == 3
        assert_same(single(), res)
        frame = res.to_frame()
        assert int(frame["tpp_pemda"].sum()) < int(frame["tpp_pagu"].sum())  # the ceiling bound


class TestDask:
    def test_two_worker_local_cluster(self) -> None:
        distributed = pytest.importorskip("dask.distributed")
        with (
            distributed.LocalCluster(
                n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
            ) as cluster,
            distributed.Client(cluster) as client,
        ):
            res = calculate_partitioned(
                dataset(), ruleset_with_government_ceiling(), PERIOD, client=client
            )
            assert res.partitions == 4  # two per worker
            assert_same(single(), res)
            nips = res.to_frame()["nip"].to_numpy()
            for nip in nips[:: max(1, len(nips) // 5)]:
                a, b = single().explain(nip).to_dict(), res.explain(nip).to_dict()
                a["receipt"].pop("computed_at")
                b["receipt"].pop("computed_at")
                assert a == b
            rejected = res.rejected["nip"].iloc[0]
            with pytest.raises(Exception, match=str(rejected)):
                res.explain(rejected)
        assert np.array_equal(single().to_frame()["allowance"], res.to_frame()["allowance"])
