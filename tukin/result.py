"""Result: one row per paid employee, the rejected ones with reasons, totals and a receipt.

The receipt (library version, rule-set fingerprint, dataset fingerprint, period, time, totals
and a fingerprint of the amounts) is what makes a payment reproducible years later: re-running
the same inputs through the same rules must give the same receipt (``tukin verify``).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from fractions import Fraction
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from pydantic import BaseModel, ConfigDict, Field, field_serializer

from tukin._coerce import python_scalar
from tukin._language import LANGS, in_this_context, speaks_lang
from tukin._language import resolve as resolve_lang
from tukin._lookup import (
    PARALLEL_ROWS,
    canonical_categories,
    digits_as_int64,
    is_identity,
    on_threads,
    text_order,
)
from tukin.calc.num import FNum, XNum
from tukin.errors import (
    ArgumentTypeError,
    CalculationError,
    DataError,
    EmployeeNotFoundError,
    InputWarning,
    Lang,
    Reason,
    UnknownNameError,
    Worded,
    in_language,
    reason_fields,
)
from tukin.model import normalise_nip

if TYPE_CHECKING:
    from tukin._exact_text import ExactColumns
    from tukin.calc.engine import _Run
    from tukin.dataset import Dataset
    from tukin.explain import Explanation
    from tukin.ruleset.model import RuleSet

ID_COLUMNS = (
    "nip",
    "name",
    "status",
    "position_id",
    "position_name",
    "position_kind",
    "grade",
    "unit_id",
    "opd_id",
    "opd_name",
)
# identity text that many employees share: categories in the Result, whatever the frame
# holds (see canonical_categories); the rest of ID_COLUMNS is per person (text) or a number
SHARED_TEXT = frozenset(
    ("status", "position_id", "position_name", "position_kind", "unit_id", "opd_id", "opd_name")
)
# a rejected employee's identity (as far as it can be told) next to why: HR finds the person,
# and totals() counts each rejection in its OPD
REJECTED_IDENTITY = ("name", "position_id", "unit_id", "opd_id", "opd_name")
# location: where the clerk finds a row validation rejected (sheet, row, column), see
# Dataset._rejected_where; a calculation's reasons name what they need themselves
REJECTED_COLUMNS = ("nip", *REJECTED_IDENTITY, "stage", "step", "code", "reason", "location")
#: The column the Result keeps beside :data:`REJECTED_COLUMNS`: each rejected row's
#: parameters as JSON data (``fields`` of the result document; review 82), the same in every
#: language. Not in :attr:`Result.rejected` (a frame a person reads or saves as a sheet).
FIELDS = "fields"
_KEPT_COLUMNS = (*REJECTED_COLUMNS, FIELDS)
#: The rejected list's ``stage`` values in Indonesian words (what a clerk reads).
STAGE_WORDS_ID = {"validation": "validasi", "calculation": "perhitungan"}
#: Codes of a NIP cell that cannot be read: the NIP listed is the cell, not anybody's NIP.
_UNREADABLE_NIP = ("nip_as_number", "nip_as_json_number", "nip_column_float", "nip_column_rounded")


class Receipt(BaseModel):
    """Everything needed to reproduce and verify a payment run."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    library_version: str = Field(description="tukin version that computed the result.")
    ruleset_name: str
    ruleset_version: str
    ruleset_fingerprint: str = Field(description="sha256 of the rule set's canonical form.")
    ruleset_changes: tuple[str, ...] = Field(
        (),
        description="Where the rules differ from the packaged pack version they are named "
        "after (ruleset_name@ruleset_version): `parameters.<name>` for a parameter supplied "
        "or replaced (with_parameters, with_value, an edited copy), or another part "
        "(`steps`, ...). Empty: that packaged version as released, or no packaged pack of "
        "that name and version. Not compared by verify: the fingerprint already is.",
    )
    dataset_fingerprint: str = Field(description="sha256 of the input tables (row-order free).")
    period: str
    computed_at: str = Field(description="UTC time of the run (not part of result_fingerprint).")
    employees_in: int
    employees_paid: int
    employees_rejected: int
    total_allowance: int
    total_net: int
    total_employer: int = Field(
        0, description="Employer contributions reported apart (not paid to the employee)."
    )
    result_fingerprint: str = Field(
        description="sha256 of nip and every amount paid, sorted by nip."
    )
    # -- added later: a receipt without them still loads (and verifies what it has) --------
    fingerprint_version: int = Field(
        1,
        description="Encoding of dataset_fingerprint and table_fingerprints (tukin._fingerprint); "
        "a receipt without it used version 1.",
    )
    table_fingerprints: dict[str, str] = Field(
        default_factory=dict,
        description="sha256 of each input table; dataset_fingerprint is the digest of these.",
    )
    table_rows: dict[str, int] = Field(
        default_factory=dict, description="Rows kept of each input table."
    )
    dataset_mode: str | None = Field(
        None, description="How the input was validated: lenient or strict (Dataset.mode)."
    )
    nip_check: str | None = Field(
        None,
        description="The NIP check the input was read with (Dataset.nip_check): it decides "
        "which rows are kept, so a re-check reads the input with it again.",
    )
    opd_totals: dict[str, dict[str, int]] = Field(
        default_factory=dict,
        description="Per OPD id: employees paid, allowance, net and employees rejected "
        "('' holds the rejections whose OPD cannot be told).",
    )
    rejected_fingerprint: str | None = Field(
        None, description="sha256 of the rejected employees (NIP and code, sorted)."
    )

    @field_serializer("ruleset_changes")
    def _changes_as_list(self, changes: tuple[str, ...]) -> list[str]:
        # a list, as JSON gives it back: a receipt read from its file equals its model_dump()
        return list(changes)


