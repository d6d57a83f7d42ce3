"""A rule function exposed directly as an entry point (no parameters)."""

from __future__ import annotations

from typing import Any

from tukin.rules import StepContext


def double(ctx: StepContext, p: Any) -> Any:
    """Twice the base amount column ``dasar``."""
    return ctx.num("dasar") * 2
