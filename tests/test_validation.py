"""Tests for tukin.validation and the vectorised checks behind Dataset (tukin._checks)."""

from __future__ import annotations

import time
from typing import Any, ClassVar

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests import strategies as tst
from tests.test_dataset import NIPS, ORG, PLAN, clean_frames
from tukin import _graph, _relations, contract
from tukin.dataset import Dataset
from tukin.errors import DatasetValidationError, Problem
from tukin.validation import DetailedProblem, ValidationReport


def problems_of(ds: Dataset) -> set[tuple[str, int | None, str | None, str]]:
    return {(p.table, p.row, p.column, p.code) for p in ds.report.problems}


def with_rows(frame: pd.DataFrame, *rows: dict[str, Any]) -> pd.DataFrame:
    """``frame`` plus ``rows`` at the end (as object columns, so any cell value fits)."""
    return pd.concat([frame.astype(object), pd.DataFrame(list(rows))], ignore_index=True)


class TestValidationReport:
    def test_empty_report(self) -> None:
        """No problems: ok, zero length, friendly text in both languages."""
        report = ValidationReport()
        assert report.ok and len(report) == 0 and report.by_code() == {}
        assert report.describe("en") == "No problems in the input."
        assert "Tidak ada masalah" in report.describe("id")

    def test_from_problems(self) -> None:
        """A report of given problems counts, groups and renders them."""
        problems = [
            Problem("employees", "invalid_nip", 3, "nip", "123", "123"),
            Problem("employees", "invalid_nip", 5, "nip", "9", "9"),
            Problem("units", "missing_column", None, "name"),
        ]
        report = ValidationReport(problems)
        assert not report.ok and len(report) == 3 and list(report) == problems
        assert report.by_code() == {"invalid_nip": 2, "missing_column": 1}
        assert "table employees, row 3, column nip: NIP '123' is not 18 digits" in report.describe(
            "en"
        )
        assert repr(report) == "<ValidationReport: 3 problem(s): 2 invalid_nip, 1 missing_column>"

    def test_describe_limits_the_list(self) -> None:
        """Long reports show the first problems and say how many more there are."""
        report = ValidationReport(
            [Problem("units", "required_value", i, "name") for i in range(25)]
        )
        assert report.describe("en", limit=5).endswith("… and 20 more")
        assert report.describe("id", limit=5).endswith("… dan 20 lainnya")

    def test_to_frame(self) -> None:
        """One row per problem with location and message in the chosen language."""
        frame = ValidationReport([Problem("units", "required_value", 2, "name")]).to_frame("id")
        assert list(frame.columns) == [
            "table", "row", "column", "key", "code", "value", "message", "location", "cause",
        ]  # fmt: skip
        assert frame["message"].tolist() == ["nilai wajib diisi"]
        assert frame["cause"].isna().all()  # a problem of its own: no root cause elsewhere
        assert frame["location"].tolist() == ["tabel units, baris 2, kolom name"]

    def test_lazy_and_materialised_agree(self) -> None:
        """Counts read before and after building Problem objects are the same."""
        frames = clean_frames(*ORG)
        frames["employees"].loc[0, "nip"] = "1"
        report = Dataset.from_frames(frames).report
        before = (len(report), report.by_code())
        assert len(report.problems) == before[0] and report.by_code() == before[1]


class TestDetailedProblem:
    def test_upstream_message_names_the_root_cause_in_both_languages(self) -> None:
        """A cascade names the reference followed and where the original problem is."""
        cause = Problem("positions", "above_maximum", 0, "grade", 18, "P1", {"maximum": 17})
        problem = DetailedProblem(
            "employees", "rejected_upstream", 0, "position_id", "P1", NIPS[0],
            detail_code="upstream_cause", cause=cause,
        )  # fmt: skip
        assert problem.message("en") == (
            "rejected because position_id 'P1' refers to a rejected row "
            "(table positions, row 0, column grade: 18 is above the maximum 17)"
        )
        assert problem.message("id") == (
            "ditolak karena ID Jabatan 'P1' merujuk ke baris yang ditolak "
            "(tabel positions, baris 0, kolom grade: 18 di atas batas maksimum 17)"
        )
        assert problem.to_dict("id")["code"] == "rejected_upstream"


class TestColumnChecks:
    @pytest.mark.parametrize(
        ("table", "column", "value", "code"),
        [
            ("positions", "grade", 18, "above_maximum"),
            ("positions", "grade", 0, "below_minimum"),
            ("positions", "grade", "tinggi", "not_a_number"),
            ("positions", "grade", 7.5, "not_an_integer"),
            ("positions", "grade", True, "not_a_number"),
            ("positions", "kind", "kepala", "invalid_choice"),
            ("positions", "name", "   ", "required_value"),
            ("employees", "nip", "12345", "invalid_nip"),
            ("employees", "nip", "１９８５０１０１２０１００１１００１", "invalid_nip"),
            ("employees", "start_date", "kemarin", "invalid_date"),
            # ISO 8601's signed years: "-1" was read as the year -1, which Python's dates
            # cannot hold (a rejected earlier position ending so crashed validation)
            ("employees", "start_date", "-1", "invalid_date"),
            ("employees", "start_date", -1, "invalid_date"),
            ("employees", "start_date", "-0044-03-15", "invalid_date"),
            ("work_items", "budget", 10.5, "not_an_integer"),
            ("work_items", "budget", 2.0**60, "number_too_large"),
            ("work_items", "budget", "1.234.567", "not_a_number"),
            ("targets", "target", float("nan"), "required_value"),
            ("targets", "target", float("inf"), "not_finite"),
            ("targets", "period", "Oktober 2025", "invalid_period"),
            ("budget_realisations", "spent", -5, "below_minimum"),
            ("budget_realisations", "physical_pct", 100.5, "above_maximum"),
            ("attendance", "tl1", -1, "below_minimum"),
            ("attendance", "tl1", "dua", "not_a_number"),
            ("attendance", "tl1", 1.5, "not_an_integer"),
            ("appraisals", "results", "luar biasa", "invalid_choice"),
            ("sanctions", "months", 121, "above_maximum"),
        ],
    )
    def test_bad_cell(self, table: str, column: str, value: Any, code: str) -> None:
        """One bad cell is reported at its table, row and column, and its row is rejected.

        Only the table itself is given (references then fail too, which is beside the point):
        each case costs one small validation.
        """
        frame = clean_frames()[table].astype(object)
        frame.loc[0, column] = value
        ds = Dataset.from_frames({table: frame})
        assert (table, 0, column, code) in problems_of(ds)
        assert 0 not in ds[table].index

    @pytest.mark.parametrize("dtype", ["int64", "Int64", "int64[pyarrow]"])
    @pytest.mark.parametrize(
        ("table", "column", "value"),
        [
            ("work_items", "budget", 9 * 10**18),
            ("work_items", "budget", 2**53),
            ("budget_realisations", "spent", 2**53),
            ("budget_realisations", "planned_spent", 2**62),
            ("attendance", "tl1", 2**53),
            ("positions", "grade", -(2**63)),
        ],
    )
    def test_an_integer_column_has_the_bound_of_text_and_floats(
        self, table: str, column: str, value: int, dtype: str
    ) -> None:
        """An int or money cell beyond 2**53 - 1 is refused from an integer column too, as it
        is from text or a float (review 61: a pagu of 9 × 10^18 from an int64 frame was read,
        and the monitoring report's OPD sum wrapped to 0); 2**53 - 1 itself is read."""
        frames = clean_frames(table)
        frame = frames[table]
        if column not in frame:
            frame[column] = 1
        frame[column] = frame[column].astype("Int64").astype(dtype)
        frame.loc[0, column] = value
        frame.loc[1, column] = 2**53 - 1 if value > 0 else -(2**53) + 1
        ds = Dataset.from_frames(frames)
        found = problems_of(ds)
        assert (table, 0, column, "number_too_large") in found
        assert not {p for p in found if p[1] == 1 and p[2] == column and p[3] == "number_too_large"}
        (problem,) = [p for p in ds.report.problems if p.code == "number_too_large"]
        assert problem.message("en").endswith("tukin reads whole numbers up to 9007199254740991")
        assert problem.message("id").endswith("membaca bilangan bulat sampai 9007199254740991")

    def test_blank_attendance_count_is_zero(self) -> None:
        """A blank count means no occurrences (documented), not a problem."""
        frames = clean_frames(*ORG, "attendance")
        frames["attendance"]["tl1"] = [None, 1, 2, 0]
        ds = Dataset.from_frames(frames, mode="strict")
        assert ds["attendance"].sort_index()["tl1"].tolist() == [0, 1, 2, 0]


