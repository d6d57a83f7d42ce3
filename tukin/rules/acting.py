"""The acting supplement: what a Plt or Plh is paid for acting in another post.

A post left vacant (retirement, transfer) is held by a *Pelaksana Tugas* (Plt); one whose
holder is away a few days or weeks by a *Pelaksana Harian* (Plh): UU 30/2014 art. 14(2),
SE Kepala BKN 1/SE/I/2021. Both keep their own post. Whether, and how much, they are paid for
it is each regulation's: the rules read differ on every point (docs/acting.md):

* **relation** of the acting post's kelas jabatan to the official's own: *higher*, *same*,
  *lower*. Perban Basarnas 4/2024 art. 32 pays a same-level Plt 20 % of the acting post's
  tukin and one a level below the difference up to the acting post's; Perbup Balangan
  57/2020 art. 35 pays same-level own + 20 % and a higher post's TPP instead of the own;
  Pergub NTB 13/2022 pays a superior acting in a lower post 20 % of it and a same-level one
  the higher of the two + 20 %;
* **kind**: Plh gets nothing in most, as a Plt in NTB's;
* **duration**: "paling singkat 1 (satu) bulan kalender dan berlaku kelipatan" (Basarnas,
  NTB), "kurang dari 20 hari kerja dalam sebulan" not paid (Balangan).

So the step holds no number: per kind and relation a :class:`Grant` (a share, of which class
amount, and whether the official is first paid up to the higher of the two), and the
duration rules as settings. Each assignment of the ``acting`` table gives

    supplement = (max(A, O) − O if top_up else 0) + share × (A | min(A, O) | max(A, O))

(A the acting post's class amount, O the official's own, both from ``table``, the rule
file's base table), times the part of the period acted (``part_month``); an official's
assignments in the period add up. The result is a rupiah column, unrounded and exact, which
a later step adds where the regulation adds it (before or after the performance and
attendance factors). Assignments are few (a handful per OPD): they are worked out one by one;
the employees' column is built from them in whole-column operations.
"""

from __future__ import annotations

import calendar
import datetime as dt
from fractions import Fraction
from typing import Any, Literal

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field

from tukin._relations import _NO_END, days_between
from tukin._tenure import acting_appointed, posts_held
from tukin._wording import Said
from tukin.calc.context import StepContext
from tukin.errors import Worded
from tukin.money import format_rupiah, format_rupiah_exact, percent_text
from tukin.rules.registry import PerEmployee, rule
from tukin.ruleset.types import Exact, Share

__all__ = ["ActingParams", "Grant", "acting_terms", "months_end"]

Relation = Literal["higher", "same", "lower"]
_RELATION_SAID = {
    "higher": ("higher than own", "lebih tinggi dari jabatan sendiri"),
    "same": ("same kelas as own", "kelas sama dengan jabatan sendiri"),
    "lower": ("lower than own", "lebih rendah dari jabatan sendiri"),
}


