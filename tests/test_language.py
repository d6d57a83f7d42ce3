"""Tests for the language setting: tukin.set_language / get_language / TUKIN_LANG."""

from __future__ import annotations

import importlib
import inspect
import os
import pkgutil
import subprocess
import sys
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

import tukin
from tukin import golden, plots
from tukin.cli import main as tukin_main
from tukin.errors import MissingParameterError, Problem, RuleSetError
from tukin.monitoring import monitoring_report
from tukin.validation import ValidationReport

ROOT = Path(__file__).resolve().parent.parent

#: public functions whose ``lang`` keeps a default of its own, and why
KEEPS_ITS_DEFAULT = {
    # error objects: what is logged and branched on must not follow a person's preference
    "tukin.errors.render",
    "tukin.errors.TukinError.__init__",
    "tukin.errors.InputWarning.__init__",
    "tukin.errors.InputWarning.message",
    "tukin.errors.Problem.message",
    "tukin.errors.Problem.where",
    "tukin.errors.Problem.describe",
    "tukin.errors.Problem.to_dict",
    "tukin.errors.DatasetValidationError.__init__",
    "tukin.errors.RuleProblem.message",
    "tukin.errors.RuleProblem.describe",
    "tukin.errors.RuleSetError.__init__",
    "tukin.validation.DetailedProblem.message",
}


def lang_defaults() -> dict[str, object]:
    """Every public function or method of tukin with a ``lang`` parameter -> its default."""
    found: dict[str, object] = {}
    for info in pkgutil.walk_packages(tukin.__path__, "tukin."):
        module = importlib.import_module(info.name)
        for name, obj in vars(module).items():
            if name.startswith("_") or getattr(obj, "__module__", None) != module.__name__:
                continue
            members = [(name, obj)] if inspect.isfunction(obj) else []
            if inspect.isclass(obj):
                for attr, value in vars(obj).items():
                    func = getattr(value, "__func__", value)
                    if inspect.isfunction(func) and (
                        not attr.startswith("_") or attr == "__init__"
                    ):
                        members.append((f"{name}.{attr}", func))
            for qualname, func in members:
                param = inspect.signature(func).parameters.get("lang")
                if param is not None and param.default is not inspect.Parameter.empty:
                    found[f"{module.__name__}.{qualname}"] = param.default
    return found


@cache
def demo_result() -> tukin.Result:
    ds = tukin.Dataset.from_frames(**tukin.demo.generate(40, seed=7))
    return tukin.calculate(ds, tukin.load_ruleset("tpp-60-40"), "2025-10")


class TestSetting:
    """set_language / get_language."""

    def test_default_is_indonesian(self) -> None:
        """Without TUKIN_LANG, a fresh interpreter speaks Indonesian."""
        env = {k: v for k, v in os.environ.items() if k != "TUKIN_LANG"}
        assert _fresh("print(tukin.get_language())", env) == "id"

    @pytest.mark.parametrize(("value", "expected"), [("en", "en"), (" EN ", "en"), ("id", "id")])
    def test_environment_variable(self, value: str, expected: str) -> None:
        """TUKIN_LANG is read at import, case and blanks aside."""
        assert (
            _fresh("print(tukin.get_language())", {**os.environ, "TUKIN_LANG": value}) == expected
        )

    def test_bad_environment_variable_warns_and_keeps_indonesian(self) -> None:
        """A typo in TUKIN_LANG does not stop the import: a warning naming it, then 'id'."""
        code = (
            "import warnings\n"
            "with warnings.catch_warnings(record=True) as w:\n"
            "    warnings.simplefilter('always')\n"
            "    import tukin\n"
            "print(tukin.get_language(), '|', *[str(x.message) for x in w])"
        )
        out = _fresh(code, {**os.environ, "TUKIN_LANG": "english"}, import_first=False)
        assert out.startswith("id | TUKIN_LANG: 'english' is not a language tukin speaks")

    def test_set_returns_the_previous(self) -> None:
        """set_language returns what was in force, so it can be put back."""
        assert tukin.set_language("en") == "id"
        assert tukin.get_language() == "en"
        assert tukin.set_language("id") == "en"

    def test_unknown_language_refused(self) -> None:
        """A language tukin does not speak is a ValueError naming it and the choices."""
        with pytest.raises(ValueError, match=r"'fr' is not a language.*'id'.*'en'"):
            tukin.set_language("fr")
        assert tukin.get_language() == "id"

    def test_unknown_explicit_lang_refused(self) -> None:
        """An explicit lang tukin does not speak is refused too, not read as another."""
        with pytest.raises(ValueError, match="'de' is not a language"):
            ValidationReport().describe("de")  # type: ignore[arg-type]


