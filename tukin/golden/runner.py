"""Running case files: by pytest (``tests/conftest.py``), by ``tukin test`` (:func:`run_cli`).

Cases sharing rules, period and parameters run in one calculation (rules are row-wise: an
employee's result never depends on the other rows), so the shipped cases take seconds. A case
that breaks its batch is run alone, so one mistake does not hide the other cases' results.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from tukin._language import language
from tukin._language import resolve as resolve_lang
from tukin._quiet import ignoring
from tukin.errors import InputWarning, Lang, TukinError, render
from tukin.golden.case import Case, case_files, load_cases
from tukin.golden.data import build_dataset, plain
from tukin.golden.report import Outcome, compare, words
from tukin.period import Period
from tukin.ruleset.types import to_exact

if TYPE_CHECKING:
    from tukin.rules.appraisal import Limit
    from tukin.ruleset.model import RuleSet

__all__ = ["FileRun", "distribution_limits", "run_cli"]


class FileRun:
    """The cases of one file, run lazily, together where they share rules, period, parameters."""

    def __init__(self, path: str | Path, lang: str | None = None) -> None:
        """``lang``: of the reports (``None``: :func:`tukin.get_language` now)."""
        self.path, self.lang = Path(path), resolve_lang(lang)
        self.cases = load_cases(self.path)
        self._done: dict[str, Outcome] = {}
        self._rules: dict[str, RuleSet] = {}

    def outcome(self, case: Case) -> Outcome:
        """The outcome of ``case``; the first call runs every case of the file."""
        if not self._done:
            groups: dict[str, list[Case]] = {}
            for c in self.cases:
                if c.check == "distribution":
                    self._done[c.name] = self._distribution(c)
                elif c.expect_error is not None or c.tables:  # alone: own tables or error
                    self._done[c.name] = self._run([c])[0]
                else:
                    groups.setdefault(self._key(c), []).append(c)
            for group in groups.values():
                self._done.update((o.case.name, o) for o in self._run(group))
        return self._done[case.name]

    def outcomes(self) -> list[Outcome]:
        """Every case's outcome, in file order."""
        return [self.outcome(c) for c in self.cases]

    def _key(self, case: Case) -> str:
        return json.dumps([case.rules, case.period, plain(case.parameters)], sort_keys=True)

    def ruleset(self, case: Case) -> RuleSet:
        """The case's rules (a file beside the case file, or a pack) with its parameters."""
        key = json.dumps([case.rules, plain(case.parameters)], sort_keys=True)
        if key not in self._rules:
            from tukin.ruleset.load import load_ruleset

            local = self.path.parent / case.rules
            rs = load_ruleset(local if local.is_file() else case.rules)
            self._rules[key] = rs.with_parameters(**case.parameters) if case.parameters else rs
        return self._rules[key]

    def _run(self, group: list[Case]) -> list[Outcome]:
        from tukin.calc.engine import calculate

        first = group[0]
        try:
            from tukin.calc.needs import codes_read

            rs = self.ruleset(first)
            ds, nips = build_dataset(group, codes_read(rs, Period.parse(first.period)), rs.requires)
            # a case is made to be unusual (no SKP row, an unread code): the warnings that
            # would alert a payroll clerk are its premise, not a finding; the reasons of its
            # rejections are those of the reports, in their language
            with ignoring(InputWarning), language(self.lang):
                fast = calculate(ds, rs, first.period)
                exact = calculate(ds, rs, first.period, reference=True)
        except Exception as exc:  # a case that breaks the run is a finding, not a crash
            if len(group) > 1:  # one case broke the batch: run each alone to find which
                return [o for c in group for o in self._run([c])]
            return [self._error(first, exc)]
        if first.expect_error is not None:
            said = render("golden_run_succeeded", self.lang, code=first.expect_error.code)
            return [Outcome(first, [said])]
        label = f"{rs.name} v{rs.version}"
        unread = _unread_codes(fast.warnings)
        outcomes = []
        for c in group:
            outcome = compare(c, fast, exact, nips[c.name], label, self.lang)
            outcome.problems.extend(_misspelt_codes(c, unread, label, self.lang))
            outcomes.append(outcome)
        return outcomes

    def _error(self, case: Case, exc: Exception) -> Outcome:
        """Compare the error that stopped the run with the one the case expects, if any."""
        lang = self.lang
        if not isinstance(exc, TukinError):  # a bug, not a rule: show what and where
            said = render("golden_run_crashed", lang, kind=type(exc).__name__, detail=str(exc))
            return Outcome(case, [said])
        msg, want = exc.message(lang), case.expect_error
        if want is None:
            return Outcome(case, [render("golden_run_stopped", lang, code=exc.code, detail=msg)])
        if exc.code != want.code:
            said = render("golden_other_error", lang, expected=want.code, code=exc.code, detail=msg)
            return Outcome(case, [said])
        # a case file is written in one language, its reader may read another: either matches
        if want.message and all(want.message not in exc.message(lg) for lg in ("en", "id")):
            said = render("golden_error_text", lang, code=exc.code, value=want.message, detail=msg)
            return Outcome(case, [said])
        return Outcome(case)

    def _distribution(self, case: Case) -> Outcome:
        from tukin.rules.appraisal import check_distribution

        try:
            limits = distribution_limits(self.ruleset(case), case.period)
            found = check_distribution(
                case.ratings, str(case.organisation), limits, ignore=case.ignore
            )
        except (TukinError, ValueError) as exc:
            detail = exc.message(self.lang) if isinstance(exc, TukinError) else str(exc)
            return Outcome(case, [render("golden_check_stopped", self.lang, detail=detail)])
        want = case.expect and case.expect.breaches
        # a case file is written in one language, its reader may read another: either matches
        if any([b.message(lg) for b in found] == want for lg in ("en", "id")):
            return Outcome(case)
        got = [b.message(self.lang) for b in found]
        return Outcome(
            case,
            [
                render("golden_breaches_expected", self.lang, value=want),
                render("golden_breaches_found", self.lang, value=got),
            ],
        )


