"""Tests for tukin.rules.appraisal: the predikat matrix and the distribution curve check."""

from __future__ import annotations

import doctest
from fractions import Fraction as F
from typing import Any, ClassVar

import pandas as pd
import pytest

import tukin
import tukin.rules.appraisal
from tests import strategies as tst
from tukin.rules.appraisal import (
    DISTRIBUTION_LIMITS,
    Limit,
    PredikatMatrixParams,
    check_distribution,
)

BACKENDS = pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])

# PermenPANRB 6/2022 (DOMAIN.md §5): rows = results, columns = behaviour.
MATRIX = {
    "above": {"below": "Kurang", "as_expected": "Baik", "above": "Sangat Baik"},
    "as_expected": {"below": "Kurang", "as_expected": "Baik", "above": "Baik"},
    "below": {
        "below": "Sangat Kurang",
        "as_expected": "Butuh Perbaikan",
        "above": "Butuh Perbaikan",
    },
}
CELLS = [
    ("above", "below", "Kurang"),
    ("above", "as_expected", "Baik"),
    ("above", "above", "Sangat Baik"),
    ("as_expected", "below", "Kurang"),
    ("as_expected", "as_expected", "Baik"),
    ("as_expected", "above", "Baik"),
    ("below", "below", "Sangat Kurang"),
    ("below", "as_expected", "Butuh Perbaikan"),
    ("below", "above", "Butuh Perbaikan"),
]


def matrix_step(**more: Any) -> list[dict[str, Any]]:
    return [{"id": "p", "type": "predikat_matrix", "matrix": MATRIX, **more}]


class TestPredikatMatrix:
    """Predikat from the ratings of work results and behaviour."""

    @pytest.mark.parametrize(("results", "behaviour", "predikat"), CELLS)
    def test_each_cell(self, results: str, behaviour: str, predikat: str) -> None:
        """All nine cells of the PermenPANRB 6/2022 matrix."""
        out = tst.run_steps({"results": [results], "behaviour": [behaviour]}, matrix_step())
        assert out.values("p") == [predikat]

    @BACKENDS
    def test_whole_column(self, reference: bool) -> None:
        """The nine cells at once, on both backends."""
        data = {"results": [c[0] for c in CELLS], "behaviour": [c[1] for c in CELLS]}
        out = tst.run_steps(data, matrix_step(), reference=reference)
        assert out.values("p") == [c[2] for c in CELLS]

    @BACKENDS
    def test_missing_appraisal_label(self, reference: bool) -> None:
        """An employee without ratings gets the declared label (e.g. 'Tidak Ada SKP')."""
        data = {"results": [None, "above", float("nan")], "behaviour": [None, "above", "above"]}
        out = tst.run_steps(data, matrix_step(missing="Tidak Ada SKP"), reference=reference)
        assert out.values("p") == ["Tidak Ada SKP", "Sangat Baik", "Tidak Ada SKP"]

    def test_missing_appraisal_rejects_by_default(self) -> None:
        """Without a missing label, an employee without ratings is rejected with a reason."""
        out = tst.run_steps(
            {"results": [None, "below"], "behaviour": [None, "below"]}, matrix_step()
        )
        assert out.rejected == {0: "no_appraisal"}
        assert out.values("p")[1] == "Sangat Kurang"

    def test_spellings_and_unknown_ratings(self) -> None:
        """Case, spaces, dashes and Indonesian names are read; other text rejects the row."""
        data = {
            "results": ["As Expected", "di atas ekspektasi", "excellent"],
            "behaviour": [" ABOVE ", "sesuai-ekspektasi", "above"],
        }
        out = tst.run_steps(data, matrix_step(missing="Tidak Ada SKP"))
        assert out.values("p")[:2] == ["Baik", "Baik"]
        assert out.rejected == {2: "unknown_rating"}

    def test_matrix_needs_nine_cells(self) -> None:
        """A matrix with a cell missing is refused, naming the cell."""
        partial = {**MATRIX, "below": {"below": "Sangat Kurang", "above": "Butuh Perbaikan"}}
        with pytest.raises(ValueError, match="below/as_expected"):
            PredikatMatrixParams(matrix=partial)


