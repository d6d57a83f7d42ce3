"""Budget ceilings: exact largest-remainder allocation, policies, reconciliation."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import strategies as ts
from tukin.calc.engine import _Run, calculate
from tukin.dataset import Dataset
from tukin.errors import CalculationError, RuleSetError
from tukin.period import Period
from tukin.result import Result
from tukin.rules.budget import allocate, muldivmod, reconciliation
from tukin.ruleset.load import build_ruleset

FAST = settings(max_examples=50, deadline=None)


def run(
    columns: dict[str, Any], steps: list[dict[str, Any]], *, reference: bool = False, **extra: Any
) -> Result:
    """Evaluate ``steps`` over a frame of ``columns`` (``amount``/``perf`` are rupiah)."""
    frame = pd.DataFrame(columns)
    frame.attrs["money_columns"] = ("amount", "perf")
    rs = build_ruleset({"name": "t", "steps": steps, **extra}, {})
    r = _Run(frame, rs, Period.parse("2025-10"), None)
    r.evaluate(reference=reference)
    return Result.build(r, None)


def ceiling(**params: Any) -> dict[str, Any]:
    return {"id": "capped", "type": "ceiling", "input": "amount", **params}


def paid(result: Result) -> dict[str, int]:
    f = result.to_frame()
    return dict(zip(f["nip"], f["allowance"].astype(int), strict=True))


def reference_allocation(amounts: list[int], ceiling_: int, keys: list[str]) -> list[int]:
    """Largest remainder written the slow, obvious way with Fractions."""
    total = sum(amounts)
    if total <= ceiling_:
        return list(amounts)
    shares = [Fraction(a * ceiling_, total) for a in amounts]
    out = [int(s) for s in shares]
    order = sorted(range(len(amounts)), key=lambda i: (-(shares[i] - out[i]), keys[i]))
    for i in order[: ceiling_ - sum(out)]:
        out[i] += 1
    return out


class TestAllocate:
    @FAST
    @given(ts.ceiling_cases())
    def test_binding_ceiling_is_met_exactly(
        self, case: tuple[list[int], list[int], list[int]]
    ) -> None:
        """Every group whose total exceeds its ceiling is paid exactly the ceiling."""
        amounts, groups, ceilings = case
        out = allocate(
            np.array(amounts), np.array(groups), np.array(ceilings), np.array(ts.nips(len(amounts)))
        )
        for g, c in enumerate(ceilings):
            before = sum(a for a, k in zip(amounts, groups, strict=True) if k == g)
            after = int(out[np.array(groups) == g].sum())
            assert after == (c if before > c else before)

    @FAST
    @given(ts.ceiling_cases())
    def test_scaling_never_raises_anyone(
        self, case: tuple[list[int], list[int], list[int]]
    ) -> None:
        """Nobody receives more than before, and nobody less than the floor of their exact share."""
        amounts, groups, ceilings = case
        out = allocate(
            np.array(amounts), np.array(groups), np.array(ceilings), np.array(ts.nips(len(amounts)))
        )
        totals = [
            sum(a for a, k in zip(amounts, groups, strict=True) if k == g)
            for g in range(len(ceilings))
        ]
        for a, g, o in zip(amounts, groups, out, strict=True):
            assert 0 <= o <= a
            if totals[g] > ceilings[g]:
                assert o >= a * ceilings[g] // totals[g]

    @FAST
    @given(ts.ceiling_cases(max_groups=1), st.data())
    def test_row_order_changes_nothing(
        self, case: tuple[list[int], list[int], list[int]], data: st.DataObject
    ) -> None:
        """Shuffling the rows gives every key the same amount."""
        amounts, groups, ceilings = case
        keys = ts.nips(len(amounts))
        perm = data.draw(st.permutations(range(len(amounts))))
        a = allocate(np.array(amounts), np.array(groups), np.array(ceilings), np.array(keys))
        b = allocate(
            np.array(amounts)[perm],
            np.array(groups)[perm],
            np.array(ceilings),
            np.array(keys)[perm],
        )
        assert dict(zip(keys, a.tolist(), strict=True)) == dict(
            zip(np.array(keys)[perm].tolist(), b.tolist(), strict=True)
        )

    @FAST
    @given(ts.ceiling_cases(max_groups=1, max_amount=10**12))
    def test_matches_the_fraction_reference_also_beyond_int64_products(
        self, case: tuple[list[int], list[int], list[int]]
    ) -> None:
        """Amounts × ceiling past 2**63 (the int64 road of muldivmod) agree with Fractions."""
        amounts, groups, ceilings = case
        keys = ts.nips(len(amounts))
        out = allocate(np.array(amounts), np.array(groups), np.array(ceilings), np.array(keys))
        assert out.tolist() == reference_allocation(amounts, ceilings[0], keys)

    @FAST
    @given(ts.ceiling_cases(max_amount=6))
    def test_matches_the_reference_in_every_group_when_remainders_tie(
        self, case: tuple[list[int], list[int], list[int]]
    ) -> None:
        """Small amounts make equal remainders common: each group still gets exactly what the
        Fraction reference gives its members (ties to the lowest NIP)."""
        amounts, groups, ceilings = case
        keys = ts.nips(len(amounts))
        out = allocate(np.array(amounts), np.array(groups), np.array(ceilings), np.array(keys))
        for g, c in enumerate(ceilings):
            at = [i for i, k in enumerate(groups) if k == g]
            mine = [amounts[i] for i in at]
            want = reference_allocation(mine, c, [keys[i] for i in at]) if sum(mine) > c else mine
            assert [int(out[i]) for i in at] == want

    def test_equal_remainders_go_to_the_lowest_nip(self) -> None:
        """Three equal claims on 2 rupiah: the first two NIPs get one each."""
        out = allocate(
            np.array([5, 5, 5]), np.zeros(3, int), np.array([2]), np.array(["c", "a", "b"])
        )
        assert out.tolist() == [0, 1, 1]

    def test_negative_target_leaves_group_alone(self) -> None:
        """A target of -1 means no ceiling for that group."""
        out = allocate(np.array([5, 7]), np.array([0, 1]), np.array([-1, 3]), np.array(["a", "b"]))
        assert out.tolist() == [5, 3]


class TestMulDivMod:
    """``divmod(a * t, s)`` in int64 although ``a * t`` passes 2**63 (a province's ceiling
    times an allowance): the float estimate and wrapped remainder give Python's answer."""

    @given(
        st.lists(
            st.tuples(
                st.integers(0, 2**52 - 1), st.integers(1, 2**60 - 1), st.integers(0, 2**60 - 1)
            ),
            min_size=1,
            max_size=30,
        )
    )
    @settings(max_examples=300, deadline=None)
    def test_same_as_python_integers(self, rows: list[tuple[int, int, int]]) -> None:
        a = np.array([r[0] for r in rows], dtype=np.int64)
        s = np.array([r[1] for r in rows], dtype=np.int64)
        t = np.minimum(np.array([r[2] for r in rows], dtype=np.int64), s)
        q, r = muldivmod(a, t, s)
        expected = [
            divmod(x * y, z) for x, y, z in zip(a.tolist(), t.tolist(), s.tolist(), strict=True)
        ]
        assert list(zip(q.tolist(), r.tolist(), strict=True)) == expected

    def test_edges_of_the_bounds(self) -> None:
        """The largest amount and divisor the int64 road takes, and beyond it (Python ints)."""
        for a, t, s in [
            (2**52 - 1, 2**60 - 1, 2**60 - 1),
            (2**52 - 1, 2**60 - 2, 2**60 - 1),
            (2**53 + 1, 2**61, 2**61 + 3),
            (0, 5, 7),
        ]:
            q, r = muldivmod(np.array([a]), np.array([t]), np.array([s]))
            assert (int(q[0]), int(r[0])) == divmod(a * t, s)


