"""Tests for the roll-up rule types (rollup, opd_score, opd_factor) and the roll-up policies.

The hand-made regency (tests/strategies.py: mini_regency_tables), 2025-Q1, achievement 1 = 100%:

    i1 90/100 = 9/10 (w 1)   i2 12/10 = 6/5 (w 3)        → S11 = (9/10 + 3·6/5) / 4 = 9/8
    i3 25/20, lower is better: 1 + (1 − 5/4) = 3/4       → S12 = 3/4
    K1 has no indicators: its children by indicator weight (4 and 1)
                                                          → K1 = (4·9/8 + 3/4) / 5 = 21/20
    p1 9 against the range 7–8, above: 9/8                → P1 = 9/8
    i5 target 50 without realisation: 0; i6 has no target → SE = KE = PE = 0

Positions (scope own): kasi1 9/8, kasi2 3/4, kabid 21/20, kadis 9/8, camat 0. Staff take
their superior's score by default: staf1 9/8, guru and staf3 21/20, stafE 0.
"""

from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction as F
from functools import cache
from typing import Any, ClassVar

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import strategies as tst
from tukin.calc.engine import _Run, calculate
from tukin.calc.frame import employee_frame
from tukin.dataset import Dataset
from tukin.errors import RuleSetError
from tukin.hierarchy import Hierarchy
from tukin.monitoring import RollupPolicy, compute_rollup, indicator_figures
from tukin.monitoring._num import Backend
from tukin.period import Period
from tukin.ruleset.load import build_ruleset, load_ruleset

POSITIONS = ["kadis", "kabid", "kasi1", "kasi2", "staf1", "guru", "staf3", "camat", "stafE"]
DEFAULT = {
    "kadis": F(9, 8),
    "kabid": F(21, 20),
    "kasi1": F(9, 8),
    "kasi2": F(3, 4),
    "staf1": F(9, 8),
    "guru": F(21, 20),
    "staf3": F(21, 20),
    "camat": F(0),
    "stafE": F(0),
}
BACKENDS = pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])


@cache
def mini_dataset(budget: bool = True) -> Dataset:
    """The hand-made regency, validated once (a Dataset never changes)."""
    return Dataset.from_frames(**tst.mini_regency_tables(budget))


def outcome(
    steps: list[dict[str, Any]],
    period: str = "2025-Q1",
    reference: bool = False,
    tables: dict[str, Any] | None = None,
    parameters: dict[str, Any] | None = None,
) -> tst.Outcome:
    """Evaluate ``steps`` over the hand-made regency (or ``tables``) for ``period``."""
    ds = Dataset.from_frames(**tables) if tables else mini_dataset()
    assert ds.report.ok, ds.rejected
    p = Period.parse(period)
    rs = build_ruleset({"name": "t", "parameters": parameters or {}, "steps": steps}, {})
    run = _Run(employee_frame(ds, p), rs, p, ds)
    run.evaluate(reference=reference)
    return tst.Outcome(run)


def scores(
    reference: bool = False,
    period: str = "2025-Q1",
    tables: dict[str, Any] | None = None,
    **params: Any,
) -> dict[str, Any]:
    """Each position's rollup score."""
    out = outcome([{"id": "c", "type": "rollup", **params}], period, reference, tables)
    return dict(zip(POSITIONS, out.values("c"), strict=True))


