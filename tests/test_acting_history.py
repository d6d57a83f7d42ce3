"""A Plt / Plh assignment before the employee's appointment to the post in the employees row
(review 121): ``position_history`` says what they held on the acting days. Validation judges
"own post" and "in service" by the position held on each day, ``acting_supplement`` the
relation of the kelas by the own post of those days, and monitoring names the acting holder
for them. A kepala seksi who was Plt kepala bidang from the 1st and is appointed kepala
bidang on the 15th is the common case (review 119 found the row refused)."""

from __future__ import annotations

import warnings
from fractions import Fraction

import pandas as pd
import pytest

from tests import strategies as ts
from tukin import calculate, load_ruleset
from tukin.dataset import Dataset
from tukin.hierarchy import Hierarchy

NIP = ts.nips(4)

#: kelas -> class amount (SYNTHETIC); the common grants: a higher post 20 % of it, the same
#: class the higher + 20 % of the other (here: 20 % of the one), a lower post nothing
RULES = """
name: acting-history
period_kinds: [month, quarter]
position_history: {sum_at: for_days}
parameters:
  base: {unit: rupiah, reference: SYNTHETIC, value: {7: 3000000, 9: 4500000, 11: 6000000, 14: 9000000}}
steps:
  - {id: base, type: lookup, key: grade, table: $base, unit: rupiah}
  - {id: days_f, type: pro_rata}
  - {id: for_days, type: formula, expr: base * days_f}
  - id: plt
    type: acting_supplement
    table: $base
    plt: {higher: {share: 20%}, same: {share: 20%, of: lower, top_up: true}}
    min_months: 1
  - {id: total, type: sum, inputs: [for_days, plt]}
  - {id: pay, type: round, input: total, mode: half_up}
"""


def tables(post: str, start: str, end: str | None) -> dict[str, pd.DataFrame]:
    """Kepala seksi Eka (KASI, kelas 9, history row to 14 February 2026) is appointed kepala
    bidang (KABID2, kelas 11, employees row) on 15 February; she acts in ``post`` from
    ``start`` to ``end`` as Plt; Ani takes her seksi the same day. KADIS, KASI2 (kelas 9) and
    KABID2 (until the 15th) are vacant."""
    return {
        "units": pd.DataFrame(
            {"unit_id": ["A", "A1"], "name": ["Dinas A", "Bidang 1"], "parent_id": [None, "A"]}
        ),
        "positions": pd.DataFrame(
            {
                "position_id": ["KADIS", "KABID2", "KASI", "KASI2"],
                "name": ["Kepala Dinas", "Kepala Bidang 2", "Kepala Seksi", "Kepala Seksi 2"],
                "unit_id": ["A", "A1", "A1", "A1"],
                "kind": ["jpt", "administrator", "pengawas", "pengawas"],
                "grade": [14, 11, 9, 9],
                "superior_id": [None, "KADIS", "KABID2", "KABID2"],
            }
        ),
        "employees": pd.DataFrame(
            {
                "nip": NIP[:2],
                "name": ["Ani", "Eka"],
                "position_id": ["KASI", "KABID2"],
                "status": ["pns", "pns"],
                "start_date": ["2026-02-15", "2026-02-15"],
            }
        ),
        "position_history": pd.DataFrame(
            {
                "nip": [NIP[1]],
                "position_id": ["KASI"],
                "status": ["pns"],
                "start_date": ["2020-01-01"],
                "end_date": ["2026-02-14"],
            }
        ),
        "acting": pd.DataFrame(
            {
                "nip": [NIP[1]],
                "position_id": [post],
                "kind": ["plt"],
                "start_date": [start],
                "end_date": [end],
            }
        ),
    }


