"""docs/rule-file.md and docs/rule-authoring.md say what the code does.

The key tables of docs/rule-file.md are generated (tukin.ruleset.reference); the tests here
hold the page to the generator, the generator to the loader, and the page's claims about
dates, formulas, input columns and plug-ins to the behaviour they describe.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from pydantic_core import PydanticCustomError

import tukin
from tests.strategies import make_dataset, nip
from tukin.calc.frame import employee_frame
from tukin.contract import DERIVED_COLUMNS, TABLES
from tukin.errors import CalculationError, RuleSetError
from tukin.period import Period
from tukin.rules.basic import _FUNCS, parse_formula
from tukin.ruleset import reference
from tukin.ruleset.load import PARAM_KEYS, TOP_KEYS
from tukin.ruleset.model import STEP_KEYS

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "rule-file.md"
PERIOD = "2025-10"


def page() -> str:
    return PAGE.read_text(encoding="utf-8")


def keys_of(table: str) -> list[str]:
    """The backticked names of a generated table's first column, in order."""
    return re.findall(r"^\| `([^`]+)` \|", table, re.M)


class TestGenerated:
    """The generated tables are on the page, and cover what the loader accepts."""

    def test_page_is_up_to_date(self) -> None:
        """The committed page equals the page with its tables regenerated."""
        text = page()
        assert reference.update(text) == text, (
            "docs/rule-file.md is stale: python -m tukin.ruleset.reference docs/rule-file.md"
        )

    def test_every_key_the_loader_accepts(self) -> None:
        """Top-level, parameter and step keys: exactly the loader's, in its order."""
        assert keys_of(reference.top_level_keys()) == list(TOP_KEYS)
        assert keys_of(reference.parameter_keys()) == list(PARAM_KEYS)
        assert keys_of(reference.step_keys()) == list(STEP_KEYS)

    def test_every_formula_function(self) -> None:
        """Each function of the formula rule is listed with its number of arguments."""
        table = reference.formula_functions()
        for name, arity in _FUNCS.items():
            assert re.search(rf"^\| `{name}\([^`]*\)` \| {arity} \|", table, re.M), name

    def test_a_new_function_must_be_documented(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """A function added to the formula rule without a description fails the generator."""
        monkeypatch.setitem(_FUNCS, "sqrt", 1)
        with pytest.raises(ValueError, match=r"undocumented \['sqrt'\]"):
            reference.formula_functions()

    def test_every_derived_column(self) -> None:
        """DERIVED describes exactly the contract's derived columns."""
        assert set(reference.DERIVED) == set(DERIVED_COLUMNS)

    def test_blocks_are_checked(self) -> None:
        """An unknown block name, or a section without a block, is an error."""
        with pytest.raises(ValueError, match="unknown generated block"):
            reference.update(page() + "<!-- BEGIN generated: x -->\n<!-- END generated: x -->")
        with pytest.raises(ValueError, match="no generated block for"):
            reference.update("no blocks")


class TestInputColumns:
    """What the page says a rule can read is what the employee frame holds."""

    def frame(self, **extra: Any) -> pd.DataFrame:
        emp = [{"nip": nip(1), "position_id": "P6A", "status": "pns"}]
        ds = make_dataset(emp, [{"nip": nip(1), "period": PERIOD, "tk": 1, "lkh": 20}])
        return employee_frame(ds, Period.parse(PERIOD))

    def test_columns_listed_are_the_frame(self) -> None:
        """Employees' contract columns + derived ones + the attendance codes: nothing else."""
        listed = keys_of(reference.input_columns())
        assert listed == [*TABLES["employees"].names, *DERIVED_COLUMNS]
        assert set(self.frame().columns) == {*listed, "tk", "lkh"}

    def run(self, tables: dict[str, pd.DataFrame], expr: str) -> Any:
        rules = tukin.load_ruleset(
            "name: t\nsteps:\n"
            f"  - {{id: a, type: formula, expr: '{expr}'}}\n"
            "  - {id: tpp, type: formula, expr: rupiah(0)}\n"
        )
        result = tukin.calculate(tukin.Dataset.from_frames(**tables), rules, PERIOD)
        return result.to_frame()["a"].tolist()

    def tables(self) -> dict[str, pd.DataFrame]:
        emp = [{"nip": nip(1), "position_id": "P6A", "status": "pns"}]
        ds = make_dataset(emp, [{"nip": nip(1), "period": PERIOD, "tk": 2}])
        return {t: ds[t].copy() for t in ("units", "positions", "employees", "attendance")}

    @pytest.mark.filterwarnings("ignore")
    def test_extra_columns_of_employees_and_positions(self) -> None:
        """Read by name."""
        tables = self.tables()
        tables["employees"]["tpp_zone"] = 3
        tables["positions"]["zona"] = "terpencil"
        assert self.run(tables, "tpp_zone * 2") == [6]
        assert self.run(tables, 'zona == "terpencil"') == [True]

    @pytest.mark.filterwarnings("ignore")
    def test_extra_columns_of_the_appraisal_row(self) -> None:
        """Read by name, from the period's appraisal row (a month's hours: 152.5)."""
        tables = self.tables()
        tables["appraisals"] = pd.DataFrame(
            {"nip": [nip(1)], "period": [PERIOD], "results": ["above"], "behaviour": ["above"]}
        )
        tables["appraisals"]["jam"] = 152.5
        assert self.run(tables, "jam * 2") == [305]

    @pytest.mark.filterwarnings("ignore")
    def test_extra_columns_of_units(self) -> None:
        """Read by name, from the employee's unit (or the nearest above it with a value)."""
        tables = self.tables()
        tables["units"]["skor"] = 5
        assert self.run(tables, "skor * 2") == [10]

    @pytest.mark.filterwarnings("ignore")
    def test_columns_of_other_tables(self) -> None:
        """Not read: the formula names no column (docs/data-contract.md says so too)."""
        with pytest.raises(CalculationError, match="nama 'sanksi' bukan kolom") as err:
            self.run(self.tables(), "sanksi")
        assert "name 'sanksi' is not a column" in err.value.message("en")

    def test_decimal_attendance_code(self) -> None:
        """A per-month measure as an attendance code is a whole count: 152.5 is refused."""
        tables = self.tables()
        tables["attendance"]["jam"] = 152.5
        ds = tukin.Dataset.from_frames(**tables)
        assert "not_an_integer" in set(ds.report.to_frame()["code"])


class TestClaims:
    """Statements of docs/rule-file.md about loading and formulas."""

    def load(self, text: str) -> Any:
        return tukin.load_ruleset(text)

    def codes(self, text: str) -> list[str]:
        with pytest.raises(RuleSetError) as info:
            self.load(text)
        return [p.code for p in info.value.problems]

    def test_each_earlier_value_needs_its_to(self) -> None:
        """Two open-ended values overlap; closing the first with 'to' loads."""
        head = "name: x\nparameters:\n  r:\n    values:\n"
        tail = "steps:\n  - {id: a, type: formula, expr: r}\n"
        both_open = "      - {from: 2024-01-01, value: 1}\n      - {from: 2025-01-01, value: 2}\n"
        assert self.codes(head + both_open + tail) == ["overlapping_dates"]
        closed = both_open.replace("value: 1", "to: 2024-12-31, value: 1")
        assert len(self.load(head + closed + tail).parameters["r"].values) == 2

    def test_parameter_shapes(self) -> None:
        """A plain value, a table written as a mapping, and the full form."""
        text = page()
        block = re.search(r"```yaml\n(parameters:\n  kinerja_share.*?)```", text, re.S)
        assert block is not None
        rs = self.load(
            "name: x\n" + block.group(1) + "steps:\n  - {id: a, type: formula, expr: '1'}\n"
        )
        assert rs.parameters["kinerja_share"].values[0].value == "60%"
        assert set(rs.parameters["skp_ratio"].values[0].value) == {"Baik", "Kurang"}
        assert [v.start for v in rs.parameters["base_tpp"].values] == [
            pd.Timestamp("2024-01-01").date(),
            pd.Timestamp("2025-01-01").date(),
        ]

    @pytest.mark.parametrize(
        "expr",
        ["3", "0.6", "1_500_000", "1e3", "10 <= grade < 13", "grade > 6 and tk == 0",
         'not (status == "cpns")', "-x + (y - 1) / 2", 'if_(status == "cpns", 1, 0)'],
    )  # fmt: skip
    def test_formula_accepts(self, expr: str) -> None:
        parse_formula(expr)

    @pytest.mark.parametrize(
        ("expr", "said"),
        [("2 ** 3", "'**' is not allowed"), ("x.y", "'. (x.y)'"), ("x[0]", "'[ ] (x[0])'"),
         ("7 % 2", "'%'"), ("round(x)", "call of round"), ("min(a=1, b=2)", "takes 2"),
         ("(1", "'(' was never closed (column 1)"), ("True + 1", "'True' is not allowed"),
         ("x" + " + x" * 700, "longer than 2000")],
    )  # fmt: skip
    def test_formula_refuses(self, expr: str, said: str) -> None:
        with pytest.raises(ValueError, match=re.escape(said)):
            parse_formula(expr)

    @pytest.mark.filterwarnings("ignore")
    def test_formula_refusals_in_indonesian(self) -> None:
        """A rule file's author reading Indonesian is told what is wrong in Indonesian
        (the formula's errors were English only: review 37)."""
        for expr, said in [("2 ** 3", "'**' tidak diizinkan dalam formula"),
                           ("(1", "formula tidak dapat dibaca: '(' tidak pernah ditutup"),
                           ("min(1)", "min() menerima 2 argumen"),
                           ("x" + " + x" * 700, "formula lebih dari 2000 karakter"),
                           ("os.system(1)", "panggilan sebuah ekspresi")]:  # fmt: skip
            with pytest.raises(PydanticCustomError) as err:
                parse_formula(expr)
            assert said in err.value.context["message_id"], (expr, err.value.context)
        rules = "name: t\nsteps:\n  - {id: tpp, type: formula, expr: '2 ** 3'}\n"
        with pytest.raises(tukin.TukinError) as caught:
            tukin.load_ruleset(rules)
        assert "'**' tidak diizinkan" in caught.value.message("id")
        assert "'**' is not allowed" in caught.value.message("en")

    def test_a_dollar_in_a_formula_names_the_parameter_to_write(self) -> None:
        """``kelangkaan_dasar * $langka`` (a step key's way of naming a parameter) was
        "formula does not parse: invalid syntax (column 20)" (review 46): the docs say a
        formula names a parameter without ``$``, and the error now says so too."""
        with pytest.raises(PydanticCustomError) as err:
            parse_formula("kelangkaan_dasar * $langka")
        said = err.value.context
        assert "write 'langka', not '$langka'" in said["message"]
        assert "tulis 'langka', bukan '$langka'" in said["message_id"]

    def test_formula_numbers_are_exact(self) -> None:
        """0.1 + 0.2 == 0.3 holds in a formula."""
        emp = [{"nip": nip(1), "position_id": "P6A", "status": "pns"}]
        ds = make_dataset(emp)
        rules = self.load(
            "name: t\nsteps:\n  - {id: a, type: formula, expr: '0.1 + 0.2 == 0.3'}\n"
            "  - {id: tpp, type: formula, expr: rupiah(0)}\n"
        )
        assert tukin.calculate(ds, rules, PERIOD).to_frame()["a"].tolist() == [True]


class TestPluginDoc:
    """docs/rule-authoring.md shows the test plug-in's own entry points."""

    def test_entry_points_as_shipped(self) -> None:
        text = (ROOT / "docs" / "rule-authoring.md").read_text(encoding="utf-8")
        block = re.search(r"```toml\n(.*?)```", text, re.S)
        assert block is not None
        shown = tomllib.loads(block.group(1))["project"]["entry-points"]["tukin.rules"]
        pyproject = (ROOT / "tests" / "plugin_pkg" / "pyproject.toml").read_text()
        assert shown == tomllib.loads(pyproject)["project"]["entry-points"]["tukin.rules"]