class TestRollup:
    """The rollup rule type on the hand-made regency, every value computed by hand."""

    @BACKENDS
    def test_default_policy(self, reference: bool) -> None:
        """Indicator-weighted mean of own items; staff take their superior's score."""
        assert scores(reference) == DEFAULT

    @BACKENDS
    def test_blend_with_subordinates(self, reference: bool) -> None:
        """blend ½: kabid = ½·21/20 + ½·(9/8 + 3/4)/2 = 159/160; kadis = ½·9/8 + ½·159/160."""
        got = scores(reference, blend="1/2")
        assert got["kabid"] == F(159, 160)
        assert got["kadis"] == F(339, 320)
        assert got["guru"] == got["staf3"] == F(159, 160)
        assert got["kasi1"] == F(9, 8) and got["camat"] == 0  # nothing below to blend with

    @BACKENDS
    def test_budget_weights(self, reference: bool) -> None:
        """Pagu weights: K1 = (600·9/8 + 400·3/4) / 1000 = 39/40."""
        got = scores(reference, weights="budget")
        assert got["kabid"] == got["guru"] == F(39, 40)
        assert got["kasi1"] == F(9, 8)

    @BACKENDS
    def test_min(self, reference: bool) -> None:
        """min: S11 = min(9/10, 6/5) = 9/10, K1 = min(9/10, 3/4) = 3/4."""
        got = scores(reference, method="min")
        assert (got["kasi1"], got["kasi2"], got["kabid"], got["kadis"]) == (
            F(9, 10),
            F(3, 4),
            F(3, 4),
            F(9, 8),
        )

    @BACKENDS
    def test_geometric_mean(self, reference: bool) -> None:
        """Weighted geometric mean, rounded half-even to 6 decimals at every level."""

        def geo(pairs: list[tuple[F, int]]) -> F:
            with localcontext() as c:
                c.prec = 50
                total = sum(w for _, w in pairs)
                prod = Decimal(1)
                for v, w in pairs:
                    prod *= (Decimal(v.numerator) / Decimal(v.denominator)) ** w
                g = prod ** (Decimal(1) / Decimal(total))
                return F(g.quantize(Decimal("0.000001"), rounding=ROUND_HALF_EVEN))

        s11 = geo([(F(9, 10), 1), (F(6, 5), 3)])
        got = scores(reference, method="geomean")
        assert got["kasi1"] == s11 == F("1.116726")
        assert got["kabid"] == geo([(s11, 4), (F(3, 4), 1)])

    @BACKENDS
    def test_scope_subordinates(self, reference: bool) -> None:
        """Without a declared owner K1 falls to kadis: kabid owns nothing, yet answers for
        S11 and S12 through kasi1 and kasi2 when scope is subordinates."""
        tables = tst.mini_regency_tables()
        tables["work_items"].loc[1, "responsible_position_id"] = None
        assert scores(reference, tables=tables)["kabid"] == F(9, 8)  # own: none, superior kadis
        assert scores(reference, tables=tables, scope="subordinates")["kabid"] == F(21, 20)

    @BACKENDS
    def test_sources_unit_opd_appraisal(self, reference: bool) -> None:
        """Staff take their unit's score (up the unit tree), their OPD's, or an appraisal."""
        got = scores(reference, sources={"pelaksana": ["unit"], "fungsional": ["unit"]})
        assert got["staf1"] == F(9, 8)  # seksi S1: S11
        assert got["staf3"] == F(21, 20)  # seksi S3 has no items: bidang B1, K1
        assert got["guru"] == F(21, 20)
        assert scores(reference, sources={"pelaksana": ["opd"]})["staf1"] == F(9, 8)
        out = outcome(
            [
                {"id": "skp", "type": "formula", "expr": "0.8"},
                {
                    "id": "c",
                    "type": "rollup",
                    "sources": {"fungsional": ["appraisal"]},
                    "appraisal": "skp",
                },
            ],
            reference=reference,
        )
        assert dict(zip(POSITIONS, out.values("c"), strict=True))["guru"] == F(4, 5)

    def test_missing_score_rejects_or_takes_a_value(self) -> None:
        """Staff with no source: rejected with a reason, or given missing_value."""
        out = outcome([{"id": "c", "type": "rollup", "sources": {"pelaksana": ["own"]}}])
        assert out.rejected == {4: "no_rollup_score", 6: "no_rollup_score", 8: "no_rollup_score"}
        assert "staf1" in out.reasons[4]
        got = scores(sources={"pelaksana": ["own"]}, missing="value", missing_value="1/2")
        assert got["staf1"] == got["stafE"] == F(1, 2)

    @BACKENDS
    def test_only_approved_or_signed_figures_count(self, reference: bool) -> None:
        """min_status signed: i2 (approved) does not count: 0, or left out with skip."""
        got = scores(reference, min_status="signed")
        assert got["kasi1"] == F(9, 40)  # (9/10 + 3·0) / 4
        assert got["kabid"] == F(33, 100)  # (4·9/40 + 3/4) / 5
        got = scores(reference, min_status="signed", missing_realisation="skip")
        assert got["kasi1"] == F(9, 10)
        assert got["kabid"] == F(33, 40)  # (1·9/10 + 1·3/4) / 2

    def test_which_period_counts(self) -> None:
        """For February, the Q1 realisation counts with 'enclosing', not with 'latest' (Q1 has
        not ended) nor 'exact'."""
        assert scores(period="2025-02", periods="enclosing")["kasi1"] == F(9, 8)
        assert scores(period="2025-02", periods="latest")["kasi1"] == 0
        assert scores(period="2025-02", periods="exact")["kasi1"] == 0
        assert scores(period="2025-04")["kasi1"] == F(9, 8)  # latest: Q1 is the last report

    def test_cap(self) -> None:
        """cap 100%: i2 counts 1, so S11 = (9/10 + 3) / 4; P1 is capped at 1."""
        got = scores(cap="100%")
        assert got["kasi1"] == F(39, 40) and got["kadis"] == 1

    def test_explanation_names_items_indicators_and_weights(self) -> None:
        """The explanation shows the source, the items with weights and the indicators."""
        rs = tst.rollup_paying(blend="1/2")
        result = calculate(mini_dataset(), rs, "2025-Q1")
        notes = result.explain("198001012005010002").step("capaian").notes  # Budi, kabid
        assert notes["rollup_source"] == "own: kabid Kepala Bidang"
        assert notes["rollup_items"] == {"K1 Kegiatan 1": "105.00% × 100.00%"}
        assert set(notes["rollup_indicators"]) == {"i1 Dokumen", "i2 Layanan", "i3 Keluhan"}
        # the periods of the realisation and of the target read, in the explanation's language
        assert notes["rollup_indicators"]["i2 Layanan"] == (
            "12 (2025-Q1) / 10 (2025-Q1) (makin tinggi makin baik) → 120.00%, w 3"
        )
        english = result.explain("198001012005010002", lang="en").step("capaian").notes
        assert english["rollup_indicators"]["i2 Layanan"] == (
            "12 (2025-Q1) / 10 (2025-Q1) (higher) → 120.00%, w 3"
        )
        assert notes["rollup_subordinates"] == {
            "kasi1 Kepala Seksi 1": "112.50%",
            "kasi2 Kepala Seksi 2": "75.00%",
        }
        staff = result.explain("198001012005010005").step("capaian").notes  # Eka, staf1
        assert staff["rollup_source"] == "superior: kasi1 Kepala Seksi 1"
        assert result.to_frame()["bulat"].tolist()[:2] == [1059375, 993750]

    def test_flags_on_a_work_item_reach_its_opds_employees(self) -> None:
        """A geometric mean tied at its rounding boundary (√¼ = 0.5 to 0 decimals) flags the
        OPD's employees, who are recomputed exactly (half-even: 0); the other OPD is not."""
        tables = tst.mini_regency_tables()
        tables["indicators"].loc[1, "weight"] = 1
        tables["realisations"].loc[:1, "value"] = [25, 10]  # i1 1/4, i2 1
        out = outcome(
            [{"id": "c", "type": "rollup", "method": "geomean", "precision": 0}], tables=tables
        )
        assert dict(zip(POSITIONS, out.values("c"), strict=True))["kasi1"] == 0
        assert out.exact_rows == [0, 1, 2, 3, 4, 5, 6]
        got = scores(tables=tables, method="geomean", precision=1)
        assert got["kasi1"] == F(1, 2)

    def test_rule_file_mistakes_are_reported(self) -> None:
        """Impossible policies are refused when the rule file is loaded."""
        for bad in (
            {"blend": "1/2", "scope": "subordinates"},
            {"blend": "3/2"},
            {"sources": {"fungsional": ["appraisal"]}},
            {"sources": {"pelaksana": ["boss"]}},
            {"weight": "budget"},
        ):
            with pytest.raises(RuleSetError):
                load_ruleset({"name": "t", "steps": [{"id": "c", "type": "rollup", **bad}]})


