"""The units a formula's arithmetic gives, read when a rule file is loaded.

The engine tracks units as it calculates (:mod:`tukin.calc.num`): an amount in rupiah
combines only with an amount (``+ - min max clip``, a comparison, the branches of ``if_``),
money times money means nothing, and a number written in a formula is a plain number (a
ratio). A formula that breaks these rules on what the file itself says fails *every*
calculation, whatever the data: ``min(dasar, 5000000)`` or ``dasar + 250000`` beside a
``lookup`` in rupiah, a parameter of amounts without ``unit: rupiah`` added to one, or
``expr: 5000000`` with ``unit: rupiah``. Such a file loaded and then stopped each payment run
with a money error (review 125); it is refused here at load, with what to write.

Only what the file says is known: a number written in the formula, a parameter (``unit:
rupiah`` or not), ``rupiah(...)``, an earlier ``formula`` (its declared or computed unit),
``lookup`` or ``bands`` (``unit: rupiah`` or none), ``share`` (an amount: its base must be
one), ``pro_rata`` (a ratio of days, times its ``input``), and ``round`` / ``clamp`` / ``sum``
of such a column. An input column of the data, a plug-in's type and any other built-in are
*not known*, and nothing is refused because of them. :func:`tukin.ruleset.units.says_rupiah`
reads units here too, for the checks before ``position_history.sum_at``. Where a known unit meets an unknown one, the result is the unit every run that does
not fail gives (``dasar + x`` is an amount, else the run fails there anyway), so a refusal
is always of a formula that no data can make work.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

__all__ = ["RATIO", "RUPIAH", "flat_beside_part", "formula_unit_problems", "step_unit"]

RUPIAH = "rupiah"
RATIO = "ratio"

#: the unit each of a step's declared ``unit`` values gives its column
_DECLARED = {"rupiah": RUPIAH, "none": RATIO, None: RATIO}

#: how each operation is named in a refusal, in English and Indonesian
_DOING = {
    ast.Add: ("adding", "menjumlahkan"),
    ast.Sub: ("subtracting", "mengurangkan"),
    "compare": ("comparing", "membandingkan"),
    "min": ("min() of", "min() dari"),
    "max": ("max() of", "max() dari"),
    "clip": ("clip() of", "clip() dari"),
    "if_": ("if_() choosing between", "if_() memilih antara"),
}


#: the unit of each step already read, by index, for one question (each earlier step is
#: read once: a chain of formulas reading the two before them was read 2**n times)
Memo = dict[int, str | None]


def step_unit(ruleset: Any, index: int) -> str | None:
    """The unit of step ``index``'s column as the rule file says it (:data:`RUPIAH`,
    :data:`RATIO`), or None when it does not say."""
    return _step_unit(ruleset, index, {})


def formula_unit_problems(
    ruleset: Any, index: int, memo: Memo | None = None
) -> list[tuple[str, str]]:
    """Why the formula of step ``index`` fails every calculation for its units, in English
    and Indonesian, one reason per place; empty when it does not (or when it cannot be read:
    its rule type refuses it). ``memo``: the step units already read for the same, unchanged
    rule set (a check asks this of every formula; each read every step behind it again)."""
    step = ruleset.steps[index]
    expr = step.params.get("expr") if isinstance(step.params, Mapping) else None
    if not isinstance(expr, str):
        return []
    from tukin.rules.basic import parse_formula

    try:
        tree = parse_formula(expr)
    except ValueError:
        return []
    said: list[tuple[str, str]] = []
    reader = _Units(ruleset, index, expr.strip(), {} if memo is None else memo, said=said)
    got = reader.unit(tree.body)
    declared = step.params.get("unit")
    if declared in ("rupiah", "none") and got is not None and got != _DECLARED[declared]:
        gives = ("an amount in rupiah", "jumlah dalam rupiah")
        if got == RATIO:
            gives = ("a plain number (a ratio)", "angka biasa (rasio)")
        fix = (
            "write a flat amount as rupiah(...), or multiply a ratio by an amount",
            "tulis jumlah tetap sebagai rupiah(...), atau kalikan rasio dengan suatu jumlah",
        )
        unsaid = reader.unsaid_amounts(tree.body) if got == RATIO else []
        if unsaid:
            steps = ", ".join(repr(s) for s in unsaid)
            fix = (
                f"step {steps} looks up a table in rupiah without saying 'unit: rupiah', so "
                "its values are read as plain numbers; write 'unit: rupiah' on that step",
                f"langkah {steps} mencari dalam tabel ber-rupiah tanpa menyatakan 'unit: "
                "rupiah', sehingga nilainya terbaca sebagai angka biasa; tulis 'unit: rupiah' "
                "pada langkah itu",
            )
        if declared == "none":
            fix = ("write 'unit: rupiah'", "tulis 'unit: rupiah'")
        reader.refuse(
            f"the formula gives {gives[0]} but says 'unit: {declared}': {fix[0]}",
            f"formula menghasilkan {gives[1]} tetapi menyatakan 'unit: {declared}': {fix[1]}",
        )
    return said


def _step_unit(ruleset: Any, index: int, memo: Memo) -> str | None:
    if index not in memo:
        memo[index] = None  # steps read only earlier steps: no cycle, but never loop
        memo[index] = _read_step_unit(ruleset, index, memo)
    return memo[index]


def _read_step_unit(ruleset: Any, index: int, memo: Memo) -> str | None:
    step = ruleset.steps[index]
    params = step.params if isinstance(step.params, Mapping) else {}
    unit = params.get("unit")
    if step.type in ("lookup", "bands"):
        return _DECLARED.get(unit) if unit is None or unit == "rupiah" else None
    if step.type == "formula":
        if unit in ("rupiah", "none"):
            return _DECLARED[unit]
        expr = params.get("expr")
        if unit is not None or not isinstance(expr, str):
            return None
        from tukin.rules.basic import parse_formula

        try:
            tree = parse_formula(expr)
        except ValueError:
            return None
        return _Units(ruleset, index, expr.strip(), memo, said=None).unit(tree.body)
    if step.type == "share":
        return RUPIAH  # its base must be an amount, its factors ratios (else it fails)
    if step.type == "pro_rata":  # days served / days of the period, times its input
        days = (params.get("served", "days_served"), params.get("days", "days_in_period"))
        ratio = RATIO if params.get("basis") == "working_days" or days == _DAYS else None
        if params.get("input") is None:
            return ratio
        unit = _input_unit(ruleset, index, params.get("input"), memo)
        return unit if unit == RUPIAH or ratio is not None else None
    if step.type in _AS_INPUT or step.type == "sum":
        sources = params.get("inputs") if step.type == "sum" else [params.get("input")]
        units = [_input_unit(ruleset, index, s, memo) for s in sources or []]
        return next((u for u in units if u is not None), None)
    return None


#: types whose column has the unit of their ``input``
_AS_INPUT = ("round", "clamp")
#: the columns pro_rata counts by default (numbers of days, whose ratio is a plain number)
_DAYS = ("days_served", "days_in_period")


def _input_unit(ruleset: Any, index: int, source: Any, memo: Memo) -> str | None:
    """The unit of the column ``source`` a step reads, when an earlier step makes it."""
    if not isinstance(source, str):
        return None
    earlier = _earlier(ruleset, index, source.strip())
    return None if earlier is None else _step_unit(ruleset, earlier, memo)


def _earlier(ruleset: Any, index: int, name: str) -> int | None:
    """The last step before ``index`` whose column is ``name`` (what the engine reads)."""
    for j in range(index - 1, -1, -1):
        if ruleset.steps[j].id == name:
            return j
    return None


def _plain(node: ast.AST) -> bool:
    """Whether ``node`` is a number written out (``5000000``, ``-250_000``, ``5 * 1000000``)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, int | float) and not isinstance(node.value, bool)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub | ast.UAdd):
        return _plain(node.operand)
    if isinstance(node, ast.BinOp):
        return _plain(node.left) and _plain(node.right)
    return False