def supplement(ds: Dataset, period: str) -> Fraction:
    """The acting supplement of Eka (exact, from the explanation); the fast path and the
    reference evaluator pay her the same."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fast = calculate(ds, load_ruleset(RULES), period)
        slow = calculate(ds, load_ruleset(RULES), period, reference=True)
    for result in (fast, slow):  # Ani, from 15 February, is not paid for January
        assert NIP[1] not in set(result.rejected["nip"].astype(str))
    pay = [r.to_frame().set_index("nip")["pay"].to_dict() for r in (fast, slow)]
    assert pay[0] == pay[1]
    steps = fast.explain(NIP[1]).to_dict()["steps"]
    return Fraction(next(s for s in steps if s["id"] == "plt")["exact"])


# By hand: KABID2 (kelas 11) is higher than KASI (kelas 9), the post held on the acting days:
# 20 % of Rp6,000,000 = Rp1,200,000 a month; February 2026 has 28 days, 14 acted. KASI2 has
# KASI's kelas: the same, 20 % of Rp4,500,000 = Rp900,000 a month (judged against KABID2,
# the employees row's post, it would be lower: nothing).
CASES = [
    ("KABID2", "2026-01-01", "2026-02-14", Fraction(1_200_000), Fraction(1_200_000 * 14, 28)),
    ("KASI2", "2026-01-01", "2026-02-14", Fraction(900_000), Fraction(900_000 * 14, 28)),
    # on past the appointment: the days as kelas 11 are a lower post, paid nothing
    ("KASI2", "2026-01-01", "2026-03-31", Fraction(900_000), Fraction(900_000 * 14, 28)),
    # after the appointment, in a period with the earlier post's days too: KADIS (kelas 14)
    # is higher than KABID2: 20 % of Rp9,000,000 for 14 of 28 days (the employee's two
    # rows of the period raised InvalidIndexError)
    ("KADIS", "2026-02-15", "2026-03-31", Fraction(0), Fraction(1_800_000 * 14, 28)),
]


@pytest.mark.parametrize(("post", "start", "end", "january", "february"), CASES)
def test_an_assignment_before_the_appointment_is_kept_and_paid(
    post: str, start: str, end: str, january: Fraction, february: Fraction
) -> None:
    ds = Dataset.from_frames(**tables(post, start, end))
    assert not [p.code for p in ds.report.problems if p.table == "acting"]
    assert supplement(ds, "2026-01") == january
    assert supplement(ds, "2026-02") == february


def test_monitoring_names_the_acting_official_for_the_days_before() -> None:
    ds = Dataset.from_frames(**tables("KABID2", "2026-01-01", "2026-02-14"))
    held = Hierarchy.from_dataset(ds).in_period("2026-01").positions.set_index("position_id")
    assert held.loc["KABID2", "holder"] == "Eka (Plt)"


@pytest.mark.parametrize(
    ("post", "start", "end"),
    [
        ("KASI", "2026-01-05", "2026-01-20"),  # the history row's post on its days
        # from the day after the appointment: her own (from the appointment day itself the
        # row acts no day, review 136: test_an_extension_from_the_appointment_day_...)
        ("KABID2", "2026-02-16", "2026-02-20"),
        ("KABID2", "2026-03-01", None),  # after it, open
    ],
)
def test_a_post_held_on_the_first_day_of_the_row_is_her_own(
    post: str, start: str, end: str | None
) -> None:
    ds = Dataset.from_frames(**tables(post, start, end))
    codes = [p.code for p in ds.report.problems if p.table == "acting"]
    assert codes == ["acting_own_position"]


# Review 124: a Plt row running into the appointment to the post acted in (an end date after
# it, or none) was refused whole (acting_own_position), and the days acted before it were
# unpaid. The appointment ends the assignment: the days before it are acting, from it on the
# post is her own.
@pytest.mark.parametrize(("start", "end"), [("2026-01-01", None), ("2026-01-01", "2026-03-20")])
def test_an_acting_running_into_the_appointment_is_cut_there(start: str, end: str | None) -> None:
    ds = Dataset.from_frames(**tables("KABID2", start, end))
    notes = [p for p in ds.report.problems if p.table == "acting"]
    assert [(p.code, p.row, p.column) for p in notes] == [
        ("acting_cut_at_appointment", 0, "end_date")
    ]
    assert ds.report.ok and len(ds["acting"]) == 1
    en, id_ = notes[0].message("en"), notes[0].message("id")
    assert "appointment to that post on 2026-02-15" in en and "to 2026-02-14" in en
    assert "tanggal 2026-02-15" in id_ and "s.d. 2026-02-14" in id_
    # by hand: KABID2 (kelas 11) is higher than KASI (kelas 9), held to 14 February: 20 % of
    # Rp6,000,000 a month; all of January, 14 of February's 28 days, nothing in March
    assert supplement(ds, "2026-01") == Fraction(1_200_000)
    assert supplement(ds, "2026-02") == Fraction(1_200_000 * 14, 28)
    assert supplement(ds, "2026-03") == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = calculate(ds, load_ruleset(RULES), "2026-02")
    said = next(s for s in result.explain(NIP[1]).to_dict()["steps"] if s["id"] == "plt")
    assert "2026-01-01..2026-02-14" in said["notes"]["acting"]
    assert "pengangkatan pada jabatan ini tanggal 2026-02-15" in said["notes"]["acting"]
    # monitoring: Plt before the appointment, the holder herself from it
    tree = Hierarchy.from_dataset(ds)
    holder = {
        p: tree.in_period(p).positions.set_index("position_id").loc["KABID2", "holder"]
        for p in ("2026-01", "2026-02", "2026-03")
    }
    assert holder == {
        "2026-01": "Eka (Plt)",
        "2026-02": "Eka (Plt) (2026-02-01–2026-02-14); Eka (2026-02-15–2026-02-28)",
        "2026-03": "Eka",
    }


def test_the_terms_of_a_cut_acting_are_judged_on_the_days_acted() -> None:
    """A Plt from 1 February with no end date, appointed on the 15th, acted 14 days: short of
    ``min_months: 1``, whatever the row's open end would have reached."""
    ds = Dataset.from_frames(**tables("KABID2", "2026-02-01", None))
    assert [p.code for p in ds.report.problems] == ["acting_cut_at_appointment"]
    assert supplement(ds, "2026-02") == 0


