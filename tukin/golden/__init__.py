"""Golden cases: expectations an auditor can read, kept as data, run by pytest or ``tukin test``.

A case file is YAML (format: ``docs/auditor-guide.md``): a sentence naming what the case
shows, a rule pack or rule file, a period, a minimal dataset written inline (what is not given
takes a documented default: one OPD, one position per employee, status ``pns``, the whole
month in service, an attendance row of zero counts, no appraisal), the exact rupiah and step
values expected, and the legal basis they come from (``basis``: the regulation and its article,
``UNVERIFIED`` where the article is not known, or the pack's own policy where the case checks a
choice and not the law). Why data and not Python: auditors
must check the rules without reading code, and the cases must outlive the engine's code.

Every case runs on the fast path and on the reference path (exact fractions); amounts must
agree with each other and with the expectation, to the rupiah. Cases sharing rules, period
and parameters run in one calculation (rules are row-wise: an employee's result never depends
on the other rows), so the shipped cases take seconds. A known, accepted deviation is declared
in the file (``xfail: reason``); a declared case that starts passing is reported.

The *behaviour lock* (``tukin/presets/behaviour.lock.json``) fingerprints what each packaged
pack yields on a fixed synthetic regency, so that no pack changes its amounts without a version
bump and a changelog entry naming the affected periods: ``python -m tukin.golden --update-lock``.

The package, one concept a module:

* :mod:`tukin.golden.case`: the case format and reading case files;
* :mod:`tukin.golden.data`: the dataset a case implies (the documented defaults);
* :mod:`tukin.golden.report`: comparing results with expectations, and the report of it;
* :mod:`tukin.golden.runner`: running case files (pytest, ``tukin test``);
* :mod:`tukin.golden.lock`: the behaviour lock, computed and compared; this module binds it to
  the shipped files (:data:`LOCK_PATH`, :data:`CHANGELOG`), which a test may point elsewhere.
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Mapping, Sequence
from typing import Any

from tukin.golden.case import CASES_DIR, UNVERIFIED, Basis, Case, case_files, load_cases
from tukin.golden.case import Appraisal as Appraisal
from tukin.golden.case import Employee as Employee
from tukin.golden.case import Expect as Expect
from tukin.golden.case import ExpectError as ExpectError
from tukin.golden.case import Rating as Rating
from tukin.golden.data import ATTENDANCE_CODES
from tukin.golden.data import NIP_PREFIX as NIP_PREFIX
from tukin.golden.data import UNIT as UNIT
from tukin.golden.lock import FIXTURE as FIXTURE
from tukin.golden.lock import FIXTURE_PARAMETERS as FIXTURE_PARAMETERS
from tukin.golden.lock import LOCK_PERIODS as LOCK_PERIODS
from tukin.golden.lock import PRESETS, fixture_changed, lock_problems, parse_changelog, recorded
from tukin.golden.lock import current_behaviour as current_behaviour
from tukin.golden.report import CaseFailed, Outcome
from tukin.golden.report import Status as Status
from tukin.golden.runner import FileRun, distribution_limits, run_cli

__all__ = [
    "ATTENDANCE_CODES",
    "CASES_DIR",
    "UNVERIFIED",
    "Basis",
    "Case",
    "CaseFailed",
    "FileRun",
    "Outcome",
    "case_files",
    "check_lock",
    "distribution_limits",
    "load_cases",
    "main",
    "run_cli",
    "update_lock",
]

LOCK_PATH = PRESETS / "behaviour.lock.json"
CHANGELOG = PRESETS / "CHANGELOG.md"


def changelog_entries(text: str | None = None) -> dict[tuple[str, str], str]:
    """``(pack, version) -> "Affected periods:" text`` of each ``## <pack> <version>`` entry
    (of :data:`CHANGELOG` unless ``text`` is given)."""
    return parse_changelog(CHANGELOG.read_text(encoding="utf-8") if text is None else text)


def _read_lock() -> dict[str, Any]:
    return json.loads(LOCK_PATH.read_text(encoding="utf-8")) if LOCK_PATH.exists() else {}


def check_lock(now: Mapping[str, Any] | None = None, *, updating: bool = False) -> list[str]:
    """Every reason the packs, the lock and the changelog disagree (empty: they agree).

    ``updating``: the problems that forbid recording the current behaviour (a pack version
    missing from the lock is then expected, not a problem).
    """
    now = now or current_behaviour()
    lock = _read_lock()
    if fixture_changed(now, lock) and not updating:
        return [
            "the lock's fixture changed (tukin.demo or the recipe): if no rule changed, "
            "run python -m tukin.golden --update-lock --new-fixture"
        ]
    return lock_problems(now, lock, changelog_entries(), updating=updating)


def update_lock(*, new_fixture: bool = False) -> list[str]:
    """Record the current behaviour, keeping every earlier version's record; refuse (and say
    why) what would hide a change: a version locked with other behaviour, a missing entry."""
    now = current_behaviour()
    lock = _read_lock()
    if fixture_changed(now, lock) and not new_fixture:
        return ["the fixture changed: if no rule changed, rerun with --new-fixture"]
    problems = check_lock(now, updating=True)
    if problems:
        return problems
    LOCK_PATH.write_text(json.dumps(recorded(now, lock), indent=1) + "\n", encoding="utf-8")
    return []


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m tukin.golden [FILES] [--lang id]`` or ``--update-lock [--new-fixture]``."""
    p = argparse.ArgumentParser(prog="python -m tukin.golden", description="Run golden cases.")
    p.add_argument("files", nargs="*", help="case files (default: the packaged cases)")
    p.add_argument(
        "--lang", choices=("en", "id"), default=None, help="default: TUKIN_LANG, else id"
    )
    p.add_argument("--update-lock", action="store_true", help="record the packs' behaviour")
    p.add_argument("--new-fixture", action="store_true", help="the fixture changed, no rule did")
    a = p.parse_args(argv)
    if not a.update_lock:
        return run_cli(a.files, a.lang)
    problems = update_lock(new_fixture=a.new_fixture)
    print("\n".join(problems) + "\nlock refused" if problems else f"→ {LOCK_PATH}")
    return 1 if problems else 0
