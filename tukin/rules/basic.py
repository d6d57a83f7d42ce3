"""General-purpose rule types: formula, lookup, round, clamp.

``formula`` reads a small arithmetic language (``base * (0.6 * kinerja + 0.4 * disiplin)``)
through a whitelist walk of Python's parser output: only numbers, names, + - * /,
comparisons, ``and``/``or``/``not`` and the functions min, max, clip, abs, if_ and rupiah
are accepted. Nothing is ever evaluated by Python itself, so a rule file cannot run code.

A name is an earlier step's output, else a parameter, else an input column (``_Eval.name``
says why in that order), a column's header also written as a name (``Jam Kerja`` as
``jam_kerja``); a yes/no column counts 1/0 in arithmetic, and text is compared, never
computed with.
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterable, Mapping
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from tukin._language import resolve as resolve_lang
from tukin._wording import input_said, rounding_said
from tukin.calc import num as N
from tukin.calc.context import StepContext, _norm_key
from tukin.contract import fixed_values
from tukin.errors import CalculationError
from tukin.money import RoundingMode
from tukin.rules.registry import PerEmployee, rule
from tukin.ruleset.types import (
    ColumnName,
    Exact,
    exact_text,
    number_limit,
    refuse_field,
    to_exact,
)

MAX_FORMULA = 2000
#: The note of a formula step naming the input columns it did not read because a parameter
#: of the same name came first (see ``_Eval.name``); the run warns about them.
SHADOWED = "parameter_over_column"


class _P(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FormulaParams(_P):
    expr: str = Field(description="Arithmetic over columns, earlier steps and parameters.")
    unit: Literal["rupiah", "none"] | None = Field(
        None, description="Declare the result's unit; checked against what the formula gives."
    )

    @field_validator("expr")
    @classmethod
    def _check(cls, v: str) -> str:
        parse_formula(v)
        return v


_BIN = (ast.Add, ast.Sub, ast.Mult, ast.Div)
_CMP = (ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq)
_FUNCS = {"min": 2, "max": 2, "clip": 3, "abs": 1, "if_": 3, "rupiah": 1}


def _formula_error(en: str, id_: str) -> PydanticCustomError:
    """A formula refused, in both languages (a ValueError; tukin.ruleset.check words it)."""
    return PydanticCustomError("formula_invalid", "{message}", {"message": en, "message_id": id_})


def parse_formula(expr: str) -> ast.Expression:
    """Parse and whitelist a formula; raise ValueError naming the first thing not allowed.

    Kept per text (the tree is only read, never changed): a rule set's formulas are parsed
    when it is loaded and again by every calculation and explanation, and a planning search
    (``tukin.planning.max_multiplier``: a year of months per step) parsed each some ten
    times per month, a tenth of its time on a small regency. A refused formula is not kept:
    it raises each time."""
    return _parsed(expr)


@functools.lru_cache(maxsize=1024)
def _parsed(expr: str) -> ast.Expression:
    if len(expr) > MAX_FORMULA:
        raise _formula_error(
            f"formula longer than {MAX_FORMULA} characters",
            f"formula lebih dari {MAX_FORMULA} karakter",
        )
    try:
        tree = ast.parse(expr.strip(), mode="eval")
    except SyntaxError as exc:
        # a step key's `$name` written in a formula (outside quoted text): say what to write
        dollar = re.search(r"\$+([^\W\d]\w*)", re.sub(r"\"[^\"]*\"|'[^']*'", "", expr))
        if dollar:
            name, written = dollar.group(1), dollar.group(0)
            raise _formula_error(
                f"a formula names a parameter without '$': write '{name}', not '{written}'",
                f"formula menyebut parameter tanpa '$': tulis '{name}', bukan '{written}'",
            ) from None
        percent = re.search(r"(\d[\d_.,]*)\s*%", re.sub(r"\"[^\"]*\"|'[^']*'", "", expr))
        if percent:  # dasar * 60%: the rule file's way of writing a share, not a formula's
            written = percent.group(0).replace(" ", "")
            raise _formula_error(
                f"a formula does not take percentages: write {written} as the ratio (60% as "
                f"0.6), or put it in a parameter (value: {written}) and name it",
                f"formula tidak menerima persen: tulis {written} sebagai rasio (60% sebagai "
                f"0.6), atau taruh di parameter (value: {written}) lalu sebut namanya",
            ) from None
        at = f" (column {exc.offset})" if exc.offset else ""
        at_id = f" (kolom {exc.offset})" if exc.offset else ""
        raise _formula_error(
            f"formula does not parse: {exc.msg}{at}",
            f"formula tidak dapat dibaca: {_SYNTAX_ID.get(exc.msg, exc.msg)}{at_id}",
        ) from None
    allowed = ", ".join(_FUNCS)
    lists = _membership_lists(tree)
    for node in ast.walk(tree):
        if id(node) in lists or isinstance(node, ast.In | ast.NotIn):
            continue  # checked by _membership_lists: constants, after 'in' / 'not in' only
        if isinstance(
            node,
            ast.Expression
            | ast.Name
            | ast.Load
            | ast.BinOp
            | ast.UnaryOp
            | ast.Compare
            | ast.BoolOp,
        ):
            continue
        if (
            isinstance(node, ast.Constant)
            and isinstance(node.value, int | float | str)
            and not isinstance(node.value, bool)
        ):
            if not isinstance(node.value, str):  # 1e999999999: refused before it is made
                problem = number_limit(_written(expr, node))
                if problem is not None:
                    raise _formula_error(*problem)
            continue
        if isinstance(node, _BIN + _CMP + (ast.USub, ast.UAdd, ast.Not, ast.And, ast.Or)):
            continue
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in _FUNCS
        ):
            if node.keywords or len(node.args) != _FUNCS[node.func.id]:
                name, k = node.func.id, _FUNCS[node.func.id]
                raise _formula_error(
                    f"{name}() takes {k} arguments", f"{name}() menerima {k} argumen"
                )
            continue
        what = what_id = _WRITTEN.get(type(node).__name__, type(node).__name__)
        if isinstance(node, ast.Call):
            callee = node.func.id if isinstance(node.func, ast.Name) else None
            what = "call of " + (callee or "an expression")
            what_id = "panggilan " + (callee or "sebuah ekspresi")
        elif isinstance(node, ast.Constant):  # True, None, b"..", 1j: as written
            what = what_id = ast.unparse(node)
        elif isinstance(node, ast.Attribute | ast.Subscript):
            what, what_id = f"{what} ({ast.unparse(node)})", f"{what_id} ({ast.unparse(node)})"
        raise _formula_error(
            f"'{what}' is not allowed in a formula (allowed: numbers, names, + - * /, "
            f"comparisons, {allowed})",
            f"'{what_id}' tidak diizinkan dalam formula (yang diizinkan: angka, nama, "
            f"+ - * /, perbandingan, {allowed})",
        )
    return tree


def _written(expr: str, node: ast.Constant) -> str:
    """A number as the formula writes it (``0.1``, not the float's ``0.1000000000000000055``)."""
    return ast.get_source_segment(expr.strip(), node) or repr(node.value)


def _membership_lists(tree: ast.Expression) -> set[int]:
    """The ids of the lists written after ``in`` / ``not in`` (``position_id in ("AUD-1",
    "SRV-2")``: the eligible posts a Perbup lists) and of their items, checked here: a list
    only there, of texts or of numbers written out, and the membership not chained (``a in
    (1, 2) in (3,)`` means nothing to a rule author)."""
    ids: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Compare):
            continue
        for op, right in zip(node.ops, node.comparators, strict=True):
            if not isinstance(op, ast.In | ast.NotIn):
                continue
            word = "in" if isinstance(op, ast.In) else "not in"
            if isinstance(right, ast.Name) and len(node.ops) == 1:
                continue  # a parameter holding the list: checked with the rule set
            if len(node.ops) > 1:
                raise _formula_error(
                    f"'{word}' cannot be chained with another comparison: write 'and'",
                    f"'{word}' tidak dapat dirangkai dengan perbandingan lain: tulis 'and'",
                )
            items = right.elts if isinstance(right, ast.Tuple | ast.List) else None
            if not items or not all(
                isinstance(i, ast.Constant)
                and isinstance(i.value, int | float | str)
                and not isinstance(i.value, bool)
                for i in items
            ):
                raise _formula_error(
                    f"'{word}' takes a list of texts or numbers written out, "
                    f'position_id {word} ("AUD-1", "SRV-2"), or a parameter holding one',
                    f"'{word}' memerlukan daftar teks atau angka yang ditulis langsung, "
                    f'position_id {word} ("AUD-1", "SRV-2"), atau parameter berisi daftar',
                )
            kinds = {isinstance(i.value, str) for i in items if isinstance(i, ast.Constant)}
            if len(kinds) > 1:
                raise _formula_error(
                    f"the list after '{word}' mixes texts and numbers",
                    f"daftar setelah '{word}' mencampur teks dan angka",
                )
            ids.add(id(right))
            ids.update(id(i) for i in items)
    return ids


