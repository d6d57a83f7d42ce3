"""Several positions within one period (review 103): the ``position_history`` table, its
checks, the employee frame's rows per position, the sum at ``position_history.sum_at``
(fast and exact), and every surface of the Result seeing one row per employee."""

from __future__ import annotations

import json
import warnings
from fractions import Fraction
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from tests import strategies as ts
from tukin import calculate, io, load_ruleset
from tukin.calc.engine import _spell_sums
from tukin.calc.frame import employee_frame
from tukin.calc.num import FNum, Tracker
from tukin.dataset import Dataset
from tukin.errors import RuleSetError
from tukin.period import Period

NIP = ts.nips(5)
HISTORY = ["nip", "position_id", "status", "start_date", "end_date", "reference"]

#: kelas -> base (whole rupiah, SYNTHETIC)
BASE = {7: 3_000_000, 9: 4_500_000, 11: 6_000_000, 14: 9_000_000}


def org(starts: list[str | None] | None = None) -> dict[str, pd.DataFrame]:
    """Two OPDs: A (a head, kelas 14; two heads of bidang, kelas 11; staff kelas 7 and 9)
    and B (staff kelas 7)."""
    units = pd.DataFrame(
        {"unit_id": ["A", "A1", "B"], "name": ["Dinas A", "Bidang 1", "Dinas B"]}
    ).assign(parent_id=[None, "A", None])
    positions = pd.DataFrame(
        {
            "position_id": ["KADIS", "KABID1", "KABID2", "STAF7", "STAF9", "STAFB"],
            "name": ["Kepala", "Kabid 1", "Kabid 2", "Staf 7", "Staf 9", "Staf B"],
            "unit_id": ["A", "A1", "A1", "A1", "A1", "B"],
            "kind": [
                "jpt",
                "administrator",
                "administrator",
                "pelaksana",
                "pelaksana",
                "pelaksana",
            ],
            "grade": [14, 11, 11, 7, 9, 7],
            "superior_id": [None, "KADIS", "KADIS", "KABID1", "KABID1", None],
        }
    )
    employees = pd.DataFrame(
        {
            "nip": NIP,
            "name": ["Ani", "Budi", "Cici", "Dedi", "Eka"],
            "position_id": ["KADIS", "STAF9", "KABID2", "STAF7", "STAFB"],
            "status": ["pns", "pns", "pns", "pns", "cpns"],
            "start_date": starts or [None, "2025-11-15", None, "2025-11-15", None],
        }
    )
    return {"units": units, "positions": positions, "employees": employees}


def history(*rows: tuple[object, ...]) -> pd.DataFrame:
    return pd.DataFrame([(*r, None)[:6] for r in rows], columns=HISTORY)


RULES = """
name: spells
period_kinds: [month]
position_history: {sum_at: for_days}
parameters:
  base: {unit: rupiah, reference: SYNTHETIC, value: {7: 3000000, 9: 4500000, 11: 6000000, 14: 9000000}}
  factors: {reference: SYNTHETIC, value: {pns: 100%, cpns: 80%, pppk: 100%}}
  share: {reference: SYNTHETIC, value: 100%}
steps:
  - {id: base, type: lookup, key: grade, table: $base, unit: rupiah}
  - {id: status_f, type: status_factor, factors: $factors}
  - {id: days_f, type: pro_rata}
  - {id: for_days, type: formula, expr: base * status_f * days_f * share}
  - {id: pay, type: round, input: for_days, mode: half_up}
"""


def rules(text: str = RULES, **replace: str) -> object:
    for old, new in replace.items():
        text = text.replace(old, new)
    return load_ruleset(text)


def pay(ds: Dataset, period: str = "2025-11", rs: object = None, **kw: object):  # type: ignore[no-untyped-def]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return calculate(ds, rs or rules(), period, **kw)  # type: ignore[arg-type]


def paid(result: object) -> dict[str, int]:
    frame = result.to_frame()  # type: ignore[attr-defined]
    return dict(zip(frame["nip"].astype(str), frame["allowance"].astype(int), strict=True))