class TestUnassessedSubordinates:
    """unassessed_subordinates: how many direct subordinates serving in the period have no
    appraisal, so that a region's cut for the superior who did not rate them (Jambi: 5 points
    off the SKP ratio, DOMAIN.md §3) is a formula, not a flag kept by hand."""

    # KA heads the office; KB and KC report to KA; S1..S4 report to KB (S4 left before the
    # period), S5 to KC. KB has two holders (a shared position): both get the count.
    FRAME: ClassVar[dict[str, list[Any]]] = {
        "nip": [f"19800101200501100{i}" for i in range(9)],
        "position_id": ["KA", "KB", "KB", "KC", "S1", "S2", "S3", "S4", "S5"],
        "superior_id": [None, "KA", "KA", "KA", "KB", "KB", "KB", "KB", "KC"],
        "has_appraisal": [True, False, True, True, False, True, False, False, True],
        "days_served": [31, 31, 31, 31, 31, 31, 10, 0, 31],
    }

    @BACKENDS
    def test_counts_direct_subordinates_serving_without_appraisal(self, reference: bool) -> None:
        steps = [
            {"id": "belum", "type": "unassessed_subordinates"},
            {"id": "rasio", "type": "formula", "expr": "1 - 0.05 * (belum > 0)"},
        ]
        out = tst.run_steps(self.FRAME, steps, reference=reference)
        # KA: KB (one holder unrated) = 1; KB: S1 and S3 (S4 served no day) = 2; KC: S5 rated
        assert out.values("belum") == [1, 2, 2, 0, 0, 0, 0, 0, 0]
        assert out.values("rasio") == [F(95, 100)] * 3 + [1] * 6

    def test_the_explanation_names_them(self) -> None:
        out = tst.run_steps(self.FRAME, [{"id": "belum", "type": "unassessed_subordinates"}])
        [trace] = out.run.traces
        nips = self.FRAME["nip"]
        assert trace.notes["unassessed"][1] == f"{nips[4]}, {nips[6]}"
        assert trace.notes["unassessed"][3] == ""


