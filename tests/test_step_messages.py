"""Why a step cannot go on, in the reader's language: the details of CalculationError.

An HR clerk working in Indonesian must not get "langkah 'k' gagal: base 'x' is not a rupiah
column". Each error below is raised once under ``tukin.language("id")`` and once under
``("en")``: the whole message is in that language (no sentence of the other), and the other
language is at hand through ``message()`` and ``to_dict()``. The catalogue itself is checked
entry by entry, and the source for details written in English only.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from fractions import Fraction as F
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from source_trees import parsed

import tukin
from tests import strategies as tst
from tukin.errors import MESSAGES, CalculationError, MoneyError, TukinError
from tukin.rules import registry

ROOT = Path(__file__).resolve().parent.parent

# -- telling the languages apart ------------------------------------------------------------


def _wordset(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: words of an English sentence that Indonesian messages never use (identifiers quoted)
ENGLISH = _wordset(
    "the is not of has have must and or no an with this which cannot only step column rule "
    "above below between first employee gives gave was be it its use add name one them than "
    "even zero costs in to for by at there already"
)
#: words of an Indonesian sentence that English messages never use
INDONESIAN = _wordset(
    "tidak bukan yang pada dan untuk langkah gagal kolom aturan pegawai dengan harus atau "
    "berisi memiliki nama ada dari di sudah bernilai melebihi"
)
_QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"")
#: code written in a message (``RuleSet.with_parameters(...)``, ``if_(...)``): not a sentence
_CODE = re.compile(r"_|[a-z]\.[a-z]")


def words(text: str) -> set[str]:
    """The words of ``text`` outside quotes and code (identifiers and values as written)."""
    tokens = _QUOTED.sub(" ", text.lower()).split()
    return {w for t in tokens if not _CODE.search(t) for w in re.findall(r"[a-z]+", t)}


def assert_in_language(text: str, lang: str) -> None:
    """``text`` has no word of the other language's sentences."""
    other = ENGLISH if lang == "id" else INDONESIAN
    stray = words(text) & other
    assert not stray, f"{lang} message has {sorted(stray)}: {text!r}"


class TestTheCheckCanFail:
    """The language check itself: it catches the mixed message this file is about."""

    def test_catches_english_in_indonesian(self) -> None:
        with pytest.raises(AssertionError):
            assert_in_language("langkah 'k' gagal: base 'x' is not a rupiah column", "id")

    def test_catches_indonesian_in_english(self) -> None:
        with pytest.raises(AssertionError):
            assert_in_language("step 'k' failed: kolom 'x' tidak berisi angka", "en")

    def test_quoted_identifiers_do_not_count(self) -> None:
        assert_in_language("langkah 'the step' gagal: kolom 'is not' tidak berisi angka", "id")


# -- each error, in both languages -----------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """``call`` raises ``error`` with ``code``; its message holds ``en`` / ``id_``."""

    call: Callable[[], Any]
    en: str
    id_: str
    code: str = "calculation_failed"
    error: type[TukinError] = CalculationError


def _steps(columns: dict[str, Any], *steps: dict[str, Any], **kw: Any) -> Callable[[], Any]:
    return lambda: tst.run_steps(columns, list(steps), **kw)


def _result(
    columns: dict[str, Any], *steps: dict[str, Any], deductions: tuple[str, ...] = ()
) -> Callable[[], Any]:
    """The steps run and built into a Result (where the allowance and deductions are read):
    step ``tpp`` is the allowance."""

    def call() -> Any:
        from tukin.calc.engine import _Run
        from tukin.period import Period
        from tukin.result import Result
        from tukin.ruleset.load import build_ruleset

        frame = pd.DataFrame(columns)
        frame.attrs["money_columns"] = ("amount",)
        outputs = {"allowance": "tpp", "deductions": list(deductions)}
        spec = {"name": "t", "steps": list(steps), "outputs": outputs}
        run = _Run(frame, build_ruleset(spec, {}), Period.parse("2025-10"), None)
        run.evaluate()
        return Result.build(run, None)

    return call


