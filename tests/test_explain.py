"""Tests for tukin.explain: one employee's calculation, step by step, read off the batch."""

from __future__ import annotations

import json
import re
import warnings
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from tests.strategies import make_dataset, nip
from tukin.calc.engine import calculate
from tukin.errors import EmployeeNotFoundError, InputWarning
from tukin.explain import Explanation
from tukin.ruleset.load import load_ruleset

RULES = Path(__file__).parent / "rulefiles" / "dated.yaml"
PERIOD = "2025-10"


@pytest.fixture(scope="module")
def result() -> Any:
    employees = [
        {"nip": nip(1), "name": "Ani", "position_id": "P6A", "status": "pns"},
        {"nip": nip(2), "name": "Budi <b>", "position_id": "P12B", "status": "cpns"},
        {"nip": nip(3), "name": "Citra", "position_id": "P9A", "status": "pns"},  # no base
    ]
    attendance = [{"nip": nip(i), "period": PERIOD, "tk": tk} for i, tk in ((1, 0), (2, 3), (3, 0))]
    return calculate(make_dataset(employees, attendance), load_ruleset(RULES), PERIOD)


class TestExplanation:
    """Every step in order with its inputs, parameters and output."""

    def test_steps_in_order(self, result: Any) -> None:
        """The explanation lists every step of the rule set, in order."""
        exp = result.explain(nip(2))
        assert isinstance(exp, Explanation)
        assert [s.id for s in exp.steps] == ["dasar", "potongan", "kotor", "tpp"]
        assert [s.type for s in exp.steps] == ["lookup", "formula", "formula", "round"]
        assert (exp.nip, exp.name, exp.period) == (nip(2), "Budi <b>", PERIOD)

    def test_inputs_and_outputs(self, result: Any) -> None:
        """Inputs are the columns each step read, with this employee's exact values."""
        exp = result.explain(nip(2))
        assert exp.step("dasar").inputs == {"grade": 12}
        assert exp.step("dasar").output == 5250000 and exp.step("dasar").unit == "rupiah"
        assert exp.step("potongan").inputs == {"tk": 3}
        assert exp.step("potongan").output == Fraction(9, 100)
        assert exp.step("kotor").inputs == {"dasar": 5250000, "potongan": Fraction(9, 100)}
        assert exp.step("kotor").output == Fraction(4966500)  # 5,250,000 × (1 − 0.6 × 0.09)
        assert exp.step("tpp").output == 4966500 == exp.allowance

    def test_parameters(self, result: Any) -> None:
        """Parameters show the value in force, its dates and its legal reference."""
        exp = result.explain(nip(1))
        (base,) = exp.step("dasar").parameters
        assert base.name == "base"
        assert base.value[6] == 2100000
        assert (base.start, base.end) == ("2025-07-01", None)
        assert base.reference == "Perbup Contoh 7/2025 pasal 3"
        kotor = {p.name: p for p in exp.step("kotor").parameters}
        assert kotor["share"].reference == "Perbup Contoh 1/2025 pasal 5"
        assert str(kotor["share"].value) == "0.6"
        assert {p.name for p in exp.step("potongan").parameters} == {"cut_tk"}

    def test_step_reference(self, result: Any) -> None:
        """A step's own legal reference is carried."""
        assert result.explain(nip(1)).step("dasar").reference == "Perbup Contoh 1/2025 pasal 4"

    def test_receipt_attached(self, result: Any) -> None:
        """The explanation carries the run's receipt."""
        exp = result.explain(nip(1))
        assert exp.receipt == result.receipt.model_dump()

    def test_values_equal_batch(self, result: Any) -> None:
        """Every step value in the explanation equals the batch frame's value."""
        frame = result.to_frame().set_index("nip")
        for key in frame.index:
            exp = result.explain(key)
            for s in exp.steps:
                assert float(s.output) == float(frame.loc[key, s.id]), (key, s.id)
            assert exp.allowance == frame.loc[key, "allowance"]

    def test_unknown_step(self, result: Any) -> None:
        """Asking for a step that does not exist is a KeyError."""
        with pytest.raises(KeyError):
            result.explain(nip(1)).step("bonus")