class TestCeilingRule:
    @settings(max_examples=30, deadline=None)
    @given(ts.ceiling_frames(), st.integers(0, 60_000_000), st.data())
    def test_shuffled_rows_pay_everyone_the_same(
        self, cols: dict[str, list[Any]], cap: int, data: st.DataObject
    ) -> None:
        """Through the engine, the input row order changes no one's amount."""
        perm = data.draw(st.permutations(range(len(cols["nip"]))))
        shuffled = {k: [v[i] for i in perm] for k, v in cols.items()}
        steps = [ceiling(group_by="opd_id", amount=cap)]
        assert paid(run(cols, steps)) == paid(run(shuffled, steps))

    @pytest.mark.parametrize("key", ["code", "rank", "w"])
    def test_ties_are_broken_by_the_named_column(self, key: str) -> None:
        """Equal remainders go by the tie-break column ascending as text, whether it is an
        input column or an earlier step's output (read for the tied rows only)."""
        cols = {
            "nip": ["1", "2", "3", "4"],
            "opd_id": ["A"] * 4,
            "amount": [100, 100, 100, 100],
            "code": ["d", "b", "c", "a"],
            "w": [3, 1, 2, 0],
        }
        steps = [
            {"id": "rank", "type": "formula", "expr": "w * 2"},
            ceiling(group_by="opd_id", amount=398, tie_break=key),
        ]
        # 398 over four equal amounts: 99 each, and one rupiah more to the two smallest keys
        # (code "a", "b"; rank 0.0, 2.0: the same rows)
        assert paid(run(cols, steps)) == {"4": 100, "2": 100, "3": 99, "1": 99}
        assert paid(run(cols, steps, reference=True)) == {"4": 100, "2": 100, "3": 99, "1": 99}

    @FAST
    @given(ts.ceiling_frames(), st.integers(0, 60_000_000))
    def test_non_binding_ceiling_changes_nothing(
        self, cols: dict[str, list[Any]], extra: int
    ) -> None:
        """A ceiling at or above every OPD's total pays everyone their uncapped amount."""
        cap = max(sum(cols["amount"]), 0) + extra
        res = run(cols, [ceiling(group_by="opd_id", amount=cap)])
        assert paid(res) == dict(zip(cols["nip"], cols["amount"], strict=True))

    @FAST
    @given(
        ts.ceiling_frames(),
        st.integers(0, 100),
        st.sampled_from(["proportional", "performance_only", "floor"]),
    )
    def test_every_policy_meets_a_feasible_binding_ceiling(
        self, cols: dict[str, list[Any]], pct: int, policy: str
    ) -> None:
        """Whatever the policy, a binding ceiling that can be met is met to the rupiah."""
        total = sum(cols["amount"])
        params: dict[str, Any] = {"policy": policy}
        protected = 0
        if policy == "performance_only":
            params["performance_part"] = "perf"
            protected = total - sum(cols["perf"])
        if policy == "floor":
            params["floor"] = 1_000_000
            protected = sum(min(a, 1_000_000) for a in cols["amount"])
        cap = protected + (total - protected) * pct // 100
        res = run(cols, [ceiling(amount=cap, **params)])
        got = paid(res)
        assert sum(got.values()) == min(cap, total)
        assert all(got[n] <= a for n, a in zip(cols["nip"], cols["amount"], strict=True))

    def test_performance_only_keeps_the_rest(self) -> None:
        """Only the performance part shrinks; the fixed part is paid in full."""
        cols = {"nip": ts.nips(2), "amount": [1000, 1000], "perf": [600, 200]}
        res = run(cols, [ceiling(amount=1400, policy="performance_only", performance_part="perf")])
        assert list(paid(res).values()) == [400 + 150, 800 + 50]

    def test_a_performance_part_above_the_allowance_is_an_error(self) -> None:
        """A performance part larger than the allowance it is a part of, even by Rp1, would
        protect a negative rest: the step stops, naming both columns, in both languages."""
        cols = {"nip": ts.nips(2), "amount": [1000, 1000], "perf": [600, 1001]}
        step = ceiling(amount=1400, policy="performance_only", performance_part="perf")
        with pytest.raises(CalculationError) as err:
            run(cols, [step])
        assert "the performance part 'perf' is above 'amount'" in err.value.message("en")
        assert "bagian kinerja 'perf' melebihi 'amount'" in err.value.message("id")
        cols["perf"] = [600, 1000]  # equal: the whole allowance is performance
        assert sum(paid(run(cols, [step])).values()) == 1400

    def test_floor_is_never_scaled(self) -> None:
        """Amounts below the floor stay whole; only the part above the floor is scaled."""
        cols = {"nip": ts.nips(3), "amount": [500, 1500, 2500], "perf": [0, 0, 0]}
        res = run(cols, [ceiling(amount=3500, policy="floor", floor=1000)])
        assert list(paid(res).values()) == [500, 1000 + 250, 1000 + 750]

    def test_table_of_ceilings_and_sets_of_opds(self) -> None:
        """A table caps named sets of OPDs together; OPDs outside every set pass uncapped."""
        cols = {
            "nip": ts.nips(3),
            "opd_id": ["A", "B", "C"],
            "amount": [100, 300, 50],
            "perf": [0, 0, 0],
        }
        steps = [
            ceiling(
                group_by="opd_id", groups={"AB": ["A", "B"]}, amount={"AB": 200}, missing="uncapped"
            )
        ]
        assert list(paid(run(cols, steps)).values()) == [50, 150, 50]

    def test_group_without_ceiling_is_rejected_with_a_reason(self) -> None:
        """By default an OPD missing from the table is rejected, not paid uncapped."""
        cols = {"nip": ts.nips(2), "opd_id": ["A", "B"], "amount": [100, 300], "perf": [0, 0]}
        res = run(cols, [ceiling(group_by="opd_id", amount={"A": 50})])
        assert list(paid(res).values()) == [50]
        assert res.rejected["code"].tolist() == ["no_ceiling"]
        assert "'B'" in res.rejected["reason"].iloc[0]

    def test_rows_without_a_group_follow_missing(self) -> None:
        """An employee with no OPD is rejected, or paid uncapped with missing: uncapped."""
        cols = {
            "nip": ts.nips(3),
            "opd_id": ["A", None, "A"],
            "amount": [100, 300, 100],
            "perf": [0, 0, 0],
        }
        res = run(cols, [ceiling(group_by="opd_id", amount=100)])
        assert list(paid(res).values()) == [50, 50]
        assert res.rejected["reason"].tolist() == ["tidak ada pagu untuk kelompok None"]
        res = run(cols, [ceiling(group_by="opd_id", amount=100, missing="uncapped")])
        assert list(paid(res).values()) == [50, 300, 50]

    def test_numeric_group_column(self) -> None:
        """Grouping by kelas jabatan matches table keys written as numbers."""
        cols = {"nip": ts.nips(3), "grade": [5, 6, 5], "amount": [100, 300, 100], "perf": [0, 0, 0]}
        res = run(cols, [ceiling(group_by="grade", amount={5: 150, 6: 1000})])
        assert list(paid(res).values()) == [75, 300, 75]

    def test_rows_rejected_earlier_do_not_count(self) -> None:
        """An employee rejected by an earlier step takes no share of the ceiling."""
        cols = {"nip": ts.nips(3), "grade": [1, 1, 9], "amount": [0, 0, 0], "perf": [0, 0, 0]}
        steps = [
            {
                "id": "amount2",
                "type": "lookup",
                "key": "grade",
                "table": {1: 600},
                "unit": "rupiah",
            },
            {"id": "capped", "type": "ceiling", "input": "amount2", "amount": 1000},
        ]
        res = run(cols, steps)
        assert list(paid(res).values()) == [500, 500]
        assert res.rejected["nip"].tolist() == [ts.nips(3)[2]]

    def test_reference_evaluator_agrees(self) -> None:
        """The all-exact reference path copies the same allocation."""
        cols = {
            "nip": ts.nips(4),
            "amount": [1, 2, 3, 4],
            "perf": [0, 0, 0, 0],
            "k": ["1/3", "2/3", "1", "0.5"],
        }
        steps = [
            {"id": "x", "type": "formula", "expr": "amount * 1000 / 3"},
            {"id": "r", "type": "round", "input": "x"},
            {"id": "capped", "type": "ceiling", "input": "r", "amount": 2000},
        ]
        assert paid(run(cols, steps)) == paid(run(cols, steps, reference=True))

    def test_explanation_names_group_and_factor(self) -> None:
        """The explanation shows the ceiling group and the exact scale factor."""
        cols = {"nip": ts.nips(2), "opd_id": ["A", "A"], "amount": [100, 200], "perf": [0, 0]}
        res = run(cols, [ceiling(group_by="opd_id", amount=100)])
        step = res.explain(ts.nips(2)[1]).step("capped")
        assert step.notes == {"ceiling_group": "A", "ceiling_factor": Fraction(1, 3)}

    def test_refuses_amounts_that_are_not_whole_rupiah(self) -> None:
        """A ceiling needs whole rupiah: an unrounded input is an error naming the step."""
        cols = {"nip": ts.nips(1), "amount": [10], "perf": [0]}
        steps = [
            {"id": "x", "type": "formula", "expr": "amount / 3"},
            {"id": "c", "type": "ceiling", "input": "x", "amount": 1},
        ]
        with pytest.raises(CalculationError, match="'x' bukan rupiah bulat: bulatkan") as err:
            run(cols, steps)
        assert "'x' is not whole rupiah: round it first" in err.value.message("en")

    @pytest.mark.parametrize("capped", [True, False], ids=["ceiling", "no_ceiling"])
    def test_totals_past_int64_are_refused_not_wrapped(self, capped: bool) -> None:
        """1100 amounts of 2**53 - 1 rupiah add up past int64 (2**63 - 1): the ceiling's
        group total wrapped negative and left the group uncapped, and the receipt's total,
        Result.total and totals() wrapped too. Now the step (or the result) is refused,
        naming the column, the count and the limit in both languages."""
        n = 1100
        cols = {"nip": ts.nips(n), "amount": [2**53 - 1] * n, "perf": [0] * n}
        step = (
            ceiling(amount=2**53 - 1)
            if capped
            else {"id": "tpp", "type": "round", "input": "amount"}
        )
        with pytest.raises(CalculationError) as err:
            run(cols, [step])
        en, id_ = err.value.message("en"), err.value.message("id")
        assert err.value.fields["detail_code"] == "total_too_large"
        column = "amount" if capped else "allowance"
        assert (
            f"the {n} amounts of '{column}' add up to more than Rp9.223.372.036.854.775.807" in en
        )
        assert f"{n} nilai '{column}' berjumlah lebih dari Rp9.223.372.036.854.775.807" in id_

    def test_totals_up_to_int64_are_exact(self) -> None:
        """The bound is the exact one: a column whose total is 2**63 - 1 passes, one rupiah
        more does not (the cheap bound, largest × count, decides neither)."""
        from tukin.result import check_summable

        check_summable(np.array([2**62, 2**62 - 1], dtype=np.int64), "x", "s")
        check_summable(np.array([-(2**62), -(2**62) + 1], dtype=np.int64), "x", "s")
        with pytest.raises(CalculationError):
            check_summable(np.array([2**62, 2**62], dtype=np.int64), "x", "s")
        with pytest.raises(CalculationError):
            check_summable(np.array([2**62, -(2**62)], dtype=np.int64), "x", "s")

    def test_infeasible_ceiling_is_an_error(self) -> None:
        """When the protected parts alone exceed the ceiling, the run stops and says why."""
        cols = {"nip": ts.nips(2), "amount": [2000, 2000], "perf": [0, 0]}
        with pytest.raises(CalculationError) as err:
            run(cols, [ceiling(amount=1500, policy="floor", floor=1000)])
        assert err.value.code == "ceiling_infeasible"

    @pytest.mark.parametrize(
        "params",
        [{"policy": "performance_only"}, {"policy": "floor"}, {"floor": 5}, {"amount": -1}],
    )
    def test_policy_parameters_are_checked_when_loading(self, params: dict[str, Any]) -> None:
        """A policy without its parameter, or a stray one, is a rule-file error."""
        with pytest.raises(RuleSetError):
            build_ruleset({"name": "t", "steps": [ceiling(**{"amount": 1, **params})]}, {})