def test_without_the_earlier_post_the_cut_row_starts_before_the_service() -> None:
    """No position_history: the service begins with the employees row's TMT, the appointment
    itself. The row is still cut there (not refused), and said to start before the service
    with the hint that an earlier post explains it; no day of it is paid."""
    frames = tables("KABID2", "2026-02-01", None)
    del frames["position_history"]
    ds = Dataset.from_frames(**frames)
    codes = sorted(p.code for p in ds.report.problems if p.table == "acting")
    assert codes == ["acting_cut_at_appointment", "acting_outside_service"]
    assert ds.report.ok


def test_the_kind_of_a_cut_acting_is_judged_on_its_first_day() -> None:
    """KABID2 is vacant on 1 January: a Plh of it is noted (``plh_post_vacant``) though its
    official is appointed to it later, as for anyone else's row; a Plt is not."""
    frames = tables("KABID2", "2026-01-01", None)
    frames["acting"] = frames["acting"].assign(kind=["plh"])
    codes = sorted(p.code for p in Dataset.from_frames(**frames).report.problems)
    assert codes == ["acting_cut_at_appointment", "plh_post_vacant"]
    plt = Dataset.from_frames(**tables("KABID2", "2026-01-01", None))
    assert [p.code for p in plt.report.problems] == ["acting_cut_at_appointment"]


# Review 136: an extension row starting on the appointment day (Plt KABID2 1 January to 14
# February, extended from 15 February, the day Eka is appointed to it) was "her own post from
# its first day": refused, and Eka stopped (input_row_rejected) though the row owes nothing.
# By the rule of review 124 (the appointment ends the acting the day before) it acts no day:
# kept, noted, and Eka paid. A row of a post held already the day before stays refused.
def extension_frames(kind: str = "plt") -> dict[str, pd.DataFrame]:
    frames = tables("KABID2", "2026-01-01", "2026-02-14")
    frames["acting"] = pd.DataFrame(
        {
            "nip": [NIP[1], NIP[1]],
            "position_id": ["KABID2", "KABID2"],
            "kind": [kind, kind],
            "start_date": ["2026-01-01", "2026-02-15"],
            "end_date": ["2026-02-14", "2026-03-31"],
        }
    )
    return frames


