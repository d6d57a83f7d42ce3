"""The rule file's components (``outputs.components``) of an employee who held several
positions in the period (review 122): a component computed per position (before
``position_history.sum_at``) and in rupiah is reported as the sum over the positions, as
``sum_at`` is, so that the components add up to the allowance in every output; one that is
not an amount (a ratio) keeps the latest position's value."""

from __future__ import annotations

import json
from fractions import Fraction

import pandas as pd
import pytest

from tests.test_position_history import BARRED, NIP, history, org, pay, rules
from tukin.dataset import Dataset

#: kinerja 20 % and disiplin 80 % of the base, each for the position's days and status,
#: summed at ``for_days``; ``days_f`` (a ratio) named a component as well
PARTS = """
name: parts
period_kinds: [month]
position_history: {sum_at: for_days}
parameters:
  base: {unit: rupiah, reference: SYNTHETIC, value: {7: 3000000, 9: 4500000, 11: 6000000, 14: 9000000}}
  factors: {reference: SYNTHETIC, value: {pns: 100%, cpns: 80%, pppk: 100%}}
steps:
  - {id: base, type: lookup, key: grade, table: $base, unit: rupiah}
  - {id: status_f, type: status_factor, factors: $factors}
  - {id: days_f, type: pro_rata}
  - {id: kinerja, type: share, base: base, share: 20%, factors: [status_f, days_f]}
  - {id: disiplin, type: share, base: base, share: 80%, factors: [status_f, days_f]}
  - {id: for_days, type: sum, inputs: [kinerja, disiplin]}
  - {id: pay, type: round, input: for_days, mode: half_up}
outputs:
  allowance: pay
  components: [kinerja, disiplin, days_f]
"""


def _october(reference: bool = False, text: str = PARTS) -> object:
    """Budi: CPNS kelas 7 to 14 October, PNS kelas 9 from 15 October (14/31 and 17/31:
    parts no float holds); Dedi: three positions (kelas 7 to 3 October, STAFB to 16
    October, kelas 7 from 17 October); the others one position."""
    frames = org([None, "2025-10-15", None, "2025-10-17", None])
    table = history(
        (NIP[1], "STAF7", "cpns", "2024-01-01", "2025-10-14"),
        (NIP[3], "STAF7", "pns", "2024-01-01", "2025-10-03"),
        (NIP[3], "STAFB", "pns", "2025-10-04", "2025-10-16"),
    )
    ds = Dataset.from_frames(**frames, position_history=table)
    return pay(ds, "2025-10", rs=rules(text), reference=reference)


def _want(parts: list[tuple[int, Fraction, Fraction]], share: Fraction) -> Fraction:
    """The sum over positions of base x status factor x days / days of the month x share."""
    return sum((base * status * days * share for base, status, days in parts), Fraction(0))


BUDI = [(3_000_000, Fraction(4, 5), Fraction(14, 31)), (4_500_000, Fraction(1), Fraction(17, 31))]
DEDI = [
    (3_000_000, Fraction(1), Fraction(3, 31)),
    (3_000_000, Fraction(1), Fraction(13, 31)),
    (3_000_000, Fraction(1), Fraction(15, 31)),
]


@pytest.mark.parametrize("reference", [False, True])
def test_components_are_the_sum_over_the_positions(reference: bool) -> None:
    """The exact texts of the result (JSON ``exact``), the explanation's steps and the frame
    give each component the sum over the positions, and the components add up to sum_at
    to the Fraction; the ratio keeps the latest position's days."""
    result = _october(reference)
    texts = {t["nip"]: t for t in json.loads(result.to_json())["exact"]}  # type: ignore[attr-defined]
    frame = result.to_frame().set_index("nip")  # type: ignore[attr-defined]
    for nip, parts in ((NIP[1], BUDI), (NIP[3], DEDI)):
        kinerja, disiplin = _want(parts, Fraction(1, 5)), _want(parts, Fraction(4, 5))
        steps = {s["id"]: s for s in result.explain(nip).to_dict()["steps"]}  # type: ignore[attr-defined]
        for source in (texts[nip], {k: s["exact"] for k, s in steps.items()}):
            assert Fraction(source["kinerja"]) == kinerja
            assert Fraction(source["disiplin"]) == disiplin
            assert Fraction(source["for_days"]) == kinerja + disiplin
            assert Fraction(source["days_f"]) == parts[-1][2]  # a ratio: the latest's
        assert frame.loc[nip, "kinerja"] == pytest.approx(float(kinerja), abs=1e-6)
        assert frame.loc[nip, "disiplin"] == pytest.approx(float(disiplin), abs=1e-6)