def _absence_column_missing() -> None:
    from tukin.rules.sanctions import AbsenceSanctionParams, absence_events

    p = AbsenceSanctionParams(column="tk", tiers=[{"days": 3, "cut": "10%", "months": 1}])
    absence_events(pd.DataFrame({"nip": ["1"], "period": ["2025-01"], "alpa": [4]}), p, 1, "s")


def _reconcile(step_id: str | None = None) -> Callable[[], Any]:
    def call() -> Any:
        data = tukin.Dataset.from_frames(**tukin.demo.generate(5, seed=1))
        return tukin.calculate(data, tukin.load_ruleset("tpp-60-40"), "2025-10").reconciliation(
            step_id
        )

    return call


def _unknown_parameter() -> None:
    from tukin.planning import scale_parameter

    scale_parameter(tukin.load_ruleset("tpp-60-40"), "nope", 2)


def _geometric_mean_tie() -> None:
    from tukin.monitoring._num import _geomean_one

    # 1/4 ^ (501/1002) × 1 ^ (501/1002) = 1/2 exactly: a tie at 0 decimals, weights too
    # uneven for the exact comparison (sum of integer weights above 1000)
    _geomean_one([(F(1, 4), F(500)), (F(1), F(501)), (F(1, 4), F(1))], 0)


def _money_times_money() -> None:
    _steps({"a": [1]}, {"id": "k", "type": "formula", "expr": "a * a"}, money=["a"])()


def _plugin(name: str, *, group_level: bool = False) -> Callable[[], Any]:
    """A rule type of a plug-in that gives text instead of a column (registered for the call
    only: the registry is global)."""

    def call() -> Any:
        registry.rule(name, group_level=group_level)(lambda ctx, p: "oops")
        try:
            if group_level:
                from tukin.distributed import spanning_steps
                from tukin.ruleset.load import build_ruleset

                rs = build_ruleset({"name": "t", "steps": [{"id": "g", "type": name}]}, {})
                return spanning_steps(rs, "2025-10")
            return tst.run_steps({"x": [1]}, [{"id": "g", "type": name}])
        finally:
            registry._REGISTRY.pop(name, None)

    return call


