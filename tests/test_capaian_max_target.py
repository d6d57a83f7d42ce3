"""capaian-permenpanrb-8-2021 version 2: a maximal target (the optional column target_is_max)
reached scores 120 (PermenPANRB 8/2021 Lampiran BAB VI huruf A angka 1 huruf b) angka 2) huruf
(i)); without the column every score is version 1's."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pandas as pd
import pytest

import tukin
from tukin.errors import CalculationError

PACK = "capaian-permenpanrb-8-2021"
SEGMENT = [{"min": "100%", "max": "110%", "max_inclusive": True, "out_min": 109, "out_max": 120}]


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    with tukin.language("en"):
        yield


def dataset(rows: list[dict[str, Any]]) -> tuple[tukin.Dataset, list[str]]:
    """One employee per row of indicator columns (realisation, target, ...), NIPs in order."""
    # the pack reads target_max and polarity too (a single target: target_max blank)
    rows = [{"target_max": None, "polarity": "higher", **r} for r in rows]
    nips = [f"19800101200501{i:04d}" for i in range(1, len(rows) + 1)]
    columns = sorted({k for r in rows for k in r})
    employees = pd.DataFrame(
        {
            "nip": nips,
            "position_id": ["P1"] * len(rows),
            "status": ["pns"] * len(rows),
            **{c: [r.get(c) for r in rows] for c in columns},
        }
    )
    ds = tukin.Dataset.from_frames(
        units=pd.DataFrame({"unit_id": ["D"], "name": ["Dinas"]}),
        positions=pd.DataFrame(
            {"position_id": ["P1"], "name": ["A"], "unit_id": ["D"], "kind": ["jpt"], "grade": [1]}
        ),
        employees=employees,
    )
    return ds, nips


def scores(rules: tukin.RuleSet, rows: list[dict[str, Any]]) -> list[Any]:
    ds, nips = dataset(rows)
    frame = tukin.calculate(ds, rules, "2025-12").to_frame().set_index("nip")
    # floats as the frame gives them (2450/59 is no decimal): exact where it matters, in the
    # golden cases (tukin/golden_cases/capaian.yaml)
    return [None if pd.isna(v) else float(v) for v in frame["nilai"].reindex(nips)]


def grid() -> list[dict[str, Any]]:
    """Realisations around every band edge, both polarities, single and range targets."""
    out = []
    for real, target, tmax, pol in itertools.product(
        [0, 50, 59.5, 60, 79, 80, 98, 99.5, 100, 104, 110, 110.5, 150, 250],
        [100, 80],
        [None, 90],
        ["higher", "lower"],
    ):
        out.append({"realisation": real, "target": target, "target_max": tmax, "polarity": pol})
    return out


def test_version_2_brought_the_flag_and_version_1_stays_loadable() -> None:
    """Version 2 declared target_is_max; the packaged version (3 added position_history,
    review 103) keeps it, and version 1 stays loadable without it."""
    v2 = tukin.load_ruleset(f"{PACK}@2")
    assert v2.version == "2" and "target_is_max" in v2.columns
    assert tukin.load_ruleset(PACK).columns == v2.columns
    v1 = tukin.load_ruleset(f"{PACK}@1")
    assert v1.version == "1" and not v1.columns


@pytest.mark.parametrize("flag", ["absent", None, False])
def test_without_the_flag_every_score_is_version_1s(flag: Any) -> None:
    rows = grid()
    if flag != "absent":
        rows = [{**r, "target_is_max": flag} for r in rows]
    v1 = tukin.load_ruleset(f"{PACK}@1").with_parameters(score_100_110=SEGMENT)
    v2 = tukin.load_ruleset(PACK).with_parameters(score_100_110=SEGMENT)
    assert scores(v2, rows) == scores(v1, rows)


def test_a_maximal_target_reached_scores_120() -> None:
    v2 = tukin.load_ruleset(PACK).with_parameters(score_100_110=SEGMENT)
    rows = [
        {"realisation": 100, "target": 100, "target_is_max": True},  # the Lampiran's example
        {"realisation": 100, "target": 100, "target_is_max": False},
        {"realisation": 100, "target": 100},  # blank: the default, no
        {"realisation": 98, "target": 100, "target_is_max": True},  # missed: Cukup line
        {"realisation": 105, "target": 100, "target_is_max": True},  # above: still 120
        {"realisation": 2, "target": 2, "polarity": "lower", "target_is_max": True},
        {"realisation": 3, "target": 2, "polarity": "lower", "target_is_max": True},
    ]
    assert scores(v2, rows) == [120, 109, 109, 88, 120, 120, pytest.approx(2450 / 59)]


def test_a_capped_capaian_of_100_on_a_maximal_target_scores_120() -> None:
    # a lower-is-better 9 against 10 is 110 %, counted as 100 % under a cap of 100 %
    v2 = tukin.load_ruleset(PACK).with_parameters(score_100_110=SEGMENT, capaian_cap="100%")
    rows = [
        {"realisation": 9, "target": 10, "polarity": "lower", "target_is_max": t}
        for t in (True, False)
    ]
    assert scores(v2, rows) == [120, 109]


def test_as_shipped_a_maximal_target_reached_needs_no_segment() -> None:
    # the 100-110 % segment is left to the user: an ordinary capaian of 100 % stops the run
    # until supplied, a maximal target reached is scored by huruf (i) and does not
    shipped = tukin.load_ruleset(PACK)
    flagged = [{"realisation": 100, "target": 100, "target_is_max": True}]
    assert scores(shipped, flagged) == [120]
    with pytest.raises(CalculationError, match="nilai_100_110"):
        scores(shipped, [*flagged, {"realisation": 100, "target": 100, "target_is_max": False}])


def test_the_explanation_cites_huruf_i_and_says_when_the_default_was_used() -> None:
    v2 = tukin.load_ruleset(PACK).with_parameters(score_100_110=SEGMENT)
    ds, nips = dataset([{"realisation": 100, "target": 100}])
    step = tukin.calculate(ds, v2, "2025-12").explain(nips[0]).step("nilai")
    assert step.notes["column_default"] == {
        "target_is_max": "no (the rule file's default: the data has no column target_is_max)"
    }
    used = {p.name: p for p in step.parameters}
    assert "huruf (i)" in (used["max_target_score"].reference or "")
    ds, nips = dataset([{"realisation": 100, "target": 100, "target_is_max": True}])
    step = tukin.calculate(ds, v2, "2025-12").explain(nips[0]).step("nilai")
    assert "column_default" not in step.notes
    assert step.inputs["target_is_max"] is True and step.output == 120