class _P(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Grant(_P):
    """What one kind of acting official is paid for one relation of the posts' kelas."""

    share: Share = Field(
        Fraction(0), description="Share of a class amount paid on top, e.g. '20%'."
    )
    of: Literal["acting", "lower", "higher"] = Field(
        "acting",
        description="Whose class amount the share is taken of: the acting post's, the lower "
        'of the two ("the higher plus 20 % of the other"), or the higher.',
    )
    top_up: bool = Field(
        False,
        description="First pay the difference up to the higher class amount of the two (the "
        "acting post's, when it is higher): 'selisih', or 'TPP of the acting post' instead "
        "of the own.",
    )


class ActingParams(_P):
    table: dict[str | int, Exact] = Field(
        description="Class amount per kelas jabatan (Rp a month), for the official's own post "
        "and the acting post: usually the rule file's base table ($base_tpp)."
    )
    plt: dict[Relation, Grant] = Field(
        default_factory=dict,
        description="Pelaksana Tugas: a grant per relation (higher, same, lower) of the acting "
        "post's kelas to the own; a relation not given pays nothing.",
    )
    plh: dict[Relation, Grant] = Field(
        default_factory=dict,
        description="Pelaksana Harian: as plt; empty (the default): a Plh is paid nothing extra.",
    )
    min_days: int = Field(
        0,
        ge=0,
        description="An assignment shorter than this many calendar days (first to last day; "
        "one still running: to the period's end; consecutive rows of one official, post and "
        "kind are one assignment) pays nothing.",
    )
    min_months: int = Field(
        0,
        ge=0,
        le=120,
        description="An assignment shorter than this many calendar months ('paling singkat 1 "
        "bulan kalender': 10 March to 9 April is one; from the 31st or another day a shorter "
        "month lacks, to that month's last day: 31 January to 28 February) pays nothing; "
        "consecutive rows of one official, post and kind are one assignment.",
    )
    max_months: int = Field(
        0,
        ge=0,
        le=120,
        description="Paid for at most this many calendar months from the first day (of the "
        "first of consecutive rows of one official, post and kind; 0: no limit): a Plt serves 3 months, extendable by 3 (SE Kepala BKN 2/SE/VII/2019), and "
        "one regency pays the acting post's TPP for those 6 at most.",
    )
    part_month: Literal["prorate", "whole", "none"] = Field(
        "prorate",
        description="A month acted in part: prorate (days acted / days of the month, in "
        "`basis`), whole (counts as a full month) or none (only whole months count: 'berlaku "
        "kelipatan').",
    )
    month_min_days: int = Field(
        0,
        ge=0,
        le=31,
        description="A month counts only when acted at least this many days in it (in "
        "`basis`; the assignment's days in the month, over its consecutive rows and the "
        "official's own posts): 'kurang dari 20 hari kerja dalam sebulan' is 20 with "
        "working_days.",
    )
    basis: Literal["calendar_days", "working_days"] = Field(
        "calendar_days", description="Days counted by part_month and month_min_days."
    )
    holidays: list[dt.date] = Field(
        default_factory=list, description="working_days: days off (holidays, cuti bersama)."
    )
    weekend: list[int] = Field([5, 6], description="working_days: weekday numbers off (Monday 0).")


def months_end(start: dt.date, months: int) -> dt.date:
    """The last day of ``months`` calendar months counted from ``start`` (its first day).

    A term of months runs to the day before the same day ``months`` months on: 10 March to 9
    April is one month, 15 December to 14 January one. Where that month has no such day (the
    31st into February, April...; the 29th or 30th into a February), the term ends on that
    month's last day: one month from 31 January runs to 28 February (29 in a leap year), one
    from 30 January to the same, one year from 29 February 2024 to 28 February 2025. The
    regulations read (SE Kepala BKN 1/SE/I/2021, Perban Basarnas 4/2024 art. 32: "paling
    singkat 1 (satu) bulan kalender") do not say how a month is counted; this is the usual
    reading of a term in months (the same day of the month, the month's last day where it
    has none). Before review 84 the term ended the day before the clamped day: 28, 29, 30
    and 31 January all made a month by 27 February, and a Plt of 31 January to 28 February
    served "a month" one day early."""
    m = start.month - 1 + months
    year, month = start.year + m // 12, m % 12 + 1
    last = calendar.monthrange(year, month)[1]
    if start.day > last:
        return dt.date(year, month, last)
    return dt.date(year, month, start.day) - dt.timedelta(days=1)


def _days(first: dt.date, last: dt.date, p: ActingParams) -> int:
    """Days from ``first`` to ``last`` inclusive in ``p.basis`` (0 when last < first)."""
    if last < first:
        return 0
    if p.basis == "calendar_days":
        return (last - first).days + 1
    mask = "".join("0" if d in p.weekend else "1" for d in range(7))
    hol = np.array(sorted(set(p.holidays)), dtype="datetime64[D]")
    return int(
        np.busday_count(
            np.datetime64(first, "D"),
            np.datetime64(last + dt.timedelta(days=1), "D"),
            weekmask=mask,
            holidays=hol,
        )
    )


def part_of_period(
    start: dt.date,
    end: dt.date | None,
    period: Any,
    p: ActingParams,
    term_start: dt.date | None = None,
    term_end: dt.date | Literal["own"] | None = "own",
    month_acted: list[int] | None = None,
    month_shared: list[int] | None = None,
    month_outpaid: list[Said | None] | None = None,
) -> tuple[Fraction, Said]:
    """The part of ``period`` an assignment from ``start`` to ``end`` (None: still running)
    is paid for, and how it was counted (``17/31 days``; ``18 < 20 working days``): the mean
    over the period's months of each month's part by ``part_month``, after the duration
    rules (``min_days``, ``min_months``) on the assignment as a whole; past ``max_months``
    from its first day nothing more is paid.

    ``term_start``: the assignment's own first day, where ``start`` is a later one (the
    official's first day in their current post, :func:`_in_service`): the duration rules
    count the term from it, the days paid from ``start``. A Plt's term runs from its
    appointment, whatever post the official held then (review 89).

    ``term_end``: the last day of the assignment the row is part of (None: still running),
    where it runs on in later rows (an extension typed as a new row, :func:`_terms`): the
    minimums are met when the whole assignment reaches them; "own" (the default): the row's
    ``end``. The days paid stay the row's own (review 94).

    ``month_acted``: per month of the period, the days the whole assignment acted in it
    (:func:`acted_days` summed over its rows and the pieces of its official's own posts),
    where this is one part of them. ``part_month`` and ``month_min_days`` test the month on
    those days, and the part is paid the month's share in proportion to its own days: a Plt
    acting all of February, promoted on the 15th, acted a whole month, paid once (review
    124: each part was judged alone, two months under ``whole``, none under ``none``).
    None (the default): the part's own days are the month's.

    ``month_shared``: per month, the days of every part of an assignment of the same
    official and post, of either kind, whose terms and month test are met and which is paid
    something (this one's included), where a month counted whole is shared between them:
    one post acted in two assignments of March (1 to 10, then from the 20th) is one month's
    supplement under ``whole``, 10/22 and 12/22 of it (review 131: each was paid a month);
    a Plh 1 to 14 March then a Plt from the 15th, both paid, 14/31 and 17/31 (review 136:
    a month of each kind). None: this assignment's own days.

    ``month_outpaid``: per month, where another assignment of the post paid more a month
    counts that month too, which one (its kind and first day, said): under ``whole`` the
    month is the better paid one's and this part takes none of it (review 144: a Plh paid
    10 % then a Plt paid 20 % shared March by days, Rp1,393,548, less than the Plt alone,
    Rp1,800,000). None: no month outpaid."""
    first_day = start if term_start is None else min(term_start, start)
    term_last = end if term_end == "own" else term_end
    judged = term_last if term_last is not None else period.end
    if p.min_days and (judged - first_day).days + 1 < p.min_days:
        short = Said(f"shorter than {p.min_days} days", f"kurang dari {p.min_days} hari")
        reached = first_day + dt.timedelta(p.min_days - 1)
        return Fraction(0), _open_ended(short, term_last, period, reached)
    if not meets_terms(p, first_day, judged):  # min_months, min_days being met
        short = Said(
            f"shorter than {p.min_months} calendar month(s)",
            f"kurang dari {p.min_months} bulan kalender",
        )
        reached = months_end(first_day, p.min_months)
        return Fraction(0), _open_ended(short, term_last, period, reached)
    months = period.months()
    own = acted_days(start, end, period, p, term_start)
    every = own if month_acted is None else month_acted
    parts: list[Fraction] = []
    said_en: list[str] = []
    said_id: list[str] = []
    why_en: list[str] = []  # months a better paid assignment of the post takes
    why_id: list[str] = []
    shared = every if month_shared is None else month_shared
    outpaid = [None] * len(months) if month_outpaid is None else month_outpaid
    for m, acted, all_acted, post_days, better in zip(
        months, own, every, shared, outpaid, strict=True
    ):
        whole = _days(m.start, m.end, p)
        # the month's test on all the assignment's days in it (``all_acted``), then this
        # part's share of them, or of the post's days in the month where another assignment
        # of it counts the month too: "19/28 → 1 × 5/19" (shown only where it is a part)
        # (the days paid something, where shared: a part paid nothing takes no share of a
        # month the paid ones count, review 136)
        among = (
            post_days if shared is not every and post_days >= acted else max(all_acted, post_days)
        )
        share = "" if among == acted else f" × {acted}/{among}"
        if acted == 0 or all_acted < p.month_min_days:
            parts.append(Fraction(0))
            words = f"{all_acted} < {p.month_min_days}" if acted else "0"
        elif p.part_month == "prorate":
            parts.append(Fraction(acted, whole))
            words = f"{acted}/{whole}"
        elif (p.part_month == "whole" or all_acted == whole) and better is not None:
            parts.append(Fraction(0))  # the month is a better paid assignment's
            words = f"{all_acted}/{whole} → 0"
            month = f"{m.start.year:04d}-{m.start.month:02d}"
            why_en.append(f"{month} paid as {better.en}")
            why_id.append(f"{month} dibayar sebagai {better.id}")
        elif p.part_month == "whole" or all_acted == whole:
            parts.append(Fraction(acted, among))
            words = f"{all_acted}/{whole} → 1{share}"
        else:
            parts.append(Fraction(0))
            words = f"{all_acted}/{whole} → 0"
        said_en.append(words)
        said_id.append(words)
    unit = ("working days", "hari kerja") if p.basis == "working_days" else ("days", "hari")
    return sum(parts, Fraction(0)) / len(months), Said(
        "; ".join([f"{', '.join(said_en)} {unit[0]}", *why_en]),
        "; ".join([f"{', '.join(said_id)} {unit[1]}", *why_id]),
    )


def meets_terms(p: ActingParams, first_day: dt.date, judged: dt.date) -> bool:
    """Whether an assignment from ``first_day`` judged to ``judged`` meets ``min_days`` and
    ``min_months`` (:func:`part_of_period` pays nothing otherwise)."""
    if p.min_days and (judged - first_day).days + 1 < p.min_days:
        return False
    return not (p.min_months and judged < months_end(first_day, p.min_months))


def acted_days(
    start: dt.date, end: dt.date | None, period: Any, p: ActingParams, term_start: dt.date | None
) -> list[int]:
    """Per month of ``period``, the days (in ``p.basis``) acted from ``start`` to ``end``
    (None: still running, to the period's end), none past ``max_months`` from the term's
    first day (``term_start``, else ``start``)."""
    first_day = start if term_start is None else min(term_start, start)
    last_known = end if end is not None else period.end
    if p.max_months:  # days past the paid months count as not acted
        last_known = min(last_known, months_end(first_day, p.max_months))
    return [_days(max(start, m.start), min(last_known, m.end), p) for m in period.months()]


def _open_ended(short: Said, end: dt.date | None, period: Any, reached: dt.date) -> Said:
    """``short`` of an assignment without an end date, saying so: its minimum was judged on
    the days to the period's end, and the day it would be met (``reached``), when the
    calculation of the period is worth repeating once the assignment has run that long (the
    minimum is measured on the assignment's own dates, which a later period may know)."""
    if end is not None:
        return short
    to, on = period.end.isoformat(), reached.isoformat()
    return Said(
        f"no end date, counted to the period's end {to}: {short.en}; met if it runs to {on}: "
        "calculate this period again then",
        f"tanpa tanggal selesai, dihitung s.d. akhir periode {to}: {short.id}; terpenuhi bila "
        f"berlangsung s.d. {on}: hitung ulang periode ini saat itu",
    )


def acting_terms(grant: Grant | None, acting_amount: Fraction, own_amount: Fraction) -> Fraction:
    """The month's supplement of one assignment before the part of the period: the top-up
    to the higher class amount (when ``grant.top_up``) plus ``grant.share`` of the amount
    ``grant.of`` names."""
    if grant is None:
        return Fraction(0)
    top = max(acting_amount, own_amount) - own_amount if grant.top_up else Fraction(0)
    base = {
        "acting": acting_amount,
        "lower": min(acting_amount, own_amount),
        "higher": max(acting_amount, own_amount),
    }[grant.of]
    return top + grant.share * base


def _relation(acting_grade: int, own_grade: int) -> Relation:
    if acting_grade > own_grade:
        return "higher"
    return "same" if acting_grade == own_grade else "lower"


def _rupiah(x: Fraction) -> str:
    """Rupiah as an explanation shows them, in one notation for both languages (Rp1.234.567,
    as tukin.explain prints every amount: explanations are compared and quoted across
    languages): exact, with every decimal of a part of a rupiah that has a finite decimal
    spelling (Rp347.842,5), else ``≈`` and two decimals (the value stays exact; only the
    rounding step makes it whole)."""
    return format_rupiah_exact(x, lang="id") or "≈" + format_rupiah(x, 2, lang="id")


def _terms(
    table: pd.DataFrame, start: np.ndarray, end: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per acting row, the assignment it is part of: rows of one official (NIP), one post
    acted in and one kind whose next starts the day after the previous ends are one
    assignment typed in several rows (a Plt of 3 months extended by 3 with a new surat
    perintah). Returns, per row, the assignment's first day and last day (NaT: the last row
    is open), the number of rows it spans and the row's place in it (0 the first).

    A gap of a day or more makes two assignments: nothing says the second continues the
    first. Overlapping rows of one official were refused by validation
    (``acting_overlap_employee``) and never chain. Vectorised over the acting rows."""
    n = len(table)
    keys = pd.DataFrame(
        {
            "nip": table["nip"].astype(str).to_numpy(),
            "post": table["position_id"].astype(str).to_numpy(),
            "kind": table["kind"].astype(str).to_numpy(),
        }
    )
    group = keys.groupby(["nip", "post", "kind"], sort=False).ngroup().to_numpy(np.int64)
    # day numbers, an open end as validation reads it (the kept rows all have a start)
    end_days = np.where(np.isnat(end), _NO_END, end.astype(np.int64))
    order, gap = days_between(group, start.astype(np.int64), end_days)
    s, e = start[order], end[order]
    goes_on = gap == 0
    opens = np.flatnonzero(~goes_on)
    chain = np.cumsum(~goes_on) - 1
    closes = np.r_[opens[1:] - 1, n - 1]
    sorted_terms = (
        s[opens][chain],
        e[closes][chain],
        (closes - opens + 1)[chain],
        np.arange(n) - opens[chain],
    )
    back = np.empty(n, dtype=np.int64)
    back[order] = np.arange(n)
    first, last, rows, at = (x[back] for x in sorted_terms)
    return first, last, rows, at


def _assignments(ctx: StepContext, p: ActingParams) -> pd.DataFrame | None:
    """The kept acting rows that touch the period, with the acting post's name and kelas and
    the assignment each is part of (:func:`_terms`: its first and last day, rows, place).

    A row running into its official's appointment to the post acted in ends the day before
    (:func:`tukin._tenure.acting_appointed`, ``appointed`` the day): from it the post is
    their own, and its terms (``min_months``...) are judged on the days acted (review 124:
    the row was refused whole)."""
    if ctx.dataset is None or "acting" not in ctx.dataset:
        return None
    table = ctx.dataset["acting"]
    if table.empty:
        return None
    period = ctx.period
    start = pd.to_datetime(table["start_date"]).to_numpy().astype("datetime64[D]")
    end = pd.to_datetime(table["end_date"]).to_numpy().astype("datetime64[D]")
    appointed = acting_appointed(ctx.dataset)
    cut = ~np.isnat(appointed)
    typed_end = end
    acts = np.ones(len(table), dtype=bool)
    if cut.any():
        end = end.copy()
        end[cut] = appointed[cut] - np.timedelta64(1, "D")
        # a row from the appointment day acts no day (``acting_from_appointment``): no
        # part of any assignment, nor an extension of the one before (review 136); it is
        # kept idle, for the explanation to say so (review 144: it said nothing)
        acts = np.isnat(end) | (end >= start)
    # from every row, before keeping those of the period: an extension's term began in a
    # row of months before
    term_first, term_last = start.copy(), end.copy()
    term_rows, term_at = np.ones(len(table), np.int64), np.zeros(len(table), np.int64)
    if acts.any():
        terms = _terms(table[acts], start[acts], end[acts])
        for whole, part in zip((term_first, term_last, term_rows, term_at), terms, strict=True):
            whole[acts] = part
    end = np.where(acts, end, typed_end)  # an idle row's days as typed, said
    touches = (start <= np.datetime64(period.end, "D")) & (
        np.isnat(end) | (end >= np.datetime64(period.start, "D"))
    )
    rows = table[touches]
    if rows.empty:
        return None
    posts = ctx.dataset["positions"].set_index("position_id")
    return pd.DataFrame(
        {
            "nip": rows["nip"].astype(str).to_numpy(),
            "kind": rows["kind"].astype(str).to_numpy(),
            "post": rows["position_id"].astype(str).to_numpy(),
            "post_name": posts["name"].reindex(rows["position_id"]).astype(str).to_numpy(),
            "grade": posts["grade"].reindex(rows["position_id"]).to_numpy(dtype=np.int64),
            "start": [d.item() for d in start[touches]],  # datetime.date: a few rows
            "end": [None if np.isnat(d) else d.item() for d in end[touches]],
            "term_start": [d.item() for d in term_first[touches]],
            "term_end": [None if np.isnat(d) else d.item() for d in term_last[touches]],
            "term_rows": term_rows[touches].astype(np.int64),
            "term_at": term_at[touches].astype(np.int64),
            "appointed": [None if np.isnat(d) else d.item() for d in appointed[touches]],
            "idle": ~acts[touches],
            "reference": (
                rows["reference"].to_numpy(dtype=object)
                if "reference" in rows
                else np.full(len(rows), None, dtype=object)
            ),
        }
    )


#: One post an acting official held: its first and last day (None: not given, since ever or
#: still held) and its kelas jabatan.
_Held = tuple[dt.date | None, dt.date | None, int]


def _own_posts(ctx: StepContext, nips: pd.Index) -> dict[str, list[_Held]]:
    """Per acting official (NIP), the posts they held, earliest first: the employees row's
    from its ``start_date`` to its ``end_date``, and each ``position_history`` row's.

    Why: an assignment is judged by the post held on its days, not the one held now
    (review 121: a kepala seksi Plt of a bidang up to the day before being appointed to it
    was judged a kepala bidang, the row cut to the appointment and paid nothing). The few
    acting officials' rows only (isin); a post without a kelas (unknown) holds no day."""
    out: dict[str, list[_Held]] = {}
    if ctx.dataset is None:
        return out
    posts = posts_held(ctx.dataset, nips)
    posts = posts[posts["kelas"].notna().to_numpy(dtype=bool)]  # no kelas: no relation
    first = posts["start"].to_numpy().astype("datetime64[D]")
    last = posts["end"].to_numpy().astype("datetime64[D]")
    for nip, g, f, t in zip(posts["nip"], posts["kelas"], first, last, strict=True):
        out.setdefault(nip, []).append(
            (None if np.isnat(f) else f.item(), None if np.isnat(t) else t.item(), int(g))
        )
    for held in out.values():
        held.sort(key=lambda h: h[0] or dt.date.min)
    return out


def _pieces(
    start: dt.date, end: dt.date | None, held: list[_Held]
) -> list[tuple[dt.date, dt.date | None, int]]:
    """An assignment from ``start`` to ``end`` (None: running) cut into the days of each
    post the official held (``held``, earliest first), with that post's kelas; the days in
    no post held (before joining, after leaving, a break) are in no piece. Pieces that run
    on from the day before with the same kelas are one: the relation, and so the pay, is the
    same (a CPNS -> PNS change in one post)."""
    out: list[tuple[dt.date, dt.date | None, int]] = []
    for first, last, grade in held:
        s = start if first is None else max(start, first)
        e = last if end is None else (end if last is None else min(end, last))
        if e is not None and e < s:
            continue
        before = out[-1] if out else None
        if before and before[2] == grade and before[1] and before[1] + dt.timedelta(1) == s:
            out[-1] = (before[0], e, grade)
            continue
        out.append((s, e, grade))
    return out


def _in_service(
    start: dt.date,
    end: dt.date | None,
    first: dt.date | None,
    last: dt.date | None,
    period_end: dt.date,
) -> tuple[dt.date, dt.date | None]:
    """An assignment cut to the official's service: nobody acts in a post before joining or
    after leaving (a retiree's open-ended Plt row ends with their service); the duration
    rules then judge the days served, but from the assignment's own first day: the
    employees' ``start_date`` is the first day in the *current* post (data contract), and an
    official moved or promoted while acting acted before it (review 89); the days before it
    are paid in no row of the period, as the own allowance is (the one employee row of a
    period has one kelas). An open-ended assignment of an official whose service
    ends after ``period_end`` stays open: a retirement months ahead says nothing of when the
    acting ends, and the minimum is judged, as any running assignment's, to the period's end
    (review 84: it was judged to the retirement, so an official with an end date on file
    met ``min_months`` on a first part month that one without was refused)."""
    if first is not None and first > start:
        start = first
    if last is not None and (last < end if end is not None else last <= period_end):
        end = last
    return start, end


def _with_service(counted: Said, first: dt.date | None, last: dt.date | None) -> Said:
    """The days counted, saying the assignment was cut to the official's service."""
    en = [f"from {first.isoformat()}" if first else "", f"to {last.isoformat()}" if last else ""]
    id_ = [
        f"sejak {first.isoformat()}" if first else "",
        f"s.d. {last.isoformat()}" if last else "",
    ]
    return Said(
        f"{counted.en}; in service {' '.join(w for w in en if w)}",
        f"{counted.id}; masa kerja {' '.join(w for w in id_ if w)}",
    )


def _with_appointment(counted: Said, appointed: dt.date) -> Said:
    """The days counted, saying the row ran into the official's appointment to the post
    acted in and was counted to the day before (``acting_cut_at_appointment``)."""
    day = appointed.isoformat()
    return Said(
        f"{counted.en}; to the appointment to this post on {day}",
        f"{counted.id}; s.d. pengangkatan pada jabatan ini tanggal {day}",
    )


def _with_term(counted: Said, a: Any) -> Said:
    """The days counted, saying the terms ran over the assignment's consecutive rows: from
    an earlier row's start, or on into later rows."""
    n = int(a.term_rows)
    if a.term_at:
        start = a.term_start.isoformat()
        en = f"term from {start}, the first of {n} consecutive rows"
        id_ = f"masa tugas sejak {start}, baris pertama dari {n} baris berturut-turut"
    else:
        to = a.term_end.isoformat() if a.term_end is not None else "…"
        open_en, open_id = (
            ("", "") if a.term_end is not None else (" (no end date)", " (tanpa tanggal selesai)")
        )
        en = f"term to {to}{open_en}, the last of {n} consecutive rows"
        id_ = f"masa tugas s.d. {to}{open_id}, baris terakhir dari {n} baris berturut-turut"
    return Said(f"{counted.en}; {en}", f"{counted.id}; {id_}")


def _worked(ctx: StepContext, p: ActingParams) -> dict[str, Any]:
    """The supplement over the whole employee frame, computed once per calculation (the
    exact pass reads the same): ``numerator`` / ``denominator`` per frame row (0/1 for those
    not acting), the note per acting row, and the rows whose own or acting kelas has no
    class amount (with that kelas)."""
    if "acting" in ctx.cache:
        return dict(ctx.cache["acting"])
    size = len(ctx.frame)
    found: dict[str, Any] = {
        "numerator": np.zeros(size, dtype=np.int64),
        "denominator": np.ones(size, dtype=np.int64),
        "said": {},
        "no_amount": {},
    }
    ctx.cache["acting"] = found
    rows = _assignments(ctx, p)
    if rows is None:
        return found
    # the acting officials' rows of the frame: the few NIPs looked for in one pass (isin),
    # not a hash of a million NIPs
    nips = ctx.frame["nip"]
    hit = np.flatnonzero(nips.isin(pd.Index(rows["nip"].unique())).to_numpy(dtype=bool))
    spells = ctx.frame.attrs.get("spells")
    if spells is not None:  # the employee's row: the other positions' rows end at sum_at
        hit = hit[hit < spells.n]  # (review 121: their NIP twice raised InvalidIndexError)
    found_at = pd.Index(nips.iloc[hit].astype(str).to_numpy()).get_indexer(pd.Index(rows["nip"]))
    at = np.where(found_at >= 0, hit[np.maximum(found_at, 0)], -1)
    own = _own_posts(ctx, pd.Index(rows["nip"].unique()))
    amounts = {str(k).strip(): Fraction(v) for k, v in p.table.items()}
    total: dict[int, Fraction] = {}
    said: dict[int, list[Said]] = {}
    period_start, period_end = ctx.period.start, ctx.period.end
    a: Any
    # the parts to pay: per row, the pieces of its official's own posts (review 121); and
    # per assignment (its rows chained, _terms) the days it acted in each month of the
    # period, on which the month is judged (part_month, month_min_days: review 124)
    todo: list[
        tuple[int, Any, int, dt.date, dt.date | None, int, dt.date | None, Any, list[int]]
    ] = []
    acted: dict[tuple[str, str, str, dt.date], list[int]] = {}
    idle: list[tuple[int, Said]] = []  # rows from the appointment day, said after the others
    for i, a in enumerate(rows.itertuples(index=False)):  # one per assignment, not employee
        row = int(at[i])
        if row < 0:
            continue  # an employee not in the period's frame is paid nothing here
        if a.idle:  # from the appointment to the post acted in: no day acted
            idle.append((row, _idle(a)))
            continue
        held = own.get(a.nip, [])
        if not held:
            continue
        # the service: from the first post's first day to the last one's last day
        served_from = held[0][0]  # earliest first (None: not given, since ever)
        ends = [h[1] for h in held if h[1] is not None]
        served_to = max(ends) if len(ends) == len(held) else None
        # the whole assignment's last day, cut to the service as the row's is
        _, term_end = _in_service(a.term_start, a.term_end, served_from, served_to, period_end)
        pieces = _pieces(a.start, a.end, held)
        key = (a.nip, a.post, a.kind, a.term_start)
        for start, end, own_grade in pieces:
            if start > period_end or (end is not None and end < period_start):
                continue  # held in another period: said there
            if a.end is None and end is not None and end > period_end:
                end = None  # running on past the period, as _in_service keeps it
            start, end = _in_service(start, end, served_from, served_to, period_end)
            days_in = acted_days(start, end, ctx.period, p, a.term_start)
            so_far = acted.setdefault(key, [0] * len(days_in))
            acted[key] = [x + y for x, y in zip(so_far, days_in, strict=True)]
            service = (served_from, served_to)
            todo.append((row, a, len(pieces), start, end, own_grade, term_end, service, days_in))
    # a month counted whole is one month's supplement for a post, however many assignments
    # acted in it (review 131), of either kind (review 136: a Plh then a Plt of the post):
    # its days are shared among the parts that count it and are paid something, so a part
    # paid nothing (a Plh under a rule paying none, days in a lower post after a promotion)
    # takes no share of the paid ones' month; and where the assignments counting it are
    # paid differently a month, the month is the best paid one's (review 144: a Plh paid
    # less than the Plt after it lowered the Plt's month, by more the less it was paid)
    shared, outpaid = _months_shared(p, todo, acted, amounts, period_end)
    for row, a, n_pieces, start, end, own_grade, term_end, service, _ in todo:
        relation = _relation(int(a.grade), own_grade)
        grant = (p.plt if a.kind == "plt" else p.plh).get(relation)
        part, counted = part_of_period(
            start,
            end,
            ctx.period,
            p,
            term_start=a.term_start,
            term_end=term_end,
            month_acted=acted[(a.nip, a.post, a.kind, a.term_start)],
            month_shared=shared.get((a.nip, a.post)),
            month_outpaid=outpaid.get((a.nip, a.post, a.kind, a.term_start)),
        )
        if n_pieces == 1 and (start, end) != (a.start, a.end):
            counted = _with_service(counted, *service)
        if a.term_rows > 1:
            counted = _with_term(counted, a)
        if a.appointed is not None:
            counted = _with_appointment(counted, a.appointed)
        acting_amount = amounts.get(str(int(a.grade)))
        own_amount = amounts.get(str(own_grade))
        if grant is not None and part and (acting_amount is None or own_amount is None):
            found["no_amount"][row] = int(a.grade) if acting_amount is None else own_grade
            continue
        month = acting_terms(grant, acting_amount or Fraction(0), own_amount or Fraction(0))
        paid = month * part
        total[row] = total.get(row, Fraction(0)) + paid
        days = None if n_pieces == 1 else (start, end)
        said.setdefault(row, []).append(
            _said(a, own_grade, relation, grant, month, part, counted, paid, days)
        )
    for row, line in idle:
        said.setdefault(row, []).append(line)
    for row, paid in total.items():
        found["numerator"][row], found["denominator"][row] = paid.numerator, paid.denominator
    found["said"] = {
        row: Said("; ".join(s.en for s in v), "; ".join(s.id for s in v)) for row, v in said.items()
    }
    return found


def _months_shared(
    p: ActingParams,
    todo: list[Any],
    acted: dict[tuple[str, str, str, dt.date], list[int]],
    amounts: dict[str, Fraction],
    period_end: dt.date,
) -> tuple[
    dict[tuple[str, str], list[int]], dict[tuple[str, str, str, dt.date], list[Said | None]]
]:
    """Per official and post (NIP, post), the days of each month of the period among which
    a month counted whole is shared; and per assignment (NIP, post, kind, first day), the
    months another assignment of the post paid more a month takes whole (said: its kind and
    first day), None for the others.

    A part counts a month when its assignment meets its terms and the month's test
    (``month_min_days``) and it is paid something (:func:`_month_rate`). Each assignment
    counting a month is worth, alone, its parts' monthly amounts weighed by their days (a
    promotion within it: review 124); the month goes to those worth the most, shared by
    their days (review 131: one post acted twice in March at one grant, 10/22 and 12/22),
    and the others take none: an assignment that, alone, would be paid the month whole at a
    lower grant never lowers the better one's (review 144). Where a kelas has no class
    amount (the official is refused, ``missing_base``), all share it by their days."""
    worth: dict[tuple[str, str], dict[tuple[str, str, str, dt.date], list[list[Any]]]] = {}
    unknown: set[tuple[str, str]] = set()
    for _, a, _, _, _, own_grade, term_end, _, days_in in todo:
        judged = term_end if term_end is not None else period_end
        rate = _month_rate(p, a, own_grade, amounts)
        if not meets_terms(p, a.term_start, judged) or rate == 0:
            continue
        if rate is None:
            unknown.add((a.nip, a.post))
            rate = Fraction(0)
        key = (a.nip, a.post, a.kind, a.term_start)
        per = worth.setdefault((a.nip, a.post), {}).setdefault(
            key, [[Fraction(0), 0] for _ in days_in]
        )
        for month, (d, m) in enumerate(zip(days_in, acted[key], strict=True)):
            if d and m >= p.month_min_days:
                per[month][0] += rate * d
                per[month][1] += d
    shared: dict[tuple[str, str], list[int]] = {}
    outpaid: dict[tuple[str, str, str, dt.date], list[Said | None]] = {}
    for post, by_assignment in worth.items():
        n = len(next(iter(by_assignment.values())))
        days = [0] * n
        for month in range(n):
            value = {k: v[month][0] / v[month][1] for k, v in by_assignment.items() if v[month][1]}
            if not value:
                continue
            best = max(value.values())
            first = min((k for k, v in value.items() if v == best), key=lambda k: (k[3], k[2]))
            for k, v in value.items():
                if v == best or post in unknown:
                    days[month] += by_assignment[k][month][1]
                    continue
                kind = "Plt" if first[2] == "plt" else "Plh"
                since = first[3].isoformat()
                said = Said(
                    f"the {kind} from {since}, paid more a month",
                    f"{kind} sejak {since}, yang sebulannya lebih besar",
                )
                outpaid.setdefault(k, [None] * n)[month] = said
        shared[post] = days
    return shared, outpaid


def _month_rate(
    p: ActingParams, a: Any, own_grade: int, amounts: dict[str, Fraction]
) -> Fraction | None:
    """What a part of assignment ``a`` (its official's own kelas ``own_grade``) is paid a
    month (0: nothing, no grant or a grant giving nothing); None where a kelas has no class
    amount (its official is refused, ``missing_base``)."""
    grant = (p.plt if a.kind == "plt" else p.plh).get(_relation(int(a.grade), own_grade))
    if grant is None:
        return Fraction(0)
    acting_amount, own_amount = amounts.get(str(int(a.grade))), amounts.get(str(own_grade))
    if acting_amount is None or own_amount is None:
        return None
    return acting_terms(grant, acting_amount, own_amount)


def _idle(a: Any) -> Said:
    """A row starting on its official's appointment to the post it names, as the
    explanation says it: it acts no day, so pays nothing (``acting_from_appointment``)."""
    kind = "Plt" if a.kind == "plt" else "Plh"
    until = a.end.isoformat() if a.end is not None else "…"
    ref = f" [{a.reference}]" if a.reference is not None and a.reference == a.reference else ""
    head = f"{kind} {a.post} '{a.post_name}' (kelas {a.grade}) {a.start.isoformat()}..{until}{ref}"
    day = a.appointed.isoformat()
    return Said(
        f"{head}: from the appointment to this post on {day}, the post is the official's "
        "own: no day acted, no supplement",
        f"{head}: sejak pengangkatan pada jabatan ini tanggal {day} jabatan ini jabatan "
        "sendiri: tidak ada hari bertugas, tidak ada tambahan",
    )


def _said(
    a: Any,
    own_grade: int,
    relation: Relation,
    grant: Grant | None,
    month: Fraction,
    part: Fraction,
    counted: Said,
    paid: Fraction,
    days: tuple[dt.date, dt.date | None] | None = None,
) -> Said:
    """One assignment as the explanation says it: kind, post, kelas, relation, share, part.
    ``days``: the part of the row held in one own post, where it spans several (its
    relation is that post's): those days, else the row's."""
    kind = "Plt" if a.kind == "plt" else "Plh"
    first, last = days if days is not None else (a.start, a.end)
    until = last.isoformat() if last is not None else "…"
    ref = f" [{a.reference}]" if a.reference is not None and a.reference == a.reference else ""
    rel_en, rel_id = _RELATION_SAID[relation]
    head_en = (
        f"{kind} {a.post} '{a.post_name}' (kelas {a.grade}, {rel_en} kelas {own_grade}) "
        f"{first.isoformat()}..{until}{ref}"
    )
    head_id = (
        f"{kind} {a.post} '{a.post_name}' (kelas {a.grade}, {rel_id} kelas {own_grade}) "
        f"{first.isoformat()}..{until}{ref}"
    )
    if grant is None:
        return Said(
            f"{head_en}: no supplement for a {kind} of a post {rel_en}",
            f"{head_id}: tidak ada tambahan untuk {kind} pada jabatan {rel_id}",
        )
    of_en = {"acting": "the acting post's", "lower": "the lower", "higher": "the higher"}[grant.of]
    of_id = {
        "acting": "jabatan Plt/Plh",
        "lower": "yang lebih rendah",
        "higher": "yang lebih tinggi",
    }[grant.of]
    terms_en = f"{percent_text(grant.share)} of {of_en} class amount"
    terms_id = f"{percent_text(grant.share)} dari besaran kelas {of_id}"
    if grant.top_up:
        terms_en = f"up to the higher class amount + {terms_en}"
        terms_id = f"selisih hingga besaran kelas yang lebih tinggi + {terms_id}"
    return Said(
        f"{head_en}: {terms_en} = {_rupiah(month)} a month × {part} ({counted.en}) = "
        f"{_rupiah(paid)}",
        f"{head_id}: {terms_id} = {_rupiah(month)} sebulan × {part} ({counted.id}) = "
        f"{_rupiah(paid)}",
    )


@rule(
    "acting_supplement",
    params=ActingParams,
    per_employee=PerEmployee(
        "gives the Plt / Plh supplement of the employee's assignments in the period",
        "memberikan tambahan Plt / Plh dari penugasan pegawai dalam periode",
    ),
)
def acting_supplement(ctx: StepContext, p: ActingParams) -> Any:
    """The supplement of a Plt / Plh (acting table) for the period, in rupiah, unrounded:
    per assignment, by the relation of the acting post's kelas to the own (higher, same,
    lower) and the kind, the grant's top-up and share of a class amount, times the part of
    the period acted (`part_month`, `month_min_days`, after `min_days` / `min_months` on the
    whole assignment); 0 for everyone not acting. An employee whose own or acting kelas has
    no amount in `table` is not paid (`missing_base`). The explanation names, per
    assignment, the post, its kelas, the relation, the share and the part of the period."""
    found = _worked(ctx, p)
    rows = ctx.rows
    note = np.full(len(rows), None, dtype=object)
    if found["said"] or found["no_amount"]:
        ours = np.fromiter(found["said"], dtype=np.int64, count=len(found["said"]))
        hit = np.isin(rows, ours)
        for at, row in zip(np.flatnonzero(hit), rows[hit], strict=True):
            note[at] = found["said"][int(row)]  # a Said pair stays one object; acting only
        for row, grade in found["no_amount"].items():
            ctx.reject(
                rows == row,
                "missing_base",
                Worded(
                    f"acting: no class amount for kelas {grade} in the step's table",
                    f"Plt/Plh: tidak ada besaran untuk kelas {grade} dalam tabel langkah ini",
                    value=grade,
                ),
            )
    ctx.note("acting", note)
    amount = ctx.numbers(found["numerator"][rows], unit="rupiah")
    denominator = found["denominator"][rows]
    if (denominator == 1).all():
        return amount
    return amount / ctx.numbers(denominator)