NIPS = tst.nips(2)
TEXT = {"s": ["a", "b"]}
CASES: dict[str, Case] = {
    # tukin/calc/context.py
    "column not numeric": Case(
        _steps(TEXT, {"id": "k", "type": "clamp", "input": "s", "max": 1}),
        "step 'k' failed: column 's' is not numeric",
        "langkah 'k' gagal: kolom 's' tidak berisi angka",
    ),
    "column unknown": Case(
        _steps(TEXT, {"id": "k", "type": "share", "base": "nope", "share": "1%"}),
        "column 'nope' is neither an input column nor an earlier step",
        "kolom 'nope' bukan kolom masukan maupun hasil langkah sebelumnya",
    ),
    # tukin/calc/engine.py: a plug-in rule type's mistakes
    "rule gives no column": Case(
        _plugin("test_msg_text"),
        "step 'g' failed: the rule gave str, not a column",
        "langkah 'g' gagal: jenis aturan menghasilkan str, bukan kolom",
    ),
    # tukin/calc/num.py, through a formula: the step is named in either language
    "money times money": Case(
        _money_times_money,
        "step 'k': money × money has no meaning",
        "langkah 'k': uang × uang tidak bermakna",
        code="money_arithmetic",
        error=MoneyError,
    ),
    # tukin/rules/achievement.py
    "no realisation": Case(
        _steps(
            {"nip": NIPS, "r": [np.nan, 4.0], "t": [5, 5]},
            {"id": "c", "type": "achievement", "realisation": "r", "target": "t"}
            | {"missing": "error"},
        ),
        f"no realisation in r (1 employee(s), first NIP {NIPS[0]})",
        f"tidak ada realisasi pada r (1 pegawai, NIP pertama {NIPS[0]})",
    ),
    # tukin/rules/bands.py
    "below the bands": Case(
        _steps(
            {"nip": NIPS, "c": [-1, 5]},
            {"id": "b", "type": "bands", "input": "c", "below": "error"}
            | {"bands": [{"min": 0, "max": 10, "label": "x"}]},
        ),
        "c is below the first band [0, 10) (1 employee(s)",
        "c di bawah rentang pertama [0, 10) (1 pegawai",
    ),
    # tukin/rules/allowance.py
    "base not rupiah": Case(
        _steps({"x": [1.0]}, {"id": "k", "type": "share", "base": "x", "share": "1%"}),
        "base 'x' is not a rupiah column",
        "besaran dasar 'x' bukan kolom rupiah",
    ),
    "no working day": Case(
        _steps(
            {"x": [1]},
            {"id": "r", "type": "pro_rata", "basis": "working_days", "weekend": list(range(7))},
        ),
        "2025-10 has no working day",
        "periode 2025-10 tidak memiliki hari kerja",
    ),
    # tukin/rules/sanctions.py
    "attendance column missing": Case(
        _absence_column_missing,
        "step 's' failed: the attendance table has no column 'tk'",
        "langkah 's' gagal: tabel kehadiran tidak memiliki kolom 'tk'",
    ),
    # tukin/rules/budget.py
    "ceiling below the protected parts": Case(
        _steps(
            {"nip": NIPS, "amount": [2_000_000, 2_000_000]},
            {"id": "c", "type": "ceiling", "input": "amount", "amount": 1_500_000}
            | {"policy": "floor", "floor": 1_000_000},
            money=["amount"],
        ),
        "group 'all': the parts that may not be scaled already total Rp2,000,000, above the "
        "ceiling Rp1,500,000",
        "kelompok 'all': bagian yang tidak boleh dikurangi sudah berjumlah Rp2.000.000, "
        "melebihi pagu Rp1.500.000",
        code="ceiling_infeasible",
    ),
    "ceiling of a ratio": Case(
        _steps(
            {"nip": NIPS, "amount": [1, 2]},
            {"id": "c", "type": "ceiling", "input": "amount", "amount": 1},
        ),
        "'amount' is not rupiah; a ceiling caps money",
        "'amount' bukan rupiah; pagu hanya membatasi jumlah uang",
    ),
    "no ceiling step to reconcile": Case(
        _reconcile(),
        "the rule set has no ceiling step",
        "aturan tidak memiliki langkah ceiling (pagu)",
    ),
    "not a ceiling step": Case(
        _reconcile("tpp"),
        "step 'tpp' failed: not a ceiling step of this rule set",
        "langkah 'tpp' gagal: bukan langkah ceiling pada aturan ini",
    ),
    # tukin/rules/deductions.py
    "deduction from a ratio": Case(
        _steps({"score": [3]}, {"id": "d", "type": "contribution", "input": "score", "rate": "1%"}),
        "'score' is not rupiah",
        "'score' bukan rupiah",
    ),
    "december": Case(
        _steps(
            {"tpp": [2_500_000], "ter_category": ["A"]},
            {"id": "d", "type": "pph21_ter", "input": "tpp"} | {"rates": {"A": [{"rate": "1%"}]}},
            money=["tpp"],
            period="2025-12",
        ),
        "December's PPh 21 uses the annual progressive calculation",
        "PPh 21 bulan Desember dihitung dengan tarif progresif setahun",
    ),
    # tukin/rules/basic.py: formulas
    "formula names nothing": Case(
        _steps({"x": [1]}, {"id": "f", "type": "formula", "expr": "x + sanksi"}),
        "step 'f' failed: name 'sanksi' is not a column, an earlier step or a parameter",
        "langkah 'f' gagal: nama 'sanksi' bukan kolom, hasil langkah sebelumnya, maupun parameter",
    ),
    "formula unit": Case(
        _steps({"x": [1]}, {"id": "f", "type": "formula", "expr": "x * 2", "unit": "rupiah"}),
        "formula gives a ratio, but unit: rupiah was declared",
        "rumus menghasilkan rasio, padahal dinyatakan unit: rupiah",
    ),
    "text compared with <": Case(
        _steps(TEXT, {"id": "f", "type": "formula", "expr": 'if_(s < "b", 1, 0)'}),
        "text can only be compared with == or !=",
        "teks hanya dapat dibandingkan dengan == atau !=",
    ),
    # tukin/rules/hierarchy.py
    "roll-up without a Dataset": Case(
        _steps({"x": [1]}, {"id": "c", "type": "rollup"}),
        "step 'c' failed: this rule reads the monitoring tables: pass a Dataset",
        "langkah 'c' gagal: jenis aturan ini membaca tabel monitoring kinerja",
    ),
    # tukin/result.py
    "allowance not rupiah": Case(
        _result({"nip": NIPS, "x": [1, 2]}, {"id": "tpp", "type": "formula", "expr": "x * 2"}),
        "step 'tpp' failed: the allowance step must give rupiah",
        "langkah 'tpp' gagal: langkah tunjangan harus menghasilkan rupiah",
    ),
    "deduction not whole": Case(
        _result(
            {"nip": NIPS, "amount": [1000, 2000]},
            {"id": "tpp", "type": "round", "input": "amount"},
            {"id": "pot", "type": "formula", "expr": "amount / 3"},
            deductions=("pot",),
        ),
        "step 'pot' failed: a deduction must be whole rupiah (add a round step)",
        "langkah 'pot' gagal: potongan harus rupiah bulat (tambahkan langkah round)",
    ),
    # tukin/distributed.py
    "group-level plug-in partitioned": Case(
        _plugin("test_msg_group", group_level=True),
        "group-level rule type 'test_msg_group' cannot be partitioned by OPD",
        "jenis aturan tingkat kelompok 'test_msg_group' tidak dapat dihitung per partisi OPD",
    ),
    # tukin/planning.py
    "scaling no parameter": Case(
        _unknown_parameter,
        "rule set 'tpp-60-40' has no such parameter",
        "aturan 'tpp-60-40' tidak memiliki parameter tersebut",
    ),
    # tukin/monitoring/_num.py
    "geometric mean on a rounding boundary": Case(
        _geometric_mean_tie,
        "a geometric mean lies on a rounding boundary: use equal or indicator weights",
        "rata-rata geometrik jatuh tepat pada batas pembulatan",
    ),
}


