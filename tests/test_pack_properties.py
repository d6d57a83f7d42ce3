"""Metamorphic properties of every shipped rule pack on the demo regency.

``test_engine_properties`` holds the engine to itself on random rule sets over a hand-made
frame; here the data is :func:`tukin.demo.generate`'s (a few employees, a random month) and
the rules are the packs a user runs (``tukin.presets``), so whole calculations are compared:
the same inputs told another way (rows and columns shuffled, OPD by OPD, written to a file
and read back) give the same result, receipt fingerprints included; a change that the law
says can only help an employee never lowers an allowance; the explanation, the totals and
the payroll list agree with the result to the rupiah.

Examples are few and small (each draws a regency of at most 30 employees) so every test runs
in seconds; ``TUKIN_PROPERTY_EXAMPLES`` raises the count for a long run.
"""

from __future__ import annotations

import os
import random
import warnings
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

import tukin
from tests import strategies as tst
from tukin import presets
from tukin.distributed import calculate_partitioned, split_by_opd
from tukin.io import read_dataset, write_frames, write_result
from tukin.money import round_to
from tukin.payroll import not_paid_list, payroll_list
from tukin.result import Result
from tukin.ruleset.model import RuleSet
from tukin.ruleset.yamlsafe import load_text
from tukin.verify import verify_receipt

pytestmark = pytest.mark.filterwarnings("ignore::tukin.errors.InputWarning")

EXAMPLES = int(os.environ.get("TUKIN_PROPERTY_EXAMPLES", "6"))
SETTINGS = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    # no shrinking: a regency drawn from a seed shrinks poorly (minutes for nothing smaller);
    # a failure is reported as drawn, and its seed and month reproduce it
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
)
PACKS = presets.names()
#: the 100-110 % capaian segment the capaian pack leaves to the user, as its header suggests
SEGMENT = [{"min": "100%", "max": "110%", "max_inclusive": True, "out_min": 109, "out_max": 120}]
#: packs whose allowance the law lowers only for worse attendance, appraisal or achievement
MONOTONE = [p for p in PACKS if p.startswith(("tpp-", "tukin-"))]
RANK = ("below", "as_expected", "above")
#: a random.Random from one draw, for the cells an example changes (st.randoms() draws per call)
SEEDED = st.integers(0, 2**32 - 1).map(random.Random)


@cache
def pack(name: str) -> RuleSet:
    """Pack ``name`` as a user runs it: the parameters it leaves to the user supplied."""
    return supplied(tukin.load_ruleset(name), name)


def supplied(rs: RuleSet, name: str) -> RuleSet:
    """``rs`` (pack ``name``, perhaps with a step more) with what the pack leaves to the user."""
    if name.startswith("tukin-"):  # the central amounts (required, not shipped)
        rs = rs.with_parameters(tukin_base={g: 1_000_000 * g + 37 for g in range(1, 18)})
    if name == "tukin-permentan-20-2025":  # its TL/PSW/TK rates were not read: required
        rates = {"tl1": "0.5%", "tl2": "1%", "tl3": "1.25%", "tl4": "1.5%", "tk": "3%"}
        rates |= {f"psw{k[-1]}": v for k, v in rates.items() if k.startswith("tl")}
        rs = rs.with_parameters(attendance_rates=rates)
    if name.startswith("capaian-"):
        rs = rs.with_parameters(score_100_110=SEGMENT)
    return rs


@cache
def with_ceiling(name: str, group_by: str, amount: int) -> RuleSet:
    """Pack ``name`` with a budget ceiling on its allowance, grouped by ``group_by``."""
    data, _ = load_text(presets.path(name).read_text(encoding="utf-8"))
    allowance = data["outputs"]["allowance"]
    data["steps"].append(
        {
            "id": "pagu",
            "type": "ceiling",
            "input": allowance,
            "group_by": group_by,
            "amount": amount,
        }
    )
    data["outputs"]["allowance"] = "pagu"
    return supplied(tukin.load_ruleset(data), name)


