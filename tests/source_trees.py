"""tukin's source, parsed once per test process.

Several tests read every module's syntax tree (which codes the source names, which calls it
makes, what it imports); parsing the ~150 modules takes about a second of CPU each time.
The trees are shared: a test walks them and must not change them.
"""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path


@cache
def parsed(package: Path) -> tuple[tuple[Path, ast.Module], ...]:
    """Every ``*.py`` under ``package``, by path, with its syntax tree."""
    return tuple(
        (path, ast.parse(path.read_text(encoding="utf-8"), filename=str(path)))
        for path in sorted(package.rglob("*.py"))
    )
