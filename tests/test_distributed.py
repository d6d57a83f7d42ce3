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


def assert_same(a: Result, b: Result, *, float_ulps: bool = False) -> None:
    """Equal results. ``float_ulps``: float step columns that are not money may differ in
    their last binary digits (docs/scaling.md); every other column is compared exactly."""
    fa, fb = a.to_frame(), b.to_frame()
    if float_ulps:
        floats = [c for c in fa.columns if pd.api.types.is_float_dtype(fa[c].dtype)]
        pd.testing.assert_frame_equal(fa[floats], fb[floats], check_exact=False, rtol=1e-13)
        fa, fb = fa.drop(columns=floats), fb.drop(columns=floats)
    pd.testing.assert_frame_equal(fa, fb, check_exact=True)
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
        indicator) equals the one found by walking the ids as text."""
        from tukin.distributed import _REFERENCES, _link, _opd_codes

        ds = dataset()
        frames = {n: ds._any_order(n) for n in ds._tables}
        links = {r: _link(ds, frames, *r) for r in _REFERENCES}
        codes = _opd_codes(frames, links)
        units = frames["units"]
        parent = dict(zip(units["unit_id"], units["parent_id"], strict=True))

        def root(u: Any) -> Any:
            while isinstance(parent.get(u), str):
                u = parent[u]
            return u

        unit_opd = {u: root(u) for u in units["unit_id"]}
        pos = frames["positions"]
        pos_opd = dict(zip(pos["position_id"], pos["unit_id"].map(unit_opd), strict=True))
        emp = frames["employees"]
        nip_opd = dict(zip(emp["nip"], emp["position_id"].map(pos_opd), strict=True))
        wi = frames["work_items"]
        item_opd = dict(zip(wi["work_item_id"], wi["unit_id"].map(unit_opd), strict=True))
        ind = frames["indicators"]
        ind_opd = dict(zip(ind["indicator_id"], ind["work_item_id"].map(item_opd), strict=True))
        expected = {
            "units": units["unit_id"].map(unit_opd),
            "positions": pos["unit_id"].map(unit_opd),
            "employees": emp["position_id"].map(pos_opd),
            "work_items": wi["unit_id"].map(unit_opd),
            "indicators": ind["work_item_id"].map(item_opd),
            "budget_realisations": frames["budget_realisations"]["work_item_id"].map(item_opd),
            **{n: frames[n]["indicator_id"].map(ind_opd) for n in ("targets", "realisations")},
            **{n: frames[n]["nip"].map(nip_opd) for n in ("attendance", "appraisals", "sanctions")},
        }
        names = units["unit_id"].to_numpy(dtype=object)
        for name, want in expected.items():
            assert len(want) and want.notna().all(), name
            assert names[codes[name]].tolist() == want.tolist(), name

    def test_partitions_need_no_second_validation(self) -> None:
        """The partitions are Datasets of the parent's rows: nothing rejected, every
        reference found where validating them again would find it."""
        from tukin.distributed import _split

        for part in _split(dataset(), 3):
            again = Dataset.from_frames(dict(part._tables))
            assert again.report.ok
            assert set(again._references) == set(part._references)
            for key, ref in part._references.items():
                assert ref.target == again._references[key].target
                assert np.array_equal(ref.rows, again._references[key].rows), key
            assert part.fingerprint() == again.fingerprint()

    def test_partitions_of_sorted_tables_are_sorted(self) -> None:
        """Rows taken in order from a table in key order are in key order: the partition
        knows it and does not sort them again."""
        from tukin._fingerprint import row_order
        from tukin._lookup import is_identity
        from tukin.contract import TABLES
        from tukin.distributed import _split

        ds = Dataset.from_frames(**generate(600, seed=12, months=1))
        assert not ds._in_key_order
        assert not any(p._in_key_order for p in _split(ds, 3))
        ds.fingerprint()  # puts every table in key order
        for part in _split(ds, 3):
            assert part._in_key_order == set(part._tables)
            for name, frame in part._tables.items():
                order = row_order(frame, list(TABLES[name].key))
                assert order is None or is_identity(order), name

    def test_without_recorded_references_the_same_partitions(self) -> None:
        """Text not held in Arrow leaves no references from validation: the split looks
        the ids up instead, with the same outcome."""
        import pickle

        ds = dataset()
        bare = pickle.loads(pickle.dumps(ds))
        bare._references = {}
        for a, b in zip(split_by_opd(ds, 3), split_by_opd(bare, 3), strict=True):
            for name in a:
                pd.testing.assert_frame_equal(a[name], b[name], check_exact=True)

    def test_opds_that_refer_to_each_other_share_a_partition(self) -> None:
        """A Kepala Dinas reporting to a superior in another OPD (the Sekda): the two OPDs
        are calculated together, and the result still equals the single-process one."""
        from tukin.calc.frame import opd_of_units

        tables = generate(300, seed=3, months=1)
        pos = tables["positions"].copy()
        opd = pos["unit_id"].map(opd_of_units(tables["units"]))
        first, other = opd.unique()[:2]
        row = int(np.flatnonzero(opd == first)[0])
        pos.loc[row, "superior_id"] = pos.loc[int(np.flatnonzero(opd == other)[0]), "position_id"]
        tables["positions"] = pos
        ds = Dataset.from_frames(**tables)
        assert ds.report.ok
        many = len(opd.unique())
        parts = split_by_opd(ds, many)
        together = [i for i, p in enumerate(parts) if {first, other} <= set(p["units"]["unit_id"])]
        assert len(together) == 1 and len(parts) < many
        rs = load_ruleset(copy.deepcopy(pack()))
        period = "2025-01"
        res = calculate_partitioned(ds, rs, period, npartitions=many)
        assert_same(calculate(ds, rs, period), res, float_ulps=True)

    def test_a_row_referring_outside_its_partition_is_an_error(self) -> None:
        """The safety net under the split: a row whose partition does not hold the row it
        refers to stops the run, naming the table, row, column and value."""
        from tukin.distributed import _local_references
        from tukin.errors import CalculationError

        frames = {
            "positions": pd.DataFrame(
                {"position_id": ["A", "B"], "superior_id": [None, "A"]},
                index=pd.RangeIndex(2, name="row"),
            )
        }
        link = ("positions", "superior_id", "positions", "position_id")
        at = np.array([-1, 0])
        with pytest.raises(CalculationError, match="row 1, column 'superior_id': 'A'") as err:
            _local_references(frames, {link: at}, {"positions": np.array([1])}, set())
        assert err.value.code == "partition_not_self_contained"
        assert "another partition" in str(err.value) and "step" not in str(err.value)
        kept = _local_references(
            frames, {link: at}, {"positions": np.array([0, 1])}, {("positions", "superior_id")}
        )
        assert kept[("positions", "superior_id")].rows.tolist() == [-1, 0]

    @pytest.mark.parametrize("linked", [False, True])
    def test_the_same_partitions_whatever_the_order(self, linked: bool) -> None:
        """The same data gives the same partitions, whether the Dataset has sorted its
        tables yet and whatever the order of the input rows; also when OPDs are linked
        (each head reporting to another OPD's head) and joined."""
        from tukin.calc.frame import opd_of_units

        tables = generate(400, seed=4, months=1)
        if linked:
            pos = tables["positions"].copy()
            opd = pos["unit_id"].map(opd_of_units(tables["units"]))
            heads = pos.index[pos["superior_id"].isna()].tolist()
            for a, b in zip(heads[::2], heads[1::2], strict=False):  # pairs of OPDs joined
                if opd[a] != opd[b]:
                    pos.loc[a, "superior_id"] = pos.loc[b, "position_id"]
            tables["positions"] = pos
        ds = Dataset.from_frames(**tables)
        before = split_by_opd(ds, 3)
        ds.fingerprint()  # every table put in key order inside the Dataset
        shuffled = {n: t.sample(frac=1, random_state=1) for n, t in tables.items()}
        for other in (split_by_opd(ds, 3), split_by_opd(Dataset.from_frames(**shuffled), 3)):
            for a, b in zip(before, other, strict=True):
                for name in a:
                    pd.testing.assert_frame_equal(a[name], b[name], check_exact=True)

    def test_joined_opds_are_named_by_their_data_not_their_row_order(self) -> None:
        """Two sets of linked OPDs with as many employees each: which goes first is decided
        by their unit ids, not by where their rows happen to be (before and after the
        Dataset sorts its tables, and for the rows given in another order)."""
        units = pd.DataFrame({"unit_id": ["D", "B", "C", "A"], "name": list("DBCA")})
        positions = pd.DataFrame(
            {
                "position_id": ["A/KA", "B/KA", "C/KA", "D/KA"],
                "name": "Kepala",
                "unit_id": ["A", "B", "C", "D"],
                "kind": "jpt",
                "grade": 14,
                "superior_id": [None, None, "B/KA", "A/KA"],  # D with A, C with B
            }
        )
        employees = pd.DataFrame(
            {
                "nip": [f"19800101200001100{i}" for i in range(4)],
                "position_id": ["A/KA", "B/KA", "C/KA", "D/KA"],
                "status": "pns",
            }
        )
        tables = {"units": units, "positions": positions, "employees": employees}

        def shown(ds: Dataset) -> list[list[str]]:
            return [sorted(p["units"]["unit_id"]) for p in split_by_opd(ds, 2)]

        fresh = Dataset.from_frames(**tables)
        first = shown(fresh)
        assert first == [["A", "D"], ["B", "C"]]
        fresh.table("units")  # the Dataset puts the table in key order
        assert shown(fresh) == first
        flipped = {n: t.iloc[::-1].reset_index(drop=True) for n, t in tables.items()}
        assert shown(Dataset.from_frames(**flipped)) == first

    def test_an_opd_without_employees_goes_to_one_partition(self) -> None:
        """Its rows (units, positions, work items ...) are not copied to every partition."""
        from tukin.calc.frame import opd_of_units

        tables = generate(400, seed=6, months=1)
        units = tables["units"]
        opd = units["unit_id"].map(opd_of_units(units))
        pos_opd = tables["positions"]["unit_id"].map(opd_of_units(units))
        empty = opd.iloc[-1]  # an OPD whose positions are all vacated below
        held = pos_opd == empty
        tables["employees"] = tables["employees"][
            ~tables["employees"]["position_id"].isin(tables["positions"]["position_id"][held])
        ]
        ds = Dataset.from_frames(**tables)
        parts = split_by_opd(ds, 3)
        where = [i for i, p in enumerate(parts) if set(p["units"]["unit_id"]) & {empty}]
        assert len(where) == 1
        assert sum(len(p["units"]) for p in parts) == len(ds["units"])

    def test_a_partition_weighs_its_tables(self) -> None:
        """Dask weighs scattered data by sys.getsizeof (dask.sizeof's fallback)."""
        import sys

        part = split_by_opd(dataset(), 2)[0]
        tables = sum(int(f.memory_usage(deep=False).sum()) for f in part.values())
        from tukin.distributed import _split

        assert sys.getsizeof(_split(dataset(), 2)[0]) >= tables

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

    def test_the_same_warnings(self) -> None:
        """An attendance code no step reads is reported once, as calculate reports it."""
        import warnings

        from tukin.errors import InputWarning

        def caught(fn: Any) -> list[str]:
            with warnings.catch_warnings(record=True) as seen:
                warnings.simplefilter("always")
                fn()
            return [str(w.message) for w in seen if issubclass(w.category, InputWarning)]

        rs = ruleset_with_government_ceiling()
        one = caught(lambda: calculate(dataset(), rs, PERIOD))
        parted = caught(lambda: calculate_partitioned(dataset(), rs, PERIOD, npartitions=3))
        assert one and all(one) and parted == one  # the text too, not only the class

    def test_missing_absence_history_is_read_from_the_whole_dataset(self) -> None:
        """absence_sanction's history is checked once on the driver, as calculate checks it:
        an OPD whose own February rows are gone does not make February missing."""
        import warnings

        from tukin.errors import InputWarning

        frames = generate(1200, seed=11, months=3)
        att, emp, pos = frames["attendance"], frames["employees"], frames["positions"]
        unit = pos.set_index("position_id")["unit_id"]
        some = emp["nip"][emp["position_id"].map(unit) == unit.iloc[0]]
        frames["attendance"] = att[~(att["nip"].isin(some) & (att["period"] == "2025-02"))]
        ds = Dataset.from_frames(**frames)
        tiers = [{"days": 11, "cut": "25%", "months": 6}]
        rs = load_ruleset(
            {
                "name": "tk only",
                "steps": [
                    {
                        "id": "dasar",
                        "type": "lookup",
                        "key": "grade",
                        "unit": "rupiah",
                        "table": {g: 1000 * g for g in range(1, 18)},
                    },
                    {"id": "potongan_tk", "type": "absence_sanction", "tiers": tiers},
                    {"id": "kotor", "type": "formula", "expr": "dasar * (1 - potongan_tk)"},
                    {"id": "tpp", "type": "round", "input": "kotor"},
                ],
            }
        )

        def caught(fn: Any) -> list[InputWarning]:
            with warnings.catch_warnings(record=True) as seen:
                warnings.simplefilter("always")
                fn()
            return [w.message for w in seen if isinstance(w.message, InputWarning)]

        one = caught(lambda: calculate(ds, rs, PERIOD))
        parted = caught(lambda: calculate_partitioned(ds, rs, PERIOD, npartitions=3))
        assert [str(w) for w in parted] == [str(w) for w in one]
        (missing,) = [w for w in one if w.code == "absence_history_missing"]
        assert missing.fields["value"] == "2024-01..2024-12"  # six months back from March

    def test_explain_after_release(self) -> None:
        from tukin.errors import EmployeeNotFoundError

        res = calculate_partitioned(
            dataset(), ruleset_with_government_ceiling(), PERIOD, npartitions=2
        )
        nip = str(res.to_frame()["nip"].iloc[0])
        assert res.explain(nip).to_dict()["nip"] == nip
        res.release()
        with pytest.raises(EmployeeNotFoundError, match="dilepas") as err:
            res.explain(nip)
        assert err.value.code == "partitions_released"
        assert "released" in err.value.message("en")

    def test_a_pickled_partitioned_result_is_a_released_one(self) -> None:
        """It could not be pickled (its partitions, its executor); the copy keeps every
        figure and the receipt and refuses explanations as a released result does."""
        import pickle

        from tukin.errors import EmployeeNotFoundError

        res = calculate_partitioned(
            dataset(), ruleset_with_government_ceiling(), PERIOD, npartitions=2
        )
        copy = pickle.loads(pickle.dumps(res))
        assert copy.receipt == res.receipt and copy.to_frame().equals(res.to_frame())
        nip = str(res.to_frame()["nip"].iloc[0])
        assert res.explain(nip).to_dict()["nip"] == nip  # the original still explains
        with pytest.raises(EmployeeNotFoundError) as err:
            copy.explain(nip)
        assert err.value.code == "partitions_released"


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


def test_partitioned_totals_carry_the_employer_columns() -> None:
    """A partitioned Result's totals() had no employer-contribution column (read from a
    _run it does not have): they equal calculate's, column for column."""
    import tests.strategies as ts
    from tukin.ruleset.load import build_ruleset

    ds = Dataset.from_frames(mode="strict", **ts.tiny_regency_tables())
    rs = build_ruleset(ts.SPLIT_RULES, {})
    single = calculate(ds, rs, "2025-01").totals()
    parted = calculate_partitioned(ds, rs, "2025-01", npartitions=2).totals()
    assert "bpjs_4" in single.columns
    pd.testing.assert_frame_equal(parted, single)


def test_rows_tied_on_a_shared_tie_break_key_go_by_nip_in_every_partitioning() -> None:
    """A government-wide ceiling whose ``tie_break`` is shared by many rows (a grade): the
    rupiah left by the largest remainder go to the same employees in one calculation and in
    partitions of it (equal allowances, so every remainder ties; review 29 d06)."""
    import tukin

    tables = generate(300, seed=211, months=6)
    codes = [c for c in tables["attendance"].columns if c not in ("nip", "period")]
    tables["attendance"].loc[:, codes] = 0
    tables["appraisals"]["results"] = "as_expected"
    tables["appraisals"]["behaviour"] = "as_expected"
    tables["employees"]["status"] = "pns"
    tables["employees"]["start_date"] = pd.NaT
    tables["employees"]["end_date"] = pd.NaT
    ds = Dataset.from_frames(**tables)
    spec = yaml.safe_load(tukin.presets.path("tpp-60-40").read_text())
    spec["parameters"]["base_tpp"] = {
        "source": "example",
        "value": dict.fromkeys(range(1, 18), 1_000_000),
    }
    spec["steps"].append(
        {
            "id": "tpp_pemda",
            "type": "ceiling",
            "input": "tpp",
            "group_by": "all",
            "amount": 199_999_999,
            "tie_break": "grade",
        }
    )
    spec["outputs"]["allowance"] = "tpp_pemda"
    rs = load_ruleset(spec)
    one = calculate(ds, rs, "2025-06")
    two = calculate_partitioned(ds, rs, "2025-06", npartitions=2)
    assert one.total == 199_999_999
    paid = one.to_frame()["allowance"]
    assert paid.nunique() == 2  # the ceiling's leftover rupiah went to some, by key
    assert one.receipt.result_fingerprint == two.receipt.result_fingerprint
    assert_same(one, two)


def test_totals_past_int64_across_partitions_are_refused() -> None:
    """Each partition's allowances add up within int64, all of them together do not: the merge
    refuses the total (total_too_large) as a single calculation does, instead of a receipt
    whose total wrapped negative."""
    from tukin.errors import CalculationError

    big = 2**53 - 1  # 1,024 such amounts pass 2**63 - 1
    table = ", ".join(f"{g}: {big}" for g in range(1, 18))
    rs = load_ruleset(
        "name: besar\nsteps:\n"
        f"  - {{id: dasar, type: lookup, key: grade, table: {{{table}}}, unit: rupiah}}\n"
        "  - {id: tpp, type: round, input: dasar}\n"
    )
    ds = Dataset.from_frames(generate(1500, seed=3))
    parts = split_by_opd(ds, 4)
    assert max(len(p["employees"]) for p in parts) < 1024 < len(ds["employees"])
    with pytest.raises(CalculationError) as info:
        calculate_partitioned(ds, rs, PERIOD, npartitions=4)
    assert info.value.fields["detail_code"] == "total_too_large"
    assert info.value.fields["count"] > 1024