class TestTableChecks:
    def test_duplicates_reject_every_occurrence(self) -> None:
        """Both rows sharing a NIP go, each naming the other."""
        frames = clean_frames(*ORG)
        frames["employees"].loc[3, "nip"] = NIPS[0]
        ds = Dataset.from_frames(frames)
        dup = [p for p in ds.report.problems if p.code == "duplicate_key"]
        assert [(p.row, p.fields["other_row"]) for p in dup] == [(0, 3), (3, 0)]
        assert "also in row 3" in dup[0].message("en")

    def test_composite_key_duplicates(self) -> None:
        """Attendance is keyed by (nip, period): the same NIP in two months is fine."""
        frames = clean_frames(*ORG, "attendance")
        extra = {"nip": NIPS[0], "tl1": 0, "tk": 0}
        frames["attendance"] = with_rows(
            frames["attendance"],
            {**extra, "period": "2025-11"},
            {**extra, "period": "2025-10", "tl1": 7},  # another count: not the row pasted twice
        )
        ds = Dataset.from_frames(frames)
        dup = {(p.row, p.column, p.key) for p in ds.report.problems if p.code == "duplicate_key"}
        assert dup == {
            (0, "nip/period", f"{NIPS[0]}/2025-10"),
            (5, "nip/period", f"{NIPS[0]}/2025-10"),
        }

    @given(
        st.lists(
            st.tuples(
                st.sampled_from([198001012005011001, 199912312020122999, 2**62, 7]),
                st.sampled_from(["2025-01", "2025-02", None, "x"]),
                st.sampled_from(["a", "b"]),
            ),
            min_size=2,
            max_size=30,
        ),
        st.integers(1, 3),
    )
    @settings(max_examples=150, deadline=None)
    def test_combined_key_is_equal_exactly_where_the_key_is(
        self, rows: list[tuple[int, str | None, str]], width: int
    ) -> None:
        """The one value per row that the duplicate check compares (sorted when int64): two
        rows get the same value exactly when every key column is equal, by the mixed-radix
        number (NIPs of one century) or by factorising pairs (spans past int64: 2**62)."""
        nips = np.array([r[0] for r in rows], dtype=np.int64)
        texts = [pd.Series([r[i] for r in rows], dtype="str") for i in (1, 2)]
        parts = [nips, *texts][:width]
        combined = np.asarray(_relations._combined(parts))
        keys = [tuple(r[:width]) for r in rows]
        for i in range(len(rows)):
            for j in range(len(rows)):
                assert (combined[i] == combined[j]) == (keys[i] == keys[j])
        unique = len(set(keys)) == len(keys)
        if combined.dtype.kind == "i":
            assert _relations._any_equal(combined) != unique

    def test_three_column_key(self) -> None:
        """Sanctions are keyed by (nip, kind, start_period): only a full match (after
        normalising the period spelling) is a duplicate."""
        frames = clean_frames(*ORG, "sanctions")
        first = frames["sanctions"].iloc[0].to_dict()
        frames["sanctions"] = with_rows(
            frames["sanctions"], {**first, "kind": "ringan"}, {**first, "start_period": " 2025-03 "}
        )
        ds = Dataset.from_frames(frames)
        dup = [(p.row, p.fields["other_row"]) for p in ds.report.problems]
        assert dup == [(0, 2), (2, 0)]
        assert ds["sanctions"].index.tolist() == [1]

    def test_unknown_reference(self) -> None:
        """A position that does not exist is named with the table it was looked for in."""
        frames = clean_frames(*ORG)
        frames["employees"].loc[1, "position_id"] = "P99"
        ds = Dataset.from_frames(frames)
        problem = next(p for p in ds.report.problems if p.code == "unknown_reference")
        assert problem.message("en") == "'P99' is not a known positions.position_id"

    @pytest.mark.parametrize("as_text", [False, True], ids=["nip-as-int", "nip-as-text"])
    def test_an_unknown_nip_one_typo_from_an_employee_s_names_it(self, as_text: bool) -> None:
        """Two neighbouring digits swapped, or one digit mistyped, in an attendance row's NIP:
        the row is still refused, and the message names the employee it was likely meant for
        (who otherwise goes unpaid for 'no attendance row'); a NIP far from every employee's
        says nothing more (review 48)."""
        frames = clean_frames(*ORG, "attendance")
        nip = str(frames["attendance"].loc[0, "nip"])
        swapped = nip[:-4] + nip[-3] + nip[-4] + nip[-2:]
        assert swapped != nip
        frames["attendance"].loc[0, "nip"] = swapped
        frames["attendance"].loc[1, "nip"] = "199901012020011999"
        if as_text:
            frames["attendance"]["nip"] = frames["attendance"]["nip"].astype(str) + " "
        ds = Dataset.from_frames(frames)
        unknown = {p.row: p for p in ds.report.problems if p.code == "unknown_reference"}
        assert (
            unknown[0]
            .message("en")
            .endswith(f"one typo away from the NIP of employee {nip}: meant for them?")
        )
        assert unknown[0].message("id").endswith(f"NIP pegawai {nip}: maksudnya pegawai itu?")
        assert unknown[1].message("en") == "'199901012020011999' is not a known employees.nip"

    def test_a_near_nip_is_named_only_for_an_employee_without_a_row_and_only_if_one(
        self,
    ) -> None:
        """An employee with a row of their own for the period is not the one a refused row was
        meant for, and two employees one slip away are a guess: neither is named (staff born
        on the same day and appointed in the same month have NIPs a digit apart)."""

        def near(frames: dict[str, pd.DataFrame]) -> str:
            ds = Dataset.from_frames(frames)
            unknown = [p for p in ds.report.problems if p.code == "unknown_reference"]
            assert len(unknown) == 1
            return unknown[0].message("en")

        frames = clean_frames(*ORG, "attendance")
        nip = NIPS[0]
        typo = nip[:-4] + nip[-3] + nip[-4] + nip[-2:]  # ...1001 -> ...0101
        # another employee one digit from the typo: ...0101 -> ...0181
        colleague = typo[:-2] + "8" + typo[-1]
        emp = frames["employees"]
        frames["employees"] = pd.concat(
            [emp, emp.iloc[[1]].assign(nip=colleague, name="Eko")], ignore_index=True
        )
        att = frames["attendance"]
        extra = att.iloc[[0]].assign(nip=typo)
        # both without an October row: two candidates, none named
        frames["attendance"] = pd.concat([att.iloc[1:], extra], ignore_index=True)
        assert near(frames) == f"'{typo}' is not a known employees.nip"
        # the colleague reported for October: only Ani is left, and named
        mine = att.iloc[[1]].assign(nip=colleague)
        frames["attendance"] = pd.concat([att.iloc[1:], mine, extra], ignore_index=True)
        assert near(frames).endswith(f"employee {nip}: meant for them?")
        # Ani reported for October too: nobody is named
        frames["attendance"] = pd.concat([att, mine, extra], ignore_index=True)
        assert near(frames) == f"'{typo}' is not a known employees.nip"
        # ... but a row of hers for September does not count against October's typo
        frames["attendance"] = pd.concat(
            [att.iloc[1:], att.iloc[[0]].assign(period="2025-09"), mine, extra], ignore_index=True
        )
        assert near(frames).endswith(f"employee {nip}: meant for them?")

    def test_cycle_in_positions(self) -> None:
        """Two positions reporting to each other are both on the cycle."""
        frames = clean_frames(*ORG)
        frames["positions"].loc[1, "superior_id"] = "P3"
        ds = Dataset.from_frames(frames)
        cyc = [p for p in ds.report.problems if p.code == "cycle"]
        assert [(p.row, p.value) for p in cyc] == [(1, "P2"), (2, "P3")]
        assert cyc[0].message("en") == "'P2' is part of a cycle: P2 → P3 → P2"

    def test_self_loop(self) -> None:
        """A unit that is its own parent is a cycle of one."""
        frames = clean_frames(*ORG)
        frames["units"].loc[0, "parent_id"] = "U1"
        ds = Dataset.from_frames(frames)
        assert ("units", 0, "parent_id", "cycle") in problems_of(ds)

    def test_work_item_levels(self) -> None:
        """A program with a parent and a sub kegiatan under a program are wrong."""
        frames = clean_frames(*ORG, *PLAN)
        frames["work_items"].loc[2, "parent_id"] = "PR1"
        frames["work_items"] = with_rows(
            frames["work_items"],
            {"work_item_id": "PR2", "name": "x", "level": "program", "parent_id": "PR1",
             "unit_id": "U1", "budget": 0},
        )  # fmt: skip
        ds = Dataset.from_frames(frames)
        levels = {p.row: p.message("en") for p in ds.report.problems if p.code == "invalid_level"}
        assert levels == {
            2: "a sub_kegiatan belongs to a kegiatan, but parent 'PR1' is a program",
            3: "a program has no parent, but parent_id is 'PR1'",
        }

    def test_end_before_start_and_range_order(self) -> None:
        """Dates and range targets in the wrong order are reported on the later column."""
        frames = clean_frames(*ORG, *PLAN, "targets")
        frames["employees"].loc[0, ["start_date", "end_date"]] = ["2025-06-01", "2025-05-31"]
        frames["targets"].loc[1, "target_max"] = 4
        ds = Dataset.from_frames(frames)
        found = {(p.table, p.column, p.code): p.message("en") for p in ds.report.problems}
        assert found[("employees", "end_date", "date_order")] == (
            "end date 2025-05-31 is before start date 2025-06-01"
        )
        assert found[("targets", "target_max", "range_order")] == "target_max 4 is below target 5"

    def test_strict_nip_pattern(self) -> None:
        """nip_check='strict' checks the PNS pattern of pns/cpns NIPs, part by part."""
        frames = clean_frames(*ORG)
        frames["employees"]["nip"] = [
            "198513012010011001",  # month 13 of birth
            "199002152015033002",  # sex digit 3
            "197712311990121003",  # appointed at 12
            "200001012022011004",  # pppk: pattern not checked
        ]
        frames["employees"].loc[3, "nip"] = "999999999999999999"
        assert Dataset.from_frames(frames).report.ok
        ds = Dataset.from_frames(frames, nip_check="strict")
        messages = {
            p.row: p.message("en") for p in ds.report.problems if p.code == "suspicious_nip"
        }
        assert messages == {
            0: "NIP '198513012010011001' does not follow the PNS pattern "
            "(birth date '19851301' is not a plausible date)",
            1: "NIP '199002152015033002' does not follow the PNS pattern "
            "(sex digit '3' is not 1 or 2)",
            2: "NIP '197712311990121003' does not follow the PNS pattern "
            "(appointment month '199012' is not plausible)",
        }

    def test_strict_nip_birth_dates(self) -> None:
        """29 February exists in leap years only (2000 yes, 1900 no); day 0 never."""
        frames = clean_frames(*ORG)
        frames["employees"]["nip"] = [
            "198802292010011001",  # 1988 leap: fine
            "198702292010011002",  # 1987 no 29 Feb
            "200002292022011003",  # 2000 leap: fine
            "199001002015031004",  # day 00
        ]
        frames["employees"]["status"] = "pns"
        ds = Dataset.from_frames(frames, nip_check="strict")
        assert {p.row for p in ds.report.problems if p.code == "suspicious_nip"} == {1, 3}

    def test_duplicate_column(self) -> None:
        """'NIP' and 'nip' reaching the validator itself (every loader settles them before:
        tests/test_dataset.py TestColumnNames): ambiguous, the whole table is rejected."""
        from tukin._checks import validate

        frames = clean_frames(*ORG, "appraisals")
        frames["appraisals"]["NIP"] = frames["appraisals"]["nip"]
        report = validate(frames).report
        assert ("appraisals", None, "nip", "duplicate_column") in {
            (p.table, p.row, p.column, p.code) for p in report.problems
        }
        assert report.counts["appraisals"].kept == 0


