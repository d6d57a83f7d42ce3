"""The registry of rule types: built-ins, ``@tukin.rule`` in Python, and installed plug-ins.

A regency ships its own Perbup rule as a package exposing an entry point in the group
``tukin.rules``; tukin discovers it on first use, so no fork is needed. The entry point may
name a module (importing it runs its ``@rule`` decorators) or a rule function/class.
"""

from __future__ import annotations

import difflib
import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib.metadata import entry_points
from typing import Any, TypeVar

from pydantic import BaseModel, ConfigDict

from tukin.errors import RuleProblem, RuleSetError, UnknownRuleTypeError

ENTRY_POINT_GROUP = "tukin.rules"

F = TypeVar("F", bound=Callable[..., Any])


class NoParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


@dataclass(frozen=True)
class PerEmployee:
    """A rule type's declaration that it works on an employee's *whole* monthly amount (a
    wage cap, a tax on the month's income, a supplement or a ceiling per employee): run once
    per position held in the period (at or before ``position_history.sum_at``), it would
    apply once per position and give a wrong sum, so a rule file placing it there is refused.

    ``en`` / ``id_``: what it does to the whole amount, said in the refusal ("withholds a
    contribution on a wage capped per employee"). ``when(params, ruleset)``: for a rule type
    that does so only with some parameters (a clamp whose bound is an amount in rupiah, not
    a percentage), whether this step does; None: always. ``params`` is the step's raw
    mapping (a ``$name`` not yet read), ``ruleset`` the :class:`~tukin.ruleset.model.RuleSet`.
    """

    en: str
    id_: str
    when: Callable[[Mapping[str, Any], Any], bool] | None = None

    def applies(self, params: Mapping[str, Any], ruleset: Any) -> bool:
        return self.when is None or bool(self.when(params, ruleset))


@dataclass(frozen=True)
class RuleType:
    """A registered rule type: its parameter schema and the function evaluating whole columns.

    ``group_level`` rule types (budget ceilings) look at every row of a group at once; they must
    work on integer rupiah so they are exact without the fallback path. ``per_employee``
    (:class:`PerEmployee`): the type works on an employee's whole monthly amount, so it must
    come after ``position_history.sum_at`` (the rule-file check refuses it at or before).
    """

    name: str
    compute: Callable[..., Any]
    params: type[BaseModel] = NoParams
    description: str = ""
    group_level: bool = False
    origin: str = "builtin"
    tags: tuple[str, ...] = field(default=())
    prepare: Callable[[Any, Any, Any], None] | None = None
    per_employee: PerEmployee | None = None


_REGISTRY: dict[str, RuleType] = {}
_plugins_loaded = False
_BUILTINS = (
    "tukin.rules.basic",
    "tukin.rules.achievement",
    "tukin.rules.discipline",
    "tukin.rules.appraisal",
    "tukin.rules.allowance",
    "tukin.rules.bands",
    "tukin.rules.hierarchy",
    "tukin.rules.budget",
    "tukin.rules.deductions",
    "tukin.rules.sanctions",
    "tukin.rules.acting",
)
_builtins_loaded = False


def rule(
    name: str,
    *,
    params: type[BaseModel] | None = None,
    description: str | None = None,
    group_level: bool = False,
    replace: bool = False,
    prepare: Callable[[Any, Any, Any], None] | None = None,
    per_employee: PerEmployee | None = None,
) -> Callable[[F], F]:
    """Register a rule type: ``compute(ctx, params) -> column``.

    ``params`` is a pydantic model (use ``extra="forbid"`` so a typo in a rule file is an
    error). The function works on whole columns through ``ctx`` (see
    :class:`tukin.calc.context.StepContext`); it is called once for all employees, and again
    for the few rows the exact path recomputes, so it must not depend on which rows it gets.

    ``prepare(dataset, period, params)``, optional, computes what the rule keeps per Dataset
    (a hierarchy, a roll-up) ahead of time: on a large Dataset the engine runs it on a second
    thread while the employee frame is built, and waits for it before the first step with a
    ``prepare`` runs. It must only fill caches ``compute`` would otherwise fill itself (so a
    result never depends on it), and must not read the employee frame. Its errors are
    ignored: ``compute`` meets them again, with the step's context.

    ``per_employee`` (:class:`PerEmployee`) declares a type working on an employee's whole
    monthly amount (a wage cap, a tax, a supplement per employee): a rule file running it
    once per position held in the period, at or before ``position_history.sum_at``, is
    refused on loading, naming the step, its type and ``sum_at``.
    """

    def deco(fn: F) -> F:
        if name in _REGISTRY and not replace:
            existing = _REGISTRY[name]
            if existing.compute is not fn:
                raise ValueError(f"rule type {name!r} is already registered by {existing.origin}")
        _REGISTRY[name] = RuleType(
            name=name,
            compute=fn,
            params=params or NoParams,
            description=(description or (fn.__doc__ or "")).strip(),
            group_level=group_level,
            origin=getattr(fn, "__module__", "python"),
            prepare=prepare,
            per_employee=per_employee,
        )
        return fn

    return deco


def _load_builtins() -> None:
    global _builtins_loaded
    if _builtins_loaded:
        return
    for mod in _BUILTINS:
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            if exc.name != mod:
                raise
    _builtins_loaded = True  # only once every module imported: a failure is retried, not hidden


