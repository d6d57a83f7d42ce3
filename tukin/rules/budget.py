"""Budget ceilings: cap the allowances of a group at an amount, allocated exactly to the rupiah.

PP 12/2019 art. 58 gives TPP "considering the regional fiscal capacity": a regency pays for
performance, but never more than the budget (pagu) allows. The ``ceiling`` step caps the total
of a group (an OPD, a set of OPDs, the whole government) for the period:

- ``proportional``: everyone in the group is scaled by the same factor ``ceiling / total``;
- ``performance_only``: only the performance part (a column) is scaled, the rest is kept;
- ``floor``: the first ``floor`` rupiah of everyone's allowance are kept, only the part above
  it is scaled, so nobody is scaled below the floor.

Each policy splits an amount into a *protected* and a *scalable* part. When the group's total
exceeds the ceiling, the scalable parts are scaled by ``(ceiling - protected) / scalable`` and
made whole rupiah by the **largest-remainder method** (Hamilton): everyone gets the floor of
their exact share, and the rupiah left over go one each to the largest remainders, ties broken
by NIP. So the group total equals the ceiling to the rupiah, nobody receives more than before
(an exact share below one's amount rounds up to at most that amount), and the result does not
depend on the order of the input rows. Everything is integer arithmetic (Python integers where
``amount × ceiling`` could pass 2**63), so the fast path is exact and the engine copies it for
rows it recomputes (``group_level=True``).

:func:`reconciliation` (:mod:`tukin.rules._ceiling_report`) gives, per group, the uncapped
total, the ceiling, the exact scale factor and the paid total.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from tukin.calc.context import StepContext
from tukin.calc.notes import coded_notes
from tukin.calc.num import FNum, XNum
from tukin.errors import CalculationError, Worded
from tukin.money import format_rupiah
from tukin.rules._ceiling_report import (
    RECONCILIATION_COLUMNS,
    _reconcile,
    reconciliation,
    unpaid_shares,
)
from tukin.rules.registry import PerEmployee, rule
from tukin.ruleset.types import ColumnName, Rupiah, refuse_field

__all__ = [
    "RECONCILIATION_COLUMNS",
    "CeilingParams",
    "allocate",
    "reconciliation",
    "unpaid_shares",
]

Keys = np.ndarray | Callable[[np.ndarray], np.ndarray]  # tie-break keys, or how to read them
_SAFE = 2**62  # products below this fit int64 with room for the sums


class CeilingParams(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    input: ColumnName = Field(description="Allowance to cap: integer rupiah (after a round step).")
    group_by: str = Field(
        "all",
        description="Column whose value forms the groups (opd_id...), or 'all' for one group.",
    )
    groups: dict[str, list[str | int]] | None = Field(
        None,
        description="Optional: named sets of group_by values capped together {name: [opd...]}.",
    )
    amount: Rupiah | dict[str | int, Rupiah] = Field(
        description="Ceiling for the period: one amount for every group, or a table {group: amount}."
    )
    policy: Literal["proportional", "performance_only", "floor"] = Field(
        "proportional", description="What is scaled when the ceiling binds."
    )
    performance_part: ColumnName | None = Field(
        None, description="performance_only: the integer-rupiah performance part of the input."
    )
    floor: Rupiah | None = Field(None, description="floor: rupiah of each allowance never scaled.")
    missing: Literal["reject", "uncapped"] = Field(
        "reject", description="Rows whose group has no ceiling: reject them, or pay them uncapped."
    )
    tie_break: ColumnName = Field(
        "nip",
        description="Key ordering equal remainders (as text); rows equal on it too by NIP.",
    )

    @model_validator(mode="after")
    def _policy_fields(self) -> CeilingParams:
        if self.policy == "performance_only" and self.performance_part is None:
            _refuse(
                "policy performance_only needs 'performance_part' (a column)",
                "policy performance_only memerlukan 'performance_part' (sebuah kolom)",
            )
        if self.policy == "floor" and self.floor is None:
            _refuse(
                "policy floor needs 'floor' (rupiah)",
                "policy floor memerlukan 'floor' (rupiah)",
            )
        if self.policy != "performance_only" and self.performance_part is not None:
            _refuse(
                "'performance_part' is only used by policy performance_only",
                "'performance_part' hanya dipakai oleh policy performance_only",
            )
        if self.policy != "floor" and self.floor is not None:
            _refuse(
                "'floor' is only used by policy floor", "'floor' hanya dipakai oleh policy floor"
            )
        if isinstance(self.amount, dict) and not self.amount and self.missing == "reject":
            refuse_field(
                "amount",
                self.amount,
                "empty_table",
                "the table of ceilings is empty: every employee would be rejected (no "
                "ceiling for their group); give the ceilings, or missing: uncapped",
                "tabel pagu kosong: setiap pegawai akan ditolak (tidak ada pagu untuk "
                "kelompoknya); isi pagunya, atau missing: uncapped",
            )
        negative = (
            [("", self.amount)]
            if isinstance(self.amount, int)
            else [(f" ({k})", v) for k, v in self.amount.items()]
        )
        for at, v in negative:
            if v < 0:
                _refuse(
                    f"a ceiling cannot be negative: {v}{at}",
                    f"pagu tidak boleh negatif: {v}{at}",
                )
        return self


def _refuse(en: str, id_: str) -> None:
    """A problem of the step's parameters, in both languages (what the rule-file check shows)."""
    raise PydanticCustomError("ceiling_params", "{message}", {"message": en, "message_id": id_})