#: What the rule author wrote, for the Python syntax a formula does not allow (the parser's
#: node names, ``Pow``, mean nothing to the author of a rule file)
_WRITTEN = {
    "Pow": "**",
    "Mod": "%",
    "FloorDiv": "//",
    "MatMult": "@",
    "BitAnd": "&",
    "BitOr": "|",
    "BitXor": "^",
    "LShift": "<<",
    "RShift": ">>",
    "Invert": "~",
    "Attribute": ".",
    "Subscript": "[ ]",
    "Lambda": "lambda",
    "IfExp": "if ... else",
    "ListComp": "[... for ...]",
    "List": "[ ]",
    "Tuple": "( , )",
    "Dict": "{ }",
    "Set": "{ }",
    "Starred": "*",
    "NamedExpr": ":=",
    "JoinedStr": "f-string",
    "Is": "is",
    "IsNot": "is not",
    "In": "in",
    "NotIn": "not in",
}

#: Python's commonest syntax messages, in Indonesian (any other is shown as Python says it)
_SYNTAX_ID = {
    "invalid syntax": "susunan tidak sah",
    "'(' was never closed": "'(' tidak pernah ditutup",
    "unmatched ')'": "')' tanpa pasangan '('",
    "invalid decimal literal": "angka desimal tidak sah",
    "unterminated string literal (detected at line 1)": "teks tanpa tanda kutip penutup",
    "invalid syntax. Perhaps you forgot a comma?": "susunan tidak sah; mungkin ada koma yang kurang?",
}


