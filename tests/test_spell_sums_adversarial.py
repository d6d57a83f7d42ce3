"""Adversarial checks of the fast sum of several positions at ``position_history.sum_at``
(review 111, after review 109 kept that sum on the fast path with its bound): rounding
ties the final round must decide exactly, huge and tiny parts, six positions in a month,
negative parts, a band, a look-up and a budget ceiling after ``sum_at``, each against a
hand computation with Fractions and the reference evaluator."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from tests.test_position_history import NIP, RULES, history, org, paid, pay, round_half_up, rules
from tukin.calc.engine import _spell_sums
from tukin.calc.num import FNum, Tracker
from tukin.dataset import Dataset

#: kelas of the positions in ``org()``
KELAS = {"KADIS": 14, "KABID1": 11, "KABID2": 11, "STAF7": 7, "STAF9": 9, "STAFB": 7}


def _base(text: str) -> dict[int, int]:
    line = next(x for x in text.splitlines() if "base:" in x)
    inner = line.split("value: {")[1].split("}")[0]
    return {int(k): int(v) for k, v in (p.split(":") for p in inner.split(","))}


def _spells(
    days: list[tuple[str, str, str]], current: tuple[str, str]
) -> tuple[Dataset, list[tuple[str, Fraction]]]:
    """NIP[1] in the positions ``days`` (position, first day, last day in November 2025),
    then ``current`` (position, TMT) to the month's end; all PNS. The parts' day shares."""
    frames = org([None, current[1], None, "2025-11-15", None])
    frames["employees"].loc[1, "position_id"] = current[0]
    table = history(*((NIP[1], p, "pns", a, b) for p, a, b in days))
    ds = Dataset.from_frames(**frames, position_history=table)
    shares = [(p, Fraction(int(b[-2:]) - int(a[-2:]) + 1, 30)) for p, a, b in days] + [
        (current[0], Fraction(30 - int(current[1][-2:]) + 1, 30))
    ]
    return ds, shares


def _want(text: str, shares: list[tuple[str, Fraction]], share: Fraction) -> Fraction:
    base = _base(text)
    return sum((base[KELAS[p]] * d * share for p, d in shares), Fraction(0))


def _check(text: str, ds: Dataset, want: Fraction) -> None:
    rs = rules(text)
    fast, ref = pay(ds, rs=rs), pay(ds, rs=rs, reference=True)
    assert paid(fast)[NIP[1]] == round_half_up(want)
    assert paid(ref) == paid(fast)
    step = next(s for s in fast.explain(NIP[1]).to_dict()["steps"] if s["id"] == "for_days")
    assert Fraction(step["exact"]) == want


SIX = [
    ("STAF7", "2025-11-01", "2025-11-05"),
    ("STAFB", "2025-11-06", "2025-11-10"),
    ("KABID1", "2025-11-11", "2025-11-15"),
    ("STAF9", "2025-11-16", "2025-11-20"),
    ("KABID2", "2025-11-21", "2025-11-25"),
]


class TestTies:
    def test_three_thirds_of_a_rupiah_at_a_half(self) -> None:
        """Ten days each of three positions at 50 %: base/6 each, none a short decimal,
        (2 x 3,000,001 + 4,500,001)/6 = 1,750,000.5 exactly: half up to 1,750,001."""
        text = RULES.replace("7: 3000000", "7: 3000001").replace("9: 4500000", "9: 4500001")
        text = text.replace(
            "share: {reference: SYNTHETIC, value: 100%}",
            "share: {reference: SYNTHETIC, value: 50%}",
        )
        ds, shares = _spells(
            [("STAF7", "2025-11-01", "2025-11-10"), ("STAFB", "2025-11-11", "2025-11-20")],
            ("STAF9", "2025-11-21"),
        )
        want = _want(text, shares, Fraction(1, 2))
        assert want.denominator == 2 and all(
            (_base(text)[KELAS[p]] * d / 2).denominator in (3, 6) for p, d in shares
        )
        _check(text, ds, want)

    def test_a_third_and_a_sixth_above_a_half(self) -> None:
        """Parts x + 1/3 and y + 1/6 (20 and 10 days at 50 % of bases 3,000,001 and
        4,500,001... searched so the sum is an integer + 1/2)."""
        for a in range(3_000_001, 3_000_100):
            for b in range(4_500_001, 4_500_100):
                q = Fraction(a * 20, 60) + Fraction(b * 10, 60)
                pa, pb = Fraction(a * 20, 60), Fraction(b * 10, 60)
                if q.denominator == 2 and pa.denominator == 3 and pb.denominator == 6:
                    break
            else:
                continue
            break
        text = RULES.replace("7: 3000000", f"7: {a}").replace("9: 4500000", f"9: {b}")
        text = text.replace(
            "share: {reference: SYNTHETIC, value: 100%}",
            "share: {reference: SYNTHETIC, value: 50%}",
        )
        ds, shares = _spells([("STAF7", "2025-11-01", "2025-11-20")], ("STAF9", "2025-11-21"))
        want = _want(text, shares, Fraction(1, 2))
        assert want.denominator == 2
        _check(text, ds, want)


class TestMagnitudes:
    def test_six_positions_in_a_month(self) -> None:
        """Five earlier positions of five days each and the current one: six parts of
        5/30 = 1/6 (no short decimal), summed exactly."""
        text = RULES.replace("11: 6000000", "11: 6000001").replace("7: 3000000", "7: 3000005")
        ds, shares = _spells(SIX, ("KADIS", "2025-11-26"))
        _check(text, ds, _want(text, shares, Fraction(1)))

    def test_tens_of_billions_beside_a_few_rupiah(self) -> None:
        """A kelas-14 base of 45,000,000,001 for 5 days beside kelas-7 bases of 7 rupiah:
        the tiny thirds must not vanish in the huge part's rounding."""
        text = RULES.replace("14: 9000000", "14: 45000000001").replace("7: 3000000", "7: 7")
        text = text.replace("11: 6000000", "11: 13")
        ds, shares = _spells(SIX, ("KADIS", "2025-11-26"))
        _check(text, ds, _want(text, shares, Fraction(1)))

    def test_a_tie_among_huge_parts(self) -> None:
        """Huge bases whose sixths add up to an integer + 1/2."""
        for a in range(45_000_000_001, 45_000_000_100):
            text = RULES.replace("14: 9000000", f"14: {a}").replace("7: 3000000", "7: 30000000001")
            ds, shares = _spells([("STAF7", "2025-11-01", "2025-11-25")], ("KADIS", "2025-11-26"))
            want = _want(text, shares, Fraction(1))
            if want.denominator == 2:
                break
        assert want.denominator == 2
        _check(text, ds, want)


