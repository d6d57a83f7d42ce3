"""Rules kept with the payment they computed (auditor review D09): a rule set written back as a
rule file with the same fingerprint, the receipt saying where the rules differ from the pack
they are named after, the rules filed with every result file, and verify re-running from
them. Also the fingerprint's documented property on how a value is spelt (D11)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from strategies import payroll_tables, supplied_parameters

import tukin
from tukin import io, presets
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import RuleSetError, VerificationError
from tukin.ruleset.load import load_ruleset
from tukin.ruleset.model import RuleSet, Step
from tukin.ruleset.packaged import changes_from_pack
from tukin.ruleset.write import _step
from tukin.verify import verify_receipt

PACK = "tukin-permentan-68-2012"
PERIOD = "2025-10"
BASE = {g: 1_000_000 + 250_000 * g for g in range(1, 18)}
VERSIONS = [f"{n}@{v}" for n in presets.names() for v in presets.versions(n)]
FORMATS = ("json", "csv", "xlsx", "parquet")


@cache
def packaged(name: str) -> RuleSet:
    return load_ruleset(name)


@cache
def supplied() -> RuleSet:
    """The central pack as it must be paid: with the ministry's amounts supplied."""
    return packaged(PACK).with_parameters(tukin_base=BASE)


@cache
def dataset() -> Dataset:
    return Dataset.from_frames(**tukin.demo.generate(60, seed=2025))


def reloaded(rules: RuleSet) -> RuleSet:
    return load_ruleset(rules.to_yaml())


class TestToYaml:
    @pytest.mark.parametrize("pack", VERSIONS)
    def test_every_packaged_version_loads_back_the_same(self, pack: str) -> None:
        """Every shipped pack, current and archived, written and read back: same fingerprint."""
        rules = packaged(pack)
        assert reloaded(rules).fingerprint() == rules.fingerprint()

    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.data())
    def test_supplied_parameters_load_back_the_same(self, data: st.DataObject) -> None:
        """Property: any pack with any parameters supplied (respelt numbers, dated values in
        any order, awkward references and notes) loads back with the same fingerprint."""
        pack = data.draw(st.sampled_from(presets.names()))
        rules = packaged(pack)
        values = data.draw(supplied_parameters(rules))
        try:
            changed = rules.with_parameters(**values)
        except RuleSetError:
            assume(False)  # a respelt value a step refuses (a text where a number must be)
            raise
        assert reloaded(changed).fingerprint() == changed.fingerprint()

    def test_values_of_every_kind_load_back_the_same(self) -> None:
        """Decimals with trailing zeros or an exponent, fractions, text YAML would misread,
        dates, date-times, none, yes/no and keys that are no number: the same fingerprint."""
        text = (
            "name: kinds\nparameters:\n"
            + "".join(f"  p{i}: {{value: 1}}\n" for i in range(9))
            + "steps:\n  - {id: tpp, type: formula, expr: rupiah(0)}\n"
        )
        rules = load_ruleset(text).with_parameters(
            p0=Decimal("0.60"),
            p1=Decimal("1E+3"),
            p2=Fraction(1, 3),
            p3={"a": "010", "b": "1:30", "c": "yes", "d": None, "e": True, "f": "- x"},
            p4=dt.date(2025, 1, 31),
            p5=dt.datetime(2025, 1, 31, 8, 30),
            p6={Decimal("1.5"): "1.10", 7: Decimal("-0"), "8": [Decimal("2.50"), "3/4"]},
            p7=[{"from": "2025-01-01", "value": "60%", "note": "line one\nline two"}],
            p8="$$dollar",
        )
        assert reloaded(rules).fingerprint() == rules.fingerprint()

    def test_keeps_what_an_auditor_reads(self) -> None:
        """References, sources, dates, notes, descriptions and labels are all in the file; its
        header names the fingerprint and what differs from the packaged version."""
        text = supplied().to_yaml()
        assert f"# fingerprint {supplied().fingerprint()}" in text
        assert (
            f"NOT the packaged {PACK}@{presets.current_version(PACK)}: differs in parameters.tukin_base"
            in text
        )
        assert "reference: with_parameters" in text and "required: supplied" in text
        pack = packaged(PACK)
        for p in pack.parameters.values():
            for v in p.values:
                assert v.reference is None or v.reference.split()[0] in text
        assert all(s.label is None or s.label in text for s in pack.steps)
        assert reloaded(supplied()).canonical() == supplied().canonical()

    def test_a_packaged_version_says_nothing_differs(self) -> None:
        """Unchanged rules: no 'NOT the packaged' line."""
        assert "NOT the packaged" not in packaged("tpp-60-40").to_yaml()

    def test_shared_objects_without_aliases(self) -> None:
        """One table given to two parameters is written twice, not as an anchor the loader
        refuses."""
        rates = {"tk": "3%", "tl1": "1%"}
        rules = packaged("tpp-60-40").with_parameters(absence_rates=rates, ceremony_rates=rates)
        assert "&" not in rules.to_yaml().split("parameters:")[1].split("steps:")[0]
        assert reloaded(rules).fingerprint() == rules.fingerprint()

    def test_save(self, tmp_path: Path) -> None:
        """save() writes the YAML; loading the path gives the same fingerprint."""
        path = supplied().save(tmp_path / "aturan.rules.yaml")
        assert load_ruleset(path).fingerprint() == supplied().fingerprint()

    def test_step_keys_that_would_be_misread_go_under_params(self) -> None:
        """A rule-type key named like a common key, or a lone 'params', is kept apart."""
        lone = Step(id="x", type="formula", params={"params": {"a": 1}})
        clash = Step(id="y", type="formula", params={"label": "z"})
        assert _step(lone)["params"] == {"params": {"a": 1}}
        assert _step(clash)["params"] == {"label": "z"}