def round_half_up(q: Fraction) -> int:
    return int((q + Fraction(1, 2)) // 1)


class TestChecks:
    def test_every_problem_at_once_in_both_languages(self) -> None:
        """Two overlapping rows, a row not ending before the current TMT, a row for an
        employee without a TMT, an end before a start, an unknown position: all listed at
        once, each with table, row, column and both languages."""
        table = history(
            (NIP[1], "STAF7", "cpns", "2025-01-01", "2025-06-30"),  # 0 overlaps 1
            (NIP[1], "STAF7", "pns", "2025-06-01", "2025-11-14"),  # 1 overlaps 0
            (NIP[3], "STAF9", "pns", "2025-05-01", "2025-11-15"),  # 2 not before TMT 11-15
            (NIP[0], "KABID1", "pns", "2025-01-01", "2025-02-01"),  # 3 KADIS has no TMT
            (NIP[3], "STAF9", "pns", "2025-03-01", "2025-02-01"),  # 4 end before start
            (NIP[3], "NOPE", "pns", "2024-01-01", "2024-01-31"),  # 5 unknown position
        )
        ds = Dataset.from_frames(**org(), position_history=table)
        found = {(p.row, p.column, p.code) for p in ds.report if p.table == "position_history"}
        assert found == {
            (0, "start_date", "history_overlap"),
            (1, "start_date", "history_overlap"),
            (2, "end_date", "history_after_current"),
            (3, "nip", "history_current_start_missing"),
            (4, "end_date", "date_order"),
            (5, "position_id", "unknown_reference"),
            (5, "end_date", "history_gap"),  # a note: 2024-01-31, then row 2 from 2025-05-01
        }
        late = next(p for p in ds.report if p.code == "history_after_current")
        assert "2025-11-15" in late.message("en") and "sheet Pegawai" in late.message("id")
        over = next(p for p in ds.report if p.code == "history_overlap" and p.row == 0)
        assert over.fields["other_row"] == 1 and "baris 1" in over.message("id")
        assert ds.summary().loc["position_history", "kept"] == 0

    def test_what_hr_types_for_a_promotion_is_answered_with_what_to_type(self) -> None:
        """The two ways an SK's "until the promotion" is typed (review 110): the end date
        equal to the new TMT, and the end date left blank. The first names the day to type
        (the day before the TMT), the second says what belongs in the cell, in both
        languages; neither is a bare "a value is required"."""
        table = history(
            (NIP[1], "STAF7", "pns", "2020-01-01", "2025-11-15"),  # the TMT itself
            (NIP[3], "STAF9", "pns", "2020-01-01", None),  # blank: "until now"
        )
        ds = Dataset.from_frames(**org(), position_history=table)
        found = {(p.row, p.column, p.code) for p in ds.report if p.table == "position_history"}
        assert found == {
            (0, "end_date", "history_after_current"),
            (1, "end_date", "history_end_missing"),
        }
        late = next(p for p in ds.report if p.code == "history_after_current")
        assert "end it on 2025-11-14 at the latest" in late.message("en")
        assert "paling lambat 2025-11-14" in late.message("id")
        blank = next(p for p in ds.report if p.code == "history_end_missing")
        assert "the day before" in blank.message("en") and "TMT" in blank.message("en")
        assert "sehari sebelum" in blank.message("id") and "sheet Pegawai" in blank.message("id")

    def test_an_earlier_position_of_nobody_says_where_the_employee_goes(self) -> None:
        """A history row whose NIP has no employees row (the clerk typed the promotion only
        in Riwayat Jabatan) says that the employee's own row, with the position held now, goes
        in Pegawai; an unknown position of a history row does not (review 110)."""
        table = history(
            ("199901012020011001", "STAF7", "pns", "2020-01-01", "2025-11-14"),
            (NIP[1], "NOPE", "pns", "2020-01-01", "2025-11-14"),
        )
        ds = Dataset.from_frames(**org(), position_history=table)
        found = [p for p in ds.report if p.code == "unknown_reference"]
        assert {(p.row, p.column) for p in found} == {(0, "nip"), (1, "position_id")}
        nobody = next(p for p in found if p.column == "nip")
        assert "with the position held now" in nobody.message("en")
        assert "jabatan sekarang" in nobody.message("id") and "sheet Pegawai" in nobody.message(
            "id"
        )
        other = next(p for p in found if p.column == "position_id")
        assert "position held now" not in other.message("en")

    def test_a_nip_twice_with_dates_apart_points_to_the_history_sheet(self) -> None:
        """Two employees rows of one NIP whose dates do not overlap read as a change of
        position: rejected as before, the message naming the sheet Riwayat Jabatan; two
        rows that overlap stay duplicate_key."""
        frames = org()
        emp = frames["employees"]
        earlier = emp.iloc[[1]].assign(
            position_id="STAF7", start_date="2025-01-01", end_date="2025-11-14"
        )
        both = emp.iloc[[3]].assign(start_date="2025-11-01")
        frames["employees"] = pd.concat([emp, earlier, both], ignore_index=True)
        ds = Dataset.from_frames(**frames)
        codes = {(p.row, p.code) for p in ds.report if p.table == "employees"}
        assert codes == {
            (1, "employee_positions_twice"),
            (5, "employee_positions_twice"),
            (3, "duplicate_key"),
            (6, "duplicate_key"),
        }
        twice = next(p for p in ds.report if p.code == "employee_positions_twice")
        assert "Riwayat Jabatan" in twice.message("id") and "position_history" in twice.message(
            "en"
        )

    def test_the_sheet_reads_back_from_a_workbook(self, tmp_path: Path) -> None:
        """Written with its Indonesian headings (sheet Riwayat Jabatan) and read back: the
        same rows, statuses as the contract's, dates as dates; a CSV folder too."""
        table = history(
            (NIP[1], "STAF7", "CPNS", "2024-01-01", "2025-11-14", "800/1/2024"),
        )
        path = tmp_path / "isian.xlsx"
        io.write_frames({**org(), "position_history": table}, path)
        ds = io.read_excel(path)
        kept = ds["position_history"]
        assert kept["status"].tolist() == ["cpns"]
        assert str(kept["end_date"].iloc[0].date()) == "2025-11-14"
        assert kept["reference"].tolist() == ["800/1/2024"]
        assert (
            paid(pay(ds))[NIP[1]]
            == paid(pay(Dataset.from_frames(**org(), position_history=table)))[NIP[1]]
        )

    def test_records_and_json_read_the_table(self, tmp_path: Path) -> None:
        """Machine input takes the table by its contract name: records, as models too
        (tukin.model.PositionSpell), and a JSON document, all read alike."""
        from tukin.model import PositionSpell

        row = {
            "nip": NIP[1],
            "position_id": "STAF7",
            "status": "cpns",
            "start_date": "2024-01-01",
            "end_date": "2025-11-14",
        }
        frames = {
            k: [
                {c: (None if pd.isna(x) else x) for c, x in r.items()} for r in v.to_dict("records")
            ]
            for k, v in org().items()
        }
        path = tmp_path / "data.json"
        path.write_text(json.dumps({**frames, "position_history": [row]}), encoding="utf-8")
        by_json = io.read_json(path)
        by_records = Dataset.from_records(frames, position_history=[row])
        by_model = Dataset.from_records(frames, position_history=[PositionSpell(**row)])
        for ds in (by_json, by_records, by_model):
            assert ds["position_history"]["status"].tolist() == ["cpns"]
        assert by_json.fingerprint() == by_records.fingerprint() == by_model.fingerprint()

    def test_an_empty_table_leaves_the_fingerprint(self) -> None:
        """Given without rows (or not at all), the table is no part of the input
        fingerprint: receipts of inputs from before it still verify."""
        without = Dataset.from_frames(**org())
        empty = Dataset.from_frames(**org(), position_history=history())
        assert without.fingerprint() == empty.fingerprint()
        one = Dataset.from_frames(
            **org(), position_history=history((NIP[1], "STAF7", "pns", "2024-01-01", "2025-11-14"))
        )
        assert one.fingerprint() != without.fingerprint()


class TestFrame:
    def test_one_row_per_position_held_in_the_period(self) -> None:
        """The employee's row first (the latest position), the earlier position appended
        with its kelas, unit and days; an employee promoted after the period shows the
        position held in it."""
        table = history(
            (NIP[1], "STAF7", "cpns", "2024-01-01", "2025-11-14"),
            (NIP[2], "STAFB", "pns", "2025-01-01", "2025-11-30"),  # whole month, current later
        )
        frames = org([None, "2025-11-15", "2025-12-01", "2025-11-15", None])
        ds = Dataset.from_frames(**frames, position_history=table)
        f = employee_frame(ds, Period.parse("2025-11"))
        spells = f.attrs["spells"]
        assert spells.n == 5 and spells.owner.tolist() == [1]
        assert f["nip"].astype(str).tolist() == [*NIP, NIP[1]]
        assert f["position_id"].astype(str).tolist()[1:3] == ["STAF9", "STAFB"]
        assert f["grade"].tolist() == [14, 9, 7, 7, 7, 7]
        assert f["opd_id"].astype(str).tolist()[2] == "B"
        assert f["days_served"].tolist() == [30, 16, 30, 16, 30, 14]
        assert f["status"].astype(str).tolist()[5] == "cpns"

    def test_what_is_taken_from_the_frame_shares_its_spells(self) -> None:
        """pandas deep-copies a frame's ``attrs`` into every column and frame taken from
        it; the spells are never changed, so they are shared, not copied (a copy per column
        read cost a list per promoted employee: a repeated calculation with 5 % of 50,000
        employees promoted took 0.56 s instead of 0.23 s; review 108)."""
        table = history((NIP[1], "STAF7", "cpns", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**org(), position_history=table)
        f = employee_frame(ds, Period.parse("2025-11"))
        spells = f.attrs["spells"]
        assert spells.others == {1: [5]}  # the cache filled, as after the merge
        assert f["nip"].attrs["spells"] is spells
        assert f.iloc[:3].attrs["spells"] is spells
        assert f.copy(deep=True).attrs["spells"] is spells

    def test_no_history_in_the_period_is_the_frame_as_before(self) -> None:
        table = history((NIP[1], "STAF7", "cpns", "2024-01-01", "2025-10-31"))
        ds = Dataset.from_frames(**org(), position_history=table)
        f = employee_frame(ds, Period.parse("2025-11"))
        assert "spells" not in f.attrs and len(f) == 5


class TestPay:
    def test_a_promotion_on_the_15th_pays_each_class_its_days(self) -> None:
        """Kelas 7 up to the 14th, kelas 9 from the 15th of a 30-day month:
        3,000,000 x 14/30 + 4,500,000 x 16/30 = 1,400,000 + 2,400,000."""
        table = history((NIP[1], "STAF7", "pns", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**org(), position_history=table)
        result = pay(ds)
        assert paid(result)[NIP[1]] == 3_800_000
        assert paid(pay(ds, reference=True)) == paid(result)
        row = result.to_frame().set_index("nip").loc[NIP[1]]
        assert str(row["position_id"]) == "STAF9" and int(row["grade"]) == 9
        assert result.receipt.employees_in == 5 and result.receipt.employees_paid == 5
        assert len(result.to_frame()) == 5 and len(result.rejected) == 0

    def test_cpns_to_pns_mid_month(self) -> None:
        """CPNS at 80 % up to the 14th, PNS from the 15th, same kelas 7:
        3,000,000 x 80 % x 14/30 + 3,000,000 x 16/30 = 1,120,000 + 1,600,000."""
        table = history((NIP[3], "STAF7", "cpns", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**org(), position_history=table)
        assert paid(pay(ds))[NIP[3]] == 2_720_000

    def test_uncertified_parts_are_summed_exactly(self) -> None:
        """14/31 and 17/31 of an amount are no short decimals: each part carries a bound,
        the fast sum carries both and the rounding is certified on it (see the next test);
        the explanation recomputes the sum exactly (the same Fraction)."""
        frames = org([None, "2025-10-15", None, None, None])
        table = history((NIP[1], "STAF7", "cpns", "2024-01-01", "2025-10-14"))
        ds = Dataset.from_frames(**frames, position_history=table)
        result = pay(ds, "2025-10")
        exact = Fraction(3_000_000 * 4, 5) * Fraction(14, 31) + Fraction(4_500_000 * 17, 31)
        assert paid(result)[NIP[1]] == round_half_up(exact)
        assert paid(pay(ds, "2025-10", reference=True)) == paid(result)
        steps = result.explain(NIP[1]).to_dict()["steps"]
        assert Fraction(next(s for s in steps if s["id"] == "for_days")["exact"]) == exact

    def test_a_bounded_sum_certified_at_the_rounding_stays_on_the_fast_path(self) -> None:
        """The fast sum of parts of 14/31 and 17/31 carries their bounds and its own
        rounding; far from a half rupiah the final rounding is certified on it: the employee
        is not put on the exact path (every position's row stays off it too), as an
        employee with one position and a part month is not (review 109), and is paid what
        the reference evaluator pays."""
        frames = org([None, "2025-10-15", None, None, None])
        table = history((NIP[1], "STAF7", "cpns", "2024-01-01", "2025-10-14"))
        ds = Dataset.from_frames(**frames, position_history=table)
        result = pay(ds, "2025-10")
        run = result._run  # type: ignore[attr-defined]
        exact = Fraction(3_000_000 * 4, 5) * Fraction(14, 31) + Fraction(4_500_000 * 17, 31)
        assert abs(exact - round_half_up(exact)) < Fraction(1, 4)  # far from a tie
        assert paid(result)[NIP[1]] == round_half_up(exact)
        assert paid(pay(ds, "2025-10", reference=True)) == paid(result)
        assert run.fast.values["for_days"].e[1] > 0  # a bounded sum, not a certified one
        assert not run.in_exact.any() and not run.full.in_exact.any()

    @staticmethod
    def _tie_case() -> tuple[Dataset, object, Fraction]:
        """A CPNS in kelas 7 until 14 October, PNS in kelas 9 from the 15th, with bases whose
        parts (14/31 at 80 %, 17/31) sum, halved, to a rupiah and a half: the Dataset, the
        rules and the exact amount before the final rounding."""
        a, b = _tie()
        rs = rules(
            RULES.replace("7: 3000000", f"7: {a}").replace("9: 4500000", f"9: {b}"),
            **{"value: 100%}": "value: 50%}"},
        )
        frames = org([None, "2025-10-15", None, None, None])
        table = history((NIP[1], "STAF7", "cpns", "2024-01-01", "2025-10-14"))
        ds = Dataset.from_frames(**frames, position_history=table)
        exact = (Fraction(a * 4, 5) * Fraction(14, 31) + Fraction(b * 17, 31)) / 2
        return ds, rs, exact

    def test_a_sum_flagged_after_the_merge_is_recomputed_with_every_position(self) -> None:
        """A tie at the final rounding (after ``sum_at``) flags the employee's row: the
        exact path then recomputes the employee's other position's row too and sums the
        exact parts; the latest position's own value alone would round another way."""
        ds, rs, exact = self._tie_case()
        result = pay(ds, "2025-10", rs)
        run = result._run  # type: ignore[attr-defined]
        assert paid(result)[NIP[1]] == round_half_up(exact)
        assert run.in_exact.tolist() == [False, True, False, False, False]
        assert run.full.in_exact[5:].tolist() == [True]  # the other position's row
        (at,) = np.flatnonzero(run.exact.rows == 1)
        assert run.exact.values["for_days"].v[at] == exact

    def test_a_tie_at_the_final_rounding_is_decided_on_the_exact_sum(self) -> None:
        """Parts of 14/31 and 17/31 that add up to a whole rupiah and a half: the float sum
        straddles the half, the rounding sends the employee to the exact path, which must
        recompute every position of the employee (the sum, not the latest position alone)."""
        ds, rs, exact = self._tie_case()
        assert exact.denominator == 2  # a tie
        result = pay(ds, "2025-10", rs)
        assert paid(result)[NIP[1]] == round_half_up(exact)
        assert paid(pay(ds, "2025-10", rs, reference=True)) == paid(result)

    def test_a_rejected_position_rejects_its_employee(self) -> None:
        """An earlier position whose kelas the base table lacks: the employee is not paid
        on the other position alone; the reason names the position and its start."""
        frames = org()
        frames["positions"].loc[frames["positions"]["position_id"] == "STAFB", "grade"] = 5
        table = history((NIP[1], "STAFB", "pns", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**frames, position_history=table)
        result = pay(ds)
        assert NIP[1] not in paid(result)
        row = result.rejected.set_index("nip").loc[NIP[1]]
        assert "STAFB" in row["reason"] and "2024-01-01" in row["reason"]
        assert result.receipt.employees_in == 5 and len(result.rejected) == 2  # Eka too

    def test_without_a_declaration_the_employee_is_not_paid(self) -> None:
        """No position_history key: an employee with several positions in the period is
        rejected (position_history_not_declared); the others are paid as before."""
        table = history((NIP[1], "STAF7", "pns", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**org(), position_history=table)
        rs = rules(**{"position_history: {sum_at: for_days}\n": ""})
        result = pay(ds, rs=rs)
        row = result.rejected.set_index("nip").loc[NIP[1]]
        assert row["code"] == "position_history_not_declared"
        assert set(paid(result)) == set(NIP) - {NIP[1]}
        assert paid(result)[NIP[3]] == paid(pay(Dataset.from_frames(**org()), rs=rs))[NIP[3]]

    def test_a_rejected_history_row_blocks_its_employee_in_the_periods_it_may_cover(self) -> None:
        """A history row thrown out (an unknown position) stops its employee in a period it
        overlaps (input_row_rejected), not in one after it ended."""
        table = history((NIP[1], "NOPE", "pns", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**org(), position_history=table)
        result = pay(ds)
        assert result.rejected.set_index("nip").loc[NIP[1], "code"] == "input_row_rejected"
        assert NIP[1] in paid(pay(ds, "2025-12"))

    def test_a_ceiling_after_the_sum_counts_the_employee_once(self) -> None:
        """A budget ceiling per OPD after sum_at sees one row per employee, with the summed
        amount, charged to the OPD of the latest position."""
        text = RULES + (
            "  - {id: capped, type: ceiling, input: pay, group_by: opd_id, "
            "amount: {A: 10000000, B: 100000000}}\noutputs: {allowance: capped}\n"
        )
        table = history((NIP[1], "STAFB", "pns", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**org(), position_history=table)
        result = pay(ds, rs=load_ruleset(text))
        frame = result.to_frame()
        assert int(frame.loc[frame["opd_id"] == "A", "allowance"].sum()) == 10_000_000
        uncapped = paid(pay(ds))
        assert paid(result)[NIP[4]] == uncapped[NIP[4]]  # OPD B: within its ceiling
        assert len(frame) == 5

    def test_the_rule_file_is_checked(self) -> None:
        """sum_at must name a step, and no group-level step may come at or before it."""
        with pytest.raises(RuleSetError) as caught:
            rules(**{"sum_at: for_days": "sum_at: for_dayz"})
        assert "position_history.sum_at" in str(caught.value)
        text = RULES.replace(
            "  - {id: for_days,",
            "  - {id: cap, type: ceiling, input: base, amount: 1}\n  - {id: for_days,",
        )
        with pytest.raises(RuleSetError) as caught:
            load_ruleset(text)
        assert "'cap'" in str(caught.value)

    def test_the_key_is_out_of_the_fingerprint_while_unset(self) -> None:
        """A rule file without the key keeps the fingerprint it had."""
        without = rules(**{"position_history: {sum_at: for_days}\n": ""})
        assert "position_history" not in without.canonical()
        assert rules().fingerprint() != without.fingerprint()
        assert load_ruleset(rules().to_yaml()).fingerprint() == rules().fingerprint()

    def test_a_partitioned_run_pays_the_same(self) -> None:
        """Cut by OPD (the earlier position in another OPD: one partition), the same
        amounts and rejections."""
        from tukin.distributed import calculate_partitioned

        table = history((NIP[1], "STAFB", "pns", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**org(), position_history=table)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parted = calculate_partitioned(ds, rules(), "2025-11", npartitions=2)
        assert paid(parted) == paid(pay(ds))

    def test_the_explanation_shows_each_position(self) -> None:
        """The steps up to sum_at per position (kelas, status, days, value), then the sum,
        in both languages."""
        table = history((NIP[1], "STAF7", "cpns", "2024-01-01", "2025-11-14", "SK 9"))
        ds = Dataset.from_frames(**org(), position_history=table)
        result = pay(ds)
        text_en = str(result.explain(NIP[1], lang="en"))
        text_id = str(result.explain(NIP[1], lang="id"))
        assert "STAF7" in text_en and "STAF9" in text_en and "SK 9" in text_en
        assert "14 days" in text_en and "Positions held" in text_en
        assert "Jabatan yang dipegang" in text_id and "14 hari" in text_id
        spells = result.explain(NIP[1]).to_dict()["positions"]
        assert [s["position_id"] for s in spells] == ["STAF9", "STAF7"]
        assert [s["days_served"] for s in spells] == [16, 14]
        assert sum(Fraction(s["values"]["for_days"]) for s in spells) == 3_000_000 * Fraction(
            4, 5
        ) * Fraction(14, 30) + 4_500_000 * Fraction(16, 30)


class TestExplainedExactly:
    def test_a_certified_part_beside_uncertified_ones(self) -> None:
        """Three positions in November: 3 days (3/30 = 0.1: certified), 13 days and 14 days
        (no short decimals). Recomputed for the explanation and the exact texts, the latest
        position's own value plus the others' is the step's exact value, and each position
        shows its own: 300,000 + 1,300,000 + 4,500,001 x 14/30."""
        rs = rules(RULES.replace("9: 4500000", "9: 4500001"))
        table = history(
            (NIP[1], "STAF7", "pns", "2024-01-01", "2025-11-03"),
            (NIP[1], "STAFB", "pns", "2025-11-04", "2025-11-16"),
        )
        frames = org([None, "2025-11-17", None, "2025-11-15", None])
        ds = Dataset.from_frames(**frames, position_history=table)
        result = pay(ds, rs=rs)
        latest = 4_500_001 * Fraction(14, 30)
        total = latest + 1_300_000 + 300_000
        explained = result.explain(NIP[1]).to_dict()
        own = [Fraction(p["exact"]["for_days"]) for p in explained["positions"]]
        assert own == [latest, 300_000, 1_300_000]  # the latest first, then by start
        step = next(s for s in explained["steps"] if s["id"] == "for_days")
        assert Fraction(step["exact"]) == total
        assert paid(result)[NIP[1]] == round_half_up(total)
        texts = json.loads(result.to_json())["exact"]  # the exact texts of a result
        mine = next(t for t in texts if t["nip"] == NIP[1])
        assert Fraction(mine["for_days"]) == total
        assert Fraction(mine["days_f"]) == Fraction(14, 30)


def test_the_fast_sum_bounds_its_parts_and_its_own_rounding() -> None:
    """The fast sum an employee keeps after the merge (``_spell_sums``) must bound the exact
    sum: each part's whole bound (its per-row part and its relative part ``r·|v|``) and the
    rounding of each float addition. The parts here are the nearest floats to thirds of
    large amounts, each with its own error as its bound (half of them as a relative part):
    the sum of the parts' bounds alone does not cover the additions' rounding (review 109)."""
    rng = np.random.default_rng(109)
    heads_n, k = 400, 700  # 400 employees, 700 earlier positions (328 employees hold 2 to 8)
    own = np.sort(rng.integers(0, heads_n, k))
    amounts = rng.integers(10**14, 10**15, heads_n + k)
    exact = [Fraction(int(a), 3) for a in amounts]
    v = np.array([float(q) for q in exact])
    err = np.array([float(abs(Fraction(x) - q)) for x, q in zip(v.tolist(), exact, strict=True)])
    err = np.nextafter(err, np.inf)  # each part's error, rounded up
    counted = rng.random(len(v)) < 0.9
    heads = np.unique(own)
    for r in (0.0, float((err / np.abs(v)).max())):
        per_row = err if not r else np.full(len(v), 1e-300)  # 1e-300: inexact, r the rest
        fast = FNum(v, per_row, 0, "rupiah", Tracker(len(v)), r=r)
        summed = _spell_sums(fast, counted, heads, own, heads_n)
        e = summed.e
        assert e is not None
        for h in heads.tolist():
            rows = [h, *(heads_n + np.flatnonzero(own == h)).tolist()]
            want = sum((exact[i] for i in rows if counted[i]), Fraction(0))
            assert abs(Fraction(float(summed.v[h])) - want) <= Fraction(float(e[h]))


def _tie() -> tuple[int, int]:
    """Bases (kelas 7 as CPNS for 14 days, kelas 9 for 17, of a 31-day month, at 50 %)
    whose parts are no short decimals but add up to a half rupiah."""
    for a in range(3_000_000, 3_000_400):
        for b in range(4_500_001, 4_500_400, 2):
            q = (Fraction(a * 4, 5) * Fraction(14, 31) + Fraction(b * 17, 31)) / 2
            if q.denominator == 2:
                return a, b
    raise AssertionError("no tie found")


def test_synthetic_bases_are_as_documented() -> None:
    """The rule text's bases are BASE (the hand computations above read them)."""
    assert np.all([str(v) in RULES for v in BASE.values()])


@pytest.mark.parametrize(
    ("name", "step"),
    [
        ("tpp-60-40", "tpp_kotor"),
        ("tpp-80-20", "tpp_kotor"),
        ("tukin-ministry-variant", "tukin_kotor"),
        ("tukin-permentan-68-2012", "tukin_kotor"),
    ],
)
def test_the_packs_pay_each_position_its_days(name: str, step: str) -> None:
    """A packaged pack declares where it sums (position_history.sum_at): an employee promoted
    on 15 November is paid the rounding of what the old position pays for 1-14 November plus
    what the new one pays for 15-30 November, each computed alone."""
    rs = load_ruleset(name)
    if any(p.required and not p.values for p in rs.parameters.values()):
        rs = rs.with_parameters(tukin_base={g: 1_000_000 * g + 1_234 for g in range(1, 18)})
    codes = ("tl1", "tl2", "tl3", "tl4", "psw1", "psw2", "psw3", "psw4", "cuti", "sakit")
    attendance = pd.DataFrame({"nip": NIP, "period": "2025-11"}).assign(
        tk=[0, 1, 0, 0, 0], tl1=[0, 2, 0, 0, 0], apel=0, izin=0, **dict.fromkeys(codes[1:], 0)
    )
    appraisals = pd.DataFrame(
        {"nip": [NIP[1]], "period": ["2025-11"], "results": ["above"], "behaviour": ["below"]}
    )
    given = {"attendance": attendance, "appraisals": appraisals}
    table = history((NIP[1], "STAF7", "pns", "2024-01-01", "2025-11-14"))
    ds = Dataset.from_frames(**org(), **given, position_history=table)
    result = pay(ds, rs=rs)
    parts = []
    for position, start, end in (("STAF7", None, "2025-11-14"), ("STAF9", "2025-11-15", None)):
        frames = org()
        frames["employees"] = frames["employees"].assign(end_date=None)
        frames["employees"].loc[1, ["position_id", "start_date", "end_date"]] = [
            position,
            start,
            end,
        ]
        alone = pay(Dataset.from_frames(**frames, **given), rs=rs)
        parts.append(Fraction(alone.explain(NIP[1]).to_dict()["steps"][_at(rs, step)]["exact"]))
    explained = result.explain(NIP[1]).to_dict()
    assert Fraction(explained["steps"][_at(rs, step)]["exact"]) == sum(parts)
    assert paid(result)[NIP[1]] == round_half_up(sum(parts))


def _at(rs: object, step: str) -> int:
    return [s.id for s in rs.steps].index(step)  # type: ignore[attr-defined]


def test_a_declared_yes_no_column_keeps_its_blank_cells_apart() -> None:
    """A rule file's optional yes/no column with the default yes (columns:): a blank cell
    takes the default for every row, those of an employee with several positions too (the
    employee's cell for each position; a position's own column its own)."""
    frames = org()
    frames["employees"]["remote"] = [True, None, False, None, None]
    frames["positions"]["hazard"] = [None, None, None, True, None, False]
    text = RULES.replace(
        "steps:\n",
        "columns:\n  remote: {type: yes/no, default: true}\n"
        "  hazard: {type: yes/no, default: true}\nsteps:\n",
    ).replace(
        "expr: base * status_f * days_f * share}",
        "expr: 'base * status_f * days_f * share * if_(remote, 1, 0.5) * if_(hazard, 1, 0.5)'}",
    )
    table = history((NIP[1], "STAFB", "pns", "2024-01-01", "2025-11-14"))
    ds = Dataset.from_frames(**frames, position_history=table)
    got = paid(pay(ds, rs=load_ruleset(text)))
    # Budi: remote blank (yes); STAFB hazard no for 14 days, STAF9 hazard blank (yes) for 16
    assert got[NIP[1]] == round_half_up(
        Fraction(3_000_000 * 14, 30) / 2 + Fraction(4_500_000 * 16, 30)
    )
    assert got[NIP[0]] == 9_000_000  # remote typed yes, hazard blank
    assert got[NIP[2]] == 3_000_000  # remote typed no: half of 6,000,000
    assert got[NIP[3]] == 3_000_000 * 16 // 30  # hazard typed yes, from 15 November


def test_the_explanation_document_keeps_its_schema() -> None:
    """Explanation.to_dict with ``positions`` is valid under the published JSON Schema
    (tukin.schema), which describes the key."""
    from tests.test_schema import _validator
    from tukin.schema import json_schemas

    table = history((NIP[1], "STAF7", "cpns", "2024-01-01", "2025-11-14", "SK 9"))
    ds = Dataset.from_frames(**org(), position_history=table)
    doc = json.loads(pay(ds).explain(NIP[1]).to_json())
    docs = json_schemas()
    assert "positions" in docs["explanation"]["properties"]
    _validator(docs, "explanation").validate(doc)
    assert doc["positions"][1]["reference"] == "SK 9"


def test_the_workbook_and_html_show_each_position(tmp_path: Path) -> None:
    """The result workbook's explanation sheet lists the positions before the steps (kelas,
    status, dates, days, SK, the position's own value of sum_at); the notebook HTML too."""
    import openpyxl

    table = history((NIP[1], "STAF7", "cpns", "2024-01-01", "2025-11-14", "SK 9"))
    result = pay(Dataset.from_frames(**org(), position_history=table))
    path = io.write_result(result, tmp_path / "hasil.xlsx", explain_nips=[NIP[1]], lang="id")
    sheet = openpyxl.load_workbook(path)["Penjelasan"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    spells = [r for r in rows if r[0] in ("a", "b")]
    assert [r[2] for r in spells] == ["STAF9", "STAF7"]
    assert "16 hari" in spells[0][3] and "cpns" in spells[1][3] and spells[1][5] == "SK 9"
    assert spells[1][6] == 1_120_000  # 3,000,000 x 80 % x 14/30
    # the summing step adds the rows a and b, whose inputs are a's (review 110)
    summed = next(r for r in rows if r[2] == "for_days")
    assert "jumlah nilai tiap jabatan" in summed[4]
    assert "a. 2400000 + b. 1120000 = 3520000" in summed[4]
    html = result.explain(NIP[1], lang="en")._repr_html_()
    assert "Positions held in the period" in html and "STAF7" in html


def test_a_gap_before_the_next_position_is_noted() -> None:
    """An earlier position ending days before the next starts (the next history row, or the
    employees row's TMT) is noted (history_gap: the days between are paid nothing), the row
    kept; consecutive rows are not."""
    table = history(
        (NIP[1], "STAFB", "pns", "2020-01-01", "2023-12-31"),  # 0: runs on into row 1
        (NIP[1], "STAF7", "pns", "2024-01-01", "2025-11-12"),  # 1: two days before 11-15
        (NIP[3], "STAF9", "pns", "2020-01-01", "2025-11-14"),  # 2: the day before: fine
    )
    ds = Dataset.from_frames(**org(), position_history=table)
    gaps = [p for p in ds.report if p.code == "history_gap"]
    assert [(p.row, p.column, p.value) for p in gaps] == [(1, "end_date", "2025-11-12")]
    assert gaps[0].fields == {"days": 2, "next_start": "2025-11-15"}
    assert "2 day(s)" in gaps[0].message("en") and "baris tetap dibaca" in gaps[0].message("id")
    assert gaps[0] in ds.report.notes and len(ds["position_history"]) == 3
    assert paid(pay(ds))[NIP[1]] == 3_000_000 * 12 // 30 + 4_500_000 * 16 // 30


def _mixed() -> object:
    """Five employees: two with several positions (one with three, in 14/31 and 17/31
    parts, uncertified), three with one; October 2025."""
    frames = org([None, "2025-10-15", None, "2025-10-17", None])
    table = history(
        (NIP[1], "STAF7", "cpns", "2024-01-01", "2025-10-14"),
        (NIP[3], "STAFB", "pns", "2024-01-01", "2025-10-03"),
        (NIP[3], "STAF9", "pns", "2025-10-04", "2025-10-16"),
    )
    return pay(Dataset.from_frames(**frames, position_history=table), "2025-10")


def test_explaining_an_employee_with_several_positions_leaves_the_run_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The exact recomputation of an employee with several positions works on a view of the
    run before the spells retired: the run itself (its frame, rows, columns) never changes,
    so another thread reading it meanwhile (explaining someone else, writing exact texts)
    sees one row per employee (review 106; the run used to be swapped in place)."""
    from tukin.calc.engine import _Run

    result = _mixed()
    run = result._run  # type: ignore[attr-defined]
    n, frame, fast = run.n, run.frame, run.fast
    seen: list[tuple[int, int, int, bool]] = []
    original = _Run._run_exact

    def spy(self: _Run, *args: object, **kw: object) -> None:
        seen.append((run.n, len(run.frame), len(run.alive), run.fast is fast))
        original(self, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(_Run, "_run_exact", spy)
    result.explain(NIP[3])  # type: ignore[attr-defined]
    result.to_json()  # type: ignore[attr-defined]
    assert seen and set(seen) == {(n, n, n, True)}
    assert run.frame is frame and run.fast is fast


def test_explanations_on_threads_equal_serial_ones() -> None:
    """Several threads explaining employees with and without several positions of one Result
    at once, and writing its exact texts, get what one thread gets."""
    from concurrent.futures import ThreadPoolExecutor

    result = _mixed()
    serial = {nip: result.explain(nip).to_dict() for nip in NIP}  # type: ignore[attr-defined]
    texts = json.loads(result.to_json())["exact"]  # type: ignore[attr-defined]

    def work(i: int) -> object:
        if i % 7 == 6:
            return json.loads(result.to_json())["exact"]  # type: ignore[attr-defined]
        return result.explain(NIP[i % 5]).to_dict()  # type: ignore[attr-defined]

    with ThreadPoolExecutor(max_workers=6) as pool:
        got = list(pool.map(work, range(84)))
    for i, doc in enumerate(got):
        assert doc == (texts if i % 7 == 6 else serial[NIP[i % 5]]), i


#: RULES where PPPK is not eligible (a reason that decides: owed nothing under the rules)
BARRED = RULES.replace(
    "{id: status_f, type: status_factor, factors: $factors}",
    "{id: status_f, type: status_factor, factors: {pns: 100%, cpns: 80%}, not_eligible: [pppk]}",
)


class TestDecidedPositions:
    """A position the rules decide pays nothing adds 0; the employee is paid on the others,
    rejected only when every position is so decided or one has a fault (review 106)."""

    def test_an_earlier_position_not_eligible_leaves_the_later_days_paid(self) -> None:
        """PPPK (not eligible) up to the 14th, PNS in kelas 9 from the 15th:
        4,500,000 x 16/30 = 2,400,000; the explanation shows the PPPK position adding 0
        and why, in both languages."""
        table = history((NIP[1], "STAF7", "pppk", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**org(), position_history=table)
        rs = load_ruleset(BARRED)
        result = pay(ds, rs=rs)
        assert paid(result)[NIP[1]] == 2_400_000
        assert paid(pay(ds, rs=rs, reference=True)) == paid(result)
        spells = result.explain(NIP[1]).to_dict()["positions"]
        assert [(s["position_id"], s.get("code")) for s in spells] == [
            ("STAF9", None),
            ("STAF7", "not_eligible"),
        ]
        assert Fraction(spells[1]["exact"]["for_days"]) == 0
        assert "pppk" in spells[1]["reason"]
        en = str(result.explain(NIP[1], lang="en"))
        id_ = str(result.explain(NIP[1], lang="id"))
        assert "owed nothing for this position" in en and "no allowance under this rule" in en
        assert "tidak berhak atas jabatan ini" in id_ and "tidak menerima tunjangan" in id_

    def test_the_latest_position_not_eligible_keeps_the_employee_paid_on_the_others(
        self,
    ) -> None:
        """PNS in kelas 7 for 14 of 31 October days, STAFB for 3, then PPPK (not eligible)
        from the 18th: the employee's row is paid on the sum of the first two, exactly
        (14/31 is no short decimal), though its position, status and factors are the latest
        position's; the fast path equals the reference evaluator."""
        frames = org([None, "2025-10-18", None, None, None])
        frames["employees"].loc[1, "status"] = "pppk"
        table = history(
            (NIP[1], "STAF7", "pns", "2024-01-01", "2025-10-14"),
            (NIP[1], "STAFB", "pns", "2025-10-15", "2025-10-17"),
        )
        ds = Dataset.from_frames(**frames, position_history=table)
        rs = load_ruleset(BARRED)
        result = pay(ds, "2025-10", rs)
        exact = Fraction(3_000_000 * 14, 31) + Fraction(3_000_000 * 3, 31)
        assert paid(result)[NIP[1]] == round_half_up(exact)
        assert paid(pay(ds, "2025-10", rs, reference=True)) == paid(result)
        assert len(result.rejected) == 0
        row = result.to_frame().set_index("nip").loc[NIP[1]]
        assert str(row["status"]) == "pppk" and str(row["position_id"]) == "STAF9"
        explained = result.explain(NIP[1]).to_dict()
        step = next(s for s in explained["steps"] if s["id"] == "for_days")
        assert Fraction(step["exact"]) == exact
        own = [(p["position_id"], Fraction(p["exact"]["for_days"])) for p in explained["positions"]]
        assert own == [
            ("STAF9", 0),
            ("STAF7", Fraction(42_000_000, 31)),
            ("STAFB", Fraction(9_000_000, 31)),
        ]
        assert explained["positions"][0]["code"] == "not_eligible"
        mine = next(t for t in json.loads(result.to_json())["exact"] if t["nip"] == NIP[1])
        assert Fraction(mine["for_days"]) == exact

    def test_every_position_not_eligible_rejects_with_the_latest_reason(self) -> None:
        """A teacher's position (not eligible by the position's ``rumpun``) up to the 14th,
        then PPPK (not eligible by status): rejected, with the latest position's reason."""
        text = BARRED.replace(
            "  - {id: days_f,",
            "  - {id: guru_f, type: status_factor, status: rumpun, factors: {umum: 1}, "
            "missing: 1, not_eligible: [guru]}\n  - {id: days_f,",
        ).replace("base * status_f", "base * guru_f * status_f")
        frames = org()
        frames["positions"]["rumpun"] = ["umum", "umum", "umum", "guru", None, None]
        frames["employees"].loc[1, "status"] = "pppk"
        table = history((NIP[1], "STAF7", "pns", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**frames, position_history=table)
        result = pay(ds, rs=load_ruleset(text))
        assert NIP[1] not in paid(result)
        row = result.rejected.set_index("nip").loc[NIP[1]]
        assert row["code"] == "not_eligible" and "pppk" in row["reason"]
        assert row["step"] == "status_f"
        # the latest position eligible: paid its 16 days, the teacher's days adding 0
        frames["employees"].loc[1, "status"] = "pns"
        ds = Dataset.from_frames(**frames, position_history=table)
        assert paid(pay(ds, rs=load_ruleset(text)))[NIP[1]] == 2_400_000

    def test_a_fault_in_another_position_rejects_though_the_latest_is_decided(self) -> None:
        """The latest position not eligible, the earlier one's kelas missing from the base
        table (a fault: what it pays cannot be known): rejected with the fault, naming the
        earlier position; the other way round too."""
        frames = org()
        frames["positions"].loc[frames["positions"]["position_id"] == "STAFB", "grade"] = 5
        frames["employees"].loc[1, "status"] = "pppk"
        table = history((NIP[1], "STAFB", "pns", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**frames, position_history=table)
        result = pay(ds, rs=load_ruleset(BARRED))
        row = result.rejected.set_index("nip").loc[NIP[1]]
        assert row["code"] != "not_eligible" and "STAFB" in row["reason"]
        assert paid(pay(ds, rs=load_ruleset(BARRED), reference=True)) == paid(result)
        frames = org()
        frames["positions"].loc[frames["positions"]["position_id"] == "STAF9", "grade"] = 5
        table = history((NIP[1], "STAF7", "pppk", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**frames, position_history=table)
        row = pay(ds, rs=load_ruleset(BARRED)).rejected.set_index("nip").loc[NIP[1]]
        assert row["code"] != "not_eligible"

    def test_faults_in_the_earlier_positions_of_two_employees(self) -> None:
        """Budi and Cici each held STAFB before the 15th, its kelas (5) missing from the
        base table: both are rejected naming it, the others paid. The second employee's
        new reason fell off the end of the list of deciding reasons: IndexError, found on
        the demo regency with promotions (review 119)."""
        frames = org([None, "2025-11-15", "2025-11-15", None, None])
        frames["positions"].loc[frames["positions"]["position_id"] == "STAFB", "grade"] = 5
        frames["employees"].loc[4, "position_id"] = "STAF7"
        table = history(
            (NIP[1], "STAFB", "pns", "2024-01-01", "2025-11-14"),
            (NIP[2], "STAFB", "pns", "2023-01-01", "2025-11-14"),
        )
        ds = Dataset.from_frames(**frames, position_history=table)
        for reference in (False, True):
            result = pay(ds, reference=reference)
            rejected = result.rejected.set_index("nip")
            assert sorted(rejected.index.astype(str)) == sorted([NIP[1], NIP[2]])
            assert rejected["reason"].str.contains("STAFB").all()
            assert sorted(paid(result)) == sorted([NIP[0], NIP[3], NIP[4]])

    def test_one_reason_for_employees_with_the_same_faulty_earlier_position(self) -> None:
        """Budi, Cici and Dedi each held STAFB (kelas 5, missing from the table) before the
        15th, Dedi from another day: each rejected naming the position and its day, the run
        holding one reason per position and day (the rows share it, as reject_rows's do),
        not one made per employee in a loop: at a national run a kelas the table lacks is
        thousands of employees (review 123)."""
        frames = org([None, "2025-11-15", "2025-11-15", "2025-11-15", None])
        frames["positions"].loc[frames["positions"]["position_id"] == "STAFB", "grade"] = 5
        frames["employees"].loc[4, "position_id"] = "STAF7"
        table = history(
            (NIP[1], "STAFB", "pns", "2024-01-01", "2025-11-14"),
            (NIP[2], "STAFB", "pns", "2024-01-01", "2025-11-14"),
            (NIP[3], "STAFB", "pns", "2025-11-05", "2025-11-14"),
        )
        ds = Dataset.from_frames(**frames, position_history=table)
        texts = {}
        for reference in (False, True):
            result = pay(ds, reference=reference)
            rejected = result.rejected.set_index("nip")["reason"]
            texts[reference] = rejected.sort_index().tolist()
            assert sorted(rejected.index.astype(str)) == sorted(NIP[1:4])
            assert rejected.str.contains("STAFB").all()
            assert rejected.loc[NIP[3]].count("2025-11-05") == 1
        assert texts[False] == texts[True]
        said = [r for r in pay(ds)._run.reasons if "STAFB" in str(r[2])]
        assert len(said) == len(set(texts[False])) == 2

    def test_the_workbook_and_the_schema_carry_the_reason(self, tmp_path: Path) -> None:
        """The Penjelasan sheet shows a decided position's reason; the explanation document
        with ``code`` and ``reason`` is valid under the published schema."""
        import openpyxl

        from tests.test_schema import _validator
        from tukin.schema import json_schemas

        table = history((NIP[1], "STAF7", "pppk", "2024-01-01", "2025-11-14"))
        result = pay(Dataset.from_frames(**org(), position_history=table), rs=load_ruleset(BARRED))
        path = io.write_result(result, tmp_path / "hasil.xlsx", explain_nips=[NIP[1]], lang="id")
        rows = [
            [c.value for c in r] for r in openpyxl.load_workbook(path)["Penjelasan"].iter_rows()
        ]
        spell = next(r for r in rows if r[0] == "b")
        assert "not_eligible" in spell[4] and "tidak menerima tunjangan" in spell[4]
        assert spell[6] == 0
        doc = json.loads(result.explain(NIP[1]).to_json())
        _validator(json_schemas(), "explanation").validate(doc)
        assert doc["positions"][1]["code"] == "not_eligible"


def test_a_lookup_default_taken_by_an_earlier_position_is_noted_once() -> None:
    """A look-up's default taken by an earlier position's row (its kelas missing from the
    table): the warning counts the employee once, among those paid (review 106: the notice
    indexed that row past the Result's rows, and the calculation failed with an
    IndexError)."""
    rs = rules(**{"table: $base, unit: rupiah}": "table: $base, unit: rupiah, default: 1000000}"})
    frames = org()
    frames["positions"].loc[frames["positions"]["position_id"] == "STAFB", "grade"] = 5
    table = history((NIP[1], "STAFB", "pns", "2024-01-01", "2025-11-14"))
    result = pay(Dataset.from_frames(**frames, position_history=table), rs=rs)
    # 1,000,000 x 14/30 + 4,500,000 x 16/30
    assert paid(result)[NIP[1]] == round_half_up(Fraction(14_000_000, 30) + 2_400_000)
    found = [w for w in result.warnings if w.code == "lookup_default"]
    assert [w.fields["value"] for w in found] == [2]  # Budi (once) and Eka
    assert found[0].fields["nips"] == f"{NIP[1]}, {NIP[4]}"


def test_the_summing_step_of_an_explanation_adds_the_positions() -> None:
    """At ``sum_at`` the inputs shown are the latest position's while the result is the sum
    of the positions: the step says the addition, a + b = result, so that an auditor adding
    the inputs above is not left with a different number (review 110)."""
    table = history((NIP[1], "STAF7", "cpns", "2024-01-01", "2025-11-14", "SK 9"))
    result = pay(Dataset.from_frames(**org(), position_history=table))
    for lang, said in (("id", "jumlah nilai tiap jabatan"), ("en", "sum of the positions")):
        text = str(result.explain(NIP[1], lang=lang))
        step = text[text.index("(for_days, formula)") :]
        step = step[: step.index("\n", step.index("→"))]
        # kelas 9 x 100 % x 16/30 = 2,400,000; kelas 7 x 80 % x 14/30 = 1,120,000
        assert said in step, step
        assert "a. Rp2.400.000 + b. Rp1.120.000 = Rp3.520.000" in step
    one = str(pay(Dataset.from_frames(**org())).explain(NIP[1], lang="en"))
    assert "sum of the positions" not in one


def test_the_template_examples_type_dates_as_dates(tmp_path: Path) -> None:
    """Every date cell of the template's example rows is an Excel date, as the employees
    sheet's is: the Riwayat Jabatan and Plt Plh examples were text ('2024-01-01'), which a
    clerk copying the row down keeps as text in a date column (review 110). The examples are
    still skipped on reading, and, once typed over, read back as a valid history row."""
    import datetime as dt

    import openpyxl

    from tukin.contract import TABLES

    path = tmp_path / "isian.xlsx"
    io.write_template(path)
    book = openpyxl.load_workbook(path)
    meta = list(book["_kontrak"].iter_rows(values_only=True))
    checked = 0
    for sheet, table in ((m[1], m[2]) for m in meta if m[0] == "sheet"):
        cols = [m[3] for m in meta if m[0] == "kolom" and m[1] == sheet]
        spec = TABLES[table]
        for name, cell in zip(cols, book[sheet][2], strict=False):
            if name in spec.names and spec.column(name).type == "date" and cell.value is not None:
                assert isinstance(cell.value, dt.datetime), (sheet, name, cell.value)
                checked += 1
    assert checked >= 5  # employees 1, acting 2, position_history 2
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        assert io.read_excel(path).summary().loc["position_history", "given"] == 0
    # typed over (a name, an SK number): the rows are data, and read back as a valid history
    for sheet, cell, text in (
        ("Unit", "B2", "Dinas Satu"),
        ("Jabatan", "B2", "Kepala Dinas Satu"),
        ("Pegawai", "B2", "Budi"),
        ("Riwayat Jabatan", "F2", "800/1/BKPSDM/2024"),
    ):
        book[sheet][cell] = text
    book.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        ds = io.read_excel(path)
    assert ds.summary().loc["position_history", "kept"] == 1
    assert not [p for p in ds.report if p.table in ("position_history", "employees")]
