"""The inputs of a projected year: each month's period-keyed rows, from the data or assumed.

:func:`tukin.planning.project_year` runs a rule set for the twelve months of a year, most of
which the data has no rows for. What a month without rows of its own is given decides the
projected cost, so it is decided here, per table, in one place (docs/fiscal.md, *Annual
planning*, says the same to the budget office):

* a month is **data** for a table when the table has rows for that very month: they are used
  as they are, and the month is computed as :func:`tukin.calculate` computes it;
* otherwise every key of the table (an employee's attendance or appraisal, an indicator's
  realisation and target, a work item's budget realisation) takes **its own latest row**:
  the row of the latest period ending on or before the month's end, whatever its length (a
  month, quarter, caturwulan or year; at an equal end the month first, then the longer), else
  the earliest later one; relabelled as the month. Realisations and budget realisations count
  only at the rule set's strictest ``min_status``, as a month's calculation falls back to the
  last approved figure. Copying one month of the whole table instead scored 0, all year, every
  indicator whose last report was late, and carried nothing at all from quarterly e-Pantau
  reports (the year then cost Rp0 and "fitted" any pagu);
* a realisation carries the target it was compared with (the target of its period, else of
  the period enclosing it, else, for a quarter or year, of the latest period inside it); an
  indicator without a counted realisation carries its latest target, so it scores 0 as it did;
  a target the data sets for that very month is kept;
* an employee in service in the month with no row of his own at all in a table the data
  fills gets an **assumed** row: a clean month of attendance (every count 0) and an appraisal
  rated ``as_expected`` for results and behaviour (predikat Baik, PermenPANRB 6/2022: work as
  expected). A joiner is then costed like a colleague of his grade in a normal month, not
  left out for want of a row; the assumption is said in ``monthly.source``;
* an appraisal of the employee for the month's quarter or year in the data is his (the
  employee frame reads it): nothing is carried over it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from tukin._wording import sheet_of
from tukin.contract import TABLES
from tukin.errors import Lang, PeriodError, render
from tukin.monitoring.figures import STATUS_RANK, Status, counted, period_chain
from tukin.period import Period

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.ruleset.model import RuleSet

__all__ = ["PERIOD_TABLES", "Assume", "fill_year", "strictest_status"]

Assume = Literal["last_known"] | Callable[[Period], Mapping[str, pd.DataFrame]]
PERIOD_TABLES = tuple(name for name, t in TABLES.items() if "period" in t.names)
#: per table, what a row is the figure of (its key without the period)
KEYS = {name: tuple(k for k in TABLES[name].key if k != "period") for name in PERIOD_TABLES}
#: the assumed appraisal of an employee without any (PermenPANRB 6/2022: work as expected)
ASSUMED_RATING = "as_expected"


def strictest_status(ruleset: RuleSet, year: int) -> Status:
    """The strictest ``min_status`` of the rule set's steps (``entered`` when none says).

    A figure carried into the projected year must count for every step reading it: carrying
    the latest entered figure would leave an approved-only step with nothing, where its own
    calculation falls back to the last approved one.
    """
    strict: Status = "entered"
    for step in ruleset.steps:
        value = step.params.get("min_status")
        if isinstance(value, str) and value.startswith("$"):
            try:
                value = ruleset.parameter_at(value[1:], Period.month(year, 1)).value
            except Exception:  # not in force: the step itself will say so when it runs
                continue
        if value in STATUS_RANK and STATUS_RANK[str(value)] > STATUS_RANK[strict]:
            strict = value
    return strict


class _Latest:
    """The rows of a table that may be carried, ordered once (by key, period end, then the
    month first and the longer period) so that each month's pick per key is one pass."""

    def __init__(self, table: pd.DataFrame, keys: tuple[str, ...], usable: np.ndarray) -> None:
        rows = table[usable].reset_index(drop=True)
        texts = rows["period"].astype(str)
        spans = {t: s for t in pd.unique(texts) if (s := _period(t)) is not None}
        ok = texts.isin(list(spans)).to_numpy(dtype=bool)
        rows, texts = rows[ok].reset_index(drop=True), texts[ok].reset_index(drop=True)
        end = texts.map({t: s.end.toordinal() for t, s in spans.items()}).to_numpy(np.int64)
        # at an equal end the month ranks first, then the longer period (as the figures do)
        rank = texts.map(
            {t: (s.kind == "month") * 20 + len(s.months()) for t, s in spans.items()}
        ).to_numpy(np.int64)
        key = (
            rows.groupby(list(keys), sort=True, dropna=False).ngroup().to_numpy(dtype=np.int64)
            if len(rows)
            else np.zeros(0, dtype=np.int64)
        )
        order = np.lexsort((rank, end, key))
        self.rows = rows.take(order).reset_index(drop=True)
        self.key, self.end = key[order], end[order]
        new_key = self.key[1:] != self.key[:-1]
        self.first = np.r_[True, new_key] if len(order) else np.zeros(0, dtype=bool)
        self.last = np.r_[new_key, True] if len(order) else np.zeros(0, dtype=bool)
        # the last row of each run of one key and one end: at an equal end the month ranks last
        run_end = np.flatnonzero(np.r_[new_key | (self.end[1:] != self.end[:-1]), True])
        self.run_last = (
            run_end[np.searchsorted(run_end, np.arange(len(order)))]
            if len(order)
            else np.zeros(0, dtype=np.int64)
        )

    def pick(self, month: Period) -> pd.DataFrame:
        """Per key, its latest row ending by the end of ``month``, else its earliest later one."""
        before = self.end <= month.end.toordinal()
        last_before = before & (self.last | ~np.r_[before[1:], False])
        only_later = self.first & ~before
        at = np.sort(np.r_[np.flatnonzero(last_before), self.run_last[only_later]])
        return self.rows.take(at)