def _unread_codes(found: Sequence[InputWarning]) -> set[str]:
    """The attendance codes with counts that no step of the rules read (the run's
    ``unread_attendance_code`` warning, which the runner does not let through)."""
    return {
        code.strip()
        for w in found
        if w.code == "unread_attendance_code"
        for code in str(w.fields.get("value", "")).split(",")
    }


def _misspelt_codes(case: Case, unread: set[str], rules: str, lang: Lang) -> list[str]:
    """A case's attendance code that is no template code and that no step read (``tk1``
    for ``tk``): its count cut nothing, so a case expecting the unreduced amount passed.
    A template code no step reads is a case's premise ("sick leave costs nothing"), not this."""
    from tukin.golden.data import ATTENDANCE_CODES

    given = {k for e in case.employees for k, v in (e.attendance or {}).items() if v}
    typos = sorted((given & unread) - set(ATTENDANCE_CODES))
    if not typos:
        return []
    return [render("golden_misspelt_code", lang, value=", ".join(typos), rules=rules)]


def distribution_limits(ruleset: RuleSet, period: str | Period) -> dict[str, tuple[Limit, ...]]:
    """A pack's SE MenPANRB 03/2023 curve (parameter ``distribution_curve``) as the limits of
    :func:`tukin.rules.appraisal.check_distribution`: the curve an auditor reads in the pack,
    with its reference, is the one checked."""
    from tukin.errors import RuleProblem, RuleSetError
    from tukin.rules.appraisal import Limit

    curve = ruleset.parameter_at("distribution_curve", Period.parse(period)).value
    out: dict[str, tuple[Limit, ...]] = {}
    for organisation, bounds in curve.items():
        limits = []
        for b in bounds:
            kind = [k for k in ("at_most", "at_least", "more_than") if k in b]
            if len(kind) != 1 or set(b) != {kind[0], "of"}:
                en, id_ = (
                    render("distribution_bound", lg, value=organisation) for lg in ("en", "id")
                )
                where = f"parameters.distribution_curve.{organisation}"
                raise RuleSetError([RuleProblem("distribution_bound", en, id_, key=where)])
            limits.append(Limit(tuple(b["of"]), cast("Any", kind[0]), to_exact(b[kind[0]])))
        out[str(organisation)] = tuple(limits)
    return out


def _os_said(exc: OSError, lang: Lang) -> str:
    """A file that cannot be read, in ``lang`` (the system's own words as the detail)."""
    return render("os_error", lang, value=exc.filename or "", detail=exc.strerror or str(exc))


def run_cli(files: Sequence[str | Path], lang: str | None = None) -> int:
    """``tukin test``: run case files (default: the shipped ones), a line per case and one with
    its legal basis, the failure reports, a summary and how many cases trace to an article, in
    ``lang`` (``None``: :func:`tukin.get_language`). Exit code 0 all pass, 1 a case fails, 2 a
    file cannot be read."""
    lang = resolve_lang(lang)
    started, t = time.perf_counter(), words(lang)
    counts = dict.fromkeys(("passed", "failed", "xfailed", "xpassed"), 0)
    traced = dict.fromkeys(("provision", "unverified", "policy", "none"), 0)
    reports: list[str] = []
    for path in [Path(f) for f in files] or case_files():
        try:
            outcomes = FileRun(path, lang=lang).outcomes()
        except (TukinError, OSError) as exc:
            detail = exc.message(lang) if isinstance(exc, TukinError) else _os_said(exc, lang)
            print(detail if str(path) in detail else f"{path}: {detail}")  # named once
            return 2
        print(f"{path} ({len(outcomes)})")
        for o in outcomes:
            counts[o.status] += 1
            traced[o.case.traceability] += 1
            print(f"  {t[o.status]:<6} {o.case.name}")
            basis = dict.fromkeys(b.text(lang, note=False) for b in o.case.basis)  # once each
            print(f"         {t['basis']}: {'; '.join(basis) or '—'}")
            reports += [o.report(lang)] if o.status in ("failed", "xpassed") else []
    for r in reports:
        print("\n" + r)
    bad = counts["failed"] + counts["xpassed"]
    summary = t["summary"].format(p=counts["passed"], x=counts["xfailed"], f=bad)
    print(f"\n{summary} ({time.perf_counter() - started:.1f} s)")
    print(t["traced"].format(**traced))
    return 1 if bad else 0
