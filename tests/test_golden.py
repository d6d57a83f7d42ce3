"""The golden-case runner: a wrong expectation fails readably, deviations are declared, case
files are checked like rule files. (The shipped cases themselves are collected next to this
module by tests/conftest.py: each one is a pytest item.)"""

from __future__ import annotations

import re
import textwrap
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

import tukin
from tests.test_step_messages import ENGLISH, _wordset, words
from tukin import golden, load_ruleset, presets
from tukin.cli import main as tukin_main
from tukin.errors import DataError
from tukin.ruleset.model import RuleSet

BUDI = """
  - name: Two TL1, one PSW2, one TK and three missed apel cost a Baik class-12 PNS 5 % and 6 %.
    reference: DOMAIN.md §3 (P)
    rules: tpp-60-40
    period: 2025-10
    employee:
      name: Budi
      grade: 12
      attendance: {tl1: 2, psw2: 1, tk: 1, apel: 3}
      appraisal: {results: as_expected, behaviour: as_expected}
    expect: {allowance: ALLOWANCE, steps: {persen_absen: ABSENCE}}
"""


def write(tmp_path: Path, body: str, name: str = "cases.yaml") -> Path:
    path = tmp_path / name
    path.write_text("cases:\n" + textwrap.dedent(body).strip("\n").replace("\n", "\n") + "\n")
    return path


def budi(allowance: int = 8_610_222, absence: str = "5%", extra: str = "") -> str:
    return BUDI.replace("ALLOWANCE", str(allowance)).replace("ABSENCE", absence) + extra