class TestRequiredSupplied:
    TEXT = """\
name: required
parameters:
  base:
    unit: rupiah
    source: user
    required: {required}
{extra}steps:
  - {{id: dasar, type: lookup, key: grade, table: $base, unit: rupiah}}
  - {{id: tpp, type: round, input: dasar}}
"""

    def test_supplied_loads_with_its_values(self) -> None:
        """'required: supplied' with a value: required, with that value, as with_parameters
        leaves it."""
        text = self.TEXT.format(required="supplied", extra="    value: {6: 2000000}\n")
        param = load_ruleset(text).parameters["base"]
        assert param.required and param.values[0].value == {6: 2000000}
        given = load_ruleset(self.TEXT.format(required="true", extra="")).with_parameters(
            base={6: 2000000}
        )
        assert given.parameters["base"].required

    def test_supplied_without_a_value_is_refused(self) -> None:
        """'required: supplied' says values follow: none is a mistake naming the key."""
        with pytest.raises(RuleSetError) as info:
            load_ruleset(self.TEXT.format(required="supplied", extra=""))
        (p,) = info.value.problems
        assert p.key == "parameters.base.required" and "supplied" in p.message_en


class TestWithParametersOrder:
    def test_dated_values_in_any_order_are_the_same_rules(self) -> None:
        """Dated values given out of order are kept in date order, as a file's are: the same
        fingerprint either way, and the same after writing."""
        early = {"from": "2024-01-01", "to": "2024-12-31", "value": "50%"}
        late = {"from": "2025-01-01", "value": "60%"}
        rules = packaged("tpp-60-40")
        a = rules.with_parameters(kinerja_share=[early, late])
        b = rules.with_parameters(kinerja_share=[late, early])
        assert a.fingerprint() == b.fingerprint() == reloaded(b).fingerprint()


