"""The TPP paid with the THR and the gaji ke-13: the year's two payments a month's run misses.

Each year's Government Regulation on the THR and the gaji ke-13 of the state apparatus
(PP 14/2024 for 2024, PP 11/2025 for 2025; docs/fiscal.md cites what was read) makes the
*tambahan penghasilan* part of both payments for the PNS, CPNS and PPPK paid from the APBD:
"paling banyak" (at most) the TPP received in one month (50 % in 2022 and 2023), in a region
that gives TPP within its fiscal capacity, on the amounts paid in a named month. A year of
twelve monthly runs therefore understates the TPP the APBD pays by up to two months: exactly
what a fiscal-capacity check must not miss. How much of the cap a region pays is its own
decision (a Perkada), so nothing is assumed: the planning call is told each payment, its
share of a month's TPP and the month whose TPP is the base.

Each employee paid in the base month gets ``share`` × the allowance he is paid that month,
rounded **down** to the rupiah ("paling banyak": never above the cap), in his OPD of that
month; the amount is costed in the month it is paid. No iuran is withheld from or paid on it
(the PPs: THR and gaji ke-13 bear no contribution), so it is the same under either ``cost``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Literal

import numpy as np

from tukin._plan_inputs import _shown, exact_argument, whole_number
from tukin.errors import ArgumentError, ArgumentTypeError, Lang
from tukin.money import percent_text

__all__ = [
    "EXTRA_KINDS",
    "ExtraPayment",
    "basis_text",
    "check_extras",
    "extra_amounts",
    "extra_label",
]

ExtraKind = Literal["thr", "gaji13"]
#: the payments, in the order they fall in a year, with their labels (Indonesian, English)
EXTRA_KINDS: dict[str, tuple[str, str]] = {
    "thr": ("TPP pada THR", "TPP in the THR"),
    "gaji13": ("TPP pada gaji ke-13", "TPP in the 13th salary"),
}


@dataclass(frozen=True)
class ExtraPayment:
    """The TPP paid with the THR (``kind="thr"``) or the gaji ke-13 (``"gaji13"``):
    ``share`` (``"100%"``, ``Fraction(1, 2)``; at most one month's TPP) of the allowance each
    employee is paid in ``base_month`` (1-12 of the projected year), costed in ``paid_month``
    (the base month when not given)."""

    kind: str
    share: Fraction | int | str
    base_month: int
    paid_month: int | None = None

    def label(self, lang: Lang) -> str:
        return extra_label(self.kind, lang)


def extra_label(kind: str, lang: Lang) -> str:
    return EXTRA_KINDS[kind][0 if lang == "id" else 1]


def basis_text(share: Fraction, base_month: str, paid_month: str, lang: Lang) -> str:
    """What a payment is, for the summary: ``100% × TPP 2026-02, dibayar 2026-03``."""
    shown = percent_text(share)  # 12.5%, but 1/3
    return f"{shown} × TPP {base_month}, {'dibayar' if lang == 'id' else 'paid'} {paid_month}"


def check_extras(call: str, extras: Any) -> tuple[ExtraPayment, ...]:
    """``extras`` as checked payments (share a Fraction in [0, 1], months 1-12, paid month
    set), in the order of :data:`EXTRA_KINDS`; None or empty is none. Each kind at most once:
    a second THR in a year is not a thing a PP gives, and would be a typo."""
    if extras is None:
        return ()
    given = (extras,) if isinstance(extras, ExtraPayment) else extras
    if isinstance(given, str | bytes) or not isinstance(given, Iterable):
        raise ArgumentTypeError(code="extra_payment_type", call=call, value=_shown(extras))
    seen: dict[str, ExtraPayment] = {}
    for e in given:
        if not isinstance(e, ExtraPayment):
            raise ArgumentTypeError(code="extra_payment_type", call=call, value=_shown(e))
        if e.kind not in EXTRA_KINDS:
            raise ArgumentError(
                code="extra_payment_kind",
                call=call,
                value=_shown(e.kind),
                choices=", ".join(EXTRA_KINDS),
            )
        if e.kind in seen:
            raise ArgumentError(code="extra_payment_twice", call=call, value=e.kind)
        share = exact_argument(call, f"{e.kind}.share", e.share)
        if not 0 <= share <= 1:
            raise ArgumentError(
                code="argument_range",
                call=call,
                argument=f"{e.kind}.share",
                minimum=0,
                maximum="1 (100%)",
                value=_shown(e.share),
            )
        base = _month(call, f"{e.kind}.base_month", e.base_month)
        paid = base if e.paid_month is None else _month(call, f"{e.kind}.paid_month", e.paid_month)
        seen[e.kind] = ExtraPayment(e.kind, share, base, paid)
    return tuple(seen[k] for k in EXTRA_KINDS if k in seen)


def _month(call: str, argument: str, value: Any) -> int:
    whole = whole_number(value)
    if whole is None:
        raise ArgumentTypeError(
            code="argument_not_whole", call=call, argument=argument, value=_shown(value)
        )
    if not 1 <= whole <= 12:
        raise ArgumentError(
            code="argument_range", call=call, argument=argument, minimum=1, maximum=12, value=whole
        )
    return whole


def extra_amounts(allowance: np.ndarray, share: Fraction) -> np.ndarray:
    """floor(share × allowance) per employee, exact: in int64 when the product cannot
    overflow, else in Python ints (a share such as 1/3 written with a huge denominator)."""
    num, den = share.numerator, share.denominator
    a = np.asarray(allowance, dtype=np.int64)
    if len(a) == 0 or int(a.max()) * num < 2**62:
        return a * num // den
    return (a.astype(object) * num // den).astype(np.int64)
