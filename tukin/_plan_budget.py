"""What a projection says against the budget: each OPD's own pagu, who is left out of the
cost, and a multiplier the ceilings make fit (:mod:`tukin.planning`)."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from tukin.errors import InputWarning, Lang
from tukin.money import format_rupiah
from tukin.ruleset.types import fmt_exact

if TYPE_CHECKING:
    from tukin.planning import Projection
    from tukin.ruleset.model import RuleSet

__all__ = ["OUT_OF_SERVICE", "against_pagu", "left_out_warning", "multiplier_warnings"]

#: the rejection of an employee not in service in the month: expected, not a gap in the cost
OUT_OF_SERVICE = "out_of_service"


def against_pagu(by_opd: pd.DataFrame, pagu_opd: dict[str, int]) -> tuple[pd.DataFrame, list[str]]:
    """``by_opd`` with each OPD's pagu and headroom (pagu - cost), a row for an OPD of the
    table that nobody is paid in (cost 0: its pagu is all headroom); and the OPDs with a
    cost that the table does not name."""
    ids = by_opd["opd_id"].astype(str)
    absent = [k for k in pagu_opd if k not in set(ids)]
    if absent:
        zero = np.zeros(len(absent), dtype=np.int64)
        extra = pd.DataFrame(
            {"opd_id": absent, "opd_name": [None] * len(absent)}
            | {c: zero for c in by_opd.columns if c not in ("opd_id", "opd_name")}
        )
        by_opd = pd.concat([by_opd, extra], ignore_index=True)
        by_opd = by_opd.sort_values("opd_id", kind="stable", ignore_index=True)
        ids = by_opd["opd_id"].astype(str)
    pagu = pd.array([pagu_opd.get(k) for k in ids], dtype="Int64")
    by_opd = by_opd.assign(pagu=pagu, headroom=pagu - by_opd["cost"].to_numpy())
    missing = sorted(
        str(k) for k, c in zip(ids, by_opd["cost"], strict=True) if k not in pagu_opd and c > 0
    )
    return by_opd, missing


def left_out_warning(rejected: pd.DataFrame, year: int, lang: Lang) -> tuple[InputWarning, ...]:
    """``projection_left_out`` when employees in service are not in the cost: how many, for
    how many months, and the reasons most often given (their codes, with counts)."""
    missed = rejected[rejected["code"] != OUT_OF_SERVICE]
    if missed.empty:
        return ()
    codes = missed["code"].value_counts()
    detail = ", ".join(f"{code} ({n})" for code, n in codes.head(5).items())
    if len(codes) > 5:
        detail += ", …"
    return (
        InputWarning(
            "projection_left_out",
            lang,
            value=int(missed["nip"].nunique()),
            count=len(missed),
            year=year,
            detail=detail,
        ),
    )


def multiplier_warnings(
    projection: Projection, ruleset: RuleSet, multiplier: Fraction, lang: Lang
) -> tuple[InputWarning, ...]:
    """The projection's warnings, and ``multiplier_under_ceiling`` when ceiling steps cut the
    allowance at the multiplier found: the pagu is then met by those ceilings scaling
    everyone down, and a larger multiplier would "fit" as well."""
    cut = int(projection.monthly["ceiling_cut"].sum())
    if not cut:
        return projection.warnings
    ceilings = [s.id for s in ruleset.steps if s.type == "ceiling"]
    months = int((projection.monthly["ceiling_cut"] > 0).sum())
    return (
        *projection.warnings,
        InputWarning(
            "multiplier_under_ceiling",
            lang,
            value=fmt_exact(multiplier),
            steps=", ".join(f"'{s}'" for s in ceilings),
            months=months,
            amount_en=format_rupiah(cut, lang="en"),
            amount_id=format_rupiah(cut, lang="id"),
        ).with_params(
            # for a program (review 88): the steps a list, the rupiah cut a whole number
            {"value": fmt_exact(multiplier), "steps": ceilings, "months": months, "amount": cut}
        ),
    )