class TestText:
    """str() reads as a short report in Indonesian or English."""

    def test_indonesian(self, result: Any) -> None:
        """Indonesian words, rupiah in Indonesian format, references and dates."""
        text = str(result.explain(nip(2), lang="id"))
        for words in (
            "Pegawai: Budi <b> (NIP",
            "Periode: 2025-10",
            "Aturan: dated-example v2",
            "\n  Kelas Jabatan: 12\n",  # the identity as the result workbook heads it
            "\n  ID Jabatan: P12B\n",
            "1. Besaran dasar (dasar, lookup)",
            # the clerk's header, with the name a rule file writes (review 48)
            "masukan: Kelas Jabatan (grade) = 12",
            "parameter: base =",
            "berlaku 2025-07-01–…",
            "dasar Perbup Contoh 7/2025 pasal 3",
            "→ hasil: Rp5.250.000",
            "Tunjangan: Rp4.966.500",
        ):
            assert words in text, words

    def test_english(self, result: Any) -> None:
        """English words and English step labels."""
        text = str(result.explain(nip(2), lang="en"))
        for words in (
            "Employee: Budi <b>",
            "Period: 2025-10",
            "\n  Grade: 12\n",
            "\n  Position ID: P12B\n",
            "1. Base amount (dasar, lookup)",
            "inputs: grade = 12",
            "valid 2025-07-01–…",
            "ref. Perbup Contoh 7/2025 pasal 3",
            "→ result: Rp5.250.000",
            "Allowance: Rp4.966.500",
        ):
            assert words in text, words
        assert "Pegawai" not in text

    def test_non_decimal_values_shown_exactly(self) -> None:
        """A value such as 1/3 is shown as a fraction with its approximation."""
        rs = load_ruleset(
            "name: third\nsteps:\n"
            "  - {id: sepertiga, type: formula, expr: 'grade / 18'}\n"
            "  - {id: bayar, type: formula, expr: 'rupiah(sepertiga * 3000)'}\n"
            "  - {id: tpp, type: round, input: bayar, mode: floor}\n"
        )
        ds = make_dataset(
            [{"nip": nip(1), "position_id": "P6A", "status": "pns"}],
            [{"nip": nip(1), "period": PERIOD, "tk": 0}],
        )
        res = calculate(ds, rs, PERIOD, reference=True)
        exp = res.explain(nip(1))
        assert exp.allowance == 1000
        text = str(exp)
        assert "Rp1.000" in text

    def test_amounts_before_rounding_and_whole_inputs(self) -> None:
        """An amount before rounding reads as rupiah with separators and every decimal
        (``Rp2.077.547,3136`` was ``Rp2077547.3136``), a whole input number without "≈"."""
        rs = load_ruleset(
            "name: r\nsteps:\n"
            "  - {id: kotor, type: formula, expr: 'rupiah(skor * 30559.37)'}\n"
            "  - {id: tpp, type: round, input: kotor}\n"
        )
        ds = make_dataset(
            [{"nip": nip(1), "position_id": "P6A", "status": "pns", "skor": 68.0}],
            [{"nip": nip(1), "period": PERIOD, "tk": 0}],
        )
        text = str(calculate(ds, rs, PERIOD).explain(nip(1)))
        assert "skor = 68" in text and "≈68" not in text
        assert "→ hasil: Rp2.078.037,16" in text  # 68 × 30,559.37, before rounding

    def test_typed_decimals_shown_as_typed(self) -> None:
        """A sheet's 85.5 or 0.1 is what the calculation read (its shortest repr), so the
        explanation shows it so, without "≈" (it showed ``≈85.5``)."""
        rs = load_ruleset(
            "name: r\nsteps:\n"
            "  - {id: kotor, type: formula, expr: 'rupiah(skor * 1000 + faktor * 10)'}\n"
            "  - {id: tpp, type: round, input: kotor}\n"
        )
        row = {"nip": nip(1), "position_id": "P6A", "status": "pns"}
        ds = make_dataset(
            [{**row, "skor": 85.5, "faktor": 0.1}], [{"nip": nip(1), "period": PERIOD, "tk": 0}]
        )
        result = calculate(ds, rs, PERIOD)
        text = str(result.explain(nip(1)))
        assert "skor = 85.5, faktor = 0.1" in text and "≈" not in text
        assert result.to_frame()["tpp"].iat[0] == 85501

    def test_a_long_table_shows_the_entries_this_employee_used(self) -> None:
        """A table parameter over 8 entries is shortened, but never past the entries the
        employee's own inputs select: the PSW4 rate of someone who left early once (the 12th
        absence rate of tpp-60-40) and the base of kelas 14 (the 14th) are shown, so an
        auditor reads in the explanation the rate and amount applied. The shortening says how
        many entries there are in the explanation's language."""
        codes = ("tl1", "tl2", "tl3", "tl4", "psw1", "psw2", "psw3", "psw4", "tk", "sakit")
        row = {**dict.fromkeys((*codes, "izin", "cuti", "apel"), 0), "period": PERIOD}
        ds = make_dataset(
            [{"nip": nip(1), "position_id": "P14A", "status": "pns"}],
            [{**row, "nip": nip(1), "psw4": 1}],
            grades=(14,),
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)  # no appraisal: "Tidak Ada SKP"
            res = calculate(ds, load_ruleset("tpp-60-40"), PERIOD)
        en, id_ = (str(res.explain(nip(1), lang=lang)) for lang in ("en", "id"))
        for text in (en, id_):
            rates = next(x for x in text.splitlines() if "absence_rates = {" in x)
            assert "psw4: 1.55%" in rates and "psw3" not in rates, rates
            base = next(x for x in text.splitlines() if "base_tpp = {" in x)
            assert "14: 12956594" in base and "13: " not in base, base
        assert "(12 entries)" in en and "(12 entri)" in id_ and "entries" not in id_


