"""StepContext: the small facade a rule type sees while it computes one step.

A rule type asks the context for columns (``ctx.num``, ``ctx.text``), constants, lookups and
parameter metadata, and may reject rows with a reason. The context records which columns and
parameters each step read, so the explanation of an employee lists exactly what fed a value.
The same rule code runs on the fast backend (all rows) and on the exact backend (the few rows
whose float result could not be certified): ``ctx.exact`` says which, but rules rarely care.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from tukin.calc.deferred import Deferred
from tukin.calc.num import FNum, Tracker, XNum
from tukin.errors import CalculationError, Reason, Worded, in_language
from tukin.period import Period

if TYPE_CHECKING:
    from tukin.dataset import Dataset
    from tukin.ruleset.model import DatedValue, RuleSet, Step

Value = Any  # FNum | XNum | np.ndarray (text/bool) | Deferred (an exact column made when read)


@dataclass
class Rejection:
    code: str
    step: str
    detail: str


@dataclass
class Columns:
    """Evaluated columns for a set of rows, in one backend."""

    rows: np.ndarray  # positions in the employee frame
    exact: bool
    values: dict[str, Value] = field(default_factory=dict)


def as_name(column: object) -> str:
    """A column's header as a rule file can write it: lower case, every run of other
    characters one ``_`` ("Jam Kerja (jam)" -> ``jam_kerja_jam``)."""
    return _NOT_NAME.sub("_", str(column).lower()).strip("_")


_NOT_NAME = re.compile(r"[^0-9a-z]+")


def spelt(columns: Iterable[object], name: str) -> list[object]:
    """The ``columns`` whose header :func:`as_name` writes as ``name``."""
    return [c for c in columns if as_name(c) == name]


class StepContext:
    """What a rule type may use. Created by the engine; one per step and backend."""

    def __init__(
        self,
        *,
        frame: pd.DataFrame,
        cols: Columns,
        step: Step,
        ruleset: RuleSet,
        period: Period,
        dataset: Dataset | None,
        tracker: Tracker,
        reject: Callable[[np.ndarray, str, Reason], None],
        full: Callable[[str], Value] | None = None,
        cache: dict[str, Any] | None = None,
        alive: Callable[[], np.ndarray] | None = None,
        shared: dict[Any, Any] | None = None,
    ) -> None:
        self.frame = frame
        self._shared = shared if shared is not None else {}
        self._cols = cols
        self.step = step
        self.ruleset = ruleset
        self.period = period
        self.dataset = dataset
        self.tracker = tracker
        self._reject = reject
        self._full = full
        self._alive = alive
        self.reads: list[str] = []
        self.notes: dict[str, Any] = {}
        self.cache = cache if cache is not None else {}

    # -- shape ----------------------------------------------------------------------------
    @property
    def n(self) -> int:
        return len(self._cols.rows)

    @property
    def rows(self) -> np.ndarray:
        """Positions (in the employee frame) of the rows being computed."""
        return self._cols.rows

    @property
    def exact(self) -> bool:
        return self._cols.exact

    @property
    def alive(self) -> np.ndarray:
        """Which of :attr:`rows` are still to be paid (not rejected by an earlier step).

        Group-level rules (budget ceilings) sum over a group, so they must leave out rows an
        earlier step rejected; row-wise rules never need it.
        """
        if self._alive is None:
            return np.ones(self.n, dtype=bool)
        return np.asarray(self._alive(), dtype=bool)

    # -- columns --------------------------------------------------------------------------
    def has(self, name: str) -> bool:
        name = self._named(name)
        return name in self._cols.values or name in self.frame.columns

    def _named(self, name: str) -> str:
        """The column ``name`` stands for: itself, or an extra column whose sheet header is
        no name (``Jam Kerja``) written as one (``jam_kerja``: lower case, every run of other
        characters one ``_``), so a rule file can name it in a formula and in a step's
        column parameter alike. Two headers that would both be the name are an error."""
        if name in self._cols.values or name in self.frame.columns:
            return name
        found = spelt(self.frame.columns, name)
        if len(found) > 1:
            shown = ", ".join(repr(c) for c in found)
            raise self.error("ambiguous_column", name=name, columns=shown)
        return str(found[0]) if found else name

    def computed(self, name: str) -> bool:
        """Whether ``name`` is an earlier step's output (not an input column)."""
        return name in self._cols.values

    def col(self, name: str) -> Value:
        """A column by name: an earlier step's output, or an input column of the frame."""
        name = self._named(name)
        if name not in self.reads:
            self.reads.append(name)
        if name in self._cols.values:
            value = self._cols.values[name]
            if isinstance(value, Deferred):  # made now that a step reads it (exact_rows)
                value = self._cols.values[name] = value.resolve()
            if isinstance(value, FNum) and value.tr is not self.tracker:
                # an earlier step's column still points at that step's tracker: rebind it, or
                # the flags this step raises on it (ties, band edges) would never reach the engine
                value = FNum(value.v, value._e, value.s, value.unit, self.tracker, value.m, value.r)
            return value
        if name not in self.frame.columns:
            raise self.error("unknown_column", column=name)
        series = self.frame[name]
        if not (
            pd.api.types.is_bool_dtype(series.dtype) or pd.api.types.is_numeric_dtype(series.dtype)
        ):
            return self.input_text(name)
        # a subset (the exact path's few rows) is taken before converting, not after
        raw = (
            series.take(self.rows).to_numpy()
            if len(self.rows) != len(series)
            else series.to_numpy()
        )
        if pd.api.types.is_bool_dtype(series.dtype):
            return np.asarray(raw, dtype=bool)
        unit = "rupiah" if name in self.frame.attrs.get("money_columns", ()) else None
        return self._number(raw, unit, is_int=pd.api.types.is_integer_dtype(series.dtype))

    def show(self, name: str) -> None:
        """Record input column ``name`` as read by this step without reading it, for the
        explanation, which takes the row's value from the frame (a date a count of days
        is counted from). Reading it would turn a million dates into Python objects: half a
        second of a calculation at a million employees, for nothing the step computes."""
        name = self._named(name)
        if name in self.frame.columns and name not in self.reads:
            self.reads.append(name)

    def text_at(self, name: str, at: np.ndarray) -> np.ndarray:
        """Column ``name`` as text objects at positions ``at`` of :attr:`rows` only: a
        tie-break key needed for a few thousand tied rows, without turning a million
        identifiers into Python objects. Recorded as read, like :meth:`col`."""
        name = self._named(name)
        text = name in self.frame.columns and name not in self._cols.values
        if text:
            dtype = self.frame[name].dtype
            text = not (pd.api.types.is_numeric_dtype(dtype) or pd.api.types.is_bool_dtype(dtype))
        if not text:  # a step's output, numbers (as floats) or flags: as col() gives them
            return np.asarray(_raw_text(self.col(name)), dtype=object)[at]
        if name not in self.reads:
            self.reads.append(name)
        return self.frame[name].take(self.rows[at]).to_numpy(dtype=object)

    def input_ints(self, name: str) -> np.ndarray | None:
        """An int64 input column of the employee frame for :attr:`rows` (recorded as read),
        or None when ``name`` is an earlier step's output or not stored as int64.

        For rules that can do their whole sum in exact integers: reading the column as an
        ``FNum`` converts a million counts to floats first.
        """
        name = self._named(name)
        if name in self._cols.values or name not in self.frame.columns:
            return None
        series = self.frame[name]
        if series.dtype != np.int64:
            return None
        if name not in self.reads:
            self.reads.append(name)
        values = series.to_numpy()
        return values if len(self.rows) == len(values) else values[self.rows]

    def input_text(self, name: str) -> np.ndarray:
        """A text column of the employee frame as Python objects (missing values as stored)
        for :attr:`rows`, without recording it as read by the step.

        Turning a million arrow strings into Python objects is one of the costliest things a
        step can do, so the whole column is converted once per calculation and shared by every
        step and both passes; the exact pass takes its few rows from it.
        """
        return self.per_employee(
            ("text", name),
            lambda: self.frame[name].to_numpy(dtype=object),
            few=lambda rows: self.frame[name].take(rows).to_numpy(dtype=object),
        )

    def per_employee(
        self,
        key: Hashable,
        compute: Callable[[], np.ndarray],
        *,
        few: Callable[[np.ndarray], np.ndarray] | None = None,
    ) -> np.ndarray:
        """A per-employee array over the whole frame, computed once per calculation by
        ``compute`` and shared by every step and both passes, for :attr:`rows`.

        For what does not change during a calculation, such as where each employee's position,
        unit or OPD sits in the hierarchy: joining a million identifiers costs a tenth of a
        second or more, and several steps, the fast and the exact pass, read the same join.
        ``key`` must name everything the array depends on besides the frame. The array is
        read-only (shared): a rule that edits it must copy it.

        ``few(rows)``: the same array for the frame positions ``rows`` only. Used, and nothing
        kept, when the array is not shared yet and the context computes a few rows of a large
        frame (an explanation recomputing one employee after the calculation released its
        shared arrays): joining one employee, not a million, keeps an explanation in
        milliseconds.
        """
        if key not in self._shared and few is not None and _few_of(len(self.rows), len(self.frame)):
            return np.asarray(few(self.rows))
        if key not in self._shared:
            value = np.asarray(compute())
            value.flags.writeable = False
            self._shared[key] = value
        values: np.ndarray = self._shared[key]
        return values if len(self.rows) == len(values) else values[self.rows]

    def _number(self, raw: np.ndarray, unit: str | None, *, is_int: bool) -> Value:
        if self.exact:
            return XNum.from_values(list(raw), unit)
        if is_int:
            return FNum.from_ints(raw, self.tracker, unit)
        return FNum.from_floats(raw, self.tracker, unit)

    def num(self, name: str) -> FNum | XNum:
        """A numeric column; text or flags are an error naming the step.

        A column blank for everyone (``target_max`` where every target is a single one) is
        blank numbers, as a formula's arithmetic reads it: a reader has no number to type
        such a column from (a workbook's, a CSV's or a JSON document's empty column comes
        back as text), so calling it text stopped a run whose frames, all-NaN floats, paid.
        """
        value = self.col(name)
        if isinstance(value, np.ndarray) and value.dtype == object and pd.isna(value).all():
            return self.numbers(np.full(len(value), np.nan))
        if not isinstance(value, FNum | XNum):
            raise self.error("column_not_numeric", column=name)
        return value

    def text(self, name: str) -> np.ndarray:
        """A text column; numbers are an error naming the step. An input column blank for
        everyone is text none of which is given, whatever its dtype (see :meth:`num`)."""
        if self.blank_input(name):
            return np.full(self.n, None, dtype=object)
        value = self.col(name)
        if isinstance(value, FNum | XNum):
            raise self.error("column_not_text", column=name)
        return np.asarray(value, dtype=object)

    def blank_input(self, name: str) -> bool:
        """Whether ``name`` is an input column of numbers with no value at all: frames give
        an empty column as NaN floats, the readers as text (None); a step reading text must
        read both as "none given" (each employee rejected naming it), as it reads None, not
        stop the run because the column happens to be typed as numbers."""
        name = self._named(name)
        if name in self._cols.values or name not in self.frame.columns:
            return False
        series = self.frame[name]
        if not pd.api.types.is_float_dtype(series.dtype) or not bool(series.isna().all()):
            return False
        if name not in self.reads:
            self.reads.append(name)
        return True

    def categories(self, name: str) -> tuple[np.ndarray, list[str]]:
        """A text column as categories: per row the index of its value among the distinct
        values (-1: missing), and those values normalised (case, repeated spaces).

        Rules that compare text (statuses, ratings, polarities) read it this way so that text
        is looked at once per distinct value, never once per employee. An input column is
        factorised once per calculation (in its own storage, without turning a million
        strings into Python objects) and shared by every step and both passes.
        """
        name = self._named(name)
        if name in self._cols.values or name not in self.frame.columns:
            return factorize_text(self.text(name))
        if self.blank_input(name):
            return np.full(self.n, -1, dtype=np.int64), []
        series = self.frame[name]
        if pd.api.types.is_numeric_dtype(series.dtype) or pd.api.types.is_bool_dtype(series.dtype):
            raise self.error("column_not_text", column=name)
        if isinstance(series.dtype, pd.CategoricalDtype):
            # shared text is already coded: its categories are the distinct values (some
            # perhaps held by no row, which a look-up per value does not mind)
            if name not in self.reads:
                self.reads.append(name)
            codes = self.per_employee(
                ("codes", name),
                lambda: np.asarray(series.cat.codes, dtype=np.int64),
                few=lambda rows: np.asarray(series.cat.codes.to_numpy()[rows], dtype=np.int64),
            )
            return codes, [normalise_text(u) for u in series.cat.categories]
        codes, uniq = self.distinct(name)
        return codes, [normalise_text(u) for u in uniq]

    def distinct(self, name: str) -> tuple[np.ndarray, list[Any]]:
        """A column as per row the index of its value among the distinct values (-1: missing)
        and those values as they are (numbers of an earlier step as floats).

        For grouping (budget ceilings per OPD): an input column is factorised once per
        calculation in its own storage (the frame's shared text is already coded) and shared
        by every step and both passes.
        """
        name = self._named(name)
        if name in self._cols.values or name not in self.frame.columns:
            value = self.col(name)
            raw = np.asarray(
                _raw_text(value), dtype=None if isinstance(value, FNum | XNum) else object
            )
            found, uniques = _factorize_keys(raw)
            return np.asarray(found, dtype=np.int64), list(uniques)
        if name not in self.reads:
            self.reads.append(name)
        key = ("distinct", name)
        if key not in self._shared:
            found, uniques = pd.factorize(self.frame[name], use_na_sentinel=True)
            found = np.asarray(found, dtype=np.int64)
            found.flags.writeable = False
            self._shared[key] = (found, list(uniques))
        codes, uniq = self._shared[key]
        return (codes if len(self.rows) == len(codes) else codes[self.rows]), uniq

    def full_column(self, name: str) -> Value:
        """The fast column over *all* rows (group-level rules on the exact path use it)."""
        if self._full is None:
            return self.col(name)
        return self._full(name)

    # -- constructors ---------------------------------------------------------------------
    def const(self, value: Fraction | int, unit: str | None = None) -> FNum | XNum:
        if self.exact:
            return XNum.const(Fraction(value), self.n, unit=unit)
        return FNum.const(Fraction(value), self.n, self.tracker, unit)

    def numbers(self, values: np.ndarray, unit: str | None = None) -> FNum | XNum:
        """Wrap an int array (counts, integer rupiah) computed by the rule itself."""
        return self._number(
            values, unit, is_int=np.issubdtype(np.asarray(values).dtype, np.integer)
        )

    def lookup(
        self,
        keys: np.ndarray,
        table: Mapping[Any, Fraction],
        *,
        unit: str | None = None,
        missing: str = "reject",
        code: str = "missing_base",
        what: Reason = ("value", "nilai"),
        default: Fraction | None = None,
        blank: str | None = None,
        unsure: np.ndarray | None = None,
    ) -> FNum | XNum:
        """Map each key to an exact table value. Keys not in the table take ``default`` when
        given, else are rejected (with the key in the reason) unless ``missing`` is ``"zero"``.

        A blank key (None, NaN, empty text) is a key not in the table unless ``blank`` says
        what it gives: ``"reject"`` or ``"zero"``, whatever ``missing`` and ``default`` say (a
        column blank for most employees, and a typo in it, are then told apart).

        ``unsure``: rows whose key is a bounded float of the fast pass (the caller flagged
        them: the exact pass looks them up again). Their fast key (``2.0000000000000004`` for
        2) is not reported as falling to the default; the exact pass reports theirs.
        """
        norm = {_norm_key(k): Fraction(v) for k, v in table.items()}
        keys = np.asarray(keys)
        # factorize the raw keys once (vectorised; None/NaN -> -1), normalise only the uniques;
        # integer keys are never missing, so their codes need no slot for it
        codes, raw = _factorize_keys(keys)
        uniq = [_norm_key(u) for u in raw] + [None]
        inv = codes if keys.dtype.kind in "iu" else np.where(codes < 0, len(uniq) - 1, codes)
        found = np.array([u is not None and u in norm for u in uniq], dtype=bool)
        empty = np.array([u is None or u == "" for u in uniq], dtype=bool) & ~found
        unknown_rejects = missing == "reject" and default is None
        blank_rejects = unknown_rejects if blank is None else blank == "reject"
        rejects = ~found & np.where(empty, blank_rejects, unknown_rejects)
        if rejects.any():
            held = np.bincount(inv, minlength=len(uniq)) > 0 if len(inv) else found
            for j in np.flatnonzero(rejects & held):
                mask = inv == j
                if mask.any():
                    en, id_ = in_language(what, "en"), in_language(what, "id")
                    if empty[j]:
                        said = Worded(
                            f"no {en} for an empty value",
                            f"tidak ada {id_} untuk nilai kosong",
                            value="",
                        )
                    else:
                        said = Worded(
                            f"no {en} for {uniq[j]!r}",
                            f"tidak ada {id_} untuk {uniq[j]!r}",
                            value=uniq[j],
                        )
                    self.reject(mask, code, said)
        fill = Fraction(0) if default is None else Fraction(default)
        blank_fill = fill if blank is None else Fraction(0)
        if default is not None:
            takes = ~found & (~empty if blank is not None else True)
            self._fell_to_default(inv, uniq, takes, fill, unit, unsure)
        vals = [
            norm[u] if found[j] else (blank_fill if empty[j] else fill) for j, u in enumerate(uniq)
        ]
        return self.by_code(inv, vals, unit)

    def _fell_to_default(
        self,
        inv: np.ndarray,
        uniq: list[Any],
        default: np.ndarray,
        value: Fraction,
        unit: str | None,
        unsure: np.ndarray | None = None,
    ) -> None:
        """Keep, per key not in the table that some row holds (``default``: per unique key,
        whether it takes the table's default), the frame positions of those rows, for the
        warning of :mod:`tukin.calc.notices` (``lookup_default``): a look-up's default pays
        by the author's choice, but never without a word. Nothing is done when no key falls
        to it but keys held by no row (a kelas the table lacks that nobody has).

        The exact pass adds its rows to the fast pass's (a row it recomputes had an unsure
        key, ``unsure``, left out there, or a certified one, already in)."""
        if not default.any() or not len(inv):
            return
        counted = inv if unsure is None else inv[~unsure]
        held = np.bincount(counted, minlength=len(uniq)) > 0
        hit = np.flatnonzero(default & held[: len(uniq)])
        if len(hit):
            # the rows of each key, by one sort (a key per row, a table by NIP: not a pass
            # over the rows per key)
            chosen = np.isin(inv, hit)
            if unsure is not None:
                chosen &= ~unsure
            at = np.flatnonzero(chosen)
            at = at[np.argsort(inv[at], kind="stable")]
            ends = np.searchsorted(inv[at], hit, side="right")
            starts = np.concatenate([[0], ends[:-1]])
            keys = {uniq[j]: self.rows[at[a:b]] for j, a, b in zip(hit, starts, ends, strict=True)}
            if self.exact and "defaulted" in self.cache:
                before = self.cache["defaulted"][0]
                for key, rows in before.items():
                    keys[key] = np.union1d(rows, keys[key]) if key in keys else rows
            self.cache["defaulted"] = (keys, value, unit)

    def by_code(
        self, codes: np.ndarray, vals: list[Fraction], unit: str | None = None
    ) -> FNum | XNum:
        """Per row ``vals[codes[row]]``: exact values chosen by a code (a table look-up, a
        factor per status) in one take instead of one selection per value."""
        n = len(codes)
        if self.exact:
            arr = np.empty(n, dtype=object)
            arr[:] = [vals[i] for i in codes]
            return XNum(arr, unit)
        scale = _common_scale(vals)
        if scale is None:
            # non-decimal values: take them one by one as constants and select
            out = FNum.const(vals[0] if vals else Fraction(0), n, self.tracker, unit)
            from tukin.calc.num import where

            for i, v in enumerate(vals):
                out = where(codes == i, FNum.const(v, n, self.tracker, unit), out)
            return out
        ints = np.array([float(v * 10**scale) for v in vals] or [0.0])
        m = float(np.abs(ints).max())
        return FNum(ints[codes] if n else np.zeros(0), None, scale, unit, self.tracker, m)

    # -- bookkeeping ----------------------------------------------------------------------
    def reject(self, mask: np.ndarray, code: str, detail: Reason) -> None:
        """Exclude rows from payment with a reason (they appear in ``Result.rejected``):
        text, or ``(english, indonesian)`` shown in the language the run was started in."""
        mask = np.asarray(mask, dtype=bool)
        if mask.any():
            self._reject(mask, code, detail)

    def error(self, detail_code: str, **fields: Any) -> CalculationError:
        """The error that stops this step, to raise: code ``calculation_failed`` naming the
        step, its detail the MESSAGES entry ``detail_code`` filled with ``fields`` (step
        ids, columns, values as written), read in either language (a plug-in adds its own
        entries to :data:`tukin.errors.MESSAGES`)."""
        return CalculationError(value=self.step.id, detail_code=detail_code, **fields)

    def used(self, name: str) -> DatedValue | None:
        return self.cache.get("used", {}).get(name)

    def note(self, key: str, value: Any) -> None:
        """Extra detail for explanations (e.g. which work items fed a rolled-up score)."""
        self.notes[key] = value