class TestManyDefects:
    def frames(self) -> dict[str, pd.DataFrame]:
        """The clean regency plus one bad row per defect kind, appended after the good rows."""
        f = clean_frames()
        emp = {"name": "x", "status": "pns", "start_date": None, "end_date": None}
        f["employees"] = with_rows(
            f["employees"],
            {**emp, "nip": "12345", "position_id": "P1"},  # 4 bad NIP
            {**emp, "nip": "199505052020122005", "position_id": "P1"},  # 5 duplicate NIP
            {**emp, "nip": "199505052020122005", "position_id": "P1"},  # 6 duplicate NIP
            {**emp, "nip": "199606062021061006", "position_id": "P99"},  # 7 unknown position
            {**emp, "nip": "199707072022071007", "position_id": "P1",
             "start_date": "2025-06-01", "end_date": "2025-05-01"},  # 8 end before start
            {**emp, "nip": "199808082023081008", "position_id": "P1", "status": "honorer"},  # 9
        )  # fmt: skip
        pos = {"name": "x", "unit_id": "U1", "kind": "pelaksana", "superior_id": "P1"}
        f["positions"] = with_rows(
            f["positions"],
            {**pos, "position_id": "P5", "grade": 18},  # 4 grade 18
            {**pos, "position_id": "P6", "grade": "tinggi"},  # 5 text in grade
            {**pos, "position_id": "P7", "grade": 5, "superior_id": "P8"},  # 6 cycle
            {**pos, "position_id": "P8", "grade": 5, "superior_id": "P7"},  # 7 cycle
        )
        item = {"name": "x", "level": "kegiatan", "unit_id": "U2", "budget": 0}
        f["work_items"] = with_rows(
            f["work_items"],
            {**item, "work_item_id": "KG2", "parent_id": "KG3"},  # 3 cycle
            {**item, "work_item_id": "KG3", "parent_id": "KG2"},  # 4 cycle
            {**item, "work_item_id": "KG4", "parent_id": "PR1", "budget": 10.5},  # 5 fraction
        )
        f["targets"] = with_rows(
            f["targets"], {"indicator_id": "I1", "period": "2025-11", "target": float("nan")}
        )  # 2 NaN target
        f["budget_realisations"] = with_rows(
            f["budget_realisations"],
            {"work_item_id": "SK1", "period": "2025-11", "spent": -5, "physical_pct": 50,
             "status": "signed"},
        )  # fmt: skip  # 1 negative spent
        f["attendance"] = with_rows(
            f["attendance"], {"nip": NIPS[0], "period": "Oktober 2025", "tl1": 0, "tk": 0}
        )  # 4 bad period
        f["appraisals"] = with_rows(
            f["appraisals"],
            {"nip": NIPS[1], "period": "2025-11", "results": "luar biasa", "behaviour": "above"},
        )  # 4 bad enum
        f["sanctions"] = f["sanctions"].drop(columns=["kind"])  # missing required column
        return f

    EXPECTED: ClassVar[set[tuple[str, int | None, str, str]]] = {
        ("employees", 4, "nip", "invalid_nip"),
        ("employees", 5, "nip", "duplicate_key"),
        ("employees", 6, "nip", "duplicate_key"),
        ("employees", 7, "position_id", "unknown_reference"),
        ("employees", 8, "end_date", "date_order"),
        ("employees", 9, "status", "invalid_choice"),
        ("positions", 4, "grade", "above_maximum"),
        ("positions", 5, "grade", "not_a_number"),
        ("positions", 6, "superior_id", "cycle"),
        ("positions", 7, "superior_id", "cycle"),
        ("work_items", 3, "parent_id", "cycle"),
        ("work_items", 4, "parent_id", "cycle"),
        ("work_items", 5, "budget", "not_an_integer"),
        ("targets", 2, "target", "required_value"),
        ("budget_realisations", 1, "spent", "below_minimum"),
        ("attendance", 4, "period", "invalid_period"),
        ("appraisals", 4, "results", "invalid_choice"),
        ("sanctions", None, "kind", "missing_column"),
    }

    def test_every_defect_is_reported_where_it_is(self) -> None:
        """Each defect is reported with its table, row, column and code."""
        ds = Dataset.from_frames(self.frames())
        assert problems_of(ds) >= self.EXPECTED

    def test_good_rows_survive(self) -> None:
        """Every clean row is kept in lenient mode (sanctions lost their column)."""
        ds = Dataset.from_frames(self.frames())
        for name, frame in clean_frames().items():
            expected = 0 if name == "sanctions" else len(frame)
            assert sorted(ds[name].index.tolist()) == list(range(expected)), name

    def test_strict_lists_them_all(self) -> None:
        """Strict mode raises once with every one of those problems."""
        with pytest.raises(DatasetValidationError) as caught:
            Dataset.from_frames(self.frames(), mode="strict")
        found = {(p.table, p.row, p.column, p.code) for p in caught.value.report.problems}
        assert found >= self.EXPECTED


