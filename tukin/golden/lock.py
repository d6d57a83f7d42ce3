"""The behaviour lock: no packaged pack changes what it pays without a version bump and an entry.

The lock (``tukin/presets/behaviour.lock.json``) records, per pack and version, the rule set's
fingerprint and a fingerprint of everything the pack yields on a fixed synthetic regency
(:data:`FIXTURE`) in :data:`LOCK_PERIODS`. The changelog (``tukin/presets/CHANGELOG.md``) has
an entry ``## <pack> <version>`` per version with a line ``Affected periods: ...``. Every
superseded version stays in ``tukin/presets/archive/`` as released (loadable as
``name@version``, see :mod:`tukin.presets`); it is recomputed like the current one and must
keep its recorded fingerprint and amounts.

This module computes and compares; it reads and writes no file. :mod:`tukin.golden` binds it
to the shipped files (``LOCK_PATH``, ``CHANGELOG``) in ``check_lock`` and ``update_lock``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np

from tukin._quiet import ignoring
from tukin.errors import InputWarning, TukinError
from tukin.period import Period
from tukin.presets import version_key

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.ruleset.model import RuleSet

__all__ = [
    "FIXTURE",
    "FIXTURE_PARAMETERS",
    "LOCK_PERIODS",
    "PRESETS",
    "current_behaviour",
    "fixture_changed",
    "lock_problems",
    "parse_changelog",
    "recorded",
]

PRESETS = Path(str(resources.files("tukin"))) / "presets"
LOCK_PERIODS = ("2022-06", "2025-10")
FIXTURE = "tukin.demo.generate(200, seed=7, year=YEAR) + one indicator per employee"
FIXTURE_PARAMETERS: dict[str, Any] = {  # SYNTHETIC values for what packs leave to the user
    "tukin_base": {k: 1_000_000 * k + 1_234 * k * k for k in range(1, 18)},
    "score_100_110": [
        {"min": "100%", "max": "110%", "max_inclusive": True, "out_min": 109, "out_max": 120}
    ],
}
_PERIODS = re.compile(r"\b\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-C[1-3])?\b|^none\b", re.I)


def _fixtures() -> dict[int, Dataset]:
    """The lock's synthetic regency per year, each employee with one indicator for capaian."""
    from tukin import demo
    from tukin.dataset import Dataset

    out = {}
    for year in sorted({Period.parse(p).start.year for p in LOCK_PERIODS}):
        frames = demo.generate(200, seed=7, year=year)
        emp = frames["employees"].reset_index(drop=True)
        i = np.arange(len(emp))
        emp["realisation"] = ((i * 7) % 131).astype(float)  # 0..130 against 100: every band
        emp["target"] = 100.0
        emp["target_max"] = np.where(i % 7 == 0, 110.0, np.nan)
        emp["polarity"] = np.where(i % 5 == 0, "lower", "higher")
        out[year] = Dataset.from_frames(**cast("dict[str, Any]", {**frames, "employees": emp}))
    return out


def _behaviour(rs: RuleSet, ds: Dataset, period: str) -> str:
    """sha256 of every paid amount and step value, and of every rejection, in one period."""
    from tukin.calc.engine import calculate

    try:
        with ignoring(InputWarning):  # the lock records amounts; warnings are not behaviour
            res = calculate(ds, rs, period)
    except TukinError as exc:
        return hashlib.sha256(f"error {exc.code}".encode()).hexdigest()
    cols = ["nip", *[s.id for s in rs.steps], "allowance", "net"]
    text = res.to_frame()[cols].to_csv(index=False, float_format="%.12g", lineterminator="\n")
    text += res.rejected[["nip", "code"]].to_csv(index=False, lineterminator="\n")
    return hashlib.sha256(text.encode()).hexdigest()


def current_behaviour() -> dict[str, Any]:
    """What the lock would record now: the fixture and, per pack, version and fingerprints."""
    from tukin import presets
    from tukin.ruleset.load import load_ruleset

    data = _fixtures()

    def record(source: str | Path) -> dict[str, Any]:
        try:
            rs = load_ruleset(source)
        except TukinError as exc:  # reported by lock_problems, with the file's name
            file = presets.path(source) if isinstance(source, str) else source
            return {"unreadable": _without_file(exc.message("en"), str(file))}  # English, as here
        given = {k: v for k, v in FIXTURE_PARAMETERS.items() if k in rs.parameters}
        run = rs.with_parameters(**given) if given else rs
        periods = {p: _behaviour(run, data[Period.parse(p).start.year], p) for p in LOCK_PERIODS}
        return {"version": rs.version, "ruleset": rs.fingerprint(), "periods": periods}

    packs = {name: record(name) for name in presets.names()}
    archive = {
        name: {v: record(path) for v, path in presets.archived(name).items()}
        for name in presets.names()
    }
    datasets = {str(y): d.fingerprint() for y, d in data.items()}
    return {
        "fixture": {"recipe": FIXTURE, "periods": list(LOCK_PERIODS), "datasets": datasets},
        "packs": packs,
        "archive": {name: kept for name, kept in archive.items() if kept},
        "orphans": [p.name for p in presets.orphans()],
    }


def _without_file(message: str, file: str) -> str:
    """The loader's message without the file's (absolute) name at its start: the lock's
    problem names the file already, relative to the repository."""
    if not message.startswith(file):
        return message
    rest = message[len(file) :]
    if rest[:1] == ":" and rest[1:2].isdigit():
        return "line " + rest[1:]  # "<file>:2: not valid YAML" -> "line 2: not valid YAML"
    return rest.lstrip(": ")