class Result:
    """The outcome of :func:`tukin.calculate`."""

    def __init__(
        self,
        frame: pd.DataFrame,
        rejected: pd.DataFrame,
        receipt: Receipt,
        run: _Run | None,
        positions: Mapping[str, int],
        warnings: Sequence[InputWarning] = (),
        *,
        ruleset: RuleSet | None = None,
        rejected_in: Mapping[Lang, pd.DataFrame] | None = None,
    ) -> None:
        self._frame = frame
        self._rejected = rejected
        # the same rejected rows in each language (rejected_frames): an output in another
        # language than the run's lists the reasons in its own (review 78)
        self._rejected_in: dict[Lang, pd.DataFrame] = dict(rejected_in or {})
        self.receipt = receipt
        #: what the run warned about: input that rejected nobody but may change pay (an
        #: attendance code no step reads, employees paid under a "no SKP" rule, rejected rows
        #: that match no employee, ...; see :mod:`tukin.calc.notices`). Also issued with
        #: :func:`warnings.warn`; kept here so the files written from the Result carry them.
        self.warnings: tuple[InputWarning, ...] = tuple(warnings)
        #: the warnings given while the input was read that may have changed pay (a hidden
        #: sheet that was read, a file not UTF-8, ...: :attr:`tukin.Dataset.warnings` but the
        #: notes on how it was read, ``extra_columns``...); filed before :attr:`warnings`.
        self.read_warnings: tuple[InputWarning, ...] = ()
        self._run = run
        self._pos = positions
        self._frame_rows: np.ndarray | None = None
        self._ruleset = ruleset if ruleset is not None or run is None else run.ruleset

    # -- construction ---------------------------------------------------------------------
    @classmethod
    def build(cls, run: _Run, dataset: Dataset | None, *, digests: bool = True) -> Result:
        """The result of ``run``; ``digests=False`` leaves the receipt's two fingerprints
        empty (a partition's result, whose receipt the merged result replaces)."""
        import tukin
        from tukin.ruleset.packaged import changes_from_pack

        rs = run.ruleset
        f = run.frame
        alive = run.alive.copy()
        allow_id = rs.allowance_step
        allowance = run.fast.values.get(allow_id)
        if not isinstance(allowance, FNum) or allowance.unit != "rupiah":
            raise CalculationError(value=allow_id, detail_code="allowance_not_rupiah")
        nan = np.isnan(allowance.v) & alive
        if nan.any():
            for failed, rows, reason in _no_number(run, np.flatnonzero(nan)):
                run.reject_rows(rows, "calculation_failed", failed, reason)
            alive = run.alive.copy()
        if allowance.s != 0 or (allowance.e is not None and (allowance.e[alive] != 0).any()):
            _too_large(allowance, alive, allow_id)
            raise CalculationError(value=allow_id, detail_code="allowance_not_whole")
        # what the deductions withhold from each row still paid, summed once: it decides the
        # negative_net rejections and then is the deductions column of the rows left
        withheld = _withheld(run, alive)
        _reject_negative_net(run, allowance, alive, withheld)
        withheld = withheld[run.alive[alive]]
        alive = run.alive.copy()
        # rows sorted by NIP first, then every column taken once in that order (not built in
        # row order and re-sorted: a second take of every text column); same frame
        rows = np.flatnonzero(alive)
        if f.attrs.get("sorted_by") == "nip":  # employee_frame built it in NIP order
            order = np.arange(len(rows))
        else:
            order = text_order(f["nip"].array.take(rows))
        sel = rows[order]
        # the frame is built in NIP order: the columns are then taken as they are, or with
        # the rejected rows filtered out, never gathered again
        in_order = is_identity(order)
        keep = None if not in_order else (slice(None) if len(rows) == run.n else alive)
        ids = [c for c in ID_COLUMNS if c in f.columns]
        if len(sel) >= PARALLEL_ROWS:  # decoding and filtering text: C that releases the GIL
            made = on_threads(lambda c: _id_column(f[c], sel, keep), ids)
        else:
            made = [_id_column(f[c], sel, keep) for c in ids]
        columns: dict[str, Any] = dict(zip(ids, made, strict=True))
        for step in rs.steps:
            shown = _display(run.fast.values[step.id], alive)
            columns[step.id] = shown if in_order else shown[order]
        paid = columns["allowance"] = allowance.v[sel].astype(np.int64)
        ded = withheld if in_order else withheld[order]
        if rs.outputs.deductions:
            columns["deductions"] = ded
        columns["net"] = paid - ded
        check_money_totals(columns, rs)
        # every column is new (arrays made above; Arrow text, immutable, in a new wrapper):
        # copy=False keeps pandas from writing each number a second time into 2-D blocks
        out = pd.DataFrame(columns, copy=False)
        for emp in rs.outputs.employer:
            _whole_rupiah(run.fast.values[emp], emp)  # checked; the frame shows it
        said = rejected_frames(run, dataset)
        rejected = as_run_wrote(said, run.lang, dataset)
        n_in = check_nothing_lost(run.n, len(out), rejected, dataset)
        positions = _Positions(f["nip"], alive, in_order=f.attrs.get("sorted_by") == "nip")
        money_cols = ["allowance", "net", *rs.outputs.deductions, *rs.outputs.employer]
        data_digest, result_digest = _digests(dataset, out, money_cols) if digests else ("", "")
        receipt = Receipt(
            library_version=tukin.__version__,
            ruleset_name=rs.name,
            ruleset_version=rs.version,
            ruleset_fingerprint=rs.fingerprint(),
            ruleset_changes=changes_from_pack(rs),
            dataset_fingerprint=data_digest,
            period=str(run.period),
            computed_at=run.started.isoformat(timespec="seconds"),
            employees_in=n_in,
            employees_paid=len(out),
            employees_rejected=len(rejected),
            total_allowance=int(out["allowance"].sum()),
            total_net=int(out["net"].sum()),
            total_employer=int(sum(int(out[c].sum()) for c in dict.fromkeys(rs.outputs.employer))),
            result_fingerprint=result_digest,
            **receipt_details(dataset, out, rejected, digests=digests),
        )
        result = cls(out, rejected, receipt, run, positions, run.warnings, rejected_in=said)
        result._frame_rows = sel  # the run's frame row of each paid row (exact texts)
        return result

    # -- views ----------------------------------------------------------------------------
    def to_frame(self, *, text: bool = False) -> pd.DataFrame:
        """One row per paid employee: identity, every step's column, allowance, net.

        A new frame each call, yours to change: under pandas' copy-on-write (pandas 3) it
        shares the Result's columns until one of them is written to (then only that column
        is copied), so asking for the frame of a million employees costs no copy of it.

        Identity text shared by many employees (:data:`SHARED_TEXT`: status, position, unit
        and OPD ids and names) comes as categories of the values shown (see
        docs/concepts.md, "Columns"). ``text=True`` gives those columns as plain text
        instead: for writing new text into them (a category column accepts only its
        categories), or for files whose schema must not depend on the data (Parquet).
        """
        frame = self._frame.copy(deep=False)
        if text:
            for c in SHARED_TEXT.intersection(frame.columns):
                if isinstance(frame[c].dtype, pd.CategoricalDtype):
                    frame[c] = frame[c].astype(frame[c].cat.categories.dtype)
        return frame

    @property
    def rejected(self) -> pd.DataFrame:
        """The employees not paid, one row each: NIP, identity as far as known, ``stage``
        (``validation`` or ``calculation``), ``step``, ``code``, ``reason`` and ``location``
        (where the clerk finds the row; null for the calculation's, whose reason names what
        it needs).

        The reasons and locations as the run wrote them: the calculation's in the language in
        force when ``calculate`` started, validation's in the Dataset's (:attr:`Dataset.lang`);
        :meth:`rejected_in` gives them all in one language, as every output writes them.

        A new frame each call, yours to change (copy-on-write, as :meth:`to_frame`: no copy
        of the data until it is written to): what the exports and totals read stays the run's.
        """
        return _without_fields(self._rejected)

    @speaks_lang
    def rejected_in(self, lang: str | None = None) -> pd.DataFrame:
        """:attr:`rejected` with the reasons, locations and the mark of an unreadable NIP in
        ``lang`` (None: :func:`tukin.get_language`): the same rows, codes and order whatever
        the language of the run, as every output of the Result writes them (``to_json``,
        ``write_result``, the CLI). Branch on ``code``; the reason is for people."""
        return _without_fields(self._rejected_in.get(resolve_lang(lang), self._rejected))

    def _rejected_rows(self, lang: str | None = None, *, read: bool = True) -> pd.DataFrame:
        """:meth:`rejected_in` with the ``fields`` column (each row's parameters as JSON
        data, ``{}`` where none were kept): what the result document writes. Validation's
        are kept as JSON text (:meth:`Dataset._rejected_fields`), read back here unless
        ``read`` is false (a partition hands them to its driver as they are)."""
        lang = resolve_lang(lang)
        frame = self._rejected_in.get(lang, self._rejected).copy(deep=False)
        kept = frame[FIELDS].tolist() if FIELDS in frame else ["{}"] * len(frame)
        if read:  # a calculation's reasons share one dict each: kept shared
            kept = [json.loads(p) if isinstance(p, str) else p for p in kept]
        frame[FIELDS] = pd.Series(kept, index=frame.index, dtype=object)
        return frame

    @property
    def total(self) -> int:
        return int(self._frame["allowance"].sum())

    @property
    def period(self) -> str:
        return self.receipt.period

    def __len__(self) -> int:
        return len(self._frame)

    @speaks_lang
    def totals(self, by: str | list[str] = "opd_id", lang: str | None = None) -> pd.DataFrame:
        """Totals per group (OPD by default): employees paid, allowance, deductions and net,
        and, when grouped by one column the rejected rows hold (``opd_id``, ``unit_id``,
        ``position_id``), the employees rejected.

        The sum of the group totals equals :attr:`total` to the rupiah, and the ``rejected``
        column sums to ``len(result.rejected)``: a group whose every employee was rejected is
        a row of its own (0 paid), and the employees whose group cannot be told (rejected in
        validation before their position was known) are counted in a last row with no key,
        named "(no OPD...)" in ``lang`` (None: :func:`tukin.get_language`) when grouped by OPD,
        as the workbook's summary does. Nobody not paid disappears from the totals.
        """
        keys = [by] if isinstance(by, str) else list(by) if isinstance(by, list | tuple) else []
        if not keys or not all(isinstance(k, str) for k in keys):
            # None, 5 or [] once escaped as pandas' "No group keys passed!" or a TypeError
            raise ArgumentTypeError(
                code="no_group_columns", value=repr(by), choices=", ".join(self._group_columns)
            )
        resolve_lang(lang)  # a language tukin does not speak is refused here too, not ignored
        unknown = [k for k in keys if k not in self._frame.columns]
        if unknown:
            raise UnknownNameError(
                code="no_such_column", value=unknown[0], choices=", ".join(self._group_columns)
            )
        employer = list(self._employer)
        money = [c for c in ("allowance", "deductions", "net", *employer) if c in self._frame]
        g = self._frame.groupby(keys, dropna=False, sort=True)
        out = g[money].sum()
        out.insert(0, "employees", g.size())
        if "opd_name" in self._frame and keys == ["opd_id"]:
            out.insert(0, "opd_name", g["opd_name"].first())
        if len(keys) == 1 and keys[0] in self._rejected:
            out = _with_rejected(out, self._rejected, keys[0], lang)
        return out.reset_index()

    @property
    def ruleset(self) -> RuleSet | None:
        """The rules that computed the result, as they were (with any parameter supplied with
        ``with_parameters``): what :func:`tukin.io.write_result` files with the amounts, so
        the payment can be re-run from the files alone. None for a Result built without them."""
        return self._ruleset

    @property
    def _group_columns(self) -> list[str]:
        """The columns :meth:`totals` can group by: the identity ones the frame has."""
        return [c for c in ID_COLUMNS if c in self._frame.columns and c != "nip"]

    @property
    def _employer(self) -> tuple[str, ...]:
        # the rules kept with the Result: a partitioned run's has no _run of its own
        return self._ruleset.outputs.employer if self._ruleset is not None else ()

    def reconciliation(self, step_id: str | None = None) -> pd.DataFrame:
        """Per group of a budget-ceiling step: uncapped total, ceiling, exact factor, paid."""
        from tukin.rules.budget import reconciliation

        return reconciliation(self, step_id)

    @speaks_lang
    def to_json(self, lang: str | None = None, explain_nips: Iterable[str] = ()) -> str:
        """The result as the JSON document :func:`tukin.io.write_result` writes to a ``.json``
        file (the same text: schema ``result`` of :func:`tukin.schema.json_schemas`), for a
        service that answers with it or stores it without a file: receipt, totals per OPD,
        paid rows (amounts paid as integers), rejected rows, the warnings of reading and of
        the run, the rules, and the explanations of ``explain_nips``. The warnings and the
        explanations and the rejected rows' reasons and locations in ``lang`` (None:
        :func:`tukin.get_language`; :meth:`rejected_in`): branch on their ``code``."""
        from tukin.io.export import json_text

        lang = resolve_lang(lang)
        return json_text(self, explain_nips, lang, (*self.read_warnings, *self.warnings))

    def column_units(self) -> dict[str, str]:
        """The unit of every column of :meth:`to_frame`, in its order: ``rupiah``, ``number``
        (a ratio, factor, count: no unit), ``text`` or ``boolean`` (:mod:`tukin._exact_text`);
        what the result document's ``units`` says, so a program tells money from a ratio
        without knowing the rule set."""
        from tukin._exact_text import frame_units, step_units

        return frame_units(self._frame, step_units(self._run) if self._run is not None else {})

    def _exact_columns(self, units: Mapping[str, str]) -> ExactColumns | None:
        """Per paid row, its NIP and every ``rupiah`` / ``number`` column's exact value as
        text (the result document's ``exact``); None when the run is no longer held."""
        from tukin._exact_text import exact_texts

        if self._run is None or self._frame_rows is None:
            return None
        return exact_texts(self._run, self._frame_rows, self._frame, dict(units))

    @speaks_lang
    def explain(self, nip: str, lang: str | None = None) -> Explanation:
        """Every step for one employee, from the same evaluation as the batch result
        (``lang``: None is the current :func:`tukin.get_language` setting)."""
        from tukin.explain import explain_row

        lang = resolve_lang(lang)  # refused before the look-up, as every lang= is
        key = nip_key(nip)
        if key not in self._pos or self._run is None:
            raise self._not_found(key)
        return explain_row(self._run, self._pos[key], self.receipt, lang=lang)

    def _not_found(self, key: str) -> EmployeeNotFoundError:
        """The error for a NIP that was not paid: why, when it was rejected."""
        found = np.flatnonzero((self._rejected["nip"] == key).to_numpy(dtype=bool))
        if len(found):
            at = int(found[0])
            r = self._rejected.iloc[at]
            en, id_ = (self.rejected_in(lang)["reason"].iloc[at] for lang in ("en", "id"))
            stage = STAGE_WORDS_ID.get(r["stage"], r["stage"])
            where = (
                (f" in step {r['step']!r}", f" pada langkah {r['step']!r}")
                if r["step"]
                else (f" at {r['stage']}", f" pada tahap {stage}")
            )
            return EmployeeNotFoundError(
                value=key,
                detail=(
                    f": rejected{where[0]} ({r['code']}): {en}",
                    f": ditolak{where[1]} ({r['code']}): {id_}",
                ),
                reason=str(r["reason"]),
                rejection=str(r["code"]),
                step=str(r["step"]),
            )
        en, id_ = "", ""
        if key.isdigit() and len(key) != 18:
            en, id_ = f" (a NIP has 18 digits, this {len(key)})", f" (NIP 18 digit, ini {len(key)})"
        if near := self._near(key):
            en += f"; did you mean {_either(near, 'or')}?"
            id_ += f"; maksud Anda {_either(near, 'atau')}?"
        return (
            EmployeeNotFoundError(value=key, detail=(en, id_))
            if en
            else EmployeeNotFoundError(value=key)
        )

    def _near(self, key: str) -> list[str]:
        """The NIPs of this result, paid or rejected, nearest to a NIP it does not hold, each
        with its name: one or two slips away (a digit wrong, missing or added, two swapped),
        with the same first eight digits (the birth date) so the look is a filter and a
        handful of comparisons, not one per employee. Empty when none is near."""
        if len(key) < 8 or not key[:8].isdigit():
            return []
        names: dict[str, str] = {}
        for frame in (self._frame, self._rejected):
            nips = frame["nip"].astype(str)
            same = frame[nips.str.startswith(key[:8]).to_numpy(dtype=bool)]
            for n, name in zip(same["nip"].astype(str), same["name"], strict=True):
                names.setdefault(n, "" if pd.isna(name) else str(name))
        near = [(d, n) for n in names if (d := _slips(n, key)) <= 2]
        best = min((d for d, _ in near), default=None)
        return [f"{n} ({names[n]})" if names[n] else n for d, n in sorted(near) if d == best][:5]

    def __repr__(self) -> str:
        from tukin.money import format_rupiah

        r = self.receipt
        return (
            f"<Result {r.ruleset_name} {r.period}: {r.employees_paid} paid, "
            f"{r.employees_rejected} rejected, total {format_rupiah(r.total_allowance)}>"
        )

    def _repr_html_(self) -> str:
        head = f"<p><b>{self!r}</b></p>".replace("<Result", "&lt;Result").replace("}>", "}&gt;")
        return head + self.totals().to_html(index=False)