class TestCascade:
    def test_rejection_follows_references(self) -> None:
        """A bad unit takes its positions, their subordinates, employees and their rows."""
        frames = clean_frames()
        frames["units"].loc[1, "name"] = None  # U2: Bidang Anggaran
        ds = Dataset.from_frames(frames)
        upstream = {(p.table, p.row) for p in ds.report.problems if p.code == "rejected_upstream"}
        assert upstream == {
            ("positions", 1), ("positions", 2), ("positions", 3),  # in U2
            ("employees", 1), ("employees", 2), ("employees", 3),
            ("work_items", 1), ("work_items", 2),  # carried by U2
            ("indicators", 0), ("indicators", 1),
            ("targets", 0), ("targets", 1), ("realisations", 0), ("budget_realisations", 0),
            ("attendance", 1), ("attendance", 2), ("attendance", 3),
            ("appraisals", 1), ("appraisals", 2), ("appraisals", 3), ("sanctions", 0),
        }  # fmt: skip
        assert ds["employees"]["nip"].tolist() == [NIPS[0]]

    def test_message_names_the_root_cause(self) -> None:
        """Two steps down, the message still points at the row to correct."""
        frames = clean_frames(*ORG, "attendance")
        frames["positions"].loc[1, "grade"] = 18  # P2; P3 reports to P2; Citra holds P3
        ds = Dataset.from_frames(frames)
        by_row = {(p.table, p.row): p for p in ds.report.problems}
        assert by_row[("positions", 2)].message("en") == (
            "rejected because superior_id 'P2' refers to a rejected row "
            "(table positions, row 1, column grade: 18 is above the maximum 17)"
        )
        assert by_row[("attendance", 2)].message("id") == (
            f"ditolak karena NIP '{NIPS[2]}' merujuk ke baris yang ditolak "
            "(tabel positions, baris 1, kolom grade: 18 di atas batas maksimum 17)"
        )

    def test_subtree_below_a_cycle_goes(self) -> None:
        """Positions reporting into a cycle are rejected with the cycle as cause."""
        frames = clean_frames(*ORG)
        frames["positions"].loc[0, "superior_id"] = "P2"  # P1 <-> P2; P3, P4 below P2
        ds = Dataset.from_frames(frames)
        codes = {p.row: p.code for p in ds.report.problems if p.table == "positions"}
        assert codes == {0: "cycle", 1: "cycle", 2: "rejected_upstream", 3: "rejected_upstream"}

    def test_unknown_is_not_upstream(self) -> None:
        """A reference to nothing is unknown_reference; to a rejected row, rejected_upstream."""
        frames = clean_frames(*ORG, "attendance")
        frames["attendance"].loc[0, "nip"] = "199909092024091009"
        ds = Dataset.from_frames(frames)
        assert ds.report.by_code() == {"unknown_reference": 1}