def small_regency() -> Dataset:
    """Two OPDs, five employees, whose uncapped allowances are inputs."""
    return Dataset.from_frames(
        units=pd.DataFrame({"unit_id": ["A", "B"], "name": ["Dinas A", "Dinas B"]}),
        positions=pd.DataFrame(
            {
                "position_id": ["pa", "pb"],
                "name": ["Staf A", "Staf B"],
                "unit_id": ["A", "B"],
                "kind": ["pelaksana"] * 2,
                "grade": [5, 6],
            }
        ),
        employees=pd.DataFrame(
            {
                "nip": ts.nips(5),
                "position_id": ["pa", "pa", "pa", "pb", "pb"],
                "status": ["pns"] * 5,
                "uncapped_allowance": [1_000_000, 2_000_000, 3_000_000, 500_000, 700_000],
            }
        ),
    )


RULES = {
    "name": "capped",
    "steps": [
        {
            "id": "capped",
            "type": "ceiling",
            "input": "uncapped_allowance",
            "group_by": "opd_id",
            "amount": "$pagu",
        }
    ],
    "parameters": {
        "pagu": {
            "value": {"A": 5_000_000, "B": 2_000_000},
            "unit": "rupiah",
            "reference": "DPA 2025",
        }
    },
}


class TestReconciliation:
    def test_reconciles_with_result_totals(self) -> None:
        """Per OPD: uncapped, ceiling, exact factor, and a paid total equal to Result.totals."""
        res = calculate(small_regency(), build_ruleset(RULES, {}), "2025-10")
        rec = reconciliation(res)
        assert rec["group"].tolist() == ["A", "B"]
        assert rec["uncapped"].tolist() == [6_000_000, 1_200_000]
        assert rec["ceiling"].tolist() == [5_000_000, 2_000_000]
        assert rec["binding"].tolist() == [True, False]
        assert rec["factor"].tolist() == [Fraction(5, 6), Fraction(1)]
        totals = res.totals().set_index("opd_id")["allowance"]
        assert rec.set_index("group")["paid"].to_dict() == totals.to_dict()

    def test_a_share_of_an_employee_rejected_later_is_kept_and_said(self) -> None:
        """A TER category typed wrong rejects one employee at the PPh step, after the ceiling
        gave him his share: the share is kept for him (the others are not paid more, so
        fixing him changes nobody else's amount), reconciliation's ``paid`` is what is paid,
        and the run warns, in the partitioned path too."""
        from tukin.distributed import calculate_partitioned

        nips = [f"19800101200501100{i}" for i in range(1, 4)]
        ds = Dataset.from_frames(
            units=pd.DataFrame({"unit_id": ["A"], "name": ["Dinas A"]}),
            positions=pd.DataFrame(
                {
                    "position_id": ["P"],
                    "name": ["x"],
                    "unit_id": ["A"],
                    "kind": ["pelaksana"],
                    "grade": [7],
                }
            ),
            employees=pd.DataFrame(
                {
                    "nip": nips,
                    "position_id": ["P"] * 3,
                    "status": ["pns"] * 3,
                    "ter_category": ["A", "A", "K/1"],
                }
            ),
        )
        rs = build_ruleset(
            {
                "name": "pagu-lalu-pph",
                "parameters": {
                    "ter": {"value": {"A": [{"up_to": 5_000_000, "rate": "0%"}, {"rate": "5%"}]}}
                },
                "steps": [
                    {"id": "t", "type": "formula", "expr": "rupiah(1000000)"},
                    {"id": "tpp", "type": "round", "input": "t"},
                    {
                        "id": "capped",
                        "type": "ceiling",
                        "input": "tpp",
                        "group_by": "all",
                        "amount": 2_400_000,
                    },
                    {"id": "pph", "type": "pph21_ter", "input": "capped", "rates": "$ter"},
                ],
                "outputs": {"allowance": "capped", "deductions": ["pph"]},
            },
            {},
        )
        one = calculate(ds, rs, "2025-11")
        [row] = reconciliation(one).to_dict("records")
        assert (row["allotted"], row["rejected_later"], row["unpaid"]) == (2_400_000, 1, 800_000)
        assert row["paid"] == one.total == 1_600_000
        for res in (one, calculate_partitioned(ds, rs, "2025-11", npartitions=2)):
            assert res.to_frame()["capped"].tolist() == [800_000, 800_000]
            [warning] = [w for w in res.warnings if w.code == "ceiling_share_unpaid"]
            assert warning.fields["value"] == 1 and "capped" in str(warning)
            assert "Rp800.000" in warning.message("id")

    def test_dated_ceiling_follows_the_period(self) -> None:
        """A ceiling given as dated values uses the one in force in the period."""
        rules = dict(RULES)
        rules["parameters"] = {
            "pagu": {
                "unit": "rupiah",
                "values": [
                    {"from": "2025-01-01", "to": "2025-06-30", "value": {"A": 1_000_000, "B": 1}},
                    {"from": "2025-07-01", "value": {"A": 2_000_000, "B": 1}},
                ],
            }
        }
        rs = build_ruleset(rules, {})
        jun = reconciliation(calculate(small_regency(), rs, "2025-06"))
        jul = reconciliation(calculate(small_regency(), rs, "2025-07"))
        assert (jun["paid"].iloc[0], jul["paid"].iloc[0]) == (1_000_000, 2_000_000)

    def test_needs_a_step_name_when_there_are_two(self) -> None:
        """With two ceiling steps the caller must say which one."""
        rules = {
            "name": "two",
            "steps": [
                {"id": "c1", "type": "ceiling", "input": "uncapped_allowance", "amount": 6_000_000},
                {
                    "id": "c2",
                    "type": "ceiling",
                    "input": "c1",
                    "group_by": "opd_id",
                    "amount": 4_000_000,
                },
            ],
        }
        res = calculate(small_regency(), build_ruleset(rules, {}), "2025-10")
        with pytest.raises(CalculationError, match="c1, c2"):
            reconciliation(res)
        assert reconciliation(res, "c2")["paid"].sum() == res.total