_TEXT = pd.Series(["x"]).dtype  # the dtype pandas infers for a column of Python strings


def _either(items: list[str], word: str) -> str:
    """``a``, ``a or b``, ``a, b or c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} {word} {items[-1]}"


def _slips(a: str, b: str) -> int:
    """Keystrokes between two short texts: a character changed, added or dropped, or two
    neighbours swapped, each one (optimal string alignment distance)."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def nip_key(nip: object) -> str:
    """``nip`` as a Dataset stores it, for a look-up by NIP: validation accepts
    ``19850101 201001 1 001`` (spaces inside dropped, :func:`~tukin.model.normalise_nip`) and
    a NIP given as an integer, so asking for an employee by either must find them too; and
    the workbook and CSV readers drop Excel's text mark (``'1985…``), so a NIP typed with it
    is found as well."""
    return normalise_nip(str(nip).strip().removeprefix("'"))


def _id_column(col: pd.Series, sel: np.ndarray, keep: slice | np.ndarray | None = None) -> Any:
    """``col.to_numpy()[sel]``, as the frame will hold it: text without gaps stays text (no
    trip through Python objects), shared identity text (:data:`SHARED_TEXT`) becomes
    categories. ``keep`` is the same selection as a slice or mask when ``sel`` is in
    increasing order: a filter, cheaper than a take of a million strings."""
    rows = sel if keep is None else keep
    if isinstance(col.dtype, pd.CategoricalDtype):  # see canonical_categories
        return canonical_categories(col.array, rows)
    if col.name in SHARED_TEXT:  # stored as text (few rows, or mostly distinct values)
        return canonical_categories(pd.Categorical(col.array[rows]))
    if col.dtype == _TEXT and len(sel) and not col.isna().any():
        if keep is None:
            return col.array.take(sel)
        # a slice: the frame's own array, in a wrapper of its own (Arrow data is immutable)
        return col.array.copy() if isinstance(keep, slice) else col.array[keep]
    return col.to_numpy()[sel]