class TestConservation:
    @given(tst.dataset_frames())
    @settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def test_every_row_is_accounted_for_and_kept_rows_are_consistent(
        self, frames: dict[str, pd.DataFrame]
    ) -> None:
        """Rows in = kept + rejected per table; kept rows have unique keys, references to
        kept rows only and no cycles. A row given twice, the same in every column, is kept
        once: the copy counts as kept, in the table as the row it repeats (a note)."""
        ds = Dataset.from_frames(frames)
        rejected = ds.rejected
        for name, frame in frames.items():
            kept = set(ds[name].index)
            gone = set(rejected.loc[rejected["table"] == name, "row"])
            once = {p.row for p in ds.report.notes if p.table == name and p.row is not None}
            assert kept.isdisjoint(gone) and kept.isdisjoint(once) and gone.isdisjoint(once)
            assert kept | gone | once == set(range(len(frame))), name
            count = ds.report.counts[name]
            assert (count.given, count.kept, count.rejected) == (
                len(frame),
                len(kept) + len(once),
                len(gone),
            )
        for name, spec in contract.TABLES.items():
            frame = ds[name]
            assert not frame.duplicated(list(spec.key)).any(), name
            for col in spec.columns:
                if col.ref is None:
                    continue
                values = frame[col.name].dropna()
                assert values.isin(ds[col.ref[0]][col.ref[1]]).all(), (name, col.name)
                if col.ref[0] == name:
                    parent = _graph.parent_index(frame[spec.key[0]], frame[col.name])
                    assert not _graph.analyse(parent).reaches_cycle.any(), name

    @given(tst.dataset_frames())
    @settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def test_strict_raises_exactly_when_lenient_reports(self, frames: dict[str, Any]) -> None:
        """Strict mode raises if and only if lenient mode found a problem."""
        lenient = Dataset.from_frames(frames)
        try:
            Dataset.from_frames(frames, mode="strict")
        except DatasetValidationError as error:
            assert len(error.report) == len(lenient.report) > 0
        else:
            assert lenient.report.ok


class TestSpeed:
    def test_fifty_thousand_employees(self) -> None:
        """50,000 employees and their attendance validate well within a second."""
        n = 50_000
        frames = clean_frames()
        nips = pd.Series(np.arange(n, dtype=np.int64) + 198_501_012_010_000_000).astype(str)
        frames["employees"] = pd.DataFrame(
            {"nip": nips, "position_id": np.array(["P1", "P2", "P3", "P4"])[np.arange(n) % 4],
             "status": "pns"}
        )  # fmt: skip
        frames["attendance"] = pd.DataFrame({"nip": nips, "period": "2025-10", "tl1": 1, "tk": 0})
        for name in ("appraisals", "sanctions"):
            del frames[name]
        started = time.perf_counter()
        ds = Dataset.from_frames(frames)
        elapsed = time.perf_counter() - started
        assert ds.report.ok and len(ds["attendance"]) == n
        assert elapsed < 3.0  # about 0.1 s on a quiet machine: generous for a busy CI runner


def _bad_regency() -> Dataset:
    """The demo regency with one unknown unit (a position and all below it go) and one
    employee left out whose attendance and appraisal rows remain, month after month."""
    from tukin import demo

    frames = demo.generate(40, seed=3)
    frames["positions"].loc[0, "unit_id"] = "NOPE"
    gone = frames["employees"]["nip"].iloc[5]
    frames["employees"] = frames["employees"][frames["employees"]["nip"] != gone]
    return Dataset.from_frames(frames)


