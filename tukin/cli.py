"""The ``tukin`` command: demo, calculate, explain, validate, plan, monitor, attendance, template,
schema, test, verify.

Exit codes: 0 success; 1 the run worked but found problems (rejected rows, failing golden
cases, a receipt that does not verify); 2 bad usage or unreadable input; 3 (verify only) no
difference found, but part of the result file could not be checked (the report says which);
141 the reader of the output went away (``tukin validate ... | head``), as a shell reports a
command stopped by SIGPIPE; nothing is printed about the pipe (the command's warnings are still
shown on stderr).
"""

from __future__ import annotations

import argparse
import contextlib
import contextvars
import errno
import importlib
import json
import sys
import threading
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from tukin._allocator import keep_freed_memory
from tukin._language import get_language, set_language
from tukin.cli_messages import ARGPARSE, EXAMPLES, HELP
from tukin.errors import Lang, RuleSetError, TukinError, render

DEMO_PERIOD = "2025-10"  # the month of the bundled demo data
DEMO_RULES = "tpp-60-40"


def _say(text: str = "") -> None:
    print(text)


def _lang(value: object) -> Lang:
    return "en" if value == "en" else "id"


def _error_word(lang: object) -> str:
    """What an error line starts with, in the language of its message: an Indonesian line
    opening with ``error`` beside ``peringatan`` mixed the two languages."""
    return "error" if lang == "en" else "kesalahan"


def _data(path: str | None, lang: str, strict: bool = False) -> Any:
    from tukin.dataset import Dataset

    if path is None:
        from tukin import demo

        return Dataset.from_frames(demo.generate(), lang=_lang(lang))
    from tukin import io

    return io.read_dataset(path, mode="strict" if strict else "lenient", lang=_lang(lang))


def _rules(name: str | None, params: Sequence[str] | None = None) -> Any:
    """The rule file or pack ``name`` with the ``--param NAME=VALUE`` values given
    (:meth:`~tukin.RuleSet.with_parameters`): what a pack asks its user to supply (a pagu),
    or a scenario (``--param absence_cap=50%``), without writing a rule file."""
    from tukin.ruleset.load import load_ruleset

    rules = load_ruleset(name or DEMO_RULES)
    if not params:
        return rules
    values, texts = _parameters(params)
    try:
        return rules.with_parameters(**values)
    except RuleSetError as exc:  # the value typed is wrong, not the pack's: say where it is
        raise RuleSetError([_typed_here(p, texts) for p in exc.problems]) from None


def _typed_here(problem: Any, texts: dict[str, str]) -> Any:
    """A problem of a value given with ``--param`` located there, not in the rule file."""
    import dataclasses

    from tukin.ruleset.model import GIVEN

    parts = (problem.key or "").split(".")
    if problem.file != GIVEN or len(parts) < 2 or parts[1] not in texts:
        return problem
    return dataclasses.replace(problem, file=f"--param {texts[parts[1]]}")