@pytest.mark.parametrize("end", ["2026-03-31", None])
def test_an_extension_from_the_appointment_day_is_kept_and_acts_no_day(end: str | None) -> None:
    frames = extension_frames()
    frames["acting"].loc[1, "end_date"] = end
    ds = Dataset.from_frames(**frames)
    notes = [p for p in ds.report.problems if p.table == "acting"]
    assert [(p.code, p.row, p.column) for p in notes] == [
        ("acting_from_appointment", 1, "start_date")
    ]
    assert ds.report.ok and len(ds["acting"]) == 2
    en, id_ = notes[0].message("en"), notes[0].message("id")
    assert "2026-02-15" in en and "no day" in en
    assert "2026-02-15" in id_ and "tidak ada hari" in id_
    # by hand, as the single row to 14 February: 20 % of Rp6,000,000 a month, January
    # whole, 14 of February's 28 days; nothing in March; the first row is the assignment
    # (the row from the 15th acted no day: no "consecutive rows" in the explanation)
    assert supplement(ds, "2026-01") == Fraction(1_200_000)
    assert supplement(ds, "2026-02") == Fraction(1_200_000 * 14, 28)
    assert supplement(ds, "2026-03") == 0
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = calculate(ds, load_ruleset(RULES), "2026-02")
    said = next(s for s in result.explain(NIP[1]).to_dict()["steps"] if s["id"] == "plt")
    assert "consecutive" not in str(said["notes"]["acting"])
    tree = Hierarchy.from_dataset(ds)
    held = tree.in_period("2026-03").positions.set_index("position_id")
    assert held.loc["KABID2", "holder"] == "Eka"


def test_a_plh_from_the_appointment_day_is_not_judged_vacant() -> None:
    """The row acts no day: its kind is not judged (as a row wholly out of service)."""
    frames = extension_frames("plh")
    frames["acting"] = frames["acting"].iloc[[1]].reset_index(drop=True)
    ds = Dataset.from_frames(**frames)
    assert [p.code for p in ds.report.problems] == ["acting_from_appointment"]


@pytest.mark.parametrize("kind", ["plt", "plh"])
def test_the_explanation_says_a_row_from_the_appointment_day_acts_no_day(kind: str) -> None:
    """Review 144: a row from the appointment day (kept, ``acting_from_appointment``) was
    silent in its official's explanation, every other unpaid row saying why; in March,
    where it is her only row, the acting note was empty. Now each period it touches says
    it acts no day, in both languages, after the paid row's part."""
    ds = Dataset.from_frames(**extension_frames(kind))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        rules = load_ruleset(RULES.replace("    min_months: 1", "    plh: {higher: {share: 20%}}"))
        february, march = (calculate(ds, rules, p) for p in ("2026-02", "2026-03"))
    line = (
        f"{kind.title()} KABID2 'Kepala Bidang 2' (kelas 11) 2026-02-15..2026-03-31: from the "
        "appointment to this post on 2026-02-15, the post is the official's own: no day "
        "acted, no supplement"
    )
    for result in (february, march):
        en = next(
            s for s in result.explain(NIP[1], lang="en").to_dict()["steps"] if s["id"] == "plt"
        )
        id_ = next(
            s for s in result.explain(NIP[1], lang="id").to_dict()["steps"] if s["id"] == "plt"
        )
        assert str(en["notes"]["acting"]).endswith(line)
        assert "tidak ada hari bertugas, tidak ada tambahan" in str(id_["notes"]["acting"])
    assert str(en["notes"]["acting"]) == line  # March: the only row
    said = next(
        s for s in february.explain(NIP[1], lang="en").to_dict()["steps"] if s["id"] == "plt"
    )
    assert str(said["notes"]["acting"]).startswith(
        f"{kind.title()} KABID2 'Kepala Bidang 2' (kelas 11, higher"
    )