class TestFailingCase:
    """A deliberately wrong expectation fails with expected vs actual and the explanation."""

    def test_wrong_allowance_reports_diff_and_explanation(self, tmp_path: Path) -> None:
        """The report names the employee, both amounts, the difference and every step."""
        run = golden.FileRun(write(tmp_path, budi(allowance=8_610_223)), lang="en")
        (outcome,) = run.outcomes()
        assert outcome.status == "failed"
        report = outcome.report("en")
        assert "Budi: allowance expected Rp8.610.223, got Rp8.610.222 (-Rp1)" in report
        assert "Explanation of Budi:" in report
        assert "Absence percentage (persen_absen, deduction_table)" in report
        assert "Allowance: Rp8.610.222" in report
        assert f"{tmp_path / 'cases.yaml'}:2" in report

    def test_wrong_step_value_is_shown_exactly(self, tmp_path: Path) -> None:
        """A step expectation is compared exactly and both values are printed."""
        (outcome,) = golden.FileRun(write(tmp_path, budi(absence="1/20 + 0")), lang="en").outcomes()
        assert outcome.problems == ["Budi: persen_absen expected 1/20 + 0, got 0.05"]
        (outcome,) = golden.FileRun(write(tmp_path, budi(absence="6%")), lang="en").outcomes()
        assert outcome.problems == ["Budi: persen_absen expected 6%, got 0.05"]

    def test_indonesian_report(self, tmp_path: Path) -> None:
        """lang='id' reports in Indonesian."""
        run = golden.FileRun(write(tmp_path, budi(allowance=8_610_000)), lang="id")
        report = run.outcomes()[0].report("id")
        assert "GAGAL:" in report and "diharapkan Rp8.610.000, hasil Rp8.610.222" in report
        assert "Penjelasan untuk Budi:" in report

    def test_cli_exit_code_and_summary(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """`tukin test FILE` prints a line per case, the report and a summary; exit 1."""
        assert tukin_main(["test", str(write(tmp_path, budi(allowance=1))), "--lang", "en"]) == 1
        out = capsys.readouterr().out
        assert "  FAIL   Two TL1" in out and "allowance expected Rp1, got Rp8.610.222" in out
        assert "0 passed, 0 xfailed, 1 failed" in out

    def test_cli_passes(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """A right expectation passes: exit 0, 'ok' and the summary."""
        assert golden.run_cli([write(tmp_path, budi())], lang="en") == 0
        assert "1 passed, 0 xfailed, 0 failed" in capsys.readouterr().out


class TestDeclaredDeviations:
    """Known deviations are declared in the file (xfail with a reason), never skipped."""

    XFAIL = "    xfail: the source rounds 8,610,222.096 up (example of a declared deviation)\n"

    def test_declared_failure_is_xfailed(self, tmp_path: Path) -> None:
        """A declared case that fails counts as xfailed, and the run passes."""
        body = budi(allowance=8_610_223).rstrip("\n") + "\n" + self.XFAIL
        (outcome,) = golden.FileRun(write(tmp_path, body)).outcomes()
        assert outcome.status == "xfailed" and outcome.problems
        assert golden.run_cli([tmp_path / "cases.yaml"]) == 0

    def test_declared_case_that_passes_is_reported(self, tmp_path: Path) -> None:
        """A declared case that passes is an XPASS: the run fails, asking to remove xfail."""
        body = budi().rstrip("\n") + "\n" + self.XFAIL
        (outcome,) = golden.FileRun(write(tmp_path, body)).outcomes()
        assert outcome.status == "xpassed"
        assert "remove 'xfail'" in outcome.report("en")
        assert "hapus 'xfail'" in outcome.report("id")
        assert golden.run_cli([tmp_path / "cases.yaml"]) == 1

    def test_shipped_deviations_have_reasons(self) -> None:
        """Every shipped xfail gives a reason of a full sentence."""
        declared = [c for f in golden.case_files() for c in golden.load_cases(f) if c.xfail]
        assert declared, "the capaian 107 % case is declared"
        assert all(len(str(c.xfail)) > 40 for c in declared)


class TestCaseFiles:
    """Case files are data: validated, with the line of every mistake."""

    def test_typo_is_an_error_with_its_line(self, tmp_path: Path) -> None:
        """An unknown key is refused (a typo would otherwise check nothing)."""
        path = write(tmp_path, budi().replace("expect:", "expekt:"))
        with pytest.raises(DataError) as info:
            golden.load_cases(path)
        assert info.value.code == "golden_case_invalid"
        assert "cases.yaml:11: expekt: unknown key 'expekt' (the keys here: name," in (
            info.value.message("en")
        )
        assert "expekt: kunci 'expekt' tidak dikenal" in info.value.message("id")

    def test_case_must_expect_something(self, tmp_path: Path) -> None:
        """A case without any expectation is refused."""
        body = budi().replace("    expect: {allowance: 8610222, steps: {persen_absen: 5%}}\n", "")
        with tukin.language("en"), pytest.raises(DataError, match="expects nothing"):
            golden.load_cases(write(tmp_path, body))
        with tukin.language("id"), pytest.raises(DataError, match="tidak mengharapkan apa pun"):
            golden.load_cases(write(tmp_path, body))
        empty = budi().replace(
            "    expect: {allowance: 8610222, steps: {persen_absen: 5%}}\n", "    expect: {}\n"
        )
        with tukin.language("en"), pytest.raises(DataError, match="expects nothing"):
            golden.load_cases(write(tmp_path, empty))

    def test_names_are_unique_sentences(self, tmp_path: Path) -> None:
        """Two cases of one file may not share a name."""
        with tukin.language("en"), pytest.raises(DataError, match="two cases are named"):
            golden.load_cases(write(tmp_path, budi() + budi()))

    def test_defaults_fill_every_case(self, tmp_path: Path) -> None:
        """File defaults give rules, period, parameters and employee fields to every case."""
        path = tmp_path / "d.yaml"
        path.write_text(
            "defaults:\n  rules: tpp-60-40\n  period: 2025-10\n  employee: {grade: 15}\n"
            "cases:\n  - name: A class-15 PNS rated Sangat Baik is paid the whole base.\n"
            "    reference: DOMAIN.md §3\n"
            "    employee: {appraisal: {results: above, behaviour: above}}\n"
            "    expect: {allowance: 17019369}\n"
        )
        (case,) = golden.load_cases(path)
        assert (case.rules, case.period, case.employees[0].grade) == ("tpp-60-40", "2025-10", 15)
        assert golden.FileRun(path).outcomes()[0].status == "passed"

    def test_a_case_completes_the_default_employee_key_by_key(self, tmp_path: Path) -> None:
        """attendance, appraisal and columns merge over the defaults' (the guide's promise);
        ``none`` still means no attendance row."""
        path = tmp_path / "d.yaml"
        path.write_text(
            "defaults:\n  employee:\n    attendance: {tl1: 2, psw2: 1}\n"
            "    appraisal: {results: below, behaviour: as_expected}\n"
            "    columns: {a: 1}\n"
            "cases:\n"
            "  - name: Two TL1 and one PSW2 by default, one TK and three apel of its own.\n"
            "    reference: DOMAIN.md §3 (P)\n    rules: tpp-60-40\n    period: 2025-10\n"
            "    employee:\n      grade: 12\n      attendance: {tk: 1, apel: 3}\n"
            "      appraisal: {results: as_expected}\n      columns: {b: 2}\n"
            "    expect: {allowance: 8610222, steps: {persen_absen: 5%}}\n"
        )
        (case,) = golden.load_cases(path)
        e = case.employees[0]
        assert e.attendance == {"tl1": 2, "psw2": 1, "tk": 1, "apel": 3}
        assert e.appraisal is not None and e.appraisal.results == "as_expected"
        assert e.columns == {"a": 1, "b": 2}
        (outcome,) = golden.FileRun(path).outcomes()
        assert outcome.status == "passed", outcome.problems
        (none,) = golden.load_cases(
            write(tmp_path, budi().replace("{tl1: 2, psw2: 1, tk: 1, apel: 3}", "none"))
        )
        assert none.employees[0].attendance is None

    def test_a_case_completes_the_default_tables_by_table(self, tmp_path: Path) -> None:
        """``tables`` merge over the defaults' by table: the programme, indicator and target
        stay in defaults, each case gives its own realisation (which replaces the default's)."""
        path = tmp_path / "t.yaml"
        path.write_text(
            "defaults:\n  rules: tpp-epantau-kukar-example\n  period: 2025-10\n"
            "  tables:\n"
            "    work_items: [{work_item_id: PRG1, name: Program, level: program,"
            " unit_id: D1, budget: 1000000}]\n"
            "    indicators: [{indicator_id: IND1, work_item_id: PRG1, name: Dokumen,"
            " polarity: higher}]\n"
            "    targets: [{indicator_id: IND1, period: 2025-10, target: 100}]\n"
            "    realisations: [{indicator_id: IND1, period: 2025-10, value: 10,"
            " status: approved}]\n"
            "cases:\n"
            "  - name: With 95 of 100 approved the kinerja part is paid at 95 percent.\n"
            "    reference: tpp_epantau.yaml, its first case\n"
            "    tables:\n"
            "      realisations: [{indicator_id: IND1, period: 2025-10, value: 95,"
            " status: approved}]\n"
            "    employee: {name: Sari, grade: 9}\n"
            "    expect: {allowance: 5276318, steps: {capaian: 95%}}\n"
        )
        (case,) = golden.load_cases(path)
        assert sorted(case.tables) == ["indicators", "realisations", "targets", "work_items"]
        assert [r["value"] for r in case.tables["realisations"]] == [95]
        (outcome,) = golden.FileRun(path).outcomes()
        assert outcome.status == "passed", outcome.problems

    def test_a_misspelt_attendance_code_fails_the_case(self, tmp_path: Path) -> None:
        """``tk1`` for ``tk`` cut nothing, so a case expecting the unreduced amount passed
        (auditor review D10). A template code no step reads stays a case's premise."""
        path = tmp_path / "t.yaml"
        case = (
            "  - name: Three days absent without reason cost {what}.\n"
            "    reference: a test\n"
            "    employee: {{grade: 12, attendance: {{{code}: 3}}}}\n"
            "    expect: {{allowance: {amount}}}\n"
        )
        path.write_text(
            "defaults:\n  rules: tpp-60-40\n  period: 2025-10\n"
            "  parameters: {base_tpp: {12: 9500000}}\n"
            "  employee: {appraisal: {results: as_expected, behaviour: as_expected}}\n"
            "cases:\n" + case.format(what="nothing as tk1 is misspelt", code="tk1", amount=9500000)
        )
        (outcome,) = golden.FileRun(path, lang="en").outcomes()
        assert outcome.status == "failed"
        assert "attendance code tk1 is read by no step of tpp-60-40" in outcome.problems[0]
        rules = tmp_path / "r.yaml"
        rules.write_text(
            "name: r\nsteps:\n"
            "  - {id: tpp, type: lookup, key: grade, table: {12: 9500000}, unit: rupiah}\n"
        )
        path.write_text(
            "defaults:\n  rules: r.yaml\n  period: 2025-10\ncases:\n"
            + case.format(what="nothing here, sakit is unread", code="sakit", amount=9500000)
        )
        (outcome,) = golden.FileRun(path, lang="en").outcomes()
        assert outcome.status == "passed", outcome.problems

    def test_a_required_table_no_case_gives_is_given_without_rows(self, tmp_path: Path) -> None:
        """A case lists every row there is: a rule set that ``requires: [sanctions]`` runs
        on a case without sanctions (none given is none) and on one with an SK."""
        (tmp_path / "rules.yaml").write_text(
            "name: sk\nrequires: [sanctions]\nsteps:\n"
            "  - {id: dasar, type: lookup, key: grade, table: {12: 1000000}, unit: rupiah}\n"
            "  - {id: sanksi, type: sanction}\n"
            "  - {id: kotor, type: formula, unit: rupiah, expr: 'dasar * (1 - sanksi)'}\n"
            "  - {id: tpp, type: round, input: kotor}\n"
        )
        body = (
            "  - name: Without an SK a class-12 PNS is paid in full.\n"
            "    reference: this test\n    rules: rules.yaml\n    period: 2025-10\n"
            "    employee: {grade: 12}\n    expect: {allowance: 1000000}\n"
            "  - name: An SK of 25 % cuts a quarter.\n"
            "    reference: this test\n    rules: rules.yaml\n    period: 2025-10\n"
            "    employee: {grade: 12}\n    expect: {allowance: 750000}\n"
            "    tables:\n      sanctions:\n"
            "        - {nip: '198001012005011001', kind: sedang, percent: 25,"
            " start_period: 2025-10, months: 6}\n"
        )
        outcomes = golden.FileRun(write(tmp_path, body), lang="en").outcomes()
        assert [o.status for o in outcomes] == ["passed", "passed"], [o.problems for o in outcomes]

    def test_codes_the_rules_read_default_to_zero(self, tmp_path: Path) -> None:
        """A rule file's own codes (cp1) are 0 in the default attendance row, as the
        template's are: no case has to spell out the codes it is not about."""
        (tmp_path / "rules.yaml").write_text(
            "name: cp\nsteps:\n"
            "  - {id: dasar, type: lookup, key: grade, table: {12: 1000000}, unit: rupiah}\n"
            "  - {id: cp9, type: formula, expr: 'tl1 * 0'}\n"
            "  - {id: potong, type: deduction_table, rates: {tl1: 1%, cp1: 2%, cp9: 5%}}\n"
            "  - {id: kotor, type: formula, unit: rupiah, expr: 'dasar * (1 - potong)'}\n"
            "  - {id: tpp, type: round, input: kotor}\n"
        )
        body = (
            "  - name: Two TL1 cost a class-12 PNS 2 % when nobody gives cp1.\n"
            "    reference: this test\n    rules: rules.yaml\n    period: 2025-10\n"
            "    employee: {grade: 12, attendance: {tl1: 2}}\n"
            "    expect: {allowance: 980000, steps: {potong: 2%}}\n"
        )
        (outcome,) = golden.FileRun(write(tmp_path, body)).outcomes()
        assert outcome.status == "passed", outcome.problems
        from tukin.calc.needs import codes_read
        from tukin.period import Period

        rs = load_ruleset(tmp_path / "rules.yaml")
        assert codes_read(rs, Period.parse("2025-10")) == ["tl1", "cp1"]  # cp9: a step's

    def test_every_shipped_case_cites_a_reference(self) -> None:
        """There are at least 40 shipped cases, each a sentence with a reference."""
        cases = [c for f in golden.case_files() for c in golden.load_cases(f)]
        assert len(cases) >= 40
        assert all(c.name[0].isupper() and c.name.endswith(".") for c in cases)
        assert all(len(c.reference or "") > 10 for c in cases)


@cache
def shipped() -> tuple[golden.Case, ...]:
    """Every shipped case, loaded once: the tests of the legal basis only read them."""
    return tuple(c for f in golden.case_files() for c in golden.load_cases(f))


BASES = """
bases:
  tl:
    regulation: Perbup Contoh 12/2025
    provision: Pasal 7 ayat (2)
    grade: V
  app:
    regulation: Province TPP application
    provision: UNVERIFIED
    grade: P
    note: DOMAIN.md §3 names no article
cases:
"""


class TestLegalBasis:
    """Every case traces to the provision it checks, an honest UNVERIFIED, or a declared policy."""

    def test_every_shipped_case_has_a_basis(self) -> None:
        """No shipped case without a basis; each basis names a regulation or a policy, and an
        UNVERIFIED provision says in a note what is known (the loader refuses it otherwise)."""
        cases = shipped()
        assert len(cases) >= 90
        missing = [f"{c.file}:{c.line}" for c in cases if not c.basis]
        assert not missing, f"cases without a legal basis: {missing}"
        for c in cases:
            assert c.traceability in ("provision", "unverified", "policy"), c.name
            for b in c.basis:
                assert (b.regulation or b.policy) and len(b.provision) >= 3, c.name
                assert b.verified or (b.note and len(b.note) > 20), c.name

    def test_a_provision_is_an_article_or_unverified(self) -> None:
        """A cited provision is a Pasal, ayat, Lampiran, Bab or huruf, or exactly UNVERIFIED:
        "DOMAIN.md §3" is a note, never a provision."""
        words = ("pasal", "ayat", "lampiran", "bab", "huruf", "angka", "bagian", "romawi")
        for c in shipped():
            for b in c.basis:
                if b.regulation is None:
                    continue
                if b.verified:
                    assert any(w in b.provision.lower() for w in words), (c.name, b.provision)
                else:
                    assert b.provision == golden.UNVERIFIED, (c.name, b.provision)

    def test_a_policy_names_what_it_cites(self) -> None:
        """A policy is a packaged pack's or a rule file's beside the case file (its parameters
        and steps exist), a case file's (it exists), or tukin's: an auditor can open what is
        cited."""
        packs = set(presets.names())
        loaded: dict[str | Path, RuleSet] = {}  # a pack many cases cite is read once
        for c in shipped():
            for b in c.basis:
                if b.policy is None:
                    continue
                beside = Path(c.file).parent / b.policy
                if b.policy in packs or (b.policy.endswith(".yaml") and beside.is_file()):
                    source = b.policy if b.policy in packs else beside
                    if source not in loaded:
                        loaded[source] = load_ruleset(source)
                    rs = loaded[source]
                    for kind, names in re.findall(
                        r"\b(parameters?|steps?) (\w+(?:, \w+)*)", b.provision
                    ):
                        known = (
                            rs.parameters
                            if kind.startswith("parameter")
                            else {s.id for s in rs.steps}
                        )
                        for name in names.split(", "):
                            assert name in known, (c.name, b.policy, kind, name)
                elif b.policy.endswith("(this case file)"):
                    assert b.policy.split()[0] == Path(c.file).name, c.name
                else:
                    assert b.policy == "tukin", (c.name, b.policy)

    def test_the_guide_lists_every_unverified_provision(self) -> None:
        """docs/auditor-guide.md lists each regulation whose provision a shipped case leaves
        UNVERIFIED, so the gaps are known to auditors, not only to the case files."""
        guide = (Path(__file__).resolve().parent.parent / "docs" / "auditor-guide.md").read_text()
        gaps = guide.split("### Provisions still UNVERIFIED")[1].split("\n## ")[0]
        for c in shipped():
            for b in c.basis:
                if b.regulation is not None and not b.verified:
                    assert b.regulation in gaps, b.regulation

    def test_the_guides_gap_table_counts_the_cases_and_names_their_files(self) -> None:
        """Each row of the table of UNVERIFIED regulations gives the number of shipped cases
        citing that regulation without its article, and every case file holding one (review
        116: the PermenKLH/BPH 6/2025 row said 10 cases, missing `position_history`)."""
        guide = (Path(__file__).resolve().parent.parent / "docs" / "auditor-guide.md").read_text()
        gaps = guide.split("### Provisions still UNVERIFIED")[1].split("\n## ")[0]
        rows = [r for r in gaps.splitlines() if r.startswith("| ") and "---" not in r][1:]
        cited: dict[str, list[golden.Case]] = {}
        for c in shipped():
            for reg in {b.regulation for b in c.basis if b.regulation and not b.verified}:
                cited.setdefault(reg, []).append(c)
        for row in rows:
            head, _what, count, files = (cell.strip() for cell in row.strip("|").split("|"))
            reg = max((r for r in cited if head.startswith(r)), key=len, default=None)
            assert reg is not None, f"a gap no shipped case has any more: {head}"
            cases = cited[reg]
            assert int(count) == len(cases), (reg, count, len(cases))
            named = set(re.findall(r"`(\w+)`", files))
            assert named == {Path(c.file).stem for c in cases}, reg

    def test_the_bpjs_cases_cite_the_perpres_the_circular_carries_out(self) -> None:
        """SE Mendagri 900/471/SJ, of 20 January 2020, says in its opening that it carries out
        Perpres 82/2018 as Perpres 75/2019 amended it; Perpres 64/2020 was signed months later
        (review 116). A case resting on the circular, and the rule file it runs, cite Perpres
        75/2019 for the rates and the cap, never Perpres 64/2020."""
        cases = [
            c for c in shipped() if any(b.regulation == "SE Mendagri 900/471/SJ" for b in c.basis)
        ]
        assert cases
        for c in cases:
            assert "64/2020" not in (c.reference or ""), c.name
            rs = load_ruleset(Path(c.file).parent / c.rules)
            cited = [rs.regulation or "", *(p.reference or "" for p in rs.parameters.values())]
            assert not [t for t in cited if "64/2020" in t], (c.rules, cited)
            assert "Perpres 75/2019" in (rs.regulation or ""), c.rules

    @pytest.mark.parametrize(
        ("guide", "sentence"),
        [
            (
                "auditor-guide.md",
                r"Of\s+the\s+(\d+)\s+shipped\s+cases,\s+(\d+)\s+cite\s+their\s+provision,\s+"
                r"(\d+)\s+cite\s+a\s+regulation.*?and\s+(\d+)\s+check\s+only",
            ),
            (
                "panduan-auditor.md",
                r"Dari\s+(\d+)\s+kasus\s+bawaan,\s+(\d+)\s+menyebut\s+pasalnya,\s+(\d+)\s+"
                r"menyebut\s+peraturan.*?dan\s+(\d+)\s+hanya\s+memeriksa",
            ),
        ],
        ids=["en", "id"],
    )
    def test_the_guides_count_the_shipped_cases(self, guide: str, sentence: str) -> None:
        """The counts an auditor reads in §3 of the guides are those `tukin test` prints on its
        last line: a provision found (or lost) changes the guide with the case files (review
        85: the sentence had to be kept by hand and nothing caught a stale count)."""
        text = (Path(__file__).resolve().parent.parent / "docs" / guide).read_text()
        found = re.search(sentence, text, re.S)
        assert found, f"{guide}: the sentence counting the shipped cases is missing"
        cases = shipped()
        traced = [sum(c.traceability == t for c in cases) for t in ("provision", "unverified")]
        policy = sum(c.traceability == "policy" for c in cases)
        assert [int(n) for n in found.groups()] == [len(cases), *traced, policy], guide

    def test_a_basis_by_name_inline_or_in_defaults(self, tmp_path: Path) -> None:
        """`basis` is a name from the file's `bases`, a mapping or a list of both; old files with
        only `reference` still load (traceability "none")."""
        path = tmp_path / "b.yaml"
        body = budi().replace("    reference: DOMAIN.md §3 (P)\n", "    basis: [tl, app]\n")
        path.write_text(BASES + textwrap.dedent(body).strip("\n") + "\n")
        (case,) = golden.load_cases(path)
        assert [b.provision for b in case.basis] == ["Pasal 7 ayat (2)", "UNVERIFIED"]
        assert case.reference is None and case.traceability == "unverified"
        path.write_text("defaults:\n  basis: tl\n" + BASES + textwrap.dedent(budi()).strip("\n"))
        (case,) = golden.load_cases(path)
        assert case.traceability == "provision" and case.basis[0].grade == "V"
        (old,) = golden.load_cases(write(tmp_path, budi()))
        assert old.basis == () and old.traceability == "none"

    def test_basis_mistakes_are_refused(self, tmp_path: Path) -> None:
        """An unknown name, UNVERIFIED without a note, both or neither of regulation and policy,
        and a case with neither reference nor basis are refused, with the line."""

        def load(basis: str) -> None:
            body = budi().replace("    reference: DOMAIN.md §3 (P)\n", basis)
            with tukin.language("en"):
                golden.load_cases(write(tmp_path, body))

        with pytest.raises(DataError, match=r"cases.yaml:3: basis: no basis named 'nope'"):
            load("    basis: nope\n")
        with pytest.raises(DataError, match="add a 'note'"):
            load("    basis: {regulation: PP 12/2019, provision: UNVERIFIED}\n")
        with pytest.raises(DataError, match="either 'regulation' or 'policy'"):
            load("    basis: {regulation: PP 12/2019, policy: tpp-60-40, provision: Pasal 58}\n")
        with pytest.raises(DataError, match="either 'regulation' or 'policy'"):
            load("    basis: {provision: Pasal 58}\n")
        with pytest.raises(DataError, match="declared, not UNVERIFIED"):
            load("    basis: {policy: tpp-60-40, provision: UNVERIFIED, note: none known yet}\n")
        with pytest.raises(DataError, match="cites its source"):
            load("")

    def test_reports_show_the_basis(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """A failure report gives each basis with its note; `tukin test` gives each case's basis
        on the line under it and counts how many cases trace to an article."""
        basis = "    basis: {regulation: PP 12/2019, provision: Pasal 58, note: TPP by Perkada}\n"
        path = write(tmp_path, budi(allowance=1).replace("    rules:", basis + "    rules:"))
        (outcome,) = golden.FileRun(path, lang="en").outcomes()
        assert "  basis: PP 12/2019, Pasal 58: TPP by Perkada" in outcome.report("en")
        assert "  dasar hukum: PP 12/2019, Pasal 58: TPP by Perkada" in outcome.report("id")
        assert golden.run_cli([path, write(tmp_path, budi(), "old.yaml")], lang="en") == 1
        out = capsys.readouterr().out
        assert "  FAIL   Two TL1" in out and "         basis: PP 12/2019, Pasal 58\n" in out
        assert "         basis: —\n" in out
        assert "legal basis: 1 cite the provision, 0 a regulation" in out and "1 none" in out


TEAM = """
  - name: A kabid, his kasi and a staff member, each named by an id.
    reference: this test
    rules: tpp-60-40
    period: 2025-10
    tables:
      units:
        - {unit_id: B1, name: Bidang Satu, parent_id: D1}
      sanctions:
        - {nip: staf, kind: sedang, percent: 25, start_period: 2025-09, months: 6}
    employees:
      - {id: kabid, grade: 12, kind: administrator, expect: {allowance: 1}}
      - id: kasi
        grade: 9
        kind: pengawas
        unit: B1
        reports_to: kabid
        sanctions:
          - {kind: ringan, percent: 10, start_period: 2025-10, months: 1, reference: SK 1}
      - id: staf
        name: Staf Satu
        grade: 7
        unit: B1
        reports_to: kasi
        history:
          2025-09: {attendance: {tk: 2}, appraisal: {results: above, behaviour: above}}
          2025: {appraisal: {results: below, behaviour: below}}
"""


def team(old: str = "", new: str = "") -> str:
    assert old in TEAM
    return TEAM.replace(old, new, 1)


class TestRelations:
    """An employee's id, reporting line, unit, sanctions and history, and ids in tables."""

    def test_ids_become_the_dataset_s_nips_and_positions(self, tmp_path: Path) -> None:
        """reports_to is the position's superior_id, an id in a table's NIP column the NIP,
        sanctions rows of the sanctions table, history rows of other periods (codes not given
        0), unit the position's unit; an employee without a name is named by their id."""
        from tukin.golden.data import NIP_PREFIX, build_dataset

        (case,) = golden.load_cases(write(tmp_path, TEAM))
        ds, nips = build_dataset([case])
        assert nips[case.name] == [f"{NIP_PREFIX}{k:03d}" for k in (1, 2, 3)]
        pos = ds["positions"].set_index("position_id")
        assert pos["superior_id"].tolist()[1:] == ["P001", "P002"]
        assert pd.isna(pos.loc["P001", "superior_id"])
        assert pos["unit_id"].tolist() == ["D1", "B1", "B1"]
        emp = ds["employees"].set_index("nip")
        assert emp["name"].tolist() == ["kabid", "kasi", "Staf Satu"]
        sanctions = ds["sanctions"].sort_values("kind")
        assert sanctions["nip"].tolist() == [nips[case.name][1], nips[case.name][2]]
        assert sanctions["reference"].tolist()[0] == "SK 1"
        att = ds["attendance"].set_index(["nip", "period"])
        staf = nips[case.name][2]
        assert att.loc[(staf, "2025-09"), "tk"] == 2 and att.loc[(staf, "2025-09"), "tl1"] == 0
        assert len(att) == 4  # each employee's 2025-10 row, and the staff member's 2025-09
        app = ds["appraisals"].set_index(["nip", "period"])
        assert app.loc[(staf, "2025"), "results"] == "below" and len(app) == 2

    def test_a_written_out_nip_is_still_read(self, tmp_path: Path) -> None:
        """A table row naming the synthetic NIP itself (as cases did before ids) still loads."""
        body = team("{nip: staf,", "{nip: '198001012005011003',")
        (case,) = golden.load_cases(write(tmp_path, body))
        assert case.tables["sanctions"][0]["nip"] == "198001012005011003"

    def test_defaults_history_is_merged_by_period(self, tmp_path: Path) -> None:
        """A case's history completes the defaults' period by period, as attendance does."""
        body = "defaults:\n  employee:\n    history: {2025-08: {attendance: {tk: 1}}}\n"
        path = write(tmp_path, team())
        path.write_text(body + path.read_text())
        (case,) = golden.load_cases(path)
        assert sorted(case.employees[2].history) == ["2025", "2025-08", "2025-09"]
        assert sorted(case.employees[0].history) == ["2025-08"]

    @pytest.mark.parametrize(
        ("old", "new", "line", "en", "id_"),
        [
            (
                "reports_to: kabid",
                "reports_to: kabit",
                17,
                "employees.1.reports_to: no employee of this case has the id 'kabit' "
                "(ids: kabid, kasi, staf)",
                "tidak ada pegawai dalam kasus ini ber-id 'kabit'",
            ),
            (
                "{nip: staf,",
                "{nip: stab,",
                10,
                "tables.sanctions.0.nip: no employee of this case has the id 'stab'",
                "tidak ada pegawai dalam kasus ini ber-id 'stab'",
            ),
            (
                "id: staf",
                "id: kasi",
                20,
                "employees.2.id: two employees have the id 'kasi'",
                "dua pegawai ber-id 'kasi'",
            ),
            (
                "{id: kabid, grade: 12,",
                "{id: kabid, reports_to: staf, grade: 12,",
                12,
                "employees.0.reports_to: the reporting lines go in a circle: "
                "kabid → staf → kasi → kabid",
                "garis pelaporan membentuk lingkaran",
            ),
            (
                "{kind: ringan, percent: 10,",
                "{kind: ringan, persen: 10,",
                19,
                "employees.1.sanctions.0.persen: unknown key 'persen' (the keys here: kind, "
                "percent, start_period, months, reference)",
                "kunci 'persen' tidak dikenal",
            ),
            (
                "start_period: 2025-10, months: 1",
                "start_period: 2025-Q4, months: 1",
                19,
                "employees.1.sanctions.0.start_period: a sanction starts in a month (2025-03), "
                "not in 2025-Q4",
                "sanksi mulai pada suatu bulan",
            ),
            (
                "2025-09: {attendance: {tk: 2}",
                "2025-09: {attendence: {tk: 2}",
                26,
                "employees.2.history.2025-09.attendence: unknown key 'attendence' (the keys "
                "here: attendance, appraisal)",
                "kunci 'attendence' tidak dikenal",
            ),
            (
                "2025-09: {attendance: {tk: 2}",
                "2025-10: {attendance: {tk: 2}",
                26,
                "employees.2.history.2025-10: history holds other periods",
                "history berisi periode lain",
            ),
            (
                "unit: B1\n        reports_to: kabid",
                "unit: B2\n        reports_to: kabid",
                16,
                "employees.1.unit: no unit 'B2': the units are B1, D1",
                "tidak ada unit 'B2'",
            ),
            (
                "{kind: ringan, percent: 10,",
                "{kind: ringan,",
                19,
                "employees.1.sanctions.0.percent: the key 'percent' is missing",
                "kunci 'percent' belum diisi",
            ),
        ],
        ids=[
            "dangling-reports_to",
            "dangling-table-id",
            "id-twice",
            "circle",
            "sanction-key",
            "sanction-month",
            "history-key",
            "history-own-period",
            "unknown-unit",
            "missing-key",
        ],
    )
    def test_mistakes_name_file_line_case_and_key_in_both_languages(
        self, tmp_path: Path, old: str, new: str, line: int, en: str, id_: str
    ) -> None:
        with pytest.raises(DataError) as info:
            golden.load_cases(write(tmp_path, team(old, new)))
        case = "'A kabid, his kasi and a staff member, each named by an id.'"
        assert info.value.code == "golden_case_invalid"
        english, indonesian = info.value.message("en"), info.value.message("id")
        assert f"cases.yaml:{line}: {en}" in english, english
        assert english.endswith(f"(case {case})"), english
        assert id_ in indonesian and indonesian.endswith(f"(kasus {case})"), indonesian

    def test_cases_with_relations_pass(self, tmp_path: Path) -> None:
        """The new keys reach the rules: a sanction, a reporting line (the rule type
        unassessed_subordinates counts the kasi's subordinate without an SKP), history."""
        (tmp_path / "rules.yaml").write_text(
            "name: sk\nrequires: [attendance]\nsteps:\n"
            "  - {id: dasar, type: lookup, key: grade, table: {7: 1000, 9: 1000, 12: 1000},"
            " unit: rupiah}\n"
            "  - {id: sanksi, type: sanction}\n"
            "  - {id: belum, type: unassessed_subordinates}\n"
            "  - {id: kotor, type: formula, unit: rupiah,"
            " expr: 'dasar * (1 - sanksi) - dasar * belum / 10'}\n"
            "  - {id: tpp, type: round, input: kotor}\n"
        )
        body = team("rules: tpp-60-40", "rules: rules.yaml")
        body = body.replace("{allowance: 1}", "{allowance: 900, steps: {belum: 1}}")
        body = body.replace(
            "        reports_to: kabid\n",
            "        reports_to: kabid\n        expect: {allowance: 900, steps: {belum: 0}}\n",
        )
        body += "        expect: {allowance: 750}\n"
        # kabid: his one subordinate, the kasi, has no SKP: 1000 − 1000 × 1 / 10 = 900;
        # kasi: her staff member has the annual 2025 SKP of the history, which rates October:
        # 1000 × (1 − 10 %) = 900; staff: 1000 × (1 − 25 %) = 750
        outcome = golden.FileRun(write(tmp_path, body), lang="en").outcomes()[0]
        assert outcome.status == "passed", outcome.report("en")


class TestRunner:
    """Batching, errors and rejections."""

    def test_a_broken_case_does_not_hide_the_others(self, tmp_path: Path) -> None:
        """A case that stops the run is reported alone; the batch's other cases still pass."""
        broken = budi().replace("Two TL1", "Once more two TL1")
        broken = broken.replace("rules: tpp-60-40", "rules: capaian-permenpanrb-8-2021")
        outcomes = golden.FileRun(write(tmp_path, budi() + broken), lang="en").outcomes()
        assert [o.status for o in outcomes] == ["passed", "failed"]
        assert "the run stopped" in outcomes[1].problems[0]

    def test_expected_error_must_happen(self, tmp_path: Path) -> None:
        """expect_error fails when the run succeeds or stops with another code."""
        body = budi().replace(
            "    expect: {allowance: 8610222, steps: {persen_absen: 5%}}",
            "    expect_error: {code: missing_parameter}",
        )
        (outcome,) = golden.FileRun(write(tmp_path, body), lang="en").outcomes()
        assert outcome.problems == ["expected error missing_parameter, the run succeeded"]

    def test_unexpected_rejection_is_explained(self, tmp_path: Path) -> None:
        """An employee who is not paid shows the rejection code and its reason."""
        (outcome,) = golden.FileRun(
            write(tmp_path, budi().replace("grade: 12", "grade: 16")), lang="en"
        ).outcomes()
        assert outcome.problems[0].startswith("Budi: not paid, rejected [missing_base]")

    def test_a_rejection_is_reported_in_the_report_s_language(self, tmp_path: Path) -> None:
        """The reason of an unexpected rejection is in the language of the run's reports
        (``tukin test --lang en``), not in the session's (it came in Indonesian)."""
        path = write(tmp_path, budi().replace("grade: 12", "grade: 16"))
        with tukin.language("id"):
            (en,) = golden.FileRun(path, lang="en").outcomes()
        with tukin.language("en"):
            (id_,) = golden.FileRun(path, lang="id").outcomes()
        assert en.problems == [
            "Budi: not paid, rejected [missing_base] no grade in the table for 16"
        ]
        assert id_.problems[0].endswith(
            "[missing_base] tidak ada Kelas Jabatan (grade) dalam tabel untuk 16"
        )

    def test_rule_file_next_to_the_cases(self, tmp_path: Path) -> None:
        """`rules` may name a rule file relative to the case file."""
        rules = Path(__file__).resolve().parent.parent / "examples" / "tpp_60_40.yaml"
        (tmp_path / "rules.yaml").write_text(rules.read_text())
        path = write(tmp_path, budi().replace("rules: tpp-60-40", "rules: rules.yaml"))
        assert golden.FileRun(path).outcomes()[0].status == "passed"


class TestGuides:
    """The case files shown in the auditor guides run and pass."""

    @pytest.mark.parametrize("guide", ["auditor-guide.md", "panduan-auditor.md"])
    def test_guide_examples_pass(self, guide: str, tmp_path: Path) -> None:
        """Every YAML block of a guide that holds cases passes under `tukin test`."""
        docs = Path(__file__).resolve().parent.parent / "docs"
        blocks = (docs / guide).read_text(encoding="utf-8").split("```yaml\n")[1:]
        files = []
        for i, block in enumerate(b.split("```")[0] for b in blocks):
            if "cases:" in block or block.startswith("  - name:"):
                path = tmp_path / f"example{i}.yaml"
                path.write_text(block if "cases:" in block else "cases:\n" + block)
                files.append(path)
        assert len(files) == 2
        assert golden.run_cli(files) == 0


#: one case of each failure the report words (names in Indonesian: they are the file's own)
FAILING_ID = """\
defaults:
  rules: tpp-60-40
  period: 2025-10
  reference: uji
  employee: {appraisal: {results: as_expected, behaviour: as_expected}}
cases:
  - name: Tunjangan Budi yang salah diharapkan dan langkah yang tidak ada.
    employee: {name: Budi, grade: 12, attendance: {tk: 1}}
    expect: {allowance: 1, steps: {persen_absen: 6%, langkah_lain: 1}}
  - name: Pegawai yang diharapkan ditolak ternyata dibayar penuh.
    employee: {name: Sari, grade: 12}
    expect: {rejected: not_eligible}
  - name: Pegawai kelas enam belas tidak punya besaran dasar.
    employee: {name: Tono, grade: 16}
    expect: {allowance: 5}
  - name: Pegawai kelas enam belas ditolak dengan kode lain.
    employee: {name: Tini, grade: 16}
    expect: {rejected: not_eligible}
  - name: Jumlah kasus dua pegawai yang diharapkan salah.
    employees:
      - {name: Ani, grade: 12}
      - {name: Ina, grade: 12}
    total: 3
  - name: Galat diharapkan tetapi perhitungan berhasil.
    employee: {name: Ari, grade: 12}
    expect_error: {code: invalid_period}
  - name: Kode kehadiran salah ketik tidak memotong apa pun.
    employee: {name: Eko, grade: 12, attendance: {tk1: 3}}
    expect: {allowance: 1}
  - name: Kasus yang dinyatakan xfail ternyata lulus.
    employee: {name: Ida, grade: 12}
    expect: {allowance: 9298296}
    xfail: contoh penyimpangan yang dinyatakan
  - name: Perhitungan berhenti karena capaian di antara dua rentang.
    rules: capaian-permenpanrb-8-2021
    employee: {grade: 1, columns: {realisation: 100, target: 100, target_max: null, polarity: higher}}
    expect: {allowance: 1}
  - name: Galat yang diharapkan lain dari yang terjadi.
    rules: capaian-permenpanrb-8-2021
    employee: {grade: 1, columns: {realisation: 100, target: 100, target_max: null, polarity: higher}}
    expect_error: {code: invalid_period}
  - name: Galat yang terjadi tidak memuat teks yang diharapkan.
    rules: capaian-permenpanrb-8-2021
    employee: {grade: 1, columns: {realisation: 100, target: 100, target_max: null, polarity: higher}}
    expect_error: {code: calculation_failed, message: teks lain sama sekali}
  - name: Pelanggaran kurva distribusi yang diharapkan lain dari yang ditemukan.
    rules: predikat-permenpanrb-6-2022
    period: 2025
    check: distribution
    organisation: Istimewa
    ratings: {Sangat Baik: 8, Baik: 2}
    expect: {breaches: []}
  - name: Pemeriksaan distribusi berhenti karena predikat organisasi tidak dikenal.
    rules: predikat-permenpanrb-6-2022
    period: 2025
    check: distribution
    organisation: Entah
    ratings: {Sangat Baik: 8, Baik: 2}
    expect: {breaches: []}
"""

#: English words of the runner's report lines; ``allowance`` and ``net`` are left out: they are
#: the case file's keys, shown beside the Indonesian heading (``Tunjangan (allowance)``)
RUNNER_ENGLISH = _wordset(
    "run stopped crashed paid rejected expected got breaches found succeeded path declared "
    "remove passes total does say check error misspelt attendance code rules step basis"
)


class TestIndonesianReport:
    """Review 62: an Indonesian ``tukin test`` printed its findings in English ("the run
    stopped:", "not paid, rejected", "breaches expected"...)."""

    def test_a_failing_run_in_indonesian_has_no_english_line(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:

        path = tmp_path / "gagal.yaml"
        path.write_text(FAILING_ID)
        names = {c.name for c in golden.load_cases(path)}
        assert golden.run_cli([path], lang="id") == 1
        out = capsys.readouterr().out
        findings = [line for line in out.splitlines() if line.startswith("  - ")]
        assert len(findings) == 16  # every kind of finding the file provokes is checked
        explaining = False  # an explanation is the library's, checked in test_explain
        for line in out.splitlines():
            explaining = line.startswith("  Penjelasan untuk") or (
                explaining and line.startswith("    ")
            )
            if explaining:
                continue
            text = line.strip()
            for name in names:  # the file's own words, whatever language it is written in
                text = text.replace(name, "")
            text = text.replace(str(path), "")
            stray = words(text) & (ENGLISH | RUNNER_ENGLISH)
            assert not stray, f"English {sorted(stray)} in {line!r}"
        for said in (
            "perhitungan berhenti: [calculation_failed]",
            "Tono: tidak dibayar, ditolak [missing_base]",
            "Sari: diharapkan ditolak [not_eligible], tetapi dibayar",
            "jumlah diharapkan Rp3, hasil Rp18.596.592",
            "diharapkan galat invalid_period, tetapi perhitungan berhasil",
            "pelanggaran yang ditemukan: ['Istimewa: dibolehkan paling banyak 70% Sangat Baik",
            "dinyatakan xfail (contoh penyimpangan yang dinyatakan) tetapi kasusnya lulus",
            "pemeriksaan berhenti: predikat organisasi 'Entah' tidak dikenal",
        ):
            assert said in out

    def test_the_same_run_in_english(self, tmp_path: Path) -> None:
        """The English report keeps its wording; a breach written in either language matches."""
        path = tmp_path / "gagal.yaml"
        path.write_text(FAILING_ID)
        problems = [p for o in golden.FileRun(path, lang="en").outcomes() for p in o.problems]
        assert any(p.startswith("Tono: not paid, rejected [missing_base] ") for p in problems)
        assert "Sari: expected rejected [not_eligible], but paid" in problems
        assert "the run crashed" not in " ".join(problems)
        breach = "Istimewa: dibolehkan paling banyak 70% Sangat Baik, teramati 80% (8 dari 10)"
        path.write_text(
            FAILING_ID.replace("expect: {breaches: []}", f'expect: {{breaches: ["{breach}"]}}', 1)
        )
        outcomes = {o.case.name: o for o in golden.FileRun(path, lang="en").outcomes()}
        assert (
            outcomes[
                "Pelanggaran kurva distribusi yang diharapkan lain dari yang ditemukan."
            ].status
            == "passed"
        )

    def test_a_missing_case_file_is_said_so(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        """It was called a folder."""
        assert golden.run_cli([tmp_path / "tidak-ada.yaml"], lang="id") == 2
        assert (
            capsys.readouterr().out.strip().endswith("tidak-ada.yaml' tidak ada [ruleset_invalid]")
        )
