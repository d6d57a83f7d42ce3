"""Acting officials (Plt / Plh): the ``acting`` table, its checks, and the fingerprint of
inputs without it (review 76)."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests import strategies as ts
from tukin import io
from tukin.dataset import Dataset
from tukin.errors import DataError

NIP = ts.nips(4)


def org() -> dict[str, pd.DataFrame]:
    """An OPD with its head (kelas 14), two heads of bidang (kelas 11, one post vacant) and
    staff (kelas 7)."""
    return {
        "units": pd.DataFrame({"unit_id": ["A", "A1"], "name": ["Dinas A", "Bidang 1"]}).assign(
            parent_id=[None, "A"]
        ),
        "positions": pd.DataFrame(
            {
                "position_id": ["KADIS", "KABID1", "KABID2", "STAF"],
                "name": ["Kepala Dinas", "Kepala Bidang 1", "Kepala Bidang 2", "Staf"],
                "unit_id": ["A", "A1", "A1", "A1"],
                "kind": ["jpt", "administrator", "administrator", "pelaksana"],
                "grade": [14, 11, 11, 7],
                "superior_id": [None, "KADIS", "KADIS", "KABID1"],
            }
        ),
        "employees": pd.DataFrame(
            {
                "nip": NIP,
                "name": ["Ani", "Budi", "Cici", "Dedi"],
                "position_id": ["KADIS", "KABID1", "STAF", "STAF"],
                "status": ["pns"] * 4,
            }
        ),
    }


def acting(*rows: tuple[object, ...]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["nip", "position_id", "kind", "start_date", "end_date"])


class TestChecks:
    def test_every_problem_is_listed_at_once_in_both_languages(self) -> None:
        """An own post, two officials in one post at once, one official in two posts at once,
        an end before the start, an unknown NIP and post: all found in one read, each with
        its table, row, column and reason in English and Indonesian."""
        table = acting(
            (NIP[1], "KABID2", "plt", "2025-10-01", "2025-12-31"),  # 0 overlaps 1 (employee)
            (NIP[1], "KADIS", "plh", "2025-10-20", "2025-10-25"),  # 1
            (NIP[2], "STAF", "plt", "2025-10-01", None),  # 2 own post
            (NIP[3], "KABID2", "plt", "2025-11-05", "2025-09-01"),  # 3 end before start
            (NIP[3], "KADIS", "plh", "2025-10-22", None),  # 4 overlaps 1 (post KADIS)
            ("199901012015012009", "KABID9", "plt", "2025-01-01", "2025-01-31"),  # 5 unknown
        )
        ds = Dataset.from_frames(**org(), acting=table)
        found = {(p.row, p.column, p.code) for p in ds.report if p.table == "acting"}
        assert found == {
            (0, "start_date", "acting_overlap_employee"),
            (1, "start_date", "acting_overlap_employee"),
            (1, "start_date", "acting_overlap_post"),
            (2, "position_id", "acting_own_position"),
            (3, "end_date", "date_order"),
            (4, "start_date", "acting_overlap_post"),
            (5, "nip", "unknown_reference"),
            (5, "position_id", "unknown_reference"),
        }
        assert ds.summary().loc["acting", "kept"] == 0
        # a key's date as typed, not 2025-01-01 00:00:00 (review 80's cosmetic left-over)
        assert {p.key for p in ds.report if p.row == 5} == {"199901012015012009/KABID9/2025-01-01"}
        own = next(p for p in ds.report if p.code == "acting_own_position")
        assert "own position" in own.message("en") and "jabatan pegawai itu sendiri" in (
            own.message("id")
        )
        post = next(p for p in ds.report if p.code == "acting_overlap_post" and p.row == 4)
        assert "2025-10-20" in post.message("en") and "tumpang tindih" in post.message("id")

    def test_a_kind_that_does_not_fit_the_post_is_a_note(self) -> None:
        """A Plt stands in for a holder permanently away (the post vacant), a Plh for one away
        for a while (SE Kepala BKN 1/SE/I/2021): a Plt of a post its holder still holds on
        the first day, or a Plh of a vacant post, is noted in both languages, not rejected
        (the employees table may be behind, a holder detained is permanently away)."""
        table = acting(
            (NIP[2], "KABID1", "plt", "2025-10-01", None),  # Budi holds KABID1
            (NIP[3], "KABID2", "plh", "2025-10-01", "2025-10-10"),  # nobody holds KABID2
            (NIP[1], "KADIS", "plh", "2025-11-01", "2025-11-10"),  # Ani away: as expected
        )
        ds = Dataset.from_frames(**org(), acting=table, mode="strict")
        found = {(p.row, p.code) for p in ds.report.notes}
        assert found == {(0, "plt_post_held"), (1, "plh_post_vacant")}
        assert ds.report.ok and len(ds["acting"]) == 3
        held = next(p for p in ds.report.notes if p.code == "plt_post_held")
        assert "2025-10-01" in held.message("en") and "berhalangan tetap" in held.message("id")
        # the holder's service ended before: the post is vacant, a Plt fits
        staff = org()
        staff["employees"] = staff["employees"].assign(end_date=[None, "2025-09-30", None, None])
        later = Dataset.from_frames(
            **staff, acting=acting((NIP[2], "KABID1", "plt", "2025-10-01", None))
        )
        assert not later.report.notes

    def test_a_row_wholly_outside_the_service_gets_no_kind_note(self) -> None:
        """A Plh of the vacant KABID2 after Budi left (31 August), a Plt of KADIS (held by
        Ani) wholly before Dedi joined (20 October): neither is paid nor holds the post, so
        whether its kind fits the post says nothing (review 84 left plh_post_vacant and
        plt_post_held on them beside acting_outside_service); the same rows within the
        service keep their kind notes."""
        tables = org()
        tables["employees"] = tables["employees"].assign(
            start_date=[None, None, None, "2025-10-20"], end_date=[None, "2025-08-31", None, None]
        )
        outside = acting(
            (NIP[1], "KABID2", "plh", "2025-12-01", "2025-12-05"),
            (NIP[3], "KADIS", "plt", "2025-09-01", "2025-09-30"),
        )
        ds = Dataset.from_frames(**tables, acting=outside)
        found = {(p.row, p.code) for p in ds.report.notes}
        assert found == {(0, "acting_outside_service"), (1, "acting_outside_service")}
        inside = acting(
            (NIP[1], "KABID2", "plh", "2025-08-01", "2025-08-05"),
            (NIP[3], "KADIS", "plt", "2025-10-21", "2025-10-30"),
        )
        ds = Dataset.from_frames(**tables, acting=inside)
        found = {(p.row, p.code) for p in ds.report.notes}
        assert found == {(0, "plh_post_vacant"), (1, "plt_post_held")}

    def test_an_acting_row_outside_the_officials_service_is_a_note(self) -> None:
        """A Plt row left open after the official retired, a Plh row starting before the
        official joined, one wholly after the official left: each kept, with a note
        (``acting_outside_service``) naming the row's NIP and both date ranges in both
        languages; pay and monitoring cut it to the service as before. A row within the
        service, and one of an official whose dates are not given, have none (review 84:
        the cut was silent but for the explanation's words)."""
        tables = org()
        tables["employees"] = tables["employees"].assign(
            start_date=[None, None, None, "2025-10-20"],
            end_date=[None, "2025-08-31", "2025-10-15", None],
        )
        table = acting(
            (NIP[2], "KABID2", "plt", "2025-09-01", None),  # 0: open past 15 Oct
            (NIP[3], "KADIS", "plh", "2025-09-01", "2025-09-30"),  # 1: before joining 20 Oct
            (NIP[1], "KADIS", "plh", "2025-12-01", "2025-12-05"),  # 2: after leaving 31 Aug
            (NIP[3], "KABID1", "plh", "2025-10-20", "2025-10-24"),  # 3: within service
            (NIP[0], "KABID1", "plh", "2025-11-03", "2025-11-07"),  # 4: no dates given
        )
        ds = Dataset.from_frames(**tables, acting=table, mode="strict")
        outside = [p for p in ds.report.notes if p.code == "acting_outside_service"]
        assert {(p.row, p.column) for p in outside} == {(1, "start_date"), (2, "end_date")}
        notes = {p.row: p for p in outside}
        assert ds.report.ok and len(ds["acting"]) == 5
        (open_on,) = [p for p in ds.report.notes if p.code == "acting_open_past_service"]
        assert (open_on.row, open_on.column) == (0, "end_date")
        en, id_ = open_on.message("en"), open_on.message("id")
        assert "acting from 2025-09-01 has no end date" in en and NIP[2] in en
        assert "ends on 2025-10-15 (employees table)" in en and "the row is kept" in en
        assert "Plt/Plh sejak 2025-09-01 tanpa tanggal selesai" in id_ and NIP[2] in id_
        assert "berakhir 2025-10-15 (sheet Pegawai)" in id_ and "baris tetap dibaca" in id_
        en, id_ = notes[2].message("en"), notes[2].message("id")
        assert "acting 2025-12-01 to 2025-12-05 runs outside the service of employee " in en
        assert (
            "(… to 2025-08-31 in the employees table and position_history)" in en
            and "the row is kept" in en
        )
        assert "Plt/Plh 2025-12-01 s.d. 2025-12-05 berada di luar masa kerja pegawai " in id_
        assert (
            "(… s.d. 2025-08-31 di sheet Pegawai dan riwayat jabatan)" in id_
            and "baris tetap dibaca" in id_
        )
        assert "2025-09-01 to 2025-09-30" in notes[1].message("en")
        assert "(2025-10-20 to … in the employees table and position_history)" in notes[1].message(
            "en"
        )
        assert NIP[1] in notes[2].message("en") and "… to 2025-08-31" in notes[2].message("en")

    def test_an_open_plt_under_an_end_date_ahead_is_not_told_to_correct_a_date(self) -> None:
        """A Plt without an end date whose official's end_date (a contract's end, a
        retirement on file) lies years ahead has nothing typed wrong: it gets
        ``acting_open_past_service`` (the acting ends with the service at the latest), not
        ``acting_outside_service``, which told the clerk its dates ran outside the service
        and to correct them (review 86)."""
        tables = org()
        tables["employees"] = tables["employees"].assign(end_date=[None, None, "2030-01-31", None])
        table = acting((NIP[2], "KABID2", "plt", "2025-09-01", None))
        ds = Dataset.from_frames(**tables, acting=table, mode="strict")
        assert [(p.row, p.code) for p in ds.report.notes] == [(0, "acting_open_past_service")]
        (p,) = ds.report.notes
        assert "ends on 2030-01-31" in p.message("en") and "correct" not in p.message("en")
        assert p.to_dict("en")["fields"] == {"nip": NIP[2], "served_to": "2030-01-31"}

    def test_the_open_row_note_waits_for_the_service_end_within_the_data(self) -> None:
        """The note on an open Plt of an official with an end date on file was given by
        every validation, so a monthly payment repeated it every month until a retirement
        years ahead (review 84: noise). It is said once the end date falls within the months
        the employee data are for (the latest attendance or appraisal period), when the row
        may have been left open after the service ended; before, it says nothing new. With
        no such period in the input it is said, as before (nothing tells the month)."""
        tables = org()
        tables["employees"] = tables["employees"].assign(end_date=[None, None, "2025-11-15", None])
        table = acting((NIP[2], "KABID2", "plt", "2025-09-01", None))

        def noted(*months: str) -> list[str]:
            extra = {}
            if months:
                extra["attendance"] = pd.DataFrame(
                    {"nip": NIP[0], "period": list(months), "hadir": 20}
                )
            ds = Dataset.from_frames(**tables, **extra, acting=table)
            return [p.code for p in ds.report.notes]

        assert noted("2025-09", "2025-10") == []  # October's data: the end is ahead
        assert noted("2025-10", "2025-11") == ["acting_open_past_service"]  # in November's
        assert noted("2025-12") == ["acting_open_past_service"]  # still open after it
        assert noted() == ["acting_open_past_service"]  # no month known: said

    def test_a_plt_left_open_after_retirement_does_not_overlap_its_successor(self) -> None:
        """Cici retires on 15 October with her Plt row of KABID2 left open; Dedi is Plt of
        KABID2 from 1 November. The rows overlap on paper only: nobody acts past their
        service, so both are kept (review 84: both were rejected as acting_overlap_post and
        Cici's October unpaid), Cici is paid 15/31 of October, Dedi November, and the post
        is Dedi's in November. A successor from 10 October still overlaps her service."""
        from tukin.calc.engine import calculate
        from tukin.hierarchy import Hierarchy
        from tukin.ruleset.load import load_ruleset

        tables = org()
        tables["employees"] = tables["employees"].assign(end_date=[None, None, "2025-10-15", None])
        table = acting(
            (NIP[2], "KABID2", "plt", "2025-09-01", None),
            (NIP[3], "KABID2", "plt", "2025-11-01", None),
        )
        ds = Dataset.from_frames(**tables, **plan(), acting=table)
        assert not [p for p in ds.report if p.code.startswith("acting_overlap")]
        assert len(ds["acting"]) == 2
        assert [(p.row, p.code) for p in ds.report.notes] == [(0, "acting_open_past_service")]
        rules = load_ruleset(RULES)
        october = calculate(ds, rules, "2025-10")
        assert paid(october, NIP[2]) == round(K7 + Fraction(K11) / 5 * Fraction(15, 31))
        november = calculate(ds, rules, "2025-11")
        assert paid(november, NIP[3]) == K7 + K11 // 5
        h = Hierarchy.from_dataset(ds)
        holders = h.in_period("2025-11").positions.set_index("position_id")["holder"]
        assert holders["KABID2"] == "Dedi (Plt)"
        early = Dataset.from_frames(
            **tables,
            acting=acting(
                (NIP[2], "KABID2", "plt", "2025-09-01", None),
                (NIP[3], "KABID2", "plt", "2025-10-10", None),
            ),
        )
        found = {(p.row, p.code) for p in early.report}
        assert {(0, "acting_overlap_post"), (1, "acting_overlap_post")} <= found

    def test_consecutive_assignments_are_no_overlap(self) -> None:
        """A Plh that ends the day before a Plt of the same post starts, and one official
        acting in two posts one after the other, are kept."""
        table = acting(
            (NIP[1], "KABID2", "plh", "2025-09-01", "2025-09-30"),
            (NIP[1], "KADIS", "plt", "2025-10-01", None),
            (NIP[3], "KABID2", "plt", "2025-10-01", "2025-12-31"),
        )
        ds = Dataset.from_frames(**org(), acting=table, mode="strict")
        assert len(ds["acting"]) == 3

    def test_a_few_days_between_two_rows_of_one_assignment_is_a_note(self) -> None:
        """A Plt typed as two rows with a weekend between (ends Friday 28 March, the next
        starts Monday 31 March) is two assignments, each with its own terms: a note says so
        and names the day to start on if it extends the first (``acting_gap``, kept). Rows
        running on from the day after, a gap of more than a week, another post or the other
        kind get none."""
        table = acting(
            (NIP[1], "KABID2", "plt", "2025-01-01", "2025-03-28"),  # 0
            (NIP[1], "KABID2", "plt", "2025-03-31", "2025-06-30"),  # 1: 2 days after 0
            (NIP[1], "KABID2", "plt", "2025-07-01", "2025-08-31"),  # 2: the day after 1
            (NIP[1], "KABID2", "plt", "2025-09-09", "2025-09-30"),  # 3: 8 days after 2
            (NIP[1], "KADIS", "plt", "2025-10-02", "2025-10-31"),  # 4: another post
            (NIP[1], "KABID2", "plh", "2025-10-03", "2025-10-10"),  # 5: overlaps 4 (other post)
            (NIP[3], "KABID2", "plh", "2025-11-01", "2025-11-10"),  # 6
            (NIP[3], "KABID2", "plh", "2025-11-14", None),  # 7: 3 days after 6
        )
        ds = Dataset.from_frames(**org(), acting=table)
        gaps = [p for p in ds.report if p.code == "acting_gap"]
        assert [(p.row, p.column, p.value) for p in gaps] == [
            (1, "start_date", "2025-03-31"),
            (7, "start_date", "2025-11-14"),
        ]
        first = gaps[0]
        assert first.fields == {
            "nip": NIP[1],
            "post": "KABID2",
            "days": 2,
            "end": "2025-03-28",
            "next_day": "2025-03-29",
        }
        assert "start it on 2025-03-29" in first.message("en")
        assert "mulailah pada 2025-03-29" in first.message("id")
        assert all(p in ds.report.notes for p in gaps)
        assert {0, 1, 2, 3, 6, 7} <= set(ds["acting"].index)

    def test_strict_mode_raises_listing_every_problem(self) -> None:
        table = acting(
            (NIP[2], "STAF", "plt", "2025-10-01", None),
            (NIP[3], "KABID2", "plx", "2025-10-01", None),
        )
        with pytest.raises(DataError) as caught:
            Dataset.from_frames(**org(), acting=table, mode="strict")
        codes = {p.code for p in caught.value.problems}
        assert {"acting_own_position", "invalid_choice"} <= codes


class TestWorkbook:
    def test_the_sheet_reads_back_with_its_indonesian_headers(self, tmp_path: Path) -> None:
        """The template's sheet ``Plt Plh``: ``Plt`` / ``Plh`` read as the contract's kinds,
        dates as dates; a problem names the sheet, row and column."""
        table = acting(
            (NIP[1], "KADIS", "Plt", "2025-10-01", "2025-12-31"),
            (NIP[2], "STAF", "Plh", "2025-10-01", None),
        )
        path = tmp_path / "isian.xlsx"
        io.write_frames({**org(), "acting": table}, path)
        ds = io.read_excel(path)
        kept = ds["acting"]
        assert kept["kind"].tolist() == ["plt"]
        assert str(kept["start_date"].iloc[0].date()) == "2025-10-01"
        problem = next(p for p in ds.report if p.code == "acting_own_position")
        where = problem.where("id")
        assert "Plt Plh" in where and "Jabatan" in where


class TestFingerprint:
    def test_an_input_without_acting_officials_hashes_as_before_the_table(self) -> None:
        """Receipts made before the table existed still verify: an input without it, or with
        it empty, has the fingerprint it had (pinned from tukin before review 76), and a
        receipt's row counts do not name it; a row in it changes the fingerprint."""
        without = Dataset.from_frames(**org())
        empty = Dataset.from_frames(**org(), acting=acting())
        assert without.fingerprint() == empty.fingerprint() == PINNED
        assert "acting" not in without.table_fingerprints()
        one = Dataset.from_frames(
            **org(), acting=acting((NIP[1], "KABID2", "plt", "2025-10-01", None))
        )
        assert one.fingerprint() != PINNED
        assert "acting" in one.table_fingerprints()


#: The fingerprint of ``org()`` computed by tukin before the acting table existed.
PINNED = "2ce94a20d2b3e45ee68af45289d4c8b75027c7994d8a820a2930ddc60b68facc"


# -- the supplement (rule type acting_supplement) -------------------------------------------

RULES = Path(__file__).parent.parent / "tukin" / "golden_cases" / "rules" / "tpp-plt.yaml"
# Seruyan 2023 (EXAMPLE values) of the rule file: kelas 7, 11 and 14
K7, K11, K14 = 3854725, 7188745, 12956594


def pay(table: pd.DataFrame | None, period: str = "2025-10", **params: object):  # type: ignore[no-untyped-def]
    from tukin.calc.engine import calculate
    from tukin.ruleset.load import load_ruleset

    tables = org() if table is None else {**org(), "acting": table}
    rules = load_ruleset(RULES)
    if params:
        rules = rules.with_parameters(**params)
    return calculate(Dataset.from_frames(**tables), rules, period)


def paid(result, nip: str) -> int:  # type: ignore[no-untyped-def]
    frame = result.to_frame()
    return int(frame.set_index("nip").loc[nip, "allowance"])


class TestSupplement:
    def test_a_rule_set_paying_acting_officials_stops_without_the_table(self) -> None:
        """Not given at all, the table stops the run (acting_table_missing, naming the step),
        as a missing appraisals sheet does (review 74); given without rows nobody acts."""
        from tukin.errors import CalculationError

        with pytest.raises(CalculationError) as caught:
            pay(None)
        assert caught.value.code == "acting_table_missing"
        assert "tambahan_plt" in caught.value.message("en")
        assert "tabel acting" in caught.value.message("id")
        result = pay(acting())
        assert paid(result, NIP[1]) == K11 and len(result.rejected) == 0

    def test_higher_post_pays_twenty_percent_of_it_for_days_acted(self) -> None:
        """A kelas-11 Plt of the kelas-14 head from 1 September to 10 October (one calendar
        month and more), in October for 10 of its 31 days: 20 % of 12,956,594 × 10/31, exact
        until the rounding: 7,188,745 + 835,909.29... → 8,024,654."""
        table = acting((NIP[1], "KADIS", "plt", "2025-09-01", "2025-10-10"))
        result = pay(table)
        supplement = Fraction(K14) / 5 * Fraction(10, 31)
        assert paid(result, NIP[1]) == round(K11 + supplement)
        assert result.to_frame().set_index("nip").loc[NIP[1], "tambahan_plt"] == pytest.approx(
            float(supplement)
        )
        assert paid(result, NIP[0]) == K14  # the head the Plt stands in for: own pay

    def test_fast_and_exact_agree(self) -> None:
        """Part months (10/31, 17/30) give the same rupiah on the exact reference path."""
        from tukin.calc.engine import calculate
        from tukin.ruleset.load import load_ruleset

        table = acting(
            (NIP[1], "KADIS", "plt", "2025-09-01", "2025-10-10"),
            (NIP[2], "KABID2", "plt", "2025-10-15", "2025-12-31"),
        )
        ds = Dataset.from_frames(**org(), acting=table)
        rules = load_ruleset(RULES)
        for period in ("2025-10", "2025-11"):
            fast = calculate(ds, rules, period).to_frame().set_index("nip")["allowance"]
            exact = (
                calculate(ds, rules, period, reference=True)
                .to_frame()
                .set_index("nip")["allowance"]
            )
            assert fast.to_dict() == exact.to_dict()

    def test_the_explanation_names_post_kelas_relation_and_share(self) -> None:
        table = acting((NIP[2], "KABID2", "plt", "2025-09-01", None))
        result = pay(table)
        en = str(result.explain(NIP[2], lang="en"))
        assert "Plt KABID2 'Kepala Bidang 2' (kelas 11, higher than own kelas 7)" in en
        assert "20% of the acting post's class amount" in en
        id_ = str(result.explain(NIP[2], lang="id"))
        assert "lebih tinggi dari jabatan sendiri kelas 7" in id_
        # 20 % × 7,188,745 = 1,437,749 a month, the whole month
        assert paid(result, NIP[2]) == K7 + K11 // 5

    def test_the_explanation_shows_the_same_figures_in_both_languages(self) -> None:
        """An explanation prints every amount as Rp1.234.567 in both languages (compared and
        quoted across them): the acting line's figures were English-style (Rp1,295,659.40)
        beside the step's result line's Rp…; and a part of a rupiah with a finite decimal
        spelling (1,295,659.4 × 10/31 is not, 1,295,659.4 is) is exact, not ``≈`` (review 80)."""
        table = acting((NIP[1], "KADIS", "plh", "2025-09-01", "2025-10-10"))
        result = pay(table, plh_grants={"higher": {"share": "10%"}})
        lines = {
            lang: next(
                x for x in str(result.explain(NIP[1], lang=lang)).splitlines() if "Plh KADIS" in x
            )
            for lang in ("en", "id")
        }
        for line in lines.values():
            assert "= Rp1.295.659,4 " in line and "= ≈Rp417.954,65" in line
        # 12,956,594 × 10 % × 10/31 = 12,956,594 / 31 = 417,954.645...: ≈ two decimals

    def test_two_assignments_of_one_official_in_a_month_add_up(self) -> None:
        """A Plh then a Plt, one after the other: each for its days, under its own grant."""
        table = acting(
            (NIP[2], "KABID2", "plh", "2025-10-01", "2025-10-10"),
            (NIP[2], "KABID2", "plt", "2025-10-11", "2025-12-31"),
        )
        result = pay(table, plh_grants={"higher": {"share": "10%"}}, min_months=0)
        month = Fraction(K11) / 10 * Fraction(10, 31) + Fraction(K11) / 5 * Fraction(21, 31)
        assert paid(result, NIP[2]) == round(K7 + month)

    def test_pay_stops_after_max_months_from_the_first_day(self) -> None:
        """max_months 6 from 15 April: paid to 14 October, 14 of October's 31 days, nothing
        in November, though the assignment runs on."""
        table = acting((NIP[2], "KABID2", "plt", "2025-04-15", None))
        october = pay(table, "2025-10", max_months=6)
        assert paid(october, NIP[2]) == round(K7 + Fraction(K11) / 5 * Fraction(14, 31))
        assert paid(pay(table, "2025-11", max_months=6), NIP[2]) == K7
        assert paid(pay(table, "2025-11"), NIP[2]) == K7 + K11 // 5  # no limit: paid on

    def test_the_terms_count_from_the_acting_start_before_the_current_post(self) -> None:
        """``employees.start_date`` is the first day in the *current* post (the data
        contract), not of service: Cici, Plt of KABID2 since 15 April under max_months 6,
        moved to her current post on 1 July. Her Plt term still ends on 14 October (14/31
        of October, nothing in November); cut to 1 July it ran to 31 December and paid both
        months whole (review 84 left it). Likewise a Plt from 10 September promoted on 20
        October met min_months on 9 October: October pays the days from 20 October (12/31:
        the one employee row has the new post's kelas, so the days before are paid in no
        row, as a part-month own allowance is), where judged from 20 October it paid
        nothing."""
        from tukin.calc.engine import calculate
        from tukin.ruleset.load import load_ruleset

        tables = org()
        tables["employees"] = tables["employees"].assign(
            start_date=[None, None, "2025-07-01", None]
        )
        rules = load_ruleset(RULES)
        ds = Dataset.from_frames(
            **tables, acting=acting((NIP[2], "KABID2", "plt", "2025-04-15", None))
        )
        capped = rules.with_parameters(max_months=6)
        october = calculate(ds, capped, "2025-10")
        assert paid(october, NIP[2]) == round(K7 + Fraction(K11) / 5 * Fraction(14, 31))
        assert paid(calculate(ds, capped, "2025-11"), NIP[2]) == K7
        tables["employees"] = tables["employees"].assign(
            start_date=[None, None, "2025-10-20", None]
        )
        ds = Dataset.from_frames(
            **tables, acting=acting((NIP[2], "KABID2", "plt", "2025-09-10", None))
        )
        for reference in (False, True):
            result = calculate(ds, rules, "2025-10", reference=reference)
            # this rule file pays the own kelas whole; the supplement from 20 October
            assert paid(result, NIP[2]) == round(K7 + Fraction(K11) / 5 * Fraction(12, 31))
        assert "masa kerja sejak 2025-10-20" in str(result.explain(NIP[2], lang="id"))
        # the note no longer only says to correct the start date (the TMT of the new post)
        (note,) = [p for p in ds.report.notes if p.code == "acting_outside_service"]
        assert "nothing is wrong: keep the start date" in note.message("en")
        assert "tidak ada yang salah: biarkan tanggal mulai" in note.message("id")
        assert note.to_dict("en")["fields"]["early"] is True

    def test_a_term_from_the_31st_before_the_current_post(self) -> None:
        """Review 93's edge cases of the rule above, by hand. A Plt from 31 August, in a new
        own post from 15 September: its month (31 August to 30 September, the month's last
        day) is met, and under max_months 1 paid to 30 September: 16/30 of September,
        nothing in October. A Plt from 10 October moved on 20 October has not served a month
        by 31 October: nothing, and the explanation names the day the month is met counted
        from the Plt's own start (9 November), not from 20 October (19 November)."""
        from tukin.calc.engine import calculate
        from tukin.ruleset.load import load_ruleset

        def run(start: str, employee_start: str, period: str, **params: object):  # type: ignore[no-untyped-def]
            tables = org()
            tables["employees"] = tables["employees"].assign(
                start_date=[None, None, employee_start, None]
            )
            ds = Dataset.from_frames(
                **tables, acting=acting((NIP[2], "KABID2", "plt", start, None))
            )
            return calculate(ds, load_ruleset(RULES).with_parameters(**params), period)

        month = Fraction(K11) / 5
        september = run("2025-08-31", "2025-09-15", "2025-09", max_months=1)
        assert paid(september, NIP[2]) == round(K7 + month * Fraction(16, 30))
        assert paid(run("2025-08-31", "2025-09-15", "2025-10", max_months=1), NIP[2]) == K7
        short = run("2025-10-10", "2025-10-20", "2025-10")
        assert paid(short, NIP[2]) == K7
        said = str(short.explain(NIP[2], lang="en"))
        assert "shorter than 1 calendar month(s); met if it runs to 2025-11-09" in said

    def test_nobody_acts_outside_their_service(self) -> None:
        """An acting row runs on past the official's retirement (15 October), or starts before
        they joined (20 October): the supplement counts the days in service only (15/31 and
        12/31 of October, both fast and exact), and the explanation says so (review 80: both
        were paid the whole month)."""
        from tukin.calc.engine import calculate
        from tukin.ruleset.load import load_ruleset

        tables = org()
        tables["employees"] = tables["employees"].assign(
            start_date=[None, None, None, "2025-10-20"], end_date=[None, None, "2025-10-15", None]
        )
        table = acting(
            (NIP[2], "KABID2", "plt", "2025-09-01", None),
            (NIP[3], "KADIS", "plh", "2025-09-01", "2025-11-30"),
        )
        ds = Dataset.from_frames(**tables, acting=table)
        rules = load_ruleset(RULES).with_parameters(plh_grants={"higher": {"share": "10%"}})
        for reference in (False, True):
            result = calculate(ds, rules, "2025-10", reference=reference)
            assert paid(result, NIP[2]) == round(K7 + Fraction(K11) / 5 * Fraction(15, 31))
            assert paid(result, NIP[3]) == round(K7 + Fraction(K14) / 10 * Fraction(12, 31))
        assert "(15/31 days; in service to 2025-10-15)" in str(result.explain(NIP[2], lang="en"))
        assert "masa kerja sejak 2025-10-20" in str(result.explain(NIP[3], lang="id"))
        # the minimum months judge the days served: a Plt from 1 October who retires on the
        # 15th served under a calendar month
        short = Dataset.from_frames(
            **tables, acting=acting((NIP[2], "KABID2", "plt", "2025-10-01", None))
        )
        assert paid(calculate(short, rules, "2025-10"), NIP[2]) == K7

    def test_a_kelas_without_an_amount_rejects_the_acting_official(self) -> None:
        table = acting((NIP[1], "KADIS", "plt", "2025-10-01", None))
        result = pay(table, base_tpp={7: K7, 11: K11})  # no kelas 14 (nor the head's pay)
        reasons = result.rejected.set_index("nip")
        assert reasons.loc[NIP[1], "code"] == "missing_base"
        assert "Plt/Plh" in str(reasons.loc[NIP[1], "reason"]) or "acting" in str(
            reasons.loc[NIP[1], "reason"]
        )

    def test_a_rejected_acting_row_stops_its_official_only_under_a_supplement(self) -> None:
        """Validation threw the row out (the own post): the official is not paid as if the
        row had never been there, when the rule set pays acting officials; a rule set
        without the step pays them."""
        from tukin.calc.engine import calculate
        from tukin.ruleset.load import load_ruleset

        ds = Dataset.from_frames(
            **org(),
            acting=acting(
                (NIP[2], "STAF", "plt", "2025-10-01", None),
                (NIP[1], "KABID2", "plt", "2025-10-01", None),
            ),
        )
        result = calculate(ds, load_ruleset(RULES), "2025-10")
        assert result.rejected.set_index("nip").loc[NIP[2], "code"] == "input_row_rejected"
        assert paid(result, NIP[1]) == K11 + K11 // 5
        plain = load_ruleset(
            {
                "name": "tanpa-plt",
                "parameters": {"base": {"unit": "rupiah", "value": {7: K7, 11: K11, 14: K14}}},
                "steps": [
                    {
                        "id": "dasar",
                        "type": "lookup",
                        "key": "grade",
                        "table": "$base",
                        "unit": "rupiah",
                    },
                    {"id": "tpp", "type": "round", "input": "dasar"},
                ],
            }
        )
        assert paid(calculate(ds, plain, "2025-10"), NIP[2]) == K7

    def test_an_unknown_or_rejected_acting_post_stops_its_official(self) -> None:
        """An acting row thrown out for its post (a typo 'KABID9', or a post whose own row was
        rejected) is the official's row all the same: they are not paid without it (review
        80: both were paid their own TPP alone, the problem skipped as 'nobody's row'), in
        one run as in partitions. The rejected post's official is named with the cause."""
        from tukin.calc.engine import calculate
        from tukin.distributed import calculate_partitioned
        from tukin.ruleset.load import load_ruleset

        tables = org()
        tables["positions"] = tables["positions"].assign(grade=[14, 11, None, 7])  # KABID2
        ds = Dataset.from_frames(
            **tables,
            acting=acting(
                (NIP[2], "KABID2", "plt", "2025-09-01", None),
                (NIP[3], "KABID9", "plt", "2025-09-01", None),
            ),
        )
        rules = load_ruleset(RULES)
        for result in (
            calculate(ds, rules, "2025-10"),
            calculate_partitioned(ds, rules, "2025-10", npartitions=2),
        ):
            reasons = result.rejected_in("en").set_index("nip")
            assert set(reasons.index) == {NIP[2], NIP[3]}
            assert set(reasons["code"]) == {"input_row_rejected"}
            assert "'KABID9'" in reasons.loc[NIP[3], "reason"]
            assert "positions, row 2, column grade" in reasons.loc[NIP[2], "reason"]

    def test_partitioned_equals_single(self) -> None:
        """An official of one OPD acting in another's post: the two OPDs share a partition
        and the partitioned result equals the single one."""
        from tukin.calc.engine import calculate
        from tukin.distributed import calculate_partitioned
        from tukin.ruleset.load import load_ruleset

        tables = org()
        tables["units"] = pd.DataFrame(
            {"unit_id": ["A", "A1", "B"], "name": ["Dinas A", "Bidang 1", "Dinas B"]}
        ).assign(parent_id=[None, "A", None])
        tables["positions"] = pd.concat(
            [
                tables["positions"],
                pd.DataFrame(
                    {
                        "position_id": ["KADIS_B"],
                        "name": ["Kepala Dinas B"],
                        "unit_id": ["B"],
                        "kind": ["jpt"],
                        "grade": [14],
                    }
                ),
            ],
            ignore_index=True,
        )
        table = acting((NIP[1], "KADIS_B", "plt", "2025-10-05", None))
        ds = Dataset.from_frames(**tables, acting=table)
        rules = load_ruleset(RULES)
        single = calculate(ds, rules, "2025-10").to_frame().set_index("nip")["allowance"]
        parts = calculate_partitioned(ds, rules, "2025-10", npartitions=2)
        assert parts.to_frame().set_index("nip")["allowance"].to_dict() == single.to_dict()


# -- monitoring: who answers for an acting post's items -------------------------------------


def plan() -> dict[str, pd.DataFrame]:
    """The program of the head, a kegiatan of the vacant KABID2 post and its sub kegiatan
    answered for by the staff post; the sub kegiatan's figure is entered, waiting for the
    kegiatan's official to approve it."""
    return {
        "work_items": pd.DataFrame(
            {
                "work_item_id": ["PRG", "KEG2", "SUB"],
                "name": ["Program", "Kegiatan 2", "Sub Kegiatan"],
                "level": ["program", "kegiatan", "sub_kegiatan"],
                "parent_id": [None, "PRG", "KEG2"],
                "unit_id": ["A", "A1", "A1"],
                "responsible_position_id": ["KADIS", "KABID2", "STAF"],
                "budget": [300, 200, 100],
            }
        ),
        "budget_realisations": pd.DataFrame(
            {
                "work_item_id": ["SUB"],
                "period": ["2025-10"],
                "spent": [10],
                "physical_pct": [10],
                "status": ["entered"],
            }
        ),
    }


class TestMonitoring:
    def test_a_plt_holds_the_vacant_post_for_the_assignments_dates(self) -> None:
        from tukin.hierarchy import Hierarchy

        table = acting(
            (NIP[3], "KABID2", "plt", "2025-09-01", "2025-10-31"),
            (NIP[2], "KABID1", "plh", "2025-10-06", "2025-10-10"),
        )
        h = Hierarchy.from_dataset(Dataset.from_frames(**org(), **plan(), acting=table))
        october = h.in_period("2025-10").positions.set_index("position_id")["holder"]
        assert october["KABID2"] == "Dedi (Plt)"
        # the holder away, and the Plh for the days of the assignment (review 113)
        assert october["KABID1"] == "Budi; Cici (Plh) (2025-10-06–2025-10-10)"
        december = h.in_period("2025-12").positions.set_index("position_id")["holder"]
        assert pd.isna(december["KABID2"]) and december["KABID1"] == "Budi"
        assert h.held(period="2025-10")[h.position_index(np.array(["KABID2"], dtype=object))][0]

    def test_a_plt_holds_the_post_only_while_in_service(self) -> None:
        """Dedi's open-ended Plt row outlives his retirement on 31 October: from November the
        post is vacant again (its items pass to the superior), not held by a retiree; Cici's
        Plh row of October lies wholly before she joined in November: she never held the
        post (review 80)."""
        from tukin.hierarchy import Hierarchy

        tables = org()
        tables["employees"] = tables["employees"].assign(
            start_date=[None, None, "2025-11-01", None], end_date=[None, None, None, "2025-10-31"]
        )
        table = acting(
            (NIP[3], "KABID2", "plt", "2025-09-01", None),
            (NIP[2], "KABID1", "plh", "2025-10-06", "2025-10-10"),
        )
        h = Hierarchy.from_dataset(Dataset.from_frames(**tables, **plan(), acting=table))
        october = h.in_period("2025-10").positions.set_index("position_id")["holder"]
        assert october["KABID2"] == "Dedi (Plt)" and october["KABID1"] == "Budi"
        november = h.in_period("2025-11").positions.set_index("position_id")["holder"]
        assert pd.isna(november["KABID2"])

    def test_pending_waits_for_the_plt_instead_of_the_nearest_superior(self) -> None:
        """The entered figure of a sub kegiatan under the vacant kegiatan post waited for the
        head of the OPD, naming the vacant post; with a Plt of that post, it waits for the
        Plt, named as Plt, and no post is vacant."""
        from tukin.monitoring.status import pending

        before = pending(Dataset.from_frames(**org(), **plan()), "2025-10").iloc[0]
        assert before["waiting_for_id"] == "KADIS" and before["vacant_post_id"] == "KABID2"
        table = acting((NIP[3], "KABID2", "plt", "2025-10-01", None))
        now = pending(Dataset.from_frames(**org(), **plan(), acting=table), "2025-10").iloc[0]
        assert now["waiting_for_id"] == "KABID2"
        assert now["waiting_for_holder"] == "Dedi (Plt)"
        assert now["vacant_post_id"] is None or pd.isna(now["vacant_post_id"])


class TestExample:
    def test_the_example_rule_file_pays_a_same_class_plt_on_the_60_40_parts(self) -> None:
        """examples/tpp_60_40_plt.yaml: a kelas-11 Plt of a kelas-11 post for all October,
        rated Baik, no absence: base + 20 % of 7,188,745 = 8,626,494, split 60 / 40 and
        summed back: 8,626,494. The head they are not acting for keeps 12,956,594."""
        from tukin.calc.engine import calculate
        from tukin.demo._actuals import CODES as codes  # every code the 60/40 pack reads
        from tukin.ruleset.load import load_ruleset

        tables = {
            **org(),
            "attendance": pd.DataFrame(
                {"nip": NIP, "period": ["2025-10"] * 4, **{c: [0] * 4 for c in codes}}
            ),
            "appraisals": pd.DataFrame(
                {
                    "nip": NIP,
                    "period": ["2025-10"] * 4,
                    "results": ["as_expected"] * 4,
                    "behaviour": ["as_expected"] * 4,
                }
            ),
            "acting": acting((NIP[1], "KABID2", "plt", "2025-09-01", "2025-12-31")),
        }
        path = Path(__file__).parent.parent / "examples" / "tpp_60_40_plt.yaml"
        result = calculate(Dataset.from_frames(**tables), load_ruleset(path), "2025-10")
        assert paid(result, NIP[1]) == K11 + K11 // 5 == 8626494
        assert paid(result, NIP[0]) == K14


class TestProperties:
    @given(
        starts=st.lists(st.integers(0, 120), min_size=3, max_size=3),
        lengths=st.lists(st.one_of(st.none(), st.integers(0, 90)), min_size=3, max_size=3),
        kinds=st.lists(st.sampled_from(["plt", "plh"]), min_size=3, max_size=3),
        part=st.sampled_from(["prorate", "whole", "none"]),
        basis=st.sampled_from(["calendar_days", "working_days"]),
        month=st.sampled_from(["2025-09", "2025-10", "2025-11", "2026-02"]),
    )
    @settings(max_examples=15, deadline=None)
    def test_fast_equals_exact_and_never_negative(
        self,
        starts: list[int],
        lengths: list[int | None],
        kinds: list[str],
        part: str,
        basis: str,
        month: str,
    ) -> None:
        """Any three assignments (three officials, three posts: no overlap), any part-month
        rule and day basis: the fast path pays what exact fractions pay, and the supplement
        is never negative."""
        import datetime as dt

        from tukin.calc.engine import calculate
        from tukin.ruleset.load import load_ruleset

        first = dt.date(2025, 8, 1)
        rows = []
        for (nip, post), s, n, k in zip(
            [(NIP[1], "KADIS"), (NIP[2], "KABID2"), (NIP[3], "KABID1")],
            starts,
            lengths,
            kinds,
            strict=True,
        ):
            start = first + dt.timedelta(days=s)
            end = None if n is None else start + dt.timedelta(days=n)
            rows.append((nip, post, k, start.isoformat(), None if end is None else end.isoformat()))
        ds = Dataset.from_frames(**org(), acting=acting(*rows))
        rules = load_ruleset(RULES).with_parameters(
            part_month=part,
            basis=basis,
            min_months=0,
            plh_grants={"higher": {"share": "10%"}, "same": {"share": "15%", "top_up": True}},
        )
        fast = calculate(ds, rules, month).to_frame().set_index("nip")
        exact = calculate(ds, rules, month, reference=True).to_frame().set_index("nip")
        assert fast["allowance"].to_dict() == exact["allowance"].to_dict()
        assert (fast["tambahan_plt"] >= 0).all()


class TestCalendarMonths:
    """``min_months`` / ``max_months`` count calendar months from the first day (review 84):
    a term runs to the day before the same day n months on, or to the last day of a month
    that has no such day (31 January to 28 or 29 February)."""

    @pytest.mark.parametrize(
        ("start", "months", "last"),
        [
            ("2025-03-10", 1, "2025-04-09"),
            ("2025-01-31", 1, "2025-02-28"),  # the 31st into February
            ("2024-01-31", 1, "2024-02-29"),  # ... of a leap year
            ("2025-01-30", 1, "2025-02-28"),  # the 30th into February
            ("2024-01-30", 1, "2024-02-29"),
            ("2024-01-29", 1, "2024-02-28"),  # 29 February exists in 2024: the day before
            ("2025-01-28", 1, "2025-02-27"),
            ("2024-02-29", 1, "2024-03-28"),  # from 29 February
            ("2024-02-29", 12, "2025-02-28"),  # a year on, February has no 29th
            ("2025-03-31", 1, "2025-04-30"),
            ("2025-01-31", 2, "2025-03-30"),
            ("2025-11-30", 3, "2026-02-28"),  # December into January into February
            ("2025-12-31", 1, "2026-01-30"),  # December into January
            ("2025-12-15", 1, "2026-01-14"),
            ("2025-12-01", 1, "2025-12-31"),
            ("2025-04-15", 6, "2025-10-14"),
        ],
    )
    def test_the_last_day_of_a_term_of_months(self, start: str, months: int, last: str) -> None:
        import datetime as dt

        from tukin.rules.acting import months_end

        assert months_end(dt.date.fromisoformat(start), months) == dt.date.fromisoformat(last)

    @given(
        st.dates(
            min_value=pd.Timestamp("2000-01-01").date(), max_value=pd.Timestamp("2200-12-31").date()
        ),
        st.integers(1, 36),
    )
    @settings(max_examples=200, deadline=None)
    def test_a_term_ends_before_its_same_day_or_on_the_last_day(self, start, months) -> None:  # type: ignore[no-untyped-def]
        """The day after a term's last day is the same day of the month ``months`` on, or,
        in a month without it, the 1st of the month after; a later start never ends sooner,
        and no term of n months is shorter than n × 28 days."""
        import calendar
        import datetime as dt

        from tukin.rules.acting import months_end

        last = months_end(start, months)
        after = last + dt.timedelta(days=1)
        m = start.month - 1 + months
        year, month = start.year + m // 12, m % 12 + 1
        if start.day <= calendar.monthrange(year, month)[1]:
            assert after == dt.date(year, month, start.day)
        else:
            assert (after.day, last.year, last.month) == (1, year, month)
        assert months_end(start + dt.timedelta(days=1), months) >= last
        assert (last - start).days + 1 >= 28 * months

    def test_a_plt_from_the_31st_makes_a_month_on_the_last_of_february(self) -> None:
        """min_months 1: a Plt of 31 January to 28 February 2025 served one calendar month
        and is paid February in full; one to 27 February did not and is paid nothing (it was
        paid before review 84: 31 January + 1 month − 1 day read as 27 February). max_months
        1 from 31 January pays all of February (27/28 before)."""
        full = pay(acting((NIP[2], "KABID2", "plt", "2025-01-31", "2025-02-28")), "2025-02")
        assert paid(full, NIP[2]) == K7 + K11 // 5
        short = pay(acting((NIP[2], "KABID2", "plt", "2025-01-31", "2025-02-27")), "2025-02")
        assert paid(short, NIP[2]) == K7
        assert "shorter than 1 calendar month" in str(short.explain(NIP[2], lang="en"))
        capped = pay(acting((NIP[2], "KABID2", "plt", "2025-01-31", None)), "2025-02", max_months=1)
        assert paid(capped, NIP[2]) == K7 + K11 // 5
        assert (
            paid(
                pay(acting((NIP[2], "KABID2", "plt", "2025-01-31", None)), "2025-03", max_months=1),
                NIP[2],
            )
            == K7
        )

    def test_december_into_january(self) -> None:
        """15 December to 14 January is one calendar month, to 13 January is not."""
        month = pay(acting((NIP[2], "KABID2", "plt", "2025-12-15", "2026-01-14")), "2026-01")
        assert paid(month, NIP[2]) == round(K7 + Fraction(K11) / 5 * Fraction(14, 31))
        short = pay(acting((NIP[2], "KABID2", "plt", "2025-12-15", "2026-01-13")), "2026-01")
        assert paid(short, NIP[2]) == K7


class TestOpenEnded:
    def test_an_open_assignment_too_short_so_far_says_how_far_it_was_counted(self) -> None:
        """A Plt from 15 October with no end date, in October under min_months 1: not paid,
        and the explanation says the assignment has no end date, that it was counted to the
        period's end and on which day the month would be met (review 84: it said only
        'shorter than 1 calendar month', as for an assignment that ended)."""
        result = pay(acting((NIP[2], "KABID2", "plt", "2025-10-15", None)))
        assert paid(result, NIP[2]) == K7
        en = str(result.explain(NIP[2], lang="en"))
        assert "no end date, counted to the period's end 2025-10-31" in en
        assert "met if it runs to 2025-11-14" in en
        id_ = str(result.explain(NIP[2], lang="id"))
        assert "tanpa tanggal selesai, dihitung s.d. akhir periode 2025-10-31" in id_
        assert "terpenuhi bila berlangsung s.d. 2025-11-14" in id_
        # min_days the same way; an assignment with its end given says no such thing
        import datetime as dt

        from tukin.period import Period
        from tukin.rules.acting import ActingParams, part_of_period

        part, said = part_of_period(
            dt.date(2025, 10, 15),
            None,
            Period.parse("2025-10"),
            ActingParams(table={}, min_days=30),
        )
        assert part == 0 and "no end date" in said.en and "met if it runs to 2025-11-13" in said.en
        ended = pay(acting((NIP[2], "KABID2", "plt", "2025-10-15", "2025-10-31")))
        assert "no end date" not in str(ended.explain(NIP[2], lang="en"))
        assert "shorter than 1 calendar month" in str(ended.explain(NIP[2], lang="en"))

    def test_a_retirement_after_the_period_leaves_an_open_assignment_open(self) -> None:
        """Cici retires on 31 March 2026; her Plt from 15 October has no end date. In October
        the minimum month is judged to the period's end, as for an official without an end
        date on file, not to the retirement (review 84: it was met, and October paid, for
        her alone). In November, with a month served, she is paid; a retirement inside the
        period still ends the assignment (test_nobody_acts_outside_their_service)."""
        from tukin.calc.engine import calculate
        from tukin.ruleset.load import load_ruleset

        tables = org()
        tables["employees"] = tables["employees"].assign(end_date=[None, None, "2026-03-31", None])
        ds = Dataset.from_frames(
            **tables, acting=acting((NIP[2], "KABID2", "plt", "2025-10-15", None))
        )
        rules = load_ruleset(RULES)
        october = calculate(ds, rules, "2025-10")
        assert paid(october, NIP[2]) == K7
        en = str(october.explain(NIP[2], lang="en"))
        assert "no end date, counted to the period's end 2025-10-31" in en
        assert "in service to" not in en
        assert paid(calculate(ds, rules, "2025-11"), NIP[2]) == K7 + K11 // 5


class TestServiceProperties:
    @given(
        service=st.lists(
            st.tuples(
                st.one_of(st.none(), st.integers(0, 150)), st.one_of(st.none(), st.integers(0, 150))
            ),
            min_size=3,
            max_size=3,
        ),
        rows=st.lists(
            st.tuples(
                st.integers(1, 3),
                st.sampled_from(["KABID2", "KADIS"]),
                st.integers(0, 200),
                st.one_of(st.none(), st.integers(-3, 90)),
            ),
            min_size=1,
            max_size=6,
        ),
    )
    @settings(max_examples=60, deadline=None)
    def test_service_notes_and_overlaps_match_a_pairwise_reading(
        self,
        service: list[tuple[int | None, int | None]],
        rows: list[tuple[int, str, int, int | None]],
    ) -> None:
        """Any acting rows and any service dates: a row gets ``acting_outside_service``
        exactly when it starts before its official's start_date, ends after their end_date,
        or, open, starts after it; ``acting_open_past_service`` when, open, it starts within
        a service with an end_date; and two rows of one post (one official) overlap exactly when
        their days within their officials' service meet, row pair by row pair (review 84)."""
        import datetime as dt

        base = dt.date(2025, 6, 1)

        def day(n: int | None) -> dt.date | None:
            return None if n is None else base + dt.timedelta(days=n)

        # an employee's end is not before their start (else date_order's, not this test's)
        spans = [(a, None if b is None or a is None else max(a, b)) for a, b in service]
        tables = org()
        tables["employees"] = tables["employees"].assign(
            start_date=[None] + [day(a) for a, _ in spans],
            end_date=[None] + [day(b) for _, b in spans],
        )
        table = acting(
            *[
                (NIP[i], post, "plt", day(s), None if n is None else day(s + n))
                for i, post, s, n in rows
            ]
        )
        ds = Dataset.from_frames(**tables, acting=table)
        got: dict[str, set[int]] = {}
        for p in ds.report:
            if p.table == "acting" and p.row is not None:
                got.setdefault(p.code, set()).add(p.row)
        big = 10**6
        cut, outside, open_on = [], set(), set()
        for r, (i, _post, s, n) in enumerate(rows):
            first, last = spans[i - 1]
            end = big if n is None else s + n
            if n is not None and n < 0:
                cut.append(None)  # date_order's
                continue
            early = first is not None and s < first
            if n is None and not early and last is not None and s <= last:
                open_on.add(r)  # open, from a day in service: ends with it, said apart
            elif early or (last is not None and end > last):
                outside.add(r)
            lo, hi = (
                max(s, first if first is not None else -big),
                min(end, last if last is not None else big),
            )
            cut.append((lo, hi) if lo <= hi else None)
        assert got.get("acting_outside_service", set()) == outside
        assert got.get("acting_open_past_service", set()) == open_on
        for code, same in (
            ("acting_overlap_post", lambda a, b: rows[a][1] == rows[b][1]),
            ("acting_overlap_employee", lambda a, b: rows[a][0] == rows[b][0]),
        ):
            want = set()
            for a in range(len(rows)):
                for b in range(a + 1, len(rows)):
                    x, y = cut[a], cut[b]
                    if same(a, b) and x and y and x[0] <= y[1] and y[0] <= x[1]:
                        want |= {a, b}
            assert got.get(code, set()) == want, code


class TestConsecutiveRows:
    """An assignment typed as several consecutive rows (an extension on a new surat
    perintah: the next row starts the day after the previous ends, same official, post and
    kind) is one assignment for the terms: min_months met on the joined assignment,
    max_months from the first row's start; each row still pays its own days (review 94).
    Cici (kelas 7) acts in KABID2 (kelas 11): 20 % of 7,188,745 a month; min_months 1."""

    def test_an_extension_row_is_capped_by_max_months_from_the_first_row(self) -> None:
        """A Plt of 6 months (15 April to 14 October) extended by 3 in a new row (15 October
        to 14 January) under max_months 6: paid to 14 October, 14/31 of October from the
        first row and nothing from the second, nothing in November though the first row
        does not touch it. Each row's own term paid 31/31 of October and all November."""
        table = acting(  # typed out of order: the rows are joined by their dates
            (NIP[2], "KABID2", "plt", "2025-10-15", "2026-01-14"),
            (NIP[2], "KABID2", "plt", "2025-04-15", "2025-10-14"),
        )
        month = Fraction(K11) / 5
        october = pay(table, "2025-10", max_months=6)
        assert paid(october, NIP[2]) == round(K7 + month * Fraction(14, 31))  # 7,179,484
        assert paid(pay(table, "2025-11", max_months=6), NIP[2]) == K7
        en = str(october.explain(NIP[2], lang="en"))
        assert "term from 2025-04-15, the first of 2 consecutive rows" in en
        assert "term to 2026-01-14, the last of 2 consecutive rows" in en
        id_ = str(october.explain(NIP[2], lang="id"))
        assert "masa tugas sejak 2025-04-15, baris pertama dari 2 baris berturut-turut" in id_
        # no limit: the extension pays on (17/31 of October, the whole of November)
        assert paid(pay(table, "2025-10"), NIP[2]) == K7 + K11 // 5
        assert paid(pay(table, "2025-11"), NIP[2]) == K7 + K11 // 5

    def test_two_short_rows_meet_the_minimum_month_together(self) -> None:
        """Two rows of 20 days (1 to 20 October, 21 October to 9 November): the assignment
        reaches a calendar month on 31 October, so both rows pay their days: 20/31 + 11/31
        of October (the whole month), 9/30 of November. Each alone paid nothing. Joined to
        25 October only, the assignment is short of the month: nothing."""
        table = acting(
            (NIP[2], "KABID2", "plt", "2025-10-01", "2025-10-20"),
            (NIP[2], "KABID2", "plt", "2025-10-21", "2025-11-09"),
        )
        month = Fraction(K11) / 5
        for reference in (False, True):
            from tukin.calc.engine import calculate
            from tukin.ruleset.load import load_ruleset

            result = calculate(
                Dataset.from_frames(**org(), acting=table),
                load_ruleset(RULES),
                "2025-10",
                reference=reference,
            )
            assert paid(result, NIP[2]) == K7 + K11 // 5  # 20/31 + 11/31
        assert paid(pay(table, "2025-11"), NIP[2]) == round(K7 + month * Fraction(9, 30))
        short = acting(
            (NIP[2], "KABID2", "plt", "2025-10-01", "2025-10-10"),
            (NIP[2], "KABID2", "plt", "2025-10-11", "2025-10-25"),
        )
        result = pay(short)
        assert paid(result, NIP[2]) == K7
        assert "shorter than 1 calendar month" in str(result.explain(NIP[2], lang="en"))

    def test_an_open_last_row_leaves_the_joined_assignment_open(self) -> None:
        """A row of 10 days then one with no end date (from 11 October): judged to the
        period's end the assignment is 31 days, a calendar month from 1 October: both rows
        paid in October; from 15 October it is short, and the first row says when the month
        is met (14 November)."""
        met = acting(
            (NIP[2], "KABID2", "plt", "2025-10-01", "2025-10-10"),
            (NIP[2], "KABID2", "plt", "2025-10-11", None),
        )
        assert paid(pay(met), NIP[2]) == K7 + K11 // 5
        short = acting(
            (NIP[2], "KABID2", "plt", "2025-10-15", "2025-10-20"),
            (NIP[2], "KABID2", "plt", "2025-10-21", None),
        )
        result = pay(short)
        assert paid(result, NIP[2]) == K7
        en = str(result.explain(NIP[2], lang="en"))
        assert "met if it runs to 2025-11-14" in en and "2025-10-20: no end date" not in en

    @pytest.mark.parametrize(
        ("second", "why"),
        [
            ((NIP[2], "KABID2", "plt", "2025-10-23", "2025-11-12"), "a gap of 2 days"),
            ((NIP[2], "KABID2", "plt", "2025-10-22", "2025-11-12"), "a gap of 1 day"),
            ((NIP[2], "KADIS", "plt", "2025-10-21", "2025-11-12"), "another post"),
            ((NIP[2], "KABID2", "plh", "2025-10-21", "2025-11-12"), "a Plh after a Plt"),
        ],
    )
    def test_rows_not_continuing_the_assignment_keep_their_own_terms(
        self, second: tuple[object, ...], why: str
    ) -> None:
        """A Plt of 1 to 20 October, then a row after a gap, in another post, or of the
        other kind: two assignments, each shorter than a calendar month (the second ends
        before its month from its own start, 21 to 23 October + 1 month): nothing paid in
        October, though joined they would run from 1 October past 31 October."""
        table = acting((NIP[2], "KABID2", "plt", "2025-10-01", "2025-10-20"), second)
        result = pay(table, plh_grants={"higher": {"share": "10%"}})
        assert paid(result, NIP[2]) == K7, why
        assert "consecutive" not in str(result.explain(NIP[2], lang="en"))