def _raised(case: Case, lang: str) -> TukinError:
    with tukin.language(lang), pytest.raises(TukinError) as info:
        case.call()
    return info.value


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("name", list(CASES))
def test_the_error_speaks_the_language_in_force(name: str, lang: str) -> None:
    """Raised under ``lang``: code and type as ever, the whole message in ``lang``, the
    other language on demand, and the JSON detail in the language asked."""
    case = CASES[name]
    err = _raised(case, lang)
    assert type(err) is case.error and err.code == case.code, f"{type(err)} [{err.code}] {err}"
    assert err.lang == lang and str(err) == err.message(lang)
    en, id_ = err.message("en"), err.message("id")
    assert case.en in en, en
    assert case.id_ in id_, id_
    assert_in_language(en, "en")
    assert_in_language(id_, "id")
    assert en != id_
    for asked, said in (("en", en), ("id", id_)):
        data = err.to_dict(asked)
        assert data["message"] == said and data["code"] == case.code
        assert data["details"]["detail"] and data["details"]["detail"] in said


def test_a_steps_error_without_a_step_is_given_it() -> None:
    """A CalculationError raised below a step without naming it (by a helper that knows no
    step, as the monitoring's geometric mean) is given the step's id: no "langkah '' gagal"."""

    def tied(ctx: Any, p: Any) -> Any:
        raise CalculationError(detail_code="geometric_mean_tie")

    registry.rule("test_msg_tied")(tied)
    try:
        err = _raised(Case(_steps({"x": [1]}, {"id": "c", "type": "test_msg_tied"}), "", ""), "id")
    finally:
        registry._REGISTRY.pop("test_msg_tied", None)
    assert err.fields["value"] == "c"
    assert str(err) == "langkah 'c' gagal: " + MESSAGES["geometric_mean_tie"][1]


