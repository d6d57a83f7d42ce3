"""A month acted in parts of one assignment is judged as one month (review 124).

``part_month: whole`` counts a month acted in part as a full one, ``none`` only a month
acted whole, ``month_min_days`` only a month acted at least that many days: each is a test
of the days the official *acted in the month*. An assignment is paid in pieces where the
official's own post changes within it (the relation, so the grant, follows the own post of
each day: review 121) or where it was typed in consecutive rows (review 94); those pieces
were each judged as if they were the month's only days, so a Plt acting the whole of
February, promoted on the 15th, was paid two months for it under ``whole`` and nothing under
``none`` or ``month_min_days: 20``. The month's test now takes all the assignment's days in
it, and each piece is paid the month's part in proportion to its days."""

from __future__ import annotations

import warnings
from fractions import Fraction
from typing import Any

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_acting_history import NIP, tables
from tukin import calculate, load_ruleset
from tukin.dataset import Dataset

#: kelas -> class amount (SYNTHETIC), as test_acting_history's
RULES = """
name: acting-parts
period_kinds: [month, quarter]
position_history: {{sum_at: for_days}}
parameters:
  base: {{unit: rupiah, reference: SYNTHETIC, value: {{7: 3000000, 9: 4500000, 11: 6000000, 14: 9000000}}}}
steps:
  - {{id: base, type: lookup, key: grade, table: $base, unit: rupiah}}
  - {{id: days_f, type: pro_rata}}
  - {{id: for_days, type: formula, expr: base * days_f}}
  - id: plt
    type: acting_supplement
    table: $base
    plt: {{higher: {grant}}}
    {settings}
  - {{id: total, type: sum, inputs: [for_days, plt]}}
  - {{id: pay, type: round, input: total, mode: half_up}}
"""

#: 20 % of the acting post's class amount (KADIS, kelas 14: Rp9,000,000): Rp1,800,000 a
#: month, whatever the own post
SHARE = "{share: 20%}"
#: the difference up to the acting post's class amount: Rp4,500,000 a month from KASI (kelas
#: 9), Rp3,000,000 from KABID2 (kelas 11)
TOP_UP = "{top_up: true}"


def supplement(ds: Dataset, grant: str, settings: str, period: str = "2026-02") -> Fraction:
    """Eka's supplement (exact); the reference evaluator pays the same."""
    rs = load_ruleset(RULES.format(grant=grant, settings=settings))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fast = calculate(ds, rs, period)
        slow = calculate(ds, rs, period, reference=True)
    pay = [r.to_frame().set_index("nip")["pay"].to_dict() for r in (fast, slow)]
    assert pay[0] == pay[1]
    steps = fast.explain(NIP[1]).to_dict()["steps"]
    return Fraction(next(s for s in steps if s["id"] == "plt")["exact"])


def promoted(start: str) -> Dataset:
    """Eka, kepala seksi (kelas 9) to 14 February 2026, kepala bidang (kelas 11) from the
    15th, is Plt kepala dinas (kelas 14) from ``start`` to 31 March."""
    return Dataset.from_frames(**tables("KADIS", start, "2026-03-31"))


# By hand, February 2026 (28 days): Eka acts 28 days from the 1st (14 as kelas 9, 14 as
# kelas 11), 19 from the 10th (5 and 14). Whole, none, month_min_days: the month counts
# when the 28 (or 19) days pass its test, and each own post's days take their share of it.
CASES = [
    # the whole month acted: one month's supplement under every mode
    ("2026-02-01", SHARE, "part_month: prorate", Fraction(1_800_000)),
    ("2026-02-01", SHARE, "part_month: whole", Fraction(1_800_000)),  # was 2 months
    ("2026-02-01", SHARE, "part_month: none", Fraction(1_800_000)),  # was nothing
    ("2026-02-01", SHARE, "month_min_days: 20", Fraction(1_800_000)),  # was nothing
    # the grant differs per own post: each post's days weigh its own
    ("2026-02-01", TOP_UP, "part_month: whole", Fraction(4_500_000 + 3_000_000, 2)),
    ("2026-02-01", TOP_UP, "part_month: none", Fraction(4_500_000 + 3_000_000, 2)),
    # 19 days from the 10th: a whole month (5/19 and 14/19), not a whole one, 19 < 20
    ("2026-02-10", TOP_UP, "part_month: whole", Fraction(5 * 4_500_000 + 14 * 3_000_000, 19)),
    ("2026-02-10", SHARE, "part_month: none", Fraction(0)),
    ("2026-02-10", SHARE, "month_min_days: 20", Fraction(0)),
    ("2026-02-10", SHARE, "month_min_days: 19", Fraction(1_800_000 * 19, 28)),
]