class TestOpdScore:
    """opd_score: an OPD's achievement, physical or financial realisation, absorption."""

    @BACKENDS
    def test_sources(self, reference: bool) -> None:
        """D: achievement 9/8, physical (600·50 + 400·8)/(1000·100), spent 280/1000, plan
        280/280; E: 0, 30/100, 5/100, 5/20."""
        steps = [
            {"id": s, "type": "opd_score", "source": s}
            for s in ("achievement", "physical", "financial", "absorption")
        ]
        out = outcome(steps, reference=reference)
        for step, d, e in (
            ("achievement", F(9, 8), 0),
            ("physical", F(332, 1000), F(3, 10)),
            ("financial", F(7, 25), F(1, 20)),
            ("absorption", F(1), F(1, 4)),
        ):
            got = out.values(step)
            assert got[0] == d and got[7] == e, step

    @BACKENDS
    def test_physical_of_a_pagu_past_int64_over_100(self, reference: bool) -> None:
        """The physical score divides by the OPD's pagu times 100: done in int64, that product
        wrapped past 2**63 (11 sub kegiatan at the cell bound 2**53 - 1, reporting 100 %) and
        D's score, about 1, was paid 0. The product is the backend's now, as exact as the rest."""
        tables = tst.mini_regency_tables()
        wi, br = tables["work_items"], tables["budget_realisations"]
        ids = [f"X{i}" for i in range(11)]
        items = [{**wi.iloc[3].to_dict(), "work_item_id": x, "budget": 2**53 - 1} for x in ids]
        done = [{**br.iloc[3].to_dict(), "work_item_id": x, "physical_pct": 100} for x in ids]
        tables["work_items"] = pd.concat([wi, pd.DataFrame(items)], ignore_index=True)
        tables["budget_realisations"] = pd.concat([br, pd.DataFrame(done)], ignore_index=True)
        out = outcome(
            [{"id": "p", "type": "opd_score", "source": "physical"}],
            tables=tables,
            reference=reference,
        )
        pagu = 1000 + 11 * (2**53 - 1)
        assert out.values("p")[0] == F(600 * 50 + 400 * 8 + 11 * (2**53 - 1) * 100, pagu * 100)

    def test_status_filter(self) -> None:
        """Signed figures only: D spent 60 + 40, E nothing."""
        out = outcome(
            [{"id": "f", "type": "opd_score", "source": "financial", "min_status": "signed"}]
        )
        assert out.values("f")[0] == F(1, 10) and out.values("f")[7] == 0

    @BACKENDS
    def test_money_on_a_parent_counts_as_the_report_counts_it(self, reference: bool) -> None:
        """K1 states pagu 1200 (its sub kegiatan carry 1000: 200 is its own) and reports
        spending 100 and physical 40 % itself. D: financial (280 + 100) / 1200 = 19/60,
        physical (600·50 + 400·8 + 200·40) / (1200·100) = 103/300, the figures of the
        monitoring report's OPD row: the paid score and the report are one figure."""
        from tukin.monitoring import monitoring_report

        tables = tst.mini_regency_tables()
        items = tables["work_items"]
        items.loc[items["work_item_id"] == "K1", "budget"] = 1200
        extra = pd.DataFrame(
            {
                "work_item_id": ["K1"],
                "period": ["2025-02"],
                "spent": [100],
                "physical_pct": [40],
                "planned_spent": [100],
                "planned_physical_pct": [40],
                "status": ["signed"],
            }
        )
        tables["budget_realisations"] = pd.concat(
            [tables["budget_realisations"], extra], ignore_index=True
        )
        steps = [{"id": s, "type": "opd_score", "source": s} for s in ("physical", "financial")]
        out = outcome(steps, reference=reference, tables=tables)
        assert out.values("financial")[0] == F(19, 60)
        assert out.values("physical")[0] == F(103, 300)
        report = monitoring_report(Dataset.from_frames(**tables), "2025-Q1", "opd")
        d = report.set_index("id").loc["D"]
        assert d["financial_pct"] == pytest.approx(float(F(19, 60)) * 100)
        assert d["physical_pct"] == pytest.approx(float(F(103, 300)) * 100)

    @BACKENDS
    def test_pagu_on_the_kegiatan_weighs_the_progress_its_sub_kegiatan_report(
        self, reference: bool
    ) -> None:
        """K1 carries all the pagu (1000), its sub kegiatan none, and they report 50 % and
        8 %: K1's progress is their equal mean, 29 %, not 0 % for want of a weight
        (D = 1000·29 / (1000·100)); the report's OPD row says the same."""
        from tukin.monitoring import monitoring_report

        tables = tst.mini_regency_tables()
        items = tables["work_items"]
        items["budget"] = [0, 1000, 0, 0, 0, 0, 100]
        steps = [{"id": "physical", "type": "opd_score", "source": "physical"}]
        out = outcome(steps, reference=reference, tables=tables)
        assert out.values("physical")[0] == F(29, 100)
        assert out.values("physical")[7] == F(3, 10)  # E reports on its own pagu: unchanged
        report = monitoring_report(Dataset.from_frames(**tables), "2025-Q1", "all")
        rows = report.set_index("id")
        assert rows.loc["D", "physical_pct"] == pytest.approx(29)
        assert rows.loc["K1", "physical_pct"] == pytest.approx(29)

    def test_missing_score(self) -> None:
        """No plan at all: absorption cannot be scored and the employees are rejected."""
        ds = mini_dataset(budget=False)
        p = Period.parse("2025-Q1")
        rs = build_ruleset(
            {"name": "t", "steps": [{"id": "f", "type": "opd_score", "source": "absorption"}]}, {}
        )
        run = _Run(employee_frame(ds, p), rs, p, ds)
        run.evaluate()
        out = tst.Outcome(run)
        assert set(out.rejected.values()) == {"no_opd_score"} and len(out.rejected) == 9


