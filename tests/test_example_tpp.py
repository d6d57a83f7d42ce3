"""Golden test of examples/tpp_60_40.yaml, computed by hand; and the rule-type reference doc.

Period 2025-10 (31 days); the Seruyan 2023 base table is in force. Formula per employee:

    kinerja   = base × 60 % × SKP ratio × (1 − absence%)               × status × days
    disiplin  = base × 40 % × max(0, 1 − absence% − ceremony%)          × status × days
    TPP       = round_half_up(kinerja + disiplin)

A  Ani, PNS, class 15 (17,019,369), Sangat Baik, no absence:
   kinerja  = 17,019,369 × 0.6 = 10,211,621.4;  disiplin = 17,019,369 × 0.4 = 6,807,747.6
   TPP      = 17,019,369.0                                                  → 17,019,369
B  Budi, PNS, class 12 (9,298,296), Baik, 2×TL1 + 1×PSW2 + 1×TK, 3 apel missed:
   absence% = 2 × 0.5 + 1 + 3 = 5 %;  ceremony% = 3 × 2 = 6 %
   kinerja  = 9,298,296 × 0.6 × 1 × 0.95  = 5,300,028.72
   disiplin = 9,298,296 × 0.4 × 0.89      = 3,310,193.376
   TPP      = 8,610,222.096                                                  → 8,610,222
C  Citra, CPNS (80 %), class 6 (3,349,711), below/above = Butuh Perbaikan (90 %):
   kinerja  = 3,349,711 × 0.6 × 0.9 × 0.8 = 1,447,075.152
   disiplin = 3,349,711 × 0.4 × 0.8       = 1,071,907.52
   TPP      = 2,518,982.672                                                  → 2,518,983
D  Dedi, PNS, class 9 (5,439,503), from 16 October (16 of 31 days), as_expected/below = Kurang:
   kinerja  = 5,439,503 × 0.6 × 0.75 × 16/31 = 39,164,421.6 / 31
   disiplin = 5,439,503 × 0.4 × 16/31        = 34,812,819.2 / 31
   TPP      = 73,977,240.8 / 31 = 2,386,362.606…  (31 × 2,386,362 = 73,977,222)   → 2,386,363
E  Eka, PNS, class 8 (4,371,943), no appraisal (Tidak Ada SKP, 40 %), 30 apel missed:
   ceremony% = 100 % (28 or more; 30 × 2 % would be 60 %)
   kinerja  = 4,371,943 × 0.6 × 0.4 = 1,049,266.32;  disiplin = 4,371,943 × 0.4 × 0 = 0
   TPP      = 1,049,266.32                                                   → 1,049,266
F  Fajar, PNS, class 4 (1,655,678), Sangat Baik, 20 sakit + 15 TK + 3 cuti:
   absence% = 60 % + 45 % + 0 % (cuti) = 105 % → capped at 100 %
   kinerja  = 1,655,678 × 0.6 × 1 × 0 = 0;  disiplin = 1,655,678 × 0.4 × max(0, 0) = 0
   TPP      = 0                                                              → 0
"""

from __future__ import annotations

from fractions import Fraction as F
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.result import Result
from tukin.rules.reference import reference_markdown
from tukin.ruleset.load import load_ruleset
from tukin.ruleset.model import RuleSet

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "examples" / "tpp_60_40.yaml"
CODES = [
    *("tl1", "tl2", "tl3", "tl4", "psw1", "psw2", "psw3", "psw4"),
    *("tk", "sakit", "izin", "cuti", "apel"),
]
NIPS = {
    "A": "197001012000011001",
    "B": "197502022001012002",
    "C": "199503032022011003",
    "D": "198004042005011004",
    "E": "198505052010012005",
    "F": "199006062015011006",
}
EXPECTED = {"A": 17_019_369, "B": 8_610_222, "C": 2_518_983, "D": 2_386_363, "E": 1_049_266, "F": 0}


