"""Silencing a library's warnings for one block without touching anybody else's filters.

``warnings.catch_warnings()`` saves the process's filter list on entry and puts it back on
exit. Two blocks on two threads (two workbooks read at once by a service) interleave: A
saves the list, B saves A's list *with A's filter in it*, A restores, B restores A's filter,
and the process keeps it for good (``simplefilter("ignore")``: every warning of every
library silenced until restart). Before Python 3.14's context-aware warnings there is no
per-thread filter list, so :func:`ignoring` does not save and restore the list: it puts one
filter of its own in front and takes exactly that filter out again, from the list it went
into and from the list in force on exit, whatever other threads did meanwhile. The filter is
narrow (a category, and a module: openpyxl's warnings only), so what it silences while in
force on another thread is that module's warnings only.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from typing import Any, cast

__all__ = ["ignoring"]


class _Module:
    """The module part of a filter: ``warnings`` calls its ``match`` with the warning's module
    name. An object of its own (equal to itself only) so that ``list.remove`` takes out this
    filter and never an equal one somebody else added; one call, atomic under the GIL."""

    def __init__(self, pattern: str) -> None:
        self._re = re.compile(pattern)

    def match(self, module: str) -> re.Match[str] | None:
        return self._re.match(module)

    def __repr__(self) -> str:
        return f"<tukin filter for modules {self._re.pattern!r}>"


def _mutated() -> None:
    """Tell ``warnings`` its filters changed (it caches what a warning's place decided)."""
    bump = getattr(warnings, "_filters_mutated", None)
    if bump is not None:
        bump()


def _filters() -> list[Any]:
    """The list of filters in force (typeshed calls it a Sequence: it is the module's list)."""
    return cast(list[Any], warnings.filters)


@contextmanager
def ignoring(category: type[Warning] = Warning, module: str = "") -> Iterator[None]:
    """Ignore warnings of ``category`` issued from modules matching ``module`` (a regular
    expression matched at the start of the module's name; ``""``: any) inside the block.

    Unlike ``warnings.catch_warnings()`` it leaves the filters as they were even when blocks
    on several threads overlap (see the module docstring)."""
    item = ("ignore", None, category, _Module(module), 0)
    into = _filters()
    into.insert(0, item)
    _mutated()
    try:
        yield
    finally:
        now = _filters()
        for found in {id(into): into, id(now): now}.values():
            with suppress(ValueError):  # not in that list (a restore elsewhere took it out)
                found.remove(item)
        _mutated()
