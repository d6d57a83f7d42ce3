"""Hypothesis strategies for tukin's property tests, in one place that every feature extends.

Keep this a plain module of functions returning strategies: no fixtures, no test classes.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from tukin.money import Money, RoundingMode
from tukin.period import MAX_YEAR, MIN_YEAR, Period, PeriodKind

if TYPE_CHECKING:
    import pandas as pd

# -- periods -----------------------------------------------------------------------------------

PERIOD_KINDS: tuple[PeriodKind, ...] = ("month", "quarter", "term", "year")
_PER_YEAR = {"month": 12, "quarter": 4, "term": 3, "year": 1}


def years(min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> st.SearchStrategy[int]:
    """Years a Period accepts (1900-2200 by default)."""
    return st.integers(min_year, max_year)


def periods(
    kinds: Sequence[PeriodKind] = PERIOD_KINDS,
    min_year: int = MIN_YEAR,
    max_year: int = MAX_YEAR,
) -> st.SearchStrategy[Period]:
    """Any valid Period of the given kinds; shrinks towards the earliest year's first slot.

    One integer draw per period (slot number -> kind and index) keeps property tests fast.
    """
    slots = [(kind, index) for kind in kinds for index in range(1, _PER_YEAR[kind] + 1)]

    def decode(n: int) -> Period:
        year, slot = divmod(n, len(slots))
        kind, index = slots[slot]
        return Period(kind, min_year + year, index)

    return st.integers(0, (max_year - min_year + 1) * len(slots) - 1).map(decode)


def months(min_year: int = MIN_YEAR, max_year: int = MAX_YEAR) -> st.SearchStrategy[Period]:
    """Month periods only."""
    return periods(("month",), min_year, max_year)


@st.composite
def period_spellings(draw: st.DrawFn) -> tuple[str, Period]:
    """``(text, period)``: a spelling a person might type (case, dash, TW, spaces) and its value."""
    period = draw(periods())
    text = str(period)
    if period.kind in ("quarter", "term"):
        letter = "C" if period.kind == "term" else draw(st.sampled_from(["Q", "TW"]))
        dash = draw(st.sampled_from(["-", ""]))
        text = f"{period.year}{dash}{letter}{period.index}"
    if draw(st.booleans()):
        text = text.lower()
    pad = draw(st.sampled_from(["", " ", "\t", "  \n"]))
    return pad + text + pad[::-1], period


# -- exact numbers and money -------------------------------------------------------------------


def rounding_modes() -> st.SearchStrategy[RoundingMode]:
    return st.sampled_from(list(RoundingMode))


def rounding_units() -> st.SearchStrategy[int]:
    """Units people round rupiah to, plus arbitrary positive ones."""
    return st.one_of(st.sampled_from([1, 10, 100, 500, 1000]), st.integers(1, 10**6))


def exact_values(max_abs: int = 10**12) -> st.SearchStrategy[Fraction]:
    """Exact values, weighted towards the interesting ones: integers and exact halves (ties)."""
    bound = Fraction(max_abs)
    return st.one_of(
        st.integers(-max_abs, max_abs).map(Fraction),
        st.integers(-2 * max_abs, 2 * max_abs).map(lambda n: Fraction(n, 2)),
        st.fractions(min_value=-bound, max_value=bound, max_denominator=10**4),
    )


def exact_numbers(max_abs: int = 10**12) -> st.SearchStrategy[int | Decimal | Fraction]:
    """Every exact type the money API accepts: int, finite Decimal, Fraction."""
    return st.one_of(
        st.integers(-max_abs, max_abs),
        st.decimals(-max_abs, max_abs, allow_nan=False, allow_infinity=False, places=4),
        exact_values(max_abs),
    )


def money(max_abs: int = 10**12, integral: bool = False) -> st.SearchStrategy[Money]:
    """Money amounts; ``integral=True`` gives whole rupiah only."""
    values = st.integers(-max_abs, max_abs).map(Fraction) if integral else exact_values(max_abs)
    return values.map(Money)


def floats_any() -> st.SearchStrategy[float]:
    """Every float, NaN and infinities included: all of them must be refused as money."""
    return st.floats(allow_nan=True, allow_infinity=True)


# -- number backends (tukin.calc.num) ----------------------------------------------------------

NEAR_2_53 = 2**53


def column_values(max_abs: int = 10**9, places: int = 4) -> st.SearchStrategy[Fraction]:
    """Values a numeric column holds: decimals, integers, ties at .5, negatives, zero.

    Weighted towards the places where float arithmetic goes wrong: exact halves (rounding
    ties), multiples of 50 and 500 (ties at units 100 and 1000), and exact integers (floor).
    """
    scale = 10**places
    return st.one_of(
        st.integers(-max_abs, max_abs).map(Fraction),
        st.integers(-2 * max_abs, 2 * max_abs).map(lambda n: Fraction(n, 2)),
        st.integers(-max_abs // 50, max_abs // 50).map(lambda n: Fraction(n * 50)),
        st.integers(-max_abs * scale, max_abs * scale).map(lambda n: Fraction(n, scale)),
        st.sampled_from([Fraction(0), Fraction(1, 10), Fraction(1234, 100), Fraction(-1, 2)]),
    )


def huge_ints() -> st.SearchStrategy[int]:
    """Integers within a few thousand of 2**53, where float64 stops being exact."""
    return st.integers(-3000, 3000).map(lambda d: NEAR_2_53 + d) | st.integers(
        -3000, 3000
    ).map(lambda d: -NEAR_2_53 + d)


def exact_constants() -> st.SearchStrategy[Fraction]:
    """Constants a rule may use: short decimals and non-decimal ratios such as 1/3 or 2/7."""
    return st.one_of(
        st.integers(-1000, 1000).map(Fraction),
        st.integers(-10**6, 10**6).map(lambda n: Fraction(n, 1000)),
        st.builds(Fraction, st.integers(-50, 50), st.integers(1, 13)),
    )


@st.composite
def num_columns(draw: st.DrawFn, n: int) -> tuple[str, list]:
    """A column spec ``(kind, values)`` that a test turns into an FNum and an XNum.

    kinds: ``int`` (integers, some beyond 2**53), ``float`` (decimals typed in a spreadsheet,
    read through float64, NaN for a missing cell), ``scaled`` (integers with a decimal scale,
    the ``v / 10**s`` form), ``const`` (one exact constant, possibly 1/3).
    """
    kind = draw(st.sampled_from(["int", "float", "scaled", "const"]))
    if kind == "int":
        return kind, draw(st.lists(st.integers(-10**9, 10**9) | huge_ints(), min_size=n, max_size=n))
    if kind == "float":
        vals = st.one_of(
            column_values(10**6, 4).map(float),
            st.just(float("nan")),
            st.integers(-10**12, 10**12).map(lambda k: k / 100),
        )
        return kind, draw(st.lists(vals, min_size=n, max_size=n))
    if kind == "scaled":
        s = draw(st.integers(0, 6))
        ints = st.integers(-10**12, 10**12) | st.integers(-3000, 3000).map(lambda d: NEAR_2_53 - 3001 + d)
        return kind, [s, *draw(st.lists(ints, min_size=n, max_size=n))]
    return kind, [draw(exact_constants())]


NUM_BINARY = ("add", "sub", "mul", "div", "min", "max")
NUM_COMPARE = ("lt", "le", "gt", "ge", "eq")


@st.composite
def num_programs(draw: st.DrawFn, max_ops: int = 7) -> list[tuple]:
    """A short straight-line program over numeric columns, run on both backends in lockstep.

    Each op refers to earlier nodes by index (nodes 0-2 are the input columns); comparison
    ops make boolean nodes that only ``where`` consumes.
    """
    ops: list[tuple] = []
    num_nodes, bool_nodes = [0, 1, 2], []
    for k in range(3, 3 + draw(st.integers(1, max_ops))):
        choices = ["bin", "bin", "cmp", "round", "neg"] + (["where"] if bool_nodes else [])
        kind = draw(st.sampled_from(choices))
        a, b = draw(st.sampled_from(num_nodes)), draw(st.sampled_from(num_nodes))
        if kind == "bin":
            ops.append(("bin", draw(st.sampled_from(NUM_BINARY)), a, b))
        elif kind == "cmp":
            ops.append(("cmp", draw(st.sampled_from(NUM_COMPARE)), a, b))
            bool_nodes.append(k)
            continue
        elif kind == "round":
            ops.append(("round", draw(rounding_modes()), a, draw(st.sampled_from([1, 100, 1000]))))
        elif kind == "neg":
            ops.append(("neg", draw(st.sampled_from(["neg", "abs"])), a, a))
        else:
            ops.append(("where", draw(st.sampled_from(bool_nodes)), a, b))
        num_nodes.append(k)
    return ops


# -- rule types: evaluating steps on both backends ---------------------------------------------
# Rule-type tests run a few steps over a small employee frame through the real engine (fast
# backend with exact fallback, or ``reference=True``: every row exact), without building a
# Dataset; values come back exact (Fraction) where certified, else as an interval.


def capaian_values(places: int = 4, max_ratio: int = 2) -> st.SearchStrategy[float]:
    """Achievement ratios with ``places`` decimals in [0, max_ratio], as the float a frame holds.

    Band edges (0.6, 0.8, 0.99, 1.1) are drawn often: ties are where exactness matters.
    """
    scale = 10**places
    edges = st.sampled_from([0, 0.59, 0.6, 0.79, 0.8, 0.98, 0.99, 1, 1.1, 1.2])
    grid = st.integers(0, max_ratio * scale).map(lambda k: k / scale)
    return st.one_of(edges, grid)


class Approx:
    """A fast value that is not certified: equal to every exact value within its bound."""

    def __init__(self, v: float, e: float, s: int) -> None:
        self.v, self.e, self.s = v, e, s

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, int | Fraction):
            return NotImplemented
        return abs(Fraction(self.v) - Fraction(other) * 10**self.s) <= Fraction(self.e)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"≈{self.v / 10**self.s}"


class Outcome:
    """Values, rejections and exact-path rows of one evaluation."""

    def __init__(self, run: Any) -> None:
        self.run = run

    def values(self, step: str) -> list[Any]:
        """Every row's value of ``step``: Fraction / text when certain, Approx otherwise."""
        from tukin.calc.num import FNum, XNum

        run = self.run
        exact_pos = {int(r): j for j, r in enumerate(run.exact.rows)}
        col = run.fast.values[step]
        xcol = run.exact.values.get(step)
        out: list[Any] = []
        for i in range(run.n):
            if i in exact_pos and xcol is not None:
                j = exact_pos[i]
                out.append(xcol.v[j] if isinstance(xcol, XNum) else xcol[j])
            elif isinstance(col, FNum):
                q = col.exact_at(i)
                e = 0.0 if col.e is None else float(col.e[i])
                out.append(q if q is not None else Approx(float(col.v[i]), e, col.s))
            else:
                out.append(col[i])
        return out

    @property
    def rejected(self) -> dict[int, str]:
        """Row -> rejection code."""
        return {i: r[0] for i, r in enumerate(self.run.reason) if r is not None}

    @property
    def reasons(self) -> dict[int, str]:
        """Row -> rejection detail."""
        return {i: r[2] for i, r in enumerate(self.run.reason) if r is not None}

    @property
    def fields(self) -> dict[int, dict[str, Any]]:
        """Row -> the rejection's fields as the result document writes them."""
        from tukin.errors import reason_fields

        said = [reason_fields(r[2]) for r in self.run.reasons]
        ids = self.run.reason_id.tolist()
        return {i: said[ids[i]] for i in self.rejected}

    @property
    def exact_rows(self) -> list[int]:
        """Rows the engine recomputed exactly."""
        return sorted(int(r) for r in self.run.exact.rows)