class _Eval:
    def __init__(self, ctx: StepContext, src: str) -> None:
        self.ctx, self.src = ctx, src

    def name(self, ident: str) -> Any:
        """An earlier step's output, else a parameter of the rule file, else an input column.

        A parameter comes before a column: the rule file's author declared it, while which
        extra columns an export carries is up to whoever made the file, and the same rule
        file must not pay differently because a sheet happens to hold a column of that name.
        The column left unread is noted (the run warns ``parameter_shadows_column``).
        """
        ctx = self.ctx
        if ctx.computed(ident):
            return ctx.col(ident)
        params = ctx.ruleset.parameters
        if ident in params:
            try:
                shadows = ctx.has(ident)
            except CalculationError:  # two headers both read as this name: both hidden
                shadows = True
            if shadows:
                shadowed = ctx.notes.get(SHADOWED)
                ctx.note(SHADOWED, ident if not shadowed else f"{shadowed}, {ident}")
            dv = ctx.ruleset.parameter_at(ident, ctx.period)
            ctx.cache.setdefault("used", {})[ident] = dv
            return ctx.const(to_exact(dv.value), unit="rupiah" if params[ident].in_rupiah else None)
        if ctx.has(ident):  # a sheet's header too, written as a name ("Jam Kerja": jam_kerja)
            if ctx.blank_input(ident):  # NaN floats from frames: blank as a reader's None is
                return np.full(ctx.n, None, dtype=object)
            return ctx.col(ident)
        raise ctx.error("formula_unknown_name", name=ident)

    def _flags_as_numbers(self, a: Any, b: Any) -> tuple[Any, Any]:
        """A yes/no column compared with a number (``tidak_menilai == 1``) as 1/0."""
        nums = (N.FNum, N.XNum)
        out = []
        for x, other in ((a, b), (b, a)):
            flag = isinstance(x, np.ndarray) and x.dtype == bool and isinstance(other, nums)
            out.append(self.ctx.numbers(x.astype(np.int64)) if flag else x)
        return out[0], out[1]

    def _comparable(self, node: ast.AST, a: Any, b: Any) -> tuple[Any, Any]:
        """``a`` and ``b`` as ``==`` compares them (``node``: the comparison, to name it): a
        yes/no column against a number as 1/0, a column blank for everyone against a number
        as blank numbers (as arithmetic reads it). A text against a number, or against a
        yes/no column, is refused: they are never equal, so every employee was silently
        "no" (``flag == "ya"``) or the step failed naming a Python error."""
        a, b = self._flags_as_numbers(a, b)
        nums = (N.FNum, N.XNum)
        out = []
        for x, other in ((a, b), (b, a)):
            blank = (
                isinstance(x, np.ndarray)
                and x.dtype == object
                and isinstance(other, nums)
                and bool(pd.isna(x).all())
            )
            out.append(self.ctx.numbers(np.full(len(x), np.nan)) if blank else x)
        a, b = out
        kinds = {_kind(a), _kind(b)}
        if "text" in kinds and len(kinds) > 1:
            code = "formula_text_number" if "number" in kinds else "formula_text_flag"
            raise self._refused(node, code)
        return a, b

    def condition(self, node: ast.AST) -> np.ndarray:
        """The value of ``node`` where a yes/no is needed (``if_``, ``and``, ``or``,
        ``not``): a comparison or a yes/no column. A number or a text is refused: read as a
        truth value it was "yes" for every employee (a whole column is one object), so
        ``if_(terpencil, 2, 1)`` over a column of 1 and 0 paid everyone double."""
        value = self(node)
        if isinstance(value, np.ndarray) and value.dtype == bool:
            return value
        raise self._refused(node, "formula_condition")

    def _refused(self, node: ast.AST, code: str) -> CalculationError:
        """The error of ``node`` used where it cannot be (message ``code``), naming it as the
        formula writes it."""
        shown = ast.get_source_segment(self.src, node) or "?"
        return CalculationError(
            value=self.ctx.step.id, detail_code=code, lang=resolve_lang(None), name=shown
        )

    def number(self, node: ast.AST) -> Any:
        """The value of ``node`` where arithmetic needs a number: a yes/no column or a
        comparison counts as 1/0; text is an error that says what to write instead."""
        value = self(node)
        if isinstance(value, N.FNum | N.XNum):
            return value
        if isinstance(value, np.ndarray) and value.dtype == bool:
            return self.ctx.numbers(value.astype(np.int64))
        if isinstance(value, np.ndarray) and value.dtype == object and pd.isna(value).all():
            # a column blank for everyone (a measure nobody has this month): no number, so
            # each employee whose amount needs it is rejected naming it, not a "text" error
            return self.ctx.numbers(np.full(len(value), np.nan))
        cell = self._not_a_number(node)
        if cell is not None:  # a column of numbers but for a cell the reader named
            shown = ast.get_source_segment(self.src, node) or "?"
            raise CalculationError(
                value=self.ctx.step.id,
                detail_code="formula_text_cell",
                lang=resolve_lang(None),
                name=shown,
                **cell,
            )
        raise self._refused(node, "formula_text_arithmetic")

    def _not_a_number(self, node: ast.AST) -> dict[str, Any] | None:
        """Where the column ``node`` names holds a cell that reads as no number, as the
        reader said it (``extra_not_numbers``: the sheet, its row, the column): the cell a
        clerk must retype, rather than "text" about a column of amounts."""
        dataset = self.ctx.dataset
        if not isinstance(node, ast.Name) or dataset is None:
            return None
        try:
            column = self.ctx._named(node.id)
        except CalculationError:
            return None
        for warning in dataset.warnings:
            if warning.code == "extra_not_numbers" and warning.fields.get("column") == column:
                return {k: warning.fields[k] for k in ("where", "cell", "count")}
        return None

    def listed(self, ident: str) -> list[Any]:
        """The items of the list parameter ``ident`` in force (``position_id in
        profesi_langka``), texts as texts and numbers exact; noted as used, so that the
        explanation shows the list with its legal reference."""
        ctx = self.ctx
        if ctx.computed(ident) or ident not in ctx.ruleset.parameters:
            raise ctx.error("formula_in_list", name=ident)
        dv = ctx.ruleset.parameter_at(ident, ctx.period)
        if not isinstance(dv.value, list | tuple):
            raise ctx.error("formula_in_list", name=ident)
        ctx.cache.setdefault("used", {})[ident] = dv
        return [v if isinstance(v, str) else ctx.const(to_exact(v)) for v in dv.value]

    def membership(self, node: ast.Compare) -> np.ndarray:
        """``x in (a, b, ...)``: ``x == a or x == b or ...``, each equality as ``==`` reads it
        (exact numbers, text to a text column); ``not in`` its negation."""
        left = self(node.left)
        right = node.comparators[0]
        if isinstance(right, ast.Name):
            items = self.listed(right.id)
        else:
            assert isinstance(right, ast.Tuple | ast.List)
            items = [self(item) for item in right.elts]
        if (
            isinstance(left, np.ndarray)
            and left.dtype == object
            and len(items) > 1
            and all(isinstance(i, str) for i in items)
        ):
            # a text column against texts: one hashed pass, not one pass per item (300
            # eligible posts were 300 comparisons of every employee); a text equals a text
            # as '==' has it, and a blank is none of them
            listed = pd.Series(left, dtype=object).isin(items).to_numpy(dtype=bool)
            return ~listed if isinstance(node.ops[0], ast.NotIn) else listed
        found: np.ndarray | None = None
        for item in items:
            a, b = self._comparable(node, left, item)
            hit = _compare(self.ctx, a, ast.Eq(), b)
            found = hit if found is None else (found | hit)
        assert found is not None
        return ~found if isinstance(node.ops[0], ast.NotIn) else found

    def __call__(self, node: ast.AST) -> Any:
        if isinstance(node, ast.Expression):
            return self(node.body)
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        if isinstance(node, ast.Constant):
            return self.ctx.const(exact_text(_written(self.src, node).replace("_", "")))
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.Not):
                return ~self.condition(node.operand)
            v = self.number(node.operand)
            return -v if isinstance(node.op, ast.USub) else v
        if isinstance(node, ast.BinOp):
            a, b = self.number(node.left), self.number(node.right)
            op = node.op
            if isinstance(op, ast.Add):
                return a + b
            if isinstance(op, ast.Sub):
                return a - b
            if isinstance(op, ast.Mult):
                return a * b
            return a / b
        if isinstance(node, ast.BoolOp):
            vals = [self.condition(v) for v in node.values]
            out = vals[0]
            for v in vals[1:]:
                out = (out & v) if isinstance(node.op, ast.And) else (out | v)
            return out
        if isinstance(node, ast.Compare) and isinstance(node.ops[0], ast.In | ast.NotIn):
            return self.membership(node)
        if isinstance(node, ast.Compare):
            left = self(node.left)
            result = None
            for cmp_op, comp in zip(node.ops, node.comparators, strict=True):
                right = self(comp)
                left, right = self._comparable(node, left, right)
                r = _compare(self.ctx, left, cmp_op, right)
                result = r if result is None else (result & r)
                left = right
            return result
        if isinstance(node, ast.Call):
            assert isinstance(node.func, ast.Name)
            f = node.func.id
            numeric = node.args[1:] if f == "if_" else node.args
            args: list[Any] = [self.number(a) if a in numeric else None for a in node.args]
            if f == "min":
                return N.minimum(args[0], args[1])
            if f == "max":
                return N.maximum(args[0], args[1])
            if f == "clip":
                return N.clip(args[0], args[1], args[2])
            if f == "abs":
                return abs(args[0])
            if f == "rupiah":
                v = args[0]
                if v.unit:
                    raise self.ctx.error("formula_rupiah_twice")
                if isinstance(v, N.XNum):
                    return N.XNum(v.v, "rupiah")
                return N.FNum(v.v, v.e, v.s, "rupiah", v.tr)
            return N.where(self.condition(node.args[0]), args[1], args[2])
        raise ValueError(f"unsupported formula node {type(node).__name__}")  # pragma: no cover


