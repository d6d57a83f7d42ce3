"""``lookup``: a blank key and a key not in the table are two situations, each with its rule.

The Plt kelas is blank for everyone not acting, so a rule file says ``missing: zero``; a kelas
typed 41 for 14 is then still refused (``unknown: reject``, the default): a typo never pays
silently. ``unknown: zero`` or ``default`` say what a key not in the table gives.
"""

from __future__ import annotations

from fractions import Fraction as F
from typing import Any

import numpy as np
import pytest

import tukin
from tests import strategies as tst
from tukin.errors import RuleSetError

BACKENDS = pytest.mark.parametrize("reference", [False, True], ids=["fast", "exact"])
TABLE = {14: "11670000", 12: "7271000"}


def step(**params: Any) -> list[dict[str, Any]]:
    return [{"id": "plt", "type": "lookup", "key": "plt_grade", "table": TABLE, **params}]


#: kelas 14, blank, a typo (41), kelas 12
GRADES = {"plt_grade": [14.0, np.nan, 41.0, 12.0]}


@BACKENDS
def test_blank_zero_unknown_rejected(reference: bool) -> None:
    out = tst.run_steps(GRADES, step(missing="zero"), reference=reference)
    assert out.rejected == {2: "missing_lookup"}
    assert out.reasons[2] == "no plt_grade in the table for 41"
    values = out.values("plt")
    assert (values[0], values[1], values[3]) == (F(11670000), F(0), F(7271000))


@BACKENDS
def test_by_default_both_are_rejected_each_with_its_reason(reference: bool) -> None:
    out = tst.run_steps(GRADES, step(), reference=reference)
    assert out.rejected == {1: "missing_lookup", 2: "missing_lookup"}
    assert out.reasons[1] == "no plt_grade in the table for an empty value"
    assert out.reasons[2] == "no plt_grade in the table for 41"


@BACKENDS
def test_unknown_zero_keeps_blanks_rejected(reference: bool) -> None:
    out = tst.run_steps(GRADES, step(unknown="zero"), reference=reference)
    assert out.rejected == {1: "missing_lookup"}
    assert out.values("plt")[2] == F(0)


@BACKENDS
def test_default_is_for_keys_not_in_the_table(reference: bool) -> None:
    out = tst.run_steps(GRADES, step(default="5"), reference=reference)
    assert out.rejected == {1: "missing_lookup"}
    assert out.values("plt")[2] == F(5)
    out = tst.run_steps(GRADES, step(default="5", missing="zero"), reference=reference)
    assert out.rejected == {}
    assert out.values("plt")[1:3] == [F(0), F(5)]


@BACKENDS
def test_blank_text_is_blank(reference: bool) -> None:
    data = {"predikat": ["Baik", "  ", None, "Baek"]}
    steps = [
        {"id": "r", "type": "lookup", "key": "predikat", "table": {"Baik": 1}, "missing": "zero"}
    ]
    out = tst.run_steps(data, steps, reference=reference)
    assert out.rejected == {3: "missing_lookup"}
    assert out.values("r")[:3] == [F(1), F(0), F(0)]


@BACKENDS
def test_the_code_says_whether_an_amount_or_a_ratio_is_missing(reference: bool) -> None:
    """A base amount by kelas (unit rupiah) the table lacks is missing_base, as it always was;
    a ratio by predikat is missing_lookup: a system branching on the code must not read a
    predikat typo as a kelas without a base amount."""
    amounts = tst.run_steps(GRADES, step(unit="rupiah"), reference=reference)
    assert amounts.rejected == {1: "missing_base", 2: "missing_base"}
    ratios = tst.run_steps(GRADES, step(), reference=reference)
    assert ratios.rejected == {1: "missing_lookup", 2: "missing_lookup"}
    assert ratios.reasons[2] == amounts.reasons[2] == "no plt_grade in the table for 41"


def test_default_and_unknown_zero_together_are_refused() -> None:
    with pytest.raises(RuleSetError) as info:
        tukin.load_ruleset(
            {
                "name": "c",
                "steps": [
                    {
                        "id": "plt",
                        "type": "lookup",
                        "key": "plt_grade",
                        "table": {14: 1},
                        "unknown": "zero",
                        "default": 1,
                    }
                ],
            }
        )
    [p] = info.value.problems
    assert "'default' and 'unknown: zero' both say" in p.message_en
    assert "pertahankan salah satu" in p.message("id")