class TestReceiptChanges:
    def test_packaged_pack_as_released(self) -> None:
        """The packaged rules: nothing differs."""
        assert calculate(dataset(), packaged("tpp-60-40"), PERIOD).receipt.ruleset_changes == ()

    def test_supplied_parameter_is_named(self) -> None:
        """A pack paid with tukin_base supplied: the receipt says so, by name."""
        receipt = calculate(dataset(), supplied(), PERIOD).receipt
        assert receipt.ruleset_changes == ("parameters.tukin_base",)
        assert receipt.model_dump()["ruleset_changes"] == ["parameters.tukin_base"]

    def test_own_rule_file(self) -> None:
        """Rules under a name no pack has: nothing to compare with."""
        own = packaged("tpp-60-40").model_copy(update={"name": "tpp-kabupaten-contoh"})
        assert changes_from_pack(own) == ()

    def test_an_edited_copy_names_the_part(self) -> None:
        """An edited copy of a pack file under the pack's name and version: the step is named."""
        rules = packaged("tpp-60-40")
        relabelled = (rules.steps[0].model_copy(update={"label": "edited"}), *rules.steps[1:])
        edited = rules.model_copy(update={"steps": relabelled})
        assert changes_from_pack(edited) == ("steps",)

    def test_partitioned_receipt_says_it_too(self) -> None:
        """calculate_partitioned gives the same word, and files the rules."""
        from tukin.distributed import calculate_partitioned

        result = calculate_partitioned(dataset(), supplied(), PERIOD)
        assert result.receipt.ruleset_changes == ("parameters.tukin_base",)
        assert result.ruleset is supplied()

    def test_workbook_receipt_row(self, tmp_path: Path) -> None:
        """The Kuitansi sheet shows it in words a person reads."""
        out = io.write_result(calculate(dataset(), supplied(), PERIOD), tmp_path / "h.xlsx")
        rows = {
            r[1]: r[2] for r in openpyxl.load_workbook(out)["Kuitansi"].iter_rows(values_only=True)
        }
        assert rows["ruleset_changes"] == "parameters.tukin_base"


def _receipt_path(path: Path) -> Path:
    return path.with_name(path.stem + ".receipt.json") if path.suffix == ".csv" else path


class TestFiledWithTheResult:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_rules_filed_with_every_format(self, fmt: str, tmp_path: Path) -> None:
        """Each result file carries the rules used; they load to the receipt's fingerprint."""
        from tukin.io._saved_rules import read_saved_rules

        result = calculate(dataset(), supplied(), PERIOD)
        out = io.write_result(result, tmp_path / f"hasil.{fmt}")
        found = read_saved_rules(_receipt_path(out))
        assert found is not None
        assert load_ruleset(found[0]).fingerprint() == result.receipt.ruleset_fingerprint

    def test_csv_sidecar_and_json_key(self, tmp_path: Path) -> None:
        """CSV: hasil.rules.yaml beside it; JSON: the key 'rules'."""
        result = calculate(dataset(), supplied(), PERIOD)
        io.write_result(result, tmp_path / "hasil.csv")
        assert (tmp_path / "hasil.rules.yaml").read_text(encoding="utf-8") == supplied().to_yaml()
        doc = json.loads(io.write_result(result, tmp_path / "hasil.json").read_text())
        assert doc["rules"] == supplied().to_yaml()

    def test_same_result_same_bytes(self, tmp_path: Path) -> None:
        """The rules add nothing that changes between two writes of one result."""
        result = calculate(dataset(), supplied(), PERIOD)
        a = io.write_result(result, tmp_path / "a.xlsx").read_bytes()
        b = io.write_result(result, tmp_path / "b.xlsx").read_bytes()
        assert a == b


class TestVerifyFromFiledRules:
    @pytest.mark.parametrize("fmt", FORMATS)
    def test_verifies_without_being_given_rules(self, fmt: str, tmp_path: Path) -> None:
        """A pack paid with supplied parameters verifies from the result file alone, and the
        report says where the rules came from and that they are not the packaged ones."""
        out = io.write_result(calculate(dataset(), supplied(), PERIOD), tmp_path / f"h.{fmt}")
        report = verify_receipt(_receipt_path(out), dataset())
        assert report.ok, report.describe("en")
        assert report.rules_source is not None and "h." in report.rules_source
        text = report.describe("en")
        assert "rules: those filed with the result" in text
        assert (
            f"not the packaged {PACK}@{presets.current_version(PACK)} as released; they differ in parameters.tukin_base"
            in text
        )
        assert "yang tersimpan bersama hasil" in report.describe("id")

    def test_edited_filed_rules_do_not_verify(self, tmp_path: Path) -> None:
        """Rules edited after the run: their fingerprint is not the receipt's."""
        io.write_result(calculate(dataset(), supplied(), PERIOD), tmp_path / "h.csv")
        sidecar = tmp_path / "h.rules.yaml"
        sidecar.write_text(sidecar.read_text().replace("1: 1250000", "1: 1250001"))
        report = verify_receipt(tmp_path / "h.receipt.json", dataset())
        assert not report.ok
        assert "ruleset_fingerprint" in [d.field for d in report.differences]

    def test_a_file_without_rules_still_asks_for_them(self, tmp_path: Path) -> None:
        """An older result document (no 'rules'): receipt_rules_unknown, as before."""
        out = io.write_result(calculate(dataset(), supplied(), PERIOD), tmp_path / "h.json")
        doc = json.loads(out.read_text())
        del doc["rules"]
        out.write_text(json.dumps(doc))
        with pytest.raises(VerificationError) as info:
            verify_receipt(out, dataset())
        assert info.value.code == "receipt_rules_unknown"

    def test_a_packaged_pack_is_taken_from_the_package(self, tmp_path: Path) -> None:
        """Packaged rules come from the package, not the file: no rules_source."""
        result = calculate(dataset(), packaged("tpp-60-40"), PERIOD)
        report = verify_receipt(io.write_result(result, tmp_path / "h.json"), dataset())
        assert report.ok and report.rules_source is None


