"""Golden test of examples/tpp_per_kriteria.yaml (TPP per criterion), computed by hand.

TPP = (beban kerja + tempat bertugas) × (60 % × SKP ratio + 40 % × discipline)
      + (kondisi kerja + kelangkaan profesi) × discipline, × status, capped at the class's
      highest TPP, rounded half up. Tempat bertugas is 20 % of beban kerja in a remote unit;
      kondisi kerja is 750,000 (kelas 1-8) / 1,000,000 (9+) until June 2025, 825,000 /
      1,100,000 from July. June and July 2025 (the same attendance and appraisals in both).

A  Ani, PNS, kelas 14, Dinas Kesehatan (terpencil false), Sangat Baik, no absence:
   12,956,594 × (0.6 + 0.4)                                                 → 12,956,594
B  Budi, PNS, kelas 9, seksi of the remote kecamatan (its own cell blank: the kecamatan's),
   Sangat Kurang (40 %), no absence:
   5,439,503 × 1.2 = 6,527,403.6;  × (0.6 × 0.4 + 0.4 × 1 = 0.64) = 4,177,538.304  → 4,177,538
C  Citra, CPNS, kelas 6, hazardous, bidang of Dinas Kesehatan (not remote), Baik, 2 TL1 + 1 PSW2:
   discipline = 1 − 2 % = 0.98;  3,349,711 × (0.6 + 0.392) = 3,322,913.312
   June: (3,322,913.312 + 750,000 × 0.98) × 0.8 = 3,246,330.6496             → 3,246,331
   July: (3,322,913.312 + 825,000 × 0.98) × 0.8 = 3,305,130.6496             → 3,305,131
D  Dedi, PNS, kelas 8, Auditor Ahli Pertama (listed), Inspektorat (no terpencil), Kurang (60 %),
   3 sakit + 1 TL3: discipline = 1 − 9 % − 1.25 % = 0.8975
   4,371,943 × (0.36 + 0.359) = 3,143,427.017;  + 1,350,000 × 0.8975 = 1,211,625
   = 4,355,052.017                                                          → 4,355,052
E  Eka, PNS, kelas 10, Surveyor Ahli Muda (listed), hazardous, remote UPT, Butuh Perbaikan (80 %):
   6,253,104 × 1.2 × 0.88 = 6,603,277.824; + 1,000,000 (July 1,100,000) + 1,750,000
   = 9,353,277.824 (July 9,453,277.824) > highest TPP of kelas 10           → 7,000,000
F  Fajar, CPNS, kelas 4, hazardous, no SKP (0 %), 27 apel + 2 TL4: discipline = 1 − 54 % − 3 % = 0.43
   1,655,678 × 0.4 × 0.43 = 284,776.616
   June: (284,776.616 + 750,000 × 0.43) × 0.8 = 485,821.2928                 → 485,821
   July: (284,776.616 + 825,000 × 0.43) × 0.8 = 511,621.2928                 → 511,621
G  Gita, PNS, kelas 1, the remote kecamatan itself, Baik, 30 apel missed (ceremony 100 %):
   894,961 × 1.2 × 0.6 = 644,371.92                                         → 644,372
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import InputWarning
from tukin.ruleset.load import load_ruleset

RULES = Path(__file__).resolve().parent.parent / "examples" / "tpp_per_kriteria.yaml"
NIPS = {
    "A": "197001012000011001",
    "B": "197502022001012002",
    "C": "199503032022011003",
    "D": "198804042010011004",
    "E": "198505052009011005",
    "F": "199806062023011006",
    "G": "199007072015011007",
}
EXPECTED = {
    "2025-06": {"A": 12_956_594, "B": 4_177_538, "C": 3_246_331, "D": 4_355_052,
                "E": 7_000_000, "F": 485_821, "G": 644_372},
    "2025-07": {"A": 12_956_594, "B": 4_177_538, "C": 3_305_131, "D": 4_355_052,
                "E": 7_000_000, "F": 511_621, "G": 644_372},
}  # fmt: skip


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    units = pd.DataFrame(
        {
            "unit_id": ["DINKES", "YANKES", "KEC", "KEC-PEM", "INSP", "DPUPR", "UPT"],
            "name": ["Dinas Kesehatan", "Bidang Pelayanan", "Kecamatan Hulu", "Seksi Pemerintahan",
                     "Inspektorat", "Dinas PUPR", "UPT Jalan Hulu"],
            "parent_id": [None, "DINKES", None, "KEC", None, None, "DPUPR"],
            "terpencil": [False, None, True, None, None, False, True],
        }
    )  # fmt: skip
    positions = pd.DataFrame(
        {
            "position_id": ["KADINKES", "KASI-PEM", "SANITARIAN", "AUD-AHLI-PERTAMA",
                            "SRV-AHLI-MUDA", "OPERATOR", "STAF-KEC"],
            "name": ["Kepala Dinas", "Kepala Seksi", "Sanitarian", "Auditor Ahli Pertama",
                     "Surveyor Ahli Muda", "Operator Alat Berat", "Pengadministrasi"],
            "unit_id": ["DINKES", "KEC-PEM", "YANKES", "INSP", "UPT", "DPUPR", "KEC"],
            "kind": ["jpt", "pengawas", "fungsional", "fungsional", "fungsional", "pelaksana",
                     "pelaksana"],
            "grade": [14, 9, 6, 8, 10, 4, 1],
            "berisiko": [False, False, True, False, True, True, False],
        }
    )  # fmt: skip
    employees = pd.DataFrame(
        {
            "nip": list(NIPS.values()),
            "position_id": list(positions["position_id"]),
            "status": ["pns", "pns", "cpns", "pns", "pns", "cpns", "pns"],
        }
    )
    counts = {
        "C": {"tl1": 2, "psw2": 1},
        "D": {"sakit": 3, "tl3": 1},
        "F": {"apel": 27, "tl4": 2},
        "G": {"apel": 30},
    }
    codes = ["sakit", "izin", "tk", "cuti", "tl1", "tl2", "tl3", "tl4"]
    codes += ["psw1", "psw2", "psw3", "psw4", "apel"]
    attendance = pd.DataFrame(
        [
            {"nip": NIPS[k], "period": p, **{c: counts.get(k, {}).get(c, 0) for c in codes}}
            for k in NIPS
            for p in EXPECTED
        ]
    )
    ratings = {
        "A": ("above", "above"),
        "B": ("below", "below"),
        "C": ("as_expected", "as_expected"),
        "D": ("above", "below"),
        "E": ("below", "as_expected"),
        "G": ("as_expected", "as_expected"),
    }  # F has no appraisal: SKP ratio 0 %
    appraisals = pd.DataFrame(
        [
            {"nip": NIPS[k], "period": p, "results": r, "behaviour": b}
            for k, (r, b) in ratings.items()
            for p in EXPECTED
        ]
    )
    return Dataset.from_frames(
        units=units,
        positions=positions,
        employees=employees,
        attendance=attendance,
        appraisals=appraisals,
        mode="strict",
    )


@pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
@pytest.mark.parametrize("period", list(EXPECTED))
def test_every_employee_to_the_rupiah(dataset: Dataset, period: str, reference: bool) -> None:
    with pytest.warns(InputWarning):
        res = calculate(dataset, load_ruleset(RULES), period, reference=reference)
    paid = dict(zip(res.to_frame()["nip"], res.to_frame()["tpp"], strict=True))
    assert paid == {NIPS[k]: v for k, v in EXPECTED[period].items()}
    assert res.rejected.empty
    # kelas 1, 4, 6 and 14 are not in the kelangkaan table: its default 0, said (the formula
    # after it pays the listed positions only); Fajar has no SKP
    assert [w.code for w in res.warnings] == ["lookup_default", "paid_without_appraisal"]
    assert "kelangkaan_dasar" in res.warnings[0].message("en")


def test_the_explanation_tells_the_story(dataset: Dataset) -> None:
    """Budi's remote district is the kecamatan's (his seksi's cell is blank), the kondisi kerja
    table in force is the amended one in July, and each formula is shown."""
    with pytest.warns(InputWarning):
        res = calculate(dataset, load_ruleset(RULES), "2025-07")
    budi = str(res.explain(NIPS["B"], lang="id"))
    assert "nilai dari unit di atas: {terpencil: KEC (Kecamatan Hulu)}" in budi
    assert "rumus: if_(terpencil, beban_kerja * tempat_bertugas_rate, rupiah(0))" in budi
    eka = res.explain(NIPS["E"], lang="en")
    [kondisi] = eka.step("kondisi_kerja_dasar").parameters
    assert (kondisi.start, kondisi.reference) == ("2025-07-01", "Perbup 19/2025 pasal I "
                                                 "(Lampiran II amounts raised 10 %)")  # fmt: skip
    assert eka.step("tpp_kotor").output == 7_000_000


class TestExtraColumnsTheRulesRead:
    """The reader lists the columns the contract does not know (``extra_columns``) before
    the rules are known; this rule file reads the units' ``terpencil`` and the positions'
    ``berisiko``. A calculation names only the extra columns no step read, and the CLI shows
    that, not the reader's list: a column a formula read was used."""

    @pytest.fixture(scope="class")
    def book(self, dataset: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
        from tukin.io import write_frames

        tables = dict(dataset.tables)
        tables["units"] = tables["units"].assign(catatan=["-"] * len(tables["units"]))
        return write_frames(tables, tmp_path_factory.mktemp("kriteria") / "isian.xlsx")

    def test_the_calculation_names_only_the_column_nothing_read(self, book: Path) -> None:
        import warnings

        from tukin.io import read_dataset

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            ds = read_dataset(book, lang="en")
            result = calculate(ds, load_ruleset(RULES), "2025-06")
        notes = [w.message for w in caught if isinstance(w.message, InputWarning)]
        [unread] = [w for w in notes if w.code == "extra_columns_unread"]
        assert "catatan" in unread.message("en") and "catatan" in unread.message("id")
        assert "terpencil" not in unread.message("en")
        # the columns as lists for a program (review 88), joined in the words
        assert unread.params["columns"] == ["catatan"]
        [extra] = [w for w in notes if w.code == "extra_columns" and w.fields["table"] == "units"]
        assert extra.params["columns"] == ["terpencil", "catatan"]
        assert not any("berisiko" in w.message("en") for w in notes[2:])  # after the reader's
        assert "extra_columns_unread" not in {w.code for w in result.warnings}  # not filed
        assert result.rejected.empty

    def test_the_cli_does_not_list_a_column_the_rules_read(
        self, book: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from tukin.cli import main

        args = ["calculate", "--data", str(book), "--rules", str(RULES)]
        assert main([*args, "--period", "2025-06", "--lang", "en"]) == 0
        err = capsys.readouterr().err
        assert "[extra_columns_unread]" in err and "catatan" in err
        assert "terpencil" not in err and "berisiko" not in err
