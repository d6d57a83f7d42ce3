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
from typing import Any

import pandas as pd
import pytest

import tukin
from tukin import golden, plots
from tukin.cli import main as tukin_main
from tukin.errors import MissingParameterError, Problem
from tukin.monitoring import monitoring_report
from tukin.validation import ValidationReport

ROOT = Path(__file__).resolve().parent.parent

#: public functions whose ``lang`` keeps a default of its own, and why
KEEPS_ITS_DEFAULT = {
    # the pieces an error or a warning is made of: asked in the language the caller wants
    "tukin.errors.render",
    "tukin.errors.InputWarning.__init__",
    # the CLI reference page: English unless --lang id, so that the documented command
    # (python -m tukin._clidoc > docs/cli.md) writes the same page on every machine
    "tukin._clidoc.cli_markdown",
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
        """A language tukin does not speak is an ArgumentError (still a ValueError) naming it
        and the choices, in both languages."""
        with pytest.raises(tukin.ArgumentError, match=r"'fr' bukan bahasa.*'id'.*'en'") as info:
            tukin.set_language("fr")
        assert isinstance(info.value, ValueError) and info.value.code == "invalid_language"
        assert "'fr' is not a language" in info.value.message("en")
        assert tukin.get_language() == "id"

    def test_unknown_explicit_lang_refused(self) -> None:
        """An explicit lang tukin does not speak is refused too, not read as another."""
        with pytest.raises(tukin.ArgumentError, match="'de' bukan bahasa"):
            ValidationReport().describe("de")  # type: ignore[arg-type]

    @pytest.mark.parametrize(
        "call",
        [
            lambda r: r.totals(lang="fr"),
            lambda r: r.explain(str(r.to_frame()["nip"].iloc[0]), lang="fr"),
            lambda r: r.explain("000000000000000000", lang="fr"),
            lambda r: tukin.language("fr").__enter__(),
            lambda r: tukin.Dataset.from_frames(lang="fr"),  # type: ignore[call-overload]
            lambda r: tukin.TukinError("x").message("fr"),  # type: ignore[arg-type]
        ],
        ids=["totals", "explain", "explain_unknown_nip", "language", "from_frames", "message"],
    )
    def test_every_lang_refuses_the_same_way(self, call: Any) -> None:
        """Every lang= of the public API refuses a language tukin does not speak alike
        (totals() used to accept it, as long as it had no row to name in it)."""
        with pytest.raises(tukin.ArgumentError) as info:
            call(demo_result())
        assert info.value.code == "invalid_language"


class TestEveryLangFollowsTheSetting:
    """Every user-facing ``lang`` defaults to None, meaning the setting."""

    def test_only_the_listed_exceptions_keep_a_default(self) -> None:
        """A new function with lang="en" (or "id") as default fails here."""
        own = {name for name, default in lang_defaults().items() if default is not None}
        assert own == KEEPS_ITS_DEFAULT

    def test_problems_follow_the_setting(self) -> None:
        """A Problem, a RuleProblem and a warning asked without ``lang``: a Problem or a
        RuleProblem in the language in force (they spoke English whatever the setting, unlike
        every other ``lang=``); a warning in the language it was issued in, as an error."""
        from tukin.errors import InputWarning, RuleProblem

        problem = Problem("units", "required_value", 2, "name")
        rule = RuleProblem("x", "a mistake", "sebuah kesalahan", "r.yaml", 3, "steps")
        warning = InputWarning("lookup_default", "en", value=1, step="s")
        assert "nilai wajib diisi" in problem.message() and "baris 2" in problem.where()
        assert problem.to_dict()["location"] == "tabel units, baris 2, kolom name"
        assert "sebuah kesalahan" in rule.describe() and rule.to_dict()["message"] == rule.message()
        assert warning.message() == warning.message("en")
        with tukin.language("en"):
            assert "a value is required" in problem.describe()
            assert rule.message() == "a mistake"
            assert warning.message() == warning.message("en")
        assert problem.message("en") == "a value is required"
        with pytest.raises(tukin.ArgumentError):
            problem.message("fr")  # type: ignore[arg-type]

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

    def test_a_datasets_report_speaks_the_datasets_language(self, tmp_path: Path) -> None:
        """Read with lang="en", the report's describe() gave Indonesian messages beside the
        English locations the reader wrote (review 52). A report speaks its Dataset's
        language (:attr:`tukin.Dataset.lang`): the one it was built or read with, else the
        setting of the moment; an explicit lang still wins."""
        folder = tmp_path / "csv"
        folder.mkdir()
        (folder / "units.csv").write_text("unit_id;name\nU1;\n", encoding="utf-8")
        english = tukin.io.read_csv_folder(folder, lang="en")
        assert tukin.get_language() == "id"
        text = english.report.describe()
        assert "file units.csv, row 2" in text and "a value is required" in text, text
        assert "a value is required" in str(english.report)
        assert english.report.to_frame()["message"].iloc[0] == "a value is required"
        assert "nilai wajib diisi" in english.report.describe("id")
        frames = tukin.demo.generate(5, seed=1)
        frames["employees"].loc[0, "nip"] = "123"
        fixed = tukin.Dataset.from_frames(**frames, lang="en")
        free = tukin.Dataset.from_frames(**frames)
        assert "is not 18 digits" in fixed.report.describe()
        assert "bukan 18 digit" in free.report.describe()
        tukin.set_language("en")
        assert "is not 18 digits" in free.report.describe()

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
        with (
            pd.ExcelFile(tmp_path / "id.xlsx") as id_book,
            pd.ExcelFile(tmp_path / "en.xlsx") as en_book,
        ):
            id_sheets, en_sheets = id_book.sheet_names, en_book.sheet_names
        assert id_sheets != en_sheets and len(id_sheets) == len(en_sheets)


class TestErrorsFollowOneRule:
    """str(error): the language in force when it was raised, unless the raiser named one;
    error.message("en") / ("id"): either, for every error."""

    def test_str_is_the_language_when_raised(self) -> None:
        """Raised under Indonesian it reads Indonesian, under English English, even after
        the setting changed; message() in either language on demand."""
        err = MissingParameterError(value="base", detail="2025-01-01")
        assert str(err) == err.message("id") and err.lang == "id"
        assert "base" in err.message("en") and err.message("id") != err.message("en")
        tukin.set_language("en")
        assert str(err) == err.message("id")  # what it was raised with
        assert str(MissingParameterError(value="base")) == MissingParameterError(
            value="base"
        ).message("en")

    def test_an_explicit_lang_wins(self) -> None:
        """An error raised with lang= speaks it whatever the setting."""
        assert MissingParameterError(value="base", lang="en").lang == "en"

    def test_raised_in_a_language_block(self) -> None:
        """An error raised inside ``with tukin.language("en")`` reads English wherever it is
        logged later."""
        with pytest.raises(tukin.PeriodError) as info, tukin.language("en"):
            tukin.Period.parse("2025-13")
        assert (
            str(info.value) == "'2025-13' is not a period (use 2025-10, 2025-Q3, 2025-C1 or 2025)"
        )

    @pytest.mark.parametrize("kind", ["period", "ruleset", "calculation", "dataset", "argument"])
    def test_every_error_in_both_languages(self, kind: str) -> None:
        """Each kind of error gives an English and a different Indonesian message, and str()
        is the session's (review 25: PeriodError and RuleSetError spoke English, a strict
        Dataset's error ignored the language asked)."""
        err = _raise(kind)
        en, id_ = err.message("en"), err.message("id")
        assert en != id_ and str(err) == id_
        assert err.to_dict("en")["message"] == en and err.to_dict()["message"] == id_

    def test_strict_dataset_error_in_both_languages(self) -> None:
        """A strict Dataset built in Indonesian still gives its problems in English."""
        err = _raise("dataset")
        assert isinstance(err, tukin.DatasetValidationError)
        assert err.message("en").startswith("1 problem(s) in the input")
        assert err.message("id").startswith("1 masalah pada data masukan")
        assert "invalid_nip" in err.message("en")

    def test_location_the_same_way_on_every_error(self) -> None:
        """error.problems and error.to_dict()["problems"]: a strict Dataset's problems with
        table, row, column; a rule file's with file and line; none for the others."""
        data = _raise("dataset")
        assert [(p.table, p.row, p.column) for p in data.problems] == [("employees", 0, "nip")]
        located = data.to_dict("en")["problems"][0]
        assert (located["table"], located["row"], located["column"]) == ("employees", 0, "nip")
        assert located["location"] == "table employees, row 0, column nip"
        rules = _raise("ruleset")
        assert rules.to_dict("en")["problems"][0]["code"] == rules.code
        assert _raise("period").problems == () and _raise("period").to_dict()["problems"] == []
        for kind in ("period", "ruleset", "calculation", "dataset", "argument"):
            assert set(_raise(kind).to_dict()) == {"code", "message", "details", "problems"}

    def test_unread_input_names_its_cells(self) -> None:
        """input_not_read (a CalculationError) lists the problems of what was not read."""
        frames = tukin.demo.generate(5, seed=1)
        ds = tukin.Dataset.from_frames(**frames)
        unread = Problem("attendance", "unknown_header", column="Tanggal Selesa")
        object.__setattr__(ds.report, "problems", [*ds.report.problems, unread])
        with pytest.raises(tukin.CalculationError) as info:
            tukin.calculate(ds, tukin.load_ruleset("tpp-60-40"), "2025-10")
        assert info.value.code == "input_not_read"
        assert [p.column for p in info.value.problems] == ["Tanggal Selesa"]
        assert info.value.message("en") != info.value.message("id")

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

    def test_a_warning_rebuilt_from_its_text_says_the_text(self) -> None:
        """pytest-xdist sends a warning to the controller as its class and text and rebuilds
        it as ``cls(text)``: the summary printed "InputWarning: " and nothing after it."""
        from tukin.errors import InputWarning

        said = InputWarning("unread_attendance_code", "en", value="alpa", period="2025-03")
        rebuilt = InputWarning(str(said))
        assert str(rebuilt) == str(said) and "alpa" in rebuilt.message()

    @pytest.mark.parametrize("kind", ["period", "ruleset", "calculation", "dataset", "argument"])
    def test_every_error_survives_pickling(self, kind: str) -> None:
        """Errors whose __init__ takes a report or problems, not text, pickle too."""
        import pickle

        err = _raise(kind)
        copy = pickle.loads(pickle.dumps(err))
        assert type(copy) is type(err) and copy.code == err.code
        assert (copy.message("en"), copy.message("id"), str(copy)) == (
            err.message("en"),
            err.message("id"),
            str(err),
        )


def _raise(kind: str) -> tukin.TukinError:
    """One error of each kind, raised in the suite's language (Indonesian)."""
    frames = tukin.demo.generate(5, seed=1)
    calls: dict[str, Any] = {
        "period": lambda: tukin.Period.parse("2025-13"),
        "ruleset": lambda: tukin.load_ruleset("tpp-60-40").with_parameters(nope=1),
        "calculation": lambda: tukin.calculate(
            tukin.Dataset.from_frames({k: frames[k] for k in ("units", "positions", "employees")}),
            tukin.load_ruleset("tpp-60-40"),
            "2025-10",
        ),
        "dataset": lambda: tukin.Dataset.from_frames(_bad_nip(frames), mode="strict"),
        "argument": lambda: tukin.Dataset.from_frames(employees=[1]),  # type: ignore[arg-type]
    }
    try:
        calls[kind]()
    except tukin.TukinError as err:
        return err
    raise AssertionError(f"{kind}: nothing raised")


def _bad_nip(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """The tables with one employee's NIP cut short and nobody depending on that employee."""
    employees = frames["employees"].copy()
    nip = employees.loc[0, "nip"]
    employees.loc[0, "nip"] = "123"
    out = {k: v for k, v in frames.items() if k in ("units", "positions")}
    out["employees"] = employees
    assert nip not in set(out["positions"].astype(str).stack())
    return out


class TestLanguageBlock:
    """``with tukin.language(...)``: per thread and task, on tukin's own threads too."""

    def test_block_overrides_the_session_and_restores(self) -> None:
        """Inside the block its language; blocks nest; the session's after; set_language
        inside changes the default, which the block still overrides."""
        with tukin.language("en") as lang:
            assert lang == "en" and tukin.get_language() == "en"
            with tukin.language("id"):
                assert tukin.get_language() == "id"
            assert tukin.get_language() == "en"
            tukin.set_language("en")
            tukin.set_language("id")
            assert tukin.get_language() == "en"
        assert tukin.get_language() == "id"

    def test_block_is_per_thread(self) -> None:
        """Requests on two threads, one in English and one in Indonesian, each get their own
        rejection reasons on a Dataset built without lang (review 25, d09: with
        set_language toggled by one request, another got 15 of 30 in the wrong language)."""
        import threading

        ds = tukin.Dataset.from_frames(tukin.demo.generate(200, seed=1))
        rules = tukin.load_ruleset("tpp-60-40")
        seen: dict[str, set[str]] = {"en": set(), "id": set()}
        barrier = threading.Barrier(2)

        def request(lang: str) -> None:
            with tukin.language(lang):
                barrier.wait()
                for _ in range(4):
                    result = tukin.calculate(ds, rules, "2025-10")
                    seen[lang].update(result.rejected["reason"])

        threads = [threading.Thread(target=request, args=(x,)) for x in ("en", "id")]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        assert seen["en"] == {"not in service during the period"}
        assert seen["id"] == {"tidak aktif bertugas selama periode"}
        assert tukin.get_language() == "id"

    def test_block_is_per_asyncio_task(self) -> None:
        """Two tasks of one event loop keep their own language across awaits."""
        import asyncio

        async def task(lang: str) -> list[str]:
            with tukin.language(lang):
                said = []
                for _ in range(3):
                    await asyncio.sleep(0)
                    said.append(tukin.get_language())
                return said

        async def both() -> list[list[str]]:
            return list(await asyncio.gather(task("en"), task("id")))

        assert asyncio.run(both()) == [["en"] * 3, ["id"] * 3]

    def test_helper_threads_speak_the_callers_language(
        self, monkeypatch: pytest.MonkeyPatch
    ) -> None:
        """The prepare and fingerprint threads of a large calculation (forced on here, as
        for 100k employees), the column copies and the result's fingerprint thread all run
        in the caller's ``tukin.language``, not the session's."""
        import threading

        import tukin._lookup as lookup
        import tukin.calc.engine as engine
        import tukin.result as result_module
        from tukin.dataset import Dataset

        heard: list[tuple[str, str]] = []

        def note() -> None:
            heard.append((threading.current_thread().name, tukin.get_language()))

        fingerprint, result_fingerprint = Dataset.fingerprint, result_module._fingerprint
        monkeypatch.setattr(engine, "_large", lambda ds: True)
        monkeypatch.setattr(engine, "_hooks", lambda rs, p: [(lambda *a: note(), None)])
        monkeypatch.setattr(Dataset, "fingerprint", lambda self: (note(), fingerprint(self))[1])
        monkeypatch.setattr(
            result_module, "_fingerprint", lambda *a: (note(), result_fingerprint(*a))[1]
        )
        monkeypatch.setattr(result_module, "PARALLEL_ROWS", 1)
        monkeypatch.setattr(lookup, "PARALLEL_ROWS", 1)
        monkeypatch.setattr(lookup.os, "cpu_count", lambda: 4)
        frames = tukin.demo.generate(40, seed=3)
        ds = tukin.Dataset.from_frames(frames)
        with tukin.language("en"):
            result = tukin.calculate(ds, tukin.load_ruleset("tpp-60-40"), "2025-10")
            copied = lookup.on_threads(lambda _: tukin.get_language(), [1, 2, 3, 4])
            # the result's fingerprint thread runs when the Dataset's is still to be made
            fresh = tukin.Dataset.from_frames(frames)
            result_module._digests(fresh, result.to_frame(), ["allowance", "net"])
        names = {name for name, _ in heard}
        assert {"tukin-prepare", "tukin-fingerprint"} <= names
        assert any(n.startswith("ThreadPoolExecutor") for n in names)
        assert {lang for _, lang in heard} == {"en"} and copied == ["en"] * 4


def _fresh(code: str, env: dict[str, str], import_first: bool = True) -> str:
    """stdout of ``code`` in a new interpreter (TUKIN_LANG is read at import)."""
    env = {**env, "PYTHONPATH": os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])}
    src = ("import tukin\n" if import_first else "") + code
    out = subprocess.run(
        [sys.executable, "-c", src], env=env, capture_output=True, text=True, check=True
    )
    return out.stdout.strip()


def test_a_lang_argument_decides_the_language_of_the_calls_errors() -> None:
    """In an Indonesian session, a call given lang="en" raises in English: the argument wins
    for the whole call, errors included (review 27 d05). (A calculation speaks the session's
    language, as its rejection reasons do, whatever the Dataset was built with.)"""
    import pytest

    import tukin
    from tukin.demo import generate

    ds = tukin.Dataset.from_frames(generate(30), lang="en")
    rules = tukin.load_ruleset("tpp-60-40")
    result = tukin.calculate(ds, rules, "2025-10")
    with tukin.language("id"):
        calls = [
            lambda: result.explain("123", lang="en"),
            lambda: result.totals(by="kelas", lang="en"),
            lambda: tukin.read_dataset("tidak-ada.xlsx", lang="en"),
        ]
        for call in calls:
            with pytest.raises(tukin.TukinError) as err:
                call()
            assert str(err.value) == err.value.message("en"), str(err.value)
        with pytest.raises(tukin.TukinError) as err:
            result.explain("123")
        assert str(err.value) == err.value.message("id")
