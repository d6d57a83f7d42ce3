"""Employee appraisal (SKP): the predikat matrix and the distribution curve check.

PermenPANRB 6/2022 rates *work results* and *work behaviour* as above / as expected / below
expectation, and a 3 × 3 matrix turns the pair into a predikat (*Sangat Baik* … *Sangat
Kurang*). The matrix is data that the rule pack supplies (``predikat_matrix``), because the
label names differ between documents and regions build their own.

SE MenPANRB 03/2023 then bounds how employee predikat may be spread given the organisation's
predikat (an *Istimewa* organisation may rate at most 70 % *Sangat Baik* …).
:func:`check_distribution` reports every bound a set of ratings breaks, for HR and auditors;
the bounds are the data :data:`DISTRIBUTION_LIMITS`, replaceable by the caller. Grade of that
source: secondary (DOMAIN.md §5); check it against the circular before relying on it.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_validator

from tukin._language import resolve
from tukin.calc.context import StepContext
from tukin.errors import ArgumentError, Lang, Worded, render
from tukin.rules.achievement import reject
from tukin.rules.registry import rule
from tukin.ruleset.types import ColumnName, fmt_exact, refusal

Rating = Literal["above", "as_expected", "below"]
RATINGS: tuple[Rating, ...] = ("above", "as_expected", "below")
ALIASES = {
    "above": "above",
    "di_atas_ekspektasi": "above",
    "as_expected": "as_expected",
    "sesuai_ekspektasi": "as_expected",
    "below": "below",
    "di_bawah_ekspektasi": "below",
}


class _P(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class PredikatMatrixParams(_P):
    results: ColumnName = Field("results", description="Column with the rating of work results.")
    behaviour: ColumnName = Field(
        "behaviour", description="Column with the rating of work behaviour."
    )
    matrix: dict[Rating, dict[Rating, str]] = Field(
        description="Predikat per results rating, then per behaviour rating: all nine cells."
    )
    missing: str | None = Field(
        None,
        description="Predikat of an employee with no appraisal (e.g. 'Tidak Ada SKP'); "
        "empty: such employees are rejected.",
    )

    @field_validator("matrix")
    @classmethod
    def _nine(cls, m: dict[Rating, dict[Rating, str]]) -> dict[Rating, dict[Rating, str]]:
        gaps = [f"{r}/{b}" for r in RATINGS for b in RATINGS if b not in m.get(r, {})]
        if gaps:
            listed = ", ".join(gaps)
            raise refusal(
                f"the matrix has no predikat for results/behaviour {listed}",
                f"matriks tidak memiliki predikat untuk hasil kerja/perilaku {listed}",
            )
        return m


def ratings_of(codes: np.ndarray, uniq: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """``(code, missing)`` of a rating column read as categories (``ctx.categories``): 0/1/2
    for above/as_expected/below, -1 for unknown or missing."""
    index: dict[str, int] = {r: i for i, r in enumerate(RATINGS)}
    keys = [ALIASES.get("_".join(u.replace("-", " ").split()), "") for u in uniq]
    rating = np.array([index.get(k, -1) for k in keys] + [-1], dtype=np.int64)[codes]
    blank = np.array([not u for u in uniq] + [True], dtype=bool)[codes]
    return rating, blank


@rule("predikat_matrix", params=PredikatMatrixParams)
def predikat_matrix(ctx: StepContext, p: PredikatMatrixParams) -> np.ndarray:
    """Predikat from the ratings of work results and behaviour, PermenPANRB 6/2022 matrix
    (supplied by the rule pack). Unknown rating text rejects the employee."""
    res, res_blank = ratings_of(*ctx.categories(p.results))
    beh, beh_blank = ratings_of(*ctx.categories(p.behaviour))
    table = np.array([[p.matrix[r][b] for b in RATINGS] for r in RATINGS], dtype=object)
    none = res_blank | beh_blank
    unknown = ~none & ((res < 0) | (beh < 0))
    out = np.full(ctx.n, None, dtype=object)
    ok = ~none & ~unknown
    out[ok] = table[res[ok], beh[ok]]
    reject(
        ctx,
        unknown,
        "unknown_rating",
        Worded(
            "a rating is not above, as_expected or below",
            "penilaian bukan di atas, sesuai atau di bawah ekspektasi",
            columns=[p.results, p.behaviour],
            choices=list(RATINGS),
        ),
    )
    if p.missing is None:
        reject(
            ctx,
            none,
            "no_appraisal",
            Worded(
                "no appraisal (SKP rating) for the period",
                "tidak ada penilaian SKP untuk periode ini",
                columns=[p.results, p.behaviour],
                period=str(ctx.period),
            ),
        )
    else:
        out[none] = p.missing
    return out


class UnassessedSubordinatesParams(_P):
    """No parameters: the positions' reporting lines and the period's appraisals decide."""


@rule("unassessed_subordinates", params=UnassessedSubordinatesParams)
def unassessed_subordinates(ctx: StepContext, p: UnassessedSubordinatesParams) -> object:
    """How many direct subordinates serving in the period have no appraisal (SKP rating) for
    it: the employees whose position reports to this employee's position (``superior_id``).

    The superior rates the subordinates (PermenPANRB 6/2022), and some regions cut the
    allowance of one who did not: Jambi takes 5 points off the SKP ratio (DOMAIN.md §3, a
    province's practice). The count makes that a formula (``rasio - 0.05 * (belum_menilai >
    0)``) instead of a flag kept by hand. A subordinate who served no day of the period is not
    counted; every holder of the superior position gets the count.
    """
    frame = ctx.frame
    if "position_id" not in ctx.reads:
        ctx.reads.append("position_id")

    @functools.cache
    def late() -> tuple[np.ndarray, np.ndarray, int]:
        """Per employee the code of their position and, for a subordinate serving without
        an appraisal, of the position they report to (-1 otherwise)."""
        pos = frame["position_id"].astype(object).to_numpy()
        sup = frame["superior_id"].astype(object).to_numpy()
        codes, uniq = pd.factorize(np.concatenate([pos, sup]), use_na_sentinel=True)
        mine, theirs = codes[: len(pos)], codes[len(pos) :]
        missing = ~frame["has_appraisal"].to_numpy(dtype=bool)
        missing &= frame["days_served"].to_numpy() > 0
        return mine, np.where(missing, theirs, -1), len(uniq)

    def count() -> np.ndarray:
        mine, theirs, n = late()
        per_position = np.bincount(theirs[theirs >= 0], minlength=n + 1)
        return np.where(mine >= 0, per_position[np.maximum(mine, 0)], 0).astype(np.int64)

    def whom() -> np.ndarray:
        """The NIPs counted, for the explanation (the first five, then "…")."""
        mine, theirs, _ = late()
        nips = frame["nip"].to_numpy(dtype=object)
        listed: dict[int, list[str]] = {}
        for row in np.flatnonzero(theirs >= 0):
            names = listed.setdefault(int(theirs[row]), [])
            if len(names) <= _LISTED:
                names.append(str(nips[row]))
        shown = {
            k: ", ".join(v[:_LISTED]) + (", …" if len(v) > _LISTED else "")
            for k, v in listed.items()
        }
        return np.array([shown.get(int(m), "") for m in mine], dtype=object)

    ctx.note("unassessed", ctx.per_employee(("unassessed_subordinates", "nips"), whom))
    return ctx.numbers(ctx.per_employee(("unassessed_subordinates",), count))


#: Subordinates named in an explanation of :func:`unassessed_subordinates`.
_LISTED = 5


# -- distribution curve -----------------------------------------------------------------------


@dataclass(frozen=True)
class Limit:
    """A bound on the share of employees whose predikat is one of ``labels``."""

    labels: tuple[str, ...]
    kind: Literal["at_most", "at_least", "more_than"]
    share: Fraction

    def describe(self, lang: Lang | None = None) -> str:
        """The bound in words (``at most 70% Sangat Baik``; ``paling banyak 70% Sangat Baik``),
        in ``lang`` (``None``: the session's, :func:`tukin.get_language`)."""
        words = _LIMIT_WORDS[self.kind][resolve(lang) == "id"]
        return f"{words} {_pct(self.share)} {' / '.join(self.labels)}"


_LIMIT_WORDS = {
    "at_most": ("at most", "paling banyak"),
    "at_least": ("at least", "paling sedikit"),
    "more_than": ("more than", "lebih dari"),
}


@dataclass(frozen=True)
class Breach:
    """A limit a set of ratings breaks: which, the observed share and the allowed bound."""

    organisation_predikat: str
    limit: Limit
    observed: Fraction  # share of the counted employees
    allowed: Fraction  # the limit's bound
    count: int
    total: int

    def message(self, lang: Lang | None = None) -> str:
        """The breach in ``lang`` (``None``: the session's, :func:`tukin.get_language`), for
        HR reading a check in either language."""
        lang = resolve(lang)
        return render(
            "distribution_breach",
            lang,
            organisation=self.organisation_predikat,
            limit=self.limit.describe(lang),
            observed=_pct(self.observed),
            count=self.count,
            total=self.total,
        )

    def __str__(self) -> str:  # English, as it always was (logs, doctests)
        return self.message("en")


def _rating_counts(ratings: Sequence[str] | pd.Series | Mapping[str, int]) -> pd.Series:
    """How many employees received each predikat as given (missing ratings left out): from
    one label per employee, or from counts (see :func:`check_distribution`)."""
    counted = isinstance(ratings, Mapping) or (
        isinstance(ratings, pd.Series) and pd.api.types.is_integer_dtype(ratings.dtype)
    )
    if not counted or not isinstance(ratings, Mapping | pd.Series):
        series = pd.Series(
            list(ratings) if not isinstance(ratings, pd.Series) else ratings, dtype=object
        )
        return series[series.notna()].value_counts(sort=False)
    items = list(ratings.items())
    for label, n in items:
        whole = isinstance(n, int | np.integer) and not isinstance(n, bool | np.bool_)
        if not (isinstance(label, str) and whole and n >= 0):
            raise ArgumentError(code="distribution_counts", value=f"{label!r}: {n!r}")
    return pd.Series([int(n) for _, n in items], index=pd.Index([k for k, _ in items]))


def _pct(q: Fraction) -> str:
    """A share as a percentage: exact when it has at most two decimals, else to 2 places."""
    pct = q * 100
    return f"{fmt_exact(pct)}%" if (pct * 100).denominator == 1 else f"{float(pct):.2f}%"


def _L(labels: str, kind: Literal["at_most", "at_least", "more_than"], pct: int) -> Limit:
    return Limit(tuple(s.strip() for s in labels.split("/")), kind, Fraction(pct, 100))


DISTRIBUTION_LIMITS: Mapping[str, tuple[Limit, ...]] = {
    "Istimewa": (_L("Sangat Baik", "at_most", 70),),
    "Baik": (_L("Baik", "at_most", 70), _L("Butuh Perbaikan / Kurang", "more_than", 0)),
    "Butuh Perbaikan": (_L("Butuh Perbaikan", "at_least", 60), _L("Sangat Baik", "at_most", 10)),
    "Kurang": (
        _L("Kurang", "at_least", 60),
        _L("Butuh Perbaikan", "at_least", 10),
        _L("Sangat Baik", "at_most", 10),
    ),
    "Sangat Kurang": (
        _L("Sangat Kurang", "at_least", 60),
        _L("Kurang / Butuh Perbaikan", "at_least", 10),
        _L("Sangat Baik", "at_most", 0),
    ),
}
"""SE MenPANRB 03/2023 curve per organisation predikat (secondary source, DOMAIN.md §5)."""


#: The employee predikat of PermenPANRB 6/2022: a rating outside them (and outside a pack's
#: own limits) cannot be counted against the curve.
EMPLOYEE_PREDIKAT = ("Sangat Baik", "Baik", "Butuh Perbaikan", "Kurang", "Sangat Kurang")


def _norm(label: object) -> str:
    """Case, spaces, dashes and underscores aside ("SANGAT-BAIK" is Sangat Baik)."""
    return " ".join(re.split(r"[\s_\-]+", str(label).strip())).casefold()


def check_distribution(
    ratings: Sequence[str] | pd.Series | Mapping[str, int],
    organisation_predikat: str,
    limits: Mapping[str, Iterable[Limit]] = DISTRIBUTION_LIMITS,
    *,
    ignore: Iterable[str] = (),
) -> list[Breach]:
    """Every limit of ``organisation_predikat`` that the employee predikat ``ratings`` break.

    Labels compare case-insensitively, with spaces, dashes and underscores alike. Missing
    ratings and the labels in ``ignore`` (e.g. ``"Tidak Ada SKP"``) are not counted; with no
    rating left there is nothing to check and the list is empty. Any other label that is no
    employee predikat (:data:`EMPLOYEE_PREDIKAT`, or a label of ``limits``) raises
    ``ArgumentError`` (a ``ValueError``) naming it in both languages: a typo or an old name ("Cukup") counted among the total would
    move every share, and the verdict with it, without a word. Map such labels first.

    ``ratings`` is one predikat per employee (a list, a Series of labels), or how many
    employees received each: a mapping ``{predikat: count}`` (as a golden case writes
    ``ratings``) or a Series of whole numbers indexed by predikat (``value_counts()``). The
    two cannot be confused: a count is a whole number, a predikat a text. A mapping of
    anything else (``{nip: predikat}``) is refused (``distribution_counts``) rather than read
    by its keys, which counted each predikat once and found no breach.

    >>> [str(b) for b in check_distribution(["Sangat Baik"] * 8 + ["Baik"] * 2, "Istimewa")]
    ['Istimewa: at most 70% Sangat Baik allowed, observed 80% (8 of 10)']
    """
    by_name = {_norm(k): (k, tuple(v)) for k, v in limits.items()}
    key = _norm(organisation_predikat)
    if key not in by_name:
        raise ArgumentError(
            code="unknown_organisation_predikat",
            value=organisation_predikat,
            choices=", ".join(limits),
        )
    name, rules = by_name[key]
    given = _rating_counts(ratings)
    skip = {_norm(x) for x in ignore}
    labels = given.index.map(_norm)
    counts = given[~labels.isin(skip)].groupby(labels[~labels.isin(skip)], sort=False).sum()
    known = {_norm(x) for x in EMPLOYEE_PREDIKAT} | {
        _norm(label) for rules in limits.values() for lim in rules for label in lim.labels
    }
    unknown = [k for k in counts.index if k not in known]
    if unknown:
        shown = ", ".join(
            f"{given.index[labels == k][0]!r} ({int(counts[k])})" for k in sorted(unknown)
        )
        raise ArgumentError(
            code="unknown_employee_predikat", value=shown, choices=", ".join(EMPLOYEE_PREDIKAT)
        )
    total = int(counts.sum())
    breaches: list[Breach] = []
    if total == 0:
        return breaches
    for lim in rules:
        n = int(sum(counts.get(_norm(lab), 0) for lab in lim.labels))
        share = Fraction(n, total)
        broken = {
            "at_most": share > lim.share,
            "at_least": share < lim.share,
            "more_than": share <= lim.share,
        }[lim.kind]
        if broken:
            breaches.append(Breach(name, lim, share, lim.share, n, total))
    return breaches