class TestGroupedDescribe:
    """describe() gives one line per thing to correct; the report keeps every row."""

    def test_cascade_is_one_line_naming_the_cause(self) -> None:
        """Every rejected_upstream row of one cause is one line, with the count per table."""
        report = _bad_regency().report
        text = report.describe("en", limit=100)
        upstream = report.by_code()["rejected_upstream"]
        cascade = [line for line in text.splitlines() if "[rejected_upstream]" in line]
        assert len(cascade) == 1
        assert cascade[0].startswith(f"  - {upstream} rows rejected because they depend on")
        assert "(table positions, row 0, column unit_id: 'NOPE' is not a known" in cascade[0]
        assert "by table: positions " in cascade[0] and "attendance " in cascade[0]
        # per table and referring column, the first rows to look at
        employees = sum(1 for p in report.problems if p.table == "employees")
        assert f"employees {employees} (position_id → positions: row(s) 0, 1, 2, …)" in cascade[0]

    def test_repeated_value_is_one_line_per_table(self) -> None:
        """The left-out employee's NIP, unknown in every month, is one line per table."""
        report = _bad_regency().report
        text = report.describe("en", limit=100)
        unknown = [line for line in text.splitlines() if "is not a known employees.nip" in line]
        n = {t: sum(1 for p in report.problems if p.table == t and p.code == "unknown_reference")
             for t in ("attendance", "appraisals")}  # fmt: skip
        assert [line.split(",")[0] for line in unknown] == [
            "  - table attendance",
            "  - table appraisals",
        ]
        assert f"(and {n['attendance'] - 1} more row(s) with the same value: rows " in unknown[0]
        assert min(n.values()) > 1

    def test_whole_report_in_a_few_lines(self) -> None:
        """Thousands of problems, and every line fits in the default limit: nothing hidden."""
        report = _bad_regency().report
        text = report.describe("en")
        assert len(report) > 1000 and "more" not in text.splitlines()[-1]
        assert len(text.splitlines()) <= 5

    def test_data_keeps_every_row(self) -> None:
        """problems, to_frame() and by_code() still list every row."""
        report = _bad_regency().report
        frame = report.to_frame("en")
        assert len(frame) == len(report.problems) == sum(report.by_code().values())
        assert (frame["code"] == "rejected_upstream").sum() == report.by_code()["rejected_upstream"]

    def test_ungrouped_on_request(self) -> None:
        """grouped=False lists row by row, as before."""
        report = _bad_regency().report
        lines = report.describe("en", limit=30, grouped=False).splitlines()
        assert len(lines) == 32 and lines[-1] == f"  … and {len(report) - 30} more"

    def test_limit_counts_lines_and_the_rest_in_problems(self) -> None:
        """With a limit, the tail says how many problems the hidden lines stand for."""
        report = _bad_regency().report
        lines = report.describe("en", limit=1).splitlines()
        assert len(lines) == 3 and lines[-1] == f"  … and {len(report) - 1} more"

    def test_indonesian(self) -> None:
        """The grouped lines read in Indonesian too."""
        text = _bad_regency().report.describe("id")
        assert "baris ditolak karena bergantung pada baris yang ditolak" in text
        assert "baris lain dengan nilai yang sama" in text

    def test_distinct_values_stay_apart(self) -> None:
        """Different bad values, or empty cells, are separate lines: separate corrections."""
        report = ValidationReport(
            [
                Problem("attendance", "unknown_reference", 0, "nip", "A", "A", {"target": "x"}),
                Problem("attendance", "unknown_reference", 1, "nip", "B", "B", {"target": "x"}),
                Problem("attendance", "unknown_reference", 2, "nip", "A", "A", {"target": "x"}),
                Problem("units", "required_value", 0, "name"),
                Problem("units", "required_value", 1, "name"),
            ]
        )
        lines = report.describe("en").splitlines()[1:]
        assert len(lines) == 4
        assert lines[0].endswith("(and 1 more row(s) with the same value: rows 2)")
        assert "'B'" in lines[1] and "more" not in lines[1]


class TestStrictErrorText:
    """The strict error says each cause once: one bad NIP is one line per table, however many
    attendance and appraisal rows refer to it (the report keeps every row)."""

    def test_one_line_per_cause(self) -> None:
        import tukin

        frames = tukin.demo.generate(5, seed=1)
        frames["employees"].loc[0, "nip"] = "123"
        with pytest.raises(DatasetValidationError) as info:
            Dataset.from_frames(**frames, mode="strict", lang="en")
        text = str(info.value)
        lines = [line for line in text.splitlines() if line.startswith("  - ")]
        assert len(info.value.report.problems) > 20 and len(lines) == 3, text
        assert "NIP '123' is not 18 digits" in text and "more row(s)" in text


class TestHalfCharacters:
    """Text cut inside a character (a lone surrogate: half an emoji, as a program that cuts a
    name to a length sends it, ``"\\ud83d"`` in JSON) rejects its row (``invalid_text``)
    instead of crashing in Arrow, the fingerprint or an export with a UnicodeEncodeError."""

    @staticmethod
    def _tables(**extra: object) -> dict[str, list[dict[str, object]]]:
        return {
            "units": [{"unit_id": "U1", "name": "Dinas"}, {"unit_id": "U2", "name": "Badan"}],
            "positions": [
                {"position_id": "J1", "name": "Kepala", "unit_id": "U1", "kind": "jpt", "grade": 15}
            ],
            "employees": [
                {"nip": "198001012005011001", "position_id": "J1", "status": "pns", **extra}
            ],
        }

    def test_records_contract_and_extra_cells(self) -> None:
        import json

        for extra in ({"name": "Ani \ud83d"}, {"zona": "B\udc00"}):
            ds = Dataset.from_records(self._tables(**extra))
            (problem,) = [p for p in ds.report.problems if p.code == "invalid_text"]
            assert (problem.table, problem.row, problem.column) == ("employees", 0, *extra)
            assert "\ufffd" in problem.message("en") and "separuh" in problem.message("id")
            assert len(ds["employees"]) == 0 and len(ds["units"]) == 2
            json.dumps([p.to_dict("en") for p in ds.report.problems]).encode("utf-8")
            assert len(ds.fingerprint()) == 64

    def test_a_key_cut_inside_a_character_is_an_extra_column(self) -> None:
        ds = Dataset.from_records(self._tables(**{"zo\ud83dna": "B"}))
        assert "zo\ufffdna" in ds["employees"].columns and len(ds.fingerprint()) == 64

    def test_frames_of_objects(self) -> None:
        tables = {k: pd.DataFrame(v) for k, v in self._tables().items()}
        tables["units"] = tables["units"].astype(object)
        tables["units"].loc[1, "name"] = "Badan \ud83d"
        columns = [*tables["employees"].columns, "zo\ud83dna"]
        tables["employees"] = pd.DataFrame(
            [[*tables["employees"].iloc[0], "x"]], columns=pd.Index(columns, dtype=object)
        )
        ds = Dataset.from_frames(**tables)
        assert ds.report.by_code() == {"invalid_text": 1}
        assert list(ds["units"]["unit_id"]) == ["U1"] and len(ds.fingerprint()) == 64

    def test_frames_of_python_backed_strings(self) -> None:
        """pandas' ``string[python]`` holds half characters too: it crashed (review 36 d4)."""
        tables = {k: pd.DataFrame(v) for k, v in self._tables().items()}
        names = pd.Series(["Dinas", "Badan \ud83d"], dtype=pd.StringDtype("python"))
        tables["units"] = tables["units"].assign(name=names)
        ds = Dataset.from_frames(**tables)
        assert ds.report.by_code() == {"invalid_text": 1}
        assert list(ds["units"]["unit_id"]) == ["U1"] and len(ds.fingerprint()) == 64