@cache
def ruleset() -> RuleSet:
    return load_ruleset(RULES)


def dataset(
    extra_grade: int | None = None, attendance_for: tuple[str, ...] = tuple(NIPS)
) -> Dataset:
    """Six employees (plus one of ``extra_grade``), attendance for ``attendance_for``."""
    grades = {"A": 15, "B": 12, "C": 6, "D": 9, "E": 8, "F": 4}
    who = dict(NIPS)
    if extra_grade is not None:
        grades["G"], who["G"] = extra_grade, "199107072016011007"
    pos = pd.DataFrame(
        {
            "position_id": [f"P{k}" for k in grades],
            "name": [f"Jabatan {k}" for k in grades],
            "unit_id": "D1",
            "kind": "pelaksana",
            "grade": list(grades.values()),
        }
    )
    emp = pd.DataFrame(
        {
            "nip": list(who.values()),
            "name": [f"Pegawai {k}" for k in who],
            "position_id": [f"P{k}" for k in who],
            "status": ["cpns" if k == "C" else "pns" for k in who],
            "start_date": ["2025-10-16" if k == "D" else None for k in who],
        }
    )
    att = pd.DataFrame(0, index=range(len(attendance_for)), columns=CODES)
    att.insert(0, "period", "2025-10")
    att.insert(0, "nip", [who[k] for k in attendance_for])
    events = {
        "B": {"tl1": 2, "psw2": 1, "tk": 1, "apel": 3},
        "E": {"apel": 30},
        "F": {"sakit": 20, "tk": 15, "cuti": 3},
    }
    for k, ev in events.items():
        if k in attendance_for:
            for code, n in ev.items():
                att.loc[attendance_for.index(k), code] = n
    ratings = {
        "A": ("above", "above"),
        "B": ("as_expected", "as_expected"),
        "C": ("below", "above"),
        "D": ("as_expected", "below"),
        "F": ("above", "above"),
        "G": ("above", "above"),
    }  # E: none
    app = pd.DataFrame(
        [
            {"nip": who[k], "period": "2025-10", "results": r, "behaviour": b}
            for k, (r, b) in ratings.items()
            if k in who
        ]
    )
    units = pd.DataFrame({"unit_id": ["D1"], "name": ["Dinas Contoh"]})
    return Dataset.from_frames(
        units=units, positions=pos, employees=emp, attendance=att, appraisals=app, mode="strict"
    )


@cache
def results() -> dict[bool, Result]:
    ds = dataset()
    return {ref: calculate(ds, ruleset(), "2025-10", reference=ref) for ref in (False, True)}


def allowances(result: Result) -> dict[str, int]:
    frame = result.to_frame()
    by_nip = dict(zip(frame["nip"], frame["allowance"], strict=True))
    return {k: int(by_nip[nip]) for k, nip in NIPS.items() if nip in by_nip}


class TestExampleRuleFile:
    """The rule file itself: loads, cites a reference for every parameter."""

    def test_every_parameter_has_a_reference(self) -> None:
        """Each parameter value names where it comes from."""
        for name, param in ruleset().parameters.items():
            for value in param.values:
                assert value.reference or param.reference, name

    def test_base_table_is_dated_example(self) -> None:
        """The Seruyan table is dated (2023 values from 2023-01-01) and labelled as example."""
        base = ruleset().parameters["base_tpp"]
        assert [str(v.start) for v in base.values] == ["2022-01-01", "2023-01-01"]
        assert {v.source for v in base.values} == {"example"}
        assert base.values[1].value[15] == 17_019_369

    def test_ends_with_a_round_step(self) -> None:
        """The allowance is the final half-up rounding to whole rupiah."""
        last = ruleset().steps[-1]
        assert (last.id, last.type, last.params["mode"]) == ("tpp", "round", "half_up")
        assert ruleset().allowance_step == "tpp"


