"""The synthetic demo regency: contract shape, referential integrity and realism."""

from __future__ import annotations

import inspect
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest

import tukin
from tests.test_step_messages import assert_in_language
from tukin.contract import TABLE_ORDER, TABLES
from tukin.demo import MIN_EMPLOYEES, OPD_NAMES, generate
from tukin.errors import ArgumentError, ArgumentTypeError, TukinError

Tables = dict[str, pd.DataFrame]

EMPLOYEE_EXTRAS = (
    "basic_salary",
    "family_allowance",
    "position_allowance",
    "bank_account",
    "ter_category",
)
ATTENDANCE_CODES = (
    "tl1", "tl2", "tl3", "tl4", "psw1", "psw2", "psw3", "psw4",
    "tk", "sakit", "izin", "cuti", "apel",
)  # fmt: skip
STRUCTURAL = ("jpt", "administrator", "pengawas")
GRADES = {
    "jpt": (14, 15),
    "administrator": (11, 12),
    "pengawas": (8, 9),
    "pelaksana": (5, 7),
    "fungsional": (7, 11),
}


@pytest.fixture(scope="module")
def demo() -> Tables:
    return generate(600)


@pytest.fixture(scope="module")
def small() -> Tables:
    return generate(50, seed=7, months=5)


def _roots(parent: pd.Series, ids: pd.Series, max_depth: int = 10) -> pd.Series:
    """Follow parent links to the root; fails on a cycle or a chain deeper than max_depth."""
    up = dict(zip(ids, parent, strict=True))
    current = ids.copy()
    for _ in range(max_depth):
        nxt = current.map(up)
        if nxt.isna().all():
            return current
        current = current.where(nxt.isna(), nxt)
    raise AssertionError("parent chain too deep: a cycle?")


class TestContract:
    def test_every_table_in_contract_order(self, demo: Tables) -> None:
        """generate() returns exactly the contract's tables, in TABLE_ORDER."""
        assert tuple(demo) == TABLE_ORDER

    def test_columns_are_the_contract_columns(self, demo: Tables) -> None:
        """Each table has the contract's columns, plus only the documented extras."""
        for name, table in TABLES.items():
            extras = {"employees": EMPLOYEE_EXTRAS, "attendance": ATTENDANCE_CODES}.get(name, ())
            assert tuple(demo[name].columns) == (*table.names, *extras), name

    def test_dtypes_follow_column_types(self, demo: Tables) -> None:
        """Text as strings, money and counts as int64, decimals as float64, dates as datetime."""
        for name, table in TABLES.items():
            frame = demo[name]
            for col in table.columns:
                s = frame[col.name]
                if col.type in ("str", "enum", "period", "nip"):
                    assert pd.api.types.is_string_dtype(s.dtype), (name, col.name)
                elif col.type in ("int", "money"):
                    assert s.dtype == np.int64, (name, col.name)
                elif col.type == "decimal":
                    assert s.dtype == np.float64, (name, col.name)
                    values = s.dropna().to_numpy()
                    assert np.allclose(values, np.round(values, 2), rtol=0, atol=1e-9)
                elif col.type == "date":
                    assert pd.api.types.is_datetime64_dtype(s.dtype), (name, col.name)
        for code in ATTENDANCE_CODES:
            assert demo["attendance"][code].dtype == np.int64
        for extra in EMPLOYEE_EXTRAS[:3]:
            assert demo["employees"][extra].dtype == np.int64

    def test_values_within_contract(self, demo: Tables) -> None:
        """No missing required values, enums in their choices, numbers within their bounds."""
        for name, table in TABLES.items():
            frame = demo[name]
            for col in table.columns:
                s = frame[col.name]
                if not col.nullable:
                    assert s.notna().all(), (name, col.name)
                if col.choices:
                    assert set(s.dropna()) <= set(col.choices), (name, col.name)
                if col.minimum is not None:
                    assert (s.dropna() >= col.minimum).all(), (name, col.name)
                if col.maximum is not None:
                    assert (s.dropna() <= col.maximum).all(), (name, col.name)

    def test_keys_unique(self, demo: Tables) -> None:
        """Every table's key identifies its rows."""
        for name, table in TABLES.items():
            assert not demo[name].duplicated(list(table.key)).any(), name

    def test_foreign_keys_resolve(self, demo: Tables) -> None:
        """Every reference points at an existing row."""
        for name, table in TABLES.items():
            for col in table.columns:
                if col.ref:
                    target = set(demo[col.ref[0]][col.ref[1]])
                    assert set(demo[name][col.name].dropna()) <= target, (name, col.name)

    def test_periods_are_canonical(self, demo: Tables) -> None:
        """Months read 2025-01..2025-12, quarters 2025-Q1..2025-Q4."""
        months = {f"2025-{m:02d}" for m in range(1, 13)}
        quarters = {f"2025-Q{q}" for q in range(1, 5)}
        assert set(demo["attendance"]["period"]) == months
        assert set(demo["budget_realisations"]["period"]) == months
        assert set(demo["targets"]["period"]) == months | quarters
        assert set(demo["sanctions"]["start_period"]) <= months