def allocate(
    amounts: np.ndarray, groups: np.ndarray, targets: np.ndarray, keys: Keys
) -> np.ndarray:
    """Scale integer ``amounts`` down so that each group's total is exactly its target.

    ``groups`` holds a group number (0..G-1) per row, ``targets`` the wanted total per group
    (``-1`` = leave the group alone; groups whose total is already within target are left
    alone too). Largest remainder: ``floor(a·T/S)`` each, then one more rupiah to the
    ``T - Σfloor`` rows with the largest remainder ``a·T mod S``, ties by ``keys`` ascending
    (an array per row, or a function giving the keys of the rows it is passed: only rows tied
    at a group's cut-off need a key, and reading a million NIPs as text costs a tenth of a
    second).
    Amounts must be non-negative; the result never exceeds them.
    """
    a = np.asarray(amounts, dtype=np.int64)
    g = np.asarray(groups, dtype=np.intp)
    tgt = np.asarray(targets, dtype=np.int64)
    out = a.copy()
    if len(a) == 0:
        return out
    totals = np.zeros(len(tgt), dtype=np.int64)
    np.add.at(totals, g, a)
    binding = (tgt >= 0) & (totals > tgt)
    rows = np.flatnonzero(binding[g])
    if len(rows) == 0:
        return out
    ar, gr = a[rows], g[rows]
    t, s = tgt[gr], totals[gr]
    q, r = muldivmod(ar, t, s)
    short = tgt.copy()
    np.subtract.at(short, gr, q)  # rupiah still to hand out, per group (< rows in group)
    out[rows] = q + _bonus(gr, r, short, rows, keys)
    return out


