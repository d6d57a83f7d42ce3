"""What a rule file says about the unit of a column, read without calculating.

The engine knows each column's unit only when it runs (:mod:`tukin.calc.num` carries it). The
loader needs it earlier for one question: does a step at or before
``position_history.sum_at`` work on an amount in rupiah (a clamp of an amount, bands over
one), which per position would apply to each part (:class:`~tukin.rules.registry.PerEmployee`).
This module answers it from what the file declares: a ``lookup`` or ``bands`` with
``unit: rupiah``, a ``formula`` with ``unit: rupiah`` or one whose expression gives rupiah
(an earlier amount times a ratio, ``rupiah(...)``, a parameter with ``unit: rupiah``), and a
``round`` or ``clamp`` of such a column. Anything else (an input column of the data, a
plug-in's type, a built-in type that does not declare its unit) is *not known* here, and
answered False: a step is refused only for what the file says, never guessed.
"""

from __future__ import annotations

import ast
from typing import Any

__all__ = ["says_rupiah"]

#: types whose column has the unit of their ``input``
_SAME_AS_INPUT = ("round", "clamp")


def says_rupiah(ruleset: Any, column: Any) -> bool:
    """Whether the rule file says ``column`` (a step's id) is an amount in rupiah; False
    when it does not say or cannot be read (see the module's docstring)."""
    return isinstance(column, str) and _step_rupiah(ruleset, column, frozenset())


def _step_rupiah(ruleset: Any, column: str, seen: frozenset[str]) -> bool:
    if column in seen:
        return False
    step = next((s for s in ruleset.steps if s.id == column), None)
    if step is None:
        return False
    seen = seen | {column}
    params = step.params
    if step.type in ("lookup", "bands", "formula") and params.get("unit") == "rupiah":
        return True
    if step.type in _SAME_AS_INPUT:
        source = params.get("input")
        return isinstance(source, str) and _step_rupiah(ruleset, source, seen)
    if step.type == "formula" and params.get("unit") is None:
        expr = params.get("expr")
        return isinstance(expr, str) and _formula_rupiah(ruleset, expr, seen)
    return False


def _formula_rupiah(ruleset: Any, expr: str, seen: frozenset[str]) -> bool:
    from tukin.rules.basic import parse_formula

    try:
        tree = parse_formula(expr)
    except ValueError:
        return False  # refused with the step's own problems
    return _node_rupiah(ruleset, tree.body, seen)


def _node_rupiah(ruleset: Any, node: ast.AST, seen: frozenset[str]) -> bool:
    """The unit a formula's engine gives ``node``: rupiah through ``*`` by a ratio, ``/`` by
    a ratio, ``+ - min max clip abs`` and the branches of ``if_``; a ratio from a comparison,
    a constant or ``rupiah / rupiah``."""
    if isinstance(node, ast.Name):
        param = ruleset.parameters.get(node.id)
        if param is not None and not any(s.id == node.id for s in ruleset.steps):
            return bool(param.in_rupiah)
        return _step_rupiah(ruleset, node.id, seen)
    if isinstance(node, ast.BinOp):
        left = _node_rupiah(ruleset, node.left, seen)
        right = _node_rupiah(ruleset, node.right, seen)
        if isinstance(node.op, ast.Div):
            return left and not right
        return left or right
    if isinstance(node, ast.UnaryOp):
        return _node_rupiah(ruleset, node.operand, seen)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        if node.func.id == "rupiah":
            return True
        args = node.args[1:] if node.func.id == "if_" else node.args
        return any(_node_rupiah(ruleset, a, seen) for a in args)
    if isinstance(node, ast.IfExp):
        return _node_rupiah(ruleset, node.body, seen) or _node_rupiah(ruleset, node.orelse, seen)
    return False