class _Units:
    """Reads the unit of each node of one formula; ``said`` collects the refusals (None:
    only the unit is wanted)."""

    def __init__(
        self,
        ruleset: Any,
        index: int,
        src: str,
        memo: Memo,
        said: list[tuple[str, str]] | None,
    ) -> None:
        self.ruleset, self.index, self.src, self.memo, self.said = ruleset, index, src, memo, said

    def shown(self, node: ast.AST) -> str:
        return ast.get_source_segment(self.src, node) or ast.unparse(node)

    def name(self, ident: str) -> str | None:
        """As the engine reads a name: an earlier step's column, a parameter, else a column of
        the data (not known here)."""
        earlier = _earlier(self.ruleset, self.index, ident)
        if earlier is not None:
            return _step_unit(self.ruleset, earlier, self.memo)
        param = self.ruleset.parameters.get(ident)
        if param is not None:
            return RUPIAH if param.in_rupiah else RATIO
        return None

    def unit(self, node: ast.AST) -> str | None:
        if isinstance(node, ast.Constant):
            return None if isinstance(node.value, str) else RATIO
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.UnaryOp):
            inner = self.unit(node.operand)
            return RATIO if isinstance(node.op, ast.Not) else inner
        if isinstance(node, ast.BoolOp):
            for value in node.values:
                self.unit(value)
            return RATIO  # a yes/no counts as 1 or 0
        if isinstance(node, ast.Compare):
            return self.compare(node)
        if isinstance(node, ast.BinOp):
            return self.binop(node)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            return self.call(node.func.id, node)
        return None

    def compare(self, node: ast.Compare) -> str:
        left = node.left
        for op, right in zip(node.ops, node.comparators, strict=True):
            if isinstance(op, ast.In | ast.NotIn):
                self.unit(left)
                continue  # a list of texts or numbers: checked by the formula's rule type
            self.same(node, "compare", [left, right])
            left = right
        return RATIO

    def binop(self, node: ast.BinOp) -> str | None:
        if isinstance(node.op, ast.Add | ast.Sub):
            return self.same(node, type(node.op), [node.left, node.right])
        a, b = self.unit(node.left), self.unit(node.right)
        if isinstance(node.op, ast.Mult):
            if a == RUPIAH and b == RUPIAH:
                self.refuse(
                    f"{self.shown(node)} multiplies two amounts in rupiah: money × money has no "
                    "meaning; one side must be a ratio or a count",
                    f"{self.shown(node)} mengalikan dua jumlah dalam rupiah: uang × uang tidak "
                    "bermakna; salah satu sisi harus berupa rasio atau bilangan",
                )
            if RUPIAH in (a, b):
                return RUPIAH
            return RATIO if a == b == RATIO else None
        if b == RUPIAH and a == RATIO:
            self.refuse(
                f"{self.shown(node)} divides a plain number by an amount in rupiah, which has "
                "no meaning",
                f"{self.shown(node)} membagi angka biasa dengan jumlah dalam rupiah, yang tidak "
                "bermakna",
            )
        if b == RUPIAH:
            return RATIO  # rupiah / rupiah (else the run fails here)
        if a == RUPIAH:
            return RUPIAH if b == RATIO else None
        return RATIO if a == RATIO else None

    def call(self, func: str, node: ast.Call) -> str | None:
        if func == "rupiah":
            if _plain(node.args[0]) and not _whole(node.args[0], self.src):
                from tukin.ruleset.types import fmt_exact

                written = fmt_exact(_exact(node.args[0], self.src))
                self.refuse(
                    f"{self.shown(node)} is not a whole amount: it is read as {written} rupiah "
                    "(a point in a formula is a decimal mark, not a thousands separator); "
                    f"write the amount in whole rupiah without separators (rupiah(37.500) as "
                    "rupiah(37500) or rupiah(37_500))",
                    f"{self.shown(node)} bukan jumlah bulat: terbaca sebagai {written} rupiah "
                    "(titik dalam formula adalah tanda desimal, bukan pemisah ribuan); tulis "
                    "jumlahnya dalam rupiah bulat tanpa pemisah (rupiah(37.500) sebagai "
                    "rupiah(37500) atau rupiah(37_500))",
                    fails=False,
                )
            if self.unit(node.args[0]) == RUPIAH:
                self.refuse(
                    f"{self.shown(node)}: rupiah() of something already in rupiah",
                    f"{self.shown(node)}: rupiah() dari sesuatu yang sudah dalam rupiah",
                )
            return RUPIAH
        if func == "abs":
            return self.unit(node.args[0])
        if func == "if_":
            self.unit(node.args[0])
            return self.same(node, func, node.args[1:])
        if func in ("min", "max", "clip"):
            return self.same(node, func, node.args)
        return None

    def same(self, node: ast.AST, doing: Any, args: list[ast.expr]) -> str | None:
        """The unit of ``args``, which the operation ``doing`` needs alike: the first amount
        and the first plain number that meet are refused (once)."""
        units = [self.unit(arg) for arg in args]
        money = next((a for a, u in zip(args, units, strict=True) if u == RUPIAH), None)
        plain = next((a for a, u in zip(args, units, strict=True) if u == RATIO), None)
        if money is not None and plain is not None:
            self.clash(node, doing, money, plain)
        if money is not None:
            return RUPIAH
        return RATIO if plain is not None else None

    def clash(self, node: ast.AST, doing: Any, money: ast.AST, plain: ast.AST) -> None:
        en, id_ = _DOING[doing]
        amount, number = self.shown(money), self.shown(plain)
        head = f"{self.shown(node)}: {en} an amount in rupiah ({amount}) and a plain number"
        head_id = f"{self.shown(node)}: {id_} jumlah dalam rupiah ({amount}) dan angka biasa"
        param = self.ruleset.parameters.get(plain.id) if isinstance(plain, ast.Name) else None
        unsaid = self.unsaid_amounts(plain)
        if unsaid:
            steps = ", ".join(repr(s) for s in unsaid)
            self.refuse(
                f"{head} ({number}): step {steps} looks up a table in rupiah without saying "
                "'unit: rupiah', so its values are read as plain numbers; write 'unit: rupiah' "
                "on that step",
                f"{head_id} ({number}): langkah {steps} mencari dalam tabel ber-rupiah tanpa "
                "menyatakan 'unit: rupiah', sehingga nilainya terbaca sebagai angka biasa; "
                "tulis 'unit: rupiah' pada langkah itu",
            )
        elif _plain(plain) and _whole(plain, self.src):
            self.refuse(
                f"{head} ({number}): a number written in a formula is a plain number, not an "
                f"amount; write rupiah({number}) for an amount",
                f"{head_id} ({number}): angka yang ditulis dalam formula adalah angka biasa, "
                f"bukan jumlah uang; tulis rupiah({number}) untuk jumlah uang",
            )
        elif (
            isinstance(plain, ast.Name)
            and param is not None
            and _earlier(self.ruleset, self.index, plain.id) is None
        ):
            self.refuse(
                f"{head} (parameter {number!r}, which has no 'unit: rupiah', so a formula reads "
                "it as a plain number): give the parameter 'unit: rupiah' if it is an amount",
                f"{head_id} (parameter {number!r}, yang tidak ber-'unit: rupiah', sehingga "
                "formula membacanya sebagai angka biasa): beri parameter itu 'unit: rupiah' "
                "bila nilainya jumlah uang",
            )
        else:
            self.refuse(
                f"{head} ({number}): money combines only with money; multiply a ratio by an "
                "amount first, or write a flat amount as rupiah(...)",
                f"{head_id} ({number}): uang hanya dapat digabung dengan uang; kalikan rasio "
                "dengan suatu jumlah terlebih dahulu, atau tulis jumlah tetap sebagai "
                "rupiah(...)",
            )

    def unsaid_amounts(self, node: ast.AST) -> list[str]:
        """The earlier ``lookup`` / ``bands`` steps ``node`` reads that give plain numbers
        from a table in rupiah (``table: $base_tpp`` with ``unit: rupiah`` on the parameter,
        none on the step): the step's own ``unit: rupiah`` was left out, and the advice is to
        write it there, not to multiply by an amount (review 145)."""
        from tukin.ruleset.units import in_rupiah_parameter

        found: list[str] = []
        for sub in ast.walk(node):
            if not isinstance(sub, ast.Name) or sub.id in found:
                continue
            earlier = _earlier(self.ruleset, self.index, sub.id)
            if earlier is None:
                continue
            step = self.ruleset.steps[earlier]
            params = step.params if isinstance(step.params, Mapping) else {}
            key = {"lookup": "table", "bands": "bands"}.get(step.type)
            if (
                key
                and params.get("unit") is None
                and in_rupiah_parameter(self.ruleset, params.get(key))
            ):
                found.append(sub.id)
        return found

    def refuse(self, en: str, id_: str, *, fails: bool = True) -> None:
        """Say why (``fails``: as written, the formula stops every calculation)."""
        if fails:
            en += "; as written, every calculation would fail"
            id_ += "; seperti tertulis, setiap perhitungan akan gagal"
        if self.said is not None and (en, id_) not in self.said:  # once per place
            self.said.append((en, id_))


