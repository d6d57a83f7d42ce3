"""Tests for tukin.ruleset: safe reading, every mistake at once with its line, fingerprints,
dated parameters and what-if copies."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction
from functools import cache
from pathlib import Path

import pytest

import tukin
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import MissingParameterError, RuleSetError
from tukin.period import Period
from tukin.ruleset import yamlsafe
from tukin.ruleset.load import load_ruleset
from tukin.ruleset.model import Parameter, RuleSet


@pytest.fixture(autouse=True)
def _errors_in_english() -> Iterator[None]:
    """These tests read the English text of the rule-file errors they raise: ``str(error)``
    is in the language in force when it is raised (the suite's is Indonesian)."""
    with tukin.language("en"):
        yield


FILES = Path(__file__).parent / "rulefiles"
TEN = FILES / "ten_mistakes.yaml"

SMALL = """\
name: small
parameters:
  share: {value: 0.6, reference: Perbup 1/2025 pasal 5}
steps:
  - id: dasar
    type: lookup
    key: grade
    table: {6: 2000000, 12: 5000000}
    unit: rupiah
  - id: tpp
    type: formula
    expr: dasar * share
"""


def line_of(path: Path, snippet: str) -> int:
    """1-based line of the first line of ``path`` containing ``snippet``."""
    for n, text in enumerate(path.read_text().splitlines(), 1):
        if snippet in text:
            return n
    raise AssertionError(f"{snippet!r} not in {path}")


def problems_of(source: object) -> list:
    with pytest.raises(RuleSetError) as info:
        load_ruleset(source)  # type: ignore[arg-type]
    return info.value.problems


@pytest.mark.parametrize("step_id", ["nip", "opd_id", "net", "allowance"])
def test_a_step_named_like_a_result_column_is_refused(step_id: str) -> None:
    """A step ``nip`` wrote amounts over the payment list's NIP column (and the receipt's
    fingerprint was computed over them); ``net`` lost its own column (review 27)."""
    (problem,) = problems_of(
        "name: x\nsteps:\n"
        f"  - {{id: {step_id}, type: lookup, key: grade, table: {{1: 1}}, unit: rupiah}}\n"
        f"  - {{id: tpp, type: round, input: {step_id}}}\n"
    )
    assert problem.code == "ruleset_invalid" and problem.line == 3
    assert f"step id {step_id!r} is the name of a column of the result" in problem.message_en


class TestUnionFields:
    """A field that takes one of several shapes (a word or a mapping, a word or a number)
    reports the mistake of the shape the value was written in, and never loses it to another
    mistake of the same step (review 37)."""

    BANDS = "{id: b, type: bands, input: c, bands: [{min: 0, max: 10, value: 1}]"
    ACHIEVEMENT = "{id: a, type: achievement, realisation: r, target: t"

    @staticmethod
    def messages(step: str) -> list[tuple[str, str]]:
        problems = problems_of(f"name: x\nsteps:\n  - {step}\n")
        return [(p.message_en, p.message("id")) for p in problems]

    @pytest.mark.parametrize("other", ["", ", closed: kiri"])
    def test_a_mapping_member_is_reported_not_the_word_member(self, other: str) -> None:
        """``below: {value: 1, label: x}`` is the mapping's mistake, in both languages; with
        ``closed: kiri`` beside it both are reported (it was hidden)."""
        found = self.messages(f"{self.BANDS}, below: {{value: 1, label: x}}{other}}}")
        below = [m for m in found if "below:" in m[0]]
        assert len(found) == (2 if other else 1) and len(below) == 1
        assert "give either value or label" in below[0][0]
        assert "beri value atau label" in below[0][1]

    @pytest.mark.parametrize("other", ["", ", missing: nol"])
    def test_a_value_of_no_member_keeps_every_members_mistake(self, other: str) -> None:
        """``zero_target: {x: 1}`` fits neither a word nor a number: both are said, in one
        mistake of that key (they were two, each naming the key), also when the step has
        another mistake."""
        found = self.messages(f"{self.ACHIEVEMENT}, zero_target: {{x: 1}}{other}}}")
        zero = [m for m in found if "zero_target:" in m[0]]
        assert len(zero) == 1 and len(found) == 1 + (1 if other else 0)
        en, id_ = zero[0]
        assert "is not one of 'reject' or 'error'; or " in en and "not a number" in en
        assert "; atau " in id_

    def test_a_list_item_of_no_member_is_one_mistake_at_its_own_key(self) -> None:
        """A ceiling group's member must be text or a whole number: ``1.5`` was two mistakes
        at ``groups.g.0.str`` and ``groups.g.0.int`` (the schema's union tags, not keys of
        the file); now one, at ``groups.g.0``, saying both."""
        step = "{id: c, type: ceiling, input: tpp, amount: 1000, groups: {g: [1.5, A]}}"
        [(en, id_)] = self.messages(step)
        assert "groups.g.0: must be text or a whole number, not 1.5" in en
        assert "groups.g.0: harus berupa teks atau bilangan bulat, bukan 1.5" in id_
        assert ".str" not in en and ".int" not in en

    def test_a_parameters_keys_stay_in_the_field_of_each_mistake(self) -> None:
        """A table given through a parameter (``table: $r``) keeps the keys of the value
        at fault: ``Baik`` and ``Kurang`` are keys of the file, not a union member's model
        name. They were dropped (the step's own text, ``$r``, has no such key), so two
        mistakes became one, ``table: 'abc' is not a number; or 'xyz' is not a number``,
        and a TER bracket lost its category (``rates.0.up_to`` for ``rates.A.0.up_to``)."""
        rules = (
            "name: x\nparameters:\n  r: {value: {Baik: abc, Kurang: xyz}}\n"
            "steps:\n  - {id: d, type: lookup, key: grade, table: $r}\n"
        )
        found = sorted(p.message_en for p in problems_of(rules))
        assert len(found) == 2, found
        assert "table.Baik: 'abc' is not a number" in found[0]
        assert "table.Kurang: 'xyz' is not a number" in found[1]
        ter = (
            "name: x\nparameters:\n  ter: {value: {A: [{up_to: abc, rate: 0%}, {rate: 5%}]}}\n"
            "steps:\n  - {id: t, type: formula, expr: 'rupiah(1000000)'}\n"
            "  - {id: pph, type: pph21_ter, input: t, rates: $ter}\n"
            "outputs: {allowance: t, deductions: [pph]}\n"
        )
        [problem] = problems_of(ter)
        assert "rates.A.0.up_to: 'abc' is not a number" in problem.message_en

    def test_a_misspelt_word_is_one_mistake(self) -> None:
        """``zero_target: rejct`` is a misspelt word: the words allowed, not also "not a
        number"."""
        [(en, id_)] = self.messages(f"{self.ACHIEVEMENT}, zero_target: rejct}}")
        assert "is not one of 'reject' or 'error'" in en and "maksud Anda 'reject'" in id_

    def test_a_misspelt_number_is_one_mistake(self) -> None:
        """``zero_target: 1x`` was meant as a number: "not a number", not the words."""
        [(en, _)] = self.messages(f"{self.ACHIEVEMENT}, zero_target: 1x}}")
        assert "'1x' is not a number" in en


class TestAllMistakesAtOnce:
    """A rule file with ten mistakes gives one RuleSetError listing each with its line."""

    # (what the message says, the line it must point at, the problem code)
    EXPECTED = (
        ("unknown key 'titel'", "titel:", "ruleset_invalid"),
        ("overlap", "from: 2024-06-01", "overlapping_dates"),
        ("is before 'from'", "from: 2025-12-31", "overlapping_dates"),
        ("unknown parameter 'inptu'", "inptu:", "unknown_parameter"),
        ("step id 'rasio' is used twice", "id: rasio", "ruleset_invalid"),
        ("unknown rule type 'lookpu'", "type: lookpu", "unknown_rule_type"),
        ("'abc' is not a number", "value: abc", "ruleset_invalid"),
        ("$floor_rate, which is not a parameter", "min: $floor_rate", "unknown_parameter"),
        ("mode:", "mode: nearest", "ruleset_invalid"),
        ("outputs.allowance names 'bayar'", "allowance: bayar", "ruleset_invalid"),
    )

    def test_one_error_lists_all_ten(self) -> None:
        """Every mistake is reported, in one error, and nothing else."""
        problems = problems_of(TEN)
        assert len(problems) == len(self.EXPECTED), "\n".join(p.describe() for p in problems)

    @pytest.mark.parametrize(("text", "snippet", "code"), EXPECTED)
    def test_each_mistake_has_its_line(self, text: str, snippet: str, code: str) -> None:
        """Each mistake names the file, the right line and a stable code."""
        problems = problems_of(TEN)
        hits = [p for p in problems if text in p.message_en]
        assert len(hits) == 1, [p.describe() for p in problems]
        p = hits[0]
        want = line_of(TEN, snippet)
        if text == "step id 'rasio' is used twice":  # the second 'id: rasio'
            want = [n for n, t in enumerate(TEN.read_text().splitlines(), 1) if "id: rasio" in t][1]
        assert p.line == want, p.describe()
        assert p.code == code
        assert p.file == str(TEN)

    def test_suggestions(self) -> None:
        """Misspellings come with a 'did you mean'."""
        text = str(RuleSetError(problems_of(TEN)))
        assert "did you mean 'title'" in text
        assert "did you mean 'input'" in text
        assert "did you mean lookup" in text
        assert "10 mistakes in the rule file" in text

    def test_indonesian_summary(self) -> None:
        """The combined message is available in Indonesian too."""
        with pytest.raises(RuleSetError) as info:
            load_ruleset(TEN)
        assert "kesalahan pada berkas aturan" in info.value.message("id")
        assert isinstance(info.value, ValueError)

    def test_misspelt_key_not_also_reported_missing(self) -> None:
        """'inptu' is one mistake, not also a missing 'input'."""
        assert not [p for p in problems_of(TEN) if "Field required" in p.message_en]


class TestUnsafeFiles:
    """Parse-level problems stop reading at once, alone, with their line."""

    @pytest.mark.parametrize(
        ("text", "line", "words"),
        [
            (
                "name: x\nsteps:\n  - id: a\n    type: formula\n    expr: !!python/object:os.system 'ls'\n",
                5,
                "tag",
            ),
            ("name: x\nsteps: !!python/object/apply:os.system ['ls']\n", 2, "tag"),
            ("name: !custom x\nsteps: []\n", 1, "tag"),
            (
                "name: x\nbase: &b {value: 1}\nparameters:\n  a: *b\nsteps: []\n",
                2,
                "anchors and aliases",
            ),
        ],
        ids=["python-object", "python-apply", "custom-tag", "alias"],
    )
    def test_refused(self, text: str, line: int, words: str) -> None:
        """Tags and aliases are refused before anything is built."""
        problems = problems_of(text)
        assert len(problems) == 1
        assert problems[0].code == "unsafe_rule_file"
        assert problems[0].line == line
        assert words in problems[0].message_en

    def test_duplicate_key(self) -> None:
        """A key given twice is an error at the second occurrence."""
        text = "name: x\nsteps:\n  - id: a\n    type: formula\n    expr: '1'\n    expr: '2'\n"
        (p,) = problems_of(text)
        assert p.line == 6 and "'expr' appears twice" in p.message_en

    def test_billion_laughs(self) -> None:
        """Nested aliases are refused, not expanded."""
        text = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n"
        (p,) = problems_of(text)
        assert p.code == "unsafe_rule_file"

    def test_not_yaml(self) -> None:
        """Broken YAML is reported with its line."""
        (p,) = problems_of("name: x\nsteps: [\n")
        assert p.code == "ruleset_invalid" and p.line == 3

    def test_size_limit(self, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
        """A file beyond the size limit is refused unread, as text and as a path."""
        monkeypatch.setattr(yamlsafe, "MAX_BYTES", 100)
        (p,) = problems_of(SMALL + "#" * 200)
        assert p.code == "unsafe_rule_file" and "larger than 100 bytes" in p.message_en
        big = tmp_path / "big.yaml"
        big.write_text(SMALL + "#" * 200)
        (p,) = problems_of(big)
        assert p.code == "unsafe_rule_file"

    def test_floats_read_from_text(self) -> None:
        """0.6 in a rule file is exactly 3/5, never a binary float."""
        rs = load_ruleset(SMALL)
        value = rs.parameters["share"].values[0].value
        assert value == Decimal("0.6") and Fraction(value) == Fraction(3, 5)

    @pytest.mark.parametrize(("text", "read"), [("010", "8"), ("-07", "-7"), ("1:30", "90")])
    def test_yaml11_integers_refused(self, text: str, read: str) -> None:
        """010 (octal 8 in YAML 1.1) and 1:30 (base 60) are refused, not silently converted."""
        (p,) = problems_of(SMALL.replace("{6: 2000000", f"{{{text}: 2000000"))
        assert p.line == 8 and f"would be read as {read}" in p.message_en

    @pytest.mark.parametrize(("text", "read"), [("1.10", " (1.1)"), ("1.02", "")])
    def test_float_looking_keys_refused(self, text: str, read: str) -> None:
        """An OPD code 1.10 as a key is the number 1.1 to YAML: refused with the way out
        (quotes), in both languages, not a pydantic message about Decimal('1.1')."""
        (p,) = problems_of(SMALL.replace("{6: 2000000", f"{{{text}: 2000000"))
        assert p.line == 8 and p.code == "ruleset_invalid"
        assert f"key {text} would be read as a number{read}" in p.message_en
        assert "1.10 and 1.1" in p.message_en and f"'{text}' in quotes" in p.message_en
        assert f"tulis '{text}' dalam tanda kutip" in p.message_id
        quoted = load_ruleset(SMALL.replace("{6: 2000000", f"{{'{text}': 2000000"))
        assert text in quoted.step("dasar").params["table"]

    @pytest.mark.parametrize(
        ("text", "read"), [("0x10", "hexadecimal number 16"), ("0b11", "binary number 3")]
    )
    @pytest.mark.parametrize("where", ["key", "value"])
    def test_hexadecimal_and_binary_refused(self, text: str, read: str, where: str) -> None:
        """0x10 (16 in YAML 1.1) and 0b11 (3) are refused as a key and as a value, with the
        way out, in both languages; quoted, 0x10 is the text it says (review 135)."""
        old = "{6: 2000000" if where == "key" else "value: 0.6"
        new = f"{{{text}: 2000000" if where == "key" else f"value: {text}"
        (p,) = problems_of(SMALL.replace(old, new))
        assert p.line == (8 if where == "key" else 3) and p.code == "ruleset_invalid"
        assert f"{text} would be read as the {read}" in p.message_en
        assert f"tulis '{text}' dalam tanda kutip" in (p.message_id or "")
        quoted = load_ruleset(SMALL.replace("{6: 2000000", f"{{'{text}': 2000000"))
        assert text in quoted.step("dasar").params["table"]

    @pytest.mark.parametrize(
        ("text", "read"), [("yes", "true"), ("No", "false"), ("ON", "true"), ("off", "false")]
    )
    def test_yes_no_keys_refused(self, text: str, read: str) -> None:
        """A key yes / no / on / off is true or false to YAML 1.1, and a table keyed on the
        text "yes" then matched no row, its refusal naming a key 1 the file does not have:
        refused with the way out (review 135). true and false stay a yes/no."""
        table = "{6: 2000000"
        (p,) = problems_of(SMALL.replace(table, f"{{{text}: 1, 6: 2000000"))
        assert p.line == 8 and p.code == "ruleset_invalid"
        assert f"key {text} would be read as {read}" in p.message_en
        assert f"'{text}' in quotes" in p.message_en and f"write {read} for" in p.message_en
        assert f"'{text}' dalam tanda kutip" in (p.message_id or "")
        data, _ = yamlsafe.load_text(f"{read}: 1\n'{text}': 2\n")
        assert data == {read == "true": 1, text: 2}

    @pytest.mark.parametrize(
        ("text", "read"),
        [("1_000", 1000), ("08", "08"), ("09", "09"), ("1e6", "1e6"), ("+5", 5), ("yes", True)],
    )
    def test_values_read_as_written(self, text: str, read: object) -> None:
        """What YAML reads as the writer wrote it stays: 1_000 is 1000, 08 and 1e6 are
        texts read later as the numbers 8 and 1000000, yes as a value is true (a yes/no
        field; where a number is wanted it is refused as no number)."""
        data, _ = yamlsafe.load_text(f"a: {text}\n")
        assert data == {"a": read} and type(data["a"]) is type(read)

    @pytest.mark.parametrize("unit", ["persen", "'%'", "percent", "Persentase"])
    @pytest.mark.parametrize(
        ("value", "said"),
        [
            ("60", "60 is read as the ratio 60 (6000 %)"),
            ("{a: 0%, b: 3}", "3 (b) is read as the ratio 3 (300 %)"),
            ("0.5", "0.5 is read as the ratio 0.5 (50 %)"),
            ("{tl1: 0.5%, tl2: 1}", "1 (tl2) is read as the ratio 1 (100 %)"),
            ("'0,6'", "0,6 is read as the ratio 0.6 (60 %)"),
        ],
    )
    def test_a_percent_unit_with_a_bare_number_is_refused(
        self, unit: str, value: str, said: str
    ) -> None:
        """``unit: persen, value: 60`` paid the base times 60, and ``tl1: 0.5`` under a
        percent unit cut 50 % where 0.5 % was meant: a unit is documentation, a bare number a
        ratio (review 135 refused numbers above 1; session 29 every bare number but 0).
        Refused at the parameter, in both languages, with the way out; 60%, 0, and the
        ratio under ``unit: ratio`` load."""
        text = SMALL.replace(
            "parameters:\n", f"parameters:\n  r: {{unit: {unit}, value: {value}}}\n"
        )
        (p,) = problems_of(text)
        assert p.line == 3 and p.code == "ruleset_invalid" and said in p.message_en
        assert "write" in p.message_en and "tulis" in (p.message_id or "")
        for fine in (
            f"{{unit: {unit}, value: 60%",
            f"{{unit: {unit}, value: 0",
            "{unit: ratio, value: 0.6",
        ):
            load_ruleset(SMALL.replace("{value: 0.6", fine))

    @pytest.mark.parametrize(
        ("written", "digits"),
        [("1.131.487", "1131487"), ("'Rp 5.000.000'", "5000000"), ("'1,000,000'", "1000000")],
    )
    def test_an_amount_with_separators_says_how_to_write_it(
        self, written: str, digits: str
    ) -> None:
        """1.131.487 (as an Indonesian table prints it) was "not a number" without the way
        out (review 134); it now says the digits to write, in both languages."""
        (p,) = problems_of(SMALL.replace("{6: 2000000", f"{{6: {written}"))
        assert f"write {digits} without thousands separators" in p.message_en
        assert f"tulis {digits} tanpa pemisah ribuan" in (p.message_id or "")

    def test_nan_refused(self) -> None:
        """.nan and .inf are not usable numbers."""
        (p,) = problems_of(SMALL.replace("0.6", ".nan"))
        assert "not a usable number" in p.message_en and p.line == 3


class TestFormats:
    """The same rule set as YAML, JSON and TOML loads to the same rule set."""

    @pytest.mark.parametrize("suffix", ["yaml", "json", "toml"])
    def test_loads(self, suffix: str) -> None:
        """Each format gives the full rule set with dated values and references."""
        rs = load_ruleset(FILES / f"dated.{suffix}")
        assert rs.name == "dated-example" and rs.version == "2"
        assert [s.id for s in rs.steps] == ["dasar", "potongan", "kotor", "tpp"]
        assert rs.requires == ("attendance",)
        assert rs.valid_from == dt.date(2025, 1, 1)
        base = rs.parameters["base"]
        assert [v.start for v in base.values] == [dt.date(2025, 1, 1), dt.date(2025, 7, 1)]
        assert base.values[1].reference == "Perbup Contoh 7/2025 pasal 3"

    def test_same_fingerprint(self) -> None:
        """YAML, JSON and TOML spellings of one rule set share one fingerprint."""
        prints = {
            load_ruleset(FILES / f"dated.{s}").fingerprint() for s in ("yaml", "json", "toml")
        }
        assert len(prints) == 1

    def test_line_numbers_from_json(self, tmp_path: Path) -> None:
        """JSON goes through the same reader, so its mistakes have lines too."""
        bad = tmp_path / "bad.json"
        text = (FILES / "dated.json").read_text().replace('"type": "round"', '"type": "rounding"')
        bad.write_text(text)
        (p,) = problems_of(bad)
        assert p.code == "unknown_rule_type"
        assert p.line == line_of(bad, '"rounding"')

    def test_bad_toml(self, tmp_path: Path) -> None:
        """Broken TOML is a RuleSetError naming the file."""
        bad = tmp_path / "bad.toml"
        bad.write_text("name = \n")
        (p,) = problems_of(bad)
        assert "not valid TOML" in p.message_en and p.file == str(bad)

    def test_a_text_read_again_is_read_afresh(self, tmp_path: Path) -> None:
        """A text's parse is remembered (a pack is loaded per call), but each caller gets its
        own data and lines: changing what one load gave changes no later load, and a file
        edited on disk is read as it now is."""
        text = (FILES / "dated.yaml").read_text(encoding="utf-8")
        data, lines = yamlsafe.load_text(text, "x.yaml")
        expected = load_ruleset(FILES / "dated.yaml").fingerprint()
        data["name"] = "changed"
        data["steps"][0]["id"] = "changed"
        data["parameters"]["base"]["values"].clear()
        lines.clear()
        again, again_lines = yamlsafe.load_text(text, "x.yaml")
        assert again["name"] == "dated-example" and again["steps"][0]["id"] == "dasar"
        assert again["parameters"]["base"]["values"] and again_lines
        assert again is not data and again_lines is not lines
        assert load_ruleset(text).fingerprint() == expected
        path = tmp_path / "rules.yaml"
        path.write_text(text, encoding="utf-8")
        assert load_ruleset(path).name == "dated-example"
        path.write_text(text.replace("dated-example", "edited-example"), encoding="utf-8")
        assert load_ruleset(path).name == "edited-example"

    def test_dict_source(self) -> None:
        """A plain dict is a rule set source too."""
        rs = load_ruleset({"name": "d", "steps": [{"id": "a", "type": "formula", "expr": "1"}]})
        assert rs.name == "d"


class TestFingerprint:
    """The fingerprint follows the content, not the spelling."""

    def test_stable_across_key_order_and_formatting(self) -> None:
        """Reordered keys, flow vs block style, comments and 0.60 vs 0.6 change nothing."""
        other = """\
# comment
steps:
  - {type: lookup, id: dasar, unit: rupiah, key: grade, table: {12: 5000000, 6: 2000000}}
  - type: formula
    expr: dasar * share
    id: tpp
parameters:
  share:
    reference: "Perbup 1/2025 pasal 5"
    value: 0.60
name: small
"""
        assert load_ruleset(SMALL).fingerprint() == load_ruleset(other).fingerprint()

    def test_changes_with_a_value(self) -> None:
        """Any value change gives another fingerprint."""
        base = load_ruleset(SMALL).fingerprint()
        assert load_ruleset(SMALL.replace("0.6", "0.61")).fingerprint() != base
        assert load_ruleset(SMALL.replace("2000000", "2000001")).fingerprint() != base
        assert load_ruleset(SMALL.replace("pasal 5", "pasal 6")).fingerprint() != base

    def test_digits_past_28_still_count(self) -> None:
        """Two shares that differ only in their 29th digit are two rule sets: the canonical
        text once normalised decimals under the default context, which rounds to 28 digits."""
        a = load_ruleset(SMALL.replace("0.6", "0.60000000000000000000000000001"))
        b = load_ruleset(SMALL.replace("0.6", "0.60000000000000000000000000002"))
        assert a.fingerprint() != b.fingerprint()

    def test_a_not_a_number_kept_as_written(self) -> None:
        """A program's dict may carry a signalling NaN where nothing reads it (a note's
        value): the fingerprint spells it rather than failing (a fuzzed dict found it)."""
        doc = {"name": "d", "steps": [{"id": "a", "type": "formula", "expr": "1"}]}
        quiet = load_ruleset({**doc, "parameters": {"p": {"note": {"x": Decimal("NaN")}}}})
        loud = load_ruleset({**doc, "parameters": {"p": {"note": {"x": Decimal("sNaN")}}}})
        assert len(loud.fingerprint()) == 64 and loud.fingerprint() != quiet.fingerprint()

    def test_mixed_key_table(self) -> None:
        """A table mixing numeric and text keys still has a fingerprint."""
        rs = load_ruleset(SMALL.replace("{6: 2000000, 12: 5000000}", "{6: 2000000, A: 5000000}"))
        assert len(rs.fingerprint()) == 64

    def test_pinned_without_later_keys(self) -> None:
        """Keys added to rule files later (``period_kinds``) are outside the fingerprint while
        unset: a rule file that does not use them keeps the fingerprint its receipts recorded
        (this digest was computed before the key existed); setting one changes it."""
        pinned = "093368036fb07b599fab0fa179f87d6b2263c51ed776769daf6fde5bf60e2c23"
        assert load_ruleset(SMALL).fingerprint() == pinned
        monthly = load_ruleset(SMALL + "period_kinds: [month]\n")
        assert monthly.period_kinds == ("month",) and monthly.fingerprint() != pinned

    def test_period_kinds_are_a_set(self) -> None:
        """Order and repetition of ``period_kinds`` change neither the rules nor the print."""
        a = load_ruleset(SMALL + "period_kinds: [quarter, month, month]\n")
        b = load_ruleset(SMALL + "period_kinds: [month, quarter]\n")
        assert a.period_kinds == ("month", "quarter") and a.fingerprint() == b.fingerprint()

    def test_is_sha256_hex(self) -> None:
        """64 lowercase hex digits."""
        fp = load_ruleset(SMALL).fingerprint()
        assert len(fp) == 64 and int(fp, 16) >= 0


class TestWithParameters:
    """What-if copies: a new rule set, the original untouched."""

    def test_returns_new_ruleset(self) -> None:
        """The copy has the new value; the original keeps the old one and its fingerprint."""
        rs = load_ruleset(SMALL)
        before = rs.fingerprint()
        new = rs.with_parameters(share=Decimal("0.7"))
        assert isinstance(new, RuleSet) and new is not rs
        assert new.parameters["share"].values[0].value == Decimal("0.7")
        assert rs.parameters["share"].values[0].value == Decimal("0.6")
        assert rs.fingerprint() == before != new.fingerprint()
        assert new.parameters["share"].values[0].source == "user"

    @pytest.mark.parametrize("value", ["0.7", "70%", Fraction(7, 10), 1])
    def test_exact_values(self, value: object) -> None:
        """Text, percentages, Fractions and ints are accepted."""
        new = load_ruleset(SMALL).with_parameters(share=value)
        assert new.parameters["share"].values[0].value == value

    def test_refuses_floats(self) -> None:
        """Floats are refused, also inside tables and dated values."""
        rs = load_ruleset(SMALL)
        for bad in (0.7, {6: 0.5}, [{"value": 0.7}]):
            with pytest.raises(RuleSetError) as info:
                rs.with_parameters(share=bad)
            assert info.value.code == "float_money"

    def test_refuses_unknown_names(self) -> None:
        """An unknown parameter name is an error listing it."""
        with pytest.raises(RuleSetError) as info:
            load_ruleset(SMALL).with_parameters(shares=Decimal("0.7"), other=1)
        assert {p.key for p in info.value.problems} == {"shares", "other"}
        assert info.value.code == "unknown_parameter"

    def test_dated_values(self) -> None:
        """A list of dated values replaces the parameter's history."""
        rs = load_ruleset(SMALL).with_parameters(
            share=[
                {"from": "2025-01-01", "to": "2025-06-30", "value": "0.6"},
                {"from": "2025-07-01", "value": "0.65", "reference": "what-if"},
            ]
        )
        assert rs.parameter_at("share", Period.parse("2025-08")).value == "0.65"

    def test_parameter_object(self) -> None:
        """A Parameter object is taken as is."""
        p = Parameter(name="share", values=({"value": Decimal("0.5")},))  # type: ignore[arg-type]
        assert load_ruleset(SMALL).with_parameters(share=p).parameters["share"] == p

    def test_revalidated(self) -> None:
        """A value the steps cannot use is refused on the copy."""
        rs = load_ruleset(FILES / "dated.yaml")
        with pytest.raises(RuleSetError):
            rs.with_parameters(base="abc")


class TestDatedParameters:
    """The value in force on the first day of the period is used."""

    @pytest.mark.parametrize(
        ("period", "grade6", "ref"),
        [
            ("2025-01", 2000000, "Perbup Contoh 1/2025 lampiran I"),
            ("2025-06", 2000000, "Perbup Contoh 1/2025 lampiran I"),
            ("2025-07", 2100000, "Perbup Contoh 7/2025 pasal 3"),
            ("2025-Q3", 2100000, "Perbup Contoh 7/2025 pasal 3"),
            ("2026-03", 2100000, "Perbup Contoh 7/2025 pasal 3"),
        ],
    )
    def test_selection(self, period: str, grade6: int, ref: str) -> None:
        """Each period gets its own value and reference."""
        rs = load_ruleset(FILES / "dated.yaml")
        dv = rs.parameter_at("base", Period.parse(period))
        assert dv.value[6] == grade6
        assert (dv.reference or rs.parameters["base"].reference) == ref

    def test_no_value_in_force(self) -> None:
        """Before the first value there is nothing in force: a clear error."""
        rs = load_ruleset(FILES / "dated.yaml")
        with pytest.raises(MissingParameterError) as info:
            rs.parameter_at("base", Period.parse("2024-12"))
        assert "base" in str(info.value) and "2024-12-01" in str(info.value)

    def test_unknown_parameter(self) -> None:
        """Asking for a parameter the rule set does not have is an error."""
        with pytest.raises(MissingParameterError):
            load_ruleset(SMALL).parameter_at("nope", Period.parse("2025-01"))

    def test_value_wrong_only_later(self) -> None:
        """A value that only becomes wrong in a later period is caught at load."""
        text = """\
name: later
parameters:
  cap:
    values:
      - {from: 2025-01-01, to: 2025-12-31, value: 1}
      - {from: 2026-01-01, value: lots}
steps:
  - {id: a, type: formula, expr: "1"}
  - {id: b, type: clamp, input: a, max: $cap}
"""
        (p,) = problems_of(text)
        assert "2026-01-01" in p.message_en and "'lots' is not a number" in p.message_en


REQUIRED = """\
name: required
parameters:
  base:
    description: Amount per kelas jabatan from your regent's regulation (Perbup).
    reference: none shipped; supply your Perbup's table
    unit: rupiah
    source: user
    required: true
  share: {value: 0.6, reference: Perbup 1/2025 pasal 5}
steps:
  - id: dasar
    type: lookup
    key: grade
    table: $base
    unit: rupiah
  - id: kotor
    type: formula
    expr: dasar * share
  - id: tpp
    type: round
    input: kotor
"""


@cache
def demo_dataset() -> Dataset:
    from tukin import demo

    return Dataset.from_frames(**demo.generate(30, seed=2025))


class TestRequiredParameters:
    """``required: true``: the file ships no value, the user supplies it before calculating."""

    def test_loads_without_a_value(self) -> None:
        """The file loads; the parameter is required, has no value, keeps its description."""
        param = load_ruleset(REQUIRED).parameters["base"]
        assert param.required and param.values == ()
        assert param.reference == "none shipped; supply your Perbup's table"
        assert param.source == "user"

    def test_fingerprint_only_says_required_when_it_is(self) -> None:
        """Parameters not required keep the canonical form they had before the flag."""
        canonical = load_ruleset(REQUIRED).canonical()["parameters"]
        assert canonical["base"]["required"] is True
        assert "required" not in canonical["share"]

    def test_calculate_asks_for_it(self) -> None:
        """calculate() raises MissingParameterError required_parameter, saying how, en and id."""
        with pytest.raises(MissingParameterError) as info:
            calculate(demo_dataset(), load_ruleset(REQUIRED), "2025-01")
        assert info.value.code == "required_parameter"
        assert "'base' must be supplied" in info.value.message("en")
        assert "with_parameters(base=...)" in info.value.message("en")
        assert "'base' wajib diisi" in info.value.message("id")

    def test_parameter_at_asks_for_it(self) -> None:
        """Reading it for a period is the same error."""
        with pytest.raises(MissingParameterError) as info:
            load_ruleset(REQUIRED).parameter_at("base", Period.parse("2025-01"))
        assert info.value.code == "required_parameter"

    def test_with_parameters_supplies_it(self) -> None:
        """Supplied with with_parameters, the rule set calculates; the original still asks."""
        rs = load_ruleset(REQUIRED)
        supplied = rs.with_parameters(base={k: 1_000_000 * k for k in range(1, 18)})
        result = calculate(demo_dataset(), supplied, "2025-01")
        assert result.total > 0
        assert rs.parameters["base"].values == ()

    def test_with_parameters_validates_the_supplied_value(self) -> None:
        """The steps using it are checked once it is supplied: a wrong value is refused."""
        with pytest.raises(RuleSetError) as info:
            load_ruleset(REQUIRED).with_parameters(base="abc")
        assert "dasar" in str(info.value)

    def test_dated_values_supply_it(self) -> None:
        """Dated values supply it for their dates only; outside them nothing is in force."""
        rs = load_ruleset(REQUIRED).with_parameters(
            base=[{"from": "2025-01-01", "value": {6: 2000000}, "reference": "Perbup 1/2025"}]
        )
        assert rs.parameter_at("base", Period.parse("2025-03")).value == {6: 2000000}
        with pytest.raises(MissingParameterError) as info:
            rs.parameter_at("base", Period.parse("2024-12"))
        assert info.value.code == "missing_parameter"

    @pytest.mark.parametrize(
        ("extra", "key"),
        [("    value: {6: 2000000}\n", "value"), ("    values: [{value: {6: 1}}]\n", "values")],
    )
    def test_required_with_a_value_is_refused(self, extra: str, key: str) -> None:
        """A required parameter ships no value: giving one too is a mistake naming the key."""
        text = REQUIRED.replace("    required: true\n", "    required: true\n" + extra)
        (p,) = problems_of(text)
        assert p.key == f"parameters.base.{key}" and "required" in p.message_en

    def test_required_must_be_a_bool(self) -> None:
        """'required: yes please' is refused with its line."""
        (p,) = problems_of(REQUIRED.replace("required: true", "required: sometimes"))
        assert p.key == "parameters.base.required" and "true or false" in p.message_en