#: three parts of ten days: (2 x 3,000,001 + 4,500,001)/3 = 3,500,001 exactly, no part a
#: short decimal (the fast sum is a bounded float near the threshold)
THIRDS = RULES.replace("7: 3000000", "7: 3000001").replace("9: 4500000", "9: 4500001")
THIRD_SPELLS = (
    [("STAF7", "2025-11-01", "2025-11-10"), ("STAFB", "2025-11-11", "2025-11-20")],
    ("STAF9", "2025-11-21"),
)


class TestAfterTheSum:
    def test_negative_parts_from_a_deduction_before_the_sum(self) -> None:
        """A deduction of 600,000 per position before sum_at makes two of six parts
        negative; the sum is still the exact one."""
        text = RULES.replace("11: 6000000", "11: 6000001").replace("7: 3000000", "7: 3000005")
        # a flat cut per position, on purpose (to make parts negative): written in the sum_at
        # formula itself it is refused since review 135 (a flat amount beside a part counts
        # once per position); made by a step of its own, the load check does not follow it
        text = text.replace(
            "  - {id: for_days,",
            "  - {id: cut, type: formula, expr: rupiah(600000)}\n  - {id: for_days,",
        ).replace("base * status_f * days_f * share", "base * status_f * days_f * share - cut")
        ds, shares = _spells(SIX, ("KADIS", "2025-11-26"))
        want = _want(text, shares, Fraction(1)) - 600_000 * len(shares)
        assert want > 0
        _check(text, ds, want)

    @pytest.mark.parametrize("closed", ["left", "right"])
    def test_a_band_with_the_sum_exactly_on_its_threshold(self, closed: str) -> None:
        """Bands on the sum with the threshold at 3,500,001, the exact sum of three thirds:
        [.., T) / [T, ..) puts it in the upper band, (.., T] / (T, ..) in the lower."""
        text = THIRDS + (
            "  - {id: tier, type: bands, input: for_days, closed: " + closed + ", "
            "bands: [{max: 3500001, value: 1}, {min: 3500001, value: 2}]}\n"
            "  - {id: final, type: formula, expr: pay * tier}\n"
            "outputs: {allowance: final}\n"
        )
        ds, shares = _spells(*THIRD_SPELLS)
        assert _want(text, shares, Fraction(1)) == 3_500_001
        rs = rules(text)
        fast, ref = pay(ds, rs=rs), pay(ds, rs=rs, reference=True)
        assert paid(fast)[NIP[1]] == 3_500_001 * (2 if closed == "left" else 1)
        assert paid(ref) == paid(fast)

    def test_a_lookup_keyed_by_a_step_after_the_sum(self) -> None:
        """A look-up keyed by the band of the sum (exactly on the threshold)."""
        text = THIRDS + (
            "  - {id: tier, type: bands, input: for_days, "
            "bands: [{max: 3500001, value: 1}, {min: 3500001, value: 2}]}\n"
            "  - {id: bonus, type: lookup, key: tier, table: {1: 100, 2: 200}, unit: rupiah}\n"
            "  - {id: final, type: formula, expr: pay + bonus}\n"
            "outputs: {allowance: final}\n"
        )
        ds, _ = _spells(*THIRD_SPELLS)
        rs = rules(text)
        fast, ref = pay(ds, rs=rs), pay(ds, rs=rs, reference=True)
        assert paid(fast)[NIP[1]] == 3_500_201
        assert paid(ref) == paid(fast)

    @pytest.mark.parametrize("amount", [10_000_000, 12_345_677, 20_000_000])
    def test_a_ceiling_over_employees_whose_sums_are_ties(self, amount: int) -> None:
        """A ceiling on OPD A (binding or not) after sum_at, over an employee whose sum is
        a tie at the rounding (three sixths): the fast path equals the reference."""
        text = THIRDS.replace(
            "share: {reference: SYNTHETIC, value: 100%}",
            "share: {reference: SYNTHETIC, value: 50%}",
        ) + (
            "  - {id: capped, type: ceiling, input: pay, group_by: opd_id, "
            f"amount: {{A: {amount}, B: 100000000}}}}\noutputs: {{allowance: capped}}\n"
        )
        ds, shares = _spells(*THIRD_SPELLS)
        assert _want(text, shares, Fraction(1, 2)).denominator == 2
        rs = rules(text)
        fast, ref = pay(ds, rs=rs), pay(ds, rs=rs, reference=True)
        assert paid(ref) == paid(fast)
        frame = fast.to_frame()
        total = int(frame.loc[frame["opd_id"] == "A", "allowance"].sum())
        assert total <= amount