@pytest.mark.parametrize(("start", "grant", "settings", "february"), CASES)
def test_a_month_acted_across_a_promotion_is_judged_as_one(
    start: str, grant: str, settings: str, february: Fraction
) -> None:
    ds = promoted(start)
    assert not [p.code for p in ds.report.problems if p.table == "acting"]
    assert supplement(ds, grant, settings) == february


@pytest.mark.parametrize(
    "settings",
    ["part_month: prorate", "part_month: whole", "part_month: none", "month_min_days: 20"],
)
def test_a_month_acted_in_consecutive_rows_is_judged_as_one(settings: str) -> None:
    """An assignment typed in two rows within March (1 to 14, extended from the 15th: one
    assignment for the terms, review 94), Eka's post unchanged (KABID2, kelas 11): one
    month's supplement, Rp1,800,000, under every mode (was two under ``whole``, nothing
    under ``none`` and ``month_min_days: 20``)."""
    frames = tables("KADIS", "2026-03-01", "2026-03-14")
    frames["acting"] = pd.concat(
        [frames["acting"], frames["acting"].assign(start_date="2026-03-15", end_date="2026-04-30")],
        ignore_index=True,
    )
    ds = Dataset.from_frames(**frames)
    assert not ds.report.problems
    assert supplement(ds, SHARE, settings, "2026-03") == Fraction(1_800_000)


def test_two_assignments_in_one_month_are_judged_apart() -> None:
    """Two assignments (two posts acted in, one after the other) are each judged on their
    own days, a policy (docs/acting.md): the regulations' "at least N days a month" speaks of
    one assignment. Eka, Plt kepala dinas 1 to 14 March then Plt of the vacant seksi 2 from
    the 15th: under ``whole`` each counts a month (KADIS: Rp1,800,000; KASI2, kelas 9, lower
    than her kelas 11: no grant)."""
    frames = tables("KADIS", "2026-03-01", "2026-03-14")
    frames["acting"] = pd.concat(
        [
            frames["acting"],
            frames["acting"].assign(
                position_id="KASI2", start_date="2026-03-15", end_date="2026-04-30"
            ),
        ],
        ignore_index=True,
    )
    ds = Dataset.from_frames(**frames)
    assert not ds.report.problems
    rules = "part_month: whole"
    assert supplement(ds, SHARE, rules, "2026-03") == Fraction(1_800_000)
    assert supplement(ds, SHARE, "part_month: none", "2026-03") == 0