def _display(value: Any, alive: np.ndarray) -> np.ndarray:
    if isinstance(value, FNum):
        vals = value.v[alive]
        # exactness needs only the per-row part of the bound (0 marks an exact row; NaN is
        # not 0), and only the paid rows are taken before anything is computed on them
        exact_int = value.s == 0 and (value._e is None or not value._e[alive].any())
        if exact_int and value.unit == "rupiah" and np.isfinite(vals).all():
            return vals.astype(np.int64)
        if value.s:
            vals /= 10.0**value.s  # as FNum.to_float: v / 10**s, correctly rounded
        return vals
    if isinstance(value, XNum):  # pragma: no cover - fast columns are FNum
        return value.to_float()[alive]
    return np.asarray(value)[alive]


def _no_number(run: _Run, rows: np.ndarray) -> list[tuple[str, np.ndarray, Reason]]:
    """Why ``rows`` have no allowance: per group of rows, the first step that gave them no
    number and the reason, naming the input columns it read that are empty for them (a
    blank cell of an extra column) or else the step itself (a division by zero).

    Named at the allowance step, the reason pointed the officer at the last step and at no
    cell; the step and column to fix are what the officer needs."""
    f = run.frame
    steps = {t.step.id for t in run.traces}
    left, out = _earlier_position_no_number(run, rows)
    for trace in run.traces:
        value = run.fast.values.get(trace.step.id)
        if not len(left) or not isinstance(value, FNum):
            continue
        here = np.isnan(value.v[left])
        if not here.any():
            continue
        hit, left = left[here], left[~here]
        inputs = [n for n in trace.reads if n not in steps and n in f.columns]
        empty = {n: f[n].isna().to_numpy()[hit] for n in inputs}
        by_columns: dict[tuple[str, ...], list[int]] = {}
        for i, row in enumerate(hit):
            by_columns.setdefault(tuple(n for n in inputs if empty[n][i]), []).append(int(row))
        for names, group in by_columns.items():
            step = trace.step.id
            reason = _no_number_reason(step, names)
            out.append((step, np.asarray(group, dtype=np.int64), reason))
    if len(left):  # not seen in any step's output (a rule returned no number itself)
        reason = Worded("no amount could be computed", "tidak ada jumlah yang dapat dihitung")
        out.append((run.ruleset.allowance_step, left, reason))
    return out


def _no_number_reason(step: str, names: Sequence[str]) -> Worded:
    """Step ``step`` gave no number: the empty input columns ``names`` said, or else a
    division by zero."""
    if names:
        shown = ", ".join(names)
        return Worded(
            f"step {step!r} gave no number: {shown} is empty for this employee",
            f"langkah {step!r} tidak menghasilkan angka: {shown} kosong untuk pegawai ini",
            columns=list(names),
        )
    return Worded(
        f"step {step!r} gave no number (a division by zero, or an undefined value)",
        f"langkah {step!r} tidak menghasilkan angka (pembagian dengan nol, atau "
        "nilai tak terdefinisi)",
        columns=[],
    )


def _earlier_position_no_number(
    run: _Run, rows: np.ndarray
) -> tuple[np.ndarray, list[tuple[str, np.ndarray, Reason]]]:
    """Of ``rows`` (no allowance), the employees whose own values up to
    ``position_history.sum_at`` are numbers but whose sum there is not: an earlier position
    counted in the sum gave no number (a blank extra column of its position). Each is
    named with that position (the first by start), the step and its empty columns, read
    on the run as it was before the positions' rows retired; the other rows are returned.

    Named by the summing step alone, the reason read the latest position's inputs (all
    filled) and said "a division by zero": no cell to fix (review 106, finding 5)."""
    spells, full, k = run.spells, run.full, run.sum_index
    out: list[tuple[str, np.ndarray, Reason]] = []
    if spells is None or full is None or k is None or not run.merged or not len(rows):
        return rows, out
    upto = {s.id for s in run.ruleset.steps[: k + 1]}
    traces = [t for t in run.traces if t.step.id in upto]
    steps = {t.step.id for t in run.traces}
    named: dict[tuple[str, str, str], list[int]] = {}
    reasons: dict[tuple[str, str, str], Reason] = {}
    keep = np.ones(len(rows), dtype=bool)
    own_blank = set(run.own_no_number.tolist())
    for i, head in enumerate(rows.tolist()):
        if not spells.others.get(int(head)):
            continue
        own = [run.fast.values.get(t.step.id) for t in traces[:-1]]
        blank = head in own_blank or any(isinstance(v, FNum) and np.isnan(v.v[head]) for v in own)
        if run.counted[head] and blank:
            continue  # the employee's own position gave no number (named as usual)
        for row in run.spell_rows(int(head))[1:].tolist():
            if not run.counted[row]:
                continue  # a position decided: adds 0 (see _Run._merge_spells)
            trace = next(
                (
                    t
                    for t in traces
                    if isinstance(v := full.fast.get(t.step.id), FNum) and np.isnan(v.v[row])
                ),
                None,
            )
            if trace is None:
                continue
            inputs = [n for n in trace.reads if n not in steps and n in full.frame.columns]
            cells: list[Any] = [full.frame[n].iat[row] for n in inputs]
            names = [n for n, c in zip(inputs, cells, strict=True) if pd.isna(c)]
            step = trace.step.id
            reason = run._spell_reason(row, _no_number_reason(step, names))
            key = (step, in_language(reason, "en"), in_language(reason, "id"))
            named.setdefault(key, []).append(int(head))
            reasons[key] = reason
            keep[i] = False
            break
    for key, group in named.items():
        out.append((key[0], np.asarray(group, dtype=np.int64), reasons[key]))
    return rows[keep], out


def _withheld(run: _Run, alive: np.ndarray) -> np.ndarray:
    """Per row of ``alive`` (in row order), the sum of the deduction steps, whole rupiah."""
    withheld = np.zeros(int(alive.sum()), dtype=np.int64)
    for d in run.ruleset.outputs.deductions:
        withheld += _ints(run.fast.values[d], alive, d)
    return withheld