def calculate(tables: dict[str, Any] | tukin.Dataset, rules: RuleSet, period: str) -> Result:
    ds = tables if isinstance(tables, tukin.Dataset) else tukin.Dataset.from_frames(**tables)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return tukin.calculate(ds, rules, period)


def assert_same(a: Result, b: Result, *, fingerprints: bool = True) -> None:
    """The same paid rows (every amount and text exact; a float step column that is not money
    within a few units in its last place: docs/scaling.md), rejected rows and fingerprints."""
    fa, fb = a.to_frame(), b.to_frame()
    floats = [c for c in fa.columns if pd.api.types.is_float_dtype(fa[c].dtype)]
    pd.testing.assert_frame_equal(
        fa.drop(columns=floats), fb.drop(columns=floats), check_exact=True
    )
    pd.testing.assert_frame_equal(fa[floats], fb[floats], check_exact=False, rtol=1e-14)
    ra, rb = (r.rejected.sort_values("nip", kind="stable").reset_index(drop=True) for r in (a, b))
    pd.testing.assert_frame_equal(ra, rb, check_exact=True)
    if fingerprints:
        assert a.receipt.dataset_fingerprint == b.receipt.dataset_fingerprint
        assert a.receipt.result_fingerprint == b.receipt.result_fingerprint


def amounts(result: Result) -> dict[str, int]:
    f = result.to_frame()
    return dict(zip(f["nip"].astype(str), f["allowance"].astype(int), strict=True))


def codes(result: Result) -> dict[str, str]:
    r = result.rejected
    return dict(zip(r["nip"].astype(str), r["code"].astype(str), strict=True))


PER_EMPLOYEE = ("employees", "attendance", "appraisals", "sanctions")


