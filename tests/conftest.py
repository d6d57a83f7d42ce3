"""Collect every golden case of ``tukin/golden_cases/*.yaml`` as a pytest item.

The case files live in the package (``tukin test`` runs them without pytest), outside this
folder, so they are collected next to ``tests/test_golden.py``: ``pytest tests/`` runs them,
with node ids like ``tukin/golden_cases/tpp_60_40.yaml::<the case's sentence>``. A case
declared ``xfail`` in its file is a strict xfail: it must fail, and its report says why.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings

import tukin
from tukin import golden

# Every property test draws the same examples on every run (examples seeded by each test's
# own code), so a run of unchanged code gives the same verdict on any machine and a CI
# failure is a change's, not a rarer example drawn by chance. New examples are drawn on
# purpose with TUKIN_HYPOTHESIS=explore (.ci/explore; docs/reliability.md §2). No deadline
# per example: a busy machine (CI shares one) would fail a correct test, and speed is
# measured in benchmarks/, not in tests.
settings.register_profile("fixed", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None)
settings.load_profile("explore" if os.environ.get("TUKIN_HYPOTHESIS") == "explore" else "fixed")


def pytest_collect_file(file_path: Any, parent: pytest.Collector) -> pytest.Collector | None:
    if file_path.name == "test_golden.py":
        return GoldenCases.from_parent(parent, path=golden.CASES_DIR)
    return None


class GoldenCases(pytest.File):
    """The folder of shipped case files."""

    def collect(self) -> Iterator[pytest.Collector]:
        for path in golden.case_files():
            yield GoldenFile.from_parent(self, path=path)


class GoldenFile(pytest.File):
    """One case file; its cases run together (batched by rules and period) on first use."""

    def collect(self) -> Iterator[pytest.Item]:
        self.run = golden.FileRun(self.path, lang="en")  # failure reports for developers
        for case in self.run.cases:
            item = GoldenItem.from_parent(self, name=case.name, case=case)
            if case.xfail:
                item.add_marker(pytest.mark.xfail(reason=case.xfail, strict=True))
            yield item


class GoldenItem(pytest.Item):
    """One case: fails with expected vs actual and the full explanation."""

    def __init__(self, *, case: golden.Case, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case

    def runtest(self) -> None:
        assert isinstance(self.parent, GoldenFile)
        outcome = self.parent.run.outcome(self.case)
        if outcome.problems:
            raise golden.CaseFailed(outcome)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        if isinstance(excinfo.value, golden.CaseFailed):
            return excinfo.value.outcome.report()
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Any, int | None, str]:
        return self.path, (self.case.line or 1) - 1, self.case.name


# -- the language setting ------------------------------------------------------------------------
# Tests assert on texts in a given language; a developer's TUKIN_LANG must not change them, and a
# test that calls tukin.set_language must not change the tests after it (nor a CLI subprocess's).
os.environ.pop("TUKIN_LANG", None)
tukin.set_language("id")


@pytest.fixture(autouse=True)
def _restore_language() -> Iterator[None]:
    previous = tukin.get_language()
    yield
    tukin.set_language(previous)