def parse_changelog(text: str) -> dict[tuple[str, str], str]:
    """``(pack, version) -> "Affected periods:" text`` of each ``## <pack> <version>`` entry."""
    out: dict[tuple[str, str], str] = {}
    for block in re.split(r"^## ", text, flags=re.M)[1:]:
        head, _, body = block.partition("\n")
        found = re.search(r"^Affected periods:[ \t]*(.*)$", body, flags=re.M)
        if len(head.split()) >= 2:
            out[(head.split()[0], head.split()[1])] = found.group(1).strip() if found else ""
    return out


def fixture_changed(now: Mapping[str, Any], lock: Mapping[str, Any]) -> bool:
    """Whether the lock was recorded on another fixture (tukin.demo or the recipe changed)."""
    return bool(lock) and lock.get("fixture") != now["fixture"]


def lock_problems(
    now: Mapping[str, Any],
    lock: Mapping[str, Any],
    entries: Mapping[tuple[str, str], str],
    *,
    updating: bool = False,
) -> list[str]:
    """Every reason the current behaviour ``now``, the ``lock`` and the changelog ``entries``
    disagree (empty: they agree); with ``updating``, those that forbid recording ``now``."""
    refit = fixture_changed(now, lock)
    problems: list[str] = []
    for name, cur in now["packs"].items():
        if "unreadable" in cur:
            problems.append(f"tukin/presets/{name}.yaml: cannot be loaded: {cur['unreadable']}")
            continue
        version, locked = cur["version"], lock.get("packs", {}).get(name, {}).get(cur["version"])
        periods = entries.get((name, version))
        if periods is None or not _PERIODS.search(periods):
            problems.append(
                f"{name} {version}: CHANGELOG.md needs an entry '## {name} {version}' "
                "with a line 'Affected periods: 2024-01 onwards' (or 'none')"
            )
        if locked is None:
            problems += (
                [] if updating else [f"{name} {version}: not in the lock; run --update-lock"]
            )
            continue
        changed = [p for p, h in cur["periods"].items() if locked["periods"].get(p) != h]
        if locked["ruleset"] != cur["ruleset"] or (changed and not refit):
            what = f"amounts changed in {', '.join(changed)}" if changed else "its rules changed"
            problems.append(
                f"{name}: {what} but the version is still {version}: bump 'version' "
                f"in tukin/presets/{name}.yaml, add a CHANGELOG.md entry naming the "
                "affected periods, then run python -m tukin.golden --update-lock"
            )
    problems += _archive_problems(now, lock, refit)
    if not updating:
        problems += [
            f"{n}: in the lock, not shipped" for n in set(lock.get("packs", {})) - set(now["packs"])
        ]
    return problems


def _archive_problems(now: Mapping[str, Any], lock: Mapping[str, Any], refit: bool) -> list[str]:
    """Every released version of a shipped pack must stay loadable (``name@version``) and pay
    what it paid: an archived file per superseded version in the lock, with the lock's
    fingerprint and (unless the fixture changed) the lock's amounts."""
    problems = [
        f"tukin/presets/archive/{file}: no pack of that name is shipped; remove it, or name it "
        "after the pack it is a version of"
        for file in now.get("orphans", [])
    ]
    archive = now.get("archive", {})
    for name, cur in now["packs"].items():
        kept = archive.get(name, {})
        history = lock.get("packs", {}).get(name, {})
        # (a current file that does not load is reported already: its version is unknown)
        for version in history if "unreadable" not in cur else ():
            if version != cur["version"] and version not in kept:
                problems.append(
                    f"{name} {version}: the released file is not archived; copy it as it was "
                    f"released to tukin/presets/archive/{name}@{version}.yaml (git show "
                    f"<commit>:tukin/presets/{name}.yaml) so its receipts can be verified"
                )
        for version, got in kept.items():
            file = f"tukin/presets/archive/{name}@{version}.yaml"
            locked = history.get(version)
            if "unreadable" in got:
                problems.append(
                    f"{file}: cannot be loaded ({got['unreadable']}); restore the file as released"
                )
            elif got["version"] != version:
                problems.append(f"{file}: the file says version {got['version']}")
            elif version == cur.get("version"):
                problems.append(f"{file}: version {version} is the current file's, not archived")
            elif locked is None:
                problems.append(f"{file}: version {version} was never recorded in the lock")
            else:
                changed = [p for p, h in got["periods"].items() if locked["periods"].get(p) != h]
                if locked["ruleset"] != got["ruleset"] or (changed and not refit):
                    what = f"pays otherwise in {', '.join(changed)}" if changed else "other rules"
                    problems.append(
                        f"{file}: {what} than the released version {version}; restore the "
                        "file as released"
                    )
    return problems


def recorded(now: Mapping[str, Any], lock: Mapping[str, Any]) -> dict[str, Any]:
    """The lock with ``now`` recorded, keeping every earlier version's record."""
    packs: dict[str, Any] = {}
    archive = now.get("archive", {})
    for name, cur in now["packs"].items():
        history = dict(lock.get("packs", {}).get(name, {}))
        # an archived version is recomputed like the current one: on a new fixture its
        # record moves with it (unchanged otherwise: the check refused any difference)
        for version, got in [*archive.get(name, {}).items(), (cur["version"], cur)]:
            history[version] = {"ruleset": got["ruleset"], "periods": got["periods"]}
        packs[name] = dict(sorted(history.items(), key=lambda kv: version_key(kv[0])))
    return {
        "about": "Behaviour lock of the rule packs: see tukin.golden; refresh with "
        "python -m tukin.golden --update-lock",
        **{k: v for k, v in now.items() if k not in ("archive", "orphans")},
        "packs": packs,
    }