class TestOpdFactor:
    """opd_factor: bands over the OPD score give a factor."""

    BANDS: ClassVar[list[dict[str, Any]]] = [
        {"min": "91%", "factor": 1, "label": "Sangat Baik"},
        {"min": "76%", "factor": "0.9", "label": "Baik"},
    ]

    @BACKENDS
    def test_bands(self, reference: bool) -> None:
        """D (112.5%) is Sangat Baik: 1; E (0%) is below every band: 0.5."""
        out = outcome(
            [{"id": "k", "type": "opd_factor", "bands": self.BANDS, "below": "0.5"}],
            reference=reference,
        )
        assert out.values("k") == [1] * 7 + [F(1, 2)] * 2
        steps = [
            {
                "id": "k",
                "type": "opd_factor",
                "source": "financial",
                "bands": [{"min": "28%", "factor": 1}],
                "below": 0,
            }
        ]
        assert (
            outcome(steps, reference=reference).values("k") == [1] * 7 + [0] * 2
        )  # 280/1000 is on the edge

    @BACKENDS
    def test_closed_right_needs_more_than_the_edge(self, reference: bool) -> None:
        """SAKIP grades are strict ("> 90: AA"): with closed: right, 280/1000 does not reach
        a band starting at 28 %, and 28.1 % would; the band's name says ">"."""
        for start, want in (("28%", 0), ("27.9%", 1)):
            steps = [
                {
                    "id": "k",
                    "type": "opd_factor",
                    "source": "financial",
                    "bands": [{"min": start, "factor": 1}],
                    "below": 0,
                    "closed": "right",
                }
            ]
            out = outcome(steps, reference=reference)
            assert out.values("k") == [want] * 7 + [0] * 2
        if not reference:
            assert "> 27.9%" in {str(v) for v in out.run.traces[0].notes["opd_band"]}

    def test_below_without_factor_rejects(self) -> None:
        """No 'below' factor: employees of an OPD under the lowest band are rejected."""
        out = outcome([{"id": "k", "type": "opd_factor", "bands": self.BANDS}])
        assert out.rejected == {7: "below_bands", 8: "below_bands"}

    def test_example_rule_file_on_the_demo_regency(self) -> None:
        """examples/epantau_tpp.yaml pays the demo regency, fast equal to exact."""
        from tukin.demo import generate

        rs = load_ruleset("examples/epantau_tpp.yaml")
        ds = Dataset.from_frames(**generate(40, seed=3, months=6))
        fast = calculate(ds, rs, "2025-06").to_frame()
        exact = calculate(ds, rs, "2025-06", reference=True).to_frame()
        assert fast["tpp"].tolist() == exact["tpp"].tolist()
        assert (fast["capaian"] > 0).all() and fast["faktor_opd"].between(0.8, 1).all()


