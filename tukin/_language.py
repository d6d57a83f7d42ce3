"""The language of what tukin shows people: one setting instead of a default per function.

The regency's HR officers are tukin's main human readers, so messages, reports, plots,
workbooks and explanations are in Indonesian (``"id"``) unless told otherwise. A person
working in English sets it once, for the session (:func:`set_language`) or for every run on
the machine (the environment variable ``TUKIN_LANG=en``, read when tukin is imported), instead
of passing ``lang="en"`` to every call. Every user-facing ``lang`` parameter defaults to
``None``, which means the language in force *when the call is made*; an explicit ``lang``
always wins.

Two levels, because a notebook and a web service want different things:

* :func:`set_language` is the session-wide default: one value for the process, what a
  Jupyter user sets once at the top of a notebook.
* ``with language("en"): ...`` overrides it for the code inside the block only, in this
  thread or asyncio task (a :class:`contextvars.ContextVar`): a service serving requests on
  threads or tasks sets each request's language without touching the others'. The work
  tukin itself runs on helper threads (a large calculation's fingerprint, prepare and copy
  threads) runs in a copy of the caller's context (:func:`in_this_context`), so it speaks
  the caller's language too.

Errors follow the same rule: ``str(error)`` is in the language in force when the error was
raised (unless the raising call named one), and ``error.message("en")`` /
``error.message("id")`` give either.

A worker process (Dask, a process pool) has its own setting, so code that sends work to one
resolves ``lang`` before sending it.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
import os
import warnings
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from typing import Any, ParamSpec, TypeVar, cast

from tukin.errors import ArgumentError, Lang, render

__all__ = [
    "DEFAULT",
    "ENV_VAR",
    "LANGS",
    "get_language",
    "in_this_context",
    "language",
    "resolve",
    "set_language",
]

LANGS: tuple[Lang, ...] = ("id", "en")
DEFAULT: Lang = "id"
ENV_VAR = "TUKIN_LANG"


def _parse(value: object) -> Lang | None:
    text = str(value).strip().lower() if isinstance(value, str) else None
    return cast(Lang, text) if text in LANGS else None


def _checked(lang: object) -> Lang:
    """``lang`` as a language tukin speaks; anything else is refused (``invalid_language``),
    never read as the other language."""
    parsed = _parse(lang)
    if parsed is None:
        raise ArgumentError(code="invalid_language", value=lang)
    return parsed


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
#: the language of a ``with language(...)`` block in force in this context (thread, task)
_override: contextvars.ContextVar[Lang | None] = contextvars.ContextVar(
    "tukin_language", default=None
)


def set_language(lang: str) -> Lang:
    """Set the session-wide language of messages, reports, plots and workbooks (``"id"`` or
    ``"en"``) for this process; return the previous setting, so a caller can put it back.

    A ``with language(...)`` block in force wins over it inside the block. A language tukin
    does not speak is an :class:`~tukin.ArgumentError` (also a ``ValueError``).

    >>> previous = set_language("en")
    >>> get_language()
    'en'
    >>> _ = set_language(previous)
    """
    global _current
    parsed = _checked(lang)
    previous, _current = _current, parsed
    return previous


@contextmanager
def language(lang: str) -> Iterator[Lang]:
    """Speak ``lang`` (``"id"`` or ``"en"``) inside the block, in this thread or asyncio task
    only: what a service uses per request, where :func:`set_language` would change every
    other request's language too. Blocks nest; the language before is back on leaving.

    >>> with language("en"):
    ...     get_language()
    'en'
    """
    token = _override.set(_checked(lang))
    try:
        yield cast(Lang, _override.get())
    finally:
        _override.reset(token)


_P = ParamSpec("_P")
_T = TypeVar("_T")


def speaking(lang: str | None) -> AbstractContextManager[Any]:
    """``with language(lang)`` when a call was given ``lang``, else nothing: a ``lang=``
    argument decides the language of the call's errors too, not only of what it returns."""
    return language(lang) if lang is not None else nullcontext()


def speaks_lang(fn: Callable[_P, _T]) -> Callable[_P, _T]:
    """A public call whose ``lang=`` argument (when given) is in force for its whole body,
    errors included (:func:`speaking`)."""
    signature = inspect.signature(fn)

    @functools.wraps(fn)
    def call(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        lang = kwargs.get("lang")
        if lang is None and "lang" not in kwargs:
            bound = signature.bind_partial(*args, **kwargs)
            lang = bound.arguments.get("lang")
        with speaking(lang if isinstance(lang, str) else None):
            return fn(*args, **kwargs)

    return call


def get_language() -> Lang:
    """The language in force here: a ``with language(...)`` block's, else
    :func:`set_language`'s, else ``TUKIN_LANG``'s at import, else ``"id"``."""
    return _override.get() or _current


def resolve(lang: str | None) -> Lang:
    """``lang`` when given, else the language in force; a language tukin does not speak is
    an :class:`~tukin.ArgumentError` (a ``ValueError``) rather than a silent fall-back."""
    if lang is None:
        return get_language()
    return _checked(lang)


def in_this_context(fn: Callable[_P, _T]) -> Callable[_P, _T]:
    """``fn``, to run on another thread in a copy of the calling thread's context.

    A new thread starts with an empty context, so a ``with language("en")`` around a
    calculation would not reach the work tukin runs on its helper threads, and the messages
    made there would be in the session's language. Each call runs in a copy of its own (one
    context cannot be entered by two threads at once), so ``fn`` may run on several."""
    context = contextvars.copy_context()

    def run(*args: _P.args, **kwargs: _P.kwargs) -> _T:
        return context.copy().run(fn, *args, **kwargs)

    return run