class TestExactValues:
    def test_a_part_month_is_explained_exactly(self) -> None:
        """A factor 30/31 left the fast pass only a bounded float for this row, and the
        explanation (and its JSON) gave ``9684569.972903226``, a string for one employee and
        a float for the next. Every step is now exact for the explained row."""
        rs = load_ruleset(
            "name: r\nsteps:\n"
            "  - {id: dasar, type: lookup, key: grade, table: {6: 10007390}, unit: rupiah}\n"
            "  - {id: hari, type: formula, expr: '30 / 31'}\n"
            "  - {id: kotor, type: formula, expr: 'dasar * hari * 0.6'}\n"
            "  - {id: tpp, type: round, input: kotor}\n"
        )
        employees = [{"nip": nip(1), "position_id": "P6A", "status": "pns"}]
        res = calculate(make_dataset(employees, []), rs, PERIOD)
        exp = res.explain(nip(1))
        assert exp.step("hari").output == Fraction(30, 31)
        assert exp.step("kotor").output == Fraction(10007390 * 30 * 6, 31 * 10)
        assert exp.step("kotor").inputs["hari"] == Fraction(30, 31)
        outputs = [s["output"] for s in exp.to_dict()["steps"]]
        assert outputs == [10007390, "30/31", "180133020/31", 5810743]
        assert "180133020/31 ≈ 5810742.581" in str(exp)


class TestSerialisation:
    """to_dict() is JSON; _repr_html_() is escaped HTML."""

    def test_json(self, result: Any) -> None:
        """json.dumps accepts to_dict(); exact values become text, amounts integers."""
        d = result.explain(nip(2)).to_dict()
        back = json.loads(json.dumps(d))
        assert back["nip"] == nip(2) and back["allowance"] == 4966500
        steps = {s["id"]: s for s in back["steps"]}
        assert steps["potongan"]["output"] == "0.09"
        assert steps["dasar"]["output"] == 5250000
        (base,) = steps["dasar"]["parameters"]
        assert base == {
            "name": "base",
            "value": {"6": 2100000, "12": 5250000, "15": 9450000},
            "from": "2025-07-01",
            "to": None,
            "reference": "Perbup Contoh 7/2025 pasal 3",
            "source": None,
        }
        assert back["receipt"]["ruleset_fingerprint"] == result.receipt.ruleset_fingerprint
        assert back["identity"]["opd_id"] == "B"

    def test_html(self, result: Any) -> None:
        """The HTML is a table of the steps with names escaped."""
        html = result.explain(nip(2), lang="en")._repr_html_()
        assert html.startswith("<p>") and "<table>" in html and "</table>" in html
        assert "Budi &lt;b&gt;" in html and "Budi <b>" not in html
        assert html.count("<tr>") == 1 + 4
        assert "Rp4.966.500" in html


class TestNotFound:
    """Unknown and rejected employees raise EmployeeNotFoundError, a KeyError."""

    def test_unknown(self, result: Any) -> None:
        """An unknown NIP names the NIP."""
        with pytest.raises(EmployeeNotFoundError) as info:
            result.explain("199999999999999999")
        assert isinstance(info.value, KeyError)
        assert "199999999999999999" in str(info.value)
        assert info.value.code == "employee_not_found"

    def test_rejected(self, result: Any) -> None:
        """A rejected NIP carries the step and the reason it was not paid."""
        with pytest.raises(KeyError) as info:
            result.explain(nip(3))
        err = info.value
        assert isinstance(err, EmployeeNotFoundError)
        assert nip(3) in str(err)
        assert err.details["step"] == "dasar"
        assert err.details["rejection"] == "missing_base"
        assert "9" in err.details["reason"]
        assert "missing_base" in err.message("en") and "missing_base" in err.message("id")
        assert "rejected in step 'dasar'" in err.message("en")
        assert "ditolak pada langkah 'dasar'" in err.message("id")

    def test_a_mistyped_nip_is_pointed_at_the_nearest(self, result: Any) -> None:
        """A NIP typed with a digit wrong, two swapped or one missing (the usual slips when
        copying from an SK) said only "not in this result": the clerk had to look it up
        again. The NIPs of this result a slip away (same birth date, at most two edits),
        paid or rejected, are named; a NIP of another length says it is not 18 digits."""
        right = nip(2)
        for typed in (right[:10] + "9" + right[11:], right[:16] + right[17] + right[16]):
            with pytest.raises(EmployeeNotFoundError) as info:
                result.explain(typed)
            assert f"maksud Anda {right} (Budi <b>)?" in info.value.message("id"), typed
            assert f"did you mean {right} (Budi <b>)?" in info.value.message("en")
        with pytest.raises(EmployeeNotFoundError) as info:
            result.explain(right[:-1])  # as near to Ani's and Citra's: all three named
        said = info.value.message("id")
        assert "18 digit" in said and "17" in said and right in said and nip(1) in said
        near_rejected = nip(3)[:-1] + "8"
        with pytest.raises(EmployeeNotFoundError) as info:
            result.explain(near_rejected)
        assert nip(3) in info.value.message("id")
        with pytest.raises(EmployeeNotFoundError) as info:
            result.explain("199999999999999999")  # nobody near: as before
        assert "maksud" not in info.value.message("id")

    def test_nip_with_excel_text_marker(self, result: Any) -> None:
        """``'198001...`` as typed in Excel to keep the digits (the readers drop the mark):
        found too; it was "not in this result"."""
        assert result.explain("'" + nip(1)).nip == nip(1)
        assert result.explain(" '" + nip(1) + " ").nip == nip(1)

    def test_nip_as_int(self, result: Any) -> None:
        """A NIP given as a number is looked up as text."""
        assert result.explain(int(nip(1))).nip == nip(1)