def formula_uses(expr: str) -> dict[str, set[str]]:
    """Each name a formula reads (no function names), in order of first use, with how:
    ``value`` (a number, a column) and ``list`` (after ``in`` / ``not in``: a parameter
    holding one, checked by the rule set, tukin.ruleset.check). Read once per text: the load
    checks ask it of each formula once per step that reads through it (a 100-step file took
    0.8 s to load, review 145)."""
    return {name: set(how) for name, how in _uses(expr)}


@functools.lru_cache(maxsize=1024)
def _uses(expr: str) -> tuple[tuple[str, frozenset[str]], ...]:
    tree = parse_formula(expr)
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    listed = {
        id(right)
        for node in ast.walk(tree)
        if isinstance(node, ast.Compare) and isinstance(node.ops[0], ast.In | ast.NotIn)
        for right in node.comparators
        if isinstance(right, ast.Name)
    }
    uses: dict[str, set[str]] = {}
    for n in ast.walk(tree):
        if isinstance(n, ast.Name) and id(n) not in called:
            uses.setdefault(n.id, set()).add("list" if id(n) in listed else "value")
    return tuple((name, frozenset(how)) for name, how in uses.items())


def formula_names(expr: str) -> list[str]:
    """The names a formula reads (no function names), in order of first use."""
    return list(formula_uses(expr))