def _reject_negative_net(
    run: _Run, allowance: FNum, alive: np.ndarray, withheld: np.ndarray
) -> None:
    """Reject the employees whose deductions exceed their allowance (``negative_net``).

    A transfer cannot be negative: with ``basis: total`` a BPJS or PPh step withholds its
    whole share of salary plus allowance from the allowance, which for a small allowance (a
    month of absence) is more than there is to withhold from. Paying the rest and leaving a
    negative line on the payment list would file a wrong amount without a word; the reason
    says by how much, so that the difference is withheld from salary or the step's basis is
    changed (``allowance_part``).

    An allowance below zero is rejected first (``negative_allowance``), deductions or not: the
    rules took more than the whole amount (a deduction share or cap above 100 %), and a
    negative line would be subtracted from its OPD's total."""
    rows = np.flatnonzero(alive)
    paid = allowance.v[rows].astype(np.int64)
    allow_id = run.ruleset.allowance_step
    for k in np.flatnonzero(paid < 0).tolist():
        has = f"{-int(paid[k]):,}"
        said = Worded(
            f"the rules give a negative allowance (-Rp{has}): a deduction share or cap "
            "above 100 % takes more than the whole amount; check the rule set",
            f"aturan menghasilkan tunjangan negatif (-Rp{has.replace(',', '.')}): bagian "
            "potongan atau batas di atas 100 % mengambil lebih dari seluruh jumlahnya; "
            "periksa aturannya",
            allowance=int(paid[k]),
        )
        run.reject_rows(rows[k : k + 1], "negative_allowance", allow_id, said)
    deductions = run.ruleset.outputs.deductions
    if not deductions:
        return
    keep = paid >= 0
    rows, paid, withheld = rows[keep], paid[keep], withheld[keep]
    short = np.flatnonzero(withheld > paid)
    for k in short.tolist():  # a handful of rows: each reason names its own amounts
        out, has = f"{withheld[k]:,}", f"{paid[k]:,}"
        said = Worded(
            f"deductions Rp{out} exceed the allowance Rp{has}: withhold the difference "
            "from salary, or withhold only the allowance's share (basis: allowance_part)",
            f"potongan Rp{out.replace(',', '.')} melebihi tunjangan "
            f"Rp{has.replace(',', '.')}: potong selisihnya dari gaji, atau potong hanya "
            "bagian tunjangan (basis: allowance_part)",
            deductions=int(withheld[k]),
            allowance=int(paid[k]),
            steps=list(deductions),
        )
        run.reject_rows(rows[k : k + 1], "negative_net", ",".join(deductions), said)


def _too_large(value: FNum, alive: np.ndarray, name: str) -> None:
    """Raise when amounts of ``value`` are beyond what tukin computes exactly (whole rupiah
    below 2**53, about 9 × 10^15; less for an amount carrying decimals): a round step cannot
    make them whole, and its absence is not the problem."""
    from tukin.calc.num import LIMIT
    from tukin.money import format_rupiah

    # amounts in rupiah (value / 10^s) beyond the floats' exact range of whole numbers: no
    # step can make them whole rupiah. A smaller amount with decimals (whose scaled integers
    # may be that large) is one a round step makes whole: allowance_not_whole says so
    big = alive & (np.abs(value.v) >= (LIMIT / 2) * 10.0**value.s)
    if big.any():
        limit = format_rupiah(int(LIMIT) - 1, lang="id")
        raise CalculationError(
            value=name, detail_code="amount_too_large", count=int(big.sum()), limit=limit
        )


#: The bound of every total of whole rupiah: what int64 (numpy's and pandas' sums) holds.
TOTAL_LIMIT = 2**63 - 1


def check_summable(
    values: np.ndarray, name: str, step: str | None = None, *, table: str | None = None
) -> None:
    """Refuse (``total_too_large``) a column of whole rupiah whose absolute values add up past
    :data:`TOTAL_LIMIT`: then every total of its rows (the receipt's, :meth:`Result.totals`,
    an OPD's on the payment list) is exact in int64, which would wrap past it without a word.
    Each amount is below 2**53, so only a few thousand enormous amounts reach it: the cheap
    bound (largest × count) settles it, the exact sum only where that bound does not.

    ``table``: the column is that input table's, summed by a report rather than a step (the
    monitoring report's pagu and spending): a ``DataError`` (``column_total_too_large``)."""
    if not len(values):
        return
    top = max(int(values.max()), -int(values.min()))
    if top * len(values) <= TOTAL_LIMIT or sum(abs(v) for v in values.tolist()) <= TOTAL_LIMIT:
        return
    from tukin.money import format_rupiah

    if table is not None:
        raise DataError(
            code="column_total_too_large",
            table=table,
            column=name,
            count=len(values),
            limit=format_rupiah(TOTAL_LIMIT, lang="id"),
        )
    raise CalculationError(
        value=step,
        detail_code="total_too_large",
        count=len(values),
        column=name,
        limit=format_rupiah(TOTAL_LIMIT, lang="id"),
    )


def check_money_totals(columns: Mapping[str, Any] | pd.DataFrame, rs: RuleSet) -> None:
    """:func:`check_summable` for each money column of a result (allowance, deductions, net,
    employer contributions) present in ``columns``, naming the step that made it: a single
    run's columns, or the partitions' merged ones (each partition's totals were checked, but
    together they may still pass int64)."""
    allow_id = rs.allowance_step
    step_of = {
        "allowance": allow_id,
        "net": allow_id,
        "deductions": ", ".join(rs.outputs.deductions),
    }
    for name in ("allowance", "deductions", "net", *rs.outputs.employer):
        if name in columns:
            check_summable(np.asarray(columns[name], dtype=np.int64), name, step_of.get(name, name))


def _ints(value: Any, alive: np.ndarray, name: str) -> np.ndarray:
    return _whole_rupiah(value, name).v[alive].astype(np.int64)


def _whole_rupiah(value: Any, name: str) -> FNum:
    if not isinstance(value, FNum) or value.unit != "rupiah" or value.s != 0:
        raise CalculationError(value=name, detail_code="deduction_not_whole")
    return value


def _with_rejected(
    out: pd.DataFrame, rejected: pd.DataFrame, key: str, lang: str | None
) -> pd.DataFrame:
    """``out`` (paid totals indexed by ``key``) with a ``rejected`` count per group, a row
    for each group that only rejected employees have, and one (key missing) for those
    whose group cannot be told: the counts sum to ``len(rejected)``."""
    shared = isinstance(out.index.dtype, pd.CategoricalDtype)
    out.index = pd.Index(out.index.astype(object), name=key)  # plain values: new keys join
    values = rejected[key].astype(object)
    known = values.notna().to_numpy()
    counts = values[known].value_counts()
    unknown = int((~known).sum())
    paid_keys = set(out.index[out.index.notna()])
    new = sorted(k for k in counts.index if k not in paid_keys)
    if unknown and not out.index.isna().any():
        new.append(None)
    if new:
        out = pd.concat([out, pd.DataFrame(index=pd.Index(new, dtype=object, name=key))])
        out = out.sort_index(na_position="last", kind="stable")
    count = np.array(counts.reindex(out.index).fillna(0), dtype=np.int64)  # a copy: added to
    missing = np.asarray(out.index.isna(), dtype=bool)
    count[missing] += unknown
    for c in out.columns:
        if c != "opd_name":
            out[c] = out[c].fillna(0).astype(np.int64)
    out["rejected"] = count
    if "opd_name" in out.columns and "opd_name" in rejected:
        names = rejected.dropna(subset=[key]).groupby(key, sort=False)["opd_name"].first()
        filled = out["opd_name"].astype(object)
        filled = filled.where(filled.notna(), names.reindex(out.index).astype(object))
        if unknown:
            from tukin.io.export import LABELS

            label = LABELS["no_opd"][0 if resolve_lang(lang) == "id" else 1]
            filled = filled.where(~missing, label)
        out["opd_name"] = pd.Categorical(filled.to_numpy(dtype=object))
    if shared:  # text as the paid frame shows it (see canonical_categories)
        out.index = pd.CategoricalIndex(out.index.to_numpy(dtype=object), name=key)
    return out


def _rejected(run: _Run, dataset: Dataset | None, lang: Lang | None = None) -> pd.DataFrame:
    """The rejected employees, their reasons in ``lang`` (None: the run's language)."""
    lang = run.lang if lang is None else lang
    return rejected_frames(run, dataset, (lang,))[lang]