class TestSameInputOtherwiseTold:
    """The same data, arranged or carried another way, gives the same result."""

    @SETTINGS
    @given(case=tst.demo_regencies(), name=st.sampled_from(PACKS), rnd=SEEDED)
    def test_rows_and_columns_in_any_order(self, case: Any, name: str, rnd: Any) -> None:
        """Every table's rows and columns shuffled: same result, rejections, fingerprints."""
        tables, period = case
        shuffled = {}
        for table, frame in tables.items():
            frame = frame.sample(frac=1, random_state=rnd.randrange(2**32)).reset_index(drop=True)
            columns = list(frame.columns)
            rnd.shuffle(columns)
            shuffled[table] = frame[columns]
        assert_same(calculate(tables, pack(name), period), calculate(shuffled, pack(name), period))

    @SETTINGS
    @given(
        case=tst.demo_regencies(max_employees=20),
        name=st.sampled_from(MONOTONE),
        group_by=st.sampled_from(["opd_id", "all", "grade"]),
        amount=st.sampled_from([0, 1, 10**7 + 1, 3 * 10**7, 10**8, 10**12]),
        parts=st.integers(2, 4),
    )
    def test_opd_by_opd(self, case: Any, name: str, group_by: str, amount: int, parts: int) -> None:
        """tukin.distributed's partitioned path (no Dask) equals the whole calculation,
        a budget ceiling across OPDs included; with a ceiling per OPD (or none), each OPD
        calculated alone from its own tables pays its employees what the whole run pays."""
        tables, period = case
        ds = tukin.Dataset.from_frames(**tables)
        for rules in (pack(name), with_ceiling(name, group_by, amount)):
            whole = calculate(ds, rules, period)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                parted = calculate_partitioned(ds, rules, period, npartitions=parts)
            assert_same(whole, parted)
            assert payroll_list(parted, ds).equals(payroll_list(whole, ds))
            if group_by != "opd_id" and rules is not pack(name):
                continue  # a ceiling across OPDs: one OPD alone is another calculation
            alone: dict[str, int] = {}
            rejected: dict[str, str] = {}
            for frames in split_by_opd(ds, int(tables["units"]["parent_id"].isna().sum())):
                one = calculate(frames, rules, period)
                alone |= amounts(one)
                rejected |= codes(one)
            assert alone == amounts(whole)
            assert rejected == codes(whole)

    @settings(SETTINGS, max_examples=max(1, EXAMPLES * 2 // 3))  # files: the slow part
    @given(
        case=tst.demo_regencies(max_employees=15),
        name=st.sampled_from(PACKS),
        form=st.sampled_from(["csv", "x.xlsx", "x.json"]),
        out=st.sampled_from(["r.xlsx", "r.csv", "r.json"]),
    )
    def test_written_and_read_back(
        self, tmp_path_factory: pytest.TempPathFactory, case: Any, name: str, form: str, out: str
    ) -> None:
        """Inputs written (write_frames) and read back (read_dataset) give the same result and
        fingerprints; the result written and its receipt verified against the written input
        finds no difference and checks everything."""
        tables, period = case
        folder = tmp_path_factory.mktemp("round")
        data = write_frames(tables, folder / form)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            back = read_dataset(data)
        first = calculate(tables, pack(name), period)
        again = calculate(back, pack(name), period)
        assert_same(first, again)
        saved = write_result(first, folder / out)
        receipt = saved.with_suffix(".receipt.json") if out.endswith(".csv") else saved
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            report = verify_receipt(receipt, data)
        assert report.ok and report.complete, str(report)


class TestEmployeesAreIndependent:
    """An employee's amount depends on their own rows and their position, not on who else is
    there (no shipped pack has a ceiling)."""

    @SETTINGS
    @given(case=tst.demo_regencies(), name=st.sampled_from(PACKS), data=st.data())
    def test_a_twin_is_paid_alike_and_changes_no_one(
        self, case: Any, name: str, data: st.DataObject
    ) -> None:
        """A copy of an employee (every row of theirs, another NIP) is paid what they are, or
        rejected for the same reason; nobody else's amount moves; without the employee,
        nobody else's either."""
        tables, period = case
        nips = tables["employees"]["nip"].tolist()
        who = data.draw(st.sampled_from(nips))
        twin = who[:-3] + ("9" if who[-3] != "9" else "8") + who[-2:]  # another serial number
        added, removed = dict(tables), dict(tables)
        for table in PER_EMPLOYEE:
            frame = tables[table]
            mine = frame[frame["nip"] == who].assign(nip=twin)
            added[table] = pd.concat([frame, mine], ignore_index=True)
            removed[table] = frame[frame["nip"] != who].reset_index(drop=True)
        before = calculate(tables, pack(name), period)
        paid, why = amounts(before), codes(before)
        with_twin = calculate(added, pack(name), period)
        assert amounts(with_twin).get(twin) == paid.get(who)
        assert codes(with_twin).get(twin) == why.get(who)
        assert {k: v for k, v in amounts(with_twin).items() if k != twin} == paid
        without = amounts(calculate(removed, pack(name), period))
        assert without == {k: v for k, v in paid.items() if k != who}


class TestMonotone:
    """Better attendance, a better SKP rating and more realisation never lower an allowance
    (never reject one either) under the TPP and tunjangan kinerja packs; a capaian never
    lowers its score."""

    @SETTINGS
    @given(case=tst.demo_regencies(), name=st.sampled_from(MONOTONE), rnd=SEEDED)
    def test_better_never_pays_less(self, case: Any, name: str, rnd: Any) -> None:
        tables, period = case
        better = dict(tables)
        att = tables["attendance"].copy()
        for code in att.columns.drop(["nip", "period"]):
            cut = np.array([rnd.randint(0, 3) for _ in range(len(att))])
            att[code] = np.maximum(0, att[code].to_numpy() - cut).astype(att[code].dtype)
        better["attendance"] = att
        app = tables["appraisals"].copy()
        for col in ("results", "behaviour"):
            app[col] = [RANK[min(2, RANK.index(v) + rnd.randint(0, 1))] for v in app[col]]
        better["appraisals"] = app
        real = tables["realisations"].copy()
        polarity = tables["indicators"].set_index("indicator_id")["polarity"]
        sign = np.where(real["indicator_id"].map(polarity).to_numpy() == "lower", -1, 1)
        step = np.array([rnd.choice([0, 0, 0.5, 1, 5, 100]) for _ in range(len(real))])
        real["value"] = np.maximum(0, np.round(real["value"].to_numpy() + sign * step, 2))
        better["realisations"] = real
        before = calculate(tables, pack(name), period)
        after = calculate(better, pack(name), period)
        now = amounts(after)
        assert not set(codes(after)) - set(codes(before))
        for nip, amount in amounts(before).items():
            assert now[nip] >= amount, (nip, amount, now[nip])

    @SETTINGS
    @given(case=tst.demo_regencies(), rnd=SEEDED)
    def test_capaian_score(self, case: Any, rnd: Any) -> None:
        """More realisation (less, where lower is better) never lowers the capaian score,
        also on a maximal target (target_is_max: 120 from a capaian of 100 % on)."""
        tables, period = case
        emp = tables["employees"]
        emp = emp.assign(target_is_max=[rnd.random() < 0.3 for _ in range(len(emp))])
        tables = dict(tables, employees=emp)
        sign = np.where(emp["polarity"].to_numpy() == "lower", -1, 1)
        step = np.array([rnd.choice([0, 0.01, 0.5, 1, 3]) for _ in range(len(emp))])
        more = emp.assign(realisation=np.maximum(0, emp["realisation"].to_numpy() + sign * step))
        rules = pack("capaian-permenpanrb-8-2021")
        before = calculate(tables, rules, period).to_frame().set_index("nip")["nilai"]
        after = calculate(dict(tables, employees=more), rules, period).to_frame()
        after = after.set_index("nip")["nilai"]
        both = before.index.intersection(after.index)
        assert (after[both] >= before[both] - 1e-9).all()


class TestExactAndExplained:
    """The fast path, the exact evaluator and the explanation tell one amount."""

    @SETTINGS
    @given(
        case=tst.demo_regencies(),
        name=st.sampled_from(PACKS),
        base=st.sampled_from(["tiny", "odd", "huge"]),
        rnd=SEEDED,
    )
    def test_reference_on_awkward_values(self, case: Any, name: str, base: str, rnd: Any) -> None:
        """Base amounts of a few rupiah, odd ones (ties at half a rupiah) or near 2**46,
        targets of 3 and 7, realisations of 0, pagu of 0, 1 and 10**15: the exact evaluator
        pays what the fast path pays, rejects whom it rejects."""
        tables, period = case
        real = tables["realisations"].copy()
        real["value"] = [rnd.choice([0, 3, 7, 1.5, 0.01, 10**6, v]) for v in real["value"]]
        targets = tables["targets"].copy()
        targets["target"] = [rnd.choice([3, 7, 0.07, 10**6, v]) for v in targets["target"]]
        targets["target_max"] = [None if rnd.random() < 0.7 else t * 2 for t in targets["target"]]
        items = tables["work_items"].copy()
        items["budget"] = [rnd.choice([0, 1, 10**15, b]) for b in items["budget"]]
        odd = dict(tables, realisations=real, targets=targets, work_items=items)
        pick = {
            "tiny": lambda: rnd.randint(0, 9),
            "odd": lambda: 2 * rnd.randint(0, 10**7) + 1,
            "huge": lambda: rnd.randint(2**44, 2**46),
        }[base]
        table = {g: pick() for g in range(1, 18)}
        rules = pack(name)
        for param in ("base_tpp", "tukin_base"):
            if param in rules.parameters:
                rules = rules.with_parameters(**{param: table})
        ds = tukin.Dataset.from_frames(**odd)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fast = tukin.calculate(ds, rules, period)
            exact = tukin.calculate(ds, rules, period, reference=True)
        assert_same(fast, exact)

    @SETTINGS
    @given(case=tst.demo_regencies(max_employees=15), name=st.sampled_from(PACKS))
    def test_explanation_adds_up(self, case: Any, name: str) -> None:
        """For every paid employee: the explanation's amount is the row's; each step reads
        the outputs the steps before it gave; a sum is the sum of its inputs, a share the
        product of its inputs and share, a round the rounding of its input; the components
        add up to what the final rounding rounds; every step's output is the row's column."""
        tables, period = case
        rules = pack(name)
        result = calculate(tables, rules, period)
        frame = result.to_frame().set_index("nip")
        for nip, row in frame.iterrows():
            ex = result.explain(str(nip))
            out = {s.id: s.output for s in ex.steps}
            assert ex.allowance == int(row["allowance"]) == out[rules.allowance_step]
            for s in ex.steps:
                assert all(out[k] == v for k, v in s.inputs.items() if k in out), s.id
                given_ = [Fraction(v) for v in s.inputs.values()] if s.unit == "rupiah" else []
                if s.type == "sum":
                    assert s.output == sum(given_), s.id
                elif s.type == "share":
                    (share,) = (Fraction(p.value.rstrip("%")) / 100 for p in s.parameters)
                    assert s.output == share * np.prod(given_), s.id
                elif s.type == "round":
                    mode = s.parameters[0].value if s.parameters else "half_up"
                    assert s.output == round_to(given_[0], mode), s.id
                shown = row[s.id]
                if isinstance(s.output, str):
                    assert s.output == str(shown), s.id
                elif isinstance(shown, np.integer):
                    assert s.output == int(shown), s.id
                else:
                    assert float(s.output) == pytest.approx(float(shown), rel=1e-14), s.id
            if rules.outputs.components:
                final = next(s for s in ex.steps if s.id == rules.allowance_step)
                (before_rounding,) = final.inputs.values()
                assert sum(Fraction(out[c]) for c in rules.outputs.components) == before_rounding


class TestTotals:
    """Totals reconcile to the rupiah, however they are cut."""

    @SETTINGS
    @given(case=tst.demo_regencies(), name=st.sampled_from(PACKS))
    def test_by_opd_grade_and_overall(self, case: Any, name: str) -> None:
        """Totals by OPD, unit, grade and status add up to the total and the receipt; the
        rejected counts to the rejected rows; the payroll list to the result, OPD by OPD."""
        tables, period = case
        result = calculate(tables, pack(name), period)
        frame, receipt = result.to_frame(), result.receipt
        assert result.total == int(frame["allowance"].sum()) == receipt.total_allowance
        assert int(frame["net"].sum()) == receipt.total_net
        assert receipt.employees_paid + receipt.employees_rejected == receipt.employees_in
        for by in ("opd_id", "unit_id", "grade", "status", ["opd_id", "grade"]):
            totals = result.totals(by)
            assert int(totals["allowance"].sum()) == result.total, by
            assert int(totals["employees"].sum()) == len(frame), by
            if "rejected" in totals:
                assert int(totals["rejected"].sum()) == len(result.rejected), by
        listed = payroll_list(result, zero_net="listed")  # every row, Rp0 nets too
        transfers, apart = payroll_list(result), not_paid_list(result)
        assert len(transfers) + len(apart) == len(listed) and (transfers["net"] > 0).all()
        assert (apart["net"] == 0).all()
        per_opd = listed.groupby("opd_id", observed=True)["gross"].sum()
        by_opd = result.totals("opd_id").dropna(subset=["opd_id"]).set_index("opd_id")
        assert per_opd.to_dict() == by_opd.loc[by_opd["employees"] > 0, "allowance"].to_dict()
        assert int(listed["net"].sum()) == receipt.total_net


def test_no_pack_is_left_out() -> None:
    """Every shipped pack is run by the tests above (a new pack joins them by its name)."""
    assert set(PACKS) == {p.stem for p in Path(presets.__file__).parent.glob("*.yaml")}
    for name in PACKS:
        assert pack(name).allowance_step