def _raw_text(value: Any) -> Any:
    """A column as it is (numbers as floats)."""
    return value.to_float() if isinstance(value, FNum | XNum) else value


def _factorize_keys(keys: np.ndarray) -> tuple[np.ndarray, Any]:
    """``pd.factorize`` (missing: -1), by direct indexing for small non-negative integers such
    as kelas jabatan: no hashing of a million keys (the uniques then come in ascending order,
    which nothing depends on). Below 4096 a key is its own code, with every integer up to
    the largest key among the uniques (some held by no row): not even a remapping pass."""
    if keys.dtype.kind in "iu" and len(keys):
        lo, hi = int(keys.min()), int(keys.max())
        if lo >= 0 and hi < 4096:
            return keys, list(range(hi + 1))
        if lo >= 0 and hi < 1 << 16:
            present = np.flatnonzero(np.bincount(keys, minlength=hi + 1))
            remap = np.full(hi + 1, -1, dtype=np.int64)
            remap[present] = np.arange(len(present))
            return remap[keys], [int(k) for k in present]
    if keys.dtype == object:
        # hashed as the Python objects they are: a Series would first turn a million
        # strings into Arrow text (pandas' default), which takes longer than the factorising
        return pd.factorize(keys, use_na_sentinel=True)
    return pd.factorize(pd.Series(keys), use_na_sentinel=True)