def muldivmod(a: np.ndarray, t: np.ndarray, s: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``divmod(a * t, s)`` exactly, for non-negative int64 ``a``, ``t`` and positive ``s``
    with ``t <= s`` (a scaled share never exceeds the amount), although ``a * t`` may not
    fit int64.

    A province's ceiling times one allowance passes 2**63 rupiah², and Python integers for
    a million rows cost half a second. Instead: the quotient estimated in floats is off by at
    most one (it is at most ``a`` < 2**53, and the relative error of ``a * (t / s)`` is a few
    parts in 2**53), and the remainder of that estimate, ``a*t - q*s``, is exact in int64
    arithmetic that wraps modulo 2**64 as long as its true value lies within ±2**63, which
    ``s < 2**60`` ensures; then a correction step or two. Python integers remain for what is
    outside those bounds.
    """
    a, t, s = (np.asarray(x, dtype=np.int64) for x in (a, t, s))
    if not len(a):
        return a.copy(), a.copy()
    if int(a.max()) * int(t.max()) < _SAFE:
        return np.divmod(a * t, s)
    if int(a.max()) < 2**52 and int(s.max()) < 2**60 and bool((t <= s).all()):
        q = np.floor(a * (t / s)).astype(np.int64)
        with np.errstate(over="ignore"):
            r = a * t  # exact: the true value of a*t - q*s is within (-4s, 4s), wrapped mod 2**64
            r -= q * s
        # the estimate is right on almost every row: the few others are corrected alone
        off = np.flatnonzero((r < 0) | (r >= s))
        for _ in range(4):
            if not len(off):
                return q, r
            ro, so = r[off], s[off]
            step = (ro >= so).astype(np.int64) - (ro < 0)
            q[off] += step
            r[off] = ro - step * so
            off = off[(r[off] < 0) | (r[off] >= so)]
    prod = a.astype(object) * t.astype(object)  # pragma: no cover - beyond the bounds above
    return (prod // s.astype(object)).astype(np.int64), (prod % s.astype(object)).astype(np.int64)


@rule(
    "ceiling",
    params=CeilingParams,
    group_level=True,
    per_employee=PerEmployee(
        "caps the allowances of a group at its ceiling",
        "membatasi tunjangan satu kelompok pada pagunya",
    ),
)
def ceiling(ctx: StepContext, p: CeilingParams) -> Any:
    """Cap the total allowance of each group at its ceiling, exactly to the rupiah."""
    alive = ctx.alive.copy()
    amount = _whole_rupiah(ctx.num(p.input), alive, ctx.step.id, p.input)
    from tukin.result import check_summable  # the groups' totals below are int64 sums

    check_summable(amount[alive], p.input, ctx.step.id)
    codes, uniq = _groups(ctx, p)  # group per row as a code into uniq (-1: none)
    table = _ceilings(p, uniq)
    known = np.array([u is not None and u in table for u in uniq] + [False], dtype=bool)
    present = {uniq[c] for c in np.unique(codes).tolist() if c < len(uniq)} - {None}
    unmatched = sorted(set(table) - present) if isinstance(p.amount, dict) else []
    if isinstance(p.amount, dict):  # a key no row's group has is a typo or an empty OPD
        ctx.cache["table_keys"] = sorted(table)
        ctx.cache["groups_found"] = sorted(str(n) for n in present)
    no_cap = ~known[codes] & alive
    if no_cap.any() and p.missing == "reject":
        for c in np.unique(codes[no_cap]).tolist():
            lab = uniq[c] if c < len(uniq) else None
            near = _near(lab, unmatched)
            en, id_ = _near_words(near)
            ctx.reject(
                no_cap & (codes == c),
                "no_ceiling",
                Worded(
                    f"no budget ceiling for group {lab!r}{en}",
                    f"tidak ada pagu untuk kelompok {lab!r}{id_}",
                    column=p.group_by,
                    value=lab,
                    suggestion=near,
                ),
            )
        alive &= ~no_cap
    capped = alive & ~no_cap
    protected = _protected(ctx, p, amount, alive)
    held = np.flatnonzero(np.bincount(codes[capped], minlength=len(uniq) + 1))
    # a capped row's group has a ceiling, so a name (never None)
    names: list[str] = sorted({str(uniq[c]) for c in held.tolist()})
    position = {n: i for i, n in enumerate(names)}
    remap = np.array(
        [position.get(u, -1) if u is not None else -1 for u in uniq] + [-1], dtype=np.intp
    )
    gc = remap[codes[capped]]
    prot_total = np.zeros(len(names), dtype=np.int64)
    np.add.at(prot_total, gc, protected[capped])
    total = np.zeros(len(names), dtype=np.int64)
    np.add.at(total, gc, amount[capped])
    limit = np.array([table[n] for n in names], dtype=np.int64)
    bad = (total > limit) & (prot_total > limit)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise CalculationError(
            code="ceiling_infeasible",
            value=ctx.step.id,
            detail_code="ceiling_below_protected",
            group=names[i],
            protected=int(prot_total[i]),
            ceiling=int(limit[i]),
            protected_en=format_rupiah(int(prot_total[i]), lang="en"),
            protected_id=format_rupiah(int(prot_total[i]), lang="id"),
            ceiling_en=format_rupiah(int(limit[i]), lang="en"),
            ceiling_id=format_rupiah(int(limit[i]), lang="id"),
        )
    if p.tie_break not in ctx.reads:
        ctx.reads.append(p.tie_break)  # read (for the tied rows only) below
    capped_rows = np.flatnonzero(capped)

    def keys(at: np.ndarray) -> np.ndarray:
        key = ctx.text_at(p.tie_break, capped_rows[at])
        if p.tie_break == "nip":
            return key
        # rows equal on the tie-break column (a grade, a status) are ordered by NIP: the
        # order of rows differs between one calculation and partitions of it
        nip = ctx.text_at("nip", capped_rows[at])
        return np.array(
            [f"{k}\x00{n}" for k, n in zip(_texts(key), nip, strict=True)], dtype=object
        )

    scal = np.where(capped, amount - protected, 0)
    new_scal = allocate(scal[capped], gc, limit - prot_total, keys)
    out = np.where(alive, amount, 0)
    out[capped] = protected[capped] + new_scal
    recon = _reconcile(names, gc, amount[capped], out[capped], limit, prot_total)
    ctx.cache["reconciliation"] = recon
    per_group = np.full(len(uniq) + 1, None, dtype=object)
    per_factor = np.full(len(uniq) + 1, None, dtype=object)
    factors = recon["factor"].to_numpy()
    for j, u in enumerate(uniq):
        if u in position:
            per_group[j], per_factor[j] = u, factors[position[u]]
    # one take per note: rows not capped read the last slot (None)
    slot = np.where(capped, codes, len(uniq))
    ctx.note("ceiling_group", coded_notes(per_group, slot))
    ctx.note("ceiling_factor", coded_notes(per_factor, slot))
    return ctx.numbers(out.astype(np.int64), unit="rupiah")


def _bonus(
    gr: np.ndarray, r: np.ndarray, short: np.ndarray, rows: np.ndarray, keys: Keys
) -> np.ndarray:
    """1 for the ``short[g]`` rows of each group g with the largest remainder ``r``, ties by
    key ascending (as text); else 0.

    Sorting a million keys as text is what made a ceiling slow, and only the rows tied at a
    group's cut-off remainder need them: the rest are decided by integers alone.
    """
    order = _by_group_then_largest(gr, r)
    gs, rs = gr[order], r[order]
    rank = _rank_in_group(gs, len(short))
    k = short[gs]
    cut = np.full(len(short), -1, dtype=np.int64)  # remainder of the last row served
    last = rank == k - 1
    cut[gs[last]] = rs[last]
    served = k > 0
    sure = served & (rs > cut[gs])
    tied = np.flatnonzero(served & (rs == cut[gs]))
    win = sure.copy()
    if len(tied):
        slots = short - np.bincount(gs[sure], minlength=len(short))
        at = rows[order[tied]]
        text = _texts(keys(at) if callable(keys) else np.asarray(keys, dtype=object)[at])
        by = np.lexsort((text, gs[tied]))
        tg = gs[tied][by]
        rank2 = _rank_in_group(tg, len(short))
        win[tied[by][rank2 < slots[tg]]] = True
    bonus = np.zeros(len(gr), dtype=np.int64)
    bonus[order[win]] = 1
    return bonus


def _near(group: str | None, unmatched: list[str]) -> str | None:
    """The pagu table's key that matches no group and looks like ``group`` ('Dinkes' for
    'DINKES'); None when none does."""
    if group is None or not unmatched:
        return None
    close = [k for k in unmatched if k.casefold() == str(group).casefold()]
    close += difflib.get_close_matches(str(group), unmatched, n=1)
    return close[0] if close else None


def _near_words(near: str | None) -> tuple[str, str]:
    """:func:`_near`'s key as the end of a reason in both languages; empty when none."""
    if near is None:
        return "", ""
    return (
        f" (the ceiling table has {near!r}, which matches no group: a typo?)",
        f" (tabel pagu memuat {near!r}, yang tidak cocok dengan kelompok mana pun: salah tulis?)",
    )