def _parameters(given: Sequence[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """``NAME=VALUE`` texts as (values, the text given per name): VALUE read as in a rule
    file (``60%`` a share, ``0.6`` the exact decimal, ``{1: 894961, 2: 1131487}`` a table);
    a name given twice is refused, not overwritten."""
    from tukin.errors import ArgumentError
    from tukin.ruleset.yamlsafe import load_text

    out: dict[str, Any] = {}
    texts: dict[str, str] = {}
    for text in given:
        name, eq, value = text.partition("=")
        name = name.strip()
        if not eq or not name:
            raise ArgumentError(code="param_not_name_value", value=text)
        if name in out:
            raise ArgumentError(code="param_given_twice", value=name)
        try:
            out[name] = load_text(value, f"--param {text}")[0] if value.strip() else None
        except RuleSetError:
            raise ArgumentError(code="param_not_yaml", value=text) from None
        texts[name] = text
    return out, texts


def _labelled(frame: Any, lang: str) -> Any:
    """``frame`` with the result workbook's column labels in ``lang`` (Nama OPD, Tunjangan)."""
    from tukin.io.export import LABELS

    i = 0 if lang == "id" else 1
    return frame.rename(columns={c: LABELS[c][i] for c in frame.columns if c in LABELS})


def _rejected_shown(frame: Any, lang: str) -> Any:
    """The rejected list as the result workbook shows it (the stage in Indonesian words)."""
    from tukin.io.export import _rejected_shown as shown

    return shown(frame, "id" if lang == "id" else "en")


#: Reasons listed one line each by ``tukin calculate``; the rest are counted in one line.
_GROUPS_SHOWN = 15
#: NIPs named per reason; the others are in the full list.
_NIPS_SHOWN = 3


def _rejected_summary(rejected: Any, ds: Any, lang: Lang) -> list[str]:
    """The rejected employees as HR reads them first: one line per reason, with how many and
    the first NIPs, most first. Employees rejected because they depend on a rejected row or
    a table refused as a whole (``rejected_upstream`` alone) are one line per root cause, the
    one thing to correct, not one per position or NIP named in their reasons; the others by
    their reason as given (the full list says it row by row)."""
    from tukin.result import _shown_nips

    groups: dict[tuple[str, ...], tuple[str, str, list[str]]] = {}

    def add(key: tuple[str, ...], reason: str, code: str, nip: str) -> None:
        groups.setdefault(key, (reason, code, []))[2].append(nip)

    computed = rejected[rejected["stage"] != "validation"]
    for nip, step, code, reason in computed[["nip", "step", "code", "reason"]].itertuples(
        index=False
    ):
        add(("calculation", str(step), str(code), str(reason)), str(reason), str(code), str(nip))
    emp = ds.rejected
    emp = emp[emp["table"] == "employees"]
    if len(emp):
        causes = ds._rejected_causes("employees")
        codes = [str(c) for c in emp["code"].tolist()]
        nips = _shown_nips(emp["key"].tolist(), codes, lang)
        said: dict[int, str] = {}
        for row, code, message, nip in zip(
            emp["row"].tolist(), codes, emp["message"].tolist(), nips, strict=True
        ):
            cause = causes.get(row) if code == "rejected_upstream" else None
            if cause is None:
                add(("validation", code, str(message)), str(message), code, nip)
                continue
            if id(cause) not in said:
                said[id(cause)] = render(
                    "rejected_cause_group",
                    lang,
                    where=cause.where(lang),
                    cause=cause.message(lang),
                )
            add(("cause", str(id(cause))), said[id(cause)], code, nip)
    ordered = sorted(groups.values(), key=lambda g: -len(g[2]))  # stable: first seen first
    lines = [
        render(
            "rejected_group",
            lang,
            n=len(nips),
            reason=reason,
            code=code,
            nips=", ".join(sorted(nips)[:_NIPS_SHOWN]) + (", …" if len(nips) > _NIPS_SHOWN else ""),
        )
        for reason, code, nips in ordered[:_GROUPS_SHOWN]
    ]
    rest = ordered[_GROUPS_SHOWN:]
    if rest:
        lines.append(
            render("rejected_more_groups", lang, n=len(rest), m=sum(len(g[2]) for g in rest))
        )
    return lines


def _rejected_file(out: str, lang: str) -> str:
    """Where ``--out`` put the rejected list: a workbook's sheet, a CSV's file beside it."""
    from tukin.io.export import LABELS

    path = Path(out)
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return f"{out} (sheet {LABELS['rejected'][0 if lang == 'id' else 1]})"
    if suffix == ".csv":
        return str(path.with_name(path.stem + ".rejected.csv"))
    return out


def _table(frame: Any, max_rows: int = 60) -> str:
    """``frame`` as text for the terminal; an empty cell blank, not ``None`` or ``NaN``."""
    import pandas as pd

    with pd.option_context(
        "display.max_rows", max_rows, "display.width", 160, "display.max_columns", 20
    ):
        text = frame.select_dtypes(include=["object", "string"]).columns
        shown = frame.assign(**{c: frame[c].where(frame[c].notna(), "") for c in text})
        return str(shown.to_string(index=False, na_rep=""))


def _whole(text: object) -> object:
    """A whole number typed on the command line as an int; any other text as it is (refused
    by the command with a message in its language, not by argparse's usage text)."""
    if isinstance(text, str):
        try:
            return int(text.strip())
        except ValueError:
            return text
    return text


def cmd_demo(a: argparse.Namespace) -> int:
    from tukin import demo
    from tukin.calc.engine import calculate
    from tukin.dataset import Dataset
    from tukin.demo.generate import check_arguments

    # checked here, to name the options as typed: "--size must be at least 4, not 0"
    given = {
        "n_employees": _whole(a.size),
        "seed": _whole(a.seed),
        "promotions": _whole(a.promotions),
    }
    names = {"n_employees": "--size", "seed": "--seed", "promotions": "--promotions"}
    sizes = check_arguments(given, call="tukin demo", names=names)
    frames = demo.generate(sizes["n_employees"], seed=sizes["seed"], promotions=sizes["promotions"])
    ds = Dataset.from_frames(frames, lang=_lang(a.lang))
    if a.data_out:
        from tukin import io

        io.write_frames(frames, a.data_out, lang=_lang(a.lang))
        _say(("Data contoh" if a.lang == "id" else "Demo data") + f" → {a.data_out}")
    rs = _rules(a.rules, a.param)
    res = calculate(ds, rs, a.period)
    id_ = a.lang == "id"
    _say(
        ("Kabupaten Contoh (data sintetis)" if id_ else "Demo regency (synthetic data)")
        + f", {a.period}"
    )
    _say(f"{rs.title or rs.name} v{rs.version}")
    _say(_table(_labelled(res.totals(), a.lang)))
    r = res.receipt
    _say(
        ("Dibayar" if id_ else "Paid")
        + f": {r.employees_paid}, "
        + ("ditolak" if id_ else "rejected")
        + f": {r.employees_rejected}, total Rp{r.total_allowance:,}".replace(",", ".")
    )
    if a.out:
        from tukin import io

        io.write_result(res, a.out, lang=_lang(a.lang))
        _say(f"→ {a.out}")
    frame = res.to_frame()
    if len(frame):
        pick = frame.sort_values(["grade", "nip"]).iloc[len(frame) // 2]["nip"]
        moved = _moved_in(frames["position_history"], a.period)
        if sizes["promotions"] and moved:  # show what was asked for: one with two positions
            pick = moved[0]
        _say()
        _say(str(res.explain(str(pick), lang=a.lang)))
    return 0


def _moved_in(history: Any, period: str) -> list[str]:
    """The NIPs (sorted) whose earlier position ends within ``period`` (a change of position
    in it, so the explanation shows both positions)."""
    import pandas as pd

    from tukin.period import Period

    if history is None or history.empty:
        return []
    span = Period.parse(period)
    end = pd.to_datetime(history["end_date"])
    inside = (end >= pd.Timestamp(span.start)) & (end < pd.Timestamp(span.end))
    return sorted(history.loc[inside.to_numpy(), "nip"].astype(str))


def cmd_calculate(a: argparse.Namespace) -> int:
    from tukin.calc.engine import calculate

    ds, notes = _data_noted(a.data, a.lang, a.strict)
    with _noted_unless_calculated(notes):
        res = calculate(ds, _rules(a.rules, a.param), a.period)
    if a.out:
        from tukin import io

        # the reading warnings that may have changed pay are the Dataset's, filed by it
        io.write_result(res, a.out, lang=a.lang, explain_nips=a.explain or ())
        _say(f"→ {a.out}")
    if not res.receipt.employees_in:  # an empty table says nothing to a clerk: this does
        _say(render("no_employees", _lang(a.lang)))
        return 1
    _say(_table(_labelled(res.totals(), a.lang)))
    rejected = res.rejected_in(_lang(a.lang))
    if len(rejected):
        _say(f"{len(rejected)} " + ("ditolak:" if a.lang == "id" else "rejected:"))
        for line in _rejected_summary(rejected, ds, _lang(a.lang)):
            _say(f"  - {line}")
        if a.all:
            _say(_table(_labelled(_rejected_shown(rejected, a.lang), a.lang)))
        elif a.out:
            _say(render("rejected_full_list", _lang(a.lang), value=_rejected_file(a.out, a.lang)))
        else:
            _say(render("rejected_full_list_options", _lang(a.lang)))
    if a.explain and not a.out:  # no file to add them to: shown here (they were dropped)
        for nip in a.explain:
            _say(str(res.explain(nip, lang=a.lang)))
    # rows of the input thrown out (an SKP row whose NIP is unreadable) are problems too,
    # even when no employee is listed for them
    return 1 if len(res.rejected) or not ds.report.ok else 0


def _data_noted(
    path: str | None, lang: str, strict: bool = False
) -> tuple[Any, list[warnings.WarningMessage]]:
    """The Dataset of ``path``, its warnings of reading shown at the end like every other
    (the Dataset keeps them, and the output file has those that may have changed pay), but
    its notes on extra columns: returned, for :func:`_noted_unless_calculated`."""
    with warnings.catch_warnings(record=True) as read:
        warnings.simplefilter("always")
        ds = _data(path, lang, strict)
    notes = [w for w in read if getattr(w.message, "code", None) == "extra_columns"]
    for w in read:
        if w not in notes:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
    return ds, notes


@contextlib.contextmanager
def _noted_unless_calculated(notes: list[warnings.WarningMessage]) -> Iterator[None]:
    """The reader's notes on extra columns, shown only when the calculation in the block
    fails: one that runs names the extra columns its rules did not read
    (``extra_columns_unread``), and a column a rule read is no column to look at."""
    try:
        yield
    except BaseException:
        for w in notes:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        raise


def cmd_explain(a: argparse.Namespace) -> int:
    from tukin.calc.engine import calculate

    ds, notes = _data_noted(a.data, a.lang)
    with _noted_unless_calculated(notes):
        res = calculate(ds, _rules(a.rules, a.param), a.period)
    exp = res.explain(a.nip, lang=a.lang)
    _say(exp.to_json() if a.json else str(exp))
    return 0


def cmd_validate(a: argparse.Namespace) -> int:
    ds = _data(a.data, a.lang)
    rep = ds.report
    unset: list[str] = []
    if a.rules:  # what the rules read that the data lacks stops (or skews) calculate: say it now
        from tukin.calc.needs import unmet_needs, unset_parameters
        from tukin.period import Period
        from tukin.validation import ValidationReport

        rules, period = _rules(a.rules, a.param), Period.parse(a.period)
        for exc in unset_parameters(rules, period):  # a value the user must supply
            unset.append(f"{_error_word(a.lang)} [{exc.code}]: {exc.message(a.lang)}")
        needs = unmet_needs(ds, rules, period)
        if needs:
            rep = ValidationReport([*rep.problems, *needs], counts=rep.counts, lang=rep.lang)
    for line in unset:
        _say(line)
    if rep.ok and not unset:
        _say("Data valid." if a.lang == "en" else "Data valid, tidak ada masalah.")
        for note in rep.notes:  # they change no payment: said, not counted against the data
            _say(
                f"{'catatan' if a.lang == 'id' else 'note'}: {note.where(a.lang)}: "
                f"{note.message(a.lang)}"
            )
        _say(_table(ds.summary().reset_index()))
        return 0
    if a.out:  # every problem, one row each, for a person to work through in a sheet
        from tukin.io.safe import neutralise_frame

        out = Path(a.out)
        # the offending values are the input's text: a cell like =HYPERLINK(...) is shown,
        # never run, as in every sheet tukin writes for people
        frame = neutralise_frame(_problem_sheet(rep.to_frame(a.lang), a.lang))
        if out.suffix.lower() == ".xlsx":
            sheet = "Masalah" if a.lang == "id" else "Problems"
            frame.to_excel(out, index=False, sheet_name=sheet)
        else:
            frame.to_csv(out, index=False)
        _say(f"→ {out}")
    if a.all:
        _say(rep.describe(a.lang, limit=None, grouped=False))
    else:
        _say(rep.describe(a.lang))
    return 1


#: The problem list a person works through: where, what, the cell, then the codes; the
#: report's 0-based ``row`` is left out (the location gives the sheet's own row number).
_PROBLEM_COLUMNS = {
    "location": ("Lokasi", "Location"),
    "message": ("Masalah", "Problem"),
    "value": ("Isi sel", "Value"),
    "code": ("Kode", "Code"),
    "table": ("Tabel", "Table"),
    "key": ("Kunci baris", "Row key"),
    # a consequence's root cause (a rejected row, a refused table): sorting by it groups
    # the rows one correction brings back
    "cause": ("Penyebab", "Caused by"),
}


def _problem_sheet(frame: Any, lang: str) -> Any:
    names = {c: pair[0 if lang == "id" else 1] for c, pair in _PROBLEM_COLUMNS.items()}
    return frame[list(_PROBLEM_COLUMNS)].rename(columns=names)


def cmd_plan(a: argparse.Namespace) -> int:
    """A year's cost against the pagu: the budget office's question, without Python."""
    from tukin._plan_inputs import check_pagu_opd
    from tukin.io.export import plan_summary, write_projection
    from tukin.planning import project_year

    pagu = None if a.pagu is None else _rupiah_option("--pagu", a.pagu)
    table = _pagu_opd_table(a.pagu_opd, a.lang) if a.pagu_opd else None
    ds = _data(a.data, a.lang)
    per_opd = None if table is None else check_pagu_opd("tukin plan --pagu-opd", table, ds)
    extra = [_extra_option(k, v) for k, v in (("thr", a.thr), ("gaji13", a.gaji13)) if v]
    projection = project_year(
        ds,
        _rules(a.rules, a.param),
        a.year,
        pagu=pagu,
        pagu_opd=per_opd,
        cost=a.cost,
        extra=extra,
    )
    for label, value in plan_summary(projection, a.lang):
        _say(f"{label}: {'-' if value is None else _shown_rupiah(value, label)}")
    months = projection.monthly[["month", "employees_paid", "employees_left_out", "cost"]]
    if projection.monthly["ceiling_cut"].any():
        months = projection.monthly[[*months.columns, "ceiling_cut"]]
    paid_extra = [k for k in ("thr", "gaji13") if k in projection.monthly]
    if paid_extra:  # the THR and gaji ke-13 TPP, in the month each is paid
        months = projection.monthly[[*months.columns, *paid_extra]]
    _say(_table(_labelled(_dotted(months), a.lang)))
    if per_opd is not None:
        opds = projection.by_opd[["opd_id", "opd_name", "cost", "pagu", "headroom"]]
        _say(_table(_labelled(_dotted(opds), a.lang)))
    if a.out:
        write_projection(projection, a.out, lang=a.lang)
        _say(f"→ {a.out}")
    # the run worked; it "found problems" when the plan does not fit or leaves people out
    return 0 if projection.fits is not False and projection.complete else 1


def _shown_rupiah(value: object, label: str) -> object:
    """An amount of a summary line in the clerk's spelling (1.234.567), anything else as is."""
    money = isinstance(value, int) and "(Rp)" in label
    return f"{value:,}".replace(",", ".") if money else value


def _dotted(frame: Any) -> Any:
    """The rupiah columns of a plan table as text with thousands dots, as the summary shows
    them (a missing pagu as '-')."""
    money = ("cost", "ceiling_cut", "pagu", "headroom", "thr", "gaji13")

    def dots(v: object) -> str:
        return "-" if v is None or v is _NA else f"{int(v):,}".replace(",", ".")  # type: ignore[call-overload]

    from pandas import NA as _NA

    return frame.assign(**{c: frame[c].map(dots) for c in money if c in frame})


def _extra_option(kind: str, text: str) -> Any:
    """``--thr`` / ``--gaji13`` ``SHARE:BASE[:PAID]`` (``100%:2:3``: all of February's TPP,
    paid in March) as an :class:`~tukin.planning.ExtraPayment`; the share as a percentage or
    an exact number (``50%``, ``12,5%``, ``1/2``), the months 1-12 (checked by the call)."""
    from tukin.errors import ArgumentError
    from tukin.planning import ExtraPayment

    option = "--gaji13" if kind == "gaji13" else "--thr"
    parts = [p.strip() for p in text.split(":")]
    if len(parts) not in (2, 3) or not all(parts) or not all(p.isdigit() for p in parts[1:]):
        raise ArgumentError(code="option_extra_payment", argument=option, value=text)
    if not all(1 <= int(p) <= 12 for p in parts[1:]):  # a month of the year, said here
        raise ArgumentError(code="option_extra_payment", argument=option, value=text)
    from tukin.ruleset.types import to_exact

    try:  # the share said wrong is said with the option, not as project_year()'s argument
        share = to_exact(parts[0].replace(",", "."))
    except (ValueError, TypeError, ArithmeticError):
        share = None
    if share is None or not 0 <= share <= 1:
        raise ArgumentError(code="option_extra_payment", argument=option, value=text)
    paid = int(parts[2]) if len(parts) == 3 else None
    return ExtraPayment(kind, share, int(parts[1]), paid)


def _rupiah_option(option: str, text: str) -> int:
    """An amount typed on the command line (2.760.000.000, 2760000000, Rp 2.760.000.000) as
    whole rupiah; anything else refused with the option named."""
    from tukin.errors import ArgumentError
    from tukin.io._cells import to_number

    amount = to_number(text, False, False)
    if not isinstance(amount, int) or isinstance(amount, bool):
        raise ArgumentError(code="option_not_rupiah", value=text, argument=option)
    if amount < 0:
        given = text.strip()  # as typed: the clerk's own separators, in either language
        raise ArgumentError(
            code="pagu_negative", call="tukin plan", argument=option, value_en=given, value_id=given
        )
    return amount


def _pagu_opd_table(given: Sequence[str], lang: str) -> dict[str, int]:
    """``--pagu-opd`` values: ``OPD=RUPIAH`` pairs, or a CSV / Excel file whose first two
    columns are the OPD and its pagu (one header row), as {opd: rupiah}. A CSV file is read as
    the data's CSV files are (``,`` ``;`` or tab; UTF-8, UTF-16 or Windows-1252); a file that
    cannot be read is an error naming it. An OPD named twice, in a pair or a file, is refused."""
    from tukin.errors import ArgumentError, InputFileError

    table: dict[str, int] = {}

    def put(opd: object, amount: object, where: str) -> None:
        key = str(opd).strip()
        if key in table:
            raise ArgumentError(code="pagu_opd_twice", call="tukin plan --pagu-opd", value=key)
        table[key] = _rupiah_option(f"--pagu-opd {where}", str(amount))

    for text in given:
        opd, eq, amount = text.partition("=")
        if eq:
            put(opd, amount, text)
            continue
        path = Path(text)
        if path.suffix.lower() in (".xlsx", ".xlsm"):
            import zipfile

            import pandas as pd

            try:
                frame = pd.read_excel(path, dtype=object)
            except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
                raise InputFileError(
                    code="unreadable_file", value=path.name, kind="Excel", detail=str(exc)
                ) from None
            rows = [
                (i + 2, [opd, amount])
                for i, (opd, amount) in enumerate(zip(*_two_columns(frame, text), strict=True))
            ]
        else:
            from tukin.io.csv_read import read_csv_records

            records = read_csv_records(path, "en" if lang == "en" else "id")
            if records and len(records[0][1]) < 2:
                raise ArgumentError(code="pagu_opd_file", value=text)
            rows = [(n, r[:2] + [""] * (2 - len(r))) for n, r in records[1:]]
        before = len(table)
        for line, (opd, amount) in rows:
            if str(opd).strip() in ("", "nan", "None"):
                continue  # a blank line of the sheet
            put(opd, amount, f"{path.name}:{line}")
        if len(table) == before:  # a file of no OPD: the plan would say no OPD is over
            raise ArgumentError(code="pagu_opd_file_empty", value=text)
    return table


def _two_columns(frame: Any, given: str) -> tuple[Any, Any]:
    if frame.shape[1] < 2:
        from tukin.errors import ArgumentError

        raise ArgumentError(code="pagu_opd_file", value=given)
    return frame.iloc[:, 0], frame.iloc[:, 1]


def cmd_monitor(a: argparse.Namespace) -> int:
    from tukin import monitoring

    ds = _data(a.data, a.lang)
    options, source = None, None
    cumulative = not a.period_only
    if not cumulative:
        options = monitoring.MonitoringOptions(cumulative=False)
    if a.rules:  # the roll-up policy the allowance pays on, so the report shows its scores
        rules = _rules(a.rules, a.param)
        policy, step = monitoring.rollup_policy_of(rules, a.period, a.rollup_step)
        options = monitoring.MonitoringOptions(
            min_status=policy.min_status, rollup=policy, cumulative=cumulative
        )
        source = f"{rules.name}, step {step}"
        _say(("kebijakan roll-up: " if a.lang == "id" else "roll-up policy: ") + source)
    paths = monitoring.cli_monitor(
        ds, a.period, a.level, Path(a.out), a.lang, options, policy_source=source
    )
    for p in paths:
        _say(f"→ {p}")
    if ds.report.ok:
        return 0
    # rows validation threw out are left out of the figures (the report counts them in
    # rejected_rows): say which and why, and exit 1 as a run that found problems does
    # (review 128: it said nothing and exited 0)
    _say(ds.report.describe(a.lang))
    return 1


def cmd_attendance(a: argparse.Namespace) -> int:
    """A month's attendance counts from a daily log: what HR offices did by hand in Excel."""
    from tukin.daylog import tally_log
    from tukin.daylog.tally import run_columns
    from tukin.daylog.write import write_tally

    lang = _lang(a.lang)
    employees = _data(a.data, a.lang) if a.data else None
    tally = tally_log(
        a.log,
        a.schedule,
        a.period,
        employees=employees,
        holidays=a.holiday or (),
        mode="strict" if a.strict else "lenient",
        lang=lang,
        shape=None if a.shape == "auto" else a.shape,
        ids=a.ids,
        statuses=a.statuses,
        roster=a.roster,
        runs=a.runs or (),
        spells=a.spells or (),
        spells_before=a.spells_before,
    )
    used = int(tally.days["row"].notna().sum()) - int(
        (tally.days["outcome"] == "row_rejected").sum()
    )
    _say(
        render(
            "log_tally_summary",
            lang,
            period=tally.period,
            schedule=tally.schedule,
            n=len(tally.attendance),
            used=used,
            rejected=len(tally.rejected),
        )
    )
    # the run columns are lengths, not counts of days: a sum of them says nothing
    runs = list(dict.fromkeys(name for code in a.runs or () for name in run_columns(code)))
    # a spell going on at the month's end is a length too
    runs += [c for c in tally.attendance.columns if c.endswith("_terbawa") and c not in runs]
    totals = tally.attendance.drop(columns=["nip", "period", *runs]).sum()
    _say("  " + ", ".join(f"{code} {int(n)}" for code, n in totals.items()))
    if len(tally.rejected):
        for code, group in tally.rejected.groupby("code", sort=False):
            first = group.iloc[0]
            _say(f"  - {len(group)} × [{code}] {first['location']}: {first['message']}")
    if len(tally.withheld):
        _say(render("log_withheld_summary", lang, n=len(tally.withheld)))
        no_rows = tally.withheld.loc[tally.withheld["code"] == "log_employee_no_rows", "nip"]
        if len(no_rows):
            shown = ", ".join(no_rows.iloc[:3].tolist()) + (" …" if len(no_rows) > 3 else "")
            _say(
                "  "
                + render(
                    "log_no_rows_summary", lang, n=len(no_rows), period=tally.period, nips=shown
                )
            )
    if tally.without_log:
        _say(
            render(
                "log_without_rows",
                lang,
                n=len(tally.without_log),
                nips=", ".join(tally.without_log[:3]),
            )
        )
    if tally.ignored_columns:
        _say(render("log_ignored_columns", lang, value=", ".join(tally.ignored_columns)))
    if tally.skipped_rows:
        _say(render("log_footer_rows", lang, value="; ".join(tally.skipped_rows)))
    if tally.shape == "punch" and a.statuses is None:
        _say(render("log_punch_no_statuses", lang))
    if a.out:
        for path in write_tally(tally, a.out, lang):
            _say(f"→ {path}")
    return 0 if tally.ok and not len(tally.withheld) else 1


def cmd_template(a: argparse.Namespace) -> int:
    from tukin import io

    io.write_template(a.path, lang=a.lang)
    _say(f"→ {a.path}")
    return 0


def cmd_schema(a: argparse.Namespace) -> int:
    from tukin import schema

    docs = schema.json_schemas()
    if a.out:
        out = Path(a.out)
        out.mkdir(parents=True, exist_ok=True)
        for name, doc in docs.items():
            text = json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
            (out / f"{name}.schema.json").write_text(text, encoding="utf-8")
            _say(f"→ {out / (name + '.schema.json')}")
    else:
        _say(json.dumps(docs, indent=2, ensure_ascii=False, sort_keys=True))
    return 0


def cmd_test(a: argparse.Namespace) -> int:
    golden = importlib.import_module("tukin.golden")  # optional module, imported on use

    return golden.run_cli(a.files, lang=a.lang)


def cmd_verify(a: argparse.Namespace) -> int:
    verify = importlib.import_module("tukin.verify")

    # no --rules: the receipt's own (the packaged pack version it names), not the demo's;
    # the data as a path: read with the options the receipt records (its NIP check)
    rules = _rules(a.rules) if a.rules else None
    report = verify.verify_receipt(Path(a.receipt), Path(a.data), rules, lang=_lang(a.lang))
    _say(str(report))
    if report.ok:
        return 0
    return 3 if not (report.differences or report.employees or report.file) else 1


def _said(key: str, lang: Lang, **fields: object) -> str:
    """The help text ``key`` of :data:`tukin.cli_messages.HELP` in ``lang``."""
    text = HELP[key][0 if lang == "en" else 1]
    return text.format(**fields) if fields else text


#: The language argparse's own words are said in, in this thread or task (None: argparse's).
_ARGPARSE_LANG: contextvars.ContextVar[Lang | None] = contextvars.ContextVar(
    "tukin_argparse_language", default=None
)
_ARGPARSE_LOCK = threading.Lock()
#: argparse's own ``_`` and ``ngettext``, which tukin's look-up stands in for while a block of
#: any thread uses it (kept after: a thread that looked the look-up up just before the last
#: block ended still calls it), and how many blocks use it: the last to leave puts them back.
_argparse_own: tuple[Any, Any] = (argparse._, argparse.ngettext)  # type: ignore[attr-defined]
_argparse_users = 0


def _argparse_gettext(text: str) -> str:
    if _ARGPARSE_LANG.get() == "id":
        return ARGPARSE.get(text, text)
    return str(_argparse_own[0](text))


def _argparse_ngettext(singular: str, plural: str, n: int) -> str:
    if _ARGPARSE_LANG.get() == "id":
        return _argparse_gettext(singular if n == 1 else plural)
    return str(_argparse_own[1](singular, plural, n))


@contextlib.contextmanager
def _argparse_speaking(lang: Lang) -> Iterator[None]:
    """argparse's own words (``usage:``, ``options:``, its argument errors) in ``lang``
    inside the block, through argparse's gettext hook: the module's ``_`` and ``ngettext``
    are looked up at each use, so they are swapped for a look-up of
    :data:`~tukin.cli_messages.ARGPARSE` while a block of any thread needs it. The language
    is the block's thread's (or task's) own: another thread's parser meanwhile speaks its
    own, argparse's English; blocks nest and may end in any order, and the last to end puts
    argparse's own words back (restoring what each block found would leave the first
    block's look-up in place for good when two threads' blocks end out of order)."""
    global _argparse_own, _argparse_users
    if lang == "en" and _ARGPARSE_LANG.get() is None:
        yield  # argparse's own words: nothing to swap
        return
    with _ARGPARSE_LOCK:
        if _argparse_users == 0:
            _argparse_own = (argparse._, argparse.ngettext)  # type: ignore[attr-defined]
            argparse._, argparse.ngettext = _argparse_gettext, _argparse_ngettext  # type: ignore[attr-defined]
        _argparse_users += 1
    token = _ARGPARSE_LANG.set(lang)
    try:
        yield
    finally:
        _ARGPARSE_LANG.reset(token)
        with _ARGPARSE_LOCK:
            _argparse_users -= 1
            if _argparse_users == 0:
                argparse._, argparse.ngettext = _argparse_own  # type: ignore[attr-defined]


class _Parser(argparse.ArgumentParser):
    """An ArgumentParser whose help, usage and errors are in :attr:`lang`, argparse's own
    words included; its subcommands' parsers are of the same class, so speak it too."""

    lang: Lang = "en"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with _argparse_speaking(self.lang):  # the -h option's help and the group titles
            super().__init__(*args, **kwargs)

    def add_subparsers(self, *args: Any, **kwargs: Any) -> Any:
        with _argparse_speaking(self.lang):
            return super().add_subparsers(*args, **kwargs)

    def parse_known_args(self, *args: Any, **kwargs: Any) -> Any:
        with _argparse_speaking(self.lang):
            return super().parse_known_args(*args, **kwargs)

    def parse_args(self, *args: Any, **kwargs: Any) -> Any:
        with _argparse_speaking(self.lang):  # "unrecognized arguments" is said here
            return super().parse_args(*args, **kwargs)

    def format_usage(self) -> str:
        with _argparse_speaking(self.lang):
            return super().format_usage()

    def format_help(self) -> str:
        with _argparse_speaking(self.lang):
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with _argparse_speaking(self.lang):
            super().error(message)


class _IndonesianParser(_Parser):
    lang: Lang = "id"


def _lang_on_line(argv: Sequence[str]) -> Lang | None:
    """The language a command line asks for with ``--lang`` wherever it stands (before or
    after the command, before or after ``--help``), the last one as argparse reads it; also
    ``--lang=en`` and the abbreviations ``--la`` / ``--lan`` argparse accepts (no other option
    starts so). None when it names none, or a language tukin does not speak (argparse then
    refuses it, in the language of the environment)."""
    found: Lang | None = None
    for i, token in enumerate(argv):
        if token == "--":
            break
        name, eq, value = token.partition("=")
        if len(name) < 4 or not "--lang".startswith(name):
            continue
        if not eq:
            value = argv[i + 1] if i + 1 < len(argv) else ""
        if value.strip().lower() in ("id", "en"):
            found = _lang(value.strip().lower())
    return found


def _whole_number(lang: Lang) -> Any:
    """``int`` under the name argparse's refusal shows: ``'x' bukan nilai bilangan bulat
    yang sah``, not ``... nilai int ...``, a word of Python's."""

    def whole(text: str) -> int:
        return int(text)

    whole.__name__ = _said("type_int", lang)
    return whole


def build_parser(lang: str | None = None) -> argparse.ArgumentParser:
    """The parser of the ``tukin`` command, its help in ``lang`` (default: the language in
    force, :func:`tukin.get_language`)."""
    lang_ = _lang(lang or get_language())

    def say(key: str, **fields: object) -> str:
        return _said(key, lang_, **fields)

    def language(sp: argparse.ArgumentParser) -> None:
        # not set unless typed (SUPPRESS): a subcommand's default would overwrite the value
        # given before the command (tukin --lang en demo)
        sp.add_argument("--lang", choices=("id", "en"), default=argparse.SUPPRESS, help=say("lang"))

    parser_class = _IndonesianParser if lang_ == "id" else _Parser
    raw = argparse.RawDescriptionHelpFormatter
    examples = EXAMPLES[0 if lang_ == "en" else 1]
    p = parser_class(
        prog="tukin", description=say("description"), epilog=examples, formatter_class=raw
    )
    p.add_argument("--version", action="version", version=_version(), help=say("version"))
    language(p)
    sub = p.add_subparsers(
        dest="command", required=True, title=say("commands"), metavar=say("metavar_command")
    )

    def param(sp: argparse.ArgumentParser) -> None:
        sp.add_argument(
            "--param",
            action="append",
            default=[],
            metavar=say("metavar_param"),
            help=say("param"),
        )

    def rules(sp: argparse.ArgumentParser, help_: str) -> None:
        sp.add_argument("--rules", metavar=say("metavar_rules"), help=help_)

    def common(
        sp: argparse.ArgumentParser,
        *,
        data: bool = True,
        rules_: bool = False,
        period: bool = False,
    ) -> None:
        language(sp)
        if data:
            sp.add_argument("--data", help=say("data"))
        if rules_:
            rules(sp, say("rules", rules=DEMO_RULES))
            param(sp)
        if period:
            sp.add_argument(
                "--period", default=None, metavar=say("metavar_period"), help=say("period")
            )

    def command(name: str, **kwargs: Any) -> argparse.ArgumentParser:
        return sub.add_parser(name, help=say(name), **kwargs)

    d = command("demo", epilog=examples, formatter_class=raw)
    common(d, data=False, rules_=True, period=True)
    # --size and --seed are read as text: cmd_demo refuses what is no count in one line
    d.add_argument("--size", default=600, metavar=say("metavar_size"), help=say("demo_size"))
    d.add_argument("--seed", default=2025, metavar=say("metavar_seed"), help=say("demo_seed"))
    d.add_argument(
        "--promotions", default=0, metavar=say("metavar_percent"), help=say("demo_promotions")
    )
    d.add_argument("--data-out", metavar=say("metavar_data_out"), help=say("demo_data_out"))
    d.add_argument("--out", metavar=say("metavar_out"), help=say("demo_out"))
    d.set_defaults(func=cmd_demo)

    c = command("calculate")
    common(c, rules_=True, period=True)
    c.add_argument("--out", metavar=say("metavar_out"), help=say("calculate_out"))
    c.add_argument("--explain", action="append", metavar="NIP", help=say("calculate_explain"))
    c.add_argument("--strict", action="store_true", help=say("calculate_strict"))
    c.add_argument("--all", action="store_true", help=say("calculate_all"))
    c.set_defaults(func=cmd_calculate)

    e = command("explain")
    common(e, rules_=True, period=True)
    e.add_argument("--nip", required=True, metavar="NIP", help=say("explain_nip"))
    e.add_argument("--json", action="store_true", help=say("explain_json"))
    e.set_defaults(func=cmd_explain)

    v = command("validate")
    common(v)
    rules(v, say("validate_rules"))
    param(v)
    v.add_argument(
        "--period", default=None, metavar=say("metavar_period"), help=say("validate_period")
    )
    v.add_argument("--all", action="store_true", help=say("validate_all"))
    v.add_argument("--out", default=None, metavar=say("metavar_out"), help=say("validate_out"))
    v.set_defaults(func=cmd_validate)

    m = command("monitor")
    common(m, period=True)
    m.add_argument(
        "--level",
        default="opd",
        choices=("regency", "opd", "program", "kegiatan", "sub_kegiatan", "all"),
        help=say("monitor_level"),
    )
    m.add_argument("--period-only", action="store_true", help=say("monitor_period_only"))
    m.add_argument(
        "--out", default="monitoring", metavar=say("metavar_out_folder"), help=say("monitor_out")
    )
    rules(m, say("monitor_rules"))
    param(m)
    m.add_argument(
        "--rollup-step",
        default=None,
        metavar=say("metavar_rollup_step"),
        help=say("monitor_rollup_step"),
    )
    m.set_defaults(func=cmd_monitor)

    pl = command("plan")
    common(pl, rules_=True)
    pl.add_argument(
        "--year",
        type=_whole_number(lang_),
        required=True,
        metavar=say("metavar_year"),
        help=say("plan_year"),
    )
    pl.add_argument("--pagu", metavar="PAGU", help=say("plan_pagu"))
    pl.add_argument(
        "--pagu-opd", action="append", metavar=say("metavar_pagu_opd"), help=say("plan_pagu_opd")
    )
    pl.add_argument(
        "--cost",
        choices=("allowance", "allowance_and_employer"),
        default="allowance",
        help=say("plan_cost"),
    )
    pl.add_argument("--thr", metavar=say("metavar_extra"), help=say("plan_thr"))
    pl.add_argument("--gaji13", metavar=say("metavar_extra"), help=say("plan_gaji13"))
    pl.add_argument("--out", metavar=say("metavar_out"), help=say("plan_out"))
    pl.set_defaults(func=cmd_plan)

    at = command("attendance")
    language(at)
    at.add_argument("log", metavar=say("metavar_log"), help=say("attendance_log"))
    at.add_argument(
        "--schedule",
        required=True,
        metavar=say("metavar_schedule"),
        help=say("attendance_schedule"),
    )
    at.add_argument(
        "--period", required=True, metavar=say("metavar_period"), help=say("attendance_period")
    )
    at.add_argument("--data", help=say("attendance_data"))
    at.add_argument(
        "--holiday", action="append", metavar=say("metavar_date"), help=say("attendance_holiday")
    )
    at.add_argument("--out", metavar=say("metavar_out"), help=say("attendance_out"))
    at.add_argument("--strict", action="store_true", help=say("attendance_strict"))
    at.add_argument(
        "--shape", choices=("auto", "day", "punch"), default="auto", help=say("attendance_shape")
    )
    at.add_argument("--ids", metavar=say("metavar_ids"), help=say("attendance_ids"))
    at.add_argument("--statuses", metavar=say("metavar_statuses"), help=say("attendance_statuses"))
    at.add_argument("--roster", metavar=say("metavar_roster"), help=say("attendance_roster"))
    at.add_argument(
        "--runs", action="append", metavar=say("metavar_code"), help=say("attendance_runs")
    )
    at.add_argument(
        "--spells", action="append", metavar=say("metavar_spell"), help=say("attendance_spells")
    )
    at.add_argument(
        "--spells-before", metavar=say("metavar_before"), help=say("attendance_spells_before")
    )
    at.set_defaults(func=cmd_attendance)

    t = command("template")
    t.add_argument("path", metavar=say("metavar_path"), help=say("template_path"))
    language(t)
    t.set_defaults(func=cmd_template)

    s = command("schema")
    language(s)
    s.add_argument("--out", metavar=say("metavar_out_folder"), help=say("schema_out"))
    s.set_defaults(func=cmd_schema)

    g = command("test")
    g.add_argument("files", nargs="*", metavar=say("metavar_files"), help=say("test_files"))
    language(g)
    g.set_defaults(func=cmd_test)

    r = command("verify")
    language(r)
    # required: the demo data would "verify" a real receipt with hundreds of differences
    r.add_argument("--data", required=True, help=say("verify_data"))
    rules(r, say("verify_rules"))
    r.add_argument(
        "--receipt", required=True, metavar=say("metavar_receipt"), help=say("verify_receipt")
    )
    r.set_defaults(func=cmd_verify)
    return p


def _version() -> str:
    import tukin

    return f"tukin {tukin.__version__}"


def console() -> int:
    """The ``tukin`` command: :func:`main` in a process of its own, whose allocator it may
    tune (see :mod:`tukin._allocator`; ``TUKIN_MALLOC=default`` leaves it alone)."""
    keep_freed_memory()
    try:
        try:
            return main()
        finally:  # what is still buffered (the help, a last line) meets a closed pipe here,
            sys.stdout.flush()  # not in the interpreter's flush at exit, which would complain
    except BrokenPipeError:
        return _reader_gone()


#: The exit code of a command whose output's reader went away: a shell's for SIGPIPE (128 + 13)
READER_GONE = 141


def _reader_gone() -> int:
    """The reader of stdout closed it (``tukin validate ... | head``): the command stops
    without a word about the pipe, its output is no longer wanted. It was reported as a file
    that could not be written (``kesalahan [os_error]: ... '': Broken pipe``). Python's
    recipe: stdout is pointed at devnull, so that nothing tries to write the rest to the
    closed pipe again. The warnings the command gave are still shown on stderr (by
    :func:`main`): ``tukin calculate ... | head`` showed the table's head and dropped
    ``unapplied_sanctions``, which the same command without ``head`` says.

    The exit code stays a shell's for SIGPIPE (:data:`READER_GONE`), as ``git log | head``
    and coreutils give: the output was cut short, and a script under ``set -o pipefail`` is
    told so; 0 would say the command ran to its end, and its own code (1: rows rejected)
    cannot be known when it stopped midway."""
    import os

    with contextlib.suppress(OSError, ValueError, AttributeError):  # a stdout with no file
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return READER_GONE


def main(argv: Sequence[str] | None = None) -> int:
    given = sys.argv[1:] if argv is None else list(argv)
    # the help is printed while the line is parsed: its language is read from the line first
    parser = build_parser(_lang_on_line(given) or get_language())
    args = parser.parse_args(given)
    if getattr(args, "lang", None) is None:
        args.lang = get_language()  # every command, and its errors, in one language
    lang = _lang(args.lang)
    if getattr(args, "period", "") is None:
        # a payment of real data for a month nobody named is the wrong month's as often as not
        # (a clerk in November forgetting --period); only the demo data has a month of its own
        if getattr(args, "data", None) and (args.command != "validate" or args.rules):
            said = (
                "--period wajib diisi bersama --data (bulan yang dihitung, mis. 2025-11)"
                if lang == "id"
                else "--period is required with --data (the month to calculate, e.g. 2025-11)"
            )
            print(f"{_error_word(lang)}: {said}", file=sys.stderr)
            return 2
        args.period = DEMO_PERIOD
    if isinstance(getattr(args, "period", None), str):
        from tukin.io._cells import to_period

        # the forms a sheet's Periode column accepts (Oktober 2025, 10/2025), not only 2025-10
        args.period = to_period(args.period) or args.period
    # --lang is the session's language for the command: the reasons a calculation gives and
    # every message without a lang of its own follow it
    previous = set_language(lang)
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                code = int(args.func(args))
                sys.stdout.flush()  # a closed pipe said now, as a reader gone (below)
            except BrokenPipeError:  # an OSError, but no file at fault: the reader left
                code = _reader_gone()  # its warnings still said on stderr, below
            except TukinError as exc:
                print(f"{_error_word(lang)} [{exc.code}]: {exc.message(lang)}", file=sys.stderr)
                code = 2
            except OSError as exc:  # missing file, no permission, a folder where a file was meant
                print(f"{_error_word(lang)} [os_error]: {_os_error(exc, lang)}", file=sys.stderr)
                code = 2
    finally:
        set_language(previous)
    _show_warnings(caught, lang)
    return code


_OS_REASONS = {
    errno.ENOENT: "os_error_missing",
    errno.EACCES: "os_error_permission",
    errno.EPERM: "os_error_permission",
    errno.EISDIR: "os_error_folder",
    errno.ENOTDIR: "os_error_not_folder",
    errno.EEXIST: "os_error_exists",
    errno.ENOSPC: "os_error_full",
    errno.EROFS: "os_error_read_only",
}


def _os_error(exc: OSError, lang: Lang) -> str:
    """An operating system's refusal in ``lang``: the file and the reason (its own English
    words only when the reason is none of the usual ones)."""
    reason = _OS_REASONS.get(exc.errno) if exc.errno is not None else None
    detail = render(reason, lang) if reason else (exc.strerror or str(exc))
    where = exc.filename if exc.filename is not None else ""
    return render("os_error", lang, value=where, detail=detail)


def _show_warnings(caught: list[warnings.WarningMessage], lang: str) -> None:
    """Input warnings as one line each (``peringatan [code]: ...``); others as Python shows them."""
    word = "peringatan" if lang == "id" else "warning"
    for w in caught:
        code, message = getattr(w.message, "code", None), getattr(w.message, "message", None)
        if code is not None and callable(message):
            print(f"{word} [{code}]: {message(lang)}", file=sys.stderr)
        else:
            warnings.showwarning(w.message, w.category, w.filename, w.lineno)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(console())
