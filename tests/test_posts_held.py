"""The posts an acting official held, with their days (review 124): one frame on a Dataset
(:func:`tukin._tenure.posts_held`) read by pay, monitoring and the cut at an appointment,
and the raw-cell reading of validation. Where they differ they differ on purpose; these
tests pin each difference."""

from __future__ import annotations

import warnings
from fractions import Fraction

import pandas as pd

from tests.test_acting_history import NIP, RULES, tables
from tukin import calculate, load_ruleset
from tukin._tenure import posts_held
from tukin.dataset import Dataset
from tukin.hierarchy import Hierarchy


def test_the_frame_has_the_employees_rows_then_the_history_rows() -> None:
    ds = Dataset.from_frames(**tables("KADIS", "2026-01-01", "2026-01-31"))
    held = posts_held(ds, pd.Index([NIP[1]]))
    assert list(held.columns) == ["nip", "position_id", "start", "end", "kelas", "current"]
    assert held[["position_id", "kelas", "current"]].values.tolist() == [
        ["KABID2", 11.0, True],
        ["KASI", 9.0, False],
    ]
    assert held["start"].dt.strftime("%Y-%m-%d").tolist() == ["2026-02-15", "2020-01-01"]
    assert held["end"].isna().tolist() == [True, False]
    assert posts_held(ds, pd.Index(["nobody"])).empty


def test_an_employees_row_without_a_start_date_holds_since_ever() -> None:
    """Eka without a start_date nor earlier posts: pay, monitoring and validation all take
    her KABID2 post as held since ever, so a Plt of KADIS from 1 January 2026 is paid and
    named from its first day (no cut to a service start), and a Plt of KABID2 itself is her
    own post from its first day (refused, not cut at an appointment)."""
    frames = tables("KADIS", "2026-01-01", "2026-01-31")
    del frames["position_history"]
    frames["employees"] = frames["employees"].drop(columns="start_date")
    ds = Dataset.from_frames(**frames)
    assert not [p.code for p in ds.report.problems if p.table == "acting"]
    held = posts_held(ds, pd.Index([NIP[1]]))
    assert held["start"].isna().all()
    rs = load_ruleset(RULES)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = calculate(ds, rs, "2026-01")
    steps = result.explain(NIP[1]).to_dict()["steps"]
    # KADIS (kelas 14) higher than KABID2 (kelas 11): 20 % of Rp9,000,000, all of January
    assert Fraction(next(s for s in steps if s["id"] == "plt")["exact"]) == 1_800_000
    positions = Hierarchy.from_dataset(ds).in_period("2026-01").positions
    assert positions.set_index("position_id").loc["KADIS", "holder"] == "Eka (Plt)"
    frames["acting"] = frames["acting"].assign(position_id="KABID2")
    own = Dataset.from_frames(**frames)
    assert [p.code for p in own.report.problems if p.table == "acting"] == ["acting_own_position"]


def test_a_history_row_without_its_end_holds_no_day_for_validation() -> None:
    """Validation reads raw cells: a history row without its end date (refused itself,
    ``history_end_missing``) holds no day, so an acting row in its post is judged by the
    other posts (not its own); the Dataset then has no such row, and pay and monitoring
    never see it."""
    frames = tables("KASI", "2026-01-05", "2026-01-20")
    frames["position_history"] = frames["position_history"].assign(end_date=[None])
    ds = Dataset.from_frames(**frames)
    codes = {(p.table, p.code) for p in ds.report.problems}
    assert ("acting", "acting_own_position") not in codes
    assert ("position_history", "history_end_missing") in codes
    assert ds["position_history"].empty