def test_a_misspelt_policy_is_refused() -> None:
    with pytest.raises(RuleSetError) as info:
        tukin.load_ruleset(
            "name: c\nsteps:\n  - {id: p, type: lookup, key: g, table: {1: 1}, unknown: nol}\n"
        )
    [p] = info.value.problems
    assert p.message("id").endswith(
        "'nol' bukan salah satu dari 'reject' atau 'zero' (maksud Anda 'zero'?)"
    )


class TestDefaultIsNeverSilent:
    """A base table by kelas jabatan with ``default: 0`` pays Rp0 to an employee whose kelas
    it lacks: the author's choice, kept, but the run says how many employees, which kelas and
    a few NIPs (``lookup_default``), in both languages, on ``Result.warnings``."""

    @staticmethod
    def calculate(table: dict[int, int], **kwargs: Any) -> tukin.Result:
        import warnings

        from tukin.demo import generate

        ds = tukin.Dataset.from_frames(**generate(40, seed=3))
        rules = tukin.load_ruleset(
            {
                "name": "dasar",
                "steps": [
                    {"id": "dasar", "type": "lookup", "key": "grade", "unit": "rupiah",
                     "table": table, "default": 0},
                ],
            }
        )  # fmt: skip
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return tukin.calculate(ds, rules, "2025-10", **kwargs)

    @BACKENDS
    def test_employees_paid_the_default_are_counted_and_named(self, reference: bool) -> None:
        full = self.calculate({g: 1_000_000 * g for g in range(1, 18)})
        assert "lookup_default" not in {w.code for w in full.warnings}
        grades = dict(zip(full.to_frame()["nip"], full.to_frame()["grade"], strict=True))
        lacking = sorted({g for g in grades.values() if g >= 9})
        result = self.calculate({g: 1_000_000 * g for g in range(1, 9)}, reference=reference)
        frame = result.to_frame()
        zero = frame.loc[frame["allowance"] == 0, "nip"].tolist()
        assert zero and len(zero) == sum(g >= 9 for g in grades.values())  # still paid Rp0
        [warning] = [w for w in result.warnings if w.code == "lookup_default"]
        en, id_ = warning.message("en"), warning.message("id")
        assert f"{len(zero)} paid employee(s)" in en and f"{len(zero)} pegawai" in id_
        assert "step 'dasar'" in en and "default Rp0" in en
        for g in lacking:
            count = sum(v == g for v in grades.values())
            assert f"grade {g} ({count} employees)" in en
            assert f"grade {g} ({count} pegawai)" in id_
        assert f"NIP {', '.join(sorted(zero)[:5])}" in en

    def test_a_default_taken_by_many_keys_is_said_briefly(self) -> None:
        """A table by NIP (an extra allowance for a few named employees, default 0): every
        other employee takes the default under a key of their own. The warning counts them
        all but names a few keys and says how many others, in both languages; it listed
        every key (a message of 340,000 characters at 10,000 employees)."""
        import warnings

        from tukin.demo import generate

        ds = tukin.Dataset.from_frames(**generate(300, seed=3))
        nips = sorted(ds["employees"]["nip"])
        rules = tukin.load_ruleset(
            {
                "name": "tambahan",
                "steps": [
                    {"id": "tambahan", "type": "lookup", "key": "nip", "unit": "rupiah",
                     "table": {n: 100_000 for n in nips[:3]}, "default": 0},
                ],
            }
        )  # fmt: skip
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = tukin.calculate(ds, rules, "2025-10")
        frame = result.to_frame()
        zero = frame.loc[frame["allowance"] == 0, "nip"].tolist()
        assert len(zero) > 200
        [warning] = [w for w in result.warnings if w.code == "lookup_default"]
        en, id_ = warning.message("en"), warning.message("id")
        assert f"{len(zero)} paid employee(s)" in en and f"{len(zero)} pegawai" in id_
        first = sorted(zero)[0]
        assert f"nip {first} (1 employees)" in en and f"nip {first} (1 pegawai)" in id_
        assert f"and {len(zero) - 10} other keys" in en
        assert f"dan {len(zero) - 10} kunci lain" in id_
        assert len(en) < 1500 and len(id_) < 1500