class TestOrganisation:
    def test_opds_scale_with_size(self) -> None:
        """8 OPDs for 600 employees, more for a large regency, names from the catalogue."""
        units = generate(600)["units"]
        opds = units[units["parent_id"].isna()]
        assert len(opds) == 8
        assert list(opds["name"]) == list(OPD_NAMES[:8])
        assert "Kecamatan Tenggarong" in set(opds["name"])
        big = generate(15_000, months=1)["units"]
        assert 35 <= big["parent_id"].isna().sum() <= 50

    def test_unit_tree(self, demo: Tables) -> None:
        """Units form a three-level tree: OPD, bidang/secretariat, seksi/subbagian."""
        units = demo["units"]
        roots = _roots(units["parent_id"], units["unit_id"])
        assert set(roots) == set(units.loc[units["parent_id"].isna(), "unit_id"])
        assert set(units["kind"]) == {"opd", "sekretariat", "bidang", "subbagian", "seksi"}

    def test_one_jpt_root_per_opd(self, demo: Tables) -> None:
        """Each OPD has exactly one JPT, the only position without a superior."""
        units, positions = demo["units"], demo["positions"]
        opd_of_unit = dict(
            zip(units["unit_id"], _roots(units["parent_id"], units["unit_id"]), strict=True)
        )
        roots = positions[positions["superior_id"].isna()]
        assert (roots["kind"] == "jpt").all()
        assert (positions.loc[positions["kind"] == "jpt", "superior_id"].isna()).all()
        assert sorted(roots["unit_id"]) == sorted(units.loc[units["parent_id"].isna(), "unit_id"])
        top = _roots(positions["superior_id"], positions["position_id"])
        top_unit = top.map(dict(zip(positions["position_id"], positions["unit_id"], strict=True)))
        assert (top_unit == positions["unit_id"].map(opd_of_unit)).all()  # no cross-OPD lines

    def test_reporting_lines_and_grades(self, demo: Tables) -> None:
        """Administrators report to the JPT, pengawas to an administrator, staff to either."""
        positions = demo["positions"]
        kind_of = dict(zip(positions["position_id"], positions["kind"], strict=True))
        superior_kind = positions["superior_id"].map(kind_of)
        expected = {
            "administrator": {"jpt"},
            "pengawas": {"administrator"},
            "pelaksana": {"pengawas", "administrator"},
            "fungsional": {"pengawas", "administrator"},
        }
        for kind, allowed in expected.items():
            assert set(superior_kind[positions["kind"] == kind]) <= allowed, kind
        for kind, (lo, hi) in GRADES.items():
            grades = positions.loc[positions["kind"] == kind, "grade"]
            assert grades.between(lo, hi).all(), kind

    def test_structural_posts_have_one_holder(self, demo: Tables) -> None:
        """Structural positions have exactly one holder; staff positions at least one."""
        positions, employees = demo["positions"], demo["employees"]
        holders = employees["position_id"].value_counts()
        counts = positions["position_id"].map(holders).fillna(0)
        structural = positions["kind"].isin(STRUCTURAL)
        assert (counts[structural] == 1).all()
        assert (counts[~structural] >= 1).all()
        assert (counts[~structural] > 1).any()


