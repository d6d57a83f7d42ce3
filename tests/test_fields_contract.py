"""``code`` + ``fields``, the machine contract, held to the catalogue (tukin._fieldspec).

Review 88: calculation reasons built as plain word pairs gave ``fields: {}`` (a target, a
status, a rating refused: no column named), a monitoring score's rejection too; some codes
were in no catalogue, so docs/codes.md did not list them; lists were joined into one text
and amounts written ``Rp0``. Here every reason the rule types give is checked structurally
(no word pair without fields), every code emitted in the scenarios below against what
docs/codes.md says it carries, and the shapes a program reads (lists, whole rupiah).
"""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from source_trees import parsed

import tukin
from tests import strategies as tst
from tukin._fieldspec import EXTRA, GLOSSARY, OPTIONAL, TYPES, WORDS, breaches, documented
from tukin.calc.engine import _Run
from tukin.dataset import Dataset
from tukin.errors import InputWarning, Problem, reason_fields
from tukin.messages import MESSAGES

TUKIN = Path(tukin.__file__).parent
REJECTS = ("reject", "reject_rows", "_reject")


def _reject_calls() -> list[tuple[str, ast.Call]]:
    """Every call of a ``reject`` in tukin's source: (file:line, the call)."""
    out = []
    for path, tree in parsed(TUKIN):
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                fn = node.func
                name = fn.attr if isinstance(fn, ast.Attribute) else getattr(fn, "id", None)
                if name in REJECTS and node.args:
                    out.append((f"{path.relative_to(TUKIN)}:{node.lineno}", node))
    return out


class TestCatalogue:
    def test_no_reason_is_words_alone(self) -> None:
        """A reason written as a pair of texts (or one text) has no fields: every reason a
        rule gives is a Worded or rendered one, with the data it words."""
        bare = [
            where
            for where, call in _reject_calls()
            if isinstance(call.args[-1], ast.Tuple | ast.JoinedStr | ast.Constant)
        ]
        assert bare == []

    def test_every_rejection_code_is_in_the_catalogue(self) -> None:
        """A code a rule rejects with is in MESSAGES, so docs/codes.md lists it and what it
        carries (bad_range, not_eligible, unknown_status... were not)."""
        codes = set()
        for _, call in _reject_calls():
            rows_first = (
                getattr(call.func, "attr", None) == "reject_rows"
            )  # (rows, code, step, why)
            arg = call.args[-3 if rows_first else -2]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                codes.add(arg.value)
        assert codes and sorted(codes - set(MESSAGES)) == []

    def test_the_declarations_name_catalogue_codes_and_known_types(self) -> None:
        named = {*EXTRA, *WORDS, *OPTIONAL, *(k.split(".")[0] for k in TYPES)}
        assert sorted(named - set(MESSAGES)) == []
        kinds = {"text", "integer", "boolean", "exact", "date", "period", "object"}
        for kind in [*(t for t, _ in GLOSSARY.values()), *TYPES.values()]:
            for one in kind.split(" or "):
                assert one.removeprefix("list of ") in kinds, kind
        for code, extra in EXTRA.items():
            assert set(extra) <= set(documented(code)), code

    def test_placeholders_are_fields_unless_declared_words(self) -> None:
        """Every data placeholder of a template is a documented field of its code."""
        from tukin._fieldspec import placeholders

        for code in MESSAGES:
            doc = documented(code)
            for name in placeholders(code):
                words = name == "detail" or name.endswith(("_en", "_id"))
                assert words or name in WORDS.get(code, {}) or name in doc, (code, name)

    def test_codes_md_lists_each_codes_fields(self) -> None:
        """The generated page names the keys a program reads, typed, and what they mean."""
        from tukin._codesdoc import codes_markdown

        page = codes_markdown()
        row = next(line for line in page.splitlines() if line.startswith("| `lookup_default`"))
        assert row.endswith(
            "| `step` (text), `ruleset` (text), `value` (integer), `period` (period), "
            "`default` (exact), `nips` (list of text), `column`? (text), "
            "`keys` (list of object), `more_keys`? (integer) |"
        )
        assert "| `choices` | list of text | the values accepted |" in page

    def test_a_breach_is_found(self) -> None:
        """The check itself: an undocumented key, a missing one, a joined list."""
        assert breaches("unread_attendance_code", {"value": "a, b"})
        assert breaches("unread_attendance_code", {"value": ["a"], "period": "2025-10"})
        assert breaches("no_target", {"column": "t", "x": 1})
        assert not breaches("no_target", {"column": "t"})
        assert not breaches("invalid_choice", {"choices": ["a"]}, problem=True)
        assert not breaches("missing_base", {"value": 14}) and not breaches(
            "missing_base", {"value": "x"}
        )
        assert breaches("missing_base", {"value": ["x"]})


# -- what the runs emit ---------------------------------------------------------------------