@pytest.mark.parametrize(
    ("key", "said"),
    [
        ("grade", "tidak ada Kelas Jabatan (grade) dalam tabel untuk 41"),
        ("plt_grade", "tidak ada plt_grade dalam tabel untuk 41"),  # an extra column's own name
    ],
)
def test_the_indonesian_reason_names_the_key_as_the_clerk_does(key: str, said: str) -> None:
    """Review 62: the Indonesian reason said "tidak ada grade dalam tabel", the rule file's
    name of the column; it names the key as an Indonesian explanation does (the template's
    header, the rule file's name beside it: review 63's ``input_said``). English keeps it."""
    import pandas as pd

    from tukin.calc.engine import _Run
    from tukin.period import Period
    from tukin.ruleset.load import build_ruleset

    steps = [{"id": "b", "type": "lookup", "key": key, "table": TABLE, "unit": "rupiah"}]
    rs = build_ruleset({"name": "t", "steps": steps}, {})
    reasons = {}
    for lang in ("en", "id"):
        run = _Run(pd.DataFrame({key: [14, 41]}), rs, Period.parse("2025-10"), None)
        run.lang = lang
        run.evaluate()
        reasons[lang] = tst.Outcome(run).reasons[1]
    assert reasons == {"en": f"no {key} in the table for 41", "id": said}


class TestComputedKeys:
    """A key the fast pass holds as a bounded float (a quotient, a ratio past 2**53 at its
    scale) was matched as that float: ``n / 7 * 7`` is 2.0000000000000004 for 2, and
    ``kode + 0.5 - 0.5`` for 2**53 - 1 is 2**53 - 2 (the note '2**53 bound on ratios'). Such
    a row took the default, zero, a rejection, or another key's value, silently; the exact
    backend found its key. Now such rows are looked up on the exact pass, as a comparison's
    uncertain rows are."""

    @BACKENDS
    def test_a_quotient_finds_its_key(self, reference: bool) -> None:
        table = {1: "100", 2: "200", 4: "400", 5: "500"}
        steps = [
            {"id": "k", "type": "formula", "expr": "n / 7 * 7"},
            {"id": "v", "type": "lookup", "key": "k", "table": table},
        ]
        out = tst.run_steps({"n": [1, 2, 4, 5]}, steps, reference=reference)
        assert out.rejected == {}
        assert out.values("v") == [F(100), F(200), F(400), F(500)]

    @BACKENDS
    def test_a_key_at_2_53_is_not_its_neighbour(self, reference: bool) -> None:
        top = 2**53 - 1
        steps = [
            {"id": "k", "type": "formula", "expr": "kode + 0.5 - 0.5"},
            {"id": "v", "type": "lookup", "key": "k", "table": {top: "1", top - 1: "2"}},
        ]
        out = tst.run_steps({"kode": [top, top - 1, top]}, steps, reference=reference)
        assert out.rejected == {}
        assert out.values("v") == [F(1), F(2), F(1)]

    def test_the_default_names_the_exact_key(self) -> None:
        """A key the table lacks still takes the default with a word (lookup_default), and
        the word names the key (4), not the fast pass's float of it."""
        import warnings

        rules = tukin.load_ruleset(
            {
                "name": "kunci",
                "steps": [
                    {"id": "k", "type": "formula", "expr": "(tk + 1) / 7 * 7"},
                    {"id": "v", "type": "lookup", "key": "k", "unit": "rupiah",
                     "table": {1: 100, 2: 200, 3: 300}, "default": 0},
                ],
            }
        )  # fmt: skip
        ds = tukin.Dataset.from_frames(mode="strict", **tst.tiny_regency_tables())
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            result = tukin.calculate(ds, rules, "2025-02")
        frame = result.to_frame().set_index("nip")
        assert sorted(frame["v"].astype(int)) == [0, 100, 200, 200, 300, 300]
        [warning] = [w for w in result.warnings if w.code == "lookup_default"]
        en = warning.message("en")
        assert "k 4 (1 employees)" in en and "4.0000" not in en, en


@pytest.mark.parametrize(
    ("table", "first", "second"),
    [
        ("{7: 3000000, '7': 1000}", "7", "'7'"),
        ("{Baik: 1, ' baik': 50%}", "'Baik'", "' baik'"),
        ("{'07': 1, 7: 2}", "'07'", "7"),
    ],
)
def test_two_keys_read_as_one_are_refused(table: str, first: str, second: str) -> None:
    """7 and '7' (or Baik and ' baik') are one key as the column is matched: the one
    written last decided the amount and the file loaded (review 125); now refused at the
    table, naming both keys as written, in both languages."""
    text = f"name: x\nsteps:\n  - {{id: a, type: lookup, key: grade, table: {table}}}\n"
    with pytest.raises(RuleSetError) as caught:
        tukin.load_ruleset(text)
    (problem,) = caught.value.problems
    assert (problem.key, problem.line) == ("steps.0.table", 3)
    assert f"keys {first} and {second} are the same key" in problem.message_en
    assert f"kunci {first} dan {second} adalah kunci yang sama" in problem.message("id")