def test_the_components_of_every_paid_row_and_opd_add_up_to_the_paid_sum() -> None:
    """Over the paid rows, and per OPD, the components' exact sum is sum_at's exact sum (the
    allowance before its rounding): a payroll clerk adding the parts finds the total."""
    result = _october()
    texts = pd.DataFrame(json.loads(result.to_json())["exact"])  # type: ignore[attr-defined]
    frame = result.to_frame()  # type: ignore[attr-defined]
    texts["opd_id"] = texts["nip"].map(dict(zip(frame["nip"], frame["opd_id"], strict=True)))
    for _, group in texts.groupby("opd_id"):
        parts = sum(map(Fraction, group["kinerja"])) + sum(map(Fraction, group["disiplin"]))
        assert parts == sum(map(Fraction, group["for_days"]))


def test_explanation_lists_each_positions_part_and_their_sum() -> None:
    """Each position shows its own components, which add up to the step's output; the text
    (both languages) adds them up at the component's step as at sum_at, and JSON
    ``positions`` names the summed steps."""
    result = _october()
    shown = result.explain(NIP[1])  # type: ignore[attr-defined]
    doc = shown.to_dict()
    steps = {s["id"]: s for s in doc["steps"]}
    for name in ("kinerja", "disiplin", "for_days"):
        own = [Fraction(p["exact"][name]) for p in doc["positions"]]
        assert sum(own, Fraction(0)) == Fraction(steps[name]["exact"])
    assert doc["positions"][0]["summed"] == ["kinerja", "disiplin", "for_days"]
    for lang in ("en", "id"):
        text = str(result.explain(NIP[1], lang=lang))  # type: ignore[attr-defined]
        at = text.index("(kinerja, share)")
        step_text = text[at : text.index("→", at)]
        assert " + b. " in step_text, step_text
        assert "'kinerja', 'disiplin', 'for_days'" in text


def test_a_position_owed_nothing_adds_nothing_to_the_components() -> None:
    """A position the rules decide pays nothing (PPPK not eligible) adds 0 to the components,
    as to sum_at: here the latest, so the employee's components are the earlier position's
    alone, and the explanation shows 0 for the latest."""
    text = PARTS.replace(
        "{id: status_f, type: status_factor, factors: $factors}",
        "{id: status_f, type: status_factor, factors: {pns: 100%, cpns: 80%}, "
        "not_eligible: [pppk]}",
    )
    assert "not_eligible" in BARRED  # the same reading as test_position_history's
    frames = org([None, "2025-10-15", None, "2025-10-17", None])
    frames["employees"].loc[1, "status"] = "pppk"
    table = history((NIP[1], "STAF7", "pns", "2024-01-01", "2025-10-14"))
    ds = Dataset.from_frames(**frames, position_history=table)
    result = pay(ds, "2025-10", rs=rules(text))
    doc = result.explain(NIP[1]).to_dict()  # type: ignore[attr-defined]
    steps = {s["id"]: s for s in doc["steps"]}
    earlier = Fraction(3_000_000) * Fraction(14, 31)
    assert Fraction(steps["for_days"]["exact"]) == earlier
    assert Fraction(steps["kinerja"]["exact"]) == earlier / 5
    assert Fraction(steps["disiplin"]["exact"]) == earlier * 4 / 5
    assert [Fraction(p["exact"]["kinerja"]) for p in doc["positions"]] == [0, earlier / 5]


def test_without_history_the_components_are_as_before() -> None:
    """An employee with one position keeps the values of the rows before (nothing summed),
    and an employee without history in a run with history too."""
    alone = pay(Dataset.from_frames(**org()), rs=rules(PARTS)).to_frame()
    frames = org()
    table = history((NIP[1], "STAF7", "cpns", "2024-01-01", "2025-11-14"))
    mixed = pay(Dataset.from_frames(**frames, position_history=table), rs=rules(PARTS))
    got = mixed.to_frame()  # type: ignore[attr-defined]
    keep = got["nip"] != NIP[1]
    for c in ("kinerja", "disiplin", "days_f", "for_days"):
        assert got.loc[keep, c].tolist() == alone.loc[alone["nip"] != NIP[1], c].tolist()