class TestCheckDistribution:
    """SE MenPANRB 03/2023 distribution limits by organisation predikat."""

    @staticmethod
    def ratings(**counts: int) -> list[str]:
        names = {
            "SB": "Sangat Baik",
            "B": "Baik",
            "BP": "Butuh Perbaikan",
            "K": "Kurang",
            "SK": "Sangat Kurang",
        }
        return [names[k] for k, n in counts.items() for _ in range(n)]

    def test_istimewa_at_most_70_percent_sangat_baik(self) -> None:
        """Istimewa: 8 of 10 Sangat Baik breaks the 70 % bound; 7 of 10 does not."""
        (b,) = check_distribution(self.ratings(SB=8, B=2), "Istimewa")
        assert (b.observed, b.allowed, b.count, b.total) == (F(4, 5), F(7, 10), 8, 10)
        assert b.limit == Limit(("Sangat Baik",), "at_most", F(7, 10))
        assert check_distribution(self.ratings(SB=7, B=3), "Istimewa") == []

    def test_counts_give_the_same_verdict_as_labels(self) -> None:
        """Review 62: ``{"Sangat Baik": 8, "Baik": 2}`` (a golden case's ``ratings``) was read
        by its keys, two employees, and found no breach. Counts, as a mapping or as a
        ``value_counts()`` Series, give the verdict of the labels they count; labels that
        differ only in case or spacing add up, and ``ignore`` leaves a count out."""
        labels = self.ratings(SB=8, B=2)
        want = [str(b) for b in check_distribution(labels, "Istimewa")]
        assert want == ["Istimewa: at most 70% Sangat Baik allowed, observed 80% (8 of 10)"]
        for counts in (
            {"Sangat Baik": 8, "Baik": 2},
            {"Sangat Baik": 5, "sangat_baik": 3, "Baik": 2, "Tidak Ada SKP": 4},
            pd.Series(labels + [None]).value_counts(),
        ):
            found = check_distribution(counts, "Istimewa", ignore=["Tidak Ada SKP"])
            assert [str(b) for b in found] == want, counts
        assert check_distribution({"Sangat Baik": 7, "Baik": 3}, "Istimewa") == []

    @pytest.mark.parametrize(
        "ratings",
        [{"198001012005011001": "Baik"}, {"Baik": 2.5}, {"Baik": -1}, {"Baik": True}, {1: 2}],
    )
    def test_a_mapping_that_is_no_counts_is_refused(self, ratings: dict[Any, Any]) -> None:
        """A mapping of anything but predikat to whole counts (``{nip: predikat}``) is not
        guessed at: refused, in both languages."""
        with pytest.raises(tukin.ArgumentError) as info:
            check_distribution(ratings, "Istimewa")
        assert info.value.code == "distribution_counts"
        assert "ratings given as a mapping are counts" in info.value.message("en")
        assert "pemetaan adalah jumlah" in info.value.message("id")

    def test_baik_needs_some_below_baik(self) -> None:
        """Baik: at most 70 % Baik and some Butuh Perbaikan or Kurang."""
        breaches = check_distribution(self.ratings(SB=1, B=9), "Baik")
        assert [str(b) for b in breaches] == [
            "Baik: at most 70% Baik allowed, observed 90% (9 of 10)",
            "Baik: more than 0% Butuh Perbaikan / Kurang allowed, observed 0% (0 of 10)",
        ]
        assert check_distribution(self.ratings(SB=3, B=6, K=1), "baik") == []

    def test_butuh_perbaikan(self) -> None:
        """Butuh Perbaikan: at least 60 % Butuh Perbaikan, at most 10 % Sangat Baik."""
        breaches = check_distribution(self.ratings(SB=2, B=3, BP=5), "Butuh Perbaikan")
        assert [(b.limit.kind, b.observed) for b in breaches] == [
            ("at_least", F(1, 2)),
            ("at_most", F(1, 5)),
        ]

    def test_kurang(self) -> None:
        """Kurang: ≥ 60 % Kurang, ≥ 10 % Butuh Perbaikan, ≤ 10 % Sangat Baik."""
        assert check_distribution(self.ratings(K=6, BP=1, SB=1, B=2), "Kurang") == []
        (b,) = check_distribution(self.ratings(K=7, B=3), "Kurang")
        assert b.limit.labels == ("Butuh Perbaikan",)

    def test_sangat_kurang(self) -> None:
        """Sangat Kurang: ≥ 60 % Sangat Kurang, ≥ 10 % Kurang or Butuh Perbaikan, no Sangat Baik."""
        assert check_distribution(self.ratings(SK=6, K=1, BP=1, B=2), "Sangat Kurang") == []
        breaches = check_distribution(self.ratings(SK=6, B=3, SB=1), "Sangat Kurang")
        assert [b.limit.describe("en") for b in breaches] == [
            "at least 10% Kurang / Butuh Perbaikan",
            "at most 0% Sangat Baik",
        ]

    def test_ignored_and_missing_ratings(self) -> None:
        """Missing ratings and ignored labels are not counted; a Series is accepted."""
        ratings = pd.Series(
            ["Sangat Baik"] * 8 + ["Baik"] * 2 + [None, "Tidak Ada SKP", "Tidak Ada SKP"]
        )
        assert [
            str(b) for b in check_distribution(ratings, "Istimewa", ignore=["tidak ada skp"])
        ] == ["Istimewa: at most 70% Sangat Baik allowed, observed 80% (8 of 10)"]
        # counted among the total, "Tidak Ada SKP" would hide the breach (8 of 12 = 66.67 %)
        with pytest.raises(ValueError, match="'Tidak Ada SKP' \\(2\\)"):
            check_distribution(ratings, "Istimewa")

    def test_a_label_that_is_no_predikat_is_refused_not_counted(self) -> None:
        """An old name ("Cukup"), a typo or nonsense counted in the total would move every
        share: 7 "Cukup" of 10 in a Butuh Perbaikan unit read as 0 % Butuh Perbaikan, 10
        "xyz" in an Istimewa unit as no breach. Dashes and case are only spelling."""
        with pytest.raises(ValueError, match="'Cukup' \\(7\\)"):
            check_distribution(["Cukup"] * 7 + ["Baik"] * 3, "Butuh Perbaikan")
        with pytest.raises(ValueError, match="'Sangat Bayik' \\(1\\)"):
            check_distribution(["Sangat Bayik", "Baik"], "Istimewa")
        (b,) = check_distribution(["Sangat-Baik"] * 8 + ["BAIK"] * 2, "Istimewa")
        assert (b.count, b.total) == (8, 10)
        mine = {"Istimewa": (Limit(("Prima",), "at_most", F(1, 2)),)}
        assert len(check_distribution(["Prima"] * 6 + ["Baik"] * 4, "Istimewa", mine)) == 1

    def test_share_shown_to_two_places(self) -> None:
        """A share that is not a short decimal is shown to two places."""
        (b,) = check_distribution(self.ratings(BP=1, B=2), "Butuh Perbaikan")
        assert (
            str(b)
            == "Butuh Perbaikan: at least 60% Butuh Perbaikan allowed, observed 33.33% (1 of 3)"
        )

    def test_custom_limits_and_errors(self) -> None:
        """Limits are data the caller may replace; an unknown predikat is refused; empty is fine."""
        mine = {"Istimewa": (Limit(("Sangat Baik",), "at_most", F(1, 2)),)}
        assert len(check_distribution(self.ratings(SB=6, B=4), "Istimewa", mine)) == 1
        with pytest.raises(ValueError) as unknown:
            check_distribution([], "Hebat")
        assert "unknown organisation predikat 'Hebat'" in unknown.value.message("en")
        assert check_distribution([], "Istimewa") == []
        assert set(DISTRIBUTION_LIMITS) == {
            "Istimewa",
            "Baik",
            "Butuh Perbaikan",
            "Kurang",
            "Sangat Kurang",
        }

    def test_docstring_example(self) -> None:
        """The example in the docstrings runs."""
        result = doctest.testmod(tukin.rules.appraisal, verbose=False)
        assert result.attempted >= 1
        assert result.failed == 0


