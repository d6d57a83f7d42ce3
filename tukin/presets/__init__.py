"""Packaged rule packs, each citing its sources: list them with :func:`names`, load with
``tukin.load_ruleset(name)``.

Every released version stays loadable as ``name@version`` (e.g. ``tpp-60-40@1``): a payment
is reproduced from its receipt only with the rules that computed it, and a pack's current file
moves on. The earlier versions live, byte for byte as released, in ``archive/``; the
behaviour lock (:mod:`tukin.golden`) checks that each still has its recorded fingerprint and
pays what it paid. They are for verifying old receipts, not for new payments: a version is
superseded for a reason its CHANGELOG entry gives.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

from tukin.errors import RuleProblem, RuleSetError

_SUFFIXES = (".yaml", ".yml")
_ARCHIVE = "archive"
_VERSION = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
_NAME = _VERSION  # a pack's file name: letters, digits, '.', '_', '-', not starting with '.'
_LONGEST = 200  # no pack name is longer; longer ones would only meet the file system's limit


def _folder() -> Path:
    return Path(str(resources.files(__name__)))


def names() -> list[str]:
    """Names of the packaged rule packs (their current versions), sorted."""
    return sorted(p.stem for p in _folder().iterdir() if p.suffix in _SUFFIXES)


def versions(name: str) -> list[str]:
    """Every version of pack ``name`` that loads as ``name@version``, oldest first; the last
    is the current one (what ``name`` alone loads)."""
    return sorted({*archived(name), current_version(name)}, key=version_key)


def orphans() -> list[Path]:
    """Archived files whose pack is not shipped (a pack renamed or removed: nothing would
    ever load them), for the behaviour lock to report."""
    folder = _folder() / _ARCHIVE
    shipped = set(names())
    return sorted(
        p
        for p in (folder.iterdir() if folder.is_dir() else ())
        if p.suffix in _SUFFIXES and p.stem.partition("@")[0] not in shipped
    )


def archived(name: str) -> dict[str, Path]:
    """The superseded versions of pack ``name`` kept in the archive: version -> file."""
    _current(name)  # an unknown name is refused, with the known ones listed
    found = {}
    folder = _folder() / _ARCHIVE
    for p in folder.iterdir() if folder.is_dir() else ():
        pack, at, version = p.stem.partition("@")
        if pack == name and at and p.suffix in _SUFFIXES:
            found[version] = p
    return dict(sorted(found.items(), key=lambda kv: version_key(kv[0])))


def current_version(name: str) -> str:
    """The ``version`` written in pack ``name``'s current file."""
    return _version_in(_current(name))


def path(name: str) -> Path:
    """File of the packaged rule pack ``name``, or of its version ``name@version`` (a
    RuleSetError lists the known names, or the pack's versions)."""
    pack, at, version = name.partition("@")
    current = _current(pack, shown=name)
    if not at or version == _version_in(current):
        return current
    if _VERSION.fullmatch(version) and len(version) <= _LONGEST:
        for suffix in _SUFFIXES:
            p = _folder() / _ARCHIVE / f"{pack}@{version}{suffix}"
            if p.exists():
                return p
    known = ", ".join(versions(pack))
    raise RuleSetError(
        [
            RuleProblem(
                "ruleset_invalid",
                f"the rule pack {pack!r} has no version {version!r} (versions: {known})",
                f"paket aturan {pack!r} tidak memiliki versi {version!r} (versi: {known})",
            )
        ]
    )


def _current(name: str, *, shown: str | None = None) -> Path:
    """The current file of pack ``name``. Only a plain name reaches the file system (no
    separator, drive or dots: a receipt's pack name is whatever its writer put there)."""
    if _NAME.fullmatch(name) and len(name) <= _LONGEST:
        for suffix in _SUFFIXES:
            p = _folder() / f"{name}{suffix}"
            if p.is_file():
                return p
    known = ", ".join(names()) or "none"
    label = shown if shown is not None else name
    raise RuleSetError(
        [
            RuleProblem(
                "ruleset_invalid",
                f"{label!r} is neither a file nor a packaged rule pack (known: {known})",
                f"{label!r} bukan berkas maupun paket aturan bawaan (tersedia: {known})",
            )
        ]
    )


def _version_in(path: Path) -> str:
    """The file's ``version`` (as ``RuleSet.version`` reads it: text, "1" when absent)."""
    from tukin.ruleset.yamlsafe import load_path

    data, _, _ = load_path(path)
    version = data.get("version", "1") if isinstance(data, dict) else "1"
    return str(version)


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Versions in release order: dotted numbers part by part (2 before 10, 1.9 before
    1.10), a part that is not a number after the numbers, as text."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in version.split("."))