def rejected_frames(
    run: _Run, dataset: Dataset | None, langs: Sequence[Lang] = LANGS
) -> dict[Lang, pd.DataFrame]:
    """The rejected employees in each of ``langs``: those the calculation rejected (identity
    from the employee frame), then those validation rejected (identity as far as the Dataset
    can still tell, :func:`_validation_identity`, and the name typed on the row), with stage,
    step, code, reason and, for validation's, the location: the clerk goes to the cell to
    correct it; by stage, then NIP. The frames differ only in the words (``nip``'s mark of an
    unreadable cell, ``reason``, ``location``): same rows, same order, so an output in either
    language lists the same people (review 78: reasons were frozen in the run's language)."""
    # column-wise (one array read per column, not three ``frame[col].iat`` per rejected row,
    # each of which deep-copies the frame's attrs): same lists, same frame
    f = run.frame
    rows = np.flatnonzero(~run.alive)
    table = [*run.reasons, ("calculation_failed", "", "")]  # -1: no reason was recorded
    ids = run.reason_id[rows].tolist()
    k = len(ids)
    # nobody rejected (the usual run): no column to take from (a take of no rows is [])
    nips = [str(x) for x in f["nip"].take(rows).to_numpy()] if k else []
    data: dict[str, list[Any]] = {}
    for c in REJECTED_IDENTITY:
        data[c] = list(f[c].take(rows).to_numpy()) if k and c in f else [None] * k
    data["stage"] = ["calculation"] * k
    data["step"] = [table[i][1] for i in ids]
    data["code"] = [table[i][0] for i in ids]
    params = [reason_fields(r[2]) for r in table]  # once per distinct reason, shared
    data[FIELDS] = [params[i] for i in ids]
    said: dict[Lang, dict[str, list[Any]]] = {}
    for lang in langs:
        texts = [in_language(r[2], lang) for r in table]  # once per distinct reason
        said[lang] = {"nip": list(nips), "reason": [texts[i] for i in ids], "location": [None] * k}
    if dataset is not None and len(emp := _employee_rejections(dataset, dataset.lang)):
        m = len(emp)
        input_rows = emp["row"].to_numpy(dtype=np.int64)
        codes = [str(x) for x in emp["code"].tolist()]
        keys = emp["key"].tolist()
        who = _validation_identity(dataset, input_rows)
        who["name"] = [dataset._rejected_names.get(row) for row in input_rows.tolist()]
        for c in REJECTED_IDENTITY:
            data[c] += who.get(c, [None] * m)
        data["stage"] += ["validation"] * m
        data["step"] += [""] * m
        data["code"] += codes
        found = dataset._rejected_fields("employees")  # compact JSON text per row
        data[FIELDS] += [found.get(row, "{}") for row in input_rows.tolist()]
        for lang in langs:
            words = emp if lang == dataset.lang else _employee_rejections(dataset, lang)
            where = dataset._rejected_where("employees", lang)
            said[lang]["nip"] += _shown_nips(keys, codes, lang)
            said[lang]["reason"] += [str(x) for x in words["message"].tolist()]
            said[lang]["location"] += [where.get(row) for row in input_rows.tolist()]
    # the columns every language shares built once, sorted once; each language adds its words
    first = said[langs[0]]
    order = _rejected_order(data["stage"], first["nip"])
    # lists, as the partitioned merge builds them: pandas infers each column's type alike
    # (each frame built from the lists, not from a shared frame's columns: the same type
    # inferred from the same list, without aligning a Series per column per language)
    at = order.tolist()
    common = {c: [v[i] for i in at] for c, v in data.items()}
    frames: dict[Lang, pd.DataFrame] = {}
    for lang in langs:
        own = {c: [said[lang][c][i] for i in at] for c in _WORDS}
        frames[lang] = pd.DataFrame(
            {c: own[c] if c in _WORDS else common[c] for c in _KEPT_COLUMNS},
            columns=list(_KEPT_COLUMNS),
        )
    return frames


#: The columns of a rejected row whose text depends on the language.
_WORDS = ("nip", "reason", "location")


def _rejected_order(stage: Sequence[str], nips: Sequence[str]) -> np.ndarray:
    """By stage, then NIP as compared (:func:`rejected_key`, without the language's mark of
    an unreadable cell, which only validation's rows have): one order for every language.
    A stable sort by code point, as ``sort_values`` gave it."""
    validation = np.asarray(stage, dtype=object) == "validation"
    key = np.asarray(nips, dtype=object).copy()
    for i in np.flatnonzero(validation).tolist():
        key[i] = rejected_key(key[i])
    if not len(key):
        return np.zeros(0, dtype=np.intp)
    return np.lexsort((key.astype(str), validation))


def as_run_wrote(
    said: Mapping[Lang, pd.DataFrame], lang: Lang, dataset: Dataset | None
) -> pd.DataFrame:
    """:attr:`Result.rejected` as it has always read: the calculation's reasons in the run's
    language ``lang``, validation's in the Dataset's (its report's, which the caller may have
    read already); :meth:`Result.rejected_in` gives one language throughout."""
    frame = said[lang]
    other = dataset.lang if dataset is not None else lang
    if other == lang or not len(frame):
        return frame
    validation = (frame["stage"] == "validation").to_numpy(dtype=bool)
    if not validation.any():
        return frame
    frame = frame.copy()
    for c in ("nip", "reason", "location"):
        frame.loc[validation, c] = said[other].loc[validation, c]
    return frame


def _employee_rejections(dataset: Dataset, lang: Lang) -> pd.DataFrame:
    """The Dataset's rejected employee rows, in ``lang`` (its own language: the list it has)."""
    rej = dataset._rejected if lang == dataset.lang else dataset._rejected_in(lang, _EMPLOYEES)
    return rej[rej["table"] == "employees"]


_EMPLOYEES = frozenset({"employees"})


def sorted_rejected(frames: Mapping[Lang, pd.DataFrame]) -> dict[Lang, pd.DataFrame]:
    """``frames`` (the same rejected rows in several languages) in one order for every
    language (:func:`_rejected_order`)."""
    first = next(iter(frames.values()))
    order = _rejected_order(first["stage"].tolist(), first["nip"].tolist())
    return {lang: f.take(order).reset_index(drop=True) for lang, f in frames.items()}


def receipt_details(
    dataset: Dataset | None, out: pd.DataFrame, rejected: pd.DataFrame, *, digests: bool = True
) -> dict[str, Any]:
    """The receipt's self-describing part: the fingerprint encoding and each table's digest
    and row count, the reading options, totals per OPD, and a digest of who was rejected.
    An auditor years later needs them to tell *what* differs, not only *that* it does."""
    from tukin._fingerprint import CURRENT

    details: dict[str, Any] = {
        "fingerprint_version": CURRENT,
        "opd_totals": opd_totals(out, rejected),
        "rejected_fingerprint": rejected_fingerprint(rejected),
    }
    if dataset is not None:
        details["dataset_mode"] = str(dataset.mode)
        details["nip_check"] = str(dataset.nip_check)
        details["table_rows"] = {
            name: len(frame) for name, frame in dataset._tables.items() if dataset._hashed(name)
        }
        if digests:
            details["table_fingerprints"] = dataset.table_fingerprints()
    return details


_TOTALS = ("employees", "allowance", "net", "rejected")


def opd_totals(out: pd.DataFrame, rejected: pd.DataFrame) -> dict[str, dict[str, int]]:
    """Per OPD id: employees paid, allowance, net, employees rejected, as the workbook's
    summary shows them; the rejections with no OPD under ``""``. Sums of int64 by group."""
    totals: dict[str, dict[str, int]] = {}

    def key(value: Any) -> str:
        return "" if value is None or value is pd.NA or pd.isna(value) else str(value)

    if len(out) and "opd_id" in out:
        # by integer codes (a category column's own, else factorised): a million rows in a
        # few ms, where grouping by the text itself took seconds; sums exact in int64
        column = out["opd_id"]
        if isinstance(column.dtype, pd.CategoricalDtype):
            codes = np.asarray(column.cat.codes, dtype=np.intp)
            opds = column.cat.categories.to_numpy(dtype=object)
        else:
            found, uniques = pd.factorize(column, use_na_sentinel=True)
            codes, opds = np.asarray(found, dtype=np.intp), np.asarray(uniques, dtype=object)
        slot = np.where(codes >= 0, codes, len(opds))  # the last slot: no OPD
        width = len(opds) + 1
        sizes = np.bincount(slot, minlength=width)
        allowances = _group_sums(slot, out["allowance"].to_numpy(dtype=np.int64), width)
        nets = _group_sums(slot, out["net"].to_numpy(dtype=np.int64), width)
        for code in np.flatnonzero(sizes).tolist():
            name = key(opds[code]) if code < len(opds) else ""
            entry = totals.setdefault(name, dict.fromkeys(_TOTALS, 0))
            entry["employees"] += int(sizes[code])
            entry["allowance"] += int(allowances[code])
            entry["net"] += int(nets[code])
    if len(rejected):
        rej_opd = rejected["opd_id"] if "opd_id" in rejected else pd.Series([None] * len(rejected))
        for opd, count in rej_opd.astype(object).map(key).value_counts().to_dict().items():
            entry = totals.setdefault(str(opd), dict.fromkeys(_TOTALS, 0))
            entry["rejected"] = int(count)
    return dict(sorted(totals.items()))