def _kind(value: Any) -> str:
    """What a formula's value is to a comparison: a number, a yes/no column, or text (a text
    written in the formula, or a column of texts)."""
    if isinstance(value, N.FNum | N.XNum):
        return "number"
    if isinstance(value, np.ndarray) and value.dtype == bool:
        return "flag"
    return "text"


def _compare(ctx: StepContext, a: Any, op: ast.cmpop, b: Any) -> np.ndarray:
    if isinstance(a, str) and isinstance(b, np.ndarray | str):
        a, b = b, a  # "ya" == menilai reads as menilai == "ya"
    if isinstance(a, str):  # two texts written in the formula: one answer for every row
        raise ctx.error("formula_texts_compared", left=a, right=b)
    if isinstance(a, np.ndarray) and not isinstance(b, N.FNum | N.XNum):
        vals = {ast.Eq: a == b, ast.NotEq: a != b}
        if type(op) in vals:
            return np.asarray(vals[type(op)], dtype=bool)
        raise ctx.error("formula_text_comparison")
    if isinstance(op, ast.Lt):
        return a < b
    if isinstance(op, ast.LtE):
        return a <= b
    if isinstance(op, ast.Gt):
        return a > b
    if isinstance(op, ast.GtE):
        return a >= b
    eq = a.eq(b)
    return eq if isinstance(op, ast.Eq) else ~eq