class TestEmployees:
    def test_size_scaling(self) -> None:
        """The employees table has exactly n_employees rows, down to the minimum."""
        for n in (MIN_EMPLOYEES, 50, 600):
            assert len(generate(n, months=1)["employees"]) == n

    def test_nip_follows_pns_pattern(self, demo: Tables) -> None:
        """18 digits: birth date (age 22-58), appointment month after 18, sex digit, sequence."""
        nip = demo["employees"]["nip"]
        assert nip.str.fullmatch(r"\d{18}").all()
        birth = pd.to_datetime(nip.str[:8], format="%Y%m%d")
        age = 2025 - birth.dt.year - 1  # age on 1 January 2025, give or take the birthday
        assert age.between(21, 58).all()
        appointed = pd.to_datetime(nip.str[8:14], format="%Y%m")
        assert (appointed > birth + pd.DateOffset(years=18)).all()
        assert set(nip.str[14]) == {"1", "2"}
        assert (nip.str[15:].astype(int) >= 1).all()

    def test_status_mix_and_pppk_appointments(self, demo: Tables) -> None:
        """About 80% PNS, 5% CPNS, 15% PPPK; PPPK appointed from 2021."""
        employees = demo["employees"]
        share = employees["status"].value_counts(normalize=True)
        assert 0.72 <= share["pns"] <= 0.88
        assert 0.01 <= share["cpns"] <= 0.10
        assert 0.08 <= share["pppk"] <= 0.22
        pppk = employees.loc[employees["status"] == "pppk", "nip"]
        assert (pppk.str[8:12].astype(int) >= 2021).all()

    def test_part_year_service(self, demo: Tables) -> None:
        """A few start or leave within the year, never both, always inside the year."""
        employees = demo["employees"]
        start, end = employees["start_date"], employees["end_date"]
        assert 0 < start.notna().sum() < 0.1 * len(employees)
        assert 0 < end.notna().sum() < 0.1 * len(employees)
        assert not (start.notna() & end.notna()).any()
        assert (start.dropna().dt.year == 2025).all()
        assert (end.dropna().dt.year == 2025).all()

    def test_pay_columns_plausible(self, demo: Tables) -> None:
        """Salaries by grade in a plausible range; accounts unique; TER categories A/B/C."""
        employees = demo["employees"]
        assert employees["basic_salary"].between(1_300_000, 7_000_000).all()
        assert (employees["family_allowance"] >= 0).all()
        assert (employees["family_allowance"] <= 0.15 * employees["basic_salary"]).all()
        assert employees["position_allowance"].between(175_000, 5_000_000).all()
        assert employees["bank_account"].str.fullmatch(r"\d{10}").all()
        assert employees["bank_account"].is_unique
        assert set(employees["ter_category"]) == {"A", "B", "C"}
        assert employees["name"].str.len().min() > 5