def flat_beside_part(ruleset: Any, params: Mapping[str, Any]) -> bool:
    """Whether a formula (``params``, a step's) combines a position's *part* of the month in
    rupiah (:func:`tukin.ruleset.units.pro_rated`) with a *flat* amount: ``rupiah(...)`` of a
    number other than 0, or a parameter in rupiah, in ``+ - min max clip`` or the branches of
    ``if_``. Before ``position_history.sum_at`` the formula runs once per position, so the
    flat amount is added once per position, or caps each part instead of the month:
    ``min(part, rupiah(5000000))`` is the formula's ``clamp`` of a part (review 135). A flat
    amount applied to the monthly *rate* (``min(dasar, rupiah(5000000)) * days_f``) is not
    beside a part, and loads."""
    from tukin.rules.basic import parse_formula
    from tukin.ruleset.units import pro_rated

    expr = params.get("expr")
    if not isinstance(expr, str):
        return False
    try:
        tree = parse_formula(expr)
    except ValueError:
        return False
    index = next((i for i, s in enumerate(ruleset.steps) if s.params is params), None)
    if index is None:
        index = len(ruleset.steps)
    reader = _Units(ruleset, index, expr.strip(), {}, said=None)

    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    known: dict[str, bool] = {}  # pro_rated's answers for this formula

    def names(node: ast.AST) -> set[str]:  # what it reads, not the functions it calls
        return {n.id for n in ast.walk(node) if isinstance(n, ast.Name) and id(n) not in called}

    def part(node: ast.AST) -> bool:
        read = names(node)
        return any(pro_rated(ruleset, n, known) for n in read) and reader.unit(node) == RUPIAH

    def flat(node: ast.AST) -> bool:
        read = names(node)
        if any(_earlier(ruleset, index, n) is not None for n in read):
            return False  # an earlier step's column (a rate, a part): not a flat amount
        if not all(n in ruleset.parameters for n in read) or _zero(node):
            return False
        return reader.unit(node) == RUPIAH

    for node in ast.walk(tree):
        together: list[ast.expr] = []
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Sub):
            together = [node.left, node.right]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in ("min", "max", "clip"):
                together = list(node.args)
            elif node.func.id == "if_":
                together = list(node.args[1:])
        if any(part(a) for a in together) and any(flat(a) for a in together):
            return True
    return False


