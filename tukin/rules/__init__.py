"""The facade for rule-type authors: register with :func:`rule`, compute with the context."""

from tukin.calc import num as N
from tukin.calc.context import StepContext
from tukin.rules.registry import (
    PerEmployee,
    RuleType,
    all_types,
    get,
    load_plugins,
    names,
    rule,
)

__all__ = [
    "N",
    "PerEmployee",
    "RuleType",
    "StepContext",
    "all_types",
    "get",
    "load_plugins",
    "names",
    "rule",
]