class TestBound:
    """``_spell_sums`` against exact sums where the column mixes certified and bounded
    rows, signs, and magnitudes beyond 2**53 at its scale."""

    @pytest.mark.parametrize("seed", [1, 2, 3])
    def test_mixed_signs_exact_and_bounded_parts(self, seed: int) -> None:
        rng = np.random.default_rng(seed)
        heads_n, k = 300, 900
        own = np.sort(rng.integers(0, heads_n, k))
        scale = 2
        exact: list[Fraction] = []
        v = np.empty(heads_n + k)
        e = np.zeros(heads_n + k)
        for i in range(heads_n + k):
            mag = 10 ** int(rng.integers(0, 18))  # up to 1e17 hundredths: past 2**53
            a = int(rng.integers(-mag, mag + 1))
            if rng.random() < 0.5:
                q = Fraction(a)  # certified where below 2**53
                x = float(q)
                err = abs(Fraction(x) - q)
            else:
                q = Fraction(a, 7)
                x = float(q)
                err = abs(Fraction(x) - q)
            exact.append(q)
            v[i] = x
            e[i] = 0.0 if err == 0 else float(np.nextafter(float(err), np.inf))
        counted = rng.random(len(v)) < 0.9
        heads = np.unique(own)
        fast = FNum(v, e if e.any() else None, scale, "rupiah", Tracker(len(v)))
        summed = _spell_sums(fast, counted, heads, own, heads_n)
        bound = summed.e
        bound = np.zeros(len(v)) if bound is None else bound
        for h in heads.tolist():
            rows = [h, *(heads_n + np.flatnonzero(own == h)).tolist()]
            want = sum((exact[i] for i in rows if counted[i]), Fraction(0))
            assert abs(Fraction(float(summed.v[h])) - want) <= Fraction(float(bound[h])), h

    def test_all_certified_parts_past_2_53_get_a_bound(self) -> None:
        """Certified parts (no bound at all) whose sum passes 2**53: the sum is rounded, so
        it must carry a bound."""
        big = float(2**52)
        v = np.array([big, 3.0, big + 1, 1.0])  # heads 0, 1; rows 2, 3 are theirs
        fast = FNum(v, None, 0, "rupiah", Tracker(4))
        own = np.array([0, 0])
        summed = _spell_sums(fast, np.ones(4, dtype=bool), np.array([0]), own, 2)
        want = Fraction(2**52) + (2**52 + 1) + 1
        got = Fraction(float(summed.v[0]))
        bound = 0.0 if summed.e is None else float(summed.e[0])
        assert abs(got - want) <= Fraction(bound)