class TestPlan:
    def test_hierarchy_and_codes(self, demo: Tables) -> None:
        """Programs hold kegiatan hold sub kegiatan, 2-4 each, with Permendagri 90 codes."""
        items = demo["work_items"]
        level_of = dict(zip(items["work_item_id"], items["level"], strict=True))
        parent_level = items["parent_id"].map(level_of)
        assert items.loc[items["level"] == "program", "parent_id"].isna().all()
        assert (parent_level[items["level"] == "kegiatan"] == "program").all()
        assert (parent_level[items["level"] == "sub_kegiatan"] == "kegiatan").all()
        children = items["parent_id"].value_counts()
        assert children.between(2, 4).all()
        patterns = {
            "program": r"\d\.\d{2}\.\d{2}",
            "kegiatan": r"\d\.\d{2}\.\d{2}\.2\.\d{2}",
            "sub_kegiatan": r"\d\.\d{2}\.\d{2}\.2\.\d{2}\.\d{4}",
        }
        for level, pattern in patterns.items():
            codes = items.loc[items["level"] == level, "code"]
            assert codes.str.fullmatch(pattern).all(), level
        assert (items["work_item_id"] == items["unit_id"] + ":" + items["code"]).all()
        per_opd = items[items["level"] == "program"].groupby("unit_id").size()
        assert per_opd.between(2, 4).all()

    def test_responsible_positions(self, demo: Tables) -> None:
        """Program: the OPD's JPT; kegiatan: its administrator; sub kegiatan: a pengawas under
        the kegiatan's administrator."""
        items, positions = demo["work_items"], demo["positions"]
        kind = dict(zip(positions["position_id"], positions["kind"], strict=True))
        superior = dict(zip(positions["position_id"], positions["superior_id"], strict=True))
        responsible = items["responsible_position_id"]
        expected = {"program": "jpt", "kegiatan": "administrator", "sub_kegiatan": "pengawas"}
        for level, k in expected.items():
            assert (responsible[items["level"] == level].map(kind) == k).all(), level
        resp_of = dict(zip(items["work_item_id"], responsible, strict=True))
        for level in ("kegiatan", "sub_kegiatan"):
            rows = items[items["level"] == level]
            assert (
                rows["responsible_position_id"].map(superior) == rows["parent_id"].map(resp_of)
            ).all()
        programs = items[items["level"] == "program"]
        assert (programs["responsible_position_id"] == programs["unit_id"] + "/KA").all()

    def test_budgets_add_up(self, demo: Tables) -> None:
        """A kegiatan's pagu is the sum of its sub kegiatan, a program's of its kegiatan."""
        items = demo["work_items"]
        budget = items.set_index("work_item_id")["budget"]
        assert (budget > 0).all()
        for child in ("sub_kegiatan", "kegiatan"):
            rows = items[items["level"] == child]
            sums = rows.groupby("parent_id")["budget"].sum()
            assert (budget[sums.index] == sums).all(), child

    def test_indicators(self, demo: Tables) -> None:
        """1-3 indicators per item, mostly higher-is-better, weights 1-3."""
        items, indicators = demo["work_items"], demo["indicators"]
        per_item = indicators.groupby("work_item_id").size()
        assert set(per_item.index) == set(items["work_item_id"])
        assert per_item.between(1, 3).all()
        lower = (indicators["polarity"] == "lower").mean()
        assert 0.03 <= lower <= 0.25
        assert set(indicators["weight"]) <= {1.0, 2.0, 3.0}
        assert "Prevalensi Stunting pada Balita" in set(indicators["name"])

    def test_targets_monthly_for_sub_kegiatan_quarterly_above(self, demo: Tables) -> None:
        """Sub kegiatan indicators: 12 monthly targets; kegiatan and program: 4 quarterly."""
        items, indicators, targets = demo["work_items"], demo["indicators"], demo["targets"]
        level = indicators["work_item_id"].map(
            dict(zip(items["work_item_id"], items["level"], strict=True))
        )
        level_of_indicator = dict(zip(indicators["indicator_id"], level, strict=True))
        t_level = targets["indicator_id"].map(level_of_indicator)
        monthly = targets["period"].str.fullmatch(r"2025-\d{2}")
        assert (monthly == (t_level == "sub_kegiatan")).all()
        per_indicator = targets.groupby("indicator_id").size()
        assert set(per_indicator) == {4, 12}
        assert (targets["target"] > 0).all()
        ranged = targets["target_max"].notna()
        assert 0 < ranged.sum() < 0.2 * len(targets)
        assert (targets.loc[ranged, "target_max"] > targets.loc[ranged, "target"]).all()

    def test_realisations_spread(self, demo: Tables) -> None:
        """Most reach 80-110% of target, some fall below 60%, a few reports are missing."""
        targets, realisations, indicators = (
            demo["targets"],
            demo["realisations"],
            demo["indicators"],
        )
        merged = realisations.merge(targets, on=["indicator_id", "period"], validate="1:1")
        higher = (
            merged["indicator_id"].map(
                dict(zip(indicators["indicator_id"], indicators["polarity"], strict=True))
            )
            == "higher"
        )
        single = merged["target_max"].isna() & higher
        ratio = (merged["value"] / merged["target"])[single]
        assert 0.55 <= ratio.between(0.8, 1.1).mean() <= 0.95
        assert 0.005 <= (ratio < 0.6).mean() <= 0.15
        assert len(realisations) < len(targets)  # missing reports
        status = realisations["status"].value_counts(normalize=True)
        assert status["signed"] > 0.8
        latest = realisations[realisations["period"] == "2025-12"]["status"]
        assert {"entered", "approved"} <= set(latest)


