"""The demo regency with changes of position (``generate(..., promotions=N)``, review 113):
off by default (the demo's and the benchmarks' figures stay), valid against the data checks
when on, and paid and explained per position."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tukin.dataset import Dataset
from tukin.demo import generate
from tukin.errors import ArgumentError

N = 400


@pytest.fixture(scope="module")
def tables() -> dict[str, pd.DataFrame]:
    return generate(N, seed=11, promotions=10)


class TestPromotions:
    def test_off_by_default_the_tables_are_as_before(self) -> None:
        """promotions=0 is the default: no history row, and the same tables."""
        plain = generate(60, seed=3)
        assert plain["position_history"].empty
        same = generate(60, seed=3, promotions=0)
        for name, frame in plain.items():
            pd.testing.assert_frame_equal(frame, same[name])

    def test_the_share_asked_and_nothing_else_moves(self, tables) -> None:  # type: ignore[no-untyped-def]
        """10 % of the employees get one history row each; every other table is the
        default's, the employees table too but for those employees' TMT."""
        hist = tables["position_history"]
        assert len(hist) == round(N * 0.10) and hist["nip"].is_unique
        plain = generate(N, seed=11)
        for name in plain:
            if name not in ("employees", "position_history"):
                pd.testing.assert_frame_equal(plain[name], tables[name])
        emp, before = tables["employees"], plain["employees"]
        moved = emp["nip"].isin(hist["nip"]).to_numpy()
        pd.testing.assert_frame_equal(emp[~moved], before[~moved])
        pd.testing.assert_frame_equal(
            emp[moved].drop(columns="start_date"), before[moved].drop(columns="start_date")
        )
        assert before.loc[moved, "start_date"].isna().all()

    def test_each_row_ends_the_day_before_the_new_tmt(self, tables) -> None:  # type: ignore[no-untyped-def]
        """A promotion from a lower post of the same OPD (pns), or a CPNS -> PNS change in
        the same post; the new TMT within the year, after 1 January."""
        hist = tables["position_history"].set_index("nip")
        emp = tables["employees"].set_index("nip").loc[hist.index]
        assert (hist["end_date"] + pd.Timedelta(days=1) == emp["start_date"]).all()
        assert (emp["start_date"] > pd.Timestamp("2025-01-01")).all()
        assert (emp["start_date"] <= pd.Timestamp("2025-12-31")).all()
        assert (emp["status"] == "pns").all()
        pos = tables["positions"].set_index("position_id")
        units = tables["units"].set_index("unit_id")
        same = hist["position_id"] == emp["position_id"]
        assert (hist.loc[same, "status"] == "cpns").all()
        assert (hist.loc[~same, "status"] == "pns").all() and (~same).any() and same.any()
        old, new = pos.loc[hist.loc[~same, "position_id"]], pos.loc[emp.loc[~same, "position_id"]]
        assert (old["grade"].to_numpy() < new["grade"].to_numpy()).all()
        assert old["kind"].isin(["pelaksana", "fungsional"]).all()
        opd = units["parent_id"]  # the demo's units sit under their OPD's unit, or are it

        def top(unit: str) -> str:
            while isinstance(opd.get(unit), str):
                unit = opd[unit]
            return unit

        assert [top(u) for u in old["unit_id"]] == [top(u) for u in new["unit_id"]]

    def test_valid_paid_and_explained_per_position(self, tables) -> None:  # type: ignore[no-untyped-def]
        """No data problem; an employee who changed position in October is explained with
        both positions under the packaged pack."""
        from tukin.calc.engine import calculate
        from tukin.ruleset.load import load_ruleset

        ds = Dataset.from_frames(tables)
        assert not ds.report.problems
        hist = tables["position_history"]
        october = hist[(hist["end_date"] >= "2025-10-01") & (hist["end_date"] < "2025-10-31")]
        assert len(october)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = calculate(ds, load_ruleset("tpp-60-40"), "2025-10")
        for nip in october["nip"]:
            assert len(result.explain(str(nip), lang="en").positions) == 2

    def test_a_share_out_of_range_is_refused(self) -> None:
        with pytest.raises(ArgumentError, match="promotions"):
            generate(10, promotions=101)


@settings(max_examples=12, deadline=None)
@given(
    n=st.integers(4, 160),
    seed=st.integers(0, 2**32 - 1),
    percent=st.integers(0, 100),
    months=st.integers(1, 12),
    year=st.sampled_from([2024, 2025, 2028]),
)
def test_any_share_of_promotions_passes_the_data_checks(
    n: int, seed: int, percent: int, months: int, year: int
) -> None:
    """Whatever the size, seed, share and months, the history rows pass validation and each
    new TMT falls within the months asked (review 119 ran 60 such cases up to 800
    employees, and 20,000 and 33,000 once each)."""
    tables = generate(n, seed=seed, promotions=percent, months=months, year=year)
    assert not Dataset.from_frames(tables).report.problems
    hist = tables["position_history"]
    assert len(hist) <= round(n * percent / 100)
    tmt = tables["employees"].set_index("nip").loc[hist["nip"], "start_date"]
    assert (tmt > pd.Timestamp(f"{year}-01-01")).all()
    assert (tmt <= pd.Timestamp(f"{year}-{months:02d}-01") + pd.offsets.MonthEnd(0)).all()