def run_steps(
    columns: dict[str, Sequence[Any]],
    steps: list[dict[str, Any]],
    *,
    parameters: dict[str, Any] | None = None,
    period: str = "2025-10",
    reference: bool = False,
    money: Sequence[str] = (),
) -> Outcome:
    """Evaluate ``steps`` over a frame built from ``columns`` (``money`` ones are rupiah)."""
    import pandas as pd

    from tukin.calc.engine import _Run
    from tukin.ruleset.load import build_ruleset

    frame = pd.DataFrame(columns)
    frame.attrs["money_columns"] = tuple(money)
    rs = build_ruleset({"name": "test", "parameters": parameters or {}, "steps": steps}, {})
    run = _Run(frame, rs, Period.parse(period), None)
    run.lang = "en"  # the rule tests read the reasons in English
    run.evaluate(reference=reference)
    return Outcome(run)


# -- fiscal capacity: ceilings, deductions -----------------------------------------------------


def nips(n: int) -> list[str]:
    """``n`` distinct, valid-looking 18-digit NIPs (born 1980-01-01, appointed 2005-01)."""
    return [f"198001012005011{i:03d}" for i in range(n)]


@st.composite
def ceiling_cases(
    draw: st.DrawFn, max_rows: int = 40, max_amount: int = 10**8, max_groups: int = 4
) -> tuple[list[int], list[int], list[int]]:
    """``(amounts, group per row, ceiling per group)`` for budget ceilings.

    Amounts are whole rupiah >= 0 with many ties (equal remainders); each group's ceiling is
    below, at or above its total, so binding and non-binding groups mix.
    """
    n = draw(st.integers(1, max_rows))
    k = draw(st.integers(1, max_groups))
    amount = st.one_of(
        st.integers(0, max_amount), st.sampled_from([0, 1, 7, 1000, 2_500_000, max_amount])
    )
    amounts = draw(st.lists(amount, min_size=n, max_size=n))
    groups = draw(st.lists(st.integers(0, k - 1), min_size=n, max_size=n))
    totals = [sum(a for a, g in zip(amounts, groups, strict=True) if g == i) for i in range(k)]
    ceilings = [
        draw(st.one_of(st.integers(0, t), st.just(t), st.integers(t, t + 10**6))) for t in totals
    ]
    return amounts, groups, ceilings