# -- the catalogue -----------------------------------------------------------------------------

#: Entries whose two templates name different fields, each for its own language: the
#: Indonesian names of the period kinds, which the English message takes from ``detail``.
DIFFERENT_FIELDS = {"period_kind_not_computed", "period_kind_refused"}
#: Words of the other language an entry quotes as what the data holds (a yes/no column's
#: values are ``ya`` / ``tidak`` whatever language the message is in).
QUOTES_VALUES = {
    "formula_text_arithmetic": {"tidak"},
    "opd_unreported": {"zero"},  # the rule file's value (missing_realisation: zero)
    "punch_state_missing": {"use", "in"},  # the schedule's value (punch_state: use), C/In
}


def _fields(template: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(template) if f is not None}


def _language_free(names: set[str]) -> set[str]:
    """Field names with the language taken off (``where_en`` / ``where_id``: ``where``)."""
    return {re.sub(r"_(en|id)$", "", n) for n in names}


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_catalogue_entry_in_both_languages(code: str) -> None:
    """Every code has an English and an Indonesian template, both non-empty, different
    (unless the entry is only a field filled by its raiser, ``{detail}``), both naming the
    same fields, and each in its own language."""
    en, id_ = MESSAGES[code]
    assert en.strip() and id_.strip(), code
    only_fields = not re.sub(r"\{[^}]*\}", "", en).strip()
    assert only_fields or en != id_, f"{code}: the same text in both languages"
    if code not in DIFFERENT_FIELDS:
        assert _language_free(_fields(en)) == _language_free(_fields(id_)), code
    assert not any(n.endswith("_id") for n in _fields(en)), code
    assert not any(n.endswith("_en") for n in _fields(id_)), code
    if not only_fields:
        quoted = QUOTES_VALUES.get(code, set())
        for lang, text in (("en", en), ("id", id_)):
            other = ENGLISH if lang == "id" else INDONESIAN
            stray = words(re.sub(r"\{[^}]*\}", " ", text)) & other - quoted
            assert not stray, f"{code}: the {lang} template has {sorted(stray)}: {text!r}"


# -- the source --------------------------------------------------------------------------------


def _sources() -> Iterator[tuple[str, ast.AST]]:
    for path, tree in parsed(ROOT / "tukin"):
        yield str(path.relative_to(ROOT)), tree


def _detail_codes() -> set[str]:
    """The detail codes the source names: ``detail_code="..."``, ``ctx.error("...")``,
    ``fail(ctx, mask, "...")``, a formula's ``_refused(node, "...")`` and the bands'
    ``_FAIL`` table."""
    found: set[str] = set()
    for _, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "detail_code" and isinstance(kw.value, ast.Constant):
                        found.add(kw.value.value)
                func = node.func
                named = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
                at = {"error": 0, "fail": 2, "_refused": 1}.get(named)
                if at is not None and len(node.args) > at:
                    arg = node.args[at]
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        found.add(arg.value)
            if (
                isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "_FAIL" for t in node.targets)
                and isinstance(node.value, ast.Dict)
            ):
                found |= {v.value for v in node.value.values if isinstance(v, ast.Constant)}
    return found


def test_every_detail_code_is_in_the_catalogue() -> None:
    """A detail code missing from MESSAGES would render as an empty detail."""
    found = _detail_codes()
    assert {"base_not_rupiah", "below_first_band", "formula_condition"} <= found
    assert not found - set(MESSAGES), sorted(found - set(MESSAGES))


#: CalculationErrors whose detail may stay as the code writes it: internal checks no input
#: can trigger (a broken invariant is a bug in tukin, reported as such), dates, and the text
#: of an arbitrary exception a rule type raised (whatever language that exception speaks).
LEFT_AS_WRITTEN = {"invariant_broken", "outside_validity"}
LEFT_IN = {("tukin/calc/engine.py", "_call")}