def _whole(node: ast.AST, src: str) -> bool:
    """Whether a number written out in a formula (:func:`_plain`: ``37.500``, ``5 * 1000``)
    is whole, read from its text as the engine reads it (exactly, never through float)."""
    try:
        return _exact(node, src).denominator == 1
    except (ValueError, ZeroDivisionError, TypeError):
        return True  # not read here: the formula's own check says what is wrong


def _exact(node: ast.AST, src: str) -> Fraction:
    if isinstance(node, ast.Constant):
        text = ast.get_source_segment(src, node) or repr(node.value)
        return Fraction(text.replace("_", ""))
    if isinstance(node, ast.UnaryOp):
        inner = _exact(node.operand, src)
        return -inner if isinstance(node.op, ast.USub) else inner
    assert isinstance(node, ast.BinOp)
    a, b = _exact(node.left, src), _exact(node.right, src)
    if isinstance(node.op, ast.Add):
        return a + b
    if isinstance(node.op, ast.Sub):
        return a - b
    if isinstance(node.op, ast.Mult):
        return a * b
    return a / b


def _zero(node: ast.AST) -> bool:
    """``0`` or ``rupiah(0)``: choosing nothing per position adds nothing."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args:
        return node.func.id == "rupiah" and _zero(node.args[0])
    return isinstance(node, ast.Constant) and node.value == 0