def _group_sums(slot: np.ndarray, values: np.ndarray, width: int) -> list[int]:
    """Exact sum of int64 ``values`` per ``slot`` (0 .. width-1), as Python ints: ``np.add.at``
    in int64 when no group can overflow it, else per group in Python."""
    if not len(values) or max(-int(values.min()), int(values.max())) * len(values) < 2**62:
        sums = np.zeros(width, dtype=np.int64)
        np.add.at(sums, slot, values)
        return [int(v) for v in sums]
    out = [0] * width
    for s, v in zip(slot.tolist(), values.tolist(), strict=True):
        out[s] += v
    return out


#: What a rejected employee's NIP is followed by when the cell could not be read (in the
#: language of the run): not part of who was rejected.
_UNREADABLE_MARKS = (" (NIP tidak terbaca)", " (unreadable NIP)")  # see _shown_nips


def _without_fields(frame: pd.DataFrame) -> pd.DataFrame:
    """A rejected list as :attr:`Result.rejected` shows it: without the ``fields`` column."""
    if FIELDS in frame.columns:
        return frame.drop(columns=FIELDS)
    return frame.copy(deep=False)


def rejected_key(nip: object) -> str:
    """A rejected row's NIP as compared, whatever the language it was listed in."""
    text = str(nip).strip()
    for mark in _UNREADABLE_MARKS:
        text = text.removesuffix(mark)
    return text


def rejected_fingerprint(rejected: pd.DataFrame) -> str:
    """sha256 of ``nip<TAB>code`` lines of the rejected rows, sorted: who was rejected and
    why, in a receipt of fixed size (a lenient read of a broken file rejects thousands)."""
    pairs = sorted(
        f"{rejected_key(nip)}\t{code}\n"
        for nip, code in zip(rejected["nip"].tolist(), rejected["code"].tolist(), strict=True)
    )
    return hashlib.sha256("".join(pairs).encode("utf-8")).hexdigest()


def _shown_nips(keys: list[Any], codes: list[str], lang: str) -> list[str]:
    """The NIP of each employee row validation rejected, as its key; a NIP cell that cannot
    be read (Excel kept 15 of its 18 digits) is the cell as the clerk sees it, marked
    unreadable: listed bare, it reads as another person's NIP."""
    mark = " (NIP tidak terbaca)" if lang == "id" else " (unreadable NIP)"
    return [
        f"{key}{mark}" if any(c in _UNREADABLE_NIP for c in code.split("; ")) else str(key)
        for key, code in zip(keys, codes, strict=True)
    ]


def _validation_identity(dataset: Dataset, rows: np.ndarray) -> dict[str, list[Any]]:
    """Position, unit and OPD of the employees validation rejected (``rows``: their input
    rows), where they can still be told: the position their row names was kept (validation
    recorded where each reference points, :meth:`Dataset._reference_rows`), and with it its
    unit and that unit's OPD. None elsewhere: a position that was unknown or itself rejected
    says nothing sure about the OPD, and a guess would count a rejection in the wrong OPD.
    (The name comes from the row itself, kept by validation: ``Dataset._rejected_names``.)
    """
    from tukin.calc.frame import opd_of_units

    pos = dataset._any_order("positions") if "positions" in dataset else None
    if pos is None or not len(rows) or "unit_id" not in pos:
        return {}
    at = dataset._reference_rows("employees", "position_id", pd.DataFrame(index=rows), pos)
    if at is None:  # not recorded (text not in Arrow): nothing sure to say
        return {}
    found = at >= 0
    position = np.full(len(rows), None, dtype=object)
    unit = np.full(len(rows), None, dtype=object)
    position[found] = pos["position_id"].to_numpy(dtype=object)[at[found]]
    unit[found] = pos["unit_id"].to_numpy(dtype=object)[at[found]]
    units = dataset._any_order("units")
    opd = opd_of_units(units)
    names = units.set_index("unit_id")["name"] if len(units) else pd.Series(dtype=object)
    opd_id = pd.Series(unit, dtype=object).map(opd)
    opd_name = opd_id.map(names)
    return {
        "position_id": position.tolist(),
        "unit_id": unit.tolist(),
        "opd_id": opd_id.astype(object).where(opd_id.notna(), None).tolist(),
        "opd_name": opd_name.astype(object).where(opd_name.notna(), None).tolist(),
    }


class _Positions(Mapping[str, int]):
    """NIP -> row of the employee frame, for the paid employees: ``{str(nip): row}``.

    Built lazily: a million-entry dict costs more than ``calculate`` itself, and most results
    are explained for a handful of employees. NIPs in text order (the employee frame is built
    so) are found by bisection, a few microseconds each; otherwise the first look-ups scan
    the NIP column (vectorised, ~10 ms at a million rows) and the dict is built when
    look-ups keep coming.
    """

    _SCANS = 8

    def __init__(self, nips: pd.Series, alive: np.ndarray, *, in_order: bool = False) -> None:
        self._alive = alive
        self._rows = np.flatnonzero(alive)
        # a scan compares the key with the values themselves: only valid for text without NA
        self._plain = pd.api.types.is_string_dtype(nips.dtype) and not nips.isna().any()
        self._nips = nips
        self._dict: dict[str, int] | None = None
        self._scans = 0
        self._last: tuple[str, int | None] | None = None
        self._sorted = self._plain and in_order
        if not self._plain:
            self._build()

    def _build(self) -> dict[str, int]:
        if self._dict is None:
            values = self._nips.to_numpy()
            self._dict = {str(values[i]): int(i) for i in self._rows}
        return self._dict

    def _find(self, key: object) -> int | None:
        if self._sorted and isinstance(key, str):
            values = self._nips.array
            at = bisect.bisect_left(values, key)  # text order: str comparison, as sorted
            if at < len(values) and values[at] == key and self._alive[at]:
                return at
            return None
        if self._dict is None and self._scans < self._SCANS and isinstance(key, str):
            if self._last is not None and self._last[0] == key:
                return self._last[1]
            self._scans += 1
            hit = np.flatnonzero(_equal(self._nips, key) & self._alive)
            found = int(hit[-1]) if len(hit) else None
            self._last = (key, found)
            return found
        return self._build().get(key)  # type: ignore[call-overload]

    def __getitem__(self, key: str) -> int:
        row = self._find(key)
        if row is None:
            raise KeyError(key)
        return row

    def __contains__(self, key: object) -> bool:
        return self._find(key) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._build())

    def __len__(self) -> int:
        return len(self._build())


def _equal(values: pd.Series, key: str) -> np.ndarray:
    """``values == key`` as a bool array (arrow's kernel for arrow text: ~1 ms a million)."""
    if getattr(values.dtype, "storage", None) == "pyarrow":
        import pyarrow as pa
        import pyarrow.compute as pc

        hit = pc.equal(pa.array(values.array), key)
        return np.asarray(hit.to_numpy(zero_copy_only=False), dtype=bool)
    return np.asarray(values.to_numpy() == key, dtype=bool)