def _rank_in_group(groups: np.ndarray, n: int) -> np.ndarray:
    """Each row's rank within its group, for ``groups`` sorted ascending (numbers 0..n-1):
    each group starts where the ones before it end (a count per group, not a binary search
    per row)."""
    sizes = np.bincount(groups, minlength=n)
    return np.arange(len(groups)) - (np.cumsum(sizes) - sizes)[groups]


def _by_group_then_largest(gr: np.ndarray, r: np.ndarray) -> np.ndarray:
    """The order of rows by group ascending, then remainder descending (rows with equal
    both in any order: the caller decides those by key). One sort of a combined int64 key when
    it fits (groups times remainders below 2**62), a third of a two-key lexsort's time."""
    if not len(r):
        return np.zeros(0, dtype=np.intp)
    span = int(r.max()) + 1
    if int(gr.max()) * span + span < _SAFE and int(r.min()) >= 0:
        return np.argsort(gr.astype(np.int64) * span + (span - 1 - r))
    return np.lexsort((-r, gr))


def _whole_rupiah(x: FNum | XNum, alive: np.ndarray, step: str, name: str) -> np.ndarray:
    """The column as int64 rupiah; refuses fractions of a rupiah and negative amounts."""
    if x.unit != "rupiah":
        raise CalculationError(value=step, detail_code="ceiling_input_not_rupiah", column=name)
    if isinstance(x, XNum):
        vals = [v if v is not None else Fraction(0) for v in x.v]
        if any(v.denominator != 1 for v, a in zip(vals, alive, strict=True) if a):
            raise CalculationError(value=step, detail_code="ceiling_input_not_whole", column=name)
        out = np.array([int(v) for v in vals], dtype=np.int64)
    else:
        v = np.where(alive, x.v, 0.0)
        scale = 10.0**x.s
        # whole rupiah: v / 10**s an integer (NaN and inf fail both tests)
        ok = np.isfinite(v)
        ok &= (np.rint(v) == v) if not x.s else (np.fmod(v, scale) == 0)
        if x.e is not None:
            ok &= np.where(alive, x.e, 0.0) == 0
        if not ok.all():
            raise CalculationError(value=step, detail_code="ceiling_input_not_whole", column=name)
        out = (v / scale).astype(np.int64) if x.s else v.astype(np.int64)
    if (out[alive] < 0).any():
        raise CalculationError(value=step, detail_code="ceiling_input_negative", column=name)
    return np.where(alive, out, 0)