class TestDistributionInBothLanguages:
    """HR reads the curve check in Indonesian or English: a breach and each refusal come from
    the message catalogue, as every message does; ``str`` of a breach stays English."""

    def test_a_breach_in_both_languages(self) -> None:
        (b,) = check_distribution(["Sangat Baik"] * 8 + ["Baik"] * 2, "Istimewa")
        assert b.message("id") == (
            "Istimewa: dibolehkan paling banyak 70% Sangat Baik, teramati 80% (8 dari 10)"
        )
        assert b.message("en") == str(b)
        with tukin.language("id"):
            assert b.message() == b.message("id")

    def test_refusals_in_both_languages(self) -> None:
        with pytest.raises(tukin.ArgumentError) as unknown:
            check_distribution([], "Hebat")
        assert unknown.value.code == "unknown_organisation_predikat"
        assert "predikat organisasi 'Hebat' tidak dikenal" in unknown.value.message("id")
        with pytest.raises(tukin.ArgumentError) as label:
            check_distribution(["Cukup"] * 2, "Istimewa")
        assert label.value.code == "unknown_employee_predikat"
        assert "bukan predikat pegawai: 'Cukup' (2)" in label.value.message("id")
        assert "no employee predikat: 'Cukup' (2)" in label.value.message("en")

    def test_public(self) -> None:
        assert tukin.check_distribution is check_distribution
