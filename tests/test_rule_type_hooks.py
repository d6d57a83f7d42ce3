"""A rule type's own code that runs while a rule file is checked (a plug-in's parameter
validators, its ``PerEmployee.when``, the import of its entry point) and raises is reported
as a problem of the rule file's check (``rule_type_failed``) naming the step, the rule type,
where it is defined, the file and line, and what the code raised, in both languages; not a
bare traceback through the loader (review 125)."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict, field_validator

from tests.test_position_history import RULES
from tukin.errors import RuleProblem, RuleSetError
from tukin.rules import PerEmployee, registry, rule
from tukin.ruleset.load import load_ruleset

NAME = "test_hooks_125"


class Params(BaseModel):
    model_config = ConfigDict(extra="forbid")
    rate: int = 1
    flat: bool = False

    @field_validator("rate")
    @classmethod
    def _known(cls, v: int) -> int:
        if v < 0:
            raise ValueError("rate cannot be negative")  # a refusal: the file's mistake
        return {1: 1, 2: 2}[v]  # a bug: KeyError for any other value


def _when(params: Any, ruleset: Any) -> bool:
    return bool(params["flat"])  # a bug: KeyError when the step has no 'flat'


@pytest.fixture
def plugin() -> Iterator[str]:
    @rule(NAME, params=Params, per_employee=PerEmployee("adds", "menambah", when=_when))
    def compute(ctx, p):  # type: ignore[no-untyped-def]
        return ctx.const(0)

    yield NAME
    registry._REGISTRY.pop(NAME, None)


def rules_with(step: str) -> str:
    """RULES with ``step`` before the sum_at step (``for_days``)."""
    return RULES.replace("  - {id: for_days,", f"  - {step}\n  - {{id: for_days,")


def problems(text: str, tmp_path: Path) -> tuple[list[RuleProblem], Path, int]:
    path = tmp_path / "aturan.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleSetError) as caught:
        load_ruleset(path)
    line = next(i for i, t in enumerate(text.splitlines(), 1) if "id: extra," in t)
    return list(caught.value.problems), path, line


class TestHooks:
    def test_a_when_that_raises_is_named(self, plugin: str, tmp_path: Path) -> None:
        found, path, line = problems(rules_with(f"{{id: extra, type: {plugin}}}"), tmp_path)
        assert [p.code for p in found] == ["rule_type_failed"]
        p = found[0]
        assert (p.file, p.line, p.key) == (str(path), line, "steps.3.type")
        for text in (p.message_en, p.message("id")):
            assert f"'extra' ({plugin})" in text
            assert "PerEmployee.when" in text and "KeyError: 'flat'" in text
            assert __name__ in text  # where the rule type is defined

    def test_a_when_that_answers_still_decides(self, plugin: str, tmp_path: Path) -> None:
        load_ruleset(rules_with(f"{{id: extra, type: {plugin}, flat: false}}"))
        found, _, _ = problems(rules_with(f"{{id: extra, type: {plugin}, flat: true}}"), tmp_path)
        assert [p.code for p in found] == ["ruleset_invalid"]
        assert "whole monthly amount" in found[0].message_en

    def test_a_validator_that_raises_is_named(self, plugin: str, tmp_path: Path) -> None:
        found, path, line = problems(
            rules_with(f"{{id: extra, type: {plugin}, rate: 3, flat: false}}"), tmp_path
        )
        assert [p.code for p in found] == ["rule_type_failed"]
        p = found[0]
        assert (p.file, p.line) == (str(path), line)
        for text in (p.message_en, p.message("id")):
            assert f"'extra' ({plugin})" in text and "KeyError: 3" in text

    def test_a_validator_that_raises_on_one_dated_value_names_its_day(
        self, plugin: str, tmp_path: Path
    ) -> None:
        text = rules_with(f"{{id: extra, type: {plugin}, rate: $r, flat: false}}").replace(
            "  share: {",
            "  r: {values: [{from: 2025-01-01, to: 2025-05-31, value: 1}, "
            "{from: 2025-06-01, value: 7}]}\n  share: {",
        )
        found, _, _ = problems(text, tmp_path)
        assert "KeyError: 7 (values in force on 2025-06-01)" in found[0].message_en

    def test_a_validator_refusing_with_value_error_is_the_file_mistake(
        self, plugin: str, tmp_path: Path
    ) -> None:
        found, _, _ = problems(
            rules_with(f"{{id: extra, type: {plugin}, rate: -1, flat: false}}"), tmp_path
        )
        assert [p.code for p in found] == ["ruleset_invalid"]
        assert "rate cannot be negative" in found[0].message_en


def _install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, modules: dict[str, str]) -> None:
    """Modules as an installed package whose entry points (one per module) are in the group
    tukin.rules."""
    for name, source in modules.items():
        (tmp_path / f"{name}.py").write_text(source)
    info = tmp_path / "tukin_plugin_broken-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: tukin-plugin-broken\nVersion: 1.0\n"
    )
    eps = "".join(f"{name} = {name}\n" for name in modules)
    (info / "entry_points.txt").write_text("[tukin.rules]\n" + eps)
    monkeypatch.syspath_prepend(str(tmp_path))


GOOD = (
    "from tukin.rules import rule\n\n@rule('t125_good')\n"
    "def good(ctx, p):\n    return ctx.const(7)\n"
)
BROKEN = "import tukin\nCAP = {}['cap']\n"


class TestEntryPoints:
    @pytest.fixture(autouse=True)
    def _clean(self) -> Iterator[None]:
        registry._plugins_loaded = False  # as in a new process: entry points read on first use
        yield
        registry._REGISTRY.pop("t125_good", None)
        for mod in ("t125_good_mod", "t125_broken_mod"):
            sys.modules.pop(mod, None)
        registry._plugins_loaded = False

    def test_a_plugin_that_fails_to_import_is_named_at_the_step(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        _install(tmp_path, monkeypatch, {"t125_broken_mod": BROKEN})
        text = "name: x\nsteps:\n  - {id: a, type: t125_broken}\n"
        path = tmp_path / "aturan.yaml"
        path.write_text(text)
        with pytest.raises(RuleSetError) as caught:
            load_ruleset(path)
        p = caught.value.problems[0]
        assert (p.code, p.file, p.line) == ("rule_type_failed", str(path), 3)
        for text in (p.message_en, p.message("id")):
            assert "'t125_broken'" in text and "'t125_broken_mod'" in text
            assert "KeyError: 'cap'" in text

    def test_the_other_plugins_still_load(
        self, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """A broken plug-in does not hide a good one; load_plugins names the broken one."""
        _install(tmp_path, monkeypatch, {"t125_broken_mod": BROKEN, "t125_good_mod": GOOD})
        load_ruleset("name: x\nsteps:\n  - {id: a, type: t125_good}\n")
        with pytest.raises(RuleSetError) as caught:
            registry.load_plugins(force=True)
        assert [p.code for p in caught.value.problems] == ["rule_type_failed"]
        assert "'t125_broken_mod'" in caught.value.problems[0].message_en
        assert not registry._plugins_loaded  # tried again next time, not hidden