def test_the_explanation_shows_the_month_and_each_parts_share() -> None:
    """19 days of 28 from the 10th under ``whole``: the month counts (19/28 → 1), the 5 days
    as kelas 9 take 5/19 of it, the 14 as kelas 11 take 14/19."""
    rs = load_ruleset(RULES.format(grant=TOP_UP, settings="part_month: whole"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = calculate(promoted("2026-02-10"), rs, "2026-02")
    steps = result.explain(NIP[1]).to_dict()["steps"]
    note = next(s for s in steps if s["id"] == "plt")["notes"]["acting"]
    assert "× 5/19 (19/28 → 1 × 5/19 hari)" in note
    assert "× 14/19 (19/28 → 1 × 14/19 hari)" in note


def _gap_in_march() -> Dataset:
    """Eka (KABID2, kelas 11) Plt kepala dinas 1 to 10 March 2026, then again from the 20th
    to 30 April: one post, two assignments (a gap of nine days), 10 + 12 days of March."""
    frames = tables("KADIS", "2026-03-01", "2026-03-10")
    frames["acting"] = pd.concat(
        [frames["acting"], frames["acting"].assign(start_date="2026-03-20", end_date="2026-04-30")],
        ignore_index=True,
    )
    return Dataset.from_frames(**frames)


@pytest.mark.parametrize(
    ("settings", "march"),
    [
        # both count March whole: one month's Rp1,800,000, 10/22 and 12/22 of it (was two)
        ("part_month: whole", Fraction(1_800_000)),
        ("{part_month: whole, month_min_days: 10}", Fraction(1_800_000)),
        # the first is shorter than 11 days: only the second counts March, all of it
        ("{part_month: whole, min_days: 11}", Fraction(1_800_000)),
        # 10 days fail the month's test of 11, 12 pass it: the second counts March alone
        ("{part_month: whole, month_min_days: 11}", Fraction(1_800_000)),
        # neither reaches 13 days (judged apart, not 22 together): nothing
        ("{part_month: whole, month_min_days: 13}", Fraction(0)),
        # by days: 22/31 of a month, as before
        ("part_month: prorate", Fraction(1_800_000 * 22, 31)),
    ],
)
def test_one_post_acted_twice_in_a_month_is_one_months_supplement(
    settings: str, march: Fraction
) -> None:
    """Review 131: two assignments of one post in one month (a gap between two surat
    perintah) were each counted a whole month under ``whole``: Rp3,600,000 for March, twice
    what the post's whole month pays. Each is still judged on its own days (terms,
    ``month_min_days``: docs/acting.md), and a month counted by several shares the one
    month by their days."""
    ds = _gap_in_march()
    assert not [p.code for p in ds.report.problems if p.table == "acting"]
    settings = settings.strip("{}").replace(", ", "\n    ")
    assert supplement(ds, SHARE, settings, "2026-03") == march


def test_the_explanation_shows_the_share_of_a_month_acted_twice() -> None:
    rs = load_ruleset(RULES.format(grant=SHARE, settings="part_month: whole"))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = calculate(_gap_in_march(), rs, "2026-03")
    note = result.explain(NIP[1], lang="en").to_dict()["steps"]
    text = next(s for s in note if s["id"] == "plt")["notes"]["acting"]
    assert "10/31 → 1 × 10/22" in text and "12/31 → 1 × 12/22" in text


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    first=st.integers(1, 29),
    length=st.integers(1, 15),
    gap=st.integers(0, 10),
    second_end=st.one_of(st.none(), st.integers(0, 20)),
)
def test_whole_pays_one_month_for_a_post_however_its_days_fall(
    first: int, length: int, gap: int, second_end: int | None
) -> None:
    """Property (review 131): under ``part_month: whole`` without minimums, any days acted in
    KADIS in March 2026, in one row or two (consecutive or with a gap), are one month's
    supplement, Rp1,800,000: never two."""
    end1 = min(first + length - 1, 31)
    frames = tables("KADIS", f"2026-03-{first:02d}", f"2026-03-{end1:02d}")
    start2 = end1 + 1 + gap
    if start2 <= 31:
        end2 = None if second_end is None else min(start2 + second_end, 31)
        extra = frames["acting"].assign(
            start_date=f"2026-03-{start2:02d}",
            end_date=None if end2 is None else f"2026-03-{end2:02d}",
        )
        frames["acting"] = pd.concat([frames["acting"], extra], ignore_index=True)
    ds = Dataset.from_frames(**frames)
    assert supplement(ds, SHARE, "part_month: whole", "2026-03") == Fraction(1_800_000)


# Review 136: a Plh followed by a Plt of the same post (the holder away, then gone for
# good: sick leave, then death). The two kinds are two assignments (two surat perintah,
# terms counted from each: docs/acting.md), judged apart; but a month counted whole is one
# month of the post whatever the kinds. Before, a Plh paid as a Plt (Pergub NTB 13/2022)
# acting 1-14 March then Plt from the 15th was paid two months for March under ``whole``.
KINDS = RULES.replace(
    "    plt: {{higher: {grant}}}\n", "    plt: {{higher: {grant}}}\n    plh: {plh}\n"
)


def _plh_then_plt() -> Dataset:
    """Budi, kepala dinas (KADIS, kelas 14, Rp9,000,000), away from 1 March and dead on
    the 14th (employees end_date); Eka (KABID2, kelas 11) his Plh 1 to 14 March, his Plt
    from the 15th to 30 April."""
    frames = tables("KADIS", "2026-03-01", "2026-03-14")
    frames["acting"] = pd.concat(
        [
            frames["acting"].assign(kind="plh"),
            frames["acting"].assign(start_date="2026-03-15", end_date="2026-04-30"),
        ],
        ignore_index=True,
    )
    frames["employees"] = pd.concat(
        [
            frames["employees"],
            pd.DataFrame(
                {
                    "nip": [NIP[2]],
                    "name": ["Budi"],
                    "position_id": ["KADIS"],
                    "status": ["pns"],
                    "start_date": ["2020-01-01"],
                    "end_date": ["2026-03-14"],
                }
            ),
        ],
        ignore_index=True,
    )
    return Dataset.from_frames(**frames)


@pytest.mark.parametrize(
    ("plh", "settings", "march"),
    [
        # a Plh paid as a Plt: one month, 14/31 of it as Plh, 17/31 as Plt (was two)
        ("{higher: {share: 20%}}", "part_month: whole", Fraction(1_800_000)),
        # a Plh paid less (10 %): March is the Plt's, paid more a month, whole (review 144:
        # shared by days, Rp1,393,548, less than the Plt alone is paid)
        ("{higher: {share: 10%}}", "part_month: whole", Fraction(1_800_000)),
        # a Plh paid more (30 %, Rp2,700,000 a month): March is the Plh's whole
        ("{higher: {share: 30%}}", "part_month: whole", Fraction(2_700_000)),
        # by days, each kind at its grant, as before
        (
            "{higher: {share: 10%}}",
            "part_month: prorate",
            Fraction(14 * 900_000 + 17 * 1_800_000, 31),
        ),
        # a Plh paid nothing takes no share: the Plt counts March whole alone, as it would
        # without the Plh row
        ("{}", "part_month: whole", Fraction(1_800_000)),
        # by days, as before
        ("{higher: {share: 20%}}", "part_month: prorate", Fraction(1_800_000)),
        # judged apart: neither acted March whole
        ("{higher: {share: 20%}}", "part_month: none", Fraction(0)),
    ],
)
def test_a_plh_then_a_plt_of_one_post_share_the_month(
    plh: str, settings: str, march: Fraction
) -> None:
    ds = _plh_then_plt()
    assert not [p.code for p in ds.report.problems if p.table == "acting"]
    rs = load_ruleset(KINDS.format(grant=SHARE, settings=settings, plh=plh))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fast = calculate(ds, rs, "2026-03")
        slow = calculate(ds, rs, "2026-03", reference=True)
    pay = [r.to_frame().set_index("nip")["pay"].to_dict() for r in (fast, slow)]
    assert pay[0] == pay[1]
    steps = fast.explain(NIP[1]).to_dict()["steps"]
    assert Fraction(next(s for s in steps if s["id"] == "plt")["exact"]) == march


@pytest.mark.parametrize(
    ("settings", "february"),
    [
        # the 14 days as kelas 9 (a post of her kelas: 20 % of Rp4,500,000) count February
        # whole alone; the 14 as kelas 11 (a lower post: no grant) take no share (was 14/28)
        ("part_month: whole", Fraction(900_000)),
        ("part_month: none", Fraction(900_000)),
        # by days, as before
        ("part_month: prorate", Fraction(900_000 * 14, 28)),
    ],
)
def test_days_paid_nothing_take_no_share_of_a_month(settings: str, february: Fraction) -> None:
    """Review 136: Eka, Plt of seksi 2 (KASI2, kelas 9) all February, promoted from kelas 9
    to 11 on the 15th: the days in a lower post are paid nothing, and acting them no longer
    lowers what the days before them are paid under ``whole`` / ``none`` (the month is one
    month's supplement of the days paid, as without the later days)."""
    ds = Dataset.from_frames(**tables("KASI2", "2026-02-01", "2026-02-28"))
    assert not [p.code for p in ds.report.problems if p.table == "acting"]
    assert supplement(ds, "{share: 20%}, same: {share: 20%}", settings) == february


def _plh_plt_march(plh: str, rows: str = "both", period: str = "2026-03") -> Any:
    """Eka's result for ``_plh_then_plt`` under ``whole`` with the Plh paid ``plh``; rows:
    both, or the Plt row alone."""
    ds = _plh_then_plt()
    if rows == "plt":
        frames = {name: ds[name] for name in ("units", "positions", "employees", "acting")}
        frames["position_history"] = ds["position_history"]
        frames["acting"] = frames["acting"][frames["acting"]["kind"] == "plt"]
        ds = Dataset.from_frames(**frames)
    rs = load_ruleset(KINDS.format(grant=SHARE, settings="part_month: whole", plh=plh))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return calculate(ds, rs, period)


def _exact(result: Any) -> Fraction:
    steps = result.explain(NIP[1]).to_dict()["steps"]
    return Fraction(next(s for s in steps if s["id"] == "plt")["exact"])


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(percent=st.integers(0, 40))
def test_recording_another_assignment_of_the_post_never_lowers_the_month(percent: int) -> None:
    """Property (review 144): under ``whole``, the Plh row 1 to 14 March (paid ``percent``
    of the post's Rp9,000,000) next to the Plt row from the 15th (20 %) gives March the
    better of the two months, never less than the Plt row alone (Rp1,800,000) and never
    two months. Before, a Plh paid 1 % left the Plt Rp1,027,742, one paid 0 % Rp1,800,000."""
    both = _exact(_plh_plt_march(f"{{higher: {{share: {percent}%}}}}"))
    assert both == max(Fraction(1_800_000), Fraction(9_000_000 * percent, 100))
    assert _exact(_plh_plt_march("{}", rows="plt")) == Fraction(1_800_000)


def test_the_explanation_says_which_assignment_took_the_month() -> None:
    """The Plh paid 10 % takes none of March, and says which assignment's month it is."""
    result = _plh_plt_march("{higher: {share: 10%}}")
    en = next(s for s in result.explain(NIP[1], lang="en").to_dict()["steps"] if s["id"] == "plt")
    id_ = next(s for s in result.explain(NIP[1], lang="id").to_dict()["steps"] if s["id"] == "plt")
    assert (
        "× 0 (14/31 → 0 days; 2026-03 paid as the Plt from 2026-03-15, paid more a month)"
        in en["notes"]["acting"]
    )
    assert (
        "2026-03 dibayar sebagai Plt sejak 2026-03-15, yang sebulannya lebih besar"
        in (id_["notes"]["acting"])
    )
    assert "× 1 (17/31 → 1 days)" in en["notes"]["acting"]
