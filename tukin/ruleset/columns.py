"""The default of an optional input column (``columns:`` of a rule file), checked and typed.

A rule file may declare an input column the data may lack, with its type (``number``,
``text``, ``yes/no``) and the default an employee takes without it. The default is checked
when the file loads, against the declared type, and made the Python value the employee frame
holds: ``True``/``False``, an exact number a float cell holds exactly, or text. The loader
(:mod:`tukin.ruleset.check`) and the run (:mod:`tukin.calc.declared`) both use
:func:`typed_default`, so a default the file was accepted with is the one the run fills in.
"""

from __future__ import annotations

import re
from fractions import Fraction
from typing import Any

from pydantic_core import PydanticCustomError

from tukin.ruleset.types import fmt_exact, to_exact

__all__ = ["NAME", "parameter_of", "typed_default"]

#: A declared column's name: what a formula and a step's column key can write (lower case,
#: ``_``); a sheet header such as ``Target Is Max`` is read by that name.
NAME = re.compile(r"[a-z_][a-z0-9_]*")

Said = tuple[str, str]


def parameter_of(default: Any) -> str | None:
    """The parameter a default names (``$name``), None for a value (``$$x`` is the text
    ``$x``, as in a step's keys)."""
    if isinstance(default, str) and default.startswith("$") and not default.startswith("$$"):
        return default[1:]
    return None


def typed_default(kind: str, value: Any) -> tuple[bool | Fraction | str | None, Said | None]:
    """``(value as the frame holds it, None)``, or ``(None, why not)`` in English and
    Indonesian when ``value`` is no default of a column of type ``kind``."""
    if kind == "yes/no":
        if isinstance(value, bool):
            return value, None
        return None, (
            f"a yes/no column's default is true or false, not {_shown(value)}",
            f"nilai bawaan kolom yes/no adalah true atau false, bukan {_shown(value)}",
        )
    if kind == "number":
        if isinstance(value, bool):
            return None, (
                "a number column's default is a number, not true/false",
                "nilai bawaan kolom number adalah bilangan, bukan true/false",
            )
        try:
            q = to_exact(value)
        except PydanticCustomError as exc:
            ctx = exc.context or {}
            return None, (str(ctx.get("message", exc)), str(ctx.get("message_id", exc)))
        # the frame holds a number column as floats read by their shortest repr (what was
        # typed): a default a float does not give back exactly (1/3) would be paid as another
        if Fraction(repr(float(q))) != q:
            shown = fmt_exact(q)
            return None, (
                f"{shown} is no decimal a cell of the column can hold: write it with at most "
                "15 significant digits",
                f"{shown} bukan desimal yang dapat dimuat sel kolom: tulis dengan paling banyak "
                "15 angka penting",
            )
        return q, None
    if isinstance(value, str) and value.strip():
        return (value[1:] if value.startswith("$$") else value), None
    if isinstance(value, str):
        return None, (
            "a text column's default cannot be blank",
            "nilai bawaan kolom text tidak boleh kosong",
        )
    return None, (
        f"a text column's default is text, not {_shown(value)}: write it in quotes",
        f"nilai bawaan kolom text adalah teks, bukan {_shown(value)}: tulis di antara tanda kutip",
    )


def _shown(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value)
    return str(value)