class TestBudgetRealisation:
    def test_spent_never_exceeds_budget(self, demo: Tables) -> None:
        """Monthly spending of each sub kegiatan sums to 80-98% of pagu, laggards about 50%."""
        items, spent = demo["work_items"], demo["budget_realisations"]
        subs = items[items["level"] == "sub_kegiatan"].set_index("work_item_id")["budget"]
        assert set(spent["work_item_id"]) == set(subs.index)
        assert spent.groupby("work_item_id").size().eq(12).all()
        absorption = spent.groupby("work_item_id")["spent"].sum() / subs
        assert (absorption <= 1).all()
        assert absorption.between(0.79, 0.99).mean() > 0.85
        assert absorption.min() < 0.65  # laggards
        planned = spent.groupby("work_item_id")["planned_spent"].sum()
        assert (planned == subs[planned.index]).all()

    def test_s_curve_physical_ahead_of_financial(self, demo: Tables) -> None:
        """Slow start, year-end rush; cumulative physical % rises and mostly leads the money."""
        items, br = demo["work_items"], demo["budget_realisations"]
        budget = br["work_item_id"].map(items.set_index("work_item_id")["budget"])
        br = br.assign(cum=br.groupby("work_item_id")["spent"].cumsum() / budget * 100)
        assert (br.groupby("work_item_id")["physical_pct"].diff().dropna() >= 0).all()
        by_month = br.groupby("period")[["cum", "physical_pct", "planned_physical_pct"]].median()
        assert by_month.loc["2025-04", "cum"] < 25 < by_month.loc["2025-12", "cum"]
        assert by_month.loc["2025-04", "cum"] < by_month.loc["2025-04", "physical_pct"]
        assert (br["physical_pct"] >= br["cum"]).mean() > 0.7
        assert by_month.loc["2025-12", "planned_physical_pct"] == 100


class TestActuals:
    def test_attendance_complete(self, demo: Tables) -> None:
        """One row per employee and month, realistic small counts, days away within the month."""
        att, employees = demo["attendance"], demo["employees"]
        assert len(att) == 12 * len(employees)
        assert set(att["nip"]) == set(employees["nip"])
        assert att.groupby("nip").size().eq(12).all()
        counts = att[list(ATTENDANCE_CODES)]
        assert (counts >= 0).all().all()
        assert (counts.mean() < 2).all()
        assert (att["tl1"] == 0).mean() > 0.3
        assert (att[["tk", "sakit", "izin", "cuti"]].sum(axis=1) <= 21).all()
        tk_year = att.groupby("nip")["tk"].sum()
        assert tk_year.max() >= 10  # a few bad apples

    def test_appraisals_complete(self, demo: Tables) -> None:
        """Monthly ratings for everybody, mostly as expected, some above, few below."""
        ap, employees = demo["appraisals"], demo["employees"]
        assert len(ap) == 12 * len(employees)
        share = ap["results"].value_counts(normalize=True)
        assert share["as_expected"] > 0.7
        assert share["above"] > share["below"] > 0

    def test_sanctions(self, demo: Tables) -> None:
        """About 0.5% of employees carry a medium sanction: 25% for 6, 9 or 12 months."""
        sanctions = demo["sanctions"]
        assert 1 <= len(sanctions) <= 10
        assert (sanctions["kind"] == "hukuman disiplin sedang").all()
        assert (sanctions["percent"] == 25).all()
        assert set(sanctions["months"]) <= {6, 9, 12}
        assert sanctions["reference"].str.contains("/BKPSDM/2025").all()

    def test_months_limit_actuals_not_plans(self, small: Tables) -> None:
        """months=5: actuals for January-May and Q1, targets for the whole year."""
        months = {f"2025-{m:02d}" for m in range(1, 6)}
        assert set(small["attendance"]["period"]) == months
        assert set(small["appraisals"]["period"]) == months
        assert set(small["budget_realisations"]["period"]) == months
        assert set(small["realisations"]["period"]) <= months | {"2025-Q1"}
        assert "2025-12" in set(small["targets"]["period"])
        assert len(small["attendance"]) == 5 * 50