def _flat_beside_part(params: Mapping[str, Any], ruleset: Any) -> bool:
    """:func:`tukin.ruleset.formula_units.flat_beside_part`: a flat amount added to, or
    capping, a position's part of the month, which per position counts once per part."""
    from tukin.ruleset.formula_units import flat_beside_part

    return flat_beside_part(ruleset, params)


@rule(
    "formula",
    params=FormulaParams,
    per_employee=PerEmployee(
        "adds a flat amount in rupiah to a position's part of the month, or caps that part "
        "with one",
        "menambahkan jumlah tetap dalam rupiah pada bagian sebulan suatu jabatan, atau "
        "membatasi bagian itu dengannya",
        when=_flat_beside_part,
    ),
)
def formula(ctx: StepContext, p: FormulaParams) -> Any:
    """Arithmetic over columns, earlier steps and parameters (no code is executed)."""
    tree = parse_formula(p.expr)
    ctx.note("formula", " ".join(p.expr.split()))  # what the explanation's inputs became
    out = _Eval(ctx, p.expr.strip())(tree)
    if isinstance(out, N.FNum | N.XNum) and p.unit is not None:
        want = None if p.unit == "none" else p.unit
        if out.unit != want:
            raise ctx.error(
                "formula_unit",
                unit_en=out.unit or "a ratio",
                unit_id=out.unit or "rasio",
                declared=p.unit,
            )
    return out


def refuse_unpayable_table(
    field: str, table: Mapping[Any, Any], column: str, keys: Iterable[Any]
) -> None:
    """Refuse ``table`` (the step's ``field``, keyed on ``column``; ``keys``: its keys as
    the step compares them) when it can give no employee a value: empty, or, on a column
    whose values the data contract fixes (:func:`tukin.contract.fixed_values`: kelas 1 to
    17, the statuses), holding none of them. Call it only where nothing says what a key not
    in the table gives (a ``default``): such a table rejects every employee at the
    calculation, which is never what was meant (an empty sheet read, a table keyed ``'kelas
    1'``, a regency's own words for the statuses). A table with some keys the data cannot
    hold is the author's business: it pays the others."""
    if not table:
        refuse_field(
            field,
            table,
            "empty_table",
            f"the table is empty: every employee would be rejected (no value for their "
            f"{column}); give its entries, or a default for a {column} not in it",
            f"tabel kosong: setiap pegawai akan ditolak (tidak ada nilai untuk {column} "
            f"mereka); isi tabelnya, atau beri default untuk {column} yang tidak ada di dalamnya",
        )
    fixed = fixed_values(column)
    if fixed is None or set(keys) & set(fixed[0]):
        return
    shown = ", ".join(str(k) for k in list(table)[:8]) + (", ..." if len(table) > 8 else "")
    en, id_ = fixed[1]
    refuse_field(
        field,
        table,
        "empty_table",
        f"no key of the table is a {column} the data can hold ({en}): every employee would "
        f"be rejected; its keys are {shown}",
        f"tidak ada kunci tabel yang berupa {column} yang mungkin ada dalam data ({id_}): "
        f"setiap pegawai akan ditolak; kuncinya {shown}",
    )


