"""Tests for tukin.rules.registry: rule types from Python and from installed plug-ins."""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict

import tukin
from tests.strategies import make_dataset, nip
from tukin.calc.engine import calculate
from tukin.errors import RuleSetError, UnknownRuleTypeError
from tukin.rules import StepContext, registry, rule
from tukin.ruleset.load import load_ruleset
from tukin.ruleset.types import ColumnName, Exact


@pytest.fixture(autouse=True)
def _errors_in_english() -> Iterator[None]:
    """These tests read the English text of the rule-file errors they raise: ``str(error)``
    is in the language in force when it is raised (the suite's is Indonesian)."""
    with tukin.language("en"):
        yield


PLUGIN = Path(__file__).parent / "plugin_pkg"
PERIOD = "2025-10"


def dataset() -> Any:
    employees = [
        {"nip": nip(1), "position_id": "P6A", "status": "pns"},
        {"nip": nip(2), "position_id": "P12B", "status": "pns"},
    ]
    return make_dataset(employees, [{"nip": nip(i), "period": PERIOD, "tk": 0} for i in (1, 2)])


BASE = "  - {id: dasar, type: lookup, key: grade, table: {6: 1000001, 12: 3000000}, unit: rupiah}\n"


@pytest.fixture
def forget() -> Iterator[list[str]]:
    """Names registered during a test are removed afterwards (the registry is global)."""
    names: list[str] = []
    yield names
    for name in names:
        registry._REGISTRY.pop(name, None)