class TestMissingValues:
    """A missing input is shown as missing (None, "—", JSON null), never NaN, NaT or <NA>."""

    @pytest.fixture(scope="class")
    def no_appraisal(self) -> Any:
        """The demo regency with one employee's appraisal of the month removed (his
        ``results`` and ``behaviour`` are NaN in a category column) and one without a name."""
        import tukin

        g = tukin.demo.generate(120, seed=1)
        a = g["appraisals"]
        who = a[a["period"] == PERIOD]["nip"].iloc[0]
        g["appraisals"] = a[~((a["nip"] == who) & (a["period"] == PERIOD))]
        g["employees"].loc[g["employees"]["nip"] == who, "name"] = None
        ds = tukin.Dataset.from_frames(**g)
        with warnings.catch_warnings():  # attendance codes this rule pack does not read
            warnings.simplefilter("ignore", InputWarning)
            return calculate(ds, load_ruleset("tpp-60-40"), PERIOD), who

    def test_inputs_are_none(self, no_appraisal: Any) -> None:
        """The predikat step's inputs and the missing name read as None."""
        result, who = no_appraisal
        exp = result.explain(who)
        assert exp.step("predikat").inputs == {"results": None, "behaviour": None}
        assert exp.name is None and exp.identity["name"] is None

    def test_text_shows_a_dash(self, no_appraisal: Any) -> None:
        """The text says "—" where there is no value, in both languages."""
        result, who = no_appraisal
        for lang, said in (
            ("id", "Hasil Kerja (results) = —, Perilaku Kerja (behaviour) = —"),
            ("en", "results = —, behaviour = —"),
        ):
            text = str(result.explain(who, lang=lang))
            assert said in text
            assert "≈nan" not in text and not re.search(r"\bnan\b", text, re.IGNORECASE)

    def test_json_is_valid(self, no_appraisal: Any, tmp_path: Path) -> None:
        """to_dict() holds null, to_json() and write_result(... .json) are strict JSON."""
        from tukin.io import write_result

        result, who = no_appraisal
        exp = result.explain(who)
        d = exp.to_dict()
        assert d["steps"][[s["id"] for s in d["steps"]].index("predikat")]["inputs"] == {
            "results": None,
            "behaviour": None,
        }
        json.dumps(d, allow_nan=False)
        assert json.loads(exp.to_json()) == d
        out = write_result(result, tmp_path / "x.json", explain_nips=[who])
        doc = json.loads(out.read_text(), parse_constant=_refuse)
        assert doc["explanations"][who]["name"] is None

    def test_dates_and_nullable_integers(self) -> None:
        """Dates read as dates (no time of day), an empty date (NaT) and an empty Int64 cell
        (pd.NA) as None, in the explanation and its JSON."""
        import pandas as pd

        rs = load_ruleset(
            "name: hari\nsteps:\n"
            "  - {id: dasar, type: lookup, key: grade, table: {6: 3000000}, unit: rupiah}\n"
            "  - {id: hari, type: pro_rata, input: dasar, basis: working_days}\n"
            "  - {id: tpp, type: round, input: hari, mode: floor}\n"
        )
        ds = _two_in_kelas_6(
            start_date=pd.to_datetime(["2025-10-16", None]),
            zona=pd.array([3, None], dtype="Int64"),
        )
        res = calculate(ds, rs, PERIOD)
        import datetime as dt

        first = res.explain(nip(1)).step("hari").inputs
        assert first == {"dasar": 3000000, "start_date": dt.date(2025, 10, 16), "end_date": None}
        second = res.explain(nip(2))
        assert second.step("hari").inputs["start_date"] is None
        text = json.dumps(second.to_dict(), allow_nan=False)
        assert "NaT" not in text and "<NA>" not in text
        assert json.loads(res.explain(nip(1)).to_json())["steps"][1]["inputs"]["start_date"] == (
            "2025-10-16"
        )
        run = res._run
        row = res._pos[nip(2)]
        from tukin.explain import _plain

        assert _plain(run.frame["zona"].iat[row]) is None
        assert _plain(run.frame["zona"].iat[res._pos[nip(1)]]) == 3

    def test_a_part_month_in_calendar_days_shows_the_dates_it_counts(self) -> None:
        """``pro_rata`` by calendar days showed ``days_served = 16, days_in_period = 31`` and
        not the dates those 16 days are counted from, which the working-days basis shows: an
        auditor checking a joiner's part month against the TMT sees both (review 48)."""
        import datetime as dt

        import pandas as pd

        rs = load_ruleset(
            "name: hari\nsteps:\n"
            "  - {id: dasar, type: lookup, key: grade, table: {6: 3100000}, unit: rupiah}\n"
            "  - {id: hari, type: pro_rata}\n"
            "  - {id: kotor, type: formula, expr: dasar * hari}\n"
            "  - {id: tpp, type: round, input: kotor}\n"
        )
        ds = _two_in_kelas_6(
            start_date=pd.to_datetime(["2025-10-16", None]),
            end_date=pd.to_datetime([None, "2025-10-20"]),
        )
        res = calculate(ds, rs, PERIOD)
        assert res.explain(nip(1)).step("hari").inputs == {
            "days_served": 16,
            "days_in_period": 31,
            "start_date": dt.date(2025, 10, 16),
            "end_date": None,
        }
        assert res.explain(nip(2)).step("hari").inputs["end_date"] == dt.date(2025, 10, 20)
        text = str(res.explain(nip(1), lang="id"))
        assert (
            "Hari Bertugas (days_served) = 16, Hari dalam Periode (days_in_period) = 31, "
            "Tanggal Mulai (start_date) = 2025-10-16" in text
        ), text
        english = str(res.explain(nip(1), lang="en"))
        assert "days_served = 16, days_in_period = 31, start_date = 2025-10-16" in english
        # a days_served of the user's own is not counted from the dates: none shown
        own = load_ruleset(
            "name: hari\nsteps:\n"
            "  - {id: dasar, type: lookup, key: grade, table: {6: 3100000}, unit: rupiah}\n"
            "  - {id: n, type: formula, expr: '10'}\n"
            "  - {id: hari, type: pro_rata, input: dasar, served: n}\n"
            "  - {id: tpp, type: round, input: hari}\n"
        )
        assert "start_date" not in calculate(ds, own, PERIOD).explain(nip(1)).step("hari").inputs

    def test_nan_that_slips_through_is_a_typed_error(self, result: Any) -> None:
        """Were a NaN to reach to_dict(), it is a TukinError naming the field, not NaN in a
        file (json.dumps would write the invalid token NaN)."""
        from dataclasses import replace

        from tukin.errors import CalculationError

        exp = result.explain(nip(2))
        broken = replace(exp, steps=[replace(exp.steps[0], inputs={"grade": float("nan")})])
        with pytest.raises(CalculationError) as info:
            broken.to_dict()
        assert info.value.code == "invariant_broken"
        assert "step dasar, inputs.grade" in str(info.value) and nip(2) in str(info.value)
        with pytest.raises(CalculationError):
            broken.to_json()