def _digests(dataset: Dataset | None, out: pd.DataFrame, money_cols: list[str]) -> tuple[str, str]:
    """The receipt's two fingerprints: the input Dataset's (computed once per Dataset) and
    the result's. Both are mostly hashing and CSV writing in C, which release the GIL, so
    when the Dataset's is still to be computed the result's is written on a second thread
    meanwhile (on a million employees, half a second less to wait)."""
    if dataset is None or dataset.has_fingerprint or len(out) < PARALLEL_ROWS:
        data = dataset.fingerprint() if dataset is not None else ""
        return data, _fingerprint(out, money_cols)
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        result = pool.submit(in_this_context(_fingerprint), out, money_cols)
        data = dataset.fingerprint()
        return data, result.result()


def _fingerprint(frame: pd.DataFrame, money_cols: list[str]) -> str:
    """SHA-256 of ``frame[cols].to_csv(index=False, lineterminator="\n")`` in UTF-8, where
    cols are the NIP and the money columns: what an auditor recomputes from the CSV export."""
    cols = ["nip", *[c for c in dict.fromkeys(money_cols) if c in frame]]
    digest = hashlib.sha256()
    if _arrow_csv(frame, cols, digest):
        return digest.hexdigest()
    text = _plain_csv(frame, cols)
    if text is None:
        text = frame[cols].to_csv(index=False, lineterminator="\n")
    digest.update(text.encode())
    return digest.hexdigest()


class _Hashing:
    """A write-only file that hashes what is written to it: the CSV of a million rows
    (~100 MB, more while a buffer grows) is never held, at the peak of a calculation."""

    closed = False

    def __init__(self, digest: Any) -> None:
        self.digest, self.size = digest, 0

    def write(self, data: Any) -> int:
        self.digest.update(data)
        self.size += len(data)
        return len(data)

    def writable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return False

    def tell(self) -> int:
        return self.size

    def flush(self) -> None:
        pass

    def close(self) -> None:
        self.closed = True


def _arrow_csv(frame: pd.DataFrame, cols: list[str], digest: Any) -> bool:
    """:func:`_plain_csv` written by pyarrow's CSV writer (C++, ~6x faster at 1M rows) into
    ``digest`` when pyarrow is installed; the same bytes, since nothing in a plain frame needs
    quoting. False (nothing hashed) when it cannot."""
    try:
        import pyarrow as pa
        import pyarrow.csv as pa_csv
    except ImportError:  # pragma: no cover - pyarrow is optional
        return False
    if not _is_plain(frame, cols):
        return False
    table = pa.table(
        {
            "nip": pa.array(frame["nip"].to_numpy(dtype=object), type=pa.string())
            if frame["nip"].dtype == object
            else pa.Array.from_pandas(frame["nip"]),
            **{c: pa.array(frame[c].to_numpy(), type=pa.int64()) for c in cols[1:]},
        }
    )
    digest.update((",".join(cols) + "\n").encode())
    options = pa_csv.WriteOptions(include_header=False, quoting_style="none")
    if table.num_rows < PARALLEL_ROWS or (os.cpu_count() or 1) < 2:
        pa_csv.write_csv(table, _Hashing(digest), options)
        return True

    # writing the text is most of the work (hashing runs at ~1.5 GB/s): slices of rows are
    # written on two threads (C++ that releases the GIL) and hashed in order as they come;
    # the lines of a row do not depend on the others, so the bytes are the same, and at most
    # four slices (~5 MB each) are held at a time
    def written(start: int) -> Any:
        sink = pa.BufferOutputStream()
        pa_csv.write_csv(table.slice(start, _CSV_SLICE), sink, options)
        return sink.getvalue()

    from collections import deque
    from concurrent.futures import Future, ThreadPoolExecutor

    write = in_this_context(written)  # the helper threads speak the caller's language
    with ThreadPoolExecutor(2) as pool:
        ahead: deque[Future[Any]] = deque()
        for start in range(0, table.num_rows, _CSV_SLICE):
            ahead.append(pool.submit(write, start))
            if len(ahead) == 4:
                digest.update(ahead.popleft().result())
        while ahead:
            digest.update(ahead.popleft().result())
    return True


_CSV_SLICE = 1 << 16  # rows of the result CSV written per task


_SPECIAL = re.compile(r'[,"\r\n]')


def _is_plain(frame: pd.DataFrame, cols: list[str]) -> bool:
    """Nothing needs quoting: text NIPs without ``, " \\r \\n`` and not empty, int64
    amounts, plain column names."""
    if not len(frame) or any(_SPECIAL.search(c) or not c for c in cols):
        return False
    nip = frame["nip"]
    if not pd.api.types.is_string_dtype(nip.dtype) or nip.isna().any():
        return False
    # NIPs as they should be (one length of digits) need no look for an empty one or a quote
    if digits_as_int64(nip) is None and (
        (nip.str.len() == 0).any() or nip.str.contains(_SPECIAL.pattern, regex=True).any()
    ):
        return False
    return all(frame[c].dtype == np.int64 for c in cols[1:])


def _plain_csv(frame: pd.DataFrame, cols: list[str]) -> str | None:
    """``frame[cols].to_csv(index=False, lineterminator="\\n")``, twice as fast, when nothing
    needs quoting: text NIPs without ``, " \\r \\n`` and not empty, int64 amounts, plain
    column names. None otherwise (the caller then uses ``to_csv`` itself)."""
    if not _is_plain(frame, cols):
        return None
    nip = frame["nip"]
    columns = [nip.tolist(), *(frame[c].tolist() for c in cols[1:])]
    line = ",".join(["{}"] * len(cols)) + "\n"
    return ",".join(cols) + "\n" + "".join(line.format(*row) for row in zip(*columns, strict=True))


def exact_value(value: Any, row: int) -> Fraction | float | str | bool | None:
    """The value of a column at a row, exact when certified (Fraction), else a float."""
    if isinstance(value, FNum):
        q = value.exact_at(row)
        if q is not None:
            return q
        x = float(value.to_float_at(row)) if np.isfinite(value.v[row]) else None
        return x
    if isinstance(value, XNum):  # pragma: no cover
        return value.v[row]
    return python_scalar(np.asarray(value)[row])


def check_nothing_lost(
    n_frame: int, n_paid: int, rejected: pd.DataFrame, dataset: Dataset | None
) -> int:
    """Employees in, after checking that every one is paid or rejected exactly once.

    Three counts are made independently and must agree: the employee frame (one row per kept
    employee: a join that lost or doubled a row shows here), the paid and rejected rows of the
    result, and the Dataset's own count of employee rows given, kept and rejected by
    validation. Raises :class:`~tukin.errors.CalculationError` ``invariant_broken`` otherwise:
    a payment list that lost a person must never be filed.
    """
    validation = int((rejected["stage"] == "validation").sum())
    calculation = len(rejected) - validation
    n_in = n_frame + validation
    broken = []
    if n_frame != n_paid + calculation:
        broken.append(f"{n_frame} employees calculated, {n_paid} paid + {calculation} rejected")
    if dataset is not None:
        count = dataset.report.counts.get("employees")
        if count is not None and (count.kept, count.rejected) != (n_frame, validation):
            broken.append(
                f"the dataset kept {count.kept} and rejected {count.rejected} employees, the "
                f"calculation saw {n_frame} and listed {validation} rejected in validation"
            )
        if count is not None and count.given != n_in:
            broken.append(f"{count.given} employees given, {n_in} accounted for")
    if broken:
        raise CalculationError(code="invariant_broken", detail="; ".join(broken))
    return n_in


def run_time() -> dt.datetime:
    """The time a run is stamped with (UTC, whole seconds): now, or ``SOURCE_DATE_EPOCH``.

    ``computed_at`` is the only field of a receipt and of an export that depends on when the
    run happened. Setting ``SOURCE_DATE_EPOCH`` (seconds since 1970, the reproducible-builds
    convention) pins it, so re-running the same inputs gives byte-identical files.
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not epoch:
        return dt.datetime.now(dt.UTC).replace(microsecond=0)
    try:
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    except (ValueError, OverflowError, OSError):
        raise CalculationError(code="source_date_epoch", value=epoch) from None