def _refused_work_items(**changes: Any) -> Dataset:
    """The clean regency whose work items sheet lost its id column (a header nobody could
    read): the table is refused, and every reference to a work item with it."""
    frames = clean_frames()
    frames["work_items"] = frames["work_items"].drop(columns=["work_item_id"])
    for table, frame in changes.items():
        frames[table] = frame
    return Dataset.from_frames(frames, lang="en")


class TestConsequencesOfARefusedTable:
    """A reference into a table refused as a whole is its consequence, not a problem of its
    own: one thing to correct (the refused table), however many rows refer to it."""

    def test_references_to_a_table_refused_without_its_key_are_consequences(self) -> None:
        """No row is 'unknown': each is rejected_upstream, naming the refused table's problem."""
        ds = _refused_work_items()
        assert ds.report.by_code() == {"rejected_upstream": 8, "missing_column": 1}
        upstream = [p for p in ds.report.problems if p.code == "rejected_upstream"]
        assert {(p.table, p.column) for p in upstream} == {
            ("work_items", "parent_id"), ("indicators", "work_item_id"),
            ("budget_realisations", "work_item_id"), ("targets", "indicator_id"),
            ("realisations", "indicator_id"),
        }  # fmt: skip
        for p in upstream:
            assert isinstance(p, DetailedProblem) and p.cause is not None
            assert (p.cause.table, p.cause.code) == ("work_items", "missing_column")
        budget = next(p for p in upstream if p.table == "budget_realisations")
        assert budget.message("en") == (
            "rejected because work_item_id 'SK1' refers to table work_items, refused as a "
            "whole (table work_items, column work_item_id: required column 'work_item_id' "
            "is missing)"
        )
        assert budget.message("id").startswith(
            "ditolak karena ID Program/Kegiatan 'SK1' merujuk ke sheet Program Kegiatan, "
            "yang ditolak seluruhnya ("
        )
        # every row is still listed, with its reason
        rejected = ds.rejected
        assert len(rejected[rejected["table"] == "budget_realisations"]) == 1

    def test_a_missing_required_table_is_the_cause_of_references_to_it(self) -> None:
        """positions not given at all: each employee's position is no unknown reference."""
        frames = clean_frames()
        del frames["positions"]
        ds = Dataset.from_frames(frames, lang="en")
        assert "unknown_reference" not in ds.report.by_code()
        employees = [p for p in ds.report.problems if p.table == "employees"]
        assert {p.code for p in employees} == {"rejected_upstream"}
        assert all(
            isinstance(p, DetailedProblem) and p.cause is not None
            and p.cause.code == "missing_table" for p in employees
        )  # fmt: skip

    def test_a_key_that_exists_nowhere_stays_unknown(self) -> None:
        """The referenced table refused but its ids readable: a reference to an id it does
        not hold is a typo of its own (unknown_reference), one to an id it holds a
        consequence (rejected_upstream)."""
        frames = clean_frames()
        frames["work_items"] = frames["work_items"].drop(columns=["name"])
        budget = frames["budget_realisations"]
        frames["budget_realisations"] = pd.concat(
            [budget, budget.assign(work_item_id="SK9", period="2025-09")], ignore_index=True
        )
        ds = Dataset.from_frames(frames, lang="en")
        codes = {p.row: p.code for p in ds.report.problems if p.table == "budget_realisations"}
        assert codes == {0: "rejected_upstream", 1: "unknown_reference"}

    def test_describe_says_the_root_first_and_the_consequences_in_one_line(self) -> None:
        """Two lines: the refused table, then the rows referring to it, counted per table
        and column, with a few rows to look at."""
        report = _refused_work_items().report
        lines = report.describe("en").splitlines()
        assert lines[1] == (
            "  - table work_items, column work_item_id: required column 'work_item_id' is "
            "missing [missing_column]"
        )
        assert len(lines) == 3
        assert lines[2].startswith(
            "  - 8 rows rejected because they depend on table work_items, refused as a whole "
            "(table work_items, column work_item_id: required column 'work_item_id' is "
            "missing); by table: "
        )
        assert "budget_realisations 1 (work_item_id → work_items: row(s) 0)" in lines[2]
        assert "work_items 2 (parent_id → work_items: row(s) 1, 2)" in lines[2]
        text = report.describe("id")
        assert (
            "8 baris ditolak karena bergantung pada sheet Program Kegiatan, yang ditolak " in text
        )

    def test_many_consequences_name_a_few_rows(self) -> None:
        """Hundreds of rows referring to the refused table: a count and the first rows."""
        many = pd.DataFrame(
            {"work_item_id": "SK1", "period": [f"{2000 + i // 12}-{i % 12 + 1:02d}" for i in range(300)],
             "spent": 1, "physical_pct": 1.0}
        )  # fmt: skip
        report = _refused_work_items(budget_realisations=many).report
        text = report.describe("en")
        assert len(text.splitlines()) == 3 and "… and" not in text
        assert "budget_realisations 300 (work_item_id → work_items: row(s) 0, 1, 2, …)" in text
        assert report.by_code()["rejected_upstream"] == 300 + 7
        frame = report.to_frame("en")
        assert len(frame) == len(report)
        consequences = frame[frame["code"] == "rejected_upstream"]
        assert set(consequences["cause"]) == {"table work_items, column work_item_id"}
        assert frame.loc[frame["code"] == "missing_column", "cause"].isna().all()


class TestDescribeBuildsOnlyWhatItShows:
    """describe() of a refused table's 10,000s of consequences names a few rows per line: it
    must not build (and sort, and group) one Problem per rejected row to do so, and must say
    exactly what the report built row by row says."""

    @pytest.mark.parametrize("drop", [("positions", "position_id"), ("work_items", "work_item_id")])
    def test_same_text_without_building_every_problem(self, drop: tuple[str, str]) -> None:
        from tukin import demo

        frames = demo.generate(40, seed=2)
        frames["units"].loc[1, "name"] = None  # a root row among the table-wide root
        frames["attendance"].loc[::7, "nip"] = "199909092024091009"
        table, column = drop
        frames[table] = frames[table].drop(columns=[column])
        ds = Dataset.from_frames(frames)
        report = ds.report
        texts = {(lang, n): report.describe(lang, n) for lang in ("id", "en") for n in (20, 2)}
        assert "problems" not in report.__dict__  # no Problem per rejected row was built
        assert len(report.problems) > 500  # now built: the general path
        for (lang, n), text in texts.items():
            assert text == report.describe(lang, n), (lang, n)