def _two_in_kelas_6(**columns: Any) -> Any:
    """Two PNS in a kelas 6 post with a month of attendance, and the employee ``columns``
    given (one value per employee: dates, nullable integers), validated as a Dataset."""
    from tukin.dataset import Dataset

    employees = [
        {"nip": nip(1), "position_id": "P6A", "status": "pns"},
        {"nip": nip(2), "position_id": "P6A", "status": "pns"},
    ]
    ds = make_dataset(employees, [{"nip": nip(i), "period": PERIOD, "tk": 0} for i in (1, 2)])
    frame = ds["employees"]
    for name, values in columns.items():
        frame[name] = values
    tables = {name: ds[name] for name in ("units", "positions", "attendance")}
    return Dataset.from_frames(**tables, employees=frame.reset_index(drop=True))


def _refuse(token: str) -> Any:
    raise ValueError(f"invalid JSON constant {token}")


class TestLargeFrame:
    """An explanation recomputes its employee's exact values after the calculation released
    the arrays it shared between steps (a million employees joined to the hierarchy): it
    joins that employee alone (``StepContext.per_employee(few=...)``) and must say the same."""

    def test_explained_rows_equal_the_result_on_a_large_frame(self) -> None:
        import numpy as np

        import tukin
        from tukin.calc import context

        tables = tukin.demo.generate(4200, seed=3, year=2025, months=10)
        ds = tukin.Dataset.from_frames(**tables)
        rs = load_ruleset("tpp-epantau-kukar-example")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", InputWarning)
            res = calculate(ds, rs, "2025-10")
        frame = res.to_frame()
        assert context._few_of(1, len(res._run.frame))  # the path under test is taken
        picked = frame.iloc[np.linspace(0, len(frame) - 1, 6).astype(int)]
        for _, row in picked.iterrows():
            exp = res.explain(row["nip"])
            assert exp.allowance == row["allowance"]
            for step in exp.steps:
                shown = row[step.id]
                if isinstance(shown, float | np.floating):
                    assert float(step.output) == pytest.approx(shown, rel=1e-12), step.id
                else:
                    assert step.output == shown, step.id
        assert not res._run.shared  # nothing a single explanation joined was kept