#: OPD B typed "b" in the table of ceilings
TYPO = {
    **RULES,
    "parameters": {"pagu": {"value": {"A": 5_000_000, "b": 2_000_000}, "unit": "rupiah"}},
}


class TestCeilingTable:
    """The table of ceilings is the budget office's: a key it mistypes must not pass unseen."""

    def test_a_key_matching_no_group_is_warned_and_named_in_the_rejection(self) -> None:
        """'b' for OPD B: B's employees are rejected without a ceiling, the reason points at
        'b', and the run warns that 'b' matches no group (in the partitioned path too)."""
        from tukin.distributed import calculate_partitioned

        rs = build_ruleset(TYPO, {})
        one = calculate(small_regency(), rs, "2025-10")
        for res in (one, calculate_partitioned(small_regency(), rs, "2025-10", npartitions=2)):
            assert res.rejected["code"].tolist() == ["no_ceiling"] * 2
            assert "'b'" in res.rejected["reason"].iloc[0]
            [warning] = [w for w in res.warnings if w.code == "ceiling_key_unmatched"]
            assert "'b'" in str(warning) and "capped" in str(warning)
            assert "salah tulis" in warning.message("id")

    def test_every_key_used_warns_nothing(self) -> None:
        """A table whose keys are all groups of the period raises no such warning."""
        res = calculate(small_regency(), build_ruleset(RULES, {}), "2025-10")
        assert not [w for w in res.warnings if w.code == "ceiling_key_unmatched"]

    @pytest.mark.parametrize(
        ("params", "id_", "en"),
        [
            ({"policy": "floor"}, "policy floor memerlukan 'floor'", "policy floor needs 'floor'"),
            ({"amount": -1}, "pagu tidak boleh negatif: -1", "a ceiling cannot be negative: -1"),
            ({"amount": {"A": 5, "B": -2}}, "pagu tidak boleh negatif: -2 (B)", "negative: -2 (B)"),
            ({"amount": "1000.5"}, "amount: 1000.5 bukan jumlah rupiah bulat", "not a whole rupiah"),
            ({"amount": "Rp 5"}, "amount: 'Rp 5' bukan bilangan", "'Rp 5' is not a number"),
            ({"amount": {"A": "1.5"}}, "1.5 bukan jumlah rupiah bulat", "not a whole rupiah"),
        ],
    )  # fmt: skip
    def test_parameter_problems_are_said_in_both_languages_once(
        self, params: dict[str, Any], id_: str, en: str
    ) -> None:
        """A ceiling's wrong parameter is one problem, in Indonesian and English: an amount
        that is neither a whole rupiah nor a table is not also told "must be a mapping"."""
        with pytest.raises(RuleSetError) as caught:
            build_ruleset({"name": "t", "steps": [ceiling(**{"amount": 1, **params})]}, {})
        assert len(caught.value.problems) == 1
        assert id_ in caught.value.message("id") and en in caught.value.message("en")

    def test_a_ceiling_of_zero_keeps_no_share_back(self) -> None:
        """A month whose budget is spent (ceiling 0): everyone of the group is allotted Rp0;
        one rejected later by a deduction has no share kept for him, so no
        ceiling_share_unpaid warning (the rejected list says why he is not paid)."""
        ds = small_regency()
        rs = build_ruleset(
            {
                "name": "habis",
                "steps": [
                    {"id": "capped", "type": "ceiling", "input": "uncapped_allowance",
                     "group_by": "opd_id", "amount": {"A": 0, "B": 2_000_000}},
                    {"id": "iuran", "type": "contribution", "input": "capped",
                     "components": ["uncapped_allowance"], "rate": "1%"},
                ],
                "outputs": {"allowance": "capped", "deductions": ["iuran"]},
            },
            {},
        )  # fmt: skip
        res = calculate(ds, rs, "2025-10")
        assert res.rejected["code"].tolist() == ["negative_net"] * 3
        [row] = reconciliation(res).query("group == 'A'").to_dict("records")
        assert (row["allotted"], row["rejected_later"], row["unpaid"]) == (0, 3, 0)
        assert not [w for w in res.warnings if w.code == "ceiling_share_unpaid"]