class TestDeterminism:
    def test_same_seed_same_tables(self) -> None:
        """Two runs with one seed give identical tables."""
        a, b = generate(50, seed=3), generate(50, seed=3)
        for name in a:
            pd.testing.assert_frame_equal(a[name], b[name], check_exact=True)

    def test_other_seed_other_tables(self) -> None:
        """Another seed gives other employees and other numbers."""
        a, b = generate(50, seed=3), generate(50, seed=4)
        assert not a["employees"]["nip"].equals(b["employees"]["nip"])
        assert not a["attendance"].equals(b["attendance"])

    def test_other_year(self) -> None:
        """The year moves the periods and the dates."""
        t = generate(20, year=2024, months=2)
        assert set(t["attendance"]["period"]) == {"2024-01", "2024-02"}
        assert t["employees"]["start_date"].dropna().dt.year.eq(2024).all()


#: bad calls of generate(): (call, error class, code, the English text, the Indonesian text)
BAD_CALLS: dict[str, tuple[Callable[[], object], type[TukinError], str, str, str]] = {
    "too few employees": (
        lambda: generate(3),
        ArgumentError,
        "argument_below",
        "generate(): n_employees must be at least 4, not 3",
        "generate(): n_employees paling sedikit 4, bukan 3",
    ),
    "no employees": (
        lambda: generate(0),
        ArgumentError,
        "argument_below",
        "n_employees must be at least 4, not 0",
        "n_employees paling sedikit 4, bukan 0",
    ),
    "a negative count": (
        lambda: generate(-5),
        ArgumentError,
        "argument_below",
        "n_employees must be at least 4, not -5",
        "n_employees paling sedikit 4, bukan -5",
    ),
    "a float count": (
        lambda: generate(10.0),  # type: ignore[arg-type]
        ArgumentTypeError,
        "argument_not_whole",
        "n_employees must be a whole number, not float",
        "n_employees harus bilangan bulat, bukan float",
    ),
    "a count as text": (
        lambda: generate("10"),  # type: ignore[arg-type]
        ArgumentTypeError,
        "argument_not_whole",
        "n_employees must be a whole number, not '10'",
        "n_employees harus bilangan bulat, bukan '10'",
    ),
    "a count as a flag": (
        lambda: generate(True),
        ArgumentTypeError,
        "argument_not_whole",
        "n_employees must be a whole number, not bool",
        "n_employees harus bilangan bulat, bukan bool",
    ),
    "a negative seed": (
        lambda: generate(10, seed=-1),
        ArgumentError,
        "argument_below",
        "seed must be at least 0, not -1",
        "seed paling sedikit 0, bukan -1",
    ),
    "no seed": (
        lambda: generate(10, seed=None),  # type: ignore[arg-type]
        ArgumentTypeError,
        "argument_not_whole",
        "seed must be a whole number, not None",
        "seed harus bilangan bulat, bukan None",
    ),
    "month 0": (
        lambda: generate(10, months=0),
        ArgumentError,
        "argument_range",
        "months must be from 1 to 12, not 0",
        "months harus antara 1 sampai 12, bukan 0",
    ),
    "month 13": (
        lambda: generate(10, months=13),
        ArgumentError,
        "argument_range",
        "months must be from 1 to 12, not 13",
        "months harus antara 1 sampai 12, bukan 13",
    ),
    "a year as text": (
        lambda: generate(10, year="2025"),  # type: ignore[arg-type]
        ArgumentTypeError,
        "argument_not_whole",
        "year must be a whole number, not '2025'",
        "year harus bilangan bulat, bukan '2025'",
    ),
    "an unknown option": (
        lambda: generate(10, sed=1),  # type: ignore[call-arg]
        ArgumentTypeError,
        "unknown_argument",
        "generate() has no argument 'sed'; its arguments: n_employees, seed, year, months",
        "generate() tidak memiliki argumen 'sed'; argumennya: n_employees, seed, year, months",
    ),
    "the seed by position": (
        lambda: generate(10, 1),  # type: ignore[misc]
        ArgumentTypeError,
        "too_many_positional",
        "generate() takes at most 1 argument(s) by position, not 2: give the others by name "
        "(seed=..., year=..., months=..., promotions=...)",
        "generate() menerima paling banyak 1 argumen menurut posisi, bukan 2",
    ),
    "the count twice": (
        lambda: generate(10, n_employees=5),  # type: ignore[misc]
        ArgumentTypeError,
        "argument_given_twice",
        "generate() got 'n_employees' twice, by position and by name",
        "generate() menerima 'n_employees' dua kali",
    ),
}