class TestPerEmployee:
    def test_few_rows_are_computed_for_themselves_and_not_kept(self) -> None:
        import numpy as np
        import pandas as pd

        from tukin.calc.context import Columns, StepContext

        frame = pd.DataFrame({"x": np.arange(10_000)})
        shared: dict[Any, Any] = {}
        rows = np.array([5, 9_000])
        ctx = StepContext(
            frame=frame,
            cols=Columns(rows=rows, exact=True, values={}),
            step=None,  # type: ignore[arg-type]
            ruleset=None,  # type: ignore[arg-type]
            period=None,  # type: ignore[arg-type]
            dataset=None,
            tracker=None,  # type: ignore[arg-type]
            reject=lambda *a: None,
            shared=shared,
        )
        whole = lambda: frame["x"].to_numpy() * 2  # noqa: E731
        few = lambda r: frame["x"].to_numpy()[r] * 2  # noqa: E731
        assert ctx.per_employee("k", whole, few=few).tolist() == [10, 18_000]
        assert "k" not in shared
        assert ctx.per_employee("k", whole).tolist() == [10, 18_000]  # no few: shared
        assert "k" in shared
        assert ctx.per_employee("k", whole, few=lambda r: 1 / 0).tolist() == [10, 18_000]


class TestPickledResult:
    """A Result pickles with everything an explanation reads (a cache, a worker): the
    roll-up's notes were closures, so a Result of an e-Pantau pack could not (review 43)."""

    @pytest.mark.parametrize("pack", ["tpp-60-40", "tpp-epantau-kukar-example"])
    def test_a_copy_explains_as_the_original(self, pack: str) -> None:
        import pickle

        import tukin
        from tukin.demo import generate

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = tukin.Dataset.from_frames(generate(120))
            result = tukin.calculate(ds, tukin.load_ruleset(pack), "2025-10")
        copy = pickle.loads(pickle.dumps(result))
        nips = result.to_frame()["nip"].tolist()
        for who in nips[:: max(1, len(nips) // 6)]:
            assert copy.explain(who).to_dict() == result.explain(who).to_dict()


def test_a_formula_step_shows_its_formula(result: Any) -> None:
    """A formula step showed its inputs and its result, not what it did with them: an
    auditor had to open the rule file to see that ``kotor`` is ``dasar * (1 - share *
    potongan)`` (review 46). The formula is a note, as a deduction's working is."""
    exp = result.explain(nip(2), lang="en")
    assert exp.step("kotor").notes["formula"] == "dasar * (1 - share * potongan)"
    assert "formula: dasar * (1 - share * potongan)" in str(exp)
    assert "rumus: min(1, cut_tk * tk)" in str(result.explain(nip(2), lang="id"))
    assert "formula" not in exp.step("dasar").notes  # a lookup has no formula


def test_every_note_a_rule_makes_has_a_name_in_both_languages() -> None:
    """A note without an entry in ``NOTE_LABELS`` is shown by its key (``from_unit_above``),
    an English identifier in the Indonesian explanation (review 46). The keys a rule notes:
    every literal key of a ``note(...)`` call in the package, and the engine's own."""
    from tukin.explain import INHERITED, NOTE_LABELS
    from tukin.rules.basic import SHADOWED

    package = Path(__file__).parent.parent / "tukin"
    call = re.compile(r"note\w*\(\s*(?:ctx,\s*)?\"([a-z_]+)\"")
    keys = {k for f in package.rglob("*.py") for k in call.findall(f.read_text())}
    keys |= {INHERITED, SHADOWED}
    assert {"working", "rounding", "cap", "gross_income"} <= keys  # the scan finds them
    assert sorted(keys - set(NOTE_LABELS)) == []


def test_a_condition_reads_yes_or_no_and_an_amount_input_as_rupiah() -> None:
    """A yes/no column is 'ya'/'tidak' in Indonesian ('yes'/'no' in English), never Python's
    True/False; an input that is an earlier step's amount reads as that step shows it."""

    import tukin

    rules = tukin.load_ruleset(
        "name: c\nsteps:\n"
        "  - {id: dasar, type: lookup, key: grade, table: {9: 1000000}, unit: rupiah}\n"
        "  - {id: jauh, type: formula, expr: 'if_(remote, dasar * 0.2, rupiah(0))'}\n"
        "  - {id: tpp, type: round, input: jauh}\n"
    )
    from tests.strategies import make_dataset, nip

    nips = [nip(1), nip(2)]
    ds = make_dataset(
        [
            {"nip": nips[0], "name": "Ani", "position_id": "P9A", "status": "pns", "remote": True},
            {
                "nip": nips[1],
                "name": "Budi",
                "position_id": "P9A",
                "status": "pns",
                "remote": False,
            },
        ]
    )
    result = tukin.calculate(ds, rules, "2025-10")
    ani_id, budi_en = result.explain(nips[0], lang="id"), result.explain(nips[1], lang="en")
    assert "masukan: dasar = Rp1.000.000, remote = ya" in str(ani_id)
    assert "inputs: dasar = Rp1.000.000, remote = no" in str(budi_en)
    assert "remote = ya" in ani_id._repr_html_() and "True" not in str(ani_id)


def test_a_list_parameter_reads_as_the_rule_file_writes_it(tmp_path: Path) -> None:
    """The tiers of an ``absence_sanction`` step (a list of mappings) were shown as Python's
    repr, ``[{'days': 11, 'cut': '25%', ...}]``, in the explanation's text, its HTML and the
    result workbook's Penjelasan sheet: an auditor reads them as a table parameter is
    shown, ``[{days: 11, cut: 25%, ...}, ...]`` (review 48)."""
    import openpyxl

    from tukin import io

    rules = load_ruleset(
        "name: t\nrequires: [attendance]\nparameters:\n"
        "  tiers_tk:\n    value:\n"
        "      - {days: 11, cut: 25%, months: 6, kind: hukuman disiplin sedang}\n"
        "      - {days: 14, cut: 25%, months: 9}\n"
        "steps:\n"
        "  - {id: dasar, type: lookup, key: grade, table: {9: 1000000}, unit: rupiah}\n"
        "  - {id: potongan_tk, type: absence_sanction, tiers: $tiers_tk, delay: 1}\n"
        "  - {id: kotor, type: formula, expr: 'dasar * (1 - potongan_tk)'}\n"
        "  - {id: tpp, type: round, input: kotor}\n"
    )
    months = [f"2025-{m:02d}" for m in range(1, 11)]
    ds = make_dataset(
        [{"nip": nip(1), "position_id": "P9A", "status": "pns"}],
        [{"nip": nip(1), "period": m, "tk": 11 if m == "2025-09" else 0} for m in months],
        grades=(9,),
    )
    res = calculate(ds, rules, PERIOD)
    shown = "[{days: 11, cut: 25%, months: 6, kind: hukuman disiplin sedang}, "
    shown += "{days: 14, cut: 25%, months: 9}]"
    for lang in ("id", "en"):
        exp = res.explain(nip(1), lang=lang)
        assert f"tiers_tk = {shown}" in str(exp), str(exp)
        assert "'days'" not in str(exp) and "&#x27;days" not in exp._repr_html_()
        assert shown in exp._repr_html_()
        out = io.write_result(res, tmp_path / f"{lang}.xlsx", lang=lang, explain_nips=[nip(1)])
        sheet = openpyxl.load_workbook(out)["Penjelasan" if lang == "id" else "Explanations"]
        [cell] = [c.value for c in sheet["F"] if str(c.value).startswith("tiers_tk = ")]
        assert cell.startswith(f"tiers_tk = {shown}"), cell


def test_inputs_in_indonesian_are_the_clerk_s_headers(tmp_path: Path) -> None:
    """In Indonesian an input the template heads is shown by that header with the rule file's
    name beside it (``Kelas Jabatan (grade)``), in the text, the HTML and the Penjelasan
    sheet, as an extra column already showed its header; the English text, the keys of
    ``inputs`` and ``to_dict()`` (which other systems read) and an earlier step's id stay the
    rule file's names (review 48)."""
    import openpyxl

    from tukin import io

    rules = load_ruleset(
        "name: t\nsteps:\n"
        "  - {id: dasar, type: lookup, key: grade, table: {9: 1000000}, unit: rupiah}\n"
        "  - {id: hari, type: pro_rata, input: dasar}\n"
        "  - {id: tpp, type: round, input: hari}\n"
    )
    ds = make_dataset([{"nip": nip(1), "position_id": "P9A", "status": "pns"}], [], grades=(9,))
    res = calculate(ds, rules, PERIOD)
    exp_id, exp_en = res.explain(nip(1), lang="id"), res.explain(nip(1), lang="en")
    assert "masukan: Kelas Jabatan (grade) = 9\n" in str(exp_id)
    assert "Hari Bertugas (days_served) = 31, Hari dalam Periode (days_in_period) = 31" in str(
        exp_id
    )
    assert "Tanggal Selesai (end_date) = —, dasar = Rp1.000.000\n" in str(exp_id)
    assert "Kelas Jabatan (grade) = 9" in exp_id._repr_html_()
    assert "inputs: grade = 9\n" in str(exp_en)
    assert "inputs: days_served = 31, days_in_period = 31" in str(exp_en)
    assert "grade" in exp_id.step("dasar").inputs
    assert "grade" in exp_id.to_dict()["steps"][0]["inputs"]
    for lang, words in (("id", "Kelas Jabatan (grade) = 9"), ("en", "grade = 9")):
        out = io.write_result(res, tmp_path / f"{lang}.xlsx", lang=lang, explain_nips=[nip(1)])
        sheet = openpyxl.load_workbook(out)["Penjelasan" if lang == "id" else "Explanations"]
        assert words in [c.value for c in sheet["E"]], [c.value for c in sheet["E"]]


def test_choice_values_in_indonesian_are_the_template_s_labels(tmp_path: Path) -> None:
    """In Indonesian a choice column's value is shown as the template's drop-down labels it,
    with the contract's value a rule file compares beside it where they differ (``Hasil Kerja
    (results) = di atas ekspektasi (above)``, ``Status = PNS``), in the text, the identity
    lines, the HTML and the Penjelasan sheet; the English text and ``to_dict()`` (which other
    systems read) keep the contract's values (review 66)."""
    import openpyxl

    import tukin
    from tukin import io

    g = tukin.demo.generate(40, seed=1)
    a = g["appraisals"]
    who = a[a["period"] == PERIOD]["nip"].iloc[0]
    mine = (a["nip"] == who) & (a["period"] == PERIOD)
    a.loc[mine, "results"], a.loc[mine, "behaviour"] = "above", "as_expected"
    e = g["employees"]
    e.loc[e["nip"] == who, "status"] = "pns"
    kind = g["positions"].set_index("position_id")["kind"][e.loc[e["nip"] == who, "position_id"]]
    [kind] = list(kind)
    with warnings.catch_warnings():  # attendance codes this rule pack does not read
        warnings.simplefilter("ignore", InputWarning)
        res = calculate(tukin.Dataset.from_frames(**g), load_ruleset("tpp-60-40"), PERIOD)
    exp_id, exp_en = res.explain(who, lang="id"), res.explain(who, lang="en")
    said = (
        "masukan: Hasil Kerja (results) = di atas ekspektasi (above), "
        "Perilaku Kerja (behaviour) = sesuai ekspektasi (as_expected)\n"
    )
    assert said in str(exp_id), str(exp_id)
    assert "masukan: Status = PNS\n" in str(exp_id)
    assert "\n  Status: PNS\n" in str(exp_id)
    labels = {"jpt": "JPT", "administrator": "Administrator", "pengawas": "Pengawas"}
    labels |= {"pelaksana": "Pelaksana", "fungsional": "Fungsional"}
    assert f"\n  Jenis Jabatan: {labels[kind]}\n" in str(exp_id)
    assert "di atas ekspektasi (above)" in exp_id._repr_html_()
    # the rule file's own words stay: the matrix a rule author wrote, keyed by the values
    assert "predikat_matrix = {above: {below: Kurang" in str(exp_id)
    assert "inputs: results = above, behaviour = as_expected\n" in str(exp_en)
    assert "inputs: status = pns\n" in str(exp_en)
    for exp in (exp_id, exp_en):
        assert exp.step("predikat").inputs == {"results": "above", "behaviour": "as_expected"}
        step = next(s for s in exp.to_dict()["steps"] if s["id"] == "predikat")
        assert step["inputs"] == {"results": "above", "behaviour": "as_expected"}
        assert exp.to_dict()["identity"]["status"] == "pns"
    for lang, words in (
        ("id", said.removeprefix("masukan: ").strip()),
        ("en", "results = above, behaviour = as_expected"),
    ):
        out = io.write_result(res, tmp_path / f"{lang}.xlsx", lang=lang, explain_nips=[who])
        sheet = openpyxl.load_workbook(out)["Penjelasan" if lang == "id" else "Explanations"]
        assert words in [c.value for c in sheet["E"]], [c.value for c in sheet["E"]]