@pytest.fixture
def installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, forget: list[str]) -> Iterator[Path]:
    """The plug-in package as if pip-installed: a dist-info with its entry points on sys.path."""
    project = tomllib.loads((PLUGIN / "pyproject.toml").read_text())["project"]
    eps = project["entry-points"]["tukin.rules"]
    info = tmp_path / "tukin_plugin_demo-0.1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {project['name']}\nVersion: {project['version']}\n"
    )
    (info / "entry_points.txt").write_text(
        "[tukin.rules]\n" + "".join(f"{k} = {v}\n" for k, v in eps.items())
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.syspath_prepend(str(PLUGIN / "src"))
    forget.extend(eps)
    yield tmp_path
    for mod in [m for m in sys.modules if m.startswith("tukin_plugin_demo")]:
        del sys.modules[mod]


class TestPlugins:
    """A package exposing entry points in the group tukin.rules is discovered."""

    def test_discovered(self, installed: Path) -> None:
        """load_plugins imports both entry points and registers their rule types."""
        loaded = registry.load_plugins(force=True)
        assert {"demo_bonus", "demo_double"} <= set(loaded)
        bonus = registry.get("demo_bonus")
        assert bonus.origin == "tukin_plugin_demo"
        assert "Perbup Contoh pasal 9" in bonus.description
        assert registry.get("demo_double").compute.__name__ == "double"
        assert {"demo_bonus", "demo_double"} <= set(registry.names())

    def test_calculates(self, installed: Path) -> None:
        """A rule file using the plug-in's types loads, validates and calculates exactly."""
        registry.load_plugins(force=True)
        rs = load_ruleset(
            "name: with-plugin\nsteps:\n"
            + BASE
            + "  - {id: bonus, type: demo_bonus, base: dasar, rate: '12.5%'}\n"
            + "  - {id: dobel, type: demo_double}\n"
            + "  - {id: tpp0, type: formula, expr: bonus + dobel}\n"
            + "  - {id: tpp, type: round, input: tpp0, mode: half_even}\n"
        )
        frame = calculate(dataset(), rs, PERIOD).to_frame().set_index("nip")
        # 1,000,001 × 0.125 = 125,000.125 -> + 2,000,002 -> 2,125,002 (half even)
        assert frame.loc[nip(1), "tpp"] == 2125002
        assert frame.loc[nip(2), "tpp"] == 6375000

    def test_params_validated(self, installed: Path) -> None:
        """The plug-in's parameter model checks rule files like a built-in's."""
        registry.load_plugins(force=True)
        with pytest.raises(RuleSetError) as info:
            load_ruleset(
                "name: typo\nsteps:\n"
                + BASE
                + "  - {id: bonus, type: demo_bonus, base: dasar, rat: 1}\n"
            )
        assert "unknown parameter 'rat'" in str(info.value)
        assert "did you mean 'rate'" in str(info.value)

    def test_decorated_function_keeps_its_name(self, installed: Path, forget: list[str]) -> None:
        """An entry point naming a function its module registered with @rule under another
        name: the decorator's name and parameters stand, the entry point's name is not added
        as a second type without parameters (which would refuse the rule file's keys)."""
        (installed / "tukin_plugin_demo-0.1.0.dist-info" / "entry_points.txt").write_text(
            "[tukin.rules]\nbonus_alias = tukin_plugin_demo:bonus\n"
        )
        forget.append("bonus_alias")
        loaded = registry.load_plugins(force=True)
        assert loaded == ["bonus_alias"]
        assert "bonus_alias" not in registry.names()
        bonus = registry.get("demo_bonus")
        assert bonus.params.__name__ == "BonusParams"

    def test_found_on_first_use(self, installed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
        """An unknown name triggers plug-in discovery once, without an explicit call."""
        monkeypatch.setattr(registry, "_plugins_loaded", False)
        assert registry.get("demo_bonus").name == "demo_bonus"

    def test_not_installed(self) -> None:
        """Without the package, the type is unknown, with a suggestion when close."""
        with pytest.raises(UnknownRuleTypeError) as info:
            registry.get("formulas")
        assert "did you mean formula?" in str(info.value)
        assert "maksud Anda formula?" in info.value.problems[0].message("id")

    def test_unknown_type_says_where_plugin_types_come_from(self) -> None:
        """A plug-in's type run without the plug-in (review 21): the known types (nothing is
        close to this name), the entry-point group, and the Python way, in both languages."""
        with pytest.raises(RuleSetError) as info:
            load_ruleset("name: x\nsteps:\n  - {id: a, type: jambi_kinerja_pegawai}\n")
        (problem,) = info.value.problems
        assert problem.code == "unknown_rule_type"
        en, id_ = problem.message_en, problem.message("id")
        assert "; known types: " in en and "absence_sanction, achievement" in en
        assert "entry point in the group 'tukin.rules'" in en
        assert "imported before the rule file is loaded" in en
        assert "jenis yang dikenal: absence_sanction" in id_
        assert "grup entry point 'tukin.rules'" in id_ and "sebelum berkas aturan dimuat" in id_


class TestRuleDecorator:
    """@tukin.rules.rule registers a rule type from Python."""

    def test_register_and_use(self, forget: list[str]) -> None:
        """A rule registered in Python is usable from a rule file at once."""

        class Params(BaseModel):
            model_config = ConfigDict(frozen=True, extra="forbid")
            input: ColumnName
            share: Exact

        @rule("test_share", params=Params)
        def share(ctx: StepContext, p: Params) -> Any:
            """A share of a column."""
            return ctx.num(p.input) * p.share

        forget.append("test_share")
        assert registry.get("test_share").description == "A share of a column."
        rs = load_ruleset(
            "name: py\nsteps:\n"
            + BASE
            + "  - {id: s, type: test_share, input: dasar, share: 1/3}\n"
            + "  - {id: tpp, type: round, input: s, mode: floor}\n"
        )
        frame = calculate(dataset(), rs, PERIOD).to_frame().set_index("nip")
        assert list(frame["tpp"]) == [333333, 1000000]

    def test_no_silent_overwrite(self, forget: list[str]) -> None:
        """Registering another function under a taken name is refused, naming the owner."""

        def one(ctx: StepContext, p: Any) -> Any:
            return ctx.const(1)

        def two(ctx: StepContext, p: Any) -> Any:
            return ctx.const(2)

        rule("test_taken")(one)
        forget.append("test_taken")
        rule("test_taken")(one)  # the same function again is harmless
        with pytest.raises(ValueError, match="already registered"):
            rule("test_taken")(two)
        assert registry.get("test_taken").compute is one
        rule("test_taken", replace=True)(two)
        assert registry.get("test_taken").compute is two

    def test_builtin_protected(self) -> None:
        """A built-in rule type cannot be taken over by accident."""
        with pytest.raises(ValueError, match=r"tukin\.rules\.basic"):
            rule("formula")(lambda ctx, p: ctx.const(0))
        assert registry.get("formula").origin == "tukin.rules.basic"

    def test_plugin_cannot_take_a_builtin(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A plug-in registering a built-in's name fails loudly when discovered."""
        pkg = tmp_path / "tukin_plugin_rogue"
        pkg.mkdir()
        (pkg / "__init__.py").write_text(
            "from tukin.rules import rule\n\n@rule('round')\ndef r(ctx, p):\n    return ctx.const(0)\n"
        )
        info = tmp_path / "tukin_plugin_rogue-1.0.dist-info"
        info.mkdir()
        (info / "METADATA").write_text(
            "Metadata-Version: 2.1\nName: tukin-plugin-rogue\nVersion: 1.0\n"
        )
        (info / "entry_points.txt").write_text("[tukin.rules]\nrogue = tukin_plugin_rogue\n")
        monkeypatch.syspath_prepend(str(tmp_path))
        try:
            with pytest.raises(ValueError, match=r"'round' is already registered"):
                registry.load_plugins(force=True)
        finally:
            sys.modules.pop("tukin_plugin_rogue", None)
        assert registry.get("round").origin == "tukin.rules.basic"