class TestEveryLangFollowsTheSetting:
    """Every user-facing ``lang`` defaults to None, meaning the setting."""

    def test_only_the_listed_exceptions_keep_a_default(self) -> None:
        """A new function with lang="en" (or "id") as default fails here."""
        own = {name for name, default in lang_defaults().items() if default is not None}
        assert own == KEEPS_ITS_DEFAULT

    def test_validation_report(self) -> None:
        """describe() and str() follow the setting; an explicit lang wins."""
        report = ValidationReport([Problem("units", "required_value", 2, "name")])
        assert "nilai wajib diisi" in str(report)
        tukin.set_language("en")
        assert "a value is required" in str(report)
        assert report.to_frame()["message"].tolist() == ["a value is required"]
        assert "nilai wajib diisi" in report.describe("id")

    def test_dataset_follows_the_setting_unless_given(self) -> None:
        """A dataset built without lang speaks the setting of the moment; with lang, its own."""
        frames = tukin.demo.generate(5, seed=1)
        free = tukin.Dataset.from_frames(**frames)
        fixed = tukin.Dataset.from_frames(**frames, lang="id")
        tukin.set_language("en")
        assert (free.lang, fixed.lang) == ("en", "id")

    def test_strict_dataset_error_in_the_setting(self) -> None:
        """The list of problems of a strict dataset is in the setting's language."""
        frames = tukin.demo.generate(5, seed=1)
        frames["employees"].loc[0, "nip"] = "123"
        tukin.set_language("en")
        with pytest.raises(tukin.DatasetValidationError) as info:
            tukin.Dataset.from_frames(**frames, mode="strict")
        assert "problem(s) in the input" in str(info.value)

    def test_money(self) -> None:
        """format_rupiah and Money.format follow the setting."""
        assert tukin.format_rupiah(1_234_567) == "Rp1.234.567"
        tukin.set_language("en")
        assert tukin.format_rupiah(1_234_567) == "Rp1,234,567"
        assert str(tukin.Money(1500)) == "Rp1,500"
        assert tukin.format_rupiah(1_234_567, lang="id") == "Rp1.234.567"

    def test_explanation_amounts_stay_indonesian(self) -> None:
        """An explanation prints amounts as Rp8.610.222 whatever the setting."""
        result = demo_result()
        nip = str(result.to_frame()["nip"].iloc[0])
        tukin.set_language("en")
        text = str(result.explain(nip, lang="en"))
        assert f"Allowance: {tukin.format_rupiah(result.explain(nip).allowance, lang='id')}" in text

    def test_plots(self) -> None:
        """Plot labels follow the setting."""
        result = demo_result()
        assert "pegawai dibayar" in plots.plot_summary(result).get_suptitle()
        tukin.set_language("en")
        assert "employees paid" in plots.plot_summary(result).get_suptitle()

    def test_monitoring(self) -> None:
        """Monitoring flags follow the setting."""
        ds = tukin.Dataset.from_frames(**tukin.demo.generate(60, seed=3))
        indonesian = monitoring_report(ds, "2025-Q3", "opd")["flags"]
        tukin.set_language("en")
        english = monitoring_report(ds, "2025-Q3", "opd")["flags"]
        assert indonesian.str.contains("poin|indikator|belum").any()
        assert english.str.contains("points|indicators|without").any()
        assert not english.str.contains("indikator").any()

    def test_step_title(self) -> None:
        """A step's label is the English one when the setting is English."""
        step = tukin.load_ruleset("tpp-60-40").steps[0]
        assert step.label_en and step.title() == step.label
        tukin.set_language("en")
        assert step.title() == step.label_en

    def test_golden_runner(self, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
        """tukin test's summary follows the setting."""
        assert golden.run_cli([golden.case_files()[0]]) == 0
        assert " lulus, " in capsys.readouterr().out
        tukin.set_language("en")
        assert golden.run_cli([golden.case_files()[0]]) == 0
        assert " passed, " in capsys.readouterr().out

    def test_cli_default(self, capsys: pytest.CaptureFixture[str]) -> None:
        """Without --lang the CLI speaks the setting; --lang wins."""
        tukin.set_language("en")
        assert tukin_main(["validate"]) == 0
        assert capsys.readouterr().out.startswith("Data valid.\n")
        assert tukin_main(["validate", "--lang", "id"]) == 0
        assert "tidak ada masalah" in capsys.readouterr().out

    def test_excel_workbook(self, tmp_path: Path) -> None:
        """Result workbooks follow the setting: sheet names in the session's language."""
        result = demo_result()
        tukin.write_result(result, tmp_path / "id.xlsx")
        tukin.set_language("en")
        tukin.write_result(result, tmp_path / "en.xlsx")
        id_sheets = pd.ExcelFile(tmp_path / "id.xlsx").sheet_names
        en_sheets = pd.ExcelFile(tmp_path / "en.xlsx").sheet_names
        assert id_sheets != en_sheets and len(id_sheets) == len(en_sheets)


class TestErrorsKeepTheirLanguage:
    """Errors do not follow the setting: logs and other systems read them."""

    def test_str_of_an_error_stays_english(self) -> None:
        """str(error) is English under an Indonesian setting; message('id') is Indonesian."""
        tukin.set_language("id")
        err = MissingParameterError(value="base", detail="2025-01-01")
        assert "base" in str(err) and str(err) == err.message("en")
        assert err.message("id") != err.message("en")

    def test_errors_and_warnings_survive_pickling(self) -> None:
        """They cross processes pickled (a Dask worker, pytest-xdist): same code, fields,
        language and text on the other side."""
        import pickle

        from tukin.errors import CalculationError, InputWarning

        for obj in (
            InputWarning(
                "unread_attendance_code", "en", value="alpa", period="2025-03", ruleset="r"
            ),
            InputWarning(
                "unread_attendance_code", "id", value="alpa", period="2025-03", ruleset="r"
            ),
            CalculationError(code="partition_not_self_contained", detail="table 'positions'"),
        ):
            copy = pickle.loads(pickle.dumps(obj))
            assert type(copy) is type(obj)
            assert (copy.code, copy.fields, str(copy)) == (obj.code, obj.fields, str(obj))
            assert "alpa" in str(copy) or "positions" in str(copy)

    def test_rule_set_error_stays_english(self) -> None:
        """A RuleSetError raised under an Indonesian setting reads in English by default."""
        with pytest.raises(RuleSetError) as info:
            tukin.load_ruleset("tpp-60-40").with_parameters(nope=1)
        assert "has no parameter 'nope'" in str(info.value)


def _fresh(code: str, env: dict[str, str], import_first: bool = True) -> str:
    """stdout of ``code`` in a new interpreter (TUKIN_LANG is read at import)."""
    env = {**env, "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])}
    src = ("import tukin\n" if import_first else "") + code
    out = subprocess.run(
        [sys.executable, "-c", src], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()