def rollup(tables: dict[str, pd.DataFrame], policy: RollupPolicy, exact: bool = True) -> Any:
    h = Hierarchy(
        units=tables["units"], positions=tables["positions"], work_items=tables["work_items"]
    )
    fig = indicator_figures(
        tables["indicators"], tables["targets"], tables["realisations"], "2025-Q1"
    )
    return compute_rollup(h, fig, policy, Backend(exact))


POLICIES = st.builds(
    RollupPolicy,
    method=st.sampled_from(["mean", "min", "geomean"]),
    weights=st.sampled_from(["indicator", "budget", "equal"]),
)


PART_POLICIES = st.one_of(
    POLICIES,
    st.builds(RollupPolicy, blend=st.sampled_from([F(1, 2), F(1), F(0)])),
    st.builds(RollupPolicy, scope=st.just("subordinates")),
)


def levels(r: Any) -> list[tuple[Any, np.ndarray]]:
    return [
        (r.item, r.item_has),
        (r.position, r.position_has),
        (r.unit, r.unit_has),
        (r.opd, r.opd_has),
        (r.regency, r.regency_has),
    ]


class TestRollupProperties:
    """Hypothesis properties of compute_rollup on random regencies (exact backend)."""

    @settings(max_examples=10, deadline=None)
    @given(st.sampled_from([F(1, 2), F(17, 20), F(1), F(6, 5), F(3, 8)]), POLICIES, st.data())
    def test_identical_scores_roll_up_to_that_score(
        self, a: F, policy: RollupPolicy, data: st.DataObject
    ) -> None:
        """A roll-up of identical scores returns that score, at every level and policy."""
        r = rollup(data.draw(tst.regency_tables(achievement=a)), policy)
        for values, has in levels(r):
            assert all(v == a for v, h in zip(values.v, has, strict=True) if h)

    @settings(max_examples=10, deadline=None)
    @given(tst.regency_tables(), st.sampled_from(["indicator", "budget", "equal"]))
    def test_weighted_mean_lies_between_min_and_max(
        self, tables: dict[str, Any], weights: str
    ) -> None:
        """An item lies between its indicators' extremes, a position between its items'."""
        r = rollup(tables, RollupPolicy(weights=weights))  # type: ignore[arg-type]
        fig = r.figures[r.figures["counted"]]
        ach = {i: r.indicator.v[i] for i in fig.index}
        for item, rows in fig.groupby("item").groups.items():
            vals = [ach[i] for i in rows]
            assert min(vals) <= r.item.v[item] <= max(vals)
        items, positions = r.pairs
        for p in np.unique(positions):
            fed = [r.item.v[i] for i in items[positions == p] if r.item_has[i]]
            if fed:
                assert min(fed) <= r.position.v[p] <= max(fed)

    @settings(max_examples=10, deadline=None)
    @given(tst.regency_tables(), st.sampled_from(["indicator", "budget", "equal"]), st.data())
    def test_a_better_indicator_never_lowers_a_mean(
        self, tables: dict[str, Any], weights: str, data: st.DataObject
    ) -> None:
        """Adding an indicator scoring at least a roll-up's current value never lowers it.

        Pagu and equal weights: at least the item's score raises the item and everything above.
        Indicator weights: every roll-up whose current value it reaches is not lowered.
        """
        policy = RollupPolicy(weights=weights, missing_realisation="skip")  # type: ignore[arg-type]
        before = rollup(tables, policy)
        own = before.figures[before.figures["counted"]]["item"].unique()
        leaves = [i for i in own if before.item_own[i]]
        if not leaves:
            return
        item = data.draw(st.sampled_from(sorted(leaves)))
        wid = before.hierarchy.work_items["work_item_id"].iat[item]
        floor = before.item.v[item] if weights != "indicator" else F(0)
        base = F(-((-floor * 100) // 1), 100)  # floor rounded up to a decimal: a stays exact
        a = base + F(data.draw(st.integers(0, 60)), 20)
        weight = data.draw(st.sampled_from([0.5, 1.0, 4.0]))
        t = dict(tables)
        t["indicators"] = pd.concat(
            [
                tables["indicators"],
                pd.DataFrame(
                    {
                        "indicator_id": ["new"],
                        "work_item_id": [wid],
                        "polarity": ["higher"],
                        "weight": [weight],
                        "name": ["new"],
                    }
                ),
            ]
        )
        t["targets"] = pd.concat(
            [
                tables["targets"],
                pd.DataFrame({"indicator_id": ["new"], "target": [40.0], "period": ["2025-Q1"]}),
            ]
        )
        t["realisations"] = pd.concat(
            [
                tables["realisations"],
                pd.DataFrame(
                    {"indicator_id": ["new"], "value": [float(a * 40)], "period": ["2025-Q1"]}
                ),
            ]
        )
        after = rollup(t, policy)
        for (old, had), (new, has) in zip(levels(before), levels(after), strict=True):
            for o, n, h1 in zip(old.v, new.v, had, strict=True):
                if h1 and (weights != "indicator" or a >= o):
                    assert n >= o or not has.any()

    @settings(max_examples=8, deadline=None)
    @given(tst.regency_tables(), POLICIES)
    def test_fast_agrees_with_exact(self, tables: dict[str, Any], policy: RollupPolicy) -> None:
        """Certified fast roll-ups contain the exact value within their bound, unless flagged."""
        fast, exact = rollup(tables, policy, exact=False), rollup(tables, policy, exact=True)
        if fast.backend.flagged_opds():
            return
        for (fv, has), (xv, _) in zip(levels(fast), levels(exact), strict=True):
            for i in np.flatnonzero(has):
                e = 0.0 if fv.e is None else float(fv.e[i])
                assert tst.Approx(float(fv.v[i]), e, fv.s) == xv.v[i]

    @settings(max_examples=25, deadline=None)
    @given(tst.regency_tables(), PART_POLICIES, st.data())
    def test_a_part_scores_what_it_holds_as_the_whole_does(
        self, tables: dict[str, Any], policy: RollupPolicy, data: st.DataObject
    ) -> None:
        """An exact roll-up ``within`` some items (the explanation of one employee) gives the
        whole roll-up's score and *has* mark at every item it holds and every position, unit
        and OPD all of whose items it holds (with ``blend``: those of the positions below
        too); elsewhere it only loses *has* marks, never gains one."""
        whole = rollup(tables, policy)
        h = whole.hierarchy
        tree = h.item_tree
        n = len(tree.parent)
        if not n:
            return
        tops = data.draw(st.sets(st.integers(0, n - 1), max_size=3))
        within = np.zeros(n, dtype=bool)
        for t in tops:
            within[tree.subtree(t)] = True
        fig = indicator_figures(
            tables["indicators"], tables["targets"], tables["realisations"], "2025-Q1"
        )
        part = compute_rollup(h, fig, policy, Backend(True), regency=False, within=within)

        def complete(pairs: tuple[np.ndarray, np.ndarray], size: int) -> np.ndarray:
            items, groups = pairs
            missing = np.zeros(size, dtype=bool)
            missing[groups[~within[items]]] = True
            return ~missing

        pos_ok = complete(whole.pairs, len(h.position_table))
        if policy.blend is not None:  # every position below must be complete too
            below = h.pos_tree.contains(
                np.repeat(np.arange(len(pos_ok)), len(pos_ok)),
                np.tile(np.arange(len(pos_ok)), len(pos_ok)),
            ).reshape(len(pos_ok), len(pos_ok))
            pos_ok = ~(below & ~pos_ok[None, :]).any(axis=1)
        roots = np.flatnonzero(tree.depth == 0)
        root_opd = pd.Index(whole.opd_ids).get_indexer(
            h.work_items["opd_id"].to_numpy(dtype=object)[roots]
        )
        keep = root_opd >= 0
        checks = [
            (whole.item, whole.item_has, part.item, part.item_has, within),
            (whole.position, whole.position_has, part.position, part.position_has, pos_ok),
            (
                whole.unit,
                whole.unit_has,
                part.unit,
                part.unit_has,
                complete(whole.unit_pairs, len(h.units)),
            ),
            (
                whole.opd,
                whole.opd_has,
                part.opd,
                part.opd_has,
                complete((roots[keep], root_opd[keep]), len(whole.opd_ids)),
            ),
        ]
        for w, w_has, p, p_has, ok in checks:
            assert len(p.v) == len(w.v) and len(p_has) == len(w_has)
            assert not (p_has & ~w_has).any()
            for i in np.flatnonzero(ok):
                assert p_has[i] == w_has[i]
                if w_has[i]:
                    assert p.v[i] == w.v[i]


def test_a_part_keeps_the_positions_between_a_scored_one_and_its_superior() -> None:
    """With ``blend``, a head reads the mean of a bidang head who answers for nothing
    himself, whose score is his seksi head's: the part keeps the position in between, or the
    head's score would go missing (the case random regencies rarely draw)."""
    h = Hierarchy(
        units=pd.DataFrame({"unit_id": ["D"], "name": ["Dinas"], "parent_id": [None]}),
        positions=pd.DataFrame(
            {
                "position_id": ["kadis", "kabid", "kasi"],
                "name": ["Kepala Dinas", "Kepala Bidang", "Kepala Seksi"],
                "unit_id": ["D", "D", "D"],
                "kind": ["jpt", "administrator", "pengawas"],
                "superior_id": [None, "kadis", "kabid"],
            }
        ),
        work_items=pd.DataFrame(
            {
                "work_item_id": ["P"],
                "name": ["Program"],
                "level": ["program"],
                "parent_id": [None],
                "unit_id": ["D"],
                "responsible_position_id": ["kasi"],
            }
        ),
    )
    fig = indicator_figures(
        pd.DataFrame(
            {"indicator_id": ["i"], "work_item_id": ["P"], "polarity": ["higher"], "weight": [1.0]}
        ),
        pd.DataFrame({"indicator_id": ["i"], "target": [8.0], "period": ["2025-Q1"]}),
        pd.DataFrame({"indicator_id": ["i"], "value": [6.0], "period": ["2025-Q1"]}),
        "2025-Q1",
    )
    policy = RollupPolicy(blend=F(1, 2))
    part = compute_rollup(h, fig, policy, Backend(True), regency=False, within=np.array([True]))
    assert part.position_has.tolist() == [True, True, True]
    assert part.position.v.tolist() == [F(3, 4)] * 3


def test_explanation_lists_only_the_indicators_that_fed_the_score() -> None:
    """A kegiatan with an indicator of its own scores that one, not its sub kegiatan's: the
    explanation lists an indicator only where no item between it and a fed item (that item
    included) has indicators of its own."""
    import warnings

    import tukin

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = tukin.Dataset.from_frames(**tukin.demo.generate(300, seed=3, months=6))
        res = tukin.calculate(ds, tukin.load_ruleset("tpp-epantau-kukar-example"), "2025-06")
    ind = ds["indicators"].set_index("indicator_id")["work_item_id"]
    parent = ds["work_items"].set_index("work_item_id")["parent_id"]
    own = set(ind)  # items with indicators of their own

    def fed_through(item: str, fed: set[str]) -> bool:
        """The item is fed, or below one with no item on the way scoring its own."""
        if item in fed:
            return True
        up = parent.get(item)
        while isinstance(up, str):
            if up in own:  # an item with indicators of its own scores those, not its children
                return False
            if up in fed:
                return True
            up = parent.get(up)
        return False

    checked = 0
    for nip in res.to_frame()["nip"]:
        for step in res.explain(nip, lang="en").steps:
            notes = step.notes or {}
            fed = {k.split(" ")[0] for k in notes.get("rollup_items") or {}}
            for key in notes.get("rollup_indicators") or {}:
                if key == "…" or not fed:
                    continue
                item = ind[key.split(" ")[0]]
                assert fed_through(item, fed) and not (
                    item not in fed and parent.get(item) in fed and parent.get(item) in own
                ), key
                checked += 1
    assert checked