class TestReasons:
    def test_a_blank_extra_column_of_an_earlier_position_is_named(self) -> None:
        """An extra column of the positions table (bobot) blank for STAF7, NIP[1]'s earlier
        position: the sum has no number, and the rejection names that position, the step
        and its blank column (it said "a division by zero" and read the latest
        position's inputs, all filled: review 106, finding 5). Dedi, whose own position is
        STAF7, keeps the plain reason; fast and reference agree."""
        import tukin

        frames = org()
        frames["positions"]["bobot"] = [1.0, 1.0, 1.0, None, 1.0, 1.0]
        text = RULES.replace(
            "base * status_f * days_f * share", "base * status_f * days_f * share * bobot"
        )
        table = history((NIP[1], "STAF7", "pns", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**frames, position_history=table)
        for lang, want in (
            (
                "en",
                "position STAF7 from 2024-01-01 (position_history): step 'for_days' "
                "gave no number: bobot is empty for this employee",
            ),
            (
                "id",
                "jabatan STAF7 mulai 2024-01-01 (riwayat jabatan): langkah 'for_days' "
                "tidak menghasilkan angka: bobot kosong untuk pegawai ini",
            ),
        ):
            with tukin.language(lang):
                for ref in (False, True):
                    rejected = pay(ds, rs=rules(text), reference=ref).rejected.set_index("nip")
                    assert rejected.loc[NIP[1], "reason"] == want
                    assert rejected.loc[NIP[1], "step"] == "for_days"
                    assert rejected.loc[NIP[1], "code"] == "calculation_failed"
                    assert "(position_history)" not in rejected.loc[NIP[3], "reason"]
                    assert "riwayat" not in rejected.loc[NIP[3], "reason"]

    def test_the_own_position_blank_first_keeps_its_own_reason(self) -> None:
        """Both positions blank: the employee's own (latest) position is named plainly,
        as for an employee with one position."""
        frames = org()
        frames["positions"]["bobot"] = [1.0, 1.0, 1.0, None, None, 1.0]
        text = RULES.replace(
            "base * status_f * days_f * share", "base * status_f * days_f * share * bobot"
        )
        table = history((NIP[1], "STAF7", "pns", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**frames, position_history=table)
        reason = pay(ds, rs=rules(text)).rejected.set_index("nip").loc[NIP[1], "reason"]
        assert "bobot" in reason and "STAF7" not in reason

    def test_a_revived_head_flagged_after_the_merge_stays_paid(self) -> None:
        """The latest position not eligible (PPPK), the earlier two paid with a sum that is
        a tie at the rounding, (3,000,001 + 6,000,002)/6 = 1,500,000.5: flagged after the
        merge, the employee is recomputed with every position, and the latest position's
        not_eligible does not reject them again (review 106, finding 3: no built-in rule
        gives an uncertified deciding value, so this guards the path, with the reference)."""
        text = THIRDS.replace(
            "{id: status_f, type: status_factor, factors: $factors}",
            "{id: status_f, type: status_factor, factors: {pns: 100%, cpns: 80%}, "
            "not_eligible: [pppk]}",
        ).replace("11: 6000000", "11: 6000002")
        text = text.replace(
            "share: {reference: SYNTHETIC, value: 100%}",
            "share: {reference: SYNTHETIC, value: 50%}",
        )
        frames = org([None, "2025-11-21", None, "2025-11-15", None])
        frames["employees"].loc[1, "status"] = "pppk"
        table = history(
            (NIP[1], "STAF7", "pns", "2025-11-01", "2025-11-10"),
            (NIP[1], "KABID1", "pns", "2025-11-11", "2025-11-20"),
        )
        ds = Dataset.from_frames(**frames, position_history=table)
        want = Fraction(3_000_001 + 6_000_002, 6)
        assert want.denominator == 2
        rs = rules(text)
        fast, ref = pay(ds, rs=rs), pay(ds, rs=rs, reference=True)
        assert paid(fast)[NIP[1]] == round_half_up(want)
        assert paid(ref) == paid(fast)

    def test_a_deciding_step_after_the_sum_outranks_an_earlier_positions_fault(self) -> None:
        """Eligibility decided after sum_at (the latest status, PPPK, not eligible) for an
        employee whose earlier position has a fault (kelas 8, not in the base table): the
        employee is owed nothing under the rules whatever that position's data, so the
        reason is not_eligible, as for the faults of one position (``reject_rows``), and
        HR is not sent to fix the earlier position (review 106, finding 4: kept)."""
        text = RULES.replace("  - {id: status_f, type: status_factor, factors: $factors}\n", "")
        text = text.replace("base * status_f * days_f * share", "base * days_f * share")
        text += (
            "  - {id: status_f, type: status_factor, factors: {pns: 100%, cpns: 80%}, "
            "not_eligible: [pppk]}\n"
            "  - {id: final, type: formula, expr: pay * status_f}\n"
            "  - {id: paid_out, type: round, input: final, mode: half_up}\n"
            "outputs: {allowance: paid_out}\n"
        )
        frames = org()
        frames["positions"].loc[len(frames["positions"])] = [
            "STAF8",
            "Staf 8",
            "A1",
            "pelaksana",
            8,
            "KABID1",
        ]
        frames["employees"].loc[1, "status"] = "pppk"
        table = history((NIP[1], "STAF8", "pns", "2024-01-01", "2025-11-14"))
        ds = Dataset.from_frames(**frames, position_history=table)
        rs = rules(text)
        for ref in (False, True):
            rejected = pay(ds, rs=rs, reference=ref).rejected.set_index("nip")
            assert rejected.loc[NIP[1], "code"] == "not_eligible"
        # PNS now: the earlier position's fault rejects the employee, naming it
        frames["employees"].loc[1, "status"] = "pns"
        ds = Dataset.from_frames(**frames, position_history=table)
        rejected = pay(ds, rs=rs).rejected.set_index("nip")
        assert rejected.loc[NIP[1], "code"] == "missing_base"
        assert "STAF8" in rejected.loc[NIP[1], "reason"]


def test_each_position_rounded_before_the_sum_at_a_tie() -> None:
    """Each position's amount rounded before sum_at, at a tie reached through an
    uncertified 10/30 at 50 %: 3,000,003 / 6 = 500,000.5 for each of two kelas-7
    positions, 4,500,004 / 6 for the latest. The rows are flagged before the merge (on the
    exact path there, summed with _exact_sums): 500,001 x 2 + 750,001."""
    text = RULES.replace("7: 3000000", "7: 3000003").replace("9: 4500000", "9: 4500004")
    text = text.replace(
        "share: {reference: SYNTHETIC, value: 100%}", "share: {reference: SYNTHETIC, value: 50%}"
    )
    text = text.replace(
        "  - {id: for_days, type: formula, expr: base * status_f * days_f * share}\n",
        "  - {id: raw, type: formula, expr: base * status_f * days_f * share}\n"
        "  - {id: for_days, type: round, input: raw, mode: half_up}\n",
    ).replace(
        "{id: pay, type: round, input: for_days, mode: half_up}",
        "{id: pay, type: formula, expr: for_days}",
    )
    ds, _ = _spells(*THIRD_SPELLS)
    want = 2 * round_half_up(Fraction(3_000_003, 6)) + round_half_up(Fraction(4_500_004, 6))
    assert want == 2 * 500_001 + 750_001
    rs = rules(text)
    fast, ref = pay(ds, rs=rs), pay(ds, rs=rs, reference=True)
    assert paid(fast)[NIP[1]] == want
    assert paid(ref) == paid(fast)