class TestGoldenTPP:
    """Six employees computed by hand (see the module docstring), to the rupiah."""

    @pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
    def test_allowances(self, reference: bool) -> None:
        """Every allowance equals the hand calculation, on the fast and the reference path."""
        result = results()[reference]
        assert allowances(result) == EXPECTED
        assert result.receipt.total_allowance == sum(EXPECTED.values())
        assert len(result.rejected) == 0

    def test_intermediate_values(self) -> None:
        """Percentages, predikat and parts match the hand calculation."""
        frame = results()[True].to_frame().set_index("nip")
        b, e, f = frame.loc[NIPS["B"]], frame.loc[NIPS["E"]], frame.loc[NIPS["F"]]
        assert (b["persen_absen"], b["persen_apel"], b["predikat"]) == (0.05, 0.06, "Baik")
        assert (e["persen_apel"], e["predikat"], e["rasio_skp"]) == (1.0, "Tidak Ada SKP", 0.4)
        assert (f["persen_absen"], f["faktor_disiplin"]) == (1.0, 0.0)
        assert frame.loc[NIPS["C"], "predikat"] == "Butuh Perbaikan"

    def test_part_month_explanation(self) -> None:
        """Dedi's explanation shows 16 of 31 days served, counted from his start date, and
        the unrounded total."""
        import datetime as dt

        ex = results()[False].explain(NIPS["D"])
        assert ex.step("faktor_hari").inputs == {
            "days_served": 16,
            "days_in_period": 31,
            "start_date": dt.date(2025, 10, 16),
            "end_date": None,
        }
        assert ex.step("faktor_hari").output == pytest.approx(16 / 31, rel=1e-15)
        assert ex.step("tpp_kotor").output == pytest.approx(float(F(739772408, 310)), rel=1e-15)
        assert ex.allowance == 2_386_363

    def test_2022_table_applies_in_2022(self) -> None:
        """In October 2022 the 2022 base values are in force: Ani gets 13,626,776."""
        ds = dataset()
        att = ds["attendance"].assign(period="2022-10")
        app = ds["appraisals"].assign(period="2022-10")
        ds22 = Dataset.from_frames(
            units=ds["units"],
            positions=ds["positions"],
            employees=ds["employees"].assign(start_date=None),
            attendance=att.reset_index(drop=True),
            appraisals=app.reset_index(drop=True),
        )
        got = allowances(calculate(ds22, ruleset(), "2022-10"))
        assert got["A"] == 13_626_776

    def test_rejections(self) -> None:
        """A class with no base amount and a missing attendance row are rejected with reasons."""
        ds = dataset(extra_grade=16, attendance_for=("A", "B", "C", "D", "E", "F", "G")[1:])
        result = calculate(ds, ruleset(), "2025-10")
        rej = dict(zip(result.rejected["nip"], result.rejected["code"], strict=True))
        assert rej == {NIPS["A"]: "missing_input_row", "199107072016011007": "missing_base"}
        assert allowances(result) == {k: v for k, v in EXPECTED.items() if k != "A"}


class TestRuleTypeReference:
    """docs/rule-types.md is generated from the registry and kept up to date."""

    def test_doc_is_up_to_date(self) -> None:
        """The committed reference equals the generated one (regenerate if this fails)."""
        doc = ROOT / "docs" / "rule-types.md"
        assert doc.read_text(encoding="utf-8") == reference_markdown(), (
            "docs/rule-types.md is stale: python -m tukin.rules.reference > docs/rule-types.md"
        )

    def test_every_builtin_is_documented(self) -> None:
        """Each rule type of this package has a section with its parameters."""
        text = reference_markdown()
        for name in (
            "achievement",
            "aggregate",
            "bands",
            "predikat_matrix",
            "deduction_table",
            "share",
            "sum",
            "status_factor",
            "pro_rata",
            "formula",
            "lookup",
            "round",
            "clamp",
        ):
            assert f"## `{name}`" in text