def fill_year(
    dataset: Dataset, year: int, assume: Assume, min_status: Status
) -> tuple[Dataset, dict[str, str]]:
    """The dataset with each month of ``year`` given rows in every period-keyed table (see the
    module docstring), and per month that was not all data, what it was given: in the
    dataset's language, as every other message of its calculations (a budget officer reads
    it in the projection's workbook, beside Indonesian headers)."""
    from tukin.dataset import Dataset

    lang = dataset.lang
    given = {name: t.reset_index(drop=True) for name, t in dataset.tables.items()}
    periods = {name: set(given[name]["period"].astype(str)) for name in PERIOD_TABLES}
    latest = {name: _carried(given[name], name, min_status) for name in PERIOD_TABLES}
    added: dict[str, list[pd.DataFrame]] = {name: [] for name in given}
    notes: dict[str, list[str]] = {}
    for i in range(1, 13):
        month = Period.month(year, i)
        supplied = dict(assume(month)) if callable(assume) else {}
        said = notes.setdefault(str(month), [])
        carried: dict[str, pd.DataFrame] = {}
        for name in PERIOD_TABLES:
            data = str(month) in periods[name]
            if name == "targets":  # targets follow the realisations they are compared with
                data = str(month) in periods["realisations"] and "realisations" not in supplied
            if data:
                continue
            if name in supplied:
                added[name].append(supplied[name])
                said.append(render("projection_table_assumed", lang, table=sheet_of(name, lang)))
                continue
            rows = latest[name].pick(month)
            if name == "appraisals":  # his appraisal for the quarter, term or year is his
                own = (
                    given[name]["period"]
                    .astype(str)
                    .isin([str(month.quarter_of), str(month.term_of), str(month.year_period)])
                )
                rows = rows[~rows["nip"].isin(given[name]["nip"][own])]
            carried[name] = rows
        if "targets" in carried:
            carried["targets"] = _targets(given["targets"], carried, latest["targets"], month)
        for name, rows in carried.items():
            new = _assumed(given, name, month)
            out = rows.assign(period=str(month))
            if new is not None:
                out = pd.concat([out, new], ignore_index=True)
            if len(out):
                added[name].append(out)
                said.append(_note(name, rows["period"], 0 if new is None else len(new), lang))
    notes = {m: v for m, v in notes.items() if v}
    if not notes:
        return dataset, {}
    tables = {
        n: pd.concat([t, *added[n]], ignore_index=True) if added[n] else t for n, t in given.items()
    }
    filled = Dataset.from_frames(
        mode=dataset.mode, lang=dataset.lang, nip_check=dataset.nip_check, **tables
    )
    return filled, {
        m: render("projection_assumed", lang, detail="; ".join(v)) for m, v in notes.items()
    }


def _carried(table: pd.DataFrame, name: str, min_status: Status) -> _Latest:
    """The rows of ``table`` a month may carry: counted ones (status at least ``min_status``);
    for attendance, monthly ones only (the employee frame reads no other)."""
    usable = counted(table, min_status)
    if name == "attendance":
        usable &= table["period"].astype(str).str.fullmatch(r"\d{4}-\d{2}").to_numpy(dtype=bool)
    return _Latest(table, KEYS[name], usable)


def _targets(
    targets: pd.DataFrame, carried: dict[str, pd.DataFrame], latest: _Latest, month: Period
) -> pd.DataFrame:
    """The targets carried into ``month``: for each carried realisation the target it was
    compared with, for each other indicator its latest target; none where the data sets a
    target for the month itself."""
    real = carried.get("realisations", targets.iloc[:0])
    pos = _paired_targets(targets, real["indicator_id"].astype(str), real["period"].astype(str))
    paired = targets.take(pos[pos >= 0])
    other = latest.pick(month)
    other = other[~other["indicator_id"].astype(str).isin(set(real["indicator_id"].astype(str)))]
    out = pd.concat([paired, other], ignore_index=True)
    own = targets[targets["period"].astype(str) == str(month)]["indicator_id"].astype(str)
    return out[~out["indicator_id"].astype(str).isin(set(own))]