def _groups(ctx: StepContext, p: CeilingParams) -> tuple[np.ndarray, list[str | None]]:
    """Group per row as ``(codes, names)``: row i is in group ``names[codes[i]]``; code -1
    (and a name None) means no group. Factorised, so the rows are never looped over."""
    if p.group_by == "all":
        return np.zeros(ctx.n, dtype=np.intp), ["all"]
    codes, uniques = ctx.distinct(p.group_by)
    names: list[str | None] = [_key(u) for u in uniques]
    if p.groups is not None:
        member = {_key(k): name for name, ks in p.groups.items() for k in ks}
        names = [member.get(n) if n is not None else None for n in names]
    codes = np.where(codes < 0, len(names), codes).astype(np.intp)  # the extra slot: no group
    return codes, names


def _texts(values: Any) -> np.ndarray:
    """A tie-break column as text, whatever its type."""
    if isinstance(values, FNum | XNum):
        values = values.to_float()
    return np.asarray(pd.Series(np.asarray(values, dtype=object)).astype(str), dtype=str)


def _key(v: Any) -> str:
    if isinstance(v, float | np.floating) and float(v).is_integer():
        return str(int(v))
    return str(v).strip()


def _ceilings(p: CeilingParams, names: list[str | None]) -> dict[str, int]:
    if isinstance(p.amount, dict):
        return {_key(k): int(v) for k, v in p.amount.items()}
    return {n: int(p.amount) for n in names if n is not None}


def _protected(
    ctx: StepContext, p: CeilingParams, amount: np.ndarray, alive: np.ndarray
) -> np.ndarray:
    """The part of each amount the policy never scales."""
    if p.policy == "proportional":
        return np.zeros(len(amount), dtype=np.int64)
    if p.policy == "floor":
        return np.minimum(amount, np.int64(p.floor or 0))
    assert p.performance_part is not None
    perf = _whole_rupiah(ctx.num(p.performance_part), alive, ctx.step.id, p.performance_part)
    if (perf > amount).any():
        raise ctx.error("performance_part_above", part=p.performance_part, column=p.input)
    return amount - perf
