"""The version a receipt records is the one the changelog explains.

A receipt's ``library_version`` lets an auditor ask "which tukin paid this?"; that answer is
only useful if the number in the code, the one the package is built with and the newest
changelog entry are the same number.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import tukin

ROOT = Path(__file__).resolve().parent.parent
HEADING = re.compile(r"^## (\d+\.\d+\.\d+) \((\d{4}-\d{2}-\d{2})\)$", re.MULTILINE)


def _entries() -> list[tuple[str, str]]:
    return HEADING.findall((ROOT / "CHANGELOG.md").read_text(encoding="utf-8"))


def test_newest_changelog_entry_is_the_version() -> None:
    entries = _entries()
    assert entries, "CHANGELOG.md has no '## <version> (<date>)' entry"
    assert entries[0][0] == tukin.__version__


def test_versions_and_dates_only_go_forward() -> None:
    entries = _entries()
    numbers = [tuple(int(p) for p in v.split(".")) for v, _ in entries]
    assert numbers == sorted(numbers, reverse=True)
    assert len(set(numbers)) == len(numbers)
    dates = [d for _, d in entries]
    assert dates == sorted(dates, reverse=True)


def test_every_entry_says_which_results_may_differ() -> None:
    text = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    bodies = HEADING.split(text)[3::3]
    assert len(bodies) == len(_entries())
    for (version, _), body in zip(_entries(), bodies, strict=True):
        first = body.strip().splitlines()[0]
        assert first.startswith("Results:"), f"{version}: first line must be 'Results: ...'"


def test_the_package_is_built_with_that_version() -> None:
    """pyproject.toml takes the version from tukin/__init__.py, so the wheel's metadata and
    ``tukin.__version__`` cannot drift apart."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"]
    assert "version" in project["project"]["dynamic"]
    assert project["tool"]["hatch"]["version"]["path"] == "tukin/__init__.py"