def _paired_targets(targets: pd.DataFrame, ids: pd.Series, periods: pd.Series) -> np.ndarray:
    """Per (indicator, period), the row of ``targets`` a calculation compares that period's
    realisation with (-1: none): the target of the period, else of the first period enclosing
    it; else, for a quarter, caturwulan or year, the target of the latest period inside it (the
    rule of :func:`tukin.monitoring.figures.indicator_figures`)."""
    t_ids = targets["indicator_id"].astype(str).tolist()
    t_periods = targets["period"].astype(str).tolist()
    at = {(i, p): k for k, (i, p) in enumerate(zip(t_ids, t_periods, strict=True))}
    of: dict[str, list[int]] = {}
    for k, i in enumerate(t_ids):
        of.setdefault(i, []).append(k)
    out = np.full(len(ids), -1, dtype=np.int64)
    for n, (i, text) in enumerate(zip(ids.tolist(), periods.tolist(), strict=True)):
        span = _period(text)
        if span is None:
            continue
        found = next((at[(i, str(p))] for p in period_chain(span) if (i, str(p)) in at), -1)
        if found < 0 and not span.is_month:
            inside = [
                (s.end, len(s.months()), k)
                for k in of.get(i, [])
                if (s := _period(t_periods[k])) is not None
                and s != span
                and span.start <= s.start
                and s.end <= span.end
            ]
            found = max(inside)[2] if inside else -1
        out[n] = found
    return out


def _assumed(given: dict[str, pd.DataFrame], name: str, month: Period) -> pd.DataFrame | None:
    """Assumed rows of ``month`` for the employees in service then who have no row at all in
    ``name`` (attendance: a clean month; appraisals: rated as expected). None for another
    table, or one the data leaves empty (a table not kept is not invented for everyone)."""
    if name not in ("attendance", "appraisals") or given[name].empty:
        return None
    table = given[name]
    staff = given["employees"]
    if name == "appraisals":  # one for the month's quarter or year is his own
        mine = table["nip"]
    else:
        mine = table["nip"][table["period"].astype(str).str.fullmatch(r"\d{4}-\d{2}")]
    nips = staff["nip"][_in_service(staff, month) & ~staff["nip"].isin(set(mine))]
    if not len(nips):
        return None
    cols: dict[str, object] = {"nip": nips.to_numpy(), "period": str(month)}
    for c in table.columns:
        if c not in cols:
            cols[c] = ASSUMED_RATING if name == "appraisals" else 0
    return pd.DataFrame(cols)[list(table.columns)]


def _in_service(staff: pd.DataFrame, month: Period) -> np.ndarray:
    """Employees whose start and end dates leave them some day of ``month``."""
    none = pd.Series(pd.NaT, index=staff.index)
    start = pd.to_datetime(staff["start_date"]) if "start_date" in staff else none
    end = pd.to_datetime(staff["end_date"]) if "end_date" in staff else none
    ok = (start.isna() | (start <= pd.Timestamp(month.end))) & (
        end.isna() | (end >= pd.Timestamp(month.start))
    )
    return ok.to_numpy(dtype=bool)


def _note(name: str, periods: pd.Series, assumed: int, lang: Lang) -> str:
    """What ``name`` was given: its source periods (with counts when several) and the rows
    assumed, e.g. ``realisations from 2025-Q4 (40), 2025-11 (3)`` (in Indonesian the table
    as the workbook's sheet: ``Realisasi dari 2025-Q4 (40), 2025-11 (3)``)."""
    table = sheet_of(name, lang)
    counts = periods.astype(str).value_counts()
    counts = counts.reindex(sorted(counts.index, key=lambda p: (-counts[p], p)))
    if len(counts) == 1 and not assumed:
        parts = [str(counts.index[0])]
    else:
        parts = [f"{p} ({n})" for p, n in counts.head(4).items()]
        if len(counts) > 4:
            rest = int(counts.iloc[4:].sum())
            parts.append(render("projection_other_periods", lang, n=len(counts) - 4, rows=rest))
    said = (
        render("projection_from", lang, table=table, periods=", ".join(parts)) if parts else table
    )
    if assumed:
        code = "projection_assumed_clean" if name == "attendance" else "projection_assumed_rating"
        said += ("," if parts else "") + " " + render(code, lang, n=assumed, rating=ASSUMED_RATING)
    return said


def _period(text: object) -> Period | None:
    try:
        return Period.parse(str(text))
    except PeriodError:
        return None