class TestACauseIsRenderedOnce:
    """A table refused as a whole is the root cause of every row that refers to it (600,000
    in a regency of 20,000): to_frame() and Dataset.rejected quote its place and message on
    each, and rendered them once per row (11 s and 19 s). Each is rendered once per call and
    language; every message and place is what the problem says of itself."""

    @pytest.mark.parametrize("lang", ["id", "en"])
    def test_to_frame_and_rejected(self, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
        from tukin import demo, errors

        frames = demo.generate(40, seed=2)
        frames["units"].loc[1, "name"] = None  # a rejected row: a cause of its own
        frames["attendance"].loc[3, "nip"] = "199909092024091009"
        frames["positions"] = frames["positions"].drop(columns=["position_id"])
        ds = Dataset.from_frames(frames, lang=lang)
        problems = ds.report.problems
        consequences = [p for p in problems if p.code == "rejected_upstream"]
        assert len(consequences) > 500
        rendered: list[str] = []
        render = errors.render

        def counted(code: str, lang: Any = "en", /, **fields: Any) -> str:
            rendered.append(code)
            return render(code, lang, **fields)

        monkeypatch.setattr(errors, "render", counted)
        frame = ds.report.to_frame(lang)
        assert rendered.count("missing_column") == 2  # its own line, and for its consequences
        rendered.clear()
        rejected = ds.rejected
        assert rendered.count("missing_column") == 2
        monkeypatch.undo()
        assert frame["message"].tolist() == [p.message(lang) for p in problems]
        assert frame["location"].tolist() == [p.where(lang) for p in problems]
        causes = [c.where(lang) if c is not None else None for c in map(_cause, problems)]
        assert [None if pd.isna(c) else c for c in frame["cause"]] == causes
        said = {(p.table, p.row): p.message(lang) for p in consequences}
        for table, row, message in rejected[["table", "row", "message"]].itertuples(index=False):
            if (table, row) in said:
                assert said[(table, row)] in message


def _cause(p: Problem) -> Problem | None:
    return p.cause if isinstance(p, DetailedProblem) and p.code == "rejected_upstream" else None


class TestRejectedAtScale:
    """Dataset.rejected with a table refused as a whole: one rejected row per row that refers
    to it (165,000 at 5,000 employees, 3.8 s). Built column-wise, without a record, a whole
    place or a list of reasons per row; the frame is still its definition, row by row."""

    @staticmethod
    def _dataset(lang: str) -> Dataset:
        from tukin import demo

        frames = demo.generate(40, seed=2)
        frames["units"] = frames["units"].drop(columns=["name"])  # refused: every unit row
        frames["positions"].loc[2, "grade"] = 18  # a row of its own, and its consequences
        frames["employees"].loc[4, "nip"] = "123"
        frames["employees"].loc[4, "name"] = None  # two reasons on one row
        frames["attendance"].loc[3, "nip"] = "199909092024091009"
        frames["work_items"] = frames["work_items"].drop(columns=["work_item_id"])
        return Dataset.from_frames(frames, lang=lang)

    @pytest.mark.parametrize("lang", ["id", "en"])
    def test_a_row_place_is_not_built_per_row(
        self, lang: str, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        ds = self._dataset(lang)
        assert ds.report.problems  # built before: only what rejected does is counted
        calls: list[Problem] = []
        where = Problem.where

        def counted(self: Problem, lang: Any = None) -> str:
            calls.append(self)
            return where(self, lang)

        monkeypatch.setattr(Problem, "where", counted)
        rejected = ds.rejected
        assert len(rejected) > 500
        assert len(calls) < 20  # the root causes' own places, not one per rejected row

    @pytest.mark.parametrize("lang", ["id", "en"])
    def test_rejected_is_one_record_per_row(self, lang: str) -> None:
        from tukin._checks import TABLE_WIDE_CODES
        from tukin.contract import TABLES
        from tukin.dataset import _row_only

        ds = self._dataset(lang)
        rows: dict[tuple[str, int], list[Any]] = {}
        where: dict[tuple[str, int], str] = {}
        wide: dict[str, list[tuple[str, str, str]]] = {}
        for p in ds.report.problems:
            reason = (p.column or "", p.code, p.message(lang))
            if p.row is None:
                if p.code in TABLE_WIDE_CODES:
                    wide.setdefault(p.table, []).append(reason)
                    for row in range(len(ds._wide_keys.get(p.table, []))):
                        where.setdefault((p.table, row), _row_only(p.where(lang)))
                continue
            rows.setdefault((p.table, p.row), [p.key, []])[1].append(reason)
            where.setdefault((p.table, p.row), _row_only(p.where(lang)))
        for table, reasons in wide.items():
            for row, key in enumerate(ds._wide_keys.get(table, [])):
                rows.setdefault((table, row), [key, []])[1][:0] = reasons
        order = {name: i for i, name in enumerate(TABLES)}
        records = [
            {
                "table": table,
                "row": row,
                "key": key,
                "column": "; ".join(r[0] for r in reasons),
                "code": "; ".join(r[1] for r in reasons),
                "message": "; ".join(r[2] for r in reasons),
                "location": where.get((table, row)),
            }
            for (table, row), (key, reasons) in sorted(
                rows.items(), key=lambda item: (order.get(item[0][0], len(order)), item[0])
            )
        ]
        expected = pd.DataFrame.from_records(records, columns=list(ds.rejected.columns))
        got = ds.rejected
        assert got["code"].str.contains("; ").any()  # rows with several reasons
        assert set(got["table"]) >= {"units", "positions", "employees", "work_items"}
        pd.testing.assert_frame_equal(got, expected.astype({"row": "int64"}), check_exact=True)


def test_an_earlier_position_ending_in_the_year_minus_one_is_an_invalid_date() -> None:
    """``.ci/explore`` (seed 143775444) found a rejected ``position_history`` row whose
    ``end_date`` was ``-1``: read as the year -1 (ISO 8601's signed years), validation then
    crashed naming the rejected spell's last day (``NotImplementedError`` from pandas). The
    cell is now an ``invalid_date`` at its table, row and column, and the row is rejected."""
    import tukin.demo

    tables = tukin.demo.generate(5)
    first = tables["employees"].iloc[0]
    for end in (-1, "-1"):
        history = pd.DataFrame(
            {
                "nip": [first["nip"]],
                "position_id": [first["position_id"]],
                "start_date": ["2025-01-01"],
                "end_date": [end],
            }
        )
        ds = Dataset.from_frames({**tables, "position_history": history}, mode="lenient")
        assert ("position_history", 0, "end_date", "invalid_date") in problems_of(ds)