def test_a_post_held_continuously_is_still_her_own_from_the_first_day() -> None:
    """KASI held in two rows (history to 14 February, then the employees row from the 15th,
    a CPNS appointed PNS in the same post): a row from the 15th names a post held the day
    before: refused, as before."""
    frames = tables("KASI", "2026-02-15", "2026-02-20")
    frames["employees"] = frames["employees"].assign(position_id=["KASI2", "KASI"])
    ds = Dataset.from_frames(**frames)
    assert [p.code for p in ds.report.problems if p.table == "acting"] == ["acting_own_position"]


# Review 136: a Plh stands in for a holder away for a while; when the holder leaves for good
# during it (dies, retires: the employees row's end_date) and nobody takes the post, the Plh
# acts from then in a vacant post, where a Plt is meant (UU 30/2014 art. 14(2)). The kind
# was judged on the row's first day only: nothing said it, and under a rule paying a Plt
# but no Plh the official was paid nothing for the months the post stood vacant.
def budi_leaves(end: str, successor: str | None = None) -> dict[str, pd.DataFrame]:
    """Budi, kepala dinas (KADIS) to ``end``; Eka his Plh from 1 March to 30 June; a
    successor appointed to KADIS from ``successor`` (None: nobody)."""
    frames = tables("KADIS", "2026-03-01", "2026-06-30")
    frames["acting"] = frames["acting"].assign(kind="plh")
    rows = [frames["employees"]]
    rows.append(
        pd.DataFrame(
            {
                "nip": [NIP[2]],
                "name": ["Budi"],
                "position_id": ["KADIS"],
                "status": ["pns"],
                "start_date": ["2020-01-01"],
                "end_date": [end],
            }
        )
    )
    if successor is not None:
        rows.append(
            pd.DataFrame(
                {
                    "nip": [NIP[3]],
                    "name": ["Dedi"],
                    "position_id": ["KADIS"],
                    "status": ["pns"],
                    "start_date": [successor],
                    "end_date": [None],
                }
            )
        )
    frames["employees"] = pd.concat(rows, ignore_index=True)
    return frames


def test_a_plh_whose_holder_leaves_for_good_is_noted_from_the_vacancy() -> None:
    ds = Dataset.from_frames(**budi_leaves("2026-03-15"))
    notes = [p for p in ds.report.problems if p.table == "acting"]
    assert [(p.code, p.row) for p in notes] == [("plh_post_vacant", 0)]
    assert "nobody holds on 2026-03-16" in notes[0].message("en")
    assert ds.report.ok


@pytest.mark.parametrize(
    ("end", "successor"),
    [
        ("2026-03-15", "2026-03-16"),  # a successor the next day: held throughout
        ("2026-06-30", None),  # the holder leaves on the Plh's last day
        (None, None),  # the holder stays
    ],
)
def test_a_plh_of_a_post_held_throughout_is_not_noted(
    end: str | None, successor: str | None
) -> None:
    ds = Dataset.from_frames(**budi_leaves(end, successor))  # type: ignore[arg-type]
    assert not [p.code for p in ds.report.problems if p.table == "acting"]


@pytest.mark.parametrize("end", [None, "2026-03-20"])
def test_outside_service_on_a_cut_row_shows_the_cut_day(end: str | None) -> None:
    """Task item 3 of review 136 (found already so: pinned): the note on a cut row that also
    starts before the service names the last day counted, the day before the appointment,
    not the typed end (or an open one)."""
    frames = tables("KABID2", "2026-02-01", end)
    del frames["position_history"]
    ds = Dataset.from_frames(**frames)
    note = next(p for p in ds.report.problems if p.code == "acting_outside_service")
    assert "acting 2026-02-01 to 2026-02-14 runs outside" in note.message("en")
    assert "Plt/Plh 2026-02-01 s.d. 2026-02-14 berada di luar" in note.message("id")