class Emitted:
    """Every (kind, code, fields) a block of code emitted, as the documents write them."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.found: list[tuple[str, str, dict[str, Any]]] = []
        self.warnings: list[InputWarning] = []
        self.problems: list[Problem] = []
        reject_rows = _Run.reject_rows

        def rejected(run: _Run, rows: Any, code: str, step: str, detail: Any) -> None:
            self.found.append(("reason", code, reason_fields(detail)))
            reject_rows(run, rows, code, step, detail)

        monkeypatch.setattr(_Run, "reject_rows", rejected)
        warn_init = InputWarning.__init__

        def warned(w: InputWarning, *args: Any, **kw: Any) -> None:
            warn_init(w, *args, **kw)
            self.warnings.append(w)

        monkeypatch.setattr(InputWarning, "__init__", warned)
        problem_init = Problem.__init__

        def found(p: Problem, *args: Any, **kw: Any) -> None:
            problem_init(p, *args, **kw)
            self.problems.append(p)

        monkeypatch.setattr(Problem, "__init__", found)

    def all(self) -> list[tuple[str, str, dict[str, Any]]]:
        return [
            *self.found,
            *(("warning", w.code, w.params) for w in self.warnings),
            *(("problem", p.code, p.params()) for p in self.problems),
        ]

    def breaches(self) -> list[str]:
        return [
            f"{kind} {b}"
            for kind, code, fields in self.all()
            if code in MESSAGES
            for b in breaches(code, fields, problem=kind == "problem")
        ]

    def of(self, code: str) -> list[dict[str, Any]]:
        return [f for _, c, f in self.all() if c == code]


@pytest.fixture
def emitted(monkeypatch: pytest.MonkeyPatch) -> Emitted:
    return Emitted(monkeypatch)


A = {"nip": tst.nips(3)}


class TestRuleReasons:
    """The reasons the built-in rule types gave as words alone now carry their data."""

    def test_achievement(self, emitted: Emitted) -> None:
        tst.run_steps(
            {**A, "r": [1, 2, 3], "t": [None, 5, 5], "tmax": [None, 1, 9], "pol": ["x", "x", "x"]},
            [
                {"id": "a", "type": "achievement", "realisation": "r", "target": "t"},
                {
                    "id": "b",
                    "type": "achievement",
                    "realisation": "r",
                    "target": "t",
                    "target_max": "tmax",
                },
                {
                    "id": "c",
                    "type": "achievement",
                    "realisation": "r",
                    "target": "t",
                    "polarity": "pol",
                },
            ],
        )
        assert {"column": "t"} in emitted.of("no_target")
        assert emitted.of("bad_range") == [{"column": "tmax", "target": "t"}]
        assert emitted.of("unknown_polarity") == [{"column": "pol"}]
        assert emitted.breaches() == []

    def test_geometric_mean(self, emitted: Emitted) -> None:
        tst.run_steps(
            {**A, "x": [-1, 1, 2], "y": [1, 1, 1]},
            [{"id": "g", "type": "aggregate", "inputs": ["x", "y"], "method": "geometric_mean"}],
        )
        assert emitted.of("negative_input") == [{"columns": ["x", "y"]}]
        assert emitted.breaches() == []

    def test_appraisal(self, emitted: Emitted) -> None:
        tst.run_steps(
            {**A, "res": ["above", "great", None], "beh": ["below", "below", None]},
            [
                {
                    "id": "p",
                    "type": "predikat_matrix",
                    "results": "res",
                    "behaviour": "beh",
                    "matrix": _MATRIX,
                }
            ],
        )
        assert emitted.of("unknown_rating") == [
            {"columns": ["res", "beh"], "choices": ["above", "as_expected", "below"]}
        ]
        assert emitted.of("no_appraisal") == [{"columns": ["res", "beh"], "period": "2025-10"}]
        assert emitted.breaches() == []

    def test_status(self, emitted: Emitted) -> None:
        steps = [
            {
                "id": "f",
                "type": "status_factor",
                "status": "st",
                "factors": {"pns": 1},
                "not_eligible": ["ppnpn"],
                "missing": "reject",
            },
        ]
        tst.run_steps({**A, "st": ["ppnpn", "xx", None]}, steps)
        assert emitted.of("not_eligible") == [{"column": "st", "value": "ppnpn"}]
        assert sorted(f["blank"] for f in emitted.of("unknown_status")) == [False, True]
        assert all(f["choices"] == ["pns"] for f in emitted.of("unknown_status"))
        assert emitted.breaches() == []


_MATRIX = {
    r: {b: "baik" for b in ("above", "as_expected", "below")}
    for r in ("above", "as_expected", "below")
}


class TestMonitoringReason:
    def test_score_row_rejected_names_the_row(self, emitted: Emitted) -> None:
        """A score reading a rejected realisation: its table, key, the work item and the
        row's own reasons, not {} (the reason was a word pair)."""
        from tests.test_rejected_monitoring import run, tables_with

        run(tables_with("realisations", ("i3", "2025-Q1"), "value", -1))
        said = emitted.of("score_row_rejected")
        assert said, "no score_row_rejected"
        first = said[0]
        assert first["table"] == "realisations" and first["key"] == "i3/2025-Q1"
        assert first["item"] == "S12"
        assert [p["code"] for p in first["problems"]] == ["below_minimum"]
        assert emitted.breaches() == []


