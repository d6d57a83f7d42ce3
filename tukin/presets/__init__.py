"""Packaged rule packs, each citing its sources: list them with :func:`names`, load with
``tukin.load_ruleset(name)``."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from tukin.errors import RuleProblem, RuleSetError

_SUFFIXES = (".yaml", ".yml")


def _folder() -> Path:
    return Path(str(resources.files(__name__)))


def names() -> list[str]:
    """Names of the packaged rule packs, sorted."""
    return sorted(p.stem for p in _folder().iterdir() if p.suffix in _SUFFIXES)


def path(name: str) -> Path:
    """File of the packaged rule pack ``name`` (a RuleSetError lists the known names)."""
    for suffix in _SUFFIXES:
        p = _folder() / f"{name}{suffix}"
        if p.exists():
            return p
    raise RuleSetError(
        [
            RuleProblem(
                "ruleset_invalid",
                f"{name!r} is neither a file nor a packaged rule pack (known: {', '.join(names()) or 'none'})",
                f"{name!r} bukan berkas maupun paket aturan bawaan (tersedia: {', '.join(names()) or 'tidak ada'})",
            )
        ]
    )