class LookupParams(_P):
    key: ColumnName = Field(description="Column whose value is looked up (e.g. grade, predikat).")
    table: dict[str | int, Exact] = Field(description="Value per key.")
    unit: Literal["rupiah"] | None = Field(
        None,
        description="rupiah when the values are amounts. It also names the rejection of a key "
        "the table lacks: missing_base for an amount (a base by kelas jabatan), missing_lookup "
        "for a ratio or factor.",
    )
    missing: Literal["reject", "zero"] = Field(
        "reject",
        description="A blank key (no value in the column, e.g. the Plt kelas of everyone not "
        "acting): reject the employee, or zero.",
    )
    unknown: Literal["reject", "zero"] = Field(
        "reject",
        description="A key that is in the column but not in the table (a typo such as kelas 41, "
        "a kelas the table lacks): reject the employee, or zero. `missing` does not decide it: "
        "a typo is not a blank.",
    )
    default: Exact | None = Field(
        None,
        description="Value for keys not in the table, instead of rejecting them (`unknown`); a "
        "blank key follows `missing`. The employees paid with it are counted in the warning "
        "`lookup_default` (per key, with a few NIPs), never silently.",
    )

    @field_validator("table")
    @classmethod
    def _one_value_per_key(cls, table: dict[str | int, Fraction]) -> dict[str | int, Fraction]:
        """7 and '7', Baik and baik are one key as the column's values are matched
        (:func:`tukin.calc.context._norm_key`): the one written last decided the amount,
        without a word."""
        read: dict[Any, str | int] = {}
        for written in table:
            same = read.setdefault(_norm_key(written), written)
            if same is not written:
                en = (
                    f"keys {same!r} and {written!r} are the same key (a key is matched as a "
                    "whole number, or as text without case or surrounding spaces): keep one"
                )
                id_ = (
                    f"kunci {same!r} dan {written!r} adalah kunci yang sama (kunci dicocokkan "
                    "sebagai bilangan bulat, atau sebagai teks tanpa membedakan huruf besar dan "
                    "spasi di tepinya): pertahankan salah satu"
                )
                raise PydanticCustomError(
                    "lookup_same_key", "{message}", {"message": en, "message_id": id_}
                )
        return table

    @model_validator(mode="after")
    def _one_rule_for_unknown(self) -> LookupParams:
        if self.default is not None and self.unknown == "zero":
            raise PydanticCustomError(
                "lookup_unknown",
                "'default' and 'unknown: zero' both say what a key not in the table gives; "
                "keep one",
                {
                    "message_id": "'default' dan 'unknown: zero' sama-sama menentukan nilai "
                    "kunci yang tidak ada dalam tabel; pertahankan salah satu"
                },
            )
        if self.default is None and self.unknown == "reject":
            keys = [_norm_key(k) for k in self.table]
            refuse_unpayable_table("table", self.table, self.key, keys)
        return self


@rule("lookup", params=LookupParams)
def lookup(ctx: StepContext, p: LookupParams) -> Any:
    """A value per key from a table (base amount by kelas jabatan, ratio by predikat)."""
    raw = None if ctx.exact else ctx.input_ints(p.key)  # grades: looked up as integers
    keys = raw if raw is not None else ctx.col(p.key)
    unsure = None
    if isinstance(keys, N.FNum):
        # a key is matched for equality: a bounded float (a quotient, a product past 2**53)
        # may be 2.0000000000000004 for 2, and took the default, zero or a rejection where
        # the exact key is in the table. Such rows go to the exact pass, as a comparison's do
        if keys.e is not None:
            unsure = (keys.e > 0) & np.isfinite(keys.v)
            keys.tr.add(unsure)
        keys = np.where(np.isfinite(keys.v), keys.to_float(), np.nan)
    elif isinstance(keys, N.XNum):
        keys = np.array(
            [None if k is None else (int(k) if k.denominator == 1 else k) for k in keys.v],
            dtype=object,
        )
    table: dict[Any, Fraction] = dict(p.table)
    # the key column as the clerk knows it in Indonesian (the template's header, as an
    # explanation names it: ``Kelas Jabatan (grade)``), the rule file's name in English
    what = (f"{p.key} in the table", f"{input_said(p.key, 'id')} dalam tabel")
    # an amount (a base by kelas jabatan) keeps its long-standing code; a ratio or factor by
    # predikat, zone, ... is not a missing base amount to a system that branches on codes
    code = "missing_base" if p.unit == "rupiah" else "missing_lookup"
    return ctx.lookup(
        keys,
        table,
        unit=p.unit,
        missing=p.unknown,
        blank=p.missing,
        default=p.default,
        what=what,
        code=code,
        unsure=unsure,
    )