def _norm_key(k: Any) -> Any:
    if isinstance(k, np.integer):
        return int(k)
    if isinstance(k, float) and k.is_integer():
        return int(k)
    if isinstance(k, str):
        s = k.strip()
        return int(s) if s.isdigit() else s.lower()
    return k


def _common_scale(vals: list[Fraction]) -> int | None:
    from tukin.calc.num import LIMIT, _decimal_scale

    scale = 0
    for v in vals:
        s = _decimal_scale(v, 12)
        if s is None:
            return None
        scale = max(scale, s)
    if any(abs(v * 10**scale) >= LIMIT for v in vals):
        return None
    return scale


def normalise_text(value: Any) -> str:
    """Text as rules compare it: case-folded, runs of white space as one space, trimmed."""
    return " ".join(str(value).split()).casefold()


def factorize_text(values: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Per row, the index of its value among the distinct values (-1: missing), and those
    values normalised (:func:`normalise_text`): text is read once per distinct value, not
    once per employee. Index a per-value array with one extra last entry for missing rows."""
    codes, uniq = pd.factorize(pd.Series(np.asarray(values, dtype=object), dtype=object))
    return np.asarray(codes), [normalise_text(u) for u in uniq]


def _few_of(rows: int, frame: int) -> bool:
    """Whether ``rows`` of a frame of ``frame`` rows are few enough to compute for themselves
    rather than for the whole frame once (a per-employee array not shared yet)."""
    return frame >= 4096 and rows * 64 <= frame
