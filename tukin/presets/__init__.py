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

import functools
import json
from importlib import resources
from pathlib import Path

from tukin.errors import RuleProblem, RuleSetError

_SUFFIXES = (".yaml", ".yml")
_ARCHIVE = "archive"


def _folder() -> Path:
    return Path(str(resources.files(__name__)))


def _packs() -> dict[str, Path]:
    """Current pack name -> file. Names are looked up in this listing, never joined into a
    path: a pack name can come from a receipt, i.e. from whoever wrote it."""
    return {p.stem: p for p in _folder().iterdir() if p.suffix in _SUFFIXES and p.is_file()}


def _archive() -> list[tuple[str, str, Path]]:
    """``(pack, version, file)`` of every file in the archive named ``<pack>@<version>``."""
    folder = _folder() / _ARCHIVE
    found = []
    for p in folder.iterdir() if folder.is_dir() else ():
        pack, at, version = p.stem.partition("@")
        if at and p.suffix in _SUFFIXES:
            found.append((pack, version, p))
    return found


@functools.cache
def released_fingerprints() -> frozenset[str]:
    """The fingerprints of every released pack version, as the behaviour lock records them
    (``behaviour.lock.json``): rules with one of them are that version as it was released."""
    lock = _folder() / "behaviour.lock.json"
    if not lock.is_file():
        return frozenset()
    packs = json.loads(lock.read_text(encoding="utf-8")).get("packs", {})
    return frozenset(v["ruleset"] for pack in packs.values() for v in pack.values())


def names() -> list[str]:
    """Names of the packaged rule packs (their current versions), sorted."""
    return sorted(_packs())


def versions(name: str) -> list[str]:
    """Every version of pack ``name`` that loads as ``name@version``, oldest first; the last
    is the current one (what ``name`` alone loads)."""
    return sorted({*archived(name), current_version(name)}, key=version_key)


def orphans() -> list[Path]:
    """Archived files whose pack is not shipped (a pack renamed or removed: nothing would
    ever load them), for the behaviour lock to report."""
    shipped = _packs()
    return sorted(p for pack, _, p in _archive() if pack not in shipped)


def archived(name: str) -> dict[str, Path]:
    """The superseded versions of pack ``name`` kept in the archive: version -> file."""
    _current(name)  # an unknown name is refused, with the known ones listed
    found = {version: p for pack, version, p in _archive() if pack == name}
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
    found = archived(pack).get(version)
    if found is not None:
        return found
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
    """The current file of pack ``name`` (``shown``: the name as asked, for the error)."""
    packs = _packs()
    if name in packs:
        return packs[name]
    known = ", ".join(sorted(packs)) or "none"
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