def load_plugins(*, force: bool = False) -> list[str]:
    """Import every ``tukin.rules`` entry point; returns the names of the entry points loaded.

    A plug-in whose import (or registration) raises does not stop the others: each is
    loaded, then a :class:`~tukin.errors.RuleSetError` (``rule_type_failed``) names every
    entry point that failed, its module and what it raised, and the failed ones are tried
    again at the next call (not hidden). A plug-in author sees their own error, not a
    traceback through tukin's loader."""
    global _plugins_loaded
    if _plugins_loaded and not force:
        return []
    loaded = []
    failed: list[tuple[str, str, BaseException]] = []
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        try:
            obj = ep.load()
            # a function its module's @rule registered already (under any name) keeps that
            # name and parameter model: a second name without parameters would refuse its keys
            registered = any(t.compute is obj for t in _REGISTRY.values())
            if callable(obj) and not isinstance(obj, type) and not registered:
                rule(ep.name)(obj)
        except Exception as exc:  # a plug-in's own code: any error it makes is its own
            failed.append((ep.name, ep.value, exc))
            continue
        loaded.append(ep.name)
    if failed:
        _plugins_loaded = False
        raise RuleSetError([_plugin_failed(*f) for f in failed]) from failed[0][2]
    _plugins_loaded = True  # only when all loaded: a plug-in that fails is retried, not hidden
    return loaded


def raised(exc: BaseException) -> str:
    """What a plug-in's code raised, as a message quotes it: ``KeyError: 'cap'``."""
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def _plugin_failed(name: str, value: str, exc: BaseException) -> RuleProblem:
    """The problem of entry point ``name`` (``value``: its module or function) whose loading
    raised ``exc``."""
    return RuleProblem(
        "rule_type_failed",
        f"the plug-in entry point {name!r} ({value}) of the group '{ENTRY_POINT_GROUP}' could "
        f"not be loaded: importing or registering it raised {raised(exc)} (an error in the "
        "plug-in's code, not in the rule file)",
        f"entry point plug-in {name!r} ({value}) pada grup '{ENTRY_POINT_GROUP}' tidak dapat "
        f"dimuat: mengimpor atau mendaftarkannya memunculkan {raised(exc)} (kesalahan pada "
        "kode plug-in, bukan pada berkas aturan)",
        key=name,
    )


def get(name: str) -> RuleType:
    """The rule type called ``name``; an :class:`UnknownRuleTypeError` suggests near names."""
    _load_builtins()
    failed: list[RuleProblem] = []
    if name not in _REGISTRY:
        try:
            load_plugins()
        except RuleSetError as exc:  # a broken plug-in: the others were loaded
            failed = list(exc.problems)
    if name not in _REGISTRY:
        raise UnknownRuleTypeError([_unknown(name, failed)])
    return _REGISTRY[name]


def _unknown(name: str, failed: list[RuleProblem] | None = None) -> RuleProblem:
    """The problem of a step naming ``name``: the near names (else every name known), and
    where a plug-in's types come from, since a rule file written for one fails exactly so
    where the plug-in is missing (another computer, a fresh environment, the CLI). With
    ``failed`` (the plug-ins that could not be loaded), what each raised: the type may be
    one of theirs, so the code ``rule_type_failed`` is theirs too."""
    if failed:
        en = "; ".join(p.message_en for p in failed)
        id_ = "; ".join(p.message("id") for p in failed)
        return RuleProblem(
            "rule_type_failed",
            f"unknown rule type {name!r}, and it may be a plug-in's that could not be loaded: {en}",
            f"jenis aturan {name!r} tidak dikenal, dan mungkin milik plug-in yang tidak dapat "
            f"dimuat: {id_}",
        )
    close = difflib.get_close_matches(name, list(_REGISTRY), n=3)
    if close:
        en, id_ = f" (did you mean {', '.join(close)}?)", f" (maksud Anda {', '.join(close)}?)"
    else:
        known = ", ".join(sorted(_REGISTRY))
        en, id_ = f"; known types: {known}", f"; jenis yang dikenal: {known}"
    return RuleProblem(
        "unknown_rule_type",
        f"unknown rule type {name!r}{en}; a plug-in's rule types come from an installed "
        f"package with an entry point in the group '{ENTRY_POINT_GROUP}' (no installed "
        "package registers this one), or, in Python, from @tukin.rule in a module imported "
        "before the rule file is loaded",
        f"jenis aturan {name!r} tidak dikenal{id_}; jenis aturan plug-in berasal dari paket "
        f"terpasang yang mendaftarkannya pada grup entry point '{ENTRY_POINT_GROUP}' (tidak "
        "ada paket terpasang yang mendaftarkan jenis ini), atau, di Python, dari @tukin.rule "
        "dalam modul yang diimpor sebelum berkas aturan dimuat",
    )


def names() -> list[str]:
    """Every registered rule type, sorted."""
    _load_builtins()
    load_plugins()
    return sorted(_REGISTRY)


def all_types() -> dict[str, RuleType]:
    _load_builtins()
    load_plugins()
    return dict(sorted(_REGISTRY.items()))