def test_no_calculation_error_detail_in_english_only() -> None:
    """No ``CalculationError(detail="...")`` or ``detail=f"..."`` outside the internal
    checks: a detail a user can meet is a catalogue entry (``detail_code``) or a pair."""
    offenders = []
    for path, tree in _sources():
        for fn in ast.walk(tree):
            if not isinstance(fn, ast.FunctionDef):
                continue
            for node in ast.walk(fn):
                if not (
                    isinstance(node, ast.Call)
                    and getattr(node.func, "id", "")
                    in ("CalculationError", "MissingParameterError")
                ):
                    continue
                kws = {kw.arg: kw.value for kw in node.keywords}
                detail, code = kws.get("detail"), kws.get("code")
                if not isinstance(detail, ast.Constant | ast.JoinedStr):
                    continue
                if isinstance(code, ast.Constant) and code.value in LEFT_AS_WRITTEN:
                    continue
                if (path, fn.name) in LEFT_IN:
                    continue
                offenders.append(f"{path}:{node.lineno}")
    assert not offenders, offenders


def test_amounts_beyond_exact_rupiah_say_so() -> None:
    """Amounts of about 3 × 10^16 rupiah: the rule set ends with a round step, so the error is
    not "add a round step" but the limit of exact rupiah, in both languages. A base amount
    that large is refused as it enters (a number of a rule file is at most 2**53 - 1); a
    product that large, when the calculation reaches it."""
    from tukin.ruleset.load import build_ruleset

    t = tukin.demo.generate(40, seed=1, year=2025, months=10)
    ds = tukin.Dataset.from_frames(**t)
    with pytest.raises(tukin.RuleSetError) as refused:
        tukin.load_ruleset("tukin-permentan-68-2012").with_parameters(
            tukin_base={g: 3 * 10**16 for g in range(1, 18)}
        )
    en, id_ = refused.value.message("en"), refused.value.message("id")
    assert "too large" in en and "9,007,199,254,740,991" in en
    assert "terlalu besar" in id_ and "9.007.199.254.740.991" in id_
    steps = [
        {"id": "a", "type": "formula", "expr": "basic_salary * 10000000000", "unit": "rupiah"},
        {"id": "b", "type": "round", "input": "a"},
    ]
    rs = build_ruleset({"name": "t", "steps": steps, "outputs": {"allowance": "b"}}, {})
    with pytest.raises(tukin.TukinError) as err:
        tukin.calculate(ds, rs, "2025-10")
    en, id_ = err.value.message("en"), err.value.message("id")
    assert "too large" in en and "Rp9.007.199.254.740.991" in en and "round" not in en
    assert "terlalu besar" in id_ and "Rp9.007.199.254.740.991" in id_ and "round" not in id_


def test_a_large_amount_with_decimals_asks_for_a_round_step_not_a_smaller_base() -> None:
    """About 3.7 × 10^14 rupiah and a half, no round step (review 31 d06): the amounts are
    within exact rupiah once rounded, so the error asks for a round step (as it did before
    amount_too_large existed), and with one every employee is paid, on both paths."""
    from tukin.distributed import calculate_partitioned
    from tukin.ruleset.load import build_ruleset

    ds = tukin.Dataset.from_frames(**tukin.demo.generate(50, seed=1, months=6))
    formula = {"id": "a", "type": "formula", "expr": "basic_salary * 100000000.5", "unit": "rupiah"}
    rounded = {"id": "b", "type": "round", "input": "a", "mode": "half_up"}
    for steps in ([formula], [formula, rounded]):
        rs = build_ruleset(
            {"name": "t", "steps": steps, "outputs": {"allowance": steps[-1]["id"]}}, {}
        )
        for run in (tukin.calculate, calculate_partitioned):
            if len(steps) == 1:
                with pytest.raises(tukin.CalculationError) as err:
                    run(ds, rs, "2025-06")
                assert err.value.fields.get("detail_code") == "allowance_not_whole"
            else:
                assert len(run(ds, rs, "2025-06")) == 49