class TestData:
    """Lists are lists, amounts whole rupiah or exact text: not words for one reader."""

    def test_invalid_choice_lists_its_choices(self) -> None:
        ds = Dataset.from_frames(**_with_status("honorer"))
        problem = next(p for p in ds.report.problems if p.code == "invalid_choice")
        assert isinstance(problem.params()["choices"], list)
        assert "pns" in problem.params()["choices"]
        # the message still joins them, in each language its own words
        assert "pns, " in problem.message("en") or ", pns" in problem.message("en")
        assert "honorer" in problem.message("id")
        assert "[" not in problem.message("en") and "[" not in problem.message("id")

    def test_lookup_default_keys_nips_and_default(self, emitted: Emitted) -> None:
        """``default`` was ``"Rp0"`` and ``nips`` one joined text; the keys only words."""
        import warnings

        from tukin.demo import generate

        ds = Dataset.from_frames(**generate(40, seed=3))
        steps = [
            {"id": "dasar", "type": "lookup", "key": "grade", "unit": "rupiah",
             "table": {g: 1_000_000 for g in range(1, 9)}, "default": 0},
        ]  # fmt: skip
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = tukin.calculate(ds, tukin.load_ruleset({"name": "d", "steps": steps}), "2025-10")
        [warning] = [w for w in res.warnings if w.code == "lookup_default"]
        assert "default Rp0" in warning.message("en")  # the words unchanged
        said = emitted.of("lookup_default")
        assert len(said) == 1, said
        fields = said[0]
        assert fields["default"] == "0" and fields["column"] == "grade"
        assert isinstance(fields["nips"], list) and all(len(n) == 18 for n in fields["nips"])
        assert all(set(k) == {"key", "employees"} for k in fields["keys"])
        assert sum(k["employees"] for k in fields["keys"]) == fields["value"]
        assert emitted.breaches() == []


def _with_status(status: str) -> dict[str, Any]:
    tables = tst.mini_regency_tables(True)
    frame = tables["employees"].copy()
    frame["status"] = frame["status"].astype(object)
    frame.loc[frame.index[0], "status"] = status
    tables["employees"] = frame
    return tables


class TestDemo:
    def test_the_demo_under_each_pack_keeps_the_contract(self, emitted: Emitted) -> None:
        """The demo regency, with a few cells spoiled, through the packs that pay it: every
        warning, rejection and problem carries what docs/codes.md says."""
        from tests.test_presets import demo_dataset

        ds = demo_dataset(300)
        frames = {name: ds[name].copy() for name in ds.tables}
        emp = frames["employees"]
        emp["status"] = emp["status"].astype(object)
        emp.loc[emp.index[:2], "status"] = "honorer"
        spoiled = Dataset.from_frames(**frames)
        for name in ("tpp-60-40", "tpp-80-20"):
            try:
                tukin.calculate(spoiled, tukin.load_ruleset(name), "2025-10")
            except tukin.TukinError:
                continue
        assert emitted.all(), "nothing emitted"
        assert emitted.breaches() == []
        json.dumps([f for *_, f in emitted.all()])  # JSON data, no float
        assert pd.Series([c for _, c, _ in emitted.all()]).nunique() > 3


class TestSchema:
    def test_the_new_shapes_validate_against_the_published_schema(self) -> None:
        """Lists of objects (a rejected row's problems, a warning's keys) and whole rupiah in
        ``fields`` are what the result schema's ``field_value`` allows; a float is not."""
        import warnings

        from tests.test_json_integration import _validator
        from tests.test_rejected_monitoring import tables_with

        ds = Dataset.from_frames(**tables_with("realisations", ("i3", "2025-Q1"), "value", -1))
        steps = [
            {"id": "c", "type": "rollup"},
            {"id": "tpp", "type": "formula", "expr": "rupiah(1000000 * c)"},
            {"id": "r", "type": "round", "input": "tpp"},
        ]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = tukin.calculate(ds, tukin.load_ruleset({"name": "t", "steps": steps}), "2025-Q1")
        doc = json.loads(res.to_json("en"))
        [row] = [r for r in doc["rejected"] if r["code"] == "score_row_rejected"][:1]
        assert isinstance(row["fields"]["problems"][0], dict)
        validator = _validator("result")
        assert list(validator.iter_errors(doc)) == []
        row["fields"]["problems"][0]["fields"]["minimum"] = 0.5
        assert list(validator.iter_errors(doc))