def test_cli_calculate_files_the_rules_and_verify_uses_them(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """tukin calculate --out writes <name>.rules.yaml; tukin verify reads it back."""
    from tukin.cli import main
    from tukin.demo import generate
    from tukin.io import write_frames

    rules = supplied().save(tmp_path / "kementerian.yaml")
    # the rules filed, not the data, are tested: a dozen employees, without the monitoring
    # tables the pack does not read (thousands of rows written and read twice)
    data = write_frames(payroll_tables(generate(12)), tmp_path / "isian.xlsx")
    out = tmp_path / "hasil.csv"
    run = ["calculate", "--data", str(data), "--rules", str(rules), "--period", "2025-10"]
    assert main([*run, "--out", str(out), "--lang", "en"]) in (0, 1)
    assert load_ruleset(tmp_path / "hasil.rules.yaml").fingerprint() == supplied().fingerprint()
    capsys.readouterr()
    receipt = tmp_path / "hasil.receipt.json"
    assert main(["verify", "--receipt", str(receipt), "--data", str(data), "--lang", "en"]) == 0
    assert "rules: those filed with the result, hasil.rules.yaml" in capsys.readouterr().out


class TestFingerprintSpelling:
    """D11, decided: the fingerprint hashes a value as it is written, not only its number."""

    @staticmethod
    def respelt(spelling: str) -> RuleSet:
        return packaged("tpp-60-40").with_parameters(
            kinerja_share=[{"value": spelling, "reference": "Perbup", "source": "official"}],
        )

    def test_other_spellings_other_fingerprints(self) -> None:
        """60 %, 0.6 and 3/5 pay the same but are three fingerprints; 0.6 and 0.60 are one
        (a Decimal's trailing zeros are no spelling). See docs/rule-file.md, 'Fingerprint'."""
        prints = {s: self.respelt(s).fingerprint() for s in ("60%", "0.6", "3/5")}
        assert len(set(prints.values())) == 3
        decimal = packaged("tpp-60-40").with_parameters(
            kinerja_share=[{"value": Decimal("0.60"), "reference": "Perbup", "source": "official"}]
        )
        assert decimal.fingerprint() == self.respelt("0.6").fingerprint()
        paid = {
            calculate(dataset(), self.respelt(s), PERIOD).receipt.result_fingerprint for s in prints
        }
        assert len(paid) == 1

    @pytest.mark.parametrize("pack", VERSIONS)
    def test_released_fingerprints_unchanged(self, pack: str) -> None:
        """Each released version keeps the fingerprint its receipts carry (the lock's)."""
        lock = json.loads((Path(presets.__file__).parent / "behaviour.lock.json").read_text())
        name, _, version = pack.partition("@")
        assert packaged(pack).fingerprint() == lock["packs"][name][version]["ruleset"]


def test_changes_are_compared_by_verify_when_recorded() -> None:
    """An emptied ruleset_changes would make a with_parameters payment read as the packaged
    pack as released (review 27 d04): it is compared when the receipt has it (a receipt
    written before it existed is not held to it)."""
    from tukin.verify import COMPARED

    assert "ruleset_changes" in COMPARED
