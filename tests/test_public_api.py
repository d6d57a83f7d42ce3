"""The public surface is pinned: removing or renaming a name is a breaking change."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest

import tukin

ROOT = Path(__file__).resolve().parent.parent

EXPECTED = [
    "ArgumentError",
    "ArgumentTypeError",
    "CalculationError",
    "DataError",
    "Dataset",
    "DatasetValidationError",
    "EmployeeNotFoundError",
    "Explanation",
    "Hierarchy",
    "InputFileError",
    "InputWarning",
    "MissingParameterError",
    "Money",
    "MoneyError",
    "OptionError",
    "Period",
    "PeriodError",
    "Problem",
    "Receipt",
    "Result",
    "RoundingMode",
    "RuleSet",
    "RuleSetError",
    "TukinError",
    "UnknownNameError",
    "UnknownRuleTypeError",
    "ValidationReport",
    "VerificationError",
    "VerificationReport",
    "__version__",
    "calculate",
    "check_distribution",
    "daylog",
    "demo",
    "diff_receipts",
    "format_rupiah",
    "get_language",
    "language",
    "load_ruleset",
    "monitoring_report",
    "monitoring_sheets",
    "prepare",
    "presets",
    "read_dataset",
    "read_excel",
    "read_receipt",
    "rule",
    "schema",
    "set_language",
    "verify_receipt",
    "write_result",
    "write_template",
]


class TestPublicApi:
    """tukin.__all__ and what it names."""

    def test_all_is_pinned(self) -> None:
        """The exported names are exactly the pinned list."""
        assert tukin.__all__ == EXPECTED

    def test_all_is_sorted(self) -> None:
        """__all__ is kept sorted so additions are easy to review."""
        assert tukin.__all__ == sorted(tukin.__all__)

    def test_every_name_resolves(self) -> None:
        """Every exported name exists on the package."""
        for name in tukin.__all__:
            assert hasattr(tukin, name), name

    def test_errors_subclass_builtins(self) -> None:
        """Errors subclass what generic callers already catch."""
        assert issubclass(tukin.DataError, ValueError)
        assert issubclass(tukin.MoneyError, TypeError)
        assert issubclass(tukin.EmployeeNotFoundError, KeyError)
        assert issubclass(tukin.RuleSetError, tukin.TukinError)
        assert issubclass(tukin.ArgumentError, ValueError)
        assert issubclass(tukin.ArgumentTypeError, TypeError)
        assert issubclass(tukin.ArgumentTypeError, tukin.ArgumentError)
        assert issubclass(tukin.UnknownNameError, KeyError)
        assert issubclass(tukin.UnknownNameError, tukin.ArgumentError)

    def test_schema_after_import_tukin(self) -> None:
        """``import tukin`` is enough for ``tukin.schema.json_schemas()`` (a service takes
        the JSON Schemas from Python, as the CLI's ``tukin schema`` writes them)."""
        code = "import tukin; print(sorted(tukin.schema.json_schemas())[:1])"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        assert out.stdout.strip().startswith("[")

    def test_daylog_after_import_tukin(self) -> None:
        """``import tukin`` is enough for ``tukin.daylog.tally_log`` (docs/daily-log.md names
        the module so; it raised AttributeError, the package not importing it)."""
        code = "import tukin; print(tukin.daylog.tally_log.__name__)"
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        assert out.stdout.strip() == "tally_log"

    def test_warning_type_is_exported(self) -> None:
        """The elements of Result.warnings are tukin.InputWarning."""
        assert all(isinstance(w, tukin.InputWarning) for w in _result().warnings)


@cache
def _dataset() -> tukin.Dataset:
    return tukin.Dataset.from_frames(tukin.demo.generate(20, seed=3))


@cache
def _result() -> tukin.Result:
    return tukin.calculate(_dataset(), tukin.load_ruleset("tpp-60-40"), "2025-10")


#: bad input to public calls (review 25, d11) -> the code and the builtin it raised before
BAD_CALLS: dict[str, tuple[Callable[[], Any], str, type[Exception]]] = {
    "from_frames a list": (
        lambda: tukin.Dataset.from_frames(employees=[1]),  # type: ignore[arg-type]
        "not_a_dataframe",
        TypeError,
    ),
    "from_frames a mode typo": (
        lambda: tukin.Dataset.from_frames(mode="strik"),  # type: ignore[call-overload]
        "invalid_option",
        ValueError,
    ),
    "from_frames a nip_check typo": (
        lambda: tukin.Dataset.from_frames(nip_check="pns"),  # type: ignore[call-overload]
        "invalid_option",
        ValueError,
    ),
    "from_records a language": (
        lambda: tukin.Dataset.from_records({}, lang="fr"),  # type: ignore[arg-type]
        "invalid_language",
        ValueError,
    ),
    "calculate None": (
        lambda: tukin.calculate(None, tukin.load_ruleset("tpp-60-40"), "2025-10"),  # type: ignore[arg-type]
        "not_a_dataset",
        TypeError,
    ),
    "calculate a dict": (
        lambda: tukin.calculate({}, tukin.load_ruleset("tpp-60-40"), "2025-10"),  # type: ignore[arg-type]
        "not_a_dataset",
        TypeError,
    ),
    "calculate a pack name": (
        lambda: tukin.calculate(_dataset(), "tpp-60-40", "2025-10"),  # type: ignore[arg-type]
        "not_a_ruleset",
        TypeError,
    ),
    "totals by an unknown column": (
        lambda: _result().totals(by="kelas"),
        "no_such_column",
        KeyError,
    ),
    "explain in an unknown language": (
        lambda: _result().explain(str(_result().to_frame()["nip"].iloc[0]), lang="fr"),
        "invalid_language",
        ValueError,
    ),
    "totals in an unknown language": (
        lambda: _result().totals(lang="fr"),
        "invalid_language",
        ValueError,
    ),
    "an unknown table": (lambda: _dataset()["pegawai"], "no_such_table", KeyError),
    "demo with no employees": (lambda: tukin.demo.generate(0), "argument_below", ValueError),
    "demo with a float count": (
        lambda: tukin.demo.generate(10.0),  # type: ignore[arg-type]
        "argument_not_whole",
        TypeError,
    ),
    "demo with an unknown option": (
        lambda: tukin.demo.generate(10, sed=1),  # type: ignore[call-arg]
        "unknown_argument",
        TypeError,
    ),
    "set_language": (lambda: tukin.set_language("fr"), "invalid_language", ValueError),
    "prepare periods without rules": (
        lambda: tukin.prepare(_dataset(), None, ["2025-10"]),
        "periods_without_ruleset",
        TypeError,
    ),
    "prepare a pack name": (
        lambda: tukin.prepare(_dataset(), "tpp-60-40", "2025-10"),  # type: ignore[arg-type]
        "not_a_ruleset",
        TypeError,
    ),
}


class TestBadArgumentsAreTukinErrors:
    """Bad input to a public call is a TukinError with a code and both languages, and
    still the builtin it was, for callers that catch that (review 25, d11)."""

    @pytest.mark.parametrize("case", sorted(BAD_CALLS))
    def test_code_languages_and_builtin(self, case: str) -> None:
        """Each call raises an ArgumentError with its code, in both languages."""
        call, code, builtin = BAD_CALLS[case]
        with pytest.raises(tukin.ArgumentError) as info:
            call()
        err = info.value
        assert (err.code, isinstance(err, builtin)) == (code, True)
        assert err.message("en") != err.message("id") and str(err) == err.message("id")
        json.dumps(err.to_dict("en"))

    def test_pack_name_says_what_to_call(self) -> None:
        """A pack name where a RuleSet goes says to load it first, naming it."""
        call = BAD_CALLS["calculate a pack name"][0]
        with pytest.raises(tukin.ArgumentTypeError) as info:
            call()
        assert "tukin.load_ruleset('tpp-60-40')" in info.value.message("en")

    def test_unknown_name_reads_as_a_sentence(self) -> None:
        """str() of an UnknownNameError is the sentence, not KeyError's quoted repr."""
        with pytest.raises(tukin.UnknownNameError) as info:
            _dataset()["pegawai"]
        assert str(info.value).startswith("tabel 'pegawai' tidak dikenal")
        assert "employees" in info.value.message("en")


#: the quickstart and a typed service's calls, for ``mypy --strict`` (review 25, d12)
TYPED_CLIENT = """\
import pandas as pd
import tukin

tables = tukin.demo.generate(20)
ds = tukin.Dataset.from_frames(**tukin.demo.generate(20))
strict = tukin.Dataset.from_frames(tables, mode="strict", lang="en")
rules = tukin.load_ruleset("tpp-60-40")
result = tukin.calculate(ds, rules, "2025-10")
first: tukin.InputWarning | None = result.warnings[0] if result.warnings else None
docs: dict[str, dict[str, object]] = tukin.schema.json_schemas()
tukin.prepare(ds, rules, "2025-10")
tukin.prepare(ds, rules, ["2025-10", tukin.Period.parse("2025-11")])
with tukin.language("en") as lang:
    rejected: pd.DataFrame = result.rejected
try:
    ds["pegawai"]
except tukin.UnknownNameError as e:
    body: dict[str, object] = e.to_dict("en")
"""


def test_public_api_type_checks_strictly(tmp_path: Path) -> None:
    """A client using the documented calls passes ``mypy --strict`` (the quickstart's
    ``from_frames(**generate())`` collided with the typed keywords mode/lang/nip_check)."""
    if shutil.which("mypy") is None and not _has_module("mypy"):
        pytest.skip("mypy is not installed")
    client = tmp_path / "client.py"
    client.write_text(TYPED_CLIENT)
    # mypy's incremental cache of this checkout, kept between runs: analysing tukin, pandas
    # and numpy under --strict from nothing takes ~7 s of CPU, from the cache ~0.3 s. mypy
    # re-checks every module whose source changed (and the client, new each run), so a
    # warm cache finds what a cold one does. Beside the project's own cache (its options
    # differ: sharing the directory would re-check both every time); locked, as two test
    # runs of one checkout may overlap.
    cache_dir = ROOT / ".mypy_cache" / "strict-client"
    cache_dir.mkdir(parents=True, exist_ok=True)
    with _locked(cache_dir / ".lock"):
        out = subprocess.run(
            [
                sys.executable,
                "-m",
                "mypy",
                "--strict",
                "--follow-imports=silent",
                "--cache-dir",
                str(cache_dir),
                str(client),
            ],
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "MYPYPATH": str(ROOT)},
        )
    assert out.returncode == 0, out.stdout + out.stderr


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """``path`` locked for this process (where the platform has fcntl; elsewhere unlocked)."""
    try:
        import fcntl
    except ImportError:  # Windows: a test run seldom overlaps another of the same checkout
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _has_module(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None
