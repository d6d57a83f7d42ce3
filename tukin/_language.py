"""The language of what tukin shows people: one setting instead of a default per function.

The regency's HR officers are tukin's main human readers, so messages, reports, plots,
workbooks and explanations are in Indonesian (``"id"``) unless told otherwise. A person
working in English sets it once, for the session (:func:`set_language`) or for every run on
the machine (the environment variable ``TUKIN_LANG=en``, read when tukin is imported), instead
of passing ``lang="en"`` to every call. Every user-facing ``lang`` parameter defaults to
``None``, which means this setting as it is *when the call is made*; an explicit ``lang``
always wins.

Error objects keep their own rule, so that what other systems log and branch on does not
change with a person's preference: ``str(error)`` and ``error.message()`` are in the language
the error was raised with (English unless the raising call said otherwise), and
``error.message("id")`` gives Indonesian.

The setting is one value for the process, not per thread: a worker process (Dask, a process
pool) has its own, so code that sends work to one resolves ``lang`` before sending it.
"""

from __future__ import annotations

import os
import warnings
from typing import cast

from tukin.errors import Lang, render

__all__ = ["DEFAULT", "ENV_VAR", "LANGS", "get_language", "resolve", "set_language"]

LANGS: tuple[Lang, ...] = ("id", "en")
DEFAULT: Lang = "id"
ENV_VAR = "TUKIN_LANG"


def _parse(value: object) -> Lang | None:
    text = str(value).strip().lower() if isinstance(value, str) else None
    return cast(Lang, text) if text in LANGS else None


def _from_environment() -> Lang:
    raw = os.environ.get(ENV_VAR)
    if raw is None or not raw.strip():
        return DEFAULT
    lang = _parse(raw)
    if lang is None:
        # a typo in a shell profile must not stop every import of tukin: say so, use the default
        message = f"{ENV_VAR}: {render('invalid_language', 'en', value=raw)}; using '{DEFAULT}'"
        warnings.warn(message, UserWarning, stacklevel=2)
        return DEFAULT
    return lang


_current: Lang = _from_environment()


def set_language(lang: str) -> Lang:
    """Set the language of messages, reports, plots and workbooks (``"id"`` or ``"en"``) for
    this process; return the previous setting, so a caller can put it back.

    >>> previous = set_language("en")
    >>> get_language()
    'en'
    >>> _ = set_language(previous)
    """
    global _current
    parsed = _parse(lang)
    if parsed is None:
        raise ValueError(render("invalid_language", "en", value=lang))
    previous, _current = _current, parsed
    return previous


def get_language() -> Lang:
    """The current language: :func:`set_language`'s, else ``TUKIN_LANG``'s at import, else
    ``"id"``."""
    return _current


def resolve(lang: str | None) -> Lang:
    """``lang`` when given, else the current setting; a language tukin does not speak is a
    ``ValueError`` rather than a silent fall-back to one it does."""
    if lang is None:
        return _current
    parsed = _parse(lang)
    if parsed is None:
        raise ValueError(render("invalid_language", "en", value=lang))
    return parsed