class TestArguments:
    """Bad arguments are refused before a row is drawn, as tukin's ArgumentErrors: a code,
    the argument named, what it must be, in the language in force; and the builtin Python
    raised before (TypeError for the wrong kind or an unknown keyword, ValueError for a
    value out of range)."""

    @pytest.mark.parametrize("lang", ["id", "en"])
    @pytest.mark.parametrize("case", list(BAD_CALLS))
    def test_bad_arguments_refused(self, case: str, lang: str) -> None:
        call, error, code, en, id_ = BAD_CALLS[case]
        with tukin.language(lang), pytest.raises(TukinError) as info:
            call()
        err = info.value
        assert type(err) is error and err.code == code
        assert isinstance(err, TypeError if error is ArgumentTypeError else ValueError)
        assert str(err) == err.message(lang) and (en if lang == "en" else id_) in str(err)
        assert en in err.message("en") and id_ in err.message("id")
        assert_in_language(err.message("en"), "en")
        assert_in_language(err.message("id"), "id")
        assert err.to_dict(lang)["message"] == str(err)

    def test_the_signature_is_kept(self) -> None:
        """Checking the call keeps what help() and a type checker read off generate()."""
        params = inspect.signature(generate).parameters
        assert list(params) == ["n_employees", "seed", "year", "months", "promotions"]
        assert generate.__doc__ and "Kabupaten Contoh" in generate.__doc__

    def test_numpy_integers_are_counts(self) -> None:
        """A count computed with numpy is a whole number too, and gives the same tables."""
        a, b = generate(np.int64(20), seed=np.int64(3)), generate(20, seed=3)  # type: ignore[arg-type]
        assert all(a[name].equals(b[name]) for name in a)


def test_hundred_thousand_employees() -> None:
    """A large demo (several regencies' worth of OPDs) still builds with unique keys."""
    tables = generate(100_000, months=1)
    assert len(tables["employees"]) == 100_000
    assert len(tables["attendance"]) == 100_000
    assert tables["employees"]["nip"].is_unique
    assert tables["units"]["unit_id"].is_unique
    assert tables["work_items"]["work_item_id"].is_unique
    opds = tables["units"]["parent_id"].isna().sum()
    assert opds > 200
    assert tables["units"]["unit_id"].str.startswith("R07.").any()


def test_demo_passes_strict_validation() -> None:
    """The Dataset validator accepts the demo in strict mode, NIP patterns included."""
    from tukin.dataset import Dataset

    tables = generate(50, seed=5, months=3)
    dataset = Dataset.from_frames(**tables, mode="strict", nip_check="strict")
    assert len(dataset["employees"]) == 50