@st.composite
def ceiling_frames(draw: st.DrawFn, max_rows: int = 25) -> dict[str, list[Any]]:
    """Employee columns for a ceiling step: nip, opd_id (3 OPDs), amount and a performance
    part (``perf`` <= ``amount``), whole rupiah."""
    n = draw(st.integers(1, max_rows))
    amounts = draw(st.lists(st.integers(0, 20_000_000), min_size=n, max_size=n))
    shares = draw(st.lists(st.integers(0, 100), min_size=n, max_size=n))
    return {
        "nip": nips(n),
        "opd_id": draw(st.lists(st.sampled_from(["OPD1", "OPD2", "OPD3"]), min_size=n, max_size=n)),
        "amount": amounts,
        "perf": [a * s // 100 for a, s in zip(amounts, shares, strict=True)],
    }


@st.composite
def wage_frames(draw: st.DrawFn, max_rows: int = 20) -> dict[str, list[Any]]:
    """Employee columns for deduction steps: salary components, an allowance and a TER
    category; wages straddle the Rp12,000,000 BPJS cap."""
    n = draw(st.integers(1, max_rows))
    rupiah = st.integers(0, 15_000_000)
    return {
        "nip": nips(n),
        "basic_salary": draw(st.lists(rupiah, min_size=n, max_size=n)),
        "family_allowance": draw(st.lists(st.integers(0, 2_000_000), min_size=n, max_size=n)),
        "tpp": draw(st.lists(rupiah, min_size=n, max_size=n)),
        "ter_category": draw(st.lists(st.sampled_from(["A", "B", "C"]), min_size=n, max_size=n)),
    }


# -- input tables for tukin.dataset --------------------------------------------------------------

# Valid PNS-pattern NIPs (born 1985/1990/1977/2000, appointed 2010/2015/2000/2022).
DATASET_NIPS = ("198501012010011001", "199002152015032002", "197712312000121003", "200001012022011004")

# Each column's pool mixes good cells with every kind of defect the validator knows; ids come
# from tiny pools so duplicate keys, unknown references and cycles happen in most examples.
_DATASET_POOLS: dict[str, dict[str, list[Any]]] = {
    "units": {
        "unit_id": ["U1", "U2", "U3", None],
        "name": ["Dinas", "Bidang", None],
        "parent_id": [None, None, "U1", "U2", "U9"],
    },
    "positions": {
        "position_id": ["P1", "P2", "P3", "P4", " P5 "],
        "name": ["Kepala", "Staf"],
        "unit_id": ["U1", "U2", "U3", "U9"],
        "kind": ["jpt", "pelaksana", " Pengawas ", "boss"],
        "grade": [1, 9, 17, 18, 0, "x", None, 2.5, "12"],
        "superior_id": [None, None, "P1", "P2", "P3", "P9"],
    },
    "employees": {
        "nip": [*DATASET_NIPS, "123", None, "19850101 201001 1 001"],
        "position_id": ["P1", "P2", "P3", "P4", "P9"],
        "status": ["pns", "cpns", "pppk", "PNS", "x", None],
        "start_date": [None, "2025-01-01", "2025-06-30", "nope"],
        "end_date": [None, "2025-03-31", "2025-12-31"],
    },
    "work_items": {
        "work_item_id": ["W1", "W2", "W3", "W4"],
        "name": ["Program", "Kegiatan"],
        "level": ["program", "kegiatan", "sub_kegiatan", "Sub Kegiatan", "x"],
        "parent_id": [None, "W1", "W2", "W3", "W9"],
        "unit_id": ["U1", "U2", "U9"],
        "budget": [0, 1_000_000, -1, 1.5, "x", None],
    },
    "indicators": {
        "indicator_id": ["I1", "I2", "I3"],
        "work_item_id": ["W1", "W2", "W3", "W9"],
        "name": ["Dokumen"],
        "weight": [1, 0.5, -1, "x"],
    },
    "targets": {
        "indicator_id": ["I1", "I2", "I9"],
        "period": ["2025-10", "2025-q3", "bad", None],
        "target": [1, 0, -1, float("nan"), "x", 2.5],
        "target_max": [None, None, 0.5, 3],
    },
    "attendance": {
        "nip": [*DATASET_NIPS, "123"],
        "period": ["2025-10", "2025-11", "bad"],
        "tl1": [0, 1, -1, None, 2.5, "x"],
    },
    "appraisals": {
        "nip": [*DATASET_NIPS, "999"],
        "period": ["2025-10", "2025"],
        "results": ["above", "as_expected", "As Expected", "meh", None],
        "behaviour": ["below", "as_expected"],
    },
}


@st.composite
def dataset_frames(draw: st.DrawFn, max_rows: int = 7) -> dict[str, Any]:
    """Input DataFrames for ``Dataset.from_frames``: small, messy, sometimes missing a table
    or a required column. Every row may be good or carry one or more defects.

    Cells are picked by one drawn ``random.Random`` rather than one draw per cell: a hundred
    draws per example made generation slower than the validation under test.
    """
    import pandas as pd

    rnd = draw(st.randoms(use_true_random=False))
    frames: dict[str, Any] = {}
    for table, pools in _DATASET_POOLS.items():
        if rnd.random() < 0.1:  # now and then a table is absent
            continue
        n = rnd.randint(0, max_rows)
        data = {name: [rnd.choice(values) for _ in range(n)] for name, values in pools.items()}
        frame = pd.DataFrame(data, columns=list(pools), dtype=object)
        if rnd.random() < 0.07:  # a required column went missing
            frame = frame.drop(columns=rnd.choice(list(frame.columns)))
        frames[table] = frame
    return frames


# -- random rule sets ----------------------------------------------------------------------------


def exact_texts(max_places: int = 3) -> st.SearchStrategy[str]:
    """A ratio in [0, 1] as rule files write it: "0.6", "60%", "2/3", "1/7"."""
    return st.one_of(
        st.integers(0, 10**max_places).map(lambda k: str(Decimal(k).scaleb(-max_places).normalize())),
        st.integers(0, 100).map(lambda k: f"{k}%"),
        st.builds(lambda d, n: f"{min(n, d)}/{d}", st.integers(1, 13), st.integers(0, 13)),
    )


def rates() -> st.SearchStrategy[str]:
    """A cut per day of absence: 0.5 %, 1.25 %, 3 %, or a non-decimal rate such as 1/3 %."""
    return st.one_of(
        st.sampled_from(["0.5%", "1%", "1.25%", "1.5%", "2.5%", "3%", "5%"]),
        st.integers(0, 500).map(lambda k: str(Decimal(k).scaleb(-4).normalize())),
        st.builds(lambda n, d: f"{n}/{d}%", st.integers(1, 5), st.integers(3, 13)),
    )


@st.composite
def tpp_rulesets(draw: st.DrawFn) -> dict:
    """A rule set (as a dict) of the usual TPP shape, with random parameters:

    ``base × (s × min(r/t, 1) + (1 − s) × (1 − min(1, Σ rate × count))) × status_factor``,
    then a round step with a random mode and unit. The base table may miss a grade (those
    employees are rejected); achievement is capped by ``min``, ``clamp`` or ``if_``.
    """
    grades = draw(st.lists(st.sampled_from(GRADES), min_size=len(GRADES) - 1, max_size=len(GRADES), unique=True))
    base = {g: draw(st.integers(500_000, 30_000_000)) for g in grades}
    status = {"pns": "1", "cpns": "0.8", "pppk": draw(exact_texts())}
    params = {
        "base": {"unit": "rupiah", "value": base, "reference": "Perbup Contoh pasal 4"},
        "s": {"value": draw(exact_texts()), "reference": "Perbup Contoh pasal 5"},
        "r_tl1": {"value": draw(rates())},
        "r_tk": {"value": draw(rates())},
        "r_psw": {"value": draw(rates())},
    }
    cap = draw(st.sampled_from(["min", "clamp", "if"]))
    steps: list[dict] = [{"id": "dasar", "type": "lookup", "key": "grade", "table": "$base", "unit": "rupiah"}]
    if cap == "min":
        steps.append({"id": "capaian", "type": "formula", "expr": "min(realisation / target, 1)"})
    elif cap == "clamp":
        steps.append({"id": "rasio", "type": "formula", "expr": "realisation / target"})
        steps.append({"id": "capaian", "type": "clamp", "input": "rasio", "min": 0, "max": 1})
    else:
        steps.append(
            {"id": "capaian", "type": "formula", "expr": "if_(realisation >= target, 1, realisation / target)"}
        )
    steps += [
        {"id": "potongan", "type": "formula", "expr": "min(1, r_tl1 * tl1 + r_tk * tk + r_psw * psw)"},
        {"id": "status_factor", "type": "lookup", "key": "status", "table": status},
        {"id": "kotor", "type": "formula",
         "expr": "dasar * (s * capaian + (1 - s) * (1 - potongan)) * status_factor"},
        {"id": "tpp", "type": "round", "input": "kotor", "mode": draw(rounding_modes()).value,
         "unit": draw(st.sampled_from([1, 1, 100, 1000]))},
    ]
    return {"name": "random-tpp", "parameters": params, "steps": steps, "outputs": {"allowance": "tpp"}}


# -- datasets for engine tests -------------------------------------------------------------------

#: the demo's tables (tukin.demo.generate) a payroll rule set reads: not the monitoring of
#: work targets, thousands of rows a test of reading options or filed rules only waits on
PAYROLL_TABLES = ("units", "positions", "employees", "attendance", "appraisals", "sanctions", "acting")


def payroll_tables(tables: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """``tables`` (the demo's) without those no payroll rule set reads."""
    return {name: frame for name, frame in tables.items() if name in PAYROLL_TABLES}


GRADES = (6, 7, 9, 12, 15)


def make_dataset(
    employees: list[dict[str, Any]],
    attendance: list[dict[str, Any]] | None = None,
    *,
    grades: Sequence[int] = GRADES,
    history: list[dict[str, Any]] | None = None,
) -> Any:
    """A validated Dataset: two OPDs (A with sub-unit A1, and B), one position per grade and
    OPD (``P<grade><opd>``, e.g. ``P12A``), the given employees and attendance rows, and an
    appraisals table without rows (nobody appraised: a rule set reading the ratings stops on
    a table not given at all, ``appraisals_table_missing``).

    Employee dicts need ``nip``, ``position_id`` and ``status``; extra keys (realisation,
    target...) become extra columns the rules can read. ``history``: rows of
    ``position_history`` (:func:`spell_rows`).
    """
    import pandas as pd

    from tukin.dataset import Dataset

    units = pd.DataFrame(
        {"unit_id": ["A", "A1", "B"], "name": ["Dinas A", "Bidang A1", "Dinas B"],
         "parent_id": [None, "A", None]}
    )
    pos = [
        {"position_id": f"P{g}{o}", "name": f"Jabatan {g} {o}", "unit_id": "A1" if o == "A" else "B",
         "kind": "pelaksana", "grade": g}
        for g in grades
        for o in ("A", "B")
    ]
    tables = {"units": units, "positions": pd.DataFrame(pos), "employees": pd.DataFrame(employees)}
    if attendance:
        tables["attendance"] = pd.DataFrame(attendance)
    tables["appraisals"] = pd.DataFrame(columns=["nip", "period", "results", "behaviour"])
    if history:
        tables["position_history"] = pd.DataFrame(history)
    return Dataset.from_frames(**tables)


def nip(i: int) -> str:
    """A well-formed 18-digit NIP, distinct for each ``i``."""
    return f"19800101200501{i:04d}"


@st.composite
def employee_rows(draw: st.DrawFn, max_size: int = 12) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Employees with a grade, a status, attendance counts and a decimal realisation/target.

    Returns ``(employees, attendance)`` for period 2025-10. Realisation and target have two
    decimals (targets are positive); about one employee in ten (never the first) has no
    attendance row.
    """
    n = draw(st.integers(1, max_size))
    employees, attendance = [], []
    for i in range(n):
        grade = draw(st.sampled_from(GRADES))
        opd = draw(st.sampled_from("AB"))
        employees.append(
            {
                "nip": nip(i),
                "name": f"Pegawai {i}",
                "position_id": f"P{grade}{opd}",
                "status": draw(st.sampled_from(["pns", "cpns", "pppk"])),
                "realisation": draw(st.integers(0, 50_000)) / 100,
                "target": draw(st.integers(1, 50_000)) / 100,
            }
        )
        if i == 0 or draw(st.integers(0, 9)):  # the first one always: the codes exist
            attendance.append(
                {
                    "nip": nip(i),
                    "period": "2025-10",
                    "tl1": draw(st.integers(0, 22)),
                    "tk": draw(st.integers(0, 22)),
                    "psw": draw(st.integers(0, 5)),
                }
            )
    return employees, attendance


# -- fiscal capacity: a tiny regency for scenario, planning and payroll tests -------------------

SPLIT_RULES: dict[str, Any] = {
    "name": "split",
    "parameters": {
        "base_tpp": {"unit": "rupiah", "value": {5: 2_000_000, 6: 3_000_000, 9: 5_000_000}, "reference": "test"},
        "kinerja_share": {"value": "60%", "reference": "test"},
        "disiplin_share": {"value": "40%", "reference": "test"},
    },
    "requires": ["attendance"],
    "steps": [
        {"id": "dasar", "type": "lookup", "key": "grade", "table": "$base_tpp", "unit": "rupiah"},
        {"id": "skp", "type": "formula", "expr": 'if_(has_appraisal, if_(results == "below", 0.5, 1), 0.4)'},
        {"id": "absen", "type": "formula", "expr": "min(1, 0.03 * tk)"},
        {"id": "kotor", "type": "formula", "expr": "dasar * (kinerja_share * skp + disiplin_share * (1 - absen))"},
        {"id": "tpp", "type": "round", "input": "kotor"},
        {"id": "bpjs_1", "type": "bpjs_kesehatan", "input": "tpp", "components": ["basic_salary"], "rate": "1%"},
        {"id": "bpjs_4", "type": "bpjs_kesehatan", "input": "tpp", "components": ["basic_salary"], "rate": "4%"},
    ],
    "outputs": {"allowance": "tpp", "deductions": ["bpjs_1"], "employer": ["bpjs_4"]},
}
"""A 60/40 performance / discipline rule set over the tiny regency's inputs."""


def tiny_regency_tables(months: Sequence[str] = ("2025-01", "2025-02", "2025-03")) -> dict[str, Any]:
    """Two OPDs, six employees (grades 5, 6, 9), attendance (tk) and appraisals per month.

    The last employee has no appraisals (paid the 'no SKP' ratio); tk changes with the month
    so assumed months are recognisable.
    """
    import pandas as pd

    nip = nips(6)
    rows = [(n, m, (i + k) % 4) for k, m in enumerate(months) for i, n in enumerate(nip)]
    ratings = ["above", "as_expected", "below", "above", "as_expected"]
    return {
        "units": pd.DataFrame({"unit_id": ["A", "B"], "name": ["Dinas A", "Badan B"]}),
        "positions": pd.DataFrame(
            {
                "position_id": ["a5", "a9", "b6"],
                "name": ["Staf A", "Kepala A", "Staf B"],
                "unit_id": ["A", "A", "B"],
                "kind": ["pelaksana", "jpt", "pelaksana"],
                "grade": [5, 9, 6],
            }
        ),
        "employees": pd.DataFrame(
            {
                "nip": nip,
                "name": ["Ani", "Budi", "Citra", "Dedi", "Eka", "Fajar"],
                "position_id": ["a5", "a5", "a9", "b6", "b6", "b6"],
                "status": ["pns"] * 6,
                "basic_salary": [3_000_000, 3_200_000, 5_500_000, 3_400_000, 3_100_000, 2_900_000],
                "bank_account": [f"00{i}-7788" for i in range(6)],
            }
        ),
        "attendance": pd.DataFrame(rows, columns=["nip", "period", "tk"]),
        "appraisals": pd.DataFrame(
            [(n, m, r, "as_expected") for m in months for n, r in zip(nip, ratings, strict=False)],
            columns=["nip", "period", "results", "behaviour"],
        ),
    }


@cache
def tiny_regency() -> Any:
    """The tiny regency of January to March 2025 as a strict Dataset, built once per test
    process (planning, scenario and their extras read it; treat it as read-only)."""
    from tukin.dataset import Dataset

    return Dataset.from_frames(mode="strict", **tiny_regency_tables())


@cache
def split_rules() -> Any:
    """:data:`SPLIT_RULES` as a RuleSet, built once per test process."""
    from tukin.ruleset.load import build_ruleset

    return build_ruleset(SPLIT_RULES, {})


# -- responsibility hierarchy and monitoring (tukin.hierarchy, tukin.monitoring) ----------------


def rollup_paying(step: str = "capaian", **rollup: Any) -> Any:
    """A rule set paying Rp1,000,000 times a roll-up step ``step`` (its settings ``rollup``),
    rounded as ``bulat``: the roll-up tests' payment, a rupiah per millionth of capaian."""
    from tukin.ruleset.load import load_ruleset

    return load_ruleset(
        {
            "name": "t",
            "steps": [
                {"id": step, "type": "rollup", **rollup},
                {"id": "tpp", "type": "formula", "expr": f"rupiah(1000000 * {step})"},
                {"id": "bulat", "type": "round", "input": "tpp"},
            ],
        }
    )


def mini_regency_tables(budget: bool = True) -> dict[str, Any]:
    """A hand-made regency whose every roll-up the hierarchy, rule and monitoring tests compute
    by hand. Figures are for 2025-Q1.

    Dinas D: kadis (jpt) → kabid (administrator, bidang B1) → kasi1 (seksi S1), kasi2 (S2);
    staf1 (pelaksana, S1, under kasi1), guru (fungsional, B1, under kabid), staf3 (pelaksana,
    seksi S3 without work items, under kabid). Program P1 (kadis) → kegiatan K1 (kabid) → sub
    kegiatan S11 (kasi1, pagu 600) and S12 (kasi2, pagu 400). Kecamatan E: camat (jpt), stafE;
    PE (camat) → KE → SE (nobody declared: owned by camat, pagu 100).

    Indicators: S11 i1 90/100 (w 1), i2 12/10 (w 3, approved); S12 i3 25/20 lower is better;
    P1 p1 9 against the range 7–8; SE i5 target 50 without realisation, i6 without target.
    Budget (``budget=True``): S11 months 1–3 spent 60/60/120 (Feb approved, Mar entered),
    physical 10/25/50, plan 50/50/100 and 10/20/40; S12 months 1–2 spent 10/30, physical 5/8,
    plan 40/40 and 10/20 (no March report); SE one Q1 row spent 5, physical 30, plan 20 / 20,
    entered.
    """
    import pandas as pd

    pos = ["kadis", "kabid", "kasi1", "kasi2", "staf1", "guru", "staf3", "camat", "stafE"]
    tables: dict[str, Any] = {
        "units": pd.DataFrame(
            {
                "unit_id": ["D", "B1", "S1", "S2", "S3", "E"],
                "name": ["Dinas", "Bidang 1", "Seksi 1", "Seksi 2", "Seksi 3", "Kecamatan"],
                "parent_id": [None, "D", "B1", "B1", "B1", None],
            }
        ),
        "positions": pd.DataFrame(
            {
                "position_id": pos,
                "name": ["Kepala Dinas", "Kepala Bidang", "Kepala Seksi 1", "Kepala Seksi 2",
                         "Staf Seksi 1", "Guru", "Staf Seksi 3", "Camat", "Staf Kecamatan"],
                "unit_id": ["D", "B1", "S1", "S2", "S1", "B1", "S3", "E", "E"],
                "kind": ["jpt", "administrator", "pengawas", "pengawas", "pelaksana",
                         "fungsional", "pelaksana", "jpt", "pelaksana"],
                "grade": [15, 12, 9, 9, 6, 8, 6, 14, 6],
                "superior_id": [None, "kadis", "kabid", "kabid", "kasi1", "kabid", "kabid", None, "camat"],
            }
        ),
        "employees": pd.DataFrame(
            {
                "nip": [f"19800101200501{i:04d}" for i in range(1, 10)],
                "name": ["Ani", "Budi", "Citra", "Dedi", "Eka", "Fajar", "Gita", "Hadi", "Indah"],
                "position_id": pos,
                "status": ["pns"] * 9,
            }
        ),
        "work_items": pd.DataFrame(
            {
                "work_item_id": ["P1", "K1", "S11", "S12", "PE", "KE", "SE"],
                "name": ["Program 1", "Kegiatan 1", "Sub 1", "Sub 2", "Program E", "Kegiatan E", "Sub E"],
                "level": ["program", "kegiatan", "sub_kegiatan", "sub_kegiatan", "program",
                          "kegiatan", "sub_kegiatan"],
                "parent_id": [None, "P1", "K1", "K1", None, "PE", "KE"],
                "unit_id": ["D", "B1", "S1", "S2", "E", "E", "E"],
                "responsible_position_id": ["kadis", "kabid", "kasi1", "kasi2", "camat", None, None],
                "budget": [0, 0, 600, 400, 0, 0, 100],
            }
        ),
        "indicators": pd.DataFrame(
            {
                "indicator_id": ["i1", "i2", "i3", "p1", "i5", "i6"],
                "work_item_id": ["S11", "S11", "S12", "P1", "SE", "SE"],
                "name": ["Dokumen", "Layanan", "Keluhan", "Durasi", "Kegiatan warga", "Tanpa target"],
                "polarity": ["higher", "higher", "lower", "higher", "higher", "higher"],
                "weight": [1, 3, 1, 1, 1, 1],
            }
        ),
        "targets": pd.DataFrame(
            {
                "indicator_id": ["i1", "i2", "i3", "p1", "i5"],
                "period": ["2025-Q1"] * 5,
                "target": [100, 10, 20, 7, 50],
                "target_max": [None, None, None, 8, None],
            }
        ),
        "realisations": pd.DataFrame(
            {
                "indicator_id": ["i1", "i2", "i3", "p1"],
                "period": ["2025-Q1"] * 4,
                "value": [90, 12, 25, 9],
                "status": ["signed", "approved", "signed", "signed"],
            }
        ),
    }
    if budget:
        tables["budget_realisations"] = pd.DataFrame(
            {
                "work_item_id": ["S11", "S11", "S11", "S12", "S12", "SE"],
                "period": ["2025-01", "2025-02", "2025-03", "2025-01", "2025-02", "2025-Q1"],
                "spent": [60, 60, 120, 10, 30, 5],
                "physical_pct": [10, 25, 50, 5, 8, 30],
                "planned_spent": [50, 50, 100, 40, 40, 20],
                "planned_physical_pct": [10, 20, 40, 10, 20, 20],
                "status": ["signed", "approved", "entered", "signed", "signed", "entered"],
            }
        )
    return tables


_KINDS_BELOW = ("administrator", "pengawas", "pelaksana", "fungsional")


@st.composite
def regency_tables(
    draw: st.DrawFn, max_opds: int = 3, achievement: Fraction | None = None
) -> dict[str, Any]:
    """A random regency for roll-up properties: OPDs with a unit tree, a position tree under
    each head, programs → kegiatan → sub kegiatan owned by random positions (or by nobody),
    and indicators with decimal weights, targets and realisations for 2025-Q1.

    With ``achievement`` every indicator has a single, higher-is-better target and a
    realisation of exactly ``achievement × target``, so every roll-up must give it back.
    """
    import pandas as pd

    units: list[tuple[str, str | None]] = []
    positions: list[tuple[str, str, str, str | None]] = []
    items: list[tuple[str, str, str | None, str, str | None, int]] = []
    levels = ("program", "kegiatan", "sub_kegiatan")
    for o in range(draw(st.integers(1, max_opds))):
        opd = f"O{o}"
        mine = [opd]
        units.append((opd, None))
        for u in range(draw(st.integers(0, 3))):
            units.append((f"{opd}.{u}", draw(st.sampled_from(mine))))
            mine.append(f"{opd}.{u}")
        staff = [f"{opd}/H"]
        positions.append((staff[0], opd, "jpt", None))
        for p in range(draw(st.integers(0, 5))):
            kind = draw(st.sampled_from(_KINDS_BELOW))
            positions.append((f"{opd}/P{p}", draw(st.sampled_from(mine)), kind, draw(st.sampled_from(staff))))
            staff.append(f"{opd}/P{p}")

        def add(level: int, parent: str | None, prefix: str) -> None:
            owner = draw(st.one_of(st.none(), st.sampled_from(staff)))  # noqa: B023 - called in the loop
            leaf = level == 2 or draw(st.integers(0, 4)) == 0
            budget = draw(st.integers(0, 1000)) if leaf else 0
            items.append((prefix, levels[level], parent, draw(st.sampled_from(mine)), owner, budget))  # noqa: B023
            if not leaf:
                for c in range(draw(st.integers(1, 2))):
                    add(level + 1, prefix, f"{prefix}.{c}")

        for g in range(draw(st.integers(1, 2))):
            add(0, None, f"{opd}:{g}")
    indicators, targets, reals = [], [], []
    for wid, *_ in items:
        for k in range(draw(st.integers(0, 2))):
            iid = f"{wid}/I{k}"
            weight = draw(st.sampled_from([1.0, 2.0, 0.5, 3.0]))
            target = draw(st.integers(1, 200))
            if achievement is not None:
                indicators.append((iid, wid, "higher", weight))
                targets.append((iid, float(target), None))
                reals.append((iid, float(Fraction(target) * achievement)))
                continue
            polarity = draw(st.sampled_from(["higher", "lower"]))
            indicators.append((iid, wid, polarity, weight))
            if draw(st.integers(0, 5)):
                tmax = float(target + draw(st.integers(1, 20))) if draw(st.integers(0, 3)) == 0 else None
                targets.append((iid, float(target), tmax))
            if draw(st.integers(0, 4)):
                reals.append((iid, draw(st.integers(0, 3000)) / 10))
    return {
        "units": pd.DataFrame(units, columns=["unit_id", "parent_id"]).assign(name=lambda f: f["unit_id"]),
        "positions": pd.DataFrame(positions, columns=["position_id", "unit_id", "kind", "superior_id"]).assign(
            name=lambda f: f["position_id"], grade=9
        ),
        "work_items": pd.DataFrame(
            items, columns=["work_item_id", "level", "parent_id", "unit_id", "responsible_position_id", "budget"]
        ).assign(name=lambda f: f["work_item_id"]),
        "indicators": pd.DataFrame(indicators, columns=["indicator_id", "work_item_id", "polarity", "weight"]).assign(
            name=lambda f: f["indicator_id"]
        ),
        "targets": pd.DataFrame(targets, columns=["indicator_id", "target", "target_max"]).assign(period="2025-Q1"),
        "realisations": pd.DataFrame(reals, columns=["indicator_id", "value"]).assign(period="2025-Q1"),
    }


# -- tables a user reads from an Excel sheet ----------------------------------------------------


def grade_tables(max_amount: int = 2**53 - 1) -> st.SearchStrategy[dict[int, int]]:
    """Amount per kelas jabatan (1-17), as a Perbup's table gives it; amounts up to 2^53 - 1,
    the largest whole numbers pandas' float64 still holds exactly."""
    return st.dictionaries(st.integers(1, 17), st.integers(0, max_amount), min_size=1)


@st.composite
def change_days(draw: st.DrawFn, max_changes: int = 5) -> list[Any]:
    """Increasing days (2023-01-02 to 2030-12-31) on which a parameter takes a new value."""
    import datetime as dt

    first = dt.date(2023, 1, 2).toordinal()
    last = dt.date(2030, 12, 31).toordinal()
    days = draw(st.lists(st.integers(first, last), min_size=1, max_size=max_changes, unique=True))
    return [dt.date.fromordinal(d) for d in sorted(days)]


# -- rule sets written back (tukin.ruleset.write) ------------------------------------------------

#: Text YAML could read as something else, or that a careless writer would break: each must
#: come back as the same text.
AWKWARD_TEXTS = (
    "010",
    "1.10",
    "60%",
    "3/5",
    "yes",
    "null",
    "~",
    "2025-01-01",
    "1:30",
    "- item",
    "key: value",
    "# not a comment",
    "'quoted'",
    '"double"',
    "$base",
    "=SUM(A1)",
    "line one\nline two",
    "trailing space ",
    "",
    "Perbup 7/2024 pasal 5 ayat (2) §4",
)


def awkward_texts() -> st.SearchStrategy[str]:
    """A reference, note or label: the awkward ones above, or any text."""
    return st.one_of(st.sampled_from(AWKWARD_TEXTS), st.text(max_size=40))


def exact_spellings(q: Fraction) -> st.SearchStrategy[Any]:
    """The exact number ``q`` as a rule file or Python code may spell it: an int, a Decimal
    (with trailing zeros or an exponent), a Fraction, or text ("0.6", "60%", "3/5")."""
    from tukin.ruleset.types import fmt_exact

    options: list[Any] = [q if q.denominator != 1 else int(q), f"{q.numerator}/{q.denominator}"]
    if q.denominator == 1:
        options += [int(q), str(int(q)), Decimal(f"{int(q)}.0"), Decimal(int(q)).normalize()]
    text = fmt_exact(q)
    if "/" not in text:
        options += [Decimal(text), Decimal(text + "00"), Decimal(text).normalize(), text]
    options.append(f"{fmt_exact(q * 100)}%")
    return st.sampled_from(options)


def respelt(value: Any) -> st.SearchStrategy[Any]:
    """``value`` (a parameter's value) with every number spelt anew, the same exact number;
    text that is no number, keys and the shape stay."""
    from tukin.ruleset.types import to_exact

    if isinstance(value, dict):
        return st.fixed_dictionaries({k: respelt(v) for k, v in value.items()})
    if isinstance(value, list | tuple):
        return st.tuples(*(respelt(v) for v in value)).map(list)
    if isinstance(value, bool) or value is None:
        return st.just(value)
    if isinstance(value, int | Decimal | Fraction | str):
        try:
            q = to_exact(value)
        except ValueError:
            return st.just(value)
        return exact_spellings(q)
    return st.just(value)


@st.composite
def supplied_values(draw: st.DrawFn, value: Any) -> Any:
    """What a user passes to ``with_parameters`` for a parameter now worth ``value``: the
    value respelt, or 1-3 dated values (given in any order) with awkward references and
    notes."""
    bands = isinstance(value, list) and all(isinstance(v, dict) and "value" in v for v in value)
    if draw(st.booleans()) and not bands:  # a list of bands would be read as dated values
        return draw(respelt(value))
    import datetime as dt

    starts = sorted(draw(st.lists(st.integers(0, 3000), min_size=1, max_size=3, unique=True)))
    base = 738_000  # 2021-07-29, as an ordinal
    dated = []
    for i, start in enumerate(starts):
        entry: dict[str, Any] = {
            "from": dt.date.fromordinal(base + start),
            "value": draw(respelt(value)),
        }
        if i + 1 < len(starts):
            entry["to"] = dt.date.fromordinal(base + starts[i + 1] - 1)
        if draw(st.booleans()):
            entry["reference"] = draw(awkward_texts())
        if draw(st.booleans()):
            entry["note"] = draw(awkward_texts())
        entry["source"] = draw(st.sampled_from(["official", "user", "example"]))
        dated.append(entry)
    return draw(st.permutations(dated))


@st.composite
def supplied_parameters(draw: st.DrawFn, ruleset: Any) -> dict[str, Any]:
    """``with_parameters`` keyword arguments for 1-3 of ``ruleset``'s parameters: a table per
    kelas jabatan for a required one, the current value respelt or dated otherwise."""
    names = sorted(ruleset.parameters)
    chosen = draw(st.lists(st.sampled_from(names), min_size=1, max_size=3, unique=True))
    out: dict[str, Any] = {}
    for name in chosen:
        param = ruleset.parameters[name]
        if param.values:
            current = param.values[-1].value
        else:  # a required table the pack leaves to the user (tukin_base)
            current = {g: draw(st.integers(1, 60)) * 250_000 for g in range(1, 18)}
        out[name] = draw(supplied_values(current))
    return out


# -- the demo regency under the shipped rule packs (tests/test_pack_properties.py) ---------------

#: Values an indicator's target and realisation take in :func:`demo_regencies`: thirds and
#: sevenths (quotients that never end), zero, a half, tiny and huge.
AWKWARD_TARGETS = (3, 7, 1, 0.5, 2.5, 100, 0.07, 1_000_000)
AWKWARD_REALISATIONS = (0, 0, 1, 2, 3, 7, 0.35, 5.5, 110, 2.2, 1_000_000)


class DemoRegency:
    """A drawn demo regency: ``tables, period = case``; shown by what draws it again."""

    def __init__(self, n: int, seed: int, months: int, month: int, cells: int) -> None:
        self.draws = (n, seed, months, month, cells)
        self.tables = _demo_tables(*self.draws)
        self.period = f"2025-{month:02d}"

    def __iter__(self) -> Any:
        return iter((self.tables, self.period))

    def __repr__(self) -> str:
        n, seed, months, month, cells = self.draws
        return f"DemoRegency(n={n}, seed={seed}, months={months}, month={month}, cells={cells})"


def _demo_tables(n: int, seed: int, months: int, month: int, cells: int) -> dict[str, Any]:
    import random

    import pandas as pd

    from tukin.demo import generate

    tables = generate(n, seed=seed, months=months)
    rnd = random.Random(cells)
    employees = tables["employees"].copy()
    k = len(employees)
    employees["realisation"] = [rnd.choice(AWKWARD_REALISATIONS) for _ in range(k)]
    employees["target"] = [rnd.choice(AWKWARD_TARGETS) for _ in range(k)]
    ranges = rnd.random() < 0.75
    employees["target_max"] = pd.Series(
        [rnd.choice([None, None, 9.0]) if ranges else None for _ in range(k)], dtype=object
    )
    employees["polarity"] = [rnd.choice(["higher", "lower"]) for _ in range(k)]
    tables["employees"] = employees
    # the leave codes tukin-permentan-20-2025 deducts (Pasal 19), which the demo counts only
    # as `cuti`: mostly none, a few days now and then
    attendance = tables["attendance"].copy()
    for code in ("cuti_besar", "cuti_ap", "cuti_ap_duka"):
        attendance[code] = [rnd.choice([0, 0, 0, 0, 1, 2, 4]) for _ in range(len(attendance))]
    tables["attendance"] = attendance
    return tables


@st.composite
def demo_regencies(draw: st.DrawFn, max_employees: int = 30) -> DemoRegency:
    """``tables, period = case``: :func:`tukin.demo.generate` of a few employees, a month
    its actuals reach, and one indicator per employee as extra columns of ``employees``
    (``realisation``, ``target``, ``target_max``, ``polarity``: the capaian pack's inputs;
    ``target_max`` blank for everyone in about one draw in four, as a sheet with no range
    target gives it). Cells are picked by a ``random.Random`` seeded from one draw: a draw
    per cell (``st.randoms()`` draws each call) made generation slower than the calculation.
    """
    months = draw(st.integers(1, 12))
    return DemoRegency(
        draw(st.integers(4, max_employees)),
        draw(st.integers(0, 10_000)),
        months,
        draw(st.integers(1, months)),
        draw(st.integers(0, 2**32 - 1)),
    )


# -- daily attendance logs (tukin.daylog) ------------------------------------------------------

#: NIPs of the daily logs drawn: three employees, and a cell that is no NIP
LOG_NIPS = ("199001012015031001", "199001012015031002", "198512312010122003", "1990")
#: Times drawn for a log cell: on the minute, with seconds, Indonesian dots, blank, and cells
#: that are no time (text, a bare number, an hour past 23)
_LOG_TIMES = (
    None, "", "-", "07:30", "7.45", "08:00:59", "08:01", "09:00", "10:31", "16:00",
    "15:29:30", "14:29", "12:00", "xx", "0.3", "24:00",
)


@st.composite
def daily_logs(draw: st.DrawFn, max_rows: int = 40) -> Any:
    """A daily attendance log of October 2025 (a DataFrame with Indonesian headers): a few
    employees, any day of the month or of November (another month's rows), times good and
    bad, and day statuses some schedules list and one none does. Rows may repeat a day."""
    import pandas as pd

    n = draw(st.integers(0, max_rows))
    rnd = draw(st.randoms(use_true_random=False))
    months = ["10"] * 9 + ["11"]
    statuses = [None] * 6 + ["sakit", "Dinas Luar", "mangkir"]
    return pd.DataFrame(
        {
            "NIP": [rnd.choice(LOG_NIPS) for _ in range(n)],
            "Tanggal": [f"2025-{rnd.choice(months)}-{rnd.randint(1, 30):02d}" for _ in range(n)],
            "Jam Masuk": [rnd.choice(_LOG_TIMES) for _ in range(n)],
            "Jam Pulang": [rnd.choice(_LOG_TIMES) for _ in range(n)],
            "Keterangan": [rnd.choice(statuses) for _ in range(n)],
        },
        dtype=object,
    )


# -- several positions within one period (position_history, review 103) -------------------


@st.composite
def spell_rows(draw: st.DrawFn, max_size: int = 6) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """``(employees, attendance, history)`` for October 2025: :func:`employee_rows`, where
    about half the employees took their position (``start_date``) within October, after one
    or two earlier positions (``position_history``, the latest ending the day before; any
    grade, OPD and status), the earliest sometimes starting within October too."""
    import datetime as dt

    employees, attendance = draw(employee_rows(max_size=max_size))
    history: list[dict[str, Any]] = []
    for row in employees:
        if not draw(st.booleans()):
            continue
        start = dt.date(2025, 10, draw(st.integers(2, 31)))
        row["start_date"] = start.isoformat()
        end = start - dt.timedelta(days=1)
        for _ in range(draw(st.integers(1, 2))):
            within = end.month == 10 and end.day > 1 and draw(st.booleans())
            begin = dt.date(2025, 10, draw(st.integers(1, end.day))) if within else dt.date(2024, 1, 1)
            history.append(
                {
                    "nip": row["nip"],
                    "position_id": f"P{draw(st.sampled_from(GRADES))}{draw(st.sampled_from('AB'))}",
                    "status": draw(st.sampled_from(["pns", "cpns", "pppk"])),
                    "start_date": begin.isoformat(),
                    "end_date": end.isoformat(),
                }
            )
            if begin.year == 2024:
                break
            end = begin - dt.timedelta(days=1)
    return employees, attendance, history


def with_spells(rules: dict[str, Any]) -> dict[str, Any]:
    """A :func:`tpp_rulesets` rule set paying each position its days: a ``pro_rata`` factor
    in ``kotor``, summed over the positions held there (``position_history.sum_at``)."""
    steps = [dict(s) for s in rules["steps"]]
    at = next(i for i, s in enumerate(steps) if s["id"] == "kotor")
    steps.insert(at, {"id": "hari", "type": "pro_rata"})
    steps[at + 1]["expr"] = f"({steps[at + 1]['expr']}) * hari"
    return {**rules, "steps": steps, "position_history": {"sum_at": "kotor"}}
