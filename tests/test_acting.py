"""Acting officials (Plt / Plh): the ``acting`` table, its checks, and the fingerprint of
inputs without it (review 76)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

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
        own = next(p for p in ds.report if p.code == "acting_own_position")
        assert "own position" in own.message("en") and "jabatan pegawai itu sendiri" in (
            own.message("id")
        )
        post = next(p for p in ds.report if p.code == "acting_overlap_post" and p.row == 4)
        assert "2025-10-20" in post.message("en") and "tumpang tindih" in post.message("id")

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