class RoundParams(_P):
    input: ColumnName = Field(description="Column to round.")
    mode: RoundingMode = Field(
        RoundingMode.HALF_UP, description="half_up, half_even, down, floor, ..."
    )
    unit: int = Field(
        1, ge=1, description="Round to a multiple of this many rupiah (1, 100, 1000)."
    )


def _to_a_multiple(params: Mapping[str, Any], ruleset: Any) -> bool:
    """A round to a multiple of Rp100 or Rp1,000 (``unit`` above 1, written or a
    ``$parameter`` any of whose dated values is): the month's amount is rounded so once;
    per position, each part would be (two positions of Rp1,450,400 to Rp1,000 are paid
    Rp2,900,000, not the month's Rp2,901,000). A round to the rupiah passes: it is no
    more than the exactness every part of a sum is paid to."""
    from tukin.ruleset.units import parameter_named

    value = params.get("unit")
    param = parameter_named(ruleset, value)
    if param is not None:
        return any(_above_one(v.value) for v in param.values)
    return _above_one(value)


def _above_one(value: Any) -> bool:
    try:
        return Fraction(str(value)) > 1
    except (TypeError, ValueError, ZeroDivisionError):
        return False  # not a number: refused with the step's own problems


@rule(
    "round",
    params=RoundParams,
    per_employee=PerEmployee(
        "rounds the month's amount to a multiple of Rp100 or more",
        "membulatkan jumlah sebulan ke kelipatan Rp100 atau lebih",
        when=_to_a_multiple,
    ),
)
def round_step(ctx: StepContext, p: RoundParams) -> Any:
    """Round to whole rupiah (or to Rp100, Rp1,000) with a named mode: the only rounding."""
    # shown in the explanation even when written in the step itself, not as a parameter
    ctx.note("rounding", rounding_said(p.mode, p.unit))
    return N.round_to_unit(ctx.num(p.input), p.mode, p.unit)


class ClampParams(_P):
    input: ColumnName
    min: Exact | None = None
    max: Exact | None = None


def _bound_in_rupiah(params: Mapping[str, Any], ruleset: Any) -> bool:
    """A clamp of a position's *part* of the month (:func:`tukin.ruleset.units.pro_rated`:
    a column that is or reads a pro_rata step or a day count) to a floor or cap in rupiah,
    which per position would be applied to each part. The bound is in rupiah when it is a
    parameter in rupiah (``$cap`` with ``unit: rupiah``) or when the clamped column is an
    amount as the rule file says it (:func:`tukin.ruleset.units.says_rupiah`: the clamp gives
    a bare bound the unit of its input, so ``max: 5000000``, or a parameter without
    ``unit``, is Rp5,000,000 there). A cap of the monthly *rate* (a kelas's amount before
    pro-rating) is right per position however its bound is written, as is a bound of a
    column the file does not say is in rupiah (a cap of 100 %, the usual clamp): review 134
    loosened the bare bound's refusal so, and the ``$cap`` one follows it (the two were
    refused alike for a part and must load alike for a rate)."""
    from tukin.ruleset.units import in_rupiah_parameter, pro_rated, says_rupiah

    bounds = [params.get(key) for key in ("min", "max") if params.get(key) is not None]
    column = params.get("input")
    if not bounds or not pro_rated(ruleset, column):
        return False
    if any(in_rupiah_parameter(ruleset, value) for value in bounds):
        return True
    return says_rupiah(ruleset, column)


@rule(
    "clamp",
    params=ClampParams,
    per_employee=PerEmployee(
        "keeps an amount within a floor or cap in rupiah",
        "menjaga jumlah dalam batas bawah atau atas dalam rupiah",
        when=_bound_in_rupiah,
    ),
)
def clamp(ctx: StepContext, p: ClampParams) -> Any:
    """Keep a value within [min, max] (e.g. a percentage capped at 100%)."""
    x = ctx.num(p.input)
    lo = ctx.const(p.min, unit=x.unit) if p.min is not None else None
    hi = ctx.const(p.max, unit=x.unit) if p.max is not None else None
    return N.clip(x, lo, hi)
